package org.loyaltymetrics.retention;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.LongObjectMap;
import org.loyaltymetrics.internal.LongPeriodSets;
import org.loyaltymetrics.stats.Proportion;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;
import org.loyaltymetrics.time.CalendarPeriod;
import org.loyaltymetrics.time.Granularity;

/**
 * A cohort retention table from activity events (user id, date). A user's cohort is the calendar
 * period (day, ISO week of 7 days, or month) of their first event; for each cohort and each period
 * offset k = 0, 1, … the table counts
 * <ul>
 *   <li>the users active in exactly period k after their cohort's ("return on", N-period retention);
 *   <li>the users active in period k or any later one ("return on or after", unbounded retention).
 * </ul>
 * Offset 0 holds the whole cohort. A cohort reports only the offsets observed for it: up to the last
 * period in which any event of the data falls. {@link #averageCurve()} weighs cohorts by size.
 *
 * <p>Two tables cannot be merged: they count distinct users, and a user active in both parts of the
 * data (first seen in one, returning in the other) would be counted twice, in two cohorts. Combine
 * the {@link Accumulator}s instead, which know each user's periods. The table prints one line;
 * {@link #toTable()} gives the grid.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param granularity the length of the periods
 * @param cohorts the cohorts that have users, in time order
 */
public record CohortTable(Granularity granularity, List<Cohort> cohorts) implements Tabular {

    /** One cohort: its period, its size and its counts per offset. Immutable. */
    public static final class Cohort {

        private final CalendarPeriod period;
        private final long[] returnOn;
        private final long[] returnOnOrAfter;

        Cohort(CalendarPeriod period, long[] returnOn, long[] returnOnOrAfter) {
            this.period = period;
            this.returnOn = returnOn;
            this.returnOnOrAfter = returnOnOrAfter;
        }

        /** The cohort's period: that of its users' first events. */
        public CalendarPeriod period() {
            return period;
        }

        /** The number of users in the cohort. */
        public long size() {
            return returnOn[0];
        }

        /** The number of observed offsets (offset 0 included). */
        public int offsets() {
            return returnOn.length;
        }

        /** The users active in exactly period {@code offset} after the cohort's. */
        public long returnOn(int offset) {
            return returnOn[checkOffset(offset)];
        }

        /** The users active in period {@code offset} after the cohort's or later. */
        public long returnOnOrAfter(int offset) {
            return returnOnOrAfter[checkOffset(offset)];
        }

        /** The "return on" counts, offset 0 first (a copy). */
        public long[] returnOnCounts() {
            return returnOn.clone();
        }

        /** The "return on or after" counts, offset 0 first (a copy). */
        public long[] returnOnOrAfterCounts() {
            return returnOnOrAfter.clone();
        }

        /** N-period retention: {@code returnOn(offset)} of {@code size()}. */
        public Proportion retention(int offset) {
            return Proportion.of(returnOn(offset), size());
        }

        /** Unbounded retention: {@code returnOnOrAfter(offset)} of {@code size()}. */
        public Proportion retentionOnOrAfter(int offset) {
            return Proportion.of(returnOnOrAfter(offset), size());
        }

        private int checkOffset(int offset) {
            if (offset < 0 || offset >= returnOn.length) {
                throw InvalidArgumentException.of("offset", "in 0.." + (returnOn.length - 1) + " for cohort " + period,
                        offset);
            }
            return offset;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cohort && ((Cohort) o).period.equals(period) && Arrays.equals(((Cohort) o).returnOn, returnOn)
                    && Arrays.equals(((Cohort) o).returnOnOrAfter, returnOnOrAfter);
        }

        @Override
        public int hashCode() {
            return 31 * period.hashCode() + Arrays.hashCode(returnOn);
        }

        /** Reads, e.g., {@code "cohort 2025-01, 2 users, return on [2, 1, 1, 0], on or after [2, 2, 1, 0]"}. */
        @Override
        public String toString() {
            return "cohort " + period + ", " + size() + " users, return on " + Arrays.toString(returnOn)
                    + ", on or after " + Arrays.toString(returnOnOrAfter);
        }
    }

    /**
     * Validates the components and copies the cohorts.
     *
     * @throws InvalidArgumentException unless the cohorts are periods of {@code granularity} in
     *     increasing order
     */
    public CohortTable {
        Checks.notNull(granularity, "granularity");
        cohorts = List.copyOf(Checks.notNull(cohorts, "cohorts"));
        Records.requireIncreasing(granularity, cohorts, Cohort::period, "cohorts", "cohort");
    }

