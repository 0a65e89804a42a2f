package org.loyaltymetrics.model;

import java.util.List;
import java.util.SplittableRandom;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.CohortSurvivors;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.RandomVariates;
import org.loyaltymetrics.internal.SpecialFunctions;
import org.loyaltymetrics.table.Table;

/**
 * The beta-discrete-Weibull (BdW) model of contractual retention (Fader, Hardie, Liu, Davin &amp;
 * Steenburgh 2018, "'How to Project Customer Retention' Revisited: The Role of Duration Dependence",
 * Journal of Interactive Marketing 43, 1–16). A customer with churn parameter θ survives t periods with
 * probability (1 − θ)^(tᶜ), the discrete Weibull distribution (Nakagawa &amp; Osaki 1975): c &lt; 1 makes the
 * individual churn probability fall with tenure, c &gt; 1 rise, c = 1 keeps it constant (the geometric
 * distribution). Across customers θ ~ beta(γ, δ). With T the period in which a customer leaves:
 * <pre>
 *   S(t) = P(T &gt; t) = B(γ, δ + tᶜ)/B(γ, δ),   P(T = t) = S(t − 1) − S(t),   r(t) = S(t)/S(t − 1)
 * </pre>
 * (t = 0, 1, 2, …, with 0ᶜ = 0 so that S(0) = 1). At c = 1 it is the
 * {@link ShiftedBetaGeometricModel} with α = γ, β = δ. The log-likelihood of a cohort is
 * Σₜ₌₁ⁿ lost(t) ln P(T = t) + alive(n) ln S(n); P(T = t) is computed as S(t − 1) · (−expm1(ln S(t) − ln S(t − 1)))
 * so that it keeps its digits where S barely changes. Fitting uses the analytic gradient: with x = tᶜ,
 * <pre>
 *   ∂ ln S(t)/∂γ = ψ(γ + δ) − ψ(γ + δ + x)
 *   ∂ ln S(t)/∂δ = ψ(δ + x) − ψ(δ) − ψ(γ + δ + x) + ψ(γ + δ)
 *   ∂ ln S(t)/∂c = (ψ(δ + x) − ψ(γ + δ + x)) · x ln t
 * </pre>
 * and ∂ ln P(T = t) = (∂ ln S(t − 1) − r(t) ∂ ln S(t))/(1 − r(t)).
 *
 * <p>The test of duration dependence is the likelihood-ratio test of the sBG fit against the BdW fit to
 * the same survivors, {@code LikelihoodRatioTest.of(sbg.fitResult(), bdw.fitResult(), 1)} (c = 1 is inside
 * the range of c, so the reference is χ²₁).
 *
 * <p>The discounted expected residual lifetime has no closed form; it is the sum of its series (see
 * {@link #discountedExpectedResidualLifetime}), truncated where the bound of the rest falls below 1e-15 of
 * the sum.
 *
 * <p>This class is immutable and thread-safe; fitting is deterministic.
 */
public final class BetaDiscreteWeibullModel extends ParametricModel implements ContractualRetentionModel {

    /** The parameter names, in order: gamma, delta, c. */
    public static final List<String> PARAMETERS = List.of("gamma", "delta", "c");

    private static final String MODEL = "BdW";
    /** The relative size of the bound of the rest of the DERL series at which the summation stops. */
    private static final double SERIES_TOLERANCE = 1e-15;
    /** The most terms the DERL series sums before giving up (a discount rate below about 3.5e-6). */
    static final long MAX_SERIES_TERMS = 10_000_000L;

    private BetaDiscreteWeibullModel(double[] parameters, ModelFit fit) {
        super(MODEL, PARAMETERS, parameters, fit);
    }

    /**
     * The model with given parameters, each finite and &gt; 0.
     *
     * @throws InvalidArgumentException if a parameter is not finite and &gt; 0
     */
    public static BetaDiscreteWeibullModel of(double gamma, double delta, double c) {
        return new BetaDiscreteWeibullModel(new double[] {gamma, delta, c}, null);
    }

