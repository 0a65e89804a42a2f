package org.loyaltymetrics.internal;

import java.io.Serializable;
import java.util.Arrays;

/**
 * For each primitive {@code long} key (such as a user id), the set of periods (period numbers of days,
 * weeks or months) in which it was seen, as a bitmap.
 *
 * <p>While a key's periods span at most 64, its bitmap lives inline in an open-addressing table with
 * linear probing, next to the key: a slot is the key, the base period and 64 bits for the periods
 * base .. base + 63. Marking a period of a known key touches one slot and allocates nothing; the window
 * slides (shifting the bits) when a period falls outside it but the span still fits 64. Beyond 64
 * periods the key's bitmap moves to an array of its own: {base period, words of 64 periods each},
 * grown as needed. The table doubles when it is half full.
 *
 * <p>Periods must lie in (−2⁶², 2⁶²), far beyond the period numbers of any {@code LocalDate}.
 * Not thread-safe.
 */
public final class LongPeriodSets implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The largest period magnitude accepted. */
    static final long MAX_PERIOD = 1L << 62;
    /** Periods of room kept before a key's first period. */
    private static final int SLACK = 24;
    /** The base of a slot whose key's periods live in {@link #wide}. */
    private static final long WIDE = Long.MIN_VALUE;
    /** Slot layout: key, base period, bits of periods base .. base + 63; a free slot has no bits and is not WIDE. */
    private static final int STRIDE = 3;
    /** The largest table: 3 longs a slot must fit an array. */
    private static final int MAX_CAPACITY = 1 << 29;

    private long[] slots;
    private int mask;
    private int size;
    /** Keys whose periods span more than 64: {base period, bitmap words of periods base, base + 64, …}. */
    private final LongObjectMap<long[]> wide = new LongObjectMap<>();

    /** An empty set of 1,024 slots. */
    public LongPeriodSets() {
        this(512);
    }

    /** An empty table sized for about {@code expectedKeys} keys. */
    public LongPeriodSets(int expectedKeys) {
        int capacity = Math.min(LongHashing.capacityFor(expectedKeys), MAX_CAPACITY);
        slots = new long[STRIDE * capacity];
        mask = capacity - 1;
    }

    /** The number of keys. */
    public int size() {
        return size;
    }

    /**
     * Marks {@code period} for {@code key}; marking it again changes nothing.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code period} is not in (−2⁶², 2⁶²)
     * @throws IllegalStateException if the table already holds 2²⁸ keys
     */
    public void add(long key, long period) {
        if (period <= -MAX_PERIOD || period >= MAX_PERIOD) {
            throw org.loyaltymetrics.InvalidArgumentException.of("period", "in (-2^62, 2^62)", period);
        }
        for (int i = LongHashing.slot(key, mask); ; i = (i + 1) & mask) {
            int j = STRIDE * i;
            long bits = slots[j + 2];
            long base = slots[j + 1];
            if (bits == 0 && base != WIDE) {
                slots[j] = key;
                slots[j + 1] = period - SLACK;
                slots[j + 2] = 1L << SLACK;
                if (++size > (mask + 1) / 2) {
                    grow();
                }
                return;
            }
            if (slots[j] != key) {
                continue;
            }
            if (base == WIDE) {
                long[] activity = wide.get(key);
                long[] updated = withPeriod(activity, period);
                if (updated != activity) {
                    wide.put(key, updated);
                }
                return;
            }
            long offset = period - base;
            if (offset >= 0 && offset < 64) {
                slots[j + 2] = bits | 1L << offset;
                return;
            }
            long low = Math.min(base + Long.numberOfTrailingZeros(bits), period);
            long high = Math.max(base + 63 - Long.numberOfLeadingZeros(bits), period);
            if (high - low < 64) {
                // Still fits in 64 periods: move the window towards the new period.
                long newBase = period < base ? high - 63 : low;
                long shift = base - newBase;
                long moved = shift >= 0 ? bits << shift : bits >>> -shift;
                slots[j + 1] = newBase;
                slots[j + 2] = moved | 1L << (period - newBase);
            } else {
                wide.put(key, withPeriod(new long[] {base, bits}, period));
                slots[j + 1] = WIDE;
                slots[j + 2] = 0;
            }
            return;
        }
    }

    private void grow() {
        int capacity = mask + 1;
        if (capacity >= MAX_CAPACITY) {
            throw new IllegalStateException("the table is full: " + size + " keys");
        }
        long[] old = slots;
        slots = new long[STRIDE * 2 * capacity];
        mask = 2 * capacity - 1;
        for (int j = 0; j < old.length; j += STRIDE) {
            if (old[j + 2] != 0 || old[j + 1] == WIDE) {
                int i = LongHashing.slot(old[j], mask);
                while (slots[STRIDE * i + 2] != 0 || slots[STRIDE * i + 1] == WIDE) {
                    i = (i + 1) & mask;
                }
                System.arraycopy(old, j, slots, STRIDE * i, STRIDE);
            }
        }
    }

    /** Sets {@code period} in a wide bitmap, returning the same array when it had room. */
    private static long[] withPeriod(long[] activity, long period) {
        long base = activity[0];
        if (period < base) {
            long[] rebased = new long[] {period - SLACK, 1L << SLACK};
            for (int word = 1; word < activity.length; word++) {
                for (long bits = activity[word]; bits != 0; bits &= bits - 1) {
                    rebased = withPeriod(rebased, base + 64L * (word - 1) + Long.numberOfTrailingZeros(bits));
                }
            }
            return rebased;
        }
        long offset = period - base;
        int word = Math.toIntExact((offset >>> 6) + 1);
        long[] target = activity;
        if (word >= activity.length) {
            target = Arrays.copyOf(activity, Math.max(word + 1, activity.length * 2));
        }
        target[word] |= 1L << (offset & 63);
        return target;
    }

    /**
     * Marks every period of every key of {@code other} here (the union of the two); {@code other} is
     * left unchanged.
     */
    public void addAll(LongPeriodSets other) {
        Checks.notNull(other, "other");
        long[] theirSlots = other.slots;
        for (int j = 0; j < theirSlots.length; j += STRIDE) {
            long key = theirSlots[j];
            if (theirSlots[j + 2] != 0) {
                long base = theirSlots[j + 1];
                for (long bits = theirSlots[j + 2]; bits != 0; bits &= bits - 1) {
                    add(key, base + Long.numberOfTrailingZeros(bits));
                }
            } else if (theirSlots[j + 1] == WIDE) {
                long[] theirs = other.wide.get(key);
                for (int word = 1; word < theirs.length; word++) {
                    for (long bits = theirs[word]; bits != 0; bits &= bits - 1) {
                        add(key, theirs[0] + 64L * (word - 1) + Long.numberOfTrailingZeros(bits));
                    }
                }
            }
        }
    }

    /** Receives each key with its periods, for {@link #forEach(Visitor)}. */
    @FunctionalInterface
    public interface Visitor {

        /**
         * One key and its periods, ascending, in {@code periods[0 .. count − 1]}; the array is reused
         * for the next key, so copy what must outlive the call.
         */
        void visit(long key, long[] periods, int count);
    }

    /** Passes every key with its periods to {@code visitor}, in no particular order of the keys. */
    public void forEach(Visitor visitor) {
        Checks.notNull(visitor, "visitor");
        long[] periods = new long[64];
        for (int j = 0; j < slots.length; j += STRIDE) {
            long key = slots[j];
            int count = 0;
            if (slots[j + 2] != 0) {
                long base = slots[j + 1];
                for (long bits = slots[j + 2]; bits != 0; bits &= bits - 1) {
                    periods[count++] = base + Long.numberOfTrailingZeros(bits);
                }
            } else if (slots[j + 1] == WIDE) {
                long[] activity = wide.get(key);
                for (int word = 1; word < activity.length; word++) {
                    for (long bits = activity[word]; bits != 0; bits &= bits - 1) {
                        if (count == periods.length) {
                            periods = Arrays.copyOf(periods, 2 * count);
                        }
                        periods[count++] = activity[0] + 64L * (word - 1) + Long.numberOfTrailingZeros(bits);
                    }
                }
            } else {
                continue;
            }
            visitor.visit(key, periods, count);
        }
    }

    /** Reads, e.g., {@code "LongPeriodSets: 1000 keys, 3 beyond 64 periods"}. */
    @Override
    public String toString() {
        return "LongPeriodSets: " + size + " keys, " + wide.size() + " beyond 64 periods";
    }
}