    /**
     * A new, empty accumulator of activity events, cohorts and offsets in periods of
     * {@code granularity} (DAY, WEEK or MONTH).
     *
     * @throws InvalidArgumentException if {@code granularity} is QUARTER or YEAR
     */
    public static Accumulator accumulator(Granularity granularity) {
        return new Accumulator(granularity);
    }

    /**
     * A collector of activity events, reading each event's user id and date.
     *
     * @throws InvalidArgumentException if {@code granularity} is QUARTER or YEAR
     */
    public static <T> Collector<T, ?, CohortTable> collector(Granularity granularity, ToLongFunction<? super T> userOf,
            Function<? super T, LocalDate> dateOf) {
        Checks.notNull(userOf, "userOf");
        Checks.notNull(dateOf, "dateOf");
        return org.loyaltymetrics.Accumulator.collector(() -> new Accumulator(granularity),
                (acc, t) -> acc.add(userOf.applyAsLong(t), dateOf.apply(t)));
    }

    /**
     * The cohort of {@code period}.
     *
     * @throws InvalidArgumentException if no user's first event falls in it
     */
    public Cohort cohort(CalendarPeriod period) {
        Checks.notNull(period, "period");
        for (Cohort cohort : cohorts) {
            if (cohort.period.equals(period)) {
                return cohort;
            }
        }
        throw InvalidArgumentException.of("period", "a cohort of the table", period);
    }

    /**
     * The size-weighted average N-period retention curve: at offset k, the users of every cohort
     * that observed offset k who were active in period k, of those cohorts' users.
     */
    public List<Proportion> averageCurve() {
        return average(false);
    }

    /** The size-weighted average unbounded ("on or after") retention curve. */
    public List<Proportion> averageCurveOnOrAfter() {
        return average(true);
    }

    private List<Proportion> average(boolean onOrAfter) {
        int offsets = 0;
        for (Cohort cohort : cohorts) {
            offsets = Math.max(offsets, cohort.offsets());
        }
        List<Proportion> curve = new ArrayList<>(offsets);
        for (int k = 0; k < offsets; k++) {
            long active = 0;
            long users = 0;
            for (Cohort cohort : cohorts) {
                if (k < cohort.offsets()) {
                    active += onOrAfter ? cohort.returnOnOrAfter[k] : cohort.returnOn[k];
                    users += cohort.size();
                }
            }
            curve.add(Proportion.of(active, users));
        }
        return Collections.unmodifiableList(curve);
    }

    /** Reads, e.g., {@code "CohortTable by MONTH: 3 cohorts, 5 users, 2025-01 to 2025-04"}. */
    @Override
    public String toString() {
        long users = 0;
        for (Cohort cohort : cohorts) {
            users += cohort.size();
        }
        return "CohortTable by " + granularity + ": " + cohorts.size() + " cohorts, " + users + " users"
                + (cohorts.isEmpty() ? "" : ", " + cohorts.get(0).period + " to "
                        + cohorts.get(cohorts.size() - 1).period);
    }

    /**
     * A grid of N-period retention: one row per cohort, its size, then the percentage of its users active
     * at each offset ({@code +0}, {@code +1}, …), undefined where the cohort did not observe the offset.
     */
    @Override
    public Table toTable() {
        int offsets = 0;
        for (Cohort cohort : cohorts) {
            offsets = Math.max(offsets, cohort.offsets());
        }
        Table.Builder table = Table.builder().column("cohort").numberColumn("users");
        for (int k = 0; k < offsets; k++) {
            table.numberColumn("+" + k);
        }
        for (Cohort cohort : cohorts) {
            Object[] row = new Object[offsets + 2];
            row[0] = cohort.period;
            row[1] = cohort.size();
            for (int k = 0; k < offsets; k++) {
                row[k + 2] = k < cohort.offsets() ? Formatting.decimal(100.0 * cohort.returnOn[k] / cohort.size(), 1) + "%"
                        : null;
            }
            table.row(row);
        }
        return table.build();
    }

