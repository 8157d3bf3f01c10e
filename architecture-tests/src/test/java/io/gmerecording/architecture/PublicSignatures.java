package io.gmerecording.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;

/** The public API of a module: public and protected members of its public classes, and the types they mention. */
final class PublicSignatures {

    private final ModuleRule module;

    private PublicSignatures(ModuleRule module) {
        this.module = module;
    }

    static PublicSignatures ofModule(ModuleRule module) {
        return new PublicSignatures(module);
    }

    ArchRule shouldNotMention(String... packages) {
        PackageMatchers hidden = PackageMatchers.of(packages);
        DescribedPredicate<JavaMember> inPublicApi = DescribedPredicate.describe(
                "public or protected members of public classes in " + module.basePackage(),
                member -> member.getOwner().getPackageName().startsWith(module.basePackage())
                        && !LayeringTest.isInternal(member.getOwner().getPackageName())
                        && member.getOwner().getModifiers().contains(JavaModifier.PUBLIC)
                        && (member.getModifiers().contains(JavaModifier.PUBLIC)
                                || member.getModifiers().contains(JavaModifier.PROTECTED)));
        ArchCondition<JavaMember> notMentioning = new ArchCondition<JavaMember>(
                "not mention types in " + String.join(", ", packages) + " in their signature") {
            @Override
            public void check(JavaMember member, ConditionEvents events) {
                if (module.isDocumentedHook(member.getFullName())) {
                    return;
                }
                for (JavaClass type : signatureTypes(member)) {
                    if (hidden.test(type.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(member,
                                member.getFullName() + " exposes " + type.getName()));
                    }
                }
            }
        };
        return members().that(inPublicApi).should(notMentioning)
                .because("module " + module.name() + " keeps " + String.join(", ", packages) + " an implementation detail");
    }

    private static List<JavaClass> signatureTypes(JavaMember member) {
        List<JavaClass> types = new ArrayList<>();
        if (member instanceof JavaField) {
            types.addAll(((JavaField) member).getType().getAllInvolvedRawTypes());
        } else if (member instanceof JavaCodeUnit) {
            JavaCodeUnit code = (JavaCodeUnit) member;
            types.addAll(code.getReturnType().getAllInvolvedRawTypes());
            code.getParameterTypes().forEach(type -> types.addAll(type.getAllInvolvedRawTypes()));
            code.getExceptionTypes().forEach(type -> types.add(type));
        }
        return types;
    }
}
