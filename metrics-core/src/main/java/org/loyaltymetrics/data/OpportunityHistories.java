package org.loyaltymetrics.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.RowTable;

/**
 * Repeat-transaction histories in discrete time, as the sufficient statistics of the BG/BB model: per
 * customer an {@link OpportunityHistory}, the number n of transaction opportunities after the first
 * transaction (such as annual fund-raising drives), the <em>frequency</em> x (opportunities taken)
 * and the <em>recency</em> tₓ (the last opportunity taken, 0 if none). Identical rows are merged with
 * a weight (the number of customers).
 *
 * <p>Rules: those of {@link OpportunityHistory} (n ≥ 1; 0 ≤ x ≤ tₓ ≤ n; x = 0 exactly when tₓ = 0).
 *
 * <p>Read a row with {@link #get(int)}, a column with {@link #frequencies()}, {@link #recencies()},
 * {@link #opportunityCounts()} and {@link #weights()} (new arrays); merge with
 * {@link #plus(OpportunityHistories)} or an {@link Accumulator}.
 *
 * <p>This class is immutable and thread-safe; rows are held sorted by (x, tₓ, n).
 */
public final class OpportunityHistories extends WeightedRows {

    private OpportunityHistories(RowTable.Columns columns) {
        super(columns);
    }

