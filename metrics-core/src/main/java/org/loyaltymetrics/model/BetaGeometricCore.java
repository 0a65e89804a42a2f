package org.loyaltymetrics.model;

import java.util.SplittableRandom;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.internal.Quadrature;
import org.loyaltymetrics.internal.RandomVariates;
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
    private static final int MAX_SERIES_TERMS = 4000;

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
        double logRatio = Math.log(a) - Math.log(b + m - 1) + (r + x) * (Math.log(alpha + age) - Math.log(alpha + recency));
        return 1.0 / (1.0 + Math.exp(logRatio));
    }

    /**
     * E[(1/p)(1 − e^(−λpt))] over p ~ beta(a, b) and λ ~ gamma(r, α): the expected number of purchases
     * in t of a customer who is alive now (the next drop-out chance after the next purchase). In closed
     * form (Fader, Hardie &amp; Lee 2005, eq. 9)
     * <pre>
     *   (a + b − 1)/(a − 1) · [1 − (α/(α + t))ʳ ₂F₁(r, b; a + b − 1; z)],  z = t/(α + t).
     * </pre>
     * With Euler's transformation ₂F₁(r, b; c; z) = (1 − z)^(c−r−b) ₂F₁(c − r, c − b; c; z) and the
     * factor (a − 1) taken out of every coefficient, this is
     * (a + b − 1) · [(1 − (1 − z)^(a−1))/(a − 1) − (1 − z)^(a−1) Σₙ≥₁ ĥₙ zⁿ] with
     * ĥₙ = (a + b − 1 − r)ₙ (a)ₙ₋₁ / ((a + b − 1)ₙ n!), which has no singularity at a = 1 and converges
     * fast when b is large (a customer with many purchases). Where the series would be slow (z &gt; 0.9,
     * or a + b &lt; 1.5), the expectation is integrated over p by tanh-sinh quadrature instead.
     */
    static double expectation(double r, double alpha, double a, double b, double t) {
        if (t == 0.0) {
            return 0.0;
        }
        double z = t / (alpha + t);
        double c = a + b - 1.0;
        if (z <= 0.9 && c >= 0.5) {
            double series = seriesExpectation(r, alpha, a, b, t, z, c);
            if (!Double.isNaN(series)) {
                return series;
            }
        }
        return integratedExpectation(r, alpha, a, b, t);
    }

    private static double seriesExpectation(double r, double alpha, double a, double b, double t, double z, double c) {
        double logOneMinusZ = -Math.log1p(t / alpha);
        double y = (a - 1.0) * logOneMinusZ;
        double first = -logOneMinusZ * expm1OverX(y);
        double term = (c - r) / c * z;
        double sum = term;
        for (int n = 1; n < MAX_SERIES_TERMS; n++) {
            double ratio = (c - r + n) * (a + n - 1.0) / ((c + n) * (n + 1.0)) * z;
            term *= ratio;
            sum += term;
            if (n > r - a - b + 2.0 && Math.abs(ratio) < 1.0 && Math.abs(term) <= 1e-17 * Math.abs(sum)) {
                return c * (first - Math.exp(y) * sum);
            }
        }
        return Double.NaN;
    }

    static double integratedExpectation(double r, double alpha, double a, double b, double t) {
        double k = t / alpha;
        double logBeta = SpecialFunctions.logBeta(a, b);
        // f(p) p q = p^(a-1) q^b / B(a, b) · (1 − (1 + pK)^−r), written as p^a q^b / B · [(1 − (1 + pK)^−r) / p]
        return Quadrature.unitInterval((p, q, logP, logQ) -> {
            double weight = Math.exp(a * logP + b * logQ - logBeta);
            return weight == 0.0 ? 0.0 : weight * purchasesOverP(p, k, r);
        }, QUADRATURE_TOLERANCE);
    }

    /** (1 − (1 + pK)^−r) / p, with its limit rK (1 − (r + 1)pK/2) for tiny pK. */
    private static double purchasesOverP(double p, double k, double r) {
        double pk = p * k;
        if (pk < 1e-10) {
            return r * k * (1.0 - 0.5 * (r + 1.0) * pk);
        }
        return -Math.expm1(-r * Math.log1p(pk)) / p;
    }

    /** (e^y − 1)/y, 1 at y = 0. */
    static double expm1OverX(double y) {
        return Math.abs(y) < 1e-12 ? 1.0 + 0.5 * y : Math.expm1(y) / y;
    }

    /**
     * P(X(t) = n) of the BG/NBD process from an alive start (Fader, Hardie &amp; Lee 2005, eq. 8):
     * B(a, b + n)/B(a, b) · NB(n; t) + [n &gt; 0] · B(a + 1, b + n − 1)/B(a, b) · P(NB(t) ≥ n), where NB(t)
     * is the negative binomial count of purchases of a customer who never drops out,
     * NB(j; t) = Γ(r + j)/(Γ(r) j!) (α/(α + t))ʳ (t/(α + t))ʲ and P(NB(t) ≥ n) = I_z(n, r).
     */
    static double probabilityOfPurchases(double r, double alpha, double a, double b, double n, double t) {
        if (t == 0.0) {
            return n == 0 ? 1.0 : 0.0;
        }
        double logZ = Math.log(t) - Math.log(alpha + t);
        double logOneMinusZ = Math.log(alpha) - Math.log(alpha + t);
        double logB = SpecialFunctions.logBeta(a, b);
        double logNb = SpecialFunctions.logGamma(r + n) - SpecialFunctions.logGamma(r)
                - SpecialFunctions.logGamma(n + 1.0) + r * logOneMinusZ + n * logZ;
        double first = Math.exp(SpecialFunctions.logBeta(a, b + n) - logB + logNb);
        if (n == 0) {
            return first;
        }
        double tail = SpecialFunctions.regularizedBeta(t / (alpha + t), alpha / (alpha + t), n, r);
        return first + Math.exp(SpecialFunctions.logBeta(a + 1.0, b + n - 1.0) - logB) * tail;
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
     * (r, α, a, b). Rows are sorted by x, so the terms that depend on x alone (log-gammas, digammas)
     * are computed once per distinct x.
     */
    static final class Likelihood extends PurchaseLikelihood {

        private final int k;

        Likelihood(PurchaseHistories data, int k) {
            super(data);
            this.k = k;
        }

        @Override
        public double value(double[] theta, double[] gradient) {
            double r = theta[0];
            double alpha = theta[1];
            double a = theta[2];
            double b = theta[3];
            double logAlpha = Math.log(alpha);
            double logA = Math.log(a);
            double logBetaAB = SpecialFunctions.logBeta(a, b);
            double logGammaR = SpecialFunctions.logGamma(r);
            boolean withGradient = gradient != null;
            double psiR = withGradient ? SpecialFunctions.digamma(r) : 0.0;
            double psiB = withGradient ? SpecialFunctions.digamma(b) : 0.0;
            double psiAB = withGradient ? SpecialFunctions.digamma(a + b) : 0.0;
            double total = 0.0;
            double gr = 0.0;
            double galpha = 0.0;
            double ga = 0.0;
            double gb = 0.0;
            int i = 0;
            while (i < x.length) {
                double xi = x[i];
                double m = xi + k;
                double rx = r + xi;
                double common = SpecialFunctions.logGamma(rx) - logGammaR + r * logAlpha
                        + SpecialFunctions.logBeta(a, b + m) - logBetaAB;
                double logFactor = m > 0 ? logA - Math.log(b + m - 1.0) : 0.0;
                double dCommonR = 0.0;
                double dCommonA = 0.0;
                double dCommonB = 0.0;
                if (withGradient) {
                    double psiABM = SpecialFunctions.digamma(a + b + m);
                    dCommonR = SpecialFunctions.digamma(rx) - psiR + logAlpha;
                    dCommonA = psiAB - psiABM;
                    dCommonB = SpecialFunctions.digamma(b + m) - psiB + psiAB - psiABM;
                }
                double inverseBM = m > 0 ? 1.0 / (b + m - 1.0) : 0.0;
                // every row with this x
                double groupWeight = 0.0;
                for (; i < x.length && x[i] == xi; i++) {
                    double w = weight[i];
                    groupWeight += w;
                    double logAgeTerm = Math.log(alpha + age[i]);
                    double atAge = -rx * logAgeTerm;
                    if (m == 0) {
                        total += w * atAge;
                        if (withGradient) {
                            gr -= w * logAgeTerm;
                            galpha -= w * rx / (alpha + age[i]);
                        }
                        continue;
                    }
                    double logRecencyTerm = Math.log(alpha + recency[i]);
                    double atRecency = logFactor - rx * logRecencyTerm;
                    double max = Math.max(atAge, atRecency);
                    double eAge = Math.exp(atAge - max);
                    double eRecency = Math.exp(atRecency - max);
                    double sum = eAge + eRecency;
                    total += w * (max + Math.log(sum));
                    if (withGradient) {
                        double wAge = eAge / sum;
                        double wRecency = eRecency / sum;
                        gr -= w * (wAge * logAgeTerm + wRecency * logRecencyTerm);
                        galpha -= w * rx * (wAge / (alpha + age[i]) + wRecency / (alpha + recency[i]));
                        ga += w * wRecency / a;
                        gb -= w * wRecency * inverseBM;
                    }
                }
                total += groupWeight * common;
                if (withGradient) {
                    gr += groupWeight * dCommonR;
                    galpha += groupWeight * r / alpha;
                    ga += groupWeight * dCommonA;
                    gb += groupWeight * dCommonB;
                }
            }
            if (withGradient) {
                gradient[0] = gr;
                gradient[1] = galpha;
                gradient[2] = ga;
                gradient[3] = gb;
            }
            return total;
        }
    }
}
