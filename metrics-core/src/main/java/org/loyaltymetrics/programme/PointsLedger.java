package org.loyaltymetrics.programme;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.LongObjectMap;
import org.loyaltymetrics.retention.CustomerCounts;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.stats.Proportion;
import org.loyaltymetrics.time.Granularity;

/**
 * The points ledger of a loyalty programme: every member's enrolment and their events (earn, burn, expire,
 * adjust; see {@link LedgerEvent}) in exact {@code long} points, replayed per member in date order, from
 * which the balances, the points issued, redeemed, expired and outstanding per period, the redemption rate
 * and the {@link Breakage breakage} follow.
 *
 * <p><b>Replay.</b> The events of one member are applied in date order and, within a day, in the order of
 * {@link LedgerEvent}: enrolment, earn, adjust, burn, expire (then by points and source line, so that the
 * order in which the events were added never matters). Each earn (and each positive adjustment) opens a
 * <em>lot</em> of points dated by its issue; burns, expiries and negative adjustments take points from the
 * member's oldest open lots first (first in, first out, FIFO), so that every point has an issue date and,
 * once it leaves the balance, a fate: redeemed, expired or adjusted away on a date. The fates of points are
 * what {@link #issueCohorts(Granularity, LocalDate) redemption by issue cohort} and {@link Breakage} read.
 *
 * <p><b>Bad input</b> is an {@link InvalidArgumentException} whose message names the member, the date, the
 * value and, when events were added with their source line, the line: a burn, expiry or negative adjustment
 * larger than the member's balance (argument {@code points}), an event before the member's enrolment or a
 * second enrolment (argument {@code date}), a balance beyond a {@code long} ({@code points}), a number of
 * points of the wrong sign for its event ({@code points}; checked when the event is added). Events are
 * checked against each other when the ledger is built ({@link Accumulator#snapshot()}), since only then are
 * all of a member's events known. Totals over members that overflow a {@code long} throw
 * {@link ArithmeticException}.
 *
 * <p><b>Dates.</b> An as-of date is inclusive: the ledger as of a date holds the events of that day. A
 * period {@code [from, to)} excludes {@code to}, as everywhere in the library.
 *
 * <p>The ledger holds every event (it is the sufficient statistic of FIFO allocation, which depends on the
 * order of a member's events), so ledgers do not merge as values; their {@link Accumulator accumulators}
 * combine exactly, a member's events being allowed in several parts. This class is immutable and
 * thread-safe.
 */
public final class PointsLedger {

    /** Segment fates. */
    static final byte REDEEMED = 0;
    static final byte EXPIRED = 1;
    static final byte REMOVED = 2;
    static final byte OPEN = 3;
    static final int NEVER = Integer.MAX_VALUE;

    private static final LedgerEvent[] EVENTS = LedgerEvent.values();

    private final long[] members;
    private final int[] enrolDay;
    private final int[] eventStart;
    private final int[] eventDay;
    private final byte[] eventType;
    private final long[] eventPoints;
    private final long[] eventLine;
    // segments of lots: one per (lot, fate), in member order
    final int[] segmentStart;
    final int[] segmentIssue;
    final int[] segmentFateDay;
    final byte[] segmentFate;
    final long[] segmentPoints;

    private PointsLedger(Replay replay) {
        this.members = replay.members;
        this.enrolDay = replay.enrolDay;
        this.eventStart = replay.eventStart;
        this.eventDay = Arrays.copyOf(replay.day, replay.events);
        this.eventType = Arrays.copyOf(replay.type, replay.events);
        this.eventPoints = Arrays.copyOf(replay.points, replay.events);
        this.eventLine = Arrays.copyOf(replay.line, replay.events);
        this.segmentStart = replay.segmentStart;
        this.segmentIssue = Arrays.copyOf(replay.segIssue, replay.segments);
        this.segmentFateDay = Arrays.copyOf(replay.segFateDay, replay.segments);
        this.segmentFate = Arrays.copyOf(replay.segFate, replay.segments);
        this.segmentPoints = Arrays.copyOf(replay.segPoints, replay.segments);
    }

    /** A new, empty accumulator of events. */
    public static Accumulator accumulator() {
        return new Accumulator();
    }

