package org.loyaltymetrics.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.loyaltymetrics.internal.optim.Bfgs;
import org.loyaltymetrics.internal.optim.Derivatives;
import org.loyaltymetrics.internal.optim.Matrices;
import org.loyaltymetrics.internal.optim.Objective;
import org.loyaltymetrics.model.ModelFitException.Remedy;

/**
 * The fitting procedure shared by every model: maximum likelihood over the logarithms u = ln θ of the
 * positive parameters, by BFGS and then up to three Newton steps on the Hessian where BFGS stopped (the
 * likelihood's analytic Hessian where it has one, BG/NBD and MBG/NBD; else central differences of the
 * gradient, its 2n gradients evaluated in parallel); the covariance from the Hessian transformed back to
 * θ. BFGS starts from the inverse of the analytic Hessian at the start values where that is positive
 * definite (for a model with covariates without an analytic Hessian, the Hessian by central differences of
 * the gradient; else from the identity, scaled after the first step). On data of 65,536 distinct rows or more,
 * BFGS starts instead where a fit to a sample of about 16,384 of them (every k-th row) ends, with that
 * fit's approximation of the inverse Hessian: a handful of iterations on the whole data instead of twenty
 * or thirty, and the same maximum. Then the maximum is verified, so that a fit never reports
 * convergence on a flat likelihood or one whose supremum lies on the boundary of the parameter space:
 * <ol>
 * <li>the gradient is below the tolerance ({@link FitOptions}) and no parameter has moved more than a
 * factor e¹⁸ from its start (else the parameter "ran off": the likelihood has no maximum at finite
 * parameters);</li>
 * <li>the observed information (the Hessian of the objective) is positive definite (where it is not and
 * a parameter has moved more than e⁹ from its start, with the likelihood no lower e² further out, that
 * parameter ran off);</li>
 * <li>along each of its eigenvectors, each axis and the diagonals of each pair of the model's own parameters
 * (not of the covariates' coefficients of a model with covariates), both ways,
 * the objective is evaluated at growing distances in ln θ, from where the quadratic model predicts a
 * fall of 19.2 (unless that is closer than 1/8, where the model is trusted: a large sample's sharp
 * maximum costs no evaluation) up to 16 (a factor e¹⁶ ≈ 9 million in the parameters): no point may be higher than the
 * maximum (if one is, the fit restarts from it, at most three times), and the log-likelihood must fall
 * by at least χ²₁,₀.₉₅/2 ≈ 1.92 below the maximum within that distance, so that the 95 %
 * likelihood-ratio interval of every direction is bounded. A likelihood that stays within 1.92 of its
 * maximum 9 million times further along some direction does not identify the parameters (one period of
 * sBG survivors fits every α, β with the same β/(α + β); a cohort that hardly churns fits the
 * geometric model at the boundary α, β → ∞ almost as well as any heterogeneous one). The directions
 * are probed in parallel (on the fork-join pool the fit runs in, else the common pool) and their
 * outcomes read in order, so that the answer does not depend on the number of cores.</li>
 * </ol>
 * A fit that fails a check throws {@link ModelFitException} saying what failed and what to try; with
 * {@link FitOptions#allowingNonConvergence()} it is returned with {@link ModelFit#converged()} or
 * {@link ModelFit#identified()} false and without standard errors where they would mislead. The
 * likelihood's own {@link ArithmeticException} (a special function that cannot be evaluated far out in
 * the parameter space) counts as a point too far, like an infinite value.
 */
final class MaximumLikelihood {

    /**
     * A model's total (weighted) log-likelihood and, if analytic, its gradient in the parameters θ.
     * {@link #value} may be called from several threads at once (the probes of a fit run in parallel):
     * an implementation keeps no mutable state between calls.
     */
    interface LogLikelihood {
        /** The log-likelihood at θ; when {@code gradient} is not null, also writes ∂LL/∂θ into it. */
        double value(double[] theta, double[] gradient);

        /** Whether {@link #value} computes the gradient; if not, central differences are used. */
        boolean hasGradient();

        /**
         * The Hessian ∂²LL/∂θᵢ∂θⱼ at θ (a new n × n matrix), or null if the likelihood has no analytic one
         * (the fit then takes central differences of the gradient).
         */
        default double[][] hessian(double[] theta) {
            return null;
        }

        /**
         * The same likelihood over a deterministic sample of the data, every {@code stride}-th distinct
         * row (with its weight), to start a fit to many rows from; null if the likelihood offers none.
         */
        default LogLikelihood sample(int stride) {
            return null;
        }

