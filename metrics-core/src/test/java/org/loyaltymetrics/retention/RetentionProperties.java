package org.loyaltymetrics.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.time.CalendarPeriod;
import org.loyaltymetrics.time.Granularity;

/** Property tests of the retention package, with QuickTheories: 200 random examples each. */
class RetentionProperties {

    private static final int EXAMPLES = 200;

    private static final LocalDate ORIGIN = LocalDate.of(2024, 11, 20);

    record Customer(LocalDate start, LocalDate end) {
    }

    private static List<Customer> customers(Random random, int n) {
        List<Customer> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LocalDate start = ORIGIN.plusDays(random.nextInt(200));
            LocalDate end = random.nextInt(3) == 0 ? null : start.plusDays(random.nextInt(120));
            list.add(new Customer(start, end));
        }
        return list;
    }

    @Test
    void seriesPeriodsEqualSinglePeriodCountsAndChain() {
        qt().withExamples(EXAMPLES).forAll(longs().all(), integers().between(0, 300), integers().between(0, 2))
                .checkAssert(RetentionProperties::seriesPeriodsEqualSinglePeriodCountsAndChain);
    }

    private static void seriesPeriodsEqualSinglePeriodCountsAndChain(long seed, int n, int granularityIndex) {
        Granularity granularity = new Granularity[] {Granularity.WEEK, Granularity.MONTH, Granularity.QUARTER}[granularityIndex];
        List<Customer> customers = customers(new Random(seed), n);
        ChurnSeries series = customers.stream().collect(ChurnSeries.collector(granularity, LocalDate.of(2025, 1, 1),
                LocalDate.of(2025, 7, 1), Customer::start, Customer::end));
        for (int k = 0; k < series.entries().size(); k++) {
            ChurnSeries.Entry entry = series.entries().get(k);
            CalendarPeriod p = entry.period();
            CustomerCounts direct = customers.stream().collect(CustomerCounts.collector(p.start(), p.end(),
                    Customer::start, Customer::end));
            assertThat(entry.counts()).isEqualTo(direct);
            // E counted directly: start < to < end
            long atEnd = customers.stream().filter(c -> c.start().isBefore(p.end())
                    && (c.end() == null || c.end().isAfter(p.end()))).count();
            assertThat(entry.counts().customersAtEnd()).isEqualTo(atEnd);
            if (k + 1 < series.entries().size()) {
                assertThat(series.entries().get(k + 1).counts().customersAtStart()).isEqualTo(atEnd);
            }
        }
    }

    @Test
    void churnSeriesCombinesExactly() {
        qt().withExamples(EXAMPLES).forAll(longs().all(), integers().between(0, 200))
                .checkAssert(RetentionProperties::churnSeriesCombinesExactly);
    }

    private static void churnSeriesCombinesExactly(long seed, int n) {
        Random random = new Random(seed);
        List<Customer> customers = customers(random, n);
        ChurnSeries.Accumulator a = ChurnSeries.accumulator(Granularity.MONTH, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 5, 1));
        ChurnSeries.Accumulator b = ChurnSeries.accumulator(Granularity.MONTH, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 5, 1));
        ChurnSeries.Accumulator all = ChurnSeries.accumulator(Granularity.MONTH, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 5, 1));
        for (Customer c : customers) {
            (random.nextBoolean() ? a : b).add(c.start(), c.end());
            all.add(c.start(), c.end());
        }
        ChurnSeries sum = a.snapshot().plus(b.snapshot());
        assertThat(a.combine(b).snapshot()).isEqualTo(all.snapshot()).isEqualTo(sum);
    }

    @Test
    void cohortCountsAreConsistentAndCombineExactly() {
        qt().withExamples(EXAMPLES).forAll(longs().all(), integers().between(0, 400), integers().between(0, 2))
                .checkAssert(RetentionProperties::cohortCountsAreConsistentAndCombineExactly);
    }

    private static void cohortCountsAreConsistentAndCombineExactly(long seed, int events, int granularityIndex) {
        // Days over 150 days exercise users whose activity spans more than 64 periods.
        Granularity granularity = new Granularity[] {Granularity.DAY, Granularity.WEEK, Granularity.MONTH}[granularityIndex];
        Random random = new Random(seed);
        CohortTable.Accumulator a = CohortTable.accumulator(granularity);
        CohortTable.Accumulator b = CohortTable.accumulator(granularity);
        CohortTable.Accumulator all = CohortTable.accumulator(granularity);
        Map<Long, Set<Long>> activePeriods = new HashMap<>();
        for (int i = 0; i < events; i++) {
            long user = random.nextInt(40);
            LocalDate date = ORIGIN.plusDays(random.nextInt(150));
            (random.nextBoolean() ? a : b).add(user, date);
            all.add(user, date);
            activePeriods.computeIfAbsent(user, u -> new HashSet<>()).add(granularity.periodNumber(date));
        }
        CohortTable table = all.snapshot();
        assertThat(a.combine(b).snapshot()).isEqualTo(table);
        long users = 0;
        for (CohortTable.Cohort cohort : table.cohorts()) {
            users += cohort.size();
            for (int k = 0; k < cohort.offsets(); k++) {
                assertThat(cohort.returnOn(k)).isLessThanOrEqualTo(cohort.returnOnOrAfter(k));
                if (k > 0) {
                    assertThat(cohort.returnOnOrAfter(k)).isLessThanOrEqualTo(cohort.returnOnOrAfter(k - 1));
                }
            }
            assertThat(cohort.returnOnOrAfter(0)).isEqualTo(cohort.size());
        }
        assertThat(users).isEqualTo(activePeriods.size());
        long activeUserPeriods = activePeriods.values().stream().mapToLong(Set::size).sum();
        long counted = 0;
        for (CohortTable.Cohort cohort : table.cohorts()) {
            for (long count : cohort.returnOnCounts()) {
                counted += count;
            }
        }
        assertThat(counted).isEqualTo(activeUserPeriods);
    }

    @Test
    void survivalIsNonIncreasingInZeroOneAndBandsHoldIt() {
        qt().withExamples(EXAMPLES).forAll(longs().all(), integers().between(1, 200))
                .checkAssert(RetentionProperties::survivalIsNonIncreasingInZeroOneAndBandsHoldIt);
    }

    private static void survivalIsNonIncreasingInZeroOneAndBandsHoldIt(long seed, int n) {
        Random random = new Random(seed);
        SurvivalCurve.Accumulator accumulator = SurvivalCurve.accumulator();
        for (int i = 0; i < n; i++) {
            accumulator.add(random.nextInt(30), random.nextInt(3) > 0);
        }
        SurvivalCurve curve = accumulator.snapshot();
        double previous = 1.0;
        for (SurvivalCurve.Point point : curve.points()) {
            assertThat(point.survival()).isBetween(0.0, previous);
            for (SurvivalCurve.IntervalMethod method : SurvivalCurve.IntervalMethod.values()) {
                ConfidenceInterval band = point.confidenceInterval(0.95, method);
                assertThat(band.contains(point.survival())).isTrue();
                assertThat(band.low()).isGreaterThanOrEqualTo(0.0);
                assertThat(band.high()).isLessThanOrEqualTo(1.0);
            }
            previous = point.survival();
        }
    }

    @Test
    void mrrMovementsReconcileAndGrrNeverExceedsOne() {
        qt().withExamples(EXAMPLES).forAll(longs().all(), integers().between(0, 200))
                .checkAssert(RetentionProperties::mrrMovementsReconcileAndGrrNeverExceedsOne);
    }

    private static void mrrMovementsReconcileAndGrrNeverExceedsOne(long seed, int rows) {
        Random random = new Random(seed);
        RevenueRetention.Accumulator accumulator = RevenueRetention.accumulator(CurrencyUnit.USD);
        Map<String, Long> seen = new HashMap<>();
        Map<YearMonth, Long> monthTotals = new HashMap<>();
        for (int i = 0; i < rows; i++) {
            long account = random.nextInt(25);
            // up to 30 months: longer than the accumulator's inline window of 12, in any order
            YearMonth month = YearMonth.of(2024, 1).plusMonths(random.nextInt(random.nextBoolean() ? 8 : 30));
            long amount = random.nextInt(4) == 0 ? 0 : random.nextInt(100_000);
            if (seen.putIfAbsent(account + " " + month, amount) == null) {
                accumulator.add(account, month, amount);
                monthTotals.merge(month, amount, Long::sum);
            }
        }
        for (MrrMovements m : accumulator.snapshot().months()) {
            assertThat(m.startMrr().plus(m.newMrr()).plus(m.expansionMrr()).plus(m.reactivationMrr())
                    .minus(m.contractionMrr()).minus(m.churnedMrr())).isEqualTo(m.endMrr());
            assertThat(m.endMrr().minorUnits()).isEqualTo(monthTotals.getOrDefault(m.month(), 0L));
            assertThat(m.startMrr().minorUnits()).isEqualTo(monthTotals.getOrDefault(m.month().minusMonths(1), 0L));
            if (!m.startMrr().isZero()) {
                assertThat(m.grossRevenueRetention()).isBetween(0.0, 1.0);
                assertThat(m.grossMrrChurn()).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void survivalCurvesMergeLikeOnePass() {
        qt().withExamples(EXAMPLES).forAll(longs().all(), integers().between(0, 200))
                .checkAssert(RetentionProperties::survivalCurvesMergeLikeOnePass);
    }

    private static void survivalCurvesMergeLikeOnePass(long seed, int n) {
        Random random = new Random(seed);
        SurvivalCurve.Accumulator a = SurvivalCurve.accumulator();
        SurvivalCurve.Accumulator b = SurvivalCurve.accumulator();
        SurvivalCurve.Accumulator all = SurvivalCurve.accumulator();
        for (int i = 0; i < n; i++) {
            double duration = random.nextInt(40) / 4.0;
            boolean ended = random.nextBoolean();
            (random.nextBoolean() ? a : b).add(duration, ended);
            all.add(duration, ended);
        }
        assertThat(a.snapshot().plus(b.snapshot())).isEqualTo(all.snapshot()).isEqualTo(b.snapshot().plus(a.snapshot()));
    }
}
