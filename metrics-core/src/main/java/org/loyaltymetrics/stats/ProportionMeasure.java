package org.loyaltymetrics.stats;

import org.loyaltymetrics.UndefinedResultException;

/**
 * A {@link Measure} whose headline figure is one {@link Proportion}: a rate such as a churn rate, an
 * e-mail open rate or a CSAT, each counted under its own definition. Its value, percentage, emptiness
 * and interval are the proportion's, so that its interval is the Wilson score interval; an
 * implementation tests a change with the pooled two-proportion z test of the proportions
 * ({@link Proportion#differenceFrom(Proportion)}) once it has checked that both rates count the same
 * thing.
 *
 * <p>Implementations are immutable and thread-safe.
 *
 * @param <M> the rate type, so that a rate is compared with rates of its own kind
 */
public interface ProportionMeasure<M extends ProportionMeasure<M>> extends Measure<M> {

    /** The rate as a proportion: its numerator of its denominator. */
    Proportion proportion();

    /** Whether the denominator is 0, so that the rate is undefined. */
    @Override
    default boolean isEmpty() {
        return proportion().isEmpty();
    }

    /**
     * The rate, a fraction in [0, 1].
     *
     * @throws UndefinedResultException if its denominator is 0
     */
    @Override
    default double value() {
        return proportion().value();
    }

    /**
     * The rate × 100, for display.
     *
     * @throws UndefinedResultException if its denominator is 0
     */
    default double percent() {
        return proportion().percent();
    }

    /**
     * The Wilson score interval of the rate at {@code confidence} (see
     * {@link Proportion#confidenceInterval(double)}).
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code confidence} is not in (0, 1)
     * @throws UndefinedResultException if its denominator is 0
     */
    @Override
    default ConfidenceInterval confidenceInterval(double confidence) {
        return proportion().confidenceInterval(confidence);
    }
}
