package parley.moderation;

import java.util.List;

import parley.api.wire.LegacyShape;

/** The moderation plugin's verbs and pushes, and the legacy shapes of its pushes. */
final class ModerationVerbs {

    static final String OP = "OP";
    static final String DEOP = "DEOP";
    static final String KICK = "KICK";
    static final String BAN = "BAN";
    static final String UNBAN = "UNBAN";
    static final String MUTE = "MUTE";
    static final String UNMUTE = "UNMUTE";
    /** A verb (set or read a topic) and a push (the topic changed, or the topic of a room just joined). */
    static final String TOPIC = "TOPIC";
    static final String RESTRICT = "RESTRICT";
    static final String INVITE = "INVITE";
    static final String BANS = "BANS";

    static final String KICKED = "KICKED";
    static final String BANNED = "BANNED";
    static final String UNBANNED = "UNBANNED";
    static final String MUTED = "MUTED";
    static final String UNMUTED = "UNMUTED";
    static final String OPPED = "OPPED";
    static final String DEOPPED = "DEOPPED";
    static final String RESTRICTED = "RESTRICTED";
    static final String INVITED = "INVITED";

    /** TOPIC's arguments, the request's and the push's: {@code TOPIC "room" "topic" "by"}. */
    static final List<String> TOPIC_ARGS = List.of("room", "topic?", "by?");

    /** The pushes' legacy shapes (TOPIC's is its verb's). */
    static final List<LegacyShape> PUSH_SHAPES = List.of(
            LegacyShape.of(KICKED, List.of("room", "pseudo", "by", "reason")),
            LegacyShape.of(BANNED, List.of("room", "target", "by", "until", "reason", "scope")),
            LegacyShape.of(UNBANNED, List.of("room", "target", "by")),
            LegacyShape.of(MUTED, List.of("room", "pseudo", "by", "until", "reason")),
            LegacyShape.of(UNMUTED, List.of("room", "pseudo", "by")),
            LegacyShape.of(OPPED, List.of("room", "pseudo", "by")),
            LegacyShape.of(DEOPPED, List.of("room", "pseudo", "by")),
            LegacyShape.of(RESTRICTED, List.of("room", "mode", "by")),
            LegacyShape.of(INVITED, List.of("room", "pseudo", "by")));

    private ModerationVerbs() {
    }
}
