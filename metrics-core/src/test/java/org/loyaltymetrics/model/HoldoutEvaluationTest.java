package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.money.CurrencyUnit;

/** The calibration/holdout evaluation on a small log whose every figure is derived by hand. */
class HoldoutEvaluationTest {

    private static final LocalDate JAN_1 = LocalDate.of(2025, 1, 1);
    private static final LocalDate CALIBRATION_END = LocalDate.of(2025, 1, 31);
    private static final LocalDate END = LocalDate.of(2025, 3, 2);
    /** r = 1, α = 10, a = 1, b = 3 in days: P(X(20) = 0) = α/(α + 20) = 1/3, E[X(t)] in closed form. */
    private static final BetaGeometricNbdModel DAYS_MODEL = BetaGeometricNbdModel.of(1, 10, 1, 3, ChronoUnit.DAYS);

    /**
     * Calibration to Jan 31, holdout Feb 1 .. Mar 2 (30 days).
     * <ul>
     *   <li>1: Jan 1, Jan 11, Jan 21 (x = 2, tₓ = 20, T = 30); holdout Feb 10 twice (one day) and Feb 20: 2.</li>
     *   <li>2: Jan 15 (x = 0, T = 16); nothing in the holdout.</li>
     *   <li>3: Jan 8 twice (x = 0, T = 23); holdout Mar 2, the last day: 1.</li>
     *   <li>4: Feb 5 only: first seen in the holdout, excluded.</li>
     *   <li>5: Jan 1 (x = 0, T = 30); Mar 3 is after the end: 0.</li>
     * </ul>
     */
    static RfmSummary split() {
        return RfmSummary.accumulator(CurrencyUnit.USD, CALIBRATION_END, END)
                .add(1, JAN_1, 100).add(1, day(11), 100).add(1, day(21), 100).add(1, LocalDate.of(2025, 2, 10), 100)
                .add(1, LocalDate.of(2025, 2, 10), 100).add(1, LocalDate.of(2025, 2, 20), 100)
                .add(2, day(15), 100)
                .add(3, day(8), 100).add(3, day(8), 100).add(3, END, 100)
                .add(4, LocalDate.of(2025, 2, 5), 100)
                .add(5, JAN_1, 100).add(5, LocalDate.of(2025, 3, 3), 100)
                .snapshot();
    }

    private static LocalDate day(int january) {
        return LocalDate.of(2025, 1, january);
    }

    private static PurchaseHistory days(long x, double recency, double age) {
        return PurchaseHistory.of(x, recency, age, ChronoUnit.DAYS);
    }

    @Test
    void perCustomerPredictionsAndErrors() {
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(DAYS_MODEL, split());
        assertThat(evaluation.customers()).isEqualTo(4);
        assertThat(evaluation.excluded()).isEqualTo(1);
        assertThat(evaluation.isEmpty()).isFalse();
        assertThat(evaluation.holdoutLength()).isEqualTo(30.0);
        assertThat(evaluation.periodUnit()).isEqualTo(ChronoUnit.DAYS);
        assertThat(evaluation.calibrationEnd()).isEqualTo(CALIBRATION_END);
        assertThat(evaluation.end()).isEqualTo(END);
        assertThat(evaluation.model()).isSameAs(DAYS_MODEL);
        double one = DAYS_MODEL.conditionalExpectedPurchases(30, days(2, 20, 30));
        double two = DAYS_MODEL.conditionalExpectedPurchases(30, days(0, 0, 16));
        double three = DAYS_MODEL.conditionalExpectedPurchases(30, days(0, 0, 23));
        double five = DAYS_MODEL.conditionalExpectedPurchases(30, days(0, 0, 30));
        assertThat(evaluation.customerPredictions()).containsExactly(
                new HoldoutEvaluation.CustomerPrediction(1, 2, 2, one),
                new HoldoutEvaluation.CustomerPrediction(2, 0, 0, two),
                new HoldoutEvaluation.CustomerPrediction(3, 0, 1, three),
                new HoldoutEvaluation.CustomerPrediction(5, 0, 0, five));
        assertThat(evaluation.customerPredictions().get(2).error()).isEqualTo(three - 1);
        double[] errors = {one - 2, two, three - 1, five};
        HoldoutEvaluation.PredictionErrors e = evaluation.perCustomer();
        assertThat(e.customers()).isEqualTo(4);
        assertThat(e.mae()).isCloseTo((Math.abs(errors[0]) + Math.abs(errors[1]) + Math.abs(errors[2]) + Math.abs(errors[3])) / 4,
                within(1e-15));
        assertThat(e.rmse()).isCloseTo(Math.sqrt((errors[0] * errors[0] + errors[1] * errors[1] + errors[2] * errors[2]
                + errors[3] * errors[3]) / 4), within(1e-15));
        assertThat(e.bias()).isCloseTo((errors[0] + errors[1] + errors[2] + errors[3]) / 4, within(1e-15));
        assertThat(evaluation.actualPurchases()).isEqualTo(3);
        assertThat(evaluation.predictedPurchases()).isCloseTo(one + two + three + five, within(1e-14));
        // x = 0 customers with more time behind them (and no purchase) are expected to buy less
        assertThat(two).isGreaterThan(three).isGreaterThan(five);
    }

