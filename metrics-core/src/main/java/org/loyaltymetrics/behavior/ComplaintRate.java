package org.loyaltymetrics.behavior;

import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Distributions;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.SpecialFunctions;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Measure;

/**
 * Complaints related to a customer base: complaints per 1,000 customers, and the severity-weighted
 * complaint index, Σ weight × count per 1,000 customers, so that periods and segments of different
 * sizes compare. 12 complaints (7 low, 4 medium, 1 high, weights 1, 2, 3) among 4,000 customers are
 * 3.0 complaints and a severity index of 18 / 4 = 4.5 per 1,000 customers.
 *
 * <p>A customer may complain several times, so the rate is a count rate, not a share: the number of
 * complaints c among n customers is taken as a Poisson count with mean n λ. As a {@link Measure}
 * its {@link #value()} is complaints per 1,000 customers, with
 *
 * <ul>
 *   <li>the exact (Garwood) Poisson interval {@link #confidenceInterval(double)}: the mean count lies
 *       in [χ²<sub>α/2</sub>(2c) / 2, χ²<sub>1−α/2</sub>(2c + 2) / 2] at confidence 1 − α (the lower
 *       bound 0 when c = 0), scaled to 1,000 / n (Garwood 1936, "Fiducial limits for the Poisson
 *       distribution", Biometrika 28, 437–442; the interval of R's {@code poisson.test}). 12 complaints
 *       among 4,000 customers give [1.5501, 5.2404] per 1,000 at 95 %. It is conservative: its
 *       coverage is at least the confidence level. Above 10⁶ complaints the χ² quantiles are
 *       Wilson and Hilferty's cube-root approximation (Wilson &amp; Hilferty 1931, "The distribution of
 *       chi-square", PNAS 17, 684–688; Byar's interval), within 2·10⁻¹¹ of the exact ones there;</li>
 *   <li>the z test of two Poisson rates {@link #differenceFrom(ComplaintRate) later.differenceFrom(earlier)}
 *       with the pooled rate under the null hypothesis.</li>
 * </ul>
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param complaints the complaints counted per severity, not null
 * @param customers the customer base, &gt;= 0
 */
public record ComplaintRate(ComplaintCounts complaints, long customers) implements Measure<ComplaintRate> {

    /** Validates the components. */
    public ComplaintRate {
        Checks.notNull(complaints, "complaints");
        Checks.count(customers, "customers");
    }

    /**
     * The rate of {@code complaints} among {@code customers} customers.
     *
     * @throws InvalidArgumentException if customers is negative
     */
    public static ComplaintRate of(ComplaintCounts complaints, long customers) {
        return new ComplaintRate(complaints, customers);
    }

    /** Whether there are no customers, so that every rate is undefined. */
    @Override
    public boolean isEmpty() {
        return customers == 0;
    }

    /**
     * Complaints per 1,000 customers: {@link #perThousandCustomers()}.
     *
     * @throws UndefinedResultException if there are no customers
     */
    @Override
    public double value() {
        return perThousandCustomers();
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
     * The exact (Garwood) Poisson interval of the complaints per 1,000 customers at {@code confidence}
     * (see the class comment).
     *
     * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
     * @throws UndefinedResultException if there are no customers
     */
    @Override
    public ConfidenceInterval confidenceInterval(double confidence) {
        Checks.confidence(confidence);
        requireCustomers("the complaint rate interval");
        double alpha = 1.0 - confidence;
        long c = complaints.complaints();
        double low;
        double high;
        if (c <= EXACT_UP_TO) {
            low = c == 0 ? 0.0 : gammaQuantile(c, alpha / 2.0);
            high = gammaQuantile(c + 1.0, 1.0 - alpha / 2.0);
        } else {
            double z = Distributions.normalCriticalValue(confidence);
            low = wilsonHilferty(c, -z);
            high = wilsonHilferty(c + 1.0, z);
        }
        double scale = 1000.0 / customers;
        return new ConfidenceInterval(low * scale, high * scale, confidence);
    }

    /** The largest count whose interval is exact; the gamma series converges slowly beyond. */
    private static final long EXACT_UP_TO = 1_000_000;

    /** χ²(2a)/2 at the normal quantile z: a (1 − 1/(9a) + z/(3√a))³. */
    private static double wilsonHilferty(double a, double z) {
        double cube = 1.0 - 1.0 / (9.0 * a) + z / (3.0 * Math.sqrt(a));
        return a * cube * cube * cube;
    }

    /**
     * The x with P(a, x) = p, the regularized lower incomplete gamma function being p: the p-quantile of
     * a gamma distribution of shape {@code a} and scale 1, so that χ²<sub>p</sub>(2a) = 2x. Bisection
     * on a bracket found by doubling, to the last bits of a double.
     */
    private static double gammaQuantile(double a, double p) {
        double low = 0.0;
        double high = a + 1.0;
        while (lowerGamma(a, high) < p) {
            low = high;
            high *= 2.0;
        }
        for (int i = 0; i < 2000 && high - low > 4 * Math.ulp(high); i++) {
            double mid = 0.5 * (low + high);
            if (lowerGamma(a, mid) < p) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return 0.5 * (low + high);
    }

    private static double lowerGamma(double a, double x) {
        return 1.0 - SpecialFunctions.regularizedGammaQ(a, x);
    }

    /**
     * Tests the change of the complaint rate from {@code earlier} (another period or segment) to this
     * one, the counts taken as Poisson: with rates λ = c/n and the pooled rate λ̄ = (c₁ + c₂)/(n₁ + n₂),
     * SE = √(λ̄ (1/n₁ + 1/n₂)) and z = (λ₁ − λ₂)/SE. The difference and its standard error are per
     * 1,000 customers.
     *
     * @throws UndefinedResultException if either has no customers, or neither has complaints
     */
    @Override
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
