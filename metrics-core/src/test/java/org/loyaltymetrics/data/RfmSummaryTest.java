package org.loyaltymetrics.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.money.Money;

class RfmSummaryTest {

    static final LocalDate END = LocalDate.of(2025, 2, 28);

    /**
     * Customer 7: 10.00 and 5.00 on Jan 1 (one purchase day of 15.00), 20.00 on Jan 15, a free order
     * (0.00) on Jan 29, and 30.00 on Mar 1, after the end. Customer 8: 7.50 on Feb 10.
     */
    static List<Transaction> log() {
        return new ArrayList<>(List.of(
                new Transaction(7, LocalDate.of(2025, 1, 1), Money.ofMinor(CurrencyUnit.USD, 1000)),
                new Transaction(7, LocalDate.of(2025, 1, 1), Money.ofMinor(CurrencyUnit.USD, 500)),
                new Transaction(7, LocalDate.of(2025, 1, 15), Money.ofMinor(CurrencyUnit.USD, 2000)),
                new Transaction(7, LocalDate.of(2025, 1, 29), Money.ofMinor(CurrencyUnit.USD, 0)),
                new Transaction(7, LocalDate.of(2025, 3, 1), Money.ofMinor(CurrencyUnit.USD, 3000)),
                new Transaction(8, LocalDate.of(2025, 2, 10), Money.ofMinor(CurrencyUnit.USD, 750))));
    }

    @Test
    void handDerivedSummary() {
        RfmSummary summary = log().stream().collect(RfmSummary.collector(CurrencyUnit.USD, END));
        assertThat(summary.size()).isEqualTo(2);
        assertThat(summary.transactions()).isEqualTo(5);
        assertThat(summary.transactionsAfterEnd()).isEqualTo(1);
        assertThat(summary.isSplit()).isFalse();

        RfmSummary.Customer seven = summary.customer(7);
        // x = 2 (Jan 15, Jan 29: the free order counts); t_x = Jan 1..Jan 29 = 28 days = 4 weeks;
        // T = Jan 1..Feb 28 = 58 days; monetary = (20.00 + 0.00) / 2 = 10.00.
        assertThat(seven.frequency()).isEqualTo(2);
        assertThat(seven.purchases()).isEqualTo(3);
        assertThat(seven.recencyDays()).isEqualTo(28);
        assertThat(seven.recency(ChronoUnit.WEEKS)).isEqualTo(4.0);
        assertThat(seven.ageDays()).isEqualTo(58);
        assertThat(seven.age(ChronoUnit.WEEKS)).isCloseTo(8.285714285714286, within(1e-15));
        assertThat(seven.age(ChronoUnit.DAYS)).isEqualTo(58.0);
        assertThat(seven.firstPurchaseValue()).isEqualTo(usd(1500));
        assertThat(seven.repeatValue()).isEqualTo(usd(2000));
        assertThat(seven.totalValue()).isEqualTo(usd(3500));
        assertThat(seven.monetaryValue()).isEqualTo(10.0);
        assertThat(seven.monetaryValue(2, RoundingMode.HALF_UP)).isEqualTo(new BigDecimal("10.00"));

        RfmSummary.Customer eight = summary.customer(8);
        assertThat(eight.frequency()).isZero();
        assertThat(eight.recencyDays()).isZero();
        assertThat(eight.ageDays()).isEqualTo(18);
        assertThatThrownBy(eight::monetaryValue).isInstanceOf(UndefinedResultException.class)
                .hasMessageContaining("customer 8").hasMessageContaining("frequency 0");
        assertThat(summary.repeatCustomers()).isEqualTo(1);
        assertThat(summary.repeatPurchases()).isEqualTo(2);
        assertThat(summary.totalValue()).isEqualTo(usd(4250));
    }

