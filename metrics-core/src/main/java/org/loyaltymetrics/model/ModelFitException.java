package org.loyaltymetrics.model;

/**
 * Thrown when a model cannot be fitted: the optimiser did not converge, or a parameter ran off to 0
 * or infinity (the maximum of the likelihood is on the boundary, so no finite estimate exists). The
 * message says what failed, where the optimiser stopped and what to try (a penaliser, more
 * iterations, checking the data's time unit). A fit never returns NaN parameters.
 */
public final class ModelFitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what failed and what to try. */
    public ModelFitException(String message) {
        super(message);
    }
}
