package org.loyaltymetrics.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.retention.MrrMovements.QuickRatio;

class RevenueRetentionTest {

    record Snapshot(long account, YearMonth month, long cents) {
    }

    static YearMonth m(String iso) {
        return YearMonth.parse(iso);
    }

    /*
     * Amounts in cents. A: Jan 100, Feb 120, Mar 120, none in Apr. B: Jan 50, Feb 30, none in Mar,
     * Apr 40 (reactivation). C: Feb 10 (new), Mar 15. D: an explicit 0 in Mar, Apr 25 (new: never had
     * revenue before).
     *   Feb: start 150, new 10 (C), expansion 20 (A), contraction 20 (B), end 160
     *   Mar: start 160, expansion 5 (C), churned 30 (B), end 135
     *   Apr: start 135, new 25 (D), churned 120 + 15 (A, C), reactivation 40 (B), end 65
     */
    static final List<Snapshot> SNAPSHOTS = List.of(new Snapshot(1, m("2025-01"), 100_00),
            new Snapshot(1, m("2025-02"), 120_00), new Snapshot(1, m("2025-03"), 120_00),
            new Snapshot(2, m("2025-04"), 40_00), new Snapshot(2, m("2025-01"), 50_00), new Snapshot(2, m("2025-02"), 30_00),
            new Snapshot(3, m("2025-03"), 15_00), new Snapshot(3, m("2025-02"), 10_00), new Snapshot(4, m("2025-03"), 0),
            new Snapshot(4, m("2025-04"), 25_00));

    /** Computed in each test rather than once per class, so that every test exercises the code afresh. */
    static RevenueRetention retention() {
        return SNAPSHOTS.stream().collect(RevenueRetention.collector(2, Snapshot::account, Snapshot::month, Snapshot::cents));
    }

    @Test
    void workedExample() {
        // start 100, churned 10, contraction 10, expansion 10 -> gross MRR churn 20 %, net 10 %
        MrrMovements movements = MrrMovements.ofAmounts(m("2025-03"), 100, 0, 10, 10, 10, 0, 0);
        assertThat(movements.grossMrrChurn()).isEqualTo(0.20);
        assertThat(movements.netMrrChurn()).isEqualTo(0.10);
        assertThat(movements.grossRevenueRetention()).isEqualTo(0.80);
        assertThat(movements.netRevenueRetention()).isEqualTo(0.90);
        assertThat(movements.quickRatio()).isEqualTo(0.5);
        assertThat(movements.endMrr()).isEqualTo(90);
    }

    @Test
    void movementsByHand() {
        assertThat(retention().months()).extracting(MrrMovements::month).containsExactly(m("2025-02"), m("2025-03"), m("2025-04"));
        assertThat(retention().get(m("2025-02"))).isEqualTo(MrrMovements.ofAmounts(m("2025-02"), 150_00, 10_00, 20_00, 20_00, 0, 0, 2));
        assertThat(retention().get(m("2025-03"))).isEqualTo(MrrMovements.ofAmounts(m("2025-03"), 160_00, 0, 5_00, 0, 30_00, 0, 2));
        assertThat(retention().get(m("2025-04"))).isEqualTo(MrrMovements.ofAmounts(m("2025-04"), 135_00, 25_00, 0, 0, 135_00, 40_00, 2));
        assertThat(retention().get(m("2025-02")).endMrr()).isEqualTo(160_00);
        assertThat(retention().get(m("2025-04")).endMrr()).isEqualTo(65_00);
    }

