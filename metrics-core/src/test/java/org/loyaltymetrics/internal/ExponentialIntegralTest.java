package org.loyaltymetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;

/**
 * J(s, z) = e^z Eₛ(z) = ∫₀^∞ e^(−zt) (1 + t)^(−s) dt against the integral itself by {@link ReferenceQuadrature}
 * (in u = ln(1 + t), where the integrand e^(−z(e^u − 1) + (1 − s)u) is log-concave), and against values of
 * mpmath.
 */
class ExponentialIntegralTest {

    private static double reference(double s, double z) {
        double mode = Math.max(0.0, Math.log(Math.max(1.0 - s, 1e-300) / z));
        double high = Math.max(mode, 0.0) + Math.log1p(60.0 / z) + 5.0;
        return Math.exp(ReferenceQuadrature.logIntegral(u -> -z * Math.expm1(u) + (1.0 - s) * u, 0.0, high));
    }

    @Test
    void agreesWithQuadratureOverOrdersAndArguments() {
        double[] orders = {1e-4, 0.01, 0.3, 0.4999, 0.5, 0.5001, 0.6062, 0.9999, 1.0, 1.0001, 1.4999, 1.5, 2.0, 2.5,
            3.7, 10.0, 29.9, 30.0, 100.0, 1e3};
        double[] arguments = {1e-10, 1e-5, 1e-3, 0.01, 0.1, 0.5, 0.99, 1.0, 2.0, 10.0, 100.0, 1e4};
        double worst = 0.0;
        for (double s : orders) {
            for (double z : arguments) {
                double expected = reference(s, z);
                double actual = ExponentialIntegral.scaled(s, z);
                worst = Math.max(worst, Math.abs(actual / expected - 1.0));
                assertThat(actual).as("s %s, z %s", s, z).isCloseTo(expected, within(1e-12 * expected));
            }
        }
        System.out.println("ExponentialIntegral: worst relative error against quadrature " + worst);
    }

    @Test
    void knownValues() {
        // mpmath: exp(z) * expint(s, z); E_1 and the Tricomi form z^(s-1) hyperu(s, s, z)
        assertThat(ExponentialIntegral.scaled(1.0, 1.0)).isCloseTo(0.596347362323194074, within(1e-14));
        assertThat(ExponentialIntegral.scaled(0.6062, 0.13627)).isCloseTo(2.86011482655884998, within(1e-14));
        assertThat(ExponentialIntegral.scaled(2.0, 0.5)).isCloseTo(0.538544683758134766, within(1e-15));
    }

    @Test
    void refusesBadArguments() {
        assertThatThrownBy(() -> ExponentialIntegral.scaled(0.0, 1.0)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> ExponentialIntegral.scaled(1.0, 0.0)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> ExponentialIntegral.scaled(Double.NaN, 1.0)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void reciprocalGammaSeries() {
        // (1/Γ(1 + a) − 1)/a: Euler's γ at 0; (1/Γ(1.5) − 1)/0.5 = 2(2/√π − 1)... = 2·(1/0.886226925452758 − 1)
        assertThat(ExponentialIntegral.reciprocalGammaDifference(0.0)).isEqualTo(0.5772156649015329);
        assertThat(ExponentialIntegral.reciprocalGammaDifference(0.5)).isCloseTo(2.0 * (1.0 / 0.886226925452758014 - 1.0),
                within(1e-15));
        assertThat(ExponentialIntegral.reciprocalGammaDifference(-0.5)).isCloseTo(-2.0 * (1.0 / 1.772453850905516027 - 1.0),
                within(1e-15));
    }
}
