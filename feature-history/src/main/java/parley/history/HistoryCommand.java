package parley.history;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Message;
import parley.api.PayloadForm;
import parley.api.Request;
import parley.api.Verbs;
import parley.api.spi.Command;
import parley.api.wire.Json;
import parley.rooms.api.RoomDirectory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code HISTORY {room, before?, after?, limit?}} by a member of the room →
 * {@code {type: HISTORY, room, messages: [...], more}}: at most {@code limit} (default 50, at most 500)
 * events, oldest first, each exactly as it was pushed. The legacy form {@code HISTORY "room" "50"} gets
 * one line per event in its legacy form, then {@code OK}. A non-member gets KO.
 */
final class HistoryCommand implements Command {

    static final String HISTORY = "HISTORY";
    private static final Logger LOG = LoggerFactory.getLogger(HistoryCommand.class);
    /** How long a reader waits for the writer to catch up with what was already pushed. */
    private static final Duration CATCH_UP = Duration.ofSeconds(5);

    private final RoomDirectory rooms;
    private final HistoryStore store;
    private final HistoryWriter writer;

    HistoryCommand(RoomDirectory rooms, HistoryStore store, HistoryWriter writer) {
        this.rooms = rooms;
        this.store = store;
        this.writer = writer;
    }

    @Override
    public String verb() {
        return HISTORY;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("room", "limit?");
    }

    @Override
    public String help() {
        return "the latest messages of a room you are in (limit, before and after an id to page)";
    }

    @Override
    public void handle(Request request) {
        String room = request.require("room");
        if (!rooms.exists(room)) {
            request.ko("unknown room '" + room + "': this server has " + String.join(", ", rooms.rooms()));
            return;
        }
        if (!rooms.isMember(room, request.session())) {
            request.ko("you are not in " + room + ": send JOIN_ROOM first to read its history");
            return;
        }
        Message ask = request.message();
        Long limit = number(ask, "limit");
        Long before = number(ask, "before");
        Long after = number(ask, "after");
        String bad = problem(ask, limit, before, after);
        if (bad != null) {
            request.ko(bad);
            return;
        }
        Page page;
        try {
            if (!writer.awaitWritten(CATCH_UP)) {
                LOG.warn("HISTORY of {}: the writer is more than {} s behind; answering with what is written",
                        room, CATCH_UP.toSeconds());
            }
            page = store.page(room, before, after, limit == null ? HistorySettings.DEFAULT_LIMIT : limit.intValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.error("the server is stopping: ask HISTORY again later");
            return;
        } catch (SQLException e) {
            LOG.error("HISTORY of {} failed reading {}", room, store.file(), e);
            request.error("the history of " + room + " cannot be read now (" + e.getMessage() + "): try again later");
            return;
        }
        if (request.session().form() == PayloadForm.LINE) {
            for (Entry entry : page.entries()) {
                // live, line sessions got the push without id and time: a type with no legacy shape
                // would otherwise show them as extra arguments
                ObjectNode body = (ObjectNode) Json.parse(entry.json());
                body.remove("id");
                body.remove("time");
                request.session().send(Message.wrap(asLine(body)));
            }
            request.ok();
            return;
        }
        ArrayNode messages = Json.array();
        for (Entry entry : page.entries()) {
            messages.add(Json.parse(entry.json()));
        }
        request.reply(Message.of(HISTORY).put("room", room).put("messages", messages).put("more", page.more()));
    }

    /**
     * An event as a text client gets it. A file offer's JSON nests the file ({@code "file":{..}}) where
     * its line gives the file's fields as arguments ({@code FILE "room" "pseudo" "name" "data" "size"
     * "sha256" "id"}): history keeps the JSON, so the line is made from it, with no content (as for a file
     * over {@code files.inline-max}: the size tells it from an empty file).
     */
    static ObjectNode asLine(ObjectNode body) {
        if (body.get("file") instanceof ObjectNode file && !body.has("filename")) {
            body.remove("file");
            body.put("filename", file.path("filename").asString(""));
            body.put("data", "");
            body.put("size", file.path("size").asString(""));
            body.put("sha256", file.path("sha256").asString(""));
            body.put("id", file.path("id").asString(""));
        }
        return body;
    }

    /** The KO reason for bad paging fields, or null. */
    private static String problem(Message ask, Long limit, Long before, Long after) {
        for (String field : List.of("limit", "before", "after")) {
            if (ask.has(field) && number(ask, field) == null) {
                return "'" + field + "' must be a whole number, not " + ask.get(field);
            }
        }
        if (limit != null && (limit < 1 || limit > HistorySettings.MAX_LIMIT)) {
            return "limit " + limit + " is out of range: ask for 1 to " + HistorySettings.MAX_LIMIT
                    + " messages, and page with before/after for more";
        }
        if ((before != null && before < 0) || (after != null && after < 0)) {
            return "before and after are message ids: give 0 or more";
        }
        return null;
    }

    /** The field as a number (a JSON number, or digits in a string as the legacy form gives); null if not. */
    private static Long number(Message message, String field) {
        JsonNode node = message.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isString() && node.stringValue().matches("-?\\d{1,18}")) {
            return Long.parseLong(node.stringValue());
        }
        return null;
    }
}
