package io.gmerecording.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every library module's public API (public and protected members of its public classes) against the dump committed
 * beside its sources, {@code MODULE/api/MODULE.api}: a change to the API shows in the diff of a review. After a change
 * on purpose, {@code mvn -B verify -Dapi.update=true} writes the dumps anew (then commit them).
 */
class PublicApiDumpTest {

    /** The modules applications build on; the examples, benchmarks and the generated DTOs are not dumped. */
    static Stream<ModuleRule> libraries() {
        return Stream.of(LayeringTest.CORE, LayeringTest.CALLBACKS, LayeringTest.TC3, LayeringTest.CREDENTIALS, LayeringTest.ADAPTER_HTTP,
                LayeringTest.ADAPTER_SDK, LayeringTest.EMULATOR, LayeringTest.REDIS, LayeringTest.MICROMETER,
                LayeringTest.SPRING_BOOT_STARTER, LayeringTest.CLI);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("libraries")
    void thePublicApiIsTheCommittedDump(ModuleRule module) throws IOException {
        String dump = dump(module);
        Path file = Paths.get("..", module.name(), "api", module.name() + ".api");
        if (Boolean.getBoolean("api.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, dump, StandardCharsets.UTF_8);
        }
        assertThat(file).as("the API dump of " + module.name()).exists();
        assertThat(dump).as("the public API of " + module.name() + " differs from " + file.normalize() + "; if the "
                + "change is meant, run mvn -B verify -Dapi.update=true and commit the dump")
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** One line per public class, then one indented line per public or protected member, sorted. */
    static String dump(ModuleRule module) {
        List<JavaClass> classes = LayeringTest.PRODUCTION_CLASSES.stream()
                .filter(type -> type.getPackageName().equals(module.basePackage())
                        || type.getPackageName().startsWith(module.basePackage() + "."))
                .filter(type -> !LayeringTest.isInternal(type.getPackageName()))
                .filter(PublicApiDumpTest::isPublicApi)
                .sorted(Comparator.comparing(JavaClass::getName))
                .collect(Collectors.toList());
        StringBuilder out = new StringBuilder();
        for (JavaClass type : classes) {
            out.append(header(type)).append('\n');
            Set<String> members = new TreeSet<>();
            type.getMembers().stream().filter(member -> member.getOwner().equals(type))
                    .filter(PublicApiDumpTest::isVisible).forEach(member -> members.add(signature(member)));
            members.forEach(member -> out.append("  ").append(member).append('\n'));
        }
        return out.toString();
    }

    /** Public, and reachable: a nested class counts only when every class around it is public too. */
    private static boolean isPublicApi(JavaClass type) {
        for (JavaClass at = type; at != null; at = at.getEnclosingClass().orElse(null)) {
            if (!at.getModifiers().contains(JavaModifier.PUBLIC) || at.isAnonymousClass() || at.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisible(JavaMember member) {
        Set<JavaModifier> modifiers = member.getModifiers();
        return (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED))
                && !modifiers.contains(JavaModifier.SYNTHETIC) && !modifiers.contains(JavaModifier.BRIDGE);
    }

    private static String header(JavaClass type) {
        String kind = type.isInterface() ? (type.isAnnotation() ? "@interface" : "interface")
                : type.isEnum() ? "enum" : "class";
        StringBuilder line = new StringBuilder(modifiers(type.getModifiers(), kind)).append(' ').append(type.getName());
        type.getRawSuperclass().filter(superclass -> !superclass.isEquivalentTo(Object.class) && !type.isEnum()).ifPresent(superclass -> line.append(" extends ").append(superclass.getName()));
        List<String> interfaces = new ArrayList<>();
        type.getRawInterfaces().forEach(implemented -> interfaces.add(implemented.getName()));
        if (!interfaces.isEmpty()) {
            interfaces.sort(null);
            line.append(type.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
        }
        return line.toString();
    }

    private static String signature(JavaMember member) {
        if (member instanceof JavaField) {
            JavaField field = (JavaField) member;
            return modifiers(field.getModifiers(), null) + " " + typeName(field.getType()) + " " + field.getName();
        }
        JavaCodeUnit code = (JavaCodeUnit) member;
        String parameters = code.getParameterTypes().stream().map(PublicApiDumpTest::typeName)
                .collect(Collectors.joining(", "));
        String name = code.isConstructor() ? "<init>" : typeName(code.getReturnType()) + " " + code.getName();
        String throwing = code.getExceptionTypes().isEmpty() ? "" : " throws " + code.getExceptionTypes().stream()
                .map(JavaClass::getName).sorted().collect(Collectors.joining(", "));
        return modifiers(code.getModifiers(), null) + " " + name + "(" + parameters + ")" + throwing;
    }

    /** {@code java.lang.String[]}, not the class file's {@code [Ljava.lang.String;}. */
    private static String typeName(JavaType type) {
        if (type instanceof JavaClass && ((JavaClass) type).isArray()) {
            return typeName(((JavaClass) type).getComponentType()) + "[]";
        }
        return type.getName();
    }

    private static String modifiers(Set<JavaModifier> modifiers, String kind) {
        List<String> words = new ArrayList<>();
        for (JavaModifier modifier : new JavaModifier[] {JavaModifier.PUBLIC, JavaModifier.PROTECTED,
            JavaModifier.STATIC, JavaModifier.ABSTRACT, JavaModifier.FINAL}) {
            if (modifiers.contains(modifier) && !(kind != null && kind.contains("interface")
                    && modifier == JavaModifier.ABSTRACT)) {
                words.add(modifier.name().toLowerCase(Locale.ROOT));
            }
        }
        if (kind != null) {
            words.add(kind);
        }
        return String.join(" ", words);
    }
}
