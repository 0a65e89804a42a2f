package org.loyaltymetrics.value;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.data.Transaction;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.LongIndex;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.money.Money;
import org.loyaltymetrics.stats.Estimate;

/**
 * Historical customer lifetime value: the revenue (or margin) each customer has brought to date, and
 * its average over the customers (the small-business loyalty guide: "add up all purchases and other revenue the
 * customer brings"; the telecom KPI guide: the value of the relationship, past and future — this is the past part).
 *
 * <p>Amounts are exact {@link Money} in the value's {@link #currency()}, which the accumulator is
 * created with: each customer's value and the total are sums of {@code long} minor units with overflow
 * checks; amounts in another currency are refused. The average, a ratio of money, is a {@code double}
 * in major units ({@link #average()}), or {@code Money} rounded to the currency's minor unit by a
 * rounding mode the caller names ({@link #average(RoundingMode)}); {@link #averageEstimate()} gives it
 * with its standard error. On the {@link Definition#REVENUE revenue} definition amounts must not be
 * negative (refunds are netted before); on the {@link Definition#MARGIN margin} definition a
 * loss-making sale may be negative.
 *
 * <p>The per-customer sums are exact sufficient statistics: values of the same definition and currency
 * merge with {@link #plus(HistoricalCustomerLifetimeValue)} (a customer in both has the sum of both),
 * accumulators with {@link Accumulator#combine(Accumulator)}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class HistoricalCustomerLifetimeValue {

    /** What the amounts are. */
    public enum Definition {
        /** Revenue: amounts paid, zero or more. The {@link #DEFAULT}. */
        REVENUE,
        /** Margin: revenue less the cost of serving it, which may be negative. */
        MARGIN;

        /** The default, {@link #REVENUE}: what a transaction log records. */
        public static final Definition DEFAULT = REVENUE;
    }

    private final Definition definition;
    private final CurrencyUnit currency;
    private final long[] ids;
    private final long[] values;
    private final long total;

    private HistoricalCustomerLifetimeValue(Definition definition, CurrencyUnit currency, long[] ids, long[] values) {
        this.definition = definition;
        this.currency = currency;
        this.ids = ids;
        this.values = values;
        this.total = Checks.sum(values, "total value");
    }

    /** A new, empty accumulator of revenue (the {@link Definition#DEFAULT default definition}) in {@code currency}. */
    public static Accumulator accumulator(CurrencyUnit currency) {
        return new Accumulator(Definition.DEFAULT, currency);
    }

    /** A new, empty accumulator of amounts under {@code definition} in {@code currency}. */
    public static Accumulator accumulator(Definition definition, CurrencyUnit currency) {
        return new Accumulator(definition, currency);
    }

    /**
     * The revenue to date of each customer of an RFM summary, in the summary's currency: the value of
     * their calibration purchases.
     */
    public static HistoricalCustomerLifetimeValue from(RfmSummary summary) {
        Checks.notNull(summary, "summary");
        Accumulator accumulator = new Accumulator(Definition.REVENUE, summary.currency());
        summary.customers().forEach(c -> accumulator.add(c.customerId(), c.totalValue().minorUnits()));
        return accumulator.snapshot();
    }

    /**
     * A collector of {@link Transaction}s in {@code currency}: revenue per customer.
     *
     * @throws InvalidArgumentException (when collecting) if a transaction is in another currency
     */
    public static Collector<Transaction, ?, HistoricalCustomerLifetimeValue> collector(CurrencyUnit currency) {
        return org.loyaltymetrics.Accumulator.collector(() -> new Accumulator(Definition.DEFAULT, currency),
                Accumulator::add);
    }

    /** A collector of records, reading each one's customer id and amount in minor units of {@code currency}. */
    public static <T> Collector<T, ?, HistoricalCustomerLifetimeValue> collector(Definition definition,
            CurrencyUnit currency, ToLongFunction<? super T> customerOf, ToLongFunction<? super T> amountOf) {
        Checks.notNull(customerOf, "customerOf");
        Checks.notNull(amountOf, "amountOf");
        return org.loyaltymetrics.Accumulator.collector(() -> new Accumulator(definition, currency),
                (acc, t) -> acc.add(customerOf.applyAsLong(t), amountOf.applyAsLong(t)));
    }

    /** What the amounts are. */
    public Definition definition() {
        return definition;
    }

    /** The currency of the amounts. */
    public CurrencyUnit currency() {
        return currency;
    }

    /** The number of customers. */
    public int customers() {
        return ids.length;
    }

    /** Whether there are no customers, so that the average is undefined. */
    public boolean isEmpty() {
        return ids.length == 0;
    }

    /** The customer ids, ascending (a copy). */
    public long[] customerIds() {
        return ids.clone();
    }

    /**
     * The value of {@code customerId} to date.
     *
     * @throws InvalidArgumentException if the customer has no record
     */
    public Money valueOf(long customerId) {
        int r = Arrays.binarySearch(ids, customerId);
        if (r < 0) {
            throw InvalidArgumentException.of("customerId", "a customer with a record", customerId);
        }
        return Money.ofMinor(currency, values[r]);
    }

    /** The total value of all customers. */
    public Money total() {
        return Money.ofMinor(currency, total);
    }

    /**
     * The average historical CLV, total / customers, in major units of the currency (a ratio of money,
     * not exact).
     *
     * @throws UndefinedResultException if there are no customers
     */
    public double average() {
        requireCustomers();
        return (double) total / ids.length / Math.pow(10, currency.decimals());
    }

    /**
     * The average historical CLV rounded to a whole minor unit of the currency by {@code rounding}:
     * total / customers.
     *
     * @throws UndefinedResultException if there are no customers
     * @throws ArithmeticException if {@code rounding} is {@link RoundingMode#UNNECESSARY} and the average
     *     is not a whole number of minor units
     */
    public Money average(RoundingMode rounding) {
        requireCustomers();
        return total().dividedBy(ids.length, Checks.notNull(rounding, "rounding"));
    }

    /**
     * The {@link #average()} with its standard error s / √n (s the sample standard deviation of the
     * customers' values) and Student's t with n − 1 degrees of freedom, in major units: its
     * {@code confidenceInterval(confidence)} is the t interval of the average, its
     * {@code differenceFrom(earlier)} Welch's t test between two customer bases. Customer values are
     * skewed, so the interval is approximate for few customers (it rests on the central limit theorem).
     *
     * @throws UndefinedResultException if there are fewer than two customers
     */
    public Estimate averageEstimate() {
        if (ids.length < 2) {
            throw new UndefinedResultException("the standard error of the average historical CLV is undefined: "
                    + ids.length + " customer" + (ids.length == 1 ? "" : "s") + ", at least 2 needed");
        }
        double scale = Math.pow(10, currency.decimals());
        double mean = (double) total / ids.length;
        double squares = 0;
        for (long value : values) {
            double deviation = value - mean;
            squares += deviation * deviation;
        }
        double standardError = Math.sqrt(squares / (ids.length - 1) / ids.length);
        return new Estimate(mean / scale, standardError / scale, ids.length - 1);
    }

    private void requireCustomers() {
        if (ids.length == 0) {
            throw new UndefinedResultException("the average historical CLV is undefined: no customers");
        }
    }

    /**
     * The historical CLV of the customers of both: a customer in both has the sum of both values.
     *
     * @throws InvalidArgumentException if {@code other} has another definition or currency
     * @throws ArithmeticException if a value overflows
     */
    public HistoricalCustomerLifetimeValue plus(HistoricalCustomerLifetimeValue other) {
        Checks.notNull(other, "other");
        Checks.sameSetting(definition, other.definition, "other", "definition");
        Checks.sameSetting(currency, other.currency, "other", "currency");
        Accumulator sum = new Accumulator(definition, currency);
        for (HistoricalCustomerLifetimeValue value : new HistoricalCustomerLifetimeValue[] {this, other}) {
            for (int r = 0; r < value.ids.length; r++) {
                sum.add(value.ids[r], value.values[r]);
            }
        }
        return sum.snapshot();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HistoricalCustomerLifetimeValue
                && ((HistoricalCustomerLifetimeValue) o).definition == definition
                && ((HistoricalCustomerLifetimeValue) o).currency.equals(currency)
                && Arrays.equals(((HistoricalCustomerLifetimeValue) o).ids, ids)
                && Arrays.equals(((HistoricalCustomerLifetimeValue) o).values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(definition, currency, Arrays.hashCode(ids), Arrays.hashCode(values));
    }

    /** Reads, e.g., {@code "historical CLV (revenue): 3 customers, total USD 30.30, average USD 10.10"} (half up). */
    @Override
    public String toString() {
        return "historical CLV (" + definition.name().toLowerCase(Locale.ROOT) + "): "
                + Formatting.plural(ids.length, "customer") + ", total " + total() + (ids.length == 0 ? "" : ", average " + average(RoundingMode.HALF_UP));
    }

    /**
     * A mutable accumulator of amounts per customer in one currency, in any order: an amount of a known
     * customer allocates nothing except when a table grows; accumulators of the same definition and
     * currency combine exactly.
     *
     * <p>This class is not thread-safe: use one accumulator per thread and combine them.
     */
    public static final class Accumulator
            implements org.loyaltymetrics.Accumulator<Accumulator, HistoricalCustomerLifetimeValue> {

        private static final long serialVersionUID = 2L;

        private final Definition definition;
        private final CurrencyUnit currency;
        private final LongIndex customers = new LongIndex();
        private long[] values = new long[16];

        Accumulator(Definition definition, CurrencyUnit currency) {
            this.definition = Checks.notNull(definition, "definition");
            this.currency = Checks.notNull(currency, "currency");
        }

        /**
         * Adds {@code amount} minor units of the accumulator's currency to {@code customerId}'s value.
         *
         * @throws InvalidArgumentException if the amount is negative on the revenue definition
         * @throws ArithmeticException if the customer's value overflows (nothing is added)
         */
        public Accumulator add(long customerId, long amount) {
            if (definition == Definition.REVENUE && amount < 0) {
                throw InvalidArgumentException.of("amount", ">= 0 (minor units of revenue)", amount);
            }
            int known = customers.size();
            int i = customers.add(customerId);
            if (i == values.length) {
                values = Arrays.copyOf(values, 2 * i);
            }
            // a new customer cannot overflow, so nothing is added when a known one's sum does
            values[i] = i == known ? amount : Math.addExact(values[i], amount);
            return this;
        }

        /**
         * Adds the amount of {@code transaction} to its customer's value.
         *
         * @throws InvalidArgumentException if the transaction is in another currency
         */
        public Accumulator add(Transaction transaction) {
            Checks.notNull(transaction, "transaction");
            Checks.sameSetting(currency, transaction.amount().currency(), "transaction", "currency");
            return add(transaction.customerId(), transaction.amount().minorUnits());
        }

        /**
         * Adds every amount of {@code other} ({@code other} is left unchanged).
         *
         * @throws InvalidArgumentException if the definition or currency differ
         * @throws ArithmeticException if a customer's value overflows (this accumulator is then left
         *     part-combined)
         */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            Checks.sameSetting(definition, other.definition, "other", "definition");
            Checks.sameSetting(currency, other.currency, "other", "currency");
            for (int j = 0; j < other.customers.size(); j++) {
                add(other.customers.key(j), other.values[j]);
            }
            return this;
        }

        /** The historical CLV of the amounts added so far. */
        @Override
        public HistoricalCustomerLifetimeValue snapshot() {
            int[] order = customers.indexesByKey();
            long[] ids = new long[order.length];
            long[] sorted = new long[order.length];
            for (int r = 0; r < order.length; r++) {
                ids[r] = customers.key(order[r]);
                sorted[r] = values[order[r]];
            }
            return new HistoricalCustomerLifetimeValue(definition, currency, ids, sorted);
        }

        /** The definitions in the order of their codes in the binary form (a list only ever extended at its end). */
        private static final List<Definition> DEFINITION_CODES = List.of(Definition.REVENUE, Definition.MARGIN);

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "value.HistoricalCustomerLifetimeValue.Accumulator"},
         * version 1: the definition (a byte, 0 revenue, 1 margin), the currency (its code as the number of its UTF-8
         * bytes then the bytes, and its decimals, a varint), the number of customers, then for each customer by
         * ascending id the id and the sum of their amounts (zigzag varints, minor units).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "value.HistoricalCustomerLifetimeValue.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            BinaryFields.writeCode(out, value.definition, DEFINITION_CODES);
            BinaryFields.writeString(out, value.currency.code());
            BinaryFields.writeCount(out, value.currency.decimals());
            BinaryFields.writeCount(out, value.customers.size());
            for (int i : value.customers.indexesByKey()) {
                BinaryFields.writeSigned(out, value.customers.key(i));
                BinaryFields.writeSigned(out, value.values[i]);
            }
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Definition definition = BinaryFields.readCode(in, DEFINITION_CODES);
            Accumulator read = new Accumulator(definition, CurrencyUnit.of(BinaryFields.readString(in),
                    BinaryFields.readLength(in, 255)));
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            long id = 0;
            for (int i = 0; i < n; i++) {
                id = BinaryFields.readId(in, i, id);
                read.add(id, BinaryFields.readSigned(in));
            }
            return read;
        }

        /** Reads, e.g., {@code "HistoricalCustomerLifetimeValue.Accumulator: revenue of 3 customers in USD"}. */
        @Override
        public String toString() {
            return "HistoricalCustomerLifetimeValue.Accumulator: " + definition.name().toLowerCase(Locale.ROOT)
                    + " of " + Formatting.plural(customers.size(), "customer") + " in " + currency;
        }
    }
}
