package parley.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Setting.format: values written back as a person writes them, and read back to the same value. */
class SettingFormatTest {

    enum Policy { ASK, ALWAYS }

    @Test
    void sizesUseTheLargestExactUnit() {
        Setting<Long> size = Setting.bytes("s", 1L << 20, "");
        assertThat(size.defaultText()).isEqualTo("1MiB");
        assertThat(size.format(4L << 30)).isEqualTo("4GiB");
        assertThat(size.format(256L << 10)).isEqualTo("256KiB");
        assertThat(size.format(1536L << 10)).isEqualTo("1536KiB");
        assertThat(size.format(1000L)).isEqualTo("1000");
        assertThat(size.format(0L)).isEqualTo("0");
    }

    @Test
    void durationsUseTheLargestExactUnit() {
        Setting<Duration> d = Setting.duration("d", Duration.ofSeconds(90), "");
        assertThat(d.defaultText()).isEqualTo("90s");
        assertThat(d.format(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(d.format(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(d.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(d.format(Duration.ZERO)).isEqualTo("0");
    }

    @Test
    void enumsListsAndTheRestByType() {
        Setting<Policy> policy = new Setting<>("p", Policy.ASK, "", s -> Policy.valueOf(s.toUpperCase()));
        assertThat(policy.defaultText()).isEqualTo("ask");
        assertThat(Setting.list("l", List.of("a", "b"), "").defaultText()).isEqualTo("a,b");
        assertThat(Setting.integer("i", 7777, 0, 65535, "").defaultText()).isEqualTo("7777");
        assertThat(Setting.text("t", "", "").defaultText()).isEmpty();
        assertThat(Setting.flag("f", true, "").defaultText()).isEqualTo("true");
    }

    @Test
    void whatIsFormattedParsesBackToTheSameValue() {
        Setting<Long> size = Setting.bytes("s", 0, "");
        for (long v : new long[] {0, 1, 1000, 1024, 3L << 20, 5L << 30, 1025}) {
            assertThat(size.parse(size.format(v))).isEqualTo(v);
        }
        Setting<Duration> d = Setting.duration("d", Duration.ZERO, "");
        for (Duration v : List.of(Duration.ZERO, Duration.ofMillis(1), Duration.ofSeconds(61), Duration.ofMinutes(90),
                Duration.ofHours(48))) {
            assertThat(d.parse(d.format(v))).isEqualTo(v);
        }
    }
}
