package parley.moderation;

import java.sql.SQLException;
import java.util.List;

import parley.api.Message;
import parley.api.Request;

/** {@code UNMUTE {room, pseudo}} by an operator of the room; the room gets {@code UNMUTED}. */
final class UnmuteCommand extends ModerationCommand {

    UnmuteCommand(Desk desk) {
        super(desk);
    }

    @Override
    public String verb() {
        return ModerationVerbs.UNMUTE;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("room", "pseudo");
    }

    @Override
    public String help() {
        return "(room operators) lets a muted pseudo speak again";
    }

    @Override
    void act(Request request) throws SQLException {
        String room = room(request);
        String pseudo = pseudo(request);
        requireRoomOperator(request, room);
        if (!desk.moderation().unmute(room, pseudo)) {
            throw new IllegalArgumentException(pseudo + " is not muted in " + room);
        }
        desk.push(room, Message.of(ModerationVerbs.UNMUTED).put("room", room).put("pseudo", pseudo)
                .put("by", request.session().pseudo()));
        desk.audit().log(request.session(), "UNMUTE " + room + " " + pseudo);
        request.ok();
    }
}
