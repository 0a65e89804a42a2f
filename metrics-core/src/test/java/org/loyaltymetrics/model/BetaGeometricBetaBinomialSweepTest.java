package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.OpportunityHistory;

/**
 * A domain sweep of the BG/BB model's figures against an independent reference written here, sharing no
 * code with the library: every beta function ratio as the product of its rational factors,
 * <pre>
 *   A(x, m) = B(α + x, β + m − x)/B(α, β) = Πₖ₌₀ˣ⁻¹ (1 − β/(α + β + k)) · Πₖ₌₀ᵐ⁻ˣ⁻¹ (1 − (α + x)/(α + β + x + k)),
 *   S(j) = B(γ, δ + j)/B(γ, δ) = Πₖ₌₀ʲ⁻¹ (1 − γ/(γ + δ + k)),   D(j) = S(j) · γ/(γ + δ + j),
 * </pre>
 * accumulated as sums of log1p in compensated (Neumaier) summation, and every sum over opportunities
 * (the likelihood, P(X(n) = x), the survival sums) added term by term in log space: no special
 * function, no closed form, no Euler–Maclaurin tail, no early stop.
 *
 * <p>The grid: α, β, γ, δ on every other decade from 1e-4 to 1e4 (625 points) plus 150 points drawn
 * log-uniformly from that box (seeded); histories with n up to 10⁴ and 0 ≤ x ≤ tₓ ≤ n; horizons n* up
 * to 10⁴. Each figure is compared with the reference to 1e-8 relative (the log-likelihood to 1e-8
 * absolute) where the reference is a normal double (above 1e-290; below, the figure must be below
 * 1e-280 too), and counted: NaN, infinite, out of range (probabilities outside [0, 1], expectations
 * outside [0, n*]), non-monotone (an expectation that falls as the horizon grows), exception, and
 * beyond tolerance. Every count must be 0.
 *
 * <p>The default run takes a few seconds. {@code -Dsweep=release} runs the release profile: every decade
 * (6,561 grid points), 3,000 random points and more histories and horizons, a few minutes. The whole
 * sweep runs under {@code assertTimeoutPreemptively}, only as a guard against a hang (a sum that never
 * ends), far above its running time.
 */
class BetaGeometricBetaBinomialSweepTest {

    private static final boolean RELEASE = "release".equals(System.getProperty("sweep"));
    private static final double TOLERANCE = 1e-8;
    /** Below this a reference value has lost its digits to the range of doubles. */
    private static final double NORMAL = 1e-290;

    private static final long[][] HISTORIES = {
        {0, 0, 1}, {1, 1, 1}, {0, 0, 2}, {1, 1, 2}, {1, 2, 2}, {2, 2, 2}, {3, 4, 6}, {0, 0, 1000}, {1, 1, 1000},
        {1, 1000, 1000}, {500, 700, 1000}, {1000, 1000, 1000}, {0, 0, 10_000}, {1, 1, 10_000}, {37, 5000, 10_000},
        {10_000, 10_000, 10_000}};
    private static final long[][] RELEASE_HISTORIES = {
        {0, 0, 5}, {2, 3, 5}, {5, 5, 5}, {1, 1, 100}, {50, 99, 100}, {999, 1000, 1000}, {2, 3000, 3000},
        {5000, 9000, 10_000}, {9999, 9999, 10_000}, {1, 10_000, 10_000}};
    private static final long[] HORIZONS = {1, 2, 10, 100, 1000, 1001, 1500, 10_000};
    private static final long[] RELEASE_HORIZONS = {3, 999, 1002, 1024, 2048, 5000};
    private static final long[][] COUNTS = {
        {0, 1}, {1, 1}, {0, 10}, {3, 10}, {10, 10}, {0, 1000}, {1, 1000}, {500, 1000}, {1000, 1000}, {0, 10_000},
        {37, 10_000}, {10_000, 10_000}};
    private static final long[][] RELEASE_COUNTS = {{2, 5}, {1, 3000}, {2999, 3000}, {9000, 10_000}};
    private static final long[] NEW_CUSTOMER_HORIZONS = {1, 2, 10, 1000, 1001, 1500, 10_000};

