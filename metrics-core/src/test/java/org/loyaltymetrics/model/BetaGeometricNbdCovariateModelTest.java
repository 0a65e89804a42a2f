package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.CustomerCovariates.MissingCovariates;
import org.loyaltymetrics.data.PurchaseHistory;

/**
 * The BG/NBD with static covariates against CLVTools 0.12.1 {@code bgnbd(clvs)} on the shared synthetic data
 * (src/test/resources/covariates, README there; every figure from reference_results.json, fits.bgnbd_static,
 * at full precision).
 *
 * <p>(1) At CLVTools' estimates our likelihood and predictions are CLVTools': log-likelihood to 1e-9
 * relative, CET and P(alive) of the five reference customers to 1e-6 relative, their sums over the 3,000
 * customers to 1e-7 (the same parametrisation α_i = α₀ e^(−γ_transᵀz), a_i = a₀ e^(γ_lifeᵀz), b_i = b₀ e^(γ_lifeᵀz)).
 * (2) Our fit (35 iterations, about 1 s; CLVTools took 57 s) reaches a log-likelihood 3.8e-4 above CLVTools'
 * (1.0e-8 relative), at a point where the gradient vanishes (1e-12) while at CLVTools' estimates it is up
 * to 0.4 per unit of ln θ: CLVTools' Nelder-Mead and BFGS stopped short of the maximum. The parameters
 * therefore differ by up to 0.017 of their standard errors (4.2e-3 relative for life.age_std, not the
 * issue's 1e-4, which CLVTools' own stopping point does not meet), the standard errors by up to 1.0e-3
 * relative (CLVTools': numDeriv's Hessian at its stopping point), the predictions of the five customers by
 * up to 2.1e-3 relative and their sums over all customers by 2.0e-4 (CET 9169.40 against 9171.23).
 */
class BetaGeometricNbdCovariateModelTest {

    private static final List<String> COVARIATES = List.of("gender", "channel", "age_std");

    /** estimate, SE (CLVTools summary()), in CLVTools' order. */
    private static final Map<String, double[]> REFERENCE = new LinkedHashMap<>();

    static {
        REFERENCE.put("r", new double[] {0.422458977423195, 0.0131790175782889});
        REFERENCE.put("alpha", new double[] {2.94756656858376, 0.192004188551297});
        REFERENCE.put("a", new double[] {0.656985729904442, 0.112917564091636});
        REFERENCE.put("b", new double[] {4.34664822627407, 0.867845672260495});
        REFERENCE.put("life.gender", new double[] {-0.364444380939737, 0.181604055405075});
        REFERENCE.put("life.channel", new double[] {0.396332202845295, 0.176043739396839});
        REFERENCE.put("life.age_std", new double[] {0.359527083676403, 0.0892469934533372});
        REFERENCE.put("trans.gender", new double[] {0.200459940175846, 0.0645280223491363});
        REFERENCE.put("trans.channel", new double[] {0.415301639216703, 0.0651572410608829});
        REFERENCE.put("trans.age_std", new double[] {-0.139317015112519, 0.032303278912564});
    }

    private static final double LOG_LIKELIHOOD = -36696.9990210629;

    /** id, CET (52 weeks), P(alive). */
    private static final double[][] CUSTOMERS = {
        {2, 0.456770685061939, 1},
        {508, 1.97525897596067, 0.90912987872698},
        {3, 4.8885829312517, 0.802140428153847},
        {1914, 51.4098280737373, 0.958817068786251},
        {8, 0.0246683517895152, 0.00275482386191154}};

    private static final double SUM_CET = 9171.22880520614;
    private static final double SUM_ALIVE = 1993.08178110348;

    private static CustomerCovariates.Joined data() {
        return ParetoNbdCovariateModelTest.covariates().join(CovariateReferenceData.histories(),
                MissingCovariates.REFUSE);
    }

    private static BetaGeometricNbdCovariateModel clvTools() {
        double[] p = REFERENCE.values().stream().mapToDouble(v -> v[0]).toArray();
        return BetaGeometricNbdCovariateModel.of(p[0], p[1], p[2], p[3], COVARIATES, new double[] {p[4], p[5], p[6]},
                new double[] {p[7], p[8], p[9]}, ChronoUnit.WEEKS);
    }

