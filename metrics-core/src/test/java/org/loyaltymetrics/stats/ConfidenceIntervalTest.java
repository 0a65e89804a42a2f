package org.loyaltymetrics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfidenceIntervalTest {

    @Test
    void containsWidthAndText() {
        ConfidenceInterval interval = new ConfidenceInterval(0.25, 0.375, 0.95);
        assertThat(interval.contains(0.25)).isTrue();
        assertThat(interval.contains(0.375)).isTrue();
        assertThat(interval.contains(0.376)).isFalse();
        assertThat(interval.width()).isEqualTo(0.125);
        assertThat(interval).hasToString("[0.2500, 0.3750] (95%)");
        assertThat(new ConfidenceInterval(1, 2, 0.999)).hasToString("[1.0000, 2.0000] (99.9%)");
    }

    @Test
    void rejectsReversedBoundsAndBadLevels() {
        assertThatThrownBy(() -> new ConfidenceInterval(2, 1, 0.95)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("high must be >= low 2.0, was 1.0");
        assertThatThrownBy(() -> new ConfidenceInterval(Double.NEGATIVE_INFINITY, 1, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("low must be a finite number");
        assertThatThrownBy(() -> new ConfidenceInterval(0, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confidence must be in (0, 1), was 1.0");
    }
}
