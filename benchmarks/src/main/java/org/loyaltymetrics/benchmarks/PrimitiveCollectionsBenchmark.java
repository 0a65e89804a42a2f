package org.loyaltymetrics.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.loyaltymetrics.internal.BinCounter;
import org.loyaltymetrics.internal.LongHashSet;
import org.loyaltymetrics.internal.LongIndex;
import org.loyaltymetrics.internal.LongObjectMap;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The primitive collections of {@code org.loyaltymetrics.internal} on their own, apart from the KPI
 * that uses each: {@link LongIndex} (customer ids to dense indexes), {@link LongHashSet} (distinct
 * customer-days), {@link LongObjectMap} (wide per-key arrays) and {@link BinCounter} (answers into
 * scale points). 10⁶ random keys among 10⁵ distinct ones, as a log of 10⁶ records of 10⁵ customers;
 * each operation is one key (or one answer), so the score is keys per second and
 * {@code gc.alloc.rate.norm} bytes per key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PrimitiveCollectionsBenchmark {

    static final int KEYS = 1_000_000;
    static final int DISTINCT = 100_000;
    static final int ANSWERS = 10_000_000;

    long[] keys;
    LongIndex fullIndex;
    LongObjectMap<long[]> fullMap;
    int[] answers;
    BinCounter counter;
    long[] counts;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        keys = new long[KEYS];
        fullIndex = new LongIndex();
        fullMap = new LongObjectMap<>();
        for (int i = 0; i < KEYS; i++) {
            keys[i] = 1_000_000_007L * random.nextInt(DISTINCT);
            fullIndex.add(keys[i]);
            fullMap.put(keys[i], new long[1]);
        }
        answers = new int[ANSWERS];
        for (int i = 0; i < ANSWERS; i++) {
            answers[i] = random.nextInt(11);
        }
        counter = new BinCounter(11);
        counts = new long[11];
    }

    /** Dense indexes of 10⁶ keys from an empty index (it grows to 10⁵ keys). */
    @Benchmark
    @OperationsPerInvocation(KEYS)
    public LongIndex longIndexFromEmpty() {
        LongIndex index = new LongIndex();
        for (long key : keys) {
            index.add(key);
        }
        return index;
    }

    /** Lookups of 10⁶ keys already in the index: no allocation. */
    @Benchmark
    @OperationsPerInvocation(KEYS)
    public void longIndexLookups(Blackhole blackhole) {
        for (long key : keys) {
            blackhole.consume(fullIndex.indexOf(key));
        }
    }

    /** 10⁶ adds to a set growing from empty to 10⁵ values. */
    @Benchmark
    @OperationsPerInvocation(KEYS)
    public LongHashSet longHashSetFromEmpty() {
        LongHashSet set = new LongHashSet();
        for (long key : keys) {
            set.add(key);
        }
        return set;
    }

    /** Lookups of 10⁶ keys in a map of 10⁵ keys: no allocation. */
    @Benchmark
    @OperationsPerInvocation(KEYS)
    public void longObjectMapLookups(Blackhole blackhole) {
        for (long key : keys) {
            blackhole.consume(fullMap.get(key));
        }
    }

    /**
     * 10⁶ tallies of a map growing from empty to 10⁵ keys, each found or made by
     * {@code computeIfAbsent} with a lambda that captures nothing (the renewal and survival
     * accumulators' path): no allocation but the new tallies and the growth.
     */
    @Benchmark
    @OperationsPerInvocation(KEYS)
    public LongObjectMap<long[]> longObjectMapTalliesFromEmpty() {
        LongObjectMap<long[]> map = new LongObjectMap<>();
        for (long key : keys) {
            map.computeIfAbsent(key, k -> new long[2])[0]++;
        }
        return map;
    }

    /** 10⁷ answers on 0..10 counted into 11 bins. */
    @Benchmark
    @OperationsPerInvocation(ANSWERS)
    public long[] binCounterInts() {
        java.util.Arrays.fill(counts, 0);
        counter.addAll(answers, 0, counts);
        return counts;
    }
}
