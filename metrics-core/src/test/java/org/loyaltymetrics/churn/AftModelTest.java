package org.loyaltymetrics.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.loyaltymetrics.churn.Lung.r;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.churn.AftModel.Distribution;
import org.loyaltymetrics.internal.Distributions;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.model.ModelFitException;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.table.Table;

/**
 * The accelerated-failure-time models against R's survival 3.5-3 {@code survreg} on the NCCTG lung data
 * (values in src/test/resources/survival/lung-reference.csv, made by lung-reference.R there, R fits run
 * to {@code rel.tolerance = 1e-13}). Tolerances: coefficients, log(scale), standard errors (naive and
 * robust), Wald statistics, quantiles and survival probabilities 1e-10 relative (the issue asks 1e-6; the
 * worst differences seen are 2e-13 for coefficients, 3e-14 for standard errors, 7e-14 for predictions);
 * log-likelihoods 1e-9 absolute (seen: 5e-12); concordance 1e-12 absolute; mean lifetimes (R by numerical
 * integration of S(t), {@code integrate(rel.tol = 1e-12)}) 1e-10 relative (seen: 7e-14).
 */
class AftModelTest {

    private static final double REL = 1e-10;

    private static Offset<Double> rel(double expected) {
        return within(Math.abs(expected) * REL);
    }

    private static String rName(Distribution d) {
        return d.rName();
    }

    private static void assertFit(String prefix, AftModel model, boolean robust) {
        double[][] v = model.fullCovariance();
        double[][] naive = model.naiveCovariance();
        List<String> names = model.parameterNames();
        for (int a = 0; a < names.size(); a++) {
            String name = names.get(a);
            String key = name.startsWith("Log(scale) stratum ") ? "Log(scale).sex=" + name.substring(19) : name;
            double coef = r(prefix + ".coef." + key);
            double se = r(prefix + ".se." + key);
            assertThat(model.parameters()[a]).as(prefix + " coef " + name).isCloseTo(coef, rel(coef));
            assertThat(Math.sqrt(v[a][a])).as(prefix + " se " + name).isCloseTo(se, rel(se));
            assertThat(model.parameterEstimate(name).standardError()).isEqualTo(Math.sqrt(v[a][a]));
            if (robust) {
                double naiveSe = r(prefix + ".naivese." + key);
                assertThat(Math.sqrt(naive[a][a])).as(prefix + " naive se " + name).isCloseTo(naiveSe, rel(naiveSe));
            }
        }
        assertThat(model.logLikelihood()).as(prefix + " loglik").isCloseTo(r(prefix + ".loglik"), within(1e-9));
        assertThat(model.nullLogLikelihood()).as(prefix + " loglik0").isCloseTo(r(prefix + ".loglik0"), within(1e-9));
        assertThat(model.waldTest().statistic()).as(prefix + " wald").isCloseTo(r(prefix + ".wald"), rel(r(prefix + ".wald")));
        assertThat(model.likelihoodRatioTest().statistic())
                .isCloseTo(2 * (r(prefix + ".loglik") - r(prefix + ".loglik0")), within(1e-8));
        assertThat(model.concordance()).as(prefix + " concordance").isCloseTo(r(prefix + ".concordance"), within(1e-12));
        assertThat(model.converged()).isTrue();
        assertThat(model.unboundedParameters()).isEmpty();
    }

