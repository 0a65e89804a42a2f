package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.CustomerCovariates.MissingCovariates;
import org.loyaltymetrics.stats.Estimate;

/**
 * The covariate design shared by the models with time-invariant covariates, on the Pareto/NBD with
 * covariates and the shared synthetic data (src/test/resources/covariates): categorical covariates as
 * indicator columns, centring and scaling reported on the covariates' own scale, one coefficient on both
 * processes (CLVTools' names.cov.constr) and the L2 penalty (CLVTools' reg.lambdas).
 *
 * <p>The checks are independent of the code under test where they can be: a scaled fit must give the
 * unscaled fit's estimates, standard errors and log-likelihood (maximum likelihood is equivariant under
 * the affine map of the covariates, so any error in the back-transformation or the delta method shows);
 * a constrained or penalised fit must satisfy its own first-order conditions, checked with the gradient of
 * the plain, unconstrained likelihood (∂LL/∂γ_life,j + ∂LL/∂γ_trans,j = 0 for a shared coefficient,
 * ∂LL/∂γ = 2Nλγ for a penalised one).
 */
class CovariateOptionsTest {

    private static final List<String> COVARIATES = List.of("gender", "channel", "age_std");

    private static ParetoNbdCovariateModel free;

    /** The fit with the default options (once for all tests). */
    private static synchronized ParetoNbdCovariateModel free() {
        if (free == null) {
            free = ParetoNbdCovariateModel.fit(data());
        }
        return free;
    }

    private static CustomerCovariates.Joined data() {
        return ParetoNbdCovariateModelTest.covariates().join(CovariateReferenceData.histories(),
                MissingCovariates.REFUSE);
    }

    /** ∂LL/∂(r, α₀, s, β₀, γ_life, γ_trans) of the plain likelihood at the model's parameters (γ as they are). */
    private static double[] gradient(ParetoNbdCovariateModel model, CustomerCovariates.Joined data) {
        int k = model.covariates().size();
        double[] theta = new double[4 + 2 * k];
        theta[0] = model.r();
        theta[1] = model.alpha();
        theta[2] = model.s();
        theta[3] = model.beta();
        for (int j = 0; j < k; j++) {
            theta[4 + j] = Math.exp(model.attritionCoefficients().get(model.covariates().get(j)));
            theta[4 + k + j] = Math.exp(model.purchaseCoefficients().get(model.covariates().get(j)));
        }
        double[] gradient = new double[theta.length];
        ParetoNbdCovariateModel.likelihood(data).value(theta, gradient);
        for (int i = 4; i < theta.length; i++) {
            gradient[i] *= theta[i]; // ∂/∂γ = θ ∂/∂θ
        }
        return gradient;
    }

