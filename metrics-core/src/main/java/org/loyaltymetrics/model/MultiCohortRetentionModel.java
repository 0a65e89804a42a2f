package org.loyaltymetrics.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.CohortSurvivors;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.SpecialFunctions;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;

/**
 * A model of contractual retention, the {@link ShiftedBetaGeometricModel sBG} or the
 * {@link BetaDiscreteWeibullModel BdW} ({@link Family}), fitted jointly by maximum likelihood to several
 * cohorts (for example the customers acquired in each year), each given as its {@link CohortSurvivors}:
 * <ul>
 *   <li>{@link Sharing#SHARED}: one set of parameters for every cohort. The cohorts are independent, so the
 *       joint log-likelihood is the sum of the cohorts' (each as in Fader &amp; Hardie 2007, "How to Project
 *       Customer Retention", Journal of Interactive Marketing 21(1), for the sBG, and in Fader, Hardie, Liu,
 *       Davin &amp; Steenburgh 2018 for the BdW). Cohorts may cover different numbers of periods (the later
 *       ones fewer, as in a triangle of cohorts acquired in successive years); where they
 *       cover the same periods the fit equals the fit to their pooled survivors
 *       ({@link CohortSurvivors#plus}), whose likelihood is the same function.</li>
 *   <li>{@link Sharing#PER_COHORT}: each cohort its own parameters, fitted jointly. The joint
 *       log-likelihood separates into the cohorts', so that without a penalizer the estimates, standard
 *       errors and log-likelihoods of each cohort equal those of its own fit (a penalizer is scaled by the
 *       customers of all cohorts, so a penalised joint fit differs from penalised separate fits).</li>
 * </ul>
 * {@link #likelihoodRatioTest} tests the shared fit against the per-cohort one: Λ = 2 (LL_per-cohort −
 * LL_shared) against χ² with (k − 1) p degrees of freedom, k cohorts of p parameters: whether the cohorts
 * differ in their retention.
 *
 * <p>The fit is {@link #fitResult()} (the joint {@link ModelFit}: parameters named "alpha", "beta" when
 * shared, "alpha[cohort]", "beta[cohort]" per cohort, with their covariance in the parameters themselves);
 * {@link #model(String)} is the fitted model of one cohort (the shared model, or the cohort's own with the
 * block of its parameters and its own log-likelihood and customers), which projects survival and retention
 * and values a customer by the discounted expected residual lifetime. {@link #projection(int)} and
 * {@link #discountedExpectedResidualLifetimes(long, double)} tabulate them per cohort.
 *
 * <p>Both likelihoods are fitted with their analytic gradient. This class is immutable and thread-safe;
 * fitting is deterministic.
 */
public final class MultiCohortRetentionModel implements Tabular {

    /** The model fitted to the cohorts. */
    public enum Family {
        /** The shifted-beta-geometric model (α, β): constant individual churn probabilities. */
        SHIFTED_BETA_GEOMETRIC("sBG", ShiftedBetaGeometricModel.PARAMETERS),
        /** The beta-discrete-Weibull model (γ, δ, c): individual churn probabilities that change with tenure. */
        BETA_DISCRETE_WEIBULL("BdW", BetaDiscreteWeibullModel.PARAMETERS);

        /** The sBG, the model of Fader &amp; Hardie (2007). */
        public static final Family DEFAULT = SHIFTED_BETA_GEOMETRIC;

        private final String abbreviation;
        private final List<String> parameters;

        Family(String abbreviation, List<String> parameters) {
            this.abbreviation = abbreviation;
            this.parameters = parameters;
        }

        /** The model's abbreviation, "sBG" or "BdW". */
        public String abbreviation() {
            return abbreviation;
        }

        /** The names of the model's parameters, in order. */
        public List<String> parameterNames() {
            return parameters;
        }
    }

