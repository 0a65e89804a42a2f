package org.loyaltymetrics.model;

import java.util.ArrayList;
import java.util.List;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;

/**
 * How the covariates of a model with time-invariant covariates ({@link ParetoNbdCovariateModel},
 * {@link BetaGeometricNbdCovariateModel}, {@link GammaGompertzNbdCovariateModel}) enter its fit: which
 * covariates have the same coefficient on both processes, how strongly the coefficients are held towards 0,
 * and whether the covariates are centred or scaled for the fit. The Pareto/NBD with time-varying covariates
 * ({@link ParetoNbdDynamicCovariateModel}) takes the first two, with its covariates as they are.
 *
 * <ul>
 * <li><b>The same coefficient on both processes</b> ({@code sameOnBoth}; CLVTools' {@code names.cov.constr}):
 * for each covariate named, one coefficient γ_j enters both the purchase and the attrition process
 * (γ_trans,j = γ_life,j = γ_j), reported as the parameter {@code constr.<name>} of the fit. A name may be a
 * column or a categorical covariate, which stands for all its indicator columns.</li>
 * <li><b>L2 regularisation</b> ({@code purchasePenalty} λ_trans, {@code attritionPenalty} λ_life; CLVTools'
 * {@code reg.lambdas = c(trans = λ_trans, life = λ_life)}): the fit minimises
 * <pre>
 *   −LL(θ)/N + λ_trans Σ_j γ_trans,j² + λ_life Σ_j γ_life,j²
 * </pre>
 * with N the number of customers, the coefficients on the scale of the fit (after centring or scaling) and
 * a coefficient shared by both processes counted in both sums (so penalised by λ_trans + λ_life). This is
 * CLVTools 0.12.1's penalty exactly (its {@code interlayer_regularization}: the average negative
 * log-likelihood plus λ_trans γ_transᵀγ_trans + λ_life γ_lifeᵀγ_life, after the constraints are expanded).
 * The model's own parameters (r, α₀, ...) are not penalised. The standard errors of a regularised fit are
 * the inverse Hessian of N times that objective (the penalised curvature).</li>
 * <li><b>Centring and scaling</b> ({@code scaling}): with {@link Scaling#CENTRE} every covariate column is
 * fitted as z − mean(z), with {@link Scaling#STANDARDISE} as (z − mean(z))/sd(z) (sd with divisor N − 1).
 * The estimates and their standard errors are reported on the covariates' own scale all the same: with
 * z' = (z − m)/s, γᵀz' = Σ_j (γ'_j/s_j) z_j − Σ_j γ'_j m_j/s_j, so γ_j = γ'_j/s_j, and the intercepts absorb
 * the shift (α₀ = α₀' exp(Σ_j γ'_trans,j m_j/s_j) and likewise for each parameter that a process's
 * coefficients multiply); the covariance follows by the delta method, J Σ' Jᵀ with J the Jacobian of that
 * map. Without a penalty the maximum-likelihood estimates do not depend on the scaling (the fit is
 * equivariant); with one they do, since the penalty applies to the coefficients of the fit's scale:
 * standardise before regularising so that each covariate is penalised alike.</li>
 * </ul>
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param sameOnBoth the covariates (columns or categorical covariates) with one coefficient on both
 *     processes, distinct; empty for none
 * @param purchasePenalty λ_trans, finite and &gt;= 0
 * @param attritionPenalty λ_life, finite and &gt;= 0
 * @param scaling how the covariates are transformed for the fit
 */
public record CovariateOptions(List<String> sameOnBoth, double purchasePenalty, double attritionPenalty,
        Scaling scaling) implements java.io.Serializable {

    /** How the covariate columns are transformed for the fit (the results are on their own scale). */
    public enum Scaling {
        /** As given. */
        NONE,
        /** Each column minus its mean over the customers fitted. */
        CENTRE,
        /** Each column minus its mean, divided by its standard deviation (divisor N − 1). */
        STANDARDISE
    }

    private static final CovariateOptions DEFAULTS = new CovariateOptions(List.of(), 0.0, 0.0, Scaling.NONE);

    /**
     * Validates and copies the components.
     *
     * @throws InvalidArgumentException if a name is null, blank or repeated, or a penalty is not finite and
     *     &gt;= 0
     */
    public CovariateOptions {
        Checks.notNull(sameOnBoth, "sameOnBoth");
        for (int i = 0; i < sameOnBoth.size(); i++) {
            String name = sameOnBoth.get(i);
            if (name == null || name.isBlank() || sameOnBoth.indexOf(name) != i) {
                throw InvalidArgumentException.of("sameOnBoth", "distinct, non-blank covariate names", sameOnBoth);
            }
        }
        sameOnBoth = List.copyOf(sameOnBoth);
        Checks.nonNegative(Checks.finite(purchasePenalty, "purchasePenalty"), "purchasePenalty");
        Checks.nonNegative(Checks.finite(attritionPenalty, "attritionPenalty"), "attritionPenalty");
        Checks.notNull(scaling, "scaling");
    }

    /** No shared coefficients, no penalty, covariates as given. */
    public static CovariateOptions defaults() {
        return DEFAULTS;
    }

    /** These options with one coefficient on both processes for each of {@code covariates}. */
    public CovariateOptions withSameOnBoth(String... covariates) {
        Checks.notNull(covariates, "covariates");
        List<String> names = new ArrayList<>();
        for (String name : covariates) {
            names.add(name);
        }
        return new CovariateOptions(names, purchasePenalty, attritionPenalty, scaling);
    }

    /** These options with the L2 penalties λ_trans (purchase) and λ_life (attrition). */
    public CovariateOptions withPenalties(double purchasePenalty, double attritionPenalty) {
        return new CovariateOptions(sameOnBoth, purchasePenalty, attritionPenalty, scaling);
    }

    /** These options with {@code scaling}. */
    public CovariateOptions withScaling(Scaling scaling) {
        return new CovariateOptions(sameOnBoth, purchasePenalty, attritionPenalty, scaling);
    }

    /** Whether a penalty is set. */
    public boolean isRegularised() {
        return purchasePenalty > 0.0 || attritionPenalty > 0.0;
    }

    /**
     * Reads, e.g., {@code "CovariateOptions: same on both [channel], penalties trans 0.5 life 0.5, scaling
     * STANDARDISE"}.
     */
    @Override
    public String toString() {
        return "CovariateOptions: same on both " + sameOnBoth + ", penalties trans " + purchasePenalty + " life "
                + attritionPenalty + ", scaling " + scaling;
    }
}
