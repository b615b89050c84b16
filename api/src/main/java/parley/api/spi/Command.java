package parley.api.spi;

import java.util.List;

import parley.api.Request;

/**
 * SPI: the server-side handler of one verb (message {@code type}), found with
 * {@link java.util.ServiceLoader}. A plugin module declares {@code provides parley.api.spi.Command with ...}.
 *
 * <p><b>Instances.</b> The kernel makes one instance per server from the provider; keep state in a
 * service registered by a {@link ServerFeature}, not in static fields.
 *
 * <p><b>Threading.</b> {@link #handle} runs on the sender's reader thread (a virtual thread). Calls for
 * one session are sequential and in arrival order; calls for different sessions run at the same
 * time. A handler may block briefly on its own state but never on another client: pushes to others
 * go through their non-blocking {@code send}.
 *
 * <p><b>Failure.</b> A {@link parley.api.BadRequestException} answers the sender ERROR with its message.
 * Any other exception answers ERROR "internal error", is logged with the plugin's name, and leaves
 * the connection and the server running.
 */
public interface Command {

    /** The message type this command handles, in capitals, e.g. {@code JOIN_ROOM}. */
    String verb();

    /**
     * How the legacy form's arguments map to JSON fields, in order: e.g. {@code ["room", "pseudo", "msg"]}
     * for {@code MSG "room1" "alice" "hi"}. A name ending in {@code ?} may be left out; one ending in
     * {@code ...} takes the rest as an array. Messages of this type sent to legacy clients use the
     * same mapping.
     */
    default List<String> legacyArgs() {
        return List.of();
    }

    /** When true (the default), the kernel answers KO to a sender that has not logged in. */
    default boolean requiresLogin() {
        return true;
    }

    /** One line of help, shown by HELP and the plugin listing. */
    default String help() {
        return verb();
    }

    /** Handles one request. Answer through {@link Request#ok()}, {@link Request#ko}, {@link Request#reply}. */
    void handle(Request request);
}
