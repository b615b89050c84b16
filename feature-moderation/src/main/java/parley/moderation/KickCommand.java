package parley.moderation;

import java.util.List;

import parley.api.Message;
import parley.api.Request;
import parley.rooms.api.Member;

/**
 * {@code KICK {room, pseudo, reason?}} by an operator of the room: the room (the kicked member included)
 * gets {@code KICKED {room, pseudo, by, reason}}, then the member leaves it and the others get LEFT.
 * The member may join again (a ban keeps it out).
 */
final class KickCommand extends ModerationCommand {

    KickCommand(Desk desk) {
        super(desk);
    }

    @Override
    public String verb() {
        return ModerationVerbs.KICK;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("room", "pseudo", "reason?");
    }

    @Override
    public String help() {
        return "(room operators) makes a member leave a room, saying why";
    }

    @Override
    void act(Request request) {
        String room = room(request);
        String pseudo = pseudo(request);
        String reason = reason(request);
        requireRoomOperator(request, room);
        requireFairTarget(request, pseudo);
        Member member = desk.member(room, pseudo).orElseThrow(
                () -> new IllegalArgumentException(pseudo + " is not in " + room));
        String by = request.session().pseudo();
        desk.push(room, Message.of(ModerationVerbs.KICKED).put("room", room).put("pseudo", member.pseudo())
                .put("by", by).put("reason", reason));
        desk.rooms().remove(room, member.session(), "kicked by " + by + (reason.isEmpty() ? "" : ": " + reason));
        desk.audit().log(request.session(), "KICK " + room + " " + member.pseudo() + (reason.isEmpty() ? "" : ": " + reason));
        request.ok();
    }
}
