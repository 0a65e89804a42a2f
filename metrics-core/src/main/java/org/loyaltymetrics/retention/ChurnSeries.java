package org.loyaltymetrics.retention;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;
import org.loyaltymetrics.time.CalendarPeriod;
import org.loyaltymetrics.time.Granularity;

/**
 * Customer counts, churn and retention per calendar period (day, ISO week, month, quarter or year)
 * across a range of whole periods, computed in one pass over customer records in any order.
 *
 * <p>Each record costs O(1) whatever the number of periods it spans: the accumulator keeps, per
 * period, the number of new customers, of customers lost and of new customers lost, and a difference
 * array of the customers at each period boundary. The date conventions are those of the package: a
 * customer is at a boundary b when start &lt; b &lt; end.
 *
 * <p>The change between two periods is {@code later.churnRate().differenceFrom(earlier.churnRate())} on
 * their {@link Entry entries}. Series of the same range from two sets of records add up exactly
 * ({@link #plus(ChurnSeries)}). A series prints one line; {@link #toTable()} gives the grid.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param granularity the length of the periods
 * @param entries every period of the range, consecutive and in time order
 */
public record ChurnSeries(Granularity granularity, List<Entry> entries) implements Tabular {

    /**
     * One period of the series.
     *
     * @param period the calendar period
     * @param counts its customer counts
     */
    public record Entry(CalendarPeriod period, CustomerCounts counts) {

        /** Validates the components. */
        public Entry {
            Checks.notNull(period, "period");
            Checks.notNull(counts, "counts");
        }

        /** The churn rate of the period under the default definition (L of S). */
        public ChurnRate churnRate() {
            return counts.churnRate();
        }

        /** The retention rate of the period under the default definition ((E − N) / S). */
        public RetentionRate retentionRate() {
            return counts.retentionRate();
        }
    }

    /** The most periods one series may span. */
    public static final int MAX_PERIODS = 10_000_000;

    /**
     * Validates the components and copies the entries.
     *
     * @throws InvalidArgumentException unless the entries are one or more consecutive periods of
     *     {@code granularity}
     */
    public ChurnSeries {
        Checks.notNull(granularity, "granularity");
        entries = List.copyOf(Checks.notNull(entries, "entries"));
        if (entries.isEmpty()) {
            throw InvalidArgumentException.of("entries", "one or more periods", "none");
        }
        CalendarPeriod first = entries.get(0).period();
        for (int k = 0; k < entries.size(); k++) {
            CalendarPeriod period = entries.get(k).period();
            if (period.granularity() != granularity || first.until(period) != k) {
                throw InvalidArgumentException.of("entries", "consecutive periods of " + granularity + " from " + first,
                        "period " + period + " at " + k);
            }
        }
    }

    /**
     * A new, empty accumulator for the whole periods of {@code granularity} from the one that holds
     * {@code from} to the one that holds the day before {@code to}.
     *
     * @throws InvalidArgumentException unless {@code from} is before {@code to}, or if the range
     *     spans more than {@value #MAX_PERIODS} periods
     */
    public static Accumulator accumulator(Granularity granularity, LocalDate from, LocalDate to) {
        return new Accumulator(granularity, from, to);
    }

    /**
     * A collector of customer records, reading each record's start and end (null while a customer).
     *
     * @throws InvalidArgumentException unless {@code from} is before {@code to}, or if the range
     *     spans more than {@value #MAX_PERIODS} periods
     */
    public static <T> Collector<T, ?, ChurnSeries> collector(Granularity granularity, LocalDate from, LocalDate to,
            Function<? super T, LocalDate> startOf, Function<? super T, LocalDate> endOf) {
        return Records.collector(() -> new Accumulator(granularity, from, to), Accumulator::add, startOf, endOf);
    }

    /**
     * The entry of {@code period}.
     *
     * @throws InvalidArgumentException if the period is not in the series
     */
    public Entry get(CalendarPeriod period) {
        Checks.notNull(period, "period");
        if (period.granularity() == granularity && !entries.isEmpty()) {
            long index = entries.get(0).period().until(period);
            if (index >= 0 && index < entries.size()) {
                return entries.get((int) index);
            }
        }
        throw InvalidArgumentException.of("period", "one of " + entries.get(0).period() + " to "
                + entries.get(entries.size() - 1).period(), period);
    }

