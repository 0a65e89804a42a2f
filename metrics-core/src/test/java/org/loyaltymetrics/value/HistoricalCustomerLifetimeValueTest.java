package org.loyaltymetrics.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.Transaction;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.money.Money;
import org.loyaltymetrics.value.HistoricalCustomerLifetimeValue.Basis;

class HistoricalCustomerLifetimeValueTest {

    static final LocalDate DAY = LocalDate.of(2025, 3, 1);

    @Test
    void revenueToDateAndItsAverage() {
        // Customer 1: 10.00 + 0.10 + 0.20 = 10.30; customer 2: 0.01; customer 3: 19.99. Total 30.30,
        // average 10.10 exactly (no binary rounding of 0.10 + 0.20).
        List<Transaction> log = List.of(new Transaction(1, DAY, Money.ofMinor(CurrencyUnit.USD, 1000)), new Transaction(1, DAY, Money.ofMinor(CurrencyUnit.USD, 10)),
                new Transaction(1, DAY.plusDays(1), Money.ofMinor(CurrencyUnit.USD, 20)), new Transaction(2, DAY, Money.ofMinor(CurrencyUnit.USD, 1)), new Transaction(3, DAY, Money.ofMinor(CurrencyUnit.USD, 1999)));
        HistoricalCustomerLifetimeValue clv = log.stream().collect(HistoricalCustomerLifetimeValue.collector());
        assertThat(clv.customers()).isEqualTo(3);
        assertThat(clv.valueOf(1)).isEqualTo(1030);
        assertThat(clv.amountOf(1)).isEqualTo(new BigDecimal("10.30"));
        assertThat(clv.total()).isEqualTo(3030);
        assertThat(clv.totalAmount()).isEqualTo(new BigDecimal("30.30"));
        assertThat(clv.average()).isEqualTo(10.1);
        assertThat(clv.average(2, RoundingMode.HALF_UP)).isEqualTo(new BigDecimal("10.10"));
        assertThat(clv.customerIds()).containsExactly(1, 2, 3);
        assertThat(clv.toString()).isEqualTo("historical CLV (revenue): 3 customers, total 30.30, average 10.10");
        HistoricalCustomerLifetimeValue.Accumulator a = HistoricalCustomerLifetimeValue.accumulator().add(3, 1999).add(1, 20);
        HistoricalCustomerLifetimeValue.Accumulator b = HistoricalCustomerLifetimeValue.accumulator().add(1, 1010).add(2, 1);
        assertThat(b.combine(a).snapshot()).isEqualTo(clv).hasSameHashCodeAs(clv);
    }

    @Test
    void marginMayBeNegativeRevenueMayNot() {
        HistoricalCustomerLifetimeValue margin = HistoricalCustomerLifetimeValue.accumulator(Basis.MARGIN, 0)
                .add(1, 500).add(1, -700).add(2, 100).snapshot();
        assertThat(margin.valueOf(1)).isEqualTo(-200);
        assertThat(margin.average()).isEqualTo(-50.0);
        assertThat(margin.basis()).isEqualTo(Basis.MARGIN);
        assertThat(margin.decimals()).isZero();
        assertThatThrownBy(() -> HistoricalCustomerLifetimeValue.accumulator().add(1, -1))
                .hasMessage("amount must be >= 0 (minor units of revenue), was -1");
        assertThatThrownBy(() -> HistoricalCustomerLifetimeValue.accumulator(Basis.REVENUE, 12)).hasMessage("decimals must be in 0..9, was 12");
        assertThatThrownBy(() -> HistoricalCustomerLifetimeValue.accumulator().combine(
                HistoricalCustomerLifetimeValue.accumulator(Basis.MARGIN, 2))).isInstanceOf(IllegalArgumentException.class);
        HistoricalCustomerLifetimeValue.Accumulator full = HistoricalCustomerLifetimeValue.accumulator().add(1, Long.MAX_VALUE);
        assertThatThrownBy(() -> full.add(1, 1)).isInstanceOf(ArithmeticException.class);
        HistoricalCustomerLifetimeValue empty = HistoricalCustomerLifetimeValue.accumulator().snapshot();
        assertThatThrownBy(empty::average).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> empty.valueOf(1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(empty.toString()).isEqualTo("historical CLV (revenue): 0 customers, total 0.00");
    }

    @Test
    void decimalsEmptyAveragesAndEquality() {
        HistoricalCustomerLifetimeValue cents = HistoricalCustomerLifetimeValue.accumulator().add(1, 1000).snapshot();
        assertThat(cents.decimals()).isEqualTo(2);
        HistoricalCustomerLifetimeValue nano = HistoricalCustomerLifetimeValue.accumulator(Basis.REVENUE, 9).add(1, 1000)
                .snapshot();
        assertThat(nano.average()).isEqualTo(1e-6);
        assertThatThrownBy(() -> HistoricalCustomerLifetimeValue.accumulator(Basis.REVENUE, -1))
                .hasMessage("decimals must be in 0..9, was -1");
        HistoricalCustomerLifetimeValue empty = HistoricalCustomerLifetimeValue.accumulator().snapshot();
        assertThatThrownBy(() -> empty.average(2, RoundingMode.HALF_UP)).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the average historical CLV is undefined: no customers");
        HistoricalCustomerLifetimeValue margin = HistoricalCustomerLifetimeValue.accumulator(Basis.MARGIN, 2).add(1, 1000)
                .snapshot();
        HistoricalCustomerLifetimeValue otherCustomer = HistoricalCustomerLifetimeValue.accumulator().add(2, 1000).snapshot();
        HistoricalCustomerLifetimeValue otherValue = HistoricalCustomerLifetimeValue.accumulator().add(1, 1001).snapshot();
        HistoricalCustomerLifetimeValue otherDecimals = HistoricalCustomerLifetimeValue.accumulator(Basis.REVENUE, 3)
                .add(1, 1000).snapshot();
        for (HistoricalCustomerLifetimeValue other : new HistoricalCustomerLifetimeValue[] {margin, otherCustomer,
            otherValue, otherDecimals}) {
            assertThat(cents).isNotEqualTo(other);
        }
        assertThat(cents).isNotEqualTo("10.00");
        assertThat(cents.hashCode()).isNotEqualTo(otherCustomer.hashCode()).isNotEqualTo(otherValue.hashCode())
                .isNotEqualTo(otherDecimals.hashCode());
    }
}
