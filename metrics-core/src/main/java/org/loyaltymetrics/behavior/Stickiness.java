package org.loyaltymetrics.behavior;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.LongHashSet;
import org.loyaltymetrics.internal.LongIndex;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.stats.Measure;

/**
 * Stickiness, DAU/MAU: the mean number of daily active users over the days of a window (usually a
 * calendar month) divided by the number of users active in the window, a share in [0, 1] (the
 * customer-experience metrics guide's engagement, the telecom KPI guide's "how often people interact"). A user is
 * active on a day with at least one activity record. Summing over days, the mean DAU is active user-days / days, so
 * stickiness = active user-days / (days × active users): 3 users active on 10, 20 and 30 days of a
 * 30-day month have a mean DAU of 2 and a stickiness of 2/3. Every day of the window counts, days
 * without activity included.
 *
 * <p><b>Uncertainty.</b> Stickiness is the mean over the U active users of each user's share of active
 * days, f<sub>i</sub> = d<sub>i</sub> / days. The user, not the user-day, is the unit that varies
 * independently (one user's days are correlated), so the {@link #estimate()} is that mean with the
 * standard error s<sub>f</sub> / √U of a sample mean (s<sub>f</sub> the sample standard deviation of
 * the shares) and Student's t with U − 1 degrees of freedom; {@link #confidenceInterval(double)} is its
 * t interval, cut to [0, 1], and {@link #differenceFrom(Stickiness) later.differenceFrom(earlier)} is
 * Welch's t test. For the example, the shares 1/3, 2/3, 1 have s<sub>f</sub> = 1/3 and a standard
 * error of 0.1925. A Wilson interval over user-days would treat a user's 20 active days as 20
 * independent trials and be too narrow. The value holds the sums Σ d<sub>i</sub> and
 * Σ d<sub>i</sub>² that this needs.
 *
 * <p>The counts are of distinct users and user-days, so two values cannot be merged: a snapshot no
 * longer knows who was active on which day, and a user active in both parts would count twice.
 * Merge {@link Accumulator}s instead, which combine exactly.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param days the days of the window, &gt;= 1
 * @param activeUsers U, the users active in the window (MAU for a month), &gt;= 0
 * @param activeUserDays Σ d<sub>i</sub>, the active user-days (Σ DAU over the window), in U..days × U
 * @param sumOfSquaredActiveDays Σ d<sub>i</sub>², in Σ d<sub>i</sub>..days × Σ d<sub>i</sub> and at least
 *     (Σ d<sub>i</sub>)² / U
 */
