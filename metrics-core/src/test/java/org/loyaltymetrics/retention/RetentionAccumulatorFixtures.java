package org.loyaltymetrics.retention;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.loyaltymetrics.AccumulatorFixture;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.time.Granularity;
import org.quicktheories.core.Gen;

/** Random records for the accumulators of the retention package (see AccumulatorContractTest). */
final class RetentionAccumulatorFixtures {

    private static final LocalDate ORIGIN = LocalDate.of(2024, 11, 20);

    /** A customer record: a start within 200 days of the origin and, two times in three, an end up to 120 days later. */
    record Customer(LocalDate start, LocalDate end) {
    }

    /** {@code count} lifetimes of one duration. */
    record Lifetime(double duration, boolean ended, long count) {
    }

    /** A contract due on a day, renewed or not. */
    record Renewal(LocalDate due, boolean renewed) {
    }

    private RetentionAccumulatorFixtures() {
    }

    private static Gen<Customer> customers() {
        return integers().between(0, 199).zip(integers().between(0, 2), integers().between(0, 119),
                (start, open, length) -> new Customer(ORIGIN.plusDays(start), open == 0 ? null
                        : ORIGIN.plusDays(start + length)));
    }

    static List<AccumulatorFixture<?, ?>> fixtures() {
        return List.of(
                AccumulatorFixture.of("customer records over January 2025", CustomerCounts.Accumulator.class,
                        () -> CustomerCounts.accumulator(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1)),
                        customers(), (acc, c) -> acc.add(c.start(), c.end())),
                AccumulatorFixture.of("customer records by month, 2025-01 to 2025-04", ChurnSeries.Accumulator.class,
                        () -> ChurnSeries.accumulator(Granularity.MONTH, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 5, 1)),
                        customers(), (acc, c) -> acc.add(c.start(), c.end())),
                AccumulatorFixture.of("customer records by ISO week", ChurnSeries.Accumulator.class,
                        () -> ChurnSeries.accumulator(Granularity.WEEK, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 1)),
                        customers(), (acc, c) -> acc.add(c.start(), c.end())),
                AccumulatorFixture.of("lifetimes in quarter units, some censored", SurvivalCurve.Accumulator.class,
                        SurvivalCurve::accumulator,
                        integers().between(0, 40).zip(booleans().all(), integers().between(1, 3),
                                (quarters, ended, count) -> new Lifetime(quarters / 4.0, ended, count)),
                        (acc, r) -> acc.add(r.duration(), r.ended(), r.count())),
                AccumulatorFixture.of("customer records as of 2025-06-15 in weeks", CustomerLifetimes.class,
                        () -> CustomerLifetimes.accumulator(LocalDate.of(2025, 6, 15), ChronoUnit.WEEKS),
                        customers(), (acc, c) -> acc.add(c.start(), c.end())),
                AccumulatorFixture.of("renewals by month", RenewalRate.Accumulator.class,
                        () -> RenewalRate.accumulator(Granularity.MONTH),
                        integers().between(0, 200).zip(booleans().all(), (day, renewed) -> new Renewal(ORIGIN.plusDays(day),
                                renewed)),
                        (acc, r) -> acc.add(r.due(), r.renewed())),
                // 40 users over 150 days: by day, spans beyond the 64 periods held inline
                AccumulatorFixture.of("activity of 40 users by day", CohortTable.Accumulator.class,
                        () -> CohortTable.accumulator(Granularity.DAY),
                        integers().between(0, 39).zip(integers().between(0, 149), (user, day) -> new long[] {user, day}),
                        (acc, e) -> acc.add(e[0], ORIGIN.plusDays(e[1]))),
                AccumulatorFixture.of("activity of 40 users by month", CohortTable.Accumulator.class,
                        () -> CohortTable.accumulator(Granularity.MONTH),
                        integers().between(0, 39).zip(integers().between(0, 400), (user, day) -> new long[] {user, day}),
                        (acc, e) -> acc.add(e[0], ORIGIN.plusDays(e[1]))),
                // one record is the MRR of one new account over up to 6 consecutive months: the movements do not
                // depend on the account ids, so each record takes the next id of a counter (a repeated id in two
                // parts would repeat a month); accounts whose months are split over accumulators are exercised by
                // RevenueRetentionTest and the properties
                AccumulatorFixture.of("MRR histories of accounts over 30 months", RevenueRetention.Accumulator.class,
                        () -> RevenueRetention.accumulator(CurrencyUnit.EUR),
                        integers().between(0, 29).zip(integers().between(0, 255), (first, bits) -> new int[] {first, bits}),
                        RetentionAccumulatorFixtures::addHistory));
    }

    private static final AtomicLong ACCOUNTS = new AtomicLong();

    /** Adds the months of {@code row} = {first month, 6 bits of months and 2 bits of amount level} for a new account. */
    private static void addHistory(RevenueRetention.Accumulator accumulator, int[] row) {
        long account = ACCOUNTS.incrementAndGet();
        for (int k = 0; k < 6; k++) {
            if ((row[1] >> k & 1) != 0) {
                long amount = ((row[1] >> 6) + k) % 4 * 1_000L;
                accumulator.add(account, YearMonth.of(2024, 1).plusMonths(row[0] + k), amount);
            }
        }
    }
}
