package org.loyaltymetrics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;

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
    void anUnboundedSideIsInfiniteAndPrintedOpen() {
        // The Freireich 6-MP median lifetime of 23 weeks: lower bound 13, upper bound not reached.
        ConfidenceInterval median = new ConfidenceInterval(13, Double.POSITIVE_INFINITY, 0.95);
        assertThat(median.isBounded()).isFalse();
        assertThat(median.contains(1e300)).isTrue();
        assertThat(median.contains(12.9)).isFalse();
        assertThat(median.width()).isInfinite();
        assertThat(median).hasToString("[13.0000, Infinity) (95%)");
        assertThat(new ConfidenceInterval(Double.NEGATIVE_INFINITY, 0, 0.9)).hasToString("(-Infinity, 0.0000] (90%)");
        assertThat(new ConfidenceInterval(0, 1, 0.9).isBounded()).isTrue();
    }

    @Test
    void rejectsReversedBoundsAndBadLevels() {
        assertThatThrownBy(() -> new ConfidenceInterval(2, 1, 0.95)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("high must be >= low 2.0, was 1.0");
        assertThatThrownBy(() -> new ConfidenceInterval(Double.NaN, 1, 0.95))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("low must be a number below +Infinity, was NaN");
        assertThatThrownBy(() -> new ConfidenceInterval(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0.95))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("low must be a number below +Infinity");
        assertThatThrownBy(() -> new ConfidenceInterval(0, Double.NEGATIVE_INFINITY, 0.95))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("high must be a number above -Infinity");
        assertThatThrownBy(() -> new ConfidenceInterval(0, Double.NaN, 0.95))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("high must be a number above -Infinity");
        assertThatThrownBy(() -> new ConfidenceInterval(0, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confidence must be in (0, 1), was 1.0");
    }
}
