/**
 * Churn prediction: survival regression of customers' lifetimes on their traits, to say who is likely
 * to churn, how likely, and why.
 *
 * <ul>
 *   <li>{@link org.loyaltymetrics.churn.SurvivalData}: the input, survival rows (one per customer, or
 *       counting-process rows (start, stop] for covariates that change) with named numeric covariates,
 *       categorical ones as indicator columns, weights, strata and customer ids; built from arrays, row by
 *       row, or from a table of customers with start and end dates
 *       ({@link org.loyaltymetrics.churn.SurvivalData#customerTable}).</li>
 *   <li>{@link org.loyaltymetrics.churn.CoxModel}: the Cox proportional-hazards model (Efron or Breslow
 *       ties), its coefficient table with hazard ratios, robust variance, Wald, likelihood-ratio and score
 *       tests, baseline hazard, per-customer survival and churn probability, concordance, and the
 *       {@link org.loyaltymetrics.churn.ProportionalHazardsTest} (R's {@code cox.zph}).</li>
 *   <li>{@link org.loyaltymetrics.churn.AftModel}: parametric accelerated-failure-time models (Weibull,
 *       log-normal, log-logistic; R's {@code survreg}) with time ratios, scale strata, robust variance, and
 *       per-customer survival, churn probability, quantiles, mean and expected remaining lifetime.</li>
 *   <li>{@link org.loyaltymetrics.churn.SurvivalRegression}: what every fitted churn regression offers
 *       (coefficients, covariance, risk score, survival, churn probability, concordance).</li>
 *   <li>The evaluation of churn scores of any such model, on its data or a holdout:
 *       {@link org.loyaltymetrics.churn.Concordance} (Harrell's C with its standard error),
 *       {@link org.loyaltymetrics.churn.BrierScore} (at a horizon, with inverse-probability-of-censoring
 *       weights, and integrated over a grid) and {@link org.loyaltymetrics.churn.CalibrationTable}
 *       (predicted against observed churn by decile of risk).</li>
 *   <li>{@link org.loyaltymetrics.churn.ChurnScorer}: scores customers one at a time, without allocating, at
 *       a horizon: churn probability, risk score, relative risk, restricted mean lifetime.</li>
 * </ul>
 *
 * <p>The nonparametric descriptions of lifetimes (Kaplan–Meier, Nelson–Aalen, the log-rank test) are in
 * {@code org.loyaltymetrics.retention}; the models of a contractual cohort's retention (sBG, BdW, several
 * cohorts jointly) are in {@code org.loyaltymetrics.model}.
 */
package org.loyaltymetrics.churn;
