package org.loyaltymetrics.model;

import java.io.Serializable;
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
 * (−LL + N λ Σ θₖ², see {@link FitOptions}) in the parameters themselves, and whether the estimates are a verified,
 * identified maximum ({@link #identified()}).
 *
 * <p>Each estimate with its uncertainty is an {@link Estimate} ({@link #estimate(String)}): its
 * {@code confidenceInterval(confidence)} is the Wald interval θ̂ ± z · SE of the normal approximation
 * to the maximum-likelihood estimator. Standard errors are undefined when that Hessian is not
 * positive definite (the likelihood is flat or the estimate sits on a ridge), and withheld where the data
 * do not identify the parameters; {@link #estimate(String)}, {@link #standardErrors()} and
 * {@link #covariance()} then throw {@link UndefinedResultException}; check {@link #hasStandardErrors()}.
 * A fit with the default {@link FitOptions} is always converged and identified (it throws
 * {@link ModelFitException} otherwise); only {@link FitOptions#allowingNonConvergence()} returns others.
 *
 * <p>{@code toString()} is one line (the model, customers, log-likelihood, iterations, convergence);
 * {@link #toTable()} is the fit report: each parameter's estimate, standard error and 95 % interval.
 *
 * <p>This record is immutable and thread-safe: its arrays are copied in and out, and it is equal to
 * another fit of the same facts.
 *
 * @param model the model's abbreviation, e.g. "BG/NBD"
 * @param parameterNames the parameter names in order, e.g. [r, alpha, a, b]
 * @param estimates the estimates, in the order of the names
 * @param covariance the covariance matrix of the estimates, in the order of the names; null where the
 *     Hessian is not positive definite (the accessor then throws, see {@link #hasStandardErrors()})
 * @param logLikelihood the log-likelihood at the estimates (without the penalty), in the data's own
 *     time unit
 * @param iterations the optimiser's iterations
 * @param converged whether the optimiser met its tolerance
 * @param penalizer the L2 penaliser λ of the fit
 * @param customers the number of customers fitted (the sum of the weights)
 * @param distinctRows the number of distinct rows fitted
 * @param identified whether the estimates passed the checks of a maximum that the data identify: the
 *     fit converged, the observed information is positive definite, and the log-likelihood falls by at
 *     least χ²₁,₀.₉₅/2 ≈ 1.92 along every probed direction within a factor e¹⁶ of the estimates (see
 *     {@link ModelFitException}); false for a fit that did not converge
 */
public record ModelFit(String model, List<String> parameterNames, double[] estimates, double[][] covariance,
        double logLikelihood, int iterations, boolean converged, double penalizer, long customers, int distinctRows,
        boolean identified) implements Tabular, Serializable {

    /**
     * Validates the components and copies the names and arrays.
     *
     * @throws NullPointerException if the model, the names or the estimates are null
     * @throws InvalidArgumentException if there is not one estimate per name, the covariance matrix is
     *     not square of that size, or a count or the penalizer is negative
     */
    public ModelFit {
        Checks.notNull(model, "model");
        parameterNames = List.copyOf(Checks.notNull(parameterNames, "parameterNames"));
        estimates = Checks.notNull(estimates, "estimates").clone();
        int n = parameterNames.size();
        if (estimates.length != n) {
            throw InvalidArgumentException.of("estimates", "one per parameter name (" + n + ")",
                    estimates.length + " estimates");
        }
        if (covariance != null) {
            covariance = deepCopy(covariance);
            if (covariance.length != n || Arrays.stream(covariance).anyMatch(row -> row.length != n)) {
                throw InvalidArgumentException.of("covariance", "an n × n matrix, n = " + n + " parameters",
                        Arrays.deepToString(covariance));
            }
        }
        Checks.count(iterations, "iterations");
        Checks.nonNegative(penalizer, "penalizer");
        Checks.count(customers, "customers");
        Checks.count(distinctRows, "distinctRows");
    }

    /**
     * A fit whose identification follows from its convergence and covariance: identified when it
     * converged with a positive definite Hessian ({@code covariance} not null).
     *
     * @throws NullPointerException if the model, the names or the estimates are null
     * @throws InvalidArgumentException as the canonical constructor
     */
    public ModelFit(String model, List<String> parameterNames, double[] estimates, double[][] covariance,
            double logLikelihood, int iterations, boolean converged, double penalizer, long customers,
            int distinctRows) {
        this(model, parameterNames, estimates, covariance, logLikelihood, iterations, converged, penalizer, customers,
                distinctRows, converged && covariance != null);
    }

    /** The estimates, in the order of {@link #parameterNames()} (a copy). */
    @Override
    public double[] estimates() {
        return estimates.clone();
    }

    /** The estimates by name, in order. */
    public Map<String, Double> parameters() {
        return named(parameterNames, estimates);
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
        return estimates[index(name)];
    }

    /**
     * Akaike's information criterion, AIC = 2k − 2 LL, with k the number of parameters and LL the
     * {@link #logLikelihood()} (without the penalty of a penalised fit). Lower is better. Like the
     * log-likelihood it depends on the time unit of the data (a density of purchase times in that
     * unit): compare the AIC of fits to the same customers in the same unit only.
     */
    public double aic() {
        return 2.0 * estimates.length - 2.0 * logLikelihood;
    }

    /**
     * The Bayesian (Schwarz) information criterion, BIC = k ln(n) − 2 LL, with k the number of
     * parameters, n the number of {@link #customers()} (the sum of the weights, each customer one
     * observation of the likelihood) and LL the {@link #logLikelihood()}. Lower is better; compare fits
     * to the same customers in the same time unit only, as for {@link #aic()}.
     *
     * @throws UndefinedResultException if the fit had no customers
     */
    public double bic() {
        if (customers == 0) {
            throw new UndefinedResultException("the BIC of the " + model + " fit is undefined: it had no customers");
        }
        return estimates.length * Math.log(customers) - 2.0 * logLikelihood;
    }

    /** Whether the standard errors are defined: the Hessian was positive definite and the parameters identified. */
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
        double[] errors = new double[estimates.length];
        for (int i = 0; i < estimates.length; i++) {
            errors[i] = Math.sqrt(covariance[i][i]);
        }
        return named(parameterNames, errors);
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
        return Estimate.normal(estimates[i], Math.sqrt(covariance[i][i]));
    }

    /**
     * The covariance matrix of the estimates, in the order of {@link #parameterNames()} (a copy).
     *
     * @throws UndefinedResultException if the Hessian is not positive definite
     */
    @Override
    public double[][] covariance() {
        requireCovariance();
        return deepCopy(covariance);
    }

    private int index(String name) {
        Checks.notNull(name, "name");
        int i = parameterNames.indexOf(name);
        if (i < 0) {
            throw InvalidArgumentException.of("name", "one of " + parameterNames, name);
        }
        return i;
    }

    private void requireCovariance() {
        if (covariance == null) {
            throw new UndefinedResultException("the standard errors of the " + model + " fit are undefined: the "
                    + "Hessian of the log-likelihood is not positive definite at the estimates, or the data do not "
                    + "identify the parameters");
        }
    }

    private static double[][] deepCopy(double[][] matrix) {
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }

    /** Whether {@code other} is a fit of the same facts, its arrays compared by value. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ModelFit that && model.equals(that.model) && parameterNames.equals(that.parameterNames)
                && Arrays.equals(estimates, that.estimates) && Arrays.deepEquals(covariance, that.covariance)
                && Double.compare(logLikelihood, that.logLikelihood) == 0 && iterations == that.iterations
                && converged == that.converged && Double.compare(penalizer, that.penalizer) == 0
                && customers == that.customers && distinctRows == that.distinctRows && identified == that.identified;
    }

    /** A hash of every fact, its arrays hashed by value. */
    @Override
    public int hashCode() {
        return Objects.hash(model, parameterNames, Arrays.hashCode(estimates), Arrays.deepHashCode(covariance),
                logLikelihood, iterations, converged, penalizer, customers, distinctRows, identified);
    }

    /**
     * Reads, e.g., {@code "BG/NBD fit: 2357 customers (1016 distinct rows), log-likelihood -9582.4256,
     * 27 iterations, converged"}, with the penalizer when there was one; "NOT converged" for a fit that
     * did not converge, and "NOT identified" for one that converged to a point the data do not identify.
     */
    @Override
    public String toString() {
        return model + " fit: " + Formatting.plural(customers, "customer") + " ("
                + Formatting.plural(distinctRows, "distinct row") + "), log-likelihood "
                + Formatting.decimal(logLikelihood, 4) + ", " + iterations + " iterations, "
                + (!converged ? "NOT converged" : identified ? "converged" : "NOT identified")
                + (penalizer == 0.0 ? "" : ", penalizer " + penalizer);
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
        for (int i = 0; i < estimates.length; i++) {
            if (covariance == null) {
                table.row(parameterNames.get(i), Formatting.decimal(estimates[i], 4), null, null, null);
            } else {
                Estimate estimate = Estimate.normal(estimates[i], Math.sqrt(covariance[i][i]));
                ConfidenceInterval interval = estimate.confidenceInterval(confidence);
                table.row(parameterNames.get(i), Formatting.decimal(estimates[i], 4),
                        Formatting.decimal(estimate.standardError(), 4),
                        Formatting.decimal(interval.low(), 4), Formatting.decimal(interval.high(), 4));
            }
        }
        return table.build();
    }
}
