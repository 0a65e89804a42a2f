package org.loyaltymetrics.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Map;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.CovariateRows;
import org.loyaltymetrics.data.OpportunityHistories;
import org.loyaltymetrics.data.OpportunityHistory;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.RandomVariates;
import org.loyaltymetrics.internal.RowChunks;

/**
 * The beta-geometric/beta-binomial (BG/BB) model of repeat transactions at discrete opportunities
 * ({@link BetaGeometricBetaBinomialModel}; Fader, Hardie &amp; Shang 2010, "Customer-Base Analysis in a
 * Discrete-Time Noncontractual Setting", Marketing Science 29(6)) with time-invariant covariates. While
 * alive, customer i takes each opportunity with probability p_i and drops out at the start of each
 * opportunity with probability θ_i; across customers with covariates z_i
 * <pre>
 *   p_i ~ beta(α_i, β_i),   α_i = α₀ · exp(γ_αᵀ z_i),   β_i = β₀ · exp(γ_βᵀ z_i)      (purchase process)
 *   θ_i ~ beta(γ_i, δ_i),   γ_i = γ₀ · exp(γ_γᵀ z_i),   δ_i = δ₀ · exp(γ_δᵀ z_i)      (attrition process)
 * </pre>
 * (a log link on each of the four beta parameters). How to read the coefficients: the mean transaction
 * probability is E[p_i] = α_i/(α_i + β_i), so a positive α-coefficient means more transactions and a
 * positive β-coefficient fewer; the mean drop-out probability is E[θ_i] = γ_i/(γ_i + δ_i), so a positive
 * γ-coefficient means faster drop-out and a positive δ-coefficient longer lifetimes. The same value on both
 * coefficients of a process leaves its mean alone and scales its concentration (larger: customers of that
 * profile more alike), as CLVTools' BG/NBD does with its one lifetime vector on (a, b). With all
 * coefficients 0 it is the plain model with (α₀, β₀, γ₀, δ₀).
 *
 * <p>Each customer is then a BG/BB with (α_i, β_i, γ_i, δ_i) ({@link #forCustomer(double[])}), whose
 * likelihood (eq. 5) and predictions (P(alive), eq. 11; expected transactions in the next n* opportunities,
 * eq. 13) are the plain model's:
 * <pre>
 *   L_i = B(α_i + x, β_i + n − x)/B(α_i, β_i) · B(γ_i, δ_i + n)/B(γ_i, δ_i)
 *       + Σⱼ₌₀^(n−tₓ−1) B(α_i + x, β_i + tₓ − x + j)/B(α_i, β_i) · B(γ_i + 1, δ_i + tₓ + j)/B(γ_i, δ_i)
 * </pre>
 * Customers' histories may have different numbers of opportunities.
 *
 * <p>The choice of link: CLVTools 0.12.1 has no BG/BB with covariates, so there is no parametrisation to
 * follow; the log link on the beta parameters is the one CLVTools uses for the BG/NBD's beta-distributed
 * drop-out probability, here with a vector per parameter so that covariates can move both means. Coefficients
 * are on the covariates' scale as given.
 *
 * <p>Fitted by maximum likelihood with the analytic gradient: the plain model's ∂ ln L/∂(α, β, γ, δ) at the
 * customer's parameters (see {@link BetaGeometricBetaBinomialModel}), by the chain rule ∂α_i/∂α₀ = α_i/α₀,
 * ∂α_i/∂γ_α,j = α_i z_ij (and alike for β, γ, δ), from the fit without covariates and all coefficients 0.
 * Parameters: alpha, beta, gamma, delta, then alpha.&lt;covariate&gt;..., beta.&lt;covariate&gt;...,
 * gamma.&lt;covariate&gt;..., delta.&lt;covariate&gt;...; the standard errors are the inverse Hessian's, the
 * coefficients' as they are.
 *
 * <p>This class is immutable and thread-safe; fitting is deterministic.
 */
public final class BetaGeometricBetaBinomialCovariateModel extends CovariateModel {

    private static final String MODEL = "BG/BB with covariates";
    private static final List<String> BLOCKS = List.of("alpha", "beta", "gamma", "delta");

    private BetaGeometricBetaBinomialCovariateModel(List<String> covariates, double[] parameters, ModelFit fit) {
        super(MODEL, BetaGeometricBetaBinomialModel.PARAMETERS, BLOCKS, covariates, parameters, fit);
    }

