package org.loyaltymetrics.model;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.RowChunks;
import org.loyaltymetrics.internal.SpecialFunctions;
import org.loyaltymetrics.internal.TimeUnits;

/**
 * The Pareto/NBD model ({@link ParetoNbdModel}) with time-invariant covariates, in CLVTools'
 * parametrisation (CLVTools 0.12.1, {@code pnbd} with {@code SetStaticCovariates}; Meierer, Levin &amp;
 * Bachmann, CLVTools documentation): customer i with covariates z_i buys at rate λ_i ~ gamma(r, α_i) and
 * drops out at rate μ_i ~ gamma(s, β_i), where
 * <pre>
 *   α_i = α₀ · exp(−γ_transᵀ z_i),        β_i = β₀ · exp(−γ_lifeᵀ z_i)
 * </pre>
 * (gamma rates: E[λ_i] = r/α₀ · exp(γ_transᵀ z_i), so a positive purchase coefficient means more purchases,
 * a positive attrition coefficient faster drop-out). Each customer is then a Pareto/NBD with (r, α_i, s, β_i)
 * ({@link #forCustomer(double[])}), whose likelihood is Fader &amp; Hardie's (2005; {@link ParetoNbdCore}),
 * and whose predictions (CET, P(alive), DERT, ...) are the Pareto/NBD's. Coefficients are on the scale of
 * the covariates as given (nothing is centred or scaled).
 *
 * <p>Fitted by maximum likelihood with the analytic gradient (the Pareto/NBD's in α_i and β_i, by the
 * chain rule), starting from the Pareto/NBD fit without covariates and all coefficients 0. Parameters,
 * in CLVTools' order and names: r, alpha, s, beta, life.&lt;covariate&gt;..., trans.&lt;covariate&gt;...; the
 * standard errors are the inverse Hessian's, the coefficients' as they are (CLVTools' convention).
 *
 * <p>This class is immutable and thread-safe; fitting is deterministic.
 */
public final class ParetoNbdCovariateModel {

    private static final String MODEL = "Pareto/NBD with covariates";

    private final List<String> covariates;
    private final double[] parameters;
    private final ChronoUnit timeUnit;
    private final ModelFit fit;

    private ParetoNbdCovariateModel(List<String> covariates, double[] parameters, ChronoUnit timeUnit, ModelFit fit) {
        this.covariates = List.copyOf(covariates);
        this.parameters = parameters.clone();
        this.timeUnit = TimeUnits.check(timeUnit, "timeUnit");
        this.fit = fit;
        for (int k = 0; k < 4; k++) {
            Checks.positive(parameters[k], ParetoNbdModel.PARAMETERS.get(k));
        }
        for (int k = 4; k < parameters.length; k++) {
            Checks.finite(parameters[k], "coefficients");
        }
    }

    /**
     * The model with given parameters: r, α₀, s, β₀ finite and &gt; 0, the coefficients finite, one of each
     * per covariate name.
     *
     * @throws InvalidArgumentException if a parameter is out of range or the coefficients are not one per name
     */
    public static ParetoNbdCovariateModel of(double r, double alpha, double s, double beta, List<String> covariates,
            double[] attritionCoefficients, double[] purchaseCoefficients, ChronoUnit timeUnit) {
        Checks.notNull(covariates, "covariates");
        int k = covariates.size();
        if (Checks.notNull(attritionCoefficients, "attritionCoefficients").length != k) {
            throw InvalidArgumentException.of("attritionCoefficients", "one per covariate (" + k + ")",
                    attritionCoefficients.length);
        }
        if (Checks.notNull(purchaseCoefficients, "purchaseCoefficients").length != k) {
            throw InvalidArgumentException.of("purchaseCoefficients", "one per covariate (" + k + ")",
                    purchaseCoefficients.length);
        }
        double[] parameters = new double[4 + 2 * k];
        parameters[0] = r;
        parameters[1] = alpha;
        parameters[2] = s;
        parameters[3] = beta;
        System.arraycopy(attritionCoefficients, 0, parameters, 4, k);
        System.arraycopy(purchaseCoefficients, 0, parameters, 4 + k, k);
        return new ParetoNbdCovariateModel(covariates, parameters, timeUnit, null);
    }

    /** Fits the model with the default options. */
    public static ParetoNbdCovariateModel fit(CustomerCovariates.Joined data) {
        return fit(data, FitOptions.defaults());
    }

