package org.loyaltymetrics.internal;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.loyaltymetrics.InvalidArgumentException;

/**
 * Checks and converts {@link ChronoUnit}s, the library's one type of time unit: MONTHS and YEARS are
 * java.time's estimated ones, 365.2425 / 12 and 365.2425 days.
 */
public final class TimeUnits {

    private TimeUnits() {
    }

    /** Checks that {@code unit} is a unit of finite length (every {@link ChronoUnit} but FOREVER). */
    public static ChronoUnit check(ChronoUnit unit, String name) {
        Checks.notNull(unit, name);
        if (unit == ChronoUnit.FOREVER) {
            throw InvalidArgumentException.of(name, "a unit of finite length (DAYS, WEEKS, MONTHS, ...)", unit);
        }
        return unit;
    }

    /** How many {@code to} make one {@code from}: e.g. 7 for WEEKS to DAYS, 1/7 for DAYS to WEEKS. */
    public static double ratio(ChronoUnit from, ChronoUnit to) {
        return seconds(from.getDuration()) / seconds(to.getDuration());
    }

    private static double seconds(Duration duration) {
        return duration.getSeconds() + duration.getNano() / 1e9;
    }

    /** The unit's name in lower case, for messages and toString, e.g. "weeks". */
    public static String name(ChronoUnit unit) {
        return unit.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
