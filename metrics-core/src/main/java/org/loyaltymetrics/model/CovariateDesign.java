package org.loyaltymetrics.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.internal.Checks;

/**
 * The covariates of a fit as the likelihood sees them ({@link CovariateOptions}): the design matrix
 * (centred or scaled as asked), the free coefficients (life.*, trans.*, then constr.* for the covariates with
 * one coefficient on both processes, CLVTools' order and names) and how they expand to one attrition and one
 * purchase coefficient per covariate, the L2 penalty, and the map of a fit's estimates back to the
 * covariates' own scale. Shared by the models with time-invariant covariates; immutable and thread-safe.
 */
final class CovariateDesign {

    /**
     * A model's log-likelihood of all customers at its own parameters and one attrition and one purchase
     * coefficient per covariate (the design's columns), with its gradient in all of them when asked.
     * May be called from several threads at once.
     */
    interface Rows {
        /**
         * The log-likelihood; when {@code gBase} is not null, also writes ∂LL/∂base, ∂LL/∂γ_life and
         * ∂LL/∂γ_trans into {@code gBase}, {@code gLife}, {@code gTrans} (overwriting them).
         */
        double value(double[] base, double[] life, double[] trans, double[] gBase, double[] gLife, double[] gTrans);
    }

    /** How the model's parameters absorb a shift of the covariates (see {@link #toUserScale}). */
    record Shifts(double[] trans, double[] life) implements java.io.Serializable {
    }

    private final List<String> covariates;
    private final int rows;
    private final double[] z;
    private final double[] centre;
    private final double[] scale;
    private final CovariateOptions options;
    private final List<String> freeNames;
    /** The covariate column of each free coefficient. */
    private final int[] freeColumn;
    private final boolean[] freeLife;
    private final boolean[] freeTrans;
    /** The free coefficient of each covariate's attrition (purchase) coefficient. */
    private final int[] lifeFree;
    private final int[] transFree;

