package parley.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class LegacyLineTest {

    @Test
    void parsesTheSeedExamples() throws Exception {
        assertThat(LegacyLine.parse("LOGIN \"pseudo\"")).isEqualTo(new LegacyLine.Parsed("LOGIN", List.of("pseudo")));
        assertThat(LegacyLine.parse("MSG \"room1\" \"pseudo\" \"msg\"").args()).containsExactly("room1", "pseudo", "msg");
        assertThat(LegacyLine.parse("DISPLAY_ROOM \"room1\" \"room2\" \"room3\"").args()).hasSize(3);
        assertThat(LegacyLine.parse("KO").args()).isEmpty();
    }

    @Test
    void handlesEscapesSpacesCarriageReturnAndBareWords() throws Exception {
        var parsed = LegacyLine.parse("MSG  \"room 1\"   alice \"say \\\"hi\\\" \\\\ \\n done\"\r");
        assertThat(parsed.args()).containsExactly("room 1", "alice", "say \"hi\" \\ \n done");
        assertThat(LegacyLine.parse("MSG \"\"").args()).containsExactly("");
    }

    @Test
    void rendersWhatItParses() throws Exception {
        List<String> args = List.of("room1", "al\"ice", "back\\slash", "two\nlines", "");
        String line = LegacyLine.render("MSG", args);
        assertThat(line).isEqualTo("MSG \"room1\" \"al\\\"ice\" \"back\\\\slash\" \"two\\nlines\" \"\"\n");
        assertThat(LegacyLine.parse(line.substring(0, line.length() - 1)).args()).isEqualTo(args);
        assertThat(LegacyLine.render("OK", List.of())).isEqualTo("OK\n");
    }

    @Test
    void refusesBadVerbsAndQuotes() {
        assertThatThrownBy(() -> LegacyLine.parse("login \"x\"")).hasMessageContaining("bad verb 'login'");
        assertThatThrownBy(() -> LegacyLine.parse("")).hasMessageContaining("bad verb");
        assertThatThrownBy(() -> LegacyLine.parse("MSG \"open")).hasMessageContaining("unterminated quote in argument 1");
        assertThatThrownBy(() -> LegacyLine.parse("MSG \"a\"b")).hasMessageContaining("followed by a space");
        assertThatThrownBy(() -> LegacyLine.parse("MSG \"ends with backslash\\")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void verbRule() {
        assertThat(LegacyLine.isVerb("JOIN_ROOM")).isTrue();
        assertThat(LegacyLine.isVerb("P2P_INVITE")).isTrue();
        assertThat(LegacyLine.isVerb("2FA")).isFalse();
        assertThat(LegacyLine.isVerb("Msg")).isFalse();
        assertThat(LegacyLine.isVerb("MSG-X")).isFalse();
    }
}
