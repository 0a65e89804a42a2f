package org.loyaltymetrics.retention;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.LongObjectMap;
import org.loyaltymetrics.stats.Proportion;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;
import org.loyaltymetrics.time.CalendarPeriod;
import org.loyaltymetrics.time.Granularity;

/**
 * The renewal (repurchase) rate of contracts: of the contracts that came up for renewal in a period,
 * the share that were renewed (the telecom KPI guide: the telecom customers who keep their subscription after
 * the initial contract instead of cancelling). Computed per calendar period of the renewal due date
 * and overall, each a {@link Proportion} with its Wilson interval; the change between two periods is
 * {@code rate.get(later).differenceFrom(rate.get(earlier))}, the pooled two-proportion z test. Rates
 * of two sets of contracts add up exactly ({@link #plus(RenewalRate)}). It prints one line;
 * {@link #toTable()} gives the grid.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param granularity the length of the periods
 * @param entries the periods in which contracts came up for renewal, in time order
 */
public record RenewalRate(Granularity granularity, List<Entry> entries) implements Tabular {

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

    /**
     * Validates the components and copies the entries.
     *
     * @throws InvalidArgumentException unless the entries are periods of {@code granularity} in
     *     increasing order
     */
    public RenewalRate {
        Checks.notNull(granularity, "granularity");
        entries = List.copyOf(Checks.notNull(entries, "entries"));
        Records.requireIncreasing(granularity, entries, Entry::period, "entries", "period");
    }

    /** A new, empty accumulator of renewal outcomes per period of {@code granularity}. */
    public static Accumulator accumulator(Granularity granularity) {
        return new Accumulator(granularity);
    }

    /** A collector of contracts, reading each one's renewal due date and whether it was renewed. */
    public static <T> Collector<T, ?, RenewalRate> collector(Granularity granularity,
            Function<? super T, LocalDate> dueDateOf, Predicate<? super T> renewed) {
        Checks.notNull(dueDateOf, "dueDateOf");
        Checks.notNull(renewed, "renewed");
        return org.loyaltymetrics.Accumulator.collector(() -> new Accumulator(granularity),
                (acc, t) -> acc.add(dueDateOf.apply(t), renewed.test(t)));
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
     * @throws InvalidArgumentException if no contract came up for renewal in the period
     */
    public Proportion get(CalendarPeriod period) {
        Checks.notNull(period, "period");
        for (Entry entry : entries) {
            if (entry.period().equals(period)) {
                return entry.renewed();
            }
        }
        throw InvalidArgumentException.of("period", "one with contracts due for renewal", period);
    }

    /**
     * The renewal rates of both sets of contracts together: per period, contracts due and renewed
     * added. Exact, since each contract counts once in its period.
     *
     * @throws InvalidArgumentException if {@code other} has another granularity
     * @throws ArithmeticException if a count overflows
     */
    public RenewalRate plus(RenewalRate other) {
        Checks.notNull(other, "other");
        Checks.sameSetting(granularity, other.granularity, "other", "granularity");
        List<Entry> sum = new ArrayList<>(entries.size() + other.entries.size());
        int i = 0;
        int j = 0;
        while (i < entries.size() || j < other.entries.size()) {
            int order = i == entries.size() ? 1 : j == other.entries.size() ? -1
                    : Long.signum(other.entries.get(j).period().until(entries.get(i).period()));
            if (order < 0) {
                sum.add(entries.get(i++));
            } else if (order > 0) {
                sum.add(other.entries.get(j++));
            } else {
                sum.add(new Entry(entries.get(i).period(), entries.get(i++).renewed().plus(other.entries.get(j++).renewed())));
            }
        }
        return new RenewalRate(granularity, sum);
    }

    /** Reads, e.g., {@code "RenewalRate by MONTH: 4/6 (66.67%) over 2 periods"}. */
    @Override
    public String toString() {
        return "RenewalRate by " + granularity + ": " + overall() + " over " + entries.size() + " periods";
    }

    /** A grid: period, contracts due, renewed, renewal rate and its 95 % Wilson interval. */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().column("period").numberColumn("due").numberColumn("renewed")
                .numberColumn("rate").numberColumn("95% low").numberColumn("95% high");
        for (Entry entry : entries) {
            Proportion renewed = entry.renewed();
            table.row(entry.period(), renewed.trials(), renewed.successes(), Formatting.decimal(renewed.value(), 4),
                    Formatting.decimal(renewed.confidenceInterval(0.95).low(), 4),
                    Formatting.decimal(renewed.confidenceInterval(0.95).high(), 4));
        }
        return table.build();
    }

    /**
     * A mutable accumulator of renewal outcomes. Adding an outcome in a period already seen allocates
     * nothing; accumulators combine exactly. This class is not thread-safe: use one per thread and
     * combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, RenewalRate> {

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
            return periods.computeIfAbsent(period, p -> new long[2]);
        }

        /**
         * Adds every outcome of {@code other}.
         *
         * @throws InvalidArgumentException if {@code other} has another granularity
         */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            Checks.sameSetting(granularity, other.granularity, "other", "granularity");
            for (long period : other.periods.sortedKeys()) {
                long[] theirs = other.periods.get(period);
                long[] ours = tallyOf(period);
                ours[0] = Checks.addCounts(ours[0], theirs[0], "contracts due");
                ours[1] += theirs[1];
            }
            return this;
        }

        /** The renewal rates of the outcomes added so far. */
        @Override
        public RenewalRate snapshot() {
            List<Entry> entries = new ArrayList<>();
            for (long period : periods.sortedKeys()) {
                long[] tally = periods.get(period);
                entries.add(new Entry(CalendarPeriod.ofNumber(granularity, period), Proportion.of(tally[1], tally[0])));
            }
            return new RenewalRate(granularity, entries);
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "retention.RenewalRate.Accumulator"}, version 1:
         * the granularity (its name, as a tag), the number of periods with contracts due, then for each period in
         * ascending order: its number (a zigzag varint, as {@link Granularity#periodNumber} counts), the contracts
         * due and those renewed (varints).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "retention.RenewalRate.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            BinaryFields.writeName(out, value.granularity);
            BinaryFields.writeCount(out, value.periods.size());
            for (long period : value.periods.sortedKeys()) {
                long[] tally = value.periods.get(period);
                BinaryFields.writeSigned(out, period);
                BinaryFields.writeCount(out, tally[0]);
                BinaryFields.writeCount(out, tally[1]);
            }
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Granularity granularity = BinaryFields.readName(in, Granularity.class);
            Accumulator read = new Accumulator(granularity);
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            long period = 0;
            for (int i = 0; i < n; i++) {
                period = BinaryFields.readId(in, i, period);
                CalendarPeriod.ofNumber(granularity, period); // a period of dates
                long[] tally = read.tallyOf(period);
                tally[0] = BinaryFields.readCount(in);
                tally[1] = BinaryFields.readCount(in);
                BinaryFields.checkField(tally[0] >= 1 && tally[1] <= tally[0],
                        "contracts due >= 1 and renewals within them", tally[1] + " of " + tally[0]);
            }
            return read;
        }

        /** Reads, e.g., {@code "RenewalRate.Accumulator by MONTH: 6 contracts due in 2 periods"}. */
        @Override
        public String toString() {
            long due = 0;
            for (long period : periods.sortedKeys()) {
                due += periods.get(period)[0];
            }
            return "RenewalRate.Accumulator by " + granularity + ": " + due + " contracts due in " + periods.size()
                    + " periods";
        }
    }
}
