package org.loyaltymetrics.benchmarks;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.retention.ChurnSeries;
import org.loyaltymetrics.retention.CohortTable;
import org.loyaltymetrics.retention.CustomerCounts;
import org.loyaltymetrics.retention.RevenueRetention;
import org.loyaltymetrics.time.Granularity;
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
 * Retention hot paths, one operation per record: churn over 10⁶ customer records (one period, and a
 * monthly series over two years), a monthly cohort table over 10⁷ activity events of 10⁶ users, and
 * MRR movements over 10⁶ snapshots of 10⁵ accounts. Scores are records per second; {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} is bytes allocated per record, including the per-user and per-account
 * state that a table of that many users or accounts must hold.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class RetentionBenchmark {

    static final int CUSTOMERS = 1_000_000;
    static final int EVENTS = 10_000_000;
    static final int SNAPSHOTS = 1_000_000;

    LocalDate[] starts;
    LocalDate[] ends;
    long[] eventUsers;
    LocalDate[] eventDates;
    long[] snapshotAccounts;
    YearMonth[] snapshotMonths;
    long[] snapshotAmounts;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        LocalDate origin = LocalDate.of(2023, 1, 1);
        LocalDate[] days = new LocalDate[1100];
        for (int d = 0; d < days.length; d++) {
            days[d] = origin.plusDays(d);
        }
        starts = new LocalDate[CUSTOMERS];
        ends = new LocalDate[CUSTOMERS];
        for (int i = 0; i < CUSTOMERS; i++) {
            int start = random.nextInt(900);
            starts[i] = days[start];
            ends[i] = random.nextInt(3) == 0 ? null : days[Math.min(days.length - 1, start + random.nextInt(400))];
        }
        eventUsers = new long[EVENTS];
        eventDates = new LocalDate[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            long user = random.nextInt(1_000_000);
            eventUsers[i] = user;
            eventDates[i] = days[(int) (user % 500) + random.nextInt(500)];
        }
        YearMonth[] months = new YearMonth[10];
        for (int m = 0; m < months.length; m++) {
            months[m] = YearMonth.of(2025, 1).plusMonths(m);
        }
        snapshotAccounts = new long[SNAPSHOTS];
        snapshotMonths = new YearMonth[SNAPSHOTS];
        snapshotAmounts = new long[SNAPSHOTS];
        // every account has one row per month, in shuffled order
        int[] order = new int[SNAPSHOTS];
        for (int i = 0; i < SNAPSHOTS; i++) {
            order[i] = i;
        }
        for (int i = SNAPSHOTS - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < SNAPSHOTS; i++) {
            snapshotAccounts[i] = order[i] / 10;
            snapshotMonths[i] = months[order[i] % 10];
            snapshotAmounts[i] = random.nextInt(4) == 0 ? 0 : 1_000 + random.nextInt(50_000);
        }
    }

    @Benchmark
    @OperationsPerInvocation(CUSTOMERS)
    public CustomerCounts churnOnePeriod() {
        CustomerCounts.Accumulator accumulator = CustomerCounts.accumulator(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1));
        for (int i = 0; i < CUSTOMERS; i++) {
            accumulator.add(starts[i], ends[i]);
        }
        return accumulator.snapshot();
    }

    @Benchmark
    @OperationsPerInvocation(CUSTOMERS)
    public ChurnSeries churnMonthlySeries() {
        ChurnSeries.Accumulator accumulator = ChurnSeries.accumulator(Granularity.MONTH, LocalDate.of(2023, 1, 1),
                LocalDate.of(2025, 1, 1));
        for (int i = 0; i < CUSTOMERS; i++) {
            accumulator.add(starts[i], ends[i]);
        }
        return accumulator.snapshot();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public CohortTable monthlyCohortTable() {
        CohortTable.Accumulator accumulator = CohortTable.accumulator(Granularity.MONTH);
        for (int i = 0; i < EVENTS; i++) {
            accumulator.add(eventUsers[i], eventDates[i]);
        }
        return accumulator.snapshot();
    }

    @Benchmark
    @OperationsPerInvocation(SNAPSHOTS)
    public RevenueRetention mrrMovements() {
        RevenueRetention.Accumulator accumulator = RevenueRetention.accumulator(CurrencyUnit.USD);
        for (int i = 0; i < SNAPSHOTS; i++) {
            accumulator.add(snapshotAccounts[i], snapshotMonths[i], snapshotAmounts[i]);
        }
        return accumulator.snapshot();
    }
}
