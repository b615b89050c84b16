package parley.moderation;

import java.util.Locale;
import java.util.Map;

/**
 * Who may join a room: anyone ({@link Mode#OPEN}), or only the pseudos of its list, set by RESTRICT
 * ({@link Mode#MEMBERS}) or grown by INVITE ({@link Mode#INVITE}). Room and server operators may always join.
 *
 * @param mode    the room's mode
 * @param allowed the allowed pseudos: normal form → as written
 */
record Access(Mode mode, Map<String, String> allowed) {

    static final Access OPEN = new Access(Mode.OPEN, Map.of());

    Access {
        allowed = Map.copyOf(allowed);
    }

    /** The three modes; their wire names are lower case. */
    enum Mode {
        OPEN, MEMBERS, INVITE;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Reads {@code open}, {@code members} or {@code invite}. */
        static Mode parse(String text) {
            for (Mode mode : values()) {
                if (mode.wire().equalsIgnoreCase(text.strip())) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("bad mode '" + Term.brief(text) + "': write open, members or invite");
        }
    }

    boolean allows(String key) {
        return mode == Mode.OPEN || allowed.containsKey(key);
    }

    /** The KO reason for someone not allowed into {@code room}. */
    String refusal(String room) {
        return mode == Mode.INVITE
                ? room + " is by invitation only: ask one of its operators to INVITE you"
                : room + " is restricted to its members list: ask one of its operators to INVITE you";
    }
}
