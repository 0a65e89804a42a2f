package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.PurchaseHistory;
import org.quicktheories.core.Gen;

/**
 * Properties of the conditional predictions over random parameters and histories (QuickTheories):
 * the conditional distribution is a distribution whose mean is the conditional expectation, P(alive)
 * later never rises and stays a probability, the prediction interval holds its level, and DERT is
 * positive, falls with the discount rate and is at most the undiscounted rate times 1/δ.
 */
class ConditionalPredictionsProperties {

    record Parameters(double r, double alpha, double third, double fourth) {
    }

    private static Gen<Parameters> parameters() {
        return doubles().between(0.05, 5).zip(doubles().between(0.5, 50), doubles().between(0.2, 5),
                doubles().between(0.2, 20), Parameters::new);
    }

    private static Gen<PurchaseHistory> histories() {
        return longs().between(0, 40).zip(doubles().between(0.0, 1.0), doubles().between(1, 100),
                (x, share, age) -> PurchaseHistory.of(x, x == 0 ? 0.0 : share * age, age, ChronoUnit.WEEKS));
    }

    private static List<TransactionModel> models(Parameters p) {
        return List.of(BetaGeometricNbdModel.of(p.r(), p.alpha(), p.third(), p.fourth(), ChronoUnit.WEEKS),
                ModifiedBetaGeometricNbdModel.of(p.r(), p.alpha(), p.third(), p.fourth(), ChronoUnit.WEEKS),
                ParetoNbdModel.of(p.r(), p.alpha(), p.third(), p.fourth(), ChronoUnit.WEEKS));
    }

    @Test
    void theConditionalDistributionIsADistributionWithTheConditionalMean() {
        qt().withExamples(40).forAll(parameters(), histories(), doubles().between(0.5, 30)).checkAssert((p, h, t) -> {
            for (TransactionModel model : models(p)) {
                double total = 0.0;
                double mean = 0.0;
                double tail = 1.0;
                for (long n = 0; n < 20_000 && tail > 1e-13; n++) {
                    double probability = model.probabilityOfPurchases(n, t, h);
                    assertThat(probability).as("%s %s n %s", model, h, n).isBetween(0.0, 1.0);
                    total += probability;
                    mean += n * probability;
                    tail = 1.0 - total;
                }
                assertThat(total).as("%s %s", model, h).isCloseTo(1.0, within(1e-9));
                double expected = model.conditionalExpectedPurchases(t, h);
                assertThat(mean).as("%s %s", model, h).isCloseTo(expected, within(1e-7 * Math.max(1.0, expected)));
            }
        });
    }

    @Test
    void probabilityAliveLaterNeverRisesAndStaysAProbability() {
        qt().withExamples(100).forAll(parameters(), histories(), doubles().between(0.0, 1000)).checkAssert((p, h, t) -> {
            for (TransactionModel model : models(p)) {
                double now = model.probabilityAlive(h);
                double later = model.probabilityAlive(t, h);
                double muchLater = model.probabilityAlive(2 * t + 1, h);
                assertThat(later).as("%s %s", model, h).isBetween(0.0, now + 1e-15);
                assertThat(muchLater).as("%s %s", model, h).isBetween(0.0, later + 1e-15);
            }
        });
    }

    @Test
    void thePredictionIntervalHoldsItsLevel() {
        qt().withExamples(30).forAll(parameters(), histories(), doubles().between(0.5, 0.99)).checkAssert((p, h, level) -> {
            for (TransactionModel model : models(p)) {
                PredictionInterval interval = model.predictionInterval(26, h, level);
                assertThat(interval.probability()).as("%s %s", model, h).isGreaterThanOrEqualTo(level - 1e-12);
                assertThat(interval.low()).isLessThanOrEqualTo(interval.high());
            }
        });
    }

    @Test
    void dertFallsWithTheDiscountRate() {
        qt().withExamples(100).forAll(parameters(), histories(), doubles().between(1e-5, 1.0)).checkAssert((p, h, d) -> {
            ParetoNbdModel model = ParetoNbdModel.of(p.r(), p.alpha(), p.third(), p.fourth(), ChronoUnit.WEEKS);
            double dert = model.discountedExpectedResidualTransactions(d, h);
            double steeper = model.discountedExpectedResidualTransactions(2 * d, h);
            double rate = model.probabilityAlive(h) * (p.r() + h.frequency()) / (p.alpha() + h.age());
            assertThat(dert).as("%s %s", model, h).isPositive().isLessThanOrEqualTo(rate / d * (1 + 1e-12));
            assertThat(steeper).isLessThan(dert);
        });
    }
}
