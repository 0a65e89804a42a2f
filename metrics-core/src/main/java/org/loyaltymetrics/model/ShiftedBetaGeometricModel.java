package org.loyaltymetrics.model;

import java.util.List;
import java.util.SplittableRandom;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.CohortSurvivors;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.RandomVariates;
import org.loyaltymetrics.internal.SpecialFunctions;
import org.loyaltymetrics.table.Table;

/**
 * The shifted-beta-geometric (sBG) model of contractual retention (Fader &amp; Hardie 2007, "How to
 * Project Customer Retention", Journal of Interactive Marketing 21(1)). At the end of each period a
 * customer renews with probability 1 − θ; across customers θ ~ beta(α, β). With T the period in which a
 * customer leaves:
 * <pre>
 *   P(T = t) = B(α + 1, β + t − 1)/B(α, β),   S(t) = P(T &gt; t) = B(α, β + t)/B(α, β),
 *   retention rate r(t) = S(t)/S(t − 1) = (β + t − 1)/(α + β + t − 1)
 * </pre>
 * (the retention rate rises with t as the customers most likely to leave leave first). The
 * log-likelihood of a cohort is Σₜ₌₁ⁿ lost(t) ln P(T = t) + alive(n) ln S(n).
 *
 * <p>The discounted expected residual lifetime of a customer who has made n − 1 renewals, about to
 * decide on the n-th (Fader &amp; Hardie 2010, "Customer-Base Valuation in a Contractual Setting: The
 * Perils of Ignoring Heterogeneity", Marketing Science 29(1), eq. 6):
 * DERL(d | n − 1 renewals) = (β + n − 1)/(α + β + n − 1) · ₂F₁(1, β + n; α + β + n; 1/(1 + d)), in
 * periods: multiplied by the payment per period it is the customer's residual value.
 *
 * <p>On the regular segment's years 0..7 (1,000 customers) the fit gives α = 0.7041, β = 1.1820,
 * LL = −1680.27 (published: 0.704, 1.182, ≈ −1680.3).
 *
 * <p>It is the {@link BetaDiscreteWeibullModel} with c = 1 (γ = α, δ = β); {@link MultiCohortRetentionModel}
 * fits it to several cohorts at once, with shared or per-cohort parameters.
 *
 * <p>This class is immutable and thread-safe; fitting is deterministic.
 */
public final class ShiftedBetaGeometricModel extends ParametricModel implements ContractualRetentionModel {

    /** The parameter names, in order: alpha, beta. */
    public static final List<String> PARAMETERS = List.of("alpha", "beta");

    private static final String MODEL = "sBG";

    private ShiftedBetaGeometricModel(double[] parameters, ModelFit fit) {
        super(MODEL, PARAMETERS, parameters, fit);
    }

    /**
     * The model with given parameters, both finite and &gt; 0.
     *
     * @throws InvalidArgumentException if a parameter is not finite and &gt; 0
     */
    public static ShiftedBetaGeometricModel of(double alpha, double beta) {
        return new ShiftedBetaGeometricModel(new double[] {alpha, beta}, null);
    }

    /** The model with the estimates of a fit (one cohort's block of a {@link MultiCohortRetentionModel}). */
    static ShiftedBetaGeometricModel fitted(double[] estimates, ModelFit fit) {
        return new ShiftedBetaGeometricModel(estimates, fit);
    }

    /** Fits the model to {@code survivors} by maximum likelihood with the default options. */
    public static ShiftedBetaGeometricModel fit(CohortSurvivors survivors) {
        return fit(survivors, FitOptions.defaults());
    }

