package parley.launcher;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the client connects, as a user writes it: {@code chat.example.org}, {@code chat.example.org:7777},
 * {@code [::1]:7777}, {@code parley://chat.example.org:7777}, or {@code parleys://chat.example.org} for
 * a connection inside TLS. The port defaults to 7777.
 *
 * @param host the host name or address, without brackets
 * @param port the TCP port
 * @param tls  true for {@code parleys://}
 */
record ServerAddress(String host, int port, boolean tls) {

    static final int DEFAULT_PORT = 7777;

    /**
     * Parses an address.
     *
     * @throws IllegalArgumentException naming what is wrong and the forms that work
     */
    static ServerAddress parse(String text) {
        String trimmed = text.strip();
        boolean tls = false;
        String rest = trimmed;
        int scheme = trimmed.indexOf("://");
        if (scheme >= 0) {
            String name = trimmed.substring(0, scheme).toLowerCase(java.util.Locale.ROOT);
            tls = switch (name) {
                case "parley" -> false;
                case "parleys" -> true;
                default -> throw bad(text, "unknown scheme '" + name + "'");
            };
            rest = trimmed.substring(scheme + 3);
            if (rest.endsWith("/")) {
                rest = rest.substring(0, rest.length() - 1);
            }
        }
        if (rest.isEmpty() || rest.contains("/") || rest.contains("@")) {
            throw bad(text, rest.isEmpty() ? "no host" : "only a host and a port may follow the scheme");
        }
        URI uri;
        try {
            uri = new URI("parley://" + rest);
        } catch (URISyntaxException e) {
            throw bad(text, e.getReason());
        }
        if (uri.getHost() == null) {
            throw bad(text, rest.contains(":") && !rest.startsWith("[") && rest.indexOf(':') != rest.lastIndexOf(':')
                    ? "an IPv6 address goes in brackets, as [::1]:7777" : "no valid host");
        }
        if (uri.getPort() == -1 && rest.endsWith(":")) {
            throw bad(text, "no port after ':'");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65_535) {
            throw bad(text, "port " + port + " is not between 1 and 65535");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new ServerAddress(host, port, tls);
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("bad server address '" + text + "': " + why
                + " (write host, host:port, [::1]:port, parley://host:port, or parleys://host:port for TLS)");
    }
}
