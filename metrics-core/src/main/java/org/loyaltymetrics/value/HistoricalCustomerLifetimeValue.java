package org.loyaltymetrics.value;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.data.Transaction;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.LongIndex;

/**
 * Historical customer lifetime value: the revenue (or margin) each customer has brought to date, and
 * its average over the customers (article 002: "add up all purchases and other revenue the customer
 * brings"; article 000: the value of the relationship, past and future — this is the past part).
 *
 * <p>Amounts are exact: {@code long} counts of minor units (cents) summed with overflow checks, each
 * customer's value and the total reported exactly (minor units and {@link BigDecimal}); the average,
 * a ratio of money, is a {@code double} in major units (README, "Conventions"). On the
 * {@link Basis#REVENUE revenue} basis amounts must not be negative (refunds are netted before); on
 * the {@link Basis#MARGIN margin} basis a loss-making sale may be negative.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class HistoricalCustomerLifetimeValue {

    /** What the amounts are. */
    public enum Basis {
        /** Revenue: amounts paid, zero or more. */
        REVENUE,
        /** Margin: revenue less the cost of serving it, which may be negative. */
        MARGIN
    }

    private final Basis basis;
    private final int decimals;
    private final long[] ids;
    private final long[] values;
    private final long total;

    private HistoricalCustomerLifetimeValue(Basis basis, int decimals, long[] ids, long[] values) {
        this.basis = basis;
        this.decimals = decimals;
        this.ids = ids;
        this.values = values;
        this.total = Checks.sum(values, "total value");
    }

    /** A new, empty accumulator of revenue in a currency with 2 decimals. */
    public static Accumulator accumulator() {
        return new Accumulator(Basis.REVENUE, 2);
    }

    /** A new, empty accumulator of amounts on {@code basis} in a currency with {@code decimals} (0..9) decimals. */
    public static Accumulator accumulator(Basis basis, int decimals) {
        return new Accumulator(basis, decimals);
    }

    /** The revenue to date of each customer of an RFM summary: the value of their calibration purchases. */
    public static HistoricalCustomerLifetimeValue from(RfmSummary summary) {
        Checks.notNull(summary, "summary");
        Accumulator accumulator = new Accumulator(Basis.REVENUE, summary.currency().decimals());
        summary.customers().forEach(c -> accumulator.add(c.customerId(), c.totalValue().minorUnits()));
        return accumulator.snapshot();
    }

    /** A collector of {@link Transaction}s: revenue per customer, 2 decimals. */
    public static Collector<Transaction, ?, HistoricalCustomerLifetimeValue> collector() {
        return collector(Basis.REVENUE, 2, Transaction::customerId, t -> t.amount().minorUnits());
    }

    /** A collector of records, reading each one's customer id and amount in minor units. */
    public static <T> Collector<T, ?, HistoricalCustomerLifetimeValue> collector(Basis basis, int decimals,
            ToLongFunction<? super T> customerOf, ToLongFunction<? super T> amountOf) {
        Checks.notNull(customerOf, "customerOf");
        Checks.notNull(amountOf, "amountOf");
        new Accumulator(basis, decimals); // checks the arguments now rather than per element
        return Collector.of(() -> new Accumulator(basis, decimals),
                (acc, t) -> acc.add(customerOf.applyAsLong(t), amountOf.applyAsLong(t)), Accumulator::combine,
                Accumulator::snapshot, Collector.Characteristics.UNORDERED);
    }

    /** What the amounts are. */
    public Basis basis() {
        return basis;
    }

    /** The number of decimals of the currency. */
    public int decimals() {
        return decimals;
    }

    /** The number of customers. */
    public int customers() {
        return ids.length;
    }

    /** The customer ids, ascending (a copy). */
    public long[] customerIds() {
        return ids.clone();
    }

    /**
     * The value of {@code customerId} to date, in minor units.
     *
     * @throws IllegalArgumentException if the customer has no record
     */
    public long valueOf(long customerId) {
        int r = Arrays.binarySearch(ids, customerId);
        if (r < 0) {
            throw new IllegalArgumentException("customerId must be a customer with a record, was " + customerId);
        }
        return values[r];
    }

    /** The value of {@code customerId} to date, exactly, in major units. */
    public BigDecimal amountOf(long customerId) {
        return BigDecimal.valueOf(valueOf(customerId), decimals);
    }

    /** The total value of all customers, in minor units. */
    public long total() {
        return total;
    }

    /** The total value of all customers, exactly, in major units. */
    public BigDecimal totalAmount() {
        return BigDecimal.valueOf(total, decimals);
    }

    /**
     * The average historical CLV, total / customers, in major units.
     *
     * @throws UndefinedResultException if there are no customers
     */
    public double average() {
        requireCustomers();
        return (double) total / ids.length / Math.pow(10, decimals);
    }

    /**
     * The average historical CLV exactly rounded to {@code scale} decimals with {@code rounding}.
     *
     * @throws UndefinedResultException if there are no customers
     */
    public BigDecimal average(int scale, RoundingMode rounding) {
        requireCustomers();
        return totalAmount().divide(BigDecimal.valueOf(ids.length), scale, Checks.notNull(rounding, "rounding"));
    }

    private void requireCustomers() {
        if (ids.length == 0) {
            throw new UndefinedResultException("the average historical CLV is undefined: no customers");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HistoricalCustomerLifetimeValue && ((HistoricalCustomerLifetimeValue) o).basis == basis
                && ((HistoricalCustomerLifetimeValue) o).decimals == decimals
                && Arrays.equals(((HistoricalCustomerLifetimeValue) o).ids, ids)
                && Arrays.equals(((HistoricalCustomerLifetimeValue) o).values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(basis, decimals, Arrays.hashCode(ids), Arrays.hashCode(values));
    }

    /** Reads, e.g., {@code "historical CLV (revenue): 3 customers, total 150.00, average 50.00"}. */
    @Override
    public String toString() {
        return "historical CLV (" + basis.name().toLowerCase(java.util.Locale.ROOT) + "): " + ids.length
                + " customers, total " + totalAmount().toPlainString()
                + (ids.length == 0 ? "" : ", average " + average(decimals, RoundingMode.HALF_UP).toPlainString());
    }

    /**
     * A mutable accumulator of amounts per customer, in any order: an amount of a known customer
     * allocates nothing except when a table grows; accumulators combine exactly. Not thread-safe: use
     * one per thread and combine them.
     */
    public static final class Accumulator implements Serializable {

        private static final long serialVersionUID = 1L;


        private final Basis basis;
        private final int decimals;
        private final LongIndex customers = new LongIndex();
        private long[] values = new long[16];

        Accumulator(Basis basis, int decimals) {
            this.basis = Checks.notNull(basis, "basis");
            if (decimals < 0 || decimals > 9) {
                throw new IllegalArgumentException("decimals must be in 0..9, was " + decimals);
            }
            this.decimals = decimals;
        }

        /**
         * Adds {@code amount} minor units to {@code customerId}'s value.
         *
         * @throws IllegalArgumentException if the amount is negative on the revenue basis
         * @throws ArithmeticException if the customer's value overflows (nothing is added)
         */
        public Accumulator add(long customerId, long amount) {
            if (basis == Basis.REVENUE && amount < 0) {
                throw new IllegalArgumentException("amount must be >= 0 (minor units of revenue), was " + amount);
            }
            int known = customers.size();
            int i = customers.add(customerId);
            if (i == values.length) {
                values = Arrays.copyOf(values, 2 * i);
            }
            values[i] = i == known ? amount : Math.addExact(values[i], amount);
            return this;
        }

        /**
         * Adds every amount of {@code other} ({@code other} is left unchanged).
         *
         * @throws IllegalArgumentException if the basis or decimals differ
         */
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            if (other.basis != basis || other.decimals != decimals) {
                throw new IllegalArgumentException("other must be on " + basis + " with " + decimals + " decimals, was on "
                        + other.basis + " with " + other.decimals);
            }
            for (int j = 0; j < other.customers.size(); j++) {
                add(other.customers.key(j), other.values[j]);
            }
            return this;
        }

        /** The historical CLV of the amounts added so far. */
        public HistoricalCustomerLifetimeValue snapshot() {
            int[] order = customers.indexesByKey();
            long[] ids = new long[order.length];
            long[] sorted = new long[order.length];
            for (int r = 0; r < order.length; r++) {
                ids[r] = customers.key(order[r]);
                sorted[r] = values[order[r]];
            }
            return new HistoricalCustomerLifetimeValue(basis, decimals, ids, sorted);
        }
    }
}
