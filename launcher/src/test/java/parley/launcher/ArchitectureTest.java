package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * The module boundaries hold for every module of the build, and each rule is shown to catch a
 * fixture that breaks it (the fixtures live in this module's test sources and are never loaded).
 */
class ArchitectureTest {

    /** Module name → its compiled classes, for every module of the build. */
    private static final Map<String, JavaClasses> MODULES = new TreeMap<>();

    @BeforeAll
    static void importModules() throws IOException {
        Path root = Path.of(System.getProperty("parley.root"));
        try (Stream<Path> dirs = Stream.concat(Files.list(root), Files.list(root.resolve("samples")))) {
            for (Path classes : dirs.map(d -> d.resolve("target/classes")).filter(d -> Files.exists(d.resolve("module-info.class"))).toList()) {
                String name = ModuleFinder.of(classes).findAll().iterator().next().descriptor().name();
                MODULES.put(name, new ClassFileImporter().importPath(classes));
            }
        }
    }

    @Test
    void everyModuleOfTheBuildIsChecked() {
        assertThat(MODULES.keySet()).contains("parley.api", "parley.launcher", "parley.rooms", "parley.transport.tcp",
                "parley.vote", "example.dice", "parley.p2p", "parley.files");
        assertThat(MODULES.values()).allSatisfy(classes -> assertThat(classes).isNotEmpty());
    }

    @Test
    void kernelDependsOnNoOtherModule() {
        ModuleRules.kernelDependsOnNoOtherModule().check(MODULES.get("parley.api"));
    }

    /** Every module but the kernel and the launcher is a plugin: the project's own and the samples. */
    @TestFactory
    Stream<DynamicTest> everyPluginDependsOnTheKernelOnly() {
        return MODULES.entrySet().stream()
                .filter(e -> !e.getKey().equals("parley.api") && !e.getKey().equals("parley.launcher"))
                .map(e -> DynamicTest.dynamicTest(e.getKey(),
                        () -> ModuleRules.pluginDependsOnTheKernelOnly(e.getKey()).check(e.getValue())));
    }

    @Test
    void launcherDependsOnTheKernelOnly() {
        ModuleRules.launcherDependsOnTheKernelOnly().check(MODULES.get("parley.launcher"));
    }

    @Test
    void kernelRuleCatchesAKernelClassThatUsesAFeature() {
        assertThatThrownBy(() -> ModuleRules.kernelDependsOnNoOtherModule().check(fixtures("parley/api/fixture")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("KernelThatUsesAFeature")
                .hasMessageContaining("because the kernel is what every other module builds on");
    }

    @Test
    void pluginRuleCatchesAFeatureThatUsesATransport() {
        assertThatThrownBy(() -> ModuleRules.pluginDependsOnTheKernelOnly("parley.rooms").check(fixtures("parley/rooms/fixture")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("FeatureThatUsesATransport")
                .hasMessageContaining("parley.transport.tcp.fixture.TransportThing");
    }

    @Test
    void launcherRuleCatchesTheLauncherUsingAFeature() {
        assertThatThrownBy(() -> ModuleRules.launcherDependsOnTheKernelOnly().check(fixtures("parley/launcher/fixture")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LauncherThatUsesAFeature")
                .hasMessageContaining("parley.rooms.fixture.RoomsThing");
    }

    private static JavaClasses fixtures(String packagePath) {
        return new ClassFileImporter().importPath(Path.of(System.getProperty("parley.test.classes")).resolve(packagePath));
    }
}
