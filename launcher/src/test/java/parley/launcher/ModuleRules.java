package parley.launcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import java.util.stream.Stream;

import com.tngtech.archunit.lang.ArchRule;

/** The module boundaries, as ArchUnit rules written as sentences. JPMS holds the same lines at compile time. */
final class ModuleRules {

    /** What any module may use besides project modules: the JDK and the kernel's two libraries. */
    private static final String[] LIBRARIES = {"java..", "javax..", "tools.jackson..", "com.fasterxml.jackson..", "org.slf4j.."};

    private ModuleRules() {
    }

    static ArchRule kernelDependsOnNoOtherModule() {
        return classes().that().resideInAPackage("parley.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(LIBRARIES, "parley.api.."))
                .because("the kernel is what every other module builds on, so it must not depend on any of them");
    }

    static ArchRule pluginDependsOnTheKernelOnly(String module) {
        return classes().that().resideInAPackage(module + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(LIBRARIES, module + "..", "parley.api.."))
                .because("features and transports meet only through the kernel's SPIs and services, so that each"
                        + " can be dropped in or left out on its own");
    }

    static ArchRule launcherDependsOnTheKernelOnly() {
        return classes().that().resideInAPackage("parley.launcher..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(LIBRARIES, "parley.launcher..", "parley.api..",
                        "picocli..", "org.jline..", "ch.qos.logback.."))
                .because("the launcher assembles a server or a client from whatever plugins it finds with ServiceLoader,"
                        + " so it must not compile against any of them");
    }

    private static String[] with(String[] base, String... more) {
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }
}