    /** Whether the cohorts share one set of parameters or each has its own. */
    public enum Sharing {
        /** One set of parameters for all cohorts. */
        SHARED,
        /** Each cohort its own parameters. */
        PER_COHORT;

        /** Shared parameters. */
        public static final Sharing DEFAULT = SHARED;
    }

    private final Family family;
    private final Sharing sharing;
    private final Map<String, CohortSurvivors> cohorts;
    private final ModelFit fit;
    private final Map<String, ContractualRetentionModel> models;

    private MultiCohortRetentionModel(Family family, Sharing sharing, Map<String, CohortSurvivors> cohorts, ModelFit fit,
            Map<String, ContractualRetentionModel> models) {
        this.family = family;
        this.sharing = sharing;
        this.cohorts = cohorts;
        this.fit = fit;
        this.models = models;
    }

    /** Fits {@code family} to {@code cohorts} with {@code sharing} and the default options. */
    public static MultiCohortRetentionModel fit(Map<String, CohortSurvivors> cohorts, Family family, Sharing sharing) {
        return fit(cohorts, family, sharing, FitOptions.defaults());
    }

    /**
     * Fits {@code family} to {@code cohorts} (by name, in the map's iteration order) by maximum likelihood
     * from parameters all 1, with the analytic gradient, and verifies that the maximum is identified (see
     * {@link ModelFitException}).
     *
     * @throws InvalidArgumentException if there is no cohort, a name is blank, or a cohort has no customers
     * @throws ModelFitException if the data cannot identify the parameters: fewer periods than the model has
     *     parameters (2 for the sBG, 3 for the BdW; for shared parameters, in the longest cohort), no customer
     *     lost, or every customer lost in the first period (for shared parameters, over all cohorts; per
     *     cohort, in any cohort, named), or the fit does not converge (and {@code options} require it), a
     *     parameter runs off to 0 or infinity, or the likelihood is flat along some direction
     */
    public static MultiCohortRetentionModel fit(Map<String, CohortSurvivors> cohorts, Family family, Sharing sharing,
            FitOptions options) {
        Checks.notNull(cohorts, "cohorts");
        Checks.notNull(family, "family");
        Checks.notNull(sharing, "sharing");
        Checks.notNull(options, "options");
        if (cohorts.isEmpty()) {
            throw InvalidArgumentException.of("cohorts", "at least one cohort", "no cohort");
        }
        Map<String, CohortSurvivors> copy = new LinkedHashMap<>();
        for (Map.Entry<String, CohortSurvivors> entry : cohorts.entrySet()) {
            String name = Checks.notNull(entry.getKey(), "cohort name");
            CohortSurvivors survivors = Checks.notNull(entry.getValue(), "cohorts[" + name + "]");
            if (name.isBlank()) {
                throw InvalidArgumentException.of("cohorts", "cohorts with non-blank names", "a blank name");
            }
            if (survivors.isEmpty()) {
                throw InvalidArgumentException.of("cohorts", "cohorts of at least one customer each",
                        "cohort " + name + " with no customers");
            }
            copy.put(name, survivors);
        }
        Map<String, CohortSurvivors> data = Collections.unmodifiableMap(copy);
        List<String> names = new ArrayList<>(data.keySet());
        List<long[]> alive = new ArrayList<>();
        for (CohortSurvivors survivors : data.values()) {
            alive.add(survivors.aliveCounts());
        }
        int p = family.parameters.size();
        int k = names.size();
        String label = family.abbreviation + (sharing == Sharing.PER_COHORT ? " per cohort" : "");
        if (sharing == Sharing.SHARED) {
            checkIdentifiable(family, alive, k == 1 ? "the cohort" : "the " + k + " cohorts together");
        } else {
            for (int i = 0; i < k; i++) {
                checkIdentifiable(family, List.of(alive.get(i)), "cohort " + names.get(i));
            }
        }
        List<String> parameterNames = new ArrayList<>();
        if (sharing == Sharing.SHARED) {
            parameterNames.addAll(family.parameters);
        } else {
            for (String name : names) {
                for (String parameter : family.parameters) {
                    parameterNames.add(parameter + "[" + name + "]");
                }
            }
        }
        long customers = 0;
        int rows = 0;
        for (long[] counts : alive) {
            customers = Checks.addCounts(customers, counts[0], "customers");
            rows += counts.length;
        }
        double[] start = new double[parameterNames.size()];
        java.util.Arrays.fill(start, 1.0);
        MaximumLikelihood.LogLikelihood likelihood = new JointLikelihood(family, sharing, alive);
        ModelFit joint = MaximumLikelihood.fit(label, parameterNames, likelihood, start, customers, rows, options,
                "more periods or larger cohorts (the retention rates must visibly change from period to period to "
                        + "tell heterogeneous churn from a constant rate"
                        + (family == Family.BETA_DISCRETE_WEIBULL ? ", and from churn that changes with tenure)" : ")"));
        double[] estimates = joint.estimates();
        Map<String, ContractualRetentionModel> models = new LinkedHashMap<>();
        if (sharing == Sharing.SHARED) {
            ContractualRetentionModel model = model(family, estimates, joint);
            for (String name : names) {
                models.put(name, model);
            }
        } else {
            double[][] covariance = joint.hasStandardErrors() ? joint.covariance() : null;
            for (int i = 0; i < k; i++) {
                double[] block = java.util.Arrays.copyOfRange(estimates, i * p, i * p + p);
                double[][] blockCovariance = null;
                if (covariance != null) {
                    blockCovariance = new double[p][];
                    for (int a = 0; a < p; a++) {
                        blockCovariance[a] = java.util.Arrays.copyOfRange(covariance[i * p + a], i * p, i * p + p);
                    }
                }
                long[] counts = alive.get(i);
                double logLikelihood = JointLikelihood.cohort(family, block, counts, null, 0);
                ModelFit own = new ModelFit(family.abbreviation, family.parameters, block, blockCovariance,
                        logLikelihood, joint.iterations(), joint.converged(), joint.penalizer(), counts[0],
                        counts.length, joint.identified());
                models.put(names.get(i), model(family, block, own));
            }
        }
        return new MultiCohortRetentionModel(family, sharing, data, joint, Collections.unmodifiableMap(models));
    }

