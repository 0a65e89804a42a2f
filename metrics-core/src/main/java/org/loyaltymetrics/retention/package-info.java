/**
 * Retention and churn: customer counts over a period, churn and retention rates with their
 * variants, renewal rates, Kaplan–Meier survival of customer lifetimes, cohort retention tables and
 * recurring-revenue (MRR) movements.
 *
 * <h2>Date conventions</h2>
 * <ul>
 *   <li>A customer record is a start date and an optional end date. The <b>start</b> is the first
 *       day as a customer. The <b>end</b> is the first day no longer a customer (exclusive, as in
 *       {@code java.time} ranges); absent while the customer is still a customer. A customer is
 *       active on day {@code d} when {@code start <= d < end}. An end equal to the start (joined and
 *       left the same day) is allowed; an end before the start is an error.
 *   <li>A period runs from its first day {@code from} to {@code to}, exclusive: it covers the days
 *       {@code from .. to − 1}, as {@link org.loyaltymetrics.time.CalendarPeriod} does.
 *   <li>A customer is <b>at a boundary</b> {@code b} (the start or the end of a period) when
 *       {@code start < b < end}: a customer whose start is {@code b} is new in the period that
 *       begins at {@code b}, and a customer whose end is {@code b} was lost in the period that ends
 *       at {@code b}. So, for a period {@code [from, to)}:
 *       customers at the start S: {@code start < from < end};
 *       customers at the end E: {@code start < to < end};
 *       new customers N: {@code from <= start < to};
 *       lost customers L (of those at the start): {@code start < from < end <= to};
 *       new customers lost within the period: {@code from <= start < to} and {@code end <= to}.
 *       Hence E = S − L + N − (new customers lost), and over consecutive periods every loss is
 *       counted exactly once.
 * </ul>
 *
 * <p>Each record is one customer relationship: a customer who leaves and comes back with a second
 * record is counted in each.
 *
 * <h2>Vocabulary</h2>
 * <ul>
 *   <li>Rates are measures ({@link org.loyaltymetrics.stats.Measure}): {@link ChurnRate} and
 *       {@link RetentionRate} under a nested {@code Definition} with a documented {@code DEFAULT},
 *       survival at a time ({@link SurvivalCurve.Point}); each gives {@code value()},
 *       {@code confidenceInterval(confidence)} and {@code later.differenceFrom(earlier)}. The median
 *       lifetime ({@link SurvivalCurve.Median}) has an interval whose upper side may be infinite.
 *   <li>Every accumulator implements {@link org.loyaltymetrics.Accumulator} and every value has a
 *       {@code collector(...)}. Values that are exact sufficient statistics merge with
 *       {@code plus(other)}: {@link CustomerCounts}, {@link ChurnSeries}, {@link RenewalRate},
 *       {@link SurvivalCurve} and the {@link MrrMovements} of one month over disjoint accounts.
 *       {@link CohortTable} and {@link RevenueRetention} count distinct users and accounts over their
 *       histories and cannot: combine their accumulators instead.
 *   <li>MRR amounts are {@link org.loyaltymetrics.money.Money} of one currency; grids come from
 *       {@code toTable()}, and {@code toString()} is one line.
 * </ul>
 */
package org.loyaltymetrics.retention;
