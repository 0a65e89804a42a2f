package org.loyaltymetrics.behavior;

import java.io.Serializable;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.LongIndex;
import org.loyaltymetrics.stats.Proportion;

/**
 * The upsell rate, in the two definitions of the articles, kept apart:
 *
 * <ul>
 *   <li>{@link Definition#MULTI_PRODUCT_PER_SINGLE_PRODUCT_CUSTOMER} (article 000): "divide the
 *       customers who buy several products from you by the customers who buy only one" — customers
 *       with two or more distinct products / customers with exactly one. A ratio, not a share: it
 *       exceeds 1 when multi-product customers outnumber single-product ones, and is undefined when
 *       no customer bought exactly one product. 30 multi-product and 70 single-product customers give
 *       30/70 = 0.4286.</li>
 *   <li>{@link Definition#ADDITIONAL_PURCHASE_SHARE} (article 002, the default): additional purchases /
 *       all purchases in the period, a share in [0, 1] with a Wilson interval. Which purchase is
 *       "additional" (an add-on, an extra service, an upgrade sold on top of what the customer buys)
 *       is the business's classification, passed with each purchase.</li>
 * </ul>
 *
 * <p>The share of customers who moved to a higher-value plan is {@link PlanUpgradeRate}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class UpsellRate {

    /** The two definitions. */
    public enum Definition {
        /** Customers with several products / customers with exactly one (article 000); may exceed 1. */
        MULTI_PRODUCT_PER_SINGLE_PRODUCT_CUSTOMER,
        /** Additional purchases / all purchases (article 002), a share in [0, 1]. The default. */
        ADDITIONAL_PURCHASE_SHARE;

        /** The default definition, {@link #ADDITIONAL_PURCHASE_SHARE}. */
        public static final Definition DEFAULT = ADDITIONAL_PURCHASE_SHARE;
    }

    private final long singleProductCustomers;
    private final long multiProductCustomers;
    private final long purchases;
    private final long additionalPurchases;

    private UpsellRate(long singleProductCustomers, long multiProductCustomers, long purchases, long additionalPurchases) {
        this.singleProductCustomers = singleProductCustomers;
        this.multiProductCustomers = multiProductCustomers;
        this.purchases = purchases;
        this.additionalPurchases = additionalPurchases;
    }

    /**
     * The upsell rate of counts: customers who bought exactly one product and two or more, purchases
     * and the additional ones among them.
     *
     * @throws IllegalArgumentException if a count is negative, additional purchases exceed purchases,
     *     or there are fewer purchases than customers would need (one per single-product customer, two
     *     per multi-product customer)
     */
    public static UpsellRate ofCounts(long singleProductCustomers, long multiProductCustomers, long purchases,
            long additionalPurchases) {
        Checks.count(singleProductCustomers, "singleProductCustomers");
        Checks.count(multiProductCustomers, "multiProductCustomers");
        Checks.count(purchases, "purchases");
        Checks.count(additionalPurchases, "additionalPurchases");
        if (additionalPurchases > purchases) {
            throw new IllegalArgumentException("additionalPurchases must be <= purchases " + purchases + ", was "
                    + additionalPurchases);
        }
        long least = Checks.addCounts(singleProductCustomers,
                Math.multiplyExact(2L, multiProductCustomers), "purchases the customers need");
        if (purchases < least) {
            throw new IllegalArgumentException("purchases must be >= " + least + " (one per single-product customer, "
                    + "two per multi-product customer), was " + purchases);
        }
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
        return Collector.of(Accumulator::new,
                (acc, t) -> acc.add(customerOf.applyAsLong(t), productOf.applyAsLong(t), additional.test(t)),
                Accumulator::combine, Accumulator::snapshot, Collector.Characteristics.UNORDERED);
    }

    /** Customers who bought exactly one distinct product. */
    public long singleProductCustomers() {
        return singleProductCustomers;
    }

    /** Customers who bought two or more distinct products. */
    public long multiProductCustomers() {
        return multiProductCustomers;
    }

    /** All customers. */
    public long customers() {
        return singleProductCustomers + multiProductCustomers;
    }

    /** All purchases. */
    public long purchases() {
        return purchases;
    }

    /** The purchases classified as additional. */
    public long additionalPurchases() {
        return additionalPurchases;
    }

    /**
     * Article 000's ratio: multi-product customers / single-product customers, which may exceed 1.
     *
     * @throws UndefinedResultException if no customer bought exactly one product
     */
    public double multiProductRatio() {
        if (singleProductCustomers == 0) {
            throw new UndefinedResultException("the multi-product ratio is undefined: no customer bought exactly one product");
        }
        return (double) multiProductCustomers / singleProductCustomers;
    }

    /** Article 002's share: additional purchases of all purchases. */
    public Proportion additionalPurchaseShare() {
        return Proportion.of(additionalPurchases, purchases);
    }

    /** The multi-product customers as a share of all customers (a share in [0, 1], for reference). */
    public Proportion multiProductCustomerShare() {
        return Proportion.of(multiProductCustomers, customers());
    }

    /**
     * The rate under the default definition (article 002's share).
     *
     * @throws UndefinedResultException if there are no purchases
     */
    public double value() {
        return value(Definition.DEFAULT);
    }

    /**
     * The rate under {@code definition}.
     *
     * @throws UndefinedResultException if its denominator is zero
     */
    public double value(Definition definition) {
        Checks.notNull(definition, "definition");
        return definition == Definition.ADDITIONAL_PURCHASE_SHARE ? additionalPurchaseShare().value()
                : multiProductRatio();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof UpsellRate)) {
            return false;
        }
        UpsellRate u = (UpsellRate) o;
        return u.singleProductCustomers == singleProductCustomers && u.multiProductCustomers == multiProductCustomers
                && u.purchases == purchases && u.additionalPurchases == additionalPurchases;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new long[] {singleProductCustomers, multiProductCustomers, purchases, additionalPurchases});
    }

    /**
     * Reads, e.g., {@code "upsell rate: additional purchases 12/80 (15.00%); multi-product customers
     * per single-product customer 30/70 = 0.4286"}.
     */
    @Override
    public String toString() {
        return "upsell rate: additional purchases " + additionalPurchaseShare() + "; multi-product customers per "
                + "single-product customer " + multiProductCustomers + "/" + singleProductCustomers + " = "
                + (singleProductCustomers == 0 ? "undefined" : Formatting.decimal(multiProductRatio(), 4));
    }

    /**
     * A mutable accumulator of purchases (customer, product, additional or not) in any order. For each
     * customer it keeps the first product seen and whether another one was seen, which decides exactly
     * whether the customer bought one product or several; a purchase of a known customer allocates
     * nothing except when a table grows; accumulators combine exactly. Not thread-safe: use one per
     * thread and combine them.
     */
    public static final class Accumulator implements Serializable {

        private static final long serialVersionUID = 1L;


        private final LongIndex customers = new LongIndex();
        private long[] firstProduct = new long[16];
        private boolean[] multiple = new boolean[16];
        private long purchases;
        private long additionalPurchases;

        Accumulator() {
        }

        /** Adds a purchase of {@code productId} by {@code customerId}, {@code additional} if it is an upsell. */
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
        public UpsellRate snapshot() {
            long several = 0;
            for (int i = 0; i < customers.size(); i++) {
                if (multiple[i]) {
                    several++;
                }
            }
            return new UpsellRate(customers.size() - several, several, purchases, additionalPurchases);
        }
    }
}
