package parley.p2p.client;

import java.time.Duration;

import parley.api.Message;
import parley.api.Sessions;
import parley.p2p.link.Fingerprint;
import parley.p2p.link.P2pMessages;
import parley.p2p.link.Token;
import tools.jackson.databind.JsonNode;

/**
 * A {@code P2P_INVITE} as read by a client. Its token shows as hidden in {@link #toString}.
 *
 * @param peerPort   the port the callee listens on (0: none, the link goes through the relay); the
 *                   callee's own invite has none
 * @param peerFingerprint the peer's link certificate, pinned on the link's TLS
 * @param relayHost  the relay's host, or null for the server's own
 * @param relayPort  0 when the server runs no relay
 */
record Invite(String link, String role, String peer, String peerIp, int peerPort, Fingerprint peerFingerprint,
              Token token, Duration expires, Duration connectTimeout, String relayHost, int relayPort,
              RelayLimits relayLimits) {

    boolean caller() {
        return P2pMessages.CALLER.equals(role);
    }

    /**
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    static Invite parse(Message invite) {
        String link = required(invite.text("link"), "link");
        String role = invite.text("role");
        if (!P2pMessages.CALLER.equals(role) && !P2pMessages.CALLEE.equals(role)) {
            throw new IllegalArgumentException("role must be caller or callee");
        }
        JsonNode peer = invite.get("peer");
        if (peer == null || !peer.isObject()) {
            throw new IllegalArgumentException("no peer object");
        }
        String pseudo = text(peer, "pseudo");
        if (!Sessions.isValidPseudo(pseudo)) {
            throw new IllegalArgumentException("no valid peer.pseudo");
        }
        String ip = required(text(peer, "ip"), "peer.ip");
        int port = port(peer.get("port"), "peer.port");
        String fingerprint = text(peer, "fingerprint");
        if (fingerprint == null) {
            throw new IllegalArgumentException("no peer.fingerprint: the server is older than this client and cannot"
                    + " set up an encrypted link (links run TLS, pinned by fingerprint); not linking in clear text");
        }
        Fingerprint pin;
        try {
            pin = Fingerprint.parse(fingerprint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("peer.fingerprint: " + e.getMessage());
        }
        Token token = Token.parse(required(invite.text("token"), "token"));
        Duration expires = Duration.ofMillis(Math.max(1, invite.number("expires_ms", 60_000)));
        Duration connect = Duration.ofMillis(Math.max(1, invite.number("connect_timeout_ms", 3_000)));
        JsonNode relay = invite.get("relay");
        String relayHost = null;
        int relayPort = 0;
        RelayLimits limits = null;
        if (relay != null && relay.isObject()) {
            relayHost = text(relay, "host");
            relayPort = port(relay.get("port"), "relay.port");
            JsonNode bytes = relay.get("max_bytes");
            JsonNode millis = relay.get("max_duration_ms");
            limits = new RelayLimits(bytes != null && bytes.canConvertToLong() ? bytes.longValue() : Long.MAX_VALUE,
                    Duration.ofMillis(millis != null && millis.canConvertToLong() ? millis.longValue() : Long.MAX_VALUE));
        }
        return new Invite(link, role, pseudo, ip, port, pin, token, expires, connect, relayHost, relayPort, limits);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    private static String required(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("no " + field);
        }
        return value;
    }

    private static int port(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || node.intValue() < 1 || node.intValue() > 65535) {
            throw new IllegalArgumentException(field + " must be 1 to 65535");
        }
        return node.intValue();
    }
}
