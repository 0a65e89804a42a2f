package org.loyaltymetrics.examples.cli;

import java.util.Arrays;

/**
 * Dense ids for the string ids of a file: metrics-core keys customers by {@code long} so that its
 * accumulators allocate nothing per record; the tool assigns 0, 1, 2, … in order of first appearance
 * and keeps the strings to print them back.
 *
 * <p>An open-addressing table of {@code int}s (linear probing, at most half full) over the array of
 * keys: about 12 bytes a key besides the key itself, where a {@code HashMap<String, Long>} and a list
 * of the keys take about 70, and no boxing on a look-up.
 */
final class IdDictionary {

    private String[] keys = new String[16];

    /** Each slot holds 1 + the id of a key, or 0 where empty; the length is a power of two. */
    private int[] slots = new int[32];

    private int size;

    /** The id of {@code key}, assigning the next one on first sight. */
    int idOf(String key) {
        int mask = slots.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            int id = slots[i] - 1;
            if (id < 0) {
                return add(key, i);
            }
            if (keys[id].equals(key)) {
                return id;
            }
        }
    }

    /** The key of {@code id}, as first seen. */
    String key(int id) {
        if (id < 0 || id >= size) {
            throw new IndexOutOfBoundsException("id " + id + " of " + size);
        }
        return keys[id];
    }

    /** How many keys there are. */
    int size() {
        return size;
    }

    private int add(String key, int slot) {
        int id = size++;
        if (id == keys.length) {
            keys = Arrays.copyOf(keys, 2 * id);
        }
        keys[id] = key;
        slots[slot] = id + 1;
        if (2 * size > slots.length) {
            rehash(2 * slots.length);
        }
        return id;
    }

    private void rehash(int length) {
        int[] grown = new int[length];
        int mask = length - 1;
        for (int id = 0; id < size; id++) {
            int i = slot(keys[id], mask);
            while (grown[i] != 0) {
                i = (i + 1) & mask;
            }
            grown[i] = id + 1;
        }
        slots = grown;
    }

    /** The first slot to probe: the hash spread by a multiplication, as ids like "00001", "00002" hash alike. */
    private static int slot(String key, int mask) {
        int h = key.hashCode() * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
