package org.loyaltymetrics.value;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDate;
import java.util.List;
import org.loyaltymetrics.AccumulatorFixture;
import org.loyaltymetrics.data.Transaction;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.money.Money;

/** Random records for the accumulators of the value package (see AccumulatorContractTest). */
final class ValueAccumulatorFixtures {

    private static final LocalDate DAY = LocalDate.of(2025, 3, 1);

    private ValueAccumulatorFixtures() {
    }

    static List<AccumulatorFixture<?, ?>> fixtures() {
        return List.of(
                AccumulatorFixture.of("revenue transactions in USD", HistoricalCustomerLifetimeValue.Accumulator.class,
                        () -> HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.USD),
                        integers().between(0, 20).zip(longs().between(0, 100_000),
                                (customer, cents) -> new Transaction(customer, DAY, Money.ofMinor(CurrencyUnit.USD, cents))),
                        HistoricalCustomerLifetimeValue.Accumulator::add),
                AccumulatorFixture.of("margins in yen, some negative", HistoricalCustomerLifetimeValue.Accumulator.class,
                        () -> HistoricalCustomerLifetimeValue.accumulator(HistoricalCustomerLifetimeValue.Definition.MARGIN,
                                CurrencyUnit.JPY),
                        integers().between(0, 20).zip(longs().between(-5_000, 10_000),
                                (customer, yen) -> new long[] {customer, yen}),
                        (acc, r) -> acc.add(r[0], r[1])));
    }
}