public record Stickiness(long days, long activeUsers, long activeUserDays, long sumOfSquaredActiveDays)
        implements Measure<Stickiness> {

    /**
     * Validates the counts: each of the U users was active on 1..days days, so the sums must be within
     * the ranges above ({@link #ofCounts(long, long[])} builds them from each user's count).
     *
     * @throws InvalidArgumentException if a count is out of its range
     */
    public Stickiness {
        if (days < 1) {
            throw InvalidArgumentException.of("days", ">= 1", days);
        }
        Checks.count(activeUsers, "activeUsers");
        long most = atMostMaxLong(days, activeUsers);
        if (activeUserDays < activeUsers || activeUserDays > most) {
            throw InvalidArgumentException.of("activeUserDays", "in " + activeUsers + ".." + most + " for "
                    + activeUsers + " users over " + days + " days", activeUserDays);
        }
        long mostSquares = atMostMaxLong(days, activeUserDays);
        BigInteger squareOfSum = BigInteger.valueOf(activeUserDays).pow(2);
        if (sumOfSquaredActiveDays < activeUserDays || sumOfSquaredActiveDays > mostSquares
                || BigInteger.valueOf(sumOfSquaredActiveDays).multiply(BigInteger.valueOf(activeUsers)).compareTo(squareOfSum) < 0) {
            throw InvalidArgumentException.of("sumOfSquaredActiveDays", "in " + activeUserDays + ".." + mostSquares
                    + " and >= activeUserDays² / activeUsers for " + activeUsers + " users active on " + activeUserDays
                    + " user-days over " + days + " days", sumOfSquaredActiveDays);
        }
    }

    /** a × b for a, b &gt;= 0, or {@code Long.MAX_VALUE} where the product overflows. */
    private static long atMostMaxLong(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long product = a * b;
        return high != 0 || product < 0 ? Long.MAX_VALUE : product;
    }

    /**
     * The stickiness over a window of {@code days} days of the users active on
     * {@code activeDaysPerUser[i]} days each.
     *
     * @throws InvalidArgumentException unless days &gt;= 1 and every user was active on 1..days days
     * @throws ArithmeticException if a sum overflows a {@code long}
     */
    public static Stickiness ofCounts(long days, long[] activeDaysPerUser) {
        if (days < 1) {
            throw InvalidArgumentException.of("days", ">= 1", days);
        }
        Checks.notNull(activeDaysPerUser, "activeDaysPerUser");
        long sum = 0;
        long sumOfSquares = 0;
        for (int i = 0; i < activeDaysPerUser.length; i++) {
            long d = activeDaysPerUser[i];
            if (d < 1 || d > days) {
                throw new InvalidArgumentException("activeDaysPerUser", "active days of user " + i + " must be in 1.."
                        + days + ", was " + d);
            }
            sum = Math.addExact(sum, d);
            sumOfSquares = Math.addExact(sumOfSquares, Math.multiplyExact(d, d));
        }
        return new Stickiness(days, activeDaysPerUser.length, sum, sumOfSquares);
    }

    /**
     * A new, empty accumulator of activity in the window {@code first..last} (inclusive).
     *
     * @throws InvalidArgumentException if {@code last} is before {@code first}
     */
    public static Accumulator accumulator(LocalDate first, LocalDate last) {
        return new Accumulator(first, last);
    }

    /** A collector of activity records in the window {@code first..last}, reading user id and date. */
    public static <T> Collector<T, ?, Stickiness> collector(LocalDate first, LocalDate last,
            ToLongFunction<? super T> userOf, Function<? super T, LocalDate> dateOf) {
        Checks.notNull(userOf, "userOf");
        Checks.notNull(dateOf, "dateOf");
        return org.loyaltymetrics.Accumulator.collector(() -> new Accumulator(first, last),
                (acc, t) -> acc.add(userOf.applyAsLong(t), dateOf.apply(t)));
    }

    /** The mean daily active users, active user-days / days. */
    public double averageDailyActiveUsers() {
        return (double) activeUserDays / days;
    }

    /** Whether no user was active, so that stickiness is undefined. */
    @Override
    public boolean isEmpty() {
        return activeUsers == 0;
    }

    /**
     * Stickiness, mean DAU / MAU, in [0, 1].
     *
     * @throws UndefinedResultException if no user was active
     */
    @Override
    public double value() {
        if (activeUsers == 0) {
            throw new UndefinedResultException("stickiness is undefined: no active users");
        }
        return averageDailyActiveUsers() / activeUsers;
    }

    /**
     * Stickiness × 100.
     *
     * @throws UndefinedResultException if no user was active
     */
    public double percent() {
        return 100.0 * value();
    }

    /**
     * Stickiness as the mean of the users' shares of active days, with the standard error of a sample
     * mean and U − 1 degrees of freedom (see the class comment).
     *
     * @throws UndefinedResultException if fewer than two users were active
     */
    public Estimate estimate() {
        if (activeUsers < 2) {
            throw new UndefinedResultException("the standard error of stickiness is undefined: " + activeUsers
                    + " active user" + (activeUsers == 1 ? "" : "s") + ", at least 2 needed");
        }
        // sample variance of d_i, exactly: (U Σd² − (Σd)²) / (U (U − 1))
        BigInteger u = BigInteger.valueOf(activeUsers);
        BigInteger s1 = BigInteger.valueOf(activeUserDays);
        double spread = u.multiply(BigInteger.valueOf(sumOfSquaredActiveDays)).subtract(s1.multiply(s1)).doubleValue();
        double varianceOfDays = spread / activeUsers / (activeUsers - 1);
        double standardError = Math.sqrt(varianceOfDays / activeUsers) / days;
        return new Estimate(value(), standardError, activeUsers - 1);
    }

    /**
     * The t interval of the {@link #estimate()} at {@code confidence}, cut to [0, 1].
     *
     * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
     * @throws UndefinedResultException if fewer than two users were active
     */
    @Override
    public ConfidenceInterval confidenceInterval(double confidence) {
        ConfidenceInterval t = estimate().confidenceInterval(confidence);
        return new ConfidenceInterval(Math.max(0.0, t.low()), Math.min(1.0, t.high()), confidence);
    }

    /**
     * Welch's t test of {@code this − earlier} on the two {@link #estimate() estimates} (two months, two
     * segments).
     *
     * @throws UndefinedResultException if either has fewer than two active users, or both standard
     *     errors are 0
     */
    @Override
    public DifferenceTest differenceFrom(Stickiness earlier) {
        Checks.notNull(earlier, "earlier");
        return estimate().differenceFrom(earlier.estimate());
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
     * accumulators of the same window combine exactly.
     *
     * <p>This class is not thread-safe: use one accumulator per thread and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, Stickiness> {

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
                throw InvalidArgumentException.of("last", "on or after first " + first, last);
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
         * @throws InvalidArgumentException if the windows differ
         */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            Checks.sameSetting(window(), other.window(), "other", "window");
            other.userDays.forEach(key -> userDays.add((long) users.add(other.users.key((int) (key >>> 32))) << 32
                    | (key & 0xFFFF_FFFFL)));
            outside = Checks.addCounts(outside, other.outside, "activity outside the window");
            return this;
        }

        private String window() {
            return LocalDate.ofEpochDay(first) + ".." + LocalDate.ofEpochDay(last);
        }

        /** The stickiness of the activity added so far. */
        @Override
        public Stickiness snapshot() {
            long[] activeDays = new long[users.size()];
            userDays.forEach(key -> activeDays[(int) (key >>> 32)]++);
            long sumOfSquares = 0;
            for (long d : activeDays) {
                sumOfSquares = Math.addExact(sumOfSquares, d * d);
            }
            return new Stickiness((long) last - first + 1, users.size(), userDays.size(), sumOfSquares);
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "behavior.Stickiness.Accumulator"}, version 1:
         * the window's first and last day (epoch days, zigzag varints), the activity outside it (a varint), the
         * number of users, then for each user by ascending id: the id (a zigzag varint), the number of their active
         * days and each of those days as its offset from the window's first day, ascending (varints).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "behavior.Stickiness.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            BinaryFields.writeSigned(out, value.first);
            BinaryFields.writeSigned(out, value.last);
            BinaryFields.writeCount(out, value.outside);
            // the user-day keys (user index << 32 | offset) sorted: each user's offsets together, ascending
            long[] keys = BinaryFields.sorted(value.userDays);
            int[] start = new int[value.users.size() + 1];
            for (long key : keys) {
                start[(int) (key >>> 32) + 1]++;
            }
            for (int i = 0; i < value.users.size(); i++) {
                start[i + 1] += start[i];
            }
            BinaryFields.writeCount(out, value.users.size());
            for (int i : value.users.indexesByKey()) {
                BinaryFields.writeSigned(out, value.users.key(i));
                BinaryFields.writeCount(out, start[i + 1] - start[i]);
                for (int k = start[i]; k < start[i + 1]; k++) {
                    BinaryFields.writeCount(out, keys[k] & 0xFFFF_FFFFL);
                }
            }
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Accumulator read = new Accumulator(BinaryFields.readDate(in), BinaryFields.readDate(in));
            read.outside = BinaryFields.readCount(in);
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            long id = 0;
            for (int i = 0; i < n; i++) {
                id = BinaryFields.readId(in, i, id);
                int user = read.users.add(id);
                int days = BinaryFields.readLength(in, read.last - read.first + 1);
                BinaryFields.checkField(days >= 1, "at least 1 active day of each user", days);
                long previous = -1;
                for (int k = 0; k < days; k++) {
                    long offset = BinaryFields.readCount(in);
                    BinaryFields.checkField(offset > previous && offset <= read.last - read.first,
                            "ascending offsets in 0.." + (read.last - read.first), offset);
                    read.userDays.add((long) user << 32 | offset);
                    previous = offset;
                }
            }
            return read;
        }

        /** Reads, e.g., {@code "Stickiness.Accumulator: 60 active user-days of 3 users in 2025-04-01..2025-04-30"}. */
        @Override
        public String toString() {
            return "Stickiness.Accumulator: " + userDays.size() + " active user-days of " + users.size() + " users in "
                    + window();
        }
    }
}
