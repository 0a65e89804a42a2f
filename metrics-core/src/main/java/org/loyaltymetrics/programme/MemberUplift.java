package org.loyaltymetrics.programme;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Arrays;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.LongObjectMap;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.stats.Proportion;

/**
 * Member uplift: how members buy compared with non-members, and compared with themselves before they enrolled,
 * from customers' purchases (date and spend in a currency's minor units) and their enrolment dates.
 *
 * <p><b>Members against non-members</b> ({@link #compare(LocalDate, LocalDate)}): over a window
 * {@code [from, to)}, the customers who bought in it, split into members (enrolled before {@code from}) and
 * non-members (not enrolled before {@code to}); customers who enrolled during the window are left out. For
 * each group: the repeat purchase rate (customers with two purchases or more, of those with one or more; a
 * {@link Proportion}, Wilson interval), the purchase frequency (mean purchases per customer) and the spend per
 * customer (mean spend, in the currency's major units), each an {@link Estimate} with Student's t on n − 1
 * degrees of freedom; the uplifts are {@code members.differenceFrom(nonMembers)}: the pooled two-proportion
 * z test and Welch's t test.
 *
 * <p><b>Self-selection.</b> Customers choose to join: heavy buyers join more often, so that members buy more
 * than non-members even when the programme changes nothing. The difference between the groups is an
 * association, not the programme's effect; only an experiment (a randomised invitation) or a design that
 * controls for prior behaviour measures that. The before/after comparison below controls for each member's own
 * level, not for what brought them to enrol when they did (a purchase often triggers enrolment, and purchase
 * rates regress to their mean), so it too is a first, honest answer rather than a causal estimate.
 *
 * <p><b>Before and after enrolment</b> ({@link #beforeAfter(int, int, LocalDate, LocalDate)}): for each member
 * whose k periods of {@code periodDays} days before their enrolment and k periods from it lie in the observed
 * span, their purchases per period before (days {@code [e − k p, e)}) and after ({@code [e, e + k p)}); the
 * change is the mean of the paired differences, with Student's t on n − 1 degrees of freedom.
 *
 * <p>The value holds every purchase, so it does not merge as a value; its accumulators combine exactly. This
 * class is immutable and thread-safe.
 */
public final class MemberUplift {

    private static final int NOT_ENROLLED = Integer.MAX_VALUE;

    private final CurrencyUnit currency;
    private final long[] customers;
    private final int[] enrolDay;
    private final int[] start;
    private final int[] day;
    private final long[] spend;

    private MemberUplift(CurrencyUnit currency, long[] customers, int[] enrolDay, int[] start, int[] day, long[] spend) {
        this.currency = currency;
        this.customers = customers;
        this.enrolDay = enrolDay;
        this.start = start;
        this.day = day;
        this.spend = spend;
    }

    /** A new, empty accumulator of purchases and enrolments, spend in {@code currency}'s minor units. */
    public static Accumulator accumulator(CurrencyUnit currency) {
        return new Accumulator(Checks.notNull(currency, "currency"));
    }

    /** The customers with a purchase or an enrolment. */
    public int customerCount() {
        return customers.length;
    }

    /** The currency of the spend. */
    public CurrencyUnit currency() {
        return currency;
    }

    /**
     * Members against non-members over {@code [from, to)}.
     *
     * @throws InvalidArgumentException if {@code to} is not after {@code from}
     * @throws UndefinedResultException if either group has fewer than two customers who bought in the window
     */
    public Comparison compare(LocalDate from, LocalDate to) {
        int a = Checks.epochDay(from, "from");
        int b = Checks.epochDay(to, "to");
        if (b <= a) {
            throw InvalidArgumentException.of("to", "after from " + from, to);
        }
        double scale = Math.pow(10, currency.decimals());
        Group members = new Group();
        Group others = new Group();
        for (int c = 0; c < customers.length; c++) {
            Group group = enrolDay[c] < a ? members : enrolDay[c] >= b ? others : null;
            if (group == null) {
                continue;
            }
            long n = 0;
            long total = 0;
            for (int p = start[c]; p < start[c + 1]; p++) {
                if (day[p] >= a && day[p] < b) {
                    n++;
                    total = Math.addExact(total, spend[p]);
                }
            }
            if (n > 0) {
                group.add(n, total / scale);
            }
        }
        return new Comparison(members.repeat(), others.repeat(), members.frequency("members"),
                others.frequency("non-members"), members.spend("members"), others.spend("non-members"));
    }