    /**
     * Fits the model by maximum likelihood to the customers' histories joined to their covariates.
     *
     * @throws InvalidArgumentException if a covariate is constant over the customers (it is not identifiable
     *     apart from α₀ and β₀; the message names it), or {@code options} has a penalizer (not offered yet)
     * @throws ModelFitException if the fit fails (see {@link ParetoNbdModel#fit(PurchaseHistories, FitOptions)})
     */
    public static ParetoNbdCovariateModel fit(CustomerCovariates.Joined data, FitOptions options) {
        Checks.notNull(data, "data");
        Checks.notNull(options, "options");
        if (options.penalizer() > 0.0) {
            // the optimiser would penalise e^γ, not γ: an L2 penalty of the coefficients is not offered yet
            throw InvalidArgumentException.of("options", "options without a penalizer (an L2 penalty of the "
                    + "coefficients is not implemented for this model)", "penalizer " + options.penalizer());
        }
        List<String> constant = data.constantCovariates();
        if (!constant.isEmpty() && data.size() > 0) {
            throw InvalidArgumentException.of("data", "covariates that vary over the customers (a constant one is "
                    + "not identifiable apart from alpha and beta)", "constant " + constant);
        }
        PurchaseHistories.Accumulator all = PurchaseHistories.accumulator(data.timeUnit());
        for (int i = 0; i < data.size(); i++) {
            all.add(data.history(i));
        }
        ParetoNbdModel plain = ParetoNbdModel.fit(all.snapshot(), options);
        int k = data.names().size();
        double[] start = new double[4 + 2 * k];
        start[0] = plain.r();
        start[1] = plain.alpha();
        start[2] = plain.s();
        start[3] = plain.beta();
        for (int j = 4; j < start.length; j++) {
            start[j] = 1.0; // e^0: the coefficients enter the optimiser as e^γ, whose logarithm it moves
        }
        Likelihood likelihood = new Likelihood(data);
        List<String> names = names(data.names());
        ModelFit internal = MaximumLikelihood.fit(MODEL, names, likelihood, start, data.size(), data.size(), options);
        double[] theta = internal.estimates();
        double[] estimates = theta.clone();
        for (int j = 4; j < theta.length; j++) {
            estimates[j] = Math.log(theta[j]);
        }
        double[][] covariance = internal.covariance();
        if (covariance != null) {
            // γ = ln θ: cov(γ_i, γ_j) = cov(θ_i, θ_j)/(θ_i θ_j), the inverse of the delta method the fit applied
            double[] factor = new double[theta.length];
            for (int j = 0; j < theta.length; j++) {
                factor[j] = j < 4 ? 1.0 : 1.0 / theta[j];
            }
            double[][] transformed = new double[theta.length][theta.length];
            for (int a = 0; a < theta.length; a++) {
                for (int b = 0; b < theta.length; b++) {
                    transformed[a][b] = covariance[a][b] * factor[a] * factor[b];
                }
            }
            covariance = transformed;
        }
        ModelFit fit = new ModelFit(MODEL, names, estimates, covariance, internal.logLikelihood(),
                internal.iterations(), internal.converged(), internal.penalizer(), internal.customers(),
                internal.distinctRows(), internal.identified());
        return new ParetoNbdCovariateModel(data.names(), estimates, data.timeUnit(), fit);
    }

    private static List<String> names(List<String> covariates) {
        List<String> names = new ArrayList<>(ParetoNbdModel.PARAMETERS);
        covariates.forEach(name -> names.add("life." + name));
        covariates.forEach(name -> names.add("trans." + name));
        return List.copyOf(names);
    }

    /** r. */
    public double r() {
        return parameters[0];
    }

    /** α₀, the rate of the purchase rates' gamma distribution at z = 0. */
    public double alpha() {
        return parameters[1];
    }

    /** s. */
    public double s() {
        return parameters[2];
    }

    /** β₀, the rate of the drop-out rates' gamma distribution at z = 0. */
    public double beta() {
        return parameters[3];
    }

    /** The covariates' names. */
    public List<String> covariates() {
        return covariates;
    }

    /** The time unit of every time the model takes and returns. */
    public ChronoUnit timeUnit() {
        return timeUnit;
    }

    /** γ_trans by covariate name: the purchase process's coefficients. */
    public Map<String, Double> purchaseCoefficients() {
        return coefficients(4 + covariates.size());
    }

    /** γ_life by covariate name: the attrition process's coefficients. */
    public Map<String, Double> attritionCoefficients() {
        return coefficients(4);
    }

