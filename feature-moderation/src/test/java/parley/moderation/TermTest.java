package parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Ban and mute lengths, and ban targets, as operators write them. */
class TermTest {

    private static final Instant NOW = Instant.parse("2026-11-27T07:00:00Z");

    @Test
    void lengthsReadAsPeopleWriteThem() {
        assertThat(Term.parse("90", NOW).until()).isEqualTo(Instant.parse("2026-11-27T07:01:30Z"));
        assertThat(Term.parse("1h", NOW).until()).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
        assertThat(Term.parse(" 2D ", NOW).until()).isEqualTo(Instant.parse("2026-11-29T07:00:00Z"));
        assertThat(Term.parse("1w", NOW).wire()).isEqualTo("2026-12-04T07:00:00Z");
        assertThat(Term.parse(null, NOW).permanent()).isTrue();
        assertThat(Term.parse("Permanent", NOW).wire()).isEqualTo("permanent");
        assertThat(Term.parse("1h", NOW).describe(NOW)).isEqualTo("until 2026-11-27T08:00:00Z (in 1h)");
        assertThat(Term.parse("1h", NOW).over(NOW.plusSeconds(3600))).isTrue();
        assertThat(Term.PERMANENT.over(Instant.MAX)).isFalse();
    }

    @Test
    void badLengthsNameTheFix() {
        assertThatThrownBy(() -> Term.parse("tomorrow", NOW)).hasMessageContaining("write 30s, 10m, 1h, 2d, 1w or permanent");
        assertThatThrownBy(() -> Term.parse("0", NOW)).hasMessageContaining("at least 1s");
        assertThatThrownBy(() -> Term.parse("999999999w", NOW)).hasMessageContaining("longer than ten years");
    }

    @Test
    void targetsArePseudosByNormalFormOrAddressesNeverLookedUp() {
        assertThat(Target.parse("ALICE").key()).isEqualTo(Target.parse("alice").key());
        assertThat(Target.parse("ip:127.000.0.2").text()).isEqualTo("ip:127.0.0.2");
        assertThat(Target.parse("IP:2001:db8:0::7").key()).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(Target.parse("ip:127.0.0.2").matches("anyone", "127.0.0.2")).isTrue();
        assertThat(Target.parse("bob").matches("BOB", "127.0.0.2")).isTrue();
        assertThatThrownBy(() -> Target.parse("ip:example.org")).hasMessageContaining("write ip:203.0.113.7");
        assertThatThrownBy(() -> Target.parse("ip:")).hasMessageContaining("bad address");
        assertThatThrownBy(() -> Target.parse("a b")).hasMessageContaining("give a pseudo, or ip:ADDRESS");
    }
}
