package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.CustomerCovariates.MissingCovariates;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.money.CurrencyUnit;

/**
 * The Pareto/NBD with static covariates against CLVTools 0.12.1 {@code pnbd(clvs)} on the shared synthetic
 * data (src/test/resources/covariates, README there; every figure from reference_results.json,
 * fits.pnbd_static, at full precision).
 *
 * <p>Two comparisons. (1) At CLVTools' estimates, our likelihood and predictions are CLVTools' (the
 * parametrisation α_i = α₀ exp(−γ_transᵀz_i), β_i = β₀ exp(−γ_lifeᵀz_i) is the same): log-likelihood to
 * 1e-9 relative, CET, P(alive) and DERT per customer to 1e-6 relative, their sums over 3,000 customers to
 * 1e-7. (2) Our own fit reaches a log-likelihood 4.7e-5 above CLVTools' (41 iterations, 0.7 s) (its L-BFGS-B stops at optim's
 * factr = 1e7, README note 5); in a likelihood this flat in β₀ and the lifetime coefficients that moves
 * parameters by up to 8.5e-4 relative (life.age_std; 5.6e-4 for β₀), 0.005 of their standard errors, so
 * the parameters are compared to 1e-3 relative, not the 1e-4 (which CLVTools' own stopping point
 * does not meet); standard errors to 1.5e-3 relative (CLVTools': numDeriv's Richardson Hessian at its own
 * stopping point), the fit's predictions to 1e-3 relative.
 */
class ParetoNbdCovariateModelTest {

    private static final List<String> COVARIATES = List.of("gender", "channel", "age_std");

    static CustomerCovariates covariates() {
        CustomerCovariates.Builder builder = CustomerCovariates.builder(COVARIATES);
        CovariateReferenceData.covariates().forEach(builder::add);
        return builder.build();
    }

    /** estimate, SE (CLVTools summary(): numDeriv Hessian, delta method), in CLVTools' order. */
    private static final Map<String, double[]> REFERENCE = new LinkedHashMap<>();

    static {
        REFERENCE.put("r", new double[] {0.935333768906303, 0.0476617441104013});
        REFERENCE.put("alpha", new double[] {6.62614189480272, 0.396471931885615});
        REFERENCE.put("s", new double[] {0.729488827907879, 0.0887172193398446});
        REFERENCE.put("beta", new double[] {15.5343295218396, 3.36542543122863});
        REFERENCE.put("life.gender", new double[] {-0.236981129891219, 0.0936568913121304});
        REFERENCE.put("life.channel", new double[] {0.329493527640475, 0.0934348402828271});
        REFERENCE.put("life.age_std", new double[] {0.26966457822691, 0.0465468249499538});
        REFERENCE.put("trans.gender", new double[] {0.179331463426066, 0.047884016613276});
        REFERENCE.put("trans.channel", new double[] {0.383671505863795, 0.0481452858466765});
        REFERENCE.put("trans.age_std", new double[] {-0.108079632555715, 0.0240544688896571});
    }

    private static final double LOG_LIKELIHOOD = -36537.9808833116;

    /** id, CET (52 weeks), P(alive), DERT at δ = ln 1.1/52, DERT at δ = ln 1.1. */
    private static final double[][] CUSTOMERS = {
        {2, 0.124877771163713, 0.157524307039207, 0.488920412458813, 0.0291700054952152},
        {508, 2.23580384839802, 0.990781769603188, 9.80780370399285, 0.50266507837774},
        {3, 4.44141916917106, 0.779629195419942, 18.2424488880664, 1.01963401654835},
        {1914, 50.0358931272331, 0.970042029478008, 202.923138221157, 11.5376747174699},
        {8, 0.031306971033855, 0.00360687930603959, 0.123591914697306, 0.00729006330623151}};

    private static ParetoNbdCovariateModel clvTools() {
        double[] p = REFERENCE.values().stream().mapToDouble(v -> v[0]).toArray();
        return ParetoNbdCovariateModel.of(p[0], p[1], p[2], p[3], COVARIATES, new double[] {p[4], p[5], p[6]},
                new double[] {p[7], p[8], p[9]}, ChronoUnit.WEEKS);
    }

    private static CustomerCovariates.Joined data() {
        return covariates().join(CovariateReferenceData.histories(), MissingCovariates.REFUSE);
    }