    /** The model with the estimates of a fit. */
    static BetaDiscreteWeibullModel fitted(double[] estimates, ModelFit fit) {
        return new BetaDiscreteWeibullModel(estimates, fit);
    }

    /** Fits the model to {@code survivors} by maximum likelihood with the default options. */
    public static BetaDiscreteWeibullModel fit(CohortSurvivors survivors) {
        return fit(survivors, FitOptions.defaults());
    }

    /**
     * Fits the model to one cohort by maximum likelihood from γ = δ = c = 1 (the sBG with α = β = 1), with
     * the analytic gradient, and verifies that the maximum is identified (see {@link ModelFitException}).
     * Three parameters need at least three periods of survivors, and retention rates that change in a way
     * that tells heterogeneity from duration dependence: a short cohort often fits the sBG (c = 1) or a
     * ridge of (γ, δ, c) almost equally well, and then the fit throws rather than report unidentified
     * estimates. To fit several cohorts, see {@link MultiCohortRetentionModel}.
     *
     * @throws InvalidArgumentException if the cohort has no customers
     * @throws ModelFitException if the cohort has fewer than three periods, loses no customer, loses every
     *     customer in the first period, or the fit does not converge (and {@code options} require it), a
     *     parameter runs off to 0 or infinity, or the data do not identify the parameters
     */
    public static BetaDiscreteWeibullModel fit(CohortSurvivors survivors, FitOptions options) {
        Checks.notNull(survivors, "survivors");
        return MultiCohortRetentionModel.fit(java.util.Map.of("cohort", survivors),
                MultiCohortRetentionModel.Family.BETA_DISCRETE_WEIBULL, MultiCohortRetentionModel.Sharing.SHARED,
                options).betaDiscreteWeibull();
    }

    /** γ, the first shape of the beta distribution of churn parameters θ. */
    public double gamma() {
        return parameter(0);
    }

    /** δ, the second shape of the beta distribution of churn parameters θ. */
    public double delta() {
        return parameter(1);
    }

    /** c, the shape of the discrete Weibull: below 1 individual churn falls with tenure, above 1 it rises. */
    public double c() {
        return parameter(2);
    }

    /**
     * The log-likelihood of one cohort's survivors {@code alive} at (γ, δ, c); when {@code gradient} is not
     * null, adds ∂LL/∂(γ, δ, c) into {@code gradient[offset..offset + 2]}.
     */
    static double logLikelihood(double gamma, double delta, double c, long[] alive, double[] gradient, int offset) {
        double logB = SpecialFunctions.logBeta(gamma, delta);
        boolean withGradient = gradient != null;
        double psiSum = withGradient ? SpecialFunctions.digamma(gamma + delta) : 0.0;
        double psiDelta = withGradient ? SpecialFunctions.digamma(delta) : 0.0;
        double previousLogS = 0.0;
        double previousG = 0.0;
        double previousD = 0.0;
        double previousC = 0.0;
        double total = 0.0;
        int n = alive.length - 1;
        for (int t = 1; t <= n; t++) {
            double x = Math.pow(t, c);
            double logS = SpecialFunctions.logBeta(gamma, delta + x) - logB;
            double dG = 0.0;
            double dD = 0.0;
            double dC = 0.0;
            if (withGradient) {
                double psiDeltaX = SpecialFunctions.digamma(delta + x);
                double psiSumX = SpecialFunctions.digamma(gamma + delta + x);
                dG = psiSum - psiSumX;
                dD = psiDeltaX - psiDelta - psiSumX + psiSum;
                dC = t == 1 ? 0.0 : (psiDeltaX - psiSumX) * x * Math.log(t);
            }
            long lost = alive[t - 1] - alive[t];
            if (lost > 0) {
                double logRetention = logS - previousLogS;
                double churn = -Math.expm1(logRetention);
                total += lost * (previousLogS + Math.log(churn));
                if (withGradient) {
                    double retention = Math.exp(logRetention);
                    gradient[offset] += lost * (previousG - retention * dG) / churn;
                    gradient[offset + 1] += lost * (previousD - retention * dD) / churn;
                    gradient[offset + 2] += lost * (previousC - retention * dC) / churn;
                }
            }
            if (t == n && alive[n] > 0) {
                total += alive[n] * logS;
                if (withGradient) {
                    gradient[offset] += alive[n] * dG;
                    gradient[offset + 1] += alive[n] * dD;
                    gradient[offset + 2] += alive[n] * dC;
                }
            }
            previousLogS = logS;
            previousG = dG;
            previousD = dD;
            previousC = dC;
        }
        return total;
    }

