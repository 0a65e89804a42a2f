package org.loyaltymetrics.behavior;

import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Proportion;

/**
 * The figures every rate that is one {@link Proportion} shares: the rate, its percentage, its Wilson
 * interval and the two-proportion test of a change. Immutable and thread-safe.
 *
 * @param <T> the rate type, so that a rate is compared with rates of its own kind
 */
abstract class ProportionRate<T extends ProportionRate<T>> {

    private final Proportion proportion;

    ProportionRate(Proportion proportion) {
        this.proportion = proportion;
    }

    /** The rate as a proportion: its numerator of its denominator. */
    public Proportion proportion() {
        return proportion;
    }

    /**
     * The rate, a fraction in [0, 1].
     *
     * @throws UndefinedResultException if its denominator is 0
     */
    public double value() {
        return proportion.value();
    }

    /** The rate × 100, for display. */
    public double percent() {
        return proportion.percent();
    }

    /**
     * The Wilson score interval of the rate at {@code confidence}.
     *
     * @throws UndefinedResultException if its denominator is 0
     */
    public ConfidenceInterval confidenceInterval(double confidence) {
        return proportion.confidenceInterval(confidence);
    }

    /**
     * The pooled two-proportion z test of {@code this − other} (two periods, segments or campaigns).
     *
     * @throws UndefinedResultException if either denominator is 0 or both rates are 0 or both 1
     */
    public DifferenceTest differenceFrom(T other) {
        return proportion.differenceFrom(Checks.notNull(other, "other").proportion());
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