    private Map<String, Double> coefficients(int from) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int j = 0; j < covariates.size(); j++) {
            map.put(covariates.get(j), parameters[from + j]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** All parameters by name (r, alpha, s, beta, life.*, trans.*). */
    public Map<String, Double> parameters() {
        return ModelFit.named(names(covariates), parameters);
    }

    /**
     * The Pareto/NBD of a customer with covariates {@code z}: (r, α₀ exp(−γ_transᵀz), s, β₀ exp(−γ_lifeᵀz)),
     * whose predictions (conditional expected transactions, P(alive), DERT, ...) are this customer's.
     *
     * @throws InvalidArgumentException if {@code z} is not one finite value per covariate
     */
    public ParetoNbdModel forCustomer(double[] z) {
        Checks.notNull(z, "z");
        int k = covariates.size();
        if (z.length != k) {
            throw InvalidArgumentException.of("z", "one value per covariate " + covariates, z.length + " values");
        }
        double life = 0.0;
        double trans = 0.0;
        for (int j = 0; j < k; j++) {
            Checks.finite(z[j], "z");
            life += parameters[4 + j] * z[j];
            trans += parameters[4 + k + j] * z[j];
        }
        return ParetoNbdModel.of(r(), alpha() * Math.exp(-trans), s(), beta() * Math.exp(-life), timeUnit);
    }

    /** The total log-likelihood of the joined customers at this model's parameters. */
    public double logLikelihood(CustomerCovariates.Joined data) {
        Checks.notNull(data, "data");
        double[] theta = parameters.clone();
        for (int j = 4; j < theta.length; j++) {
            theta[j] = Math.exp(theta[j]);
        }
        return new Likelihood(data).value(theta, null);
    }

    /** Whether the model was fitted. */
    public boolean isFitted() {
        return fit != null;
    }

    /**
     * The facts of the fit (coefficients and their standard errors included).
     *
     * @throws UndefinedResultException if the model was built from given parameters
     */
    public ModelFit fitResult() {
        if (fit == null) {
            throw new UndefinedResultException("the " + MODEL + " model was built from given parameters: no fit result");
        }
        return fit;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(MODEL).append(" (").append(TimeUnits.name(timeUnit)).append("): ");
        List<String> names = names(covariates);
        for (int i = 0; i < parameters.length; i++) {
            text.append(i == 0 ? "" : ", ").append(names.get(i)).append('=')
                    .append(Formatting.decimal(parameters[i], 4));
        }
        if (fit != null) {
            text.append("; fitted to ").append(Formatting.plural(fit.customers(), "customer")).append(", LL ")
                    .append(Formatting.decimal(fit.logLikelihood(), 4));
        }
        return text.toString();
    }

    /**
     * The log-likelihood in θ = (r, α₀, s, β₀, e^γ_life, e^γ_trans) (the optimiser moves ln θ, so the
     * coefficients themselves), with its analytic gradient.
     */
    static final class Likelihood implements MaximumLikelihood.LogLikelihood {
        private final int rows;
        private final int k;
        private final double[] x;
        private final double[] recency;
        private final double[] age;
        private final double[] z;

        Likelihood(CustomerCovariates.Joined data) {
            rows = data.size();
            k = data.names().size();
            x = new double[rows];
            recency = new double[rows];
            age = new double[rows];
            z = new double[rows * k];
            for (int i = 0; i < rows; i++) {
                PurchaseHistory h = data.history(i);
                x[i] = h.frequency();
                recency[i] = h.recency();
                age[i] = h.age();
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
            double r = theta[0];
            double alpha0 = theta[1];
            double s = theta[2];
            double beta0 = theta[3];
            double[] life = new double[k];
            double[] trans = new double[k];
            for (int j = 0; j < k; j++) {
                life[j] = Math.log(theta[4 + j]);
                trans[j] = Math.log(theta[4 + k + j]);
            }
            double logGammaR = SpecialFunctions.logGamma(r);
            double psiR = gradient == null ? 0.0 : SpecialFunctions.digamma(r);
            double total = RowChunks.sum(rows, gradient, (from, to, g) -> {
                ParetoNbdCore.Term atAge = new ParetoNbdCore.Term();
                ParetoNbdCore.Term atRecency = new ParetoNbdCore.Term();
                double[] scratch = new double[4];
                double[] dCommon = new double[4];
                double[] g4 = new double[4];
                double sum = 0.0;
                for (int i = from; i < to; i++) {
                    double lifeScore = 0.0;
                    double transScore = 0.0;
                    for (int j = 0; j < k; j++) {
                        lifeScore += life[j] * z[i * k + j];
                        transScore += trans[j] * z[i * k + j];
                    }
                    double alpha = alpha0 * Math.exp(-transScore);
                    double beta = beta0 * Math.exp(-lifeScore);
                    double xi = x[i];
                    double common = SpecialFunctions.logGamma(r + xi) - logGammaR + r * Math.log(alpha)
                            + s * Math.log(beta);
                    if (g != null) {
                        java.util.Arrays.fill(g4, 0.0);
                        dCommon[0] = SpecialFunctions.digamma(r + xi) - psiR + Math.log(alpha);
                        dCommon[1] = r / alpha;
                        dCommon[2] = Math.log(beta);
                        dCommon[3] = s / beta;
                    }
                    sum += common + ParetoNbdCore.logBracket(r, alpha, s, beta, xi, recency[i], age[i], 1.0,
                            g == null ? null : g4, dCommon, null, atAge, atRecency, scratch);
                    if (g != null) {
                        g[0] += g4[0];
                        g[1] += g4[1] * alpha / alpha0;
                        g[2] += g4[2];
                        g[3] += g4[3] * beta / beta0;
                        for (int j = 0; j < k; j++) {
                            g[4 + j] -= g4[3] * beta * z[i * k + j];
                            g[4 + k + j] -= g4[1] * alpha * z[i * k + j];
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
