package org.loyaltymetrics.behavior;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.LongIndex;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.stats.Measure;
import org.loyaltymetrics.stats.Proportion;

/**
 * The upsell rate, in the two definitions of the articles, kept apart:
 *
 * <ul>
 *   <li>{@link Definition#ADDITIONAL_PURCHASE_SHARE} (the small-business loyalty guide, the {@link
 * Definition#DEFAULT}):
 *       additional purchases / all purchases in the period, a share in [0, 1], the
 *       {@link Proportion} {@link #additionalPurchaseShare()}. Which purchase is "additional" (an
 *       add-on, an extra service, an upgrade sold on top of what the customer buys) is the business's
 *       classification, passed with each purchase.</li>
 *   <li>{@link Definition#MULTI_PRODUCT_PER_SINGLE_PRODUCT_CUSTOMER} (the telecom KPI guide): "divide the
 *       customers who buy several products from you by the customers who buy only one": customers
 *       with two or more distinct products / customers with exactly one, the {@link MultiProductRatio}
 *       {@link #multiProductRatio()}. A ratio, not a share: it exceeds 1 when multi-product customers
 *       outnumber single-product ones, and is undefined when no customer bought exactly one product.
 *       30 multi-product and 70 single-product customers give 30/70 = 0.4286.</li>
 * </ul>
 *
 * <p>As a {@link Measure} the rate is the default definition's share: {@link #value()}, its Wilson
 * interval and the two-proportion test of a change. Both definitions are measures of their own
 * ({@link #additionalPurchaseShare()}, {@link #multiProductRatio()}) with an interval and a test.
 *
 * <p>The customer counts are of distinct customers, so two upsell rates cannot be merged: a snapshot
 * no longer knows which products each customer bought, and a customer who bought one product in each
 * part would be two single-product customers instead of one multi-product customer. Merge
 * {@link Accumulator}s instead, which combine exactly.
 *
 * <p>The share of customers who moved to a higher-value plan is {@link PlanUpgradeRate}.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param singleProductCustomers the customers who bought exactly one distinct product, &gt;= 0
 * @param multiProductCustomers the customers who bought two or more distinct products, &gt;= 0
 * @param purchases all purchases: at least one per single-product and two per multi-product customer
 * @param additionalPurchases the purchases classified as additional, in 0..purchases
 */
