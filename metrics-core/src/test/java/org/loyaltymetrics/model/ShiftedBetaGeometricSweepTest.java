package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.ReferenceQuadrature;
import org.loyaltymetrics.internal.SweepTally;

/**
 * Domain sweep of the sBG model's discounted expected residual lifetime and discounted expected lifetime
 * over α, β log-spaced from 1e-4 to 1e4, renewals up to 1e4 and discount rates from 1e-10 to 1e4, against
 * this test's own reference: with θ ~ beta(α, β + n − 1) the churn probability of a customer who has
 * renewed n − 1 times, DERL = E[Σₖ (1 − θ)^(k+1) (1 + d)^(−k)] = E[(1 + d)(1 − θ)/(d + θ)], the ratio of
 * ∫ θ^(α−1) (1 − θ)^(β+n−1) (1 + d)/(d + θ) dθ to ∫ θ^(α−1) (1 − θ)^(β+n−2) dθ, each split at θ = 1/2 and
 * integrated by {@link ReferenceQuadrature} in u = −ln θ and v = −ln(1 − θ) (log-concave or monotone
 * integrands), with their power-law tails in closed form. It counts NaN, infinities, negative values,
 * steps against monotonicity (DERL falls as d grows and grows with the renewals) and exceptions,
 * asserts 0 of each and agreement to 1e-8.
 *
 * <p>The default grid runs in a few seconds; {@code -Dsweep=release} runs a denser grid and more random
 * examples.
 */
class ShiftedBetaGeometricSweepTest {

    private static final boolean RELEASE = "release".equals(System.getProperty("sweep"));
    private static final double[] SHAPES = RELEASE ? new double[] {1e-4, 1e-3, 1e-2, 0.1, 0.5, 1, 2, 10, 100, 1e3, 1e4}
            : new double[] {1e-4, 1e-2, 0.5, 1, 3, 100, 1e4};
    private static final long[] RENEWALS = {0, 1, 10, 100, 10_000};
    private static final double[] RATES = {1e-10, 1e-6, 1e-3, 0.1, 1, 100, 1e4};

    /**
     * ln ∫₀¹ θ^(α−1) (1 − θ)^(b−1) (1 + d)/(d + θ) dθ, or without the last factor when {@code discounted} is
     * false.
     */
    static double logIntegral(double alpha, double b, double d, boolean discounted) {
        double half = Math.log(2.0);
        double weight = discounted ? Math.log1p(d) : 0.0;
        // θ = e^(−u) ≤ 1/2: −α u + (b − 1) ln(1 − e^(−u)) [− ln(d + e^(−u))], tail beyond U where e^(−U) is
        // negligible against d and 1/(b − 1): e^(−αU)/α [/d]
        double end = Math.max(half + 1.0, Math.log(Math.max(Math.abs(b - 1.0), 1.0)) + 42.0
                + (discounted ? Math.max(0.0, -Math.log(d)) : 0.0));
        double left = ReferenceQuadrature.logIntegral(u -> -alpha * u + (b - 1.0) * Math.log(-Math.expm1(-u))
                - (discounted ? Math.log(d + Math.exp(-u)) : 0.0), half, end);
        left = ReferenceQuadrature.logSum(left, -alpha * end - Math.log(alpha) - (discounted ? Math.log(d) : 0.0));
        // 1 − θ = e^(−v) ≤ 1/2: (α − 1) ln(1 − e^(−v)) − b v [− ln(d + 1 − e^(−v))], tail e^(−bV)/b [/(1 + d)]
        double far = half + Math.log(Math.max(Math.abs(alpha - 1.0), 1.0)) + 42.0;
        double right = ReferenceQuadrature.logIntegral(v -> (alpha - 1.0) * Math.log(-Math.expm1(-v)) - b * v
                - (discounted ? Math.log(d - Math.expm1(-v)) : 0.0), half, far);
        right = ReferenceQuadrature.logSum(right, -b * far - Math.log(b) - (discounted ? Math.log1p(d) : 0.0));
        return weight + ReferenceQuadrature.logSum(left, right);
    }

    /** The reference DERL(d | renewals). */
    static double residualLifetime(double alpha, double beta, long renewals, double d) {
        double b = beta + renewals; // β + n − 1
        return Math.exp(logIntegral(alpha, b + 1.0, d, true) - logIntegral(alpha, b, d, false));
    }

