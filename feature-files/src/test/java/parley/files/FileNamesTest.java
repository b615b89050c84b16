package parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The filename rules: never a path, no control characters, a length limit. */
class FileNamesTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "notes.txt                | notes.txt",
            "../../etc/passwd         | passwd",
            "..\\..\\Windows\\win.ini | win.ini",
            "C:\\docs\\report.pdf     | report.pdf",
            "/                        | file",
            "..                       | file",
            ".                        | file",
            "'...'                    | file",
            ".bashrc                  | bashrc",
            "a..b                     | a.b",
            "'  spaced name.txt  '    | spaced name.txt",
            "name.                    | name",
            "what?.txt                | what_.txt",
            "a<b>c:d*e\"f             | a_b_c_d_e_f",
            "CON                      | _CON",
            "nul.txt                  | _nul.txt",
            "C:                       | file",
            "dir/                     | dir",
            "Zoé.txt                  | Zoé.txt",
    })
    void cleansNames(String raw, String clean) {
        assertThat(FileNames.clean(raw)).isEqualTo(clean);
        assertThat(FileNames.isClean(clean)).isTrue();
    }

    @Test
    void removesControlAndInvisibleCharacters() {
        assertThat(FileNames.clean("evil\nname\r\t.txt")).isEqualTo("evilname.txt");
        assertThat(FileNames.clean("bell\u0007\u0000.txt")).isEqualTo("bell.txt");
        // a right-to-left override would show "invoice_fdp.exe" as "invoice_exe.pdf"
        assertThat(FileNames.clean("invoice_\u202Efdp.exe")).isEqualTo("invoice_fdp.exe");
        assertThat(FileNames.clean("zero\u200Bwidth")).isEqualTo("zerowidth");
        assertThat(FileNames.clean("half\uD800surrogate")).isEqualTo("halfsurrogate");
        assertThat(FileNames.clean("\u0085\u2028\u2029")).isEqualTo("file");
    }

    @Test
    void replacesCharactersSomeFileSystemsRefuse() {
        assertThat(FileNames.clean("a|b?c*d<e>f:g\"h")).isEqualTo("a_b_c_d_e_f_g_h");
    }

    @Test
    void nullOrEmptyBecomesFile() {
        assertThat(FileNames.clean(null)).isEqualTo("file");
        assertThat(FileNames.clean("")).isEqualTo("file");
        assertThat(FileNames.clean("\n\n")).isEqualTo("file");
    }

    @Test
    void longNamesAreCutKeepingTheExtension() {
        String cut = FileNames.clean("x".repeat(500) + ".tar.gz");
        assertThat(cut).endsWith(".gz").hasSize(FileNames.MAX_CHARS);
        String wide = FileNames.clean("é".repeat(300) + ".pdf");
        assertThat(wide.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(FileNames.MAX_BYTES);
        assertThat(wide).endsWith(".pdf").startsWith("éé");
        String emoji = FileNames.clean("😀".repeat(100));
        assertThat(emoji.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(FileNames.MAX_BYTES);
        assertThat(emoji.codePoints()).allMatch(c -> c == 0x1F600); // no code point split in half
    }

    @Test
    void aHugeNameCostsTimeInProportionToItsLength() {
        // it was quadratic: one code point cut per turn, copying and re-encoding the rest each time, so a
        // 1 MiB name took about a minute of CPU; ten seconds is a bound for liveness, not a measure
        String huge = "é".repeat(1 << 20) + ".pdf";
        String clean = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> FileNames.clean(huge));
        assertThat(clean).endsWith(".pdf").startsWith("é");
        assertThat(clean.codePointCount(0, clean.length())).isLessThanOrEqualTo(FileNames.MAX_CHARS);
        assertThat(clean.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(FileNames.MAX_BYTES);
        assertThat(clean).isEqualTo("é".repeat((FileNames.MAX_BYTES - 4) / 2) + ".pdf");
    }

    @Test
    void everyCleanNameIsASingleSafeSegment() {
        String[] hostile = {"../a", "a/../../b", "\\\\server\\share\\x", "~/.ssh/id_rsa", "a\u0000/b", "....//....//x",
                "/dev/null", "COM1.log", " . ", "a/./b/.."};
        for (String raw : hostile) {
            String clean = FileNames.clean(raw);
            assertThat(clean).as(raw).doesNotContain("/", "\\", "..", "\u0000").isNotEmpty().doesNotStartWith(".");
            assertThat(java.nio.file.Path.of("/spool").resolve(clean).normalize().getParent())
                    .as(raw).isEqualTo(java.nio.file.Path.of("/spool"));
        }
    }
}
