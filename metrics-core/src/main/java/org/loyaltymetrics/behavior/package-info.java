/**
 * Purchase and engagement behaviour: the {@link org.loyaltymetrics.behavior.RepeatPurchaseRate}
 * (by customers, by purchases), the {@link org.loyaltymetrics.behavior.UpsellRate} (the telecom KPI guide and
 * the small-business loyalty guide) and the {@link org.loyaltymetrics.behavior.PlanUpgradeRate}, the {@link
 * org.loyaltymetrics.behavior.ReferralRate}, the {@link org.loyaltymetrics.behavior.EmailOpenRate},
 * complaints ({@link org.loyaltymetrics.behavior.ComplaintCounts}, {@link
 * org.loyaltymetrics.behavior.ComplaintRate}, {@link org.loyaltymetrics.behavior.ComplaintLog}),
 * engagement ({@link org.loyaltymetrics.behavior.EngagementScore}, {@link
 * org.loyaltymetrics.behavior.Stickiness}), the {@link org.loyaltymetrics.behavior.CustomerJourneyFunnel}
 * and {@link org.loyaltymetrics.behavior.RfmSegmentation} of an {@link org.loyaltymetrics.data.RfmSummary}.
 *
 * <p>Every rate is a {@link org.loyaltymetrics.stats.Measure}, or offers one as a {@link
 * org.loyaltymetrics.stats.Proportion}: {@code value()}, {@code confidenceInterval(confidence)},
 * {@code later.differenceFrom(earlier)}. Where a metric has several definitions (repeat purchase by
 * customers or by purchases, upsell as a share or a ratio, the monetary score of RFM), a nested
 * {@code Definition} enum names them and its {@code DEFAULT} is what the one-argument methods use.
 *
 * <p>Every accumulator implements {@link org.loyaltymetrics.Accumulator} and combines exactly. Values
 * of events (complaints, e-mails) merge with {@code plus}; values over distinct customers (repeat
 * purchase, upsell, plan upgrade, referral, stickiness, the funnel) do not, since a snapshot no longer
 * knows who was counted: their accumulators combine instead. Transaction logs are read through the
 * input types of {@link org.loyaltymetrics.data}; a purchase is a purchase day of a customer.
 */
package org.loyaltymetrics.behavior;
