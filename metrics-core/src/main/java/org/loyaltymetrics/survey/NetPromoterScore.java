package org.loyaltymetrics.survey;

import java.util.function.ToIntFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Distributions;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.stats.Measure;
import org.loyaltymetrics.stats.Proportion;

/**
 * The Net Promoter Score (NPS) of answers to "how likely are you to recommend us to a friend or
 * colleague?" on 0..10: promoters answer 9–10, passives 7–8, detractors 0–6, and
 * NPS = 100 × (promoters − detractors) / responses, on −100..100 (Reichheld 2003; the loyalty and retention guide:
 * 50 % promoters, 30 % passives and 20 % detractors give an NPS of 30).
 *
 * <p><b>Uncertainty.</b> Each respondent scores +1 (promoter), 0 (passive) or −1 (detractor); the NPS
 * is 100 × their mean. With shares p of promoters and d of detractors the per-respondent variance is
 * Var = p + d − (p − d)² and the standard error SE = 100 √(Var / n) (the {@link IntervalMethod#WALD}
 * interval, NPS ± z SE). The {@link IntervalMethod#ADJUSTED_WALD} interval adds 3 to n and ¾ to the
 * promoters and to the detractors before computing the same (Rocks 2016), which keeps a sensible
 * width for small samples and extreme scores; it is centred on the adjusted score. Intervals are
 * truncated to −100..100. A change between two independent samples is tested with
 * {@code later.differenceFrom(earlier)}: z = (NPS₁ − NPS₂) / √(SE₁² + SE₂²) from the Wald standard
 * errors.
 *
 * <p>Build one from raw answers ({@link #of(int...)}), from counts ({@link #ofCounts(long, long, long)}),
 * from a tally ({@link #from(ResponseTally)}), with an {@link #accumulator()} or a {@link #collector()}.
 * An NPS of no responses exists ({@link #isEmpty()}), but its score and every figure derived from it
 * throw {@link UndefinedResultException}.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param promoters the number of promoters (answers 9–10)
 * @param passives the number of passives (answers 7–8)
 * @param detractors the number of detractors (answers 0–6)
 */
public record NetPromoterScore(long promoters, long passives, long detractors) implements Measure<NetPromoterScore> {

    /** How the interval of an NPS is computed. */
    public enum IntervalMethod {
        /** NPS ± z · 100 √(Var / n), Var = p + d − (p − d)²: the {@link #DEFAULT}. */
        WALD,
        /**
         * The Wald interval after adding 3 to n and ¾ to promoters and to detractors, centred on the
         * adjusted score.
         */
        ADJUSTED_WALD;

        /** The method of the one-argument {@link NetPromoterScore#confidenceInterval(double)}: {@link #WALD}. */
        public static final IntervalMethod DEFAULT = WALD;
    }

    /** The NPS definition: answers on 0..10, promoters 9..10, detractors 0..6. */
    public static final SurveyMetric<NetPromoterScore> DEFINITION = new Metric();

    /** The promoters' answers, 9..10. */
    public static final RatingScale.Band PROMOTER_ANSWERS = RatingScale.ZERO_TO_TEN.band(9, 10);
    /** The passives' answers, 7..8. */
    public static final RatingScale.Band PASSIVE_ANSWERS = RatingScale.ZERO_TO_TEN.band(7, 8);
    /** The detractors' answers, 0..6. */
    public static final RatingScale.Band DETRACTOR_ANSWERS = RatingScale.ZERO_TO_TEN.band(0, 6);

    /**
     * Validates the counts.
     *
     * @throws InvalidArgumentException if a count is negative
     * @throws ArithmeticException if the number of responses overflows a {@code long}
     */
    public NetPromoterScore {
        Checks.count(promoters, "promoters");
        Checks.count(passives, "passives");
        Checks.count(detractors, "detractors");
        Checks.addCounts(Checks.addCounts(promoters, passives, "responses"), detractors, "responses");
    }

