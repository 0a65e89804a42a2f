package org.loyaltymetrics.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.CustomerCovariates.MissingCovariates;

class TimeVaryingCovariatesTest {

    private static final LocalDate SUNDAY = LocalDate.of(2023, 1, 1);

    /** Customer 1: weeks of 2023-01-01 .. 2023-01-21 (marketing 0, 2, 1); customer 2: one week from 2023-01-08. */
    private static TimeVaryingCovariates weeks() {
        return TimeVaryingCovariates.weekly(List.of("marketing"))
                .add(1, SUNDAY.plusDays(14), 1.0)
                .add(1, SUNDAY, 0.0)
                .add(1, SUNDAY.plusDays(7), 2.0)
                .add(2, SUNDAY.plusDays(7), 5.0)
                .build();
    }

    @Test
    void valuesArePiecewiseConstantFromEachPeriodStart() {
        TimeVaryingCovariates covariates = weeks();
        assertThat(covariates.size()).isEqualTo(2);
        assertThat(covariates.values(1, LocalDate.of(2023, 1, 7))).containsExactly(0.0);
        assertThat(covariates.values(1, LocalDate.of(2023, 1, 8))).containsExactly(2.0);
        assertThat(covariates.values(1, LocalDate.of(2023, 1, 21))).containsExactly(1.0);
        assertThat(covariates.coveredFrom(1)).isEqualTo(SUNDAY);
        assertThat(covariates.coveredUntil(1)).isEqualTo(LocalDate.of(2023, 1, 21));
        assertThat(covariates.periodStart(LocalDate.of(2023, 1, 11))).isEqualTo(LocalDate.of(2023, 1, 8));
        assertThatThrownBy(() -> covariates.values(1, LocalDate.of(2023, 1, 22)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("customer 1")
                .hasMessageContaining("2023-01-22").hasMessageContaining("2023-01-01 .. 2023-01-21");
    }

    @Test
    void periodsOfOtherLengths() {
        TimeVaryingCovariates monthly = TimeVaryingCovariates.builder(List.of("a"), LocalDate.of(2023, 1, 3), 30)
                .add(7, LocalDate.of(2023, 2, 2), 1.0).add(7, LocalDate.of(2023, 3, 4), 2.0).build();
        assertThat(monthly.values(7, LocalDate.of(2023, 3, 3))).containsExactly(1.0);
        assertThat(monthly.values(7, LocalDate.of(2023, 4, 2))).containsExactly(2.0);
        assertThatThrownBy(() -> TimeVaryingCovariates.builder(List.of("a"), SUNDAY, 0))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("periodDays");
    }

    @Test
    void refusesMisalignedDuplicateAndMissingPeriods() {
        assertThatThrownBy(() -> TimeVaryingCovariates.weekly(List.of("m")).add(1, LocalDate.of(2023, 1, 2), 0.0))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("SUNDAY")
                .hasMessageContaining("2023-01-02");
        assertThatThrownBy(() -> TimeVaryingCovariates.weekly(List.of("m")).add(1, SUNDAY, 0.0).add(1, SUNDAY, 1.0)
                .build()).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("customer 1");
        assertThatThrownBy(() -> TimeVaryingCovariates.weekly(List.of("m")).add(4, SUNDAY, 0.0)
                .add(4, SUNDAY.plusDays(14), 1.0).build())
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("customer 4")
                .hasMessageContaining("2023-01-08");
        assertThatThrownBy(() -> TimeVaryingCovariates.weekly(List.of("m")).add(1, SUNDAY, Double.NaN))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> TimeVaryingCovariates.weekly(List.of("m")).add(1, SUNDAY, 1.0, 2.0))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> TimeVaryingCovariates.weekly(List.of("m", "m")))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void joinChecksThatEveryObservationWindowIsCovered() {
        TimeVaryingCovariates covariates = weeks();
        LocalDate end = LocalDate.of(2023, 1, 14);
        // customer 1 bought on 2023-01-03, 01-05 (twice), 01-10 and after the calibration end
        Map<Long, List<LocalDate>> dates = Map.of(1L, List.of(LocalDate.of(2023, 1, 5), LocalDate.of(2023, 1, 3),
                LocalDate.of(2023, 1, 5), LocalDate.of(2023, 1, 10), LocalDate.of(2023, 1, 20)));
        TimeVaryingCovariates.Joined joined = covariates.join(dates, end, LocalDate.of(2023, 1, 21),
                MissingCovariates.REFUSE);
        assertThat(joined.size()).isEqualTo(1);
        assertThat(joined.purchaseDays(0)).isEqualTo(3);
        PurchaseHistory history = joined.history(0);
        assertThat(history.frequency()).isEqualTo(2L);
        assertThat(history.recency()).isEqualTo(7.0 / 7.0);
        assertThat(history.age()).isEqualTo(11.0 / 7.0);
        assertThat(joined.firstPeriodStart(0)).isEqualTo(SUNDAY.toEpochDay());
        assertThat(joined.periods(0)).isEqualTo(3);
        assertThat(joined.covariate(0, 1, 0)).isEqualTo(2.0);
        assertThat(joined.predictionEnd()).isEqualTo(LocalDate.of(2023, 1, 21));
        // the purchase of 01-20 is in the prediction period, after the three calibration days
        assertThat(joined.predictionPurchases(0)).isEqualTo(1);
        assertThat(joined.purchaseDay(0, 3)).isEqualTo((int) LocalDate.of(2023, 1, 20).toEpochDay());
        assertThat(joined.firstSeenAfterCalibration()).isZero();
        // without a prediction period no purchase after the calibration end is kept; a customer first seen in the
        // prediction period is left out and counted (customer 2 has covariates only from 2023-01-08)
        assertThat(covariates.join(dates, end, null, MissingCovariates.REFUSE).predictionPurchases(0)).isZero();
        Map<Long, List<LocalDate>> late = Map.of(1L, List.of(LocalDate.of(2023, 1, 3)), 2L,
                List.of(LocalDate.of(2023, 1, 16)), 3L, List.of(LocalDate.of(2023, 1, 25)));
        TimeVaryingCovariates.Joined withNew = covariates.join(late, end, LocalDate.of(2023, 1, 21),
                MissingCovariates.REFUSE);
        assertThat(withNew.size()).isEqualTo(1);
        assertThat(withNew.firstSeenAfterCalibration()).isEqualTo(1);
        assertThat(withNew.predictionPurchases(0)).isZero();

        assertThatThrownBy(() -> covariates.join(dates, end, LocalDate.of(2023, 1, 22), MissingCovariates.REFUSE))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("customer 1")
                .hasMessageContaining("2023-01-22").hasMessageContaining("2023-01-01 .. 2023-01-21");
        // customer 2's covariates start on 2023-01-08, after the first purchase
        assertThatThrownBy(() -> covariates.join(Map.of(2L, List.of(LocalDate.of(2023, 1, 6))), end, null,
                MissingCovariates.REFUSE)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("customer 2").hasMessageContaining("2023-01-06")
                .hasMessageContaining("2023-01-08 .. 2023-01-14");
        assertThatThrownBy(() -> covariates.join(Map.of(3L, List.of(SUNDAY)), end, null, MissingCovariates.REFUSE))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("customer 3");
        TimeVaryingCovariates.Joined leftOut = covariates.join(Map.of(3L, List.of(SUNDAY), 2L,
                List.of(LocalDate.of(2023, 1, 9))), end, null, MissingCovariates.LEAVE_OUT);
        assertThat(leftOut.size()).isEqualTo(1);
        assertThat(leftOut.leftOut()).isEqualTo(1);
        assertThat(leftOut.hasPredictionPeriod()).isFalse();
        assertThatThrownBy(leftOut::predictionEnd).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> covariates.join(dates, end, end.minusDays(1), MissingCovariates.REFUSE))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("predictionEnd");
    }

    @Test
    void constantColumnsAppendStaticCovariates() {
        CustomerCovariates z = CustomerCovariates.builder(List.of("gender", "age")).add(1, 1.0, -0.5)
                .add(2, 0.0, 2.0).build();
        TimeVaryingCovariates all = weeks().withConstant(z);
        assertThat(all.names()).containsExactly("marketing", "gender", "age");
        assertThat(all.values(1, LocalDate.of(2023, 1, 9))).containsExactly(2.0, 1.0, -0.5);
        assertThat(all.values(2, LocalDate.of(2023, 1, 9))).containsExactly(5.0, 0.0, 2.0);
        assertThatThrownBy(() -> weeks().withConstant(CustomerCovariates.builder(List.of("g")).add(1, 1.0).build()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("customer 2");
        assertThatThrownBy(() -> weeks().withConstant(CustomerCovariates.builder(List.of("marketing")).add(1, 1.0)
                .add(2, 1.0).build())).isInstanceOf(InvalidArgumentException.class);
        assertThat(all.toString()).doesNotContain("\n");
    }
}
