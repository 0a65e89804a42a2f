package org.loyaltymetrics.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the evaluation of churn scores on simulated data ({@link CoxProperties#simulate}): the
 * concordance depends only on the order of the scores and of the rows not at all, reversing the scores
 * gives 1 − C with the same standard error; a model that predicts the Kaplan–Meier survival for everyone
 * has the Brier score of the Kaplan–Meier reference; on data simulated from a Cox model the fitted model
 * beats the reference; the calibration groups partition the customers.
 */
class ChurnEvaluationProperties {

    @Test
    void concordanceDependsOnlyOnTheOrderOfScoresAndNotOnTheOrderOfRows() {
        qt().withExamples(30).forAll(longs().all()).checkAssert(seed -> {
            SurvivalData data = CoxProperties.simulate(seed, 300, seed % 2 == 0);
            double[] x1 = data.covariate("x1");
            double[] scores = new double[x1.length];
            double[] transformed = new double[x1.length];
            double[] reversed = new double[x1.length];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = Math.rint(4 * x1[i]) + data.covariate("group")[i]; // with ties in score
                transformed[i] = Math.exp(scores[i] / 3) + 7;
                reversed[i] = -scores[i];
            }
            Concordance c = Concordance.of(scores, data);
            Concordance t = Concordance.of(transformed, data);
            assertThat(t.value()).isCloseTo(c.value(), within(1e-14));
            assertThat(t.standardError()).isCloseTo(c.standardError(), within(1e-14));
            Concordance r = Concordance.of(reversed, data);
            assertThat(r.value()).isCloseTo(1 - c.value(), within(1e-14));
            assertThat(r.standardError()).isCloseTo(c.standardError(), within(1e-14));
            assertThat(r.tied()).isEqualTo(c.tied());
            // the rows in another order
            int n = scores.length;
            int[] order = new Random(seed).ints(0, n).distinct().limit(n).toArray();
            double[] time = new double[n];
            boolean[] event = new boolean[n];
            double[] shuffled = new double[n];
            boolean[] events = eventsOf(data);
            for (int k = 0; k < n; k++) {
                time[k] = data.stop[order[k]];
                event[k] = events[order[k]];
                shuffled[k] = scores[order[k]];
            }
            Concordance s = Concordance.of(shuffled, SurvivalData.of(time, event));
            assertThat(s.value()).isCloseTo(c.value(), within(1e-14));
            assertThat(s.standardError()).isCloseTo(c.standardError(), within(1e-14));
        });
    }

    @Test
    void theKaplanMeierPredictionScoresTheReferenceAndTheTrueModelBeatsIt() {
        qt().withExamples(15).forAll(longs().all()).checkAssert(seed -> {
            SurvivalData data = CoxProperties.simulate(seed, 1000, seed % 2 == 0);
            CoxModel model = CoxModel.fit(data);
            double horizon = 8;
            double km = KaplanMeierSteps.of(data.stop, eventsOf(data), null).at(horizon);
            SurvivalRegression constant = (SurvivalRegression) Proxy.newProxyInstance(
                    SurvivalRegression.class.getClassLoader(), new Class<?>[] {SurvivalRegression.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "survival" -> km;
                        case "covariateNames" -> List.of();
                        default -> method.invoke(model, args);
                    });
            BrierScore reference = BrierScore.of(constant, data, horizon);
            assertThat(reference.value()).isCloseTo(reference.reference(), within(1e-15));
            BrierScore fitted = BrierScore.of(model, data, horizon);
            assertThat(fitted.reference()).isEqualTo(reference.reference());
            // coefficients 0.5, -0.8, 0.3 explain a good part of the variation: 0.21 to 0.36 over 200 seeds
            assertThat(fitted.explainedVariation()).isBetween(0.1, 0.5);
            // within 3 time units: the group of the highest risk (hazards up to about 2 a unit) has customers
            // observed beyond the horizon in any sample; by 8 it may not, and its Kaplan-Meier estimate is then
            // undefined, which the table refuses (see calibrationIsUndefinedBeyondAGroupsFollowUp)
            CalibrationTable table = CalibrationTable.of(model, data, 3, 7, 0.9);
            assertThat(table.groups().stream().mapToInt(CalibrationTable.Group::customers).sum()).isEqualTo(1000);
            assertThat(table.groups()).allSatisfy(g -> assertThat(g.customers()).isBetween(142, 143));
            for (int g = 1; g < 7; g++) {
                assertThat(table.groups().get(g).lowestPredicted())
                        .isGreaterThanOrEqualTo(table.groups().get(g - 1).highestPredicted());
            }
        });
    }

    @Test
    void calibrationIsUndefinedBeyondAGroupsFollowUp() {
        // two groups: the riskier customers (x = 1) churned or censored by 2, the last of them censored; the
        // others followed to 10
        SurvivalData data = SurvivalData.of(new double[] {1, 2, 1.5, 2, 2, 10, 6, 9, 1.2, 7},
                new boolean[] {true, false, true, false, false, false, true, false, true, true})
                .withCovariate("x", new double[] {1, 1, 1, 1, 1, 0, 0, 0, 0, 0});
        CoxModel model = CoxModel.fit(data);
        assertThat(model.coefficients()[0]).isPositive();
        assertThat(CalibrationTable.of(model, data, 2, 2, 0.95).groups()).hasSize(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CalibrationTable.of(model, data, 5, 2, 0.95))
                .isInstanceOf(org.loyaltymetrics.UndefinedResultException.class)
                .hasMessageContaining("group 2 by 5.0 is undefined");
    }

    private static boolean[] eventsOf(SurvivalData data) {
        return data.event.clone();
    }
}
