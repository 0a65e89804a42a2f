package org.loyaltymetrics.stats;

import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;

/**
 * A two-sided confidence interval {@code [low, high]} at a confidence level in (0, 1).
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param low the lower bound, finite
 * @param high the upper bound, finite and not below {@code low}
 * @param confidence the confidence level, in (0, 1)
 */
public record ConfidenceInterval(double low, double high, double confidence) {

    /** Validates the bounds and the level. */
    public ConfidenceInterval {
        Checks.finite(low, "low");
        Checks.finite(high, "high");
        if (!(low <= high)) {
            throw new IllegalArgumentException("high must be >= low " + low + ", was " + high);
        }
        Checks.confidence(confidence);
    }

    /** Whether {@code low <= value <= high}. */
    public boolean contains(double value) {
        return low <= value && value <= high;
    }

    /** {@code high - low}. */
    public double width() {
        return high - low;
    }

    /** Reads, e.g., {@code "[0.2553, 0.3662] (95%)"}. */
    @Override
    public String toString() {
        return "[" + Formatting.decimal(low, 4) + ", " + Formatting.decimal(high, 4) + "] ("
                + Formatting.confidence(confidence) + ")";
    }
}
