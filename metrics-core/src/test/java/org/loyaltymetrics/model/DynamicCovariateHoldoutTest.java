package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.data.TimeVaryingCovariates;

/**
 * The holdout evaluation of the Pareto/NBD with time-varying covariates on the 1,001 customers of the shared
 * synthetic data set's dynamic-covariate fits (src/test/resources/covariates/README.md): calibration to
 * 2023-12-31, holdout to 2024-12-29. With all coefficients 0 every figure must be that of the plain Pareto/NBD's
 * evaluation of an {@link RfmSummary} split of the same transactions; at CLVTools' estimates the predictions
 * sum to CLVTools' summed CET.
 */
class DynamicCovariateHoldoutTest {

    /** The RFM split of the subset's transactions, calibration and holdout as the join's. */
    private static RfmSummary split() {
        RfmSummary.Accumulator accumulator = RfmSummary.accumulator(CurrencyUnit.USD,
                DynamicCovariateReferenceData.CALIBRATION_END, DynamicCovariateReferenceData.PREDICTION_END);
        DynamicCovariateReferenceData.purchaseDates().forEach((id, dates) -> dates.forEach(date ->
                accumulator.add(id, date, 100)));
        return accumulator.snapshot();
    }

    @Test
    void withoutCovariateEffectsItIsThePlainParetoNbdsEvaluation() {
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        double[] p = ParetoNbdDynamicCovariateModelTest.WITHOUT_EFFECTS;
        HoldoutEvaluation dynamic = HoldoutEvaluation.of(ParetoNbdDynamicCovariateModelTest.model(p), data);
        HoldoutEvaluation plain = HoldoutEvaluation.of(ParetoNbdDynamicCovariateModelTest.PLAIN,
                split());
        assertThat(dynamic.customers()).isEqualTo(plain.customers()).isEqualTo(1001);
        assertThat(dynamic.excluded()).isEqualTo(plain.excluded());
        assertThat(dynamic.holdoutLength()).isEqualTo(plain.holdoutLength()).isEqualTo(52.0);
        assertThat(dynamic.actualPurchases()).isEqualTo(plain.actualPurchases());
        for (int i = 0; i < 1001; i++) {
            HoldoutEvaluation.CustomerPrediction a = dynamic.customerPredictions().get(i);
            HoldoutEvaluation.CustomerPrediction b = plain.customerPredictions().get(i);
            assertThat(a.customerId()).isEqualTo(b.customerId());
            assertThat(a.frequency()).isEqualTo(b.frequency());
            assertThat(a.actual()).isEqualTo(b.actual());
            assertThat(a.predicted()).isCloseTo(b.predicted(), within(1e-10 * (1.0 + b.predicted())));
        }
        assertThat(dynamic.perCustomer().rmse()).isCloseTo(plain.perCustomer().rmse(), within(1e-10));
        assertThat(dynamic.tracking()).hasSameSizeAs(plain.tracking()).hasSize(105);
        for (int k = 0; k < plain.tracking().size(); k++) {
            HoldoutEvaluation.TrackingPeriod a = dynamic.tracking().get(k);
            HoldoutEvaluation.TrackingPeriod b = plain.tracking().get(k);
            assertThat(a.start()).isEqualTo(b.start());
            assertThat(a.end()).isEqualTo(b.end());
            assertThat(a.actual()).isEqualTo(b.actual());
            assertThat(a.cumulativeActual()).isEqualTo(b.cumulativeActual());
            assertThat(a.cumulativeExpected()).isCloseTo(b.cumulativeExpected(), within(1e-12 * b.cumulativeExpected()));
        }
        assertThat(dynamic.calibrationEndPeriod()).isEqualTo(plain.calibrationEndPeriod());
        List<ChiSquareGoodnessOfFit.Bin> bins = dynamic.chiSquare().bins();
        assertThat(bins).hasSameSizeAs(plain.chiSquare().bins());
        for (int b = 0; b < bins.size(); b++) {
            ChiSquareGoodnessOfFit.Bin expected = plain.chiSquare().bins().get(b);
            assertThat(bins.get(b).lowest()).isEqualTo(expected.lowest());
            assertThat(bins.get(b).highest()).isEqualTo(expected.highest());
            assertThat(bins.get(b).observed()).isEqualTo(expected.observed());
            assertThat(bins.get(b).expected()).isCloseTo(expected.expected(), within(1e-9));
        }
        assertThat(dynamic.modelName()).isEqualTo("Pareto/NBD with time-varying covariates");
        assertThat(dynamic.hasCovariates()).isTrue();
        assertThatThrownBy(dynamic::model).isInstanceOf(UndefinedResultException.class)
                .hasMessageContaining("dynamicCovariateModel()");
        assertThatThrownBy(dynamic::covariateModel).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(dynamic::aic).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(plain::dynamicCovariateModel).isInstanceOf(UndefinedResultException.class);
    }

