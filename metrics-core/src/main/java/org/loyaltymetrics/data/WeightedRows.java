package org.loyaltymetrics.data;

import java.util.Arrays;
import java.util.Objects;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;

/**
 * What the data types of the models share: compressed rows of up to three numbers with a weight each
 * (the number of customers), sorted, and their counts. Package-private; each public data type extends it.
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

    /** The number of customers of row {@code row} (0 ≤ row &lt; distinctRows()). */
    public long weight(int row) {
        return weight[row];
    }

    /** The weights of the distinct rows (customers per row), in row order: a new array. */
    public long[] weights() {
        return weight.clone();
    }

    /** {@code values} as whole numbers (the count columns are held as exact doubles). */
    static long[] longs(double[] values) {
        long[] result = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (long) values[i];
        }
        return result;
    }

    /** Checks the weight of a row: a count of customers, at least 1. */
    static void checkWeight(long weight) {
        if (weight < 1) {
            throw InvalidArgumentException.of("weight", "a count >= 1", weight);
        }
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
}
