package org.loyaltymetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongHashSetTest {

    @Test
    void behavesLikeAHashSetThroughGrowth() {
        LongHashSet set = new LongHashSet(2);
        Set<Long> reference = new HashSet<>();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 50_000; i++) {
            // Small values (0 among them, the empty-slot marker), negative ones and far-apart ones.
            long value = random.nextInt(8_000) - 4_000L + (random.nextBoolean() ? Long.MAX_VALUE / 3 : 0);
            assertThat(set.add(value)).as("add(%d) says whether it was new", value).isEqualTo(reference.add(value));
        }
        assertThat(set.size()).isEqualTo(reference.size());
        for (long value = -4_100; value < 4_100; value++) {
            assertThat(set.contains(value)).isEqualTo(reference.contains(value));
        }
        Set<Long> visited = new HashSet<>();
        set.forEach(value -> assertThat(visited.add(value)).as("each value once").isTrue());
        assertThat(visited).isEqualTo(reference);
    }

    @Test
    void zeroIsAValueLikeAnyOther() {
        LongHashSet set = new LongHashSet();
        assertThat(set.contains(0)).isFalse();
        assertThat(set.add(0)).isTrue();
        assertThat(set.add(0)).isFalse();
        assertThat(set.contains(0)).isTrue();
        assertThat(set.size()).isEqualTo(1);
        Set<Long> visited = new HashSet<>();
        set.forEach(visited::add);
        assertThat(visited).containsExactly(0L);
    }
}
