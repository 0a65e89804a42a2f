package org.loyaltymetrics.examples.spark;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * Loyalty Metrics on Apache Spark: the library's accumulators as typed {@link Aggregator}s. Spark
 * reduces each partition into an accumulator, ships the accumulators (they are {@link Serializable})
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

    /** The NPS of a group of responses, accumulated per partition and combined exactly. */
    public static final class NpsAggregator
            extends Aggregator<Response, SurveyAccumulator<NetPromoterScore>, SurveyAccumulator<NetPromoterScore>> {

        private static final long serialVersionUID = 1L;

        @Override
        public SurveyAccumulator<NetPromoterScore> zero() {
            return NetPromoterScore.accumulator();
        }

        @Override
        public SurveyAccumulator<NetPromoterScore> reduce(SurveyAccumulator<NetPromoterScore> accumulator, Response response) {
            return accumulator.add(response.getScore());
        }

        @Override
        public SurveyAccumulator<NetPromoterScore> merge(SurveyAccumulator<NetPromoterScore> a, SurveyAccumulator<NetPromoterScore> b) {
            return a.combine(b);
        }

        @Override
        public SurveyAccumulator<NetPromoterScore> finish(SurveyAccumulator<NetPromoterScore> accumulator) {
            return accumulator;
        }

        @Override
        public Encoder<SurveyAccumulator<NetPromoterScore>> bufferEncoder() {
            return npsEncoder();
        }

        @Override
        public Encoder<SurveyAccumulator<NetPromoterScore>> outputEncoder() {
            return npsEncoder();
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Encoder<SurveyAccumulator<NetPromoterScore>> npsEncoder() {
            return (Encoder) Encoders.javaSerialization(SurveyAccumulator.class);
        }
    }

    /** Customer counts, churn and retention per calendar period over a range. */
    public static final class ChurnAggregator extends Aggregator<Customer, ChurnSeries.Accumulator, ChurnSeries.Accumulator> {

        private static final long serialVersionUID = 1L;
        private final Granularity granularity;
        private final LocalDate from;
        private final LocalDate to;

        /** Per period of {@code granularity} from the one holding {@code from} to the one before {@code to}. */
        public ChurnAggregator(Granularity granularity, LocalDate from, LocalDate to) {
            this.granularity = granularity;
            this.from = from;
            this.to = to;
        }

        @Override
        public ChurnSeries.Accumulator zero() {
            return ChurnSeries.accumulator(granularity, from, to);
        }

        @Override
        public ChurnSeries.Accumulator reduce(ChurnSeries.Accumulator accumulator, Customer customer) {
            return accumulator.add(customer.getStart(), customer.getEnd());
        }

        @Override
        public ChurnSeries.Accumulator merge(ChurnSeries.Accumulator a, ChurnSeries.Accumulator b) {
            return a.combine(b);
        }

        @Override
        public ChurnSeries.Accumulator finish(ChurnSeries.Accumulator accumulator) {
            return accumulator;
        }

        @Override
        public Encoder<ChurnSeries.Accumulator> bufferEncoder() {
            return Encoders.javaSerialization(ChurnSeries.Accumulator.class);
        }

        @Override
        public Encoder<ChurnSeries.Accumulator> outputEncoder() {
            return Encoders.javaSerialization(ChurnSeries.Accumulator.class);
        }
    }

    /** The RFM summary of a transaction log, observation ending on a day. */
    public static final class RfmAggregator extends Aggregator<Purchase, RfmSummary.Accumulator, RfmSummary.Accumulator> {

        private static final long serialVersionUID = 1L;
        private final LocalDate end;

        /** Observation to {@code end} (inclusive). */
        public RfmAggregator(LocalDate end) {
            this.end = end;
        }

        @Override
        public RfmSummary.Accumulator zero() {
            return RfmSummary.accumulator(CurrencyUnit.USD, end);
        }

        @Override
        public RfmSummary.Accumulator reduce(RfmSummary.Accumulator accumulator, Purchase purchase) {
            return accumulator.add(purchase.getCustomerId(), purchase.getDate(), purchase.getAmount());
        }

        @Override
        public RfmSummary.Accumulator merge(RfmSummary.Accumulator a, RfmSummary.Accumulator b) {
            return a.combine(b);
        }

        @Override
        public RfmSummary.Accumulator finish(RfmSummary.Accumulator accumulator) {
            return accumulator;
        }

        @Override
        public Encoder<RfmSummary.Accumulator> bufferEncoder() {
            return Encoders.javaSerialization(RfmSummary.Accumulator.class);
        }

        @Override
        public Encoder<RfmSummary.Accumulator> outputEncoder() {
            return Encoders.javaSerialization(RfmSummary.Accumulator.class);
        }
    }

    /** Purchase histories (x, tₓ, T) in weeks, identical rows merged into weighted rows as they are added. */
    public static final class HistoriesAggregator
            extends Aggregator<RfmSummary.Customer, PurchaseHistories.Accumulator, PurchaseHistories.Accumulator> {

        private static final long serialVersionUID = 1L;

        @Override
        public PurchaseHistories.Accumulator zero() {
            return PurchaseHistories.accumulator(ChronoUnit.WEEKS);
        }

        @Override
        public PurchaseHistories.Accumulator reduce(PurchaseHistories.Accumulator accumulator, RfmSummary.Customer customer) {
            // a customer first seen on the last day has T = 0 and carries no information (as PurchaseHistories.from)
            return customer.ageDays() == 0 ? accumulator : accumulator.add(PurchaseHistory.of(customer.frequency(),
                    customer.recencyDays(), customer.ageDays(), ChronoUnit.DAYS));
        }

        @Override
        public PurchaseHistories.Accumulator merge(PurchaseHistories.Accumulator a, PurchaseHistories.Accumulator b) {
            return a.combine(b);
        }

        @Override
        public PurchaseHistories.Accumulator finish(PurchaseHistories.Accumulator accumulator) {
            return accumulator;
        }

        @Override
        public Encoder<PurchaseHistories.Accumulator> bufferEncoder() {
            return Encoders.javaSerialization(PurchaseHistories.Accumulator.class);
        }

        @Override
        public Encoder<PurchaseHistories.Accumulator> outputEncoder() {
            return Encoders.javaSerialization(PurchaseHistories.Accumulator.class);
        }
    }

    /** The NPS of each segment, in segment order. */
    public static Map<String, NetPromoterScore> npsBySegment(Dataset<Response> responses) {
        Dataset<Tuple2<String, SurveyAccumulator<NetPromoterScore>>> bySegment = responses
                .groupByKey((MapFunction<Response, String>) Response::getSegment, Encoders.STRING())
                .agg(new NpsAggregator().toColumn());
        Map<String, NetPromoterScore> result = new TreeMap<>();
        for (Tuple2<String, SurveyAccumulator<NetPromoterScore>> group : bySegment.collectAsList()) {
            result.put(group._1(), group._2().snapshot());
        }
        return result;
    }

    /** Customer counts, churn and retention per period. */
    public static ChurnSeries churnSeries(Dataset<Customer> customers, Granularity granularity, LocalDate from, LocalDate to) {
        return customers.select(new ChurnAggregator(granularity, from, to).toColumn()).first().snapshot();
    }

    /** The RFM summary of the whole log. */
    public static RfmSummary rfmSummary(Dataset<Purchase> purchases, LocalDate end) {
        return purchases.select(new RfmAggregator(end).toColumn()).first().snapshot();
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
                .filter((org.apache.spark.api.java.function.FilterFunction<RfmSummary.Customer>) c -> c != null);
        PurchaseHistories histories = perCustomer.select(new HistoriesAggregator().toColumn()).first().snapshot();
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
