package parley.rooms;

import java.util.List;

import parley.api.Request;
import parley.rooms.api.RoomVerbs;
import parley.api.spi.Command;

/**
 * {@code BYE "room" "pseudo"} leaves a room: OK, and the others get LEFT. {@code BYE} with no room logs
 * out: the user leaves every room, gets OK, and the server closes the connection.
 */
final class ByeCommand implements Command {

    private final Rooms rooms;

    ByeCommand(Rooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public String verb() {
        return RoomVerbs.BYE;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("room?", "pseudo?");
    }

    @Override
    public boolean requiresLogin() {
        return false; // a bare BYE also lets a client that never logged in leave politely
    }

    @Override
    public String help() {
        return "leaves a room; with no room, logs out and closes the connection";
    }

    @Override
    public void handle(Request request) {
        String room = request.message().text("room");
        String me = request.session().pseudo();
        if (room == null) {
            if (me != null) {
                rooms.leaveAll(request.session(), me, "logged out");
            }
            request.ok();
            request.session().close("logged out");
            return;
        }
        if (me == null) {
            request.ko("not logged in: send LOGIN with your pseudo first");
            return;
        }
        String claimed = request.message().text("pseudo");
        if (claimed != null && !claimed.equalsIgnoreCase(me)) {
            request.ko("you are " + me + ", not " + claimed + ": you can only make yourself leave");
            return;
        }
        if (!rooms.exists(room)) {
            request.ko(rooms.unknown(room));
            return;
        }
        if (!rooms.leave(room, request.session(), me, null)) {
            request.ko("you are not in " + room);
            return;
        }
        request.ok();
    }
}
