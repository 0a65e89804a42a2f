package org.loyaltymetrics.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.TimeVaryingCovariates;
import org.loyaltymetrics.model.BetaGeometricNbdCovariateModel;
import org.loyaltymetrics.model.CovariateOptions;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.model.GammaGompertzNbdCovariateModel;
import org.loyaltymetrics.model.ModelFitException;
import org.loyaltymetrics.model.ParetoNbdCovariateModel;
import org.loyaltymetrics.model.ParetoNbdDynamicCovariateModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fits of the models with covariates (issue 15) on the team's synthetic covariate data set (3,000
 * customers, static covariates gender, channel, age_std, and a weekly marketing covariate for 1,001 of them;
 * metrics-core/src/test/resources/covariates and its README), from the joined customers to the converged
 * model with its covariance. CLVTools 0.12.1 fits the
 * same data in {@code benchmarks/peers/covariates_clvtools.R}. Average time of one fit, in seconds; run from
 * the repository's root (or give {@code -p data=DIR}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class CovariateBenchmark {

    /** The last day of the calibration period, inclusive (CLVTools: 52 weeks after 2023-01-01). */
    static final LocalDate CALIBRATION_END = LocalDate.of(2023, 12, 31);

    @Param("metrics-core/src/test/resources/covariates")
    String data = "metrics-core/src/test/resources/covariates";

    CustomerCovariates.Joined customers;
    TimeVaryingCovariates.Joined weekly;
    /** The 1,001 customers with the weekly marketing covariate and gender only. */
    TimeVaryingCovariates.Joined marketingAndGender;

    @Setup
    public void setUp() {
        customers = joined(Path.of(data));
        weekly = weekly(Path.of(data), List.of("gender", "channel", "age_std"));
        marketingAndGender = weekly(Path.of(data), List.of("gender"));
    }

    /** Pareto/NBD with the three static covariates on both processes (CLVTools {@code pnbd(clvs)}). */
    @Benchmark
    public ParetoNbdCovariateModel paretoNbdStatic() {
        return ParetoNbdCovariateModel.fit(customers);
    }

    /** BG/NBD with the three static covariates on both processes (CLVTools {@code bgnbd(clvs)}). */
    @Benchmark
    public BetaGeometricNbdCovariateModel bgNbdStatic() {
        return BetaGeometricNbdCovariateModel.fit(customers);
    }

    /**
     * GGom/NBD with the three static covariates (CLVTools {@code ggomnbd(clvs)}): on these data the likelihood
     * rises to its Pareto/NBD limit (b → 0), which the fit reports by its exception, as CLVTools stops at b ≈ 1e-6.
     */
    @Benchmark
    public Object ggomNbdStatic() {
        try {
            return GammaGompertzNbdCovariateModel.fit(customers);
        } catch (ModelFitException limit) {
            return limit;
        }
    }

    /**
     * Pareto/NBD with the weekly marketing covariate and the static ones, 1,001 customers (CLVTools {@code
     * pnbd(clvd)} on the same customers).
     */
    @Benchmark
    public ParetoNbdDynamicCovariateModel paretoNbdDynamic() {
        return ParetoNbdDynamicCovariateModel.fit(weekly);
    }

    /**
     * Pareto/NBD with the weekly marketing covariate and gender, gender's coefficient the same on both processes
     * (CLVTools {@code pnbd(clvd, names.cov.constr = "gender")}).
     */
    @Benchmark
    public ParetoNbdDynamicCovariateModel paretoNbdDynamicSameOnBoth() {
        return ParetoNbdDynamicCovariateModel.fit(marketingAndGender,
                CovariateOptions.defaults().withSameOnBoth("gender"), FitOptions.defaults());
    }

    /**
     * Pareto/NBD with the weekly marketing covariate and gender, the coefficients L2-penalised (CLVTools {@code
     * pnbd(clvd, reg.lambdas = c(trans = 0.05, life = 0.2))}).
     */
    @Benchmark
    public ParetoNbdDynamicCovariateModel paretoNbdDynamicPenalised() {
        return ParetoNbdDynamicCovariateModel.fit(marketingAndGender,
                CovariateOptions.defaults().withPenalties(0.05, 0.2), FitOptions.defaults());
    }

    /**
     * The 1,001 customers of CLVTools' dynamic-covariate fit: their purchase days joined to the weekly
     * marketing covariate ({@code dynamic-1001.csv.gz}) with gender, channel and age_std constant over the weeks.
     */
    static TimeVaryingCovariates.Joined weekly(Path dir, List<String> constant) {
        TimeVaryingCovariates.Builder builder = TimeVaryingCovariates.weekly(List.of("marketing"));
        try (java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(Files.newInputStream(dir.resolve("dynamic-1001.csv.gz"))),
                StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] row = line.split(",");
                builder.add(Long.parseLong(row[0]), LocalDate.parse(row[1]), Double.parseDouble(row[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TimeVaryingCovariates marketing = builder.build();
        Map<Long, List<LocalDate>> purchases = new TreeMap<>();
        for (String[] row : rows(dir.resolve("transactions.csv"))) {
            long id = Long.parseLong(row[0]);
            if (marketing.contains(id)) {
                purchases.computeIfAbsent(id, k -> new java.util.ArrayList<>()).add(LocalDate.parse(row[1]));
            }
        }
        List<String> columns = List.of("gender", "channel", "age_std"); // static.csv's, after customer_id
        CustomerCovariates.Builder statics = CustomerCovariates.builder(constant);
        for (String[] row : rows(dir.resolve("static.csv"))) {
            if (marketing.contains(Long.parseLong(row[0]))) {
                double[] values = new double[constant.size()];
                for (int j = 0; j < values.length; j++) {
                    values[j] = Double.parseDouble(row[1 + columns.indexOf(constant.get(j))]);
                }
                statics.add(Long.parseLong(row[0]), values);
            }
        }
        return marketing.withConstant(statics.build()).join(purchases, CALIBRATION_END, null,
                CustomerCovariates.MissingCovariates.REFUSE);
    }

    /**
     * The customers' calibration histories in weeks as CLVTools reads the transactions (same-day purchases
     * merged) joined to their static covariates.
     */
    static CustomerCovariates.Joined joined(Path dir) {
        Map<Long, TreeSet<LocalDate>> days = new TreeMap<>();
        for (String[] row : rows(dir.resolve("transactions.csv"))) {
            days.computeIfAbsent(Long.parseLong(row[0]), id -> new TreeSet<>()).add(LocalDate.parse(row[1]));
        }
        Map<Long, PurchaseHistory> histories = new TreeMap<>();
        days.forEach((id, dates) -> {
            LocalDate first = dates.first();
            TreeSet<LocalDate> calibration = new TreeSet<>(dates.headSet(CALIBRATION_END, true));
            LocalDate last = calibration.last();
            histories.put(id, new PurchaseHistory(calibration.size() - 1L, ChronoUnit.DAYS.between(first, last) / 7.0,
                    ChronoUnit.DAYS.between(first, CALIBRATION_END) / 7.0, ChronoUnit.WEEKS));
        });
        CustomerCovariates.Builder covariates = CustomerCovariates.builder(List.of("gender", "channel", "age_std"));
        for (String[] row : rows(dir.resolve("static.csv"))) {
            covariates.add(Long.parseLong(row[0]), Double.parseDouble(row[1]), Double.parseDouble(row[2]),
                    Double.parseDouble(row[3]));
        }
        return covariates.build().join(histories, CustomerCovariates.MissingCovariates.REFUSE);
    }

    private static List<String[]> rows(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().skip(1).filter(line -> !line.isBlank())
                    .map(line -> line.split(",")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
