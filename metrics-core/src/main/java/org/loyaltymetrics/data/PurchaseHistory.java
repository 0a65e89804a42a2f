package org.loyaltymetrics.data;

import java.time.temporal.ChronoUnit;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.TimeUnits;

/**
 * One customer's purchase history in continuous time, what the BG/NBD, MBG/NBD and Pareto/NBD models
 * condition their predictions on: the <em>frequency</em> x (repeat purchases, the purchases after the
 * first), the <em>recency</em> tₓ (the time from the first purchase to the last) and the <em>age</em>
 * T (the time from the first purchase to the end of observation), both times in one explicit
 * {@link ChronoUnit}. Naming the three figures and their unit in one value keeps recency and age from
 * swapping and weeks from being read as days.
 *
 * <p>Rules: x ≥ 0; T finite and &gt; 0; 0 ≤ tₓ ≤ T; tₓ = 0 when x = 0.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param frequency x, the number of repeat purchases, &gt;= 0
 * @param recency tₓ, the time from the first to the last purchase, in {@code timeUnit}
 * @param age T, the time from the first purchase to the end of observation, in {@code timeUnit}
 * @param timeUnit the unit of recency and age, not null, not FOREVER
 */
public record PurchaseHistory(long frequency, double recency, double age, ChronoUnit timeUnit) {

    /** Validates the history against the rules. */
    public PurchaseHistory {
        Checks.count(frequency, "frequency");
        TimeUnits.check(timeUnit, "timeUnit");
        if (!(age > 0.0 && age < Double.POSITIVE_INFINITY)) {
            throw InvalidArgumentException.of("age", "finite and > 0", age);
        }
        if (!(recency >= 0.0 && recency <= age)) {
            throw InvalidArgumentException.of("recency", "in [0, age " + age + "]", recency);
        }
        if (frequency == 0 && recency != 0.0) {
            throw InvalidArgumentException.of("recency", "0 for a customer without repeat purchases (frequency 0)",
                    recency);
        }
    }

    /**
     * The history with frequency x, recency tₓ and age T in {@code timeUnit}.
     *
     * @throws InvalidArgumentException if it breaks a rule
     */
    public static PurchaseHistory of(long frequency, double recency, double age, ChronoUnit timeUnit) {
        return new PurchaseHistory(frequency, recency, age, timeUnit);
    }

    /**
     * This history with its times in {@code unit}: {@code in(ChronoUnit.DAYS)} of a history in weeks
     * multiplies recency and age by 7, {@code in(ChronoUnit.WEEKS)} of one in days divides them by 7 (as
     * {@link RfmSummary.Customer#recency(ChronoUnit)} does, to the same bits); months and years are
     * java.time's estimated ones. Returns this history if it is in {@code unit} already.
     *
     * @throws InvalidArgumentException if {@code unit} is FOREVER, or the converted age is not finite
     */
    public PurchaseHistory in(ChronoUnit unit) {
        TimeUnits.check(unit, "unit");
        if (unit == timeUnit) {
            return this;
        }
        double larger = TimeUnits.ratio(unit, timeUnit);
        if (larger >= 1.0) {
            return new PurchaseHistory(frequency, recency / larger, age / larger, unit);
        }
        double ratio = TimeUnits.ratio(timeUnit, unit);
        return new PurchaseHistory(frequency, recency * ratio, age * ratio, unit);
    }

    /** Reads, e.g., {@code "x = 2, t_x = 30.43, T = 38.86 weeks"}. */
    @Override
    public String toString() {
        return "x = " + frequency + ", t_x = " + Formatting.decimal(recency, 2) + ", T = " + Formatting.decimal(age, 2)
                + " " + TimeUnits.name(timeUnit);
    }
}