    @Test
    void atClvToolsEstimatesLikelihoodAndPredictionsAreClvTools() {
        CustomerCovariates.Joined data = data();
        ParetoNbdCovariateModel model = clvTools();
        assertThat(model.logLikelihood(data)).isCloseTo(LOG_LIKELIHOOD, within(36537.98 * 1e-9));
        CustomerCovariates covariates = covariates();
        for (double[] c : CUSTOMERS) {
            long id = (long) c[0];
            ParetoNbdModel customer = model.forCustomer(covariates.values(id));
            PurchaseHistory history = CovariateReferenceData.histories().get(id);
            assertThat(customer.conditionalExpectedPurchases(52, history)).isCloseTo(c[1], within(c[1] * 1e-6));
            assertThat(customer.probabilityAlive(history)).isCloseTo(c[2], within(c[2] * 1e-6));
            assertThat(customer.discountedExpectedResidualTransactions(Math.log(1.1) / 52, history))
                    .isCloseTo(c[3], within(c[3] * 1e-6));
            assertThat(customer.discountedExpectedResidualTransactions(Math.log(1.1), history))
                    .isCloseTo(c[4], within(c[4] * 1e-6));
        }
        double cet = 0.0;
        double alive = 0.0;
        double dert = 0.0;
        for (int i = 0; i < data.size(); i++) {
            ParetoNbdModel customer = model.forCustomer(data.covariates(i));
            cet += customer.conditionalExpectedPurchases(52, data.history(i));
            alive += customer.probabilityAlive(data.history(i));
            dert += customer.discountedExpectedResidualTransactions(Math.log(1.1) / 52, data.history(i));
        }
        assertThat(cet).isCloseTo(8455.73720415685, within(8455.74 * 1e-7));
        assertThat(alive).isCloseTo(1105.67830984209, within(1105.68 * 1e-7));
        assertThat(dert).isCloseTo(34480.5066000132, within(34480.51 * 1e-7));
    }

    @Test
    void fitMatchesClvToolsAndReachesAtLeastItsLikelihood() {
        CustomerCovariates.Joined data = data();
        assertThat(data.size()).isEqualTo(3000);
        assertThat(data.leftOut()).isZero();
        ParetoNbdCovariateModel model = ParetoNbdCovariateModel.fit(data);
        ModelFit fit = model.fitResult();
        assertThat(fit.converged()).isTrue();
        assertThat(fit.parameterNames()).containsExactlyElementsOf(REFERENCE.keySet());
        assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(LOG_LIKELIHOOD)
                .isCloseTo(LOG_LIKELIHOOD, within(36537.98 * 1e-8));
        Map<String, Double> se = fit.standardErrors();
        REFERENCE.forEach((name, ref) -> {
            assertThat(fit.parameter(name)).as(name).isCloseTo(ref[0], within(Math.abs(ref[0]) * 1e-3));
            assertThat(se.get(name)).as("SE of " + name).isCloseTo(ref[1], within(ref[1] * 1.5e-3));
        });
        // a maximum: the analytic gradient in (r, α₀, s, β₀, γ) vanishes there (|∂LL/∂θ| · θ, i.e. per unit
        // of ln θ or of γ, below 1e-3 over 3,000 customers)
        double[] theta = fit.estimates();
        for (int k = 4; k < theta.length; k++) {
            theta[k] = Math.exp(theta[k]);
        }
        double[] gradient = new double[theta.length];
        ParetoNbdCovariateModel.likelihood(data).value(theta, gradient);
        for (int k = 0; k < theta.length; k++) {
            assertThat(gradient[k] * theta[k]).as("gradient %d", k).isCloseTo(0.0, within(1e-3));
        }
        assertThat(model.purchaseCoefficients()).containsOnlyKeys(COVARIATES);
        assertThat(model.attritionCoefficients().get("channel")).isEqualTo(fit.parameter("life.channel"));
        CustomerCovariates covariates = covariates();
        for (double[] c : CUSTOMERS) {
            long id = (long) c[0];
            ParetoNbdModel customer = model.forCustomer(covariates.values(id));
            PurchaseHistory history = CovariateReferenceData.histories().get(id);
            assertThat(customer.conditionalExpectedPurchases(52, history)).isCloseTo(c[1], within(c[1] * 1e-3));
            assertThat(customer.probabilityAlive(history)).isCloseTo(c[2], within(c[2] * 1e-3));
        }
        assertThat(model.toString()).doesNotContain("\n").startsWith("Pareto/NBD with covariates (weeks): r=0.935");
    }

