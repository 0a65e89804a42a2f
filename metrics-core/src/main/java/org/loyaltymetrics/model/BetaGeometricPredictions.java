package org.loyaltymetrics.model;

/**
 * E[Y(t) | x, tₓ, T] and P(alive | x, tₓ, T) of the BG/NBD and MBG/NBD models for a block of customers
 * at once: the bulk path of {@link Scorer#scoreColumns}. It computes the same formulas as
 * {@link BetaGeometricCore#probabilityAlive} and {@link BetaGeometricCore#expectation}, arranged for a
 * block:
 * <ul>
 * <li>the customers of the block are grouped by their frequency x (a counting sort; x ≥ {@value #GROUPS}
 * goes one at a time), so that what depends on x alone is computed once per group: ln a − ln(b + m − 1)
 * of P(alive), and the coefficients ĥₙ of the Euler-transformed series of the expectation, which depend
 * on c = a + b + x + k − 1 and c − (r + x) = a + b + k − 1 − r but not on the customer's age;</li>
 * <li>the series Σₙ ĥₙ zₙ, zⁿ with the customer's own z = K/(1 + K), K = t/(α + T), is summed for every
 * customer of a group in the same loop over n, a loop over the customers inside (independent
 * multiply-adds, which the JIT compiler turns into vector instructions), up to the n at which the
 * largest term of the group, ĥₙ z_maxⁿ, is below 1e-17 times the smallest sum, at z_min (more terms than
 * any one customer's own stopping rule takes, never fewer);</li>
 * <li>the logarithms take the division trick ln(1 + v) = ln(u) · v/(u − 1), u = 1 + v (Goldberg 1991),
 * and (eʸ − 1)/y = (eʸ − 1)/ln(eʸ) (Kahan), accurate to a few units in the last place.</li>
 * </ul>
 * A customer outside the closed form's region (K &gt; 9, or c &lt; r + x, or a final subtraction that would
 * cost more than 4 bits) is handed to {@link BetaGeometricCore#expectation}. P(alive) is the
 * one-customer method's to the bit; the expectation agrees with it to 1e-13 relative (the powers zⁿ here
 * and the running products of ratios there round differently, by up to n units in the last place over n
 * terms, and the final subtraction may magnify that up to 16 times; over random parameters the largest
 * difference seen was 5e-14). A customer's values do not depend on the other customers of its block: the
 * terms it gets past its own stopping point are each below 1e-17 of its sum, less than half a unit in its
 * last place, and leave the sum unchanged to the bit.
 *
 * <p>Not thread-safe: one instance per block at a time (the scratch arrays are the thread's own, kept
 * between blocks).
 */
final class BetaGeometricPredictions {

    /** Frequencies below this are grouped; larger ones are computed one customer at a time. */
    static final int GROUPS = 512;
    /** The series stops where every customer's next term is below this share of the sum. */
    private static final double RELATIVE_TERM = 1e-17;
    private static final int MAX_TERMS = 2000;

    private final double r;
    private final double alpha;
    private final double a;
    private final double b;
    private final int k;
    private final double horizon;
    /** The scratch arrays of a block, one set per thread, kept between calls (a block's are 100 KB or so). */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final int[] counts = new int[GROUPS + 2];
        int[] order = new int[0];
        double[] k = new double[0];
        double[] z = new double[0];
        double[] power = new double[0];
        double[] sum = new double[0];

