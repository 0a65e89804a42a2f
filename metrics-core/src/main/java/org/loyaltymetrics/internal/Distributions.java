package org.loyaltymetrics.internal;

/**
 * The standard normal and Student's t distributions: tail probabilities and quantiles. Quantiles are
 * solved by Newton's method on the logarithm of the tail probability, bracketed so that each step
 * stays inside an interval known to hold the root; they agree with published tables to every digit.
 */
public final class Distributions {

    private static final double SQRT_TWO = Math.sqrt(2.0);
    private static final double INV_SQRT_TWO_PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    private static final int MAX_ITERATIONS = 200;

    private Distributions() {
    }

    /** The standard normal density φ(z). */
    public static double normalDensity(double z) {
        return INV_SQRT_TWO_PI * Math.exp(-0.5 * z * z);
    }

    /** The standard normal upper tail probability P(Z &gt; z) = erfc(z / √2) / 2. */
    public static double normalUpperTail(double z) {
        return 0.5 * SpecialFunctions.erfc(z / SQRT_TWO);
    }

    /** The standard normal cumulative distribution Φ(z) = P(Z ≤ z). */
    public static double normalCdf(double z) {
        return normalUpperTail(-z);
    }

    /** Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|). */
    public static double normalTwoSidedP(double z) {
        return Math.min(1.0, 2.0 * normalUpperTail(Math.abs(z)));
    }

    /**
     * The critical value z with P(Z &gt; z) = (1 − confidence) / 2, e.g. 1.959963984540054 at 0.95.
     */
    public static double normalCriticalValue(double confidence) {
        return normalUpperQuantile((1.0 - Checks.confidence(confidence)) / 2.0);
    }

    /** The z with P(Z &gt; z) = q, for 0 &lt; q &lt; 1. */
    public static double normalUpperQuantile(double q) {
        if (!(q > 0.0 && q < 1.0)) {
            throw new IllegalArgumentException("q must be in (0, 1), was " + q);
        }
        if (q > 0.5) {
            return -normalUpperQuantile(1.0 - q);
        }
        if (q == 0.5) {
            return 0.0;
        }
        // Start from Abramowitz & Stegun 26.2.23 (error below 4.5e-4), then Newton on ln P(Z > z).
        double t = Math.sqrt(-2.0 * Math.log(q));
        double z = t - (2.515517 + t * (0.802853 + t * 0.010328))
                / (1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
        double logQ = Math.log(q);
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double tail = normalUpperTail(z);
            double step = (Math.log(tail) - logQ) * tail / normalDensity(z);
            z += step;
            if (Math.abs(step) <= 1e-15 * Math.max(1.0, Math.abs(z))) {
                return z;
            }
        }
        return z;
    }

    /**
     * Student's t upper tail P(T &gt; t) with {@code df} degrees of freedom (df may be fractional, as
     * for Welch's test; an infinite df is the normal distribution): for t ≥ 0,
     * I_{df/(df+t²)}(df/2, 1/2) / 2.
     */
    public static double studentUpperTail(double t, double df) {
        checkDegreesOfFreedom(df);
        if (df == Double.POSITIVE_INFINITY) {
            return normalUpperTail(t);
        }
        if (t < 0.0) {
            return 1.0 - studentUpperTail(-t, df);
        }
        // I_x(df/2, 1/2)/2 with x = df/(df + t²); y = t²/(df + t²) = 1 − x is computed directly so
        // that the complement form keeps its precision when t is small.
        double tSquared = t * t;
        return 0.5 * SpecialFunctions.regularizedBeta(df / (df + tSquared), tSquared / (df + tSquared), 0.5 * df, 0.5);
    }

    /** Two-sided p-value of a t statistic: P(|T| ≥ |t|). */
    public static double studentTwoSidedP(double t, double df) {
        return Math.min(1.0, 2.0 * studentUpperTail(Math.abs(t), df));
    }

    /** The critical value t with P(T &gt; t) = (1 − confidence) / 2 for {@code df} degrees of freedom. */
    public static double studentCriticalValue(double confidence, double df) {
        return studentUpperQuantile((1.0 - Checks.confidence(confidence)) / 2.0, df);
    }

    /** The t with P(T &gt; t) = q, for 0 &lt; q &lt; 1 and df &gt; 0 (infinite df: the normal quantile). */
    public static double studentUpperQuantile(double q, double df) {
        checkDegreesOfFreedom(df);
        if (!(q > 0.0 && q < 1.0)) {
            throw new IllegalArgumentException("q must be in (0, 1), was " + q);
        }
        if (df == Double.POSITIVE_INFINITY) {
            return normalUpperQuantile(q);
        }
        if (q > 0.5) {
            return -studentUpperQuantile(1.0 - q, df);
        }
        if (q == 0.5) {
            return 0.0;
        }
        if (df == 1.0) {
            return 1.0 / Math.tan(Math.PI * q);
        }
        if (df == 2.0) {
            return (1.0 - 2.0 * q) / Math.sqrt(2.0 * q * (1.0 - q));
        }
        // The t quantile lies above the normal one; find an upper bracket, then Newton on
        // ln P(T > t) with bisection whenever a step leaves the bracket.
        double low = Math.max(normalUpperQuantile(q), Double.MIN_NORMAL);
        double high = 2.0 * low;
        while (studentUpperTail(high, df) > q) {
            low = high;
            high *= 2.0;
        }
        double logQ = Math.log(q);
        double logDensityConstant = SpecialFunctions.logGamma(0.5 * (df + 1.0))
                - SpecialFunctions.logGamma(0.5 * df) - 0.5 * Math.log(df * Math.PI);
        double t = 0.5 * (low + high);
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double tail = studentUpperTail(t, df);
            if (tail > q) {
                low = t;
            } else {
                high = t;
            }
            double density = Math.exp(logDensityConstant - 0.5 * (df + 1.0) * Math.log1p(t * t / df));
            double next = t + (Math.log(tail) - logQ) * tail / density;
            if (!(next > low && next < high)) {
                next = 0.5 * (low + high);
            }
            if (Math.abs(next - t) <= 1e-15 * Math.max(1.0, Math.abs(t)) || high - low <= 1e-15 * high) {
                return next;
            }
            t = next;
        }
        return t;
    }

    private static void checkDegreesOfFreedom(double df) {
        if (!(df > 0.0)) {
            throw new IllegalArgumentException("degrees of freedom must be > 0, was " + df);
        }
    }
}
