package org.loyaltymetrics.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;

/**
 * What every fitted model shares: its name, its named parameters, and the facts of the fit it came
 * from (none when it was built from given parameters), and the one-line {@code toString()}.
 * Package-private; each public model extends it. Serializable (Java serialization of the name, parameters
 * and fit), so that an engine can ship a fitted model, or a {@link Scorer} of it, to its workers.
 */
abstract class ParametricModel implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String model;
    private final List<String> names;
    private final double[] parameters;
    private final ModelFit fit;

    ParametricModel(String model, List<String> names, double[] parameters, ModelFit fit) {
        this.model = model;
        this.names = names;
        this.parameters = parameters.clone();
        this.fit = fit;
        for (int i = 0; i < parameters.length; i++) {
            Checks.positive(parameters[i], names.get(i));
        }
    }

    /** The abbreviation of {@code model}'s name, e.g. "BG/NBD" (every transaction model is a parametric model). */
    static String name(TransactionModel model) {
        return ((ParametricModel) model).model;
    }

    /** Whether this model was fitted to data (rather than built from given parameters). */
    public boolean isFitted() {
        return fit != null;
    }

    /**
     * The facts of the fit: log-likelihood, iterations, convergence, standard errors, covariance.
     *
     * @throws UndefinedResultException if this model was built from given parameters
     */
    public ModelFit fitResult() {
        if (fit == null) {
            throw new UndefinedResultException("the " + model + " model was built from given parameters, not fitted: "
                    + "it has no fit result");
        }
        return fit;
    }

    /** The parameters by name, in the model's order (e.g. r, alpha, a, b). */
    public Map<String, Double> parameters() {
        return ModelFit.named(names, parameters);
    }

    final double parameter(int index) {
        return parameters[index];
    }

    /** Extra text for {@link #toString()}, such as the time unit. */
    String describeUnit() {
        return "";
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && sameAs((ParametricModel) other);
    }

    private boolean sameAs(ParametricModel that) {
        return Arrays.equals(parameters, that.parameters) && Objects.equals(fit, that.fit)
                && describeUnit().equals(that.describeUnit());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), Arrays.hashCode(parameters), fit, describeUnit());
    }

    /** Reads, e.g., {@code "BG/NBD model (weeks): r=0.2426, alpha=4.4135, a=0.7929, b=2.4258; fitted to 2357 customers, LL -9582.4256"}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(model).append(" model").append(describeUnit()).append(": ");
        for (int i = 0; i < parameters.length; i++) {
            text.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(Formatting.decimal(parameters[i], 4));
        }
        if (fit != null) {
            text.append("; fitted to ").append(Formatting.plural(fit.customers(), "customer")).append(", LL ")
                    .append(Formatting.decimal(fit.logLikelihood(), 4));
        }
        return text.toString();
    }
}
