package org.loyaltymetrics.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.churn.CoxModel.Ties;
import org.loyaltymetrics.stats.ChiSquareTest;

/**
 * Properties of the Cox fit: data simulated from a known model are fitted back within sampling error;
 * scaling a covariate scales its coefficient inversely; the order of the rows changes nothing; splitting
 * customers' lifetimes into counting-process rows changes nothing.
 */
class CoxProperties {

    private static final double[] BETA = {0.5, -0.8, 0.3};

    /**
     * n customers with covariates (normal, normal, binary), exponential lifetimes with rate
     * 0.1 exp(xᵀβ), censored uniformly on (0, 30), durations rounded up to whole units when
     * {@code ties} (heavy ties).
     */
    static SurvivalData simulate(long seed, int n, boolean ties) {
        Random random = new Random(seed);
        double[][] x = new double[3][n];
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[0][i] = random.nextGaussian();
            x[1][i] = random.nextGaussian();
            x[2][i] = random.nextBoolean() ? 1 : 0;
            double eta = BETA[0] * x[0][i] + BETA[1] * x[1][i] + BETA[2] * x[2][i];
            double life = -Math.log(1 - random.nextDouble()) / (0.1 * Math.exp(eta));
            double censor = 30 * random.nextDouble();
            double t = Math.min(life, censor);
            time[i] = ties ? Math.ceil(t) : t;
            event[i] = life <= censor;
        }
        return SurvivalData.of(time, event).withCovariate("x1", x[0]).withCovariate("x2", x[1])
                .withCovariate("group", x[2]);
    }

    @Test
    void simulatedDataAreFittedBackWithinSamplingError() {
        // each coefficient within 4.5 standard errors (a false alarm about once in 100,000 per coefficient);
        // the Wald test of the true coefficients is chi-square on 3 df: below 25 (p = 1.6e-5)
        // Breslow's approximation is biased toward 0 where many churn times tie (Hertz-Picciotto & Rockhill
        // 1997, Biometrics 53): with whole-unit durations it was once 5.1 SE off (seed 200), so it is checked
        // on untied data only; Efron's is checked on both
        qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            boolean tied = seed % 2 == 0;
            for (Ties ties : Ties.values()) {
                if (tied && ties == Ties.BRESLOW) {
                    continue;
                }
                CoxModel model = CoxModel.fit(simulate(seed, 1500, tied), ties);
                double[] b = model.coefficients();
                double[][] v = model.covariance();
                for (int j = 0; j < 3; j++) {
                    assertThat(Math.abs(b[j] - BETA[j])).isLessThan(4.5 * Math.sqrt(v[j][j]));
                }
                assertThat(model.converged()).isTrue();
            }
        });
    }

    @Test
    void fitOnContinuousTimesGivesAProperWaldStatisticAroundTheTruth() {
        // the mean of the Wald statistic of the true coefficients over 30 samples is near its df, 3
        double sum = 0;
        int samples = 30;
        for (int s = 0; s < samples; s++) {
            CoxModel model = CoxModel.fit(simulate(1000 + s, 800, false));
            double[] d = new double[3];
            for (int j = 0; j < 3; j++) {
                d[j] = model.coefficients()[j] - BETA[j];
            }
            double[][] inv = org.loyaltymetrics.internal.optim.Matrices.inverse(model.covariance());
            double w = 0;
            for (int a = 0; a < 3; a++) {
                for (int c = 0; c < 3; c++) {
                    w += d[a] * inv[a][c] * d[c];
                }
            }
            sum += w;
        }
        // the mean of 30 chi-square(3) has SD sqrt(6/30) = 0.45: 3 +- 1.6 is 3.5 SD
        assertThat(sum / samples).isBetween(1.4, 4.6);
        assertThat(new ChiSquareTest("w", sum, 3 * samples).pValue()).isGreaterThan(1e-4);
    }

    @Test
    void scalingACovariateScalesItsCoefficientInversely() {
        qt().withExamples(30).forAll(longs().all(), doubles().between(0.01, 100)).checkAssert((seed, scale) -> {
            SurvivalData data = simulate(seed, 300, true);
            CoxModel model = CoxModel.fit(data);
            double[] x1 = data.covariate("x1");
            for (int i = 0; i < x1.length; i++) {
                x1[i] *= scale;
            }
            SurvivalData scaled = SurvivalData.of(time(data), data.event).withCovariate("x1", x1)
                    .withCovariate("x2", data.covariate("x2")).withCovariate("group", data.covariate("group"));
            CoxModel refit = CoxModel.fit(scaled);
            assertThat(refit.coefficient("x1") * scale).isCloseTo(model.coefficient("x1"),
                    within(1e-8 * Math.abs(model.coefficient("x1")) + 1e-12));
            assertThat(refit.coefficient("x2")).isCloseTo(model.coefficient("x2"), within(1e-8));
            assertThat(refit.estimate("x1").standardError() * scale).isCloseTo(model.estimate("x1").standardError(),
                    within(1e-8 * model.estimate("x1").standardError()));
            assertThat(refit.logLikelihood()).isCloseTo(model.logLikelihood(), within(1e-8));
        });
    }

    private static double[] time(SurvivalData data) {
        return data.stop.clone();
    }

    @Test
    void reorderingRowsChangesNothing() {
        qt().withExamples(30).forAll(longs().all()).checkAssert(seed -> {
            SurvivalData data = simulate(seed, 200, seed % 3 == 0);
            int n = data.rows();
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            Random random = new Random(seed ^ 0x5DEECE66DL);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            double[] time = new double[n];
            boolean[] event = new boolean[n];
            double[][] x = new double[3][n];
            for (int i = 0; i < n; i++) {
                time[i] = data.stop[perm[i]];
                event[i] = data.event[perm[i]];
                for (int j = 0; j < 3; j++) {
                    x[j][i] = data.columns[j][perm[i]];
                }
            }
            SurvivalData shuffled = SurvivalData.of(time, event).withCovariate("x1", x[0]).withCovariate("x2", x[1])
                    .withCovariate("group", x[2]);
            for (Ties ties : Ties.values()) {
                CoxModel a = CoxModel.fit(data, ties);
                CoxModel b = CoxModel.fit(shuffled, ties);
                for (int j = 0; j < 3; j++) {
                    assertThat(b.coefficients()[j]).isCloseTo(a.coefficients()[j], within(1e-10));
                    assertThat(b.robustCovariance()[j][j]).isCloseTo(a.robustCovariance()[j][j],
                            within(1e-10 * a.robustCovariance()[j][j]));
                }
                assertThat(b.logLikelihood()).isCloseTo(a.logLikelihood(), within(1e-9));
                assertThat(b.concordance()).isEqualTo(a.concordance());
                assertThat(b.proportionalHazardsTest().global().statistic())
                        .isCloseTo(a.proportionalHazardsTest().global().statistic(), within(1e-8));
            }
        });
    }

    @Test
    void splittingLifetimesIntoCountingProcessRowsChangesNothing() {
        qt().withExamples(20).forAll(longs().all(), doubles().between(0.5, 20)).checkAssert((seed, cut) -> {
            SurvivalData data = simulate(seed, 150, true);
            SurvivalData.Builder builder = SurvivalData.builder("x1", "x2", "group");
            for (int i = 0; i < data.rows(); i++) {
                double[] x = {data.columns[0][i], data.columns[1][i], data.columns[2][i]};
                double t = data.stop[i];
                if (t > cut) {
                    builder.add(0, cut, false, 1, 0, i + 1, x);
                    builder.add(cut, t, data.event[i], 1, 0, i + 1, x);
                } else {
                    builder.add(0, t, data.event[i], 1, 0, i + 1, x);
                }
            }
            CoxModel whole = CoxModel.fit(data.withClusters(ids(data.rows())));
            CoxModel split = CoxModel.fit(builder.build());
            for (int j = 0; j < 3; j++) {
                assertThat(split.coefficients()[j]).isCloseTo(whole.coefficients()[j], within(1e-9));
                assertThat(split.covariance()[j][j]).isCloseTo(whole.covariance()[j][j],
                        within(1e-8 * whole.covariance()[j][j]));
            }
            assertThat(split.logLikelihood()).isCloseTo(whole.logLikelihood(), within(1e-8));
            assertThat(split.concordance()).isCloseTo(whole.concordance(), within(1e-12));
        });
    }

    private static long[] ids(int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i + 1;
        }
        return ids;
    }
}
