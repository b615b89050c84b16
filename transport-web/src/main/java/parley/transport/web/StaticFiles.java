package parley.transport.web;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The browser client's files, read from this module's resources under {@link #ROOT} (the jar, never the
 * file system), each once, then kept with its content type and ETag. A request path is accepted only
 * as plain segments of letters, digits, {@code . _ -} (no {@code ..}, no leading dot, no backslash, no
 * percent escapes left after decoding): anything else is unknown (404), so no path leaves the folder.
 * Thread-safe.
 */
final class StaticFiles {

    /** Where the client's files are in this module's resources. */
    static final String ROOT = "parley/web/client/";

    private static final Pattern SAFE = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){1,8}");
    private static final int MAX_FILE = 8 << 20;

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("webp", "image/webp"),
            Map.entry("woff2", "font/woff2"));

    /** One file: its bytes, content type and strong ETag. */
    record Asset(byte[] bytes, String contentType, String etag) {
    }

    private final Module module;
    private final String root;
    private final Map<String, Asset> found = new ConcurrentHashMap<>();

    StaticFiles(Module module, String root) {
        this.module = module;
        this.root = root;
    }

    /**
     * The file a decoded request path names ({@code /} is {@code /index.html}), or empty when the path is
     * not a safe name, has no known type, or no such file is in the jar.
     */
    Optional<Asset> find(String path) {
        String name = path.equals("/") ? "/index.html" : path;
        if (!SAFE.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        String type = TYPES.get(extension(name));
        if (type == null) {
            return Optional.empty();
        }
        Asset cached = found.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        byte[] bytes = read(root + name.substring(1));
        if (bytes == null) {
            return Optional.empty(); // unknown names are not kept: a scan of random paths costs no memory
        }
        Asset asset = new Asset(bytes, type, etag(bytes));
        found.put(name, asset);
        return Optional.of(asset);
    }

    private byte[] read(String resource) {
        try (InputStream in = module.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readNBytes(MAX_FILE + 1);
            return bytes.length > MAX_FILE ? null : bytes;
        } catch (IOException e) {
            return null;
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/');
        return dot > slash ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }
}
