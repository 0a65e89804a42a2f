package org.loyaltymetrics.internal;

import java.io.Serializable;
import java.util.function.LongConsumer;

/**
 * A set of primitive {@code long} values with open addressing and linear probing, filled to at most
 * three quarters: adding or finding a value allocates nothing except when the table grows (doubling).
 * Not thread-safe.
 */
public final class LongHashSet implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Marks an empty slot; the value 0 itself is held by {@link #containsZero}. */
    private static final long EMPTY = 0L;

    private long[] table;
    private int mask;
    private int size;
    private boolean containsZero;

    /** An empty set. */
    public LongHashSet() {
        this(16);
    }

    /** An empty set sized for about {@code expectedSize} values. */
    public LongHashSet(int expectedSize) {
        int capacity = LongHashing.capacityFor(expectedSize);
        table = new long[capacity];
        mask = capacity - 1;
    }

    /** The number of values. */
    public int size() {
        return size;
    }

    /** Whether the set holds {@code value}. */
    public boolean contains(long value) {
        if (value == EMPTY) {
            return containsZero;
        }
        for (int i = LongHashing.slot(value, mask); ; i = (i + 1) & mask) {
            long held = table[i];
            if (held == EMPTY) {
                return false;
            }
            if (held == value) {
                return true;
            }
        }
    }

    /**
     * Adds {@code value}; returns whether it was new.
     *
     * @throws IllegalStateException if the set already holds about 8 × 10⁸ values
     */
    public boolean add(long value) {
        if (value == EMPTY) {
            if (containsZero) {
                return false;
            }
            containsZero = true;
            size++;
            return true;
        }
        for (int i = LongHashing.slot(value, mask); ; i = (i + 1) & mask) {
            long held = table[i];
            if (held == EMPTY) {
                table[i] = value;
                if (++size > (table.length >>> 2) * 3) {
                    grow();
                }
                return true;
            }
            if (held == value) {
                return false;
            }
        }
    }

    /** Passes every value to {@code action}, in no particular order. */
    public void forEach(LongConsumer action) {
        if (containsZero) {
            action.accept(EMPTY);
        }
        for (long value : table) {
            if (value != EMPTY) {
                action.accept(value);
            }
        }
    }

    private void grow() {
        if (table.length >= LongHashing.MAX_CAPACITY) {
            throw new IllegalStateException("set is full: " + size + " values");
        }
        long[] old = table;
        table = new long[old.length * 2];
        mask = table.length - 1;
        for (long value : old) {
            if (value != EMPTY) {
                int i = LongHashing.slot(value, mask);
                while (table[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                table[i] = value;
            }
        }
    }
}
