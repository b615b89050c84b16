package parley.moderation;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import parley.api.Names;
import parley.api.Session;

/**
 * Whom a ban is for: a pseudo (compared by its {@link Names#key normal form}, so a look-alike spelling
 * is banned too) or an IP address.
 *
 * @param ip   true for an address, false for a pseudo
 * @param key  what is compared: the pseudo's normal form, or the address in its canonical text
 * @param text as shown: the pseudo as the operator wrote it, or {@code ip:ADDRESS}
 */
record Target(boolean ip, String key, String text) {

    static final String IP_PREFIX = "ip:";
    /** Only the characters of an IPv4 or IPv6 literal, so that parsing never asks DNS. */
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F.:]{2,45}");

    /**
     * Reads a BAN's {@code target}: a pseudo, or {@code ip:} and an IPv4 or IPv6 address.
     *
     * @throws IllegalArgumentException naming the culprit and the accepted forms
     */
    static Target parse(String text) {
        if (text.regionMatches(true, 0, IP_PREFIX, 0, IP_PREFIX.length())) {
            String address = text.substring(IP_PREFIX.length()).strip();
            if (!LITERAL.matcher(address).matches() || !(address.contains(".") || address.contains(":"))) {
                throw new IllegalArgumentException("bad address '" + Term.brief(address)
                        + "': write ip:203.0.113.7 or ip:2001:db8::7");
            }
            try {
                String canonical = InetAddress.getByName(address).getHostAddress();
                return new Target(true, canonical, IP_PREFIX + canonical);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bad address '" + Term.brief(address)
                        + "': write ip:203.0.113.7 or ip:2001:db8::7");
            }
        }
        String problem = Names.problem(text);
        if (problem != null) {
            throw new IllegalArgumentException("bad target '" + Term.brief(text) + "': " + problem
                    + " (give a pseudo, or ip:ADDRESS for an address)");
        }
        return new Target(false, Names.key(text), text);
    }

    /** A stored target. */
    static Target stored(boolean ip, String key, String text) {
        return new Target(ip, key, text);
    }

    /** True when this target is {@code session}'s pseudo or address. */
    boolean matches(Session session) {
        return ip ? key.equals(address(session)) : session.pseudo() != null && key.equals(Names.key(session.pseudo()));
    }

    /** True when this target is {@code pseudo} or the address {@code address} (either may be null). */
    boolean matches(String pseudo, String address) {
        return ip ? key.equals(address) : pseudo != null && Names.isValid(pseudo) && key.equals(Names.key(pseudo));
    }

    /** The session's IP address in canonical text, or {@code null} when it has none. */
    static String address(Session session) {
        InetSocketAddress remote = session.remoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }
}
