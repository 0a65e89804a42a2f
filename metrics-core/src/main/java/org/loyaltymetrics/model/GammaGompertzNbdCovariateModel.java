package org.loyaltymetrics.model;

import java.time.temporal.ChronoUnit;
import java.util.List;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.RowChunks;
import org.loyaltymetrics.internal.SpecialFunctions;

/**
 * The GGom/NBD model ({@link GammaGompertzNbdModel}, Bemmaor &amp; Glady 2012) with time-invariant covariates,
 * in CLVTools' parametrisation (CLVTools 0.12.1, {@code ggomnbd} with {@code SetStaticCovariates}): customer
 * i with covariates z_i buys at rate λ_i ~ gamma(r, α_i) while alive, and has a Gompertz lifetime with scale
 * b and η_i ~ gamma(s, β_i), where
 * <pre>
 *   α_i = α₀ · exp(−γ_transᵀ z_i),        β_i = β₀ · exp(−γ_lifeᵀ z_i)
 * </pre>
 * (b and s are common to all customers; a positive purchase coefficient means more purchases, a positive
 * attrition coefficient a smaller β_i, so larger η_i and shorter lifetimes). Each customer is then a GGom/NBD
 * with (r, α_i, b, s, β_i) ({@link #forCustomer(double[])}), whose likelihood (Bemmaor &amp; Glady 2012, eq. 7)
 * and predictions are the {@link GammaGompertzNbdModel}'s. Coefficients are on the covariates' own scale
 * (centred or scaled for the fit only if asked, see {@link CovariateOptions}).
 *
 * <p><b>The Pareto/NBD boundary.</b> As b → 0 with β₀/b fixed the model tends to the Pareto/NBD with
 * covariates (r, α₀, s, β₀/b, the same coefficients, {@link ParetoNbdCovariateModel}). Where the data are
 * better described by it (data of a Pareto/NBD process, such as the shared synthetic data set) the likelihood
 * rises towards that boundary and has no maximum at finite parameters: the fit then throws a
 * {@link ModelFitException} that says so and names the Pareto/NBD fit with covariates to the same data (its
 * log-likelihood is the GGom/NBD's supremum), instead of returning a point on the way there as converged.
 * CLVTools 0.12.1 stops on the way (b = 1.6e-6, β₀ = 2.5e-5 on the shared data, with its KKT2 check
 * failing) at a log-likelihood 3.3e-4 below that supremum (−36537.98117 against −36537.98084).
 *
 * <p>Fitted by maximum likelihood with the analytic gradient (the integral of the likelihood and its
 * derivatives under the integral sign by the same Gauss–Legendre panels), starting from the Pareto/NBD fit
 * with covariates: r, α₀, s and the coefficients as there, b = 1/mean T and β₀ = b times its β₀ (a point
 * near the Pareto/NBD limit); where that fit fails (on data of increasing hazards its s runs off), from
 * the GGom/NBD's own start values (r = 1, α₀ = mean T / mean x, b = 1/mean T, s = 1, β₀ = 1) and all
 * coefficients 0. Parameters, in CLVTools' order and names: r, alpha, b, s, beta,
 * life.&lt;covariate&gt;..., trans.&lt;covariate&gt;... (constr.&lt;covariate&gt; for one coefficient on both processes).
 *
 * <p>This class is immutable and thread-safe; fitting is deterministic.
 */
public final class GammaGompertzNbdCovariateModel extends CovariateModelCore implements CovariateTransactionModel {

    /** How α and the attrition parameters absorb the coefficients (see CovariateModelCore). */
    static final CovariateDesign.Shifts SHIFTS = new CovariateDesign.Shifts(new double[] {0, 1, 0, 0, 0}, new double[] {0, 0, 0, 0, 1});

    private static final String MODEL = "GGom/NBD with covariates";

    private GammaGompertzNbdCovariateModel(List<String> covariates, double[] parameters, ChronoUnit timeUnit,
            ModelFit fit, CovariateDesign design) {
        super(MODEL, GammaGompertzNbdModel.PARAMETERS, covariates, parameters, timeUnit, fit, design, SHIFTS);
    }

