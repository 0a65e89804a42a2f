package org.loyaltymetrics.model;

import java.util.List;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.SpecialFunctions;

/**
 * The likelihood-ratio test of a restricted model against a fuller model that nests it: whether the
 * fuller model's extra parameters fit the data significantly better. The statistic is
 * Λ = 2 (LL_full − LL_restricted), of the two maximum-likelihood fits to the same customers in the same
 * time unit, and its p-value comes from one of two reference distributions ({@link Reference}):
 * <ul>
 *   <li>{@link Reference#CHI_SQUARE}: χ² with df degrees of freedom (Wilks 1938), where the restriction
 *       fixes df parameters at values inside their range;</li>
 *   <li>{@link Reference#BOUNDARY_MIXTURE}: the mixture ½ χ²_(df−1) + ½ χ²_df (χ²₀ a point mass at 0),
 *       where one of the restricted parameters sits on the boundary of its range, e.g. a variance or a
 *       rate at 0, and the others inside theirs (Self &amp; Liang 1987, "Asymptotic properties of maximum
 *       likelihood estimators and likelihood ratio tests under nonstandard conditions", JASA 82, case
 *       5; Stram &amp; Lee 1994): the plain χ²_df would give p-values twice too large for df = 1.</li>
 * </ul>
 *
 * <p><b>No dropout.</b> None of BG/NBD, MBG/NBD and Pareto/NBD nests another, but each nests the NBD
 * model, in which customers buy by Poisson processes with gamma(r, α) rates and never drop out: the
 * BG/NBD and MBG/NBD as the dropout probability's beta(a, b) distribution collapses at 0, the
 * Pareto/NBD as the dropout rate's gamma(s, β) distribution does. {@link #noDropout} fits the NBD
 * (likelihood Γ(r + x)/Γ(r) · αʳ/(α + T)^(r+x), the limit of the three, Fader, Hardie &amp; Lee 2005, eq.
 * 3 with p = 0) and tests the model against it. The null hypothesis sits on the boundary (the mean
 * dropout is 0) and leaves the other dropout parameter unidentified, a nonstandard case (Davies 1977,
 * 1987) that neither reference covers exactly: the test uses the boundary mixture with df = 1,
 * ½ χ²₀ + ½ χ²₁, the distribution of Λ for any one fixed value of the unidentified parameter. Λ is
 * the largest of those over the unidentified parameter, so that the true p-value is at least the one
 * reported: a large p-value says for certain (asymptotically) that the data show no dropout, a small
 * one is approximate and anti-conservative.
 *
 * <p>Both fits must be unpenalised, converged and to the same number of customers; the likelihoods of
 * different time units differ by a constant, so fit both in one unit.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param restricted the fit of the restricted (nested) model
 * @param full the fit of the fuller model
 * @param degreesOfFreedom the number of parameters the restriction removes, &gt;= 1
 * @param reference the reference distribution of the statistic
 */
public record LikelihoodRatioTest(ModelFit restricted, ModelFit full, int degreesOfFreedom, Reference reference) {

    /** The reference distribution of the statistic Λ under the restricted model. */
    public enum Reference {
        /** χ²_df: the restriction fixes df parameters inside their range (Wilks 1938). */
        CHI_SQUARE,
        /** ½ χ²_(df−1) + ½ χ²_df: one restricted parameter on the boundary of its range (Self &amp; Liang 1987). */
        BOUNDARY_MIXTURE;

        /** The plain χ² test, {@link #CHI_SQUARE}. */
        public static final Reference DEFAULT = CHI_SQUARE;
    }

    /** How far below the restricted log-likelihood the fuller one may lie, relative: the optimisers' precision. */
    private static final double TOLERANCE = 1e-9;