public record UpsellRate(long singleProductCustomers, long multiProductCustomers, long purchases,
        long additionalPurchases) implements Measure<UpsellRate> {

    /** The two definitions. */
    public enum Definition {
        /** Customers with several products / customers with exactly one (the telecom KPI guide); may exceed 1. */
        MULTI_PRODUCT_PER_SINGLE_PRODUCT_CUSTOMER,
        /**
         * Additional purchases / all purchases (the small-business loyalty guide), a share in [0, 1]: the
         * {@link #DEFAULT}.
         */
        ADDITIONAL_PURCHASE_SHARE;

        /**
         * The default definition, {@link #ADDITIONAL_PURCHASE_SHARE}: a share in [0, 1] that is defined
         * whenever there is a purchase, unlike the ratio.
         */
        public static final Definition DEFAULT = ADDITIONAL_PURCHASE_SHARE;
    }

    /**
     * The telecom KPI guide's ratio, multi-product customers m per single-product customer s, as a {@link Measure}.
     *
     * <p><b>Interval.</b> m/s is the odds p/(1 − p) of the share p = m/(m + s) of multi-product
     * customers among the customers, and p ↦ p/(1 − p) is increasing, so the interval of the ratio is
     * the Wilson score interval [L, U] of p (Wilson 1927) mapped by it: [L/(1 − L), U/(1 − U)], with an
     * infinite upper bound when U = 1 (no single-product customer: the data bound the ratio from below
     * only). It keeps the Wilson interval's coverage and stays above 0. For m = 30, s = 70 at 95 %,
     * p's interval [0.2189, 0.3958] gives [0.2803, 0.6552] around 0.4286.
     *
     * <p><b>Change.</b> {@link #differenceFrom(MultiProductRatio)} is the z test of the difference of
     * the two ratios with the delta-method standard error of each, SE(m/s) = √(m (m + s) / s³)
     * (Var p̂ = p(1 − p)/n times the squared derivative 1/(1 − p)⁴ of the odds, by the delta method:
     * Casella &amp; Berger, "Statistical Inference", 2nd ed., 2002, §5.5.4); 0.0935 for m = 30, s = 70.
     *
     * <p>This record is immutable and thread-safe.
     *
     * @param multiProductCustomers m, the customers with two or more distinct products, &gt;= 0
     * @param singleProductCustomers s, the customers with exactly one, &gt;= 0
     */
    public record MultiProductRatio(long multiProductCustomers, long singleProductCustomers)
            implements Measure<MultiProductRatio> {

        /** Validates the counts. */
        public MultiProductRatio {
            Checks.count(multiProductCustomers, "multiProductCustomers");
            Checks.count(singleProductCustomers, "singleProductCustomers");
            Checks.addCounts(multiProductCustomers, singleProductCustomers, "customers");
        }

        /** Whether there are no customers, so that every figure is undefined. */
        @Override
        public boolean isEmpty() {
            return multiProductCustomers == 0 && singleProductCustomers == 0;
        }

        /** The share of multi-product customers among the customers, m/(m + s), whose odds the ratio is. */
        public Proportion share() {
            return Proportion.of(multiProductCustomers, multiProductCustomers + singleProductCustomers);
        }

        /**
         * The ratio m/s, which may exceed 1.
         *
         * @throws UndefinedResultException if no customer bought exactly one product (s = 0)
         */
        @Override
        public double value() {
            if (singleProductCustomers == 0) {
                throw new UndefinedResultException(
                        "the multi-product ratio is undefined: no customer bought exactly one product");
            }
            return (double) multiProductCustomers / singleProductCustomers;
        }

        /**
         * The Wilson interval of the share mapped to the ratio (see the class comment); its upper bound is
         * infinite when no customer bought exactly one product.
         *
         * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
         * @throws UndefinedResultException if there are no customers
         */
        @Override
        public ConfidenceInterval confidenceInterval(double confidence) {
            ConfidenceInterval share = share().confidenceInterval(confidence);
            double high = share.high() == 1.0 ? Double.POSITIVE_INFINITY : share.high() / (1.0 - share.high());
            return new ConfidenceInterval(share.low() / (1.0 - share.low()), high, confidence);
        }

        /**
         * The z test of {@code this.value() − earlier.value()} with delta-method standard errors (see the
         * class comment).
         *
         * @throws UndefinedResultException if either ratio is undefined, or neither has a multi-product
         *     customer (both standard errors are then 0)
         */
        @Override
        public DifferenceTest differenceFrom(MultiProductRatio earlier) {
            Checks.notNull(earlier, "earlier");
            return estimate().differenceFrom(earlier.estimate());
        }

        private Estimate estimate() {
            double m = multiProductCustomers;
            double s = singleProductCustomers;
            double ratio = value();
            return Estimate.normal(ratio, Math.sqrt(m * (m + s) / (s * s * s)));
        }

        /** Reads, e.g., {@code "30/70 = 0.4286"}, or {@code "2/0 = undefined"}. */
        @Override
        public String toString() {
            return multiProductCustomers + "/" + singleProductCustomers + " = "
                    + (singleProductCustomers == 0 ? "undefined" : Formatting.decimal(value(), 4));
        }
    }

    /**
     * Validates the counts.
     *
     * @throws InvalidArgumentException if a count is negative, additional purchases exceed purchases,
     *     or there are fewer purchases than customers would need (one per single-product customer, two
     *     per multi-product customer)
     */
    public UpsellRate {
        Checks.count(singleProductCustomers, "singleProductCustomers");
        Checks.count(multiProductCustomers, "multiProductCustomers");
        Checks.count(purchases, "purchases");
        Checks.count(additionalPurchases, "additionalPurchases");
        if (additionalPurchases > purchases) {
            throw InvalidArgumentException.of("additionalPurchases", "<= purchases " + purchases, additionalPurchases);
        }
        long least = Checks.addCounts(singleProductCustomers,
                Math.multiplyExact(2L, multiProductCustomers), "purchases the customers need");
        if (purchases < least) {
            throw InvalidArgumentException.of("purchases", ">= " + least + " (one per single-product customer, "
                    + "two per multi-product customer)", purchases);
        }
    }

    /**
     * The upsell rate of counts: customers who bought exactly one product and two or more, purchases
     * and the additional ones among them.
     *
     * @throws InvalidArgumentException if the counts are inconsistent (see the constructor)
     */
    public static UpsellRate ofCounts(long singleProductCustomers, long multiProductCustomers, long purchases,
            long additionalPurchases) {
        return new UpsellRate(singleProductCustomers, multiProductCustomers, purchases, additionalPurchases);
    }

    /** A new, empty accumulator. */
    public static Accumulator accumulator() {
        return new Accumulator();
    }

    /** A collector of records, reading each one's customer id, product id and whether it is additional. */
    public static <T> Collector<T, ?, UpsellRate> collector(ToLongFunction<? super T> customerOf,
            ToLongFunction<? super T> productOf, Predicate<? super T> additional) {
        Checks.notNull(customerOf, "customerOf");
        Checks.notNull(productOf, "productOf");
        Checks.notNull(additional, "additional");
        return org.loyaltymetrics.Accumulator.collector(Accumulator::new,
                (acc, t) -> acc.add(customerOf.applyAsLong(t), productOf.applyAsLong(t), additional.test(t)));
    }

    /** All customers. */
    public long customers() {
        return singleProductCustomers + multiProductCustomers;
    }

    /** Whether there are no purchases (and so no customers), so that every figure is undefined. */
    @Override
    public boolean isEmpty() {
        return purchases == 0;
    }

    /**
     * The telecom KPI guide's ratio: multi-product customers per single-product customer, with its interval
     * and test.
     */
    public MultiProductRatio multiProductRatio() {
        return new MultiProductRatio(multiProductCustomers, singleProductCustomers);
    }

    /** The small-business loyalty guide's share: additional purchases of all purchases, the default definition. */
    public Proportion additionalPurchaseShare() {
        return Proportion.of(additionalPurchases, purchases);
    }

    /** The multi-product customers as a share of all customers (a share in [0, 1], for reference). */
    public Proportion multiProductCustomerShare() {
        return multiProductRatio().share();
    }

    /**
     * The rate under the default definition (the small-business loyalty guide's share).
     *
     * @throws UndefinedResultException if there are no purchases
     */
    @Override
    public double value() {
        return value(Definition.DEFAULT);
    }

    /**
     * The rate under {@code definition}: {@code additionalPurchaseShare().value()} or
     * {@code multiProductRatio().value()}.
     *
     * @throws UndefinedResultException if its denominator is zero
     */
    public double value(Definition definition) {
        Checks.notNull(definition, "definition");
        return definition == Definition.ADDITIONAL_PURCHASE_SHARE ? additionalPurchaseShare().value()
                : multiProductRatio().value();
    }

    /**
     * The Wilson interval of the default definition's share; the telecom KPI guide's ratio has its own,
     * {@code multiProductRatio().confidenceInterval(confidence)}.
     *
     * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
     * @throws UndefinedResultException if there are no purchases
     */
    @Override
    public ConfidenceInterval confidenceInterval(double confidence) {
        return additionalPurchaseShare().confidenceInterval(confidence);
    }

    /**
     * The two-proportion z test of {@code this − earlier} on the default definition's share; for the
     * ratio, {@code later.multiProductRatio().differenceFrom(earlier.multiProductRatio())}.
     *
     * @throws UndefinedResultException if either has no purchases, or both shares are 0 or both 1
     */
    @Override
    public DifferenceTest differenceFrom(UpsellRate earlier) {
        Checks.notNull(earlier, "earlier");
        return additionalPurchaseShare().differenceFrom(earlier.additionalPurchaseShare());
    }

    /**
     * Reads, e.g., {@code "upsell rate: additional purchases 12/80 (15.00%); multi-product customers
     * per single-product customer 30/70 = 0.4286"}.
     */
    @Override
    public String toString() {
        return "upsell rate: additional purchases " + additionalPurchaseShare() + "; multi-product customers per "
                + "single-product customer " + multiProductRatio();
    }

    /**
     * A mutable accumulator of purchases (customer, product, additional or not) in any order. For each
     * customer it keeps the first product seen and whether another one was seen, which decides exactly
     * whether the customer bought one product or several; a purchase of a known customer allocates
     * nothing except when a table grows; accumulators combine exactly.
     *
     * <p>This class is not thread-safe: use one accumulator per thread and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, UpsellRate> {

        private static final long serialVersionUID = 1L;

        private final LongIndex customers = new LongIndex();
        private long[] firstProduct = new long[16];
        private boolean[] multiple = new boolean[16];
        private long purchases;
        private long additionalPurchases;

        Accumulator() {
        }

        /**
         * Adds a purchase of {@code productId} by {@code customerId}, {@code additional} if it is an upsell.
         *
         * @throws ArithmeticException if the count of purchases overflows (nothing is added)
         */
        public Accumulator add(long customerId, long productId, boolean additional) {
            long newPurchases = Checks.addCounts(purchases, 1, "purchases");
            product(customerId, productId, false);
            purchases = newPurchases;
            if (additional) {
                additionalPurchases++;
            }
            return this;
        }

        private void product(long customerId, long productId, boolean several) {
            int known = customers.size();
            int i = customers.add(customerId);
            if (i == known) {
                if (i == firstProduct.length) {
                    firstProduct = Arrays.copyOf(firstProduct, 2 * i);
                    multiple = Arrays.copyOf(multiple, 2 * i);
                }
                firstProduct[i] = productId;
                multiple[i] = several;
            } else {
                multiple[i] |= several || firstProduct[i] != productId;
            }
        }

        /** Adds every purchase of {@code other} ({@code other} is left unchanged). */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            long newPurchases = Checks.addCounts(purchases, other.purchases, "purchases");
            long newAdditional = Checks.addCounts(additionalPurchases, other.additionalPurchases, "additional purchases");
            for (int j = 0; j < other.customers.size(); j++) {
                product(other.customers.key(j), other.firstProduct[j], other.multiple[j]);
            }
            purchases = newPurchases;
            additionalPurchases = newAdditional;
            return this;
        }

        /** The upsell rate of the purchases added so far. */
        @Override
        public UpsellRate snapshot() {
            long several = 0;
            for (int i = 0; i < customers.size(); i++) {
                if (multiple[i]) {
                    several++;
                }
            }
            return new UpsellRate(customers.size() - several, several, purchases, additionalPurchases);
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "behavior.UpsellRate.Accumulator"}, version 1:
         * the purchases and the additional purchases (varints), the number of customers, then for each customer by
         * ascending id: the id (a zigzag varint), whether they bought more than one product (a byte 0 or 1) and, if
         * not, the one product they bought (a zigzag varint).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "behavior.UpsellRate.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            BinaryFields.writeCount(out, value.purchases);
            BinaryFields.writeCount(out, value.additionalPurchases);
            BinaryFields.writeCount(out, value.customers.size());
            for (int i : value.customers.indexesByKey()) {
                BinaryFields.writeSigned(out, value.customers.key(i));
                out.writeBoolean(value.multiple[i]);
                if (!value.multiple[i]) { // once several, which came first no longer matters
                    BinaryFields.writeSigned(out, value.firstProduct[i]);
                }
            }
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Accumulator read = new Accumulator();
            read.purchases = BinaryFields.readCount(in);
            read.additionalPurchases = BinaryFields.readCount(in);
            BinaryFields.checkField(read.additionalPurchases <= read.purchases, "additional purchases <= the purchases "
                    + read.purchases, read.additionalPurchases);
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            BinaryFields.checkField(n <= read.purchases, "customers <= the purchases " + read.purchases, n);
            long id = 0;
            for (int i = 0; i < n; i++) {
                id = BinaryFields.readId(in, i, id);
                boolean several = in.readBoolean();
                read.product(id, several ? 0 : BinaryFields.readSigned(in), several);
            }
            return read;
        }

        /** Reads, e.g., {@code "UpsellRate.Accumulator: 150 purchases (12 additional) of 100 customers"}. */
        @Override
        public String toString() {
            return "UpsellRate.Accumulator: " + purchases + " purchases (" + additionalPurchases + " additional) of "
                    + customers.size() + " customers";
        }
    }
}
