package parley.files.client;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import parley.files.FileNames;

/**
 * Puts a downloaded file into the directory the user chose: under a clean name, never outside that
 * directory, never over an existing file (a taken name becomes {@code name (1).ext}, {@code name (2).ext}...).
 * Thread-safe (no state).
 */
final class LocalFiles {

    private static final int MAX_TRIES = 1000;

    private LocalFiles() {
    }

    /**
     * Moves {@code part} to {@code dir}, named after {@code name} (cleaned again here: the server is not
     * trusted with paths).
     *
     * @return where it went
     * @throws IOException when every candidate name is taken, or a name would leave the directory
     */
    static Path place(Path part, Path dir, String name) throws IOException {
        Path base = dir.toAbsolutePath().normalize();
        String clean = FileNames.clean(name);
        for (int n = 0; n < MAX_TRIES; n++) {
            Path target = base.resolve(numbered(clean, n)).normalize();
            if (!base.equals(target.getParent())) {
                throw new IOException("refusing to write " + target + ": it is outside " + base);
            }
            try {
                Files.move(part, target); // no REPLACE_EXISTING: an existing name throws
                return target;
            } catch (FileAlreadyExistsException e) {
                // taken: try the next number
            }
        }
        throw new IOException("every name like " + clean + " is taken in " + base);
    }

    /** {@code notes.txt}, then {@code notes (1).txt}, {@code notes (2).txt}... */
    static String numbered(String name, int n) {
        if (n == 0) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot) : name + " (" + n + ")";
    }
}
