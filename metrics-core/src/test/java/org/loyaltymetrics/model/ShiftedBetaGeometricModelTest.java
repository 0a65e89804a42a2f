package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.CohortSurvivors;
import org.loyaltymetrics.table.Table;

class ShiftedBetaGeometricModelTest {

    private static final ShiftedBetaGeometricModel PUBLISHED = ShiftedBetaGeometricModel.of(0.704, 1.182);

    @Test
    void fitsYearsZeroToSevenToEveryPublishedDigitAndProjectsYearsEightToTwelve() {
        // Fader & Hardie (2007): alpha 0.704, beta 1.182 (LL ≈ -1680.3) on the regular segment's years 0..7.
        CohortSurvivors all = CohortSurvivors.of(ReferenceData.regularSurvivors());
        ShiftedBetaGeometricModel model = ShiftedBetaGeometricModel.fit(all.truncate(7));
        assertThat(model.alpha()).isCloseTo(0.704, within(0.0005));
        assertThat(model.beta()).isCloseTo(1.182, within(0.0005));
        assertThat(model.fitResult().logLikelihood()).isCloseTo(-1680.3, within(0.05));
        // scipy (independent code): 0.70407730, 1.18204303, LL -1680.26518846
        assertThat(model.fitResult().logLikelihood()).isCloseTo(-1680.26518846, within(1e-6));

        // The projection of years 8..12 against the survivors in the file (1000 · S(t)):
        //   year  projected  actual  error
        //      8     220.08     223  -1.3%
        //      9     204.41     207  -1.3%
        //     10     191.19     194  -1.4%
        //     11     179.86     183  -1.7%
        //     12     170.04     173  -1.7%
        // (scipy with the estimates above: 220.08, 204.41, 191.19, 179.86, 170.04.) The model, calibrated
        // on eight years, projects five more within 2 % of what happened, slightly below it.
        double[] projected = model.projectedSurvivors(1000, 12);
        double[] expected = {220.08, 204.41, 191.19, 179.86, 170.04};
        for (int year = 8; year <= 12; year++) {
            long actual = all.alive(year);
            assertThat(projected[year]).as("year %d", year).isCloseTo(expected[year - 8], within(0.01));
            assertThat((projected[year] - actual) / actual).as("relative error in year %d", year).isBetween(-0.02, 0.0);
        }
    }

    @Test
    void survivalRetentionAndChurnAgree() {
        assertThat(PUBLISHED.survival(0)).isEqualTo(1.0);
        assertThat(PUBLISHED.retentionRate(1)).isCloseTo(1.182 / (0.704 + 1.182), within(1e-15));
        double survival = 1.0;
        for (int t = 1; t <= 20; t++) {
            assertThat(PUBLISHED.churnProbability(t)).isCloseTo(survival - PUBLISHED.survival(t), within(1e-14));
            survival *= PUBLISHED.retentionRate(t);
            assertThat(PUBLISHED.survival(t)).isCloseTo(survival, within(1e-14));
            assertThat(PUBLISHED.retentionRate(t + 1)).isGreaterThan(PUBLISHED.retentionRate(t));
        }
        Table projection = PUBLISHED.projection(2);
        assertThat(projection.title()).isEqualTo("Projection of the sBG model: alpha=0.7040, beta=1.1820");
        assertThat(projection.toText()).contains("period  survival  retention").contains("     1    0.6267     0.6267");
        assertThat(projection.cell(0, 2)).as("no retention rate in period 0").isNull();
        assertThat(projection.cell(2, 1)).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", PUBLISHED.survival(2)));
    }

    @Test
    void aBetaBelowTheRoundingOfOneIsNotLostInTheFirstPeriod() {
        // beta = 1e-17: beta + 1 - 1 rounds to 0 when added left to right, and B(alpha + 1, 0) is undefined;
        // P(T = 1) = B(alpha + 1, beta)/B(alpha, beta) = alpha/(alpha + beta) = 1 - 2e-17, r(1) = beta/(alpha + beta)
        ShiftedBetaGeometricModel model = ShiftedBetaGeometricModel.of(0.5, 1e-17);
        assertThat(model.churnProbability(1)).isCloseTo(1.0, within(1e-15));
        assertThat(model.retentionRate(1)).isCloseTo(2e-17, within(1e-30));
        assertThat(model.logLikelihood(CohortSurvivors.of(new long[] {10, 4}))).isFinite();
    }

