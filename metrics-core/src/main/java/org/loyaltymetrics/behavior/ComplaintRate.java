package org.loyaltymetrics.behavior;

import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Distributions;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.DifferenceTest;

/**
 * Complaints related to a customer base: complaints per 1,000 customers, and the severity-weighted
 * complaint index, Σ weight × count per 1,000 customers, so that periods and segments of different
 * sizes compare. 12 complaints (7 low, 4 medium, 1 high, weights 1, 2, 3) among 4,000 customers are
 * 3.0 complaints and a severity index of 18 / 4 = 4.5 per 1,000 customers.
 *
 * <p>A customer may complain several times, so the rate is a count rate, not a share. Changes between
 * periods are tested as two Poisson rates ({@link #differenceFrom(ComplaintRate)}).
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ComplaintRate {

    private final ComplaintCounts complaints;
    private final long customers;

    ComplaintRate(ComplaintCounts complaints, long customers) {
        this.complaints = complaints;
        this.customers = customers;
    }

    /**
     * The rate of {@code complaints} among {@code customers} customers.
     *
     * @throws IllegalArgumentException if customers is negative
     */
    public static ComplaintRate of(ComplaintCounts complaints, long customers) {
        return Checks.notNull(complaints, "complaints").per(customers);
    }

    /** The complaints counted per severity. */
    public ComplaintCounts complaints() {
        return complaints;
    }

    /** The customer base. */
    public long customers() {
        return customers;
    }

    /**
     * Complaints per 1,000 customers.
     *
     * @throws UndefinedResultException if there are no customers
     */
    public double perThousandCustomers() {
        requireCustomers("the complaint rate");
        return 1000.0 * complaints.complaints() / customers;
    }

    /**
     * The severity-weighted complaint index: severity-weighted complaints per 1,000 customers.
     *
     * @throws UndefinedResultException if there are no customers
     */
    public double severityIndex() {
        requireCustomers("the severity index");
        return 1000.0 * complaints.weightedComplaints() / customers;
    }

    /**
     * Tests the change of the complaint rate from {@code earlier} (another period or segment) to this
     * one, the counts taken as Poisson: with rates λ = c/n and the pooled rate λ̄ = (c₁ + c₂)/(n₁ + n₂),
     * SE = √(λ̄ (1/n₁ + 1/n₂)) and z = (λ₁ − λ₂)/SE. The difference and its standard error are per
     * 1,000 customers.
     *
     * @throws UndefinedResultException if either has no customers, or neither has complaints
     */
    public DifferenceTest differenceFrom(ComplaintRate earlier) {
        Checks.notNull(earlier, "earlier");
        requireCustomers("the complaint rate test");
        earlier.requireCustomers("the complaint rate test");
        double pooled = ((double) complaints.complaints() + earlier.complaints.complaints())
                / ((double) customers + earlier.customers);
        double se = Math.sqrt(pooled * (1.0 / customers + 1.0 / earlier.customers));
        if (!(se > 0)) {
            throw new UndefinedResultException("the complaint rate test is undefined: no complaints in either");
        }
        double difference = (double) complaints.complaints() / customers - (double) earlier.complaints.complaints()
                / earlier.customers;
        double z = difference / se;
        return new DifferenceTest(1000.0 * difference, 1000.0 * se, z, Double.POSITIVE_INFINITY,
                Distributions.normalTwoSidedP(z));
    }

    private void requireCustomers(String figure) {
        if (customers == 0) {
            throw new UndefinedResultException(figure + " is undefined: no customers");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComplaintRate && ((ComplaintRate) o).complaints.equals(complaints)
                && ((ComplaintRate) o).customers == customers;
    }

    @Override
    public int hashCode() {
        return 31 * complaints.hashCode() + Long.hashCode(customers);
    }

    /** Reads, e.g., {@code "3.0000 complaints per 1,000 customers (12 of 4000), severity index 4.5000"}. */
    @Override
    public String toString() {
        if (customers == 0) {
            return complaints.complaints() + " complaints, no customers (rate undefined)";
        }
        return Formatting.decimal(perThousandCustomers(), 4) + " complaints per 1,000 customers ("
                + complaints.complaints() + " of " + customers + "), severity index "
                + Formatting.decimal(severityIndex(), 4);
    }
}
