package org.loyaltymetrics.spark.example;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.loyaltymetrics.model.BetaGeometricNbdModel;
import org.loyaltymetrics.model.GammaGammaModel;
import org.loyaltymetrics.model.Scorer;
import org.loyaltymetrics.model.ValuationHorizon;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.spark.CustomerTables;
import org.loyaltymetrics.spark.SparkModels;

/**
 * From a Parquet transaction log to a scored customer table, all on the executors: the RFM summary
 * with a calibration/holdout split ({@link CustomerTables#rfm}), the BG/NBD fit on the distinct
 * histories ({@link SparkModels#fitBgNbd}), the Gamma-Gamma fit on the repeat customers' spend
 * ({@link SparkModels#fitGammaGamma}), and every customer's expected purchases over the horizon, P(alive),
 * expected spend and lifetime value over the next 12 months at 1 % a month, each with its 90 % interval
 * (the core's {@link Scorer}, on the executors by {@link SparkModels#score(Dataset, Scorer, CurrencyUnit)}),
 * written as Parquet. Run it with
 * <pre>
 * spark-submit --class org.loyaltymetrics.spark.example.ScoreCustomers \
 *   --jars metrics-core-0.1.0-SNAPSHOT.jar metrics-spark-0.1.0-SNAPSHOT.jar \
 *   transactions.parquet 1997-09-30 1998-06-30 39 scores.parquet
 * </pre>
 * The log's columns are {@code customer_id} (integer), {@code date} (date) and {@code amount_cents}
 * (integer, USD cents); the horizon is in weeks.
 */
public final class ScoreCustomers {

    private ScoreCustomers() {
    }

    /**
     * Runs the example: {@code <transactions.parquet> <calibration end> <end> <horizon weeks> <scores output>}.
     *
     * @param args the arguments above
     */
    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: ScoreCustomers <transactions.parquet> <calibration end yyyy-mm-dd> <end yyyy-mm-dd>"
                    + " <horizon in weeks> <scores output dir>");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().appName("loyalty-metrics score customers").getOrCreate();
        try {
            run(spark, args[0], LocalDate.parse(args[1]), LocalDate.parse(args[2]), Double.parseDouble(args[3]), args[4]);
        } finally {
            spark.stop();
        }
    }

    /** The pipeline of {@link #main}, on a session of the caller's; returns the fitted model. */
    public static BetaGeometricNbdModel run(SparkSession spark, String transactions, LocalDate calibrationEnd,
            LocalDate end, double horizonWeeks, String output) {
        Dataset<Row> log = spark.read().parquet(transactions);
        Dataset<Row> rfm = CustomerTables.rfm(log, "customer_id", "date", "amount_cents", CurrencyUnit.USD, calibrationEnd,
                end).cache();
        BetaGeometricNbdModel model = SparkModels.fitBgNbd(rfm, ChronoUnit.WEEKS);
        System.out.println(model.fitResult().toTable().toText());
        GammaGammaModel spend = SparkModels.fitGammaGamma(rfm, CurrencyUnit.USD);
        System.out.println(spend.fitResult().toTable().toText());
        Scorer scorer = Scorer.of(model, horizonWeeks).withSpend(spend)
                .withLifetimeValue(ValuationHorizon.of(12, ChronoUnit.MONTHS, 0.01)).withIntervals(0.9);
        SparkModels.score(rfm, scorer, CurrencyUnit.USD).write().mode(SaveMode.Overwrite).parquet(output);
        rfm.unpersist();
        return model;
    }
}
