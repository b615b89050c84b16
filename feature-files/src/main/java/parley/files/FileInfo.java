package parley.files;

import java.util.Objects;

import parley.api.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What everyone may know about a stored file: the {@code file} object of the FILE push, the
 * FILES listing and the COMPLETE results.
 *
 * @param id       the server's id, {@code f-} and 10 lowercase letters or digits; also the name on disk
 * @param filename the cleaned name (see {@link FileNames#clean}), never a path
 * @param size     in bytes
 * @param sha256   the SHA-256 of the content, 64 lowercase hex digits
 */
public record FileInfo(String id, String filename, long size, String sha256) {

    public FileInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
    }

    /** {@code {"id":..,"filename":..,"size":..,"sha256":..}} */
    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("filename", filename);
        node.put("size", size);
        node.put("sha256", sha256);
        return node;
    }

    /**
     * Reads the object {@link #toJson} writes.
     *
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    public static FileInfo fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a file description must be a JSON object, got " + node);
        }
        JsonNode size = node.get("size");
        if (size == null || !size.isIntegralNumber() || !size.canConvertToLong()) {
            throw new IllegalArgumentException("a file description needs a whole number \"size\", got " + size);
        }
        return new FileInfo(text(node, "id"), text(node, "filename"), size.longValue(), text(node, "sha256"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("a file description needs a string \"" + field + "\", got " + value);
        }
        return value.stringValue();
    }
}
