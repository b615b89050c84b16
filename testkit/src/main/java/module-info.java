/**
 * The test kit: what the plugins' tests share instead of copying it. {@link parley.testkit.TestServer}
 * starts a real {@code ParleyServer} on a free loopback port from the plugins of the test module path;
 * {@link parley.testkit.LegacyClient} is the old text client (a line out, a line back); {@link parley.testkit.Pace}
 * plays a slow peer at a steady pace without sleeping in a loop; {@link parley.testkit.TestClock} is a clock
 * the test moves by hand; {@link parley.testkit.CuttableProxy} is a network the test can cut.
 *
 * <p><b>Using it from a plugin's tests.</b> Add {@code parley-testkit} to the plugin's pom as a
 * {@code test} dependency (with the transport its tests serve on, {@code parley-transport-tcp}, also
 * {@code test}), and import {@code parley.testkit.*} in the tests. Nothing else: the root pom does the
 * JPMS part for every module, and here is what it is.
 * <ul>
 *   <li>A plugin's tests are patched into its named module (say {@code parley.rooms}), which does not
 *       require {@code parley.testkit}. The compiler (test compile) and surefire therefore put the kit,
 *       like every test-only dependency no module requires, on the <em>class path</em>: it runs in the
 *       unnamed module. The compiler and surefire both add {@code --add-reads parley.rooms=ALL-UNNAMED},
 *       so the tests can use it. ({@code --add-reads parley.rooms=parley.testkit} has no effect with
 *       that layout, tried: the module is not on the module path, and the test JVM warns "Unknown
 *       module: parley.testkit specified to --add-reads".)</li>
 *   <li>The kit starts servers with the host packages {@code parley.api.server} and
 *       {@code parley.api.plugin}, which {@code parley.api} exports to the launcher (and to this
 *       module, for a module-path setup) only. From the unnamed module it needs them exported there:
 *       the root pom passes {@code --add-exports=parley.api/parley.api.server=ALL-UNNAMED} and
 *       {@code --add-exports=parley.api/parley.api.plugin=ALL-UNNAMED} to the test compiler
 *       ({@code default-testCompile}'s compilerArgs) and the same, space-separated, in surefire's
 *       argLine ({@code parley.test.exports}), beside the exports to the tested module
 *       ({@code parley.test.module}).</li>
 * </ul>
 * Nothing here is for production: it is a test-scope dependency only.
 */
module parley.testkit {
    requires transitive parley.api;

    exports parley.testkit;
}
