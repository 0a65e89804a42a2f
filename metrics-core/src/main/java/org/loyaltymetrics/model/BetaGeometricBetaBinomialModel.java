package org.loyaltymetrics.model;

import java.util.List;
import java.util.SplittableRandom;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.OpportunityHistories;
import org.loyaltymetrics.data.OpportunityHistory;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.RandomVariates;
import org.loyaltymetrics.internal.SpecialFunctions;

/**
 * The beta-geometric/beta-binomial (BG/BB) model of repeat transactions at discrete opportunities
 * (Fader, Hardie &amp; Shang 2010, "Customer-Base Analysis in a Discrete-Time Noncontractual Setting",
 * Marketing Science 29(6)), such as annual donations or yearly events. While alive, a customer takes
 * each opportunity with probability p; they drop out at the start of each opportunity with
 * probability θ. Across customers p ~ beta(α, β) and θ ~ beta(γ, δ).
 *
 * <p>Likelihood of a customer who took x of n opportunities, the last being tₓ (eq. 5):
 * <pre>
 *   L = B(α + x, β + n − x)/B(α, β) · B(γ, δ + n)/B(γ, δ)
 *     + Σᵢ₌₀^(n−tₓ−1) B(α + x, β + tₓ − x + i)/B(α, β) · B(γ + 1, δ + tₓ + i)/B(γ, δ)
 * </pre>
 * Predictions: P(X(n) = x) (eq. 8), E[X(n)] (eq. 9), P(alive at n + 1 | x, tₓ, n) (eq. 11) and the
 * expected transactions in the next n* opportunities (eq. 13).
 *
 * <p>On the 11,104 donors of the paper the fit gives α = 1.2035, β = 0.7497, γ = 0.6567, δ = 2.7834,
 * LL = −33,225.58 (published: 1.204, 0.750, 0.657, 2.783, −33,225.6).
 *
 * <p>This class is immutable and thread-safe; fitting is deterministic.
 */
public final class BetaGeometricBetaBinomialModel extends ParametricModel {

    /** The parameter names, in order: alpha, beta, gamma, delta. */
    public static final List<String> PARAMETERS = List.of("alpha", "beta", "gamma", "delta");

    private static final String MODEL = "BG/BB";
    /** Up to this many terms, sums over opportunities are added term by term. */
    private static final long DIRECT_SUM_LIMIT = 100_000;

    private BetaGeometricBetaBinomialModel(double[] parameters, ModelFit fit) {
        super(MODEL, PARAMETERS, parameters, fit);
    }

    /**
     * The model with given parameters, all finite and &gt; 0.
     *
     * @throws InvalidArgumentException if a parameter is not finite and &gt; 0
     */
    public static BetaGeometricBetaBinomialModel of(double alpha, double beta, double gamma, double delta) {
        return new BetaGeometricBetaBinomialModel(new double[] {alpha, beta, gamma, delta}, null);
    }

    /** Fits the model to {@code histories} by maximum likelihood with the default options. */
    public static BetaGeometricBetaBinomialModel fit(OpportunityHistories histories) {
        return fit(histories, FitOptions.defaults());
    }

    /**
     * Fits the model by maximum likelihood from α = β = γ = δ = 1 (central-difference gradients).
     *
     * @throws ModelFitException if the fit does not converge (and {@code options} require it) or a
     *     parameter runs off to 0 or infinity
     */
    public static BetaGeometricBetaBinomialModel fit(OpportunityHistories histories, FitOptions options) {
        Checks.notNull(histories, "histories");
        Checks.notNull(options, "options");
        double[] x = java.util.Arrays.stream(histories.frequencies()).asDoubleStream().toArray();
        double[] tx = java.util.Arrays.stream(histories.recencies()).asDoubleStream().toArray();
        double[] n = java.util.Arrays.stream(histories.opportunityCounts()).asDoubleStream().toArray();
        long[] w = histories.weights();
        MaximumLikelihood.LogLikelihood likelihood = MaximumLikelihood.LogLikelihood.ofValues(theta -> {
            double total = 0.0;
            for (int i = 0; i < w.length; i++) {
                total += w[i] * logLikelihood(theta, x[i], tx[i], n[i]);
            }
            return total;
        });
        ModelFit fit = MaximumLikelihood.fit(MODEL, PARAMETERS, likelihood, new double[] {1.0, 1.0, 1.0, 1.0},
                histories.customers(), histories.distinctRows(), options);
        return new BetaGeometricBetaBinomialModel(fit.estimates(), fit);
    }

