package org.loyaltymetrics.model;

import java.time.temporal.ChronoUnit;
import java.util.List;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.ExponentialIntegral;
import org.loyaltymetrics.internal.Quadrature;
import org.loyaltymetrics.internal.RandomVariates;
import org.loyaltymetrics.internal.SpecialFunctions;

/**
 * The Pareto/NBD model of repeat purchases (Schmittlein, Morrison &amp; Colombo 1987, "Counting Your
 * Customers: Who Are They and What Will They Do Next?", Management Science 33(1)). While alive, a
 * customer buys by a Poisson process of rate λ; their lifetime is exponential with rate μ. Across
 * customers λ ~ gamma(r, α) and μ ~ gamma(s, β). Parameters, in the data's time unit: r, α, s, β.
 *
 * <p>The likelihood is that of Fader &amp; Hardie's note (2005) with its Gauss hypergeometric functions
 * rewritten by Euler's transformation so that it is finite and precise for any x and T; see
 * {@link ParetoNbdCore}. Predictions (Fader, Hardie &amp; Lee 2005, "RFM and CLV", and the note):
 * <pre>
 *   E[X(t)]            = r β / (α (s − 1)) · [1 − (β/(β + t))^(s−1)]        (r β/α · ln(1 + t/β) at s = 1)
 *   P(alive | x, tₓ, T) = P(T) / [P(T) + s (I(tₓ) − I(T))]
 *   E[Y(t) | x, tₓ, T]  = E[X(t)] with (r + x, α + T, s, β + T), times P(alive)
 *   P(X(t) = n)         = NB(n; t) (β/(β + t))ˢ + ∫₀ᵗ NB(n; τ) s βˢ (β + τ)^−(s+1) dτ
 * </pre>
 * where NB(n; τ) = Γ(r + n)/(Γ(r) n!) (α/(α + τ))ʳ (τ/(α + τ))ⁿ; the last integral (death at τ) is
 * evaluated by tanh-sinh quadrature.
 *
 * <p>On the CDNOW cohort (2,357 customers, weeks) the fit gives r = 0.5533, α = 10.5776, s = 0.6062,
 * β = 11.6679, LL = −9594.97 (published: 0.553, 10.578, 0.606, 11.669, −9595.0).
 *
 * <p>This class is immutable and thread-safe; fitting is deterministic.
 */
public final class ParetoNbdModel extends NbdPurchaseModel implements TransactionModel {

    /** The parameter names, in order: r, alpha, s, beta. */
    public static final List<String> PARAMETERS = List.of("r", "alpha", "s", "beta");

    private static final String MODEL = "Pareto/NBD";

    private ParetoNbdModel(double[] parameters, ChronoUnit timeUnit, ModelFit fit) {
        super(MODEL, PARAMETERS, parameters, timeUnit, fit);
    }

    /**
     * The model with given parameters, all finite and &gt; 0, in {@code timeUnit}.
     *
     * @throws InvalidArgumentException if a parameter is not finite and &gt; 0, or the unit is FOREVER
     */
    public static ParetoNbdModel of(double r, double alpha, double s, double beta, ChronoUnit timeUnit) {
        return new ParetoNbdModel(new double[] {r, alpha, s, beta}, timeUnit, null);
    }

    /** Fits the model to {@code histories} by maximum likelihood with the default options. */
    public static ParetoNbdModel fit(PurchaseHistories histories) {
        return fit(histories, FitOptions.defaults());
    }

    /**
     * Fits the model by maximum likelihood from r = 1, α = mean T / mean x, s = 1, β = mean T.
     *
     * @throws ModelFitException if the fit does not converge (and {@code options} require it) or a
     *     parameter runs off to 0 or infinity
     */
    public static ParetoNbdModel fit(PurchaseHistories histories, FitOptions options) {
        Checks.notNull(histories, "histories");
        Checks.notNull(options, "options");
        double[] start = {1.0, alphaStart(histories), 1.0, histories.isEmpty() ? 1.0 : histories.meanAge()};
        ModelFit fit = MaximumLikelihood.fit(MODEL, PARAMETERS, new ParetoNbdCore.Likelihood(histories), start,
                histories.customers(), histories.distinctRows(), options);
        return new ParetoNbdModel(fit.estimates(), histories.timeUnit(), fit);
    }

