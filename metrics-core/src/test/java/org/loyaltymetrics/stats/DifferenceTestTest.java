package org.loyaltymetrics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DifferenceTestTest {

    @Test
    void readsAsAZTest() {
        DifferenceTest test = new DifferenceTest(-5.2, 2.1, -5.2 / 2.1, Double.POSITIVE_INFINITY, 0.0133);
        assertThat(test).hasToString("difference -5.2000 (SE 2.1000), z = -2.476, p = 0.0133");
        assertThat(test.isSignificant(0.05)).isTrue();
        assertThat(test.isSignificant(0.0133)).isFalse();
    }

    @Test
    void rejectsBadComponents() {
        assertThatThrownBy(() -> new DifferenceTest(1, 0, 1, 1, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("standardError must be finite and > 0, was 0.0");
        assertThatThrownBy(() -> new DifferenceTest(1, 1, 1, 1, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pValue must be in [0.0, 1.0], was 1.5");
        assertThatThrownBy(() -> new DifferenceTest(1, 1, 1, 1, 0.5).isSignificant(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("alpha must be in (0, 1), was 0.0");
    }

    @Test
    void edgesOfTheComponentsAndTheText() {
        assertThatThrownBy(() -> new DifferenceTest(1, 1, 1, 0, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("degreesOfFreedom must be > 0, was 0.0");
        assertThatThrownBy(() -> new DifferenceTest(1, 1, 1, 1, 0.5).isSignificant(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("alpha must be in (0, 1), was 1.0");
        assertThat(new DifferenceTest(0, 1, 0, Double.POSITIVE_INFINITY, 1.0))
                .hasToString("difference +0.0000 (SE 1.0000), z = 0.000, p = 1.0000");
        assertThat(new DifferenceTest(0, 1, 0, 12, 1.0)).hasToString("difference +0.0000 (SE 1.0000), t(12.0) = 0.000, p = 1.0000");
    }
}