    private static double logLikelihood(double[] theta, double x, double tx, double n) {
        double alpha = theta[0];
        double beta = theta[1];
        double gamma = theta[2];
        double delta = theta[3];
        double logBAB = SpecialFunctions.logBeta(alpha, beta);
        double logBGD = SpecialFunctions.logBeta(gamma, delta);
        double alive = SpecialFunctions.logBeta(alpha + x, beta + n - x) - logBAB
                + SpecialFunctions.logBeta(gamma, delta + n) - logBGD;
        double total = alive;
        for (double i = 0; i <= n - tx - 1; i++) {
            double dropped = SpecialFunctions.logBeta(alpha + x, beta + tx - x + i) - logBAB
                    + SpecialFunctions.logBeta(gamma + 1.0, delta + tx + i) - logBGD;
            total = BetaGeometricCore.logSumExp(total, dropped);
        }
        return total;
    }

    /** α, the first shape of the beta distribution of transaction probabilities p. */
    public double alpha() {
        return parameter(0);
    }

    /** β, the second shape of the beta distribution of transaction probabilities p. */
    public double beta() {
        return parameter(1);
    }

    /** γ, the first shape of the beta distribution of drop-out probabilities θ. */
    public double gamma() {
        return parameter(2);
    }

    /** δ, the second shape of the beta distribution of drop-out probabilities θ. */
    public double delta() {
        return parameter(3);
    }

    private double[] theta() {
        return new double[] {alpha(), beta(), gamma(), delta()};
    }

    /**
     * The log-likelihood of one customer who took x of n opportunities, the last being tₓ.
     *
     * @param history the customer's history; not null
     */
    public double logLikelihood(OpportunityHistory history) {
        Checks.notNull(history, "history");
        return logLikelihood(theta(), history.frequency(), history.recency(), history.opportunities());
    }

    /**
     * The total log-likelihood of {@code histories}.
     *
     * @param histories the customers' histories; not null
     */
    public double logLikelihood(OpportunityHistories histories) {
        Checks.notNull(histories, "histories");
        double total = 0.0;
        for (int i = 0; i < histories.distinctRows(); i++) {
            total += histories.weight(i) * logLikelihood(histories.get(i));
        }
        return total;
    }

    /**
     * P(alive at opportunity n + 1 | x, tₓ, n) = B(α + x, β + n − x)/B(α, β) · B(γ, δ + n + 1)/B(γ, δ) / L
     * (eq. 11), in [0, 1].
     *
     * @param history the customer's history; not null
     */
    public double probabilityAlive(OpportunityHistory history) {
        Checks.notNull(history, "history");
        long x = history.frequency();
        long n = history.opportunities();
        double logAlive = SpecialFunctions.logBeta(alpha() + x, beta() + n - x)
                - SpecialFunctions.logBeta(alpha(), beta())
                + SpecialFunctions.logBeta(gamma(), delta() + n + 1) - SpecialFunctions.logBeta(gamma(), delta());
        return Math.exp(logAlive - logLikelihood(history));
    }

    /**
     * E[X(n)], the expected transactions of a new customer in the first n opportunities (eq. 9):
     * α/(α + β) · δ/(γ − 1) · [1 − Γ(γ + δ) Γ(1 + δ + n)/(Γ(γ + δ + n) Γ(1 + δ))], which is
     * α/(α + β) · Σₜ₌₁ⁿ B(γ, δ + t)/B(γ, δ), the form used (it has no singularity at γ = 1).
     */
    public double expectedPurchases(long opportunities) {
        Checks.count(opportunities, "opportunities");
        return alpha() / (alpha() + beta()) * survivalSum(0, opportunities);
    }

    /**
     * The expected transactions in opportunities n + 1 .. n + n* of a customer who took x of n
     * opportunities, the last being tₓ (eq. 13):
     * B(α + x + 1, β + n − x)/B(α, β) / L · Σₜ₌ₙ₊₁ⁿ⁺ⁿ* B(γ, δ + t)/B(γ, δ).
     *
     * @param futureOpportunities n*, the opportunities ahead, &gt;= 0
     * @param history the customer's history; not null
     * @throws InvalidArgumentException if {@code futureOpportunities} is negative
     */
    public double conditionalExpectedPurchases(long futureOpportunities, OpportunityHistory history) {
        Checks.count(futureOpportunities, "futureOpportunities");
        Checks.notNull(history, "history");
        if (futureOpportunities == 0) {
            return 0.0;
        }
        long x = history.frequency();
        long n = history.opportunities();
        double logTransaction = SpecialFunctions.logBeta(alpha() + x + 1, beta() + n - x)
                - SpecialFunctions.logBeta(alpha(), beta()) - logLikelihood(history);
        return Math.exp(logTransaction) * survivalSum(n, Checks.addCounts(n, futureOpportunities, "opportunities"));
    }