    /**
     * The Pareto/NBD log-likelihood of the histories of {@code part}, one part of data held in parts,
     * with its analytic gradient (no analytic Hessian: the fit takes central differences of the
     * gradient); see {@link PartitionedLikelihood}.
     */
    public static PartitionedLikelihood likelihood(PurchaseHistories part) {
        Checks.notNull(part, "part");
        return MaximumLikelihood.LogLikelihood.part(MODEL, new ParetoNbdCore.Likelihood(part), part, false);
    }

    /**
     * Fits the model to the likelihood of data held in parts, as {@link #fit(PurchaseHistories, FitOptions)}
     * fits the histories themselves (the same start values, from the whole data's mean T and x, and the
     * same procedure, without the warm start from a sample that a fit to 65,536 distinct rows or more takes).
     *
     * @throws InvalidArgumentException if {@code total} is the likelihood of another model
     * @throws ModelFitException as {@link #fit(PurchaseHistories, FitOptions)}
     */
    public static ParetoNbdModel fit(PartitionedLikelihood total, FitOptions options) {
        Checks.notNull(total, "total");
        Checks.notNull(options, "options");
        if (!total.model().equals(MODEL)) {
            throw InvalidArgumentException.of("total", "a likelihood of the " + MODEL + " model", "one of " + total.model());
        }
        double[] start = {1.0, alphaStart(total), 1.0, total.customers() == 0 ? 1.0 : total.meanAge()};
        ModelFit fit = MaximumLikelihood.fit(MODEL, PARAMETERS, MaximumLikelihood.LogLikelihood.of(total), start,
                total.customers(), (int) Math.min(Integer.MAX_VALUE, total.distinctRows()), options);
        return new ParetoNbdModel(fit.estimates(), total.timeUnit(), fit);
    }

    /** s, the shape of the gamma distribution of drop-out rates. */
    public double s() {
        return parameter(2);
    }

    /** β, the rate of the gamma distribution of drop-out rates. */
    public double beta() {
        return parameter(3);
    }

    /** E[X(t)] = r β/(α (s − 1)) · [1 − (β/(β + t))^(s−1)], evaluated without the singularity at s = 1. */
    @Override
    public double expectedPurchases(double t) {
        return expectation(r(), alpha(), s(), beta(), Predictions.horizon(t));
    }

    static double expectation(double r, double alpha, double s, double beta, double t) {
        double logGrowth = Math.log1p(t / beta);
        // [1 − e^(−(s−1)L)]/(s − 1) = L · (1 − e^(−y))/y with y = (s − 1)L
        return r / alpha * beta * logGrowth * expm1OverX(-(s - 1.0) * logGrowth);
    }

    /** (e^y − 1)/y, 1 at y = 0. */
    static double expm1OverX(double y) {
        return Math.abs(y) < 1e-12 ? 1.0 + 0.5 * y : Math.expm1(y) / y;
    }

    /**
     * E[Y(t) | x, tₓ, T] = P(alive | x, tₓ, T) · E[X(t)] with the posterior (r + x, α + T, s, β + T), the
     * history converted to the model's time unit first.
     */
    @Override
    public double conditionalExpectedPurchases(double t, PurchaseHistory history) {
        double horizon = Predictions.horizon(t);
        if (Predictions.needsConversion(history, timeUnit())) {
            return conditionalExpectedPurchases(horizon, history.in(timeUnit()));
        }
        // the work takes the three numbers, so that a history built by the caller is never allocated
        long x = history.frequency();
        double age = history.age();
        return probabilityAlive(x, history.recency(), age) * expectation(r() + x, alpha() + age, s(), beta() + age,
                horizon);
    }

