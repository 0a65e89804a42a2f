package org.loyaltymetrics.retention;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collector;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.TextTable;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Proportion;
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
 * <p>This class is immutable and thread-safe.
 */
public final class ChurnSeries {

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

        /** The churn rate of the period (L of S). */
        public Proportion churn() {
            return counts.churn();
        }

        /** The customers at the start still customers at the end ((S − L) of S). */
        public Proportion retained() {
            return counts.retained();
        }
    }

    /** The most periods one series may span. */
    public static final int MAX_PERIODS = 10_000_000;

    private final Granularity granularity;
    private final List<Entry> entries;

    private ChurnSeries(Granularity granularity, List<Entry> entries) {
        this.granularity = granularity;
        this.entries = entries;
    }

    /**
     * A new, empty accumulator for the whole periods of {@code granularity} from the one that holds
     * {@code from} to the one that holds the day before {@code to}.
     *
     * @throws IllegalArgumentException unless {@code from} is before {@code to}, or if the range
     *     spans more than {@value #MAX_PERIODS} periods
     */
    public static Accumulator accumulator(Granularity granularity, LocalDate from, LocalDate to) {
        return new Accumulator(granularity, from, to);
    }

    /** A collector of customer records, reading each record's start and end (null while a customer). */
    public static <T> Collector<T, ?, ChurnSeries> collector(Granularity granularity, LocalDate from, LocalDate to,
            Function<? super T, LocalDate> startOf, Function<? super T, LocalDate> endOf) {
        Checks.notNull(startOf, "startOf");
        Checks.notNull(endOf, "endOf");
        accumulator(granularity, from, to); // validates the range now rather than in the stream
        return Collector.of(() -> new Accumulator(granularity, from, to),
                (acc, t) -> acc.add(startOf.apply(t), endOf.apply(t)), Accumulator::combine, Accumulator::snapshot,
                Collector.Characteristics.UNORDERED);
    }

    /** The length of the periods. */
    public Granularity granularity() {
        return granularity;
    }

    /** Every period of the range, in time order. */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The entry of {@code period}.
     *
     * @throws IllegalArgumentException if the period is not in the series
     */
    public Entry get(CalendarPeriod period) {
        Checks.notNull(period, "period");
        if (period.granularity() == granularity && !entries.isEmpty()) {
            long index = entries.get(0).period().until(period);
            if (index >= 0 && index < entries.size()) {
                return entries.get((int) index);
            }
        }
        throw new IllegalArgumentException("period must be one of " + entries.get(0).period() + " to "
                + entries.get(entries.size() - 1).period() + ", was " + period);
    }

    /**
     * Tests the change in churn (default definition) from {@code earlier} to {@code later}: the
     * pooled two-proportion z test of later minus earlier.
     *
     * @throws org.loyaltymetrics.UndefinedResultException if either period had no customers at
     *     its start or both churn rates are 0 or both 1
     */
    public DifferenceTest churnChange(CalendarPeriod earlier, CalendarPeriod later) {
        return get(later).churn().differenceFrom(get(earlier).churn());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChurnSeries && ((ChurnSeries) o).granularity == granularity
                && ((ChurnSeries) o).entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return 31 * granularity.hashCode() + entries.hashCode();
    }

    /** A grid: period, S, N, L, new lost, E, churn with its 95 % Wilson interval, retention (E − N) / S. */
    @Override
    public String toString() {
        TextTable table = new TextTable("period", "start", "new", "lost", "new lost", "end", "churn", "95% low",
                "95% high", "retention");
        for (Entry entry : entries) {
            CustomerCounts c = entry.counts();
            Proportion churn = c.churn();
            table.row(entry.period(), c.customersAtStart(), c.newCustomers(), c.lostCustomers(), c.newCustomersLost(),
                    c.customersAtEnd(), TextTable.figure(churn::value),
                    TextTable.figure(() -> interval(churn).low()), TextTable.figure(() -> interval(churn).high()),
                    TextTable.figure(c::retentionRate));
        }
        return table.toString();
    }

    private static ConfidenceInterval interval(Proportion proportion) {
        return proportion.confidenceInterval(0.95);
    }

    /**
     * A mutable accumulator of customer records over a range of periods. Adding a record is O(1) and
     * allocates nothing; accumulators of the same range combine exactly. Not thread-safe: use one per
     * thread and combine them.
     */
    public static final class Accumulator implements Serializable {

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
                throw new IllegalArgumentException("to must be after from " + from + ", was " + to);
            }
            this.firstPeriod = granularity.periodNumber(from);
            long count = granularity.periodNumberOfEpochDay(to.toEpochDay() - 1) - firstPeriod + 1;
            if (count > MAX_PERIODS) {
                throw new IllegalArgumentException("the range " + from + " to " + to + " must span at most "
                        + MAX_PERIODS + " periods of " + granularity + ", spans " + count);
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
         * @throws IllegalArgumentException if {@code end} is before {@code start}
         */
        public Accumulator add(LocalDate start, LocalDate end) {
            Checks.notNull(start, "start");
            long startDay = start.toEpochDay();
            if (end != null && end.toEpochDay() < startDay) {
                throw new IllegalArgumentException("end must not be before start " + start + ", was " + end);
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
         * @throws IllegalArgumentException if {@code other} covers another range or granularity
         */
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            if (other.granularity != granularity || other.firstPeriod != firstPeriod || other.periods != periods) {
                throw new IllegalArgumentException("other must cover the same " + periods + " periods of " + granularity
                        + " from " + granularity.label(firstPeriod));
            }
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

        /** The series of the records added so far. */
        public ChurnSeries snapshot() {
            List<Entry> entries = new ArrayList<>(periods);
            long atBoundary = 0;
            for (int k = 0; k < periods; k++) {
                atBoundary += boundaryDifferences[k];
                entries.add(new Entry(CalendarPeriod.ofNumber(granularity, firstPeriod + k),
                        CustomerCounts.ofCounts(atBoundary, newCustomers[k], lost[k], newLost[k])));
            }
            return new ChurnSeries(granularity, Collections.unmodifiableList(entries));
        }
    }
}
