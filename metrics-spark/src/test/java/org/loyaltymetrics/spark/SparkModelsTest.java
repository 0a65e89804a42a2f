package org.loyaltymetrics.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.model.BetaGeometricNbdModel;
import org.loyaltymetrics.data.SpendHistories;
import org.loyaltymetrics.data.SpendHistory;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.model.GammaGammaModel;
import org.loyaltymetrics.model.ModifiedBetaGeometricNbdModel;
import org.loyaltymetrics.model.ParetoNbdModel;
import org.loyaltymetrics.model.Scorer;
import org.loyaltymetrics.model.ValuationHorizon;
import org.loyaltymetrics.money.CurrencyUnit;

/**
 * RFM, fits and scores on the executors (local mode, the CDNOW sample's 6,919 transactions of 2,357
 * customers in seven partitions) against the library in one JVM: the RFM rows equal
 * {@link RfmSummary#customers()} (with the calibration/holdout split), the BG/NBD, MBG/NBD and Pareto/NBD fits equal
 * the single-JVM fits to 1e-9 relative at a gradient tolerance of 1e-10 (to 1e-8 at the default, where
 * both stop a little short of the maximum), and every customer's scores equal the single-JVM model's
 * predictions to the last bit.
 */
class SparkModelsTest {

    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    static final LocalDate END = LocalDate.of(1998, 6, 30);

    private static SparkSession spark;
    private static List<Row> transactions;
    private static Dataset<Row> log;

    @BeforeAll
    static void start() throws IOException {
        spark = SharedSpark.session();
        transactions = cdnow();
        log = spark.createDataFrame(transactions, new StructType().add("customer", DataTypes.LongType)
                .add("day", DataTypes.DateType).add("cents", DataTypes.LongType)).repartition(7);
    }