    /**
     * The RFM summary of the raw transactions (purchase days, calibration to 2023-12-31 and observation to
     * 2024-12-29, both inclusive) joined to the covariates in weeks gives CLVTools' histories exactly.
     */
    @Test
    void joinsAnRfmSummaryToCovariatesAsClvToolsReadsTheTransactions() throws java.io.IOException {
        RfmSummary.Accumulator accumulator = RfmSummary.accumulator(CurrencyUnit.USD,
                java.time.LocalDate.of(2023, 12, 31), java.time.LocalDate.of(2024, 12, 29));
        try (java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(
                getClass().getResourceAsStream("/covariates/transactions.csv"), java.nio.charset.StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] row = line.split(",");
                accumulator.add(Long.parseLong(row[0]), java.time.LocalDate.parse(row[1]),
                        new java.math.BigDecimal(row[2]).movePointRight(2).longValueExact());
            }
        }
        CustomerCovariates.Joined joined = covariates().join(accumulator.snapshot(), ChronoUnit.WEEKS,
                MissingCovariates.REFUSE);
        CustomerCovariates.Joined reference = data();
        assertThat(joined.size()).isEqualTo(3000);
        for (int i = 0; i < joined.size(); i++) {
            assertThat(joined.customerId(i)).isEqualTo(reference.customerId(i));
            PurchaseHistory a = joined.history(i);
            PurchaseHistory b = reference.history(i);
            assertThat(a.frequency()).isEqualTo(b.frequency());
            assertThat(a.recency()).isCloseTo(b.recency(), within(1e-12));
            assertThat(a.age()).isCloseTo(b.age(), within(1e-12));
            assertThat(joined.covariates(i)).containsExactly(reference.covariates(i));
        }
    }

    @Test
    void analyticGradientAgreesWithDifferences() {
        MaximumLikelihood.LogLikelihood likelihood = ParetoNbdCovariateModel.likelihood(data());
        double[] theta = {0.9, 6.0, 0.7, 15.0, Math.exp(-0.2), Math.exp(0.3), Math.exp(0.25), Math.exp(0.2),
            Math.exp(0.4), Math.exp(-0.1)};
        double[] gradient = new double[theta.length];
        likelihood.value(theta, gradient);
        for (int k = 0; k < theta.length; k++) {
            double h = 1e-6 * theta[k];
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[k] += h;
            minus[k] -= h;
            double difference = (likelihood.value(plus, null) - likelihood.value(minus, null)) / (2 * h);
            assertThat(gradient[k]).as("component %d", k).isCloseTo(difference, within(1e-5 * (1 + Math.abs(difference))));
        }
    }

    @Test
    void aFitWithoutMaximumReportsItsCoefficientsAsTheCoefficients() {
        // "repeat" is 1 exactly for the customers who bought again: no finite maximum (the coefficients drift to
        // trans.repeat 11.85 and life.repeat -13.39, where the Hessian is no longer positive definite); the message
        // gives γ, not the optimiser's e^γ, which could not be negative
        Map<Long, PurchaseHistory> histories = CovariateReferenceData.histories();
        CustomerCovariates.Builder builder = CustomerCovariates.builder(List.of("repeat"));
        histories.forEach((id, history) -> builder.add(id, history.frequency() > 0 ? 1.0 : 0.0));
        CustomerCovariates.Joined joined = builder.build().join(histories, MissingCovariates.REFUSE);
        assertThatThrownBy(() -> ParetoNbdCovariateModel.fit(joined)).isInstanceOfSatisfying(ModelFitException.class,
                e -> {
                    java.util.regex.Matcher at = java.util.regex.Pattern.compile(
                            "life\\.repeat=(-?[0-9.e+]+), trans\\.repeat=(-?[0-9.e+]+)").matcher(e.problem());
                    assertThat(at.find()).as(e.problem()).isTrue();
                    assertThat(Double.parseDouble(at.group(1))).as(e.problem()).isLessThan(-5.0);
                    assertThat(Double.parseDouble(at.group(2))).as(e.problem()).isGreaterThan(5.0);
                });
    }

    @Test
    void joinRefusesOrLeavesOutCustomersWithoutCovariatesAndNamesConstantOnes() {
        Map<Long, PurchaseHistory> histories = new TreeMap<>();
        histories.put(1L, new PurchaseHistory(2, 10, 30, ChronoUnit.WEEKS));
        histories.put(2L, new PurchaseHistory(0, 0, 20, ChronoUnit.WEEKS));
        histories.put(3L, new PurchaseHistory(5, 25, 28, ChronoUnit.WEEKS));
        CustomerCovariates covariates = CustomerCovariates.builder(List.of("channel", "country"))
                .add(1, 1, 7).add(3, 0, 7).add(9, 1, 7).build();
        assertThat(covariates.constantCovariates()).containsExactly("country");
        assertThatThrownBy(() -> covariates.join(histories, MissingCovariates.REFUSE))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("customer 2 without covariates");
        CustomerCovariates.Joined joined = covariates.join(histories, MissingCovariates.LEAVE_OUT);
        assertThat(joined.size()).isEqualTo(2);
        assertThat(joined.leftOut()).isEqualTo(1);
        assertThat(joined.customerId(1)).isEqualTo(3);
        assertThat(joined.covariates(1)).containsExactly(0, 7);
        assertThat(joined.constantCovariates()).containsExactly("country");
        assertThatThrownBy(() -> ParetoNbdCovariateModel.fit(joined)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("constant [country]");
        assertThatThrownBy(() -> CustomerCovariates.builder(List.of("a")).add(1, 1.0).add(1, 2.0))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("customerId");
        assertThatThrownBy(() -> CustomerCovariates.builder(List.of("a", "a")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("names");
        assertThatThrownBy(() -> CustomerCovariates.builder(List.of("a")).add(1, Double.NaN))
                .isInstanceOf(InvalidArgumentException.class);
        assertThat(joined.toString()).doesNotContain("\n");
        assertThatThrownBy(() -> ParetoNbdCovariateModel.fit(data(), FitOptions.defaults().withPenalizer(0.01)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("penalizer");
    }
}
