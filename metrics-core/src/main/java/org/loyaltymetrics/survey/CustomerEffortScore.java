package org.loyaltymetrics.survey;

import java.util.Objects;
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

/**
 * The customer effort score (CES) of answers about how easy it was to get something done. Two
 * figures, never blended: the mean answer with its Student's t interval, and the share of easy
 * answers with its Wilson interval.
 *
 * <p>The CES is a {@link org.loyaltymetrics.stats.Measure Measure} of its mean answer: {@link #value()}
 * is Σ answer × count / n on the definition's scale, {@link #confidenceInterval(double)} Student's t
 * interval with n − 1 degrees of freedom, and {@code later.differenceFrom(earlier)} Welch's t test.
 * The same figure with its standard error is {@link #mean()}; the share of easy answers is the
 * {@link Proportion} {@link #easyShare()}, whose own interval and test are Wilson's and the pooled
 * two-proportion z test.
 *
 * <p>The {@link Definition#DEFAULT default} is CES 2.0 (Dixon, Freeman &amp; Toman 2010; CEB 2013): "the
 * company made it easy for me to handle my issue", answered on 1..7 from strongly disagree to
 * strongly agree, so that a higher answer means less effort; the easy answers are 5..7. Other scales
 * (1..5, 1..10) and the older orientation in which a low answer means low effort ("how much effort
 * did you personally have to put forth?") are configured with an explicit {@link Definition}; the
 * orientation is never guessed from the answers.
 *
 * <p>A CES of no answers exists ({@link #isEmpty()}), but its figures throw
 * {@link UndefinedResultException}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class CustomerEffortScore extends TalliedScore<CustomerEffortScore, CustomerEffortScore.Definition> {

    /**
     * What the answers mean: the rating scale, which end of it means little effort, and the band of
     * easy answers, which holds that end. Built by {@link #higherIsEasier(RatingScale)} or
     * {@link #lowerIsEasier(RatingScale)} (the easy answers are the points beyond the midpoint on the
     * easy side), or with an explicit band of easy answers; the {@link #DEFAULT} is {@link #CES_2_0}.
     *
     * <p>This class is immutable and thread-safe.
     */
    public static final class Definition implements SurveyMetric<CustomerEffortScore> {

        private static final long serialVersionUID = 1L;

        /** CES 2.0: 1..7, higher is easier, easy answers 5..7. */
        public static final Definition CES_2_0 = higherIsEasier(RatingScale.ONE_TO_SEVEN);

        /** The default, used where no definition is given: {@link #CES_2_0}. */
        public static final Definition DEFAULT = CES_2_0;

        private final RatingScale scale;
        private final boolean higherIsEasier;
        private final RatingScale.Band easy;

        private Definition(boolean higherIsEasier, RatingScale.Band easy) {
            Checks.notNull(easy, "easy");
            int easyEnd = higherIsEasier ? easy.scale().max() : easy.scale().min();
            if (!easy.contains(easyEnd)) {
                throw InvalidArgumentException.of("easy", "a band holding the easy end " + easyEnd + " of "
                        + easy.scale() + " (" + (higherIsEasier ? "higher" : "lower") + " is easier)", easy);
            }
            this.scale = easy.scale();
            this.higherIsEasier = higherIsEasier;
            this.easy = easy;
        }

        /**
         * A high answer means the task was easy (CES 2.0, "the company made it easy": agree); the easy
         * answers are the points above the midpoint: 5..7 on 1..7, 4..5 on 1..5, 6..10 on 1..10.
         */
        public static Definition higherIsEasier(RatingScale scale) {
            Checks.notNull(scale, "scale");
            return new Definition(true, scale.band((int) Math.floor(scale.midpoint()) + 1, scale.max()));
        }

        /**
         * A high answer means the task was easy, and {@code easy} (a band that holds the scale's highest
         * point) are the easy answers, e.g. {@code higherIsEasier(RatingScale.ONE_TO_TEN.band(8, 10))}.
         *
         * @throws InvalidArgumentException if {@code easy} does not hold the highest point of its scale
         */
        public static Definition higherIsEasier(RatingScale.Band easy) {
            return new Definition(true, easy);
        }

        /**
         * A low answer means the task was easy ("how much effort did you have to put forth?": very
         * little); the easy answers are the points below the midpoint: 1..3 on 1..7, 1..2 on 1..5, 1..5
         * on 1..10.
         */
        public static Definition lowerIsEasier(RatingScale scale) {
            Checks.notNull(scale, "scale");
            return new Definition(false, scale.band(scale.min(), (int) Math.ceil(scale.midpoint()) - 1));
        }

        /**
         * A low answer means the task was easy, and {@code easy} (a band that holds the scale's lowest
         * point) are the easy answers.
         *
         * @throws InvalidArgumentException if {@code easy} does not hold the lowest point of its scale
         */
        public static Definition lowerIsEasier(RatingScale.Band easy) {
            return new Definition(false, easy);
        }

        /** The rating scale. */
        @Override
        public RatingScale scale() {
            return scale;
        }

        /** Whether a high answer means little effort (CES 2.0); false when a low answer does. */
        public boolean higherIsEasier() {
            return higherIsEasier;
        }

        /** The easy answers, a band of the scale that holds its easy end. */
        public RatingScale.Band easy() {
            return easy;
        }

        @Override
        public String name() {
            return "CES mean";
        }

        @Override
        public CustomerEffortScore evaluate(ResponseTally tally) {
            return from(tally, this);
        }

        /** Validates a deserialized definition as the factories do. */
        private Object readResolve() {
            return new Definition(higherIsEasier, easy);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Definition && ((Definition) o).higherIsEasier == higherIsEasier
                    && ((Definition) o).easy.equals(easy);
        }

        @Override
        public int hashCode() {
            return Objects.hash(higherIsEasier, easy);
        }

        /** Reads, e.g., {@code "CES (1..7, higher is easier, easy 5..7)"}. */
        @Override
        public String toString() {
            return "CES (" + scale + ", " + (higherIsEasier ? "higher" : "lower") + " is easier, easy " + easy + ")";
        }
    }

    private CustomerEffortScore(Definition definition, ResponseTally tally) {
        super(definition, tally);
    }

    /**
     * The CES 2.0 of {@code answers} on 1..7, higher is easier.
     *
     * @throws InvalidArgumentException if an answer is not in 1..7
     */
    public static CustomerEffortScore of(int... answers) {
        return Definition.DEFAULT.of(answers);
    }

    /**
     * The CES of {@code answers} under {@code definition}.
     *
     * @throws InvalidArgumentException if an answer is not on the definition's scale
     */
    public static CustomerEffortScore of(Definition definition, int... answers) {
        return Checks.notNull(definition, "definition").of(answers);
    }

    /**
     * The CES of {@code answers} under {@code definition}, one signed byte per answer.
     *
     * @throws InvalidArgumentException if an answer is not on the definition's scale
     */
    public static CustomerEffortScore of(Definition definition, byte[] answers) {
        return Checks.notNull(definition, "definition").of(answers);
    }

    /**
     * The CES of the answers counted per point of the definition's scale, lowest point first.
     *
     * @throws InvalidArgumentException if there is not one count per point, or a count is negative
     */
    public static CustomerEffortScore ofCounts(Definition definition, long... countsPerPoint) {
        return Checks.notNull(definition, "definition").ofCounts(countsPerPoint);
    }

    /**
     * The CES of the answers counted by {@code tally} under {@code definition}.
     *
     * @throws InvalidArgumentException if the tally is not on the definition's scale
     */
    public static CustomerEffortScore from(ResponseTally tally, Definition definition) {
        return new CustomerEffortScore(definition, tally);
    }

    /** A new, empty accumulator of CES 2.0 answers. */
    public static SurveyAccumulator<CustomerEffortScore> accumulator() {
        return Definition.DEFAULT.accumulator();
    }

    /** A new, empty accumulator of answers under {@code definition}. */
    public static SurveyAccumulator<CustomerEffortScore> accumulator(Definition definition) {
        return Checks.notNull(definition, "definition").accumulator();
    }

    /** A collector of a stream of CES 2.0 answers. */
    public static Collector<Integer, ?, CustomerEffortScore> collector() {
        return Definition.DEFAULT.collector();
    }

    /** A collector of a stream of elements whose answer {@code answerOf} reads, under {@code definition}. */
    public static <T> Collector<T, ?, CustomerEffortScore> collector(Definition definition,
            ToIntFunction<? super T> answerOf) {
        return Checks.notNull(definition, "definition").collector(answerOf);
    }

    /**
     * The mean answer, Σ answer × count / n, on the definition's scale and in its orientation.
     *
     * @throws UndefinedResultException if there are no answers
     */
    @Override
    public double value() {
        return tally().mean();
    }

    /**
     * The mean answer with its standard error s/√n and n − 1 degrees of freedom.
     *
     * @throws UndefinedResultException if there are fewer than two answers
     */
    public Estimate mean() {
        return tally().meanEstimate();
    }

    /**
     * The Student's t interval of the mean answer at {@code confidence}: mean ± t(n − 1) s/√n.
     *
     * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
     * @throws UndefinedResultException if there are fewer than two answers
     */
    @Override
    public ConfidenceInterval confidenceInterval(double confidence) {
        return mean().confidenceInterval(confidence);
    }

    /** The number of easy answers. */
    public long easy() {
        return tally().count(definition().easy());
    }

    /** The easy answers as a proportion of all answers, with its Wilson interval. */
    public Proportion easyShare() {
        return tally().proportion(definition().easy());
    }

    /**
     * Tests the change of the mean answer {@code this.value() − earlier.value()} between two independent
     * samples with Welch's t test. Compare {@link #easyShare()}s with
     * {@link Proportion#differenceFrom(Proportion)}.
     *
     * @throws InvalidArgumentException if {@code earlier} has another definition
     * @throws UndefinedResultException if either sample has fewer than two answers or both have no
     *     variance
     */
    @Override
    public DifferenceTest differenceFrom(CustomerEffortScore earlier) {
        checkSameDefinition(earlier, "earlier");
        return mean().differenceFrom(earlier.mean());
    }

    /** Reads, e.g., {@code "CES mean 5.42 on 1..7 (higher is easier), easy 5..7: 71.20%, n = 250"}. */
    @Override
    public String toString() {
        Definition definition = definition();
        if (isEmpty()) {
            return "CES undefined (no answers; " + definition + ")";
        }
        return "CES mean " + Formatting.decimal(value(), 2) + " on " + definition.scale() + " ("
                + (definition.higherIsEasier() ? "higher" : "lower") + " is easier), easy " + definition.easy() + ": "
                + Formatting.percent(easyShare().value()) + ", n = " + responses();
    }
}
