package org.loyaltymetrics.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.data.Transaction;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.money.Money;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.value.HistoricalCustomerLifetimeValue.Definition;

class HistoricalCustomerLifetimeValueTest {

    static final LocalDate DAY = LocalDate.of(2025, 3, 1);

    static Money usd(long cents) {
        return Money.ofMinor(CurrencyUnit.USD, cents);
    }

    @Test
    void revenueToDateAndItsAverage() {
        // Customer 1: 10.00 + 0.10 + 0.20 = 10.30; customer 2: 0.01; customer 3: 19.99. Total 30.30,
        // average 10.10 exactly (no binary rounding of 0.10 + 0.20).
        List<Transaction> log = List.of(new Transaction(1, DAY, usd(1000)), new Transaction(1, DAY, usd(10)),
                new Transaction(1, DAY.plusDays(1), usd(20)), new Transaction(2, DAY, usd(1)),
                new Transaction(3, DAY, usd(1999)));
        HistoricalCustomerLifetimeValue clv = log.stream().collect(HistoricalCustomerLifetimeValue.collector(CurrencyUnit.USD));
        assertThat(clv.customers()).isEqualTo(3);
        assertThat(clv.valueOf(1)).isEqualTo(usd(1030));
        assertThat(clv.valueOf(1).amount()).isEqualTo(new BigDecimal("10.30"));
        assertThat(clv.total()).isEqualTo(usd(3030));
        assertThat(clv.total().amount()).isEqualTo(new BigDecimal("30.30"));
        assertThat(clv.average()).isEqualTo(10.1);
        assertThat(clv.average(RoundingMode.HALF_UP)).isEqualTo(usd(1010));
        assertThat(clv.customerIds()).containsExactly(1, 2, 3);
        assertThat(clv.currency()).isEqualTo(CurrencyUnit.USD);
        assertThat(clv.definition()).isEqualTo(Definition.REVENUE).isEqualTo(Definition.DEFAULT);
        assertThat(clv.toString()).isEqualTo("historical CLV (revenue): 3 customers, total USD 30.30, average USD 10.10");
        HistoricalCustomerLifetimeValue.Accumulator a = HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.USD)
                .add(3, 1999).add(1, 20);
        HistoricalCustomerLifetimeValue.Accumulator b = HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.USD)
                .add(1, 1010).add(2, 1);
        assertThat(a.snapshot().plus(b.snapshot())).isEqualTo(clv);
        assertThat(b.combine(a).snapshot()).isEqualTo(clv).hasSameHashCodeAs(clv);
        assertThat(b).hasToString("HistoricalCustomerLifetimeValue.Accumulator: revenue of 3 customers in USD");
    }

    @Test
    void theAverageWithItsStandardError() {
        // Values 10.30, 0.01, 19.99: mean 10.10, sample sd 9.99150, SE 5.76860 (NumPy), t with 2
        // degrees of freedom.
        HistoricalCustomerLifetimeValue clv = HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.USD)
                .add(1, 1030).add(2, 1).add(3, 1999).snapshot();
        Estimate average = clv.averageEstimate();
        assertThat(average.value()).isCloseTo(10.1, within(1e-12));
        assertThat(average.standardError()).isCloseTo(5.76859601636308, within(1e-12));
        assertThat(average.degreesOfFreedom()).isEqualTo(2.0);
        assertThatThrownBy(() -> HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.USD).add(1, 5).snapshot()
                .averageEstimate()).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the standard error of the average historical CLV is undefined: 1 customer, at least 2 needed");
    }

    @Test
    void fromAnRfmSummaryInItsCurrency() {
        RfmSummary summary = RfmSummary.accumulator(CurrencyUnit.EUR, DAY.plusDays(30))
                .add(1, DAY, 500).add(1, DAY.plusDays(3), 700).add(2, DAY, 250).snapshot();
        HistoricalCustomerLifetimeValue clv = HistoricalCustomerLifetimeValue.from(summary);
        assertThat(clv.currency()).isEqualTo(CurrencyUnit.EUR);
        assertThat(clv.total()).isEqualTo(summary.totalValue()).isEqualTo(Money.ofMinor(CurrencyUnit.EUR, 1450));
        assertThat(clv.valueOf(1)).isEqualTo(Money.ofMinor(CurrencyUnit.EUR, 1200));
    }

    @Test
    void marginMayBeNegativeRevenueMayNot() {
        HistoricalCustomerLifetimeValue margin = HistoricalCustomerLifetimeValue.accumulator(Definition.MARGIN, CurrencyUnit.JPY)
                .add(1, 500).add(1, -700).add(2, 100).snapshot();
        assertThat(margin.valueOf(1)).isEqualTo(Money.ofMinor(CurrencyUnit.JPY, -200));
        assertThat(margin.average()).isEqualTo(-50.0);
        assertThat(margin.definition()).isEqualTo(Definition.MARGIN);
        assertThat(margin.currency().decimals()).isZero();
        assertThatThrownBy(() -> HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.USD).add(1, -1))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("amount must be >= 0 (minor units of revenue), was -1");
        assertThatThrownBy(() -> HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.USD).combine(
                HistoricalCustomerLifetimeValue.accumulator(Definition.MARGIN, CurrencyUnit.USD)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("other must have the same definition REVENUE, had MARGIN");
        HistoricalCustomerLifetimeValue.Accumulator full = HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.USD)
                .add(1, Long.MAX_VALUE);
        assertThatThrownBy(() -> full.add(1, 1)).isInstanceOf(ArithmeticException.class);
        HistoricalCustomerLifetimeValue empty = HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.USD).snapshot();
        assertThat(empty.isEmpty()).isTrue();
        assertThatThrownBy(empty::average).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> empty.valueOf(1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("customerId must be a customer with a record, was 1");
        assertThat(empty.toString()).isEqualTo("historical CLV (revenue): 0 customers, total USD 0.00");
    }

    @Test
    void currenciesNeverMix() {
        HistoricalCustomerLifetimeValue.Accumulator dollars = HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.USD);
        assertThatThrownBy(() -> dollars.add(new Transaction(1, DAY, Money.ofMinor(CurrencyUnit.EUR, 100))))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("transaction must have the same currency USD, had EUR");
        assertThatThrownBy(() -> dollars.combine(HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.EUR)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("other must have the same currency USD, had EUR");
        assertThatThrownBy(() -> dollars.snapshot().plus(HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.EUR).snapshot()))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> List.of(new Transaction(1, DAY, Money.ofMinor(CurrencyUnit.EUR, 100))).stream()
                .collect(HistoricalCustomerLifetimeValue.collector(CurrencyUnit.USD))).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> HistoricalCustomerLifetimeValue.accumulator(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("currency must not be null");
        // a collector of any records reads amounts in minor units of the currency it is given
        record Sale(long customer, long cents) {
        }
        assertThat(List.of(new Sale(1, 250), new Sale(1, -50)).stream().collect(HistoricalCustomerLifetimeValue.collector(
                Definition.MARGIN, CurrencyUnit.GBP, Sale::customer, Sale::cents)).valueOf(1))
                .isEqualTo(Money.ofMinor(CurrencyUnit.GBP, 200));
    }

    @Test
    void decimalsEmptyAveragesAndEquality() {
        HistoricalCustomerLifetimeValue cents = HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.USD).add(1, 1000)
                .snapshot();
        assertThat(cents.currency().decimals()).isEqualTo(2);
        HistoricalCustomerLifetimeValue nano = HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.of("XXX", 9))
                .add(1, 1000).snapshot();
        assertThat(nano.average()).isEqualTo(1e-6);
        HistoricalCustomerLifetimeValue empty = HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.USD).snapshot();
        assertThatThrownBy(() -> empty.average(RoundingMode.HALF_UP)).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the average historical CLV is undefined: no customers");
        // 10.00 over 3 customers: 3.33 down, 3.34 up; never rounded silently
        HistoricalCustomerLifetimeValue three = HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.USD).add(1, 1000)
                .add(2, 0).add(3, 0).snapshot();
        assertThat(three.average(RoundingMode.DOWN)).isEqualTo(usd(333));
        assertThat(three.average(RoundingMode.UP)).isEqualTo(usd(334));
        assertThatThrownBy(() -> three.average(RoundingMode.UNNECESSARY)).isInstanceOf(ArithmeticException.class);
        HistoricalCustomerLifetimeValue margin = HistoricalCustomerLifetimeValue.accumulator(Definition.MARGIN, CurrencyUnit.USD)
                .add(1, 1000).snapshot();
        HistoricalCustomerLifetimeValue otherCustomer = HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.USD)
                .add(2, 1000).snapshot();
        HistoricalCustomerLifetimeValue otherValue = HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.USD)
                .add(1, 1001).snapshot();
        HistoricalCustomerLifetimeValue otherCurrency = HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.of("USD", 3))
                .add(1, 1000).snapshot();
        for (HistoricalCustomerLifetimeValue other : new HistoricalCustomerLifetimeValue[] {margin, otherCustomer,
            otherValue, otherCurrency}) {
            assertThat(cents).isNotEqualTo(other);
        }
        assertThat(cents).isNotEqualTo("10.00");
        assertThat(cents.hashCode()).isNotEqualTo(otherCustomer.hashCode()).isNotEqualTo(otherValue.hashCode())
                .isNotEqualTo(otherCurrency.hashCode());
    }
}
