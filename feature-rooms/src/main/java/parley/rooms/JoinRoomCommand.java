package parley.rooms;

import java.util.List;

import parley.api.Message;
import parley.api.Request;
import parley.api.Verbs;
import parley.rooms.api.RoomVerbs;
import parley.api.spi.Command;

/** {@code JOIN_ROOM "room"} → OK (framed: with the members), or KO. The others get JOINED. */
final class JoinRoomCommand implements Command {

    private final Rooms rooms;

    private final int maxRooms;

    JoinRoomCommand(Rooms rooms, int maxRooms) {
        this.rooms = rooms;
        this.maxRooms = maxRooms;
    }

    @Override
    public String verb() {
        return RoomVerbs.JOIN_ROOM;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("room");
    }

    @Override
    public String help() {
        return "joins a room; you may be in several";
    }

    @Override
    public void handle(Request request) {
        String room = request.require("room");
        if (!rooms.exists(room)) {
            request.ko(rooms.unknown(room));
            return;
        }
        if (!rooms.isMember(room, request.session()) && rooms.roomsOf(request.session()).size() >= maxRooms) {
            request.ko("you are in " + maxRooms + " rooms already, this server's most (max-rooms-per-user):"
                    + " leave one with BYE first");
            return;
        }
        List<String> members = rooms.join(room, request.session());
        boolean joined = members != null;
        if (!joined) {
            members = rooms.members(room).stream().map(s -> s.pseudo()).toList();
        }
        request.reply(Message.of(Verbs.OK).put("room", room).put("members", members));
        if (joined) {
            rooms.welcomed(room, request.session()); // after the OK: a greeting (a topic) follows it
        }
    }
}
