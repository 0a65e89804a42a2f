package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.CohortSurvivors;
import org.loyaltymetrics.table.Table;

/**
 * The BdW model against 40-digit mpmath fits of both segments of Fader &amp; Hardie (2007) (see
 * {@link CohortReference}), against the sBG at c = 1, and against the mixture integral computed
 * independently here by tanh-sinh quadrature.
 *
 * <p>The published BdW estimates of Fader, Hardie, Liu, Davin &amp; Steenburgh (2018) could not be obtained
 * for this work (the paper's tables were not available to us), so the reference is the mpmath fit of the
 * model's definition; the sBG fits of the same script reproduce the 2007 paper's published estimates
 * (regular α = 0.704, β = 1.182; high end α = 0.668, β = 3.806) to every digit, and the polarization
 * indices of the five-year fits match those quoted from the 2018 paper by a public notebook.
 */
class BetaDiscreteWeibullModelTest {

    private static final BetaDiscreteWeibullModel RISING = BetaDiscreteWeibullModel.of(0.4556, 0.7793, 1.2835);

    @Test
    void fitsBothSegmentsAsMpmath() {
        // tolerances: estimates 1e-7 relative (measured <= 4e-9), log-likelihood 1e-8 (measured 1e-12),
        // standard errors 1e-6 relative (measured <= 7e-8: central differences of the analytic gradient)
        for (String segment : new String[] {"regular", "highend"}) {
            for (int years : new int[] {7, 4}) {
                CohortSurvivors data = segment.equals("regular") ? CohortReference.regular(years)
                        : CohortReference.highEnd(years);
                BetaDiscreteWeibullModel model = BetaDiscreteWeibullModel.fit(data);
                String prefix = "bdw_" + segment + "_" + years + "_";
                String as = segment + " years 0.." + years;
                assertThat(model.gamma()).as(as).isCloseTo(CohortReference.value(prefix + "gamma"), withinPercentage(1e-5));
                assertThat(model.delta()).as(as).isCloseTo(CohortReference.value(prefix + "delta"), withinPercentage(1e-5));
                assertThat(model.c()).as(as).isCloseTo(CohortReference.value(prefix + "c"), withinPercentage(1e-5));
                assertThat(model.fitResult().logLikelihood()).as(as).isCloseTo(CohortReference.value(prefix + "ll"),
                        within(1e-8));
                assertThat(model.logLikelihood(data)).isEqualTo(model.fitResult().logLikelihood());
                for (String parameter : BetaDiscreteWeibullModel.PARAMETERS) {
                    assertThat(model.fitResult().standardErrors().get(parameter)).as(as + " SE " + parameter)
                            .isCloseTo(CohortReference.value(prefix + "se_" + parameter), withinPercentage(1e-4));
                }
                // duration dependence: in both segments the individual churn probability rises with tenure
                assertThat(model.c()).as(as).isGreaterThan(1.0);
            }
        }
    }

    @Test
    void theFiveYearCalibrationOfTheHighEndSegmentShowsMoreHeterogeneityWithDurationDependence() {
        // The polarization index φ = 1/(γ + δ + 1) of the fits to years 0..4 of the high-end segment, as quoted by
        // a public notebook that reproduces the 2018 paper (github.com/abdullahau/customer-analytics, BdW-Model):
        // φ_BG = 0.099, φ_BdW = 0.335. The BdW needs more heterogeneity, with c > 1, to match the rising
        // retention rates.
        ShiftedBetaGeometricModel sbg = ShiftedBetaGeometricModel.fit(CohortReference.highEnd(4));
        BetaDiscreteWeibullModel bdw = BetaDiscreteWeibullModel.fit(CohortReference.highEnd(4));
        assertThat(1.0 / (sbg.alpha() + sbg.beta() + 1.0)).isCloseTo(0.099, within(0.0005));
        assertThat(1.0 / (bdw.gamma() + bdw.delta() + 1.0)).isCloseTo(0.335, within(0.0005));
    }

