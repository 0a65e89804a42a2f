// From a Parquet transaction log to a scored customer table on Spark, step by step.
// Run from the repository root after `mvn -o -B -P spark -pl metrics-core,metrics-spark package -DskipTests`:
//   jshell -R-Xmx2g $(sed 's/^/-R/;s/ / -R/g' <<< "$SPARK_OPENS") \
//     --class-path "metrics-core/target/classes:metrics-spark/target/classes:$SPARK_HOME/jars/*" \
//     metrics-spark/notebooks/score-customers.jsh
// ($SPARK_OPENS: the --add-opens of metrics-spark/pom.xml's surefire argLine.) Run on 2026-12-02: r 0.2426, alpha 4.4136,
// a 0.7929, b 2.4259, LL -9582.4292 (Fader, Hardie & Lee 2005: 0.243, 4.414, 0.793, 2.426).

import java.math.BigDecimal;
import java.nio.file.*;
import java.time.*;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.*;
import org.apache.spark.sql.*;
import org.apache.spark.sql.types.*;
import org.loyaltymetrics.model.*;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.spark.*;

SparkSession spark = SparkSession.builder().master("local[*]").appName("notebook").config("spark.ui.enabled", "false").
        config("spark.sql.datetime.java8API.enabled", "true").getOrCreate();
spark.sparkContext().setLogLevel("WARN");

// 1. The CDNOW sample (2,357 customers, 6,919 transactions) written as a Parquet log.
List<Row> rows = new ArrayList<>();
for (String line : Files.readAllLines(Path.of("metrics-core/src/test/resources/cdnow/CDNOW_sample.txt"))) {
    if (line.isBlank()) continue;
    String[] c = line.trim().split("\\s+");
    rows.add(RowFactory.create(Long.parseLong(c[1]), LocalDate.parse(c[2], DateTimeFormatter.BASIC_ISO_DATE),
            new BigDecimal(c[4]).movePointRight(2).longValueExact()));
}
Path dir = Files.createTempDirectory("cdnow");
String log = dir.resolve("transactions.parquet").toString();
spark.createDataFrame(rows, new StructType().add("customer_id", DataTypes.LongType).add("date", DataTypes.DateType).
        add("amount_cents", DataTypes.LongType)).write().parquet(log);

// 2. The RFM summary on the executors, calibration to 1997-09-30, holdout to 1998-06-30.
Dataset<Row> rfm = CustomerTables.rfm(spark.read().parquet(log), "customer_id", "date", "amount_cents", CurrencyUnit.USD,
        LocalDate.of(1997, 9, 30), LocalDate.of(1998, 6, 30)).cache();
rfm.show(5);

// 3. BG/NBD fitted on the executors' distinct histories (r 0.243, alpha 4.414, a 0.793, b 2.426).
BetaGeometricNbdModel model = SparkModels.fitBgNbd(rfm, ChronoUnit.WEEKS);
System.out.println(model.fitResult().toTable().toText());

// 4. Every customer scored: P(alive) and expected purchases in the 39 weeks of the holdout.
Dataset<Row> scores = SparkModels.score(rfm, model, 39);
scores.orderBy(functions.desc("expected_purchases")).show(10);
scores.write().parquet(dir.resolve("scores.parquet").toString());

// 5. The same customers' KPIs in SQL: the holdout's actual purchases against the predictions.
rfm.join(scores.select("customer_id", "expected_purchases"), "customer_id").createOrReplaceTempView("customers");
spark.sql("SELECT frequency, count(*) AS customers, avg(holdout_purchases) AS actual, avg(expected_purchases) AS predicted " +
        "FROM customers WHERE frequency <= 7 GROUP BY frequency ORDER BY frequency").show();

spark.stop();
/exit
