/**
 * The vocabulary of uncertainty every KPI shares: {@link org.loyaltymetrics.stats.Measure} (a
 * headline figure with {@code value()}, {@code confidenceInterval(confidence)} and
 * {@code later.differenceFrom(earlier)}), {@link org.loyaltymetrics.stats.Proportion} (a rate with its
 * Wilson score interval and the two-proportion z test), {@link org.loyaltymetrics.stats.ProportionMeasure}
 * (a measure that is one proportion under a definition), {@link org.loyaltymetrics.stats.Estimate} (a
 * figure with its standard error, normal or Student's t intervals, Welch's test), {@link
 * org.loyaltymetrics.stats.ConfidenceInterval}, {@link org.loyaltymetrics.stats.DifferenceTest} and {@link
 * org.loyaltymetrics.stats.ChiSquareTest} (a χ² statistic with its degrees of freedom and p-value).
 */
package org.loyaltymetrics.stats;
