package org.loyaltymetrics.benchmarks;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.loyaltymetrics.churn.BrierScore;
import org.loyaltymetrics.churn.ChurnScorer;
import org.loyaltymetrics.churn.Concordance;
import org.loyaltymetrics.churn.CoxModel;
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
 * The Cox proportional-hazards fit (issue 14) on 10⁶ simulated customers × 10 standard-normal covariates
 * with tenure in whole months 1–48 (heavy ties: 48 distinct times), Efron ties (and Breslow), from the
 * {@link SurvivalData} to the converged model with its covariance (the Newton iterations and the final
 * pass for the baseline hazard; concordance, robust variance and cox.zph are computed on demand and not
 * included); and scoring, the churn probability within 12 months per customer. R's {@code coxph} on the same data (written by {@link #main}) is timed by
 * {@code benchmarks/peers/cox_coxph.R}. Average time of one fit, in seconds.
 *
 * <p>Data ({@link #simulate}): x ~ N(0, 1)¹⁰, β = (0.5, −0.5, 0.25, −0.25, 0.1, −0.1, 0.05, −0.05, 0, 0),
 * Weibull lifetimes with shape 1.5 and scale 24 exp(−xᵀβ / 1.5) months, censoring uniform on (0, 48)
 * months; the observed tenure is rounded up to whole months.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
public class ChurnBenchmark {

    static final double[] BETA = {0.5, -0.5, 0.25, -0.25, 0.1, -0.1, 0.05, -0.05, 0, 0};

    @Param("1000000")
    int customers = 1_000_000;

    SurvivalData data;
    CoxModel model;
    double[][] rows;
    ChurnScorer scorer;

    @Setup
    public void setUp() {
        data = simulate(customers, 20261202L);
        model = CoxModel.fit(data);
        scorer = ChurnScorer.of(model, 12.0);
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
            double eta = 0.0;
            for (int j = 0; j < 10; j++) {
                double x = gaussian(random);
                columns[j][i] = x;
                eta += BETA[j] * x;
            }
            double life = 24.0 * Math.exp(-eta / 1.5) * Math.pow(-Math.log(1.0 - random.nextDouble()), 1.0 / 1.5);
            double censor = 48.0 * random.nextDouble();
            double observed = Math.min(life, censor);
            tenure[i] = Math.max(1.0, Math.ceil(observed));
            churned[i] = life <= censor;
        }
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller, one of the pair
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }

    @Benchmark
    public CoxModel coxFitEfron() {
        return CoxModel.fit(data);
    }

    @Benchmark
    public CoxModel coxFitBreslow() {
        return CoxModel.fit(data, CoxModel.Ties.BRESLOW);
    }

    /** Scoring: the churn probability within 12 months of one customer of 10⁶ (covariates held by the caller). */
    @Benchmark
    @OperationsPerInvocation(1_000_000)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double coxChurnProbabilityPerCustomer() {
        double sum = 0.0;
        for (double[] row : rows) {
            sum += model.churnProbability(12.0, row);
        }
        return sum;
    }

    /**
     * Scoring with {@link ChurnScorer} within 12 months: churn probability, risk score and the restricted mean
     * lifetime (a sum over the baseline's monthly steps up to 12) of one customer of 10⁶.
     */
    @Benchmark
    @OperationsPerInvocation(1_000_000)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double scorerAllFiguresPerCustomer() {
        double sum = 0.0;
        for (double[] row : rows) {
            sum += scorer.churnProbability(row) + scorer.riskScore(row) + scorer.restrictedMeanLifetime(row);
        }
        return sum;
    }

    /** Harrell's concordance with its infinitesimal-jackknife standard error over the 10⁶ customers. */
    @Benchmark
    public Concordance concordanceWithStandardError() {
        return Concordance.of(model, data);
    }

    /** The IPCW Brier score at 12 months over the 10⁶ customers. */
    @Benchmark
    public BrierScore brierScoreAt12() {
        return BrierScore.of(model, data, 12.0);
    }

    /**
     * Writes the simulated customers as CSV (tenure, churned, x1..x10) for R's coxph:
     * {@code java -cp benchmarks/target/benchmarks.jar org.loyaltymetrics.benchmarks.ChurnBenchmark FILE [N]}.
     */
    public static void main(String[] args) throws IOException {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        double[][] columns = new double[10][n];
        double[] tenure = new double[n];
        boolean[] churned = new boolean[n];
        fill(n, 20261202L, columns, tenure, churned);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0])))) {
            out.println("tenure,churned,x1,x2,x3,x4,x5,x6,x7,x8,x9,x10");
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                line.setLength(0);
                line.append((int) tenure[i]).append(',').append(churned[i] ? 1 : 0);
                for (int j = 0; j < 10; j++) {
                    line.append(',').append(String.format(Locale.ROOT, "%.17g", columns[j][i]));
                }
                out.println(line);
            }
        }
        long start = System.nanoTime();
        CoxModel model = CoxModel.fit(simulate(n, 20261202L));
        System.out.println(model + " in " + (System.nanoTime() - start) / 1e9 + " s (one cold fit)");
    }
}
