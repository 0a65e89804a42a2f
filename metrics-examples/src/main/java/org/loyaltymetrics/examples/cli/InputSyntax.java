package org.loyaltymetrics.examples.cli;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one grammar of the values the tool reads, in files and in options alike, and the one way its
 * messages quote what it read.
 *
 * <ul>
 *   <li>A <b>number</b> is a plain decimal: an optional sign, then digits with an optional decimal
 *       point ({@code 12}, {@code -0.5}, {@code 30.43}, {@code .5}), at most {@value #MAX_NUMBER_LENGTH}
 *       characters, ASCII digits only. Nothing else: no exponent ({@code 1e3}), no Java literal suffix
 *       ({@code 30.43d}), no hex float ({@code 0x1p3}), no {@code NaN} or {@code Infinity}, no
 *       thousands separator; such a value stops the command instead of being read as another number.</li>
 *   <li>An <b>integer</b> is an optional sign and digits, within the range of its type.</li>
 *   <li>A <b>date</b> is ISO {@code yyyy-MM-dd} with a four-digit year (0000 to 9999).</li>
 * </ul>
 *
 * <p>Each parser throws {@link Invalid} with the reason a value was refused, worded to follow the
 * value ("'30.43d' is not a plain decimal number (...)") and saying what is accepted; the readers
 * add the file, line and column, the option converters the option.
 */
final class InputSyntax {

    /** The longest number read, in characters: more than any long or double needs. */
    static final int MAX_NUMBER_LENGTH = 100;

    /** The longest part of a value quoted in a message, in characters. */
    static final int MAX_QUOTED_LENGTH = 40;

    /** The most column names a message lists. */
    static final int MAX_LISTED_COLUMNS = 20;

    /** The first year and the last year of the dates read. */
    static final int FIRST_YEAR = 0;
    static final int LAST_YEAR = 9999;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /** What a number must look like, for messages. */
    static final String NUMBER_FORM = "a plain decimal number such as 30.43 or -2 (digits with an optional sign and "
            + "decimal point; no exponent, suffix, hex, NaN or Infinity)";

    /** What an integer must look like, for messages. */
    static final String INTEGER_FORM = "an integer such as 12 or -3 (digits with an optional sign)";

    /** What a date must look like, for messages. */
    static final String DATE_FORM = "yyyy-MM-dd";

    /** A value refused by the grammar, with the reason, worded to follow the value. */
    static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String reason) {
            super(reason, null, false, false);
        }

        /** Why the value was refused, such as "is not an integer such as 12 or -3 (...)". */
        String reason() {
            return getMessage();
        }
    }

    private InputSyntax() {
    }

    /**
     * The exact value of a plain decimal.
     *
     * @throws Invalid if {@code text} is not a plain decimal of at most {@value #MAX_NUMBER_LENGTH} characters
     */
    static BigDecimal decimal(String text) {
        if (text.length() > MAX_NUMBER_LENGTH) {
            throw new Invalid("is too long for a number (" + text.length() + " characters, at most "
                    + MAX_NUMBER_LENGTH + ")");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new Invalid("is not " + NUMBER_FORM);
        }
        return new BigDecimal(text);
    }

    /**
     * A plain decimal as the nearest double; always finite, since a plain decimal of at most
     * {@value #MAX_NUMBER_LENGTH} characters is far below the largest double.
     *
     * @throws Invalid if {@code text} is not a plain decimal
     */
    static double number(String text) {
        decimal(text);
        double number = Double.parseDouble(text);
        return number == 0.0 ? 0.0 : number; // -0 is 0
    }

    /**
     * An integer within {@code min..max}.
     *
     * @throws Invalid if {@code text} is not an integer, or is out of the range
     */
    static long integer(String text, long min, long max) {
        if (text.length() > MAX_NUMBER_LENGTH || !INTEGER.matcher(text).matches()) {
            throw new Invalid("is not " + INTEGER_FORM);
        }
        return inRange(new BigDecimal(text), min, max);
    }

    /**
     * An integer written as an integer or as a plain decimal with nothing after its point but zeros
     * ({@code 3}, {@code 3.0}), as data files written from floating-point columns hold counts.
     *
     * @throws Invalid if {@code text} is not such a number, or is out of {@code min..max}
     */
    static long wholeNumber(String text, long min, long max) {
        BigDecimal value;
        try {
            value = decimal(text);
        } catch (Invalid notDecimal) {
            throw new Invalid("is not " + INTEGER_FORM);
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            throw new Invalid("is not " + INTEGER_FORM);
        }
        return inRange(value, min, max);
    }

    private static long inRange(BigDecimal value, long min, long max) {
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new Invalid("is out of range: integers here are in " + min + ".." + max);
        }
        return value.longValueExact();
    }

    /**
     * An ISO date {@code yyyy-MM-dd} with a four-digit year.
     *
     * @throws Invalid if {@code text} is not such a date
     */
    static LocalDate date(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            LocalDate date = digitsDate(text, 0, 5, 8, FIRST_YEAR);
            if (date != null) {
                return date; // the common case, read without the regular expression and the formatter
            }
        }
        if (DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new Invalid("is not a date (" + DATE_FORM + ")");
    }

    /**
     * The date whose year, month and day are the four, two and two ASCII digits of {@code text} at
     * {@code yearAt}, {@code monthAt} and {@code dayAt}, or null when they are not all digits or not a
     * date (a year before {@code firstYear}, a month not in 1..12, a day not in the month): a shortcut for
     * the dates written in full that a formatter reads to the same date, leaving the rest to it.
     */
    static LocalDate digitsDate(String text, int yearAt, int monthAt, int dayAt, int firstYear) {
        int year = digits(text, yearAt, 4);
        int month = digits(text, monthAt, 2);
        int day = digits(text, dayAt, 2);
        if (year < firstYear || month < 1 || month > 12 || day < 1
                || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /** The number written by the {@code n} ASCII digits of {@code text} at {@code at}, or -1 if one is not a digit. */
    private static int digits(String text, int at, int n) {
        int value = 0;
        for (int i = at; i < at + n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = 10 * value + (c - '0');
        }
        return value;
    }

    /**
     * The amount {@code text} in minor units of {@code decimals} (0..9) decimals when it is written in
     * the common form, unsigned digits with an optional point, at most {@code decimals} digits after it
     * and at most {@code 18 - decimals} before; -1 otherwise. A shortcut for the amounts of a file, which
     * leaves the others (a sign, more decimals, an exponent, ...) to be read as a {@link #decimal} and
     * accepted or refused as before.
     */
    static long commonAmount(String text, int decimals) {
        int point = text.indexOf('.');
        int wholeDigits = point < 0 ? text.length() : point;
        int fractionDigits = point < 0 ? 0 : text.length() - point - 1;
        if (wholeDigits + fractionDigits == 0 || wholeDigits + decimals > 18 || fractionDigits > decimals) {
            return -1;
        }
        long minor = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                minor = 10 * minor + (c - '0');
            } else if (i != point) {
                return -1;
            }
        }
        for (int i = fractionDigits; i < decimals; i++) {
            minor *= 10;
        }
        return minor;
    }

    /**
     * Checks that {@code date}, read in another form, is within the years of the grammar.
     *
     * @throws Invalid if its year is not in 0000..9999
     */
    static LocalDate checkYear(LocalDate date) {
        if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
            throw new Invalid("is not a date of the years 0000 to 9999");
        }
        return date;
    }

    /**
     * {@code value} in single quotes for a message: control characters escaped (so that the message
     * stays on one line), cut to {@value #MAX_QUOTED_LENGTH} characters with an ellipsis and its
     * length when longer.
     */
    static String quote(String value) {
        if (value.length() <= MAX_QUOTED_LENGTH) {
            return "'" + escape(value) + "'";
        }
        int cut = Character.isHighSurrogate(value.charAt(MAX_QUOTED_LENGTH - 1)) ? MAX_QUOTED_LENGTH - 1
                : MAX_QUOTED_LENGTH;
        return "'" + escape(value.substring(0, cut)) + "…' (" + value.length() + " characters)";
    }

    /** Column names for a message: each quoted as {@link #quote} does, at most {@value #MAX_LISTED_COLUMNS}. */
    static String list(List<String> columns) {
        StringBuilder text = new StringBuilder("[");
        int shown = Math.min(columns.size(), MAX_LISTED_COLUMNS);
        for (int i = 0; i < shown; i++) {
            String column = columns.get(i);
            boolean plain = column.length() <= MAX_QUOTED_LENGTH && escape(column).equals(column);
            text.append(i == 0 ? "" : ", ").append(plain ? column : quote(column));
        }
        if (shown < columns.size()) {
            text.append(", and ").append(columns.size() - shown).append(" more");
        }
        return text.append(']').toString();
    }

    /** {@code message} on one line: control characters escaped. */
    static String oneLine(String message) {
        return escape(message);
    }

    private static String escape(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF';
            if (control && escaped == null) {
                escaped = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (escaped != null) {
                if (!control) {
                    escaped.append(c);
                } else if (c == '\n') {
                    escaped.append("\\n");
                } else if (c == '\r') {
                    escaped.append("\\r");
                } else if (c == '\t') {
                    escaped.append("\\t");
                } else {
                    escaped.append(String.format("\\u%04X", (int) c));
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }
}
