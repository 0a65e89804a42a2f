package org.loyaltymetrics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;

/**
 * The domain sweeps' independent reference: ln ∫ₐᵇ exp(φ(u)) du for a unimodal φ (log-concave or monotone
 * integrands, which every reference integral of the sweeps is, as each test states), by adaptive
 * Gauss–Kronrod (7, 15) quadrature in log space. It shares no code with the library: the library's
 * functions are evaluated by series, continued fractions and connection formulas, this by brute force.
 *
 * <p>Method: the maximum m of φ is found by golden-section search; the distance from m at which φ has
 * fallen by 1 on each side (the integrand by a factor e) is found by bisection, and panels are laid at
 * m ± that scale times 2ᵏ (k = −6, −5, …), so that a narrow peak and a long tail are both resolved;
 * every panel is integrated with the 15-point Kronrod rule on exp(φ − φ(m)), and the panels with the
 * largest |K15 − G7| (an eighth of them at a time) are bisected until the sum of those differences is
 * below the tolerance times the integral (|K15 − G7| overstates the error of K15 by orders of
 * magnitude on smooth panels).
 */
public final class ReferenceQuadrature {

    /** Kronrod nodes (QUADPACK qk15), the odd-indexed ones are the 7-point Gauss nodes. */
    private static final double[] NODES = {0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788, 0.586087235467691130294144845693013,
        0.405845151377397166906606412076961, 0.207784955007898467600689403773245, 0.0};
    private static final double[] KRONROD = {0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238, 0.169004726639267902826583426598550,
        0.190350578064785409913256402421014, 0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    private static final double[] GAUSS = {0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};
    private static final double GOLDEN = 0.6180339887498949;
    private static final int MAX_PANELS = 4_000;

    private ReferenceQuadrature() {
    }

    /**
     * ln ∫ₐᵇ exp(φ(u)) du to a relative accuracy of about 1e-12, or 1e-9 where the rounding of φ's
     * terms limits it, for finite a &lt; b and unimodal φ.
     */
    public static double logIntegral(DoubleUnaryOperator phi, double a, double b) {
        return logIntegral(phi, a, b, 1e-12);
    }

    /** ln ∫ₐᵇ exp(φ(u)) du to {@code tolerance} relative. */
    public static double logIntegral(DoubleUnaryOperator phi, double a, double b, double tolerance) {
        if (!(a < b) || !Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("bad interval " + a + ", " + b);
        }
        double mode = mode(phi, a, b);
        double peak = phi.applyAsDouble(mode);
        if (!Double.isFinite(peak)) {
            throw new IllegalStateException("the integrand is not finite at its mode " + mode + ": " + peak);
        }
        TreeSet<Double> cuts = new TreeSet<>();
        cuts.add(a);
        cuts.add(b);
        if (mode > a && mode < b) {
            cuts.add(mode);
        }
        addCuts(cuts, phi, mode, peak, a, -1);
        addCuts(cuts, phi, mode, peak, b, +1);
        PriorityQueue<Panel> panels = new PriorityQueue<>((p, q) -> Double.compare(q.error, p.error));
        Double previous = null;
        for (double cut : cuts) {
            if (previous != null && cut > previous) {
                panels.add(new Panel(phi, previous, cut, peak));
            }
            previous = cut;
        }
        for (int step = 0;; step++) {
            double total = 0.0;
            double error = 0.0;
            for (Panel panel : panels) {
                total += panel.value;
                error += panel.error;
            }
            if (!(total > 0.0) || !Double.isFinite(total)) {
                throw new IllegalStateException("the integral is not positive and finite: " + total);
            }
            if (error <= tolerance * total) {
                return peak + Math.log(total);
            }
            if (panels.size() > MAX_PANELS) {
                // |K15 − G7| has reached the rounding noise of φ, whose terms may be large (b ln w with
                // b = 2e4 and w = 1e-300 carries 1e-9 of noise): accept what is ten times below the
                // sweeps' 1e-8
                if (error <= 1e-9 * total) {
                    return peak + Math.log(total);
                }
                throw new IllegalStateException("the reference quadrature did not converge: error " + error
                        + " against " + total);
            }
            // bisect the worst panels, a batch at a time
            int batch = Math.max(1, panels.size() / 8);
            List<Panel> split = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                split.add(panels.poll());
            }
            for (Panel worst : split) {
                double middle = 0.5 * (worst.from + worst.to);
                if (middle > worst.from && middle < worst.to) {
                    panels.add(new Panel(phi, worst.from, middle, peak));
                    panels.add(new Panel(phi, middle, worst.to, peak));
                } else {
                    panels.add(worst.settled());
                }
            }
        }
    }

