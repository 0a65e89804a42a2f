package org.loyaltymetrics.churn;

import java.util.Arrays;
import org.loyaltymetrics.internal.LongIndex;

/**
 * The rows of a Cox fit sorted once into risk sets, and the sweeps over them: the partial
 * log-likelihood with its score and information (Efron or Breslow ties), the score residuals, the
 * Breslow baseline hazard and the concordance.
 *
 * <p>Rows are sorted by stratum, then by stop time descending, so that one backward pass in time adds
 * each row to the running sums S₀ = Σ w e^η, S₁ = Σ w e^η x and S₂ = Σ w e^η x xᵀ of its stratum's risk
 * set exactly once (O(n p²) per pass); counting-process rows leave the sums (subtracted) once the pass
 * reaches their start. Efron's d sub-steps at a time with d tied deaths reduce to five scalar sums over
 * k (Σ 1/Dₖ, Σ aₖ/Dₖ, Σ 1/Dₖ², Σ aₖ/Dₖ², Σ aₖ²/Dₖ² with aₖ = k/d and Dₖ = S₀ − aₖ S₀ of the deaths), so
 * that heavy ties cost O(d + p²), not O(d p²). Covariates are centred at their means for stability
 * (the partial likelihood does not change). Not thread-safe: one fit uses it.
 */
final class CoxRiskSets {

    final int n;
    final int p;
    final boolean efron;
    /** Centred covariates, row-major, in sorted order. */
    final double[] x;
    final double[] means;
    final double[] sds;
    final double[] w;
    final boolean[] dead;
    final double[] stop;
    final double[] start;
    /** Sorted position → original row. */
    final int[] original;
    /** Dense stratum index per sorted position, and the stratum labels by index. */
    final int[] stratumOf;
    final int[] stratumLabels;
    /** Sorted positions [stratumBegin[s], stratumBegin[s + 1]) hold stratum s. */
    final int[] stratumBegin;
    /** Groups of equal (stratum, stop): positions [groupBegin[g], groupBegin[g + 1]). */
    final int[] groupBegin;
    final int groups;
    final int[] groupDeaths;
    final int[] groupStratumBegin;
    /** Sorted positions ordered by stratum, then start descending (counting-process rows only). */
    final int[] removal;
    final double[] eta;
    final double[] risk;

