package parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultsTest {

    @Test
    void numbersArePrintedForPeopleWithoutExponents() {
        assertThat(Results.format(1.2345)).isEqualTo("1.23");
        assertThat(Results.format(138)).isEqualTo("138");
        assertThat(Results.format(2015.4)).isEqualTo("2015"); // a steady stream's CPU per delivery, in ns
        assertThat(Results.format(9999.6)).isEqualTo("10000");
        assertThat(Results.format(24_000)).isEqualTo("24.0k");
        assertThat(Results.format(5_760_000)).isEqualTo("5.76M");
        assertThat(Results.format(Double.NaN)).isEqualTo("NaN");
    }
}
