package org.loyaltymetrics.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import org.loyaltymetrics.InvalidArgumentException;

/**
 * The per-customer purchase days of a transaction log, the state behind {@code RfmSummary} and
 * {@code RepeatPurchaseRate}: for each customer (a dense index of a {@link LongIndex}) the first and
 * last purchase day up to the calibration end, the number of distinct purchase days, the value of the
 * first day and of all days, and the purchase days and value after the calibration end up to the end
 * of observation. Transactions after the end are left out and counted.
 *
 * <p>Distinct purchase days: several purchases of a customer on one day count as one. While each
 * customer's transactions arrive in date order (as logs usually do), a transaction is a new purchase
 * day exactly when its day is after the customer's latest, and the customer-days are only appended
 * to a log (sequential writes, 8 bytes each). The first transaction that comes out of order for its
 * customer turns the log into a {@link LongHashSet} keyed by {@code index << 32 | epochDay}, which
 * from then on decides every new day, whatever the order.
 *
 * <p>Each customer's figures sit together in one {@code long[]} row of {@link #STRIDE} longs, so that
 * an update touches one or two cache lines. Adding a transaction of a known customer allocates
 * nothing except when a table grows. Not thread-safe.
 */
public final class PurchaseDays implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int STRIDE = 8;
    private static final int FIRST = 0;
    private static final int LAST = 1;
    private static final int DAYS = 2;
    private static final int FIRST_VALUE = 3;
    private static final int VALUE = 4;
    private static final int HOLDOUT_DAYS = 5;
    private static final int HOLDOUT_VALUE = 6;
    /** The latest purchase day, calibration or holdout. */
    private static final int LATEST = 7;
    /** The sign bit of a day in a customer-day key, flipped to sort the keys by signed day. */
    private static final long SIGN = 0x8000_0000L;

    private final int calibrationEnd;
    private final int end;
    private final LongIndex customers = new LongIndex();
    private int count;
    private long[] rows = new long[16 * STRIDE];
    /** Customer-day keys, appended while every customer's days came in order; null once {@link #customerDays} holds them. */
    private long[] dayLog = new long[16];
    private int logged;
    private LongHashSet customerDays;
    private long transactions;
    private long afterEnd;

    /** Days up to {@code calibrationEnd} are calibration, later ones up to {@code end} holdout (epoch days). */
    public PurchaseDays(int calibrationEnd, int end) {
        this.calibrationEnd = calibrationEnd;
        this.end = end;
    }

    /** Adds one transaction; nothing changes if the amount is negative or a sum would overflow. */
    public void add(long customer, int day, long amount) {
        if (amount < 0) {
            throw InvalidArgumentException.of("amount", ">= 0 (minor units)", amount);
        }
        if (day > end) {
            afterEnd = Checks.addCounts(afterEnd, 1, "transactions after the end");
            return;
        }
        long newTransactions = Checks.addCounts(transactions, 1, "transactions");
        int i = customer(customer);
        long[] r = rows;
        int s = i * STRIDE;
        if (day <= calibrationEnd) {
            long newValue = Checks.addCounts(r[s + VALUE], amount, "value of a customer's purchases");
            if (day == r[s + FIRST]) {
                r[s + FIRST_VALUE] = Checks.addCounts(r[s + FIRST_VALUE], amount, "value of a customer's first purchase day");
            } else if (day < r[s + FIRST]) {
                r[s + FIRST] = day;
                r[s + FIRST_VALUE] = amount;
            }
            if (day > r[s + LAST]) {
                r[s + LAST] = day;
            }
            r[s + VALUE] = newValue;
            if (isNewDay(i, s, day)) {
                r[s + DAYS]++;
            }
        } else {
            r[s + HOLDOUT_VALUE] = Checks.addCounts(r[s + HOLDOUT_VALUE], amount, "value of a customer's holdout purchases");
            if (isNewDay(i, s, day)) {
                r[s + HOLDOUT_DAYS]++;
            }
        }
        transactions = newTransactions;
    }

    /** Whether {@code day} is a new purchase day of customer {@code i}, recording it if so. */
    private boolean isNewDay(int i, int s, int day) {
        long latest = rows[s + LATEST];
        if (day == latest) {
            return false;
        }
        if (day > latest) {
            rows[s + LATEST] = day;
            if (customerDays == null) {
                if (logged == dayLog.length) {
                    dayLog = Arrays.copyOf(dayLog, 2 * logged);
                }
                dayLog[logged++] = key(i, day);
                return true;
            }
        } else if (customerDays == null) {
            useSet();
        }
        return customerDays.add(key(i, day));
    }

    /** Moves the logged customer-days into a set, which decides new days from then on. */
    private void useSet() {
        if (customerDays == null) {
            LongHashSet set = new LongHashSet(Math.max(16, logged));
            for (int k = 0; k < logged; k++) {
                set.add(dayLog[k]);
            }
            customerDays = set;
            dayLog = null;
            logged = 0;
        }
    }

    private void forEachCustomerDay(LongConsumer action) {
        if (customerDays != null) {
            customerDays.forEach(action);
        } else {
            for (int k = 0; k < logged; k++) {
                action.accept(dayLog[k]);
            }
        }
    }

    /**
     * Adds everything {@code other} holds, as if its transactions had been added here: per-customer
     * sums are added, first days compared, and purchase days united so that a day both saw counts once.
     */
    public void addAll(PurchaseDays other) {
        if (other == this) {
            throw new InvalidArgumentException("other", "other must be another accumulator, was this one");
        }
        if (other.calibrationEnd != calibrationEnd || other.end != end) {
            throw new InvalidArgumentException("other", "other must observe up to " + LocalDate.ofEpochDay(calibrationEnd)
                    + " / " + LocalDate.ofEpochDay(end) + ", observes up to " + LocalDate.ofEpochDay(other.calibrationEnd)
                    + " / " + LocalDate.ofEpochDay(other.end));
        }
        useSet();
        int[] map = new int[other.count];
        long[] o = other.rows;
        for (int j = 0; j < other.count; j++) {
            int i = customer(other.customers.key(j));
            map[j] = i;
            int s = i * STRIDE;
            int t = j * STRIDE;
            if (o[t + FIRST] < rows[s + FIRST]) {
                rows[s + FIRST] = o[t + FIRST];
                rows[s + FIRST_VALUE] = o[t + FIRST_VALUE];
            } else if (o[t + FIRST] == rows[s + FIRST] && o[t + DAYS] > 0) {
                rows[s + FIRST_VALUE] = Checks.addCounts(rows[s + FIRST_VALUE], o[t + FIRST_VALUE],
                        "value of a customer's first purchase day");
            }
            rows[s + LAST] = Math.max(rows[s + LAST], o[t + LAST]);
            rows[s + LATEST] = Math.max(rows[s + LATEST], o[t + LATEST]);
            rows[s + VALUE] = Checks.addCounts(rows[s + VALUE], o[t + VALUE], "value of a customer's purchases");
            rows[s + HOLDOUT_VALUE] = Checks.addCounts(rows[s + HOLDOUT_VALUE], o[t + HOLDOUT_VALUE],
                    "value of a customer's holdout purchases");
        }
        other.forEachCustomerDay(otherKey -> {
            int i = map[(int) (otherKey >>> 32)];
            int day = (int) otherKey;
            if (customerDays.add(key(i, day))) {
                rows[i * STRIDE + (day <= calibrationEnd ? DAYS : HOLDOUT_DAYS)]++;
            }
        });
        transactions = Checks.addCounts(transactions, other.transactions, "transactions");
        afterEnd = Checks.addCounts(afterEnd, other.afterEnd, "transactions after the end");
    }

    private static long key(int index, int day) {
        return (long) index << 32 | (day & 0xFFFF_FFFFL);
    }

    /**
     * Writes the binary form's fields of these purchase days (the settings, calibration end and end, are the
     * owner's): the transactions counted and those after the end (varints), the number of customers, then for
     * each customer by ascending id: the id (a zigzag varint), the value of the first purchase day, of all
     * calibration days and of the holdout days (varints, minor units), the number of distinct purchase days, the
     * first of them (epoch day, a zigzag varint) and each later one as its distance from the one before (a
     * varint, &ge; 1), calibration and holdout days together in ascending order.
     *
     * @param out where to write
     * @throws IOException if {@code out} fails
     */
    public void write(DataOutput out) throws IOException {
        BinaryFields.writeCount(out, transactions);
        BinaryFields.writeCount(out, afterEnd);
        // the customer-day keys with the day's sign bit flipped, sorted: each customer's days together, ascending
        long[] keys = new long[logged + (customerDays == null ? 0 : customerDays.size())];
        int[] n = {0};
        forEachCustomerDay(key -> keys[n[0]++] = key ^ SIGN);
        Arrays.sort(keys, 0, n[0]);
        int[] start = new int[count + 1];
        for (int k = 0; k < n[0]; k++) {
            start[(int) (keys[k] >>> 32) + 1]++;
        }
        for (int i = 0; i < count; i++) {
            start[i + 1] += start[i];
        }
        BinaryFields.writeCount(out, count);
        for (int i : customers.indexesByKey()) {
            int s = i * STRIDE;
            BinaryFields.writeSigned(out, customers.key(i));
            BinaryFields.writeCount(out, rows[s + FIRST_VALUE]);
            BinaryFields.writeCount(out, rows[s + VALUE]);
            BinaryFields.writeCount(out, rows[s + HOLDOUT_VALUE]);
            BinaryFields.writeCount(out, start[i + 1] - start[i]);
            long previous = 0;
            for (int k = start[i]; k < start[i + 1]; k++) {
                long day = (int) (keys[k] ^ SIGN);
                if (k == start[i]) {
                    BinaryFields.writeSigned(out, day);
                } else {
                    BinaryFields.writeCount(out, day - previous);
                }
                previous = day;
            }
        }
    }

    /**
     * Reads purchase days written by {@link #write}, observed up to {@code calibrationEnd} and {@code end}.
     *
     * @param in where to read
     * @param calibrationEnd the calibration end (epoch day)
     * @param end the end of observation (epoch day)
     * @return the purchase days
     * @throws IOException if {@code in} fails
     * @throws InvalidArgumentException named {@code bytes} if a field is out of range
     */
    public static PurchaseDays read(DataInput in, int calibrationEnd, int end) throws IOException {
        PurchaseDays read = new PurchaseDays(calibrationEnd, end);
        read.transactions = BinaryFields.readCount(in);
        read.afterEnd = BinaryFields.readCount(in);
        int customers = BinaryFields.readLength(in, Integer.MAX_VALUE);
        long id = 0;
        long days = 0;
        for (int c = 0; c < customers; c++) {
            id = BinaryFields.readId(in, c, id);
            int i = read.customer(id);
            int s = i * STRIDE;
            long[] r = read.rows;
            r[s + FIRST_VALUE] = BinaryFields.readCount(in);
            r[s + VALUE] = BinaryFields.readCount(in);
            r[s + HOLDOUT_VALUE] = BinaryFields.readCount(in);
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            BinaryFields.checkField(n >= 1, "at least 1 purchase day of each customer", n);
            days += n;
            BinaryFields.checkField(days <= read.transactions, "purchase days <= the transactions " + read.transactions,
                    days);
            long day = 0;
            for (int k = 0; k < n; k++) {
                day = k == 0 ? BinaryFields.readSigned(in) : day + BinaryFields.readCount(in);
                BinaryFields.checkField(day >= Integer.MIN_VALUE && day <= end && (k == 0 || day > r[s + LATEST]),
                        "distinct purchase days up to the end " + end, day);
                if (day <= calibrationEnd) {
                    r[s + FIRST] = Math.min(r[s + FIRST], day);
                    r[s + LAST] = day;
                    r[s + DAYS]++;
                } else {
                    r[s + HOLDOUT_DAYS]++;
                }
                r[s + LATEST] = day;
                if (read.logged == read.dayLog.length) {
                    read.dayLog = Arrays.copyOf(read.dayLog, 2 * read.logged);
                }
                read.dayLog[read.logged++] = key(i, (int) day);
            }
            BinaryFields.checkField(r[s + FIRST_VALUE] <= r[s + VALUE] && (r[s + DAYS] > 0 || r[s + VALUE] == 0)
                    && (r[s + HOLDOUT_DAYS] > 0 || r[s + HOLDOUT_VALUE] == 0), "values of the customer's days", id);
        }
        return read;
    }

    private int customer(long id) {
        int i = customers.add(id);
        if (i == count) {
            if ((i + 1) * STRIDE > rows.length) {
                rows = Arrays.copyOf(rows, 2 * rows.length);
            }
            int s = i * STRIDE;
            rows[s + FIRST] = Integer.MAX_VALUE;
            rows[s + LAST] = Integer.MIN_VALUE;
            rows[s + LATEST] = Integer.MIN_VALUE;
            count++;
        }
        return i;
    }

    /** Transactions counted (up to the end). */
    public long transactions() {
        return transactions;
    }

    /** Transactions after the end, left out. */
    public long transactionsAfterEnd() {
        return afterEnd;
    }

    /** Customers with at least one purchase day up to the calibration end. */
    public int calibrationCustomers() {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (rows[i * STRIDE + DAYS] > 0) {
                n++;
            }
        }
        return n;
    }

    /** Customers whose every purchase falls after the calibration end. */
    public int customersFirstSeenInHoldout() {
        return count - calibrationCustomers();
    }

    /** Calls {@code row} for each customer with calibration purchases, by ascending customer id. */
    public void forEachCustomer(CustomerRow row) {
        for (int i : customers.indexesByKey()) {
            int s = i * STRIDE;
            if (rows[s + DAYS] > 0) {
                row.accept(customers.key(i), (int) rows[s + DAYS], (int) rows[s + FIRST], (int) rows[s + LAST],
                        rows[s + FIRST_VALUE], rows[s + VALUE], (int) rows[s + HOLDOUT_DAYS], rows[s + HOLDOUT_VALUE]);
            }
        }
    }

    /**
     * Calls {@code day} with the epoch day of every repeat purchase of the customers with calibration
     * purchases: each of their distinct purchase days after their first, in the calibration period or
     * the holdout, in no particular order.
     */
    public void forEachRepeatPurchaseDay(IntConsumer day) {
        forEachCustomerDay(key -> {
            int s = (int) (key >>> 32) * STRIDE;
            int d = (int) key;
            if (rows[s + DAYS] > 0 && d != rows[s + FIRST]) {
                day.accept(d);
            }
        });
    }

    /** Receives one customer's figures. */
    public interface CustomerRow {
        void accept(long id, int purchaseDays, int firstDay, int lastDay, long firstDayValue, long value,
                int holdoutDays, long holdoutValue);
    }
}
