package org.loyaltymetrics.model;

import java.time.temporal.ChronoUnit;
import java.util.List;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.internal.Checks;

/**
 * The part of the BG/NBD and MBG/NBD models that differs only in k, the number of drop-out chances
 * before the first repeat purchase (0 for BG/NBD, 1 for MBG/NBD); see {@link BetaGeometricCore}.
 */
abstract class BetaGeometricFamily extends NbdPurchaseModel {

    /** The parameter names, in order: r, alpha, a, b. */
    static final List<String> NAMES = List.of("r", "alpha", "a", "b");

    private final int k;

    BetaGeometricFamily(String model, int k, double[] parameters, ChronoUnit timeUnit, ModelFit fit) {
        super(model, NAMES, parameters, timeUnit, fit);
        this.k = k;
    }

    static ModelFit fitParameters(String model, int k, PurchaseHistories histories, FitOptions options) {
        Checks.notNull(histories, "histories");
        Checks.notNull(options, "options");
        double[] start = {1.0, alphaStart(histories), 1.0, 1.0};
        return MaximumLikelihood.fit(model, NAMES, new BetaGeometricCore.Likelihood(histories, k), start,
                histories.customers(), histories.distinctRows(), options);
    }

    /** The fit to a likelihood summed over parts, with the start values of {@link #fitParameters(String, int, PurchaseHistories, FitOptions)}. */
    static ModelFit fitParameters(String model, int k, PartitionedLikelihood total, FitOptions options) {
        Checks.notNull(total, "total");
        Checks.notNull(options, "options");
        if (!total.model().equals(model)) {
            throw InvalidArgumentException.of("total", "a likelihood of the " + model + " model", "one of " + total.model());
        }
        double[] start = {1.0, alphaStart(total), 1.0, 1.0};
        return MaximumLikelihood.fit(model, NAMES, MaximumLikelihood.LogLikelihood.of(total), start, total.customers(),
                (int) Math.min(Integer.MAX_VALUE, total.distinctRows()), options);
    }

    /** The likelihood of one part of the data, for {@link PartitionedLikelihood}. */
    static PartitionedLikelihood partLikelihood(String model, int k, PurchaseHistories part) {
        Checks.notNull(part, "part");
        return MaximumLikelihood.LogLikelihood.part(model, new BetaGeometricCore.Likelihood(part, k), part, true);
    }

    /** The bulk predictions of a block of customers over {@code horizon} (for {@link Scorer#scoreColumns}). */
    BetaGeometricPredictions bulkPredictions(double horizon) {
        return new BetaGeometricPredictions(r(), alpha(), a(), b(), k, horizon);
    }

    /** a, the first shape of the beta distribution of drop-out probabilities. */
    public double a() {
        return parameter(2);
    }

    /** b, the second shape of the beta distribution of drop-out probabilities. */
    public double b() {
        return parameter(3);
    }

    /**
     * E[Y(t) | x, tₓ, T]: P(alive | x, tₓ, T) times the expected purchases in t of a customer alive at T
     * whose parameters are updated by the history to (r + x, α + T, a, b + x + k), see
     * {@link BetaGeometricCore#expectation}. The history is converted to the model's time unit first.
     *
     * @throws InvalidArgumentException if {@code t} is negative or not finite
     */
    public double conditionalExpectedPurchases(double t, PurchaseHistory history) {
        double horizon = Predictions.horizon(t);
        if (Predictions.needsConversion(history, timeUnit())) {
            return conditionalExpectedPurchases(horizon, history.in(timeUnit()));
        }
        // the work takes the three numbers, so that this method stays small enough to be inlined and a
        // history built by the caller is scalar-replaced (never allocated)
        return conditionalExpectedPurchases(horizon, history.frequency(), history.recency(), history.age());
    }

    private double conditionalExpectedPurchases(double horizon, long x, double recency, double age) {
        double alive = BetaGeometricCore.probabilityAlive(r(), alpha(), a(), b(), k, x, recency, age);
        if (alive == 0.0 || horizon == 0.0) {
            return 0.0;
        }
        return alive * BetaGeometricCore.expectation(r() + x, alpha() + age, a(), b() + x + k, horizon);
    }

    /**
     * P(alive | x, tₓ, T) = 1 / (1 + [x + k &gt; 0] · a/(b + x + k − 1) · ((α + T)/(α + tₓ))^(r+x)), the
     * history converted to the model's time unit first.
     */
    public double probabilityAlive(PurchaseHistory history) {
        if (Predictions.needsConversion(history, timeUnit())) {
            return probabilityAlive(history.in(timeUnit()));
        }
        return BetaGeometricCore.probabilityAlive(r(), alpha(), a(), b(), k, history.frequency(), history.recency(),
                history.age());
    }

