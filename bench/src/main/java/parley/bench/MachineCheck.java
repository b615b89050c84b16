package parley.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How fast the machine is between rounds: the time of one fixed task in the kit's own JVM (the core's
 * and the memory's speed), taken before each round while no server runs. Figures from rounds whose
 * check was slow are not comparable with the others; {@link #summary} says so. It catches cores taken
 * by another process; it does not catch every slow spell of a shared machine (one here slowed a fixed
 * Python loop threefold with an idle load average, and left this check flat).
 *
 * <p>Not thread-safe: the kit's main thread takes every check.
 */
final class MachineCheck {

    /** Slowest against fastest check past which the summary warns. */
    static final double UNEVEN = 1.25;
    /** The task's size: about 10 ms of mixing and 15 ms of walking on this machine (measured during a noisy spell). */
    private static final int MIX_ROUNDS = 4_000_000;
    private static final int WALK_STEPS = 100_000;
    private static final int WALK_SLOTS = 4 << 20;

    /** Feeds each run's result into the next, so the JIT cannot drop the work. */
    private static long sink;

    private final List<Double> millis = new ArrayList<>();
    /** Made at the first check, kept for the others. */
    private int[] walk;

    /** Times the task (the median of three runs, after one to compile it) and keeps the time; returns it in ms. */
    double take() {
        if (walk == null) {
            walk = cycle(WALK_SLOTS);
        }
        sink ^= run();
        double[] runs = new double[3];
        for (int i = 0; i < runs.length; i++) {
            long began = System.nanoTime();
            sink ^= run();
            runs[i] = (System.nanoTime() - began) / 1e6;
        }
        Arrays.sort(runs);
        record(runs[1]);
        return runs[1];
    }

    /** Keeps a check's time, in ms. */
    void record(double ms) {
        millis.add(ms);
    }

    /** Every check's time, in ms, in order. */
    List<Double> millis() {
        return List.copyOf(millis);
    }

    /**
     * One line: the fastest and slowest check, and a warning when they differ by more than
     * {@link #UNEVEN} times. Empty when there was no check.
     */
    String summary() {
        if (millis.isEmpty()) {
            return "";
        }
        double fastest = millis.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double slowest = millis.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        String line = String.format(Locale.ROOT, "machine check (a fixed task before each round): %.1f to %.1f ms",
                fastest, slowest);
        if (slowest > fastest * UNEVEN) {
            line += String.format(Locale.ROOT, "; UNEVEN: the machine ran %.1fx slower at times, so rounds are not"
                    + " comparable; run again on a quieter machine", slowest / fastest);
        }
        return line;
    }

    /** A chain of integer mixing (the core's speed) and a walk through 16 MiB in random order (the memory's). */
    private long run() {
        long x = 0x9E3779B97F4A7C15L ^ sink;
        for (int i = 0; i < MIX_ROUNDS; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            x += i;
        }
        int at = (int) (x & (walk.length - 1));
        for (int i = 0; i < WALK_STEPS; i++) {
            at = walk[at];
        }
        return x + at;
    }

    /** One cycle through every slot of {@code size}, in a fixed random order: each step a likely cache miss. */
    private static int[] cycle(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Random random = new Random(42);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] next = new int[size];
        for (int i = 0; i < size; i++) {
            next[order[i]] = order[(i + 1) % size];
        }
        return next;
    }
}
