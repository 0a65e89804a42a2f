package org.loyaltymetrics.behavior;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.data.Transaction;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.PurchaseDays;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Proportion;

/**
 * The repeat purchase rate of a transaction log, in its two definitions (article 001 names the
 * metric; article 000 calls it the repurchase rate):
 *
 * <ul>
 *   <li>{@link Definition#BY_CUSTOMERS} (the default): customers with two or more purchases /
 *       customers who purchased, the share of customers who came back;</li>
 *   <li>{@link Definition#BY_PURCHASES} (article 002): repeat purchases / all purchases, where a
 *       customer's repeat purchases are the purchases after their first.</li>
 * </ul>
 *
 * <p>One <b>purchase</b> is a purchase day of a customer: several purchases by one customer on one
 * day count as one, as in the {@link RfmSummary}. So purchases = Σ purchase days, repeat purchases =
 * purchases − customers = Σ frequency of the RFM summary. Five customers with 1, 1, 2, 3 and 1
 * purchase days have a rate of 2/5 = 0.4 by customers and 3/8 = 0.375 by purchases.
 *
 * <p>Both rates are {@link Proportion}s, with Wilson intervals and two-proportion tests of a change.
 * A rate of no customers is undefined ({@link UndefinedResultException}).
 *
 * <p>This class is immutable and thread-safe.
 */
public final class RepeatPurchaseRate {

    /** The two definitions of the rate. */
    public enum Definition {
        /** Customers with two or more purchase days / customers who purchased. The default. */
        BY_CUSTOMERS,
        /** Repeat purchase days (after each customer's first) / all purchase days (article 002). */
        BY_PURCHASES;

        /** The default definition, {@link #BY_CUSTOMERS}. */
        public static final Definition DEFAULT = BY_CUSTOMERS;
    }

    private final long customers;
    private final long repeatCustomers;
    private final long purchases;

    private RepeatPurchaseRate(long customers, long repeatCustomers, long purchases) {
        this.customers = customers;
        this.repeatCustomers = repeatCustomers;
        this.purchases = purchases;
    }

    /**
     * The rate of {@code customers} customers who made {@code purchases} purchase days in all,
     * {@code repeatCustomers} of them on two or more days.
     *
     * @throws IllegalArgumentException unless 0 &lt;= repeatCustomers &lt;= customers and
     *     customers + repeatCustomers &lt;= purchases (each customer buys once, each repeat customer
     *     at least twice), with purchases = 0 when customers = 0
     */
    public static RepeatPurchaseRate ofCounts(long customers, long repeatCustomers, long purchases) {
        Checks.count(customers, "customers");
        Checks.count(repeatCustomers, "repeatCustomers");
        Checks.count(purchases, "purchases");
        if (repeatCustomers > customers) {
            throw new IllegalArgumentException("repeatCustomers must be <= customers " + customers + ", was "
                    + repeatCustomers);
        }
        long least = Checks.addCounts(customers, repeatCustomers, "customers + repeatCustomers");
        if (purchases < least || (repeatCustomers == 0 && purchases != customers)) {
            throw new IllegalArgumentException("purchases must be " + (repeatCustomers == 0 ? "" : ">= ")
                    + least + " for " + customers + " customers of whom " + repeatCustomers + " repeat, was " + purchases);
        }
        return new RepeatPurchaseRate(customers, repeatCustomers, purchases);
    }

    /** The rate of the customers of an RFM summary (its calibration period). */
    public static RepeatPurchaseRate from(RfmSummary summary) {
        Checks.notNull(summary, "summary");
        long repeat = summary.repeatPurchases();
        return new RepeatPurchaseRate(summary.size(), summary.repeatCustomers(), summary.size() + repeat);
    }

    /** The rate of {@code transactions}. */
    public static RepeatPurchaseRate of(Iterable<Transaction> transactions) {
        return accumulator().addAll(transactions).snapshot();
    }

    /** A new, empty accumulator. */
    public static Accumulator accumulator() {
        return new Accumulator();
    }

    /** A collector of {@link Transaction}s. */
    public static Collector<Transaction, ?, RepeatPurchaseRate> collector() {
        return collector(Transaction::customerId, Transaction::date);
    }

    /** A collector of any records, reading each one's customer id and date. */
    public static <T> Collector<T, ?, RepeatPurchaseRate> collector(ToLongFunction<? super T> customerOf,
            Function<? super T, LocalDate> dateOf) {
        Checks.notNull(customerOf, "customerOf");
        Checks.notNull(dateOf, "dateOf");
        return Collector.of(Accumulator::new, (acc, t) -> acc.add(customerOf.applyAsLong(t), dateOf.apply(t)),
                Accumulator::combine, Accumulator::snapshot, Collector.Characteristics.UNORDERED);
    }