    @Test
    void ratesByHand() {
        MrrMovements february = retention().get(m("2025-02"));
        assertThat(february.grossMrrChurn()).isCloseTo(20.0 / 150, within(1e-15));
        assertThat(february.netMrrChurn()).isZero();
        assertThat(february.grossRevenueRetention()).isCloseTo(130.0 / 150, within(1e-15));
        assertThat(february.netRevenueRetention()).isEqualTo(1.0);
        assertThat(february.quickRatio()).isEqualTo(1.5);
        MrrMovements april = retention().get(m("2025-04"));
        assertThat(april.grossMrrChurn()).isEqualTo(1.0);
        assertThat(april.netMrrChurn()).isCloseTo(95.0 / 135, within(1e-15));
        assertThat(april.quickRatio()).isCloseTo(25.0 / 135, within(1e-15));
        assertThat(april.quickRatio(QuickRatio.WITH_REACTIVATION)).isCloseTo(65.0 / 135, within(1e-15));
        assertThat(april.amount(april.endMrr())).isEqualTo(new BigDecimal("65.00"));
        // expansion outgrowing losses gives a negative net churn
        assertThat(MrrMovements.ofAmounts(m("2025-01"), 100, 0, 30, 5, 5, 0, 0).netMrrChurn()).isEqualTo(-0.2);
    }

    @Test
    void combineOverAnySplitEqualsOnePass() {
        for (int split = 0; split <= SNAPSHOTS.size(); split++) {
            RevenueRetention.Accumulator first = RevenueRetention.accumulator();
            RevenueRetention.Accumulator second = RevenueRetention.accumulator();
            for (int i = 0; i < SNAPSHOTS.size(); i++) {
                Snapshot s = SNAPSHOTS.get(i);
                (i < split ? first : second).add(s.account(), s.month(), s.cents());
            }
            assertThat(second.combine(first).snapshot()).isEqualTo(retention()).hasSameHashCodeAs(retention());
        }
    }

    @Test
    void undefinedRatesAndText() {
        MrrMovements fromNothing = MrrMovements.ofAmounts(m("2025-01"), 0, 5_00, 0, 0, 0, 0, 2);
        assertThatThrownBy(fromNothing::grossMrrChurn).isInstanceOf(UndefinedResultException.class)
                .hasMessage("gross MRR churn of 2025-01 is undefined: the start MRR is 0");
        assertThatThrownBy(fromNothing::quickRatio).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the quick ratio of 2025-01 is undefined: no MRR was churned or contracted");
        assertThat(retention().get(m("2025-03"))).hasToString("2025-03: start 160.00, new 0.00, expansion 5.00, contraction 0.00, "
                + "churned 30.00, reactivation 0.00, end 135.00; gross MRR churn 18.75%, net MRR churn 15.63%, GRR 81.25%, "
                + "NRR 84.38%");
        assertThat(retention().toString()).contains("2025-02  150.00  10.00      20.00        20.00     0.00");
        assertThat(RevenueRetention.accumulator().snapshot().months()).isEmpty();
    }