    /**
     * The NPS of {@code answers} on 0..10.
     *
     * @throws InvalidArgumentException if an answer is not in 0..10
     */
    public static NetPromoterScore of(int... answers) {
        return DEFINITION.of(answers);
    }

    /**
     * The NPS of {@code answers} on 0..10, one byte per answer.
     *
     * @throws InvalidArgumentException if an answer is not in 0..10
     */
    public static NetPromoterScore of(byte[] answers) {
        return DEFINITION.of(answers);
    }

    /**
     * The NPS of the given numbers of promoters, passives and detractors (the canonical constructor).
     *
     * @throws InvalidArgumentException if a count is negative
     * @throws ArithmeticException if the number of responses overflows a {@code long}
     */
    public static NetPromoterScore ofCounts(long promoters, long passives, long detractors) {
        return new NetPromoterScore(promoters, passives, detractors);
    }

    /**
     * The NPS of the answers counted by {@code tally}.
     *
     * @throws InvalidArgumentException if the tally's scale is not 0..10
     */
    public static NetPromoterScore from(ResponseTally tally) {
        Checks.notNull(tally, "tally");
        if (!tally.scale().equals(RatingScale.ZERO_TO_TEN)) {
            throw InvalidArgumentException.of("tally", "on the NPS scale 0..10", "on " + tally.scale());
        }
        return new NetPromoterScore(tally.count(PROMOTER_ANSWERS), tally.count(PASSIVE_ANSWERS),
                tally.count(DETRACTOR_ANSWERS));
    }

    /** A new, empty accumulator of 0..10 answers. */
    public static SurveyAccumulator<NetPromoterScore> accumulator() {
        return DEFINITION.accumulator();
    }

    /** A collector of a stream of 0..10 answers. */
    public static Collector<Integer, ?, NetPromoterScore> collector() {
        return DEFINITION.collector();
    }

    /** A collector of a stream of elements whose 0..10 answer {@code answerOf} reads. */
    public static <T> Collector<T, ?, NetPromoterScore> collector(ToIntFunction<? super T> answerOf) {
        return DEFINITION.collector(answerOf);
    }

    /**
     * The number of responses needed for a margin of error of at most {@code marginOfError} NPS
     * points at {@code confidence}, in the worst case Var = 1 (half promoters, half detractors):
     * n = ⌈(z / (marginOfError / 100))²⌉.
     *
     * @param marginOfError the half-width of the interval in NPS points, in (0, 100]
     * @param confidence the confidence level, in (0, 1)
     * @throws InvalidArgumentException if an argument is out of its range
     */
    public static long requiredSampleSize(double marginOfError, double confidence) {
        return requiredSampleSize(marginOfError, confidence, 0.5, 0.5);
    }

