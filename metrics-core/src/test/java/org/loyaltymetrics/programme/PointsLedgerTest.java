package org.loyaltymetrics.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.programme.IssueCohorts.Cohort;
import org.loyaltymetrics.programme.LedgerPeriods.Period;
import org.loyaltymetrics.retention.CustomerCounts;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.stats.Proportion;
import org.loyaltymetrics.time.Granularity;

class PointsLedgerTest {

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    /**
     * Three members, by hand (lots named A–F):
     * <pre>
     * member 1: enrols 2025-01-05; earns 100 on 01-10 (A), 50 on 02-03 (B); burns 120 on 02-20 (A 100 at age 41,
     *           B 20 at age 17); adjusts +10 on 03-15 (C); expires 30 on 04-01 (B's last 30 at age 57). Balance 10.
     * member 2: earns 40 on 01-20 (D; enrolled then); burns 40 on 03-02 (D at age 41); earns 60 on 03-10 (E). Balance 60.
     * member 3: earns 200 on 02-10 (F), burns 50 the same day (age 0); adjusts -30 on 05-01 (F, age 80). Balance 120.
     * </pre>
     * The events are added in a scrambled order: the ledger replays them per member by date.
     */
    static PointsLedger example() {
        return PointsLedger.accumulator()
                .add(3, d("2025-05-01"), LedgerEvent.ADJUST, -30)
                .add(1, d("2025-02-20"), LedgerEvent.BURN, 120)
                .add(1, d("2025-01-10"), LedgerEvent.EARN, 100)
                .add(2, d("2025-03-02"), LedgerEvent.BURN, 40)
                .add(3, d("2025-02-10"), LedgerEvent.BURN, 50)
                .add(1, d("2025-02-03"), LedgerEvent.EARN, 50)
                .add(1, d("2025-04-01"), LedgerEvent.EXPIRE, 30)
                .add(2, d("2025-01-20"), LedgerEvent.EARN, 40)
                .add(3, d("2025-02-10"), LedgerEvent.EARN, 200)
                .add(1, d("2025-03-15"), LedgerEvent.ADJUST, 10)
                .add(2, d("2025-03-10"), LedgerEvent.EARN, 60)
                .enrol(1, d("2025-01-05"))
                .snapshot();
    }

