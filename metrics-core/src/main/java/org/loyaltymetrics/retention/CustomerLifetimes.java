package org.loyaltymetrics.retention;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collector;
import org.loyaltymetrics.Accumulator;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;

/**
 * Customer lifetimes observed at an as-of date, for the {@link SurvivalCurve}: a customer whose end
 * is on or before the as-of date has an observed lifetime end − start; a customer still active then
 * (no end, or an end after the as-of date) is censored at as-of − start. Lifetimes are expressed in
 * days, weeks (days / 7), months (days / 30.436875, the mean Gregorian month,
 * {@link ChronoUnit#MONTHS}'s estimated duration) or years (days / 365.2425).
 *
 * <p>It is an {@link Accumulator} that snapshots to a {@link SurvivalCurve}: adding a record allocates
 * nothing once its lifetime has been seen, and accumulators of the same as-of date and unit combine
 * exactly. This class is mutable and not thread-safe: use one per thread and combine them.
 */
public final class CustomerLifetimes implements Accumulator<CustomerLifetimes, SurvivalCurve> {

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
            throw InvalidArgumentException.of("unit", "DAYS, WEEKS, MONTHS or YEARS", unit.name());
        }
        this.asOfDay = asOf.toEpochDay();
        this.daysPerUnit = unit.getDuration().getSeconds() / SECONDS_PER_DAY;
    }

    /**
     * A new, empty accumulator of customer records observed on {@code asOf}, lifetimes in {@code unit}.
     *
     * @throws InvalidArgumentException if {@code unit} is not DAYS, WEEKS, MONTHS or YEARS
     */
    public static CustomerLifetimes accumulator(LocalDate asOf, ChronoUnit unit) {
        return new CustomerLifetimes(asOf, unit);
    }

    /**
     * A collector of customer records into their survival curve as of {@code asOf}, in {@code unit},
     * reading each record's start and end (null while still a customer).
     *
     * @throws InvalidArgumentException if {@code unit} is not DAYS, WEEKS, MONTHS or YEARS
     */
    public static <T> Collector<T, ?, SurvivalCurve> collector(LocalDate asOf, ChronoUnit unit,
            Function<? super T, LocalDate> startOf, Function<? super T, LocalDate> endOf) {
        return Records.collector(() -> new CustomerLifetimes(asOf, unit), CustomerLifetimes::add, startOf, endOf);
    }

    /**
     * Adds one customer record (end {@code null} while still a customer).
     *
     * @throws InvalidArgumentException if the end is before the start, or the start is after the
     *     as-of date (such a customer cannot have been observed)
     */
    public CustomerLifetimes add(LocalDate start, LocalDate end) {
        Checks.notNull(start, "start");
        long startDay = start.toEpochDay();
        if (startDay > asOfDay) {
            throw InvalidArgumentException.of("start", "on or before the as-of date " + asOf, start);
        }
        if (end != null && end.toEpochDay() < startDay) {
            throw CustomerCounts.endBeforeStart(start, end);
        }
        boolean ended = end != null && end.toEpochDay() <= asOfDay;
        long lastDay = ended ? end.toEpochDay() : asOfDay;
        lifetimes.add((lastDay - startDay) / daysPerUnit, ended);
        return this;
    }

    /**
     * Adds every record of {@code other}.
     *
     * @throws InvalidArgumentException if {@code other} has another as-of date or unit
     */
    @Override
    public CustomerLifetimes combine(CustomerLifetimes other) {
        Checks.notNull(other, "other");
        Checks.sameSetting(asOf, other.asOf, "other", "as-of date");
        Checks.sameSetting(unit, other.unit, "other", "unit");
        lifetimes.combine(other.lifetimes);
        return this;
    }

    /** The survival curve of the records added so far. */
    @Override
    public SurvivalCurve snapshot() {
        return lifetimes.snapshot();
    }

    /**
     * The {@link BinaryForm} of these accumulators, tag {@code "retention.CustomerLifetimes"}, version 1: the as-of
     * date (epoch day, a zigzag varint), the unit (its {@link ChronoUnit} name, as a tag), then the lifetimes as
     * {@link SurvivalCurve.Accumulator#binaryForm()} writes its fields (the number of distinct durations, then each
     * duration in units, eight bytes, with the lifetimes that ended and that were censored, varints).
     */
    public static BinaryForm<CustomerLifetimes> binaryForm() {
        return FORM;
    }

    private static final BinaryForm<CustomerLifetimes> FORM = BinaryFields.form(CustomerLifetimes.class,
            "retention.CustomerLifetimes", 1, CustomerLifetimes::writeFields, CustomerLifetimes::readFields);

    private static void writeFields(CustomerLifetimes value, DataOutput out) throws IOException {
        BinaryFields.writeDate(out, value.asOf);
        BinaryFields.writeName(out, value.unit);
        SurvivalCurve.Accumulator.writeFields(value.lifetimes, out);
    }

    private static CustomerLifetimes readFields(DataInput in, int version) throws IOException {
        CustomerLifetimes read = new CustomerLifetimes(BinaryFields.readDate(in),
                BinaryFields.readName(in, ChronoUnit.class));
        read.lifetimes.combine(SurvivalCurve.Accumulator.readFields(in, version));
        return read;
    }

    /** Reads, e.g., {@code "CustomerLifetimes as of 2025-03-01 in Days: SurvivalCurve.Accumulator: 4 lifetimes, ..."}. */
    @Override
    public String toString() {
        return "CustomerLifetimes as of " + asOf + " in " + unit + ": " + lifetimes;
    }
}
