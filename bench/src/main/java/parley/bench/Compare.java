package parley.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code ./parley bench compare}: Parley, Redis pub/sub and the minimal server, side by side in one run.
 * This process is the load generator; each server runs in a process of its own, started afresh for
 * each round, and the targets take turns (round 2 starts with the second target, and so on) so that
 * a machine that gets busier or quieter during the run does not favour one of them. Prints medians
 * with min and max of the rounds, and the ratio to Redis; {@code --json FILE} writes them for machines.
 */
public final class Compare {

    /** The most rooms {@code --rooms} takes. */
    static final int MAX_ROOMS = 64;

    static final String USAGE = """
            usage: parley bench compare [options]
              --quick               short phases (every scenario and target: 3 to 8 minutes on two busy cores)
              --rounds N            rounds per target (default 3)
              --targets LIST        comma-separated, in order (default: every Parley tree, redis, minimal)
              --against LIST        this tree's Parley and the targets in LIST (e.g. --against redis);
                                    the same as --targets parley,LIST
              --parley NAME=DIR     also measure the Parley built in DIR (another worktree, say), as NAME
              --plugins DIR         plugins of this tree's Parley (default: tcp, rooms-api and rooms from plugins/)
              --scenarios LIST      idle,fanout,latency,ramp,fanout1000 (default: all; connections is another
                                    name for idle)
              --server-heap SIZE    -Xmx of the JVM servers (default 256m)
              --idle N              idle connections (default 15000)
              --idle-rate N         connections opened per second in the idle scenario (default: as fast as they go)
              --idle-rooms N        each idle connection also joins one of N rooms, in turn (default 0: log in only;
                                    at most 64)
              --members N           members of the fan-out and latency room (default 100)
              --senders N           senders in that room, each on its own connection (default 1; at most 1000):
                                    50 members and 50 senders is a busy chat room
              --rooms N             rooms in the fan-out, each with those members and senders, all at once
                                    (default 1; at most 64; latency and ramp use the first room)
              --big-members N       members of the large room (default 1000)
              --rate N              messages/s of the latency scenario (default 5000)
              --ramp-bound MS       the ramp's bound: the highest rate whose p99 stays under MS (default 10)
              --lag N               deliveries (messages times members) a sender may be ahead of its slowest
                                    member (default 200000): with 1,000 members, 200 messages; with 100, the
                                    1,000 unacknowledged messages it may have bound it first
              --warmup MS, --measure MS   length of the phases, in milliseconds
              --json FILE           also write the figures as JSON
              --out DIR             server logs and native-memory reports (default: a temporary folder)
              --nmt                 run Parley with -XX:NativeMemoryTracking=summary, report after the idle scenario
              --parley-set [NAME:]KEY=VALUE  a server setting for the Parley targets (or the one named NAME)
              --parley-jvm [NAME:]"OPTS"  more JVM options for the Parley servers, or the one named NAME
                                    (e.g. "-XX:StartFlightRecording=filename=p.jfr"); may be repeated
              --redis PATH          the redis-server to run (default: redis-server on the PATH)
            """;

    /** The options that take a value; {@code --root} (the Parley tree, default parley.home) is for the launcher. */
    private static final java.util.Set<String> VALUED = java.util.Set.of("--rounds", "--targets", "--plugins",
            "--scenarios", "--server-heap", "--idle", "--idle-rate", "--idle-rooms", "--members", "--senders", "--rooms", "--big-members", "--rate", "--warmup",
            "--measure", "--json", "--out", "--redis", "--root", "--against", "--lag", "--ramp-bound");

    private Compare() {
    }

    public static void main(String[] args) throws Exception {
        PrintWriter progress = new PrintWriter(System.err, true);
        try {
            System.exit(run(args, new PrintWriter(System.out, true), progress));
        } catch (IllegalArgumentException e) { // a bad option: its name and what it takes, no stack trace
            progress.println("parley bench compare: " + e.getMessage() + " (see --help)");
            System.exit(2);
        }
    }