    @Test
    void rejectsBadInput() {
        RevenueRetention.Accumulator accumulator = RevenueRetention.accumulator().add(7, m("2025-03"), 100);
        assertThatThrownBy(() -> accumulator.add(7, m("2025-03"), 200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("account 7 must have one amount per month, had two for 2025-03");
        assertThatThrownBy(() -> accumulator.add(8, m("2025-03"), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must be >= 0, was -1 (account 8, 2025-03)");
        assertThatThrownBy(() -> accumulator.combine(RevenueRetention.accumulator().add(7, m("2025-03"), 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account 7 must have one amount per month");
        assertThatThrownBy(() -> accumulator.combine(RevenueRetention.accumulator(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("other must have 2 decimals, had 0");
        assertThatThrownBy(() -> RevenueRetention.accumulator(19)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("decimals must be in 0..18, was 19");
        assertThatThrownBy(() -> MrrMovements.ofAmounts(m("2025-01"), 10, 0, 0, 6, 5, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("churnedMrr + contractionMrr must be <= startMrr 10, was 5 + 6");
        assertThatThrownBy(() -> retention().get(m("2025-01"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("month must be one of 2025-02 to 2025-04, was 2025-01");
    }

    @Test
    void longHistoriesInAnyOrderAndTheDecimalsRange() {
        // whole units: account 1 pays 10 a month for 30 months, 2023-01 to 2025-06 (added latest first);
        // account 2 pays 5 in 2023-01 and 7 forty months later, in 2026-05. So 2023-02 starts at 15 and
        // churns 5 (account 2), 2025-07 churns 10 (account 1), 2026-05 reactivates 7 (account 2).
        RevenueRetention.Accumulator accumulator = RevenueRetention.accumulator(0);
        for (int k = 29; k >= 0; k--) {
            accumulator.add(1, m("2023-01").plusMonths(k), 10);
        }
        accumulator.add(2, m("2023-01"), 5).add(2, m("2026-05"), 7);
        RevenueRetention retention = accumulator.snapshot();
        assertThat(retention.months()).hasSize(40);
        assertThat(retention.get(m("2023-02"))).isEqualTo(MrrMovements.ofAmounts(m("2023-02"), 15, 0, 0, 0, 5, 0, 0));
        assertThat(retention.get(m("2025-06"))).isEqualTo(MrrMovements.ofAmounts(m("2025-06"), 10, 0, 0, 0, 0, 0, 0));
        assertThat(retention.get(m("2025-07"))).isEqualTo(MrrMovements.ofAmounts(m("2025-07"), 10, 0, 0, 0, 10, 0, 0));
        assertThat(retention.get(m("2026-05"))).isEqualTo(MrrMovements.ofAmounts(m("2026-05"), 0, 0, 0, 0, 0, 7, 0));
        // the same snapshots collected, and split over two accumulators
        record Row(long account, YearMonth month, long amount) {
        }
        List<Row> rows = new java.util.ArrayList<>();
        for (int k = 0; k < 30; k++) {
            rows.add(new Row(1, m("2023-01").plusMonths(k), 10));
        }
        rows.add(new Row(2, m("2026-05"), 7));
        rows.add(new Row(2, m("2023-01"), 5));
        assertThat(rows.stream().collect(RevenueRetention.collector(0, Row::account, Row::month, Row::amount)))
                .isEqualTo(retention).hasSameHashCodeAs(retention);
        RevenueRetention.Accumulator early = RevenueRetention.accumulator(0);
        RevenueRetention.Accumulator late = RevenueRetention.accumulator(0);
        rows.forEach(r -> (r.month().isBefore(m("2024-06")) ? early : late).add(r.account(), r.month(), r.amount()));
        assertThat(late.combine(early).snapshot()).isEqualTo(retention);
        // equality is by the movements
        assertThat(retention).isNotEqualTo(retention()).isNotEqualTo("2023-02");
        assertThat(retention.hashCode()).isNotEqualTo(retention().hashCode());
        // 0 and 18 decimals are allowed, -1 is not
        assertThat(RevenueRetention.accumulator(18).add(1, m("2025-01"), 1).add(1, m("2025-02"), 2).snapshot()
                .get(m("2025-02")).decimals()).isEqualTo(18);
        assertThatThrownBy(() -> RevenueRetention.accumulator(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("decimals must be in 0..18, was -1");
    }

    @Test
    void movementsEqualityAndDecimals() {
        MrrMovements movements = MrrMovements.ofAmounts(m("2025-03"), 100, 0, 10, 10, 10, 0, 0);
        assertThat(movements.decimals()).isZero();
        assertThat(MrrMovements.ofAmounts(m("2025-03"), 100, 0, 10, 10, 10, 0, 18).decimals()).isEqualTo(18);
        assertThatThrownBy(() -> MrrMovements.ofAmounts(m("2025-03"), 100, 0, 10, 10, 10, 0, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("decimals must be in 0..18, was -1");
        assertThat(movements).isNotEqualTo(MrrMovements.ofAmounts(m("2025-03"), 100, 0, 10, 10, 10, 0, 2))
                .isNotEqualTo(MrrMovements.ofAmounts(m("2025-04"), 100, 0, 10, 10, 10, 0, 0)).isNotEqualTo("2025-03")
                .isEqualTo(MrrMovements.ofAmounts(m("2025-03"), 100, 0, 10, 10, 10, 0, 0));
        assertThat(movements.hashCode()).isNotEqualTo(MrrMovements.ofAmounts(m("2025-03"), 100, 0, 10, 10, 10, 0, 2).hashCode());
    }
}
