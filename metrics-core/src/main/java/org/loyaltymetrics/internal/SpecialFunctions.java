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
     * The trigamma function ψ′(x) = d²ln Γ(x)/dx², for x &gt; 0: shifted with ψ′(x) = ψ′(x + 1) + 1/x², then
     * the asymptotic series ψ′(z) ~ 1/z + 1/(2z²) + Σ B_2k/z^(2k+1) (DLMF 5.15.8).
     */
    public static double trigamma(double x) {
        if (!(x > 0.0)) {
            throw new IllegalArgumentException("x must be > 0 for trigamma, was " + x);
        }
        double shift = 0.0;
        double z = x;
        while (z < ASYMPTOTIC_THRESHOLD) {
            shift += 1.0 / (z * z);
            z += 1.0;
        }
        double inverse = 1.0 / z;
        double inverseSquared = inverse * inverse;
        double series = inverse * inverseSquared * (1.0 / 6.0 + inverseSquared * (-1.0 / 30.0 + inverseSquared
                * (1.0 / 42.0 + inverseSquared * (-1.0 / 30.0 + inverseSquared * (5.0 / 66.0 + inverseSquared
                * (-691.0 / 2730.0 + inverseSquared * (7.0 / 6.0)))))));
        return inverse + 0.5 * inverseSquared + series + shift;
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
     * ln Γ(y) − ln Γ(x) for x, y &gt; 0, with {@code d} = y − x supplied by the caller (exact, or rounded
     * once), to a relative accuracy close to that of d ψ(x): also where d is small against x (where
     * ln Γ(x + d) − ln Γ(x) would cancel) and where y is close to 0 (where 1 + d/x would cancel). Both
     * arguments are shifted above 15 with ln Γ(z + 1) = ln Γ(z) + ln z, each step adding
     * ln((y + j)/(x + j)) = log1p(d/(x + j)); then Stirling's series (DLMF 5.11.1) gives
     * (x − ½) ln(1 + d/x) + d (ln y − 1) + S(y) − S(x), with S(y) − S(x) summed term by term from
     * expm1((1 − 2k) ln(1 + d/x)).
     */
    static double logGammaRatio(double x, double y, double d) {
        double shift = 0.0;
        double from = x;
        double to = y;
        while (from < ASYMPTOTIC_THRESHOLD || to < ASYMPTOTIC_THRESHOLD) {
            double ratio = d / from;
            shift += Math.abs(ratio) < 0.5 ? Math.log1p(ratio) : Math.log(to / from);
            from += 1.0;
            to += 1.0;
        }
        double logRatio = Math.log1p(d / from);
        return (from - 0.5) * logRatio + d * (Math.log(to) - 1.0) + stirlingDifference(from, logRatio) - shift;
    }

    /** S(y) − S(x) of {@link #stirlingSeries} for x ≥ 15, given ln(y/x), without cancellation. */
    private static double stirlingDifference(double x, double logRatio) {
        double inverse = 1.0 / x;
        double inverseSquared = inverse * inverse;
        double power = inverse;
        double sum = 0.0;
        for (int k = 0; k < STIRLING_COEFFICIENTS.length; k++) {
            sum += STIRLING_COEFFICIENTS[k] * power * Math.expm1(-(2 * k + 1) * logRatio);
            power *= inverseSquared;
        }
        return sum;
    }

    /** B_2k / (2k (2k − 1)), k = 1..8, the coefficients of {@link #stirlingSeries}. */
    private static final double[] STIRLING_COEFFICIENTS = {1.0 / 12.0, -1.0 / 360.0, 1.0 / 1260.0, -1.0 / 1680.0,
        1.0 / 1188.0, -691.0 / 360360.0, 1.0 / 156.0, -3617.0 / 122400.0};

    /**
     * The regularized incomplete beta function I_x(a, b) for 0 ≤ x ≤ 1 and a, b &gt; 0, from its continued
     * fraction (DLMF 8.17.22) evaluated with the modified Lentz method, using
     * I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges faster (x &gt; (a + 1)/(a + b + 2)).
     *
     * <p>That complement cancels where I_{1−x}(b, a) is close to 1, which happens for b &lt; 1 (the mass of
     * beta(b, a) then sits close to 0): there, when I_{1−x}(b, a) &gt; 0.9, the result is taken from the
     * power series of the complement with its leading 1 removed analytically,
     * I_x(a, b) = −expm1(ln U) − U T with U = y^b / (b B(a, b)) and
     * T = Σ_{n≥1} (1 − a)_n/n! · b/(b + n) · yⁿ, y = 1 − x (DLMF 8.17.7), ln(b B(a, b)) being
     * ln Γ(1 + b) − ln Γ(1) − (ln Γ(a + b) − ln Γ(a)), each difference computed without cancellation.
     * Relative accuracy about 1e-12 over a, b in [1e-4, 1e4] (SpecialFunctionsSweepTest).
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
            double complement = regularizedBetaByFraction(y, x, b, a);
            if (complement > 0.9 && b < 1.0) {
                return regularizedBetaBySmallBSeries(y, a, b);
            }
            return 1.0 - complement;
        }
        return regularizedBetaByFraction(x, y, a, b);
    }

    /**
     * I_x(a, b) = 1 − I_y(b, a) for b &lt; 1 and y = 1 − x &lt; (b + 1)/(a + b + 2), from the series of
     * I_y(b, a) with its leading 1 cancelled analytically: −expm1(ln U) − U T (see
     * {@link #regularizedBeta(double, double, double)}). Here a·y &lt; 2, so the terms of T fall at least as
     * fast as (a y)ⁿ/n! or yⁿ.
     */
    private static double regularizedBetaBySmallBSeries(double y, double a, double b) {
        double logU = b * Math.log(y) - logGammaRatio(1.0, 1.0 + b, b) + logGammaRatio(a, a + b, b);
        double term = 1.0;
        double sum = 0.0;
        for (int n = 1; n <= MAX_ITERATIONS; n++) {
            term *= (n - a) / n * y;
            double contribution = term / (b + n);
            sum += contribution;
            if (Math.abs(contribution) <= EPSILON * 0.1 * Math.abs(sum)) {
                break;
            }
        }
        return -Math.expm1(logU) - Math.exp(logU) * b * sum;
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
     * ₂F₁(A + B, 1; A + 1; z) is that fraction (DLMF 8.17.8), except where 0 &lt; b &lt; c and the
     * fraction would converge slowly near z = 1: there the connection formula of
     * {@link #hypergeometric2F1OneExcess} is used. The fraction needs no gamma function of large
     * arguments: this is how the Pareto/NBD likelihood (Fader &amp; Hardie 2005) and the discounted
     * expected residual lifetime of the sBG model (Fader &amp; Hardie 2010) are evaluated for large
     * frequencies and ages without overflow. Callers that know c − b and 1 − z more precisely than c and
     * z use {@link #hypergeometric2F1OneExcess}, which this method calls with c − b and 1 − z.
     *
     * @throws IllegalArgumentException if c ≤ 1, z is outside [0, 1) or an argument is not finite
     * @throws ArithmeticException if b ≤ 0 or b ≥ c, z &gt; 0.5 and the fraction does not converge
     *     (the function then grows like (1 − z)^(c − 1 − b) as z → 1)
     */
    public static double hypergeometric2F1One(double b, double c, double z) {
        if (!(c > 1.0) || !Double.isFinite(c) || !Double.isFinite(b) || !(z >= 0.0 && z < 1.0)) {
            throw new IllegalArgumentException("b must be finite, c > 1 and z in [0, 1) for hypergeometric2F1One, were "
                    + b + ", " + c + " and " + z);
        }
        if (z <= 0.5) {
            return hypergeometricSeries(b, c, z);
        }
        if (b > 0.0 && b < c) {
            double e = c - b;
            double w = 1.0 - z;
            if (isNearOne(e, c - 1.0, w)) {
                return hypergeometricNearOne(b, e, c - 1.0, w, false);
            }
        }
        return betaContinuedFraction(z, c - 1.0, b - c + 1.0);
    }

    /**
     * ₂F₁(1, b; b + e; z) for b &gt; 0, e &gt; 0 with b + e &gt; 1 and 0 ≤ z &lt; 1, given both z and
     * w = 1 − z &gt; 0 (computed by the caller without cancellation, as (β + τ)/(α + τ) next to
     * (α − β)/(α + τ); z may then round to 1), and the excess e = c − b of the third parameter over the
     * second rather than c, so that neither 1 − z nor c − b is formed by a cancelling subtraction. With
     * c = b + e − 1 (formed with one rounding), ₂F₁(1, b; b + e; z) = c ∫₀¹ t^(c−1) (w + z t)^(−b) dt (DLMF 15.6.1), finite for
     * all z &lt; 1 and, as z → 1, tending to c/(e − 1) for e &gt; 1 and growing like
     * c B(c, 1 − e) w^(e−1) for e &lt; 1. By region:
     * <ul>
     *   <li>z ≤ 0.5: the power series, whose terms fall at least as fast as zⁿ;</li>
     *   <li>z &gt; 0.5, c w ≤ 0.5 and e ≤ 64: the connection formula for z → 1 (DLMF 15.8.4 with
     *       DLMF 8.17.8), c z^(−c) [w^(e−1) B(c, 1 − e) − Σₖ (1 − c)ₖ/k! · wᵏ/(k + 1 − e)], whose sum falls
     *       at least as fast as 2^(−k). Where e is close to an integer K + 1 the term k = K and the
     *       beta function both have a pole; they are summed as one,
     *       w^K [A (w^(−ε) − 1)/ε + (A − P)/ε] with ε = K + 1 − e, A = ε B(c, 1 − e) and
     *       P = (1 − c)_K/K!, from expm1 and ratios of gamma functions that do not cancel, so that
     *       the result is exact to rounding also at integer e (the logarithmic case);</li>
     *   <li>elsewhere: the continued fraction of the incomplete beta function with parameters
     *       (c, 1 − e) (DLMF 8.17.22), which converges in at most a few hundred steps there.</li>
     * </ul>
     * Relative accuracy about 1e-12 for b, e in [1e-4, 2e4] and any w (down to the smallest double).
     *
     * @return the value, or +∞ where it exceeds the range of a double (for e &lt; 1 and w below about
     *     1e-300; {@link #logHypergeometric2F1OneExcess} has its logarithm)
     * @throws IllegalArgumentException if b or e is not finite and &gt; 0, b + e ≤ 1, z is outside [0, 1]
     *     or w outside (0, 1]
     */
    public static double hypergeometric2F1OneExcess(double b, double e, double z, double w) {
        return hypergeometricExcess(b, e, z, w, false);
    }

    /**
     * ln ₂F₁(1, b; b + e; z), as {@link #hypergeometric2F1OneExcess} but finite wherever the value
     * would overflow.
     *
     * @throws IllegalArgumentException as {@link #hypergeometric2F1OneExcess}
     */
    public static double logHypergeometric2F1OneExcess(double b, double e, double z, double w) {
        return hypergeometricExcess(b, e, z, w, true);
    }

    private static double hypergeometricExcess(double b, double e, double z, double w, boolean log) {
        if (!(b > 0.0 && b < Double.POSITIVE_INFINITY) || !(e > 0.0 && e < Double.POSITIVE_INFINITY)
                || !(b + e > 1.0) || !(z >= 0.0 && z <= 1.0) || !(w > 0.0 && w <= 1.0)) {
            throw new IllegalArgumentException("b and e must be finite and > 0 with b + e > 1, z in [0, 1] and "
                    + "w = 1 - z in (0, 1] for hypergeometric2F1OneExcess, were " + b + ", " + e + ", " + z
                    + " and " + w);
        }
        double value;
        if (z <= 0.5) {
            value = hypergeometricSeries(b, b + e, z);
        } else {
            // c = b + e − 1 with one rounding: the sum and its error (Knuth's two-sum), then the 1
            double sum = b + e;
            double bPart = sum - b;
            double sumError = (b - (sum - bPart)) + (e - bPart);
            double c = (sum - 1.0) + sumError;
            if (isNearOne(e, c, w)) {
                return hypergeometricNearOne(b, e, c, w, log);
            }
            value = betaContinuedFraction(z, c, 1.0 - e);
        }
        return log ? Math.log(value) : value;
    }

    /** Σₙ (b)ₙ/(c)ₙ zⁿ for 0 ≤ z ≤ 0.5. */
    private static double hypergeometricSeries(double b, double c, double z) {
        if (z == 0.0) {
            return 1.0;
        }
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

    /** Where the connection formula of {@link #hypergeometric2F1OneExcess} is used (z &gt; 0.5). */
    private static boolean isNearOne(double e, double c, double w) {
        return c * w <= 0.5 && e <= 64.0;
    }

    /**
     * F = ₂F₁(1, b; b + e; 1 − w) (or ln F) for w &lt; 0.5, c w ≤ 0.5, e ≤ 64 by the connection formula
     * described at {@link #hypergeometric2F1OneExcess}; c = b + e − 1.
     */
    private static double hypergeometricNearOne(double b, double e, double c, double w, boolean log) {
        double logW = Math.log(w);
        double logPrefactor = Math.log(c) - c * Math.log1p(-w);
        boolean paired = e >= 0.5;
        int pole = paired ? (int) Math.floor(e - 0.5) : -1; // K, the integer nearest to e − 1
        double delta = c; // c − max(K, 0), formed without cancellation
        // paired: the pole pair w^K [A (w^−ε − 1)/ε + (A − P)/ε]; else ln(w^(e−1) B(c, 1 − e))
        double singular;
        if (paired) {
            double epsilon = pole + 1.0 - e; // exact: e is within 1/2 of pole + 1
            delta = b - epsilon;
            double angle = Math.PI * epsilon;
            double logSinc = epsilon == 0.0 ? 0.0 : -Math.log(Math.sin(angle) / angle);
            // A = (−1)^K Γ(c) Γ(1 + ε) Γ(1 − ε)/(Γ(K + 1 − ε) Γ(b)), so that B(c, 1 − e) = A/ε
            double logA = logGammaRatio(b, c, e - 1.0) + logSinc - logGamma(pole + 1.0 - epsilon);
            double wKA = ((pole & 1) == 0 ? 1.0 : -1.0) * Math.exp(pole * logW + logA);
            double wKP = 1.0; // w^K P = the term k = K of the sum
            for (int j = 0; j < pole; j++) {
                wKP *= ((j + 1.0 - pole) - delta) / (j + 1.0) * w;
            }
            if (epsilon == 0.0) {
                double harmonic = 0.0;
                for (int j = 1; j <= pole; j++) {
                    harmonic += 1.0 / j;
                }
                // (A − P)/ε → P (ψ(1) + H_K − ψ(b)) and (w^−ε − 1)/ε → −ln w
                singular = -wKA * logW + wKP * (digamma(1.0) + harmonic - digamma(b));
            } else {
                double difference = Double.NaN;
                if (delta > 0.0) {
                    // ln(A/P) = ln Γ(1 + ε) − Σⱼ ln(1 − ε/j) + ln Γ(b − ε) − ln Γ(b), each term O(ε)
                    // and computed without cancellation
                    double logRatio = logGammaRatio(1.0, 1.0 + epsilon, epsilon) + logGammaRatio(b, delta, -epsilon);
                    for (int j = 1; j <= pole; j++) {
                        logRatio -= Math.log1p(-epsilon / j);
                    }
                    if (Math.abs(logRatio) < 0.5) {
                        difference = wKP * Math.expm1(logRatio) / epsilon;
                    }
                }
                if (Double.isNaN(difference)) {
                    difference = (wKA - wKP) / epsilon; // A and P far apart, or of opposite signs
                }
                singular = wKA * Math.expm1(-epsilon * logW) / epsilon + difference;
            }
        } else {
            singular = (e - 1.0) * logW + logBeta(c, 1.0 - e);
        }
        // Σ_{k ≠ K} tₖ/(k + 1 − e), tₖ = (1 − c)ₖ/k! wᵏ: the ratios of the terms are at most
        // max(c, 1) w ≤ 1/2 in size
        int base = Math.max(pole, 0);
        double sum = 0.0;
        double term = 1.0;
        for (int k = 0; k <= pole + 200; k++) {
            if (k != pole) {
                sum += term / (k + 1.0 - e);
            }
            term *= ((k + 1.0 - base) - delta) / (k + 1.0) * w;
            if (k > pole && Math.abs(term) <= 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        if (paired) {
            double bracket = singular - sum;
            return log ? logPrefactor + Math.log(bracket) : Math.exp(logPrefactor) * bracket;
        }
        double logValue = logPrefactor + singular + Math.log1p(-sum * Math.exp(-singular));
        return log ? logValue : Math.exp(logValue);
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