    static int run(String[] args, PrintWriter out, PrintWriter progress) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, Path> trees = new LinkedHashMap<>();
        List<String> parleySettings = new ArrayList<>();
        List<String> parleyJvm = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(USAGE);
                out.flush();
                return 0;
            }
            if (arg.equals("--quick") || arg.equals("--nmt")) {
                options.put(arg, "true");
                continue;
            }
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                progress.println("parley bench compare: unexpected '" + arg + "'\n" + USAGE);
                return 2;
            }
            String value = args[++i];
            if (arg.equals("--parley")) {
                int eq = value.indexOf('=');
                if (eq < 1) {
                    progress.println("parley bench compare: --parley takes NAME=DIR, got '" + value + "'");
                    return 2;
                }
                trees.put(value.substring(0, eq), Path.of(value.substring(eq + 1)).toAbsolutePath());
            } else if (arg.equals("--parley-set")) {
                parleySettings.add(value);
            } else if (arg.equals("--parley-jvm")) {
                parleyJvm.add(value);
            } else if (VALUED.contains(arg)) {
                options.put(arg, value);
            } else {
                progress.println("parley bench compare: unknown option '" + arg + "' (see --help)");
                return 2;
            }
        }
        Path root = Path.of(options.getOrDefault("--root", System.getProperty("parley.home", "."))).toAbsolutePath();
        Plan plan = plan(options);
        String heap = options.getOrDefault("--server-heap", "256m");
        boolean nmt = options.containsKey("--nmt");
        Path outDir = options.containsKey("--out") ? Files.createDirectories(Path.of(options.get("--out")))
                : Files.createTempDirectory("parley-bench-compare");

        Map<String, Target> all = new LinkedHashMap<>();
        Map<String, Path> parleys = new LinkedHashMap<>();
        parleys.put("parley", root);
        parleys.putAll(trees);
        List<String> asked = asked(options);
        for (Map.Entry<String, Path> tree : parleys.entrySet()) {
            if (asked != null && !asked.contains(tree.getKey())) {
                all.put(tree.getKey(), null); // known, not measured: its tree need not be built
                continue;
            }
            Path plugins = tree.getKey().equals("parley") && options.containsKey("--plugins")
                    ? Path.of(options.get("--plugins")) : chatPlugins(tree.getValue(), outDir.resolve("plugins-" + tree.getKey()));
            List<String> jvm = new ArrayList<>(nmt ? List.of("-XX:NativeMemoryTracking=summary") : List.of());
            for (String opts : parleyJvm) { // NAME:OPTS for one tree (JVM options start with '-'), OPTS for all
                int colon = opts.indexOf(':');
                boolean named = !opts.startsWith("-") && colon > 0;
                if (!named || opts.substring(0, colon).equals(tree.getKey())) {
                    jvm.addAll(Arrays.asList(opts.substring(named ? colon + 1 : 0).trim().split("\\s+")));
                }
            }
            int connections = Math.max(plan.idle(), plan.rooms() * (plan.members() + plan.senders()));
            List<String> settings = new ArrayList<>(List.of("max-connections=" + (connections + 1000)));
            int rooms = Math.max(plan.rooms(), plan.idleRooms());
            if (rooms > 3) { // Parley's rooms are configured (room1 to room3 by default)
                settings.add("rooms=" + String.join(",", Scenarios.roomNames(rooms)));
            }
            for (String setting : parleySettings) { // NAME:key=value for one tree, key=value for all
                int colon = setting.indexOf(':');
                int eq = setting.indexOf('=');
                if (colon > 0 && colon < eq) {
                    if (setting.substring(0, colon).equals(tree.getKey())) {
                        settings.add(setting.substring(colon + 1));
                    }
                } else {
                    settings.add(setting);
                }
            }
            all.put(tree.getKey(), new ParleyTarget(tree.getKey(), tree.getValue(), plugins, heap, settings, jvm));
        }
        all.put("redis", new RedisTarget(options.getOrDefault("--redis", "redis-server")));
        all.put("minimal", new MinimalTarget(heap));
        List<String> chosen = asked != null ? asked : new ArrayList<>(all.keySet());
        for (String name : chosen) {
            if (!all.containsKey(name)) {
                progress.println("parley bench compare: no target '" + name + "'; known: " + all.keySet());
                return 2;
            }
        }
        if (chosen.contains("redis")) {
            checkRedis(options.getOrDefault("--redis", "redis-server"));
        }
        List<Target> targets = chosen.stream().map(all::get).toList();
        Results results = new Results(chosen);
        results.label("RATE", String.format("%,d", plan.latencyRate()));
        results.label("SENDERS", plan.rooms() > 1 ? plan.rooms() + " rooms x " + plan.senders() : String.valueOf(plan.senders()));
        results.label("MEMBERS", String.valueOf(plan.members()));
        results.label("BOUND", java.math.BigDecimal.valueOf(plan.rampBoundMs()).stripTrailingZeros().toPlainString());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("started", Instant.now().toString());
        meta.put("cpus", Runtime.getRuntime().availableProcessors());
        meta.put("load_average_before", loadAverage());
        meta.put("command", "parley bench compare " + String.join(" ", args));
        meta.put("rounds", plan.rounds());
        meta.put("lag_deliveries", plan.lag());
        progress.printf("parley bench compare: %s, %d rounds, targets %s; load average %s; logs in %s%n",
                options.containsKey("--quick") ? "quick" : "full", plan.rounds(), chosen, loadAverage(), outDir);
        Scenarios scenarios = new Scenarios(plan, results, progress, outDir);
        long began = System.nanoTime();
        MachineCheck check = new MachineCheck();
        for (int round = 1; round <= plan.rounds(); round++) {
            for (int k = 0; k < targets.size(); k++) {
                Target target = targets.get((k + round - 1) % targets.size());
                progress.printf(Locale.ROOT, "round %d/%d: %s (machine check %.1f ms)%n", round, plan.rounds(), target.name(),
                        check.take());
                try {
                    target.start(outDir.resolve(target.name() + ".log"));
                    scenarios.run(target, round, nmt);
                } catch (IOException e) {
                    results.fail(target.name() + " round " + round + ": " + e.getMessage());
                    progress.println("  FAILED " + e.getMessage());
                } finally {
                    target.close();
                }
            }
        }
        meta.put("load_average_after", loadAverage());
        meta.put("machine_check_ms", check.millis());
        meta.put("seconds", (System.nanoTime() - began) / 1_000_000_000L);
        out.println();
        out.printf("parley bench compare: %d rounds, medians (min-max); load average before %s, after %s; %d s%n",
                plan.rounds(), meta.get("load_average_before"), meta.get("load_average_after"), meta.get("seconds"));
        results.printTable(out);
        out.println(check.summary());
        if (options.containsKey("--json")) {
            Path json = Path.of(options.get("--json"));
            Files.writeString(json, results.json(meta));
            out.println("JSON: " + json.toAbsolutePath());
        }
        return results.failures().isEmpty() ? 0 : 1;
    }

    /**
     * The targets named by {@code --targets} or {@code --against} (this tree's Parley first), or null when
     * neither is given: every known target.
     */
    static List<String> asked(Map<String, String> options) {
        if (options.containsKey("--targets") && options.containsKey("--against")) {
            throw new IllegalArgumentException("give --targets or --against, not both: --against LIST is --targets parley,LIST");
        }
        if (options.containsKey("--against")) {
            List<String> targets = new ArrayList<>(List.of("parley"));
            targets.addAll(Arrays.asList(options.get("--against").split(",")));
            return targets;
        }
        return options.containsKey("--targets") ? Arrays.asList(options.get("--targets").split(",")) : null;
    }

    static Plan plan(Map<String, String> options) {
        Plan base = options.containsKey("--quick") ? Plan.quick() : Plan.full();
        Set<String> scenarios = new LinkedHashSet<>();
        for (String s : options.containsKey("--scenarios") ? Arrays.asList(options.get("--scenarios").split(",")) : base.scenarios()) {
            String scenario = s.equals("connections") ? "idle" : s;
            if (!Plan.ALL.contains(scenario)) {
                throw new IllegalArgumentException("no scenario '" + s + "'; known: " + Plan.ALL + " (connections is idle)");
            }
            scenarios.add(scenario);
        }
        int lag = integer(options, "--lag", base.lag());
        if (lag < 1) {
            throw new IllegalArgumentException("--lag must be 1 or more deliveries, got " + lag);
        }
        double rampBound = base.rampBoundMs();
        if (options.containsKey("--ramp-bound")) {
            try {
                rampBound = Double.parseDouble(options.get("--ramp-bound"));
            } catch (NumberFormatException e) {
                rampBound = Double.NaN; // refused just below, by name
            }
        }
        if (!(rampBound > 0)) {
            throw new IllegalArgumentException("--ramp-bound must be a positive number of milliseconds, got '" + options.get("--ramp-bound") + "'");
        }
        int senders = integer(options, "--senders", base.senders());
        if (senders < 1 || senders > Marker.MAX_SENDERS) {
            throw new IllegalArgumentException("--senders must be within 1 and " + Marker.MAX_SENDERS + ", got " + senders);
        }
        int rooms = integer(options, "--rooms", base.rooms());
        if (rooms < 1 || rooms > MAX_ROOMS) {
            throw new IllegalArgumentException("--rooms must be within 1 and " + MAX_ROOMS + ", got " + rooms);
        }
        int idleRate = integer(options, "--idle-rate", base.idleRate());
        if (idleRate < 0) {
            throw new IllegalArgumentException("--idle-rate must be 0 (as fast as they go) or more, got " + idleRate);
        }
        int idleRooms = integer(options, "--idle-rooms", base.idleRooms());
        if (idleRooms < 0 || idleRooms > MAX_ROOMS) {
            throw new IllegalArgumentException("--idle-rooms must be within 0 and " + MAX_ROOMS + ", got " + idleRooms);
        }
        return new Plan(
                integer(options, "--rounds", base.rounds()),
                millis(options, "--warmup", base.warmup()),
                millis(options, "--measure", base.measure()),
                integer(options, "--members", base.members()),
                senders,
                rooms,
                integer(options, "--big-members", base.bigMembers()),
                base.size(), base.window(), lag,
                integer(options, "--rate", base.latencyRate()),
                base.rampRates(), rampBound,
                options.containsKey("--measure") ? millis(options, "--measure", base.rampStep()) : base.rampStep(),
                integer(options, "--idle", base.idle()),
                idleRate,
                idleRooms,
                scenarios);
    }

    private static int integer(Map<String, String> options, String key, int otherwise) {
        return options.containsKey(key) ? (int) whole(options, key, Integer.MAX_VALUE) : otherwise;
    }

    private static Duration millis(Map<String, String> options, String key, Duration otherwise) {
        return options.containsKey(key) ? Duration.ofMillis(whole(options, key, Long.MAX_VALUE)) : otherwise;
    }

    /** The option's value as a whole number up to {@code max}; refused by name when it is not one. */
    private static long whole(Map<String, String> options, String key, long max) {
        try {
            long value = Long.parseLong(options.get(key));
            if (value >= -max && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(key + " takes a whole number, got '" + options.get(key) + "'");
    }

    /** The chat plugins of a built tree (TCP, the rooms API when it has one, rooms), copied into a folder of their own. */
    static Path chatPlugins(Path tree, Path into) throws IOException {
        Path plugins = tree.resolve("plugins");
        if (!Files.isDirectory(plugins)) {
            throw new IOException("no plugins in " + tree + ": build that tree first (./parley build)");
        }
        Files.createDirectories(into);
        try (Stream<Path> jars = Files.list(plugins)) {
            for (Path jar : jars.toList()) {
                String name = jar.getFileName().toString();
                if (name.endsWith(".jar") && (name.contains("transport-tcp") || name.contains("rooms-api") || name.contains("feature-rooms"))) {
                    Files.copy(jar, into.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return into;
    }

    private static void checkRedis(String executable) throws IOException {
        try {
            Target.run(executable, "--version");
        } catch (IOException e) {
            throw new IOException("cannot run " + executable + " (" + e.getMessage() + "): install Redis 7 with"
                    + " 'apt-get install -y redis-server' (./parley bench compare does it when run as root), or leave it"
                    + " out with --targets parley,minimal", e);
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
