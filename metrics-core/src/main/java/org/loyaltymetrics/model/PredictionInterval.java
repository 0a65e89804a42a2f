package org.loyaltymetrics.model;

import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;

/**
 * The prediction interval of one customer's own number of future purchases Y(t): the counts
 * {@code low..high} that hold at least {@code level} of the conditional distribution
 * P(Y(t) = n | x, tₓ, T) of the model at its fitted parameters, equal-tailed (at most (1 − level)/2
 * below and above). See {@link TransactionModel#predictionInterval(double, PurchaseHistory, double)}.
 *
 * <p>It says what the customer may do, not how well the model knows their expectation: it is not a
 * confidence interval of E[Y(t) | x, tₓ, T] (for that, {@link PredictionUncertainty}). It does not
 * include the uncertainty of the parameters, which for a single customer is small beside the Poisson
 * and drop-out randomness of their count.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param low the lowest count of the interval, &gt;= 0
 * @param high the highest count, &gt;= low
 * @param level the probability asked for, in (0, 1)
 * @param probability the probability P(low ≤ Y(t) ≤ high) the interval holds, in [0, 1] (at least the
 *     level, up to the rounding of the probabilities summed)
 */
public record PredictionInterval(long low, long high, double level, double probability) {

    /** The most counts summed before the interval is declared undefined. */
    private static final long MAX_COUNTS = 10_000_000L;

    /**
     * Validates the components.
     *
     * @throws InvalidArgumentException if a component is out of its range
     */
    public PredictionInterval {
        Checks.count(low, "low");
        if (high < low) {
            throw InvalidArgumentException.of("high", ">= low " + low, high);
        }
        checkLevel(level);
        Checks.fraction(probability, "probability");
    }

    /** Whether {@code low <= count <= high}. */
    public boolean contains(long count) {
        return low <= count && count <= high;
    }

    /** Reads, e.g., {@code "0..3 purchases (90% prediction interval, holds 93.12%)"}. */
    @Override
    public String toString() {
        return low + ".." + high + " purchases (" + Formatting.confidence(level) + " prediction interval, holds "
                + Formatting.percent(probability) + ")";
    }

    private static double checkLevel(double level) {
        if (!(level > 0.0 && level < 1.0)) {
            throw InvalidArgumentException.of("level", "in (0, 1)", level);
        }
        return level;
    }

    /** The equal-tailed interval of the model's conditional distribution, summed from n = 0 up. */
    static PredictionInterval of(TransactionModel model, double t, PurchaseHistory history, double level) {
        Checks.nonNegative(t, "t");
        Checks.notNull(history, "history");
        return of(n -> model.probabilityOfPurchases(n, t, history), level, () -> history + " and t = " + t);
    }

    /**
     * The equal-tailed interval of a distribution of counts, P(Y = n) = {@code probability(n)}, summed from
     * n = 0 up; {@code what} names it in the error (built only then: scorers call this for every customer).
     */
    static PredictionInterval of(java.util.function.LongToDoubleFunction probability, double level,
            java.util.function.Supplier<String> what) {
        checkLevel(level);
        double lowerTail = 0.5 * (1.0 - level);
        double upper = 0.5 * (1.0 + level);
        double cumulative = 0.0;
        double belowLow = 0.0;
        long low = -1;
        for (long n = 0; n < MAX_COUNTS; n++) {
            double before = cumulative;
            cumulative += probability.applyAsDouble(n);
            if (low < 0 && cumulative > lowerTail) {
                low = n;
                belowLow = before;
            }
            if (cumulative >= upper) {
                return new PredictionInterval(low, n, level, Math.min(1.0, Math.max(0.0, cumulative - belowLow)));
            }
        }
        throw new UndefinedResultException("the " + Formatting.confidence(level) + " prediction interval is undefined: "
                + "the conditional distribution of purchases has not reached " + upper + " within " + MAX_COUNTS
                + " purchases for " + what.get());
    }
}
