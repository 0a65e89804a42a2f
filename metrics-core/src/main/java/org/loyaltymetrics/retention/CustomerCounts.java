package org.loyaltymetrics.retention;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.util.function.Function;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.Proportion;

/**
 * The customer counts of one period: customers at the start S, at the end E, new customers N,
 * customers lost L (of those at the start) and new customers lost within the period Lₙ, with
 * E = S − L + N − Lₙ. Churn and retention rates derive from them (see the package documentation for
 * the date conventions that decide who counts at a boundary).
 *
 * <p>Build one from customer records with an {@link Accumulator} over a period or its
 * {@link #collector(LocalDate, LocalDate, Function, Function) collector}, or from counts: the
 * movements with {@link #ofCounts(long, long, long, long)}, or the telecom KPI guide's three data points with
 * {@link #ofStartEndAndNew(long, long, long)}. Counts of the same period from two sets of records
 * add up exactly ({@link #plus(CustomerCounts)}).
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param customersAtStart customers at the start of the period, S
 * @param newCustomers new customers, N: customers whose start is in the period
 * @param lostCustomers customers lost, L: of the customers at the start, those whose end is in the period
 * @param newCustomersLost new customers lost within the period, Lₙ: joined and left inside it
 */
public record CustomerCounts(long customersAtStart, long newCustomers, long lostCustomers, long newCustomersLost) {

    /**
     * Validates the counts.
     *
     * @throws InvalidArgumentException if a count is negative, more customers are lost than were at
     *     the start, or more new customers are lost than joined
     * @throws ArithmeticException if the customers at the end overflow a {@code long}
     */
    public CustomerCounts {
        Checks.count(customersAtStart, "customersAtStart");
        Checks.count(newCustomers, "newCustomers");
        Checks.count(lostCustomers, "lostCustomers");
        Checks.count(newCustomersLost, "newCustomersLost");
        if (lostCustomers > customersAtStart) {
            throw InvalidArgumentException.of("lostCustomers", "<= customersAtStart " + customersAtStart, lostCustomers);
        }
        if (newCustomersLost > newCustomers) {
            throw InvalidArgumentException.of("newCustomersLost", "<= newCustomers " + newCustomers, newCustomersLost);
        }
        Checks.addCounts(customersAtStart - lostCustomers, newCustomers - newCustomersLost, "customersAtEnd");
    }

    /**
     * The counts of a period from its movements (the canonical constructor); the customers at the end
     * are S − L + N − Lₙ.
     *
     * @throws InvalidArgumentException if a count is negative, more customers are lost than were at
     *     the start, or more new customers are lost than joined
     */
    public static CustomerCounts ofCounts(long customersAtStart, long newCustomers, long lostCustomers,
            long newCustomersLost) {
        return new CustomerCounts(customersAtStart, newCustomers, lostCustomers, newCustomersLost);
    }

    /**
     * The counts of a period from the telecom KPI guide's three data points: customers at the start S, at the
     * end E and new customers N. Three counts cannot tell a new customer who left from a customer at
     * the start who left, so every loss is taken to be of a customer at the start: L = S + N − E and
     * Lₙ = 0. (Its name differs from {@link #ofCounts(long, long, long, long)}'s, whose second
     * argument is N, so that the two cannot be confused.)
     *
     * @throws InvalidArgumentException if a count is negative or the counts cannot be, that is unless
     *     0 ≤ E − N ≤ S
     */
    public static CustomerCounts ofStartEndAndNew(long customersAtStart, long customersAtEnd, long newCustomers) {
        Checks.count(customersAtStart, "customersAtStart");
        Checks.count(customersAtEnd, "customersAtEnd");
        Checks.count(newCustomers, "newCustomers");
        long kept = customersAtEnd - newCustomers;
        if (kept < 0 || kept > customersAtStart) {
            throw InvalidArgumentException.of("customersAtEnd", "such that customersAtEnd - newCustomers is in 0.."
                    + customersAtStart + " (customersAtStart)", customersAtEnd + " - " + newCustomers + " = " + kept);
        }
        return new CustomerCounts(customersAtStart, newCustomers, customersAtStart - kept, 0);
    }

