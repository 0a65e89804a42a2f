package org.loyaltymetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RowChunksTest {

    private static final int ROWS = 5 * RowChunks.CHUNK + 123;

    private static double[] values() {
        SplittableRandom random = new SplittableRandom(5);
        double[] values = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            // magnitudes over twelve orders, so that the order of additions shows in the last bits
            values[i] = Math.exp(random.nextDouble(-14, 14)) * (random.nextBoolean() ? 1 : -1);
        }
        return values;
    }

    /** The value and, as its gradient, the value twice and the count of rows, of rows [from, to). */
    private static RowChunks.Body body(double[] values) {
        return (from, to, gradient) -> {
            double sum = 0.0;
            for (int i = from; i < to; i++) {
                sum += values[i];
                if (gradient != null) {
                    gradient[0] += 2 * values[i];
                    gradient[1] += 1;
                }
            }
            return sum;
        };
    }

    @Test
    void chunksDependOnTheRowsAlone() {
        assertThat(RowChunks.chunks(0)).isEqualTo(1);
        assertThat(RowChunks.chunks(1)).isEqualTo(1);
        assertThat(RowChunks.chunks(RowChunks.CHUNK)).isEqualTo(1);
        assertThat(RowChunks.chunks(RowChunks.CHUNK + 1)).isEqualTo(2);
        assertThat(RowChunks.chunks(ROWS)).isEqualTo(6);
    }

    @Test
    void theSumIsThePartialSumsOfTheChunksAddedInOrder() {
        double[] values = values();
        double expected = 0.0;
        for (int c = 0; c < 6; c++) {
            double partial = 0.0;
            for (int i = c * RowChunks.CHUNK; i < Math.min(ROWS, (c + 1) * RowChunks.CHUNK); i++) {
                partial += values[i];
            }
            expected += partial;
        }
        double[] gradient = {99.0, 99.0};
        assertThat(RowChunks.sum(ROWS, gradient, body(values))).isEqualTo(expected);
        assertThat(gradient[1]).isEqualTo(ROWS);
        assertThat(RowChunks.sum(ROWS, null, body(values))).isEqualTo(expected);
    }

    @Test
    void oneChunkIsSummedInTheCallingThreadInRowOrder() {
        double[] values = values();
        Thread caller = Thread.currentThread();
        AtomicInteger elsewhere = new AtomicInteger();
        double[] gradient = new double[2];
        double sum = RowChunks.sum(RowChunks.CHUNK, gradient, (from, to, g) -> {
            if (Thread.currentThread() != caller) {
                elsewhere.incrementAndGet();
            }
            return body(values).sum(from, to, g);
        });
        double expected = 0.0;
        for (int i = 0; i < RowChunks.CHUNK; i++) {
            expected += values[i];
        }
        assertThat(sum).isEqualTo(expected);
        assertThat(gradient[1]).isEqualTo(RowChunks.CHUNK);
        assertThat(elsewhere.get()).isZero();
    }

    @Test
    void theSameSumOnOneThreadAndOnFour() throws Exception {
        double[] values = values();
        ForkJoinPool one = new ForkJoinPool(1);
        ForkJoinPool four = new ForkJoinPool(4);
        try {
            double[] onOne = new double[2];
            double[] onFour = new double[2];
            double sumOnOne = one.submit(() -> RowChunks.sum(ROWS, onOne, body(values))).get();
            double sumOnFour = four.submit(() -> RowChunks.sum(ROWS, onFour, body(values))).get();
            assertThat(sumOnFour).isEqualTo(sumOnOne);
            assertThat(onFour).containsExactly(onOne);
            assertThat(RowChunks.sum(ROWS, null, body(values))).isEqualTo(sumOnOne);
        } finally {
            one.shutdown();
            four.shutdown();
        }
    }
}
