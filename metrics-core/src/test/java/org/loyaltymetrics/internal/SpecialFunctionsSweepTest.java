package org.loyaltymetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Domain sweeps of {@link SpecialFunctions#regularizedBeta} and of ₂F₁(1, b; b + e; z)
 * ({@link SpecialFunctions#hypergeometric2F1OneExcess}, its logarithm and the three-argument
 * {@link SpecialFunctions#hypergeometric2F1One}) against this test's own reference: the defining integrals
 * evaluated by {@link ReferenceQuadrature} in log space, which shares no code with the library. Each
 * sweep counts NaN, infinities, values out of range, steps against monotonicity (beyond 1e-13
 * relative, rounding) and exceptions, and asserts all are 0, and that every value agrees with the
 * reference to 1e-8 relative (the reference has about 13 digits; values below the smallest normal
 * double must be 0 or subnormal).
 *
 * <p>The default grids run in a few seconds; {@code mvn -o -B test -pl metrics-core
 * -Dtest=SpecialFunctionsSweepTest -Dsweep=release} runs denser grids and more random examples (a
 * minute or so), for release checks.
 */
class SpecialFunctionsSweepTest {

    private static final boolean RELEASE = "release".equals(System.getProperty("sweep"));
    private static final double MONOTONE_SLACK = 1e-13;

    // ---------------------------------------------------------------- the reference of I_x(a, b)

    /** ln ∫₀ˣ t^(a−1) (1 − t)^(b−1) dt with y = 1 − x, split at t = 1/2. */
    static double logLowerBeta(double a, double b, double x, double y) {
        if (x <= 0.5) {
            return logLeftBeta(a, b, -Math.log(x));
        }
        return ReferenceQuadrature.logSum(logLeftBeta(a, b, Math.log(2.0)), logRightBeta(a, b, -Math.log(y)));
    }

    /**
     * ∫ over t = e^(−u) ≤ e^(−u₀): ∫_{u₀}^∞ exp(−a u + (b − 1) ln(1 − e^(−u))) du, whose log-integrand is
     * concave for b ≥ 1 and decreasing for b &lt; 1; beyond U, where |b − 1| e^(−U) &lt; 1e-18, the tail is
     * e^(−aU)/a.
     */
    private static double logLeftBeta(double a, double b, double u0) {
        double end = Math.max(u0 + 1.0, Math.log(Math.max(Math.abs(b - 1.0), 1e-300)) + 42.0);
        double body = ReferenceQuadrature.logIntegral(u -> -a * u + (b - 1.0) * Math.log(-Math.expm1(-u)), u0, end);
        return ReferenceQuadrature.logSum(body, -a * end - Math.log(a));
    }

    /** ∫ over t from 1/2 to 1 − e^(−v₁): ∫_{ln 2}^{v₁} exp(−b v + (a − 1) ln(1 − e^(−v))) dv. */
    private static double logRightBeta(double a, double b, double v1) {
        double from = Math.log(2.0);
        if (!(v1 > from)) {
            return Double.NEGATIVE_INFINITY;
        }
        return ReferenceQuadrature.logIntegral(v -> -b * v + (a - 1.0) * Math.log(-Math.expm1(-v)), from, v1);
    }

    /** The reference I_x(a, b) = lower/(lower + upper), each side relative to itself. */
    static double referenceBeta(double x, double y, double a, double b) {
        double lower = logLowerBeta(a, b, x, y);
        double upper = logLowerBeta(b, a, y, x);
        return 1.0 / (1.0 + Math.exp(upper - lower));
    }

    /** ln of the reference, to test results below the smallest normal double. */
    static double logReferenceBeta(double x, double y, double a, double b) {
        double lower = logLowerBeta(a, b, x, y);
        double upper = logLowerBeta(b, a, y, x);
        return lower - ReferenceQuadrature.logSum(lower, upper);
    }

    @Test
    void regularizedBetaAgreesWithItsIntegralOverTheDomain() {
        double[] shapes = RELEASE ? logSpaced(-4, 4, 4) : new double[] {1e-4, 1e-3, 0.01, 0.1, 0.5, 1, 2, 10, 100, 1e3, 1e4};
        // x as (x, 1 − x) pairs, exact: x below 1/2 given, x above 1/2 through y
        double[] small = {1e-300, 1e-100, 1e-20, 1e-8, 1e-4, 0.01, 0.1, 0.25, 0.4, 0.5};
        SweepTally tally = new SweepTally();
        for (double a : shapes) {
            for (double b : shapes) {
                List<double[]> xs = new ArrayList<>();
                for (double x : small) {
                    xs.add(new double[] {x, 1.0 - x});
                }
                for (int i = small.length - 2; i >= 0; i--) {
                    xs.add(new double[] {1.0 - small[i], small[i]});
                }
                // around the mean, where the continued fraction switches sides
                double mean = (a + 1.0) / (a + b + 2.0);
                for (double shift : new double[] {-1e-3, 0.0, 1e-3}) {
                    double x = mean * (1.0 + shift);
                    if (x > 0.0 && x < 1.0) {
                        xs.add(new double[] {x, 1.0 - x});
                    }
                }
                xs.sort((p, q) -> p[0] != q[0] ? Double.compare(p[0], q[0]) : Double.compare(q[1], p[1]));
                double previous = 0.0;
                for (double[] point : xs) {
                    double x = point[0];
                    double y = point[1];
                    String where = "I_x(a, b) x=" + x + " y=" + y + " a=" + a + " b=" + b;
                    double value;
                    try {
                        value = SpecialFunctions.regularizedBeta(x, y, a, b);
                    } catch (RuntimeException e) {
                        tally.points++;
                        tally.exceptions++;
                        tally.note(e + " at " + where);
                        continue;
                    }
                    if (!(value >= 0.0 && value <= 1.0)) {
                        tally.outOfRange++;
                        tally.note(value + " out of [0, 1] at " + where);
                    }
                    if (value < previous * (1.0 - MONOTONE_SLACK)) {
                        tally.nonMonotone++;
                        tally.note(value + " after " + previous + " at " + where);
                    }
                    previous = Math.max(previous, value);
                    double logReference = logReferenceBeta(x, y, a, b);
                    if (logReference < Math.log(Double.MIN_NORMAL)) {
                        tally.points++;
                        if (!(value < Double.MIN_NORMAL * 1e3)) {
                            tally.inaccurate++;
                            tally.note(value + " for a reference of e^" + logReference + " at " + where);
                        }
                        continue;
                    }
                    tally.compare(value, Math.exp(logReference), where);
                }
            }
        }
        tally.assertClean("regularizedBeta grid");
    }

    // ---------------------------------------------------------------- the reference of ₂F₁(1, b; b + e; 1 − w)

    /** c = b + e − 1, exact, then rounded once. */
    static double cOf(double b, double e) {
        return new BigDecimal(b).add(new BigDecimal(e)).subtract(BigDecimal.ONE).doubleValue();
    }

    /**
     * ln ₂F₁(1, b; b + e; 1 − w) from Euler's integral c ∫₀¹ t^(c−1) (w + (1 − w) t)^(−b) dt (c = b + e − 1),
     * with t = e^(−u): c ∫₀^∞ exp(−c u − b ln(w + (1 − w) e^(−u))) du, a concave log-integrand (the
     * logarithm of w + (1 − w) e^(−u) is convex). Beyond U, where b (1 − w)/w · e^(−U) &lt; 1e-18, the
     * tail is w^(−b) e^(−cU)/c.
     */
    static double logReference2F1(double b, double e, double w) {
        double c = cOf(b, e);
        double end = Math.max(1.0, Math.log(b * (1.0 - w) / w) + 42.0);
        double body = ReferenceQuadrature.logIntegral(
                u -> -c * u - b * Math.log(Math.exp(-u) - w * Math.expm1(-u)), 0.0, end);
        double tail = -b * Math.log(w) - c * end - Math.log(c);
        return Math.log(c) + ReferenceQuadrature.logSum(body, tail);
    }

    @Test
    void hypergeometricAgreesWithEulersIntegralOverTheDomain() {
        double[] bs = RELEASE ? logSpaced(-4, 4.3, 3)
                : new double[] {1e-4, 1e-3, 0.01, 0.1, 0.5, 1, 2.5, 10, 100, 1e3, 1e4, 2e4};
        double[] es = RELEASE ? concat(logSpaced(-4, 4, 3), nearIntegers())
                : new double[] {1e-4, 0.01, 0.3, 0.5, 1 - 1e-9, 1, 1 + 1e-12, 1.5, 2, 2 + 1e-7, 3.5, 7, 8, 63.9, 64,
                    64.1, 100, 1e3, 1e4};
        double[] ws = {1e-300, 1e-200, 1e-100, 1e-40, 1e-16, 1e-12, 1e-8, 1e-6, 1e-4, 1e-3, 0.01, 0.1, 0.3, 0.49, 0.5,
            0.51, 0.7, 0.9, 0.999};
        SweepTally tally = new SweepTally();
        for (double b : bs) {
            for (double e : es) {
                if (!(b + e > 1.0) || cOf(b, e) <= 0.0) {
                    continue;
                }
                double previous = Double.POSITIVE_INFINITY;
                for (double w : ws) {
                    checkHypergeometric(tally, b, e, w);
                    double value = SpecialFunctions.logHypergeometric2F1OneExcess(b, e, 1.0 - w, w);
                    // F grows as z = 1 − w grows: ln F falls along the growing w of the grid
                    if (value > previous + MONOTONE_SLACK * Math.max(1.0, Math.abs(previous))) {
                        tally.nonMonotone++;
                        tally.note("ln F " + value + " after " + previous + " at b=" + b + " e=" + e + " w=" + w);
                    }
                    previous = Math.min(previous, value);
                }
            }
        }
        tally.assertClean("2F1 grid");
    }

    @Test
    void hypergeometricAgreesWithEulersIntegralAtRandomPoints() {
        SweepTally tally = new SweepTally();
        qt().withExamples(RELEASE ? 20_000 : 1_000)
                .forAll(doubles().between(-4, 4.3), doubles().between(-4, 4), doubles().between(-300, -0.01),
                        doubles().between(-1e-3, 1e-3))
                .checkAssert((logB, logE, logW, nudge) -> {
                    double b = Math.pow(10, logB);
                    // half the examples sit close to an integer e, where the connection formula has a pole pair
                    double e = Math.pow(10, logE);
                    if (nudge > 0) {
                        e = Math.max(1.0, Math.rint(e)) + (nudge - 5e-4) * 1e-3;
                    }
                    if (!(b + e > 1.0) || cOf(b, e) <= 0.0) {
                        return;
                    }
                    checkHypergeometric(tally, b, e, Math.pow(10, logW));
                });
        tally.assertClean("2F1 random");
    }

    private static void checkHypergeometric(SweepTally tally, double b, double e, double w) {
        double z = 1.0 - w;
        String where = "2F1(1, b; b + e; 1 - w) b=" + b + " e=" + e + " w=" + w;
        double value;
        double log;
        try {
            value = SpecialFunctions.hypergeometric2F1OneExcess(b, e, z, w);
            log = SpecialFunctions.logHypergeometric2F1OneExcess(b, e, z, w);
        } catch (RuntimeException ex) {
            tally.points++;
            tally.exceptions++;
            tally.note(ex + " at " + where);
            return;
        }
        double reference = logReference2F1(b, e, w);
        if (!(value >= 1.0) && !Double.isNaN(value)) {
            tally.outOfRange++; // every term of the series is positive: F ≥ 1
            tally.note(value + " below 1 at " + where);
        }
        if (reference > Math.log(Double.MAX_VALUE)) {
            // beyond the range of a double: documented as +∞; the logarithm carries it
            if (value != Double.POSITIVE_INFINITY) {
                tally.inaccurate++;
                tally.note(value + " instead of +inf at " + where);
            }
        } else {
            tally.compare(value, Math.exp(reference), where);
        }
        // the logarithm to 1e-8 of its size, or absolutely where it is below 1
        tally.compare(Math.max(1.0, Math.abs(reference)) + (log - reference), Math.max(1.0, Math.abs(reference)),
                "ln " + where);
        // the three-argument form, where z carries w (z ≤ 0.5, or w with 1 − w exact)
        if (w >= 0.25 && Math.abs(1.0 - z - w) == 0.0) {
            double c = cOf(b, e) + 1.0;
            if (c > 1.0 && c - b == e) {
                try {
                    tally.compare(SpecialFunctions.hypergeometric2F1One(b, c, z), Math.exp(reference), "3-arg " + where);
                } catch (RuntimeException ex) {
                    tally.exceptions++;
                    tally.note(ex + " at 3-arg " + where);
                }
            }
        }
    }

    // ---------------------------------------------------------------- grids

    static double[] logSpaced(double fromExponent, double toExponent, int perDecade) {
        int n = (int) Math.round((toExponent - fromExponent) * perDecade);
        double[] values = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            values[i] = Math.pow(10, fromExponent + (toExponent - fromExponent) * i / n);
        }
        return values;
    }

    private static double[] nearIntegers() {
        List<Double> values = new ArrayList<>();
        for (int k = 1; k <= 66; k += (k < 10 ? 1 : 9)) {
            for (double d : new double[] {-0.3, -1e-6, -1e-12, 0.0, 1e-13, 1e-7, 0.2}) {
                values.add(k + d);
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] concat(double[] first, double[] second) {
        double[] all = new double[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
