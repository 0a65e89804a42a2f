package org.loyaltymetrics.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.data.Transaction;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.money.Money;
import org.loyaltymetrics.time.Granularity;

class BehaviorProperties {

    static final LocalDate START = LocalDate.of(2024, 1, 1);

    /** A record of a synthetic log: customer 0..29, day 0..120 after START, amount, product, a small code. */
    record Row(long customer, int day, long amount, long product, int code) {
        LocalDate date() {
            return START.plusDays(day);
        }
    }

    @Provide
    Arbitrary<List<Row>> logs() {
        Arbitrary<Row> row = Combinators.combine(Arbitraries.longs().between(0, 29), Arbitraries.integers().between(0, 120),
                Arbitraries.longs().between(0, 10_000), Arbitraries.longs().between(1, 4), Arbitraries.integers().between(0, 4))
                .as(Row::new);
        return row.list().ofMaxSize(200);
    }

    /** Adds the rows to {@code parts} accumulators at random, in shuffled order, and combines them. */
    static <A> A splitAndCombine(List<Row> rows, int parts, long seed, Supplier<A> create, BiConsumer<A, Row> add,
            BinaryOperator<A> combine) {
        Random random = new Random(seed);
        List<Row> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, random);
        List<A> accumulators = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            accumulators.add(create.get());
        }
        shuffled.forEach(row -> add.accept(accumulators.get(random.nextInt(parts)), row));
        A result = accumulators.get(0);
        for (int i = 1; i < parts; i++) {
            result = combine.apply(result, accumulators.get(i));
        }
        return result;
    }

    static <A> A onePass(List<Row> rows, Supplier<A> create, BiConsumer<A, Row> add) {
        A accumulator = create.get();
        rows.forEach(row -> add.accept(accumulator, row));
        return accumulator;
    }

    @Property
    void rfmCombineOverAnySplitEqualsOnePass(@ForAll("logs") List<Row> rows, @ForAll @IntRange(min = 1, max = 4) int parts,
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 130) int calibrationDay, @ForAll @IntRange(max = 30) int holdoutDays) {
        LocalDate calibrationEnd = START.plusDays(calibrationDay);
        LocalDate end = calibrationEnd.plusDays(holdoutDays);
        Supplier<RfmSummary.Accumulator> create = () -> RfmSummary.accumulator(CurrencyUnit.USD, calibrationEnd, end);
        BiConsumer<RfmSummary.Accumulator, Row> add = (acc, r) -> acc.add(r.customer(), r.date(), r.amount());
        RfmSummary expected = onePass(rows, create, add).snapshot();
        assertThat(splitAndCombine(rows, parts, seed, create, add, RfmSummary.Accumulator::combine).snapshot())
                .isEqualTo(expected);
        List<Row> inDateOrder = new ArrayList<>(rows);
        inDateOrder.sort(java.util.Comparator.comparingInt(Row::day));
        assertThat(onePass(inDateOrder, create, add).snapshot()).as("in date order (no set needed)").isEqualTo(expected);
        assertThat(expected.transactions() + expected.transactionsAfterEnd()).isEqualTo(rows.size());
        for (RfmSummary.Customer c : expected.customers()) {
            assertThat(c.recencyDays()).isBetween(0, c.ageDays());
            assertThat(c.frequency()).isBetween(0, c.recencyDays());
            assertThat(c.repeatValue().minorUnits()).isNotNegative();
            assertThat(c.holdoutPurchases()).isBetween(0, holdoutDays);
        }
        RepeatPurchaseRate rate = RepeatPurchaseRate.from(expected);
        if (!rate.isEmpty()) {
            assertThat(rate.value(RepeatPurchaseRate.Definition.BY_CUSTOMERS)).isBetween(0.0, 1.0);
            assertThat(rate.value(RepeatPurchaseRate.Definition.BY_PURCHASES)).isBetween(0.0, 1.0);
        }
        RfmSegmentation segmentation = RfmSegmentation.of(expected);
        assertThat(segmentation.counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(expected.size());
    }

    @Property
    void repeatPurchaseRateCombinesExactlyAndMatchesTheRfmSummary(@ForAll("logs") List<Row> rows,
            @ForAll @IntRange(min = 1, max = 4) int parts, @ForAll long seed) {
        BiConsumer<RepeatPurchaseRate.Accumulator, Row> add = (acc, r) -> acc.add(r.customer(), r.date());
        RepeatPurchaseRate expected = onePass(rows, RepeatPurchaseRate::accumulator, add).snapshot();
        assertThat(splitAndCombine(rows, parts, seed, RepeatPurchaseRate::accumulator, add,
                RepeatPurchaseRate.Accumulator::combine).snapshot()).isEqualTo(expected);
        RfmSummary summary = RfmSummary.accumulator(CurrencyUnit.USD, START.plusDays(200)).addAll(rows.stream()
                .map(r -> new Transaction(r.customer(), r.date(), Money.ofMinor(CurrencyUnit.USD, r.amount()))).toList()).snapshot();
        assertThat(RepeatPurchaseRate.from(summary)).isEqualTo(expected);
    }

    @Property
    void upsellPlanReferralAndFunnelCombineExactly(@ForAll("logs") List<Row> rows, @ForAll @IntRange(min = 1, max = 4) int parts,
            @ForAll long seed) {
        BiConsumer<UpsellRate.Accumulator, Row> upsell = (acc, r) -> acc.add(r.customer(), r.product(), r.code() == 0);
        UpsellRate upsellRate = onePass(rows, UpsellRate::accumulator, upsell).snapshot();
        assertThat(splitAndCombine(rows, parts, seed, UpsellRate::accumulator, upsell, UpsellRate.Accumulator::combine)
                .snapshot()).isEqualTo(upsellRate);
        if (upsellRate.purchases() > 0) {
            assertThat(upsellRate.value()).isBetween(0.0, 1.0);
            assertThat(upsellRate.multiProductCustomerShare().value()).isBetween(0.0, 1.0);
        }

        BiConsumer<PlanUpgradeRate.Accumulator, Row> plan = (acc, r) -> acc.add(r.customer(), r.date(), r.product());
        PlanUpgradeRate planRate = onePass(rows, PlanUpgradeRate::accumulator, plan).snapshot();
        assertThat(splitAndCombine(rows, parts, seed, PlanUpgradeRate::accumulator, plan, PlanUpgradeRate.Accumulator::combine)
                .snapshot()).isEqualTo(planRate);

        BiConsumer<ReferralRate.Accumulator, Row> referral = (acc, r) -> {
            if (r.code() == 0) {
                acc.addReferral(r.customer(), 1000 + r.product());
            } else {
                acc.addCustomer(r.customer());
            }
        };
        ReferralRate referralRate = onePass(rows, ReferralRate::accumulator, referral).snapshot();
        assertThat(splitAndCombine(rows, parts, seed, ReferralRate::accumulator, referral, ReferralRate.Accumulator::combine)
                .snapshot()).isEqualTo(referralRate);
        if (referralRate.customers() > 0) {
            assertThat(referralRate.value()).isBetween(0.0, 1.0);
        }

        BiConsumer<CustomerJourneyFunnel.Accumulator, Row> stage = (acc, r) -> acc.add(r.customer(), JourneyStage.values()[r.code()]);
        CustomerJourneyFunnel funnel = onePass(rows, CustomerJourneyFunnel::accumulator, stage).snapshot();
        assertThat(splitAndCombine(rows, parts, seed, CustomerJourneyFunnel::accumulator, stage,
                CustomerJourneyFunnel.Accumulator::combine).snapshot()).isEqualTo(funnel);
        for (JourneyStage s : JourneyStage.values()) {
            if (s != JourneyStage.AWARENESS && funnel.customers(JourneyStage.values()[s.ordinal() - 1]) > 0) {
                assertThat(funnel.conversion(s).value()).isBetween(0.0, 1.0);
            }
        }
    }

    @Property
    void engagementStickinessAndComplaintsCombineExactly(@ForAll("logs") List<Row> rows,
            @ForAll @IntRange(min = 1, max = 4) int parts, @ForAll long seed) {
        BiConsumer<EngagementScore.Accumulator, Row> engagement = (acc, r) -> acc.add(r.customer(),
                EngagementComponent.values()[r.code()], r.amount());
        EngagementScore score = onePass(rows, EngagementScore::accumulator, engagement).snapshot();
        assertThat(splitAndCombine(rows, parts, seed, EngagementScore::accumulator, engagement,
                EngagementScore.Accumulator::combine).snapshot()).isEqualTo(score);
        for (long id : score.customerIds()) {
            assertThat(score.score(id)).isBetween(0.0, 100.0);
        }

        Supplier<Stickiness.Accumulator> window = () -> Stickiness.accumulator(START.plusDays(30), START.plusDays(59));
        BiConsumer<Stickiness.Accumulator, Row> activity = (acc, r) -> acc.add(r.customer(), r.date());
        Stickiness stickiness = onePass(rows, window, activity).snapshot();
        assertThat(splitAndCombine(rows, parts, seed, window, activity, Stickiness.Accumulator::combine).snapshot())
                .isEqualTo(stickiness);
        if (stickiness.activeUsers() > 0) {
            assertThat(stickiness.value()).isBetween(0.0, 1.0);
        }

        Supplier<ComplaintLog.Accumulator> log = () -> ComplaintLog.accumulator(Granularity.MONTH, SeverityWeights.of(1, 2, 3, 4, 5));
        BiConsumer<ComplaintLog.Accumulator, Row> complaint = (acc, r) -> acc.add(r.date(), "c" + r.product(), r.code() + 1);
        ComplaintLog complaints = onePass(rows, log, complaint).snapshot();
        assertThat(splitAndCombine(rows, parts, seed, log, complaint, ComplaintLog.Accumulator::combine).snapshot())
                .isEqualTo(complaints);
        assertThat(complaints.total().complaints()).isEqualTo(rows.size());
    }

    @Property
    void segmentScoresAreQuintilesOfAnySummary(@ForAll @Size(max = 100) List<@IntRange(min = 1, max = 40) Integer> purchaseDays) {
        RfmSummary.Accumulator acc = RfmSummary.accumulator(CurrencyUnit.USD, START.plusDays(60));
        for (int c = 0; c < purchaseDays.size(); c++) {
            for (int d = 0; d < purchaseDays.get(c); d++) {
                acc.add(c, START.plusDays(d + c % 7), 100L * (c % 5));
            }
        }
        RfmSegmentation segmentation = RfmSegmentation.of(acc.snapshot());
        for (RfmSegmentation.Scores s : segmentation.scores()) {
            assertThat(s.segment()).isEqualTo(RfmSegment.of(s.recency(), s.frequency()));
        }
        if (!segmentation.scores().isEmpty()) {
            assertThat(segmentation.scores().stream().mapToInt(RfmSegmentation.Scores::frequency).min().getAsInt()).isEqualTo(1);
        }
    }
}