    /**
     * A mutable accumulator of activity events, in any order. Per user it keeps the set of periods with
     * activity as a bitmap ({@link LongPeriodSets}: inline in an open-addressing table while the user's
     * active periods span at most 64, in a per-user array beyond). An event of a known user allocates
     * nothing unless it widens the user's span past 64 periods. Accumulators combine exactly: a user
     * seen by both keeps the union of its periods. This class is not thread-safe: use one per thread
     * and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, CohortTable> {

        private static final long serialVersionUID = 1L;

        private final Granularity granularity;
        private final LongPeriodSets users = new LongPeriodSets();
        private long lastPeriod = Long.MIN_VALUE;

        Accumulator(Granularity granularity) {
            this.granularity = Checks.notNull(granularity, "granularity");
            if (granularity != Granularity.DAY && granularity != Granularity.WEEK && granularity != Granularity.MONTH) {
                throw InvalidArgumentException.of("granularity", "DAY, WEEK or MONTH", granularity);
            }
        }

        /** Adds one activity event of {@code user} on {@code date}. */
        public Accumulator add(long user, LocalDate date) {
            long period = granularity.periodNumber(Checks.notNull(date, "date"));
            users.add(user, period);
            lastPeriod = Math.max(lastPeriod, period);
            return this;
        }

        /**
         * Adds every event of {@code other} ({@code other} is left unchanged).
         *
         * @throws InvalidArgumentException if {@code other} has another granularity
         */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            Checks.sameSetting(granularity, other.granularity, "other", "granularity");
            users.addAll(other.users);
            lastPeriod = Math.max(lastPeriod, other.lastPeriod);
            return this;
        }

        /** The table of the events added so far. */
        @Override
        public CohortTable snapshot() {
            LongObjectMap<long[][]> byCohort = new LongObjectMap<>();
            users.forEach((user, periods, count) -> {
                long cohort = periods[0];
                long[][] counts = byCohort.get(cohort);
                if (counts == null) {
                    int offsets = Math.toIntExact(lastPeriod - cohort + 1);
                    counts = new long[][] {new long[offsets], new long[offsets + 1]};
                    byCohort.put(cohort, counts);
                }
                long[] returnOn = counts[0];
                for (int i = 0; i < count; i++) {
                    returnOn[(int) (periods[i] - cohort)]++;
                }
                counts[1][0]++;
                counts[1][(int) (periods[count - 1] - cohort) + 1]--;
            });
            List<Cohort> cohorts = new ArrayList<>();
            for (long cohort : byCohort.sortedKeys()) {
                long[][] counts = byCohort.get(cohort);
                long[] onOrAfter = new long[counts[0].length];
                long running = 0;
                for (int k = 0; k < onOrAfter.length; k++) {
                    running += counts[1][k];
                    onOrAfter[k] = running;
                }
                cohorts.add(new Cohort(CalendarPeriod.ofNumber(granularity, cohort), counts[0], onOrAfter));
            }
            return new CohortTable(granularity, cohorts);
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "retention.CohortTable.Accumulator"}, version 1:
         * the granularity (its name, as a tag), the number of users, then for each user by ascending id: the id (a
         * zigzag varint), the number of their active periods, the first of them (a zigzag varint, as
         * {@link Granularity#periodNumber} counts) and each later one as its distance from the one before (a
         * varint, &ge; 1).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "retention.CohortTable.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            BinaryFields.writeName(out, value.granularity);
            LongObjectMap<long[]> byUser = new LongObjectMap<>(value.users.size());
            value.users.forEach((user, periods, count) -> byUser.put(user, Arrays.copyOf(periods, count)));
            long[] ids = byUser.sortedKeys();
            BinaryFields.writeCount(out, ids.length);
            for (long id : ids) {
                long[] periods = byUser.get(id);
                BinaryFields.writeSigned(out, id);
                BinaryFields.writeAscending(out, periods, 0, periods.length);
            }
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Granularity granularity = BinaryFields.readName(in, Granularity.class);
            Accumulator read = new Accumulator(granularity);
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            long id = 0;
            long firstPeriod = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                id = BinaryFields.readId(in, i, id);
                long[] periods = BinaryFields.readAscending(in, Integer.MAX_VALUE);
                for (long period : periods) {
                    read.users.add(id, period);
                }
                firstPeriod = Math.min(firstPeriod, periods[0]);
                read.lastPeriod = Math.max(read.lastPeriod, periods[periods.length - 1]);
            }
            if (n > 0) { // periods of dates
                CalendarPeriod.ofNumber(granularity, firstPeriod);
                CalendarPeriod.ofNumber(granularity, read.lastPeriod);
            }
            return read;
        }

        /** Reads, e.g., {@code "CohortTable.Accumulator by MONTH: 1000 users"}. */
        @Override
        public String toString() {
            return "CohortTable.Accumulator by " + granularity + ": " + users.size() + " users";
        }
    }
}
