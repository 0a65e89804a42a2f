package org.loyaltymetrics.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltymetrics.retention.CustomerCountsTest.d;

import java.time.LocalDate;
import java.util.List;
import org.loyaltymetrics.stats.Proportion;
import org.loyaltymetrics.time.CalendarPeriod;
import org.loyaltymetrics.time.Granularity;
import org.junit.jupiter.api.Test;

class CohortTableTest {

    record Event(long user, LocalDate date) {
    }

    /*
     * Monthly, in no particular order:
     *   user 1: Jan 5, Jan 20, Mar 2   -> cohort 2025-01, active at offsets {0, 2}
     *   user 2: Jan 31, Feb 1          -> cohort 2025-01, {0, 1}
     *   user 3: Feb 10                 -> cohort 2025-02, {0}
     *   user 4: Apr 1, Feb 15          -> cohort 2025-02, {0, 2}
     *   user 5: Apr 30                 -> cohort 2025-04, {0}
     * The data's last period is 2025-04: January observes offsets 0..3, February 0..2, April 0.
     */
    static final List<Event> EVENTS = List.of(new Event(4, d("2025-04-01")), new Event(1, d("2025-01-20")),
            new Event(2, d("2025-02-01")), new Event(1, d("2025-03-02")), new Event(3, d("2025-02-10")),
            new Event(1, d("2025-01-05")), new Event(2, d("2025-01-31")), new Event(4, d("2025-02-15")),
            new Event(5, d("2025-04-30")));

    static final CohortTable TABLE = EVENTS.stream().collect(CohortTable.collector(Granularity.MONTH, Event::user, Event::date));

    @Test
    void countsByHand() {
        assertThat(TABLE.cohorts()).extracting(c -> c.period().toString()).containsExactly("2025-01", "2025-02", "2025-04");
        CohortTable.Cohort january = TABLE.cohorts().get(0);
        assertThat(january.size()).isEqualTo(2);
        assertThat(january.returnOnCounts()).containsExactly(2, 1, 1, 0);
        assertThat(january.returnOnOrAfterCounts()).containsExactly(2, 2, 1, 0);
        CohortTable.Cohort february = TABLE.cohort(CalendarPeriod.of(Granularity.MONTH, d("2025-02-01")));
        assertThat(february.returnOnCounts()).containsExactly(2, 0, 1);
        assertThat(february.returnOnOrAfterCounts()).containsExactly(2, 1, 1);
        assertThat(february.retention(2)).isEqualTo(Proportion.of(1, 2));
        assertThat(february.retentionOnOrAfter(1)).isEqualTo(Proportion.of(1, 2));
        assertThat(TABLE.cohorts().get(2).returnOnCounts()).containsExactly(1);
    }

    @Test
    void sizeWeightedAverageCurves() {
        // offset 0: 5 of 5; 1: (1 + 0) of (2 + 2); 2: (1 + 1) of 4; 3: 0 of 2 (January only)
        assertThat(TABLE.averageCurve()).containsExactly(Proportion.of(5, 5), Proportion.of(1, 4), Proportion.of(2, 4),
                Proportion.of(0, 2));
        // on or after: 1: (2 + 1) of 4; 2: (1 + 1) of 4; 3: 0 of 2
        assertThat(TABLE.averageCurveOnOrAfter()).containsExactly(Proportion.of(5, 5), Proportion.of(3, 4),
                Proportion.of(2, 4), Proportion.of(0, 2));
    }

    @Test
    void readableGrid() {
        assertThat(TABLE).hasToString("""
                cohort   users      +0     +1     +2    +3
                ------------------------------------------
                2025-01      2  100.0%  50.0%  50.0%  0.0%
                2025-02      2  100.0%   0.0%  50.0%     -
                2025-04      1  100.0%      -      -     -
                """);
    }

    @Test
    void combineOverAnySplitEqualsOnePassIncludingEarlierEventsArrivingLater() {
        for (int split = 0; split <= EVENTS.size(); split++) {
            CohortTable.Accumulator first = CohortTable.accumulator(Granularity.MONTH);
            CohortTable.Accumulator second = CohortTable.accumulator(Granularity.MONTH);
            for (int i = 0; i < EVENTS.size(); i++) {
                (i < split ? first : second).add(EVENTS.get(i).user(), EVENTS.get(i).date());
            }
            assertThat(second.combine(first).snapshot()).isEqualTo(TABLE).hasSameHashCodeAs(TABLE);
        }
    }

    @Test
    void longHistoriesGrowTheBitmap() {
        // Daily activity of one user over 200 days, added backwards: one cohort, every offset active.
        CohortTable.Accumulator accumulator = CohortTable.accumulator(Granularity.DAY);
        for (int day = 199; day >= 0; day--) {
            accumulator.add(7, d("2025-01-01").plusDays(day));
        }
        CohortTable.Cohort cohort = accumulator.snapshot().cohorts().get(0);
        assertThat(cohort.offsets()).isEqualTo(200);
        assertThat(cohort.returnOn(199)).isEqualTo(1);
        assertThat(cohort.returnOnOrAfter(150)).isEqualTo(1);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> CohortTable.accumulator(Granularity.QUARTER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("granularity must be DAY, WEEK or MONTH, was QUARTER");
        assertThatThrownBy(() -> CohortTable.accumulator(Granularity.WEEK).add(1, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("date must not be null");
        assertThatThrownBy(() -> TABLE.cohorts().get(2).returnOn(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offset must be in 0..0 for cohort 2025-04, was 1");
        assertThatThrownBy(() -> TABLE.cohort(CalendarPeriod.of(Granularity.MONTH, d("2025-03-01"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("period must be a cohort of the table, was 2025-03");
        assertThat(CohortTable.accumulator(Granularity.WEEK).snapshot().cohorts()).isEmpty();
    }
}
