package org.loyaltymetrics.data;

import org.loyaltymetrics.InvalidArgumentException;

/**
 * One contractual customer's history, what the shifted-beta-geometric model of an individual customer
 * conditions on: the periods observed and whether the last of them ended the contract. A customer lost
 * in period t ≥ 1 (renewed t − 1 times, then did not renew) is {@code lost(t)}; a customer who has
 * renewed through n ≥ 0 periods and is still active (censored) is {@code active(n)}. A cohort's
 * {@link CohortSurvivors} counts the same facts without telling the customers apart.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param periods t, the period of loss (&gt;= 1) when {@code lost}; else n, the periods survived (&gt;= 0)
 * @param lost whether the customer was lost in period {@code periods}
 */
public record ContractHistory(long periods, boolean lost) {

    /** Validates the history. */
    public ContractHistory {
        if (lost ? periods < 1 : periods < 0) {
            throw InvalidArgumentException.of("periods", lost ? ">= 1 for a customer lost in that period"
                    : ">= 0 for an active customer", periods);
        }
    }

    /**
     * A customer lost in period {@code period} (renewed {@code period} − 1 times).
     *
     * @throws InvalidArgumentException if {@code period} is not &gt;= 1
     */
    public static ContractHistory lostIn(long period) {
        return new ContractHistory(period, true);
    }

    /**
     * A customer still active after {@code periods} periods (censored).
     *
     * @throws InvalidArgumentException if {@code periods} is negative
     */
    public static ContractHistory activeAfter(long periods) {
        return new ContractHistory(periods, false);
    }

    /** Reads, e.g., {@code "lost in period 3"} or {@code "active after 5 periods"}. */
    @Override
    public String toString() {
        return lost ? "lost in period " + periods : "active after " + periods + (periods == 1 ? " period" : " periods");
    }
}