        /** The log-likelihood summed over parts, with its analytic gradient and Hessian. */
        static LogLikelihood of(PartitionedLikelihood total) {
            return new LogLikelihood() {
                @Override
                public double value(double[] theta, double[] gradient) {
                    return total.sum(theta, gradient, null);
                }

                @Override
                public boolean hasGradient() {
                    return true;
                }

                @Override
                public double[][] hessian(double[] theta) {
                    if (!total.hasHessian()) {
                        return null;
                    }
                    double[][] hessian = new double[theta.length][theta.length];
                    total.sum(theta, null, hessian);
                    return hessian;
                }
            };
        }

        /** One part's likelihood, {@code likelihood} over the histories of {@code part}, as a {@link PartitionedLikelihood}. */
        static PartitionedLikelihood part(String model, LogLikelihood likelihood, org.loyaltymetrics.data.PurchaseHistories part,
                boolean hasHessian) {
            return new PartitionedLikelihood() {
                @Override
                public boolean hasHessian() {
                    return hasHessian;
                }

                @Override
                public String model() {
                    return model;
                }

                @Override
                public double sum(double[] theta, double[] gradient, double[][] hessian) {
                    double value = likelihood.value(theta, gradient);
                    if (hessian != null && hasHessian) {
                        double[][] h = likelihood.hessian(theta);
                        for (int i = 0; i < h.length; i++) {
                            System.arraycopy(h[i], 0, hessian[i], 0, h[i].length);
                        }
                    }
                    return value;
                }

                @Override
                public long customers() {
                    return part.customers();
                }

                @Override
                public long distinctRows() {
                    return part.distinctRows();
                }

                @Override
                public double meanFrequency() {
                    return part.isEmpty() ? 0 : part.meanFrequency();
                }

                @Override
                public double meanAge() {
                    return part.isEmpty() ? 0 : part.meanAge();
                }

                @Override
                public java.time.temporal.ChronoUnit timeUnit() {
                    return part.timeUnit();
                }

                @Override
                public String toString() {
                    return model + " likelihood of " + part;
                }
            };
        }

        /** A log-likelihood without an analytic gradient, from its values alone. */
        static LogLikelihood ofValues(java.util.function.ToDoubleFunction<double[]> values) {
            return new LogLikelihood() {
                @Override
                public double value(double[] theta, double[] gradient) {
                    return values.applyAsDouble(theta);
                }

                @Override
                public boolean hasGradient() {
                    return false;
                }
            };
        }
    }

    /** How far (in ln θ) a parameter may move from its start before it counts as running off. */
    private static final double RUN_OFF = 18.0;
    private static final double MAX_STEP = 3.0;
    /** χ²₁(0.95)/2: the fall of the log-likelihood that bounds a 95 % likelihood-ratio interval. */
    static final double IDENTIFICATION_DROP = 1.920729410347062;
    /** The fall of the log-likelihood that a direction's first probe aims at by the quadratic model. */
    private static final double CLEAR_DROP = 10 * IDENTIFICATION_DROP;
    /**
     * Where the quadratic model predicts a fall of 19.2 closer than this (in ln θ, a 13 % change of the
     * parameters), it is trusted: its error there is a few per cent, far less than the margin of ten.
     */
    private static final double TRUSTED = 1.0 / 8;
    /** The nearest and farthest probes, in ln θ along a unit direction. */
    private static final double MIN_PROBE = 0.25;
    private static final double MAX_PROBE = 16.0;
    /**
     * How far (in ln θ) the Newton steps may move from where the Hessian was taken before it is taken
     * again where they end. From a converged BFGS point they move about 1e-8; within 1e-6 the Hessian
     * changes by about 1e-6 of itself (the third derivative times the move), and so do the standard
     * errors, a millionth of their own uncertainty.
     */
    private static final double NEWTON_REUSE = 1e-6;
    /**
     * From this many distinct rows on, the probes of the directions run in parallel (on the fork-join
     * pool the fit runs in, or the common pool); below, an evaluation is too cheap to be worth a task.
     */
    private static final int PARALLEL_PROBE_ROWS = 64;
    /**
     * From this many distinct rows on (eight chunks of {@code RowChunks}), a fit starts where a fit to a
     * sample of {@link #SAMPLE_ROWS} rows ends ({@link #warmStart}).
     */
    static final int WARM_START_ROWS = 65_536;
    /** The rows of the sample of a warm start, about. */
    private static final int SAMPLE_ROWS = 16_384;
    /** The gradient tolerance of the sample's fit: a start, not an estimate. */
    private static final double WARM_TOLERANCE = 1e-6;
    /** How many times a fit restarts from a higher point found by the probes. */
    private static final int MAX_RESTARTS = 3;
    /** What to try when the data cannot identify the parameters, unless a model says better. */
    static final String MORE_DATA = "more varied data";

