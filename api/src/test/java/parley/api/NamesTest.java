package parley.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Zoé", "bob_2", "jean-luc", "a.b", "Ωμέγα", "山田", "Иван"})
    void namesPeopleTypeAreFine(String name) {
        assertThat(Names.problem(name)).isNull();
    }

    /** The look-alikes an attack took while "alice" was online: each is refused or clashes with alice. */
    @ParameterizedTest
    @ValueSource(strings = {"ａｌｉｃｅ", "аlice", "alıce", "ALİCE", "𝐚𝐥𝐢𝐜𝐞", "αlice", "ᴀlice", "Alice", "alicé"})
    void lookAlikesOfAliceAreRefusedOrClash(String name) {
        assertThat(Names.problem(name) != null || Names.key(name).equals(Names.key("alice")))
                .as(name + ": problem " + Names.problem(name) + ", key " + Names.key(name)).isTrue();
    }

    @Test
    void theReasonNamesTheCulprit() {
        assertThat(Names.problem("аlice")).isEqualTo("it mixes scripts: 'l' (Latin) among Cyrillic letters; use the letters of one script");
        assertThat(Names.problem("ᴀlice")).isEqualTo("character 1 (U+1D00) is a phonetic letter that people do not type");
        assertThat(Names.problem("al\u200Bice")).isEqualTo("character 3 (U+200B) is not a letter, a digit, '_', '-' or '.'");
        assertThat(Names.problem("bob\u202Eevil")).contains("U+202E");
        assertThat(Names.problem("new\nline")).contains("U+000A");
        assertThat(Names.problem("x".repeat(33))).isEqualTo("it is longer than 32 characters");
        assertThat(Names.problem("")).isEqualTo("it is empty");
        assertThat(Names.problem("\uDB80\uDC00x")).as("a private-use or unassigned code point").contains("U+F0000");
    }

    @Test
    void keysFoldCaseWidthAndMarks() {
        assertThat(Names.key("ＡＬＩＣＥ")).isEqualTo("alice");
        assertThat(Names.key("Straße")).isEqualTo("strasse");
        assertThat(Names.key("Zoé")).isEqualTo(Names.key("zoe"));
        assertThat(Names.key("bob")).isNotEqualTo(Names.key("bobby"));
    }

    @Test
    void namesWhollyInLookAlikeLettersOfAnotherScriptClash() {
        assertThat(Names.problem("аре")).as("all Cyrillic: one script, so well formed").isNull();
        assertThat(Names.key("аре")).isEqualTo(Names.key("ape"));
        assertThat(Names.key("СОСО")).isEqualTo(Names.key("coco"));
        assertThat(Names.key("ορο")).as("Greek").isEqualTo(Names.key("opo"));
        assertThat(Names.key("rnodern")).isEqualTo(Names.key("modern"));
        assertThat(Names.key("alice1")).isEqualTo(Names.key("alicel"));
        assertThat(Names.key("москва")).as("a Cyrillic name that reads as no Latin one keeps its own key")
                .isNotEqualTo(Names.key("mockba"));
        assertThat(Names.key("zoe")).isNotEqualTo(Names.key("zoo"));
    }

    @Test
    void aKeyIsItsOwnKeyEvenWhenTheSkeletonBringsMarks() {
        // found by NamesFuzzTest: ð's skeleton is ∂ with a combining stroke, which folding then removes
        for (String name : java.util.List.of("ð", "đ", "Ð", "ħ", "ø", "ǆ", "ς")) {
            assertThat(Names.key(Names.key(name))).as(name).isEqualTo(Names.key(name));
        }
    }
}
