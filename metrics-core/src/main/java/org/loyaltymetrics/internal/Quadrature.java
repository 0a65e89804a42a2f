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

    /** The levels of {@link #unitInterval} whose nodes are computed with the class (68,000 bytes). */
    private static final int EAGER_LEVELS = 7;

    /**
     * The nodes of {@link #unitInterval}'s first {@link #EAGER_LEVELS} levels ({@link #unitNodes}) and of all
     * levels of {@link #panels} ({@link #panelNodes}, 57,000 bytes): the numbers each call computed before,
     * computed once; the sums, in the same order, are the same to the bit.
     */
    private static final double[][] UNIT_NODES = new double[EAGER_LEVELS][];
    private static final double[][] PANEL_NODES = new double[MAX_PANEL_LEVEL + 1][];

    static {
        for (int level = 0; level < EAGER_LEVELS; level++) {
            UNIT_NODES[level] = unitNodes(level);
        }
        for (int level = 0; level <= MAX_PANEL_LEVEL; level++) {
            PANEL_NODES[level] = panelNodes(level);
        }
    }

    /** The nodes of {@link #unitInterval}'s last levels (470,000 bytes), computed when an integral first needs them. */
    private static final class DeepLevels {
        static final double[][] UNIT_NODES = new double[MAX_LEVEL + 1 - EAGER_LEVELS][];

        static {
            for (int level = EAGER_LEVELS; level <= MAX_LEVEL; level++) {
                UNIT_NODES[level - EAGER_LEVELS] = unitNodes(level);
            }
        }
    }

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
        double sum = addPairs(integrand, UNIT_NODES[0], 5, node(integrand, UNIT_NODES[0], 0));
        double estimate = h * sum;
        for (int level = 1; level <= MAX_LEVEL; level++) {
            h /= 2.0;
            sum = addPairs(integrand, level < EAGER_LEVELS ? UNIT_NODES[level]
                    : DeepLevels.UNIT_NODES[level - EAGER_LEVELS], 0, sum);
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

    /**
     * The nodes that level {@code level} of {@link #unitInterval} adds, in the order they are summed: for level
     * 0 (step ½) u = 0, then ±k/2 for k = 1, 2, ... up to {@link #U_MAX}; for level ℓ the odd multiples ±k·h of
     * its step h = ½^(ℓ+1). Each node is five numbers: p, q = 1 − p, ln p, ln q and cosh u.
     */
    private static double[] unitNodes(int level) {
        double h = 0.5 / (1 << level);
        int stride = level == 0 ? 1 : 2;
        int count = level == 0 ? 1 : 0;
        for (int k = 1; k * h <= U_MAX; k += stride) {
            count += 2;
        }
        double[] nodes = new double[5 * count];
        int i = 0;
        if (level == 0) {
            i = unitNode(nodes, i, 0.0);
        }
        for (int k = 1; k * h <= U_MAX; k += stride) {
            i = unitNode(nodes, i, k * h);
            i = unitNode(nodes, i, -k * h);
        }
        return nodes;
    }

    private static int unitNode(double[] nodes, int i, double u) {
        double s = Math.PI * Math.sinh(u);
        // ln p = −ln(1 + e^(−s)), ln q = −ln(1 + e^s), each evaluated where the exponential cannot overflow.
        double logP = s >= 0 ? -Math.log1p(Math.exp(-s)) : s - Math.log1p(Math.exp(s));
        double logQ = s >= 0 ? -s - Math.log1p(Math.exp(-s)) : -Math.log1p(Math.exp(s));
        nodes[i] = Math.exp(logP);
        nodes[i + 1] = Math.exp(logQ);
        nodes[i + 2] = logP;
        nodes[i + 3] = logQ;
        nodes[i + 4] = Math.cosh(u);
        return i + 5;
    }

    /** {@code sum} plus the level's pairs of nodes ±u from node {@code from} on, each pair summed first. */
    private static double addPairs(WeightedIntegrand integrand, double[] nodes, int from, double sum) {
        for (int i = from; i < nodes.length; i += 10) {
            sum += node(integrand, nodes, i) + node(integrand, nodes, i + 5);
        }
        return sum;
    }

    /** f(p) p q · π cosh u at the node that starts at {@code nodes[i]}. */
    private static double node(WeightedIntegrand integrand, double[] nodes, int i) {
        double value = integrand.value(nodes[i], nodes[i + 1], nodes[i + 2], nodes[i + 3]);
        return value == 0.0 ? 0.0 : value * Math.PI * nodes[i + 4];
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
            sums[i] = addPanelPairs(f, center, half, PANEL_NODES[0], 2, panelNode(f, center, half, PANEL_NODES[0], 0));
            estimate += h * half * sums[i];
        }
        double error = Double.POSITIVE_INFINITY;
        for (int level = 1; level <= MAX_PANEL_LEVEL; level++) {
            h /= 2.0;
            double next = 0.0;
            for (int i = 0; i < panels; i++) {
                double center = 0.5 * (breaks[i] + breaks[i + 1]);
                double half = 0.5 * (breaks[i + 1] - breaks[i]);
                sums[i] = addPanelPairs(f, center, half, PANEL_NODES[level], 0, sums[i]);
                next += h * half * sums[i];
            }
            error = Math.abs(next - estimate);
            estimate = next;
            if (level >= 3 && error <= tolerance * Math.abs(known + next)) {
                break;
            }
        }
        return new Estimate(estimate, error);
    }

    /**
     * The nodes that level {@code level} of {@link #panels} adds to a panel, in the order they are summed (as
     * {@link #unitNodes}, up to {@link #PANEL_U_MAX}), each as tanh(π/2 sinh u) and its weight π/2 cosh u /
     * cosh²(π/2 sinh u), both 0 where the weight underflows.
     */
    private static double[] panelNodes(int level) {
        double h = 0.5 / (1 << level);
        int stride = level == 0 ? 1 : 2;
        int count = level == 0 ? 1 : 0;
        for (int j = 1; j * h <= PANEL_U_MAX; j += stride) {
            count += 2;
        }
        double[] nodes = new double[2 * count];
        int i = 0;
        if (level == 0) {
            i = panelNode(nodes, i, 0.0);
        }
        for (int j = 1; j * h <= PANEL_U_MAX; j += stride) {
            i = panelNode(nodes, i, j * h);
            i = panelNode(nodes, i, -j * h);
        }
        return nodes;
    }

    private static int panelNode(double[] nodes, int i, double u) {
        double s = 0.5 * Math.PI * Math.sinh(u);
        double cosh = Math.cosh(s);
        double weight = 0.5 * Math.PI * Math.cosh(u) / (cosh * cosh);
        nodes[i] = weight == 0.0 ? 0.0 : Math.tanh(s);
        nodes[i + 1] = weight;
        return i + 2;
    }

    /** {@code sum} plus a panel's pairs of nodes ±u of one level from node {@code from} on, each pair first. */
    private static double addPanelPairs(DoubleUnaryOperator f, double center, double half, double[] nodes, int from,
            double sum) {
        for (int i = from; i < nodes.length; i += 4) {
            sum += panelNode(f, center, half, nodes, i) + panelNode(f, center, half, nodes, i + 2);
        }
        return sum;
    }

    /** f(c + m·x) · w at the node that starts at {@code nodes[i]}, of a panel of center c and half-width m. */
    private static double panelNode(DoubleUnaryOperator f, double center, double half, double[] nodes, int i) {
        double weight = nodes[i + 1];
        if (weight == 0.0) {
            return 0.0;
        }
        double value = f.applyAsDouble(center + half * nodes[i]);
        return value == 0.0 ? 0.0 : value * weight;
    }
}
