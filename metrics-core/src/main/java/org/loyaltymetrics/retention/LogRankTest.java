package org.loyaltymetrics.retention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.optim.Matrices;
import org.loyaltymetrics.stats.ChiSquareTest;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;

/**
 * The log-rank test that k groups of lifetimes (segments, cohorts, plans) share one survival function
 * (Mantel 1966; Peto &amp; Peto 1972), optionally stratified, as R's {@code survdiff} (rho = 0). At each
 * event time t with d events among n at risk, group g with n_g at risk is expected to have
 * E_g(t) = d n_g / n of them; over the times (and strata), O − E sums the observed minus the expected
 * events per group, with the hypergeometric covariance V_gh = Σ d (n − d) / (n − 1) · (n_g / n)(δ_gh −
 * n_h / n). The statistic (O − E)ᵀ V⁻¹ (O − E) over all groups but the last (those with no variance left
 * out) is χ² on k − 1 degrees of freedom. Stratified, O, E and V are summed over the strata, each with
 * its own risk sets. Lifetimes censored at an event time are at risk at it.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class LogRankTest implements Tabular {

    private final int[] groups;
    private final long[] observed;
    private final long[] sizes;
    private final double[] expected;
    private final ChiSquareTest test;

    private LogRankTest(int[] groups, long[] sizes, long[] observed, double[] expected, ChiSquareTest test) {
        this.groups = groups;
        this.sizes = sizes;
        this.observed = observed;
        this.expected = expected;
        this.test = test;
    }

    /** The unstratified test; see {@link #of(double[], boolean[], int[], int[])}. */
    public static LogRankTest of(double[] durations, boolean[] observedEnd, int[] groups) {
        Checks.notNull(durations, "durations");
        return of(durations, observedEnd, groups, new int[durations.length]);
    }

    /**
     * The test of the groups {@code groups[i]} (any int labels) of lifetimes {@code durations[i]}, ended
     * when {@code observedEnd[i]}, stratified by {@code strata[i]}.
     *
     * @throws InvalidArgumentException if the arrays differ in length, a duration is negative or not
     *     finite, or there are fewer than two groups
     * @throws UndefinedResultException if there is no event, or no group's count varies at the event times
     */
    public static LogRankTest of(double[] durations, boolean[] observedEnd, int[] groups, int[] strata) {
        Checks.notNull(durations, "durations");
        Checks.notNull(observedEnd, "observedEnd");
        Checks.notNull(groups, "groups");
        Checks.notNull(strata, "strata");
        int n = durations.length;
        for (Object[] pair : new Object[][] {{observedEnd.length, "observedEnd"}, {groups.length, "groups"},
                {strata.length, "strata"}}) {
            if ((int) pair[0] != n) {
                throw InvalidArgumentException.of((String) pair[1], "as long as durations (" + n + ")", pair[0]);
            }
        }
        for (double d : durations) {
            if (!(d >= 0.0) || !Double.isFinite(d)) {
                throw InvalidArgumentException.of("durations", "finite and >= 0", d);
            }
        }
        int[] labels = Arrays.stream(groups).distinct().sorted().toArray();
        int k = labels.length;
        if (k < 2) {
            throw InvalidArgumentException.of("groups", "at least two groups", k + " group");
        }
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            g[i] = Arrays.binarySearch(labels, groups[i]);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> strata[i]).thenComparingDouble(i -> durations[i]));
        long[] observed = new long[k];
        long[] sizes = new long[k];
        double[] expected = new double[k];
        double[][] v = new double[k][k];
        long[] atRisk = new long[k];
        long[] deaths = new long[k];
        for (int start = 0; start < n;) {
            int end = start;
            while (end < n && strata[order[end]] == strata[order[start]]) {
                end++;
            }
            Arrays.fill(atRisk, 0);
            for (int r = start; r < end; r++) {
                atRisk[g[order[r]]]++;
                sizes[g[order[r]]]++;
            }
            long total = end - start;
            for (int r = start; r < end;) {
                double t = durations[order[r]];
                int s = r;
                Arrays.fill(deaths, 0);
                long d = 0;
                while (s < end && durations[order[s]] == t) {
                    if (observedEnd[order[s]]) {
                        deaths[g[order[s]]]++;
                        d++;
                    }
                    s++;
                }
                if (d > 0) {
                    double nn = total;
                    double factor = total > 1 ? d * (nn - d) / (nn - 1) : 0.0;
                    for (int a = 0; a < k; a++) {
                        observed[a] += deaths[a];
                        double share = atRisk[a] / nn;
                        expected[a] += d * share;
                        for (int b = 0; b < k; b++) {
                            v[a][b] += factor * share * ((a == b ? 1.0 : 0.0) - atRisk[b] / nn);
                        }
                    }
                }
                for (int q = r; q < s; q++) {
                    atRisk[g[order[q]]]--;
                }
                total -= s - r;
                r = s;
            }
            start = end;
        }
        List<Integer> kept = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            if (v[a][a] > 0.0) {
                kept.add(a);
            }
        }
        if (kept.size() < 2) {
            throw new UndefinedResultException("the log-rank test is undefined: fewer than two groups have events or "
                    + "lifetimes at risk at the event times");
        }
        int m = kept.size() - 1;
        double[][] reduced = new double[m][m];
        double[] diff = new double[m];
        for (int a = 0; a < m; a++) {
            diff[a] = observed[kept.get(a)] - expected[kept.get(a)];
            for (int b = 0; b < m; b++) {
                reduced[a][b] = v[kept.get(a)][kept.get(b)];
            }
        }
        double[][] chol = Matrices.cholesky(reduced);
        if (chol == null) {
            throw new UndefinedResultException("the log-rank test is undefined: the groups' variance matrix is singular");
        }
        double[] x = Matrices.solve(chol, diff);
        double chi = 0.0;
        for (int a = 0; a < m; a++) {
            chi += x[a] * diff[a];
        }
        return new LogRankTest(labels, sizes, observed, expected, new ChiSquareTest("log-rank", Math.max(0.0, chi), m));
    }

    /** The group labels, sorted. */
    public int[] groups() {
        return groups.clone();
    }

    private int index(int group) {
        int i = Arrays.binarySearch(groups, group);
        if (i < 0) {
            throw InvalidArgumentException.of("group", "one of " + Arrays.toString(groups), group);
        }
        return i;
    }

    /** The number of lifetimes of {@code group}. */
    public long size(int group) {
        return sizes[index(group)];
    }

    /** The events observed in {@code group}. */
    public long observed(int group) {
        return observed[index(group)];
    }

    /** The events expected in {@code group} if all groups shared one survival function. */
    public double expected(int group) {
        return expected[index(group)];
    }

    /** The χ² test on k − 1 degrees of freedom. */
    public ChiSquareTest test() {
        return test;
    }

    /** The χ² statistic. */
    public double statistic() {
        return test.statistic();
    }

    /** The p-value P(χ²_(k−1) ≥ statistic). */
    public double pValue() {
        return test.pValue();
    }

    /** R's {@code survdiff} table: group, N, observed, expected, (O − E)² / E; the test in the title. */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().title("Log-rank test: " + test).numberColumn("group").numberColumn("N")
                .numberColumn("observed").numberColumn("expected").numberColumn("(O-E)^2/E");
        for (int a = 0; a < groups.length; a++) {
            double oe = observed[a] - expected[a];
            table.row(groups[a], sizes[a], observed[a], Formatting.decimal(expected[a], 4),
                    expected[a] > 0 ? Formatting.decimal(oe * oe / expected[a], 4) : null);
        }
        return table.build();
    }

    /** Reads, e.g., {@code "LogRankTest of 2 groups: chi-square 10.3267 on 1 df, p = 0.001311"}. */
    @Override
    public String toString() {
        return "LogRankTest of " + groups.length + " groups: chi-square " + Formatting.decimal(test.statistic(), 4)
                + " on " + test.degreesOfFreedom() + " df, p = " + ChiSquareTest.formatP(test.pValue());
    }
}