    private MaximumLikelihood() {
    }

    /** Fits and returns the fit facts; the estimates are {@code fit.estimates()}. */
    static ModelFit fit(String model, List<String> names, LogLikelihood logLikelihood, double[] start,
            long customers, int distinctRows, FitOptions options) {
        return fit(model, names, logLikelihood, start, customers, distinctRows, options, MORE_DATA);
    }

    /**
     * Fits and returns the fit facts; {@code moreData} says what data would identify the parameters
     * (e.g. "more periods"), for the message of a fit that the data do not identify.
     */
    static ModelFit fit(String model, List<String> names, LogLikelihood logLikelihood, double[] start,
            long customers, int distinctRows, FitOptions options, String moreData) {
        return fit(model, names, logLikelihood, start, customers, distinctRows, options, moreData, start.length);
    }

    /**
     * Fits as {@link #fit(String, List, LogLikelihood, double[], long, int, FitOptions, String)}, probing the
     * diagonals of the pairs among the first {@code pairedParameters} parameters only (a model's own
     * parameters, whose distributions narrow or trade shape against scale in pairs; its covariates'
     * coefficients, one direction each, are probed along the axes and the eigenvectors).
     */
    static ModelFit fit(String model, List<String> names, LogLikelihood logLikelihood, double[] start,
            long customers, int distinctRows, FitOptions options, String moreData, int pairedParameters) {
        if (customers == 0) {
            throw new ModelFitException("cannot fit the " + model + " model: the data have no customers", List.of(),
                    "data with at least one customer");
        }
        int n = start.length;
        double scale = customers;
        double penalizer = options.penalizer();
        double[] u0 = new double[n];
        for (int k = 0; k < n; k++) {
            u0[k] = Math.log(start[k]);
        }
        Objective objective = objective(logLikelihood, u0, scale, penalizer);
        Problem problem = new Problem(model, names, objective, logLikelihood, u0, scale, options, moreData,
                distinctRows >= PARALLEL_PROBE_ROWS, Math.min(pairedParameters, n));

        double[] from = u0;
        int iterations = 0;
        Maximum previous = null;
        Probe higher = null;
        Bfgs.Result warm = distinctRows >= WARM_START_ROWS ? warmStart(logLikelihood, u0, scale, distinctRows, options)
                : null;
        for (int attempt = 0; ; attempt++) {
            Maximum maximum = null;
            if (attempt == 0 && warm != null) {
                maximum = problem.maximize(warm.point(), false, warm.inverseHessian());
            }
            if (maximum == null) {
                maximum = problem.maximize(from, previous == null, attempt == 0 ? problem.startingInverseHessian(from)
                        : null);
            }
            if (maximum == null) {
                // the higher point found by the probes is one where the gradient cannot be evaluated
                double[] theta = previous.theta();
                problem.notIdentified(previous, theta, higher);
                return problem.result(theta, null, logLikelihood, iterations, true, false, customers, distinctRows);
            }
            iterations += maximum.iterations;
            double[] theta = maximum.theta();
            problem.checkRunOff(maximum, theta);
            if (!maximum.converged) {
                problem.notConverged(maximum, theta, iterations);
                return problem.result(theta, maximum.covariance(), logLikelihood, iterations, false, false, customers,
                        distinctRows);
            }
            double[][] covariance = maximum.covariance();
            if (covariance == null) {
                problem.runningOff(maximum, theta);
                problem.noProperMaximum(theta);
                return problem.result(theta, null, logLikelihood, iterations, true, false, customers, distinctRows);
            }
            Probe probe = problem.probe(maximum);
            if (probe != null && probe.higher && attempt < MAX_RESTARTS) {
                from = probe.point;
                previous = maximum;
                higher = probe;
                continue;
            }
            if (probe != null) {
                problem.notIdentified(maximum, theta, probe);
                return problem.result(theta, null, logLikelihood, iterations, true, false, customers, distinctRows);
            }
            return problem.result(theta, covariance, logLikelihood, iterations, true, true, customers, distinctRows);
        }
    }

