package org.loyaltymetrics.survey;

import org.loyaltymetrics.Accumulator;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.Measure;

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
public final class SurveyAccumulator<V extends Measure<V>> implements Accumulator<SurveyAccumulator<V>, V> {

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
     * @throws org.loyaltymetrics.InvalidArgumentException if the answer is not on the metric's scale
     */
    public SurveyAccumulator<V> add(int answer) {
        tally.add(answer);
        return this;
    }

    /**
     * Adds {@code count} answers at {@code answer}.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if the answer is not on the scale or the count
     *     is negative
     */
    public SurveyAccumulator<V> add(int answer, long count) {
        tally.add(answer, count);
        return this;
    }

    /**
     * Adds every answer of {@code answers}.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if an answer is not on the scale; nothing is
     *     added then
     */
    public SurveyAccumulator<V> addAll(int... answers) {
        tally.addAll(answers);
        return this;
    }

    /**
     * Adds every answer of {@code answers}, one signed byte per answer.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if an answer is not on the scale; nothing is
     *     added then
     */
    public SurveyAccumulator<V> addAll(byte[] answers) {
        tally.addAll(answers);
        return this;
    }

    /**
     * Adds every answer counted by {@code answers}.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if the tally is on another scale
     */
    public SurveyAccumulator<V> addAll(ResponseTally answers) {
        Checks.notNull(answers, "answers");
        Checks.sameSetting(metric.scale(), answers.scale(), "answers", "scale");
        tally.addAll(answers);
        return this;
    }

    /**
     * Adds every answer of {@code other} ({@code other} is left unchanged).
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code other} computes a different metric
     */
    @Override
    public SurveyAccumulator<V> combine(SurveyAccumulator<V> other) {
        Checks.notNull(other, "other");
        Checks.sameSetting(metric, other.metric, "other", "metric");
        tally.combine(other.tally);
        return this;
    }

    /** The tally of the answers added so far. */
    public ResponseTally tally() {
        return tally.snapshot();
    }

    /** The metric's value for the answers added so far. */
    @Override
    public V snapshot() {
        return metric.evaluate(tally.snapshot());
    }

    /** Reads, e.g., {@code "SurveyAccumulator of NPS (0..10, promoters 9..10, detractors 0..6), 10 answers"}. */
    @Override
    public String toString() {
        return "SurveyAccumulator of " + metric + ", " + Formatting.plural(tally.total(), "answer");
    }
}
