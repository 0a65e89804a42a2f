package org.loyaltymetrics.benchmarks;

import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.internal.RowTable;
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
 * {@link RowTable}, the weighted-row table of {@code internal} behind the history collections of the
 * models: 10⁶ purchase histories (x in 0..20, T uniform in 26..39 weeks, tₓ uniform in 0..T; practically
 * all distinct), one operation per history ({@link OperationsPerInvocation}), so the score is histories
 * per second.
 *
 * <ul>
 *   <li>{@code purchaseHistoriesBuild}: a new accumulator, every history, the snapshot (sorting the
 *       rows): what a fit's data cost to build;</li>
 *   <li>{@code purchaseHistoriesSnapshot}: the snapshot alone of an accumulator holding the 10⁶ rows,
 *       which is the sort of the rows;</li>
 *   <li>{@code rowTableAdd}: the 10⁶ rows added to a new table (growth included), no sort;</li>
 *   <li>{@code rowTableAddKnownRows}: the same rows added again to a table that holds them: no allocation;</li>
 *   <li>{@code rowTableSorted}: the rows of a full table sorted (an {@code int[]} of indexes).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RowTableBenchmark {

    static final int ROWS = 1_000_000;

    long[] frequency;
    double[] recency;
    double[] age;
    PurchaseHistories.Accumulator full;
    RowTable table;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        frequency = new long[ROWS];
        recency = new double[ROWS];
        age = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            frequency[i] = random.nextInt(21);
            age[i] = 26 + 13 * random.nextDouble();
            recency[i] = frequency[i] == 0 ? 0.0 : age[i] * random.nextDouble();
        }
        full = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
        addAll(full);
        table = new RowTable();
        addAll(table);
    }

    private void addAll(RowTable rows) {
        for (int i = 0; i < ROWS; i++) {
            rows.add(frequency[i], age[i], recency[i], 1);
        }
    }

    private void addAll(PurchaseHistories.Accumulator accumulator) {
        for (int i = 0; i < ROWS; i++) {
            accumulator.add(frequency[i], recency[i], age[i]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public PurchaseHistories purchaseHistoriesBuild() {
        PurchaseHistories.Accumulator accumulator = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
        addAll(accumulator);
        return accumulator.snapshot();
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public PurchaseHistories purchaseHistoriesSnapshot() {
        return full.snapshot();
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public RowTable rowTableAdd() {
        RowTable rows = new RowTable();
        addAll(rows);
        return rows;
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long rowTableAddKnownRows() {
        addAll(table);
        return table.total();
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public RowTable.Columns rowTableSorted() {
        return table.sorted();
    }
}
