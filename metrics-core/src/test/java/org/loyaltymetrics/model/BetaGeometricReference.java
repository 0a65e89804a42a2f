package org.loyaltymetrics.model;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * An independent computation of the BG/NBD and MBG/NBD predictions for the domain sweep, sharing no
 * code with the library (not even its special functions): the expectations by globally adaptive
 * Gauss-Kronrod (7-15) quadrature over the drop-out probability p in logarithmic variables, with the
 * integral over the purchase rate λ in closed form; the count probabilities by direct sums of the
 * negative binomial probabilities. Slow and careful; each value comes with its own error estimate, so
 * that the sweep compares only where the reference has the digits.
 *
 * <p><b>Expectation.</b> A customer alive now, with purchase rate λ ~ gamma(r, α) and drop-out
 * probability p ~ beta(a, b) after each purchase, makes E[(1 − e^(−λpt))/p] purchases in t; over λ this
 * is φ(p) = (1 − (1 + pK)^−r)/p with K = t/α, and the expectation is
 * <pre>
 *   I = ∫₀¹ p^(a−1) q^(b−1) φ(p) dp / ∫₀¹ p^(a−1) q^(b−1) dp,   q = 1 − p,
 * </pre>
 * both integrals by the same quadrature (so that no beta function is needed). With s = −ln p the weight
 * is e^(−as) q^(b−1) ds; s in [1, ∞) is integrated in s and s in (0, 1] in σ = ln s, where the weight is
 * e^(bσ) (q/s)^(b−1) dσ. Each variable sees the mass that a beta density with a or b near 0 puts at
 * p or q below 10⁻³⁰⁰. Both ends are cut where the integrand has settled into its exponential tail
 * (e^(bσ) as σ → −∞, e^(−as) as s → ∞), and the tail beyond the cut is added in closed form.
 * Breakpoints at the beta distribution's mean ± 2^k standard deviations, at the transition of φ near
 * p = 1/((r + 1)K) and at powers of two in σ and s keep the adaptive rule from missing a narrow peak.
 */
final class BetaGeometricReference {

    /** A reference value and the estimate of its absolute error. */
    record Value(double value, double error) {

        /** Whether the value is known to {@code relative} (its error estimate below that). */
        boolean hasDigits(double relative) {
            return Double.isFinite(value) && error <= relative * Math.abs(value);
        }
    }