    @Test
    void everyFigureMatchesTheReferenceOverTheWholeGrid() {
        List<double[]> points = new ArrayList<>();
        double[] decades = RELEASE ? new double[] {1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1e3, 1e4}
                : new double[] {1e-4, 1e-2, 1, 100, 1e4};
        for (double a : decades) {
            for (double b : decades) {
                for (double g : decades) {
                    for (double d : decades) {
                        points.add(new double[] {a, b, g, d});
                    }
                }
            }
        }
        SplittableRandom random = new SplittableRandom(20_251_010);
        for (int i = 0; i < (RELEASE ? 3000 : 150); i++) {
            points.add(new double[] {logUniform(random), logUniform(random), logUniform(random), logUniform(random)});
        }
        List<long[]> histories = new ArrayList<>(List.of(HISTORIES));
        List<long[]> counts = new ArrayList<>(List.of(COUNTS));
        long[] horizons = HORIZONS;
        if (RELEASE) {
            histories.addAll(List.of(RELEASE_HISTORIES));
            counts.addAll(List.of(RELEASE_COUNTS));
            horizons = java.util.stream.LongStream.concat(java.util.stream.LongStream.of(HORIZONS),
                    java.util.stream.LongStream.of(RELEASE_HORIZONS)).sorted().toArray();
        }
        long[] sortedHorizons = horizons;
        Tally tally = assertTimeoutPreemptively(Duration.ofMinutes(RELEASE ? 60 : 10), () -> {
            Tally t = new Tally();
            for (double[] p : points) {
                sweep(p, histories, counts, sortedHorizons, t);
            }
            return t;
        });
        System.out.println(tally);
        assertThat(tally.problems).as(tally.toString()).isEmpty();
        assertThat(tally.nan + tally.infinite + tally.outOfRange + tally.nonMonotone + tally.exceptions
                + tally.inaccurate).isZero();
        assertThat(tally.compared).isGreaterThan(points.size() * 100L);
    }

    /** The points of the issue: NaN at α = β = δ = 1e-4, γ = 1e4; a hang at γ = 1 with a far horizon. */
    @Test
    void theReportedPointsAreFiniteAndMatchTheReference() {
        BetaGeometricBetaBinomialModel model = BetaGeometricBetaBinomialModel.of(1e-4, 1e-4, 1e4, 1e-4);
        Reference reference = new Reference(1e-4, 1e-4, 1e4, 1e-4, 1001);
        OpportunityHistory history = OpportunityHistory.of(1, 1000, 1000);
        double[] figures = reference.figures(1, 1000, 1000, new long[] {1});
        assertThat(figures[2]).isGreaterThan(NORMAL);
        assertThat(model.conditionalExpectedPurchases(1, history)).isCloseTo(figures[2], within(TOLERANCE * figures[2]));
        assertThat(model.probabilityAlive(history)).isCloseTo(figures[1], within(1e-12));
        BetaGeometricBetaBinomialModel gammaOne = BetaGeometricBetaBinomialModel.of(0.5, 2, 1, 3);
        OpportunityHistory donor = OpportunityHistory.of(3, 4, 6);
        double[] far = assertTimeoutPreemptively(Duration.ofMinutes(1), () -> new double[] {
            gammaOne.expectedPurchases(Long.MAX_VALUE / 2), gammaOne.conditionalExpectedPurchases(Long.MAX_VALUE / 2, donor),
            gammaOne.conditionalExpectedPurchases(1_000_000_000_000L, donor)});
        // at γ = 1: E[X(n)] = α/(α + β) δ (ψ(δ + n + 1) − ψ(δ + 1)) ≈ 0.2 · 3 (ln(n) − ψ(4)) for large n
        double digammaFour = 1.0 + 0.5 + 1.0 / 3.0 - 0.5772156649015329;
        assertThat(far[0]).isCloseTo(0.2 * 3 * (Math.log(Long.MAX_VALUE / 2.0) - digammaFour), within(1e-12));
        assertThat(far[1]).isFinite().isGreaterThan(far[2]);
    }

