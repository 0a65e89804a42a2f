package org.loyaltymetrics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;

class EstimateTest {

    @Test
    void normalIntervalByHand() {
        // 30 ± 1.959963984540054 × 7.810249675906654 = 30 ± 15.307808075042672
        Estimate estimate = Estimate.normal(30, 7.810249675906654);
        assertThat(estimate.marginOfError(0.95)).isCloseTo(15.307808075042672, within(1e-12));
        ConfidenceInterval interval = estimate.confidenceInterval(0.95);
        assertThat(interval.low()).isCloseTo(14.692191924957328, within(1e-12));
        assertThat(interval.high()).isCloseTo(45.30780807504267, within(1e-12));
    }

    @Test
    void studentIntervalOfAMean() {
        // answers 1,2,2,3,4,5,5,5,6,7,7,7: mean 4.5, s = 2.1105794120443453, n = 12;
        // 4.5 ± t(0.975, 11) s/√12 = [3.159001818882899, 5.840998181117101] (SciPy t.interval)
        Estimate mean = new Estimate(4.5, 2.1105794120443453 / Math.sqrt(12), 11);
        ConfidenceInterval interval = mean.confidenceInterval(0.95);
        assertThat(interval.low()).isCloseTo(3.159001818882899, within(1e-12));
        assertThat(interval.high()).isCloseTo(5.840998181117101, within(1e-12));
    }

    @Test
    void welchTestByHand() {
        // se² = 0.09 and 0.0625: SE = 0.3905125; df = (0.1525)² / (0.09²/20 + 0.0625²/30) = 43.4527;
        // t = 0.7 / 0.3905125 = 1.79252, p = 2 P(T_43.45 > 1.79252) = 0.0800140
        DifferenceTest test = new Estimate(5.2, 0.3, 20).differenceFrom(new Estimate(4.5, 0.25, 30));
        assertThat(test.difference()).isCloseTo(0.7, within(1e-15));
        assertThat(test.standardError()).isCloseTo(0.3905124837953327, within(1e-15));
        assertThat(test.degreesOfFreedom()).isCloseTo(43.452705332814325, within(1e-10));
        assertThat(test.statistic()).isCloseTo(1.7925163190605442, within(1e-13));
        assertThat(test.pValue()).isCloseTo(0.08001399618176362, within(1e-12));
        assertThat(test.isNormal()).isFalse();
        assertThat(test).hasToString("difference +0.7000 (SE 0.3905), t(43.5) = 1.793, p = 0.0800");
    }

    @Test
    void zeroStandardErrorsMakeTheTestUndefined() {
        assertThatThrownBy(() -> Estimate.normal(1, 0).differenceFrom(Estimate.normal(2, 0)))
                .isInstanceOf(UndefinedResultException.class).hasMessageContaining("standard error of 0");
    }

    @Test
    void rejectsBadComponents() {
        assertThatThrownBy(() -> Estimate.normal(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value must be a finite number, was NaN");
        assertThatThrownBy(() -> Estimate.normal(1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("standardError must be finite and >= 0, was -1.0");
        assertThatThrownBy(() -> new Estimate(1, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("degreesOfFreedom must be > 0, was 0.0");
        assertThatThrownBy(() -> Estimate.normal(1, 1).confidenceInterval(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("confidence must be in (0, 1), was 1.5");
    }

    @Test
    void welchWithOneNormalEstimate() {
        // t estimate (SE 0.3, 20 df) against a normal one (SE 0.25, infinite df): the normal term drops out of
        // Welch-Satterthwaite, df = 0.1525² / (0.09²/20) = 57.4228395; p = 2 P(T_57.42 > 1.79252) = 0.0783184
        // (SciPy t.sf); either way round
        DifferenceTest tFirst = new Estimate(5.2, 0.3, 20).differenceFrom(Estimate.normal(4.5, 0.25));
        assertThat(tFirst.degreesOfFreedom()).isCloseTo(57.42283950617284, within(1e-10));
        assertThat(tFirst.pValue()).isCloseTo(0.07831836120549249, within(1e-12));
        DifferenceTest normalFirst = Estimate.normal(4.5, 0.25).differenceFrom(new Estimate(5.2, 0.3, 20));
        assertThat(normalFirst.degreesOfFreedom()).isCloseTo(57.42283950617284, within(1e-10));
        assertThat(normalFirst.difference()).isCloseTo(-0.7, within(1e-15));
        assertThat(Estimate.normal(4.5, 0.25).differenceFrom(Estimate.normal(5.2, 0.3)).isNormal()).isTrue();
        assertThat(Estimate.normal(30, 7.810249675906654)).hasToString("30.0000 (SE 7.8102)");
    }
}
