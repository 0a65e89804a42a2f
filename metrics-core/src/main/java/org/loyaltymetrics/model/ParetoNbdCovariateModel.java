package org.loyaltymetrics.model;

import java.time.temporal.ChronoUnit;
import java.util.List;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.RowChunks;
import org.loyaltymetrics.internal.SpecialFunctions;

/**
 * The Pareto/NBD model ({@link ParetoNbdModel}) with time-invariant covariates, in CLVTools'
 * parametrisation (CLVTools 0.12.1, {@code pnbd} with {@code SetStaticCovariates}; Meierer, Levin &amp;
 * Bachmann, CLVTools documentation): customer i with covariates z_i buys at rate λ_i ~ gamma(r, α_i) and
 * drops out at rate μ_i ~ gamma(s, β_i), where
 * <pre>
 *   α_i = α₀ · exp(−γ_transᵀ z_i),        β_i = β₀ · exp(−γ_lifeᵀ z_i)
 * </pre>
 * (gamma rates: E[λ_i] = r/α₀ · exp(γ_transᵀ z_i), so a positive purchase coefficient means more purchases,
 * a positive attrition coefficient faster drop-out). Each customer is then a Pareto/NBD with (r, α_i, s, β_i)
 * ({@link #forCustomer(double[])}), whose likelihood is Fader &amp; Hardie's (2005; {@link ParetoNbdCore}),
 * and whose predictions (CET, P(alive), DERT, ...) are the Pareto/NBD's. Coefficients are on the scale of
 * the covariates as given (nothing is centred or scaled).
 *
 * <p>Fitted by maximum likelihood with the analytic gradient (the Pareto/NBD's in α_i and β_i, by the
 * chain rule), starting from the Pareto/NBD fit without covariates and all coefficients 0. Parameters,
 * in CLVTools' order and names: r, alpha, s, beta, life.&lt;covariate&gt;..., trans.&lt;covariate&gt;...
 * (constr.&lt;covariate&gt; for one coefficient on both processes); the standard errors are the inverse
 * Hessian's, the coefficients' as they are (CLVTools' convention). On the shared synthetic data (3,000
 * customers, three covariates) the fit reaches a log-likelihood 6e-5 above CLVTools 0.12.1's (the two
 * fits' times, side by side, are in the project's benchmarks/README.md).
 *
 * <p>This class is immutable and thread-safe; fitting is deterministic.
 */
public final class ParetoNbdCovariateModel extends CovariateModelCore implements CovariateTransactionModel {

    /** How α and the attrition parameters absorb the coefficients (see CovariateModelCore). */
    static final CovariateDesign.Shifts SHIFTS = new CovariateDesign.Shifts(new double[] {0, 1, 0, 0}, new double[] {0, 0, 0, 1});

    private static final String MODEL = "Pareto/NBD with covariates";

    private ParetoNbdCovariateModel(List<String> covariates, double[] parameters, ChronoUnit timeUnit, ModelFit fit,
            CovariateDesign design) {
        super(MODEL, ParetoNbdModel.PARAMETERS, covariates, parameters, timeUnit, fit, design, SHIFTS);
    }

    /**
     * The model with given parameters: r, α₀, s, β₀ finite and &gt; 0, the coefficients finite, one of each
     * per covariate name.
     *
     * @throws InvalidArgumentException if a parameter is out of range or the coefficients are not one per name
     */
    public static ParetoNbdCovariateModel of(double r, double alpha, double s, double beta, List<String> covariates,
            double[] attritionCoefficients, double[] purchaseCoefficients, ChronoUnit timeUnit) {
        return new ParetoNbdCovariateModel(covariates, parameters(new double[] {r, alpha, s, beta}, covariates,
                attritionCoefficients, purchaseCoefficients), timeUnit, null, null);
    }

    /** Fits the model with the default options. */
    public static ParetoNbdCovariateModel fit(CustomerCovariates.Joined data) {
        return fit(data, CovariateOptions.defaults(), FitOptions.defaults());
    }

    /** Fits the model with the default covariate options and {@code options}. */
    public static ParetoNbdCovariateModel fit(CustomerCovariates.Joined data, FitOptions options) {
        return fit(data, CovariateOptions.defaults(), options);
    }

