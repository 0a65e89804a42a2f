package org.loyaltymetrics.internal.optim;

/**
 * Unconstrained minimisation by the BFGS quasi-Newton method (Nocedal &amp; Wright 2006, algorithm 6.1)
 * with a backtracking line search that enforces the Armijo condition, interpolating quadratically
 * and treating non-finite values as "too far"; the inverse-Hessian update is skipped when the
 * curvature condition fails, and the method falls back to steepest descent when the quasi-Newton
 * direction is not a descent direction. It is deterministic: the same objective and start give the
 * same iterates.
 *
 * <p>Stops when the largest gradient component is at most {@code gradientTolerance}, or when a full
 * iteration no longer changes the value (relative 1e-15) and the gradient is small (at most 1000
 * times the tolerance); otherwise after {@code maxIterations}, unconverged. A step whose whole promised
 * decrease is within the value's rounding (relative 1e-14) is taken where the value rises by no more
 * than that: backtracking could not tell better from worse there.
 */
public final class Bfgs {

    private static final double ARMIJO = 1e-4;

    /**
     * The relative size of an objective's rounding (a sum of thousands of terms): a step whose promised
     * decrease is below it is taken if the value does not rise by more, since backtracking cannot see a
     * decrease there (near a minimum, where the quasi-Newton step still shrinks the gradient).
     */
    private static final double ROUNDING = 1e-14;
    private static final int MAX_BACKTRACKS = 60;

    /**
     * The outcome of a minimisation, with the approximation of the inverse Hessian where it stopped (to
     * start another minimisation of a similar objective from).
     */
    public record Result(double[] point, double value, double[] gradient, int iterations, int evaluations,
            boolean converged, double[][] inverseHessian) {
    }

    private Bfgs() {
    }

    /**
     * Minimises {@code objective} from {@code start}. No step moves a coordinate by more than
     * {@code maxStep}.
     *
     * @throws IllegalArgumentException if the objective or its gradient is not finite at the start
     */
    public static Result minimize(Objective objective, double[] start, double gradientTolerance, int maxIterations,
            double maxStep) {
        return minimize(objective, start, gradientTolerance, maxIterations, maxStep, null);
    }

    /**
     * Minimises {@code objective} from {@code start} with {@code inverseHessian} (a symmetric positive
     * definite matrix, not changed) as the first approximation of the inverse Hessian, or, if it is null,
     * the identity scaled after the first step.
     *
     * @throws IllegalArgumentException if the objective or its gradient is not finite at the start
     */
    public static Result minimize(Objective objective, double[] start, double gradientTolerance, int maxIterations,
            double maxStep, double[][] inverseHessian) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double f = objective.value(x, g);
        int evaluations = 1;
        if (!Double.isFinite(f) || !allFinite(g)) {
            throw new IllegalArgumentException("the objective is not finite at the start point");
        }
        double[][] h = identity(n);
        boolean scaled = false;
        if (inverseHessian != null) {
            for (int i = 0; i < n; i++) {
                h[i] = inverseHessian[i].clone();
            }
            scaled = true;
        }
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        double[] d = new double[n];
        int quietIterations = 0;
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            if (maxAbs(g) <= gradientTolerance) {
                return new Result(x, f, g, iteration, evaluations, true, h);
            }
            multiply(h, g, d);
            double slope = 0.0;
            for (int i = 0; i < n; i++) {
                d[i] = -d[i];
                slope += d[i] * g[i];
            }
            if (!(slope < 0.0)) {
                h = identity(n);
                scaled = false;
                slope = 0.0;
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                    slope -= g[i] * g[i];
                }
            }
            double step = Math.min(1.0, maxStep / Math.max(maxAbs(d), 1e-300));
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int backtrack = 0; backtrack < MAX_BACKTRACKS; backtrack++) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * d[i];
                }
                fNew = objective.value(xNew, gNew);
                evaluations++;
                double noise = ROUNDING * Math.max(1.0, Math.abs(f));
                if (Double.isFinite(fNew) && allFinite(gNew) && (fNew <= f + ARMIJO * step * slope
                        || -slope * step <= noise && fNew <= f + noise)) {
                    // the Armijo decrease, or, where the whole decrease the step promises is within the
                    // value's rounding and none can be seen, a value no higher than that rounding
                    accepted = true;
                    break;
                }
                double next;
                if (Double.isFinite(fNew)) {
                    // minimiser of the quadratic through f, the slope and fNew, kept in [0.1, 0.5] of the step
                    next = -slope * step * step / (2.0 * (fNew - f - slope * step));
                    next = Math.max(0.1 * step, Math.min(0.5 * step, next));
                } else {
                    next = 0.25 * step;
                }
                step = next;
            }
            if (!accepted) {
                return new Result(x, f, g, iteration, evaluations, maxAbs(g) <= 1000 * gradientTolerance, h);
            }
            double sy = 0.0;
            double yy = 0.0;
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
                sy += s[i] * y[i];
                yy += y[i] * y[i];
            }
            if (sy > 1e-12 * Math.sqrt(yy) * norm(s)) {
                if (!scaled) {
                    h = identity(n);
                    for (int i = 0; i < n; i++) {
                        h[i][i] = sy / yy;
                    }
                    scaled = true;
                }
                update(h, s, y, sy);
            }
            boolean quiet = Math.abs(f - fNew) <= 1e-15 * Math.max(1.0, Math.abs(f));
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            f = fNew;
            quietIterations = quiet ? quietIterations + 1 : 0;
            if (quietIterations >= 3) {
                return new Result(x, f, g, iteration + 1, evaluations, maxAbs(g) <= 1000 * gradientTolerance, h);
            }
        }
        return new Result(x, f, g, maxIterations, evaluations, maxAbs(g) <= gradientTolerance, h);
    }

    /** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / sᵀy. */
    private static void update(double[][] h, double[] s, double[] y, double sy) {
        int n = s.length;
        double rho = 1.0 / sy;
        double[] hy = new double[n];
        multiply(h, y, hy);
        double yhy = 0.0;
        for (int i = 0; i < n; i++) {
            yhy += y[i] * hy[i];
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] += rho * ((1.0 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]);
            }
        }
    }

    private static void multiply(double[][] m, double[] v, double[] out) {
        for (int i = 0; i < v.length; i++) {
            double sum = 0.0;
            for (int j = 0; j < v.length; j++) {
                sum += m[i][j] * v[j];
            }
            out[i] = sum;
        }
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1.0;
        }
        return m;
    }

    private static double maxAbs(double[] v) {
        double max = 0.0;
        for (double value : v) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }

    private static double norm(double[] v) {
        double sum = 0.0;
        for (double value : v) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }

    private static boolean allFinite(double[] v) {
        for (double value : v) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }
}
