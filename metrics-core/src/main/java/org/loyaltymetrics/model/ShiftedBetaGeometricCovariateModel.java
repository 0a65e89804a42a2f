package org.loyaltymetrics.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Map;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.ContractHistory;
import org.loyaltymetrics.data.CovariateRows;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.RandomVariates;
import org.loyaltymetrics.internal.RowChunks;
import org.loyaltymetrics.internal.SpecialFunctions;

/**
 * The shifted-beta-geometric (sBG) model of contractual retention ({@link ShiftedBetaGeometricModel};
 * Fader &amp; Hardie 2007, "How to Project Customer Retention", Journal of Interactive Marketing 21(1))
 * with time-invariant covariates, for individual customers. At the end of each period customer i leaves
 * with probability θ_i, and across customers with covariates z_i
 * <pre>
 *   θ_i ~ beta(α_i, β_i),   α_i = α₀ · exp(γ_αᵀ z_i),   β_i = β₀ · exp(γ_βᵀ z_i)
 * </pre>
 * (a log link on each parameter of the beta distribution). Both coefficient vectors move the attrition
 * process. How to read them: the mean churn probability is E[θ_i] = α_i/(α_i + β_i), so a positive
 * α-coefficient means more churn (lower retention) and a positive β-coefficient less churn; the same
 * value on both leaves the mean churn probability alone and scales the concentration α_i + β_i (larger:
 * customers of that profile are more alike, and their retention rate rises less over time). With all
 * coefficients 0 it is the plain model with (α₀, β₀).
 *
 * <p>Data: each customer's own {@link ContractHistory} (lost in period t, or still active after n
 * periods), which is what carries the covariates; a cohort's {@link org.loyaltymetrics.data.CohortSurvivors}
 * counts customers without telling them apart and cannot. The likelihood of customer i is the plain
 * model's with (α_i, β_i) (Fader &amp; Hardie 2007, eq. 2 and 3):
 * <pre>
 *   lost in period t:        P(T = t) = B(α_i + 1, β_i + t − 1)/B(α_i, β_i)
 *   active after n periods:  S(n)     = B(α_i, β_i + n)/B(α_i, β_i)
 * </pre>
 * Customers may have been observed for different numbers of periods (joined at different times).
 *
 * <p>The choice of link: CLVTools 0.12.1 has no sBG; the log link on the beta parameters is the one
 * CLVTools uses for the BG/NBD's beta-distributed drop-out probability (a_i = a₀ exp(γᵀz), b_i = b₀ exp(γᵀz),
 * there with one vector on both), here with a vector per parameter so that covariates can move the mean
 * churn probability too. Coefficients are on the covariates' scale as given.
 *
 * <p>Fitted by maximum likelihood with the analytic gradient
 * <pre>
 *   lost in t:      ∂/∂α = 1/α + ψ(α + β) − ψ(α + β + t),   ∂/∂β = ψ(β + t − 1) − ψ(β) + ψ(α + β) − ψ(α + β + t)
 *   active after n: ∂/∂α = ψ(α + β) − ψ(α + β + n),         ∂/∂β = ψ(β + n) − ψ(β) + ψ(α + β) − ψ(α + β + n)
 * </pre>
 * (at (α_i, β_i); ∂α_i/∂γ_α,j = α_i z_ij, ∂β_i/∂γ_β,j = β_i z_ij), from the fit without covariates and
 * all coefficients 0. Parameters: alpha, beta, alpha.&lt;covariate&gt;..., beta.&lt;covariate&gt;...; the standard
 * errors are the inverse Hessian's, the coefficients' as they are.
 *
 * <p>This class is immutable and thread-safe; fitting is deterministic.
 */
public final class ShiftedBetaGeometricCovariateModel extends CovariateModel {

    private static final String MODEL = "sBG with covariates";
    private static final List<String> BLOCKS = List.of("alpha", "beta");
    private static final String MORE_DATA = "more customers, observed over more periods (the sBG model tells "
            + "heterogeneous churn from a constant rate by how retention changes from period to period)";

    private ShiftedBetaGeometricCovariateModel(List<String> covariates, double[] parameters, ModelFit fit) {
        super(MODEL, ShiftedBetaGeometricModel.PARAMETERS, BLOCKS, covariates, parameters, fit);
    }

    /**
     * The model with given parameters: α₀, β₀ finite and &gt; 0, one finite coefficient per covariate in
     * each vector.
     *
     * @throws InvalidArgumentException if a parameter is out of range or the coefficients are not one per name
     */
    public static ShiftedBetaGeometricCovariateModel of(double alpha, double beta, List<String> covariates,
            double[] alphaCoefficients, double[] betaCoefficients) {
        return new ShiftedBetaGeometricCovariateModel(covariates, parameters(new double[] {alpha, beta}, BLOCKS,
                covariates, alphaCoefficients, betaCoefficients), null);
    }

    /** Fits the model with the default options. */
    public static ShiftedBetaGeometricCovariateModel fit(CovariateRows<ContractHistory> data) {
        return fit(data, FitOptions.defaults());
    }

