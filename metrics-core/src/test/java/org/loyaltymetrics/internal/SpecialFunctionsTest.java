package org.loyaltymetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference values are closed forms where one exists (ln Γ(1/2) = ln √π, ψ(1) = −γ,
 * ψ(1/2) = −γ − 2 ln 2, I_x(a, b) of integer a, b as a binomial sum) and otherwise values of the
 * same functions in SciPy 1.17 (scipy.special), quoted to the digits shown.
 */
class SpecialFunctionsTest {

    private static final double EULER_GAMMA = 0.5772156649015329;

    @Test
    void regularizedBetaNearOneWithAHugeAAndATinyBKeepsItsDigits() {
        // I_z(2^40, 1e-8) at z = 1 - 1e-16, with 1 - z passed exactly: 8.5383681924512704e-8 (mpmath
        // betainc(2**40, 1e-8, 0, 1 - 1e-16, regularized=True) at 50 digits). Taking ln z from the
        // rounded z and subtracting the complement from 1 gave 1.22e-5: a BG/NBD P(X(t) = 2^40) at
        // t/alpha = 1e16 was silently 12 % off (found by issue 10's BG/NBD sweep).
        assertThat(SpecialFunctions.regularizedBeta(1 - 1e-16, 1e-16, Math.pow(2, 40), 1e-8))
                .isCloseTo(8.5383681924512704e-8, within(1e-21));
    }