    /** Sums of one group's customers. */
    private static final class Group {
        long customers;
        long repeaters;
        double purchases;
        double purchasesSquared;
        double spend;
        double spendSquared;

        void add(long n, double s) {
            customers++;
            if (n >= 2) {
                repeaters++;
            }
            purchases += n;
            purchasesSquared += (double) n * n;
            spend += s;
            spendSquared += s * s;
        }

        Proportion repeat() {
            return Proportion.of(repeaters, customers);
        }

        Estimate frequency(String name) {
            return mean(purchases, purchasesSquared, customers, name);
        }

        Estimate spend(String name) {
            return mean(spend, spendSquared, customers, name);
        }
    }

    static Estimate mean(double sum, double sumSquares, long n, String name) {
        if (n < 2) {
            throw new UndefinedResultException("the mean of " + name + " is undefined with " + n + " customer"
                    + (n == 1 ? "" : "s") + " (two are needed for its standard error)");
        }
        double mean = sum / n;
        double variance = Math.max(0.0, (sumSquares - sum * mean) / (n - 1));
        return new Estimate(mean, Math.sqrt(variance / n), n - 1);
    }

    /**
     * Members' own purchase rate in the {@code periods} periods of {@code periodDays} days before and after
     * their enrolment, for the members whose whole span lies within {@code [observedFrom, asOf]}.
     *
     * @throws InvalidArgumentException if {@code periods} or {@code periodDays} is not positive
     * @throws UndefinedResultException if fewer than two members qualify
     */
    public BeforeAfter beforeAfter(int periods, int periodDays, LocalDate observedFrom, LocalDate asOf) {
        if (periods < 1) {
            throw InvalidArgumentException.of("periods", ">= 1", periods);
        }
        if (periodDays < 1) {
            throw InvalidArgumentException.of("periodDays", ">= 1", periodDays);
        }
        int first = Checks.epochDay(observedFrom, "observedFrom");
        int last = Checks.epochDay(asOf, "asOf");
        long span = (long) periods * periodDays;
        long n = 0;
        double before = 0;
        double beforeSquared = 0;
        double after = 0;
        double afterSquared = 0;
        double change = 0;
        double changeSquared = 0;
        for (int c = 0; c < customers.length; c++) {
            int e = enrolDay[c];
            if (e == NOT_ENROLLED || e - span < first || e + span - 1 > last) {
                continue;
            }
            long countBefore = 0;
            long countAfter = 0;
            for (int p = start[c]; p < start[c + 1]; p++) {
                if (day[p] >= e - span && day[p] < e) {
                    countBefore++;
                } else if (day[p] >= e && day[p] < e + span) {
                    countAfter++;
                }
            }
            double x = (double) countBefore / periods;
            double y = (double) countAfter / periods;
            n++;
            before += x;
            beforeSquared += x * x;
            after += y;
            afterSquared += y * y;
            change += y - x;
            changeSquared += (y - x) * (y - x);
        }
        return new BeforeAfter(n, periods, periodDays, mean(before, beforeSquared, n, "members before enrolment"),
                mean(after, afterSquared, n, "members after enrolment"), mean(change, changeSquared, n,
                        "the change around enrolment"));
    }

    /**
     * Members against non-members over a window.
     *
     * @param memberRepeat members' repeat purchase rate
     * @param nonMemberRepeat non-members' repeat purchase rate
     * @param memberFrequency members' mean purchases per customer
     * @param nonMemberFrequency non-members' mean purchases per customer
     * @param memberSpend members' mean spend per customer, in major units
     * @param nonMemberSpend non-members' mean spend per customer, in major units
     */
    public record Comparison(Proportion memberRepeat, Proportion nonMemberRepeat, Estimate memberFrequency,
            Estimate nonMemberFrequency, Estimate memberSpend, Estimate nonMemberSpend) {

        /** Members' repeat rate minus non-members', the pooled two-proportion z test (an association). */
        public DifferenceTest repeatUplift() {
            return memberRepeat.differenceFrom(nonMemberRepeat);
        }

        /** Members' mean purchases minus non-members', Welch's t test (an association). */
        public DifferenceTest frequencyUplift() {
            return memberFrequency.differenceFrom(nonMemberFrequency);
        }

        /** Members' mean spend minus non-members', Welch's t test (an association). */
        public DifferenceTest spendUplift() {
            return memberSpend.differenceFrom(nonMemberSpend);
        }

        /** Reads, e.g., {@code "members 2.40 purchases (repeat 61.00%) vs non-members 1.60 (repeat 38.00%)"}. */
        @Override
        public String toString() {
            return "members " + Formatting.decimal(memberFrequency.value(), 2) + " purchases (repeat "
                    + Formatting.percent(memberRepeat.value()) + ") vs non-members "
                    + Formatting.decimal(nonMemberFrequency.value(), 2) + " (repeat "
                    + Formatting.percent(nonMemberRepeat.value()) + ")";
        }
    }

