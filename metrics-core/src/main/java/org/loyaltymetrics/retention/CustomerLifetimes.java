package org.loyaltymetrics.retention;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collector;
import org.loyaltymetrics.internal.Checks;

/**
 * Customer lifetimes observed at an as-of date, for the {@link SurvivalCurve}: a customer whose end
 * is on or before the as-of date has an observed lifetime end − start; a customer still active then
 * (no end, or an end after the as-of date) is censored at as-of − start. Lifetimes are expressed in
 * days, weeks (days / 7), months (days / 30.436875, the mean Gregorian month,
 * {@link ChronoUnit#MONTHS}'s estimated duration) or years (days / 365.2425).
 *
 * <p>The accumulator is mutable and not thread-safe; adding a record allocates nothing once its
 * lifetime has been seen; accumulators combine exactly.
 */
public final class CustomerLifetimes implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Set<ChronoUnit> UNITS = Set.of(ChronoUnit.DAYS, ChronoUnit.WEEKS, ChronoUnit.MONTHS,
            ChronoUnit.YEARS);
    private static final double SECONDS_PER_DAY = 86_400.0;

    private final LocalDate asOf;
    private final long asOfDay;
    private final ChronoUnit unit;
    private final double daysPerUnit;
    private final SurvivalCurve.Accumulator lifetimes = SurvivalCurve.accumulator();

    private CustomerLifetimes(LocalDate asOf, ChronoUnit unit) {
        this.asOf = Checks.notNull(asOf, "asOf");
        this.unit = Checks.notNull(unit, "unit");
        if (!UNITS.contains(unit)) {
            throw new IllegalArgumentException("unit must be one of " + UNITS + ", was " + unit);
        }
        this.asOfDay = asOf.toEpochDay();
        this.daysPerUnit = unit.getDuration().getSeconds() / SECONDS_PER_DAY;
    }

    /** A new, empty accumulator of customer records observed on {@code asOf}, lifetimes in {@code unit}. */
    public static CustomerLifetimes accumulator(LocalDate asOf, ChronoUnit unit) {
        return new CustomerLifetimes(asOf, unit);
    }

    /** A collector of customer records into their survival curve as of {@code asOf}, in {@code unit}. */
    public static <T> Collector<T, ?, SurvivalCurve> collector(LocalDate asOf, ChronoUnit unit,
            Function<? super T, LocalDate> startOf, Function<? super T, LocalDate> endOf) {
        Checks.notNull(startOf, "startOf");
        Checks.notNull(endOf, "endOf");
        accumulator(asOf, unit); // validates now rather than in the stream
        return Collector.of(() -> new CustomerLifetimes(asOf, unit), (acc, t) -> acc.add(startOf.apply(t), endOf.apply(t)),
                CustomerLifetimes::combine, CustomerLifetimes::snapshot, Collector.Characteristics.UNORDERED);
    }

    /**
     * Adds one customer record (end {@code null} while still a customer).
     *
     * @throws IllegalArgumentException if the end is before the start, or the start is after the
     *     as-of date (such a customer cannot have been observed)
     */
    public CustomerLifetimes add(LocalDate start, LocalDate end) {
        Checks.notNull(start, "start");
        long startDay = start.toEpochDay();
        if (startDay > asOfDay) {
            throw new IllegalArgumentException("start must be on or before the as-of date " + asOf + ", was " + start);
        }
        if (end != null && end.toEpochDay() < startDay) {
            throw new IllegalArgumentException("end must not be before start " + start + ", was " + end);
        }
        boolean ended = end != null && end.toEpochDay() <= asOfDay;
        long lastDay = ended ? end.toEpochDay() : asOfDay;
        lifetimes.add((lastDay - startDay) / daysPerUnit, ended);
        return this;
    }

    /**
     * Adds every record of {@code other}.
     *
     * @throws IllegalArgumentException if {@code other} has another as-of date or unit
     */
    public CustomerLifetimes combine(CustomerLifetimes other) {
        Checks.notNull(other, "other");
        if (!other.asOf.equals(asOf) || other.unit != unit) {
            throw new IllegalArgumentException("other must be as of " + asOf + " in " + unit + ", was as of "
                    + other.asOf + " in " + other.unit);
        }
        lifetimes.combine(other.lifetimes);
        return this;
    }

    /** The survival curve of the records added so far. */
    public SurvivalCurve snapshot() {
        return lifetimes.snapshot();
    }
}
