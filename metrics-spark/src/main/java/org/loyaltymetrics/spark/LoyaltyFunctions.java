package org.loyaltymetrics.spark;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.behavior.EmailOpenRate;
import org.loyaltymetrics.retention.CustomerCounts;
import org.loyaltymetrics.survey.CustomerEffortScore;
import org.loyaltymetrics.survey.CustomerSatisfactionScore;
import org.loyaltymetrics.survey.NetPromoterScore;
import org.loyaltymetrics.stats.Measure;
import org.loyaltymetrics.survey.SurveyAccumulator;
import org.loyaltymetrics.survey.SurveyMetric;
import scala.Tuple4;

/**
 * The library's KPIs as Spark SQL aggregate functions and DataFrame columns, each one
 * {@link AccumulatorAggregator} over the KPI's accumulator, returning a {@link Figure} struct
 * ({@code value}, its interval {@code low}..{@code high}, the {@code count} it rests on):
 * <pre>{@code
 * LoyaltyFunctions.register(spark);
 * spark.sql("SELECT segment, nps(score), csat(rating) FROM responses GROUP BY segment");
 * df.groupBy("month").agg(LoyaltyFunctions.churn(col("start"), col("end"), col("month_start"), col("month_end")));
 * }</pre>
 * <table>
 * <caption>The functions</caption>
 * <tr><th>SQL</th><th>input</th><th>figure</th><th>count</th></tr>
 * <tr><td>{@code nps(score)}</td><td>int, 0..10</td><td>{@link NetPromoterScore}, points −100..100</td><td>answers</td></tr>
 * <tr><td>{@code csat(rating)}</td><td>int, 1..5</td><td>{@link CustomerSatisfactionScore}, top two boxes, share</td>
 * <td>answers</td></tr>
 * <tr><td>{@code ces(answer)}</td><td>int, 1..7</td><td>{@link CustomerEffortScore} 2.0, mean answer</td><td>answers</td></tr>
 * <tr><td>{@code churn(start, end, period_start, period_end)}</td><td>dates: a customer's first day, first day no
 * longer a customer (null while one), the period [start, end)</td><td>churn rate, customers lost over customers at the
 * start ({@link org.loyaltymetrics.retention.ChurnRate.Definition#DEFAULT})</td><td>customers at the start</td></tr>
 * <tr><td>{@code retention(start, end, period_start, period_end)}</td><td>as {@code churn}</td><td>retention rate,
 * customers at the end less new customers over customers at the start
 * ({@link org.loyaltymetrics.retention.RetentionRate.Definition#DEFAULT})</td><td>customers at the start</td></tr>
 * <tr><td>{@code open_rate(opened)}</td><td>boolean per delivered e-mail</td><td>{@link EmailOpenRate}, share</td>
 * <td>e-mails delivered</td></tr>
 * </table>
 * Null inputs are ignored; without any row (an empty table, nulls only) the figure is undefined: its
 * value and interval null, its count 0; an answer off the scale fails the query with the library's
 * {@link InvalidArgumentException}. The figures equal those of the library in one JVM over the same
 * rows (the accumulators combine exactly); intervals are at the confidence given to
 * {@link #register(SparkSession, double)} (0.95 by default), by each KPI's default method.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class LoyaltyFunctions {

    /** The confidence of the intervals where none is given. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    private static final Encoder<Figure> FIGURE = Encoders.bean(Figure.class);

    private LoyaltyFunctions() {
    }

    /** Registers every function of the table above with intervals at 95 %. */
    public static void register(SparkSession spark) {
        register(spark, DEFAULT_CONFIDENCE);
    }

    /**
     * Registers every function of the table above with intervals at {@code confidence}.
     *
     * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
     */
    public static void register(SparkSession spark, double confidence) {
        checkConfidence(confidence);
        spark.udf().register("nps", npsFunction(confidence));
        spark.udf().register("csat", csatFunction(confidence));
        spark.udf().register("ces", cesFunction(confidence));
        spark.udf().register("churn", churnFunction(confidence));
        spark.udf().register("retention", retentionFunction(confidence));
        spark.udf().register("open_rate", openRateFunction(confidence));
    }

    /** {@code nps(score)} as a column, intervals at 95 %. */
    public static Column nps(Column score) {
        return npsFunction(DEFAULT_CONFIDENCE).apply(score);
    }

    /** {@code csat(rating)} as a column, intervals at 95 %. */
    public static Column csat(Column rating) {
        return csatFunction(DEFAULT_CONFIDENCE).apply(rating);
    }

    /** {@code ces(answer)} as a column, intervals at 95 %. */
    public static Column ces(Column answer) {
        return cesFunction(DEFAULT_CONFIDENCE).apply(answer);
    }

    /** {@code churn(start, end, period_start, period_end)} as a column, intervals at 95 %. */
    public static Column churn(Column start, Column end, Column periodStart, Column periodEnd) {
        return churnFunction(DEFAULT_CONFIDENCE).apply(start, end, periodStart, periodEnd);
    }

    /** {@code retention(start, end, period_start, period_end)} as a column, intervals at 95 %. */
    public static Column retention(Column start, Column end, Column periodStart, Column periodEnd) {
        return retentionFunction(DEFAULT_CONFIDENCE).apply(start, end, periodStart, periodEnd);
    }

    /** {@code open_rate(opened)} as a column, intervals at 95 %. */
    public static Column openRate(Column opened) {
        return openRateFunction(DEFAULT_CONFIDENCE).apply(opened);
    }

    /** The aggregator behind {@code nps(score)}. */
    public static AccumulatorAggregator<Integer, SurveyAccumulator<NetPromoterScore>, NetPromoterScore, Figure>
            npsAggregator(double confidence) {
        return surveyAggregator(NetPromoterScore.DEFINITION, NetPromoterScore::responses, confidence);
    }

    /** The aggregator behind {@code csat(rating)}. */
    public static AccumulatorAggregator<Integer, SurveyAccumulator<CustomerSatisfactionScore>,
            CustomerSatisfactionScore, Figure> csatAggregator(double confidence) {
        return surveyAggregator(CustomerSatisfactionScore.Definition.DEFAULT, CustomerSatisfactionScore::responses,
                confidence);
    }

    /** The aggregator behind {@code ces(answer)}. */
    public static AccumulatorAggregator<Integer, SurveyAccumulator<CustomerEffortScore>, CustomerEffortScore, Figure>
            cesAggregator(double confidence) {
        return surveyAggregator(CustomerEffortScore.Definition.DEFAULT, CustomerEffortScore::responses, confidence);
    }

    /** The aggregator of one answer per row into {@code metric}'s figure, counting {@code responses}. */
    private static <V extends Measure<V>> AccumulatorAggregator<Integer, SurveyAccumulator<V>, V, Figure>
            surveyAggregator(SurveyMetric<V> metric, AccumulatorAggregator.Result<V, Long> responses, double confidence) {
        checkConfidence(confidence);
        return AccumulatorAggregator.of(SurveyAccumulator.class, () -> SurveyAccumulator.binaryForm(metric),
                row -> metric.accumulator(), SurveyAccumulator::add,
                v -> Figure.of(v, confidence, responses.of(v)), FIGURE, new Figure());
    }

    /** The aggregator behind {@code churn(start, end, period_start, period_end)}. */
    public static AccumulatorAggregator<Tuple4<LocalDate, LocalDate, LocalDate, LocalDate>, CustomerCounts.Accumulator,
            CustomerCounts, Figure> churnAggregator(double confidence) {
        return customerCountsAggregator(CustomerCounts::churnRate, confidence);
    }

    /** The aggregator behind {@code retention(start, end, period_start, period_end)}. */
    public static AccumulatorAggregator<Tuple4<LocalDate, LocalDate, LocalDate, LocalDate>, CustomerCounts.Accumulator,
            CustomerCounts, Figure> retentionAggregator(double confidence) {
        return customerCountsAggregator(CustomerCounts::retentionRate, confidence);
    }

    /** The aggregator of one customer (start, end) per row over a period into {@code rate} of their counts. */
    private static AccumulatorAggregator<Tuple4<LocalDate, LocalDate, LocalDate, LocalDate>, CustomerCounts.Accumulator,
            CustomerCounts, Figure> customerCountsAggregator(AccumulatorAggregator.Result<CustomerCounts, Measure<?>> rate,
            double confidence) {
        checkConfidence(confidence);
        return AccumulatorAggregator.of(CustomerCounts.Accumulator.class, CustomerCounts.Accumulator::binaryForm,
                row -> CustomerCounts.accumulator(row._3(), row._4()), (acc, row) -> acc.add(row._1(), row._2()),
                v -> Figure.of(rate.of(v), confidence, v.customersAtStart()), FIGURE, new Figure());
    }

    /** The aggregator behind {@code open_rate(opened)}. */
    public static AccumulatorAggregator<Boolean, EmailOpenRate.Accumulator, EmailOpenRate, Figure>
            openRateAggregator(double confidence) {
        checkConfidence(confidence);
        return AccumulatorAggregator.of(EmailOpenRate.Accumulator.class, EmailOpenRate.Accumulator::binaryForm,
                row -> EmailOpenRate.accumulator(), EmailOpenRate.Accumulator::add,
                v -> Figure.of(v, confidence, v.delivered()), FIGURE, new Figure());
    }

    private static UserDefinedFunction npsFunction(double confidence) {
        return functions.udaf(npsAggregator(confidence), Encoders.INT());
    }

    private static UserDefinedFunction csatFunction(double confidence) {
        return functions.udaf(csatAggregator(confidence), Encoders.INT());
    }

    private static UserDefinedFunction cesFunction(double confidence) {
        return functions.udaf(cesAggregator(confidence), Encoders.INT());
    }

    private static UserDefinedFunction churnFunction(double confidence) {
        return functions.udaf(churnAggregator(confidence), Encoders.tuple(Encoders.LOCALDATE(), Encoders.LOCALDATE(),
                Encoders.LOCALDATE(), Encoders.LOCALDATE()));
    }

    private static UserDefinedFunction retentionFunction(double confidence) {
        return functions.udaf(retentionAggregator(confidence), Encoders.tuple(Encoders.LOCALDATE(), Encoders.LOCALDATE(),
                Encoders.LOCALDATE(), Encoders.LOCALDATE()));
    }

    private static UserDefinedFunction openRateFunction(double confidence) {
        return functions.udaf(openRateAggregator(confidence), Encoders.BOOLEAN());
    }

    private static void checkConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw InvalidArgumentException.of("confidence", "in (0, 1)", confidence);
        }
    }
}
