package parley.moderation;

import java.sql.SQLException;
import java.util.List;

import parley.api.Message;
import parley.api.Request;

/**
 * {@code OP {room, pseudo}} and {@code DEOP {room, pseudo}}, by a server operator: make a pseudo an
 * operator of a room, or no longer one. Kept in the database; the room gets {@code OPPED} or
 * {@code DEOPPED}. A room operator's powers need an authenticated LOGIN (a password), like a server
 * operator's.
 */
final class OpCommand extends ModerationCommand {

    private final boolean grant;

    OpCommand(Desk desk, boolean grant) {
        super(desk);
        this.grant = grant;
    }

    @Override
    public String verb() {
        return grant ? ModerationVerbs.OP : ModerationVerbs.DEOP;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("room", "pseudo");
    }

    @Override
    public String help() {
        return grant ? "(server operators) makes a pseudo an operator of a room"
                : "(server operators) takes back a pseudo's operator rights on a room";
    }

    @Override
    void act(Request request) throws SQLException {
        String room = room(request);
        String pseudo = pseudo(request);
        requireServerOperator(request, verb());
        boolean changed = grant ? desk.moderation().op(room, pseudo) : desk.moderation().deop(room, pseudo);
        if (!changed) {
            throw new IllegalArgumentException(pseudo + (grant ? " is already" : " is not") + " an operator of " + room);
        }
        desk.push(room, Message.of(grant ? ModerationVerbs.OPPED : ModerationVerbs.DEOPPED).put("room", room)
                .put("pseudo", pseudo).put("by", request.session().pseudo()));
        desk.audit().log(request.session(), verb() + " " + room + " " + pseudo);
        request.ok();
    }
}