    /**
     * The objective in u = ln θ: −LL(θ)/N plus the penalty λ Σ θ², infinite where the log-likelihood is
     * not finite, cannot be evaluated, or u is more than 2 · 18 from the start; its gradient analytic or
     * by central differences, as the likelihood offers.
     */
    private static Objective objective(LogLikelihood logLikelihood, double[] u0, double scale, double penalizer) {
        int n = u0.length;
        Objective analytic = (u, gradient) -> {
            double[] theta = new double[n];
            for (int k = 0; k < n; k++) {
                if (Math.abs(u[k] - u0[k]) > 2 * RUN_OFF) {
                    return Double.POSITIVE_INFINITY;
                }
                theta[k] = Math.exp(u[k]);
            }
            double value;
            try {
                value = logLikelihood.value(theta, gradient);
            } catch (ArithmeticException cannotEvaluate) {
                return Double.POSITIVE_INFINITY;
            }
            if (!Double.isFinite(value)) {
                return Double.POSITIVE_INFINITY;
            }
            double objective = -value / scale;
            for (int k = 0; k < n; k++) {
                objective += penalizer * theta[k] * theta[k];
                if (gradient != null) {
                    gradient[k] = -gradient[k] * theta[k] / scale + 2.0 * penalizer * theta[k] * theta[k];
                }
            }
            return objective;
        };
        return logLikelihood.hasGradient() ? analytic : Derivatives.withCentralDifferences(analytic, n);
    }

    /**
     * The start of a fit to many distinct rows: the BFGS minimum of the objective of a sample of about
     * {@link #SAMPLE_ROWS} of them (every k-th row, see {@link LogLikelihood#sample}), to a gradient of
     * 1e-6, with its approximation of the inverse Hessian (the objectives are per customer, so the sample's
     * curvature is the full data's, up to sampling error). Null where the likelihood offers no sample, or
     * the sample's fit does not converge or strays more than e¹⁸ from the start: the fit then starts
     * from the start values as usual.
     */
    private static Bfgs.Result warmStart(LogLikelihood logLikelihood, double[] u0, double scale, int distinctRows,
            FitOptions options) {
        int stride = distinctRows / SAMPLE_ROWS;
        LogLikelihood sample = logLikelihood.sample(stride);
        if (sample == null) {
            return null;
        }
        Objective objective = objective(sample, u0, scale / stride, options.penalizer());
        Bfgs.Result result;
        try {
            result = Bfgs.minimize(objective, u0, Math.max(options.tolerance(), WARM_TOLERANCE), options.maxIterations(),
                    MAX_STEP);
        } catch (IllegalArgumentException notFinite) {
            return null;
        }
        if (!result.converged() || maxAbsDifference(result.point(), u0) > RUN_OFF) {
            return null;
        }
        return result;
    }

