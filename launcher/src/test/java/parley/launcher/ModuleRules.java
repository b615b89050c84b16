package parley.launcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Collection;
import java.util.stream.Stream;

import com.tngtech.archunit.lang.ArchRule;

/** The module boundaries, as ArchUnit rules written as sentences. JPMS holds the same lines at compile time. */
final class ModuleRules {

    /** What any module may use besides project modules: the JDK and the kernel's two libraries. */
    private static final String[] LIBRARIES = {"java..", "javax..", "tools.jackson..", "com.fasterxml.jackson..", "org.slf4j.."};

    /** The kernel's packages a plugin may use: those {@code parley.api} exports to everyone. */
    static final String[] EXPORTED_KERNEL = {"parley.api", "parley.api.spi..", "parley.api.sequence..",
            "parley.api.transport..", "parley.api.wire..", "parley.api.client.."};

    /** The kernel's host, exported to the launcher (and the test kit) only. */
    static final String[] KERNEL_HOST = {"parley.api.server..", "parley.api.plugin.."};

    private ModuleRules() {
    }

    static ArchRule kernelDependsOnNoOtherModule() {
        return classes().that().resideInAPackage("parley.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(LIBRARIES, "parley.api.."))
                .because("the kernel is what every other module builds on, so it must not depend on any of them");
    }

    static ArchRule kernelNamesNoRoom() {
        return noClasses().that().resideInAPackage("parley.api..")
                .should().haveSimpleNameContaining("Room").orShould().resideInAPackage("..room..")
                .orShould().resideInAPackage("..rooms..")
                .because("rooms are a plugin: the kernel must not know they exist, so that changing rooms never"
                        + " changes the kernel's API");
    }

    static ArchRule pluginUsesOnlyTheExportedKernel(String module) {
        return noClasses().that().resideInAPackage(module + "..")
                .should().dependOnClassesThat().resideInAnyPackage(KERNEL_HOST)
                .because("a plugin implements and calls the kernel's exported API only; the host that assembles"
                        + " servers is the launcher's, and changes without notice");
    }

    /**
     * A plugin uses the JDK, the kernel's libraries, the exported kernel, its own packages, and the
     * packages of the API modules it {@code requires} in its module-info; nothing of another plugin.
     */
    static ArchRule pluginReachesOthersOnlyThroughDeclaredApis(String module, Collection<String> declaredApis) {
        String[] allowed = Stream.of(Stream.of(LIBRARIES), Stream.of(EXPORTED_KERNEL), Stream.of(module + ".."),
                declaredApis.stream().map(api -> api + "..")).flatMap(s -> s).toArray(String[]::new);
        return classes().that().resideInAPackage(module + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
                .because("features and transports meet only through the kernel and through the API layers they"
                        + " declare (the rooms API), so that each can be dropped in, left out or replaced on its own");
    }

    static ArchRule launcherDependsOnTheKernelOnly() {
        return classes().that().resideInAPackage("parley.launcher..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(LIBRARIES, "parley.launcher..", "parley.api..",
                        "picocli..", "org.jline..", "ch.qos.logback.."))
                .because("the launcher assembles a server or a client from whatever plugins it finds with ServiceLoader,"
                        + " so it must not compile against any of them");
    }

    static ArchRule testkitDependsOnTheKernelOnly() {
        return classes().that().resideInAPackage("parley.testkit..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(with(LIBRARIES, "parley.testkit..", "parley.api.."))
                .because("the test kit starts servers for any plugin's tests from the plugins it finds, like the"
                        + " launcher, so it must not compile against any of them");
    }

    private static String[] with(String[] base, String... more) {
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }
}
