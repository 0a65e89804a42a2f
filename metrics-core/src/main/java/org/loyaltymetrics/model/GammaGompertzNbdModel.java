package org.loyaltymetrics.model;

import java.time.temporal.ChronoUnit;
import java.util.List;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.Quadrature;
import org.loyaltymetrics.internal.RandomVariates;
import org.loyaltymetrics.internal.RowChunks;
import org.loyaltymetrics.internal.SpecialFunctions;

/**
 * The gamma-Gompertz/NBD (GGom/NBD) model of repeat purchases (Bemmaor &amp; Glady 2012, "Modeling
 * Purchasing Behavior with Sudden 'Death': A Flexible Customer Lifetime Model", Management Science
 * 58(5)). While alive, a customer buys by a Poisson process of rate λ, λ ~ gamma(shape r, rate α) across
 * customers; their lifetime τ is Gompertz, P(τ &gt; u | η) = exp(−η (e^(bu) − 1)), with η ~ gamma(s, β)
 * across customers, so that the population's survival is the gamma-Gompertz
 * <pre>
 *   S(u) = (β / (β + e^(bu) − 1))ˢ,        f(u) = −S'(u) = s b e^(bu) βˢ / (β + e^(bu) − 1)^(s+1).
 * </pre>
 * Parameters, in the data's time unit and in CLVTools' order: r, α, b, s, β. As b → 0 with β/b fixed the
 * lifetime becomes exponential with rate η b ~ gamma(s, β/b): the model tends to the Pareto/NBD with
 * (r, α, s, β/b) ({@link #paretoNbdLimit()}).
 *
 * <p>Likelihood of a customer with x repeat purchases, the last at tₓ, observed until T (Bemmaor &amp;
 * Glady 2012, eq. 7, alive at T or dropped out between tₓ and T):
 * <pre>
 *   L = Γ(r + x) αʳ / Γ(r) · [ (α + T)^−(r+x) S(T) + ∫_tₓ^T (α + u)^−(r+x) f(u) du ]
 * </pre>
 * the integral by 8-point Gauss–Legendre on panels equally spaced in ln(α + u), as many as the
 * integrand needs (about one per unit of change of its logarithm). Predictions: given the history and
 * alive at T, λ ~ gamma(r + x, α + T) and η ~ gamma(s, β + e^(bT) − 1) independently, and the residual
 * lifetime survives u with probability ((β + e^(bT) − 1)/(β + e^(b(T+u)) − 1))ˢ, which is S(u) of the model
 * with β_T = (β + e^(bT) − 1) e^(−bT): the customer is a new customer of GGom/NBD(r + x, α + T, b, s, β_T).
 * Hence
 * <pre>
 *   E[X(t)]             = r/α · ∫₀ᵗ S(u) du
 *   P(alive | x, tₓ, T) = (α + T)^−(r+x) S(T) / [ (α + T)^−(r+x) S(T) + ∫_tₓ^T (α + u)^−(r+x) f(u) du ]
 *   E[Y(t) | x, tₓ, T]  = P(alive | x, tₓ, T) · (r + x)/(α + T) · ∫₀ᵗ S_T(u) du
 *   P(X(t) = n)         = NB(n; t) S(t) + ∫₀ᵗ NB(n; u) f(u) du
 * </pre>
 * with NB(n; u) = Γ(r + n)/(Γ(r) n!) (α/(α + u))ʳ (u/(α + u))ⁿ; the integrals of the predictions by tanh-sinh
 * quadrature to 1e-12 relative. These are CLVTools' (0.12.1, {@code ggomnbd}) expressions.
 *
 * <p>This class is immutable and thread-safe; fitting is deterministic.
 */
public final class GammaGompertzNbdModel extends NbdPurchaseModel implements TransactionModel {

    /** The parameter names, in order: r, alpha, b, s, beta. */
    public static final List<String> PARAMETERS = List.of("r", "alpha", "b", "s", "beta");

