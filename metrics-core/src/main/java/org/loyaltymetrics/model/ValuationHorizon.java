package org.loyaltymetrics.model;

import java.time.temporal.ChronoUnit;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.TimeUnits;

/**
 * The horizon and discounting of a customer lifetime value: {@code periods} periods of one
 * {@code periodUnit} each, cash flows discounted at {@code discountRate} per period, each period's
 * value discounted from its end, 1/(1 + d)ⁱ for period i. The unit is explicit, and a model converts
 * it to the unit of its own data, so 12 MONTHS is 12 months whether the model was fitted in days or
 * in weeks: the trap of reading weeks of data as days cannot happen.
 *
 * <p>An annual rate converts to a monthly one as (1 + annual)^(1/12) − 1.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param periods the number of periods, &gt;= 1
 * @param periodUnit the length of one period, not FOREVER
 * @param discountRate the discount rate per period, finite and &gt;= 0 (0.01 is 1 % per period)
 */
public record ValuationHorizon(int periods, ChronoUnit periodUnit, double discountRate) {

    /** Validates the components. */
    public ValuationHorizon {
        if (periods < 1) {
            throw new IllegalArgumentException("periods must be >= 1, was " + periods);
        }
        TimeUnits.check(periodUnit, "periodUnit");
        Checks.nonNegative(discountRate, "discountRate");
    }

    /** {@code periods} periods of {@code periodUnit}, discounted at {@code discountRate} per period. */
    public static ValuationHorizon of(int periods, ChronoUnit periodUnit, double discountRate) {
        return new ValuationHorizon(periods, periodUnit, discountRate);
    }
}