    /**
     * Histories of up to a million opportunities and horizons up to 10¹⁸, where the sums take their
     * Euler–Maclaurin tails and closed forms over most of their range, against the reference's direct
     * sums (up to a million terms) and, beyond, for finiteness, range and monotony.
     */
    @Test
    void longHistoriesAndFarHorizons() {
        double[][] points = {{1e-4, 1e-4, 1e-4, 1e-4}, {0.5, 2, 1, 3}, {1e-3, 10, 1e-3, 1e3}, {2, 1e4, 0.3, 1e4},
            {1e4, 1e-4, 1e-4, 1e4}, {1.2, 0.75, 0.66, 2.8}, {0.01, 0.02, 1.0000001, 0.5}, {0.01, 0.02, 0.995, 0.5}};
        long[][] histories = {{0, 0, 1_000_000}, {1, 1, 1_000_000}, {3, 200_000, 1_000_000}, {2000, 500_000, 1_000_000}};
        for (double[] p : points) {
            BetaGeometricBetaBinomialModel model = BetaGeometricBetaBinomialModel.of(p[0], p[1], p[2], p[3]);
            Reference reference = new Reference(p[0], p[1], p[2], p[3], 1_000_001);
            for (long[] h : histories) {
                OpportunityHistory history = OpportunityHistory.of(h[0], h[1], h[2]);
                String where = Reference.describe(p) + " " + history;
                assertThat(model.logLikelihood(history)).as(where)
                        .isCloseTo(reference.logLikelihood(h[0], h[1], h[2]), within(TOLERANCE));
                double previous = 0.0;
                for (long horizon : new long[] {1, 1000, 10_000, 1_000_000_000L, 1L << 40, 1_000_000_000_000_000_000L}) {
                    double value = model.conditionalExpectedPurchases(horizon, history);
                    assertThat(value).as(where + " n* = " + horizon).isFinite().isBetween(previous, (double) horizon);
                    previous = value;
                }
            }
            double[] expected = reference.expectedPurchases(new long[] {1_000_000});
            assertThat(model.expectedPurchases(1_000_000)).as(Reference.describe(p))
                    .isCloseTo(expected[0], within(TOLERANCE * expected[0]));
            double count = reference.probabilityOfPurchases(2, 300_000);
            assertThat(model.probabilityOfPurchases(2, 300_000)).as(Reference.describe(p))
                    .isCloseTo(count, within(count > NORMAL ? TOLERANCE * count : 1e-280));
            double atLongMax = model.expectedPurchases(Long.MAX_VALUE);
            assertThat(atLongMax).isFinite().isGreaterThanOrEqualTo(model.expectedPurchases(Long.MAX_VALUE / 2));
            assertThat(model.probabilityOfPurchases(1, Long.MAX_VALUE)).isBetween(0.0, 1.0);
            assertThat(model.logLikelihood(OpportunityHistory.of(1, 1, Long.MAX_VALUE))).isFinite().isNegative();
        }
    }

    /**
     * P(X(n) = x) over millions of opportunities where its terms first rise by hundreds of orders of
     * magnitude (many transactions, a small transaction probability), so that the Euler–Maclaurin tail
     * integrates a rising piece and a falling one, against the reference's direct sums.
     */
    @Test
    void countProbabilitiesWhoseTermsRiseSteeply() {
        double[][] points = {{300, 1e6, 0.5, 1e3}, {1, 1e6, 1e-4, 1e4}};
        long[][] counts = {{930, 2_000_000}, {300, 2_000_000}, {50, 1_500_000}};
        for (double[] p : points) {
            BetaGeometricBetaBinomialModel model = BetaGeometricBetaBinomialModel.of(p[0], p[1], p[2], p[3]);
            Reference reference = new Reference(p[0], p[1], p[2], p[3], 2_000_001);
            for (long[] c : counts) {
                double expected = reference.probabilityOfPurchases(c[0], c[1]);
                assertThat(expected).isGreaterThan(NORMAL);
                assertThat(model.probabilityOfPurchases(c[0], c[1])).as(Reference.describe(p) + " x = " + c[0])
                        .isCloseTo(expected, within(TOLERANCE * expected));
            }
        }
        // far beyond: α/x is the limit of P(X(n) = x) for a tiny α, a huge β and long lives (p ~ beta(α, β)
        // has a tail α p^(α−1), whose binomial integral is 1/x); the reported point gave 1.0
        BetaGeometricBetaBinomialModel rare = BetaGeometricBetaBinomialModel.of(1.3e-6, 6.2e7, 8.3e-4, 1.7e6);
        assertThat(rare.probabilityOfPurchases(930, 4_263_618_977_632L)).isCloseTo(1.3e-6 / 930, within(1e-10));
        assertThat(rare.probabilityOfPurchases(930, 10_000_000)).isLessThan(1e-280);
    }