    /** The CDNOW sample (the core's test data): master id, sample id, date yyyyMMdd, CDs, dollars. */
    static List<Row> cdnow() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("../metrics-core/src/test/resources/cdnow/CDNOW_sample.txt"))) {
            if (!line.isBlank()) {
                String[] cells = line.trim().split("\\s+");
                rows.add(RowFactory.create(Long.parseLong(cells[1]), LocalDate.parse(cells[2], DateTimeFormatter.BASIC_ISO_DATE),
                        new BigDecimal(cells[4]).movePointRight(2).longValueExact()));
            }
        }
        return rows;
    }

    private static RfmSummary single() {
        RfmSummary.Accumulator accumulator = RfmSummary.accumulator(CurrencyUnit.USD, CALIBRATION_END, END);
        transactions.forEach(t -> accumulator.add(t.getLong(0), (LocalDate) t.get(1), t.getLong(2)));
        return accumulator.snapshot();
    }

    @Test
    void rfmOnTheExecutorsEqualsTheSingleJvmSummaryWithItsHoldout() {
        List<Row> rows = new ArrayList<>(CustomerTables.rfm(log, "customer", "day", "cents", CurrencyUnit.USD,
                CALIBRATION_END, END).collectAsList());
        rows.sort(Comparator.comparingLong(r -> r.getLong(0)));
        List<RfmSummary.Customer> expected = new ArrayList<>(single().customers());
        expected.sort(Comparator.comparingLong(RfmSummary.Customer::customerId));
        assertThat(rows).hasSize(2357).hasSameSizeAs(expected);
        for (int i = 0; i < rows.size(); i++) {
            RfmSummary.Customer c = expected.get(i);
            assertThat(rows.get(i)).isEqualTo(RowFactory.create(c.customerId(), c.frequency(), c.recencyDays(), c.ageDays(),
                    c.holdoutPurchases(), c.firstPurchaseValue().minorUnits(), c.repeatValue().minorUnits(),
                    c.holdoutValue().minorUnits()));
        }
        assertThat(rows.stream().mapToLong(r -> r.getInt(4)).sum()).as("holdout purchases").isPositive();
    }

    @Test
    void aFitOfNoCustomersFailsAsTheSingleJvmFitDoes() {
        Dataset<Row> none = CustomerTables.rfm(log, "customer", "day", "cents", CurrencyUnit.USD, CALIBRATION_END, END)
                .limit(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SparkModels.fitBgNbd(none, ChronoUnit.WEEKS))
                .isInstanceOf(org.loyaltymetrics.model.ModelFitException.class);
    }

    @Test
    void distributedFitsEqualTheSingleJvmFitsAndScoresEqualItsPredictions() {
        Dataset<Row> rfm = CustomerTables.rfm(log, "customer", "day", "cents", CurrencyUnit.USD, CALIBRATION_END, END)
                .cache();
        PurchaseHistories histories = PurchaseHistories.from(single(), ChronoUnit.WEEKS);

        BetaGeometricNbdModel single = BetaGeometricNbdModel.fit(histories);
        BetaGeometricNbdModel distributed = SparkModels.fitBgNbd(rfm, ChronoUnit.WEEKS);
        assertClose(estimates(distributed), estimates(single), 1e-8);
        assertThat(distributed.fitResult().logLikelihood()).isCloseTo(single.fitResult().logLikelihood(), within(1e-9));
        // the published estimates (Fader, Hardie & Lee 2005): r 0.243, alpha 4.414, a 0.793, b 2.426
        assertThat(distributed.r()).isCloseTo(0.243, within(0.0005));
        assertThat(distributed.alpha()).isCloseTo(4.414, within(0.0005));

        FitOptions tight = FitOptions.defaults().withTolerance(1e-10);
        assertClose(estimates(SparkModels.fitBgNbd(rfm, ChronoUnit.WEEKS, tight)),
                estimates(BetaGeometricNbdModel.fit(histories, tight)), 1e-9);
        ModifiedBetaGeometricNbdModel mbg = SparkModels.fitMbgNbd(rfm, ChronoUnit.WEEKS, tight);
        ModifiedBetaGeometricNbdModel mbgSingle = ModifiedBetaGeometricNbdModel.fit(histories, tight);
        assertClose(new double[] {mbg.r(), mbg.alpha(), mbg.a(), mbg.b()},
                new double[] {mbgSingle.r(), mbgSingle.alpha(), mbgSingle.a(), mbgSingle.b()}, 1e-9);

        ParetoNbdModel pnbd = SparkModels.fitParetoNbd(rfm, ChronoUnit.WEEKS, tight);
        ParetoNbdModel pnbdSingle = ParetoNbdModel.fit(histories, tight);
        assertClose(new double[] {pnbd.r(), pnbd.alpha(), pnbd.s(), pnbd.beta()},
                new double[] {pnbdSingle.r(), pnbdSingle.alpha(), pnbdSingle.s(), pnbdSingle.beta()}, 1e-9);

        List<Row> scores = SparkModels.score(rfm, distributed, 39).collectAsList();
        assertThat(scores).hasSize(2357);
        for (Row s : scores) {
            PurchaseHistory history = PurchaseHistory.of(s.getInt(1), s.getInt(2), s.getInt(3), ChronoUnit.DAYS)
                    .in(ChronoUnit.WEEKS);
            assertThat(s.getDouble(4)).isEqualTo(distributed.probabilityAlive(history));
            assertThat(s.getDouble(5)).isEqualTo(distributed.conditionalExpectedPurchases(39, history));
        }
        for (Row s : SparkModels.score(rfm, pnbd, 39).limit(200).collectAsList()) {
            PurchaseHistory history = PurchaseHistory.of(s.getInt(1), s.getInt(2), s.getInt(3), ChronoUnit.DAYS)
                    .in(ChronoUnit.WEEKS);
            assertThat(s.getDouble(4)).isEqualTo(pnbd.probabilityAlive(history));
            assertThat(s.getDouble(5)).isEqualTo(pnbd.conditionalExpectedPurchases(39, history));
        }
        rfm.unpersist();
    }

    @Test
    void gammaGammaOnTheExecutorsEqualsTheSingleJvmFit() {
        Dataset<Row> rfm = CustomerTables.rfm(log, "customer", "day", "cents", CurrencyUnit.USD, CALIBRATION_END, END)
                .repartition(5);
        SpendHistories spend = SpendHistories.from(single());
        FitOptions tight = FitOptions.defaults().withTolerance(1e-10);
        GammaGammaModel expected = GammaGammaModel.fit(spend, tight);
        GammaGammaModel actual;
        try (DistributedSpendLikelihood likelihood = SparkModels.spendLikelihood(rfm, CurrencyUnit.USD)) {
            assertThat(likelihood.customers()).isEqualTo(spend.customers()).isPositive();
            assertThat(likelihood.distinctRows()).isEqualTo(spend.distinctRows());
            assertThat(likelihood.averageMeanSpend()).isCloseTo(spend.averageMeanSpend(),
                    within(1e-12 * spend.averageMeanSpend()));
            actual = GammaGammaModel.fit(likelihood, tight);
            assertThat(likelihood.evaluations()).isPositive();
        }
        assertClose(new double[] {actual.p(), actual.q(), actual.v()}, new double[] {expected.p(), expected.q(), expected.v()},
                1e-9);
        assertThat(actual.fitResult().logLikelihood()).isCloseTo(expected.fitResult().logLikelihood(), within(1e-9));
        GammaGammaModel defaults = SparkModels.fitGammaGamma(rfm, CurrencyUnit.USD);
        GammaGammaModel defaultsSingle = GammaGammaModel.fit(spend);
        assertClose(new double[] {defaults.p(), defaults.q(), defaults.v()},
                new double[] {defaultsSingle.p(), defaultsSingle.q(), defaultsSingle.v()}, 1e-8);
    }

    @Test
    void aScorerWithSpendLifetimeValueIntervalsAndRangesScoresOnTheExecutorsAsInOneJvm() {
        Dataset<Row> rfm = CustomerTables.rfm(log, "customer", "day", "cents", CurrencyUnit.USD, CALIBRATION_END, END)
                .repartition(4);
        RfmSummary summary = single();
        BetaGeometricNbdModel purchases = BetaGeometricNbdModel.fit(PurchaseHistories.from(summary, ChronoUnit.WEEKS));
        GammaGammaModel spend = GammaGammaModel.fit(SpendHistories.from(summary));
        Scorer scorer = Scorer.of(purchases, 39).withSpend(spend)
                .withLifetimeValue(ValuationHorizon.of(12, ChronoUnit.MONTHS, 0.01)).withIntervals(0.9).withPurchaseRanges();

        Dataset<Row> scored = SparkModels.score(rfm, scorer, CurrencyUnit.USD);
        assertThat(scored.columns()).containsExactly("customer_id", "frequency", "recency_days", "age_days",
                "expected_purchases", "expected_purchases_low", "expected_purchases_high", "probability_alive",
                "probability_alive_low", "probability_alive_high", "expected_average_spend", "expected_average_spend_low",
                "expected_average_spend_high", "lifetime_value", "lifetime_value_low", "lifetime_value_high",
                "purchase_range_low", "purchase_range_high");
        List<Row> rows = new ArrayList<>(scored.collectAsList());
        rows.sort(Comparator.comparingLong(r -> r.getLong(0)));

        // the single-JVM scorer over the same customers: history in days, spend x and z̄ where repeat value > 0
        List<Scorer.Customer> customers = new ArrayList<>();
        List<RfmSummary.Customer> expected = new ArrayList<>(summary.customers());
        expected.sort(Comparator.comparingLong(RfmSummary.Customer::customerId));
        for (RfmSummary.Customer c : expected) {
            SpendHistory z = c.frequency() > 0 && c.repeatValue().minorUnits() > 0
                    ? new SpendHistory(c.frequency(), c.monetaryValue()) : null;
            customers.add(new Scorer.Customer(c.customerId(),
                    PurchaseHistory.of(c.frequency(), c.recencyDays(), c.ageDays(), ChronoUnit.DAYS), z));
        }
        List<Scorer.Score> scores = scorer.scoreAll(customers);
        assertThat(rows).hasSize(2357).hasSameSizeAs(scores);
        long withoutSpend = customers.stream().filter(c -> c.spend() == null).count();
        assertThat(withoutSpend).as("customers scored with the population mean spend").isPositive();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Scorer.Score score = scores.get(i);
            assertThat(row.getLong(0)).isEqualTo(score.customerId());
            int c = 4;
            for (Scorer.Figure figure : scorer.figures()) {
                assertCell(row.getDouble(c++), score.value(figure));
                assertCell(row.getDouble(c++), score.confidenceInterval(figure).low());
                assertCell(row.getDouble(c++), score.confidenceInterval(figure).high());
            }
            assertThat(row.getLong(c++)).isEqualTo(score.purchaseRange().low());
            assertThat(row.getLong(c)).isEqualTo(score.purchaseRange().high());
        }
        // a customer without a repeat purchase is valued at the population mean spend
        int first = customers.indexOf(customers.stream().filter(c -> c.spend() == null).findFirst().orElseThrow());
        assertThat(rows.get(first).getDouble(10)).isEqualTo(spend.populationMeanSpend());
    }

    /** The same code path computes both: equal to 1e-12 relative (in practice to the bit). */
    private static void assertCell(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
    }

    private static double[] estimates(BetaGeometricNbdModel m) {
        return new double[] {m.r(), m.alpha(), m.a(), m.b()};
    }

    private static void assertClose(double[] actual, double[] expected, double relative) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("parameter " + i).isCloseTo(expected[i], within(relative * Math.abs(expected[i])));
        }
    }
}
