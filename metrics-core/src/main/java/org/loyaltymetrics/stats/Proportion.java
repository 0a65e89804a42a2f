package org.loyaltymetrics.stats;

import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Distributions;
import org.loyaltymetrics.internal.Formatting;

/**
 * A proportion: {@code successes} of {@code trials}, such as satisfied answers of all answers or
 * customers lost of customers at the start. The rate {@link #value()} is a fraction in [0, 1].
 *
 * <p>Intervals are Wilson score intervals (Wilson 1927), which stay inside [0, 1] and behave well
 * for small samples and rates near 0 or 1, unlike the Wald interval p ± z √(p(1 − p)/n).
 * Differences are tested with the pooled two-proportion z test.
 *
 * <p>A proportion of zero trials exists (a snapshot of empty data) but every rate, interval and test
 * of it throws {@link UndefinedResultException}.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param successes the number of successes, 0 &lt;= successes &lt;= trials
 * @param trials the number of trials, &gt;= 0
 */
public record Proportion(long successes, long trials) implements Measure<Proportion> {

    /** Validates the counts. */
    public Proportion {
        Checks.count(successes, "successes");
        Checks.count(trials, "trials");
        if (successes > trials) {
            throw InvalidArgumentException.of("successes", "<= trials " + trials, successes);
        }
    }

    /** The proportion {@code successes / trials}. */
    public static Proportion of(long successes, long trials) {
        return new Proportion(successes, trials);
    }

    /** Whether there are no trials, so that every rate of this proportion is undefined. */
    @Override
    public boolean isEmpty() {
        return trials == 0;
    }

    /**
     * The rate {@code successes / trials}, in [0, 1].
     *
     * @throws UndefinedResultException if there are no trials
     */
    @Override
    public double value() {
        requireTrials("the rate");
        return (double) successes / trials;
    }

    /** {@link #value()} × 100, for display. */
    public double percent() {
        return 100.0 * value();
    }

    /** The number of failures, {@code trials - successes}. */
    public long failures() {
        return trials - successes;
    }

    /** The standard error of the rate, √(p(1 − p)/n). */
    public double standardError() {
        double p = value();
        return Math.sqrt(p * (1.0 - p) / trials);
    }

    /**
     * The Wilson score interval at {@code confidence}: with z the two-sided critical value,
     * (p + z²/2n ± z √(p(1 − p)/n + z²/4n²)) / (1 + z²/n). For 81 of 263 at 95 % it is
     * [0.2553, 0.3662].
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code confidence} is not in (0, 1)
     * @throws UndefinedResultException if there are no trials
     */
    @Override
    public ConfidenceInterval confidenceInterval(double confidence) {
        double z = Distributions.normalCriticalValue(confidence);
        double p = value();
        double n = trials;
        double zSquaredOverN = z * z / n;
        double centre = (p + zSquaredOverN / 2.0) / (1.0 + zSquaredOverN);
        double halfWidth = z * Math.sqrt(p * (1.0 - p) / n + zSquaredOverN / (4.0 * n)) / (1.0 + zSquaredOverN);
        // The exact bounds at p = 0 and p = 1 are 0 and 1; rounding must not move them past.
        double low = successes == 0 ? 0.0 : Math.max(0.0, centre - halfWidth);
        double high = successes == trials ? 1.0 : Math.min(1.0, centre + halfWidth);
        return new ConfidenceInterval(low, high, confidence);
    }

    /**
     * Tests {@code this.value() - earlier.value()} with the pooled two-proportion z test: with
     * p̄ = (x₁ + x₂)/(n₁ + n₂), SE = √(p̄(1 − p̄)(1/n₁ + 1/n₂)) and z = (p₁ − p₂)/SE.
     *
     * @throws UndefinedResultException if either proportion has no trials, or if both rates are 0 or
     *     both are 1 (the pooled standard error is then zero)
     */
    @Override
    public DifferenceTest differenceFrom(Proportion earlier) {
        Checks.notNull(earlier, "earlier");
        double difference = value() - earlier.value();
        double pooled = (successes + (double) earlier.successes) / (trials + (double) earlier.trials);
        double se = Math.sqrt(pooled * (1.0 - pooled) * (1.0 / trials + 1.0 / earlier.trials));
        if (!(se > 0.0)) {
            throw new UndefinedResultException("the two-proportion test is undefined: both rates are "
                    + (pooled == 0.0 ? "0" : "1"));
        }
        double z = difference / se;
        return new DifferenceTest(difference, se, z, Double.POSITIVE_INFINITY, Distributions.normalTwoSidedP(z));
    }

    /** The proportion of both samples together: successes and trials added, failing on overflow. */
    public Proportion plus(Proportion other) {
        Checks.notNull(other, "other");
        return new Proportion(Checks.addCounts(successes, other.successes, "successes"),
                Checks.addCounts(trials, other.trials, "trials"));
    }

    private void requireTrials(String figure) {
        if (trials == 0) {
            throw new UndefinedResultException(figure + " of a proportion is undefined: there are no trials");
        }
    }

    /** Reads, e.g., {@code "74/107 (69.16%)"}, or {@code "0/0 (undefined)"}. */
    @Override
    public String toString() {
        return successes + "/" + trials + " (" + (trials == 0 ? "undefined" : Formatting.percent(value())) + ")";
    }
}
