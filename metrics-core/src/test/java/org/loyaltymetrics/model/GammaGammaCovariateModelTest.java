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
import org.loyaltymetrics.data.SpendHistories;
import org.loyaltymetrics.data.SpendHistory;
import org.loyaltymetrics.internal.RandomVariates;
import org.loyaltymetrics.internal.SpecialFunctions;

/**
 * The Gamma-Gamma model with covariates on the spend process. No peer implementation exists (CLVTools
 * 0.12.1 has no covariates for {@code gg}), so: (1) with all coefficients 0 its log-likelihood is the plain
 * model's (to 1e-12 relative); (2) one customer's likelihood equals an independent numerical integration of
 * the gamma density of the mean over ν ~ gamma(q, v_i), written here (to 1e-10 relative); (3) the analytic
 * gradient equals central differences; (4) a seeded simulation of 4,000 customers from known truth is
 * recovered within 3 standard errors; (5) bad input names the argument, its value and the range.
 */
class GammaGammaCovariateModelTest {

    private static final List<String> NAMES = List.of("channel", "age");

    /** A seeded customer base: channel ~ Bernoulli(0.4), age ~ N(0, 1), x = 1..12, the truth as given. */
    static CovariateRows<SpendHistory> simulate(int customers, double p, double q, double v0, double[] gamma,
            long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] ids = new long[customers];
        List<SpendHistory> spend = new ArrayList<>();
        double[][] z = new double[customers][];
        for (int i = 0; i < customers; i++) {
            ids[i] = i + 1;
            z[i] = new double[] {random.nextDouble() < 0.4 ? 1.0 : 0.0, RandomVariates.standardNormal(random)};
            double v = v0 * Math.exp(gamma[0] * z[i][0] + gamma[1] * z[i][1]);
            double nu = RandomVariates.gamma(random, q, v);
            long x = 1 + random.nextInt(12);
            double total = 0.0;
            for (long t = 0; t < x; t++) {
                total += RandomVariates.gamma(random, p, nu);
            }
            spend.add(SpendHistory.of(x, total / x));
        }
        return CovariateRows.of(NAMES, ids, spend, z);
    }

    @Test
    void withZeroCoefficientsTheLikelihoodIsThePlainModels() {
        CovariateRows<SpendHistory> data = simulate(500, 6.0, 4.0, 20.0, new double[] {0.3, -0.2}, 1L);
        GammaGammaCovariateModel model = GammaGammaCovariateModel.of(5.2, 3.7, 17.5, NAMES, new double[] {0.0, 0.0});
        SpendHistories.Accumulator all = SpendHistories.accumulator();
        for (int i = 0; i < data.size(); i++) {
            all.add(data.data(i).frequency(), data.data(i).meanSpend());
        }
        double plain = GammaGammaModel.of(5.2, 3.7, 17.5).logLikelihood(all.snapshot());
        assertThat(model.logLikelihood(data)).isCloseTo(plain, within(Math.abs(plain) * 1e-12));
        assertThat(model.forCustomer(new double[] {1.0, -2.0}).parameters())
                .isEqualTo(GammaGammaModel.of(5.2, 3.7, 17.5).parameters());
    }

    /**
     * f(z̄ | x) = ∫ x · gamma(x z̄; px, ν) · gamma(ν; q, v_i) dν, integrated by the trapezoidal rule in
     * u = ln ν over ±40 around the mode of the integrand, 40,000 steps (the integrand is smooth and decays
     * doubly exponentially in u, where the rule converges geometrically).
     */
    private static double integrated(double p, double q, double v, long x, double mean) {
        double px = p * x;
        // integrand in u: exp(g(u)), g = ln x + px ln ν + (px − 1) ln(x z̄) − ν x z̄ − lnΓ(px)
        //                               + q ln v + q ln ν − v ν − lnΓ(q)   (the ν of dν = ν du included)
        double mode = Math.log((px + q) / (v + x * mean));
        double low = mode - 40.0;
        double high = mode + 40.0;
        int steps = 40_000;
        double h = (high - low) / steps;
        double sum = 0.0;
        for (int s = 0; s <= steps; s++) {
            double u = low + s * h;
            double nu = Math.exp(u);
            double g = Math.log(x) + px * u + (px - 1.0) * Math.log(x * mean) - nu * x * mean
                    - SpecialFunctions.logGamma(px) + q * Math.log(v) + q * u - v * nu - SpecialFunctions.logGamma(q);
            sum += (s == 0 || s == steps ? 0.5 : 1.0) * Math.exp(g);
        }
        return sum * h;
    }

    @Test
    void oneCustomersLikelihoodIsTheIntegralOverTheirRate() {
        GammaGammaCovariateModel model = GammaGammaCovariateModel.of(5.5, 3.2, 18.0, NAMES,
                new double[] {0.35, -0.25});
        double[][] customers = {{1, 0.7, 1, 35.0}, {0, -1.3, 4, 61.25}, {1, 2.1, 12, 18.4}, {0, 0.0, 2, 140.0}};
        for (double[] c : customers) {
            double[] z = {c[0], c[1]};
            long x = (long) c[2];
            SpendHistory spend = SpendHistory.of(x, c[3]);
            CovariateRows<SpendHistory> one = CovariateRows.of(NAMES, new long[] {7}, List.of(spend), new double[][] {z});
            double v = 18.0 * Math.exp(0.35 * c[0] - 0.25 * c[1]);
            double expected = integrated(5.5, 3.2, v, x, c[3]);
            assertThat(Math.exp(model.logLikelihood(one))).as("customer %s", java.util.Arrays.toString(c))
                    .isCloseTo(expected, within(expected * 1e-10));
            // the conditional expected spend of that customer, by hand: p (v_i + x z̄)/(px + q − 1)
            double byHand = 5.5 * (v + x * c[3]) / (5.5 * x + 3.2 - 1.0);
            assertThat(model.conditionalExpectedAverageSpend(z, spend)).isCloseTo(byHand, within(byHand * 1e-14));
            assertThat(model.forCustomer(z).populationMeanSpend()).isCloseTo(5.5 * v / 2.2, within(5.5 * v / 2.2 * 1e-14));
        }
    }

    @Test
    void analyticGradientAgreesWithDifferences() {
        CovariateRows<SpendHistory> data = simulate(300, 6.0, 4.0, 20.0, new double[] {0.3, -0.2}, 2L);
        GammaGammaCovariateModel.Likelihood likelihood = new GammaGammaCovariateModel.Likelihood(data);
        double[] theta = {5.0, 3.5, 22.0, Math.exp(0.2), Math.exp(-0.1)};
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
        double[] truth = {6.0, 4.0, 20.0, 0.3, -0.2};
        CovariateRows<SpendHistory> data = simulate(4000, truth[0], truth[1], truth[2],
                new double[] {truth[3], truth[4]}, 20240611L);
        GammaGammaCovariateModel model = GammaGammaCovariateModel.fit(data);
        ModelFit fit = model.fitResult();
        assertThat(fit.converged()).isTrue();
        assertThat(fit.parameterNames()).containsExactly("p", "q", "v", "spend.channel", "spend.age");
        Map<String, Double> se = fit.standardErrors();
        for (int k = 0; k < truth.length; k++) {
            String name = fit.parameterNames().get(k);
            assertThat(fit.estimates()[k]).as(name).isCloseTo(truth[k], within(3 * se.get(name)));
        }
        assertThat(fit.covariance()).hasDimensions(5, 5);
        assertThat(model.spendCoefficients()).containsOnlyKeys(NAMES);
        assertThat(model.coefficients().get("spend").get("age")).isEqualTo(fit.parameter("spend.age"));
        // a maximum: the gradient per unit of ln θ (of γ for the coefficients) vanishes
        double[] theta = fit.estimates();
        for (int k = 3; k < theta.length; k++) {
            theta[k] = Math.exp(theta[k]);
        }
        double[] gradient = new double[theta.length];
        assertThat(new GammaGammaCovariateModel.Likelihood(data).value(theta, gradient))
                .isCloseTo(fit.logLikelihood(), within(1e-9 * Math.abs(fit.logLikelihood())));
        for (int k = 0; k < theta.length; k++) {
            assertThat(gradient[k] * theta[k]).as("gradient %d", k).isCloseTo(0.0, within(1e-3));
        }
        // it fits better than the plain model, which is its special case γ = 0
        SpendHistories.Accumulator all = SpendHistories.accumulator();
        for (int i = 0; i < data.size(); i++) {
            all.add(data.data(i).frequency(), data.data(i).meanSpend());
        }
        assertThat(fit.logLikelihood()).isGreaterThan(GammaGammaModel.fit(all.snapshot()).fitResult().logLikelihood());
        assertThat(model.toString()).doesNotContain("\n").startsWith("Gamma-Gamma with covariates: p=");
    }

    @Test
    void badInputNamesArgumentValueAndRange() {
        GammaGammaCovariateModel model = GammaGammaCovariateModel.of(5.5, 3.2, 18.0, NAMES, new double[] {0.3, 0.1});
        assertThatThrownBy(() -> model.forCustomer(new double[] {1.0}))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("z must be one value per covariate [channel, age], was 1 values");
        assertThatThrownBy(() -> model.forCustomer(new double[] {1.0, Double.NaN}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("z").hasMessageContaining("NaN");
        assertThatThrownBy(() -> GammaGammaCovariateModel.of(5.5, 3.2, 18.0, NAMES, new double[] {0.3}))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("spendCoefficients must be one coefficient per covariate [channel, age], was 1 coefficients");
        assertThatThrownBy(() -> GammaGammaCovariateModel.of(5.5, -3.2, 18.0, NAMES, new double[] {0.3, 0.1}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("q").hasMessageContaining("-3.2");
        assertThatThrownBy(() -> GammaGammaCovariateModel.of(5.5, 3.2, 18.0, NAMES, new double[] {0.3, Double.NaN}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("coefficients")
                .hasMessageContaining("NaN");
        CovariateRows<SpendHistory> constant = CovariateRows.of(NAMES, new long[] {1, 2},
                List.of(SpendHistory.of(2, 10.0), SpendHistory.of(3, 20.0)), new double[][] {{1, 0.5}, {1, 0.7}});
        assertThatThrownBy(() -> GammaGammaCovariateModel.fit(constant))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("data must be covariates that vary over the customers (a constant one is not identifiable "
                        + "apart from v), was constant [channel]");
        assertThatThrownBy(() -> GammaGammaCovariateModel.fit(constant, FitOptions.defaults().withPenalizer(0.1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("penalizer 0.1");
        assertThatThrownBy(() -> CovariateRows.of(NAMES, new long[] {1}, List.of(SpendHistory.of(2, 10.0)),
                new double[][] {{1, Double.NaN}})).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("covariates").hasMessageContaining("NaN");
        assertThatThrownBy(model::fitResult).isInstanceOf(org.loyaltymetrics.UndefinedResultException.class);
    }

    /**
     * The spend of the shared synthetic data set (src/test/resources/covariates) as CLVTools' {@code gg}
     * reads it: same-day transactions summed, the first purchase day removed, the repeat days of the
     * calibration period (to 2023-12-31 inclusive); x their number, z̄ their mean price. Customers without
     * a repeat day have no spend data.
     */
    static Map<Long, SpendHistory> sharedSpend() throws java.io.IOException {
        Map<Long, java.util.TreeMap<java.time.LocalDate, Double>> days = new java.util.TreeMap<>();
        try (java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(
                GammaGammaCovariateModelTest.class.getResourceAsStream("/covariates/transactions.csv"),
                java.nio.charset.StandardCharsets.UTF_8))) {
            reader.lines().skip(1).filter(line -> !line.isBlank()).map(line -> line.split(",")).forEach(row ->
                    days.computeIfAbsent(Long.parseLong(row[0]), id -> new java.util.TreeMap<>())
                            .merge(java.time.LocalDate.parse(row[1]), Double.parseDouble(row[2]), Double::sum));
        }
        Map<Long, SpendHistory> spend = new java.util.TreeMap<>();
        days.forEach((id, byDay) -> {
            java.util.SortedMap<java.time.LocalDate, Double> repeat = byDay.tailMap(byDay.firstKey(), false)
                    .headMap(java.time.LocalDate.of(2024, 1, 1));
            if (!repeat.isEmpty()) {
                double sum = repeat.values().stream().mapToDouble(Double::doubleValue).sum();
                spend.put(id, SpendHistory.of(repeat.size(), sum / repeat.size()));
            }
        });
        return spend;
    }

    /**
     * On the shared data set: at CLVTools 0.12.1's {@code gg} estimates (reference_results.json, fits.gg)
     * the model with all coefficients 0 has CLVTools' log-likelihood (to 1e-9 relative) and its predicted
     * mean spending per reference customer (to 1e-9 relative). Those data were generated with spend
     * independent of the covariates (README: ν_i ~ gamma(q, γ)), so the fitted coefficients of gender,
     * channel and age_std must lie within 3 standard errors of 0.
     */
    @Test
    void onTheSharedDataItIsClvToolsGgAtZeroAndFindsNoEffectWhereThereIsNone() throws java.io.IOException {
        Map<Long, SpendHistory> spend = sharedSpend();
        assertThat(spend).hasSize(2066);
        Map<Long, double[]> covariates = CovariateReferenceData.covariates();
        org.loyaltymetrics.data.CustomerCovariates.Builder builder = org.loyaltymetrics.data.CustomerCovariates.builder(
                List.of("gender", "channel", "age_std"));
        covariates.forEach(builder::add);
        CovariateRows<SpendHistory> data = CovariateRows.join(builder.build(), spend,
                org.loyaltymetrics.data.CustomerCovariates.MissingCovariates.REFUSE);
        double p = 5.42207039409147;
        double q = 3.86439099908659;
        double gamma = 22.1668408154623;
        GammaGammaCovariateModel atClvTools = GammaGammaCovariateModel.of(p, q, gamma, data.names(), new double[3]);
        assertThat(atClvTools.logLikelihood(data)).isCloseTo(-9166.60323314366, within(9166.6 * 1e-9));
        double[][] predicted = {{508, 37.708127323436}, {3, 75.071315680899}, {1914, 37.7214390688669},
            {8, 87.826931132428}};
        for (double[] c : predicted) {
            long id = (long) c[0];
            assertThat(atClvTools.conditionalExpectedAverageSpend(covariates.get(id), spend.get(id)))
                    .as("customer %d", id).isCloseTo(c[1], within(c[1] * 1e-9));
        }
        assertThat(atClvTools.forCustomer(covariates.get(2L)).populationMeanSpend())
                .isCloseTo(41.9601134602025, within(41.96 * 1e-9));

        GammaGammaCovariateModel model = GammaGammaCovariateModel.fit(data);
        ModelFit fit = model.fitResult();
        Map<String, Double> se = fit.standardErrors();
        for (String name : data.names()) {
            assertThat(model.spendCoefficients().get(name)).as(name).isCloseTo(0.0, within(3 * se.get("spend." + name)));
        }
        assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(-9166.60323314366);
    }

    /**
     * The model's own simulation, for the customers and frequencies of the test's: seeded (the same seed,
     * the same spend), and a fit to it recovers the truth within 3 standard errors.
     */
    @Test
    void itsSimulationIsSeededAndAFitRecoversTheTruth() {
        double[] truth = {6.0, 4.0, 20.0, 0.3, -0.2};
        CovariateRows<SpendHistory> design = simulate(4000, 1.0, 1.0, 1.0, new double[2], 11L);
        List<Long> frequencies = new ArrayList<>();
        for (int i = 0; i < design.size(); i++) {
            frequencies.add(design.data(i).frequency());
        }
        GammaGammaCovariateModel model = GammaGammaCovariateModel.of(truth[0], truth[1], truth[2], NAMES,
                new double[] {truth[3], truth[4]});
        CovariateRows<SpendHistory> data = model.simulate(design.withData(frequencies), 7L);
        assertThat(model.simulate(design.withData(frequencies), 7L).data(17)).isEqualTo(data.data(17));
        assertThat(model.simulate(design.withData(frequencies), 8L).data(17)).isNotEqualTo(data.data(17));
        assertThat(data.data(5).frequency()).isEqualTo(frequencies.get(5));
        assertThat(data.covariates(5)).containsExactly(design.covariates(5));
        ModelFit fit = GammaGammaCovariateModel.fit(data).fitResult();
        Map<String, Double> se = fit.standardErrors();
        for (int k = 0; k < truth.length; k++) {
            String name = fit.parameterNames().get(k);
            assertThat(fit.estimates()[k]).as(name).isCloseTo(truth[k], within(3 * se.get(name)));
        }
        CovariateRows<Long> zero = design.withData(java.util.Collections.nCopies(design.size(), 0L));
        assertThatThrownBy(() -> model.simulate(zero, 1L)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("frequencies must be >= 1 in every row, was 0 for customer 1");
        CovariateRows<Long> other = CovariateRows.of(List.of("age", "channel"), new long[] {1}, List.of(2L),
                new double[][] {{0.5, 1.0}});
        assertThatThrownBy(() -> model.simulate(other, 1L)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("frequencies must be rows with the model's covariates [channel, age], was covariates "
                        + "[age, channel]");
    }

    /**
     * Coefficients are on the user's scale: with age in tenths (× 10) and channel coded 1/2 instead of 0/1
     * (+ 1), the fit has the same log-likelihood (to 1e-9 relative), the age coefficient divided by 10, the
     * channel coefficient unchanged and v₀ multiplied by exp(−γ_channel) (each to 1e-4 of its standard error),
     * and the same predictions.
     */
    @Test
    void coefficientsAreOnTheCovariatesScale() {
        CovariateRows<SpendHistory> data = simulate(2000, 6.0, 4.0, 20.0, new double[] {0.3, -0.2}, 31L);
        long[] ids = new long[data.size()];
        List<SpendHistory> spend = new ArrayList<>();
        double[][] z = new double[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            ids[i] = data.customerId(i);
            spend.add(data.data(i));
            z[i] = new double[] {data.covariate(i, 0) + 1.0, data.covariate(i, 1) * 10.0};
        }
        CovariateRows<SpendHistory> rescaled = CovariateRows.of(NAMES, ids, spend, z);
        ModelFit a = GammaGammaCovariateModel.fit(data).fitResult();
        ModelFit b = GammaGammaCovariateModel.fit(rescaled).fitResult();
        assertThat(b.logLikelihood()).isCloseTo(a.logLikelihood(), within(1e-9 * Math.abs(a.logLikelihood())));
        Map<String, Double> se = a.standardErrors();
        double channel = a.parameter("spend.channel");
        assertThat(b.parameter("spend.channel")).isCloseTo(channel, within(1e-4 * se.get("spend.channel")));
        assertThat(b.parameter("spend.age")).isCloseTo(a.parameter("spend.age") / 10,
                within(1e-4 * se.get("spend.age") / 10));
        assertThat(b.parameter("v")).isCloseTo(a.parameter("v") * Math.exp(-channel),
                within(1e-4 * se.get("v") * Math.exp(-channel)));
        assertThat(b.parameter("p")).isCloseTo(a.parameter("p"), within(1e-4 * se.get("p")));
        assertThat(b.standardErrors().get("spend.age")).isCloseTo(se.get("spend.age") / 10,
                within(1e-3 * se.get("spend.age") / 10));
    }
}