    /**
     * A collector of records into a ledger, reading each record's member, date, event and points.
     *
     * @param memberOf the member id of a record
     * @param dateOf its date
     * @param eventOf its event
     * @param pointsOf its points
     * @param <T> the record type
     * @return the collector
     */
    public static <T> Collector<T, ?, PointsLedger> collector(java.util.function.ToLongFunction<? super T> memberOf,
            java.util.function.Function<? super T, LocalDate> dateOf,
            java.util.function.Function<? super T, LedgerEvent> eventOf,
            java.util.function.ToLongFunction<? super T> pointsOf) {
        Checks.notNull(memberOf, "memberOf");
        Checks.notNull(dateOf, "dateOf");
        Checks.notNull(eventOf, "eventOf");
        Checks.notNull(pointsOf, "pointsOf");
        return org.loyaltymetrics.Accumulator.collector(Accumulator::new, (acc, t) -> acc.add(memberOf.applyAsLong(t),
                dateOf.apply(t), eventOf.apply(t), pointsOf.applyAsLong(t)));
    }

    /** Whether the ledger has no members, so that every rate of it is undefined. */
    public boolean isEmpty() {
        return members.length == 0;
    }

    /** The number of members. */
    public int memberCount() {
        return members.length;
    }

    /** The member ids, ascending (a copy). */
    public long[] memberIds() {
        return members.clone();
    }

    /**
     * The enrolment date of {@code member}: its enrolment event, or else its first event.
     *
     * @throws InvalidArgumentException if {@code member} is not in the ledger
     */
    public LocalDate enrolment(long member) {
        return LocalDate.ofEpochDay(enrolDay[indexOf(member)]);
    }

    int enrolDay(int index) {
        return enrolDay[index];
    }

    long memberId(int index) {
        return members[index];
    }

    int indexOf(long member) {
        int index = Arrays.binarySearch(members, member);
        if (index < 0) {
            throw InvalidArgumentException.of("member", "a member of the ledger", member);
        }
        return index;
    }

    /**
     * The points balance of {@code member} at the end of {@code date}: points earned and positively adjusted
     * minus points burned, expired and negatively adjusted, on or before {@code date}.
     *
     * @throws InvalidArgumentException if {@code member} is not in the ledger
     */
    public long balance(long member, LocalDate date) {
        int index = indexOf(member);
        int last = Checks.epochDay(date, "date");
        long balance = 0;
        for (int e = eventStart[index]; e < eventStart[index + 1] && eventDay[e] <= last; e++) {
            balance += signedPoints(e);
        }
        return balance;
    }

    /**
     * The points outstanding at the end of {@code date}: the sum of every member's balance.
     *
     * @throws ArithmeticException if the sum overflows a {@code long}
     */
    public long outstanding(LocalDate date) {
        int last = Checks.epochDay(date, "date");
        long total = 0;
        for (int e = 0; e < eventDay.length; e++) {
            if (eventDay[e] <= last) {
                total = Checks.addCounts(total, signedPoints(e), "outstanding points");
            }
        }
        return total;
    }

    private long signedPoints(int e) {
        byte type = eventType[e];
        return type == LedgerEvent.BURN.ordinal() || type == LedgerEvent.EXPIRE.ordinal() ? -eventPoints[e]
                : eventPoints[e];
    }

    /**
     * The points issued, redeemed, expired and adjusted in each period of {@code granularity}, and the points
     * outstanding at each period's end, from the period of the first event to the period of {@code asOf}
     * (events after {@code asOf} left out; the last period's outstanding points are those at the end of
     * {@code asOf}).
     *
     * @throws ArithmeticException if a total overflows a {@code long}
     */
    public LedgerPeriods periods(Granularity granularity, LocalDate asOf) {
        Checks.notNull(granularity, "granularity");
        int last = Checks.epochDay(asOf, "asOf");
        int first = Integer.MAX_VALUE;
        for (int day : eventDay) {
            first = Math.min(first, day);
        }
        if (first > last) {
            return new LedgerPeriods(granularity, asOf, new long[0], new long[0][]);
        }
        long firstPeriod = granularity.periodNumberOfEpochDay(first);
        long lastPeriod = granularity.periodNumberOfEpochDay(last);
        int n = Math.toIntExact(lastPeriod - firstPeriod + 1);
        long[][] flows = new long[n][4];
        for (int e = 0; e < eventDay.length; e++) {
            if (eventDay[e] > last || eventType[e] == LedgerEvent.ENROL.ordinal()) {
                continue;
            }
            long[] row = flows[(int) (granularity.periodNumberOfEpochDay(eventDay[e]) - firstPeriod)];
            int column = eventType[e] == LedgerEvent.EARN.ordinal() ? 0 : eventType[e] == LedgerEvent.BURN.ordinal() ? 1
                    : eventType[e] == LedgerEvent.EXPIRE.ordinal() ? 2 : 3;
            row[column] = column == 3 ? Math.addExact(row[3], eventPoints[e])
                    : Checks.addCounts(row[column], eventPoints[e], "points per period");
        }
        long[] numbers = new long[n];
        for (int i = 0; i < n; i++) {
            numbers[i] = firstPeriod + i;
        }
        return new LedgerPeriods(granularity, asOf, numbers, flows);
    }

