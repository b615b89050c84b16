package parley.p2p.client;

import java.time.Duration;

/**
 * A file the peer received whole: it computed the same SHA-256 as the sender.
 *
 * @param name    the name sent
 * @param size    bytes
 * @param sha256  lower-case hex, as both sides computed it
 * @param elapsed from the first byte to the peer's confirmation
 */
public record SentFile(String name, long size, String sha256, Duration elapsed) {
}
