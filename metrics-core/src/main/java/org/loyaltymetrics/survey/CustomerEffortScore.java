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
 * The customer effort score (CES) of answers about how easy it was to get something done. Two
 * figures, never blended: the mean answer with its Student's t interval, and the share of easy
 * answers with its Wilson interval.
 *
 * <p>The default is CES 2.0 (Dixon, Freeman &amp; Toman 2010; CEB 2013): "the company made it easy for
 * me to handle my issue", answered on 1..7 from strongly disagree to strongly agree, so that a
 * higher answer means less effort; the easy answers are 5..7. Other scales (1..5, 1..10) and the
 * older orientation in which a low answer means low effort ("how much effort did you personally have
 * to put forth?") are configured with an explicit {@link Definition}; the orientation is never
 * guessed from the answers.
 *
 * <p>A CES of no answers exists, but its figures throw {@link UndefinedResultException}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class CustomerEffortScore {

    /** Which end of the scale means little effort. */
    public enum Orientation {
        /** A high answer means the task was easy (CES 2.0, "the company made it easy": agree). */
        HIGHER_IS_EASIER,
        /** A low answer means the task was easy ("how much effort did you have to put forth?": very little). */
        LOWER_IS_EASIER
    }

    /**
     * What the answers mean: the rating scale, the orientation and the band of easy answers, which
     * lies at the easy end of the scale.
     *
     * @param scale the rating scale
     * @param orientation which end of the scale means little effort
     * @param easy the easy answers, a band that holds the easy end of the scale
     */
    public record Definition(RatingScale scale, Orientation orientation, RatingScale.Band easy)
            implements SurveyMetric<CustomerEffortScore> {

        private static final long serialVersionUID = 1L;

        /** CES 2.0: 1..7, higher is easier, easy answers 5..7. */
        public static final Definition CES_2_0 = of(RatingScale.ONE_TO_SEVEN, Orientation.HIGHER_IS_EASIER);

        /** Validates that {@code easy} is a band of {@code scale} at the easy end. */
        public Definition {
            Checks.notNull(scale, "scale");
            Checks.notNull(orientation, "orientation");
            Checks.notNull(easy, "easy");
            if (!easy.scale().equals(scale)) {
                throw new IllegalArgumentException("easy must be a band of " + scale + ", was a band of " + easy.scale());
            }
            int easyEnd = orientation == Orientation.HIGHER_IS_EASIER ? scale.max() : scale.min();
            if (!easy.contains(easyEnd)) {
                throw new IllegalArgumentException("easy must hold the easy end " + easyEnd + " of " + scale
                        + " when " + orientation + ", was " + easy);
            }
        }

        /**
         * The easy answers are the points beyond the midpoint on the easy side: 5..7 on 1..7 and 4..5
         * on 1..5 when higher is easier; 1..3 on 1..7 when lower is easier; 6..10 or 1..5 on 1..10.
         */
        public static Definition of(RatingScale scale, Orientation orientation) {
            Checks.notNull(scale, "scale");
            Checks.notNull(orientation, "orientation");
            double midpoint = scale.midpoint();
            return orientation == Orientation.HIGHER_IS_EASIER
                    ? new Definition(scale, orientation, scale.band((int) Math.floor(midpoint) + 1, scale.max()))
                    : new Definition(scale, orientation, scale.band(scale.min(), (int) Math.ceil(midpoint) - 1));
        }

        /** The given scale, orientation and easy answers {@code easyLow..easyHigh}. */
        public static Definition of(RatingScale scale, Orientation orientation, int easyLow, int easyHigh) {
            Checks.notNull(scale, "scale");
            return new Definition(scale, orientation, scale.band(easyLow, easyHigh));
        }

        @Override
        public String name() {
            return "CES mean";
        }

        @Override
        public CustomerEffortScore evaluate(ResponseTally tally) {
            return from(tally, this);
        }

        @Override
        public double headline(CustomerEffortScore value) {
            return value.mean();
        }

        @Override
        public ConfidenceInterval headlineInterval(CustomerEffortScore value, double confidence) {
            return value.meanInterval(confidence);
        }

        /** Tests the change in the mean answer (Welch's t test). */
        @Override
        public DifferenceTest differenceBetween(CustomerEffortScore later, CustomerEffortScore earlier) {
            return Checks.notNull(later, "later").differenceFrom(earlier);
        }

        /** Reads, e.g., {@code "CES (1..7, HIGHER_IS_EASIER, easy 5..7)"}. */
        @Override
        public String toString() {
            return "CES (" + scale + ", " + orientation + ", easy " + easy + ")";
        }
    }

    private final Definition definition;
    private final ResponseTally tally;

    private CustomerEffortScore(Definition definition, ResponseTally tally) {
        this.definition = definition;
        this.tally = tally;
    }

    /**
     * The CES 2.0 of {@code answers} on 1..7, higher is easier.
     *
     * @throws IllegalArgumentException if an answer is not in 1..7
     */
    public static CustomerEffortScore of(int... answers) {
        return Definition.CES_2_0.of(answers);
    }

    /**
     * The CES of {@code answers} under {@code definition}.
     *
     * @throws IllegalArgumentException if an answer is not on the definition's scale
     */
    public static CustomerEffortScore of(Definition definition, int... answers) {
        return Checks.notNull(definition, "definition").of(answers);
    }

    /**
     * The CES of {@code answers} under {@code definition}, one signed byte per answer.
     *
     * @throws IllegalArgumentException if an answer is not on the definition's scale
     */
    public static CustomerEffortScore of(Definition definition, byte[] answers) {
        return Checks.notNull(definition, "definition").of(answers);
    }

    /** The CES of the answers counted per point of the definition's scale, lowest point first. */
    public static CustomerEffortScore ofCounts(Definition definition, long... countsPerPoint) {
        return Checks.notNull(definition, "definition").ofCounts(countsPerPoint);
    }

    /**
     * The CES of the answers counted by {@code tally} under {@code definition}.
     *
     * @throws IllegalArgumentException if the tally is not on the definition's scale
     */
    public static CustomerEffortScore from(ResponseTally tally, Definition definition) {
        Checks.notNull(tally, "tally");
        Checks.notNull(definition, "definition");
        if (!tally.scale().equals(definition.scale())) {
            throw new IllegalArgumentException("tally must be on the scale " + definition.scale() + ", was on "
                    + tally.scale());
        }
        return new CustomerEffortScore(definition, tally);
    }

    /** A new, empty accumulator of CES 2.0 answers. */
    public static SurveyAccumulator<CustomerEffortScore> accumulator() {
        return Definition.CES_2_0.accumulator();
    }

    /** A new, empty accumulator of answers under {@code definition}. */
    public static SurveyAccumulator<CustomerEffortScore> accumulator(Definition definition) {
        return Checks.notNull(definition, "definition").accumulator();
    }

    /** A collector of a stream of CES 2.0 answers. */
    public static Collector<Integer, ?, CustomerEffortScore> collector() {
        return Definition.CES_2_0.collector();
    }

    /** A collector of a stream of elements whose answer {@code answerOf} reads, under {@code definition}. */
    public static <T> Collector<T, ?, CustomerEffortScore> collector(Definition definition,
            ToIntFunction<? super T> answerOf) {
        return Checks.notNull(definition, "definition").collector(answerOf);
    }

    /** The definition: scale, orientation and easy answers. */
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

    /**
     * The mean answer, on the definition's scale and in its orientation.
     *
     * @throws UndefinedResultException if there are no answers
     */
    public double mean() {
        return tally.mean();
    }

    /** The mean answer with its standard error and n − 1 degrees of freedom. */
    public Estimate meanEstimate() {
        return tally.meanEstimate();
    }

    /**
     * The Student's t interval of the mean answer at {@code confidence}.
     *
     * @throws UndefinedResultException if there are fewer than two answers
     */
    public ConfidenceInterval meanInterval(double confidence) {
        return tally.meanEstimate().confidenceInterval(confidence);
    }

    /** The number of easy answers. */
    public long easy() {
        return tally.count(definition.easy());
    }

    /** The easy answers as a proportion of all answers. */
    public Proportion easyShare() {
        return tally.proportion(definition.easy());
    }

    /** The Wilson score interval of the share of easy answers at {@code confidence}. */
    public ConfidenceInterval easyShareInterval(double confidence) {
        return easyShare().confidenceInterval(confidence);
    }

    /**
     * Tests the difference of mean answers {@code this.mean() − other.mean()} between two independent
     * samples with Welch's t test. Compare {@link #easyShare()}s with
     * {@link Proportion#differenceFrom(Proportion)}.
     *
     * @throws IllegalArgumentException if the definitions differ
     * @throws UndefinedResultException if either sample has fewer than two answers or both have no
     *     variance
     */
    public DifferenceTest differenceFrom(CustomerEffortScore other) {
        checkSameDefinition(other);
        return meanEstimate().differenceFrom(other.meanEstimate());
    }

    /**
     * The CES of both samples together.
     *
     * @throws IllegalArgumentException if the definitions differ
     */
    public CustomerEffortScore plus(CustomerEffortScore other) {
        checkSameDefinition(other);
        return new CustomerEffortScore(definition, tally.plus(other.tally));
    }

    private void checkSameDefinition(CustomerEffortScore other) {
        Checks.notNull(other, "other");
        if (!other.definition.equals(definition)) {
            throw new IllegalArgumentException("other must have the definition " + definition + ", had "
                    + other.definition);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomerEffortScore && ((CustomerEffortScore) o).definition.equals(definition)
                && ((CustomerEffortScore) o).tally.equals(tally);
    }

    @Override
    public int hashCode() {
        return 31 * definition.hashCode() + tally.hashCode();
    }

    /** Reads, e.g., {@code "CES mean 5.42 on 1..7 (higher is easier), easy 5..7: 71.20%, n = 250"}. */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "CES undefined (no answers; " + definition + ")";
        }
        return "CES mean " + Formatting.decimal(mean(), 2) + " on " + definition.scale() + " ("
                + (definition.orientation() == Orientation.HIGHER_IS_EASIER ? "higher" : "lower")
                + " is easier), easy " + definition.easy() + ": " + Formatting.percent(easyShare().value())
                + ", n = " + responses();
    }
}
