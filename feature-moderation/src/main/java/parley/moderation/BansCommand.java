package parley.moderation;

import java.util.List;

import parley.api.Message;
import parley.api.PayloadForm;
import parley.api.Request;
import parley.api.wire.Json;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code BANS {room?}}: the bans and mutes in force, for operators, so they know what to lift. With a
 * room, that room's bans and mutes and the server-wide bans (by one of its operators); without, all of
 * them (by a server operator). Framed: {@code {type: BANS, bans: [...], mutes: [...]}}, each entry shaped
 * as the BANNED or MUTED push (addresses shown: operators only). Text form: one {@code BANNED} or
 * {@code MUTED} line each, then {@code OK}.
 */
final class BansCommand extends ModerationCommand {

    BansCommand(Desk desk) {
        super(desk);
    }

    @Override
    public String verb() {
        return ModerationVerbs.BANS;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("room?");
    }

    @Override
    public String help() {
        return "(operators) lists the bans and mutes in force, of a room or of the whole server";
    }

    @Override
    void act(Request request) {
        String room = request.message().text("room");
        if (room == null) {
            requireServerOperator(request, "BANS of every room (no room given)");
        } else {
            room = room(request);
            requireRoomOperator(request, room);
        }
        String only = room;
        List<Message> bans = desk.moderation().bans().stream()
                .filter(b -> only == null || b.serverWide() || b.room().equals(only))
                .map(b -> Message.of(ModerationVerbs.BANNED).put("room", b.room()).put("target", b.target().text())
                        .put("by", b.by()).put("until", b.term().wire()).put("reason", b.reason())
                        .put("scope", b.serverWide() ? "server" : "room"))
                .toList();
        List<Message> mutes = desk.moderation().mutes().stream()
                .filter(m -> only == null || m.room().equals(only))
                .map(m -> Message.of(ModerationVerbs.MUTED).put("room", m.room()).put("pseudo", m.pseudo())
                        .put("by", m.by()).put("until", m.term().wire()).put("reason", m.reason()))
                .toList();
        if (request.session().form() == PayloadForm.LINE) {
            bans.forEach(request.session()::send);
            mutes.forEach(request.session()::send);
            request.ok();
            return;
        }
        request.reply(Message.of(ModerationVerbs.BANS).put("bans", array(bans)).put("mutes", array(mutes)));
    }

    private static ArrayNode array(List<Message> messages) {
        ArrayNode out = Json.array();
        messages.forEach(m -> {
            m.body().remove("type");
            out.add(m.body());
        });
        return out;
    }
}
