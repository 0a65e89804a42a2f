package org.loyaltymetrics.stats;

import org.loyaltymetrics.UndefinedResultException;

/**
 * A headline figure with its uncertainty: a rate ({@link Proportion}), a score (the Net Promoter
 * Score), a mean ({@link Estimate}). Every rate and score of the library is a measure or offers one,
 * so that one vocabulary reads them all:
 *
 * <ul>
 *   <li>{@link #value()}: the figure (rates as fractions in [0, 1], the NPS on −100..100);
 *   <li>{@link #confidenceInterval(double)}: its two-sided interval at a confidence level in (0, 1);
 *       types with several interval methods add {@code confidenceInterval(confidence, method)} with a
 *       nested {@code IntervalMethod} enum whose {@code DEFAULT} the one-argument form uses;
 *   <li>{@link #differenceFrom(Measure) later.differenceFrom(earlier)}: the test of the change
 *       later − earlier between two independent samples (two periods, two segments).
 * </ul>
 *
 * <p>A measure of no observations exists (an accumulator's snapshot before any record), reports
 * {@link #isEmpty()}, and throws {@link UndefinedResultException} for every figure.
 *
 * <p>Implementations are immutable and thread-safe.
 *
 * @param <M> the measure's own type: a change is tested between two measures of one kind
 */
public interface Measure<M extends Measure<M>> {

    /** Whether there are no observations, so that the value and every figure derived from it are undefined. */
    boolean isEmpty();

    /**
     * The headline figure.
     *
     * @throws UndefinedResultException if it is undefined on the data (see {@link #isEmpty()})
     */
    double value();

    /**
     * The two-sided confidence interval of {@link #value()} at {@code confidence}, by the type's
     * default method.
     *
     * @param confidence the confidence level, in (0, 1), such as 0.95
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code confidence} is not in (0, 1)
     * @throws UndefinedResultException if the interval is undefined on the data
     */
    ConfidenceInterval confidenceInterval(double confidence);

    /**
     * Tests the change from {@code earlier} to this measure, {@code this.value() − earlier.value()},
     * the two being independent samples. The name reads as the subtraction it is:
     * {@code march.differenceFrom(february)} is March minus February.
     *
     * @param earlier the measure to subtract (the earlier period, the reference segment); not null
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code earlier} measures something else (another
     *     definition or scale)
     * @throws UndefinedResultException if either measure is empty or the test has a standard error of 0
     */
    DifferenceTest differenceFrom(M earlier);
}
