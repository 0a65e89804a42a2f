package org.loyaltymetrics.behavior;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDate;
import java.util.List;
import org.loyaltymetrics.AccumulatorFixture;
import org.loyaltymetrics.data.Transaction;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.money.Money;
import org.loyaltymetrics.time.Granularity;

/** Random records for the accumulators of the behavior package (see AccumulatorContractTest). */
final class BehaviorAccumulatorFixtures {

    private static final LocalDate START = LocalDate.of(2025, 1, 1);

    private BehaviorAccumulatorFixtures() {
    }

    static List<AccumulatorFixture<?, ?>> fixtures() {
        return List.of(
                AccumulatorFixture.of("purchase days of 20 customers", RepeatPurchaseRate.Accumulator.class,
                        RepeatPurchaseRate::accumulator,
                        integers().between(0, 20).zip(integers().between(0, 30), (customer, day) -> new long[] {customer, day}),
                        (acc, r) -> acc.add(r[0], START.plusDays(r[1]))),
                AccumulatorFixture.of("transactions in any currency", RepeatPurchaseRate.Accumulator.class,
                        RepeatPurchaseRate::accumulator,
                        integers().between(0, 10).zip(integers().between(0, 10), booleans().all(),
                                (customer, day, euro) -> new Transaction(customer, START.plusDays(day),
                                        Money.ofMinor(euro ? CurrencyUnit.EUR : CurrencyUnit.USD, 100))),
                        RepeatPurchaseRate.Accumulator::add),
                AccumulatorFixture.of("products of 15 customers, some additional", UpsellRate.Accumulator.class,
                        UpsellRate::accumulator,
                        integers().between(0, 15).zip(integers().between(1, 3), booleans().all(),
                                (customer, product, additional) -> new Object[] {customer, product, additional}),
                        (acc, r) -> acc.add((Integer) r[0], (Integer) r[1], (Boolean) r[2])),
                AccumulatorFixture.of("plans of 15 customers over 10 days", PlanUpgradeRate.Accumulator.class,
                        PlanUpgradeRate::accumulator,
                        integers().between(0, 15).zip(integers().between(0, 10), longs().between(0, 4),
                                (customer, day, value) -> new long[] {customer, day, value}),
                        (acc, r) -> acc.add(r[0], START.plusDays(r[1]), r[2])),
                AccumulatorFixture.of("customers and referrals", ReferralRate.Accumulator.class,
                        ReferralRate::accumulator,
                        integers().between(0, 15).zip(integers().between(0, 3), integers().between(100, 110),
                                (customer, kind, referred) -> new long[] {customer, kind, referred}),
                        (acc, r) -> {
                            if (r[1] == 0) {
                                acc.addReferral(r[0], r[2]);
                            } else {
                                acc.addCustomer(r[0]);
                            }
                        }),
                AccumulatorFixture.of("delivered e-mails", EmailOpenRate.Accumulator.class, EmailOpenRate::accumulator,
                        booleans().all(), EmailOpenRate.Accumulator::add),
                AccumulatorFixture.of("complaints on four levels", ComplaintCounts.Accumulator.class,
                        () -> ComplaintCounts.accumulator(SeverityWeights.of(1, 2, 3, 10)), integers().between(1, 4),
                        ComplaintCounts.Accumulator::add),
                AccumulatorFixture.of("complaints per week and category", ComplaintLog.Accumulator.class,
                        () -> ComplaintLog.accumulator(Granularity.WEEK, SeverityWeights.DEFAULT),
                        integers().between(0, 40).zip(integers().between(0, 3), integers().between(1, 3),
                                (day, category, severity) -> new int[] {day, category, severity}),
                        (acc, r) -> acc.add(START.plusDays(r[0]), "c" + r[1], r[2])),
                AccumulatorFixture.of("stages reached by 15 customers", CustomerJourneyFunnel.Accumulator.class,
                        CustomerJourneyFunnel::accumulator,
                        integers().between(0, 15).zip(integers().between(0, 4), (customer, stage) -> new int[] {customer, stage}),
                        (acc, r) -> acc.add(r[0], JourneyStage.values()[r[1]])),
                AccumulatorFixture.of("activity of 10 users in and around a month", Stickiness.Accumulator.class,
                        () -> Stickiness.accumulator(START, START.plusDays(29)),
                        integers().between(0, 10).zip(integers().between(-3, 33), (user, day) -> new int[] {user, day}),
                        (acc, r) -> acc.add(r[0], START.plusDays(r[1]))),
                AccumulatorFixture.of("engagement amounts with unequal weights", EngagementScore.Accumulator.class,
                        () -> EngagementScore.accumulator(EngagementWeights.EQUAL.with(EngagementComponent.CORE_ACTIONS, 3)),
                        integers().between(0, 12).zip(integers().between(0, 6), longs().between(0, 50),
                                (customer, component, amount) -> new long[] {customer, component, amount}),
                        (acc, r) -> acc.add(r[0], EngagementComponent.values()[(int) r[1]], r[2])));
    }
}