    /**
     * Fits the model by maximum likelihood to the customers' contract histories joined to their covariates:
     * first without covariates from α = β = 1, then with them from there.
     *
     * @throws InvalidArgumentException if a covariate is constant over the customers (not identifiable apart
     *     from α₀ and β₀; the message names it), or {@code options} has a penalizer (not offered)
     * @throws ModelFitException if the fit fails: no customer was lost, or all in their first period, or the
     *     data do not identify the parameters (see {@link ShiftedBetaGeometricModel#fit})
     */
    public static ShiftedBetaGeometricCovariateModel fit(CovariateRows<ContractHistory> data, FitOptions options) {
        checkFittable(data, options, "alpha and beta");
        long lost = 0;
        long renewed = 0;
        for (int i = 0; i < data.size(); i++) {
            ContractHistory history = data.data(i);
            lost += history.lost() ? 1 : 0;
            renewed += history.lost() ? history.periods() - 1 : history.periods();
        }
        if (data.size() > 0 && lost == 0) {
            throw new ModelFitException("cannot fit the " + MODEL + " model: none of the " + data.size()
                    + " customers was lost, so the churn probabilities have no estimate (the likelihood rises "
                    + "without bound as alpha goes to 0); fit customers observed until some of them were lost");
        }
        if (data.size() > 0 && renewed == 0) {
            throw new ModelFitException("cannot fit the " + MODEL + " model: no customer renewed (each was lost in "
                    + "the first period or observed for none), so the churn probabilities have no estimate (the "
                    + "likelihood rises without bound as beta goes to 0); fit customers of whom some renewed");
        }
        ModelFit plain = MaximumLikelihood.fit("sBG", ShiftedBetaGeometricModel.PARAMETERS,
                new Likelihood(data, false), new double[] {1.0, 1.0}, data.size(), data.size(), options, MORE_DATA);
        List<String> names = names(ShiftedBetaGeometricModel.PARAMETERS, BLOCKS, data.names());
        ModelFit fit = fit(MODEL, names, 2, new Likelihood(data, true), plain.estimates(), data.size(), options,
                MORE_DATA);
        return new ShiftedBetaGeometricCovariateModel(data.names(), fit.estimates(), fit);
    }

    /** α₀, the first shape of the beta distribution of churn probabilities at z = 0. */
    public double alpha() {
        return baseParameter(0);
    }

    /** β₀, the second shape of the beta distribution of churn probabilities at z = 0. */
    public double beta() {
        return baseParameter(1);
    }

    /** γ_α by covariate name (positive: more churn). */
    public Map<String, Double> alphaCoefficients() {
        return block(0);
    }

    /** γ_β by covariate name (positive: less churn). */
    public Map<String, Double> betaCoefficients() {
        return block(1);
    }

    /**
     * The sBG model of a customer with covariates {@code z}: (α₀ exp(γ_αᵀz), β₀ exp(γ_βᵀz)), whose
     * survival, retention rates and discounted expected residual lifetime are this customer's.
     *
     * @throws InvalidArgumentException if {@code z} is not one finite value per covariate
     */
    public ShiftedBetaGeometricModel forCustomer(double[] z) {
        double[] m = multipliers(z);
        return ShiftedBetaGeometricModel.of(alpha() * m[0], beta() * m[1]);
    }

    /**
     * The log-likelihood of one customer with covariates {@code z}: ln P(T = t) if lost in period t, ln S(n)
     * if active after n periods.
     *
     * @throws InvalidArgumentException if {@code z} is not one finite value per covariate
     */
    public double logLikelihood(double[] z, ContractHistory history) {
        Checks.notNull(history, "history");
        double[] m = multipliers(z);
        return logLikelihood(alpha() * m[0], beta() * m[1], history.periods(), history.lost(), null);
    }

    /**
     * Simulates the contract histories of the given customers, seeded: for customer i with covariates z_i,
     * observed for n_i ≥ 0 periods ({@code periods.data(i)}), θ_i ~ beta(α_i, β_i), then in each period
     * 1..n_i lost with probability θ_i (lost in the first such period; else active after n_i). The same
     * seed gives the same histories.
     *
     * @param periods each customer's periods of observation, with their covariates (this model's)
     * @param seed the seed
     * @throws InvalidArgumentException if the covariates are not this model's or a number of periods is negative
     */
    public CovariateRows<ContractHistory> simulate(CovariateRows<Long> periods, long seed) {
        checkCovariates(periods, "periods");
        SplittableRandom random = new SplittableRandom(seed);
        List<ContractHistory> histories = new ArrayList<>(periods.size());
        for (int i = 0; i < periods.size(); i++) {
            long n = Checks.notNull(periods.data(i), "periods");
            if (n < 0) {
                throw InvalidArgumentException.of("periods", ">= 0 in every row", n + " for customer "
                        + periods.customerId(i));
            }
            double[] m = multipliers(periods.covariates(i));
            double theta = RandomVariates.beta(random, alpha() * m[0], beta() * m[1]);
            ContractHistory history = ContractHistory.activeAfter(n);
            for (long t = 1; t <= n; t++) {
                if (random.nextDouble() < theta) {
                    history = ContractHistory.lostIn(t);
                    break;
                }
            }
            histories.add(history);
        }
        return periods.withData(histories);
    }

