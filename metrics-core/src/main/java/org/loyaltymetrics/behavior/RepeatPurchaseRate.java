package org.loyaltymetrics.behavior;

import java.time.LocalDate;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.data.Transaction;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.PurchaseDays;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Measure;
import org.loyaltymetrics.stats.Proportion;

/**
 * The repeat purchase rate of a transaction log, in its two definitions (the loyalty and retention guide names the
 * metric; the telecom KPI guide calls it the repurchase rate):
 *
 * <ul>
 *   <li>{@link Definition#BY_CUSTOMERS} (the {@link Definition#DEFAULT}): customers with two or more
 *       purchases / customers who purchased, the share of customers who came back;</li>
 *   <li>{@link Definition#BY_PURCHASES} (the small-business loyalty guide): repeat purchases / all purchases, where a
 *       customer's repeat purchases are the purchases after their first.</li>
 * </ul>
 *
 * <p>One <b>purchase</b> is a purchase day of a customer: several purchases by one customer on one
 * day count as one, as in the {@link RfmSummary}. So purchases = Σ purchase days, repeat purchases =
 * purchases − customers = Σ frequency of the RFM summary. Five customers with 1, 1, 2, 3 and 1
 * purchase days have a rate of 2/5 = 0.4 by customers and 3/8 = 0.375 by purchases.
 *
 * <p>As a {@link Measure} the rate is the default definition's {@link Proportion}: {@link #value()},
 * its Wilson interval {@link #confidenceInterval(double)} and the two-proportion test
 * {@link #differenceFrom(RepeatPurchaseRate) later.differenceFrom(earlier)}. The other definition is
 * {@link #proportion(Definition) proportion(BY_PURCHASES)}, a measure with the same three figures. A
 * rate of no customers exists ({@link #isEmpty()}) but its figures are undefined
 * ({@link UndefinedResultException}).
 *
 * <p>The counts are of distinct customers and their distinct purchase days, so two rates cannot be
 * merged: a snapshot no longer knows who was counted, and a customer who bought in both parts would
 * count as two customers (and their second part's first purchase as no repeat). Merge
 * {@link Accumulator}s instead, which keep each customer's purchase days and combine exactly.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param customers the customers who purchased, &gt;= 0
 * @param repeatCustomers the customers with two or more purchase days, in 0..customers
 * @param purchases the purchase days of all customers: at least one per customer and two per repeat
 *     customer, exactly one per customer when no customer repeats
 */
