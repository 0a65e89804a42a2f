/**
 * The contracts every part of the library shares: the {@link org.loyaltymetrics.Accumulator}
 * contract (add, combine exactly, snapshot; and the collector of any accumulator), and the two
 * exceptions of its error policy: {@link org.loyaltymetrics.InvalidArgumentException} for an
 * argument out of range (naming it), {@link org.loyaltymetrics.UndefinedResultException} for a
 * figure asked of data on which it is undefined (a rate of no customers).
 *
 * <p>Where a figure follows a practitioner's definition, its Javadoc names one of four guides: the
 * <em>telecom KPI guide</em> (seven KPIs a telecom brand should track: engagement, repurchase rate,
 * CLV, the three-question loyalty score, upsell, retention, churn), the <em>loyalty and retention
 * guide</em> (NPS, churn, the customer journey, repeat purchase and referral rates), the
 * <em>small-business loyalty guide</em> (historical CLV, retention, repeat purchase and upsell rates
 * as shares of purchases) and the <em>customer-experience metrics guide</em> (CSAT, CES, CLV net of
 * acquisition cost, complaints, engagement, referral rate). Where they differ, each reading is a
 * named {@code Definition}. Intervals, tests and models cite their papers.
 *
 * <p>This package depends on nothing but {@code java.base}; every other package may use it.
 */
package org.loyaltymetrics;
