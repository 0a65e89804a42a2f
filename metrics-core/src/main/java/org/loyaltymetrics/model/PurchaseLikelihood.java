package org.loyaltymetrics.model;

import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.internal.LongIndex;

/**
 * The base of the continuous-time models' likelihoods: the compressed rows of {@link PurchaseHistories}
 * (sorted by x, so that terms depending on x alone are computed once per distinct x, a group), with an
 * analytic gradient, and what the rows share, found once when the likelihood is made: the groups of
 * rows with one x, their total weights, and the distinct ages T and recencies tₓ where there are few
 * (a cohort's customers share a few hundred calendar days), so that a term of T or tₓ alone (such as
 * ln(α + T)) is computed once per distinct value, not once per row. Immutable and thread-safe.
 */
abstract class PurchaseLikelihood implements MaximumLikelihood.LogLikelihood {

    /** The most values {@link #distinct} samples to decide whether a table of distinct values pays. */
    static final int SAMPLE = 4096;

    final PurchaseHistories data;
    final int rows;
    final double[] x;
    final double[] recency;
    final double[] age;
    final double[] weight;
    /** Group g holds rows groupStart[g] to groupStart[g + 1] − 1, all with x = groupX[g]. */
    final int[] groupStart;
    final double[] groupX;
    /** The sum of the weights of each group. */
    final double[] groupWeight;
    /** Row i has age distinctAges[ageIndex[i]]; both null where the ages are mostly distinct. */
    final int[] ageIndex;
    final double[] distinctAges;
    /** Row i has recency distinctRecencies[recencyIndex[i]]; both null where they are mostly distinct. */
    final int[] recencyIndex;
    final double[] distinctRecencies;

    PurchaseLikelihood(PurchaseHistories data) {
        this.data = data;
        long[] frequencies = data.frequencies();
        long[] weights = data.weights();
        rows = frequencies.length;
        x = new double[rows];
        weight = new double[rows];
        int groups = 0;
        for (int i = 0; i < rows; i++) {
            x[i] = frequencies[i];
            weight[i] = weights[i];
            if (i == 0 || x[i] != x[i - 1]) {
                groups++;
            }
        }
        recency = data.recencies();
        age = data.ages();
        groupStart = new int[groups + 1];
        groupX = new double[groups];
        groupWeight = new double[groups];
        int g = -1;
        for (int i = 0; i < rows; i++) {
            if (i == 0 || x[i] != x[i - 1]) {
                g++;
                groupStart[g] = i;
                groupX[g] = x[i];
            }
            groupWeight[g] += weight[i];
        }
        groupStart[groups] = rows;
        int[][] index = new int[1][];
        distinctAges = distinct(age, index);
        ageIndex = index[0];
        distinctRecencies = distinct(recency, index);
        recencyIndex = index[0];
    }

    @Override
    public boolean hasGradient() {
        return true;
    }

    /** Every {@code stride}-th distinct row of the data, from row stride/2 on, with its weight. */
    final PurchaseHistories sampleRows(int stride) {
        PurchaseHistories.Accumulator sample = PurchaseHistories.accumulator(data.timeUnit());
        for (int row = stride / 2; row < rows; row += stride) {
            sample.add(data.frequency(row), data.recency(row), data.age(row), data.weight(row));
        }
        return sample.snapshot();
    }

    /** The group of row {@code row}. */
    final int groupOf(int row) {
        int low = 0;
        int high = groupX.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (groupStart[middle] <= row) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    /**
     * The distinct values of {@code values} (in the order of first appearance), with each value's index
     * into them in {@code index[0]}; both null where a sample of up to {@link #SAMPLE} values spread
     * over the rows has more than half of its values distinct (values that repeat so little are not
     * worth a table, and the sample costs next to nothing where the values are all distinct).
     */
    static double[] distinct(double[] values, int[][] index) {
        int n = values.length;
        LongIndex keys;
        if (n > SAMPLE) {
            LongIndex sampled = new LongIndex(256);
            for (int k = 0; k < SAMPLE; k++) {
                sampled.add(Double.doubleToLongBits(values[(int) ((long) k * n / SAMPLE)] + 0.0));
            }
            if (sampled.size() > SAMPLE / 2) {
                index[0] = null;
                return null;
            }
            keys = new LongIndex(2 * sampled.size());
        } else {
            keys = new LongIndex(256);
        }
        int[] rowIndex = new int[n];
        for (int i = 0; i < n; i++) {
            rowIndex[i] = keys.add(Double.doubleToLongBits(values[i] + 0.0));
        }
        if (n <= SAMPLE && keys.size() > n / 2) {
            index[0] = null;
            return null;
        }
        double[] distinct = new double[keys.size()];
        for (int j = 0; j < distinct.length; j++) {
            distinct[j] = Double.longBitsToDouble(keys.key(j));
        }
        index[0] = rowIndex;
        return distinct;
    }
}
