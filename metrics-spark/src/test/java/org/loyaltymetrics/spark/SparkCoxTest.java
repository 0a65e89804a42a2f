package org.loyaltymetrics.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.churn.CoxModel;
import org.loyaltymetrics.churn.CoxModel.Ties;
import org.loyaltymetrics.churn.SurvivalData;
import org.loyaltymetrics.model.FitOptions;

/**
 * The Cox model fitted on the executors (local mode, the NCCTG lung rows of the core's tests in five
 * partitions) against {@link CoxModel#fit(SurvivalData, Ties, FitOptions)} on the same rows in one JVM (itself
 * checked against R's survival package in the core): the same coefficients, standard errors, log-likelihoods
 * and baseline hazard to 1e-9 relative, with Efron's and Breslow's ties (the lung times have ties), with
 * strata and weights, and with counting-process rows.
 */
class SparkCoxTest {

    private static final double REL = 1e-9;

    private static SparkSession spark;
    /** inst, time, status (2 churn), age, sex, ph.ecog; NaN where the file has NA. */
    private static List<double[]> lung;

    @BeforeAll
    static void start() throws IOException {
        spark = SharedSpark.session();
        lung = read("../metrics-core/src/test/resources/survival/lung.csv", 6);
    }

    private static List<double[]> read(String file, int columns) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of(file));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            double[] row = new double[columns];
            for (int c = 0; c < columns; c++) {
                row[c] = cells[c].isEmpty() || cells[c].equals("NA") ? Double.NaN : Double.parseDouble(cells[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }

    private static boolean[] died(List<double[]> rows, int c, double churn) {
        boolean[] events = new boolean[rows.size()];
        for (int i = 0; i < events.length; i++) {
            events[i] = rows.get(i)[c] == churn;
        }
        return events;
    }

    private static void assertSameFit(CoxModel actual, CoxModel expected) {
        assertThat(actual.covariateNames()).isEqualTo(expected.covariateNames());
        for (int j = 0; j < expected.coefficients().length; j++) {
            double b = expected.coefficients()[j];
            assertThat(actual.coefficients()[j]).as("coefficient " + j).isCloseTo(b, within(REL * Math.abs(b)));
            double se = Math.sqrt(expected.naiveCovariance()[j][j]);
            assertThat(Math.sqrt(actual.naiveCovariance()[j][j])).as("se " + j).isCloseTo(se, within(REL * se));
        }
        assertThat(actual.logLikelihood()).isCloseTo(expected.logLikelihood(), within(REL * -expected.logLikelihood()));
        assertThat(actual.nullLogLikelihood()).isCloseTo(expected.nullLogLikelihood(),
                within(REL * -expected.nullLogLikelihood()));
        assertThat(actual.rows()).isEqualTo(expected.rows());
        assertThat(actual.events()).isEqualTo(expected.events());
        assertThat(actual.converged()).isTrue();
        List<CoxModel.Step> steps = actual.baselineCumulativeHazard();
        List<CoxModel.Step> wholeSteps = expected.baselineCumulativeHazard();
        assertThat(steps).hasSameSizeAs(wholeSteps).isNotEmpty();
        for (int i = 0; i < steps.size(); i++) {
            assertThat(steps.get(i).time()).isEqualTo(wholeSteps.get(i).time());
            double h = wholeSteps.get(i).cumulativeHazard();
            assertThat(steps.get(i).cumulativeHazard()).isCloseTo(h, within(REL * h));
        }
    }

    @Test
    void coxOnTheExecutorsEqualsTheSingleJvmFitWithEitherTies() {
        List<Row> rows = new ArrayList<>();
        for (double[] r : lung) {
            rows.add(RowFactory.create(r[1], (int) r[2] - 1, r[3], (int) r[4]));
        }
        // the event as 0/1 integers, the sex as integers: the fit casts them
        Dataset<Row> data = spark.createDataFrame(rows, new StructType().add("time", DataTypes.DoubleType)
                .add("churned", DataTypes.IntegerType).add("age", DataTypes.DoubleType).add("sex", DataTypes.IntegerType))
                .repartition(5);
        SurvivalData single = SurvivalData.of(column(lung, 1), died(lung, 2, 2)).withCovariate("age", column(lung, 3))
                .withCovariate("sex", column(lung, 4));
        CoxModel efron = SparkModels.fitCox(data, "time", "churned", "age", "sex");
        assertSameFit(efron, CoxModel.fit(single));
        assertThat(efron.ties()).isEqualTo(Ties.EFRON);
        // R's coxph(Surv(time, status) ~ age + sex, lung): age 0.017045, sex -0.513219, loglik -742.8482
        assertThat(efron.coefficient("sex")).isCloseTo(-0.513219, within(1e-6));
        CoxModel breslow = SparkModels.fitCox(data, CoxColumns.of("time", "churned", "age", "sex"), Ties.BRESLOW,
                FitOptions.defaults());
        assertSameFit(breslow, CoxModel.fit(single, Ties.BRESLOW));
        assertThat(breslow.hasRows()).isFalse();
        assertThatThrownBy(breslow::concordance).isInstanceOf(UndefinedResultException.class);
    }

    @Test
    void strataAndWeightsAsInOneJvm() {
        List<double[]> complete = lung.stream().filter(r -> !Double.isNaN(r[0]) && !Double.isNaN(r[5])).toList();
        List<Row> rows = new ArrayList<>();
        double[] weights = new double[complete.size()];
        int[] strata = new int[complete.size()];
        for (int i = 0; i < complete.size(); i++) {
            double[] r = complete.get(i);
            weights[i] = 1 + (r[0] % 3) / 2;
            strata[i] = (int) r[4];
            rows.add(RowFactory.create(r[1], r[2] == 2, r[3], r[5], weights[i], strata[i]));
        }
        Dataset<Row> data = spark.createDataFrame(rows, new StructType().add("time", DataTypes.DoubleType)
                .add("churned", DataTypes.BooleanType).add("age", DataTypes.DoubleType).add("ecog", DataTypes.DoubleType)
                .add("w", DataTypes.DoubleType).add("sex", DataTypes.IntegerType)).repartition(3);
        SurvivalData single = SurvivalData.of(column(complete, 1), died(complete, 2, 2))
                .withCovariate("age", column(complete, 3)).withCovariate("ecog", column(complete, 5)).withWeights(weights)
                .withStrata(strata);
        CoxColumns columns = CoxColumns.of("time", "churned", "age", "ecog").withWeight("w").withStratum("sex");
        for (Ties ties : Ties.values()) {
            assertSameFit(SparkModels.fitCox(data, columns, ties, FitOptions.defaults()), CoxModel.fit(single, ties));
        }
    }

    @Test
    void countingProcessRowsAsInOneJvm() throws IOException {
        // id, tstart, time, event, age, sex, late
        List<double[]> split = read("../metrics-core/src/test/resources/survival/lung-split.csv", 7);
        List<Row> rows = new ArrayList<>();
        for (double[] r : split) {
            rows.add(RowFactory.create(r[1], r[2], r[3] == 1, r[4], r[5], r[6]));
        }
        Dataset<Row> data = spark.createDataFrame(rows, new StructType().add("start", DataTypes.DoubleType)
                .add("stop", DataTypes.DoubleType).add("churned", DataTypes.BooleanType).add("age", DataTypes.DoubleType)
                .add("sex", DataTypes.DoubleType).add("late", DataTypes.DoubleType)).repartition(4);
        SurvivalData single = SurvivalData.ofIntervals(column(split, 1), column(split, 2), died(split, 3, 1))
                .withCovariate("age", column(split, 4)).withCovariate("sex", column(split, 5))
                .withCovariate("late", column(split, 6));
        CoxModel distributed;
        try (DistributedSurvivalData survival = SparkModels.survivalData(data,
                CoxColumns.of("stop", "churned", "age", "sex", "late").withStart("start"))) {
            assertThat(survival.rows()).isEqualTo(split.size());
            distributed = CoxModel.fit(survival, Ties.EFRON, FitOptions.defaults());
            // one job at β = 0, at least one per Newton step, one for the baseline at β̂
            assertThat(survival.evaluations()).isGreaterThanOrEqualTo(distributed.iterations() + 2L);
        }
        assertSameFit(distributed, CoxModel.fit(single));
    }

    @Test
    void nullsAreRefusedNamingTheColumn() {
        List<Row> rows = List.of(RowFactory.create(5.0, true, 1.0), RowFactory.create(7.0, false, null),
                RowFactory.create(9.0, true, 2.0));
        Dataset<Row> data = spark.createDataFrame(rows, new StructType().add("time", DataTypes.DoubleType)
                .add("churned", DataTypes.BooleanType).add("x", DataTypes.DoubleType));
        assertThatThrownBy(() -> SparkModels.fitCox(data, "time", "churned", "x"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("1 nulls in column 'x'");
        assertThatThrownBy(() -> CoxColumns.of("time", "churned")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("covariates");
    }
}
