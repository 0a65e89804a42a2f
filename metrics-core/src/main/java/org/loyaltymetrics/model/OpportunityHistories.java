package org.loyaltymetrics.model;

import java.io.Serializable;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.stats.UndefinedResultException;

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

    static void check(long frequency, long recency, long opportunities, long weight) {
        if (opportunities < 1) {
            throw new IllegalArgumentException("opportunities must be >= 1, was " + opportunities);
        }
        if (recency < 0 || recency > opportunities) {
            throw new IllegalArgumentException("recency must be in 0.." + opportunities + ", was " + recency);
        }
        if (frequency < 0 || frequency > recency) {
            throw new IllegalArgumentException("frequency must be in 0..recency " + recency + ", was " + frequency);
        }
        if (frequency == 0 && recency != 0) {
            throw new IllegalArgumentException("recency must be 0 when frequency is 0, was " + recency);
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be a count >= 1, was " + weight);
        }
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
    public static final class Accumulator implements Serializable {

        private static final long serialVersionUID = 1L;


        private final RowTable table = new RowTable();

        private Accumulator() {
        }

        /** Adds one customer who took x of n opportunities, the last being opportunity tₓ. */
        public Accumulator add(long frequency, long recency, long opportunities) {
            return add(frequency, recency, opportunities, 1);
        }

        /** Adds {@code weight} customers with the same row. */
        public Accumulator add(long frequency, long recency, long opportunities, long weight) {
            check(frequency, recency, opportunities, weight);
            table.add(frequency, recency, opportunities, weight);
            return this;
        }

        /** Adds every customer of {@code histories}. */
        public Accumulator addAll(OpportunityHistories histories) {
            Checks.notNull(histories, "histories");
            table.addAll(histories.first, histories.second, histories.third, histories.weight);
            return this;
        }

        /** Adds every customer of {@code other}, which is left unchanged. */
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            table.addAll(other.table);
            return this;
        }

        /** The rows added so far. */
        public OpportunityHistories snapshot() {
            return new OpportunityHistories(table.sorted());
        }
    }

    double[] frequencies() {
        return first;
    }

    double[] recencies() {
        return second;
    }

    double[] opportunityCounts() {
        return third;
    }

}
