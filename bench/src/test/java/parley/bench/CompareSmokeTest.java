package parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit itself, with a tiny load against the minimal server (a real process on loopback): every
 * scenario runs, the report is well formed, and every delivery is counted (none lost, doubled or out
 * of order). Asserts no time: the figures are whatever this machine gives.
 */
class CompareSmokeTest {

    @Test
    void everyScenarioReportsAndCountsEveryDelivery(@TempDir Path dir) throws Exception {
        Run run = run(dir, "--idle", "50", "--members", "5", "--big-members", "20");

        for (Figure figure : new Figure[] {Figure.FANOUT, Figure.FANOUT_CPU, Figure.FANOUT_KIT_CPU, Figure.LATENCY_P99, Figure.LATENCY_CPU,
                Figure.LATENCY_KIT_CPU, Figure.RAMP,
                Figure.BIG_FANOUT, Figure.IDLE_HEAP, Figure.IDLE_RSS, Figure.LOST}) {
            assertThat(run.report()).as(figure.key()).contains("\"key\": \"" + figure.key() + "\"");
        }
        assertThat(run.out()).contains("fan-out 1 -> 5, deliveries/s").contains("minimal")
                .contains("machine check (a fixed task before each round): ");
        assertThat(run.progress()).containsPattern("round 1/1: minimal \\(machine check [0-9.]+ ms\\)");
        assertThat(run.report()).containsPattern("\"machine_check_ms\": \\[[0-9.e+-]+\\]");
        // the steady stream's CPU per delivery is a measured number, not NaN: deliveries were counted in its window
        assertThat(run.report()).containsPattern("\"key\": \"latency_cpu_ns_per_delivery\"[^\\n]*\"median\": [1-9][0-9.e+]*,");
    }

    @Test
    void severalSendersShareTheRoomAndEveryDeliveryIsCounted(@TempDir Path dir) throws Exception {
        Run run = run(dir, "--members", "4", "--senders", "3", "--scenarios", "fanout,latency", "--rate", "300");

        assertThat(run.out()).contains("fan-out 3 -> 4, deliveries/s").contains("latency p99, 4 members x 300 msg/s");
    }

    @Test
    void severalRoomsTalkAtOnceAndEveryDeliveryOfEachIsCounted(@TempDir Path dir) throws Exception {
        Run run = run(dir, "--members", "4", "--rooms", "3", "--scenarios", "fanout");

        assertThat(run.out()).contains("fan-out 3 rooms x 1 -> 4, deliveries/s");
        assertThat(run.progress()).as("each room's members get their room's messages only: 3 rooms of 4")
                .contains("minimal 3 rooms x 4 members:");
    }

    @Test
    void idleConnectionsCanJoinRoomsAtAGivenRate(@TempDir Path dir) throws Exception {
        long began = System.nanoTime();
        Run run = run(dir, "--scenarios", "idle", "--idle", "40", "--idle-rate", "200", "--idle-rooms", "2");

        assertThat(run.progress()).containsPattern("minimal 40 idle connections in 2 rooms: .* \\(paced at 200/s\\), each in [0-9.]+ ms \\(p50\\)");
        assertThat(run.report()).contains("\"key\": \"idle_setup_p99_ms\"");
        // paced: the 40th connection was planned at 39/200 s, so the run cannot have been shorter
        assertThat(System.nanoTime() - began).isGreaterThanOrEqualTo(195_000_000L);
    }

    @Test
    void theLagTheRampsBoundAndTheConnectionsScenarioAreTakenFromTheCommandLine(@TempDir Path dir) throws Exception {
        Run run = run(dir, "--members", "4", "--idle", "20", "--scenarios", "fanout,connections,ramp", "--lag", "40",
                "--ramp-bound", "2.5");

        assertThat(run.report()).contains("\"lag_deliveries\": 40").contains("\"key\": \"idle_heap_bytes_per_connection\"");
        assertThat(run.out()).contains("highest rate with p99 < 2.5 ms, 4 members").contains("fan-out 1 -> 4, deliveries/s");
    }

