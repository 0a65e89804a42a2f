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
 * The BG/NBD model ({@link BetaGeometricNbdModel}) with time-invariant covariates, in CLVTools'
 * parametrisation (CLVTools 0.12.1, {@code bgnbd} with {@code SetStaticCovariates}): customer i with
 * covariates z_i buys at rate λ_i ~ gamma(r, α_i) while alive and drops out after a purchase with
 * probability p_i ~ beta(a_i, b_i), where
 * <pre>
 *   α_i = α₀ · exp(−γ_transᵀ z_i),        a_i = a₀ · exp(γ_lifeᵀ z_i),        b_i = b₀ · exp(γ_lifeᵀ z_i)
 * </pre>
 * (gamma rates: E[λ_i] = r/α₀ · exp(γ_transᵀ z_i), a positive purchase coefficient means more purchases).
 * The attrition coefficients scale a and b alike, so the mean drop-out probability a/(a + b) is the same for
 * every customer; they change the concentration a_i + b_i of the beta distribution around it (a positive
 * coefficient, less heterogeneity in p). Each customer is then a BG/NBD with (r, α_i, a_i, b_i)
 * ({@link #forCustomer(double[])}), whose likelihood is Fader, Hardie &amp; Lee's (2005, eq. 6):
 * <pre>
 *   L_i = B(a_i, b_i + x)/B(a_i, b_i) · Γ(r + x) α_iʳ/Γ(r) · [(α_i + T)^−(r+x) + [x &gt; 0] a_i/(b_i + x − 1) (α_i + tₓ)^−(r+x)]
 * </pre>
 * and whose predictions (CET, P(alive), ...) are the BG/NBD's. Coefficients are on the covariates' own scale
 * (centred or scaled for the fit only if asked, see {@link CovariateOptions}).
 *
 * <p>Fitted by maximum likelihood with the analytic gradient (by the chain rule through α_i, a_i and b_i),
 * starting from the BG/NBD fit without covariates and all coefficients 0. Parameters, in CLVTools' order and
 * names: r, alpha, a, b, life.&lt;covariate&gt;..., trans.&lt;covariate&gt;... (constr.&lt;covariate&gt; for one
 * coefficient on both processes); standard errors from the inverse Hessian, the coefficients' as they are.
 *
 * <p>This class is immutable and thread-safe; fitting is deterministic.
 */
public final class BetaGeometricNbdCovariateModel extends CovariateModelCore implements CovariateTransactionModel {

    /** How α and the attrition parameters absorb the coefficients (see CovariateModelCore). */
    static final CovariateDesign.Shifts SHIFTS = new CovariateDesign.Shifts(new double[] {0, 1, 0, 0}, new double[] {0, 0, -1, -1});

    private static final String MODEL = "BG/NBD with covariates";

    private BetaGeometricNbdCovariateModel(List<String> covariates, double[] parameters, ChronoUnit timeUnit,
            ModelFit fit, CovariateDesign design) {
        super(MODEL, BetaGeometricNbdModel.PARAMETERS, covariates, parameters, timeUnit, fit, design, SHIFTS);
    }

    /**
     * The model with given parameters: r, α₀, a₀, b₀ finite and &gt; 0, the coefficients finite, one of each
     * per covariate name.
     *
     * @throws InvalidArgumentException if a parameter is out of range or the coefficients are not one per name
     */
    public static BetaGeometricNbdCovariateModel of(double r, double alpha, double a, double b,
            List<String> covariates, double[] attritionCoefficients, double[] purchaseCoefficients,
            ChronoUnit timeUnit) {
        return new BetaGeometricNbdCovariateModel(covariates, parameters(new double[] {r, alpha, a, b}, covariates,
                attritionCoefficients, purchaseCoefficients), timeUnit, null, null);
    }

    /** Fits the model with the default options. */
    public static BetaGeometricNbdCovariateModel fit(CustomerCovariates.Joined data) {
        return fit(data, CovariateOptions.defaults(), FitOptions.defaults());
    }

    /**
     * Fits the model by maximum likelihood to the customers' histories joined to their covariates, with the
     * covariates as {@code covariates} says (see {@link CovariateOptions}), from the BG/NBD fit without
     * covariates and all coefficients 0. The estimates, standard errors and covariance are on the covariates'
     * own scale; the log-likelihood is without the penalty.
     *
     * @throws InvalidArgumentException if a covariate is constant over the customers (the message names it),
     *     a name in {@code covariates.sameOnBoth()} is not a covariate, or {@code options} has a penalizer
     *     (use {@link CovariateOptions#withPenalties})
     * @throws ModelFitException if the fit fails
     */
    public static BetaGeometricNbdCovariateModel fit(CustomerCovariates.Joined data, CovariateOptions covariates,
            FitOptions options) {
        Checks.notNull(data, "data");
        Checks.notNull(options, "options");
        ParetoNbdCovariateModel.refusePenalizer(options);
        CovariateDesign design = CovariateDesign.of(data, covariates);
        PurchaseHistories.Accumulator all = PurchaseHistories.accumulator(data.timeUnit());
        for (int i = 0; i < data.size(); i++) {
            all.add(data.history(i));
        }
        BetaGeometricNbdModel plain = BetaGeometricNbdModel.fit(all.snapshot(), options);
        double[] start = {plain.r(), plain.alpha(), plain.a(), plain.b()};
        CovariateDesign.Fitted fitted = design.fit(MODEL, BetaGeometricNbdModel.PARAMETERS, new Rows(data, design),
                start, SHIFTS, options);
        return new BetaGeometricNbdCovariateModel(data.names(), parameters(fitted), data.timeUnit(), fitted.fit(),
                design);
    }

    /** r. */
    public double r() {
        return base(0);
    }

    /** α₀, the rate of the purchase rates' gamma distribution at z = 0. */
    public double alpha() {
        return base(1);
    }

    /** a₀, the first shape of the drop-out probabilities' beta distribution at z = 0. */
    public double a() {
        return base(2);
    }

    /** b₀, the second shape of the drop-out probabilities' beta distribution at z = 0. */
    public double b() {
        return base(3);
    }

    /**
     * The BG/NBD of a customer with covariates {@code z}: (r, α₀ exp(−γ_transᵀz), a₀ exp(γ_lifeᵀz),
     * b₀ exp(γ_lifeᵀz)), whose predictions are this customer's.
     *
     * @throws InvalidArgumentException if {@code z} is not one finite value per covariate
     */
    @Override
    public BetaGeometricNbdModel forCustomer(double[] z) {
        double[] scores = scores(z);
        double life = Math.exp(scores[0]);
        return BetaGeometricNbdModel.of(r(), alpha() * Math.exp(-scores[1]), a() * life, b() * life, timeUnit());
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
     * α₀, a₀, b₀, e^γ_life, e^γ_trans), with its analytic gradient in θ.
     */
    static MaximumLikelihood.LogLikelihood likelihood(CustomerCovariates.Joined data) {
        CovariateDesign design = CovariateDesign.raw(data);
        return design.penalised(new Rows(data, design), 4);
    }

    /**
     * The BG/NBD log-likelihood of every customer at (r, α₀, a₀, b₀) and the coefficients, z on the design's
     * scale. With w_T and w_R the shares of the two terms of the bracket (w_R = 0 for x = 0), the derivatives
     * of one customer's ln L are
     * <pre>
     *   ∂/∂r   = ψ(r + x) − ψ(r) + ln α − w_T ln(α + T) − w_R ln(α + tₓ)
     *   ∂/∂α_i = r/α − (r + x) (w_T/(α + T) + w_R/(α + tₓ))
     *   ∂/∂a_i = ψ(a + b) − ψ(a + b + x) + w_R/a
     *   ∂/∂b_i = ψ(b + x) − ψ(b) + ψ(a + b) − ψ(a + b + x) − w_R/(b + x − 1)
     * </pre>
     * then ∂α_i/∂γ_trans,j = −α_i z_ij, ∂a_i/∂γ_life,j = a_i z_ij, ∂b_i/∂γ_life,j = b_i z_ij. The sums over x
     * of the beta and digamma differences are taken term by term for x up to 64 (ln B(a, b + x) − ln B(a, b)
     * = Σ_{m&lt;x} ln((b + m)/(a + b + m)), ψ(b + x) − ψ(b) = Σ_{m&lt;x} 1/(b + m)), by the special functions
     * beyond.
     */
    static final class Rows implements CovariateDesign.Rows {
        private static final int RECURRENCE = 64;
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
            double a0 = base[2];
            double b0 = base[3];
            double logGammaR = SpecialFunctions.logGamma(r);
            double psiR = gBase == null ? 0.0 : SpecialFunctions.digamma(r);
            double[] gradient = gBase == null ? null : new double[4 + 2 * k];
            double total = RowChunks.sum(rows, gradient, (from, to, g) -> {
                double sum = 0.0;
                for (int i = from; i < to; i++) {
                    double lifeScore = 0.0;
                    double transScore = 0.0;
                    for (int j = 0; j < k; j++) {
                        lifeScore += life[j] * z[i * k + j];
                        transScore += trans[j] * z[i * k + j];
                    }
                    double alpha = alpha0 * Math.exp(-transScore);
                    double shape = Math.exp(lifeScore);
                    double a = a0 * shape;
                    double b = b0 * shape;
                    double xi = x[i];
                    double rx = r + xi;
                    double logAlpha = Math.log(alpha);
                    // ln B(a, b + x) − ln B(a, b) and, with the gradient, ψ(a + b) − ψ(a + b + x), ψ(b + x) − ψ(b)
                    double logBetaRatio;
                    double psiSum = 0.0;
                    double psiB = 0.0;
                    if (xi <= RECURRENCE) {
                        logBetaRatio = 0.0;
                        double ab = a + b;
                        for (int m = 0; m < xi; m++) {
                            logBetaRatio += Math.log((b + m) / (ab + m));
                            if (g != null) {
                                psiSum -= 1.0 / (ab + m);
                                psiB += 1.0 / (b + m);
                            }
                        }
                    } else {
                        logBetaRatio = SpecialFunctions.logBeta(a, b + xi) - SpecialFunctions.logBeta(a, b);
                        if (g != null) {
                            psiSum = SpecialFunctions.digamma(a + b) - SpecialFunctions.digamma(a + b + xi);
                            psiB = SpecialFunctions.digamma(b + xi) - SpecialFunctions.digamma(b);
                        }
                    }
                    double logAge = Math.log(alpha + age[i]);
                    double atAge = -rx * logAge;
                    double bracket;
                    double wR = 0.0;
                    double logRecency = 0.0;
                    if (xi == 0) {
                        bracket = atAge;
                    } else {
                        logRecency = Math.log(alpha + recency[i]);
                        double atRecency = Math.log(a) - Math.log(b + xi - 1) - rx * logRecency;
                        bracket = BetaGeometricCore.logSumExp(atAge, atRecency);
                        wR = Math.exp(atRecency - bracket);
                    }
                    double wT = 1.0 - wR;
                    sum += SpecialFunctions.logGamma(rx) - logGammaR + r * logAlpha + logBetaRatio + bracket;
                    if (g != null) {
                        double dR = SpecialFunctions.digamma(rx) - psiR + logAlpha - wT * logAge
                                - (xi == 0 ? 0.0 : wR * logRecency);
                        double dAlpha = r / alpha - rx * (wT / (alpha + age[i])
                                + (xi == 0 ? 0.0 : wR / (alpha + recency[i])));
                        double dA = psiSum + wR / a;
                        double dB = psiB + psiSum - (xi == 0 ? 0.0 : wR / (b + xi - 1));
                        g[0] += dR;
                        g[1] += dAlpha * alpha / alpha0;
                        g[2] += dA * shape;
                        g[3] += dB * shape;
                        double dLife = dA * a + dB * b;
                        double dTrans = -dAlpha * alpha;
                        for (int j = 0; j < k; j++) {
                            g[4 + j] += dLife * z[i * k + j];
                            g[4 + k + j] += dTrans * z[i * k + j];
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
