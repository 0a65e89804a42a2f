package org.loyaltymetrics.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;

class ChurnRateTest {

    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

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

    @Test
    void overPeriodsOfNoChurnIsPositiveZero() {
        // a rate of -0.0 passes the range check; the result was -0.0 (isEqualTo compares as Double.equals)
        assertThat(ChurnRate.overPeriods(-0.0, 12)).isEqualTo(0.0);
        assertThat(ChurnRate.overPeriods(0.0, 12)).isEqualTo(0.0);
        assertThat(ChurnRate.overPeriods(-0.0, Double.MIN_VALUE)).isEqualTo(0.0);
        assertThat(ChurnRate.overPeriods(Double.MIN_VALUE, Double.MIN_VALUE)).isEqualTo(0.0);
    }

    /**
     * A sweep of overPeriods: rates from 0 (and -0.0) through subnormals to 1, periods from 1e-300 to
     * 1e300 and every whole number to 200. Every result must be in [0, 1], never NaN or -0.0, non-decreasing
     * in the periods and in the rate, and for whole periods equal to 1 - (1 - rate)^n computed with
     * BigDecimal arithmetic (40 digits more than the rate needs) to 1e-12 relative.
     */
    @Test
    void overPeriodsSweep() {
        double[] rates = new double[75];
        rates[0] = -0.0;
        rates[1] = Double.MIN_VALUE;
        rates[2] = Double.MIN_NORMAL;
        for (int i = 3; i < 73; i++) {
            rates[i] = Math.pow(10, -300 + 300.0 * (i - 3) / 69); // 1e-300 .. 1
        }
        rates[73] = Math.nextDown(1.0);
        rates[74] = 1.0;
        java.util.Arrays.sort(rates); // -0.0 first
        double[] periods = new double[121 + 200];
        for (int i = 0; i <= 120; i++) {
            periods[i] = Math.pow(10, -300 + 5.0 * i); // 1e-300 .. 1e300
        }
        for (int n = 1; n <= 200; n++) {
            periods[120 + n] = n;
        }
        java.util.Arrays.sort(periods);
        int outOfRange = 0;
        int nonMonotone = 0;
        int inaccurate = 0;
        double[] previousByPeriod = new double[periods.length];
        java.util.Arrays.fill(previousByPeriod, -1);
        for (double rate : rates) {
            // 40 digits beyond those that 1 - rate needs to hold the rate
            MathContext context = new MathContext(40 + (int) Math.max(0, -Math.log10(Math.max(rate, 1e-320))));
            BigDecimal kept = BigDecimal.ONE.subtract(new BigDecimal(rate), context);
            double previous = -1;
            for (int j = 0; j < periods.length; j++) {
                double result = ChurnRate.overPeriods(rate, periods[j]);
                if (!(result >= 0 && result <= 1) || Double.doubleToRawLongBits(result) == NEGATIVE_ZERO) {
                    outOfRange++;
                }
                if (result < previous || result < previousByPeriod[j]) {
                    nonMonotone++;
                }
                previous = result;
                previousByPeriod[j] = result;
                double n = periods[j];
                if (n == Math.rint(n) && n <= 200 && rate > 0) {
                    double reference = BigDecimal.ONE.subtract(kept.pow((int) n, context), context).doubleValue();
                    if (Math.abs(result - reference) > 1e-12 * reference) {
                        inaccurate++;
                    }
                }
            }
        }
        assertThat(outOfRange).as("results out of [0, 1], NaN or -0.0").isZero();
        assertThat(nonMonotone).as("results decreasing in the periods or the rate").isZero();
        assertThat(inaccurate).as("results off the BigDecimal reference by more than 1e-12").isZero();
    }

    @Test
    void expectedLifetimeOfARateTooSmallForAFiniteLifetimeThrowsNamingTheRate() {
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                () -> ChurnRate.expectedLifetime(Double.MIN_VALUE));
        assertThat(e.argument()).isEqualTo("rate");
        assertThat(e).hasMessage("rate must be 0 or at least 5.56268464626801E-309 for the expected lifetime 1 / rate "
                + "to be a finite double, was 4.9E-324");
        // the smallest rate with a finite lifetime, and every rate of a sweep from it to 1
        double smallest = Math.nextUp(1.0 / Double.MAX_VALUE);
        assertThat(ChurnRate.expectedLifetime(smallest)).isFinite().isPositive();
        assertThatThrownBy(() -> ChurnRate.expectedLifetime(Math.nextDown(smallest)))
                .isInstanceOf(InvalidArgumentException.class);
        int failures = 0;
        for (int i = 0; i <= 3080; i++) {
            double rate = Math.pow(10, -308 + 0.1 * i);
            if (rate > 1) {
                break;
            }
            double lifetime = ChurnRate.expectedLifetime(rate);
            if (!(lifetime >= 1 && lifetime < Double.POSITIVE_INFINITY) || lifetime != 1 / rate) {
                failures++;
            }
        }
        assertThat(failures).isZero();
        for (double subnormal : new double[] {Double.MIN_VALUE, 1e-320, Math.nextDown(1.0 / Double.MAX_VALUE) / 2}) {
            assertThatThrownBy(() -> ChurnRate.expectedLifetime(subnormal))
                    .isInstanceOf(InvalidArgumentException.class);
        }
    }
}
