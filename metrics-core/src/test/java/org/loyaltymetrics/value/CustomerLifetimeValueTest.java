package org.loyaltymetrics.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.value.CustomerLifetimeValue.Definition;

class CustomerLifetimeValueTest {

    @Test
    void saasLtvOfTheIssue() {
        // ARPA 100, churn 5 % -> 100 / 0.05 = 2,000 (revenue LTV, gross margin 1).
        CustomerLifetimeValue ltv = CustomerLifetimeValue.saas(100, 1.0, 0.05);
        assertThat(ltv.value()).isCloseTo(2000.0, within(1e-9));
        assertThat(ltv.definition()).isEqualTo(Definition.SAAS);
        assertThat(ltv.toString()).isEqualTo("CLV (SAAS) 2000.00 = ARPA 100.00 × gross margin 1 / churn 0.05");
        assertThat(CustomerLifetimeValue.saas(100, 0.8, 0.05).value()).isCloseTo(1600.0, within(1e-9));
        assertThat(ltv.ltvToCacRatio(500)).isCloseTo(4.0, within(1e-12));
        assertThatThrownBy(() -> CustomerLifetimeValue.saas(100, 1.0, 0.0)).isInstanceOf(UndefinedResultException.class)
                .hasMessageContaining("churn rate of 0");
        assertThatThrownBy(() -> CustomerLifetimeValue.saas(100, 1.0, 1.5)).hasMessage("churnRate must be in [0.0, 1.0], was 1.5");
        assertThatThrownBy(() -> CustomerLifetimeValue.saas(100, 1.2, 0.1)).hasMessage("grossMargin must be in [0.0, 1.0], was 1.2");
        assertThatThrownBy(() -> CustomerLifetimeValue.saas(-1, 1, 0.1)).hasMessage("averageRevenuePerAccount must be finite and >= 0, was -1.0");
        assertThatThrownBy(() -> ltv.ltvToCacRatio(0)).hasMessage("acquisitionCost must be finite and > 0, was 0.0");
    }

