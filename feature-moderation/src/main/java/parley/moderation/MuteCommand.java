package parley.moderation;

import java.sql.SQLException;
import java.util.List;

import parley.api.Message;
import parley.api.Names;
import parley.api.Request;

/**
 * {@code MUTE {room, pseudo, for?, reason?}} by an operator of the room: the pseudo's MSG and FILE in
 * that room get KO until the term ends ({@code for} as in BAN; permanent by default); it may still read.
 * The room gets {@code MUTED {room, pseudo, by, until, reason}}.
 */
final class MuteCommand extends ModerationCommand {

    MuteCommand(Desk desk) {
        super(desk);
    }

    @Override
    public String verb() {
        return ModerationVerbs.MUTE;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("room", "pseudo", "for?", "reason?");
    }

    @Override
    public String help() {
        return "(room operators) stops a pseudo speaking in a room, for a time or for good";
    }

    @Override
    void act(Request request) throws SQLException {
        String room = room(request);
        String pseudo = pseudo(request);
        Term term = Term.parse(request.message().text("for"), desk.moderation().now());
        String reason = reason(request);
        requireRoomOperator(request, room);
        requireFairTarget(request, pseudo);
        String by = request.session().pseudo();
        desk.moderation().mute(new Mute(room, Names.key(pseudo), pseudo, by, reason, term));
        desk.push(room, Message.of(ModerationVerbs.MUTED).put("room", room).put("pseudo", pseudo).put("by", by)
                .put("until", term.wire()).put("reason", reason));
        desk.audit().log(request.session(), "MUTE " + room + " " + pseudo + " " + term.wire() + (reason.isEmpty() ? "" : ": " + reason));
        request.ok();
    }
}
