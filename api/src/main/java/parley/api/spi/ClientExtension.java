package parley.api.spi;

import java.util.List;

import parley.api.Message;

/**
 * SPI: a plugin's part of the interactive client, found with {@link java.util.ServiceLoader}. It adds
 * slash commands and renders or handles the pushes it knows.
 *
 * <p><b>Threading.</b> Slash commands and {@link #onText} run on the input thread; {@link #onPush}
 * runs on the connection's reader thread and must not block. An exception is shown to the user as
 * an error line; the client goes on.
 */
public interface ClientExtension {

    /** The slash commands this extension adds. */
    default List<SlashCommand> commands() {
        return List.of();
    }

    /**
     * Offered every push in turn, in plugin order, until one returns true.
     *
     * <p><b>Threading.</b> Called on the connection's reader thread, in the order the pushes arrive, from
     * the moment the shell exists: before {@link #onLogin} too. While it runs no other message is read, so
     * it must not wait for the server (an answer would come on this very thread); a short wait on the
     * extension's own lock is fine. <b>Failure.</b> If it throws, the shell prints the message and offers
     * the push to the next extension.
     *
     * @return true when this extension rendered or handled the push
     */
    default boolean onPush(Message push, ClientContext context) {
        return false;
    }

    /**
     * Offered a line of plain text (not starting with {@code /}) until one returns true.
     *
     * @return true when handled
     */
    default boolean onText(String text, ClientContext context) {
        return false;
    }

    /**
     * What the prompt shows before {@code > }, asked of the extensions in order each time the prompt is
     * drawn until one answers: the rooms plugin shows the current room. Called on the input thread;
     * must be quick.
     *
     * @return the prompt's text, or {@code null} to leave it to the next extension
     */
    default String prompt(ClientContext context) {
        return null;
    }

    /**
     * The user is quitting: a last word to the server before the connection closes (the rooms plugin
     * logs out with {@code BYE}). Called once on the input thread; may block briefly on an answer.
     */
    default void onQuit(ClientContext context) {
    }

    /** Called once after login, before the prompt shows. */
    default void onLogin(ClientContext context) {
    }

    /**
     * The connection dropped and a new one is about to log in again (resuming, or plainly after a
     * server restart): get ready for pushes that may come before the answer (the rooms plugin holds its
     * rooms' pushes until it has fetched what was missed). Called on the reconnecting thread, before
     * the LOGIN is sent; {@link ClientContext#client()} is already the new connection. Must be quick.
     */
    default void onReconnecting(ClientContext context) {
    }

    /**
     * Logged in again after a drop: {@code answer} is the new LOGIN answer; {@code resumed} in it is
     * true when the server kept this client's state (the rooms plugin's {@code memberships}), absent
     * when it is a plain login (a restart: join again). Catch up here: the rooms plugin asks HISTORY for
     * what it missed. Called once per reconnection on the reconnecting thread, in plugin order; may block
     * on the server's answers. An exception is shown as an error line; the others still run.
     */
    default void onReconnect(ClientContext context, Message answer) {
    }
}
