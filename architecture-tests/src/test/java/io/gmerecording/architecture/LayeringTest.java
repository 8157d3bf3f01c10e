package io.gmerecording.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static io.gmerecording.architecture.ModuleRule.JACKSON;
import static io.gmerecording.architecture.ModuleRule.JACKSON_ANNOTATIONS;
import static io.gmerecording.architecture.ModuleRule.JACKSON_CORE;
import static io.gmerecording.architecture.ModuleRule.JAVA;
import static io.gmerecording.architecture.ModuleRule.module;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The dependency rule, one line per module, and a rule per internal package. */
class LayeringTest {

    /** The call pipeline's steps and the policies' guards: core's own plumbing. */
    static final String CORE_INTERNAL = "io.gmerecording.core.internal..";
    /** What the adapters take from the credentials module: sendable values, trusted certificates, the plain probe. */
    static final String CREDENTIALS_INTERNAL = "io.gmerecording.credentials.internal..";

    static final ModuleRule API_SPEC = module("api-spec", "io.gmerecording.spec")
            .mayUse(JAVA, JACKSON_ANNOTATIONS, JACKSON_CORE, "javax.annotation..");
    static final ModuleRule CORE = module("core", "io.gmerecording.core")
            .mayUse(JAVA)
            .mustNotExpose(CORE_INTERNAL)
            .mustNotUse("java.net.http..", "java.sql..", "java.nio.channels..", "java.rmi..");
    /** Plumbing for adapters only: settings, endpoint parsing, the response assembler. */
    static final String CORE_SPI = "io.gmerecording.core.spi..";

    /** The one mapping between the generated models and the domain, which both adapters call. */
    static final ModuleRule SPEC_MAPPING = module("spec-mapping", "io.gmerecording.mapping")
            .mayUse(JAVA, CORE, API_SPEC)
            .mustNotUse(CORE_SPI);

    /** The recording callback: verified and typed over the JDK's HMAC and Jackson's streaming parser, no web framework. */
    static final ModuleRule CALLBACKS = module("callbacks", "io.gmerecording.callbacks")
            .mayUse(JAVA, "javax.crypto..", "com.sun.net.httpserver..", CORE, JACKSON_CORE)
            .mustNotUse(CORE_SPI)
            .mustNotExpose(JACKSON_CORE);

    /** What both adapters share: the credentials chain (core, Jackson for tccli's JSON, files), trusted certs. */
    static final ModuleRule CREDENTIALS = module("credentials", "io.gmerecording.credentials")
            .mayUse(JAVA, "javax.net.ssl..", CORE, JACKSON)
            .mustNotExpose(CREDENTIALS_INTERNAL);

    /** The request signature: the JDK's HMAC and digests, nothing else, so the adapter and the emulator share it. */
    static final ModuleRule TC3 = module("tc3", "io.gmerecording.tc3")
            .mayUse(JAVA, "javax.crypto..");

    static final ModuleRule ADAPTER_HTTP = module("adapter-http", "io.gmerecording.http")
            .mayUse(JAVA, "javax.net.ssl..", CORE, CREDENTIALS, TC3, API_SPEC, SPEC_MAPPING, JACKSON)
            .mustNotExpose(API_SPEC, JACKSON);

    static final String TENCENT_SDK = "com.tencentcloudapi..";
    static final ModuleRule ADAPTER_SDK = module("adapter-sdk", "io.gmerecording.sdk")
            .mayUse(JAVA, "javax.net.ssl..", CORE, CREDENTIALS, API_SPEC, SPEC_MAPPING, TENCENT_SDK, "okhttp3..")
            .mustNotExpose(API_SPEC, TENCENT_SDK, "okhttp3..")
            .exceptDocumentedHooks("io.gmerecording.sdk.SdkTransport$Builder.sdkCredential",
                    "io.gmerecording.sdk.SdkTransport$Builder.sdkClientProfile");

    static final ModuleRule EMULATOR = module("emulator", "io.gmerecording.emulator")
            .mayUse(JAVA, "javax.net.ssl..", "com.sun.net.httpserver..", API_SPEC, JACKSON,
                    "io.gmerecording.tc3..", CALLBACKS,
                    "org.junit.jupiter.api.extension..")
            .mustNotExpose(API_SPEC, JACKSON);