    private CovariateDesign(CustomerCovariates.Joined data, CovariateOptions options) {
        this.covariates = data.names();
        this.options = options;
        int k = covariates.size();
        this.rows = data.size();
        this.centre = new double[k];
        this.scale = new double[k];
        java.util.Arrays.fill(scale, 1.0);
        if (options.scaling() != CovariateOptions.Scaling.NONE && rows > 0) {
            for (int j = 0; j < k; j++) {
                double mean = 0.0;
                for (int i = 0; i < rows; i++) {
                    mean += (data.covariate(i, j) - mean) / (i + 1);
                }
                centre[j] = mean;
                if (options.scaling() == CovariateOptions.Scaling.STANDARDISE && rows > 1) {
                    double squares = 0.0;
                    for (int i = 0; i < rows; i++) {
                        double d = data.covariate(i, j) - mean;
                        squares += d * d;
                    }
                    double sd = Math.sqrt(squares / (rows - 1));
                    scale[j] = sd > 0.0 ? sd : 1.0;
                }
            }
        }
        this.z = new double[rows * k];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < k; j++) {
                z[i * k + j] = (data.covariate(i, j) - centre[j]) / scale[j];
            }
        }
        boolean[] constrained = constrained(data, options.sameOnBoth());
        List<String> names = new ArrayList<>();
        List<Integer> column = new ArrayList<>();
        List<Integer> kind = new ArrayList<>(); // 0 life, 1 trans, 2 both
        for (int j = 0; j < k; j++) {
            if (!constrained[j]) {
                names.add("life." + covariates.get(j));
                column.add(j);
                kind.add(0);
            }
        }
        for (int j = 0; j < k; j++) {
            if (!constrained[j]) {
                names.add("trans." + covariates.get(j));
                column.add(j);
                kind.add(1);
            }
        }
        for (int j = 0; j < k; j++) {
            if (constrained[j]) {
                names.add("constr." + covariates.get(j));
                column.add(j);
                kind.add(2);
            }
        }
        this.freeNames = List.copyOf(names);
        int n = names.size();
        this.freeColumn = new int[n];
        this.freeLife = new boolean[n];
        this.freeTrans = new boolean[n];
        this.lifeFree = new int[k];
        this.transFree = new int[k];
        for (int f = 0; f < n; f++) {
            int j = column.get(f);
            freeColumn[f] = j;
            freeLife[f] = kind.get(f) != 1;
            freeTrans[f] = kind.get(f) != 0;
            if (freeLife[f]) {
                lifeFree[j] = f;
            }
            if (freeTrans[f]) {
                transFree[j] = f;
            }
        }
    }

    /**
     * The design of {@code data} under {@code options}.
     *
     * @throws InvalidArgumentException if a covariate is constant over the customers (not identifiable apart
     *     from the model's intercepts; the message names it), or a name of {@code sameOnBoth} is neither a
     *     covariate nor a categorical covariate of the data
     */
    static CovariateDesign of(CustomerCovariates.Joined data, CovariateOptions options) {
        Checks.notNull(data, "data");
        Checks.notNull(options, "options");
        List<String> constant = data.constantCovariates();
        if (!constant.isEmpty() && data.size() > 0) {
            throw InvalidArgumentException.of("data", "covariates that vary over the customers (a constant one is "
                    + "not identifiable apart from the model's intercepts)", "constant " + constant);
        }
        return new CovariateDesign(data, options);
    }

    /** The design of {@code data} as given: no scaling, no shared coefficients, no penalty. */
    static CovariateDesign raw(CustomerCovariates.Joined data) {
        return new CovariateDesign(data, CovariateOptions.defaults());
    }

    private static boolean[] constrained(CustomerCovariates.Joined data, List<String> sameOnBoth) {
        List<String> names = data.names();
        boolean[] constrained = new boolean[names.size()];
        Map<String, List<String>> categorical = data.categorical();
        for (String name : sameOnBoth) {
            List<String> columns = names.contains(name) ? List.of(name) : categorical.get(name);
            if (columns == null) {
                throw InvalidArgumentException.of("sameOnBoth", "covariates of the data " + names
                        + (categorical.isEmpty() ? "" : " or categorical covariates " + categorical.keySet()), name);
            }
            for (String column : columns) {
                constrained[names.indexOf(column)] = true;
            }
        }
        return constrained;
    }

    /** The covariates' names (the columns). */
    List<String> covariates() {
        return covariates;
    }

    /** The number of covariates. */
    int columns() {
        return covariates.size();
    }

    /** The number of customers. */
    int rows() {
        return rows;
    }

    /** Customer i's covariate j on the fit's scale. */
    double z(int i, int j) {
        return z[i * covariates.size() + j];
    }

    /** The design matrix on the fit's scale, row-major (not a copy: read only). */
    double[] matrix() {
        return z;
    }

    /** The free coefficients' names: life.*, trans.*, constr.*. */
    List<String> freeNames() {
        return freeNames;
    }

    /** The options. */
    CovariateOptions options() {
        return options;
    }

    /** The mean subtracted from each column for the fit (0 without centring), a copy. */
    double[] centre() {
        return centre.clone();
    }

    /**
     * The free coefficients on the fit's scale of coefficients {@code life}, {@code trans} on the covariates'
     * own scale (γ' = γ s; a shared coefficient from its purchase value).
     */
    double[] freeFrom(double[] life, double[] trans) {
        double[] free = new double[freeNames.size()];
        for (int f = 0; f < free.length; f++) {
            int j = freeColumn[f];
            free[f] = (freeTrans[f] ? trans[j] : life[j]) * scale[j];
        }
        return free;
    }

    /** Each covariate's attrition and purchase coefficient from the free ones. */
    void expand(double[] free, int from, double[] life, double[] trans) {
        for (int j = 0; j < covariates.size(); j++) {
            life[j] = free[from + lifeFree[j]];
            trans[j] = free[from + transFree[j]];
        }
    }

    /** The parameter name of covariate j's attrition coefficient in the fit (life.x or constr.x). */
    String lifeName(int j) {
        return freeNames.get(lifeFree[j]);
    }

    /** The parameter name of covariate j's purchase coefficient in the fit (trans.x or constr.x). */
    String transName(int j) {
        return freeNames.get(transFree[j]);
    }

    /** λ_trans Σ γ_trans² + λ_life Σ γ_life² (the expanded coefficients). */
    double penalty(double[] life, double[] trans) {
        double sumLife = 0.0;
        double sumTrans = 0.0;
        for (int j = 0; j < life.length; j++) {
            sumLife += life[j] * life[j];
            sumTrans += trans[j] * trans[j];
        }
        return options.purchasePenalty() * sumTrans + options.attritionPenalty() * sumLife;
    }

    /**
     * The log-likelihood of the optimiser: θ = (the model's parameters, e^γ of each free coefficient) (the
     * optimiser moves ln θ, so the coefficients themselves), LL − N · penalty, with its gradient in θ.
     */
    MaximumLikelihood.LogLikelihood penalised(Rows model, int base) {
        int k = covariates.size();
        int free = freeNames.size();
        double customers = rows;
        return new MaximumLikelihood.LogLikelihood() {
            @Override
            public boolean hasGradient() {
                return true;
            }

            @Override
            public double value(double[] theta, double[] gradient) {
                double[] parameters = java.util.Arrays.copyOf(theta, base);
                double[] gamma = new double[free];
                for (int f = 0; f < free; f++) {
                    gamma[f] = Math.log(theta[base + f]);
                }
                double[] life = new double[k];
                double[] trans = new double[k];
                expand(gamma, 0, life, trans);
                double[] gBase = gradient == null ? null : new double[base];
                double[] gLife = gradient == null ? null : new double[k];
                double[] gTrans = gradient == null ? null : new double[k];
                double value = model.value(parameters, life, trans, gBase, gLife, gTrans);
                if (options.isRegularised()) {
                    value -= customers * penalty(life, trans);
                }
                if (gradient != null) {
                    System.arraycopy(gBase, 0, gradient, 0, base);
                    for (int f = 0; f < free; f++) {
                        int j = freeColumn[f];
                        double g = 0.0;
                        if (freeLife[f]) {
                            g += gLife[j] - customers * 2.0 * options.attritionPenalty() * life[j];
                        }
                        if (freeTrans[f]) {
                            g += gTrans[j] - customers * 2.0 * options.purchasePenalty() * trans[j];
                        }
                        gradient[base + f] = g / theta[base + f]; // ∂/∂θ = ∂/∂γ / θ, γ = ln θ
                    }
                }
                return value;
            }
        };
    }

    /** A fit on the covariates' own scale: the fit's facts and the parameters with every covariate's coefficients. */
    record Fitted(ModelFit fit, double[] base, double[] life, double[] trans) {
    }

    /**
     * Fits {@code model} from {@code start} (the model's parameters; every coefficient starts at 0) and
     * returns it on the covariates' own scale (see {@link #toUserScale}).
     */
    Fitted fit(String name, List<String> baseNames, Rows model, double[] start, Shifts shifts, FitOptions options) {
        return fit(name, baseNames, model, start, new double[freeNames.size()], shifts, options);
    }

    /**
     * Fits {@code model} from {@code start} (the model's parameters on the fit's scale) and the free
     * coefficients {@code freeStart} (on the fit's scale) and returns it on the covariates' own scale.
     */
    Fitted fit(String name, List<String> baseNames, Rows model, double[] start, double[] freeStart, Shifts shifts,
            FitOptions options) {
        int base = baseNames.size();
        int free = freeNames.size();
        double[] theta0 = java.util.Arrays.copyOf(start, base + free);
        for (int f = 0; f < free; f++) {
            theta0[base + f] = Math.exp(freeStart[f]);
        }
        List<String> names = new ArrayList<>(baseNames);
        names.addAll(freeNames);
        ModelFit internal = MaximumLikelihood.fit(name, names, penalised(model, base), theta0, rows, rows, options,
                MaximumLikelihood.MORE_DATA, base);
        return toUserScale(internal, base, model, shifts);
    }

    /**
     * The fit {@code internal} (in θ = (the model's parameters, e^γ' of the free coefficients on the fit's
     * scale)) on the covariates' own scale: γ_f = γ'_f / s_j for the free coefficient f of covariate j, and
     * each parameter p of the model ln p = ln p' + Σ_f (shifts.trans[p] [f enters the purchase process] +
     * shifts.life[p] [f enters attrition]) γ'_f m_j / s_j; covariance J Σ Jᵀ (delta method); log-likelihood
     * without the penalty.
     */
    private Fitted toUserScale(ModelFit internal, int base, Rows model, Shifts shifts) {
        double[] theta = internal.estimates();
        int n = theta.length;
        int free = n - base;
        double[] psi = theta.clone(); // (p', γ')
        for (int f = 0; f < free; f++) {
            psi[base + f] = Math.log(theta[base + f]);
        }
        double[] user = psi.clone();
        double[][] jacobian = new double[n][n];
        for (int p = 0; p < base; p++) {
            double logShift = 0.0;
            for (int f = 0; f < free; f++) {
                int j = freeColumn[f];
                double weight = (freeTrans[f] ? shifts.trans()[p] : 0.0) + (freeLife[f] ? shifts.life()[p] : 0.0);
                logShift += weight * psi[base + f] * centre[j] / scale[j];
            }
            user[p] = psi[p] * Math.exp(logShift);
            jacobian[p][p] = user[p] / psi[p];
            for (int f = 0; f < free; f++) {
                int j = freeColumn[f];
                double weight = (freeTrans[f] ? shifts.trans()[p] : 0.0) + (freeLife[f] ? shifts.life()[p] : 0.0);
                jacobian[p][base + f] = user[p] * weight * centre[j] / scale[j];
            }
        }
        for (int f = 0; f < free; f++) {
            int j = freeColumn[f];
            user[base + f] = psi[base + f] / scale[j];
            jacobian[base + f][base + f] = 1.0 / scale[j];
        }
        double[][] covariance = null;
        if (internal.hasStandardErrors()) {
            double[][] c = internal.covariance();
            // γ' = ln θ: cov(γ'_a, γ'_b) = cov(θ_a, θ_b)/(θ_a θ_b) (the inverse of the delta method the fit applied)
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    c[a][b] *= (a < base ? 1.0 : 1.0 / theta[a]) * (b < base ? 1.0 : 1.0 / theta[b]);
                }
            }
            covariance = new double[n][n];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    double sum = 0.0;
                    for (int u = 0; u < n; u++) {
                        if (jacobian[a][u] == 0.0) {
                            continue;
                        }
                        for (int v = 0; v < n; v++) {
                            sum += jacobian[a][u] * c[u][v] * jacobian[b][v];
                        }
                    }
                    covariance[a][b] = sum;
                }
            }
        }
        int k = covariates.size();
        double[] life = new double[k];
        double[] trans = new double[k];
        expand(user, base, life, trans);
        double[] userBase = java.util.Arrays.copyOf(user, base);
        double[] fitLife = new double[k];
        double[] fitTrans = new double[k];
        expand(psi, base, fitLife, fitTrans);
        double logLikelihood = model.value(java.util.Arrays.copyOf(psi, base), fitLife, fitTrans, null, null, null);
        double penalizer = Math.max(options.purchasePenalty(), options.attritionPenalty());
        ModelFit fit = new ModelFit(internal.model(), internal.parameterNames(), user, covariance, logLikelihood,
                internal.iterations(), internal.converged(), penalizer, internal.customers(), internal.distinctRows(),
                internal.identified());
        return new Fitted(fit, userBase, life, trans);
    }
}
