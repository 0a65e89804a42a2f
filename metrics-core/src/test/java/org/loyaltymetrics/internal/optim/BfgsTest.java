package org.loyaltymetrics.internal.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BfgsTest {

    /** Rosenbrock's function, minimum 0 at (1, 1). */
    private static final Objective ROSENBROCK = (x, g) -> {
        double a = 1 - x[0];
        double b = x[1] - x[0] * x[0];
        if (g != null) {
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
        }
        return a * a + 100 * b * b;
    };

    @Test
    void minimisesRosenbrockFromTheClassicStart() {
        Bfgs.Result result = Bfgs.minimize(ROSENBROCK, new double[] {-1.2, 1.0}, 1e-10, 500, 2.0);
        assertThat(result.converged()).isTrue();
        assertThat(result.point()[0]).isCloseTo(1.0, within(1e-8));
        assertThat(result.point()[1]).isCloseTo(1.0, within(1e-8));
        assertThat(result.value()).isLessThan(1e-15);
        // deterministic
        assertThat(Bfgs.minimize(ROSENBROCK, new double[] {-1.2, 1.0}, 1e-10, 500, 2.0).point()).isEqualTo(result.point());
        // and with central-difference gradients
        Objective numeric = Derivatives.withCentralDifferences((x, g) -> ROSENBROCK.value(x, null), 2);
        Bfgs.Result approximate = Bfgs.minimize(numeric, new double[] {-1.2, 1.0}, 1e-7, 500, 2.0);
        assertThat(approximate.point()[0]).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void reportsNonConvergenceAndRejectsANonFiniteStart() {
        Bfgs.Result result = Bfgs.minimize(ROSENBROCK, new double[] {-1.2, 1.0}, 1e-10, 3, 2.0);
        assertThat(result.converged()).isFalse();
        assertThat(result.iterations()).isEqualTo(3);
        assertThatThrownBy(() -> Bfgs.minimize((x, g) -> Double.NaN, new double[] {0}, 1e-9, 10, 1.0))
                .isInstanceOf(IllegalArgumentException.class);
        // a region where the objective is undefined is backed away from
        Objective walled = (x, g) -> {
            if (x[0] > 2) {
                return Double.POSITIVE_INFINITY;
            }
            if (g != null) {
                g[0] = 2 * (x[0] - 1.9);
            }
            return (x[0] - 1.9) * (x[0] - 1.9);
        };
        assertThat(Bfgs.minimize(walled, new double[] {-5}, 1e-12, 100, 10.0).point()[0]).isCloseTo(1.9, within(1e-9));
    }

    @Test
    void hessianCholeskyAndInverse() {
        double[][] hessian = Derivatives.hessian(ROSENBROCK, new double[] {1, 1});
        // exact: [[802, -400], [-400, 200]]
        assertThat(hessian[0][0]).isCloseTo(802, within(1e-4));
        assertThat(hessian[0][1]).isCloseTo(-400, within(1e-6));
        assertThat(hessian[1][0]).isEqualTo(hessian[0][1]);
        double[][] inverse = Matrices.inverse(new double[][] {{4, 2}, {2, 3}});
        assertThat(inverse[0][0]).isCloseTo(3.0 / 8, within(1e-15));
        assertThat(inverse[0][1]).isCloseTo(-2.0 / 8, within(1e-15));
        assertThat(inverse[1][1]).isCloseTo(4.0 / 8, within(1e-15));
        assertThat(Matrices.inverse(new double[][] {{1, 2}, {2, 1}})).isNull();
        assertThat(Matrices.cholesky(new double[][] {{Double.NaN}})).isNull();
    }

    @Test
    void quadraticInterpolationFindsTheMinimumOfAParabolaInOneBacktrack() {
        // f = 4 (x − 1)², x = 0: g = −8, d = 8, slope −64; the full step to x = 8 gives f = 196, failing Armijo;
        // the parabola through f(0) = 4, slope −64 and f(8) = 196 has its minimum at step 64/(2 (196 − 4 + 64))
        // = 0.125, x = 1 exactly: converged after 1 iteration and 3 evaluations
        Objective parabola = (x, g) -> {
            g[0] = 8 * (x[0] - 1);
            return 4 * (x[0] - 1) * (x[0] - 1);
        };
        Bfgs.Result result = Bfgs.minimize(parabola, new double[] {0}, 1e-12, 100, 10);
        assertThat(result.point()).containsExactly(1.0);
        assertThat(result.value()).isZero();
        assertThat(result.gradient()).containsExactly(0.0);
        assertThat(result.iterations()).isEqualTo(1);
        assertThat(result.evaluations()).isEqualTo(3);
        assertThat(result.converged()).isTrue();
    }

    @Test
    void aStepIntoTheUndefinedRegionIsCutToAQuarter() {
        // f = (x − 1)², undefined beyond 1.2; x = 0, g = −2, d = 2; maxStep 1.5 caps the step at 0.75 (x = 1.5,
        // undefined), a quarter of it is 0.1875: x = 0.375 after the one iteration allowed
        Objective walled = (x, g) -> {
            if (x[0] > 1.2) {
                return Double.POSITIVE_INFINITY;
            }
            g[0] = 2 * (x[0] - 1);
            return (x[0] - 1) * (x[0] - 1);
        };
        Bfgs.Result result = Bfgs.minimize(walled, new double[] {0}, 1e-12, 1, 1.5);
        assertThat(result.point()).containsExactly(0.375);
        assertThat(result.value()).isEqualTo(0.390625);
        assertThat(result.iterations()).isEqualTo(1);
        assertThat(result.evaluations()).isEqualTo(3);
        assertThat(result.converged()).isFalse();
    }

    @Test
    void aPointWithoutAFiniteGradientIsNotAccepted() {
        // f = (x − 1)², its gradient undefined beyond 1.5; maxStep 1.8 caps the step at 0.9: x = 1.8 would pass
        // Armijo (0.64 <= 1 − 0.00036) but has no gradient, so the step is cut to 0.45 (the parabola's 0.5 capped
        // at half the step): x = 0.9
        Objective noGradientBeyond = (x, g) -> {
            g[0] = x[0] > 1.5 ? Double.NaN : 2 * (x[0] - 1);
            return (x[0] - 1) * (x[0] - 1);
        };
        Bfgs.Result result = Bfgs.minimize(noGradientBeyond, new double[] {0}, 1e-12, 1, 1.8);
        assertThat(result.point()[0]).isCloseTo(0.9, within(1e-15));
        assertThat(result.gradient()[0]).isCloseTo(-0.2, within(1e-15));
    }

    @Test
    void aStepWhosePromisedDecreaseIsWithinTheValuesRoundingIsTakenUnlessTheValueRisesByMore() {
        // f = 1000 + (x − 1)²/2 with the value's last digits off by 1e-12 at x = 1, as a sum of thousands of
        // terms is: from x₀ = 1 + 2⁻²⁰ (g = 2⁻²⁰) the first step lands on x = 1 exactly, promising a decrease of
        // 2⁻⁴¹ ≈ 4.5e-13, below the rounding 1e-14 × 1000; the value there is 5e-13 higher (no Armijo decrease),
        // and the step is taken: two evaluations, the minimum, converged
        double x0 = 1.0 + 0x1p-20;
        Objective rounded = (x, g) -> {
            g[0] = x[0] - 1.0;
            return 1000.0 + 0.5 * (x[0] - 1.0) * (x[0] - 1.0) + (x[0] == 1.0 ? 1e-12 : 0.0);
        };
        Bfgs.Result result = Bfgs.minimize(rounded, new double[] {x0}, 1e-12, 100, 1);
        assertThat(result.point()).containsExactly(1.0);
        assertThat(result.evaluations()).isEqualTo(2);
        assertThat(result.converged()).isTrue();
        // where the value rises by more than the rounding, the step is not taken: backtracking goes on
        Objective worse = (x, g) -> {
            g[0] = x[0] - 1.0;
            return 1000.0 + 0.5 * (x[0] - 1.0) * (x[0] - 1.0) + (x[0] == 1.0 ? 1e-9 : 0.0);
        };
        assertThat(Bfgs.minimize(worse, new double[] {x0}, 1e-12, 100, 1).evaluations()).isGreaterThan(2);
    }

    @Test
    void aLineSearchThatFindsNothingStopsWhereItIs() {
        // every point but the start is undefined: 60 backtracks, then the start is returned after 61 evaluations;
        // converged only if the gradient there is within 1000 times the tolerance
        Objective nowhere = (x, g) -> {
            g[0] = 1e-7;
            return x[0] == 0 ? 0.0 : Double.POSITIVE_INFINITY;
        };
        Bfgs.Result small = Bfgs.minimize(nowhere, new double[] {0}, 1e-9, 100, 1);
        assertThat(small.point()).containsExactly(0.0);
        assertThat(small.iterations()).isZero();
        assertThat(small.evaluations()).isEqualTo(61);
        assertThat(small.converged()).isTrue();
        assertThat(Bfgs.minimize(nowhere, new double[] {0}, 1e-11, 100, 1).converged()).isFalse();
    }

    @Test
    void aSingularMatrixHasNoCholeskyFactorNorInverse() {
        // [[1, 1], [1, 1]] is positive semi-definite with a zero pivot: 1 − 1² = 0
        assertThat(Matrices.cholesky(new double[][] {{1, 1}, {1, 1}})).isNull();
        assertThat(Matrices.inverse(new double[][] {{1, 1}, {1, 1}})).isNull();
        assertThat(Matrices.cholesky(new double[][] {{4, 2}, {2, 2}})).isEqualTo(new double[][] {{2, 0}, {1, 1}});
    }
}
