package parley.files.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import parley.api.Config;
import parley.api.Setting;
import parley.api.client.ParleyClient;
import parley.api.client.Progress;
import parley.api.spi.Benchmark;
import parley.api.spi.BenchmarkContext;
import parley.rooms.api.client.Chat;
import parley.files.FileInfo;

/**
 * {@code ./parley bench files}: one file sent to a room through the server and fetched back by another
 * member, against a plain socket copy of the same bytes (a file read into a loopback socket and written
 * to a file on the other side, with the same chunk size), all in one run on one machine.
 *
 * <p>Method: one uncounted warm-up round with a smaller file (both JVMs compile their hot paths), then
 * {@code rounds} rounds of: plain copy, upload, plain copy, download. Each direction is compared with
 * the plain copy just before it, so both see the same machine; the medians are reported, because on a
 * shared machine single runs swing by a factor of two. Each output file is deleted once measured, and
 * every timed phase starts from the same memory: see {@link #levelMemory}.
 *
 * <p>Options ({@code --set}): {@code size} of the file (default 256MiB), {@code chunk} bytes per
 * frame and per copy (default 256KiB), {@code rounds} (default 3), {@code room} (default room1),
 * {@code level} (default true). It asks the server it runs against
 * for a size limit and a quota that fit the file, and a spool in the launcher's scratch directory.
 */
public final class FilesBenchmark implements Benchmark {

    /** Issue 11's target: each direction at least this share of the plain copy measured just before it, in %. */
    static final double TARGET_PERCENT = 50;

    static final Setting<Long> SIZE = Setting.bytes("size", 256L << 20, "size of the file sent and fetched");
    static final Setting<Long> CHUNK = Setting.bytes("chunk", 256L << 10, "bytes per binary frame, and per read and write of the plain copy");
    static final Setting<String> ROOM = Setting.text("room", "room1", "the room the file is sent to");
    static final Setting<Boolean> LEVEL = Setting.flag("level", true,
            "before each timed phase, write and delete a scratch file of twice the size (see levelMemory)");
    static final Setting<Integer> ROUNDS = Setting.integer("rounds", 3, 1, 100,
            "rounds of plain copy, upload and download; the figures are the medians");

    private static final double MIB = 1 << 20;
    private static final long WARM_UP = 128L << 20;

    @Override
    public String name() {
        return "files";
    }

    @Override
    public String description() {
        return "a file sent through the server and fetched back, against a plain socket copy of the same bytes";
    }

    @Override
    public Map<String, String> serverSettings(Config options, Path serverDir) {
        long size = options.get(SIZE);
        String quota = Long.toString(size + (64L << 20));
        return Map.of( // every limit that could refuse a file of this size, raised to fit it
                "files.max-size", Long.toString(Math.max(size, 1)),
                "files.quota", quota,
                "files.user-quota", quota,
                "files.spool-dir", serverDir.resolve("spool").toString(),
                "limits.bytes-per-second", "0"); // the server's speed, not the byte budget's policy
    }