    @Test
    void atClvToolsEstimatesThePredictionsSumToItsCet() {
        // CLVTools' summed CET over the 1,001 customers at its restarted estimates (reference_results.json,
        // fits.pnbd_dynamic_polished): 2790.95961678751, to its 1e-10 agreement with our predict()
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        ParetoNbdDynamicCovariateModel model = ParetoNbdDynamicCovariateModelTest.model(
                ParetoNbdDynamicCovariateModelTest.POLISHED);
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(model, data);
        assertThat(evaluation.predictedPurchases()).isCloseTo(2790.95961678751, within(1e-7));
        assertThat(evaluation.dynamicCovariateModel()).isSameAs(model);
        // every purchase day after a first one is in the tracking, calibration and holdout
        long repeat = 0;
        for (int i = 0; i < data.size(); i++) {
            repeat += data.purchaseDays(i) - 1 + data.predictionPurchases(i);
        }
        List<HoldoutEvaluation.TrackingPeriod> tracking = evaluation.tracking();
        assertThat(tracking.get(tracking.size() - 1).cumulativeActual()).isEqualTo(repeat);
        // the expected count at the end e of the last period of the calibration is Σᵢ E_i[X(e − sᵢ)], sᵢ < e
        HoldoutEvaluation.TrackingPeriod last = tracking.stream().filter(t -> !t.end().isAfter(
                DynamicCovariateReferenceData.CALIBRATION_END.plusDays(1))).reduce((a, b) -> b).orElseThrow();
        double calibration = 0.0;
        for (int i = 0; i < data.size(); i++) {
            long lag = last.end().toEpochDay() - data.purchaseDay(i, 0);
            calibration += lag > 0 ? model.expectedPurchases(data, i, lag / 7.0) : 0.0;
        }
        assertThat(last.cumulativeExpected()).isCloseTo(calibration, within(1e-12 * calibration));
        // the χ² expectations add up to the customers, the estimated parameters are none (given parameters)
        ChiSquareGoodnessOfFit test = evaluation.chiSquare();
        assertThat(test.bins().stream().mapToDouble(ChiSquareGoodnessOfFit.Bin::expected).sum())
                .isCloseTo(1001.0, within(1e-9));
        assertThat(test.estimatedParameters()).isZero();
        assertThat(evaluation.toString()).startsWith("Pareto/NBD with time-varying covariates holdout evaluation to "
                + "2024-12-29 (52.0000 weeks): 1001 customers");
    }

    @Test
    void refusesDataItCannotEvaluate() {
        ParetoNbdDynamicCovariateModel model = ParetoNbdDynamicCovariateModelTest.model(
                ParetoNbdDynamicCovariateModelTest.POLISHED);
        TimeVaryingCovariates covariates = DynamicCovariateReferenceData.covariates();
        LocalDate end = DynamicCovariateReferenceData.CALIBRATION_END;
        TimeVaryingCovariates.Joined noHoldout = covariates.join(Map.of(1L, List.of(end.minusDays(30))), end, null,
                CustomerCovariates.MissingCovariates.REFUSE);
        assertThatThrownBy(() -> HoldoutEvaluation.of(model, noHoldout)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("data").hasMessageContaining("no prediction period");
        TimeVaryingCovariates.Joined firstOnTheEnd = covariates.join(Map.of(1L, List.of(end), 2L,
                List.of(end.minusDays(9))), end, end.plusDays(28), CustomerCovariates.MissingCovariates.REFUSE);
        assertThatThrownBy(() -> HoldoutEvaluation.of(model, firstOnTheEnd)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("T = 0").hasMessageContaining("customer 1");
        assertThatThrownBy(() -> HoldoutEvaluation.of(model, DynamicCovariateReferenceData.joined(), ChronoUnit.HOURS))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("periodUnit");
        ParetoNbdDynamicCovariateModel other = ParetoNbdDynamicCovariateModel.of(1, 1, 1, 1, List.of("a"),
                new double[1], new double[1]);
        assertThatThrownBy(() -> HoldoutEvaluation.of(other, DynamicCovariateReferenceData.joined()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("covariates");
    }
}
