package org.loyaltymetrics.behavior;

import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Measure;
import org.loyaltymetrics.stats.Proportion;

/**
 * The {@link Measure} of a rate that is one {@link Proportion}: the rate, its percentage, its Wilson
 * score interval and the pooled two-proportion z test of a change, all of the proportion. Immutable
 * and thread-safe.
 *
 * @param <T> the rate type, so that a rate is compared with rates of its own kind
 */
abstract class ProportionRate<T extends ProportionRate<T>> implements Measure<T> {

    private final Proportion proportion;

    ProportionRate(Proportion proportion) {
        this.proportion = proportion;
    }

    /** The rate as a proportion: its numerator of its denominator. */
    public Proportion proportion() {
        return proportion;
    }

    /** Whether the denominator is 0, so that the rate is undefined. */
    @Override
    public boolean isEmpty() {
        return proportion.isEmpty();
    }

    /**
     * The rate, a fraction in [0, 1].
     *
     * @throws UndefinedResultException if its denominator is 0
     */
    @Override
    public double value() {
        return proportion.value();
    }

    /**
     * The rate × 100, for display.
     *
     * @throws UndefinedResultException if its denominator is 0
     */
    public double percent() {
        return proportion.percent();
    }

    /**
     * The Wilson score interval of the rate at {@code confidence} (see {@link Proportion#confidenceInterval}).
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code confidence} is not in (0, 1)
     * @throws UndefinedResultException if its denominator is 0
     */
    @Override
    public ConfidenceInterval confidenceInterval(double confidence) {
        return proportion.confidenceInterval(confidence);
    }

    /**
     * The pooled two-proportion z test of {@code this − earlier} (two periods, segments or campaigns),
     * see {@link Proportion#differenceFrom}.
     *
     * @throws UndefinedResultException if either denominator is 0 or both rates are 0 or both 1
     */
    @Override
    public DifferenceTest differenceFrom(T earlier) {
        return proportion.differenceFrom(Checks.notNull(earlier, "earlier").proportion());
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((ProportionRate<?>) o).proportion.equals(proportion);
    }

    @Override
    public int hashCode() {
        return 31 * getClass().hashCode() + proportion.hashCode();
    }
}