    private static ContractualRetentionModel model(Family family, double[] estimates, ModelFit fit) {
        return family == Family.SHIFTED_BETA_GEOMETRIC ? ShiftedBetaGeometricModel.fitted(estimates, fit)
                : BetaDiscreteWeibullModel.fitted(estimates, fit);
    }

    private static void checkIdentifiable(Family family, List<long[]> alive, String what) {
        int longest = 0;
        long start = 0;
        long end = 0;
        long afterOne = 0;
        for (long[] counts : alive) {
            longest = Math.max(longest, counts.length - 1);
            start += counts[0];
            end += counts[counts.length - 1];
            afterOne += counts[1];
        }
        String model = "cannot fit the " + family.abbreviation + " model to " + what + ": ";
        int needed = family.parameters.size();
        if (longest < needed) {
            throw new ModelFitException(model + Formatting.plural(longest, "period") + " of survivors give "
                    + Formatting.plural(longest, "retention rate") + ", too few to identify the " + needed
                    + " parameters " + family.parameters + "; fit at least " + needed + " periods");
        }
        if (start == end) {
            throw new ModelFitException(model + "no customer was lost, so the churn probabilities have no estimate "
                    + "(the likelihood rises without bound as the churn goes to 0); fit more periods, or cohorts that "
                    + "have lost customers");
        }
        if (afterOne == 0) {
            throw new ModelFitException(model + "every customer was lost in the first period, so the churn "
                    + "probabilities have no estimate (the likelihood rises without bound as the churn goes to 1); fit "
                    + "cohorts that kept customers");
        }
    }