    /**
     * The redemption rate over {@code [from, to)}: points redeemed in the period over points issued (earned)
     * in it, with its standard error over members (see {@link RedemptionRate}). Redemptions of points issued
     * before the period count, so that the rate can exceed 1; {@link #issueCohorts} follows each issue
     * cohort's own points instead.
     *
     * @throws InvalidArgumentException if {@code to} is not after {@code from}
     */
    public RedemptionRate redemptionRate(LocalDate from, LocalDate to) {
        int fromDay = Checks.epochDay(from, "from");
        int toDay = Checks.epochDay(to, "to");
        if (toDay <= fromDay) {
            throw InvalidArgumentException.of("to", "after from " + from, to);
        }
        int n = 0;
        long[] redeemed = new long[members.length];
        long[] issued = new long[members.length];
        for (int m = 0; m < members.length; m++) {
            if (enrolDay[m] >= toDay) {
                continue;
            }
            n++;
            for (int e = eventStart[m]; e < eventStart[m + 1]; e++) {
                if (eventDay[e] >= fromDay && eventDay[e] < toDay) {
                    if (eventType[e] == LedgerEvent.EARN.ordinal()) {
                        issued[m] += eventPoints[e];
                    } else if (eventType[e] == LedgerEvent.BURN.ordinal()) {
                        redeemed[m] += eventPoints[e];
                    }
                }
            }
        }
        return RedemptionRate.ofMembers(redeemed, issued, n);
    }

    /**
     * The redemption rate of every point issued up to {@code asOf} (inclusive): points redeemed over points
     * earned, from the first event to the end of {@code asOf}.
     */
    public RedemptionRate redemptionRate(LocalDate asOf) {
        int first = Integer.MAX_VALUE;
        for (int day : eventDay) {
            first = Math.min(first, day);
        }
        LocalDate end = asOf.plusDays(1);
        return redemptionRate(first == Integer.MAX_VALUE || first >= end.toEpochDay() ? asOf : LocalDate.ofEpochDay(first),
                end);
    }

    /**
     * The points of each issue cohort (the lots issued in one period of {@code granularity}, by earn or
     * positive adjustment) as of {@code asOf}: how many were redeemed, expired, adjusted away and are still
     * outstanding, their redemption rate, and, for a closed cohort (no point outstanding), its observed
     * breakage.
     */
    public IssueCohorts issueCohorts(Granularity granularity, LocalDate asOf) {
        Checks.notNull(granularity, "granularity");
        int last = Checks.epochDay(asOf, "asOf");
        return IssueCohorts.of(this, granularity, asOf, last);
    }

    /**
     * The share of members active in {@code [from, to)}: members with an earn or burn event in the period,
     * of the members enrolled before {@code to}; a Wilson interval.
     *
     * @throws InvalidArgumentException if {@code to} is not after {@code from}
     */
    public Proportion activeMemberRate(LocalDate from, LocalDate to) {
        int fromDay = Checks.epochDay(from, "from");
        int toDay = Checks.epochDay(to, "to");
        if (toDay <= fromDay) {
            throw InvalidArgumentException.of("to", "after from " + from, to);
        }
        long enrolled = 0;
        long active = 0;
        for (int m = 0; m < members.length; m++) {
            if (enrolDay[m] >= toDay) {
                continue;
            }
            enrolled++;
            for (int e = eventStart[m]; e < eventStart[m + 1]; e++) {
                byte type = eventType[e];
                if (eventDay[e] >= fromDay && eventDay[e] < toDay
                        && (type == LedgerEvent.EARN.ordinal() || type == LedgerEvent.BURN.ordinal())) {
                    active++;
                    break;
                }
            }
        }
        return Proportion.of(active, enrolled);
    }

