package org.loyaltymetrics.behavior;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.LongObjectMap;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;
import org.loyaltymetrics.time.CalendarPeriod;
import org.loyaltymetrics.time.Granularity;

/**
 * Customer complaints by category (theme) and by calendar period, from dated complaints with a
 * category and a severity level (the customer-experience metrics guide: the number and severity of complaints over
 * time and their common themes). Every cell is a {@link ComplaintCounts}; related to the customer base of a
 * period it gives complaints per 1,000 customers and the severity index ({@link ComplaintRate}), and
 * the change between two periods is {@code log.inPeriod(later).per(customersLater).differenceFrom(
 * log.inPeriod(earlier).per(customersEarlier))}.
 *
 * <p>The counts are exact sufficient statistics: logs of the same granularity and weights merge with
 * {@link #plus(ComplaintLog)}, accumulators with {@link Accumulator#combine(Accumulator)}.
 * {@link #toTable()} gives the grid of periods by categories.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ComplaintLog implements Tabular {

    private final Granularity granularity;
    private final SeverityWeights weights;
    /** Category → period → counts, both sorted. */
    private final SortedMap<String, SortedMap<CalendarPeriod, ComplaintCounts>> cells;

    private ComplaintLog(Granularity granularity, SeverityWeights weights,
            SortedMap<String, SortedMap<CalendarPeriod, ComplaintCounts>> cells) {
        this.granularity = granularity;
        this.weights = weights;
        this.cells = cells;
    }

    /** A new, empty accumulator of complaints per period of {@code granularity}, weighted by {@code weights}. */
    public static Accumulator accumulator(Granularity granularity, SeverityWeights weights) {
        return new Accumulator(granularity, weights);
    }

    /** A collector of complaints whose date, category and severity the functions read. */
    public static <T> Collector<T, ?, ComplaintLog> collector(Granularity granularity, SeverityWeights weights,
            Function<? super T, LocalDate> dateOf, Function<? super T, String> categoryOf,
            ToIntFunction<? super T> severityOf) {
        Checks.notNull(dateOf, "dateOf");
        Checks.notNull(categoryOf, "categoryOf");
        Checks.notNull(severityOf, "severityOf");
        return org.loyaltymetrics.Accumulator.collector(() -> new Accumulator(granularity, weights),
                (acc, t) -> acc.add(dateOf.apply(t), categoryOf.apply(t), severityOf.applyAsInt(t)));
    }

    /** The length of the periods. */
    public Granularity granularity() {
        return granularity;
    }

    /** The severity weights. */
    public SeverityWeights weights() {
        return weights;
    }

    /** All complaints. */
    public ComplaintCounts total() {
        return sum(null, null);
    }

    /** The complaints of each category, by category name. */
    public SortedMap<String, ComplaintCounts> byCategory() {
        SortedMap<String, ComplaintCounts> result = new TreeMap<>();
        cells.keySet().forEach(category -> result.put(category, sum(category, null)));
        return Collections.unmodifiableSortedMap(result);
    }

    /** The complaints of each period that received any, in time order. */
    public SortedMap<CalendarPeriod, ComplaintCounts> byPeriod() {
        SortedMap<CalendarPeriod, ComplaintCounts> result = new TreeMap<>();
        cells.values().forEach(periods -> periods.forEach((period, counts) -> result.merge(period, counts,
                ComplaintCounts::plus)));
        return Collections.unmodifiableSortedMap(result);
    }

    /**
     * The complaints of {@code period} (all categories); empty counts if it received none.
     *
     * @throws InvalidArgumentException if the period is not of the log's granularity
     */
    public ComplaintCounts inPeriod(CalendarPeriod period) {
        return sum(null, checkPeriod(period));
    }

    /**
     * The complaints of {@code category} in {@code period}; empty counts if there were none.
     *
     * @throws InvalidArgumentException if the period is not of the log's granularity
     */
    public ComplaintCounts get(String category, CalendarPeriod period) {
        return sum(Checks.notNull(category, "category"), checkPeriod(period));
    }

    /**
     * The log of the complaints of both: counts added cell by cell.
     *
     * @throws InvalidArgumentException if {@code other} has another granularity or other weights
     * @throws ArithmeticException if a count overflows
     */
    public ComplaintLog plus(ComplaintLog other) {
        Checks.notNull(other, "other");
        Checks.sameSetting(granularity, other.granularity, "other", "granularity");
        Checks.sameSetting(weights, other.weights, "other", "weights");
        SortedMap<String, SortedMap<CalendarPeriod, ComplaintCounts>> sum = new TreeMap<>();
        for (ComplaintLog log : new ComplaintLog[] {this, other}) {
            log.cells.forEach((category, periods) -> periods.forEach((period, counts) -> sum
                    .computeIfAbsent(category, k -> new TreeMap<>()).merge(period, counts, ComplaintCounts::plus)));
        }
        SortedMap<String, SortedMap<CalendarPeriod, ComplaintCounts>> result = new TreeMap<>();
        sum.forEach((category, periods) -> result.put(category, Collections.unmodifiableSortedMap(periods)));
        return new ComplaintLog(granularity, weights, Collections.unmodifiableSortedMap(result));
    }

    private CalendarPeriod checkPeriod(CalendarPeriod period) {
        Checks.notNull(period, "period");
        if (period.granularity() != granularity) {
            throw InvalidArgumentException.of("period", "a " + granularity + " period", period);
        }
        return period;
    }

    private ComplaintCounts sum(String category, CalendarPeriod period) {
        long[] counts = new long[weights.levels()];
        cells.forEach((c, periods) -> periods.forEach((p, cell) -> {
            if ((category == null || category.equals(c)) && (period == null || period.equals(p))) {
                ComplaintCounts.add(counts, cell.counts());
            }
        }));
        return new ComplaintCounts(weights, counts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComplaintLog && ((ComplaintLog) o).granularity == granularity
                && ((ComplaintLog) o).weights.equals(weights) && ((ComplaintLog) o).cells.equals(cells);
    }

    @Override
    public int hashCode() {
        return (31 * granularity.hashCode() + weights.hashCode()) * 31 + cells.hashCode();
    }

    /**
     * Reads, e.g., {@code "complaint log per MONTH: 6 complaints in 3 categories over 2 periods,
     * severity-weighted 10.00"}; {@link #toTable()} gives the grid.
     */
    @Override
    public String toString() {
        ComplaintCounts total = total();
        return "complaint log per " + granularity + ": " + total.complaints() + " complaints in " + cells.size()
                + " categories over " + byPeriod().size() + " periods, severity-weighted "
                + Formatting.decimal(total.weightedComplaints(), 2);
    }

    /**
     * The grid: one row per period that received complaints, with the complaints of each category, the
     * total and the severity-weighted total.
     */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().title("Complaints per " + granularity.name().toLowerCase(java.util.Locale.ROOT)
                + " and category").column("period");
        cells.keySet().forEach(table::numberColumn);
        table.numberColumn("total").numberColumn("weighted");
        byPeriod().forEach((period, counts) -> {
            Object[] row = new Object[cells.size() + 3];
            row[0] = period;
            int i = 1;
            for (String category : cells.keySet()) {
                row[i++] = get(category, period).complaints();
            }
            row[i++] = counts.complaints();
            row[i] = Formatting.decimal(counts.weightedComplaints(), 2);
            table.row(row);
        });
        return table.build();
    }

    /**
     * A mutable accumulator of complaints. A complaint of a category and period that already has one
     * allocates nothing; accumulators of the same granularity and weights combine exactly.
     *
     * <p>This class is not thread-safe: use one accumulator per thread and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, ComplaintLog> {

        private static final long serialVersionUID = 1L;

        private final Granularity granularity;
        private final SeverityWeights weights;
        private final Map<String, LongObjectMap<long[]>> cells = new HashMap<>();
        private long complaints;

        Accumulator(Granularity granularity, SeverityWeights weights) {
            this.granularity = Checks.notNull(granularity, "granularity");
            this.weights = Checks.notNull(weights, "weights");
        }

        /**
         * Adds a complaint of {@code category} and {@code severity} made on {@code date}.
         *
         * @throws InvalidArgumentException if the severity is not a level of the weights
         * @throws ArithmeticException if the count of complaints overflows (nothing is added)
         */
        public Accumulator add(LocalDate date, String category, int severity) {
            long period = granularity.periodNumber(Checks.notNull(date, "date"));
            Checks.notNull(category, "category");
            int level = weights.checkSeverity(severity);
            complaints = Checks.addCounts(complaints, 1, "complaints");
            cell(category, period)[level - 1]++;
            return this;
        }

        private long[] cell(String category, long period) {
            LongObjectMap<long[]> periods = cells.computeIfAbsent(category, k -> new LongObjectMap<>());
            long[] counts = periods.get(period);
            if (counts == null) {
                counts = new long[weights.levels()];
                periods.put(period, counts);
            }
            return counts;
        }

        /**
         * Adds every complaint of {@code other} ({@code other} is left unchanged).
         *
         * @throws InvalidArgumentException if {@code other} has another granularity or other weights
         * @throws ArithmeticException if the count of complaints overflows (nothing is added)
         */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            Checks.sameSetting(granularity, other.granularity, "other", "granularity");
            Checks.sameSetting(weights, other.weights, "other", "weights");
            complaints = Checks.addCounts(complaints, other.complaints, "complaints");
            other.cells.forEach((category, periods) -> {
                for (long period : periods.sortedKeys()) {
                    ComplaintCounts.add(cell(category, period), periods.get(period));
                }
            });
            return this;
        }

        /** The log of the complaints added so far. */
        @Override
        public ComplaintLog snapshot() {
            SortedMap<String, SortedMap<CalendarPeriod, ComplaintCounts>> result = new TreeMap<>();
            cells.forEach((category, periods) -> {
                SortedMap<CalendarPeriod, ComplaintCounts> row = new TreeMap<>();
                for (long period : periods.sortedKeys()) {
                    row.put(CalendarPeriod.ofNumber(granularity, period),
                            new ComplaintCounts(weights, periods.get(period)));
                }
                result.put(category, Collections.unmodifiableSortedMap(row));
            });
            return new ComplaintLog(granularity, weights, Collections.unmodifiableSortedMap(result));
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "behavior.ComplaintLog.Accumulator"}, version 1:
         * the granularity (its name, as a tag), the severity weights as {@link ComplaintCounts.Accumulator#binaryForm()}
         * writes them (levels, each level's weight), the number of complaints, the number of categories, then for
         * each category in the order of {@link String#compareTo}: its name (the number of its UTF-8 bytes, then
         * the bytes), the number of its periods, and for each period in ascending order its number (a zigzag
         * varint, as {@link Granularity#periodNumber} counts) and the complaints at each severity level (varints).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "behavior.ComplaintLog.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            BinaryFields.writeName(out, value.granularity);
            ComplaintCounts.Accumulator.writeWeights(out, value.weights);
            BinaryFields.writeCount(out, value.complaints);
            BinaryFields.writeCount(out, value.cells.size());
            for (String category : new TreeSet<>(value.cells.keySet())) {
                LongObjectMap<long[]> periods = value.cells.get(category);
                BinaryFields.writeString(out, category);
                BinaryFields.writeCount(out, periods.size());
                for (long period : periods.sortedKeys()) {
                    BinaryFields.writeSigned(out, period);
                    for (long count : periods.get(period)) {
                        BinaryFields.writeCount(out, count);
                    }
                }
            }
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Granularity granularity = BinaryFields.readName(in, Granularity.class);
            Accumulator read = new Accumulator(granularity, ComplaintCounts.Accumulator.readWeights(in));
            read.complaints = BinaryFields.readCount(in);
            int categories = BinaryFields.readLength(in, Integer.MAX_VALUE);
            String category = null;
            long total = 0;
            for (int c = 0; c < categories; c++) {
                String next = BinaryFields.readString(in);
                BinaryFields.checkField(category == null || next.compareTo(category) > 0,
                        "categories in ascending order, after \"" + category + "\"", "\"" + next + "\"");
                category = next;
                int periods = BinaryFields.readLength(in, Integer.MAX_VALUE);
                BinaryFields.checkField(periods >= 1, "at least 1 period of each category", periods);
                long period = 0;
                for (int k = 0; k < periods; k++) {
                    period = BinaryFields.readId(in, k, period);
                    CalendarPeriod.ofNumber(granularity, period); // a period of dates
                    long[] counts = read.cell(category, period);
                    for (int level = 0; level < counts.length; level++) {
                        counts[level] = BinaryFields.readCount(in);
                    }
                    long cell = BinaryFields.sum(counts);
                    BinaryFields.checkField(cell > 0, "at least 1 complaint in each period of a category", cell);
                    total = Checks.addCounts(total, cell, "complaints");
                }
            }
            BinaryFields.checkField(total == read.complaints, "complaints that sum to " + read.complaints, total);
            return read;
        }

        /** Reads, e.g., {@code "ComplaintLog.Accumulator: 6 complaints in 3 categories per MONTH"}. */
        @Override
        public String toString() {
            return "ComplaintLog.Accumulator: " + complaints + " complaints in " + cells.size() + " categories per "
                    + granularity;
        }
    }
}
