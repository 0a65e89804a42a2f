package org.loyaltymetrics.retention;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.LongObjectMap;
import org.loyaltymetrics.internal.TextTable;
import org.loyaltymetrics.stats.Proportion;
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
 * <p>This class is immutable and thread-safe.
 */
public final class CohortTable {

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
                throw new IllegalArgumentException("offset must be in 0.." + (returnOn.length - 1) + " for cohort "
                        + period + ", was " + offset);
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

        @Override
        public String toString() {
            return "cohort " + period + ", " + size() + " users, return on " + Arrays.toString(returnOn)
                    + ", on or after " + Arrays.toString(returnOnOrAfter);
        }
    }

    private final Granularity granularity;
    private final List<Cohort> cohorts;

    private CohortTable(Granularity granularity, List<Cohort> cohorts) {
        this.granularity = granularity;
        this.cohorts = cohorts;
    }

    /**
     * A new, empty accumulator of activity events, cohorts and offsets in periods of
     * {@code granularity} (DAY, WEEK or MONTH).
     */
    public static Accumulator accumulator(Granularity granularity) {
        return new Accumulator(granularity);
    }

    /** A collector of activity events, reading each event's user id and date. */
    public static <T> Collector<T, ?, CohortTable> collector(Granularity granularity, ToLongFunction<? super T> userOf,
            Function<? super T, LocalDate> dateOf) {
        Checks.notNull(userOf, "userOf");
        Checks.notNull(dateOf, "dateOf");
        accumulator(granularity); // validates the granularity now rather than in the stream
        return Collector.of(() -> new Accumulator(granularity), (acc, t) -> acc.add(userOf.applyAsLong(t), dateOf.apply(t)),
                Accumulator::combine, Accumulator::snapshot, Collector.Characteristics.UNORDERED);
    }

    /** The length of the periods. */
    public Granularity granularity() {
        return granularity;
    }

    /** The cohorts that have users, in time order. */
    public List<Cohort> cohorts() {
        return cohorts;
    }

    /**
     * The cohort of {@code period}.
     *
     * @throws IllegalArgumentException if no user's first event falls in it
     */
    public Cohort cohort(CalendarPeriod period) {
        Checks.notNull(period, "period");
        for (Cohort cohort : cohorts) {
            if (cohort.period.equals(period)) {
                return cohort;
            }
        }
        throw new IllegalArgumentException("period must be a cohort of the table, was " + period);
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

    @Override
    public boolean equals(Object o) {
        return o instanceof CohortTable && ((CohortTable) o).granularity == granularity
                && ((CohortTable) o).cohorts.equals(cohorts);
    }

    @Override
    public int hashCode() {
        return 31 * granularity.hashCode() + cohorts.hashCode();
    }

    /** A grid of N-period retention: one row per cohort, its size, then the percentage active at each offset. */
    @Override
    public String toString() {
        int offsets = 0;
        for (Cohort cohort : cohorts) {
            offsets = Math.max(offsets, cohort.offsets());
        }
        String[] headers = new String[offsets + 2];
        headers[0] = "cohort";
        headers[1] = "users";
        for (int k = 0; k < offsets; k++) {
            headers[k + 2] = "+" + k;
        }
        TextTable table = new TextTable(headers);
        for (Cohort cohort : cohorts) {
            Object[] row = new Object[offsets + 2];
            row[0] = cohort.period;
            row[1] = cohort.size();
            for (int k = 0; k < offsets; k++) {
                row[k + 2] = k < cohort.offsets() ? Formatting.decimal(100.0 * cohort.returnOn[k] / cohort.size(), 1) + "%" : "-";
            }
            table.row(row);
        }
        return table.toString();
    }

    /**
     * A mutable accumulator of activity events, in any order. Per user it keeps a bitmap of the
     * periods with activity: inline in an open-addressing table (user, base period, 64 bits) while
     * the user's active periods span at most 64, in a per-user array beyond. An event of a known user
     * allocates nothing unless it widens the user's span past 64 periods. Accumulators combine
     * exactly. Not thread-safe: use one per thread and combine them.
     */
    public static final class Accumulator implements Serializable {

        private static final long serialVersionUID = 1L;


        /** Periods of room kept before a user's first event. */
        private static final int SLACK = 24;
        /** The base of a slot whose user's periods live in {@link #wide}. */
        private static final long WIDE = Long.MIN_VALUE;
        /** Slot layout: user, base period, bits of periods base .. base + 63; a free slot has no bits and is not WIDE. */
        private static final int STRIDE = 3;

        private final Granularity granularity;
        private long[] slots = new long[STRIDE * 1024];
        private int mask = 1023;
        private int size;
        /** Users whose periods span more than 64: {base period, bitmap words of periods base, base + 1, …}. */
        private final LongObjectMap<long[]> wide = new LongObjectMap<>();
        private long lastPeriod = Long.MIN_VALUE;

        Accumulator(Granularity granularity) {
            this.granularity = Checks.notNull(granularity, "granularity");
            if (granularity != Granularity.DAY && granularity != Granularity.WEEK && granularity != Granularity.MONTH) {
                throw new IllegalArgumentException("granularity must be DAY, WEEK or MONTH, was " + granularity);
            }
        }

        /** Adds one activity event of {@code user} on {@code date}. */
        public Accumulator add(long user, LocalDate date) {
            long period = granularity.periodNumber(Checks.notNull(date, "date"));
            addPeriod(user, period);
            lastPeriod = Math.max(lastPeriod, period);
            return this;
        }

        private void addPeriod(long user, long period) {
            for (int i = slot(user); ; i = (i + 1) & mask) {
                int j = STRIDE * i;
                long bits = slots[j + 2];
                long base = slots[j + 1];
                if (bits == 0 && base != WIDE) {
                    slots[j] = user;
                    slots[j + 1] = period - SLACK;
                    slots[j + 2] = 1L << SLACK;
                    if (++size > (mask + 1) / 2) {
                        grow();
                    }
                    return;
                }
                if (slots[j] != user) {
                    continue;
                }
                if (base == WIDE) {
                    long[] activity = wide.get(user);
                    long[] updated = withPeriod(activity, period);
                    if (updated != activity) {
                        wide.put(user, updated);
                    }
                    return;
                }
                long offset = period - base;
                if (offset >= 0 && offset < 64) {
                    slots[j + 2] = bits | 1L << offset;
                    return;
                }
                long low = Math.min(base + Long.numberOfTrailingZeros(bits), period);
                long high = Math.max(base + 63 - Long.numberOfLeadingZeros(bits), period);
                if (high - low < 64) {
                    // Still fits in 64 periods: move the window towards the new period.
                    long newBase = period < base ? high - 63 : low;
                    long shift = base - newBase;
                    long moved = shift >= 0 ? bits << shift : bits >>> -shift;
                    slots[j + 1] = newBase;
                    slots[j + 2] = moved | 1L << (period - newBase);
                } else {
                    long[] activity = withPeriod(wideActivity(base, bits), period);
                    wide.put(user, activity);
                    slots[j + 1] = WIDE;
                    slots[j + 2] = 0;
                }
                return;
            }
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            mask = slots.length / STRIDE - 1;
            for (int j = 0; j < old.length; j += STRIDE) {
                if (old[j + 2] != 0 || old[j + 1] == WIDE) {
                    int i = slot(old[j]);
                    while (slots[STRIDE * i + 2] != 0 || slots[STRIDE * i + 1] == WIDE) {
                        i = (i + 1) & mask;
                    }
                    System.arraycopy(old, j, slots, STRIDE * i, STRIDE);
                }
            }
        }

        private int slot(long user) {
            long h = user * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }

        private static long[] wideActivity(long base, long bits) {
            return new long[] {base, bits};
        }

        /** Sets {@code period} in a wide bitmap, returning the same array when it had room. */
        private static long[] withPeriod(long[] activity, long period) {
            long base = activity[0];
            if (period < base) {
                long[] rebased = new long[] {period - SLACK, 1L << SLACK};
                for (int word = 1; word < activity.length; word++) {
                    for (long bits = activity[word]; bits != 0; bits &= bits - 1) {
                        rebased = withPeriod(rebased, base + 64L * (word - 1) + Long.numberOfTrailingZeros(bits));
                    }
                }
                return rebased;
            }
            long offset = period - base;
            int word = Math.toIntExact((offset >>> 6) + 1);
            long[] target = activity;
            if (word >= activity.length) {
                target = Arrays.copyOf(activity, Math.max(word + 1, activity.length * 2));
            }
            target[word] |= 1L << (offset & 63);
            return target;
        }

        /** Every user's bitmap, in the wide form {base period, words …}. */
        private List<long[]> activities() {
            List<long[]> all = new ArrayList<>(size);
            for (int j = 0; j < slots.length; j += STRIDE) {
                if (slots[j + 2] != 0) {
                    all.add(wideActivity(slots[j + 1], slots[j + 2]));
                } else if (slots[j + 1] == WIDE) {
                    all.add(wide.get(slots[j]));
                }
            }
            return all;
        }

        /** Adds every event of {@code other} ({@code other} is left unchanged). */
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            if (other.granularity != granularity) {
                throw new IllegalArgumentException("other must have granularity " + granularity + ", was " + other.granularity);
            }
            for (int j = 0; j < other.slots.length; j += STRIDE) {
                long user = other.slots[j];
                long[] theirs = other.slots[j + 2] != 0 ? wideActivity(other.slots[j + 1], other.slots[j + 2])
                        : other.slots[j + 1] == WIDE ? other.wide.get(user) : null;
                if (theirs == null) {
                    continue;
                }
                for (int word = 1; word < theirs.length; word++) {
                    for (long bits = theirs[word]; bits != 0; bits &= bits - 1) {
                        addPeriod(user, theirs[0] + 64L * (word - 1) + Long.numberOfTrailingZeros(bits));
                    }
                }
            }
            lastPeriod = Math.max(lastPeriod, other.lastPeriod);
            return this;
        }

        /** The table of the events added so far. */
        public CohortTable snapshot() {
            LongObjectMap<long[][]> byCohort = new LongObjectMap<>();
            for (long[] activity : activities()) {
                int firstWord = 1;
                while (activity[firstWord] == 0) {
                    firstWord++;
                }
                long cohort = activity[0] + 64L * (firstWord - 1) + Long.numberOfTrailingZeros(activity[firstWord]);
                long[][] counts = byCohort.get(cohort);
                if (counts == null) {
                    int offsets = Math.toIntExact(lastPeriod - cohort + 1);
                    counts = new long[][] {new long[offsets], new long[offsets + 1]};
                    byCohort.put(cohort, counts);
                }
                long lastOffset = 0;
                for (int word = firstWord; word < activity.length; word++) {
                    for (long bits = activity[word]; bits != 0; bits &= bits - 1) {
                        lastOffset = activity[0] + 64L * (word - 1) + Long.numberOfTrailingZeros(bits) - cohort;
                        counts[0][(int) lastOffset]++;
                    }
                }
                counts[1][0]++;
                counts[1][(int) lastOffset + 1]--;
            }
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
            return new CohortTable(granularity, Collections.unmodifiableList(cohorts));
        }
    }
}
