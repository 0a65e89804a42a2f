package org.loyaltymetrics.internal;

import java.util.function.DoubleUnaryOperator;

/**
 * Tanh-sinh (double-exponential) quadrature on the unit interval (Takahasi &amp; Mori 1974): the
 * substitution p = 1 / (1 + e^(−π sinh u)) turns ∫₀¹ f(p) dp into ∫ f(p) π cosh(u) p (1 − p) du over
 * the real line, whose integrand falls double-exponentially, so the trapezoidal rule with step h
 * converges fast even when f has algebraic singularities at 0 or 1 (such as p^(a−1) in a beta density
 * with a &lt; 1). The step is halved until two estimates agree to the tolerance.
 *
 * <p>The integrand is handed p, 1 − p (computed without cancellation) and their logarithms, and
 * returns f(p) · p · (1 − p): with the weight folded in, a singular factor such as p^(a−1) becomes
 * p^a, which stays finite where p underflows.
 *
 * <p>For integrands that are analytic on a finite interval, {@link #panels} applies the same rule on
 * panels between breakpoints (where the integrand changes character); it returns an {@link Estimate}
 * with the change of the last halving of the step as its error and never throws: the caller decides
 * what error it accepts.
 */
public final class Quadrature {

    /** f(p) · p · (1 − p), given p, q = 1 − p, ln p and ln q. */
    @FunctionalInterface
    public interface WeightedIntegrand {
        /** Returns f(p) · p · q. */
        double value(double p, double q, double logP, double logQ);
    }

    /** An integral and the estimate of its absolute error (the change of the last halving of the step). */
    public record Estimate(double value, double error) {
    }

    private static final int MAX_LEVEL = 9;
    /** The most halvings of the step of {@link #panels}: at most 15 · 2⁸ nodes per panel. */
    private static final int MAX_PANEL_LEVEL = 8;
    /** |u| beyond which the tanh-sinh weight of a finite interval is below e^(−π sinh 3.5) ≈ 1e-22. */
    private static final double PANEL_U_MAX = 3.5;
    /** |u| beyond which p or 1 − p is below e^(−π sinh 6.6) ≈ 1e-400: every term is negligible. */
    private static final double U_MAX = 6.6;

    private Quadrature() {
    }

    /**
     * ∫₀¹ f(p) dp to the relative tolerance {@code tolerance} (or an absolute 1e-300).
     *
     * @throws ArithmeticException if the estimates do not settle (an integrand that is not integrable
     *     or not finite)
     */
    public static double unitInterval(WeightedIntegrand integrand, double tolerance) {
        double h = 0.5;
        double sum = node(integrand, 0.0);
        for (int k = 1; k * h <= U_MAX; k++) {
            sum += node(integrand, k * h) + node(integrand, -k * h);
        }
        double estimate = h * sum;
        for (int level = 1; level <= MAX_LEVEL; level++) {
            h /= 2.0;
            for (int k = 1; k * h <= U_MAX; k += 2) {
                sum += node(integrand, k * h) + node(integrand, -k * h);
            }
            double next = h * sum;
            if (!Double.isFinite(next)) {
                break;
            }
            if (level >= 3 && Math.abs(next - estimate) <= tolerance * Math.abs(next) + 1e-300) {
                return next;
            }
            estimate = next;
        }
        throw new ArithmeticException("tanh-sinh quadrature did not converge (last estimate " + estimate + ")");
    }

    private static double node(WeightedIntegrand integrand, double u) {
        double s = Math.PI * Math.sinh(u);
        // ln p = −ln(1 + e^(−s)), ln q = −ln(1 + e^s), each evaluated where the exponential cannot overflow.
        double logP = s >= 0 ? -Math.log1p(Math.exp(-s)) : s - Math.log1p(Math.exp(s));
        double logQ = s >= 0 ? -s - Math.log1p(Math.exp(-s)) : -Math.log1p(Math.exp(s));
        double p = Math.exp(logP);
        double q = Math.exp(logQ);
        double value = integrand.value(p, q, logP, logQ);
        return value == 0.0 ? 0.0 : value * Math.PI * Math.cosh(u);
    }

    /**
     * ∫ f(x) dx from {@code breaks[0]} to {@code breaks[count − 1]}, as the sum of tanh-sinh rules on the
     * panels between consecutive breakpoints (ascending), x = c + m tanh(π/2 sinh u) on a panel of center c
     * and half-width m, the step in u halved for all panels together (from ½, at least three times) until
     * the total changes by no more than {@code tolerance} · |known + total|. {@code known} is the part of
     * the whole integral the caller has already (so that a panel that adds little is not refined for its
     * own sake). The integrand must be finite on the closed panels; an endpoint where it has a
     * singularity needs {@link #unitInterval} instead.
     *
     * @param breaks the breakpoints, ascending; the first {@code count} are used
     * @return the integral and its error estimate, the last one reached if the step reached its limit
     */
    public static Estimate panels(DoubleUnaryOperator f, double[] breaks, int count, double known,
            double tolerance) {
        int panels = count - 1;
        double h = 0.5;
        double[] sums = new double[panels];
        double estimate = 0.0;
        for (int i = 0; i < panels; i++) {
            double center = 0.5 * (breaks[i] + breaks[i + 1]);
            double half = 0.5 * (breaks[i + 1] - breaks[i]);
            double sum = panelNode(f, center, half, 0.0);
            for (int j = 1; j * h <= PANEL_U_MAX; j++) {
                sum += panelNode(f, center, half, j * h) + panelNode(f, center, half, -j * h);
            }
            sums[i] = sum;
            estimate += h * half * sum;
        }
        double error = Double.POSITIVE_INFINITY;
        for (int level = 1; level <= MAX_PANEL_LEVEL; level++) {
            h /= 2.0;
            double next = 0.0;
            for (int i = 0; i < panels; i++) {
                double center = 0.5 * (breaks[i] + breaks[i + 1]);
                double half = 0.5 * (breaks[i + 1] - breaks[i]);
                double sum = sums[i];
                for (int j = 1; j * h <= PANEL_U_MAX; j += 2) {
                    sum += panelNode(f, center, half, j * h) + panelNode(f, center, half, -j * h);
                }
                sums[i] = sum;
                next += h * half * sum;
            }
            error = Math.abs(next - estimate);
            estimate = next;
            if (level >= 3 && error <= tolerance * Math.abs(known + next)) {
                break;
            }
        }
        return new Estimate(estimate, error);
    }

    private static double panelNode(DoubleUnaryOperator f, double center, double half, double u) {
        double s = 0.5 * Math.PI * Math.sinh(u);
        double cosh = Math.cosh(s);
        double weight = 0.5 * Math.PI * Math.cosh(u) / (cosh * cosh);
        if (weight == 0.0) {
            return 0.0;
        }
        double value = f.applyAsDouble(center + half * Math.tanh(s));
        return value == 0.0 ? 0.0 : value * weight;
    }
}