    /**
     * The number of responses needed for a margin of error of at most {@code marginOfError} NPS
     * points at {@code confidence} when about {@code promoterShare} of respondents are promoters and
     * {@code detractorShare} detractors: n = ⌈z² Var / (marginOfError / 100)²⌉ with
     * Var = p + d − (p − d)².
     *
     * <p>The count must fit a {@code long}: a margin so small that more than {@link Long#MAX_VALUE}
     * responses would be needed (below about 6.5e-8 points at 95 % in the worst case) is refused
     * rather than answered with a saturated count.
     *
     * @param marginOfError the half-width of the interval in NPS points, in (0, 100], and large enough
     *     that the count fits a long
     * @param promoterShare the expected share of promoters, in [0, 1]
     * @param detractorShare the expected share of detractors, in [0, 1 − promoterShare]
     * @throws InvalidArgumentException if an argument is out of its range, or if the margin is so
     *     small that the count would exceed {@link Long#MAX_VALUE} (naming {@code marginOfError} and
     *     the smallest margin that can be answered)
     */
    public static long requiredSampleSize(double marginOfError, double confidence, double promoterShare,
            double detractorShare) {
        if (!(marginOfError > 0.0 && marginOfError <= 100.0)) {
            throw InvalidArgumentException.of("marginOfError", "in (0, 100] NPS points", marginOfError);
        }
        double z = Distributions.normalCriticalValue(confidence);
        Checks.fraction(promoterShare, "promoterShare");
        // the sum, not 1 - promoterShare: 1 - 0.9 is 0.09999999999999998, and 0.9 + 0.1 is 1
        if (!(detractorShare >= 0.0 && promoterShare + detractorShare <= 1.0)) {
            throw InvalidArgumentException.of("detractorShare", "in [0.0, " + (1.0 - promoterShare)
                    + "] (promoterShare + detractorShare <= 1)", detractorShare);
        }
        double variance = variance(promoterShare, detractorShare);
        if (variance == 0.0) {
            return 1; // every respondent gives the same verdict: one response measures the score exactly
        }
        double fraction = marginOfError / 100.0;
        double exact = z * z * variance / (fraction * fraction);
        // A requirement within a relative 1e-12 of a whole number, such as 384.0000000001, is that number
        // (rounding noise); any other is rounded up. (Multiplying every requirement by 1 - 1e-12 before
        // rounding up, as before, understated the counts above 1e12 by up to one in 1e12.)
        double nearest = Math.rint(exact);
        double required = Math.abs(exact - nearest) <= 1e-12 * exact ? nearest : Math.ceil(exact);
        // 2^63 is the first double above Long.MAX_VALUE (infinity too, where the square underflows)
        if (!(required < 0x1p63)) {
            double smallest = 100.0 * z * Math.sqrt(variance / 0x1p63);
            throw InvalidArgumentException.of("marginOfError", "at least " + smallest + " NPS points at confidence "
                    + confidence + " for the required count of responses to fit a long", marginOfError);
        }
        return Math.max(1L, (long) required);
    }

    /** The number of responses: promoters + passives + detractors. */
    public long responses() {
        return promoters + passives + detractors;
    }

    /** Whether there are no responses, so that the score is undefined. */
    @Override
    public boolean isEmpty() {
        return responses() == 0;
    }

    /**
     * The score, 100 × (promoters − detractors) / responses, in −100..100.
     *
     * @throws UndefinedResultException if there are no responses
     */
    @Override
    public double value() {
        requireResponses();
        return 100.0 * (promoters - detractors) / responses();
    }

    /** The share of promoters. */
    public Proportion promoterShare() {
        return Proportion.of(promoters, responses());
    }

    /** The share of passives. */
    public Proportion passiveShare() {
        return Proportion.of(passives, responses());
    }

    /** The share of detractors. */
    public Proportion detractorShare() {
        return Proportion.of(detractors, responses());
    }

    /**
     * The standard error of the score (Wald), 100 √((p + d − (p − d)²) / n).
     *
     * @throws UndefinedResultException if there are no responses
     */
    public double standardError() {
        return estimate(IntervalMethod.WALD).standardError();
    }

    /**
     * The score and its standard error under {@code method}; for {@link IntervalMethod#ADJUSTED_WALD}
     * the value is the adjusted score 100 (P + ¾ − D − ¾) / (n + 3) = 100 (P − D) / (n + 3).
     *
     * @throws UndefinedResultException if there are no responses
     */
    public Estimate estimate(IntervalMethod method) {
        Checks.notNull(method, "method");
        requireResponses();
        double added = method == IntervalMethod.ADJUSTED_WALD ? 0.75 : 0.0;
        double n = responses() + 4.0 * added;
        double p = (promoters + added) / n;
        double d = (detractors + added) / n;
        return Estimate.normal(100.0 * (p - d), 100.0 * Math.sqrt(variance(p, d) / n));
    }

    /**
     * The margin of error at {@code confidence} by the {@link IntervalMethod#DEFAULT} method (Wald), in
     * NPS points: z × {@link #standardError()}.
     *
     * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
     * @throws UndefinedResultException if there are no responses
     */
    public double marginOfError(double confidence) {
        return marginOfError(confidence, IntervalMethod.DEFAULT);
    }

