package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.CovariateRows;
import org.loyaltymetrics.data.OpportunityHistories;
import org.loyaltymetrics.data.OpportunityHistory;
import org.loyaltymetrics.internal.RandomVariates;

/**
 * The BG/BB model with covariates on its four beta parameters. No peer implementation exists (CLVTools
 * 0.12.1 has no BG/BB with covariates), so: (1) with all coefficients 0 its log-likelihood is the plain
 * model's (to 1e-12 relative); (2) each customer's likelihood equals eq. 5 of Fader, Hardie &amp; Shang (2010)
 * summed here term by term, each beta-function ratio as a product of rising factorials (integer x, tₓ, n:
 * B(a + x, b + m − x)/B(a, b) = (a)ₓ (b)ₘ₋ₓ/(a + b)ₘ; B(γ, δ + j)/B(γ, δ) = (δ)ⱼ/(γ + δ)ⱼ;
 * B(γ + 1, δ + j)/B(γ, δ) = γ/(γ + δ + j) · (δ)ⱼ/(γ + δ)ⱼ), no special function (to 1e-12 relative);
 * (3) the analytic gradient equals central differences; (4) a seeded simulation of 5,000 customers from
 * known truth is recovered within 3 standard errors; (5) bad input names the argument, its value and the
 * range.
 */
class BetaGeometricBetaBinomialCovariateModelTest {

    private static final List<String> NAMES = List.of("channel", "age");

