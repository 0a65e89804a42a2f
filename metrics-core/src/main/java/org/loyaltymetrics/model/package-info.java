/**
 * Probabilistic models of customer bases, fitted by maximum likelihood to the sufficient statistics
 * of {@code org.loyaltymetrics.data}, and their predictions for one customer's history.
 *
 * <ul>
 *   <li>Non-contractual, continuous time ({@link org.loyaltymetrics.model.TransactionModel}): the
 *       BG/NBD ({@link org.loyaltymetrics.model.BetaGeometricNbdModel}; Fader, Hardie &amp; Lee
 *       2005), the MBG/NBD ({@link org.loyaltymetrics.model.ModifiedBetaGeometricNbdModel}; Batislam,
 *       Denizel &amp; Filiztekin 2007), the Pareto/NBD ({@link org.loyaltymetrics.model.ParetoNbdModel};
 *       Schmittlein, Morrison &amp; Colombo 1987) and the GGom/NBD ({@link
 *       org.loyaltymetrics.model.GammaGompertzNbdModel}; Bemmaor &amp; Glady 2012), fitted to {@code PurchaseHistories} and predicting
 *       for a {@code PurchaseHistory}: expected purchases, the probability of being alive (now and
 *       later), the distribution of purchases (unconditional and given the history) and its
 *       {@link org.loyaltymetrics.model.PredictionInterval}; the Pareto/NBD's DERT. The Pareto/NBD with
 *       time-invariant covariates ({@link org.loyaltymetrics.model.ParetoNbdCovariateModel}, CLVTools'
 *       parametrisation), fitted to histories joined to {@code CustomerCovariates}.</li>
 *   <li>Non-contractual, discrete time: the BG/BB ({@link
 *       org.loyaltymetrics.model.BetaGeometricBetaBinomialModel}; Fader, Hardie &amp; Shang 2010),
 *       fitted to {@code OpportunityHistories}, predicting for an {@code OpportunityHistory}.</li>
 *   <li>Spend: the Gamma-Gamma model ({@link org.loyaltymetrics.model.GammaGammaModel}; Fader, Hardie
 *       &amp; Lee 2005), fitted to {@code SpendHistories}, predicting a customer's expected average
 *       spend and, with a transaction model, the lifetime value over a {@link
 *       org.loyaltymetrics.model.ValuationHorizon}.</li>
 *   <li>Contractual ({@link org.loyaltymetrics.model.ContractualRetentionModel}): the
 *       shifted-beta-geometric model ({@link org.loyaltymetrics.model.ShiftedBetaGeometricModel}; Fader
 *       &amp; Hardie 2007) and the beta-discrete-Weibull model ({@link
 *       org.loyaltymetrics.model.BetaDiscreteWeibullModel}; Fader, Hardie, Liu, Davin &amp; Steenburgh
 *       2018), fitted to a cohort's {@code CohortSurvivors}, or jointly to several cohorts with shared or
 *       per-cohort parameters ({@link org.loyaltymetrics.model.MultiCohortRetentionModel}), projecting
 *       survival and retention and valuing customers by their discounted expected residual lifetime.</li>
 * </ul>
 *
 * <p>Whether a transaction model fits: {@link org.loyaltymetrics.model.HoldoutEvaluation} compares its
 * predictions for a holdout period with what the customers did (per customer, per frequency class,
 * period by period), {@link org.loyaltymetrics.model.ChiSquareGoodnessOfFit} tests its calibration
 * frequency histogram, {@link org.loyaltymetrics.model.LikelihoodRatioTest} tests nested fits, and
 * {@link org.loyaltymetrics.model.ModelComparison} ranks the three models on a holdout.
 *
 * <p>Every fit is deterministic and reports its facts in a {@link org.loyaltymetrics.model.ModelFit}
 * (parameters, standard errors, log-likelihood, convergence; a {@code Table} of estimates with
 * intervals); a fit that fails throws {@link org.loyaltymetrics.model.ModelFitException} saying what
 * to try. {@link org.loyaltymetrics.model.FitOptions} sets the tolerance, the iterations and an L2
 * penaliser. {@link org.loyaltymetrics.model.PredictionUncertainty} turns the uncertainty of the
 * parameters into standard errors of the predictions (delta method or bootstrap), per customer and for
 * aggregates such as customer equity.
 */
package org.loyaltymetrics.model;
