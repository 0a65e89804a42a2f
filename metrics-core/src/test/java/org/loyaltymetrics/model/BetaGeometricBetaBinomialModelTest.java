package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

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
        assertThat(PUBLISHED.probabilityAlive(6, 6, 6)).isBetween(0.9, 1.0);
        assertThat(PUBLISHED.probabilityAlive(0, 0, 6)).isBetween(0.0, 0.2);
        assertThat(PUBLISHED.conditionalExpectedPurchases(5, 6, 6, 6))
                .isGreaterThan(PUBLISHED.conditionalExpectedPurchases(5, 1, 1, 6));
        assertThat(PUBLISHED.conditionalExpectedPurchases(0, 3, 4, 6)).isZero();
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
        assertThatThrownBy(() -> PUBLISHED.probabilityAlive(3, 2, 6)).hasMessage("frequency must be in 0..recency 2, was 3");
        assertThatThrownBy(() -> PUBLISHED.probabilityAlive(1, 7, 6)).hasMessage("recency must be in 0..6, was 7");
        assertThatThrownBy(() -> PUBLISHED.expectedPurchases(-1)).hasMessage("opportunities must be a count >= 0, was -1");
        assertThatThrownBy(() -> PUBLISHED.simulate(10, 0, 1)).hasMessage("opportunities must be >= 1, was 0");
        assertThat(PUBLISHED).isEqualTo(BetaGeometricBetaBinomialModel.of(1.204, 0.750, 0.657, 2.783))
                .hasSameHashCodeAs(BetaGeometricBetaBinomialModel.of(1.204, 0.750, 0.657, 2.783))
                .hasToString("BG/BB model: alpha=1.2040, beta=0.7500, gamma=0.6570, delta=2.7830");
    }
}