        void ensure(int n) {
            if (order.length < n) {
                order = new int[n];
                k = new double[n];
                z = new double[n];
                power = new double[n];
                sum = new double[n];
            }
        }
    }

    private int[] counts;
    private int[] order;
    private double[] ks;
    private double[] z;
    private double[] power;
    private double[] sum;

    BetaGeometricPredictions(double r, double alpha, double a, double b, int k, double horizon) {
        this.r = r;
        this.alpha = alpha;
        this.a = a;
        this.b = b;
        this.k = k;
        this.horizon = horizon;
    }

    /**
     * Writes E[Y(horizon)] into {@code expected} and P(alive) into {@code alive} for the customers
     * {@code from} (inclusive) to {@code to} (exclusive) of the columns, times in the model's unit (the
     * histories are checked by the caller).
     */
    void predict(long[] x, double[] recency, double[] age, int from, int to, double[] expected, double[] alive) {
        int n = to - from;
        Scratch scratch = SCRATCH.get();
        scratch.ensure(n);
        counts = scratch.counts;
        order = scratch.order;
        ks = scratch.k;
        z = scratch.z;
        power = scratch.power;
        sum = scratch.sum;
        // counting sort of the block by frequency; group GROUPS holds the larger ones
        java.util.Arrays.fill(counts, 0);
        for (int i = from; i < to; i++) {
            counts[group(x[i]) + 1]++;
        }
        for (int g = 0; g <= GROUPS; g++) {
            counts[g + 1] += counts[g];
        }
        for (int i = from; i < to; i++) {
            order[counts[group(x[i])]++] = i;
        }
        int start = 0;
        for (int g = 0; g <= GROUPS && start < n; g++) {
            int end = counts[g];
            if (end > start) {
                if (g < GROUPS) {
                    predictGroup(g, x, recency, age, start, end, expected, alive);
                } else {
                    for (int j = start; j < end; j++) {
                        int i = order[j];
                        one(x[i], recency[i], age[i], i, expected, alive);
                    }
                }
            }
            start = end;
        }
    }

    private static int group(long x) {
        return x < GROUPS ? (int) x : GROUPS;
    }

    /** The customers order[start..end) of frequency x. */
    private void predictGroup(int x, long[] xs, double[] recency, double[] age, int start, int end,
            double[] expected, double[] alive) {
        int m = x + k;
        double rx = r + x;
        double logOdds = m == 0 ? 0.0 : Math.log(a) - Math.log(b + m - 1);
        for (int j = start; j < end; j++) {
            int i = order[j];
            alive[i] = m == 0 ? 1.0 : 1.0 / (1.0 + Math.exp(logOdds
                    + rx * BetaGeometricCore.log1p((age[i] - recency[i]) / (alpha + recency[i]))));
        }
        if (horizon == 0.0) {
            for (int j = start; j < end; j++) {
                expected[order[j]] = 0.0;
            }
            return;
        }
        double bx = b + x + k;
        double c = a + bx - 1.0;
        if (!(c >= rx)) {
            for (int j = start; j < end; j++) {
                int i = order[j];
                expected[i] = alive[i] == 0.0 ? 0.0 : alive[i] * BetaGeometricCore.expectation(rx, alpha + age[i], a, bx, horizon);
            }
            return;
        }
        // the customers in the closed form's region go to the front of the group's scratch
        int size = 0;
        double zMax = 0.0;
        double zMin = 1.0;
        for (int j = start; j < end; j++) {
            int i = order[j];
            double kk = horizon / (alpha + age[i]);
            if (kk <= 9.0 && alive[i] != 0.0) {
                double zi = kk / (1.0 + kk);
                order[start + size] = i; // j ≥ start + size: the slot was read already
                ks[size] = kk;
                z[size] = zi;
                power[size] = 1.0;
                sum[size] = 0.0;
                zMax = Math.max(zMax, zi);
                zMin = Math.min(zMin, zi);
                size++;
            } else {
                expected[i] = alive[i] == 0.0 ? 0.0 : alive[i] * BetaGeometricCore.expectation(rx, alpha + age[i], a, bx, horizon);
            }
        }
        if (size == 0) {
            return;
        }
        // Σₙ≥₁ ĥₙ zⁿ, ĥ₁ = (c − r')/c, ĥₙ₊₁ = ĥₙ (c − r' + n)(a + n − 1)/((c + n)(n + 1)); the largest and the
        // smallest z follow alongside for the stopping rule
        double coefficient = (c - rx) / c;
        double termMax = 1.0;
        double termMin = 1.0;
        double sumMin = 0.0;
        boolean settled = false;
        for (int t = 1; t < MAX_TERMS; t++) {
            double[] zs = z;
            double[] ps = power;
            double[] ss = sum;
            for (int q = 0; q < size; q++) {
                double p = ps[q] * zs[q];
                ps[q] = p;
                ss[q] += coefficient * p;
            }
            termMax *= zMax;
            termMin *= zMin;
            sumMin += coefficient * termMin;
            double next = (c - rx + t) * (a + t - 1.0) / ((c + t) * (t + 1.0));
            if (next * zMax < 1.0 && coefficient * termMax <= RELATIVE_TERM * sumMin) {
                settled = true;
                break;
            }
            coefficient *= next;
        }
        for (int q = 0; q < size; q++) {
            int i = order[start + q];
            double logOnePlusK = BetaGeometricCore.log1p(ks[q]);
            double y = (1.0 - a) * logOnePlusK;
            double ey = Math.exp(y);
            double first = logOnePlusK * expm1OverX(y, ey);
            double value = c * (first - ey * sum[q]);
            if (settled && 16.0 * value >= c * first) {
                expected[i] = alive[i] * value;
            } else {
                expected[i] = alive[i] * BetaGeometricCore.expectation(rx, alpha + age[i], a, bx, horizon);
            }
        }
    }

    private void one(long x, double recency, double age, int i, double[] expected, double[] alive) {
        double p = BetaGeometricCore.probabilityAlive(r, alpha, a, b, k, x, recency, age);
        alive[i] = p;
        expected[i] = p == 0.0 || horizon == 0.0 ? 0.0
                : p * BetaGeometricCore.expectation(r + x, alpha + age, a, b + x + k, horizon);
    }

    /** (eʸ − 1)/y given eʸ, as (eʸ − 1)/ln(eʸ); 1 + y/2 near 0. */
    private static double expm1OverX(double y, double ey) {
        if (Math.abs(y) < 1e-12 || ey == 1.0) {
            return 1.0 + 0.5 * y;
        }
        return (ey - 1.0) / Math.log(ey);
    }
}