    /**
     * Fits the model by maximum likelihood from α = β = 1 (central-difference gradients), and verifies
     * that the maximum is identified (see {@link ModelFitException}). The data must show churn that
     * changes over at least two periods: one period gives one retention rate, met by every α, β with
     * the same β/(α + β); a cohort that loses nobody, or everybody at once, has no maximum at finite
     * parameters; a cohort that hardly churns (or churns at one constant rate) fits the homogeneous
     * geometric model, the boundary α, β → ∞, as well as any heterogeneous one.
     *
     * @throws InvalidArgumentException if the cohort has no customers
     * @throws ModelFitException if the cohort has one period only, loses no customer, loses every customer
     *     in the first period, or the fit does not converge (and {@code options} require it), a parameter
     *     runs off to 0 or infinity, or the data do not identify the parameters
     */
    public static ShiftedBetaGeometricModel fit(CohortSurvivors survivors, FitOptions options) {
        Checks.notNull(survivors, "survivors");
        Checks.notNull(options, "options");
        if (survivors.isEmpty()) {
            throw InvalidArgumentException.of("survivors", "a cohort of at least one customer", survivors);
        }
        long[] alive = survivors.aliveCounts();
        int periods = alive.length - 1;
        if (periods < 2) {
            throw new ModelFitException("cannot fit the sBG model: " + (periods == 0 ? "a cohort without a period "
                    + "of survivors gives no retention rate" : "one period of survivors (" + alive[0] + " to "
                    + alive[1] + ") gives a single retention rate, which any alpha and beta with the same "
                    + "beta/(alpha + beta) match exactly") + ", so the data do not identify the two parameters; fit "
                    + "at least two periods of the cohort");
        }
        if (alive[periods] == alive[0]) {
            throw new ModelFitException("cannot fit the sBG model: no customer of the cohort of " + alive[0]
                    + " was lost in " + periods + " periods, so the churn probabilities have no estimate (the "
                    + "likelihood rises without bound as alpha goes to 0); fit more periods, or a cohort that has "
                    + "lost customers");
        }
        if (alive[1] == 0) {
            throw new ModelFitException("cannot fit the sBG model: every customer of the cohort of " + alive[0]
                    + " was lost in the first period, so the churn probabilities have no estimate (the likelihood "
                    + "rises without bound as beta goes to 0); fit a cohort that kept customers");
        }
        MaximumLikelihood.LogLikelihood likelihood = MaximumLikelihood.LogLikelihood.ofValues(
                theta -> logLikelihood(theta[0], theta[1], alive));
        ModelFit fit = MaximumLikelihood.fit(MODEL, PARAMETERS, likelihood, new double[] {1.0, 1.0}, alive[0],
                alive.length, options, "more periods or a larger cohort (the retention rates must visibly change "
                        + "from period to period for the sBG model to tell heterogeneous churn from a constant rate)");
        return new ShiftedBetaGeometricModel(fit.estimates(), fit);
    }

    private static double logLikelihood(double alpha, double beta, long[] alive) {
        double logB = SpecialFunctions.logBeta(alpha, beta);
        double total = 0.0;
        for (int t = 1; t < alive.length; t++) {
            long lost = alive[t - 1] - alive[t];
            if (lost > 0) {
                total += lost * (SpecialFunctions.logBeta(alpha + 1.0, beta + (t - 1.0)) - logB);
            }
        }
        int n = alive.length - 1;
        if (alive[n] > 0) {
            total += alive[n] * (SpecialFunctions.logBeta(alpha, beta + n) - logB);
        }
        return total;
    }

    /** α, the first shape of the beta distribution of churn probabilities θ. */
    public double alpha() {
        return parameter(0);
    }

    /** β, the second shape of the beta distribution of churn probabilities θ. */
    public double beta() {
        return parameter(1);
    }

    /** The log-likelihood of {@code survivors}. */
    public double logLikelihood(CohortSurvivors survivors) {
        Checks.notNull(survivors, "survivors");
        return logLikelihood(alpha(), beta(), survivors.aliveCounts());
    }

    /** S(t) = B(α, β + t)/B(α, β), the probability of being a customer after t periods (1 at t = 0). */
    public double survival(long period) {
        Checks.count(period, "period");
        return Math.exp(SpecialFunctions.logBeta(alpha(), beta() + period) - SpecialFunctions.logBeta(alpha(), beta()));
    }

    /** P(T = t) = B(α + 1, β + t − 1)/B(α, β), the probability of leaving in period t ≥ 1. */
    public double churnProbability(long period) {
        requirePeriod(period);
        return Math.exp(SpecialFunctions.logBeta(alpha() + 1.0, beta() + (period - 1.0))
                - SpecialFunctions.logBeta(alpha(), beta()));
    }

    /** r(t) = (β + t − 1)/(α + β + t − 1), the share of the customers of period t − 1 who renew in period t ≥ 1. */
    public double retentionRate(long period) {
        requirePeriod(period);
        return (beta() + (period - 1.0)) / (alpha() + beta() + (period - 1.0));
    }

    private static void requirePeriod(long period) {
        if (period < 1) {
            throw InvalidArgumentException.of("period", ">= 1", period);
        }
    }

    /**
     * The expected survivors of a cohort of {@code cohortSize} at the start of periods 0..{@code periods}:
     * cohortSize · S(t).
     *
     * @throws InvalidArgumentException if {@code cohortSize} or {@code periods} is negative
     */
    public double[] projectedSurvivors(long cohortSize, int periods) {
        Checks.count(cohortSize, "cohortSize");
        checkPeriods(periods);
        double[] survivors = new double[periods + 1];
        survivors[0] = cohortSize;
        for (int t = 1; t <= periods; t++) {
            survivors[t] = survivors[t - 1] * retentionRate(t);
        }
        return survivors;
    }

