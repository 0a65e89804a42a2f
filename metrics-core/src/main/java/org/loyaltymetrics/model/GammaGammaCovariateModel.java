package org.loyaltymetrics.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Map;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.CovariateRows;
import org.loyaltymetrics.data.SpendHistories;
import org.loyaltymetrics.data.SpendHistory;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.RandomVariates;
import org.loyaltymetrics.internal.RowChunks;
import org.loyaltymetrics.internal.SpecialFunctions;

/**
 * The Gamma-Gamma model of spend ({@link GammaGammaModel}; Fader, Hardie &amp; Lee 2005, "RFM and CLV:
 * Using Iso-Value Curves for Customer Base Analysis", Journal of Marketing Research 42(4), sec. on
 * monetary value; Fader &amp; Hardie 2013, "The Gamma-Gamma Model of Monetary Value"; after Colombo &amp;
 * Jiang 1999) with time-invariant covariates on the spend process. Customer i's transaction values are
 * gamma(shape p, rate ν_i), and across customers with covariates z_i
 * <pre>
 *   ν_i ~ gamma(shape q, rate v_i),   v_i = v₀ · exp(γ_spendᵀ z_i)
 * </pre>
 * so that customer i's expected transaction value is E[Z_i] = p v_i/(q − 1) = p v₀/(q − 1) · exp(γ_spendᵀ z_i):
 * a positive coefficient means higher spend, exp(γ_j) the factor by which one unit more of covariate j
 * multiplies the expected transaction value. The shapes p and q (the spread of the values within and
 * across customers) do not depend on the covariates. Each customer is then a Gamma-Gamma model with
 * (p, q, v_i) ({@link #forCustomer(double[])}), whose likelihood of the mean z̄ of x transactions is the
 * plain model's,
 * <pre>
 *   f(z̄ | x, z_i) = Γ(px + q)/(Γ(px) Γ(q)) · v_i^q · z̄^(px−1) x^(px) / (v_i + x z̄)^(px+q)
 * </pre>
 * and whose conditional expected spend is p (v_i + x z̄)/(px + q − 1). With all coefficients 0 it is
 * the plain model with v = v₀.
 *
 * <p>The choice of link: CLVTools 0.12.1 has no covariates for its spending model ({@code gg} takes data
 * without covariates), so there is no parametrisation to follow; the log link on the scale v of the
 * customers' rates is the one that makes the coefficients multiply the expected spend, with signs read
 * like CLVTools' transaction-process coefficients (positive: more). Coefficients are on the covariates'
 * scale as given (nothing is centred or scaled).
 *
 * <p>Fitted by maximum likelihood with the analytic gradient
 * <pre>
 *   ∂ ln f/∂p = x (ψ(px + q) − ψ(px) + ln x + ln z̄ − ln(v_i + x z̄)),
 *   ∂ ln f/∂q = ψ(px + q) − ψ(q) + ln v_i − ln(v_i + x z̄),
 *   ∂ ln f/∂v_i = q/v_i − (px + q)/(v_i + x z̄),  ∂v_i/∂v₀ = v_i/v₀,  ∂v_i/∂γ_j = v_i z_ij,
 * </pre>
 * from the plain model's fit and all coefficients 0. Parameters: p, q, v, spend.&lt;covariate&gt;...; the
 * standard errors are the inverse Hessian's, the coefficients' as they are.
 *
 * <p>This class is immutable and thread-safe; fitting is deterministic.
 */
public final class GammaGammaCovariateModel extends CovariateModel {

    private static final String MODEL = "Gamma-Gamma with covariates";
    private static final List<String> BLOCKS = List.of("spend");

    private GammaGammaCovariateModel(List<String> covariates, double[] parameters, ModelFit fit) {
        super(MODEL, GammaGammaModel.PARAMETERS, BLOCKS, covariates, parameters, fit);
    }

    /**
     * The model with given parameters: p, q, v₀ finite and &gt; 0, one finite coefficient per covariate.
     *
     * @throws InvalidArgumentException if a parameter is out of range or the coefficients are not one per name
     */
    public static GammaGammaCovariateModel of(double p, double q, double v, List<String> covariates,
            double[] spendCoefficients) {
        return new GammaGammaCovariateModel(covariates,
                parameters(new double[] {p, q, v}, BLOCKS, covariates, spendCoefficients), null);
    }

    /** Fits the model with the default options. */
    public static GammaGammaCovariateModel fit(CovariateRows<SpendHistory> data) {
        return fit(data, FitOptions.defaults());
    }

