package org.loyaltymetrics.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;

/**
 * The customers of one contractual cohort still alive at the start of each period 0, 1, …, n (for
 * example 1000, 631, 468, … subscribers at the start of each year), the data of the shifted-beta-
 * geometric model: the customers lost in period t are alive(t − 1) − alive(t), and alive(n) are still
 * active, censored at the end of period n.
 *
 * <p>Rules: at least two periods (0 and 1); the counts never increase. A cohort of no customers
 * (alive(0) = 0, an accumulator's snapshot before any customer) exists and {@link #isEmpty() is empty}.
 *
 * <p>Build one from the counts ({@link #of(long...)}) or from customer records with an
 * {@link Accumulator} (each customer's period of loss, or none while active) or a
 * {@link #collector(int, Function)}. Survivors of the same periods add up ({@link #plus(CohortSurvivors)}),
 * which pools two samples of one cohort.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class CohortSurvivors implements Tabular {

    private final long[] alive;

    private CohortSurvivors(long[] alive) {
        this.alive = alive;
    }

    /**
     * The survivors {@code alive[t]} at the start of period t = 0..n.
     *
     * @throws InvalidArgumentException if there are fewer than two counts, a count is negative or a
     *     count exceeds the one before it
     */
    public static CohortSurvivors of(long... alive) {
        Checks.notNull(alive, "alive");
        if (alive.length < 2) {
            throw InvalidArgumentException.of("alive", "counts of at least periods 0 and 1", alive.length + " counts");
        }
        if (alive[0] < 0) {
            throw InvalidArgumentException.of("alive", "counts >= 0", alive[0]);
        }
        for (int t = 1; t < alive.length; t++) {
            if (alive[t] < 0 || alive[t] > alive[t - 1]) {
                throw new InvalidArgumentException("alive",
                        "alive[" + t + "] must be in 0.." + alive[t - 1] + ", was " + alive[t]);
            }
        }
        return new CohortSurvivors(alive.clone());
    }

    /**
     * A new, empty accumulator of the customers of a cohort observed for {@code periods} periods.
     *
     * @throws InvalidArgumentException if {@code periods} is not &gt;= 1
     */
    public static Accumulator accumulator(int periods) {
        return new Accumulator(periods);
    }

    /**
     * A collector of customer records into the survivors of {@code periods} periods, reading each
     * record's period of loss (1..periods, or {@code null} while still active) with {@code lostIn}.
     */
    public static <T> Collector<T, ?, CohortSurvivors> collector(int periods, Function<? super T, Integer> lostIn) {
        Checks.notNull(lostIn, "lostIn");
        return org.loyaltymetrics.Accumulator.collector(() -> new Accumulator(periods), (acc, t) -> {
            Integer period = lostIn.apply(t);
            if (period == null) {
                acc.addActive();
            } else {
                acc.addLost(period);
            }
        });
    }

    /** Whether the cohort has no customers, alive(0) = 0. */
    public boolean isEmpty() {
        return alive[0] == 0;
    }

    /** The number of observed periods n (the last index). */
    public int periods() {
        return alive.length - 1;
    }

    /**
     * The customers alive at the start of period {@code period} (0..n).
     *
     * @throws InvalidArgumentException if {@code period} is not in 0..n
     */
    public long alive(int period) {
        if (period < 0 || period >= alive.length) {
            throw InvalidArgumentException.of("period", "in 0.." + periods(), period);
        }
        return alive[period];
    }

    /** The customers alive at the start of each period 0..n: a new array. */
    public long[] aliveCounts() {
        return alive.clone();
    }

    /**
     * The customers lost during period {@code period} (1..n): alive(t − 1) − alive(t).
     *
     * @throws InvalidArgumentException if {@code period} is not in 1..n
     */
    public long lost(int period) {
        if (period < 1 || period >= alive.length) {
            throw InvalidArgumentException.of("period", "in 1.." + periods(), period);
        }
        return alive[period - 1] - alive[period];
    }

    /**
     * The first {@code periods} + 1 counts (periods 0..periods), for fitting on a calibration window.
     *
     * @throws InvalidArgumentException if {@code periods} is not in 1..n
     */
    public CohortSurvivors truncate(int periods) {
        if (periods < 1 || periods > periods()) {
            throw InvalidArgumentException.of("periods", "in 1.." + periods(), periods);
        }
        return new CohortSurvivors(Arrays.copyOf(alive, periods + 1));
    }

    /**
     * The survivors of both samples of the cohort together: the counts of each period added.
     *
     * @throws InvalidArgumentException if {@code other} covers another number of periods
     * @throws ArithmeticException if a count overflows
     */
    public CohortSurvivors plus(CohortSurvivors other) {
        Checks.notNull(other, "other");
        Checks.sameSetting(periods(), other.periods(), "other", "number of periods");
        long[] sum = new long[alive.length];
        for (int t = 0; t < alive.length; t++) {
            sum[t] = Checks.addCounts(alive[t], other.alive[t], "alive");
        }
        return new CohortSurvivors(sum);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CohortSurvivors that && Arrays.equals(alive, that.alive);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(alive);
    }

    /** Reads, e.g., {@code "CohortSurvivors: 1000 at the start, 491 after 4 periods"}. */
    @Override
    public String toString() {
        return "CohortSurvivors: " + alive[0] + " at the start, " + alive[alive.length - 1] + " after " + periods()
                + (periods() == 1 ? " period" : " periods");
    }

    /** The periods with the customers alive and the observed retention rate alive(t) / alive(t − 1). */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().title(toString()).numberColumn("period").numberColumn("alive")
                .numberColumn("retention");
        for (int t = 0; t < alive.length; t++) {
            String retention = t == 0 || alive[t - 1] == 0 ? null
                    : Formatting.decimal((double) alive[t] / alive[t - 1], 4);
            table.row(t, alive[t], retention);
        }
        return table.build();
    }

    /**
     * A mutable accumulator of the customers of one cohort over {@code periods} periods: each is lost
     * in one period 1..n or still active. Adding a customer allocates nothing; accumulators of the
     * same periods combine exactly. Not thread-safe: use one per thread and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, CohortSurvivors> {

        private static final long serialVersionUID = 1L;

        /** {@code lost[t]}: customers lost in period t (1..n); {@code lost[0]}: customers still active. */
        private final long[] lost;

        private Accumulator(int periods) {
            if (periods < 1) {
                throw InvalidArgumentException.of("periods", ">= 1", periods);
            }
            this.lost = new long[periods + 1];
        }

        /**
         * Adds a customer lost during period {@code period} (1..n).
         *
         * @throws InvalidArgumentException if {@code period} is not in 1..n
         */
        public Accumulator addLost(int period) {
            if (period < 1 || period >= lost.length) {
                throw InvalidArgumentException.of("period", "in 1.." + (lost.length - 1), period);
            }
            lost[period] = Checks.addCounts(lost[period], 1, "lost");
            return this;
        }

        /** Adds a customer still active at the end of period n. */
        public Accumulator addActive() {
            lost[0] = Checks.addCounts(lost[0], 1, "active");
            return this;
        }

        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            Checks.sameSetting(lost.length - 1, other.lost.length - 1, "other", "number of periods");
            for (int t = 0; t < lost.length; t++) {
                lost[t] = Checks.addCounts(lost[t], other.lost[t], "customers");
            }
            return this;
        }

        /** The survivors of the customers added so far (an empty cohort before the first customer). */
        @Override
        public CohortSurvivors snapshot() {
            int n = lost.length - 1;
            long[] alive = new long[n + 1];
            alive[n] = lost[0];
            for (int t = n; t >= 1; t--) {
                alive[t - 1] = Checks.addCounts(alive[t], lost[t], "alive");
            }
            return CohortSurvivors.of(alive);
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "data.CohortSurvivors.Accumulator"}, version 1: the number of periods n + 1, then the
         * customers still active (lost in no period) and those lost in each period 1..n (varints).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "data.CohortSurvivors.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            BinaryFields.writeCounts(out, value.lost);
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            long[] lost = BinaryFields.readCounts(in, Integer.MAX_VALUE);
            BinaryFields.checkField(lost.length >= 2, "at least 1 period", lost.length - 1);
            BinaryFields.sum(lost);
            Accumulator read = new Accumulator(lost.length - 1);
            System.arraycopy(lost, 0, read.lost, 0, lost.length);
            return read;
        }

        /** Reads, e.g., {@code "CohortSurvivors.Accumulator: 1000 customers over 5 periods, 491 active"}. */
        @Override
        public String toString() {
            long customers = 0;
            for (long count : lost) {
                customers += count;
            }
            return "CohortSurvivors.Accumulator: " + customers + " customers over " + (lost.length - 1)
                    + " periods, " + lost[0] + " active";
        }
    }
}
