/**
 * Customer lifetime value: {@link org.loyaltymetrics.value.HistoricalCustomerLifetimeValue}, the
 * revenue or margin each customer has brought to date, exact {@link org.loyaltymetrics.money.Money} in
 * one currency, with an accumulator that combines exactly; and {@link
 * org.loyaltymetrics.value.CustomerLifetimeValue} by formula (simple, retention-based over an infinite
 * or finite horizon, SaaS LTV), LTV:CAC and the CAC payback, model-based estimates in {@code double}.
 * Lifetime values predicted by fitted models are in {@link org.loyaltymetrics.model}.
 *
 * <p>This package reads transaction logs and RFM summaries through the input types of {@link
 * org.loyaltymetrics.data}; it imports nothing from {@link org.loyaltymetrics.behavior}.
 */
package org.loyaltymetrics.value;
