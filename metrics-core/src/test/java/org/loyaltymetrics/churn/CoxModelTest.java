package org.loyaltymetrics.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.loyaltymetrics.churn.Lung.r;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.churn.CoxModel.Ties;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.model.ModelFitException;
import org.loyaltymetrics.stats.ChiSquareTest;

/**
 * The Cox model against R's survival 3.5-3 on the NCCTG lung data (values in
 * src/test/resources/survival/lung-reference.csv, made by lung-reference.R there; the age + sex values
 * also in the data README). Tolerances: coefficients and standard errors 1e-6 relative (asserted to
 * 1e-7), log-likelihoods 1e-8 absolute, tests, concordance and predictions 1e-7 relative.
 */
class CoxModelTest {

    private static final double REL = 1e-7;

    static SurvivalData lung(List<double[]> rows, int... covariates) {
        SurvivalData data = SurvivalData.of(Lung.column(rows, Lung.TIME), Lung.events(rows));
        for (int c : covariates) {
            data = data.withCovariate(name(c), Lung.column(rows, c));
        }
        return data;
    }

    private static String name(int column) {
        return switch (column) {
            case Lung.AGE -> "age";
            case Lung.SEX -> "sex";
            case Lung.ECOG -> "ph.ecog";
            default -> throw new IllegalArgumentException();
        };
    }

    private static Offset<Double> rel(double expected) {
        return within(Math.abs(expected) * REL);
    }

    private static void assertFit(String prefix, CoxModel model, boolean naiveAndRobust) {
        for (String v : model.covariateNames()) {
            assertThat(model.coefficient(v)).as(prefix + " coef " + v).isCloseTo(r(prefix + ".coef." + v),
                    rel(r(prefix + ".coef." + v)));
            double se = Math.sqrt(model.covariance()[model.covariateNames().indexOf(v)][model.covariateNames().indexOf(v)]);
            assertThat(se).as(prefix + " se " + v).isCloseTo(r(prefix + ".se." + v), rel(r(prefix + ".se." + v)));
            assertThat(model.estimate(v).standardError()).isEqualTo(se);
            if (naiveAndRobust) {
                int j = model.covariateNames().indexOf(v);
                assertThat(Math.sqrt(model.naiveCovariance()[j][j])).as(prefix + " naive se " + v)
                        .isCloseTo(r(prefix + ".naivese." + v), rel(r(prefix + ".naivese." + v)));
            }
        }
        assertThat(model.logLikelihood()).as(prefix + " loglik").isCloseTo(r(prefix + ".loglik"), within(1e-8));
        assertThat(model.nullLogLikelihood()).as(prefix + " loglik0").isCloseTo(r(prefix + ".loglik0"), within(1e-8));
        assertThat(model.scoreTest().statistic()).as(prefix + " score").isCloseTo(r(prefix + ".score"),
                rel(r(prefix + ".score")));
        assertThat(model.waldTest().statistic()).as(prefix + " wald").isCloseTo(r(prefix + ".wald"),
                rel(r(prefix + ".wald")));
        assertThat(model.concordance()).as(prefix + " concordance").isCloseTo(r(prefix + ".concordance"), within(1e-12));
        assertThat(model.converged()).isTrue();
    }

    @Test
    void efronMatchesR() {
        CoxModel model = CoxModel.fit(lung(Lung.ROWS, Lung.AGE, Lung.SEX));
        assertFit("efron", model, false);
        // the README's digits
        // (R stops when the log-likelihood changes by less than 1e-9 relative; the fit here goes on to steps
        // of 1e-9 SD, and differs from R's coefficients by 3e-10 relative)
        assertThat(model.coefficient("age")).isCloseTo(0.0170453318454, rel(0.0170453318454));
        assertThat(model.coefficient("sex")).isCloseTo(-0.5132185171084, rel(0.5132185171084));
        assertThat(model.logLikelihood()).isCloseTo(-742.848245784, within(1e-9));
        assertThat(model.likelihoodRatioTest().statistic())
                .isCloseTo(2 * (r("efron.loglik") - r("efron.loglik0")), within(1e-8));
        assertThat(model.likelihoodRatioTest().degreesOfFreedom()).isEqualTo(2);
    }

    @Test
    void breslowMatchesR() {
        assertFit("breslow", CoxModel.fit(lung(Lung.ROWS, Lung.AGE, Lung.SEX), Ties.BRESLOW), false);
    }

    @Test
    void threeCovariatesMatchR() {
        assertFit("ecog", CoxModel.fit(lung(Lung.complete(Lung.ECOG), Lung.AGE, Lung.SEX, Lung.ECOG)), false);
    }

