package org.loyaltymetrics.behavior;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.TextTable;
import org.loyaltymetrics.stats.UndefinedResultException;

/**
 * The recency-frequency-monetary (RFM) summary of a transaction log, one row per customer, as the
 * buy-till-you-die literature defines it (Fader, Hardie &amp; Lee 2005, "RFM and CLV: Using Iso-Value
 * Curves for Customer Base Analysis"; the BTYD, lifetimes and CLVTools libraries):
 *
 * <ul>
 *   <li><b>purchase</b>: a purchase day. Several purchases of a customer on one day count as one
 *       purchase, their values summed.</li>
 *   <li><b>frequency</b> x: the number of repeat purchases, the purchase days after the first.</li>
 *   <li><b>recency</b> t<sub>x</sub>: the time from the first to the last purchase (0 when x = 0).</li>
 *   <li><b>T</b>: the time from the first purchase to the end of the calibration period.</li>
 *   <li><b>monetary value</b>: the mean value of the repeat purchase days, (value of all purchase days
 *       − value of the first) / x. It is undefined when x = 0 ({@link Customer#monetaryValue()} throws
 *       {@link UndefinedResultException}; data files of the literature write 0 there, which the
 *       command-line tool does too). A zero-value purchase is a purchase: it counts towards x and adds
 *       0 to the value, so it lowers the mean.</li>
 * </ul>
 *
 * <p>Times are whole days (the calendar days between two dates), expressed in a chosen {@link Unit}:
 * weeks are days / 7, fractional, as the literature does.
 *
 * <p>The observation ends on a day (inclusive). With a calibration/holdout split at a calibration end
 * date, the calibration period runs to the calibration end (inclusive) and the holdout period from the
 * day after it to the end of observation; each customer's holdout purchase days and their value are
 * reported. Customers are the ones with a purchase in the calibration period; customers whose every
 * purchase falls in the holdout are left out and counted ({@link #customersFirstSeenInHoldout()}).
 * Transactions after the end of observation are left out and counted ({@link #transactionsAfterEnd()}),
 * not an error: logs often run past the period analysed.
 *
 * <p>Amounts are exact {@code long} counts of minor units (README, "Conventions"); {@link #decimals()}
 * says how many decimals the currency has, for monetary values in major units and for display.
 *
 * <p>Built by an {@link Accumulator} ({@link #accumulator(LocalDate)}) or a {@link #collector(LocalDate)}.
 * With the CDNOW sample (2,357 customers, calibration to 1997-09-30, weeks) it reproduces
 * Fader and Hardie's published summary ({@code cdnow_customers_summary.csv}) to every digit.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class RfmSummary {

    /** The unit in which recency and T are expressed. */
    public enum Unit {
        /** Calendar days. */
        DAYS(1),
        /** Weeks of seven days, fractional: days / 7. */
        WEEKS(7);

        private final int days;

        Unit(int days) {
            this.days = days;
        }

        /** The length of the unit in days. */
        public int days() {
            return days;
        }

        /** {@code days} expressed in this unit. */
        public double of(long days) {
            return (double) days / this.days;
        }
    }

    /**
     * One customer's row of the summary.
     *
     * @param customerId the customer's id
     * @param frequency x, the number of repeat purchase days in the calibration period
     * @param recencyDays t<sub>x</sub> in days, first to last purchase
     * @param tDays T in days, first purchase to the end of the calibration period
     * @param firstPurchaseValue the value of the first purchase day, in minor units
     * @param repeatValue the value of the repeat purchase days, in minor units
     * @param holdoutPurchases the number of purchase days in the holdout period (0 without a split)
     * @param holdoutValue the value of the holdout purchases, in minor units
     * @param decimals the number of decimals of the currency
     */
    public record Customer(long customerId, int frequency, int recencyDays, int tDays, long firstPurchaseValue,
            long repeatValue, int holdoutPurchases, long holdoutValue, int decimals) implements Serializable {

        private static final long serialVersionUID = 1L;

        /** Recency in {@code unit}. */
        public double recency(Unit unit) {
            return Checks.notNull(unit, "unit").of(recencyDays);
        }

        /** T in {@code unit}. */
        public double t(Unit unit) {
            return Checks.notNull(unit, "unit").of(tDays);
        }

        /** The number of purchase days in the calibration period, x + 1. */
        public int purchases() {
            return frequency + 1;
        }

        /** The value of all calibration purchases, in minor units. */
        public long totalValue() {
            return firstPurchaseValue + repeatValue;
        }

        /**
         * The monetary value: the mean value of the repeat purchase days, in major units of the currency.
         *
         * @throws UndefinedResultException if the customer made no repeat purchase (x = 0)
         */
        public double monetaryValue() {
            requireRepeat();
            return (double) repeatValue / frequency / Math.pow(10, decimals);
        }

        /**
         * The monetary value exactly rounded to {@code scale} decimals with {@code rounding}, e.g.
         * 22.35 for repeat purchases of 29.73 and 14.96 at scale 2, half up.
         *
         * @throws UndefinedResultException if the customer made no repeat purchase (x = 0)
         */
        public BigDecimal monetaryValue(int scale, RoundingMode rounding) {
            requireRepeat();
            return BigDecimal.valueOf(repeatValue, decimals).divide(BigDecimal.valueOf(frequency), scale,
                    Checks.notNull(rounding, "rounding"));
        }

        private void requireRepeat() {
            if (frequency == 0) {
                throw new UndefinedResultException("the monetary value of customer " + customerId
                        + " is undefined: no repeat purchase (frequency 0)");
            }
        }
    }

    private final LocalDate calibrationEnd;
    private final LocalDate end;
    private final int decimals;
    private final long[] ids;
    private final int[] frequency;
    private final int[] recencyDays;
    private final int[] tDays;
    private final long[] firstValue;
    private final long[] repeatValue;
    private final int[] holdoutPurchases;
    private final long[] holdoutValue;
    private final long transactions;
    private final long transactionsAfterEnd;
    private final int customersFirstSeenInHoldout;

    private RfmSummary(Accumulator accumulator) {
        PurchaseDays purchases = accumulator.purchases;
        this.calibrationEnd = accumulator.calibrationEnd;
        this.end = accumulator.end;
        this.decimals = accumulator.decimals;
        int n = purchases.calibrationCustomers();
        ids = new long[n];
        frequency = new int[n];
        recencyDays = new int[n];
        tDays = new int[n];
        firstValue = new long[n];
        repeatValue = new long[n];
        holdoutPurchases = new int[n];
        holdoutValue = new long[n];
        int[] row = {0};
        long calibrationEndDay = calibrationEnd.toEpochDay();
        purchases.forEachCustomer((id, days, firstDay, lastDay, firstDayValue, value, holdoutDays, holdout) -> {
            int r = row[0]++;
            ids[r] = id;
            frequency[r] = days - 1;
            recencyDays[r] = lastDay - firstDay;
            tDays[r] = (int) (calibrationEndDay - firstDay);
            firstValue[r] = firstDayValue;
            repeatValue[r] = value - firstDayValue;
            holdoutPurchases[r] = holdoutDays;
            holdoutValue[r] = holdout;
        });
        transactions = purchases.transactions();
        transactionsAfterEnd = purchases.transactionsAfterEnd();
        customersFirstSeenInHoldout = purchases.customersFirstSeenInHoldout();
    }

    /**
     * A new, empty accumulator whose observation (and calibration period) ends on {@code end},
     * inclusive; amounts in minor units of a currency with 2 decimals.
     */
    public static Accumulator accumulator(LocalDate end) {
        return new Accumulator(end, end, 2);
    }

    /**
     * A new, empty accumulator with a calibration/holdout split: calibration up to
     * {@code calibrationEnd}, holdout from the day after to {@code end} (both inclusive); amounts in
     * minor units of a currency with 2 decimals.
     *
     * @throws IllegalArgumentException if {@code end} is before {@code calibrationEnd}
     */
    public static Accumulator accumulator(LocalDate calibrationEnd, LocalDate end) {
        return new Accumulator(calibrationEnd, end, 2);
    }

    /**
     * As {@link #accumulator(LocalDate, LocalDate)}, for a currency with {@code decimals} decimals
     * (0..9; 2 for cents, 0 for yen).
     */
    public static Accumulator accumulator(LocalDate calibrationEnd, LocalDate end, int decimals) {
        return new Accumulator(calibrationEnd, end, decimals);
    }

    /** A collector of {@link Transaction}s into the summary of the observation ending on {@code end}. */
    public static Collector<Transaction, ?, RfmSummary> collector(LocalDate end) {
        return collector(end, end, Transaction::customerId, Transaction::date, Transaction::amount);
    }

    /**
     * A collector of any records into the summary with a calibration/holdout split (pass the same date
     * twice for none), reading each record's customer id, date and amount in minor units.
     */
    public static <T> Collector<T, ?, RfmSummary> collector(LocalDate calibrationEnd, LocalDate end,
            ToLongFunction<? super T> customerOf, Function<? super T, LocalDate> dateOf,
            ToLongFunction<? super T> amountOf) {
        Checks.notNull(customerOf, "customerOf");
        Checks.notNull(dateOf, "dateOf");
        Checks.notNull(amountOf, "amountOf");
        Accumulator check = new Accumulator(calibrationEnd, end, 2);
        return Collector.of(() -> new Accumulator(check.calibrationEnd, check.end, 2),
                (acc, t) -> acc.add(customerOf.applyAsLong(t), dateOf.apply(t), amountOf.applyAsLong(t)),
                Accumulator::combine, Accumulator::snapshot, Collector.Characteristics.UNORDERED);
    }

    /** The last day of the calibration period (the end of observation when there is no split). */
    public LocalDate calibrationEnd() {
        return calibrationEnd;
    }

    /** The last day of observation. */
    public LocalDate end() {
        return end;
    }

    /** Whether the observation is split into a calibration and a holdout period. */
    public boolean isSplit() {
        return end.isAfter(calibrationEnd);
    }

    /** The number of decimals of the currency of the amounts. */
    public int decimals() {
        return decimals;
    }

    /** The number of customers (with a purchase in the calibration period). */
    public int size() {
        return ids.length;
    }

    /** Whether there are no customers. */
    public boolean isEmpty() {
        return ids.length == 0;
    }

    /** The rows, by ascending customer id. */
    public List<Customer> customers() {
        return new AbstractList<>() {
            @Override
            public Customer get(int index) {
                return row(index);
            }

            @Override
            public int size() {
                return ids.length;
            }
        };
    }

    /** Whether {@code customerId} has a row. */
    public boolean contains(long customerId) {
        return Arrays.binarySearch(ids, customerId) >= 0;
    }

    /**
     * The row of {@code customerId}.
     *
     * @throws IllegalArgumentException if the customer made no purchase in the calibration period
     */
    public Customer customer(long customerId) {
        int r = Arrays.binarySearch(ids, customerId);
        if (r < 0) {
            throw new IllegalArgumentException("customerId must be a customer of the summary, was " + customerId);
        }
        return row(r);
    }

    private Customer row(int r) {
        Objects.checkIndex(r, ids.length);
        return new Customer(ids[r], frequency[r], recencyDays[r], tDays[r], firstValue[r], repeatValue[r],
                holdoutPurchases[r], holdoutValue[r], decimals);
    }

    /** The transactions counted, up to the end of observation. */
    public long transactions() {
        return transactions;
    }

    /** The transactions after the end of observation, left out of the summary. */
    public long transactionsAfterEnd() {
        return transactionsAfterEnd;
    }

    /** Customers whose every purchase falls in the holdout period, left out of the summary. */
    public int customersFirstSeenInHoldout() {
        return customersFirstSeenInHoldout;
    }

    /** Customers with at least one repeat purchase (x &gt; 0). */
    public long repeatCustomers() {
        long n = 0;
        for (int x : frequency) {
            if (x > 0) {
                n++;
            }
        }
        return n;
    }

    /** Σ x, the repeat purchase days of all customers. */
    public long repeatPurchases() {
        long n = 0;
        for (int x : frequency) {
            n += x;
        }
        return n;
    }

    /** The value of all calibration purchases, in minor units. */
    public long totalValue() {
        long sum = 0;
        for (int r = 0; r < ids.length; r++) {
            sum = Math.addExact(sum, Math.addExact(firstValue[r], repeatValue[r]));
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RfmSummary)) {
            return false;
        }
        RfmSummary s = (RfmSummary) o;
        return s.calibrationEnd.equals(calibrationEnd) && s.end.equals(end) && s.decimals == decimals
                && s.transactions == transactions && s.transactionsAfterEnd == transactionsAfterEnd
                && s.customersFirstSeenInHoldout == customersFirstSeenInHoldout && Arrays.equals(s.ids, ids)
                && Arrays.equals(s.frequency, frequency) && Arrays.equals(s.recencyDays, recencyDays)
                && Arrays.equals(s.tDays, tDays) && Arrays.equals(s.firstValue, firstValue)
                && Arrays.equals(s.repeatValue, repeatValue) && Arrays.equals(s.holdoutPurchases, holdoutPurchases)
                && Arrays.equals(s.holdoutValue, holdoutValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(calibrationEnd, end, decimals, transactions, Arrays.hashCode(ids),
                Arrays.hashCode(frequency), Arrays.hashCode(recencyDays), Arrays.hashCode(repeatValue),
                Arrays.hashCode(holdoutPurchases), Arrays.hashCode(holdoutValue));
    }

    /**
     * A heading line and a grid of the first ten rows (days and weeks), e.g. {@code "RFM summary:
     * 2357 customers, 946 repeat customers, 2357 transactions to 1997-09-30, 0 left out after the
     * end"}.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("RFM summary: ").append(ids.length).append(" customers, ")
                .append(repeatCustomers()).append(" repeat customers, ").append(transactions)
                .append(" transactions to ").append(isSplit() ? calibrationEnd + " / " + end : end.toString())
                .append(", ").append(transactionsAfterEnd).append(" left out after the end\n");
        TextTable table = isSplit()
                ? new TextTable("customer", "x", "t_x (days)", "T (days)", "t_x (weeks)", "T (weeks)", "monetary",
                        "holdout x", "holdout value")
                : new TextTable("customer", "x", "t_x (days)", "T (days)", "t_x (weeks)", "T (weeks)", "monetary");
        int shown = Math.min(10, ids.length);
        for (int r = 0; r < shown; r++) {
            Customer c = row(r);
            String monetary = c.frequency() == 0 ? "-" : c.monetaryValue(decimals, RoundingMode.HALF_UP).toPlainString();
            String tx = Formatting.decimal(c.recency(Unit.WEEKS), 2);
            String t = Formatting.decimal(c.t(Unit.WEEKS), 2);
            if (isSplit()) {
                table.row(c.customerId(), c.frequency(), c.recencyDays(), c.tDays(), tx, t, monetary,
                        c.holdoutPurchases(), BigDecimal.valueOf(c.holdoutValue(), decimals).toPlainString());
            } else {
                table.row(c.customerId(), c.frequency(), c.recencyDays(), c.tDays(), tx, t, monetary);
            }
        }
        text.append(table);
        if (ids.length > shown) {
            text.append("... ").append(ids.length - shown).append(" more customers\n");
        }
        return text.toString();
    }

    /**
     * A mutable accumulator of transactions. Customers are held in primitive arrays indexed through a
     * {@code long}-keyed dictionary, and distinct purchase days in a primitive set, so that adding a
     * transaction of a known customer allocates nothing except when a table grows. It holds about 100
     * to 140 bytes per customer and 8 bytes per distinct customer-day while each customer's
     * transactions come in date order (11 to 21 bytes once one comes out of order): 10⁶ customers with
     * 10⁷ transactions take about 250 MB of heap. Transactions may come in any order. Accumulators of the same
     * observation {@link #combine(Accumulator) combine} exactly: the result is what one pass over all
     * the transactions gives.
     *
     * <p>This class is not thread-safe: use one accumulator per thread and combine them.
     */
    public static final class Accumulator implements Serializable {

        private static final long serialVersionUID = 1L;


        private final LocalDate calibrationEnd;
        private final LocalDate end;
        private final int decimals;
        private final PurchaseDays purchases;

        Accumulator(LocalDate calibrationEnd, LocalDate end, int decimals) {
            int calibrationDay = PurchaseDays.epochDay(calibrationEnd, "calibrationEnd");
            int endDay = PurchaseDays.epochDay(end, "end");
            if (endDay < calibrationDay) {
                throw new IllegalArgumentException("end must be on or after the calibration end " + calibrationEnd
                        + ", was " + end);
            }
            if (decimals < 0 || decimals > 9) {
                throw new IllegalArgumentException("decimals must be in 0..9, was " + decimals);
            }
            this.calibrationEnd = calibrationEnd;
            this.end = end;
            this.decimals = decimals;
            this.purchases = new PurchaseDays(calibrationDay, endDay);
        }

        /**
         * Adds one purchase of {@code amount} minor units by {@code customerId} on {@code date}. A
         * purchase after the end of observation is left out and counted.
         *
         * @throws IllegalArgumentException if the amount is negative (nothing is added then)
         * @throws ArithmeticException if a customer's value overflows a {@code long} (nothing is added)
         */
        public Accumulator add(long customerId, LocalDate date, long amount) {
            return add(customerId, PurchaseDays.epochDay(date, "date"), amount);
        }

        /** As {@link #add(long, LocalDate, long)}, with the date as its epoch day (days since 1970-01-01). */
        public Accumulator add(long customerId, int epochDay, long amount) {
            purchases.add(customerId, epochDay, amount);
            return this;
        }

        /** Adds one transaction. */
        public Accumulator add(Transaction transaction) {
            Checks.notNull(transaction, "transaction");
            return add(transaction.customerId(), transaction.date(), transaction.amount());
        }

        /** Adds every transaction of {@code transactions}. */
        public Accumulator addAll(Iterable<Transaction> transactions) {
            Checks.notNull(transactions, "transactions").forEach(this::add);
            return this;
        }

        /**
         * Adds every transaction of {@code other} ({@code other} is left unchanged).
         *
         * @throws IllegalArgumentException if {@code other} has another observation period or currency
         *     decimals, or is this accumulator
         * @throws ArithmeticException if a sum overflows (this accumulator is then left part-combined)
         */
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            if (other.decimals != decimals) {
                throw new IllegalArgumentException("other must have " + decimals + " decimals, had " + other.decimals);
            }
            purchases.addAll(other.purchases);
            return this;
        }

        /** The number of transactions counted so far (up to the end of observation). */
        public long transactions() {
            return purchases.transactions();
        }

        /** The summary of the transactions added so far. */
        public RfmSummary snapshot() {
            return new RfmSummary(this);
        }
    }
}
