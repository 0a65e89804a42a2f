package org.loyaltymetrics.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.CovariateRows;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;

/**
 * What the models with time-invariant covariates on a log link share ({@link GammaGammaCovariateModel},
 * {@link ShiftedBetaGeometricCovariateModel}, {@link BetaGeometricBetaBinomialCovariateModel}): positive
 * base parameters θ₀ (the model's parameters of a customer whose covariates are all 0), then one block of
 * coefficients per linked parameter, one coefficient per covariate, so that a linked parameter of customer
 * i is θ₀ · exp(γ_blockᵀ z_i). Parameter names: the base names, then {@code <block>.<covariate>}.
 *
 * <p>The fit ({@link #fit}) maximises the likelihood in (θ₀, e^γ): the shared optimiser moves the
 * logarithms of its parameters, here ln θ₀ and γ itself; the covariance is transformed back to γ
 * (cov(γ_a, γ_b) = cov(e^γ_a, e^γ_b)/(e^γ_a e^γ_b), the inverse of the optimiser's delta method).
 * Package-private; immutable and thread-safe.
 */
abstract class CovariateModel implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final String model;
    private final List<String> base;
    private final List<String> blocks;
    private final List<String> covariates;
    private final double[] parameters;
    private final ModelFit fit;

    CovariateModel(String model, List<String> base, List<String> blocks, List<String> covariates, double[] parameters,
            ModelFit fit) {
        this.model = model;
        this.base = base;
        this.blocks = blocks;
        this.covariates = List.copyOf(covariates);
        this.parameters = parameters.clone();
        this.fit = fit;
        for (int j = 0; j < base.size(); j++) {
            Checks.positive(parameters[j], base.get(j));
        }
        for (int j = base.size(); j < parameters.length; j++) {
            Checks.finite(parameters[j], "coefficients");
        }
    }

    /** The parameter names: the base names, then {@code <block>.<covariate>} block by block. */
    static List<String> names(List<String> base, List<String> blocks, List<String> covariates) {
        List<String> names = new ArrayList<>(base);
        for (String block : blocks) {
            covariates.forEach(name -> names.add(block + "." + name));
        }
        return List.copyOf(names);
    }

    /**
     * The parameter vector of given base parameters and coefficient blocks, after checking that there is
     * one coefficient per covariate in each block (the argument named {@code <block>Coefficients}).
     */
    static double[] parameters(double[] base, List<String> blocks, List<String> covariates, double[]... coefficients) {
        Checks.notNull(covariates, "covariates");
        int k = covariates.size();
        double[] parameters = new double[base.length + blocks.size() * k];
        System.arraycopy(base, 0, parameters, 0, base.length);
        for (int b = 0; b < blocks.size(); b++) {
            String argument = blocks.get(b) + "Coefficients";
            if (Checks.notNull(coefficients[b], argument).length != k) {
                throw InvalidArgumentException.of(argument, "one coefficient per covariate " + covariates,
                        coefficients[b].length + " coefficients");
            }
            System.arraycopy(coefficients[b], 0, parameters, base.length + b * k, k);
        }
        return parameters;
    }

    /** The covariates' names. */
    public List<String> covariates() {
        return covariates;
    }

    /** All parameters by name, in order: the base parameters, then each block's coefficients. */
    public Map<String, Double> parameters() {
        return ModelFit.named(names(base, blocks, covariates), parameters);
    }

    /**
     * The coefficients by block (the linked parameter's name) and covariate name, in order; the standard
     * error of a coefficient is {@code fitResult().standardErrors().get(block + "." + covariate)}.
     */
    public Map<String, Map<String, Double>> coefficients() {
        return blocks(java.util.stream.IntStream.range(0, blocks.size()).toArray());
    }

    /** The coefficients of the given blocks by block name and covariate name, in the order given. */
    Map<String, Map<String, Double>> blocks(int... indices) {
        Map<String, Map<String, Double>> map = new LinkedHashMap<>();
        for (int b : indices) {
            map.put(blocks.get(b), block(b));
        }
        return Collections.unmodifiableMap(map);
    }

    /** The coefficients of block {@code b} by covariate name. */
    Map<String, Double> block(int b) {
        Map<String, Double> map = new LinkedHashMap<>();
        int from = base.size() + b * covariates.size();
        for (int j = 0; j < covariates.size(); j++) {
            map.put(covariates.get(j), parameters[from + j]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** Base parameter {@code j}. */
    double baseParameter(int j) {
        return parameters[j];
    }

    /** exp(γ_bᵀ z) for each block b, after checking {@code z}: one finite value per covariate. */
    double[] multipliers(double[] z) {
        Checks.notNull(z, "z");
        int k = covariates.size();
        if (z.length != k) {
            throw InvalidArgumentException.of("z", "one value per covariate " + covariates, z.length + " values");
        }
        for (double value : z) {
            Checks.finite(value, "z");
        }
        double[] multipliers = new double[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            double score = 0.0;
            for (int j = 0; j < k; j++) {
                score += parameters[base.size() + b * k + j] * z[j];
            }
            multipliers[b] = Math.exp(score);
        }
        return multipliers;
    }

    /**
     * Checks that {@code rows} has this model's covariates, in its order (the argument named
     * {@code argument}).
     *
     * @throws InvalidArgumentException if the names differ
     */
    void checkCovariates(CovariateRows<?> rows, String argument) {
        Checks.notNull(rows, argument);
        if (!rows.names().equals(covariates)) {
            throw InvalidArgumentException.of(argument, "rows with the model's covariates " + covariates,
                    "covariates " + rows.names());
        }
    }

    /** The parameters in the likelihood's coding: θ₀, then e^γ. */
    double[] likelihoodCoding() {
        double[] theta = parameters.clone();
        for (int j = base.size(); j < theta.length; j++) {
            theta[j] = Math.exp(theta[j]);
        }
        return theta;
    }

    /** Whether the model was fitted. */
    public boolean isFitted() {
        return fit != null;
    }

    /**
     * The facts of the fit (coefficients and their standard errors included).
     *
     * @throws UndefinedResultException if the model was built from given parameters
     */
    public ModelFit fitResult() {
        if (fit == null) {
            throw new UndefinedResultException("the " + model + " model was built from given parameters: no fit result");
        }
        return fit;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(model).append(": ");
        List<String> names = names(base, blocks, covariates);
        for (int i = 0; i < parameters.length; i++) {
            text.append(i == 0 ? "" : ", ").append(names.get(i)).append('=')
                    .append(Formatting.decimal(parameters[i], 4));
        }
        if (fit != null) {
            text.append("; fitted to ").append(Formatting.plural(fit.customers(), "customer")).append(", LL ")
                    .append(Formatting.decimal(fit.logLikelihood(), 4));
        }
        return text.toString();
    }

    /**
     * Checks that the data can be fitted with {@code options}: no penalizer (the optimiser would penalise
     * e^γ, not γ), no covariate constant over the customers (not identifiable apart from θ₀).
     *
     * @throws InvalidArgumentException if one of them fails
     */
    static void checkFittable(CovariateRows<?> data, FitOptions options, String scale) {
        Checks.notNull(data, "data");
        Checks.notNull(options, "options");
        if (options.penalizer() > 0.0) {
            throw InvalidArgumentException.of("options", "options without a penalizer (an L2 penalty of the "
                    + "coefficients is not implemented for this model)", "penalizer " + options.penalizer());
        }
        List<String> constant = data.constantCovariates();
        if (!constant.isEmpty() && data.size() > 0) {
            throw InvalidArgumentException.of("data", "covariates that vary over the customers (a constant one is "
                    + "not identifiable apart from " + scale + ")", "constant " + constant);
        }
    }

    /**
     * Fits by maximum likelihood from the base start values and all coefficients 0, and returns the fit
     * with the coefficients (not e^γ) as estimates and their covariance.
     */
    static ModelFit fit(String model, List<String> names, int baseCount, MaximumLikelihood.LogLikelihood likelihood,
            double[] baseStart, long customers, FitOptions options, String moreData) {
        double[] start = new double[names.size()];
        System.arraycopy(baseStart, 0, start, 0, baseCount);
        for (int j = baseCount; j < start.length; j++) {
            start[j] = 1.0; // e^0: the optimiser moves ln e^γ = γ
        }
        int rows = (int) Math.min(Integer.MAX_VALUE, customers);
        ModelFit internal = MaximumLikelihood.fit(model, names, likelihood, start, customers, rows, options, moreData,
                baseCount);
        double[] theta = internal.estimates();
        double[] estimates = theta.clone();
        double[] factor = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            factor[j] = j < baseCount ? 1.0 : 1.0 / theta[j];
            if (j >= baseCount) {
                estimates[j] = Math.log(theta[j]);
            }
        }
        double[][] covariance = null;
        if (internal.hasStandardErrors()) {
            double[][] c = internal.covariance();
            covariance = new double[theta.length][theta.length];
            for (int a = 0; a < theta.length; a++) {
                for (int b = 0; b < theta.length; b++) {
                    covariance[a][b] = c[a][b] * factor[a] * factor[b];
                }
            }
        }
        return new ModelFit(model, names, estimates, covariance, internal.logLikelihood(), internal.iterations(),
                internal.converged(), internal.penalizer(), internal.customers(), internal.distinctRows(),
                internal.identified());
    }
}
