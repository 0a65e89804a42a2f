package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.PurchaseHistory;
import org.quicktheories.core.Gen;

/**
 * The BG/NBD and MBG/NBD predictions over their whole domain, against {@link BetaGeometricReference}
 * (adaptive quadrature and direct sums written for this test, sharing no code with the library):
 * E[X(t)], E[Y(t) | x, tₓ, T], P(alive | x, tₓ, T) and P(X(t) = n) for parameters r, α, a, b log-spaced
 * from 10⁻⁴ to 10⁴, frequencies x up to 10⁴, recencies tₓ ≤ T up to 10⁴ and horizons t up to 10⁴.
 * Every value must be finite and in range (probabilities in [0, 1], expectations between 0 and the
 * no-drop-out mean r t/α, resp. (r + x) t/(α + T)), E[X(t)] and E[Y(t)] must not decrease in t,
 * P(X(t) = 0) must not increase in t, P(alive) must not decrease in tₓ (each by more than 1e-12
 * relative, the rounding of neighbouring values of an expectation that has saturated, computed by
 * different methods; the largest such step is printed, about 2e-13), the probabilities of the counts
 * must sum to 1 where their mass lies within the first 500 counts (2,000 in the release profile), no
 * prediction may throw, and each value must agree with the reference to 1e-8 relative where the
 * reference has the digits (its own error estimate below 1e-10 relative and its value above 10⁻²⁹⁰).
 *
 * <p><b>Profiles.</b> By default (CI) r, a and b each take the values 10⁻⁴, 10⁻², 1, 10², 10⁴ and α the
 * values 10⁻⁴, 1, 10⁴ (375 parameter sets per model), with frequencies 0, 1, 100, 10⁴, ages 1 and 10⁴,
 * recencies 1 %, 50 % and 100 % of the age, horizons 10⁻², 1, 100, 10⁴ and counts 0, 1, 10, 100,
 * 10⁴; a property test adds 600 random points of the whole domain. With {@code -Dsweep=release}
 * ({@code mvn -o -B test -pl metrics-core -Dtest=BetaGeometricDomainSweepTest -Dsweep=release}) every
 * parameter takes every decade from 10⁻⁴ to 10⁴ (6,561 parameter sets per model), with frequencies 0,
 * 1, 10, 100, 10³, 10⁴, ages 10⁻², 1, 100, 10⁴, recencies 10⁻⁴, 1 %, 50 % and 100 % of the age,
 * horizons 10⁻⁴, 10⁻², 1, 100, 10⁴, counts 0, 1, 2, 10, 100, 10³, 10⁴, and the property test draws 20,000
 * random points: about 3.6 million evaluations per model, some 6 minutes of CPU (13 on a shared two-core
 * machine). The CI profile has about 47,000 evaluations per model and takes some 5 to 10 seconds. Each
 * profile prints its counts and the worst relative error by function.
 */
class BetaGeometricDomainSweepTest {

    private static final boolean RELEASE = "release".equals(System.getProperty("sweep"));

    private static final double[] PARAMETERS = RELEASE ? new double[] {1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1e3, 1e4}
            : new double[] {1e-4, 1e-2, 1, 100, 1e4};
    /** α enters the predictions only through t/α and (α + T)/(α + tₓ): three values span them in CI. */
    private static final double[] ALPHAS = RELEASE ? PARAMETERS : new double[] {1e-4, 1, 1e4};
    private static final long[] FREQUENCIES = RELEASE ? new long[] {0, 1, 10, 100, 1000, 10_000}
            : new long[] {0, 1, 100, 10_000};
    private static final double[] AGES = RELEASE ? new double[] {1e-2, 1, 100, 1e4} : new double[] {1, 1e4};
    private static final double[] RECENCY_SHARES = RELEASE ? new double[] {1e-4, 0.01, 0.5, 1.0}
            : new double[] {0.01, 0.5, 1.0};
    private static final double[] HORIZONS = RELEASE ? new double[] {1e-4, 1e-2, 1, 100, 1e4}
            : new double[] {1e-2, 1, 100, 1e4};
    private static final long[] COUNTS = RELEASE ? new long[] {0, 1, 2, 10, 100, 1000, 10_000}
            : new long[] {0, 1, 10, 100, 10_000};
    private static final int SUM_LIMIT = RELEASE ? 2000 : 500;

