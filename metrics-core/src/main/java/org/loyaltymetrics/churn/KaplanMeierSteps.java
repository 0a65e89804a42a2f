package org.loyaltymetrics.churn;

import java.util.Arrays;

/**
 * The Kaplan–Meier estimate of some rows' survival, as steps at the distinct end times, for the evaluation
 * of churn scores (the censoring distribution of {@link BrierScore}, the observed churn of a
 * {@link CalibrationTable} group): S(t) = Π over end times tᵢ ≤ t of (1 − dᵢ / nᵢ), with nᵢ the rows whose
 * duration is at least tᵢ, so that a row whose duration ties a churn time without churning is at risk at it
 * (for the censoring distribution, the other way round: see {@link #censoring}); with Greenwood's sum
 * Σ dᵢ / (nᵢ (nᵢ − dᵢ)). The same estimator as {@code retention.SurvivalCurve}, which
 * this package does not use (the package layering), restated here for unweighted rows. Immutable.
 */
final class KaplanMeierSteps {

    private final double[] times;
    private final double[] survival;
    private final double[] greenwood;
    private final double longest;

    private KaplanMeierSteps(double[] times, double[] survival, double[] greenwood, double longest) {
        this.times = times;
        this.survival = survival;
        this.greenwood = greenwood;
        this.longest = longest;
    }

    /**
     * The estimate over the rows {@code rows} (all when null) of durations {@code durations}, ending where
     * {@code ends} is true: the survival of churn, a censoring at a churn time at risk then.
     */
    static KaplanMeierSteps of(double[] durations, boolean[] ends, int[] rows) {
        return of(durations, ends, true, rows);
    }

    /**
     * The estimate of the censoring distribution of all rows: censoring the end, churn before censoring at
     * a tied time (a row that churned at t is not at risk of censoring at t), as prodlim's reverse
     * Kaplan–Meier (Gerds) and hence R's {@code pec} have it.
     */
    static KaplanMeierSteps censoring(double[] durations, boolean[] churned) {
        return of(durations, churned, false, null);
    }

    private static KaplanMeierSteps of(double[] durations, boolean[] ends, boolean endsWhen, int[] rows) {
        int n = rows == null ? durations.length : rows.length;
        double[] t = new double[n];
        boolean[] e = new boolean[n];
        for (int k = 0; k < n; k++) {
            int i = rows == null ? k : rows[k];
            t[k] = durations[i];
            e[k] = ends[i] == endsWhen;
        }
        int[] all = new int[n];
        for (int k = 0; k < n; k++) {
            all[k] = k;
        }
        int[] order = ascending(t, all);
        double[] times = new double[n];
        double[] survival = new double[n];
        double[] greenwood = new double[n];
        int steps = 0;
        double s = 1.0;
        double sum = 0.0;
        int k = 0;
        while (k < n) {
            double time = t[order[k]];
            int d = 0;
            int m = k;
            while (m < n && t[order[m]] == time) {
                if (e[order[m]]) {
                    d++;
                }
                m++;
            }
            // the others tied at this time are at risk for churn; for censoring they churned first
            int atRisk = endsWhen ? n - k : n - m + d;
            if (d > 0) {
                s *= 1.0 - (double) d / atRisk;
                sum += atRisk > d ? (double) d / ((double) atRisk * (atRisk - d)) : 0.0;
                times[steps] = time;
                survival[steps] = s;
                greenwood[steps++] = sum;
            }
            k = m;
        }
        double longest = n == 0 ? Double.NaN : t[order[n - 1]];
        return new KaplanMeierSteps(Arrays.copyOf(times, steps), Arrays.copyOf(survival, steps),
                Arrays.copyOf(greenwood, steps), longest);
    }

    /**
     * The rows {@code rows} in ascending order of {@code keys[row]}, equal keys in the order given: the keys
     * sorted once as primitives, then the rows placed by the rank of their key (a counting sort).
     */
    static int[] ascending(double[] keys, int[] rows) {
        int m = rows.length;
        double[] values = new double[m];
        for (int k = 0; k < m; k++) {
            values[k] = keys[rows[k]];
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int unique = 0;
        for (int k = 0; k < m; k++) {
            if (k == 0 || Double.compare(sorted[k], sorted[unique - 1]) != 0) {
                sorted[unique++] = sorted[k];
            }
        }
        int[] start = new int[unique + 1];
        int[] rank = new int[m];
        for (int k = 0; k < m; k++) {
            rank[k] = Arrays.binarySearch(sorted, 0, unique, values[k]);
            start[rank[k] + 1]++;
        }
        for (int r = 0; r < unique; r++) {
            start[r + 1] += start[r];
        }
        int[] order = new int[m];
        for (int k = 0; k < m; k++) {
            order[start[rank[k]]++] = rows[k];
        }
        return order;
    }

    /** The rows in descending order of their keys. */
    static int[] descending(double[] keys, int[] rows) {
        int[] order = ascending(keys, rows);
        for (int a = 0, b = order.length - 1; a < b; a++, b--) {
            int swap = order[a];
            order[a] = order[b];
            order[b] = swap;
        }
        return order;
    }

    /** The index of the last step at or before t (strictly before when {@code strict}), or −1. */
    private int index(double t, boolean strict) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (strict ? times[mid] < t : times[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** S(t), right-continuous. */
    double at(double t) {
        int i = index(t, false);
        return i < 0 ? 1.0 : survival[i];
    }

    /** S(t−), the survival just before t. */
    double before(double t) {
        int i = index(t, true);
        return i < 0 ? 1.0 : survival[i];
    }

    /** Greenwood's sum up to t. */
    double greenwoodSum(double t) {
        int i = index(t, false);
        return i < 0 ? 0.0 : greenwood[i];
    }

    /** Whether S(t) is estimated: t is at most the longest duration, or the estimate fell to 0. */
    boolean isDefinedAt(double t) {
        return t <= longest || (survival.length > 0 && survival[survival.length - 1] == 0.0);
    }
}
