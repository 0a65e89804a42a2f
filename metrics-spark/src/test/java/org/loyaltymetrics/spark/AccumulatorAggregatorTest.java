package org.loyaltymetrics.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.retention.CohortTable;
import org.loyaltymetrics.time.Granularity;
import scala.Tuple3;

/**
 * The generic {@link AccumulatorAggregator} with accumulators of per-customer state (the RFM summary's
 * purchase days, the cohort table's active periods), whose buffers travel between partitions in their
 * binary forms: over several partitions, in local mode, the result equals the single pass in one JVM over
 * the same rows, exactly (every customer's row of the summary, every count of the table).
 */
class AccumulatorAggregatorTest {

    private static SparkSession spark;
    private static final List<Tuple3<Long, LocalDate, Long>> TRANSACTIONS = new ArrayList<>();
    private static final LocalDate CALIBRATION_END = LocalDate.of(2025, 6, 30);
    private static final LocalDate END = LocalDate.of(2025, 9, 30);

    @BeforeAll
    static void start() {
        spark = SharedSpark.session();
        Random random = new Random(16);
        LocalDate origin = LocalDate.of(2025, 1, 1);
        for (int i = 0; i < 4000; i++) {
            // 300 customers (negative ids too), days out of order and repeated, some after the end
            TRANSACTIONS.add(new Tuple3<>((long) random.nextInt(300) - 50, origin.plusDays(random.nextInt(300)),
                    (long) random.nextInt(10_000)));
        }
    }

    @Test
    void anRfmSummaryOnSeveralPartitionsEqualsTheSinglePass() {
        AccumulatorAggregator<Tuple3<Long, LocalDate, Long>, RfmSummary.Accumulator, RfmSummary, String> rfm =
                AccumulatorAggregator.of(RfmSummary.Accumulator.class, RfmSummary.Accumulator::binaryForm,
                        row -> RfmSummary.accumulator(CurrencyUnit.EUR, CALIBRATION_END, END),
                        (acc, row) -> acc.add(row._1(), row._2(), row._3()), AccumulatorAggregatorTest::rows,
                        Encoders.STRING(), "");
        String distributed = transactions().select(rfm.toColumn()).first();

        RfmSummary.Accumulator single = RfmSummary.accumulator(CurrencyUnit.EUR, CALIBRATION_END, END);
        TRANSACTIONS.forEach(t -> single.add(t._1(), t._2(), t._3()));
        assertThat(single.snapshot().size()).isGreaterThan(250);
        assertThat(single.snapshot().transactionsAfterEnd()).isPositive();
        assertThat(distributed).isEqualTo(rows(single.snapshot()));
    }

    @Test
    void aCohortTableOnSeveralPartitionsEqualsTheSinglePass() {
        AccumulatorAggregator<Tuple3<Long, LocalDate, Long>, CohortTable.Accumulator, CohortTable, String> cohorts =
                AccumulatorAggregator.of(CohortTable.Accumulator.class, CohortTable.Accumulator::binaryForm,
                        row -> CohortTable.accumulator(Granularity.MONTH), (acc, row) -> acc.add(row._1(), row._2()),
                        table -> table.toTable().toCsv(), Encoders.STRING(), "");
        String distributed = transactions().select(cohorts.toColumn()).first();

        CohortTable.Accumulator single = CohortTable.accumulator(Granularity.MONTH);
        TRANSACTIONS.forEach(t -> single.add(t._1(), t._2()));
        assertThat(single.snapshot().cohorts()).hasSizeGreaterThan(3);
        assertThat(distributed).isEqualTo(single.snapshot().toTable().toCsv());
    }

    private static Dataset<Tuple3<Long, LocalDate, Long>> transactions() {
        Dataset<Tuple3<Long, LocalDate, Long>> rows = spark.createDataset(TRANSACTIONS,
                Encoders.tuple(Encoders.LONG(), Encoders.LOCALDATE(), Encoders.LONG())).repartition(6);
        assertThat(rows.rdd().getNumPartitions()).isEqualTo(6);
        return rows;
    }

    /** Every customer's row of {@code summary} (the records print every field exactly) and its counts. */
    private static String rows(RfmSummary summary) {
        return summary.customers() + "; " + summary.transactions() + " transactions, " + summary.transactionsAfterEnd()
                + " after the end, " + summary.customersFirstSeenInHoldout() + " first seen in the holdout";
    }
}
