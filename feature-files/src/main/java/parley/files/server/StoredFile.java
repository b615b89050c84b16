package parley.files.server;

import java.time.Instant;
import java.util.Objects;

import parley.files.FileInfo;
import parley.api.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A file the spool keeps: what everyone may know about it, the room it was offered to, who sent it
 * and when it was stored. Its content is {@code <id>.data} in the spool; this record is {@code <id>.json}.
 */
record StoredFile(FileInfo info, String room, String pseudo, Instant storedAt) {

    StoredFile {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(pseudo, "pseudo");
        Objects.requireNonNull(storedAt, "storedAt");
    }

    String id() {
        return info.id();
    }

    long size() {
        return info.size();
    }

    /** The listing entry: the file object plus {@code pseudo} and {@code time}. */
    ObjectNode listing() {
        ObjectNode node = info.toJson();
        node.put("pseudo", pseudo);
        node.put("time", storedAt.toString());
        return node;
    }

    /** The sidecar's content. */
    ObjectNode toJson() {
        ObjectNode node = info.toJson();
        node.put("room", room);
        node.put("pseudo", pseudo);
        node.put("stored_at", storedAt.toString());
        return node;
    }

    /**
     * Reads a sidecar.
     *
     * @throws IllegalArgumentException or a {@link java.time.format.DateTimeParseException} when it is damaged
     */
    static StoredFile fromJson(JsonNode node) {
        FileInfo info = FileInfo.fromJson(node);
        JsonNode room = node.get("room");
        JsonNode pseudo = node.get("pseudo");
        JsonNode at = node.get("stored_at");
        if (room == null || !room.isString() || pseudo == null || !pseudo.isString() || at == null || !at.isString()) {
            throw new IllegalArgumentException("a stored file record needs string fields room, pseudo and stored_at");
        }
        return new StoredFile(info, room.stringValue(), pseudo.stringValue(), Instant.parse(at.stringValue()));
    }

    static byte[] encode(StoredFile file) {
        return Json.bytes(file.toJson());
    }
}
