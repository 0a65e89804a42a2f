package org.loyaltymetrics.internal;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A map from primitive {@code long} keys (such as account ids) to sparse series of {@code long}
 * values at {@code long} positions (such as an account's amount per month number), each cell set at
 * most once.
 *
 * <p>Each key's cells live in a window of {@code window} consecutive positions inline in one primitive
 * array, found through a {@link LongIndex} of the keys; the window slides when a position falls
 * outside it but the key's span still fits, and a key whose positions span more moves to an array of
 * its own ({first position, values …}, grown as needed). Setting a cell of a known key within its
 * window allocates nothing. A cell without a value holds {@link #ABSENT}, which is therefore not a
 * value that can be stored.
 *
 * <p>Positions must lie in (−2⁶², 2⁶²). Not thread-safe.
 */
public final class LongSeriesMap implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What a cell without a value holds; not a storable value. */
    public static final long ABSENT = Long.MIN_VALUE;
    /** The largest window. */
    public static final int MAX_WINDOW = 64;

    /** The largest position magnitude accepted. */
    private static final long MAX_POSITION = 1L << 62;
    /** The first position of a slot whose key lives in {@link #wide}. */
    private static final long WIDE = Long.MIN_VALUE;

    private final int window;
    /** Positions of room kept before a key's first position seen. */
    private final int slack;
    /** Slot layout: the window's first position, then {@code window} cells. */
    private final int stride;
    private final LongIndex keys = new LongIndex();
    private long[] windows;
    /** Keys spanning more than the window: {first position, value of that position, of the next, …}. */
    private final LongObjectMap<long[]> wide = new LongObjectMap<>();
    private long minPosition = Long.MAX_VALUE;
    private long maxPosition = Long.MIN_VALUE;

    /**
     * An empty map whose keys hold {@code window} consecutive positions inline.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code window} is not in 1..64
     */
    public LongSeriesMap(int window) {
        if (window < 1 || window > MAX_WINDOW) {
            throw org.loyaltymetrics.InvalidArgumentException.of("window", "in 1.." + MAX_WINDOW, window);
        }
        this.window = window;
        this.slack = (window - 1) / 2;
        this.stride = 1 + window;
        this.windows = new long[16 * stride];
    }

    /** The number of keys. */
    public int size() {
        return keys.size();
    }

    /** The key of dense index {@code index} (keys are indexed 0, 1, … in the order first set). */
    public long key(int index) {
        return keys.key(index);
    }

    /** The least position set, or {@link Long#MAX_VALUE} if the map is empty. */
    public long minPosition() {
        return minPosition;
    }

    /** The greatest position set, or {@link Long#MIN_VALUE} if the map is empty. */
    public long maxPosition() {
        return maxPosition;
    }

    /**
     * Sets the cell of {@code key} at {@code position} to {@code value} unless it has a value already.
     *
     * @return true if the cell was set, false if it had a value (left unchanged)
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code value} is {@link #ABSENT} or
     *     {@code position} is not in (−2⁶², 2⁶²)
     */
    public boolean putIfAbsent(long key, long position, long value) {
        if (value == ABSENT) {
            throw org.loyaltymetrics.InvalidArgumentException.of("value", "other than Long.MIN_VALUE", value);
        }
        if (position <= -MAX_POSITION || position >= MAX_POSITION) {
            throw org.loyaltymetrics.InvalidArgumentException.of("position", "in (-2^62, 2^62)", position);
        }
        int known = keys.size();
        int index = keys.add(key);
        int slot = index * stride;
        if (index == known) {
            if (slot + stride > windows.length) {
                windows = Arrays.copyOf(windows, Math.max(slot + stride, 2 * windows.length));
            }
            windows[slot] = position - slack;
            Arrays.fill(windows, slot + 1, slot + stride, ABSENT);
        }
        long base = windows[slot];
        boolean set;
        if (base == WIDE) {
            long[] series = wide.get(key);
            long[] updated = withValue(series, position, value);
            set = updated != null;
            if (set && updated != series) {
                wide.put(key, updated);
            }
        } else if (position - base >= 0 && position - base < window) {
            int cell = slot + 1 + (int) (position - base);
            set = windows[cell] == ABSENT;
            if (set) {
                windows[cell] = value;
            }
        } else {
            set = moveWindow(key, slot, position, value);
        }
        if (set) {
            minPosition = Math.min(minPosition, position);
            maxPosition = Math.max(maxPosition, position);
        }
        return set;
    }

    /** Slides the window of {@code slot} to take {@code position}, or moves the key to {@link #wide}. */
    private boolean moveWindow(long key, int slot, long position, long value) {
        long base = windows[slot];
        long low = position;
        long high = position;
        for (int k = 0; k < window; k++) {
            if (windows[slot + 1 + k] != ABSENT) {
                low = Math.min(low, base + k);
                high = Math.max(high, base + k);
            }
        }
        if (high - low < window) {
            long newBase = position < base ? high - (window - 1) : low;
            long[] moved = new long[window];
            Arrays.fill(moved, ABSENT);
            for (int k = 0; k < window; k++) {
                long cell = windows[slot + 1 + k];
                if (cell != ABSENT) {
                    moved[(int) (base + k - newBase)] = cell;
                }
            }
            moved[(int) (position - newBase)] = value;
            windows[slot] = newBase;
            System.arraycopy(moved, 0, windows, slot + 1, window);
        } else {
            long[] series = Arrays.copyOfRange(windows, slot, slot + stride);
            wide.put(key, withValue(series, position, value));
            windows[slot] = WIDE;
        }
        return true;
    }

    /** Sets a cell of a wide series: the same array when it had room, a new one, or null if the cell had a value. */
    private static long[] withValue(long[] series, long position, long value) {
        long[] target = series;
        if (position < target[0]) {
            long[] old = target;
            int shift = Math.toIntExact(old[0] - position);
            target = new long[old.length + shift];
            Arrays.fill(target, 1, shift + 1, ABSENT);
            System.arraycopy(old, 1, target, shift + 1, old.length - 1);
            target[0] = position;
        }
        int index = Math.toIntExact(position - target[0] + 1);
        if (index >= target.length) {
            int length = target.length;
            target = Arrays.copyOf(target, Math.max(index + 1, 2 * length - 1));
            Arrays.fill(target, length, target.length, ABSENT);
        }
        if (target[index] != ABSENT) {
            return null;
        }
        target[index] = value;
        return target;
    }

    /** Receives each key with its cells, for {@link #forEach(Visitor)}. */
    @FunctionalInterface
    public interface Visitor {

        /**
         * One key and its cells: {@code values[offset + k]} is the cell of position {@code first + k}
         * for k in 0 .. length − 1 ({@link #ABSENT} where it has no value); positions past those have
         * none. The array belongs to the map: read it during the call, never write it.
         */
        void visit(long key, long first, long[] values, int offset, int length);
    }

    /** Passes every key with its cells to {@code visitor}, in the order the keys were first set. */
    public void forEach(Visitor visitor) {
        Checks.notNull(visitor, "visitor");
        for (int index = 0; index < keys.size(); index++) {
            int slot = index * stride;
            if (windows[slot] == WIDE) {
                long key = keys.key(index);
                long[] series = wide.get(key);
                visitor.visit(key, series[0], series, 1, series.length - 1);
            } else {
                visitor.visit(keys.key(index), windows[slot], windows, slot + 1, window);
            }
        }
    }

    /** Reads, e.g., {@code "LongSeriesMap: 1000 keys, positions 289..300, 3 beyond the window of 12"}. */
    @Override
    public String toString() {
        return "LongSeriesMap: " + size() + " keys" + (size() == 0 ? "" : ", positions " + minPosition + ".." + maxPosition)
                + ", " + wide.size() + " beyond the window of " + window;
    }
}
