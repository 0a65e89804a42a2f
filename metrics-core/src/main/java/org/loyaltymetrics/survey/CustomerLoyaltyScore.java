package org.loyaltymetrics.survey;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.ToIntFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.stats.Measure;

/**
 * The customer loyalty score of the telecom KPI guide: each respondent answers three questions on 0..10 —
 * how likely to recommend us to friends and family, to buy from us again, and to try our other
 * products and services — and the score is the average of the three question scores.
 *
 * <p>Two indices, named by {@link Definition}:
 * <ul>
 *   <li>{@link Definition#NPS_AVERAGE} (the {@link Definition#DEFAULT}): each question is scored like
 *       an NPS (9–10 count +1, 7–8 count 0, 0–6 count −1, × 100) and the index is the average of the
 *       three, on −100..100;
 *   <li>{@link Definition#MEAN_RATING_AVERAGE}: the average of the three mean ratings, on 0..10.
 * </ul>
 * Since every respondent answers all three questions, each index is also the mean over respondents
 * of their own average; that per-respondent composite is tallied too, so that the index has an
 * honest interval that accounts for the correlation between one respondent's answers: Student's t
 * interval of the respondents' averages (n − 1 degrees of freedom), truncated to the index's range,
 * and Welch's t test for a change.
 *
 * <p>The score is a {@link Measure} of the index under its {@link #definition()}: values and
 * accumulators start with the {@link Definition#DEFAULT}, and {@link #withDefinition(Definition)}
 * reads the same answers under the other one (both indices come from the same counts).
 *
 * <p>This class is immutable and thread-safe.
 */
public final class CustomerLoyaltyScore implements Measure<CustomerLoyaltyScore> {

    /** How the three questions are combined into the index. */
    public enum Definition {
        /** The average of the three NPS-style question scores, on −100..100: the {@link #DEFAULT}. */
        NPS_AVERAGE(-100.0, 100.0, 100.0 / 3.0),
        /** The average of the three mean ratings, on 0..10. */
        MEAN_RATING_AVERAGE(0.0, 10.0, 1.0 / 3.0);

        /** The index of the telecom KPI guide, where no definition is given: {@link #NPS_AVERAGE}. */
        public static final Definition DEFAULT = NPS_AVERAGE;

        private final double low;
        private final double high;
        /** The index per unit of a respondent's sum of scores (NPS-style +1/0/−1 or ratings). */
        private final double perUnitOfSum;

        Definition(double low, double high, double perUnitOfSum) {
            this.low = low;
            this.high = high;
            this.perUnitOfSum = perUnitOfSum;
        }
    }

    /*
     * The tallies, in this order: the answers to each question on 0..10, and per respondent the sum
     * of the three NPS-style scores (+1, 0, −1) on −3..3 and the sum of the three ratings on 0..30.
     */
    private static final int RECOMMEND = 0;
    private static final int REPURCHASE = 1;
    private static final int TRY_OTHER = 2;
    private static final int NPS_SUMS = 3;
    private static final int RATING_SUMS = 4;
    private static final RatingScale[] SCALES = {RatingScale.ZERO_TO_TEN, RatingScale.ZERO_TO_TEN,
        RatingScale.ZERO_TO_TEN, RatingScale.of(-3, 3), RatingScale.of(0, 30)};

    private final Definition definition;
    private final ResponseTally[] tallies;

    private CustomerLoyaltyScore(Definition definition, ResponseTally[] tallies) {
        this.definition = definition;
        this.tallies = tallies;
    }

