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
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.RowTable;

/**
 * The spend of repeat customers, as the sufficient statistics of the Gamma-Gamma model: per customer
 * a {@link SpendHistory}, the number x ≥ 1 of repeat transactions with a value and their mean value
 * z̄ &gt; 0. Identical rows are merged with a weight (the number of customers).
 *
 * <p><b>The rule for zero values.</b> The Gamma-Gamma model describes positive amounts: a gamma
 * distribution has no mass at 0. A transaction of value 0 (a free sample, a fully discounted order)
 * is a purchase for the transaction models but not a spend observation: leave it out of both x and
 * z̄ here. A customer with no repeat transaction of positive value (x = 0, or all values 0) carries no
 * spend information and is left out of these data; the model predicts the population mean spend for
 * such a customer ({@code GammaGammaModel.populationMeanSpend()}). A mean z̄ ≤ 0 is rejected, never
 * clamped.
 *
 * <p>Read a row with {@link #get(int)}, a column with {@link #frequencies()}, {@link #meanSpends()}
 * and {@link #weights()} (new arrays); merge with {@link #plus(SpendHistories)} or an
 * {@link Accumulator}.
 *
 * <p>This class is immutable and thread-safe; rows are held sorted by (x, z̄).
 */
public final class SpendHistories extends WeightedRows {

    private SpendHistories(RowTable.Columns columns) {
        super(columns);
    }

    /**
     * The spend of customers given one per index.
     *
     * @throws InvalidArgumentException if the arrays differ in length or a row breaks the rules of
     *     {@link SpendHistory} (nothing is built)
     */
    public static SpendHistories of(long[] frequency, double[] meanSpend) {
        Checks.notNull(frequency, "frequency");
        Checks.notNull(meanSpend, "meanSpend");
        if (meanSpend.length != frequency.length) {
            throw new InvalidArgumentException("meanSpend", "frequency and meanSpend must have the same length, were "
                    + frequency.length + " and " + meanSpend.length);
        }
        double[] x = new double[frequency.length];
        for (int i = 0; i < frequency.length; i++) {
            new SpendHistory(frequency[i], meanSpend[i]);
            x[i] = frequency[i];
        }
        // sorted and merged straight from the columns, as an accumulator's snapshot would be
        return new SpendHistories(RowTable.distinct(x, meanSpend, new double[frequency.length]));
    }

    /**
     * The spend of the repeat customers of an RFM summary: frequency x and the mean value of the repeat
     * purchase days, in major units. Customers without a repeat purchase, or whose repeat purchases
     * are all of zero value, carry no spend data and are left out.
     */
    public static SpendHistories from(RfmSummary summary) {
        Checks.notNull(summary, "summary");
        Accumulator accumulator = accumulator();
        for (RfmSummary.Customer customer : summary.customers()) {
            if (customer.frequency() > 0 && customer.repeatValue().minorUnits() > 0) {
                accumulator.add(customer.frequency(), customer.monetaryValue());
            }
        }
        return accumulator.snapshot();
    }

    /** An empty accumulator. */
    public static Accumulator accumulator() {
        return new Accumulator();
    }

    /** A collector of {@link SpendHistory}s. */
    public static Collector<SpendHistory, ?, SpendHistories> collector() {
        return org.loyaltymetrics.Accumulator.collector(Accumulator::new, Accumulator::add);
    }

    /**
     * The customers of both, exactly as one accumulator over all of them gives.
     *
     * @throws ArithmeticException if the number of customers overflows a long
     */
    public SpendHistories plus(SpendHistories other) {
        Checks.notNull(other, "other");
        return accumulator().addAll(this).addAll(other).snapshot();
    }

    /**
     * The number of transactions x of row {@code row}.
     *
     * @throws IndexOutOfBoundsException if {@code row} is not in 0..distinctRows() − 1
     */
    public long frequency(int row) {
        return (long) first[row];
    }

    /**
     * The mean transaction value z̄ of row {@code row}.
     *
     * @throws IndexOutOfBoundsException if {@code row} is not in 0..distinctRows() − 1
     */
    public double meanSpend(int row) {
        return second[row];
    }

