package org.loyaltymetrics.behavior;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.LongHashSet;
import org.loyaltymetrics.stats.Proportion;

/**
 * The customer referral rate (the loyalty and retention guide and the customer-experience metrics guide: the share
 * of customers who recommend the brand to others, measured by the referrals they bring): customers who referred at
 * least one new customer / customers, a share in [0, 1] with a Wilson interval; and the referred new customers per
 * referrer. 40 referrers among 500 customers, who brought 52 new customers, give a referral rate of 8 % and
 * 1.3 referred customers per referrer.
 *
 * <p>Counting is by distinct customer: a customer who refers several people is one referrer; a new
 * customer referred twice (by two customers) is one referred customer, and each of the two is a
 * referrer. Referrers count among the customers even when not registered separately.
 *
 * <p>Because the counts are of distinct customers, two rates cannot be merged: a snapshot no longer
 * knows who was counted, and a customer or referred customer seen in two parts would count twice.
 * Merge {@link Accumulator}s instead, which hold the ids and combine exactly (set unions).
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ReferralRate extends ProportionRate<ReferralRate> {

    private final long referredCustomers;

    private ReferralRate(Proportion referrers, long referredCustomers) {
        super(referrers);
        this.referredCustomers = referredCustomers;
    }

    /**
     * The referral rate of {@code referrers} of {@code customers}, who brought {@code referredCustomers}.
     *
     * @throws InvalidArgumentException unless 0 &lt;= referrers &lt;= customers, referredCustomers &gt;= 0,
     *     and there is at least one referred customer when there are referrers and none otherwise
     */
    public static ReferralRate ofCounts(long referrers, long referredCustomers, long customers) {
        Proportion proportion = Proportion.of(referrers, customers);
        Checks.count(referredCustomers, "referredCustomers");
        if ((referrers == 0) != (referredCustomers == 0)) {
            throw InvalidArgumentException.of("referredCustomers", (referrers == 0 ? "0" : ">= 1") + " for "
                    + referrers + " referrers", referredCustomers);
        }
        return new ReferralRate(proportion, referredCustomers);
    }

    /** A new, empty accumulator. */
    public static Accumulator accumulator() {
        return new Accumulator();
    }

    /**
     * A collector of customer records: each record adds its customer ({@code customerOf}) to the base
     * and, where {@code isReferral} holds, the referral of the new customer {@code referredOf}.
     */
    public static <T> Collector<T, ?, ReferralRate> collector(ToLongFunction<? super T> customerOf,
            Predicate<? super T> isReferral, ToLongFunction<? super T> referredOf) {
        Checks.notNull(customerOf, "customerOf");
        Checks.notNull(isReferral, "isReferral");
        Checks.notNull(referredOf, "referredOf");
        return org.loyaltymetrics.Accumulator.collector(Accumulator::new, (acc, t) -> {
            if (isReferral.test(t)) {
                acc.addReferral(customerOf.applyAsLong(t), referredOf.applyAsLong(t));
            } else {
                acc.addCustomer(customerOf.applyAsLong(t));
            }
        });
    }

    /** Customers (the base the rate is taken over). */
    public long customers() {
        return proportion().trials();
    }

    /** Customers who referred at least one new customer. */
    public long referrers() {
        return proportion().successes();
    }

    /** New customers referred. */
    public long referredCustomers() {
        return referredCustomers;
    }

    /**
     * Referred new customers per referrer.
     *
     * @throws UndefinedResultException if there are no referrers
     */
    public double referredPerReferrer() {
        if (referrers() == 0) {
            throw new UndefinedResultException("referred customers per referrer is undefined: no referrers");
        }
        return (double) referredCustomers / referrers();
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && ((ReferralRate) o).referredCustomers == referredCustomers;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Long.hashCode(referredCustomers);
    }

    /** Reads, e.g., {@code "referral rate 40/500 (8.00%), 52 referred customers (1.30 per referrer)"}. */
    @Override
    public String toString() {
        return "referral rate " + proportion() + ", " + referredCustomers + " referred customers"
                + (referrers() == 0 ? "" : " (" + Formatting.decimal(referredPerReferrer(), 2) + " per referrer)");
    }

    /**
     * A mutable accumulator of customers and referrals in any order, holding distinct ids in primitive
     * sets: a record of known ids allocates nothing except when a set grows; accumulators combine
     * exactly (set unions).
     *
     * <p>This class is not thread-safe: use one accumulator per thread and combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, ReferralRate> {

        private static final long serialVersionUID = 1L;

        private final LongHashSet customers = new LongHashSet();
        private final LongHashSet referrers = new LongHashSet();
        private final LongHashSet referred = new LongHashSet();

        Accumulator() {
        }

        /** Adds {@code customerId} to the customer base. */
        public Accumulator addCustomer(long customerId) {
            customers.add(customerId);
            return this;
        }

        /**
         * Adds that {@code referrerId}, a customer, referred the new customer {@code referredId}.
         *
         * @throws InvalidArgumentException if a customer refers themselves
         */
        public Accumulator addReferral(long referrerId, long referredId) {
            if (referrerId == referredId) {
                throw new InvalidArgumentException("referredId", "referredId must differ from the referrer "
                        + referrerId + ", was " + referredId);
            }
            customers.add(referrerId);
            referrers.add(referrerId);
            referred.add(referredId);
            return this;
        }

        /** Adds every customer and referral of {@code other} ({@code other} is left unchanged). */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            other.customers.forEach(customers::add);
            other.referrers.forEach(referrers::add);
            other.referred.forEach(referred::add);
            return this;
        }

        /** The referral rate of what was added so far. */
        @Override
        public ReferralRate snapshot() {
            return new ReferralRate(Proportion.of(referrers.size(), customers.size()), referred.size());
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "behavior.ReferralRate.Accumulator"}, version 1:
         * the customers, the referrers and the referred customers, each as ids in ascending order (their number,
         * then each id as a zigzag varint); every referrer is one of the customers.
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "behavior.ReferralRate.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator value, DataOutput out) throws IOException {
            BinaryFields.writeIds(out, BinaryFields.sorted(value.customers));
            BinaryFields.writeIds(out, BinaryFields.sorted(value.referrers));
            BinaryFields.writeIds(out, BinaryFields.sorted(value.referred));
        }

        private static Accumulator readFields(DataInput in, int version) throws IOException {
            Accumulator read = new Accumulator();
            for (long id : BinaryFields.readIds(in)) {
                read.customers.add(id);
            }
            for (long id : BinaryFields.readIds(in)) {
                BinaryFields.checkField(read.customers.contains(id), "referrers among the customers", id);
                read.referrers.add(id);
            }
            for (long id : BinaryFields.readIds(in)) {
                read.referred.add(id);
            }
            return read;
        }

        /** Reads, e.g., {@code "ReferralRate.Accumulator: 40 referrers of 500 customers, 52 referred customers"}. */
        @Override
        public String toString() {
            return "ReferralRate.Accumulator: " + referrers.size() + " referrers of " + customers.size()
                    + " customers, " + referred.size() + " referred customers";
        }
    }
}
