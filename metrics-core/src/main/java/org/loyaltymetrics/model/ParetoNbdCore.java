package org.loyaltymetrics.model;

import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.internal.RowChunks;
import org.loyaltymetrics.internal.SpecialFunctions;

/**
 * The Pareto/NBD likelihood (Schmittlein, Morrison &amp; Colombo 1987), in the form of Fader &amp; Hardie's
 * note "A Note on Deriving the Pareto/NBD Model and Related Expressions" (2005), evaluated so that it
 * neither overflows nor cancels for large x and T.
 *
 * <p>With λ ~ gamma(r, α) the purchase rate and μ ~ gamma(s, β) the drop-out rate,
 * <pre>
 *   L = Γ(r + x) αʳ βˢ / Γ(r) · [ P(T) + s · (I(tₓ) − I(T)) ],   P(τ) = (α + τ)^−(r+x) (β + τ)^−s,
 *   I(τ) = ∫_τ^∞ (α + u)^−(r+x) (β + u)^−(s+1) du
 * </pre>
 * (the first term: alive at T; the second: dropped out between tₓ and T). The note writes I with
 * ₂F₁(r + s + x, s + 1; r + s + x + 1; (α − β)/(α + τ)) / (α + τ)^(r+s+x) for α ≥ β (and the mirror
 * image for α &lt; β). Euler's transformation ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z)
 * turns that into
 * <pre>
 *   α ≥ β:  I(τ) = P(τ) · ₂F₁(1, r + x; c + 1; (α − β)/(α + τ)) / c,              c = r + s + x
 *   α &lt; β:  I(τ) = P(τ) · (α + τ)/(β + τ) · ₂F₁(1, s + 1; c + 1; (β − α)/(β + τ)) / c
 * </pre>
 * whose ₂F₁ has first parameter 1: a series with positive, falling terms, bounded by c/s, or, above
 * z = 0.9, {@link SpecialFunctions#hypergeometric2F1OneExcess} (a continued fraction, or the connection
 * formula for z → 1 where the fraction would converge slowly), given the excess of its third parameter
 * over its second (s + 1, or r + x) and 1 − z ((β + τ)/(α + τ), or its mirror image) as formed here
 * without cancellation: z close to 1 (α and β orders of magnitude apart) costs no more than z = 0.9. Because
 * s · I(τ) ≤ P(τ) for every τ, the bracket P(T)(1 − s Q(T)/c) + s P(tₓ) Q(tₓ)/c (with I = P Q/c) is a
 * sum of two non-negative terms, each computed relative to the larger of P(T) and P(tₓ): no
 * overflow, no cancellation, whatever x and T.
 */
final class ParetoNbdCore {

    /**
     * Up to this z the ₂F₁ and its derivatives are summed along the series (at most ln(1e-17)/ln 0.9 ≈ 372
     * falling, positive terms); above, the derivatives are taken by differences of the continued fraction,
     * seven evaluations that cost more than the longest series and are good to about 1e-7 instead of 1e-13.
     */
    private static final double SERIES_LIMIT = 0.9;

    private ParetoNbdCore() {
    }