    /**
     * The model with given parameters: α₀, β₀, γ₀, δ₀ finite and &gt; 0, one finite coefficient per
     * covariate in each vector.
     *
     * @throws InvalidArgumentException if a parameter is out of range or the coefficients are not one per name
     */
    public static BetaGeometricBetaBinomialCovariateModel of(double alpha, double beta, double gamma, double delta,
            List<String> covariates, double[] alphaCoefficients, double[] betaCoefficients, double[] gammaCoefficients,
            double[] deltaCoefficients) {
        return new BetaGeometricBetaBinomialCovariateModel(covariates, parameters(new double[] {alpha, beta, gamma,
            delta}, BLOCKS, covariates, alphaCoefficients, betaCoefficients, gammaCoefficients, deltaCoefficients),
                null);
    }

    /** Fits the model with the default options. */
    public static BetaGeometricBetaBinomialCovariateModel fit(CovariateRows<OpportunityHistory> data) {
        return fit(data, FitOptions.defaults());
    }

    /**
     * Fits the model by maximum likelihood to the customers' histories joined to their covariates: first the
     * plain model, then with covariates from there.
     *
     * @throws InvalidArgumentException if a covariate is constant over the customers (not identifiable apart
     *     from the base parameters; the message names it), or {@code options} has a penalizer (not offered)
     * @throws ModelFitException if the fit fails (see {@link BetaGeometricBetaBinomialModel#fit})
     */
    public static BetaGeometricBetaBinomialCovariateModel fit(CovariateRows<OpportunityHistory> data,
            FitOptions options) {
        checkFittable(data, options, "alpha, beta, gamma and delta");
        OpportunityHistories.Accumulator all = OpportunityHistories.accumulator();
        for (int i = 0; i < data.size(); i++) {
            all.add(data.data(i));
        }
        BetaGeometricBetaBinomialModel plain = BetaGeometricBetaBinomialModel.fit(all.snapshot(), options);
        List<String> names = names(BetaGeometricBetaBinomialModel.PARAMETERS, BLOCKS, data.names());
        ModelFit fit = fit(MODEL, names, 4, new Likelihood(data), new double[] {plain.alpha(), plain.beta(),
            plain.gamma(), plain.delta()}, data.size(), options, "more customers with varied covariates and "
                    + "histories of at least three opportunities");
        return new BetaGeometricBetaBinomialCovariateModel(data.names(), fit.estimates(), fit);
    }

    /** α₀, the first shape of the beta distribution of transaction probabilities at z = 0. */
    public double alpha() {
        return baseParameter(0);
    }

    /** β₀, the second shape of the beta distribution of transaction probabilities at z = 0. */
    public double beta() {
        return baseParameter(1);
    }

    /** γ₀, the first shape of the beta distribution of drop-out probabilities at z = 0. */
    public double gamma() {
        return baseParameter(2);
    }

    /** δ₀, the second shape of the beta distribution of drop-out probabilities at z = 0. */
    public double delta() {
        return baseParameter(3);
    }

    /**
     * The purchase process's coefficients: {@code alpha} (positive: more transactions) and {@code beta}
     * (positive: fewer), each by covariate name.
     */
    public Map<String, Map<String, Double>> purchaseCoefficients() {
        return blocks(0, 1);
    }

    /**
     * The attrition process's coefficients: {@code gamma} (positive: faster drop-out) and {@code delta}
     * (positive: longer lifetimes), each by covariate name.
     */
    public Map<String, Map<String, Double>> attritionCoefficients() {
        return blocks(2, 3);
    }

    /**
     * The BG/BB of a customer with covariates {@code z}: (α₀ exp(γ_αᵀz), β₀ exp(γ_βᵀz), γ₀ exp(γ_γᵀz),
     * δ₀ exp(γ_δᵀz)), whose predictions (P(alive), expected transactions, ...) are this customer's.
     *
     * @throws InvalidArgumentException if {@code z} is not one finite value per covariate
     */
    public BetaGeometricBetaBinomialModel forCustomer(double[] z) {
        double[] m = multipliers(z);
        return BetaGeometricBetaBinomialModel.of(alpha() * m[0], beta() * m[1], gamma() * m[2], delta() * m[3]);
    }

    /**
     * The log-likelihood of one customer with covariates {@code z}.
     *
     * @throws InvalidArgumentException if {@code z} is not one finite value per covariate
     */
    public double logLikelihood(double[] z, OpportunityHistory history) {
        Checks.notNull(history, "history");
        return forCustomer(z).logLikelihood(history);
    }