    /**
     * The margin of error at {@code confidence} under {@code method}, in NPS points (before the
     * interval is truncated to −100..100).
     *
     * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
     * @throws UndefinedResultException if there are no responses
     */
    public double marginOfError(double confidence, IntervalMethod method) {
        return estimate(method).marginOfError(confidence);
    }

    /**
     * The interval of the score at {@code confidence} by the {@link IntervalMethod#DEFAULT} method
     * (Wald), truncated to −100..100.
     *
     * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
     * @throws UndefinedResultException if there are no responses
     */
    @Override
    public ConfidenceInterval confidenceInterval(double confidence) {
        return confidenceInterval(confidence, IntervalMethod.DEFAULT);
    }

    /**
     * The interval of the score at {@code confidence} under {@code method}, truncated to −100..100.
     *
     * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
     * @throws UndefinedResultException if there are no responses
     */
    public ConfidenceInterval confidenceInterval(double confidence, IntervalMethod method) {
        ConfidenceInterval interval = estimate(method).confidenceInterval(confidence);
        return new ConfidenceInterval(Math.max(-100.0, interval.low()), Math.min(100.0, interval.high()), confidence);
    }

    /**
     * Tests the change {@code this.value() − earlier.value()} between two independent samples (two
     * periods, two segments): SE = √(SE₁² + SE₂²) from the Wald standard errors, z = difference / SE,
     * and the two-sided normal p-value.
     *
     * @throws UndefinedResultException if either sample is empty, or both have zero variance (every
     *     respondent of both gave the same kind of answer)
     */
    @Override
    public DifferenceTest differenceFrom(NetPromoterScore earlier) {
        Checks.notNull(earlier, "earlier");
        return estimate(IntervalMethod.WALD).differenceFrom(earlier.estimate(IntervalMethod.WALD));
    }

    /**
     * The NPS of both samples together.
     *
     * @throws ArithmeticException if a count overflows
     */
    public NetPromoterScore plus(NetPromoterScore other) {
        Checks.notNull(other, "other");
        return new NetPromoterScore(Checks.addCounts(promoters, other.promoters, "promoters"),
                Checks.addCounts(passives, other.passives, "passives"),
                Checks.addCounts(detractors, other.detractors, "detractors"));
    }

    private static double variance(double promoterShare, double detractorShare) {
        double mean = promoterShare - detractorShare;
        return Math.max(0.0, promoterShare + detractorShare - mean * mean);
    }

    private void requireResponses() {
        if (isEmpty()) {
            throw new UndefinedResultException("the Net Promoter Score is undefined: there are no responses");
        }
    }

    /**
     * Reads, e.g., {@code "NPS 30.0 ±6.4 (95%), n = 200: 100 promoters (50.00%), 60 passives (30.00%),
     * 40 detractors (20.00%)"}.
     */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "NPS undefined (no responses)";
        }
        return "NPS " + Formatting.decimal(value(), 1) + " ±" + Formatting.decimal(marginOfError(0.95), 1)
                + " (95%), n = " + responses() + ": " + promoters + " promoters (" + Formatting.percent(promoterShare().value())
                + "), " + passives + " passives (" + Formatting.percent(passiveShare().value()) + "), "
                + detractors + " detractors (" + Formatting.percent(detractorShare().value()) + ")";
    }

    private static final class Metric implements SurveyMetric<NetPromoterScore> {

        private static final long serialVersionUID = 1L;

        /** Keeps the definition a singleton across serialization. */
        private Object readResolve() {
            return DEFINITION;
        }

        @Override
        public RatingScale scale() {
            return RatingScale.ZERO_TO_TEN;
        }

        @Override
        public String name() {
            return "NPS";
        }

        @Override
        public NetPromoterScore evaluate(ResponseTally tally) {
            return from(tally);
        }

        /** Reads {@code "NPS (0..10, promoters 9..10, detractors 0..6)"}. */
        @Override
        public String toString() {
            return "NPS (0..10, promoters 9..10, detractors 0..6)";
        }
    }
}
