package org.loyaltymetrics.model;

import java.util.List;
import java.util.SplittableRandom;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.OpportunityHistories;
import org.loyaltymetrics.data.OpportunityHistory;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.RandomVariates;
import org.loyaltymetrics.internal.RowChunks;
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
 * <p>How they are computed, so that every figure is finite, in range and precise for any parameters and
 * any history (the sweep in the tests: parameters 1e-4 to 1e4, n up to 10⁴, horizons up to 10¹⁸,
 * within 1e-10 of an independent reference). Each beta function ratio is carried as a logarithm,
 * ln B(·,·) − ln B(·,·) ({@code SpecialFunctions.logBeta}, precise where its arguments are large), and
 * a figure is exponentiated once, at the end: L, its terms and the survival sums may each be far below
 * the smallest double (e.g. α = β = δ = 1e-4, γ = 1e4) while their ratios are ordinary numbers.
 * <ul>
 * <li>The sums over opportunities in L and P(X(n) = x) are added term by term from the recurrence of
 * neighbouring terms (a ratio of linear factors), relative to the first term and rescaled, stopping
 * where the terms decrease and all those left add less than 1e-17 of the sum; where, after 1,024 terms,
 * they are neither negligible nor quickly decreasing but smooth (the logarithm of a term changes by at
 * most 1e-3 per opportunity), the rest is the Euler–Maclaurin formula with its first derivative
 * correction, the integral by Gauss–Legendre panels (error below 1e-11 of the sum), so that a sum
 * over 10¹⁸ opportunities takes a few hundred evaluations.</li>
 * <li>The survival sum Σₜ B(γ, δ + t)/B(γ, δ) of E[X(n)] and eq. 13: its first 1,000 terms one by one,
 * the rest from the telescoping closed form δ/(γ − 1) · Γ(γ + δ)/Γ(1 + δ) · [Γ(1 + δ + a)/Γ(γ + δ + a) −
 * Γ(1 + δ + b)/Γ(γ + δ + b)], rewritten as (δ + a) B(γ, δ + a)/B(γ, δ) · M · (1 − e^(−(γ−1)M))/((γ − 1)M)
 * with M the divided difference of ln Γ, taken by region (an asymptotic series in 1/(1 + δ + a) with
 * Bernoulli polynomials, a Gauss–Legendre mean of digammas near γ = 1, or log-beta differences), so
 * that it has no singularity or cancellation at γ = 1 and takes constant time for any horizon.</li>
 * </ul>
 * A figure that still cannot be computed throws {@link UndefinedResultException} naming the
 * parameters (a guard: no such point is known).
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

    private final Core core;

    private BetaGeometricBetaBinomialModel(double[] parameters, ModelFit fit) {
        super(MODEL, PARAMETERS, parameters, fit);
        this.core = new Core(parameters[0], parameters[1], parameters[2], parameters[3]);
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
     * Fits the model by maximum likelihood from α = β = γ = δ = 1 with the analytic gradient of the
     * log-likelihood (see {@link Likelihood}), and verifies that the maximum is identified (see
     * {@link ModelFitException}).
     *
     * @throws ModelFitException if the fit does not converge (and {@code options} require it), a
     *     parameter runs off to 0 or infinity, or the data do not identify the four parameters (for
     *     example when no history is longer than two opportunities, or every customer has the same one)
     */
    public static BetaGeometricBetaBinomialModel fit(OpportunityHistories histories, FitOptions options) {
        Checks.notNull(histories, "histories");
        Checks.notNull(options, "options");
        ModelFit fit = MaximumLikelihood.fit(MODEL, PARAMETERS, new Likelihood(histories),
                new double[] {1.0, 1.0, 1.0, 1.0}, histories.customers(), histories.distinctRows(), options, "more customers with varied histories of "
                        + "at least three opportunities (the BG/BB model tells purchase probability from drop-out "
                        + "by the gaps between a customer's last transaction and the end of the history)");
        return new BetaGeometricBetaBinomialModel(fit.estimates(), fit);
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

    /**
     * The log-likelihood of one customer who took x of n opportunities, the last being tₓ (eq. 5), summed
     * as described in the class comment; finite for every history.
     *
     * @param history the customer's history; not null
     */
    public double logLikelihood(OpportunityHistory history) {
        Checks.notNull(history, "history");
        return core.logLikelihood(history.frequency(), history.recency(), history.opportunities());
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
            total += histories.weight(i) * core.logLikelihood(histories.frequency(i), histories.recency(i),
                    histories.opportunities(i));
        }
        return total;
    }

    /**
     * P(alive at opportunity n + 1 | x, tₓ, n) = B(α + x, β + n − x)/B(α, β) · B(γ, δ + n + 1)/B(γ, δ) / L
     * (eq. 11), in [0, 1]; taken as the exponential of a difference of logarithms, so that it is exact
     * where L and its terms are far below the smallest double.
     *
     * @param history the customer's history; not null
     */
    public double probabilityAlive(OpportunityHistory history) {
        Checks.notNull(history, "history");
        long x = history.frequency();
        long n = history.opportunities();
        double logAlive = core.logTransactions(x, n) + core.logSurvival(n + 1.0);
        return Math.min(1.0, Math.exp(logAlive - core.logLikelihood(x, history.recency(), n)));
    }

    /**
     * E[X(n)], the expected transactions of a new customer in the first n opportunities (eq. 9):
     * α/(α + β) · δ/(γ − 1) · [1 − Γ(γ + δ) Γ(1 + δ + n)/(Γ(γ + δ + n) Γ(1 + δ))], which is
     * α/(α + β) · Σₜ₌₁ⁿ B(γ, δ + t)/B(γ, δ), summed as described in the class comment (no singularity at
     * γ = 1); non-decreasing in n.
     *
     * @throws InvalidArgumentException if {@code opportunities} is negative
     */
    public double expectedPurchases(long opportunities) {
        Checks.count(opportunities, "opportunities");
        return alpha() / (alpha() + beta()) * Math.exp(core.logSurvivalSum(0, opportunities));
    }

    /**
     * The expected transactions in opportunities n + 1 .. n + n* of a customer who took x of n
     * opportunities, the last being tₓ (eq. 13):
     * B(α + x + 1, β + n − x)/B(α, β) / L · Σₜ₌ₙ₊₁ⁿ⁺ⁿ* B(γ, δ + t)/B(γ, δ), each factor taken as a
     * logarithm (see the class comment) and the product exponentiated once; in [0, n*] and
     * non-decreasing in n*.
     *
     * @param futureOpportunities n*, the opportunities ahead, &gt;= 0
     * @param history the customer's history; not null
     * @throws InvalidArgumentException if {@code futureOpportunities} is negative, or n + n* overflows a long
     */
    public double conditionalExpectedPurchases(long futureOpportunities, OpportunityHistory history) {
        Checks.count(futureOpportunities, "futureOpportunities");
        Checks.notNull(history, "history");
        if (futureOpportunities == 0) {
            return 0.0;
        }
        long x = history.frequency();
        long n = history.opportunities();
        long end = Checks.addCounts(n, futureOpportunities, "opportunities");
        // B(α + x + 1, β + n − x)/B(α, β) = B(α + x, β + n − x)/B(α, β) · (α + x)/(α + β + n)
        double logTransaction = core.logTransactions(x, n) + Math.log((alpha() + x) / (alpha() + beta() + n));
        double log = logTransaction - core.logLikelihood(x, history.recency(), n) + core.logSurvivalSum(n, end);
        return Math.min(futureOpportunities, Math.exp(log));
    }

    /**
     * P(X(n) = x) for a new customer (eq. 8): C(n, x) B(α + x, β + n − x)/B(α, β) · B(γ, δ + n)/B(γ, δ)
     * + Σᵢ₌ₓⁿ⁻¹ C(i, x) B(α + x, β + i − x)/B(α, β) · B(γ + 1, δ + i)/B(γ, δ), summed as described in the
     * class comment; in [0, 1], and 0 for x &gt; n.
     *
     * @throws InvalidArgumentException if {@code frequency} or {@code opportunities} is negative
     */
    public double probabilityOfPurchases(long frequency, long opportunities) {
        Checks.count(frequency, "frequency");
        Checks.count(opportunities, "opportunities");
        if (frequency > opportunities) {
            return 0.0;
        }
        double log = Core.logChoose(opportunities, frequency) + core.logTransactions(frequency, opportunities)
                + core.logSurvival(opportunities);
        if (frequency < opportunities) {
            log = logSumExp(log, core.sum(new CountTerms(core, frequency), frequency, opportunities - 1));
        }
        return Math.min(1.0, Math.exp(log));
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

    private static double logSumExp(double u, double v) {
        if (u == Double.NEGATIVE_INFINITY) {
            return v;
        }
        return BetaGeometricCore.logSumExp(u, v);
    }

    /**
     * ln L of one customer at (α, β, γ, δ) (eq. 5, summed as the fit sums it) and, when {@code gradient} is
     * not null, ∂ ln L/∂(α, β, γ, δ) written into its first four entries: the fit's own row computation,
     * for {@link BetaGeometricBetaBinomialCovariateModel}, whose customers each have their own parameters.
     */
    static double logLikelihood(double alpha, double beta, double gamma, double delta, long x, long recency,
            long opportunities, double[] gradient) {
        Core core = new Core(alpha, beta, gamma, delta);
        if (gradient == null) {
            return core.logLikelihood(x, recency, opportunities);
        }
        if (opportunities - recency > Likelihood.DIRECT) {
            return Likelihood.numerical(new double[] {alpha, beta, gamma, delta}, x, recency, opportunities, gradient);
        }
        double[] psi = {SpecialFunctions.digamma(alpha), SpecialFunctions.digamma(beta),
            SpecialFunctions.digamma(alpha + beta), SpecialFunctions.digamma(delta),
            SpecialFunctions.digamma(gamma + delta)};
        return Likelihood.analytic(core, psi, x, recency, opportunities, gradient);
    }

    /**
     * The total log-likelihood of BG/BB data with its analytic gradient in (α, β, γ, δ). With the terms
     * of L (eq. 5), T_alive = A(x, n) S(n) and T_m = A(x, m) D(m) for m = tₓ..n − 1, each term's share
     * p = T/L and the derivatives of ln A, ln S and ln D (differences of digammas),
     * <pre>
     *   ∂ ln L/∂α = ψ(α + x) − ψ(α) + ψ(α + β) − Σ p_m ψ(α + β + m)
     *   ∂ ln L/∂β = ψ(α + β) − ψ(β) + Σ p_m [ψ(β + m − x) − ψ(α + β + m)]
     *   ∂ ln L/∂γ = ψ(γ + δ) + (1 − p_alive)/γ − p_alive ψ(γ + δ + n) − Σ' p_m ψ(γ + δ + m + 1)
     *   ∂ ln L/∂δ = ψ(γ + δ) − ψ(δ) + p_alive [ψ(δ + n) − ψ(γ + δ + n)] + Σ' p_m [ψ(δ + m) − ψ(γ + δ + m + 1)]
     * </pre>
     * (Σ over every term, m = n for T_alive; Σ' over the drop-out terms),
     * the digammas of the drop-out terms from ψ(z + 1) = ψ(z) + 1/z along m, the terms from the ratio of
     * neighbours. A history with more than 1,024 opportunities after its last transaction (whose sum the
     * value takes partly by the Euler–Maclaurin formula, see the class comment) has its value from
     * {@code Core} and its gradient by central differences of that value (relative steps of 1e-6); no
     * such history is in any data set of the paper's kind. The rows are summed in chunks on all cores
     * ({@link RowChunks}). Thread-safe.
     */
    private static final class Likelihood implements MaximumLikelihood.LogLikelihood {

        /** The longest direct sum with an analytic gradient. */
        private static final long DIRECT = 1024;

        private final OpportunityHistories histories;
        private final double[] x;
        private final double[] recency;
        private final double[] n;
        private final double[] weight;

        Likelihood(OpportunityHistories histories) {
            this.histories = histories;
            long[] frequencies = histories.frequencies();
            long[] recencies = histories.recencies();
            long[] opportunities = histories.opportunityCounts();
            long[] weights = histories.weights();
            int rows = weights.length;
            x = new double[rows];
            recency = new double[rows];
            n = new double[rows];
            weight = new double[rows];
            for (int i = 0; i < rows; i++) {
                x[i] = frequencies[i];
                recency[i] = recencies[i];
                n[i] = opportunities[i];
                weight[i] = weights[i];
            }
        }

        @Override
        public boolean hasGradient() {
            return true;
        }

        @Override
        public MaximumLikelihood.LogLikelihood sample(int stride) {
            OpportunityHistories.Accumulator sample = OpportunityHistories.accumulator();
            for (int row = stride / 2; row < weight.length; row += stride) {
                sample.add(histories.frequency(row), histories.recency(row), histories.opportunities(row),
                        histories.weight(row));
            }
            return new Likelihood(sample.snapshot());
        }

        @Override
        public double value(double[] theta, double[] gradient) {
            Core core = new Core(theta[0], theta[1], theta[2], theta[3]);
            if (gradient == null) {
                return RowChunks.sum(weight.length, null, (from, to, g) -> {
                    double total = 0.0;
                    for (int i = from; i < to; i++) {
                        total += weight[i] * core.logLikelihood((long) x[i], (long) recency[i], (long) n[i]);
                    }
                    return total;
                });
            }
            // ψ(α), ψ(β), ψ(α + β), ψ(δ), ψ(γ + δ)
            double[] psi = {SpecialFunctions.digamma(theta[0]), SpecialFunctions.digamma(theta[1]),
                SpecialFunctions.digamma(theta[0] + theta[1]), SpecialFunctions.digamma(theta[3]),
                SpecialFunctions.digamma(theta[2] + theta[3])};
            return RowChunks.sum(weight.length, gradient, (from, to, g) -> {
                double total = 0.0;
                double[] row = new double[4];
                for (int i = from; i < to; i++) {
                    double value = n[i] - recency[i] > DIRECT ? numerical(theta, x[i], recency[i], n[i], row)
                            : analytic(core, psi, x[i], recency[i], n[i], row);
                    total += weight[i] * value;
                    for (int k = 0; k < 4; k++) {
                        g[k] += weight[i] * row[k];
                    }
                }
                return total;
            });
        }

        /** ln L of a history (x, tₓ, n) and its gradient into {@code row}, by the direct sum. */
        static double analytic(Core core, double[] psi, double xi, double last, double ni, double[] row) {
            double alpha = core.alpha;
            double beta = core.beta;
            double gamma = core.gamma;
            double delta = core.delta;
            double logAlive = core.logTransactions(xi, ni) + core.logSurvival(ni);
            double psiABn = SpecialFunctions.digamma(alpha + beta + ni);
            double psiBn = SpecialFunctions.digamma(beta + ni - xi);
            double psiGDn = SpecialFunctions.digamma(gamma + delta + ni);
            double psiDn = SpecialFunctions.digamma(delta + ni);
            double logL;
            double pAlive;
            // Σ p_m over the drop-out terms of ψ(α + β + m), ψ(β + m − x), ψ(γ + δ + m + 1), ψ(δ + m)
            double sumAB = 0.0;
            double sumB = 0.0;
            double sumGD = 0.0;
            double sumD = 0.0;
            if (last == ni) {
                logL = logAlive;
                pAlive = 1.0;
            } else {
                double logFirst = core.logTransactions(xi, last) + core.logDropout(last);
                double zAB = alpha + beta + last;
                double zB = beta + last - xi;
                double zGD = gamma + delta + last + 1.0;
                double zD = delta + last;
                double digammaAB = SpecialFunctions.digamma(zAB);
                double digammaB = SpecialFunctions.digamma(zB);
                double digammaGD = SpecialFunctions.digamma(zGD);
                double digammaD = SpecialFunctions.digamma(zD);
                double term = 1.0;
                double sum = 0.0;
                for (double m = last; m < ni; m++) {
                    sum += term;
                    sumAB += term * digammaAB;
                    sumB += term * digammaB;
                    sumGD += term * digammaGD;
                    sumD += term * digammaD;
                    // t(m + 1)/t(m) = (β + m − x)/(α + β + m) · (δ + m)/(γ + δ + m + 1)
                    term *= zB / zAB * (zD / zGD);
                    digammaAB += 1.0 / zAB;
                    digammaB += 1.0 / zB;
                    digammaGD += 1.0 / zGD;
                    digammaD += 1.0 / zD;
                    zAB += 1.0;
                    zB += 1.0;
                    zGD += 1.0;
                    zD += 1.0;
                }
                double logDropouts = logFirst + Math.log(sum);
                logL = logSumExp(logAlive, logDropouts);
                pAlive = Math.exp(logAlive - logL);
                double scale = Math.exp(logFirst - logL);
                sumAB *= scale;
                sumB *= scale;
                sumGD *= scale;
                sumD *= scale;
            }
            double psiAB = psi[2];
            row[0] = SpecialFunctions.digamma(alpha + xi) - psi[0] + psiAB - pAlive * psiABn - sumAB;
            row[1] = psiAB - psi[1] + pAlive * (psiBn - psiABn) + sumB - sumAB;
            row[2] = psi[4] + (1.0 - pAlive) / gamma - pAlive * psiGDn - sumGD;
            row[3] = psi[4] - psi[3] + pAlive * (psiDn - psiGDn) + sumD - sumGD;
            return Math.min(0.0, logL);
        }

        /** ln L of a history (x, tₓ, n) from {@code Core}, its gradient into {@code row} by central differences. */
        static double numerical(double[] theta, double x, double recency, double n, double[] row) {
            long xi = (long) x;
            long last = (long) recency;
            long ni = (long) n;
            double[] point = theta.clone();
            for (int k = 0; k < 4; k++) {
                double h = 1e-6 * theta[k];
                point[k] = theta[k] + h;
                double up = new Core(point[0], point[1], point[2], point[3]).logLikelihood(xi, last, ni);
                point[k] = theta[k] - h;
                double down = new Core(point[0], point[1], point[2], point[3]).logLikelihood(xi, last, ni);
                point[k] = theta[k];
                row[k] = (up - down) / (2.0 * h);
            }
            return new Core(theta[0], theta[1], theta[2], theta[3]).logLikelihood(xi, last, ni);
        }
    }

    /**
     * The parameters with ln B(α, β) and ln B(γ, δ), and every sum of the model. With
     * A(x, m) = B(α + x, β + m − x)/B(α, β) (x transactions in m opportunities, in a given order),
     * S(j) = B(γ, δ + j)/B(γ, δ) (alive through opportunity j) and D(j) = B(γ + 1, δ + j)/B(γ, δ) (alive
     * through j, gone at j + 1), each taken as ln B of its arguments by {@link SpecialFunctions#logBeta}:
     * see the class comment for the sums.
     */
    private static final class Core implements java.io.Serializable {

        private static final long serialVersionUID = 1L;

        /** The closed form of Σ S(t) takes over after this many terms. */
        private static final int DIRECT_SURVIVAL_TERMS = 1000;
        /** A sum stops when the terms left, each at most the current one, add less than this share. */
        private static final double NEGLIGIBLE = 1e-17;
        /** The Euler–Maclaurin tail is tried after every this many direct terms. */
        private static final int TAIL_CHECK = 1024;
        /** The direct terms of one sum at most (a guard: the terms are negligible or smooth long before). */
        private static final long MAX_DIRECT_TERMS = 1L << 26;
        /** The panels of one Euler–Maclaurin integral at most (a guard, as above). */
        private static final int MAX_PANELS = 1 << 16;
        private static final double LOG_NEGLIGIBLE = Math.log(NEGLIGIBLE);
        /** The rescaling step of a direct sum, and its logarithm. */
        private static final double RESCALE = 1e250;
        private static final double LOG_RESCALE = Math.log(RESCALE);
        /** The 8-point Gauss–Legendre rule on [−1, 1]: positive nodes and their weights. */
        private static final double[] NODES = {0.1834346424956498, 0.5255324099163290, 0.7966664774136267,
            0.9602898564975363};
        private static final double[] WEIGHTS = {0.3626837833783620, 0.3137066458778873, 0.2223810344533745,
            0.1012285362903763};
        /** The 4-point Gauss–Legendre rule on [0, 1]. */
        private static final double[] UNIT_NODES = {0.0694318442029737, 0.3300094782075719, 0.6699905217924281,
            0.9305681557970263};
        private static final double[] UNIT_WEIGHTS = {0.1739274225687269, 0.3260725774312731, 0.3260725774312731,
            0.1739274225687269};

        final double alpha;
        final double beta;
        final double gamma;
        final double delta;
        final double logBetaAB;
        final double logBetaGD;

        Core(double alpha, double beta, double gamma, double delta) {
            this.alpha = alpha;
            this.beta = beta;
            this.gamma = gamma;
            this.delta = delta;
            this.logBetaAB = SpecialFunctions.logBeta(alpha, beta);
            this.logBetaGD = SpecialFunctions.logBeta(gamma, delta);
        }

        /** ln A(x, m) = ln B(α + x, β + m − x) − ln B(α, β), for 0 ≤ x ≤ m. */
        double logTransactions(double x, double m) {
            return SpecialFunctions.logBeta(alpha + x, beta + (m - x)) - logBetaAB;
        }

        /** ln S(j) = ln B(γ, δ + j) − ln B(γ, δ). */
        double logSurvival(double j) {
            return SpecialFunctions.logBeta(gamma, delta + j) - logBetaGD;
        }

        /** ln D(j) = ln B(γ + 1, δ + j) − ln B(γ, δ). */
        double logDropout(double j) {
            return SpecialFunctions.logBeta(gamma + 1.0, delta + j) - logBetaGD;
        }

        /** ln C(n, k) = −ln(n + 1) − ln B(k + 1, n − k + 1), for 0 ≤ k ≤ n. */
        static double logChoose(double n, double k) {
            if (k == 0 || k == n) {
                return 0.0;
            }
            return -Math.log(n + 1.0) - SpecialFunctions.logBeta(k + 1.0, n - k + 1.0);
        }

        /** ln L(x, tₓ, n) = ln[A(x, n) S(n) + Σₘ₌ₜₓⁿ⁻¹ A(x, m) D(m)], at most 0 (L is a probability). */
        double logLikelihood(long x, long recency, long n) {
            double alive = logTransactions(x, n) + logSurvival(n);
            if (recency == n) {
                return Math.min(0.0, alive);
            }
            return Math.min(0.0, logSumExp(alive, sum(new DropoutTerms(this, x), recency, n - 1)));
        }

        /**
         * ln Σₜ₌from+1^to S(t), −∞ for an empty sum: the first 1000 terms one by one (each the previous
         * times (δ + t − 1)/(γ + δ + t − 1)), stopping where the rest is negligible, and the rest from the
         * closed form of {@link #logSurvivalTail}. The terms decrease, so the sum grows with {@code to}.
         */
        double logSurvivalSum(long from, long to) {
            if (to <= from) {
                return Double.NEGATIVE_INFINITY;
            }
            long directEnd = to - from <= DIRECT_SURVIVAL_TERMS ? to : from + DIRECT_SURVIVAL_TERMS;
            double logFirst = logSurvival(from + 1.0);
            double sum = 0.0;
            double term = 1.0;
            for (long t = from + 1; ; t++) {
                sum += term;
                if (t == directEnd) {
                    break;
                }
                term *= (delta + t) / (gamma + delta + t);
                if (term * (double) (to - t) <= NEGLIGIBLE * sum) {
                    return logFirst + Math.log(sum);
                }
            }
            double direct = logFirst + Math.log(sum);
            return directEnd == to ? direct : logSumExp(direct, logSurvivalTail(directEnd, to));
        }

        /**
         * ln Σₜ₌ₐ₊₁ᵇ S(t) for b − a &gt; 1000, by the telescoping closed form (with ε = γ − 1 and
         * ℓ(j) = ln Γ(γ + δ + j) − ln Γ(1 + δ + j))
         * <pre>
         *   Σₜ₌ₐ₊₁ᵇ S(t) = δ Γ(γ + δ)/Γ(1 + δ) · [e^(−ℓ(a)) − e^(−ℓ(b))]/ε = (δ + a) S(a) · M · (1 − e^(−εM))/(εM)
         * </pre>
         * with M = (ℓ(b) − ℓ(a))/ε &gt; 0, which has no singularity at γ = 1 (there M = ψ(1 + δ + b) −
         * ψ(1 + δ + a)); see {@link #survivalGrowth} for M.
         */
        private double logSurvivalTail(long a, long b) {
            double growth = survivalGrowth(a, b);
            return Math.log(delta + a) + logSurvival(a) + Math.log(growth)
                    + logOneMinusExpOverX((gamma - 1.0) * growth);
        }

        /**
         * M = (ℓ(b) − ℓ(a))/ε, ε = γ − 1, ℓ(j) = ln Γ(z_j + ε) − ln Γ(z_j), z_j = 1 + δ + j, by region:
         * <ul>
         * <li>z_a ≥ 100 max(1, |ε|): the asymptotic expansion ln Γ(z + ε) − ln Γ(z) = ε ln z +
         * Σₖ₌₂⁸ (−1)ᵏ (Bₖ(ε) − Bₖ)/(k(k − 1) z^(k−1)) (DLMF 5.11.13, Bₖ(·) the Bernoulli polynomials), so
         * that M = ln(1 + (b − a)/z_a) + Σₖ (−1)ᵏ Pₖ(ε)/(k(k − 1)) (z_b^(1−k) − z_a^(1−k)) with
         * Pₖ(ε) = (Bₖ(ε) − Bₖ)/ε, every difference taken by log1p and expm1 (full precision however close
         * z_b is to z_a);</li>
         * <li>|ε| &lt; 0.01: M = ∫₀¹ [ψ(z_b + sε) − ψ(z_a + sε)] ds by 4-point Gauss–Legendre (the integrand
         * is nearly constant in s);</li>
         * <li>otherwise: each ℓ(j) as ln B(z_j, ε) − ln Γ(ε) (or its mirror for ε &lt; 0), whose
         * difference loses no more than ln Γ(|ε|)/|ε| ≤ 500 ulps.</li>
         * </ul>
         */
        private double survivalGrowth(long a, long b) {
            double epsilon = gamma - 1.0;
            double za = 1.0 + delta + a;
            double zb = 1.0 + delta + b;
            double gap = (double) (b - a);
            if (za >= 100.0 * Math.max(1.0, Math.abs(epsilon))) {
                double logRatio = Math.log1p(gap / za);
                double[] p = bernoulliDifferences(epsilon);
                double growth = logRatio;
                double power = 1.0;
                for (int k = 2; k <= 8; k++) {
                    power /= za;
                    double difference = power * Math.expm1((1 - k) * logRatio);
                    growth += ((k & 1) == 0 ? 1.0 : -1.0) * p[k] / (k * (k - 1.0)) * difference;
                }
                return growth;
            }
            if (Math.abs(epsilon) < 0.01) {
                double growth = 0.0;
                for (int i = 0; i < UNIT_NODES.length; i++) {
                    double shift = UNIT_NODES[i] * epsilon;
                    growth += UNIT_WEIGHTS[i] * (SpecialFunctions.digamma(zb + shift)
                            - SpecialFunctions.digamma(za + shift));
                }
                return growth;
            }
            return (logGammaRatio(za, epsilon) - logGammaRatio(zb, epsilon)) / epsilon;
        }

        /** Pₖ(ε) = (Bₖ(ε) − Bₖ(0))/ε for k = 2..8 (index k), from the Bernoulli polynomials. */
        private static double[] bernoulliDifferences(double e) {
            double e2 = e * e;
            double e3 = e2 * e;
            double e4 = e3 * e;
            double e5 = e4 * e;
            double e6 = e5 * e;
            double e7 = e6 * e;
            return new double[] {0.0, 0.0,
                e - 1.0,
                e2 - 1.5 * e + 0.5,
                e3 - 2.0 * e2 + e,
                e4 - 2.5 * e3 + 5.0 / 3.0 * e2 - 1.0 / 6.0,
                e5 - 3.0 * e4 + 2.5 * e3 - 0.5 * e,
                e6 - 3.5 * e5 + 3.5 * e4 - 7.0 / 6.0 * e2 + 1.0 / 6.0,
                e7 - 4.0 * e6 + 14.0 / 3.0 * e5 - 7.0 / 3.0 * e3 + 2.0 / 3.0 * e};
        }

        /**
         * ln Γ(x) − ln Γ(x + c) for x &gt; 0 and x + c &gt; 0, c ≠ 0: ln B(x, c) − ln Γ(c) for c &gt; 0 (and the
         * mirror image for c &lt; 0), whose {@link SpecialFunctions#logBeta} keeps full relative precision
         * where the two log-gammas are large and nearly equal.
         */
        private static double logGammaRatio(double x, double c) {
            return c > 0.0 ? SpecialFunctions.logBeta(x, c) - SpecialFunctions.logGamma(c)
                    : SpecialFunctions.logGamma(-c) - SpecialFunctions.logBeta(x + c, -c);
        }

        /** ln((1 − e^(−y))/y), 0 at y = 0, without overflow or cancellation for any finite y. */
        private static double logOneMinusExpOverX(double y) {
            if (Math.abs(y) < 1e-6) {
                return y * (-0.5 + y / 24.0);
            }
            if (y > 0.0) {
                return Math.log(-Math.expm1(-y)) - Math.log(y);
            }
            return -y + Math.log(-Math.expm1(y)) - Math.log(-y);
        }

        /**
         * ln Σₘ₌ₗₒʰⁱ t(m) of positive terms: term by term from the recurrence t(m + 1) = t(m) · ratio(m),
         * relative to t(lo) and rescaled so that nothing overflows, stopping where the terms are
         * non-increasing and all those left add less than 1e-17 of the sum; where they are not negligible
         * after 1024 terms and ln t has become smooth (see {@link Terms#smoothFrom}), the rest by the
         * Euler–Maclaurin formula Σₘ₌ᴹᴺ t(m) = ∫ᴹᴺ t + (t(M) + t(N))/2 + (t′(N) − t′(M))/12 + R, whose
         * remainder R is then below 1e-11 of the sum (see {@link #logIntegral} for the integral).
         */
        double sum(Terms terms, long lo, long hi) {
            double logScale = terms.logTerm(lo);
            double sum = 0.0;
            double term = 1.0;
            long m = lo;
            for (long count = 1; ; count++) {
                sum += term;
                if (m == hi) {
                    return logScale + Math.log(sum);
                }
                term *= terms.ratio(m);
                m++;
                if (term * (double) (hi - m + 1) <= NEGLIGIBLE * sum && terms.decreasingFrom(m)) {
                    return logScale + Math.log(sum);
                }
                if (sum > RESCALE) {
                    sum /= RESCALE;
                    term /= RESCALE;
                    logScale += LOG_RESCALE;
                }
                if (count % TAIL_CHECK == 0 && hi - m > TAIL_CHECK && terms.smoothFrom(m)) {
                    return logEulerMaclaurin(terms, m, hi, logScale + Math.log(sum));
                }
                if (count > MAX_DIRECT_TERMS) {
                    throw undefined("a sum over " + (hi - lo + 1) + " opportunities did not converge");
                }
            }
        }

        /**
         * ln[head + Σₘ₌ᴹᴺ t(m)], the sum by the Euler–Maclaurin formula, everything in log space: the end
         * corrections t(M)(1/2 − (ln t)′(M)/12) + t(N)(1/2 + (ln t)′(N)/12), and the integral over each
         * piece of [M, N] on which t is monotone (see {@link Terms#turningPoints}), the pieces that hold
         * the largest terms first, so that the others stop as soon as what they could add is negligible.
         */
        private double logEulerMaclaurin(Terms terms, long first, long last, double logHead) {
            double m = first;
            double n = last;
            LogSum total = new LogSum();
            total.add(logHead);
            total.add(terms.logTerm(m) + Math.log(Math.max(0.5 - terms.logDerivative(m) / 12.0, 0.0)));
            total.add(terms.logTerm(n) + Math.log(Math.max(0.5 + terms.logDerivative(n) / 12.0, 0.0)));
            // t decreases on [m, rise], increases on [rise, peak] and decreases on [peak, n]
            double[] turning = terms.turningPoints();
            double peak = Math.max(m, Math.min(n, turning[1]));
            double rise = Math.max(m, Math.min(peak, turning[0]));
            logIntegral(terms, peak, n, total);
            logIntegral(terms, peak, rise, total);
            logIntegral(terms, m, rise, total);
            return total.log();
        }

        /**
         * Adds ∫ t over the piece from {@code from} to {@code to} (either way; t decreases in that
         * direction) by 8-point Gauss–Legendre on consecutive panels in log space, each at most a quarter of
         * the distance to the nearest singularity of ln t, at most 1/|(ln t)′| long, and short enough that
         * (ln t)′ changes by at most 1/width across it (so that t varies by a bounded factor and the rule
         * is exact to rounding); it stops where what the rest of the piece could add is negligible.
         */
        private void logIntegral(Terms terms, double from, double to, LogSum total) {
            double direction = Math.signum(to - from);
            double a = from;
            double slope = terms.logDerivative(a);
            for (int panel = 0; direction * (to - a) > 0.0; panel++) {
                if (panel > MAX_PANELS) {
                    throw undefined("the tail of a sum up to " + Math.max(from, to) + " opportunities did not converge");
                }
                double width = Math.min(Math.abs(to - a), 0.25 * terms.scale(a));
                if (slope != 0.0) {
                    width = Math.min(width, 1.0 / Math.abs(slope));
                }
                double b;
                double slopeB;
                while (true) {
                    b = width >= Math.abs(to - a) ? to : a + direction * width;
                    slopeB = terms.logDerivative(b);
                    if (Math.abs(slopeB - slope) * Math.abs(b - a) <= 1.0 || width <= 1.0) {
                        break;
                    }
                    width *= 0.5;
                }
                double half = 0.5 * Math.abs(b - a);
                double middle = 0.5 * (a + b);
                double[] logs = new double[2 * NODES.length];
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < NODES.length; i++) {
                    logs[2 * i] = terms.logTerm(middle - half * NODES[i]);
                    logs[2 * i + 1] = terms.logTerm(middle + half * NODES[i]);
                    max = Math.max(max, Math.max(logs[2 * i], logs[2 * i + 1]));
                }
                double panelSum = 0.0;
                for (int i = 0; i < NODES.length; i++) {
                    panelSum += WEIGHTS[i] * (Math.exp(logs[2 * i] - max) + Math.exp(logs[2 * i + 1] - max));
                }
                total.add(max + Math.log(half * panelSum));
                if (b != to && terms.logTerm(b) + Math.log(Math.abs(to - b)) <= LOG_NEGLIGIBLE + total.log()) {
                    return;
                }
                a = b;
                slope = slopeB;
            }
        }

        private UndefinedResultException undefined(String what) {
            return new UndefinedResultException("the BG/BB figure is undefined at alpha=" + alpha + ", beta=" + beta
                    + ", gamma=" + gamma + ", delta=" + delta + ": " + what);
        }
    }

    /** A sum of positive numbers given by their logarithms, kept as an offset and a scaled sum. */
    private static final class LogSum {
        private double offset = Double.NEGATIVE_INFINITY;
        private double scaled;

        void add(double log) {
            if (log == Double.NEGATIVE_INFINITY || Double.isNaN(log)) {
                return;
            }
            if (log > offset) {
                scaled = scaled * Math.exp(offset - log) + 1.0;
                offset = log;
            } else {
                scaled += Math.exp(log - offset);
            }
        }

        double log() {
            return offset + Math.log(scaled);
        }
    }

    /**
     * The terms t(m) of a sum over opportunities m: their logarithm, the ratio of neighbours, the
     * derivative of ln t in m (a real variable) and the distance from m to the nearest singularity of
     * ln t, for the direct sum and its Euler–Maclaurin tail.
     */
    private abstract static class Terms {

        /** ln t(m). */
        abstract double logTerm(double m);

        /** t(m + 1)/t(m). */
        abstract double ratio(double m);

        /** (ln t)′(m), from digammas. */
        abstract double logDerivative(double m);

        /** The distance from m to the nearest singularity of ln t (a zero of a gamma function's argument). */
        abstract double scale(double m);

        /** Whether t(m) ≥ t(m + 1) ≥ t(m + 2) ≥ … */
        abstract boolean decreasingFrom(double m);

        /**
         * {r₁, r₂}: t decreases before r₁, increases between r₁ and r₂, and decreases after r₂ (as a
         * function of a real m; r₁ = r₂ where it never increases).
         */
        abstract double[] turningPoints();

        /**
         * Whether the Euler–Maclaurin tail may start at m: the singularities at least 1000 away,
         * |(ln t)′| ≤ 1e-3 and |(ln t)″| ≤ 1e-6 (so that t‴/720 and t⁗/720 are below 1e-11 of t).
         */
        final boolean smoothFrom(double m) {
            if (scale(m) < 1000.0) {
                return false;
            }
            double slope = logDerivative(m);
            return Math.abs(slope) <= 1e-3 && Math.abs(logDerivative(m + 1.0) - slope) <= 1e-6;
        }
    }

    /** t(m) = A(x, m) D(m): a customer with x transactions by m who drops out right after m (m ≥ x). */
    private static final class DropoutTerms extends Terms {

        final Core core;
        final double x;

        DropoutTerms(Core core, double x) {
            this.core = core;
            this.x = x;
        }

        @Override
        double logTerm(double m) {
            return core.logTransactions(x, m) + core.logDropout(m);
        }

        @Override
        double ratio(double m) {
            return (core.beta + (m - x)) / (core.alpha + core.beta + m) * ((core.delta + m)
                    / (core.gamma + core.delta + m + 1.0));
        }

        @Override
        double logDerivative(double m) {
            return SpecialFunctions.digamma(core.beta + (m - x)) - SpecialFunctions.digamma(core.alpha + core.beta + m)
                    + SpecialFunctions.digamma(core.delta + m) - SpecialFunctions.digamma(core.gamma + core.delta + m + 1.0);
        }

        @Override
        double scale(double m) {
            return Math.min(core.beta + (m - x), core.delta + m);
        }

        @Override
        boolean decreasingFrom(double m) {
            return true; // both factors of the ratio are below 1
        }

        @Override
        double[] turningPoints() {
            return new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        }
    }

    /**
     * t(i) = C(i, x) A(x, i) D(i): x transactions in any order among i opportunities, then gone (i ≥ x).
     * The ratio t(i + 1)/t(i) exceeds 1 exactly where the quadratic q(i) = (i + 1)(β + i − x)(δ + i) −
     * (i + 1 − x)(α + β + i)(γ + δ + i + 1) = −(α + γ + 1) i² + c₁ i + c₀ is positive, with
     * c₁ = x(α + β + γ) − (2α + β + γ + 1 + αγ + αδ + βγ) and c₀ = βδ − xδ + (x − 1)(α + β)(γ + δ + 1):
     * between its roots r₁ &lt; r₂ (if real), so that past its vertex c₁/(2(α + γ + 1)) a ratio below 1
     * stays below 1.
     */
    private static final class CountTerms extends Terms {

        final DropoutTerms dropout;
        final double x;
        final double vertex;
        final double[] turningPoints;

        CountTerms(Core core, double x) {
            this.dropout = new DropoutTerms(core, x);
            this.x = x;
            double a = core.alpha;
            double b = core.beta;
            double g = core.gamma;
            double d = core.delta;
            double c2 = a + g + 1.0;
            double c1 = x * (a + b + g) - (2.0 * a + b + g + 1.0 + a * g + a * d + b * g);
            double c0 = b * d - x * d + (x - 1.0) * (a + b) * (g + d + 1.0);
            double center = c1 / (2.0 * c2);
            this.vertex = center + 1e-9 * Math.abs(center) + 1.0;
            double discriminant = c1 * c1 + 4.0 * c2 * c0;
            if (!(discriminant > 0.0)) {
                turningPoints = new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            } else {
                // the roots without cancellation: the larger in magnitude first, the other from their product −c₀/c₂
                double root = Math.sqrt(discriminant);
                double big = c1 >= 0.0 ? (c1 + root) / (2.0 * c2) : (c1 - root) / (2.0 * c2);
                double other = big == 0.0 ? 0.0 : -c0 / (c2 * big);
                turningPoints = new double[] {Math.min(big, other), Math.max(big, other)};
            }
        }

        @Override
        double logTerm(double m) {
            return Core.logChoose(m, x) + dropout.logTerm(m);
        }

        @Override
        double ratio(double m) {
            return (m + 1.0) / (m + 1.0 - x) * dropout.ratio(m);
        }

        @Override
        double logDerivative(double m) {
            return SpecialFunctions.digamma(m + 1.0) - SpecialFunctions.digamma(m - x + 1.0) + dropout.logDerivative(m);
        }

        @Override
        double scale(double m) {
            return Math.min(m - x + 1.0, dropout.scale(m));
        }

        @Override
        boolean decreasingFrom(double m) {
            return m >= vertex && ratio(m) <= 1.0;
        }

        @Override
        double[] turningPoints() {
            return turningPoints.clone();
        }
    }
}
