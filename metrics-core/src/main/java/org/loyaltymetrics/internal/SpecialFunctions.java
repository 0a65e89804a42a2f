package org.loyaltymetrics.internal;

/**
 * Special functions evaluated from their textbook series, asymptotic expansions and continued
 * fractions (NIST Digital Library of Mathematical Functions, chapters 5, 7 and 8). Relative accuracy
 * is close to double precision (about 1e-14) over the arguments the library uses.
 */
public final class SpecialFunctions {

    /** ln(2π) / 2. */
    private static final double HALF_LOG_TWO_PI = 0.9189385332046727;

    /** Below this argument, log-gamma and digamma are shifted up by the recurrence before the asymptotic series. */
    private static final double ASYMPTOTIC_THRESHOLD = 15.0;

    private static final double EPSILON = 1e-16;
    private static final double TINY = 1e-300;
    private static final int MAX_ITERATIONS = 10_000;

    private SpecialFunctions() {
    }

    /**
     * The natural logarithm of the gamma function, ln Γ(x), for x &gt; 0. Arguments below 15 are shifted
     * with Γ(x + 1) = x Γ(x); the shifted value uses Stirling's series to the term in z⁻¹⁵ (DLMF 5.11.1).
     */
    public static double logGamma(double x) {
        if (!(x > 0.0)) {
            throw new IllegalArgumentException("x must be > 0 for logGamma, was " + x);
        }
        if (x == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        double shift = 0.0;
        double z = x;
        if (z < ASYMPTOTIC_THRESHOLD) {
            double product = 1.0;
            while (z < ASYMPTOTIC_THRESHOLD) {
                product *= z;
                z += 1.0;
            }
            shift = Math.log(product);
        }
        return (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + stirlingSeries(z) - shift;
    }

    /**
     * The digamma function ψ(x) = d ln Γ(x) / dx, for x &gt; 0: shifted with ψ(x + 1) = ψ(x) + 1/x, then
     * the asymptotic series ψ(z) ~ ln z − 1/(2z) − Σ B_2k / (2k z^2k) (DLMF 5.11.2).
     */
    public static double digamma(double x) {
        if (!(x > 0.0)) {
            throw new IllegalArgumentException("x must be > 0 for digamma, was " + x);
        }
        double shift = 0.0;
        double z = x;
        while (z < ASYMPTOTIC_THRESHOLD) {
            shift += 1.0 / z;
            z += 1.0;
        }
        double inverseSquared = 1.0 / (z * z);
        double series = inverseSquared * (1.0 / 12.0 + inverseSquared * (-1.0 / 120.0 + inverseSquared
                * (1.0 / 252.0 + inverseSquared * (-1.0 / 240.0 + inverseSquared * (1.0 / 132.0
                + inverseSquared * (-691.0 / 32760.0 + inverseSquared * (1.0 / 12.0)))))));
        return Math.log(z) - 0.5 / z - series - shift;
    }

    /**
     * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b &gt; 0. When the larger argument is 15 or
     * more, ln Γ(big) − ln Γ(big + small) is taken from the difference of the two Stirling series,
     * −(big − ½) ln(1 + small/big) − small ln(big + small) + small + S(big) − S(big + small), which
     * keeps full relative precision where the two log-gammas are large and nearly equal.
     */
    public static double logBeta(double a, double b) {
        if (!(a > 0.0) || !(b > 0.0)) {
            throw new IllegalArgumentException("a and b must be > 0 for logBeta, were " + a + " and " + b);
        }
        double small = Math.min(a, b);
        double big = Math.max(a, b);
        if (big < ASYMPTOTIC_THRESHOLD) {
            return logGamma(a) + logGamma(b) - logGamma(a + b);
        }
        double sum = big + small;
        double difference = -(big - 0.5) * Math.log1p(small / big) - small * Math.log(sum) + small
                + stirlingSeries(big) - stirlingSeries(sum);
        return logGamma(small) + difference;
    }

    /** The tail Σ B_2k / (2k (2k − 1) z^(2k−1)), k = 1..8, of Stirling's series for ln Γ(z), z ≥ 15. */
    private static double stirlingSeries(double z) {
        double inverse = 1.0 / z;
        double inverseSquared = inverse * inverse;
        return inverse * (1.0 / 12.0 + inverseSquared * (-1.0 / 360.0 + inverseSquared
                * (1.0 / 1260.0 + inverseSquared * (-1.0 / 1680.0 + inverseSquared * (1.0 / 1188.0
                + inverseSquared * (-691.0 / 360360.0 + inverseSquared * (1.0 / 156.0
                + inverseSquared * (-3617.0 / 122400.0))))))));
    }

    /**
     * The regularized incomplete beta function I_x(a, b) for 0 ≤ x ≤ 1 and a, b &gt; 0, from its continued
     * fraction (DLMF 8.17.22) evaluated with the modified Lentz method, using
     * I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges faster.
     */
    public static double regularizedBeta(double x, double a, double b) {
        return regularizedBeta(x, 1.0 - x, a, b);
    }

    /**
     * I_x(a, b) as {@link #regularizedBeta(double, double, double)}, with the caller supplying
     * {@code y} = 1 − x computed without cancellation (such as t²/(df + t²) next to df/(df + t²)),
     * which the complement form uses when x is close to 1.
     */
    public static double regularizedBeta(double x, double y, double a, double b) {
        if (!(x >= 0.0 && x <= 1.0) || !(y >= 0.0 && y <= 1.0)) {
            throw new IllegalArgumentException("x and y = 1 - x must be in [0, 1] for regularizedBeta, were "
                    + x + " and " + y);
        }
        if (!(a > 0.0) || !(b > 0.0)) {
            throw new IllegalArgumentException(
                    "a and b must be > 0 for regularizedBeta, were " + a + " and " + b);
        }
        if (x == 0.0 || y == 0.0) {
            return x == 0.0 ? 0.0 : 1.0;
        }
        if (x > (a + 1.0) / (a + b + 2.0)) {
            return 1.0 - regularizedBetaByFraction(y, x, b, a);
        }
        return regularizedBetaByFraction(x, y, a, b);
    }

    private static double regularizedBetaByFraction(double x, double y, double a, double b) {
        double logPrefactor = a * Math.log(x) + b * Math.log(y) - logBeta(a, b) - Math.log(a);
        return Math.exp(logPrefactor) * betaContinuedFraction(x, a, b);
    }

    private static double betaContinuedFraction(double x, double a, double b) {
        // 1 / (1 + d1 / (1 + d2 / (1 + ...))) with d_{2m+1} = -(a+m)(a+b+m)x / ((a+2m)(a+2m+1)),
        // d_{2m} = m(b-m)x / ((a+2m-1)(a+2m)).
        double c = 1.0;
        double d = 1.0 / nonZero(1.0 - (a + b) * x / (a + 1.0));
        double fraction = d;
        for (int m = 1; m <= MAX_ITERATIONS; m++) {
            double twoM = 2.0 * m;
            double even = m * (b - m) * x / ((a + twoM - 1.0) * (a + twoM));
            d = 1.0 / nonZero(1.0 + even * d);
            c = nonZero(1.0 + even / c);
            fraction *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + twoM) * (a + twoM + 1.0));
            d = 1.0 / nonZero(1.0 + odd * d);
            c = nonZero(1.0 + odd / c);
            double delta = d * c;
            fraction *= delta;
            if (Math.abs(delta - 1.0) < EPSILON) {
                return fraction;
            }
        }
        throw new ArithmeticException("incomplete beta continued fraction did not converge for x="
                + x + ", a=" + a + ", b=" + b);
    }

