package parley.files.server;

import parley.api.BadRequestException;
import parley.api.client.Progress;
import parley.files.FileNames;
import parley.files.Sha256;
import tools.jackson.databind.JsonNode;

/**
 * What an upload says about its file before sending it: the {@code meta} of SEND_FILE, or the fields of
 * a FILE line.
 *
 * @param filename the cleaned name
 * @param size     the declared size in bytes
 * @param sha256   the declared SHA-256 in lowercase hex, or {@code null} when an inline upload gave none
 */
record Declared(String filename, long size, String sha256) {

    /**
     * Reads and checks a SEND_FILE {@code meta}.
     *
     * @param hashRequired true for a chunked upload, which must declare its SHA-256
     * @throws BadRequestException naming the bad field and the expected form
     */
    static Declared of(JsonNode meta, boolean hashRequired) {
        if (meta == null || !meta.isObject()) {
            throw new BadRequestException("SEND_FILE needs an object \"meta\" with \"filename\", \"size\" and \"sha256\","
                    + " like {\"filename\":\"doc.pdf\",\"size\":12345,\"sha256\":\"<64 hex digits>\"}");
        }
        JsonNode name = meta.get("filename");
        if (name == null || !name.isString() || name.stringValue().isBlank()) {
            throw new BadRequestException("meta.filename must be a non-empty string, got " + brief(name));
        }
        long size = size(meta.get("size"), "meta.size");
        JsonNode hash = meta.get("sha256");
        String sha256 = null;
        if (hash != null && !hash.isNull()) {
            sha256 = hash(hash.isString() ? hash.stringValue() : hash.toString(), "meta.sha256");
        } else if (hashRequired) {
            throw new BadRequestException("meta.sha256 is required for a file sent in chunks: the SHA-256 of the whole"
                    + " file, 64 hex digits, which the server checks before COMPLETE");
        }
        return new Declared(FileNames.clean(name.stringValue()), size, sha256);
    }

    /** A size given as a JSON number or, from a text line, as digits. */
    static long size(JsonNode node, String field) {
        if (node != null && node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) {
            return node.longValue();
        }
        if (node != null && node.isString() && node.stringValue().matches("\\d{1,18}")) {
            return Long.parseLong(node.stringValue());
        }
        throw new BadRequestException(field + " must be the file's size in bytes, a whole number of 0 or more, got "
                + brief(node));
    }

    /** A declared hash, checked and lowercased. */
    static String hash(String text, String field) {
        if (!Sha256.isHex(text)) {
            throw new BadRequestException(field + " must be the SHA-256 of the file as 64 hex digits, got "
                    + brief(text));
        }
        return Sha256.normalize(text);
    }

    /** The refusal for a size over the server's limit, or {@code null}. */
    String oversize(long maxSize) {
        return size > maxSize
                ? filename + " declares " + Progress.bytes(size) + " (" + size + " bytes), over this server's limit of "
                + Progress.bytes(maxSize) + " (files.max-size); nothing was stored"
                : null;
    }

    private static String brief(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
