package org.loyaltymetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** {@link Quadrature#panels}: tanh-sinh on panels of a finite interval, against integrals known in closed form. */
class QuadraturePanelsTest {

    @Test
    void integratesSmoothFunctionsOnPanelsToFullPrecision() {
        // ∫₀¹ cos x dx = sin 1 on one panel, and on three
        Quadrature.Estimate one = Quadrature.panels(Math::cos, new double[] {0, 1}, 2, 0.0, 1e-14);
        assertThat(one.value()).isCloseTo(Math.sin(1.0), within(1e-15));
        assertThat(one.error()).isLessThan(1e-14);
        Quadrature.Estimate three = Quadrature.panels(Math::cos, new double[] {0, 0.2, 0.7, 1, 99}, 4, 0.0, 1e-14);
        assertThat(three.value()).isCloseTo(Math.sin(1.0), within(1e-15));
        // a kink at a breakpoint costs nothing: ∫₋₁² |x| dx = 1/2 + 2
        assertThat(Quadrature.panels(Math::abs, new double[] {-1, 0, 2}, 3, 0.0, 1e-14).value())
                .isCloseTo(2.5, within(1e-14));
    }

    @Test
    void resolvesLayersAtThePanelEndsOfLongIntervals() {
        // ∫₀⁷⁰⁰ e^(−x) dx = 1 − e^−700, the mass within a few units of one end of a long panel
        Quadrature.Estimate decay = Quadrature.panels(x -> Math.exp(-x), new double[] {0, 700}, 2, 0.0, 1e-14);
        assertThat(decay.value()).isCloseTo(1.0, within(1e-13));
        // a logistic step of unit width at a breakpoint inside [−300, 300]: ∫ 1/(1 + e^−x) dx = ln(1 + e^300) ≈ 300
        Quadrature.Estimate step = Quadrature.panels(x -> 1.0 / (1.0 + Math.exp(-x)), new double[] {-300, 0, 300}, 3,
                0.0, 1e-14);
        assertThat(step.value()).isCloseTo(300.0, within(1e-11));
    }

    @Test
    void theKnownPartSetsTheScaleOfTheToleranceAndNothingIsThrown() {
        // a tiny integral next to a large known part settles at the first check (level 3)
        Quadrature.Estimate small = Quadrature.panels(x -> 1e-20 * Math.sin(30 * x), new double[] {0, 1}, 2, 1.0, 1e-13);
        assertThat(small.error()).isLessThan(1e-13);
        assertThat(small.value()).isCloseTo(1e-20 * (1 - Math.cos(30.0)) / 30, within(1e-30));
        // an integrand that is not finite gives a NaN estimate for the caller to judge, not an exception
        Quadrature.Estimate broken = Quadrature.panels(x -> Double.NaN, new double[] {0, 1}, 2, 0.0, 1e-13);
        assertThat(broken.value()).isNaN();
        assertThat(broken.error()).isNaN();
    }
}