    @Override
    public double logLikelihood(CohortSurvivors survivors) {
        Checks.notNull(survivors, "survivors");
        return logLikelihood(gamma(), delta(), c(), survivors.aliveCounts(), null, 0);
    }

    /** ln S(t) = ln B(γ, δ + tᶜ) − ln B(γ, δ); −∞ where tᶜ exceeds the range of a double. */
    private double logSurvival(long period) {
        if (period == 0) {
            return 0.0;
        }
        double x = Math.pow(period, c());
        if (x == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        return SpecialFunctions.logBeta(gamma(), delta() + x) - SpecialFunctions.logBeta(gamma(), delta());
    }

    /** S(t) = B(γ, δ + tᶜ)/B(γ, δ), the probability of being a customer after t periods (1 at t = 0). */
    @Override
    public double survival(long period) {
        Checks.count(period, "period");
        return Math.exp(logSurvival(period));
    }

    /** P(T = t) = S(t − 1) − S(t), the probability of leaving in period t ≥ 1. */
    @Override
    public double churnProbability(long period) {
        requirePeriod(period);
        double previous = logSurvival(period - 1);
        double current = logSurvival(period);
        if (previous == Double.NEGATIVE_INFINITY) {
            return 0.0;
        }
        return Math.exp(previous) * -Math.expm1(current - previous);
    }

    /**
     * r(t) = S(t)/S(t − 1) = B(γ, δ + tᶜ)/B(γ, δ + (t − 1)ᶜ), the share of the customers of period t − 1 who
     * renew in period t ≥ 1.
     *
     * @throws UndefinedResultException where S(t − 1) is 0 in double precision
     */
    @Override
    public double retentionRate(long period) {
        requirePeriod(period);
        double previous = logSurvival(period - 1);
        if (previous == Double.NEGATIVE_INFINITY) {
            throw new UndefinedResultException("the retention rate in period " + period + " of the " + this
                    + " is undefined: no customer is expected to survive to period " + (period - 1));
        }
        return Math.exp(logSurvival(period) - previous);
    }

    private static void requirePeriod(long period) {
        if (period < 1) {
            throw InvalidArgumentException.of("period", ">= 1", period);
        }
    }

    @Override
    public double[] projectedSurvivors(long cohortSize, int periods) {
        Checks.count(cohortSize, "cohortSize");
        checkPeriods(periods);
        double[] survivors = new double[periods + 1];
        for (int t = 0; t <= periods; t++) {
            survivors[t] = cohortSize * Math.exp(logSurvival(t));
        }
        return survivors;
    }

    /**
     * DERL(d | n − 1 renewals) = Σₜ≥ₙ S(t)/S(n − 1) · (1 + d)^−(t−n) (see
     * {@link ContractualRetentionModel#discountedExpectedResidualLifetime}), summed term by term (each term
     * from ln S(t) − ln S(n − 1) − (t − n) ln(1 + d), compensated summation) up to the first t = m whose term
     * bounds the rest to 1e-15 of the sum: since S is non-increasing, the rest after m is at most
     * term(m) · Σⱼ≥₁ (1 + d)^−j = term(m)/d. The series needs about ln(1e15)/ln(1 + d) ≈ 35/d terms at
     * most (fewer where S falls fast), e.g. 350 at d = 0.1; at c = 1 it equals the sBG's closed form.
     *
     * @throws InvalidArgumentException if {@code renewals} &lt; 0 or {@code discountRate} is not finite and &gt; 0
     * @throws UndefinedResultException if the series does not reach that bound within 10⁷ terms (a discount
     *     rate below about 3.5e-6 with a survival that falls slowly), or no customer is expected to survive
     *     {@code renewals} periods in double precision
     */
    @Override
    public double discountedExpectedResidualLifetime(long renewals, double discountRate) {
        return discountedExpectedResidualLifetime(renewals, discountRate, MAX_SERIES_TERMS);
    }

    /** The DERL series summed to at most {@code maxTerms} terms (the public method's 10⁷; tests use fewer). */
    double discountedExpectedResidualLifetime(long renewals, double discountRate, long maxTerms) {
        Checks.count(renewals, "renewals");
        Checks.positive(discountRate, "discountRate");
        long n = renewals + 1;
        double base = logSurvival(n - 1);
        if (base == Double.NEGATIVE_INFINITY) {
            throw new UndefinedResultException("the discounted expected residual lifetime after " + renewals
                    + " renewals of the " + this + " is undefined: no customer is expected to survive that long");
        }
        double logDiscount = Math.log1p(discountRate);
        double sum = 0.0;
        double compensation = 0.0;
        for (long j = 0; j < maxTerms; j++) {
            double term = Math.exp(logSurvival(n + j) - base - j * logDiscount);
            double y = term - compensation;
            double next = sum + y;
            compensation = (next - sum) - y;
            sum = next;
            if (term <= SERIES_TOLERANCE * discountRate * sum) {
                return sum;
            }
        }
        throw new UndefinedResultException("the discounted expected residual lifetime of the " + this
                + " at discount rate " + discountRate + " needs more than " + maxTerms + " terms of its "
                + "series (about 35/d): use a larger discount rate");
    }

    @Override
    public double discountedExpectedLifetime(double discountRate) {
        return 1.0 + discountedExpectedResidualLifetime(0, discountRate) / (1.0 + discountRate);
    }

    /**
     * Simulates a cohort: each customer draws θ ~ beta(γ, δ) and U ~ uniform(0, 1) and leaves in period
     * T = ⌊v^(1/c)⌋ + 1 with v = ln U / ln(1 − θ), so that P(T &gt; t | θ) = P(v &gt; tᶜ) = (1 − θ)^(tᶜ).
     */
    @Override
    public CohortSurvivors simulate(int cohortSize, int periods, long seed) {
        if (cohortSize < 1) {
            throw InvalidArgumentException.of("cohortSize", ">= 1", cohortSize);
        }
        if (periods < 1) {
            throw InvalidArgumentException.of("periods", ">= 1", periods);
        }
        SplittableRandom random = new SplittableRandom(seed);
        CohortSurvivors.Accumulator cohort = CohortSurvivors.accumulator(periods);
        for (int i = 0; i < cohortSize; i++) {
            // θ = X/(X + Y) with X ~ gamma(γ), Y ~ gamma(δ): ln(1 − θ) = −ln(1 + X/Y), without cancellation
            double logX = RandomVariates.logGamma(random, gamma());
            double logY = RandomVariates.logGamma(random, delta());
            double logSurvive = -Math.log1p(Math.exp(logX - logY));
            double u = 1.0 - random.nextDouble();
            double v = Math.log(u) / logSurvive;
            double lastSurvived = Math.floor(Math.pow(v, 1.0 / c()));
            if (lastSurvived >= periods || Double.isNaN(lastSurvived)) {
                cohort.addActive();
            } else {
                cohort.addLost((int) lastSurvived + 1);
            }
        }
        return cohort.snapshot();
    }

    @Override
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
