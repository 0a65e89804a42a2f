package org.loyaltymetrics.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltymetrics.retention.CustomerCountsTest.BOUNDARY_CASES;
import static org.loyaltymetrics.retention.CustomerCountsTest.d;

import java.time.LocalDate;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.retention.CustomerCountsTest.Customer;
import org.loyaltymetrics.stats.Proportion;
import org.loyaltymetrics.time.CalendarPeriod;
import org.loyaltymetrics.time.Granularity;
import org.junit.jupiter.api.Test;

class ChurnSeriesTest {

    @Test
    void eachPeriodEqualsTheSinglePeriodCounts() {
        ChurnSeries series = BOUNDARY_CASES.stream().collect(ChurnSeries.collector(Granularity.MONTH, d("2024-12-01"),
                d("2025-03-01"), Customer::start, Customer::end));
        assertThat(series.entries()).extracting(e -> e.period().toString()).containsExactly("2024-12", "2025-01", "2025-02");
        for (ChurnSeries.Entry entry : series.entries()) {
            CalendarPeriod p = entry.period();
            CustomerCounts single = BOUNDARY_CASES.stream().collect(CustomerCounts.collector(p.start(), p.end(),
                    Customer::start, Customer::end));
            assertThat(entry.counts()).as("%s", p).isEqualTo(single);
        }
        // January by hand (see CustomerCountsTest): S 4, N 3, L 2, new lost 2
        assertThat(series.get(CalendarPeriod.of(Granularity.MONTH, d("2025-01-15"))).counts())
                .isEqualTo(CustomerCounts.ofCounts(4, 3, 2, 2));
        // December: S = {A..E} = 5 (all started 2024-06-01); N = {J}; L = {B}; new lost = {J}
        assertThat(series.entries().get(0).counts()).isEqualTo(CustomerCounts.ofCounts(5, 1, 1, 1));
    }

    @Test
    void endOfOnePeriodIsTheStartOfTheNext() {
        ChurnSeries series = BOUNDARY_CASES.stream().collect(ChurnSeries.collector(Granularity.WEEK, d("2024-12-01"),
                d("2025-03-01"), Customer::start, Customer::end));
        for (int k = 0; k + 1 < series.entries().size(); k++) {
            assertThat(series.entries().get(k).counts().customersAtEnd())
                    .isEqualTo(series.entries().get(k + 1).counts().customersAtStart());
        }
    }

