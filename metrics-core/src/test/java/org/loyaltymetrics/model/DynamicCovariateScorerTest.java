package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.SpendHistory;
import org.loyaltymetrics.data.TimeVaryingCovariates;
import org.loyaltymetrics.model.Scorer.Figure;
import org.loyaltymetrics.model.Scorer.Score;

/**
 * {@link DynamicCovariateScorer} on the 1,001 customers of the shared data set's dynamic-covariate fits
 * (src/test/resources/covariates/README.md), calibration to 2023-12-31 and a prediction period of 52 weeks to
 * 2024-12-29: with all coefficients 0 every figure is the {@link Scorer}'s with the plain Pareto/NBD; with the
 * fitted model the intervals are the delta method's of {@link ParetoNbdDynamicCovariateModel#predictWithUncertainty}
 * and {@link PredictionUncertainty}, and the 90 % purchase ranges hold as many of the customers' holdout counts as
 * their probabilities say.
 */
class DynamicCovariateScorerTest {

    /** The Gamma-Gamma fit to the CDNOW spend (ReferenceData), a spend model with a covariance. */
    private static final GammaGammaModel SPEND = GammaGammaModel.fit(ReferenceData.cdnowSpend());

    /** Spend histories of a few customers; the others are scored with the population mean. */
    private static Map<Long, SpendHistory> spending() {
        Map<Long, SpendHistory> spending = new HashMap<>();
        spending.put(2L, new SpendHistory(1, 12.5));
        spending.put(3L, new SpendHistory(4, 41.0));
        spending.put(1914L, new SpendHistory(60, 35.2));
        return spending;
    }

    @Test
    void withoutCovariateEffectsEveryFigureIsTheScorersWithThePlainParetoNbd() {
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        double[] p = ParetoNbdDynamicCovariateModelTest.WITHOUT_EFFECTS;
        ValuationHorizon valuation = ValuationHorizon.of(26, ChronoUnit.WEEKS, 0.002);
        DynamicCovariateScorer dynamic = DynamicCovariateScorer.of(ParetoNbdDynamicCovariateModelTest.model(p))
                .withSpend(SPEND).withLifetimeValue(valuation);
        ParetoNbdModel plain = ParetoNbdDynamicCovariateModelTest.PLAIN;
        Scorer scorer = Scorer.of(plain, 52.0).withSpend(SPEND).withLifetimeValue(valuation);
        Map<Long, SpendHistory> spending = spending();
        List<Score> scores = dynamic.scoreAll(data, spending);
        assertThat(scores).hasSize(1001);
        assertThat(dynamic.figures()).containsExactly(Figure.values());
        for (int row = 0; row < data.size(); row++) {
            Score a = scores.get(row);
            Score b = scorer.score(new Scorer.Customer(data.customerId(row), data.history(row),
                    spending.get(data.customerId(row))));
            assertThat(a.customerId()).isEqualTo(b.customerId());
            for (Figure figure : Figure.values()) {
                assertThat(a.value(figure)).as("row %d, %s", row, figure).isCloseTo(b.value(figure),
                        within(1e-10 * (1.0 + Math.abs(b.value(figure)))));
            }
        }
        // the conditional count distribution of the purchase ranges: the plain model's P(Y(52) = n | history)
        ParetoNbdDynamicCovariateModel model = ParetoNbdDynamicCovariateModelTest.model(p);
        for (int row : new int[] {0, 2, 500, 1000}) {
            double[] distribution = model.conditionalPurchaseDistribution(data, row, 52.0, 12);
            for (int n = 0; n <= 12; n++) {
                assertThat(distribution[n]).as("row %d, n %d", row, n).isCloseTo(
                        plain.probabilityOfPurchases(n, 52.0, data.history(row)), within(1e-11));
            }
        }
    }