    private static final String MODEL = "GGom/NBD";

    /** Gauss–Legendre nodes and weights of order 8 on [−1, 1] (positive half). */
    private static final double[] NODES = {0.1834346424956498, 0.5255324099163290, 0.7966664774136267,
        0.9602898564975363};
    private static final double[] WEIGHTS = {0.3626837833783620, 0.3137066458778873, 0.2223810344533745,
        0.1012285362903763};
    private static final int MAX_PANELS = 400;

    private GammaGompertzNbdModel(double[] parameters, ChronoUnit timeUnit, ModelFit fit) {
        super(MODEL, PARAMETERS, parameters, timeUnit, fit);
    }

    /**
     * The model with given parameters, all finite and &gt; 0, in {@code timeUnit}.
     *
     * @throws InvalidArgumentException if a parameter is not finite and &gt; 0, or the unit is FOREVER
     */
    public static GammaGompertzNbdModel of(double r, double alpha, double b, double s, double beta,
            ChronoUnit timeUnit) {
        return new GammaGompertzNbdModel(new double[] {r, alpha, b, s, beta}, timeUnit, null);
    }

    /** Fits the model to {@code histories} by maximum likelihood with the default options. */
    public static GammaGompertzNbdModel fit(PurchaseHistories histories) {
        return fit(histories, FitOptions.defaults());
    }

    /**
     * Fits the model by maximum likelihood from r = 1, α = mean T / mean x, b = 1 / mean T, s = 1, β = 1
     * (gradient by central differences).
     *
     * <p><b>The Pareto/NBD boundary.</b> Where the data are better described by the Pareto/NBD (CDNOW;
     * data of a Pareto/NBD process), the likelihood rises towards b → 0, β → 0 with β/b fixed and has no
     * maximum at finite parameters (the optimiser runs b and β off to 0, or stops where the Hessian is
     * singular): the fit then throws a {@link ModelFitException} whose message says that there is no interior
     * maximum and gives the {@link ParetoNbdModel} fit to the same data
     * (its parameters are the limit's r, α, s and β/b, its log-likelihood the GGom/NBD's supremum); fit
     * that model instead (see also {@link #paretoNbdLimit()}). On CDNOW b and β run off this way, to
     * r = 0.5533, α = 10.578, s = 0.6062, β/b = 11.67, the Pareto/NBD fit.
     *
     * @throws ModelFitException if the fit does not converge (and {@code options} require it) or a
     *     parameter runs off to 0 or infinity (b → 0: the Pareto/NBD limit)
     */
    public static GammaGompertzNbdModel fit(PurchaseHistories histories, FitOptions options) {
        Checks.notNull(histories, "histories");
        Checks.notNull(options, "options");
        double meanAge = histories.isEmpty() ? 1.0 : histories.meanAge();
        double[] start = {1.0, alphaStart(histories), 1.0 / meanAge, 1.0, 1.0};
        ModelFit fit;
        try {
            fit = MaximumLikelihood.fit(MODEL, PARAMETERS, new Likelihood(histories), start, histories.customers(),
                    histories.distinctRows(), options);
        } catch (ModelFitException e) {
            throw atParetoLimit(e, histories, options);
        }
        return new GammaGompertzNbdModel(fit.estimates(), histories.timeUnit(), fit);
    }

