package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

import parley.api.client.ChatLine;

/** What the terminal client shows for a chat line: local time, the date when it changes, colours, escapes. */
class ChatRendererTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static List<String> plain(List<AttributedString> lines) {
        return lines.stream().map(AttributedString::toString).toList();
    }

    @Test
    void eachLineHasItsLocalTimeAndTheDateComesWhenItChanges() {
        ChatRenderer renderer = new ChatRenderer(PARIS, false);
        Instant evening = Instant.parse("2026-11-27T22:58:00.120Z"); // 23:58 in Paris
        assertThat(plain(renderer.render(new ChatLine(evening, "room1", "bob", "hi", false))))
                .containsExactly("— Friday 27 November 2026 —", "23:58 [room1] bob: hi");
        assertThat(plain(renderer.render(new ChatLine(evening.plusSeconds(30), "room1", "ann", "yo", false))))
                .containsExactly("23:58 [room1] ann: yo");
        assertThat(plain(renderer.render(new ChatLine(evening.plusSeconds(180), "room1", null, "* ann left room1", false))))
                .as("past midnight in Paris, though not in UTC")
                .containsExactly("— Saturday 28 November 2026 —", "00:01 [room1] * ann left room1");
        assertThat(plain(renderer.render(new ChatLine(null, "room1", "bob", "no time given", false))))
                .containsExactly("[room1] bob: no time given");
    }

    @Test
    void historyIsMarked() {
        ChatRenderer renderer = new ChatRenderer(ZoneId.of("UTC"), true);
        List<AttributedString> lines = renderer.render(new ChatLine(Instant.parse("2026-11-27T08:00:00Z"), "room1", "bob", "old", true));
        assertThat(lines.get(1).toString()).isEqualTo("08:00 · [room1] bob: old");
        assertThat(lines.get(1).styleAt(6).getStyle() & 0x2).as("faint").isNotZero();
    }

    @Test
    void controlCharactersInAnyPartAreShownEscapedAndOnlyOurStylesAreEscapes() {
        ChatRenderer renderer = new ChatRenderer(ZoneId.of("UTC"), true);
        List<AttributedString> lines = renderer.render(new ChatLine(Instant.parse("2026-11-27T08:00:00Z"), "room1",
                "bob", "evil\n[room1] alice: forged \u001b[2J\u001b[31mred\u0007", false));
        String shown = lines.get(1).toString();
        assertThat(shown).isEqualTo("08:00 [room1] bob: evil\\n[room1] alice: forged \\x1b[2J\\x1b[31mred\\x07");
        String ansi = lines.get(1).toAnsi();
        assertThat(ansi).doesNotContain("\n").doesNotContain("\u0007").doesNotContain("\u001b[2J")
                .contains("\\x1b[31mred");
    }

    @Test
    void aPseudoHasItsOwnColourUnlessColoursAreOff() {
        Instant now = Instant.parse("2026-11-27T08:00:00Z");
        ChatLine line = new ChatLine(now, "room1", "bob", "hi", false);
        AttributedString coloured = new ChatRenderer(ZoneId.of("UTC"), true).render(line).get(1);
        int at = coloured.toString().indexOf("bob");
        assertThat(coloured.styleAt(at)).isEqualTo(AttributedStyle.DEFAULT.foreground(ChatRenderer.colourOf("bob")).bold());
        assertThat(coloured.toAnsi()).contains("\u001b[");
        assertThat(ChatRenderer.colourOf("BOB")).as("look-alikes share a colour").isEqualTo(ChatRenderer.colourOf("bob"));

        AttributedString plain = new ChatRenderer(ZoneId.of("UTC"), false).render(line).get(1);
        assertThat(plain.toAnsi()).doesNotContain("\u001b").isEqualTo("08:00 [room1] bob: hi");
    }

    @Test
    void noColorIsHonouredAndTheChoiceIsChecked() {
        assertThat(ChatRenderer.colours("auto", null, true)).isTrue();
        assertThat(ChatRenderer.colours("auto", "", true)).as("NO_COLOR empty counts as unset").isTrue();
        assertThat(ChatRenderer.colours("auto", "1", true)).isFalse();
        assertThat(ChatRenderer.colours("auto", null, false)).as("a terminal with no colours").isFalse();
        assertThat(ChatRenderer.colours("always", "1", false)).isTrue();
        assertThat(ChatRenderer.colours("never", null, true)).isFalse();
        assertThatThrownBy(() -> ChatRenderer.colours("sometimes", null, true))
                .hasMessageContaining("--color must be auto, always or never");
    }

    @Test
    void backoffDoublesUpToItsCapWithJitter() {
        Backoff backoff = new Backoff(java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(1));
        long[] ceilings = {200, 400, 800, 1000, 1000};
        for (long ceiling : ceilings) {
            long wait = backoff.next().toMillis();
            assertThat(wait).isBetween(ceiling / 2, ceiling);
        }
    }
}
