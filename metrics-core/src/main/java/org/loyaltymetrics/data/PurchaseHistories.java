package org.loyaltymetrics.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.RowTable;
import org.loyaltymetrics.internal.TimeUnits;

/**
 * The purchase histories of a cohort of customers in continuous time, as the sufficient statistics of
 * the BG/NBD, MBG/NBD and Pareto/NBD models: per customer a {@link PurchaseHistory}, the
 * <em>frequency</em> x (the number of repeat purchases, purchases after the first; several on one day
 * count once), the <em>recency</em> tₓ (the time from the first purchase to the last) and the
 * <em>age</em> T (the time from the first purchase to the end of the observation period), all times
 * in one explicit {@link ChronoUnit}. Identical histories are merged into one row with a weight (the
 * number of customers), so a fit costs what the distinct rows cost.
 *
 * <p>Rules: those of {@link PurchaseHistory} (x ≥ 0; 0 ≤ tₓ ≤ T; T &gt; 0; tₓ = 0 when x = 0). Weights
 * are counts ≥ 1; their sum overflowing a long throws {@link ArithmeticException}.
 *
 * <p>Read a row with {@link #get(int)} (or the accessors of one figure), a whole column with
 * {@link #frequencies()}, {@link #recencies()}, {@link #ages()} and {@link #weights()} (new arrays).
 * Histories in the same unit merge exactly: {@link #plus(PurchaseHistories)}, or an {@link Accumulator}.
 *
 * <p>This class is immutable and thread-safe. Rows are held sorted by (x, T, tₓ), so that every fit
 * on them is independent of the order in which customers were added.
 */
public final class PurchaseHistories extends WeightedRows {

    private final ChronoUnit timeUnit;

    private PurchaseHistories(ChronoUnit timeUnit, RowTable.Columns columns) {
        super(columns);
        this.timeUnit = timeUnit;
    }

    /**
     * The histories of customers given one per index: {@code frequency[i]}, {@code recency[i]},
     * {@code age[i]}, all times in {@code timeUnit}.
     *
     * @throws InvalidArgumentException if the arrays differ in length or a history breaks the rules
     *     (nothing is built)
     */
    public static PurchaseHistories of(ChronoUnit timeUnit, long[] frequency, double[] recency, double[] age) {
        Checks.notNull(frequency, "frequency");
        Checks.notNull(recency, "recency");
        Checks.notNull(age, "age");
        if (recency.length != frequency.length || age.length != frequency.length) {
            throw new InvalidArgumentException(recency.length != frequency.length ? "recency" : "age",
                    "frequency, recency and age must have the same length, were " + frequency.length + ", "
                    + recency.length + " and " + age.length);
        }
        TimeUnits.check(timeUnit, "timeUnit");
        double[] x = new double[frequency.length];
        for (int i = 0; i < frequency.length; i++) {
            new PurchaseHistory(frequency[i], recency[i], age[i], timeUnit);
            x[i] = frequency[i];
        }
        // sorted and merged straight from the columns, as an accumulator's snapshot would be
        return new PurchaseHistories(timeUnit, RowTable.distinct(x, age, recency));
    }

    /**
     * The purchase histories of the customers of an RFM summary (calibration period), with recency
     * and age in {@code timeUnit} (weeks are days / 7; months and years java.time's estimated ones). A
     * customer whose first purchase falls on the last day of the calibration period (T = 0) has not
     * been observed for any time yet and is left out.
     *
     * @throws InvalidArgumentException if {@code timeUnit} is FOREVER
     */
    public static PurchaseHistories from(RfmSummary summary, ChronoUnit timeUnit) {
        Checks.notNull(summary, "summary");
        Accumulator accumulator = accumulator(timeUnit);
        for (RfmSummary.Customer customer : summary.customers()) {
            if (customer.ageDays() > 0) {
                accumulator.add(customer.frequency(), customer.recency(timeUnit), customer.age(timeUnit));
            }
        }
        return accumulator.snapshot();
    }

