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
}
