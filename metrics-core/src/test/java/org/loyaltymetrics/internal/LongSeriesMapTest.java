package org.loyaltymetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;

class LongSeriesMapTest {

    /** Every key's cells with a value, position to value, as the visitor passes them. */
    private static Map<Long, Map<Long, Long>> contents(LongSeriesMap map) {
        Map<Long, Map<Long, Long>> all = new TreeMap<>();
        map.forEach((key, first, values, offset, length) -> {
            Map<Long, Long> cells = new TreeMap<>();
            for (int k = 0; k < length; k++) {
                if (values[offset + k] != LongSeriesMap.ABSENT) {
                    cells.put(first + k, values[offset + k]);
                }
            }
            assertThat(all.put(key, cells)).as("each key once").isNull();
        });
        return all;
    }

    @Test
    void windowsSlideAndWidenAndCellsAreSetOnce() {
        LongSeriesMap map = new LongSeriesMap(12);
        assertThat(map.putIfAbsent(7, 100, 5)).isTrue();
        assertThat(map.putIfAbsent(7, 100, 6)).as("set once").isFalse();
        assertThat(map.putIfAbsent(7, 89, 1)).as("span 12: the window slides down").isTrue();
        assertThat(map.toString()).isEqualTo("LongSeriesMap: 1 keys, positions 89..100, 0 beyond the window of 12");
        assertThat(map.putIfAbsent(7, 101, 2)).as("span 13: the key moves out").isTrue();
        assertThat(map.putIfAbsent(7, 101, 3)).isFalse();
        assertThat(map.putIfAbsent(7, 50, 0)).as("before the wide array").isTrue();
        assertThat(map.putIfAbsent(7, 300, 9)).as("after it").isTrue();
        assertThat(map.putIfAbsent(7, 50, 4)).isFalse();
        assertThat(map.putIfAbsent(8, -3, Long.MAX_VALUE)).isTrue();
        assertThat(map.size()).isEqualTo(2);
        assertThat(map.key(0)).isEqualTo(7);
        assertThat(map.key(1)).isEqualTo(8);
        assertThat(map.minPosition()).isEqualTo(-3);
        assertThat(map.maxPosition()).isEqualTo(300);
        assertThat(contents(map)).isEqualTo(Map.of(7L, Map.of(50L, 0L, 89L, 1L, 100L, 5L, 101L, 2L, 300L, 9L),
                8L, Map.of(-3L, Long.MAX_VALUE)));
        assertThat(map.toString()).isEqualTo("LongSeriesMap: 2 keys, positions -3..300, 1 beyond the window of 12");
    }

    @Test
    void matchesAHashMapOfCellsInAnyOrder() {
        for (int window : new int[] {1, 12, 64}) {
            SplittableRandom random = new SplittableRandom(window);
            LongSeriesMap map = new LongSeriesMap(window);
            Map<Long, Map<Long, Long>> reference = new HashMap<>();
            List<Long> order = new ArrayList<>();
            for (int i = 0; i < 40_000; i++) {
                long key = random.nextInt(2_000) * 31L;
                long position = key % 3 == 0 ? random.nextInt(200) : 1_000 + random.nextInt(window);
                long value = random.nextLong(Long.MIN_VALUE + 1, Long.MAX_VALUE);
                Map<Long, Long> cells = reference.computeIfAbsent(key, k -> {
                    order.add(k);
                    return new TreeMap<>();
                });
                boolean fresh = !cells.containsKey(position);
                assertThat(map.putIfAbsent(key, position, value)).isEqualTo(fresh);
                cells.putIfAbsent(position, value);
            }
            assertThat(contents(map)).isEqualTo(new TreeMap<>(reference));
            List<Long> keys = new ArrayList<>();
            map.forEach((key, first, values, offset, length) -> keys.add(key));
            assertThat(keys).as("in the order first set").isEqualTo(order);
        }
    }

    @Test
    void emptyAndBadArguments() {
        LongSeriesMap map = new LongSeriesMap(3);
        assertThat(contents(map)).isEmpty();
        assertThat(map.minPosition()).isEqualTo(Long.MAX_VALUE);
        assertThat(map.maxPosition()).isEqualTo(Long.MIN_VALUE);
        assertThat(map.toString()).isEqualTo("LongSeriesMap: 0 keys, 0 beyond the window of 3");
        assertThatThrownBy(() -> map.putIfAbsent(1, 1, LongSeriesMap.ABSENT)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("value must be other than Long.MIN_VALUE, was " + Long.MIN_VALUE);
        assertThatThrownBy(() -> map.putIfAbsent(1, 1L << 62, 0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("position must be in (-2^62, 2^62), was " + (1L << 62));
        assertThatThrownBy(() -> new LongSeriesMap(0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("window must be in 1..64, was 0");
        assertThatThrownBy(() -> new LongSeriesMap(65)).isInstanceOf(InvalidArgumentException.class);
        assertThat(map.size()).isZero();
    }
}