    @Test
    void residualLifetimeAgreesWithItsIntegralOverTheGrid() {
        SweepTally tally = new SweepTally();
        for (double alpha : SHAPES) {
            for (double beta : SHAPES) {
                ShiftedBetaGeometricModel model = ShiftedBetaGeometricModel.of(alpha, beta);
                for (long renewals : RENEWALS) {
                    double previous = Double.POSITIVE_INFINITY;
                    for (double d : RATES) {
                        Double value = point(tally, model, alpha, beta, renewals, d);
                        if (value != null) {
                            tally.monotone(previous, value, -1, "DERL falling in d alpha=" + alpha + " beta=" + beta
                                    + " renewals=" + renewals + " d=" + d);
                            previous = value;
                        }
                    }
                }
                for (double d : RATES) {
                    double previous = 0.0;
                    for (long renewals : RENEWALS) {
                        String where = "DERL rising in renewals alpha=" + alpha + " beta=" + beta + " renewals="
                                + renewals + " d=" + d;
                        Double value = tally.evaluate(() -> model.discountedExpectedResidualLifetime(renewals, d), where);
                        if (value != null) {
                            tally.monotone(previous, value, +1, where);
                            previous = value;
                        }
                    }
                    String where = "DEL alpha=" + alpha + " beta=" + beta + " d=" + d;
                    Double lifetime = tally.evaluate(() -> model.discountedExpectedLifetime(d), where);
                    if (lifetime != null) {
                        tally.range(lifetime, 1.0, Double.MAX_VALUE, where);
                        tally.compare(lifetime, 1.0 + residualLifetime(alpha, beta, 0, d) / (1.0 + d), 0.0, where);
                    }
                }
            }
        }
        tally.assertClean("sBG DERL grid");
    }

    @Test
    void residualLifetimeAgreesWithItsIntegralAtRandomPoints() {
        SweepTally tally = new SweepTally();
        qt().withExamples(RELEASE ? 10_000 : 300)
                .forAll(doubles().between(-4, 4), doubles().between(-4, 4), longs().between(0, 10_000),
                        doubles().between(-10, 4))
                .checkAssert((alpha, beta, renewals, d) -> point(tally, ShiftedBetaGeometricModel.of(Math.pow(10, alpha),
                        Math.pow(10, beta)), Math.pow(10, alpha), Math.pow(10, beta), renewals, Math.pow(10, d)));
        tally.assertClean("sBG DERL random");
    }

    private static Double point(SweepTally tally, ShiftedBetaGeometricModel model, double alpha, double beta,
            long renewals, double d) {
        String where = "DERL alpha=" + alpha + " beta=" + beta + " renewals=" + renewals + " d=" + d;
        Double value = tally.evaluate(() -> model.discountedExpectedResidualLifetime(renewals, d), where);
        if (value != null) {
            tally.range(value, 0.0, Double.MAX_VALUE, where);
            tally.compare(value, residualLifetime(alpha, beta, renewals, d), 0.0, where);
        }
        return value;
    }

    @Test
    void aLifetimeBeyondTheRangeOfADoubleThrowsTheDocumentedException() {
        // α < 1: DERL grows like d^(α−1) as d → 0; at the smallest double it exceeds 1e308
        ShiftedBetaGeometricModel model = ShiftedBetaGeometricModel.of(1e-4, 1.0);
        assertThat(model.discountedExpectedResidualLifetime(0, 1e-300)).isFinite().isGreaterThan(1e290);
        assertThatThrownBy(() -> model.discountedExpectedResidualLifetime(0, Double.MIN_VALUE))
                .isInstanceOf(UndefinedResultException.class).hasMessageContaining("alpha=1.0E-4")
                .hasMessageContaining("discountRate=4.9E-324");
        assertThatThrownBy(() -> model.discountedExpectedLifetime(Double.MIN_VALUE))
                .isInstanceOf(UndefinedResultException.class);
        // the case: α = β = 1e-4 and a tiny discount rate threw ArithmeticException
        assertThat(ShiftedBetaGeometricModel.of(1e-4, 1e-4).discountedExpectedResidualLifetime(0, 1e-10))
                .isCloseTo(residualLifetime(1e-4, 1e-4, 0, 1e-10), org.assertj.core.api.Assertions.withinPercentage(1e-6));
    }
}
