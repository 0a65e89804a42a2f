package org.loyaltymetrics.internal;

import java.util.Arrays;
import org.loyaltymetrics.InvalidArgumentException;

/**
 * Adds arrays of small integers to a histogram of {@code long} counts, one bin per value: the value
 * {@code v} falls in bin {@code v - offset}, for the bins {@code 0..bins - 1}. A whole array is
 * counted or, if some value falls outside the bins, nothing is, and the index of the first such value
 * is returned: no exception is thrown on the way, the caller reports the bad value.
 *
 * <p>The values are counted in four independent lanes of {@code int} counters, so that runs of equal
 * values do not serialize on one counter, and the lanes are added to the counts at the end of the
 * call. An {@code int} lane cannot overflow: an array has fewer than 2³¹ elements. No value is
 * checked on its own against the bins: the lanes of {@code int} values have a power of two slots, at
 * least {@code bins}, four bin numbers at a time are or-ed together and tested against the slots by one
 * branch, which is never taken on good data, and the slots beyond the bins are checked at the end;
 * each of the 256 {@code byte} values has a counter of its own, and the counters of the bytes off the
 * bins are checked at the end.
 *
 * <p>Arrays of at most {@value #FEW} values are checked first and then counted straight into the
 * counts, which is quicker than setting up lanes. The lanes are scratch space, allocated on the first
 * call of each kind with more values and empty between calls; counting allocates nothing after that.
 * Not thread-safe.
 */
public final class BinCounter {

    /** The index returned when every value was counted. */
    public static final int ALL_COUNTED = -1;

    /** Arrays of at most this many values are counted without lanes. */
    static final int FEW = 64;

    private static final int BYTE_VALUES = 256;

    private final int bins;
    /** Four lanes of a power of two slots, at least {@code bins}, for {@code int} values. */
    private int[][] intLanes;
    /** Four lanes of a slot per {@code byte} value. */
    private int[][] byteLanes;

    /**
     * A counter into {@code bins} bins.
     *
     * @throws InvalidArgumentException unless {@code 1 <= bins <= 2³⁰}
     */
    public BinCounter(int bins) {
        if (bins <= 0 || bins > 1 << 30) {
            throw InvalidArgumentException.of("bins", "in 1..2^30", bins);
        }
        this.bins = bins;
    }

    /** The number of bins. */
    public int bins() {
        return bins;
    }

    /**
     * Adds 1 to {@code counts[v - offset]} for every value {@code v} of {@code values}, provided that
     * every {@code v - offset} is a bin.
     *
     * @param values the values
     * @param offset the value that falls in bin 0
     * @param counts the counts per bin, {@code bins} of them, updated in place
     * @return {@link #ALL_COUNTED} if every value was counted; otherwise the index of the first value
     *     that is off the bins, and {@code counts} is unchanged
     */
    public int addAll(int[] values, int offset, long[] counts) {
        checkCounts(counts);
        if (values.length <= FEW) {
            int offBins = firstOffBins(values, offset);
            if (offBins == ALL_COUNTED) {
                for (int value : values) {
                    counts[value - offset]++;
                }
            }
            return offBins;
        }
        if (intLanes == null) {
            intLanes = lanes(bins == 1 ? 1 : Integer.highestOneBit(bins - 1) << 1);
        }
        return addAllInLanes(values, offset, counts);
    }

    private int addAllInLanes(int[] values, int offset, long[] counts) {
        int[] c0 = intLanes[0];
        int[] c1 = intLanes[1];
        int[] c2 = intLanes[2];
        int[] c3 = intLanes[3];
        int n = values.length;
        boolean allInBins = true;
        int i = 0;
        // Four bin numbers k = v - offset at a time are or-ed and tested against the slots (a bit
        // beyond the mask means that one is off them); a k between the bins and the mask is counted in
        // a slot beyond the bins, which is checked at the end. One branch per four values, never taken
        // on good data: quicker than masking every index (measured with SurveyBenchmark).
        int mask = c0.length - 1;
        int offSlots = ~mask;
        for (; i + 4 <= n; i += 4) {
            int k0 = values[i] - offset;
            int k1 = values[i + 1] - offset;
            int k2 = values[i + 2] - offset;
            int k3 = values[i + 3] - offset;
            if (((k0 | k1 | k2 | k3) & offSlots) != 0) {
                allInBins = false;
                break;
            }
            c0[k0]++;
            c1[k1]++;
            c2[k2]++;
            c3[k3]++;
        }
        for (; i < n && allInBins; i++) {
            int k = values[i] - offset;
            if ((k & offSlots) != 0) {
                allInBins = false;
                break;
            }
            c0[k]++;
        }
        for (int k = bins; k <= mask && allInBins; k++) {
            allInBins = (c0[k] | c1[k] | c2[k] | c3[k]) == 0;
        }
        if (!allInBins) {
            clear(c0, c1, c2, c3);
            return firstOffBins(values, offset);
        }
        for (int k = 0; k < bins; k++) {
            counts[k] += (long) c0[k] + c1[k] + c2[k] + c3[k];
        }
        clear(c0, c1, c2, c3);
        return ALL_COUNTED;
    }

