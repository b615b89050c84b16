package parley.api;

import java.util.Collection;
import java.util.Optional;

/**
 * The server's registry of connections and the pseudos they hold.
 *
 * <p>A pseudo follows the rules for names ({@link Names}: 1 to 32 letters of one script, digits,
 * {@code _}, {@code -} or {@code .}); it is unique among connected users, compared by
 * {@link Names#key} (so look-alikes such as {@code ａｌｉｃｅ} or {@code ALİCE} clash with {@code alice}),
 * and free again the moment its connection closes. The kernel gives pseudos at LOGIN (see {@link Authenticator}). Thread-safe.
 */
public interface Sessions {

    /** Longest pseudo, in characters. */
    int MAX_PSEUDO_LENGTH = Names.MAX_LENGTH;

    /** The connected session holding this pseudo, in any letter case. */
    Optional<Session> byPseudo(String pseudo);

    /** Every session that has a pseudo. A snapshot. */
    Collection<Session> loggedIn();

    /** Open connections, logged in or not. */
    int connections();

    /**
     * Adds a listener called once for every session that closes, on that session's reader thread,
     * after its pseudo was released. A listener that throws is logged and the others still run.
     */
    Registration onClose(SessionListener listener);

    /**
     * Ends now the resume window of a dropped session that held {@code pseudo}, if one waits (see
     * {@link ResumeListener}): its token stops working and the listeners' {@code ended} runs, on the
     * caller's thread, with {@code reason} (the rooms plugin then tells the others LEFT). For a ban or
     * a kick of someone who is away; an open session is not touched (close it with
     * {@link Session#close}, which is never resumable). Must not be called under a room's lock.
     *
     * @return true when a dropped session was waiting and its window is now over
     */
    default boolean endResume(String pseudo, String reason) {
        return false;
    }

    /** True when the pseudo follows the rules for names (see {@link Names}). */
    static boolean isValidPseudo(String pseudo) {
        return Names.isValid(pseudo);
    }
}
