package org.loyaltymetrics.stats;

import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;

/**
 * A two-sided confidence interval {@code [low, high]} at a confidence level in (0, 1).
 *
 * <p>A bound may be infinite where the data cannot bound the figure on that side, such as the upper
 * bound of a median lifetime whose confidence band never falls below one half during the follow-up
 * (R's {@code survfit} prints it as {@code NA}); {@link #isBounded()} tells. A bound is never NaN.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param low the lower bound, not NaN, below +∞
 * @param high the upper bound, not NaN, above −∞, and not below {@code low}
 * @param confidence the confidence level, in (0, 1)
 */
public record ConfidenceInterval(double low, double high, double confidence) {

    /** Validates the bounds and the level. */
    public ConfidenceInterval {
        if (!(low < Double.POSITIVE_INFINITY)) {
            throw InvalidArgumentException.of("low", "a number below +Infinity", low);
        }
        if (!(high > Double.NEGATIVE_INFINITY)) {
            throw InvalidArgumentException.of("high", "a number above -Infinity", high);
        }
        if (!(low <= high)) {
            throw InvalidArgumentException.of("high", ">= low " + low, high);
        }
        Checks.confidence(confidence);
    }

    /** Whether {@code low <= value <= high}. */
    public boolean contains(double value) {
        return low <= value && value <= high;
    }

    /** Whether both bounds are finite. */
    public boolean isBounded() {
        return Double.isFinite(low) && Double.isFinite(high);
    }

    /** {@code high - low}; infinite if a bound is. */
    public double width() {
        return high - low;
    }

    /** Reads, e.g., {@code "[0.2553, 0.3662] (95%)"}, or {@code "[13.0000, Infinity) (95%)"}. */
    @Override
    public String toString() {
        return (low == Double.NEGATIVE_INFINITY ? "(-Infinity" : "[" + Formatting.decimal(low, 4)) + ", "
                + (high == Double.POSITIVE_INFINITY ? "Infinity)" : Formatting.decimal(high, 4) + "]") + " ("
                + Formatting.confidence(confidence) + ")";
    }
}
