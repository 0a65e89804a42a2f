package org.loyaltymetrics.programme;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.LongObjectMap;
import org.loyaltymetrics.retention.SurvivalCurve;
import org.loyaltymetrics.stats.Proportion;

/**
 * The tier histories of a tiered programme's members: each record says that a member holds a tier from a date
 * on (tiers are levels 0, 1, 2, ..., higher is better; the names are the caller's), or that the member left
 * the programme ({@link Accumulator#addExit(long, LocalDate)}). A member's tier on a date is the one of their
 * last record on or before it; none before their first record or after an exit.
 *
 * <p>Figures: the members per tier on a date ({@link #membersPerTier(LocalDate)}), the migration matrix
 * between two dates ({@link #migration(LocalDate, LocalDate)}: upgrades, downgrades, stays and exits, with
 * shares and Wilson intervals), and the time to reach the next tier ({@link #timeToNextTier(int, LocalDate)},
 * a Kaplan–Meier curve of {@code retention}).
 *
 * <p>The value holds every record (a member's tier on a date depends on the order of their records), so it
 * does not merge as a value; its accumulators combine exactly. Two records of one member on one day keep the
 * higher tier (an exit on a day with a tier record keeps the tier). This class is immutable and thread-safe.
 */
public final class TierHistory {

    static final int EXIT = -1;

    private final long[] members;
    private final int[] start;
    private final int[] day;
    private final int[] level;
    private final int tiers;

    private TierHistory(long[] members, int[] start, int[] day, int[] level) {
        this.members = members;
        this.start = start;
        this.day = day;
        this.level = level;
        int max = -1;
        for (int l : level) {
            max = Math.max(max, l);
        }
        this.tiers = max + 1;
    }

    /** A new, empty accumulator of tier records. */
    public static Accumulator accumulator() {
        return new Accumulator();
    }

    /**
     * A collector of records into the tier histories, reading each record's member, date and tier level
     * (a negative level for an exit).
     *
     * @param memberOf the member of a record
     * @param dateOf its date
     * @param levelOf its tier level, or a negative number for an exit
     * @param <T> the record type
     * @return the collector
     */
    public static <T> Collector<T, ?, TierHistory> collector(java.util.function.ToLongFunction<? super T> memberOf,
            java.util.function.Function<? super T, LocalDate> dateOf, java.util.function.ToIntFunction<? super T> levelOf) {
        Checks.notNull(memberOf, "memberOf");
        Checks.notNull(dateOf, "dateOf");
        Checks.notNull(levelOf, "levelOf");
        return org.loyaltymetrics.Accumulator.collector(Accumulator::new, (acc, t) -> {
            int l = levelOf.applyAsInt(t);
            if (l < 0) {
                acc.addExit(memberOf.applyAsLong(t), dateOf.apply(t));
            } else {
                acc.add(memberOf.applyAsLong(t), dateOf.apply(t), l);
            }
        });
    }

    /** The number of tiers: the highest level recorded + 1 (0 when there is no record). */
    public int tierCount() {
        return tiers;
    }

    /** The number of members with a record. */
    public int memberCount() {
        return members.length;
    }

    /** Whether there is no record. */
    public boolean isEmpty() {
        return members.length == 0;
    }

    /** The tier level of member index {@code m} at the end of epoch day {@code d}, or {@link #EXIT} for none. */
    private int levelAt(int m, int d) {
        int found = EXIT;
        for (int r = start[m]; r < start[m + 1] && day[r] <= d; r++) {
            found = level[r];
        }
        return found;
    }

    /**
     * The tier of {@code member} at the end of {@code date}: its level, or −1 when the member holds none.
     *
     * @throws InvalidArgumentException if the member has no record
     */
    public int tierOf(long member, LocalDate date) {
        int m = Arrays.binarySearch(members, member);
        if (m < 0) {
            throw InvalidArgumentException.of("member", "a member with a tier record", member);
        }
        return levelAt(m, Checks.epochDay(date, "date"));
    }

    /** The members holding each tier at the end of {@code date}: element l counts tier l. */
    public long[] membersPerTier(LocalDate date) {
        int d = Checks.epochDay(date, "date");
        long[] counts = new long[tiers];
        for (int m = 0; m < members.length; m++) {
            int l = levelAt(m, d);
            if (l >= 0) {
                counts[l]++;
            }
        }
        return counts;
    }

