package org.loyaltymetrics.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.loyaltymetrics.internal.LongSeriesMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-account monthly series of revenue retention ({@code internal.LongSeriesMap} with a window
 * of 12), one operation per cell: 10⁶ cells of 10⁵ accounts over 10 months, set in random order into
 * an empty map, and read back in one pass over every account's cells.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class LongSeriesMapBenchmark {

    static final int CELLS = 1_000_000;

    long[] keys;
    long[] positions;
    long[] values;
    LongSeriesMap full;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        int[] order = new int[CELLS];
        for (int i = 0; i < CELLS; i++) {
            order[i] = i;
        }
        for (int i = CELLS - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        keys = new long[CELLS];
        positions = new long[CELLS];
        values = new long[CELLS];
        full = new LongSeriesMap(12);
        for (int i = 0; i < CELLS; i++) {
            keys[i] = order[i] / 10;
            positions[i] = 24_300 + order[i] % 10;
            values[i] = random.nextInt(50_000);
            full.putIfAbsent(keys[i], positions[i], values[i]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(CELLS)
    public LongSeriesMap setCellsFromEmpty() {
        LongSeriesMap map = new LongSeriesMap(12);
        for (int i = 0; i < CELLS; i++) {
            map.putIfAbsent(keys[i], positions[i], values[i]);
        }
        return map;
    }

    @Benchmark
    @OperationsPerInvocation(CELLS)
    public long readEveryCell() {
        long[] sum = new long[1];
        full.forEach((key, first, cells, offset, length) -> {
            for (int k = 0; k < length; k++) {
                long cell = cells[offset + k];
                if (cell != LongSeriesMap.ABSENT) {
                    sum[0] += cell;
                }
            }
        });
        return sum[0];
    }
}
