package org.loyaltymetrics.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.behavior.EmailOpenRate;
import org.loyaltymetrics.retention.CustomerCounts;
import org.loyaltymetrics.survey.CustomerEffortScore;
import org.loyaltymetrics.survey.CustomerSatisfactionScore;
import org.loyaltymetrics.survey.NetPromoterScore;
import org.loyaltymetrics.survey.SurveyAccumulator;

/**
 * The SQL and DataFrame functions in local mode over several partitions: every figure equals the one
 * the library computes in one JVM over the same rows, to the last bit (the accumulators combine
 * exactly and the figure is computed once from the merged counts).
 */
class LoyaltyFunctionsTest {

    private static SparkSession spark;
    private static final List<Row> RESPONSES = new ArrayList<>();
    private static final String[] SEGMENTS = {"gold", "silver", "bronze"};

    @BeforeAll
    static void start() {
        spark = SharedSpark.session();
        LoyaltyFunctions.register(spark);
        Random random = new Random(16);
        for (int i = 0; i < 3000; i++) {
            String segment = SEGMENTS[random.nextInt(3)];
            Integer score = random.nextInt(40) == 0 ? null : Math.min(10, random.nextInt(11) + (segment.equals("gold") ? 2 : 0));
            RESPONSES.add(RowFactory.create(segment, score, 1 + random.nextInt(5), 1 + random.nextInt(7),
                    random.nextInt(3) == 0));
        }
        StructType schema = new StructType().add("segment", DataTypes.StringType).add("score", DataTypes.IntegerType)
                .add("rating", DataTypes.IntegerType).add("effort", DataTypes.IntegerType)
                .add("opened", DataTypes.BooleanType);
        spark.createDataFrame(RESPONSES, schema).repartition(5).createOrReplaceTempView("responses");
    }

    @Test
    void sqlFunctionsPerSegmentEqualTheSingleJvmFigures() {
        List<Row> rows = spark.sql("SELECT segment, nps(score) AS nps, csat(rating) AS csat, ces(effort) AS ces, "
                + "open_rate(opened) AS opened FROM responses GROUP BY segment ORDER BY segment").collectAsList();
        assertThat(rows).hasSize(3);
        Map<String, SurveyAccumulator<NetPromoterScore>> nps = new TreeMap<>();
        Map<String, SurveyAccumulator<CustomerSatisfactionScore>> csat = new HashMap<>();
        Map<String, SurveyAccumulator<CustomerEffortScore>> ces = new HashMap<>();
        Map<String, EmailOpenRate.Accumulator> open = new HashMap<>();
        for (Row r : RESPONSES) {
            String s = r.getString(0);
            if (!r.isNullAt(1)) {
                nps.computeIfAbsent(s, k -> NetPromoterScore.accumulator()).add(r.getInt(1));
            }
            csat.computeIfAbsent(s, k -> CustomerSatisfactionScore.accumulator()).add(r.getInt(2));
            ces.computeIfAbsent(s, k -> CustomerEffortScore.accumulator()).add(r.getInt(3));
            open.computeIfAbsent(s, k -> EmailOpenRate.accumulator()).add(r.getBoolean(4));
        }
        for (Row row : rows) {
            String s = row.getString(0);
            NetPromoterScore expected = nps.get(s).snapshot();
            assertThat(figure(row.getStruct(1))).isEqualTo(Figure.of(expected, 0.95, expected.responses()));
            CustomerSatisfactionScore c = csat.get(s).snapshot();
            assertThat(figure(row.getStruct(2))).isEqualTo(Figure.of(c, 0.95, c.responses()));
            CustomerEffortScore e = ces.get(s).snapshot();
            assertThat(figure(row.getStruct(3))).isEqualTo(Figure.of(e, 0.95, e.responses()));
            EmailOpenRate o = open.get(s).snapshot();
            assertThat(figure(row.getStruct(4))).isEqualTo(Figure.of(o, 0.95, o.delivered()));
        }
        // the nulls were ignored: fewer answers than rows
        assertThat(rows.stream().mapToLong(r -> r.getStruct(1).getLong(r.getStruct(1).fieldIndex("count"))).sum())
                .isEqualTo(RESPONSES.stream().filter(r -> !r.isNullAt(1)).count()).isLessThan(RESPONSES.size());
    }

