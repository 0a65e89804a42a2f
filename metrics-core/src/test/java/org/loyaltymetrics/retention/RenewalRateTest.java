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

class RenewalRateTest {

    record Contract(LocalDate due, boolean renewed) {
    }

    @Test
    void renewalsPerPeriodAndOverall() {
        // January: 3 of 4 renewed; March: 1 of 2; February had none due.
        List<Contract> contracts = List.of(new Contract(d("2025-01-03"), true), new Contract(d("2025-01-31"), true),
                new Contract(d("2025-03-01"), false), new Contract(d("2025-01-15"), false),
                new Contract(d("2025-01-20"), true), new Contract(d("2025-03-09"), true));
        RenewalRate rate = contracts.stream().collect(RenewalRate.collector(Granularity.MONTH, Contract::due, Contract::renewed));
        assertThat(rate.entries()).extracting(e -> e.period().toString()).containsExactly("2025-01", "2025-03");
        CalendarPeriod january = CalendarPeriod.of(Granularity.MONTH, d("2025-01-01"));
        CalendarPeriod march = CalendarPeriod.of(Granularity.MONTH, d("2025-03-01"));
        assertThat(rate.get(january)).isEqualTo(Proportion.of(3, 4));
        assertThat(rate.get(march)).isEqualTo(Proportion.of(1, 2));
        assertThat(rate.overall()).isEqualTo(Proportion.of(4, 6));
        assertThat(rate.get(march).differenceFrom(rate.get(january)))
                .isEqualTo(Proportion.of(1, 2).differenceFrom(Proportion.of(3, 4)));
        assertThat(rate.toTable().toText()).contains("2025-01    4        3  0.7500");
        assertThat(rate).hasToString("RenewalRate by MONTH: 4/6 (66.67%) over 2 periods");

        RenewalRate.Accumulator first = RenewalRate.accumulator(Granularity.MONTH);
        RenewalRate.Accumulator second = RenewalRate.accumulator(Granularity.MONTH);
        for (int i = 0; i < contracts.size(); i++) {
            (i < 2 ? first : second).add(contracts.get(i).due(), contracts.get(i).renewed());
        }
        assertThat(first).hasToString("RenewalRate.Accumulator by MONTH: 2 contracts due in 1 periods");
        assertThat(first.snapshot().plus(second.snapshot())).isEqualTo(rate);
        assertThat(second.snapshot().plus(first.snapshot())).isEqualTo(rate);
        assertThat(first.combine(second).snapshot()).isEqualTo(rate).hasSameHashCodeAs(rate);
        assertThatThrownBy(() -> rate.plus(RenewalRate.accumulator(Granularity.QUARTER).snapshot()))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("other must have the same granularity MONTH, had QUARTER");
    }

    @Test
    void rejectsBadInput() {
        RenewalRate empty = RenewalRate.accumulator(Granularity.QUARTER).snapshot();
        assertThat(empty.overall().isEmpty()).isTrue();
        assertThatThrownBy(() -> empty.get(CalendarPeriod.of(Granularity.QUARTER, d("2025-01-01"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("period must be one with contracts due for renewal, was 2025-Q1");
        assertThat(empty).hasToString("RenewalRate by QUARTER: 0/0 (undefined) over 0 periods");
        assertThatThrownBy(() -> RenewalRate.accumulator(Granularity.QUARTER).add(null, true))
                .isInstanceOf(NullPointerException.class).hasMessage("dueDate must not be null");
        assertThatThrownBy(() -> RenewalRate.accumulator(Granularity.QUARTER).combine(RenewalRate.accumulator(Granularity.YEAR)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("other must have the same granularity QUARTER, had YEAR");
    }

    @Test
    void gridAndEquality() {
        // January 3 of 4 renewed: Wilson 95 % [0.30064184, 0.95441274]; March 1 of 2: [0.09453121, 0.90546879]
        // (the Wilson formula with SciPy's normal quantile)
        RenewalRate rate = RenewalRate.accumulator(Granularity.MONTH).add(d("2025-01-03"), true).add(d("2025-01-31"), true)
                .add(d("2025-03-01"), false).add(d("2025-01-15"), false).add(d("2025-01-20"), true)
                .add(d("2025-03-09"), true).snapshot();
        assertThat(rate.granularity()).isEqualTo(Granularity.MONTH);
        assertThat(rate.toTable().toText()).isEqualTo("""
                period   due  renewed    rate  95% low  95% high
                ------------------------------------------------
                2025-01    4        3  0.7500   0.3006    0.9544
                2025-03    2        1  0.5000   0.0945    0.9055
                """);
        RenewalRate quarterly = RenewalRate.accumulator(Granularity.QUARTER).add(d("2025-01-03"), true).snapshot();
        RenewalRate monthly = RenewalRate.accumulator(Granularity.MONTH).add(d("2025-01-03"), true).snapshot();
        assertThat(monthly).isNotEqualTo(quarterly).isNotEqualTo(rate).isNotEqualTo("2025-01");
        assertThat(monthly.hashCode()).isNotEqualTo(quarterly.hashCode()).isNotEqualTo(rate.hashCode());
    }

    @Test
    void entriesInIncreasingOrderOnly() {
        CalendarPeriod january = CalendarPeriod.of(Granularity.MONTH, d("2025-01-01"));
        RenewalRate.Entry first = new RenewalRate.Entry(january, Proportion.of(1, 2));
        RenewalRate.Entry third = new RenewalRate.Entry(january.next().next(), Proportion.of(1, 1));
        assertThat(new RenewalRate(Granularity.MONTH, List.of(first, third)).overall()).isEqualTo(Proportion.of(2, 3));
        assertThatThrownBy(() -> new RenewalRate(Granularity.MONTH, List.of(third, first)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("entries must be periods of MONTH in increasing order, was period 2025-01 at 1");
        assertThatThrownBy(() -> new RenewalRate(Granularity.MONTH, List.of(first, first)))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new RenewalRate(Granularity.QUARTER, List.of(first)))
                .isInstanceOf(InvalidArgumentException.class);
    }
}
