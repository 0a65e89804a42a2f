package org.loyaltymetrics.survey;

import java.util.function.ToIntFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.stats.Proportion;
import org.loyaltymetrics.stats.ProportionMeasure;

/**
 * The customer satisfaction score (CSAT) of answers to "how satisfied were you?" on a rating scale:
 * CSAT = satisfied answers / all answers, a fraction in [0, 1], where the satisfied answers are the
 * top box(es) of the scale (4–5 on the default 1..5 scale). 74 satisfied answers of 107 give a CSAT
 * of 0.6916 (69.16 %).
 *
 * <p>The CSAT is a {@link ProportionMeasure}: its {@link #value()} is the top-box share
 * ({@link #proportion()}), its interval the Wilson score interval ({@link #confidenceInterval(double)}),
 * and {@code later.differenceFrom(earlier)} the pooled two-proportion z test ({@link Proportion}). The
 * mean rating is a separate figure, an {@link Estimate} with its Student's t interval
 * ({@link #meanRating()}), never blended with the top-box share.
 *
 * <p>A CSAT of no answers exists ({@link #isEmpty()}), but its figures throw
 * {@link UndefinedResultException}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class CustomerSatisfactionScore
        extends TalliedScore<CustomerSatisfactionScore, CustomerSatisfactionScore.Definition>
        implements ProportionMeasure<CustomerSatisfactionScore> {

    /**
     * What counts as satisfied: the rating scale and the band of satisfied answers on it, a top band
     * of the scale. The {@link #DEFAULT} is the top two boxes of 1..5 (4..5); other scales and bands
     * are stated explicitly, e.g. {@code Definition.topTwoBoxes(RatingScale.ONE_TO_TEN)}.
     *
     * @param scale the rating scale
     * @param satisfied the satisfied answers, a band of {@code scale} that holds its highest point
     */
    public record Definition(RatingScale scale, RatingScale.Band satisfied)
            implements SurveyMetric<CustomerSatisfactionScore> {

        private static final long serialVersionUID = 1L;

        /** The default, used where no definition is given: answers on 1..5, satisfied 4..5. */
        public static final Definition DEFAULT = topTwoBoxes(RatingScale.ONE_TO_FIVE);

        /**
         * Validates that {@code satisfied} is a top band of {@code scale}.
         *
         * @throws InvalidArgumentException naming {@code satisfied} otherwise
         */
        public Definition {
            Checks.notNull(scale, "scale");
            Checks.notNull(satisfied, "satisfied");
            if (!satisfied.scale().equals(scale)) {
                throw InvalidArgumentException.of("satisfied", "a band of " + scale, "a band of " + satisfied.scale());
            }
            if (satisfied.high() != scale.max()) {
                throw InvalidArgumentException.of("satisfied", "a top band ending at " + scale.max(), satisfied);
            }
        }

        /** Satisfied answers are the two highest points of {@code scale}: 4..5 on 1..5, 9..10 on 1..10. */
        public static Definition topTwoBoxes(RatingScale scale) {
            Checks.notNull(scale, "scale");
            return new Definition(scale, scale.topBoxes(2));
        }

        /**
         * Satisfied answers are {@code satisfiedFrom..scale.max()}.
         *
         * @throws InvalidArgumentException if {@code satisfiedFrom} is not on the scale
         */
        public static Definition of(RatingScale scale, int satisfiedFrom) {
            Checks.notNull(scale, "scale");
            if (!scale.contains(satisfiedFrom)) {
                throw InvalidArgumentException.of("satisfiedFrom", "in " + scale, satisfiedFrom);
            }
            return new Definition(scale, scale.band(satisfiedFrom, scale.max()));
        }

        @Override
        public String name() {
            return "CSAT";
        }

        @Override
        public CustomerSatisfactionScore evaluate(ResponseTally tally) {
            return from(tally, this);
        }

        /** Reads, e.g., {@code "CSAT (1..5, satisfied 4..5)"}. */
        @Override
        public String toString() {
            return "CSAT (" + scale + ", satisfied " + satisfied + ")";
        }
    }

    private CustomerSatisfactionScore(Definition definition, ResponseTally tally) {
        super(definition, tally);
    }

    /**
     * The CSAT of {@code answers} on 1..5, satisfied 4..5.
     *
     * @throws InvalidArgumentException if an answer is not in 1..5
     */
    public static CustomerSatisfactionScore of(int... answers) {
        return Definition.DEFAULT.of(answers);
    }

    /**
     * The CSAT of {@code answers} under {@code definition}.
     *
     * @throws InvalidArgumentException if an answer is not on the definition's scale
     */
    public static CustomerSatisfactionScore of(Definition definition, int... answers) {
        return Checks.notNull(definition, "definition").of(answers);
    }

    /**
     * The CSAT of {@code answers} under {@code definition}, one signed byte per answer.
     *
     * @throws InvalidArgumentException if an answer is not on the definition's scale
     */
    public static CustomerSatisfactionScore of(Definition definition, byte[] answers) {
        return Checks.notNull(definition, "definition").of(answers);
    }

    /**
     * The CSAT of the answers counted per point of the definition's scale, lowest point first.
     *
     * @throws InvalidArgumentException if there is not one count per point, or a count is negative
     */
    public static CustomerSatisfactionScore ofCounts(Definition definition, long... countsPerPoint) {
        return Checks.notNull(definition, "definition").ofCounts(countsPerPoint);
    }

    /**
     * The CSAT of the answers counted by {@code tally} under {@code definition}.
     *
     * @throws InvalidArgumentException if the tally is not on the definition's scale
     */
    public static CustomerSatisfactionScore from(ResponseTally tally, Definition definition) {
        return new CustomerSatisfactionScore(definition, tally);
    }

    /** A new, empty accumulator of answers on 1..5, satisfied 4..5. */
    public static SurveyAccumulator<CustomerSatisfactionScore> accumulator() {
        return Definition.DEFAULT.accumulator();
    }

    /** A new, empty accumulator of answers under {@code definition}. */
    public static SurveyAccumulator<CustomerSatisfactionScore> accumulator(Definition definition) {
        return Checks.notNull(definition, "definition").accumulator();
    }

    /** A collector of a stream of 1..5 answers, satisfied 4..5. */
    public static Collector<Integer, ?, CustomerSatisfactionScore> collector() {
        return Definition.DEFAULT.collector();
    }

    /** A collector of a stream of elements whose answer {@code answerOf} reads, under {@code definition}. */
    public static <T> Collector<T, ?, CustomerSatisfactionScore> collector(Definition definition,
            ToIntFunction<? super T> answerOf) {
        return Checks.notNull(definition, "definition").collector(answerOf);
    }

    /** The number of satisfied answers. */
    public long satisfied() {
        return tally().count(definition().satisfied());
    }

    /** The satisfied answers as a proportion of all answers: the CSAT, satisfied / all. */
    @Override
    public Proportion proportion() {
        return tally().proportion(definition().satisfied());
    }

    /**
     * The mean rating on the definition's scale, Σ answer × count / n, with its standard error s/√n
     * and n − 1 degrees of freedom: its {@link Estimate#confidenceInterval(double) confidenceInterval}
     * is Student's t interval, and the change between two samples Welch's t test.
     *
     * @throws UndefinedResultException if there are fewer than two answers (the mean of one answer is
     *     {@code tally().mean()})
     */
    public Estimate meanRating() {
        return tally().meanEstimate();
    }

    /**
     * Tests the change of CSAT {@code this.value() − earlier.value()} between two independent samples
     * with the pooled two-proportion z test.
     *
     * @throws InvalidArgumentException if {@code earlier} has another definition
     * @throws UndefinedResultException if either sample is empty or both rates are 0 or both 1
     */
    @Override
    public DifferenceTest differenceFrom(CustomerSatisfactionScore earlier) {
        checkSameDefinition(earlier, "earlier");
        return proportion().differenceFrom(earlier.proportion());
    }

    /**
     * Reads, e.g., {@code "CSAT 69.16% [59.87%, 77.12%] (95%), 74 of 107 satisfied (4..5 on 1..5),
     * mean rating 3.82"}.
     */
    @Override
    public String toString() {
        Definition definition = definition();
        if (isEmpty()) {
            return "CSAT undefined (no answers; " + definition.satisfied() + " on " + definition.scale() + ")";
        }
        ConfidenceInterval interval = confidenceInterval(0.95);
        return "CSAT " + Formatting.percent(value()) + " [" + Formatting.percent(interval.low()) + ", "
                + Formatting.percent(interval.high()) + "] (95%), " + satisfied() + " of " + responses()
                + " satisfied (" + definition.satisfied() + " on " + definition.scale() + "), mean rating "
                + Formatting.decimal(tally().mean(), 2);
    }
}