    /**
     * Members' purchase rates around their enrolment.
     *
     * @param members the members compared
     * @param periods the periods k on each side
     * @param periodDays the length of a period in days
     * @param before mean purchases per period before enrolment
     * @param after mean purchases per period from enrolment on
     * @param change the mean paired change after − before, per period
     */
    public record BeforeAfter(long members, int periods, int periodDays, Estimate before, Estimate after,
            Estimate change) {

        /** Reads, e.g., {@code "212 members, 3 periods of 30 days: 1.20 before, 1.50 after (change 0.30, SE 0.05)"}. */
        @Override
        public String toString() {
            return members + " members, " + periods + " periods of " + periodDays + " days: "
                    + Formatting.decimal(before.value(), 2) + " before, " + Formatting.decimal(after.value(), 2)
                    + " after (change " + Formatting.decimal(change.value(), 2) + ", SE "
                    + Formatting.decimal(change.standardError(), 2) + ")";
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemberUplift && ((MemberUplift) o).currency.equals(currency)
                && Arrays.equals(((MemberUplift) o).customers, customers) && Arrays.equals(((MemberUplift) o).enrolDay, enrolDay)
                && Arrays.equals(((MemberUplift) o).start, start) && Arrays.equals(((MemberUplift) o).day, day)
                && Arrays.equals(((MemberUplift) o).spend, spend);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(customers) * 31 + Arrays.hashCode(day)) * 31 + Arrays.hashCode(spend);
    }

    /** Reads, e.g., {@code "purchases of 120 customers in EUR, 40 members, 560 purchases"}. */
    @Override
    public String toString() {
        long enrolled = Arrays.stream(enrolDay).filter(d -> d != NOT_ENROLLED).count();
        return "purchases of " + customers.length + " customers in " + currency.code() + ", " + enrolled + " members, "
                + day.length + " purchases";
    }

    /**
     * A mutable accumulator of purchases and enrolments; accumulators of one currency combine exactly. This
     * class is not thread-safe: use one per thread and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, MemberUplift> {

        private static final long serialVersionUID = 1L;

        private final CurrencyUnit currency;
        private final LongObjectMap<Purchases> byCustomer = new LongObjectMap<>();
        private long purchases;

        Accumulator(CurrencyUnit currency) {
            this.currency = currency;
        }

        /**
         * Adds a purchase of {@code customer} on {@code date} of {@code spend} minor units.
         *
         * @throws InvalidArgumentException if {@code spend} is negative
         */
        public Accumulator addPurchase(long customer, LocalDate date, long spend) {
            int d = Checks.epochDay(date, "date");
            Checks.count(spend, "spend");
            byCustomer.computeIfAbsent(customer, k -> new Purchases()).add(d, spend);
            purchases++;
            return this;
        }

        /** Adds the enrolment of {@code customer} on {@code date} (the earliest counts when there are several). */
        public Accumulator addEnrolment(long customer, LocalDate date) {
            int d = Checks.epochDay(date, "date");
            Purchases p = byCustomer.computeIfAbsent(customer, k -> new Purchases());
            p.enrol = Math.min(p.enrol, d);
            return this;
        }

