package parley.p2p.client;

import java.util.Locale;

/** What a client does when another user asks for a link with it ({@code p2p.accept}). */
public enum AcceptPolicy {
    /** Asks the user ({@link P2pEvents#asked}); the answer is {@link P2pClient#accept} or {@link P2pClient#refuse}. */
    ASK,
    /** Accepts every link. */
    ALWAYS,
    /** Refuses every link. */
    NEVER;

    /** @throws IllegalArgumentException naming the values allowed */
    public static AcceptPolicy parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "ask" -> ASK;
            case "always", "yes" -> ALWAYS;
            case "never", "no" -> NEVER;
            default -> throw new IllegalArgumentException("expected ask, always or never");
        };
    }
}
