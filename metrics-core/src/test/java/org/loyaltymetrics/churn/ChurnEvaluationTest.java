package org.loyaltymetrics.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.churn.CoxModel.Ties;

/**
 * The evaluation of churn scores ({@link Concordance}, {@link BrierScore}, {@link CalibrationTable}) against R
 * on the NCCTG lung data: values in src/test/resources/survival/evaluation-reference.csv, made by
 * evaluation-reference.R there (R 4.2.2, survival 3.5-3, pec 2022.05.04). Tolerances: the concordance to
 * 1e-12 absolute (it is a ratio of counts), its variance to 1e-9 relative (a sum of squares of such
 * ratios); Brier scores, calibration means and intervals to 1e-7 relative (the fitted coefficients agree with
 * R's to about 5e-9 relative, R stopping its Newton iterations earlier).
 */
class ChurnEvaluationTest {

    private static final Map<String, Double> R = Lung.reference("/survival/evaluation-reference.csv");

    private static double r(String name) {
        Double value = R.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no reference value " + name);
        }
        return value;
    }

    private static Offset<Double> rel(double expected, double tolerance) {
        return within(Math.abs(expected) * tolerance);
    }

    private static void assertConcordance(String prefix, Concordance c) {
        assertThat(c.value()).as(prefix + " concordance").isCloseTo(r(prefix + ".concordance"), within(1e-12));
        double variance = c.standardError() * c.standardError();
        assertThat(variance).as(prefix + " variance").isCloseTo(r(prefix + ".var"), rel(r(prefix + ".var"), 1e-9));
    }

    private static SurvivalData lung(List<double[]> rows, int... covariates) {
        return CoxModelTest.lung(rows, covariates);
    }

    @Test
    void concordanceAndItsVarianceMatchR() {
        CoxModel efron = CoxModel.fit(lung(Lung.ROWS, Lung.AGE, Lung.SEX));
        Concordance c = Concordance.of(efron, efron.data());
        assertConcordance("efron", c);
        assertThat(c.value()).isEqualTo(efron.concordance(), within(1e-15));
        assertThat(c.somersD()).isCloseTo(2 * c.value() - 1, within(1e-15));
        // R's concordance(fit)$count: 11910 concordant, 7793 discordant, 311 tied in score
        assertThat(new double[] {c.concordant(), c.discordant(), c.tied()}).containsExactly(11910, 7793, 311);
        assertThat(c.toString()).isEqualTo("Concordance 0.6029 (SE 0.0255), 20014 comparable pairs");
        assertThat(c.confidenceInterval(0.95).low()).isCloseTo(c.value() - 1.959963984540054 * c.standardError(),
                within(1e-12));
        CoxModel breslow = CoxModel.fit(lung(Lung.ROWS, Lung.AGE, Lung.SEX), Ties.BRESLOW);
        assertConcordance("breslow", Concordance.of(breslow, breslow.data()));
        List<double[]> complete = Lung.complete(Lung.ECOG);
        CoxModel ecog = CoxModel.fit(lung(complete, Lung.AGE, Lung.SEX, Lung.ECOG));
        assertConcordance("ecog", Concordance.of(ecog, ecog.data()));
        // ph.ecog alone: four values, so most comparable pairs are tied in score
        CoxModel ecogOnly = CoxModel.fit(lung(complete, Lung.ECOG));
        Concordance tiedScores = Concordance.of(ecogOnly, ecogOnly.data());
        assertConcordance("ecogonly", tiedScores);
        assertThat(tiedScores.tied()).isGreaterThan(1000);
    }

    @Test
    void concordanceWithStrataWeightsClustersAndCountingProcessRowsMatchesR() {
        List<double[]> complete = Lung.complete(Lung.ECOG);
        int[] sex = new int[complete.size()];
        for (int i = 0; i < sex.length; i++) {
            sex[i] = (int) complete.get(i)[Lung.SEX];
        }
        CoxModel strata = CoxModel.fit(lung(complete, Lung.AGE, Lung.ECOG).withStrata(sex));
        assertConcordance("strata", Concordance.of(strata, strata.data()));
        List<double[]> withInstitution = Lung.complete(Lung.ECOG, Lung.INST);
        double[] w = new double[withInstitution.size()];
        long[] institution = new long[withInstitution.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + (withInstitution.get(i)[Lung.INST] % 3) / 2;
            institution[i] = (long) withInstitution.get(i)[Lung.INST];
        }
        CoxModel weighted = CoxModel.fit(lung(withInstitution, Lung.AGE, Lung.SEX).withWeights(w));
        assertConcordance("weighted", Concordance.of(weighted, weighted.data()));
        CoxModel clustered = CoxModel.fit(lung(withInstitution, Lung.AGE, Lung.SEX).withClusters(institution));
        assertConcordance("cluster", Concordance.of(clustered, clustered.data()));
        List<double[]> rows = Lung.SPLIT;
        boolean[] events = new boolean[rows.size()];
        for (int i = 0; i < events.length; i++) {
            events[i] = rows.get(i)[3] == 1.0;
        }
        SurvivalData split = SurvivalData.ofIntervals(Lung.column(rows, 1), Lung.column(rows, 2), events)
                .withCovariate("age", Lung.column(rows, 4)).withCovariate("sex", Lung.column(rows, 5));
        CoxModel splitModel = CoxModel.fit(split);
        assertConcordance("split", Concordance.of(splitModel, split));
    }

    @Test
    void aHoldoutIsScoredByCovariateName() {
        List<double[]> train = Lung.ROWS.subList(0, 150);
        List<double[]> test = Lung.ROWS.subList(150, 228);
        CoxModel model = CoxModel.fit(lung(train, Lung.AGE, Lung.SEX), Ties.BRESLOW);
        // the holdout's columns in another order, with one more
        SurvivalData holdout = SurvivalData.of(Lung.column(test, Lung.TIME), Lung.events(test))
                .withCovariate("unused", new double[test.size()]).withCovariate("sex", Lung.column(test, Lung.SEX))
                .withCovariate("age", Lung.column(test, Lung.AGE));
        assertConcordance("holdout", Concordance.of(model, holdout));
        for (int tau : new int[] {180, 365}) {
            double expected = r("brier.holdout." + tau);
            assertThat(BrierScore.of(model, holdout, tau).value()).isCloseTo(expected, rel(expected, 1e-7));
        }
        SurvivalData missing = SurvivalData.of(Lung.column(test, Lung.TIME), Lung.events(test))
                .withCovariate("age", Lung.column(test, Lung.AGE));
        assertThatThrownBy(() -> Concordance.of(model, missing)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("[age, sex]");
    }

    @Test
    void brierScoresMatchTheIpcwFormulaInRAndPec() {
        CoxModel efron = CoxModel.fit(lung(Lung.ROWS, Lung.AGE, Lung.SEX));
        CoxModel breslow = CoxModel.fit(lung(Lung.ROWS, Lung.AGE, Lung.SEX), Ties.BRESLOW);
        for (int tau : new int[] {90, 180, 365, 540, 730}) {
            BrierScore e = BrierScore.of(efron, efron.data(), tau);
            assertThat(e.horizon()).isEqualTo(tau);
            assertThat(e.value()).as("efron " + tau).isCloseTo(r("brier.efron." + tau), rel(r("brier.efron." + tau), 1e-7));
            assertThat(e.reference()).as("reference " + tau).isCloseTo(r("brier.reference." + tau),
                    rel(r("brier.reference." + tau), 1e-12));
            BrierScore b = BrierScore.of(breslow, breslow.data(), tau);
            assertThat(b.value()).as("breslow " + tau).isCloseTo(r("brier.breslow." + tau),
                    rel(r("brier.breslow." + tau), 1e-7));
            // pec's computation of the same figures
            assertThat(b.value()).as("pec " + tau).isCloseTo(r("pec.breslow." + tau), rel(r("pec.breslow." + tau), 1e-7));
            assertThat(b.reference()).as("pec reference " + tau).isCloseTo(r("pec.reference." + tau),
                    rel(r("pec.reference." + tau), 1e-12));
            assertThat(e.explainedVariation()).isCloseTo(1 - e.value() / e.reference(), within(1e-15));
        }
        BrierScore integrated = BrierScore.integrated(efron, efron.data(), new double[] {0, 90, 180, 365, 540, 730});
        assertThat(integrated.value()).isCloseTo(r("ibs.efron.0.730"), rel(r("ibs.efron.0.730"), 1e-7));
    }

    @Test
    void brierScoreOfKnownPredictionsIsTheFormulaByHand() {
        // four customers: churned at 1 and 3, censored at 2 and 5; a "model" predicting S = 0.5 for everyone
        SurvivalData data = SurvivalData.of(new double[] {1, 2, 3, 5}, new boolean[] {true, false, true, false})
                .withCovariate("x", new double[] {0, 1, 2, 3});
        CoxModel model = CoxModel.fit(data.withCovariate("y", new double[] {1, 0, 0, 1}),
                Ties.EFRON, org.loyaltymetrics.model.FitOptions.defaults().allowingNonConvergence());
        // censoring KM: at 2, 3 at risk, 1 censored: G = 2/3; at 5, 1 at risk: G = 0. G(1-) = 1, G(3-) = 2/3,
        // G(4) = 2/3. At tau = 4: churned by 4 are rows 0 (weight 1) and 2 (weight 3/2); row 3 alive (weight 3/2).
        // Kaplan-Meier of churn: S(4) = (3/4)(1/2) = 3/8, so the reference is
        // (1/4)[(3/8)^2 (1 + 3/2) + (5/8)^2 (3/2)] = (1/4)(0.3515625 + 0.5859375) = 0.234375
        BrierScore score = BrierScore.of(model, data.withCovariate("y", new double[] {1, 0, 0, 1}), 4);
        assertThat(score.reference()).isCloseTo(0.234375, within(1e-15));
        double[] s = new double[4];
        for (int i = 0; i < 4; i++) {
            s[i] = model.survival(4, i, new double[] {1, 0, 0, 1}[i]);
        }
        double byHand = (s[0] * s[0] + s[2] * s[2] * 1.5 + (1 - s[3]) * (1 - s[3]) * 1.5) / 4;
        assertThat(score.value()).isCloseTo(byHand, within(1e-15));
    }

    @Test
    void calibrationTableMatchesRByDecile() {
        CoxModel efron = CoxModel.fit(lung(Lung.ROWS, Lung.AGE, Lung.SEX));
        CalibrationTable table = CalibrationTable.of(efron, efron.data(), 365);
        assertThat(table.groups()).hasSize(10);
        int total = 0;
        for (CalibrationTable.Group g : table.groups()) {
            String prefix = "calibration." + g.group() + ".";
            assertThat(g.customers()).isEqualTo((int) r(prefix + "customers"));
            assertThat(g.meanPredicted()).as(prefix + "mean").isCloseTo(r(prefix + "mean"), rel(r(prefix + "mean"), 1e-7));
            assertThat(g.observed()).as(prefix + "observed").isCloseTo(r(prefix + "observed"), within(1e-12));
            assertThat(g.observedLow()).as(prefix + "low").isCloseTo(r(prefix + "low"), within(1e-10));
            assertThat(g.observedHigh()).as(prefix + "high").isCloseTo(r(prefix + "high"), within(1e-10));
            assertThat(g.lowestPredicted()).isLessThanOrEqualTo(g.meanPredicted());
            assertThat(g.highestPredicted()).isGreaterThanOrEqualTo(g.meanPredicted());
            total += g.customers();
        }
        assertThat(total).isEqualTo(228);
        assertThat(table.toTable().rowCount()).isEqualTo(10);
        assertThat(table.toTable().title()).startsWith("Calibration of predicted churn by 365");
        assertThat(table.toString()).isEqualTo("CalibrationTable by 365: 10 groups, mean predicted 0.4032 to 0.7391, "
                + "observed 0.3957 to 0.8087");
        assertThat(BrierScore.of(efron, efron.data(), 365).toString())
                .isEqualTo("BrierScore at 365.0000: 0.2361 (Kaplan-Meier reference 0.2418)");
    }

    @Test
    void concordanceCountsEveryComparablePairOnceAsABruteForceCountDoes() {
        Random random = new Random(14);
        for (int round = 0; round < 20; round++) {
            int n = 5 + random.nextInt(40);
            double[] time = new double[n];
            boolean[] event = new boolean[n];
            double[] score = new double[n];
            double[] weight = new double[n];
            for (int i = 0; i < n; i++) {
                time[i] = 1 + random.nextInt(8);
                event[i] = random.nextBoolean();
                score[i] = random.nextInt(5);
                weight[i] = 0.5 + random.nextInt(3);
            }
            SurvivalData data = SurvivalData.of(time, event).withWeights(weight);
            double conc = 0;
            double disc = 0;
            double tie = 0;
            double[][] influence = new double[n][3];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (!event[i] || !(time[j] > time[i] || (time[j] == time[i] && !event[j]))) {
                        continue;
                    }
                    double w = weight[i] * weight[j];
                    int kind = score[i] > score[j] ? 0 : score[i] < score[j] ? 1 : 2;
                    if (kind == 0) {
                        conc += w;
                    } else if (kind == 1) {
                        disc += w;
                    } else {
                        tie += w;
                    }
                    influence[i][kind] += weight[j];
                    influence[j][kind] += weight[i];
                }
            }
            if (conc + disc + tie == 0) {
                continue;
            }
            Concordance c = Concordance.of(score, data);
            assertThat(c.concordant()).isCloseTo(conc, within(1e-9));
            assertThat(c.discordant()).isCloseTo(disc, within(1e-9));
            assertThat(c.tied()).isCloseTo(tie, within(1e-9));
            double pairs = conc + disc + tie;
            double d = (conc - disc) / pairs;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double f = weight[i] * ((influence[i][0] - influence[i][1]) / pairs - d / pairs
                        * (influence[i][0] + influence[i][1] + influence[i][2]));
                sum += f * f;
            }
            assertThat(c.standardError()).isCloseTo(Math.sqrt(sum / 4), within(1e-12));
        }
    }

    @Test
    void badInputIsRefusedAndEmptyDataAreUndefined() {
        CoxModel model = CoxModel.fit(lung(Lung.ROWS, Lung.AGE, Lung.SEX));
        assertThatThrownBy(() -> BrierScore.of(model, model.data(), -1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("horizon");
        assertThatThrownBy(() -> BrierScore.of(model, model.data(), 5000)).isInstanceOf(UndefinedResultException.class)
                .hasMessageContaining("beyond the longest");
        assertThatThrownBy(() -> BrierScore.integrated(model, model.data(), new double[] {10, 5}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("increasing");
        assertThatThrownBy(() -> CalibrationTable.of(model, model.data(), 365, 0, 0.95))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("groups");
        SurvivalData empty = SurvivalData.of(new double[0], new boolean[0]).withCovariate("age", new double[0])
                .withCovariate("sex", new double[0]);
        assertThatThrownBy(() -> BrierScore.of(model, empty, 10)).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> Concordance.of(model, empty)).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> CalibrationTable.of(model, empty, 10)).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> Concordance.of(new double[] {1}, model.data())).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("scores");
        double[] twos = new double[228];
        java.util.Arrays.fill(twos, 2.0);
        assertThatThrownBy(() -> BrierScore.of(model, model.data().withWeights(twos), 365))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("weights");
    }

    @Test
    void scorerGivesTheModelsChurnProbabilityAndTheRestrictedMeanLifetimeOfR() {
        CoxModel breslow = CoxModel.fit(lung(Lung.ROWS, Lung.AGE, Lung.SEX), Ties.BRESLOW);
        ChurnScorer scorer = ChurnScorer.of(breslow, 365);
        assertThat(scorer.covariateNames()).containsExactly("age", "sex");
        double[] x = {60, 2};
        assertThat(scorer.churnProbability(x)).isEqualTo(breslow.churnProbability(365, x));
        assertThat(scorer.riskScore(x)).isEqualTo(breslow.riskScore(x));
        assertThat(scorer.relativeRisk(x)).isCloseTo(Math.exp(breslow.riskScore(x)), within(1e-15));
        // R: summary(survfit(fit, newdata), rmean = 365)$table["rmean"], 1e-7 relative as the predictions
        double rmean = r("rmean.breslow.60.2.365");
        assertThat(scorer.restrictedMeanLifetime(x)).isCloseTo(rmean, rel(rmean, 1e-7));
        double other = r("rmean.breslow.70.1.365");
        assertThat(scorer.restrictedMeanLifetime(70, 1)).isCloseTo(other, rel(other, 1e-7));
        assertThat(ChurnScorer.of(breslow, 0).restrictedMeanLifetime(x)).isZero();
        // any other SurvivalRegression: Simpson's rule on the model's survival; here the same Cox model seen
        // through the interface only, whose step function Simpson's rule approximates to about 0.5 day
        SurvivalRegression plain = (SurvivalRegression) java.lang.reflect.Proxy.newProxyInstance(
                SurvivalRegression.class.getClassLoader(), new Class<?>[] {SurvivalRegression.class},
                (proxy, method, args) -> method.invoke(breslow, args));
        assertThat(ChurnScorer.of(plain, 365).restrictedMeanLifetime(x)).isCloseTo(rmean, within(1.0));
        List<double[]> complete = Lung.complete(Lung.ECOG);
        int[] sex = new int[complete.size()];
        for (int i = 0; i < sex.length; i++) {
            sex[i] = (int) complete.get(i)[Lung.SEX];
        }
        CoxModel stratified = CoxModel.fit(lung(complete, Lung.AGE, Lung.ECOG).withStrata(sex));
        assertThatThrownBy(() -> ChurnScorer.of(stratified, 365)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("2 strata");
        // stratum by stratum: R's strata.survival.ctype1.60.1.sex2.365 (lung-reference.csv), and the restricted
        // mean as the sum of the stratum's steps
        ChurnScorer women = ChurnScorer.ofStratum(stratified, 2, 365);
        double female = Lung.r("strata.survival.ctype1.60.1.sex2.365");
        assertThat(women.churnProbability(60, 1)).isCloseTo(1 - female, rel(1 - female, 1e-7));
        double area = 0;
        double previous = 0;
        double s = 1;
        for (CoxModel.Step step : stratified.baselineCumulativeHazard()) {
            if (step.stratum() == 2 && step.time() <= 365) {
                area += s * (step.time() - previous);
                previous = step.time();
                s = stratified.survivalInStratum(2, step.time(), 60, 1);
            }
        }
        area += s * (365 - previous);
        assertThat(women.restrictedMeanLifetime(60, 1)).isCloseTo(area, within(1e-9));
        assertThatThrownBy(() -> ChurnScorer.ofStratum(stratified, 3, 365)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("stratum");
        assertThatThrownBy(() -> scorer.churnProbability(60)).isInstanceOf(InvalidArgumentException.class);
    }
}
