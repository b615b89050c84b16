package parley.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiVersionTest {

    @Test
    void theRangeHoldsTheOldestAndTheCurrentVersion() {
        assertThat(ApiVersion.OLDEST).isLessThanOrEqualTo(ApiVersion.CURRENT);
        assertThat(ApiVersion.supports(ApiVersion.OLDEST)).isTrue();
        assertThat(ApiVersion.supports(ApiVersion.CURRENT)).isTrue();
    }

    @Test
    void versionsOutsideTheRangeAreNotSupported() {
        assertThat(ApiVersion.supports(ApiVersion.OLDEST - 1)).isFalse();
        assertThat(ApiVersion.supports(ApiVersion.CURRENT + 1)).isFalse();
        assertThat(ApiVersion.supports(1)).as("Kernel 2 broke version 1").isFalse();
    }

    @Test
    void theRangeReadsAsOneVersionOrFromTo() {
        String expected = ApiVersion.OLDEST == ApiVersion.CURRENT
                ? Integer.toString(ApiVersion.CURRENT)
                : ApiVersion.OLDEST + " to " + ApiVersion.CURRENT;
        assertThat(ApiVersion.range()).isEqualTo(expected);
    }
}