    private static List<double[]> withInstitution() {
        List<double[]> rows = new ArrayList<>();
        for (double[] row : Lung.complete(Lung.ECOG)) {
            if (!Double.isNaN(row[Lung.INST])) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static double[] weights(List<double[]> rows) {
        double[] w = new double[rows.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + (rows.get(i)[Lung.INST] % 3) / 2;
        }
        return w;
    }

    @Test
    void weibullMatchesTheIssuesReferenceValues() {
        AftModel model = AftModel.fit(CoxModelTest.lung(Lung.ROWS, Lung.AGE, Lung.SEX), Distribution.WEIBULL);
        // the issue's (R default control, rel.tolerance 1e-9) digits; R's default fit stops within 5e-11
        // relative of the tight fit, so 1e-9 relative here
        assertThat(model.intercept()).isCloseTo(6.2748530584188, within(6.2748530584188 * 1e-9));
        assertThat(model.coefficient("age")).isCloseTo(-0.0122570255889, within(0.0122570255889 * 1e-9));
        assertThat(model.coefficient("sex")).isCloseTo(0.3820851396589, within(0.3820851396589 * 1e-9));
        assertThat(model.scale()).isCloseTo(0.754050947641, within(0.754050947641 * 1e-9));
        assertThat(model.logLikelihood()).isCloseTo(-1147.05443143, within(1e-8));
        assertThat(model.shape()).isEqualTo(1 / model.scale());
        assertThat(model.distribution()).isEqualTo(Distribution.WEIBULL);
        assertThat(model.coefficients()).containsExactly(model.coefficient("age"), model.coefficient("sex"));
        assertThat(model.parameterNames()).containsExactly("(Intercept)", "age", "sex", "Log(scale)");
    }

    @ParameterizedTest
    @EnumSource(Distribution.class)
    void fitMatchesR(Distribution d) {
        assertFit("aft." + rName(d), AftModel.fit(CoxModelTest.lung(Lung.ROWS, Lung.AGE, Lung.SEX), d), false);
        assertFit("aftecog." + rName(d),
                AftModel.fit(CoxModelTest.lung(Lung.complete(Lung.ECOG), Lung.AGE, Lung.SEX, Lung.ECOG), d), false);
    }

    @ParameterizedTest
    @EnumSource(Distribution.class)
    void weightedFitMatchesR(Distribution d) {
        List<double[]> rows = withInstitution();
        AftModel model = AftModel.fit(CoxModelTest.lung(rows, Lung.AGE, Lung.SEX).withWeights(weights(rows)), d);
        assertFit("aftweighted." + rName(d), model, false);
    }

    @ParameterizedTest
    @EnumSource(Distribution.class)
    void predictionsMatchR(Distribution d) {
        AftModel model = AftModel.fit(CoxModelTest.lung(Lung.ROWS, Lung.AGE, Lung.SEX), d);
        for (double[] x : new double[][] {{60, 2}, {70, 1}}) {
            String key = "aft." + rName(d) + "." + (int) x[0] + "." + (int) x[1];
            for (String q : new String[] {"0.1", "0.5", "0.9"}) {
                double expected = r(key + ".quantile." + q);
                assertThat(model.quantile(Double.parseDouble(q), x)).as(key + " quantile " + q)
                        .isCloseTo(expected, rel(expected));
            }
            assertThat(model.medianLifetime(x)).isEqualTo(model.quantile(0.5, x));
            for (int t : new int[] {30, 365, 700}) {
                double expected = r(key + ".survival." + t);
                assertThat(model.survival(t, x)).as(key + " S(" + t + ")").isCloseTo(expected, rel(expected));
                assertThat(model.churnProbability(t, x)).isEqualTo(1 - model.survival(t, x));
            }
            double mean = r(key + ".mean");
            assertThat(model.meanLifetime(x)).as(key + " mean").isCloseTo(mean, within(mean * 1e-10));
            for (int t0 : new int[] {100, 365, 2000}) {
                double expected = r(key + ".remaining." + t0);
                assertThat(model.expectedRemainingLifetime(t0, x)).as(key + " remaining at " + t0)
                        .isCloseTo(expected, within(expected * 1e-10));
            }
            assertThat(model.expectedRemainingLifetime(0, x)).isEqualTo(model.meanLifetime(x));
            assertThat(model.survival(0, x)).isEqualTo(1.0);
            // the quantile is the inverse of the survival function
            assertThat(model.survival(model.quantile(0.3, x), x)).isCloseTo(0.7, within(1e-12));
        }
    }

    @Test
    void weibullProportionalHazardsFormMatchesR() {
        AftModel model = AftModel.fit(CoxModelTest.lung(Lung.ROWS, Lung.AGE, Lung.SEX), Distribution.WEIBULL);
        for (String v : new String[] {"age", "sex"}) {
            double coef = r("aft.weibull.ph.coef." + v);
            double se = r("aft.weibull.ph.se." + v);
            assertThat(model.hazardCoefficient(v).value()).isCloseTo(coef, rel(coef));
            assertThat(model.hazardCoefficient(v).standardError()).isCloseTo(se, rel(se));
            assertThat(model.hazardRatio(v)).isCloseTo(Math.exp(coef), rel(Math.exp(coef)));
            ConfidenceInterval ci = model.hazardRatioInterval(v, 0.95);
            double z = Distributions.normalCriticalValue(0.95);
            assertThat(ci.low()).isCloseTo(Math.exp(coef - z * se), rel(Math.exp(coef - z * se)));
            assertThat(ci.high()).isCloseTo(Math.exp(coef + z * se), rel(Math.exp(coef + z * se)));
        }
        // time ratio and its interval
        double b = r("aft.weibull.coef.sex");
        double se = r("aft.weibull.se.sex");
        assertThat(model.timeRatio("sex")).isCloseTo(Math.exp(b), rel(Math.exp(b)));
        ConfidenceInterval ci = model.timeRatioInterval("sex", 0.95);
        assertThat(ci.low()).isCloseTo(Math.exp(b - 1.959963984540054 * se), rel(Math.exp(b)));
        // the PH form: S(t | x) = exp(−t^k exp(−η k)) with k = 1/σ
        double k = model.shape();
        double eta = model.linearPredictor(60, 2);
        assertThat(model.survival(365, 60, 2)).isCloseTo(Math.exp(-Math.pow(365, k) * Math.exp(-eta * k)), within(1e-14));
        Table hr = model.hazardRatioTable();
        assertThat(hr.rowCount()).isEqualTo(2);
        assertThat(hr.title()).contains("shape 1.326170");
        assertThat(hr.cell(1, 0)).isEqualTo("sex");
        assertThat(hr.cell(1, 1)).isEqualTo("-0.506710");
        assertThat(hr.cell(1, 3)).isEqualTo("0.167066");
        AftModel logNormal = AftModel.fit(CoxModelTest.lung(Lung.ROWS, Lung.AGE, Lung.SEX), Distribution.LOG_NORMAL);
        assertThatThrownBy(logNormal::hazardRatioTable).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> logNormal.hazardRatio("age")).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(logNormal::shape).isInstanceOf(UndefinedResultException.class);
    }

    @Test
    void clusteredFitHasRsRobustCovariance() {
        List<double[]> rows = withInstitution();
        long[] ids = new long[rows.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (long) rows.get(i)[Lung.INST];
        }
        AftModel model = AftModel.fit(CoxModelTest.lung(rows, Lung.AGE, Lung.SEX).withClusters(ids), Distribution.WEIBULL);
        assertFit("aftcluster.weibull", model, true);
        assertThat(model.toTable().headers()).contains("robust se");
        AftModel weighted = AftModel.fit(CoxModelTest.lung(rows, Lung.AGE, Lung.SEX).withClusters(ids)
                .withWeights(weights(rows)), Distribution.WEIBULL);
        // with weights, the robust variance sums the weighted scores per cluster (as coxph, and R's
        // crossprod(rowsum(residuals(fit, "dfbeta", weighted = TRUE), inst))); survreg's own vcov sums the
        // unweighted dfbeta residuals, a smaller figure (aftclusterweighted.weibull.survregse.* in the CSV)
        double[][] v = weighted.fullCovariance();
        for (int a = 0; a < 4; a++) {
            String name = weighted.parameterNames().get(a);
            double coef = r("aftweighted.weibull.coef." + name);
            double naive = r("aftweighted.weibull.se." + name);
            assertThat(weighted.parameters()[a]).isCloseTo(coef, rel(coef));
            assertThat(Math.sqrt(weighted.naiveCovariance()[a][a])).isCloseTo(naive, rel(naive));
            double expected = r("aftclusterweighted.weibull.robustse." + name);
            assertThat(Math.sqrt(v[a][a])).as("robust se " + name).isCloseTo(expected, rel(expected));
            assertThat(Math.sqrt(v[a][a])).isGreaterThan(r("aftclusterweighted.weibull.survregse." + name));
        }
    }

    @Test
    void strataHaveAScaleEachAsR() {
        List<double[]> rows = Lung.complete(Lung.ECOG);
        int[] sex = new int[rows.size()];
        for (int i = 0; i < sex.length; i++) {
            sex[i] = (int) rows.get(i)[Lung.SEX];
        }
        AftModel model = AftModel.fit(CoxModelTest.lung(rows, Lung.AGE, Lung.ECOG).withStrata(sex), Distribution.WEIBULL);
        assertFit("aftstrata.weibull", model, false);
        assertThat(model.strata()).containsExactly(1, 2);
        for (int s = 1; s <= 2; s++) {
            double expected = r("aftstrata.weibull.60.1." + s + ".survival.365");
            assertThat(model.survivalInStratum(s, 365, 60, 1)).isCloseTo(expected, rel(expected));
            assertThat(model.scale(s)).isCloseTo(Math.exp(r("aftstrata.weibull.coef.Log(scale).sex=" + s)), rel(1));
        }
        assertThatThrownBy(() -> model.survival(365, 60, 1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("stratum");
        assertThatThrownBy(model::scale).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> model.survivalInStratum(3, 365, 60, 1)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void interceptOnlyModelIsItsOwnNull() {
        boolean[] events = Lung.events(Lung.ROWS);
        AftModel model = AftModel.fit(SurvivalData.of(Lung.column(Lung.ROWS, Lung.TIME), events), Distribution.WEIBULL);
        assertThat(model.logLikelihood()).isCloseTo(r("aft.weibull.loglik0"), within(1e-8));
        assertThat(model.nullLogLikelihood()).isEqualTo(model.logLikelihood());
        assertThatThrownBy(model::likelihoodRatioTest).isInstanceOf(UndefinedResultException.class);
        assertThat(model.riskScore()).isEqualTo(-0.0);
        assertThatThrownBy(model::waldTest).isInstanceOf(UndefinedResultException.class);
    }

    @Test
    void millsRatioAgreesWithTheNormalTail() {
        // the continued fraction (used beyond z = 8) against erfc at the switch point and a little above
        for (double z : new double[] {8, 9, 12, 20}) {
            double direct = Distributions.normalUpperTail(z) / Distributions.normalDensity(z);
            assertThat(AftModel.millsRatio(z)).isCloseTo(direct, within(direct * 1e-13));
        }
    }

    /**
     * ∫ₜ^∞ S(u) du / S(t) by Simpson's rule on y = log u over [log t, log t + 40σ/r] (200,000 panels),
     * r = max(1, e^z₀) (extreme value) or max(1, z₀) (normal) the rate at which log S falls per unit of z at
     * t, so that the range spans about 40 decay lengths; the integrand S(e^y)/S(t) e^y from the closed forms
     * of log S: −e^z (extreme value), log Q(z) (normal).
     */
    private static double remainingByQuadrature(Distribution d, double eta, double sigma, double t) {
        double y0 = Math.log(t);
        double z0 = (y0 - eta) / sigma;
        double rate = Math.max(1, d == Distribution.WEIBULL ? Math.exp(z0) : z0);
        double h = 40 * sigma / rate / 200_000;
        double logS0 = logSurvival(d, (y0 - eta) / sigma);
        double sum = 0;
        for (int i = 0; i <= 200_000; i++) {
            double y = y0 + i * h;
            double f = Math.exp(logSurvival(d, (y - eta) / sigma) - logS0 + y);
            sum += f * (i == 0 || i == 200_000 ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    private static double logSurvival(Distribution d, double z) {
        return d == Distribution.WEIBULL ? -Math.exp(z)
                : Math.log(AftModel.millsRatio(z)) - 0.5 * z * z - 0.5 * Math.log(2 * Math.PI);
    }

    @Test
    void remainingLifetimeFarInTheTailMatchesQuadrature() {
        // the asymptotic branches: Weibull beyond e^z = 500 (here e^z ≈ 1100), log-normal with z − σ > 8
        // (here z ≈ 12), against the quadrature above, 1e-8 relative (Simpson's error is far below)
        SurvivalData lung = CoxModelTest.lung(Lung.ROWS, Lung.AGE, Lung.SEX);
        AftModel weibull = AftModel.fit(lung, Distribution.WEIBULL);
        double eta = weibull.linearPredictor(60, 2);
        double t = Math.exp(eta + weibull.scale() * Math.log(1100));
        double expected = remainingByQuadrature(Distribution.WEIBULL, eta, weibull.scale(), t);
        assertThat(weibull.expectedRemainingLifetime(t, 60, 2)).isCloseTo(expected, within(expected * 1e-8));
        // and just inside the incomplete-gamma branch (e^z ≈ 400)
        double t4 = Math.exp(eta + weibull.scale() * Math.log(400));
        double e4 = remainingByQuadrature(Distribution.WEIBULL, eta, weibull.scale(), t4);
        assertThat(weibull.expectedRemainingLifetime(t4, 60, 2)).isCloseTo(e4, within(e4 * 1e-8));
        AftModel logNormal = AftModel.fit(lung, Distribution.LOG_NORMAL);
        double etaN = logNormal.linearPredictor(60, 2);
        double tN = Math.exp(etaN + logNormal.scale() * 12);
        double eN = remainingByQuadrature(Distribution.LOG_NORMAL, etaN, logNormal.scale(), tN);
        assertThat(logNormal.expectedRemainingLifetime(tN, 60, 2)).isCloseTo(eN, within(eN * 1e-8));
        double t6 = Math.exp(etaN + logNormal.scale() * 6);
        double e6 = remainingByQuadrature(Distribution.LOG_NORMAL, etaN, logNormal.scale(), t6);
        assertThat(logNormal.expectedRemainingLifetime(t6, 60, 2)).isCloseTo(e6, within(e6 * 1e-8));
    }

    @Test
    void normalTailIsFiniteFarOut() {
        // erfc's continued fraction does not converge for |z| beyond about 1e8; the tails go by Mills' ratio:
        // Q(40) = φ(40) R(40) with R(40) = 1/(40 + 1/(40 + ...)) ≈ 0.0249844 (A&S 26.2.12: R ≈ 1/z − 1/z³ + 3/z⁵)
        double z = 40;
        double asymptotic = Distributions.normalDensity(z) * (1 / z - 1 / (z * z * z) + 3 / Math.pow(z, 5) - 15 / Math.pow(z, 7));
        assertThat(AftModel.normalUpperTail(z)).isCloseTo(asymptotic, within(asymptotic * 1e-9));
        assertThat(AftModel.normalUpperTail(-1e9)).isEqualTo(1.0);
        assertThat(AftModel.normalUpperTail(1e9)).isEqualTo(0.0);
        assertThat(AftModel.normalUpperTail(-8.5)).isCloseTo(1 - Distributions.normalUpperTail(8.5), within(1e-16));
    }

    @Test
    void tableAndTextNameTheParameters() {
        AftModel model = AftModel.fit(CoxModelTest.lung(Lung.ROWS, Lung.AGE, Lung.SEX), Distribution.WEIBULL);
        Table table = model.toTable();
        assertThat(table.rowCount()).isEqualTo(4);
        assertThat(table.headers()).containsExactly("parameter", "coef", "exp(coef)", "se(coef)", "z", "p", "lower 95%",
                "upper 95%");
        assertThat(model.toString()).startsWith("AftModel (weibull): 228 rows, 165 events, (Intercept) 6.274853, "
                + "age -0.012257, sex 0.382085, scale 0.754051, log-likelihood -1147.0544 (intercept only -1153.8512)")
                .doesNotContain("\n");
    }

    @Test
    void riskScoreIsMinusTheCovariateEffect() {
        AftModel model = AftModel.fit(CoxModelTest.lung(Lung.ROWS, Lung.AGE, Lung.SEX), Distribution.LOG_LOGISTIC);
        double[] b = model.coefficients();
        assertThat(model.riskScore(60, 2)).isEqualTo(-(b[0] * 60 + b[1] * 2));
        assertThat(model.linearPredictor(60, 2)).isCloseTo(model.intercept() + b[0] * 60 + b[1] * 2, within(1e-14));
        // a higher score, a shorter median
        assertThat(model.riskScore(70, 1)).isGreaterThan(model.riskScore(60, 2));
        assertThat(model.medianLifetime(70, 1)).isLessThan(model.medianLifetime(60, 2));
    }

    @Test
    void badInputIsRefused() {
        SurvivalData lung = CoxModelTest.lung(Lung.ROWS, Lung.AGE, Lung.SEX);
        AftModel model = AftModel.fit(lung, Distribution.WEIBULL);
        assertThatThrownBy(() -> model.survival(-1, 60, 2)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> model.survival(1, 60)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("x");
        assertThatThrownBy(() -> model.survival(1, 60, Double.NaN)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> model.quantile(1.0, 60, 2)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("p");
        assertThatThrownBy(() -> model.estimate("weight")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> model.estimate("Log(scale)")).isInstanceOf(InvalidArgumentException.class);
        assertThat(model.parameterEstimate("Log(scale)").value()).isCloseTo(r("aft.weibull.coef.Log(scale)"),
                rel(r("aft.weibull.coef.Log(scale)")));
        assertThatThrownBy(() -> AftModel.fit(SurvivalData.of(new double[] {0, 2}, new boolean[] {true, true}),
                Distribution.WEIBULL)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("> 0");
        assertThatThrownBy(() -> AftModel.fit(SurvivalData.of(new double[0], new boolean[0]), Distribution.WEIBULL))
                .isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> AftModel.fit(SurvivalData.of(new double[] {1, 2}, new boolean[] {false, false}),
                Distribution.LOG_NORMAL)).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> AftModel.fit(SurvivalData.ofIntervals(new double[] {0}, new double[] {1},
                new boolean[] {true}), Distribution.WEIBULL)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> AftModel.fit(lung.withCovariate("one", constant(lung.rows())), Distribution.WEIBULL))
                .isInstanceOf(ModelFitException.class).hasMessageContaining("constant");
    }

    private static double[] constant(int n) {
        double[] c = new double[n];
        java.util.Arrays.fill(c, 1.0);
        return c;
    }

    @Test
    void meanOfLogLogisticWithScaleAboveOneIsInfinite() {
        // lifetimes whose logs spread widely: the log-logistic scale is above 1
        double[] t = new double[60];
        boolean[] e = new boolean[60];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < t.length; i++) {
            double u = random.nextDouble();
            t[i] = Math.exp(2.0 * Math.log(u / (1 - u)));
            e[i] = true;
        }
        AftModel model = AftModel.fit(SurvivalData.of(t, e), Distribution.LOG_LOGISTIC);
        assertThat(model.scale()).isGreaterThan(1.0);
        assertThatThrownBy(model::meanLifetime).isInstanceOf(UndefinedResultException.class)
                .hasMessageContaining("infinite");
        assertThatThrownBy(() -> model.expectedRemainingLifetime(1.0)).isInstanceOf(UndefinedResultException.class)
                .hasMessageContaining("infinite");
    }

    @Test
    void tooFewIterationsAreReportedOrFlagged() {
        SurvivalData lung = CoxModelTest.lung(Lung.ROWS, Lung.AGE, Lung.SEX);
        FitOptions one = FitOptions.defaults().withMaxIterations(1);
        assertThatThrownBy(() -> AftModel.fit(lung, Distribution.LOG_NORMAL, one)).isInstanceOf(ModelFitException.class)
                .hasMessageContaining("did not converge").satisfies(ex -> assertThat(((ModelFitException) ex).remedies())
                        .contains(ModelFitException.Remedy.MORE_ITERATIONS));
        AftModel loose = AftModel.fit(lung, Distribution.LOG_NORMAL, one.allowingNonConvergence());
        assertThat(loose.converged()).isFalse();
        assertThat(loose.unboundedParameters()).isEmpty();
        assertThat(loose.iterations()).isEqualTo(1);
        assertThat(loose.toString()).contains("NOT CONVERGED");
        // enough iterations: the same fit as the default
        AftModel full = AftModel.fit(lung, Distribution.LOG_NORMAL, FitOptions.defaults().withMaxIterations(50));
        assertThat(full.converged()).isTrue();
        assertThat(full.iterations()).isLessThan(50);
    }

    @Test
    void aPenalizerShrinksTheCoefficients() {
        SurvivalData lung = CoxModelTest.lung(Lung.ROWS, Lung.AGE, Lung.SEX);
        AftModel plain = AftModel.fit(lung, Distribution.WEIBULL);
        AftModel ridge = AftModel.fit(lung, Distribution.WEIBULL, FitOptions.defaults().withPenalizer(0.01));
        assertThat(Math.abs(ridge.coefficient("age"))).isLessThan(Math.abs(plain.coefficient("age")));
        assertThat(Math.abs(ridge.coefficient("sex"))).isLessThan(Math.abs(plain.coefficient("sex")));
        // the penalised maximum has a lower (unpenalised) likelihood than the maximum
        assertThat(ridge.logLikelihood()).isLessThan(plain.logLikelihood());
        assertThat(AftModel.fit(lung, Distribution.WEIBULL, FitOptions.defaults().withPenalizer(0.0)).parameters())
                .containsExactly(plain.parameters());
    }

    @Test
    void aSeparatingCovariateIsReportedNotCalledConverged() {
        // nobody in group 1 churns: its time ratio runs off to infinity
        int n = 200;
        double[] t = new double[n];
        boolean[] e = new boolean[n];
        double[] group = new double[n];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            group[i] = i % 2;
            t[i] = 1 + 10 * random.nextDouble();
            e[i] = group[i] == 0 && random.nextDouble() < 0.7;
        }
        SurvivalData data = SurvivalData.of(t, e).withCovariate("group", group);
        assertThatThrownBy(() -> AftModel.fit(data, Distribution.WEIBULL)).isInstanceOf(ModelFitException.class)
                .hasMessageContaining("group").satisfies(ex -> assertThat(((ModelFitException) ex).remedies())
                        .contains(ModelFitException.Remedy.PENALIZER));
        AftModel loose = AftModel.fit(data, Distribution.WEIBULL, FitOptions.defaults().allowingNonConvergence());
        assertThat(loose.converged()).isFalse();
        assertThat(loose.unboundedParameters()).containsExactly("group");
        assertThat(loose.toString()).contains("NOT CONVERGED");
        AftModel ridge = AftModel.fit(data, Distribution.WEIBULL, FitOptions.defaults().withPenalizer(0.01));
        assertThat(ridge.converged()).isTrue();
        assertThat(ridge.coefficient("group")).isPositive().isFinite();
    }
}