    CoxRiskSets(SurvivalData data, boolean efron) {
        this.n = data.rows();
        this.p = data.columns.length;
        this.efron = efron;
        int[] labels = data.stratum;
        // dense strata
        int[] strataSorted = labels == null ? new int[] {0} : Arrays.stream(labels).distinct().sorted().toArray();
        this.stratumLabels = strataSorted;
        int strata = strataSorted.length;
        int[] stratumRaw = new int[n];
        if (labels != null) {
            for (int i = 0; i < n; i++) {
                stratumRaw[i] = Arrays.binarySearch(strataSorted, labels[i]);
            }
        }
        // time ranks
        double[] times = uniqueSorted(data.stop, data.start);
        int m = times.length;
        int[] stopRank = new int[n];
        for (int i = 0; i < n; i++) {
            stopRank[i] = Arrays.binarySearch(times, data.stop[i]);
        }
        this.original = countingSort(stratumRaw, strata, stopRank, m, identity(n));
        this.x = new double[n * p];
        this.means = new double[p];
        this.sds = new double[p];
        for (int j = 0; j < p; j++) {
            double[] moments = data.columnMeanAndDeviation(j);
            means[j] = moments[0];
            sds[j] = moments[1];
        }
        this.w = new double[n];
        this.dead = new boolean[n];
        this.stop = new double[n];
        this.start = data.start == null ? null : new double[n];
        this.stratumOf = new int[n];
        for (int k = 0; k < n; k++) {
            int i = original[k];
            w[k] = data.weight == null ? 1.0 : data.weight[i];
            dead[k] = data.event[i];
            stop[k] = data.stop[i];
            if (start != null) {
                start[k] = data.start[i];
            }
            stratumOf[k] = stratumRaw[i];
            for (int j = 0; j < p; j++) {
                x[k * p + j] = data.columns[j][i] - means[j];
            }
        }
        this.stratumBegin = new int[strata + 1];
        for (int k = 0; k < n; k++) {
            stratumBegin[stratumOf[k] + 1]++;
        }
        for (int s = 0; s < strata; s++) {
            stratumBegin[s + 1] += stratumBegin[s];
        }
        int[] begins = new int[n + 1];
        int count = 0;
        for (int k = 0; k < n; k++) {
            if (k == 0 || stop[k] != stop[k - 1] || stratumOf[k] != stratumOf[k - 1]) {
                begins[count++] = k;
            }
        }
        begins[count] = n;
        this.groups = count;
        this.groupBegin = Arrays.copyOf(begins, count + 1);
        this.groupDeaths = new int[count];
        for (int g = 0; g < count; g++) {
            for (int k = groupBegin[g]; k < groupBegin[g + 1]; k++) {
                if (dead[k]) {
                    groupDeaths[g]++;
                }
            }
        }
        this.groupStratumBegin = new int[strata + 1];
        for (int g = 0, s = 0; s <= strata; s++) {
            while (g < count && stratumOf[groupBegin[g]] < s) {
                g++;
            }
            groupStratumBegin[s] = g;
        }
        if (start != null) {
            int[] startRank = new int[n];
            for (int k = 0; k < n; k++) {
                startRank[k] = Arrays.binarySearch(times, start[k]);
            }
            this.removal = countingSort(stratumOf, strata, startRank, m, identity(n));
        } else {
            this.removal = null;
        }
        this.eta = new double[n];
        this.risk = new double[n];
    }

    private static int[] identity(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return ids;
    }

