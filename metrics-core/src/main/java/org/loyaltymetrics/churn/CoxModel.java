package org.loyaltymetrics.churn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Distributions;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.optim.Matrices;
import org.loyaltymetrics.stats.ChiSquareTest;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.model.ModelFitException;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.table.Table;

/**
 * The Cox proportional-hazards model of churn (Cox 1972): a customer with covariates x churns at hazard
 * λ(t | x) = λ₀ₛ(t) exp(xᵀβ), λ₀ₛ an unspecified baseline hazard of the customer's stratum s. β is fitted
 * by maximising the partial likelihood, the product over churn times of the churner's share of the
 * risk of those still at risk then, with case weights, strata and counting-process rows (start, stop]
 * for covariates that change over time (Andersen &amp; Gill 1982), as R's {@code coxph} (Therneau &amp;
 * Grambsch 2000, "Modeling Survival Data", ch. 3). Tied churn times ({@link Ties}): Efron's
 * approximation (1977, JASA 72, the default, as R) or Breslow's (1974).
 *
 * <p><b>Fit.</b> Newton–Raphson from β = 0 with step halving (a step that lowers the likelihood is
 * halved), on covariates centred at their means; it stops when every step, in units of the covariate's
 * standard deviation, is at most the {@link FitOptions#tolerance() tolerance} (1e-9 by default). A
 * {@link FitOptions#penalizer() penalizer} λ maximises ℓ(β) − N λ Σ (βⱼ sⱼ)², sⱼ the standard
 * deviation of covariate j and N the number of rows (the {@link FitOptions} convention of −ℓ/N + λ Σ θ²
 * with θ the per-SD coefficients), a ridge that keeps coefficients finite. <b>Monotone likelihood.</b>
 * Where a covariate (or a combination) separates the churners from those at risk, the partial
 * likelihood rises toward a limit as a coefficient grows without bound (Bryson &amp; Johnson 1981): no
 * finite maximum exists. The fit detects it (a coefficient beyond 25 per standard deviation, or the
 * likelihood flat to 1e-12 relative while the steps stay above 1e-3) and throws a
 * {@link ModelFitException} naming the covariates, whose remedy is a penalizer; with
 * {@link FitOptions#allowingNonConvergence()} it returns the last point instead, with
 * {@link #converged()} false and the covariates in {@link #unboundedCovariates()}. It never reports an
 * infinite coefficient as converged.
 *
 * <p><b>Inference.</b> The covariance is the inverse of the information −∂²ℓ/∂β²; the robust (sandwich)
 * covariance I⁻¹ (Σ over customers of Uᶜ Uᶜᵀ) I⁻¹ sums the weighted score residuals of each cluster (Lin
 * &amp; Wei 1989), each row its own cluster without customer ids; with clusters, {@link #covariance()}
 * is the robust one, as R's {@code vcov}. Tests of β = 0: Wald βᵀ V⁻¹ β, likelihood ratio 2(ℓ(β̂) −
 * ℓ(0)), score U(0)ᵀ I(0)⁻¹ U(0), each χ² on p degrees of freedom. Hazard ratios exp(βⱼ) with intervals
 * exp(βⱼ ± z SE).
 *
 * <p><b>Prediction.</b> The Breslow estimate of the baseline cumulative hazard, Λ₀ₛ(t) = Σ over churn
 * times u ≤ t of (Σ w of the churners at u) / Σ over the risk set of w exp(xᵀβ̂) (R's {@code basehaz}
 * with {@code centered = FALSE} for a Breslow fit; {@code survfit(fit, ctype = 1)}), whatever the
 * ties; a customer's survival S(t | x) = exp(−Λ₀ₛ(t) exp(xᵀβ̂)) and churn probability 1 − S(horizon).
 * {@link #concordance()} is Harrell's C; {@link #proportionalHazardsTest()} is R's {@code cox.zph}.
 *
 * <p>This class is immutable and thread-safe (figures computed on first use are computed once, under
 * the model's lock).
 */
public final class CoxModel implements SurvivalRegression {

    /** How tied churn times enter the partial likelihood. */
    public enum Ties {
        /**
         * Efron's approximation: with d churners at a time, the risk set loses 1/d of their risk at each
         * of d steps.
         */
        EFRON,
        /** Breslow's approximation: all d churners share the whole risk set. */
        BRESLOW;

        /** The default, {@link #EFRON}, as in R's {@code coxph} and lifelines. */
        public static final Ties DEFAULT = EFRON;
    }

