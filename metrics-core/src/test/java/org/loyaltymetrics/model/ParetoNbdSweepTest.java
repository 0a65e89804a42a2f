package org.loyaltymetrics.model;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.internal.ReferenceQuadrature;
import org.loyaltymetrics.internal.SweepTally;

/**
 * Domain sweep of the Pareto/NBD model: {@code logLikelihood}, {@code probabilityAlive},
 * {@code expectedPurchases}, {@code conditionalExpectedPurchases} and {@code probabilityOfPurchases}
 * over r, α, s, β log-spaced from 1e-4 to 1e4, x up to 1e4, tₓ ≤ T up to 1e4 and horizons up to 1e4,
 * against this test's own reference, computed from the model's definition rather than from the
 * library's ₂F₁ form:
 * <pre>
 *   L = Γ(r + x)/Γ(r) αʳ βˢ · [ (α + T)^−(r+x) (β + T)^−s + s ∫_{tₓ}^T (α + u)^−(r+x) (β + u)^−(s+1) du ]
 *   P(alive) = (α + T)^−(r+x) (β + T)^−s / [ … ]      E[X(t)] = r/α ∫₀ᵗ (β/(β + u))ˢ du
 *   E[Y(t) | x, tₓ, T] = P(alive) (r + x)/(α + T) ∫₀ᵗ ((β + T)/(β + T + u))ˢ du
 *   P(X(t) = n) = NB(n; t) (β/(β + t))ˢ + ∫₀ᵗ NB(n; τ) s βˢ (β + τ)^−(s+1) dτ
 * </pre>
 * (alive at T, or dropped out at u between the last purchase and T; E[X(t)] = E[λ ∫₀ᵗ P(alive at u) du]),
 * with Γ(r + x)/Γ(r) as the compensated sum of ln(r + j), j &lt; x, and every integral by
 * {@link ReferenceQuadrature} in log space (each integrand is monotone, or log-concave in ln τ).
 * It counts NaN, infinities, probabilities outside [0, 1], negative expectations, steps against
 * monotonicity (P(alive) falls as T grows and rises with tₓ, expectations grow with t; 1e-13 relative
 * slack for rounding) and exceptions, asserts all are 0, and asserts agreement to 1e-8 relative
 * (for the log-likelihood, 1e-8 of its size plus 1e-14 of the size of its terms, the digits that
 * a double sum of those terms has, plus 1e-11, the reference's quadrature error on the bracket; below
 * the smallest normal double, a value must be 0 or tiny).
 *
 * <p>The default grid (5 values a parameter) runs in seconds; {@code mvn -o -B test -pl metrics-core
 * -Dtest=ParetoNbdSweepTest -Dsweep=release} runs 9 values a parameter and more random examples, a few
 * minutes, for release checks.
 */
class ParetoNbdSweepTest {

    private static final boolean RELEASE = "release".equals(System.getProperty("sweep"));

    private static final double[] PARAMETERS = RELEASE ? new double[] {1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100, 1e3, 1e4}
            : new double[] {1e-4, 1e-2, 1, 100, 1e4};
    private static final double[][] HISTORIES = {{0, 0, 0.01}, {0, 0, 1}, {0, 0, 1e4}, {1, 0.5, 1}, {1, 1e-3, 1e4},
        {1, 1e4, 1e4}, {5, 30, 40}, {30, 1, 1e4}, {100, 50, 100}, {1e4, 9e3, 1e4}, {1e4, 1e4, 1e4}, {1e4, 1, 1e4}};
    private static final double[] HORIZONS = {0, 1, 100, 1e4};

    // ---------------------------------------------------------------- the reference

    /** ln[(α + T)^−m (β + T)^−s + s ∫_{tₓ}^T (α + u)^−m (β + u)^−(s+1) du], m = r + x. */
    static double logBracket(double r, double alpha, double s, double beta, double x, double recency, double age) {
        double m = r + x;
        double logAliveAtAge = -m * Math.log(alpha + age) - s * Math.log(beta + age);
        if (!(age > recency)) {
            return logAliveAtAge;
        }
        // a decreasing integrand
        double logDropped = ReferenceQuadrature.logIntegral(
                u -> -m * Math.log(alpha + u) - (s + 1.0) * Math.log(beta + u), recency, age);
        return ReferenceQuadrature.logSum(logAliveAtAge, Math.log(s) + logDropped);
    }

