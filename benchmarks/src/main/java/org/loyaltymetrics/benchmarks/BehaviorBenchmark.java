package org.loyaltymetrics.benchmarks;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.loyaltymetrics.behavior.RepeatPurchaseRate;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.money.CurrencyUnit;
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
 * The RFM summary of a transaction log of 10⁶ transactions by 10⁵ customers (random 64-bit ids,
 * about ten purchases each over a year, the log in date order as logs are, 10 % of purchases on a
 * day the customer already bought). Each operation is one transaction ({@link OperationsPerInvocation}),
 * so the score is transactions per second and {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes
 * allocated per transaction.
 *
 * <ul>
 *   <li>{@code rfmSummary}: a new accumulator, every transaction, the snapshot (sorting the customers)
 *       — the whole job, table growth included;</li>
 *   <li>{@code rfmAddKnownCustomers}: the same transactions added again to an accumulator that has
 *       seen them, the steady state of a long-running accumulator — no allocation per transaction;</li>
 *   <li>{@code repeatPurchaseRate}: the repeat purchase rate of the log, from scratch.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BehaviorBenchmark {

    static final int TRANSACTIONS = 1_000_000;
    static final int CUSTOMERS = 100_000;
    static final LocalDate START = LocalDate.of(2024, 1, 1);
    static final LocalDate END = LocalDate.of(2024, 12, 31);

    long[] customers;
    int[] days;
    long[] amounts;
    RfmSummary.Accumulator warm;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        long[] ids = new long[CUSTOMERS];
        for (int c = 0; c < CUSTOMERS; c++) {
            ids[c] = random.nextLong();
        }
        int[] dayOffsets = new int[TRANSACTIONS];
        for (int i = 0; i < TRANSACTIONS; i++) {
            dayOffsets[i] = random.nextInt(366);
        }
        Arrays.sort(dayOffsets);
        customers = new long[TRANSACTIONS];
        days = new int[TRANSACTIONS];
        amounts = new long[TRANSACTIONS];
        int startDay = (int) START.toEpochDay();
        for (int i = 0; i < TRANSACTIONS; i++) {
            boolean sameDayAgain = i > 0 && random.nextInt(10) == 0 && dayOffsets[i] == dayOffsets[i - 1];
            customers[i] = sameDayAgain ? customers[i - 1] : ids[random.nextInt(CUSTOMERS)];
            days[i] = startDay + dayOffsets[i];
            amounts[i] = random.nextInt(20_000);
        }
        warm = RfmSummary.accumulator(CurrencyUnit.USD, END);
        addAll(warm);
    }

    private void addAll(RfmSummary.Accumulator accumulator) {
        long[] c = customers;
        int[] d = days;
        long[] a = amounts;
        for (int i = 0; i < c.length; i++) {
            accumulator.add(c[i], d[i], a[i]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(TRANSACTIONS)
    public RfmSummary rfmSummary() {
        RfmSummary.Accumulator accumulator = RfmSummary.accumulator(CurrencyUnit.USD, END);
        addAll(accumulator);
        return accumulator.snapshot();
    }

    @Benchmark
    @OperationsPerInvocation(TRANSACTIONS)
    public long rfmAddKnownCustomers() {
        addAll(warm);
        return warm.transactions();
    }

    @Benchmark
    @OperationsPerInvocation(TRANSACTIONS)
    public RepeatPurchaseRate repeatPurchaseRate() {
        RepeatPurchaseRate.Accumulator accumulator = RepeatPurchaseRate.accumulator();
        for (int i = 0; i < customers.length; i++) {
            accumulator.add(customers[i], days[i]);
        }
        return accumulator.snapshot();
    }
}
