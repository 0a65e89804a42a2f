package org.loyaltymetrics.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.money.Money;

class RevenueRetentionTest {

    record Snapshot(long account, YearMonth month, long cents) {
    }

    /** USD for 2 decimals, else an unnamed currency of {@code decimals} decimals. */
    static CurrencyUnit unit(int decimals) {
        return decimals == 2 ? CurrencyUnit.USD : CurrencyUnit.of("XXX", decimals);
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
        return SNAPSHOTS.stream().collect(RevenueRetention.collector(CurrencyUnit.USD, Snapshot::account, Snapshot::month, Snapshot::cents));
    }

    @Test
    void workedExample() {
        // start 100, churned 10, contraction 10, expansion 10 -> gross MRR churn 20 %, net 10 %
        MrrMovements movements = MrrMovements.ofMinorUnits(m("2025-03"), unit(0), 100, 0, 10, 10, 10, 0);
        assertThat(movements.grossMrrChurn()).isEqualTo(0.20);
        assertThat(movements.netMrrChurn()).isEqualTo(0.10);
        assertThat(movements.grossRevenueRetention()).isEqualTo(0.80);
        assertThat(movements.netRevenueRetention()).isEqualTo(0.90);
        assertThat(movements.quickRatio()).isEqualTo(0.5);
        assertThat(movements.endMrr()).isEqualTo(Money.ofMinor(unit(0), 90));
    }

    @Test
    void movementsByHand() {
        assertThat(retention().months()).extracting(MrrMovements::month).containsExactly(m("2025-02"), m("2025-03"), m("2025-04"));
        assertThat(retention().get(m("2025-02"))).isEqualTo(MrrMovements.ofMinorUnits(m("2025-02"), unit(2), 150_00, 10_00, 20_00, 20_00, 0, 0));
        assertThat(retention().get(m("2025-03"))).isEqualTo(MrrMovements.ofMinorUnits(m("2025-03"), unit(2), 160_00, 0, 5_00, 0, 30_00, 0));
        assertThat(retention().get(m("2025-04"))).isEqualTo(MrrMovements.ofMinorUnits(m("2025-04"), unit(2), 135_00, 25_00, 0, 0, 135_00, 40_00));
        assertThat(retention().get(m("2025-02")).endMrr()).isEqualTo(Money.ofMinor(CurrencyUnit.USD, 160_00));
        assertThat(retention().get(m("2025-04")).endMrr()).isEqualTo(Money.ofMinor(CurrencyUnit.USD, 65_00));
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
        assertThat(april.quickRatioWithReactivation()).isCloseTo(65.0 / 135, within(1e-15));
        assertThat(april.endMrr().amount()).isEqualTo(new BigDecimal("65.00"));
        assertThat(april.currency()).isEqualTo(CurrencyUnit.USD);
        // expansion outgrowing losses gives a negative net churn
        assertThat(MrrMovements.ofMinorUnits(m("2025-01"), unit(0), 100, 0, 30, 5, 5, 0).netMrrChurn()).isEqualTo(-0.2);
    }

    @Test
    void combineOverAnySplitEqualsOnePass() {
        for (int split = 0; split <= SNAPSHOTS.size(); split++) {
            RevenueRetention.Accumulator first = RevenueRetention.accumulator(CurrencyUnit.USD);
            RevenueRetention.Accumulator second = RevenueRetention.accumulator(CurrencyUnit.USD);
            for (int i = 0; i < SNAPSHOTS.size(); i++) {
                Snapshot s = SNAPSHOTS.get(i);
                (i < split ? first : second).add(s.account(), s.month(), s.cents());
            }
            assertThat(second.combine(first).snapshot()).isEqualTo(retention()).hasSameHashCodeAs(retention());
        }
    }

    @Test
    void undefinedRatesAndText() {
        MrrMovements fromNothing = MrrMovements.ofMinorUnits(m("2025-01"), unit(2), 0, 5_00, 0, 0, 0, 0);
        assertThatThrownBy(fromNothing::grossMrrChurn).isInstanceOf(UndefinedResultException.class)
                .hasMessage("gross MRR churn of 2025-01 is undefined: the start MRR is 0");
        assertThatThrownBy(fromNothing::quickRatio).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the quick ratio of 2025-01 is undefined: no MRR was churned or contracted");
        assertThat(retention().get(m("2025-03"))).hasToString("2025-03 in USD: start 160.00, new 0.00, expansion 5.00, contraction 0.00, "
                + "churned 30.00, reactivation 0.00, end 135.00; gross MRR churn 18.75%, net MRR churn 15.63%, GRR 81.25%, "
                + "NRR 84.38%");
        assertThat(retention().toTable().toText()).contains("2025-02  150.00  10.00      20.00        20.00     0.00");
        assertThat(retention()).hasToString("RevenueRetention in USD: 3 months, 2025-02 to 2025-04");
        assertThat(RevenueRetention.accumulator(CurrencyUnit.USD).add(1, m("2025-01"), 5)).hasToString(
                "RevenueRetention.Accumulator in USD: 1 accounts");
        assertThat(RevenueRetention.accumulator(CurrencyUnit.USD).snapshot().months()).isEmpty();
    }