    /**
     * Fits the model by maximum likelihood to the customers' spend joined to their covariates.
     *
     * @throws InvalidArgumentException if a covariate is constant over the customers (not identifiable apart
     *     from v₀; the message names it), or {@code options} has a penalizer (not offered)
     * @throws ModelFitException if the fit fails (see {@link GammaGammaModel#fit(SpendHistories, FitOptions)})
     */
    public static GammaGammaCovariateModel fit(CovariateRows<SpendHistory> data, FitOptions options) {
        checkFittable(data, options, "v");
        SpendHistories.Accumulator all = SpendHistories.accumulator();
        for (int i = 0; i < data.size(); i++) {
            all.add(data.data(i).frequency(), data.data(i).meanSpend());
        }
        GammaGammaModel plain = GammaGammaModel.fit(all.snapshot(), options);
        List<String> names = names(GammaGammaModel.PARAMETERS, BLOCKS, data.names());
        ModelFit fit = fit(MODEL, names, 3, new Likelihood(data), new double[] {plain.p(), plain.q(), plain.v()},
                data.size(), options, "more customers with varied covariates");
        return new GammaGammaCovariateModel(data.names(), fit.estimates(), fit);
    }

    /** p, the shape of each customer's gamma distribution of transaction values. */
    public double p() {
        return baseParameter(0);
    }

    /** q, the shape of the gamma distribution of the customers' rates ν. */
    public double q() {
        return baseParameter(1);
    }

    /** v₀, the rate of the gamma distribution of the rates ν at z = 0. */
    public double v() {
        return baseParameter(2);
    }

    /** γ_spend by covariate name. */
    public Map<String, Double> spendCoefficients() {
        return block(0);
    }

    /**
     * The Gamma-Gamma model of a customer with covariates {@code z}: (p, q, v₀ exp(γ_spendᵀz)), whose
     * population mean spend and conditional expected spend are this customer's.
     *
     * @throws InvalidArgumentException if {@code z} is not one finite value per covariate
     */
    public GammaGammaModel forCustomer(double[] z) {
        return GammaGammaModel.of(p(), q(), v() * multipliers(z)[0]);
    }

