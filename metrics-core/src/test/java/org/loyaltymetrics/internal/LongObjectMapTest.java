package org.loyaltymetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongObjectMapTest {

    @Test
    void behavesLikeAHashMapThroughGrowth() {
        LongObjectMap<String> map = new LongObjectMap<>(2);
        Map<Long, String> reference = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long key = random.nextInt(5_000) - 2_500L + (random.nextBoolean() ? Long.MIN_VALUE / 2 : 0);
            String value = "v" + i;
            map.put(key, value);
            reference.put(key, value);
        }
        assertThat(map.size()).isEqualTo(reference.size());
        reference.forEach((key, value) -> assertThat(map.get(key)).isEqualTo(value));
        assertThat(map.get(123_456_789L)).isNull();
        assertThat(map.sortedKeys()).isSorted().hasSize(reference.size());
    }

    @Test
    void computeIfAbsentMapsAMissingKeyOnceThroughGrowth() {
        LongObjectMap<long[]> map = new LongObjectMap<>(2);
        Map<Long, long[]> reference = new HashMap<>();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            long key = random.nextInt(3_000) * 1_000_003L - 1_500_000_000L;
            long[] tally = map.computeIfAbsent(key, k -> new long[] {k, 0});
            assertThat(tally).isSameAs(reference.computeIfAbsent(key, k -> tally));
            tally[1]++;
        }
        assertThat(map.size()).isEqualTo(reference.size());
        reference.forEach((key, tally) -> assertThat(map.get(key)).isSameAs(tally).startsWith(key));
        assertThat(reference.values().stream().mapToLong(tally -> tally[1]).sum()).isEqualTo(20_000);
        assertThatThrownBy(() -> map.computeIfAbsent(-1, k -> null)).isInstanceOf(NullPointerException.class)
                .hasMessage("value must not be null");
        assertThat(map.get(-1)).isNull();
    }
}