    /**
     * Σₜ₌from+1^to B(γ, δ + t)/B(γ, δ), the expected number of opportunities from+1..to at which a
     * customer is alive: term by term (each the previous times (δ + t − 1)/(γ + δ + t − 1)) for up to
     * 100,000 terms, else as δ/(γ − 1) · Γ(γ + δ)/Γ(1 + δ) · [Γ(1 + δ + from)/Γ(γ + δ + from) −
     * Γ(1 + δ + to)/Γ(γ + δ + to)], each ratio of gamma functions taken from {@link #logGammaRatio} so
     * that it keeps full precision when its arguments are large.
     */
    private double survivalSum(long from, long to) {
        double gamma = gamma();
        double delta = delta();
        if (to - from <= DIRECT_SUM_LIMIT || Math.abs(gamma - 1.0) < 1e-6) {
            double term = Math.exp(SpecialFunctions.logBeta(gamma, delta + from + 1) - SpecialFunctions.logBeta(gamma, delta));
            double sum = 0.0;
            for (long t = from + 1; t <= to && term > 0.0; t++) {
                sum += term;
                term *= (delta + t) / (gamma + delta + t);
            }
            return sum;
        }
        double constant = -logGammaRatio(1.0 + delta, gamma - 1.0);
        double atFrom = Math.exp(constant + logGammaRatio(1.0 + delta + from, gamma - 1.0));
        double atTo = Math.exp(constant + logGammaRatio(1.0 + delta + to, gamma - 1.0));
        return delta / (gamma - 1.0) * (atFrom - atTo);
    }

    /**
     * ln Γ(x) − ln Γ(x + c) for x &gt; 0 and x + c &gt; 0, c ≠ 0: ln B(x, c) − ln Γ(c) for c &gt; 0 (and the
     * mirror image for c &lt; 0), whose {@link SpecialFunctions#logBeta} keeps full relative precision
     * where the two log-gammas are large and nearly equal (at a million opportunities the plain
     * difference of two log-gammas near 10⁷ loses seven digits).
     */
    static double logGammaRatio(double x, double c) {
        return c > 0.0 ? SpecialFunctions.logBeta(x, c) - SpecialFunctions.logGamma(c)
                : SpecialFunctions.logGamma(-c) - SpecialFunctions.logBeta(x + c, -c);
    }

    /**
     * P(X(n) = x) for a new customer (eq. 8): C(n, x) B(α + x, β + n − x)/B(α, β) · B(γ, δ + n)/B(γ, δ)
     * + Σᵢ₌ₓⁿ⁻¹ C(i, x) B(α + x, β + i − x)/B(α, β) · B(γ + 1, δ + i)/B(γ, δ).
     */
    public double probabilityOfPurchases(long frequency, long opportunities) {
        Checks.count(frequency, "frequency");
        Checks.count(opportunities, "opportunities");
        if (frequency > opportunities) {
            return 0.0;
        }
        double logBAB = SpecialFunctions.logBeta(alpha(), beta());
        double logBGD = SpecialFunctions.logBeta(gamma(), delta());
        double sum = Math.exp(logChoose(opportunities, frequency)
                + SpecialFunctions.logBeta(alpha() + frequency, beta() + opportunities - frequency) - logBAB
                + SpecialFunctions.logBeta(gamma(), delta() + opportunities) - logBGD);
        for (long i = frequency; i < opportunities; i++) {
            sum += Math.exp(logChoose(i, frequency) + SpecialFunctions.logBeta(alpha() + frequency, beta() + i - frequency)
                    - logBAB + SpecialFunctions.logBeta(gamma() + 1.0, delta() + i) - logBGD);
        }
        return sum;
    }

    private static double logChoose(long n, long k) {
        if (k == 0 || k == n) {
            return 0.0;
        }
        return SpecialFunctions.logGamma(n + 1.0) - SpecialFunctions.logGamma(k + 1.0)
                - SpecialFunctions.logGamma(n - k + 1.0);
    }

    /**
     * Simulates {@code customers} customers over {@code opportunities} opportunities, seeded: p ~ beta(α, β),
     * θ ~ beta(γ, δ); at each opportunity the customer first survives with probability 1 − θ, then
     * transacts with probability p. The same seed gives the same histories.
     *
     * @throws InvalidArgumentException if {@code customers} is negative or {@code opportunities} is not &gt;= 1
     */
    public OpportunityHistories simulate(int customers, long opportunities, long seed) {
        Checks.count(customers, "customers");
        if (opportunities < 1) {
            throw InvalidArgumentException.of("opportunities", ">= 1", opportunities);
        }
        SplittableRandom random = new SplittableRandom(seed);
        OpportunityHistories.Accumulator accumulator = OpportunityHistories.accumulator();
        for (int c = 0; c < customers; c++) {
            double p = RandomVariates.beta(random, alpha(), beta());
            double theta = RandomVariates.beta(random, gamma(), delta());
            long x = 0;
            long last = 0;
            for (long t = 1; t <= opportunities; t++) {
                if (random.nextDouble() < theta) {
                    break;
                }
                if (random.nextDouble() < p) {
                    x++;
                    last = t;
                }
            }
            accumulator.add(x, last, opportunities);
        }
        return accumulator.snapshot();
    }
}
