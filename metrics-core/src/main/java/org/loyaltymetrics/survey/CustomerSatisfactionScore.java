package org.loyaltymetrics.survey;

import java.util.function.ToIntFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.stats.Proportion;

/**
 * The customer satisfaction score (CSAT) of answers to "how satisfied were you?" on a rating scale:
 * CSAT = satisfied answers / all answers, a fraction in [0, 1], where the satisfied answers are the
 * top box(es) of the scale (4–5 on the default 1..5 scale). 74 satisfied answers of 107 give a CSAT
 * of 0.6916 (69.16 %).
 *
 * <p>The CSAT carries a Wilson score interval ({@link #confidenceInterval(double)}). The mean rating
 * is a separate figure ({@link #meanRating()}, {@link #meanRatingInterval(double)}), never blended
 * with the top-box share.
 *
 * <p>A CSAT of no answers exists, but its figures throw {@link UndefinedResultException}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class CustomerSatisfactionScore {

    /**
     * What counts as satisfied: the rating scale and the band of satisfied answers on it.
     *
     * @param scale the rating scale
     * @param satisfied the satisfied answers, a band of {@code scale} that holds its highest point
     */
    public record Definition(RatingScale scale, RatingScale.Band satisfied)
            implements SurveyMetric<CustomerSatisfactionScore> {

        private static final long serialVersionUID = 1L;

        /** The default: answers on 1..5, satisfied 4..5. */
        public static final Definition DEFAULT = topTwoBoxes(RatingScale.ONE_TO_FIVE);

        /** Validates that {@code satisfied} is a top band of {@code scale}. */
        public Definition {
            Checks.notNull(scale, "scale");
            Checks.notNull(satisfied, "satisfied");
            if (!satisfied.scale().equals(scale)) {
                throw new IllegalArgumentException("satisfied must be a band of " + scale + ", was a band of "
                        + satisfied.scale());
            }
            if (satisfied.high() != scale.max()) {
                throw new IllegalArgumentException("satisfied must be a top band ending at " + scale.max()
                        + ", was " + satisfied);
            }
        }

        /** Satisfied answers are the two highest points of {@code scale}: 4..5 on 1..5, 9..10 on 1..10. */
        public static Definition topTwoBoxes(RatingScale scale) {
            Checks.notNull(scale, "scale");
            return new Definition(scale, scale.topBoxes(2));
        }

        /** Satisfied answers are {@code satisfiedFrom..scale.max()}. */
        public static Definition of(RatingScale scale, int satisfiedFrom) {
            Checks.notNull(scale, "scale");
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

        @Override
        public double headline(CustomerSatisfactionScore value) {
            return value.value();
        }

        @Override
        public ConfidenceInterval headlineInterval(CustomerSatisfactionScore value, double confidence) {
            return value.confidenceInterval(confidence);
        }

        @Override
        public DifferenceTest differenceBetween(CustomerSatisfactionScore later, CustomerSatisfactionScore earlier) {
            return Checks.notNull(later, "later").differenceFrom(earlier);
        }

        /** Reads, e.g., {@code "CSAT (1..5, satisfied 4..5)"}. */
        @Override
        public String toString() {
            return "CSAT (" + scale + ", satisfied " + satisfied + ")";
        }
    }

    private final Definition definition;
    private final ResponseTally tally;

    private CustomerSatisfactionScore(Definition definition, ResponseTally tally) {
        this.definition = definition;
        this.tally = tally;
    }

    /**
     * The CSAT of {@code answers} on 1..5, satisfied 4..5.
     *
     * @throws IllegalArgumentException if an answer is not in 1..5
     */
    public static CustomerSatisfactionScore of(int... answers) {
        return Definition.DEFAULT.of(answers);
    }

    /**
     * The CSAT of {@code answers} under {@code definition}.
     *
     * @throws IllegalArgumentException if an answer is not on the definition's scale
     */
    public static CustomerSatisfactionScore of(Definition definition, int... answers) {
        return Checks.notNull(definition, "definition").of(answers);
    }

    /**
     * The CSAT of {@code answers} under {@code definition}, one signed byte per answer.
     *
     * @throws IllegalArgumentException if an answer is not on the definition's scale
     */
    public static CustomerSatisfactionScore of(Definition definition, byte[] answers) {
        return Checks.notNull(definition, "definition").of(answers);
    }

    /**
     * The CSAT of the answers counted per point of the definition's scale, lowest point first.
     *
     * @throws IllegalArgumentException if there is not one count per point, or a count is negative
     */
    public static CustomerSatisfactionScore ofCounts(Definition definition, long... countsPerPoint) {
        return Checks.notNull(definition, "definition").ofCounts(countsPerPoint);
    }

    /**
     * The CSAT of the answers counted by {@code tally} under {@code definition}.
     *
     * @throws IllegalArgumentException if the tally is not on the definition's scale
     */
    public static CustomerSatisfactionScore from(ResponseTally tally, Definition definition) {
        Checks.notNull(tally, "tally");
        Checks.notNull(definition, "definition");
        if (!tally.scale().equals(definition.scale())) {
            throw new IllegalArgumentException("tally must be on the scale " + definition.scale() + ", was on "
                    + tally.scale());
        }
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

    /** The definition: scale and satisfied answers. */
    public Definition definition() {
        return definition;
    }

    /** The answers counted per point. */
    public ResponseTally tally() {
        return tally;
    }

    /** The number of answers. */
    public long responses() {
        return tally.total();
    }

    /** Whether there are no answers. */
    public boolean isEmpty() {
        return tally.isEmpty();
    }

    /** The number of satisfied answers. */
    public long satisfied() {
        return tally.count(definition.satisfied());
    }

    /** The satisfied answers as a proportion of all answers. */
    public Proportion proportion() {
        return tally.proportion(definition.satisfied());
    }

    /**
     * The CSAT, satisfied / all, a fraction in [0, 1].
     *
     * @throws UndefinedResultException if there are no answers
     */
    public double value() {
        return proportion().value();
    }

    /** The CSAT × 100, for display. */
    public double percent() {
        return proportion().percent();
    }

    /** The Wilson score interval of the CSAT at {@code confidence}, as fractions. */
    public ConfidenceInterval confidenceInterval(double confidence) {
        return proportion().confidenceInterval(confidence);
    }

    /**
     * The mean rating on the definition's scale.
     *
     * @throws UndefinedResultException if there are no answers
     */
    public double meanRating() {
        return tally.mean();
    }

    /** The mean rating with its standard error and n − 1 degrees of freedom. */
    public Estimate meanRatingEstimate() {
        return tally.meanEstimate();
    }

    /**
     * The Student's t interval of the mean rating at {@code confidence}.
     *
     * @throws UndefinedResultException if there are fewer than two answers
     */
    public ConfidenceInterval meanRatingInterval(double confidence) {
        return tally.meanEstimate().confidenceInterval(confidence);
    }

    /**
     * Tests the difference of CSAT {@code this.value() − other.value()} between two independent
     * samples with the pooled two-proportion z test.
     *
     * @throws IllegalArgumentException if the definitions differ
     * @throws UndefinedResultException if either sample is empty or both rates are 0 or both 1
     */
    public DifferenceTest differenceFrom(CustomerSatisfactionScore other) {
        checkSameDefinition(other);
        return proportion().differenceFrom(other.proportion());
    }

    /**
     * The CSAT of both samples together.
     *
     * @throws IllegalArgumentException if the definitions differ
     */
    public CustomerSatisfactionScore plus(CustomerSatisfactionScore other) {
        checkSameDefinition(other);
        return new CustomerSatisfactionScore(definition, tally.plus(other.tally));
    }

    private void checkSameDefinition(CustomerSatisfactionScore other) {
        Checks.notNull(other, "other");
        if (!other.definition.equals(definition)) {
            throw new IllegalArgumentException("other must have the definition " + definition + ", had "
                    + other.definition);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomerSatisfactionScore && ((CustomerSatisfactionScore) o).definition.equals(definition)
                && ((CustomerSatisfactionScore) o).tally.equals(tally);
    }

    @Override
    public int hashCode() {
        return 31 * definition.hashCode() + tally.hashCode();
    }

    /**
     * Reads, e.g., {@code "CSAT 69.16% [59.86%, 77.06%] (95%), 74 of 107 satisfied (4..5 on 1..5),
     * mean rating 3.79"}.
     */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "CSAT undefined (no answers; " + definition.satisfied() + " on " + definition.scale() + ")";
        }
        ConfidenceInterval interval = confidenceInterval(0.95);
        return "CSAT " + Formatting.percent(value()) + " [" + Formatting.percent(interval.low()) + ", "
                + Formatting.percent(interval.high()) + "] (95%), " + satisfied() + " of " + responses()
                + " satisfied (" + definition.satisfied() + " on " + definition.scale() + "), mean rating "
                + Formatting.decimal(meanRating(), 2);
    }
}
