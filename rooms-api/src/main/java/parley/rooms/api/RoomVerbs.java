package parley.rooms.api;

/** The rooms' protocol messages, as documented in {@code docs/PROTOCOL.md}. */
public final class RoomVerbs {

    public static final String JOIN_ROOM = "JOIN_ROOM";
    public static final String MSG = "MSG";
    public static final String BYE = "BYE";
    public static final String JOINED = "JOINED";
    public static final String LEFT = "LEFT";

    private RoomVerbs() {
    }
}
