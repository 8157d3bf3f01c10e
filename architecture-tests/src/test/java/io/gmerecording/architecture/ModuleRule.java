package io.gmerecording.architecture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One module's place in the architecture: the package its classes live in, the packages it may use, and the
 * packages it must not use even where an allowed pattern would cover them. Written as one readable line per module.
 */
final class ModuleRule {

    static final String JAVA = "java..";
    static final String JACKSON = "com.fasterxml.jackson..";
    static final String JACKSON_ANNOTATIONS = "com.fasterxml.jackson.annotation..";
    /** The streaming parser and generator alone, without data binding. */
    static final String JACKSON_CORE = "com.fasterxml.jackson.core..";

    private final String name;
    private final String basePackage;
    private final List<String> allowed;
    private final List<String> forbidden;
    private final List<String> hidden;
    private final List<String> documentedHooks;

    private ModuleRule(String name, String basePackage, List<String> allowed, List<String> forbidden,
            List<String> hidden, List<String> documentedHooks) {
        this.name = name;
        this.basePackage = basePackage;
        this.allowed = allowed;
        this.forbidden = forbidden;
        this.hidden = hidden;
        this.documentedHooks = documentedHooks;
    }

    static ModuleRule module(String name, String basePackage) {
        return new ModuleRule(name, basePackage, Collections.singletonList(basePackage + ".."), Collections.emptyList(),
                Collections.emptyList(), Collections.emptyList());
    }

    /** Packages (ArchUnit patterns) or other modules this module may depend on. */
    ModuleRule mayUse(Object... packagesOrModules) {
        List<String> more = new ArrayList<>(allowed);
        more.addAll(patterns(packagesOrModules));
        return new ModuleRule(name, basePackage, more, forbidden, hidden, documentedHooks);
    }

    /** Packages this module must not touch although {@link #mayUse} would allow them. */
    ModuleRule mustNotUse(String... packages) {
        List<String> more = new ArrayList<>(forbidden);
        more.addAll(Arrays.asList(packages));
        return new ModuleRule(name, basePackage, allowed, more, hidden, documentedHooks);
    }

    /** Packages this module may use inside but must not show in a public signature of a public class. */
    ModuleRule mustNotExpose(Object... packagesOrModules) {
        List<String> more = new ArrayList<>(hidden);
        more.addAll(patterns(packagesOrModules));
        return new ModuleRule(name, basePackage, allowed, forbidden, more, documentedHooks);
    }

    /** Public members (full names up to the parameter list, e.g. {@code a.B$Builder.hook}) allowed to expose them. */
    ModuleRule exceptDocumentedHooks(String... members) {
        List<String> more = new ArrayList<>(documentedHooks);
        more.addAll(Arrays.asList(members));
        return new ModuleRule(name, basePackage, allowed, forbidden, hidden, more);
    }

    /** ArchUnit package patterns: strings as given, modules as their base package and below. */
    private static List<String> patterns(Object... packagesOrModules) {
        List<String> patterns = new ArrayList<>();
        for (Object item : packagesOrModules) {
            patterns.add(item instanceof ModuleRule ? ((ModuleRule) item).basePackage + ".." : (String) item);
        }
        return patterns;
    }

    String name() {
        return name;
    }

    String basePackage() {
        return basePackage;
    }

    String[] allowed() {
        return allowed.toArray(new String[0]);
    }

    String[] forbidden() {
        return forbidden.toArray(new String[0]);
    }

    String[] hidden() {
        return hidden.toArray(new String[0]);
    }

    boolean isDocumentedHook(String memberFullName) {
        int parameters = memberFullName.indexOf('(');
        String bare = parameters < 0 ? memberFullName : memberFullName.substring(0, parameters);
        return documentedHooks.contains(bare);
    }

    @Override
    public String toString() {
        return name;
    }
}
