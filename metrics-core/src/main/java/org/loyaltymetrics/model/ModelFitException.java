package org.loyaltymetrics.model;

/**
 * Thrown when a model cannot be fitted. The message says what failed, where the optimiser stopped and
 * what to try (more or more varied data, a penaliser, more iterations, checking the data's time unit):
 * <ul>
 * <li>the optimiser did not converge within its iterations;</li>
 * <li>a parameter ran off to 0 or infinity: the likelihood has no maximum at finite parameters (its
 * supremum is on the boundary of the parameter space, as for customers who all behave alike);</li>
 * <li>the likelihood has no proper maximum: its Hessian is not positive definite at the point found,
 * or a point higher than it lies further out;</li>
 * <li>the data do not identify the parameters: along some direction the log-likelihood stays within
 * χ²₁,₀.₉₅/2 ≈ 1.92 of its maximum out to parameters e¹⁶ (about 9 million) times larger or smaller, so
 * that no 95 % interval could bound them (one period of survivors, a cohort with almost no churn).</li>
 * </ul>
 * A fit never returns NaN parameters, and never reports convergence on a flat likelihood.
 */
public final class ModelFitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what failed and what to try. */
    public ModelFitException(String message) {
        super(message);
    }
}
