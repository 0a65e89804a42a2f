package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.OpportunityHistories;
import org.loyaltymetrics.data.OpportunityHistory;

class BetaGeometricBetaBinomialModelTest {

    private static final BetaGeometricBetaBinomialModel PUBLISHED = BetaGeometricBetaBinomialModel.of(1.204, 0.750,
            0.657, 2.783);

    @Test
    void fitsTheDonationsToEveryPublishedDigit() {
        // Fader, Hardie & Shang (2010): alpha 1.204, beta 0.750, gamma 0.657, delta 2.783, LL -33,225.6.
        // scipy (independent code): 1.20352222, 0.74971629, 0.65671823, 2.78344251, LL -33225.58127435
        OpportunityHistories donations = ReferenceData.donations();
        assertThat(donations.customers()).isEqualTo(11_104);
        BetaGeometricBetaBinomialModel model = BetaGeometricBetaBinomialModel.fit(donations);
        assertThat(model.alpha()).isCloseTo(1.204, within(0.0005));
        assertThat(model.beta()).isCloseTo(0.750, within(0.0005));
        assertThat(model.gamma()).isCloseTo(0.657, within(0.0005));
        assertThat(model.delta()).isCloseTo(2.783, within(0.0005));
        assertThat(model.fitResult().logLikelihood()).isCloseTo(-33_225.6, within(0.05));
        assertThat(model.fitResult().logLikelihood()).isCloseTo(-33_225.58127435, within(1e-5));
        assertThat(model.fitResult().parameterNames()).containsExactly("alpha", "beta", "gamma", "delta");
    }

