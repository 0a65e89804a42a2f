package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.CustomerCovariates.MissingCovariates;
import org.loyaltymetrics.data.PurchaseHistory;

/**
 * The GGom/NBD with static covariates against CLVTools 0.12.1 {@code ggomnbd(clvs)} on the shared synthetic
 * data (src/test/resources/covariates, README there; every figure from reference_results.json,
 * fits.ggomnbd_static, at full precision), and on data simulated from a GGom/NBD with covariates.
 *
 * <p>(1) At CLVTools' estimates our likelihood and predictions are CLVTools': log-likelihood to 1e-9
 * relative, CET and P(alive) of the five reference customers to 1e-6 relative, their sums over the 3,000
 * customers to 1e-7. (2) CLVTools' estimate is not a maximum: the data are a Pareto/NBD process and the
 * GGom/NBD likelihood rises towards its Pareto/NBD limit (b, β₀ → 0, README note 3); our fit says so and names
 * the Pareto/NBD fit with covariates, whose log-likelihood is above CLVTools' GGom/NBD one. (3) On 1,000
 * customers simulated from a GGom/NBD with covariates (b well away from 0) the fit has an interior maximum
 * and recovers the true parameters within four standard errors.
 */
class GammaGompertzNbdCovariateModelTest {

    private static final List<String> COVARIATES = List.of("gender", "channel", "age_std");

    /** estimate (CLVTools summary()), in CLVTools' order. */
    private static final Map<String, Double> REFERENCE = new LinkedHashMap<>();

    static {
        REFERENCE.put("r", 0.935225359575445);
        REFERENCE.put("alpha", 6.62449879858381);
        REFERENCE.put("b", 1.57855680622983e-06);
        REFERENCE.put("s", 0.730034465444031);
        REFERENCE.put("beta", 2.45563069972546e-05);
        REFERENCE.put("life.gender", -0.235925408629049);
        REFERENCE.put("life.channel", 0.330403370654585);
        REFERENCE.put("life.age_std", 0.269190793066628);
        REFERENCE.put("trans.gender", 0.179460349765868);
        REFERENCE.put("trans.channel", 0.383736335881435);
        REFERENCE.put("trans.age_std", -0.108014839138771);
    }

    private static final double LOG_LIKELIHOOD = -36537.9811664787;

    /** id, CET (52 weeks), P(alive). */
    private static final double[][] CUSTOMERS = {
        {2, 0.124817213578047, 0.157480106499784},
        {508, 2.23536547911569, 0.990773051965164},
        {3, 4.4403978333015, 0.779542189289162},
        {1914, 50.025968814279, 0.970017522638219},
        {8, 0.0312879968314087, 0.00360500292316172}};

    private static CustomerCovariates.Joined data() {
        return ParetoNbdCovariateModelTest.covariates().join(CovariateReferenceData.histories(),
                MissingCovariates.REFUSE);
    }

    private static GammaGompertzNbdCovariateModel clvTools() {
        double[] p = REFERENCE.values().stream().mapToDouble(Double::doubleValue).toArray();
        return GammaGompertzNbdCovariateModel.of(p[0], p[1], p[2], p[3], p[4], COVARIATES,
                new double[] {p[5], p[6], p[7]}, new double[] {p[8], p[9], p[10]}, ChronoUnit.WEEKS);
    }

    @Test
    void atClvToolsEstimatesLikelihoodAndPredictionsAreClvTools() {
        CustomerCovariates.Joined data = data();
        GammaGompertzNbdCovariateModel model = clvTools();
        assertThat(model.logLikelihood(data)).isCloseTo(LOG_LIKELIHOOD, within(36538 * 1e-9));
        CustomerCovariates covariates = ParetoNbdCovariateModelTest.covariates();
        for (double[] c : CUSTOMERS) {
            long id = (long) c[0];
            GammaGompertzNbdModel customer = model.forCustomer(covariates.values(id));
            PurchaseHistory history = CovariateReferenceData.histories().get(id);
            assertThat(customer.conditionalExpectedPurchases(52, history)).as("CET %d", id)
                    .isCloseTo(c[1], within(c[1] * 1e-6));
            assertThat(customer.probabilityAlive(history)).as("P(alive) %d", id).isCloseTo(c[2], within(c[2] * 1e-6));
        }
        double cet = 0.0;
        double alive = 0.0;
        for (int i = 0; i < data.size(); i++) {
            GammaGompertzNbdModel customer = model.forCustomer(data.covariates(i));
            cet += customer.conditionalExpectedPurchases(52, data.history(i));
            alive += customer.probabilityAlive(data.history(i));
        }
        assertThat(cet).isCloseTo(8453.62129462493, within(8453.62 * 1e-7));
        assertThat(alive).isCloseTo(1105.45438399409, within(1105.45 * 1e-7));
    }

