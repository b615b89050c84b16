package parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The hand-made ISO time against the JDK's formatter, which it replaces on the hot path. */
class StampTest {

    private static final DateTimeFormatter JDK = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static String jdk(long millis) {
        return JDK.format(Instant.ofEpochMilli(millis));
    }

    @Test
    void edgesOfDaysMonthsAndLeapYearsAreFormattedAsTheJdkDoes() {
        String[] times = {"1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z", "2000-02-29T12:34:56.789Z",
                "1900-03-01T00:00:00.001Z", "2100-02-28T23:59:59.999Z", "2024-12-31T23:59:59.999Z",
                "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "2026-11-27T04:51:07.120Z"};
        for (String time : times) {
            long millis = Instant.parse(time.startsWith("0000") ? "0000-01-01T00:00:00Z" : time).toEpochMilli();
            assertThat(Stamp.iso(millis)).as(time).isEqualTo(jdk(millis));
        }
    }

    @Test
    void aMillionRandomTimesAreFormattedAsTheJdkDoes() {
        long min = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
        long max = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        SplittableRandom random = new SplittableRandom(27);
        for (int i = 0; i < 1_000_000; i++) {
            long millis = random.nextLong(min, max + 1);
            String mine = Stamp.iso(millis);
            if (!mine.equals(jdk(millis))) {
                assertThat(mine).as("at %d ms", millis).isEqualTo(jdk(millis));
            }
        }
    }

    @Test
    void yearsPastFourDigitsFallBackToTheJdk() {
        long far = Instant.parse("+12026-01-01T00:00:00Z").toEpochMilli();
        long before = Instant.parse("-0001-06-01T00:00:00Z").toEpochMilli();
        assertThat(Stamp.iso(far)).isEqualTo(jdk(far)).startsWith("+12026");
        assertThat(Stamp.iso(before)).isEqualTo(jdk(before));
    }

    @Test
    void aStampPutsItsIdAndTimeOnTheMessage() {
        long millis = Instant.parse("2026-11-27T04:51:07.120Z").toEpochMilli();
        var message = new Stamp(42, millis).on(parley.api.Message.of("MSG"));
        assertThat(message.number("id", -1)).isEqualTo(42);
        assertThat(message.text("time")).isEqualTo("2026-11-27T04:51:07.120Z");
    }

    @Test
    void stampingTheBytesGivesWhatEncodingTheStampedMessageGives() {
        Stamp stamp = new Stamp(9_007_199_254_740_993L, Instant.parse("2026-11-27T04:51:07.120Z").toEpochMilli());
        parley.api.Message[] messages = {
                parley.api.Message.of("MSG").put("room", "room1").put("pseudo", "alice").put("msg", "hello"),
                parley.api.Message.of("MSG").put("room", "salle").put("pseudo", "élodie")
                        .put("msg", "\"quoted\", back\\slash, tab\t, line\n, \u0001, emoji \uD83D\uDE00, 中文"),
                parley.api.Message.of("JOINED").put("room", "r").put("pseudo", "bob").put("count", 3),
        };
        for (parley.api.Message message : messages) {
            byte[] stamped = stamp.on(parley.api.wire.Json.bytes(message.body()));
            byte[] encoded = parley.api.wire.Json.bytes(stamp.on(message.copy()).body());
            assertThat(new String(stamped, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(new String(encoded, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void anEmptyObjectGetsTheStampAlone() {
        Stamp stamp = new Stamp(7, Instant.parse("2026-11-27T04:51:07.120Z").toEpochMilli());
        byte[] stamped = stamp.on("{}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(new String(stamped, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("{\"id\":7,\"time\":\"2026-11-27T04:51:07.120Z\"}");
    }

    @Test
    void bytesThatAreNoObjectAreRefused() {
        Stamp stamp = new Stamp(1, 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stamp.on("[1,2]".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stamp.on(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
