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
import org.loyaltymetrics.internal.BinCounter;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.stats.Proportion;

/**
 * The number of answers given at each point of a rating scale: one {@code long} count per point.
 * A tally is the sufficient statistic of every survey KPI of this package: NPS, CSAT, CES and the
 * mean rating are all derived from it, and tallies of disjoint samples add exactly.
 *
 * <p>Build one from answers ({@link #of(RatingScale, int...)}, {@link #of(RatingScale, byte[])}),
 * from counts ({@link #ofCounts(RatingScale, long...)}), with an {@link Accumulator} or with a
 * {@link #collector(RatingScale)}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ResponseTally {

    private final RatingScale scale;
    private final long[] counts;
    private final long total;

    private ResponseTally(RatingScale scale, long[] counts, long total) {
        this.scale = scale;
        this.counts = counts;
        this.total = total;
    }

    /**
     * The tally of {@code answers} on {@code scale}.
     *
     * @throws InvalidArgumentException if an answer is not on the scale
     */
    public static ResponseTally of(RatingScale scale, int... answers) {
        return accumulator(scale).addAll(answers).snapshot();
    }

    /**
     * The tally of {@code answers} on {@code scale}, one signed byte per answer.
     *
     * @throws InvalidArgumentException if an answer is not on the scale
     */
    public static ResponseTally of(RatingScale scale, byte[] answers) {
        return accumulator(scale).addAll(answers).snapshot();
    }

    /**
     * The tally with {@code counts[i]} answers at the point {@code scale.min() + i}.
     *
     * @throws InvalidArgumentException if the number of counts is not the number of points, or a
     *     count is negative
     * @throws ArithmeticException if the total overflows a {@code long}
     */
    public static ResponseTally ofCounts(RatingScale scale, long... counts) {
        Checks.notNull(scale, "scale");
        Checks.notNull(counts, "counts");
        if (counts.length != scale.points()) {
            throw InvalidArgumentException.of("counts", "one count per point of " + scale + " (" + scale.points() + ")",
                    counts.length + " counts");
        }
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new InvalidArgumentException("counts", "counts[" + i + "] (answer " + (scale.min() + i)
                        + ") must be a count >= 0, was " + counts[i]);
            }
            total = Checks.addCounts(total, counts[i], "total answers");
        }
        return new ResponseTally(scale, counts.clone(), total);
    }

    /** A new, empty accumulator of answers on {@code scale}. */
    public static Accumulator accumulator(RatingScale scale) {
        return new Accumulator(scale);
    }

    /** A collector that tallies a stream of answers on {@code scale}. */
    public static Collector<Integer, ?, ResponseTally> collector(RatingScale scale) {
        return collector(scale, Integer::intValue);
    }

    /** A collector that tallies the answer {@code answerOf} reads from each element. */
    public static <T> Collector<T, ?, ResponseTally> collector(RatingScale scale, ToIntFunction<? super T> answerOf) {
        Checks.notNull(answerOf, "answerOf");
        return org.loyaltymetrics.Accumulator.collector(() -> new Accumulator(scale),
                (acc, element) -> acc.add(answerOf.applyAsInt(element)));
    }

    /** The rating scale. */
    public RatingScale scale() {
        return scale;
    }

    /** The number of answers. */
    public long total() {
        return total;
    }

    /** Whether there are no answers. */
    public boolean isEmpty() {
        return total == 0;
    }

    /**
     * The number of answers at {@code answer}.
     *
     * @throws InvalidArgumentException if the answer is not on the scale
     */
    public long count(int answer) {
        return counts[scale.checkAnswer(answer) - scale.min()];
    }

    /** The number of answers in {@code band}, a band of this tally's scale. */
    public long count(RatingScale.Band band) {
        checkBand(band);
        long sum = 0;
        for (int answer = band.low(); answer <= band.high(); answer++) {
            sum += counts[answer - scale.min()];
        }
        return sum;
    }

    /** The counts per point, lowest point first (a copy). */
    public long[] counts() {
        return counts.clone();
    }

    /** The share of answers in {@code band}: {@code count(band)} of {@code total()}. */
    public Proportion proportion(RatingScale.Band band) {
        return Proportion.of(count(band), total);
    }

    /**
     * The mean answer, Σ answer × count / total.
     *
     * @throws UndefinedResultException if there are no answers
     */
    public double mean() {
        requireAnswers(1, "the mean");
        // Offsets from the minimum keep the sum small and exact in double for realistic counts.
        double sum = 0.0;
        for (int i = 0; i < counts.length; i++) {
            sum += (double) i * counts[i];
        }
        return scale.min() + sum / total;
    }

    /**
     * The sample variance of the answers, Σ count × (answer − mean)² / (total − 1).
     *
     * @throws UndefinedResultException if there are fewer than two answers
     */
    public double variance() {
        requireAnswers(2, "the variance");
        double offsetMean = mean() - scale.min();
        double sum = 0.0;
        for (int i = 0; i < counts.length; i++) {
            double deviation = i - offsetMean;
            sum += counts[i] * deviation * deviation;
        }
        return sum / (total - 1);
    }

    /** The sample standard deviation, √{@link #variance()}. */
    public double standardDeviation() {
        return Math.sqrt(variance());
    }

    /**
     * The mean with its standard error s/√n and n − 1 degrees of freedom, for Student's t intervals
     * and Welch's test of a difference of means.
     *
     * @throws UndefinedResultException if there are fewer than two answers
     */
    public Estimate meanEstimate() {
        return new Estimate(mean(), standardDeviation() / Math.sqrt(total), total - 1.0);
    }

    /**
     * The tally of both samples: counts added point by point.
     *
     * @throws InvalidArgumentException if the scales differ
     * @throws ArithmeticException if a count overflows
     */
    public ResponseTally plus(ResponseTally other) {
        Checks.notNull(other, "other");
        Checks.sameSetting(scale, other.scale, "other", "scale");
        return accumulator(scale).addAll(this).addAll(other).snapshot();
    }

    void checkBand(RatingScale.Band band) {
        Checks.notNull(band, "band");
        if (!band.scale().equals(scale)) {
            throw InvalidArgumentException.of("band", "on the scale " + scale, "on " + band.scale());
        }
    }

    private void requireAnswers(long minimum, String figure) {
        if (total < minimum) {
            throw new UndefinedResultException(figure + " is undefined for " + total + " answer"
                    + (total == 1 ? "" : "s") + " (needs at least " + minimum + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResponseTally && ((ResponseTally) o).scale.equals(scale)
                && Arrays.equals(((ResponseTally) o).counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * scale.hashCode() + Arrays.hashCode(counts);
    }

    /** Reads, e.g., {@code "ResponseTally 1..5, 107 answers {1: 10, 2: 10, 3: 13, 4: 30, 5: 44}, mean 3.79"}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ResponseTally ").append(scale).append(", ").append(total)
                .append(total == 1 ? " answer {" : " answers {");
        for (int i = 0; i < counts.length; i++) {
            text.append(i == 0 ? "" : ", ").append(scale.min() + i).append(": ").append(counts[i]);
        }
        text.append('}');
        if (total > 0) {
            text.append(", mean ").append(Formatting.decimal(mean(), 2));
        }
        return text.toString();
    }

    /**
     * A mutable tally of answers on one rating scale. Adding an answer allocates nothing; the bulk
     * {@code addAll} methods count arrays of answers in independent sub-tallies so that runs of equal
     * answers do not serialize on one counter (their scratch space is allocated on the first bulk add
     * and reused). Either a whole call succeeds or, if an answer is off the scale, it fails and leaves
     * the accumulator unchanged.
     *
     * <p>Accumulators of the same scale {@link #combine(Accumulator) combine} exactly: the result is
     * what one pass over all the answers gives, which lets parallel streams and distributed engines
     * tally partitions separately.
     *
     * <p>This class is not thread-safe: use one accumulator per thread and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, ResponseTally> {

        private static final long serialVersionUID = 1L;

        private final RatingScale scale;
        private final long[] counts;
        private long total;
        /** Scratch space of the bulk adds, empty between calls: not serialized. */
        private transient BinCounter bulk;

        Accumulator(RatingScale scale) {
            this.scale = Checks.notNull(scale, "scale");
            this.counts = new long[scale.points()];
        }

        /** The rating scale. */
        public RatingScale scale() {
            return scale;
        }

        /** The number of answers added so far. */
        public long total() {
            return total;
        }

        /**
         * Adds one answer.
         *
         * @throws InvalidArgumentException if the answer is not on the scale
         * @throws ArithmeticException if the number of answers overflows a {@code long}
         */
        public Accumulator add(int answer) {
            int index = scale.checkAnswer(answer) - scale.min();
            total = Checks.addCounts(total, 1, "total answers");
            counts[index]++;
            return this;
        }

        /**
         * Adds {@code count} answers at {@code answer}.
         *
         * @throws InvalidArgumentException if the answer is not on the scale or the count is negative
         * @throws ArithmeticException if the number of answers overflows a {@code long}
         */
        public Accumulator add(int answer, long count) {
            int index = scale.checkAnswer(answer) - scale.min();
            total = Checks.addCounts(total, Checks.count(count, "count"), "total answers");
            counts[index] += count;
            return this;
        }

        /**
         * Adds every answer of {@code answers}.
         *
         * @throws InvalidArgumentException if an answer is not on the scale; nothing is added then
         */
        public Accumulator addAll(int... answers) {
            Checks.notNull(answers, "answers");
            long newTotal = Checks.addCounts(total, answers.length, "total answers");
            int offScale = bulk().addAll(answers, scale.min(), counts);
            if (offScale != BinCounter.ALL_COUNTED) {
                throw offScale(offScale, answers[offScale]);
            }
            total = newTotal;
            return this;
        }

        /**
         * Adds every answer of {@code answers}, one signed byte per answer.
         *
         * @throws InvalidArgumentException if an answer is not on the scale; nothing is added then
         */
        public Accumulator addAll(byte[] answers) {
            Checks.notNull(answers, "answers");
            long newTotal = Checks.addCounts(total, answers.length, "total answers");
            int offScale = bulk().addAll(answers, scale.min(), counts);
            if (offScale != BinCounter.ALL_COUNTED) {
                throw offScale(offScale, answers[offScale]);
            }
            total = newTotal;
            return this;
        }

        private BinCounter bulk() {
            if (bulk == null) {
                bulk = new BinCounter(counts.length);
            }
            return bulk;
        }

        private InvalidArgumentException offScale(int index, int answer) {
            return new InvalidArgumentException("answers",
                    "answers[" + index + "] must be in " + scale + ", was " + answer);
        }

        /**
         * Adds every answer counted by {@code tally}, as if each had been added one by one.
         *
         * @throws InvalidArgumentException if the tally is on another scale
         */
        public Accumulator addAll(ResponseTally tally) {
            Checks.notNull(tally, "tally");
            Checks.sameSetting(scale, tally.scale, "tally", "scale");
            addCounts(tally.counts, tally.total);
            return this;
        }

        /**
         * Adds every answer of {@code other}, so that this accumulator holds what one pass over both
         * samples would hold. {@code other} is left unchanged.
         *
         * @throws InvalidArgumentException if the accumulators' scales differ
         */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            Checks.sameSetting(scale, other.scale, "other", "scale");
            addCounts(other.counts, other.total);
            return this;
        }

        private void addCounts(long[] moreCounts, long moreTotal) {
            total = Checks.addCounts(total, moreTotal, "total answers");
            for (int k = 0; k < counts.length; k++) {
                counts[k] += moreCounts[k];
            }
        }

        /** The tally of the answers added so far, as an immutable value. */
        @Override
        public ResponseTally snapshot() {
            return new ResponseTally(scale, counts.clone(), total);
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "survey.ResponseTally.Accumulator"},
         * version 1: the scale's min and max (zigzag varints), then the number of points and the count
         * of answers at each point from min to max (varints): a tally of 1..5 with fewer than 128 answers
         * at each point takes 8 bytes after the 38 of the envelope.
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        /** Writes the scale and the counts (the fields of the binary form, also the survey accumulators'). */
        void writeFields(DataOutput out) throws IOException {
            BinaryFields.writeSigned(out, scale.min());
            BinaryFields.writeSigned(out, scale.max());
            BinaryFields.writeCounts(out, counts);
        }

        /** Reads what {@link #writeFields} wrote. */
        static Accumulator readFields(DataInput in) throws IOException {
            long min = BinaryFields.readSigned(in);
            long max = BinaryFields.readSigned(in);
            BinaryFields.checkField(min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE && min < max
                    && max - min < RatingScale.MAX_POINTS, "a rating scale", min + ".." + max);
            Accumulator accumulator = new Accumulator(RatingScale.of((int) min, (int) max));
            long[] read = BinaryFields.readCounts(in, RatingScale.MAX_POINTS);
            BinaryFields.checkField(read.length == accumulator.counts.length, accumulator.counts.length
                    + " counts, one per point of " + accumulator.scale, read.length);
            accumulator.addCounts(read, BinaryFields.sum(read));
            return accumulator;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "survey.ResponseTally.Accumulator", 1, Accumulator::writeFields, (in, version) -> readFields(in));

        /** Reads, e.g., {@code "ResponseTally.Accumulator 1..5, 107 answers"}. */
        @Override
        public String toString() {
            return "ResponseTally.Accumulator " + scale + ", " + Formatting.plural(total, "answer");
        }
    }
}