    /**
     * P(alive | x, tₓ, T) = P(T) / [P(T) + s (I(tₓ) − I(T))], in [0, 1], the history converted to the
     * model's unit first.
     */
    @Override
    public double probabilityAlive(PurchaseHistory history) {
        if (Predictions.needsConversion(history, timeUnit())) {
            return probabilityAlive(history.in(timeUnit()));
        }
        return probabilityAlive(history.frequency(), history.recency(), history.age());
    }

    private double probabilityAlive(long x, double recency, double age) {
        double[] alive = new double[1];
        ParetoNbdCore.logLikelihood(r(), alpha(), s(), beta(), x, recency, age, alive);
        return alive[0];
    }

    /**
     * P(X(t) = n) = NB(n; t) (β/(β + t))ˢ + ∫₀ᵗ NB(n; τ) s βˢ (β + τ)^−(s+1) dτ: alive at t, or dropped out
     * at τ with n purchases before. In ℓ = ln τ the integrand of the second term is log-concave
     * (n ℓ − (r + n) ln(α + e^ℓ) − (s + 1) ln(β + e^ℓ) + ℓ), so it has one maximum, found by golden-section
     * search; each side of it, a monotone function peaked at an end, is integrated by tanh-sinh
     * quadrature, which resolves a peak at an end however narrow (a customer who buys very regularly,
     * r large, or drops out almost at once, s/β large). Below ℓ = ln min(t, α, β, α/r, β/s) the integrand
     * falls like e^((n+1)ℓ) and is cut where it is e^(−750) of its peak. The result is a probability, in
     * [0, 1] (a quadrature error of 1e-12 is not let out of it).
     */
    @Override
    public double probabilityOfPurchases(long n, double t) {
        Checks.count(n, "n");
        return countProbability(r(), alpha(), s(), beta(), n, Predictions.horizon(t));
    }

    /**
     * P(X(t) = n) for n = 0, ..., {@code highest}, all in one pass of a Gauss–Legendre quadrature over the time of
     * the drop-out ({@link ParetoNbdDynamicCovariateModel}'s, with constant covariates); equal to {@link
     * #probabilityOfPurchases(long, double)} to about 1e-11 of each probability (of P(X(t) = 0) in the far tail).
     * What the χ² test sums over the customers' ages.
     */
    double[] probabilitiesOfPurchases(double t, int highest) {
        return ParetoNbdDynamicCovariateModel.constantRatesDistribution(r(), alpha(), s(), beta(),
                Predictions.horizon(t), highest);
    }

    /** P(X(t) = n) of a customer alive at time 0 with parameters r, α, s, β (see above). */
    static double countProbability(double r, double alpha, double s, double beta, long n, double horizon) {
        if (horizon == 0.0) {
            return n == 0 ? 1.0 : 0.0;
        }
        double logNbConstant = SpecialFunctions.logGamma(r + n) - SpecialFunctions.logGamma(r)
                - SpecialFunctions.logGamma(n + 1.0);
        double logAlpha = Math.log(alpha);
        double logBeta = Math.log(beta);
        double logT = Math.log(horizon);
        double aliveAtT = Math.exp(logNbConstant + r * (logAlpha - Math.log(alpha + horizon))
                + n * (logT - Math.log(alpha + horizon)) - s * Math.log1p(horizon / beta));
        double logDeath = Math.log(s) + s * logBeta;
        java.util.function.DoubleUnaryOperator logIntegrand = l -> {
            double tau = Math.exp(l);
            double logAlphaTau = Math.log(alpha + tau);
            return logNbConstant + r * (logAlpha - logAlphaTau) + (n == 0 ? 0.0 : n * (l - logAlphaTau)) + logDeath
                    - (s + 1.0) * Math.log(beta + tau) + l;
        };
        double scale = Math.min(Math.min(logT, Math.min(logAlpha, logBeta)),
                Math.min(logAlpha - Math.log(r), logBeta - Math.log(s)));
        double low = scale - 750.0 / (n + 1.0) - 1.0;
        double mode = goldenSectionMaximum(logIntegrand, low, logT);
        double peak = logIntegrand.applyAsDouble(mode);
        double dropped = Math.exp(peak) * (monotoneIntegral(logIntegrand, low, mode, peak)
                + monotoneIntegral(logIntegrand, mode, logT, peak));
        return Math.min(1.0, aliveAtT + dropped);
    }

