package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.CohortSurvivors;
import org.loyaltymetrics.model.MultiCohortRetentionModel.Family;
import org.loyaltymetrics.model.MultiCohortRetentionModel.Sharing;
import org.loyaltymetrics.table.Table;

/**
 * Joint fits to the two segments of Fader &amp; Hardie (2007) as two cohorts, against the 40-digit mpmath fits
 * of {@link CohortReference} and against the single-cohort fits.
 */
class MultiCohortRetentionModelTest {

    private static Map<String, CohortSurvivors> segments(int years) {
        Map<String, CohortSurvivors> cohorts = new LinkedHashMap<>();
        cohorts.put("regular", CohortReference.regular(years));
        cohorts.put("high end", CohortReference.highEnd(years));
        return cohorts;
    }

    @Test
    void sharedParametersMatchMpmath() {
        // tolerances: estimates 1e-7 relative, LL 1e-8, SE 1e-6 relative
        MultiCohortRetentionModel shared = MultiCohortRetentionModel.fit(segments(7), Family.SHIFTED_BETA_GEOMETRIC,
                Sharing.SHARED);
        ModelFit fit = shared.fitResult();
        assertThat(fit.parameterNames()).containsExactly("alpha", "beta");
        assertThat(fit.parameter("alpha")).isCloseTo(CohortReference.value("sbg_shared_7_alpha"), withinPercentage(1e-5));
        assertThat(fit.parameter("beta")).isCloseTo(CohortReference.value("sbg_shared_7_beta"), withinPercentage(1e-5));
        assertThat(fit.logLikelihood()).isCloseTo(CohortReference.value("sbg_shared_7_ll"), within(1e-8));
        assertThat(fit.standardErrors().get("alpha")).isCloseTo(CohortReference.value("sbg_shared_7_se_alpha"),
                withinPercentage(1e-4));
        assertThat(fit.standardErrors().get("beta")).isCloseTo(CohortReference.value("sbg_shared_7_se_beta"),
                withinPercentage(1e-4));
        assertThat(fit.customers()).isEqualTo(2000);
        assertThat(shared.model("regular")).isSameAs(shared.model("high end"));
        assertThat(shared.model("regular")).isInstanceOf(ShiftedBetaGeometricModel.class);

        MultiCohortRetentionModel bdw = MultiCohortRetentionModel.fit(segments(7), Family.BETA_DISCRETE_WEIBULL,
                Sharing.SHARED);
        BetaDiscreteWeibullModel model = (BetaDiscreteWeibullModel) bdw.model("regular");
        assertThat(model.gamma()).isCloseTo(CohortReference.value("bdw_shared_7_gamma"), withinPercentage(1e-5));
        assertThat(model.delta()).isCloseTo(CohortReference.value("bdw_shared_7_delta"), withinPercentage(1e-5));
        assertThat(model.c()).isCloseTo(CohortReference.value("bdw_shared_7_c"), withinPercentage(1e-5));
        assertThat(bdw.fitResult().logLikelihood()).isCloseTo(CohortReference.value("bdw_shared_7_ll"), within(1e-8));
    }

