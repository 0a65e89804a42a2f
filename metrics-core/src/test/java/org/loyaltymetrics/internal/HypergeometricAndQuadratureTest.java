package org.loyaltymetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ₂F₁(1, b; c; z), tanh-sinh quadrature and random variates, against mpmath (25 digits) and exact moments. */
class HypergeometricAndQuadratureTest {

    @Test
    void hypergeometricWithFirstParameterOneMatchesMpmath() {
        assertThat(SpecialFunctions.hypergeometric2F1One(2.5, 4.1, 0.3)).isCloseTo(1.231480956602045599, within(1e-15));
        assertThat(SpecialFunctions.hypergeometric2F1One(3, 2.5, 0.4)).isCloseTo(1.871370656823912435, within(1e-15));
        assertThat(SpecialFunctions.hypergeometric2F1One(0.6, 1.2, 0.95)).isCloseTo(4.068559120520258216, within(1e-13));
        assertThat(SpecialFunctions.hypergeometric2F1One(500, 501.6, 0.999)).isCloseTo(327.2233044548467994, within(1e-10));
        assertThat(SpecialFunctions.hypergeometric2F1One(1.6, 10001.2, 0.7)).isCloseTo(1.000112006943818896, within(1e-15));
        // the series (z <= 0.5) and the continued fraction (z > 0.5) meet without a step
        assertThat(SpecialFunctions.hypergeometric2F1One(1.7, 2.2, 0.5)).isCloseTo(1.681663296524784921, within(1e-15));
        assertThat(SpecialFunctions.hypergeometric2F1One(1.7, 2.2, 0.5000001)).isCloseTo(1.681663541091963335, within(1e-14));
        assertThat(SpecialFunctions.hypergeometric2F1One(1.7, 2.2, 0)).isEqualTo(1.0);
        assertThatThrownBy(() -> SpecialFunctions.hypergeometric2F1One(1, 1, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c > 1");
        assertThatThrownBy(() -> SpecialFunctions.hypergeometric2F1One(1, 2, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tanhSinhIntegratesEndpointSingularities() {
        // ∫₀¹ p^(a−1) (1−p)^(b−1) dp = B(a, b), with singular ends at a = 0.3, b = 0.6
        double a = 0.3;
        double b = 0.6;
        double integral = Quadrature.unitInterval((p, q, logP, logQ) -> Math.exp(a * logP + b * logQ), 1e-14);
        assertThat(integral).isCloseTo(Math.exp(SpecialFunctions.logBeta(a, b)), within(1e-13));
        // ∫₀¹ cos(p) dp = sin 1
        assertThat(Quadrature.unitInterval((p, q, logP, logQ) -> Math.cos(p) * p * q, 1e-14))
                .isCloseTo(Math.sin(1.0), within(1e-15));
        assertThatThrownBy(() -> Quadrature.unitInterval((p, q, logP, logQ) -> Double.NaN, 1e-14))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void randomVariatesHaveTheirMomentsAndAreSeeded() {
        SplittableRandom random = new SplittableRandom(1);
        int n = 200_000;
        double sumGamma = 0.0;
        double sumBeta = 0.0;
        double sumExponential = 0.0;
        for (int i = 0; i < n; i++) {
            sumGamma += RandomVariates.gamma(random, 0.4, 2.0);
            sumBeta += RandomVariates.beta(random, 0.657, 2.783);
            sumExponential += RandomVariates.exponential(random, 4.0);
        }
        // means 0.2 (sd 0.79/√n = 0.0018), 0.19099 (sd 0.1866/√n = 0.0004), 0.25 (sd 0.25/√n = 0.0006); 5 sd
        assertThat(sumGamma / n).isCloseTo(0.2, within(0.0079));
        assertThat(sumBeta / n).isCloseTo(0.657 / (0.657 + 2.783), within(0.0021));
        assertThat(sumExponential / n).isCloseTo(0.25, within(0.0028));
        assertThat(RandomVariates.gamma(new SplittableRandom(5), 3.0, 1.0))
                .isEqualTo(RandomVariates.gamma(new SplittableRandom(5), 3.0, 1.0));
        // tiny shapes do not give 0/0
        for (int i = 0; i < 1000; i++) {
            assertThat(RandomVariates.beta(random, 1e-3, 1e-3)).isBetween(0.0, 1.0);
        }
    }
}