    /**
     * One step of the baseline cumulative hazard.
     *
     * @param stratum the stratum label (0 without strata)
     * @param time a churn time of the stratum
     * @param cumulativeHazard Λ₀ₛ(time) for covariates all 0
     */
    public record Step(int stratum, double time, double cumulativeHazard) {
    }

    private static final double UNBOUNDED_PER_SD = 25.0;

    private final SurvivalData data;
    private final List<String> names;
    private final int rows;
    private final int events;
    private final Ties ties;
    private final double[] beta;
    private final double[][] naiveCovariance;
    private final double logLikelihood;
    private final double nullLogLikelihood;
    private final ChiSquareTest scoreTest;
    private final int iterations;
    private final boolean converged;
    private final List<String> unbounded;
    private final double[] means;
    private final int[] strata;
    private final double[][] baselineTimes;
    private final double[][] baselineCentred;
    private final double meanRisk;
    private final CoxRiskSets riskSets;
    private double[][] robust;
    private double[] concordanceCounts;
    private ProportionalHazardsTest zph;

    /**
     * A fitted model; {@code data} and {@code riskSets} are null for a fit to data held in parts, whose
     * rows stay where they are.
     */
    private CoxModel(SurvivalData data, CoxRiskSets riskSets, List<String> names, int rows, int events, Ties ties,
            Newton fit, double[] means, int[] strata, double[][] baselineTimes, double[][] baselineCentred) {
        this.data = data;
        this.riskSets = riskSets;
        this.names = names;
        this.rows = rows;
        this.events = events;
        this.ties = ties;
        this.beta = fit.beta();
        this.naiveCovariance = fit.covariance();
        this.logLikelihood = fit.logLikelihood();
        this.nullLogLikelihood = fit.nullLogLikelihood();
        this.scoreTest = fit.scoreTest();
        this.iterations = fit.iterations();
        this.converged = fit.converged();
        this.unbounded = fit.unbounded();
        this.means = means.clone();
        this.strata = strata.clone();
        double dot = 0.0;
        for (int j = 0; j < beta.length; j++) {
            dot += beta[j] * means[j];
        }
        this.meanRisk = dot;
        this.baselineTimes = baselineTimes;
        this.baselineCentred = baselineCentred;
    }

    /** The in-memory fit's model, its baseline from the risk sets' groups. */
    private static CoxModel of(SurvivalData data, Ties ties, CoxRiskSets riskSets, Newton fit) {
        int[] strata = riskSets.stratumLabels;
        double[] breslow = fit.breslow();
        double[][] baselineTimes = new double[strata.length][];
        double[][] baselineCentred = new double[strata.length][];
        for (int s = 0; s < strata.length; s++) {
            int first = riskSets.groupStratumBegin[s];
            int last = riskSets.groupStratumBegin[s + 1];
            int count = 0;
            for (int g = first; g < last; g++) {
                if (riskSets.groupDeaths[g] > 0) {
                    count++;
                }
            }
            double[] times = new double[count];
            double[] cumulative = new double[count];
            double sum = 0.0;
            int i = 0;
            for (int g = last - 1; g >= first; g--) {
                if (riskSets.groupDeaths[g] > 0) {
                    sum += breslow[g];
                    times[i] = riskSets.stop[riskSets.groupBegin[g]];
                    cumulative[i++] = sum;
                }
            }
            baselineTimes[s] = times;
            baselineCentred[s] = cumulative;
        }
        return new CoxModel(data, riskSets, data.names, data.rows(), data.events(), ties, fit, riskSets.means, strata,
                baselineTimes, baselineCentred);
    }

    /** Fits the model with Efron's ties and the default {@link FitOptions}; see {@link #fit(SurvivalData, Ties, FitOptions)}. */
    public static CoxModel fit(SurvivalData data) {
        return fit(data, Ties.DEFAULT, FitOptions.defaults());
    }

    /** Fits the model with the ties {@code ties} and the default {@link FitOptions}. */
    public static CoxModel fit(SurvivalData data, Ties ties) {
        return fit(data, ties, FitOptions.defaults());
    }

