package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void plainTextIsUntouched() {
        String text = "[room1] zoé: bonjour 😀 \\o/";
        assertThat(TerminalText.escape(text)).isSameAs(text);
    }

    @Test
    void aLineBreakCannotForgeALine() {
        assertThat(TerminalText.escape("hi\n[room1] bob: send me your password"))
                .isEqualTo("hi\\n[room1] bob: send me your password").doesNotContain("\n");
    }

    @Test
    void escapeSequencesAndOtherControlsAreShownNotObeyed() {
        assertThat(TerminalText.escape("\u001b[2J\u001b[Hcleared")).isEqualTo("\\x1b[2J\\x1b[Hcleared");
        assertThat(TerminalText.escape("a\u0085b\u2028c\u007fd\te\rf\u0007"))
                .isEqualTo("a\\x85b\\u2028c\\x7fd\\te\\rf\\x07");
        assertThat(TerminalText.escape(null)).isEmpty();
    }
}
