package org.loyaltymetrics.retention;

/**
 * The customer retention rate (CRR): the share of customers kept over a period. Three named
 * definitions, computed by {@link CustomerCounts#retentionRate(Definition)}; the default is article
 * 000's CRR = (E − N) / S from customers at the end E, new customers N and customers at the start S.
 */
public final class RetentionRate {

    /** The definitions of the retention rate. */
    public enum Definition {
        /**
         * (E − N) / S (article 000, default). Since E − N = S − L − Lₙ, new customers who left within
         * the period are subtracted too, so it is below 1 − churn when any did.
         */
        END_MINUS_NEW_OVER_START,
        /** 1 − L / S: the share of customers at the start who are still customers at the end. */
        ONE_MINUS_CHURN,
        /** E / S (article 002): customers at the end over customers at the start; exceeds 1 when the base grows. */
        END_OVER_START
    }

    private RetentionRate() {
    }
}
