/**
 * Experience KPIs from survey answers: the Net Promoter Score ({@link
 * org.loyaltymetrics.survey.NetPromoterScore}), customer satisfaction ({@link
 * org.loyaltymetrics.survey.CustomerSatisfactionScore}), customer effort ({@link
 * org.loyaltymetrics.survey.CustomerEffortScore}) and the three-question customer loyalty score
 * ({@link org.loyaltymetrics.survey.CustomerLoyaltyScore}).
 *
 * <p>Every single-question KPI is derived from a {@link org.loyaltymetrics.survey.ResponseTally}, the
 * count of answers at each point of a {@link org.loyaltymetrics.survey.RatingScale}; a {@link
 * org.loyaltymetrics.survey.SurveyMetric} defines how (NPS thresholds, satisfied top boxes, effort
 * orientation). Tallies add exactly, so {@link org.loyaltymetrics.survey.SurveyAccumulator}s,
 * collectors, {@link org.loyaltymetrics.survey.SurveyBreakdown}s per segment and {@link
 * org.loyaltymetrics.survey.SurveySeries} per calendar period combine across threads and
 * partitions as if all answers had been seen in one pass.
 */
package org.loyaltymetrics.survey;