    /**
     * The score, under the {@link Definition#DEFAULT}, of respondents whose answers are
     * {@code recommend[i]}, {@code repurchase[i]} and {@code tryOther[i]}.
     *
     * @throws InvalidArgumentException if the arrays differ in length or an answer is not in 0..10
     */
    public static CustomerLoyaltyScore of(int[] recommend, int[] repurchase, int[] tryOther) {
        Checks.notNull(recommend, "recommend");
        Checks.notNull(repurchase, "repurchase");
        Checks.notNull(tryOther, "tryOther");
        if (repurchase.length != recommend.length) {
            throw InvalidArgumentException.of("repurchase", "as long as recommend (" + recommend.length + ")",
                    repurchase.length + " answers");
        }
        if (tryOther.length != recommend.length) {
            throw InvalidArgumentException.of("tryOther", "as long as recommend (" + recommend.length + ")",
                    tryOther.length + " answers");
        }
        Accumulator accumulator = accumulator();
        for (int i = 0; i < recommend.length; i++) {
            accumulator.add(recommend[i], repurchase[i], tryOther[i]);
        }
        return accumulator.snapshot();
    }

    /** A new, empty accumulator of respondents; its snapshots have the {@link Definition#DEFAULT}. */
    public static Accumulator accumulator() {
        return new Accumulator();
    }

    /** A collector of a stream of respondents whose three answers the given functions read. */
    public static <T> Collector<T, ?, CustomerLoyaltyScore> collector(ToIntFunction<? super T> recommend,
            ToIntFunction<? super T> repurchase, ToIntFunction<? super T> tryOther) {
        Checks.notNull(recommend, "recommend");
        Checks.notNull(repurchase, "repurchase");
        Checks.notNull(tryOther, "tryOther");
        return org.loyaltymetrics.Accumulator.collector(Accumulator::new,
                (acc, t) -> acc.add(recommend.applyAsInt(t), repurchase.applyAsInt(t), tryOther.applyAsInt(t)));
    }

    /** How the three questions are combined into {@link #value()}. */
    public Definition definition() {
        return definition;
    }

    /** The same respondents under {@code definition}. */
    public CustomerLoyaltyScore withDefinition(Definition definition) {
        Checks.notNull(definition, "definition");
        return new CustomerLoyaltyScore(definition, tallies);
    }

    /** The number of respondents. */
    public long respondents() {
        return tallies[RECOMMEND].total();
    }

    /** Whether there are no respondents, so that the index is undefined. */
    @Override
    public boolean isEmpty() {
        return tallies[RECOMMEND].isEmpty();
    }

    /** The NPS-style score of "how likely are you to recommend us to friends and family?". */
    public NetPromoterScore recommendation() {
        return NetPromoterScore.from(tallies[RECOMMEND]);
    }

    /** The NPS-style score of "how likely are you to buy from us again?". */
    public NetPromoterScore repurchase() {
        return NetPromoterScore.from(tallies[REPURCHASE]);
    }

    /** The NPS-style score of "how likely are you to try our other products and services?". */
    public NetPromoterScore tryOther() {
        return NetPromoterScore.from(tallies[TRY_OTHER]);
    }

    /** The answers to the three questions, in the order recommend, repurchase, try other. */
    public ResponseTally[] questionTallies() {
        return Arrays.copyOf(tallies, 3);
    }

    /**
     * The index under the {@link #definition()}: the average of the three NPS-style scores
     * (−100..100), or of the three mean ratings (0..10).
     *
     * @throws UndefinedResultException if there are no respondents
     */
    @Override
    public double value() {
        requireRespondents();
        if (definition == Definition.NPS_AVERAGE) {
            return (recommendation().value() + repurchase().value() + tryOther().value()) / 3.0;
        }
        return (tallies[RECOMMEND].mean() + tallies[REPURCHASE].mean() + tallies[TRY_OTHER].mean()) / 3.0;
    }

    /**
     * The index with its standard error, from the respondents' own averages: SE = s/√n of the
     * respondents' sums, scaled to the index, with n − 1 degrees of freedom.
     *
     * @throws UndefinedResultException if there are fewer than two respondents
     */
    public Estimate estimate() {
        Estimate sums = tallies[definition == Definition.NPS_AVERAGE ? NPS_SUMS : RATING_SUMS].meanEstimate();
        return new Estimate(value(), sums.standardError() * definition.perUnitOfSum, sums.degreesOfFreedom());
    }

