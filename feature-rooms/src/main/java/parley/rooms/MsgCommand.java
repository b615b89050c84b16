package parley.rooms;

import java.util.List;

import parley.api.Message;
import parley.api.Request;
import parley.api.Verbs;
import parley.rooms.api.RoomVerbs;
import parley.api.spi.Command;

/**
 * {@code MSG "room" "pseudo" "text"} → OK to the sender (framed: with the message's {@code id} and
 * {@code time}); every other member of the room gets the MSG, framed with the same {@code id} and
 * {@code time}.
 * The pseudo must be the sender's own: nobody can speak for someone else.
 */
final class MsgCommand implements Command {

    private final Rooms rooms;
    private final int maxLength;

    MsgCommand(Rooms rooms, int maxLength) {
        this.rooms = rooms;
        this.maxLength = maxLength;
    }

    @Override
    public String verb() {
        return RoomVerbs.MSG;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("room", "pseudo", "msg");
    }

    @Override
    public String help() {
        return "sends a message to a room you are in";
    }

    @Override
    public void handle(Request request) {
        String room = request.require("room");
        String text = request.require("msg");
        String me = request.session().pseudo();
        String claimed = request.message().text("pseudo");
        if (claimed != null && !claimed.equalsIgnoreCase(me)) {
            request.ko("you are " + me + ", not " + claimed + ": a message can only be sent under your own pseudo");
            return;
        }
        if (!rooms.exists(room)) {
            request.ko(rooms.unknown(room));
            return;
        }
        if (!rooms.isMember(room, request.session())) {
            request.ko("you are not in " + room + ": send JOIN_ROOM first");
            return;
        }
        String problem = ChatText.problem(text, maxLength);
        if (problem != null) {
            request.ko(problem);
            return;
        }
        Message msg = Message.of(RoomVerbs.MSG).put("room", room).put("pseudo", me).put("msg", text);
        Stamp stamp = rooms.broadcast(room, msg, msg, request.session());
        request.reply(stamp.on(Message.of(Verbs.OK))); // the line form stays a bare OK

    }
}
