package org.loyaltymetrics.data;

import org.loyaltymetrics.InvalidArgumentException;

/**
 * One customer's history in discrete time, what the BG/BB model conditions its predictions on: the
 * number n of transaction opportunities after the first transaction (such as annual fund-raising
 * drives), the <em>frequency</em> x (opportunities taken) and the <em>recency</em> tₓ (the last
 * opportunity taken, 0 if none).
 *
 * <p>Rules: n ≥ 1; 0 ≤ x ≤ tₓ ≤ n; x = 0 exactly when tₓ = 0.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param frequency x, the opportunities taken
 * @param recency tₓ, the last opportunity taken (0 if none)
 * @param opportunities n, the opportunities after the first transaction, &gt;= 1
 */
public record OpportunityHistory(long frequency, long recency, long opportunities) {

    /** Validates the history against the rules. */
    public OpportunityHistory {
        if (opportunities < 1) {
            throw InvalidArgumentException.of("opportunities", ">= 1", opportunities);
        }
        if (recency < 0 || recency > opportunities) {
            throw InvalidArgumentException.of("recency", "in 0.." + opportunities + " (opportunities)", recency);
        }
        if (frequency < 0 || frequency > recency) {
            throw InvalidArgumentException.of("frequency", "in 0.." + recency + " (recency)", frequency);
        }
        if (frequency == 0 && recency != 0) {
            throw InvalidArgumentException.of("recency", "0 when frequency is 0", recency);
        }
    }

    /**
     * The history with frequency x, recency tₓ and n opportunities.
     *
     * @throws InvalidArgumentException if it breaks a rule
     */
    public static OpportunityHistory of(long frequency, long recency, long opportunities) {
        return new OpportunityHistory(frequency, recency, opportunities);
    }

    /** Reads, e.g., {@code "x = 3, t_x = 5 of n = 6 opportunities"}. */
    @Override
    public String toString() {
        return "x = " + frequency + ", t_x = " + recency + " of n = " + opportunities + " opportunities";
    }
}
