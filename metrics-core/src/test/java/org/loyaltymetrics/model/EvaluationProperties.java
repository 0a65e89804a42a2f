package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.money.CurrencyUnit;

/** Properties of the calibration/holdout evaluation over random transaction logs (QuickTheories). */
class EvaluationProperties {

    private static final LocalDate START = LocalDate.of(2025, 1, 1);
    /** Calibration to day 60 (2025-03-02), holdout to day 119 (2025-04-30). */
    private static final LocalDate CALIBRATION_END = START.plusDays(60);
    private static final LocalDate END = START.plusDays(119);

    private static final List<TransactionModel> MODELS = List.of(
            BetaGeometricNbdModel.of(0.5, 2.0, 0.8, 2.5, ChronoUnit.WEEKS),
            ModifiedBetaGeometricNbdModel.of(0.5, 2.0, 0.8, 2.5, ChronoUnit.WEEKS),
            ParetoNbdModel.of(0.5, 2.0, 0.6, 8.0, ChronoUnit.WEEKS));

    /**
     * A random log of 1 to 40 customers with 1 to 10 transactions each on days 0..129 (some after the end,
     * some customers first seen in the holdout), none on the calibration end day (a first purchase there
     * would be refused).
     */
    private static RfmSummary log(long seed) {
        Random random = new Random(seed);
        RfmSummary.Accumulator accumulator = RfmSummary.accumulator(CurrencyUnit.USD, CALIBRATION_END, END);
        int customers = 1 + random.nextInt(40);
        for (int c = 0; c < customers; c++) {
            int transactions = 1 + random.nextInt(10);
            int first = random.nextInt(random.nextBoolean() ? 60 : 130);
            for (int t = 0; t < transactions; t++) {
                int day = t == 0 ? first : first + random.nextInt(130 - first);
                accumulator.add(c, START.plusDays(day == 60 ? 61 : day), 100);
            }
        }
        return accumulator.snapshot();
    }

    @Test
    void trackingCountsEveryRepeatPurchaseOnceAndExpectationsAccumulate() {
        qt().withExamples(30).forAll(longs().all()).checkAssert(seed -> {
            RfmSummary split = log(seed);
            long calibration = split.repeatPurchases();
            long holdout = split.customers().stream().mapToLong(RfmSummary.Customer::holdoutPurchases).sum();
            for (TransactionModel model : MODELS) {
                HoldoutEvaluation days = HoldoutEvaluation.of(model, split, ChronoUnit.DAYS);
                assertThat(days.customers() + days.excluded()).isEqualTo(split.size() + split.customersFirstSeenInHoldout());
                if (days.isEmpty()) {
                    assertThat(days.tracking()).isEmpty();
                    continue;
                }
                List<HoldoutEvaluation.TrackingPeriod> daily = days.tracking();
                // by day, the calibration ends after a whole number of periods: its cumulative count is Σ x
                int calibrationDays = (int) days.calibrationEndPeriod();
                assertThat(days.calibrationEndPeriod()).isEqualTo(calibrationDays);
                assertThat(daily.get(calibrationDays - 1).cumulativeActual()).isEqualTo(calibration);
                assertThat(daily.get(daily.size() - 1).cumulativeActual()).isEqualTo(calibration + holdout);
                assertThat(days.actualPurchases()).isEqualTo(holdout);
                double previous = 0.0;
                for (HoldoutEvaluation.TrackingPeriod day : daily) {
                    assertThat(day.expected()).isGreaterThanOrEqualTo(-1e-12 * day.cumulativeExpected());
                    assertThat(day.cumulativeExpected()).isGreaterThanOrEqualTo(previous);
                    previous = day.cumulativeExpected();
                }
                // every unit ends its last period the day after the end: the same cumulative expectation
                for (ChronoUnit unit : List.of(ChronoUnit.WEEKS, ChronoUnit.MONTHS, ChronoUnit.YEARS)) {
                    List<HoldoutEvaluation.TrackingPeriod> periods = HoldoutEvaluation.of(model, split, unit).tracking();
                    HoldoutEvaluation.TrackingPeriod last = periods.get(periods.size() - 1);
                    assertThat(last.end()).isEqualTo(END.plusDays(1));
                    assertThat(last.cumulativeActual()).isEqualTo(calibration + holdout);
                    assertThat(last.cumulativeExpected()).isCloseTo(previous, within(1e-12 * previous));
                    assertThat(periods.stream().mapToLong(HoldoutEvaluation.TrackingPeriod::actual).sum())
                            .isEqualTo(calibration + holdout);
                }
            }
        });
    }

    @Test
    void classesErrorsAndBinsAddUp() {
        qt().withExamples(30).forAll(longs().all()).checkAssert(seed -> {
            RfmSummary split = log(seed);
            for (TransactionModel model : MODELS) {
                HoldoutEvaluation evaluation = HoldoutEvaluation.of(model, split);
                if (evaluation.isEmpty()) {
                    continue;
                }
                for (int open : new int[] {1, 3, 7}) {
                    long customers = 0;
                    double actual = 0;
                    double predicted = 0;
                    for (HoldoutEvaluation.FrequencyClass c : evaluation.byFrequency(open)) {
                        customers += c.customers();
                        actual += c.actual() * c.customers();
                        predicted += c.predicted() * c.customers();
                        assertThat(c.openEnded()).isEqualTo(c.frequency() == open);
                    }
                    assertThat(customers).isEqualTo(evaluation.customers());
                    assertThat(actual).isCloseTo(evaluation.actualPurchases(), within(1e-9));
                    assertThat(predicted).isCloseTo(evaluation.predictedPurchases(), within(1e-9));
                }
                HoldoutEvaluation.PredictionErrors errors = evaluation.perCustomer();
                assertThat(Math.abs(errors.bias())).isLessThanOrEqualTo(errors.mae() * (1 + 1e-12));
                assertThat(errors.mae()).isLessThanOrEqualTo(errors.rmse() * (1 + 1e-12));
                assertThat(errors.bias() * errors.customers())
                        .isCloseTo(evaluation.predictedPurchases() - evaluation.actualPurchases(), within(1e-9));
                // identical histories get identical predictions
                for (HoldoutEvaluation.CustomerPrediction p : evaluation.customerPredictions()) {
                    RfmSummary.Customer c = split.customer(p.customerId());
                    assertThat(p.predicted()).isEqualTo(model.conditionalExpectedPurchases(evaluation.holdoutLength(),
                            org.loyaltymetrics.data.PurchaseHistory.of(c.frequency(), c.recency(ChronoUnit.WEEKS),
                                    c.age(ChronoUnit.WEEKS), ChronoUnit.WEEKS)));
                }
                ChiSquareGoodnessOfFit chiSquare = evaluation.chiSquare();
                assertThat(chiSquare.bins().stream().mapToLong(ChiSquareGoodnessOfFit.Bin::observed).sum())
                        .isEqualTo(evaluation.customers());
                assertThat(chiSquare.bins().stream().mapToDouble(ChiSquareGoodnessOfFit.Bin::expected).sum())
                        .isCloseTo(evaluation.customers(), within(1e-9 * evaluation.customers()));
                assertThat(chiSquare.customers()).isEqualTo(PurchaseHistories.from(split, ChronoUnit.WEEKS).customers());
                assertThat(chiSquare.statistic()).isNotNegative();
            }
        });
    }
}
