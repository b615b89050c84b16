package parley.api.client;

import java.time.Duration;
import java.util.Locale;

/**
 * A progress line for long transfers: bytes done, total, rate and time left, with a bar.
 * {@code Progress.line(...)} is a pure function; {@link Tracker} keeps the start time for you.
 */
public final class Progress {

    private static final int BAR = 20;

    private Progress() {
    }

    /** E.g. {@code "[#########...........] 45% 460.0 MiB / 1.0 GiB  230.5 MiB/s  ETA 0:02"}. */
    public static String line(long done, long total, Duration elapsed) {
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-3);
        double rate = done / seconds;
        int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        int filled = percent * BAR / 100;
        String bar = "#".repeat(filled) + ".".repeat(BAR - filled);
        String eta = rate <= 0 || done >= total ? "0:00" : clock((long) ((total - done) / rate));
        return String.format(Locale.ROOT, "[%s] %3d%% %s / %s  %s/s  ETA %s", bar, percent, bytes(done), bytes(total),
                bytes((long) rate), eta);
    }

    /** A byte count with a binary unit: {@code 512 B}, {@code 1.5 KiB}, {@code 3.2 GiB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String clock(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /** Remembers when a transfer started and says when a new line is worth showing. */
    public static final class Tracker {
        private final long total;
        private final long start = System.nanoTime();
        private long lastShown;

        public Tracker(long total) {
            this.total = total;
        }

        /** The line for {@code done} bytes, or {@code null} if the last one is less than 200 ms old and this is not the end. */
        public String update(long done) {
            long now = System.nanoTime();
            if (done < total && now - lastShown < 200_000_000L) {
                return null;
            }
            lastShown = now;
            return line(done, total, Duration.ofNanos(now - start));
        }
    }
}
