package parley.api.client;

import java.time.Instant;

/**
 * One line of conversation for the interactive client to show: who said what, where, when. Extensions
 * hand it to {@link parley.api.spi.ClientContext#show} rather than formatting it themselves, so that the
 * terminal can add the local time (and the date when it changes), colour the pseudo, mark history, and
 * escape control characters in each part it prints.
 *
 * @param time    the server's time of the event, or {@code null} when it gave none
 * @param where   where it happened, e.g. {@code room1}
 * @param pseudo  who spoke, or {@code null} for an event ({@code text} then says it all)
 * @param text    the message, or the event ("bob joined room1")
 * @param history true for an event from before the client was there (history after a join), shown marked
 */
public record ChatLine(Instant time, String where, String pseudo, String text, boolean history) {

    /** The line without time, colour or mark, as {@code print} shows it: {@code [room1] bob: text}. */
    public String plain() {
        String head = (history ? "· " : "") + "[" + where + "] ";
        return pseudo == null ? head + text : head + pseudo + ": " + text;
    }

    /** The same line, from history. */
    public ChatLine asHistory() {
        return new ChatLine(time, where, pseudo, text, true);
    }

    /** The time of a push's {@code time} field (ISO 8601), or {@code null}. */
    public static Instant timeOf(parley.api.Message push) {
        String time = push.text("time");
        if (time == null) {
            return null;
        }
        try {
            return Instant.parse(time);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