    /** ln Γ(r + x) − ln Γ(r) = Σ_{j<x} ln(r + j), summed with Neumaier's compensation. */
    static double logRising(double r, long x) {
        double sum = 0.0;
        double compensation = 0.0;
        for (long j = 0; j < x; j++) {
            double term = Math.log(r + j);
            double next = sum + term;
            compensation += Math.abs(sum) >= Math.abs(term) ? (sum - next) + term : (term - next) + sum;
            sum = next;
        }
        return sum + compensation;
    }

    /** ∫₀ᵗ (1 + u/b)^−s du, a decreasing integrand; 0 at t = 0. */
    static double survivalIntegral(double s, double b, double t) {
        if (t == 0.0) {
            return 0.0;
        }
        return Math.exp(ReferenceQuadrature.logIntegral(u -> -s * Math.log1p(u / b), 0.0, t));
    }

    /**
     * P(X(t) = n): alive at t, or dead at τ ≤ t, the second term integrated over τ itself (its integrand is
     * log-concave in ln τ, hence unimodal in τ).
     */
    static double probabilityOfPurchases(double r, double alpha, double s, double beta, long n, double t) {
        double logConstant = logRising(r, n) - logRising(1.0, n);
        double logAlive = logConstant + r * (Math.log(alpha) - Math.log(alpha + t))
                + (n == 0 ? 0.0 : n * (Math.log(t) - Math.log(alpha + t))) + s * (Math.log(beta) - Math.log(beta + t));
        double logDead = ReferenceQuadrature.logIntegral(tau -> logConstant + r * (Math.log(alpha) - Math.log(alpha + tau))
                + (n == 0 ? 0.0 : n * (Math.log(tau) - Math.log(alpha + tau))) + Math.log(s) + s * Math.log(beta)
                - (s + 1.0) * Math.log(beta + tau), 0.0, t);
        return Math.exp(ReferenceQuadrature.logSum(logAlive, logDead));
    }

    // ---------------------------------------------------------------- the sweeps

    @Test
    void everyPredictionAgreesWithTheDefinitionOverTheGrid() {
        SweepTally tally = new SweepTally();
        for (double r : PARAMETERS) {
            for (double alpha : PARAMETERS) {
                for (double s : PARAMETERS) {
                    for (double beta : PARAMETERS) {
                        sweep(tally, r, alpha, s, beta);
                    }
                }
            }
        }
        tally.assertClean("Pareto/NBD grid");
    }

    @Test
    void everyPredictionAgreesWithTheDefinitionAtRandomPoints() {
        SweepTally tally = new SweepTally();
        qt().withExamples(RELEASE ? 3_000 : 60)
                .forAll(doubles().between(-4, 4), doubles().between(-4, 4), doubles().between(-4, 4),
                        doubles().between(-4, 4))
                .checkAssert((r, alpha, s, beta) -> sweep(tally, Math.pow(10, r), Math.pow(10, alpha), Math.pow(10, s),
                        Math.pow(10, beta)));
        tally.assertClean("Pareto/NBD random");
    }

