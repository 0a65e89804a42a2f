package org.loyaltymetrics.internal;

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
 */
public final class Quadrature {

    /** f(p) · p · (1 − p), given p, q = 1 − p, ln p and ln q. */
    @FunctionalInterface
    public interface WeightedIntegrand {
        /** Returns f(p) · p · q. */
        double value(double p, double q, double logP, double logQ);
    }

    private static final int MAX_LEVEL = 9;
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
}
