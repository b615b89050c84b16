package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerAddressTest {

    @Test
    void theFormsPeopleWrite() {
        assertThat(ServerAddress.parse("chat.example.org")).isEqualTo(new ServerAddress("chat.example.org", 7777, false));
        assertThat(ServerAddress.parse("chat.example.org:9000")).isEqualTo(new ServerAddress("chat.example.org", 9000, false));
        assertThat(ServerAddress.parse("127.0.0.1:1")).isEqualTo(new ServerAddress("127.0.0.1", 1, false));
        assertThat(ServerAddress.parse("[::1]:7000")).isEqualTo(new ServerAddress("::1", 7000, false));
        assertThat(ServerAddress.parse("parley://host:8000")).isEqualTo(new ServerAddress("host", 8000, false));
        assertThat(ServerAddress.parse("parleys://host")).isEqualTo(new ServerAddress("host", 7777, true));
        assertThat(ServerAddress.parse(" PARLEYS://host:7443/ ")).isEqualTo(new ServerAddress("host", 7443, true));
    }

    @Test
    void badAddressesSayWhatIsWrongAndWhatWorks() {
        assertThatThrownBy(() -> ServerAddress.parse("https://host")).hasMessageStartingWith(
                "bad server address 'https://host': unknown scheme 'https' (write host, host:port");
        assertThatThrownBy(() -> ServerAddress.parse("host:99999")).hasMessageContaining("port 99999 is not between 1 and 65535");
        assertThatThrownBy(() -> ServerAddress.parse("host:")).hasMessageContaining("no port after ':'");
        assertThatThrownBy(() -> ServerAddress.parse("::1")).hasMessageContaining("an IPv6 address goes in brackets");
        assertThatThrownBy(() -> ServerAddress.parse("parleys://")).hasMessageContaining("no host");
        assertThatThrownBy(() -> ServerAddress.parse("parley://user@host")).hasMessageContaining("only a host and a port");
        assertThatThrownBy(() -> ServerAddress.parse("host:abc")).hasMessageStartingWith("bad server address 'host:abc'");
    }
}
