package org.loyaltymetrics.behavior;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.LongHashSet;
import org.loyaltymetrics.internal.LongIndex;

/**
 * Stickiness, DAU/MAU: the mean number of daily active users over the days of a window (usually a
 * calendar month) divided by the number of users active in the window, a share in [0, 1] (article
 * 003's engagement, article 000's "how often people interact"). A user is active on a day with at
 * least one activity record. Summing over days, the mean DAU is active user-days / days, so
 * stickiness = active user-days / (days × active users): 3 users active on 10, 20 and 30 days of a
 * 30-day month have a mean DAU of 2 and a stickiness of 2/3.
 *
 * <p>Every day of the window counts, days without activity included.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Stickiness {

    private final long activeUserDays;
    private final long days;
    private final long activeUsers;

    private Stickiness(long activeUserDays, long days, long activeUsers) {
        this.activeUserDays = activeUserDays;
        this.days = days;
        this.activeUsers = activeUsers;
    }

    /**
     * The stickiness of {@code activeUsers} users active on {@code activeUserDays} user-days in a window
     * of {@code days} days.
     *
     * @throws IllegalArgumentException unless days &gt;= 1, activeUsers &gt;= 0 and
     *     activeUsers &lt;= activeUserDays &lt;= days × activeUsers
     */
    public static Stickiness ofCounts(long activeUserDays, long days, long activeUsers) {
        Checks.count(activeUserDays, "activeUserDays");
        Checks.count(activeUsers, "activeUsers");
        if (days < 1) {
            throw new IllegalArgumentException("days must be >= 1, was " + days);
        }
        long most = Math.multiplyExact(days, activeUsers);
        if (activeUserDays < activeUsers || activeUserDays > most) {
            throw new IllegalArgumentException("activeUserDays must be in " + activeUsers + ".." + most + " for "
                    + activeUsers + " users over " + days + " days, was " + activeUserDays);
        }
        return new Stickiness(activeUserDays, days, activeUsers);
    }

    /** A new, empty accumulator of activity in the window {@code first..last} (inclusive). */
    public static Accumulator accumulator(LocalDate first, LocalDate last) {
        return new Accumulator(first, last);
    }

    /** A collector of activity records in the window {@code first..last}, reading user id and date. */
    public static <T> Collector<T, ?, Stickiness> collector(LocalDate first, LocalDate last,
            ToLongFunction<? super T> userOf, Function<? super T, LocalDate> dateOf) {
        Checks.notNull(userOf, "userOf");
        Checks.notNull(dateOf, "dateOf");
        new Accumulator(first, last); // checks the window now rather than per element
        return Collector.of(() -> new Accumulator(first, last),
                (acc, t) -> acc.add(userOf.applyAsLong(t), dateOf.apply(t)), Accumulator::combine,
                Accumulator::snapshot, Collector.Characteristics.UNORDERED);
    }

    /** Active user-days, Σ DAU over the window. */
    public long activeUserDays() {
        return activeUserDays;
    }

    /** The days of the window. */
    public long days() {
        return days;
    }

    /** Users active in the window (MAU for a month). */
    public long activeUsers() {
        return activeUsers;
    }

    /** The mean daily active users, active user-days / days. */
    public double averageDailyActiveUsers() {
        return (double) activeUserDays / days;
    }

    /**
     * Stickiness, mean DAU / MAU, in [0, 1].
     *
     * @throws UndefinedResultException if no user was active
     */
    public double value() {
        if (activeUsers == 0) {
            throw new UndefinedResultException("stickiness is undefined: no active users");
        }
        return averageDailyActiveUsers() / activeUsers;
    }

    /** Stickiness × 100. */
    public double percent() {
        return 100.0 * value();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stickiness && ((Stickiness) o).activeUserDays == activeUserDays
                && ((Stickiness) o).days == days && ((Stickiness) o).activeUsers == activeUsers;
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(activeUserDays) * 31 + Long.hashCode(days)) * 31 + Long.hashCode(activeUsers);
    }

    /** Reads, e.g., {@code "stickiness (DAU/MAU) 66.67%: mean DAU 2.00 of 3 active users over 30 days"}. */
    @Override
    public String toString() {
        return "stickiness (DAU/MAU) " + (activeUsers == 0 ? "undefined" : Formatting.percent(value())) + ": mean DAU "
                + Formatting.decimal(averageDailyActiveUsers(), 2) + " of " + activeUsers + " active users over "
                + days + " days";
    }

    /**
     * A mutable accumulator of activity (user, day) in a window, in any order. Distinct user-days are
     * held in a primitive set, so a record of a known user allocates nothing except when a table
     * grows; activity outside the window is left out and counted ({@link #outsideWindow()});
     * accumulators of the same window combine exactly. Not thread-safe: use one per thread and
     * combine them.
     */
    public static final class Accumulator implements Serializable {

        private static final long serialVersionUID = 1L;


        private final int first;
        private final int last;
        private final LongIndex users = new LongIndex();
        private final LongHashSet userDays = new LongHashSet();
        private long outside;

        Accumulator(LocalDate first, LocalDate last) {
            this.first = Checks.epochDay(first, "first");
            this.last = Checks.epochDay(last, "last");
            if (this.last < this.first) {
                throw new IllegalArgumentException("last must be on or after first " + first + ", was " + last);
            }
        }

        /** Adds that {@code userId} was active on {@code date}. */
        public Accumulator add(long userId, LocalDate date) {
            int day = Checks.epochDay(date, "date");
            if (day < first || day > last) {
                outside = Checks.addCounts(outside, 1, "activity outside the window");
                return this;
            }
            userDays.add((long) users.add(userId) << 32 | (day - first));
            return this;
        }

        /** Activity records outside the window, left out. */
        public long outsideWindow() {
            return outside;
        }

        /**
         * Adds every record of {@code other} ({@code other} is left unchanged).
         *
         * @throws IllegalArgumentException if the windows differ
         */
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            if (other.first != first || other.last != last) {
                throw new IllegalArgumentException("other must have the window " + LocalDate.ofEpochDay(first) + ".."
                        + LocalDate.ofEpochDay(last) + ", had " + LocalDate.ofEpochDay(other.first) + ".."
                        + LocalDate.ofEpochDay(other.last));
            }
            other.userDays.forEach(key -> userDays.add((long) users.add(other.users.key((int) (key >>> 32))) << 32
                    | (key & 0xFFFF_FFFFL)));
            outside = Checks.addCounts(outside, other.outside, "activity outside the window");
            return this;
        }

        /** The stickiness of the activity added so far. */
        public Stickiness snapshot() {
            return new Stickiness(userDays.size(), (long) last - first + 1, users.size());
        }
    }
}
