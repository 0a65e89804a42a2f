package org.loyaltymetrics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.data.Transaction;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.money.Money;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.time.Granularity;
import org.quicktheories.core.Gen;

/** Properties of the behaviour KPIs over random transaction logs (QuickTheories). */
class BehaviorProperties {

    static final LocalDate START = LocalDate.of(2024, 1, 1);

    /** A record of a synthetic log: customer 0..29, day 0..120 after START, amount, product, a small code. */
    record Row(long customer, int day, long amount, long product, int code) {
        LocalDate date() {
            return START.plusDays(day);
        }
    }

    /** Logs of up to 200 rows. */
    static Gen<List<Row>> logs() {
        Gen<Row> row = longs().between(0, 29).zip(integers().between(0, 120), longs().between(0, 10_000),
                longs().between(1, 4), integers().between(0, 4), Row::new);
        return lists().of(row).ofSizeBetween(0, 200);
    }

    /** Numbers of parts, 1..4. */
    static Gen<Integer> parts() {
        return integers().between(1, 4);
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

    @Test
    void rfmCombineOverAnySplitEqualsOnePass() {
        qt().forAll(logs(), parts(), longs().all(), integers().between(0, 130).zip(integers().between(0, 30),
                (calibrationDay, holdoutDays) -> new int[] {calibrationDay, holdoutDays}))
                .checkAssert((rows, parts, seed, days) -> rfmCombineOverAnySplitEqualsOnePass(rows, parts, seed, days[0],
                        days[1]));
    }

    private static void rfmCombineOverAnySplitEqualsOnePass(List<Row> rows, int parts, long seed, int calibrationDay,
            int holdoutDays) {
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

    @Test
    void repeatPurchaseRateCombinesExactlyAndMatchesTheRfmSummary() {
        qt().forAll(logs(), parts(), longs().all()).checkAssert(
                BehaviorProperties::repeatPurchaseRateCombinesExactlyAndMatchesTheRfmSummary);
    }

    private static void repeatPurchaseRateCombinesExactlyAndMatchesTheRfmSummary(List<Row> rows, int parts, long seed) {
        BiConsumer<RepeatPurchaseRate.Accumulator, Row> add = (acc, r) -> acc.add(r.customer(), r.date());
        RepeatPurchaseRate expected = onePass(rows, RepeatPurchaseRate::accumulator, add).snapshot();
        assertThat(splitAndCombine(rows, parts, seed, RepeatPurchaseRate::accumulator, add,
                RepeatPurchaseRate.Accumulator::combine).snapshot()).isEqualTo(expected);
        RfmSummary summary = RfmSummary.accumulator(CurrencyUnit.USD, START.plusDays(200)).addAll(rows.stream()
                .map(r -> new Transaction(r.customer(), r.date(), Money.ofMinor(CurrencyUnit.USD, r.amount()))).toList()).snapshot();
        assertThat(RepeatPurchaseRate.from(summary)).isEqualTo(expected);
    }

    @Test
    void upsellPlanReferralAndFunnelCombineExactly() {
        qt().forAll(logs(), parts(), longs().all()).checkAssert(BehaviorProperties::upsellPlanReferralAndFunnelCombineExactly);
    }

    private static void upsellPlanReferralAndFunnelCombineExactly(List<Row> rows, int parts, long seed) {
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

    @Test
    void engagementStickinessAndComplaintsCombineExactly() {
        qt().forAll(logs(), parts(), longs().all()).checkAssert(
                BehaviorProperties::engagementStickinessAndComplaintsCombineExactly);
    }

    private static void engagementStickinessAndComplaintsCombineExactly(List<Row> rows, int parts, long seed) {
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

    @Test
    void segmentScoresAreQuintilesOfAnySummary() {
        qt().forAll(lists().of(integers().between(1, 40)).ofSizeBetween(0, 100))
                .checkAssert(BehaviorProperties::segmentScoresAreQuintilesOfAnySummary);
    }

    private static void segmentScoresAreQuintilesOfAnySummary(List<Integer> purchaseDays) {
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

    @Test
    void plusOfEventValuesEqualsOnePassOverBothLogs() {
        qt().forAll(logs(), logs()).checkAssert((first, second) -> {
            List<Row> both = new ArrayList<>(first);
            both.addAll(second);
            Supplier<ComplaintLog.Accumulator> log = () -> ComplaintLog.accumulator(Granularity.WEEK, SeverityWeights.DEFAULT);
            BiConsumer<ComplaintLog.Accumulator, Row> complaint = (acc, r) -> acc.add(r.date(), "c" + r.product(),
                    1 + r.code() % 3);
            assertThat(onePass(first, log, complaint).snapshot().plus(onePass(second, log, complaint).snapshot()))
                    .isEqualTo(onePass(both, log, complaint).snapshot());

            Supplier<ComplaintCounts.Accumulator> counts = () -> ComplaintCounts.accumulator(SeverityWeights.of(1, 5));
            BiConsumer<ComplaintCounts.Accumulator, Row> severity = (acc, r) -> acc.add(1 + r.code() % 2);
            assertThat(onePass(first, counts, severity).snapshot().plus(onePass(second, counts, severity).snapshot()))
                    .isEqualTo(onePass(both, counts, severity).snapshot());

            BiConsumer<EmailOpenRate.Accumulator, Row> email = (acc, r) -> acc.add(r.code() == 0);
            assertThat(onePass(first, EmailOpenRate::accumulator, email).snapshot()
                    .plus(onePass(second, EmailOpenRate::accumulator, email).snapshot()))
                    .isEqualTo(onePass(both, EmailOpenRate::accumulator, email).snapshot());

            BiConsumer<EngagementScore.Accumulator, Row> engagement = (acc, r) -> acc.add(r.customer(),
                    EngagementComponent.values()[r.code()], r.amount());
            assertThat(onePass(first, EngagementScore::accumulator, engagement).snapshot()
                    .plus(onePass(second, EngagementScore::accumulator, engagement).snapshot()))
                    .isEqualTo(onePass(both, EngagementScore::accumulator, engagement).snapshot());
        });
    }

    @Test
    void intervalsContainTheirFiguresAndWidenWithConfidence() {
        qt().forAll(longs().between(0, 400), longs().between(0, 400), longs().between(1, 5_000),
                integers().between(50, 98)).checkAssert((m, s, customers, percent) -> {
                    double confidence = percent / 100.0;
                    if (m + s > 0) {
                        UpsellRate.MultiProductRatio ratio = new UpsellRate.MultiProductRatio(m, s);
                        ConfidenceInterval interval = ratio.confidenceInterval(confidence);
                        ConfidenceInterval wider = ratio.confidenceInterval(0.99);
                        assertThat(interval.low()).isNotNegative();
                        assertThat(wider.low()).isLessThanOrEqualTo(interval.low());
                        assertThat(wider.high()).isGreaterThanOrEqualTo(interval.high());
                        assertThat(interval.isBounded()).isEqualTo(s > 0);
                        if (s > 0) {
                            assertThat(interval.contains(ratio.value())).isTrue();
                        }
                    }
                    ComplaintRate rate = ComplaintCounts.ofCounts(SeverityWeights.of(1), m).per(customers);
                    ConfidenceInterval poisson = rate.confidenceInterval(confidence);
                    ConfidenceInterval widerPoisson = rate.confidenceInterval(0.99);
                    assertThat(poisson.contains(rate.value())).isTrue();
                    assertThat(widerPoisson.low()).isLessThanOrEqualTo(poisson.low());
                    assertThat(widerPoisson.high()).isGreaterThanOrEqualTo(poisson.high());
                    // the exact bounds of c complaints: P(X >= c | low) = P(X <= c | high) = alpha / 2
                    assertThat(poissonUpperTail(m, poisson.low() * customers / 1000.0))
                            .isCloseTo(m == 0 ? 1.0 : (1 - confidence) / 2, within(1e-9));
                    assertThat(poissonLowerTail(m, poisson.high() * customers / 1000.0))
                            .isCloseTo((1 - confidence) / 2, within(1e-9));
                });
    }

    /** P(X >= c) for X Poisson with mean mu, summed term by term. */
    private static double poissonUpperTail(long c, double mu) {
        return c == 0 ? 1.0 : 1.0 - poissonLowerTail(c - 1, mu);
    }

    /** P(X <= c) for X Poisson with mean mu, summed term by term in logs. */
    private static double poissonLowerTail(long c, double mu) {
        double sum = 0;
        double logTerm = -mu;
        for (long k = 0; k <= c; k++) {
            if (k > 0) {
                logTerm += Math.log(mu) - Math.log(k);
            }
            sum += Math.exp(logTerm);
        }
        return sum;
    }

    @Test
    void stickinessIsTheMeanShareOfActiveDaysWithAnIntervalAroundIt() {
        qt().forAll(logs()).checkAssert(rows -> {
            Supplier<Stickiness.Accumulator> window = () -> Stickiness.accumulator(START, START.plusDays(29));
            BiConsumer<Stickiness.Accumulator, Row> activity = (acc, r) -> acc.add(r.customer(), r.date());
            Stickiness stickiness = onePass(rows, window, activity).snapshot();
            long[] activeDays = rows.stream().filter(r -> r.day() < 30).map(r -> r.customer() * 1000 + r.day()).distinct()
                    .collect(java.util.stream.Collectors.groupingBy(key -> key / 1000, java.util.stream.Collectors.counting()))
                    .values().stream().mapToLong(Long::longValue).toArray();
            assertThat(stickiness).isEqualTo(Stickiness.ofCounts(30, activeDays));
            if (activeDays.length >= 2) {
                double meanShare = java.util.Arrays.stream(activeDays).mapToDouble(d -> d / 30.0).average().getAsDouble();
                assertThat(stickiness.value()).isCloseTo(meanShare, within(1e-12));
                assertThat(stickiness.confidenceInterval(0.95).contains(stickiness.value())).isTrue();
                assertThat(stickiness.estimate().degreesOfFreedom()).isEqualTo(activeDays.length - 1);
            }
        });
    }
}