    /**
     * The exception for a fit that failed other than for want of iterations: where the Pareto/NBD (the limit b → 0, β/b finite) can be
     * fitted to the same data, one that says so and names that fit, its parameters and log-likelihood
     * (the GGom/NBD's likelihood comes arbitrarily close to it); else {@code failure} itself.
     */
    private static ModelFitException atParetoLimit(ModelFitException failure, PurchaseHistories histories,
            FitOptions options) {
        String problem = failure.problem();
        if (failure.remedies().contains(ModelFitException.Remedy.MORE_ITERATIONS)) {
            return failure; // not converged: more iterations may find a maximum
        }
        ParetoNbdModel pareto;
        try {
            pareto = ParetoNbdModel.fit(histories, options);
        } catch (ModelFitException paretoFailure) {
            return failure;
        }
        ModelFitException limit = new ModelFitException("the " + MODEL + " model has no interior maximum on these "
                + "data (" + problem + "); its Pareto/NBD limit (b -> 0 and beta -> 0 with beta/b finite: the Gompertz "
                + "lifetimes become exponential) fits them: the Pareto/NBD fit "
                + MaximumLikelihood.describe(ParetoNbdModel.PARAMETERS, pareto.fitResult().estimates())
                + ", log-likelihood " + Formatting.decimal(pareto.fitResult().logLikelihood(), 4),
                List.of(), "fit the Pareto/NBD (ParetoNbdModel), which is this limit");
        limit.initCause(failure);
        return limit;
    }

    /** b, the scale of the Gompertz lifetimes (e^(bu)). */
    public double b() {
        return parameter(2);
    }

    /** s, the shape of the gamma distribution of η. */
    public double s() {
        return parameter(3);
    }

    /** β, the rate of the gamma distribution of η. */
    public double beta() {
        return parameter(4);
    }

    /**
     * The Pareto/NBD this model tends to as b → 0 with β/b fixed: (r, α, s, β/b), in the same unit, not
     * fitted. Close to this model where b · (the horizons and ages of interest) is small.
     */
    public ParetoNbdModel paretoNbdLimit() {
        return ParetoNbdModel.of(r(), alpha(), s(), beta() / b(), timeUnit());
    }

    // ---- the gamma-Gompertz lifetime -------------------------------------------------------------

    /**
     * ln(1 + (e^(bu) − 1)/β): as written for bu ≤ 1, else as bu − ln β + ln(1 + (β − 1) e^(−bu)), which stays
     * finite where e^(bu) overflows.
     */
    static double logGrowth(double b, double beta, double u) {
        double bu = b * u;
        return bu <= 1.0 ? Math.log1p(Math.expm1(bu) / beta) : bu - Math.log(beta) + Math.log1p((beta - 1.0)
                * Math.exp(-bu));
    }

    /** ln S(u) = −s ln(1 + (e^(bu) − 1)/β). */
    static double logSurvival(double b, double s, double beta, double u) {
        return -s * logGrowth(b, beta, u);
    }

    /** ln f(u) = ln(s b / β) + bu − (s + 1) ln(1 + (e^(bu) − 1)/β). */
    static double logDensity(double b, double s, double beta, double u) {
        return Math.log(s) + Math.log(b) - Math.log(beta) + b * u - (s + 1.0) * logGrowth(b, beta, u);
    }

    /** β_T = (β + e^(bT) − 1) e^(−bT): the β of the residual lifetime of a customer alive at T. */
    static double posteriorBeta(double b, double beta, double age) {
        return beta * Math.exp(-b * age) - Math.expm1(-b * age); // (β + e^(bT) − 1) e^(−bT) without overflow
    }

    /** ∫₀ᵗ S(u) du by tanh-sinh quadrature. */
    static double expectedLifetime(double b, double s, double beta, double t) {
        if (t == 0.0) {
            return 0.0;
        }
        return t * Quadrature.unitInterval((p, q, logP, logQ) -> Math.exp(logSurvival(b, s, beta, t * p)) * p * q,
                1e-12);
    }