    /**
     * The Student's t interval of the index at {@code confidence}, truncated to the index's range.
     *
     * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
     * @throws UndefinedResultException if there are fewer than two respondents
     */
    @Override
    public ConfidenceInterval confidenceInterval(double confidence) {
        ConfidenceInterval interval = estimate().confidenceInterval(confidence);
        return new ConfidenceInterval(Math.max(definition.low, interval.low()),
                Math.min(definition.high, interval.high()), confidence);
    }

    /**
     * Tests the change of the index {@code this.value() − earlier.value()} between two independent
     * samples (Welch's t test on the respondents' averages).
     *
     * @throws InvalidArgumentException if {@code earlier} has another definition
     * @throws UndefinedResultException if either sample has fewer than two respondents, or neither
     *     varies
     */
    @Override
    public DifferenceTest differenceFrom(CustomerLoyaltyScore earlier) {
        checkSameDefinition(earlier, "earlier");
        return estimate().differenceFrom(earlier.estimate());
    }

    /**
     * The score of both samples together.
     *
     * @throws InvalidArgumentException if {@code other} has another definition
     */
    public CustomerLoyaltyScore plus(CustomerLoyaltyScore other) {
        checkSameDefinition(other, "other");
        return accumulator().addAll(this).addAll(other).snapshot().withDefinition(definition);
    }

    private void checkSameDefinition(CustomerLoyaltyScore argument, String name) {
        Checks.notNull(argument, name);
        Checks.sameSetting(definition, argument.definition, name, "definition");
    }

