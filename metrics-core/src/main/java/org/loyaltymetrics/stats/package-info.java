/**
 * The statistics shared by every KPI: {@link org.loyaltymetrics.stats.Proportion} (a rate with its
 * Wilson score interval and the two-proportion z test), {@link org.loyaltymetrics.stats.Estimate}
 * (a figure with its standard error, normal or Student's t intervals, Welch's test), {@link
 * org.loyaltymetrics.stats.ConfidenceInterval}, {@link org.loyaltymetrics.stats.DifferenceTest}, and
 * {@link org.loyaltymetrics.stats.UndefinedResultException}, the library's single policy for
 * figures that are undefined on their data.
 */
package org.loyaltymetrics.stats;
