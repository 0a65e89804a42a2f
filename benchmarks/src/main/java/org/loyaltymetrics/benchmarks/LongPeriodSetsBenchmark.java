package org.loyaltymetrics.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.loyaltymetrics.internal.LongPeriodSets;
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
 * The per-user period bitmaps of the cohort table ({@code internal.LongPeriodSets}), one operation per
 * (user, period) mark: 10⁷ marks of 10⁶ users over 20 months each, into an empty table (the table
 * growing) and into a table that knows every user and period already (the steady state, which
 * allocates nothing); and a union of two tables of 10⁶ users, one operation per user.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class LongPeriodSetsBenchmark {

    static final int MARKS = 10_000_000;
    static final int USERS = 1_000_000;

    long[] users;
    long[] periods;
    LongPeriodSets full;
    LongPeriodSets half;
    LongPeriodSets otherHalf;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        users = new long[MARKS];
        periods = new long[MARKS];
        full = new LongPeriodSets();
        half = new LongPeriodSets();
        otherHalf = new LongPeriodSets();
        for (int i = 0; i < MARKS; i++) {
            long user = random.nextInt(USERS);
            users[i] = user;
            periods[i] = 24_000 + user % 16 + random.nextInt(20);
            full.add(users[i], periods[i]);
            (i % 2 == 0 ? half : otherHalf).add(users[i], periods[i]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(MARKS)
    public LongPeriodSets marksFromEmpty() {
        LongPeriodSets sets = new LongPeriodSets();
        for (int i = 0; i < MARKS; i++) {
            sets.add(users[i], periods[i]);
        }
        return sets;
    }

    @Benchmark
    @OperationsPerInvocation(MARKS)
    public LongPeriodSets marksOfKnownUsers() {
        for (int i = 0; i < MARKS; i++) {
            full.add(users[i], periods[i]);
        }
        return full;
    }

    @Benchmark
    @OperationsPerInvocation(USERS)
    public LongPeriodSets unionOfTwoTables() {
        LongPeriodSets union = new LongPeriodSets();
        union.addAll(half);
        union.addAll(otherHalf);
        return union;
    }
}