    /**
     * What replicas share through Redis: core's permit SPI (the budget) and tracked-task store SPI over Lettuce, and
     * Jackson for the ends it keeps; it exposes neither.
     */
    static final ModuleRule REDIS = module("redis", "io.gmerecording.redis")
            .mayUse(JAVA, CORE, "io.lettuce..", JACKSON)
            .mustNotUse(CORE_SPI)
            .mustNotExpose("io.lettuce..", JACKSON);

    /** Micrometer's view of the observer SPI: core and Micrometer, nothing else. */
    static final ModuleRule MICROMETER = module("micrometer", "io.gmerecording.micrometer")
            .mayUse(JAVA, CORE, "io.micrometer..")
            .mustNotUse(CORE_SPI);

    /** Spring Boot's composition root: the public API of the modules it configures, and Spring. */
    static final ModuleRule SPRING_BOOT_STARTER = module("spring-boot-starter", "io.gmerecording.spring")
            .mayUse(JAVA, CORE, CREDENTIALS, ADAPTER_HTTP, ADAPTER_SDK, REDIS, MICROMETER, CALLBACKS,
                    "io.micrometer..", "org.springframework..", "jakarta.servlet..")
            .mustNotUse(TENCENT_SDK, API_SPEC.basePackage() + "..", CORE_SPI);

    /** The command line: a composition root over the public API, no SDK, generated type or adapter plumbing. */
    static final ModuleRule CLI = module("cli", "io.gmerecording.cli")
            .mayUse(JAVA, CORE, CREDENTIALS, REDIS, ADAPTER_HTTP, ADAPTER_SDK, EMULATOR, CALLBACKS, JACKSON,
                    "com.sun.net.httpserver..", "picocli..")
            .mustNotUse(TENCENT_SDK, API_SPEC.basePackage() + "..", CORE_SPI);

    /** Embedding examples: what an application writes, the public API only. */
    static final ModuleRule EXAMPLES = module("examples", "io.gmerecording.examples")
            .mayUse(JAVA, CORE, CREDENTIALS, ADAPTER_HTTP, ADAPTER_SDK, EMULATOR)
            .mustNotUse(TENCENT_SDK, API_SPEC.basePackage() + "..", CORE_SPI);

    /**
     * Measurements: public API, the adapters' and core's test fixtures, the SDK to compare with, JMH, and the JDK's
     * process CPU time (com.sun.management) for the per-CPU throughput.
     */
    static final ModuleRule BENCHMARKS = module("benchmarks", "io.gmerecording.benchmarks")
            .mayUse(JAVA, CORE, CREDENTIALS, TC3, ADAPTER_HTTP, ADAPTER_SDK, EMULATOR, CALLBACKS, REDIS, TENCENT_SDK,
                    "io.gmerecording.testing..",
                    "com.google.gson..",
                    "com.sun.net.httpserver..", "com.sun.management..", "org.openjdk.jmh..")
            .mustNotUse(CORE_SPI);

    static final ModuleRule[] MODULES = {API_SPEC, CORE, SPEC_MAPPING, CALLBACKS, TC3, CREDENTIALS, REDIS, ADAPTER_HTTP, ADAPTER_SDK,
        EMULATOR, MICROMETER, SPRING_BOOT_STARTER, CLI, EXAMPLES, BENCHMARKS};

    static final JavaClasses PRODUCTION_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gmerecording");