    /** ln(e^x + e^y), without overflow. */
    public static double logSum(double x, double y) {
        double max = Math.max(x, y);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        return max + Math.log1p(Math.exp(Math.min(x, y) - max));
    }

    /** The maximum of a unimodal φ on [a, b] by golden-section search, to the resolution of doubles. */
    private static double mode(DoubleUnaryOperator phi, double a, double b) {
        double lo = a;
        double hi = b;
        double x1 = hi - GOLDEN * (hi - lo);
        double x2 = lo + GOLDEN * (hi - lo);
        double f1 = phi.applyAsDouble(x1);
        double f2 = phi.applyAsDouble(x2);
        for (int i = 0; i < 400 && hi - lo > 1e-15 * Math.max(Math.abs(lo), Math.abs(hi)) && hi - lo > 1e-300; i++) {
            if (f1 < f2 || Double.isNaN(f1)) {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + GOLDEN * (hi - lo);
                f2 = phi.applyAsDouble(x2);
            } else {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - GOLDEN * (hi - lo);
                f1 = phi.applyAsDouble(x1);
            }
        }
        double middle = 0.5 * (lo + hi);
        // the maximum of a monotone φ sits at an end
        double best = middle;
        double value = phi.applyAsDouble(middle);
        for (double end : new double[] {a, b}) {
            double inside = end == a ? Math.nextUp(a) : Math.nextDown(b);
            double v = phi.applyAsDouble(inside);
            if (v > value) {
                value = v;
                best = inside;
            }
        }
        return best;
    }

    /** Cuts at mode + direction · scale · 2ᵏ up to {@code end}, scale the distance where φ falls by 1. */
    private static void addCuts(TreeSet<Double> cuts, DoubleUnaryOperator phi, double mode, double peak, double end,
            int direction) {
        double length = Math.abs(end - mode);
        if (!(length > 1e-290)) {
            return;
        }
        // bisect, in log scale, the distance at which φ has fallen by 1
        double near = length * 1e-300 > 0.0 ? length * 1e-300 : Double.MIN_NORMAL;
        double far = length;
        if (peak - phi.applyAsDouble(mode + direction * far) < 1.0) {
            near = far;
        } else {
            for (int i = 0; i < 200 && far / near > 1.0 + 1e-3; i++) {
                double middle = Math.sqrt(near * far);
                if (peak - phi.applyAsDouble(mode + direction * middle) < 1.0) {
                    near = middle;
                } else {
                    far = middle;
                }
            }
        }
        double scale = near;
        for (double distance = Math.max(scale / 64.0, 1e-300); distance < length; distance *= 2.0) {
            double cut = mode + direction * distance;
            if (cut != mode && cut != end) {
                cuts.add(cut);
            }
        }
    }

    /** One panel: its Kronrod value of exp(φ − peak) and |K15 − G7|. */
    private static final class Panel {
        final double from;
        final double to;
        final double value;
        final double error;

        private Panel(double from, double to, double value) {
            this.from = from;
            this.to = to;
            this.value = value;
            this.error = 0.0;
        }

        /** The panel, too narrow to bisect: its error is that of rounding. */
        Panel settled() {
            return new Panel(from, to, value);
        }

        Panel(DoubleUnaryOperator phi, double from, double to, double peak) {
            this.from = from;
            this.to = to;
            double center = 0.5 * (from + to);
            double half = 0.5 * (to - from);
            double kronrod = 0.0;
            double gauss = 0.0;
            for (int i = 0; i < NODES.length; i++) {
                double sum = i == NODES.length - 1 ? f(phi, center, peak)
                        : f(phi, center - half * NODES[i], peak) + f(phi, center + half * NODES[i], peak);
                kronrod += KRONROD[i] * sum;
                if (i % 2 == 1) {
                    gauss += GAUSS[i / 2] * sum;
                }
            }
            this.value = kronrod * half;
            this.error = Math.abs(kronrod - gauss) * half;
        }

        private static double f(DoubleUnaryOperator phi, double u, double peak) {
            double log = phi.applyAsDouble(u);
            if (Double.isNaN(log)) {
                throw new IllegalStateException("the log-integrand is NaN at " + u);
            }
            return Math.exp(log - peak);
        }
    }
}