    @Test
    void churnAndRetentionPerMonthByTheDataFrameApiEqualTheSingleJvmCounts() {
        Random random = new Random(7);
        List<Row> customers = new ArrayList<>();
        LocalDate origin = LocalDate.of(2024, 1, 1);
        for (int i = 0; i < 2000; i++) {
            LocalDate start = origin.plusDays(random.nextInt(365));
            LocalDate end = random.nextBoolean() ? null : start.plusDays(random.nextInt(400));
            customers.add(RowFactory.create(i, start, end));
        }
        List<Row> months = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            months.add(RowFactory.create(origin.plusMonths(m), origin.plusMonths(m + 1)));
        }
        Dataset<Row> df = spark.createDataFrame(customers, new StructType().add("id", DataTypes.IntegerType)
                .add("start", DataTypes.DateType).add("end", DataTypes.DateType)).repartition(6)
                .crossJoin(spark.createDataFrame(months, new StructType().add("month_start", DataTypes.DateType)
                        .add("month_end", DataTypes.DateType)));
        List<Row> result = df.groupBy("month_start").agg(LoyaltyFunctions.churn(col("start"), col("end"),
                col("month_start"), col("month_end")).as("churn"), LoyaltyFunctions.retention(col("start"), col("end"),
                col("month_start"), col("month_end")).as("retention")).orderBy("month_start").collectAsList();
        assertThat(result).hasSize(12);
        for (int m = 0; m < 12; m++) {
            CustomerCounts.Accumulator local = CustomerCounts.accumulator(origin.plusMonths(m), origin.plusMonths(m + 1));
            customers.forEach(c -> local.add((LocalDate) c.get(1), (LocalDate) c.get(2)));
            CustomerCounts counts = local.snapshot();
            assertThat(figure(result.get(m).getStruct(1))).as("month " + m)
                    .isEqualTo(Figure.of(counts.churnRate(), 0.95, counts.customersAtStart()));
            assertThat(figure(result.get(m).getStruct(2))).as("month " + m)
                    .isEqualTo(Figure.of(counts.retentionRate(), 0.95, counts.customersAtStart()));
        }
        assertThat(figure(result.get(6).getStruct(1)).getValue()).isBetween(0.01, 0.5);
        // (E − N)/S of the month: most customers at its start are still customers at its end
        assertThat(figure(result.get(6).getStruct(2)).getValue()).isBetween(0.5, 0.99);
    }

    @Test
    void anEmptyTableGivesAnUndefinedFigureAndAnAnswerOffTheScaleFailsTheQuery() {
        assertThat(figure(spark.sql("SELECT nps(score) FROM responses WHERE segment = 'none'").first().getStruct(0)))
                .isEqualTo(new Figure());
        assertThatThrownBy(() -> spark.sql("SELECT nps(score + 1) FROM responses").collectAsList())
                .hasStackTraceContaining("InvalidArgumentException").hasStackTraceContaining("answer must be");
    }

    static Figure figure(Row struct) {
        Figure f = new Figure();
        f.setValue(struct.isNullAt(struct.fieldIndex("value")) ? null : struct.getDouble(struct.fieldIndex("value")));
        f.setLow(struct.isNullAt(struct.fieldIndex("low")) ? null : struct.getDouble(struct.fieldIndex("low")));
        f.setHigh(struct.isNullAt(struct.fieldIndex("high")) ? null : struct.getDouble(struct.fieldIndex("high")));
        f.setCount(struct.getLong(struct.fieldIndex("count")));
        return f;
    }
}
