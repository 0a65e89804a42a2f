package org.loyaltymetrics.examples.cli;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.chrono.IsoEra;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The dates of a {@code --date-format} pattern, read as the pattern's java.time formatter reads them.
 *
 * <p>The common layouts, a four-digit year ({@code yyyy} or {@code uuuu}), a two-digit month ({@code MM})
 * and a two-digit day ({@code dd}) in any order, with one separator ({@code -}, {@code /} or {@code .})
 * between them or none ({@code yyyyMMdd}, {@code dd/MM/yyyy}, {@code MM.dd.uuuu}, ...), read a date
 * written in full without the formatter: every field all ASCII digits, the separators where the pattern
 * has them, a month of 1 to 12, a day of that month and, for {@code yyyy} (the year of the era), a year
 * from 1. The formatter reads such text to the same date. Any other text, valid or not (a longer year, a
 * sign, a year-of-era 0), goes to the formatter.
 *
 * <p>The formatter resolves strictly ({@link ResolverStyle#STRICT}): a date that does not exist, such as
 * 19970231 in {@code yyyyMMdd}, is refused (java.time's default, smart resolution, would read it as the
 * month's last day, a silent wrong date). A year of the era ({@code yyyy}) is taken in the current era
 * unless the pattern has one ({@code G}), as the default resolution does.
 */
final class DatePattern {

    private static final Pattern COMMON =
            Pattern.compile("(yyyy|uuuu|MM|dd)([-/.]?)(yyyy|uuuu|MM|dd)\\2(yyyy|uuuu|MM|dd)");

    private final String pattern;
    private final DateTimeFormatter formatter;
    private final boolean common;
    private final int yearAt;
    private final int monthAt;
    private final int dayAt;
    private final int firstYear;
    private final int[] separatorsAt;

    private DatePattern(String pattern, DateTimeFormatter formatter) {
        this.pattern = pattern;
        this.formatter = formatter;
        yearAt = Math.max(pattern.indexOf("yyyy"), pattern.indexOf("uuuu"));
        monthAt = pattern.indexOf("MM");
        dayAt = pattern.indexOf("dd");
        firstYear = pattern.contains("yyyy") ? 1 : 0;
        common = COMMON.matcher(pattern).matches() && yearAt >= 0 && monthAt >= 0 && dayAt >= 0;
        separatorsAt = IntStream.range(0, pattern.length()).filter(i -> !Character.isLetter(pattern.charAt(i)))
                .toArray();
    }

    /**
     * The dates of {@code pattern}, a java.time pattern such as {@code yyyyMMdd}.
     *
     * @throws IllegalArgumentException if {@code pattern} is not a java.time pattern
     */
    static DatePattern of(String pattern) {
        return new DatePattern(pattern, formatter(pattern));
    }

    /**
     * The strict java.time formatter of {@code pattern} (see the class comment).
     *
     * @throws IllegalArgumentException if {@code pattern} is not a java.time pattern
     */
    static DateTimeFormatter formatter(String pattern) {
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().appendPattern(pattern);
        if (pattern.indexOf('y') >= 0 && pattern.indexOf('G') < 0) {
            builder.parseDefaulting(ChronoField.ERA, IsoEra.CE.getValue());
        }
        return builder.toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    /** Whether dates written in full in this pattern are read without the formatter. */
    boolean isCommon() {
        return common;
    }

    /**
     * The date {@code text} writes in this pattern.
     *
     * @throws DateTimeException if it writes none
     */
    LocalDate parse(String text) {
        LocalDate date = common ? inFull(text) : null;
        return date != null ? date : formatter.parse(text, LocalDate::from);
    }

    /** The date of {@code text} written in full in a common layout, or null to leave it to the formatter. */
    private LocalDate inFull(String text) {
        if (text.length() != pattern.length()) {
            return null;
        }
        for (int at : separatorsAt) {
            if (text.charAt(at) != pattern.charAt(at)) {
                return null;
            }
        }
        return InputSyntax.digitsDate(text, yearAt, monthAt, dayAt, firstYear);
    }
}