    @Test
    void perCohortParametersEqualSeparateFitsAndTheSegmentsDiffer() {
        MultiCohortRetentionModel perCohort = MultiCohortRetentionModel.fit(segments(7), Family.SHIFTED_BETA_GEOMETRIC,
                Sharing.PER_COHORT);
        assertThat(perCohort.fitResult().parameterNames())
                .containsExactly("alpha[regular]", "beta[regular]", "alpha[high end]", "beta[high end]");
        // the published estimates of Fader & Hardie (2007): regular 0.704, 1.182; high end 0.668, 3.806
        ShiftedBetaGeometricModel regular = (ShiftedBetaGeometricModel) perCohort.model("regular");
        ShiftedBetaGeometricModel highEnd = (ShiftedBetaGeometricModel) perCohort.model("high end");
        assertThat(regular.alpha()).isCloseTo(0.704, within(0.0005));
        assertThat(regular.beta()).isCloseTo(1.182, within(0.0005));
        assertThat(highEnd.alpha()).isCloseTo(0.668, within(0.0005));
        assertThat(highEnd.beta()).isCloseTo(3.806, within(0.0005));
        for (String segment : new String[] {"regular", "highend"}) {
            ShiftedBetaGeometricModel own = segment.equals("regular") ? regular : highEnd;
            ShiftedBetaGeometricModel separate = ShiftedBetaGeometricModel.fit(segment.equals("regular")
                    ? CohortReference.regular(7) : CohortReference.highEnd(7));
            // the separate fit uses central differences, the joint one the analytic gradient: 1e-6 relative
            assertThat(own.alpha()).isCloseTo(separate.alpha(), withinPercentage(1e-4));
            assertThat(own.beta()).isCloseTo(separate.beta(), withinPercentage(1e-4));
            assertThat(own.alpha()).isCloseTo(CohortReference.value("sbg_" + segment + "_7_alpha"), withinPercentage(1e-5));
            assertThat(own.fitResult().logLikelihood()).isCloseTo(CohortReference.value("sbg_" + segment + "_7_ll"),
                    within(1e-8));
            assertThat(own.fitResult().standardErrors().get("beta"))
                    .isCloseTo(CohortReference.value("sbg_" + segment + "_7_se_beta"), withinPercentage(1e-4));
            assertThat(own.fitResult().customers()).isEqualTo(1000);
        }
        assertThat(perCohort.fitResult().logLikelihood()).isCloseTo(
                regular.fitResult().logLikelihood() + highEnd.fitResult().logLikelihood(), within(1e-9));

        // LR = 2 (−1680.2651885 − 1611.1581474 + 3393.4017248) = 203.9568, df = 2: the segments differ
        MultiCohortRetentionModel shared = MultiCohortRetentionModel.fit(segments(7), Family.SHIFTED_BETA_GEOMETRIC,
                Sharing.SHARED);
        LikelihoodRatioTest test = MultiCohortRetentionModel.likelihoodRatioTest(shared, perCohort);
        assertThat(test.degreesOfFreedom()).isEqualTo(2);
        assertThat(test.statistic()).isCloseTo(2 * (-1680.265188463287 - 1611.1581473911564 + 3393.4017248188345),
                within(1e-6));
        assertThat(test.pValue()).isLessThan(1e-40);

        // BdW per cohort equals the BdW fits of each segment
        MultiCohortRetentionModel bdw = MultiCohortRetentionModel.fit(segments(7), Family.BETA_DISCRETE_WEIBULL,
                Sharing.PER_COHORT);
        BetaDiscreteWeibullModel bdwHighEnd = (BetaDiscreteWeibullModel) bdw.model("high end");
        assertThat(bdwHighEnd.c()).isCloseTo(CohortReference.value("bdw_highend_7_c"), withinPercentage(1e-5));
        assertThat(bdwHighEnd.fitResult().standardErrors().get("c")).isCloseTo(
                CohortReference.value("bdw_highend_7_se_c"), withinPercentage(1e-4));
        assertThat(MultiCohortRetentionModel.likelihoodRatioTest(MultiCohortRetentionModel.fit(segments(7),
                Family.BETA_DISCRETE_WEIBULL, Sharing.SHARED), bdw).degreesOfFreedom()).isEqualTo(3);
    }

