package org.loyaltymetrics.survey;

import java.io.Serializable;
import java.util.function.ToIntFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.Accumulator;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.stats.Measure;

/**
 * The definition of a KPI computed from single-question survey answers: its rating scale and how a
 * {@link ResponseTally} of answers becomes the KPI's value. The Net Promoter Score
 * ({@link NetPromoterScore#DEFINITION}), customer satisfaction
 * ({@link CustomerSatisfactionScore.Definition}) and customer effort
 * ({@link CustomerEffortScore.Definition}) are survey metrics; accumulators, collectors,
 * {@link SurveyBreakdown breakdowns} and {@link SurveySeries series} work with any of them.
 *
 * <p>The value is a {@link Measure}: its headline figure is {@link Measure#value()} (the NPS, the
 * CSAT share, the mean effort answer), its interval {@link Measure#confidenceInterval(double)} and
 * the change between two values {@code later.differenceFrom(earlier)}.
 *
 * <p>Implementations are immutable, thread-safe, serializable (accumulators travel between the
 * workers of distributed engines with them) and compare equal when they define the same KPI.
 *
 * @param <V> the type of the KPI's value
 */
public interface SurveyMetric<V extends Measure<V>> extends Serializable {

    /** The rating scale of the answers. */
    RatingScale scale();

    /** A short name of the headline figure for table headings, such as "NPS", "CSAT" or "CES mean". */
    String name();

    /**
     * The KPI of the answers counted by {@code tally}.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if the tally is not on {@link #scale()}
     */
    V evaluate(ResponseTally tally);

    /**
     * The KPI of {@code answers}.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if an answer is not on the scale
     */
    default V of(int... answers) {
        return evaluate(ResponseTally.of(scale(), answers));
    }

    /**
     * The KPI of {@code answers}, one signed byte per answer.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if an answer is not on the scale
     */
    default V of(byte[] answers) {
        return evaluate(ResponseTally.of(scale(), answers));
    }

    /**
     * The KPI of the answers counted per point, lowest point first.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if there is not one count per point, or a count
     *     is negative
     */
    default V ofCounts(long... countsPerPoint) {
        return evaluate(ResponseTally.ofCounts(scale(), countsPerPoint));
    }

    /** A new, empty accumulator of answers for this KPI. */
    default SurveyAccumulator<V> accumulator() {
        return new SurveyAccumulator<>(this);
    }

    /** A collector of a stream of answers into this KPI. */
    default Collector<Integer, ?, V> collector() {
        return collector(Integer::intValue);
    }

    /** A collector of a stream of elements, reading each element's answer with {@code answerOf}. */
    default <T> Collector<T, ?, V> collector(ToIntFunction<? super T> answerOf) {
        Checks.notNull(answerOf, "answerOf");
        return Accumulator.collector(this::accumulator, (acc, element) -> acc.add(answerOf.applyAsInt(element)));
    }
}
