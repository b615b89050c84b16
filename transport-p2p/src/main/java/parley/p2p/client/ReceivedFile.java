package parley.p2p.client;

import java.nio.file.Path;

/**
 * A file that arrived whole over a link, its SHA-256 checked against the sender's.
 *
 * @param name   the name the sender gave, made safe
 * @param path   where it was saved
 * @param size   bytes
 * @param sha256 lower-case hex
 */
public record ReceivedFile(String name, Path path, long size, String sha256) {
}