    @Test
    void analyticGradientAgreesWithDifferences() {
        // the first 500 customers
        Map<Long, PurchaseHistory> first = new HashMap<>();
        CovariateReferenceData.histories().forEach((id, history) -> {
            if (id <= 500) {
                first.put(id, history);
            }
        });
        MaximumLikelihood.LogLikelihood likelihood = GammaGompertzNbdCovariateModel.likelihood(
                ParetoNbdCovariateModelTest.covariates().join(first, MissingCovariates.REFUSE));
        for (double b : new double[] {0.05, 1e-4}) {
            double[] theta = {0.9, 6.0, b, 0.7, 15.0 * b, Math.exp(-0.2), Math.exp(0.3), Math.exp(0.25),
                Math.exp(0.2), Math.exp(0.4), Math.exp(-0.1)};
            double[] gradient = new double[theta.length];
            likelihood.value(theta, gradient);
            for (int k = 0; k < theta.length; k++) {
                double h = 1e-6 * theta[k];
                double[] plus = theta.clone();
                double[] minus = theta.clone();
                plus[k] += h;
                minus[k] -= h;
                double difference = (likelihood.value(plus, null) - likelihood.value(minus, null)) / (2 * h);
                // per unit of ln θ: θ ∂LL/∂θ to 1e-4 absolute over 500 customers
                assertThat(gradient[k] * theta[k]).as("b %s, component %d", b, k).isCloseTo(difference * theta[k],
                        within(1e-4 * (1 + Math.abs(difference * theta[k]))));
            }
        }
    }

    @Test
    void onParetoNbdDataTheFitNamesItsParetoNbdLimit() {
        CustomerCovariates.Joined data = data();
        assertThatThrownBy(() -> GammaGompertzNbdCovariateModel.fit(data)).isInstanceOf(ModelFitException.class)
                .hasMessageContaining("no interior maximum").hasMessageContaining("Pareto/NBD fit with covariates")
                .hasMessageContaining("ParetoNbdCovariateModel").satisfies(failure -> {
                    // the limit's log-likelihood (the last one the message names) is the supremum, above
                    // CLVTools' GGom/NBD stopping point: -36537.9808 against -36537.9812
                    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("log-likelihood (-[0-9.]+)")
                            .matcher(failure.getMessage());
                    double limit = Double.NaN;
                    while (matcher.find()) {
                        limit = Double.parseDouble(matcher.group(1));
                    }
                    assertThat(limit).isGreaterThan(LOG_LIKELIHOOD).isCloseTo(-36537.9808, within(1e-4));
                    // where the GGom/NBD fit stopped, its coefficients as the user reads them (γ, not the
                    // optimiser's e^γ): near the limit's (trans.gender 0.179274, life.gender -0.235950)
                    java.util.regex.Matcher stopped = java.util.regex.Pattern.compile(
                            "stopped at [^)]*trans\\.gender=([-0-9.e]+)[^)]*").matcher(failure.getMessage());
                    assertThat(stopped.find()).isTrue();
                    assertThat(Double.parseDouble(stopped.group(1))).isCloseTo(0.179274, within(1e-3));
                    assertThat(stopped.group()).contains("life.gender=-0.23");
                });
    }

    /** 1,000 simulated customers, 3,000 with {@code -Dsweep=release}. */
    private static final int CUSTOMERS_SIMULATED = "release".equals(System.getProperty("sweep")) ? 3000 : 1000;

    /**
     * 1,000 customers (3,000 with {@code -Dsweep=release}) with one binary and one normal covariate,
     * simulated from a GGom/NBD with covariates
     * (b = 0.05 per week: hazards that grow e-fold in 20 weeks; the Pareto/NBD fit to these data runs s off,
     * so the fit starts from the GGom/NBD's own start values). With 400 customers the same process runs
     * s and β₀ off to infinity (no heterogeneity of η), a boundary of its own that the fit reports as such.
     */
    @Test
    void recoversTheParametersOfSimulatedData() {
        List<String> names = List.of("channel", "score");
        double[] truth = {0.8, 8.0, 0.05, 0.9, 2.0, 0.4, -0.3, 0.3, 0.2};
        GammaGompertzNbdCovariateModel model = GammaGompertzNbdCovariateModel.of(truth[0], truth[1], truth[2],
                truth[3], truth[4], names, new double[] {truth[5], truth[6]}, new double[] {truth[7], truth[8]},
                ChronoUnit.WEEKS);
        SplittableRandom random = new SplittableRandom(20261202);
        CustomerCovariates.Builder builder = CustomerCovariates.builder(names);
        Map<Long, PurchaseHistory> histories = new HashMap<>();
        for (long id = 1; id <= CUSTOMERS_SIMULATED; id++) {
            double[] z = {random.nextInt(2), random.nextGaussian()};
            builder.add(id, z);
            double age = 40 + 12 * random.nextDouble();
            histories.put(id, model.forCustomer(z).simulate(new double[] {age}, random.nextLong()).get(0));
        }
        CustomerCovariates.Joined data = builder.build().join(histories, MissingCovariates.REFUSE);
        GammaGompertzNbdCovariateModel fitted = GammaGompertzNbdCovariateModel.fit(data);
        ModelFit fit = fitted.fitResult();
        assertThat(fit.identified()).isTrue();
        assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(model.logLikelihood(data));
        Map<String, Double> se = fit.standardErrors();
        List<String> parameters = fit.parameterNames();
        for (int i = 0; i < parameters.size(); i++) {
            String name = parameters.get(i);
            assertThat(fit.parameter(name)).as(name).isCloseTo(truth[i], within(4 * se.get(name)));
        }
        assertThat(fitted.toString()).startsWith("GGom/NBD with covariates (weeks): r=");
    }
}
