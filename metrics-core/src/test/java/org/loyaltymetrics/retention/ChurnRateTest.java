package org.loyaltymetrics.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;

class ChurnRateTest {

    @Test
    void convertsBetweenPeriodLengths() {
        // 5 % monthly: 1 − 0.95¹² = 1 − 0.5403600876626365 = 0.4596399123373635 a year
        assertThat(ChurnRate.overPeriods(0.05, 12)).isCloseTo(0.4596399123373635, within(1e-15));
        assertThat(ChurnRate.overPeriods(0.4596399123373635, 1.0 / 12)).isCloseTo(0.05, within(1e-15));
        assertThat(ChurnRate.overPeriods(0.0, 12)).isZero();
        assertThat(ChurnRate.overPeriods(1.0, 0.5)).isEqualTo(1.0);
        assertThat(ChurnRate.overPeriods(0.2, 1)).isCloseTo(0.2, within(1e-16));
    }

    @Test
    void expectedLifetime() {
        assertThat(ChurnRate.expectedLifetime(0.05)).isCloseTo(20.0, within(1e-12));
        assertThat(ChurnRate.expectedLifetime(1.0)).isEqualTo(1.0);
        assertThatThrownBy(() -> ChurnRate.expectedLifetime(0)).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the expected lifetime is undefined for a churn rate of 0");
    }

    @Test
    void rejectsRatesAndPeriodsOutOfRange() {
        assertThatThrownBy(() -> ChurnRate.overPeriods(1.5, 12)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate must be in [0.0, 1.0], was 1.5");
        assertThatThrownBy(() -> ChurnRate.overPeriods(0.1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("periods must be finite and > 0, was 0.0");
        assertThatThrownBy(() -> ChurnRate.expectedLifetime(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
