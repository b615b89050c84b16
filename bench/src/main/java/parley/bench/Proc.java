package parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux tells of a process: CPU time used (user and system) and resident size. */
final class Proc {

    /** Clock ticks per second of /proc/PID/stat; 100 on every Linux this runs on (getconf CLK_TCK). */
    static final long TICKS_PER_SECOND = 100;

    private Proc() {
    }

    /** CPU time used by every thread of {@code pid} so far, in nanoseconds (10 ms steps). */
    static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** Resident set size of {@code pid} in bytes. */
    static long rssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }
}