    /** The joint log-likelihood of the cohorts and its analytic gradient. */
    private static final class JointLikelihood implements MaximumLikelihood.LogLikelihood {

        private final Family family;
        private final Sharing sharing;
        private final List<long[]> alive;

        JointLikelihood(Family family, Sharing sharing, List<long[]> alive) {
            this.family = family;
            this.sharing = sharing;
            this.alive = alive;
        }

        @Override
        public double value(double[] theta, double[] gradient) {
            if (gradient != null) {
                java.util.Arrays.fill(gradient, 0.0);
            }
            int p = family.parameters.size();
            double total = 0.0;
            for (int i = 0; i < alive.size(); i++) {
                int offset = sharing == Sharing.SHARED ? 0 : i * p;
                double[] parameters = java.util.Arrays.copyOfRange(theta, offset, offset + p);
                total += cohort(family, parameters, alive.get(i), gradient, offset);
            }
            return total;
        }

        @Override
        public boolean hasGradient() {
            return true;
        }

        /** One cohort's log-likelihood; adds its gradient into {@code gradient[offset..]} when not null. */
        static double cohort(Family family, double[] parameters, long[] counts, double[] gradient, int offset) {
            return family == Family.SHIFTED_BETA_GEOMETRIC
                    ? shiftedBetaGeometric(parameters[0], parameters[1], counts, gradient, offset)
                    : BetaDiscreteWeibullModel.logLikelihood(parameters[0], parameters[1], parameters[2], counts,
                            gradient, offset);
        }

        /**
         * The sBG log-likelihood Σ lost(t) ln P(T = t) + alive(n) ln S(n), with ln P(T = t) = ln B(α + 1,
         * β + t − 1) − ln B(α, β) and ln S(n) = ln B(α, β + n) − ln B(α, β) as {@link ShiftedBetaGeometricModel}
         * computes them, and their derivatives: ∂ ln P/∂α = 1/α − ψ(α + β + t) + ψ(α + β),
         * ∂ ln P/∂β = ψ(β + t − 1) − ψ(β) − ψ(α + β + t) + ψ(α + β), ∂ ln S(n)/∂α = ψ(α + β) − ψ(α + β + n),
         * ∂ ln S(n)/∂β = ψ(β + n) − ψ(β) − ψ(α + β + n) + ψ(α + β).
         */
        static double shiftedBetaGeometric(double alpha, double beta, long[] counts, double[] gradient, int offset) {
            double logB = SpecialFunctions.logBeta(alpha, beta);
            boolean withGradient = gradient != null;
            double psiSum = withGradient ? SpecialFunctions.digamma(alpha + beta) : 0.0;
            double psiBeta = withGradient ? SpecialFunctions.digamma(beta) : 0.0;
            double total = 0.0;
            int n = counts.length - 1;
            for (int t = 1; t <= n; t++) {
                long lost = counts[t - 1] - counts[t];
                if (lost > 0) {
                    total += lost * (SpecialFunctions.logBeta(alpha + 1.0, beta + t - 1.0) - logB);
                    if (withGradient) {
                        double psiSumT = SpecialFunctions.digamma(alpha + beta + t);
                        gradient[offset] += lost * (1.0 / alpha - psiSumT + psiSum);
                        gradient[offset + 1] += lost * (SpecialFunctions.digamma(beta + t - 1.0) - psiBeta - psiSumT
                                + psiSum);
                    }
                }
            }
            if (counts[n] > 0) {
                total += counts[n] * (SpecialFunctions.logBeta(alpha, beta + n) - logB);
                if (withGradient) {
                    double psiSumN = SpecialFunctions.digamma(alpha + beta + n);
                    gradient[offset] += counts[n] * (psiSum - psiSumN);
                    gradient[offset + 1] += counts[n] * (SpecialFunctions.digamma(beta + n) - psiBeta - psiSumN + psiSum);
                }
            }
            return total;
        }
    }

