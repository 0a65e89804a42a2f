package org.loyaltymetrics.behavior;

import java.time.LocalDate;
import java.util.Arrays;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.LongHashSet;
import org.loyaltymetrics.internal.LongIndex;

/**
 * The per-customer purchase days of a transaction log, the state behind {@link RfmSummary} and
 * {@link RepeatPurchaseRate}: for each customer (a dense index of a {@link LongIndex}) the first and
 * last purchase day up to the calibration end, the number of distinct purchase days, the value of the
 * first day and of all days, and the purchase days and value after the calibration end up to the end
 * of observation. Distinct customer-days are held in a {@link LongHashSet} keyed by
 * {@code index << 32 | epochDay}, so transactions may arrive in any order and several purchases on one
 * day count as one purchase day. Transactions after the end are left out and counted.
 *
 * <p>Adding a transaction of a known customer allocates nothing except when a table grows. Not
 * thread-safe.
 */
final class PurchaseDays {

    private final int calibrationEnd;
    private final int end;
    private final LongIndex customers = new LongIndex();
    private final LongHashSet customerDays = new LongHashSet();
    private int count;
    private int[] first = new int[16];
    private int[] last = new int[16];
    private int[] days = new int[16];
    private int[] holdoutDays = new int[16];
    private long[] firstValue = new long[16];
    private long[] value = new long[16];
    private long[] holdoutValue = new long[16];
    private long transactions;
    private long afterEnd;

    /** Days up to {@code calibrationEnd} are calibration, later ones up to {@code end} holdout (epoch days). */
    PurchaseDays(int calibrationEnd, int end) {
        this.calibrationEnd = calibrationEnd;
        this.end = end;
    }

    /** The epoch day of {@code date}, which must lie within the range of an {@code int} epoch day. */
    static int epochDay(LocalDate date, String name) {
        long day = Checks.notNull(date, name).toEpochDay();
        if (day != (int) day) {
            throw new IllegalArgumentException(name + " must be within " + LocalDate.ofEpochDay(Integer.MIN_VALUE)
                    + ".." + LocalDate.ofEpochDay(Integer.MAX_VALUE) + ", was " + date);
        }
        return (int) day;
    }

    /** Checks a purchase amount in minor units: zero or more. */
    static long checkAmount(long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("amount must be >= 0 (minor units), was " + amount);
        }
        return amount;
    }

    int calibrationEnd() {
        return calibrationEnd;
    }

    int end() {
        return end;
    }

    /** Adds one transaction; nothing changes if the amount is negative or a sum would overflow. */
    void add(long customer, int day, long amount) {
        checkAmount(amount);
        if (day > end) {
            afterEnd = Checks.addCounts(afterEnd, 1, "transactions after the end");
            return;
        }
        long newTransactions = Checks.addCounts(transactions, 1, "transactions");
        int i = customer(customer);
        if (day <= calibrationEnd) {
            long newValue = Checks.addCounts(value[i], amount, "value of a customer's purchases");
            if (day == first[i]) {
                firstValue[i] = Checks.addCounts(firstValue[i], amount, "value of a customer's first purchase day");
            } else if (day < first[i]) {
                first[i] = day;
                firstValue[i] = amount;
            }
            if (day > last[i]) {
                last[i] = day;
            }
            value[i] = newValue;
            if (customerDays.add(key(i, day))) {
                days[i]++;
            }
        } else {
            holdoutValue[i] = Checks.addCounts(holdoutValue[i], amount, "value of a customer's holdout purchases");
            if (customerDays.add(key(i, day))) {
                holdoutDays[i]++;
            }
        }
        transactions = newTransactions;
    }

    /**
     * Adds everything {@code other} holds, as if its transactions had been added here: per-customer
     * sums are added, first days compared, and purchase days united so that a day both saw counts once.
     */
    void addAll(PurchaseDays other) {
        if (other == this) {
            throw new IllegalArgumentException("other must be another accumulator, was this one");
        }
        if (other.calibrationEnd != calibrationEnd || other.end != end) {
            throw new IllegalArgumentException("other must observe up to " + LocalDate.ofEpochDay(calibrationEnd)
                    + " / " + LocalDate.ofEpochDay(end) + ", observes up to " + LocalDate.ofEpochDay(other.calibrationEnd)
                    + " / " + LocalDate.ofEpochDay(other.end));
        }
        int[] map = new int[other.count];
        for (int j = 0; j < other.count; j++) {
            int i = customer(other.customers.key(j));
            map[j] = i;
            if (other.first[j] < first[i]) {
                first[i] = other.first[j];
                firstValue[i] = other.firstValue[j];
            } else if (other.first[j] == first[i] && other.days[j] > 0) {
                firstValue[i] = Checks.addCounts(firstValue[i], other.firstValue[j], "value of a customer's first purchase day");
            }
            last[i] = Math.max(last[i], other.last[j]);
            value[i] = Checks.addCounts(value[i], other.value[j], "value of a customer's purchases");
            holdoutValue[i] = Checks.addCounts(holdoutValue[i], other.holdoutValue[j], "value of a customer's holdout purchases");
        }
        other.customerDays.forEach(otherKey -> {
            int i = map[(int) (otherKey >>> 32)];
            int day = (int) otherKey;
            if (customerDays.add(key(i, day))) {
                if (day <= calibrationEnd) {
                    days[i]++;
                } else {
                    holdoutDays[i]++;
                }
            }
        });
        transactions = Checks.addCounts(transactions, other.transactions, "transactions");
        afterEnd = Checks.addCounts(afterEnd, other.afterEnd, "transactions after the end");
    }

    private static long key(int index, int day) {
        return (long) index << 32 | (day & 0xFFFF_FFFFL);
    }

    private int customer(long id) {
        int i = customers.add(id);
        if (i == count) {
            if (count == first.length) {
                grow();
            }
            first[i] = Integer.MAX_VALUE;
            last[i] = Integer.MIN_VALUE;
            count++;
        }
        return i;
    }

    private void grow() {
        int capacity = first.length * 2;
        first = Arrays.copyOf(first, capacity);
        last = Arrays.copyOf(last, capacity);
        days = Arrays.copyOf(days, capacity);
        holdoutDays = Arrays.copyOf(holdoutDays, capacity);
        firstValue = Arrays.copyOf(firstValue, capacity);
        value = Arrays.copyOf(value, capacity);
        holdoutValue = Arrays.copyOf(holdoutValue, capacity);
    }

    /** Transactions counted (up to the end). */
    long transactions() {
        return transactions;
    }

    /** Transactions after the end, left out. */
    long transactionsAfterEnd() {
        return afterEnd;
    }

    /** Customers with at least one purchase day up to the calibration end. */
    int calibrationCustomers() {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (days[i] > 0) {
                n++;
            }
        }
        return n;
    }

    /** Customers whose every purchase falls after the calibration end. */
    int customersFirstSeenInHoldout() {
        return count - calibrationCustomers();
    }

    /** Calls {@code row} for each customer with calibration purchases, by ascending customer id. */
    void forEachCustomer(CustomerRow row) {
        for (int i : customers.indexesByKey()) {
            if (days[i] > 0) {
                row.accept(customers.key(i), days[i], first[i], last[i], firstValue[i], value[i], holdoutDays[i],
                        holdoutValue[i]);
            }
        }
    }

    /** Receives one customer's figures. */
    interface CustomerRow {
        void accept(long id, int purchaseDays, int firstDay, int lastDay, long firstDayValue, long value,
                int holdoutDays, long holdoutValue);
    }
}