    @Test
    void rejectsBadInput() {
        RevenueRetention.Accumulator accumulator = RevenueRetention.accumulator(CurrencyUnit.USD).add(7, m("2025-03"), 100);
        assertThatThrownBy(() -> accumulator.add(7, m("2025-03"), 200)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("account 7 must have one amount per month, had two for 2025-03");
        assertThatThrownBy(() -> accumulator.add(8, m("2025-03"), -1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("amount must be >= 0, was -1 (account 8, 2025-03)");
        assertThatThrownBy(() -> accumulator.combine(RevenueRetention.accumulator(CurrencyUnit.USD).add(7, m("2025-03"), 5)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("account 7 must have one amount per month");
        assertThatThrownBy(() -> accumulator.combine(RevenueRetention.accumulator(unit(0))))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("other must have the same currency USD, had XXX (0 decimals)");
        assertThatThrownBy(() -> accumulator.combine(RevenueRetention.accumulator(CurrencyUnit.EUR)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("other must have the same currency USD, had EUR");
        assertThatThrownBy(() -> RevenueRetention.accumulator(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("currency must not be null");
        assertThatThrownBy(() -> MrrMovements.ofMinorUnits(m("2025-01"), unit(2), 10, 0, 0, 6, 5, 0))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("contractionMrr must be <= startMrr 10 - churnedMrr 5, was 6");
        assertThatThrownBy(() -> MrrMovements.ofMinorUnits(m("2025-01"), CurrencyUnit.USD, 10, 0, 0, 0, 11, 0))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("churnedMrr must be <= startMrr 10, was 11");
        assertThatThrownBy(() -> retention().get(m("2025-01"))).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("month must be one of 2025-02 to 2025-04, was 2025-01");
    }

    @Test
    void longHistoriesInAnyOrderAndTheDecimalsRange() {
        // whole units: account 1 pays 10 a month for 30 months, 2023-01 to 2025-06 (added latest first);
        // account 2 pays 5 in 2023-01 and 7 forty months later, in 2026-05. So 2023-02 starts at 15 and
        // churns 5 (account 2), 2025-07 churns 10 (account 1), 2026-05 reactivates 7 (account 2).
        RevenueRetention.Accumulator accumulator = RevenueRetention.accumulator(unit(0));
        for (int k = 29; k >= 0; k--) {
            accumulator.add(1, m("2023-01").plusMonths(k), 10);
        }
        accumulator.add(2, m("2023-01"), 5).add(2, m("2026-05"), 7);
        RevenueRetention retention = accumulator.snapshot();
        assertThat(retention.months()).hasSize(40);
        assertThat(retention.get(m("2023-02"))).isEqualTo(MrrMovements.ofMinorUnits(m("2023-02"), unit(0), 15, 0, 0, 0, 5, 0));
        assertThat(retention.get(m("2025-06"))).isEqualTo(MrrMovements.ofMinorUnits(m("2025-06"), unit(0), 10, 0, 0, 0, 0, 0));
        assertThat(retention.get(m("2025-07"))).isEqualTo(MrrMovements.ofMinorUnits(m("2025-07"), unit(0), 10, 0, 0, 0, 10, 0));
        assertThat(retention.get(m("2026-05"))).isEqualTo(MrrMovements.ofMinorUnits(m("2026-05"), unit(0), 0, 0, 0, 0, 0, 7));
        // the same snapshots collected, and split over two accumulators
        record Row(long account, YearMonth month, long amount) {
        }
        List<Row> rows = new java.util.ArrayList<>();
        for (int k = 0; k < 30; k++) {
            rows.add(new Row(1, m("2023-01").plusMonths(k), 10));
        }
        rows.add(new Row(2, m("2026-05"), 7));
        rows.add(new Row(2, m("2023-01"), 5));
        assertThat(rows.stream().collect(RevenueRetention.collector(unit(0), Row::account, Row::month, Row::amount)))
                .isEqualTo(retention).hasSameHashCodeAs(retention);
        RevenueRetention.Accumulator early = RevenueRetention.accumulator(unit(0));
        RevenueRetention.Accumulator late = RevenueRetention.accumulator(unit(0));
        rows.forEach(r -> (r.month().isBefore(m("2024-06")) ? early : late).add(r.account(), r.month(), r.amount()));
        assertThat(late.combine(early).snapshot()).isEqualTo(retention);
        // equality is by the movements
        assertThat(retention).isNotEqualTo(retention()).isNotEqualTo("2023-02");
        assertThat(retention.hashCode()).isNotEqualTo(retention().hashCode());
        // a unit of 18 decimals: amounts are exact in it
        assertThat(RevenueRetention.accumulator(unit(18)).add(1, m("2025-01"), 1).add(1, m("2025-02"), 2).snapshot()
                .get(m("2025-02")).expansionMrr().amount()).isEqualTo(new BigDecimal("0.000000000000000001"));
    }

    @Test
    void movementsEqualityCurrencyAndSums() {
        MrrMovements movements = MrrMovements.ofMinorUnits(m("2025-03"), unit(0), 100, 0, 10, 10, 10, 0);
        assertThat(movements.currency()).isEqualTo(unit(0));
        assertThat(movements).isNotEqualTo(MrrMovements.ofMinorUnits(m("2025-03"), CurrencyUnit.USD, 100, 0, 10, 10, 10, 0))
                .isNotEqualTo(MrrMovements.ofMinorUnits(m("2025-04"), unit(0), 100, 0, 10, 10, 10, 0)).isNotEqualTo("2025-03")
                .isEqualTo(MrrMovements.ofMinorUnits(m("2025-03"), unit(0), 100, 0, 10, 10, 10, 0));
        assertThat(movements.hashCode())
                .isNotEqualTo(MrrMovements.ofMinorUnits(m("2025-03"), CurrencyUnit.USD, 100, 0, 10, 10, 10, 0).hashCode());
        // two disjoint sets of accounts: accounts 1 and 2 (Jan to Apr) with accounts 3 and 4 (Feb to Apr) give the
        // movements of all four in the months both report. Mar: start 150 + 10, expansion 0 + 5, churned 30 + 0;
        // Apr: start 120 + 15, new 0 + 25, churned 120 + 15, reactivation 40 + 0
        RevenueRetention.Accumulator low = RevenueRetention.accumulator(CurrencyUnit.USD);
        RevenueRetention.Accumulator high = RevenueRetention.accumulator(CurrencyUnit.USD);
        SNAPSHOTS.forEach(s -> (s.account() <= 2 ? low : high).add(s.account(), s.month(), s.cents()));
        for (YearMonth month : List.of(m("2025-03"), m("2025-04"))) {
            assertThat(low.snapshot().get(month).plus(high.snapshot().get(month))).isEqualTo(retention().get(month));
        }
        assertThatThrownBy(() -> movements.plus(MrrMovements.ofMinorUnits(m("2025-03"), CurrencyUnit.EUR, 1, 0, 0, 0, 0, 0)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("other must have the same currency XXX (0 decimals), had EUR");
        assertThatThrownBy(() -> movements.plus(MrrMovements.ofMinorUnits(m("2025-04"), unit(0), 1, 0, 0, 0, 0, 0)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("other must have the same month 2025-03, had 2025-04");
        assertThat(MrrMovements.ofMinorUnits(m("2025-01"), CurrencyUnit.USD, 0, 5, 0, 0, 0, 0))
                .hasToString("2025-01 in USD: start 0.00, new 0.05, expansion 0.00, contraction 0.00, churned 0.00, "
                        + "reactivation 0.00, end 0.05; rates undefined (start MRR 0)");
    }

    @Test
    void consecutiveMonthsInOneCurrencyOnly() {
        List<MrrMovements> months = retention().months();
        assertThat(new RevenueRetention(CurrencyUnit.USD, months)).isEqualTo(retention());
        assertThatThrownBy(() -> new RevenueRetention(CurrencyUnit.USD, List.of(months.get(0), months.get(2))))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("months must be consecutive months, was 2025-04 after 2025-02");
        assertThatThrownBy(() -> new RevenueRetention(CurrencyUnit.EUR, months)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("months must have the same currency EUR, had USD");
        assertThatThrownBy(() -> new MrrMovements(m("2025-01"), Money.ofMinor(CurrencyUnit.USD, 10),
                Money.ofMinor(CurrencyUnit.EUR, 1), Money.zero(CurrencyUnit.USD), Money.zero(CurrencyUnit.USD),
                Money.zero(CurrencyUnit.USD), Money.zero(CurrencyUnit.USD))).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("newMrr must have the same currency as startMrr, USD, had EUR");
        assertThatThrownBy(() -> MrrMovements.ofMinorUnits(m("2025-01"), CurrencyUnit.USD, 10, -1, 0, 0, 0, 0))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("newMrr must be a count >= 0, was -1");
    }
}
