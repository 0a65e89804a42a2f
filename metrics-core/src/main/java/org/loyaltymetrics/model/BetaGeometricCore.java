package org.loyaltymetrics.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.internal.Quadrature;
import org.loyaltymetrics.internal.RandomVariates;
import org.loyaltymetrics.internal.RowChunks;
import org.loyaltymetrics.internal.SpecialFunctions;

/**
 * The mathematics shared by the BG/NBD and MBG/NBD models. In both, a customer buys at Poisson rate λ
 * while alive, λ ~ gamma(r, α) across customers, and may drop out with probability p ~ beta(a, b)
 * right after a purchase: after every repeat purchase (BG/NBD) or after every purchase including the
 * first (MBG/NBD). With k = 0 (BG/NBD) or k = 1 (MBG/NBD) and m = x + k opportunities to drop out
 * survived by a customer seen alive, the likelihood is (Fader, Hardie &amp; Lee 2005, eq. 6; Batislam,
 * Denizel &amp; Filiztekin 2007)
 * <pre>
 *   L = B(a, b + m)/B(a, b) · Γ(r + x) αʳ / Γ(r) · [ (α + T)^−(r+x) + [m &gt; 0] · a/(b + m − 1) · (α + tₓ)^−(r+x) ]
 * </pre>
 */
final class BetaGeometricCore {

    private static final double QUADRATURE_TOLERANCE = 1e-13;
    /** The most terms {@link #mixtureSeries} is estimated to need where it is used. */
    private static final double MAX_SERIES_TERMS = 6000;
    /** The end series of {@link #integratedExpectation} reach 1/16 of their radius of fast convergence. */
    private static final double SERIES_REACH = 1.0 / 16.0;
    /** Terms of the end series: (1/16)^18 &lt; 1e-21. */
    private static final int SERIES_TERMS = 18;

    private BetaGeometricCore() {
    }