    /**
     * Simulates the histories of the given customers, seeded: for customer i with covariates z_i and n_i ≥ 1
     * opportunities ({@code opportunities.data(i)}), p_i ~ beta(α_i, β_i), θ_i ~ beta(γ_i, δ_i); at each
     * opportunity the customer first survives with probability 1 − θ_i, then transacts with probability p_i
     * (as {@link BetaGeometricBetaBinomialModel#simulate}). The same seed gives the same histories.
     *
     * @param opportunities each customer's number of opportunities, with their covariates (this model's)
     * @param seed the seed
     * @throws InvalidArgumentException if the covariates are not this model's or a number of opportunities
     *     is not &gt;= 1
     */
    public CovariateRows<OpportunityHistory> simulate(CovariateRows<Long> opportunities, long seed) {
        checkCovariates(opportunities, "opportunities");
        SplittableRandom random = new SplittableRandom(seed);
        List<OpportunityHistory> histories = new ArrayList<>(opportunities.size());
        for (int i = 0; i < opportunities.size(); i++) {
            long n = Checks.notNull(opportunities.data(i), "opportunities");
            if (n < 1) {
                throw InvalidArgumentException.of("opportunities", ">= 1 in every row", n + " for customer "
                        + opportunities.customerId(i));
            }
            double[] m = multipliers(opportunities.covariates(i));
            double p = RandomVariates.beta(random, alpha() * m[0], beta() * m[1]);
            double theta = RandomVariates.beta(random, gamma() * m[2], delta() * m[3]);
            long x = 0;
            long last = 0;
            for (long t = 1; t <= n; t++) {
                if (random.nextDouble() < theta) {
                    break;
                }
                if (random.nextDouble() < p) {
                    x++;
                    last = t;
                }
            }
            histories.add(OpportunityHistory.of(x, last, n));
        }
        return opportunities.withData(histories);
    }

    /** The total log-likelihood of the joined customers at this model's parameters. */
    public double logLikelihood(CovariateRows<OpportunityHistory> data) {
        Checks.notNull(data, "data");
        return new Likelihood(data).value(likelihoodCoding(), null);
    }

    /**
     * The log-likelihood in θ = (α₀, β₀, γ₀, δ₀, e^γ_α, e^γ_β, e^γ_γ, e^γ_δ) (the optimiser moves ln θ, so
     * the coefficients themselves), with its analytic gradient; one row per customer, summed in chunks
     * ({@link RowChunks}).
     */
    static final class Likelihood implements MaximumLikelihood.LogLikelihood {
        private final int rows;
        private final int k;
        private final long[] x;
        private final long[] recency;
        private final long[] n;
        private final double[] z;

        Likelihood(CovariateRows<OpportunityHistory> data) {
            rows = data.size();
            k = data.names().size();
            x = new long[rows];
            recency = new long[rows];
            n = new long[rows];
            z = new double[rows * k];
            for (int i = 0; i < rows; i++) {
                OpportunityHistory h = data.data(i);
                x[i] = h.frequency();
                recency[i] = h.recency();
                n[i] = h.opportunities();
                for (int j = 0; j < k; j++) {
                    z[i * k + j] = data.covariate(i, j);
                }
            }
        }

        @Override
        public boolean hasGradient() {
            return true;
        }

        @Override
        public double value(double[] theta, double[] gradient) {
            double[] coefficients = new double[4 * k];
            for (int j = 0; j < 4 * k; j++) {
                coefficients[j] = Math.log(theta[4 + j]);
            }
            double total = RowChunks.sum(rows, gradient, (from, to, g) -> {
                double[] row = g == null ? null : new double[4];
                double[] parameters = new double[4];
                double sum = 0.0;
                for (int i = from; i < to; i++) {
                    for (int b = 0; b < 4; b++) {
                        double score = 0.0;
                        for (int j = 0; j < k; j++) {
                            score += coefficients[b * k + j] * z[i * k + j];
                        }
                        parameters[b] = theta[b] * Math.exp(score);
                        if (!(parameters[b] > 0.0 && parameters[b] < Double.POSITIVE_INFINITY)) {
                            return Double.NEGATIVE_INFINITY; // a customer's parameter over- or underflows: too far out
                        }
                    }
                    try {
                        sum += BetaGeometricBetaBinomialModel.logLikelihood(parameters[0], parameters[1],
                                parameters[2], parameters[3], x[i], recency[i], n[i], row);
                    } catch (IllegalArgumentException outOfRange) {
                        // a special function cannot be evaluated at such a customer's parameters: a point too
                        // far out, where the optimiser backtracks
                        return Double.NEGATIVE_INFINITY;
                    }
                    if (g != null) {
                        for (int b = 0; b < 4; b++) {
                            double dLog = row[b] * parameters[b]; // ∂ ln L/∂ ln(parameter b of customer i)
                            g[b] += dLog / theta[b];
                            for (int j = 0; j < k; j++) {
                                g[4 + b * k + j] += dLog * z[i * k + j];
                            }
                        }
                    }
                }
                return sum;
            });
            if (gradient != null) {
                for (int j = 4; j < gradient.length; j++) {
                    gradient[j] /= theta[j]; // ∂/∂θ = ∂/∂γ · dγ/dθ, γ = ln θ
                }
            }
            return total;
        }
    }
}