    /**
     * Adds 1 to {@code counts[v - offset]} for every value {@code v} of {@code values} (signed
     * bytes), provided that every {@code v - offset} is a bin.
     *
     * @param values the values
     * @param offset the value that falls in bin 0
     * @param counts the counts per bin, {@code bins} of them, updated in place
     * @return {@link #ALL_COUNTED} if every value was counted; otherwise the index of the first value
     *     that is off the bins, and {@code counts} is unchanged
     */
    public int addAll(byte[] values, int offset, long[] counts) {
        checkCounts(counts);
        if (values.length <= FEW) {
            int offBins = firstOffBins(values, offset);
            if (offBins == ALL_COUNTED) {
                for (byte value : values) {
                    counts[value - offset]++;
                }
            }
            return offBins;
        }
        if (byteLanes == null) {
            byteLanes = lanes(BYTE_VALUES);
        }
        return addAllInLanes(values, offset, counts);
    }

    private int addAllInLanes(byte[] values, int offset, long[] counts) {
        int[] c0 = byteLanes[0];
        int[] c1 = byteLanes[1];
        int[] c2 = byteLanes[2];
        int[] c3 = byteLanes[3];
        int n = values.length;
        int i = 0;
        // Counted by the byte's bits (0..255, always a counter), checked against the bins below.
        for (; i + 4 <= n; i += 4) {
            c0[values[i] & 0xFF]++;
            c1[values[i + 1] & 0xFF]++;
            c2[values[i + 2] & 0xFF]++;
            c3[values[i + 3] & 0xFF]++;
        }
        for (; i < n; i++) {
            c0[values[i] & 0xFF]++;
        }
        boolean allInBins = true;
        for (int bits = 0; bits < BYTE_VALUES; bits++) {
            if ((c0[bits] | c1[bits] | c2[bits] | c3[bits]) != 0 && !isBin((byte) bits - offset)) {
                allInBins = false;
            }
        }
        if (!allInBins) {
            clear(c0, c1, c2, c3);
            return firstOffBins(values, offset);
        }
        for (int bits = 0; bits < BYTE_VALUES; bits++) {
            long count = (long) c0[bits] + c1[bits] + c2[bits] + c3[bits];
            if (count != 0) {
                counts[(byte) bits - offset] += count;
            }
        }
        clear(c0, c1, c2, c3);
        return ALL_COUNTED;
    }

    private int firstOffBins(int[] values, int offset) {
        for (int i = 0; i < values.length; i++) {
            if (!isBin(values[i] - offset)) {
                return i;
            }
        }
        return ALL_COUNTED;
    }

    private int firstOffBins(byte[] values, int offset) {
        for (int i = 0; i < values.length; i++) {
            if (!isBin(values[i] - offset)) {
                return i;
            }
        }
        return ALL_COUNTED;
    }

    private static int[][] lanes(int slots) {
        return new int[][] {new int[slots], new int[slots], new int[slots], new int[slots]};
    }

    private boolean isBin(int k) {
        return Integer.compareUnsigned(k, bins) < 0;
    }

    private void checkCounts(long[] counts) {
        if (counts.length != bins) {
            throw InvalidArgumentException.of("counts", "one count per bin (" + bins + ")",
                    counts.length + " counts");
        }
    }

    private static void clear(int[] c0, int[] c1, int[] c2, int[] c3) {
        Arrays.fill(c0, 0);
        Arrays.fill(c1, 0);
        Arrays.fill(c2, 0);
        Arrays.fill(c3, 0);
    }

    /** Reads, e.g., {@code "BinCounter of 11 bins"}. */
    @Override
    public String toString() {
        return "BinCounter of " + bins + " bins";
    }
}
