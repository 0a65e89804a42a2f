package org.loyaltymetrics.retention;

import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Proportion;
import org.loyaltymetrics.stats.ProportionMeasure;

/**
 * The customer churn rate of a period: the share of customers lost, under one of three
 * {@link Definition}s that differ in how customers who joined during the period count. The default
 * is L / S, customers lost of the customers at the start (the loyalty and retention guide: a gym with 200 members at
 * the start of the year of whom 20 leave has an annual churn rate of 10 %). Every definition is a
 * {@link Proportion} of customers lost: its interval is Wilson's, and the change between two periods
 * is the pooled two-proportion z test.
 *
 * <p>Get one from {@link CustomerCounts#churnRate()} or {@link CustomerCounts#churnRate(Definition)}, or
 * from the proportion of customers lost that a definition counts.
 * A churn rate of no customers exists (an empty period), reports {@link #isEmpty()} and throws
 * {@link UndefinedResultException} for every figure.
 *
 * <p>The static helpers convert a rate between period lengths ({@link #overPeriods(double, double)},
 * assuming a constant rate per period) and give the expected lifetime implied by a constant churn
 * rate ({@link #expectedLifetime(double)}).
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param definition the definition the rate is computed under
 * @param proportion the customers lost of the customers counted under {@code definition}
 */
public record ChurnRate(Definition definition, Proportion proportion) implements ProportionMeasure<ChurnRate> {

    private static final double SMALLEST_RATE_WITH_A_FINITE_LIFETIME = smallestRateWithAFiniteLifetime();

    /** How the churn rate treats customers who joined during the period. */
    public enum Definition {
        /** L / S: customers lost of those at the start; customers who joined during the period are ignored. */
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
        EXCLUDING_JOINED_AND_LEFT;

        /** The default, {@link #LOST_OVER_START}: the textbook churn rate L / S. */
        public static final Definition DEFAULT = LOST_OVER_START;
    }

    /** Validates the components. */
    public ChurnRate {
        Checks.notNull(definition, "definition");
        Checks.notNull(proportion, "proportion");
    }

    /**
     * Tests the change {@code this − earlier} with the pooled two-proportion z test (see
     * {@link Proportion#differenceFrom(Proportion)}): {@code march.differenceFrom(february)}.
     *
     * @throws InvalidArgumentException if {@code earlier} has another definition
     * @throws UndefinedResultException if either rate counted no customer, or both are 0 or both 1
     */
    @Override
    public DifferenceTest differenceFrom(ChurnRate earlier) {
        Checks.notNull(earlier, "earlier");
        Checks.sameSetting(definition, earlier.definition, "earlier", "definition");
        return proportion.differenceFrom(earlier.proportion);
    }

    /**
     * Converts a churn rate per period to the rate over {@code periods} periods, assuming the same
     * rate every period: 1 − (1 − rate)^periods. Monthly churn of 5 % is 1 − 0.95¹² = 45.96 % a year;
     * {@code periods} below 1 converts the other way (an annual 45.96 % over 1/12 year is 5 %).
     *
     * <p>Computed as −expm1(periods · log1p(−rate)), accurate for tiny rates and short periods; the result
     * is in [0, 1], and 0 is +0.0 (a rate of −0.0 is read as 0).
     *
     * @param rate the churn rate per period, in [0, 1]
     * @param periods the number of periods, finite and &gt; 0
     * @throws InvalidArgumentException if an argument is out of range
     */
    public static double overPeriods(double rate, double periods) {
        Checks.fraction(rate, "rate");
        Checks.positive(periods, "periods");
        // + 0.0 turns the −0.0 of a rate of −0.0 (log1p(0) · periods = +0.0, negated) into +0.0
        return -Math.expm1(periods * Math.log1p(-rate)) + 0.0;
    }

    /**
     * The expected customer lifetime implied by a constant churn rate per period, 1 / rate periods
     * (the mean of the geometric distribution, counting the period in which the customer leaves):
     * 5 % monthly churn means 20 months.
     *
     * @param rate the churn rate per period, in (0, 1], and above 1 / {@link Double#MAX_VALUE}
     *     (about 5.6e-309) so that the lifetime is finite
     * @throws InvalidArgumentException if the rate is not in [0, 1], or is a positive rate so small
     *     (below 1 / {@link Double#MAX_VALUE}, a subnormal double) that 1 / rate overflows a double
     * @throws UndefinedResultException if the rate is 0 (customers never leave)
     */
    public static double expectedLifetime(double rate) {
        Checks.fraction(rate, "rate");
        if (rate == 0.0) {
            throw new UndefinedResultException("the expected lifetime is undefined for a churn rate of 0");
        }
        if (rate < SMALLEST_RATE_WITH_A_FINITE_LIFETIME) {
            throw InvalidArgumentException.of("rate", "0 or at least " + SMALLEST_RATE_WITH_A_FINITE_LIFETIME
                    + " for the expected lifetime 1 / rate to be a finite double", rate);
        }
        return 1.0 / rate;
    }

    /** The smallest double whose reciprocal is finite (just above 1 / Double.MAX_VALUE, a subnormal). */
    private static double smallestRateWithAFiniteLifetime() {
        double rate = 1.0 / Double.MAX_VALUE;
        while (1.0 / rate == Double.POSITIVE_INFINITY) {
            rate = Math.nextUp(rate);
        }
        return rate;
    }

    /** Reads, e.g., {@code "churn 20/200 (10.00%), LOST_OVER_START"}. */
    @Override
    public String toString() {
        return "churn " + proportion + ", " + definition;
    }
}
