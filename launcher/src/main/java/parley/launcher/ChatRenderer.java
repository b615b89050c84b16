package parley.launcher;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import parley.api.Names;
import parley.api.client.ChatLine;

/**
 * Turns a {@link ChatLine} into what the terminal shows: {@code 14:03 [room1] bob: text}, in local time,
 * preceded by a date line when the date changes; history marked {@code · } (and faint); the pseudo in a
 * colour of its own unless colours are off. Every part that comes from the server or another user is
 * escaped first ({@link TerminalText}), so styles are the only escapes that reach the terminal.
 * Thread-safe (the last date shown is guarded by this object).
 */
final class ChatRenderer {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);
    /** Colours for pseudos: six that read on dark and light backgrounds. */
    private static final int[] PALETTE = {AttributedStyle.RED, AttributedStyle.GREEN, AttributedStyle.YELLOW,
            AttributedStyle.BLUE, AttributedStyle.MAGENTA, AttributedStyle.CYAN};

    private final ZoneId zone;
    private final boolean colours;
    private LocalDate lastDate;

    ChatRenderer(ZoneId zone, boolean colours) {
        this.zone = zone;
        this.colours = colours;
    }

    /**
     * Whether to colour: {@code always} or {@code never} as asked; {@code auto} colours unless the
     * {@code NO_COLOR} environment variable is set to anything but the empty string (no-color.org), and
     * only on a terminal that has colours.
     */
    static boolean colours(String choice, String noColor, boolean terminalHasColours) {
        return switch (choice) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> (noColor == null || noColor.isEmpty()) && terminalHasColours;
            default -> throw new IllegalArgumentException("--color must be auto, always or never, not '" + choice + "'");
        };
    }

    /** The lines to print for one chat line: a date line first when the date changed, then the line. */
    synchronized List<AttributedString> render(ChatLine line) {
        List<AttributedString> out = new ArrayList<>(2);
        AttributedStringBuilder text = new AttributedStringBuilder();
        if (line.time() != null) {
            var local = line.time().atZone(zone);
            LocalDate date = local.toLocalDate();
            if (!date.equals(lastDate)) {
                lastDate = date;
                out.add(new AttributedString("— " + DATE.format(local) + " —"));
            }
            text.append(TIME.format(local)).append(' ');
        }
        AttributedStyle base = colours && line.history() ? AttributedStyle.DEFAULT.faint() : AttributedStyle.DEFAULT;
        if (line.history()) {
            text.style(base).append("· ");
        }
        text.style(base).append("[").append(TerminalText.escape(line.where())).append("] ");
        if (line.pseudo() != null) {
            text.style(colours ? base.foreground(colourOf(line.pseudo())).bold() : base)
                    .append(TerminalText.escape(line.pseudo()));
            text.style(base).append(": ");
        }
        text.style(base).append(TerminalText.escape(line.text()));
        out.add(text.toAttributedString());
        return out;
    }

    /** The same colour for a pseudo every time, and for its look-alikes. */
    static int colourOf(String pseudo) {
        return PALETTE[Math.floorMod(Names.key(pseudo).hashCode(), PALETTE.length)];
    }
}
