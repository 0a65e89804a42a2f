package org.loyaltymetrics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
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
        assertThat(stickiness).isEqualTo(Stickiness.ofCounts(30, new long[] {10, 20, 30}))
                .hasSameHashCodeAs(Stickiness.ofCounts(30, new long[] {10, 20, 30}));
        assertThat(stickiness.sumOfSquaredActiveDays()).isEqualTo(100 + 400 + 900);
        assertThat(a).hasToString("Stickiness.Accumulator: 60 active user-days of 3 users in 2025-04-01..2025-04-30");
        assertThat(stickiness.averageDailyActiveUsers()).isEqualTo(2.0);
        assertThat(stickiness.value()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(stickiness.percent()).isCloseTo(200.0 / 3, within(1e-12));
        assertThat(stickiness.toString()).isEqualTo("stickiness (DAU/MAU) 66.67%: mean DAU 2.00 of 3 active users over 30 days");
        assertThat(a.outsideWindow()).isEqualTo(2);
    }

    @Test
    void badAndUndefined() {
        assertThatThrownBy(() -> Stickiness.ofCounts(30, new long[] {3, 0, 1})).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("active days of user 1 must be in 1..30, was 0");
        assertThatThrownBy(() -> Stickiness.ofCounts(0, new long[0])).hasMessage("days must be >= 1, was 0");
        // the sums of the record must be those of some users active on 1..days days each
        assertThat(new Stickiness(30, 3, 60, 1400)).isEqualTo(Stickiness.ofCounts(30, new long[] {10, 20, 30}));
        assertThatThrownBy(() -> new Stickiness(30, 3, 2, 2)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("activeUserDays must be in 3..90 for 3 users over 30 days, was 2");
        assertThatThrownBy(() -> new Stickiness(30, 3, 91, 2730)).hasMessage("activeUserDays must be in 3..90 for 3 users "
                + "over 30 days, was 91");
        assertThatThrownBy(() -> new Stickiness(30, -1, 0, 0)).hasMessage("activeUsers must be a count >= 0, was -1");
        // Σd² >= (Σd)² / U = 1200 and in Σd..30 Σd = 60..1800
        assertThatThrownBy(() -> new Stickiness(30, 3, 60, 1199)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("sumOfSquaredActiveDays must be in 60..1800 and >= activeUserDays² / activeUsers");
        assertThatThrownBy(() -> new Stickiness(30, 3, 60, 1801)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new Stickiness(30, 60, 60, 59)).isInstanceOf(InvalidArgumentException.class);
        assertThat(new Stickiness(30, 3, 60, 1200).estimate().standardError()).isZero();
        // two users on one day each of a window too long for days × users to fit a long
        assertThat(new Stickiness(Long.MAX_VALUE, 2, 2, 2).value()).isEqualTo(1.0 / Long.MAX_VALUE);
        assertThatThrownBy(() -> Stickiness.accumulator(LAST, FIRST)).hasMessage("last must be on or after first 2025-04-30, was 2025-04-01");
        assertThatThrownBy(() -> Stickiness.accumulator(FIRST, LAST).combine(Stickiness.accumulator(FIRST, LAST.minusDays(1))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("other must have the same window 2025-04-01..2025-04-30, had 2025-04-01..2025-04-29");
        Stickiness none = Stickiness.accumulator(FIRST, LAST).snapshot();
        assertThat(none.isEmpty()).isTrue();
        assertThatThrownBy(none::value).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> Stickiness.ofCounts(30, new long[] {4}).confidenceInterval(0.95))
                .isInstanceOf(UndefinedResultException.class)
                .hasMessage("the standard error of stickiness is undefined: 1 active user, at least 2 needed");
        assertThat(none.toString()).startsWith("stickiness (DAU/MAU) undefined");
    }

    @Test
    void edgesOfTheCountsAndEquality() {
        // one day is a window; every user active once, or every day, are the two ends of the range
        assertThat(Stickiness.ofCounts(1, new long[] {1, 1, 1}).value()).isEqualTo(1.0);
        assertThat(Stickiness.ofCounts(30, new long[] {1, 1, 1}).value()).isCloseTo(1.0 / 30, within(1e-15));
        assertThat(Stickiness.ofCounts(30, new long[] {30, 30, 30}).value()).isEqualTo(1.0);
        assertThatThrownBy(() -> Stickiness.ofCounts(30, new long[] {30, 30, 31}))
                .hasMessage("active days of user 2 must be in 1..30, was 31");
        Stickiness counts = Stickiness.ofCounts(30, new long[] {10, 20, 30});
        assertThat(counts.activeUserDays()).isEqualTo(60);
        assertThat(counts.days()).isEqualTo(30);
        assertThat(counts.activeUsers()).isEqualTo(3);
        for (Stickiness other : new Stickiness[] {Stickiness.ofCounts(30, new long[] {11, 20, 30}),
            Stickiness.ofCounts(31, new long[] {10, 20, 30}), Stickiness.ofCounts(30, new long[] {10, 20, 15, 15}),
            Stickiness.ofCounts(30, new long[] {15, 15, 30})}) {
            assertThat(counts).isNotEqualTo(other);
            assertThat(counts.hashCode()).isNotEqualTo(other.hashCode());
        }
        assertThat(counts).isNotEqualTo("DAU/MAU");
        // a one-day window; user 1 twice, user 2 once; the collector reads the records
        record Visit(long user, LocalDate date) {
        }
        assertThat(java.util.stream.Stream.of(new Visit(1, FIRST), new Visit(2, FIRST), new Visit(1, FIRST),
                new Visit(3, LAST)).collect(Stickiness.collector(FIRST, FIRST, Visit::user, Visit::date)))
                .isEqualTo(Stickiness.ofCounts(1, new long[] {1, 1}));
        // days count from the window's first day: two users on its last day are two user-days, not one
        assertThat(Stickiness.accumulator(FIRST, LAST).add(1, LAST).add(2, LAST).add(1, FIRST).snapshot())
                .isEqualTo(Stickiness.ofCounts(30, new long[] {2, 1}));
    }

    @Test
    void theUncertaintyIsThatOfAMeanOverUsers() {
        // Shares of active days 1/3, 2/3, 1: mean 2/3, sample sd 1/3, SE 1/(3√3) = 0.19245, t with 2
        // degrees of freedom. At 50 %, t(0.75; 2) = 0.816497: [0.509532, 0.823802] (SciPy).
        Stickiness stickiness = Stickiness.ofCounts(30, new long[] {10, 20, 30});
        assertThat(stickiness.estimate().value()).isEqualTo(stickiness.value());
        assertThat(stickiness.estimate().standardError()).isCloseTo(0.19245008972987526, within(1e-15));
        assertThat(stickiness.estimate().degreesOfFreedom()).isEqualTo(2.0);
        assertThat(stickiness.confidenceInterval(0.5).low()).isCloseTo(0.5095318264029893, within(1e-9));
        assertThat(stickiness.confidenceInterval(0.5).high()).isCloseTo(0.8238015069303439, within(1e-9));
        // at 95 % the t interval, 2/3 ± 0.828, is cut to the range of a share
        assertThat(stickiness.confidenceInterval(0.95).low()).isZero();
        assertThat(stickiness.confidenceInterval(0.95).high()).isEqualTo(1.0);
        // Welch's t test against five users active 30, 30, 15, 15, 30 days: t = -0.584497, p = 0.593100
        // (scipy.stats.ttest_ind with equal_var=False)
        Stickiness earlier = Stickiness.ofCounts(30, new long[] {30, 30, 15, 15, 30});
        assertThat(stickiness.differenceFrom(earlier).difference()).isCloseTo(2.0 / 3 - 0.8, within(1e-15));
        assertThat(stickiness.differenceFrom(earlier).statistic()).isCloseTo(-0.58449722897218, within(1e-12));
        assertThat(stickiness.differenceFrom(earlier).pValue()).isCloseTo(0.5930998200593887, within(1e-9));
        // every user equally active: no spread
        assertThat(Stickiness.ofCounts(30, new long[] {7, 7, 7}).estimate().standardError()).isZero();
    }
}
