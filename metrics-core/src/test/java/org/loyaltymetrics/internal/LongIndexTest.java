package org.loyaltymetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongIndexTest {

    @Test
    void assignsDenseIndexesInOrderOfFirstAppearanceThroughGrowth() {
        LongIndex index = new LongIndex(2);
        Map<Long, Integer> reference = new HashMap<>();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 50_000; i++) {
            long key = random.nextInt(20_000) - 10_000L + (random.nextBoolean() ? Long.MIN_VALUE : 0);
            int expected = reference.computeIfAbsent(key, k -> reference.size());
            assertThat(index.add(key)).isEqualTo(expected);
        }
        assertThat(index.size()).isEqualTo(reference.size());
        reference.forEach((key, i) -> {
            assertThat(index.indexOf(key)).isEqualTo(i);
            assertThat(index.key(i)).isEqualTo(key);
        });
        assertThat(index.indexOf(123_456_789L)).isEqualTo(-1);
        long[] keys = index.keys();
        int[] byKey = index.indexesByKey();
        for (int r = 1; r < byKey.length; r++) {
            assertThat(keys[byKey[r - 1]]).isLessThan(keys[byKey[r]]);
        }
        assertThatThrownBy(() -> index.key(reference.size())).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void zeroIsAnOrdinaryKey() {
        LongIndex index = new LongIndex();
        assertThat(index.add(0)).isZero();
        assertThat(index.add(-1)).isEqualTo(1);
        assertThat(index.add(0)).isZero();
        assertThat(index.indexOf(0)).isZero();
    }

    @Test
    void setHoldsDistinctValuesIncludingZero() {
        LongHashSet set = new LongHashSet(1);
        Set<Long> reference = new HashSet<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 40_000; i++) {
            long value = random.nextInt(10_000) - 5_000L;
            assertThat(set.add(value)).isEqualTo(reference.add(value));
        }
        assertThat(set.size()).isEqualTo(reference.size());
        assertThat(set.contains(0)).isEqualTo(reference.contains(0L));
        assertThat(set.contains(777_777)).isFalse();
        // every value found along its probe sequence, and none that was not added
        for (long value = -6_000; value <= 6_000; value++) {
            assertThat(set.contains(value)).isEqualTo(reference.contains(value));
        }
        Set<Long> seen = new HashSet<>();
        set.forEach(seen::add);
        assertThat(seen).isEqualTo(reference);
    }

    @Test
    void membershipAndTheRangeOfIndexes() {
        LongHashSet set = new LongHashSet(4);
        assertThat(set.contains(0)).isFalse();
        assertThat(set.contains(5)).isFalse();
        assertThat(set.add(5)).isTrue();
        assertThat(set.add(5)).isFalse();
        assertThat(set.add(0)).isTrue();
        assertThat(set.add(0)).isFalse();
        assertThat(set.contains(5)).isTrue();
        assertThat(set.contains(0)).isTrue();
        assertThat(set.contains(6)).isFalse();
        assertThat(set.size()).isEqualTo(2);
        LongIndex index = new LongIndex();
        index.add(10);
        index.add(20);
        assertThatThrownBy(() -> index.key(2)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index must be in 0..1, was 2");
        assertThatThrownBy(() -> index.key(-1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index must be in 0..1, was -1");
    }
}