    @Test
    void aModelInWeeksSeesTheSameCustomersInWeeks() {
        BetaGeometricNbdModel weeks = BetaGeometricNbdModel.of(1, 10.0 / 7, 1, 3, ChronoUnit.WEEKS);
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(weeks, split());
        assertThat(evaluation.holdoutLength()).isCloseTo(30.0 / 7, within(1e-15));
        assertThat(evaluation.periodUnit()).isEqualTo(ChronoUnit.WEEKS);
        // the same model in another unit (α scaled by 1/7) predicts the same
        HoldoutEvaluation inDays = HoldoutEvaluation.of(DAYS_MODEL, split());
        for (int i = 0; i < 4; i++) {
            assertThat(evaluation.customerPredictions().get(i).predicted())
                    .isCloseTo(inDays.customerPredictions().get(i).predicted(), within(1e-13));
        }
        assertThat(evaluation.customerPredictions().get(0).predicted())
                .isEqualTo(weeks.conditionalExpectedPurchases(30.0 / 7, PurchaseHistory.of(2, 20.0 / 7, 30.0 / 7, ChronoUnit.WEEKS)));
    }

    @Test
    void frequencyClasses() {
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(DAYS_MODEL, split());
        List<HoldoutEvaluation.CustomerPrediction> p = evaluation.customerPredictions();
        // x = 0: customers 2, 3, 5 with 0, 1, 0 holdout purchases; x = 2: customer 1 with 2
        assertThat(evaluation.byFrequency()).containsExactly(
                new HoldoutEvaluation.FrequencyClass(0, false, 3, 1.0 / 3,
                        (p.get(1).predicted() + p.get(2).predicted() + p.get(3).predicted()) / 3),
                new HoldoutEvaluation.FrequencyClass(2, false, 1, 2.0, p.get(0).predicted()));
        List<HoldoutEvaluation.FrequencyClass> open = evaluation.byFrequency(1);
        assertThat(open).hasSize(2);
        assertThat(open.get(1)).isEqualTo(new HoldoutEvaluation.FrequencyClass(1, true, 1, 2.0, p.get(0).predicted()));
        assertThat(open.get(1).label()).isEqualTo("1+");
        assertThat(open.get(0).label()).isEqualTo("0");
        assertThat(evaluation.byFrequency(2).get(1).openEnded()).isTrue();
        assertThat(evaluation.byFrequency(3).get(1).openEnded()).isFalse();
        assertThat(evaluation.byFrequency(Integer.MAX_VALUE)).isEqualTo(evaluation.byFrequency(3));
        assertThatThrownBy(() -> evaluation.byFrequency(0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("openClass must be >= 1, was 0");
    }

    @Test
    void weeklyTrackingFromTheFirstPurchase() {
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(DAYS_MODEL, split(), ChronoUnit.WEEKS);
        List<HoldoutEvaluation.TrackingPeriod> weeks = evaluation.tracking();
        // Jan 1 .. Mar 2 is 61 days: 8 weeks and 5 days, the last period Feb 26 .. Mar 2
        assertThat(weeks).hasSize(9);
        assertThat(weeks.get(0).start()).isEqualTo(JAN_1);
        assertThat(weeks.get(0).end()).isEqualTo(day(8));
        assertThat(weeks.get(8).start()).isEqualTo(LocalDate.of(2025, 2, 26));
        assertThat(weeks.get(8).end()).isEqualTo(LocalDate.of(2025, 3, 3));
        // repeat purchase days: Jan 11 (week 2), Jan 21 (week 3), Feb 10 (week 6), Feb 20 (week 8), Mar 2 (week 9)
        assertThat(weeks.stream().map(HoldoutEvaluation.TrackingPeriod::actual)).containsExactly(0L, 1L, 1L, 0L, 0L, 1L, 0L, 1L, 1L);
        assertThat(weeks.stream().map(HoldoutEvaluation.TrackingPeriod::cumulativeActual))
                .containsExactly(0L, 1L, 2L, 2L, 2L, 3L, 3L, 4L, 5L);
        // first purchases: 1 and 5 on Jan 1, 3 on Jan 8, 2 on Jan 15; at the end e of a period each
        // customer who arrived before e has had e - s days
        assertThat(weeks.get(0).cumulativeExpected()).isCloseTo(2 * ex(7), within(1e-14));
        assertThat(weeks.get(1).cumulativeExpected()).isCloseTo(2 * ex(14) + ex(7), within(1e-14));
        assertThat(weeks.get(2).cumulativeExpected()).isCloseTo(2 * ex(21) + ex(14) + ex(7), within(1e-14));
        assertThat(weeks.get(8).cumulativeExpected()).isCloseTo(2 * ex(61) + ex(54) + ex(47), within(1e-14));
        for (int k = 0; k < weeks.size(); k++) {
            HoldoutEvaluation.TrackingPeriod week = weeks.get(k);
            assertThat(week.period()).isEqualTo(k + 1);
            double before = k == 0 ? 0.0 : weeks.get(k - 1).cumulativeExpected();
            assertThat(week.expected()).isCloseTo(week.cumulativeExpected() - before, within(1e-14)).isPositive();
        }
        // the calibration (to Jan 31) covers 4 weeks and 3 of the 7 days of the fifth
        assertThat(evaluation.calibrationEndPeriod()).isCloseTo(4 + 3.0 / 7, within(1e-15));
    }

    private static double ex(int days) {
        return DAYS_MODEL.expectedPurchases(days);
    }

    @Test
    void calendarMonthsAndDays() {
        HoldoutEvaluation months = HoldoutEvaluation.of(DAYS_MODEL, split(), ChronoUnit.MONTHS);
        // January, February, and March 1-2
        assertThat(months.tracking()).extracting(HoldoutEvaluation.TrackingPeriod::start)
                .containsExactly(JAN_1, LocalDate.of(2025, 2, 1), LocalDate.of(2025, 3, 1));
        assertThat(months.tracking()).extracting(HoldoutEvaluation.TrackingPeriod::actual).containsExactly(2L, 2L, 1L);
        assertThat(months.tracking().get(0).cumulativeExpected()).isCloseTo(2 * ex(31) + ex(24) + ex(17), within(1e-14));
        assertThat(months.calibrationEndPeriod()).isEqualTo(1.0);
        HoldoutEvaluation days = HoldoutEvaluation.of(DAYS_MODEL, split(), ChronoUnit.DAYS);
        assertThat(days.tracking()).hasSize(61);
        assertThat(days.tracking().get(10).actual()).as("Jan 11").isEqualTo(1);
        assertThat(days.tracking().get(60).cumulativeExpected())
                .isCloseTo(months.tracking().get(2).cumulativeExpected(), within(1e-12));
        assertThat(days.calibrationEndPeriod()).isEqualTo(31.0);
        HoldoutEvaluation years = HoldoutEvaluation.of(DAYS_MODEL, split(), ChronoUnit.YEARS);
        assertThat(years.tracking()).hasSize(1);
        assertThat(years.tracking().get(0).cumulativeActual()).isEqualTo(5);
        assertThat(years.calibrationEndPeriod()).isCloseTo(31.0 / 365, within(1e-15));
    }

    @Test
    void chiSquareAicAndBic() {
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(DAYS_MODEL, split());
        assertThat(evaluation.chiSquare()).isEqualTo(ChiSquareGoodnessOfFit.of(DAYS_MODEL,
                org.loyaltymetrics.data.PurchaseHistories.from(split(), ChronoUnit.DAYS)));
        assertThat(evaluation.chiSquare().customers()).isEqualTo(4);
        assertThatThrownBy(evaluation::aic).isInstanceOf(UndefinedResultException.class).hasMessageContaining("not fitted");
        assertThatThrownBy(evaluation::bic).isInstanceOf(UndefinedResultException.class);
        assertThat(evaluation.toTable().toText()).contains("AIC").contains("-\n");
    }

    @Test
    void aFirstPurchaseCenturiesAgoIsTrackedWithoutAnArrayOfItsDays() {
        // a mistyped year 1 (739,000 days before the end), tracked by year: 2025 periods, one per distinct lag
        RfmSummary.Accumulator accumulator = RfmSummary.accumulator(CurrencyUnit.USD, CALIBRATION_END, END);
        accumulator.add(9, LocalDate.of(1, 3, 1), 1).add(9, LocalDate.of(1, 3, 2), 1).add(9, END, 1);
        RfmSummary split = accumulator.snapshot();
        HoldoutEvaluation years = HoldoutEvaluation.of(BetaGeometricNbdModel.of(1, 10, 1, 3, ChronoUnit.WEEKS), split,
                ChronoUnit.YEARS);
        assertThat(years.tracking()).hasSize(2025);
        assertThat(years.tracking().get(0).actual()).isEqualTo(1);
        assertThat(years.tracking().get(2024).actual()).isEqualTo(1);
        assertThat(years.tracking().get(2024).cumulativeExpected())
                .isCloseTo(years.model().expectedPurchases((END.toEpochDay() + 1 - LocalDate.of(1, 3, 1).toEpochDay()) / 7.0),
                        within(1e-12));
        assertThat(years.customerPredictions().get(0).frequency()).isEqualTo(1);
    }

    @Test
    void customersFirstBuyingOnTheCalibrationEndAreRefused() {
        RfmSummary late = RfmSummary.accumulator(CurrencyUnit.USD, CALIBRATION_END, END).add(1, JAN_1, 1)
                .add(7, CALIBRATION_END, 1).add(8, CALIBRATION_END, 1).add(8, END, 1).snapshot();
        assertThatThrownBy(() -> HoldoutEvaluation.of(DAYS_MODEL, late)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("split must be a split whose customers all first bought before the calibration end 2025-01-31 "
                        + "(a calibration age T > 0), was 2 customers first buying on 2025-01-31 (T = 0), e.g. customer 7")
                .extracting(e -> ((InvalidArgumentException) e).argument()).isEqualTo("split");
    }

    @Test
    void badInput() {
        RfmSummary split = split();
        RfmSummary whole = RfmSummary.accumulator(CurrencyUnit.USD, END).add(1, JAN_1, 1).snapshot();
        assertThatThrownBy(() -> HoldoutEvaluation.of(DAYS_MODEL, whole)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("split must be a calibration/holdout split (an end of observation after the calibration end), "
                        + "was a summary observed to 2025-03-02 without a holdout period");
        assertThatThrownBy(() -> HoldoutEvaluation.of(DAYS_MODEL, split, ChronoUnit.HOURS))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("periodUnit must be DAYS, WEEKS, MONTHS or YEARS, was Hours");
        assertThatThrownBy(() -> HoldoutEvaluation.of(DAYS_MODEL, split, ChronoUnit.DECADES))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> HoldoutEvaluation.of(null, split)).isInstanceOf(NullPointerException.class)
                .hasMessage("model must not be null");
        assertThatThrownBy(() -> HoldoutEvaluation.of(DAYS_MODEL, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("split must not be null");
        assertThatThrownBy(() -> HoldoutEvaluation.of(DAYS_MODEL, split, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("periodUnit must not be null");
    }

    @Test
    void withoutCustomersTheFiguresAreUndefined() {
        // everyone first bought in the holdout
        RfmSummary none = RfmSummary.accumulator(CurrencyUnit.USD, CALIBRATION_END, END).add(4, END, 1).snapshot();
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(DAYS_MODEL, none);
        assertThat(evaluation.isEmpty()).isTrue();
        assertThat(evaluation.customers()).isZero();
        assertThat(evaluation.excluded()).isEqualTo(1);
        assertThat(evaluation.customerPredictions()).isEmpty();
        assertThat(evaluation.byFrequency()).isEmpty();
        assertThat(evaluation.tracking()).isEmpty();
        assertThat(evaluation.actualPurchases()).isZero();
        assertThatThrownBy(evaluation::perCustomer).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the prediction errors of the holdout evaluation are undefined: there are no customers with a "
                        + "calibration purchase");
        assertThatThrownBy(evaluation::chiSquare).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(evaluation::calibrationEndPeriod).isInstanceOf(UndefinedResultException.class);
        assertThat(evaluation).hasToString("BG/NBD holdout evaluation to 2025-03-02 (30.0000 days): 0 customers (1 excluded)");
        assertThat(evaluation.toTable().toText()).contains("MAE");
        assertThat(evaluation.frequencyTable().rowCount()).isZero();
        assertThat(evaluation.trackingTable().rowCount()).isZero();
    }

    @Test
    void equalityToStringAndTables() {
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(DAYS_MODEL, split());
        assertThat(evaluation).isEqualTo(HoldoutEvaluation.of(DAYS_MODEL, split()))
                .hasSameHashCodeAs(HoldoutEvaluation.of(DAYS_MODEL, split()))
                .isNotEqualTo(HoldoutEvaluation.of(DAYS_MODEL, split(), ChronoUnit.WEEKS))
                .isNotEqualTo(HoldoutEvaluation.of(BetaGeometricNbdModel.of(1, 10, 1, 4, ChronoUnit.DAYS), split()))
                .isNotEqualTo("x");
        assertThat(evaluation.toString()).startsWith("BG/NBD holdout evaluation to 2025-03-02 (30.0000 days): 4 customers "
                + "(1 excluded), 3 purchases vs ").contains(" predicted, MAE ").contains("; chi2 = ").doesNotContain("\n");
        assertThat(evaluation.toTable().rowCount()).isEqualTo(14);
        assertThat(evaluation.toTable().cell(0, 1)).isEqualTo("4");
        assertThat(evaluation.frequencyTable().headers()).containsExactly("frequency", "customers", "actual", "predicted");
        assertThat(evaluation.frequencyTable().rowCount()).isEqualTo(2);
        assertThat(evaluation.trackingTable().rowCount()).isEqualTo(30 + 31);
        assertThat(evaluation.trackingTable().title()).isEqualTo("BG/NBD: repeat purchases by day, calibration to 2025-01-31");
        assertThat(evaluation.customerTable().rowCount()).isEqualTo(4);
        assertThat(evaluation.customerTable().cell(0, 0)).isEqualTo("1");
    }
}
