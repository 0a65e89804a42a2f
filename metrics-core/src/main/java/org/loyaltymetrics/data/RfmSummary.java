package org.loyaltymetrics.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.PurchaseDays;
import org.loyaltymetrics.internal.TimeUnits;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.money.Money;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;

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
 * <p>Times are whole days (the calendar days between two dates), expressed in any {@link ChronoUnit}:
 * weeks are days / 7, fractional, as the literature does (months and years are java.time's
 * estimated ones, 365.2425 / 12 and 365.2425 days).
 *
 * <p>The observation ends on a day (inclusive). With a calibration/holdout split at a calibration end
 * date, the calibration period runs to the calibration end (inclusive) and the holdout period from the
 * day after it to the end of observation; each customer's holdout purchase days and their value are
 * reported. Customers are the ones with a purchase in the calibration period; customers whose every
 * purchase falls in the holdout are left out and counted ({@link #customersFirstSeenInHoldout()}).
 * Transactions after the end of observation are left out and counted ({@link #transactionsAfterEnd()}),
 * not an error: logs often run past the period analysed.
 *
 * <p>The cohort's repeat purchases are also kept day by day, over the calibration period and the
 * holdout, from the customers' earliest first purchase ({@link #firstPurchaseDate()}) to the end:
 * {@link #repeatPurchases(LocalDate, LocalDate)} counts those of any range of days, which is what a
 * week-by-week tracking of actual against expected repeat purchases needs (Fader, Hardie &amp; Lee
 * 2005, figure 3). Each customer's first purchase date is {@code calibrationEnd().minusDays(ageDays)}.
 *
 * <p>Amounts are exact: {@link Money} in the summary's {@link #currency()}, which the accumulator is
 * created with; the monetary value, a mean that feeds the models, is a {@code double}.
 *
 * <p>Built by an {@link Accumulator} ({@link #accumulator(CurrencyUnit, LocalDate)}) or a
 * {@link #collector(CurrencyUnit, LocalDate)}.
 * With the CDNOW sample (2,357 customers, calibration to 1997-09-30, weeks) it reproduces
 * Fader and Hardie's published summary ({@code cdnow_customers_summary.csv}) to every digit.
 *
 * <p>Two summaries cannot be merged: a customer with purchases in both would have their purchase
 * days counted twice, since a summary no longer holds the days themselves. Combine the accumulators
 * instead, which keep each customer's distinct days.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class RfmSummary implements Tabular {

    /**
     * One customer's row of the summary. Times are whole days; {@link #recency(ChronoUnit)} and
     * {@link #age(ChronoUnit)} express them in any unit (weeks are days / 7).
     *
     * @param customerId the customer's id
     * @param frequency x, the number of repeat purchase days in the calibration period
     * @param recencyDays t<sub>x</sub> in days, first to last purchase
     * @param ageDays T in days, first purchase to the end of the calibration period
     * @param firstPurchaseValue the value of the first purchase day
     * @param repeatValue the value of the repeat purchase days
     * @param holdoutPurchases the number of purchase days in the holdout period (0 without a split)
     * @param holdoutValue the value of the holdout purchases
     */
    public record Customer(long customerId, int frequency, int recencyDays, int ageDays, Money firstPurchaseValue,
            Money repeatValue, int holdoutPurchases, Money holdoutValue) implements Serializable {

        private static final long serialVersionUID = 2L;

        /** Validates the counts, the times and the amounts. */
        public Customer {
            Checks.count(frequency, "frequency");
            Checks.count(recencyDays, "recencyDays");
            Checks.count(holdoutPurchases, "holdoutPurchases");
            if (ageDays < recencyDays) {
                throw InvalidArgumentException.of("ageDays", ">= recencyDays " + recencyDays, ageDays);
            }
            Checks.notNull(firstPurchaseValue, "firstPurchaseValue");
            Checks.sameSetting(firstPurchaseValue.currency(), Checks.notNull(repeatValue, "repeatValue").currency(),
                    "repeatValue", "currency");
            Checks.sameSetting(firstPurchaseValue.currency(), Checks.notNull(holdoutValue, "holdoutValue").currency(),
                    "holdoutValue", "currency");
        }

        /** Recency t<sub>x</sub> in {@code unit}: {@code recency(ChronoUnit.WEEKS)} is recencyDays / 7. */
        public double recency(ChronoUnit unit) {
            return recencyDays / TimeUnits.ratio(TimeUnits.check(unit, "unit"), ChronoUnit.DAYS);
        }

        /** The age T in {@code unit}: {@code age(ChronoUnit.WEEKS)} is ageDays / 7. */
        public double age(ChronoUnit unit) {
            return ageDays / TimeUnits.ratio(TimeUnits.check(unit, "unit"), ChronoUnit.DAYS);
        }

        /** The number of purchase days in the calibration period, x + 1. */
        public int purchases() {
            return frequency + 1;
        }

        /** The value of all calibration purchases. */
        public Money totalValue() {
            return firstPurchaseValue.plus(repeatValue);
        }

        /**
         * The monetary value: the mean value of the repeat purchase days, in major units of the currency
         * (a {@code double}, as the models take it).
         *
         * @throws UndefinedResultException if the customer made no repeat purchase (x = 0)
         */
        public double monetaryValue() {
            requireRepeat();
            return (double) repeatValue.minorUnits() / frequency / Math.pow(10, repeatValue.currency().decimals());
        }

        /**
         * The monetary value exactly rounded to {@code scale} decimals with {@code rounding}, e.g.
         * 22.35 for repeat purchases of 29.73 and 14.96 at scale 2, half up.
         *
         * @throws UndefinedResultException if the customer made no repeat purchase (x = 0)
         */
        public BigDecimal monetaryValue(int scale, RoundingMode rounding) {
            requireRepeat();
            return repeatValue.amount().divide(BigDecimal.valueOf(frequency), scale,
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
    private final CurrencyUnit currency;
    private final long[] ids;
    private final int[] frequency;
    private final int[] recencyDays;
    private final int[] ageDays;
    private final long[] firstValue;
    private final long[] repeatValue;
    private final int[] holdoutPurchases;
    private final long[] holdoutValue;
    private final long transactions;
    private final long transactionsAfterEnd;
    private final int customersFirstSeenInHoldout;
    /** The widest range of days whose repeat purchases are counted day by day (about 2,870 years). */
    private static final int MAX_DENSE_DAYS = 1 << 20;

    /** The epoch day of the earliest first purchase (the day after the end when there are no customers). */
    private final int firstDay;
    /**
     * The repeat purchases of the customers before each day from {@link #firstDay} to the day after the
     * end: {@code repeatBefore[k]} counts those on days firstDay .. firstDay + k − 1; null where the
     * days span more than {@link #MAX_DENSE_DAYS}, and {@link #repeatDays} holds them.
     */
    private final long[] repeatBefore;
    /** The epoch day of every repeat purchase, sorted, where the days span too much for {@link #repeatBefore}; else null. */
    private final int[] repeatDays;

    private RfmSummary(Accumulator accumulator) {
        PurchaseDays purchases = accumulator.purchases;
        this.calibrationEnd = accumulator.calibrationEnd;
        this.end = accumulator.end;
        this.currency = accumulator.currency;
        int n = purchases.calibrationCustomers();
        ids = new long[n];
        frequency = new int[n];
        recencyDays = new int[n];
        ageDays = new int[n];
        firstValue = new long[n];
        repeatValue = new long[n];
        holdoutPurchases = new int[n];
        holdoutValue = new long[n];
        int[] row = {0};
        long calibrationEndDay = calibrationEnd.toEpochDay();
        int endDay = (int) end.toEpochDay();
        int[] earliest = {endDay + 1};
        long[] repeats = {0};
        purchases.forEachCustomer((id, days, firstDay, lastDay, firstDayValue, value, holdoutDays, holdout) -> {
            int r = row[0]++;
            earliest[0] = Math.min(earliest[0], firstDay);
            repeats[0] += days - 1 + holdoutDays;
            ids[r] = id;
            frequency[r] = days - 1;
            recencyDays[r] = lastDay - firstDay;
            ageDays[r] = (int) (calibrationEndDay - firstDay);
            firstValue[r] = firstDayValue;
            repeatValue[r] = value - firstDayValue;
            holdoutPurchases[r] = holdoutDays;
            holdoutValue[r] = holdout;
        });
        transactions = purchases.transactions();
        transactionsAfterEnd = purchases.transactionsAfterEnd();
        customersFirstSeenInHoldout = purchases.customersFirstSeenInHoldout();
        firstDay = earliest[0];
        if ((long) endDay + 2 - firstDay <= MAX_DENSE_DAYS) {
            repeatDays = null;
            repeatBefore = new long[endDay + 2 - firstDay];
            purchases.forEachRepeatPurchaseDay(day -> repeatBefore[day - firstDay + 1]++);
            for (int k = 1; k < repeatBefore.length; k++) {
                repeatBefore[k] += repeatBefore[k - 1];
            }
        } else {
            // days over thousands of years (hostile or mistyped dates): one int per repeat purchase instead
            repeatBefore = null;
            repeatDays = new int[Math.toIntExact(repeats[0])];
            int[] next = {0};
            purchases.forEachRepeatPurchaseDay(day -> repeatDays[next[0]++] = day);
            Arrays.sort(repeatDays);
        }
    }

    /**
     * A new, empty accumulator of amounts in {@code currency} whose observation (and calibration
     * period) ends on {@code end}, inclusive.
     */
    public static Accumulator accumulator(CurrencyUnit currency, LocalDate end) {
        return new Accumulator(currency, end, end);
    }

    /**
     * A new, empty accumulator of amounts in {@code currency} with a calibration/holdout split:
     * calibration up to {@code calibrationEnd}, holdout from the day after to {@code end} (both
     * inclusive).
     *
     * @throws InvalidArgumentException if {@code end} is before {@code calibrationEnd}
     */
    public static Accumulator accumulator(CurrencyUnit currency, LocalDate calibrationEnd, LocalDate end) {
        return new Accumulator(currency, calibrationEnd, end);
    }

    /**
     * A collector of {@link Transaction}s in {@code currency} into the summary of the observation
     * ending on {@code end}.
     */
    public static Collector<Transaction, ?, RfmSummary> collector(CurrencyUnit currency, LocalDate end) {
        return org.loyaltymetrics.Accumulator.collector(() -> new Accumulator(currency, end, end), Accumulator::add);
    }

    /**
     * A collector of any records into the summary with a calibration/holdout split (pass the same date
     * twice for none), reading each record's customer id, date and amount in minor units of
     * {@code currency}.
     */
    public static <T> Collector<T, ?, RfmSummary> collector(CurrencyUnit currency, LocalDate calibrationEnd,
            LocalDate end, ToLongFunction<? super T> customerOf, Function<? super T, LocalDate> dateOf,
            ToLongFunction<? super T> amountOf) {
        Checks.notNull(customerOf, "customerOf");
        Checks.notNull(dateOf, "dateOf");
        Checks.notNull(amountOf, "amountOf");
        return org.loyaltymetrics.Accumulator.collector(() -> new Accumulator(currency, calibrationEnd, end),
                (acc, t) -> acc.add(customerOf.applyAsLong(t), dateOf.apply(t), amountOf.applyAsLong(t)));
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

    /** The currency of the amounts. */
    public CurrencyUnit currency() {
        return currency;
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
     * @throws InvalidArgumentException if the customer made no purchase in the calibration period
     */
    public Customer customer(long customerId) {
        int r = Arrays.binarySearch(ids, customerId);
        if (r < 0) {
            throw InvalidArgumentException.of("customerId", "a customer of the summary", customerId);
        }
        return row(r);
    }

    private Customer row(int r) {
        Objects.checkIndex(r, ids.length);
        return new Customer(ids[r], frequency[r], recencyDays[r], ageDays[r], Money.ofMinor(currency, firstValue[r]),
                Money.ofMinor(currency, repeatValue[r]), holdoutPurchases[r], Money.ofMinor(currency, holdoutValue[r]));
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

    /**
     * The day of the earliest first purchase of the customers, where the cohort's history starts (the
     * start of the tracking of its repeat purchases, Fader, Hardie &amp; Lee 2005, figure 3).
     *
     * @throws UndefinedResultException if there are no customers
     */
    public LocalDate firstPurchaseDate() {
        if (ids.length == 0) {
            throw new UndefinedResultException("the first purchase date of the RFM summary is undefined: there are no "
                    + "customers");
        }
        return LocalDate.ofEpochDay(firstDay);
    }

    /**
     * The repeat purchases of the summary's customers on the days from {@code from} (inclusive) to
     * {@code until} (exclusive), in the calibration period or the holdout: each customer's distinct
     * purchase days after their first (several purchases on one day count once, as in x). Over the
     * calibration period, {@code repeatPurchases(firstPurchaseDate(), calibrationEnd().plusDays(1))} is
     * {@link #repeatPurchases()}, Σ x; over the holdout it is the sum of the customers' holdout
     * purchases. Customers first seen in the holdout are not counted. Days before the first purchase
     * have none.
     *
     * @param from the first day counted
     * @param until the day after the last day counted, on or after {@code from} and at most the day after
     *     the end of observation
     * @throws InvalidArgumentException if {@code until} is before {@code from} or after the day after the
     *     end of observation
     */
    public long repeatPurchases(LocalDate from, LocalDate until) {
        long fromDay = Checks.notNull(from, "from").toEpochDay();
        long untilDay = Checks.notNull(until, "until").toEpochDay();
        if (untilDay < fromDay) {
            throw InvalidArgumentException.of("until", "on or after from " + from, until);
        }
        if (untilDay > end.toEpochDay() + 1) {
            throw InvalidArgumentException.of("until", "at most the day after the end of observation, "
                    + end.plusDays(1), until);
        }
        return repeatBefore(untilDay) - repeatBefore(fromDay);
    }

    /** The repeat purchases before {@code day}, at most the day after the end. */
    private long repeatBefore(long day) {
        if (repeatBefore != null) {
            return repeatBefore[(int) Math.max(0, day - firstDay)];
        }
        long low = 0;
        int high = repeatDays.length;
        while (low < high) {
            int middle = (int) ((low + high) >>> 1);
            if (repeatDays[middle] < day) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
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

    /**
     * The value of all calibration purchases.
     *
     * @throws ArithmeticException if it overflows a {@code long} of minor units
     */
    public Money totalValue() {
        long sum = 0;
        for (int r = 0; r < ids.length; r++) {
            sum = Math.addExact(sum, Math.addExact(firstValue[r], repeatValue[r]));
        }
        return Money.ofMinor(currency, sum);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RfmSummary)) {
            return false;
        }
        RfmSummary s = (RfmSummary) o;
        return s.calibrationEnd.equals(calibrationEnd) && s.end.equals(end) && s.currency.equals(currency)
                && s.transactions == transactions && s.transactionsAfterEnd == transactionsAfterEnd
                && s.customersFirstSeenInHoldout == customersFirstSeenInHoldout && Arrays.equals(s.ids, ids)
                && Arrays.equals(s.frequency, frequency) && Arrays.equals(s.recencyDays, recencyDays)
                && Arrays.equals(s.ageDays, ageDays) && Arrays.equals(s.firstValue, firstValue)
                && Arrays.equals(s.repeatValue, repeatValue) && Arrays.equals(s.holdoutPurchases, holdoutPurchases)
                && Arrays.equals(s.holdoutValue, holdoutValue) && s.firstDay == firstDay
                && Arrays.equals(s.repeatBefore, repeatBefore) && Arrays.equals(s.repeatDays, repeatDays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(calibrationEnd, end, currency, transactions, Arrays.hashCode(ids),
                Arrays.hashCode(frequency), Arrays.hashCode(recencyDays), Arrays.hashCode(repeatValue),
                Arrays.hashCode(holdoutPurchases), Arrays.hashCode(holdoutValue), Arrays.hashCode(repeatBefore));
    }

    /**
     * Reads, e.g., {@code "RFM summary: 2357 customers, 946 repeat customers, 2357 transactions to
     * 1997-09-30 in USD, 0 left out after the end"}; {@link #toTable()} lists the rows.
     */
    @Override
    public String toString() {
        return "RFM summary: " + Formatting.plural(ids.length, "customer") + ", "
                + Formatting.plural(repeatCustomers(), "repeat customer") + ", "
                + Formatting.plural(transactions, "transaction") + " to " + (isSplit() ? calibrationEnd + " / " + end : end.toString())
                + " in " + currency + ", " + transactionsAfterEnd + " left out after the end";
    }

    /** Every row, as {@link #toTable(int)} gives them. */
    @Override
    public Table toTable() {
        return toTable(ids.length);
    }

    /**
     * The first {@code rows} rows (by customer id) as a table: the customer, x, t<sub>x</sub> and T in
     * days and in weeks, the monetary value (undefined without a repeat purchase), and with a split the
     * holdout purchases and value.
     *
     * @throws InvalidArgumentException if {@code rows} is negative
     */
    public Table toTable(int rows) {
        Checks.count(rows, "rows");
        Table.Builder table = Table.builder().title(toString()).numberColumn("customer").numberColumn("x")
                .numberColumn("t_x (days)").numberColumn("T (days)").numberColumn("t_x (weeks)")
                .numberColumn("T (weeks)").numberColumn("monetary");
        if (isSplit()) {
            table.numberColumn("holdout x").numberColumn("holdout value");
        }
        for (int r = 0; r < Math.min(rows, ids.length); r++) {
            Customer c = row(r);
            String monetary = c.frequency() == 0 ? null
                    : c.monetaryValue(currency.decimals(), RoundingMode.HALF_UP).toPlainString();
            String tx = Formatting.decimal(c.recency(ChronoUnit.WEEKS), 2);
            String t = Formatting.decimal(c.age(ChronoUnit.WEEKS), 2);
            if (isSplit()) {
                table.row(c.customerId(), c.frequency(), c.recencyDays(), c.ageDays(), tx, t, monetary,
                        c.holdoutPurchases(), c.holdoutValue().amount().toPlainString());
            } else {
                table.row(c.customerId(), c.frequency(), c.recencyDays(), c.ageDays(), tx, t, monetary);
            }
        }
        return table.build();
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
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, RfmSummary> {

        private static final long serialVersionUID = 2L;

        private final CurrencyUnit currency;
        private final LocalDate calibrationEnd;
        private final LocalDate end;
        private final PurchaseDays purchases;

        Accumulator(CurrencyUnit currency, LocalDate calibrationEnd, LocalDate end) {
            this(currency, calibrationEnd, end, null);
        }

        /** An accumulator of {@code purchases} read back, or of none if null. */
        private Accumulator(CurrencyUnit currency, LocalDate calibrationEnd, LocalDate end, PurchaseDays purchases) {
            this.currency = Checks.notNull(currency, "currency");
            int calibrationDay = Checks.epochDay(calibrationEnd, "calibrationEnd");
            int endDay = Checks.epochDay(end, "end");
            if (endDay < calibrationDay) {
                throw InvalidArgumentException.of("end", "on or after the calibration end " + calibrationEnd, end);
            }
            this.calibrationEnd = calibrationEnd;
            this.end = end;
            this.purchases = purchases == null ? new PurchaseDays(calibrationDay, endDay) : purchases;
        }

        /**
         * Adds one purchase of {@code amount} minor units of the accumulator's currency by
         * {@code customerId} on {@code date}. A purchase after the end of observation is left out and
         * counted.
         *
         * @throws InvalidArgumentException if the amount is negative (nothing is added then)
         * @throws ArithmeticException if a customer's value overflows a {@code long} (nothing is added)
         */
        public Accumulator add(long customerId, LocalDate date, long amount) {
            return add(customerId, Checks.epochDay(date, "date"), amount);
        }

        /** As {@link #add(long, LocalDate, long)}, with the date as its epoch day (days since 1970-01-01). */
        public Accumulator add(long customerId, int epochDay, long amount) {
            purchases.add(customerId, epochDay, amount);
            return this;
        }

        /**
         * Adds one transaction.
         *
         * @throws InvalidArgumentException if its amount is in another currency
         */
        public Accumulator add(Transaction transaction) {
            Checks.notNull(transaction, "transaction");
            Checks.sameSetting(currency, transaction.amount().currency(), "transaction", "currency");
            return add(transaction.customerId(), transaction.date(), transaction.amount().minorUnits());
        }

        /** Adds every transaction of {@code transactions}. */
        public Accumulator addAll(Iterable<Transaction> transactions) {
            Checks.notNull(transactions, "transactions").forEach(this::add);
            return this;
        }

        /**
         * Adds every transaction of {@code other} ({@code other} is left unchanged).
         *
         * @throws InvalidArgumentException if {@code other} has another observation period or currency,
         *     or is this accumulator
         * @throws ArithmeticException if a sum overflows (this accumulator is then left part-combined)
         */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            Checks.sameSetting(currency, other.currency, "other", "currency");
            purchases.addAll(other.purchases);
            return this;
        }

        /** The number of transactions counted so far (up to the end of observation). */
        public long transactions() {
            return purchases.transactions();
        }

        /** The summary of the transactions added so far. */
        @Override
        public RfmSummary snapshot() {
            return new RfmSummary(this);
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "data.RfmSummary.Accumulator"}, version 1: the
         * currency (its code as the number of its UTF-8 bytes then the bytes, and its decimals, a varint), the
         * calibration end and the end (epoch days, zigzag varints); then the purchase days: the transactions
         * counted and those after the end (varints), the number of customers, then for each customer by ascending
         * id: the id (a zigzag varint), the value of their first purchase day, of all their calibration days and of
         * their holdout days (varints, minor units), the number of their distinct purchase days, the first of them
         * (epoch day, a zigzag varint) and each later one as its distance from the one before (a varint, &ge; 1).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "data.RfmSummary.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            BinaryFields.writeString(out, value.currency.code());
            BinaryFields.writeCount(out, value.currency.decimals());
            BinaryFields.writeDate(out, value.calibrationEnd);
            BinaryFields.writeDate(out, value.end);
            value.purchases.write(out);
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            CurrencyUnit currency = CurrencyUnit.of(BinaryFields.readString(in), BinaryFields.readLength(in, 255));
            LocalDate calibrationEnd = BinaryFields.readDate(in);
            LocalDate end = BinaryFields.readDate(in);
            new Accumulator(currency, calibrationEnd, end); // checks the settings
            return new Accumulator(currency, calibrationEnd, end,
                    PurchaseDays.read(in, (int) calibrationEnd.toEpochDay(), (int) end.toEpochDay()));
        }

        /** Reads, e.g., {@code "RfmSummary.Accumulator: 2357 transactions to 1997-09-30 in USD"}. */
        @Override
        public String toString() {
            return "RfmSummary.Accumulator: " + purchases.transactions() + " transactions to "
                    + (end.isAfter(calibrationEnd) ? calibrationEnd + " / " + end : end.toString()) + " in " + currency;
        }
    }
}