    /**
     * A new, empty accumulator of customer records for the period {@code from} (inclusive) to
     * {@code to} (exclusive).
     *
     * @throws InvalidArgumentException unless {@code from} is before {@code to}
     */
    public static Accumulator accumulator(LocalDate from, LocalDate to) {
        return new Accumulator(from, to);
    }

    /**
     * A collector of customer records into the counts of the period {@code from} to {@code to}
     * (exclusive), reading each record's start and end (null while still a customer).
     *
     * @throws InvalidArgumentException unless {@code from} is before {@code to}
     */
    public static <T> Collector<T, ?, CustomerCounts> collector(LocalDate from, LocalDate to,
            Function<? super T, LocalDate> startOf, Function<? super T, LocalDate> endOf) {
        return Records.collector(() -> new Accumulator(from, to), Accumulator::add, startOf, endOf);
    }

    /** Customers at the end of the period, E = S − L + N − Lₙ. */
    public long customersAtEnd() {
        return customersAtStart - lostCustomers + newCustomers - newCustomersLost;
    }

    /** Whether there is no customer in the counts at all (no customer at the start and none new). */
    public boolean isEmpty() {
        return customersAtStart == 0 && newCustomers == 0;
    }

    /** The churn rate under the {@link ChurnRate.Definition#DEFAULT default} definition, L of S. */
    public ChurnRate churnRate() {
        return churnRate(ChurnRate.Definition.DEFAULT);
    }

    /**
     * The churn rate under {@code definition}: L of S; (L + Lₙ) of (S + N); or L of (S + N − Lₙ).
     */
    public ChurnRate churnRate(ChurnRate.Definition definition) {
        Checks.notNull(definition, "definition");
        Proportion lostOfCounted;
        switch (definition) {
            case LOST_OVER_START:
                lostOfCounted = Proportion.of(lostCustomers, customersAtStart);
                break;
            case LOST_OVER_START_PLUS_NEW:
                lostOfCounted = Proportion.of(lostCustomers + newCustomersLost,
                        Checks.addCounts(customersAtStart, newCustomers, "customers"));
                break;
            default:
                lostOfCounted = Proportion.of(lostCustomers,
                        Checks.addCounts(customersAtStart, newCustomers - newCustomersLost, "customers"));
                break;
        }
        return new ChurnRate(definition, lostOfCounted);
    }

    /**
     * The retention rate under the {@link RetentionRate.Definition#DEFAULT default} definition, (E − N) / S
     * (the telecom KPI guide).
     */
    public RetentionRate retentionRate() {
        return retentionRate(RetentionRate.Definition.DEFAULT);
    }

    /** The retention rate under {@code definition}: (E − N) / S, 1 − L / S, or E / S. */
    public RetentionRate retentionRate(RetentionRate.Definition definition) {
        Checks.notNull(definition, "definition");
        return new RetentionRate(definition, this);
    }

    /**
     * The counts of both sets of records together: every count added. Exact when both counts are of
     * the same period over different records (two regions, two shards of a customer base); the period
     * is not part of the counts, so that it cannot be checked here.
     *
     * @throws ArithmeticException if a count overflows
     */
    public CustomerCounts plus(CustomerCounts other) {
        Checks.notNull(other, "other");
        return new CustomerCounts(Checks.addCounts(customersAtStart, other.customersAtStart, "customersAtStart"),
                Checks.addCounts(newCustomers, other.newCustomers, "newCustomers"),
                Checks.addCounts(lostCustomers, other.lostCustomers, "lostCustomers"),
                Checks.addCounts(newCustomersLost, other.newCustomersLost, "newCustomersLost"));
    }

    /** Reads, e.g., {@code "S 200, N 35, L 20, new lost 3, E 212; churn 10.00%, retention 88.50%"}. */
    @Override
    public String toString() {
        String rates = customersAtStart == 0 ? "churn undefined"
                : "churn " + Formatting.percent(churnRate().value()) + ", retention "
                        + Formatting.percent(retentionRate().value());
        return "S " + customersAtStart + ", N " + newCustomers + ", L " + lostCustomers + ", new lost " + newCustomersLost
                + ", E " + customersAtEnd()
                + "; " + rates;
    }