    /**
     * The number of members enrolled on or before {@code asOf}.
     */
    public long membersEnrolledBy(LocalDate asOf) {
        int last = Checks.epochDay(asOf, "asOf");
        long count = 0;
        for (int day : enrolDay) {
            if (day <= last) {
                count++;
            }
        }
        return count;
    }

    /**
     * The enrolment rate: members enrolled on or before {@code asOf} among {@code customers}, the customers
     * the programme could have enrolled (members included); a Wilson interval.
     *
     * @throws InvalidArgumentException if {@code customers} is negative or fewer than the members
     */
    public Proportion enrolmentRate(long customers, LocalDate asOf) {
        Checks.count(customers, "customers");
        long enrolled = membersEnrolledBy(asOf);
        if (customers < enrolled) {
            throw InvalidArgumentException.of("customers", "at least the " + enrolled + " members enrolled by " + asOf,
                    customers);
        }
        return Proportion.of(enrolled, customers);
    }

    /**
     * Members as customers of the programme over {@code [from, to)}, for the retention package's churn and
     * retention rates ({@link CustomerCounts#churnRate()}, {@link CustomerCounts#retentionRate()}, with their
     * definitions and intervals): a member's relationship starts on their enrolment and ends (they have
     * <em>lapsed</em>) {@code lapseDays} days after their last earn or burn event before {@code to} (their
     * enrolment when there is none), when that is on or before {@code to}; a member active again after a gap
     * is counted as continuing, since only the last activity before {@code to} is read.
     *
     * @throws InvalidArgumentException if {@code to} is not after {@code from} or {@code lapseDays} is not
     *     positive
     */
    public CustomerCounts memberCounts(LocalDate from, LocalDate to, int lapseDays) {
        int toDay = Checks.epochDay(to, "to");
        if (lapseDays < 1) {
            throw InvalidArgumentException.of("lapseDays", ">= 1", lapseDays);
        }
        CustomerCounts.Accumulator counts = CustomerCounts.accumulator(from, to);
        for (int m = 0; m < members.length; m++) {
            if (enrolDay[m] >= toDay) {
                continue;
            }
            int lastActive = enrolDay[m];
            for (int e = eventStart[m]; e < eventStart[m + 1] && eventDay[e] < toDay; e++) {
                if (eventType[e] == LedgerEvent.EARN.ordinal() || eventType[e] == LedgerEvent.BURN.ordinal()) {
                    lastActive = eventDay[e];
                }
            }
            long lapse = (long) lastActive + lapseDays;
            counts.add(LocalDate.ofEpochDay(enrolDay[m]), lapse <= toDay ? LocalDate.ofEpochDay(lapse) : null);
        }
        return counts.snapshot();
    }

    /**
     * A punch-card or threshold reward: the share of members, of those enrolled before {@code to}, who earned
     * at least {@code threshold} points within {@code [from, to)} (a stamp card of nine stamps: the members with
     * nine earn points or more); a Wilson interval.
     *
     * @throws InvalidArgumentException if {@code threshold} is not positive or {@code to} is not after
     *     {@code from}
     */
    public Proportion thresholdShare(long threshold, LocalDate from, LocalDate to) {
        if (threshold < 1) {
            throw InvalidArgumentException.of("threshold", ">= 1", threshold);
        }
        int fromDay = Checks.epochDay(from, "from");
        int toDay = Checks.epochDay(to, "to");
        if (toDay <= fromDay) {
            throw InvalidArgumentException.of("to", "after from " + from, to);
        }
        long enrolled = 0;
        long reached = 0;
        for (int m = 0; m < members.length; m++) {
            if (enrolDay[m] >= toDay) {
                continue;
            }
            enrolled++;
            long earned = 0;
            for (int e = eventStart[m]; e < eventStart[m + 1]; e++) {
                if (eventType[e] == LedgerEvent.EARN.ordinal() && eventDay[e] >= fromDay && eventDay[e] < toDay) {
                    earned = Math.addExact(earned, eventPoints[e]);
                }
            }
            if (earned >= threshold) {
                reached++;
            }
        }
        return Proportion.of(reached, enrolled);
    }