    /**
     * P(Y(t) = n | x, tₓ, T) = [n = 0] (1 − P(alive)) + P(alive) · P(X(t) = n | r + x, α + T, s, β + T): given
     * the history and alive at T, λ ~ gamma(r + x, α + T) and μ ~ gamma(s, β + T) independently, and the
     * process from T on is that of a new customer with those parameters (Fader &amp; Hardie, "Deriving the
     * Conditional PMF of the Pareto/NBD Model", brucehardie.com note 028, whose closed form expands the
     * same mixture). The history is converted to the model's time unit first.
     *
     * @throws InvalidArgumentException if {@code n} or {@code t} is out of range
     */
    @Override
    public double probabilityOfPurchases(long n, double t, PurchaseHistory history) {
        Checks.count(n, "n");
        double horizon = Predictions.horizon(t);
        if (Predictions.needsConversion(history, timeUnit())) {
            return probabilityOfPurchases(n, horizon, history.in(timeUnit()));
        }
        long x = history.frequency();
        double age = history.age();
        double alive = probabilityAlive(x, history.recency(), age);
        double dead = n == 0 ? 1.0 - alive : 0.0;
        if (alive == 0.0) {
            return dead;
        }
        return dead + alive * countProbability(r() + x, alpha() + age, s(), beta() + age, n, horizon);
    }

    /**
     * P(alive at T + t | x, tₓ, T) = P(alive | x, tₓ, T) · ((β + T)/(β + T + t))ˢ: alive at T, the drop-out
     * rate is μ ~ gamma(s, β + T), and the exponential lifetime survives t more with probability
     * E[e^(−μt)]. The history is converted to the model's time unit first.
     *
     * @throws InvalidArgumentException if {@code t} is negative or not finite
     */
    @Override
    public double probabilityAlive(double t, PurchaseHistory history) {
        double horizon = Predictions.horizon(t);
        if (Predictions.needsConversion(history, timeUnit())) {
            return probabilityAlive(horizon, history.in(timeUnit()));
        }
        double age = history.age();
        double alive = probabilityAlive(history.frequency(), history.recency(), age);
        return horizon == 0.0 ? alive : alive * Math.exp(-s() * Math.log1p(horizon / (beta() + age)));
    }

    /**
     * The discounted expected residual transactions DERT(δ | x, tₓ, T) of the customer with
     * {@code history}: the present value at T of their expected purchases after T over an infinite
     * horizon, discounted continuously at rate δ per time unit, ∫₀^∞ e^(−δτ) E[λ · 1{alive at T + τ} | x, tₓ, T] dτ.
     * Fader, Hardie &amp; Lee (2005, "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis",
     * Journal of Marketing Research 42(4), eq. 2):
     * <pre>
     *   DERT = αʳ βˢ δ^(s−1) Γ(r + x + 1) Ψ(s, s; δ(β + T)) / [Γ(r) (α + T)^(r+x+1) L(r, α, s, β | x, tₓ, T)]
     *        = P(alive | x, tₓ, T) · (r + x)/(α + T) · (β + T)^s δ^(s−1) Ψ(s, s; δ(β + T))
     *        = P(alive | x, tₓ, T) · (r + x)/(α + T) · (β + T) · J(s, δ(β + T)),
     * </pre>
     * with Ψ Tricomi's confluent hypergeometric function of the second kind and J(s, z) = z^(s−1) Ψ(s, s; z)
     * = ∫₀^∞ e^(−zu)(1 + u)^(−s) du = e^z Eₛ(z) (the expectation of 1/(δ + μ) over μ ~ gamma(s, β + T) is
     * (β + T) J(s, δ(β + T))), evaluated by continued fraction or series (see
     * {@code internal.ExponentialIntegral}, 1e-14). Multiplied by the expected spend per transaction, it is
     * the customer's expected residual lifetime value.
     *
     * <p>δ is a continuously compounded rate per model time unit: an annual discount rate d in a model
     * fitted in weeks is δ = ln(1 + d)/52 with Fader, Hardie &amp; Lee's 52 weeks a year (15 % a year:
     * 0.002688), or ln(1 + d)/{@code toModelTime(1, YEARS)} with java.time's year.
     *
     * @param delta δ, the continuously compounded discount rate per model time unit, finite and &gt; 0
     * @param history the customer's history, in any unit (converted to the model's); not null
     * @throws InvalidArgumentException if {@code delta} is not finite and &gt; 0
     */
    public double discountedExpectedResidualTransactions(double delta, PurchaseHistory history) {
        Checks.positive(delta, "delta");
        if (Predictions.needsConversion(history, timeUnit())) {
            return discountedExpectedResidualTransactions(delta, history.in(timeUnit()));
        }
        long x = history.frequency();
        double age = history.age();
        double alive = probabilityAlive(x, history.recency(), age);
        if (alive == 0.0) {
            return 0.0;
        }
        double betaT = beta() + age;
        return alive * (r() + x) / (alpha() + age) * betaT * ExponentialIntegral.scaled(s(), delta * betaT);
    }

