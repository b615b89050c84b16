package parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The check between rounds: it measures something, and its summary warns only when the checks differ. */
class MachineCheckTest {

    @Test
    void aCheckTakesTimeAndIsKept() {
        MachineCheck check = new MachineCheck();
        double ms = check.take();

        assertThat(ms).isPositive().isFinite();
        assertThat(check.millis()).containsExactly(ms);
        assertThat(check.summary()).startsWith("machine check (a fixed task before each round): ");
    }

    @Test
    void evenChecksGiveNoWarning() {
        MachineCheck check = new MachineCheck();
        check.record(20.0);
        check.record(22.0);
        check.record(24.9);

        assertThat(check.summary()).isEqualTo("machine check (a fixed task before each round): 20.0 to 24.9 ms");
    }

    @Test
    void unevenChecksSayTheRoundsAreNotComparable() {
        MachineCheck check = new MachineCheck();
        check.record(20.0);
        check.record(52.0);

        assertThat(check.summary()).isEqualTo("machine check (a fixed task before each round): 20.0 to 52.0 ms;"
                + " UNEVEN: the machine ran 2.6x slower at times, so rounds are not comparable; run again on a quieter machine");
    }

    @Test
    void noCheckNoLine() {
        assertThat(new MachineCheck().summary()).isEmpty();
    }
}