    @Test
    void logGammaMatchesClosedFormsAndReferenceValues() {
        assertThat(SpecialFunctions.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-15));
        // Near its zeros at 1 and 2 the absolute error is a few ulps of ln Γ(15) ≈ 25.19.
        assertThat(SpecialFunctions.logGamma(1.0)).isCloseTo(0.0, within(1e-14));
        assertThat(SpecialFunctions.logGamma(2.0)).isCloseTo(0.0, within(1e-14));
        // ln 9! = ln 362880
        assertThat(SpecialFunctions.logGamma(10.0)).isCloseTo(Math.log(362880.0), within(1e-14));
        // Γ(x) ~ 1/x as x -> 0: ln Γ(1e-8) = 18.42068073818021 (SciPy)
        assertThat(SpecialFunctions.logGamma(1e-8)).isCloseTo(18.42068073818021, within(1e-13));
        assertThat(SpecialFunctions.logGamma(123.456)).isCloseTo(469.6055471299295, within(1e-12));
        assertThat(SpecialFunctions.logGamma(1e6)).isCloseTo(1e6 * Math.log(1e6) - 1e6 - 0.5 * Math.log(1e6)
                + 0.5 * Math.log(2 * Math.PI) + 1.0 / 12e6, within(1e-8));
    }

    @Test
    void logGammaSatisfiesTheRecurrence() {
        for (double x = 0.01; x < 40; x *= 1.37) {
            assertThat(SpecialFunctions.logGamma(x + 1) - SpecialFunctions.logGamma(x))
                    .as("ln Γ(x+1) − ln Γ(x) = ln x at x = %s", x).isCloseTo(Math.log(x), within(1e-13));
        }
    }

    @Test
    void trigammaMatchesClosedFormsAndTheDerivativeOfDigamma() {
        assertThat(SpecialFunctions.trigamma(1.0)).isCloseTo(Math.PI * Math.PI / 6, within(1e-15));
        assertThat(SpecialFunctions.trigamma(0.5)).isCloseTo(Math.PI * Math.PI / 2, within(1e-14));
        assertThat(SpecialFunctions.trigamma(2.0)).isCloseTo(Math.PI * Math.PI / 6 - 1, within(1e-15));
        // ψ′(1/4) = π² + 8G, G Catalan's constant
        assertThat(SpecialFunctions.trigamma(0.25)).isCloseTo(Math.PI * Math.PI + 8 * 0.915965594177219015,
                within(1e-13));
        assertThat(SpecialFunctions.trigamma(3.25) - SpecialFunctions.trigamma(4.25)).isCloseTo(1 / (3.25 * 3.25),
                within(1e-15));
        for (double x : new double[] {1e-3, 0.37, 2.9, 14.9, 15.1, 80.0, 1e4}) {
            double h = 1e-5 * x;
            double derivative = (SpecialFunctions.digamma(x + h) - SpecialFunctions.digamma(x - h)) / (2 * h);
            assertThat(SpecialFunctions.trigamma(x)).as("x = %s", x)
                    .isCloseTo(derivative, within(1e-7 * SpecialFunctions.trigamma(x)));
        }
        assertThatThrownBy(() -> SpecialFunctions.trigamma(0.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void digammaMatchesClosedForms() {
        assertThat(SpecialFunctions.digamma(1.0)).isCloseTo(-EULER_GAMMA, within(1e-15));
        assertThat(SpecialFunctions.digamma(0.5)).isCloseTo(-EULER_GAMMA - 2 * Math.log(2), within(1e-14));
        assertThat(SpecialFunctions.digamma(7.3)).isCloseTo(1.917820335637986, within(1e-14));
        // ψ(x + 1) = ψ(x) + 1/x
        assertThat(SpecialFunctions.digamma(3.25) - SpecialFunctions.digamma(2.25)).isCloseTo(1 / 2.25, within(1e-14));
    }

    @Test
    void logBetaKeepsPrecisionForLargeArguments() {
        // ln B(500, 0.5) = -2.5346891063280624 and ln B(1e4, 2.5) = -22.741355546968709 (mpmath at 40 digits;
        // SciPy 1.17 betaln is off by 3e-13 and 1.5e-11 here)
        assertThat(SpecialFunctions.logBeta(500, 0.5)).isCloseTo(-2.5346891063280624, within(1e-14));
        assertThat(SpecialFunctions.logBeta(2.5, 1e4)).isCloseTo(-22.741355546968709, within(1e-13));
        assertThat(SpecialFunctions.logBeta(3, 4)).isCloseTo(Math.log(1.0 / 60.0), within(1e-14));
        assertThat(SpecialFunctions.logBeta(20, 30)).isCloseTo(SpecialFunctions.logGamma(20)
                + SpecialFunctions.logGamma(30) - SpecialFunctions.logGamma(50), within(1e-12));
    }

    @Test
    void regularizedBetaMatchesBinomialSumsAndReferenceValues() {
        // I_0.5(2, 3) = sum_{j=2}^{4} C(4, j) / 16 = (6 + 4 + 1) / 16
        assertThat(SpecialFunctions.regularizedBeta(0.5, 2, 3)).isCloseTo(11.0 / 16.0, within(1e-15));
        // I_x(1, 1) = x
        assertThat(SpecialFunctions.regularizedBeta(0.3, 1, 1)).isCloseTo(0.3, within(1e-14));
        assertThat(SpecialFunctions.regularizedBeta(0.01, 0.5, 10.25)).isCloseTo(0.34614437940742926, within(1e-14));
        assertThat(SpecialFunctions.regularizedBeta(0.45, 30, 40)).isCloseTo(0.6447480085585666, within(1e-13));
        assertThat(SpecialFunctions.regularizedBeta(0.0, 2, 3)).isZero();
        assertThat(SpecialFunctions.regularizedBeta(1.0, 2, 3)).isEqualTo(1.0);
    }

    @Test
    void erfcMatchesReferenceValues() {
        assertThat(SpecialFunctions.erfc(0.0)).isEqualTo(1.0);
        assertThat(SpecialFunctions.erfc(0.5)).isCloseTo(0.4795001221869535, within(1e-15));
        assertThat(SpecialFunctions.erfc(1.0)).isCloseTo(0.15729920705028516, within(1e-15));
        assertThat(SpecialFunctions.erfc(-1.2)).isCloseTo(1.9103139782296354, within(1e-15));
        assertThat(SpecialFunctions.erfc(5.0)).isCloseTo(1.5374597944280347e-12, within(1e-25));
    }

    @Test
    void rejectsArgumentsOutsideTheDomain() {
        assertThatThrownBy(() -> SpecialFunctions.logGamma(0.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("> 0").hasMessageContaining("0.0");
        assertThatThrownBy(() -> SpecialFunctions.logGamma(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpecialFunctions.digamma(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpecialFunctions.regularizedBeta(1.5, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> SpecialFunctions.regularizedBeta(0.5, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpecialFunctions.erfc(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void regularizedGammaQMatchesMpmath() {
        // mpmath gammainc(a, x, inf, regularized=True): Q(2, 1.5) = 0.557825400371074572, Q(0.5, 3) =
        // 0.0143058784354296395, Q(7.5, 2) = 0.997737344152916921, Q(3, 10) = 0.00276939571551157594; to the
        // documented relative accuracy of about 1e-14
        assertThat(SpecialFunctions.regularizedGammaQ(2, 1.5)).isCloseTo(0.557825400371074572, within(1e-14));
        assertThat(SpecialFunctions.regularizedGammaQ(0.5, 3)).isCloseTo(0.0143058784354296395, within(1e-16));
        assertThat(SpecialFunctions.regularizedGammaQ(7.5, 2)).isCloseTo(0.997737344152916921, within(1e-14));
        assertThat(SpecialFunctions.regularizedGammaQ(3, 10)).isCloseTo(0.00276939571551157594, within(3e-17));
        assertThat(SpecialFunctions.regularizedGammaQ(2, 0)).isEqualTo(1.0);
        assertThat(SpecialFunctions.regularizedGammaQ(2, Double.POSITIVE_INFINITY)).isZero();
        assertThatThrownBy(() -> SpecialFunctions.regularizedGammaQ(0, 1))
                .hasMessage("a must be > 0 and x >= 0 for regularizedGammaQ, were 0.0 and 1.0");
        assertThatThrownBy(() -> SpecialFunctions.regularizedGammaQ(1, -1))
                .hasMessage("a must be > 0 and x >= 0 for regularizedGammaQ, were 1.0 and -1.0");
    }

    @Test
    void valuesAtAndAboveTheAsymptoticThresholdAndDomainMessages() {
        // mpmath: ψ(15) = 2.67434666166079370, ψ(40.5) = 3.68890549293323358; ln Γ(15) = 25.1912211827386815;
        // ln B(15, 2.5) = -6.60521084273574883, ln B(14.9, 0.3) = 0.292467008269775934
        assertThat(SpecialFunctions.digamma(15)).isCloseTo(2.67434666166079370, within(1e-15));
        assertThat(SpecialFunctions.digamma(40.5)).isCloseTo(3.68890549293323358, within(1e-15));
        assertThat(SpecialFunctions.logGamma(15)).isCloseTo(25.1912211827386815, within(1e-14));
        assertThat(SpecialFunctions.logBeta(15, 2.5)).isCloseTo(-6.60521084273574883, within(1e-14));
        assertThat(SpecialFunctions.logBeta(14.9, 0.3)).isCloseTo(0.292467008269775934, within(1e-14));
        assertThat(SpecialFunctions.logGamma(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> SpecialFunctions.digamma(0)).hasMessage("x must be > 0 for digamma, was 0.0");
        assertThatThrownBy(() -> SpecialFunctions.logBeta(0, 1)).hasMessage("a and b must be > 0 for logBeta, were 0.0 and 1.0");
        assertThatThrownBy(() -> SpecialFunctions.logBeta(1, 0)).hasMessage("a and b must be > 0 for logBeta, were 1.0 and 0.0");
        assertThatThrownBy(() -> SpecialFunctions.regularizedBeta(0.5, 0, 1))
                .hasMessage("a and b must be > 0 for regularizedBeta, were 0.0 and 1.0");
        assertThatThrownBy(() -> SpecialFunctions.regularizedBeta(0.5, 1, 0))
                .hasMessage("a and b must be > 0 for regularizedBeta, were 1.0 and 0.0");
    }
}
