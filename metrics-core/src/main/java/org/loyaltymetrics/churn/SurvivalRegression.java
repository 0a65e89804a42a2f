package org.loyaltymetrics.churn;

import java.util.List;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.table.Tabular;

/**
 * A fitted regression of customers' lifetimes on their covariates: what the churn models of this package
 * ({@link CoxModel}, and the parametric accelerated-failure-time models) share, so that scoring, evaluation
 * and the command line treat them alike.
 *
 * <p>Covariates {@code x} are given in the order of {@link #covariateNames()}, on the user's scale (with
 * indicator columns for categories, as {@link SurvivalData} made them). Implementations are immutable and
 * thread-safe.
 */
public interface SurvivalRegression extends Tabular {

    /** The covariates, in the order of {@link #coefficients()}. */
    List<String> covariateNames();

    /** A copy of the fitted coefficients of the covariates, in the order of {@link #covariateNames()}. */
    double[] coefficients();

    /**
     * The coefficient of covariate {@code name} with its standard error.
     *
     * @throws InvalidArgumentException if the model has no covariate of that name
     */
    Estimate estimate(String name);

    /** The covariance matrix of the coefficients of the covariates (a copy). */
    double[][] covariance();

    /** The maximised log-likelihood (the partial likelihood for a Cox model). */
    double logLikelihood();

    /** The rows the model was fitted to. */
    int rows();

    /** The churn events among them. */
    int events();

    /** Whether the fit converged (false only for fits allowed not to converge). */
    boolean converged();

    /**
     * A risk score: the higher, the sooner the customer is expected to churn (the linear predictor xᵀβ of
     * a Cox model, −xᵀβ of an accelerated-failure-time model). It orders customers; its scale is the
     * model's.
     *
     * @throws InvalidArgumentException if x has another length than the covariates or a value that is not
     *     finite
     */
    double riskScore(double... x);

    /**
     * The probability S(t | x) that a customer with covariates {@code x} is still a customer at time t.
     *
     * @throws InvalidArgumentException if x has another length or a value that is not finite, t is negative
     *     or not finite, or the model is stratified (use the model's per-stratum method)
     */
    double survival(double t, double... x);

    /** The probability 1 − S(horizon | x) that a customer with covariates x has churned by {@code horizon}. */
    double churnProbability(double horizon, double... x);

    /**
     * Harrell's concordance C of the {@link #riskScore risk scores} with the observed lifetimes of the data
     * the model was fitted to.
     *
     * @throws UndefinedResultException if no pair of customers is comparable
     */
    double concordance();
}
