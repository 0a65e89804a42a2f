package org.loyaltymetrics.internal;

import java.io.Serializable;
import java.util.Arrays;
import java.util.function.LongFunction;

/**
 * A hash map from primitive {@code long} keys to objects, with open addressing and linear probing,
 * so that looking up or updating an existing key allocates nothing. Not thread-safe.
 *
 * @param <V> the value type
 */
public final class LongObjectMap<V> implements Serializable {

    private static final long serialVersionUID = 1L;

    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    /** An empty map. */
    public LongObjectMap() {
        this(16);
    }

    /** An empty map sized for about {@code expectedSize} entries. */
    public LongObjectMap(int expectedSize) {
        allocate(LongHashing.capacityFor(expectedSize));
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
    }

    /** The number of entries. */
    public int size() {
        return size;
    }

    /** The value mapped to {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public V get(long key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            Object value = values[i];
            if (value == null) {
                return null;
            }
            if (keys[i] == key) {
                return (V) value;
            }
        }
    }

    /** Maps {@code key} to {@code value} (not null), replacing any earlier value. */
    public void put(long key, V value) {
        Checks.notNull(value, "value");
        for (int i = slot(key); ; i = (i + 1) & mask) {
            if (values[i] == null) {
                insert(i, key, value);
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    /**
     * The value mapped to {@code key}; if there is none, maps {@code key} to
     * {@code newValue.apply(key)} (not null) first, as {@link java.util.Map#computeIfAbsent} does. A key
     * already present costs one lookup and allocates nothing, provided that {@code newValue} captures
     * nothing (a lambda that captures a variable is allocated at each call).
     */
    @SuppressWarnings("unchecked")
    public V computeIfAbsent(long key, LongFunction<? extends V> newValue) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            Object value = values[i];
            if (value == null) {
                V created = Checks.notNull(newValue.apply(key), "value");
                insert(i, key, created);
                return created;
            }
            if (keys[i] == key) {
                return (V) value;
            }
        }
    }

    private void insert(int i, long key, Object value) {
        keys[i] = key;
        values[i] = value;
        if (++size > (mask + 1) / 2) {
            grow();
        }
    }

    /** The keys, sorted ascending. */
    public long[] sortedKeys() {
        long[] result = new long[size];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                result[n++] = keys[i];
            }
        }
        Arrays.sort(result);
        return result;
    }

    private void grow() {
        if (values.length >= LongHashing.MAX_CAPACITY) {
            throw new IllegalStateException("map is full: " + size + " entries");
        }
        long[] oldKeys = keys;
        Object[] oldValues = values;
        allocate(values.length * 2);
        for (int j = 0; j < oldValues.length; j++) {
            if (oldValues[j] != null) {
                int i = slot(oldKeys[j]);
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private int slot(long key) {
        return LongHashing.slot(key, mask);
    }
}