    /**
     * The model with given parameters: r, α₀, b, s, β₀ finite and &gt; 0, the coefficients finite, one of each
     * per covariate name.
     *
     * @throws InvalidArgumentException if a parameter is out of range or the coefficients are not one per name
     */
    public static GammaGompertzNbdCovariateModel of(double r, double alpha, double b, double s, double beta,
            List<String> covariates, double[] attritionCoefficients, double[] purchaseCoefficients,
            ChronoUnit timeUnit) {
        return new GammaGompertzNbdCovariateModel(covariates, parameters(new double[] {r, alpha, b, s, beta},
                covariates, attritionCoefficients, purchaseCoefficients), timeUnit, null, null);
    }

    /** Fits the model with the default options. */
    public static GammaGompertzNbdCovariateModel fit(CustomerCovariates.Joined data) {
        return fit(data, CovariateOptions.defaults(), FitOptions.defaults());
    }

    /**
     * Fits the model by maximum likelihood to the customers' histories joined to their covariates, with the
     * covariates as {@code covariates} says (see {@link CovariateOptions}).
     *
     * @throws InvalidArgumentException if a covariate is constant over the customers (the message names it),
     *     a name in {@code covariates.sameOnBoth()} is not a covariate, or {@code options} has a penalizer
     *     (use {@link CovariateOptions#withPenalties})
     * @throws ModelFitException if the fit fails; where it fails because b and β₀ run off to 0 (or stop where
     *     the Hessian is singular), the message says that the model has no interior maximum and names the
     *     Pareto/NBD fit with covariates, its parameters and log-likelihood (the GGom/NBD's supremum)
     */
    public static GammaGompertzNbdCovariateModel fit(CustomerCovariates.Joined data, CovariateOptions covariates,
            FitOptions options) {
        Checks.notNull(data, "data");
        Checks.notNull(options, "options");
        ParetoNbdCovariateModel.refusePenalizer(options);
        CovariateDesign design = CovariateDesign.of(data, covariates);
        PurchaseHistories.Accumulator all = PurchaseHistories.accumulator(data.timeUnit());
        for (int i = 0; i < data.size(); i++) {
            all.add(data.history(i));
        }
        PurchaseHistories histories = all.snapshot();
        double b = 1.0 / (histories.isEmpty() ? 1.0 : histories.meanAge());
        ParetoNbdCovariateModel pareto;
        try {
            pareto = ParetoNbdCovariateModel.fit(data, covariates, options);
        } catch (ModelFitException noLimit) {
            pareto = null; // e.g. s runs off to infinity on data of increasing hazards: start as the GGom/NBD does
        }
        int k = design.columns();
        double[] start = {1.0, NbdPurchaseModel.alphaStart(histories), b, 1.0, 1.0};
        double[] freeStart = new double[design.freeNames().size()];
        if (pareto != null) {
            // near the Pareto/NBD limit: its r, α₀, s and coefficients, b = 1/mean T and β₀ = b times its β₀, the
            // intercepts moved to the design's scale (α₀' = α₀ exp(−Σ γ_trans,j m_j), likewise β₀)
            double[] centre = design.centre();
            double[] life = new double[k];
            double[] trans = new double[k];
            double transShift = 0.0;
            double lifeShift = 0.0;
            for (int j = 0; j < k; j++) {
                String name = data.names().get(j);
                life[j] = pareto.attritionCoefficients().get(name);
                trans[j] = pareto.purchaseCoefficients().get(name);
                transShift += trans[j] * centre[j];
                lifeShift += life[j] * centre[j];
            }
            start = new double[] {pareto.r(), pareto.alpha() * Math.exp(-transShift), b, pareto.s(),
                b * pareto.beta() * Math.exp(-lifeShift)};
            freeStart = design.freeFrom(life, trans);
        }
        CovariateDesign.Fitted fitted;
        try {
            fitted = design.fit(MODEL, GammaGompertzNbdModel.PARAMETERS, new Rows(data, design), start, freeStart,
                    SHIFTS, options);
        } catch (ModelFitException failure) {
            if (pareto == null || failure.remedies().contains(ModelFitException.Remedy.MORE_ITERATIONS)) {
                throw failure;
            }
            ModelFit limit = pareto.fitResult();
            ModelFitException atLimit = new ModelFitException("the " + MODEL + " model has no interior maximum on "
                    + "these data (" + failure.problem() + "); its Pareto/NBD limit (b -> 0 and beta -> 0 with beta/b "
                    + "finite: the Gompertz lifetimes become exponential) fits them: the Pareto/NBD fit with covariates "
                    + MaximumLikelihood.describe(limit.parameterNames(), limit.estimates()) + ", log-likelihood "
                    + Formatting.decimal(limit.logLikelihood(), 4), List.of(),
                    "fit the Pareto/NBD with covariates (ParetoNbdCovariateModel), which is this limit");
            atLimit.initCause(failure);
            throw atLimit;
        }
        return new GammaGompertzNbdCovariateModel(data.names(), parameters(fitted), data.timeUnit(), fitted.fit(),
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

    /** b, the scale of the Gompertz lifetimes (e^(bu)). */
    public double b() {
        return base(2);
    }

    /** s, the shape of the gamma distribution of η. */
    public double s() {
        return base(3);
    }

    /** β₀, the rate of the gamma distribution of η at z = 0. */
    public double beta() {
        return base(4);
    }

    /**
     * The GGom/NBD of a customer with covariates {@code z}: (r, α₀ exp(−γ_transᵀz), b, s, β₀ exp(−γ_lifeᵀz)),
     * whose predictions are this customer's.
     *
     * @throws InvalidArgumentException if {@code z} is not one finite value per covariate
     */
    @Override
    public GammaGompertzNbdModel forCustomer(double[] z) {
        double[] scores = scores(z);
        return GammaGompertzNbdModel.of(r(), alpha() * Math.exp(-scores[1]), b(), s(), beta() * Math.exp(-scores[0]),
                timeUnit());
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
     * α₀, b, s, β₀, e^γ_life, e^γ_trans), with its analytic gradient in θ.
     */
    static MaximumLikelihood.LogLikelihood likelihood(CustomerCovariates.Joined data) {
        CovariateDesign design = CovariateDesign.raw(data);
        return design.penalised(new Rows(data, design), 5);
    }

    /**
     * The GGom/NBD log-likelihood of every customer, ln Γ(r + x) − ln Γ(r) + r ln α_i + ln[A + I] with
     * A = (α_i + T)^−k S(T), I = ∫_tₓ^T (α_i + u)^−k f(u) du, k = r + x, and its derivatives: with
     * G(u) = ln(1 + (e^(bu) − 1)/β), ∂G/∂b = u/D and ∂G/∂β = −(1 − e^(−bu))/(β D), D = β e^(−bu) + 1 − e^(−bu),
     * <pre>
     *   ∂ ln A/∂(r, α, b, s, β) = (−ln(α + T), −k/(α + T), −s ∂G/∂b, −G, −s ∂G/∂β)  at T
     *   ∂ ln f(u)/∂(b, s, β)    = (1/b + u − (s + 1) ∂G/∂b, 1/s − G, −1/β − (s + 1) ∂G/∂β)
     * </pre>
     * and the integral's derivatives the integrals of the integrand times (−ln(α + u), −k/(α + u), ∂ ln f),
     * by the panels of {@link GammaGompertzNbdModel}'s likelihood; then ∂α_i/∂γ_trans,j = −α_i z_ij,
     * ∂β_i/∂γ_life,j = −β_i z_ij.
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
            double b = base[2];
            double s = base[3];
            double beta0 = base[4];
            double logGammaR = SpecialFunctions.logGamma(r);
            double psiR = gBase == null ? 0.0 : SpecialFunctions.digamma(r);
            double[] gradient = gBase == null ? null : new double[5 + 2 * k];
            double total = RowChunks.sum(rows, RowChunks.COSTLY_CHUNK, gradient, (from, to, g) -> {
                double[] d = new double[5];
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
                    double logBracket = GammaGompertzNbdCovariateModel.logBracket(r, alpha, b, s, beta, xi,
                            recency[i], age[i], g == null ? null : d);
                    sum += SpecialFunctions.logGamma(r + xi) - logGammaR + r * Math.log(alpha) + logBracket;
                    if (g != null) {
                        double dR = SpecialFunctions.digamma(r + xi) - psiR + Math.log(alpha) + d[0];
                        double dAlpha = r / alpha + d[1];
                        g[0] += dR;
                        g[1] += dAlpha * alpha / alpha0;
                        g[2] += d[2];
                        g[3] += d[3];
                        g[4] += d[4] * beta / beta0;
                        for (int j = 0; j < k; j++) {
                            g[5 + j] -= d[4] * beta * z[i * k + j];
                            g[5 + k + j] -= dAlpha * alpha * z[i * k + j];
                        }
                    }
                }
                return sum;
            });
            if (gradient != null) {
                System.arraycopy(gradient, 0, gBase, 0, 5);
                System.arraycopy(gradient, 5, gLife, 0, k);
                System.arraycopy(gradient, 5 + k, gTrans, 0, k);
            }
            return total;
        }
    }

    /** Gauss–Legendre nodes and weights of order 8 on [−1, 1] (positive half), as the GGom/NBD's. */
    private static final double[] NODES = {0.1834346424956498, 0.5255324099163290, 0.7966664774136267,
        0.9602898564975363};
    private static final double[] WEIGHTS = {0.3626837833783620, 0.3137066458778873, 0.2223810344533745,
        0.1012285362903763};
    private static final int MAX_PANELS = 400;

    /**
     * ln[A + I] as {@link GammaGompertzNbdModel#logBracket} (the same panels), and where {@code d} is not
     * null its derivatives in (r, α, b, s, β) into d.
     */
    static double logBracket(double r, double alpha, double b, double s, double beta, double x, double recency,
            double age, double[] d) {
        double kk = r + x;
        double growthAge = GammaGompertzNbdModel.logGrowth(b, beta, age);
        double logAlive = -kk * Math.log(alpha + age) - s * growthAge;
        double scale = -kk * Math.log(alpha + recency) + Math.max(GammaGompertzNbdModel.logDensity(b, s, beta,
                recency), GammaGompertzNbdModel.logDensity(b, s, beta, age));
        double integral = 0.0;
        double dr = 0.0;
        double dAlpha = 0.0;
        double db = 0.0;
        double ds = 0.0;
        double dBeta = 0.0;
        if (age > recency) {
            double v0 = Math.log(alpha + recency);
            double v1 = Math.log(alpha + age);
            double change = Math.abs(kk - 1.0) * (v1 - v0) + b * (age - recency) * (1.0 + s);
            int panels = (int) Math.min(MAX_PANELS, Math.ceil(change) + 1);
            double width = (v1 - v0) / panels;
            double half = 0.5 * width;
            double logSB = Math.log(s) + Math.log(b) - Math.log(beta);
            double logBeta = Math.log(beta);
            for (int p = 0; p < panels; p++) {
                double center = v0 + (p + 0.5) * width;
                for (int j = 0; j < NODES.length; j++) {
                    for (int sign = -1; sign <= 1; sign += 2) {
                        double v = center + sign * half * NODES[j];
                        double u = Math.min(age, Math.max(recency, Math.exp(v) - alpha));
                        // G(u) = ln(1 + (e^(bu) − 1)/β) = bu + ln D − ln β, D = β e^(−bu) + 1 − e^(−bu)
                        double bu = b * u;
                        double em1 = Math.expm1(-bu);
                        double denominator = beta * (1.0 + em1) - em1;
                        double growth = bu + Math.log(denominator) - logBeta;
                        double term = WEIGHTS[j] * Math.exp(-(kk - 1.0) * v + logSB + bu - (s + 1.0) * growth - scale);
                        integral += term;
                        if (d != null) {
                            double gB = u / denominator;
                            double gBeta = em1 / (beta * denominator);
                            double inverse = 1.0 / (alpha + u);
                            dr -= term * v; // ln(α + u), u = e^v − α (clipped to [tₓ, T] by rounding only)
                            dAlpha -= term * kk * inverse;
                            db += term * (1.0 / b + u - (s + 1.0) * gB);
                            ds += term * (1.0 / s - growth);
                            dBeta += term * (-1.0 / beta - (s + 1.0) * gBeta);
                        }
                    }
                }
            }
            integral *= half;
            dr *= half;
            dAlpha *= half;
            db *= half;
            ds *= half;
            dBeta *= half;
        }
        double aliveTerm = Math.exp(logAlive - scale);
        double bracket = aliveTerm + integral;
        if (d != null) {
            double e = Math.exp(-b * age);
            double denominator = beta * e - Math.expm1(-b * age);
            double gB = age / denominator;
            double gBeta = Math.expm1(-b * age) / (beta * denominator);
            d[0] = (aliveTerm * -Math.log(alpha + age) + dr) / bracket;
            d[1] = (aliveTerm * -kk / (alpha + age) + dAlpha) / bracket;
            d[2] = (aliveTerm * -s * gB + db) / bracket;
            d[3] = (aliveTerm * -growthAge + ds) / bracket;
            d[4] = (aliveTerm * -s * gBeta + dBeta) / bracket;
        }
        return scale + Math.log(bracket);
    }
}
