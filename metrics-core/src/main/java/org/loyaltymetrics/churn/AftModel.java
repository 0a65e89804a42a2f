package org.loyaltymetrics.churn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Distributions;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.SpecialFunctions;
import org.loyaltymetrics.internal.optim.Matrices;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.model.ModelFitException;
import org.loyaltymetrics.stats.ChiSquareTest;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.table.Table;

/**
 * A parametric accelerated-failure-time (AFT) model of churn: the logarithm of a customer's lifetime T is
 * log T = β₀ + xᵀβ + σ W, W a standard {@link Distribution} (extreme-value for Weibull lifetimes, normal
 * for log-normal, logistic for log-logistic), fitted by maximum likelihood to right-censored lifetimes
 * with case weights, as R's {@code survreg} (Kalbfleisch &amp; Prentice 2002, "The Statistical Analysis
 * of Failure Time Data", 2nd ed., §2.3 and §3.9; Therneau's survreg documentation). A covariate
 * stretches the time scale: exp(βⱼ) is the <b>time ratio</b>, the factor on every quantile of lifetime of
 * one unit more of covariate j. With {@linkplain SurvivalData#withStrata strata}, each stratum has a
 * scale σₛ of its own and the coefficients are shared (R's {@code strata()} in a {@code survreg}
 * formula); durations must be &gt; 0, and counting-process rows are refused.
 *
 * <p><b>Likelihood.</b> With yᵢ = log tᵢ, zᵢ = (yᵢ − ηᵢ)/σ and ηᵢ = β₀ + xᵢᵀβ, a churned customer
 * contributes wᵢ (log f_W(zᵢ) − log σ − yᵢ) (the density of T), a censored one wᵢ log S_W(zᵢ), where
 * <ul>
 *   <li>extreme value: log f = z − eᶻ, log S = −eᶻ (T Weibull, shape 1/σ, scale e^η);</li>
 *   <li>normal: log f = −z²/2 − log √(2π), log S = log Φ(−z);</li>
 *   <li>logistic: log f = z − 2 log(1 + eᶻ), log S = −log(1 + eᶻ).</li>
 * </ul>
 * The log-likelihood is R's {@code survreg} {@code loglik} (on the time scale, with the Jacobian −yᵢ).
 *
 * <p><b>Fit.</b> Newton–Raphson on (β₀, β, log σ) with the analytic gradient and Hessian (with
 * g = dℓ/dz and h = d²ℓ/dz² of each row: ∂ℓ/∂β = −g x/σ, ∂ℓ/∂log σ = −g z − δ, ∂²ℓ/∂β∂βᵀ = h x xᵀ/σ²,
 * ∂²ℓ/∂β∂log σ = (h z + g) x/σ, ∂²ℓ/∂(log σ)² = h z² + g z), on covariates centred at their means, with
 * step halving (a step that lowers the objective is halved, one longer than 10 log-time units or
 * covariate standard deviations first shortened to 10) and, where the Hessian is not negative
 * definite far from the maximum, a Levenberg damping of its diagonal. The intercept-only model is fitted
 * first, from the mean of the log durations and a scale from their standard deviation, and the full
 * model starts from it with β = 0 (as {@code survreg}). The fit stops when every step, in units of the
 * covariate's standard deviation (the intercept and log σ in their own units), is at most the
 * {@link FitOptions#tolerance() tolerance}. {@link FitOptions} are used as by {@link CoxModel}: a
 * {@link FitOptions#penalizer() penalizer} λ maximises ℓ − N λ Σ (βⱼ sⱼ)² over the covariates (not the
 * intercept nor the scale). <b>Divergence.</b> When a covariate separates the churners (e.g. a level in
 * which nobody churned) the likelihood rises toward a limit as its coefficient grows without bound; when
 * the churn times are fitted exactly, σ runs to 0 and the likelihood to infinity. The fit detects
 * either (a coefficient beyond 25 standard deviations of W per standard deviation of the covariate, i.e.
 * |βⱼ| sⱼ/σ &gt; 25, the rule of {@link CoxModel} on the hazard scale of a Weibull model; log σ below
 * −25; or the objective flat to 1e-12 relative while steps stay above 1e-3) and throws a
 * {@link ModelFitException} naming the parameters, with remedy PENALIZER; with
 * {@link FitOptions#allowingNonConvergence()} it returns the last point instead, {@link #converged()}
 * false and the parameters in {@link #unboundedParameters()}.
 *
 * <p><b>Inference.</b> The covariance of (β₀, β, log σ) is the inverse of the observed (penalised)
 * information at the maximum (R's {@code vcov}, with {@code Log(scale)} rows); where the data have
 * clusters (customer ids) {@link #covariance()} is the robust (sandwich) covariance V (Σ over clusters
 * of Uᶜ Uᶜᵀ) V, Uᶜ the summed weighted score of a cluster's rows (R's {@code cluster()}; with case
 * weights R's {@code survreg} sums unweighted dfbeta residuals instead, where {@code coxph} and this class
 * sum weighted ones, R's {@code residuals(fit, "dfbeta", weighted = TRUE)}). Tests that the
 * covariates' coefficients are 0: likelihood ratio 2(ℓ − ℓ₀) against the intercept-only model (with the
 * same strata), and Wald β̂ᵀ V⁻¹ β̂, each χ² on p df. Time ratios exp(βⱼ ± z SE). For a Weibull model, the
 * proportional-hazards form λ(t | x) = k t^(k−1) exp(−(β₀ + xᵀβ)k) has shape k = 1/σ and hazard ratios
 * exp(−βⱼ/σ) (interval by the delta method on −βⱼ/σ).
 *
 * <p><b>Prediction.</b> S(t | x) = S_W((log t − η)/σ); the p-quantile of lifetime exp(η + σ w_p) (R's
 * {@code predict(type = "quantile")}), w_p = log(−log(1 − p)), Φ⁻¹(p) or log(p/(1 − p)); the mean
 * lifetime e^η Γ(1 + σ) (Weibull), exp(η + σ²/2) (log-normal), e^η πσ/sin(πσ) (log-logistic, finite for
 * σ &lt; 1 only); the {@linkplain #expectedRemainingLifetime expected remaining lifetime} of a customer
 * still there at tenure t by the incomplete gamma, normal or beta functions. The single-customer methods
 * allocate nothing. {@link #riskScore} is −xᵀβ (without the
 * intercept): the higher, the shorter the expected lifetime; {@link #concordance()} is Harrell's C of it
 * (within strata where there are strata), as R's {@code concordance(fit)}.
 *
 * <p>This class is immutable and thread-safe (figures computed on first use are computed once, under the
 * model's lock).
 */
public final class AftModel implements SurvivalRegression {

    /** The distribution of the error W of log T = η + σ W, and so of the lifetime T. */
    public enum Distribution {
        /** W standard minimum extreme value: T is Weibull with shape 1/σ and scale e^η (R's "weibull"). */
        WEIBULL("weibull"),
        /** W standard normal: T is log-normal (R's "lognormal"). */
        LOG_NORMAL("lognormal"),
        /** W standard logistic: T is log-logistic (R's "loglogistic"). */
        LOG_LOGISTIC("loglogistic");

        private final String rName;

        Distribution(String rName) {
            this.rName = rName;
        }

        /** The name of the distribution in R's {@code survreg(dist = ...)}. */
        public String rName() {
            return rName;
        }

