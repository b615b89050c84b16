package parley.files;

import java.io.IOException;
import java.nio.file.Path;

import parley.files.client.Uploader;

/** The SHA-256 of a file on disk, read in chunks. */
final class Sha256Of {

    private Sha256Of() {
    }

    static String file(Path path) throws IOException {
        return Uploader.hash(path, done -> { });
    }
}