    /**
     * DERL(d | n − 1 renewals) = (β + n − 1)/(α + β + n − 1) · ₂F₁(1, β + n; α + β + n; 1/(1 + d)) (Fader
     * &amp; Hardie 2010, eq. 6): the expected number of further payments, each discounted at {@code d}
     * per period, of a customer who has renewed {@code renewals} = n − 1 times and is about to decide
     * on the next renewal (the payment at that renewal undiscounted). Equivalently
     * Σₜ≥ₙ S(t)/S(n − 1) · (1 + d)^−(t−n). It decreases as d grows and grows with the renewals.
     *
     * <p>The ₂F₁ is evaluated from the excess α of its third parameter over its second and from
     * 1 − 1/(1 + d) = d/(1 + d), both formed without cancellation: by its power series for d ≥ 1, by the
     * connection formula for an argument close to 1 (DLMF 15.8.4, with its poles at integer α summed
     * as one), by the continued fraction of the incomplete beta function (DLMF 8.17.22) in between, so
     * that a small discount rate, where the expected lifetime is long (for α ≤ 1, infinite without
     * discounting), keeps every digit.
     *
     * @throws InvalidArgumentException if {@code renewals} &lt; 0 or {@code discountRate} is not finite and &gt; 0
     * @throws org.loyaltymetrics.UndefinedResultException if the value exceeds the range of a double
     *     (α &lt; 1 and a discount rate near the smallest double, where it grows like d^(α−1))
     */
    public double discountedExpectedResidualLifetime(long renewals, double discountRate) {
        Checks.count(renewals, "renewals");
        Checks.positive(discountRate, "discountRate");
        double alpha = alpha();
        double beta = beta();
        double n = renewals + 1.0;
        double ratio = (beta + n - 1.0) / (alpha + beta + n - 1.0);
        double z = 1.0 / (1.0 + discountRate);
        double w = discountRate / (1.0 + discountRate);
        double value = ratio * SpecialFunctions.hypergeometric2F1OneExcess(beta + n, alpha, z, w);
        if (value < Double.POSITIVE_INFINITY) {
            return value;
        }
        double log = Math.log(ratio) + SpecialFunctions.logHypergeometric2F1OneExcess(beta + n, alpha, z, w);
        if (log < Math.log(Double.MAX_VALUE)) {
            return Math.exp(log);
        }
        throw new org.loyaltymetrics.UndefinedResultException("the discounted expected residual lifetime exceeds "
                + "the range of a double for alpha=" + alpha + ", beta=" + beta + ", renewals=" + renewals
                + ", discountRate=" + discountRate);
    }

    /**
     * The discounted expected lifetime of a new customer, counting the first payment (at time 0,
     * undiscounted): Σₜ≥₀ S(t)/(1 + d)ᵗ = 1 + DERL(d | 0 renewals)/(1 + d).
     *
     * @throws InvalidArgumentException if {@code discountRate} is not finite and &gt; 0
     * @throws org.loyaltymetrics.UndefinedResultException if the value exceeds the range of a double (see
     *     {@link #discountedExpectedResidualLifetime})
     */
    public double discountedExpectedLifetime(double discountRate) {
        double residual = discountedExpectedResidualLifetime(0, discountRate);
        double value = 1.0 + residual / (1.0 + discountRate);
        if (!(value < Double.POSITIVE_INFINITY)) {
            throw new org.loyaltymetrics.UndefinedResultException("the discounted expected lifetime exceeds the range "
                    + "of a double for alpha=" + alpha() + ", beta=" + beta() + ", discountRate=" + discountRate);
        }
        return value;
    }

    /**
     * Simulates a cohort of {@code cohortSize} customers over {@code periods} periods, seeded: the same
     * seed gives the same survivors.
     *
     * @throws InvalidArgumentException if {@code cohortSize} or {@code periods} is not &gt;= 1
     */
    public CohortSurvivors simulate(int cohortSize, int periods, long seed) {
        if (cohortSize < 1) {
            throw InvalidArgumentException.of("cohortSize", ">= 1", cohortSize);
        }
        if (periods < 1) {
            throw InvalidArgumentException.of("periods", ">= 1", periods);
        }
        SplittableRandom random = new SplittableRandom(seed);
        long[] alive = new long[periods + 1];
        for (int c = 0; c < cohortSize; c++) {
            double theta = RandomVariates.beta(random, alpha(), beta());
            alive[0]++;
            for (int t = 1; t <= periods && random.nextDouble() >= theta; t++) {
                alive[t]++;
            }
        }
        return CohortSurvivors.of(alive);
    }

    /**
     * The projection of this model over periods 0..{@code periods}: for each period t the survival S(t)
     * and the retention rate r(t) (undefined at t = 0), to four decimals. Its title names the model and
     * its parameters.
     *
     * @throws InvalidArgumentException if {@code periods} is negative
     */
    public Table projection(int periods) {
        checkPeriods(periods);
        Table.Builder table = Table.builder().title("Projection of the " + this).numberColumn("period")
                .numberColumn("survival").numberColumn("retention");
        for (int t = 0; t <= periods; t++) {
            table.row(t, Formatting.decimal(survival(t), 4), t == 0 ? null : Formatting.decimal(retentionRate(t), 4));
        }
        return table.build();
    }

    private static void checkPeriods(int periods) {
        if (periods < 0) {
            throw InvalidArgumentException.of("periods", ">= 0", periods);
        }
    }
}
