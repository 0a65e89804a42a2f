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
import org.loyaltymetrics.InvalidArgumentException;

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

    /** Computed in each test rather than once per class, so that every test exercises the code afresh. */
    static CohortTable table() {
        return EVENTS.stream().collect(CohortTable.collector(Granularity.MONTH, Event::user, Event::date));
    }

    @Test
    void countsByHand() {
        assertThat(table().cohorts()).extracting(c -> c.period().toString()).containsExactly("2025-01", "2025-02", "2025-04");
        CohortTable.Cohort january = table().cohorts().get(0);
        assertThat(january.size()).isEqualTo(2);
        assertThat(january.returnOnCounts()).containsExactly(2, 1, 1, 0);
        assertThat(january.returnOnOrAfterCounts()).containsExactly(2, 2, 1, 0);
        CohortTable.Cohort february = table().cohort(CalendarPeriod.of(Granularity.MONTH, d("2025-02-01")));
        assertThat(february.returnOnCounts()).containsExactly(2, 0, 1);
        assertThat(february.returnOnOrAfterCounts()).containsExactly(2, 1, 1);
        assertThat(february.retention(2)).isEqualTo(Proportion.of(1, 2));
        assertThat(february.retentionOnOrAfter(1)).isEqualTo(Proportion.of(1, 2));
        assertThat(table().cohorts().get(2).returnOnCounts()).containsExactly(1);
    }

    @Test
    void sizeWeightedAverageCurves() {
        // offset 0: 5 of 5; 1: (1 + 0) of (2 + 2); 2: (1 + 1) of 4; 3: 0 of 2 (January only)
        assertThat(table().averageCurve()).containsExactly(Proportion.of(5, 5), Proportion.of(1, 4), Proportion.of(2, 4),
                Proportion.of(0, 2));
        // on or after: 1: (2 + 1) of 4; 2: (1 + 1) of 4; 3: 0 of 2
        assertThat(table().averageCurveOnOrAfter()).containsExactly(Proportion.of(5, 5), Proportion.of(3, 4),
                Proportion.of(2, 4), Proportion.of(0, 2));
    }

    @Test
    void readableGrid() {
        assertThat(table()).hasToString("CohortTable by MONTH: 3 cohorts, 5 users, 2025-01 to 2025-04");
        assertThat(CohortTable.accumulator(Granularity.DAY).snapshot()).hasToString("CohortTable by DAY: 0 cohorts, 0 users");
        assertThat(table().toTable().toText()).isEqualTo("""
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
            assertThat(second.combine(first).snapshot()).isEqualTo(table()).hasSameHashCodeAs(table());
            assertThat(second).hasToString("CohortTable.Accumulator by MONTH: 5 users");
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
        assertThatThrownBy(() -> CohortTable.accumulator(Granularity.QUARTER)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("granularity must be DAY, WEEK or MONTH, was QUARTER");
        assertThatThrownBy(() -> CohortTable.accumulator(Granularity.WEEK).combine(CohortTable.accumulator(Granularity.DAY)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("other must have the same granularity WEEK, had DAY");
        assertThatThrownBy(() -> CohortTable.accumulator(Granularity.WEEK).add(1, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("date must not be null");
        assertThatThrownBy(() -> table().cohorts().get(2).returnOn(1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("offset must be in 0..0 for cohort 2025-04, was 1");
        assertThatThrownBy(() -> table().cohort(CalendarPeriod.of(Granularity.MONTH, d("2025-03-01"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("period must be a cohort of the table, was 2025-03");
        assertThat(CohortTable.accumulator(Granularity.WEEK).snapshot().cohorts()).isEmpty();
    }

    /**
     * Counts by a direct, independent route: each user's set of active periods, the cohort its least,
     * "return on" k the users whose set holds cohort + k, "on or after" k those whose last period is
     * cohort + k or later, offsets up to the data's last period.
     */
    private static CohortTable direct(Granularity granularity, List<Event> events) {
        java.util.Map<Long, java.util.TreeSet<Long>> periods = new java.util.HashMap<>();
        long last = Long.MIN_VALUE;
        for (Event e : events) {
            long period = granularity.periodNumber(e.date());
            periods.computeIfAbsent(e.user(), u -> new java.util.TreeSet<>()).add(period);
            last = Math.max(last, period);
        }
        java.util.TreeMap<Long, long[][]> byCohort = new java.util.TreeMap<>();
        for (java.util.TreeSet<Long> active : periods.values()) {
            long cohort = active.first();
            int offsets = (int) (last - cohort + 1);
            long[][] counts = byCohort.computeIfAbsent(cohort, c -> new long[][] {new long[offsets], new long[offsets]});
            for (long period : active) {
                counts[0][(int) (period - cohort)]++;
            }
            for (int k = 0; k <= active.last() - cohort; k++) {
                counts[1][k]++;
            }
        }
        CohortTable.Accumulator expected = CohortTable.accumulator(granularity);
        // build the expected table from one event per (user, active period): the counts are checked
        // below against the direct arrays, so this only supplies the value type for equality
        periods.forEach((user, active) -> active.forEach(p -> expected.add(user, granularity.startOf(p))));
        CohortTable table = expected.snapshot();
        assertThat(table.cohorts()).hasSize(byCohort.size());
        int i = 0;
        for (java.util.Map.Entry<Long, long[][]> entry : byCohort.entrySet()) {
            CohortTable.Cohort cohort = table.cohorts().get(i++);
            assertThat(cohort.period()).isEqualTo(CalendarPeriod.ofNumber(granularity, entry.getKey()));
            assertThat(cohort.returnOnCounts()).containsExactly(entry.getValue()[0]);
            assertThat(cohort.returnOnOrAfterCounts()).containsExactly(entry.getValue()[1]);
        }
        return table;
    }

    @Test
    void manyUsersWithLongAndShiftingHistoriesMatchADirectCount() {
        // 3,000 users (the accumulator's table grows past 1,024 slots), up to 12 events each over 400 days
        // in random order: spans within 64 days whose window moves up and down, and spans beyond 64.
        java.util.Random random = new java.util.Random(20250101);
        java.util.List<Event> events = new java.util.ArrayList<>();
        for (long user = 0; user < 3000; user++) {
            int first = random.nextInt(400);
            int spread = random.nextInt(4) == 0 ? 400 : 1 + random.nextInt(70);
            int count = 1 + random.nextInt(12);
            for (int j = 0; j < count; j++) {
                int day = Math.min(399, first + random.nextInt(spread)) - (random.nextInt(5) == 0 ? random.nextInt(40) : 0);
                events.add(new Event(user * 7919, d("2024-01-01").plusDays(Math.max(0, day))));
            }
        }
        java.util.Collections.shuffle(events, random);
        for (Granularity granularity : new Granularity[] {Granularity.DAY, Granularity.WEEK, Granularity.MONTH}) {
            CohortTable expected = direct(granularity, events);
            CohortTable collected = events.stream().collect(CohortTable.collector(granularity, Event::user, Event::date));
            assertThat(collected).isEqualTo(expected);
            CohortTable.Accumulator first = CohortTable.accumulator(granularity);
            CohortTable.Accumulator second = CohortTable.accumulator(granularity);
            for (int i = 0; i < events.size(); i++) {
                (i % 3 == 0 ? first : second).add(events.get(i).user(), events.get(i).date());
            }
            assertThat(first.combine(second).snapshot()).isEqualTo(expected);
        }
    }

    @Test
    void cohortsAndTablesDifferByEveryCount() {
        CohortTable.Cohort january = table().cohorts().get(0);
        assertThat(table().granularity()).isEqualTo(Granularity.MONTH);
        assertThat(january).hasToString("cohort 2025-01, 2 users, return on [2, 1, 1, 0], on or after [2, 2, 1, 0]");
        // user 1 active in February rather than March: return on [2, 2, 0, 0], on or after [2, 2, 0, 0]
        CohortTable moved = CohortTable.accumulator(Granularity.MONTH).add(1, d("2025-01-05")).add(1, d("2025-02-02"))
                .add(2, d("2025-01-31")).add(2, d("2025-02-01")).add(3, d("2025-04-30")).snapshot();
        assertThat(moved.cohorts().get(0).returnOnCounts()).containsExactly(2, 2, 0, 0);
        assertThat(moved.cohorts().get(0)).isNotEqualTo(january).isNotEqualTo("cohort 2025-01");
        assertThat(moved.cohorts().get(0).hashCode()).isNotEqualTo(january.hashCode());
        // the same counts in another cohort, and the same events by day
        CohortTable.Cohort april = table().cohorts().get(2);
        CohortTable aprilAlone = CohortTable.accumulator(Granularity.MONTH).add(9, d("2025-04-02")).snapshot();
        assertThat(aprilAlone.cohorts().get(0)).isEqualTo(april).hasSameHashCodeAs(april);
        CohortTable marchAlone = CohortTable.accumulator(Granularity.MONTH).add(9, d("2025-03-02")).snapshot();
        assertThat(marchAlone.cohorts().get(0)).isNotEqualTo(april);
        assertThat(marchAlone.cohorts().get(0).hashCode()).isNotEqualTo(april.hashCode());
        CohortTable weekly = CohortTable.accumulator(Granularity.WEEK).add(9, d("2025-04-02")).snapshot();
        assertThat(weekly).isNotEqualTo(aprilAlone).isNotEqualTo(marchAlone).isNotEqualTo("2025-04");
        assertThat(aprilAlone).isNotEqualTo(marchAlone);
        assertThat(weekly.hashCode()).isNotEqualTo(aprilAlone.hashCode());
        assertThat(aprilAlone.hashCode()).isNotEqualTo(marchAlone.hashCode());
    }

    @Test
    void cohortsInIncreasingOrderOnly() {
        List<CohortTable.Cohort> cohorts = table().cohorts();
        assertThat(new CohortTable(Granularity.MONTH, cohorts)).isEqualTo(table());
        assertThatThrownBy(() -> new CohortTable(Granularity.MONTH, List.of(cohorts.get(1), cohorts.get(0))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("cohorts must be periods of MONTH in increasing order, was cohort 2025-01 at 1");
        assertThatThrownBy(() -> new CohortTable(Granularity.WEEK, cohorts)).isInstanceOf(InvalidArgumentException.class);
    }
}
