package parley.api.spi;

import parley.api.client.ChatLine;

import parley.api.client.ParleyClient;

/**
 * What the interactive client offers its extensions. Thread-safe: pushes arrive on the connection's
 * reader thread while commands run on the input thread.
 */
public interface ClientContext {

    /**
     * The connection to the server: after a reconnection, the new one. Ask for it each time rather than
     * keep it.
     */
    ParleyClient client();

    /** The client's settings, from {@code parley client --set key=value}; plugins document their own keys. */
    parley.api.Config config();

    /** The pseudo this client logged in with. */
    String pseudo();

    /**
     * A value extensions share in this client, one per type, made by {@code initial} on first use: the
     * rooms' current room is one, which the vote and files extensions read through the rooms API.
     * Thread-safe.
     */
    <T> T shared(Class<T> type, java.util.function.Supplier<? extends T> initial);

    /** Prints a line above the prompt, without clobbering what the user is typing. */
    void print(String line);

    /**
     * Shows a line of conversation: the terminal adds the local time (and the date when it changes),
     * colours the pseudo (unless {@code NO_COLOR}), marks history, and escapes control characters. By
     * default, prints {@link ChatLine#plain()}.
     */
    default void show(ChatLine line) {
        print(line.plain());
    }

    /**
     * Shows or replaces a live status line (progress, countdowns); {@code null} clears it. Extensions
     * share one status line; the last writer wins.
     */
    void status(String line);

    /**
     * Asks the user for a secret (a password), not showing what is typed when the terminal allows it.
     * Called on the input thread (from a slash command); blocks until the user answers.
     *
     * @return the answer, or {@code null} when this client cannot ask (no terminal) or the user gave up
     */
    default String askSecret(String prompt) {
        return null;
    }
}
