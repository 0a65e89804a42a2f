package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.SpendHistory;
import org.loyaltymetrics.model.Scorer.Customer;
import org.loyaltymetrics.model.Scorer.Figure;
import org.loyaltymetrics.model.Scorer.Score;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.Estimate;

/**
 * The bulk scorer gives, for every customer, exactly what the models' own predictions and
 * {@link PredictionUncertainty} give for that customer (so its correctness rests on theirs, tested against
 * lifetimes and quadrature), in order, with each distinct history computed once.
 */
class ScorerTest {

    private static BetaGeometricNbdModel purchases;
    private static GammaGammaModel spend;
    private static List<Customer> customers;

    @BeforeAll
    static void fit() {
        purchases = BetaGeometricNbdModel.fit(ReferenceData.cdnow());
        spend = GammaGammaModel.fit(ReferenceData.cdnowSpend());
        customers = new ArrayList<>();
        long id = 1;
        for (ReferenceData.Customer c : ReferenceData.cdnowCustomers()) {
            customers.add(new Customer(id++, PurchaseHistory.of(c.x(), c.recency(), c.age(), ChronoUnit.WEEKS),
                    c.x() > 0 && c.meanSpend() > 0 ? SpendHistory.of(c.x(), c.meanSpend()) : null));
        }
    }

    @Test
    void eachScoreIsTheModelsOwnPrediction() {
        Scorer scorer = Scorer.of(purchases, 39);
        assertThat(scorer.figures()).containsExactly(Figure.EXPECTED_PURCHASES, Figure.PROBABILITY_ALIVE);
        List<Score> scores = scorer.scoreAll(customers);
        assertThat(scores).hasSize(2357);
        for (int i = 0; i < scores.size(); i++) {
            Score score = scores.get(i);
            PurchaseHistory history = customers.get(i).history();
            assertThat(score.customerId()).isEqualTo(i + 1);
            assertThat(score.expectedPurchases()).isEqualTo(purchases.conditionalExpectedPurchases(39, history));
            assertThat(score.probabilityAlive()).isEqualTo(purchases.probabilityAlive(history));
        }
        // customer 1 of the published example: x = 2, tₓ = 30.43, T = 38.86 -> 1.226 in the next 39 weeks
        assertThat(scores.get(0).expectedPurchases()).isBetween(1.2255, 1.2265);
        assertThat(scores.get(0).hasIntervals()).isFalse();
        assertThatThrownBy(() -> scores.get(0).confidenceInterval(Figure.EXPECTED_PURCHASES))
                .isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> scores.get(0).value(Figure.LIFETIME_VALUE)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("figure");
    }

