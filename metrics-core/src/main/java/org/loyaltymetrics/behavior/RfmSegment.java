package org.loyaltymetrics.behavior;

import org.loyaltymetrics.InvalidArgumentException;

/**
 * The named customer segments of RFM analysis, assigned from a customer's recency score R and
 * frequency score F (each 1–5, 5 best: most recent, most frequent) by the R × F grid that RFM
 * practice commonly uses (the monetary score is reported beside it but does not change the segment):
 *
 * <pre>
 *          F = 1          F = 2 .. 3            F = 4 .. 5
 * R = 5    NEW_CUSTOMERS  POTENTIAL_LOYALISTS   CHAMPIONS
 * R = 4    PROMISING      POTENTIAL_LOYALISTS   LOYAL_CUSTOMERS
 * R = 3    ABOUT_TO_SLEEP (F 1..2), NEED_ATTENTION (F 3), LOYAL_CUSTOMERS (F 4..5)
 * R = 1..2 HIBERNATING (F 1..2), AT_RISK (F 3..4), CANNOT_LOSE_THEM (F 5)
 * </pre>
 */
public enum RfmSegment {
    /** Bought recently and often (R 5, F 4–5). */
    CHAMPIONS,
    /** Buy often, fairly recently (R 3–4, F 4–5). */
    LOYAL_CUSTOMERS,
    /** Recent customers with a few purchases (R 4–5, F 2–3). */
    POTENTIAL_LOYALISTS,
    /** Bought very recently, once so far (R 5, F 1). */
    NEW_CUSTOMERS,
    /** Bought recently, once (R 4, F 1). */
    PROMISING,
    /** Middling recency and frequency (R 3, F 3). */
    NEED_ATTENTION,
    /** Middling recency, few purchases (R 3, F 1–2). */
    ABOUT_TO_SLEEP,
    /** Bought often, but long ago (R 1–2, F 3–4). */
    AT_RISK,
    /** Bought most often, but long ago (R 1–2, F 5). */
    CANNOT_LOSE_THEM,
    /** Few purchases, long ago (R 1–2, F 1–2). */
    HIBERNATING;

    /**
     * The segment of recency score {@code r} and frequency score {@code f}.
     *
     * @throws InvalidArgumentException if a score is not in 1..5
     */
    public static RfmSegment of(int r, int f) {
        checkScore(r, "r");
        checkScore(f, "f");
        switch (r) {
            case 5:
                return f == 1 ? NEW_CUSTOMERS : f <= 3 ? POTENTIAL_LOYALISTS : CHAMPIONS;
            case 4:
                return f == 1 ? PROMISING : f <= 3 ? POTENTIAL_LOYALISTS : LOYAL_CUSTOMERS;
            case 3:
                return f <= 2 ? ABOUT_TO_SLEEP : f == 3 ? NEED_ATTENTION : LOYAL_CUSTOMERS;
            default:
                return f <= 2 ? HIBERNATING : f <= 4 ? AT_RISK : CANNOT_LOSE_THEM;
        }
    }

    static void checkScore(int score, String name) {
        if (score < 1 || score > 5) {
            throw InvalidArgumentException.of(name, "a score in 1..5", score);
        }
    }
}
