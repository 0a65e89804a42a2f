package org.loyaltymetrics.model;

import java.util.List;
import java.util.Locale;
import org.loyaltymetrics.internal.optim.Bfgs;
import org.loyaltymetrics.internal.optim.Derivatives;
import org.loyaltymetrics.internal.optim.Matrices;
import org.loyaltymetrics.internal.optim.Objective;

/**
 * The fitting procedure shared by every model: maximum likelihood over the logarithms u = ln θ of the
 * positive parameters, by BFGS and then up to three Newton steps on the Hessian; the covariance from
 * the Hessian transformed back to θ.
 */
final class MaximumLikelihood {

    /** A model's total (weighted) log-likelihood and, if analytic, its gradient in the parameters θ. */
    interface LogLikelihood {
        /** The log-likelihood at θ; when {@code gradient} is not null, also writes ∂LL/∂θ into it. */
        double value(double[] theta, double[] gradient);

        /** Whether {@link #value} computes the gradient; if not, central differences are used. */
        boolean hasGradient();

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

    private MaximumLikelihood() {
    }

    /** Fits and returns the fit facts; the estimates are {@code fit.estimates()}. */
    static ModelFit fit(String model, List<String> names, LogLikelihood logLikelihood, double[] start,
            long customers, int distinctRows, FitOptions options) {
        if (customers == 0) {
            throw new ModelFitException("cannot fit the " + model + " model: the data have no customers");
        }
        int n = start.length;
        double scale = customers;
        double penalizer = options.penalizer();
        double[] u0 = new double[n];
        for (int k = 0; k < n; k++) {
            u0[k] = Math.log(start[k]);
        }
        Objective analytic = (u, gradient) -> {
            double[] theta = new double[n];
            for (int k = 0; k < n; k++) {
                if (Math.abs(u[k] - u0[k]) > 2 * RUN_OFF) {
                    return Double.POSITIVE_INFINITY;
                }
                theta[k] = Math.exp(u[k]);
            }
            double value = logLikelihood.value(theta, gradient);
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
        Objective objective = logLikelihood.hasGradient() ? analytic : Derivatives.withCentralDifferences(analytic, n);

        Bfgs.Result result;
        try {
            result = Bfgs.minimize(objective, u0, options.tolerance(), options.maxIterations(), MAX_STEP);
        } catch (IllegalArgumentException notFinite) {
            throw new ModelFitException("cannot fit the " + model + " model: the log-likelihood is not finite at the "
                    + "start values " + describe(names, start) + "; check the data for extreme values");
        }
        double[] u = result.point();
        double[] g = result.gradient();
        double f = result.value();
        boolean converged = result.converged();
        double[][] hessian = Derivatives.hessian(objective, u);
        for (int step = 0; step < 3 && maxAbs(g) > options.tolerance() * 1e-3; step++) {
            double[][] l = Matrices.cholesky(hessian);
            if (l == null) {
                break;
            }
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
            hessian = Derivatives.hessian(objective, u);
        }
        converged |= maxAbs(g) <= options.tolerance();

        double[] theta = new double[n];
        for (int k = 0; k < n; k++) {
            theta[k] = Math.exp(u[k]);
        }
        for (int k = 0; k < n; k++) {
            if (Math.abs(u[k] - u0[k]) > RUN_OFF || !(theta[k] > 0.0) || !Double.isFinite(theta[k])) {
                throw new ModelFitException("cannot fit the " + model + " model: parameter " + names.get(k)
                        + " ran off to " + format(theta[k]) + " (the likelihood has no maximum at finite parameters "
                        + "on these data; stopped at " + describe(names, theta) + "); try a penalizer such as "
                        + "FitOptions.defaults().withPenalizer(0.001), or check the data");
            }
        }
        if (!converged && options.requireConvergence()) {
            throw new ModelFitException("the " + model + " fit did not converge in " + result.iterations()
                    + " iterations: the largest gradient component is still " + format(maxAbs(g)) + " at "
                    + describe(names, theta) + "; try more iterations (FitOptions.withMaxIterations), a penalizer "
                    + "(FitOptions.withPenalizer(0.001)), or check that recency and age are in the time unit "
                    + "you think");
        }
        double[][] covariance = covariance(hessian, g, theta, scale);
        if (covariance == null) {
            // a stationary point that is not a strict maximum: the data do not identify the parameters
            converged = false;
            if (options.requireConvergence()) {
                throw new ModelFitException("cannot fit the " + model + " model: the likelihood has no proper "
                        + "maximum on these data (its Hessian is not positive definite at " + describe(names, theta)
                        + "), so the data do not identify the parameters; try a penalizer such as "
                        + "FitOptions.defaults().withPenalizer(0.001), or more varied data");
            }
        }
        double logLikelihoodValue = logLikelihood.value(theta, null);
        return new ModelFit(model, names, theta, covariance, logLikelihoodValue, result.iterations(), converged,
                penalizer, customers, distinctRows);
    }

    /**
     * The inverse of the Hessian of N·f in θ: with H_u the Hessian of f in u = ln θ and g_u its
     * gradient, ∂²/∂θᵢ∂θⱼ = (H_u,ij − δᵢⱼ g_u,i) / (θᵢ θⱼ). Null if it is not positive definite.
     */
    private static double[][] covariance(double[][] hessianU, double[] gradientU, double[] theta, double scale) {
        int n = theta.length;
        double[][] hessianTheta = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double value = hessianU[i][j] - (i == j ? gradientU[i] : 0.0);
                hessianTheta[i][j] = scale * value / (theta[i] * theta[j]);
            }
        }
        return Matrices.inverse(hessianTheta);
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
}
