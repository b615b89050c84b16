package parley.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundedBudgetTest {

    @Test
    void takesUpToItsLimitAndWhatIsGivenBackCanBeTakenAgain() {
        BoundedBudget budget = new BoundedBudget(100);
        assertThat(budget.reserve(60)).isTrue();
        assertThat(budget.reserve(41)).as("would pass the limit: nothing taken").isFalse();
        assertThat(budget.used()).isEqualTo(60);
        assertThat(budget.reserve(40)).isTrue();
        budget.release(50);
        assertThat(budget.used()).isEqualTo(50);
        assertThat(budget.reserve(50)).isTrue();
        assertThat(budget.reserve(1)).isFalse();
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> new BoundedBudget(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
