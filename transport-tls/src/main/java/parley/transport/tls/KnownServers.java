package parley.transport.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The servers a client has met, one per line: {@code host:port SHA256:AB:CD:...}, as trust on first use
 * remembers them ({@code ~/.parley/known_servers} by default). Lines starting with {@code #} are comments.
 * A person removes a line to accept a server's new certificate.
 */
record KnownServers(Path file) {

    static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".parley", "known_servers");
    }

    /** The fingerprint remembered for {@code server} ({@code host:port}), if any. */
    Optional<Fingerprint> lookup(String server) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            if (parts.length >= 2 && parts[0].equals(server)) {
                try {
                    return Optional.of(Fingerprint.parse(parts[1]));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": the line for " + server + " has no valid fingerprint: " + line);
                }
            }
        }
        return Optional.empty();
    }

    /** Adds {@code server}'s fingerprint at the end of the file (made with its folder if needed). */
    synchronized void remember(String server, Fingerprint fingerprint) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.writeString(file, server + " " + fingerprint + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
