package org.loyaltymetrics.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class GranularityTest {

    @Test
    void labelsAndStarts() {
        LocalDate date = LocalDate.of(2025, 3, 14); // a Friday
        assertThat(Granularity.DAY.label(Granularity.DAY.periodNumber(date))).isEqualTo("2025-03-14");
        assertThat(Granularity.WEEK.startOf(date)).isEqualTo(LocalDate.of(2025, 3, 10));
        assertThat(Granularity.WEEK.label(Granularity.WEEK.periodNumber(date))).isEqualTo("2025-W11");
        assertThat(Granularity.MONTH.startOf(date)).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(Granularity.MONTH.label(Granularity.MONTH.periodNumber(date))).isEqualTo("2025-03");
        assertThat(Granularity.QUARTER.startOf(date)).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(Granularity.QUARTER.label(Granularity.QUARTER.periodNumber(date))).isEqualTo("2025-Q1");
        assertThat(Granularity.YEAR.label(Granularity.YEAR.periodNumber(date))).isEqualTo("2025");
    }

    @Test
    void isoWeeksAtYearBoundaries() {
        // 2024-12-30 is the Monday of ISO week 2025-W01; 2021-01-03 (Sunday) belongs to 2020-W53.
        assertThat(CalendarPeriod.of(Granularity.WEEK, LocalDate.of(2025, 1, 1))).hasToString("2025-W01");
        assertThat(CalendarPeriod.of(Granularity.WEEK, LocalDate.of(2024, 12, 30))).hasToString("2025-W01");
        assertThat(CalendarPeriod.of(Granularity.WEEK, LocalDate.of(2024, 12, 29))).hasToString("2024-W52");
        assertThat(CalendarPeriod.of(Granularity.WEEK, LocalDate.of(2021, 1, 3))).hasToString("2020-W53");
        assertThat(Granularity.WEEK.startOf(LocalDate.of(1970, 1, 1))).isEqualTo(LocalDate.of(1969, 12, 29));
        assertThat(Granularity.WEEK.startOf(LocalDate.of(1969, 12, 28))).isEqualTo(LocalDate.of(1969, 12, 22));
    }

    @ParameterizedTest
    @EnumSource(Granularity.class)
    void periodNumbersAreConsecutiveAndRoundTrip(Granularity granularity) {
        LocalDate day = LocalDate.of(1899, 11, 20);
        long previous = granularity.periodNumber(day);
        for (int i = 0; i < 60_000; i++, day = day.plusDays(1)) {
            long number = granularity.periodNumber(day);
            assertThat(number - previous).isBetween(0L, 1L);
            assertThat(granularity.periodNumberOfEpochDay(day.toEpochDay())).isEqualTo(number);
            LocalDate start = granularity.startOf(number);
            assertThat(start).isBeforeOrEqualTo(day);
            assertThat(granularity.startOf(number + 1)).isAfter(day);
            if (granularity == Granularity.WEEK) {
                assertThat(start.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
            }
            previous = number;
        }
    }

    @ParameterizedTest
    @EnumSource(Granularity.class)
    void epochDayArithmeticAgreesWithLocalDateFarFromToday(Granularity granularity) {
        for (long epochDay : new long[] {-719_528, -719_469, -719_468, -146_097, -1, 0, 59, 60, 11_016, 2_932_896,
                LocalDate.MAX.toEpochDay(), LocalDate.MIN.toEpochDay()}) {
            assertThat(granularity.periodNumberOfEpochDay(epochDay)).as("epoch day %s", epochDay)
                    .isEqualTo(granularity.periodNumber(LocalDate.ofEpochDay(epochDay)));
        }
    }

    @Test
    void rejectsNullDates() {
        assertThatThrownBy(() -> Granularity.MONTH.periodNumber(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("date must not be null");
    }
}