        /** The p-quantile w_p of W. */
        double quantile(double p) {
            return switch (this) {
                case WEIBULL -> Math.log(-Math.log1p(-p));
                case LOG_NORMAL -> -Distributions.normalUpperQuantile(p);
                case LOG_LOGISTIC -> Math.log(p / (1.0 - p));
            };
        }

        /** S_W(z) = P(W &gt; z). */
        double survival(double z) {
            return switch (this) {
                case WEIBULL -> Math.exp(-Math.exp(z));
                case LOG_NORMAL -> normalUpperTail(z);
                case LOG_LOGISTIC -> z > 0 ? Math.exp(-z) / (1.0 + Math.exp(-z)) : 1.0 / (1.0 + Math.exp(z));
            };
        }
    }

    private static final double UNBOUNDED_PER_SD = 25.0;
    private static final double MAX_STEP = 10.0;
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2.0 * Math.PI);
    private static final String LOG_SCALE = "Log(scale)";

    private final SurvivalData data;
    private final Distribution distribution;
    /** (β₀, β₁..βₚ, log σ₁..log σ_S) on the user's scale. */
    private final double[] theta;
    private final double[][] naiveCovariance;
    private final double logLikelihood;
    private final double nullLogLikelihood;
    private final int iterations;
    private final boolean converged;
    private final List<String> unbounded;
    private final int[] strata;
    private final List<String> parameterNames;
    private final int p;
    private final double[] inverseScales;
    private final double[][] robust;
    private double[] concordanceCounts;

    private AftModel(SurvivalData data, Distribution distribution, double[] theta, double[][] naiveCovariance,
            double[][] robust, double logLikelihood, double nullLogLikelihood, int iterations, boolean converged,
            List<String> unbounded, int[] strata) {
        this.data = data;
        this.distribution = distribution;
        this.theta = theta;
        this.naiveCovariance = naiveCovariance;
        this.robust = robust;
        this.logLikelihood = logLikelihood;
        this.nullLogLikelihood = nullLogLikelihood;
        this.iterations = iterations;
        this.converged = converged;
        this.unbounded = unbounded;
        this.strata = strata;
        this.p = data.columns.length;
        this.inverseScales = new double[strata.length];
        for (int s = 0; s < strata.length; s++) {
            inverseScales[s] = Math.exp(-theta[1 + p + s]);
        }
        List<String> names = new ArrayList<>();
        names.add("(Intercept)");
        names.addAll(data.names);
        if (strata.length == 1) {
            names.add(LOG_SCALE);
        } else {
            for (int s : strata) {
                names.add(LOG_SCALE + " stratum " + s);
            }
        }
        this.parameterNames = List.copyOf(names);
    }

    /** Fits the model with the default {@link FitOptions}; see {@link #fit(SurvivalData, Distribution, FitOptions)}. */
    public static AftModel fit(SurvivalData data, Distribution distribution) {
        return fit(data, distribution, FitOptions.defaults());
    }

    /**
     * Fits the model to {@code data} by Newton–Raphson on the log-likelihood (see the class comment). The
     * data may have no covariate (the intercept-only model).
     *
     * @throws InvalidArgumentException if the data are counting-process rows (start, stop], or a duration
     *     is 0 (its logarithm is not finite)
     * @throws UndefinedResultException if the data have no rows or no churn
     * @throws ModelFitException if a covariate is constant or collinear with others, the fit diverges (see
     *     the class comment) or does not converge within the iterations, unless the options allow
     *     non-convergence
     */
    public static AftModel fit(SurvivalData data, Distribution distribution, FitOptions options) {
        Checks.notNull(data, "data");
        Checks.notNull(distribution, "distribution");
        Checks.notNull(options, "options");
        if (data.hasIntervals()) {
            throw InvalidArgumentException.of("data", "one row per customer (an accelerated-failure-time model has no "
                    + "counting-process rows)", "(start, stop] rows");
        }
        if (data.isEmpty()) {
            throw new UndefinedResultException("the " + distribution.rName + " model is undefined on no rows");
        }
        for (int i = 0; i < data.rows(); i++) {
            if (!(data.stop[i] > 0.0)) {
                throw InvalidArgumentException.of("data", "durations > 0 (the model is on log durations), at row " + i,
                        data.stop[i]);
            }
        }
        if (data.events() == 0) {
            throw new UndefinedResultException("the " + distribution.rName + " model is undefined without churn: none of the "
                    + data.rows() + " rows ends with an event");
        }
        Fitter fitter = new Fitter(data, distribution);
        for (int j = 0; j < fitter.p; j++) {
            if (!(fitter.sds[j] > 0.0)) {
                throw new ModelFitException("the " + distribution.rName + " fit cannot estimate the coefficient of '"
                        + data.names.get(j) + "': it is constant", List.of(), "leave the covariate out");
            }
        }
        // the intercept-only model, from the moments of the log durations
        int strataCount = fitter.strata;
        double[] start0 = new double[1 + strataCount];
        start0[0] = fitter.meanY;
        double sdFactor = switch (distribution) {
            case WEIBULL -> Math.sqrt(6.0) / Math.PI;
            case LOG_NORMAL -> 1.0;
            case LOG_LOGISTIC -> Math.sqrt(3.0) / Math.PI;
        };
        double sigma0 = fitter.sdY > 0.0 ? fitter.sdY * sdFactor : 1.0;
        Arrays.fill(start0, 1, start0.length, Math.log(sigma0));
        Fitter.Result nullFit = fitter.newton(start0, 0, new double[0], options.withPenalizer(0.0));
        if (!nullFit.unbounded.isEmpty() || !nullFit.converged) {
            // the intercept-only model: only the scale can diverge (identical churn times)
            if (options.requireConvergence()) {
                throw new ModelFitException("the intercept-only " + distribution.rName + " fit "
                        + (nullFit.unbounded.isEmpty() ? "did not converge in " + options.maxIterations() + " iterations"
                                : "diverges: the scale runs to 0 (the churn times are all equal)"),
                        List.of(ModelFitException.Remedy.MORE_ITERATIONS), "check the durations");
            }
        }
        int p = fitter.p;
        Fitter.Result full;
        if (p == 0) {
            full = nullFit;
        } else {
            double[] start = new double[1 + p + strataCount];
            start[0] = nullFit.theta[0];
            System.arraycopy(nullFit.theta, 1, start, 1 + p, strataCount);
            double ridge = 2.0 * options.penalizer() * data.rows();
            double[] penalty = new double[p];
            for (int j = 0; j < p; j++) {
                penalty[j] = ridge * fitter.sds[j] * fitter.sds[j];
            }
            full = fitter.newton(start, p, penalty, options);
            if (!full.unbounded.isEmpty() && options.requireConvergence()) {
                throw new ModelFitException("the " + distribution.rName + " likelihood has no finite maximum: it keeps "
                        + "rising as " + full.unbounded + " run off (after " + full.iterations + " iterations, parameters "
                        + Arrays.toString(fitter.toUser(full.theta, p)) + "); a covariate separates the customers who "
                        + "churned from the others, or the churn times are fitted exactly",
                        List.of(ModelFitException.Remedy.PENALIZER),
                        "check whether " + full.unbounded + " is recorded after the churn it predicts, or merge its rare levels");
            }
            if (!full.converged && full.unbounded.isEmpty() && options.requireConvergence()) {
                throw new ModelFitException("the " + distribution.rName + " fit did not converge in "
                        + options.maxIterations() + " iterations (last step " + Arrays.toString(full.lastStep) + ")",
                        List.of(ModelFitException.Remedy.MORE_ITERATIONS, ModelFitException.Remedy.PENALIZER), "");
            }
        }
        double[] info = full.information;
        int q = 1 + p + strataCount;
        double[][] h = new double[q][q];
        for (int a = 0; a < q; a++) {
            System.arraycopy(info, a * q, h[a], 0, q);
        }
        double[][] centred = Matrices.inverse(h);
        if (centred == null) {
            if (full.unbounded.isEmpty()) {
                throw singular(data, distribution);
            }
            centred = new double[q][q];
            for (int a = 0; a < q; a++) {
                centred[a][a] = Double.POSITIVE_INFINITY;
            }
        }
        double[][] covariance = fitter.toUserCovariance(centred, p);
        double[][] robust = null;
        if (data.hasClusters() && full.unbounded.isEmpty()) {
            double[][] middle = fitter.clusteredScoreProducts(full.theta, p);
            robust = fitter.toUserCovariance(multiply(multiply(centred, middle), centred), p);
        }
        return new AftModel(data, distribution, fitter.toUser(full.theta, p), covariance, robust, full.logLikelihood,
                nullFit.logLikelihood, full.iterations, full.converged && nullFit.converged,
                full.unbounded.isEmpty() ? nullFit.unbounded : full.unbounded, fitter.stratumLabels);
    }

    private static ModelFitException singular(SurvivalData data, Distribution distribution) {
        return new ModelFitException("the " + distribution.rName + " fit's information matrix is singular: the covariates "
                + data.names + " are collinear (one is a combination of others)",
                List.of(ModelFitException.Remedy.PENALIZER), "leave a redundant covariate out");
    }

    /** The rows prepared for the fit, and the Newton iterations. Not thread-safe: one fit uses it. */
    private static final class Fitter {

        final int n;
        final int p;
        final int strata;
        final Distribution distribution;
        final double[] y;
        final boolean[] dead;
        final double[] w;
        final int[] stratumOf;
        final int[] stratumLabels;
        /** Centred covariates, row-major. */
        final double[] x;
        final double[] means;
        final double[] sds;
        final double meanY;
        final double sdY;
        final long[] cluster;
        final List<String> names;
        // the row terms of the last call of terms(): log-likelihood, dℓ/dz, d²ℓ/dz²
        double l;
        double g;
        double hz;

        Fitter(SurvivalData data, Distribution distribution) {
            this.distribution = distribution;
            this.n = data.rows();
            this.p = data.columns.length;
            this.names = data.names;
            this.y = new double[n];
            this.dead = data.event;
            this.w = data.weight;
            this.cluster = data.cluster;
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                y[i] = Math.log(data.stop[i]);
                sum += y[i];
            }
            meanY = sum / n;
            double squares = 0.0;
            for (int i = 0; i < n; i++) {
                squares += (y[i] - meanY) * (y[i] - meanY);
            }
            sdY = n > 1 ? Math.sqrt(squares / (n - 1)) : 0.0;
            int[] labels = data.stratum;
            stratumLabels = labels == null ? new int[] {0} : Arrays.stream(labels).distinct().sorted().toArray();
            strata = stratumLabels.length;
            stratumOf = new int[n];
            if (labels != null) {
                for (int i = 0; i < n; i++) {
                    stratumOf[i] = Arrays.binarySearch(stratumLabels, labels[i]);
                }
            }
            means = new double[p];
            sds = new double[p];
            x = new double[n * p];
            for (int j = 0; j < p; j++) {
                double[] column = data.columns[j];
                double[] moments = data.columnMeanAndDeviation(j);
                double mean = moments[0];
                means[j] = mean;
                sds[j] = moments[1];
                for (int i = 0; i < n; i++) {
                    x[i * p + j] = column[i] - mean;
                }
            }
        }

        /** Sets l, g and hz (ℓ, dℓ/dz, d²ℓ/dz²) of one row at z. */
        void terms(double z, boolean event) {
            switch (distribution) {
                case WEIBULL -> {
                    double ez = Math.exp(z);
                    l = event ? z - ez : -ez;
                    g = event ? 1.0 - ez : -ez;
                    hz = -ez;
                }
                case LOG_LOGISTIC -> {
                    double e = Math.exp(-Math.abs(z));
                    double log1pExp = z > 0 ? z + Math.log1p(e) : Math.log1p(e);
                    double prob = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
                    double pq = e / ((1.0 + e) * (1.0 + e));
                    if (event) {
                        l = z - 2.0 * log1pExp;
                        g = 1.0 - 2.0 * prob;
                        hz = -2.0 * pq;
                    } else {
                        l = -log1pExp;
                        g = -prob;
                        hz = -pq;
                    }
                }
                case LOG_NORMAL -> {
                    if (event) {
                        l = -0.5 * z * z - HALF_LOG_TWO_PI;
                        g = -z;
                        hz = -1.0;
                    } else {
                        double m;
                        if (z < 8.0) {
                            double tail = normalUpperTail(z);
                            l = Math.log(tail);
                            m = Distributions.normalDensity(z) / tail;
                        } else {
                            double ratio = millsRatio(z);
                            l = -0.5 * z * z - HALF_LOG_TWO_PI + Math.log(ratio);
                            m = 1.0 / ratio;
                        }
                        g = -m;
                        hz = -m * (m - z);
                    }
                }
                default -> throw new AssertionError(distribution);
            }
        }

        /** The log-likelihood at theta = (α, β₁..β_k, τ₁..τ_S) on the centred covariates, k = 0 or p. */
        double logLikelihood(double[] theta, int k) {
            double ll = 0.0;
            for (int i = 0; i < n; i++) {
                double eta = theta[0];
                int base = i * p;
                for (int j = 0; j < k; j++) {
                    eta += theta[1 + j] * x[base + j];
                }
                double tau = theta[1 + k + stratumOf[i]];
                double z = (y[i] - eta) * Math.exp(-tau);
                terms(z, dead[i]);
                double term = dead[i] ? l - tau - y[i] : l;
                ll += w == null ? term : w[i] * term;
            }
            return ll;
        }

        /** Fills the gradient and the information −∂²ℓ (q × q, row-major) at theta; returns ℓ. */
        double derivatives(double[] theta, int k, double[] gradient, double[] information) {
            int q = 1 + k + strata;
            Arrays.fill(gradient, 0, q, 0.0);
            Arrays.fill(information, 0, q * q, 0.0);
            double[] sigmas = new double[strata];
            for (int s = 0; s < strata; s++) {
                sigmas[s] = Math.exp(theta[1 + k + s]);
            }
            double ll = 0.0;
            int kk = 1 + k;
            double[] row = new double[kk];
            row[0] = 1.0;
            for (int i = 0; i < n; i++) {
                double eta = theta[0];
                int base = i * p;
                for (int j = 0; j < k; j++) {
                    row[1 + j] = x[base + j];
                    eta += theta[1 + j] * x[base + j];
                }
                int s = stratumOf[i];
                double tau = theta[kk + s];
                double sigma = sigmas[s];
                double z = (y[i] - eta) / sigma;
                boolean event = dead[i];
                terms(z, event);
                double wi = w == null ? 1.0 : w[i];
                ll += wi * (event ? l - tau - y[i] : l);
                double gb = -wi * g / sigma;
                double a = -wi * hz / (sigma * sigma);
                double bt = -wi * (hz * z + g) / sigma;
                int ts = kk + s;
                for (int r = 0; r < kk; r++) {
                    double xr = row[r];
                    gradient[r] += gb * xr;
                    double axr = a * xr;
                    int offset = r * q;
                    for (int c = r; c < kk; c++) {
                        information[offset + c] += axr * row[c];
                    }
                    information[offset + ts] += bt * xr;
                }
                gradient[ts] += wi * (-g * z - (event ? 1.0 : 0.0));
                information[ts * q + ts] += -wi * (hz * z * z + g * z);
            }
            for (int r = 0; r < q; r++) {
                for (int c = 0; c < r; c++) {
                    information[r * q + c] = information[c * q + r];
                }
            }
            return ll;
        }

        /** The sum over clusters of the products of the clusters' summed scores (centred parameters). */
        double[][] clusteredScoreProducts(double[] theta, int k) {
            int q = 1 + k + strata;
            long[] ids = cluster.clone();
            Arrays.sort(ids);
            int distinct = 0;
            for (int i = 0; i < ids.length; i++) {
                if (i == 0 || ids[i] != ids[distinct - 1]) {
                    ids[distinct++] = ids[i];
                }
            }
            double[] sums = new double[distinct * q];
            for (int i = 0; i < n; i++) {
                double eta = theta[0];
                int base = i * p;
                for (int j = 0; j < k; j++) {
                    eta += theta[1 + j] * x[base + j];
                }
                int s = stratumOf[i];
                double sigma = Math.exp(theta[1 + k + s]);
                double z = (y[i] - eta) / sigma;
                terms(z, dead[i]);
                double wi = w == null ? 1.0 : w[i];
                int c = Arrays.binarySearch(ids, 0, distinct, cluster[i]) * q;
                double gb = -wi * g / sigma;
                sums[c] += gb;
                for (int j = 0; j < k; j++) {
                    sums[c + 1 + j] += gb * x[base + j];
                }
                sums[c + 1 + k + s] += wi * (-g * z - (dead[i] ? 1.0 : 0.0));
            }
            double[][] b = new double[q][q];
            for (int c = 0; c < distinct; c++) {
                for (int r = 0; r < q; r++) {
                    double ur = sums[c * q + r];
                    for (int t = 0; t < q; t++) {
                        b[r][t] += ur * sums[c * q + t];
                    }
                }
            }
            return b;
        }

        /** The user's (β₀, β, log σ) of centred ones. */
        double[] toUser(double[] theta, int k) {
            double[] user = theta.clone();
            for (int j = 0; j < k; j++) {
                user[0] -= means[j] * theta[1 + j];
            }
            return user;
        }

        /** J V Jᵀ with J the Jacobian of {@link #toUser}. */
        double[][] toUserCovariance(double[][] v, int k) {
            int q = v.length;
            double[] jrow = new double[q];
            jrow[0] = 1.0;
            for (int j = 0; j < k; j++) {
                jrow[1 + j] = -means[j];
            }
            double[][] c = new double[q][];
            for (int a = 0; a < q; a++) {
                c[a] = v[a].clone();
            }
            // row and column 0 become jrow·V
            double[] first = new double[q];
            for (int b = 0; b < q; b++) {
                double sum = 0.0;
                for (int a = 0; a < q; a++) {
                    sum += jrow[a] * v[a][b];
                }
                first[b] = sum;
            }
            double corner = 0.0;
            for (int b = 0; b < q; b++) {
                corner += first[b] * jrow[b];
            }
            for (int b = 0; b < q; b++) {
                c[0][b] = first[b];
                c[b][0] = first[b];
            }
            c[0][0] = corner;
            return c;
        }

        record Result(double[] theta, double logLikelihood, double[] information, int iterations, boolean converged,
                List<String> unbounded, double[] lastStep) {
        }

        /** Newton–Raphson with step halving from {@code start}, k covariates, ridge {@code penalty}. */
        Result newton(double[] start, int k, double[] penalty, FitOptions options) {
            int q = 1 + k + strata;
            double[] theta = start.clone();
            double[] gradient = new double[q];
            double[] information = new double[q * q];
            double ll = derivatives(theta, k, gradient, information);
            if (!Double.isFinite(ll)) {
                throw new ModelFitException("the " + distribution.rName + " fit failed: the log-likelihood is not finite at "
                        + "the start " + Arrays.toString(theta), List.of(), "check the durations' unit and range");
            }
            double objective = ll - penaltyValue(penalty, theta);
            double[] candidate = new double[q];
            double[] candidateGradient = new double[q];
            double[] candidateInformation = new double[q * q];
            double[] lastStep = new double[q];
            int iteration = 0;
            boolean converged = false;
            List<String> unbounded = List.of();
            int flat = 0;
            while (iteration < options.maxIterations()) {
                iteration++;
                double[][] h = new double[q][q];
                double[] grad = gradient.clone();
                for (int a = 0; a < q; a++) {
                    System.arraycopy(information, a * q, h[a], 0, q);
                }
                for (int j = 0; j < k; j++) {
                    h[1 + j][1 + j] += penalty[j];
                    grad[1 + j] -= penalty[j] * theta[1 + j];
                }
                double[][] chol = Matrices.cholesky(h);
                double damping = 0.0;
                double largestDiagonal = 0.0;
                for (int a = 0; a < q; a++) {
                    largestDiagonal = Math.max(largestDiagonal, Math.abs(h[a][a]));
                }
                while (chol == null) {
                    damping = damping == 0.0 ? 1e-8 * Math.max(largestDiagonal, 1e-300) : 10.0 * damping;
                    if (!(damping < 1e30 * Math.max(largestDiagonal, 1.0))) {
                        throw singularInFit(k);
                    }
                    double[][] damped = new double[q][];
                    for (int a = 0; a < q; a++) {
                        damped[a] = h[a].clone();
                        damped[a][a] += damping;
                    }
                    chol = Matrices.cholesky(damped);
                }
                double[] step = Matrices.solve(chol, grad);
                // a step of more than 10 (log-time units, or standard deviations of a covariate) is shortened
                // to 10 before the halving: far from the maximum a damped Newton step can be absurdly long
                double longest = Math.abs(step[0]);
                for (int j = 0; j < k; j++) {
                    longest = Math.max(longest, Math.abs(step[1 + j]) * sds[j]);
                }
                for (int s = 0; s < strata; s++) {
                    longest = Math.max(longest, Math.abs(step[1 + k + s]));
                }
                if (longest > MAX_STEP) {
                    for (int a = 0; a < q; a++) {
                        step[a] *= MAX_STEP / longest;
                    }
                }
                double newObjective = Double.NaN;
                double newLl = Double.NaN;
                boolean withDerivatives = false;
                for (int halving = 0; halving < 60; halving++) {
                    for (int a = 0; a < q; a++) {
                        candidate[a] = theta[a] + step[a];
                    }
                    // the full step (nearly always taken) is evaluated with its derivatives, saving a pass
                    withDerivatives = halving == 0;
                    newLl = withDerivatives ? derivatives(candidate, k, candidateGradient, candidateInformation)
                            : logLikelihood(candidate, k);
                    newObjective = newLl - penaltyValue(penalty, candidate);
                    if (newObjective >= objective - 1e-12 * Math.abs(objective) && Double.isFinite(newObjective)) {
                        break;
                    }
                    for (int a = 0; a < q; a++) {
                        step[a] *= 0.5;
                    }
                }
                if (!Double.isFinite(newObjective)) {
                    throw new ModelFitException("the " + distribution.rName + " fit failed: the log-likelihood is not "
                            + "finite near " + Arrays.toString(toUser(theta, k)), List.of(ModelFitException.Remedy.PENALIZER),
                            "check the covariates' scales");
                }
                double gain = newObjective - objective;
                System.arraycopy(candidate, 0, theta, 0, q);
                System.arraycopy(step, 0, lastStep, 0, q);
                if (withDerivatives) {
                    double[] swap = gradient;
                    gradient = candidateGradient;
                    candidateGradient = swap;
                    swap = information;
                    information = candidateInformation;
                    candidateInformation = swap;
                    ll = newLl;
                } else {
                    ll = derivatives(theta, k, gradient, information);
                }
                objective = ll - penaltyValue(penalty, theta);
                double maxSigma = 0.0;
                double maxStep = Math.abs(step[0]);
                List<String> large = new ArrayList<>();
                for (int s = 0; s < strata; s++) {
                    double tau = theta[1 + k + s];
                    maxSigma = Math.max(maxSigma, Math.exp(tau));
                    maxStep = Math.max(maxStep, Math.abs(step[1 + k + s]));
                }
                for (int j = 0; j < k; j++) {
                    maxStep = Math.max(maxStep, Math.abs(step[1 + j]) * sds[j]);
                    if (Math.abs(theta[1 + j]) * sds[j] / maxSigma > UNBOUNDED_PER_SD) {
                        large.add(names.get(j));
                    }
                }
                for (int s = 0; s < strata; s++) {
                    if (theta[1 + k + s] < -UNBOUNDED_PER_SD) {
                        large.add(scaleName(s));
                    }
                }
                flat = gain <= 1e-12 * Math.max(1.0, Math.abs(objective)) && maxStep > 1e-3 ? flat + 1 : 0;
                if (flat >= 3 && large.isEmpty()) {
                    for (int j = 0; j < k; j++) {
                        if (Math.abs(step[1 + j]) * sds[j] > 1e-3) {
                            large.add(names.get(j));
                        }
                    }
                    for (int s = 0; s < strata; s++) {
                        if (Math.abs(step[1 + k + s]) > 1e-3) {
                            large.add(scaleName(s));
                        }
                    }
                }
                if (!large.isEmpty()) {
                    unbounded = List.copyOf(large);
                    break;
                }
                if (maxStep <= options.tolerance()) {
                    converged = true;
                    break;
                }
            }
            double[] penalised = information.clone();
            for (int j = 0; j < k; j++) {
                penalised[(1 + j) * q + 1 + j] += penalty[j];
            }
            return new Result(theta, ll, penalised, iteration, converged, unbounded, toUser(lastStep, 0));
        }

        private String scaleName(int s) {
            return strata == 1 ? LOG_SCALE : LOG_SCALE + " stratum " + stratumLabels[s];
        }

        private ModelFitException singularInFit(int k) {
            return new ModelFitException("the " + distribution.rName + " fit's information matrix is singular: the "
                    + "covariates " + names.subList(0, k) + " are collinear (one is a combination of others)",
                    List.of(ModelFitException.Remedy.PENALIZER), "leave a redundant covariate out");
        }

        private static double penaltyValue(double[] penalty, double[] theta) {
            double sum = 0.0;
            for (int j = 0; j < penalty.length; j++) {
                sum += 0.5 * penalty[j] * theta[1 + j] * theta[1 + j];
            }
            return sum;
        }
    }

    /**
     * P(Z &gt; z) for any z: erfc between −8 and 8, φ(z) R(z) above (R Mills' ratio) and 1 − φ(z) R(−z)
     * below (where erfc's fraction would not converge for |z| beyond about 10⁸).
     */
    static double normalUpperTail(double z) {
        if (z > 8.0) {
            return Distributions.normalDensity(z) * millsRatio(z);
        }
        if (z < -8.0) {
            return 1.0 - Distributions.normalDensity(z) * millsRatio(-z);
        }
        return Distributions.normalUpperTail(z);
    }

    /**
     * Mills' ratio Q(z)/φ(z) for z ≥ 8 by its continued fraction 1/(z + 1/(z + 2/(z + 3/(z + …))))
     * (Abramowitz &amp; Stegun 26.2.14), 60 terms (relative error far below 1e-16 for z ≥ 8).
     */
    static double millsRatio(double z) {
        double tail = z;
        for (int k = 60; k >= 1; k--) {
            tail = z + k / tail;
        }
        return 1.0 / tail;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    // ---------------------------------------------------------------------------------------------------
    // parameters

    /** The distribution of the model. */
    public Distribution distribution() {
        return distribution;
    }

    /** The data the model was fitted to. */
    public SurvivalData data() {
        return data;
    }

    @Override
    public List<String> covariateNames() {
        return data.covariateNames();
    }

    /**
     * The names of all parameters, in the order of {@link #parameters()} and {@link #fullCovariance()}:
     * {@code (Intercept)}, the covariates, {@code Log(scale)} (or {@code Log(scale) stratum s} per stratum).
     */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** A copy of all parameters (β₀, β, log σ per stratum), in the order of {@link #parameterNames()}. */
    public double[] parameters() {
        return theta.clone();
    }

    @Override
    public int rows() {
        return data.rows();
    }

    @Override
    public int events() {
        return data.events();
    }

    /** The intercept β₀: log of the time scale of a customer with all covariates 0. */
    public double intercept() {
        return theta[0];
    }

    /** A copy of the coefficients β of the covariates (without the intercept), per unit of each covariate. */
    @Override
    public double[] coefficients() {
        return Arrays.copyOfRange(theta, 1, 1 + p);
    }

    /**
     * The coefficient βⱼ of covariate {@code name}.
     *
     * @throws InvalidArgumentException if there is no such covariate
     */
    public double coefficient(String name) {
        return theta[1 + data.indexOf(name)];
    }

    /**
     * The parameter {@code name} (one of {@link #parameterNames()}) with its standard error (robust where
     * the data have clusters), normal.
     *
     * @throws InvalidArgumentException if there is no such parameter
     * @throws UndefinedResultException if the parameter is unbounded (the fit diverged)
     */
    public Estimate parameterEstimate(String name) {
        int a = parameterIndex(name);
        double variance = fullCovarianceView()[a][a];
        if (!Double.isFinite(variance)) {
            throw new UndefinedResultException("the parameter '" + name + "' is unbounded (the fit diverged)");
        }
        return Estimate.normal(theta[a], Math.sqrt(variance));
    }

    /**
     * The coefficient of covariate {@code name} with its standard error.
     *
     * @throws InvalidArgumentException if there is no such covariate
     * @throws UndefinedResultException if the coefficient is unbounded
     */
    @Override
    public Estimate estimate(String name) {
        data.indexOf(name);
        return parameterEstimate(name);
    }

    private int parameterIndex(String name) {
        Checks.notNull(name, "name");
        int a = parameterNames.indexOf(name);
        if (a < 0) {
            throw InvalidArgumentException.of("name", "one of the parameters " + parameterNames, name);
        }
        return a;
    }

    /**
     * The scale σ of an unstratified model (1/σ is the Weibull shape).
     *
     * @throws InvalidArgumentException if the model is stratified (use {@link #scale(int)})
     */
    public double scale() {
        return Math.exp(theta[1 + p + unstratified()]);
    }

    /**
     * The scale σₛ of stratum {@code stratum}.
     *
     * @throws InvalidArgumentException if the stratum is not one of the model's
     */
    public double scale(int stratum) {
        return Math.exp(theta[1 + p + stratumIndex(stratum)]);
    }

    /** The stratum labels of the model ({0} without strata), ascending. */
    public int[] strata() {
        return strata.clone();
    }

    /**
     * The Weibull shape k = 1/σ of an unstratified Weibull model.
     *
     * @throws UndefinedResultException if the model is not Weibull
     * @throws InvalidArgumentException if the model is stratified
     */
    public double shape() {
        requireWeibull("shape");
        return 1.0 / scale();
    }

    /** The time ratio exp(βⱼ): the factor on every quantile of lifetime of one unit more of {@code name}. */
    public double timeRatio(String name) {
        return Math.exp(coefficient(name));
    }

    /** The interval exp(βⱼ ± z SE) of the time ratio of {@code name} at {@code confidence}. */
    public ConfidenceInterval timeRatioInterval(String name, double confidence) {
        ConfidenceInterval ci = estimate(name).confidenceInterval(confidence);
        return new ConfidenceInterval(Math.exp(ci.low()), Math.exp(ci.high()), confidence);
    }

    /**
     * The coefficient γⱼ = −βⱼ/σ of {@code name} in the proportional-hazards form of an unstratified
     * Weibull model (the log hazard ratio, as a Cox model's coefficient), with its delta-method standard
     * error √(Vββ/σ² − 2 βⱼ V_βτ/σ² + βⱼ² V_ττ/σ²), τ = log σ.
     *
     * @throws UndefinedResultException if the model is not Weibull, or the coefficient is unbounded
     * @throws InvalidArgumentException if there is no such covariate or the model is stratified
     */
    public Estimate hazardCoefficient(String name) {
        requireWeibull("hazard ratio");
        int a = 1 + data.indexOf(name);
        int t = 1 + p + unstratified();
        double sigma = Math.exp(theta[t]);
        double b = theta[a];
        double[][] v = fullCovarianceView();
        double variance = (v[a][a] - 2.0 * b * v[a][t] + b * b * v[t][t]) / (sigma * sigma);
        if (!Double.isFinite(variance)) {
            throw new UndefinedResultException("the coefficient of '" + name + "' is unbounded (the fit diverged)");
        }
        return Estimate.normal(-b / sigma, Math.sqrt(Math.max(0.0, variance)));
    }

    /** The hazard ratio exp(−βⱼ/σ) of one unit more of {@code name} in an unstratified Weibull model. */
    public double hazardRatio(String name) {
        requireWeibull("hazard ratio");
        return Math.exp(-coefficient(name) / scale());
    }

    /** The interval exp(γⱼ ± z SE) of the {@link #hazardRatio hazard ratio}, γⱼ = −βⱼ/σ (delta method). */
    public ConfidenceInterval hazardRatioInterval(String name, double confidence) {
        ConfidenceInterval ci = hazardCoefficient(name).confidenceInterval(confidence);
        return new ConfidenceInterval(Math.exp(ci.low()), Math.exp(ci.high()), confidence);
    }

    private void requireWeibull(String what) {
        if (distribution != Distribution.WEIBULL) {
            throw new UndefinedResultException("the " + what + " of the proportional-hazards form is defined for a Weibull "
                    + "model only, not " + distribution.rName);
        }
    }

    private int unstratified() {
        if (strata.length != 1) {
            throw InvalidArgumentException.of("stratum", "given: the model has strata " + Arrays.toString(strata), "none");
        }
        return 0;
    }

    private int stratumIndex(int stratum) {
        int s = Arrays.binarySearch(strata, stratum);
        if (s < 0) {
            throw InvalidArgumentException.of("stratum", "one of " + Arrays.toString(strata), stratum);
        }
        return s;
    }

    // ---------------------------------------------------------------------------------------------------
    // inference

    /**
     * The model-based covariance of all parameters (β₀, β, log σ), the inverse of the observed (penalised)
     * information, in the order of {@link #parameterNames()} (R's {@code vcov(fit)} without clusters).
     */
    public double[][] naiveCovariance() {
        return copy(naiveCovariance);
    }

    /**
     * The covariance of all parameters (β₀, β, log σ), in the order of {@link #parameterNames()}: robust
     * (sandwich) where the data have clusters, else {@link #naiveCovariance()}.
     */
    public double[][] fullCovariance() {
        return copy(fullCovarianceView());
    }

    private double[][] fullCovarianceView() {
        return robust != null ? robust : naiveCovariance;
    }

    /** The covariance of the covariates' coefficients β (without intercept and scale); see {@link #fullCovariance()}. */
    @Override
    public double[][] covariance() {
        double[][] v = fullCovarianceView();
        double[][] c = new double[p][p];
        for (int a = 0; a < p; a++) {
            System.arraycopy(v[1 + a], 1, c[a], 0, p);
        }
        return c;
    }

    /** The maximised log-likelihood ℓ (R's {@code fit$loglik[2]}; without the penalty). */
    @Override
    public double logLikelihood() {
        return logLikelihood;
    }

    /** The maximised log-likelihood ℓ₀ of the intercept-only model with the same strata (R's {@code fit$loglik[1]}). */
    public double nullLogLikelihood() {
        return nullLogLikelihood;
    }

    /**
     * The likelihood-ratio test of β = 0 against the intercept-only model: 2(ℓ − ℓ₀) on p df.
     *
     * @throws UndefinedResultException if the model has no covariate
     */
    public ChiSquareTest likelihoodRatioTest() {
        if (p == 0) {
            throw new UndefinedResultException("the likelihood-ratio test is undefined: the model has no covariate");
        }
        return new ChiSquareTest("likelihood ratio", Math.max(0.0, 2.0 * (logLikelihood - nullLogLikelihood)), p);
    }

    /**
     * The Wald test of β = 0: β̂ᵀ V⁻¹ β̂ with V the {@link #covariance()}, on p df.
     *
     * @throws UndefinedResultException if the model has no covariate or the covariance is singular
     */
    public ChiSquareTest waldTest() {
        if (p == 0) {
            throw new UndefinedResultException("the Wald test is undefined: the model has no covariate");
        }
        double[][] inverse = Matrices.inverse(covariance());
        if (inverse == null) {
            throw new UndefinedResultException("the Wald test is undefined: the covariance is singular");
        }
        double sum = 0.0;
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                sum += theta[1 + a] * inverse[a][b] * theta[1 + b];
            }
        }
        return new ChiSquareTest("Wald", Math.max(0.0, sum), p);
    }

    /** The Newton iterations of the full model's fit. */
    public int iterations() {
        return iterations;
    }

    @Override
    public boolean converged() {
        return converged;
    }

    /** The parameters that ran off (divergent likelihood); empty for a proper fit. */
    public List<String> unboundedParameters() {
        return unbounded;
    }

    /**
     * Harrell's concordance C of the risk scores −xᵀβ̂ with the observed lifetimes, over all pairs of rows
     * whose order of churn is known (the earlier an event, the other still at risk then; a customer
     * censored at the churn time counts as later; tied churn times are not comparable), weighted by the
     * product of their weights, ties in score counting ½; pairs within a stratum only where the model has
     * strata (R's {@code concordance(fit)}, which takes the strata of the scales).
     *
     * @throws UndefinedResultException if no pair is comparable
     */
    @Override
    public synchronized double concordance() {
        if (concordanceCounts == null) {
            double[] scores = new double[data.rows()];
            for (int i = 0; i < scores.length; i++) {
                double dot = 0.0;
                for (int j = 0; j < p; j++) {
                    dot += theta[1 + j] * data.columns[j][i];
                }
                scores[i] = -dot;
            }
            SurvivalData byScore = SurvivalData.of(data.stop, data.event).withCovariate("risk", scores);
            if (data.weight != null) {
                byScore = byScore.withWeights(data.weight);
            }
            if (data.stratum != null) {
                byScore = byScore.withStrata(data.stratum);
            }
            CoxRiskSets sets = new CoxRiskSets(byScore, false);
            sets.linearPredictors(new double[] {1.0});
            concordanceCounts = sets.concordanceCounts();
        }
        double total = concordanceCounts[0] + concordanceCounts[1] + concordanceCounts[2];
        if (!(total > 0.0)) {
            throw new UndefinedResultException("the concordance is undefined: no pair of customers is comparable");
        }
        return (concordanceCounts[0] + 0.5 * concordanceCounts[2]) / total;
    }

    // ---------------------------------------------------------------------------------------------------
    // prediction (no allocation)

    /** The risk score −xᵀβ̂: the higher, the shorter the customer's expected lifetime. */
    @Override
    public double riskScore(double... x) {
        checkCovariates(x);
        double dot = 0.0;
        for (int j = 0; j < p; j++) {
            dot += theta[1 + j] * x[j];
        }
        return -dot;
    }

    /** The linear predictor η = β₀ + xᵀβ̂, the location of log T. */
    public double linearPredictor(double... x) {
        return theta[0] - riskScore(x);
    }

    /**
     * S(t | x) = S_W((log t − η)/σ) of an unstratified model.
     *
     * @throws InvalidArgumentException if the model is stratified, x has another length or a value that is
     *     not finite, or t is negative or not finite
     */
    @Override
    public double survival(double t, double... x) {
        return survivalAt(unstratified(), t, x);
    }

    /** S(t | x) in stratum {@code stratum} (its scale). */
    public double survivalInStratum(int stratum, double t, double... x) {
        return survivalAt(stratumIndex(stratum), t, x);
    }

    private double survivalAt(int s, double t, double[] x) {
        double eta = linearPredictor(x);
        Checks.nonNegative(t, "t");
        Checks.finite(t, "t");
        if (t == 0.0) {
            return 1.0;
        }
        double z = (Math.log(t) - eta) * inverseScales[s];
        return distribution.survival(z);
    }

    @Override
    public double churnProbability(double horizon, double... x) {
        return 1.0 - survival(horizon, x);
    }

    /** The probability 1 − S(horizon | x) in stratum {@code stratum}. */
    public double churnProbabilityInStratum(int stratum, double horizon, double... x) {
        return 1.0 - survivalInStratum(stratum, horizon, x);
    }

    /**
     * The time by which a share {@code p} of customers like x have churned, exp(η + σ w_p) (R's
     * {@code predict(fit, type = "quantile", p = p)}), in an unstratified model.
     *
     * @throws InvalidArgumentException if p is not in (0, 1), the model is stratified, or x is invalid
     */
    public double quantile(double p, double... x) {
        return quantileAt(unstratified(), p, x);
    }

    /** The p-quantile of lifetime in stratum {@code stratum}. */
    public double quantileInStratum(int stratum, double p, double... x) {
        return quantileAt(stratumIndex(stratum), p, x);
    }

    private double quantileAt(int s, double share, double[] x) {
        double eta = linearPredictor(x);
        if (!(share > 0.0 && share < 1.0)) {
            throw InvalidArgumentException.of("p", "in (0, 1)", share);
        }
        return Math.exp(eta + Math.exp(theta[1 + p + s]) * distribution.quantile(share));
    }

    /** The median lifetime exp(η + σ w₀.₅) of an unstratified model. */
    public double medianLifetime(double... x) {
        return quantile(0.5, x);
    }

    /**
     * The mean lifetime E[T | x] of an unstratified model: e^η Γ(1 + σ) (Weibull), exp(η + σ²/2)
     * (log-normal), e^η πσ/sin(πσ) (log-logistic).
     *
     * @throws UndefinedResultException for a log-logistic model with σ ≥ 1 (the mean is infinite)
     */
    public double meanLifetime(double... x) {
        return meanAt(unstratified(), x);
    }

    /** The mean lifetime in stratum {@code stratum}; see {@link #meanLifetime}. */
    public double meanLifetimeInStratum(int stratum, double... x) {
        return meanAt(stratumIndex(stratum), x);
    }

    private double meanAt(int s, double[] x) {
        double eta = linearPredictor(x);
        double sigma = Math.exp(theta[1 + p + s]);
        return switch (distribution) {
            case WEIBULL -> Math.exp(eta + SpecialFunctions.logGamma(1.0 + sigma));
            case LOG_NORMAL -> Math.exp(eta + 0.5 * sigma * sigma);
            case LOG_LOGISTIC -> {
                if (!(sigma < 1.0)) {
                    throw new UndefinedResultException("the mean lifetime of a log-logistic model with scale "
                            + sigma + " >= 1 is infinite");
                }
                yield Math.exp(eta) * Math.PI * sigma / Math.sin(Math.PI * sigma);
            }
        };
    }

    /**
     * The expected remaining lifetime E[T − t | T &gt; t, x] = ∫ₜ^∞ S(u | x) du / S(t | x) of a customer
     * still there at tenure t, in an unstratified model (at t = 0 the {@link #meanLifetime mean lifetime}),
     * with λ = e^η, z = (log t − η)/σ:
     * <ul>
     *   <li>Weibull: λ Γ(1 + σ) Q(σ, eᶻ) / exp(−eᶻ), Q the regularized upper incomplete gamma function
     *       (∫ₜ^∞ S du by the substitution v = (u/λ)^(1/σ)); beyond eᶻ = 500 its asymptotic series
     *       λ σ e^(z(σ−1)) (1 + (σ−1)/x + (σ−1)(σ−2)/x² + (σ−1)(σ−2)(σ−3)/x³), x = eᶻ;</li>
     *   <li>log-normal: e^(η+σ²/2) Q(z − σ)/Q(z) − t (Q the normal upper tail; the partial expectation of a
     *       log-normal), or t (R(z − σ)/R(z) − 1) with Mills' ratio R where z − σ &gt; 8;</li>
     *   <li>log-logistic: λ σ π/sin(πσ) I_{S(t)}(1 − σ, σ) / S(t), I the regularized incomplete beta function
     *       (∫ₜ^∞ S du by the substitution s = S(u)); finite for σ &lt; 1 only.</li>
     * </ul>
     *
     * @throws InvalidArgumentException if t is negative or not finite, the model is stratified, or x is invalid
     * @throws UndefinedResultException for a log-logistic model with σ ≥ 1 (the mean is infinite)
     */
    public double expectedRemainingLifetime(double t, double... x) {
        return remainingAt(unstratified(), t, x);
    }

    /** The expected remaining lifetime at tenure t in stratum {@code stratum}; see {@link #expectedRemainingLifetime}. */
    public double expectedRemainingLifetimeInStratum(int stratum, double t, double... x) {
        return remainingAt(stratumIndex(stratum), t, x);
    }

    private double remainingAt(int s, double t, double[] x) {
        double eta = linearPredictor(x);
        Checks.nonNegative(t, "t");
        Checks.finite(t, "t");
        if (t == 0.0) {
            return meanAt(s, x);
        }
        double sigma = Math.exp(theta[1 + p + s]);
        double z = (Math.log(t) - eta) * inverseScales[s];
        double lambda = Math.exp(eta);
        switch (distribution) {
            case WEIBULL -> {
                double v = Math.exp(z);
                if (v > 500.0) {
                    double a = sigma - 1.0;
                    double series = 1.0 + a / v * (1.0 + (a - 1.0) / v * (1.0 + (a - 2.0) / v));
                    return lambda * sigma * Math.exp(z * a) * series;
                }
                return lambda * Math.exp(SpecialFunctions.logGamma(1.0 + sigma) + v)
                        * SpecialFunctions.regularizedGammaQ(sigma, v);
            }
            case LOG_NORMAL -> {
                if (z - sigma > 8.0) {
                    return t * (millsRatio(z - sigma) / millsRatio(z) - 1.0);
                }
                return Math.exp(eta + 0.5 * sigma * sigma) * normalUpperTail(z - sigma) / normalUpperTail(z) - t;
            }
            case LOG_LOGISTIC -> {
                if (!(sigma < 1.0)) {
                    throw new UndefinedResultException("the expected remaining lifetime of a log-logistic model with "
                            + "scale " + sigma + " >= 1 is infinite");
                }
                double e = Math.exp(-Math.abs(z));
                double survival = z > 0 ? e / (1.0 + e) : 1.0 / (1.0 + e);
                double complement = z > 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
                return lambda * sigma * Math.PI / Math.sin(Math.PI * sigma)
                        * SpecialFunctions.regularizedBeta(survival, complement, 1.0 - sigma, sigma) / survival;
            }
            default -> throw new AssertionError(distribution);
        }
    }

    private void checkCovariates(double[] x) {
        Checks.notNull(x, "x");
        if (x.length != p) {
            throw InvalidArgumentException.of("x", p + " covariates " + data.names, x.length + " values");
        }
        for (double v : x) {
            Checks.finite(v, "x");
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // presentation

    /**
     * The coefficient table, as R's {@code summary(survreg)}: parameter, coef, exp(coef) (the time ratio;
     * for {@code Log(scale)} the scale), se(coef), the robust se where the data have clusters, z, p and the
     * 95 % interval of exp(coef) (z, p and interval from the robust se where there is one).
     */
    @Override
    public Table toTable() {
        boolean clustered = robust != null;
        Table.Builder builder = Table.builder()
                .title("Accelerated failure time (" + distribution.rName + "): " + rows() + " rows, " + events()
                        + " events, log-likelihood " + Formatting.decimal(logLikelihood, 4))
                .column("parameter").numberColumn("coef").numberColumn("exp(coef)").numberColumn("se(coef)");
        if (clustered) {
            builder.numberColumn("robust se");
        }
        builder.numberColumn("z").numberColumn("p").numberColumn("lower 95%").numberColumn("upper 95%");
        double[][] v = fullCovarianceView();
        double z95 = Distributions.normalCriticalValue(0.95);
        for (int a = 0; a < theta.length; a++) {
            double se = Math.sqrt(v[a][a]);
            double naive = Math.sqrt(naiveCovariance[a][a]);
            double z = theta[a] / se;
            List<Object> cells = new ArrayList<>();
            cells.add(parameterNames.get(a));
            cells.add(Formatting.decimal(theta[a], 6));
            cells.add(Formatting.decimal(Math.exp(theta[a]), 6));
            cells.add(Formatting.decimal(naive, 6));
            if (clustered) {
                cells.add(Formatting.decimal(se, 6));
            }
            boolean finite = Double.isFinite(se);
            cells.add(finite ? Formatting.decimal(z, 4) : null);
            cells.add(finite ? ChiSquareTest.formatP(Distributions.normalTwoSidedP(z)) : null);
            cells.add(finite ? Formatting.decimal(Math.exp(theta[a] - z95 * se), 6) : null);
            cells.add(finite ? Formatting.decimal(Math.exp(theta[a] + z95 * se), 6) : null);
            builder.row(cells.toArray());
        }
        return builder.build();
    }

    /**
     * The proportional-hazards form of an unstratified Weibull model, as a Cox model's table: covariate,
     * coef γⱼ = −βⱼ/σ, exp(coef) (the hazard ratio), se(coef) (delta method), z, p and the 95 % interval of
     * the hazard ratio; the title gives the shape 1/σ.
     *
     * @throws UndefinedResultException if the model is not Weibull
     * @throws InvalidArgumentException if the model is stratified
     */
    public Table hazardRatioTable() {
        double shape = shape();
        Table.Builder builder = Table.builder()
                .title("Weibull proportional hazards: shape " + Formatting.decimal(shape, 6) + ", " + rows() + " rows, "
                        + events() + " events")
                .column("covariate").numberColumn("coef").numberColumn("exp(coef)").numberColumn("se(coef)")
                .numberColumn("z").numberColumn("p").numberColumn("lower 95%").numberColumn("upper 95%");
        double z95 = Distributions.normalCriticalValue(0.95);
        for (String name : data.names) {
            double se;
            double gamma;
            try {
                Estimate e = hazardCoefficient(name);
                se = e.standardError();
                gamma = e.value();
            } catch (UndefinedResultException unbounded) {
                se = Double.NaN;
                gamma = -coefficient(name) / scale();
            }
            boolean finite = Double.isFinite(se);
            double z = gamma / se;
            builder.row(name, Formatting.decimal(gamma, 6), Formatting.decimal(Math.exp(gamma), 6),
                    finite ? Formatting.decimal(se, 6) : null, finite ? Formatting.decimal(z, 4) : null,
                    finite ? ChiSquareTest.formatP(Distributions.normalTwoSidedP(z)) : null,
                    finite ? Formatting.decimal(Math.exp(gamma - z95 * se), 6) : null,
                    finite ? Formatting.decimal(Math.exp(gamma + z95 * se), 6) : null);
        }
        return builder.build();
    }

    /**
     * Reads, e.g., {@code "AftModel (weibull): 228 rows, 165 events, (Intercept) 6.274853, age -0.012257,
     * sex 0.382085, scale 0.754051, log-likelihood -1147.0544 (intercept only -1153.8512), 6 iterations"}.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("AftModel (" + distribution.rName + "): " + rows() + " rows, " + events()
                + " events");
        for (int a = 0; a <= p; a++) {
            text.append(", ").append(parameterNames.get(a)).append(' ').append(Formatting.decimal(theta[a], 6));
        }
        for (int s = 0; s < strata.length; s++) {
            text.append(strata.length == 1 ? ", scale " : ", scale[" + strata[s] + "] ")
                    .append(Formatting.decimal(Math.exp(theta[1 + p + s]), 6));
        }
        text.append(", log-likelihood ").append(Formatting.decimal(logLikelihood, 4)).append(" (intercept only ")
                .append(Formatting.decimal(nullLogLikelihood, 4)).append("), ").append(iterations).append(" iterations");
        if (!converged) {
            text.append(", NOT CONVERGED").append(unbounded.isEmpty() ? "" : " (unbounded " + unbounded + ")");
        }
        return text.toString();
    }
}
