package org.loyaltymetrics.internal.optim;

/**
 * Finite-difference derivatives. Central differences with step h = ε^(1/3) · max(1, |xᵢ|) for
 * gradients (error O(h²), about 1e-10 relative), and for Hessians central differences of the
 * gradient, symmetrised.
 */
public final class Derivatives {

    private static final double GRADIENT_STEP = 6e-6;
    private static final double HESSIAN_STEP = 1e-4;

    private Derivatives() {
    }

    /** {@code objective} with its gradient computed by central differences of its values. */
    public static Objective withCentralDifferences(Objective objective, int dimension) {
        return (x, gradient) -> {
            double value = objective.value(x, null);
            if (gradient != null) {
                centralGradient(objective, x, gradient, dimension);
            }
            return value;
        };
    }

    /** Writes the central-difference gradient of {@code objective}'s values at {@code x}. */
    public static void centralGradient(Objective objective, double[] x, double[] gradient, int dimension) {
        double[] point = x.clone();
        for (int i = 0; i < dimension; i++) {
            double h = GRADIENT_STEP * Math.max(1.0, Math.abs(x[i]));
            point[i] = x[i] + h;
            double up = objective.value(point, null);
            point[i] = x[i] - h;
            double down = objective.value(point, null);
            point[i] = x[i];
            gradient[i] = (up - down) / (2.0 * h);
        }
    }

    /**
     * The Hessian at {@code x} by central differences of the gradient, (g(x + h eⱼ) − g(x − h eⱼ)) / 2h,
     * symmetrised as (H + Hᵀ) / 2, the 2n gradients evaluated in parallel (on the fork-join pool of the
     * caller, or the common pool): the objective must allow calls from several threads at once. Entries
     * are NaN where the objective is not finite nearby.
     */
    public static double[][] hessian(Objective objective, double[] x) {
        int n = x.length;
        double[][] hessian = new double[n][n];
        // the 2n gradients are independent: they are evaluated in parallel (the objective must allow calls
        // from several threads) and combined in order, the same on any number of cores
        double[][] gradients = new double[2 * n][n];
        java.util.stream.IntStream.range(0, 2 * n).parallel().forEach(e -> {
            int j = e / 2;
            double[] point = x.clone();
            point[j] = x[j] + (e % 2 == 0 ? 1.0 : -1.0) * HESSIAN_STEP * Math.max(1.0, Math.abs(x[j]));
            objective.value(point, gradients[e]);
        });
        for (int j = 0; j < n; j++) {
            double h = HESSIAN_STEP * Math.max(1.0, Math.abs(x[j]));
            double[] up = gradients[2 * j];
            double[] down = gradients[2 * j + 1];
            for (int i = 0; i < n; i++) {
                hessian[i][j] = (up[i] - down[i]) / (2.0 * h);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double mean = 0.5 * (hessian[i][j] + hessian[j][i]);
                hessian[i][j] = mean;
                hessian[j][i] = mean;
            }
        }
        return hessian;
    }
}