    /** Where the reference has the digits: its error estimate below this, relative. */
    private static final double REFERENCE_DIGITS = 1e-10;
    /** Agreement asked of the library where the reference has the digits. */
    private static final double AGREEMENT = 1e-8;
    /**
     * A step down smaller than this, relative, is rounding, not a fall: where an expectation has
     * saturated (E[X(t)] of a model with a &gt; 1 at long horizons), neighbouring horizons differ in the
     * last digits only, and the methods chosen by region agree to about 1e-14.
     */
    private static final double MONOTONE_SLACK = 1e-12;

    @Test
    void bgNbdPredictionsAreFiniteInRangeMonotoneAndAgreeWithTheReference() {
        sweep(0).assertCleanAndCompared();
    }

    @Test
    void mbgNbdPredictionsAreFiniteInRangeMonotoneAndAgreeWithTheReference() {
        sweep(1).assertCleanAndCompared();
    }

    @Test
    void theIssuesLargeRExamplesKeepTheirDigits() {
        // issue 10: -111.05 and -170025 before; mpmath (80 digits) with FHL 2005 eq. 9, MBG as b/(a+b) E_BG(b + 1)
        assertRelative(BetaGeometricNbdModel.of(100, 10, 2, 5, ChronoUnit.WEEKS).expectedPurchases(52),
                5.942179650075174444, 1e-12);
        assertRelative(BetaGeometricNbdModel.of(60, 10, 2, 5, ChronoUnit.WEEKS).expectedPurchases(52),
                5.903500255674586025, 1e-12);
        assertRelative(ModifiedBetaGeometricNbdModel.of(100, 10, 1, 1, ChronoUnit.WEEKS).expectedPurchases(52),
                5.827978645169503874, 1e-12);
        // and the conditional expectation, whose updated r + x is larger still (the alive customer's
        // expectation with r + x, α + T, a, b + x + k, times P(alive))
        BetaGeometricNbdModel model = BetaGeometricNbdModel.of(100, 10, 2, 5, ChronoUnit.WEEKS);
        PurchaseHistory history = PurchaseHistory.of(30, 25, 26, ChronoUnit.WEEKS);
        BetaGeometricReference.Value alive = BetaGeometricReference.expectation(130, 52.0 / 36, 2, 35);
        double reference = BetaGeometricReference.probabilityAlive(100, 10, 2, 5, 0, 30, 25, 26) * alive.value();
        assertRelative(model.conditionalExpectedPurchases(52, history), reference, 1e-12);
    }

    @Test
    void theReferenceAndTheLibraryMatchHighPrecisionValuesAtTheCorners() {
        // mpmath (80 digits, maxterms 1e7) with FHL 2005 eq. 9: {r, α, a, b, t, E[X(t)]}
        double[][] values = {
            {0.243, 4.414, 0.793, 2.426, 52, 1.44605059539640374},
            {0.243, 4.414, 0.793, 2.426, 1e6, 53.5404782530145784},
            {1e-4, 1e-4, 1e-4, 1e-4, 1e4, 4991.298270213281638},
            {1e-4, 1e-4, 1e-4, 1e-4, 0.01, 0.005228925807954166090},
            {1e4, 1e-4, 1e4, 1e4, 1e4, 2.000100010001000100},
            {2e4, 1, 1e4, 2e4, 1, 3.000200020002000200},
            {1e-4, 1e4, 1e-4, 2e4, 1e-4, 1.000000000000000071e-12},
            {0.5, 2, 3, 1e-4, 1e4, 0.9859080253537174883},
            {1e-4, 1e-4, 1e4, 1e-4, 1e4, 0.001840372526681169278},
            {1e4, 1e4, 1e4, 1e-4, 1e-4, 0.00009999499966676250737},
        };
        for (double[] v : values) {
            BetaGeometricReference.Value reference = BetaGeometricReference.expectation(v[0], v[4] / v[1], v[2], v[3]);
            assertThat(reference.hasDigits(1e-11)).as("%s", reference).isTrue();
            assertRelative(reference.value(), v[5], 1e-12);
            assertRelative(BetaGeometricNbdModel.of(v[0], v[1], v[2], v[3], ChronoUnit.WEEKS).expectedPurchases(v[4]),
                    v[5], 1e-12);
        }
        // the count probabilities of the CDNOW parameters (mpmath, FHL 2005 eq. 8)
        assertRelative(BetaGeometricReference.probabilityOfPurchases(0.243, 4.414, 0.793, 2.426, 0, 0, 52).value(),
                0.538402714229399847, 1e-13);
        assertRelative(BetaGeometricReference.probabilityOfPurchases(0.243, 4.414, 0.793, 2.426, 0, 3, 52).value(),
                0.0499959857506768837, 1e-13);
        assertRelative(BetaGeometricReference.probabilityAlive(0.243, 4.414, 0.793, 2.426, 0, 221, 103.43, 103.57),
                0.995271941904308945, 1e-14);
    }

