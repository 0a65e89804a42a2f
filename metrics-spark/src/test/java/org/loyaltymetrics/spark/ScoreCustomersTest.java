package org.loyaltymetrics.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.model.BetaGeometricNbdModel;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.spark.example.ScoreCustomers;

/**
 * The example end to end: the CDNOW sample written as a Parquet log, scored into a Parquet table of
 * 2,357 customers whose model is the single-JVM fit (to 1e-8 relative at the default tolerance), with
 * expected spend and lifetime value inside their intervals.
 */
class ScoreCustomersTest {

    @Test
    void fromAParquetLogToAScoredCustomerTable(@TempDir Path dir) throws IOException {
        SparkSession spark = SharedSpark.session();
        String log = dir.resolve("transactions.parquet").toString();
        spark.createDataFrame(SparkModelsTest.cdnow(), new StructType().add("customer_id", DataTypes.LongType)
                .add("date", DataTypes.DateType).add("amount_cents", DataTypes.LongType)).repartition(3).write().parquet(log);
        String out = dir.resolve("scores.parquet").toString();
        BetaGeometricNbdModel model = ScoreCustomers.run(spark, log, SparkModelsTest.CALIBRATION_END, SparkModelsTest.END,
                39, out);
        Dataset<Row> scores = spark.read().parquet(out);
        assertThat(scores.count()).isEqualTo(2357);
        assertThat(scores.schema().fieldNames()).containsExactly("customer_id", "frequency", "recency_days", "age_days",
                "expected_purchases", "expected_purchases_low", "expected_purchases_high", "probability_alive",
                "probability_alive_low", "probability_alive_high", "expected_average_spend", "expected_average_spend_low",
                "expected_average_spend_high", "lifetime_value", "lifetime_value_low", "lifetime_value_high");
        org.apache.spark.sql.Column clv = org.apache.spark.sql.functions.col("lifetime_value");
        assertThat(scores.where(clv.lt(org.apache.spark.sql.functions.col("lifetime_value_low"))
                .or(clv.gt(org.apache.spark.sql.functions.col("lifetime_value_high"))).or(clv.leq(0))).count())
                .as("customers whose lifetime value is not positive and inside its interval").isZero();

        RfmSummary.Accumulator accumulator = RfmSummary.accumulator(CurrencyUnit.USD, SparkModelsTest.CALIBRATION_END,
                SparkModelsTest.END);
        SparkModelsTest.cdnow().forEach(t -> accumulator.add(t.getLong(0), (java.time.LocalDate) t.get(1), t.getLong(2)));
        BetaGeometricNbdModel single = BetaGeometricNbdModel.fit(PurchaseHistories.from(accumulator.snapshot(),
                ChronoUnit.WEEKS));
        assertThat(model.r()).isCloseTo(single.r(), org.assertj.core.api.Assertions.within(1e-8 * single.r()));
        // the table's predictions are the single-JVM model's, customer by customer (the two fits agree to 1e-8)
        double expectedTotal = scores.agg(org.apache.spark.sql.functions.sum("expected_purchases")).first().getDouble(0);
        double singleTotal = 0.0;
        for (RfmSummary.Customer c : accumulator.snapshot().customers()) {
            singleTotal += single.conditionalExpectedPurchases(39, new org.loyaltymetrics.data.PurchaseHistory(
                    c.frequency(), c.recency(ChronoUnit.WEEKS), c.age(ChronoUnit.WEEKS), ChronoUnit.WEEKS));
        }
        assertThat(expectedTotal).isCloseTo(singleTotal, org.assertj.core.api.Assertions.within(1e-6 * singleTotal));
    }
}
