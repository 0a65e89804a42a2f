package org.loyaltymetrics.model;

import java.time.temporal.ChronoUnit;

/**
 * A model's log-likelihood over data held in parts, for fitting where the data live (the partitions
 * of a Spark job, the shards of a store): the log-likelihood of independent customers, its gradient
 * and its Hessian are sums over the customers' histories, so each part sums its own histories where
 * it is, the sums of the parts are added, and only the optimiser runs in one place. A model's
 * {@code likelihood(part)} (such as {@link BetaGeometricNbdModel#likelihood}) is the likelihood of one
 * part; an engine implements this interface for the whole data by adding the parts' {@link #sum}s
 * (and their figures), and the model's {@code fit(PartitionedLikelihood, FitOptions)} fits it with the
 * same procedure and start as {@code fit(histories)}: on one part holding all the histories, the same
 * estimates to the last bit; on several, the same up to the rounding of the sums' order (1e-12
 * relative, far inside the fit's tolerance).
 *
 * <p>Implementations are immutable and may be called from several threads at once.
 */
public interface PartitionedLikelihood {

    /** The model the likelihood is of, such as "BG/NBD" (a fit refuses the likelihood of another). */
    String model();

    /**
     * ln L(θ) = Σ over the histories of weight · ln L(θ | history), at θ in the model's parameter order
     * (such as {@link BetaGeometricNbdModel#PARAMETERS}); writes ∂ ln L/∂θ into {@code gradient} unless it
     * is null, and ∂² ln L/∂θᵢ∂θⱼ into {@code hessian} (n × n) unless it is null (never asked of a
     * likelihood without {@link #hasHessian()}). Where θ is outside
     * the parameter space's finite part the value may be −∞ or NaN, which the fit treats as too far.
     *
     * @param theta the parameters
     * @param gradient where to write the gradient, or null
     * @param hessian where to write the Hessian, or null
     * @return the log-likelihood
     */
    double sum(double[] theta, double[] gradient, double[][] hessian);

    /**
     * Whether {@link #sum} writes the analytic Hessian (BG/NBD, MBG/NBD); where not (Pareto/NBD), the fit
     * takes central differences of the gradient.
     */
    boolean hasHessian();

    /** The number of customers (the sum of the histories' weights). */
    long customers();

    /** The number of distinct histories (the rows the sums run over). */
    long distinctRows();

    /** The customers' mean frequency x (0 without customers), which the fit's start values use. */
    double meanFrequency();

    /** The customers' mean age T in {@link #timeUnit()} (0 without customers), for the start values. */
    double meanAge();

    /** The unit of the histories' times, the fitted model's. */
    ChronoUnit timeUnit();
}
