package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.SpendHistory;
import org.loyaltymetrics.internal.ReferenceQuadrature;
import org.loyaltymetrics.internal.SweepTally;

/**
 * Domain sweep of the Gamma-Gamma model: {@code conditionalExpectedAverageSpend}, {@code logLikelihood}
 * and {@code populationMeanSpend} over p, q, v log-spaced from 1e-4 to 1e4, x up to 1e4 and mean spends
 * from 1e-4 to 1e8, against this test's own reference, the model's integrals over the customer's rate ν
 * (prior gamma(q, v), posterior gamma(px + q, v + x z̄)) evaluated by {@link ReferenceQuadrature}:
 * <pre>
 *   E[Z | x, z̄] = p E[1/ν | x, z̄] = p I(px + q − 1)/I(px + q),   I(k) = ∫₀^∞ ν^(k−1) e^(−(v + x z̄) ν) dν
 *   ln f(z̄ | x) = px ln x + (px − 1) ln z̄ + q ln v − ln Γ(px) − ln Γ(q) + ln I(px + q)
 * </pre>
 * with ln Γ(a) itself the integral I(a) at rate 1, and the population mean p E[1/ν] under the prior. Where
 * the mean does not exist (px + q ≤ 1, or q ≤ 1 for the population mean) the documented
 * {@link UndefinedResultException} is expected, and any other outcome counts as an exception. The
 * expectation must grow with z̄ (its weight on the customer's own mean is positive). The log-likelihood
 * is compared to 1e-8 of its size plus 1e-14 of the size of its terms (px ln x reaches 1e9, whose
 * double sum carries 1e-7) plus 1e-11 (the reference's quadrature).
 *
 * <p>The default grid runs in a few seconds; {@code -Dsweep=release} runs a denser grid and more random
 * examples.
 */
class GammaGammaSweepTest {

    private static final boolean RELEASE = "release".equals(System.getProperty("sweep"));
    private static final double[] PARAMETERS = RELEASE ? new double[] {1e-4, 1e-3, 1e-2, 0.1, 0.5, 1, 1.5, 10, 100, 1e3, 1e4}
            : new double[] {1e-4, 1e-2, 0.5, 1, 1.5, 100, 1e4};
    private static final long[] FREQUENCIES = {1, 2, 10, 100, 10_000};
    private static final double[] MEAN_SPENDS = {1e-4, 1e-2, 1, 35.5, 1e4, 1e8};

    /**
     * ln I(k) at rate b: ln ∫ e^(k y − b e^y) dy over y = ln ν, written about its maximum y* = ln(k/b) as
     * k (ln k − 1) − k ln b + ln ∫ exp(−k (e^d − 1 − d)) dd (a concave log-integrand, computed without
     * the cancellation of k y against b e^y); the left tail beyond k e^d &lt; 1e-20 is e^(k + k d)/k.
     */
    static double logGammaIntegral(double k, double logRate) {
        double left = Math.log(1e-20 / k);
        double right = Math.max(1.0, Math.log(2.0 + 1000.0 / k));
        double body = ReferenceQuadrature.logIntegral(d -> -k * (Math.expm1(d) - d), left, right);
        double tail = k + k * left - Math.log(k);
        return k * (Math.log(k) - 1.0) - k * logRate + ReferenceQuadrature.logSum(body, tail);
    }

    /**
     * E[1/ν] for ν ~ gamma(k, rate b), k &gt; 1: I(k − 1)/I(k) at rate b, both integrals written about the
     * maximum y* = ln(k/b) of the second, (b/k) ∫ exp(−k (e^d − 1 − d) − d) dd / ∫ exp(−k (e^d − 1 − d)) dd,
     * so that no large constant (k ln k) enters the ratio; the left tails beyond k e^d &lt; 1e-20 are
     * e^(k + (k − 1) d)/(k − 1) and e^(k + k d)/k.
     */
    static double inverseMean(double k, double logRate) {
        double left = Math.log(1e-20 / k);
        double right = Math.max(1.0, Math.log(2.0 + 1000.0 / k));
        double numerator = ReferenceQuadrature.logSum(
                ReferenceQuadrature.logIntegral(d -> -k * (Math.expm1(d) - d) - d, left, right),
                k + (k - 1.0) * left - Math.log(k - 1.0));
        double denominator = ReferenceQuadrature.logSum(
                ReferenceQuadrature.logIntegral(d -> -k * (Math.expm1(d) - d), left, right), k + k * left - Math.log(k));
        return Math.exp(logRate - Math.log(k) + numerator - denominator);
    }

    /** ln(v + x z̄) without overflow. */
    static double logRate(double v, long x, double z) {
        return ReferenceQuadrature.logSum(Math.log(v), Math.log(x) + Math.log(z));
    }

    @Test
    void everyFigureAgreesWithItsIntegralOverTheGrid() {
        SweepTally tally = new SweepTally();
        for (double p : PARAMETERS) {
            for (double q : PARAMETERS) {
                for (double v : PARAMETERS) {
                    sweep(tally, p, q, v);
                }
            }
        }
        tally.assertClean("Gamma-Gamma grid");
    }

    @Test
    void everyFigureAgreesWithItsIntegralAtRandomPoints() {
        SweepTally tally = new SweepTally();
        qt().withExamples(RELEASE ? 20_000 : 500)
                .forAll(doubles().between(-4, 4).zip(doubles().between(-4, 4), (p, q) -> new double[] {p, q}),
                        doubles().between(-4, 4), longs().between(1, 10_000), doubles().between(-4, 8))
                .checkAssert((pq, v, x, z) -> {
                    double p = Math.pow(10, pq[0]);
                    double q = Math.pow(10, pq[1]);
                    point(tally, p, q, Math.pow(10, v), x, Math.pow(10, z), GammaGammaModel.of(p, q, Math.pow(10, v)));
                });
        tally.assertClean("Gamma-Gamma random");
    }

