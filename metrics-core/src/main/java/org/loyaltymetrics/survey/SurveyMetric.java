package org.loyaltymetrics.survey;

import java.io.Serializable;
import java.util.function.ToIntFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;

/**
 * The definition of a KPI computed from single-question survey answers: its rating scale, how a
 * {@link ResponseTally} of answers becomes the KPI's value, and how two values are compared. The Net
 * Promoter Score ({@link NetPromoterScore#DEFINITION}), customer satisfaction
 * ({@link CustomerSatisfactionScore.Definition}) and customer effort
 * ({@link CustomerEffortScore.Definition}) are survey metrics; accumulators, collectors,
 * {@link SurveyBreakdown breakdowns} and {@link SurveySeries series} work with any of them.
 *
 * <p>Implementations are immutable, thread-safe, serializable (accumulators travel between the
 * workers of distributed engines with them) and compare equal when they define the same KPI.
 *
 * @param <V> the type of the KPI's value
 */
public interface SurveyMetric<V> extends Serializable {

    /** The rating scale of the answers. */
    RatingScale scale();

    /** A short name of the headline figure for table headings, such as "NPS", "CSAT" or "CES mean". */
    String name();

    /**
     * The KPI's headline figure: the NPS score, the CSAT share, the mean effort answer.
     *
     * @throws org.loyaltymetrics.UndefinedResultException if the value has no answers
     */
    double headline(V value);

    /**
     * The interval of the headline figure at {@code confidence}.
     *
     * @throws org.loyaltymetrics.UndefinedResultException if it is undefined on the value
     */
    ConfidenceInterval headlineInterval(V value, double confidence);

    /**
     * The KPI of the answers counted by {@code tally}.
     *
     * @throws IllegalArgumentException if the tally is not on {@link #scale()}
     */
    V evaluate(ResponseTally tally);

    /**
     * The test of the change from {@code earlier} to {@code later} in the headline figure (later
     * minus earlier).
     *
     * @throws org.loyaltymetrics.UndefinedResultException if either value is empty or the test
     *     has a zero standard error
     */
    DifferenceTest differenceBetween(V later, V earlier);

    /**
     * The KPI of {@code answers}.
     *
     * @throws IllegalArgumentException if an answer is not on the scale
     */
    default V of(int... answers) {
        return evaluate(ResponseTally.of(scale(), answers));
    }

    /**
     * The KPI of {@code answers}, one signed byte per answer.
     *
     * @throws IllegalArgumentException if an answer is not on the scale
     */
    default V of(byte[] answers) {
        return evaluate(ResponseTally.of(scale(), answers));
    }

    /**
     * The KPI of the answers counted per point, lowest point first.
     *
     * @throws IllegalArgumentException if there is not one count per point, or a count is negative
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
        return Collector.of(this::accumulator, (acc, element) -> acc.add(answerOf.applyAsInt(element)),
                SurveyAccumulator::combine, SurveyAccumulator::snapshot, Collector.Characteristics.UNORDERED);
    }
}
