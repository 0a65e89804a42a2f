package org.loyaltymetrics.model;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.TimeUnits;
import org.loyaltymetrics.stats.Estimate;

/**
 * What the models with time-invariant covariates share: their parameters (the model's own, then one
 * attrition and one purchase coefficient per covariate), the coefficients by name with their standard
 * errors, the customer's scores γᵀz, the log-likelihood of joined data and the one-line description.
 * Immutable and thread-safe.
 */
abstract class CovariateModelCore implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final String model;
    private final List<String> baseNames;
    private final List<String> covariates;
    private final double[] parameters;
    private final ChronoUnit timeUnit;
    private final ModelFit fit;
    private final CovariateCoefficients coefficients;
    private final CovariateDesign.Shifts shifts;

    /**
     * The model's parameters; {@code shifts} says how each own parameter p of a customer follows the
     * coefficients: p_i = p · exp(−shifts.trans[p] γ_transᵀz − shifts.life[p] γ_lifeᵀz).
     */
    CovariateModelCore(String model, List<String> baseNames, List<String> covariates, double[] parameters,
            ChronoUnit timeUnit, ModelFit fit, CovariateDesign design, CovariateDesign.Shifts shifts) {
        this.model = model;
        this.shifts = shifts;
        this.baseNames = baseNames;
        this.covariates = List.copyOf(covariates);
        this.parameters = parameters.clone();
        this.timeUnit = TimeUnits.check(timeUnit, "timeUnit");
        this.fit = fit;
        for (int k = 0; k < baseNames.size(); k++) {
            Checks.positive(parameters[k], baseNames.get(k));
        }
        for (int k = baseNames.size(); k < parameters.length; k++) {
            Checks.finite(parameters[k], "coefficients");
        }
        this.coefficients = new CovariateCoefficients(model, this.covariates, this.parameters, baseNames.size(), fit,
                design);
    }

    /**
     * The parameters of a model of given parameters: {@code base}, then the attrition coefficients, then
     * the purchase coefficients, checked to be one per covariate.
     */
    static double[] parameters(double[] base, List<String> covariates, double[] attrition, double[] purchase) {
        Checks.notNull(covariates, "covariates");
        int k = covariates.size();
        if (Checks.notNull(attrition, "attritionCoefficients").length != k) {
            throw InvalidArgumentException.of("attritionCoefficients", "one per covariate (" + k + ")",
                    attrition.length);
        }
        if (Checks.notNull(purchase, "purchaseCoefficients").length != k) {
            throw InvalidArgumentException.of("purchaseCoefficients", "one per covariate (" + k + ")", purchase.length);
        }
        double[] parameters = Arrays.copyOf(base, base.length + 2 * k);
        System.arraycopy(attrition, 0, parameters, base.length, k);
        System.arraycopy(purchase, 0, parameters, base.length + k, k);
        return parameters;
    }

    /** The parameters of a fit on the covariates' own scale, in the order of {@link #parameters}. */
    static double[] parameters(CovariateDesign.Fitted fitted) {
        double[] base = fitted.base();
        int k = fitted.life().length;
        double[] parameters = Arrays.copyOf(base, base.length + 2 * k);
        System.arraycopy(fitted.life(), 0, parameters, base.length, k);
        System.arraycopy(fitted.trans(), 0, parameters, base.length + k, k);
        return parameters;
    }

    /** The model's rows of {@code data} on the scale of {@code design}. */
    abstract CovariateDesign.Rows rows(CustomerCovariates.Joined data, CovariateDesign design);

    /** The model's own parameter {@code i}. */
    final double base(int i) {
        return parameters[i];
    }

    /** The model's own parameters (a copy). */
    final double[] base() {
        return Arrays.copyOf(parameters, baseNames.size());
    }

    /** γ_lifeᵀz and γ_transᵀz of covariates z, checked. */
    final double[] scores(double[] z) {
        Checks.notNull(z, "z");
        int k = covariates.size();
        if (z.length != k) {
            throw InvalidArgumentException.of("z", "one value per covariate " + covariates, z.length + " values");
        }
        int base = baseNames.size();
        double life = 0.0;
        double trans = 0.0;
        for (int j = 0; j < k; j++) {
            Checks.finite(z[j], "z");
            life += parameters[base + j] * z[j];
            trans += parameters[base + k + j] * z[j];
        }
        return new double[] {life, trans};
    }

    public List<String> covariates() {
        return covariates;
    }

    public ChronoUnit timeUnit() {
        return timeUnit;
    }

    public Map<String, Double> purchaseCoefficients() {
        return coefficients.purchase();
    }

    public Map<String, Double> attritionCoefficients() {
        return coefficients.attrition();
    }

    public Map<String, Estimate> purchaseCoefficientEstimates() {
        return coefficients.purchaseEstimates();
    }

    public Map<String, Estimate> attritionCoefficientEstimates() {
        return coefficients.attritionEstimates();
    }

    public CovariateOptions covariateOptions() {
        return coefficients.options();
    }

    public Map<String, Double> parameters() {
        return ModelFit.named(names(), parameters);
    }

    private List<String> names() {
        List<String> names = new ArrayList<>(baseNames);
        covariates.forEach(name -> names.add("life." + name));
        covariates.forEach(name -> names.add("trans." + name));
        return names;
    }

    public double logLikelihood(CustomerCovariates.Joined data) {
        Checks.notNull(data, "data");
        coefficients.checkCovariates(data);
        int base = baseNames.size();
        int k = covariates.size();
        return rows(data, CovariateDesign.raw(data)).value(base(), Arrays.copyOfRange(parameters, base, base + k),
                Arrays.copyOfRange(parameters, base + k, base + 2 * k), null, null, null);
    }

    /**
     * The customer's own parameters as a fit: the estimates those of {@code customer} (the model of
     * {@link #forCustomer}) and their covariance J Σ Jᵀ, with Σ the fit's covariance (coefficients included)
     * and J the Jacobian of the customer's parameters in the fit's (∂p_i/∂p = p_i/p, ∂p_i/∂γ_f = −shift ·
     * p_i z_j for the coefficient f of covariate j); the rest of the facts the fit's.
     */
    final ModelFit customerFit(TransactionModel customer, double[] z) {
        ModelFit fit = fitResult();
        double[][] sigma = fit.covariance();
        int base = baseNames.size();
        int n = sigma.length;
        double[] own = new double[base];
        Map<String, Double> values = customer.parameters();
        for (int p = 0; p < base; p++) {
            own[p] = values.get(baseNames.get(p));
        }
        List<String> names = fit.parameterNames();
        double[][] jacobian = new double[base][n];
        for (int p = 0; p < base; p++) {
            jacobian[p][p] = own[p] / parameters[p];
            for (int j = 0; j < covariates.size(); j++) {
                jacobian[p][names.indexOf(coefficients.lifeName(j))] -= shifts.life()[p] * own[p] * z[j];
                jacobian[p][names.indexOf(coefficients.transName(j))] -= shifts.trans()[p] * own[p] * z[j];
            }
        }
        double[][] covariance = new double[base][base];
        for (int a = 0; a < base; a++) {
            for (int b = 0; b < base; b++) {
                double sum = 0.0;
                for (int u = 0; u < n; u++) {
                    for (int v = 0; v < n; v++) {
                        sum += jacobian[a][u] * sigma[u][v] * jacobian[b][v];
                    }
                }
                covariance[a][b] = sum;
            }
        }
        return new ModelFit(fit.model() + ", one customer", baseNames, own, covariance, fit.logLikelihood(),
                fit.iterations(), fit.converged(), fit.penalizer(), fit.customers(), fit.distinctRows(),
                fit.identified());
    }

    public ModelFit customerFit(double[] z) {
        return customerFit(forCustomerModel(z), z);
    }

    public PredictionUncertainty uncertainty(double[] z) {
        TransactionModel customer = forCustomerModel(z);
        return PredictionUncertainty.delta(customer, customerFit(customer, z));
    }

    public List<PurchaseHistory> simulate(double[][] covariates, double[] ages, long seed) {
        Checks.notNull(covariates, "covariates");
        Checks.notNull(ages, "ages");
        if (covariates.length != ages.length) {
            throw InvalidArgumentException.of("ages", "one age per customer's covariates (" + covariates.length + ")",
                    ages.length + " ages");
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        List<PurchaseHistory> histories = new ArrayList<>(ages.length);
        for (int i = 0; i < ages.length; i++) {
            TransactionModel customer = forCustomerModel(covariates[i]);
            histories.add(customer.simulate(new double[] {ages[i]}, random.nextLong()).get(0));
        }
        return java.util.Collections.unmodifiableList(histories);
    }

    /** The model of a customer with covariates z (as {@code forCustomer}). */
    abstract TransactionModel forCustomerModel(double[] z);

    public boolean isFitted() {
        return fit != null;
    }

    public ModelFit fitResult() {
        if (fit == null) {
            throw new UndefinedResultException("the " + model + " model was built from given parameters: no fit result");
        }
        return fit;
    }

    /** Reads, e.g., {@code "BG/NBD with covariates (weeks): r=0.4225, ...; fitted to 3000 customers, LL -36697.0}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(model).append(" (").append(TimeUnits.name(timeUnit)).append("): ");
        List<String> names = names();
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
}