    /**
     * Fits the model to {@code data} by Newton–Raphson on the partial likelihood.
     *
     * @throws InvalidArgumentException if the data have no covariate
     * @throws UndefinedResultException if the data have no rows or no churn
     * @throws ModelFitException if a covariate is constant or collinear with others, the likelihood is
     *     monotone (a covariate separates the churners; see the class comment) or the fit does not
     *     converge within the iterations, unless the options allow non-convergence
     */
    public static CoxModel fit(SurvivalData data, Ties ties, FitOptions options) {
        Checks.notNull(data, "data");
        Checks.notNull(ties, "ties");
        Checks.notNull(options, "options");
        int p = data.covariateNames().size();
        if (p == 0) {
            throw InvalidArgumentException.of("data", "rows with at least one covariate", "no covariates");
        }
        if (data.isEmpty()) {
            throw new UndefinedResultException("the Cox model is undefined on no rows");
        }
        if (data.events() == 0) {
            throw new UndefinedResultException("the Cox model is undefined without churn: none of the "
                    + data.rows() + " rows ends with an event");
        }
        CoxRiskSets rs = new CoxRiskSets(data, ties == Ties.EFRON);
        for (int j = 0; j < p; j++) {
            if (!(rs.sds[j] > 0.0)) {
                throw constant(data.names.get(j));
            }
        }
        Newton fit = newton((b, u, info, breslow) -> rs.sweep(b, null, u, info, null, breslow), rs.groups, data.names,
                data.rows(), rs.sds, options);
        return of(data, ties, rs, fit);
    }

    /**
     * Fits the model to data held in parts (the partitions of a Spark job) by the Newton–Raphson of
     * {@link #fit(SurvivalData, Ties, FitOptions)}: each evaluation of the partial likelihood at β asks
     * {@code data} for the {@link CoxTimeSums} of every row at β (summed where the rows are, merged by
     * time), and the reverse cumulative sums over time give ℓ(β), its score and its information on the
     * driver. The same start, steps, checks and stopping rule as the in-memory fit, so the same
     * coefficients, standard errors and log-likelihoods up to the rounding of the sums' order (1e-9 and
     * better), with strata, weights, counting-process rows and either ties. The model predicts, tests and
     * prints as any; what needs the rows themselves (the robust covariance, the concordance, the
     * proportional-hazards test, {@link #data()}) throws {@link UndefinedResultException}, and clusters are
     * not supported (the covariance is the naive one). The baseline hazard is taken from one more
     * evaluation at β̂.
     *
     * @throws InvalidArgumentException if the data have no covariate
     * @throws UndefinedResultException if the data have no rows or no churn
     * @throws ArithmeticException if the data have more than {@link Integer#MAX_VALUE} rows (as {@link #rows()})
     * @throws ModelFitException as {@link #fit(SurvivalData, Ties, FitOptions)}
     */
    public static CoxModel fit(PartitionedSurvivalData data, Ties ties, FitOptions options) {
        Checks.notNull(data, "data");
        Checks.notNull(ties, "ties");
        Checks.notNull(options, "options");
        List<String> names = List.copyOf(data.covariateNames());
        int p = names.size();
        if (p == 0) {
            throw InvalidArgumentException.of("data", "rows with at least one covariate", "no covariates");
        }
        if (data.rows() == 0) {
            throw new UndefinedResultException("the Cox model is undefined on no rows");
        }
        if (data.events() == 0) {
            throw new UndefinedResultException("the Cox model is undefined without churn: none of the "
                    + data.rows() + " rows ends with an event");
        }
        int rows = Math.toIntExact(data.rows());
        int events = Math.toIntExact(data.events());
        double[] means = data.means().clone();
        double[] sds = data.standardDeviations().clone();
        if (means.length != p || sds.length != p) {
            throw InvalidArgumentException.of("data", "a mean and a standard deviation per covariate (" + p + ")",
                    means.length + " means, " + sds.length + " standard deviations");
        }
        for (int j = 0; j < p; j++) {
            if (!(sds[j] > 0.0)) {
                throw constant(names.get(j));
            }
        }
        boolean efron = ties == Ties.EFRON;
        Newton fit = newton((b, u, info, breslow) -> sums(data, b, p).partialLikelihood(efron, u, info, null), 0, names,
                rows, sds, options);
        CoxTimeSums last = sums(data, fit.beta(), p);
        double[] breslow = new double[last.times()];
        last.partialLikelihood(efron, new double[p], new double[p * p], breslow);
        // per stratum (keys by stratum, then time descending), the keys with churn in ascending time
        List<Integer> labels = new ArrayList<>();
        List<double[]> times = new ArrayList<>();
        List<double[]> cumulative = new ArrayList<>();
        int key = 0;
        while (key < last.times()) {
            int end = key;
            while (end < last.times() && last.stratum(end) == last.stratum(key)) {
                end++;
            }
            int count = 0;
            for (int k = key; k < end; k++) {
                count += last.hasDeaths(k) ? 1 : 0;
            }
            if (count > 0) {
                double[] t = new double[count];
                double[] c = new double[count];
                double sum = 0.0;
                int i = 0;
                for (int k = end - 1; k >= key; k--) {
                    if (last.hasDeaths(k)) {
                        sum += breslow[k];
                        t[i] = last.time(k);
                        c[i++] = sum;
                    }
                }
                labels.add(last.stratum(key));
                times.add(t);
                cumulative.add(c);
            }
            key = end;
        }
        return new CoxModel(null, null, names, rows, events, ties, fit, means,
                labels.stream().mapToInt(Integer::intValue).toArray(), times.toArray(new double[0][]),
                cumulative.toArray(new double[0][]));
    }

