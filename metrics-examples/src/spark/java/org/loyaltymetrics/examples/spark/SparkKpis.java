package org.loyaltymetrics.examples.spark;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.model.BetaGeometricNbdModel;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.retention.ChurnSeries;
import org.loyaltymetrics.survey.NetPromoterScore;
import org.loyaltymetrics.survey.SurveyAccumulator;
import org.loyaltymetrics.time.Granularity;
import scala.Tuple2;

/**
 * Loyalty Metrics on Apache Spark: the library's accumulators as typed {@link Aggregator}s, one
 * {@link AccumulatorAggregator} for every KPI. Spark reduces each partition into an accumulator, ships the accumulators (they are {@link Serializable})
 * and merges them with {@code combine}, which is exact, so the result equals one pass over all the
 * records in one JVM. Run it with {@code spark-submit} next to the metrics-core jar, or see the test
 * that runs it in local mode.
 */
public final class SparkKpis {

    private SparkKpis() {
    }

    /** A survey response: the customer's segment and the 0..10 answer. A JavaBean for Spark's encoder. */
    public static class Response implements Serializable {
        private static final long serialVersionUID = 1L;
        private String segment;
        private int score;

        /** For Spark. */
        public Response() {
        }

        /** A response of {@code segment} answering {@code score}. */
        public Response(String segment, int score) {
            this.segment = segment;
            this.score = score;
        }

        public String getSegment() {
            return segment;
        }

        public void setSegment(String segment) {
            this.segment = segment;
        }

        public int getScore() {
            return score;
        }

        public void setScore(int score) {
            this.score = score;
        }
    }

    /** A customer record: first day as a customer, first day no longer one (null while still one). */
    public static class Customer implements Serializable {
        private static final long serialVersionUID = 1L;
        private LocalDate start;
        private LocalDate end;

        /** For Spark. */
        public Customer() {
        }

        /** A customer from {@code start} to {@code end} (exclusive, null while still a customer). */
        public Customer(LocalDate start, LocalDate end) {
            this.start = start;
            this.end = end;
        }

        public LocalDate getStart() {
            return start;
        }

        public void setStart(LocalDate start) {
            this.start = start;
        }

        public LocalDate getEnd() {
            return end;
        }

        public void setEnd(LocalDate end) {
            this.end = end;
        }
    }

    /** A purchase: customer id, day and amount in cents. */
    public static class Purchase implements Serializable {
        private static final long serialVersionUID = 1L;
        private long customerId;
        private LocalDate date;
        private long amount;

        /** For Spark. */
        public Purchase() {
        }

        /** A purchase of {@code amount} cents by {@code customerId} on {@code date}. */
        public Purchase(long customerId, LocalDate date, long amount) {
            this.customerId = customerId;
            this.date = date;
            this.amount = amount;
        }

        public long getCustomerId() {
            return customerId;
        }

        public void setCustomerId(long customerId) {
            this.customerId = customerId;
        }

        public LocalDate getDate() {
            return date;
        }

        public void setDate(LocalDate date) {
            this.date = date;
        }

        public long getAmount() {
            return amount;
        }

        public void setAmount(long amount) {
            this.amount = amount;
        }
    }

    /** The NPS of each segment, in segment order. */
    public static Map<String, NetPromoterScore> npsBySegment(Dataset<Response> responses) {
        Dataset<Tuple2<String, SurveyAccumulator<NetPromoterScore>>> bySegment = responses
                .groupByKey((MapFunction<Response, String>) Response::getSegment, Encoders.STRING())
                .agg(AccumulatorAggregator.<Response, SurveyAccumulator<NetPromoterScore>>of(SurveyAccumulator.class,
                        NetPromoterScore::accumulator, (acc, response) -> acc.add(response.getScore())).toColumn());
        Map<String, NetPromoterScore> result = new TreeMap<>();
        for (Tuple2<String, SurveyAccumulator<NetPromoterScore>> group : bySegment.collectAsList()) {
            result.put(group._1(), group._2().snapshot());
        }
        return result;
    }

