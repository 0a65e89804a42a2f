package org.loyaltymetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Critical values of printed tables (z 1.960, 2.576; t with 10 degrees of freedom 2.228) to full
 * precision as given by SciPy 1.17 (scipy.stats.norm, scipy.stats.t).
 */
class DistributionsTest {

    @Test
    void normalCriticalValues() {
        assertThat(Distributions.normalCriticalValue(0.95)).isCloseTo(1.959963984540054, within(1e-14));
        assertThat(Distributions.normalCriticalValue(0.99)).isCloseTo(2.5758293035489004, within(1e-14));
        assertThat(Distributions.normalCriticalValue(0.90)).isCloseTo(1.6448536269514722, within(1e-14));
        assertThat(Distributions.normalUpperQuantile(1e-10)).isCloseTo(6.361340902404056, within(1e-12));
        assertThat(Distributions.normalUpperQuantile(0.3)).isCloseTo(0.5244005127080409, within(1e-14));
        assertThat(Distributions.normalUpperQuantile(0.7)).isCloseTo(-0.5244005127080409, within(1e-14));
        assertThat(Distributions.normalUpperQuantile(0.5)).isZero();
    }

    @Test
    void normalTailsAndPValues() {
        assertThat(Distributions.normalCdf(0)).isCloseTo(0.5, within(1e-16));
        assertThat(Distributions.normalUpperTail(1.959963984540054)).isCloseTo(0.025, within(1e-16));
        assertThat(Distributions.normalTwoSidedP(-1.959963984540054)).isCloseTo(0.05, within(1e-15));
        assertThat(Distributions.normalTwoSidedP(0)).isEqualTo(1.0);
    }

    @Test
    void studentCriticalValues() {
        assertThat(Distributions.studentCriticalValue(0.95, 10)).isCloseTo(2.228138851986274, within(1e-13));
        assertThat(Distributions.studentCriticalValue(0.95, 1)).isCloseTo(12.706204736174694, within(1e-11));
        assertThat(Distributions.studentCriticalValue(0.95, 2)).isCloseTo(4.302652729749462, within(1e-13));
        assertThat(Distributions.studentCriticalValue(0.95, 30)).isCloseTo(2.0422724563012378, within(1e-13));
        assertThat(Distributions.studentCriticalValue(0.99, 5)).isCloseTo(4.032142983555228, within(1e-12));
        assertThat(Distributions.studentCriticalValue(0.90, 3.5)).isCloseTo(2.2224334936496004, within(1e-12));
        assertThat(Distributions.studentCriticalValue(0.95, 1000)).isCloseTo(1.9623390808264083, within(1e-13));
        assertThat(Distributions.studentCriticalValue(0.95, Double.POSITIVE_INFINITY))
                .isEqualTo(Distributions.normalCriticalValue(0.95));
    }

    @Test
    void studentTails() {
        assertThat(Distributions.studentUpperTail(2.0, 7)).isCloseTo(0.042809664281488025, within(1e-15));
        assertThat(Distributions.studentUpperTail(0.3, 2.5)).isCloseTo(0.39367118574759863, within(1e-15));
        assertThat(Distributions.studentUpperTail(-0.3, 2.5)).isCloseTo(1 - 0.39367118574759863, within(1e-15));
        assertThat(Distributions.studentTwoSidedP(2.228138851986274, 10)).isCloseTo(0.05, within(1e-14));
    }

    @Test
    void quantileInvertsTheTail() {
        for (double df : new double[] {1.5, 3, 7.25, 40, 1e6}) {
            for (double q : new double[] {1e-9, 0.001, 0.025, 0.2, 0.49}) {
                double t = Distributions.studentUpperQuantile(q, df);
                assertThat(Distributions.studentUpperTail(t, df)).as("df %s q %s", df, q)
                        .isCloseTo(q, within(q * 1e-10));
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Distributions.normalCriticalValue(1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confidence must be in (0, 1), was 1.0");
        assertThatThrownBy(() -> Distributions.normalCriticalValue(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Distributions.studentCriticalValue(0.95, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("degrees of freedom");
        assertThatThrownBy(() -> Distributions.normalUpperQuantile(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cdfLowerQuantilesAndMessagesAtTheEdges() {
        // Φ(1.959963984540054) = 0.975, Φ(−1) = 0.15865525393145707 (SciPy norm.cdf)
        assertThat(Distributions.normalCdf(1.959963984540054)).isCloseTo(0.975, within(1e-15));
        assertThat(Distributions.normalCdf(-1)).isCloseTo(0.15865525393145707, within(1e-15));
        // upper quantiles above 0.5 are negative: t.isf(0.975, 10) = −2.228138851986274, t.isf(0.9, 3.5) =
        // −1.5765766051364052 (SciPy)
        assertThat(Distributions.studentUpperQuantile(0.975, 10)).isCloseTo(-2.228138851986274, within(1e-13));
        assertThat(Distributions.studentUpperQuantile(0.9, 3.5)).isCloseTo(-1.5765766051364052, within(1e-13));
        // q must lie strictly inside (0, 1) and df must be positive, whichever is checked first
        assertThatThrownBy(() -> Distributions.normalUpperQuantile(0)).hasMessage("q must be in (0, 1), was 0.0");
        assertThatThrownBy(() -> Distributions.normalUpperQuantile(1)).hasMessage("q must be in (0, 1), was 1.0");
        assertThatThrownBy(() -> Distributions.studentUpperQuantile(0, 1)).hasMessage("q must be in (0, 1), was 0.0");
        assertThatThrownBy(() -> Distributions.studentUpperQuantile(1, 1)).hasMessage("q must be in (0, 1), was 1.0");
        assertThatThrownBy(() -> Distributions.studentUpperQuantile(0.5, 0))
                .hasMessage("degrees of freedom must be > 0, was 0.0");
        assertThatThrownBy(() -> Distributions.studentUpperQuantile(1.5, -1))
                .hasMessage("degrees of freedom must be > 0, was -1.0");
        assertThatThrownBy(() -> Distributions.studentUpperTail(1, 0)).hasMessage("degrees of freedom must be > 0, was 0.0");
    }
}
