package org.loyaltymetrics.model;

import java.util.Map;
import org.loyaltymetrics.data.CohortSurvivors;
import org.loyaltymetrics.table.Table;

/**
 * What every model of contractual retention answers: a customer of a cohort renews at the end of each
 * period or leaves, and T ∈ {1, 2, …} is the period in which they leave. Its survival S(t) = P(T &gt; t)
 * (1 at t = 0), churn probability P(T = t) = S(t − 1) − S(t), retention rate r(t) = S(t)/S(t − 1), the
 * expected survivors of a cohort, the discounted expected residual lifetime of a customer who has renewed
 * n − 1 times, DERL(d | n − 1 renewals) = Σₜ≥ₙ S(t)/S(n − 1) · (1 + d)^−(t−n) (Fader &amp; Hardie 2010,
 * "Customer-Base Valuation in a Contractual Setting: The Perils of Ignoring Heterogeneity", Marketing
 * Science 29(1); eq. 6 is its closed form for the sBG), the log-likelihood of a cohort's survivors
 * Σₜ₌₁ⁿ lost(t) ln P(T = t) + alive(n) ln S(n), a seeded simulation and the projection table.
 *
 * <p>Two models implement it: the {@link ShiftedBetaGeometricModel} (sBG; Fader &amp; Hardie 2007), in
 * which each customer's churn probability is constant, and the {@link BetaDiscreteWeibullModel} (BdW;
 * Fader, Hardie, Liu, Davin &amp; Steenburgh 2018), in which it may rise or fall with tenure and which
 * reduces to the sBG at c = 1. {@link MultiCohortRetentionModel} fits either to several cohorts at once.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface ContractualRetentionModel permits ShiftedBetaGeometricModel, BetaDiscreteWeibullModel {

    /**
     * S(t) = P(T &gt; t), the probability of still being a customer after t periods (1 at t = 0).
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code period} is negative
     */
    double survival(long period);

    /**
     * P(T = t) = S(t − 1) − S(t), the probability of leaving in period t ≥ 1.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code period} is below 1
     */
    double churnProbability(long period);

    /**
     * r(t) = S(t)/S(t − 1), the share of the customers of period t − 1 who renew in period t ≥ 1.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code period} is below 1
     */
    double retentionRate(long period);

    /**
     * The expected survivors of a cohort of {@code cohortSize} at the start of periods 0..{@code periods}:
     * cohortSize · S(t).
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code cohortSize} or {@code periods} is negative
     */
    double[] projectedSurvivors(long cohortSize, int periods);

    /**
     * DERL(d | n − 1 renewals) = Σₜ≥ₙ S(t)/S(n − 1) · (1 + d)^−(t−n): the expected number of further
     * payments, each discounted at {@code discountRate} d per period, of a customer who has renewed
     * {@code renewals} = n − 1 times and is about to decide on the next renewal (the payment at that renewal
     * undiscounted). Multiplied by the payment per period it is the customer's residual value.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code renewals} &lt; 0 or {@code discountRate}
     *     is not finite and &gt; 0
     * @throws org.loyaltymetrics.UndefinedResultException where the value cannot be computed (see the model)
     */
    double discountedExpectedResidualLifetime(long renewals, double discountRate);

    /**
     * The discounted expected lifetime of a new customer, counting the first payment (at time 0,
     * undiscounted): Σₜ≥₀ S(t)/(1 + d)ᵗ = 1 + DERL(d | 0 renewals)/(1 + d).
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code discountRate} is not finite and &gt; 0
     * @throws org.loyaltymetrics.UndefinedResultException where the value cannot be computed (see the model)
     */
    double discountedExpectedLifetime(double discountRate);

    /** The log-likelihood Σₜ₌₁ⁿ lost(t) ln P(T = t) + alive(n) ln S(n) of {@code survivors}. */
    double logLikelihood(CohortSurvivors survivors);

    /**
     * Simulates a cohort of {@code cohortSize} customers over {@code periods} periods, seeded: the same
     * seed gives the same survivors.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code cohortSize} or {@code periods} is not &gt;= 1
     */
    CohortSurvivors simulate(int cohortSize, int periods, long seed);

    /**
     * The projection over periods 0..{@code periods}: for each period t the survival S(t) and the retention
     * rate r(t) (undefined at t = 0), to four decimals, titled with the model.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code periods} is negative
     */
    Table projection(int periods);

    /** The parameters by name, in the model's order. */
    Map<String, Double> parameters();

    /** Whether this model was fitted to data (rather than built from given parameters). */
    boolean isFitted();

    /**
     * The facts of the fit: log-likelihood, iterations, convergence, standard errors, covariance.
     *
     * @throws org.loyaltymetrics.UndefinedResultException if this model was built from given parameters
     */
    ModelFit fitResult();
}