    @Test
    void horizonsAndCountsFarBeyondTheGridStayFiniteOrSaySo() {
        // t/α up to the largest double: finite and non-decreasing (a = b = 1: about r (ln t/α)²/2)
        BetaGeometricNbdModel uniform = BetaGeometricNbdModel.of(1e-4, 1, 1, 1, ChronoUnit.WEEKS);
        double previous = 0.0;
        for (double t : new double[] {1e8, 1e100, 1e200, 1e300, 1e306, 1e308, Double.MAX_VALUE}) {
            double expected = uniform.expectedPurchases(t);
            assertThat(expected).as("E[X(%s)]", t).isFinite().isGreaterThanOrEqualTo(previous)
                    .isCloseTo(1e-4 * Math.pow(Math.log(t), 2) / 2, within(0.03 * expected));
            previous = expected;
        }
        // with a > 1 the expectation tends to (a + b − 1)/(a − 1) = 2 (mpmath at t = 1e300: 2 to 80 digits)
        assertRelative(BetaGeometricNbdModel.of(0.5, 1, 3, 2, ChronoUnit.WEEKS).expectedPurchases(1e300), 2.0, 1e-13);
        // where it exceeds a double, the documented exception naming the parameters
        assertThatThrownBy(() -> BetaGeometricNbdModel.of(1e4, 1e-8, 1e-4, 1, ChronoUnit.WEEKS).expectedPurchases(1e300))
                .isInstanceOf(UndefinedResultException.class)
                .hasMessage("the expected purchases exceed the range of a double for r=10000.0, alpha=1.0E-8, a=1.0E-4,"
                        + " b=1.0, t=1.0E300");
        // counts up to Long.MAX_VALUE: P(X(t) = n) <= P(N(t) >= n), which is 0 in doubles far past the mean
        // (the continued fraction of I_z(n, r) threw for n near 10^18 before)
        for (int k = 0; k <= 1; k++) {
            TransactionModel model = model(k, 1e-8, 1, 1e-8, 1e-8);
            assertThat(model.probabilityOfPurchases(Long.MAX_VALUE / 2, 1e-8)).isZero();
            assertThat(model.probabilityOfPurchases(Long.MAX_VALUE, 52)).isZero();
        }
        // ages far beyond the grid: (T − tₓ)/(α + tₓ) overflows, P(alive) is 0, never NaN
        for (int k = 0; k <= 1; k++) {
            TransactionModel model = model(k, 1, 1e-300, 1, 1);
            PurchaseHistory silent = PurchaseHistory.of(3, 0, 1e300, ChronoUnit.WEEKS);
            assertThat(model.probabilityAlive(silent)).isZero();
            assertThat(model.conditionalExpectedPurchases(1e300, silent)).isZero();
            assertThat(model.conditionalExpectedPurchases(1, PurchaseHistory.of(3, 1e300, 1e300, ChronoUnit.WEEKS)))
                    .isPositive().isLessThan(4e-300);
        }
        // Γ(r + n)/(Γ(r) n!) keeps its digits at n = 10^6 (mpmath, 50 digits: 9.31846022481872636e-12)
        assertRelative(BetaGeometricNbdModel.of(0.243, 4.414, 0.793, 2.426, ChronoUnit.WEEKS)
                .probabilityOfPurchases(1_000_000, 1e7), 9.31846022481872636e-12, 1e-8);
    }

