package org.loyaltymetrics.time;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * The length of a calendar period used to group dated records: a day, an ISO week (Monday to
 * Sunday), a calendar month, a calendar quarter or a calendar year.
 *
 * <p>Each period of a granularity has a period number, consecutive periods having consecutive
 * numbers, so that grouping by period needs no allocation per record:
 * {@link #periodNumber(LocalDate)} maps a date to its period and {@link #startOf(long)} maps back.
 */
public enum Granularity {

    /** One calendar day; labelled {@code 2025-03-14}. */
    DAY,
    /** One ISO-8601 week, Monday to Sunday; labelled by its week-based year, {@code 2025-W11}. */
    WEEK,
    /** One calendar month; labelled {@code 2025-03}. */
    MONTH,
    /** One calendar quarter (January–March is Q1); labelled {@code 2025-Q1}. */
    QUARTER,
    /** One calendar year; labelled {@code 2025}. */
    YEAR;

    /** 1970-01-01 was a Thursday: the Monday of its week is epoch day −3. */
    private static final long EPOCH_MONDAY_OFFSET = 3;

    /**
     * The number of the period that contains {@code date}: the epoch day, the number of Monday-based
     * weeks since the week of 1970-01-01, year × 12 + month − 1, year × 4 + quarter − 1, or the year.
     */
    public long periodNumber(LocalDate date) {
        if (date == null) {
            throw new NullPointerException("date must not be null");
        }
        switch (this) {
            case DAY:
                return date.toEpochDay();
            case WEEK:
                return Math.floorDiv(date.toEpochDay() + EPOCH_MONDAY_OFFSET, 7);
            case MONTH:
                return date.getYear() * 12L + date.getMonthValue() - 1;
            case QUARTER:
                return date.getYear() * 4L + (date.getMonthValue() - 1) / 3;
            default:
                return date.getYear();
        }
    }

    /**
     * The number of the period that contains the day {@code epochDay} (days since 1970-01-01), the
     * same as {@link #periodNumber(LocalDate)} of {@code LocalDate.ofEpochDay(epochDay)} without
     * creating the date: the civil year and month are computed from the day count with the
     * proleptic Gregorian calendar's 400-year cycle of 146,097 days.
     */
    public long periodNumberOfEpochDay(long epochDay) {
        switch (this) {
            case DAY:
                return epochDay;
            case WEEK:
                return Math.floorDiv(epochDay + EPOCH_MONDAY_OFFSET, 7);
            default:
                // Days counted from 0000-03-01, so that the leap day ends each year of the cycle.
                long days = epochDay + 719_468;
                long era = Math.floorDiv(days, 146_097);
                long dayOfEra = days - era * 146_097;
                long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
                long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
                long marchBasedMonth = (5 * dayOfYear + 2) / 153;
                long month = marchBasedMonth < 10 ? marchBasedMonth + 3 : marchBasedMonth - 9;
                long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
                if (this == MONTH) {
                    return year * 12 + month - 1;
                }
                return this == QUARTER ? year * 4 + (month - 1) / 3 : year;
        }
    }

    /**
     * The first day of the period numbered {@code periodNumber}.
     *
     * @throws java.time.DateTimeException if the period lies outside the range of {@link LocalDate}
     */
    public LocalDate startOf(long periodNumber) {
        switch (this) {
            case DAY:
                return LocalDate.ofEpochDay(periodNumber);
            case WEEK:
                return LocalDate.ofEpochDay(Math.multiplyExact(periodNumber, 7L) - EPOCH_MONDAY_OFFSET);
            case MONTH:
                return LocalDate.of(Math.toIntExact(Math.floorDiv(periodNumber, 12L)),
                        (int) Math.floorMod(periodNumber, 12L) + 1, 1);
            case QUARTER:
                return LocalDate.of(Math.toIntExact(Math.floorDiv(periodNumber, 4L)),
                        3 * (int) Math.floorMod(periodNumber, 4L) + 1, 1);
            default:
                return LocalDate.of(Math.toIntExact(periodNumber), 1, 1);
        }
    }

    /** The first day of the period that contains {@code date}. */
    public LocalDate startOf(LocalDate date) {
        return startOf(periodNumber(date));
    }

    /** The label of the period numbered {@code periodNumber}, e.g. {@code 2025-03} for a month. */
    public String label(long periodNumber) {
        LocalDate start = startOf(periodNumber);
        switch (this) {
            case DAY:
                return start.toString();
            case WEEK:
                return String.format(Locale.ROOT, "%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
                        start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH:
                return String.format(Locale.ROOT, "%d-%02d", start.getYear(), start.getMonthValue());
            case QUARTER:
                return start.getYear() + "-Q" + (Math.floorMod(periodNumber, 4L) + 1);
            default:
                return Integer.toString(start.getYear());
        }
    }

}