    private static CoxTimeSums sums(PartitionedSurvivalData data, double[] beta, int p) {
        CoxTimeSums sums = data.sums(beta.clone());
        if (sums == null || sums.covariates() != p) {
            throw InvalidArgumentException.of("data", "sums of " + p + " covariates", sums);
        }
        return sums;
    }

    /**
     * The partial log-likelihood of a fit at β: ℓ(β), writing the score and the information (p × p,
     * row-major), and, unless null, what the baseline hazard needs (Breslow's increments per group).
     */
    @FunctionalInterface
    private interface PartialLikelihood {
        double at(double[] beta, double[] score, double[] information, double[] breslow);
    }

    /** The outcome of the Newton iterations. */
    private record Newton(double[] beta, double[][] covariance, double logLikelihood, double nullLogLikelihood,
            ChiSquareTest scoreTest, int iterations, boolean converged, List<String> unbounded, double[] breslow) {
    }

    private static ModelFitException constant(String name) {
        return new ModelFitException("the Cox fit cannot estimate the coefficient of '" + name + "': it is constant",
                List.of(), "leave the covariate out");
    }

    /**
     * Newton–Raphson with step halving from β = 0 on {@code likelihood} (see the class comment), {@code groups}
     * the length of its baseline increments, {@code sds} the covariates' standard deviations (steps and the
     * penalty are per standard deviation), {@code rows} the N of the penalty.
     */
    private static Newton newton(PartialLikelihood likelihood, int groups, List<String> names, int rows, double[] sds,
            FitOptions options) {
        int p = names.size();
        double ridge = 2.0 * options.penalizer() * rows;
        double[] penalty = new double[p];
        for (int j = 0; j < p; j++) {
            penalty[j] = ridge * sds[j] * sds[j];
        }
        double[] b = new double[p];
        double[] u = new double[p];
        double[] info = new double[p * p];
        double[] breslow = new double[groups];
        double[] candidateBreslow = new double[groups];
        double ll = likelihood.at(b, u, info, breslow);
        double nullLl = ll;
        double[][] info0 = square(info, p);
        double[][] inverse0 = Matrices.inverse(info0);
        if (inverse0 == null) {
            throw singular(names);
        }
        double score = quadratic(inverse0, u);
        ChiSquareTest scoreTest = new ChiSquareTest("score", Math.max(0.0, score), p);
        double objective = ll;
        int iteration = 0;
        boolean converged = false;
        List<String> unbounded = List.of();
        int flat = 0;
        double[] candidate = new double[p];
        double[] cu = new double[p];
        double[] cinfo = new double[p * p];
        double[] lastStep = new double[p];
        while (iteration < options.maxIterations()) {
            iteration++;
            double[][] h = square(info, p);
            double[] g = u.clone();
            for (int j = 0; j < p; j++) {
                h[j][j] += penalty[j];
                g[j] -= penalty[j] * b[j];
            }
            double[][] chol = Matrices.cholesky(h);
            if (chol == null) {
                throw singular(names);
            }
            double[] step = Matrices.solve(chol, g);
            double newObjective = Double.NaN;
            double newLl = Double.NaN;
            for (int halving = 0; halving < 60; halving++) {
                for (int j = 0; j < p; j++) {
                    candidate[j] = b[j] + step[j];
                }
                newLl = likelihood.at(candidate, cu, cinfo, candidateBreslow);
                newObjective = newLl - penaltyValue(penalty, candidate);
                if (newObjective >= objective - 1e-12 * Math.abs(objective) && Double.isFinite(newObjective)) {
                    break;
                }
                for (int j = 0; j < p; j++) {
                    step[j] *= 0.5;
                }
            }
            if (!Double.isFinite(newObjective)) {
                throw new ModelFitException("the Cox fit failed: the partial likelihood is not finite near the coefficients "
                        + Arrays.toString(b), List.of(ModelFitException.Remedy.PENALIZER), "check the covariates' scales");
            }
            double gain = newObjective - objective;
            System.arraycopy(candidate, 0, b, 0, p);
            System.arraycopy(cu, 0, u, 0, p);
            System.arraycopy(cinfo, 0, info, 0, p * p);
            double[] swap = breslow;
            breslow = candidateBreslow;
            candidateBreslow = swap;
            System.arraycopy(step, 0, lastStep, 0, p);
            objective = newObjective;
            ll = newLl;
            double maxStep = 0.0;
            List<String> large = new ArrayList<>();
            for (int j = 0; j < p; j++) {
                maxStep = Math.max(maxStep, Math.abs(step[j]) * sds[j]);
                if (Math.abs(b[j]) * sds[j] > UNBOUNDED_PER_SD) {
                    large.add(names.get(j));
                }
            }
            flat = gain <= 1e-12 * Math.max(1.0, Math.abs(objective)) && maxStep > 1e-3 ? flat + 1 : 0;
            if (flat >= 3 && large.isEmpty()) {
                for (int j = 0; j < p; j++) {
                    if (Math.abs(step[j]) * sds[j] > 1e-3) {
                        large.add(names.get(j));
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
        if (!unbounded.isEmpty() && options.requireConvergence()) {
            throw new ModelFitException("monotone likelihood: the Cox partial likelihood keeps rising as the coefficient of "
                    + unbounded + " grows without bound (after " + iteration + " iterations, coefficients "
                    + Arrays.toString(b) + "), so it has no finite maximum; the covariate separates the customers who "
                    + "churned from those still at risk", List.of(ModelFitException.Remedy.PENALIZER),
                    "check whether " + unbounded + " is recorded after the churn it predicts, or merge its rare levels");
        }
        if (!converged && unbounded.isEmpty() && options.requireConvergence()) {
            throw new ModelFitException("the Cox fit did not converge in " + options.maxIterations()
                    + " iterations (last step " + Arrays.toString(lastStep) + ")",
                    List.of(ModelFitException.Remedy.MORE_ITERATIONS, ModelFitException.Remedy.PENALIZER), "");
        }
        double[][] h = square(info, p);
        for (int j = 0; j < p; j++) {
            h[j][j] += penalty[j];
        }
        double[][] covariance = Matrices.inverse(h);
        if (covariance == null) {
            if (!unbounded.isEmpty()) {
                covariance = new double[p][p];
                for (int j = 0; j < p; j++) {
                    covariance[j][j] = Double.POSITIVE_INFINITY;
                }
            } else {
                throw singular(names);
            }
        }
        return new Newton(b, covariance, ll, nullLl, scoreTest, iteration, converged, unbounded, breslow);
    }

    private static ModelFitException singular(List<String> names) {
        return new ModelFitException("the Cox fit's information matrix is singular: the covariates " + names
                + " are collinear (one is a combination of others) or do not vary among the customers at risk when "
                + "they churn", List.of(ModelFitException.Remedy.PENALIZER), "leave a redundant covariate out");
    }

    private static double penaltyValue(double[] penalty, double[] b) {
        double sum = 0.0;
        for (int j = 0; j < b.length; j++) {
            sum += 0.5 * penalty[j] * b[j] * b[j];
        }
        return sum;
    }

    private static double[][] square(double[] flat, int p) {
        double[][] m = new double[p][p];
        for (int a = 0; a < p; a++) {
            System.arraycopy(flat, a * p, m[a], 0, p);
        }
        return m;
    }

    private static double quadratic(double[][] m, double[] v) {
        double sum = 0.0;
        for (int a = 0; a < v.length; a++) {
            for (int b = 0; b < v.length; b++) {
                sum += v[a] * m[a][b] * v[b];
            }
        }
        return sum;
    }

    /** The ties of the fit. */
    public Ties ties() {
        return ties;
    }

    /** The covariate names, in coefficient order. */
    public List<String> covariateNames() {
        return names;
    }

    /**
     * The data the model was fitted to.
     *
     * @throws UndefinedResultException if the model was fitted to data held in parts
     *     ({@link #fit(PartitionedSurvivalData, Ties, FitOptions)}), whose rows stay where they are
     */
    public SurvivalData data() {
        return requireRows("the data");
    }

    /** The number of rows fitted. */
    public int rows() {
        return rows;
    }

    /** The number of churn events fitted (unweighted). */
    public int events() {
        return events;
    }

    /** Whether the model holds the rows it was fitted to (false for a fit to data held in parts). */
    public boolean hasRows() {
        return data != null;
    }

    private SurvivalData requireRows(String figure) {
        if (data == null) {
            throw new UndefinedResultException(figure + " of a Cox model fitted to data held in parts is not kept: "
                    + "it needs the rows, which stay where they are");
        }
        return data;
    }

    private int indexOf(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            throw InvalidArgumentException.of("name", "one of the covariates " + names, name);
        }
        return index;
    }

    /** A copy of the coefficients β, per unit of each covariate. */
    public double[] coefficients() {
        return beta.clone();
    }

    /**
     * The coefficient of covariate {@code name}.
     *
     * @throws InvalidArgumentException if there is no such covariate
     */
    public double coefficient(String name) {
        return beta[indexOf(name)];
    }

    /**
     * The coefficient of {@code name} with its standard error (robust where the data have clusters), normal.
     *
     * @throws InvalidArgumentException if there is no such covariate
     * @throws UndefinedResultException if the coefficient is unbounded (monotone likelihood)
     */
    public Estimate estimate(String name) {
        int j = indexOf(name);
        double variance = covariance()[j][j];
        if (!Double.isFinite(variance)) {
            throw new UndefinedResultException("the coefficient of '" + name + "' is unbounded (monotone likelihood)");
        }
        return Estimate.normal(beta[j], Math.sqrt(variance));
    }

    /** The hazard ratio exp(βⱼ) of one unit more of covariate {@code name}. */
    public double hazardRatio(String name) {
        return Math.exp(coefficient(name));
    }

    /** The interval exp(βⱼ ± z SE) of the hazard ratio of {@code name} at {@code confidence}. */
    public ConfidenceInterval hazardRatioInterval(String name, double confidence) {
        ConfidenceInterval ci = estimate(name).confidenceInterval(confidence);
        return new ConfidenceInterval(Math.exp(ci.low()), Math.exp(ci.high()), confidence);
    }

    /** The model-based covariance I(β̂)⁻¹ (of the penalised information with a penalizer). */
    public double[][] naiveCovariance() {
        return copy(naiveCovariance);
    }

    /**
     * The robust (sandwich) covariance I⁻¹ B I⁻¹, B the sum over clusters (customers; rows without
     * customer ids are their own) of the products of their weighted score residuals.
     */
    public synchronized double[][] robustCovariance() {
        requireRows("the robust covariance");
        if (robust == null) {
            int p = beta.length;
            CoxRiskSets.GroupTerms terms = riskSets.newGroupTerms();
            riskSets.sweep(beta, null, new double[p], new double[p * p], terms);
            double[] residuals = riskSets.scoreResiduals(terms);
            double[][] middle = riskSets.clusteredScoreProducts(residuals, data.cluster);
            robust = multiply(multiply(naiveCovariance, middle), naiveCovariance);
        }
        return copy(robust);
    }

    /** The covariance of the coefficients: the robust one where the data have clusters, else the naive one. */
    public double[][] covariance() {
        return data != null && data.hasClusters() ? robustCovariance() : naiveCovariance();
    }

    /** The maximised partial log-likelihood ℓ(β̂) (without the penalty). */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** The partial log-likelihood at β = 0. */
    public double nullLogLikelihood() {
        return nullLogLikelihood;
    }

    /** The likelihood-ratio test of β = 0: 2(ℓ(β̂) − ℓ(0)) on p df. */
    public ChiSquareTest likelihoodRatioTest() {
        return new ChiSquareTest("likelihood ratio", Math.max(0.0, 2.0 * (logLikelihood - nullLogLikelihood)), beta.length);
    }

    /** The Wald test of β = 0: β̂ᵀ V⁻¹ β̂ with V the {@link #covariance()}, on p df. */
    public ChiSquareTest waldTest() {
        double[][] inverse = Matrices.inverse(covariance());
        if (inverse == null) {
            throw new UndefinedResultException("the Wald test is undefined: the covariance is singular");
        }
        return new ChiSquareTest("Wald", Math.max(0.0, quadratic(inverse, beta)), beta.length);
    }

    /** The score (log-rank) test of β = 0: U(0)ᵀ I(0)⁻¹ U(0) on p df. */
    public ChiSquareTest scoreTest() {
        return scoreTest;
    }

    /** The Newton iterations the fit took. */
    public int iterations() {
        return iterations;
    }

    /** Whether the fit converged (false only for fits allowed not to converge). */
    public boolean converged() {
        return converged;
    }

    /** The covariates whose coefficients ran off to infinity (monotone likelihood); empty for a proper fit. */
    public List<String> unboundedCovariates() {
        return unbounded;
    }

    /**
     * Harrell's concordance C: over the pairs of customers in one stratum whose order of churn is known
     * (the earlier an event, the other still at risk then; a customer censored at the churn time counts
     * as later; tied churn times are not comparable), weighted by the product of their weights, the
     * share in which the earlier churner has the higher risk xᵀβ̂, ties in risk counting ½ (R's
     * {@code concordance}).
     *
     * @throws UndefinedResultException if no pair is comparable
     */
    public synchronized double concordance() {
        requireRows("the concordance");
        if (concordanceCounts == null) {
            riskSets.linearPredictors(beta);
            concordanceCounts = riskSets.concordanceCounts();
        }
        double total = concordanceCounts[0] + concordanceCounts[1] + concordanceCounts[2];
        if (!(total > 0.0)) {
            throw new UndefinedResultException("the concordance is undefined: no pair of customers is comparable");
        }
        return (concordanceCounts[0] + 0.5 * concordanceCounts[2]) / total;
    }

    /** The linear predictor xᵀβ̂, the logarithm of the {@link #relativeRisk relative risk}. */
    @Override
    public double riskScore(double... x) {
        checkCovariates(x);
        double dot = 0.0;
        for (int j = 0; j < beta.length; j++) {
            dot += beta[j] * x[j];
        }
        return dot;
    }

    /** The relative risk exp(xᵀβ̂) of a customer with covariates {@code x} against one with all covariates 0. */
    public double relativeRisk(double... x) {
        return Math.exp(riskScore(x));
    }

    /** The steps of the Breslow baseline cumulative hazard Λ₀ₛ(t) (covariates 0), by stratum and time. */
    public List<Step> baselineCumulativeHazard() {
        List<Step> steps = new ArrayList<>();
        double scale = Math.exp(-meanRisk);
        for (int s = 0; s < strata.length; s++) {
            for (int i = 0; i < baselineTimes[s].length; i++) {
                steps.add(new Step(strata[s], baselineTimes[s][i], baselineCentred[s][i] * scale));
            }
        }
        return Collections.unmodifiableList(steps);
    }

    /**
     * S(t | x) = exp(−Λ₀(t) exp(xᵀβ̂)) for an unstratified model.
     *
     * @throws InvalidArgumentException if the model is stratified, x has another length or a value that is
     *     not finite, or t is negative or not finite
     */
    public double survival(double t, double... x) {
        if (strata.length != 1) {
            throw InvalidArgumentException.of("stratum", "given: the model has strata " + Arrays.toString(strata),
                    "none");
        }
        return survivalInStratum(strata[0], t, x);
    }

    /**
     * S(t | x) in stratum {@code stratum}.
     *
     * @throws InvalidArgumentException if the stratum is not one of the model's, x has another length or a
     *     value that is not finite, or t is negative or not finite
     */
    public double survivalInStratum(int stratum, double t, double... x) {
        int s = Arrays.binarySearch(strata, stratum);
        if (s < 0) {
            throw InvalidArgumentException.of("stratum", "one of " + Arrays.toString(strata), stratum);
        }
        checkCovariates(x);
        Checks.nonNegative(t, "t");
        Checks.finite(t, "t");
        int i = upperIndex(baselineTimes[s], t);
        if (i < 0) {
            return 1.0;
        }
        double dot = 0.0;
        for (int j = 0; j < beta.length; j++) {
            dot += beta[j] * (x[j] - means[j]);
        }
        return Math.exp(-baselineCentred[s][i] * Math.exp(dot));
    }

    /** The probability 1 − S(horizon | x) that a customer with covariates x has churned by {@code horizon}. */
    public double churnProbability(double horizon, double... x) {
        return 1.0 - survival(horizon, x);
    }

    /** The probability 1 − S(horizon | x) in stratum {@code stratum}. */
    public double churnProbabilityInStratum(int stratum, double horizon, double... x) {
        return 1.0 - survivalInStratum(stratum, horizon, x);
    }

    /** The index of the last time &lt;= t, or −1. */
    private static int upperIndex(double[] times, double t) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    private void checkCovariates(double[] x) {
        Checks.notNull(x, "x");
        if (x.length != beta.length) {
            throw InvalidArgumentException.of("x", beta.length + " covariates " + names, x.length + " values");
        }
        for (double v : x) {
            Checks.finite(v, "x");
        }
    }

    /**
     * The test of proportional hazards on the scaled Schoenfeld residuals, as R's {@code cox.zph} with
     * {@code transform = "km"} (survival 3.x; Grambsch &amp; Therneau 1994): per covariate the score test of
     * adding g(t) xⱼ to the model at β̂, and globally of adding all of them, where g(t) = 1 − Ŝ(t−) is
     * the Kaplan–Meier transform of time (left-continuous, unweighted, over all rows), centred at its mean
     * over the churn rows. Each statistic is uᵀ I⁻¹ u with u the score of the time terms and I the full
     * information of (β, γ), on 1 df per covariate and p globally.
     */
    public synchronized ProportionalHazardsTest proportionalHazardsTest() {
        requireRows("the proportional-hazards test");
        if (zph == null) {
            zph = ProportionalHazardsTest.of(this, riskSets, beta);
        }
        return zph;
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

    /**
     * The coefficient table, as R's {@code summary(coxph)}: covariate, coef, exp(coef), se(coef), the robust
     * se where the data have clusters, z, p and the 95 % interval of exp(coef) (z, p and interval from the
     * robust se where there is one).
     */
    @Override
    public Table toTable() {
        boolean clustered = data != null && data.hasClusters();
        Table.Builder builder = Table.builder()
                .title("Cox proportional hazards (" + ties.name().toLowerCase(java.util.Locale.ROOT) + " ties): "
                        + rows() + " rows, " + events() + " events, log-likelihood " + Formatting.decimal(logLikelihood, 4))
                .column("covariate").numberColumn("coef").numberColumn("exp(coef)").numberColumn("se(coef)");
        if (clustered) {
            builder.numberColumn("robust se");
        }
        builder.numberColumn("z").numberColumn("p").numberColumn("lower 95%").numberColumn("upper 95%");
        double[][] v = covariance();
        double z95 = Distributions.normalCriticalValue(0.95);
        for (int j = 0; j < beta.length; j++) {
            double se = Math.sqrt(v[j][j]);
            double naive = Math.sqrt(naiveCovariance[j][j]);
            double z = beta[j] / se;
            List<Object> cells = new ArrayList<>();
            cells.add(names.get(j));
            cells.add(Formatting.decimal(beta[j], 6));
            cells.add(Formatting.decimal(Math.exp(beta[j]), 6));
            cells.add(Formatting.decimal(naive, 6));
            if (clustered) {
                cells.add(Formatting.decimal(se, 6));
            }
            boolean finite = Double.isFinite(se);
            cells.add(finite ? Formatting.decimal(z, 4) : null);
            cells.add(finite ? ChiSquareTest.formatP(Distributions.normalTwoSidedP(z)) : null);
            cells.add(finite ? Formatting.decimal(Math.exp(beta[j] - z95 * se), 6) : null);
            cells.add(finite ? Formatting.decimal(Math.exp(beta[j] + z95 * se), 6) : null);
            builder.row(cells.toArray());
        }
        return builder.build();
    }

    /**
     * Reads, e.g., {@code "CoxModel (efron ties): 228 rows, 165 events, age 0.017045, sex -0.513219,
     * log-likelihood -742.8482 (null -749.9098), 4 iterations"}.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("CoxModel (" + ties.name().toLowerCase(java.util.Locale.ROOT) + " ties): "
                + rows() + " rows, " + events() + " events");
        for (int j = 0; j < beta.length; j++) {
            text.append(", ").append(names.get(j)).append(' ').append(Formatting.decimal(beta[j], 6));
        }
        text.append(", log-likelihood ").append(Formatting.decimal(logLikelihood, 4)).append(" (null ")
                .append(Formatting.decimal(nullLogLikelihood, 4)).append("), ").append(iterations).append(" iterations");
        if (!converged) {
            text.append(", NOT CONVERGED").append(unbounded.isEmpty() ? "" : " (unbounded " + unbounded + ")");
        }
        return text.toString();
    }
}
