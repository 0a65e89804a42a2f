package org.loyaltymetrics.spark;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.loyaltymetrics.churn.CoxModel;
import org.loyaltymetrics.churn.CoxTimeSums;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.model.BetaGeometricNbdModel;
import org.loyaltymetrics.data.SpendHistories;
import org.loyaltymetrics.data.SpendHistory;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.model.GammaGammaModel;
import org.loyaltymetrics.model.PartitionedSpendLikelihood;
import org.loyaltymetrics.model.Scorer;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.model.ModifiedBetaGeometricNbdModel;
import org.loyaltymetrics.model.ParetoNbdModel;
import org.loyaltymetrics.model.PartitionedLikelihood;
import org.loyaltymetrics.model.TransactionModel;

/**
 * Fitting the transaction models where the customers are, and scoring every customer there.
 *
 * <p><b>Fitting</b> ({@link #fitBgNbd}, {@link #fitMbgNbd}, {@link #fitParetoNbd}): the customers' histories (x, tₓ, T) of an
 * RFM table ({@link CustomerTables#rfm}) are compressed on the executors into distinct histories with
 * their counts (a {@code groupBy}), each partition of them becomes the model's likelihood of that part
 * ({@link BetaGeometricNbdModel#likelihood}), kept in executor memory, and the optimiser runs on the
 * driver over a {@link PartitionedLikelihood} whose every evaluation (log-likelihood, gradient,
 * Hessian) is one {@code treeAggregate} of the parts' sums: the driver holds the parameters and a few
 * numbers, never the histories. The procedure and start are those of the single-JVM fit, so the
 * estimates equal {@code BetaGeometricNbdModel.fit(PurchaseHistories.from(summary, unit))} to 1e-9
 * relative (only the order of the sums differs). Customers with T = 0 (first seen on the last day of
 * the calibration) are left out, as {@link PurchaseHistories#from} leaves them out.
 *
 * <p>The Gamma-Gamma spend model is fitted the same way ({@link #fitGammaGamma}): the distinct (x, z̄) rows of
 * the repeat customers, their likelihood's sums by {@code treeAggregate}, the optimiser on the driver.
 *
 * <p><b>Scoring</b> ({@link #score}): each partition of the RFM table is scored by the fitted model
 * (rebuilt on the executor from its parameters): P(alive) and the expected purchases over a horizon,
 * for every customer, into a DataFrame ({@link #SCORE_SCHEMA}); or by a core {@link Scorer} built on the driver
 * ({@link #score(Dataset, Scorer, CurrencyUnit)}): every figure it computes (expected purchases, P(alive),
 * expected spend, lifetime value), with intervals and purchase ranges if configured ({@link #scoreSchema}).
 *
 * <p><b>Churn</b> ({@link #fitCox}): the Cox model's Newton steps on the driver, each evaluation of the partial
 * likelihood one job that sums the rows per (stratum, time) on the executors ({@link CoxTimeSums}) and merges
 * the partitions' sums by time.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class SparkModels {

    /** The columns of {@link #score}'s output. */
    public static final StructType SCORE_SCHEMA = new StructType().add("customer_id", DataTypes.LongType, false)
            .add("frequency", DataTypes.IntegerType, false).add("recency_days", DataTypes.IntegerType, false)
            .add("age_days", DataTypes.IntegerType, false).add("probability_alive", DataTypes.DoubleType, false)
            .add("expected_purchases", DataTypes.DoubleType, false);

    private SparkModels() {
    }

    /** Makes a part's likelihood on an executor, such as {@code BetaGeometricNbdModel::likelihood}. */
    @FunctionalInterface
    public interface PartLikelihood extends Serializable {
        /** The likelihood of the histories of one part. */
        PartitionedLikelihood of(PurchaseHistories part);
    }

    /** Rebuilds a fitted model on an executor. */
    @FunctionalInterface
    public interface ModelOf extends Serializable {
        /** The model. */
        TransactionModel get();
    }

    /**
     * The BG/NBD model fitted to the customers of {@code rfm} (an {@link CustomerTables#rfm} table),
     * times in {@code unit}, with the default options.
     */
    public static BetaGeometricNbdModel fitBgNbd(Dataset<Row> rfm, ChronoUnit unit) {
        return fitBgNbd(rfm, unit, FitOptions.defaults());
    }

    /**
     * The BG/NBD model fitted to the customers of {@code rfm}, times in {@code unit}.
     *
     * @throws org.loyaltymetrics.model.ModelFitException as {@link BetaGeometricNbdModel#fit}
     */
    public static BetaGeometricNbdModel fitBgNbd(Dataset<Row> rfm, ChronoUnit unit, FitOptions options) {
        try (DistributedLikelihood likelihood = likelihood(rfm, unit, BetaGeometricNbdModel::likelihood)) {
            return BetaGeometricNbdModel.fit(likelihood, options);
        }
    }

    /**
     * The MBG/NBD model fitted to the customers of {@code rfm}, times in {@code unit}.
     *
     * @throws org.loyaltymetrics.model.ModelFitException as {@link ModifiedBetaGeometricNbdModel#fit}
     */
    public static ModifiedBetaGeometricNbdModel fitMbgNbd(Dataset<Row> rfm, ChronoUnit unit, FitOptions options) {
        try (DistributedLikelihood likelihood = likelihood(rfm, unit, ModifiedBetaGeometricNbdModel::likelihood)) {
            return ModifiedBetaGeometricNbdModel.fit(likelihood, options);
        }
    }

    /**
     * The Pareto/NBD model fitted to the customers of {@code rfm}, times in {@code unit} (no analytic
     * Hessian: the fit's Newton steps take central differences of the distributed gradient).
     *
     * @throws org.loyaltymetrics.model.ModelFitException as {@link ParetoNbdModel#fit}
     */
    public static ParetoNbdModel fitParetoNbd(Dataset<Row> rfm, ChronoUnit unit, FitOptions options) {
        try (DistributedLikelihood likelihood = likelihood(rfm, unit, ParetoNbdModel::likelihood)) {
            return ParetoNbdModel.fit(likelihood, options);
        }
    }

    /**
     * The likelihood of the customers of {@code rfm} (columns {@code frequency}, {@code recency_days},
     * {@code age_days}) as a model's parts make it, its distinct histories cached on the executors until
     * {@link DistributedLikelihood#close()}.
     */
    public static DistributedLikelihood likelihood(Dataset<Row> rfm, ChronoUnit unit, PartLikelihood partLikelihood) {
        Objects.requireNonNull(unit, "unit must not be null");
        Objects.requireNonNull(partLikelihood, "partLikelihood must not be null");
        JavaRDD<Row> distinct = rfm.where(col("age_days").gt(0)).groupBy("frequency", "recency_days", "age_days").count()
                .javaRDD();
        JavaRDD<PartitionedLikelihood> parts = distinct.mapPartitions(rows -> {
            PurchaseHistories.Accumulator accumulator = PurchaseHistories.accumulator(unit);
            while (rows.hasNext()) {
                Row row = rows.next();
                PurchaseHistory days = PurchaseHistory.of(row.getInt(0), row.getInt(1), row.getInt(2), ChronoUnit.DAYS);
                accumulator.add(days.in(unit), row.getLong(3));
            }
            PurchaseHistories part = accumulator.snapshot();
            Iterator<PartitionedLikelihood> one = part.isEmpty() ? Collections.emptyIterator()
                    : List.of(partLikelihood.of(part)).iterator();
            return one;
        }).persist(StorageLevel.MEMORY_ONLY());
        return new DistributedLikelihood(parts, unit, partLikelihood.of(PurchaseHistories.accumulator(unit).snapshot()));
    }

    /**
     * The Gamma-Gamma model fitted to the spend of the repeat customers of {@code rfm} (an
     * {@link CustomerTables#rfm} table whose money is in {@code currency}), with the default options.
     */
    public static GammaGammaModel fitGammaGamma(Dataset<Row> rfm, CurrencyUnit currency) {
        return fitGammaGamma(rfm, currency, FitOptions.defaults());
    }

    /**
     * The Gamma-Gamma model fitted to the spend of the repeat customers of {@code rfm}: each customer's x
     * ({@code frequency}) and z̄, the mean value of the repeat purchase days ({@code repeat_value} / x, in
     * major units of {@code currency}), as {@link SpendHistories#from(org.loyaltymetrics.data.RfmSummary)}
     * takes them (customers without a repeat purchase, or whose repeat purchases are all of zero value, are
     * left out). The distinct (x, repeat value) rows are counted on the executors, each partition of them
     * becomes {@link GammaGammaModel#likelihood}, cached there, and the fit's optimiser runs on the driver
     * over their sums ({@link DistributedSpendLikelihood}): the estimates equal
     * {@code GammaGammaModel.fit(SpendHistories.from(summary))} to 1e-9 relative at a tolerance of 1e-10.
     *
     * @throws org.loyaltymetrics.model.ModelFitException as {@link GammaGammaModel#fit(SpendHistories, FitOptions)}
     */
    public static GammaGammaModel fitGammaGamma(Dataset<Row> rfm, CurrencyUnit currency, FitOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        try (DistributedSpendLikelihood likelihood = spendLikelihood(rfm, currency)) {
            return GammaGammaModel.fit(likelihood, options);
        }
    }

    /**
     * The Gamma-Gamma likelihood of the repeat customers of {@code rfm} (columns {@code frequency} and
     * {@code repeat_value}, money in {@code currency}; see {@link #fitGammaGamma(Dataset, CurrencyUnit, FitOptions)}),
     * its distinct rows cached on the executors until {@link DistributedSpendLikelihood#close()}.
     */
    public static DistributedSpendLikelihood spendLikelihood(Dataset<Row> rfm, CurrencyUnit currency) {
        Objects.requireNonNull(currency, "currency must not be null");
        double scale = Math.pow(10, currency.decimals());
        JavaRDD<Row> distinct = rfm.where(col("frequency").gt(0).and(col("repeat_value").gt(0)))
                .groupBy("frequency", "repeat_value").count().javaRDD();
        JavaRDD<PartitionedSpendLikelihood> parts = distinct.mapPartitions(rows -> {
            SpendHistories.Accumulator accumulator = SpendHistories.accumulator();
            while (rows.hasNext()) {
                Row row = rows.next();
                int x = row.getInt(0);
                // as RfmSummary.Customer.monetaryValue computes it
                accumulator.add(x, (double) row.getLong(1) / x / scale, row.getLong(2));
            }
            SpendHistories part = accumulator.snapshot();
            Iterator<PartitionedSpendLikelihood> one = part.isEmpty() ? Collections.emptyIterator()
                    : List.of(GammaGammaModel.likelihood(part)).iterator();
            return one;
        }).persist(StorageLevel.MEMORY_ONLY());
        return new DistributedSpendLikelihood(parts);
    }

    /**
     * The Cox proportional-hazards model of churn fitted to the right-censored rows of {@code data}
     * (duration, event and numeric covariates in the named columns), Efron's ties and the default options;
     * see {@link #fitCox(Dataset, CoxColumns, CoxModel.Ties, FitOptions)}.
     */
    public static CoxModel fitCox(Dataset<Row> data, String durationColumn, String eventColumn,
            String... covariateColumns) {
        return fitCox(data, CoxColumns.of(durationColumn, eventColumn, covariateColumns), CoxModel.Ties.DEFAULT,
                FitOptions.defaults());
    }

    /**
     * The Cox proportional-hazards model of churn fitted where the rows are: the partial likelihood, its
     * score and its information are sums over distinct times of risk-set sums, so each Newton step is one
     * Spark job in which every partition sums its rows per (stratum, time) into {@link CoxTimeSums} at the
     * current β, the partitions' sums are merged by time, and the driver takes the reverse cumulative sums
     * over time and the step ({@link CoxModel#fit(org.loyaltymetrics.churn.PartitionedSurvivalData,
     * CoxModel.Ties, FitOptions)}). The rows are cached on the executors for the fit and released after it.
     * The coefficients, standard errors and log-likelihoods equal {@code CoxModel.fit} on the same rows to
     * 1e-9, with strata, weights, counting-process rows and either ties; the model predicts, tests and prints
     * as the in-memory one, but has no rows for the robust covariance, the concordance and the
     * proportional-hazards test (clusters are not supported). The driver holds one set of sums (3 (1 + p + p²) + p + 3
     * numbers) per distinct (stratum, time), so times in whole days or months suit it best.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if a column has nulls, or a row a value out of range
     *     (on the executors, as the cause of the Spark job's failure)
     * @throws org.loyaltymetrics.UndefinedResultException if there are no rows or no churn
     * @throws org.loyaltymetrics.model.ModelFitException as {@link CoxModel#fit(org.loyaltymetrics.churn.SurvivalData,
     *     CoxModel.Ties, FitOptions)}
     */
    public static CoxModel fitCox(Dataset<Row> data, CoxColumns columns, CoxModel.Ties ties, FitOptions options) {
        Objects.requireNonNull(data, "data must not be null");
        Objects.requireNonNull(columns, "columns must not be null");
        Objects.requireNonNull(ties, "ties must not be null");
        Objects.requireNonNull(options, "options must not be null");
        try (DistributedSurvivalData rows = survivalData(data, columns)) {
            return CoxModel.fit(rows, ties, options);
        }
    }

    /**
     * The survival rows of {@code data} in {@code columns}, summarised and cached on the executors until
     * {@link DistributedSurvivalData#close()}, for {@link CoxModel#fit(org.loyaltymetrics.churn.PartitionedSurvivalData,
     * CoxModel.Ties, FitOptions)}.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if a column has nulls
     */
    public static DistributedSurvivalData survivalData(Dataset<Row> data, CoxColumns columns) {
        return new DistributedSurvivalData(Objects.requireNonNull(data, "data must not be null"),
                Objects.requireNonNull(columns, "columns must not be null"));
    }

    /**
     * The columns of {@link #score(Dataset, Scorer, CurrencyUnit)}'s output for {@code scorer}: the
     * customer's id, frequency, recency and age (days), then each of the scorer's figures in its order
     * ({@link Scorer.Figure#column()}, double) and, with intervals, the figure's {@code _low} and
     * {@code _high} (the command line's names), and with purchase ranges {@code purchase_range_low} and
     * {@code purchase_range_high} (bigint), the range of the customer's own count of purchases.
     */
    public static StructType scoreSchema(Scorer scorer) {
        Objects.requireNonNull(scorer, "scorer must not be null");
        StructType schema = new StructType().add("customer_id", DataTypes.LongType, false)
                .add("frequency", DataTypes.IntegerType, false).add("recency_days", DataTypes.IntegerType, false)
                .add("age_days", DataTypes.IntegerType, false);
        for (Scorer.Figure figure : scorer.figures()) {
            schema = schema.add(figure.column(), DataTypes.DoubleType, false);
            if (scorer.hasIntervals()) {
                schema = schema.add(figure.column() + "_low", DataTypes.DoubleType, false)
                        .add(figure.column() + "_high", DataTypes.DoubleType, false);
            }
        }
        if (scorer.hasPurchaseRanges()) {
            schema = schema.add("purchase_range_low", DataTypes.LongType, false)
                    .add("purchase_range_high", DataTypes.LongType, false);
        }
        return schema;
    }

    /**
     * Every customer of {@code rfm} (an {@link CustomerTables#rfm} table whose money is in {@code currency})
     * scored by {@code scorer}, a core {@link Scorer} configured on the driver (its purchase model, and as
     * configured its spend model, lifetime value, intervals and purchase ranges) and shipped to the
     * executors by Java serialization: one row per customer ({@link #scoreSchema}). Each partition is
     * read a block of {@link Scorer#BLOCK} customers at a time and scored by {@link Scorer#scoreAll(List)},
     * so every figure is the single-JVM scorer's for the same customer, computed by the same code. A
     * customer's purchase history is (x, tₓ, T) in days, converted by the scorer to its model's unit; their
     * spend, where the scorer has a spend model, is x and z̄ = {@code repeat_value} / x in major units of
     * {@code currency} (none, so the population mean spend, for a customer without a repeat purchase of
     * positive value, as {@link SpendHistories#from(org.loyaltymetrics.data.RfmSummary)} leaves them out).
     */
    public static Dataset<Row> score(Dataset<Row> rfm, Scorer scorer, CurrencyUnit currency) {
        StructType schema = scoreSchema(scorer);
        Objects.requireNonNull(currency, "currency must not be null");
        double scale = Math.pow(10, currency.decimals());
        boolean withSpend = scorer.figures().contains(Scorer.Figure.EXPECTED_AVERAGE_SPEND);
        return rfm.select("customer_id", "frequency", "recency_days", "age_days", "repeat_value")
                .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new Iterator<Row>() {
                    private Iterator<Row> block = Collections.emptyIterator();

                    @Override
                    public boolean hasNext() {
                        if (!block.hasNext() && rows.hasNext()) {
                            block = scoreBlock(rows, scorer, withSpend, scale);
                        }
                        return block.hasNext();
                    }

                    @Override
                    public Row next() {
                        if (!hasNext()) {
                            throw new java.util.NoSuchElementException();
                        }
                        return block.next();
                    }
                }, Encoders.row(schema));
    }

    /** The next block of at most {@link Scorer#BLOCK} customers of {@code rows}, scored, as rows. */
    private static Iterator<Row> scoreBlock(Iterator<Row> rows, Scorer scorer, boolean withSpend, double scale) {
        List<Row> inputs = new ArrayList<>();
        List<Scorer.Customer> customers = new ArrayList<>();
        while (rows.hasNext() && customers.size() < Scorer.BLOCK) {
            Row row = rows.next();
            int x = row.getInt(1);
            long repeatValue = row.getLong(4);
            // as RfmSummary.Customer.monetaryValue and SpendHistories.from take the spend
            SpendHistory spend = withSpend && x > 0 && repeatValue > 0 ? new SpendHistory(x, (double) repeatValue / x / scale)
                    : null;
            inputs.add(row);
            customers.add(new Scorer.Customer(row.getLong(0), PurchaseHistory.of(x, row.getInt(2), row.getInt(3),
                    ChronoUnit.DAYS), spend));
        }
        List<Scorer.Score> scores = scorer.scoreAll(customers);
        int width = 4 + scorer.figures().size() * (scorer.hasIntervals() ? 3 : 1) + (scorer.hasPurchaseRanges() ? 2 : 0);
        List<Row> out = new ArrayList<>(scores.size());
        for (int i = 0; i < scores.size(); i++) {
            Row in = inputs.get(i);
            Scorer.Score score = scores.get(i);
            Object[] cells = new Object[width];
            cells[0] = in.getLong(0);
            cells[1] = in.getInt(1);
            cells[2] = in.getInt(2);
            cells[3] = in.getInt(3);
            int c = 4;
            for (Scorer.Figure figure : scorer.figures()) {
                cells[c++] = score.value(figure);
                if (scorer.hasIntervals()) {
                    ConfidenceInterval interval = score.confidenceInterval(figure);
                    cells[c++] = interval.low();
                    cells[c++] = interval.high();
                }
            }
            if (scorer.hasPurchaseRanges()) {
                cells[c++] = score.purchaseRange().low();
                cells[c++] = score.purchaseRange().high();
            }
            out.add(RowFactory.create(cells));
        }
        return out.iterator();
    }

    /**
     * Every customer of {@code rfm} scored by {@code model}: P(alive) and the expected purchases over
     * {@code horizon} (in the model's time unit), one row per customer ({@link #SCORE_SCHEMA}).
     */
    public static Dataset<Row> score(Dataset<Row> rfm, BetaGeometricNbdModel model, double horizon) {
        double r = model.r();
        double alpha = model.alpha();
        double a = model.a();
        double b = model.b();
        ChronoUnit unit = model.timeUnit();
        return score(rfm, () -> BetaGeometricNbdModel.of(r, alpha, a, b, unit), horizon);
    }

    /** Every customer of {@code rfm} scored by {@code model}, as {@link #score(Dataset, BetaGeometricNbdModel, double)}. */
    public static Dataset<Row> score(Dataset<Row> rfm, ModifiedBetaGeometricNbdModel model, double horizon) {
        double r = model.r();
        double alpha = model.alpha();
        double a = model.a();
        double b = model.b();
        ChronoUnit unit = model.timeUnit();
        return score(rfm, () -> ModifiedBetaGeometricNbdModel.of(r, alpha, a, b, unit), horizon);
    }

    /** Every customer of {@code rfm} scored by {@code model}, as {@link #score(Dataset, BetaGeometricNbdModel, double)}. */
    public static Dataset<Row> score(Dataset<Row> rfm, ParetoNbdModel model, double horizon) {
        double r = model.r();
        double alpha = model.alpha();
        double s = model.s();
        double beta = model.beta();
        ChronoUnit unit = model.timeUnit();
        return score(rfm, () -> ParetoNbdModel.of(r, alpha, s, beta, unit), horizon);
    }

    /**
     * Every customer of {@code rfm} scored by the model {@code modelOf} rebuilds on each executor.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code horizon} is negative or not finite
     */
    public static Dataset<Row> score(Dataset<Row> rfm, ModelOf modelOf, double horizon) {
        modelOf.get().expectedPurchases(horizon); // checks the horizon on the driver
        return rfm.select("customer_id", "frequency", "recency_days", "age_days")
                .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
                    TransactionModel model = modelOf.get();
                    ChronoUnit unit = model.timeUnit();
                    return new Iterator<Row>() {
                        @Override
                        public boolean hasNext() {
                            return rows.hasNext();
                        }

                        @Override
                        public Row next() {
                            Row row = rows.next();
                            int x = row.getInt(1);
                            int recency = row.getInt(2);
                            int age = row.getInt(3);
                            PurchaseHistory history = PurchaseHistory.of(x, recency, age, ChronoUnit.DAYS).in(unit);
                            return RowFactory.create(row.getLong(0), x, recency, age, model.probabilityAlive(history),
                                    model.conditionalExpectedPurchases(horizon, history));
                        }
                    };
                }, Encoders.row(SCORE_SCHEMA));
    }
}
