package org.loyaltymetrics.stats;

import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;

/**
 * The significance test of a difference between two independent estimates (two periods, two
 * segments): the difference, its standard error, the test statistic and the two-sided p-value.
 *
 * <p>The statistic is a z statistic when {@code degreesOfFreedom} is infinite (tests of proportions
 * and of Net Promoter Scores) and Welch's t statistic otherwise (tests of means).
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param difference the first estimate minus the second
 * @param standardError the standard error of the difference, finite and &gt; 0
 * @param statistic {@code difference / standardError}
 * @param degreesOfFreedom the degrees of freedom of the t statistic, or positive infinity for z
 * @param pValue the two-sided p-value, in [0, 1]
 */
public record DifferenceTest(double difference, double standardError, double statistic,
        double degreesOfFreedom, double pValue) {

    /** Validates the components. */
    public DifferenceTest {
        Checks.finite(difference, "difference");
        Checks.positive(standardError, "standardError");
        Checks.finite(statistic, "statistic");
        if (!(degreesOfFreedom > 0.0)) {
            throw InvalidArgumentException.of("degreesOfFreedom", "> 0", degreesOfFreedom);
        }
        Checks.fraction(pValue, "pValue");
    }

    /** Whether the p-value is below the significance level {@code alpha}, in (0, 1). */
    public boolean isSignificant(double alpha) {
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw InvalidArgumentException.of("alpha", "in (0, 1)", alpha);
        }
        return pValue < alpha;
    }

    /** Whether the statistic is a z statistic (infinite degrees of freedom). */
    public boolean isNormal() {
        return degreesOfFreedom == Double.POSITIVE_INFINITY;
    }

    /** Reads, e.g., {@code "difference +5.2000 (SE 2.1000), z = 2.476, p = 0.0133"}. */
    @Override
    public String toString() {
        String name = isNormal() ? "z" : "t(" + Formatting.decimal(degreesOfFreedom, 1) + ")";
        return "difference " + (difference >= 0 ? "+" : "") + Formatting.decimal(difference, 4)
                + " (SE " + Formatting.decimal(standardError, 4) + "), " + name + " = "
                + Formatting.decimal(statistic, 3) + ", p = " + Formatting.decimal(pValue, 4);
    }
}
