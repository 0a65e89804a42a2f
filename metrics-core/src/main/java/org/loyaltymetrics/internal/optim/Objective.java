package org.loyaltymetrics.internal.optim;

/**
 * A smooth function to minimise over R^n. Points where it is not defined return
 * {@link Double#POSITIVE_INFINITY} (or NaN), which the minimisers treat as "too far".
 */
@FunctionalInterface
public interface Objective {

    /**
     * The value at {@code x}; when {@code gradient} is not null, also writes the gradient into it.
     * An objective without an analytic gradient can be wrapped by
     * {@link Derivatives#withCentralDifferences(Objective, int)}.
     */
    double value(double[] x, double[] gradient);
}
