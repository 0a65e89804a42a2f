package org.loyaltymetrics.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of the module's tests (local[2], four shuffle partitions, no UI), made by
 * the first test that asks and stopped when the JVM exits, so that Spark starts once per test run.
 */
final class SharedSpark {

    private static SparkSession spark;

    private SharedSpark() {
    }

    static synchronized SparkSession session() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2]").appName("metrics-spark-test")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", "127.0.0.1").config("spark.sql.datetime.java8API.enabled", "true").getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
        }
        return spark;
    }
}