    private void requireRespondents() {
        if (isEmpty()) {
            throw new UndefinedResultException("the customer loyalty score is undefined: there are no respondents");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CustomerLoyaltyScore)) {
            return false;
        }
        CustomerLoyaltyScore that = (CustomerLoyaltyScore) o;
        return definition == that.definition && Arrays.equals(tallies, that.tallies);
    }

    @Override
    public int hashCode() {
        return 31 * definition.hashCode() + Arrays.hashCode(tallies);
    }

    /**
     * Reads, e.g., {@code "Customer loyalty score 21.7 (recommend 30.0, repurchase 25.0, try other
     * 10.0; mean ratings 7.41), n = 120"}, or under {@link Definition#MEAN_RATING_AVERAGE}
     * {@code "Customer loyalty score 7.41 on 0..10 (mean ratings: recommend 8.25, repurchase 7.25, try
     * other 6.73), n = 120"}.
     */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "Customer loyalty score undefined (no respondents)";
        }
        if (definition == Definition.MEAN_RATING_AVERAGE) {
            return "Customer loyalty score " + Formatting.decimal(value(), 2) + " on 0..10 (mean ratings: recommend "
                    + Formatting.decimal(tallies[RECOMMEND].mean(), 2) + ", repurchase "
                    + Formatting.decimal(tallies[REPURCHASE].mean(), 2) + ", try other "
                    + Formatting.decimal(tallies[TRY_OTHER].mean(), 2) + "), n = " + respondents();
        }
        return "Customer loyalty score " + Formatting.decimal(value(), 1) + " (recommend "
                + Formatting.decimal(recommendation().value(), 1) + ", repurchase "
                + Formatting.decimal(repurchase().value(), 1) + ", try other "
                + Formatting.decimal(tryOther().value(), 1)
                + "; mean ratings " + Formatting.decimal(withDefinition(Definition.MEAN_RATING_AVERAGE).value(), 2)
                + "), n = " + respondents();
    }

    /**
     * A mutable accumulator of respondents' three answers; adding a respondent allocates nothing, and
     * accumulators combine exactly. It tallies what both {@link Definition}s need; its snapshots have
     * the {@link Definition#DEFAULT} (read another with {@link CustomerLoyaltyScore#withDefinition}).
     * Not thread-safe: use one per thread and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, CustomerLoyaltyScore> {

        private static final long serialVersionUID = 1L;

        private final ResponseTally.Accumulator[] tallies = new ResponseTally.Accumulator[SCALES.length];

        Accumulator() {
            for (int i = 0; i < SCALES.length; i++) {
                tallies[i] = ResponseTally.accumulator(SCALES[i]);
            }
        }

        /**
         * Adds one respondent's three answers; all three are checked before any is counted.
         *
         * @throws InvalidArgumentException naming the first answer that is not in 0..10
         */
        public Accumulator add(int recommend, int repurchase, int tryOther) {
            checkAnswer(recommend, "recommend");
            checkAnswer(repurchase, "repurchase");
            checkAnswer(tryOther, "tryOther");
            tallies[RECOMMEND].add(recommend);
            tallies[REPURCHASE].add(repurchase);
            tallies[TRY_OTHER].add(tryOther);
            tallies[NPS_SUMS].add(npsScore(recommend) + npsScore(repurchase) + npsScore(tryOther));
            tallies[RATING_SUMS].add(recommend + repurchase + tryOther);
            return this;
        }

        /** Adds every respondent of {@code other} ({@code other} is left unchanged). */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            for (int i = 0; i < tallies.length; i++) {
                tallies[i].combine(other.tallies[i]);
            }
            return this;
        }

        /** Adds every respondent counted by {@code score}, whatever its definition. */
        public Accumulator addAll(CustomerLoyaltyScore score) {
            Checks.notNull(score, "score");
            for (int i = 0; i < tallies.length; i++) {
                tallies[i].addAll(score.tallies[i]);
            }
            return this;
        }

        /** The number of respondents added so far. */
        public long respondents() {
            return tallies[RECOMMEND].total();
        }

        /** The score of the respondents added so far, under the {@link Definition#DEFAULT}. */
        @Override
        public CustomerLoyaltyScore snapshot() {
            ResponseTally[] snapshots = new ResponseTally[tallies.length];
            for (int i = 0; i < tallies.length; i++) {
                snapshots[i] = tallies[i].snapshot();
            }
            return new CustomerLoyaltyScore(Definition.DEFAULT, snapshots);
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "survey.CustomerLoyaltyScore.Accumulator"}, version 1: its five tallies, each as
         * {@link ResponseTally.Accumulator#binaryForm()} writes its fields (scale, counts): the answers to
         * recommend, repurchase and try other (0..10), the sums of the three NPS scores (-3..3) and of
         * the three answers (0..30).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "survey.CustomerLoyaltyScore.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            for (ResponseTally.Accumulator tally : value.tallies) {
                tally.writeFields(out);
            }
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Accumulator read = new Accumulator();
            for (int i = 0; i < SCALES.length; i++) {
                ResponseTally.Accumulator tally = ResponseTally.Accumulator.readFields(in);
                BinaryFields.checkField(tally.scale().equals(SCALES[i]), "tally " + i + " on " + SCALES[i],
                        tally.scale());
                BinaryFields.checkField(tally.total() == (i == 0 ? tally.total() : read.tallies[0].total()),
                        "tallies of as many respondents as the first, " + read.tallies[0].total(), tally.total());
                read.tallies[i].combine(tally);
            }
            return read;
        }

        /** Reads, e.g., {@code "CustomerLoyaltyScore.Accumulator, 120 respondents"}. */
        @Override
        public String toString() {
            return "CustomerLoyaltyScore.Accumulator, " + Formatting.plural(respondents(), "respondent");
        }

        private static void checkAnswer(int answer, String question) {
            if (!RatingScale.ZERO_TO_TEN.contains(answer)) {
                throw InvalidArgumentException.of(question, "in 0..10", answer);
            }
        }

        private static int npsScore(int answer) {
            return NetPromoterScore.PROMOTER_ANSWERS.contains(answer) ? 1
                    : NetPromoterScore.DETRACTOR_ANSWERS.contains(answer) ? -1 : 0;
        }
    }
}