    /** ln L of one customer; k = 0 for BG/NBD, 1 for MBG/NBD. */
    static double logLikelihood(double r, double alpha, double a, double b, int k, double x, double recency,
            double age) {
        double m = x + k;
        double common = SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) + r * Math.log(alpha)
                + SpecialFunctions.logBeta(a, b + m) - SpecialFunctions.logBeta(a, b);
        double atAge = -(r + x) * Math.log(alpha + age);
        if (m == 0) {
            return common + atAge;
        }
        double atRecency = Math.log(a) - Math.log(b + m - 1) - (r + x) * Math.log(alpha + recency);
        return common + logSumExp(atAge, atRecency);
    }

    /** P(alive | x, tₓ, T) = 1 / (1 + [m &gt; 0] · a/(b + m − 1) · ((α + T)/(α + tₓ))^(r+x)). */
    static double probabilityAlive(double r, double alpha, double a, double b, int k, double x, double recency,
            double age) {
        double m = x + k;
        if (m == 0) {
            return 1.0;
        }
        // ln((α + T)/(α + tₓ)) as ln(1 + (T − tₓ)/(α + tₓ)): its rounding is not multiplied by r + x
        double logRatio = Math.log(a) - Math.log(b + m - 1)
                + (r + x) * log1p((age - recency) / (alpha + recency));
        return 1.0 / (1.0 + Math.exp(logRatio));
    }

    /**
     * E[(1/p)(1 − e^(−λpt))] over p ~ beta(a, b) and λ ~ gamma(r, α): the expected number of purchases
     * in t of a customer who is alive now (the next drop-out chance after the next purchase), that is
     * (Fader, Hardie &amp; Lee 2005, eq. 9)
     * <pre>
     *   (a + b − 1)/(a − 1) · [1 − (α/(α + t))ʳ ₂F₁(r, b; a + b − 1; z)],  z = t/(α + t).
     * </pre>
     * The closed form cancels catastrophically where r is large, where a is near 1 and where t is
     * long, so it is evaluated by region, each time in a form that is accurate there:
     * <ul>
     * <li>where c = a + b − 1 ≥ r and K = t/α ≤ 9 (z ≤ 0.9), the most common case (a customer's own
     * r + x against b + x), by the closed form with Euler's transformation ₂F₁(r, b; c; z) =
     * (1 − z)^(c−r−b) ₂F₁(c − r, c − b; c; z) and the factor (a − 1) taken out of every coefficient:
     * c · [(1 − (1 − z)^(a−1))/(a − 1) − (1 − z)^(a−1) Σₙ≥₁ ĥₙ zⁿ] with
     * ĥₙ = (c − r)ₙ (a)ₙ₋₁ / ((c)ₙ n!), all of whose terms are positive there; it is taken only where the
     * final subtraction costs at most 4 bits (c times the first part at most 16 times the result),
     * which holds for every customer of the CDNOW cohort;</li>
     * <li>else, where the negative binomial count N of a customer who never drops out (P(N = n) =
     * Γ(r + n)/(Γ(r) n!) (1 − z)ʳ zⁿ) lies within a few thousand counts, as the series of positive terms
     * E = Σₙ P(N = n) Sₙ, where Sₙ = Σⱼ₌₀ⁿ⁻¹ (b)ⱼ/(a + b)ⱼ is the expected number of the first n
     * purchases made before dropping out (the j-th needs j drop-out chances survived, E[(1 − p)ʲ] =
     * (b)ⱼ/(a + b)ⱼ); each term costs one division, and the sum stops where the terms, past
     * n = 2K·max(r, 1), fall by at least (1 + z)/2 each;</li>
     * <li>elsewhere (where 2K·max(r, 1) + 80(1 + K) &gt; 6000: long horizons, K above 72, or many
     * expected purchases), as the integral over p, {@link #integratedExpectation}.</li>
     * </ul>
     * All agree with an independent adaptive quadrature to about 1e-13 relative over parameters
     * 10⁻⁴..10⁴ and horizons up to 10⁸ α (BetaGeometricDomainSweepTest).
     */
    static double expectation(double r, double alpha, double a, double b, double t) {
        if (t == 0.0) {
            return 0.0;
        }
        double k = t / alpha;
        double c = a + b - 1.0;
        if (c >= r && k <= 9.0) {
            double closed = closedForm(r, a, c, k);
            if (closed >= 0.0) {
                return closed;
            }
        }
        if (mixtureTerms(r, k) <= MAX_SERIES_TERMS) {
            double series = mixtureSeries(r, a, b, k);
            if (series >= 0.0) {
                return series;
            }
        }
        return integratedExpectation(r, alpha, a, b, t);
    }

    /**
     * The Euler-transformed closed form of {@link #expectation} for c ≥ r (all terms positive), or −1
     * where its final subtraction would cost more than 4 bits or the terms do not fall within 2,000.
     */
    private static double closedForm(double r, double a, double c, double k) {
        double z = k / (1.0 + k);
        double logOneMinusZ = -Math.log1p(k);
        double y = (a - 1.0) * logOneMinusZ;
        double first = -logOneMinusZ * expm1OverX(y);
        double term = (c - r) / c * z;
        double sum = term;
        for (int n = 1; n < 2000; n++) {
            double ratio = (c - r + n) * (a + n - 1.0) / ((c + n) * (n + 1.0)) * z;
            term *= ratio;
            sum += term;
            if (ratio < 1.0 && term <= 1e-17 * sum) {
                double value = c * (first - Math.exp(y) * sum);
                return 16.0 * value >= c * first ? value : -1.0;
            }
        }
        return -1.0;
    }

    /** An upper estimate of the terms {@link #mixtureSeries} sums, infinite where P(N = 0) would underflow. */
    private static double mixtureTerms(double r, double k) {
        if (!(r * Math.log1p(k) < 700.0)) {
            return Double.POSITIVE_INFINITY;
        }
        return 2.0 * k * Math.max(r, 1.0) + 80.0 * (1.0 + k);
    }

    /** Σₙ P(N = n) Sₙ (see {@link #expectation}), or −1 if it has not settled within its term limit. */
    private static double mixtureSeries(double r, double a, double b, double k) {
        double z = k / (1.0 + k);
        double probability = Math.exp(-r * Math.log1p(k));
        double survival = 1.0;
        double purchases = 0.0;
        double sum = 0.0;
        double settled = 2.0 * k * Math.max(r, 1.0);
        double tolerance = 1e-17 * (1.0 - z) / (1.0 + z);
        double c = a + b;
        double rz = r * z;
        int limit = (int) Math.min(3.0 * MAX_SERIES_TERMS, 2.0 * mixtureTerms(r, k) + 100.0);
        for (int n = 0; n < limit; n++) {
            // P(N = n + 1) = P(N = n) (r + n) z / (n + 1); S(n + 1) = S(n) + E[q^n]; E[q^(n+1)] = E[q^n] (b + n)/(c + n)
            double inverse = 1.0 / ((n + 1.0) * (c + n));
            probability *= (rz + n * z) * (c + n) * inverse;
            purchases += survival;
            survival *= (b + n) * (n + 1.0) * inverse;
            double term = probability * purchases;
            sum += term;
            // past n = 2K max(r, 1) every ratio of terms is at most (1 + z)/2: the rest is below term (1 + z)/(1 − z)
            if (term <= tolerance * sum && n >= settled) {
                return sum;
            }
        }
        return -1.0;
    }

    /**
     * E[φ(p)] over p ~ beta(a, b), φ(p) = (1 − (1 + pK)^−r)/p with K = t/α (the integral over λ in closed
     * form), integrated in three parts:
     * <ul>
     * <li>p ≤ p₀ = (1/16)/max(1, |b − 1|, (r + 1)K): the power series of (1 − p)^(b−1) φ(p) = Σ gⱼ pʲ
     * converges fast there, and ∫₀^p₀ p^(a−1) Σ gⱼ pʲ dp = Σ gⱼ p₀^(a+j)/(a + j) is exact, however much
     * mass a beta density with a near 0 puts below p = 10⁻³⁰⁰ (where no quadrature node can reach);</li>
     * <li>1 − p ≤ q₀ = (1/16)/max(1, |a − 2|, (r + 1)z): likewise with the series of p^(a−2)(1 − (1 + pK)^−r)
     * in q = 1 − p, since 1 + pK = (1 + K)(1 − zq);</li>
     * <li>between them, in v = ln(p/q), where the integrand p^a q^b φ(p)/B(a, b) is log-concave and
     * analytic in the strip |Im v| &lt; π, by tanh-sinh quadrature on panels split at the mode ln(a/b),
     * at the shoulders ln a and −ln b of the beta density and at −ln((r + 1)K), where φ turns from rK
     * to 1/p ({@link Quadrature#panels}).</li>
     * </ul>
     * Where the beta distribution is narrow (√(1/a + 1/b) &lt; ½) and away from the ends, the end series
     * are negligible and the whole expectation is a ratio of two trapezoidal sums instead, see
     * {@link #windowedExpectation}.
     *
     * @throws UndefinedResultException if the expectation exceeds the range of a double (which takes
     *     t/α beyond 10³⁰⁰ or so), or the quadrature does not settle to 1e-9 (never seen over parameters
     *     1e-4..1e4 and horizons up to 1e8 α)
     */
    static double integratedExpectation(double r, double alpha, double a, double b, double t) {
        // K = t/α may overflow where t/α > 1.8e308: every use of K goes through ln K or stays finite
        double k = t / alpha;
        double logK = k < Double.POSITIVE_INFINITY ? Math.log(k) : Math.log(t) - Math.log(alpha);
        double z = 1.0 / (1.0 + 1.0 / k);
        double logB = SpecialFunctions.logBeta(a, b);
        double logLowP = Math.log(SERIES_REACH) - Math.max(0.0, Math.max(Math.log(Math.abs(b - 1.0)),
                Math.log(r + 1.0) + logK));
        double lowP = Math.exp(logLowP);
        double lowQ = SERIES_REACH / Math.max(1.0, Math.max(Math.abs(a - 2.0), (r + 1.0) * z));
        double known = lowerSeries(r, logK, a, b, logLowP, logB) + upperSeries(r, k, logK, a, b, z, lowQ, logB);
        double from = logLowP - Math.log1p(-lowP);
        double to = Math.log1p(-lowQ) - Math.log(lowQ);
        double mode = Math.log(a) - Math.log(b);
        double spread = Math.sqrt(1.0 / a + 1.0 / b);
        if (spread < 0.5 && mode > from && mode < to) {
            double windowed = windowedExpectation(r, k, logK, a, b, mode, spread, from, to);
            if (windowed >= 0.0) {
                return windowed;
            }
        }
        // breakpoints inside (from, to), each at least 1 from the ends and from the one before
        double[] inner = {mode, Math.log(a), -Math.log(b), -Math.log(r + 1.0) - logK};
        Arrays.sort(inner);
        double[] breaks = new double[inner.length + 2];
        breaks[0] = from;
        int count = 1;
        for (double v : inner) {
            if (v >= breaks[count - 1] + 1.0 && v <= to - 1.0) {
                breaks[count++] = v;
            }
        }
        breaks[count++] = to;
        DoubleUnaryOperator integrand = v -> integrand(v, r, k, logK, a, b, logB);
        Quadrature.Estimate middle = Quadrature.panels(integrand, breaks, count, known, QUADRATURE_TOLERANCE);
        double value = known + middle.value();
        String parameters = " for r=" + r + ", alpha=" + alpha + ", a=" + a + ", b=" + b + ", t=" + t;
        if (value == Double.POSITIVE_INFINITY) {
            throw new UndefinedResultException("the expected purchases exceed the range of a double" + parameters);
        }
        if (!(middle.error() <= 1e-9 * value)) {
            throw new UndefinedResultException("the expected purchases could not be integrated to 1e-9" + parameters
                    + " (estimate " + value + " ± " + middle.error() + ")");
        }
        return value;
    }

    /**
     * p^a q^b φ(p)/B(a, b) at v = ln(p/q), with ln p and ln q free of cancellation on both sides, as
     * p^(a−1) q^b (1 − (1 + pK)^−r)/B(a, b).
     */
    private static double integrand(double v, double r, double k, double logK, double a, double b, double logB) {
        double e = Math.exp(-Math.abs(v));
        double log1pE = log1p(e);
        double logP = v >= 0.0 ? -log1pE : v - log1pE;
        double logQ = v >= 0.0 ? -v - log1pE : -log1pE;
        // p^a φ(p) = p^(a−1) (1 − (1 + pK)^−r): 1/p in the exponent, exact also where p is subnormal
        double weight = Math.exp((a - 1.0) * logP + b * logQ - logB);
        double p = v >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
        return weight == 0.0 ? 0.0 : weight * boughtShare(times(p, logP, k, logK), r);
    }

    /**
     * E[φ(p)] for a narrow beta distribution, √(1/a + 1/b) &lt; ½ (a and b above 4): with d = v − ln(a/b)
     * the distance from the mode in v = ln(p/q), the weight p^a q^b relative to its mode is
     * w(d) = exp(−a ln(1 + q̂(e^−d − 1)) − b ln(1 + p̂(e^d − 1))), p̂ = a/(a + b), q̂ = 1 − p̂, which keeps
     * full precision where a ln p and b ln q are large; E = ∫ w φ dd / ∫ w dd, both by the trapezoidal rule
     * with the same nodes over the window where w and w φ have fallen e^−45 below the mode (their
     * logarithms are concave, so nothing beyond matters), from a step of half of √(1/a + 1/b), halved
     * until the ratio settles to 1e-14 (the first halving usually settles it: the trapezoidal rule
     * converges exponentially where the integrand vanishes at both ends). Returns −1 if the window reaches past the end series of
     * {@link #integratedExpectation} (which then integrates on panels instead).
     */
    private static double windowedExpectation(double r, double k, double logK, double a, double b, double mode,
            double spread, double from, double to) {
        double pMode = a / (a + b);
        double qMode = b / (a + b);
        double peak = Math.log(boughtShare(times(pMode, Math.log(pMode), k, logK), r) / pMode);
        double low = 0.0;
        double high = 0.0;
        for (int side = -1; side <= 1; side += 2) {
            double distance = 4.0 * spread * side;
            while (true) {
                double v = mode + distance;
                if (v <= from || v >= to) {
                    return -1.0;
                }
                double logWeight = logRelativeWeight(distance, a, b, pMode, qMode);
                if (logWeight < -45.0 && logWeight + Math.log(purchasesAt(v, k, logK, r)) < peak - 45.0) {
                    break;
                }
                distance *= 1.5;
            }
            if (side < 0) {
                low = distance;
            } else {
                high = distance;
            }
        }
        int n = (int) Math.ceil((high - low) / (0.5 * spread));
        double h = (high - low) / n;
        double weights = 0.0;
        double purchases = 0.0;
        // the ends are negligible: every node has weight h
        for (int i = 0; i <= n; i++) {
            double d = low + i * h;
            double w = Math.exp(logRelativeWeight(d, a, b, pMode, qMode));
            weights += w;
            purchases += w * purchasesAt(mode + d, k, logK, r);
        }
        double estimate = purchases / weights;
        for (int level = 1; level <= 6; level++) {
            for (int i = 0; i < n; i++) {
                double d = low + (i + 0.5) * h;
                double w = Math.exp(logRelativeWeight(d, a, b, pMode, qMode));
                weights += w;
                purchases += w * purchasesAt(mode + d, k, logK, r);
            }
            n *= 2;
            h /= 2.0;
            double next = purchases / weights;
            boolean settled = Math.abs(next - estimate) <= 1e-14 * next;
            estimate = next;
            if (settled) {
                return estimate;
            }
        }
        return -1.0;
    }

    /** ln[p^a q^b / (p̂^a q̂^b)] at distance d from the mode in ln(p/q). */
    private static double logRelativeWeight(double d, double a, double b, double pMode, double qMode) {
        return -a * Math.log1p(qMode * Math.expm1(-d)) - b * Math.log1p(pMode * Math.expm1(d));
    }

    /** φ(p) at v = ln(p/q), given K and ln K. */
    private static double purchasesAt(double v, double k, double logK, double r) {
        double e = Math.exp(-Math.abs(v));
        double p = v >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
        return boughtShare(times(p, v >= 0.0 ? -log1p(e) : v - log1p(e), k, logK), r) / p;
    }

    /** pK, from ln p + ln K where K = t/α overflowed or p is too small for the product to be exact. */
    private static double times(double p, double logP, double k, double logK) {
        return k < Double.POSITIVE_INFINITY && p > 1e-290 ? p * k : Math.exp(logP + logK);
    }

    /**
     * ∫₀^p₀ p^(a−1) (1 − p)^(b−1) φ(p) dp / B(a, b) = p₀^a/B(a, b) · Σⱼ gⱼ p₀ʲ/(a + j), with gⱼ the
     * coefficients of (1 − p)^(b−1) φ(p), the product of the binomial series cᵢ = (1 − b)ᵢ/i! and of
     * φ(p) = rK Σ (−K)ʲ (r + 1)ⱼ/(j + 1)! pʲ; p₀ is small enough that both fall by 1/16 a term.
     */
    private static double lowerSeries(double r, double logK, double a, double b, double logP0, double logB) {
        double p0 = Math.exp(logP0);
        double kp0 = Math.exp(logK + logP0);
        double[] binomial = new double[SERIES_TERMS];
        double[] phi = new double[SERIES_TERMS];
        binomial[0] = 1.0;
        phi[0] = 1.0;
        for (int j = 1; j < SERIES_TERMS; j++) {
            binomial[j] = binomial[j - 1] * (j - b) / j * p0;
            phi[j] = -phi[j - 1] * (r + j) / (j + 1.0) * kp0;
        }
        double sum = 0.0;
        for (int j = SERIES_TERMS - 1; j >= 0; j--) {
            double g = 0.0;
            for (int i = 0; i <= j; i++) {
                g += binomial[i] * phi[j - i];
            }
            sum += g / (a + j);
        }
        // the factor rK of φ taken out of the sum
        return Math.exp(Math.log(r) + logK + a * logP0 - logB) * sum;
    }

    /**
     * ∫₀^q₀ q^(b−1) p^(a−2) (1 − (1 + pK)^−r) dq / B(a, b), p = 1 − q, = q₀^b/B(a, b) · Σⱼ hⱼ q₀ʲ/(b + j): with
     * 1 + pK = (1 + K)(1 − zq), the bracket is 1 − (1 + K)^−r Σ (r)ᵢ/i! zⁱ qⁱ, times the binomial series of
     * (1 − q)^(a−2).
     */
    private static double upperSeries(double r, double k, double logK, double a, double b, double z, double q0,
            double logB) {
        double[] binomial = new double[SERIES_TERMS];
        double[] bracket = new double[SERIES_TERMS];
        // ln(1 + K), also where K overflows
        double logOnePlusK = k < 1e300 ? Math.log1p(k) : logK;
        double atZero = Math.exp(-r * logOnePlusK);
        binomial[0] = 1.0;
        bracket[0] = -Math.expm1(-r * logOnePlusK);
        double power = atZero;
        for (int j = 1; j < SERIES_TERMS; j++) {
            binomial[j] = binomial[j - 1] * (j + 1.0 - a) / j * q0;
            power *= z * (r + j - 1.0) / j * q0;
            bracket[j] = -power;
        }
        double sum = 0.0;
        for (int j = SERIES_TERMS - 1; j >= 0; j--) {
            double h = 0.0;
            for (int i = 0; i <= j; i++) {
                h += binomial[i] * bracket[j - i];
            }
            sum += h / (b + j);
        }
        return Math.exp(b * Math.log(q0) - logB) * sum;
    }

    /** 1 − (1 + y)^−r, y = pK, with its series ry (1 − (r + 1)y/2 + (r + 1)(r + 2)y²/6) for tiny (r + 1)y. */
    private static double boughtShare(double y, double r) {
        if ((r + 1.0) * y < 1e-8) {
            return r * y * (1.0 - (r + 1.0) * y * (0.5 - (r + 2.0) * y / 6.0));
        }
        double x = r * log1p(y);
        if (x >= 0.1) {
            return 1.0 - Math.exp(-x);
        }
        double u = Math.exp(-x);
        return u == 1.0 ? x : (1.0 - u) * x / -Math.log(u);
    }

    /**
     * ln(1 + x) for x ≥ 0 without {@link Math#log1p} (a native call, several times slower than
     * Math.log): ln u · x/(u − 1) with u = 1 + x rounded, which divides the rounding of u out (Goldberg
     * 1991, "What every computer scientist should know about floating-point arithmetic", theorem 4), a
     * few ulps from ln(1 + x). {@link #boughtShare} takes 1 − e^−x the same way, (1 − u) x/(−ln u)
     * with u = e^−x, below x = 0.1, and as 1 − e^−x above, where that is at least 0.095.
     */
    static double log1p(double x) {
        double u = 1.0 + x;
        return u == 1.0 || u == Double.POSITIVE_INFINITY ? (u == 1.0 ? x : Math.log(x)) : Math.log(u) * (x / (u - 1.0));
    }

    /** (e^y − 1)/y, 1 at y = 0. */
    static double expm1OverX(double y) {
        return Math.abs(y) < 1e-12 ? 1.0 + 0.5 * y : Math.expm1(y) / y;
    }

    /**
     * P(X(t) = n) of the BG/NBD process from an alive start (Fader, Hardie &amp; Lee 2005, eq. 8):
     * B(a, b + n)/B(a, b) · NB(n; t) + [n &gt; 0] · B(a + 1, b + n − 1)/B(a, b) · P(NB(t) ≥ n), where NB(t)
     * is the negative binomial count of purchases of a customer who never drops out,
     * NB(j; t) = Γ(r + j)/(Γ(r) j!) (α/(α + t))ʳ (t/(α + t))ʲ and P(NB(t) ≥ n) = I_z(n, r). The
     * coefficient Γ(r + n)/(Γ(r) n!) is taken as 1/((r + n) B(r, n + 1)), whose logarithm keeps its digits
     * where n is large (a difference of log-gammas of 10¹⁸ has none left).
     */
    static double probabilityOfPurchases(double r, double alpha, double a, double b, double n, double t) {
        if (t == 0.0) {
            return n == 0 ? 1.0 : 0.0;
        }
        double logZ = -Math.log1p(alpha / t);
        double logOneMinusZ = -Math.log1p(t / alpha);
        // X(t) <= N: past the mean rt/α, P(N >= n) <= ((1 − z)(n + r)/r)^r (z(n + r)/n)^n (Chernoff); where
        // that is below 1e-326 the probability rounds to 0 (and the continued fraction of I_z(n, r) would
        // need millions of steps for n near 10^15 and beyond)
        if (n > r * t / alpha && r * (logOneMinusZ + Math.log1p(n / r)) + n * (logZ + Math.log1p(r / n)) < -750.0) {
            return 0.0;
        }
        double logB = SpecialFunctions.logBeta(a, b);
        // Γ(r + n)/(Γ(r) n!) = 1/((r + n) B(r, n + 1)): logBeta keeps its digits where n is large
        double logNb = -Math.log(r + n) - SpecialFunctions.logBeta(r, n + 1.0) + r * logOneMinusZ + n * logZ;
        double first = Math.exp(SpecialFunctions.logBeta(a, b + n) - logB + logNb);
        if (n == 0) {
            return first;
        }
        double tail = SpecialFunctions.regularizedBeta(t / (alpha + t), alpha / (alpha + t), n, r);
        return first + Math.exp(SpecialFunctions.logBeta(a + 1.0, b + n - 1.0) - logB) * tail;
    }

    /**
     * E[(1 + pt/α)^−r] over p ~ beta(a, b): the probability that a customer alive now, with λ ~ gamma(r, α)
     * and p ~ beta(a, b), has not dropped out t time units later. Where the negative binomial count N of
     * a customer who never drops out (P(N = n) = Γ(r + n)/(Γ(r) n!) (1 − z)ʳ zⁿ, z = t/(α + t)) lies within a
     * few thousand, as the series of positive terms Σₙ P(N = n) (b)ₙ/(a + b)ₙ, (b)ₙ/(a + b)ₙ = E[(1 − p)ⁿ]
     * (about 1e-15 relative); elsewhere (long horizons) from the identity
     * <pre>
     *   E_beta(a,b)[(1 + pK)^−r] = 1 − E_beta(a,b)[p φ(p)] = 1 − a/(a + b) · E_beta(a+1,b)[φ(p)],   φ(p) = (1 − (1 + pK)^−r)/p,
     * </pre>
     * (p times the beta(a, b) density is a/(a + b) times the beta(a + 1, b) density), the last expectation
     * being {@link #expectation}, accurate to about 1e-13 relative over the whole domain: there the
     * survival is exact to about 1e-13 absolute (not relative, where it is far below 1).
     */
    static double survival(double r, double alpha, double a, double b, double t) {
        if (t == 0.0) {
            return 1.0;
        }
        double k = t / alpha;
        if (mixtureTerms(r, k) <= MAX_SERIES_TERMS) {
            double z = k / (1.0 + k);
            double probability = Math.exp(-r * Math.log1p(k));
            double survival = 1.0;
            double sum = probability;
            double settled = 2.0 * k * Math.max(r, 1.0);
            double tolerance = 1e-17 * (1.0 - z) / (1.0 + z);
            int limit = (int) Math.min(3.0 * MAX_SERIES_TERMS, 2.0 * mixtureTerms(r, k) + 100.0);
            for (int n = 0; n < limit; n++) {
                probability *= (r + n) * z / (n + 1.0);
                survival *= (b + n) / (a + b + n);
                double term = probability * survival;
                sum += term;
                if (term <= tolerance * sum && n >= settled) {
                    return Math.min(1.0, sum);
                }
            }
        }
        double dropped = a / (a + b) * expectation(r, alpha, a + 1.0, b, t);
        return Math.min(1.0, Math.max(0.0, 1.0 - dropped));
    }

    /** One simulated customer: {x, tₓ}; k = 1 adds the drop-out chance at the first purchase (MBG/NBD). */
    static void simulate(SplittableRandom random, double r, double alpha, double a, double b, int k, double age,
            double[] out) {
        double lambda = RandomVariates.gamma(random, r, alpha);
        double p = RandomVariates.beta(random, a, b);
        long x = 0;
        double last = 0.0;
        boolean alive = k == 0 || random.nextDouble() >= p;
        double time = 0.0;
        while (alive) {
            time += RandomVariates.exponential(random, lambda);
            if (!(time <= age)) {
                break;
            }
            x++;
            last = time;
            alive = random.nextDouble() >= p;
        }
        out[0] = x;
        out[1] = last;
    }

    static double logSumExp(double u, double v) {
        double max = Math.max(u, v);
        return max + Math.log1p(Math.exp(Math.min(u, v) - max));
    }

    /**
     * The total log-likelihood of BG/NBD (k = 0) or MBG/NBD (k = 1) data with its analytic gradient in
     * (r, α, a, b). With m = x + k, each row's ln L is the group term
     * ln Γ(r + x) − ln Γ(r) + r ln α + ln B(a, b + m) − ln B(a, b), the same for every row of a group (one
     * x, computed once and added with the group's total weight), plus the row term
     * ln[(α + T)^−(r+x) + [m &gt; 0] a/(b + m − 1) (α + tₓ)^−(r+x)], taken as the larger of its two logarithms
     * plus the logarithm of 1 + e^−d, d their distance: one exponential and one logarithm a row, besides
     * ln(α + T) and ln(α + tₓ), which are computed once per distinct age and recency where the rows share
     * few. The rows are summed in chunks on all cores ({@link RowChunks}); data of one chunk (up to 8,192
     * distinct rows) are summed in one pass in row order, each group's term added after its rows; the group
     * terms follow x by recurrences (see {@code groupTerms}).
     */
    static final class Likelihood extends PurchaseLikelihood {

        /** The largest jump of x the recurrences of the group terms take. */
        private static final int STEPS = 16;
        /** The most recurrence steps between two calls of the special functions. */
        private static final int ANCHOR = 256;

        private final int k;

        Likelihood(PurchaseHistories data, int k) {
            super(data);
            this.k = k;
        }

        @Override
        public MaximumLikelihood.LogLikelihood sample(int stride) {
            return new Likelihood(sampleRows(stride), k);
        }

        @Override
        public double value(double[] theta, double[] gradient) {
            double r = theta[0];
            double alpha = theta[1];
            double a = theta[2];
            double b = theta[3];
            boolean withGradient = gradient != null;
            // per group: [0] the common part of ln L, [1] ln(a/(b + m − 1)), [2] 1/(b + m − 1), [3..5] the
            // common part's derivatives in r, a, b
            double[][] terms = new double[6][groupX.length];
            groupTerms(r, alpha, a, b, withGradient, terms);
            double[] logAges = logarithms(distinctAges, alpha);
            double[] logRecencies = logarithms(distinctRecencies, alpha);
            double[] inverseAges = withGradient ? inverses(distinctAges, alpha) : null;
            double[] inverseRecencies = withGradient ? inverses(distinctRecencies, alpha) : null;
            return RowChunks.sum(rows, gradient, (from, to, g) -> withGradient
                    ? rowGradient(from, to, r, alpha, a, terms, logAges, logRecencies, inverseAges, inverseRecencies, g)
                    : rowValues(from, to, r, alpha, terms, logAges, logRecencies));
        }

        /**
         * The analytic Hessian of the log-likelihood in (r, α, a, b). A row's term ln(e^A + e^B), with
         * A = −(r + x) ln(α + T) and B = ln a − ln(b + m − 1) − (r + x) ln(α + tₓ) (B absent where m = 0),
         * has the Hessian p_A ∇²A + p_B ∇²B + p_A p_B (∇A − ∇B)(∇A − ∇B)ᵀ, p its terms' shares; a group's
         * common term adds W · (ψ′(r + x) − ψ′(r), 1/α, −r/α² and the trigamma differences of the beta
         * functions), W the group's weight. One pass over the rows (in chunks on all cores), about the
         * cost of one evaluation with the gradient.
         */
        @Override
        public double[][] hessian(double[] theta) {
            double r = theta[0];
            double alpha = theta[1];
            double a = theta[2];
            double b = theta[3];
            double[][] terms = new double[6][groupX.length];
            groupTerms(r, alpha, a, b, false, terms);
            double[] logAges = logarithms(distinctAges, alpha);
            double[] logRecencies = logarithms(distinctRecencies, alpha);
            // the ten entries of the upper triangle, row by row: rr, rα, ra, rb, αα, αa, αb, aa, ab, bb
            double[] sums = new double[10];
            RowChunks.sum(rows, sums, (from, to, h) -> rowHessian(from, to, r, alpha, a, terms, logAges, logRecencies, h));
            double trigammaR = SpecialFunctions.trigamma(r);
            double trigammaB = SpecialFunctions.trigamma(b);
            double trigammaAB = SpecialFunctions.trigamma(a + b);
            for (int g = 0; g < groupX.length; g++) {
                double w = groupWeight[g];
                double m = groupX[g] + k;
                double trigammaABM = SpecialFunctions.trigamma(a + b + m);
                sums[0] += w * (SpecialFunctions.trigamma(r + groupX[g]) - trigammaR);
                sums[1] += w / alpha;
                sums[4] -= w * r / (alpha * alpha);
                sums[7] += w * (trigammaAB - trigammaABM);
                sums[8] += w * (trigammaAB - trigammaABM);
                sums[9] += w * (SpecialFunctions.trigamma(b + m) - trigammaB + trigammaAB - trigammaABM);
            }
            double[][] hessian = new double[4][4];
            int entry = 0;
            for (int i = 0; i < 4; i++) {
                for (int j = i; j < 4; j++) {
                    hessian[i][j] = sums[entry];
                    hessian[j][i] = sums[entry];
                    entry++;
                }
            }
            return hessian;
        }

        /** The row terms' Hessian entries of rows [from, to), added to {@code h} (upper triangle). */
        private double rowHessian(int from, int to, double r, double alpha, double a, double[][] terms,
                double[] logAges, double[] logRecencies, double[] h) {
            double inverseA = 1.0 / a;
            for (int g = groupOf(from), i = from; i < to; g++) {
                int end = Math.min(to, groupStart[g + 1]);
                double rx = r + groupX[g];
                double logFactor = terms[1][g];
                double inverseBM = terms[2][g];
                boolean alone = groupX[g] + k == 0;
                for (; i < end; i++) {
                    double w = weight[i];
                    double inverseAge = 1.0 / (alpha + age[i]);
                    if (alone) {
                        h[1] -= w * inverseAge;
                        h[4] += w * rx * inverseAge * inverseAge;
                        continue;
                    }
                    double logAge = logAges == null ? Math.log(alpha + age[i]) : logAges[ageIndex[i]];
                    double logRecency = logRecencies == null ? Math.log(alpha + recency[i])
                            : logRecencies[recencyIndex[i]];
                    double inverseRecency = 1.0 / (alpha + recency[i]);
                    double atAge = -rx * logAge;
                    double atRecency = logFactor - rx * logRecency;
                    double e = Math.exp(-Math.abs(atAge - atRecency));
                    double larger = 1.0 / (1.0 + e);
                    double pAge = atAge >= atRecency ? larger : e * larger;
                    double pRecency = atAge >= atRecency ? e * larger : larger;
                    double q = w * pAge * pRecency;
                    // ∇A − ∇B
                    double d0 = logRecency - logAge;
                    double d1 = -rx * (inverseAge - inverseRecency);
                    double d2 = -inverseA;
                    double d3 = inverseBM;
                    h[0] += q * d0 * d0;
                    h[1] += q * d0 * d1 - w * (pAge * inverseAge + pRecency * inverseRecency);
                    h[2] += q * d0 * d2;
                    h[3] += q * d0 * d3;
                    h[4] += q * d1 * d1 + w * rx * (pAge * inverseAge * inverseAge
                            + pRecency * inverseRecency * inverseRecency);
                    h[5] += q * d1 * d2;
                    h[6] += q * d1 * d3;
                    h[7] += q * d2 * d2 - w * pRecency * inverseA * inverseA;
                    h[8] += q * d2 * d3;
                    h[9] += q * d3 * d3 + w * pRecency * inverseBM * inverseBM;
                }
            }
            return 0.0;
        }

        /** 1/(α + v) of each distinct value; null without a table. */
        private static double[] inverses(double[] distinct, double alpha) {
            if (distinct == null) {
                return null;
            }
            double[] inverses = new double[distinct.length];
            for (int j = 0; j < distinct.length; j++) {
                inverses[j] = 1.0 / (alpha + distinct[j]);
            }
            return inverses;
        }

        /** ln(α + v) of each distinct value; null without a table. */
        private static double[] logarithms(double[] distinct, double alpha) {
            if (distinct == null) {
                return null;
            }
            double[] logarithms = new double[distinct.length];
            for (int j = 0; j < distinct.length; j++) {
                logarithms[j] = Math.log(alpha + distinct[j]);
            }
            return logarithms;
        }

        /**
         * The group terms: ln Γ(r + x) − ln Γ(r) + r ln α + ln B(a, b + m) − ln B(a, b), ln a − ln(b + m − 1)
         * and 1/(b + m − 1) where m &gt; 0, and with the gradient ψ(r + x) − ψ(r) + ln α,
         * ψ(a + b) − ψ(a + b + m) and ψ(b + m) − ψ(b) + ψ(a + b) − ψ(a + b + m). From one group's x to the
         * next they go by ln Γ(z + 1) = ln Γ(z) + ln z, ln B(a, z + 1) = ln B(a, z) + ln(z/(a + z)) and
         * ψ(z + 1) = ψ(z) + 1/z, which keep their digits where r or b is large (where a difference of two
         * log-gammas has lost them); by the special functions where x jumps by more than {@link #STEPS}, or
         * {@link #ANCHOR} steps after they were last called.
         */
        private void groupTerms(double r, double alpha, double a, double b, boolean withGradient, double[][] terms) {
            double logAlpha = Math.log(alpha);
            double logA = Math.log(a);
            // at x, m = x + k: ln Γ(r + x) − ln Γ(r), ln B(a, b + m) − ln B(a, b), ψ(r + x) − ψ(r),
            // ψ(a + b + m) − ψ(a + b), ψ(b + m) − ψ(b)
            double at = 0.0;
            double gammaR = 0.0;
            double betaM = k == 0 ? 0.0 : Math.log(b / (a + b));
            double digammaR = 0.0;
            double digammaABM = k == 0 ? 0.0 : 1.0 / (a + b);
            double digammaBM = k == 0 ? 0.0 : 1.0 / b;
            int steps = 0;
            for (int g = 0; g < groupX.length; g++) {
                double target = groupX[g];
                if (target - at <= STEPS && steps + (target - at) <= ANCHOR) {
                    for (; at < target; at++, steps++) {
                        double m = at + k;
                        gammaR += Math.log(r + at);
                        betaM += Math.log((b + m) / (a + b + m));
                        if (withGradient) {
                            digammaR += 1.0 / (r + at);
                            digammaABM += 1.0 / (a + b + m);
                            digammaBM += 1.0 / (b + m);
                        }
                    }
                } else {
                    at = target;
                    double m = at + k;
                    gammaR = SpecialFunctions.logGamma(r + at) - SpecialFunctions.logGamma(r);
                    betaM = SpecialFunctions.logBeta(a, b + m) - SpecialFunctions.logBeta(a, b);
                    if (withGradient) {
                        digammaR = SpecialFunctions.digamma(r + at) - SpecialFunctions.digamma(r);
                        digammaABM = SpecialFunctions.digamma(a + b + m) - SpecialFunctions.digamma(a + b);
                        digammaBM = SpecialFunctions.digamma(b + m) - SpecialFunctions.digamma(b);
                    }
                    steps = 0;
                }
                double m = at + k;
                terms[0][g] = gammaR + r * logAlpha + betaM;
                if (m > 0) {
                    terms[1][g] = logA - Math.log(b + m - 1.0);
                    terms[2][g] = 1.0 / (b + m - 1.0);
                }
                terms[3][g] = digammaR + logAlpha;
                terms[4][g] = -digammaABM;
                terms[5][g] = digammaBM - digammaABM;
            }
        }

        /** The log-likelihood of rows [from, to), each group's term added after its last row. */
        private double rowValues(int from, int to, double r, double alpha, double[][] terms, double[] logAges,
                double[] logRecencies) {
            double total = 0.0;
            Softplus softplus = new Softplus();
            for (int g = groupOf(from), i = from; i < to; g++) {
                int end = Math.min(to, groupStart[g + 1]);
                double rx = r + groupX[g];
                double logFactor = terms[1][g];
                boolean alone = groupX[g] + k == 0;
                for (; i < end; i++) {
                    double logAge = logAges == null ? Math.log(alpha + age[i]) : logAges[ageIndex[i]];
                    double atAge = -rx * logAge;
                    if (alone) {
                        total += weight[i] * atAge;
                        continue;
                    }
                    double logRecency = logRecencies == null ? Math.log(alpha + recency[i])
                            : logRecencies[recencyIndex[i]];
                    double atRecency = logFactor - rx * logRecency;
                    total += weight[i] * Math.max(atAge, atRecency);
                    softplus.add(Math.exp(-Math.abs(atAge - atRecency)), weight[i]);
                }
                if (end == groupStart[g + 1]) {
                    total += groupWeight[g] * terms[0][g];
                }
            }
            return total + softplus.total();
        }

        /**
         * Σ w ln(1 + e) over the rows, e in (0, 1]: the factors 1 + e of rows of weight 1 multiplied, 64 at a
         * time (a product at most 2⁶⁴), and one logarithm taken per 64 rows, not one a row; rows of other
         * weights each their own logarithm. The products round once a factor, 64 roundings of 2⁻⁵³ relative
         * at most in a logarithm of up to 44: an error below 10⁻¹³ per 64 rows.
         */
        private static final class Softplus {
            private double logarithms;
            private double product = 1.0;
            private int factors;

            void add(double e, double weight) {
                if (weight == 1.0) {
                    product *= 1.0 + e;
                    if (++factors == 64) {
                        logarithms += Math.log(product);
                        product = 1.0;
                        factors = 0;
                    }
                } else {
                    logarithms += weight * Math.log(1.0 + e);
                }
            }

            double total() {
                return logarithms + Math.log(product);
            }
        }

        /** The log-likelihood of rows [from, to), their gradient added to {@code gradient}. */
        private double rowGradient(int from, int to, double r, double alpha, double a, double[][] terms,
                double[] logAges, double[] logRecencies, double[] inverseAges, double[] inverseRecencies,
                double[] gradient) {
            double total = 0.0;
            double gr = 0.0;
            double galpha = 0.0;
            double ga = 0.0;
            double gaCommon = 0.0;
            double gb = 0.0;
            Softplus softplus = new Softplus();
            for (int g = groupOf(from), i = from; i < to; g++) {
                int end = Math.min(to, groupStart[g + 1]);
                double rx = r + groupX[g];
                double logFactor = terms[1][g];
                boolean alone = groupX[g] + k == 0;
                // Σ w (the recency term's share), which the derivatives in a and b take
                double recent = 0.0;
                for (; i < end; i++) {
                    double w = weight[i];
                    double logAge;
                    double inverseAge;
                    if (logAges == null) {
                        logAge = Math.log(alpha + age[i]);
                        inverseAge = 1.0 / (alpha + age[i]);
                    } else {
                        logAge = logAges[ageIndex[i]];
                        inverseAge = inverseAges[ageIndex[i]];
                    }
                    double atAge = -rx * logAge;
                    if (alone) {
                        total += w * atAge;
                        gr -= w * logAge;
                        galpha -= w * rx * inverseAge;
                        continue;
                    }
                    double logRecency;
                    double inverseRecency;
                    if (logRecencies == null) {
                        logRecency = Math.log(alpha + recency[i]);
                        inverseRecency = 1.0 / (alpha + recency[i]);
                    } else {
                        logRecency = logRecencies[recencyIndex[i]];
                        inverseRecency = inverseRecencies[recencyIndex[i]];
                    }
                    double atRecency = logFactor - rx * logRecency;
                    // the larger term's share 1/(1 + e), the smaller's e/(1 + e), e = e^−|d|
                    boolean ageLarger = atAge >= atRecency;
                    double e = Math.exp(-Math.abs(atAge - atRecency));
                    double larger = 1.0 / (1.0 + e);
                    double smaller = e * larger;
                    double wAge = ageLarger ? larger : smaller;
                    double wRecency = ageLarger ? smaller : larger;
                    total += w * Math.max(atAge, atRecency);
                    softplus.add(e, w);
                    gr -= w * (wAge * logAge + wRecency * logRecency);
                    galpha -= w * rx * (wAge * inverseAge + wRecency * inverseRecency);
                    recent += w * wRecency;
                }
                ga += recent;
                gb -= recent * terms[2][g];
                if (end == groupStart[g + 1]) {
                    double w = groupWeight[g];
                    total += w * terms[0][g];
                    gr += w * terms[3][g];
                    galpha += w * r / alpha;
                    gaCommon += w * terms[4][g];
                    gb += w * terms[5][g];
                }
            }
            gradient[0] += gr;
            gradient[1] += galpha;
            gradient[2] += gaCommon + ga / a;
            gradient[3] += gb;
            return total + softplus.total();
        }
    }
}
