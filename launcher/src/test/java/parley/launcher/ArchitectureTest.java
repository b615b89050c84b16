package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    /** Module name → its descriptor, for the API modules each one declares. */
    private static final Map<String, ModuleDescriptor> DESCRIPTORS = new TreeMap<>();

    @BeforeAll
    static void importModules() throws IOException {
        Path root = Path.of(System.getProperty("parley.root"));
        try (Stream<Path> dirs = Stream.concat(Files.list(root), Files.list(root.resolve("samples")))) {
            for (Path classes : dirs.map(d -> d.resolve("target/classes")).filter(d -> Files.exists(d.resolve("module-info.class"))).toList()) {
                ModuleDescriptor descriptor = ModuleFinder.of(classes).findAll().iterator().next().descriptor();
                MODULES.put(descriptor.name(), new ClassFileImporter().importPath(classes));
                DESCRIPTORS.put(descriptor.name(), descriptor);
            }
        }
    }

    @Test
    void everyModuleOfTheBuildIsChecked() {
        assertThat(MODULES.keySet()).contains("parley.api", "parley.launcher", "parley.rooms", "parley.rooms.api",
                "parley.transport.tcp", "parley.vote", "example.dice", "parley.p2p", "parley.files", "parley.testkit");
        assertThat(MODULES.values()).allSatisfy(classes -> assertThat(classes).isNotEmpty());
    }

    @Test
    void kernelDependsOnNoOtherModule() {
        ModuleRules.kernelDependsOnNoOtherModule().check(MODULES.get("parley.api"));
    }

    @Test
    void kernelNamesNoRoom() {
        ModuleRules.kernelNamesNoRoom().check(MODULES.get("parley.api"));
    }

    /**
     * Every module but the kernel, the launcher and the test kit (the kernel's hosts) is a plugin or a
     * plugin's API: the project's own and the samples.
     */
    @TestFactory
    Stream<DynamicTest> everyPluginUsesOnlyTheExportedKernel() {
        return plugins().map(name -> DynamicTest.dynamicTest(name,
                () -> ModuleRules.pluginUsesOnlyTheExportedKernel(name).check(MODULES.get(name))));
    }

    @TestFactory
    Stream<DynamicTest> everyPluginReachesOthersOnlyThroughTheApisItDeclares() {
        return plugins().map(name -> DynamicTest.dynamicTest(name,
                () -> ModuleRules.pluginReachesOthersOnlyThroughDeclaredApis(name,
                        Stream.concat(declaredApis(name).stream(), broughtLibraries(name).stream()).toList()).check(MODULES.get(name))));
    }

    @Test
    void theVoteFilesAndDiceDeclareTheRoomsApi() {
        assertThat(declaredApis("parley.vote")).containsExactly("parley.rooms.api");
        assertThat(declaredApis("parley.files")).containsExactly("parley.rooms.api");
        assertThat(declaredApis("example.dice")).containsExactly("parley.rooms.api");
        assertThat(declaredApis("parley.transport.tcp")).isEmpty();
    }

    @Test
    void launcherDependsOnTheKernelOnly() {
        ModuleRules.launcherDependsOnTheKernelOnly().check(MODULES.get("parley.launcher"));
    }

    @Test
    void testkitDependsOnTheKernelOnly() {
        ModuleRules.testkitDependsOnTheKernelOnly().check(MODULES.get("parley.testkit"));
    }

    @Test
    void kernelRuleCatchesAKernelClassThatUsesAFeature() {
        assertThatThrownBy(() -> ModuleRules.kernelDependsOnNoOtherModule().check(fixtures("parley/api/fixture")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("KernelThatUsesAFeature")
                .hasMessageContaining("because the kernel is what every other module builds on");
    }

    @Test
    void roomRuleCatchesAKernelClassThatKnowsRooms() {
        assertThatThrownBy(() -> ModuleRules.kernelNamesNoRoom().check(fixtures("parley/api/roomfixture")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("KernelRoomList")
                .hasMessageContaining("rooms are a plugin");
    }

    @Test
    void exportedApiRuleCatchesAPluginThatUsesTheHost() {
        assertThatThrownBy(() -> ModuleRules.pluginUsesOnlyTheExportedKernel("parley.rooms").check(fixtures("parley/rooms/fixture")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("RoomsThatUseTheHost")
                .hasMessageContaining("parley.api.server.ParleyServer");
    }

    @Test
    void pluginRuleCatchesAFeatureThatUsesATransport() {
        assertThatThrownBy(() -> ModuleRules.pluginReachesOthersOnlyThroughDeclaredApis("parley.rooms", List.of("parley.rooms.api"))
                .check(fixtures("parley/rooms/fixture")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("FeatureThatUsesATransport")
                .hasMessageContaining("parley.transport.tcp.fixture.TransportThing");
    }

    @Test
    void pluginRuleCatchesAPluginThatReachesAnotherPastItsApi() {
        assertThatThrownBy(() -> ModuleRules.pluginReachesOthersOnlyThroughDeclaredApis("parley.vote", List.of("parley.rooms.api"))
                .check(fixtures("parley/vote/fixture")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("VoteThatUsesTheRoomsPlugin")
                .hasMessageContaining("parley.rooms.fixture.RoomsThing")
                .hasMessageNotContaining("VoteThatUsesTheRoomsApi");
        // the same class of the rooms API is refused when the module does not declare it
        assertThatThrownBy(() -> ModuleRules.pluginReachesOthersOnlyThroughDeclaredApis("parley.vote", List.of())
                .check(new ClassFileImporter().importPath(fixturePath("parley/vote/fixture/VoteThatUsesTheRoomsApi.class"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("parley.rooms.api.fixture.RoomsApiThing");
        assertThatCode(() -> ModuleRules.pluginReachesOthersOnlyThroughDeclaredApis("parley.vote", List.of("parley.rooms.api"))
                .check(new ClassFileImporter().importPath(fixturePath("parley/vote/fixture/VoteThatUsesTheRoomsApi.class"))))
                .doesNotThrowAnyException();
    }

    @Test
    void launcherRuleCatchesTheLauncherUsingAFeature() {
        assertThatThrownBy(() -> ModuleRules.launcherDependsOnTheKernelOnly().check(fixtures("parley/launcher/fixture")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LauncherThatUsesAFeature")
                .hasMessageContaining("parley.rooms.fixture.RoomsThing");
    }

    private static Stream<String> plugins() {
        return MODULES.keySet().stream()
                .filter(n -> !n.equals("parley.api") && !n.equals("parley.launcher") && !n.equals("parley.testkit"));
    }

    /** The project's modules, other than the kernel, that a module requires: the APIs it declares. */
    private static List<String> declaredApis(String module) {
        return DESCRIPTORS.get(module).requires().stream().map(ModuleDescriptor.Requires::name)
                .filter(name -> MODULES.containsKey(name) && !name.equals("parley.api")).sorted().toList();
    }

    /**
     * The packages of the libraries a plugin brings: the other modules of its folder among the staged
     * plugins (plugins/metrics/ holds the metrics plugin and the Prometheus client's jars). Empty for a
     * plugin that is a jar alone.
     */
    private static List<String> broughtLibraries(String module) {
        Path staged = Path.of(System.getProperty("parley.test.plugins"));
        try (Stream<Path> entries = Files.list(staged)) {
            for (Path folder : entries.filter(Files::isDirectory).toList()) {
                var found = ModuleFinder.of(folder).findAll().stream().map(m -> m.descriptor()).toList();
                if (found.stream().anyMatch(d -> d.name().equals(module))) {
                    return found.stream().filter(d -> !d.name().equals(module))
                            .flatMap(d -> d.packages().stream()).sorted().toList();
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return List.of();
    }

    private static JavaClasses fixtures(String packagePath) {
        return new ClassFileImporter().importPath(fixturePath(packagePath));
    }

    private static Path fixturePath(String path) {
        return Path.of(System.getProperty("parley.test.classes")).resolve(path);
    }
}
