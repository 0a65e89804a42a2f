package org.loyaltymetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collector;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AccumulatorTest {

    /** A minimal accumulator: the sum and count of ints, snapshotted as "count:sum". */
    static final class SumAccumulator implements Accumulator<SumAccumulator, String> {
        private static final long serialVersionUID = 1L;
        long count;
        long sum;

        SumAccumulator add(int value) {
            count++;
            sum += value;
            return this;
        }

        @Override
        public SumAccumulator combine(SumAccumulator other) {
            count += other.count;
            sum += other.sum;
            return this;
        }

        @Override
        public String snapshot() {
            return count + ":" + sum;
        }
    }

    @Test
    void theCollectorAddsCombinesAndSnapshots() {
        Collector<Integer, SumAccumulator, String> collector = Accumulator.collector(SumAccumulator::new,
                SumAccumulator::add);
        // 1 + 2 + ... + 10000 = 50005000, over 10000 values, the same sequentially and in parallel.
        assertThat(IntStream.rangeClosed(1, 10_000).boxed().collect(collector)).isEqualTo("10000:50005000");
        assertThat(IntStream.rangeClosed(1, 10_000).boxed().parallel().collect(collector)).isEqualTo("10000:50005000");
        assertThat(IntStream.range(0, 0).boxed().collect(collector)).isEqualTo("0:0");
        assertThat(collector.characteristics()).containsExactly(Collector.Characteristics.UNORDERED);
    }

    @Test
    void nullArgumentsAreNamed() {
        assertThatThrownBy(() -> Accumulator.collector(null, SumAccumulator::add))
                .isInstanceOf(NullPointerException.class).hasMessage("newAccumulator must not be null");
        assertThatThrownBy(() -> Accumulator.<Integer, SumAccumulator, String>collector(SumAccumulator::new, null))
                .isInstanceOf(NullPointerException.class).hasMessage("add must not be null");
    }

    @Test
    void badSettingsFailWhenTheCollectorIsMade() {
        assertThatThrownBy(() -> Accumulator.<Integer, SumAccumulator, String>collector(() -> {
            throw InvalidArgumentException.of("period", "non-empty", "2025-02-01..2025-02-01");
        }, SumAccumulator::add)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("period must be non-empty, was 2025-02-01..2025-02-01");
        assertThatThrownBy(() -> Accumulator.<Integer, SumAccumulator, String>collector(() -> null, SumAccumulator::add))
                .isInstanceOf(NullPointerException.class).hasMessage("newAccumulator must make an accumulator");
        // one accumulator is made at once, then one per partition
        int[] made = new int[1];
        Collector<Integer, SumAccumulator, String> counted = Accumulator.collector(() -> {
            made[0]++;
            return new SumAccumulator();
        }, SumAccumulator::add);
        assertThat(made[0]).isEqualTo(1);
        assertThat(IntStream.rangeClosed(1, 3).boxed().collect(counted)).isEqualTo("3:6");
        assertThat(made[0]).isEqualTo(2);
    }
}
