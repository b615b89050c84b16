package parley.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionsTest {

    @Test
    void pseudoRules() {
        assertThat(Sessions.isValidPseudo("alice")).isTrue();
        assertThat(Sessions.isValidPseudo("Zoé_2.0-x")).isTrue();
        assertThat(Sessions.isValidPseudo("a".repeat(32))).isTrue();
        assertThat(Sessions.isValidPseudo("a".repeat(33))).isFalse();
        assertThat(Sessions.isValidPseudo("")).isFalse();
        assertThat(Sessions.isValidPseudo(null)).isFalse();
        assertThat(Sessions.isValidPseudo("two words")).isFalse();
        assertThat(Sessions.isValidPseudo("semi;colon")).isFalse();
        assertThat(Sessions.isValidPseudo("quote\"")).isFalse();
    }
}