    /**
     * Fits the model by maximum likelihood to the customers' histories joined to their covariates, with the
     * covariates as {@code covariates} says (shared coefficients, L2 penalty, centring or scaling; see
     * {@link CovariateOptions}), from the Pareto/NBD fit without covariates and all coefficients 0. The
     * estimates, standard errors and covariance are on the covariates' own scale; the fit's parameters are
     * r, alpha, s, beta, life.&lt;covariate&gt;..., trans.&lt;covariate&gt;..., constr.&lt;covariate&gt;... (CLVTools'
     * names; constr.x for a covariate with one coefficient on both processes); its log-likelihood is
     * without the penalty, its {@code penalizer} the larger of the two penalties.
     *
     * @throws InvalidArgumentException if a covariate is constant over the customers (it is not identifiable
     *     apart from α₀ and β₀; the message names it), a name in {@code covariates.sameOnBoth()} is not a
     *     covariate, or {@code options} has a penalizer (it would penalise e^γ; use
     *     {@link CovariateOptions#withPenalties})
     * @throws ModelFitException if the fit fails (see {@link ParetoNbdModel#fit(PurchaseHistories, FitOptions)})
     */
    public static ParetoNbdCovariateModel fit(CustomerCovariates.Joined data, CovariateOptions covariates,
            FitOptions options) {
        Checks.notNull(data, "data");
        Checks.notNull(options, "options");
        refusePenalizer(options);
        CovariateDesign design = CovariateDesign.of(data, covariates);
        PurchaseHistories.Accumulator all = PurchaseHistories.accumulator(data.timeUnit());
        for (int i = 0; i < data.size(); i++) {
            all.add(data.history(i));
        }
        ParetoNbdModel plain = ParetoNbdModel.fit(all.snapshot(), options);
        double[] start = {plain.r(), plain.alpha(), plain.s(), plain.beta()};
        CovariateDesign.Fitted fitted = design.fit(MODEL, ParetoNbdModel.PARAMETERS, new Rows(data, design), start,
                SHIFTS, options);
        double[] parameters = parameters(fitted);
        return new ParetoNbdCovariateModel(data.names(), parameters, data.timeUnit(), fitted.fit(), design);
    }

    /** Refuses FitOptions with a penalizer: the optimiser's would penalise e^γ, not γ. */
    static void refusePenalizer(FitOptions options) {
        if (options.penalizer() > 0.0) {
            throw InvalidArgumentException.of("options", "options without a penalizer (the L2 penalty of the "
                    + "coefficients is CovariateOptions.withPenalties)", "penalizer " + options.penalizer());
        }
    }

    /** r. */
    public double r() {
        return base(0);
    }

    /** α₀, the rate of the purchase rates' gamma distribution at z = 0. */
    public double alpha() {
        return base(1);
    }

    /** s. */
    public double s() {
        return base(2);
    }

    /** β₀, the rate of the drop-out rates' gamma distribution at z = 0. */
    public double beta() {
        return base(3);
    }

    /**
     * The Pareto/NBD of a customer with covariates {@code z}: (r, α₀ exp(−γ_transᵀz), s, β₀ exp(−γ_lifeᵀz)),
     * whose predictions (conditional expected transactions, P(alive), DERT, ...) are this customer's.
     *
     * @throws InvalidArgumentException if {@code z} is not one finite value per covariate
     */
    @Override
    public ParetoNbdModel forCustomer(double[] z) {
        double[] scores = scores(z);
        return ParetoNbdModel.of(r(), alpha() * Math.exp(-scores[1]), s(), beta() * Math.exp(-scores[0]), timeUnit());
    }

    @Override
    TransactionModel forCustomerModel(double[] z) {
        return forCustomer(z);
    }

    @Override
    CovariateDesign.Rows rows(CustomerCovariates.Joined data, CovariateDesign design) {
        return new Rows(data, design);
    }

