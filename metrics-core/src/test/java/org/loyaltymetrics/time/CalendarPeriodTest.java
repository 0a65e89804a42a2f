package org.loyaltymetrics.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CalendarPeriodTest {

    @Test
    void boundsNavigationAndOrder() {
        CalendarPeriod march = CalendarPeriod.of(Granularity.MONTH, LocalDate.of(2025, 3, 31));
        assertThat(march.start()).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(march.end()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(march.contains(LocalDate.of(2025, 3, 1))).isTrue();
        assertThat(march.contains(LocalDate.of(2025, 4, 1))).isFalse();
        assertThat(march.next()).hasToString("2025-04");
        assertThat(march.previous().previous().previous()).hasToString("2024-12");
        assertThat(march.plus(12)).isEqualTo(CalendarPeriod.of(Granularity.MONTH, LocalDate.of(2026, 3, 2)));
        assertThat(march.until(march.plus(7))).isEqualTo(7);
        assertThat(march.compareTo(march.next())).isNegative();
        assertThat(march).isEqualTo(CalendarPeriod.ofNumber(Granularity.MONTH, march.number()))
                .hasSameHashCodeAs(CalendarPeriod.ofNumber(Granularity.MONTH, march.number()));
        CalendarPeriod q4 = CalendarPeriod.of(Granularity.QUARTER, LocalDate.of(2024, 11, 5));
        assertThat(q4).hasToString("2024-Q4");
        assertThat(q4.end()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(q4.granularity()).isEqualTo(Granularity.QUARTER);
    }

    @Test
    void rejectsMixedGranularitiesAndOutOfRangePeriods() {
        CalendarPeriod month = CalendarPeriod.of(Granularity.MONTH, LocalDate.of(2025, 3, 1));
        assertThatThrownBy(() -> month.until(CalendarPeriod.of(Granularity.YEAR, LocalDate.of(2025, 3, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("other must have granularity MONTH, was YEAR");
        assertThatThrownBy(() -> CalendarPeriod.ofNumber(Granularity.YEAR, 2_000_000_000L))
                .isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> CalendarPeriod.of(null, LocalDate.of(2025, 3, 1)))
                .isInstanceOf(NullPointerException.class).hasMessage("granularity must not be null");
    }

    @Test
    void periodsOfOneNumberDifferByGranularity() {
        CalendarPeriod month = CalendarPeriod.ofNumber(Granularity.MONTH, 24_302);
        CalendarPeriod week = CalendarPeriod.ofNumber(Granularity.WEEK, 24_302);
        assertThat(month).isNotEqualTo(week).isNotEqualTo(month.next()).isNotEqualTo("2025-03");
        assertThat(month.hashCode()).isNotEqualTo(week.hashCode()).isNotEqualTo(month.next().hashCode());
    }
}
