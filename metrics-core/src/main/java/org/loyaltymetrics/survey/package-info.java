/**
 * Experience KPIs from survey answers: the Net Promoter Score ({@link
 * org.loyaltymetrics.survey.NetPromoterScore}), customer satisfaction ({@link
 * org.loyaltymetrics.survey.CustomerSatisfactionScore}), customer effort ({@link
 * org.loyaltymetrics.survey.CustomerEffortScore}) and the three-question customer loyalty score
 * ({@link org.loyaltymetrics.survey.CustomerLoyaltyScore}).
 *
 * <p>Each of the four is a {@link org.loyaltymetrics.stats.Measure}: {@code value()} is its headline
 * figure (the NPS on −100..100, the CSAT top-box share, the mean effort answer, the loyalty index),
 * {@code confidenceInterval(confidence)} its interval by the default method (the NPS adds
 * {@code confidenceInterval(confidence, IntervalMethod)}), and {@code later.differenceFrom(earlier)}
 * the test of a change. Their sub-figures are measures too: shares are
 * {@link org.loyaltymetrics.stats.Proportion}s, mean ratings {@link org.loyaltymetrics.stats.Estimate}s.
 * Variants are explicit, each with a documented {@code DEFAULT}: what is counted is a
 * {@code Definition} (CSAT's satisfied band, CES's scale, orientation and easy band, the loyalty
 * index's average), how the interval is computed an {@code IntervalMethod}.
 *
 * <p>Every single-question KPI is derived from a {@link org.loyaltymetrics.survey.ResponseTally}, the
 * count of answers at each point of a {@link org.loyaltymetrics.survey.RatingScale}; a {@link
 * org.loyaltymetrics.survey.SurveyMetric} defines how (NPS thresholds, satisfied top boxes, effort
 * orientation). Tallies add exactly, so {@link org.loyaltymetrics.survey.SurveyAccumulator}s,
 * collectors, {@link org.loyaltymetrics.survey.SurveyBreakdown}s per segment and {@link
 * org.loyaltymetrics.survey.SurveySeries} per calendar period (every accumulator an
 * {@link org.loyaltymetrics.Accumulator}) combine across threads and partitions as if all answers had
 * been seen in one pass; breakdowns and series print their grids with {@code toTable()}.
 */
package org.loyaltymetrics.survey;