    /**
     * The tier-migration matrix from the end of {@code from} to the end of {@code to}: for each member holding
     * a tier on {@code from}, their tier on {@code to} or their exit.
     *
     * @throws InvalidArgumentException if {@code to} is before {@code from}
     */
    public TierMigration migration(LocalDate from, LocalDate to) {
        int a = Checks.epochDay(from, "from");
        int b = Checks.epochDay(to, "to");
        if (b < a) {
            throw InvalidArgumentException.of("to", "on or after from " + from, to);
        }
        long[][] counts = new long[tiers][tiers + 1];
        for (int m = 0; m < members.length; m++) {
            int before = levelAt(m, a);
            if (before >= 0) {
                int after = levelAt(m, b);
                counts[before][after < 0 ? tiers : after]++;
            }
        }
        return new TierMigration(from, to, counts);
    }

    /**
     * The time in days from a member's first day in tier {@code level} (or reaching it from below) to their
     * first day in a higher tier, as a Kaplan–Meier curve: members who have not reached a higher tier are
     * censored at {@code asOf}, at their exit or at a downgrade below {@code level}. Each member counts once, from their first entry into
     * {@code level} on or before {@code asOf}.
     *
     * @throws InvalidArgumentException if {@code level} is negative
     */
    public SurvivalCurve timeToNextTier(int level, LocalDate asOf) {
        if (level < 0) {
            throw InvalidArgumentException.of("level", ">= 0", level);
        }
        int last = Checks.epochDay(asOf, "asOf");
        SurvivalCurve.Accumulator curve = SurvivalCurve.accumulator();
        for (int m = 0; m < members.length; m++) {
            int entered = -1;
            for (int r = start[m]; r < start[m + 1] && day[r] <= last; r++) {
                if (entered < 0) {
                    if (this.level[r] == level) {
                        entered = day[r];
                    }
                } else if (this.level[r] > level) {
                    curve.add(day[r] - entered, true);
                    entered = Integer.MIN_VALUE;
                    break;
                } else if (this.level[r] < level) { // an exit or a downgrade
                    curve.add(day[r] - entered, false);
                    entered = Integer.MIN_VALUE;
                    break;
                }
            }
            if (entered >= 0) {
                curve.add(last - entered, false);
            }
        }
        return curve.snapshot();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TierHistory && Arrays.equals(((TierHistory) o).members, members)
                && Arrays.equals(((TierHistory) o).start, start) && Arrays.equals(((TierHistory) o).day, day)
                && Arrays.equals(((TierHistory) o).level, level);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(members) * 31 + Arrays.hashCode(day)) * 31 + Arrays.hashCode(level);
    }

    /** Reads, e.g., {@code "tier histories of 12 members, 3 tiers, 20 records"}. */
    @Override
    public String toString() {
        return "tier histories of " + members.length + " members, " + tiers + " tiers, " + day.length + " records";
    }

    /**
     * A mutable accumulator of tier records; accumulators combine exactly. Adding a record of a known member
     * allocates only when their array grows. This class is not thread-safe: use one per thread and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, TierHistory> {

        private static final long serialVersionUID = 1L;

        private final LongObjectMap<Records> byMember = new LongObjectMap<>();
        private long records;

        Accumulator() {
        }

        /**
         * Adds that {@code member} holds tier {@code level} from {@code date} on.
         *
         * @throws InvalidArgumentException if {@code level} is negative
         */
        public Accumulator add(long member, LocalDate date, int level) {
            int d = Checks.epochDay(date, "date");
            if (level < 0) {
                throw InvalidArgumentException.of("level", ">= 0 (member " + member + " on " + date + ")", level);
            }
            byMember.computeIfAbsent(member, k -> new Records()).add(d, level);
            records++;
            return this;
        }

        /** Adds that {@code member} left the programme on {@code date} (holds no tier from it on). */
        public Accumulator addExit(long member, LocalDate date) {
            int d = Checks.epochDay(date, "date");
            byMember.computeIfAbsent(member, k -> new Records()).add(d, EXIT);
            records++;
            return this;
        }

        /** Adds every record of {@code other} ({@code other} is left unchanged). */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            for (long member : other.byMember.sortedKeys()) {
                Records theirs = other.byMember.get(member);
                Records ours = byMember.computeIfAbsent(member, k -> new Records());
                for (int i = 0; i < theirs.size; i++) {
                    ours.add(theirs.day[i], theirs.level[i]);
                }
            }
            records += other.records;
            return this;
        }

        /** The tier histories of the records added so far. */
        @Override
        public TierHistory snapshot() {
            long[] ids = byMember.sortedKeys();
            int[] start = new int[ids.length + 1];
            List<int[]> all = new ArrayList<>();
            for (int m = 0; m < ids.length; m++) {
                start[m] = all.size();
                Records r = byMember.get(ids[m]);
                long[] packed = new long[r.size];
                for (int i = 0; i < r.size; i++) {
                    packed[i] = ((long) r.day[i] << 32) | ((r.level[i] + 1L) & 0xffffffffL);
                }
                Arrays.sort(packed);
                for (int i = 0; i < packed.length; i++) {
                    int d = (int) (packed[i] >> 32);
                    int l = (int) (packed[i] & 0xffffffffL) - 1;
                    // one record per day: the last of the sorted ones, the highest level
                    if (i + 1 < packed.length && (int) (packed[i + 1] >> 32) == d) {
                        continue;
                    }
                    all.add(new int[] {d, l});
                }
            }
            start[ids.length] = all.size();
            int[] day = new int[all.size()];
            int[] level = new int[all.size()];
            for (int i = 0; i < day.length; i++) {
                day[i] = all.get(i)[0];
                level[i] = all.get(i)[1];
            }
            return new TierHistory(ids, start, day, level);
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "programme.TierHistory.Accumulator"}, version 1:
         * the number of members, then for each member by ascending id: the id (a zigzag varint), the number of their
         * records, then the records in the order of day, then level: the first record's epoch day (a zigzag varint),
         * each later one's as its distance from the one before (a varint, 0 for the same day), and each record's
         * level plus 1 (a varint, 0 for an exit).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "programme.TierHistory.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            long[] ids = value.byMember.sortedKeys();
            BinaryFields.writeCount(out, ids.length);
            for (long id : ids) {
                Records r = value.byMember.get(id);
                long[] packed = new long[r.size];
                for (int i = 0; i < r.size; i++) {
                    packed[i] = ((long) r.day[i] << 32) | ((r.level[i] + 1L) & 0xffffffffL);
                }
                Arrays.sort(packed);
                BinaryFields.writeSigned(out, id);
                BinaryFields.writeCount(out, packed.length);
                for (int i = 0; i < packed.length; i++) {
                    long day = packed[i] >> 32;
                    if (i == 0) {
                        BinaryFields.writeSigned(out, day);
                    } else {
                        BinaryFields.writeCount(out, day - (packed[i - 1] >> 32));
                    }
                    BinaryFields.writeCount(out, packed[i] & 0xffffffffL);
                }
            }
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Accumulator read = new Accumulator();
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            long id = 0;
            for (int m = 0; m < n; m++) {
                id = BinaryFields.readId(in, m, id);
                int records = BinaryFields.readLength(in, Integer.MAX_VALUE);
                BinaryFields.checkField(records >= 1, "at least 1 record of each member", records);
                long day = 0;
                long previousLevel = -1;
                for (int i = 0; i < records; i++) {
                    long distance = i == 0 ? 0 : BinaryFields.readCount(in);
                    day = i == 0 ? BinaryFields.readSigned(in) : Math.addExact(day, distance);
                    long level = BinaryFields.readCount(in) - 1;
                    BinaryFields.checkField(level <= Integer.MAX_VALUE && (distance > 0 || level >= previousLevel),
                            "records in the order of day, then level", level);
                    previousLevel = level;
                    if (level == EXIT) {
                        read.addExit(id, LocalDate.ofEpochDay(day));
                    } else {
                        read.add(id, LocalDate.ofEpochDay(day), (int) level);
                    }
                }
            }
            return read;
        }

        /** Reads, e.g., {@code "TierHistory.Accumulator: 12 members, 20 records"}. */
        @Override
        public String toString() {
            return "TierHistory.Accumulator: " + byMember.size() + " members, " + records + " records";
        }
    }

    private static final class Records implements Serializable {
        private static final long serialVersionUID = 1L;
        int[] day = new int[2];
        int[] level = new int[2];
        int size;

        void add(int d, int l) {
            if (size == day.length) {
                day = Arrays.copyOf(day, size * 2);
                level = Arrays.copyOf(level, size * 2);
            }
            day[size] = d;
            level[size] = l;
            size++;
        }
    }
}
