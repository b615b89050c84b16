package parley.moderation;

import java.sql.SQLException;
import java.util.List;

import parley.api.Message;
import parley.api.Request;

/**
 * {@code UNBAN {room, target}} lifts a ban ({@code room} {@code *} for a server-wide one, by a server
 * operator). The room gets {@code UNBANNED} for a pseudo (an address is never shown to the room).
 */
final class UnbanCommand extends ModerationCommand {

    UnbanCommand(Desk desk) {
        super(desk);
    }

    @Override
    public String verb() {
        return ModerationVerbs.UNBAN;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("room", "target");
    }

    @Override
    public String help() {
        return "(operators) lifts a ban of a pseudo or ip:ADDRESS from a room, or from the server with room *";
    }

    @Override
    void act(Request request) throws SQLException {
        String room = banScope(request);
        boolean server = Ban.SERVER.equals(room);
        Target target = Target.parse(request.require("target"));
        if (!desk.moderation().unban(room, target)) {
            throw new IllegalArgumentException("no ban of " + target.text() + " in " + (server ? "the server (*)" : room)
                    + " to lift");
        }
        if (!server && !target.ip()) {
            desk.push(room, Message.of(ModerationVerbs.UNBANNED).put("room", room).put("target", target.text())
                    .put("by", request.session().pseudo()));
        }
        desk.audit().log(request.session(), "UNBAN " + room + " " + target.text());
        request.ok();
    }
}
