package parley.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The pushes' times read as {@link Instant#parse} reads them, whatever came before. */
class PushTimesTest {

    private static final DateTimeFormatter ROOMS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Test
    void everyMillisecondAcrossSecondsDaysAndYearsReadsAsInstantParseReadsIt() {
        PushTimes times = new PushTimes();
        for (long start : new long[] {1_764_215_467_000L - 3, 1_767_225_599_000L - 2, 0L}) { // a second, a new year, 1970
            for (long millis = start; millis < start + 2_500; millis += 7) {
                String time = ROOMS.format(Instant.ofEpochMilli(millis));
                assertThat(times.millis(time)).as(time).isEqualTo(millis);
                assertThat(times.millis(time)).as("again " + time).isEqualTo(millis);
            }
        }
    }

    @Test
    void otherFormsAreReadInFullAndNonsenseIsRefused() {
        PushTimes times = new PushTimes();
        times.millis("2026-11-27T04:51:07.120Z");
        for (String other : List.of("2026-11-27T04:51:07Z", "2026-11-27T04:51:07.5Z", "2026-11-27T04:51:07.123456Z",
                "2026-11-27T05:51:07.120+01:00", "2026-11-27T04:51:08.001Z")) {
            assertThat(times.millis(other)).as(other).isEqualTo(Instant.parse(other).toEpochMilli());
        }
        for (String bad : List.of("2026-11-27T04:51:07.1x0Z", "yesterday", "", "2026-11-27T04:51:07.120")) {
            assertThatThrownBy(() -> times.millis(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
        assertThat(times.millis("2026-11-27T04:51:08.999Z")).isEqualTo(Instant.parse("2026-11-27T04:51:08.999Z").toEpochMilli());
    }
}