    /**
     * Random points of the whole domain (parameters log-uniform in 10⁻⁴..10⁴, x in 0..10⁴, tₓ a uniform
     * share of T, T and t log-uniform in 10⁻⁴..10⁴, n log-uniform in 1..10⁴ or 0), both models: every
     * prediction finite, in range and within 1e-8 of the reference where the reference has the digits.
     */
    @Test
    void randomPointsOfTheDomainAgreeWithTheReference() {
        qt().withFixedSeed(20_260_110L).withExamples(RELEASE ? 20_000 : 600)
                .forAll(logUniform().zip(logUniform(), logUniform(), logUniform(), (r, alpha, a, b) -> new double[] {r,
                    alpha, a, b}), longs().between(0, 10_000).zip(doubles().between(0.0, 1.0), logUniform(),
                        (x, share, age) -> PurchaseHistory.of(x, x == 0 ? 0.0 : share * age, age, ChronoUnit.WEEKS)),
                        logUniform(), doubles().between(-0.5, 4.0).map(e -> e < 0 ? 0L : (long) Math.pow(10, e)))
                .checkAssert((p, history, t, n) -> {
                    for (int k = 0; k <= 1; k++) {
                        Tally tally = new Tally(k == 0 ? "BG/NBD" : "MBG/NBD");
                        pointOf(tally, k, p[0], p[1], p[2], p[3], history, t, n);
                        tally.assertClean();
                    }
                });
    }

    /** 10^u, u uniform in [−4, 4]. */
    private static Gen<Double> logUniform() {
        return doubles().between(-4.0, 4.0).map(u -> Math.pow(10.0, u));
    }

    private static void pointOf(Tally tally, int k, double r, double alpha, double a, double b, PurchaseHistory history,
            double t, long n) {
        TransactionModel model = model(k, r, alpha, a, b);
        String at = String.format(Locale.ROOT, "%s(r=%s, alpha=%s, a=%s, b=%s)", tally.model, r, alpha, a, b);
        long x = history.frequency();
        double age = history.age();
        double recency = history.recency();
        String where = at + ".expectedPurchases(" + t + ")";
        tally.check(where, tally.evaluate(where, () -> model.expectedPurchases(t)), 0.0, r * t / alpha * (1 + 1e-12),
                BetaGeometricReference.expectation(r, t / alpha, a, b, k));
        where = at + ".probabilityOfPurchases(" + n + ", " + t + ")";
        tally.check(where, tally.evaluate(where, () -> model.probabilityOfPurchases(n, t)), 0.0, 1.0,
                BetaGeometricReference.probabilityOfPurchases(r, alpha, a, b, k, n, t));
        double aliveReference = BetaGeometricReference.probabilityAlive(r, alpha, a, b, k, x, recency, age);
        where = at + " for " + history + ": probabilityAlive";
        tally.check(where, tally.evaluate(where, () -> model.probabilityAlive(history)), 0.0, 1.0,
                new BetaGeometricReference.Value(aliveReference, 1e-14 * aliveReference));
        BetaGeometricReference.Value alive = BetaGeometricReference.expectation(r + x, t / (alpha + age), a, b + x + k);
        where = at + " for " + history + ": conditionalExpectedPurchases(" + t + ")";
        tally.check(where, tally.evaluate(where, () -> model.conditionalExpectedPurchases(t, history)), 0.0,
                (r + x) * t / (alpha + age) * (1 + 1e-12), new BetaGeometricReference.Value(aliveReference * alive.value(),
                        aliveReference * alive.error() + 1e-14 * aliveReference * alive.value()));
    }

    private static void assertRelative(double actual, double expected, double relative) {
        assertThat(actual).isCloseTo(expected, within(relative * Math.abs(expected)));
    }

    /** Sweeps the grid for BG/NBD (k = 0) or MBG/NBD (k = 1). */
    static Tally sweep(int k) {
        Tally tally = new Tally(k == 0 ? "BG/NBD" : "MBG/NBD");
        for (double r : PARAMETERS) {
            for (double alpha : ALPHAS) {
                for (double a : PARAMETERS) {
                    for (double b : PARAMETERS) {
                        sweepParameters(tally, k, r, alpha, a, b);
                    }
                }
            }
        }
        System.out.println(tally);
        return tally;
    }

    static TransactionModel model(int k, double r, double alpha, double a, double b) {
        return k == 0 ? BetaGeometricNbdModel.of(r, alpha, a, b, ChronoUnit.WEEKS)
                : ModifiedBetaGeometricNbdModel.of(r, alpha, a, b, ChronoUnit.WEEKS);
    }

