package org.loyaltymetrics.spark.example;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.model.BetaGeometricNbdModel;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.spark.CustomerTables;
import org.loyaltymetrics.spark.DistributedLikelihood;
import org.loyaltymetrics.spark.SparkModels;

/**
 * The benchmark of the module's README (not a test): a synthetic transaction log of {@code customers}
 * customers (about ten purchases each, a BG/NBD-like process over two years: each customer's first
 * purchase in the first year, a purchase rate from a gamma distribution and a drop-out chance after
 * each purchase from a beta one, seeded by the customer's id), then the RFM summary, the BG/NBD fit and
 * the scoring of every customer, timed phase by phase, with the peak heap of the JVM (the driver's;
 * in {@code local[*]} the executors share it), on Spark and on the single-JVM path of the core over the
 * same transactions. Run it with
 * <pre>
 * java -Xmx6g [the --add-opens of Spark] -cp metrics-core.jar:metrics-spark.jar:$SPARK_HOME/jars/* \
 *   org.loyaltymetrics.spark.example.SparkBenchmark 1000000 local[*]
 * </pre>
 */
public final class SparkBenchmark {

    static final LocalDate START = LocalDate.of(2024, 1, 1);
    static final int DAYS = 730;
    static final LocalDate CALIBRATION_END = START.plusDays(DAYS * 3 / 4 - 1);
    static final LocalDate END = START.plusDays(DAYS - 1);

    private SparkBenchmark() {
    }

    /**
     * Runs the benchmark: {@code [customers (default 1000000)] [master (default local[*])] [spark|single|both]}.
     *
     * @param args the arguments above
     */
    public static void main(String[] args) {
        long customers = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        String master = args.length > 1 ? args[1] : "local[*]";
        String which = args.length > 2 ? args[2] : "both";
        if (!which.equals("spark")) {
            single(customers);
        }
        if (!which.equals("single")) {
            spark(customers, master);
        }
    }

    /** The transactions of customer {@code id}: each purchase day, amount in cents, to {@code out}. */
    static void purchases(long id, LongConsumer dayAndAmount) {
        SplittableRandom random = new SplittableRandom(id * 0x9E3779B97F4A7C15L + 16);
        double rate = gamma(random, 0.8) / 24.0; // mean about 0.033 purchases a day: about ten purchases each
        double dropShape = 1.0;
        double drop = beta(random, dropShape, 12.0);
        int day = random.nextInt(DAYS / 2);
        while (day < DAYS) {
            long cents = 500 + random.nextInt(20_000);
            dayAndAmount.accept((long) day << 32 | cents);
            if (random.nextDouble() < drop) {
                return;
            }
            day += 1 + (int) (-Math.log(1 - random.nextDouble()) / rate);
        }
    }

    private static double gamma(SplittableRandom random, double shape) {
        // Marsaglia and Tsang (2000), with the boost for shape < 1
        double boost = 1.0;
        double k = shape;
        if (k < 1) {
            boost = Math.pow(random.nextDouble(), 1.0 / k);
            k += 1;
        }
        double d = k - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = normal(random);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v * boost;
            }
        }
    }

    private static double beta(SplittableRandom random, double a, double b) {
        double x = gamma(random, a);
        return x / (x + gamma(random, b));
    }

    private static double normal(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static void single(long customers) {
        resetPeaks();
        long t0 = System.nanoTime();
        RfmSummary.Accumulator accumulator = RfmSummary.accumulator(CurrencyUnit.USD, CALIBRATION_END, END);
        long[] transactions = new long[1];
        for (long id = 0; id < customers; id++) {
            long customer = id;
            purchases(id, dayAndAmount -> {
                accumulator.add(customer, (int) (START.toEpochDay() + (dayAndAmount >>> 32)), dayAndAmount & 0xFFFF_FFFFL);
                transactions[0]++;
            });
        }
        RfmSummary summary = accumulator.snapshot();
        long t1 = System.nanoTime();
        PurchaseHistories histories = PurchaseHistories.from(summary, ChronoUnit.WEEKS);
        BetaGeometricNbdModel model = BetaGeometricNbdModel.fit(histories);
        long t2 = System.nanoTime();
        double sum = 0;
        for (RfmSummary.Customer c : summary.customers()) {
            PurchaseHistory h = PurchaseHistory.of(c.frequency(), c.recencyDays(), c.ageDays(), ChronoUnit.DAYS)
                    .in(ChronoUnit.WEEKS);
            sum += model.probabilityAlive(h) + model.conditionalExpectedPurchases(26, h);
        }
        long t3 = System.nanoTime();
        report("single JVM", customers, transactions[0], summary.size(), histories.distinctRows(), model, t0, t1, t2, t3,
                sum);
    }

    private static void spark(long customers, String master) {
        SparkSession spark = SparkSession.builder().master(master).appName("loyalty-metrics benchmark")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "16")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            StructType schema = new StructType().add("customer_id", DataTypes.LongType).add("date", DataTypes.DateType)
                    .add("amount_cents", DataTypes.LongType);
            Dataset<Row> log = spark.range(0, customers, 1, 16).flatMap((FlatMapFunction<Long, Row>) id -> {
                List<Row> rows = new ArrayList<>();
                purchases(id, dayAndAmount -> rows.add(RowFactory.create(id,
                        java.sql.Date.valueOf(START.plusDays(dayAndAmount >>> 32)), dayAndAmount & 0xFFFF_FFFFL)));
                Iterator<Row> iterator = rows.iterator();
                return iterator;
            }, Encoders.row(schema)).cache();
            long transactions = log.count(); // the log in memory, as a lakehouse table read would be
            resetPeaks();
            long t0 = System.nanoTime();
            Dataset<Row> rfm = CustomerTables.rfm(log, "customer_id", "date", "amount_cents", CurrencyUnit.USD,
                    CALIBRATION_END, END).cache();
            long rows = rfm.count();
            long t1 = System.nanoTime();
            BetaGeometricNbdModel model;
            long evaluations;
            try (DistributedLikelihood likelihood = SparkModels.likelihood(rfm, ChronoUnit.WEEKS,
                    BetaGeometricNbdModel::likelihood)) {
                model = BetaGeometricNbdModel.fit(likelihood, FitOptions.defaults());
                evaluations = likelihood.evaluations();
            }
            long t2 = System.nanoTime();
            double sum = SparkModels.score(rfm, model, 26).selectExpr("sum(probability_alive + expected_purchases)")
                    .first().getDouble(0);
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "  BG/NBD fit: %d distributed evaluations (Spark jobs)%n", evaluations);
            report("Spark " + master, customers, transactions, rows, model.fitResult().distinctRows(), model, t0, t1, t2, t3,
                    sum);
        } finally {
            spark.stop();
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static void report(String path, long customers, long transactions, long rows, long distinct,
            BetaGeometricNbdModel model, long t0, long t1, long t2, long t3, double checksum) {
        System.out.printf(Locale.ROOT, "%s: %d customers, %d transactions, %d RFM rows, %d distinct histories%n", path,
                customers, transactions, rows, distinct);
        System.out.printf(Locale.ROOT, "  RFM %.2f s, BG/NBD fit %.2f s, scoring %.2f s, total %.2f s; peak heap %d MB%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t3 - t0) / 1e9, peakHeap() >> 20);
        System.out.printf(Locale.ROOT, "  r %.6f, alpha %.6f, a %.6f, b %.6f, LL %.4f; score checksum %.6f%n", model.r(),
                model.alpha(), model.a(), model.b(), model.fitResult().logLikelihood(), checksum);
    }
}
