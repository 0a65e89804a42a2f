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

    /*
     * Yardsticks for the tallies (issue 13: "the NPS tally at 80 % of a plain summing loop, or a comparison
     * that shows why not"): the plain sum of the same 10⁷ ints, which the JIT compiler vectorises and which
     * is bound by reading memory; and the barest histogram, one counter array incremented per answer with
     * no check, which like every histogram makes a load and a store of a counter per answer.
     */

    /** The sum of the 10⁷ NPS answers of {@code int[]}: a vectorised reduction, bound by memory reads. */
    @Benchmark
    @OperationsPerInvocation(ANSWERS)
    public long plainSumOfInts() {
        long sum = 0;
        for (int value : npsInts) {
            sum += value;
        }
        return sum;
    }

    /** {@code counts[v]++} for the 10⁷ NPS answers, one array, no check: a store per answer. */
    @Benchmark
    @OperationsPerInvocation(ANSWERS)
    public long[] bareHistogramOfInts() {
        long[] counts = new long[11];
        for (int value : npsInts) {
            counts[value]++;
        }
        return counts;
    }

    /** The same in four lanes of {@code int} counters (as the tally counts, without its check). */
    @Benchmark
    @OperationsPerInvocation(ANSWERS)
    public long[] fourLaneHistogramOfInts() {
        int[] c0 = new int[16];
        int[] c1 = new int[16];
        int[] c2 = new int[16];
        int[] c3 = new int[16];
        int[] values = npsInts;
        int i = 0;
        for (; i + 4 <= values.length; i += 4) {
            c0[values[i]]++;
            c1[values[i + 1]]++;
            c2[values[i + 2]]++;
            c3[values[i + 3]]++;
        }
        for (; i < values.length; i++) {
            c0[values[i]]++;
        }
        long[] counts = new long[11];
        for (int k = 0; k < 11; k++) {
            counts[k] = (long) c0[k] + c1[k] + c2[k] + c3[k];
        }
        return counts;
    }
}