    /**
     * The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a), for a &gt; 0 and x ≥ 0:
     * the power series of P(a, x) = 1 − Q(a, x) below x = a + 1 (DLMF 8.11.4), the continued fraction
     * of Q above it (DLMF 8.9.2), both in the modified Lentz form where a fraction is involved.
     */
    public static double regularizedGammaQ(double a, double x) {
        if (!(a > 0.0) || !(x >= 0.0)) {
            throw new IllegalArgumentException(
                    "a must be > 0 and x >= 0 for regularizedGammaQ, were " + a + " and " + x);
        }
        if (x == 0.0) {
            return 1.0;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        if (x < a + 1.0) {
            return 1.0 - lowerGammaSeries(a, x);
        }
        return upperGammaFraction(a, x);
    }

    private static double lowerGammaSeries(double a, double x) {
        double term = 1.0 / a;
        double sum = term;
        for (int n = 1; n <= MAX_ITERATIONS; n++) {
            term *= x / (a + n);
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * EPSILON) {
                return sum * Math.exp(a * Math.log(x) - x - logGamma(a));
            }
        }
        throw new ArithmeticException("incomplete gamma series did not converge for a=" + a + ", x=" + x);
    }

    private static double upperGammaFraction(double a, double x) {
        double b = x + 1.0 - a;
        double c = 1.0 / TINY;
        double d = 1.0 / b;
        double fraction = d;
        for (int n = 1; n <= MAX_ITERATIONS; n++) {
            double an = -n * (n - a);
            b += 2.0;
            d = 1.0 / nonZero(an * d + b);
            c = nonZero(b + an / c);
            double delta = d * c;
            fraction *= delta;
            if (Math.abs(delta - 1.0) < EPSILON) {
                return fraction * Math.exp(a * Math.log(x) - x - logGamma(a));
            }
        }
        throw new ArithmeticException("incomplete gamma fraction did not converge for a=" + a + ", x=" + x);
    }

