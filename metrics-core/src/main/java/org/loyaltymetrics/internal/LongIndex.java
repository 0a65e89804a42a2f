package org.loyaltymetrics.internal;

import java.util.Arrays;

/**
 * A dictionary of primitive {@code long} keys (such as customer ids) to dense indexes 0, 1, 2, ... in
 * the order the keys were first added, so that per-key figures can live in primitive arrays indexed
 * by the dense index. Open addressing with linear probing: looking up a key already present
 * allocates nothing; the tables grow (doubling) as keys are added. Not thread-safe.
 */
public final class LongIndex {

    private long[] tableKeys;
    /** Dense index + 1 of the key in each slot; 0 marks an empty slot. */
    private int[] tableIndexes;
    private int mask;
    private long[] keys;
    private int size;

    /** An empty index. */
    public LongIndex() {
        this(16);
    }

    /** An empty index sized for about {@code expectedSize} keys. */
    public LongIndex(int expectedSize) {
        allocate(LongHashing.capacityFor(expectedSize));
        keys = new long[Math.max(4, expectedSize)];
    }

    private void allocate(int capacity) {
        tableKeys = new long[capacity];
        tableIndexes = new int[capacity];
        mask = capacity - 1;
    }

    /** The number of keys. */
    public int size() {
        return size;
    }

    /** The dense index of {@code key}, or −1 if it has not been added. */
    public int indexOf(long key) {
        for (int i = LongHashing.slot(key, mask); ; i = (i + 1) & mask) {
            int index = tableIndexes[i];
            if (index == 0) {
                return -1;
            }
            if (tableKeys[i] == key) {
                return index - 1;
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
            int index = tableIndexes[i];
            if (index == 0) {
                return insert(i, key);
            }
            if (tableKeys[i] == key) {
                return index - 1;
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
        tableKeys[slot] = key;
        tableIndexes[slot] = index + 1;
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
        if (tableKeys.length >= LongHashing.MAX_CAPACITY) {
            throw new IllegalStateException("index is full: " + size + " keys");
        }
        allocate(tableKeys.length * 2);
        for (int index = 0; index < size; index++) {
            int i = LongHashing.slot(keys[index], mask);
            while (tableIndexes[i] != 0) {
                i = (i + 1) & mask;
            }
            tableKeys[i] = keys[index];
            tableIndexes[i] = index + 1;
        }
    }
}
