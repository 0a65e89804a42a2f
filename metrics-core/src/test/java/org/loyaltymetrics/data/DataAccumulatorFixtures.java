package org.loyaltymetrics.data;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.loyaltymetrics.AccumulatorFixture;
import org.loyaltymetrics.money.CurrencyUnit;

/** Random records for the accumulators of the data package (see AccumulatorContractTest). */
final class DataAccumulatorFixtures {

    private static final LocalDate START = LocalDate.of(2025, 1, 1);

    /** A history and the number of customers who have it. */
    private record Weighted(PurchaseHistory history, long weight) {
    }

    private DataAccumulatorFixtures() {
    }

    static List<AccumulatorFixture<?, ?>> fixtures() {
        return List.of(
                AccumulatorFixture.of("transactions with a holdout, some after the end", RfmSummary.Accumulator.class,
                        () -> RfmSummary.accumulator(CurrencyUnit.USD, START.plusDays(60), START.plusDays(90)),
                        integers().between(0, 20).zip(integers().between(0, 100), longs().between(0, 10_000),
                                (customer, day, amount) -> new long[] {customer, day, amount}),
                        (acc, r) -> acc.add(r[0], START.plusDays(r[1]), r[2])),
                AccumulatorFixture.of("histories in weeks", PurchaseHistories.Accumulator.class,
                        () -> PurchaseHistories.accumulator(ChronoUnit.WEEKS),
                        integers().between(0, 4).zip(integers().between(0, 6), integers().between(1, 6),
                                (x, tx, t) -> PurchaseHistory.of(x, x == 0 ? 0 : Math.min(tx, t), t, ChronoUnit.WEEKS)),
                        PurchaseHistories.Accumulator::add),
                AccumulatorFixture.of("histories in days and weeks, converted to weeks, with weights",
                        PurchaseHistories.Accumulator.class, () -> PurchaseHistories.accumulator(ChronoUnit.WEEKS),
                        integers().between(0, 4).zip(integers().between(0, 6), integers().between(1, 6), booleans().all(),
                                (x, tx, t, days) -> PurchaseHistory.of(x, x == 0 ? 0 : Math.min(tx, t), t,
                                        days ? ChronoUnit.DAYS : ChronoUnit.WEEKS)).zip(integers().between(1, 3),
                                (history, weight) -> new Weighted(history, weight)),
                        (acc, r) -> acc.add(r.history(), r.weight())),
                AccumulatorFixture.of("spend of repeat customers", SpendHistories.Accumulator.class,
                        SpendHistories::accumulator,
                        integers().between(1, 4).zip(integers().between(1, 5), (x, z) -> SpendHistory.of(x, 10.0 * z)),
                        SpendHistories.Accumulator::add),
                AccumulatorFixture.of("histories of 1 to 6 opportunities", OpportunityHistories.Accumulator.class,
                        OpportunityHistories::accumulator,
                        integers().between(1, 6).zip(integers().between(0, 6), integers().between(0, 6), (n, tx, x) -> {
                            long recency = Math.min(tx, n);
                            long frequency = recency == 0 ? 0 : Math.max(1, Math.min(x, recency));
                            return OpportunityHistory.of(frequency, recency, n);
                        }),
                        OpportunityHistories.Accumulator::add),
                AccumulatorFixture.of("customers of a cohort over 4 periods", CohortSurvivors.Accumulator.class,
                        () -> CohortSurvivors.accumulator(4),
                        booleans().all().zip(integers().between(1, 4), (active, period) -> active ? 0 : period),
                        (acc, period) -> {
                            if (period == 0) {
                                acc.addActive();
                            } else {
                                acc.addLost(period);
                            }
                        }));
    }
}