    /**
     * A collector of {@link PurchaseHistory}s into the histories in {@code timeUnit}, each converted to
     * it ({@link PurchaseHistory#in(ChronoUnit)}).
     *
     * @throws InvalidArgumentException if {@code timeUnit} is FOREVER
     */
    public static Collector<PurchaseHistory, ?, PurchaseHistories> collector(ChronoUnit timeUnit) {
        return org.loyaltymetrics.Accumulator.collector(() -> accumulator(timeUnit), Accumulator::add);
    }

    /**
     * An empty accumulator of histories measured in {@code timeUnit}.
     *
     * @throws InvalidArgumentException if {@code timeUnit} is FOREVER
     */
    public static Accumulator accumulator(ChronoUnit timeUnit) {
        return new Accumulator(TimeUnits.check(timeUnit, "timeUnit"));
    }

    /** The unit of recency and age. */
    public ChronoUnit timeUnit() {
        return timeUnit;
    }

    /**
     * These histories with their times in {@code unit} (each row converted by
     * {@link PurchaseHistory#in(ChronoUnit)}); this value if it is in {@code unit} already.
     *
     * @throws InvalidArgumentException if {@code unit} is FOREVER, or a converted age is not finite
     */
    public PurchaseHistories in(ChronoUnit unit) {
        TimeUnits.check(unit, "unit");
        if (unit == timeUnit) {
            return this;
        }
        Accumulator accumulator = accumulator(unit);
        for (int row = 0; row < distinctRows(); row++) {
            accumulator.add(get(row), weight(row));
        }
        return accumulator.snapshot();
    }

    /**
     * The customers of both: the histories of two samples, partitions or periods of acquisition
     * together, exactly as one accumulator over all of them gives.
     *
     * @throws InvalidArgumentException if {@code other} is in another time unit
     * @throws ArithmeticException if the number of customers overflows a long
     */
    public PurchaseHistories plus(PurchaseHistories other) {
        Checks.notNull(other, "other");
        Checks.sameSetting(timeUnit, other.timeUnit, "other", "time unit");
        return accumulator(timeUnit).addAll(this).addAll(other).snapshot();
    }

    /**
     * The frequency x of row {@code row}.
     *
     * @throws IndexOutOfBoundsException if {@code row} is not in 0..distinctRows() − 1
     */
    public long frequency(int row) {
        return (long) first[row];
    }

    /**
     * The recency tₓ of row {@code row}, in {@link #timeUnit()}.
     *
     * @throws IndexOutOfBoundsException if {@code row} is not in 0..distinctRows() − 1
     */
    public double recency(int row) {
        return third[row];
    }

    /**
     * The age T of row {@code row}, in {@link #timeUnit()}.
     *
     * @throws IndexOutOfBoundsException if {@code row} is not in 0..distinctRows() − 1
     */
    public double age(int row) {
        return second[row];
    }

    /**
     * The history of row {@code row}; {@link #weight(int)} customers have it.
     *
     * @throws IndexOutOfBoundsException if {@code row} is not in 0..distinctRows() − 1
     */
    public PurchaseHistory get(int row) {
        return new PurchaseHistory(frequency(row), recency(row), age(row), timeUnit);
    }

    /** The frequencies x of the distinct rows, in row order: a new array. */
    public long[] frequencies() {
        return longs(first);
    }

    /** The recencies tₓ of the distinct rows, in row order: a new array. */
    public double[] recencies() {
        return third.clone();
    }

    /** The ages T of the distinct rows, in row order: a new array. */
    public double[] ages() {
        return second.clone();
    }

    /**
     * The mean frequency over customers.
     *
     * @throws UndefinedResultException if there are no customers
     */
    public double meanFrequency() {
        return weightedMean(first, "mean frequency");
    }

    /**
     * The mean age T over customers.
     *
     * @throws UndefinedResultException if there are no customers
     */
    public double meanAge() {
        return weightedMean(second, "mean age");
    }

    @Override
    Object key() {
        return timeUnit;
    }

    /**
     * Reads, e.g., {@code "PurchaseHistories[2357 customers, 1016 distinct rows, in weeks; mean frequency 1.04,
     * mean T 32.72]"}.
     */
    @Override
    public String toString() {
        String text = describe("in " + TimeUnits.name(timeUnit));
        return isEmpty() ? text + "]" : text + "; mean frequency " + Formatting.decimal(meanFrequency(), 2)
                + ", mean T " + Formatting.decimal(meanAge(), 2) + "]";
    }