    /**
     * ln L of one history; when {@code aliveOut} is not null, P(alive) goes into its first element. (The
     * gradient of a whole data set is {@link Likelihood}'s.)
     */
    static double logLikelihood(double r, double alpha, double s, double beta, double x, double recency, double age,
            double[] aliveOut) {
        double common = SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) + r * Math.log(alpha)
                + s * Math.log(beta);
        return common + logBracket(r, alpha, s, beta, x, recency, age, 1.0, null, null, aliveOut,
                new Term(), new Term(), new double[4]);
    }

    /**
     * ln of the bracket P(T) + s (I(tₓ) − I(T)); when {@code gradient} is not null, adds
     * w · (dCommon + ∂ ln bracket/∂(r, α, s, β)) to it. The two {@link Term}s and {@code scratch} are
     * work space.
     */
    static double logBracket(double r, double alpha, double s, double beta, double x, double recency, double age,
            double weight, double[] gradient, double[] dCommon, double[] aliveOut, Term atAge, Term atRecency,
            double[] scratch) {
        term(r, alpha, s, beta, x, age, gradient != null, atAge, scratch);
        term(r, alpha, s, beta, x, recency, gradient != null, atRecency, scratch);
        double c = r + s + x;
        double logSC = Math.log(s) - Math.log(c);
        return logBracket(s, c, logSC, Math.exp(logSC), weight, gradient, dCommon, aliveOut, atAge, atRecency);
    }

    /**
     * ln of the bracket from its two terms, at T ({@code atAge}) and at tₓ ({@code atRecency}), with
     * c = r + s + x, ln(s/c) as ln s − ln c and s/c as its exponential (the same for every row of a
     * group); the gradient and P(alive) as above.
     */
    static double logBracket(double s, double c, double logSC, double sc, double weight, double[] gradient,
            double[] dCommon, double[] aliveOut, Term atAge, Term atRecency) {
        // D = P_T + (s/c)(G_x − G_T), G = P·Q; every term scaled by e^−M
        double logG = atRecency.logP + atRecency.logQ;
        double max = Math.max(atAge.logP, logSC + logG);
        double pT = Math.exp(atAge.logP - max);
        double gT = pT * atAge.q;
        double gX = Math.exp(atRecency.logP - max) * atRecency.q;
        double first = pT - sc * gT;
        if (first < 0.0) {
            first = 0.0; // s·Q(T)/c ≤ 1 holds exactly; a rounding excess is below one ulp of P(T)
        }
        double d = first + sc * gX;
        if (aliveOut != null) {
            // d ≥ pT holds exactly (I(tₓ) ≥ I(T)); at tₓ = T a rounding could put the ratio one ulp above 1
            aliveOut[0] = Math.min(1.0, pT / d);
        }
        if (gradient != null) {
            double inverseC = 1.0 / c;
            for (int k = 0; k < 4; k++) {
                double dSC = k == 0 ? -inverseC : k == 2 ? 1.0 / s - inverseC : 0.0;
                double dD = pT * atAge.dLogP[k] + sc * dSC * (gX - gT)
                        + sc * (gX * (atRecency.dLogP[k] + atRecency.dLogQ[k]) - gT * (atAge.dLogP[k] + atAge.dLogQ[k]));
                gradient[k] += weight * (dCommon[k] + dD / d);
            }
        }
        return max + Math.log(d);
    }

    /** ln P(τ), Q(τ) = c · I(τ)/P(τ), and their derivatives in (r, α, s, β). */
    static final class Term {
        double logP;
        double q;
        /** ln Q. */
        double logQ;
        final double[] dLogP = new double[4];
        final double[] dLogQ = new double[4];
    }

    static void term(double r, double alpha, double s, double beta, double x, double tau, boolean withGradient,
            Term out, double[] f) {
        term(r, alpha, s, beta, x, tau, Math.log(alpha + tau), Math.log(beta + tau), withGradient, out, f);
    }

    /** {@link #term} given ln(α + τ) and ln(β + τ). */
    static void term(double r, double alpha, double s, double beta, double x, double tau, double logAlphaTau,
            double logBetaTau, boolean withGradient, Term out, double[] f) {
        double rx = r + x;
        out.logP = -rx * logAlphaTau - s * logBetaTau;
        double bigC = r + s + x + 1.0;
        if (alpha >= beta) {
            double z = (alpha - beta) / (alpha + tau);
            hypergeometric(rx, bigC, s + 1.0, z, (beta + tau) / (alpha + tau), withGradient, f);
            out.q = f[0];
            if (withGradient) {
                double dzAlpha = (beta + tau) / ((alpha + tau) * (alpha + tau));
                double dzBeta = -1.0 / (alpha + tau);
                out.dLogQ[0] = f[1] + f[2];
                out.dLogQ[1] = f[3] * dzAlpha;
                out.dLogQ[2] = f[2];
                out.dLogQ[3] = f[3] * dzBeta;
            }
        } else {
            double z = (beta - alpha) / (beta + tau);
            double ratio = (alpha + tau) / (beta + tau);
            hypergeometric(s + 1.0, bigC, rx, z, ratio, withGradient, f);
            out.q = f[0] * ratio;
            if (!(out.q < Double.POSITIVE_INFINITY)) {
                // ₂F₁ beyond the range of a double (e = r + x < 1 and (α + τ)/(β + τ) below about 1e-300):
                // Q itself is at most c/s
                out.q = Math.exp(SpecialFunctions.logHypergeometric2F1OneExcess(s + 1.0, rx, z, ratio)
                        + Math.log(ratio));
            }
            if (withGradient) {
                double dzAlpha = -1.0 / (beta + tau);
                double dzBeta = (alpha + tau) / ((beta + tau) * (beta + tau));
                out.dLogQ[0] = f[2];
                out.dLogQ[1] = 1.0 / (alpha + tau) + f[3] * dzAlpha;
                out.dLogQ[2] = f[1] + f[2];
                out.dLogQ[3] = -1.0 / (beta + tau) + f[3] * dzBeta;
            }
        }
        out.logQ = Math.log(out.q);
        if (withGradient) {
            out.dLogP[0] = -logAlphaTau;
            out.dLogP[1] = -rx / (alpha + tau);
            out.dLogP[2] = -logBetaTau;
            out.dLogP[3] = -s / (beta + tau);
        }
    }

    /**
     * F = ₂F₁(1, b; c; z) into out[0] and, with the gradient, ∂ ln F/∂b, ∂ ln F/∂c, ∂ ln F/∂z into
     * out[1..3]: summed along the series for z ≤ 0.9; above, from
     * {@link SpecialFunctions#hypergeometric2F1OneExcess} with the excess e = c − b and w = 1 − z as the
     * caller formed them (s + 1 or r + x, and (β + τ)/(α + τ) or its mirror image, without
     * cancellation), the derivatives by central differences.
     */
    static void hypergeometric(double b, double c, double e, double z, double w, boolean withGradient,
            double[] out) {
        if (z > SERIES_LIMIT) {
            out[0] = SpecialFunctions.hypergeometric2F1OneExcess(b, e, z, w);
            if (withGradient) {
                // F(b, e) with c = b + e: ∂/∂b at fixed c moves b and e in opposite directions
                double hb = Math.min(1e-6 * Math.max(1.0, b), 0.5 * Math.min(b, e));
                double he = Math.min(1e-6 * c, 0.5 * e);
                double hz = Math.min(1e-7, w / 4.0);
                out[1] = (logF(b + hb, e - hb, z, w) - logF(b - hb, e + hb, z, w)) / (2 * hb);
                out[2] = (logF(b, e + he, z, w) - logF(b, e - he, z, w)) / (2 * he);
                out[3] = (logF(b, e, z + hz, w - hz) - logF(b, e, z - hz, w + hz)) / (2 * hz);
            }
            return;
        }
        double term = 1.0;
        double sum = 1.0;
        double sumB = 0.0;
        double sumC = 0.0;
        double sumZ = 0.0;
        double logDerivativeB = 0.0;
        double logDerivativeC = 0.0;
        for (int n = 0; n < 10_000; n++) {
            term *= (b + n) / (c + n) * z;
            if (term == 0.0) {
                break;
            }
            sum += term;
            if (withGradient) {
                // 1/(b + n) and 1/(c + n) from one division
                double inverse = 1.0 / ((b + n) * (c + n));
                logDerivativeB += (c + n) * inverse;
                logDerivativeC -= (b + n) * inverse;
                sumB += term * logDerivativeB;
                sumC += term * logDerivativeC;
                sumZ += term * (n + 1);
            }
            if (term <= 1e-17 * sum && n > b - c) {
                break;
            }
        }
        out[0] = sum;
        if (withGradient) {
            out[1] = sumB / sum;
            out[2] = sumC / sum;
            out[3] = z == 0.0 ? b / c : sumZ / (z * sum);
        }
    }

    private static double logF(double b, double e, double z, double w) {
        return SpecialFunctions.logHypergeometric2F1OneExcess(b, e, Math.min(z, 1.0), w);
    }

    /**
     * The total log-likelihood of Pareto/NBD data with its analytic gradient in (r, α, s, β). Rows are
     * sorted by x, then T, then tₓ, so the terms that depend on x alone are computed once per distinct x,
     * the term at T once per run of rows with the same x and T, and the term at tₓ once per distinct
     * (x, tₓ) where the recencies are few (else once per run); the rows are summed in chunks on all cores
     * ({@link RowChunks}), data of one chunk in one pass in row order. Thread-safe: each evaluation has its
     * own work space.
     */
    static final class Likelihood extends PurchaseLikelihood {

        Likelihood(PurchaseHistories data) {
            super(data);
        }

        @Override
        public MaximumLikelihood.LogLikelihood sample(int stride) {
            return new Likelihood(sampleRows(stride));
        }

        /** ln(α + v) and ln(β + v) of each distinct value; null without a table. */
        private static double[][] logarithms(double[] distinct, double alpha, double beta) {
            if (distinct == null) {
                return null;
            }
            double[][] logarithms = new double[2][distinct.length];
            for (int j = 0; j < distinct.length; j++) {
                logarithms[0][j] = Math.log(alpha + distinct[j]);
                logarithms[1][j] = Math.log(beta + distinct[j]);
            }
            return logarithms;
        }

        @Override
        public double value(double[] theta, double[] gradient) {
            double r = theta[0];
            double alpha = theta[1];
            double s = theta[2];
            double beta = theta[3];
            double logGammaR = SpecialFunctions.logGamma(r);
            double psiR = gradient == null ? 0.0 : SpecialFunctions.digamma(r);
            return RowChunks.sum(rows, gradient, (from, to, g) -> rowSum(from, to, r, alpha, s, beta, logGammaR, psiR,
                    g));
        }

        private double rowSum(int from, int to, double r, double alpha, double s, double beta, double logGammaR,
                double psiR, double[] gradient) {
            boolean withGradient = gradient != null;
            Term atAge = new Term();
            Term atRecency = new Term();
            double[] scratch = new double[4];
            double[] dCommon = new double[4];
            // the terms at tₓ of the current group, by distinct recency (stamped with the group + 1)
            Term[] byRecency = recencyIndex == null ? null : new Term[distinctRecencies.length];
            int[] stamps = recencyIndex == null ? null : new int[distinctRecencies.length];
            // ln(α + τ) and ln(β + τ) of the distinct ages and recencies, where there are tables of them
            double[][] ages = logarithms(distinctAges, alpha, beta);
            double[][] recencies = logarithms(distinctRecencies, alpha, beta);
            double constant = r * Math.log(alpha) + s * Math.log(beta);
            dCommon[1] = r / alpha;
            dCommon[2] = Math.log(beta);
            dCommon[3] = s / beta;
            double total = 0.0;
            for (int g = groupOf(from), i = from; i < to; g++) {
                int start = i;
                int end = Math.min(to, groupStart[g + 1]);
                double xi = groupX[g];
                double c = r + s + xi;
                double logSC = Math.log(s) - Math.log(c);
                double sc = Math.exp(logSC);
                double common = SpecialFunctions.logGamma(r + xi) - logGammaR + constant;
                if (withGradient) {
                    dCommon[0] = SpecialFunctions.digamma(r + xi) - psiR + Math.log(alpha);
                }
                for (; i < end; i++) {
                    if (i == start || age[i] != age[i - 1]) {
                        if (ages == null) {
                            term(r, alpha, s, beta, xi, age[i], withGradient, atAge, scratch);
                        } else {
                            int j = ageIndex[i];
                            term(r, alpha, s, beta, xi, age[i], ages[0][j], ages[1][j], withGradient, atAge, scratch);
                        }
                    }
                    Term recent;
                    if (byRecency == null) {
                        if (i == start || recency[i] != recency[i - 1]) {
                            term(r, alpha, s, beta, xi, recency[i], withGradient, atRecency, scratch);
                        }
                        recent = atRecency;
                    } else {
                        int j = recencyIndex[i];
                        if (stamps[j] != g + 1) {
                            if (byRecency[j] == null) {
                                byRecency[j] = new Term();
                            }
                            term(r, alpha, s, beta, xi, recency[i], recencies[0][j], recencies[1][j], withGradient,
                                    byRecency[j], scratch);
                            stamps[j] = g + 1;
                        }
                        recent = byRecency[j];
                    }
                    total += weight[i] * (common + logBracket(s, c, logSC, sc, weight[i], gradient, dCommon, null,
                            atAge, recent));
                }
            }
            return total;
        }
    }
}