    @Test
    void strataMatchR() {
        List<double[]> rows = Lung.complete(Lung.ECOG);
        SurvivalData data = lung(rows, Lung.AGE, Lung.ECOG);
        int[] strata = new int[rows.size()];
        for (int i = 0; i < strata.length; i++) {
            strata[i] = (int) rows.get(i)[Lung.SEX];
        }
        CoxModel model = CoxModel.fit(data.withStrata(strata));
        assertFit("strata", model, false);
        assertThat(model.baselineCumulativeHazard()).extracting(CoxModel.Step::stratum).containsOnly(1, 2);
        double male = r("strata.survival.ctype1.60.1.sex1.365");
        double female = r("strata.survival.ctype1.60.1.sex2.365");
        assertThat(model.survivalInStratum(1, 365, 60, 1)).isCloseTo(male, rel(male));
        assertThat(model.churnProbabilityInStratum(2, 365, 60, 1)).isCloseTo(1 - female, rel(1 - female));
        assertThatThrownBy(() -> model.survival(365, 60, 1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("strata");
    }

    private static double[] weights(List<double[]> rows) {
        double[] w = new double[rows.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + (rows.get(i)[Lung.INST] % 3) / 2;
        }
        return w;
    }

    private static long[] institutions(List<double[]> rows) {
        long[] ids = new long[rows.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (long) rows.get(i)[Lung.INST];
        }
        return ids;
    }

    @Test
    void weightsMatchRWithTheRobustVarianceRReportsForThem() {
        List<double[]> rows = Lung.complete(Lung.ECOG, Lung.INST);
        SurvivalData data = lung(rows, Lung.AGE, Lung.SEX).withWeights(weights(rows));
        for (Ties ties : Ties.values()) {
            String prefix = ties == Ties.EFRON ? "weighted" : "weightedbreslow";
            CoxModel model = CoxModel.fit(data, ties);
            // R reports the robust (sandwich) variance for non-integer weights: compare both
            for (String v : List.of("age", "sex")) {
                int j = model.covariateNames().indexOf(v);
                assertThat(model.coefficient(v)).isCloseTo(r(prefix + ".coef." + v), rel(r(prefix + ".coef." + v)));
                assertThat(Math.sqrt(model.naiveCovariance()[j][j])).isCloseTo(r(prefix + ".naivese." + v),
                        rel(r(prefix + ".naivese." + v)));
                assertThat(Math.sqrt(model.robustCovariance()[j][j])).isCloseTo(r(prefix + ".se." + v),
                        rel(r(prefix + ".se." + v)));
            }
            assertThat(model.logLikelihood()).isCloseTo(r(prefix + ".loglik"), within(1e-8));
            assertThat(model.nullLogLikelihood()).isCloseTo(r(prefix + ".loglik0"), within(1e-8));
            assertThat(model.scoreTest().statistic()).isCloseTo(r(prefix + ".score"), rel(r(prefix + ".score")));
            assertThat(model.concordance()).isCloseTo(r(prefix + ".concordance"), within(1e-12));
        }
    }

    @Test
    void clusteredRobustVarianceMatchesR() {
        List<double[]> rows = Lung.complete(Lung.ECOG, Lung.INST);
        SurvivalData data = lung(rows, Lung.AGE, Lung.SEX).withClusters(institutions(rows));
        assertFit("cluster", CoxModel.fit(data), true);
        assertFit("clusterbreslow", CoxModel.fit(data, Ties.BRESLOW), true);
        CoxModel unclustered = CoxModel.fit(lung(Lung.ROWS, Lung.AGE, Lung.SEX));
        for (String v : List.of("age", "sex")) {
            int j = unclustered.covariateNames().indexOf(v);
            assertThat(Math.sqrt(unclustered.robustCovariance()[j][j])).isCloseTo(r("robust.se." + v),
                    rel(r("robust.se." + v)));
        }
    }

    static SurvivalData split(boolean late) {
        List<double[]> rows = Lung.SPLIT;
        SurvivalData data = SurvivalData.ofIntervals(Lung.column(rows, 1), Lung.column(rows, 2), events(rows))
                .withCovariate("age", Lung.column(rows, 4)).withCovariate("sex", Lung.column(rows, 5));
        if (late) {
            data = data.withCovariate("late", Lung.column(rows, 6));
        }
        long[] ids = new long[rows.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (long) rows.get(i)[0];
        }
        return data.withClusters(ids);
    }

    private static boolean[] events(List<double[]> rows) {
        boolean[] events = new boolean[rows.size()];
        for (int i = 0; i < events.length; i++) {
            events[i] = rows.get(i)[3] == 1.0;
        }
        return events;
    }

    @Test
    void countingProcessRowsMatchR() {
        // split rows of the same customers give the unsplit fit; R's split fit has no cluster: robust = naive here?
        CoxModel split = CoxModel.fit(split(false));
        CoxModel whole = CoxModel.fit(lung(Lung.ROWS, Lung.AGE, Lung.SEX));
        assertThat(split.coefficients()[0]).isCloseTo(whole.coefficients()[0], rel(whole.coefficients()[0]));
        assertThat(split.coefficients()[1]).isCloseTo(whole.coefficients()[1], rel(whole.coefficients()[1]));
        assertThat(split.logLikelihood()).isCloseTo(r("split.loglik"), within(1e-8));
        assertThat(split.concordance()).isCloseTo(r("split.concordance"), within(1e-12));
        // split by customer: the robust variance clustered by customer equals the unsplit robust one
        assertThat(Math.sqrt(split.robustCovariance()[1][1])).isCloseTo(r("robust.se.sex"), rel(r("robust.se.sex")));
        assertFit("splitlate", CoxModel.fit(split(true)), true);
    }

    @Test
    void proportionalHazardsTestMatchesCoxZph() {
        ProportionalHazardsTest efron = CoxModel.fit(lung(Lung.ROWS, Lung.AGE, Lung.SEX)).proportionalHazardsTest();
        assertZph("efron", efron);
        assertThat(efron.global().statistic()).isCloseTo(2.770785375938, rel(2.770785375938));
        assertZph("breslow", CoxModel.fit(lung(Lung.ROWS, Lung.AGE, Lung.SEX), Ties.BRESLOW).proportionalHazardsTest());
        assertZph("ecog", CoxModel.fit(lung(Lung.complete(Lung.ECOG), Lung.AGE, Lung.SEX, Lung.ECOG))
                .proportionalHazardsTest());
        assertZph("splitlate", CoxModel.fit(split(true)).proportionalHazardsTest());
        assertThat(efron.toTable().rowCount()).isEqualTo(3);
        assertThat(efron.toString()).doesNotContain("\n").contains("2.7708");
    }

    private static void assertZph(String prefix, ProportionalHazardsTest test) {
        for (ChiSquareTest t : test.covariates()) {
            double expected = r(prefix + ".zph." + t.name());
            assertThat(t.statistic()).as(prefix + " zph " + t.name()).isCloseTo(expected, rel(expected));
        }
        assertThat(test.global().statistic()).as(prefix + " zph global").isCloseTo(r(prefix + ".zph.GLOBAL"),
                rel(r(prefix + ".zph.GLOBAL")));
        assertThat(test.global().degreesOfFreedom()).isEqualTo(test.covariates().size());
    }

    @Test
    void baselineAndPredictionsMatchR() {
        CoxModel breslow = CoxModel.fit(lung(Lung.ROWS, Lung.AGE, Lung.SEX), Ties.BRESLOW);
        List<CoxModel.Step> steps = breslow.baselineCumulativeHazard();
        for (int t : new int[] {5, 100, 365, 700, 1022}) {
            double h = 0;
            for (CoxModel.Step step : steps) {
                if (step.time() <= t) {
                    h = step.cumulativeHazard();
                }
            }
            assertThat(h).as("basehaz " + t).isCloseTo(r("breslow.basehaz." + t), rel(r("breslow.basehaz." + t)));
        }
        CoxModel efron = CoxModel.fit(lung(Lung.ROWS, Lung.AGE, Lung.SEX));
        for (int t : new int[] {100, 365, 700}) {
            double expected = r("breslow.survival.60.2." + t);
            assertThat(breslow.survival(t, 60, 2)).isCloseTo(expected, rel(expected));
            assertThat(breslow.churnProbability(t, 60, 2)).isCloseTo(1 - expected, rel(1 - expected));
            double efronExpected = r("efron.survival.ctype1.60.2." + t);
            assertThat(efron.survival(t, 60, 2)).isCloseTo(efronExpected, rel(efronExpected));
        }
        assertThat(breslow.survival(0, 60, 2)).isEqualTo(1.0);
        assertThat(breslow.relativeRisk(61, 2) / breslow.relativeRisk(60, 2)).isCloseTo(breslow.hazardRatio("age"),
                within(1e-12));
        // the risk score is the linear predictor 60 b_age + 2 b_sex, and the relative risk its exponential
        double[] b = breslow.coefficients();
        assertThat(breslow.riskScore(60, 2)).isCloseTo(60 * b[0] + 2 * b[1], within(1e-15));
        assertThat(Math.log(breslow.relativeRisk(60, 2))).isCloseTo(breslow.riskScore(60, 2), within(1e-14));
    }

    @Test
    void hazardRatioIntervalAndTable() {
        CoxModel model = CoxModel.fit(lung(Lung.ROWS, Lung.AGE, Lung.SEX));
        var ci = model.hazardRatioInterval("sex", 0.95);
        // exp(coef -+ z SE), as R's summary: 0.4311, 0.8307
        double low = Math.exp(r("efron.coef.sex") - 1.959963984540054 * r("efron.se.sex"));
        double high = Math.exp(r("efron.coef.sex") + 1.959963984540054 * r("efron.se.sex"));
        assertThat(ci.low()).isCloseTo(low, rel(low));
        assertThat(ci.high()).isCloseTo(high, rel(high));
        assertThat(model.toTable().rowCount()).isEqualTo(2);
        assertThat(model.toTable().headers()).contains("coef", "exp(coef)", "se(coef)", "z", "p");
        assertThat(model.toString()).doesNotContain("\n").contains("age 0.017045", "efron");
        assertThat(CoxModel.fit(split(false)).toTable().headers()).contains("robust se");
    }

    @Test
    void monotoneLikelihoodIsReportedNotConverged() {
        // x = 1 for every customer who churns first: x separates the churners
        double[] time = {1, 2, 3, 4, 5, 6, 7, 8};
        boolean[] event = {true, true, true, true, false, true, false, true};
        double[] x = {1, 1, 1, 1, 0, 0, 0, 0};
        double[] z = {0.3, -1.2, 0.5, 0.1, 0.9, -0.4, 1.1, 0.2};
        SurvivalData data = SurvivalData.of(time, event).withCovariate("x", x).withCovariate("z", z);
        assertThatThrownBy(() -> CoxModel.fit(data)).isInstanceOf(ModelFitException.class)
                .hasMessageContaining("monotone likelihood").hasMessageContaining("[x]")
                .satisfies(e -> assertThat(((ModelFitException) e).remedies())
                        .containsExactly(ModelFitException.Remedy.PENALIZER));
        CoxModel flagged = CoxModel.fit(data, Ties.EFRON, FitOptions.defaults().allowingNonConvergence());
        assertThat(flagged.converged()).isFalse();
        assertThat(flagged.unboundedCovariates()).containsExactly("x");
        assertThat(flagged.toString()).contains("NOT CONVERGED");
        CoxModel penalized = CoxModel.fit(data, Ties.EFRON, FitOptions.defaults().withPenalizer(0.01));
        assertThat(penalized.converged()).isTrue();
        assertThat(penalized.coefficient("x")).isPositive().isLessThan(25);
    }

    @Test
    void aLevelWithoutChurnIsReportedAsMonotone() {
        // plan "team": 40 customers, none churns: its coefficient runs off to minus infinity
        int n = 200;
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        String[] plan = new String[n];
        double[] age = new double[n];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            plan[i] = i < 40 ? "team" : i % 2 == 0 ? "basic" : "pro";
            time[i] = 1 + random.nextInt(24);
            event[i] = i >= 40 && random.nextBoolean();
            age[i] = 20 + random.nextInt(50);
        }
        SurvivalData data = SurvivalData.of(time, event).withCovariate("age", age)
                .withCategorical("plan", plan, "basic");
        assertThatThrownBy(() -> CoxModel.fit(data)).isInstanceOf(ModelFitException.class)
                .hasMessageContaining("[plan=team]");
        CoxModel flagged = CoxModel.fit(data, Ties.BRESLOW, FitOptions.defaults().allowingNonConvergence());
        assertThat(flagged.converged()).isFalse();
        assertThat(flagged.unboundedCovariates()).containsExactly("plan=team");
        assertThat(flagged.coefficient("plan=team")).isLessThan(-10);
    }

    @Test
    void badInput() {
        SurvivalData none = SurvivalData.of(new double[] {1, 2}, new boolean[] {true, false});
        assertThatThrownBy(() -> CoxModel.fit(none)).isInstanceOf(InvalidArgumentException.class);
        SurvivalData noEvents = none.withCovariate("x", new double[] {1, 2});
        assertThatThrownBy(() -> CoxModel.fit(SurvivalData.of(new double[] {1, 2}, new boolean[] {false, false})
                .withCovariate("x", new double[] {1, 2}))).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> CoxModel.fit(none.withCovariate("c", new double[] {3, 3})))
                .isInstanceOf(ModelFitException.class).hasMessageContaining("constant");
        assertThatThrownBy(() -> noEvents.withCovariate("y", new double[] {1, Double.NaN}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("missing");
        CoxModel lung = CoxModel.fit(lung(Lung.ROWS, Lung.AGE, Lung.SEX));
        assertThatThrownBy(() -> lung.survival(10, 60)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> lung.coefficient("weight")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> lung.survivalInStratum(3, 10, 60, 1)).isInstanceOf(InvalidArgumentException.class);
    }
}
