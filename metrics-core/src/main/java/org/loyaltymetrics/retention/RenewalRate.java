package org.loyaltymetrics.retention;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collector;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.LongObjectMap;
import org.loyaltymetrics.internal.TextTable;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Proportion;
import org.loyaltymetrics.time.CalendarPeriod;
import org.loyaltymetrics.time.Granularity;

/**
 * The renewal (repurchase) rate of contracts: of the contracts that came up for renewal in a period,
 * the share that were renewed (article 000: the telecom customers who keep their subscription after
 * the initial contract instead of cancelling). Computed per calendar period of the renewal due date
 * and overall, each a {@link Proportion} with its Wilson interval.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class RenewalRate {

    /**
     * The contracts due for renewal in one period.
     *
     * @param period the period of the due dates
     * @param renewed the renewed contracts of those due
     */
    public record Entry(CalendarPeriod period, Proportion renewed) {

        /** Validates the components. */
        public Entry {
            Checks.notNull(period, "period");
            Checks.notNull(renewed, "renewed");
        }
    }

    private final Granularity granularity;
    private final List<Entry> entries;

    private RenewalRate(Granularity granularity, List<Entry> entries) {
        this.granularity = granularity;
        this.entries = entries;
    }

    /** A new, empty accumulator of renewal outcomes per period of {@code granularity}. */
    public static Accumulator accumulator(Granularity granularity) {
        return new Accumulator(granularity);
    }

    /** A collector of contracts, reading each one's renewal due date and whether it was renewed. */
    public static <T> Collector<T, ?, RenewalRate> collector(Granularity granularity,
            Function<? super T, LocalDate> dueDateOf, Predicate<? super T> renewed) {
        Checks.notNull(granularity, "granularity");
        Checks.notNull(dueDateOf, "dueDateOf");
        Checks.notNull(renewed, "renewed");
        return Collector.of(() -> new Accumulator(granularity), (acc, t) -> acc.add(dueDateOf.apply(t), renewed.test(t)),
                Accumulator::combine, Accumulator::snapshot, Collector.Characteristics.UNORDERED);
    }

    /** The length of the periods. */
    public Granularity granularity() {
        return granularity;
    }

    /** The periods in which contracts came up for renewal, in time order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The renewed contracts of all contracts due, over every period. */
    public Proportion overall() {
        Proportion total = Proportion.of(0, 0);
        for (Entry entry : entries) {
            total = total.plus(entry.renewed());
        }
        return total;
    }

    /**
     * The renewal rate of {@code period}.
     *
     * @throws IllegalArgumentException if no contract came up for renewal in the period
     */
    public Proportion get(CalendarPeriod period) {
        Checks.notNull(period, "period");
        for (Entry entry : entries) {
            if (entry.period().equals(period)) {
                return entry.renewed();
            }
        }
        throw new IllegalArgumentException("period must be one with contracts due for renewal, was " + period);
    }

    /** Tests the change in the renewal rate from {@code earlier} to {@code later} (two-proportion z test). */
    public DifferenceTest change(CalendarPeriod earlier, CalendarPeriod later) {
        return get(later).differenceFrom(get(earlier));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RenewalRate && ((RenewalRate) o).granularity == granularity
                && ((RenewalRate) o).entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return 31 * granularity.hashCode() + entries.hashCode();
    }

    /** A grid: period, contracts due, renewed, renewal rate and its 95 % Wilson interval. */
    @Override
    public String toString() {
        TextTable table = new TextTable("period", "due", "renewed", "rate", "95% low", "95% high");
        for (Entry entry : entries) {
            Proportion renewed = entry.renewed();
            table.row(entry.period(), renewed.trials(), renewed.successes(), TextTable.figure(renewed::value),
                    TextTable.figure(() -> renewed.confidenceInterval(0.95).low()),
                    TextTable.figure(() -> renewed.confidenceInterval(0.95).high()));
        }
        return table.toString();
    }

    /**
     * A mutable accumulator of renewal outcomes. Adding an outcome in a period already seen allocates
     * nothing; accumulators combine exactly. Not thread-safe: use one per thread and combine them.
     */
    public static final class Accumulator implements Serializable {

        private static final long serialVersionUID = 1L;


        private final Granularity granularity;
        /** Per period number: {due, renewed}. */
        private final LongObjectMap<long[]> periods = new LongObjectMap<>();

        Accumulator(Granularity granularity) {
            this.granularity = Checks.notNull(granularity, "granularity");
        }

        /** Adds one contract that came up for renewal on {@code dueDate}, renewed or not. */
        public Accumulator add(LocalDate dueDate, boolean renewed) {
            long[] tally = tallyOf(granularity.periodNumber(Checks.notNull(dueDate, "dueDate")));
            tally[0] = Checks.addCounts(tally[0], 1, "contracts due");
            if (renewed) {
                tally[1]++;
            }
            return this;
        }

        private long[] tallyOf(long period) {
            long[] tally = periods.get(period);
            if (tally == null) {
                tally = new long[2];
                periods.put(period, tally);
            }
            return tally;
        }

        /**
         * Adds every outcome of {@code other}.
         *
         * @throws IllegalArgumentException if {@code other} has another granularity
         */
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            if (other.granularity != granularity) {
                throw new IllegalArgumentException("other must have granularity " + granularity + ", was " + other.granularity);
            }
            for (long period : other.periods.sortedKeys()) {
                long[] theirs = other.periods.get(period);
                long[] ours = tallyOf(period);
                ours[0] = Checks.addCounts(ours[0], theirs[0], "contracts due");
                ours[1] += theirs[1];
            }
            return this;
        }

        /** The renewal rates of the outcomes added so far. */
        public RenewalRate snapshot() {
            List<Entry> entries = new ArrayList<>();
            for (long period : periods.sortedKeys()) {
                long[] tally = periods.get(period);
                entries.add(new Entry(CalendarPeriod.ofNumber(granularity, period), Proportion.of(tally[1], tally[0])));
            }
            return new RenewalRate(granularity, Collections.unmodifiableList(entries));
        }
    }
}