    @Test
    void intervalsAreTheDeltaMethodsAndTheRangesHoldTheHoldout() {
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        ParetoNbdDynamicCovariateModel fit = ParetoNbdDynamicCovariateModel.fit(data, FitOptions.defaults(),
                ParetoNbdDynamicCovariateModelTest.POLISHED);
        ValuationHorizon valuation = ValuationHorizon.of(12, ChronoUnit.WEEKS, 0.0);
        DynamicCovariateScorer scorer = DynamicCovariateScorer.of(fit).withSpend(SPEND).withLifetimeValue(valuation)
                .withIntervals(0.9).withPurchaseRanges();
        Map<Long, SpendHistory> spending = spending();
        List<Score> scores = scorer.scoreAll(data, spending);
        List<ParetoNbdDynamicCovariateModel.PredictionEstimate> estimates = fit.predictWithUncertainty(data, 0.0);
        // the spend's standard error: PredictionUncertainty's delta method of the same Gamma-Gamma fit (the purchase
        // model there, a BG/NBD of CDNOW, does not enter the spend)
        PredictionUncertainty spendUncertainty = PredictionUncertainty.delta(
                BetaGeometricNbdModel.fit(ReferenceData.cdnow()), SPEND);
        // no discount: the lifetime value is Z·D, D = CET(12 weeks), the CET of a join predicting 12 weeks, with the
        // standard error the scorer's Javadoc states for a spend model fitted independently, exactly as the delta
        // method gives it for a product: SE(CLV)² = Z²·SE(D)² + D²·SE(Z)², here with D and SE(D) from the model's own
        // predictWithUncertainty of that join, Z from the spend model and SE(Z) from PredictionUncertainty. Both
        // SE(D)s are central differences at the same delta points, but of two summations of CET (the scorer's
        // Σ (CET(tᵢ) − CET(tᵢ₋₁)) over the 12 weeks, predict's sum over the prediction period's parts): their
        // rounding, ~1e-15 of D, divided by the step (6e-6) and by SE(D)/D (0.011 to 0.52 here), leaves ~1e-8 at
        // most; every customer's agrees to 4.4e-9 or better (asserted to 2e-8)
        TimeVaryingCovariates.Joined twelveWeeks = DynamicCovariateReferenceData.covariates().join(
                DynamicCovariateReferenceData.purchaseDates(), DynamicCovariateReferenceData.CALIBRATION_END,
                DynamicCovariateReferenceData.CALIBRATION_END.plusWeeks(12), CustomerCovariates.MissingCovariates.REFUSE);
        List<ParetoNbdDynamicCovariateModel.PredictionEstimate> twelve = fit.predictWithUncertainty(twelveWeeks, 0.0);
        long inRange = 0;
        double expectedInRange = 0.0;
        double varianceInRange = 0.0;
        for (int row = 0; row < data.size(); row++) {
            Score score = scores.get(row);
            ParetoNbdDynamicCovariateModel.PredictionEstimate estimate = estimates.get(row);
            assertThat(score.estimate(Figure.EXPECTED_PURCHASES).value()).isCloseTo(
                    estimate.conditionalExpectedPurchases().value(), within(1e-10 * (1 + score.expectedPurchases())));
            assertThat(score.estimate(Figure.EXPECTED_PURCHASES).standardError()).isCloseTo(
                    estimate.conditionalExpectedPurchases().standardError(),
                    within(1e-8 * (1e-6 + estimate.conditionalExpectedPurchases().standardError())));
            assertThat(score.estimate(Figure.PROBABILITY_ALIVE).standardError()).isCloseTo(
                    estimate.probabilityAlive().standardError(),
                    within(1e-8 * (1e-6 + estimate.probabilityAlive().standardError())));
            SpendHistory own = spending.get(data.customerId(row));
            double spendError = (own == null ? spendUncertainty.populationMeanSpend()
                    : spendUncertainty.conditionalExpectedAverageSpend(own)).standardError();
            assertThat(score.estimate(Figure.EXPECTED_AVERAGE_SPEND).standardError()).isCloseTo(spendError,
                    within(1e-12 * spendError));
            double z = own == null ? SPEND.populationMeanSpend() : SPEND.conditionalExpectedAverageSpend(own);
            org.loyaltymetrics.stats.Estimate d = twelve.get(row).conditionalExpectedPurchases();
            assertThat(twelve.get(row).customerId()).isEqualTo(data.customerId(row));
            double lifetimeError = Math.sqrt(z * z * d.standardError() * d.standardError()
                    + d.value() * d.value() * spendError * spendError);
            assertThat(score.estimate(Figure.LIFETIME_VALUE).standardError()).as("row %d", row).isCloseTo(lifetimeError,
                    within(2e-8 * lifetimeError));
            PredictionInterval range = score.purchaseRange();
            assertThat(range.probability()).isGreaterThanOrEqualTo(0.9 - 1e-12);
            inRange += range.contains(data.predictionPurchases(row)) ? 1 : 0;
            expectedInRange += range.probability();
            varianceInRange += range.probability() * (1 - range.probability());
        }
        List<ParetoNbdDynamicCovariateModel.Prediction> short12 = fit.predict(twelveWeeks, 0.0);
        for (int row : new int[] {0, 1, 2, 500, 1000}) {
            assertThat(scores.get(row).value(Figure.LIFETIME_VALUE)).isCloseTo(
                    scores.get(row).value(Figure.EXPECTED_AVERAGE_SPEND) * short12.get(row).conditionalExpectedPurchases(),
                    within(1e-10 * scores.get(row).value(Figure.LIFETIME_VALUE)));
        }
        // the 90 % ranges of whole counts hold more than 90 % each (a customer likely gone has 0..0 with P(Y = 0)
        // above 0.95): the actual holdout counts in them, a sum of independent Bernoulli trials, are their summed
        // probabilities within 4 standard deviations (971 of 1,001 against 964.7, standard deviation 5.9)
        assertThat((double) inRange).isCloseTo(expectedInRange, within(4 * Math.sqrt(varianceInRange)));
    }

    @Test
    void refusesWhatItCannotScore() {
        ParetoNbdDynamicCovariateModel model = ParetoNbdDynamicCovariateModelTest.model(
                ParetoNbdDynamicCovariateModelTest.POLISHED);
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        assertThatThrownBy(() -> DynamicCovariateScorer.of(model).withIntervals(0.9))
                .isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> DynamicCovariateScorer.of(model).withLifetimeValue(ValuationHorizon.of(4,
                ChronoUnit.WEEKS, 0.0))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("withSpend");
        assertThatThrownBy(() -> DynamicCovariateScorer.of(model).withPurchaseRanges())
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("withIntervals");
        assertThatThrownBy(() -> DynamicCovariateScorer.of(model).withSpend(SPEND).withLifetimeValue(
                ValuationHorizon.of(13, ChronoUnit.MONTHS, 0.0)).scoreAll(data, Map.of()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("valuation horizon")
                .hasMessageContaining("52.0000 weeks");
        LocalDate end = DynamicCovariateReferenceData.CALIBRATION_END;
        TimeVaryingCovariates.Joined noPrediction = DynamicCovariateReferenceData.covariates().join(
                Map.of(1L, List.of(end.minusDays(30))), end, null, CustomerCovariates.MissingCovariates.REFUSE);
        assertThatThrownBy(() -> DynamicCovariateScorer.of(model).scoreAll(noPrediction, Map.of()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no prediction period");
    }
}
