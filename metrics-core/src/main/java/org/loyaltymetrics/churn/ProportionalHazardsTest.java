package org.loyaltymetrics.churn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.optim.Matrices;
import org.loyaltymetrics.stats.ChiSquareTest;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;

/**
 * The test of the proportional-hazards assumption of a {@link CoxModel} (Grambsch &amp; Therneau 1994,
 * Biometrika 81, on the scaled Schoenfeld residuals, in the exact score-test form of R's
 * {@code cox.zph}, survival 3.x, with {@code transform = "km"}): for each covariate, whether its effect
 * drifts with g(t), the Kaplan–Meier transform of time; a small p-value says the hazard ratio of that
 * covariate is not constant over the customers' lifetimes. Built by {@link CoxModel#proportionalHazardsTest()}.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param covariates one test per covariate, 1 df each, in coefficient order
 * @param global the test of all covariates together, p df
 */
public record ProportionalHazardsTest(List<ChiSquareTest> covariates, ChiSquareTest global) implements Tabular {

    /** Copies the list. */
    public ProportionalHazardsTest {
        Checks.notNull(global, "global");
        covariates = List.copyOf(Checks.notNull(covariates, "covariates"));
    }

    static ProportionalHazardsTest of(CoxModel model, CoxRiskSets rs, double[] beta) {
        int n = rs.n;
        int p = rs.p;
        // unweighted Kaplan-Meier over all rows, left-continuous
        double[] deathTimes = new double[n];
        int deaths = 0;
        for (int k = 0; k < n; k++) {
            if (rs.dead[k]) {
                deathTimes[deaths++] = rs.stop[k];
            }
        }
        deathTimes = Arrays.copyOf(deathTimes, deaths);
        Arrays.sort(deathTimes);
        double[] stops = rs.stop.clone();
        Arrays.sort(stops);
        double[] starts = rs.start == null ? null : rs.start.clone();
        if (starts != null) {
            Arrays.sort(starts);
        }
        int distinct = 0;
        double[] times = new double[deaths];
        double[] survivalAfter = new double[deaths];
        double survival = 1.0;
        for (int i = 0; i < deaths;) {
            double t = deathTimes[i];
            int d = 0;
            while (i < deaths && deathTimes[i] == t) {
                d++;
                i++;
            }
            long atRisk = n - lowerBound(stops, t);
            if (starts != null) {
                atRisk -= n - lowerBound(starts, t);
            }
            survival *= 1.0 - (double) d / atRisk;
            times[distinct] = t;
            survivalAfter[distinct++] = survival;
        }
        times = Arrays.copyOf(times, distinct);
        double[] groupG = new double[rs.groups];
        double sum = 0.0;
        for (int g = 0; g < rs.groups; g++) {
            double t = rs.stop[rs.groupBegin[g]];
            int before = lowerBound(times, t) - 1;
            groupG[g] = 1.0 - (before < 0 ? 1.0 : survivalAfter[before]);
            sum += rs.groupDeaths[g] * groupG[g];
        }
        double mean = sum / deaths;
        for (int g = 0; g < rs.groups; g++) {
            groupG[g] -= mean;
        }
        double[] u = new double[2 * p];
        double[] info = new double[4 * p * p];
        rs.sweep(beta, groupG, u, info, null);
        int q = 2 * p;
        List<ChiSquareTest> tests = new ArrayList<>();
        List<String> names = model.covariateNames();
        for (int j = 0; j < p; j++) {
            int[] kk = new int[p + 1];
            for (int a = 0; a < p; a++) {
                kk[a] = a;
            }
            kk[p] = p + j;
            double[][] m = new double[p + 1][p + 1];
            double[] v = new double[p + 1];
            for (int a = 0; a <= p; a++) {
                for (int b = 0; b <= p; b++) {
                    m[a][b] = info[kk[a] * q + kk[b]];
                }
            }
            v[p] = u[p + j];
            tests.add(new ChiSquareTest(names.get(j), Math.max(0.0, solveQuadratic(m, v)), 1));
        }
        double[][] full = new double[q][q];
        double[] v = new double[q];
        for (int a = 0; a < q; a++) {
            for (int b = 0; b < q; b++) {
                full[a][b] = info[a * q + b];
            }
        }
        System.arraycopy(u, p, v, p, p);
        return new ProportionalHazardsTest(tests, new ChiSquareTest("GLOBAL", Math.max(0.0, solveQuadratic(full, v)), p));
    }

    private static double solveQuadratic(double[][] m, double[] v) {
        double[][] chol = Matrices.cholesky(m);
        if (chol == null) {
            throw new UndefinedResultException("the proportional-hazards test is undefined: its information matrix is "
                    + "singular (a covariate does not vary over time among the churners)");
        }
        double[] x = Matrices.solve(chol, v);
        double sum = 0.0;
        for (int i = 0; i < v.length; i++) {
            sum += x[i] * v[i];
        }
        return sum;
    }

    /** The index of the first element &gt;= t. */
    private static int lowerBound(double[] sorted, double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The table of R's {@code cox.zph}: one row per covariate and GLOBAL, with chisq, df and p. */
    @Override
    public Table toTable() {
        Table.Builder builder = Table.builder().title("Proportional-hazards test (Kaplan-Meier time)")
                .column("term").numberColumn("chisq").numberColumn("df").numberColumn("p");
        List<ChiSquareTest> all = new ArrayList<>(covariates);
        all.add(global);
        for (ChiSquareTest test : all) {
            builder.row(test.name(), Formatting.decimal(test.statistic(), 4), Integer.toString(test.degreesOfFreedom()),
                    ChiSquareTest.formatP(test.pValue()));
        }
        return builder.build();
    }

    /** Reads, e.g., {@code "ProportionalHazardsTest: global chi-square 2.7708 on 2 df, p = 0.250236"}. */
    @Override
    public String toString() {
        return "ProportionalHazardsTest: global chi-square " + Formatting.decimal(global.statistic(), 4) + " on "
                + global.degreesOfFreedom() + " df, p = " + ChiSquareTest.formatP(global.pValue());
    }
}