    /**
     * Validates the test: both fits unpenalised, converged, to the same customers, the fuller at least
     * as likely as the restricted (within 1e-9 relative, the optimisers' precision: a statistic below 0
     * by less than that is read as 0).
     *
     * @throws InvalidArgumentException if a fit is penalised or did not converge, the fits are to
     *     different numbers of customers, the fuller fit is less likely than the restricted one, or
     *     {@code degreesOfFreedom} is below 1
     */
    public LikelihoodRatioTest {
        Checks.notNull(restricted, "restricted");
        Checks.notNull(full, "full");
        Checks.notNull(reference, "reference");
        if (degreesOfFreedom < 1) {
            throw InvalidArgumentException.of("degreesOfFreedom", ">= 1", degreesOfFreedom);
        }
        checkFit(restricted, "restricted");
        checkFit(full, "full");
        if (full.customers() != restricted.customers()) {
            throw InvalidArgumentException.of("full", "a fit to the same customers as the restricted fit ("
                    + restricted.customers() + ")", Formatting.plural(full.customers(), "customer"));
        }
        double floor = restricted.logLikelihood() - TOLERANCE * Math.max(1.0, Math.abs(restricted.logLikelihood()));
        if (!(full.logLikelihood() >= floor)) {
            throw InvalidArgumentException.of("full", "at least as likely as the restricted " + restricted.model()
                    + " fit (log-likelihood " + restricted.logLikelihood() + "): a model that nests it, fitted to its "
                    + "maximum", "a log-likelihood of " + full.logLikelihood());
        }
    }

    private static void checkFit(ModelFit fit, String name) {
        if (fit.penalizer() != 0.0) {
            throw InvalidArgumentException.of(name, "an unpenalised maximum-likelihood fit", "a fit with penalizer "
                    + fit.penalizer());
        }
        if (!fit.converged()) {
            throw InvalidArgumentException.of(name, "a converged fit", "a fit that did not converge");
        }
    }

    /**
     * The test with the χ²_df reference: the restriction fixes {@code degreesOfFreedom} parameters of
     * the fuller model at values inside their range.
     *
     * @throws InvalidArgumentException as the constructor
     */
    public static LikelihoodRatioTest of(ModelFit restricted, ModelFit full, int degreesOfFreedom) {
        return new LikelihoodRatioTest(restricted, full, degreesOfFreedom, Reference.CHI_SQUARE);
    }

    /**
     * The test with the ½ χ²_(df−1) + ½ χ²_df reference: one of the {@code degreesOfFreedom} restricted
     * parameters is fixed on the boundary of its range.
     *
     * @throws InvalidArgumentException as the constructor
     */
    public static LikelihoodRatioTest onBoundary(ModelFit restricted, ModelFit full, int degreesOfFreedom) {
        return new LikelihoodRatioTest(restricted, full, degreesOfFreedom, Reference.BOUNDARY_MIXTURE);
    }

    /**
     * The test of {@code model}, fitted to {@code histories}, against the NBD model without dropout,
     * fitted here to the same histories (in the model's time unit): the boundary mixture ½ χ²₀ + ½ χ²₁,
     * whose p-value is a lower bound of the true one (see the class comment). The NBD fit is
     * {@link #restricted()}, with its parameters r and alpha.
     *
     * @throws org.loyaltymetrics.UndefinedResultException if the model was not fitted
     * @throws InvalidArgumentException if the model was fitted to another number of customers than
     *     {@code histories} has, penalised or not converged
     * @throws ModelFitException if the NBD fit fails
     */
    public static LikelihoodRatioTest noDropout(TransactionModel model, PurchaseHistories histories) {
        Checks.notNull(model, "model");
        Checks.notNull(histories, "histories");
        ModelFit full = model.fitResult();
        if (full.customers() != histories.customers()) {
            throw InvalidArgumentException.of("histories", "the " + Formatting.plural(full.customers(), "customer")
                    + " the " + full.model() + " model was fitted to", Formatting.plural(histories.customers(), "customer"));
        }
        return onBoundary(fitNoDropout(histories.in(model.timeUnit())), full, 1);
    }

