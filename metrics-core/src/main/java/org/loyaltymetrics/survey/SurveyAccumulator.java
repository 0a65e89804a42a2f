package org.loyaltymetrics.survey;

import java.io.Serializable;
import org.loyaltymetrics.internal.Checks;

/**
 * A mutable accumulator of survey answers for one {@link SurveyMetric}: it tallies answers per
 * scale point (see {@link ResponseTally.Accumulator}) and {@link #snapshot() snapshots} to the
 * metric's immutable value. Adding an answer allocates nothing, and accumulators of the same metric
 * {@link #combine(SurveyAccumulator) combine} exactly, as if all answers had been added to one.
 *
 * <p>Obtain one from the metric: {@code NetPromoterScore.accumulator()},
 * {@code CustomerSatisfactionScore.accumulator(definition)} or {@code metric.accumulator()}.
 *
 * <p>This class is not thread-safe: use one accumulator per thread and combine them.
 *
 * @param <V> the type of the metric's value
 */
public final class SurveyAccumulator<V> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final SurveyMetric<V> metric;
    private final ResponseTally.Accumulator tally;

    SurveyAccumulator(SurveyMetric<V> metric) {
        this.metric = Checks.notNull(metric, "metric");
        this.tally = ResponseTally.accumulator(metric.scale());
    }

    /** The metric this accumulator computes. */
    public SurveyMetric<V> metric() {
        return metric;
    }

    /** The number of answers added so far. */
    public long total() {
        return tally.total();
    }

    /**
     * Adds one answer.
     *
     * @throws IllegalArgumentException if the answer is not on the metric's scale
     */
    public SurveyAccumulator<V> add(int answer) {
        tally.add(answer);
        return this;
    }

    /**
     * Adds {@code count} answers at {@code answer}.
     *
     * @throws IllegalArgumentException if the answer is not on the scale or the count is negative
     */
    public SurveyAccumulator<V> add(int answer, long count) {
        tally.add(answer, count);
        return this;
    }

    /**
     * Adds every answer of {@code answers}.
     *
     * @throws IllegalArgumentException if an answer is not on the scale; nothing is added then
     */
    public SurveyAccumulator<V> addAll(int... answers) {
        tally.addAll(answers);
        return this;
    }

    /**
     * Adds every answer of {@code answers}, one signed byte per answer.
     *
     * @throws IllegalArgumentException if an answer is not on the scale; nothing is added then
     */
    public SurveyAccumulator<V> addAll(byte[] answers) {
        tally.addAll(answers);
        return this;
    }

    /**
     * Adds every answer counted by {@code answers}.
     *
     * @throws IllegalArgumentException if the tally is on another scale
     */
    public SurveyAccumulator<V> addAll(ResponseTally answers) {
        tally.addAll(answers);
        return this;
    }

    /**
     * Adds every answer of {@code other} ({@code other} is left unchanged).
     *
     * @throws IllegalArgumentException if {@code other} computes a different metric
     */
    public SurveyAccumulator<V> combine(SurveyAccumulator<V> other) {
        Checks.notNull(other, "other");
        if (!other.metric.equals(metric)) {
            throw new IllegalArgumentException("other must compute " + metric + ", computes " + other.metric);
        }
        tally.combine(other.tally);
        return this;
    }

    /** The tally of the answers added so far. */
    public ResponseTally tally() {
        return tally.snapshot();
    }

    /** The metric's value for the answers added so far. */
    public V snapshot() {
        return metric.evaluate(tally.snapshot());
    }

    @Override
    public String toString() {
        return "SurveyAccumulator of " + metric + ", " + tally.total() + " answers";
    }
}
