package parley.rooms;

import java.util.List;

import parley.api.ServerContext;
import parley.api.Verbs;
import parley.api.spi.ServerFeature;
import parley.api.wire.LegacyShape;
import parley.rooms.api.RoomDirectory;
import parley.rooms.api.RoomVerbs;

/**
 * The rooms plugin's composition root: builds the rooms from the {@code rooms} setting, gives them to
 * its commands, offers them to other plugins as {@link RoomDirectory}, lists them in every LOGIN
 * answer, and makes a closed connection leave every room.
 */
public final class RoomsFeature implements ServerFeature {

    @Override
    public void start(ServerContext context) {
        Rooms rooms = new Rooms(context, context.config().get(RoomsSettings.ROOMS));
        context.services().register(RoomDirectory.class, rooms);
        context.register(new JoinRoomCommand(rooms));
        context.register(new MsgCommand(rooms, context.config().get(RoomsSettings.MAX_MESSAGE_LENGTH)));
        context.register(new ByeCommand(rooms));
        context.addFigures(new RoomFigures(rooms));
        context.onLogin((session, answer) -> answer.put("rooms", rooms.rooms()));
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
                LegacyShape.of(RoomVerbs.JOINED, List.of("room", "pseudo")),
                LegacyShape.of(RoomVerbs.LEFT, List.of("room", "pseudo")));
    }
}