    /** Checks the five customers and the sums over all customers to {@code each} and {@code sums} relative. */
    private static void predictionsMatch(CovariateTransactionModel model, CustomerCovariates.Joined data, double each,
            double sums) {
        CustomerCovariates covariates = ParetoNbdCovariateModelTest.covariates();
        for (double[] c : CUSTOMERS) {
            long id = (long) c[0];
            TransactionModel customer = model.forCustomer(covariates.values(id));
            PurchaseHistory history = CovariateReferenceData.histories().get(id);
            assertThat(customer.conditionalExpectedPurchases(52, history)).as("CET %d", id)
                    .isCloseTo(c[1], within(c[1] * each));
            assertThat(customer.probabilityAlive(history)).as("P(alive) %d", id).isCloseTo(c[2], within(c[2] * each));
        }
        double cet = 0.0;
        double alive = 0.0;
        for (int i = 0; i < data.size(); i++) {
            TransactionModel customer = model.forCustomer(data.covariates(i));
            cet += customer.conditionalExpectedPurchases(52, data.history(i));
            alive += customer.probabilityAlive(data.history(i));
        }
        assertThat(cet).isCloseTo(SUM_CET, within(SUM_CET * sums));
        assertThat(alive).isCloseTo(SUM_ALIVE, within(SUM_ALIVE * sums));
    }

    @Test
    void atClvToolsEstimatesLikelihoodAndPredictionsAreClvTools() {
        CustomerCovariates.Joined data = data();
        BetaGeometricNbdCovariateModel model = clvTools();
        assertThat(model.logLikelihood(data)).isCloseTo(LOG_LIKELIHOOD, within(36697 * 1e-9));
        predictionsMatch(model, data, 1e-6, 1e-7);
        // the customer's BG/NBD: a_i/(a_i + b_i) does not depend on the covariates
        BetaGeometricNbdModel customer = model.forCustomer(new double[] {1, 0, 1.328});
        assertThat(customer.a() / (customer.a() + customer.b())).isCloseTo(model.a() / (model.a() + model.b()),
                within(1e-15));
        assertThat(customer.alpha()).isCloseTo(model.alpha() * Math.exp(-(0.200459940175846 - 0.139317015112519
                * 1.328)), within(1e-12));
    }

    @Test
    void fitMatchesClvToolsAndReachesAtLeastItsLikelihood() {
        CustomerCovariates.Joined data = data();
        BetaGeometricNbdCovariateModel model = BetaGeometricNbdCovariateModel.fit(data);
        ModelFit fit = model.fitResult();
        assertThat(fit.converged()).isTrue();
        assertThat(fit.identified()).isTrue();
        assertThat(fit.parameterNames()).containsExactlyElementsOf(REFERENCE.keySet());
        // above CLVTools' log-likelihood by 3.8e-4 (1.0e-8 relative; the issue asks 1e-4)
        assertThat(fit.logLikelihood()).isGreaterThan(LOG_LIKELIHOOD).isCloseTo(LOG_LIKELIHOOD, within(36697 * 2e-8));
        // ours is a maximum (θ ∂LL/∂θ, per unit of ln θ or of γ, about 1e-12); CLVTools' point is not (its
        // Nelder-Mead + BFGS stopped where the gradient is still up to 0.4 per unit of ln θ)
        double[] ours = gradient(data, fit.estimates());
        double[] theirs = gradient(data, REFERENCE.values().stream().mapToDouble(v -> v[0]).toArray());
        double largest = 0.0;
        for (int k = 0; k < ours.length; k++) {
            assertThat(ours[k]).as("gradient %d", k).isCloseTo(0.0, within(1e-6));
            largest = Math.max(largest, Math.abs(theirs[k]));
        }
        assertThat(largest).isGreaterThan(0.3);
        // so the parameters differ from CLVTools' by up to 0.017 of their standard errors (4.2e-3 relative,
        // life.age_std; the rest within 2.6e-3): compared to 0.02 SE; standard errors to 1.1e-3 relative
        Map<String, Double> se = fit.standardErrors();
        REFERENCE.forEach((name, ref) -> {
            assertThat(fit.parameter(name)).as(name).isCloseTo(ref[0], within(0.02 * ref[1]));
            assertThat(se.get(name)).as("SE of " + name).isCloseTo(ref[1], within(ref[1] * 1.1e-3));
        });
        assertThat(model.purchaseCoefficientEstimates().get("channel").standardError())
                .isEqualTo(se.get("trans.channel"));
        assertThat(model.attritionCoefficients().get("age_std")).isEqualTo(fit.parameter("life.age_std"));
        // and the predictions by up to 2.1e-3 relative (customer 8's CET), the sum of CET by 2.0e-4
        predictionsMatch(model, data, 2.5e-3, 2.5e-4);
        assertThat(model.toString()).doesNotContain("\n").startsWith("BG/NBD with covariates (weeks): r=0.422");
        // a customer's CET with the uncertainty of every parameter (a_i and b_i both follow γ_life): the
        // standard error against central differences in the fit's ten parameters, ∇ᵀ Σ ∇, to 1e-5 relative
        double[][] sigma = fit.covariance();
        for (double[] c : CUSTOMERS) {
            double[] z = CovariateReferenceData.covariates().get((long) c[0]);
            PurchaseHistory history = CovariateReferenceData.histories().get((long) c[0]);
            double[] gradient = new double[10];
            for (int k = 0; k < 10; k++) {
                double h = 1e-3 * Math.sqrt(sigma[k][k]);
                double[] plus = fit.estimates();
                double[] minus = fit.estimates();
                plus[k] += h;
                minus[k] -= h;
                gradient[k] = (cet(plus, z, history) - cet(minus, z, history)) / (2 * h);
            }
            double variance = 0.0;
            for (int a = 0; a < 10; a++) {
                for (int b = 0; b < 10; b++) {
                    variance += gradient[a] * sigma[a][b] * gradient[b];
                }
            }
            assertThat(model.uncertainty(z).conditionalExpectedPurchases(52, history).standardError())
                    .as("customer %s", c[0]).isCloseTo(Math.sqrt(variance), within(1e-5 * Math.sqrt(variance)));
        }
    }