    @Override
    public void run(BenchmarkContext context) throws Exception {
        long size = context.options().get(SIZE);
        int chunk = (int) Math.clamp(context.options().get(CHUNK), 1024, 8L << 20);
        int rounds = context.options().get(ROUNDS);
        boolean level = context.options().get(LEVEL);
        String room = context.options().get(ROOM);
        PrintWriter out = context.out();
        Path source = context.workDir().resolve("source.bin");
        out.println("   writing a " + Progress.bytes(size) + " file of random bytes...");
        out.flush();
        generate(source, size);

        long start = System.nanoTime();
        String sha256 = Uploader.hash(source, done -> { });
        double hashSeconds = seconds(start);

        Path copy = context.workDir().resolve("plain-copy.bin");
        Path downloads = Files.createDirectories(context.workDir().resolve("downloads"));
        double[] plainUp = new double[rounds];
        double[] plainDown = new double[rounds];
        double[] upload = new double[rounds];
        double[] download = new double[rounds];
        String suffix = "-" + ProcessHandle.current().pid();
        try (ParleyClient sender = context.connect(); ParleyClient receiver = context.connect()) {
            sender.login("bench-send" + suffix);
            receiver.login("bench-get" + suffix);
            Chat.join(sender, room);
            Chat.join(receiver, room);
            warmUp(context, sender, receiver, room, chunk, Math.min(size / 4, WARM_UP));
            out.println(level ? "   before each timed phase, a scratch file of " + Progress.bytes(2 * size)
                    + " is written and deleted, so every phase starts from the same memory (docs/PERFORMANCE.md;"
                    + " --set level=false to skip it)" : "   no levelling of memory between phases (level=false)");
            out.flush();
            for (int round = 0; round < rounds; round++) {
                levelMemory(level, context.workDir(), size);
                plainUp[round] = plainCopy(source, copy, chunk, size);
                levelMemory(level, context.workDir(), size);
                start = System.nanoTime();
                FileInfo stored = Uploader.send(sender, room, source, sha256, chunk, done -> { });
                upload[round] = rate(size, seconds(start));

                levelMemory(level, context.workDir(), size);
                plainDown[round] = plainCopy(source, copy, chunk, size);
                levelMemory(level, context.workDir(), size);
                start = System.nanoTime();
                Downloader.Saved saved = Downloader.get(receiver, stored.id(), stored, downloads, done -> { });
                download[round] = rate(size, seconds(start));
                Files.delete(saved.path());
                if (!saved.file().sha256().equals(sha256)) {
                    throw new IllegalStateException("the file came back with another SHA-256");
                }
                out.println(String.format(Locale.ROOT, "   round %d: plain copy %.0f MiB/s, upload %.0f MiB/s (%.0f%%);"
                                + " plain copy %.0f MiB/s, download %.0f MiB/s (%.0f%%)", round + 1, plainUp[round],
                        upload[round], 100 * upload[round] / plainUp[round], plainDown[round], download[round],
                        100 * download[round] / plainDown[round]));
                out.flush();
            }
        }
        double[] upRatio = new double[rounds];
        double[] downRatio = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            upRatio[round] = 100 * upload[round] / plainUp[round];
            downRatio[round] = 100 * download[round] / plainDown[round];
        }
        context.report("file size", size / MIB, "MiB");
        context.report("rounds (figures below are medians)", rounds, "");
        context.report("plain socket copy before the upload", median(plainUp), "MiB/s");
        context.report("upload through the server", median(upload), "MiB/s");
        context.report("upload vs the plain copy before it", median(upRatio), "%");
        context.report("plain socket copy before the download", median(plainDown), "MiB/s");
        context.report("download through the server", median(download), "MiB/s");
        context.report("download vs the plain copy before it", median(downRatio), "%");
        context.report("client SHA-256 before sending", size / MIB / hashSeconds, "MiB/s");
        out.println(String.format(Locale.ROOT, "   target (issue 11): %.0f%% of the plain copy each way: upload %s, download %s",
                TARGET_PERCENT, median(upRatio) >= TARGET_PERCENT ? "met" : "NOT met",
                median(downRatio) >= TARGET_PERCENT ? "met" : "NOT met"));
    }

    /**
     * One uncounted round with a smaller file, so that the measured rounds see both JVMs compiled and
     * warm rather than the first seconds of a fresh server.
     */
    private static void warmUp(BenchmarkContext context, ParleyClient sender, ParleyClient receiver, String room,
                               int chunk, long size) throws Exception {
        Path file = context.workDir().resolve("warm-up.bin");
        generate(file, size);
        Path copy = context.workDir().resolve("warm-up-copy.bin");
        plainCopy(file, copy, chunk);
        Files.delete(copy);
        FileInfo stored = Uploader.send(sender, room, file, null, chunk, done -> { });
        Path saved = Downloader.get(receiver, stored.id(), stored, context.workDir(), done -> { }).path();
        Files.delete(saved);
        Files.delete(file);
    }

    /**
     * When {@code level} (the option of that name, on by default): writes, then deletes, a scratch file of
     * twice {@code size}, so that the timed phase after it finds that much memory just freed, whatever
     * the phases before it did.
     *
     * <p>Why: every timed phase writes a new file of {@code size} bytes into the page cache. On a
     * virtual machine whose host takes back the guest's idle memory, writing into pages the guest has not
     * touched lately costs about ten times more than writing into pages it freed a moment ago (measured
     * on the project's machine: 2.1 s against 0.16 s of CPU per GiB, at most about 450 MiB/s however many
     * threads write). Which pages a phase gets depends on what the phases before it freed, so without this
     * one phase of a pair could get recycled pages and the other new ones, and the comparison measured the
     * host, not the transfer. Every timed phase, plain copy or transfer, gets the same preparation.
     */
    static void levelMemory(boolean level, Path dir, long size) throws IOException {
        if (!level) {
            return;
        }
        Path scratch = dir.resolve("level.bin");
        byte[] block = new byte[1 << 20];
        try (FileChannel out = FileChannel.open(scratch, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            for (long left = 2 * size; left > 0; left -= block.length) {
                ByteBuffer bytes = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, left));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    private static double rate(long size, double seconds) {
        return size / MIB / seconds;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Writes {@code size} pseudo-random bytes, 1 MiB at a time. */
    static void generate(Path path, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(size);
        byte[] block = new byte[1 << 20];
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            long left = size;
            while (left > 0) {
                random.nextBytes(block);
                ByteBuffer bytes = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, left));
                while (bytes.hasRemaining()) {
                    left -= out.write(bytes);
                }
            }
            out.force(true); // on disk before anything is timed, so its write-back does not land in a measurement
        }
    }

    /**
     * The baseline: reads {@code source} in chunks into a loopback socket, and writes what the other end
     * reads to {@code target}; the seconds from connecting to the last byte written.
     */
    static double plainCopy(Path source, Path target, int chunk, long size) throws Exception {
        double seconds = plainCopy(source, target, chunk);
        if (Files.size(target) != size) {
            throw new IllegalStateException("the plain copy has " + Files.size(target) + " bytes, not " + size);
        }
        Files.delete(target);
        return rate(size, seconds);
    }

    static double plainCopy(Path source, Path target, int chunk) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> received = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try (Socket socket = server.accept(); InputStream in = socket.getInputStream();
                     FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    byte[] buffer = new byte[chunk];
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
                        while (bytes.hasRemaining()) {
                            out.write(bytes);
                        }
                    }
                    received.complete(null);
                } catch (IOException e) {
                    received.completeExceptionally(e);
                }
            });
            long start = System.nanoTime();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                 OutputStream out = socket.getOutputStream();
                 FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
                byte[] buffer = new byte[chunk];
                ByteBuffer bytes = ByteBuffer.wrap(buffer);
                int read;
                while ((read = in.read(bytes.clear())) >= 0) {
                    out.write(buffer, 0, read);
                }
            }
            received.get(10, TimeUnit.MINUTES);
            return seconds(start);
        }
    }

    private static double seconds(long since) {
        return Math.max(1e-9, (System.nanoTime() - since) / 1e9);
    }
}