    @Test
    void againstNamesTheTargetsBesideThisTreesParley() {
        assertThat(Compare.asked(java.util.Map.of("--against", "redis,minimal"))).containsExactly("parley", "redis", "minimal");
        assertThat(Compare.asked(java.util.Map.of("--targets", "minimal"))).containsExactly("minimal");
        assertThat(Compare.asked(java.util.Map.of())).isNull();
        assertRefused("give --targets or --against, not both", "--targets", "minimal", "--against", "redis");
    }

    @Test
    void aLagOrRampBoundOutOfRangeIsRefusedByName() {
        assertRefused("--lag must be 1 or more deliveries, got 0", "--targets", "minimal", "--lag", "0");
        assertRefused("--ramp-bound must be a positive number of milliseconds, got '-1'", "--targets", "minimal", "--ramp-bound", "-1");
        assertRefused("no scenario 'conections'", "--targets", "minimal", "--scenarios", "conections");
        assertRefused("--ramp-bound must be a positive number of milliseconds, got 'ten'", "--targets", "minimal", "--ramp-bound", "ten");
        assertRefused("--lag takes a whole number, got '1e6'", "--targets", "minimal", "--lag", "1e6");
    }

    @Test
    void anIdleRoomsCountOutOfRangeIsRefusedByName() {
        assertRefused("--idle-rooms must be within 0 and 64, got 65", "--targets", "minimal", "--idle-rooms", "65");
    }

    @Test
    void aRoomsCountOutOfRangeIsRefusedByName() {
        assertRefused("--rooms must be within 1 and 64, got 65", "--targets", "minimal", "--rooms", "65");
    }

    @Test
    void aSendersCountOutOfRangeIsRefusedByName() {
        assertRefused("--senders must be within 1 and 1000, got 0", "--targets", "minimal", "--senders", "0");
    }

    /** The command line {@code args} is refused before anything runs, with {@code message}. */
    private static void assertRefused(String message, String... args) {
        StringWriter out = new StringWriter();
        assertThatThrownBy(() -> Compare.run(args, new PrintWriter(out, true), new PrintWriter(out, true)))
                .hasMessageContaining(message);
    }

    @Test
    void aMistypedOptionIsRefusedByName() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter progress = new StringWriter();
        int code = Compare.run(new String[] {"--targets", "minimal", "--sender", "50"},
                new PrintWriter(out, true), new PrintWriter(progress, true));

        assertThat(code).isEqualTo(2);
        assertThat(progress.toString()).contains("unknown option '--sender' (see --help)");
    }

    /** What one run printed: its table, its progress, and its JSON report. */
    private record Run(String out, String progress, String report) {
    }

    /**
     * Runs the minimal server for one round with short phases and these options; checks that it
     * succeeded, failed nothing, and (unless only the idle scenario ran) counted no delivery lost,
     * doubled or out of order.
     */
    private static Run run(Path dir, String... options) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter progress = new StringWriter();
        Path json = dir.resolve("figures.json");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--targets", "minimal", "--rounds", "1",
                "--warmup", "200", "--measure", "300", "--server-heap", "64m", "--out", dir.resolve("out").toString(),
                "--json", json.toString()));
        args.addAll(java.util.List.of(options));
        int code = Compare.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(progress, true));

        assertThat(code).as(progress.toString()).isZero();
        String report = Files.readString(json);
        assertThat(report).contains("\"failures\": []");
        if (!java.util.Arrays.asList(options).contains("idle")) { // the idle scenario delivers nothing
            assertThat(report).containsPattern("\"deliveries_lost_doubled_or_out_of_order\".*\"minimal\": \\{\"median\": 0, \"min\": 0, \"max\": 0");
        }
        return new Run(out.toString(), progress.toString(), report);
    }
}
