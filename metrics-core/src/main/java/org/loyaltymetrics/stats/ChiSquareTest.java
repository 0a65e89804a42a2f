package org.loyaltymetrics.stats;

import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.SpecialFunctions;

/**
 * A test whose statistic is χ²-distributed under its null hypothesis: the Wald, likelihood-ratio and
 * score tests of a Cox model, a log-rank test, one line of the proportional-hazards test. The p-value
 * is P(χ²_df ≥ statistic) = Q(df/2, statistic/2), the regularized upper incomplete gamma function.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param name what is tested, e.g. "likelihood ratio" or a covariate's name
 * @param statistic the χ² statistic, finite and &gt;= 0
 * @param degreesOfFreedom &gt;= 1
 */
public record ChiSquareTest(String name, double statistic, int degreesOfFreedom) {

    /**
     * Validates the components.
     *
     * @throws InvalidArgumentException if the statistic is negative or not finite, or the degrees of
     *     freedom below 1
     */
    public ChiSquareTest {
        Checks.notNull(name, "name");
        Checks.nonNegative(statistic, "statistic");
        if (degreesOfFreedom < 1) {
            throw InvalidArgumentException.of("degreesOfFreedom", ">= 1", degreesOfFreedom);
        }
    }

    /** P(χ²_df ≥ statistic). */
    public double pValue() {
        return SpecialFunctions.regularizedGammaQ(degreesOfFreedom / 2.0, statistic / 2.0);
    }

    /** Reads, e.g., {@code "likelihood ratio: chi-square 14.1231 on 2 df, p = 0.000857"}. */
    @Override
    public String toString() {
        return name + ": chi-square " + Formatting.decimal(statistic, 4) + " on " + degreesOfFreedom + " df, p = "
                + formatP(pValue());
    }

    /** A p-value as text: six decimals, or two significant digits in scientific notation below 1e-4. */
    public static String formatP(double p) {
        return p < 1e-4 ? String.format(java.util.Locale.ROOT, "%.2e", p) : Formatting.decimal(p, 6);
    }
}