    @Test
    void aScorerSurvivesJavaSerializationAndScoresAsBefore() throws Exception {
        ValuationHorizon year = ValuationHorizon.of(12, ChronoUnit.MONTHS, 0.01);
        Scorer scorer = Scorer.of(purchases, 52).withSpend(spend).withLifetimeValue(year).withIntervals(0.9)
                .withPurchaseRanges();
        assertThat(scorer.hasPurchaseRanges()).isTrue();
        assertThat(Scorer.of(purchases, 52).hasPurchaseRanges()).isFalse();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(scorer);
        }
        Scorer copy;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (Scorer) in.readObject();
        }
        assertThat(copy.figures()).isEqualTo(scorer.figures());
        assertThat(copy.hasIntervals()).isTrue();
        assertThat(copy.hasPurchaseRanges()).isTrue();
        List<Customer> some = customers.subList(0, 300);
        // the same models, steps and settings: the same scores to the last bit
        assertThat(copy.scoreAll(some)).isEqualTo(scorer.scoreAll(some));
    }

    @Test
    void spendLifetimeValueAndIntervalsAreThoseOfTheModelsAndTheirUncertainty() {
        ValuationHorizon year = ValuationHorizon.of(12, ChronoUnit.MONTHS, 0.01);
        Scorer scorer = Scorer.of(purchases, 52).withSpend(spend).withLifetimeValue(year).withIntervals(0.9)
                .withPurchaseRanges();
        assertThat(scorer.figures()).containsExactly(Figure.values());
        PredictionUncertainty uncertainty = PredictionUncertainty.delta(purchases, spend);
        for (int i : new int[] {0, 1, 2, 17, 1000}) { // with and without spend data
            Customer customer = customers.get(i);
            Score score = scorer.score(customer);
            SpendHistory s = customer.spend();
            Estimate expected = uncertainty.conditionalExpectedPurchases(52, customer.history());
            assertThat(score.estimate(Figure.EXPECTED_PURCHASES)).isEqualTo(expected);
            assertThat(score.confidenceInterval(Figure.EXPECTED_PURCHASES)).isEqualTo(expected.confidenceInterval(0.9));
            assertThat(score.estimate(Figure.PROBABILITY_ALIVE)).isEqualTo(uncertainty.probabilityAlive(customer.history()));
            assertThat(score.estimate(Figure.EXPECTED_AVERAGE_SPEND)).isEqualTo(s == null
                    ? uncertainty.populationMeanSpend() : uncertainty.conditionalExpectedAverageSpend(s));
            // the uncertainty computes the value as the product of its two parts: the same to rounding
            double lifetimeValue = s == null ? spend.customerLifetimeValue(purchases, customer.history(), year)
                    : spend.customerLifetimeValue(purchases, customer.history(), s, year);
            assertThat(score.value(Figure.LIFETIME_VALUE)).isCloseTo(lifetimeValue, within(1e-13 * lifetimeValue));
            assertThat(score.estimate(Figure.LIFETIME_VALUE)).isEqualTo(s == null
                    ? uncertainty.customerLifetimeValue(customer.history(), year)
                    : uncertainty.customerLifetimeValue(customer.history(), s, year));
            // the range of the customer's own count is wider than the interval of its expectation
            PredictionInterval range = score.purchaseRange();
            assertThat(range).isEqualTo(purchases.predictionInterval(52, customer.history(), 0.9));
            ConfidenceInterval interval = score.confidenceInterval(Figure.EXPECTED_PURCHASES);
            assertThat(range.high() - range.low()).isGreaterThanOrEqualTo((long) Math.floor(interval.high() - interval.low()));
        }
        assertThat(scorer.score(customers.get(0)).toString()).startsWith("Score of customer 1: expected_purchases ")
                .contains(", lifetime_value ").contains(" [");
        assertThat(scorer.toString()).isEqualTo("Scorer: BG/NBD and Gamma-Gamma, horizon 52.0 weeks, expected_purchases, "
                + "probability_alive, expected_average_spend, lifetime_value, 90.0% intervals (delta), purchase ranges");
    }

    @Test
    void aStreamOfCustomersIsScoredInOrderEachDistinctHistoryOnce() {
        // 2,357 customers ten times over with new ids: more than two blocks, the same 1,306 distinct histories
        Scorer scorer = Scorer.of(purchases, 39).withSpend(spend);
        List<Customer> many = new ArrayList<>();
        for (int copy = 0; copy < 10; copy++) {
            for (Customer c : customers) {
                many.add(new Customer(copy * 10_000L + c.id(), c.history(), c.spend()));
            }
        }
        assertThat(many.size()).isGreaterThan(Scorer.BLOCK);
        List<Score> scores = new ArrayList<>();
        Scorer.Scored scored = scorer.scoreAll(many.iterator(), scores::add);
        long distinct = customers.stream().map(c -> List.of(c.history(), String.valueOf(c.spend()))).distinct().count();
        assertThat(scored).isEqualTo(new Scorer.Scored(23_570, distinct));
        for (int i = 0; i < many.size(); i += 997) {
            Score score = scores.get(i);
            assertThat(score.customerId()).isEqualTo(many.get(i).id());
            assertThat(score).isEqualTo(withId(scorer.score(many.get(i)), many.get(i).id()));
        }
    }

    private static Score withId(Score score, long id) {
        assertThat(score.customerId()).isEqualTo(id);
        return score;
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> Scorer.of(purchases, -1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("horizon");
        assertThatThrownBy(() -> Scorer.of(purchases, 39).withLifetimeValue(ValuationHorizon.of(12, ChronoUnit.MONTHS, 0)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("withSpend");
        assertThatThrownBy(() -> Scorer.of(purchases, 39).withPurchaseRanges()).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("withIntervals");
        assertThatThrownBy(() -> Scorer.of(purchases, 39).withIntervals(0.9).score(customers.get(0)).purchaseRange())
                .isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> Scorer.of(purchases, 39).withIntervals(1.0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("confidence");
        BetaGeometricNbdModel given = BetaGeometricNbdModel.of(0.24, 4.4, 0.79, 2.4, ChronoUnit.WEEKS);
        assertThatThrownBy(() -> Scorer.of(given, 39).withIntervals(0.9)).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> Scorer.of(given, 39).withIntervals(0.9, PredictionUncertainty.delta(purchases)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("uncertainty");
        // a saved fit's covariance gives the intervals of a model built from its parameters
        BetaGeometricNbdModel rebuilt = BetaGeometricNbdModel.of(purchases.r(), purchases.alpha(), purchases.a(),
                purchases.b(), ChronoUnit.WEEKS);
        Scorer fromSaved = Scorer.of(rebuilt, 39).withIntervals(0.9,
                PredictionUncertainty.delta(rebuilt, purchases.fitResult()));
        assertThat(fromSaved.score(customers.get(0)).estimate(Figure.EXPECTED_PURCHASES))
                .isEqualTo(Scorer.of(purchases, 39).withIntervals(0.9).score(customers.get(0))
                        .estimate(Figure.EXPECTED_PURCHASES));
        assertThatThrownBy(() -> PredictionUncertainty.delta(given, purchases.fitResult()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("fit");
    }
}
