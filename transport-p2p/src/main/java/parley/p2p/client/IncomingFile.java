package parley.p2p.client;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import parley.p2p.link.LinkException;

/**
 * One file arriving over a link: written to a hidden {@code .part} file in the downloads folder
 * while its SHA-256 is computed, then, if the size and the hash match the sender's, moved to a
 * safe, unused name. Anything wrong deletes the partial file. Used by the link's reader thread only.
 */
final class IncomingFile {

    final String id;
    final String name;
    private final long size;
    private final Path folder;
    private final Path part;
    private final OutputStream out;
    private final MessageDigest digest;
    private long received;

    IncomingFile(String id, String name, long size, Path folder) throws IOException {
        this.id = id;
        this.name = safeName(name);
        this.size = size;
        this.folder = folder;
        Files.createDirectories(folder);
        this.part = Files.createTempFile(folder, ".parley-", ".part");
        this.out = Files.newOutputStream(part);
        this.digest = sha256();
    }

    void write(byte[] data, int offset, int length) throws IOException {
        if (received + length > size) {
            throw new LinkException("more bytes than the " + size + " announced");
        }
        out.write(data, offset, length);
        digest.update(data, offset, length);
        received += length;
    }

    /**
     * Checks the size and the hash, and moves the file into place.
     *
     * @throws IOException saying what did not match; the partial file is deleted
     */
    ReceivedFile finish(String expectedSha256) throws IOException {
        out.close();
        if (received != size) {
            throw new LinkException("got " + received + " bytes of the " + size + " announced");
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equalsIgnoreCase(String.valueOf(expectedSha256))) {
            throw new LinkException("its SHA-256 is " + actual + ", the sender's " + expectedSha256);
        }
        Path target = moveToFreeName();
        return new ReceivedFile(name, target, size, actual);
    }

    /** Drops the partial file. */
    void abort() {
        try {
            out.close();
        } catch (IOException e) {
            // deleting anyway
        }
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            // nothing more to do
        }
    }

    private Path moveToFreeName() throws IOException {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int n = 0; n < 10_000; n++) {
            Path target = folder.resolve(n == 0 ? name : stem + " (" + n + ")" + ext);
            if (Files.exists(target)) {
                continue;
            }
            try {
                try {
                    return Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    return Files.move(part, target);
                }
            } catch (FileAlreadyExistsException e) {
                // taken meanwhile: the next name
            }
        }
        throw new IOException("no free name for " + name + " in " + folder);
    }

    /**
     * The sender's name made safe for the downloads folder: its last path element, without control
     * characters or separators; never empty, never {@code .} or {@code ..}, never hidden.
     */
    static String safeName(String name) {
        String last = name == null ? "" : name.replace('\\', '/');
        last = last.substring(last.lastIndexOf('/') + 1);
        StringBuilder out = new StringBuilder();
        last.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == ':' ? '_' : c));
        String safe = out.toString().strip();
        while (safe.startsWith(".")) {
            safe = safe.substring(1);
        }
        if (safe.isEmpty()) {
            safe = "file";
        }
        return safe.length() <= 200 ? safe : safe.substring(0, 200);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