    /**
     * The maximum-likelihood fit of the NBD model (r, α) to {@code histories}: Poisson purchases at gamma
     * rates, no dropout; a customer's likelihood Γ(r + x)/Γ(r) · αʳ/(α + T)^(r+x), with the gradient
     * ∂/∂r = ψ(r + x) − ψ(r) + ln(α/(α + T)), ∂/∂α = r/α − (r + x)/(α + T).
     */
    static ModelFit fitNoDropout(PurchaseHistories histories) {
        MaximumLikelihood.LogLikelihood likelihood = new PurchaseLikelihood(histories) {
            @Override
            public double value(double[] theta, double[] gradient) {
                double r = theta[0];
                double alpha = theta[1];
                double logGammaR = SpecialFunctions.logGamma(r);
                double digammaR = SpecialFunctions.digamma(r);
                double logAlpha = Math.log(alpha);
                double sum = 0.0;
                double dr = 0.0;
                double dalpha = 0.0;
                for (int i = 0; i < x.length; i++) {
                    double logAge = Math.log(alpha + age[i]);
                    sum += weight[i] * (SpecialFunctions.logGamma(r + x[i]) - logGammaR + r * logAlpha - (r + x[i]) * logAge);
                    if (gradient != null) {
                        dr += weight[i] * (SpecialFunctions.digamma(r + x[i]) - digammaR + logAlpha - logAge);
                        dalpha += weight[i] * (r / alpha - (r + x[i]) / (alpha + age[i]));
                    }
                }
                if (gradient != null) {
                    gradient[0] = dr;
                    gradient[1] = dalpha;
                }
                return sum;
            }
        };
        return MaximumLikelihood.fit("NBD", List.of("r", "alpha"), likelihood,
                new double[] {1.0, NbdPurchaseModel.alphaStart(histories)}, histories.customers(), histories.distinctRows(),
                FitOptions.defaults());
    }

    /** Λ = 2 (LL_full − LL_restricted), &gt;= 0 (a difference below 0 within the tolerance reads 0). */
    public double statistic() {
        return Math.max(0.0, 2.0 * (full.logLikelihood() - restricted.logLikelihood()));
    }

    /**
     * The p-value P(Λ* ≥ Λ) under the {@link #reference()}: Q(df/2, Λ/2) for χ²_df; for the mixture
     * ½ P(χ²_(df−1) ≥ Λ) + ½ P(χ²_df ≥ Λ), with P(χ²₀ ≥ Λ) = 1 at Λ = 0 and 0 above.
     */
    public double pValue() {
        double statistic = statistic();
        double upper = ChiSquareGoodnessOfFit.chiSquareUpperTail(statistic, degreesOfFreedom);
        if (reference == Reference.CHI_SQUARE) {
            return upper;
        }
        double lower = degreesOfFreedom > 1 ? ChiSquareGoodnessOfFit.chiSquareUpperTail(statistic, degreesOfFreedom - 1)
                : statistic == 0.0 ? 1.0 : 0.0;
        return 0.5 * lower + 0.5 * upper;
    }

    /**
     * Whether the fuller model fits significantly better at level {@code alpha}: p &lt; alpha.
     *
     * @throws InvalidArgumentException if {@code alpha} is not in (0, 1)
     */
    public boolean isSignificant(double alpha) {
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw InvalidArgumentException.of("alpha", "in (0, 1)", alpha);
        }
        return pValue() < alpha;
    }

    /**
     * Reads, e.g., {@code "likelihood ratio NBD vs BG/NBD: LR = 362.4568, df = 1 (boundary mixture), p =
     * 0.0000"} (CDNOW: customers do drop out).
     */
    @Override
    public String toString() {
        return "likelihood ratio " + restricted.model() + " vs " + full.model() + ": LR = "
                + Formatting.decimal(statistic(), 4) + ", df = " + degreesOfFreedom
                + (reference == Reference.BOUNDARY_MIXTURE ? " (boundary mixture)" : "") + ", p = "
                + Formatting.decimal(pValue(), 4);
    }
}