    private static double logUniform(SplittableRandom random) {
        return Math.pow(10.0, random.nextDouble(-4.0, 4.0));
    }

    private static void sweep(double[] p, List<long[]> histories, List<long[]> counts, long[] horizons, Tally tally) {
        BetaGeometricBetaBinomialModel model = BetaGeometricBetaBinomialModel.of(p[0], p[1], p[2], p[3]);
        Reference reference = new Reference(p[0], p[1], p[2], p[3], 20_001);
        String point = Reference.describe(p);
        for (long[] h : histories) {
            OpportunityHistory history = OpportunityHistory.of(h[0], h[1], h[2]);
            String where = point + " " + history;
            double[] figures = reference.figures(h[0], h[1], h[2], horizons);
            tally.check(where + " ln L", () -> model.logLikelihood(history), Double.NEGATIVE_INFINITY, 0.0, figures[0],
                    true);
            tally.check(where + " P(alive)", () -> model.probabilityAlive(history), 0.0, 1.0, figures[1], false);
            double previous = 0.0;
            for (int i = 0; i < horizons.length; i++) {
                long horizon = horizons[i];
                double value = tally.check(where + " E[X(n, n + " + horizon + ")]",
                        () -> model.conditionalExpectedPurchases(horizon, history), 0.0, horizon, figures[2 + i], false);
                if (value < previous) {
                    tally.problem("non-monotone", where + " E[X(n, n + " + horizon + ")] = " + value + " < " + previous);
                    tally.nonMonotone++;
                }
                previous = Double.isNaN(value) ? previous : value;
            }
        }
        double[] expected = reference.expectedPurchases(NEW_CUSTOMER_HORIZONS);
        double previous = 0.0;
        for (int i = 0; i < NEW_CUSTOMER_HORIZONS.length; i++) {
            long n = NEW_CUSTOMER_HORIZONS[i];
            double value = tally.check(point + " E[X(" + n + ")]", () -> model.expectedPurchases(n), 0.0, n,
                    expected[i], false);
            if (value < previous) {
                tally.problem("non-monotone", point + " E[X(" + n + ")] = " + value + " < " + previous);
                tally.nonMonotone++;
            }
            previous = Double.isNaN(value) ? previous : value;
        }
        for (long[] c : counts) {
            tally.check(point + " P(X(" + c[1] + ") = " + c[0] + ")", () -> model.probabilityOfPurchases(c[0], c[1]),
                    0.0, 1.0, reference.probabilityOfPurchases(c[0], c[1]), false);
        }
        // the probabilities of 0..10 transactions in 10 opportunities add up to 1 (to 1e-10: with γ and δ
        // near 1e4, each ln B(·,·) near −1.4e4 carries an absolute rounding error near 1e-12)
        double total = 0.0;
        for (int x = 0; x <= 10; x++) {
            total += model.probabilityOfPurchases(x, 10);
        }
        if (!(Math.abs(total - 1.0) <= 1e-10)) {
            tally.problem("inaccurate", point + " Σ P(X(10) = x) = " + total);
            tally.inaccurate++;
        }
    }

