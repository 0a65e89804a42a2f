package org.loyaltymetrics.examples.spark;

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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.examples.demo.RetentionSample;
import org.loyaltymetrics.examples.demo.SurveyResponse;
import org.loyaltymetrics.model.BetaGeometricNbdModel;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.retention.ChurnSeries;
import org.loyaltymetrics.survey.NetPromoterScore;
import org.loyaltymetrics.survey.SurveyBreakdown;
import org.loyaltymetrics.time.Granularity;

/**
 * Spark in local mode over the bundled sample data, in several partitions: every result equals the
 * one the library computes in one JVM over the same records.
 */
class SparkKpisTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("loyalty-metrics-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void npsPerSegmentEqualsTheSingleJvmBreakdown() {
        List<SurveyResponse> sample = SurveyResponse.sample();
        Dataset<SparkKpis.Response> responses = spark.createDataset(sample.stream()
                .map(r -> new SparkKpis.Response(r.segment(), r.score())).collect(Collectors.toList()),
                Encoders.bean(SparkKpis.Response.class)).repartition(5);
        Map<String, NetPromoterScore> distributed = SparkKpis.npsBySegment(responses);
        SurveyBreakdown<String, NetPromoterScore> local = sample.stream()
                .collect(SurveyBreakdown.collector(NetPromoterScore.DEFINITION, SurveyResponse::segment, SurveyResponse::score));
        assertThat(distributed).isEqualTo(local.results());
        assertThat(distributed).hasSize(3);
    }

    @Test
    void churnPerMonthEqualsTheSingleJvmSeries() {
        List<RetentionSample.Customer> sample = RetentionSample.customers();
        Dataset<SparkKpis.Customer> customers = spark.createDataset(sample.stream()
                .map(c -> new SparkKpis.Customer(c.start(), c.end())).collect(Collectors.toList()),
                Encoders.bean(SparkKpis.Customer.class)).repartition(6);
        LocalDate from = LocalDate.of(2024, 7, 1);
        ChurnSeries distributed = SparkKpis.churnSeries(customers, Granularity.MONTH, from, RetentionSample.AS_OF);
        ChurnSeries local = sample.stream().collect(ChurnSeries.collector(Granularity.MONTH, from, RetentionSample.AS_OF,
                RetentionSample.Customer::start, RetentionSample.Customer::end));
        assertThat(distributed).isEqualTo(local);
        assertThat(distributed.entries()).hasSize(12);
    }

    @Test
    void rfmSummaryAndBgNbdFitEqualTheSingleJvmResults() throws IOException {
        // The CDNOW sample (the core's test data): master id, sample id, date yyyyMMdd, CDs, dollars.
        List<SparkKpis.Purchase> sample = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("../metrics-core/src/test/resources/cdnow/CDNOW_sample.txt"))) {
            if (!line.isBlank()) {
                String[] cells = line.trim().split("\\s+");
                sample.add(new SparkKpis.Purchase(Long.parseLong(cells[1]),
                        LocalDate.parse(cells[2], DateTimeFormatter.BASIC_ISO_DATE),
                        new BigDecimal(cells[4]).movePointRight(2).longValueExact()));
            }
        }
        LocalDate end = LocalDate.of(1997, 9, 30);
        Dataset<SparkKpis.Purchase> purchases = spark.createDataset(sample, Encoders.bean(SparkKpis.Purchase.class))
                .repartition(7);

        RfmSummary.Accumulator accumulator = RfmSummary.accumulator(CurrencyUnit.USD, end);
        sample.forEach(p -> accumulator.add(p.getCustomerId(), p.getDate(), p.getAmount()));
        RfmSummary local = accumulator.snapshot();
        assertThat(SparkKpis.rfmSummary(purchases, end)).isEqualTo(local);
        assertThat(local.size()).isEqualTo(2357);

        BetaGeometricNbdModel distributed = SparkKpis.fitBgNbd(purchases, end);
        BetaGeometricNbdModel single = BetaGeometricNbdModel.fit(PurchaseHistories.from(local, ChronoUnit.WEEKS));
        assertThat(distributed.fitResult().parameters()).isEqualTo(single.fitResult().parameters());
        assertThat(distributed.fitResult().logLikelihood()).isEqualTo(single.fitResult().logLikelihood());
        // and the published estimates (Fader, Hardie & Lee 2005): r 0.243, α 4.414
        assertThat(distributed.r()).isCloseTo(0.243, within(0.0005));
        assertThat(distributed.alpha()).isCloseTo(4.414, within(0.0005));
    }
}
