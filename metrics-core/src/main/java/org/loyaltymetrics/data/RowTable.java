package org.loyaltymetrics.data;

import java.io.Serializable;
import java.util.Arrays;
import org.loyaltymetrics.internal.Checks;

/**
 * Weighted rows of three numbers, identical rows merged by adding their weights: the compression
 * behind every data type of the models, so that a fit costs what the distinct rows cost. Open
 * addressing with linear probing on the exact bits of the three numbers (−0.0 is stored as 0.0).
 * Not thread-safe.
 */
final class RowTable implements Serializable {

    private static final long serialVersionUID = 1L;

    private double[] first;
    private double[] second;
    private double[] third;
    private long[] weights;
    private int size;
    private long total;

    RowTable() {
        allocate(16);
    }

    private void allocate(int capacity) {
        first = new double[capacity];
        second = new double[capacity];
        third = new double[capacity];
        weights = new long[capacity];
    }

    /** The number of distinct rows. */
    int size() {
        return size;
    }

    /** The sum of the weights. */
    long total() {
        return total;
    }

    /** Adds {@code weight} (&gt; 0) to the row (a, b, c). */
    void add(double a, double b, double c, long weight) {
        total = Checks.addCounts(total, weight, "the number of customers");
        a += 0.0;
        b += 0.0;
        c += 0.0;
        int mask = weights.length - 1;
        for (int i = slot(a, b, c, mask); ; i = (i + 1) & mask) {
            if (weights[i] == 0) {
                first[i] = a;
                second[i] = b;
                third[i] = c;
                weights[i] = weight;
                if (++size > weights.length / 2) {
                    grow();
                }
                return;
            }
            if (first[i] == a && second[i] == b && third[i] == c) {
                weights[i] += weight;
                return;
            }
        }
    }

    /** Adds every row of {@code other}. */
    void addAll(RowTable other) {
        for (int i = 0; i < other.weights.length; i++) {
            if (other.weights[i] != 0) {
                add(other.first[i], other.second[i], other.third[i], other.weights[i]);
            }
        }
    }

    /** Adds every row of sorted columns. */
    void addAll(double[] a, double[] b, double[] c, long[] w) {
        for (int i = 0; i < w.length; i++) {
            add(a[i], b[i], c[i], w[i]);
        }
    }

    /**
     * The rows sorted by the first, second, then third number, as four columns {a, b, c} and the
     * weights; the order makes every sum over the rows, and so every fit, independent of the order
     * in which the rows were added.
     */
    Columns sorted() {
        Integer[] order = new Integer[size];
        int n = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] != 0) {
                order[n++] = i;
            }
        }
        Arrays.sort(order, (i, j) -> {
            int byFirst = Double.compare(first[i], first[j]);
            if (byFirst != 0) {
                return byFirst;
            }
            int bySecond = Double.compare(second[i], second[j]);
            return bySecond != 0 ? bySecond : Double.compare(third[i], third[j]);
        });
        double[] a = new double[size];
        double[] b = new double[size];
        double[] c = new double[size];
        long[] w = new long[size];
        for (int k = 0; k < size; k++) {
            int i = order[k];
            a[k] = first[i];
            b[k] = second[i];
            c[k] = third[i];
            w[k] = weights[i];
        }
        return new Columns(a, b, c, w, total);
    }

    /** Sorted, compressed columns. */
    record Columns(double[] first, double[] second, double[] third, long[] weights, long total) {
    }

    private void grow() {
        double[] oldFirst = first;
        double[] oldSecond = second;
        double[] oldThird = third;
        long[] oldWeights = weights;
        if (oldWeights.length >= 1 << 29) {
            throw new IllegalStateException("too many distinct rows: " + size);
        }
        allocate(oldWeights.length * 2);
        int mask = weights.length - 1;
        for (int j = 0; j < oldWeights.length; j++) {
            if (oldWeights[j] != 0) {
                int i = slot(oldFirst[j], oldSecond[j], oldThird[j], mask);
                while (weights[i] != 0) {
                    i = (i + 1) & mask;
                }
                first[i] = oldFirst[j];
                second[i] = oldSecond[j];
                third[i] = oldThird[j];
                weights[i] = oldWeights[j];
            }
        }
    }

    private static int slot(double a, double b, double c, int mask) {
        long h = Double.doubleToLongBits(a) * 0x9E3779B97F4A7C15L;
        h = (h ^ Double.doubleToLongBits(b)) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ Double.doubleToLongBits(c)) * 0x165667B19E3779F9L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
