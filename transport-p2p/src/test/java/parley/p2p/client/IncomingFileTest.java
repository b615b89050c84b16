package parley.p2p.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file's name from a peer never leaves the downloads folder; a file that does not match is not kept. */
class IncomingFileTest {

    @TempDir
    Path downloads;

    @Test
    void namesAreMadeSafe() {
        assertThat(IncomingFile.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(IncomingFile.safeName("..\\..\\boot.ini")).isEqualTo("boot.ini");
        assertThat(IncomingFile.safeName("/abs/path/x.txt")).isEqualTo("x.txt");
        assertThat(IncomingFile.safeName(".bashrc")).isEqualTo("bashrc");
        assertThat(IncomingFile.safeName("..")).isEqualTo("file");
        assertThat(IncomingFile.safeName("")).isEqualTo("file");
        assertThat(IncomingFile.safeName(null)).isEqualTo("file");
        assertThat(IncomingFile.safeName("a\u0000b\nc:d.txt")).isEqualTo("a_b_c_d.txt");
        assertThat(IncomingFile.safeName("été à Zoé.txt")).isEqualTo("été à Zoé.txt");
        assertThat(IncomingFile.safeName("x".repeat(300))).hasSize(200);
    }

    @Test
    void aWrongHashOrSizeKeepsNothing() throws Exception {
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
        IncomingFile wrongHash = new IncomingFile("f1", "../a.txt", data.length, downloads);
        wrongHash.write(data, 0, data.length);
        assertThatThrownBy(() -> wrongHash.finish("00")).hasMessageContaining("its SHA-256 is 2cf24dba");
        wrongHash.abort();

        IncomingFile tooMuch = new IncomingFile("f2", "b.txt", 3, downloads);
        assertThatThrownBy(() -> tooMuch.write(data, 0, data.length)).hasMessage("more bytes than the 3 announced");
        tooMuch.abort();

        IncomingFile tooLittle = new IncomingFile("f3", "c.txt", 10, downloads);
        tooLittle.write(data, 0, data.length);
        assertThatThrownBy(() -> tooLittle.finish("x")).hasMessage("got 5 bytes of the 10 announced");
        tooLittle.abort();

        try (Stream<Path> left = Files.list(downloads)) {
            assertThat(left).isEmpty();
        }
        IncomingFile good = new IncomingFile("f4", "../a.txt", data.length, downloads);
        good.write(data, 0, data.length);
        ReceivedFile received = good.finish("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(received.path()).isEqualTo(downloads.resolve("a.txt"));
        assertThat(Files.readString(received.path())).isEqualTo("hello");
    }
}