    /** The total log-likelihood of the joined customers at this model's parameters. */
    public double logLikelihood(CovariateRows<ContractHistory> data) {
        Checks.notNull(data, "data");
        return new Likelihood(data, true).value(likelihoodCoding(), null);
    }

    /** One customer's log-likelihood at (α, β); with {@code gradient}, its ∂/∂α, ∂/∂β written there. */
    private static double logLikelihood(double alpha, double beta, double periods, boolean lost, double[] gradient) {
        double logB = SpecialFunctions.logBeta(alpha, beta);
        if (lost) {
            if (gradient != null) {
                double psiAB = SpecialFunctions.digamma(alpha + beta);
                double psiABt = SpecialFunctions.digamma(alpha + beta + periods);
                gradient[0] = 1.0 / alpha + psiAB - psiABt;
                gradient[1] = (periods == 1 ? 0.0 : SpecialFunctions.digamma(beta + (periods - 1.0))
                        - SpecialFunctions.digamma(beta)) + psiAB - psiABt;
            }
            return SpecialFunctions.logBeta(alpha + 1.0, beta + (periods - 1.0)) - logB;
        }
        if (periods == 0) {
            if (gradient != null) {
                gradient[0] = 0.0;
                gradient[1] = 0.0;
            }
            return 0.0;
        }
        if (gradient != null) {
            double psiAB = SpecialFunctions.digamma(alpha + beta);
            double psiABn = SpecialFunctions.digamma(alpha + beta + periods);
            gradient[0] = psiAB - psiABn;
            gradient[1] = SpecialFunctions.digamma(beta + periods) - SpecialFunctions.digamma(beta) + psiAB - psiABn;
        }
        return SpecialFunctions.logBeta(alpha, beta + periods) - logB;
    }

    /**
     * The log-likelihood in θ = (α₀, β₀, e^γ_α, e^γ_β) (the optimiser moves ln θ, so the coefficients
     * themselves), or in (α₀, β₀) alone without covariates, with its analytic gradient; one row per
     * customer, summed in chunks ({@link RowChunks}).
     */
    static final class Likelihood implements MaximumLikelihood.LogLikelihood {
        private final int rows;
        private final int k;
        private final double[] periods;
        private final boolean[] lost;
        private final double[] z;

        Likelihood(CovariateRows<ContractHistory> data, boolean covariates) {
            rows = data.size();
            k = covariates ? data.names().size() : 0;
            periods = new double[rows];
            lost = new boolean[rows];
            z = new double[rows * k];
            for (int i = 0; i < rows; i++) {
                periods[i] = data.data(i).periods();
                lost[i] = data.data(i).lost();
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
            double alpha0 = theta[0];
            double beta0 = theta[1];
            double[] coefficients = new double[2 * k];
            for (int j = 0; j < 2 * k; j++) {
                coefficients[j] = Math.log(theta[2 + j]);
            }
            double total = RowChunks.sum(rows, gradient, (from, to, g) -> {
                double[] row = g == null ? null : new double[2];
                double sum = 0.0;
                for (int i = from; i < to; i++) {
                    double scoreAlpha = 0.0;
                    double scoreBeta = 0.0;
                    for (int j = 0; j < k; j++) {
                        scoreAlpha += coefficients[j] * z[i * k + j];
                        scoreBeta += coefficients[k + j] * z[i * k + j];
                    }
                    double alpha = alpha0 * Math.exp(scoreAlpha);
                    double beta = beta0 * Math.exp(scoreBeta);
                    if (!(alpha > 0.0 && alpha < Double.POSITIVE_INFINITY && beta > 0.0
                            && beta < Double.POSITIVE_INFINITY)) {
                        return Double.NEGATIVE_INFINITY; // a customer's parameter over- or underflows: too far out
                    }
                    try {
                        sum += logLikelihood(alpha, beta, periods[i], lost[i], row);
                    } catch (IllegalArgumentException outOfRange) {
                        // a special function cannot be evaluated at such a customer's (α_i, β_i), e.g. α_i/β_i
                        // beyond 1e40: a point too far out, where the optimiser backtracks
                        return Double.NEGATIVE_INFINITY;
                    }
                    if (g != null) {
                        double dLogAlpha = row[0] * alpha;
                        double dLogBeta = row[1] * beta;
                        g[0] += dLogAlpha / alpha0;
                        g[1] += dLogBeta / beta0;
                        for (int j = 0; j < k; j++) {
                            g[2 + j] += dLogAlpha * z[i * k + j];
                            g[2 + k + j] += dLogBeta * z[i * k + j];
                        }
                    }
                }
                return sum;
            });
            if (gradient != null) {
                for (int j = 2; j < gradient.length; j++) {
                    gradient[j] /= theta[j]; // ∂/∂θ = ∂/∂γ · dγ/dθ, γ = ln θ
                }
            }
            return total;
        }
    }
}