    @Test
    void holdoutSplit() {
        RfmSummary summary = RfmSummary.accumulator(CurrencyUnit.USD, LocalDate.of(2025, 1, 20), END).addAll(log()).snapshot();
        assertThat(summary.isSplit()).isTrue();
        // Customer 7: calibration Jan 1 and Jan 15 (x = 1, t_x = 14, T = 19); holdout Jan 29 (one
        // purchase day worth 0). Customer 8 bought only in the holdout and is left out.
        assertThat(summary.size()).isEqualTo(1);
        assertThat(summary.customersFirstSeenInHoldout()).isEqualTo(1);
        RfmSummary.Customer seven = summary.customer(7);
        assertThat(seven.frequency()).isEqualTo(1);
        assertThat(seven.recencyDays()).isEqualTo(14);
        assertThat(seven.ageDays()).isEqualTo(19);
        assertThat(seven.holdoutPurchases()).isEqualTo(1);
        assertThat(seven.holdoutValue()).isEqualTo(usd(0));
        assertThat(summary.contains(8)).isFalse();
        assertThat(summary.toTable().headers()).contains("holdout x");
    }

    @Test
    void repeatPurchasesDayByDayOverCalibrationAndHoldout() {
        LocalDate jan1 = LocalDate.of(2025, 1, 1);
        RfmSummary split = RfmSummary.accumulator(CurrencyUnit.USD, LocalDate.of(2025, 1, 20), END).addAll(log()).snapshot();
        // Customer 7 (first Jan 1): repeat purchase days Jan 15 (calibration) and Jan 29 (holdout); Mar 1 is
        // after the end. Customer 8 (Feb 10) is first seen in the holdout and not counted.
        assertThat(split.firstPurchaseDate()).isEqualTo(jan1);
        assertThat(split.repeatPurchases(jan1, LocalDate.of(2025, 1, 21))).isEqualTo(1).isEqualTo(split.repeatPurchases());
        assertThat(split.repeatPurchases(LocalDate.of(2025, 1, 21), END.plusDays(1))).isEqualTo(1)
                .isEqualTo(split.customer(7).holdoutPurchases());
        assertThat(split.repeatPurchases(LocalDate.of(2025, 1, 15), LocalDate.of(2025, 1, 15))).isZero();
        assertThat(split.repeatPurchases(LocalDate.of(2025, 1, 15), LocalDate.of(2025, 1, 16))).isEqualTo(1);
        assertThat(split.repeatPurchases(LocalDate.of(2025, 1, 16), LocalDate.of(2025, 1, 29))).isZero();
        assertThat(split.repeatPurchases(LocalDate.of(2000, 1, 1), LocalDate.of(2025, 1, 30))).as("days before the first")
                .isEqualTo(2);
        // Without a split, customer 8 is a customer (first Feb 10, no repeat purchase).
        RfmSummary whole = RfmSummary.accumulator(CurrencyUnit.USD, END).addAll(log()).snapshot();
        assertThat(whole.repeatPurchases(jan1, END.plusDays(1))).isEqualTo(2).isEqualTo(whole.repeatPurchases());
        assertThat(whole).isNotEqualTo(split);
        assertThatThrownBy(() -> split.repeatPurchases(jan1, END.plusDays(2))).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("until must be at most the day after the end of observation, 2025-03-01, was 2025-03-02");
        assertThatThrownBy(() -> split.repeatPurchases(jan1, jan1.minusDays(1))).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("until must be on or after from 2025-01-01, was 2024-12-31");
        assertThatThrownBy(() -> split.repeatPurchases(null, jan1)).isInstanceOf(NullPointerException.class);
        RfmSummary empty = RfmSummary.accumulator(CurrencyUnit.USD, END).snapshot();
        assertThatThrownBy(empty::firstPurchaseDate).isInstanceOf(UndefinedResultException.class)
                .hasMessageContaining("no customers");
        assertThat(empty.repeatPurchases(jan1, END)).isZero();
    }