    /**
     * P(Y(t) = n | x, tₓ, T) = [n = 0] (1 − P(alive)) + P(alive) · P(X(t) = n) of a BG/NBD customer alive
     * now with the posterior parameters (r + x, α + T, a, b + x + k): given the history and alive at T,
     * λ ~ gamma(r + x, α + T) and p ~ beta(a, b + x + k) independently (the likelihood of the alive branch
     * is λˣ e^(−λT) (1 − p)^(x+k)), and from T on the customer buys as one whose next drop-out chance
     * follows their next purchase, which is the BG/NBD count from a first purchase (eq. 8 of Fader,
     * Hardie &amp; Lee 2005; the argument of Fader &amp; Hardie's note 028 on the conditional PMF of the
     * Pareto/NBD). The history is converted to the model's time unit first.
     *
     * @throws InvalidArgumentException if {@code n} or {@code t} is out of range
     */
    public double probabilityOfPurchases(long n, double t, PurchaseHistory history) {
        Checks.count(n, "n");
        double horizon = Predictions.horizon(t);
        if (Predictions.needsConversion(history, timeUnit())) {
            return probabilityOfPurchases(n, horizon, history.in(timeUnit()));
        }
        long x = history.frequency();
        double age = history.age();
        double alive = BetaGeometricCore.probabilityAlive(r(), alpha(), a(), b(), k, x, history.recency(), age);
        double dead = n == 0 ? 1.0 - alive : 0.0;
        if (alive == 0.0) {
            return dead;
        }
        return dead + alive * BetaGeometricCore.probabilityOfPurchases(r() + x, alpha() + age, a(), b() + x + k, n,
                horizon);
    }

    /**
     * P(alive at T + t | x, tₓ, T) = P(alive | x, tₓ, T) · E[(1 + p t/(α + T))^−(r+x)], the expectation over
     * p ~ beta(a, b + x + k): a customer alive at T with rate λ and drop-out probability p survives each of
     * the Poisson(λt) purchases of the next t time units with probability 1 − p, so with probability
     * e^(−λpt), which over λ ~ gamma(r + x, α + T) is (1 + pt/(α + T))^−(r+x). The expectation over p is
     * (1 − z)^(r+x) ₂F₁(r + x, b + x + k; a + b + x + k; z), z = t/(α + T + t), summed as
     * Σₙ NB(n) (b')ₙ/(a + b')ₙ (the negative binomial count n of purchases of a customer who never drops
     * out, each term positive) where that needs at most a few thousand terms, and at longer horizons as
     * 1 − a/(a + b') times the expected purchases of a customer alive now under beta(a + 1, b') (see
     * {@code BetaGeometricCore.survival}), to about 1e-13 absolute there. The history is converted to the
     * model's time unit first.
     *
     * @throws InvalidArgumentException if {@code t} is negative or not finite
     */
    public double probabilityAlive(double t, PurchaseHistory history) {
        double horizon = Predictions.horizon(t);
        if (Predictions.needsConversion(history, timeUnit())) {
            return probabilityAlive(horizon, history.in(timeUnit()));
        }
        long x = history.frequency();
        double age = history.age();
        double alive = BetaGeometricCore.probabilityAlive(r(), alpha(), a(), b(), k, x, history.recency(), age);
        if (alive == 0.0 || horizon == 0.0) {
            return alive;
        }
        return alive * BetaGeometricCore.survival(r() + x, alpha() + age, a(), b() + x + k, horizon);
    }

    /** The log-likelihood of one customer's history, its times in the model's unit. */
    public double logLikelihood(PurchaseHistory history) {
        if (Predictions.needsConversion(history, timeUnit())) {
            return logLikelihood(history.in(timeUnit()));
        }
        return BetaGeometricCore.logLikelihood(r(), alpha(), a(), b(), k, history.frequency(), history.recency(),
                history.age());
    }

    /** The total log-likelihood of {@code histories}, their times in the model's unit. */
    public double logLikelihood(PurchaseHistories histories) {
        Checks.notNull(histories, "histories");
        return new BetaGeometricCore.Likelihood(histories.in(timeUnit()), k)
                .value(new double[] {r(), alpha(), a(), b()}, null);
    }

    /** Simulates one customer per age, seeded: the same seed gives the same histories. */
    public PurchaseHistories simulate(double[] ages, long seed) {
        return Predictions.simulate(ages, seed, timeUnit(),
                (random, age, out) -> BetaGeometricCore.simulate(random, r(), alpha(), a(), b(), k, age, out));
    }
}