    @Test
    void durationDependenceIsSignificantForTheHighEndSegmentOnly() {
        // LR = 2 (LL_BdW − LL_sBG), chi-square with 1 df (c = 1 inside the range of c): from the mpmath values
        // regular 2 (−1679.6028329 + 1680.2651885) = 1.3247, p = 0.2497; high end 2 (−1605.3142132 + 1611.1581474)
        // = 11.6879, p = 0.00063
        LikelihoodRatioTest regular = LikelihoodRatioTest.of(ShiftedBetaGeometricModel.fit(CohortReference.regular(7))
                .fitResult(), BetaDiscreteWeibullModel.fit(CohortReference.regular(7)).fitResult(), 1);
        LikelihoodRatioTest highEnd = LikelihoodRatioTest.of(ShiftedBetaGeometricModel.fit(CohortReference.highEnd(7))
                .fitResult(), BetaDiscreteWeibullModel.fit(CohortReference.highEnd(7)).fitResult(), 1);
        assertThat(regular.statistic()).isCloseTo(2 * (-1679.6028329071783 + 1680.265188463287), within(1e-6));
        assertThat(highEnd.statistic()).isCloseTo(2 * (-1605.3142132141932 + 1611.1581473911564), within(1e-6));
        assertThat(regular.isSignificant(0.05)).isFalse();
        assertThat(highEnd.isSignificant(0.01)).isTrue();
    }

    @Test
    void atCOneItIsTheShiftedBetaGeometricModel() {
        double[][] parameters = {{0.704, 1.182}, {0.668, 3.806}, {3.5, 0.2}, {25.0, 40.0}};
        for (double[] p : parameters) {
            ShiftedBetaGeometricModel sbg = ShiftedBetaGeometricModel.of(p[0], p[1]);
            BetaDiscreteWeibullModel bdw = BetaDiscreteWeibullModel.of(p[0], p[1], 1.0);
            for (int t = 0; t <= 60; t++) {
                assertThat(bdw.survival(t)).isCloseTo(sbg.survival(t), withinPercentage(1e-11));
                if (t > 0) {
                    assertThat(bdw.churnProbability(t)).isCloseTo(sbg.churnProbability(t), withinPercentage(1e-10));
                    assertThat(bdw.retentionRate(t)).isCloseTo(sbg.retentionRate(t), withinPercentage(1e-11));
                }
            }
            // the DERL series against the sBG's closed form 2F1 (Fader & Hardie 2010, eq. 6): 1e-12 relative
            for (long renewals : new long[] {0, 1, 4, 30}) {
                for (double rate : new double[] {0.01, 0.1, 1.0}) {
                    assertThat(bdw.discountedExpectedResidualLifetime(renewals, rate)).as("%s renewals at %s", renewals, rate)
                            .isCloseTo(sbg.discountedExpectedResidualLifetime(renewals, rate), withinPercentage(1e-10));
                }
            }
            assertThat(bdw.discountedExpectedLifetime(0.1)).isCloseTo(sbg.discountedExpectedLifetime(0.1),
                    withinPercentage(1e-10));
            CohortSurvivors regular = CohortReference.regular(12);
            assertThat(bdw.logLikelihood(regular)).isCloseTo(sbg.logLikelihood(regular), withinPercentage(1e-11));
        }
        // and the fits agree: the sBG fit's alpha, beta with c = 1 is where the BdW gradient in gamma, delta is 0
        ShiftedBetaGeometricModel sbg = ShiftedBetaGeometricModel.fit(CohortReference.regular(7));
        double[] gradient = new double[3];
        BetaDiscreteWeibullModel.logLikelihood(sbg.alpha(), sbg.beta(), 1.0, CohortReference.REGULAR_7, gradient, 0);
        assertThat(gradient[0]).isCloseTo(0.0, within(1e-4));
        assertThat(gradient[1]).isCloseTo(0.0, within(1e-4));
    }

