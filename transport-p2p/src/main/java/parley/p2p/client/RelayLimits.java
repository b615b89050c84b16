package parley.p2p.client;

import java.time.Duration;

/**
 * What the server's relay allows one link, told in the invite and again when the relay joins the
 * two sides: the relay closes the link past either.
 *
 * @param maxBytes    bytes the link may carry, both directions together
 * @param maxDuration how long it may last
 */
public record RelayLimits(long maxBytes, Duration maxDuration) {
}