    /**
     * The spend of row {@code row}; {@link #weight(int)} customers have it.
     *
     * @throws IndexOutOfBoundsException if {@code row} is not in 0..distinctRows() − 1
     */
    public SpendHistory get(int row) {
        return new SpendHistory(frequency(row), meanSpend(row));
    }

    /** The frequencies x of the distinct rows, in row order: a new array. */
    public long[] frequencies() {
        return longs(first);
    }

    /** The mean spends z̄ of the distinct rows, in row order: a new array. */
    public double[] meanSpends() {
        return second.clone();
    }

    /**
     * The mean of z̄ over customers (each customer's mean counted once).
     *
     * @throws UndefinedResultException if there are no customers
     */
    public double averageMeanSpend() {
        return weightedMean(second, "average mean spend");
    }

    /** Reads, e.g., {@code "SpendHistories[946 customers, 943 distinct rows; average mean spend 35.08]"}. */
    @Override
    public String toString() {
        String text = describe("");
        return isEmpty() ? text + "]"
                : text + "; average mean spend " + Formatting.decimal(averageMeanSpend(), 2) + "]";
    }

    /**
     * Collects spend rows, merging identical ones; adding a row already present allocates nothing.
     * {@code combine} gives exactly what one pass over all the rows gives. This class is not
     * thread-safe: use one per thread and combine them.
     */
    public static final class Accumulator extends RowAccumulator<Accumulator, SpendHistories> {

        private static final long serialVersionUID = 1L;

        private Accumulator() {
            super(null, "");
        }

        /**
         * Adds one customer with x transactions of mean value z̄.
         *
         * @throws InvalidArgumentException if the row breaks a rule of {@link SpendHistory}
         */
        public Accumulator add(long frequency, double meanSpend) {
            return add(frequency, meanSpend, 1);
        }

        /**
         * Adds {@code weight} customers with the same row.
         *
         * @throws InvalidArgumentException if the row breaks a rule of {@link SpendHistory} or the
         *     weight is not &gt;= 1 (nothing is added)
         */
        public Accumulator add(long frequency, double meanSpend, long weight) {
            new SpendHistory(frequency, meanSpend);
            table.add(frequency, meanSpend, 0.0, weight);
            return this;
        }

        /** Adds one customer's spend. */
        public Accumulator add(SpendHistory history) {
            return add(history, 1);
        }

        /**
         * Adds {@code weight} customers with the same spend.
         *
         * @throws InvalidArgumentException if the weight is not &gt;= 1
         */
        public Accumulator add(SpendHistory history, long weight) {
            Checks.notNull(history, "history");
            table.add(history.frequency(), history.meanSpend(), 0.0, weight);
            return this;
        }

        /** Adds every customer of {@code histories}. */
        public Accumulator addAll(SpendHistories histories) {
            return addRows(histories);
        }

        /** The rows added so far. */
        @Override
        public SpendHistories snapshot() {
            return new SpendHistories(table.sorted());
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "data.SpendHistories.Accumulator"}, version 1: the number of distinct rows, then each row in
         * the order of the snapshot: frequency x (varint), mean spend (eight bytes), the weight (varint).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "data.SpendHistories.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            RowTable.Columns rows = value.table.sorted();
            BinaryFields.writeCount(out, rows.weights().length);
            for (int i = 0; i < rows.weights().length; i++) {
                BinaryFields.writeCount(out, (long) rows.first()[i]);
                out.writeDouble(rows.second()[i]);
                BinaryFields.writeCount(out, rows.weights()[i]);
            }
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Accumulator read = new Accumulator();
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            for (int i = 0; i < n; i++) {
                long x = BinaryFields.readCount(in);
                double meanSpend = in.readDouble();
                long weight = BinaryFields.readCount(in);
                read.add(x, meanSpend, weight);
            }
            return read;
        }

        /** Reads, e.g., {@code "SpendHistories.Accumulator: 946 customers, 943 distinct rows"}. */
        @Override
        public String toString() {
            return "SpendHistories.Accumulator: " + describeTable();
        }
    }
}
