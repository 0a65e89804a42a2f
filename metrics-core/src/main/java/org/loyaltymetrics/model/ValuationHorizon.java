package org.loyaltymetrics.model;

import java.io.Serializable;
import java.time.temporal.ChronoUnit;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
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
public record ValuationHorizon(int periods, ChronoUnit periodUnit, double discountRate) implements Serializable {

    /** Validates the components, as {@link #of(int, ChronoUnit, double)} says. */
    public ValuationHorizon {
        if (periods < 1) {
            throw InvalidArgumentException.of("periods", ">= 1", periods);
        }
        TimeUnits.check(periodUnit, "periodUnit");
        Checks.nonNegative(discountRate, "discountRate");
    }

    /**
     * {@code periods} periods of {@code periodUnit}, discounted at {@code discountRate} per period.
     *
     * @throws InvalidArgumentException if {@code periods} is not &gt;= 1, {@code periodUnit} is FOREVER or
     *     {@code discountRate} is negative or not finite
     */
    public static ValuationHorizon of(int periods, ChronoUnit periodUnit, double discountRate) {
        return new ValuationHorizon(periods, periodUnit, discountRate);
    }

    /** Reads, e.g., {@code "12 months, discounted at 1.00% per period"}. */
    @Override
    public String toString() {
        return periods + " " + TimeUnits.name(periodUnit) + ", discounted at " + Formatting.percent(discountRate)
                + " per period";
    }
}