    /**
     * The facts of the fit for the parameters (p, q, v_i) of one customer with covariates {@code z}: the
     * estimates those of {@link #forCustomer(double[])}, their covariance J Σ Jᵀ from the fit's covariance Σ
     * (coefficients included) by the delta method, J the Jacobian of (p, q, v_i) in (p, q, v₀, γ_spend):
     * ∂p/∂p = ∂q/∂q = 1, ∂v_i/∂v₀ = v_i/v₀, ∂v_i/∂γ_j = v_i z_j; the log-likelihood, counts and flags the
     * fit's. With {@link PredictionUncertainty#delta(TransactionModel, ModelFit, GammaGammaModel, ModelFit)}
     * it gives the customer's spend and lifetime-value intervals.
     *
     * @throws InvalidArgumentException if {@code z} is not one finite value per covariate
     * @throws UndefinedResultException if the model was not fitted or its standard errors are undefined
     */
    public ModelFit customerFit(double[] z) {
        GammaGammaModel customer = forCustomer(z);
        ModelFit fit = fitResult();
        double[][] sigma = fit.covariance();
        int n = sigma.length;
        double vi = customer.v();
        double[][] jacobian = new double[3][n];
        jacobian[0][0] = 1.0;
        jacobian[1][1] = 1.0;
        jacobian[2][2] = vi / v();
        for (int j = 0; j < z.length; j++) {
            jacobian[2][3 + j] = vi * z[j];
        }
        double[][] covariance = new double[3][3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double sum = 0.0;
                for (int u = 0; u < n; u++) {
                    for (int w = 0; w < n; w++) {
                        sum += jacobian[a][u] * sigma[u][w] * jacobian[b][w];
                    }
                }
                covariance[a][b] = sum;
            }
        }
        List<String> names = List.copyOf(customer.parameters().keySet());
        double[] estimates = customer.parameters().values().stream().mapToDouble(Double::doubleValue).toArray();
        return new ModelFit(fit.model() + ", one customer", names, estimates, covariance, fit.logLikelihood(),
                fit.iterations(), fit.converged(), fit.penalizer(), fit.customers(), fit.distinctRows(),
                fit.identified());
    }

    /**
     * E[Z | x, z̄, z_i] = p (v_i + x z̄)/(px + q − 1), the expected mean transaction value of the customer
     * with covariates {@code z} and spend {@code spend}; {@link GammaGammaModel#conditionalExpectedAverageSpend}
     * of {@link #forCustomer(double[])}.
     *
     * @throws InvalidArgumentException if {@code z} is not one finite value per covariate
     * @throws UndefinedResultException if px + q ≤ 1
     */
    public double conditionalExpectedAverageSpend(double[] z, SpendHistory spend) {
        Checks.notNull(spend, "spend");
        return forCustomer(z).conditionalExpectedAverageSpend(spend);
    }

    /**
     * Simulates the spend of the given customers, seeded: for customer i with covariates z_i and x_i ≥ 1
     * repeat transactions ({@code frequencies.data(i)}), ν_i ~ gamma(q, v_i), then the mean of x_i values
     * gamma(p, ν_i) (their sum is gamma(p x_i, ν_i)). The same seed gives the same spend.
     *
     * @param frequencies each customer's number of repeat transactions, with their covariates (this model's)
     * @param seed the seed
     * @throws InvalidArgumentException if the covariates are not this model's or a frequency is not &gt;= 1
     */
    public CovariateRows<SpendHistory> simulate(CovariateRows<Long> frequencies, long seed) {
        checkCovariates(frequencies, "frequencies");
        SplittableRandom random = new SplittableRandom(seed);
        List<SpendHistory> spend = new ArrayList<>(frequencies.size());
        for (int i = 0; i < frequencies.size(); i++) {
            long x = Checks.notNull(frequencies.data(i), "frequencies");
            if (x < 1) {
                throw InvalidArgumentException.of("frequencies", ">= 1 in every row", x + " for customer "
                        + frequencies.customerId(i));
            }
            double nu = RandomVariates.gamma(random, q(), v() * multipliers(frequencies.covariates(i))[0]);
            spend.add(SpendHistory.of(x, RandomVariates.gamma(random, p() * x, nu) / x));
        }
        return frequencies.withData(spend);
    }

    /** The total log-likelihood of the joined customers at this model's parameters. */
    public double logLikelihood(CovariateRows<SpendHistory> data) {
        Checks.notNull(data, "data");
        return new Likelihood(data).value(likelihoodCoding(), null);
    }

    /**
     * The log-likelihood in θ = (p, q, v₀, e^γ_spend) (the optimiser moves ln θ, so the coefficients
     * themselves), with its analytic gradient; one row per customer, summed in chunks ({@link RowChunks}).
     */
    static final class Likelihood implements MaximumLikelihood.LogLikelihood {
        private final int rows;
        private final int k;
        private final double[] x;
        private final double[] mean;
        private final double[] z;

        Likelihood(CovariateRows<SpendHistory> data) {
            rows = data.size();
            k = data.names().size();
            x = new double[rows];
            mean = new double[rows];
            z = new double[rows * k];
            for (int i = 0; i < rows; i++) {
                x[i] = data.data(i).frequency();
                mean[i] = data.data(i).meanSpend();
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
            double p = theta[0];
            double q = theta[1];
            double v0 = theta[2];
            double[] coefficients = new double[k];
            for (int j = 0; j < k; j++) {
                coefficients[j] = Math.log(theta[3 + j]);
            }
            double logGammaQ = SpecialFunctions.logGamma(q);
            double psiQ = gradient == null ? 0.0 : SpecialFunctions.digamma(q);
            double total = RowChunks.sum(rows, gradient, (from, to, g) -> {
                double sum = 0.0;
                for (int i = from; i < to; i++) {
                    double score = 0.0;
                    for (int j = 0; j < k; j++) {
                        score += coefficients[j] * z[i * k + j];
                    }
                    double v = v0 * Math.exp(score);
                    if (!(v > 0.0 && v < Double.POSITIVE_INFINITY)) {
                        return Double.NEGATIVE_INFINITY; // a customer's v_i over- or underflows: too far out
                    }
                    double xi = x[i];
                    double px = p * xi;
                    double logX = Math.log(xi);
                    double logZ = Math.log(mean[i]);
                    double logV = Math.log(v);
                    double logDenominator = GammaGammaModel.logSum(v, xi, mean[i]);
                    sum += SpecialFunctions.logGamma(px + q) - SpecialFunctions.logGamma(px) - logGammaQ + q * logV
                            + (px - 1.0) * logZ + px * logX - (px + q) * logDenominator;
                    if (g != null) {
                        double psiPxQ = SpecialFunctions.digamma(px + q);
                        g[0] += xi * (psiPxQ - SpecialFunctions.digamma(px) + logX + logZ - logDenominator);
                        g[1] += psiPxQ - psiQ + logV - logDenominator;
                        // ∂/∂v_i · v_i = q − (px + q) v_i/(v_i + x z̄) = q − (px + q)/(1 + x z̄/v_i)
                        double dLogV = q - (px + q) / (1.0 + xi * mean[i] / v);
                        g[2] += dLogV / v0;
                        for (int j = 0; j < k; j++) {
                            g[3 + j] += dLogV * z[i * k + j];
                        }
                    }
                }
                return sum;
            });
            if (gradient != null) {
                for (int j = 3; j < gradient.length; j++) {
                    gradient[j] /= theta[j]; // ∂/∂θ = ∂/∂γ · dγ/dθ, γ = ln θ
                }
            }
            return total;
        }
    }
}
