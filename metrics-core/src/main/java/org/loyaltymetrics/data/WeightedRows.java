package org.loyaltymetrics.data;

import java.util.Arrays;
import java.util.Objects;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.RowTable;

/**
 * What the history collections of the models share: rows of up to three numbers with a weight each
 * (the number of customers), distinct and sorted, held in a {@link RowTable}'s sorted columns, and the
 * accumulator that builds them. Package-private; each public collection extends it and reads its own
 * columns by name.
 */
abstract class WeightedRows {

    final double[] first;
    final double[] second;
    final double[] third;
    final long[] weight;
    private final long customers;

    WeightedRows(RowTable.Columns columns) {
        this.first = columns.first();
        this.second = columns.second();
        this.third = columns.third();
        this.weight = columns.weights();
        this.customers = columns.total();
    }

    /** The number of customers: the sum of the weights. */
    public long customers() {
        return customers;
    }

    /** Whether there are no customers. */
    public boolean isEmpty() {
        return customers == 0;
    }

    /** The number of distinct rows. */
    public int distinctRows() {
        return weight.length;
    }

    /**
     * The number of customers of row {@code row}, at least 1.
     *
     * @throws IndexOutOfBoundsException if {@code row} is not in 0..distinctRows() − 1
     */
    public long weight(int row) {
        return weight[row];
    }

    /** The weights of the distinct rows (customers per row), in row order: a new array. */
    public long[] weights() {
        return weight.clone();
    }

    /** The rows as columns, for an accumulator to add (the arrays are this value's: not to be changed). */
    final RowTable.Columns columns() {
        return new RowTable.Columns(first, second, third, weight, customers);
    }

    /** {@code values} as whole numbers (the count columns are held as exact doubles). */
    static long[] longs(double[] values) {
        long[] result = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (long) values[i];
        }
        return result;
    }

    /** The mean of {@code values} over customers; the figure is named in the exception on empty data. */
    double weightedMean(double[] values, String figure) {
        if (customers == 0) {
            throw new UndefinedResultException("the " + figure + " is undefined: there are no customers");
        }
        double sum = 0.0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * weight[i];
        }
        return sum / customers;
    }

    /** The start of {@code toString()}: the class, the customers and rows, and {@code setting} (or nothing). */
    String describe(String setting) {
        String name = getClass().getSimpleName();
        if (isEmpty()) {
            return name + "[no customers" + (setting.isEmpty() ? "" : ", " + setting);
        }
        return name + "[" + Formatting.plural(customers, "customer") + ", " + Formatting.plural(distinctRows(), "distinct row")
                + (setting.isEmpty() ? "" : ", " + setting);
    }

    /** Anything beyond the rows that equality depends on (such as a time unit). */
    Object key() {
        return null;
    }

    @Override
    public boolean equals(Object other) {
        if (other == null || other.getClass() != getClass()) {
            return false;
        }
        WeightedRows that = (WeightedRows) other;
        return Objects.equals(key(), that.key()) && Arrays.equals(first, that.first) && Arrays.equals(second, that.second)
                && Arrays.equals(third, that.third) && Arrays.equals(weight, that.weight);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key(), Arrays.hashCode(first), Arrays.hashCode(second), Arrays.hashCode(third),
                Arrays.hashCode(weight));
    }

    /**
     * What the accumulators of the collections share: the table of weighted rows, exact combining
     * under a setting that must match (a time unit, or none), and the one-line summary.
     *
     * @param <A> the accumulator's own type
     * @param <V> the collection it snapshots to
     */
    abstract static class RowAccumulator<A extends RowAccumulator<A, V>, V extends WeightedRows>
            implements org.loyaltymetrics.Accumulator<A, V> {

        private static final long serialVersionUID = 1L;

        final RowTable table = new RowTable();
        private final Object setting;
        private final String settingName;

        /**
         * @param setting what two accumulators must share to combine, or null
         * @param settingName its name in messages, such as "time unit"
         */
        RowAccumulator(Object setting, String settingName) {
            this.setting = setting;
            this.settingName = settingName;
        }

        @SuppressWarnings("unchecked")
        final A self() {
            return (A) this;
        }

        /** Adds every row of {@code histories}, whose setting (its {@link WeightedRows#key()}) must be this one's. */
        final A addRows(V histories) {
            Checks.notNull(histories, "histories");
            if (setting != null) {
                Checks.sameSetting(setting, histories.key(), "histories", settingName);
            }
            table.addAll(histories.columns());
            return self();
        }

        /**
         * Adds every customer of {@code other}, which is left unchanged.
         *
         * @throws NullPointerException if {@code other} is null
         * @throws org.loyaltymetrics.InvalidArgumentException if {@code other} has another setting (a
         *     time unit), named in the message
         * @throws ArithmeticException if the number of customers overflows a long
         */
        @Override
        public final A combine(A other) {
            Checks.notNull(other, "other");
            if (setting != null) {
                Checks.sameSetting(setting, ((RowAccumulator<?, ?>) other).setting, "other", settingName);
            }
            table.addAll(other.table);
            return self();
        }

        /** What the table holds, e.g. {@code "2357 customers, 1016 distinct rows"}. */
        final String describeTable() {
            return Formatting.plural(table.total(), "customer") + ", " + Formatting.plural(table.size(), "distinct row");
        }
    }
}