    @Test
    void discountedExpectedResidualLifetimeMatchesItsSeries() {
        // mpmath, both as (β+n−1)/(α+β+n−1) 2F1(1, β+n; α+β+n; 1/(1+d)) and as Σ_{t≥n} S(t)/S(n−1) (1+d)^−(t−n):
        // 0 renewals 2.96466214613203151, 4 renewals 5.89442285984416004 (d = 0.1)
        assertThat(PUBLISHED.discountedExpectedResidualLifetime(0, 0.1)).isCloseTo(2.96466214613203151, within(1e-13));
        assertThat(PUBLISHED.discountedExpectedResidualLifetime(4, 0.1)).isCloseTo(5.89442285984416004, within(1e-13));
        // a new customer: Σ_{t≥0} S(t)/1.1^t = 3.69514740557457410
        assertThat(PUBLISHED.discountedExpectedLifetime(0.1)).isCloseTo(3.69514740557457410, within(1e-13));
        // tiny discount rates (z close to 1: the continued fraction) and many renewals stay finite
        assertThat(PUBLISHED.discountedExpectedResidualLifetime(1000, 1e-4)).isFinite().isPositive();
        assertThatThrownBy(() -> PUBLISHED.discountedExpectedResidualLifetime(0, 0))
                .hasMessage("discountRate must be finite and > 0, was 0.0");
    }

    @Test
    void simulationRecoversItsParameters() {
        CohortSurvivors simulated = PUBLISHED.simulate(50_000, 8, 9);
        assertThat(PUBLISHED.simulate(50_000, 8, 9)).isEqualTo(simulated);
        ModelFit fit = ShiftedBetaGeometricModel.fit(simulated).fitResult();
        for (String name : fit.parameterNames()) {
            assertThat(Math.abs(fit.parameter(name) - PUBLISHED.parameters().get(name))).as(name)
                    .isLessThan(4 * fit.standardErrors().get(name));
        }
    }

    @Test
    void aCohortThatNeverChurnsCannotBeFitted() {
        assertThatThrownBy(() -> ShiftedBetaGeometricModel.fit(CohortSurvivors.of(100, 100, 100)))
                .isInstanceOf(ModelFitException.class);
    }

    @Test
    void badInputAndEquality() {
        assertThatThrownBy(() -> PUBLISHED.retentionRate(0)).hasMessage("period must be >= 1, was 0");
        assertThatThrownBy(() -> PUBLISHED.survival(-1)).hasMessage("period must be a count >= 0, was -1");
        assertThatThrownBy(() -> PUBLISHED.projectedSurvivors(100, -1)).hasMessage("periods must be >= 0, was -1");
        assertThat(PUBLISHED).isEqualTo(ShiftedBetaGeometricModel.of(0.704, 1.182))
                .hasSameHashCodeAs(ShiftedBetaGeometricModel.of(0.704, 1.182))
                .hasToString("sBG model: alpha=0.7040, beta=1.1820");
    }

    @Test
    void logLikelihoodAgainstTheRecursionOfThePaper() {
        // Fader & Hardie (2007): P(T = 1) = α/(α + β), P(T = t) = (β + t − 2)/(α + β + t − 1) P(T = t − 1),
        // S(7) = 1 − Σ P(T = t); LL = Σ lost_t ln P(T = t) + alive_7 ln S(7) on years 0..7 at the published
        // estimates: -1680.26519055335250 (mpmath)
        CohortSurvivors years = CohortSurvivors.of(1000, 631, 468, 382, 326, 289, 262, 241);
        assertThat(PUBLISHED.logLikelihood(years)).isCloseTo(-1680.26519055335250, within(1e-9));
        assertThatThrownBy(() -> PUBLISHED.churnProbability(0)).hasMessage("period must be >= 1, was 0");
        assertThat(PUBLISHED.projectedSurvivors(500, 0)).containsExactly(500.0);
        assertThatThrownBy(() -> PUBLISHED.projectedSurvivors(500, -1)).hasMessage("periods must be >= 0, was -1");
        assertThat(PUBLISHED.projection(0).rowCount()).isEqualTo(1);
        assertThat(PUBLISHED.projection(2).rowCount()).isEqualTo(3);
        assertThatThrownBy(() -> PUBLISHED.projection(-1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("periods must be >= 0, was -1");
        // one customer over one period is a cohort
        CohortSurvivors single = PUBLISHED.simulate(1, 1, 4);
        assertThat(single.alive(0)).isEqualTo(1);
        assertThat(single.periods()).isEqualTo(1);
        assertThatThrownBy(() -> PUBLISHED.simulate(0, 1, 4)).hasMessage("cohortSize must be >= 1, was 0");
        assertThatThrownBy(() -> PUBLISHED.simulate(1, 0, 4)).hasMessage("periods must be >= 1, was 0");
    }
}