    /**
     * The standard error of a customer's CET(52) and P(alive) by {@link CovariateTransactionModel#uncertainty}
     * (the Jacobian of the customer's parameters, then PredictionUncertainty's directional differences)
     * against an independent delta method: central differences of the prediction in each of the fit's
     * parameters (coefficients included, a shared constr.x moving both processes), ∇ᵀ Σ ∇.
     */
    private static void customerUncertaintyIsTheDeltaMethodInAllParameters(ParetoNbdCovariateModel model) {
        ModelFit fit = model.fitResult();
        double[][] sigma = fit.covariance();
        List<String> names = fit.parameterNames();
        Map<String, Double> se = fit.standardErrors();
        for (long id : new long[] {2, 3, 1914}) {
            double[] z = CovariateReferenceData.covariates().get(id);
            org.loyaltymetrics.data.PurchaseHistory history = CovariateReferenceData.histories().get(id);
            PredictionUncertainty uncertainty = model.uncertainty(z);
            for (int figure = 0; figure < 2; figure++) {
                double[] gradient = new double[names.size()];
                for (int k = 0; k < names.size(); k++) {
                    double h = 1e-3 * se.get(names.get(k));
                    double[] plus = fit.estimates();
                    double[] minus = fit.estimates();
                    plus[k] += h;
                    minus[k] -= h;
                    gradient[k] = (prediction(names, plus, z, history, figure)
                            - prediction(names, minus, z, history, figure)) / (2 * h);
                }
                double variance = 0.0;
                for (int a = 0; a < gradient.length; a++) {
                    for (int b = 0; b < gradient.length; b++) {
                        variance += gradient[a] * sigma[a][b] * gradient[b];
                    }
                }
                org.loyaltymetrics.stats.Estimate estimate = figure == 0
                        ? uncertainty.conditionalExpectedPurchases(52, history) : uncertainty.probabilityAlive(history);
                assertThat(estimate.value()).isEqualTo(figure == 0
                        ? model.forCustomer(z).conditionalExpectedPurchases(52, history)
                        : model.forCustomer(z).probabilityAlive(history));
                // central differences at 1e-3 SE: truncation error ~1e-6 of the gradient
                assertThat(estimate.standardError()).as("customer %d, figure %d", id, figure)
                        .isCloseTo(Math.sqrt(variance), within(1e-5 * Math.sqrt(variance)));
            }
        }
        assertThat(model.customerFit(CovariateReferenceData.covariates().get(2L)).parameters())
                .isEqualTo(model.forCustomer(CovariateReferenceData.covariates().get(2L)).parameters());
    }

    /** CET(52) (figure 0) or P(alive) (1) of the customer at the fit's parameters {@code psi} (named {@code names}). */
    private static double prediction(List<String> names, double[] psi, double[] z,
            org.loyaltymetrics.data.PurchaseHistory history, int figure) {
        double[] life = new double[COVARIATES.size()];
        double[] trans = new double[COVARIATES.size()];
        for (int j = 0; j < COVARIATES.size(); j++) {
            String c = COVARIATES.get(j);
            int shared = names.indexOf("constr." + c);
            life[j] = psi[shared >= 0 ? shared : names.indexOf("life." + c)];
            trans[j] = psi[shared >= 0 ? shared : names.indexOf("trans." + c)];
        }
        ParetoNbdModel customer = ParetoNbdCovariateModel.of(psi[0], psi[1], psi[2], psi[3], COVARIATES, life, trans,
                ChronoUnit.WEEKS).forCustomer(z);
        return figure == 0 ? customer.conditionalExpectedPurchases(52, history) : customer.probabilityAlive(history);
    }

    @Test
    void aCustomersPredictionsCarryTheUncertaintyOfTheCoefficients() {
        customerUncertaintyIsTheDeltaMethodInAllParameters(free());
        ParetoNbdCovariateModel model = ParetoNbdCovariateModel.of(1, 2, 1, 3, List.of("a"), new double[] {0.1},
                new double[] {0.2}, ChronoUnit.WEEKS);
        assertThatThrownBy(() -> model.uncertainty(new double[] {1})).isInstanceOf(UndefinedResultException.class);
    }