    @Test
    void repeatPurchasesOfDatesThousandsOfYearsApart() {
        // a first purchase in the year -3000 (a mistyped or hostile date): the days span 1.8 million, kept as
        // a sorted list of repeat purchase days rather than a count per day
        RfmSummary.Accumulator accumulator = RfmSummary.accumulator(CurrencyUnit.USD, LocalDate.of(2025, 1, 20), END);
        log().forEach(accumulator::add);
        LocalDate ancient = LocalDate.of(-3000, 6, 1);
        accumulator.add(9, ancient, 1).add(9, ancient.plusDays(3), 1).add(9, ancient.plusDays(3), 1)
                .add(9, LocalDate.of(2025, 1, 10), 1).add(9, LocalDate.of(2025, 2, 1), 1);
        RfmSummary split = accumulator.snapshot();
        assertThat(split.firstPurchaseDate()).isEqualTo(ancient);
        // customer 9: repeat days -3000-06-04, 2025-01-10 (calibration) and 2025-02-01 (holdout); customer 7 as above
        assertThat(split.repeatPurchases(ancient, LocalDate.of(2025, 1, 21))).isEqualTo(3).isEqualTo(split.repeatPurchases());
        assertThat(split.repeatPurchases(ancient, ancient.plusDays(3))).isZero();
        assertThat(split.repeatPurchases(ancient, ancient.plusDays(4))).isEqualTo(1);
        assertThat(split.repeatPurchases(LocalDate.of(-999_999, 1, 1), END.plusDays(1))).isEqualTo(5);
        assertThat(split.repeatPurchases(LocalDate.of(2025, 1, 21), END.plusDays(1))).isEqualTo(2);
        assertThat(split.repeatPurchases(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 2, 1))).isZero();
        RfmSummary.Accumulator reversed = RfmSummary.accumulator(CurrencyUnit.USD, LocalDate.of(2025, 1, 20), END);
        reversed.add(9, LocalDate.of(2025, 2, 1), 1).add(9, LocalDate.of(2025, 1, 10), 1).add(9, ancient.plusDays(3), 1)
                .add(9, ancient, 1).add(9, ancient.plusDays(3), 1);
        log().forEach(reversed::add);
        assertThat(reversed.snapshot()).isEqualTo(split).hasSameHashCodeAs(split);
    }

    @Test
    void orderAndSplittingDoNotMatterEvenWithinADay() {
        List<Transaction> log = log();
        RfmSummary onePass = RfmSummary.accumulator(CurrencyUnit.USD, END).addAll(log).snapshot();
        Collections.reverse(log);
        assertThat(RfmSummary.accumulator(CurrencyUnit.USD, END).addAll(log).snapshot()).isEqualTo(onePass);
        // The two purchases of Jan 1 land in different accumulators.
        RfmSummary.Accumulator a = RfmSummary.accumulator(CurrencyUnit.USD, END).add(log.get(5)).add(log.get(2)).add(log.get(0));
        RfmSummary.Accumulator b = RfmSummary.accumulator(CurrencyUnit.USD, END).add(log.get(4)).add(log.get(3)).add(log.get(1));
        RfmSummary combined = a.combine(b).snapshot();
        assertThat(combined).isEqualTo(onePass).hasSameHashCodeAs(onePass);
        assertThat(b.transactions()).as("the purchase of Mar 1 is after the end").isEqualTo(2);
    }

    @Test
    void epochDayAddAndLateFirstDay() {
        RfmSummary.Accumulator acc = RfmSummary.accumulator(CurrencyUnit.USD, END);
        int jan10 = (int) LocalDate.of(2025, 1, 10).toEpochDay();
        acc.add(1, jan10, 100).add(1, jan10 - 5, 200).add(1, jan10 - 5, 50).add(1, jan10, 1);
        RfmSummary.Customer c = acc.snapshot().customer(1);
        assertThat(c.frequency()).isEqualTo(1);
        assertThat(c.firstPurchaseValue()).isEqualTo(usd(250));
        assertThat(c.repeatValue()).isEqualTo(usd(101));
        assertThat(c.recencyDays()).isEqualTo(5);
    }

    @Test
    void badInput() {
        RfmSummary.Accumulator acc = RfmSummary.accumulator(CurrencyUnit.USD, END);
        assertThatThrownBy(() -> acc.add(1, LocalDate.of(2025, 1, 1), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must be >= 0 (minor units), was -1");
        assertThatThrownBy(() -> new Transaction(1, LocalDate.of(2025, 1, 1), Money.ofMinor(CurrencyUnit.USD, -5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> acc.add(1, null, 5)).isInstanceOf(NullPointerException.class).hasMessage("date must not be null");
        assertThatThrownBy(() -> RfmSummary.accumulator(CurrencyUnit.USD, END, END.minusDays(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("end must be on or after the calibration end 2025-02-28, was 2025-02-27");
        assertThatThrownBy(() -> acc.combine(RfmSummary.accumulator(CurrencyUnit.USD, END.minusDays(1), END)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other must observe up to");
        assertThatThrownBy(() -> acc.combine(RfmSummary.accumulator(CurrencyUnit.EUR, END)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("other must have the same currency USD, had EUR")
                .extracting(e -> ((InvalidArgumentException) e).argument()).isEqualTo("other");
        assertThatThrownBy(() -> acc.add(new Transaction(1, LocalDate.of(2025, 1, 1), Money.ofMinor(CurrencyUnit.JPY, 5))))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("transaction must have the same currency USD, had JPY");
        assertThatThrownBy(() -> acc.combine(acc)).isInstanceOf(IllegalArgumentException.class);
        acc.add(1, LocalDate.of(2025, 1, 1), Long.MAX_VALUE);
        assertThatThrownBy(() -> acc.add(1, LocalDate.of(2025, 1, 2), 1)).isInstanceOf(ArithmeticException.class);
        RfmSummary summary = acc.snapshot();
        assertThat(summary.customer(1).frequency()).as("the failed add added nothing").isZero();
        assertThat(summary.transactions()).isEqualTo(1);
        assertThatThrownBy(() -> summary.customer(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("customerId must be a customer of the summary, was 2");
    }

    @Test
    void emptyAndToString() {
        RfmSummary empty = RfmSummary.accumulator(CurrencyUnit.USD, END).snapshot();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.customers()).isEmpty();
        assertThat(empty.toString()).startsWith("RFM summary: 0 customers");
        RfmSummary summary = RfmSummary.accumulator(CurrencyUnit.USD, END).addAll(log()).snapshot();
        assertThat(summary.toString()).isEqualTo("RFM summary: 2 customers, 1 repeat customer, 5 transactions to "
                + "2025-02-28 in USD, 1 left out after the end"); // issue 11: "1 repeat customers" before
        assertThat(summary.toTable().toText()).contains("t_x (weeks)").contains("10.00");
        assertThat(summary).isNotEqualTo(empty).isNotEqualTo("x");
        assertThat(summary.end()).isEqualTo(END);
        assertThat(summary.calibrationEnd()).isEqualTo(END);
        assertThat(summary.currency()).isEqualTo(CurrencyUnit.USD);
        assertThat(RfmSummary.accumulator(CurrencyUnit.USD, END).add(7, LocalDate.of(2025, 1, 1), 5))
                .hasToString("RfmSummary.Accumulator: 1 transactions to 2025-02-28 in USD");
    }

    @Test
    void sixteenCustomersGridAndEquality() {
        // 16 customers (the accumulator's first table holds exactly 16): customer c buys on Jan c for c
        // units; customer 3 also on Mar 1 for 2.50, a repeat purchase 57 days after the first; T runs to Dec 31.
        RfmSummary.Accumulator accumulator = RfmSummary.accumulator(CurrencyUnit.USD, LocalDate.of(2025, 12, 31));
        for (int c = 1; c <= 16; c++) {
            accumulator.add(new Transaction(c, LocalDate.of(2025, 1, c), Money.ofMinor(CurrencyUnit.USD, 100 * c)));
        }
        RfmSummary summary = accumulator.add(new Transaction(3, LocalDate.of(2025, 3, 1), Money.ofMinor(CurrencyUnit.USD, 250))).snapshot();
        assertThat(summary.size()).isEqualTo(16);
        assertThat(summary.isEmpty()).isFalse();
        assertThat(summary.contains(1)).isTrue();
        assertThat(summary.contains(16)).isTrue();
        assertThat(summary.contains(17)).isFalse();
        assertThat(summary.customersFirstSeenInHoldout()).isZero();
        assertThatThrownBy(() -> summary.customer(1).monetaryValue()).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> summary.customer(1).monetaryValue(2, RoundingMode.HALF_UP))
                .isInstanceOf(UndefinedResultException.class);
        assertThat(summary.toTable(10).toText() + "... " + (summary.size() - 10) + " more customers\n").isEqualTo("""
                RFM summary: 16 customers, 1 repeat customer, 17 transactions to 2025-12-31 in USD, 0 left out after the end
                customer  x  t_x (days)  T (days)  t_x (weeks)  T (weeks)  monetary
                -------------------------------------------------------------------
                       1  0           0       364         0.00      52.00         -
                       2  0           0       363         0.00      51.86         -
                       3  1          57       362         8.14      51.71      2.50
                       4  0           0       361         0.00      51.57         -
                       5  0           0       360         0.00      51.43         -
                       6  0           0       359         0.00      51.29         -
                       7  0           0       358         0.00      51.14         -
                       8  0           0       357         0.00      51.00         -
                       9  0           0       356         0.00      50.86         -
                      10  0           0       355         0.00      50.71         -
                ... 6 more customers
                """);
        // ten customers show without a "more" line
        RfmSummary.Accumulator ten = RfmSummary.accumulator(CurrencyUnit.USD, LocalDate.of(2025, 12, 31));
        for (int c = 1; c <= 10; c++) {
            ten.add(c, LocalDate.of(2025, 1, c), 100);
        }
        assertThat(ten.snapshot().toTable().rowCount()).isEqualTo(10);
        assertThat(ten.snapshot().toTable(3).rowCount()).isEqualTo(3);
        RfmSummary other = RfmSummary.accumulator(CurrencyUnit.USD, LocalDate.of(2025, 12, 31)).add(1, LocalDate.of(2025, 1, 1), 100)
                .snapshot();
        assertThat(summary).isNotEqualTo(other).isNotEqualTo(ten.snapshot());
        assertThat(summary.hashCode()).isNotEqualTo(other.hashCode()).isNotEqualTo(ten.snapshot().hashCode());
    }

    @Test
    void currenciesFromZeroToEighteenDecimals() {
        RfmSummary yen = RfmSummary.accumulator(CurrencyUnit.JPY, END).add(7, LocalDate.of(2025, 1, 1), 5)
                .add(7, LocalDate.of(2025, 1, 2), 3).snapshot();
        assertThat(yen.currency().decimals()).isZero();
        assertThat(yen.customer(7).monetaryValue()).isEqualTo(3.0);
        assertThat(yen.customer(7).totalValue()).hasToString("JPY 8");
        RfmSummary nano = RfmSummary.accumulator(CurrencyUnit.of("XXX", 9), END).add(7, LocalDate.of(2025, 1, 1), 5)
                .add(7, LocalDate.of(2025, 1, 2), 3).snapshot();
        assertThat(nano.customer(7).monetaryValue()).isEqualTo(3e-9);
        assertThatThrownBy(() -> RfmSummary.accumulator(null, END)).isInstanceOf(NullPointerException.class)
                .hasMessage("currency must not be null");
    }

    @Test
    void timesInAnyUnit() {
        RfmSummary.Customer seven = RfmSummary.accumulator(CurrencyUnit.USD, END).addAll(log()).snapshot().customer(7);
        // recency 28 days, age 58 days; a month is 365.2425 / 12 = 30.436875 days, a year 365.2425 days.
        assertThat(seven.recency(ChronoUnit.MONTHS)).isEqualTo(28 / 30.436875);
        assertThat(seven.age(ChronoUnit.YEARS)).isEqualTo(58 / 365.2425);
        assertThat(seven.recency(ChronoUnit.HOURS)).isEqualTo(28 * 24.0);
        assertThatThrownBy(() -> seven.age(ChronoUnit.FOREVER)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("unit must be a unit of finite length");
    }

    private static Money usd(long cents) {
        return Money.ofMinor(CurrencyUnit.USD, cents);
    }
}