    private static double cet(double[] p, double[] z, PurchaseHistory history) {
        return BetaGeometricNbdCovariateModel.of(p[0], p[1], p[2], p[3], COVARIATES, new double[] {p[4], p[5], p[6]},
                new double[] {p[7], p[8], p[9]}, ChronoUnit.WEEKS).forCustomer(z).conditionalExpectedPurchases(52,
                history);
    }

    /** θ ∂LL/∂θ at parameters p (r, α₀, a₀, b₀, coefficients): the gradient per unit of ln θ or of γ. */
    private static double[] gradient(CustomerCovariates.Joined data, double[] p) {
        double[] theta = p.clone();
        for (int k = 4; k < theta.length; k++) {
            theta[k] = Math.exp(theta[k]);
        }
        double[] gradient = new double[theta.length];
        BetaGeometricNbdCovariateModel.likelihood(data).value(theta, gradient);
        for (int k = 0; k < theta.length; k++) {
            gradient[k] *= theta[k];
        }
        return gradient;
    }

    @Test
    void analyticGradientAgreesWithDifferences() {
        MaximumLikelihood.LogLikelihood likelihood = BetaGeometricNbdCovariateModel.likelihood(data());
        double[] theta = {0.45, 3.0, 0.7, 4.0, Math.exp(-0.3), Math.exp(0.4), Math.exp(0.35), Math.exp(0.2),
            Math.exp(0.4), Math.exp(-0.15)};
        double[] gradient = new double[theta.length];
        likelihood.value(theta, gradient);
        for (int k = 0; k < theta.length; k++) {
            double h = 1e-6 * theta[k];
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[k] += h;
            minus[k] -= h;
            double difference = (likelihood.value(plus, null) - likelihood.value(minus, null)) / (2 * h);
            assertThat(gradient[k]).as("component %d", k).isCloseTo(difference,
                    within(1e-5 * (1 + Math.abs(difference))));
        }
    }

    /**
     * Customers with more than 64 repeat purchases take the special functions instead of the recurrences: the
     * log-likelihood of one such customer is the BG/NBD's of their own parameters.
     */
    @Test
    void aHeavyBuyerIsTheBgNbdOfTheirOwnParameters() {
        PurchaseHistory heavy = new PurchaseHistory(150, 40, 45, ChronoUnit.WEEKS);
        PurchaseHistory light = new PurchaseHistory(3, 10, 45, ChronoUnit.WEEKS);
        CustomerCovariates covariates = CustomerCovariates.builder(List.of("z")).add(1, 0.5).add(2, -1.0).build();
        CustomerCovariates.Joined data = covariates.join(Map.of(1L, heavy, 2L, light), MissingCovariates.REFUSE);
        BetaGeometricNbdCovariateModel model = BetaGeometricNbdCovariateModel.of(0.5, 3, 0.7, 4, List.of("z"),
                new double[] {0.3}, new double[] {0.2}, ChronoUnit.WEEKS);
        double expected = model.forCustomer(new double[] {0.5}).logLikelihood(heavy)
                + model.forCustomer(new double[] {-1.0}).logLikelihood(light);
        assertThat(model.logLikelihood(data)).isCloseTo(expected, within(1e-10 * Math.abs(expected)));
        assertThatThrownBy(() -> model.forCustomer(new double[] {1, 2})).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> BetaGeometricNbdCovariateModel.of(0.5, 3, -0.7, 4, List.of("z"), new double[] {0.3},
                new double[] {0.2}, ChronoUnit.WEEKS)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("a");
    }
}