    private static void sweep(SweepTally tally, double p, double q, double v) {
        GammaGammaModel model = GammaGammaModel.of(p, q, v);
        String parameters = "p=" + p + " q=" + q + " v=" + v;
        // the population mean, defined for q > 1
        if (q > 1.0) {
            Double mean = tally.evaluate(model::populationMeanSpend, "E[Z] " + parameters);
            if (mean != null) {
                tally.range(mean, 0.0, Double.MAX_VALUE, "E[Z] " + parameters);
                tally.compare(mean, p * inverseMean(q, Math.log(v)), 0.0, "E[Z] " + parameters);
            }
        } else {
            expectUndefined(tally, model::populationMeanSpend, "E[Z] " + parameters);
        }
        for (long x : FREQUENCIES) {
            double previous = 0.0;
            for (double z : MEAN_SPENDS) {
                Double expected = point(tally, p, q, v, x, z, model);
                if (expected != null) {
                    tally.monotone(previous, expected, +1, "E[Z | x, z] rising in z " + parameters);
                    previous = expected;
                }
            }
        }
    }

    /** Checks one customer; returns the expected spend where it is defined and computed. */
    private static Double point(SweepTally tally, double p, double q, double v, long x, double z, GammaGammaModel model) {
        SpendHistory spend = SpendHistory.of(x, z);
        String where = "x=" + x + " z=" + z + " p=" + p + " q=" + q + " v=" + v;
        double logRate = logRate(v, x, z);
        double px = p * x;
        Double expected = null;
        if (px + q > 1.0 && px + q - 1.0 > 1e-12 * (px + q)) {
            expected = tally.evaluate(() -> model.conditionalExpectedAverageSpend(spend), "E[Z | x, z] " + where);
            if (expected != null) {
                tally.range(expected, 0.0, Double.MAX_VALUE, "E[Z | x, z] " + where);
                tally.compare(expected, p * inverseMean(px + q, logRate), 0.0, "E[Z | x, z] " + where);
            }
        } else if (px + q <= 1.0) {
            expectUndefined(tally, () -> model.conditionalExpectedAverageSpend(spend), "E[Z | x, z] " + where);
        }
        double logGammaPx = logGammaIntegral(px, 0.0);
        double logGammaQ = logGammaIntegral(q, 0.0);
        double logIntegral = logGammaIntegral(px + q, logRate);
        double reference = px * Math.log(x) + (px - 1.0) * Math.log(z) + q * Math.log(v) - logGammaPx - logGammaQ
                + logIntegral;
        double terms = Math.abs(px * Math.log(x)) + Math.abs((px - 1.0) * Math.log(z)) + Math.abs(q * Math.log(v))
                + Math.abs(logGammaPx) + Math.abs(logGammaQ) + Math.abs(logIntegral);
        Double ll = tally.evaluate(() -> model.logLikelihood(spend), "LL " + where);
        if (ll != null) {
            tally.compare(ll, reference, 1e-11 + 1e-14 * terms, "LL " + where);
        }
        return expected;
    }

    private static void expectUndefined(SweepTally tally, java.util.function.DoubleSupplier figure, String where) {
        tally.points++;
        try {
            double value = figure.getAsDouble();
            tally.exceptions++;
            tally.note("no UndefinedResultException but " + value + " at " + where);
        } catch (UndefinedResultException expected) {
            // documented: the mean is infinite
        } catch (RuntimeException e) {
            tally.exceptions++;
            tally.note(e + " at " + where);
        }
    }

    @Test
    void extremeSpendsAndParametersGiveFiniteFiguresOrTheDocumentedException() {
        GammaGammaModel model = GammaGammaModel.of(6.25, 3.74, 15.44);
        // x z̄ overflows a double: the figures still come from their logarithms
        SpendHistory huge = SpendHistory.of(10_000, 1e308);
        assertThat(model.logLikelihood(huge)).isFinite().isNegative();
        // p (v + x z̄)/(px + q − 1) = 6.25 · (15.44 + 1e312)/(62500 + 2.74)
        assertThat(model.conditionalExpectedAverageSpend(huge)).isFinite()
                .isCloseTo(1e308 / 62502.74 * 62500, org.assertj.core.api.Assertions.withinPercentage(1e-10));
        SpendHistory tiny = SpendHistory.of(1, Double.MIN_VALUE);
        assertThat(model.logLikelihood(tiny)).isFinite();
        assertThat(model.conditionalExpectedAverageSpend(tiny)).isFinite().isPositive();
        // px + q − 1 within rounding of 0: px + q = 1 + 2^-53 rounds to 1, but formed with one rounding
        // px + q − 1 is 2^-53, not 0 (which would call the mean infinite)
        GammaGammaModel edge = GammaGammaModel.of(0.25, 0.75 + 0x1p-53, 1.0);
        assertThat(edge.conditionalExpectedAverageSpend(SpendHistory.of(1, 1.0))).isEqualTo(0.25 * 2.0 * 0x1p53);
        // beyond the range of a double: the documented exception, naming the parameters
        assertThatThrownBy(() -> GammaGammaModel.of(1e300, 1.5, 1e300).populationMeanSpend())
                .isInstanceOf(UndefinedResultException.class).hasMessageContaining("p=1.0E300");
        assertThatThrownBy(() -> GammaGammaModel.of(0.25, 0.75 + 0x1p-52, 1e300)
                .conditionalExpectedAverageSpend(SpendHistory.of(1, 1e300)))
                .isInstanceOf(UndefinedResultException.class).hasMessageContaining("exceeds the range");
    }
}
