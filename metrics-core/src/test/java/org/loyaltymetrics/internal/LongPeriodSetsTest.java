package org.loyaltymetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;

class LongPeriodSetsTest {

    /** Every key's periods, ascending, as the visitor passes them. */
    private static Map<Long, TreeSet<Long>> contents(LongPeriodSets sets) {
        Map<Long, TreeSet<Long>> all = new TreeMap<>();
        sets.forEach((key, periods, count) -> {
            TreeSet<Long> set = new TreeSet<>();
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    assertThat(periods[i]).as("ascending").isGreaterThan(periods[i - 1]);
                }
                set.add(periods[i]);
            }
            assertThat(all.put(key, set)).as("each key once").isNull();
        });
        return all;
    }

    @Test
    void windowsSlideUpAndDownAndWidenPast64Periods() {
        LongPeriodSets sets = new LongPeriodSets();
        // key 1: 100, then 40 (the window slides down), then 103 (40..103 still fits 64 periods), then 104
        // (40..104 is 65 periods: the key moves out of the table)
        sets.add(1, 100);
        sets.add(1, 40);
        sets.add(1, 103);
        assertThat(sets.toString()).isEqualTo("LongPeriodSets: 1 keys, 0 beyond 64 periods");
        sets.add(1, 104);
        assertThat(sets.toString()).isEqualTo("LongPeriodSets: 1 keys, 1 beyond 64 periods");
        // key 2: 0, then 63 (span 64 fits), then 0 again (a repeat changes nothing); 2 keys
        sets.add(2, 0);
        sets.add(2, 63);
        sets.add(2, 0);
        // key 3: wide, then earlier than its base and much later: the array grows both ways
        sets.add(3, 500);
        sets.add(3, 700);
        sets.add(3, 100);
        sets.add(3, 1_000);
        sets.add(3, -5);
        assertThat(sets.size()).isEqualTo(3);
        assertThat(contents(sets)).isEqualTo(Map.of(1L, new TreeSet<>(java.util.List.of(40L, 100L, 103L, 104L)),
                2L, new TreeSet<>(java.util.List.of(0L, 63L)),
                3L, new TreeSet<>(java.util.List.of(-5L, 100L, 500L, 700L, 1_000L))));
    }

    @Test
    void matchesSetsOfAHashMapThroughGrowthAndUnions() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        LongPeriodSets all = new LongPeriodSets(2);
        LongPeriodSets first = new LongPeriodSets();
        LongPeriodSets second = new LongPeriodSets(10_000);
        Map<Long, TreeSet<Long>> reference = new HashMap<>();
        Map<Long, TreeSet<Long>> secondReference = new HashMap<>();
        for (int i = 0; i < 60_000; i++) {
            long key = random.nextInt(3_000) * 7919L - 1_000_000L;
            // most keys within 50 periods, one in four over 300 periods, some far before
            long period = (key % 4 == 0 ? random.nextInt(300) : random.nextInt(50)) - (random.nextInt(20) == 0 ? 100 : 0);
            all.add(key, period);
            if (random.nextBoolean()) {
                first.add(key, period);
            } else {
                second.add(key, period);
                secondReference.computeIfAbsent(key, k -> new TreeSet<>()).add(period);
            }
            reference.computeIfAbsent(key, k -> new TreeSet<>()).add(period);
        }
        assertThat(all.size()).isEqualTo(reference.size());
        assertThat(contents(all)).isEqualTo(new TreeMap<>(reference));
        first.addAll(second);
        assertThat(contents(first)).isEqualTo(new TreeMap<>(reference));
        assertThat(contents(second)).as("the other set is left unchanged").isEqualTo(new TreeMap<>(secondReference));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(all);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(contents((LongPeriodSets) in.readObject())).isEqualTo(new TreeMap<>(reference));
        }
    }

    @Test
    void emptyAndBadPeriods() {
        LongPeriodSets sets = new LongPeriodSets();
        assertThat(contents(sets)).isEmpty();
        assertThat(sets.size()).isZero();
        assertThatThrownBy(() -> sets.add(1, Long.MIN_VALUE + 3)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("period must be in (-2^62, 2^62), was " + (Long.MIN_VALUE + 3));
        assertThatThrownBy(() -> sets.add(1, 1L << 62)).isInstanceOf(InvalidArgumentException.class);
        sets.add(1, (1L << 62) - 1);
        sets.add(2, -(1L << 62) + 1);
        assertThat(contents(sets)).containsEntry(1L, new TreeSet<>(java.util.List.of((1L << 62) - 1)))
                .containsEntry(2L, new TreeSet<>(java.util.List.of(-(1L << 62) + 1)));
    }
}
