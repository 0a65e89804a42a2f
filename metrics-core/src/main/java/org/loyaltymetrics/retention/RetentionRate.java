package org.loyaltymetrics.retention;

import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Distributions;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.stats.Measure;
import org.loyaltymetrics.stats.Proportion;

/**
 * The customer retention rate (CRR) of a period, from its {@link CustomerCounts}: customers at the
 * start S, at the end E, new customers N, customers lost L (of those at the start) and new customers
 * lost Lₙ, with E = S − L + N − Lₙ. Three named {@link Definition}s; the default is the telecom KPI guide's
 * CRR = (E − N) / S.
 *
 * <p>Only {@link Definition#ONE_MINUS_CHURN} is a proportion ((S − L) of S, {@link #proportion()}):
 * its interval is Wilson's and its change the pooled two-proportion z test, as for the churn rate.
 * The other two are not: (E − N) / S = (S − L − Lₙ) / S is negative when more new customers left than
 * customers at the start stayed, and E / S exceeds 1 when the base grows. For them the uncertainty is
 * that of the losses: given S and N, with L binomial over the S customers at the start (rate
 * c = L / S) and Lₙ binomial over the N new ones (rate q = Lₙ / N), both estimates are a constant
 * minus (L + Lₙ) / S, so
 * <pre>  Var = (S · c(1 − c) + N · q(1 − q)) / S²</pre>
 * (for one minus churn, the first term alone: c(1 − c) / S). Their interval is the normal (Wald)
 * interval value ± z √Var, not truncated (the figure itself is not bounded by [0, 1]), and degenerate
 * where no or every customer of both groups was lost; their change is the z test of two independent
 * normal estimates ({@link Estimate#differenceFrom(Estimate)}).
 *
 * <p>A retention rate of a period without customers at the start exists, reports {@link #isEmpty()}
 * and throws {@link UndefinedResultException} for every figure.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param definition the definition the rate is computed under
 * @param counts the counts the rate is computed from
 */
public record RetentionRate(Definition definition, CustomerCounts counts) implements Measure<RetentionRate> {

    /** The definitions of the retention rate. */
    public enum Definition {
        /**
         * (E − N) / S (the telecom KPI guide). Since E − N = S − L − Lₙ, new customers who left within the period
         * are subtracted too, so it is below 1 − churn when any did, and it can be negative.
         */
        END_MINUS_NEW_OVER_START,
        /** 1 − L / S: the share of customers at the start who are still customers at the end; a proportion. */
        ONE_MINUS_CHURN,
        /**
         * E / S (the small-business loyalty guide): customers at the end over customers at the start; exceeds
         * 1 when the base grows.
         */
        END_OVER_START;

        /** The default, {@link #END_MINUS_NEW_OVER_START}: the telecom KPI guide's CRR. */
        public static final Definition DEFAULT = END_MINUS_NEW_OVER_START;

        /** Whether a rate of this definition is a proportion in [0, 1] (only {@link #ONE_MINUS_CHURN}). */
        public boolean isProportion() {
            return this == ONE_MINUS_CHURN;
        }
    }

    /** Validates the components. */
    public RetentionRate {
        Checks.notNull(definition, "definition");
        Checks.notNull(counts, "counts");
    }

    /** Whether there were no customers at the start, so that the rate is undefined. */
    @Override
    public boolean isEmpty() {
        return counts.customersAtStart() == 0;
    }

    /** The numerator: E − N, S − L or E. */
    private long numerator() {
        switch (definition) {
            case END_MINUS_NEW_OVER_START:
                return counts.customersAtEnd() - counts.newCustomers();
            case ONE_MINUS_CHURN:
                return counts.customersAtStart() - counts.lostCustomers();
            default:
                return counts.customersAtEnd();
        }
    }

    private long start() {
        long start = counts.customersAtStart();
        if (start == 0) {
            throw new UndefinedResultException("the retention rate is undefined: there were no customers at the start");
        }
        return start;
    }

    /**
     * The retention rate: (E − N) / S, (S − L) / S or E / S.
     *
     * @throws UndefinedResultException if there were no customers at the start
     */
    @Override
    public double value() {
        return (double) numerator() / start();
    }

    /** {@link #value()} × 100, for display. */
    public double percent() {
        return 100.0 * value();
    }

    /**
     * The customers at the start still customers at the end, (S − L) of S, for
     * {@link Definition#ONE_MINUS_CHURN}.
     *
     * @throws IllegalStateException if the definition is not a proportion ({@link Definition#isProportion()})
     */
    public Proportion proportion() {
        if (!definition.isProportion()) {
            throw new IllegalStateException("the retention rate " + definition + " is not a proportion");
        }
        return Proportion.of(counts.customersAtStart() - counts.lostCustomers(), counts.customersAtStart());
    }

    /**
     * The standard error of the rate, √Var with Var = (S · c(1 − c) + N · q(1 − q)) / S² for
     * (E − N) / S and E / S, and c(1 − c) / S for one minus churn, where c = L / S and q = Lₙ / N.
     *
     * @throws UndefinedResultException if there were no customers at the start
     */
    public double standardError() {
        double s = start();
        double c = counts.lostCustomers() / s;
        double variance = s * c * (1.0 - c);
        long n = counts.newCustomers();
        if (!definition.isProportion() && n > 0) {
            double q = (double) counts.newCustomersLost() / n;
            variance += n * q * (1.0 - q);
        }
        return Math.sqrt(variance) / s;
    }

    private Estimate estimate() {
        return Estimate.normal(value(), standardError());
    }

    /**
     * The interval of the rate at {@code confidence}: Wilson's for one minus churn, the normal interval
     * value ± z · {@link #standardError()} for the other definitions.
     *
     * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
     * @throws UndefinedResultException if there were no customers at the start
     */
    @Override
    public ConfidenceInterval confidenceInterval(double confidence) {
        if (definition.isProportion()) {
            return proportion().confidenceInterval(confidence);
        }
        double margin = Distributions.normalCriticalValue(confidence) * standardError();
        double value = value();
        return new ConfidenceInterval(value - margin, value + margin, confidence);
    }

    /**
     * Tests the change {@code this − earlier}: the pooled two-proportion z test for one minus churn, the
     * z test of two independent normal estimates (standard error √(se₁² + se₂²)) otherwise.
     *
     * @throws InvalidArgumentException if {@code earlier} has another definition
     * @throws UndefinedResultException if either period had no customers at the start, or the test has
     *     a standard error of 0
     */
    @Override
    public DifferenceTest differenceFrom(RetentionRate earlier) {
        Checks.notNull(earlier, "earlier");
        Checks.sameSetting(definition, earlier.definition, "earlier", "definition");
        if (definition.isProportion()) {
            return proportion().differenceFrom(earlier.proportion());
        }
        return estimate().differenceFrom(earlier.estimate());
    }

    /**
     * Reads, e.g., {@code "retention 180/200 (90.00%), END_MINUS_NEW_OVER_START"}, or
     * {@code "retention undefined (no customers at the start), ONE_MINUS_CHURN"}.
     */
    @Override
    public String toString() {
        return "retention " + (isEmpty() ? "undefined (no customers at the start)"
                : numerator() + "/" + counts.customersAtStart() + " (" + Formatting.percent(value()) + ")") + ", "
                + definition;
    }
}