    /** Customer counts, churn and retention per period. */
    public static ChurnSeries churnSeries(Dataset<Customer> customers, Granularity granularity, LocalDate from, LocalDate to) {
        ChurnSeries.accumulator(granularity, from, to); // checks the period on the driver
        return customers.select(AccumulatorAggregator.<Customer, ChurnSeries.Accumulator>of(ChurnSeries.Accumulator.class,
                () -> ChurnSeries.accumulator(granularity, from, to),
                (acc, customer) -> acc.add(customer.getStart(), customer.getEnd())).toColumn()).first().snapshot();
    }

    /** The RFM summary of the whole log. */
    public static RfmSummary rfmSummary(Dataset<Purchase> purchases, LocalDate end) {
        return purchases.select(AccumulatorAggregator.<Purchase, RfmSummary.Accumulator>of(RfmSummary.Accumulator.class,
                () -> RfmSummary.accumulator(CurrencyUnit.USD, end),
                (acc, purchase) -> acc.add(purchase.getCustomerId(), purchase.getDate(), purchase.getAmount())).toColumn())
                .first().snapshot();
    }

    /**
     * BG/NBD fitted on the compressed sufficient statistics: each customer's (x, tₓ, T) is computed
     * next to the customer's purchases (grouped by customer), the histories are merged into weighted
     * distinct rows by an aggregator, and only those rows reach the driver, where the fit runs.
     */
    public static BetaGeometricNbdModel fitBgNbd(Dataset<Purchase> purchases, LocalDate end) {
        Encoder<RfmSummary.Customer> customerEncoder = Encoders.javaSerialization(RfmSummary.Customer.class);
        Dataset<RfmSummary.Customer> perCustomer = purchases
                .groupByKey((MapFunction<Purchase, Long>) Purchase::getCustomerId, Encoders.LONG())
                .mapGroups((MapGroupsFunction<Long, Purchase, RfmSummary.Customer>) (id, group) -> {
                    RfmSummary.Accumulator one = RfmSummary.accumulator(CurrencyUnit.USD, end);
                    group.forEachRemaining(p -> one.add(p.getCustomerId(), p.getDate(), p.getAmount()));
                    List<RfmSummary.Customer> rows = one.snapshot().customers();
                    return rows.isEmpty() ? null : rows.get(0);
                }, customerEncoder)
                .filter((FilterFunction<RfmSummary.Customer>) c -> c != null);
        // a customer first seen on the last day has T = 0 and carries no information (as PurchaseHistories.from)
        PurchaseHistories histories = perCustomer.filter((FilterFunction<RfmSummary.Customer>) c -> c.ageDays() > 0)
                .select(AccumulatorAggregator.<RfmSummary.Customer, PurchaseHistories.Accumulator>of(
                        PurchaseHistories.Accumulator.class, () -> PurchaseHistories.accumulator(ChronoUnit.WEEKS),
                        (acc, customer) -> acc.add(PurchaseHistory.of(customer.frequency(), customer.recencyDays(),
                                customer.ageDays(), ChronoUnit.DAYS))).toColumn())
                .first().snapshot();
        return BetaGeometricNbdModel.fit(histories);
    }

    /** A readable report of the three results and the fit. */
    public static String report(Map<String, NetPromoterScore> nps, ChurnSeries churn, RfmSummary rfm,
            BetaGeometricNbdModel model) {
        Map<String, String> lines = new LinkedHashMap<>();
        nps.forEach((segment, score) -> lines.put("NPS " + segment, score.toString()));
        StringBuilder text = new StringBuilder();
        lines.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        text.append(churn.toTable().toText()).append(rfm.size()).append(" customers in the RFM summary\n")
                .append(model.fitResult().toTable().toText());
        return text.toString();
    }
}
