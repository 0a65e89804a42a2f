package org.loyaltymetrics.internal;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A dictionary of primitive {@code long} keys (such as customer ids) to dense indexes 0, 1, 2, ... in
 * the order the keys were first added, so that per-key figures can live in primitive arrays indexed
 * by the dense index. Open addressing with linear probing over one array that holds each slot's key
 * next to its index, so that a lookup usually touches one cache line; looking up a key already
 * present allocates nothing; the tables grow (doubling) as keys are added. Not thread-safe.
 */
public final class LongIndex implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Slot i holds its key at 2i and its dense index + 1 at 2i + 1; an index of 0 marks an empty slot. */
    private long[] table;
    private int mask;
    private long[] keys;
    private int size;

    /** An empty index. */
    public LongIndex() {
        this(16);
    }

    /** An empty index sized for about {@code expectedSize} keys. */
    public LongIndex(int expectedSize) {
        allocate(Math.min(LongHashing.capacityFor(expectedSize), LongHashing.MAX_CAPACITY / 2));
        keys = new long[Math.max(4, Math.min(expectedSize, LongHashing.MAX_CAPACITY / 4))];
    }

    private void allocate(int capacity) {
        table = new long[2 * capacity];
        mask = capacity - 1;
    }

    /** The number of keys. */
    public int size() {
        return size;
    }

    /** The dense index of {@code key}, or −1 if it has not been added. */
    public int indexOf(long key) {
        for (int i = LongHashing.slot(key, mask); ; i = (i + 1) & mask) {
            long index = table[2 * i + 1];
            if (index == 0) {
                return -1;
            }
            if (table[2 * i] == key) {
                return (int) index - 1;
            }
        }
    }

    /**
     * The dense index of {@code key}, adding it with the next index ({@link #size()} before the call)
     * if it is new.
     *
     * @throws IllegalStateException if the index already holds 2³⁰ − 1 keys
     */
    public int add(long key) {
        for (int i = LongHashing.slot(key, mask); ; i = (i + 1) & mask) {
            long index = table[2 * i + 1];
            if (index == 0) {
                return insert(i, key);
            }
            if (table[2 * i] == key) {
                return (int) index - 1;
            }
        }
    }

    private int insert(int slot, long key) {
        if (size == keys.length) {
            if (size >= LongHashing.MAX_CAPACITY / 2 - 1) {
                throw new IllegalStateException("index is full: " + size + " keys");
            }
            keys = Arrays.copyOf(keys, (int) Math.min(2L * size, LongHashing.MAX_CAPACITY / 2));
        }
        int index = size++;
        keys[index] = key;
        table[2 * slot] = key;
        table[2 * slot + 1] = index + 1;
        if (size > (mask + 1) / 2) {
            grow();
        }
        return index;
    }

    /** The key of dense index {@code index}, in {@code 0..size()-1}. */
    public long key(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index must be in 0.." + (size - 1) + ", was " + index);
        }
        return keys[index];
    }

    /** The keys in the order of their dense indexes (a copy). */
    public long[] keys() {
        return Arrays.copyOf(keys, size);
    }

    /** The dense indexes ordered by ascending key. */
    public int[] indexesByKey() {
        long[] sorted = keys();
        Arrays.sort(sorted);
        int[] indexes = new int[size];
        for (int i = 0; i < size; i++) {
            indexes[i] = indexOf(sorted[i]);
        }
        return indexes;
    }

    private void grow() {
        if (mask + 1 >= LongHashing.MAX_CAPACITY / 2) {
            throw new IllegalStateException("index is full: " + size + " keys");
        }
        allocate(2 * (mask + 1));
        for (int index = 0; index < size; index++) {
            int i = LongHashing.slot(keys[index], mask);
            while (table[2 * i + 1] != 0) {
                i = (i + 1) & mask;
            }
            table[2 * i] = keys[index];
            table[2 * i + 1] = index + 1;
        }
    }
}
