package parley.moderation;

import java.time.Instant;

/**
 * One mute: a pseudo that may not speak (MSG, FILE) in a room until the term ends.
 *
 * @param room   the room
 * @param key    the pseudo's normal form
 * @param pseudo the pseudo as the operator wrote it
 * @param by     the operator's pseudo
 * @param reason why; empty when none was given
 * @param term   until when
 */
record Mute(String room, String key, String pseudo, String by, String reason, Term term) {

    /** The KO reason for a muted member's MSG or FILE. */
    String refusal(Instant now) {
        return "you are muted in " + room + " by " + by + " " + term.describe(now)
                + (reason.isEmpty() ? "" : ": " + reason) + "; you may still read";
    }
}