    /**
     * The histories of customers given one per index: {@code frequency[i]}, {@code recency[i]},
     * {@code opportunities[i]}.
     *
     * @throws InvalidArgumentException if the arrays differ in length or a history breaks the rules
     *     (nothing is built)
     */
    public static OpportunityHistories of(long[] frequency, long[] recency, long[] opportunities) {
        Checks.notNull(frequency, "frequency");
        Checks.notNull(recency, "recency");
        Checks.notNull(opportunities, "opportunities");
        if (recency.length != frequency.length || opportunities.length != frequency.length) {
            throw new InvalidArgumentException(recency.length != frequency.length ? "recency" : "opportunities",
                    "frequency, recency and opportunities must have the same length, were " + frequency.length + ", "
                    + recency.length + " and " + opportunities.length);
        }
        int n = frequency.length;
        double[] x = new double[n];
        double[] t = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            new OpportunityHistory(frequency[i], recency[i], opportunities[i]);
            x[i] = frequency[i];
            t[i] = recency[i];
            m[i] = opportunities[i];
        }
        // sorted and merged straight from the columns, as an accumulator's snapshot would be
        return new OpportunityHistories(RowTable.distinct(x, t, m));
    }

    /** An empty accumulator. */
    public static Accumulator accumulator() {
        return new Accumulator();
    }

    /** A collector of {@link OpportunityHistory}s. */
    public static Collector<OpportunityHistory, ?, OpportunityHistories> collector() {
        return org.loyaltymetrics.Accumulator.collector(Accumulator::new, Accumulator::add);
    }

    /**
     * The customers of both, exactly as one accumulator over all of them gives.
     *
     * @throws ArithmeticException if the number of customers overflows a long
     */
    public OpportunityHistories plus(OpportunityHistories other) {
        Checks.notNull(other, "other");
        return accumulator().addAll(this).addAll(other).snapshot();
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
     * The recency tₓ of row {@code row}.
     *
     * @throws IndexOutOfBoundsException if {@code row} is not in 0..distinctRows() − 1
     */
    public long recency(int row) {
        return (long) second[row];
    }

    /**
     * The number of opportunities n of row {@code row}.
     *
     * @throws IndexOutOfBoundsException if {@code row} is not in 0..distinctRows() − 1
     */
    public long opportunities(int row) {
        return (long) third[row];
    }

    /**
     * The history of row {@code row}; {@link #weight(int)} customers have it.
     *
     * @throws IndexOutOfBoundsException if {@code row} is not in 0..distinctRows() − 1
     */
    public OpportunityHistory get(int row) {
        return new OpportunityHistory(frequency(row), recency(row), opportunities(row));
    }

    /** The frequencies x of the distinct rows, in row order: a new array. */
    public long[] frequencies() {
        return longs(first);
    }

    /** The recencies tₓ of the distinct rows, in row order: a new array. */
    public long[] recencies() {
        return longs(second);
    }

    /** The opportunities n of the distinct rows, in row order: a new array. */
    public long[] opportunityCounts() {
        return longs(third);
    }

    /**
     * The share of customers who took at least one opportunity.
     *
     * @throws UndefinedResultException if there are no customers
     */
    public double repeatShare() {
        double[] repeated = new double[first.length];
        for (int i = 0; i < first.length; i++) {
            repeated[i] = first[i] > 0 ? 1.0 : 0.0;
        }
        return weightedMean(repeated, "repeat share");
    }

    /** Reads, e.g., {@code "OpportunityHistories[11104 customers, 22 distinct rows]"}. */
    @Override
    public String toString() {
        return describe("") + "]";
    }

    /**
     * Collects rows, merging identical ones; adding a row already present allocates nothing.
     * {@code combine} gives exactly what one pass over all the rows gives. This class is not
     * thread-safe: use one per thread and combine them.
     */
    public static final class Accumulator extends RowAccumulator<Accumulator, OpportunityHistories> {

        private static final long serialVersionUID = 1L;

        private Accumulator() {
            super(null, "");
        }

        /**
         * Adds one customer who took x of n opportunities, the last being tₓ.
         *
         * @throws InvalidArgumentException if the row breaks a rule of {@link OpportunityHistory}
         */
        public Accumulator add(long frequency, long recency, long opportunities) {
            return add(frequency, recency, opportunities, 1);
        }

        /**
         * Adds {@code weight} customers with the same row.
         *
         * @throws InvalidArgumentException if the row breaks a rule of {@link OpportunityHistory} or
         *     the weight is not &gt;= 1 (nothing is added)
         */
        public Accumulator add(long frequency, long recency, long opportunities, long weight) {
            new OpportunityHistory(frequency, recency, opportunities);
            table.add(frequency, recency, opportunities, weight);
            return this;
        }

        /** Adds one customer's history. */
        public Accumulator add(OpportunityHistory history) {
            return add(history, 1);
        }

        /**
         * Adds {@code weight} customers with the same history.
         *
         * @throws InvalidArgumentException if the weight is not &gt;= 1
         */
        public Accumulator add(OpportunityHistory history, long weight) {
            Checks.notNull(history, "history");
            table.add(history.frequency(), history.recency(), history.opportunities(), weight);
            return this;
        }

        /** Adds every customer of {@code histories}. */
        public Accumulator addAll(OpportunityHistories histories) {
            return addRows(histories);
        }

        /** The rows added so far. */
        @Override
        public OpportunityHistories snapshot() {
            return new OpportunityHistories(table.sorted());
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "data.OpportunityHistories.Accumulator"}, version 1: the number of distinct rows, then each row
         * in the order of the snapshot: frequency x, recency tₓ, opportunities n and the weight (varints).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "data.OpportunityHistories.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            RowTable.Columns rows = value.table.sorted();
            BinaryFields.writeCount(out, rows.weights().length);
            for (int i = 0; i < rows.weights().length; i++) {
                BinaryFields.writeCount(out, (long) rows.first()[i]);
                BinaryFields.writeCount(out, (long) rows.second()[i]);
                BinaryFields.writeCount(out, (long) rows.third()[i]);
                BinaryFields.writeCount(out, rows.weights()[i]);
            }
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Accumulator read = new Accumulator();
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            for (int i = 0; i < n; i++) {
                long x = BinaryFields.readCount(in);
                long recency = BinaryFields.readCount(in);
                long opportunities = BinaryFields.readCount(in);
                long weight = BinaryFields.readCount(in);
                read.add(x, recency, opportunities, weight);
            }
            return read;
        }

        /** Reads, e.g., {@code "OpportunityHistories.Accumulator: 11104 customers, 22 distinct rows"}. */
        @Override
        public String toString() {
            return "OpportunityHistories.Accumulator: " + describeTable();
        }
    }
}
