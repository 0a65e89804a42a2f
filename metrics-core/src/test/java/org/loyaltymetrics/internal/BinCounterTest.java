package org.loyaltymetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;

class BinCounterTest {

    /** The counts one value at a time, or the index of the first value off the bins. */
    private static Object naive(List<Integer> values, int offset, int bins) {
        long[] counts = new long[bins];
        for (int i = 0; i < values.size(); i++) {
            long k = (long) values.get(i) - offset;
            if (k < 0 || k >= bins) {
                return i;
            }
            counts[(int) k]++;
        }
        return counts;
    }

    /** {@code values}, then {@code filler} until the array holds more than a few values. */
    private static int[] many(int filler, int... values) {
        int[] array = new int[BinCounter.FEW + 7];
        java.util.Arrays.fill(array, filler);
        System.arraycopy(values, 0, array, 0, values.length);
        return array;
    }

    private static byte[] bytes(int[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    @Test
    void countsManyValuesInLanes() {
        // 71 values: 1, 1, 5, then 68 threes; in lanes of 8 slots for ints, of 256 for bytes
        BinCounter counter = new BinCounter(5);
        long[] counts = {10, 0, 0, 0, 1};
        int[] values = many(3, 1, 1, 5);
        assertThat(counter.addAll(values, 1, counts)).isEqualTo(BinCounter.ALL_COUNTED);
        assertThat(counts).containsExactly(12, 0, 68, 0, 2);
        assertThat(counter.addAll(bytes(values), 1, counts)).isEqualTo(BinCounter.ALL_COUNTED);
        assertThat(counts).containsExactly(14, 0, 136, 0, 3);
        // off the bins: beyond the bins but in a slot (6 of 8), beyond the slots, negative, far off
        assertThat(counter.addAll(many(2, 1, 7), 1, counts)).isEqualTo(1);
        assertThat(counter.addAll(many(2, 1, 2, 10), 1, counts)).isEqualTo(2);
        assertThat(counter.addAll(many(2, 0), 1, counts)).isEqualTo(0);
        assertThat(counter.addAll(many(2, 3, 3, 3, 3, Integer.MIN_VALUE), 1, counts)).isEqualTo(4);
        assertThat(counter.addAll(many(6), 1, counts)).isEqualTo(0);
        assertThat(counter.addAll(bytes(many(2, 1, 7)), 1, counts)).isEqualTo(1);
        assertThat(counter.addAll(bytes(many(2, 1, 2, -128)), 1, counts)).isEqualTo(2);
        assertThat(counts).containsExactly(14, 0, 136, 0, 3);
        // the lanes were emptied: the next call counts its own values only
        assertThat(counter.addAll(many(5), 1, counts)).isEqualTo(BinCounter.ALL_COUNTED);
        assertThat(counter.addAll(bytes(many(4)), 1, counts)).isEqualTo(BinCounter.ALL_COUNTED);
        assertThat(counts).containsExactly(14, 0, 136, 71, 74);
    }

    @Test
    void countsEveryValueInItsBin() {
        BinCounter counter = new BinCounter(5);
        long[] counts = {10, 0, 0, 0, 1};
        // offset 1: values 1..5 are bins 0..4; 9 of them, past one group of four
        assertThat(counter.addAll(new int[] {1, 1, 5, 3, 3, 3, 2, 5, 1}, 1, counts)).isEqualTo(BinCounter.ALL_COUNTED);
        assertThat(counts).containsExactly(13, 1, 3, 0, 3);
        assertThat(counter.addAll(new byte[] {4, 4, 1}, 1, counts)).isEqualTo(BinCounter.ALL_COUNTED);
        assertThat(counts).containsExactly(14, 1, 3, 2, 3);
        assertThat(counter.addAll(new int[0], 1, counts)).isEqualTo(BinCounter.ALL_COUNTED);
        assertThat(counter.addAll(new byte[0], 1, counts)).isEqualTo(BinCounter.ALL_COUNTED);
        assertThat(counts).containsExactly(14, 1, 3, 2, 3);
        assertThat(counter.bins()).isEqualTo(5);
        assertThat(counter).hasToString("BinCounter of 5 bins");
    }

    @Test
    void aValueOffTheBinsIsFoundAndNothingIsCounted() {
        BinCounter counter = new BinCounter(5);
        long[] counts = new long[5];
        // 5 bins are counted in 8 slots: 6 (slot 6), 9 (beyond the slots) and negative values are all off
        assertThat(counter.addAll(new int[] {0, 1, 2, 3, 4, 0, 6, 9}, 0, counts)).isEqualTo(6);
        assertThat(counter.addAll(new int[] {0, 1, 2, 3, 4, 0, 1, 9}, 0, counts)).isEqualTo(7);
        assertThat(counter.addAll(new int[] {0, -1}, 0, counts)).isEqualTo(1);
        assertThat(counter.addAll(new int[] {Integer.MIN_VALUE}, 3, counts)).isEqualTo(0);
        assertThat(counter.addAll(new int[] {-1, Integer.MAX_VALUE}, -3, counts)).isEqualTo(1);
        assertThat(counter.addAll(new byte[] {0, 1, 5}, 0, counts)).isEqualTo(2);
        assertThat(counter.addAll(new byte[] {-128, 0}, 0, counts)).isEqualTo(0);
        assertThat(counts).containsOnly(0);
        // the lanes were emptied: the next call counts its own values only
        assertThat(counter.addAll(new int[] {4, 4}, 0, counts)).isEqualTo(BinCounter.ALL_COUNTED);
        assertThat(counter.addAll(new byte[] {0}, 0, counts)).isEqualTo(BinCounter.ALL_COUNTED);
        assertThat(counts).containsExactly(1, 0, 0, 0, 2);
    }

    @Test
    void bytesAreSignedAndBinsMayLieAnywhere() {
        // bins -128..-126 and one bin at 127
        BinCounter low = new BinCounter(3);
        long[] counts = new long[3];
        assertThat(low.addAll(new byte[] {-128, -126, -128, -127, -128}, -128, counts)).isEqualTo(BinCounter.ALL_COUNTED);
        assertThat(counts).containsExactly(3, 1, 1);
        BinCounter one = new BinCounter(1);
        long[] single = new long[1];
        assertThat(one.addAll(new byte[] {127, 127}, 127, single)).isEqualTo(BinCounter.ALL_COUNTED);
        assertThat(one.addAll(new int[] {127, 127, 127, 127, 127}, 127, single)).isEqualTo(BinCounter.ALL_COUNTED);
        assertThat(one.addAll(new int[] {127, 128}, 127, single)).isEqualTo(1);
        assertThat(single).containsExactly(7);
        // bins beyond the range of a byte receive no byte
        BinCounter far = new BinCounter(2);
        assertThat(far.addAll(new byte[] {1}, 500, new long[2])).isEqualTo(0);
    }

    @Test
    void agreesWithCountingOneByOne() {
        // bin numbers around the bins, all moved onto the bins when "onBins"; offsets put some values out of byte range
        qt().withExamples(300).forAll(integers().between(1, 40), integers().between(-300, 300),
                lists().of(integers().between(-3, 45)).ofSizeBetween(0, 200), booleans().all())
                .checkAssert((bins, offset, binNumbers, onBins) -> {
                    List<Integer> values = binNumbers.stream().map(k -> offset + (onBins ? Math.floorMod(k, bins) : k))
                            .collect(Collectors.toList());
                    Object expected = naive(values, offset, bins);
                    int[] ints = values.stream().mapToInt(Integer::intValue).toArray();
                    long[] counts = new long[bins];
                    int result = new BinCounter(bins).addAll(ints, offset, counts);
                    if (expected instanceof Integer) {
                        assertThat(result).isEqualTo(expected);
                        assertThat(counts).containsOnly(0);
                    } else {
                        assertThat(result).isEqualTo(BinCounter.ALL_COUNTED);
                        assertThat(counts).isEqualTo((long[]) expected);
                    }
                    // the same values as bytes, where they fit in one
                    if (values.stream().allMatch(v -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE)) {
                        long[] byteCounts = new long[bins];
                        assertThat(new BinCounter(bins).addAll(bytes(ints), offset, byteCounts)).isEqualTo(result);
                        assertThat(byteCounts).isEqualTo(counts);
                    }
                });
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new BinCounter(0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("bins must be in 1..2^30, was 0");
        assertThatThrownBy(() -> new BinCounter(3).addAll(new int[] {1}, 0, new long[2]))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("counts must be one count per bin (3), was 2 counts");
        assertThatThrownBy(() -> new BinCounter(3).addAll(new byte[] {1}, 0, new long[4]))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("counts must be one count per bin (3), was 4 counts");
    }
}