    @Test
    void survivalIsTheBetaMixtureOfDiscreteWeibullsIntegratedIndependently() {
        // S(t) = ∫ (1 − θ)^(t^c) θ^(γ−1) (1 − θ)^(δ−1) dθ / B(γ, δ); with θ = u^(1/γ), θ^(γ−1) dθ = du/γ:
        // S(t) = I(δ − 1 + t^c)/I(δ − 1), I(e) = ∫₀¹ (1 − u^(1/γ))^e du, by tanh-sinh quadrature (which copes with
        // the endpoint singularity of (1 − u)^e for e > −1), to about 1e-12.
        double[][] parameters = {{0.4556, 0.7793, 1.2835}, {0.2143, 1.4266, 1.7236}, {2.0, 5.0, 0.5}, {1.3, 0.6, 3.0}};
        for (double[] p : parameters) {
            BetaDiscreteWeibullModel model = BetaDiscreteWeibullModel.of(p[0], p[1], p[2]);
            double norm = integral(p[0], p[1] - 1.0);
            for (int t = 1; t <= 12; t++) {
                double expected = integral(p[0], p[1] - 1.0 + Math.pow(t, p[2])) / norm;
                assertThat(model.survival(t)).as("S(%d) at %s, %s, %s", t, p[0], p[1], p[2])
                        .isCloseTo(expected, withinPercentage(1e-8));
            }
        }
    }

    /** ∫₀¹ (1 − u^(1/γ))^e du by tanh-sinh quadrature: u = (1 + tanh(π/2 sinh x))/2, step 1/64 over |x| ≤ 4. */
    private static double integral(double gamma, double e) {
        double h = 1.0 / 64;
        double sum = 0.0;
        for (int k = -256; k <= 256; k++) {
            double x = k * h;
            double s = 0.5 * Math.PI * Math.sinh(x);
            double weight = 0.5 * Math.PI * Math.cosh(x) / (Math.cosh(s) * Math.cosh(s)) / 2.0;
            // 1 − u = (1 − tanh s)/2 = e^(−s)/(2 cosh s), formed without cancellation near u = 1
            double oneMinusU = Math.exp(-s) / (2.0 * Math.cosh(s));
            double u = Math.exp(s) / (2.0 * Math.cosh(s));
            if (u <= 0.0 || oneMinusU <= 0.0) {
                continue;
            }
            // 1 − u^(1/γ) = −expm1(ln u/γ), ln u from 1 − u near u = 1
            double logU = oneMinusU < 0.5 ? Math.log1p(-oneMinusU) : Math.log(u);
            double base = -Math.expm1(logU / gamma);
            if (base <= 0.0) {
                continue;
            }
            sum += weight * Math.pow(base, e);
        }
        return sum * h;
    }

    @Test
    void retentionAndChurnAgreeWithSurvivalAndDerlMatchesMpmath() {
        assertThat(RISING.survival(0)).isEqualTo(1.0);
        for (int t = 1; t <= 40; t++) {
            assertThat(RISING.churnProbability(t)).isCloseTo(RISING.survival(t - 1) - RISING.survival(t), within(1e-15));
            assertThat(RISING.retentionRate(t)).isCloseTo(RISING.survival(t) / RISING.survival(t - 1), within(1e-14));
        }
        double[] projected = RISING.projectedSurvivors(1000, 12);
        assertThat(projected[0]).isEqualTo(1000.0);
        assertThat(projected[7]).isCloseTo(1000 * RISING.survival(7), within(1e-10));
        // DERL at the mpmath estimates against mpmath's nsum of the series (d = 0.1): 1e-12 relative
        for (String segment : new String[] {"regular", "highend"}) {
            String prefix = "bdw_" + segment + "_7_";
            BetaDiscreteWeibullModel model = BetaDiscreteWeibullModel.of(CohortReference.value(prefix + "gamma"),
                    CohortReference.value(prefix + "delta"), CohortReference.value(prefix + "c"));
            assertThat(model.discountedExpectedResidualLifetime(0, 0.1)).isCloseTo(CohortReference.value(prefix + "derl_0"),
                    withinPercentage(1e-10));
            assertThat(model.discountedExpectedResidualLifetime(4, 0.1)).isCloseTo(CohortReference.value(prefix + "derl_4"),
                    withinPercentage(1e-10));
        }
        // small discount rates take more terms (about 35/d) but stay exact against the sBG at c = 1
        BetaDiscreteWeibullModel geometric = BetaDiscreteWeibullModel.of(0.704, 1.182, 1.0);
        assertThat(geometric.discountedExpectedResidualLifetime(2, 1e-4)).isCloseTo(
                ShiftedBetaGeometricModel.of(0.704, 1.182).discountedExpectedResidualLifetime(2, 1e-4), withinPercentage(1e-9));
        // a series that does not reach its bound within the allowed terms (10^7 in the public method, 1000 here
        // for speed: d = 1e-3 needs about 35,000) throws rather than return a truncated sum
        assertThatThrownBy(() -> geometric.discountedExpectedResidualLifetime(0, 1e-3, 1000))
                .isInstanceOf(org.loyaltymetrics.UndefinedResultException.class).hasMessageContaining("more than 1000 terms");
        assertThat(geometric.discountedExpectedResidualLifetime(0, 1e-3, 100_000)).isCloseTo(
                ShiftedBetaGeometricModel.of(0.704, 1.182).discountedExpectedResidualLifetime(0, 1e-3), withinPercentage(1e-9));
    }

