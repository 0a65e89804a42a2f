package org.loyaltymetrics.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.TimeVaryingCovariates;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.RandomVariates;
import org.loyaltymetrics.internal.SpecialFunctions;
import org.loyaltymetrics.stats.Estimate;

/**
 * The Pareto/NBD with time-varying covariates of Bachmann, Meierer &amp; Näf (2021, "The role of
 * time-varying contextual factors in latent attrition models for customer base analysis", Marketing
 * Science 40(4); CLVTools 0.12.1 {@code pnbd} with {@code SetDynamicCovariates}). Customer i, with
 * covariates x_i(t) piecewise constant over periods ({@link TimeVaryingCovariates}), buys at rate
 * λ_i(t) = λ_i·exp(γ_transᵀx_i(t)) while alive and drops out at rate μ_i(t) = μ_i·exp(γ_lifeᵀx_i(t)),
 * with λ_i ~ gamma(r, α₀) and μ_i ~ gamma(s, β₀) (rates). Time t runs in weeks from the customer's first
 * purchase (0; its period's first part is d_ω = the time from the first purchase to the period's end) to
 * T, the calibration end; the repeat purchases are at t₁ &lt; ... &lt; t_x. With the integrated rates
 * <pre>
 *   A(t) = ∫₀ᵗ exp(γ_transᵀx(u)) du,        C(t) = ∫₀ᵗ exp(γ_lifeᵀx(u)) du
 * </pre>
 * (sums over the periods, each period's exp(γᵀx) times the part of it in [0, t]), the likelihood of a
 * customer is (alive at T, or dead at τ ∈ (t_x, T], λ and μ integrated over their gamma distributions)
 * <pre>
 *   L_i = Γ(r+x)/Γ(r) · α₀^r β₀^s · exp(γ_transᵀ Σⱼ x(tⱼ)) · [ (α₀+A(T))^−(r+x) (β₀+C(T))^−s
 *         + ∫_{t_x}^T s·exp(γ_lifeᵀx(τ)) (α₀+A(τ))^−(r+x) (β₀+C(τ))^−(s+1) dτ ]
 * </pre>
 * (Bachmann, Meierer &amp; Näf 2021, section 3 and appendix; CLVTools writes the integral per period with
 * Gauss hypergeometric functions; here each period's part is integrated by Gauss–Legendre quadrature of 3, 4
 * or 6 nodes, on panels where needed, chosen per part so that the leading term of the quadrature error is
 * at most 1e-13 of the part). Time-invariant covariates are columns constant over the periods.
 *
 * <p>Predictions for a prediction period (T, T_p], given the covariates over it: P(alive at T) = the first
 * term of the bracket over the bracket; conditional expected purchases
 * CET = P(alive)·(r+x)/(α₀+A(T)) · ∫_T^{T_p} exp(γ_transᵀx(u)) ((β₀+C(T))/(β₀+C(u)))^s du, and DECT, the
 * same with the discount factor exp(−δ(u−T)) in the integral (CLVTools' {@code predict}: CET, PAlive,
 * DECT; a DERT over the whole lifetime would need covariates forever).
 *
 * <p>Parameters, in CLVTools' order and names: r, alpha, s, beta, life.&lt;covariate&gt;...,
 * trans.&lt;covariate&gt;.... Fitted by maximum likelihood with the analytic gradient, the customers summed in
 * parallel in fixed blocks added in block order (the same result on any number of cores); standard errors
 * from the Hessian (central differences of the analytic gradient), the coefficients' as they are.
 *
 * <p>This class is immutable and thread-safe; fitting is deterministic.
 */
public final class ParetoNbdDynamicCovariateModel {

    private static final String MODEL = "Pareto/NBD with time-varying covariates";

    /** Customers per block of the parallel sums: the blocks depend on the data alone, not on the cores. */
    private static final int BLOCK = 16;

    /** Gauss–Legendre rules on [0, 1] of 3, 4 and 6 nodes: nodes, then weights. */
    private static final double[][] RULES = {legendre(3)[0], legendre(3)[1], legendre(4)[0], legendre(4)[1],
        legendre(6)[0], legendre(6)[1]};

    /** The nodes of the rules, and each rule's error constant (n!)⁴/((2n+1)((2n)!)³) on [0, 1]. */
    private static final int[] RULE_NODES = {3, 4, 6};
    private static final double[] RULE_CONSTANT = {1296.0 / (7 * Math.pow(720.0, 3)),
        331776.0 / (9 * Math.pow(40320.0, 3)), Math.pow(720.0, 4) / (13 * Math.pow(479001600.0, 3))};

    /** The relative error each part of an integral may have (its leading term, estimated as below). */
    private static final double PART_TOLERANCE = 1e-13;