    private static void sweepParameters(Tally tally, int k, double r, double alpha, double a, double b) {
        TransactionModel model = model(k, r, alpha, a, b);
        String at = String.format(Locale.ROOT, "%s(r=%s, alpha=%s, a=%s, b=%s)", tally.model, r, alpha, a, b);
        // E[X(t)]
        double previous = 0.0;
        for (double t : HORIZONS) {
            String where = at + ".expectedPurchases(" + t + ")";
            double value = tally.evaluate(where, () -> model.expectedPurchases(t));
            tally.check(where, value, 0.0, r * t / alpha * (1 + 1e-12),
                    BetaGeometricReference.expectation(r, t / alpha, a, b, k));
            tally.monotone(where, previous, value);
            previous = value;
        }
        // P(X(t) = n)
        double previousZero = 1.0;
        for (double t : HORIZONS) {
            for (long n : COUNTS) {
                String where = at + ".probabilityOfPurchases(" + n + ", " + t + ")";
                double value = tally.evaluate(where, () -> model.probabilityOfPurchases(n, t));
                tally.check(where, value, 0.0, 1.0,
                        BetaGeometricReference.probabilityOfPurchases(r, alpha, a, b, k, n, t));
                if (n == 0) {
                    tally.monotone(where, value, previousZero);
                    previousZero = value;
                }
            }
            // where X(t) <= N has no mass beyond the limit worth 1e-12, the probabilities sum to 1
            if (BetaGeometricReference.negativeBinomialTail(r, alpha, t, SUM_LIMIT + 1) < 1e-12) {
                String where = at + ".probabilityOfPurchases(0.." + SUM_LIMIT + ", " + t + ") summed";
                double sum = tally.evaluate(where, () -> {
                    double s = 0.0;
                    for (long n = 0; n <= SUM_LIMIT; n++) {
                        s += model.probabilityOfPurchases(n, t);
                    }
                    return s;
                });
                tally.check(where, sum, 0.0, 1.0 + 1e-10, new BetaGeometricReference.Value(1.0, 0.0));
            }
        }
        // histories
        Map<String, BetaGeometricReference.Value> expectations = new HashMap<>();
        for (long x : FREQUENCIES) {
            for (double age : AGES) {
                double previousAlive = 0.0;
                for (double share : x == 0 ? new double[] {0.0} : RECENCY_SHARES) {
                    PurchaseHistory history = PurchaseHistory.of(x, share * age, age, ChronoUnit.WEEKS);
                    String about = at + " for " + history;
                    double aliveReference = BetaGeometricReference.probabilityAlive(r, alpha, a, b, k, x, share * age,
                            age);
                    double alive = tally.evaluate(about + ": probabilityAlive", () -> model.probabilityAlive(history));
                    tally.check(about + ": probabilityAlive", alive, 0.0, 1.0,
                            new BetaGeometricReference.Value(aliveReference, 1e-14 * aliveReference));
                    tally.monotone(about + ": probabilityAlive (in recency)", previousAlive, alive);
                    previousAlive = alive;
                    double previousExpectation = 0.0;
                    for (double t : HORIZONS) {
                        String where = about + ": conditionalExpectedPurchases(" + t + ")";
                        BetaGeometricReference.Value alive0 = expectations.computeIfAbsent(x + "/" + age + "/" + t,
                                key -> BetaGeometricReference.expectation(r + x, t / (alpha + age), a, b + x + k));
                        BetaGeometricReference.Value reference = new BetaGeometricReference.Value(
                                aliveReference * alive0.value(), aliveReference * alive0.error()
                                        + 1e-14 * aliveReference * alive0.value());
                        double value = tally.evaluate(where, () -> model.conditionalExpectedPurchases(t, history));
                        tally.check(where, value, 0.0, (r + x) * t / (alpha + age) * (1 + 1e-12), reference);
                        tally.monotone(where, previousExpectation, value);
                        previousExpectation = value;
                    }
                }
            }
        }
    }

    /** The counts of one sweep. */
    static final class Tally {

        final String model;
        long evaluations;
        long compared;
        long withoutDigits;
        long nan;
        long infinite;
        long outOfRange;
        long nonMonotone;
        long exceptions;
        long inaccurate;
        double worst;
        String worstAt = "-";
        /** The largest relative step down of a function that must not decrease. */
        double largestStepDown;
        final List<String> examples = new ArrayList<>();
        /** The worst relative error by function. */
        final Map<String, Double> worstByFunction = new java.util.TreeMap<>();
        /** Failures (of any kind) by function. */
        final Map<String, Long> failures = new java.util.TreeMap<>();

