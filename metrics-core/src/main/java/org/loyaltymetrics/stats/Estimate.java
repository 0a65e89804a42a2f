package org.loyaltymetrics.stats;

import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Distributions;
import org.loyaltymetrics.internal.Formatting;

/**
 * A point estimate with its standard error and the degrees of freedom of its sampling distribution:
 * a mean rating (Student's t with n − 1 degrees of freedom) or a score whose interval is normal
 * (infinite degrees of freedom).
 *
 * <p>Intervals are {@code value ± c · standardError} with c the two-sided critical value of the
 * distribution; differences are tested with Welch's t test (Welch–Satterthwaite degrees of freedom),
 * which is the z test when both degrees of freedom are infinite.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param value the estimate, finite
 * @param standardError its standard error, finite and &gt;= 0
 * @param degreesOfFreedom &gt; 0, positive infinity for a normal sampling distribution
 */
public record Estimate(double value, double standardError, double degreesOfFreedom) implements Measure<Estimate> {

    /** Validates the components. */
    public Estimate {
        Checks.finite(value, "value");
        Checks.nonNegative(standardError, "standardError");
        if (!(degreesOfFreedom > 0.0)) {
            throw InvalidArgumentException.of("degreesOfFreedom", "> 0", degreesOfFreedom);
        }
    }

    /** An estimate whose sampling distribution is normal. */
    public static Estimate normal(double value, double standardError) {
        return new Estimate(value, standardError, Double.POSITIVE_INFINITY);
    }

    /** Half the width of the two-sided interval at {@code confidence}: c · standardError. */
    public double marginOfError(double confidence) {
        return criticalValue(confidence) * standardError;
    }

    /** An estimate always holds a value: false. */
    @Override
    public boolean isEmpty() {
        return false;
    }

    /** The two-sided interval {@code value ± marginOfError(confidence)}. */
    @Override
    public ConfidenceInterval confidenceInterval(double confidence) {
        double margin = marginOfError(confidence);
        return new ConfidenceInterval(value - margin, value + margin, confidence);
    }

    /**
     * Tests {@code this.value - earlier.value}, the two estimates being independent: standard error
     * √(se₁² + se₂²); Welch–Satterthwaite degrees of freedom (se₁² + se₂²)² / (se₁⁴/df₁ + se₂⁴/df₂).
     *
     * @throws UndefinedResultException if both standard errors are zero
     */
    @Override
    public DifferenceTest differenceFrom(Estimate earlier) {
        Checks.notNull(earlier, "earlier");
        double varianceThis = standardError * standardError;
        double varianceEarlier = earlier.standardError * earlier.standardError;
        double variance = varianceThis + varianceEarlier;
        if (!(variance > 0.0)) {
            throw new UndefinedResultException(
                    "the difference test is undefined: both estimates have a standard error of 0");
        }
        double difference = value - earlier.value;
        double se = Math.sqrt(variance);
        double statistic = difference / se;
        double df;
        if (degreesOfFreedom == Double.POSITIVE_INFINITY && earlier.degreesOfFreedom == Double.POSITIVE_INFINITY) {
            df = Double.POSITIVE_INFINITY;
        } else {
            df = variance * variance / (varianceThis * varianceThis / degreesOfFreedom
                    + varianceEarlier * varianceEarlier / earlier.degreesOfFreedom);
        }
        return new DifferenceTest(difference, se, statistic, df, Distributions.studentTwoSidedP(statistic, df));
    }

    private double criticalValue(double confidence) {
        return Distributions.studentCriticalValue(confidence, degreesOfFreedom);
    }

    /** Reads, e.g., {@code "4.1200 (SE 0.0800)"}. */
    @Override
    public String toString() {
        return Formatting.decimal(value, 4) + " (SE " + Formatting.decimal(standardError, 4) + ")";
    }
}
