package parley.moderation;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import parley.api.Message;
import parley.api.Names;
import parley.api.Request;
import parley.api.Verbs;
import parley.rooms.api.Member;

/**
 * {@code RESTRICT {room, mode, members?}} by an operator of the room: {@code open} (anyone may join),
 * {@code members} (only the pseudos of its list) or {@code invite} (only those INVITE added). A given
 * {@code members} list replaces the room's list; without it the list stays. The room gets
 * {@code RESTRICTED {room, mode, by}}; members the new rule does not allow leave the room (LEFT), so that
 * what it says from then on, its files and its history, reach allowed members only. The answer:
 * {@code OK {mode, members, removed}}.
 */
final class RestrictCommand extends ModerationCommand {

    RestrictCommand(Desk desk) {
        super(desk);
    }

    @Override
    public String verb() {
        return ModerationVerbs.RESTRICT;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("room", "mode", "members...");
    }

    @Override
    public String help() {
        return "(room operators) makes a room open, members-only (with a list) or invitation-only";
    }

    @Override
    void act(Request request) throws SQLException {
        String room = room(request);
        Access.Mode mode = Access.Mode.parse(request.require("mode"));
        Map<String, String> members = null;
        if (request.message().has("members")) {
            if (!request.message().get("members").isArray()) {
                throw new IllegalArgumentException("members must be a list of pseudos");
            }
            List<String> given = request.message().texts("members");
            if (given.size() > ModerationSettings.MAX_MEMBERS) {
                throw new IllegalArgumentException("at most " + ModerationSettings.MAX_MEMBERS + " members per room list");
            }
            members = new LinkedHashMap<>();
            for (String pseudo : given) {
                String problem = Names.problem(pseudo);
                if (problem != null) {
                    throw new IllegalArgumentException("bad pseudo '" + Term.brief(pseudo) + "' in members: " + problem);
                }
                members.put(Names.key(pseudo), pseudo);
            }
        }
        requireRoomOperator(request, room);
        Access access = desk.moderation().restrict(room, mode, members);
        String by = request.session().pseudo();
        desk.push(room, Message.of(ModerationVerbs.RESTRICTED).put("room", room).put("mode", mode.wire()).put("by", by));
        List<String> removed = new ArrayList<>();
        for (Member member : desk.rooms().members(room)) {
            if (!access.allows(Names.key(member.pseudo())) && !desk.moderation().isRoomOperator(room, member.session())) {
                desk.rooms().remove(room, member.session(), room + " is now " + (mode == Access.Mode.INVITE
                        ? "by invitation only" : "restricted to its members"));
                removed.add(member.pseudo());
            }
        }
        desk.audit().log(request.session(), "RESTRICT " + room + " " + mode.wire()
                + (members == null ? "" : " members " + String.join(",", members.values()))
                + (removed.isEmpty() ? "" : " (put out: " + String.join(", ", removed) + ")"));
        request.reply(Message.of(Verbs.OK).put("mode", mode.wire()).put("members", access.allowed().values())
                .put("removed", removed));
    }
}