    /**
     * The optimiser's log-likelihood of {@code data} as given (no scaling, no shared coefficients): θ = (r,
     * α₀, s, β₀, e^γ_life, e^γ_trans), with its analytic gradient in θ.
     */
    static MaximumLikelihood.LogLikelihood likelihood(CustomerCovariates.Joined data) {
        CovariateDesign design = CovariateDesign.raw(data);
        return design.penalised(new Rows(data, design), 4);
    }

    /**
     * The Pareto/NBD log-likelihood of every customer at (r, α₀, s, β₀) and the coefficients, with α_i =
     * α₀ exp(−γ_transᵀz_i), β_i = β₀ exp(−γ_lifeᵀz_i), z on the design's scale; the gradient by the chain
     * rule through {@link ParetoNbdCore} (∂α_i/∂γ_trans,j = −α_i z_ij, ∂β_i/∂γ_life,j = −β_i z_ij).
     */
    static final class Rows implements CovariateDesign.Rows {
        private final int rows;
        private final int k;
        private final double[] x;
        private final double[] recency;
        private final double[] age;
        private final double[] z;

        Rows(CustomerCovariates.Joined data, CovariateDesign design) {
            rows = data.size();
            k = data.names().size();
            x = new double[rows];
            recency = new double[rows];
            age = new double[rows];
            z = design.matrix();
            for (int i = 0; i < rows; i++) {
                PurchaseHistory h = data.history(i);
                x[i] = h.frequency();
                recency[i] = h.recency();
                age[i] = h.age();
            }
        }

        @Override
        public double value(double[] base, double[] life, double[] trans, double[] gBase, double[] gLife,
                double[] gTrans) {
            double r = base[0];
            double alpha0 = base[1];
            double s = base[2];
            double beta0 = base[3];
            double logGammaR = SpecialFunctions.logGamma(r);
            double psiR = gBase == null ? 0.0 : SpecialFunctions.digamma(r);
            double[] gradient = gBase == null ? null : new double[4 + 2 * k];
            double total = RowChunks.sum(rows, RowChunks.COSTLY_CHUNK, gradient, (from, to, g) -> {
                ParetoNbdCore.Term atAge = new ParetoNbdCore.Term();
                ParetoNbdCore.Term atRecency = new ParetoNbdCore.Term();
                double[] scratch = new double[4];
                double[] dCommon = new double[4];
                double[] g4 = new double[4];
                double sum = 0.0;
                for (int i = from; i < to; i++) {
                    double lifeScore = 0.0;
                    double transScore = 0.0;
                    for (int j = 0; j < k; j++) {
                        lifeScore += life[j] * z[i * k + j];
                        transScore += trans[j] * z[i * k + j];
                    }
                    double alpha = alpha0 * Math.exp(-transScore);
                    double beta = beta0 * Math.exp(-lifeScore);
                    double xi = x[i];
                    double common = SpecialFunctions.logGamma(r + xi) - logGammaR + r * Math.log(alpha)
                            + s * Math.log(beta);
                    if (g != null) {
                        java.util.Arrays.fill(g4, 0.0);
                        dCommon[0] = SpecialFunctions.digamma(r + xi) - psiR + Math.log(alpha);
                        dCommon[1] = r / alpha;
                        dCommon[2] = Math.log(beta);
                        dCommon[3] = s / beta;
                    }
                    sum += common + ParetoNbdCore.logBracket(r, alpha, s, beta, xi, recency[i], age[i], 1.0,
                            g == null ? null : g4, dCommon, null, atAge, atRecency, scratch);
                    if (g != null) {
                        g[0] += g4[0];
                        g[1] += g4[1] * alpha / alpha0;
                        g[2] += g4[2];
                        g[3] += g4[3] * beta / beta0;
                        for (int j = 0; j < k; j++) {
                            g[4 + j] -= g4[3] * beta * z[i * k + j];
                            g[4 + k + j] -= g4[1] * alpha * z[i * k + j];
                        }
                    }
                }
                return sum;
            });
            if (gradient != null) {
                System.arraycopy(gradient, 0, gBase, 0, 4);
                System.arraycopy(gradient, 4, gLife, 0, k);
                System.arraycopy(gradient, 4 + k, gTrans, 0, k);
            }
            return total;
        }
    }
}