    @Test
    void predictionsAreConsistent() {
        // probabilities over x = 0..n sum to 1; their mean is E[X(n)]
        double sum = 0.0;
        double mean = 0.0;
        for (int x = 0; x <= 6; x++) {
            double p = PUBLISHED.probabilityOfPurchases(x, 6);
            sum += p;
            mean += x * p;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-13));
        assertThat(mean).isCloseTo(PUBLISHED.expectedPurchases(6), within(1e-13));
        assertThat(PUBLISHED.probabilityOfPurchases(7, 6)).isZero();
        // closed form of eq. 9: α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+n)/(Γ(γ+δ+n)Γ(1+δ))], mpmath: 2.50620556224866
        assertThat(PUBLISHED.expectedPurchases(6)).isCloseTo(closedFormExpectation(6), within(1e-12));
        // the paper's P(alive in 2002) for a donor who gave in all 6 years is close to 1; one who never gave is low
        assertThat(PUBLISHED.probabilityAlive(OpportunityHistory.of(6, 6, 6))).isBetween(0.9, 1.0);
        assertThat(PUBLISHED.probabilityAlive(OpportunityHistory.of(0, 0, 6))).isBetween(0.0, 0.2);
        assertThat(PUBLISHED.conditionalExpectedPurchases(5, OpportunityHistory.of(6, 6, 6)))
                .isGreaterThan(PUBLISHED.conditionalExpectedPurchases(5, OpportunityHistory.of(1, 1, 6)));
        assertThat(PUBLISHED.conditionalExpectedPurchases(0, OpportunityHistory.of(3, 4, 6))).isZero();
        // the long-horizon closed form and the term-by-term sum agree
        assertThat(PUBLISHED.expectedPurchases(100_000)).isCloseTo(closedFormExpectation(100_000), within(1e-7));
    }

    private static double closedFormExpectation(long n) {
        double a = 1.204;
        double b = 0.750;
        double g = 0.657;
        double d = 2.783;
        double ratio = Math.exp(org.loyaltymetrics.internal.SpecialFunctions.logGamma(g + d)
                + org.loyaltymetrics.internal.SpecialFunctions.logGamma(1 + d + n)
                - org.loyaltymetrics.internal.SpecialFunctions.logGamma(g + d + n)
                - org.loyaltymetrics.internal.SpecialFunctions.logGamma(1 + d));
        return a / (a + b) * d / (g - 1) * (1 - ratio);
    }

    @Test
    void simulationRecoversItsParameters() {
        OpportunityHistories simulated = PUBLISHED.simulate(20_000, 6, 1);
        assertThat(PUBLISHED.simulate(20_000, 6, 1)).isEqualTo(simulated);
        ModelFit fit = BetaGeometricBetaBinomialModel.fit(simulated).fitResult();
        for (String name : fit.parameterNames()) {
            assertThat(Math.abs(fit.parameter(name) - PUBLISHED.parameters().get(name))).as(name)
                    .isLessThan(4 * fit.standardErrors().get(name));
        }
    }

    @Test
    void badInputAndEquality() {
        assertThatThrownBy(() -> PUBLISHED.probabilityAlive(OpportunityHistory.of(3, 2, 6))).hasMessage("frequency must be in 0..2 (recency), was 3");
        assertThatThrownBy(() -> PUBLISHED.probabilityAlive(OpportunityHistory.of(1, 7, 6))).hasMessage("recency must be in 0..6 (opportunities), was 7");
        assertThatThrownBy(() -> PUBLISHED.expectedPurchases(-1)).hasMessage("opportunities must be a count >= 0, was -1");
        assertThatThrownBy(() -> PUBLISHED.simulate(10, 0, 1)).hasMessage("opportunities must be >= 1, was 0");
        assertThat(PUBLISHED).isEqualTo(BetaGeometricBetaBinomialModel.of(1.204, 0.750, 0.657, 2.783))
                .hasSameHashCodeAs(BetaGeometricBetaBinomialModel.of(1.204, 0.750, 0.657, 2.783))
                .hasToString("BG/BB model: alpha=1.2040, beta=0.7500, gamma=0.6570, delta=2.7830");
    }

    @Test
    void singleHistoriesAgainstAnIndependentIntegral() {
        // mpmath (30 digits), integrating the probability of the history over p ~ beta(α, β) and θ ~ beta(γ, δ)
        // (survive each opportunity with 1 − θ, then transact with p; alive through tₓ, then either alive
        // through n or dropped out at one of the n − tₓ opportunities after tₓ), not the closed form:
        // ln L(3, 4, 6) = -5.05930794741110369, ln L(0, 0, 6) = -1.16726247267389378, ln L(6, 6, 6) = -2.18224844761829983;
        // E[transactions in 7..11 | 3, 4, 6] = 1.03422849842110449, the posterior expectation of p Σ (1 − θ)ᵏ
        assertThat(PUBLISHED.logLikelihood(OpportunityHistory.of(3, 4, 6))).isCloseTo(-5.05930794741110369, within(1e-13));
        assertThat(PUBLISHED.logLikelihood(OpportunityHistory.of(0, 0, 6))).isCloseTo(-1.16726247267389378, within(1e-13));
        assertThat(PUBLISHED.logLikelihood(OpportunityHistory.of(6, 6, 6))).isCloseTo(-2.18224844761829983, within(1e-13));
        assertThat(PUBLISHED.conditionalExpectedPurchases(5, OpportunityHistory.of(3, 4, 6))).isCloseTo(1.03422849842110449, within(1e-13));
        // the total of a data set is the weighted sum of its rows
        OpportunityHistories data = OpportunityHistories.accumulator().add(3, 4, 6, 2).add(0, 0, 6, 5).add(6, 6, 6)
                .snapshot();
        assertThat(PUBLISHED.logLikelihood(data)).isCloseTo(2 * -5.05930794741110369 + 5 * -1.16726247267389378
                - 2.18224844761829983, within(1e-12));
        assertThatThrownBy(() -> PUBLISHED.logLikelihood(OpportunityHistory.of(3, 2, 6))).hasMessage("frequency must be in 0..2 (recency), was 3");
        assertThatThrownBy(() -> PUBLISHED.conditionalExpectedPurchases(5, OpportunityHistory.of(3, 7, 6)))
                .hasMessage("recency must be in 0..6 (opportunities), was 7");
    }

    @Test
    void longHorizonsTakeTheClosedFormAndItsLimitAtGammaOne() {
        // mpmath at 30 digits: α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+n)/(Γ(γ+δ+n)Γ(1+δ))] for n = 10⁶:
        // 381.613512489033029 (γ = 0.657) and 2.60936130880416908 (γ = 1.657); the same customer-level sum over
        // 7..10⁶+6 given (3, 4, 6): 335.959793925558883; at γ = 1 the sum of δ/(δ + t) is
        // δ (ψ(δ + n + 1) − ψ(δ + 1)): 21.6459178588624864. (The ratio of gamma functions taken as the plain
        // difference of two log-gammas near 10⁷ was off by 9e-7 here, a relative 2.4e-9.)
        assertThat(PUBLISHED.expectedPurchases(1_000_000)).isCloseTo(381.613512489033029, within(1e-11));
        assertThat(PUBLISHED.conditionalExpectedPurchases(1_000_000, OpportunityHistory.of(3, 4, 6))).isCloseTo(335.959793925558883, within(1e-11));
        assertThat(BetaGeometricBetaBinomialModel.of(1.204, 0.750, 1.657, 2.783).expectedPurchases(1_000_000))
                .isCloseTo(2.60936130880416908, within(1e-13));
        BetaGeometricBetaBinomialModel gammaOne = BetaGeometricBetaBinomialModel.of(1.204, 0.750, 1.0, 2.783);
        assertThat(gammaOne.expectedPurchases(1_000_000)).isCloseTo(21.6459178588624864, within(1e-11));
    }

    @Test
    void simulationEdges() {
        // one opportunity is enough; the number of customers is the number asked for
        OpportunityHistories one = PUBLISHED.simulate(5, 1, 3);
        assertThat(one.customers()).isEqualTo(5);
        for (int row = 0; row < one.distinctRows(); row++) {
            assertThat(one.opportunities(row)).isEqualTo(1);
            assertThat(one.frequency(row)).isBetween(0L, 1L);
        }
        assertThatThrownBy(() -> PUBLISHED.simulate(5, 0, 3)).hasMessage("opportunities must be >= 1, was 0");
    }
}
