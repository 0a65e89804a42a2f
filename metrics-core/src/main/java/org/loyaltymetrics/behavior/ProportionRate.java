package org.loyaltymetrics.behavior;

import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Proportion;
import org.loyaltymetrics.stats.ProportionMeasure;

/**
 * The {@link ProportionMeasure} of a rate that is nothing but one {@link Proportion}: the rate, its
 * percentage and its Wilson score interval are the proportion's, and so is the pooled two-proportion
 * z test of a change. Immutable and thread-safe.
 *
 * @param <T> the rate type, so that a rate is compared with rates of its own kind
 */
abstract class ProportionRate<T extends ProportionRate<T>> implements ProportionMeasure<T> {

    private final Proportion proportion;

    ProportionRate(Proportion proportion) {
        this.proportion = proportion;
    }

    /** The rate as a proportion: its numerator of its denominator. */
    @Override
    public Proportion proportion() {
        return proportion;
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
