package org.loyaltymetrics.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.churn.AftModel.Distribution;

/**
 * Properties of the accelerated-failure-time fit: data simulated from a known model are fitted back
 * within sampling error; scaling a covariate scales its coefficient inversely; the order of the rows
 * changes nothing; an integer case weight is the same as repeating the row.
 */
class AftProperties {

    /** (β₀, β₁, β₂, β₃) and σ of the simulations. */
    private static final double[] BETA = {3.0, 0.5, -0.3, 0.4};
    private static final double SIGMA = 0.7;

    /**
     * n customers with covariates (normal, normal, binary), log T = xᵀβ + σ W with W of the distribution
     * (drawn by inversion: log(−log U) for the extreme value, log(U/(1 − U)) for the logistic), censored
     * uniformly on (0, 60) (about a third of the customers with these parameters).
     */
    static SurvivalData simulate(long seed, int n, Distribution d) {
        Random random = new Random(seed);
        double[][] x = new double[3][n];
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[0][i] = random.nextGaussian();
            x[1][i] = random.nextGaussian();
            x[2][i] = random.nextBoolean() ? 1 : 0;
            double eta = BETA[0] + BETA[1] * x[0][i] + BETA[2] * x[1][i] + BETA[3] * x[2][i];
            double u = 1 - random.nextDouble();
            double w = switch (d) {
                case WEIBULL -> Math.log(-Math.log(u));
                case LOG_NORMAL -> random.nextGaussian();
                case LOG_LOGISTIC -> Math.log(u / (1 - u));
            };
            double life = Math.exp(eta + SIGMA * w);
            double censor = 60 * (1 - random.nextDouble());
            time[i] = Math.min(life, censor);
            event[i] = life <= censor;
        }
        return SurvivalData.of(time, event).withCovariate("x1", x[0]).withCovariate("x2", x[1])
                .withCovariate("group", x[2]);
    }

    @Test
    void simulatedDataAreFittedBackWithinSamplingError() {
        // each of β₀..β₃ and log σ within 4.5 standard errors (a false alarm about once in 150,000 per
        // parameter), for each distribution
        qt().withExamples(15).forAll(longs().all()).checkAssert(seed -> {
            for (Distribution d : Distribution.values()) {
                AftModel model = AftModel.fit(simulate(seed, 1000, d), d);
                double[] theta = model.parameters();
                double[][] v = model.fullCovariance();
                double[] truth = {BETA[0], BETA[1], BETA[2], BETA[3], Math.log(SIGMA)};
                for (int a = 0; a < truth.length; a++) {
                    assertThat(Math.abs(theta[a] - truth[a])).as(d + " " + model.parameterNames().get(a))
                            .isLessThan(4.5 * Math.sqrt(v[a][a]));
                }
                assertThat(model.converged()).isTrue();
            }
        });
    }

    @Test
    void standardErrorsAreTheSpreadOfTheEstimates() {
        // over 40 Weibull samples of 600, the mean squared standardised error of β₁ and log σ is near 1:
        // its expectation is 1 and its sampling SD √(2/40) = 0.22, so 0.45..1.75 fails about once in 10⁴
        double sumBeta = 0;
        double sumScale = 0;
        int samples = 40;
        for (int s = 0; s < samples; s++) {
            AftModel model = AftModel.fit(simulate(500 + s, 600, Distribution.WEIBULL), Distribution.WEIBULL);
            double[][] v = model.fullCovariance();
            double zb = (model.parameters()[1] - BETA[1]) / Math.sqrt(v[1][1]);
            double zs = (model.parameters()[4] - Math.log(SIGMA)) / Math.sqrt(v[4][4]);
            sumBeta += zb * zb;
            sumScale += zs * zs;
        }
        assertThat(sumBeta / samples).isBetween(0.45, 1.75);
        assertThat(sumScale / samples).isBetween(0.45, 1.75);
    }

    @Test
    void scalingACovariateScalesItsCoefficientInversely() {
        qt().withExamples(20).forAll(longs().all(), doubles().between(0.01, 100.0)).checkAssert((seed, c) -> {
            Distribution d = Distribution.values()[(int) Math.floorMod(seed, 3L)];
            SurvivalData data = simulate(seed, 300, d);
            double[] x1 = data.covariate("x1");
            double[] scaled = new double[x1.length];
            for (int i = 0; i < x1.length; i++) {
                scaled[i] = c * x1[i];
            }
            SurvivalData other = SurvivalData.of(data.stop, data.event).withCovariate("x1", scaled)
                    .withCovariate("x2", data.covariate("x2")).withCovariate("group", data.covariate("group"));
            AftModel a = AftModel.fit(data, d);
            AftModel b = AftModel.fit(other, d);
            assertThat(b.coefficient("x1") * c).isCloseTo(a.coefficient("x1"), within(1e-8 * Math.abs(a.coefficient("x1"))));
            assertThat(b.estimate("x1").standardError() * c)
                    .isCloseTo(a.estimate("x1").standardError(), within(1e-7 * a.estimate("x1").standardError()));
            assertThat(b.coefficient("x2")).isCloseTo(a.coefficient("x2"), within(1e-8));
            assertThat(b.scale()).isCloseTo(a.scale(), within(1e-9));
            assertThat(b.logLikelihood()).isCloseTo(a.logLikelihood(), within(1e-8));
        });
    }

    @Test
    void rowOrderChangesNothing() {
        qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            Distribution d = Distribution.values()[(int) Math.floorMod(seed, 3L)];
            SurvivalData data = simulate(seed, 300, d);
            int n = data.rows();
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Random random = new Random(seed);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double[] time = new double[n];
            boolean[] event = new boolean[n];
            double[][] x = new double[3][n];
            for (int i = 0; i < n; i++) {
                time[i] = data.stop[order[i]];
                event[i] = data.event[order[i]];
                for (int j = 0; j < 3; j++) {
                    x[j][i] = data.columns[j][order[i]];
                }
            }
            SurvivalData shuffled = SurvivalData.of(time, event).withCovariate("x1", x[0]).withCovariate("x2", x[1])
                    .withCovariate("group", x[2]);
            AftModel a = AftModel.fit(data, d);
            AftModel b = AftModel.fit(shuffled, d);
            double[] pa = a.parameters();
            double[] pb = b.parameters();
            for (int k = 0; k < pa.length; k++) {
                assertThat(pb[k]).isCloseTo(pa[k], within(1e-9 * Math.max(1.0, Math.abs(pa[k]))));
            }
            assertThat(b.logLikelihood()).isCloseTo(a.logLikelihood(), within(1e-8));
            assertThat(b.concordance()).isCloseTo(a.concordance(), within(1e-12));
        });
    }

    @Test
    void anIntegerWeightIsARepeatedRow() {
        qt().withExamples(10).forAll(longs().all()).checkAssert(seed -> {
            Distribution d = Distribution.values()[(int) Math.floorMod(seed, 3L)];
            SurvivalData data = simulate(seed, 200, d);
            int n = data.rows();
            double[] w = new double[n];
            int total = 0;
            Random random = new Random(seed);
            for (int i = 0; i < n; i++) {
                w[i] = 1 + random.nextInt(3);
                total += (int) w[i];
            }
            double[] time = new double[total];
            boolean[] event = new boolean[total];
            double[][] x = new double[3][total];
            for (int i = 0, r = 0; i < n; i++) {
                for (int k = 0; k < w[i]; k++, r++) {
                    time[r] = data.stop[i];
                    event[r] = data.event[i];
                    for (int j = 0; j < 3; j++) {
                        x[j][r] = data.columns[j][i];
                    }
                }
            }
            AftModel weighted = AftModel.fit(data.withWeights(w), d);
            AftModel repeated = AftModel.fit(SurvivalData.of(time, event).withCovariate("x1", x[0])
                    .withCovariate("x2", x[1]).withCovariate("group", x[2]), d);
            double[] pa = weighted.parameters();
            double[] pb = repeated.parameters();
            for (int k = 0; k < pa.length; k++) {
                assertThat(pa[k]).isCloseTo(pb[k], within(1e-9 * Math.max(1.0, Math.abs(pb[k]))));
            }
            assertThat(weighted.logLikelihood()).isCloseTo(repeated.logLikelihood(), within(1e-8));
            assertThat(weighted.fullCovariance()[1][1]).isCloseTo(repeated.fullCovariance()[1][1],
                    within(1e-8 * repeated.fullCovariance()[1][1]));
        });
    }
}