    @Test
    void cacPayback() {
        // CAC 600 repaid by 100 × 0.8 = 80 a month: 7.5 months.
        assertThat(CustomerLifetimeValue.cacPaybackMonths(600, 100, 0.8)).isEqualTo(7.5);
        assertThatThrownBy(() -> CustomerLifetimeValue.cacPaybackMonths(600, 0, 0.8)).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> CustomerLifetimeValue.cacPaybackMonths(-1, 100, 0.8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retentionBasedInfiniteAndFinite() {
        // m = 100, r = 0.8, d = 0.1: 100 × 0.8 / 0.3 = 266.667; over 3 periods with q = 0.8/1.1:
        // 100 (q + q² + q³) = 164.0872 (numpy).
        CustomerLifetimeValue infinite = CustomerLifetimeValue.retention(100, 0.8, 0.1);
        assertThat(infinite.value()).isCloseTo(266.6666666666667, within(1e-9));
        CustomerLifetimeValue three = CustomerLifetimeValue.retention(100, 0.8, 0.1, 3);
        assertThat(three.value()).isCloseTo(164.08715251690458, within(1e-9));
        assertThat(three.definition()).isEqualTo(Definition.RETENTION_FINITE);
        assertThat(CustomerLifetimeValue.retention(100, 0.8, 0.1, 2000).value()).isCloseTo(infinite.value(), within(1e-9));
        // q = 1 (r = 1, d = 0): the finite sum is m N; the infinite one diverges.
        assertThat(CustomerLifetimeValue.retention(50, 1.0, 0.0, 12).value()).isEqualTo(600.0);
        assertThatThrownBy(() -> CustomerLifetimeValue.retention(50, 1.0, 0.0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("discountRate must be > retentionRate - 1 = 0.0 for the infinite sum to converge, was 0.0");
        assertThatThrownBy(() -> CustomerLifetimeValue.retention(50, 0.9, -0.2)).hasMessageContaining("to converge");
        assertThatThrownBy(() -> CustomerLifetimeValue.retention(50, 0.9, -1.0)).hasMessage("discountRate must be finite and > -1, was -1.0");
        assertThatThrownBy(() -> CustomerLifetimeValue.retention(50, 1.1, 0.1)).hasMessage("retentionRate must be in [0.0, 1.0], was 1.1");
        assertThatThrownBy(() -> CustomerLifetimeValue.retention(50, 0.5, 0.1, 0)).hasMessage("periods must be >= 1, was 0");
        // the argument of each range error is the input's name, for callers that point at their own fields
        assertThat(catchThrowableOfType(() -> CustomerLifetimeValue.retention(50, 1.0, 0.0), InvalidArgumentException.class)
                .argument()).isEqualTo("discountRate");
        assertThat(catchThrowableOfType(() -> CustomerLifetimeValue.saas(100, 1.0, 1.5), InvalidArgumentException.class)
                .argument()).isEqualTo("churnRate");
        assertThat(CustomerLifetimeValue.retention(100, 0.0, 0.1, 5).value()).isZero();

        // Acquisition cost subtracted (the customer-experience metrics guide).
        CustomerLifetimeValue net = infinite.minusAcquisitionCost(66.6666666666667);
        assertThat(net.value()).isCloseTo(200.0, within(1e-9));
        assertThat(net.grossValue()).isEqualTo(infinite.grossValue());
        assertThat(net.acquisitionCost()).isEqualTo(66.6666666666667);
        assertThat(net.toString()).isEqualTo("CLV (RETENTION) 200.00 = 266.67 - acquisition cost 66.67; margin 100.00 per "
                + "period, retention 0.8, discount 0.1, infinite horizon");
        assertThat(net).isNotEqualTo(infinite).isEqualTo(infinite.minusAcquisitionCost(66.6666666666667))
                .hasSameHashCodeAs(infinite.minusAcquisitionCost(66.6666666666667));
        assertThatThrownBy(() -> infinite.minusAcquisitionCost(-5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void simple() {
        // 50 × 4 a year × 3 years × 0.3 = 180.
        assertThat(CustomerLifetimeValue.simple(50, 4, 3, 0.3).value()).isCloseTo(180.0, within(1e-9));
        assertThat(CustomerLifetimeValue.simple(50, 4, 3).value()).isEqualTo(600.0);
        assertThat(CustomerLifetimeValue.simple(50, 4, 3).toString())
                .isEqualTo("CLV (SIMPLE) 600.00 = AOV 50.00 × 4 purchases per period × 3 periods × margin 1");
        assertThatThrownBy(() -> CustomerLifetimeValue.simple(50, -4, 3)).hasMessage("purchasesPerPeriod must be finite and >= 0, was -4.0");
        assertThatThrownBy(() -> CustomerLifetimeValue.simple(50, 4, 3, 2)).hasMessage("marginRate must be in [0.0, 1.0], was 2.0");
    }

    @Test
    void theFiniteFormulaChecksItsInputsTooAndEquality() {
        assertThatThrownBy(() -> CustomerLifetimeValue.retention(50, 1.1, 0.1, 3))
                .hasMessage("retentionRate must be in [0.0, 1.0], was 1.1");
        assertThatThrownBy(() -> CustomerLifetimeValue.retention(50, 0.9, -1.0, 3))
                .hasMessage("discountRate must be finite and > -1, was -1.0");
        assertThatThrownBy(() -> CustomerLifetimeValue.retention(50, 0.9, Double.POSITIVE_INFINITY))
                .hasMessage("discountRate must be finite and > -1, was Infinity");
        CustomerLifetimeValue infinite = CustomerLifetimeValue.retention(100, 0.8, 0.1);
        // 100 × 0.8 / 0.3
        assertThat(infinite.grossValue()).isCloseTo(266.6666666666667, within(1e-9));
        assertThat(infinite.minusAcquisitionCost(66).grossValue()).isCloseTo(266.6666666666667, within(1e-9));
        CustomerLifetimeValue finite = CustomerLifetimeValue.retention(100, 0.8, 0.1, 3);
        assertThat(infinite).isNotEqualTo(finite).isNotEqualTo(CustomerLifetimeValue.retention(100, 0.8, 0.2))
                .isNotEqualTo("266.67");
        assertThat(infinite.hashCode()).isNotEqualTo(CustomerLifetimeValue.retention(100, 0.8, 0.2).hashCode())
                .isNotEqualTo(infinite.minusAcquisitionCost(66).hashCode());
    }

    @Test
    void theSimpleValueOfNothingIsPositiveZero() {
        // -0.0 passes the checks of non-negative inputs; the product was -0.0 (isEqualTo compares as Double.equals)
        assertThat(CustomerLifetimeValue.simple(-0.0, 4, 3).value()).isEqualTo(0.0);
        assertThat(CustomerLifetimeValue.simple(50, -0.0, 3, 0.3).grossValue()).isEqualTo(0.0);
        assertThat(CustomerLifetimeValue.simple(50, 4, -0.0, 0.3).value()).isEqualTo(0.0);
        assertThat(CustomerLifetimeValue.simple(50, 4, 3, -0.0).value()).isEqualTo(0.0);
        assertThat(CustomerLifetimeValue.simple(-0.0, 4, 3).minusAcquisitionCost(-0.0).value()).isEqualTo(0.0);
    }

    /**
     * A sweep of the simple CLV over inputs from -0.0 and subnormals to 1e300: every value is finite and
     * &gt;= +0.0 and equals the product of the inputs (computed with BigDecimal, to 1e-15 relative, so that
     * a partial product that overflows or underflows, such as 1e300 × 1e10 before × 1e-300, fails), or
     * the whole product overflows a double and the documented InvalidArgumentException is thrown.
     */
    @Test
    void simpleSweep() {
        double[] inputs = {-0.0, 0.0, Double.MIN_VALUE, 1e-300, 1e-10, 0.3, 4, 1e10, 1e100, 1e300};
        double[] margins = {-0.0, Double.MIN_VALUE, 0.3, 1};
        java.math.MathContext digits = java.math.MathContext.DECIMAL128;
        java.math.BigDecimal[] exact = new java.math.BigDecimal[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            exact[i] = new java.math.BigDecimal(inputs[i], digits);
        }
        java.math.BigDecimal[] exactMargins = new java.math.BigDecimal[margins.length];
        for (int i = 0; i < margins.length; i++) {
            exactMargins[i] = new java.math.BigDecimal(margins[i], digits);
        }
        int failures = 0;
        for (int a = 0; a < inputs.length; a++) {
            for (int f = 0; f < inputs.length; f++) {
                for (int l = 0; l < inputs.length; l++) {
                    for (int m = 0; m < margins.length; m++) {
                        double reference = exact[a].multiply(exact[f], digits).multiply(exact[l], digits)
                                .multiply(exactMargins[m], digits).doubleValue();
                        try {
                            double value = CustomerLifetimeValue.simple(inputs[a], inputs[f], inputs[l], margins[m])
                                    .value();
                            boolean positiveZeroOrMore = value > 0 || Double.doubleToRawLongBits(value) == 0L;
                            if (!positiveZeroOrMore || !Double.isFinite(value)
                                    || Math.abs(value - reference) > 1e-15 * reference + Double.MIN_VALUE * 4) {
                                failures++;
                            }
                        } catch (InvalidArgumentException overflow) {
                            if (reference < Double.MAX_VALUE * 0.999999) {
                                failures++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(failures).isZero();
        assertThatThrownBy(() -> CustomerLifetimeValue.simple(1e200, 1e200, 1))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("the lifetime value must be a finite number, was Infinity");
        assertThat(CustomerLifetimeValue.simple(1e300, 1e10, 1e-300).value()).isCloseTo(1e10, within(1e-5));
        assertThat(CustomerLifetimeValue.simple(1e-300, 1e-300, 1e300, 1).value()).isCloseTo(1e-300, within(1e-315));
    }
}
