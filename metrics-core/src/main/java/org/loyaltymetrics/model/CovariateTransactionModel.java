package org.loyaltymetrics.model;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.stats.Estimate;

/**
 * A model of repeat purchases whose customers differ by time-invariant covariates: each process (purchase,
 * attrition) has its own coefficients, which shift the model's heterogeneity distributions customer by
 * customer in CLVTools' parametrisation (stated by each model). A customer with covariates z is then a
 * {@link TransactionModel} of its own ({@link #forCustomer(double[])}), whose predictions (conditional
 * expected transactions, P(alive), intervals, simulation) are that customer's.
 *
 * <p>The coefficients are reported on the covariates' own scale, with their standard errors from the
 * fit's covariance ({@link #fitResult()}, coefficients included; names life.x, trans.x and constr.x for one
 * coefficient on both processes, see {@link CovariateOptions}).
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface CovariateTransactionModel permits ParetoNbdCovariateModel, BetaGeometricNbdCovariateModel,
        GammaGompertzNbdCovariateModel {

    /** The covariates' names (the columns of {@link CustomerCovariates}), in order. */
    List<String> covariates();

    /** The time unit of every time the model takes and returns. */
    ChronoUnit timeUnit();

    /** All parameters by name: the model's own, then life.x for each covariate, then trans.x. */
    Map<String, Double> parameters();

    /** γ_trans by covariate name: the purchase process's coefficients. */
    Map<String, Double> purchaseCoefficients();

    /** γ_life by covariate name: the attrition process's coefficients. */
    Map<String, Double> attritionCoefficients();

    /**
     * γ_trans by covariate name with their standard errors.
     *
     * @throws UndefinedResultException if the model was not fitted or its standard errors are undefined
     */
    Map<String, Estimate> purchaseCoefficientEstimates();

    /**
     * γ_life by covariate name with their standard errors.
     *
     * @throws UndefinedResultException if the model was not fitted or its standard errors are undefined
     */
    Map<String, Estimate> attritionCoefficientEstimates();

    /** The covariate options of the fit ({@link CovariateOptions#defaults()} for given parameters). */
    CovariateOptions covariateOptions();

    /**
     * The model of a customer with covariates {@code z} (one value per covariate, on their own scale).
     *
     * @throws InvalidArgumentException if {@code z} is not one finite value per covariate
     */
    TransactionModel forCustomer(double[] z);

    /**
     * The facts of the fit for the parameters of one customer with covariates {@code z}: the estimates those
     * of {@link #forCustomer(double[])}, their covariance J Σ Jᵀ from the fit's covariance Σ (coefficients
     * included) by the delta method, J the Jacobian of the customer's parameters in the fit's (e.g. for the
     * Pareto/NBD ∂α_i/∂α₀ = α_i/α₀, ∂α_i/∂γ_trans,j = −α_i z_j); the log-likelihood, counts and flags the
     * fit's.
     *
     * @throws InvalidArgumentException if {@code z} is not one finite value per covariate
     * @throws UndefinedResultException if the model was not fitted or its standard errors are undefined
     */
    ModelFit customerFit(double[] z);

    /**
     * The uncertainty of the predictions of the customer with covariates {@code z} from the uncertainty of
     * all the fit's parameters, coefficients included: {@link PredictionUncertainty#delta(TransactionModel,
     * ModelFit)} of {@link #forCustomer(double[])} and {@link #customerFit(double[])}. A table of customers
     * is scored with it by {@code Scorer.of(model, t).withIntervals(0.95)} ({@link Scorer#of(
     * CovariateTransactionModel, double)}), each customer with their own, as {@code Scorer.of(model.forCustomer(z),
     * t).withIntervals(0.95, model.uncertainty(z))} scores one.
     *
     * @throws InvalidArgumentException if {@code z} is not one finite value per covariate
     * @throws UndefinedResultException if the model was not fitted or its standard errors are undefined
     */
    PredictionUncertainty uncertainty(double[] z);

    /**
     * Simulates the histories of customers with covariates {@code covariates[i]} observed for
     * {@code ages[i]} (in the model's time unit) since their first purchase: customer i's history drawn from
     * {@link #forCustomer(double[])}'s model ({@link TransactionModel#simulate}), each customer with a seed
     * drawn in turn from {@code seed}; the same seed gives the same histories.
     *
     * @return the histories, in the order of the customers (an unmodifiable list)
     * @throws InvalidArgumentException if there is not one age per customer, a customer's covariates are not
     *     one finite value per covariate, or an age is negative or not finite
     */
    List<PurchaseHistory> simulate(double[][] covariates, double[] ages, long seed);

    /**
     * The total log-likelihood of the joined customers at this model's parameters (without a penalty).
     *
     * @throws InvalidArgumentException if {@code data} has other covariates than this model
     */
    double logLikelihood(CustomerCovariates.Joined data);

    /** Whether the model was fitted. */
    boolean isFitted();

    /**
     * The facts of the fit (coefficients and their standard errors included).
     *
     * @throws UndefinedResultException if the model was built from given parameters
     */
    ModelFit fitResult();
}
