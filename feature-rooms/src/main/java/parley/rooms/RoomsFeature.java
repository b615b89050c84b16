package parley.rooms;

import java.util.List;

import parley.api.ServerContext;
import parley.api.Verbs;
import parley.api.rooms.RoomDirectory;
import parley.api.spi.ServerFeature;
import parley.api.wire.LegacyShape;

/**
 * Starts the rooms of a server: builds the directory from the {@code rooms} setting, offers it to
 * other plugins as {@link RoomDirectory}, and makes a closed connection leave every room.
 */
public final class RoomsFeature implements ServerFeature {

    @Override
    public void start(ServerContext context) {
        Rooms rooms = new Rooms(context, context.config().get(RoomsSettings.ROOMS));
        context.services().register(RoomDirectory.class, rooms);
        context.services().register(Rooms.class, rooms);
        context.sessions().onClose((session, pseudo, reason) -> {
            if (pseudo != null) {
                rooms.leaveAll(session, pseudo, reason);
            }
        });
    }

    @Override
    public List<LegacyShape> pushShapes() {
        return List.of(
                LegacyShape.of(Verbs.DISPLAY_ROOM, List.of("rooms...")),
                LegacyShape.of(Verbs.JOINED, List.of("room", "pseudo")),
                LegacyShape.of(Verbs.LEFT, List.of("room", "pseudo")));
    }
}
