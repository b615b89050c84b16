package parley.rooms.api.client;

import parley.api.spi.ClientContext;

/**
 * The room plain text goes to in the interactive client, shared by the client extensions: the rooms
 * plugin sets it on /join and /leave; the vote and files extensions read it. Thread-safe.
 */
public final class CurrentRoom {

    private volatile String room;

    /** The client's current room holder. */
    public static CurrentRoom of(ClientContext context) {
        return context.shared(CurrentRoom.class, CurrentRoom::new);
    }

    /** The current room, or {@code null}. */
    public String get() {
        return room;
    }

    public void set(String room) {
        this.room = room;
    }
}