    /**
     * The Gauss hypergeometric function with first parameter 1, ₂F₁(1, b; c; z) = Σₙ (b)ₙ/(c)ₙ zⁿ, for
     * real b, c &gt; 1 and 0 ≤ z &lt; 1. Below z = 0.5 the power series is summed (its terms fall at
     * least as fast as zⁿ once n &gt; b − c); above it, the function is the continued fraction of the
     * incomplete beta function (DLMF 8.17.22) with parameters (c − 1, b − c + 1), since
     * ₂F₁(A + B, 1; A + 1; z) is that fraction (DLMF 8.17.8). The fraction converges in the whole cut
     * plane, so z close to 1 costs tens of terms instead of thousands, and it needs no gamma function
     * of large arguments: this is how the Pareto/NBD likelihood (Fader &amp; Hardie 2005) and the
     * discounted expected residual lifetime of the sBG model (Fader &amp; Hardie 2010) are evaluated for
     * large frequencies and ages without overflow.
     *
     * @throws IllegalArgumentException if c ≤ 1, z is outside [0, 1) or an argument is not finite
     */
    public static double hypergeometric2F1One(double b, double c, double z) {
        if (!(c > 1.0) || !Double.isFinite(c) || !Double.isFinite(b) || !(z >= 0.0 && z < 1.0)) {
            throw new IllegalArgumentException("b must be finite, c > 1 and z in [0, 1) for hypergeometric2F1One, were "
                    + b + ", " + c + " and " + z);
        }
        if (z == 0.0) {
            return 1.0;
        }
        if (z <= 0.5) {
            double term = 1.0;
            double sum = 1.0;
            for (int n = 0; n < MAX_ITERATIONS; n++) {
                term *= (b + n) / (c + n) * z;
                sum += term;
                if (Math.abs(term) <= Math.abs(sum) * EPSILON && n > b - c) {
                    return sum;
                }
            }
            throw new ArithmeticException("2F1(1, b; c; z) series did not converge for b=" + b + ", c=" + c + ", z=" + z);
        }
        return betaContinuedFraction(z, c - 1.0, b - c + 1.0);
    }

    /** The complementary error function erfc(x) = 1 − erf(x) = Q(1/2, x²) for x ≥ 0 (DLMF 7.11.2). */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("x must not be NaN for erfc");
        }
        if (x < 0.0) {
            return 2.0 - erfc(-x);
        }
        return regularizedGammaQ(0.5, x * x);
    }

    private static double nonZero(double value) {
        return Math.abs(value) < TINY ? TINY : value;
    }
}
