package org.loyaltymetrics.model;

import java.time.temporal.ChronoUnit;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.internal.TimeUnits;

/**
 * A "buy till you die" model of repeat purchases in continuous time with unobserved defection: the
 * BG/NBD ({@link BetaGeometricNbdModel}), MBG/NBD ({@link ModifiedBetaGeometricNbdModel}) and
 * Pareto/NBD ({@link ParetoNbdModel}) models. Each customer buys by a Poisson process while alive and
 * drops out unobserved; the models differ in how. Every time — the horizon t, the recency tₓ and the
 * age T — is in the model's {@link #timeUnit()}, the unit of the data it was fitted to; a horizon in
 * another unit is converted with {@link #toModelTime(double, ChronoUnit)}, and the lifetime value
 * takes a {@link ValuationHorizon} that carries its own unit, so weeks of data are never read as days.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface TransactionModel permits BetaGeometricNbdModel, ModifiedBetaGeometricNbdModel, ParetoNbdModel {

    /** The unit of every time this model takes and returns. */
    ChronoUnit timeUnit();

    /**
     * {@code amount} of {@code unit} in this model's time unit, e.g. 52 WEEKS is 364 in a model in DAYS
     * (MONTHS and YEARS are the average Gregorian ones, 365.2425 / 12 and 365.2425 days).
     */
    default double toModelTime(double amount, ChronoUnit unit) {
        return amount * TimeUnits.ratio(TimeUnits.check(unit, "unit"), timeUnit());
    }

    /**
     * The expected number of repeat purchases E[X(t)] of a customer in the first {@code t} time units
     * after their first purchase (a new customer).
     *
     * @throws IllegalArgumentException if t is negative or not finite
     */
    double expectedPurchases(double t);

    /**
     * The expected number of purchases in the next {@code t} time units, E[Y(t) | x, tₓ, T], of a
     * customer with {@code frequency} x repeat purchases, the last at {@code recency} tₓ, observed for
     * {@code age} T since their first purchase.
     *
     * @throws IllegalArgumentException if t is negative or the history breaks the rules of
     *     {@link PurchaseHistories}
     */
    double conditionalExpectedPurchases(double t, long frequency, double recency, double age);

    /** The probability P(alive | x, tₓ, T) that the customer is still active at T, in [0, 1]. */
    double probabilityAlive(long frequency, double recency, double age);

    /** The probability P(X(t) = n) that a new customer makes exactly n repeat purchases in (0, t]. */
    double probabilityOfPurchases(long n, double t);

    /** The log-likelihood of one customer's history. */
    double logLikelihood(long frequency, double recency, double age);

    /**
     * The total log-likelihood of {@code histories} (weighted).
     *
     * @throws IllegalArgumentException if their time unit is not this model's
     */
    double logLikelihood(PurchaseHistories histories);

    /**
     * Simulates one customer per entry of {@code ages} (each observed for that long since their first
     * purchase) from this model's parameters, with a {@link java.util.SplittableRandom} seeded with
     * {@code seed}: the same seed gives the same histories.
     */
    PurchaseHistories simulate(double[] ages, long seed);

    /** Whether the model was fitted to data. */
    boolean isFitted();

    /**
     * The facts of the fit.
     *
     * @throws UndefinedResultException if the model was built from given parameters
     */
    ModelFit fitResult();
}
