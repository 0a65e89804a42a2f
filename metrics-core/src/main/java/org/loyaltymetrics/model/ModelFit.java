package org.loyaltymetrics.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;

/**
 * The facts of a maximum-likelihood fit: the parameter estimates, the log-likelihood at them (in the
 * data's own time unit), the iterations, whether the optimiser converged, and the covariance matrix
 * and standard errors from the observed information, the inverse of the Hessian of the objective
 * (−LL + N λ Σ θₖ², see {@link FitOptions}) in the parameters themselves.
 *
 * <p>Each estimate with its uncertainty is an {@link Estimate} ({@link #estimate(String)}): its
 * {@code confidenceInterval(confidence)} is the Wald interval θ̂ ± z · SE of the normal approximation
 * to the maximum-likelihood estimator. Standard errors are undefined when that Hessian is not
 * positive definite (the likelihood is flat or the estimate sits on a ridge); {@link #estimate(String)},
 * {@link #standardErrors()} and {@link #covariance()} then throw {@link UndefinedResultException};
 * check {@link #hasStandardErrors()}.
 *
 * <p>{@code toString()} is one line (the model, customers, log-likelihood, iterations, convergence);
 * {@link #toTable()} is the fit report: each parameter's estimate, standard error and 95 % interval.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ModelFit implements Tabular {

    private final String model;
    private final List<String> names;
    private final double[] values;
    private final double[][] covariance;
    private final double logLikelihood;
    private final int iterations;
    private final boolean converged;
    private final double penalizer;
    private final long customers;
    private final int distinctRows;

    ModelFit(String model, List<String> names, double[] values, double[][] covariance, double logLikelihood,
            int iterations, boolean converged, double penalizer, long customers, int distinctRows) {
        this.model = model;
        this.names = List.copyOf(names);
        this.values = values.clone();
        this.covariance = covariance == null ? null : deepCopy(covariance);
        this.logLikelihood = logLikelihood;
        this.iterations = iterations;
        this.converged = converged;
        this.penalizer = penalizer;
        this.customers = customers;
        this.distinctRows = distinctRows;
    }

    /** The model's abbreviation, e.g. "BG/NBD". */
    public String model() {
        return model;
    }

    /** The parameter names in order, e.g. [r, alpha, a, b]. */
    public List<String> parameterNames() {
        return names;
    }

    /** The estimates by name, in order. */
    public Map<String, Double> parameters() {
        return named(names, values);
    }

    /** {@code values} by {@code names}, in order: an unmodifiable map. */
    static Map<String, Double> named(List<String> names, double[] values) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(names.get(i), values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * The estimate of parameter {@code name}.
     *
     * @throws InvalidArgumentException if the model has no such parameter
     */
    public double parameter(String name) {
        return values[index(name)];
    }

    /** Whether the Hessian was positive definite, so that standard errors are defined. */
    public boolean hasStandardErrors() {
        return covariance != null;
    }

    /**
     * The standard errors by name, the square roots of the covariance matrix's diagonal.
     *
     * @throws UndefinedResultException if the Hessian is not positive definite
     */
    public Map<String, Double> standardErrors() {
        requireCovariance();
        double[] errors = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            errors[i] = Math.sqrt(covariance[i][i]);
        }
        return named(names, errors);
    }

    /**
     * The estimate of parameter {@code name} with its standard error, as a normal {@link Estimate}:
     * {@code estimate("r").confidenceInterval(0.95)} is its 95 % Wald interval. The interval may reach
     * below 0, where a parameter is not defined; it is the normal approximation, honest about how
     * little the data may pin a parameter down.
     *
     * @throws InvalidArgumentException if the model has no such parameter
     * @throws UndefinedResultException if the Hessian is not positive definite
     */
    public Estimate estimate(String name) {
        int i = index(name);
        requireCovariance();
        return Estimate.normal(values[i], Math.sqrt(covariance[i][i]));
    }

    /**
     * The covariance matrix of the estimates, in the order of {@link #parameterNames()} (a copy).
     *
     * @throws UndefinedResultException if the Hessian is not positive definite
     */
    public double[][] covariance() {
        requireCovariance();
        return deepCopy(covariance);
    }

    /** The log-likelihood at the estimates (without the penalty), in the data's own time unit. */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** The optimiser's iterations. */
    public int iterations() {
        return iterations;
    }

    /** Whether the optimiser met its tolerance. */
    public boolean converged() {
        return converged;
    }

    /** The L2 penaliser λ of the fit. */
    public double penalizer() {
        return penalizer;
    }

    /** The number of customers fitted (the sum of the weights). */
    public long customers() {
        return customers;
    }

    /** The number of distinct rows fitted. */
    public int distinctRows() {
        return distinctRows;
    }

    private int index(String name) {
        Checks.notNull(name, "name");
        int i = names.indexOf(name);
        if (i < 0) {
            throw InvalidArgumentException.of("name", "one of " + names, name);
        }
        return i;
    }

    private void requireCovariance() {
        if (covariance == null) {
            throw new UndefinedResultException("the standard errors of the " + model + " fit are undefined: the "
                    + "Hessian of the log-likelihood is not positive definite at the estimates");
        }
    }

    private static double[][] deepCopy(double[][] matrix) {
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelFit that && model.equals(that.model) && names.equals(that.names)
                && Arrays.equals(values, that.values) && Arrays.deepEquals(covariance, that.covariance)
                && Double.compare(logLikelihood, that.logLikelihood) == 0 && iterations == that.iterations
                && converged == that.converged && Double.compare(penalizer, that.penalizer) == 0
                && customers == that.customers && distinctRows == that.distinctRows;
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, names, Arrays.hashCode(values), Arrays.deepHashCode(covariance), logLikelihood,
                iterations, converged, penalizer, customers, distinctRows);
    }

    /**
     * Reads, e.g., {@code "BG/NBD fit: 2357 customers (1016 distinct rows), log-likelihood -9582.4256,
     * 27 iterations, converged"}, with the penalizer when there was one.
     */
    @Override
    public String toString() {
        return model + " fit: " + customers + " customers (" + distinctRows + " distinct rows), log-likelihood "
                + Formatting.decimal(logLikelihood, 4) + ", " + iterations + " iterations, "
                + (converged ? "converged" : "NOT converged") + (penalizer == 0.0 ? "" : ", penalizer " + penalizer);
    }

    /**
     * The fit report at 95 %: {@link #toTable(double) toTable(0.95)}.
     */
    @Override
    public Table toTable() {
        return toTable(0.95);
    }

    /**
     * The fit report: titled with {@link #toString()}, one row per parameter with its estimate, its
     * standard error and the bounds of its Wald interval at {@code confidence}, to four decimals; the
     * last three undefined ({@code null}) where the standard errors are, e.g.
     * <pre>
     * parameter  estimate      SE  95% low  95% high
     * ----------------------------------------------
     * r            0.2426  0.0126   0.2179    0.2673
     * </pre>
     *
     * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
     */
    public Table toTable(double confidence) {
        String level = Formatting.confidence(Checks.confidence(confidence));
        Table.Builder table = Table.builder().title(toString()).column("parameter").numberColumn("estimate")
                .numberColumn("SE").numberColumn(level + " low").numberColumn(level + " high");
        for (int i = 0; i < values.length; i++) {
            if (covariance == null) {
                table.row(names.get(i), Formatting.decimal(values[i], 4), null, null, null);
            } else {
                Estimate estimate = Estimate.normal(values[i], Math.sqrt(covariance[i][i]));
                ConfidenceInterval interval = estimate.confidenceInterval(confidence);
                table.row(names.get(i), Formatting.decimal(values[i], 4), Formatting.decimal(estimate.standardError(), 4),
                        Formatting.decimal(interval.low(), 4), Formatting.decimal(interval.high(), 4));
            }
        }
        return table.build();
    }
}