    /**
     * A seeded customer base: channel ~ Bernoulli(0.5), age ~ N(0, 1), 6..14 opportunities each;
     * p_i ~ beta(α_i, β_i), θ_i ~ beta(γ_i, δ_i); at each opportunity the customer first survives with
     * probability 1 − θ_i, then transacts with probability p_i.
     */
    static CovariateRows<OpportunityHistory> simulate(int customers, double[] base, double[][] coefficients,
            long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] ids = new long[customers];
        List<OpportunityHistory> histories = new ArrayList<>();
        double[][] z = new double[customers][];
        for (int i = 0; i < customers; i++) {
            ids[i] = i + 1;
            z[i] = new double[] {random.nextDouble() < 0.5 ? 1.0 : 0.0, RandomVariates.standardNormal(random)};
            double[] parameters = new double[4];
            for (int b = 0; b < 4; b++) {
                parameters[b] = base[b] * Math.exp(coefficients[b][0] * z[i][0] + coefficients[b][1] * z[i][1]);
            }
            double p = RandomVariates.beta(random, parameters[0], parameters[1]);
            double theta = RandomVariates.beta(random, parameters[2], parameters[3]);
            long n = 6 + random.nextInt(9);
            long x = 0;
            long last = 0;
            for (long t = 1; t <= n; t++) {
                if (random.nextDouble() < theta) {
                    break;
                }
                if (random.nextDouble() < p) {
                    x++;
                    last = t;
                }
            }
            histories.add(OpportunityHistory.of(x, last, n));
        }
        return CovariateRows.of(NAMES, ids, histories, z);
    }

    private static final double[] BASE = {1.2, 0.75, 0.65, 2.8};
    private static final double[][] COEFFICIENTS = {{0.3, -0.1}, {-0.2, 0.15}, {0.25, 0.2}, {-0.2, -0.1}};

    @Test
    void withZeroCoefficientsTheLikelihoodIsThePlainModels() {
        CovariateRows<OpportunityHistory> data = simulate(600, BASE, COEFFICIENTS, 1L);
        OpportunityHistories.Accumulator all = OpportunityHistories.accumulator();
        for (int i = 0; i < data.size(); i++) {
            all.add(data.data(i));
        }
        double plain = BetaGeometricBetaBinomialModel.of(1.1, 0.8, 0.7, 2.5).logLikelihood(all.snapshot());
        BetaGeometricBetaBinomialCovariateModel model = BetaGeometricBetaBinomialCovariateModel.of(1.1, 0.8, 0.7, 2.5,
                NAMES, new double[2], new double[2], new double[2], new double[2]);
        assertThat(model.logLikelihood(data)).isCloseTo(plain, within(Math.abs(plain) * 1e-12));
        assertThat(model.forCustomer(new double[] {1.0, -1.0}).parameters())
                .isEqualTo(BetaGeometricBetaBinomialModel.of(1.1, 0.8, 0.7, 2.5).parameters());
    }

    /** (a)_m = a (a + 1) ... (a + m − 1). */
    private static double rising(double a, long m) {
        double product = 1.0;
        for (long j = 0; j < m; j++) {
            product *= a + j;
        }
        return product;
    }

    /** Eq. 5 summed term by term from rising factorials. */
    private static double equation5(double a, double b, double g, double d, long x, long tx, long n) {
        double likelihood = rising(a, x) * rising(b, n - x) / rising(a + b, n) * rising(d, n) / rising(g + d, n);
        for (long j = 0; j <= n - tx - 1; j++) {
            long m = tx + j;
            likelihood += rising(a, x) * rising(b, m - x) / rising(a + b, m)
                    * g / (g + d + m) * rising(d, m) / rising(g + d, m);
        }
        return likelihood;
    }

    @Test
    void eachCustomersLikelihoodIsEquationFiveSummedTermByTerm() {
        BetaGeometricBetaBinomialCovariateModel model = BetaGeometricBetaBinomialCovariateModel.of(BASE[0], BASE[1],
                BASE[2], BASE[3], NAMES, COEFFICIENTS[0], COEFFICIENTS[1], COEFFICIENTS[2], COEFFICIENTS[3]);
        double[][] profiles = {{0, 0}, {1, 1.5}, {0, -2.2}, {1, -0.4}};
        OpportunityHistory[] histories = {OpportunityHistory.of(0, 0, 6), OpportunityHistory.of(1, 1, 6),
            OpportunityHistory.of(3, 5, 6), OpportunityHistory.of(6, 6, 6), OpportunityHistory.of(2, 4, 14),
            OpportunityHistory.of(9, 13, 14)};
        for (double[] z : profiles) {
            double[] p = new double[4];
            for (int b = 0; b < 4; b++) {
                p[b] = BASE[b] * Math.exp(COEFFICIENTS[b][0] * z[0] + COEFFICIENTS[b][1] * z[1]);
            }
            for (OpportunityHistory h : histories) {
                double expected = Math.log(equation5(p[0], p[1], p[2], p[3], h.frequency(), h.recency(),
                        h.opportunities()));
                assertThat(model.logLikelihood(z, h)).as("%s at z = %s", h, java.util.Arrays.toString(z))
                        .isCloseTo(expected, within(1e-12 * Math.abs(expected)));
                CovariateRows<OpportunityHistory> one = CovariateRows.of(NAMES, new long[] {4}, List.of(h),
                        new double[][] {z});
                assertThat(model.logLikelihood(one)).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
            }
            // the customer's model: E[X(n)] for n = 1 is E[p] E[1 − θ] = α/(α + β) · δ/(γ + δ)
            assertThat(model.forCustomer(z).expectedPurchases(1))
                    .isCloseTo(p[0] / (p[0] + p[1]) * p[3] / (p[2] + p[3]), within(1e-14));
        }
    }

    @Test
    void analyticGradientAgreesWithDifferences() {
        CovariateRows<OpportunityHistory> data = simulate(400, BASE, COEFFICIENTS, 3L);
        BetaGeometricBetaBinomialCovariateModel.Likelihood likelihood =
                new BetaGeometricBetaBinomialCovariateModel.Likelihood(data);
        double[] theta = {1.0, 0.9, 0.6, 3.0, Math.exp(0.2), Math.exp(-0.2), Math.exp(-0.1), Math.exp(0.1),
            Math.exp(0.3), Math.exp(0.1), Math.exp(-0.3), Math.exp(0.05)};
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
    void recoversTheTruthOfASimulation() {
        CovariateRows<OpportunityHistory> data = simulate(5000, BASE, COEFFICIENTS, 20240611L);
        BetaGeometricBetaBinomialCovariateModel model = BetaGeometricBetaBinomialCovariateModel.fit(data);
        ModelFit fit = model.fitResult();
        assertThat(fit.converged()).isTrue();
        assertThat(fit.identified()).isTrue();
        assertThat(fit.parameterNames()).startsWith("alpha", "beta", "gamma", "delta", "alpha.channel", "alpha.age")
                .endsWith("delta.channel", "delta.age").hasSize(12);
        double[] truth = new double[12];
        System.arraycopy(BASE, 0, truth, 0, 4);
        for (int b = 0; b < 4; b++) {
            truth[4 + 2 * b] = COEFFICIENTS[b][0];
            truth[5 + 2 * b] = COEFFICIENTS[b][1];
        }
        Map<String, Double> se = fit.standardErrors();
        for (int k = 0; k < truth.length; k++) {
            String name = fit.parameterNames().get(k);
            assertThat(fit.estimates()[k]).as(name).isCloseTo(truth[k], within(3 * se.get(name)));
        }
        assertThat(fit.covariance()).hasDimensions(12, 12);
        assertThat(model.purchaseCoefficients()).containsOnlyKeys("alpha", "beta");
        assertThat(model.attritionCoefficients().get("delta").get("age")).isEqualTo(fit.parameter("delta.age"));
        assertThat(model.coefficients().keySet()).containsExactly("alpha", "beta", "gamma", "delta");
        double[] theta = fit.estimates();
        for (int k = 4; k < theta.length; k++) {
            theta[k] = Math.exp(theta[k]);
        }
        double[] gradient = new double[theta.length];
        new BetaGeometricBetaBinomialCovariateModel.Likelihood(data).value(theta, gradient);
        for (int k = 0; k < theta.length; k++) {
            assertThat(gradient[k] * theta[k]).as("gradient %d", k).isCloseTo(0.0, within(1e-3));
        }
        assertThat(model.logLikelihood(data)).isCloseTo(fit.logLikelihood(), within(1e-9 * Math.abs(fit.logLikelihood())));
        assertThat(model.toString()).doesNotContain("\n").startsWith("BG/BB with covariates: alpha=");
    }

    @Test
    void badInputNamesArgumentValueAndRange() {
        BetaGeometricBetaBinomialCovariateModel model = BetaGeometricBetaBinomialCovariateModel.of(BASE[0], BASE[1],
                BASE[2], BASE[3], NAMES, COEFFICIENTS[0], COEFFICIENTS[1], COEFFICIENTS[2], COEFFICIENTS[3]);
        assertThatThrownBy(() -> model.forCustomer(new double[0])).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("z must be one value per covariate [channel, age], was 0 values");
        assertThatThrownBy(() -> model.forCustomer(new double[] {1.0, Double.POSITIVE_INFINITY}))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("z must be a finite number, was Infinity");
        assertThatThrownBy(() -> BetaGeometricBetaBinomialCovariateModel.of(1, 1, 1, 1, NAMES, new double[2],
                new double[2], new double[3], new double[2])).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("gammaCoefficients must be one coefficient per covariate [channel, age], was 3 coefficients");
        assertThatThrownBy(() -> BetaGeometricBetaBinomialCovariateModel.of(1, 1, 0, 1, NAMES, new double[2],
                new double[2], new double[2], new double[2])).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("gamma").hasMessageContaining("0.0");
        CovariateRows<OpportunityHistory> constant = CovariateRows.of(NAMES, new long[] {1, 2},
                List.of(OpportunityHistory.of(1, 2, 5), OpportunityHistory.of(0, 0, 5)), new double[][] {{0, 1}, {1, 1}});
        assertThatThrownBy(() -> BetaGeometricBetaBinomialCovariateModel.fit(constant))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("constant [age]");
    }

    /**
     * The model's own simulation, for customers of 6..14 opportunities: seeded, and a fit to it recovers the
     * truth within 3 standard errors.
     */
    @Test
    void itsSimulationIsSeededAndAFitRecoversTheTruth() {
        CovariateRows<OpportunityHistory> design = simulate(4000, BASE, COEFFICIENTS, 11L);
        List<Long> opportunities = new ArrayList<>();
        for (int i = 0; i < design.size(); i++) {
            opportunities.add(design.data(i).opportunities());
        }
        BetaGeometricBetaBinomialCovariateModel model = BetaGeometricBetaBinomialCovariateModel.of(BASE[0], BASE[1],
                BASE[2], BASE[3], NAMES, COEFFICIENTS[0], COEFFICIENTS[1], COEFFICIENTS[2], COEFFICIENTS[3]);
        CovariateRows<OpportunityHistory> data = model.simulate(design.withData(opportunities), 7L);
        for (int i = 0; i < 50; i++) {
            assertThat(model.simulate(design.withData(opportunities), 7L).data(i)).isEqualTo(data.data(i));
            assertThat(data.data(i).opportunities()).isEqualTo(opportunities.get(i));
        }
        ModelFit fit = BetaGeometricBetaBinomialCovariateModel.fit(data).fitResult();
        Map<String, Double> se = fit.standardErrors();
        List<String> names = fit.parameterNames();
        for (int k = 0; k < 4; k++) {
            assertThat(fit.estimates()[k]).as(names.get(k)).isCloseTo(BASE[k], within(3 * se.get(names.get(k))));
        }
        for (int b = 0; b < 4; b++) {
            for (int j = 0; j < 2; j++) {
                String name = names.get(4 + 2 * b + j);
                assertThat(fit.parameter(name)).as(name).isCloseTo(COEFFICIENTS[b][j], within(3 * se.get(name)));
            }
        }
        CovariateRows<Long> none = design.withData(java.util.Collections.nCopies(design.size(), 0L));
        assertThatThrownBy(() -> model.simulate(none, 1L)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("opportunities must be >= 1 in every row, was 0 for customer 1");
    }
}