    /** The point where a maximisation stopped, with its objective, gradient and Hessian in u = ln θ. */
    private record Maximum(double[] u, double value, double[] gradient, double[][] hessian, int iterations,
            boolean converged, double scale) {

        double[] theta() {
            double[] theta = new double[u.length];
            for (int k = 0; k < u.length; k++) {
                theta[k] = Math.exp(u[k]);
            }
            return theta;
        }

        /**
         * The inverse of the Hessian of N·f in θ: with H_u the Hessian of f in u = ln θ and g_u its
         * gradient, ∂²/∂θᵢ∂θⱼ = (H_u,ij − δᵢⱼ g_u,i) / (θᵢ θⱼ). Null if it is not positive definite.
         */
        double[][] covariance() {
            double[] theta = theta();
            int n = theta.length;
            double[][] hessianTheta = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double entry = hessian[i][j] - (i == j ? gradient[i] : 0.0);
                    hessianTheta[i][j] = scale * entry / (theta[i] * theta[j]);
                }
            }
            return Matrices.inverse(hessianTheta);
        }
    }

    /**
     * What a probe of the maximum found: a higher point ({@code higher}), or a direction along which the
     * log-likelihood falls by only {@code drop} out to {@code point}.
     */
    private record Probe(boolean higher, double[] point, double drop) {
    }

    /** One fit's objective, start and options, and its checks with their messages. */
    private record Problem(String model, List<String> names, Objective objective, LogLikelihood logLikelihood,
            double[] u0, double scale, FitOptions options, String moreData, boolean parallelProbes,
            int pairedParameters) {

        /**
         * The parameters at θ by name, as the user reads them: the model's own as they are, the covariates'
         * coefficients (from the first unpaired parameter on, θ = e^γ) as γ (on the fit's scale: the user's
         * unless the covariates were centred or scaled for the fit).
         */
        String describe(double[] theta) {
            double[] values = theta.clone();
            for (int k = pairedParameters; k < values.length; k++) {
                values[k] = Math.log(values[k]);
            }
            return MaximumLikelihood.describe(names, values);
        }

        /**
         * BFGS from {@code from} (with {@code inverseHessian} as its first approximation of the inverse
         * Hessian, or null), then up to three Newton steps on the Hessian; null where a restart or a warm
         * start ({@code first} false) cannot evaluate the objective or its gradient at {@code from}.
         */
        Maximum maximize(double[] from, boolean first, double[][] inverseHessian) {
            int n = from.length;
            Bfgs.Result result;
            try {
                result = Bfgs.minimize(objective, from, options.tolerance(), options.maxIterations(), MAX_STEP,
                        inverseHessian);
            } catch (IllegalArgumentException notFinite) {
                if (!first) {
                    return null;
                }
                throw new ModelFitException("cannot fit the " + model + " model: the log-likelihood is not finite at "
                        + "the start values " + describe(exp(from)), List.of(), "checking the data for extreme "
                        + "values");
            }
            double[] u = result.point();
            double[] g = result.gradient();
            double f = result.value();
            if (farthestRunOff(u, exp(u)) >= 0) {
                // the fit ends there with the parameter that ran off, before the Hessian is wanted: its 2n
                // gradients (where it has no analytic one) are not computed
                return new Maximum(u, f, g, null, result.iterations(), result.converged(), scale);
            }
            double[][] hessian = hessian(u, g);
            double[] hessianAt = u;
            double[][] l = maxAbs(g) > options.tolerance() * 1e-3 ? Matrices.cholesky(hessian) : null;
            // the Newton steps share the Hessian of where they start: they move u by about H⁻¹g (the
            // gradient is at most the tolerance there), so the Hessian where they end differs by far
            // less than its finite-difference error, and each step costs one evaluation, not 2n + 1
            for (int step = 0; l != null && step < 3 && maxAbs(g) > options.tolerance() * 1e-3; step++) {
                double[] delta = Matrices.solve(l, g);
                double[] candidate = new double[n];
                for (int k = 0; k < n; k++) {
                    candidate[k] = u[k] - delta[k];
                }
                double[] gCandidate = new double[n];
                double fCandidate = objective.value(candidate, gCandidate);
                if (!(fCandidate <= f) || !(maxAbs(gCandidate) < maxAbs(g))) {
                    break;
                }
                u = candidate;
                g = gCandidate;
                f = fCandidate;
            }
            if (maxAbsDifference(u, hessianAt) > NEWTON_REUSE) {
                hessian = hessian(u, g); // the steps went far (an unconverged start)
            }
            boolean converged = result.converged() || maxAbs(g) <= options.tolerance();
            return new Maximum(u, f, g, hessian, result.iterations(), converged, scale);
        }

        /**
         * The Hessian of the objective in u = ln θ at u, where its gradient is g: from the likelihood's
         * analytic Hessian where it has one, H_u,ij = θᵢθⱼ (−∂²LL/∂θᵢ∂θⱼ / N + 2λ δᵢⱼ) + δᵢⱼ g_i (the chain
         * rule through θ = e^u), else (or where that is not finite) by central differences of the gradient.
         */
        double[][] hessian(double[] u, double[] g) {
            double[][] analytic = analyticHessian(u, g);
            return analytic != null ? analytic : Derivatives.hessian(objective, u);
        }

        /** The Hessian in u from the likelihood's analytic one, as {@link #hessian}; null where there is none. */
        private double[][] analyticHessian(double[] u, double[] g) {
            int n = u.length;
            double[] theta = exp(u);
            double[][] analytic;
            try {
                analytic = logLikelihood.hessian(theta);
            } catch (ArithmeticException cannotEvaluate) {
                analytic = null;
            }
            if (analytic != null) {
                double[][] hessian = new double[n][n];
                boolean finite = true;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double second = -analytic[i][j] / scale + (i == j ? 2.0 * options.penalizer() : 0.0);
                        hessian[i][j] = theta[i] * theta[j] * second + (i == j ? g[i] : 0.0);
                        finite &= Double.isFinite(hessian[i][j]);
                    }
                }
                if (finite) {
                    return hessian;
                }
            }
            return null;
        }

        /**
         * The inverse of the likelihood's analytic Hessian at {@code u} (in ln θ), to start BFGS from (of a
         * model with covariates, fewer paired parameters than parameters, by central differences where it
         * has no analytic one), or null where there is none or it is not positive definite there (BFGS then
         * starts from the identity, scaled after its first step).
         */
        double[][] startingInverseHessian(double[] u) {
            double[] g = new double[u.length];
            double value = objective.value(u, g);
            double[][] hessian = value < Double.POSITIVE_INFINITY ? analyticHessian(u, g) : null;
            if (hessian == null && pairedParameters < u.length && value < Double.POSITIVE_INFINITY) {
                // a model with covariates: 2n gradients for the Hessian at the start save more BFGS iterations
                // from the identity than they cost (50 iterations and 92 gradients against 13 and 65 for
                // the Pareto/NBD with three covariates)
                hessian = Derivatives.hessian(objective, u);
            }
            if (hessian == null) {
                return null;
            }
            // where it is not positive definite the start is outside the maximum's basin of curvature, and
            // BFGS starts from the identity (Matrices.inverse is null there)
            return Matrices.inverse(hessian);
        }

        /**
         * Throws if a parameter ran off: moved more than e¹⁸ from its start, or to 0 or infinity (naming
         * the one that moved farthest).
         */
        void checkRunOff(Maximum maximum, double[] theta) {
            int farthest = farthestRunOff(maximum.u, theta);
            if (farthest >= 0) {
                throw ranOff(farthest, theta); // where several ran off, the one that went farthest is named
            }
        }

        /** The parameter at u (θ = e^u) that ran off farthest, or −1 if none did. */
        private int farthestRunOff(double[] u, double[] theta) {
            int farthest = -1;
            for (int k = 0; k < theta.length; k++) {
                if (Math.abs(u[k] - u0[k]) > RUN_OFF || !(theta[k] > 0.0) || !Double.isFinite(theta[k])) {
                    double moved = Math.abs(u[k] - u0[k]);
                    if (farthest < 0 || !(moved <= Math.abs(u[farthest] - u0[farthest]))) {
                        farthest = k;
                    }
                }
            }
            return farthest;
        }

        /**
         * The exception of parameter k running off. Toward infinity a penalizer holds it back; toward 0 it
         * cannot (the penalty λ Σ θ² bounds the parameters from above only), so the advice is the data's. A
         * covariate's coefficient γ (θ = e^γ) runs off toward ±infinity, and its L2 penalty holds it back either way.
         */
        private ModelFitException ranOff(int k, double[] theta) {
            boolean towardZero = !(theta[k] >= Math.exp(u0[k]));
            String to = k < pairedParameters ? format(theta[k]) + (towardZero ? ", toward 0" : "")
                    : format(Math.log(theta[k])) + (towardZero ? ", toward -infinity" : ", toward infinity");
            String problem = "cannot fit the " + model + " model: parameter " + names.get(k) + " ran off to " + to
                    + " (the likelihood has no maximum at "
                    + "finite parameters on these data; stopped at " + describe(theta) + ")";
            // a coefficient's L2 penalty holds it back either way; a model parameter's only from infinity
            return towardZero && k < pairedParameters
                    ? new ModelFitException(problem, List.of(), "more varied data (a penalizer bounds the parameters "
                            + "from above only, so it cannot hold one back from 0)")
                    : new ModelFitException(problem, List.of(Remedy.PENALIZER), "check the data");
        }

        /**
         * Throws for an unconverged fit when convergence is required: as running off where a parameter is
         * more than e⁹ from its start and still moving away, else as not converged.
         */
        void notConverged(Maximum maximum, double[] theta, int iterations) {
            if (!options.requireConvergence()) {
                return;
            }
            for (int k = 0; k < theta.length; k++) {
                double moved = maximum.u[k] - u0[k];
                if (Math.abs(moved) > RUN_OFF / 2 && -maximum.gradient[k] * moved > 0.0) {
                    throw ranOff(k, theta);
                }
            }
            throw new ModelFitException("the " + model + " fit did not converge in " + iterations
                    + " iterations: the largest gradient component is still " + format(maxAbs(maximum.gradient))
                    + " at " + describe(theta), List.of(Remedy.MORE_ITERATIONS, Remedy.PENALIZER),
                    "check the data (for a purchase model, that recency and age are in the time unit you think)");
        }

        /**
         * Throws, when convergence is required, as running off where a maximum whose Hessian is not
         * positive definite has a parameter more than e⁹ from its start and the objective is no higher (the
         * log-likelihood no lower, to 1e-12) twice as far out again along that parameter (e² further): the
         * likelihood rises or stays flat toward the boundary there, so the parameter runs off (the one
         * farthest from its start is named).
         */
        void runningOff(Maximum maximum, double[] theta) {
            if (!options.requireConvergence()) {
                return;
            }
            int farthest = -1;
            double distance = RUN_OFF / 2;
            for (int k = 0; k < theta.length; k++) {
                double moved = Math.abs(maximum.u[k] - u0[k]);
                if (moved > distance) {
                    distance = moved;
                    farthest = k;
                }
            }
            if (farthest < 0) {
                return;
            }
            double[] further = maximum.u.clone();
            further[farthest] += Math.signum(maximum.u[farthest] - u0[farthest]) * 2.0;
            double value = objective.value(further, null);
            if (value <= maximum.value + 1e-12 * Math.max(1.0, Math.abs(maximum.value))) {
                throw ranOff(farthest, theta);
            }
        }

        /** Throws, when convergence is required, for a Hessian that is not positive definite. */
        void noProperMaximum(double[] theta) {
            if (options.requireConvergence()) {
                throw new ModelFitException("cannot fit the " + model + " model: the likelihood has no proper "
                        + "maximum on these data (its Hessian is not positive definite at " + describe(theta)
                        + "), so the data do not identify the parameters", List.of(Remedy.PENALIZER), moreData);
            }
        }

        /** Throws, when convergence is required, for a maximum that is not one or that a direction leaves flat. */
        void notIdentified(Maximum maximum, double[] theta, Probe probe) {
            if (!options.requireConvergence()) {
                return;
            }
            double logLikelihood = -maximum.value * scale;
            if (probe.higher) {
                throw new ModelFitException("cannot fit the " + model + " model: the likelihood has no maximum at "
                        + "finite parameters on these data (it keeps rising toward the boundary: the log-likelihood "
                        + "is " + format(-probe.drop) + " higher at " + describe(exp(probe.point)) + " than "
                        + "at " + describe(theta) + ")", List.of(Remedy.PENALIZER), moreData);
            }
            throw new ModelFitException("cannot fit the " + model + " model: the data do not identify its "
                    + "parameters (the log-likelihood is " + format(logLikelihood) + " at " + describe(theta)
                    + " and still " + format(logLikelihood - probe.drop) + " at " + describe(exp(probe.point))
                    + ", less than 1.92 lower, so a 95% interval cannot exclude either)", List.of(Remedy.PENALIZER),
                    moreData);
        }

        /**
         * Probes the objective around the maximum along the eigenvectors of its Hessian, the coordinate
         * axes and the diagonals of every pair of the first {@code pairedParameters} parameters (on which a gamma or beta distribution of the
         * model narrows to a point as both its parameters grow, or a shape trades against a scale), both
         * ways. Each direction v is probed first where the quadratic model predicts a fall of 10 × 1.92,
         * s = √(2 · 19.2 / (N vᵀHv)) within [¼, 16], then at twice that distance and so on up to 16, until
         * the log-likelihood has fallen by {@link #IDENTIFICATION_DROP}: null if every direction falls that
         * far and no point is higher than the maximum, else the first higher point or the first direction
         * that stays within 1.92 up to 16.
         */
        Probe probe(Maximum maximum) {
            int n = maximum.u.length;
            List<double[]> directions = new ArrayList<>();
            double[][] eigenvectors = eigenvectors(maximum.hessian);
            for (int d = 0; d < n; d++) {
                double[] direction = new double[n];
                for (int k = 0; k < n; k++) {
                    direction[k] = eigenvectors[k][d];
                }
                directions.add(direction);
            }
            for (int i = 0; i < n; i++) {
                double[] axis = new double[n];
                axis[i] = 1.0;
                directions.add(axis);
                for (int j = i + 1; j < pairedParameters; j++) {
                    for (double sign = 1.0; sign >= -1.0; sign -= 2.0) {
                        double[] diagonal = new double[n];
                        diagonal[i] = Math.sqrt(0.5);
                        diagonal[j] = sign * Math.sqrt(0.5);
                        directions.add(diagonal);
                    }
                }
            }
            double[][] signed = new double[2 * directions.size()][];
            for (int d = 0; d < directions.size(); d++) {
                signed[2 * d] = directions.get(d);
                signed[2 * d + 1] = scaled(directions.get(d), -1.0);
            }
            // each direction's probes depend on that direction alone: they run in parallel where the data
            // are large enough to pay for it, and the outcomes are read in the order of the directions,
            // so that the answer is the one a sequential pass gives (the first higher point, else the
            // first flat direction), on any number of cores
            Probe[] outcomes = new Probe[signed.length];
            IntStream indexes = IntStream.range(0, signed.length);
            (parallelProbes ? indexes.parallel() : indexes).forEach(d -> outcomes[d] = probe(maximum, signed[d]));
            Probe flat = null;
            for (Probe outcome : outcomes) {
                if (outcome != null && outcome.higher) {
                    return outcome;
                }
                if (flat == null && outcome != null) {
                    flat = outcome;
                }
            }
            return flat;
        }

        /**
         * The probes along one direction (a unit vector in u = ln θ): null if the log-likelihood falls by
         * {@link #IDENTIFICATION_DROP} within {@link #MAX_PROBE} (or the quadratic model is trusted that
         * close) without rising above the maximum, else the higher point or the flat direction's farthest
         * point.
         */
        private Probe probe(Maximum maximum, double[] direction) {
            int n = direction.length;
            double rise = 1e-9 * Math.max(1.0, Math.abs(maximum.value * scale));
            double curvature = 0.0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    curvature += direction[i] * maximum.hessian[i][j] * direction[j];
                }
            }
            double first = curvature > 0.0 ? Math.sqrt(2.0 * CLEAR_DROP / (scale * curvature)) : MAX_PROBE;
            if (first <= TRUSTED) {
                return null; // the quadratic model holds this close: the fall there is 19.2, ten times the bound
            }
            double drop = Double.NaN;
            double[] point = null;
            for (double distance = Math.max(MIN_PROBE, Math.min(MAX_PROBE, first)); ; distance *= 2.0) {
                distance = Math.min(distance, MAX_PROBE);
                point = new double[n];
                for (int k = 0; k < n; k++) {
                    point[k] = maximum.u[k] + distance * direction[k];
                }
                double value = objective.value(point, null);
                if (!(value < Double.POSITIVE_INFINITY)) {
                    return null; // the likelihood is 0 there (or cannot be evaluated): it fell
                }
                drop = (value - maximum.value) * scale;
                if (drop < -rise) {
                    return new Probe(true, point, drop);
                }
                if (drop >= IDENTIFICATION_DROP) {
                    return null;
                }
                if (distance == MAX_PROBE) {
                    return new Probe(false, point, drop);
                }
            }
        }

        ModelFit result(double[] theta, double[][] covariance, LogLikelihood logLikelihood, int iterations,
                boolean converged, boolean identified, long customers, int distinctRows) {
            return new ModelFit(model, names, theta, covariance, logLikelihood.value(theta, null), iterations, converged,
                    options.penalizer(), customers, distinctRows, identified);
        }
    }

    private static double[] scaled(double[] v, double factor) {
        double[] scaled = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            scaled[k] = factor * v[k];
        }
        return scaled;
    }

    private static double[] exp(double[] u) {
        double[] theta = new double[u.length];
        for (int k = 0; k < u.length; k++) {
            theta[k] = Math.exp(u[k]);
        }
        return theta;
    }

    private static double maxAbsDifference(double[] u, double[] v) {
        double max = 0.0;
        for (int k = 0; k < u.length; k++) {
            max = Math.max(max, Math.abs(u[k] - v[k]));
        }
        return max;
    }

    private static double maxAbs(double[] v) {
        double max = 0.0;
        for (double value : v) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }

    static String describe(List<String> names, double[] values) {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < values.length; k++) {
            text.append(k == 0 ? "" : ", ").append(names.get(k)).append('=').append(format(values[k]));
        }
        return text.toString();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }

    /**
     * The eigenvectors of a small symmetric matrix {@code a}, as the columns of the result (orthonormal),
     * by the cyclic Jacobi method.
     */
    private static double[][] eigenvectors(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
            v[i][i] = 1.0;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0.0;
            double diagonal = 0.0;
            for (int i = 0; i < n; i++) {
                diagonal += m[i][i] * m[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += m[i][j] * m[i][j];
                }
            }
            if (off <= 1e-30 * diagonal || off == 0.0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] == 0.0) {
                        continue;
                    }
                    double theta = (m[q][q] - m[p][p]) / (2.0 * m[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1.0));
                    if (theta == 0.0) {
                        t = 1.0;
                    }
                    double c = 1.0 / Math.sqrt(t * t + 1.0);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double mkp = m[k][p];
                        double mkq = m[k][q];
                        m[k][p] = c * mkp - s * mkq;
                        m[k][q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) {
                        double mpk = m[p][k];
                        double mqk = m[q][k];
                        m[p][k] = c * mpk - s * mqk;
                        m[q][k] = s * mpk + c * mqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        return v;
    }
}
