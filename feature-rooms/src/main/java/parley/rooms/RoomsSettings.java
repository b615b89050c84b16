package parley.rooms;

import java.util.List;

import parley.api.Setting;

/** The rooms plugin's settings and their defaults. */
public final class RoomsSettings {

    public static final Setting<List<String>> ROOMS = Setting.list("rooms", List.of("room1", "room2", "room3"),
            "the rooms of this server, comma-separated");

    public static final Setting<Integer> MAX_MESSAGE_LENGTH = Setting.integer("max-message-length", 4096, 1, 1 << 20,
            "longest chat message, in characters");

    /** A server may list many rooms; nobody needs to sit in more than a few dozen at once. */
    public static final Setting<Integer> MAX_ROOMS_PER_USER = Setting.integer("max-rooms-per-user", 50, 1, 100_000,
            "rooms one session may be in at once; JOIN_ROOM past it gets KO");

    public static final List<Setting<?>> ALL = List.of(ROOMS, MAX_MESSAGE_LENGTH, MAX_ROOMS_PER_USER);

    /** Client: how many of a room's last messages /join shows, marked as history. */
    public static final Setting<Integer> CLIENT_HISTORY = Setting.integer("rooms.history", 20, 0, 500,
            "how many of a room's last messages /join shows, marked as history (0: none; needs the history plugin on the server)");

    /** The client's settings. */
    public static final List<Setting<?>> CLIENT = List.of(CLIENT_HISTORY);

    private RoomsSettings() {
    }
}