    @Test
    void simulatedCohortsFollowTheSurvivalAndAreSeeded() {
        CohortSurvivors simulated = RISING.simulate(200_000, 10, 42);
        assertThat(RISING.simulate(200_000, 10, 42)).isEqualTo(simulated);
        for (int t = 1; t <= 10; t++) {
            double p = RISING.survival(t);
            double se = Math.sqrt(p * (1 - p) / 200_000);
            assertThat(simulated.alive(t) / 200_000.0).as("S(%d)", t).isCloseTo(p, within(4.5 * se));
        }
    }

    @Test
    void projectionTableAndToString() {
        Table projection = RISING.projection(2);
        assertThat(projection.title()).isEqualTo("Projection of the BdW model: gamma=0.4556, delta=0.7793, c=1.2835");
        assertThat(projection.cell(0, 2)).isNull();
        assertThat(projection.cell(1, 1)).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", RISING.survival(1)));
        assertThat(RISING.toString()).doesNotContain("\n");
        assertThat(RISING).isEqualTo(BetaDiscreteWeibullModel.of(0.4556, 0.7793, 1.2835)).hasSameHashCodeAs(
                BetaDiscreteWeibullModel.of(0.4556, 0.7793, 1.2835));
        assertThat(RISING.isFitted()).isFalse();
        assertThat(RISING.parameters()).containsKeys("gamma", "delta", "c");
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> BetaDiscreteWeibullModel.of(0.5, 1.0, 0.0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("c must be finite and > 0, was 0.0");
        assertThatThrownBy(() -> RISING.retentionRate(0)).hasMessage("period must be >= 1, was 0");
        assertThatThrownBy(() -> RISING.survival(-1)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> RISING.discountedExpectedResidualLifetime(-1, 0.1)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> RISING.discountedExpectedResidualLifetime(0, 0.0))
                .hasMessage("discountRate must be finite and > 0, was 0.0");
        assertThatThrownBy(() -> RISING.simulate(0, 3, 1)).hasMessage("cohortSize must be >= 1, was 0");
        assertThatThrownBy(() -> RISING.fitResult()).isInstanceOf(org.loyaltymetrics.UndefinedResultException.class);
        // three parameters need three periods
        assertThatThrownBy(() -> BetaDiscreteWeibullModel.fit(CohortSurvivors.of(1000, 600, 450)))
                .isInstanceOf(ModelFitException.class).hasMessageContaining("2 periods of survivors give 2 retention rates, "
                        + "too few to identify the 3 parameters [gamma, delta, c]");
        assertThatThrownBy(() -> BetaDiscreteWeibullModel.fit(CohortSurvivors.of(100, 100, 100, 100)))
                .isInstanceOf(ModelFitException.class).hasMessageContaining("no customer was lost");
        assertThatThrownBy(() -> BetaDiscreteWeibullModel.fit(CohortSurvivors.of(100, 0, 0, 0)))
                .isInstanceOf(ModelFitException.class).hasMessageContaining("every customer was lost in the first period");
        assertThatThrownBy(() -> BetaDiscreteWeibullModel.fit(CohortSurvivors.of(0, 0, 0, 0)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("at least one customer");
        // a constant retention rate of 1/2 is the geometric model, the boundary gamma, delta -> infinity: no maximum
        assertThatThrownBy(() -> BetaDiscreteWeibullModel.fit(CohortSurvivors.of(1000, 500, 250, 125, 62, 31)))
                .isInstanceOf(ModelFitException.class).hasMessageContaining("BdW");
        // survivors that increase are refused where the data are built
        assertThatThrownBy(() -> CohortSurvivors.of(1000, 600, 650)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("alive[2] must be in 0..600, was 650");
    }
}
