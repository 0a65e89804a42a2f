package org.loyaltymetrics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;

class ProportionTest {

    @Test
    void wilsonIntervalMatchesThePublishedExample() {
        // 81 of 263 at 95 %: [0.2553, 0.3662] as published for the Wilson score interval.
        ConfidenceInterval interval = Proportion.of(81, 263).confidenceInterval(0.95);
        assertThat(interval.low()).isCloseTo(0.2553, within(0.00005));
        assertThat(interval.high()).isCloseTo(0.3662, within(0.00005));
        assertThat(interval.confidence()).isEqualTo(0.95);
    }

    @Test
    void wilsonIntervalByHand() {
        // z = 1.959963984540054, p = 74/107, n = 107: centre (p + z²/2n)/(1 + z²/n) = 0.68494884,
        // half-width z √(p(1−p)/n + z²/4n²)/(1 + z²/n) = 0.08623375.
        ConfidenceInterval interval = Proportion.of(74, 107).confidenceInterval(0.95);
        assertThat(interval.low()).isCloseTo(0.5987150913219855, within(1e-12));
        assertThat(interval.high()).isCloseTo(0.7711826025212977, within(1e-12));
    }

    @Test
    void wilsonIntervalAtTheEdgesReachesZeroAndOne() {
        // 0 of 10: [0, z²/(n + z²)] = [0, 0.27753280]; 10 of 10 mirrors it.
        assertThat(Proportion.of(0, 10).confidenceInterval(0.95).low()).isZero();
        assertThat(Proportion.of(0, 10).confidenceInterval(0.95).high()).isCloseTo(0.2775327998628892, within(1e-12));
        assertThat(Proportion.of(10, 10).confidenceInterval(0.95).high()).isEqualTo(1.0);
        assertThat(Proportion.of(10, 10).confidenceInterval(0.95).low()).isCloseTo(0.7224672001371107, within(1e-12));
    }

    @Test
    void rateAndPercent() {
        Proportion csat = Proportion.of(74, 107);
        assertThat(csat.value()).isCloseTo(74.0 / 107.0, within(1e-15));
        assertThat(csat.percent()).isCloseTo(69.1588785, within(1e-7));
        assertThat(csat.failures()).isEqualTo(33);
        // √(p(1−p)/n) with p = 74/107
        assertThat(csat.standardError()).isCloseTo(Math.sqrt(74.0 / 107 * 33.0 / 107 / 107), within(1e-15));
        assertThat(csat).hasToString("74/107 (69.16%)");
    }

    @Test
    void twoProportionTestByHand() {
        // pooled p̄ = 134/217, SE = √(p̄(1−p̄)(1/107 + 1/110)) = 0.0659893, z = 0.1461342/0.0659893 = 2.2145
        DifferenceTest test = Proportion.of(74, 107).differenceFrom(Proportion.of(60, 110));
        assertThat(test.difference()).isCloseTo(0.14613423959218352, within(1e-15));
        assertThat(test.standardError()).isCloseTo(0.06598927349126285, within(1e-15));
        assertThat(test.statistic()).isCloseTo(2.2145150546555428, within(1e-13));
        assertThat(test.pValue()).isCloseTo(0.026793368252567815, within(1e-13));
        assertThat(test.isNormal()).isTrue();
        assertThat(test.isSignificant(0.05)).isTrue();
        assertThat(test.isSignificant(0.01)).isFalse();
    }

    @Test
    void plusAddsCounts() {
        assertThat(Proportion.of(1, 4).plus(Proportion.of(2, 3))).isEqualTo(Proportion.of(3, 7));
        assertThatThrownBy(() -> Proportion.of(1, Long.MAX_VALUE).plus(Proportion.of(0, 1)))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("trials");
    }

    @Test
    void emptyProportionIsUndefinedNotZero() {
        Proportion empty = Proportion.of(0, 0);
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty).hasToString("0/0 (undefined)");
        assertThatThrownBy(empty::value).isInstanceOf(UndefinedResultException.class).hasMessageContaining("no trials");
        assertThatThrownBy(() -> empty.confidenceInterval(0.95)).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> empty.differenceFrom(Proportion.of(1, 2))).isInstanceOf(UndefinedResultException.class);
    }

    @Test
    void testWithoutVarianceIsUndefined() {
        assertThatThrownBy(() -> Proportion.of(5, 5).differenceFrom(Proportion.of(3, 3)))
                .isInstanceOf(UndefinedResultException.class).hasMessageContaining("both rates are 1");
        assertThatThrownBy(() -> Proportion.of(0, 5).differenceFrom(Proportion.of(0, 3)))
                .isInstanceOf(UndefinedResultException.class).hasMessageContaining("both rates are 0");
    }

    @Test
    void rejectsBadCountsAndLevels() {
        assertThatThrownBy(() -> Proportion.of(-1, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("successes must be a count >= 0, was -1");
        assertThatThrownBy(() -> Proportion.of(1, -5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trials must be a count >= 0, was -5");
        assertThatThrownBy(() -> Proportion.of(6, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("successes must be <= trials 5, was 6");
        assertThatThrownBy(() -> Proportion.of(1, 5).confidenceInterval(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confidence must be in (0, 1), was 0.0");
        assertThatThrownBy(() -> Proportion.of(1, 5).differenceFrom(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("earlier must not be null");
    }

    @Test
    void equalityIsByCounts() {
        assertThat(Proportion.of(1, 2)).isEqualTo(Proportion.of(1, 2)).hasSameHashCodeAs(Proportion.of(1, 2))
                .isNotEqualTo(Proportion.of(2, 4));
    }

    @Test
    void aProportionWithTrialsIsNotEmpty() {
        assertThat(Proportion.of(0, 1).isEmpty()).isFalse();
        assertThat(Proportion.of(1, 2).isEmpty()).isFalse();
    }
}