public record RepeatPurchaseRate(long customers, long repeatCustomers, long purchases)
        implements Measure<RepeatPurchaseRate> {

    /** The two definitions of the rate. */
    public enum Definition {
        /** Customers with two or more purchase days / customers who purchased: the {@link #DEFAULT}. */
        BY_CUSTOMERS,
        /**
         * Repeat purchase days (after each customer's first) / all purchase days (the small-business loyalty
         * guide).
         */
        BY_PURCHASES;

        /** The default definition, {@link #BY_CUSTOMERS}: the share of customers who came back. */
        public static final Definition DEFAULT = BY_CUSTOMERS;
    }

    /**
     * Validates the counts.
     *
     * @throws InvalidArgumentException unless 0 &lt;= repeatCustomers &lt;= customers and
     *     customers + repeatCustomers &lt;= purchases (each customer buys once, each repeat customer
     *     at least twice), with purchases = customers when repeatCustomers = 0
     */
    public RepeatPurchaseRate {
        Checks.count(customers, "customers");
        Checks.count(repeatCustomers, "repeatCustomers");
        Checks.count(purchases, "purchases");
        if (repeatCustomers > customers) {
            throw InvalidArgumentException.of("repeatCustomers", "<= customers " + customers, repeatCustomers);
        }
        long least = Checks.addCounts(customers, repeatCustomers, "customers + repeatCustomers");
        if (purchases < least || (repeatCustomers == 0 && purchases != customers)) {
            throw InvalidArgumentException.of("purchases", (repeatCustomers == 0 ? "" : ">= ") + least + " for "
                    + customers + " customers of whom " + repeatCustomers + " repeat", purchases);
        }
    }

    /**
     * The rate of {@code customers} customers who made {@code purchases} purchase days in all,
     * {@code repeatCustomers} of them on two or more days.
     *
     * @throws InvalidArgumentException if the counts are inconsistent (see the constructor)
     */
    public static RepeatPurchaseRate ofCounts(long customers, long repeatCustomers, long purchases) {
        return new RepeatPurchaseRate(customers, repeatCustomers, purchases);
    }

    /** The rate of the customers of an RFM summary (its calibration period). */
    public static RepeatPurchaseRate from(RfmSummary summary) {
        Checks.notNull(summary, "summary");
        long repeat = summary.repeatPurchases();
        return new RepeatPurchaseRate(summary.size(), summary.repeatCustomers(), summary.size() + repeat);
    }

    /** The rate of {@code transactions} (their amounts play no part, whatever their currency). */
    public static RepeatPurchaseRate of(Iterable<Transaction> transactions) {
        return accumulator().addAll(transactions).snapshot();
    }

    /** A new, empty accumulator. */
    public static Accumulator accumulator() {
        return new Accumulator();
    }

    /**
     * A collector of {@link Transaction}s. Their amounts play no part, so it takes no currency:
     * transactions in any currency count.
     */
    public static Collector<Transaction, ?, RepeatPurchaseRate> collector() {
        return collector(Transaction::customerId, Transaction::date);
    }

    /** A collector of any records, reading each one's customer id and date. */
    public static <T> Collector<T, ?, RepeatPurchaseRate> collector(ToLongFunction<? super T> customerOf,
            Function<? super T, LocalDate> dateOf) {
        Checks.notNull(customerOf, "customerOf");
        Checks.notNull(dateOf, "dateOf");
        return org.loyaltymetrics.Accumulator.collector(Accumulator::new,
                (acc, t) -> acc.add(customerOf.applyAsLong(t), dateOf.apply(t)));
    }

    /** Purchase days after each customer's first: purchases − customers. */
    public long repeatPurchases() {
        return purchases - customers;
    }

    /** Whether there are no customers, so that the rate under either definition is undefined. */
    @Override
    public boolean isEmpty() {
        return customers == 0;
    }

    /**
     * The rate under {@code definition} as a proportion, the measure of that definition: its value,
     * Wilson interval and two-proportion test of a change.
     */
    public Proportion proportion(Definition definition) {
        Checks.notNull(definition, "definition");
        return definition == Definition.BY_CUSTOMERS ? Proportion.of(repeatCustomers, customers)
                : Proportion.of(repeatPurchases(), purchases);
    }

    /**
     * The rate under the {@link Definition#DEFAULT default definition}, by customers, in [0, 1].
     *
     * @throws UndefinedResultException if there are no customers
     */
    @Override
    public double value() {
        return value(Definition.DEFAULT);
    }

    /**
     * The rate under {@code definition}, in [0, 1]: {@code proportion(definition).value()}.
     *
     * @throws UndefinedResultException if there are no customers
     */
    public double value(Definition definition) {
        return proportion(definition).value();
    }

    /**
     * The rate under the default definition × 100.
     *
     * @throws UndefinedResultException if there are no customers
     */
    public double percent() {
        return value() * 100.0;
    }

    /**
     * The Wilson score interval of the rate under the default definition; for the other,
     * {@code proportion(BY_PURCHASES).confidenceInterval(confidence)}.
     *
     * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
     * @throws UndefinedResultException if there are no customers
     */
    @Override
    public ConfidenceInterval confidenceInterval(double confidence) {
        return proportion(Definition.DEFAULT).confidenceInterval(confidence);
    }

    /**
     * The pooled two-proportion z test of {@code this − earlier} under the default definition (two
     * periods, two segments); for the other,
     * {@code later.proportion(BY_PURCHASES).differenceFrom(earlier.proportion(BY_PURCHASES))}.
     *
     * @throws UndefinedResultException if either has no customers, or both rates are 0 or both 1
     */
    @Override
    public DifferenceTest differenceFrom(RepeatPurchaseRate earlier) {
        Checks.notNull(earlier, "earlier");
        return proportion(Definition.DEFAULT).differenceFrom(earlier.proportion(Definition.DEFAULT));
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
     * allocates nothing except when a table grows; accumulators combine exactly (a day both saw counts
     * once).
     *
     * <p>This class is not thread-safe: use one accumulator per thread and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, RepeatPurchaseRate> {

        private static final long serialVersionUID = 1L;

        private final PurchaseDays purchases;

        Accumulator() {
            this(new PurchaseDays(Integer.MAX_VALUE, Integer.MAX_VALUE));
        }

        private Accumulator(PurchaseDays purchases) {
            this.purchases = purchases;
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

        /**
         * Adds every purchase of {@code other} ({@code other} is left unchanged).
         *
         * @throws InvalidArgumentException if {@code other} is this accumulator
         */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            purchases.addAll(other.purchases);
            return this;
        }

        /** The rate of the purchases added so far. */
        @Override
        public RepeatPurchaseRate snapshot() {
            long[] counts = new long[3];
            purchases.forEachCustomer((id, days, first, last, firstValue, value, holdoutDays, holdoutValue) -> {
                counts[0]++;
                counts[1] += days > 1 ? 1 : 0;
                counts[2] += days;
            });
            return new RepeatPurchaseRate(counts[0], counts[1], counts[2]);
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "behavior.RepeatPurchaseRate.Accumulator"},
         * version 1: the customers' purchase days as {@link RfmSummary.Accumulator#binaryForm()} writes them after
         * its dates (transactions, customers, each customer's id, values, all 0 here, and distinct purchase days).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "behavior.RepeatPurchaseRate.Accumulator", 1, (value, out) -> value.purchases.write(out),
                (in, version) -> new Accumulator(PurchaseDays.read(in, Integer.MAX_VALUE, Integer.MAX_VALUE)));

        /** Reads, e.g., {@code "RepeatPurchaseRate.Accumulator: 9 transactions of 5 customers"}. */
        @Override
        public String toString() {
            return "RepeatPurchaseRate.Accumulator: " + purchases.transactions() + " transactions of "
                    + purchases.calibrationCustomers() + " customers";
        }
    }
}
