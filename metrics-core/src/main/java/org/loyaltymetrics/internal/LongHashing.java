package org.loyaltymetrics.internal;

/** The hash and sizing rules shared by the primitive {@code long}-keyed tables of this package. */
final class LongHashing {

    /** The largest table: 2³⁰ slots. */
    static final int MAX_CAPACITY = 1 << 30;

    private LongHashing() {
    }

    /** The slot of {@code key} in a table of {@code mask + 1} slots (a power of two). */
    static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** A power-of-two table size that holds {@code expectedSize} entries below half full. */
    static int capacityFor(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(4, expectedSize) * 2 - 1) << 1;
        return Math.min(capacity, MAX_CAPACITY);
    }
}
