package org.loyaltymetrics.model;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.loyaltymetrics.internal.Checks;

/** Checks and converts the time units of the continuous-time models. */
final class TimeUnits {

    private TimeUnits() {
    }

    /** Checks that {@code unit} is a unit of finite length (every {@link ChronoUnit} but FOREVER). */
    static ChronoUnit check(ChronoUnit unit, String name) {
        Checks.notNull(unit, name);
        if (unit == ChronoUnit.FOREVER) {
            throw new IllegalArgumentException(name + " must be a unit of finite length (DAYS, WEEKS, MONTHS, ...), was "
                    + unit);
        }
        return unit;
    }

    /** How many {@code to} make one {@code from}: e.g. 7 for WEEKS to DAYS, 1/7 for DAYS to WEEKS. */
    static double ratio(ChronoUnit from, ChronoUnit to) {
        return seconds(from.getDuration()) / seconds(to.getDuration());
    }

    private static double seconds(Duration duration) {
        return duration.getSeconds() + duration.getNano() / 1e9;
    }

    /** The unit's name in lower case, for messages and toString, e.g. "weeks". */
    static String name(ChronoUnit unit) {
        return unit.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