    @Test
    void churnChangeIsATwoProportionTest() {
        ChurnSeries.Accumulator accumulator = ChurnSeries.accumulator(Granularity.QUARTER, d("2025-01-01"), d("2025-07-01"));
        // 100 customers from 2024; 10 leave in Q1, 25 in Q2.
        for (int i = 0; i < 100; i++) {
            LocalDate end = i < 10 ? d("2025-02-10") : i < 35 ? d("2025-05-10") : null;
            accumulator.add(d("2024-03-01"), end);
        }
        ChurnSeries series = accumulator.snapshot();
        CalendarPeriod q1 = CalendarPeriod.of(Granularity.QUARTER, d("2025-01-01"));
        assertThat(series.get(q1).churnRate().value()).isEqualTo(0.10);
        assertThat(series.get(q1.next()).churnRate().value()).isEqualTo(25.0 / 90);
        assertThat(series.get(q1.next()).churnRate().differenceFrom(series.get(q1).churnRate()))
                .isEqualTo(Proportion.of(25, 90).differenceFrom(Proportion.of(10, 100)));
        assertThat(series.toTable().toText()).startsWith("period   start  new  lost  new lost  end   churn")
                .contains("2025-Q1    100    0    10         0   90  0.1000");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> ChurnSeries.accumulator(Granularity.MONTH, d("2025-01-01"), d("2025-01-01")))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("to must be after from 2025-01-01, was 2025-01-01");
        assertThatThrownBy(() -> ChurnSeries.accumulator(Granularity.DAY, LocalDate.of(1, 1, 1), LocalDate.of(30_000, 1, 1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("to must be at most 10000000 periods of DAY after from 0001-01-01, was +30000-01-01 (10956909 periods)");
        ChurnSeries.Accumulator accumulator = ChurnSeries.accumulator(Granularity.MONTH, d("2025-01-01"), d("2025-02-01"));
        assertThatThrownBy(() -> accumulator.add(d("2025-01-05"), d("2025-01-04"))).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> accumulator.combine(ChurnSeries.accumulator(Granularity.MONTH, d("2025-01-01"), d("2025-03-01"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("other must have the same range 1 MONTH periods from 2025-01, had 2 MONTH periods from 2025-01");
        assertThatThrownBy(() -> accumulator.snapshot().get(CalendarPeriod.of(Granularity.MONTH, d("2025-05-01"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("period must be one of 2025-01 to 2025-01, was 2025-05");
    }

    @Test
    void gridEntriesAndEquality() {
        // 100 customers from 2024; 10 leave in Q1, 25 in Q2 (as above), one starts after the range. Q1 churn
        // 10/100: Wilson 95 % [0.05522914, 0.17436566]; Q2 25/90: [0.19579689, 0.37795227] (the Wilson formula
        // with SciPy's normal quantile); retention (E − N)/S 90/100 and 65/90
        ChurnSeries.Accumulator accumulator = ChurnSeries.accumulator(Granularity.QUARTER, d("2025-01-01"), d("2025-07-01"));
        for (int i = 0; i < 100; i++) {
            accumulator.add(d("2024-03-01"), i < 10 ? d("2025-02-10") : i < 35 ? d("2025-05-10") : null);
        }
        ChurnSeries series = accumulator.add(d("2025-09-01"), null).snapshot();
        assertThat(series.granularity()).isEqualTo(Granularity.QUARTER);
        assertThat(series).hasToString("ChurnSeries: 2 QUARTER periods from 2025-Q1 to 2025-Q2");
        assertThat(series.toTable().toText()).isEqualTo("""
                period   start  new  lost  new lost  end   churn  95% low  95% high  retention
                ------------------------------------------------------------------------------
                2025-Q1    100    0    10         0   90  0.1000   0.0552    0.1744     0.9000
                2025-Q2     90    0    25         0   65  0.2778   0.1958    0.3780     0.7222
                """);
        CalendarPeriod q1 = CalendarPeriod.of(Granularity.QUARTER, d("2025-01-01"));
        assertThat(series.get(q1).counts().retentionRate(RetentionRate.Definition.ONE_MINUS_CHURN).proportion())
                .isEqualTo(Proportion.of(90, 100));
        assertThat(series.get(q1).retentionRate().value()).isEqualTo(0.9);
        assertThat(series.get(q1.next()).period()).isEqualTo(q1.next());
        assertThatThrownBy(() -> series.get(q1.next().next())).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("period must be one of 2025-Q1 to 2025-Q2, was 2025-Q3");
        assertThatThrownBy(() -> series.get(q1.previous())).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("period must be one of 2025-Q1 to 2025-Q2, was 2024-Q4");
        ChurnSeries monthly = ChurnSeries.accumulator(Granularity.MONTH, d("2025-01-01"), d("2025-07-01"))
                .add(d("2024-03-01"), null).snapshot();
        ChurnSeries fewerLost = ChurnSeries.accumulator(Granularity.QUARTER, d("2025-01-01"), d("2025-07-01"))
                .add(d("2024-03-01"), null).snapshot();
        assertThat(series).isNotEqualTo(fewerLost).isNotEqualTo(monthly).isNotEqualTo("2025-Q1");
        assertThat(series.hashCode()).isNotEqualTo(fewerLost.hashCode());
        assertThat(fewerLost.hashCode()).isNotEqualTo(monthly.hashCode());
    }

    @Test
    void seriesOfTwoSetsOfRecordsAddUpPeriodByPeriod() {
        ChurnSeries.Accumulator first = ChurnSeries.accumulator(Granularity.MONTH, d("2024-12-01"), d("2025-03-01"));
        ChurnSeries.Accumulator second = ChurnSeries.accumulator(Granularity.MONTH, d("2024-12-01"), d("2025-03-01"));
        for (int i = 0; i < BOUNDARY_CASES.size(); i++) {
            Customer c = BOUNDARY_CASES.get(i);
            (i % 2 == 0 ? first : second).add(c.start(), c.end());
        }
        ChurnSeries all = BOUNDARY_CASES.stream().collect(ChurnSeries.collector(Granularity.MONTH, d("2024-12-01"),
                d("2025-03-01"), Customer::start, Customer::end));
        assertThat(first.snapshot().plus(second.snapshot())).isEqualTo(all);
        assertThat(first).hasToString("ChurnSeries.Accumulator: 3 MONTH periods from 2024-12, 2 new customers");
        ChurnSeries weekly = ChurnSeries.accumulator(Granularity.WEEK, d("2024-12-01"), d("2025-03-01")).snapshot();
        assertThatThrownBy(() -> all.plus(weekly)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("other must have the same range 3 MONTH periods from 2024-12, had ");
    }

    @Test
    void seriesOfConsecutivePeriodsOnly() {
        CalendarPeriod january = CalendarPeriod.of(Granularity.MONTH, d("2025-01-01"));
        CustomerCounts counts = CustomerCounts.ofCounts(1, 0, 0, 0);
        ChurnSeries twoMonths = new ChurnSeries(Granularity.MONTH, java.util.List.of(new ChurnSeries.Entry(january, counts),
                new ChurnSeries.Entry(january.next(), counts)));
        assertThat(twoMonths.get(january.next()).counts()).isEqualTo(counts);
        assertThatThrownBy(() -> new ChurnSeries(Granularity.MONTH, java.util.List.of(new ChurnSeries.Entry(january, counts),
                new ChurnSeries.Entry(january.next().next(), counts)))).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("entries must be consecutive periods of MONTH from 2025-01, was period 2025-03 at 1");
        assertThatThrownBy(() -> new ChurnSeries(Granularity.WEEK, java.util.List.of(new ChurnSeries.Entry(january, counts))))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new ChurnSeries(Granularity.MONTH, java.util.List.of()))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("entries must be one or more periods, was none");
    }
}
