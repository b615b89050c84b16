package parley.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/** The scenarios, run against one started target; each adds its figures to the results. */
final class Scenarios {

    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Plan plan;
    private final Results results;
    private final PrintWriter progress;
    private final Path outDir;

    Scenarios(Plan plan, Results results, PrintWriter progress, Path outDir) {
        this.plan = plan;
        this.results = results;
        this.progress = progress;
        this.outDir = outDir;
    }

    /** Every chosen scenario on a freshly started target; a scenario that fails is reported, the others still run. */
    void run(Target target, int round, boolean nmt) {
        if (plan.scenarios().contains("idle")) {
            attempt(target, round, "idle", () -> idle(target, round, nmt));
        }
        if (plan.scenarios().contains("fanout") || plan.scenarios().contains("latency") || plan.scenarios().contains("ramp")) {
            attempt(target, round, "fanout/latency/ramp", () -> {
                List<Group> rooms = new ArrayList<>();
                try (Closer ignored = new Closer(rooms)) {
                    List<String> names = roomNames(plan.rooms());
                    for (int r = 0; r < names.size(); r++) { // the first room's pseudos as they always were
                        rooms.add(Group.open(target, names.get(r), plan.members(), r == 0 ? "a" : "a" + (r + 1) + "m",
                                plan.size(), plan.senders()));
                    }
                    Group group = rooms.getFirst();
                    if (plan.scenarios().contains("fanout")) {
                        fanout(target, rooms, Figure.FANOUT, Figure.FANOUT_CPU, Figure.FANOUT_ACCEPTED, Figure.FANOUT_KIT_CPU);
                    }
                    if (plan.scenarios().contains("latency")) {
                        latency(target, group, plan.latencyRate(), plan.warmup().toNanos(), plan.measure().toNanos(), true);
                    }
                    if (plan.scenarios().contains("ramp")) {
                        ramp(target, group);
                    }
                }
            });
        }
        if (plan.scenarios().contains("fanout1000")) {
            attempt(target, round, "fanout1000", () -> {
                try (Group group = Group.open(target, "room2", plan.bigMembers(), "b", plan.size(), 1)) {
                    fanout(target, List.of(group), Figure.BIG_FANOUT, Figure.BIG_CPU, null, null);
                }
                List<Double> small = results.values(Figure.FANOUT_CPU, target.name());
                List<Double> big = results.values(Figure.BIG_CPU, target.name());
                if (!small.isEmpty() && !big.isEmpty() && small.size() == big.size()) {
                    results.add(Figure.BIG_VS_SMALL, target.name(), big.getLast() / small.getLast());
                }
            });
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private void attempt(Target target, int round, String scenario, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            String what = target.name() + " round " + round + ", " + scenario + ": " + e.getMessage();
            results.fail(what);
            progress.println("  FAILED " + what);
            progress.flush();
        }
    }

    /** The fan-out's rooms: {@code room1} to {@code roomN}. */
    static List<String> roomNames(int rooms) {
        List<String> names = new ArrayList<>();
        for (int r = 1; r <= rooms; r++) {
            names.add("room" + r);
        }
        return names;
    }

    /** Closes the rooms opened so far (their connections). */
    private record Closer(List<Group> rooms) implements AutoCloseable {
        @Override
        public void close() {
            rooms.forEach(Group::close);
        }
    }

    /**
     * Every sender of every room sends as fast as acknowledged for warm-up plus measure, each on a thread
     * of its own; counts deliveries, the server's CPU and the load generator's own (this process) in the
     * measured part. Deliveries are the members' and,
     * where senders are members (Parley), the messages senders got from one another: the server did that
     * work too.
     */
    private void fanout(Target target, List<Group> rooms, Figure rate, Figure cpu, Figure accepted, Figure kitCpu)
            throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + plan.warmup().toNanos();
        long end = measureFrom + plan.measure().toNanos();
        int members = rooms.getFirst().members.size();
        int sendersPerRoom = rooms.getFirst().senders.size();
        // each sender ahead of the slowest member by at most its share of lag deliveries: no server's queues pass its budget
        int lag = Math.max(50, plan.lag() / members / sendersPerRoom / rooms.size());
        long nap = 20_000L * sendersPerRoom * rooms.size(); // all senders together look about as often as one did
        List<Sender> all = new ArrayList<>();
        Map<Sender, List<Receiver>> membersOf = new IdentityHashMap<>();
        for (Group group : rooms) {
            for (Sender sender : group.senders) {
                all.add(sender);
                membersOf.put(sender, group.members);
            }
        }
        Senders sending = Senders.start(all, "bench-sender-",
                sender -> sender.flood(end, plan.window(), lag, membersOf.get(sender), nap));
        sending.awaitUntil(measureFrom); // early only when a sender failed, which join reports
        Usage before = Usage.now(target, rooms);
        sending.awaitUntil(end);
        Usage used = Usage.now(target, rooms).since(before);
        sending.join();
        long bad = 0;
        for (Group group : rooms) {
            group.awaitAcks(DRAIN_NANOS);
            bad += group.awaitDelivered(DRAIN_NANOS);
        }
        results.add(Figure.LOST, target.name(), bad);
        double perSecond = used.deliveries() / used.seconds();
        results.add(rate, target.name(), perSecond);
        if (accepted != null) {
            results.add(accepted, target.name(), used.acked() / used.seconds());
        }
        results.add(cpu, target.name(), used.serverPerDelivery());
        if (kitCpu != null) {
            results.add(kitCpu, target.name(), used.kitPerDelivery());
        }
        say("    %s %s%d members: %s deliveries/s, %.0f ns CPU per delivery (load generator %.0f ns), %d lost/doubled/out of order",
                target.name(), rooms.size() > 1 ? rooms.size() + " rooms x " : "", members,
                Results.format(perSecond), used.serverPerDelivery(), used.kitPerDelivery(), bad);
        if (bad != 0) {
            throw new IOException(bad + " deliveries lost, doubled or out of order");
        }
    }