    /**
     * Purchases per reward over {@code [from, to)}: earn events (one per purchase, as on a stamp card) over
     * burn events (one per reward), Σ purchasesᵢ / Σ rewardsᵢ over the members enrolled before {@code to}, with
     * the ratio estimator's standard error over members (as {@link RedemptionRate}'s): n / (n − 1) ·
     * Σᵢ (purchasesᵢ − Q rewardsᵢ)² / (Σᵢ rewardsᵢ)².
     *
     * @throws InvalidArgumentException if {@code to} is not after {@code from}
     * @throws UndefinedResultException if there is no reward in the period or fewer than two members
     */
    public Estimate purchasesPerReward(LocalDate from, LocalDate to) {
        int fromDay = Checks.epochDay(from, "from");
        int toDay = Checks.epochDay(to, "to");
        if (toDay <= fromDay) {
            throw InvalidArgumentException.of("to", "after from " + from, to);
        }
        long[] purchases = new long[members.length];
        long[] rewards = new long[members.length];
        long n = 0;
        for (int m = 0; m < members.length; m++) {
            if (enrolDay[m] >= toDay) {
                continue;
            }
            n++;
            for (int e = eventStart[m]; e < eventStart[m + 1]; e++) {
                if (eventDay[e] >= fromDay && eventDay[e] < toDay) {
                    if (eventType[e] == LedgerEvent.EARN.ordinal()) {
                        purchases[m]++;
                    } else if (eventType[e] == LedgerEvent.BURN.ordinal()) {
                        rewards[m]++;
                    }
                }
            }
        }
        RedemptionRate ratio = RedemptionRate.ofMembers(purchases, rewards, n);
        if (ratio.isEmpty()) {
            throw new UndefinedResultException("purchases per reward are undefined: no reward from " + from + " to " + to);
        }
        return ratio.estimate();
    }

    /**
     * The breakage as of {@code asOf} with the default settings: see {@link Breakage}.
     *
     * @throws UndefinedResultException never: an empty breakage reports {@link Breakage#isEmpty()}
     */
    public Breakage breakage(LocalDate asOf) {
        return breakage(asOf, Breakage.Settings.DEFAULT);
    }

    /** The breakage as of {@code asOf} under {@code settings}: see {@link Breakage}. */
    public Breakage breakage(LocalDate asOf, Breakage.Settings settings) {
        Checks.notNull(settings, "settings");
        return Breakage.of(this, Checks.epochDay(asOf, "asOf"), asOf, settings);
    }

    /** Events of member index {@code m}: [eventStart[m], eventStart[m + 1]). */
    int eventStart(int m) {
        return eventStart[m];
    }

    int eventDay(int e) {
        return eventDay[e];
    }

    LedgerEvent eventType(int e) {
        return EVENTS[eventType[e]];
    }

