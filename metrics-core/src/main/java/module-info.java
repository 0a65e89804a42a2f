/**
 * Loyalty Metrics: customer loyalty, retention and experience KPIs with exact-combining
 * accumulators and honest uncertainty.
 *
 * <p>The module has no dependency beyond {@code java.base}. It exports the API packages only (see
 * ARCHITECTURE.md for each one's job); the internals ({@code org.loyaltymetrics.internal},
 * {@code org.loyaltymetrics.internal.optim}) are not exported.
 */
module org.loyaltymetrics.core {
    exports org.loyaltymetrics;
    exports org.loyaltymetrics.behavior;
    exports org.loyaltymetrics.churn;
    exports org.loyaltymetrics.data;
    exports org.loyaltymetrics.model;
    exports org.loyaltymetrics.programme;
    exports org.loyaltymetrics.money;
    exports org.loyaltymetrics.retention;
    exports org.loyaltymetrics.stats;
    exports org.loyaltymetrics.survey;
    exports org.loyaltymetrics.table;
    exports org.loyaltymetrics.time;
    exports org.loyaltymetrics.value;
}