    /** Counts of each kind of failure, with the first few examples. */
    private static final class Tally {
        long compared;
        long nan;
        long infinite;
        long outOfRange;
        long nonMonotone;
        long exceptions;
        long inaccurate;
        double worstRelativeError;
        String worstAt = "";
        final List<String> problems = new ArrayList<>();

        void problem(String kind, String what) {
            if (problems.size() < 20) {
                problems.add(kind + ": " + what);
            }
        }

        /**
         * Evaluates a figure, checks it is a number in [low, high] and compares it with the reference:
         * absolutely (a logarithm) or relatively where the reference is a normal double.
         */
        double check(String what, java.util.function.DoubleSupplier figure, double low, double high, double reference,
                boolean logarithm) {
            double value;
            try {
                value = figure.getAsDouble();
            } catch (RuntimeException e) {
                exceptions++;
                problem("exception", what + ": " + e);
                return Double.NaN;
            }
            compared++;
            if (Double.isNaN(value)) {
                nan++;
                problem("NaN", what);
                return value;
            }
            if (Double.isInfinite(value)) {
                infinite++;
                problem("infinite", what + " = " + value);
                return value;
            }
            if (value < low || value > high) {
                outOfRange++;
                problem("out of range", what + " = " + value + " outside [" + low + ", " + high + "]");
            }
            double error;
            if (logarithm) {
                error = Math.abs(value - reference);
            } else if (reference > NORMAL) {
                error = Math.abs(value - reference) / reference;
            } else {
                error = value <= 1e-280 ? 0.0 : Double.POSITIVE_INFINITY;
            }
            if (error > worstRelativeError) {
                worstRelativeError = error;
                worstAt = what;
            }
            if (!(error <= TOLERANCE)) {
                inaccurate++;
                problem("inaccurate", what + " = " + value + ", reference " + reference);
            }
            return value;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "BG/BB sweep (%s): %d figures compared; NaN %d, infinite %d, out of range %d,"
                    + " non-monotone %d, exceptions %d, beyond 1e-8 %d; worst error %.3g at %s; first problems %s",
                    RELEASE ? "release" : "default", compared, nan, infinite, outOfRange, nonMonotone, exceptions,
                    inaccurate, worstRelativeError, worstAt, problems);
        }
    }

    /**
     * The reference: products of rational factors in log space, summed term by term (see the class
     * comment). Independent of the library's code. Each factor 1 − d/q, with its deficit d and
     * denominator q exact inputs, is taken as log1p(−d/q) where d/q &lt; 1/2 and as ln((q − d)/q) with
     * q − d formed from its own terms otherwise, so that no factor loses digits to cancellation.
     */
    static final class Reference {

        final double alpha;
        final double beta;
        final double gamma;
        final double delta;
        /** ln S(j) for j = 0..(its length − 1). */
        private final double[] logS;

        Reference(double alpha, double beta, double gamma, double delta, long last) {
            this.alpha = alpha;
            this.beta = beta;
            this.gamma = gamma;
            this.delta = delta;
            logS = new double[(int) last + 1];
            CompensatedSum sum = new CompensatedSum();
            for (int j = 1; j <= last; j++) {
                sum.add(logFactor(delta + (j - 1), gamma, gamma + delta + (j - 1)));
                logS[j] = sum.value();
            }
        }

        static String describe(double[] p) {
            return String.format(Locale.ROOT, "(α, β, γ, δ) = (%.6g, %.6g, %.6g, %.6g)", p[0], p[1], p[2], p[3]);
        }

        /** ln(1 − deficit/denominator) = ln(rest/denominator), rest = denominator − deficit formed exactly. */
        static double logFactor(double rest, double deficit, double denominator) {
            double share = deficit / denominator;
            return share < 0.5 ? Math.log1p(-share) : Math.log(rest / denominator);
        }

        /** ln A(x, m) for m = x..last (index m). */
        double[] logTransactions(long x, long last) {
            double[] log = new double[(int) last + 1];
            CompensatedSum sum = new CompensatedSum();
            for (int k = 0; k < x; k++) {
                sum.add(logFactor(alpha + k, beta, alpha + beta + k));
            }
            log[(int) x] = sum.value();
            for (long m = x; m < last; m++) {
                sum.add(logFactor(beta + (m - x), alpha + x, alpha + beta + m));
                log[(int) m + 1] = sum.value();
            }
            return log;
        }

        /** ln D(m) = ln S(m) + ln(γ/(γ + δ + m)). */
        private double logDropout(long m) {
            return logS[(int) m] + Math.log(gamma / (gamma + delta + m));
        }

        double logLikelihood(long x, long recency, long n) {
            return logLikelihood(x, recency, n, logTransactions(x, n));
        }

        private double logLikelihood(long x, long recency, long n, double[] logA) {
            double[] terms = new double[(int) (n - recency) + 1];
            terms[0] = logA[(int) n] + logS[(int) n];
            for (long m = recency; m < n; m++) {
                terms[(int) (m - recency) + 1] = logA[(int) m] + logDropout(m);
            }
            return logSumExp(terms);
        }

        /** {ln L, P(alive), E[X(n, n + n*) | x, tₓ, n] for each horizon n* (ascending)}. */
        double[] figures(long x, long recency, long n, long[] horizons) {
            double[] logA = logTransactions(x, n);
            double logL = logLikelihood(x, recency, n, logA);
            double[] result = new double[2 + horizons.length];
            result[0] = logL;
            result[1] = Math.exp(logA[(int) n] + logS[(int) n + 1] - logL);
            double logFactor = logA[(int) n] + Math.log((alpha + x) / (alpha + beta + n)) - logL;
            CompensatedSum sum = new CompensatedSum();
            double logFirst = logS[(int) n + 1];
            int next = 0;
            for (long t = n + 1; next < horizons.length; t++) {
                sum.add(Math.exp(logS[(int) t] - logFirst));
                while (next < horizons.length && t == n + horizons[next]) {
                    result[2 + next++] = Math.exp(logFactor + logFirst + Math.log(sum.value()));
                }
            }
            return result;
        }

        /** E[X(n)] for each n (ascending). */
        double[] expectedPurchases(long[] ns) {
            double[] result = new double[ns.length];
            CompensatedSum sum = new CompensatedSum();
            int next = 0;
            for (long t = 1; next < ns.length; t++) {
                sum.add(Math.exp(logS[(int) t] - logS[1]));
                while (next < ns.length && t == ns[next]) {
                    result[next++] = alpha / (alpha + beta) * Math.exp(logS[1] + Math.log(sum.value()));
                }
            }
            return result;
        }

        /** P(X(n) = x) = C(n, x) A(x, n) S(n) + Σᵢ₌ₓⁿ⁻¹ C(i, x) A(x, i) D(i). */
        double probabilityOfPurchases(long x, long n) {
            double[] logA = logTransactions(x, n);
            double[] terms = new double[(int) (n - x) + 1];
            CompensatedSum logChoose = new CompensatedSum();
            for (long i = x; i <= n; i++) {
                if (i > x) {
                    logChoose.add(Math.log1p(x / (double) (i - x)));
                }
                double common = logChoose.value() + logA[(int) i];
                terms[(int) (i - x)] = i == n ? common + logS[(int) n] : common + logDropout(i);
            }
            return Math.exp(logSumExp(terms));
        }

        private static double logSumExp(double[] terms) {
            double max = Double.NEGATIVE_INFINITY;
            for (double term : terms) {
                max = Math.max(max, term);
            }
            CompensatedSum sum = new CompensatedSum();
            for (double term : terms) {
                sum.add(Math.exp(term - max));
            }
            return max + Math.log(sum.value());
        }
    }

    /** Neumaier's compensated summation. */
    private static final class CompensatedSum {
        private double sum;
        private double compensation;

        void add(double value) {
            double t = sum + value;
            compensation += Math.abs(sum) >= Math.abs(value) ? (sum - t) + value : (value - t) + sum;
            sum = t;
        }

        double value() {
            return sum + compensation;
        }
    }
}