    /**
     * Simulated customers of the fitted model with the covariates and ages of 1,000 customers of the data: the
     * same seed gives the
     * same histories; their repeat purchases add up to the model's expectation Σ E[X(T_i) | z_i] within four
     * standard deviations of the sum (estimated by Σ (x_i − E_i)², customers independent).
     */
    @Test
    void simulatedCustomersBuyAsTheirCovariatesSay() {
        ParetoNbdCovariateModel model = free();
        CustomerCovariates.Joined data = data();
        int n = 1000; // the first 1,000 customers
        double[][] z = new double[n][];
        double[] ages = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = data.covariates(i);
            ages[i] = data.history(i).age();
        }
        List<org.loyaltymetrics.data.PurchaseHistory> simulated = model.simulate(z, ages, 42);
        assertThat(model.simulate(z, ages, 42)).isEqualTo(simulated);
        double deviation = 0.0;
        double squares = 0.0;
        for (int i = 0; i < ages.length; i++) {
            assertThat(simulated.get(i).age()).isEqualTo(ages[i]);
            double expected = model.forCustomer(z[i]).expectedPurchases(ages[i]);
            double d = simulated.get(i).frequency() - expected;
            deviation += d;
            squares += d * d;
        }
        assertThat(Math.abs(deviation)).isLessThan(4 * Math.sqrt(squares));
        assertThatThrownBy(() -> model.simulate(z, new double[3], 1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("ages");
    }

    @Test
    void centredOrStandardisedFitsReportTheSameEstimatesAndErrorsOnTheCovariatesScale() {
        CustomerCovariates.Joined data = data();
        ModelFit plain = free().fitResult();
        for (CovariateOptions.Scaling scaling : List.of(CovariateOptions.Scaling.STANDARDISE)) {
            ParetoNbdCovariateModel model = ParetoNbdCovariateModel.fit(data,
                    CovariateOptions.defaults().withScaling(scaling), FitOptions.defaults());
            ModelFit fit = model.fitResult();
            assertThat(fit.parameterNames()).isEqualTo(plain.parameterNames());
            assertThat(fit.logLikelihood()).as("%s", scaling).isCloseTo(plain.logLikelihood(), within(1e-6));
            Map<String, Double> se = fit.standardErrors();
            Map<String, Double> plainSe = plain.standardErrors();
            for (String name : plain.parameterNames()) {
                // both fits stop within the gradient tolerance of one maximum: 1e-5 relative of the
                // estimate (or 1e-3 of its SE), 1e-3 of the SE (central-difference Hessians at two points)
                assertThat(fit.parameter(name)).as("%s %s", scaling, name).isCloseTo(plain.parameter(name),
                        within(Math.max(1e-5 * Math.abs(plain.parameter(name)), 1e-3 * plainSe.get(name))));
                assertThat(se.get(name)).as("%s SE %s", scaling, name).isCloseTo(plainSe.get(name),
                        within(1e-3 * plainSe.get(name)));
            }
            assertThat(model.covariateOptions().scaling()).isEqualTo(scaling);
        }
    }

    @Test
    void oneCoefficientOnBothProcessesIsAConstrainedMaximum() {
        CustomerCovariates.Joined data = data();
        ParetoNbdCovariateModel free = free();
        ParetoNbdCovariateModel model = ParetoNbdCovariateModel.fit(data,
                CovariateOptions.defaults().withSameOnBoth("channel"), FitOptions.defaults());
        ModelFit fit = model.fitResult();
        assertThat(fit.parameterNames()).containsExactly("r", "alpha", "s", "beta", "life.gender", "life.age_std",
                "trans.gender", "trans.age_std", "constr.channel");
        double shared = fit.parameter("constr.channel");
        assertThat(model.purchaseCoefficients().get("channel")).isEqualTo(shared);
        assertThat(model.attritionCoefficients().get("channel")).isEqualTo(shared);
        Estimate purchase = model.purchaseCoefficientEstimates().get("channel");
        assertThat(purchase.value()).isEqualTo(shared);
        assertThat(purchase.standardError()).isEqualTo(fit.standardErrors().get("constr.channel"));
        assertThat(model.attritionCoefficientEstimates().get("channel")).isEqualTo(purchase);
        // the constrained maximum is below the free one (one restriction: the LR statistic is >= 0) and
        // its log-likelihood is the model's own at its parameters
        assertThat(fit.logLikelihood()).isLessThan(free.fitResult().logLikelihood());
        assertThat(model.logLikelihood(data)).isCloseTo(fit.logLikelihood(), within(1e-9 * 36538));
        // first-order conditions in the plain likelihood's gradient (per unit of ln θ or of γ, 3,000 customers)
        double[] g = gradient(model, data);
        double[] scaled = {g[0] * model.r(), g[1] * model.alpha(), g[2] * model.s(), g[3] * model.beta(), g[4],
            g[6], g[7], g[9], g[5] + g[8]};
        for (double component : scaled) {
            assertThat(component).isCloseTo(0.0, within(1e-3));
        }
        assertThat(Math.abs(g[5])).as("the shared coefficient's parts alone do not vanish").isGreaterThan(1.0);
        customerUncertaintyIsTheDeltaMethodInAllParameters(model);
    }

    @Test
    void theL2PenaltyIsClvToolsAndHoldsTheCoefficientsTowardsZero() {
        CustomerCovariates.Joined data = data();
        double lambdaTrans = 0.002;
        double lambdaLife = 0.005;
        ParetoNbdCovariateModel model = ParetoNbdCovariateModel.fit(data,
                CovariateOptions.defaults().withPenalties(lambdaTrans, lambdaLife), FitOptions.defaults());
        ParetoNbdCovariateModel free = free();
        // the objective −LL/N + λ_trans Σγ_trans² + λ_life Σγ_life² is stationary: ∂LL/∂γ = 2Nλγ, the model's
        // own parameters unpenalised (∂LL/∂ln θ = 0)
        double[] g = gradient(model, data);
        int n = data.size();
        assertThat(g[0] * model.r()).isCloseTo(0.0, within(1e-3));
        assertThat(g[1] * model.alpha()).isCloseTo(0.0, within(1e-3));
        assertThat(g[2] * model.s()).isCloseTo(0.0, within(1e-3));
        assertThat(g[3] * model.beta()).isCloseTo(0.0, within(1e-3));
        for (int j = 0; j < 3; j++) {
            String name = COVARIATES.get(j);
            double life = model.attritionCoefficients().get(name);
            double trans = model.purchaseCoefficients().get(name);
            assertThat(g[4 + j]).as("life " + name).isCloseTo(2 * n * lambdaLife * life, within(1e-3));
            assertThat(g[7 + j]).as("trans " + name).isCloseTo(2 * n * lambdaTrans * trans, within(1e-3));
        }
        // ridge shrinks the penalised norm (not each coefficient: trans.gender grows slightly here)
        assertThat(penalty(model, lambdaTrans, lambdaLife)).isLessThan(0.9 * penalty(free, lambdaTrans, lambdaLife));
        ModelFit fit = model.fitResult();
        assertThat(fit.logLikelihood()).isLessThan(free.fitResult().logLikelihood())
                .isCloseTo(model.logLikelihood(data), within(1e-9 * 36538));
        assertThat(fit.penalizer()).isEqualTo(lambdaLife);
        // a shared coefficient is penalised in both sums: ∂LL/∂γ_life + ∂LL/∂γ_trans = 2N(λ_life + λ_trans)γ
        ParetoNbdCovariateModel shared = ParetoNbdCovariateModel.fit(data, CovariateOptions.defaults()
                .withPenalties(lambdaTrans, lambdaLife).withSameOnBoth("gender"), FitOptions.defaults());
        double[] h = gradient(shared, data);
        double gamma = shared.fitResult().parameter("constr.gender");
        assertThat(h[4] + h[7]).isCloseTo(2 * n * (lambdaLife + lambdaTrans) * gamma, within(1e-3));
    }

    /**
     * A standardised, penalised fit is the penalised fit to covariates standardised by hand (z − mean)/sd,
     * reported on the covariates' scale: the same log-likelihood, each customer the same Pareto/NBD, each
     * coefficient the hand-standardised one divided by its column's sd, and so its standard error.
     */
    @Test
    void aStandardisedPenalisedFitIsThePenalisedFitOfStandardisedCovariates() {
        CustomerCovariates.Joined data = data();
        int n = data.size();
        double[] mean = new double[3];
        double[] sd = new double[3];
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < n; i++) {
                mean[j] += data.covariate(i, j) / n;
            }
            for (int i = 0; i < n; i++) {
                sd[j] += Math.pow(data.covariate(i, j) - mean[j], 2) / (n - 1);
            }
            sd[j] = Math.sqrt(sd[j]);
        }
        CustomerCovariates.Builder builder = CustomerCovariates.builder(COVARIATES);
        CovariateReferenceData.covariates().forEach((id, z) -> builder.add(id, (z[0] - mean[0]) / sd[0],
                (z[1] - mean[1]) / sd[1], (z[2] - mean[2]) / sd[2]));
        CustomerCovariates.Joined standardised = builder.build().join(CovariateReferenceData.histories(),
                MissingCovariates.REFUSE);
        CovariateOptions penalised = CovariateOptions.defaults().withPenalties(0.01, 0.02);
        ParetoNbdCovariateModel byHand = ParetoNbdCovariateModel.fit(standardised, penalised, FitOptions.defaults());
        ParetoNbdCovariateModel model = ParetoNbdCovariateModel.fit(data,
                penalised.withScaling(CovariateOptions.Scaling.STANDARDISE), FitOptions.defaults());
        assertThat(model.fitResult().logLikelihood()).isCloseTo(byHand.fitResult().logLikelihood(), within(1e-6));
        for (int j = 0; j < 3; j++) {
            String name = COVARIATES.get(j);
            assertThat(model.purchaseCoefficients().get(name)).as(name)
                    .isCloseTo(byHand.purchaseCoefficients().get(name) / sd[j], within(1e-5 / sd[j]));
            assertThat(model.attritionCoefficients().get(name)).as(name)
                    .isCloseTo(byHand.attritionCoefficients().get(name) / sd[j], within(1e-5 / sd[j]));
            double se = byHand.purchaseCoefficientEstimates().get(name).standardError() / sd[j];
            assertThat(model.purchaseCoefficientEstimates().get(name).standardError()).isCloseTo(se, within(1e-3 * se));
        }
        for (long id : new long[] {2, 508, 1914}) {
            double[] z = CovariateReferenceData.covariates().get(id);
            double[] zHand = new double[3];
            for (int j = 0; j < 3; j++) {
                zHand[j] = (z[j] - mean[j]) / sd[j];
            }
            ParetoNbdModel customer = model.forCustomer(z);
            ParetoNbdModel reference = byHand.forCustomer(zHand);
            assertThat(customer.alpha()).isCloseTo(reference.alpha(), within(1e-5 * reference.alpha()));
            assertThat(customer.beta()).isCloseTo(reference.beta(), within(1e-5 * reference.beta()));
        }
        // and differs from the penalised fit of the covariates as given (the penalty acts on the fit's scale:
        // gender, 0/1 with sd about 0.5, is penalised about four times less once standardised)
        ParetoNbdCovariateModel unscaled = ParetoNbdCovariateModel.fit(data, penalised, FitOptions.defaults());
        assertThat(Math.abs(unscaled.attritionCoefficients().get("gender")
                - model.attritionCoefficients().get("gender"))).isGreaterThan(1e-3);
    }

    private static double penalty(ParetoNbdCovariateModel model, double lambdaTrans, double lambdaLife) {
        double sum = 0.0;
        for (String name : COVARIATES) {
            sum += lambdaTrans * Math.pow(model.purchaseCoefficients().get(name), 2)
                    + lambdaLife * Math.pow(model.attritionCoefficients().get(name), 2);
        }
        return sum;
    }

    @Test
    void categoricalCovariatesBecomeIndicatorColumnsAgainstAReferenceLevel() {
        CustomerCovariates covariates = CustomerCovariates.builder(List.of("age"), List.of("channel", "region"))
                .reference("region", "north")
                .add(1, new double[] {0.5}, new String[] {"partner", "south"})
                .add(2, new double[] {-1.0}, new String[] {"direct", "north"})
                .add(3, new double[] {2.0}, new String[] {"store", "east"})
                .add(4, new double[] {0.0}, new String[] {"partner", "north"})
                .build();
        assertThat(covariates.names()).containsExactly("age", "channel=partner", "channel=store", "region=east",
                "region=south");
        assertThat(covariates.categorical()).containsExactly(
                Map.entry("channel", List.of("channel=partner", "channel=store")),
                Map.entry("region", List.of("region=east", "region=south")));
        assertThat(covariates.values(1)).containsExactly(0.5, 1, 0, 0, 1);
        assertThat(covariates.values(2)).containsExactly(-1.0, 0, 0, 0, 0);
        assertThat(covariates.values(3)).containsExactly(2.0, 0, 1, 1, 0);
        assertThat(covariates.constantCovariates()).isEmpty();
        assertThatThrownBy(() -> CustomerCovariates.builder(List.of(), List.of("channel")).reference("channel", "web")
                .add(1, new double[0], new String[] {"direct"}).add(2, new double[0], new String[] {"partner"}).build())
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("reference")
                .hasMessageContaining("web");
        assertThatThrownBy(() -> CustomerCovariates.builder(List.of(), List.of("channel"))
                .add(1, new double[0], new String[] {"direct"}).build())
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("at least two levels");
        assertThatThrownBy(() -> CustomerCovariates.builder(List.of(), List.of("channel")).build())
                .isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> CustomerCovariates.builder(List.of("a"), List.of("a")))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> CustomerCovariates.builder(List.of(), List.of("channel"))
                .add(1, new double[0], new String[] {null})).isInstanceOf(InvalidArgumentException.class);
    }

    /**
     * The shared data's channel (0/1) read as a category with levels "direct" and "partner" gives the column
     * channel=partner, the same numbers; a categorical covariate named in sameOnBoth stands for its columns.
     */
    @Test
    void aCategoricalCovariateNamedForBothProcessesSharesEachIndicatorsCoefficient() {
        CustomerCovariates.TableBuilder builder = CustomerCovariates.builder(List.of("gender", "age_std"),
                List.of("channel"));
        CovariateReferenceData.covariates().forEach((id, z) -> builder.add(id, new double[] {z[0], z[2]},
                new String[] {z[1] == 1 ? "partner" : "direct"}));
        CustomerCovariates covariates = builder.build();
        assertThat(covariates.names()).containsExactly("gender", "age_std", "channel=partner");
        CustomerCovariates.Joined data = covariates.join(CovariateReferenceData.histories(), MissingCovariates.REFUSE);
        CustomerCovariates.Joined numeric = data();
        for (int i = 0; i < data.size(); i += 97) {
            assertThat(data.covariate(i, 2)).isEqualTo(numeric.covariate(i, 1));
        }
        CovariateDesign design = CovariateDesign.of(data, CovariateOptions.defaults().withSameOnBoth("channel"));
        assertThat(design.freeNames()).containsExactly("life.gender", "life.age_std", "trans.gender",
                "trans.age_std", "constr.channel=partner");
        assertThatThrownBy(() -> CovariateDesign.of(data, CovariateOptions.defaults().withSameOnBoth("country")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("country");
    }

    @Test
    void optionsAreCheckedAndAModelOfGivenParametersHasNoStandardErrors() {
        assertThatThrownBy(() -> CovariateOptions.defaults().withPenalties(-1, 0))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("purchasePenalty");
        assertThatThrownBy(() -> CovariateOptions.defaults().withPenalties(0, Double.NaN))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("attritionPenalty");
        assertThatThrownBy(() -> CovariateOptions.defaults().withSameOnBoth("a", "a"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("sameOnBoth");
        assertThat(CovariateOptions.defaults().toString()).doesNotContain("\n");
        assertThat(CovariateOptions.defaults().isRegularised()).isFalse();
        ParetoNbdCovariateModel model = ParetoNbdCovariateModel.of(1, 2, 1, 3, List.of("a"), new double[] {0.1},
                new double[] {0.2}, ChronoUnit.WEEKS);
        assertThatThrownBy(model::purchaseCoefficientEstimates).isInstanceOf(UndefinedResultException.class);
        assertThat(model.covariateOptions()).isEqualTo(CovariateOptions.defaults());
    }
}
