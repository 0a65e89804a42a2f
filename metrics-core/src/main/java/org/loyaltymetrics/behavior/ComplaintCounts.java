package org.loyaltymetrics.behavior;

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

/**
 * Customer complaints counted per severity level (the customer-experience metrics guide: track the number and
 * severity of complaints over time): the number of complaints, the severity-weighted count Σ w<sub>s</sub> ·
 * n<sub>s</sub> under {@link SeverityWeights}, and the mean severity weight. Related to a customer base
 * with {@link #per(long)}, they become a {@link ComplaintRate} per 1,000 customers.
 *
 * <p>The counts are exact sufficient statistics: counts merge with {@link #plus(ComplaintCounts)},
 * accumulators with {@link Accumulator#combine(Accumulator)}.
 *
 * <p>This record is immutable and thread-safe: its counts are copied in and out, and compared by
 * value.
 *
 * @param weights the severity weights
 * @param counts the number of complaints per severity level 1..n, mildest first
 */
public record ComplaintCounts(SeverityWeights weights, long[] counts) {

    /**
     * Validates the counts and copies them.
     *
     * @throws InvalidArgumentException if there is not one count per level of {@code weights}, or a
     *     count is negative
     * @throws ArithmeticException if the number of complaints overflows a {@code long}
     */
    public ComplaintCounts {
        Checks.notNull(weights, "weights");
        counts = Checks.notNull(counts, "counts").clone();
        if (counts.length != weights.levels()) {
            throw new InvalidArgumentException("counts", "counts must have one count per severity level ("
                    + weights.levels() + "), had " + counts.length);
        }
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new InvalidArgumentException("counts", "count of severity " + (i + 1)
                        + " must be a count >= 0, was " + counts[i]);
            }
        }
        Checks.sum(counts, "complaints");
    }

    /**
     * The complaints counted per severity level 1..n under {@code weights} (the canonical constructor).
     *
     * @throws InvalidArgumentException if there is not one count per level, or a count is negative
     */
    public static ComplaintCounts ofCounts(SeverityWeights weights, long... counts) {
        return new ComplaintCounts(weights, counts);
    }

    /**
     * The counts of complaints of the given severities.
     *
     * @throws InvalidArgumentException if a severity is not a level of {@code weights}
     */
    public static ComplaintCounts of(SeverityWeights weights, int... severities) {
        Checks.notNull(weights, "weights");
        long[] counts = new long[weights.levels()];
        for (int severity : Checks.notNull(severities, "severities")) {
            counts[weights.checkSeverity(severity) - 1]++;
        }
        return new ComplaintCounts(weights, counts);
    }

    /** A new, empty accumulator of complaints under {@code weights}. */
    public static Accumulator accumulator(SeverityWeights weights) {
        return new Accumulator(weights);
    }

    /** A collector of complaints whose severity {@code severityOf} reads. */
    public static <T> Collector<T, ?, ComplaintCounts> collector(SeverityWeights weights,
            ToIntFunction<? super T> severityOf) {
        Checks.notNull(severityOf, "severityOf");
        return org.loyaltymetrics.Accumulator.collector(() -> new Accumulator(weights),
                (acc, t) -> acc.add(severityOf.applyAsInt(t)));
    }

    static long[] add(long[] into, long[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] = Checks.addCounts(into[i], from[i], "complaints");
        }
        return into;
    }

    /** The number of complaints. */
    public long complaints() {
        return Checks.sum(counts, "complaints");
    }

    /** Whether there are no complaints. */
    public boolean isEmpty() {
        return complaints() == 0;
    }

    /** The number of complaints of {@code severity}. */
    public long count(int severity) {
        return counts[weights.checkSeverity(severity) - 1];
    }

    /** The counts per severity level, mildest first (a copy). */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** The severity-weighted count, Σ weight(s) × count(s). */
    public double weightedComplaints() {
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += weights.weight(i + 1) * counts[i];
        }
        return sum;
    }

    /**
     * The mean severity weight of a complaint, weightedComplaints() / complaints().
     *
     * @throws UndefinedResultException if there are no complaints
     */
    public double meanSeverity() {
        long complaints = complaints();
        if (complaints == 0) {
            throw new UndefinedResultException("the mean severity is undefined: no complaints");
        }
        return weightedComplaints() / complaints;
    }

    /**
     * These complaints related to a base of {@code customers} customers.
     *
     * @throws InvalidArgumentException if customers is negative
     */
    public ComplaintRate per(long customers) {
        return new ComplaintRate(this, customers);
    }

    /**
     * The complaints of both: counts added level by level.
     *
     * @throws InvalidArgumentException if the weights differ
     * @throws ArithmeticException if a count overflows
     */
    public ComplaintCounts plus(ComplaintCounts other) {
        Checks.notNull(other, "other");
        Checks.sameSetting(weights, other.weights, "other", "weights");
        return new ComplaintCounts(weights, add(counts.clone(), other.counts));
    }

    /** Whether {@code o} holds the same counts under the same weights. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ComplaintCounts that && weights.equals(that.weights) && Arrays.equals(counts, that.counts);
    }

    /** A hash of the weights and the counts. */
    @Override
    public int hashCode() {
        return 31 * weights.hashCode() + Arrays.hashCode(counts);
    }

    /** Reads, e.g., {@code "12 complaints {1: 7, 2: 4, 3: 1}, severity-weighted 18.0000"}. */
    @Override
    public String toString() {
        return text(complaints(), counts) + ", severity-weighted " + Formatting.decimal(weightedComplaints(), 4);
    }

    /** E.g. "12 complaints {1: 7, 2: 4, 3: 1}". */
    private static String text(long total, long[] counts) {
        StringBuilder text = new StringBuilder().append(total).append(total == 1 ? " complaint {" : " complaints {");
        for (int i = 0; i < counts.length; i++) {
            text.append(i == 0 ? "" : ", ").append(i + 1).append(": ").append(counts[i]);
        }
        return text.append('}').toString();
    }

    /**
     * A mutable accumulator of complaints under one set of {@link SeverityWeights}: one count per
     * severity level, so adding allocates nothing and accumulators combine exactly.
     *
     * <p>This class is not thread-safe: use one accumulator per thread and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, ComplaintCounts> {

        private static final long serialVersionUID = 1L;

        private final SeverityWeights weights;
        private final long[] counts;

        Accumulator(SeverityWeights weights) {
            this.weights = Checks.notNull(weights, "weights");
            this.counts = new long[weights.levels()];
        }

        /**
         * Adds a complaint of {@code severity}.
         *
         * @throws InvalidArgumentException if the severity is not a level of the weights
         * @throws ArithmeticException if the count overflows
         */
        public Accumulator add(int severity) {
            int i = weights.checkSeverity(severity) - 1;
            counts[i] = Checks.addCounts(counts[i], 1, "complaints");
            return this;
        }

        /**
         * Adds every complaint of {@code other} ({@code other} is left unchanged).
         *
         * @throws InvalidArgumentException if {@code other} has other weights
         */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            Checks.sameSetting(weights, other.weights, "other", "weights");
            ComplaintCounts.add(counts, other.counts);
            return this;
        }

        /** The counts of the complaints added so far. */
        @Override
        public ComplaintCounts snapshot() {
            return new ComplaintCounts(weights, counts);
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "behavior.ComplaintCounts.Accumulator"}, version 1: the number of severity levels, each
         * level's weight (eight bytes), then the complaints at each level (varints).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "behavior.ComplaintCounts.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            writeWeights(out, value.weights);
            for (long count : value.counts) {
                BinaryFields.writeCount(out, count);
            }
        }

        /** Writes severity weights as the binary forms of the complaints do: the levels, each level's weight. */
        static void writeWeights(DataOutput out, SeverityWeights weights) throws IOException {
            BinaryFields.writeCount(out, weights.levels());
            for (int level = 1; level <= weights.levels(); level++) {
                out.writeDouble(weights.weight(level));
            }
        }

        /** Reads weights written by {@link #writeWeights}. */
        static SeverityWeights readWeights(DataInput in) throws IOException {
            int levels = BinaryFields.readLength(in, 1 << 16);
            double[] weights = new double[levels];
            for (int i = 0; i < levels; i++) {
                weights[i] = in.readDouble();
            }
            return SeverityWeights.of(weights);
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Accumulator read = new Accumulator(readWeights(in));
            for (int i = 0; i < read.counts.length; i++) {
                read.counts[i] = BinaryFields.readCount(in);
            }
            BinaryFields.sum(read.counts);
            return read;
        }

        /** Reads, e.g., {@code "ComplaintCounts.Accumulator: 12 complaints {1: 7, 2: 4, 3: 1}"}. */
        @Override
        public String toString() {
            return "ComplaintCounts.Accumulator: " + text(Checks.sum(counts, "complaints"), counts);
        }
    }
}
