package org.loyaltymetrics.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.loyaltymetrics.data.OpportunityHistories;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.SpendHistories;
import org.loyaltymetrics.model.BetaGeometricBetaBinomialModel;
import org.loyaltymetrics.model.BetaGeometricNbdModel;
import org.loyaltymetrics.model.GammaGammaModel;
import org.loyaltymetrics.model.ModifiedBetaGeometricNbdModel;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Maximum-likelihood fits on the CDNOW cohort (2,357 customers, 1,016 distinct rows: BG/NBD, MBG/NBD,
 * Pareto/NBD; Gamma-Gamma on its 946 repeat buyers), BG/BB on the donations of Fader, Hardie &amp; Shang
 * (2010; 11,104 donors in 22 weighted rows), a BG/NBD fit on 10⁶ simulated customers (from built histories,
 * and from three arrays, building included), a Pareto/NBD fit on 10⁵ simulated customers from arrays, and
 * predictions (E[Y(39)] and P(alive)) for 10⁶ customers, reported per customer
 * ({@link OperationsPerInvocation}), from histories built per customer or held by the caller; the
 * uncertainty of predictions (issue 12): the bootstrap of the CDNOW BG/NBD fit with B = 200, and the delta
 * method's E[Y(39)] and P(alive) with their standard errors per customer. Average time per operation, in
 * microseconds.
 *
 * <p>The simulated customers are the library's own simulation (seeds 42 and 43) unless the parameter
 * {@code inputs} names a directory written by {@code benchmarks/peers/generate_fit_inputs.py}
 * ({@code -p inputs=DIR}): then they are read from its {@code bgnbd-1e6.csv} and {@code pareto-1e5.csv},
 * the inputs the peer library lifetimes is timed on (see {@code benchmarks/README.md}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ModelBenchmark {

    static final int SIMULATED = 1_000_000;
    static final int PARETO_SIMULATED = 100_000;

    /** A directory of generate_fit_inputs.py's files, or empty for the library's own simulation. */
    @Param("")
    String inputs;

    PurchaseHistories cdnow;
    SpendHistories cdnowSpend;
    PurchaseHistories simulated;
    long[] frequency;
    double[] recency;
    double[] age;
    PurchaseHistory[] histories;
    long[] paretoFrequency;
    double[] paretoRecency;
    double[] paretoAge;
    OpportunityHistories donations;
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
        OpportunityHistories.Accumulator opportunities = OpportunityHistories.accumulator();
        try (InputStream in = ModelBenchmark.class.getResourceAsStream("/donations.csv")) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    String[] cells = line.trim().split(",");
                    opportunities.add(Long.parseLong(cells[0]), Long.parseLong(cells[1]), Long.parseLong(cells[2]),
                            Long.parseLong(cells[3]));
                }
            }
        }
        donations = opportunities.snapshot();
        model = BetaGeometricNbdModel.of(0.243, 4.414, 0.793, 2.426, ChronoUnit.WEEKS);
        frequency = new long[SIMULATED];
        recency = new double[SIMULATED];
        age = new double[SIMULATED];
        paretoFrequency = new long[PARETO_SIMULATED];
        paretoRecency = new double[PARETO_SIMULATED];
        paretoAge = new double[PARETO_SIMULATED];
        if (inputs.isEmpty()) {
            ungroup(model.simulate(ages(SIMULATED), 42), frequency, recency, age);
            ungroup(ParetoNbdModel.of(0.553, 10.578, 0.606, 11.669, ChronoUnit.WEEKS)
                    .simulate(ages(PARETO_SIMULATED), 43), paretoFrequency, paretoRecency, paretoAge);
        } else {
            read(Path.of(inputs, "bgnbd-1e6.csv"), frequency, recency, age);
            read(Path.of(inputs, "pareto-1e5.csv"), paretoFrequency, paretoRecency, paretoAge);
        }
        simulated = PurchaseHistories.of(ChronoUnit.WEEKS, frequency, recency, age);
        histories = new PurchaseHistory[SIMULATED];
        for (int i = 0; i < SIMULATED; i++) {
            histories[i] = PurchaseHistory.of(frequency[i], recency[i], age[i], ChronoUnit.WEEKS);
        }
        cdnowFit = BetaGeometricNbdModel.fit(cdnow);
        delta = cdnowFit.uncertainty();
    }

    /** Customer i observed for 26 + 13 i/n weeks. */
    static double[] ages(int n) {
        double[] ages = new double[n];
        for (int i = 0; i < n; i++) {
            ages[i] = 26 + 13.0 * i / n;
        }
        return ages;
    }

    /** One customer per simulated history, rows repeated as their weights say, into the three columns. */
    static void ungroup(PurchaseHistories histories, long[] frequency, double[] recency, double[] age) {
        int n = 0;
        for (int row = 0; row < histories.distinctRows() && n < frequency.length; row++) {
            for (long w = 0; w < histories.weight(row) && n < frequency.length; w++, n++) {
                frequency[n] = histories.frequency(row);
                recency[n] = histories.recency(row);
                age[n] = histories.age(row);
            }
        }
    }

    /** The columns x, t_x, T of a file of generate_fit_inputs.py, one customer a line after the header. */
    static void read(Path file, long[] frequency, double[] recency, double[] age) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.readLine();
            int n = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    String[] cells = line.split(",");
                    frequency[n] = Long.parseLong(cells[0]);
                    recency[n] = Double.parseDouble(cells[1]);
                    age[n] = Double.parseDouble(cells[2]);
                    n++;
                }
            }
            if (n != frequency.length) {
                throw new IOException(file + " holds " + n + " customers, not " + frequency.length);
            }
        }
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
    public ModifiedBetaGeometricNbdModel mbgNbdFitCdnow() {
        return ModifiedBetaGeometricNbdModel.fit(cdnow);
    }

    /** BG/BB on the donations: 11,104 donors over 6 opportunities, 22 distinct weighted rows. */
    @Benchmark
    public BetaGeometricBetaBinomialModel bgbbFitDonations() {
        return BetaGeometricBetaBinomialModel.fit(donations);
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

    /** The same fit from three arrays of 10⁶ customers: building the histories is part of the work. */
    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public BetaGeometricNbdModel bgNbdFitMillionFromArrays() {
        return BetaGeometricNbdModel.fit(PurchaseHistories.of(ChronoUnit.WEEKS, frequency, recency, age));
    }

    /** A Pareto/NBD fit from three arrays of 10⁵ simulated customers, building included. */
    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public ParetoNbdModel paretoNbdFitHundredThousandFromArrays() {
        return ParetoNbdModel.fit(PurchaseHistories.of(ChronoUnit.WEEKS, paretoFrequency, paretoRecency, paretoAge));
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

    /**
     * The same two predictions for the 10⁶ customers held as columns, by the bulk path of
     * {@link Scorer#scoreColumns} (chunks on all cores, the series of a chunk's customers of one frequency
     * summed together).
     */
    @Benchmark
    @OperationsPerInvocation(SIMULATED)
    public Scorer.ScoredColumns bgNbdScoreColumnsMillion() {
        return Scorer.of(model, 39).scoreColumns(ChronoUnit.WEEKS, frequency, recency, age);
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
