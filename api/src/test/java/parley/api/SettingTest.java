package parley.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingTest {

    @Test
    void parsesSizesDurationsListsAndFlags() {
        Setting<Long> size = Setting.bytes("s", 1, "");
        assertThat(size.parse("1048576")).isEqualTo(1L << 20);
        assertThat(size.parse("64KiB")).isEqualTo(64L << 10);
        assertThat(size.parse("2 MiB")).isEqualTo(2L << 20);
        assertThat(size.parse("1g")).isEqualTo(1L << 30);
        Setting<Duration> d = Setting.duration("d", Duration.ZERO, "");
        assertThat(d.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(d.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Setting.list("l", List.of(), "").parse(" a, b ,,c")).containsExactly("a", "b", "c");
        assertThat(Setting.flag("f", false, "").parse("yes")).isTrue();
    }

    @Test
    void badValuesNameTheKeyAndTheExpectedForm() {
        assertThatThrownBy(() -> Setting.bytes("max-frame-bytes", 1, "").parse("lots"))
                .hasMessage("setting 'max-frame-bytes': expected a size like 1048576, 64KiB or 1MiB, got 'lots'");
        assertThatThrownBy(() -> Setting.integer("port", 1, 0, 65535, "").parse("70000"))
                .hasMessageContaining("'port'").hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> Setting.duration("keepalive", Duration.ZERO, "").parse("soon"))
                .hasMessageContaining("'keepalive'");
    }

    @Test
    void aPathsLeadingTildeIsTheHomeFolder() {
        Setting<java.nio.file.Path> dir = Setting.path("files.download-dir", java.nio.file.Path.of("."), "");
        String home = System.getProperty("user.home");
        assertThat(dir.parse("~/Downloads")).isEqualTo(java.nio.file.Path.of(home, "Downloads"));
        assertThat(dir.parse("~")).isEqualTo(java.nio.file.Path.of(home));
        assertThat(dir.parse("a/~b")).isEqualTo(java.nio.file.Path.of("a/~b"));
        assertThat(dir.parse("~other/x")).isEqualTo(java.nio.file.Path.of("~other/x")); // another user's home is not guessed
    }

    @Test
    void configFallsBackToTheDefault() {
        Setting<Integer> port = Setting.integer("port", 7777, 0, 65535, "");
        assertThat(Config.empty().get(port)).isEqualTo(7777);
        assertThat(Config.of(Map.of("port", "0")).get(port)).isZero();
        assertThat(Config.empty().with("port", "1").get(port)).isEqualTo(1);
    }
}
