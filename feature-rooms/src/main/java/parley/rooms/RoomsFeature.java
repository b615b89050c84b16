package parley.rooms;

import java.util.List;

import parley.api.Message;
import parley.api.ResumeListener;
import parley.api.ServerContext;
import parley.api.Session;
import parley.api.wire.Json;
import tools.jackson.databind.node.ArrayNode;
import parley.api.Verbs;
import parley.api.spi.ServerFeature;
import parley.api.wire.LegacyShape;
import parley.rooms.api.RoomDirectory;
import parley.rooms.api.RoomVerbs;

/**
 * The rooms plugin's composition root: builds the rooms from the {@code rooms} setting, gives them to
 * its commands, offers them to other plugins as {@link RoomDirectory}, lists them in every LOGIN
 * answer, and makes a closed connection leave every room, unless it dropped and may resume: then its
 * memberships wait, and move to the session that resumes it, or are left when its window ends.
 */
public final class RoomsFeature implements ServerFeature {

    private Rooms rooms;

    @Override
    public void start(ServerContext context) {
        Rooms rooms = new Rooms(context, context.config().get(RoomsSettings.ROOMS));
        this.rooms = rooms;
        context.services().register(RoomDirectory.class, rooms);
        context.register(new JoinRoomCommand(rooms, context.config().get(RoomsSettings.MAX_ROOMS_PER_USER)));
        context.register(new MsgCommand(rooms, context.config().get(RoomsSettings.MAX_MESSAGE_LENGTH)));
        context.register(new ByeCommand(rooms));
        context.addFigures(new RoomFigures(rooms));
        context.onLogin((session, answer) -> answer.put("rooms", rooms.rooms()));
        context.sessions().onClose((session, pseudo, reason) -> {
            if (pseudo == null || rooms.stopped()) {
                return; // stopping: the connections close with the server, and no event is made that its log would miss
            }
            if (session.resumable()) {
                rooms.park(session); // no LEFT yet: it may come back within resume-window
            } else {
                rooms.leaveAll(session, pseudo, reason);
            }
        });
        context.onResume(new ResumeListener() {
            @Override
            public void resumed(Session before, Session after, Message answer) {
                ArrayNode memberships = Json.array();
                rooms.resume(before, after).forEach((room, last) ->
                        memberships.add(Json.object().put("room", room).put("last", last)));
                answer.put("memberships", memberships);
            }

            @Override
            public void ended(Session before, String pseudo, String reason) {
                rooms.unpark(before, pseudo, reason);
            }
        });
    }

    /**
     * The server is stopping (or the plugin unloading): the rooms make no more events, so that no id is
     * handed out after the history has stopped (it would come again after a restart). Members are not
     * told LEFT: they got SHUTDOWN.
     */
    @Override
    public void stop() {
        if (rooms != null) {
            rooms.stop();
        }
    }

    @Override
    public List<LegacyShape> pushShapes() {
        return List.of(
                LegacyShape.of(Verbs.DISPLAY_ROOM, List.of("rooms...")),
                LegacyShape.of(RoomVerbs.JOINED, List.of("room", "pseudo")),
                LegacyShape.of(RoomVerbs.LEFT, List.of("room", "pseudo")));
    }
}