    /** ln of the bracket (α + T)^−(r+x) S(T) + ∫_tₓ^T (α + u)^−(r+x) f(u) du; P(alive) into aliveOut[0]. */
    static double logBracket(double r, double alpha, double b, double s, double beta, double x, double recency,
            double age, double[] aliveOut) {
        double k = r + x;
        double logAlive = -k * Math.log(alpha + age) + logSurvival(b, s, beta, age);
        double integral = 0.0;
        double scale = -k * Math.log(alpha + recency) + Math.max(logDensity(b, s, beta, recency),
                logDensity(b, s, beta, age));
        if (age > recency) {
            // u = e^v − α, v from ln(α + tₓ) to ln(α + T); the integrand e^(−(k−1)v) f(e^v − α)
            double v0 = Math.log(alpha + recency);
            double v1 = Math.log(alpha + age);
            double change = Math.abs(k - 1.0) * (v1 - v0) + b * (age - recency) * (1.0 + s);
            int panels = (int) Math.min(MAX_PANELS, Math.ceil(change) + 1);
            double width = (v1 - v0) / panels;
            double half = 0.5 * width;
            for (int p = 0; p < panels; p++) {
                double center = v0 + (p + 0.5) * width;
                for (int j = 0; j < NODES.length; j++) {
                    for (int sign = -1; sign <= 1; sign += 2) {
                        double v = center + sign * half * NODES[j];
                        double u = Math.min(age, Math.max(recency, Math.exp(v) - alpha));
                        integral += WEIGHTS[j] * Math.exp(-(k - 1.0) * v + logDensity(b, s, beta, u) - scale);
                    }
                }
            }
            integral *= half;
        }
        double aliveTerm = Math.exp(logAlive - scale);
        double bracket = aliveTerm + integral;
        if (aliveOut != null) {
            aliveOut[0] = Math.min(1.0, aliveTerm / bracket);
        }
        return scale + Math.log(bracket);
    }