    /** Customers who purchased. */
    public long customers() {
        return customers;
    }

    /** Customers with two or more purchase days. */
    public long repeatCustomers() {
        return repeatCustomers;
    }

    /** Purchase days of all customers. */
    public long purchases() {
        return purchases;
    }

    /** Purchase days after each customer's first: purchases − customers. */
    public long repeatPurchases() {
        return purchases - customers;
    }

    /** Whether there are no customers. */
    public boolean isEmpty() {
        return customers == 0;
    }

    /** The rate under {@code definition} as a proportion. */
    public Proportion proportion(Definition definition) {
        Checks.notNull(definition, "definition");
        return definition == Definition.BY_CUSTOMERS ? Proportion.of(repeatCustomers, customers)
                : Proportion.of(repeatPurchases(), purchases);
    }

    /**
     * The rate under the default definition, {@link Definition#BY_CUSTOMERS}, in [0, 1].
     *
     * @throws UndefinedResultException if there are no customers
     */
    public double value() {
        return value(Definition.DEFAULT);
    }

    /**
     * The rate under {@code definition}, in [0, 1].
     *
     * @throws UndefinedResultException if there are no customers
     */
    public double value(Definition definition) {
        return proportion(definition).value();
    }

    /** The rate under the default definition × 100. */
    public double percent() {
        return value() * 100.0;
    }

    /** The Wilson interval of the rate under {@code definition}. */
    public ConfidenceInterval confidenceInterval(Definition definition, double confidence) {
        return proportion(definition).confidenceInterval(confidence);
    }

    /** The two-proportion test of {@code this − other} under {@code definition} (two periods, two segments). */
    public DifferenceTest differenceFrom(RepeatPurchaseRate other, Definition definition) {
        Checks.notNull(other, "other");
        return proportion(definition).differenceFrom(other.proportion(definition));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RepeatPurchaseRate && ((RepeatPurchaseRate) o).customers == customers
                && ((RepeatPurchaseRate) o).repeatCustomers == repeatCustomers
                && ((RepeatPurchaseRate) o).purchases == purchases;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(customers) * 961 + Long.hashCode(repeatCustomers) * 31 + Long.hashCode(purchases);
    }

    /**
     * Reads, e.g., {@code "repeat purchase rate: by customers 2/5 (40.00%), by purchases 3/8 (37.50%)"}.
     */
    @Override
    public String toString() {
        return "repeat purchase rate: by customers " + proportion(Definition.BY_CUSTOMERS) + ", by purchases "
                + proportion(Definition.BY_PURCHASES);
    }

    /**
     * A mutable accumulator of purchases (customer, day) in any order; a purchase of a known customer
     * allocates nothing except when a table grows; accumulators combine exactly. Not thread-safe:
     * use one per thread and combine them.
     */
    public static final class Accumulator implements Serializable {

        private static final long serialVersionUID = 1L;


        private final PurchaseDays purchases = new PurchaseDays(Integer.MAX_VALUE, Integer.MAX_VALUE);

        Accumulator() {
        }

        /** Adds a purchase by {@code customerId} on {@code date}. */
        public Accumulator add(long customerId, LocalDate date) {
            return add(customerId, Checks.epochDay(date, "date"));
        }

        /** Adds a purchase by {@code customerId} on the day {@code epochDay} (days since 1970-01-01). */
        public Accumulator add(long customerId, int epochDay) {
            purchases.add(customerId, epochDay, 0);
            return this;
        }

        /** Adds a transaction (its amount plays no part). */
        public Accumulator add(Transaction transaction) {
            Checks.notNull(transaction, "transaction");
            return add(transaction.customerId(), transaction.date());
        }

        /** Adds every transaction of {@code transactions}. */
        public Accumulator addAll(Iterable<Transaction> transactions) {
            Checks.notNull(transactions, "transactions").forEach(this::add);
            return this;
        }

        /** Adds every purchase of {@code other} ({@code other} is left unchanged). */
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            purchases.addAll(other.purchases);
            return this;
        }

        /** The rate of the purchases added so far. */
        public RepeatPurchaseRate snapshot() {
            long[] counts = new long[3];
            purchases.forEachCustomer((id, days, first, last, firstValue, value, holdoutDays, holdoutValue) -> {
                counts[0]++;
                counts[1] += days > 1 ? 1 : 0;
                counts[2] += days;
            });
            return new RepeatPurchaseRate(counts[0], counts[1], counts[2]);
        }
    }
}
