package org.loyaltymetrics.programme;

import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Distributions;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.stats.Measure;

/**
 * A redemption rate: points redeemed over points issued, R = Σ rᵢ / Σ eᵢ over the members i, in exact
 * points.
 *
 * <p>Points are not independent trials (a member redeems a block of points at once), so the rate is not a
 * binomial proportion of points: its standard error is the ratio estimator's over members (cluster
 * sampling; Cochran 1977, <i>Sampling Techniques</i>, §6.3, eq. 6.13 with the finite-population correction
 * left out): SE(R)² = n / (n − 1) · Σᵢ (rᵢ − R eᵢ)² / (Σᵢ eᵢ)², with n the members of the population
 * measured (every member enrolled by the end of the period, those without points included). The interval is
 * normal, R ± z SE, its lower side clipped at 0. Over a calendar period the rate counts the redemptions of
 * points issued before it too, so it can exceed 1; by issue cohort (see {@link IssueCohorts}) it is a share
 * of the cohort's points.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param redeemed the points redeemed, &gt;= 0
 * @param issued the points issued, &gt;= 0
 * @param members the members n over which the standard error is computed, &gt;= 0
 * @param standardError the standard error of the rate, NaN when undefined (no points issued, or fewer than
 *     two members)
 */
public record RedemptionRate(long redeemed, long issued, long members, double standardError)
        implements Measure<RedemptionRate> {

    /** Validates the counts. */
    public RedemptionRate {
        Checks.count(redeemed, "redeemed");
        Checks.count(issued, "issued");
        Checks.count(members, "members");
    }

    /** The rate of the members' points {@code redeemed[i]} over {@code issued[i]}, n = {@code members}. */
    static RedemptionRate ofMembers(long[] redeemed, long[] issued, long members) {
        long r = 0;
        long e = 0;
        for (int i = 0; i < redeemed.length; i++) {
            r = Checks.addCounts(r, redeemed[i], "redeemed points");
            e = Checks.addCounts(e, issued[i], "issued points");
        }
        double se = Double.NaN;
        if (e > 0 && members >= 2) {
            double rate = (double) r / e;
            double sum = 0.0;
            for (int i = 0; i < redeemed.length; i++) {
                double residual = redeemed[i] - rate * issued[i];
                sum += residual * residual;
            }
            se = Math.sqrt(members / (members - 1.0) * sum) / e;
        }
        return new RedemptionRate(r, e, members, se);
    }

    /** Whether no points were issued, so that the rate is undefined. */
    @Override
    public boolean isEmpty() {
        return issued == 0;
    }

    /**
     * The rate redeemed / issued.
     *
     * @throws UndefinedResultException if no points were issued
     */
    @Override
    public double value() {
        if (issued == 0) {
            throw new UndefinedResultException("the redemption rate is undefined: no points were issued");
        }
        return (double) redeemed / issued;
    }

    /**
     * The rate with its standard error over members, as an {@link Estimate} (normal).
     *
     * @throws UndefinedResultException if no points were issued or there are fewer than two members
     */
    public Estimate estimate() {
        double value = value();
        if (Double.isNaN(standardError)) {
            throw new UndefinedResultException("the standard error of the redemption rate is undefined: "
                    + members + " member" + (members == 1 ? "" : "s"));
        }
        return Estimate.normal(value, standardError);
    }

    /** The normal interval R ± z SE at {@code confidence}, its lower side clipped at 0. */
    @Override
    public ConfidenceInterval confidenceInterval(double confidence) {
        Estimate estimate = estimate();
        double margin = Distributions.normalCriticalValue(confidence) * standardError;
        return new ConfidenceInterval(Math.max(0.0, estimate.value() - margin), estimate.value() + margin, confidence);
    }

    /** The z test of {@code this − earlier}, two independent sets of members. */
    @Override
    public DifferenceTest differenceFrom(RedemptionRate earlier) {
        Checks.notNull(earlier, "earlier");
        return estimate().differenceFrom(earlier.estimate());
    }

    /** Reads, e.g., {@code "redemption rate 120/400 points (30.00%, SE 0.0412) over 12 members"}. */
    @Override
    public String toString() {
        return "redemption rate " + redeemed + "/" + issued + " points (" + (issued == 0 ? "undefined"
                : Formatting.percent(value()) + (Double.isNaN(standardError) ? "" : ", SE "
                        + Formatting.decimal(standardError, 4))) + ") over " + members + " members";
    }
}
