package org.loyaltymetrics.benchmarks;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.loyaltymetrics.churn.AftModel;
import org.loyaltymetrics.churn.AftModel.Distribution;
import org.loyaltymetrics.churn.SurvivalData;
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

/**
 * The parametric accelerated-failure-time fits (issue 14, {@link AftModel}) on 10⁶ simulated customers × 10
 * standard-normal covariates with continuous Weibull lifetimes, from the {@link SurvivalData} to the
 * converged model with its covariance (the intercept-only fit included, as R's {@code survreg} fits it
 * too; the concordance is computed on demand and not included); and scoring, the churn probability within
 * 12 months and the median lifetime of one customer. R's {@code survreg} on the same data (written by
 * {@link #main}) is timed by {@code benchmarks/peers/aft_survreg.R}. Average time of one fit, in seconds.
 *
 * <p>Data ({@link #simulate}): x ~ N(0, 1)¹⁰, log T = log 24 + xᵀβ + 0.7 W with W standard minimum extreme
 * value (Weibull lifetimes, shape 1/0.7, scale 24 e^(xᵀβ) months), β = (0.5, −0.5, 0.25, −0.25, 0.1, −0.1,
 * 0.05, −0.05, 0, 0), censoring uniform on (0, 48) months.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
public class AftBenchmark {

    static final double[] BETA = {0.5, -0.5, 0.25, -0.25, 0.1, -0.1, 0.05, -0.05, 0, 0};
    static final long SEED = 20261202L;

    @Param("1000000")
    int customers = 1_000_000;

    SurvivalData data;
    AftModel model;
    double[][] rows;

    @Setup
    public void setUp() {
        data = simulate(customers, SEED);
        model = AftModel.fit(data, Distribution.WEIBULL);
        rows = new double[customers][10];
        for (int j = 0; j < 10; j++) {
            double[] column = data.covariate("x" + (j + 1));
            for (int i = 0; i < customers; i++) {
                rows[i][j] = column[i];
            }
        }
    }

    /** The simulated customers (see the class comment), seeded. */
    static SurvivalData simulate(int n, long seed) {
        double[][] columns = new double[10][n];
        double[] tenure = new double[n];
        boolean[] churned = new boolean[n];
        fill(n, seed, columns, tenure, churned);
        SurvivalData result = SurvivalData.of(tenure, churned);
        for (int j = 0; j < 10; j++) {
            result = result.withCovariate("x" + (j + 1), columns[j]);
        }
        return result;
    }

    private static void fill(int n, long seed, double[][] columns, double[] tenure, boolean[] churned) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            double eta = Math.log(24.0);
            for (int j = 0; j < 10; j++) {
                double u = 1.0 - random.nextDouble();
                double x = Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * random.nextDouble());
                columns[j][i] = x;
                eta += BETA[j] * x;
            }
            double w = Math.log(-Math.log(1.0 - random.nextDouble()));
            double life = Math.exp(eta + 0.7 * w);
            double censor = 48.0 * (1.0 - random.nextDouble());
            tenure[i] = Math.min(life, censor);
            churned[i] = life <= censor;
        }
    }

    @Benchmark
    public AftModel weibullFit() {
        return AftModel.fit(data, Distribution.WEIBULL);
    }

    @Benchmark
    public AftModel logNormalFit() {
        return AftModel.fit(data, Distribution.LOG_NORMAL);
    }

    @Benchmark
    public AftModel logLogisticFit() {
        return AftModel.fit(data, Distribution.LOG_LOGISTIC);
    }

    /** Scoring: the churn probability within 12 months of one customer of 10⁶ (covariates held by the caller). */
    @Benchmark
    @OperationsPerInvocation(1_000_000)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double weibullChurnProbabilityPerCustomer() {
        double sum = 0.0;
        for (double[] row : rows) {
            sum += model.churnProbability(12.0, row);
        }
        return sum;
    }

    /** Scoring: the median lifetime of one customer of 10⁶. */
    @Benchmark
    @OperationsPerInvocation(1_000_000)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double weibullMedianLifetimePerCustomer() {
        double sum = 0.0;
        for (double[] row : rows) {
            sum += model.medianLifetime(row);
        }
        return sum;
    }

    /**
     * Writes the simulated customers as CSV (tenure, churned, x1..x10) for R's survreg, then times one cold
     * Weibull fit:
     * {@code java -cp benchmarks/target/benchmarks.jar org.loyaltymetrics.benchmarks.AftBenchmark FILE [N]}.
     */
    public static void main(String[] args) throws IOException {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        double[][] columns = new double[10][n];
        double[] tenure = new double[n];
        boolean[] churned = new boolean[n];
        fill(n, SEED, columns, tenure, churned);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0])))) {
            out.println("tenure,churned,x1,x2,x3,x4,x5,x6,x7,x8,x9,x10");
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                line.setLength(0);
                line.append(String.format(Locale.ROOT, "%.17g", tenure[i])).append(',').append(churned[i] ? 1 : 0);
                for (int j = 0; j < 10; j++) {
                    line.append(',').append(String.format(Locale.ROOT, "%.17g", columns[j][i]));
                }
                out.println(line);
            }
        }
        SurvivalData data = simulate(n, SEED);
        for (int run = 1; run <= 3; run++) {
            long start = System.nanoTime();
            AftModel model = AftModel.fit(data, Distribution.WEIBULL);
            System.out.println(model + " in " + (System.nanoTime() - start) / 1e9 + " s (fit " + run + ")");
        }
    }
}
