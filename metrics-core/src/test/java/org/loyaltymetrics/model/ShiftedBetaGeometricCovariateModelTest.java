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
import org.loyaltymetrics.data.CohortSurvivors;
import org.loyaltymetrics.data.ContractHistory;
import org.loyaltymetrics.data.CovariateRows;
import org.loyaltymetrics.internal.RandomVariates;

/**
 * The sBG model with covariates on both beta parameters, for individual customers. No peer implementation
 * exists, so: (1) with all coefficients 0 its log-likelihood over the customers of a cohort is the plain
 * model's over the cohort's survivor counts (to 1e-12 relative); (2) each customer's likelihood equals
 * Fader &amp; Hardie's (2007) forward recursion P(T = 1) = α/(α + β), P(T = t) = P(T = t − 1) ·
 * (β + t − 2)/(α + β + t − 1), S(n) = 1 − Σₜ≤ₙ P(T = t), summed here (to 1e-12 relative); (3) the analytic
 * gradient equals central differences; (4) a seeded simulation of 4,000 customers from known truth is
 * recovered within 3 standard errors; (5) bad input names the argument, its value and the range.
 */
class ShiftedBetaGeometricCovariateModelTest {

    private static final List<String> NAMES = List.of("channel", "age");

    /**
     * A seeded customer base: channel ~ Bernoulli(0.5), age ~ N(0, 1), each observed for 4..12 periods
     * (joined at different times); θ_i ~ beta(α_i, β_i), then each period lost with probability θ_i.
     */
    static CovariateRows<ContractHistory> simulate(int customers, double alpha0, double beta0, double[] gammaAlpha,
            double[] gammaBeta, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] ids = new long[customers];
        List<ContractHistory> histories = new ArrayList<>();
        double[][] z = new double[customers][];
        for (int i = 0; i < customers; i++) {
            ids[i] = i + 1;
            z[i] = new double[] {random.nextDouble() < 0.5 ? 1.0 : 0.0, RandomVariates.standardNormal(random)};
            double alpha = alpha0 * Math.exp(gammaAlpha[0] * z[i][0] + gammaAlpha[1] * z[i][1]);
            double beta = beta0 * Math.exp(gammaBeta[0] * z[i][0] + gammaBeta[1] * z[i][1]);
            double theta = RandomVariates.beta(random, alpha, beta);
            int observed = 4 + random.nextInt(9);
            ContractHistory history = ContractHistory.activeAfter(observed);
            for (int t = 1; t <= observed; t++) {
                if (random.nextDouble() < theta) {
                    history = ContractHistory.lostIn(t);
                    break;
                }
            }
            histories.add(history);
        }
        return CovariateRows.of(NAMES, ids, histories, z);
    }

    @Test
    void withZeroCoefficientsTheLikelihoodIsThePlainModelsOverTheCohort() {
        CohortSurvivors cohort = ShiftedBetaGeometricModel.of(0.7, 1.2).simulate(1000, 8, 5L);
        List<ContractHistory> histories = new ArrayList<>();
        for (int t = 1; t <= cohort.periods(); t++) {
            for (long c = 0; c < cohort.lost(t); c++) {
                histories.add(ContractHistory.lostIn(t));
            }
        }
        for (long c = 0; c < cohort.alive(cohort.periods()); c++) {
            histories.add(ContractHistory.activeAfter(cohort.periods()));
        }
        long[] ids = new long[histories.size()];
        double[][] z = new double[histories.size()][];
        SplittableRandom random = new SplittableRandom(9L);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
            z[i] = new double[] {random.nextInt(2), random.nextDouble()};
        }
        CovariateRows<ContractHistory> data = CovariateRows.of(NAMES, ids, histories, z);
        double plain = ShiftedBetaGeometricModel.of(0.63, 1.4).logLikelihood(cohort);
        ShiftedBetaGeometricCovariateModel model = ShiftedBetaGeometricCovariateModel.of(0.63, 1.4, NAMES,
                new double[2], new double[2]);
        assertThat(model.logLikelihood(data)).isCloseTo(plain, within(Math.abs(plain) * 1e-12));
        assertThat(model.forCustomer(new double[] {1.0, 3.0}).parameters())
                .isEqualTo(ShiftedBetaGeometricModel.of(0.63, 1.4).parameters());
    }

    /** ln P(T = t) or ln S(n) by Fader &amp; Hardie's (2007) forward recursion. */
    private static double recursion(double alpha, double beta, ContractHistory history) {
        double p = alpha / (alpha + beta);
        double churned = 0.0;
        long last = history.lost() ? history.periods() : history.periods();
        for (long t = 1; t <= last; t++) {
            if (t > 1) {
                p *= (beta + t - 2) / (alpha + beta + t - 1);
            }
            churned += p;
        }
        return history.lost() ? Math.log(p) : Math.log1p(-churned);
    }

    @Test
    void eachCustomersLikelihoodIsTheForwardRecursion() {
        ShiftedBetaGeometricCovariateModel model = ShiftedBetaGeometricCovariateModel.of(0.8, 2.5, NAMES,
                new double[] {0.4, -0.2}, new double[] {-0.3, 0.25});
        double[][] profiles = {{0, 0}, {1, 1.5}, {0, -2.2}, {1, -0.4}};
        ContractHistory[] histories = {ContractHistory.lostIn(1), ContractHistory.lostIn(2), ContractHistory.lostIn(7),
            ContractHistory.activeAfter(0), ContractHistory.activeAfter(1), ContractHistory.activeAfter(12)};
        for (double[] z : profiles) {
            double alpha = 0.8 * Math.exp(0.4 * z[0] - 0.2 * z[1]);
            double beta = 2.5 * Math.exp(-0.3 * z[0] + 0.25 * z[1]);
            for (ContractHistory history : histories) {
                double expected = recursion(alpha, beta, history);
                assertThat(model.logLikelihood(z, history)).as("%s at z = %s", history, java.util.Arrays.toString(z))
                        .isCloseTo(expected, within(1e-12 * Math.max(1.0, Math.abs(expected))));
                CovariateRows<ContractHistory> one = CovariateRows.of(NAMES, new long[] {3}, List.of(history),
                        new double[][] {z});
                assertThat(model.logLikelihood(one)).isEqualTo(model.logLikelihood(z, history));
            }
            // the customer's model: retention in period 2 is (β_i + 1)/(α_i + β_i + 1)
            assertThat(model.forCustomer(z).retentionRate(2)).isCloseTo((beta + 1) / (alpha + beta + 1), within(1e-15));
        }
    }

    /**
     * A customer whose β_i is far below 1e-16 (β_i + t − 1 taken as β_i + (t − 1), not (β_i + t) − 1, which
     * would round to 0 at t = 1): lost in period 1 has P = α/(α + β) = 1 to double precision, lost in period
     * 2 has P = α/(α + β) · β/(α + β + 1), active after 3 periods has S(3) = (β)₃/(α + β)₃.
     */
    @Test
    void aCustomerWithATinyBetaKeepsEveryDigit() {
        ShiftedBetaGeometricCovariateModel model = ShiftedBetaGeometricCovariateModel.of(0.8, 1e-20, NAMES,
                new double[2], new double[] {0.0, 0.5});
        double[] z = {1.0, 2.0};
        double beta = 1e-20 * Math.exp(1.0);
        assertThat(model.logLikelihood(z, ContractHistory.lostIn(1))).isCloseTo(0.0, within(1e-15));
        assertThat(model.logLikelihood(z, ContractHistory.lostIn(2)))
                .isCloseTo(Math.log(beta / 1.8), within(1e-12 * Math.abs(Math.log(beta / 1.8))));
        // S(3) = B(α, β + 3)/B(α, β) = β/(α + β) · (β + 1)/(α + β + 1) · (β + 2)/(α + β + 2) (the recursion's
        // 1 − Σ P would cancel to 0 here)
        double survival = Math.log(beta / (0.8 + beta)) + Math.log((beta + 1) / (0.8 + beta + 1))
                + Math.log((beta + 2) / (0.8 + beta + 2));
        assertThat(model.logLikelihood(z, ContractHistory.activeAfter(3))).isCloseTo(survival,
                within(1e-12 * Math.abs(survival)));
    }

    @Test
    void analyticGradientAgreesWithDifferences() {
        CovariateRows<ContractHistory> data = simulate(400, 0.8, 2.5, new double[] {0.4, -0.2},
                new double[] {-0.3, 0.25}, 3L);
        ShiftedBetaGeometricCovariateModel.Likelihood likelihood = new ShiftedBetaGeometricCovariateModel.Likelihood(
                data, true);
        double[] theta = {0.7, 2.0, Math.exp(0.3), Math.exp(-0.1), Math.exp(-0.2), Math.exp(0.3)};
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
        double[] truth = {0.8, 2.5, 0.4, -0.2, -0.3, 0.25};
        CovariateRows<ContractHistory> data = simulate(4000, truth[0], truth[1], new double[] {truth[2], truth[3]},
                new double[] {truth[4], truth[5]}, 20240611L);
        ShiftedBetaGeometricCovariateModel model = ShiftedBetaGeometricCovariateModel.fit(data);
        ModelFit fit = model.fitResult();
        assertThat(fit.converged()).isTrue();
        assertThat(fit.identified()).isTrue();
        assertThat(fit.parameterNames()).containsExactly("alpha", "beta", "alpha.channel", "alpha.age", "beta.channel",
                "beta.age");
        Map<String, Double> se = fit.standardErrors();
        for (int k = 0; k < truth.length; k++) {
            String name = fit.parameterNames().get(k);
            assertThat(fit.estimates()[k]).as(name).isCloseTo(truth[k], within(3 * se.get(name)));
        }
        assertThat(fit.covariance()).hasDimensions(6, 6);
        assertThat(model.alphaCoefficients().get("age")).isEqualTo(fit.parameter("alpha.age"));
        assertThat(model.coefficients()).containsOnlyKeys("alpha", "beta");
        assertThat(model.coefficients().get("beta").get("channel")).isEqualTo(fit.parameter("beta.channel"));
        double[] theta = fit.estimates();
        for (int k = 2; k < theta.length; k++) {
            theta[k] = Math.exp(theta[k]);
        }
        double[] gradient = new double[theta.length];
        new ShiftedBetaGeometricCovariateModel.Likelihood(data, true).value(theta, gradient);
        for (int k = 0; k < theta.length; k++) {
            assertThat(gradient[k] * theta[k]).as("gradient %d", k).isCloseTo(0.0, within(1e-3));
        }
        assertThat(model.logLikelihood(data)).isCloseTo(fit.logLikelihood(), within(1e-9 * Math.abs(fit.logLikelihood())));
        assertThat(model.toString()).doesNotContain("\n").startsWith("sBG with covariates: alpha=");
    }

    @Test
    void badInputNamesArgumentValueAndRange() {
        ShiftedBetaGeometricCovariateModel model = ShiftedBetaGeometricCovariateModel.of(0.8, 2.5, NAMES,
                new double[] {0.4, -0.2}, new double[] {-0.3, 0.25});
        assertThatThrownBy(() -> model.forCustomer(new double[] {1.0, 2.0, 3.0}))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("z must be one value per covariate [channel, age], was 3 values");
        assertThatThrownBy(() -> model.logLikelihood(new double[] {Double.NaN, 2.0}, ContractHistory.lostIn(2)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("z must be a finite number, was NaN");
        assertThatThrownBy(() -> ShiftedBetaGeometricCovariateModel.of(0.8, 2.5, NAMES, new double[] {0.4, -0.2},
                new double[] {0.1})).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("betaCoefficients must be one coefficient per covariate [channel, age], was 1 coefficients");
        assertThatThrownBy(() -> ContractHistory.lostIn(0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("periods must be >= 1 for a customer lost in that period, was 0");
        assertThatThrownBy(() -> ContractHistory.activeAfter(-1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("periods must be >= 0 for an active customer, was -1");
        CovariateRows<ContractHistory> nobodyLost = CovariateRows.of(NAMES, new long[] {1, 2},
                List.of(ContractHistory.activeAfter(3), ContractHistory.activeAfter(5)), new double[][] {{0, 1}, {1, 2}});
        assertThatThrownBy(() -> ShiftedBetaGeometricCovariateModel.fit(nobodyLost))
                .isInstanceOf(ModelFitException.class).hasMessageContaining("none of the 2 customers was lost");
        CovariateRows<ContractHistory> allAtOnce = CovariateRows.of(NAMES, new long[] {1, 2},
                List.of(ContractHistory.lostIn(1), ContractHistory.lostIn(1)), new double[][] {{0, 1}, {1, 2}});
        assertThatThrownBy(() -> ShiftedBetaGeometricCovariateModel.fit(allAtOnce))
                .isInstanceOf(ModelFitException.class).hasMessageContaining("no customer renewed");
        assertThat(ContractHistory.lostIn(3)).hasToString("lost in period 3");
        assertThat(ContractHistory.activeAfter(1)).hasToString("active after 1 period");
    }

    /**
     * The model's own simulation, for customers observed 4..12 periods: seeded, and a fit to it recovers
     * the truth within 3 standard errors.
     */
    @Test
    void itsSimulationIsSeededAndAFitRecoversTheTruth() {
        double[] truth = {0.8, 2.5, 0.4, -0.2, -0.3, 0.25};
        CovariateRows<ContractHistory> design = simulate(4000, 1.0, 1.0, new double[2], new double[2], 11L);
        SplittableRandom random = new SplittableRandom(12L);
        List<Long> periods = new ArrayList<>();
        for (int i = 0; i < design.size(); i++) {
            periods.add(4L + random.nextInt(9));
        }
        ShiftedBetaGeometricCovariateModel model = ShiftedBetaGeometricCovariateModel.of(truth[0], truth[1], NAMES,
                new double[] {truth[2], truth[3]}, new double[] {truth[4], truth[5]});
        CovariateRows<ContractHistory> data = model.simulate(design.withData(periods), 7L);
        for (int i = 0; i < 50; i++) {
            assertThat(model.simulate(design.withData(periods), 7L).data(i)).isEqualTo(data.data(i));
            ContractHistory h = data.data(i);
            assertThat(h.lost() ? h.periods() <= periods.get(i) : h.periods() == periods.get(i)).isTrue();
        }
        ModelFit fit = ShiftedBetaGeometricCovariateModel.fit(data).fitResult();
        Map<String, Double> se = fit.standardErrors();
        for (int k = 0; k < truth.length; k++) {
            String name = fit.parameterNames().get(k);
            assertThat(fit.estimates()[k]).as(name).isCloseTo(truth[k], within(3 * se.get(name)));
        }
        CovariateRows<Long> negative = design.withData(java.util.Collections.nCopies(design.size(), -1L));
        assertThatThrownBy(() -> model.simulate(negative, 1L)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("periods must be >= 0 in every row, was -1 for customer 1");
    }

    /**
     * Coefficients are on the user's scale: with age in tenths (× 10) and channel coded 1/2 instead of 0/1
     * (+ 1), the fit has the same log-likelihood (to 1e-9 relative), the age coefficients divided by 10,
     * the channel coefficients unchanged and α₀, β₀ multiplied by exp(−γ_channel) (each to 1e-3 of its
     * standard error).
     */
    @Test
    void coefficientsAreOnTheCovariatesScale() {
        CovariateRows<ContractHistory> data = simulate(2000, 0.8, 2.5, new double[] {0.4, -0.2},
                new double[] {-0.3, 0.25}, 31L);
        long[] ids = new long[data.size()];
        List<ContractHistory> histories = new ArrayList<>();
        double[][] z = new double[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            ids[i] = data.customerId(i);
            histories.add(data.data(i));
            z[i] = new double[] {data.covariate(i, 0) + 1.0, data.covariate(i, 1) * 10.0};
        }
        ModelFit a = ShiftedBetaGeometricCovariateModel.fit(data).fitResult();
        ModelFit b = ShiftedBetaGeometricCovariateModel.fit(CovariateRows.of(NAMES, ids, histories, z)).fitResult();
        assertThat(b.logLikelihood()).isCloseTo(a.logLikelihood(), within(1e-9 * Math.abs(a.logLikelihood())));
        Map<String, Double> se = a.standardErrors();
        for (String block : List.of("alpha", "beta")) {
            double channel = a.parameter(block + ".channel");
            assertThat(b.parameter(block + ".channel")).isCloseTo(channel, within(1e-3 * se.get(block + ".channel")));
            assertThat(b.parameter(block + ".age")).isCloseTo(a.parameter(block + ".age") / 10,
                    within(1e-3 * se.get(block + ".age") / 10));
            assertThat(b.parameter(block)).isCloseTo(a.parameter(block) * Math.exp(-channel),
                    within(1e-3 * se.get(block) * Math.exp(-channel)));
        }
    }
}
