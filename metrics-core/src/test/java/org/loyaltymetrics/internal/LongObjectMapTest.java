package org.loyaltymetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
}