        Tally(String model) {
            this.model = model;
        }

        /** Whether the last evaluation threw: its value is then neither checked nor compared. */
        private boolean threw;

        double evaluate(String where, DoubleSupplier function) {
            evaluations++;
            try {
                threw = false;
                return function.getAsDouble();
            } catch (RuntimeException e) {
                threw = true;
                exceptions++;
                example(where + " threw " + e);
                return Double.NaN;
            }
        }

        void check(String where, double value, double low, double high, BetaGeometricReference.Value reference) {
            if (threw) {
                return;
            }
            if (Double.isNaN(value)) {
                nan++;
                example(where + " is NaN");
                return;
            }
            if (Double.isInfinite(value)) {
                infinite++;
                example(where + " is " + value);
                return;
            }
            if (!(value >= low && value <= high)) {
                outOfRange++;
                example(where + " = " + value + " is outside [" + low + ", " + high + "]");
            }
            double expected = reference.value();
            if (!reference.hasDigits(REFERENCE_DIGITS) || Math.abs(expected) < 1e-290) {
                if (Math.abs(expected) < 1e-290 && reference.hasDigits(REFERENCE_DIGITS) && Math.abs(value) < 1e-280) {
                    compared++;
                } else {
                    withoutDigits++;
                }
                return;
            }
            compared++;
            double error = Math.abs(value - expected) / Math.abs(expected);
            worstByFunction.merge(function(where), error, Math::max);
            if (error > worst) {
                worst = error;
                worstAt = where + " = " + value + ", reference " + expected;
            }
            if (error > AGREEMENT) {
                inaccurate++;
                example(where + " = " + value + ", reference " + expected + " ± " + reference.error()
                        + String.format(Locale.ROOT, " (relative error %.2e)", error));
            }
        }

        /** Counts a step from {@code before} down to {@code after}: they must not decrease. */
        void monotone(String where, double before, double after) {
            if (threw || !(after < before)) {
                return;
            }
            largestStepDown = Math.max(largestStepDown, (before - after) / before);
            if (after < before * (1.0 - MONOTONE_SLACK)) {
                nonMonotone++;
                example(where + " = " + after + " falls below " + before);
            }
        }

        private static String function(String where) {
            for (String name : new String[] {"conditionalExpectedPurchases", "expectedPurchases", "probabilityAlive",
                "probabilityOfPurchases"}) {
                if (where.contains(name)) {
                    return where.contains("summed") ? name + " summed" : name;
                }
            }
            return "?";
        }

        private void example(String text) {
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(
                    "(conditionalExpectedPurchases|expectedPurchases|probabilityAlive|probabilityOfPurchases)").matcher(text);
            failures.merge(matcher.find() ? matcher.group(1) : "?", 1L, Long::sum);
            if (examples.size() < 25) {
                examples.add(text);
            }
        }

        void assertClean() {
            assertThat(examples).as(toString()).isEmpty();
            assertThat(new long[] {nan, infinite, outOfRange, nonMonotone, exceptions, inaccurate}).as(toString())
                    .containsOnly(0L);
        }

        /** {@link #assertClean()}, and the reference has the digits almost everywhere: the comparison is not vacuous. */
        void assertCleanAndCompared() {
            assertClean();
            assertThat(compared).as(toString()).isGreaterThan(19 * withoutDigits);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s sweep%s: %d evaluations, %d compared (%d where the reference lacks"
                    + " the digits), %d NaN, %d infinite, %d out of range, %d non-monotone, %d exceptions, %d off by"
                    + " more than %.0e; worst relative error %.2e at %s; largest relative step down %.1e", model,
                    RELEASE ? " (release)" : "", evaluations, compared, withoutDigits, nan, infinite, outOfRange,
                    nonMonotone, exceptions, inaccurate, AGREEMENT, worst, worstAt, largestStepDown) + "; worst by function " + worstByFunction.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.1e",
                    e.getKey(), e.getValue())).collect(java.util.stream.Collectors.joining(", "))
                    + (failures.isEmpty() ? "" : "; failures by function " + failures);
        }
    }
}