    /**
     * Open loop at {@code rate}: returns p99 in ms; records every percentile when {@code record}, and the
     * server's and the load generator's CPU per delivery over the measured part (a steady stream's cost,
     * which on two shared cores is what the latency mostly waits for).
     */
    private double latency(Target target, Group group, int rate, long warmup, long measure, boolean record) throws Exception {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        long from = start + warmup;
        long end = from + measure;
        Histogram[] histograms = new Histogram[group.histogramSlots()];
        for (int i = 0; i < histograms.length; i++) {
            histograms[i] = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        }
        Receiver.Phase phase = new Receiver.Phase(from, end, histograms);
        group.members.forEach(m -> m.phase(phase));
        Usage used;
        try {
            Senders sending = paced(group, rate, start, end);
            sending.awaitUntil(from); // early only when a sender failed, which join reports
            Usage before = Usage.now(target, List.of(group));
            sending.awaitUntil(end);
            used = Usage.now(target, List.of(group)).since(before);
            sending.join();
            group.awaitAcks(DRAIN_NANOS);
            long bad = group.awaitDelivered(DRAIN_NANOS);
            results.add(Figure.LOST, target.name(), bad);
            if (bad != 0) {
                throw new IOException(bad + " deliveries lost, doubled or out of order");
            }
        } finally {
            group.members.forEach(m -> m.phase(null));
        }
        Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        for (Histogram h : histograms) {
            all.add(h);
        }
        double p99 = all.getValueAtPercentile(99) / 1000.0;
        if (record) {
            results.add(Figure.LATENCY_P50, target.name(), all.getValueAtPercentile(50) / 1000.0);
            results.add(Figure.LATENCY_P90, target.name(), all.getValueAtPercentile(90) / 1000.0);
            results.add(Figure.LATENCY_P99, target.name(), p99);
            results.add(Figure.LATENCY_P999, target.name(), all.getValueAtPercentile(99.9) / 1000.0);
            results.add(Figure.LATENCY_MAX, target.name(), all.getMaxValue() / 1000.0);
            results.add(Figure.LATENCY_CPU, target.name(), used.serverPerDelivery());
            results.add(Figure.LATENCY_KIT_CPU, target.name(), used.kitPerDelivery());
        }
        say("    %s %d members x %d msg/s: p50 %.2f ms, p99 %.2f ms, max %.1f ms (%d samples); %.0f ns CPU per delivery"
                        + " (load generator %.0f ns)", target.name(), group.members.size(), rate,
                all.getValueAtPercentile(50) / 1000.0, p99, all.getMaxValue() / 1000.0, all.getTotalCount(),
                used.serverPerDelivery(), used.kitPerDelivery());
        return p99;
    }

    /** Starts the room's senders, which share {@code rate} messages a second, each on a thread of its own. */
    private static Senders paced(Group group, int rate, long start, long end) {
        double each = (double) rate / group.senders.size();
        // each starts at its own offset within the interval, so together they send at an even pace
        return Senders.start(group.senders, "bench-paced-",
                sender -> sender.paced(each, start + (long) (1e9 / rate * sender.index()), end));
    }

