/**
 * The input types that the KPI families and the models share: a {@link
 * org.loyaltymetrics.data.Transaction} log and its {@link org.loyaltymetrics.data.RfmSummary}; one
 * customer's history for predictions ({@link org.loyaltymetrics.data.PurchaseHistory} in continuous
 * time, {@link org.loyaltymetrics.data.OpportunityHistory} in discrete time, {@link
 * org.loyaltymetrics.data.SpendHistory} of spend); the same for a whole customer base, compressed to
 * weighted distinct rows ({@link org.loyaltymetrics.data.PurchaseHistories}, {@link
 * org.loyaltymetrics.data.OpportunityHistories}, {@link org.loyaltymetrics.data.SpendHistories}); and
 * the survivors of a contractual cohort ({@link org.loyaltymetrics.data.CohortSurvivors}) and one
 * contractual customer's history ({@link org.loyaltymetrics.data.ContractHistory}); customers'
 * time-invariant covariates ({@link org.loyaltymetrics.data.CustomerCovariates}), joined to their
 * purchase histories by customer id, or to data of any other kind ({@link
 * org.loyaltymetrics.data.CovariateRows}).
 *
 * <p>This package depends on no KPI family and no model; they depend on it.
 */
package org.loyaltymetrics.data;
