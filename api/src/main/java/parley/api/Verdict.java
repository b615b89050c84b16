package parley.api;

import java.util.Objects;

/**
 * What a {@link RequestFilter} decides about one request.
 *
 * @param kind   pass it on, refuse it, or close the connection
 * @param reason for {@link Kind#DENY} and {@link Kind#CLOSE}: sent to the client, so name what is wrong
 *               and how to fix it
 */
public record Verdict(Kind kind, String reason) {

    /** The three outcomes. */
    public enum Kind {
        /** The next filter, then the handler, sees the request. */
        PASS,
        /** The sender gets {@code KO} with the reason; the handler never sees the request. */
        DENY,
        /** The sender gets {@code ERROR} with the reason, and the connection closes. */
        CLOSE
    }

    private static final Verdict PASS = new Verdict(Kind.PASS, null);

    public Verdict {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.PASS) {
            Objects.requireNonNull(reason, "a refusal needs a reason");
        }
    }

    public static Verdict pass() {
        return PASS;
    }

    public static Verdict deny(String reason) {
        return new Verdict(Kind.DENY, reason);
    }

    public static Verdict close(String reason) {
        return new Verdict(Kind.CLOSE, reason);
    }
}