    /**
     * A mutable accumulator of customer records for one period {@code [from, to)}. Adding a record
     * allocates nothing; accumulators of the same period combine exactly. This class is not
     * thread-safe: use one per thread and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, CustomerCounts> {

        private static final long serialVersionUID = 1L;

        private final LocalDate from;
        private final LocalDate to;
        private final long fromDay;
        private final long toDay;
        private long atStart;
        private long newCustomers;
        private long lost;
        private long newLost;

        Accumulator(LocalDate from, LocalDate to) {
            this.from = Checks.notNull(from, "from");
            this.to = Checks.notNull(to, "to");
            if (!from.isBefore(to)) {
                throw InvalidArgumentException.of("to", "after from " + from, to);
            }
            this.fromDay = from.toEpochDay();
            this.toDay = to.toEpochDay();
        }

        /**
         * Adds one customer record: the first day as a customer and the first day no longer a customer
         * ({@code null} while still a customer). Records that do not touch the period are ignored.
         *
         * @throws InvalidArgumentException if {@code end} is before {@code start}
         */
        public Accumulator add(LocalDate start, LocalDate end) {
            Checks.notNull(start, "start");
            long startDay = start.toEpochDay();
            long endDay = end == null ? Long.MAX_VALUE : end.toEpochDay();
            if (endDay < startDay) {
                throw endBeforeStart(start, end);
            }
            if (startDay < fromDay) {
                if (endDay > fromDay) {
                    atStart++;
                    if (endDay <= toDay) {
                        lost++;
                    }
                }
            } else if (startDay < toDay) {
                newCustomers++;
                if (endDay <= toDay) {
                    newLost++;
                }
            }
            return this;
        }

        /**
         * Adds every record of {@code other} ({@code other} is left unchanged).
         *
         * @throws InvalidArgumentException if {@code other} covers another period
         */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            Checks.sameSetting(from + " to " + to, other.from + " to " + other.to, "other", "period");
            atStart = Checks.addCounts(atStart, other.atStart, "customersAtStart");
            newCustomers = Checks.addCounts(newCustomers, other.newCustomers, "newCustomers");
            lost += other.lost;
            newLost += other.newLost;
            return this;
        }

        /** The counts of the records added so far. */
        @Override
        public CustomerCounts snapshot() {
            return new CustomerCounts(atStart, newCustomers, lost, newLost);
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "retention.CustomerCounts.Accumulator"}, version 1: the period's first and end day (epoch days,
         * zigzag varints), then the customers at its start, the new customers, the customers lost of
         * those at the start and of the new ones (varints).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "retention.CustomerCounts.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            BinaryFields.writeDate(out, value.from);
            BinaryFields.writeDate(out, value.to);
            BinaryFields.writeCount(out, value.atStart);
            BinaryFields.writeCount(out, value.newCustomers);
            BinaryFields.writeCount(out, value.lost);
            BinaryFields.writeCount(out, value.newLost);
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            LocalDate from = BinaryFields.readDate(in);
            LocalDate to = BinaryFields.readDate(in);
            BinaryFields.checkField(from.isBefore(to), "a period ending after it starts", from + " to " + to);
            Accumulator read = new Accumulator(from, to);
            read.atStart = BinaryFields.readCount(in);
            read.newCustomers = BinaryFields.readCount(in);
            read.lost = BinaryFields.readCount(in);
            read.newLost = BinaryFields.readCount(in);
            BinaryFields.checkField(read.lost <= read.atStart && read.newLost <= read.newCustomers,
                    "lost counts within their customers", read);
            return read;
        }

        /** Reads, e.g., {@code "CustomerCounts.Accumulator 2025-01-01 to 2025-02-01: S 200, N 35, L 20, new lost 3"}. */
        @Override
        public String toString() {
            return "CustomerCounts.Accumulator " + from + " to " + to + ": S " + atStart + ", N " + newCustomers + ", L "
                    + lost + ", new lost " + newLost;
        }
    }

    /** The exception for a customer record whose end is before its start. */
    static InvalidArgumentException endBeforeStart(LocalDate start, LocalDate end) {
        return new InvalidArgumentException("end", "end must not be before start " + start + ", was " + end);
    }
}
