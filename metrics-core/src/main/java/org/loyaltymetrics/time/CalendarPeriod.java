package org.loyaltymetrics.time;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One calendar period: a day, an ISO week, a month, a quarter or a year, such as {@code 2025-03}.
 * A period runs from its {@link #start()} (inclusive) to its {@link #end()} (exclusive), the start of
 * the next period.
 *
 * <p>This class is immutable and thread-safe. Periods order by granularity, then in time.
 */
public final class CalendarPeriod implements Comparable<CalendarPeriod> {

    private final Granularity granularity;
    private final long number;

    private CalendarPeriod(Granularity granularity, long number) {
        this.granularity = granularity;
        this.number = number;
        granularity.startOf(number); // fails for periods outside the range of LocalDate
    }

    /** The period of {@code granularity} that contains {@code date}. */
    public static CalendarPeriod of(Granularity granularity, LocalDate date) {
        Objects.requireNonNull(granularity, "granularity must not be null");
        Objects.requireNonNull(date, "date must not be null");
        return new CalendarPeriod(granularity, granularity.periodNumber(date));
    }

    /** The period numbered {@code number} (see {@link Granularity#periodNumber(LocalDate)}). */
    public static CalendarPeriod ofNumber(Granularity granularity, long number) {
        Objects.requireNonNull(granularity, "granularity must not be null");
        return new CalendarPeriod(granularity, number);
    }

    /** The granularity of this period. */
    public Granularity granularity() {
        return granularity;
    }

    /** The period number (see {@link Granularity#periodNumber(LocalDate)}). */
    public long number() {
        return number;
    }

    /** The first day of the period. */
    public LocalDate start() {
        return granularity.startOf(number);
    }

    /** The first day after the period: the start of the next period. */
    public LocalDate end() {
        return granularity.startOf(number + 1);
    }

    /** Whether {@code start() <= date < end()}. */
    public boolean contains(LocalDate date) {
        return granularity.periodNumber(date) == number;
    }

    /** The period {@code periods} later (earlier when negative). */
    public CalendarPeriod plus(long periods) {
        return new CalendarPeriod(granularity, Math.addExact(number, periods));
    }

    /** The next period. */
    public CalendarPeriod next() {
        return plus(1);
    }

    /** The previous period. */
    public CalendarPeriod previous() {
        return plus(-1);
    }

    /**
     * The number of periods from this one to {@code other}, of the same granularity: 0 for the same
     * period, 1 for the next.
     */
    public long until(CalendarPeriod other) {
        Objects.requireNonNull(other, "other must not be null");
        if (other.granularity != granularity) {
            throw new IllegalArgumentException("other must have granularity " + granularity + ", was "
                    + other.granularity);
        }
        return Math.subtractExact(other.number, number);
    }

    @Override
    public int compareTo(CalendarPeriod other) {
        int byGranularity = granularity.compareTo(other.granularity);
        return byGranularity != 0 ? byGranularity : Long.compare(number, other.number);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CalendarPeriod && ((CalendarPeriod) o).granularity == granularity
                && ((CalendarPeriod) o).number == number;
    }

    @Override
    public int hashCode() {
        return 31 * granularity.hashCode() + Long.hashCode(number);
    }

    /** The period's label: {@code 2025-03-14}, {@code 2025-W11}, {@code 2025-03}, {@code 2025-Q1}, {@code 2025}. */
    @Override
    public String toString() {
        return granularity.label(number);
    }
}
