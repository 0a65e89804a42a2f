package org.loyaltymetrics.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.SpendHistories;
import org.loyaltymetrics.model.BetaGeometricNbdModel;
import org.loyaltymetrics.model.GammaGammaModel;
import org.loyaltymetrics.model.ParetoNbdModel;
import org.loyaltymetrics.model.PredictionUncertainty;
import org.loyaltymetrics.model.Scorer;
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
 * Maximum-likelihood fits on the CDNOW cohort (2,357 customers, 1,016 distinct rows; the Python library
 * lifetimes 0.11.3 takes about 80 ms for BG/NBD and 450 ms for Pareto/NBD on it), a BG/NBD fit on 10⁶
 * simulated customers, and predictions (E[Y(39)] and P(alive)) for 10⁶ customers, reported per
 * customer ({@link OperationsPerInvocation}), from histories built per customer or held by the caller;
 * the uncertainty of predictions (issue 12): the bootstrap of the CDNOW BG/NBD fit with B = 200, and
 * the delta method's E[Y(39)] and P(alive) with their standard errors per customer.
 * Average time per operation, in microseconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ModelBenchmark {

    static final int SIMULATED = 1_000_000;

    PurchaseHistories cdnow;
    SpendHistories cdnowSpend;
    PurchaseHistories simulated;
    long[] frequency;
    double[] recency;
    double[] age;
    PurchaseHistory[] histories;
    BetaGeometricNbdModel model;
    BetaGeometricNbdModel cdnowFit;
    PredictionUncertainty delta;

    @Setup
    public void setUp() throws IOException {
        PurchaseHistories.Accumulator purchases = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
        SpendHistories.Accumulator spend = SpendHistories.accumulator();
        try (InputStream in = ModelBenchmark.class.getResourceAsStream("/cdnow-customers.csv")) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    String[] cells = line.trim().split(",");
                    long x = Long.parseLong(cells[1]);
                    purchases.add(x, Double.parseDouble(cells[2]), Double.parseDouble(cells[3]));
                    if (x > 0) {
                        spend.add(x, Double.parseDouble(cells[4]));
                    }
                }
            }
        }
        cdnow = purchases.snapshot();
        cdnowSpend = spend.snapshot();
        model = BetaGeometricNbdModel.of(0.243, 4.414, 0.793, 2.426, ChronoUnit.WEEKS);
        double[] ages = new double[SIMULATED];
        for (int i = 0; i < SIMULATED; i++) {
            ages[i] = 26 + 13.0 * i / SIMULATED;
        }
        simulated = model.simulate(ages, 42);
        frequency = new long[SIMULATED];
        recency = new double[SIMULATED];
        age = new double[SIMULATED];
        // one customer per simulated history, heavy rows repeated as their weights say
        int n = 0;
        for (int row = 0; row < simulated.distinctRows() && n < SIMULATED; row++) {
            for (long w = 0; w < simulated.weight(row) && n < SIMULATED; w++, n++) {
                frequency[n] = simulated.frequency(row);
                recency[n] = simulated.recency(row);
                age[n] = simulated.age(row);
            }
        }
        histories = new PurchaseHistory[SIMULATED];
        for (int i = 0; i < SIMULATED; i++) {
            histories[i] = PurchaseHistory.of(frequency[i], recency[i], age[i], ChronoUnit.WEEKS);
        }
        cdnowFit = BetaGeometricNbdModel.fit(cdnow);
        delta = cdnowFit.uncertainty();
    }

    @Benchmark
    public BetaGeometricNbdModel bgNbdFitCdnow() {
        return BetaGeometricNbdModel.fit(cdnow);
    }

    @Benchmark
    public ParetoNbdModel paretoNbdFitCdnow() {
        return ParetoNbdModel.fit(cdnow);
    }

    @Benchmark
    public GammaGammaModel gammaGammaFitCdnow() {
        return GammaGammaModel.fit(cdnowSpend);
    }

    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public BetaGeometricNbdModel bgNbdFitMillionSimulated() {
        return BetaGeometricNbdModel.fit(simulated);
    }

    /**
     * Each customer's history built from three columns (validated) and both predictions asked of it. Where
     * the JIT inlines the prediction into this loop, escape analysis removes the history record; C2 does
     * not (the compiled E[Y(t)], with its inlined series, exceeds its InlineSmallCode limit of 2,500
     * bytes), so the record is allocated: 40 B per customer, a bump of the thread-local buffer, no
     * measurable time (with {@code -jvmArgsAppend -XX:InlineSmallCode=6000} it is 0 B).
     */
    @Benchmark
    @OperationsPerInvocation(SIMULATED)
    public void bgNbdPredictionsPerCustomer(Blackhole blackhole) {
        for (int i = 0; i < SIMULATED; i++) {
            PurchaseHistory history = PurchaseHistory.of(frequency[i], recency[i], age[i], ChronoUnit.WEEKS);
            blackhole.consume(model.conditionalExpectedPurchases(39, history));
            blackhole.consume(model.probabilityAlive(history));
        }
    }

    /** The same predictions for histories the caller holds (built once in the set-up): no allocation. */
    @Benchmark
    @OperationsPerInvocation(SIMULATED)
    public void bgNbdPredictionsOfHeldHistories(Blackhole blackhole) {
        for (PurchaseHistory history : histories) {
            blackhole.consume(model.conditionalExpectedPurchases(39, history));
            blackhole.consume(model.probabilityAlive(history));
        }
    }

    /** The bootstrap of the CDNOW BG/NBD fit with B = 200 refits (seeded; the common fork-join pool). */
    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public PredictionUncertainty bgNbdBootstrapCdnow() {
        return PredictionUncertainty.bootstrap(cdnowFit, cdnow, PredictionUncertainty.Bootstrap.of(200, 42));
    }

    static final int DELTA_CUSTOMERS = 100_000;

    /**
     * E[Y(39) | x, tₓ, T] and P(alive), each as an {@code Estimate} with its delta-method standard error
     * (9 evaluations of each: the fitted model and the 8 perturbed ones), for 10⁵ held histories.
     */
    @Benchmark
    @OperationsPerInvocation(DELTA_CUSTOMERS)
    public void bgNbdDeltaPredictionsPerCustomer(Blackhole blackhole) {
        for (int i = 0; i < DELTA_CUSTOMERS; i++) {
            PurchaseHistory history = histories[i];
            blackhole.consume(delta.conditionalExpectedPurchases(39, history));
            blackhole.consume(delta.probabilityAlive(history));
        }
    }

    /**
     * The bulk scorer over 10⁶ simulated customers with 90 % delta-method intervals: E[Y(39)], P(alive) and
     * their standard errors; in blocks, distinct histories in parallel on the common pool.
     */
    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public Scorer.Scored bgNbdScoreMillionWithIntervals(Blackhole blackhole) {
        Scorer scorer = Scorer.of(cdnowFit, 39).withIntervals(0.9);
        Iterator<Scorer.Customer> customers = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < SIMULATED;
            }

            @Override
            public Scorer.Customer next() {
                int i = next++;
                return Scorer.Customer.of(i, histories[i]);
            }
        };
        return scorer.scoreAll(customers, blackhole::consume);
    }
}
