package org.loyaltymetrics.benchmarks;

import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.loyaltymetrics.programme.Breakage;
import org.loyaltymetrics.programme.LedgerEvent;
import org.loyaltymetrics.programme.PointsLedger;
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
 * Loyalty-programme hot paths, one operation per event: a points ledger of 10⁶ earn and burn events of 10⁵
 * members (adding the events and building the ledger, which replays each member's events in date order with
 * FIFO lots), and the breakage of that ledger (its Aalen–Johansen curve and 200 bootstrap resamples of the
 * members). Scores are events per second; {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes allocated
 * per event, the ledger holding every event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ProgrammeBenchmark {

    static final int MEMBERS = 100_000;
    static final int EVENTS = 1_000_000;

    long[] members;
    LocalDate[] dates;
    LedgerEvent[] events;
    long[] points;
    PointsLedger ledger;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(11);
        LocalDate origin = LocalDate.of(2024, 1, 1);
        members = new long[EVENTS];
        dates = new LocalDate[EVENTS];
        events = new LedgerEvent[EVENTS];
        points = new long[EVENTS];
        // each member: earns of 10..100 on days 0, 7, 14, ...; every third event a burn of half the last earn
        int perMember = EVENTS / MEMBERS;
        int i = 0;
        for (int m = 0; m < MEMBERS; m++) {
            long last = 0;
            for (int k = 0; k < perMember; k++, i++) {
                members[i] = m;
                dates[i] = origin.plusDays(7L * k + random.nextInt(3));
                if (k % 3 == 2) {
                    events[i] = LedgerEvent.BURN;
                    points[i] = Math.max(1, last / 2);
                } else {
                    events[i] = LedgerEvent.EARN;
                    points[i] = 10 + random.nextInt(91);
                    last = points[i];
                }
            }
        }
        ledger = ledger();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public PointsLedger ledger() {
        PointsLedger.Accumulator accumulator = PointsLedger.accumulator();
        for (int i = 0; i < EVENTS; i++) {
            accumulator.add(members[i], dates[i], events[i], points[i]);
        }
        return accumulator.snapshot();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public Breakage breakage() {
        return ledger.breakage(LocalDate.of(2024, 3, 31));
    }
}
