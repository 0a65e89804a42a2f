package org.loyaltymetrics.retention;

import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;

/**
 * The customer churn rate: the share of customers lost over a period. The default definition is
 * L / S, customers lost of the customers at the start (article 001: a gym with 200 members at the
 * start of the year of whom 20 leave has an annual churn rate of 10 %). The {@link Definition}s differ
 * in how customers who joined during the period count; see {@link CustomerCounts#churn(Definition)}.
 *
 * <p>This class also converts a rate between period lengths ({@link #overPeriods(double, double)},
 * assuming a constant rate per period) and gives the expected lifetime implied by a constant churn
 * rate ({@link #expectedLifetime(double)}).
 */
public final class ChurnRate {

    /** How the churn rate treats customers who joined during the period. */
    public enum Definition {
        /** L / S: customers lost of those at the start; customers who joined during the period are ignored (default). */
        LOST_OVER_START,
        /**
         * (L + Lₙ) / (S + N): every customer lost of every customer who was a customer during the
         * period, new ones included, as subscription platforms such as Stripe report subscriber churn.
         */
        LOST_OVER_START_PLUS_NEW,
        /**
         * L / (S + N − Lₙ): customers who joined and left inside the period are excluded from both the
         * numerator and the denominator.
         */
        EXCLUDING_JOINED_AND_LEFT
    }

    private ChurnRate() {
    }

    /**
     * Converts a churn rate per period to the rate over {@code periods} periods, assuming the same
     * rate every period: 1 − (1 − rate)^periods. Monthly churn of 5 % is 1 − 0.95¹² = 45.96 % a year;
     * {@code periods} below 1 converts the other way (an annual 45.96 % over 1/12 year is 5 %).
     *
     * @param rate the churn rate per period, in [0, 1]
     * @param periods the number of periods, finite and &gt; 0
     */
    public static double overPeriods(double rate, double periods) {
        Checks.fraction(rate, "rate");
        Checks.positive(periods, "periods");
        return -Math.expm1(periods * Math.log1p(-rate));
    }

    /**
     * The expected customer lifetime implied by a constant churn rate per period, 1 / rate periods
     * (the mean of the geometric distribution, counting the period in which the customer leaves):
     * 5 % monthly churn means 20 months.
     *
     * @param rate the churn rate per period, in (0, 1]
     * @throws UndefinedResultException if the rate is 0 (customers never leave)
     */
    public static double expectedLifetime(double rate) {
        Checks.fraction(rate, "rate");
        if (rate == 0.0) {
            throw new UndefinedResultException("the expected lifetime is undefined for a churn rate of 0");
        }
        return 1.0 / rate;
    }
}