    @Test
    void sharedFitOfCohortsOfTheSamePeriodsIsTheFitOfTheirPooledSurvivors() {
        Map<String, CohortSurvivors> cohorts = segments(7);
        CohortSurvivors pooled = CohortReference.regular(7).plus(CohortReference.highEnd(7));
        MultiCohortRetentionModel shared = MultiCohortRetentionModel.fit(cohorts, Family.SHIFTED_BETA_GEOMETRIC,
                Sharing.SHARED);
        ShiftedBetaGeometricModel one = ShiftedBetaGeometricModel.fit(pooled);
        assertThat(shared.fitResult().parameter("alpha")).isCloseTo(one.alpha(), withinPercentage(1e-4));
        assertThat(shared.fitResult().parameter("beta")).isCloseTo(one.beta(), withinPercentage(1e-4));
        assertThat(shared.fitResult().logLikelihood()).isCloseTo(one.fitResult().logLikelihood(), within(1e-8));
        // cohorts of different lengths cannot be pooled, but fit jointly (the later cohort observed for fewer years)
        assertThatThrownBy(() -> CohortReference.regular(7).plus(CohortReference.highEnd(4)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("other");
        Map<String, CohortSurvivors> staggered = new LinkedHashMap<>();
        staggered.put("2001", CohortReference.regular(7));
        staggered.put("2004", CohortReference.regular(4));
        MultiCohortRetentionModel joint = MultiCohortRetentionModel.fit(staggered, Family.SHIFTED_BETA_GEOMETRIC,
                Sharing.SHARED);
        ShiftedBetaGeometricModel model = (ShiftedBetaGeometricModel) joint.model("2004");
        assertThat(joint.fitResult().logLikelihood()).isCloseTo(model.logLikelihood(CohortReference.regular(7))
                + model.logLikelihood(CohortReference.regular(4)), within(1e-9));
    }

    @Test
    void aTriangleOfTenStaggeredCohortsFromOneModel() {
        // cohorts acquired in 2010..2019, observed for 12..3 years, 2,000 customers each, all from the BdW with
        // gamma 0.6, delta 1.5, c 1.2 (simulated period by period, ContractualCohortsProperties.simulate)
        Map<String, CohortSurvivors> cohorts = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            cohorts.put(String.valueOf(2010 + i), ContractualCohortsProperties.simulate(0.6, 1.5, 1.2, 2000, 12 - i, 77 + i));
        }
        MultiCohortRetentionModel shared = MultiCohortRetentionModel.fit(cohorts, Family.BETA_DISCRETE_WEIBULL,
                Sharing.SHARED);
        Map<String, Double> errors = shared.fitResult().standardErrors();
        assertThat(shared.fitResult().parameter("gamma")).isCloseTo(0.6, within(4.5 * errors.get("gamma")));
        assertThat(shared.fitResult().parameter("delta")).isCloseTo(1.5, within(4.5 * errors.get("delta")));
        assertThat(shared.fitResult().parameter("c")).isCloseTo(1.2, within(4.5 * errors.get("c")));
        MultiCohortRetentionModel perCohort = MultiCohortRetentionModel.fit(cohorts, Family.BETA_DISCRETE_WEIBULL,
                Sharing.PER_COHORT);
        assertThat(perCohort.fitResult().parameterNames()).hasSize(30);
        // the cohorts share one model: the test of 27 degrees of freedom does not reject it at 1 %
        LikelihoodRatioTest test = MultiCohortRetentionModel.likelihoodRatioTest(shared, perCohort);
        assertThat(test.degreesOfFreedom()).isEqualTo(27);
        assertThat(test.pValue()).isGreaterThan(0.01);
        // the sBG of the same cohorts, shared, against the BdW: c = 1.2 is detected (chi-square, 1 df)
        MultiCohortRetentionModel sbg = MultiCohortRetentionModel.fit(cohorts, Family.SHIFTED_BETA_GEOMETRIC,
                Sharing.SHARED);
        assertThat(LikelihoodRatioTest.of(sbg.fitResult(), shared.fitResult(), 1).isSignificant(0.01)).isTrue();
    }

    @Test
    void projectionsAndResidualLifetimesPerCohort() {
        MultiCohortRetentionModel perCohort = MultiCohortRetentionModel.fit(segments(7), Family.BETA_DISCRETE_WEIBULL,
                Sharing.PER_COHORT);
        Table projection = perCohort.projection(12);
        assertThat(projection.headers()).containsExactly("cohort", "period", "survival", "retention", "expected",
                "observed");
        assertThat(projection.rowCount()).isEqualTo(26);
        assertThat(projection.cell(0, 3)).isNull();
        assertThat(projection.cell(8, 5)).as("year 8 not observed").isNull();
        assertThat(projection.cell(7, 5)).isEqualTo("241");
        assertThat(projection.cell(13 + 12, 0)).isEqualTo("high end");
        ContractualRetentionModel highEnd = perCohort.model("high end");
        assertThat(projection.cell(13 + 12, 2)).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", highEnd.survival(12)));
        // the holdout years 8..12 of the high-end segment, projected by the BdW from years 0..7, within 3 %
        double[] expected = highEnd.projectedSurvivors(1000, 12);
        for (int year = 8; year <= 12; year++) {
            assertThat(expected[year]).as("year %d", year).isCloseTo(CohortReference.HIGH_END[year], withinPercentage(3));
        }
        Table lifetimes = perCohort.discountedExpectedResidualLifetimes(4, 0.1);
        assertThat(lifetimes.rowCount()).isEqualTo(2);
        assertThat(lifetimes.cell(1, 3)).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f",
                highEnd.discountedExpectedResidualLifetime(4, 0.1)));
        assertThat(perCohort.discountedExpectedResidualLifetime("high end", 4, 0.1))
                .isEqualTo(highEnd.discountedExpectedResidualLifetime(4, 0.1));
        assertThat(perCohort.toString()).startsWith("BdW model of 2 cohorts (per-cohort parameters): gamma[regular]=")
                .doesNotContain("\n");
        assertThat(perCohort.toTable().rowCount()).isEqualTo(6);
        assertThat(perCohort).isEqualTo(MultiCohortRetentionModel.fit(segments(7), Family.BETA_DISCRETE_WEIBULL,
                Sharing.PER_COHORT));
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> MultiCohortRetentionModel.fit(Map.of(), Family.DEFAULT, Sharing.DEFAULT))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("cohorts must be at least one cohort, was no cohort");
        Map<String, CohortSurvivors> withEmpty = new LinkedHashMap<>(segments(7));
        withEmpty.put("2020", CohortSurvivors.of(0, 0, 0));
        assertThatThrownBy(() -> MultiCohortRetentionModel.fit(withEmpty, Family.DEFAULT, Sharing.DEFAULT))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("cohorts must be cohorts of at least one customer each, was cohort 2020 with no customers");
        Map<String, CohortSurvivors> withShort = new LinkedHashMap<>(segments(7));
        withShort.put("2020", CohortSurvivors.of(500, 400));
        assertThatThrownBy(() -> MultiCohortRetentionModel.fit(withShort, Family.SHIFTED_BETA_GEOMETRIC, Sharing.PER_COHORT))
                .isInstanceOf(ModelFitException.class).hasMessageStartingWith("cannot fit the sBG model to cohort 2020: "
                        + "1 period of survivors give 1 retention rate");
        // shared, the short cohort adds to the others
        assertThat(MultiCohortRetentionModel.fit(withShort, Family.SHIFTED_BETA_GEOMETRIC, Sharing.SHARED)
                .fitResult().customers()).isEqualTo(2500);
        MultiCohortRetentionModel shared = MultiCohortRetentionModel.fit(segments(7), Family.SHIFTED_BETA_GEOMETRIC,
                Sharing.SHARED);
        MultiCohortRetentionModel perCohort = MultiCohortRetentionModel.fit(segments(7), Family.SHIFTED_BETA_GEOMETRIC,
                Sharing.PER_COHORT);
        assertThatThrownBy(() -> MultiCohortRetentionModel.likelihoodRatioTest(perCohort, shared))
                .hasMessage("shared must be a fit with shared parameters, was a per-cohort fit");
        assertThatThrownBy(() -> MultiCohortRetentionModel.likelihoodRatioTest(shared, MultiCohortRetentionModel.fit(
                segments(4), Family.SHIFTED_BETA_GEOMETRIC, Sharing.PER_COHORT)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("the same cohorts");
        assertThatThrownBy(() -> MultiCohortRetentionModel.likelihoodRatioTest(shared, MultiCohortRetentionModel.fit(
                segments(7), Family.BETA_DISCRETE_WEIBULL, Sharing.PER_COHORT)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("model family");
        assertThatThrownBy(() -> shared.model("2020")).hasMessage("cohort must be one of [regular, high end], was 2020");
        assertThatThrownBy(() -> shared.projection(-1)).hasMessage("periods must be >= 0, was -1");
    }
}