    /** ln L of one history. */
    static double logLikelihood(double r, double alpha, double b, double s, double beta, double x, double recency,
            double age, double[] aliveOut) {
        return SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) + r * Math.log(alpha)
                + logBracket(r, alpha, b, s, beta, x, recency, age, aliveOut);
    }

    // ---- predictions ------------------------------------------------------------------------------

    /** E[X(t)] = r/α · ∫₀ᵗ S(u) du. */
    @Override
    public double expectedPurchases(double t) {
        return r() / alpha() * expectedLifetime(b(), s(), beta(), Predictions.horizon(t));
    }

    /**
     * E[Y(t) | x, tₓ, T] = P(alive | x, tₓ, T) · (r + x)/(α + T) · ∫₀ᵗ S_T(u) du, S_T the survival of the model
     * with β_T = (β + e^(bT) − 1) e^(−bT); the history converted to the model's unit first.
     */
    @Override
    public double conditionalExpectedPurchases(double t, PurchaseHistory history) {
        double horizon = Predictions.horizon(t);
        if (Predictions.needsConversion(history, timeUnit())) {
            return conditionalExpectedPurchases(horizon, history.in(timeUnit()));
        }
        long x = history.frequency();
        double age = history.age();
        double alive = probabilityAlive(x, history.recency(), age);
        if (alive == 0.0) {
            return 0.0;
        }
        return alive * (r() + x) / (alpha() + age)
                * expectedLifetime(b(), s(), posteriorBeta(b(), beta(), age), horizon);
    }

    /** P(alive | x, tₓ, T), in [0, 1], the history converted to the model's unit first. */
    @Override
    public double probabilityAlive(PurchaseHistory history) {
        if (Predictions.needsConversion(history, timeUnit())) {
            return probabilityAlive(history.in(timeUnit()));
        }
        return probabilityAlive(history.frequency(), history.recency(), history.age());
    }

    private double probabilityAlive(long x, double recency, double age) {
        double[] alive = new double[1];
        logBracket(r(), alpha(), b(), s(), beta(), x, recency, age, alive);
        return alive[0];
    }

    /**
     * P(alive at T + t | x, tₓ, T) = P(alive | x, tₓ, T) · S_T(t), S_T(t) = (β_T/(β_T + e^(bt) − 1))ˢ.
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
        return horizon == 0.0 ? alive
                : alive * Math.exp(logSurvival(b(), s(), posteriorBeta(b(), beta(), age), horizon));
    }

    /** P(X(t) = n) = NB(n; t) S(t) + ∫₀ᵗ NB(n; u) f(u) du. */
    @Override
    public double probabilityOfPurchases(long n, double t) {
        Checks.count(n, "n");
        return countProbability(r(), alpha(), b(), s(), beta(), n, Predictions.horizon(t));
    }

    static double countProbability(double r, double alpha, double b, double s, double beta, long n, double t) {
        if (t == 0.0) {
            return n == 0 ? 1.0 : 0.0;
        }
        double logConstant = SpecialFunctions.logGamma(r + n) - SpecialFunctions.logGamma(r)
                - SpecialFunctions.logGamma(n + 1.0);
        java.util.function.DoubleUnaryOperator logNb = u -> logConstant + r * Math.log(alpha / (alpha + u))
                + (n == 0 ? 0.0 : n * Math.log(u / (alpha + u)));
        double alive = Math.exp(logNb.applyAsDouble(t) + logSurvival(b, s, beta, t));
        double dropped = t * Quadrature.unitInterval((p, q, logP, logQ) -> {
            double u = t * p;
            return Math.exp(logNb.applyAsDouble(u) + logDensity(b, s, beta, u)) * p * q;
        }, 1e-12);
        return Math.min(1.0, alive + dropped);
    }

    /**
     * P(Y(t) = n | x, tₓ, T) = [n = 0] (1 − P(alive)) + P(alive) · P(X(t) = n | r + x, α + T, b, s, β_T).
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
        return dead + alive * countProbability(r() + x, alpha() + age, b(), s(), posteriorBeta(b(), beta(), age), n,
                horizon);
    }

    @Override
    public double logLikelihood(PurchaseHistory history) {
        if (Predictions.needsConversion(history, timeUnit())) {
            return logLikelihood(history.in(timeUnit()));
        }
        return logLikelihood(r(), alpha(), b(), s(), beta(), history.frequency(), history.recency(), history.age(),
                null);
    }

    @Override
    public double logLikelihood(PurchaseHistories histories) {
        Checks.notNull(histories, "histories");
        return new Likelihood(histories.in(timeUnit())).value(new double[] {r(), alpha(), b(), s(), beta()}, null);
    }

    /** λ ~ gamma(r, α), η ~ gamma(s, β), lifetime ln(1 + E/η)/b with E ~ exponential(1). */
    @Override
    public PurchaseHistories simulate(double[] ages, long seed) {
        return Predictions.simulate(ages, seed, timeUnit(), (random, age, out) -> {
            double lambda = RandomVariates.gamma(random, r(), alpha());
            double eta = RandomVariates.gamma(random, s(), beta());
            double lifetime = Math.log1p(RandomVariates.exponential(random, 1.0) / eta) / b();
            double end = Math.min(age, lifetime);
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

    /** The total log-likelihood of the rows, summed in chunks on all cores; no analytic gradient. */
    static final class Likelihood extends PurchaseLikelihood {

        Likelihood(PurchaseHistories data) {
            super(data);
        }

        @Override
        public boolean hasGradient() {
            return false;
        }

        @Override
        public MaximumLikelihood.LogLikelihood sample(int stride) {
            return new Likelihood(sampleRows(stride));
        }

        @Override
        public double value(double[] theta, double[] gradient) {
            double r = theta[0];
            double alpha = theta[1];
            double b = theta[2];
            double s = theta[3];
            double beta = theta[4];
            double constant = r * Math.log(alpha) - SpecialFunctions.logGamma(r);
            return RowChunks.sum(rows, null, (from, to, g) -> {
                double total = 0.0;
                double lastX = Double.NaN;
                double logGammaRX = 0.0;
                for (int i = from; i < to; i++) {
                    if (x[i] != lastX) {
                        lastX = x[i];
                        logGammaRX = SpecialFunctions.logGamma(r + lastX);
                    }
                    total += weight[i] * (logGammaRX + constant
                            + logBracket(r, alpha, b, s, beta, x[i], recency[i], age[i], null));
                }
                return total;
            });
        }
    }
}
