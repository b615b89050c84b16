package parley.moderation;

import java.sql.SQLException;
import java.util.List;

import parley.api.Message;
import parley.api.Request;

/**
 * {@code INVITE {room, pseudo}} by an operator of the room adds the pseudo to the room's list (kept, so
 * it may join again later); the room gets {@code INVITED {room, pseudo, by}}, and so does the invited
 * session if it is online and not in the room.
 */
final class InviteCommand extends ModerationCommand {

    InviteCommand(Desk desk) {
        super(desk);
    }

    @Override
    public String verb() {
        return ModerationVerbs.INVITE;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("room", "pseudo");
    }

    @Override
    public String help() {
        return "(room operators) lets a pseudo into a restricted room";
    }

    @Override
    void act(Request request) throws SQLException {
        String room = room(request);
        String pseudo = pseudo(request);
        requireRoomOperator(request, room);
        if (!desk.moderation().invite(room, pseudo)) {
            throw new IllegalArgumentException(pseudo + " is already on " + room + "'s list");
        }
        Message invited = Message.of(ModerationVerbs.INVITED).put("room", room).put("pseudo", pseudo)
                .put("by", request.session().pseudo());
        desk.push(room, invited);
        desk.online(pseudo).filter(s -> !desk.rooms().isMember(room, s)).ifPresent(s -> s.send(invited));
        desk.audit().log(request.session(), "INVITE " + room + " " + pseudo);
        request.ok();
    }
}
