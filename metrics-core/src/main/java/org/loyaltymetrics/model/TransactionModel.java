package org.loyaltymetrics.model;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.TimeUnits;

/**
 * A "buy till you die" model of repeat purchases in continuous time with unobserved defection: the
 * BG/NBD ({@link BetaGeometricNbdModel}), MBG/NBD ({@link ModifiedBetaGeometricNbdModel}), Pareto/NBD
 * ({@link ParetoNbdModel}) and GGom/NBD ({@link GammaGompertzNbdModel}) models. Each customer buys by a
 * Poisson process while alive and drops out unobserved; the models differ in how.
 *
 * <p><b>Customers.</b> A prediction for a customer takes their {@link PurchaseHistory} (frequency x,
 * recency tₓ, age T and the unit of the times), never loose numbers, so that recency and age cannot
 * swap. A history in another unit than the model's is converted to the model's unit
 * ({@link PurchaseHistory#in(ChronoUnit)}) before it is used: weeks are never read as days.
 *
 * <p><b>Horizons.</b> A horizon t is in the model's {@link #timeUnit()}, the unit of the data it was
 * fitted to; {@link #toModelTime(double, ChronoUnit)} converts one from any other unit, and a lifetime
 * value takes a {@link ValuationHorizon}, which carries its own unit.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface TransactionModel permits BetaGeometricNbdModel, ModifiedBetaGeometricNbdModel, ParetoNbdModel,
        GammaGompertzNbdModel {

    /** The unit of every time this model takes and returns. */
    ChronoUnit timeUnit();

    /**
     * {@code amount} of {@code unit} in this model's time unit, e.g. 52 WEEKS is 364 in a model in DAYS
     * (MONTHS and YEARS are java.time's estimated ones, 365.2425 / 12 and 365.2425 days). An amount is
     * a duration: finite, &gt;= 0, and small enough to stay finite in the model's unit; 0 is +0.0.
     *
     * @param amount the duration in {@code unit}, finite and &gt;= 0
     * @param unit the unit of {@code amount}; not FOREVER
     * @throws InvalidArgumentException if {@code amount} is NaN, infinite or negative, or so large that
     *     it overflows in the model's unit, or if {@code unit} is FOREVER
     */
    default double toModelTime(double amount, ChronoUnit unit) {
        Checks.nonNegative(amount, "amount");
        double ratio = TimeUnits.ratio(TimeUnits.check(unit, "unit"), timeUnit());
        double time = amount * ratio + 0.0; // + 0.0: an amount of -0.0 is +0.0
        if (time == Double.POSITIVE_INFINITY) {
            throw InvalidArgumentException.of("amount", "at most " + (Double.MAX_VALUE / ratio) + " "
                    + TimeUnits.name(unit) + " to be finite in " + TimeUnits.name(timeUnit()), amount);
        }
        return time;
    }

    /** The parameters by name, in the model's order (e.g. r, alpha, a, b). */
    Map<String, Double> parameters();

    /**
     * The expected number of repeat purchases E[X(t)] of a new customer in the first {@code t} time
     * units after their first purchase.
     *
     * @param t the horizon in the model's time unit, finite and &gt;= 0
     * @throws InvalidArgumentException if {@code t} is negative or not finite
     */
    double expectedPurchases(double t);

    /**
     * The expected number of purchases E[Y(t) | x, tₓ, T] in the next {@code t} time units of the
     * customer with {@code history}.
     *
     * @param t the horizon in the model's time unit, finite and &gt;= 0
     * @param history the customer's history, in any unit (converted to the model's); not null
     * @throws InvalidArgumentException if {@code t} is negative or not finite
     */
    double conditionalExpectedPurchases(double t, PurchaseHistory history);

    /**
     * The probability P(alive | x, tₓ, T) that the customer with {@code history} is still active at the
     * end of their observation, in [0, 1].
     *
     * @param history the customer's history, in any unit (converted to the model's); not null
     */
    double probabilityAlive(PurchaseHistory history);

    /**
     * The probability P(X(t) = n) that a new customer makes exactly n repeat purchases in (0, t].
     *
     * @param n the number of repeat purchases, &gt;= 0
     * @param t the time since the first purchase in the model's time unit, finite and &gt;= 0
     * @throws InvalidArgumentException if {@code n} or {@code t} is out of range
     */
    double probabilityOfPurchases(long n, double t);

    /**
     * The log-likelihood of one customer's history, its times in the model's unit (a history in
     * another unit is converted first; the likelihood of times is a density in that unit).
     *
     * @param history the customer's history; not null
     */
    double logLikelihood(PurchaseHistory history);

    /**
     * The total log-likelihood of {@code histories} (weighted), their times in the model's unit
     * (histories in another unit are converted first, {@link PurchaseHistories#in(ChronoUnit)}).
     *
     * @param histories the customers' histories; not null
     */
    double logLikelihood(PurchaseHistories histories);

    /**
     * Simulates one customer per entry of {@code ages} (each observed for that long since their first
     * purchase, in the model's time unit) from this model's parameters, with a
     * {@link java.util.SplittableRandom} seeded with {@code seed}: the same seed gives the same
     * histories.
     *
     * @throws InvalidArgumentException if an age is not finite and &gt; 0
     */
    PurchaseHistories simulate(double[] ages, long seed);

    /**
     * The conditional distribution of purchases P(Y(t) = n | x, tₓ, T): the probability that the
     * customer with {@code history} makes exactly n purchases in the next {@code t} time units. A
     * customer who has dropped out by T makes none; one still alive at T buys from then on as a new
     * customer of the model whose parameters are updated by the history (see each model), so that
     * <pre>
     *   P(Y(t) = n | x, tₓ, T) = [n = 0] · (1 − P(alive | x, tₓ, T)) + P(alive | x, tₓ, T) · P(X(t) = n | posterior)
     * </pre>
     * (Fader &amp; Hardie, "Deriving the Conditional PMF of the Pareto/NBD Model", brucehardie.com note 028,
     * and the same argument for the BG/NBD and MBG/NBD). Over n it sums to 1, and its mean is
     * {@link #conditionalExpectedPurchases(double, PurchaseHistory)}.
     *
     * @param n the number of purchases, &gt;= 0
     * @param t the horizon in the model's time unit, finite and &gt;= 0
     * @param history the customer's history, in any unit (converted to the model's); not null
     * @throws InvalidArgumentException if {@code n} or {@code t} is out of range
     */
    double probabilityOfPurchases(long n, double t, PurchaseHistory history);

    /**
     * The prediction interval of the customer's own number of purchases Y(t) in the next {@code t} time
     * units: the equal-tailed interval [low, high] of counts from the conditional distribution
     * {@link #probabilityOfPurchases(long, double, PurchaseHistory)}, low the smallest n with
     * P(Y ≤ n) &gt; (1 − level)/2 and high the smallest n with P(Y ≤ n) ≥ (1 + level)/2, so that
     * P(Y &lt; low) ≤ (1 − level)/2, P(Y &gt; high) ≤ (1 − level)/2 and P(low ≤ Y ≤ high) ≥ level (a count is
     * discrete: the probability reached, {@link PredictionInterval#probability()}, is usually above the
     * level). It is the range of what this customer may do, at the fitted parameters; it is not a
     * confidence interval of the expectation E[Y(t) | x, tₓ, T], whose uncertainty comes from the
     * parameters ({@link #uncertainty()}).
     *
     * @param t the horizon in the model's time unit, finite and &gt;= 0
     * @param history the customer's history, in any unit (converted to the model's); not null
     * @param level the probability the interval should hold, in (0, 1), such as 0.9
     * @throws InvalidArgumentException if {@code t} or {@code level} is out of range
     * @throws UndefinedResultException if the distribution has not reached (1 + level)/2 within 10⁷ counts
     */
    default PredictionInterval predictionInterval(double t, PurchaseHistory history, double level) {
        return PredictionInterval.of(this, t, history, level);
    }

    /**
     * The probability P(alive at T + t | x, tₓ, T) that the customer with {@code history} has not dropped
     * out by {@code t} time units after the end of their observation T, given their history up to T
     * and nothing after it (the purchases they make after T are not known; they are integrated over).
     * At t = 0 it is {@link #probabilityAlive(PurchaseHistory)}; it decreases in t, to 0. It is
     * P(alive at T) times the probability that a customer alive at T with the posterior parameters
     * survives t more time units (see each model).
     *
     * @param t the time after T in the model's time unit, finite and &gt;= 0
     * @param history the customer's history, in any unit (converted to the model's); not null
     * @throws InvalidArgumentException if {@code t} is negative or not finite
     */
    double probabilityAlive(double t, PurchaseHistory history);

    /**
     * The uncertainty of this fitted model's predictions by the delta method from the covariance of its
     * parameters: {@link PredictionUncertainty#delta(TransactionModel)}.
     *
     * @throws UndefinedResultException if the model was not fitted or its fit has no covariance
     */
    default PredictionUncertainty uncertainty() {
        return PredictionUncertainty.delta(this);
    }

    /** Whether the model was fitted to data (rather than built from given parameters). */
    boolean isFitted();

    /**
     * The facts of the fit.
     *
     * @throws UndefinedResultException if the model was built from given parameters
     */
    ModelFit fitResult();
}