    private static double[] uniqueSorted(double[] a, double[] b) {
        double[] all = new double[a.length + (b == null ? 0 : b.length)];
        System.arraycopy(a, 0, all, 0, a.length);
        if (b != null) {
            System.arraycopy(b, 0, all, a.length, b.length);
        }
        Arrays.sort(all);
        int u = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[u - 1]) {
                all[u++] = all[i];
            }
        }
        return Arrays.copyOf(all, u);
    }

    /** Items sorted by key1 ascending, then key2 descending (two stable counting sorts). */
    private static int[] countingSort(int[] key1, int k1, int[] key2, int k2, int[] items) {
        int n = items.length;
        int[] counts = new int[k2 + 1];
        for (int item : items) {
            counts[k2 - 1 - key2[item] + 1]++;
        }
        for (int r = 0; r < k2; r++) {
            counts[r + 1] += counts[r];
        }
        int[] byTime = new int[n];
        for (int item : items) {
            byTime[counts[k2 - 1 - key2[item]]++] = item;
        }
        int[] counts1 = new int[k1 + 1];
        for (int item : byTime) {
            counts1[key1[item] + 1]++;
        }
        for (int s = 0; s < k1; s++) {
            counts1[s + 1] += counts1[s];
        }
        int[] sorted = new int[n];
        for (int item : byTime) {
            sorted[counts1[key1[item]]++] = item;
        }
        return sorted;
    }

    /** Sets eta and risk = w e^eta for centred covariates and coefficients beta. */
    void linearPredictors(double[] beta) {
        for (int k = 0; k < n; k++) {
            double e = 0.0;
            int base = k * p;
            for (int j = 0; j < p; j++) {
                e += beta[j] * x[base + j];
            }
            eta[k] = e;
            risk[k] = w[k] * Math.exp(e);
        }
    }

    /**
     * The partial log-likelihood at beta; fills score (length q) and the information (q × q,
     * row-major), q = p without time weights, 2p with them (the score and information of the model
     * with the extra covariates g(t) x, at gamma = 0, for the proportional-hazards test). The
     * optional {@code perGroup} receives, per group with deaths, the hazard terms of the score
     * residuals (see {@link #scoreResiduals}).
     */
    double sweep(double[] beta, double[] timeWeight, double[] score, double[] information, GroupTerms perGroup) {
        return sweep(beta, timeWeight, score, information, perGroup, null);
    }

    /**
     * As {@link #sweep(double[], double[], double[], double[], GroupTerms)}, also filling {@code breslow}
     * (per group, when not null) with Breslow's hazard increment Σ w (deaths) / S₀ (centred covariates),
     * 0 for groups without deaths.
     */
    double sweep(double[] beta, double[] timeWeight, double[] score, double[] information, GroupTerms perGroup,
            double[] breslow) {
        linearPredictors(beta);
        int q = timeWeight == null ? p : 2 * p;
        Arrays.fill(score, 0, q, 0.0);
        Arrays.fill(information, 0, q * q, 0.0);
        double ll = 0.0;
        double[] s1 = new double[p];
        double[] s2 = new double[p * p];
        double[] d1 = new double[p];
        double[] d2 = new double[p * p];
        double[] wx = new double[p];
        double[] contribution = new double[p];
        double[] v = new double[p * p];
        TieTerms ties = new TieTerms();
        int strata = stratumBegin.length - 1;
        for (int s = 0; s < strata; s++) {
            double s0 = 0.0;
            Arrays.fill(s1, 0.0);
            Arrays.fill(s2, 0.0);
            int rm = stratumBegin[s];
            int rmEnd = stratumBegin[s + 1];
            for (int g = groupStratumBegin[s]; g < groupStratumBegin[s + 1]; g++) {
                int nd = groupDeaths[g];
                boolean split = efron && nd > 1;
                double d0 = 0.0;
                double deadWeight = 0.0;
                double weightedEta = 0.0;
                if (nd > 0) {
                    Arrays.fill(wx, 0.0);
                    if (split) {
                        Arrays.fill(d1, 0.0);
                        Arrays.fill(d2, 0.0);
                    }
                }
                for (int k = groupBegin[g]; k < groupBegin[g + 1]; k++) {
                    double r = risk[k];
                    int base = k * p;
                    if (dead[k]) {
                        deadWeight += w[k];
                        weightedEta += w[k] * eta[k];
                        for (int a = 0; a < p; a++) {
                            wx[a] += w[k] * x[base + a];
                        }
                        if (split) {
                            d0 += r;
                            accumulate(d1, d2, r, base);
                            continue;
                        }
                    }
                    s0 += r;
                    accumulate(s1, s2, r, base);
                }
                if (split) {
                    s0 += d0;
                    for (int a = 0; a < p; a++) {
                        s1[a] += d1[a];
                        for (int b = 0; b <= a; b++) {
                            s2[a * p + b] += d2[a * p + b];
                        }
                    }
                }
                if (nd == 0) {
                    if (breslow != null) {
                        breslow[g] = 0.0;
                    }
                    continue;
                }
                if (removal != null) {
                    double t = stop[groupBegin[g]];
                    while (rm < rmEnd && start[removal[rm]] >= t) {
                        int k = removal[rm++];
                        s0 -= risk[k];
                        accumulate(s1, s2, -risk[k], k * p);
                    }
                }
                ties.terms(nd, s0, d0, split);
                double a0 = ties.a0;
                double a1 = ties.a1;
                double b0 = ties.b0;
                double b1 = ties.b1;
                double b2 = ties.b2;
                double logSum = ties.logSum;
                double weightEach = split ? deadWeight / nd : deadWeight;
                ll += weightedEta - weightEach * logSum;
                for (int a = 0; a < p; a++) {
                    contribution[a] = wx[a] - weightEach * (s1[a] * a0 - (split ? d1[a] * a1 : 0.0));
                    for (int b = 0; b <= a; b++) {
                        double value = s2[a * p + b] * a0 - s1[a] * s1[b] * b0;
                        if (split) {
                            value += -d2[a * p + b] * a1 + (s1[a] * d1[b] + d1[a] * s1[b]) * b1 - d1[a] * d1[b] * b2;
                        }
                        v[a * p + b] = weightEach * value;
                    }
                }
                double gt = timeWeight == null ? 1.0 : timeWeight[g];
                for (int a = 0; a < p; a++) {
                    score[a] += contribution[a];
                    if (timeWeight != null) {
                        score[p + a] += gt * contribution[a];
                    }
                    for (int b = 0; b <= a; b++) {
                        double value = v[a * p + b];
                        information[a * q + b] += value;
                        if (timeWeight != null) {
                            information[(p + a) * q + b] += gt * value;
                            information[(p + a) * q + p + b] += gt * gt * value;
                            if (a != b) {
                                information[(p + b) * q + a] += gt * value;
                            }
                        }
                    }
                }
                if (breslow != null) {
                    breslow[g] = deadWeight / s0;
                }
                if (perGroup != null) {
                    perGroup.store(g, weightEach, split, nd, s0, s1, d1, a0, a1, b0, b1, b2);
                }
            }
        }
        // symmetric fill
        for (int a = 0; a < q; a++) {
            for (int b = a + 1; b < q; b++) {
                boolean crossBlock = a < p && b >= p;
                if (!crossBlock) {
                    information[a * q + b] = information[b * q + a];
                }
            }
        }
        for (int a = 0; a < p && timeWeight != null; a++) {
            for (int b = 0; b < p; b++) {
                information[a * q + p + b] = information[(p + b) * q + a];
            }
        }
        return ll;
    }

    private void accumulate(double[] s1, double[] s2, double r, int base) {
        for (int a = 0; a < p; a++) {
            double ra = r * x[base + a];
            s1[a] += ra;
            int row = a * p;
            for (int b = 0; b <= a; b++) {
                s2[row + b] += ra * x[base + b];
            }
        }
    }

    /** Per group with deaths: the hazard and hazard-weighted means of the score residuals and the baseline. */
    final class GroupTerms {
        final double[] hazardAll = new double[groups];
        final double[] meanAll = new double[groups * p];
        final double[] hazardDead = new double[groups];
        final double[] meanDead = new double[groups * p];
        final double[] deathMean = new double[groups * p];

        void store(int g, double weightEach, boolean split, int nd, double s0, double[] s1, double[] d1, double a0,
                double a1, double b0, double b1, double b2) {
            hazardAll[g] = weightEach * a0;
            hazardDead[g] = weightEach * (a0 - a1);
            for (int a = 0; a < p; a++) {
                double full = s1[a] * b0 - (split ? d1[a] * b1 : 0.0);
                meanAll[g * p + a] = weightEach * full;
                meanDead[g * p + a] = weightEach * (full - (split ? s1[a] * b1 - d1[a] * b2 : 0.0));
                deathMean[g * p + a] = split ? (s1[a] * a0 - d1[a] * a1) / nd : s1[a] / s0;
            }
        }
    }

    GroupTerms newGroupTerms() {
        return new GroupTerms();
    }

    /**
     * The score residuals Uᵢ (unweighted, sorted order, row-major n × p) at beta: δᵢ (xᵢ − x̄(tᵢ)) −
     * e^ηᵢ Σ over the event times t at which row i is at risk of dΛ(t) (xᵢ − x̄(t)), with Efron's
     * weights (1 − k/d) for a death's own tied time. Needs the group terms of a sweep at beta.
     */
    double[] scoreResiduals(GroupTerms terms) {
        double[] u = new double[n * p];
        double[] cumHazard = new double[groups + 1];
        double[] cumMean = new double[(groups + 1) * p];
        int strata = stratumBegin.length - 1;
        for (int s = 0; s < strata; s++) {
            int first = groupStratumBegin[s];
            int last = groupStratumBegin[s + 1];
            // cumulative over groups g' >= g within the stratum (times <= t_g); index last is 0
            cumHazard[last] = 0.0;
            Arrays.fill(cumMean, last * p, last * p + p, 0.0);
            double h = 0.0;
            double[] m = new double[p];
            for (int g = last - 1; g >= first; g--) {
                h += terms.hazardAll[g];
                cumHazard[g] = h;
                for (int a = 0; a < p; a++) {
                    m[a] += terms.meanAll[g * p + a];
                    cumMean[g * p + a] = m[a];
                }
            }
            for (int g = first; g < last; g++) {
                for (int k = groupBegin[g]; k < groupBegin[g + 1]; k++) {
                    double hazard = cumHazard[g];
                    int base = k * p;
                    int startGroup = last;
                    if (start != null) {
                        startGroup = firstGroupAtOrBefore(start[k], g, last);
                    }
                    hazard -= startGroup < last ? cumHazard[startGroup] : 0.0;
                    double e = Math.exp(eta[k]);
                    if (dead[k]) {
                        hazard += terms.hazardDead[g] - terms.hazardAll[g];
                    }
                    for (int a = 0; a < p; a++) {
                        double mean = cumMean[g * p + a] - (startGroup < last ? cumMean[startGroup * p + a] : 0.0);
                        if (dead[k]) {
                            mean += terms.meanDead[g * p + a] - terms.meanAll[g * p + a];
                        }
                        double value = -e * (x[base + a] * hazard - mean);
                        if (dead[k]) {
                            value += x[base + a] - terms.deathMean[g * p + a];
                        }
                        u[base + a] = value;
                    }
                }
            }
        }
        return u;
    }

    /** The first group in [from, last) whose time is <= t (groups are in descending time), or last. */
    private int firstGroupAtOrBefore(double t, int from, int last) {
        int lo = from;
        int hi = last;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (stop[groupBegin[mid]] <= t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * The robust (sandwich) middle matrix Σ over clusters of (Σ wᵢ Uᵢ)(Σ wᵢ Uᵢ)ᵀ, clusters by customer
     * id, each row its own cluster when there are none.
     */
    double[][] clusteredScoreProducts(double[] u, long[] clusterIds) {
        double[] sums;
        int clusters;
        int[] clusterOf = new int[n];
        if (clusterIds == null) {
            clusters = n;
            for (int k = 0; k < n; k++) {
                clusterOf[k] = k;
            }
        } else {
            LongIndex index = new LongIndex();
            for (int k = 0; k < n; k++) {
                clusterOf[k] = index.add(clusterIds[original[k]]);
            }
            clusters = index.size();
        }
        sums = new double[clusters * p];
        for (int k = 0; k < n; k++) {
            for (int a = 0; a < p; a++) {
                sums[clusterOf[k] * p + a] += w[k] * u[k * p + a];
            }
        }
        double[][] b = new double[p][p];
        for (int c = 0; c < clusters; c++) {
            for (int a = 0; a < p; a++) {
                double ua = sums[c * p + a];
                for (int bb = 0; bb < p; bb++) {
                    b[a][bb] += ua * sums[c * p + bb];
                }
            }
        }
        return b;
    }

    /**
     * Harrell's concordance of the linear predictors at the last sweep: over pairs comparable in one
     * stratum (the earlier time an event; the other at risk then, a censoring at the same time counted
     * as later, tied event times left out), weighted wᵢ wⱼ: {concordant, discordant, tied in risk}.
     */
    double[] concordanceCounts() {
        double[] sortedEta = eta.clone();
        Arrays.sort(sortedEta);
        int ranks = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sortedEta[i] != sortedEta[ranks - 1]) {
                sortedEta[ranks++] = sortedEta[i];
            }
        }
        int[] rank = new int[n];
        for (int k = 0; k < n; k++) {
            rank[k] = Arrays.binarySearch(sortedEta, 0, ranks, eta[k]);
        }
        double[] tree = new double[ranks + 1];
        double concordant = 0.0;
        double discordant = 0.0;
        double tied = 0.0;
        int strata = stratumBegin.length - 1;
        for (int s = 0; s < strata; s++) {
            int rm = stratumBegin[s];
            int rmEnd = stratumBegin[s + 1];
            double total = 0.0;
            for (int g = groupStratumBegin[s]; g < groupStratumBegin[s + 1]; g++) {
                for (int k = groupBegin[g]; k < groupBegin[g + 1]; k++) {
                    if (!dead[k]) {
                        add(tree, rank[k], w[k]);
                        total += w[k];
                    }
                }
                if (removal != null) {
                    double t = stop[groupBegin[g]];
                    while (rm < rmEnd && start[removal[rm]] >= t) {
                        int k = removal[rm++];
                        add(tree, rank[k], -w[k]);
                        total -= w[k];
                    }
                }
                for (int k = groupBegin[g]; k < groupBegin[g + 1]; k++) {
                    if (dead[k]) {
                        double below = prefix(tree, rank[k]);
                        double atOrBelow = prefix(tree, rank[k] + 1);
                        concordant += w[k] * below;
                        tied += w[k] * (atOrBelow - below);
                        discordant += w[k] * (total - atOrBelow);
                    }
                }
                for (int k = groupBegin[g]; k < groupBegin[g + 1]; k++) {
                    if (dead[k]) {
                        add(tree, rank[k], w[k]);
                        total += w[k];
                    }
                }
            }
            // empty the tree for the next stratum
            for (int k = stratumBegin[s]; k < stratumBegin[s + 1]; k++) {
                add(tree, rank[k], -w[k]);
            }
            for (int r = stratumBegin[s]; removal != null && r < rm; r++) {
                add(tree, rank[removal[r]], w[removal[r]]);
            }
        }
        return new double[] {concordant, discordant, tied};
    }

    private static void add(double[] tree, int index, double value) {
        for (int i = index + 1; i < tree.length; i += i & -i) {
            tree[i] += value;
        }
    }

    /** The sum over ranks [0, end). */
    private static double prefix(double[] tree, int end) {
        double sum = 0.0;
        for (int i = end; i > 0; i -= i & -i) {
            sum += tree[i];
        }
        return sum;
    }

    /**
     * The sums of one event time's partial likelihood over its d tied churners, with R the risk set's
     * Σ w e^(xβ) and D the churners' own: Efron's (d &gt; 1, {@code split}) Σₖ over k = 0..d−1 of 1/Rₖ, (k/d)/Rₖ,
     * 1/Rₖ², (k/d)/Rₖ², (k/d)²/Rₖ² and ln Rₖ with Rₖ = R − (k/d) D (Efron 1977); else Breslow's 1/R, 0, 1/R², 0, 0
     * and ln R. Work space of one fit: a fit's loop over the event times reuses it.
     */
    static final class TieTerms {
        double a0;
        double a1;
        double b0;
        double b1;
        double b2;
        double logSum;

        void terms(int tied, double risk, double dead, boolean split) {
            a1 = 0.0;
            b1 = 0.0;
            b2 = 0.0;
            if (!split) {
                a0 = 1.0 / risk;
                b0 = a0 * a0;
                logSum = Math.log(risk);
                return;
            }
            a0 = 0.0;
            b0 = 0.0;
            logSum = 0.0;
            for (int k = 0; k < tied; k++) {
                double fraction = (double) k / tied;
                double den = risk - fraction * dead;
                double inv = 1.0 / den;
                a0 += inv;
                a1 += fraction * inv;
                b0 += inv * inv;
                b1 += fraction * inv * inv;
                b2 += fraction * fraction * inv * inv;
                logSum += Math.log(den);
            }
        }
    }
}
