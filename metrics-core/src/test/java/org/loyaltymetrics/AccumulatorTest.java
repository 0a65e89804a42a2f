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
}