    /**
     * The series of both sets of records together: the counts of each period added. Exact when both
     * series cover the same periods, over different records.
     *
     * @throws InvalidArgumentException if {@code other} covers other periods
     * @throws ArithmeticException if a count overflows
     */
    public ChurnSeries plus(ChurnSeries other) {
        Checks.notNull(other, "other");
        Checks.sameSetting(range(), other.range(), "other", "range");
        List<Entry> sum = new ArrayList<>(entries.size());
        for (int k = 0; k < entries.size(); k++) {
            sum.add(new Entry(entries.get(k).period(), entries.get(k).counts().plus(other.entries.get(k).counts())));
        }
        return new ChurnSeries(granularity, sum);
    }

    private String range() {
        return entries.size() + " " + granularity + " periods from " + entries.get(0).period();
    }

    /** Reads, e.g., {@code "ChurnSeries: 2 QUARTER periods from 2025-Q1 to 2025-Q2"}. */
    @Override
    public String toString() {
        return "ChurnSeries: " + entries.size() + " " + granularity + " periods from " + entries.get(0).period() + " to "
                + entries.get(entries.size() - 1).period();
    }

    /**
     * A grid: period, S, N, L, new lost, E, the churn rate (L / S) with its 95 % Wilson interval, and
     * the retention rate (E − N) / S; a rate of a period without customers at the start is undefined.
     */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().column("period").numberColumn("start").numberColumn("new")
                .numberColumn("lost").numberColumn("new lost").numberColumn("end").numberColumn("churn")
                .numberColumn("95% low").numberColumn("95% high").numberColumn("retention");
        for (Entry entry : entries) {
            CustomerCounts c = entry.counts();
            ChurnRate churn = c.churnRate();
            ConfidenceInterval interval = churn.isEmpty() ? null : churn.confidenceInterval(0.95);
            table.row(entry.period(), c.customersAtStart(), c.newCustomers(), c.lostCustomers(), c.newCustomersLost(),
                    c.customersAtEnd(), churn.isEmpty() ? null : Formatting.decimal(churn.value(), 4),
                    interval == null ? null : Formatting.decimal(interval.low(), 4),
                    interval == null ? null : Formatting.decimal(interval.high(), 4),
                    churn.isEmpty() ? null : Formatting.decimal(c.retentionRate().value(), 4));
        }
        return table.build();
    }

    /**
     * A mutable accumulator of customer records over a range of periods. Adding a record is O(1) and
     * allocates nothing; accumulators of the same range combine exactly. This class is not
     * thread-safe: use one per thread and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, ChurnSeries> {

        private static final long serialVersionUID = 1L;

        private final Granularity granularity;
        private final long firstPeriod;
        private final int periods;
        /** Boundary k is the start of period k; boundary {@code periods} is the end of the range. */
        private final long[] boundaryDifferences;
        private final long[] newCustomers;
        private final long[] lost;
        private final long[] newLost;

        Accumulator(Granularity granularity, LocalDate from, LocalDate to) {
            this.granularity = Checks.notNull(granularity, "granularity");
            Checks.notNull(from, "from");
            Checks.notNull(to, "to");
            if (!from.isBefore(to)) {
                throw InvalidArgumentException.of("to", "after from " + from, to);
            }
            this.firstPeriod = granularity.periodNumber(from);
            long count = granularity.periodNumberOfEpochDay(to.toEpochDay() - 1) - firstPeriod + 1;
            if (count > MAX_PERIODS) {
                throw InvalidArgumentException.of("to", "at most " + MAX_PERIODS + " periods of " + granularity
                        + " after from " + from, to + " (" + count + " periods)");
            }
            this.periods = (int) count;
            this.boundaryDifferences = new long[periods + 2];
            this.newCustomers = new long[periods];
            this.lost = new long[periods];
            this.newLost = new long[periods];
        }

        /**
         * Adds one customer record: the first day as a customer and the first day no longer a customer
         * ({@code null} while still a customer).
         *
         * @throws InvalidArgumentException if {@code end} is before {@code start}
         */
        public Accumulator add(LocalDate start, LocalDate end) {
            Checks.notNull(start, "start");
            long startDay = start.toEpochDay();
            if (end != null && end.toEpochDay() < startDay) {
                throw CustomerCounts.endBeforeStart(start, end);
            }
            // The period whose start boundary the record crosses first: the one after its start's.
            long startIndex = granularity.periodNumber(start) - firstPeriod;
            if (startIndex >= periods) {
                return this; // starts after the range
            }
            // The period in which the record's loss is counted: the one holding the day before its end,
            // or its start's period for a customer who left on the day they joined.
            long endIndex = end == null ? periods
                    : Math.max(startIndex, granularity.periodNumberOfEpochDay(end.toEpochDay() - 1) - firstPeriod);
            long firstBoundary = Math.max(startIndex + 1, 0);
            long lastBoundary = Math.min(endIndex, periods);
            if (firstBoundary <= lastBoundary) {
                boundaryDifferences[(int) firstBoundary]++;
                boundaryDifferences[(int) lastBoundary + 1]--;
            }
            if (startIndex >= 0) {
                newCustomers[(int) startIndex]++;
                if (endIndex == startIndex) {
                    newLost[(int) startIndex]++;
                }
            }
            if (endIndex > startIndex && endIndex >= 0 && endIndex < periods) {
                lost[(int) endIndex]++;
            }
            return this;
        }

        /**
         * Adds every record of {@code other} ({@code other} is left unchanged).
         *
         * @throws InvalidArgumentException if {@code other} covers another range or granularity
         */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            Checks.sameSetting(range(), other.range(), "other", "range");
            for (int k = 0; k < boundaryDifferences.length; k++) {
                boundaryDifferences[k] += other.boundaryDifferences[k];
            }
            for (int k = 0; k < periods; k++) {
                newCustomers[k] = Checks.addCounts(newCustomers[k], other.newCustomers[k], "newCustomers");
                lost[k] += other.lost[k];
                newLost[k] += other.newLost[k];
            }
            return this;
        }

        private String range() {
            return periods + " " + granularity + " periods from " + granularity.label(firstPeriod);
        }

        /** The series of the records added so far. */
        @Override
        public ChurnSeries snapshot() {
            List<Entry> entries = new ArrayList<>(periods);
            long atBoundary = 0;
            for (int k = 0; k < periods; k++) {
                atBoundary += boundaryDifferences[k];
                entries.add(new Entry(CalendarPeriod.ofNumber(granularity, firstPeriod + k),
                        CustomerCounts.ofCounts(atBoundary, newCustomers[k], lost[k], newLost[k])));
            }
            return new ChurnSeries(granularity, entries);
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "retention.ChurnSeries.Accumulator"}, version 1: the granularity (its name, as a tag), the
         * number of its first period (zigzag varint) and the number of periods n (varint); then the n + 2
         * differences of the customers counted at each period boundary (zigzag varints), and the n new
         * customers, n customers lost and n new customers lost (varints).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "retention.ChurnSeries.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            BinaryFields.writeName(out, value.granularity);
            BinaryFields.writeSigned(out, value.firstPeriod);
            BinaryFields.writeCount(out, value.periods);
            for (long difference : value.boundaryDifferences) {
                BinaryFields.writeSigned(out, difference);
            }
            for (int k = 0; k < value.periods; k++) {
                BinaryFields.writeCount(out, value.newCustomers[k]);
                BinaryFields.writeCount(out, value.lost[k]);
                BinaryFields.writeCount(out, value.newLost[k]);
            }
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Granularity granularity = BinaryFields.readName(in, Granularity.class);
            long first = BinaryFields.readSigned(in);
            int periods = BinaryFields.readLength(in, MAX_PERIODS);
            BinaryFields.checkField(periods >= 1, "at least 1 period", periods);
            Accumulator read = new Accumulator(granularity, granularity.startOf(first), granularity.startOf(first + periods));
            BinaryFields.checkField(read.firstPeriod == first && read.periods == periods, "whole periods", granularity);
            for (int k = 0; k < read.boundaryDifferences.length; k++) {
                read.boundaryDifferences[k] = BinaryFields.readSigned(in);
            }
            for (int k = 0; k < periods; k++) {
                read.newCustomers[k] = BinaryFields.readCount(in);
                read.lost[k] = BinaryFields.readCount(in);
                read.newLost[k] = BinaryFields.readCount(in);
            }
            return read;
        }

        /** Reads, e.g., {@code "ChurnSeries.Accumulator: 24 MONTH periods from 2023-01, 1000 new customers"}. */
        @Override
        public String toString() {
            long added = 0;
            for (long count : newCustomers) {
                added += count;
            }
            return "ChurnSeries.Accumulator: " + range() + ", " + added + " new customers";
        }
    }
}