    private static final double[] NODES = {0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788, 0.586087235467691130294144845693013,
        0.405845151377397166906606412076961, 0.207784955007898467600689403773245, 0.0};
    private static final double[] KRONROD = {0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238, 0.169004726639267902826583426598550,
        0.190350578064785409913256402421014, 0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    /** Gauss weights of the nodes 1, 3, 5 and 7 (0). */
    private static final double[] GAUSS = {0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

    private static final double TOLERANCE = 1e-12;
    private static final int MAX_PANELS = 400;

    static int lastPanels;

    private BetaGeometricReference() {
    }

    /** The two integrands at v: out[0] = numerator weight · φ, out[1] = denominator weight. */
    private interface Integrand {
        void at(double v, double[] out);
    }

    private record Panel(double low, double high, double numerator, double denominator, double numeratorError,
            double denominatorError, double priority) {
    }

    /**
     * I(r, K, a, b) = E[φ(p)] over p ~ beta(a, b), φ(p) = (1 − (1 + pK)^−r)/p: the expected purchases
     * in t = Kα of a customer alive now.
     */
    static Value expectation(double r, double k, double a, double b) {
        return expectation(r, k, a, b, 0);
    }

    /**
     * E[q^extra φ(p)] over p ~ beta(a, b): ∫ p^(a−1) q^(b+extra−1) φ(p) dp / ∫ p^(a−1) q^(b−1) dp, as
     * the MBG/NBD expectation (extra = 1: the customer survives the drop-out chance at the first
     * purchase) needs it.
     */
    static Value expectation(double r, double k, double a, double b, int extra) {
        if (k == 0.0) {
            return new Value(0.0, 0.0);
        }
        // scale: the weight p^a q^b is largest at p = a/(a + b); its logarithm there is subtracted
        double offset = a * Math.log(a / (a + b)) + b * Math.log(b / (a + b));
        double[] sums = integrate(r, k, a, b, extra, offset);
        double value = sums[0] / sums[1];
        double error = Math.abs(value) * (sums[2] / Math.abs(sums[0]) + sums[3] / Math.abs(sums[1]));
        return new Value(value, error + 4e-16 * Math.abs(value));
    }

    /** {∫ numerator, ∫ denominator, their errors} over p in (0, 1), split at p = 1/e into two variables. */
    private static double[] integrate(double r, double k, double a, double b, int extra, double offset) {
        // s in [1, ∞): p = e^−s <= 1/e
        Integrand inS = (s, out) -> {
            double lnQ = logOnePlus(-Math.exp(-s));
            double w = Math.exp(-a * s + (b - 1.0) * lnQ - offset);
            out[1] = w;
            out[0] = w == 0.0 ? 0.0 : w * Math.exp(extra * lnQ) * phi(s, r, k);
        };
        // σ in (−∞, 0]: s = e^σ, p = e^−s >= 1/e
        Integrand inSigma = (sigma, out) -> {
            double s = Math.exp(sigma);
            double lnQOverS = s < 1e-5 ? -0.5 * s + s * s / 24.0 : Math.log(oneMinusExp(s) / s);
            double w = Math.exp(-a * s + b * sigma + (b - 1.0) * lnQOverS - offset);
            out[1] = w;
            out[0] = w == 0.0 ? 0.0 : w * Math.exp(extra * (sigma + lnQOverS)) * phi(s, r, k);
        };
        List<Double> sBreaks = new ArrayList<>();
        List<Double> sigmaBreaks = new ArrayList<>();
        double sMax = Math.max(2.0, Math.max(Math.log1p((r + 1.0) * k), Math.log(a + b + 1.0)) + 12.0) + 45.0 / a;
        double sigmaMin = -Math.log(a + b + 1.0) - Math.log((r + 1.0) * (k + 1.0)) - 12.0 - 45.0 / b;
        for (double s = 1.0; s < sMax; s *= 2.0) {
            sBreaks.add(s);
        }
        sBreaks.add(sMax);
        for (double sigma = -1.0; sigma > sigmaMin; sigma *= 2.0) {
            sigmaBreaks.add(sigma);
        }
        sigmaBreaks.add(0.0);
        sigmaBreaks.add(sigmaMin);
        double sd = Math.sqrt(a * b / ((a + b) * (a + b) * (a + b + 1.0)));
        List<Double> pBreaks = new ArrayList<>();
        pBreaks.add(a / (a + b));
        for (double step = 1.0; step <= 64.0; step *= 4.0) {
            pBreaks.add(a / (a + b) - step * sd);
            pBreaks.add(a / (a + b) + step * sd);
        }
        double transition = 1.0 / ((r + 1.0) * k);
        for (double factor : new double[] {1e-2, 1.0, 100.0}) {
            pBreaks.add(factor * transition);
        }
        for (double p : pBreaks) {
            if (p > 0.0 && p < 1.0) {
                double s = -Math.log(p);
                if (s >= 1.0 && s < sMax) {
                    sBreaks.add(s);
                } else if (s < 1.0) {
                    double sigma = Math.log(s);
                    if (sigma > sigmaMin) {
                        sigmaBreaks.add(sigma);
                    }
                }
            }
        }
        // near q = 0: q ≈ s, so the mean and spread of q give σ = ln s
        double qMean = b / (a + b);
        for (double step = 1.0; step <= 64.0; step *= 4.0) {
            for (double q : new double[] {qMean - step * sd, qMean + step * sd, qMean / step}) {
                if (q > 0.0 && q < 1.0 - Math.exp(-1.0)) {
                    double sigma = Math.log(-Math.log1p(-q));
                    if (sigma > sigmaMin) {
                        sigmaBreaks.add(sigma);
                    }
                }
            }
        }
        double[] out = new double[2];
        List<Panel> panels = new ArrayList<>();
        addPanels(inS, sBreaks, panels, out);
        addPanels(inSigma, sigmaBreaks, panels, out);
        double[] sums = refine(panels, inS, inSigma, out);
        // the tails beyond the cuts, in closed form: e^(−as) beyond sMax, e^(bσ) below σMin
        inS.at(sMax, out);
        double tailNumerator = out[0] / a;
        double tailDenominator = out[1] / a;
        inSigma.at(sigmaMin, out);
        tailNumerator += out[0] / b;
        tailDenominator += out[1] / b;
        return new double[] {sums[0] + tailNumerator, sums[1] + tailDenominator, sums[2] + 0.1 * tailNumerator,
            sums[3] + 0.1 * tailDenominator};
    }

    private static void addPanels(Integrand f, List<Double> breaks, List<Panel> panels, double[] out) {
        double[] sorted = new double[breaks.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = breaks.get(i);
        }
        java.util.Arrays.sort(sorted);
        for (int i = 0; i + 1 < sorted.length; i++) {
            if (sorted[i + 1] > sorted[i]) {
                panels.add(rule(f, sorted[i], sorted[i + 1], out, 1.0, 1.0));
            }
        }
    }

    /** Bisects the panel with the largest error until the total error is below the tolerance. */
    private static double[] refine(List<Panel> start, Integrand inS, Integrand inSigma, double[] out) {
        double numerator = 0.0;
        double denominator = 0.0;
        for (Panel panel : start) {
            numerator += panel.numerator();
            denominator += panel.denominator();
        }
        // errors are weighed relative to the first estimates of the two integrals
        double numeratorScale = 1.0 / Math.abs(numerator);
        double denominatorScale = 1.0 / Math.abs(denominator);
        PriorityQueue<Panel> queue = new PriorityQueue<>((x, y) -> Double.compare(y.priority(), x.priority()));
        double error = 0.0;
        for (Panel panel : start) {
            Panel weighed = rule(panel.low() >= 1.0 ? inS : inSigma, panel.low(), panel.high(), out, numeratorScale,
                    denominatorScale);
            queue.add(weighed);
            error += weighed.priority();
        }
        int count = queue.size();
        while (count < MAX_PANELS && error > TOLERANCE && Double.isFinite(error)) {
            Panel worst = queue.poll();
            Integrand f = worst.low() >= 1.0 ? inS : inSigma;
            double middle = 0.5 * (worst.low() + worst.high());
            Panel left = rule(f, worst.low(), middle, out, numeratorScale, denominatorScale);
            Panel right = rule(f, middle, worst.high(), out, numeratorScale, denominatorScale);
            queue.add(left);
            queue.add(right);
            error += left.priority() + right.priority() - worst.priority();
            count++;
        }
        double[] sums = new double[4];
        for (Panel panel : queue) {
            sums[0] += panel.numerator();
            sums[1] += panel.denominator();
            sums[2] += panel.numeratorError();
            sums[3] += panel.denominatorError();
        }
        lastPanels = count;
        return sums;
    }

    private static Panel rule(Integrand f, double low, double high, double[] out, double numeratorScale,
            double denominatorScale) {
        double half = 0.5 * (high - low);
        double center = 0.5 * (high + low);
        f.at(center, out);
        double kronrod0 = KRONROD[7] * out[0];
        double kronrod1 = KRONROD[7] * out[1];
        double gauss0 = GAUSS[3] * out[0];
        double gauss1 = GAUSS[3] * out[1];
        for (int j = 0; j < 7; j++) {
            double x = half * NODES[j];
            f.at(center - x, out);
            double sum0 = out[0];
            double sum1 = out[1];
            f.at(center + x, out);
            sum0 += out[0];
            sum1 += out[1];
            kronrod0 += KRONROD[j] * sum0;
            kronrod1 += KRONROD[j] * sum1;
            if (j % 2 == 1) {
                gauss0 += GAUSS[j / 2] * sum0;
                gauss1 += GAUSS[j / 2] * sum1;
            }
        }
        double error0 = Math.abs((kronrod0 - gauss0) * half);
        double error1 = Math.abs((kronrod1 - gauss1) * half);
        return new Panel(low, high, kronrod0 * half, kronrod1 * half, error0, error1,
                error0 * numeratorScale + error1 * denominatorScale);
    }

    /**
     * P(alive | x, tₓ, T) = 1 / (1 + [m &gt; 0] · a/(b + m − 1) · (1 + (T − tₓ)/(α + tₓ))^(r+x)), m = x + k:
     * the share of the likelihood that belongs to a customer alive at T (the ratio of the beta moments
     * E[p q^(m−1)] / E[q^m] is a/(b + m − 1)).
     */
    static double probabilityAlive(double r, double alpha, double a, double b, int k, long x, double recency,
            double age) {
        long m = x + k;
        if (m == 0) {
            return 1.0;
        }
        double logOdds = Math.log(a / (b + m - 1.0)) + (r + x) * Math.log1p((age - recency) / (alpha + recency));
        return logOdds > 0.0 ? Math.exp(-logOdds) / (1.0 + Math.exp(-logOdds)) : 1.0 / (1.0 + Math.exp(logOdds));
    }

    /**
     * P(X(t) = n) of a new customer, with k = 0 (BG/NBD) or 1 (MBG/NBD, a drop-out chance at time 0):
     * [n = 0] · k · E[p] + E[q^(n+k)] · P(N = n) + [n &gt; 0] · E[p q^(n+k−1)] · P(N ≥ n), where N is the
     * negative binomial count of a customer who never drops out, P(N = j) = Γ(r + j)/(Γ(r) j!) (1 − z)^r z^j
     * with z = t/(α + t), and the beta moments are products, E[q^j] = Π (b + i)/(a + b + i). The tail P(N ≥ n)
     * is summed directly where it is small, and as one minus the head where it is not.
     */
    static Value probabilityOfPurchases(double r, double alpha, double a, double b, int k, long n, double t) {
        if (t == 0.0) {
            double value = n == 0 ? 1.0 : 0.0;
            return new Value(value, 0.0);
        }
        double logZ = -Math.log1p(alpha / t);
        double logOneMinusZ = -Math.log1p(t / alpha);
        // ln E[q^(n+k)], ln E[p q^(n+k−1)] and ln P(N = n) as logarithms of products
        double logQMoment = logProduct(i -> (b + i) / (a + b + i), n + k);
        double logPQMoment = Math.log(a / (a + b)) + logProduct(i -> (b + i) / (a + b + 1.0 + i), n + k - 1);
        double logPmf = r * logOneMinusZ + n * logZ + logProduct(j -> (r + j) / (j + 1.0), n);
        double value = Math.exp(logQMoment + logPmf);
        double error = 1e-15 * (n + 10) * value;
        if (n == 0 && k == 1) {
            value += a / (a + b);
        }
        if (n > 0) {
            Value tail = negativeBinomialTail(r, logZ, logOneMinusZ, n, logPmf);
            double weight = Math.exp(logPQMoment);
            value += weight * tail.value();
            error += weight * tail.error() + 1e-15 * (n + 10) * weight * tail.value();
        }
        return new Value(value, error);
    }

    /** Σ ln f(i) over i = 0..count − 1 (positive factors), multiplied out and logged once every 10²⁵⁰. */
    private static double logProduct(java.util.function.LongToDoubleFunction factor, long count) {
        double logarithm = 0.0;
        double product = 1.0;
        for (long i = 0; i < count; i++) {
            product *= factor.applyAsDouble(i);
            if (product > 1e250 || product < 1e-250) {
                logarithm += Math.log(product);
                product = 1.0;
            }
        }
        return logarithm + Math.log(product);
    }

    /**
     * P(N ≥ n), n ≥ 1, for the negative binomial count N of purchases in t of a customer who never drops
     * out: X(t) ≤ N, so this bounds P(X(t) ≥ n) from above.
     */
    static double negativeBinomialTail(double r, double alpha, double t, long n) {
        double logZ = -Math.log1p(alpha / t);
        double logOneMinusZ = -Math.log1p(t / alpha);
        double logPmf = r * logOneMinusZ + n * logZ + logProduct(j -> (r + j) / (j + 1.0), n);
        return negativeBinomialTail(r, logZ, logOneMinusZ, n, logPmf).value();
    }

    /** P(N ≥ n), n ≥ 1, given ln P(N = n). */
    private static Value negativeBinomialTail(double r, double logZ, double logOneMinusZ, long n, double logPmfN) {
        double z = Math.exp(logZ);
        double mean = r * Math.exp(logZ - logOneMinusZ);
        // the largest ratio of consecutive terms from n on: at n for r >= 1, z (approached from below) for r < 1
        double largestRatio = r >= 1.0 ? (r + n) * z / (n + 1.0) : z;
        if (n > mean && largestRatio < 0.999) {
            // the terms fall from n on at least geometrically
            double term = 1.0;
            double sum = 0.0;
            long j = n;
            int count = 0;
            while (term > 1e-20 * sum || count < 2) {
                sum += term;
                term *= (r + j) * z / (j + 1.0);
                j++;
                count++;
            }
            double value = Math.exp(logPmfN) * sum;
            return new Value(value, 1e-15 * (count + 10 + n) * value);
        }
        // 1 − Σ_{j<n} P(N = j) = (1 − P(N = 0)) − Σ_{0<j<n} P(N = j), the head summed relative to P(N = 1)
        double notZero = -Math.expm1(r * logOneMinusZ);
        double logScale = Math.log(r) + r * logOneMinusZ + logZ;
        double term = 1.0;
        double head = 0.0;
        for (long j = 1; j < n; j++) {
            head += term;
            term *= (r + j) * z / (j + 1.0);
            if (term > 1e250) {
                double logTerm = Math.log(term);
                logScale += logTerm;
                head /= term;
                term = 1.0;
            }
        }
        double value = notZero - head * Math.exp(logScale);
        return new Value(value, 1e-15 * (n + 10) * notZero);
    }

    /** φ(p) = (1 − (1 + pK)^−r)/p at p = e^−s, with its series rK(1 − (r + 1)pK/2 + …) for tiny pK. */
    private static double phi(double s, double r, double k) {
        double pk = Math.exp(Math.log(k) - s);
        if ((r + 1.0) * pk < 1e-9) {
            return r * k * (1.0 - 0.5 * (r + 1.0) * pk + (r + 1.0) * (r + 2.0) * pk * pk / 6.0);
        }
        return oneMinusExp(r * logOnePlus(pk)) / Math.exp(-s);
    }

    /** ln(1 + x), x &gt; −1, by Kahan's trick: ln(u) x / (u − 1) with u = 1 + x rounded, exact to a few ulps. */
    private static double logOnePlus(double x) {
        double u = 1.0 + x;
        return u == 1.0 ? x : Math.log(u) * (x / (u - 1.0));
    }

    /**
     * 1 − e^−y for y ≥ 0: 1 − exp(−y) from y = 0.1 on (where it is at least 0.095, so that the rounding of
     * exp costs at most 1.2e-15 relative), and below it Kahan's form, which divides the rounding out.
     */
    private static double oneMinusExp(double y) {
        if (y >= 0.1) {
            return 1.0 - Math.exp(-y);
        }
        // Kahan's trick for expm1: (u − 1) y / ln u with u = e^−y rounded
        double u = Math.exp(-y);
        return u == 1.0 ? y : (1.0 - u) * y / -Math.log(u);
    }
}
