package org.loyaltymetrics.internal;

import java.time.LocalDate;
import java.util.Objects;
import org.loyaltymetrics.InvalidArgumentException;

/**
 * Argument checks shared by every public entry point. Each failure is an {@link InvalidArgumentException}
 * naming the argument, the value it had and the range it accepts, in the form
 * {@code "<name> must be <range>, was <value>"}.
 */
public final class Checks {

    private Checks() {
    }

    /** Returns {@code value} if it is not null, else throws a {@link NullPointerException} naming it. */
    public static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must not be null");
    }

    /** Checks a count: {@code value >= 0}. */
    public static long count(long value, String name) {
        if (value < 0) {
            throw InvalidArgumentException.of(name, "a count >= 0", value);
        }
        return value;
    }

    /** Checks a confidence level: strictly between 0 and 1. */
    public static double confidence(double value) {
        if (!(value > 0.0 && value < 1.0)) {
            throw InvalidArgumentException.of("confidence", "in (0, 1)", value);
        }
        return value;
    }

    /** Checks a finite value. */
    public static double finite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw InvalidArgumentException.of(name, "a finite number", value);
        }
        return value;
    }

    /** Checks a finite value strictly greater than zero. */
    public static double positive(double value, String name) {
        if (!(value > 0.0 && value < Double.POSITIVE_INFINITY)) {
            throw InvalidArgumentException.of(name, "finite and > 0", value);
        }
        return value;
    }

    /** Checks a finite value greater than or equal to zero. */
    public static double nonNegative(double value, String name) {
        if (!(value >= 0.0 && value < Double.POSITIVE_INFINITY)) {
            throw InvalidArgumentException.of(name, "finite and >= 0", value);
        }
        return value;
    }

    /** Checks a value in the closed range {@code [low, high]}. */
    public static double inClosedRange(double value, double low, double high, String name) {
        if (!(value >= low && value <= high)) {
            throw InvalidArgumentException.of(name, "in [" + low + ", " + high + "]", value);
        }
        return value;
    }

    /** Checks a share: a fraction in {@code [0, 1]}. */
    public static double fraction(double value, String name) {
        return inClosedRange(value, 0.0, 1.0, name);
    }

    /**
     * Checks that a setting of {@code argument} (another accumulator or value being combined with this
     * one) equals this one's: {@code "other must have the same <setting> <expected>, had <actual>"}.
     */
    public static void sameSetting(Object expected, Object actual, String argument, String setting) {
        if (!expected.equals(actual)) {
            throw new InvalidArgumentException(argument, argument + " must have the same " + setting + " " + expected
                    + ", had " + actual);
        }
    }

    /** The epoch day of {@code date}, which must lie within the range of an {@code int} epoch day. */
    public static int epochDay(LocalDate date, String name) {
        long day = notNull(date, name).toEpochDay();
        if (day != (int) day) {
            throw InvalidArgumentException.of(name, "within " + LocalDate.ofEpochDay(Integer.MIN_VALUE) + ".."
                    + LocalDate.ofEpochDay(Integer.MAX_VALUE), date);
        }
        return (int) day;
    }

    /** The sum of {@code values}, failing with a message that names {@code what} when it overflows. */
    public static long sum(long[] values, String what) {
        long sum = 0;
        for (long value : values) {
            sum = addCounts(sum, value, what);
        }
        return sum;
    }

    /** Adds two counts, failing with a message that names {@code what} when the sum overflows. */
    public static long addCounts(long a, long b, String what) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            throw new ArithmeticException(what + " overflows a long: " + a + " + " + b);
        }
        return sum;
    }
}