    /** The n-node Gauss–Legendre rule on [0, 1] (Newton's method on the Legendre polynomial P_n). */
    private static double[][] legendre(int n) {
        double[] nodes = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0.0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double p0 = 1.0;
                double p1 = 0.0;
                for (int j = 1; j <= n; j++) {
                    double p2 = p1;
                    p1 = p0;
                    p0 = ((2.0 * j - 1.0) * z * p1 - (j - 1.0) * p2) / j;
                }
                dp = n * (z * p0 - p1) / (z * z - 1.0);
                double next = z - p0 / dp;
                boolean done = Math.abs(next - z) < 1e-16;
                z = next;
                if (done) {
                    break;
                }
            }
            nodes[i] = (1.0 - z) / 2.0;
            weights[i] = 1.0 / ((1.0 - z * z) * dp * dp);
        }
        return new double[][] {nodes, weights};
    }

    /**
     * How to integrate a part whose integrand is (a + u·ε_a a)^−p_a (c + u·ε_c c)^−p_c e^(−κu), u ∈ [0, 1],
     * up to a smooth factor: the fewest Gauss–Legendre nodes (3, 4, or 6 on m equal panels) whose error's
     * leading term c_n·f⁽²ⁿ⁾, with f⁽²ⁿ⁾/f ≤ p(p+1)...(p+2n−1)·ε²ⁿ for each power and κ²ⁿ for the
     * exponential, is at most {@link #PART_TOLERANCE}. Returns 3·m + the rule's index.
     */
    static int plan(double pa, double ea, double pc, double ec, double kappa) {
        double estimate = 0.0;
        for (int rule = 0; rule < 3; rule++) {
            int n = RULE_NODES[rule];
            estimate = RULE_CONSTANT[rule] * (power(n, pa, ea) + power(n, pc, ec) + (kappa == 0.0 ? 0.0 : power(n, 1.0, kappa) / factorial(2 * n)));
            if (estimate <= PART_TOLERANCE) {
                return 3 + rule;
            }
        }
        // 6 nodes on m panels: each panel's ε and κ are 1/m of the part's, its error term m^−12 times; in
        // logarithms, as the terms overflow far out in the parameter space (capped: such a point is refused
        // by the optimiser's line search anyway)
        double log = Math.log(RULE_CONSTANT[2]) + logSum(logPower(6, pa, ea), logPower(6, pc, ec),
                12 * Math.log(kappa)) - Math.log(PART_TOLERANCE);
        double panels = Math.ceil(Math.exp(log / 12.0) * (1.0 + 1e-9));
        return 3 * (int) (panels >= 1.0 ? Math.min(MAX_PANELS, panels) : 1.0) + 2;
    }

    /** The most panels of a part. */
    private static final int MAX_PANELS = 1 << 16;

    /** ln(p(p+1)...(p+2n−1)·ε²ⁿ), −∞ where ε = 0. */
    private static double logPower(int n, double p, double e) {
        double sum = 2 * n * Math.log(e);
        for (int i = 0; i < 2 * n; i++) {
            sum += Math.log(p + i);
        }
        return sum;
    }

    /** ln(eᵃ + eᵇ + eᶜ). */
    private static double logSum(double a, double b, double c) {
        double max = Math.max(a, Math.max(b, c));
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        return max + Math.log(Math.exp(a - max) + Math.exp(b - max) + Math.exp(c - max));
    }

    /** m!. */
    private static double factorial(int m) {
        double f = 1.0;
        for (int i = 2; i <= m; i++) {
            f *= i;
        }
        return f;
    }

    /** p(p+1)...(p+2n−1)·ε²ⁿ. */
    private static double power(int n, double p, double e) {
        double product = 1.0;
        for (int i = 0; i < 2 * n; i++) {
            product *= (p + i) * e;
        }
        return product;
    }

    private final List<String> covariates;
    private final double[] parameters;
    private final ModelFit fit;
    /** The index in the fit's estimates of each of {@code parameters} (shared coefficients map to one); null without a fit. */
    private final int[] fitIndex;
    /** The fit's covariate options; the defaults without a fit. */
    private final CovariateOptions options;

    private ParetoNbdDynamicCovariateModel(List<String> covariates, double[] parameters, ModelFit fit) {
        this(covariates, parameters, fit, null, CovariateOptions.defaults());
    }

    private ParetoNbdDynamicCovariateModel(List<String> covariates, double[] parameters, ModelFit fit, int[] fitIndex,
            CovariateOptions options) {
        this.covariates = List.copyOf(covariates);
        this.parameters = parameters.clone();
        this.fit = fit;
        this.fitIndex = fitIndex;
        this.options = options;
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
    public static ParetoNbdDynamicCovariateModel of(double r, double alpha, double s, double beta,
            List<String> covariates, double[] attritionCoefficients, double[] purchaseCoefficients) {
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
        return new ParetoNbdDynamicCovariateModel(covariates, parameters, null);
    }

    /** Fits the model with the default options. */
    public static ParetoNbdDynamicCovariateModel fit(TimeVaryingCovariates.Joined data) {
        return fit(data, FitOptions.defaults());
    }

    /**
     * Fits the model by maximum likelihood, starting from the Pareto/NBD fit without covariates and all
     * coefficients 0.
     *
     * @throws InvalidArgumentException if {@code options} has a penalizer (the coefficients' L2 penalty is
     *     {@link CovariateOptions#withPenalties})
     * @throws ModelFitException if the fit fails (see {@link ParetoNbdModel#fit(PurchaseHistories, FitOptions)})
     */
    public static ParetoNbdDynamicCovariateModel fit(TimeVaryingCovariates.Joined data, FitOptions options) {
        return fit(data, CovariateOptions.defaults(), options);
    }

    /**
     * Fits the model by maximum likelihood with the covariate options: one coefficient on both processes for the
     * covariates of {@link CovariateOptions#sameOnBoth()} (CLVTools' {@code names.cov.constr}, reported as
     * {@code constr.<name>}), and the L2 penalty of the coefficients (CLVTools' {@code reg.lambdas}: the fit
     * maximises LL(θ) − N(λ_trans Σⱼ γ_trans,j² + λ_life Σⱼ γ_life,j²), N the customers, a shared coefficient in
     * both sums; the fit reports the log-likelihood LL at its estimates and {@link ModelFit#penalizer()} the
     * larger λ; the standard errors are the penalised curvature's), as {@link CovariateOptions} states for the
     * models with time-invariant covariates. The covariates are fitted as they are: scale the columns before
     * building the {@link TimeVaryingCovariates} to penalise them alike. Starts from the Pareto/NBD fit without
     * covariates and all coefficients 0.
     *
     * @throws InvalidArgumentException if {@code options} has a penalizer, {@code covariateOptions} asks for a
     *     scaling or names a covariate that is not one of the data's
     * @throws ModelFitException if the fit fails
     */
    public static ParetoNbdDynamicCovariateModel fit(TimeVaryingCovariates.Joined data,
            CovariateOptions covariateOptions, FitOptions options) {
        Checks.notNull(data, "data");
        Checks.notNull(options, "options");
        Checks.notNull(covariateOptions, "covariateOptions");
        checkPenalizer(options);
        Layout layout = Layout.of(data.names(), covariateOptions);
        PurchaseHistories.Accumulator all = PurchaseHistories.accumulator(java.time.temporal.ChronoUnit.WEEKS);
        for (int i = 0; i < data.size(); i++) {
            all.add(data.history(i));
        }
        ParetoNbdModel plain = ParetoNbdModel.fit(all.snapshot(), options);
        double[] start = new double[layout.names.size()];
        start[0] = plain.r();
        start[1] = plain.alpha();
        start[2] = plain.s();
        start[3] = plain.beta();
        return fit(data, covariateOptions, options, start);
    }

    /**
     * Fits the model by maximum likelihood from given start values (r, α₀, s, β₀, the attrition
     * coefficients, the purchase coefficients, as {@link #parameters()} orders them).
     *
     * @throws InvalidArgumentException if the start values are not 4 positive ones and 2 finite ones per
     *     covariate, or {@code options} has a penalizer
     * @throws ModelFitException if the fit fails
     */
    public static ParetoNbdDynamicCovariateModel fit(TimeVaryingCovariates.Joined data, FitOptions options,
            double[] start) {
        return fit(data, CovariateOptions.defaults(), options, start);
    }

    /**
     * Fits the model by maximum likelihood with the covariate options (see
     * {@link #fit(TimeVaryingCovariates.Joined, CovariateOptions, FitOptions)}) from given start values, in the
     * order of the fit's parameters: r, α₀, s, β₀, life.* and trans.* of the covariates with a coefficient per
     * process, then constr.* of those with one on both.
     *
     * @throws InvalidArgumentException if the start values are not 4 positive ones and a finite one per
     *     coefficient, or as {@link #fit(TimeVaryingCovariates.Joined, CovariateOptions, FitOptions)}
     * @throws ModelFitException if the fit fails
     */
    public static ParetoNbdDynamicCovariateModel fit(TimeVaryingCovariates.Joined data,
            CovariateOptions covariateOptions, FitOptions options, double[] start) {
        Checks.notNull(data, "data");
        Checks.notNull(options, "options");
        Checks.notNull(covariateOptions, "covariateOptions");
        Checks.notNull(start, "start");
        checkPenalizer(options);
        Layout layout = Layout.of(data.names(), covariateOptions);
        int m = layout.names.size();
        if (start.length != m) {
            throw InvalidArgumentException.of("start", m + " values " + layout.names, start.length);
        }
        double[] theta = start.clone();
        for (int j = 0; j < theta.length; j++) {
            if (j < 4) {
                Checks.positive(theta[j], "start");
            } else {
                theta[j] = Math.exp(Checks.finite(theta[j], "start")); // the optimiser moves ln θ = γ
            }
        }
        Likelihood likelihood = new Likelihood(data);
        Objective objective = new Objective(likelihood, layout, covariateOptions, data.size());
        ModelFit internal = MaximumLikelihood.fit(MODEL, layout.names, objective, theta, data.size(), data.size(),
                options, MaximumLikelihood.MORE_DATA, 4);
        double[] fitted = internal.estimates();
        double[] estimates = fitted.clone();
        for (int j = 4; j < fitted.length; j++) {
            estimates[j] = Math.log(fitted[j]);
        }
        double[][] covariance = internal.covariance();
        if (covariance != null) {
            // γ = ln θ: cov(γ_a, γ_b) = cov(θ_a, θ_b)/(θ_a θ_b), undoing the delta method the fit applied
            double[][] transformed = new double[m][m];
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    transformed[a][b] = covariance[a][b] * (a < 4 ? 1.0 : 1.0 / fitted[a])
                            * (b < 4 ? 1.0 : 1.0 / fitted[b]);
                }
            }
            covariance = transformed;
        }
        double logLikelihood = covariateOptions.isRegularised()
                ? likelihood.value(layout.expand(fitted), null) : internal.logLikelihood();
        ModelFit fit = new ModelFit(MODEL, layout.names, estimates, covariance, logLikelihood, internal.iterations(),
                internal.converged(), Math.max(covariateOptions.purchasePenalty(), covariateOptions.attritionPenalty()),
                internal.customers(), internal.distinctRows(), internal.identified());
        return new ParetoNbdDynamicCovariateModel(data.names(), layout.expand(estimates), fit, layout.fitIndex,
                covariateOptions);
    }

    private static void checkPenalizer(FitOptions options) {
        if (options.penalizer() > 0.0) {
            throw InvalidArgumentException.of("options", "options without a penalizer (the coefficients' L2 penalty "
                    + "is CovariateOptions.withPenalties)", "penalizer " + options.penalizer());
        }
    }

    /**
     * The fit's parameters: r, α₀, s, β₀, then life.* and trans.* of the covariates with a coefficient per process
     * and constr.* of those with one on both (CLVTools' order and names), and the index among them of each of the
     * model's 4 + 2k parameters.
     */
    private record Layout(List<String> names, int[] fitIndex, int covariates) {

        static Layout of(List<String> covariates, CovariateOptions options) {
            if (options.scaling() != CovariateOptions.Scaling.NONE) {
                throw InvalidArgumentException.of("covariateOptions", "Scaling.NONE for time-varying covariates "
                        + "(scale the columns before building the TimeVaryingCovariates)", options.scaling());
            }
            int k = covariates.size();
            boolean[] shared = new boolean[k];
            for (String name : options.sameOnBoth()) {
                int j = covariates.indexOf(name);
                if (j < 0) {
                    throw InvalidArgumentException.of("covariateOptions", "sameOnBoth among the covariates "
                            + covariates, name);
                }
                shared[j] = true;
            }
            List<String> names = new ArrayList<>(ParetoNbdModel.PARAMETERS);
            int[] fitIndex = new int[4 + 2 * k];
            for (int j = 0; j < 4; j++) {
                fitIndex[j] = j;
            }
            for (int j = 0; j < k; j++) {
                if (!shared[j]) {
                    fitIndex[4 + j] = names.size();
                    names.add("life." + covariates.get(j));
                }
            }
            for (int j = 0; j < k; j++) {
                if (!shared[j]) {
                    fitIndex[4 + k + j] = names.size();
                    names.add("trans." + covariates.get(j));
                }
            }
            for (int j = 0; j < k; j++) {
                if (shared[j]) {
                    fitIndex[4 + j] = names.size();
                    fitIndex[4 + k + j] = names.size();
                    names.add("constr." + covariates.get(j));
                }
            }
            return new Layout(List.copyOf(names), fitIndex, k);
        }

        /** The model's 4 + 2k values from the fit's. */
        double[] expand(double[] values) {
            double[] full = new double[fitIndex.length];
            for (int j = 0; j < full.length; j++) {
                full[j] = values[fitIndex[j]];
            }
            return full;
        }
    }

    /**
     * The fit's objective in its own parameters (θ = r, α₀, s, β₀, e^γ of each free coefficient): the
     * log-likelihood of the expanded parameters, less N times the L2 penalty of the coefficients; the gradient
     * of a shared coefficient is the sum of its two.
     */
    private static final class Objective implements MaximumLikelihood.LogLikelihood {
        private final Likelihood likelihood;
        private final Layout layout;
        private final double purchasePenalty;
        private final double attritionPenalty;
        private final double customers;

        Objective(Likelihood likelihood, Layout layout, CovariateOptions options, int customers) {
            this.likelihood = likelihood;
            this.layout = layout;
            this.purchasePenalty = options.purchasePenalty();
            this.attritionPenalty = options.attritionPenalty();
            this.customers = customers;
        }

        @Override
        public boolean hasGradient() {
            return true;
        }

        @Override
        public double value(double[] theta, double[] gradient) {
            double[] full = layout.expand(theta);
            double[] fullGradient = gradient == null ? null : new double[full.length];
            double value = likelihood.value(full, fullGradient);
            int k = layout.covariates;
            for (int j = 4; j < full.length; j++) {
                double lambda = j < 4 + k ? attritionPenalty : purchasePenalty;
                if (lambda > 0.0) {
                    double gamma = Math.log(full[j]);
                    value -= customers * lambda * gamma * gamma;
                    if (fullGradient != null) {
                        fullGradient[j] -= customers * 2.0 * lambda * gamma / full[j];
                    }
                }
            }
            if (gradient != null) {
                java.util.Arrays.fill(gradient, 0.0);
                for (int j = 0; j < full.length; j++) {
                    gradient[layout.fitIndex[j]] += fullGradient[j];
                }
            }
            return value;
        }
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

    /** α₀, the rate of the gamma distribution of λ. */
    public double alpha() {
        return parameters[1];
    }

    /** s. */
    public double s() {
        return parameters[2];
    }

    /** β₀, the rate of the gamma distribution of μ. */
    public double beta() {
        return parameters[3];
    }

    /** The covariates' names. */
    public List<String> covariates() {
        return covariates;
    }

    /** γ_trans by covariate name: the purchase process's coefficients. */
    public Map<String, Double> purchaseCoefficients() {
        return coefficients(4 + covariates.size());
    }

    /** γ_life by covariate name: the attrition process's coefficients. */
    public Map<String, Double> attritionCoefficients() {
        return coefficients(4);
    }

    /**
     * γ_trans by covariate name with its standard error from the fit (a coefficient on both processes is the
     * fit's constr.x, the same in both maps).
     *
     * @throws UndefinedResultException if the model was built from given parameters
     */
    public Map<String, Estimate> purchaseCoefficientEstimates() {
        return coefficientEstimates(4 + covariates.size());
    }

    /**
     * γ_life by covariate name with its standard error from the fit (see {@link #purchaseCoefficientEstimates()}).
     *
     * @throws UndefinedResultException if the model was built from given parameters
     */
    public Map<String, Estimate> attritionCoefficientEstimates() {
        return coefficientEstimates(4);
    }

    /** The covariate options of the fit: the same coefficient on both processes, penalties; the defaults if built. */
    public CovariateOptions covariateOptions() {
        return options;
    }

    private Map<String, Estimate> coefficientEstimates(int from) {
        ModelFit fitted = fitResult();
        Map<String, Estimate> map = new LinkedHashMap<>();
        for (int j = 0; j < covariates.size(); j++) {
            map.put(covariates.get(j), fitted.estimate(fitted.parameterNames().get(fitIndex[from + j])));
        }
        return Collections.unmodifiableMap(map);
    }

    private Map<String, Double> coefficients(int from) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int j = 0; j < covariates.size(); j++) {
            map.put(covariates.get(j), parameters[from + j]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** All parameters by name (r, alpha, s, beta, life.*, trans.*). */
    public Map<String, Double> parameters() {
        return ModelFit.named(names(covariates), parameters);
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

    /**
     * The total log-likelihood of the joined customers at this model's parameters.
     *
     * @throws InvalidArgumentException if the data's covariates are not this model's
     */
    public double logLikelihood(TimeVaryingCovariates.Joined data) {
        checkNames(data);
        return new Likelihood(data).value(theta(), null);
    }

    private double[] theta() {
        double[] theta = parameters.clone();
        for (int j = 4; j < theta.length; j++) {
            theta[j] = Math.exp(theta[j]);
        }
        return theta;
    }

    private void checkNames(TimeVaryingCovariates.Joined data) {
        Checks.notNull(data, "data");
        CovariateCoefficients.checkNames("data", data.names(), covariates);
    }

    /**
     * A customer's predictions for the prediction period of the join.
     *
     * @param customerId the customer
     * @param conditionalExpectedPurchases CET, the expected purchases in the prediction period
     * @param probabilityAlive P(alive) at the calibration end
     * @param discountedExpectedPurchases DECT, the expected purchases in the prediction period discounted
     *     continuously to the calibration end
     */
    public record Prediction(long customerId, double conditionalExpectedPurchases, double probabilityAlive,
            double discountedExpectedPurchases) {
    }

    /**
     * The predictions of every joined customer (in the join's order) for the join's prediction period,
     * DECT with the continuous discount rate {@code delta} per week (ln(1.1)/52 is 10 % a year; CLVTools'
     * default ln(1.1) is 10 % a week). Computed in parallel, the same on any number of cores.
     *
     * @throws InvalidArgumentException if {@code delta} is negative or not finite, or the data's
     *     covariates are not this model's
     * @throws UndefinedResultException if the data were joined without a prediction period
     */
    public List<Prediction> predict(TimeVaryingCovariates.Joined data, double delta) {
        checkNames(data);
        Checks.nonNegative(Checks.finite(delta, "delta"), "delta");
        if (!data.hasPredictionPeriod()) {
            throw new UndefinedResultException("the covariates were joined without a prediction period: join them "
                    + "with its end to predict");
        }
        Likelihood likelihood = new Likelihood(data);
        double[] theta = theta();
        Prediction[] result = new Prediction[data.size()];
        double[] gamma = Likelihood.gamma(theta);
        double[] exponentials = likelihood.exponentials(gamma);
        int blocks = (data.size() + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            Likelihood.Scratch scratch = likelihood.scratch();
            for (int i = b * BLOCK; i < Math.min(data.size(), (b + 1) * BLOCK); i++) {
                result[i] = likelihood.predict(theta, gamma, exponentials, scratch, data, i, delta);
            }
        });
        return List.of(result);
    }

    /**
     * The prediction of one joined customer (row {@code row} of the join); see
     * {@link #predict(TimeVaryingCovariates.Joined, double)}.
     *
     * @throws InvalidArgumentException if {@code row} is not a row of the join, or as there
     * @throws UndefinedResultException if the data were joined without a prediction period
     */
    public Prediction predict(TimeVaryingCovariates.Joined data, int row, double delta) {
        checkNames(data);
        Checks.nonNegative(Checks.finite(delta, "delta"), "delta");
        checkRow(data, row);
        if (!data.hasPredictionPeriod()) {
            throw new UndefinedResultException("the covariates were joined without a prediction period: join them "
                    + "with its end to predict");
        }
        Likelihood likelihood = new Likelihood(data, row);
        double[] theta = theta();
        double[] gamma = Likelihood.gamma(theta);
        return likelihood.predict(theta, gamma, likelihood.exponentials(gamma), likelihood.scratch(), data, 0, delta);
    }

    /**
     * A customer's predictions with the uncertainty that the parameters give them: each an {@link Estimate}
     * whose standard error is the delta method's.
     *
     * @param customerId the customer
     * @param conditionalExpectedPurchases CET
     * @param probabilityAlive P(alive) at the calibration end
     * @param discountedExpectedPurchases DECT
     */
    public record PredictionEstimate(long customerId, Estimate conditionalExpectedPurchases,
            Estimate probabilityAlive, Estimate discountedExpectedPurchases) {
    }

    /**
     * The predictions of every joined customer (see {@link #predict(TimeVaryingCovariates.Joined, double)})
     * with their standard errors by the delta method from the fit's covariance Σ (coefficients included):
     * Var f(θ̂) ≈ ∇fᵀ Σ ∇f = Σⱼ (∇f · cⱼ)², cⱼ the columns of the Cholesky factor of Σ, each directional
     * derivative a central difference [f(θ̂ + hⱼcⱼ) − f(θ̂ − hⱼcⱼ)]/(2hⱼ), hⱼ such that the parameter that moves
     * most moves by 6.06e-6 (relative for r, α₀, s, β₀; absolute for the coefficients). It costs 2·(4 + 2k) + 1
     * bulk predictions. {@code estimate.confidenceInterval(0.95)} is the 95 % interval of the expectation.
     *
     * @throws UndefinedResultException if the model was not fitted, its fit has no covariance, or the data
     *     were joined without a prediction period
     * @throws InvalidArgumentException as {@link #predict(TimeVaryingCovariates.Joined, double)}
     */
    public List<PredictionEstimate> predictWithUncertainty(TimeVaryingCovariates.Joined data, double delta) {
        List<Prediction> at = predict(data, delta);
        int rows = at.size();
        double[][] variance = new double[3][rows];
        double[] spans = new double[fitResult().estimates().length];
        ParetoNbdDynamicCovariateModel[] points = deltaPoints(spans);
        for (int j = 0; j < spans.length; j++) {
            List<Prediction> up = points[2 * j].predict(data, delta);
            List<Prediction> down = points[2 * j + 1].predict(data, delta);
            for (int i = 0; i < rows; i++) {
                double a = (up.get(i).conditionalExpectedPurchases() - down.get(i).conditionalExpectedPurchases()) / spans[j];
                double b = (up.get(i).probabilityAlive() - down.get(i).probabilityAlive()) / spans[j];
                double c = (up.get(i).discountedExpectedPurchases() - down.get(i).discountedExpectedPurchases()) / spans[j];
                variance[0][i] += a * a;
                variance[1][i] += b * b;
                variance[2][i] += c * c;
            }
        }
        PredictionEstimate[] result = new PredictionEstimate[rows];
        for (int i = 0; i < rows; i++) {
            Prediction p = at.get(i);
            result[i] = new PredictionEstimate(p.customerId(),
                    Estimate.normal(p.conditionalExpectedPurchases(), Math.sqrt(variance[0][i])),
                    Estimate.normal(p.probabilityAlive(), Math.sqrt(variance[1][i])),
                    Estimate.normal(p.discountedExpectedPurchases(), Math.sqrt(variance[2][i])));
        }
        return List.of(result);
    }

    /**
     * E[X(t)], the repeat purchases that row {@code row} of the join is expected to make in the first t weeks
     * after their first purchase, unconditional on their history (as a new customer with their covariates):
     * E[λ]·∫₀ᵗ exp(γ_transᵀx(u)) P(alive at u) du, with E[λ] = r/α₀ and P(alive at u) = (β₀/(β₀+C(u)))^s. Over a
     * period's part [u₀, u₁] of [0, t], where exp(γ_lifeᵀx) = c is constant and C(u) = C₀ + c(u − u₀),
     * <pre>
     *   ∫ exp(γ_transᵀx) (β₀/(β₀+C(u)))^s du = exp(γ_transᵀx) β₀^s [(β₀+C₁)^(1−s) − (β₀+C₀)^(1−s)] / (c(1−s))
     * </pre>
     * (exp(γ_transᵀx) ln((β₀+C₁)/(β₀+C₀)) · β₀^s/c at s = 1), summed exactly over the parts; with constant covariates it is the
     * Pareto/NBD's r β/(α (s − 1)) · [1 − (β/(β + t))^(s−1)], α = α₀/exp(γ_transᵀx), β = β₀/exp(γ_lifeᵀx). The
     * expected cumulative repeat purchases of a cohort, Σᵢ E_i[X(e − sᵢ)], are what a holdout evaluation's
     * tracking compares with the actual ones ({@link HoldoutEvaluation#of(ParetoNbdDynamicCovariateModel,
     * TimeVaryingCovariates.Joined)}).
     *
     * @param data the customers joined to their covariates (the model's)
     * @param row a row of {@code data}
     * @param t weeks from the first purchase, in [0, the end of the row's last period of covariates]
     * @throws InvalidArgumentException if the data's covariates are not this model's, {@code row} is not a row of
     *     the join, or {@code t} is out of range (the message gives the weeks covered)
     */
    public double expectedPurchases(TimeVaryingCovariates.Joined data, int row, double t) {
        checkNames(data);
        checkRow(data, row);
        Checks.nonNegative(Checks.finite(t, "t"), "t");
        return expectedPurchases(data, row, new double[] {t})[0];
    }

    /** E[X(t)] of row {@code row} at each of the ascending weeks {@code times} (see above). */
    double[] expectedPurchases(TimeVaryingCovariates.Joined data, int row, double[] times) {
        double[] result = aliveIntegral(data, row, 0.0, times);
        for (int i = 0; i < result.length; i++) {
            result[i] *= parameters[0] / parameters[1];
        }
        return result;
    }

    /**
     * ∫_o^t exp(γ_transᵀx(u)) (B/(B + C(u) − C(o)))^s du, B = β₀ + C(o), for each of the ascending weeks
     * {@code times} ≥ o = {@code origin} from the row's first purchase: the purchase intensity weighted by the
     * probability of being alive at u of a customer alive at o (exact per period's part, as
     * {@link #expectedPurchases(TimeVaryingCovariates.Joined, int, double)} states).
     */
    private double[] aliveIntegral(TimeVaryingCovariates.Joined data, int row, double origin, double[] times) {
        for (int i = 1; i < times.length; i++) {
            if (!(times[i] >= times[i - 1])) {
                throw InvalidArgumentException.of("times", "ascending weeks", "times[" + (i - 1) + "] = "
                        + times[i - 1] + " before times[" + i + "] = " + times[i]);
            }
        }
        double s = parameters[2];
        double[] result = new double[times.length];
        int next = 0;
        double cumulative = 0.0;
        double c0 = parameters[3]; // β₀ + C(u₀)
        double base = Double.NaN; // β₀ + C(o)
        Parts parts = new Parts(data, row);
        while (next < times.length && parts.next()) {
            if (parts.to <= origin) {
                c0 += parts.life * (parts.to - parts.from);
                continue;
            }
            double from = Math.max(parts.from, origin);
            if (Double.isNaN(base)) {
                c0 += parts.life * (from - parts.from);
                base = c0;
            }
            double el = parts.life;
            double scale = parts.trans * Math.exp(s * Math.log(base / c0)) * c0 / el;
            while (next < times.length && times[next] <= parts.to) {
                double logRatio = Math.log1p(el * Math.max(0.0, times[next] - from) / c0);
                result[next++] = cumulative + scale * logRatio * ParetoNbdModel.expm1OverX((1.0 - s) * logRatio);
            }
            double logRatio = Math.log1p(el * (parts.to - from) / c0);
            cumulative += scale * logRatio * ParetoNbdModel.expm1OverX((1.0 - s) * logRatio);
            c0 += el * (parts.to - from);
        }
        if (next < times.length) {
            throw InvalidArgumentException.of("t", "weeks in [0, " + Formatting.decimal(parts.to - origin, 4) + "], the "
                    + "covariates of customer " + data.customerId(row) + " from " + (origin == 0.0 ? "their first "
                    + "purchase" : "the calibration end"), times[next] - origin);
        }
        return result;
    }

    /**
     * CET of row {@code row} at each of the ascending horizons {@code weeks} after the calibration end (each
     * within the join's covariates): P(alive)·(r+x)/(α₀+A(T))·∫_T^(T+u) exp(γ_transᵀx(v)) ((β₀+C(T))/(β₀+C(v)))^s dv,
     * as {@link #predict(TimeVaryingCovariates.Joined, double)} for the prediction period; element 0 of the
     * result is P(alive).
     */
    double[] conditionalExpectedPurchases(TimeVaryingCovariates.Joined data, int row, double[] weeks) {
        Posterior posterior = posterior(data, row);
        double[] times = new double[weeks.length];
        for (int i = 0; i < weeks.length; i++) {
            times[i] = posterior.age + weeks[i];
        }
        double[] integral = aliveIntegral(data, row, posterior.age, times);
        double[] result = new double[weeks.length + 1];
        result[0] = posterior.alive;
        double rate = posterior.r / posterior.alpha;
        for (int i = 0; i < weeks.length; i++) {
            result[i + 1] = posterior.alive * rate * integral[i];
        }
        return result;
    }

    /**
     * What row {@code row}'s calibration history says at T: P(alive), T in weeks from the first purchase, and the
     * parameters of the gamma posteriors of a customer alive at T, λ ~ gamma(r + x, α₀ + A(T)), μ ~ gamma(s,
     * β₀ + C(T)).
     */
    private record Posterior(double alive, double age, double r, double alpha, double beta) {
    }

    private Posterior posterior(TimeVaryingCovariates.Joined data, int row) {
        Likelihood likelihood = new Likelihood(data, row);
        double[] theta = theta();
        Likelihood.Scratch scratch = likelihood.scratch();
        double[] gamma = Likelihood.gamma(theta);
        likelihood.customer(theta, gamma, likelihood.exponentials(gamma), 0, null, scratch);
        return new Posterior(1.0 / (1.0 + scratch.ratio),
                (data.calibrationEnd().toEpochDay() - data.purchaseDay(row, 0)) / 7.0,
                parameters[0] + data.purchaseDays(row) - 1, parameters[1] + scratch.aT, parameters[3] + scratch.cT);
    }

    /**
     * P(Y = n | history) for n = 0, ..., {@code highest}, Y the purchases of row {@code row} in the {@code weeks}
     * after the calibration end: [n = 0](1 − P(alive)) + P(alive)·P*(n), P* the distribution of a customer alive at
     * T with λ ~ gamma(r + x, α₀ + A(T)) and μ ~ gamma(s, β₀ + C(T)) (the posterior given the history), their
     * integrated rates counted from T ({@link #probabilityOfPurchases(TimeVaryingCovariates.Joined, int, long)}'s
     * formula from T on).
     */
    double[] conditionalPurchaseDistribution(TimeVaryingCovariates.Joined data, int row, double weeks, int highest) {
        Posterior posterior = posterior(data, row);
        double[] result = distribution(data, row, highest, posterior.age, posterior.age + weeks, posterior.r,
                posterior.alpha, posterior.beta);
        for (int n = 0; n <= highest; n++) {
            result[n] *= posterior.alive;
        }
        result[0] += 1.0 - posterior.alive;
        return result;
    }

    /**
     * P(X(T) = n), the probability that row {@code row} of the join makes n repeat purchases over its
     * calibration period T (weeks from the first purchase to the calibration end), unconditional on the history:
     * alive at T with n purchases, or dropped out at τ ∈ (0, T] with n purchases before,
     * <pre>
     *   P(X(T) = n) = NB(n; A(T)) (β₀/(β₀+C(T)))^s + ∫₀ᵀ NB(n; A(τ)) s exp(γ_lifeᵀx(τ)) β₀^s (β₀+C(τ))^−(s+1) dτ,
     *   NB(n; A) = Γ(r+n)/(Γ(r) n!) (α₀/(α₀+A))^r (A/(α₀+A))^n,
     * </pre>
     * the purchases given λ and the lifetime Poisson with mean λ·A(min(τ, T)), mixed over λ's gamma distribution
     * (A and C as in the class comment). The integral is taken period by period by Gauss–Legendre quadrature,
     * planned as the likelihood's (with the power r + n). With constant covariates it is the Pareto/NBD's
     * {@link ParetoNbdModel#probabilityOfPurchases(long, double)}. The χ² test of the calibration frequencies
     * sums it over the customers ({@link ChiSquareGoodnessOfFit#of(ParetoNbdDynamicCovariateModel,
     * TimeVaryingCovariates.Joined)}).
     *
     * @throws InvalidArgumentException if the data's covariates are not this model's, {@code row} is not a row of
     *     the join, or {@code n} is negative or above 10⁶
     */
    public double probabilityOfPurchases(TimeVaryingCovariates.Joined data, int row, long n) {
        checkNames(data);
        checkRow(data, row);
        if (n < 0 || n > 1_000_000) {
            throw InvalidArgumentException.of("n", "a count in [0, 1000000]", n);
        }
        return purchaseDistribution(data, row, (int) n)[(int) n];
    }

    /** P(X(T) = n) of row {@code row} for n = 0, ..., {@code highest} (see above), in one pass over its periods. */
    double[] purchaseDistribution(TimeVaryingCovariates.Joined data, int row, int highest) {
        double age = (data.calibrationEnd().toEpochDay() - data.purchaseDay(row, 0)) / 7.0;
        return distribution(data, row, highest, 0.0, age, parameters[0], parameters[1], parameters[3]);
    }

    /**
     * P(n purchases in (o, e]) for n = 0, ..., {@code highest} of a customer alive at o = {@code origin} with
     * λ ~ gamma(r, α) and μ ~ gamma(s, β), A and C counted from o (weeks from the row's first purchase).
     */
    private double[] distribution(TimeVaryingCovariates.Joined data, int row, int highest, double origin, double end,
            double r, double alpha, double beta) {
        double s = parameters[2];
        double[] ratios = ratios(r, highest);
        double[] result = new double[highest + 1];
        double a0 = 0.0; // A(u₀) − A(o)
        double c0 = 0.0; // C(u₀) − C(o)
        Parts parts = new Parts(data, row);
        double covered = 0.0;
        while (parts.next() && parts.from < end) {
            covered = parts.to;
            if (parts.to <= origin) {
                continue;
            }
            double from = Math.max(parts.from, origin);
            double width = Math.min(parts.to, end) - from;
            addDropOuts(result, ratios, r, alpha, s, beta, a0, c0, parts.trans, parts.life, width);
            a0 += parts.trans * width;
            c0 += parts.life * width;
        }
        if (covered < end) {
            throw InvalidArgumentException.of("t", "weeks in [0, " + Formatting.decimal(covered - origin, 4) + "], the "
                    + "covariates of customer " + data.customerId(row) + " from " + (origin == 0.0 ? "their first "
                    + "purchase" : "the calibration end"), end - origin);
        }
        addNegativeBinomial(result, ratios, r, alpha, a0, Math.exp(s * Math.log(beta / (beta + c0))));
        return result;
    }

    /**
     * P(X(t) = n) for n = 0, ..., {@code highest} of the Pareto/NBD without covariates, a customer alive at 0 with
     * λ ~ gamma(r, α) and μ ~ gamma(s, β): the time-varying model's distribution with one part, of constant
     * covariates, from 0 to t (see {@link #probabilityOfPurchases}); all n in one pass of the quadrature, where
     * {@link ParetoNbdModel#probabilityOfPurchases(long, double)} integrates for each n on its own.
     */
    static double[] constantRatesDistribution(double r, double alpha, double s, double beta, double t, int highest) {
        double[] ratios = ratios(r, highest);
        double[] result = new double[highest + 1];
        if (t > 0.0) {
            addDropOuts(result, ratios, r, alpha, s, beta, 0.0, 0.0, 1.0, 1.0, t);
        }
        addNegativeBinomial(result, ratios, r, alpha, t, Math.exp(s * Math.log(beta / (beta + t))));
        return result;
    }

    /** (r + n − 1)/n for n = 1, ..., {@code highest}: the negative binomial's ratios NB(n)/NB(n−1) over A/(α₀+A). */
    private static double[] ratios(double r, int highest) {
        double[] ratios = new double[highest + 1];
        for (int n = 1; n <= highest; n++) {
            ratios[n] = (r + n - 1) / n;
        }
        return ratios;
    }

    /**
     * Adds ∫ NB(n; a₀ + e_t u) s e_l β^s (β + c₀ + e_l u)^−(s+1) du over u ∈ [0, width] for n = 0, 1, ... to
     * {@code sums}: the customers who drop out in a part of constant covariates (e_t, e_l its purchase and
     * attrition multipliers) with n purchases before, by Gauss–Legendre quadrature planned as the likelihood's
     * (with the power r + the highest n).
     */
    private static void addDropOuts(double[] sums, double[] ratios, double r, double alpha, double s, double beta,
            double a0, double c0, double et, double el, double width) {
        int plan = plan(r + sums.length - 1, et * width / (alpha + a0), s + 1.0, el * width / (beta + c0), 0.0);
        double[] nodes = RULES[2 * (plan % 3)];
        double[] weights = RULES[2 * (plan % 3) + 1];
        int panels = plan / 3;
        for (int panel = 0; panel < panels; panel++) {
            for (int q = 0; q < nodes.length; q++) {
                double u = (panel + nodes[q]) / panels * width;
                double c = beta + c0 + el * u;
                double density = weights[q] / panels * width * s * el / c * Math.exp(s * Math.log(beta / c));
                addNegativeBinomial(sums, ratios, r, alpha, a0 + et * u, density);
            }
        }
    }

    /** Adds weight·NB(n; A) for n = 0, 1, ... to {@code sums}, by NB(n) = NB(n−1)·(r+n−1)/n·A/(α₀+A). */
    private static void addNegativeBinomial(double[] sums, double[] ratios, double r, double alpha0, double a,
            double weight) {
        double term = weight * Math.exp(r * Math.log(alpha0 / (alpha0 + a)));
        double share = a / (alpha0 + a);
        sums[0] += term;
        for (int n = 1; n < sums.length && term != 0.0; n++) {
            term *= ratios[n] * share;
            sums[n] += term;
        }
    }

    /**
     * Simulates the customers' purchase dates under this model, each customer with their own covariates period
     * by period: λ ~ gamma(r, α₀) and μ ~ gamma(s, β₀) drawn for the customer; the customer drops out at τ where
     * μ·C(τ) reaches a unit exponential draw (the hazard μ·exp(γ_lifeᵀx(t))), and buys at the times where λ·A(t)
     * reaches the points of a unit-rate Poisson process (the intensity λ·exp(γ_transᵀx(t))), up to min(τ, T),
     * T the weeks from the first purchase to {@code end}; a purchase at t weeks falls on the day ⌊7t⌋ after the
     * first, and purchases of one day count once (as the join counts them). The result joins back to these
     * covariates ({@link TimeVaryingCovariates#join}) to be fitted or evaluated. The same seed gives the same
     * dates; the customers are drawn in the order of their ids.
     *
     * @param covariates the customers' covariates, the model's, covering each customer from the first purchase to
     *     {@code end}
     * @param firstPurchases each customer's first purchase, on or before {@code end}, by customer id
     * @param end the last day simulated
     * @param seed the seed of the draws
     * @return each customer's purchase dates by id (ascending), each list ascending from the first purchase
     * @throws InvalidArgumentException if the covariates are not the model's, a first purchase is after
     *     {@code end}, or a customer of {@code firstPurchases} has no covariates or covariates that do not cover
     *     their days up to {@code end} (naming {@code covariates})
     */
    public Map<Long, List<LocalDate>> simulate(TimeVaryingCovariates covariates,
            Map<Long, LocalDate> firstPurchases, LocalDate end, long seed) {
        Checks.notNull(covariates, "covariates");
        Checks.notNull(firstPurchases, "firstPurchases");
        Checks.notNull(end, "end");
        CovariateCoefficients.checkNames("covariates", covariates.names(), this.covariates);
        Map<Long, List<LocalDate>> firstDays = new java.util.TreeMap<>();
        firstPurchases.forEach((id, day) -> {
            if (Checks.notNull(day, "firstPurchases").isAfter(end)) {
                throw InvalidArgumentException.of("firstPurchases", "first purchases on or before the end " + end,
                        day + " for customer " + id);
            }
            firstDays.put(Checks.notNull(id, "firstPurchases"), List.of(day));
        });
        TimeVaryingCovariates.Joined joined;
        try {
            joined = covariates.join(firstDays, end, null, CustomerCovariates.MissingCovariates.REFUSE);
        } catch (InvalidArgumentException uncovered) {
            // the join names its own argument (purchaseDates); here it is the covariates that fall short
            throw new InvalidArgumentException("covariates", "covariates must cover each customer of firstPurchases "
                    + "from their first purchase to the end " + end + ": " + uncovered.getMessage());
        }
        SplittableRandom random = new SplittableRandom(seed);
        Map<Long, List<LocalDate>> result = new LinkedHashMap<>();
        for (int row = 0; row < joined.size(); row++) {
            long first = joined.purchaseDay(row, 0);
            double age = (end.toEpochDay() - first) / 7.0;
            double lambda = RandomVariates.gamma(random, parameters[0], parameters[1]);
            double mu = RandomVariates.gamma(random, parameters[2], parameters[3]);
            double deathLevel = RandomVariates.exponential(random, mu); // C(τ)
            double purchaseLevel = RandomVariates.exponential(random, lambda); // A(t)
            List<LocalDate> dates = new ArrayList<>();
            dates.add(LocalDate.ofEpochDay(first));
            long lastDay = first;
            double a = 0.0;
            double c = 0.0;
            Parts parts = new Parts(joined, row);
            while (parts.next() && parts.from < age) {
                double width = Math.min(parts.to, age) - parts.from;
                double until = c + parts.life * width < deathLevel ? parts.from + width
                        : parts.from + (deathLevel - c) / parts.life;
                for (double t = parts.from + (purchaseLevel - a) / parts.trans; t <= until;
                        t = parts.from + (purchaseLevel - a) / parts.trans) {
                    long day = first + (long) Math.floor(7.0 * t);
                    if (day > lastDay) {
                        dates.add(LocalDate.ofEpochDay(day));
                        lastDay = day;
                    }
                    purchaseLevel += RandomVariates.exponential(random, lambda);
                }
                if (until < parts.from + width) {
                    break; // dropped out
                }
                a += parts.trans * width;
                c += parts.life * width;
            }
            result.put(joined.customerId(row), List.copyOf(dates));
        }
        return Collections.unmodifiableMap(result);
    }

    /**
     * The parts of a joined customer's periods, from their first purchase on: each part's weeks
     * [from, to] from the first purchase and its exp(γ_lifeᵀx), exp(γ_transᵀx). Not thread-safe.
     */
    private final class Parts {
        private final TimeVaryingCovariates.Joined data;
        private final int row;
        private final long firstDay;
        private final long start;
        private final int days;
        private final int count;
        private int period = -1;
        double from;
        double to;
        double life;
        double trans;

        Parts(TimeVaryingCovariates.Joined data, int row) {
            this.data = data;
            this.row = row;
            this.firstDay = data.purchaseDay(row, 0);
            this.start = data.firstPeriodStart(row);
            this.days = data.periodDays();
            this.count = data.periods(row);
        }

        /** Moves to the next part; false after the last. */
        boolean next() {
            if (period + 1 >= count) {
                return false;
            }
            period++;
            from = Math.max(0, start + (long) period * days - firstDay) / 7.0;
            to = (start + (long) (period + 1) * days - firstDay) / 7.0;
            int k = covariates.size();
            double lifeScore = 0.0;
            double transScore = 0.0;
            for (int j = 0; j < k; j++) {
                double z = data.covariate(row, period, j);
                lifeScore += parameters[4 + j] * z;
                transScore += parameters[4 + k + j] * z;
            }
            life = Math.exp(lifeScore);
            trans = Math.exp(transScore);
            return true;
        }
    }

    private static void checkRow(TimeVaryingCovariates.Joined data, int row) {
        if (row < 0 || row >= data.size()) {
            throw InvalidArgumentException.of("row", "in [0, " + data.size() + ")", row);
        }
    }

    /**
     * The 2P models of the delta method's central differences ({@link #predictWithUncertainty}), P the fit's
     * parameters ({@code spans.length}): models 2j and 2j + 1 are θ̂ ± hⱼcⱼ expanded to the model's parameters
     * (a shared coefficient to both processes), cⱼ the columns of the Cholesky factor of the fit's covariance, and
     * {@code spans[j]} = 2hⱼ, so that the standard error of a prediction f is √Σⱼ ((f(2j) − f(2j+1))/spans[j])².
     *
     * @throws UndefinedResultException if the model was not fitted or its fit has no positive definite covariance
     */
    ParetoNbdDynamicCovariateModel[] deltaPoints(double[] spans) {
        return PredictionUncertainty.deltaPoints(fitResult(), 4, spans,
                values -> new ParetoNbdDynamicCovariateModel(covariates, expand(values), null),
                ParetoNbdDynamicCovariateModel[]::new);
    }

    /** The model's 4 + 2k parameters from values of the fit's parameters. */
    private double[] expand(double[] values) {
        double[] full = new double[parameters.length];
        for (int j = 0; j < full.length; j++) {
            full[j] = values[fitIndex == null ? j : fitIndex[j]];
        }
        return full;
    }

    /**
     * Equal to a model of the same covariates, parameters, fit and covariate options (value equality, as the
     * models without time-varying covariates).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ParetoNbdDynamicCovariateModel that && covariates.equals(that.covariates)
                && Arrays.equals(parameters, that.parameters) && java.util.Objects.equals(fit, that.fit)
                && Arrays.equals(fitIndex, that.fitIndex) && options.equals(that.options);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(covariates, Arrays.hashCode(parameters), fit, options);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(MODEL).append(" (weeks): ");
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
     * coefficients themselves), with its analytic gradient; the customers' data flattened.
     */
    static final class Likelihood implements MaximumLikelihood.LogLikelihood {
        private final int rows;
        private final int k;
        private final int[] firstRow;
        private final double[] x;
        /** Per customer: the index of its first period in the period arrays, the periods, that of t_x. */
        private final int[] periodFrom;
        private final int[] periods;
        private final int[] lastPurchasePeriod;
        /**
         * Per period: its covariates, as the index of a row of {@code distinct} (the distinct covariate rows
         * of all customers and periods, k each: exp(γᵀx) is computed once per distinct row), and the weeks of
         * it in [0, t_x] and in [0, T].
         */
        private final int[] covariateRow;
        private final double[] distinct;
        private final int distinctRows;
        private final double[] beforeLast;
        private final double[] beforeEnd;
        /** Per customer: Σⱼ x(tⱼ) over the repeat purchases (k each). */
        private final double[] purchaseSums;
        private final int maxPeriods;

        Likelihood(TimeVaryingCovariates.Joined data) {
            this(data, 0, data.size());
        }

        Likelihood(TimeVaryingCovariates.Joined data, int row) {
            this(data, row, row + 1);
        }

        private Likelihood(TimeVaryingCovariates.Joined data, int from, int to) {
            rows = to - from;
            k = data.names().size();
            firstRow = new int[] {from};
            x = new double[rows];
            periodFrom = new int[rows + 1];
            periods = new int[rows];
            lastPurchasePeriod = new int[rows];
            purchaseSums = new double[rows * k];
            long end = data.calibrationEnd().toEpochDay();
            int days = data.periodDays();
            int total = 0;
            int max = 0;
            for (int i = 0; i < rows; i++) {
                int row = from + i;
                long start = data.firstPeriodStart(row);
                periods[i] = (int) ((end - start) / days + 1);
                periodFrom[i] = total;
                total += periods[i];
                max = Math.max(max, periods[i]);
            }
            periodFrom[rows] = total;
            maxPeriods = max;
            covariateRow = new int[total];
            java.util.Map<Row, Integer> rowsSeen = new java.util.HashMap<>();
            double[] table = new double[16 * k];
            beforeLast = new double[total];
            beforeEnd = new double[total];
            for (int i = 0; i < rows; i++) {
                int row = from + i;
                int n = data.purchaseDays(row);
                long first = data.purchaseDay(row, 0);
                long last = data.purchaseDay(row, n - 1);
                long start = data.firstPeriodStart(row);
                x[i] = n - 1;
                lastPurchasePeriod[i] = (int) ((last - start) / days);
                for (int p = 0; p < periods[i]; p++) {
                    int at = periodFrom[i] + p;
                    double[] values = new double[k];
                    for (int j = 0; j < k; j++) {
                        values[j] = data.covariate(row, p, j);
                    }
                    Integer seen = rowsSeen.get(new Row(values));
                    if (seen == null) {
                        seen = rowsSeen.size();
                        rowsSeen.put(new Row(values), seen);
                        if ((seen + 1) * k > table.length) {
                            table = Arrays.copyOf(table, 2 * table.length);
                        }
                        System.arraycopy(values, 0, table, seen * k, k);
                    }
                    covariateRow[at] = seen;
                    long lo = Math.max(start + (long) p * days, first);
                    long hiEnd = Math.min(start + (long) (p + 1) * days, end);
                    long hiLast = Math.min(start + (long) (p + 1) * days, last);
                    beforeEnd[at] = Math.max(0, hiEnd - lo) / 7.0;
                    beforeLast[at] = Math.max(0, hiLast - lo) / 7.0;
                }
                for (int j = 1; j < n; j++) {
                    int p = (int) ((data.purchaseDay(row, j) - start) / days);
                    for (int c = 0; c < k; c++) {
                        purchaseSums[i * k + c] += table[covariateRow[periodFrom[i] + p] * k + c];
                    }
                }
            }
            distinctRows = rowsSeen.size();
            distinct = Arrays.copyOf(table, distinctRows * k);
        }

        /** A covariate row as a hash key. */
        private record Row(double[] values) {
            @Override
            public boolean equals(Object other) {
                return other instanceof Row row && Arrays.equals(values, row.values);
            }

            @Override
            public int hashCode() {
                return Arrays.hashCode(values);
            }
        }

        /** γ = ln θ of the coefficients (0 for the first four). */
        static double[] gamma(double[] theta) {
            double[] gamma = new double[theta.length];
            for (int j = 4; j < theta.length; j++) {
                gamma[j] = Math.log(theta[j]);
            }
            return gamma;
        }

        /** exp(γ_lifeᵀx) and exp(γ_transᵀx) of each distinct covariate row, in one array (life, trans, ...). */
        double[] exponentials(double[] gamma) {
            double[] result = new double[2 * distinctRows];
            for (int d = 0; d < distinctRows; d++) {
                double lifeScore = 0.0;
                double transScore = 0.0;
                for (int j = 0; j < k; j++) {
                    lifeScore += gamma[4 + j] * distinct[d * k + j];
                    transScore += gamma[4 + k + j] * distinct[d * k + j];
                }
                result[2 * d] = Math.exp(lifeScore);
                result[2 * d + 1] = Math.exp(transScore);
            }
            return result;
        }

        @Override
        public boolean hasGradient() {
            return true;
        }

        @Override
        public double value(double[] theta, double[] gradient) {
            int n = theta.length;
            double[] gamma = new double[n];
            for (int j = 4; j < n; j++) {
                gamma[j] = Math.log(theta[j]);
            }
            double[] exponentials = exponentials(gamma);
            int blocks = (rows + BLOCK - 1) / BLOCK;
            double[] values = new double[blocks];
            double[][] gradients = gradient == null ? null : new double[blocks][n];
            IntStream.range(0, blocks).parallel().forEach(b -> {
                Scratch scratch = new Scratch(k, maxPeriods);
                double sum = 0.0;
                for (int i = b * BLOCK; i < Math.min(rows, (b + 1) * BLOCK); i++) {
                    sum += customer(theta, gamma, exponentials, i, gradients == null ? null : gradients[b], scratch);
                }
                values[b] = sum;
            });
            double total = 0.0;
            if (gradient != null) {
                Arrays.fill(gradient, 0.0);
            }
            for (int b = 0; b < blocks; b++) {
                total += values[b];
                if (gradient != null) {
                    for (int j = 0; j < n; j++) {
                        gradient[j] += gradients[b][j];
                    }
                }
            }
            if (gradient != null) {
                for (int j = 4; j < n; j++) {
                    gradient[j] /= theta[j]; // ∂/∂θ = ∂/∂γ · dγ/dθ, γ = ln θ
                }
            }
            return total;
        }

        /** Working arrays for one thread. */
        Scratch scratch() {
            return new Scratch(k, maxPeriods);
        }

        /** Per-thread working arrays. */
        static final class Scratch {
            final double[] trans;
            final double[] life;
            final double[] dA;
            final double[] dC;
            final double[] dAT;
            final double[] dCT;
            final double[] gTrans;
            final double[] gLife;
            /** The last customer's P(alive) term R (the integral over the alive term). */
            double ratio;
            double aT;
            double cT;

            Scratch(int k, int periods) {
                trans = new double[periods];
                life = new double[periods];
                dA = new double[k];
                dC = new double[k];
                dAT = new double[k];
                dCT = new double[k];
                gTrans = new double[k];
                gLife = new double[k];
            }
        }

        /**
         * Customer i's log-likelihood; adds its gradient in (r, α₀, s, β₀, γ_life, γ_trans) to {@code g}
         * when not null.
         */
        double customer(double[] theta, double[] gamma, double[] exponentials, int i, double[] g,
                Scratch w) {
            double r = theta[0];
            double alpha0 = theta[1];
            double s = theta[2];
            double beta0 = theta[3];
            double xi = x[i];
            double rx = r + xi;
            int from = periodFrom[i];
            int count = periods[i];
            double aLast = 0.0;
            double cLast = 0.0;
            double aT = 0.0;
            double cT = 0.0;
            boolean grad = g != null;
            if (grad) {
                Arrays.fill(w.dA, 0.0);
                Arrays.fill(w.dC, 0.0);
                Arrays.fill(w.dAT, 0.0);
                Arrays.fill(w.dCT, 0.0);
                Arrays.fill(w.gTrans, 0.0);
                Arrays.fill(w.gLife, 0.0);
            }
            for (int p = 0; p < count; p++) {
                int d = covariateRow[from + p];
                int at = d * k;
                double el = exponentials[2 * d];
                double et = exponentials[2 * d + 1];
                w.trans[p] = et;
                w.life[p] = el;
                double before = beforeLast[from + p];
                double all = beforeEnd[from + p];
                aLast += et * before;
                cLast += el * before;
                aT += et * all;
                cT += el * all;
                if (grad) {
                    for (int j = 0; j < k; j++) {
                        double z = distinct[at + j];
                        w.dA[j] += et * before * z;
                        w.dC[j] += el * before * z;
                        w.dAT[j] += et * all * z;
                        w.dCT[j] += el * all * z;
                    }
                }
            }
            double logAT = Math.log(alpha0 + aT);
            double logCT = Math.log(beta0 + cT);
            double scoreSum = 0.0;
            for (int j = 0; j < k; j++) {
                scoreSum += gamma[4 + k + j] * purchaseSums[i * k + j];
            }
            // the integral over the death time τ ∈ (t_x, T], relative to the alive term
            double ratio = 0.0;
            double gr = 0.0;
            double ga = 0.0;
            double gs = 0.0;
            double gb = 0.0;
            double sumA = 0.0; // Σ g/(α₀+A(τ))
            double sumC = 0.0; // Σ g/(β₀+C(τ))
            double aStart = aLast;
            double cStart = cLast;
            for (int p = lastPurchasePeriod[i]; p < count; p++) {
                double width = beforeEnd[from + p] - beforeLast[from + p];
                if (width <= 0.0) {
                    continue;
                }
                double et = w.trans[p];
                double el = w.life[p];
                int plan = plan(rx, et * width / (alpha0 + aStart), s + 1.0, el * width / (beta0 + cStart), 0.0);
                double[] nodes = RULES[2 * (plan % 3)];
                double[] weights = RULES[2 * (plan % 3) + 1];
                int panels = plan / 3;
                double pieceG = 0.0;
                double pieceA = 0.0;
                double pieceAu = 0.0;
                double pieceC = 0.0;
                double pieceCu = 0.0;
                for (int panel = 0; panel < panels; panel++) {
                    for (int q = 0; q < nodes.length; q++) {
                        double u = (panel + nodes[q]) / panels;
                        double weight = weights[q] / panels * width;
                        double a = alpha0 + aStart + et * width * u;
                        double c = beta0 + cStart + el * width * u;
                        double la = logAT - Math.log(a);
                        double lb = logCT - Math.log(c);
                        double value = weight * s * el * Math.exp(rx * la + s * lb) / c;
                        ratio += value;
                        if (grad) {
                            gr += value * la;
                            gs += value * lb;
                            pieceG += value;
                            pieceA += value / a;
                            pieceAu += value * u / a;
                            pieceC += value / c;
                            pieceCu += value * u / c;
                        }
                    }
                }
                if (grad) {
                    sumA += pieceA;
                    sumC += pieceC;
                    int at = covariateRow[from + p] * k;
                    for (int j = 0; j < k; j++) {
                        double z = distinct[at + j];
                        // ∂A(τ)/∂γ = dA(start) + e_t·width·u·z: Σ g ∂A(τ)/∂γ /(α₀+A(τ))
                        w.gTrans[j] += pieceA * w.dA[j] + pieceAu * et * width * z;
                        w.gLife[j] += pieceG * z - (s + 1.0) * (pieceC * w.dC[j] + pieceCu * el * width * z);
                    }
                }
                aStart += et * width;
                cStart += el * width;
                if (grad) {
                    int at = covariateRow[from + p] * k;
                    for (int j = 0; j < k; j++) {
                        w.dA[j] += et * width * distinct[at + j];
                        w.dC[j] += el * width * distinct[at + j];
                    }
                }
            }
            w.ratio = ratio;
            w.aT = aT;
            w.cT = cT;
            double logGammaR = SpecialFunctions.logGamma(r);
            double ll = SpecialFunctions.logGamma(rx) - logGammaR + r * Math.log(alpha0) + s * Math.log(beta0)
                    + scoreSum - rx * logAT - s * logCT + Math.log1p(ratio);
            if (grad) {
                double f = 1.0 / (1.0 + ratio);
                g[0] += SpecialFunctions.digamma(rx) - SpecialFunctions.digamma(r) + Math.log(alpha0) - logAT + f * gr;
                g[1] += r / alpha0 - rx / (alpha0 + aT) + f * rx * (ratio / (alpha0 + aT) - sumA);
                g[2] += Math.log(beta0) - logCT + f * (ratio / s + gs);
                g[3] += s / beta0 - s / (beta0 + cT) + f * (s * ratio / (beta0 + cT) - (s + 1.0) * sumC);
                for (int j = 0; j < k; j++) {
                    g[4 + j] += -s * w.dCT[j] / (beta0 + cT)
                            + f * (s * ratio * w.dCT[j] / (beta0 + cT) + w.gLife[j]);
                    g[4 + k + j] += purchaseSums[i * k + j] - rx * w.dAT[j] / (alpha0 + aT)
                            + f * rx * (ratio * w.dAT[j] / (alpha0 + aT) - w.gTrans[j]);
                }
            }
            return ll;
        }

        /** The prediction of row {@code i} of this likelihood (row firstRow + i of the join). */
        Prediction predict(double[] theta, double[] gamma, double[] exponentials, Scratch w,
                TimeVaryingCovariates.Joined data, int i, double delta) {
            customer(theta, gamma, exponentials, i, null, w);
            int row = firstRow[0] + i;
            double r = theta[0];
            double alpha0 = theta[1];
            double s = theta[2];
            double beta0 = theta[3];
            double alive = 1.0 / (1.0 + w.ratio);
            long end = data.calibrationEnd().toEpochDay();
            long predictionEnd = data.predictionEnd().toEpochDay();
            long start = data.firstPeriodStart(row);
            int days = data.periodDays();
            int all = data.periods(row);
            double cStart = w.cT;
            double bT = beta0 + w.cT;
            double expected = 0.0;
            double discounted = 0.0;
            double elapsed = 0.0;
            for (int p = (int) ((end - start) / days); p < all; p++) {
                long lo = Math.max(start + (long) p * days, end);
                long hi = Math.min(start + (long) (p + 1) * days, predictionEnd);
                if (hi <= lo) {
                    continue;
                }
                double width = (hi - lo) / 7.0;
                double lifeScore = 0.0;
                double transScore = 0.0;
                for (int j = 0; j < k; j++) {
                    double z = data.covariate(row, p, j);
                    lifeScore += gamma[4 + j] * z;
                    transScore += gamma[4 + k + j] * z;
                }
                double et = Math.exp(transScore);
                double el = Math.exp(lifeScore);
                // ∫ e_t ((β₀+C(T))/(β₀+C(u)))^s du over the part, exactly; discounted by quadrature
                double c0 = beta0 + cStart;
                double c1 = c0 + el * width;
                double logRatio = Math.log(c1 / c0);
                expected += et * Math.exp(s * Math.log(bT / c0)) * c0 / el * logRatio
                        * ParetoNbdModel.expm1OverX((1.0 - s) * logRatio);
                int plan = plan(0.0, 0.0, s, el * width / c0, delta * width);
                double[] nodes = RULES[2 * (plan % 3)];
                double[] weights = RULES[2 * (plan % 3) + 1];
                int panels = plan / 3;
                for (int panel = 0; panel < panels; panel++) {
                    for (int q = 0; q < nodes.length; q++) {
                        double u = (panel + nodes[q]) / panels;
                        double weight = weights[q] / panels * width;
                        double c = c0 + el * width * u;
                        discounted += weight * et * Math.exp(-delta * (elapsed + width * u) + s * Math.log(bT / c));
                    }
                }
                cStart += el * width;
                elapsed += width;
            }
            double rate = (r + x[i]) / (alpha0 + w.aT);
            return new Prediction(data.customerId(row), alive * rate * expected, alive, alive * rate * discounted);
        }
    }
}
