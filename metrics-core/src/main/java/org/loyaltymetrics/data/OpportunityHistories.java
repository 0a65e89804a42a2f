package org.loyaltymetrics.data;

import java.util.stream.Collector;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;

/**
 * Repeat-transaction histories in discrete time, as the sufficient statistics of the BG/BB model:
 * per customer the number n of transaction opportunities after the first transaction (such as annual
 * fund-raising drives), the <em>frequency</em> x (opportunities taken) and the <em>recency</em> tₓ
 * (the last opportunity taken, 0 if none). Identical rows are merged with a weight.
 *
 * <p>Rules: n ≥ 1; 0 ≤ x ≤ tₓ ≤ n; x = 0 exactly when tₓ = 0.
 *
 * <p>This class is immutable and thread-safe; rows are held sorted by (x, tₓ, n).
 */
public final class OpportunityHistories extends WeightedRows {


    private OpportunityHistories(RowTable.Columns columns) {
        super(columns);
    }

    /** An empty accumulator. */
    public static Accumulator accumulator() {
        return new Accumulator();
    }

    /** A collector of {@link OpportunityHistory}s. */
    public static Collector<OpportunityHistory, ?, OpportunityHistories> collector() {
        return org.loyaltymetrics.Accumulator.collector(Accumulator::new, Accumulator::add);
    }

    /** The frequency x of row {@code row}. */
    public long frequency(int row) {
        return (long) first[row];
    }

    /** The recency tₓ of row {@code row}. */
    public long recency(int row) {
        return (long) second[row];
    }

    /** The number of opportunities n of row {@code row}. */
    public long opportunities(int row) {
        return (long) third[row];
    }

    /**
     * The history of row {@code row} (0 ≤ row &lt; distinctRows()); {@link #weight(int)} customers have it.
     *
     * @throws IndexOutOfBoundsException if {@code row} is out of range
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
        return "OpportunityHistories[" + customers() + " customers, " + distinctRows() + " distinct rows]";
    }

    /**
     * Collects rows, merging identical ones; {@link #combine(Accumulator)} gives exactly what one pass
     * over all the rows gives. This class is not thread-safe.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, OpportunityHistories> {

        private static final long serialVersionUID = 1L;

        private final RowTable table = new RowTable();

        private Accumulator() {
        }

        /** Adds one customer who took x of n opportunities, the last being opportunity tₓ. */
        public Accumulator add(long frequency, long recency, long opportunities) {
            return add(frequency, recency, opportunities, 1);
        }

        /**
         * Adds {@code weight} customers with the same row.
         *
         * @throws InvalidArgumentException if the row breaks a rule of {@link OpportunityHistory} or
         *     the weight is not &gt;= 1
         */
        public Accumulator add(long frequency, long recency, long opportunities, long weight) {
            new OpportunityHistory(frequency, recency, opportunities);
            checkWeight(weight);
            table.add(frequency, recency, opportunities, weight);
            return this;
        }

        /** Adds one customer's history. */
        public Accumulator add(OpportunityHistory history) {
            Checks.notNull(history, "history");
            return add(history.frequency(), history.recency(), history.opportunities(), 1);
        }

        /** Adds every customer of {@code histories}. */
        public Accumulator addAll(OpportunityHistories histories) {
            Checks.notNull(histories, "histories");
            table.addAll(histories.first, histories.second, histories.third, histories.weight);
            return this;
        }

        /** Adds every customer of {@code other}, which is left unchanged. */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            table.addAll(other.table);
            return this;
        }

        /** The rows added so far. */
        @Override
        public OpportunityHistories snapshot() {
            return new OpportunityHistories(table.sorted());
        }

        /** Reads, e.g., {@code "OpportunityHistories.Accumulator: 11104 customers, 22 distinct rows"}. */
        @Override
        public String toString() {
            return "OpportunityHistories.Accumulator: " + table.total() + " customers, " + table.size() + " distinct rows";
        }
    }

}