    private static void sweep(SweepTally tally, double r, double alpha, double s, double beta) {
        ParetoNbdModel model = ParetoNbdModel.of(r, alpha, s, beta, ChronoUnit.WEEKS);
        String parameters = "r=" + r + " alpha=" + alpha + " s=" + s + " beta=" + beta;
        // E[X(t)], rising with t
        double previous = 0.0;
        for (double t : HORIZONS) {
            String where = "E[X(" + t + ")] " + parameters;
            Double value = tally.evaluate(() -> model.expectedPurchases(t), where);
            if (value == null) {
                continue;
            }
            tally.range(value, 0.0, Double.MAX_VALUE, where);
            tally.monotone(previous, value, +1, where);
            previous = value;
            tally.compare(value, r / alpha * survivalIntegral(s, beta, t), 0.0, where);
        }
        for (double[] h : HISTORIES) {
            long x = (long) h[0];
            double recency = h[1];
            double age = h[2];
            PurchaseHistory history = PurchaseHistory.of(x, recency, age, ChronoUnit.WEEKS);
            String where = "x=" + x + " tx=" + recency + " T=" + age + " " + parameters;
            double logBracket = logBracket(r, alpha, s, beta, x, recency, age);
            double logRising = logRising(r, x);
            double logLikelihood = logRising + r * Math.log(alpha) + s * Math.log(beta) + logBracket;
            double terms = Math.abs(logRising) + Math.abs(r * Math.log(alpha)) + Math.abs(s * Math.log(beta))
                    + Math.abs(logBracket);
            Double ll = tally.evaluate(() -> model.logLikelihood(history), "LL " + where);
            if (ll != null) {
                // the reference's bracket carries about 1e-12 relative (its quadrature), its terms 1e-16 each
                tally.compare(ll, logLikelihood, 1e-11 + 1e-14 * terms, "LL " + where);
            }
            double logAlive = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age) - logBracket;
            Double alive = tally.evaluate(() -> model.probabilityAlive(history), "P(alive) " + where);
            if (alive != null) {
                tally.range(alive, 0.0, 1.0, "P(alive) " + where);
                tally.compare(alive, Math.exp(logAlive), 1e3 * Double.MIN_NORMAL, "P(alive) " + where);
            }
            double previousConditional = 0.0;
            for (double t : HORIZONS) {
                String at = "E[Y(" + t + ")] " + where;
                Double value = tally.evaluate(() -> model.conditionalExpectedPurchases(t, history), at);
                if (value == null) {
                    continue;
                }
                tally.range(value, 0.0, Double.MAX_VALUE, at);
                tally.monotone(previousConditional, value, +1, at);
                previousConditional = value;
                double scale = (r + x) / (alpha + age) * survivalIntegral(s, beta + age, t);
                tally.compare(value, Math.exp(logAlive) * scale, 1e3 * Double.MIN_NORMAL * Math.max(1.0, scale), at);
            }
        }
        // P(alive) falls as T grows (x, tₓ fixed) and rises with tₓ (x, T fixed)
        for (long x : new long[] {1, 10}) {
            double last = 1.0;
            for (double age : new double[] {1, 2, 10, 100, 1e3, 1e4}) {
                String where = "P(alive) x=" + x + " tx=1 T=" + age + " " + parameters;
                Double value = tally.evaluate(() -> model.probabilityAlive(PurchaseHistory.of(x, 1.0, age,
                        ChronoUnit.WEEKS)), where);
                if (value != null) {
                    tally.monotone(last, value, -1, where);
                    last = value;
                }
            }
            last = 0.0;
            for (double recency : new double[] {0.5, 1, 10, 50, 99, 100}) {
                String where = "P(alive) x=" + x + " tx=" + recency + " T=100 " + parameters;
                Double value = tally.evaluate(() -> model.probabilityAlive(PurchaseHistory.of(x, recency, 100,
                        ChronoUnit.WEEKS)), where);
                if (value != null) {
                    tally.monotone(last, value, +1, where);
                    last = value;
                }
            }
        }
        // P(X(t) = n)
        for (long n : new long[] {0, 1, 10, 100}) {
            for (double t : new double[] {1, 100, 1e4}) {
                String where = "P(X(" + t + ") = " + n + ") " + parameters;
                Double value = tally.evaluate(() -> model.probabilityOfPurchases(n, t), where);
                if (value == null) {
                    continue;
                }
                tally.range(value, 0.0, 1.0, where);
                tally.compare(value, probabilityOfPurchases(r, alpha, s, beta, n, t), 1e3 * Double.MIN_NORMAL, where);
            }
        }
    }
}
