package parley.moderation;

import java.time.Instant;

/**
 * One ban: who, where, by whom, why and until when.
 *
 * @param room   the room, or {@link #SERVER} for the whole server
 * @param target the pseudo or address banned
 * @param by     the operator's pseudo
 * @param reason why; empty when none was given
 * @param term   until when
 */
record Ban(String room, Target target, String by, String reason, Term term) {

    /** The room of a server-wide ban. */
    static final String SERVER = "*";

    boolean serverWide() {
        return SERVER.equals(room);
    }

    /** The KO reason for someone this ban refuses: names the ban, its reason and its end. */
    String refusal(Instant now) {
        String where = serverWide() ? "this server" : room;
        return (target.ip() ? "your address " + target.key() + " is" : "you are") + " banned from " + where
                + " by " + by + " " + term.describe(now) + (reason.isEmpty() ? "" : ": " + reason);
    }
}