    long eventPoints(int e) {
        return eventPoints[e];
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PointsLedger)) {
            return false;
        }
        PointsLedger other = (PointsLedger) o;
        return Arrays.equals(members, other.members) && Arrays.equals(enrolDay, other.enrolDay)
                && Arrays.equals(eventStart, other.eventStart) && Arrays.equals(eventDay, other.eventDay)
                && Arrays.equals(eventType, other.eventType) && Arrays.equals(eventPoints, other.eventPoints)
                && Arrays.equals(eventLine, other.eventLine);
    }

    @Override
    public int hashCode() {
        return ((Arrays.hashCode(members) * 31 + Arrays.hashCode(eventDay)) * 31 + Arrays.hashCode(eventPoints)) * 31
                + Arrays.hashCode(eventType);
    }

    /** Reads, e.g., {@code "points ledger of 3 members, 12 events"}. */
    @Override
    public String toString() {
        return "points ledger of " + members.length + " members, " + eventDay.length + " events";
    }

    /**
     * A mutable accumulator of ledger events. It keeps every event (a member's events are replayed in date
     * order when the ledger is built), so adding allocates only when a member's event array grows;
     * accumulators combine exactly, whatever the split of the events. Events are checked one by one when added
     * (the sign of the points) and against each other in {@link #snapshot()}. This class is not thread-safe:
     * use one per thread and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, PointsLedger> {

        private static final long serialVersionUID = 1L;

        private final LongObjectMap<MemberEvents> byMember = new LongObjectMap<>();
        private long events;

        Accumulator() {
        }

        /**
         * Adds one event whose source line is unknown.
         *
         * @throws InvalidArgumentException if the points have the wrong sign for the event (see
         *     {@link #add(long, LocalDate, LedgerEvent, long, long)})
         */
        public Accumulator add(long member, LocalDate date, LedgerEvent event, long points) {
            return add(member, date, event, points, 0);
        }

        /**
         * Adds one event read from line {@code line} of a file (1-based; 0 when unknown), named in any error.
         * The points of an earn, burn or expiry are positive, of an adjustment non-zero (either sign), of an
         * enrolment 0.
         *
         * @param member the member id
         * @param date the event's date
         * @param event the event
         * @param points its points
         * @param line the source line, or 0
         * @return this accumulator
         * @throws InvalidArgumentException naming {@code points} if the points have the wrong sign for the
         *     event, or {@code line} if it is negative
         */
        public Accumulator add(long member, LocalDate date, LedgerEvent event, long points, long line) {
            int day = Checks.epochDay(date, "date");
            Checks.notNull(event, "event");
            Checks.count(line, "line");
            boolean valid = switch (event) {
                case ENROL -> points == 0;
                case ADJUST -> points != 0 && points != Long.MIN_VALUE;
                default -> points > 0;
            };
            if (!valid) {
                throw InvalidArgumentException.of("points", pointsRange(event) + " (" + where(member, day, line) + ")",
                        points);
            }
            MemberEvents list = byMember.computeIfAbsent(member, k -> new MemberEvents());
            list.add(day, (byte) event.ordinal(), points, line);
            events++;
            return this;
        }

        /** The points an event may carry, for the message of a refusal (built only then). */
        private static String pointsRange(LedgerEvent event) {
            return switch (event) {
                case ENROL -> "0 for an enrolment";
                case ADJUST -> "non-zero for an adjustment";
                case EARN -> "> 0 for an earn";
                case BURN -> "> 0 for a burn";
                default -> "> 0 for an expiry";
            };
        }

        /** Adds the enrolment of {@code member} on {@code date}. */
        public Accumulator enrol(long member, LocalDate date) {
            return add(member, date, LedgerEvent.ENROL, 0, 0);
        }

        /** Adds every event of {@code other} ({@code other} is left unchanged). */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            for (long member : other.byMember.sortedKeys()) {
                MemberEvents theirs = other.byMember.get(member);
                MemberEvents ours = byMember.computeIfAbsent(member, k -> new MemberEvents());
                for (int i = 0; i < theirs.size; i++) {
                    ours.add(theirs.day[i], theirs.type[i], theirs.points[i], theirs.line[i]);
                }
            }
            events += other.events;
            return this;
        }

        /**
         * The ledger of the events added so far, each member's events replayed in order.
         *
         * @throws InvalidArgumentException naming the member, date, value and line of the first bad event: a
         *     burn, expiry or negative adjustment beyond the balance, an event before the enrolment, a second
         *     enrolment, a balance beyond a {@code long}
         */
        @Override
        public PointsLedger snapshot() {
            return snapshot(Long::toString);
        }

        /**
         * The ledger, as {@link #snapshot()}, naming members in error messages by {@code memberName} (a reader
         * that numbered the ids of a file gives their text back).
         *
         * @param memberName the name of a member id in messages
         * @return the ledger
         * @throws InvalidArgumentException as {@link #snapshot()} does
         */
        public PointsLedger snapshot(LongFunction<String> memberName) {
            Checks.notNull(memberName, "memberName");
            return new PointsLedger(new Replay(byMember, events, memberName));
        }

        /** The events in the order of their codes in the binary form (a list only ever extended at its end). */
        private static final List<LedgerEvent> EVENT_CODES = List.of(LedgerEvent.ENROL, LedgerEvent.EARN,
                LedgerEvent.ADJUST, LedgerEvent.BURN, LedgerEvent.EXPIRE);

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "programme.PointsLedger.Accumulator"}, version 1:
         * the number of members, then for each member by ascending id: the id (a zigzag varint), the number of their
         * events, then the events in the order of day, type code, points and line: the first one's epoch day (a
         * zigzag varint), each later one's as its distance from the one before (a varint, 0 for the same day), and
         * each event's type (a byte: 0 enrol, 1 earn, 2 adjust, 3 burn, 4 expire), points (a zigzag varint) and
         * line (a varint).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "programme.PointsLedger.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            long[] ids = value.byMember.sortedKeys();
            BinaryFields.writeCount(out, ids.length);
            for (long id : ids) {
                MemberEvents e = value.byMember.get(id);
                Integer[] order = new Integer[e.size];
                for (int i = 0; i < e.size; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, Comparator.<Integer>comparingInt(i -> e.day[i])
                        .thenComparingInt(i -> EVENT_CODES.indexOf(EVENTS[e.type[i]]))
                        .thenComparingLong(i -> e.points[i]).thenComparingLong(i -> e.line[i]));
                BinaryFields.writeSigned(out, id);
                BinaryFields.writeCount(out, e.size);
                for (int k = 0; k < order.length; k++) {
                    int i = order[k];
                    if (k == 0) {
                        BinaryFields.writeSigned(out, e.day[i]);
                    } else {
                        BinaryFields.writeCount(out, (long) e.day[i] - e.day[order[k - 1]]);
                    }
                    BinaryFields.writeCode(out, EVENTS[e.type[i]], EVENT_CODES);
                    BinaryFields.writeSigned(out, e.points[i]);
                    BinaryFields.writeCount(out, e.line[i]);
                }
            }
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Accumulator read = new Accumulator();
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            long id = 0;
            for (int m = 0; m < n; m++) {
                id = BinaryFields.readId(in, m, id);
                int events = BinaryFields.readLength(in, Integer.MAX_VALUE);
                BinaryFields.checkField(events >= 1, "at least 1 event of each member", events);
                long day = 0;
                long[] previous = null;
                for (int k = 0; k < events; k++) {
                    long distance = k == 0 ? 0 : BinaryFields.readCount(in);
                    day = k == 0 ? BinaryFields.readSigned(in) : Math.addExact(day, distance);
                    LedgerEvent event = BinaryFields.readCode(in, EVENT_CODES);
                    long[] current = {EVENT_CODES.indexOf(event), BinaryFields.readSigned(in), BinaryFields.readCount(in)};
                    BinaryFields.checkField(distance > 0 || previous == null || Arrays.compare(previous, current) <= 0,
                            "events in the order of day, type, points and line", event);
                    previous = current;
                    read.add(id, LocalDate.ofEpochDay(day), event, current[1], current[2]);
                }
            }
            return read;
        }

        /** Reads, e.g., {@code "PointsLedger.Accumulator: 3 members, 12 events"}. */
        @Override
        public String toString() {
            return "PointsLedger.Accumulator: " + byMember.size() + " members, " + events + " events";
        }
    }

    static String where(Object member, int day, long line) {
        return "member " + member + " on " + LocalDate.ofEpochDay(day) + (line > 0 ? ", line " + line : "");
    }

    /** One member's events, unordered, growing. */
    private static final class MemberEvents implements Serializable {
        private static final long serialVersionUID = 1L;
        int[] day = new int[4];
        byte[] type = new byte[4];
        long[] points = new long[4];
        long[] line = new long[4];
        int size;

        void add(int d, byte t, long p, long l) {
            if (size == day.length) {
                int grown = size * 2;
                day = Arrays.copyOf(day, grown);
                type = Arrays.copyOf(type, grown);
                points = Arrays.copyOf(points, grown);
                line = Arrays.copyOf(line, grown);
            }
            day[size] = d;
            type[size] = t;
            points[size] = p;
            line[size] = l;
            size++;
        }
    }

    /** Replays every member's events in canonical order into the ledger's arrays. */
    private static final class Replay {
        final long[] members;
        final int[] enrolDay;
        final int[] eventStart;
        final int[] segmentStart;
        int[] day;
        byte[] type;
        long[] points;
        long[] line;
        int events;
        int[] segIssue = new int[16];
        int[] segFateDay = new int[16];
        byte[] segFate = new byte[16];
        long[] segPoints = new long[16];
        int segments;
        // FIFO lots of the member being replayed
        int[] lotIssue = new int[16];
        long[] lotLeft = new long[16];
        int lotHead;
        int lotTail;

        final LongFunction<String> names;

        Replay(LongObjectMap<MemberEvents> byMember, long total, LongFunction<String> names) {
            this.names = names;
            members = byMember.sortedKeys();
            int n = members.length;
            enrolDay = new int[n];
            eventStart = new int[n + 1];
            segmentStart = new int[n + 1];
            int capacity = Math.toIntExact(total);
            day = new int[capacity];
            type = new byte[capacity];
            points = new long[capacity];
            line = new long[capacity];
            for (int m = 0; m < n; m++) {
                eventStart[m] = events;
                segmentStart[m] = segments;
                replay(m, members[m], byMember.get(members[m]));
            }
            eventStart[n] = events;
            segmentStart[n] = segments;
        }

        private void replay(int m, long id, MemberEvents list) {
            String member = names.apply(id);
            Integer[] order = new Integer[list.size];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.<Integer>comparingInt(i -> list.day[i]).thenComparingInt(i -> list.type[i])
                    .thenComparingLong(i -> list.points[i]).thenComparingLong(i -> list.line[i]));
            int enrol = list.day[order[0]];
            boolean explicitEnrolment = false;
            for (Integer i : order) {
                if (list.type[i] == LedgerEvent.ENROL.ordinal()) {
                    if (explicitEnrolment) {
                        throw InvalidArgumentException.of("date", "the only enrolment of member " + member
                                + " (enrolled on " + LocalDate.ofEpochDay(enrol) + (list.line[i] > 0 ? "; line "
                                        + list.line[i] : "") + ")", LocalDate.ofEpochDay(list.day[i]));
                    }
                    explicitEnrolment = true;
                    if (list.day[i] > enrol) {
                        int firstEvent = order[0];
                        throw InvalidArgumentException.of("date", "on or after the enrolment " + LocalDate.ofEpochDay(
                                list.day[i]) + " of member " + member + " (its " + EVENTS[list.type[firstEvent]].label()
                                + " of " + list.points[firstEvent] + " points" + (list.line[firstEvent] > 0 ? ", line "
                                        + list.line[firstEvent] : "") + ")", LocalDate.ofEpochDay(list.day[firstEvent]));
                    }
                    enrol = list.day[i];
                }
            }
            enrolDay[m] = enrol;
            lotHead = 0;
            lotTail = 0;
            long balance = 0;
            for (Integer i : order) {
                int d = list.day[i];
                byte t = list.type[i];
                long p = list.points[i];
                long l = list.line[i];
                day[events] = d;
                type[events] = t;
                points[events] = p;
                line[events] = l;
                events++;
                LedgerEvent event = EVENTS[t];
                if (event == LedgerEvent.ENROL) {
                    continue;
                }
                if (event == LedgerEvent.EARN || (event == LedgerEvent.ADJUST && p > 0)) {
                    long sum = balance + p;
                    if (((balance ^ sum) & (p ^ sum)) < 0) {
                        throw InvalidArgumentException.of("points", "such that the balance " + balance
                                + " stays within a long (" + where(member, d, l) + ", " + event.label() + ")", p);
                    }
                    balance = sum;
                    openLot(d, p);
                } else {
                    long taken = event == LedgerEvent.ADJUST ? -p : p;
                    if (taken > balance) {
                        throw InvalidArgumentException.of("points", "at most the balance " + balance + " for "
                                + (event == LedgerEvent.BURN ? "a burn" : event == LedgerEvent.EXPIRE ? "an expiry"
                                        : "a negative adjustment") + " (" + where(member, d, l) + ")", taken);
                    }
                    balance -= taken;
                    take(d, taken, event == LedgerEvent.BURN ? REDEEMED : event == LedgerEvent.EXPIRE ? EXPIRED : REMOVED);
                }
            }
            for (int k = lotHead; k < lotTail; k++) {
                segment(lotIssue[k], NEVER, OPEN, lotLeft[k]);
            }
        }

        private void openLot(int d, long p) {
            if (lotTail == lotIssue.length) {
                lotIssue = Arrays.copyOf(lotIssue, lotTail * 2);
                lotLeft = Arrays.copyOf(lotLeft, lotTail * 2);
            }
            lotIssue[lotTail] = d;
            lotLeft[lotTail] = p;
            lotTail++;
        }

        private void take(int d, long p, byte fate) {
            long left = p;
            while (left > 0) {
                long k = Math.min(left, lotLeft[lotHead]);
                segment(lotIssue[lotHead], d, fate, k);
                lotLeft[lotHead] -= k;
                left -= k;
                if (lotLeft[lotHead] == 0) {
                    lotHead++;
                }
            }
        }

        private void segment(int issue, int fateDay, byte fate, long p) {
            if (segments == segIssue.length) {
                int grown = segments * 2;
                segIssue = Arrays.copyOf(segIssue, grown);
                segFateDay = Arrays.copyOf(segFateDay, grown);
                segFate = Arrays.copyOf(segFate, grown);
                segPoints = Arrays.copyOf(segPoints, grown);
            }
            segIssue[segments] = issue;
            segFateDay[segments] = fateDay;
            segFate[segments] = fate;
            segPoints[segments] = p;
            segments++;
        }
    }
}
