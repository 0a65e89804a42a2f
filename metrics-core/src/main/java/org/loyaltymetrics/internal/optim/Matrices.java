package org.loyaltymetrics.internal.optim;

/** Small dense symmetric matrices: Cholesky factorisation, inverse, solve. */
public final class Matrices {

    private Matrices() {
    }

    /**
     * The lower Cholesky factor L of a symmetric positive definite matrix (A = L Lᵀ), or null if the
     * matrix is not positive definite (or has a non-finite entry).
     */
    public static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0.0) || !Double.isFinite(sum)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        return l;
    }

    /** Solves A x = b given the Cholesky factor L of A. */
    public static double[] solve(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * y[k];
            }
            y[i] = sum / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k][i] * x[k];
            }
            x[i] = sum / l[i][i];
        }
        return x;
    }

    /** The inverse of a symmetric positive definite matrix, or null if it is not positive definite. */
    public static double[][] inverse(double[][] a) {
        double[][] l = cholesky(a);
        if (l == null) {
            return null;
        }
        int n = a.length;
        double[][] inverse = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] unit = new double[n];
            unit[j] = 1.0;
            double[] column = solve(l, unit);
            for (int i = 0; i < n; i++) {
                inverse[i][j] = column[i];
            }
        }
        return inverse;
    }
}
