package org.loyaltymetrics.model;

import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;

/**
 * How a model is fitted by maximum likelihood.
 *
 * <p>The fit minimises −LL(θ) / N + λ Σₖ θₖ² over the logarithms of the parameters θ, where N is the
 * number of customers and λ the {@code penalizer} (an L2 penalty on the parameters, the convention of
 * the Python library lifetimes, so that a penaliser carries over). λ = 0, the default, is plain
 * maximum likelihood; a small λ (0.001 to 0.1) keeps parameters finite on data that push one of them
 * to 0 or infinity, at the price of a bias toward small parameters.
 *
 * <p>The optimiser (BFGS with analytic or central-difference gradients, then Newton steps on the
 * Hessian) stops when every component of the gradient of that objective is at most
 * {@code tolerance}. If it does not within {@code maxIterations}, the fit throws
 * {@link ModelFitException}, unless {@code requireConvergence} is false: then it returns the best
 * point found with {@link ModelFit#converged()} false.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param penalizer λ, finite and &gt;= 0
 * @param maxIterations &gt;= 1
 * @param tolerance the gradient tolerance, finite and &gt; 0
 * @param requireConvergence whether a fit that does not converge throws
 */
public record FitOptions(double penalizer, int maxIterations, double tolerance, boolean requireConvergence) {

    private static final FitOptions DEFAULTS = new FitOptions(0.0, 1000, 1e-9, true);

    /**
     * Validates the options.
     *
     * @throws InvalidArgumentException if a component is out of its range
     */
    public FitOptions {
        Checks.nonNegative(penalizer, "penalizer");
        if (maxIterations < 1) {
            throw InvalidArgumentException.of("maxIterations", ">= 1", maxIterations);
        }
        Checks.positive(tolerance, "tolerance");
    }

    /** No penaliser, at most 1000 iterations, gradient tolerance 1e-9, convergence required. */
    public static FitOptions defaults() {
        return DEFAULTS;
    }

    /** These options with the L2 penaliser λ. */
    public FitOptions withPenalizer(double penalizer) {
        return new FitOptions(penalizer, maxIterations, tolerance, requireConvergence);
    }

    /** These options with at most {@code maxIterations} iterations. */
    public FitOptions withMaxIterations(int maxIterations) {
        return new FitOptions(penalizer, maxIterations, tolerance, requireConvergence);
    }

    /** These options with the gradient tolerance {@code tolerance}. */
    public FitOptions withTolerance(double tolerance) {
        return new FitOptions(penalizer, maxIterations, tolerance, requireConvergence);
    }

    /** These options, returning an unconverged fit (flagged) instead of throwing. */
    public FitOptions allowingNonConvergence() {
        return new FitOptions(penalizer, maxIterations, tolerance, false);
    }

    /**
     * Reads, e.g., {@code "FitOptions: penalizer 0.001, at most 1000 iterations, tolerance 1.0E-9, convergence
     * required"}.
     */
    @Override
    public String toString() {
        return "FitOptions: penalizer " + penalizer + ", at most " + maxIterations + " iterations, tolerance "
                + tolerance + (requireConvergence ? ", convergence required" : ", convergence not required");
    }
}