    static Stream<ModuleRule> modules() {
        return Stream.of(MODULES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void moduleHasClassesSoItsRulesCannotPassVacuously(ModuleRule module) {
        assertThat(PRODUCTION_CLASSES.that(resideInAPackage(module.basePackage() + "..")))
                .as("classes of module %s in package %s", module.name(), module.basePackage())
                .isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void moduleDependsOnlyOnWhatTheDesignAllows(ModuleRule module) {
        classes().that().resideInAPackage(module.basePackage() + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(module.allowed())
                .because("module " + module.name() + " may use only " + String.join(", ", module.allowed())
                        + " (the dependency rule)")
                .check(PRODUCTION_CLASSES);
    }

    static Stream<ModuleRule> modulesWithForbiddenPackages() {
        return modules().filter(module -> module.forbidden().length > 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modulesWithForbiddenPackages")
    void moduleAvoidsWhatTheDesignForbids(ModuleRule module) {
        noClasses().that().resideInAPackage(module.basePackage() + "..")
                .should().dependOnClassesThat().resideInAnyPackage(module.forbidden())
                .because("module " + module.name() + " must not use " + String.join(", ", module.forbidden()))
                .check(PRODUCTION_CLASSES);
    }

    static Stream<ModuleRule> modulesWithHiddenPackages() {
        return modules().filter(module -> module.hidden().length > 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modulesWithHiddenPackages")
    void modulePublicApiHidesItsImplementationTypes(ModuleRule module) {
        PublicSignatures.ofModule(module).shouldNotMention(module.hidden()).check(PRODUCTION_CLASSES);
    }

    /** Whether {@code packageName} is one of the internal packages, which are no module's public API. */
    static boolean isInternal(String packageName) {
        return packageName.endsWith(".internal") || packageName.contains(".internal.");
    }

    @Test
    void coreInternalIsUsedByCoreAlone() {
        noClasses().that().resideOutsideOfPackages(CORE.basePackage() + "..")
                .should().dependOnClassesThat().resideInAPackage(CORE_INTERNAL)
                .because("core.internal is the call pipeline's plumbing; every other module uses core's public API")
                .check(PRODUCTION_CLASSES);
    }

    @Test
    void credentialsInternalIsUsedByTheCredentialsAndTheAdaptersAlone() {
        noClasses().that().resideOutsideOfPackages(CREDENTIALS.basePackage() + "..",
                        ADAPTER_HTTP.basePackage() + "..", ADAPTER_SDK.basePackage() + "..",
                        BENCHMARKS.basePackage() + "..")
                .should().dependOnClassesThat().resideInAPackage(CREDENTIALS_INTERNAL)
                .because("credentials.internal is what the adapters share (the benchmarks' bare-JDK floor loads the "
                        + "same certificate); applications, the CLI, the starter and the examples never use it")
                .check(PRODUCTION_CLASSES);
    }

    @Test
    void everyInternalPackageHasItsRule() {
        assertThat(PRODUCTION_CLASSES.stream().map(JavaClass::getPackageName).filter(LayeringTest::isInternal)
                .distinct().sorted()).as("internal packages; each needs a rule above")
                .containsExactly("io.gmerecording.core.internal", "io.gmerecording.credentials.internal");
    }

    @Test
    void onlyTheAdaptersUseTheCoreSpi() {
        noClasses().that().resideOutsideOfPackages(CORE.basePackage() + "..", ADAPTER_HTTP.basePackage() + "..",
                        ADAPTER_SDK.basePackage() + "..")
                .should().dependOnClassesThat().resideInAPackage(CORE_SPI)
                .because("core.spi is plumbing for adapters; applications, the CLI and the examples use the public API")
                .check(PRODUCTION_CLASSES);
    }

    @Test
    void onlyAdapterSdkTouchesTheTencentSdk() {
        noClasses().that().resideOutsideOfPackages(ADAPTER_SDK.basePackage() + "..", BENCHMARKS.basePackage() + "..")
                .should().dependOnClassesThat().resideInAPackage(TENCENT_SDK)
                .because("SDK types never leave adapter-sdk (the benchmarks call the SDK to compare with it)")
                .check(PRODUCTION_CLASSES);
    }

    @Test
    void coreDoesNoFileOrNetworkIo() {
        noClasses().that().resideInAPackage(CORE.basePackage() + "..")
                .should().dependOnClassesThat().haveNameMatching("java\\.io\\.(File|RandomAccess).*")
                .orShould().dependOnClassesThat().haveNameMatching("java\\.net\\.(?!URI$|URISyntaxException$).*")
                .orShould().dependOnClassesThat().haveNameMatching("java\\.nio\\.file\\.(?!Path$).*")
                .because("core is pure: no file or network I/O (java.net.URI only parses; a Path only names the "
                        + "certificate file an adapter reads)")
                .check(PRODUCTION_CLASSES);
    }
}
