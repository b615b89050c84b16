package parley.moderation;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import parley.api.Message;
import parley.api.Request;
import parley.api.Session;
import parley.api.Verbs;

/**
 * {@code BAN {room, target, for?, reason?}}: {@code target} is a pseudo or {@code ip:ADDRESS};
 * {@code room} is a room (by one of its operators) or {@code *} for the whole server (by a server
 * operator); {@code for} is {@code 30s}, {@code 10m}, {@code 1h}, {@code 2d}, {@code 1w} or
 * {@code permanent} (the default). The ban is kept in the database and enforced at LOGIN (server-wide)
 * and JOIN_ROOM. Who it covers now is put out: from the room (its members get {@code BANNED} then
 * LEFT), or, server-wide, from the server (each of their rooms gets {@code BANNED}, then the
 * connection closes). An address ban's push names the pseudos it put out, never the address.
 * The answer: {@code OK {target, until, removed}}.
 */
final class BanCommand extends ModerationCommand {

    BanCommand(Desk desk) {
        super(desk);
    }

    @Override
    public String verb() {
        return ModerationVerbs.BAN;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("room", "target", "for?", "reason?");
    }

    @Override
    public String help() {
        return "(operators) bans a pseudo or ip:ADDRESS from a room, or from the server with room *, for a time or for good";
    }

    @Override
    void act(Request request) throws SQLException {
        String room = banScope(request);
        boolean server = Ban.SERVER.equals(room);
        Target target = Target.parse(request.require("target"));
        Term term = Term.parse(request.message().text("for"), desk.moderation().now());
        String reason = reason(request);
        Session me = request.session();
        if (target.matches(me)) {
            throw new IllegalArgumentException(target.text() + " is you" + (target.ip() ? "r own address" : "")
                    + ": you would ban yourself");
        }
        if (!target.ip()) {
            requireFairTarget(request, target.text());
        }
        String by = me.pseudo();
        Ban ban = new Ban(room, target, by, reason, term);
        desk.moderation().ban(ban);
        List<Session> covered = desk.covered(target).stream().filter(s -> !s.operator() || me.operator()).toList();
        List<String> removed = server ? putOutOfServer(ban, covered) : putOutOfRoom(ban, covered);
        desk.audit().log(me, "BAN " + room + " " + target.text() + " " + term.wire()
                + (reason.isEmpty() ? "" : ": " + reason) + (removed.isEmpty() ? "" : " (put out: " + String.join(", ", removed) + ")"));
        request.reply(Message.of(Verbs.OK).put("target", target.text()).put("until", term.wire()).put("removed", removed));
    }

    private List<String> putOutOfRoom(Ban ban, List<Session> covered) {
        List<String> removed = new ArrayList<>();
        if (!ban.target().ip()) {
            desk.push(ban.room(), banned(ban.room(), ban, ban.target().text(), "room"));
        }
        for (Session session : covered) {
            if (desk.rooms().isMember(ban.room(), session)) {
                if (ban.target().ip()) {
                    desk.push(ban.room(), banned(ban.room(), ban, session.pseudo(), "room"));
                }
                desk.rooms().remove(ban.room(), session, "banned by " + ban.by());
                removed.add(session.pseudo());
            }
        }
        return removed;
    }

    private List<String> putOutOfServer(Ban ban, List<Session> covered) {
        List<String> removed = new ArrayList<>();
        for (Session session : covered) {
            List<String> rooms = desk.rooms().roomsOf(session);
            for (String room : rooms) {
                desk.push(room, banned(room, ban, session.pseudo(), "server"));
            }
            if (rooms.isEmpty()) {
                session.send(banned(Ban.SERVER, ban, session.pseudo(), "server"));
            }
            session.close(ban.refusal(desk.moderation().now()));
            removed.add(session.pseudo());
        }
        return removed;
    }

    private static Message banned(String room, Ban ban, String target, String scope) {
        return Message.of(ModerationVerbs.BANNED).put("room", room).put("target", target).put("by", ban.by())
                .put("until", ban.term().wire()).put("reason", ban.reason()).put("scope", scope);
    }
}