    /** Raises the rate step by step until p99 reaches the bound; the last rate under it is the figure. */
    private void ramp(Target target, Group group) throws Exception {
        int best = 0;
        long step = plan.rampStep().toNanos();
        if (!plan.scenarios().contains("fanout") && !plan.scenarios().contains("latency")) {
            // run alone, the ramp would start on a cold server: its first step could miss the bound on
            // the JIT's account, not the server's (seen: a round at 0). Warm it first, unmeasured
            latency(target, group, plan.rampRates().getFirst(), plan.warmup().toNanos(), step - step / 3, false);
        }
        for (int rate : plan.rampRates()) {
            double p99 = latency(target, group, rate, step / 3, step - step / 3, false);
            if (p99 >= plan.rampBoundMs()) {
                break;
            }
            best = rate;
        }
        results.add(Figure.RAMP, target.name(), best);
    }

    /** How long the idle connections sit before the server's memory is read. */
    static final java.time.Duration IDLE_SETTLE = java.time.Duration.ofSeconds(2);

    /**
     * N connections log in (and join rooms, with {@code --idle-rooms}), at a rate or as fast as they go,
     * and sit idle ({@link #IDLE_SETTLE} after the last one): the time each took to set up, and the
     * server's heap (after a full GC) and RSS per connection.
     */
    private void idle(Target target, int round, boolean nmt) throws Exception {
        boolean look = nmt && target instanceof ParleyTarget;
        String pid = String.valueOf(target.pid());
        java.util.Map<String, long[]> histogram0 = java.util.Map.of();
        if (look) {
            Target.run(Target.jcmd(), pid, "VM.native_memory", "baseline");
            histogram0 = Histograms.parse(Target.run(Target.jcmd(), pid, "GC.class_histogram"));
        }
        long heap0 = target.heapBytes();
        long rss0 = Proc.rssBytes(target.pid());
        long t0 = System.nanoTime();
        List<String> rooms = roomNames(plan.idleRooms());
        SynchronizedHistogram times = new SynchronizedHistogram(3); // the connecting threads record into it
        List<SocketChannel> channels = Connections.open(target, plan.idle(), (channel, i) -> {
            if (rooms.isEmpty()) {
                target.wire().hello(channel, "i" + i);
            } else {
                target.wire().join(channel, "i" + i, rooms.get(i % rooms.size()));
            }
        }, plan.idleRate(), times);
        try {
            double seconds = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(IDLE_SETTLE.toMillis()); // idle means idle for a while: Parley's readers end after 0.5 to 1 s
            long heap1 = target.heapBytes();
            long rss1 = Proc.rssBytes(target.pid());
            double heapPer = (double) (heap1 - heap0) / plan.idle();
            double rssPer = (double) (rss1 - rss0) / plan.idle();
            results.add(Figure.IDLE_HEAP, target.name(), heapPer);
            results.add(Figure.IDLE_RSS, target.name(), rssPer);
            results.add(Figure.IDLE_RATE, target.name(), plan.idle() / seconds);
            results.add(Figure.IDLE_SETUP_P50, target.name(), times.getValueAtPercentile(50) / 1000.0);
            results.add(Figure.IDLE_SETUP_P99, target.name(), times.getValueAtPercentile(99) / 1000.0);
            say("    %s %d idle connections%s: heap %.0f B, RSS %.0f B per connection, %.0f set up/s%s, each in %.2f ms (p50),"
                    + " %.2f ms (p99)", target.name(), plan.idle(), rooms.isEmpty() ? "" : " in " + rooms.size() + " rooms",
                    heapPer, rssPer, plan.idle() / seconds, plan.idleRate() > 0 ? " (paced at " + plan.idleRate() + "/s)" : "",
                    times.getValueAtPercentile(50) / 1000.0, times.getValueAtPercentile(99) / 1000.0);
            if (look) {
                Path file = outDir.resolve("nmt-" + target.name() + "-round" + round + ".txt");
                Files.writeString(file, Target.run(Target.jcmd(), pid, "VM.native_memory", "summary.diff")
                        + "\n\nLive heap, the classes that grew most with " + plan.idle() + " idle connections:\n"
                        + Histograms.diff(histogram0, Histograms.parse(Target.run(Target.jcmd(), pid, "GC.class_histogram")),
                        plan.idle(), 25));
                say("    native memory (diff) and heap by class of %s with %d idle connections: %s", target.name(), plan.idle(), file);
            }
        } finally {
            Connections.closeAll(channels);
        }
        Thread.sleep(1000); // let the server see them go before the next scenario
    }

    private void say(String format, Object... args) {
        progress.println(String.format(Locale.ROOT, format, args));
        progress.flush();
    }
}