    /**
     * The likelihood-ratio test of {@code shared} against {@code perCohort}, two fits of the same family to
     * the same cohorts: Λ = 2 (LL_per-cohort − LL_shared) against χ² with (k − 1) p degrees of freedom (k
     * cohorts, p parameters). A small p-value says the cohorts retain differently.
     *
     * @throws InvalidArgumentException if {@code shared} is not a shared fit, {@code perCohort} not a
     *     per-cohort fit, they are of different families or cohorts, there is only one cohort, or a fit is
     *     penalised or did not converge
     */
    public static LikelihoodRatioTest likelihoodRatioTest(MultiCohortRetentionModel shared,
            MultiCohortRetentionModel perCohort) {
        Checks.notNull(shared, "shared");
        Checks.notNull(perCohort, "perCohort");
        if (shared.sharing != Sharing.SHARED) {
            throw InvalidArgumentException.of("shared", "a fit with shared parameters", "a per-cohort fit");
        }
        if (perCohort.sharing != Sharing.PER_COHORT) {
            throw InvalidArgumentException.of("perCohort", "a fit with per-cohort parameters", "a shared fit");
        }
        Checks.sameSetting(shared.family, perCohort.family, "perCohort", "model family");
        if (!shared.cohorts.equals(perCohort.cohorts)) {
            throw InvalidArgumentException.of("perCohort", "a fit to the same cohorts as the shared fit "
                    + shared.cohorts.keySet(), "a fit to the cohorts " + perCohort.cohorts.keySet());
        }
        int k = shared.cohorts.size();
        if (k < 2) {
            throw InvalidArgumentException.of("shared", "a fit to at least two cohorts", "a fit to one cohort");
        }
        return LikelihoodRatioTest.of(shared.fit, perCohort.fit, (k - 1) * shared.family.parameters.size());
    }

    /** The model fitted. */
    public Family family() {
        return family;
    }

    /** Whether the cohorts share their parameters. */
    public Sharing sharing() {
        return sharing;
    }

    /** The cohorts fitted, by name, in order (unmodifiable). */
    public Map<String, CohortSurvivors> cohorts() {
        return cohorts;
    }

    /** The joint fit: parameters, log-likelihood of all cohorts, standard errors and covariance. */
    public ModelFit fitResult() {
        return fit;
    }

    /**
     * The fitted model of cohort {@code cohort}: a {@link ShiftedBetaGeometricModel} or
     * {@link BetaDiscreteWeibullModel}; with shared parameters the same model for every cohort (its fit the
     * joint one), per cohort the cohort's own (its fit the cohort's block of the joint one, with the cohort's
     * log-likelihood and customers).
     *
     * @throws InvalidArgumentException if there is no such cohort
     */
    public ContractualRetentionModel model(String cohort) {
        Checks.notNull(cohort, "cohort");
        ContractualRetentionModel model = models.get(cohort);
        if (model == null) {
            throw InvalidArgumentException.of("cohort", "one of " + cohorts.keySet(), cohort);
        }
        return model;
    }

    /** The fitted BdW model of a single-cohort shared fit. */
    BetaDiscreteWeibullModel betaDiscreteWeibull() {
        return (BetaDiscreteWeibullModel) models.values().iterator().next();
    }

    /**
     * DERL(d | {@code renewals} renewals) of a customer of cohort {@code cohort} (see
     * {@link ContractualRetentionModel#discountedExpectedResidualLifetime}).
     *
     * @throws InvalidArgumentException if there is no such cohort, {@code renewals} &lt; 0 or
     *     {@code discountRate} is not finite and &gt; 0
     */
    public double discountedExpectedResidualLifetime(String cohort, long renewals, double discountRate) {
        return model(cohort).discountedExpectedResidualLifetime(renewals, discountRate);
    }

