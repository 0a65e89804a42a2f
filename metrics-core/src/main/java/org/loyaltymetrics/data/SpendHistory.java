package org.loyaltymetrics.data;

import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Formatting;

/**
 * One repeat customer's spend, what the Gamma-Gamma model conditions its expected average spend on:
 * the number x ≥ 1 of repeat transactions with a positive value and their mean value z̄ &gt; 0, in
 * major units of a currency. See {@link SpendHistories} for the rule on zero values.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param frequency x, the repeat transactions with a value, &gt;= 1
 * @param meanSpend z̄, their mean value, finite and &gt; 0
 */
public record SpendHistory(long frequency, double meanSpend) {

    /** Validates the history. */
    public SpendHistory {
        if (frequency < 1) {
            throw InvalidArgumentException.of("frequency", ">= 1 for a spend observation (customers without "
                    + "repeat transactions of positive value carry no spend data)", frequency);
        }
        if (!(meanSpend > 0.0 && meanSpend < Double.POSITIVE_INFINITY)) {
            throw InvalidArgumentException.of("meanSpend", "finite and > 0 (leave zero-value transactions out "
                    + "of the spend data)", meanSpend);
        }
    }

    /**
     * The spend of a customer with {@code frequency} repeat transactions of mean value {@code meanSpend}.
     *
     * @throws InvalidArgumentException if it breaks a rule
     */
    public static SpendHistory of(long frequency, double meanSpend) {
        return new SpendHistory(frequency, meanSpend);
    }

    /** Reads, e.g., {@code "x = 4, mean spend 35.08"}. */
    @Override
    public String toString() {
        return "x = " + frequency + ", mean spend " + Formatting.decimal(meanSpend, 2);
    }
}