        /**
         * Adds every purchase and enrolment of {@code other}.
         *
         * @throws InvalidArgumentException if {@code other} has another currency
         */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            Checks.sameSetting(currency, other.currency, "other", "currency");
            for (long customer : other.byCustomer.sortedKeys()) {
                Purchases theirs = other.byCustomer.get(customer);
                Purchases ours = byCustomer.computeIfAbsent(customer, k -> new Purchases());
                for (int i = 0; i < theirs.size; i++) {
                    ours.add(theirs.day[i], theirs.spend[i]);
                }
                ours.enrol = Math.min(ours.enrol, theirs.enrol);
            }
            purchases += other.purchases;
            return this;
        }

        /** The purchases and enrolments added so far. */
        @Override
        public MemberUplift snapshot() {
            long[] ids = byCustomer.sortedKeys();
            int[] enrol = new int[ids.length];
            int[] start = new int[ids.length + 1];
            int total = Math.toIntExact(purchases);
            int[] day = new int[total];
            long[] spend = new long[total];
            int k = 0;
            for (int c = 0; c < ids.length; c++) {
                Purchases p = byCustomer.get(ids[c]);
                enrol[c] = p.enrol;
                start[c] = k;
                long[][] pairs = new long[p.size][];
                for (int i = 0; i < p.size; i++) {
                    pairs[i] = new long[] {p.day[i], p.spend[i]};
                }
                Arrays.sort(pairs, (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
                for (long[] pair : pairs) {
                    day[k] = (int) pair[0];
                    spend[k] = pair[1];
                    k++;
                }
            }
            start[ids.length] = k;
            return new MemberUplift(currency, ids, enrol, start, day, spend);
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "programme.MemberUplift.Accumulator"}, version 1:
         * the currency (its code as the number of its UTF-8 bytes then the bytes, and its decimals, a varint), the
         * number of customers, then for each customer by ascending id: the id (a zigzag varint), whether they
         * enrolled (a byte 0 or 1) and if so the epoch day of their enrolment (a zigzag varint), the number of their
         * purchases, then the purchases in the order of day, then spend: the first one's epoch day (a zigzag
         * varint), each later one's as its distance from the one before (a varint, 0 for the same day), and each
         * purchase's spend (a varint, minor units).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "programme.MemberUplift.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            BinaryFields.writeString(out, value.currency.code());
            BinaryFields.writeCount(out, value.currency.decimals());
            long[] ids = value.byCustomer.sortedKeys();
            BinaryFields.writeCount(out, ids.length);
            for (long id : ids) {
                Purchases p = value.byCustomer.get(id);
                BinaryFields.writeSigned(out, id);
                out.writeBoolean(p.enrol != NOT_ENROLLED);
                if (p.enrol != NOT_ENROLLED) {
                    BinaryFields.writeSigned(out, p.enrol);
                }
                long[][] pairs = new long[p.size][];
                for (int i = 0; i < p.size; i++) {
                    pairs[i] = new long[] {p.day[i], p.spend[i]};
                }
                Arrays.sort(pairs, (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
                BinaryFields.writeCount(out, pairs.length);
                for (int i = 0; i < pairs.length; i++) {
                    if (i == 0) {
                        BinaryFields.writeSigned(out, pairs[i][0]);
                    } else {
                        BinaryFields.writeCount(out, pairs[i][0] - pairs[i - 1][0]);
                    }
                    BinaryFields.writeCount(out, pairs[i][1]);
                }
            }
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Accumulator read = new Accumulator(CurrencyUnit.of(BinaryFields.readString(in),
                    BinaryFields.readLength(in, 255)));
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            long id = 0;
            for (int c = 0; c < n; c++) {
                id = BinaryFields.readId(in, c, id);
                boolean enrolled = in.readBoolean();
                if (enrolled) {
                    read.addEnrolment(id, BinaryFields.readDate(in));
                }
                int purchases = BinaryFields.readLength(in, Integer.MAX_VALUE);
                BinaryFields.checkField(enrolled || purchases >= 1, "an enrolment or a purchase of each customer",
                        purchases);
                long day = 0;
                long previousSpend = 0;
                for (int i = 0; i < purchases; i++) {
                    long distance = i == 0 ? 0 : BinaryFields.readCount(in);
                    day = i == 0 ? BinaryFields.readSigned(in) : Math.addExact(day, distance);
                    long spend = BinaryFields.readCount(in);
                    BinaryFields.checkField(distance > 0 || spend >= previousSpend, "purchases in the order of day, "
                            + "then spend", spend);
                    previousSpend = spend;
                    read.addPurchase(id, LocalDate.ofEpochDay(day), spend);
                }
            }
            return read;
        }

        /** Reads, e.g., {@code "MemberUplift.Accumulator in EUR: 120 customers, 560 purchases"}. */
        @Override
        public String toString() {
            return "MemberUplift.Accumulator in " + currency.code() + ": " + byCustomer.size() + " customers, " + purchases
                    + " purchases";
        }
    }

    private static final class Purchases implements Serializable {
        private static final long serialVersionUID = 1L;
        int[] day = new int[4];
        long[] spend = new long[4];
        int size;
        int enrol = NOT_ENROLLED;

        void add(int d, long s) {
            if (size == day.length) {
                day = Arrays.copyOf(day, size * 2);
                spend = Arrays.copyOf(spend, size * 2);
            }
            day[size] = d;
            spend[size] = s;
            size++;
        }
    }
}