    /**
     * The projection of each cohort over periods 0..{@code periods}: per cohort and period t the survival
     * S(t), the retention rate r(t) (undefined at t = 0), the expected survivors alive(0) · S(t) and the
     * observed survivors where the cohort was observed (undefined beyond), to four and two decimals.
     *
     * @throws InvalidArgumentException if {@code periods} is negative
     */
    public Table projection(int periods) {
        if (periods < 0) {
            throw InvalidArgumentException.of("periods", ">= 0", periods);
        }
        Table.Builder table = Table.builder().title("Projection of the " + this).column("cohort").numberColumn("period")
                .numberColumn("survival").numberColumn("retention").numberColumn("expected").numberColumn("observed");
        for (Map.Entry<String, CohortSurvivors> entry : cohorts.entrySet()) {
            ContractualRetentionModel model = models.get(entry.getKey());
            CohortSurvivors survivors = entry.getValue();
            double[] expected = model.projectedSurvivors(survivors.alive(0), periods);
            for (int t = 0; t <= periods; t++) {
                table.row(entry.getKey(), t, Formatting.decimal(model.survival(t), 4),
                        t == 0 ? null : Formatting.decimal(model.retentionRate(t), 4),
                        Formatting.decimal(expected[t], 2), t <= survivors.periods() ? survivors.alive(t) : null);
            }
        }
        return table.build();
    }

    /**
     * Per cohort: its customers at the start, still active at the end of its periods, the DERL of a customer
     * who has renewed {@code renewals} times and the discounted expected lifetime of a new customer, at
     * {@code discountRate} per period, to four decimals.
     *
     * @throws InvalidArgumentException if {@code renewals} &lt; 0 or {@code discountRate} is not finite and &gt; 0
     */
    public Table discountedExpectedResidualLifetimes(long renewals, double discountRate) {
        Checks.count(renewals, "renewals");
        Checks.positive(discountRate, "discountRate");
        Table.Builder table = Table.builder().title("Discounted expected residual lifetimes at " + discountRate
                + " per period, " + this).column("cohort").numberColumn("customers").numberColumn("active")
                .numberColumn("DERL after " + renewals + " renewals").numberColumn("new customer");
        for (Map.Entry<String, CohortSurvivors> entry : cohorts.entrySet()) {
            ContractualRetentionModel model = models.get(entry.getKey());
            CohortSurvivors survivors = entry.getValue();
            table.row(entry.getKey(), survivors.alive(0), survivors.alive(survivors.periods()),
                    Formatting.decimal(model.discountedExpectedResidualLifetime(renewals, discountRate), 4),
                    Formatting.decimal(model.discountedExpectedLifetime(discountRate), 4));
        }
        return table.build();
    }

    /** The fit report of the joint fit ({@link ModelFit#toTable()}): each parameter's estimate, SE and interval. */
    @Override
    public Table toTable() {
        return fit.toTable();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MultiCohortRetentionModel that && family == that.family && sharing == that.sharing
                && cohorts.equals(that.cohorts) && fit.equals(that.fit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, sharing, cohorts, fit);
    }

    /**
     * Reads, e.g., {@code "sBG model of 2 cohorts (shared parameters): alpha=0.7041, beta=1.1820; fitted to 2000
     * customers, LL -3291.4232"}.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(family.abbreviation).append(" model of ")
                .append(Formatting.plural(cohorts.size(), "cohort"))
                .append(sharing == Sharing.SHARED ? " (shared parameters): " : " (per-cohort parameters): ");
        double[] estimates = fit.estimates();
        List<String> names = fit.parameterNames();
        for (int i = 0; i < estimates.length; i++) {
            text.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(Formatting.decimal(estimates[i], 4));
        }
        return text.append("; fitted to ").append(Formatting.plural(fit.customers(), "customer")).append(", LL ")
                .append(Formatting.decimal(fit.logLikelihood(), 4)).toString();
    }
}
