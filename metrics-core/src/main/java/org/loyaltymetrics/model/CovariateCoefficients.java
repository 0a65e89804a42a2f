package org.loyaltymetrics.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.stats.Estimate;

/**
 * The coefficients of a model with time-invariant covariates by covariate name, with their standard errors
 * from the fit where it has them (a coefficient shared by both processes is the fit's constr.x in both).
 * Immutable and thread-safe.
 */
final class CovariateCoefficients implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final String model;
    private final List<String> covariates;
    private final Map<String, Double> attrition;
    private final Map<String, Double> purchase;
    private final ModelFit fit;
    private final String[] lifeNames;
    private final String[] transNames;
    private final CovariateOptions options;

    /**
     * The coefficients in {@code parameters} after the model's {@code base} parameters: one attrition
     * coefficient per covariate, then one purchase coefficient per covariate; {@code fit} and
     * {@code design} null for a model built from given parameters.
     */
    CovariateCoefficients(String model, List<String> covariates, double[] parameters, int base, ModelFit fit,
            CovariateDesign design) {
        this.model = model;
        this.covariates = covariates;
        int k = covariates.size();
        Map<String, Double> life = new LinkedHashMap<>();
        Map<String, Double> trans = new LinkedHashMap<>();
        for (int j = 0; j < k; j++) {
            life.put(covariates.get(j), parameters[base + j]);
            trans.put(covariates.get(j), parameters[base + k + j]);
        }
        this.attrition = Collections.unmodifiableMap(life);
        this.purchase = Collections.unmodifiableMap(trans);
        this.fit = fit;
        this.lifeNames = new String[k];
        this.transNames = new String[k];
        for (int j = 0; j < k; j++) {
            lifeNames[j] = design == null ? "life." + covariates.get(j) : design.lifeName(j);
            transNames[j] = design == null ? "trans." + covariates.get(j) : design.transName(j);
        }
        this.options = design == null ? CovariateOptions.defaults() : design.options();
    }

    Map<String, Double> attrition() {
        return attrition;
    }

    Map<String, Double> purchase() {
        return purchase;
    }

    Map<String, Estimate> attritionEstimates() {
        return estimates(lifeNames);
    }

    Map<String, Estimate> purchaseEstimates() {
        return estimates(transNames);
    }

    CovariateOptions options() {
        return options;
    }

    /** The fit's name of covariate j's attrition coefficient (life.x or constr.x). */
    String lifeName(int j) {
        return lifeNames[j];
    }

    /** The fit's name of covariate j's purchase coefficient (trans.x or constr.x). */
    String transName(int j) {
        return transNames[j];
    }

    private Map<String, Estimate> estimates(String[] names) {
        if (fit == null) {
            throw new UndefinedResultException("the " + model + " model was built from given parameters: its "
                    + "coefficients have no standard errors");
        }
        Map<String, Estimate> map = new LinkedHashMap<>();
        for (int j = 0; j < names.length; j++) {
            map.put(covariates.get(j), fit.estimate(names[j]));
        }
        return Collections.unmodifiableMap(map);
    }

    /** Refuses data whose covariates are not the model's. */
    void checkCovariates(CustomerCovariates.Joined data) {
        checkNames("data", data.names(), covariates);
    }

    /**
     * Refuses the argument {@code argument}, customers with the covariates {@code names}, unless they are the
     * model's {@code modelCovariates} (the same names in the same order).
     */
    static void checkNames(String argument, List<String> names, List<String> modelCovariates) {
        if (!names.equals(modelCovariates)) {
            throw InvalidArgumentException.of(argument, "customers with the model's covariates " + modelCovariates,
                    "covariates " + names);
        }
    }
}