    @Test
    void balancesAndEnrolments() {
        PointsLedger ledger = example();
        assertThat(ledger.memberCount()).isEqualTo(3);
        assertThat(ledger.memberIds()).containsExactly(1, 2, 3);
        assertThat(ledger.enrolment(1)).isEqualTo(d("2025-01-05"));
        assertThat(ledger.enrolment(2)).isEqualTo(d("2025-01-20"));
        // member 1: 100 + 50 - 120 = 30 on 02-20; + 10 = 40 on 03-15; - 30 = 10 on 04-01
        assertThat(ledger.balance(1, d("2025-02-19"))).isEqualTo(150);
        assertThat(ledger.balance(1, d("2025-02-20"))).isEqualTo(30);
        assertThat(ledger.balance(1, d("2025-04-30"))).isEqualTo(10);
        // member 3 earns and burns on 02-10: earn first, so 150 at the end of the day
        assertThat(ledger.balance(3, d("2025-02-10"))).isEqualTo(150);
        assertThat(ledger.balance(3, d("2025-05-01"))).isEqualTo(120);
        // outstanding at the end of 04-30: 10 + 60 + 150 = 220
        assertThat(ledger.outstanding(d("2025-04-30"))).isEqualTo(220);
        assertThat(ledger.outstanding(d("2024-12-31"))).isZero();
        assertThatThrownBy(() -> ledger.balance(9, d("2025-04-30"))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("member must be a member of the ledger, was 9");
    }

    @Test
    void pointsPerMonth() {
        // Jan: issued 100 + 40 = 140, outstanding 140.
        // Feb: issued 50 + 200 = 250, redeemed 120 + 50 = 170, outstanding 140 + 250 - 170 = 220.
        // Mar: issued 60, redeemed 40, adjusted +10, outstanding 220 + 60 - 40 + 10 = 250.
        // Apr: expired 30, outstanding 220 (member 3's May adjustment is after the as-of date).
        LedgerPeriods periods = example().periods(Granularity.MONTH, d("2025-04-30"));
        assertThat(periods.periods()).containsExactly(
                new Period("2025-01", d("2025-01-01"), 140, 0, 0, 0, 140),
                new Period("2025-02", d("2025-02-01"), 250, 170, 0, 0, 220),
                new Period("2025-03", d("2025-03-01"), 60, 40, 0, 10, 250),
                new Period("2025-04", d("2025-04-01"), 0, 0, 30, 0, 220));
        assertThat(periods.toTable().rowCount()).isEqualTo(4);
        assertThat(periods.toTable().headers()).containsExactly("period", "issued", "redeemed", "expired", "adjusted",
                "outstanding");
        assertThat(periods.toString()).isEqualTo("points ledger by MONTH as of 2025-04-30: 4 periods, 220 points outstanding");
        // as of mid-February: the last period stops at the as-of date (member 3's 02-10 events are in)
        assertThat(example().periods(Granularity.MONTH, d("2025-02-10")).periods().get(1))
                .isEqualTo(new Period("2025-02", d("2025-02-01"), 250, 50, 0, 0, 340));
        assertThat(example().periods(Granularity.MONTH, d("2024-06-30")).isEmpty()).isTrue();
    }

    @Test
    void redemptionRateWithItsStandardErrorOverMembers() {
        // through 04-30: redeemed 120 + 40 + 50 = 210 of 100 + 50 + 40 + 60 + 200 = 450 earned; R = 7/15.
        // per member (r, e): (120, 150), (40, 100), (50, 200); residuals r - R e: 50, -20/3, -130/3;
        // sum of squares 2500 + 400/9 + 16900/9 = 39800/9; SE = sqrt(3/2 * 39800/9) / 450
        RedemptionRate rate = example().redemptionRate(d("2025-04-30"));
        assertThat(rate.redeemed()).isEqualTo(210);
        assertThat(rate.issued()).isEqualTo(450);
        assertThat(rate.members()).isEqualTo(3);
        assertThat(rate.value()).isCloseTo(7.0 / 15, within(1e-15));
        assertThat(rate.standardError()).isCloseTo(Math.sqrt(1.5 * 39800.0 / 9) / 450, within(1e-15));
        // normal interval: 7/15 -/+ 1.959964 SE, the lower side clipped at 0
        double se = Math.sqrt(1.5 * 39800.0 / 9) / 450;
        assertThat(rate.confidenceInterval(0.95).low()).isCloseTo(Math.max(0, 7.0 / 15 - 1.959963984540054 * se), within(1e-12));
        assertThat(rate.confidenceInterval(0.95).high()).isCloseTo(7.0 / 15 + 1.959963984540054 * se, within(1e-12));
        // February alone: redeemed 170 of 250 issued, members enrolled before March: all three
        RedemptionRate february = example().redemptionRate(d("2025-02-01"), d("2025-03-01"));
        assertThat(february.redeemed()).isEqualTo(170);
        assertThat(february.issued()).isEqualTo(250);
        // March: 40 redeemed of 60 issued (the rate of a period counts redemptions of older points)
        assertThat(example().redemptionRate(d("2025-03-01"), d("2025-04-01")).value()).isCloseTo(40.0 / 60, within(1e-15));
        assertThat(example().redemptionRate(d("2025-04-01"), d("2025-05-01")).isEmpty()).isTrue();
        assertThatThrownBy(() -> example().redemptionRate(d("2025-04-01"), d("2025-05-01")).value())
                .isInstanceOf(UndefinedResultException.class);
        assertThat(rate.toString()).isEqualTo("redemption rate 210/450 points (46.67%, SE 0.1810) over 3 members");
    }

    @Test
    void issueCohortsFollowTheirOwnPoints() {
        // Jan: A 100, D 40, both redeemed: closed, observed breakage 0.
        // Feb: B 50 (20 redeemed, 30 expired), F 200 (50 redeemed, 150 outstanding): open.
        // Mar: C 10 (adjustment), E 60: outstanding 70.
        List<Cohort> cohorts = example().issueCohorts(Granularity.MONTH, d("2025-04-30")).cohorts();
        assertThat(cohorts).extracting(Cohort::label).containsExactly("2025-01", "2025-02", "2025-03");
        Cohort january = cohorts.get(0);
        assertThat(List.of(january.issued(), january.redeemed(), january.expired(), january.outstanding()))
                .containsExactly(140L, 140L, 0L, 0L);
        assertThat(january.isClosed()).isTrue();
        assertThat(january.observedBreakage()).isZero();
        Cohort february = cohorts.get(1);
        assertThat(List.of(february.issued(), february.redeemed(), february.expired(), february.adjustedAway(),
                february.outstanding())).containsExactly(250L, 70L, 30L, 0L, 150L);
        assertThat(february.isClosed()).isFalse();
        assertThatThrownBy(february::observedBreakage).isInstanceOf(UndefinedResultException.class)
                .hasMessageContaining("150 of its points are outstanding");
        // redemption rate of February's points: 70/250; members (r, e): (20, 50), (50, 200); R = 0.28;
        // residuals 20 - 14 = 6, 50 - 56 = -6; SE = sqrt(2 * 72) / 250 = 12 / 250
        assertThat(february.redemptionRate().value()).isCloseTo(0.28, within(1e-15));
        assertThat(february.redemptionRate().standardError()).isCloseTo(12.0 / 250, within(1e-15));
        assertThat(cohorts.get(2).outstanding()).isEqualTo(70);
        // as of 05-31 member 3's adjustment takes 30 of F
        Cohort laterFebruary = example().issueCohorts(Granularity.MONTH, d("2025-05-31")).cohorts().get(1);
        assertThat(laterFebruary.adjustedAway()).isEqualTo(30);
        assertThat(laterFebruary.outstanding()).isEqualTo(120);
    }

    /** A closed cohort: 100 points earned by each of two members; 60 and 0 redeemed, 40 and 100 expired. */
    @Test
    void aClosedCohortHasItsBreakageExactly() {
        PointsLedger ledger = PointsLedger.accumulator()
                .add(1, d("2025-01-03"), LedgerEvent.EARN, 100)
                .add(1, d("2025-02-03"), LedgerEvent.BURN, 60)
                .add(1, d("2025-12-31"), LedgerEvent.EXPIRE, 40)
                .add(2, d("2025-01-20"), LedgerEvent.EARN, 100)
                .add(2, d("2025-12-31"), LedgerEvent.EXPIRE, 100)
                .snapshot();
        Cohort cohort = ledger.issueCohorts(Granularity.YEAR, d("2026-01-01")).cohorts().get(0);
        // breakage = expired / issued = 140 / 200 = 0.7 exactly
        assertThat(cohort.isClosed()).isTrue();
        assertThat(cohort.observedBreakage()).isEqualTo(0.7);
        // the estimate of Breakage on a closed ledger is the observed breakage (no censoring): 1 - 60/200
        assertThat(ledger.breakage(d("2026-01-01")).value()).isCloseTo(0.7, within(1e-15));
    }

    @Test
    void membershipRates() {
        PointsLedger ledger = example();
        // March: member 2 earns and burns, member 1 only adjusts, member 3 nothing: 1 active of 3 enrolled
        assertThat(ledger.activeMemberRate(d("2025-03-01"), d("2025-04-01"))).isEqualTo(Proportion.of(1, 3));
        // January: members 1 and 2 enrolled, both earned
        assertThat(ledger.activeMemberRate(d("2025-01-01"), d("2025-02-01"))).isEqualTo(Proportion.of(2, 2));
        assertThat(ledger.membersEnrolledBy(d("2025-01-31"))).isEqualTo(2);
        assertThat(ledger.enrolmentRate(10, d("2025-04-30"))).isEqualTo(Proportion.of(3, 10));
        assertThatThrownBy(() -> ledger.enrolmentRate(2, d("2025-04-30"))).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("customers must be at least the 3 members enrolled by 2025-04-30, was 2");
    }

    @Test
    void membersChurnWithRetentionsDefinitionsThresholdsAndPurchasesPerReward() {
        // lapse 60 days after the last earn or burn before 2025-05-01: member 1's is 02-20 (its adjustment and
        // expiry are not activity): lapsed 04-21; member 2's 03-10: 05-09, after the period; member 3's 02-10:
        // 04-11. All three enrolled before 03-01: S = 3, N = 0, L = 2; churn L/S = 2/3
        CustomerCounts counts = example().memberCounts(d("2025-03-01"), d("2025-05-01"), 60);
        assertThat(counts).isEqualTo(CustomerCounts.ofCounts(3, 0, 2, 0));
        assertThat(counts.churnRate().value()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(counts.retentionRate().value()).isCloseTo(1.0 / 3, within(1e-15));
        assertThatThrownBy(() -> example().memberCounts(d("2025-03-01"), d("2025-05-01"), 0))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("lapseDays must be >= 1, was 0");
        // points earned January to April: 150, 100, 200; threshold 150 reached by members 1 and 3
        assertThat(example().thresholdShare(150, d("2025-01-01"), d("2025-05-01"))).isEqualTo(Proportion.of(2, 3));
        assertThat(example().thresholdShare(100, d("2025-01-01"), d("2025-05-01"))).isEqualTo(Proportion.of(3, 3));
        // purchases (earns) 2, 2, 1 and rewards (burns) 1, 1, 1: Q = 5/3; residuals 1/3, 1/3, -2/3, squares
        // summing to 2/3; SE = sqrt(3/2 * 2/3) / 3 = 1/3
        Estimate perReward = example().purchasesPerReward(d("2025-01-01"), d("2025-05-01"));
        assertThat(perReward.value()).isCloseTo(5.0 / 3, within(1e-15));
        assertThat(perReward.standardError()).isCloseTo(1.0 / 3, within(1e-15));
        assertThatThrownBy(() -> example().purchasesPerReward(d("2025-04-01"), d("2025-05-01")))
                .isInstanceOf(UndefinedResultException.class);
    }

    @Test
    void aReaderNamesMembersByItsOwnIds() {
        PointsLedger.Accumulator acc = PointsLedger.accumulator()
                .add(1, d("2025-01-01"), LedgerEvent.EARN, 10, 2)
                .add(1, d("2025-01-02"), LedgerEvent.BURN, 11, 3);
        assertThatThrownBy(() -> acc.snapshot(id -> id == 1 ? "C-0001" : "?"))
                .hasMessage("points must be at most the balance 10 for a burn (member C-0001 on 2025-01-02, line 3), was 11");
    }

    @Test
    void aBurnBelowZeroNamesMemberDateLineAndValue() {
        PointsLedger.Accumulator acc = PointsLedger.accumulator()
                .add(7, d("2025-01-01"), LedgerEvent.EARN, 30, 2)
                .add(7, d("2025-01-05"), LedgerEvent.BURN, 50, 3);
        assertThatThrownBy(acc::snapshot).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("points must be at most the balance 30 for a burn (member 7 on 2025-01-05, line 3), was 50")
                .extracting(e -> ((InvalidArgumentException) e).argument()).isEqualTo("points");
        // a burn the day before the earn: the balance is 0
        assertThatThrownBy(PointsLedger.accumulator().add(7, d("2025-01-02"), LedgerEvent.EARN, 30)
                .add(7, d("2025-01-01"), LedgerEvent.EXPIRE, 1)::snapshot)
                .hasMessage("points must be at most the balance 0 for an expiry (member 7 on 2025-01-01), was 1");
        assertThatThrownBy(PointsLedger.accumulator().add(7, d("2025-01-02"), LedgerEvent.EARN, 30)
                .add(7, d("2025-01-03"), LedgerEvent.ADJUST, -31)::snapshot)
                .hasMessage("points must be at most the balance 30 for a negative adjustment (member 7 on 2025-01-03), was 31");
    }

    @Test
    void anEventBeforeEnrolmentOrASecondEnrolmentIsAnError() {
        PointsLedger.Accumulator acc = PointsLedger.accumulator()
                .add(5, d("2025-03-01"), LedgerEvent.ENROL, 0, 9)
                .add(5, d("2025-02-27"), LedgerEvent.EARN, 10, 4);
        assertThatThrownBy(acc::snapshot).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("date must be on or after the enrolment 2025-03-01 of member 5 (its earn of 10 points, line 4),"
                        + " was 2025-02-27")
                .extracting(e -> ((InvalidArgumentException) e).argument()).isEqualTo("date");
        assertThatThrownBy(PointsLedger.accumulator().enrol(5, d("2025-03-01")).enrol(5, d("2025-04-01"))::snapshot)
                .hasMessageStartingWith("date must be the only enrolment of member 5");
    }

    @Test
    void pointsOfTheWrongSignAndUnknownEventsAndOverflow() {
        assertThatThrownBy(() -> PointsLedger.accumulator().add(4, d("2025-01-01"), LedgerEvent.EARN, -5, 12))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("points must be > 0 for an earn (member 4 on 2025-01-01, line 12), was -5");
        assertThatThrownBy(() -> PointsLedger.accumulator().add(4, d("2025-01-01"), LedgerEvent.ADJUST, 0))
                .hasMessage("points must be non-zero for an adjustment (member 4 on 2025-01-01), was 0");
        assertThatThrownBy(() -> LedgerEvent.parse("gift")).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("event must be one of earn, burn, expire, adjust, enrol, was \"gift\"");
        assertThat(LedgerEvent.parse(" Redeem")).isEqualTo(LedgerEvent.BURN);
        assertThat(LedgerEvent.parse("EARN")).isEqualTo(LedgerEvent.EARN);
        PointsLedger.Accumulator acc = PointsLedger.accumulator()
                .add(8, d("2025-01-01"), LedgerEvent.EARN, Long.MAX_VALUE - 5, 1)
                .add(8, d("2025-01-02"), LedgerEvent.EARN, 6, 2);
        assertThatThrownBy(acc::snapshot).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("points must be such that the balance 9223372036854775802 stays within a long "
                        + "(member 8 on 2025-01-02, line 2, earn), was 6");
        // two members whose sum overflows: a total, ArithmeticException
        PointsLedger big = PointsLedger.accumulator().add(1, d("2025-01-01"), LedgerEvent.EARN, Long.MAX_VALUE)
                .add(2, d("2025-01-01"), LedgerEvent.EARN, 1).snapshot();
        assertThatThrownBy(() -> big.outstanding(d("2025-01-01"))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void accumulatorsCombineInAnySplitAndTheCollectorAgrees() {
        record Event(long member, LocalDate date, LedgerEvent event, long points) {
        }
        List<Event> events = List.of(new Event(1, d("2025-01-10"), LedgerEvent.EARN, 100),
                new Event(1, d("2025-02-20"), LedgerEvent.BURN, 120), new Event(1, d("2025-02-03"), LedgerEvent.EARN, 50),
                new Event(2, d("2025-01-20"), LedgerEvent.EARN, 40), new Event(2, d("2025-03-02"), LedgerEvent.BURN, 40));
        PointsLedger.Accumulator first = PointsLedger.accumulator();
        PointsLedger.Accumulator second = PointsLedger.accumulator();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            (i % 2 == 0 ? first : second).add(e.member(), e.date(), e.event(), e.points());
        }
        // the burn of 120 lands in the part without member 1's earns, the burn of 40 in the part without member
        // 2's earn: only the combined ledger is valid
        assertThatThrownBy(first::snapshot).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("member 2");
        assertThatThrownBy(second::snapshot).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("member 1");
        PointsLedger combined = second.combine(first).snapshot();
        PointsLedger collected = events.parallelStream().collect(PointsLedger.collector(Event::member, Event::date,
                Event::event, Event::points));
        assertThat(combined).isEqualTo(collected).hasSameHashCodeAs(collected);
        assertThat(combined.toString()).isEqualTo("points ledger of 2 members, 5 events");
        assertThat(first.toString()).isEqualTo("PointsLedger.Accumulator: 2 members, 3 events");
    }
}
