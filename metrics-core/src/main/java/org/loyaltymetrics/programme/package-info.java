/**
 * Loyalty programmes: the points ledger (earn, burn, expire, adjust per member, in exact {@code long}
 * points), its balances and flows per period, the redemption rate over a period and by issue cohort,
 * breakage (observed for closed cohorts, estimated for open ones from the time from issue to redemption)
 * and the outstanding liability, with intervals; membership (enrolment and active-member rates, members'
 * churn and retention), punch-card and threshold rewards ({@link org.loyaltymetrics.programme.PointsLedger}),
 * tiers ({@link org.loyaltymetrics.programme.TierHistory}, {@link org.loyaltymetrics.programme.TierMigration})
 * and member uplift ({@link org.loyaltymetrics.programme.MemberUplift}, with its caveat of self-selection).
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Points are exact {@code long}s; a member's balance that would overflow is an
 *       {@link org.loyaltymetrics.InvalidArgumentException} naming the member and line, totals over
 *       members that overflow an {@link ArithmeticException}.
 *   <li>Burns, expiries and negative adjustments take points from a member's oldest lots first (FIFO),
 *       which gives every point an issue date and a fate: see {@link org.loyaltymetrics.programme.PointsLedger}.
 *   <li>As-of dates are inclusive (the events of the as-of day count); periods {@code [from, to)} exclude
 *       {@code to}.
 *   <li>Rates are {@link org.loyaltymetrics.stats.Measure}s: {@link org.loyaltymetrics.programme.RedemptionRate}
 *       (a ratio of points with its standard error over members), {@link org.loyaltymetrics.programme.Breakage}
 *       (a bootstrap over members); member counts are {@link org.loyaltymetrics.stats.Proportion}s.
 * </ul>
 *
 * <p>This package uses the foundation packages, {@code data} and {@code retention} (members' churn and
 * retention are the retention package's figures); nothing uses it.
 */
package org.loyaltymetrics.programme;
