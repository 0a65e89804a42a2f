package org.loyaltymetrics.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltymetrics.retention.CustomerCountsTest.d;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;

class CustomerLifetimesTest {

    @Test
    void observedAndCensoredLifetimesAsOfADate() {
        // as of 2025-03-01: ended 2025-01-15 after 14 days (event); ended 2025-03-01 after 59 days
        // (event: the end is on the as-of date); ends 2025-04-01, after as-of: censored at 59 days;
        // still a customer since 2025-02-01: censored at 28 days
        SurvivalCurve curve = CustomerLifetimes.accumulator(d("2025-03-01"), ChronoUnit.DAYS)
                .add(d("2025-01-01"), d("2025-01-15")).add(d("2025-01-01"), d("2025-03-01"))
                .add(d("2025-01-01"), d("2025-04-01")).add(d("2025-02-01"), null).snapshot();
        SurvivalCurve expected = SurvivalCurve.accumulator().add(14, true).add(59, true).add(59, false).add(28, false)
                .snapshot();
        assertThat(curve).isEqualTo(expected);
    }

    @Test
    void unitsDivideDays() {
        // 70 days = 10 weeks = 70 / 30.436875 months
        SurvivalCurve weeks = CustomerLifetimes.accumulator(d("2025-12-31"), ChronoUnit.WEEKS)
                .add(d("2025-01-01"), d("2025-03-12")).snapshot();
        assertThat(weeks.points().get(0).time()).isEqualTo(10.0);
        SurvivalCurve months = CustomerLifetimes.accumulator(d("2025-12-31"), ChronoUnit.MONTHS)
                .add(d("2025-01-01"), d("2025-03-12")).snapshot();
        assertThat(months.points().get(0).time()).isEqualTo(70 / 30.436875);
    }

    @Test
    void rejectsBadInput() {
        CustomerLifetimes lifetimes = CustomerLifetimes.accumulator(d("2025-03-01"), ChronoUnit.DAYS);
        assertThatThrownBy(() -> lifetimes.add(d("2025-03-02"), null)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("start must be on or before the as-of date 2025-03-01, was 2025-03-02");
        assertThatThrownBy(() -> lifetimes.add(d("2025-02-02"), d("2025-02-01"))).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("end must not be before start 2025-02-02, was 2025-02-01");
        assertThatThrownBy(() -> CustomerLifetimes.accumulator(d("2025-03-01"), ChronoUnit.HOURS))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("unit must be DAYS, WEEKS, MONTHS or YEARS, was HOURS");
        assertThatThrownBy(() -> lifetimes.combine(CustomerLifetimes.accumulator(d("2025-03-01"), ChronoUnit.WEEKS)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("other must have the same unit Days, had Weeks");
    }

    @Test
    void edgeDaysCollectorAndCombine() {
        record Customer(LocalDate start, LocalDate end) {
        }
        // a customer who starts on the as-of date is observed for 0 days (censored); one who leaves on the
        // day they joined lived 0 days (an event)
        List<Customer> customers = List.of(new Customer(d("2025-03-01"), null), new Customer(d("2025-02-10"),
                d("2025-02-10")), new Customer(d("2025-01-01"), d("2025-01-15")));
        SurvivalCurve expected = SurvivalCurve.accumulator().add(0, false).add(0, true).add(14, true).snapshot();
        assertThat(customers.stream().collect(CustomerLifetimes.collector(d("2025-03-01"), ChronoUnit.DAYS,
                Customer::start, Customer::end))).isEqualTo(expected);
        CustomerLifetimes first = CustomerLifetimes.accumulator(d("2025-03-01"), ChronoUnit.DAYS).add(d("2025-03-01"), null);
        CustomerLifetimes second = CustomerLifetimes.accumulator(d("2025-03-01"), ChronoUnit.DAYS)
                .add(d("2025-02-10"), d("2025-02-10")).add(d("2025-01-01"), d("2025-01-15"));
        assertThat(first.combine(second).snapshot()).isEqualTo(expected);
        assertThat(first).hasToString("CustomerLifetimes as of 2025-03-01 in Days: SurvivalCurve.Accumulator: 3 lifetimes, "
                + "2 ended, 2 distinct durations");
        assertThatThrownBy(() -> first.combine(CustomerLifetimes.accumulator(d("2025-03-02"), ChronoUnit.DAYS)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("other must have the same as-of date 2025-03-01, had 2025-03-02");
    }
}