    /**
     * Collects purchase histories one customer (or one weighted row) at a time, merging identical
     * histories; adding a history already present allocates nothing. {@code combine} of two
     * accumulators in the same time unit gives exactly what one pass over all their customers gives.
     * This class is not thread-safe: use one per thread and combine them.
     */
    public static final class Accumulator extends RowAccumulator<Accumulator, PurchaseHistories> {

        private static final long serialVersionUID = 1L;

        private final ChronoUnit timeUnit;

        private Accumulator(ChronoUnit timeUnit) {
            super(timeUnit, "time unit");
            this.timeUnit = timeUnit;
        }

        /**
         * Adds one customer with frequency x, recency tₓ and age T in the accumulator's time unit.
         *
         * @throws InvalidArgumentException if the history breaks a rule of {@link PurchaseHistory}
         */
        public Accumulator add(long frequency, double recency, double age) {
            return add(frequency, recency, age, 1);
        }

        /**
         * Adds {@code weight} customers with the same history, in the accumulator's time unit.
         *
         * @throws InvalidArgumentException if the history breaks a rule of {@link PurchaseHistory} or
         *     the weight is not &gt;= 1 (nothing is added)
         */
        public Accumulator add(long frequency, double recency, double age, long weight) {
            new PurchaseHistory(frequency, recency, age, timeUnit);
            table.add(frequency, age, recency, weight);
            return this;
        }

        /** Adds one customer's history, converted to the accumulator's time unit. */
        public Accumulator add(PurchaseHistory history) {
            return add(history, 1);
        }

        /**
         * Adds {@code weight} customers with {@code history}, converted to the accumulator's time unit.
         *
         * @throws InvalidArgumentException if the weight is not &gt;= 1, or the converted age is not finite
         */
        public Accumulator add(PurchaseHistory history, long weight) {
            PurchaseHistory h = Checks.notNull(history, "history").in(timeUnit);
            table.add(h.frequency(), h.age(), h.recency(), weight);
            return this;
        }

        /**
         * Adds every customer of {@code histories}.
         *
         * @throws InvalidArgumentException if their time unit differs from this accumulator's
         */
        public Accumulator addAll(PurchaseHistories histories) {
            return addRows(histories);
        }

        /** The histories added so far. */
        @Override
        public PurchaseHistories snapshot() {
            return new PurchaseHistories(timeUnit, table.sorted());
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "data.PurchaseHistories.Accumulator"}, version 1: the time unit (its {@link ChronoUnit}
         * name, as a tag), the number of distinct rows, then each row in the order of the
         * snapshot: frequency x (varint), recency tₓ and age T (eight bytes each), the weight (varint).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "data.PurchaseHistories.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            BinaryFields.writeName(out, value.timeUnit);
            RowTable.Columns rows = value.table.sorted();
            BinaryFields.writeCount(out, rows.weights().length);
            for (int i = 0; i < rows.weights().length; i++) {
                BinaryFields.writeCount(out, (long) rows.first()[i]);
                out.writeDouble(rows.third()[i]);
                out.writeDouble(rows.second()[i]);
                BinaryFields.writeCount(out, rows.weights()[i]);
            }
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Accumulator read = new Accumulator(TimeUnits.check(BinaryFields.readName(in, ChronoUnit.class), "unit"));
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            for (int i = 0; i < n; i++) {
                long x = BinaryFields.readCount(in);
                double recency = in.readDouble();
                double age = in.readDouble();
                long weight = BinaryFields.readCount(in);
                read.add(x, recency, age, weight);
            }
            return read;
        }

        /** Reads, e.g., {@code "PurchaseHistories.Accumulator: 2357 customers, 1016 distinct rows, in weeks"}. */
        @Override
        public String toString() {
            return "PurchaseHistories.Accumulator: " + describeTable() + ", in " + TimeUnits.name(timeUnit);
        }
    }
}
