package org.loyaltymetrics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;

class StickinessTest {

    static final LocalDate FIRST = LocalDate.of(2025, 4, 1);
    static final LocalDate LAST = LocalDate.of(2025, 4, 30);

    @Test
    void dauOverMau() {
        // Users active on 10, 20 and 30 days of April (30 days): mean DAU 60/30 = 2, MAU 3 -> 2/3.
        Stickiness.Accumulator a = Stickiness.accumulator(FIRST, LAST);
        Stickiness.Accumulator b = Stickiness.accumulator(FIRST, LAST);
        int[] activeDays = {10, 20, 30};
        for (int user = 0; user < 3; user++) {
            for (int d = 0; d < activeDays[user]; d++) {
                a.add(user, FIRST.plusDays(d));
                (d % 2 == 0 ? a : b).add(user, FIRST.plusDays(d)); // duplicates within and across accumulators
            }
        }
        b.add(0, LAST.plusDays(1)).add(7, FIRST.minusDays(1));
        assertThat(b.outsideWindow()).isEqualTo(2);
        Stickiness stickiness = a.combine(b).snapshot();
        assertThat(stickiness).isEqualTo(Stickiness.ofCounts(60, 30, 3)).hasSameHashCodeAs(Stickiness.ofCounts(60, 30, 3));
        assertThat(stickiness.averageDailyActiveUsers()).isEqualTo(2.0);
        assertThat(stickiness.value()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(stickiness.percent()).isCloseTo(200.0 / 3, within(1e-12));
        assertThat(stickiness.toString()).isEqualTo("stickiness (DAU/MAU) 66.67%: mean DAU 2.00 of 3 active users over 30 days");
        assertThat(a.outsideWindow()).isEqualTo(2);
    }

    @Test
    void badAndUndefined() {
        assertThatThrownBy(() -> Stickiness.ofCounts(2, 30, 3)).hasMessage("activeUserDays must be in 3..90 for 3 users over 30 days, was 2");
        assertThatThrownBy(() -> Stickiness.ofCounts(0, 0, 0)).hasMessage("days must be >= 1, was 0");
        assertThatThrownBy(() -> Stickiness.accumulator(LAST, FIRST)).hasMessage("last must be on or after first 2025-04-30, was 2025-04-01");
        assertThatThrownBy(() -> Stickiness.accumulator(FIRST, LAST).combine(Stickiness.accumulator(FIRST, LAST.minusDays(1))))
                .isInstanceOf(IllegalArgumentException.class);
        Stickiness none = Stickiness.accumulator(FIRST, LAST).snapshot();
        assertThatThrownBy(none::value).isInstanceOf(UndefinedResultException.class);
        assertThat(none.toString()).startsWith("stickiness (DAU/MAU) undefined");
    }

    @Test
    void edgesOfTheCountsAndEquality() {
        // one day is a window; every user active once, or every day, are the two ends of the range
        assertThat(Stickiness.ofCounts(3, 1, 3).value()).isEqualTo(1.0);
        assertThat(Stickiness.ofCounts(3, 30, 3).value()).isCloseTo(1.0 / 30, within(1e-15));
        assertThat(Stickiness.ofCounts(90, 30, 3).value()).isEqualTo(1.0);
        assertThatThrownBy(() -> Stickiness.ofCounts(91, 30, 3))
                .hasMessage("activeUserDays must be in 3..90 for 3 users over 30 days, was 91");
        Stickiness counts = Stickiness.ofCounts(60, 30, 3);
        assertThat(counts.activeUserDays()).isEqualTo(60);
        assertThat(counts.days()).isEqualTo(30);
        assertThat(counts.activeUsers()).isEqualTo(3);
        for (Stickiness other : new Stickiness[] {Stickiness.ofCounts(61, 30, 3), Stickiness.ofCounts(60, 31, 3),
            Stickiness.ofCounts(60, 30, 4)}) {
            assertThat(counts).isNotEqualTo(other);
            assertThat(counts.hashCode()).isNotEqualTo(other.hashCode());
        }
        assertThat(counts).isNotEqualTo("DAU/MAU");
        // a one-day window; user 1 twice, user 2 once; the collector reads the records
        record Visit(long user, LocalDate date) {
        }
        assertThat(java.util.stream.Stream.of(new Visit(1, FIRST), new Visit(2, FIRST), new Visit(1, FIRST),
                new Visit(3, LAST)).collect(Stickiness.collector(FIRST, FIRST, Visit::user, Visit::date)))
                .isEqualTo(Stickiness.ofCounts(2, 1, 2));
        // days count from the window's first day: two users on its last day are two user-days, not one
        assertThat(Stickiness.accumulator(FIRST, LAST).add(1, LAST).add(2, LAST).add(1, FIRST).snapshot())
                .isEqualTo(Stickiness.ofCounts(3, 30, 2));
    }
}
