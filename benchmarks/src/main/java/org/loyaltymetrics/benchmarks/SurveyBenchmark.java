package org.loyaltymetrics.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.loyaltymetrics.survey.CustomerSatisfactionScore;
import org.loyaltymetrics.survey.NetPromoterScore;
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
 * Tallies of 10⁷ survey answers (NPS on 0..10, CSAT on 1..5) from {@code int[]} and {@code byte[]}:
 * the bulk path of {@code ResponseTally.Accumulator}, which counts in the lanes of the internal
 * {@code BinCounter}. Each operation is one answer ({@link OperationsPerInvocation}), so the score is
 * answers per second and {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes allocated per answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SurveyBenchmark {

    static final int ANSWERS = 10_000_000;

    int[] npsInts;
    byte[] npsBytes;
    int[] csatInts;
    byte[] csatBytes;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        npsInts = new int[ANSWERS];
        npsBytes = new byte[ANSWERS];
        csatInts = new int[ANSWERS];
        csatBytes = new byte[ANSWERS];
        for (int i = 0; i < ANSWERS; i++) {
            npsInts[i] = random.nextInt(11);
            npsBytes[i] = (byte) npsInts[i];
            csatInts[i] = 1 + random.nextInt(5);
            csatBytes[i] = (byte) csatInts[i];
        }
    }

    @Benchmark
    @OperationsPerInvocation(ANSWERS)
    public NetPromoterScore npsFromInts() {
        return NetPromoterScore.of(npsInts);
    }

    @Benchmark
    @OperationsPerInvocation(ANSWERS)
    public NetPromoterScore npsFromBytes() {
        return NetPromoterScore.of(npsBytes);
    }

    @Benchmark
    @OperationsPerInvocation(ANSWERS)
    public CustomerSatisfactionScore csatFromInts() {
        return CustomerSatisfactionScore.of(csatInts);
    }

    @Benchmark
    @OperationsPerInvocation(ANSWERS)
    public CustomerSatisfactionScore csatFromBytes() {
        return CustomerSatisfactionScore.of(CustomerSatisfactionScore.Definition.DEFAULT, csatBytes);
    }
}