    /** The maximum of a concave function on [low, high], by golden-section search. */
    private static double goldenSectionMaximum(java.util.function.DoubleUnaryOperator f, double low, double high) {
        double ratio = 0.6180339887498949;
        double a = low;
        double b = high;
        double x1 = b - ratio * (b - a);
        double x2 = a + ratio * (b - a);
        double f1 = f.applyAsDouble(x1);
        double f2 = f.applyAsDouble(x2);
        for (int i = 0; i < 200 && b - a > 1e-12 * Math.max(1.0, Math.abs(a) + Math.abs(b)); i++) {
            if (f1 < f2) {
                a = x1;
                x1 = x2;
                f1 = f2;
                x2 = a + ratio * (b - a);
                f2 = f.applyAsDouble(x2);
            } else {
                b = x2;
                x2 = x1;
                f2 = f1;
                x1 = b - ratio * (b - a);
                f1 = f.applyAsDouble(x1);
            }
        }
        return 0.5 * (a + b);
    }

    /** ∫ₐᵇ exp(f(ℓ) − peak) dℓ of a monotone integrand, by tanh-sinh quadrature; 0 for b ≤ a. */
    private static double monotoneIntegral(java.util.function.DoubleUnaryOperator f, double a, double b, double peak) {
        double width = b - a;
        if (!(width > 0.0)) {
            return 0.0;
        }
        double logWidth = Math.log(width);
        // ℓ = a + width · p; the quadrature wants f(p) p q
        return Quadrature.unitInterval((p, q, logP, logQ) -> Math.exp(f.applyAsDouble(a + width * p) - peak + logWidth
                + logP + logQ), 1e-12);
    }

    @Override
    public double logLikelihood(PurchaseHistory history) {
        if (Predictions.needsConversion(history, timeUnit())) {
            return logLikelihood(history.in(timeUnit()));
        }
        return ParetoNbdCore.logLikelihood(r(), alpha(), s(), beta(), history.frequency(), history.recency(),
                history.age(), null);
    }

    @Override
    public double logLikelihood(PurchaseHistories histories) {
        Checks.notNull(histories, "histories");
        return new ParetoNbdCore.Likelihood(histories.in(timeUnit())).value(new double[] {r(), alpha(), s(), beta()},
                null);
    }

    @Override
    public PurchaseHistories simulate(double[] ages, long seed) {
        return Predictions.simulate(ages, seed, timeUnit(), (random, age, out) -> {
            double lambda = RandomVariates.gamma(random, r(), alpha());
            double mu = RandomVariates.gamma(random, s(), beta());
            double end = Math.min(age, RandomVariates.exponential(random, mu));
            long x = 0;
            double last = 0.0;
            for (double time = RandomVariates.exponential(random, lambda); time <= end;
                    time += RandomVariates.exponential(random, lambda)) {
                x++;
                last = time;
            }
            out[0] = x;
            out[1] = last;
        });
    }
}
