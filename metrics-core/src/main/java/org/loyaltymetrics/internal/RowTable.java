package org.loyaltymetrics.internal;

import java.io.Serializable;
import org.loyaltymetrics.InvalidArgumentException;

/**
 * Rows of three numbers with a weight each, identical rows merged by adding their weights: the
 * compression behind the history collections of the models, so that a fit costs what the distinct
 * rows cost. Open addressing with linear probing over four parallel arrays, on the exact bits of the
 * three numbers (−0.0 is stored as 0.0, so the two zeros are one row); the table grows (doubling)
 * when it is half full. Adding a row that is already present allocates nothing.
 *
 * <p>{@link #sorted()} returns the rows in lexicographic order of the three numbers, sorting an
 * {@code int[]} of row indexes by a least-significant-digit radix sort on the bits of the numbers (eight
 * stable passes of a byte per column at most, a pass skipped where every row has the same byte: a column
 * of small counts costs two): the order makes every sum over the rows, and so every fit on them,
 * independent of the order in which the rows were added. {@link #distinct} gives the same columns
 * straight from three arrays, one row per index, without the hash table.
 *
 * <p>Not thread-safe.
 */
public final class RowTable implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The bits of a digit of the radix sort, the values of a digit, and the digits of 64 bits. */
    private static final int DIGIT_BITS = 11;
    private static final int RADIX = 1 << DIGIT_BITS;
    private static final int DIGITS = (64 + DIGIT_BITS - 1) / DIGIT_BITS;

    /** The largest table: 2²⁹ slots, so at most 2²⁸ distinct rows. */
    private static final int MAX_CAPACITY = 1 << 29;

    private double[] first;
    private double[] second;
    private double[] third;
    /** The weight of each slot; 0 marks an empty slot. */
    private long[] weights;
    private int size;
    private long total;

    /** An empty table. */
    public RowTable() {
        allocate(16);
    }

    private void allocate(int capacity) {
        first = new double[capacity];
        second = new double[capacity];
        third = new double[capacity];
        weights = new long[capacity];
    }

    /** The number of distinct rows. */
    public int size() {
        return size;
    }

    /** The sum of the weights. */
    public long total() {
        return total;
    }

    /**
     * Adds {@code weight} to the row (a, b, c), creating it if it is new.
     *
     * @throws InvalidArgumentException if the weight is not &gt;= 1 or a number is NaN (nothing is added)
     * @throws ArithmeticException if the sum of the weights overflows a long (nothing is added)
     * @throws IllegalStateException if the row is new and the table holds 2²⁸ rows already
     */
    public void add(double a, double b, double c, long weight) {
        if (weight < 1) {
            throw InvalidArgumentException.of("weight", "a count >= 1", weight);
        }
        if (a != a || b != b || c != c) {
            throw InvalidArgumentException.of("row", "three numbers, not NaN", "(" + a + ", " + b + ", " + c + ")");
        }
        long sum = Checks.addCounts(total, weight, "the number of customers");
        double x = a + 0.0;
        double y = b + 0.0;
        double z = c + 0.0;
        int mask = weights.length - 1;
        for (int i = slot(x, y, z, mask); ; i = (i + 1) & mask) {
            if (weights[i] == 0) {
                if (size + 1 > weights.length / 2) {
                    grow();
                    add(x, y, z, weight);
                    return;
                }
                first[i] = x;
                second[i] = y;
                third[i] = z;
                weights[i] = weight;
                size++;
                total = sum;
                return;
            }
            if (first[i] == x && second[i] == y && third[i] == z) {
                weights[i] += weight;
                total = sum;
                return;
            }
        }
    }

    /** Adds every row of {@code other}, which is left unchanged. */
    public void addAll(RowTable other) {
        Checks.notNull(other, "other");
        long[] w = other.weights;
        for (int i = 0; i < w.length; i++) {
            if (w[i] != 0) {
                add(other.first[i], other.second[i], other.third[i], w[i]);
            }
        }
    }

    /** Adds every row of {@code columns}. */
    public void addAll(Columns columns) {
        Checks.notNull(columns, "columns");
        long[] w = columns.weights();
        for (int i = 0; i < w.length; i++) {
            add(columns.first()[i], columns.second()[i], columns.third()[i], w[i]);
        }
    }

    /**
     * The rows sorted by the first, then the second, then the third number, as new arrays; the table
     * is left unchanged.
     */
    public Columns sorted() {
        // gather the rows into dense arrays (slot order), then sort their indexes
        double[] a = new double[size];
        double[] b = new double[size];
        double[] c = new double[size];
        long[] w = new long[size];
        int n = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] != 0) {
                a[n] = first[i];
                b[n] = second[i];
                c[n] = third[i];
                w[n] = weights[i];
                n++;
            }
        }
        int[] order = sortedIndexes(a, b, c);
        double[] sortedA = new double[size];
        double[] sortedB = new double[size];
        double[] sortedC = new double[size];
        long[] sortedW = new long[size];
        for (int k = 0; k < size; k++) {
            int i = order[k];
            sortedA[k] = a[i];
            sortedB[k] = b[i];
            sortedC[k] = c[i];
            sortedW[k] = w[i];
        }
        return new Columns(sortedA, sortedB, sortedC, sortedW, total);
    }

    /**
     * The distinct rows (a[i], b[i], c[i]) of three columns, one row per index, sorted as {@link #sorted()}
     * sorts them, each with the number of indexes that hold it as its weight: what adding every row with
     * weight 1 to a new table and taking {@link #sorted()} gives (−0.0 read as 0.0), without the table.
     *
     * @throws InvalidArgumentException if the columns differ in length or a number is NaN
     */
    public static Columns distinct(double[] a, double[] b, double[] c) {
        Checks.notNull(a, "a");
        Checks.notNull(b, "b");
        Checks.notNull(c, "c");
        int n = a.length;
        if (b.length != n || c.length != n) {
            throw new InvalidArgumentException(b.length != n ? "b" : "c", "the columns must have the same length, were "
                    + n + ", " + b.length + " and " + c.length);
        }
        for (int i = 0; i < n; i++) {
            if (a[i] != a[i] || b[i] != b[i] || c[i] != c[i]) {
                throw InvalidArgumentException.of("row", "three numbers, not NaN", "(" + a[i] + ", " + b[i] + ", " + c[i]
                        + ") at index " + i);
            }
        }
        int[] order = sortedIndexes(a, b, c);
        double[] first = new double[n];
        double[] second = new double[n];
        double[] third = new double[n];
        long[] weights = new long[n];
        int size = 0;
        double x = Double.NaN;
        double y = Double.NaN;
        double z = Double.NaN;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            double ai = a[i] + 0.0;
            double bi = b[i] + 0.0;
            double ci = c[i] + 0.0;
            if (ai != x || bi != y || ci != z) {
                first[size] = ai;
                second[size] = bi;
                third[size] = ci;
                size++;
                x = ai;
                y = bi;
                z = ci;
            }
            weights[size - 1]++;
        }
        if (size < n) {
            first = java.util.Arrays.copyOf(first, size);
            second = java.util.Arrays.copyOf(second, size);
            third = java.util.Arrays.copyOf(third, size);
            weights = java.util.Arrays.copyOf(weights, size);
        }
        return new Columns(first, second, third, weights, n);
    }

    /**
     * The indexes 0..n−1 of the rows (a[i], b[i], c[i]) (no NaN; −0.0 and 0.0 equal) in lexicographic
     * order, ties in index order: a stable least-significant-digit radix sort, column c first, then b, then a, each on the
     * bytes of its numbers' bits made to sort as unsigned integers in the order of the numbers, a byte
     * skipped where every row has the same one.
     */
    static int[] sortedIndexes(double[] a, double[] b, double[] c) {
        int n = a.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] nextOrder = new int[n];
        long[] keys = new long[n];
        long[] nextKeys = new long[n];
        int[][] counts = new int[DIGITS][RADIX];
        for (double[] column : new double[][] {c, b, a}) {
            for (int[] count : counts) {
                java.util.Arrays.fill(count, 0);
            }
            for (int k = 0; k < n; k++) {
                long key = sortable(column[order[k]]);
                keys[k] = key;
                for (int d = 0; d < DIGITS; d++) {
                    counts[d][(int) (key >>> (DIGIT_BITS * d)) & (RADIX - 1)]++;
                }
            }
            for (int d = 0; d < DIGITS && n > 1; d++) {
                int[] count = counts[d];
                int shift = DIGIT_BITS * d;
                if (count[(int) (keys[0] >>> shift) & (RADIX - 1)] == n) {
                    continue; // every row has this digit
                }
                int start = 0;
                for (int digit = 0; digit < RADIX; digit++) {
                    int size = count[digit];
                    count[digit] = start;
                    start += size;
                }
                for (int k = 0; k < n; k++) {
                    long key = keys[k];
                    int to = count[(int) (key >>> shift) & (RADIX - 1)]++;
                    nextKeys[to] = key;
                    nextOrder[to] = order[k];
                }
                long[] swapKeys = keys;
                keys = nextKeys;
                nextKeys = swapKeys;
                int[] swapOrder = order;
                order = nextOrder;
                nextOrder = swapOrder;
            }
        }
        return order;
    }

    /**
     * The bits of {@code value} (not NaN; −0.0 read as 0.0) as an unsigned integer in the order of the
     * numbers.
     */
    private static long sortable(double value) {
        long bits = Double.doubleToRawLongBits(value + 0.0);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    /**
     * Rows as four parallel columns and the sum of their weights: what {@link #sorted()} returns. The
     * arrays are the caller's (no copy is made).
     *
     * @param first the first number of each row
     * @param second the second number of each row
     * @param third the third number of each row
     * @param weights the weight of each row, each &gt;= 1
     * @param total the sum of the weights
     */
    public record Columns(double[] first, double[] second, double[] third, long[] weights, long total) {
    }

    private void grow() {
        double[] oldFirst = first;
        double[] oldSecond = second;
        double[] oldThird = third;
        long[] oldWeights = weights;
        if (oldWeights.length >= MAX_CAPACITY) {
            throw new IllegalStateException("the table is full: " + size + " distinct rows");
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

    /** Reads, e.g., {@code "RowTable: 1016 distinct rows, total weight 2357"}. */
    @Override
    public String toString() {
        return "RowTable: " + size + " distinct rows, total weight " + total;
    }
}
