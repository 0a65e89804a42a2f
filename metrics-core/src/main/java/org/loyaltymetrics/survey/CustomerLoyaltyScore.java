package org.loyaltymetrics.survey;

import java.io.Serializable;
import java.util.function.ToIntFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Estimate;

/**
 * The customer loyalty score of article 000: each respondent answers three questions on 0..10 —
 * how likely to recommend us to friends and family, to buy from us again, and to try our other
 * products and services — and the score is the average of the three question scores.
 *
 * <p>Two indices, named by {@link Method}:
 * <ul>
 *   <li>{@link Method#NPS_AVERAGE} (default): each question is scored like an NPS (9–10 count +1,
 *       7–8 count 0, 0–6 count −1, × 100) and the index is the average of the three, on −100..100;
 *   <li>{@link Method#MEAN_RATING_AVERAGE}: the average of the three mean ratings, on 0..10.
 * </ul>
 * Since every respondent answers all three questions, each index is also the mean over respondents
 * of their own average; that per-respondent composite is tallied too, so that the index has an
 * honest interval that accounts for the correlation between one respondent's answers.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class CustomerLoyaltyScore {

    /** How the three questions are combined into the index. */
    public enum Method {
        /** The average of the three NPS-style question scores, on −100..100. */
        NPS_AVERAGE,
        /** The average of the three mean ratings, on 0..10. */
        MEAN_RATING_AVERAGE
    }

    /** Per respondent, the sum of the three NPS-style scores (+1, 0, −1): −3..3. */
    private static final RatingScale NPS_SUM_SCALE = RatingScale.of(-3, 3);
    /** Per respondent, the sum of the three ratings: 0..30. */
    private static final RatingScale RATING_SUM_SCALE = RatingScale.of(0, 30);

    private final ResponseTally recommend;
    private final ResponseTally repurchase;
    private final ResponseTally tryOther;
    private final ResponseTally npsSums;
    private final ResponseTally ratingSums;

    private CustomerLoyaltyScore(Accumulator accumulator) {
        this.recommend = accumulator.recommend.snapshot();
        this.repurchase = accumulator.repurchase.snapshot();
        this.tryOther = accumulator.tryOther.snapshot();
        this.npsSums = accumulator.npsSums.snapshot();
        this.ratingSums = accumulator.ratingSums.snapshot();
    }

    /**
     * The score of respondents whose answers are {@code recommend[i]}, {@code repurchase[i]} and
     * {@code tryOther[i]}.
     *
     * @throws IllegalArgumentException if the arrays differ in length or an answer is not in 0..10
     */
    public static CustomerLoyaltyScore of(int[] recommend, int[] repurchase, int[] tryOther) {
        Checks.notNull(recommend, "recommend");
        Checks.notNull(repurchase, "repurchase");
        Checks.notNull(tryOther, "tryOther");
        if (repurchase.length != recommend.length || tryOther.length != recommend.length) {
            throw new IllegalArgumentException("recommend, repurchase and tryOther must have the same length, had "
                    + recommend.length + ", " + repurchase.length + " and " + tryOther.length);
        }
        Accumulator accumulator = accumulator();
        for (int i = 0; i < recommend.length; i++) {
            accumulator.add(recommend[i], repurchase[i], tryOther[i]);
        }
        return accumulator.snapshot();
    }

    /** A new, empty accumulator of respondents. */
    public static Accumulator accumulator() {
        return new Accumulator();
    }

    /** A collector of a stream of respondents whose three answers the given functions read. */
    public static <T> Collector<T, ?, CustomerLoyaltyScore> collector(ToIntFunction<? super T> recommend,
            ToIntFunction<? super T> repurchase, ToIntFunction<? super T> tryOther) {
        Checks.notNull(recommend, "recommend");
        Checks.notNull(repurchase, "repurchase");
        Checks.notNull(tryOther, "tryOther");
        return Collector.of(Accumulator::new,
                (acc, t) -> acc.add(recommend.applyAsInt(t), repurchase.applyAsInt(t), tryOther.applyAsInt(t)),
                Accumulator::combine, Accumulator::snapshot, Collector.Characteristics.UNORDERED);
    }

    /** The number of respondents. */
    public long respondents() {
        return recommend.total();
    }

    /** Whether there are no respondents. */
    public boolean isEmpty() {
        return recommend.isEmpty();
    }

    /** The NPS-style score of "how likely are you to recommend us to friends and family?". */
    public NetPromoterScore recommendation() {
        return NetPromoterScore.from(recommend);
    }

    /** The NPS-style score of "how likely are you to buy from us again?". */
    public NetPromoterScore repurchase() {
        return NetPromoterScore.from(repurchase);
    }

    /** The NPS-style score of "how likely are you to try our other products and services?". */
    public NetPromoterScore tryOther() {
        return NetPromoterScore.from(tryOther);
    }

    /** The answers to the three questions, in the order recommend, repurchase, try other. */
    public ResponseTally[] questionTallies() {
        return new ResponseTally[] {recommend, repurchase, tryOther};
    }

    /**
     * The index under {@link Method#NPS_AVERAGE}: the average of the three NPS-style scores.
     *
     * @throws UndefinedResultException if there are no respondents
     */
    public double index() {
        return index(Method.NPS_AVERAGE);
    }

    /**
     * The index under {@code method}.
     *
     * @throws UndefinedResultException if there are no respondents
     */
    public double index(Method method) {
        Checks.notNull(method, "method");
        requireRespondents();
        if (method == Method.NPS_AVERAGE) {
            return (recommendation().score() + repurchase().score() + tryOther().score()) / 3.0;
        }
        return (recommend.mean() + repurchase.mean() + tryOther.mean()) / 3.0;
    }

    /**
     * The index under {@code method} with its standard error, from the respondents' own averages
     * (n − 1 degrees of freedom).
     *
     * @throws UndefinedResultException if there are fewer than two respondents
     */
    public Estimate estimate(Method method) {
        Checks.notNull(method, "method");
        Estimate sums = (method == Method.NPS_AVERAGE ? npsSums : ratingSums).meanEstimate();
        double scale = method == Method.NPS_AVERAGE ? 100.0 / 3.0 : 1.0 / 3.0;
        return new Estimate(index(method), sums.standardError() * scale, sums.degreesOfFreedom());
    }

    /** The Student's t interval of the index under {@link Method#NPS_AVERAGE}. */
    public ConfidenceInterval confidenceInterval(double confidence) {
        return confidenceInterval(confidence, Method.NPS_AVERAGE);
    }

    /** The Student's t interval of the index under {@code method}, truncated to the index's range. */
    public ConfidenceInterval confidenceInterval(double confidence, Method method) {
        ConfidenceInterval interval = estimate(method).confidenceInterval(confidence);
        double bound = method == Method.NPS_AVERAGE ? 100.0 : 10.0;
        double floor = method == Method.NPS_AVERAGE ? -100.0 : 0.0;
        return new ConfidenceInterval(Math.max(floor, interval.low()), Math.min(bound, interval.high()), confidence);
    }

    /**
     * Tests the difference of indices {@code this − other} under {@code method} between two
     * independent samples (Welch's t test on the respondents' averages).
     */
    public DifferenceTest differenceFrom(CustomerLoyaltyScore other, Method method) {
        Checks.notNull(other, "other");
        return estimate(method).differenceFrom(other.estimate(method));
    }

    /** The score of both samples together. */
    public CustomerLoyaltyScore plus(CustomerLoyaltyScore other) {
        Checks.notNull(other, "other");
        Accumulator accumulator = accumulator();
        accumulator.addAll(this);
        accumulator.addAll(other);
        return accumulator.snapshot();
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
        return recommend.equals(that.recommend) && repurchase.equals(that.repurchase) && tryOther.equals(that.tryOther)
                && npsSums.equals(that.npsSums) && ratingSums.equals(that.ratingSums);
    }

    @Override
    public int hashCode() {
        return ((recommend.hashCode() * 31 + repurchase.hashCode()) * 31 + tryOther.hashCode()) * 31 + npsSums.hashCode();
    }

    /**
     * Reads, e.g., {@code "Customer loyalty score 21.7 (recommend 30.0, repurchase 25.0, try other
     * 10.0; mean ratings 7.41), n = 120"}.
     */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "Customer loyalty score undefined (no respondents)";
        }
        return "Customer loyalty score " + Formatting.decimal(index(), 1) + " (recommend "
                + Formatting.decimal(recommendation().score(), 1) + ", repurchase "
                + Formatting.decimal(repurchase().score(), 1) + ", try other " + Formatting.decimal(tryOther().score(), 1)
                + "; mean ratings " + Formatting.decimal(index(Method.MEAN_RATING_AVERAGE), 2) + "), n = " + respondents();
    }

    /**
     * A mutable accumulator of respondents' three answers; adding a respondent allocates nothing, and
     * accumulators combine exactly. Not thread-safe: use one per thread and combine them.
     */
    public static final class Accumulator implements Serializable {

        private static final long serialVersionUID = 1L;


        private final ResponseTally.Accumulator recommend = ResponseTally.accumulator(RatingScale.ZERO_TO_TEN);
        private final ResponseTally.Accumulator repurchase = ResponseTally.accumulator(RatingScale.ZERO_TO_TEN);
        private final ResponseTally.Accumulator tryOther = ResponseTally.accumulator(RatingScale.ZERO_TO_TEN);
        private final ResponseTally.Accumulator npsSums = ResponseTally.accumulator(NPS_SUM_SCALE);
        private final ResponseTally.Accumulator ratingSums = ResponseTally.accumulator(RATING_SUM_SCALE);

        Accumulator() {
        }

        /**
         * Adds one respondent's three answers; all three are checked before any is counted.
         *
         * @throws IllegalArgumentException if an answer is not in 0..10
         */
        public Accumulator add(int recommendAnswer, int repurchaseAnswer, int tryOtherAnswer) {
            checkAnswer(recommendAnswer, "recommend");
            checkAnswer(repurchaseAnswer, "repurchase");
            checkAnswer(tryOtherAnswer, "tryOther");
            recommend.add(recommendAnswer);
            repurchase.add(repurchaseAnswer);
            tryOther.add(tryOtherAnswer);
            npsSums.add(npsScore(recommendAnswer) + npsScore(repurchaseAnswer) + npsScore(tryOtherAnswer));
            ratingSums.add(recommendAnswer + repurchaseAnswer + tryOtherAnswer);
            return this;
        }

        /** Adds every respondent of {@code other} ({@code other} is left unchanged). */
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            recommend.combine(other.recommend);
            repurchase.combine(other.repurchase);
            tryOther.combine(other.tryOther);
            npsSums.combine(other.npsSums);
            ratingSums.combine(other.ratingSums);
            return this;
        }

        /** Adds every respondent counted by {@code score}. */
        public Accumulator addAll(CustomerLoyaltyScore score) {
            Checks.notNull(score, "score");
            recommend.addAll(score.recommend);
            repurchase.addAll(score.repurchase);
            tryOther.addAll(score.tryOther);
            npsSums.addAll(score.npsSums);
            ratingSums.addAll(score.ratingSums);
            return this;
        }

        /** The number of respondents added so far. */
        public long respondents() {
            return recommend.total();
        }

        /** The score of the respondents added so far. */
        public CustomerLoyaltyScore snapshot() {
            return new CustomerLoyaltyScore(this);
        }

        private static void checkAnswer(int answer, String question) {
            if (!RatingScale.ZERO_TO_TEN.contains(answer)) {
                throw new IllegalArgumentException(question + " answer must be in 0..10, was " + answer);
            }
        }

        private static int npsScore(int answer) {
            return NetPromoterScore.PROMOTER_ANSWERS.contains(answer) ? 1
                    : NetPromoterScore.DETRACTOR_ANSWERS.contains(answer) ? -1 : 0;
        }
    }
}
