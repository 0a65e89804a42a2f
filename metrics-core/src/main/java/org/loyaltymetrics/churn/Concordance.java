package org.loyaltymetrics.churn;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.Estimate;

/**
 * Harrell's concordance C of churn scores with observed lifetimes, with its standard error (Harrell, Califf,
 * Pryor, Lee &amp; Rosati 1982; R's {@code survival::concordance}, Therneau &amp; Atkinson, "Concordance",
 * survival package vignette, 2023).
 *
 * <p>A pair of customers of one stratum is <i>comparable</i> when the order of their churn is known: one
 * churned at t while the other was still at risk then (observed beyond t, or censored at t; for
 * counting-process rows, a row (start, stop] with start &lt; t ≤ stop); two churns at the same time are not
 * comparable. Weighted by the product of the rows' case weights, a comparable pair is <i>concordant</i>
 * when the earlier churner has the higher risk score, <i>discordant</i> when it has the lower, and
 * <i>tied</i> when the scores are equal: C = (concordant + ½ tied) / (concordant + discordant + tied), the
 * share of comparable pairs the score orders rightly; 0.5 is chance, 1 perfect. Somers' d = 2C − 1.
 *
 * <p><b>Standard error.</b> The infinitesimal jackknife, as R's {@code concordance()$var} (survival 3.x):
 * with Iᶜᵢ, Iᵈᵢ, Iᵗᵢ the weighted counts of concordant, discordant and tied pairs that row i belongs to and N
 * the weighted number of comparable pairs, the influence of row i on d is wᵢ ((Iᶜᵢ − Iᵈᵢ) / N − d (Iᶜᵢ + Iᵈᵢ +
 * Iᵗᵢ) / N), summed per customer where the data have clusters (customer ids), and Var C = Σ influence² / 4.
 * Counting costs O(n log n) (Fenwick trees over the ranks of the scores).
 *
 * @param value the concordance C
 * @param standardError its infinitesimal-jackknife standard error
 * @param concordant the weighted number of concordant pairs
 * @param discordant the weighted number of discordant pairs
 * @param tied the weighted number of comparable pairs tied in score
 */
public record Concordance(double value, double standardError, double concordant, double discordant, double tied) {

    /**
     * The concordance of {@code model}'s {@link SurvivalRegression#riskScore risk scores} with the lifetimes
     * of {@code data}: the data it was fitted to, or a holdout with the model's covariates (found by name).
     *
     * @throws InvalidArgumentException if the data lack a covariate of the model
     * @throws UndefinedResultException if no pair of customers is comparable
     */
    public static Concordance of(SurvivalRegression model, SurvivalData data) {
        return of(ScoredRows.riskScores(model, data), data);
    }

    /**
     * The concordance of any churn scores (higher, sooner churn), one per row of {@code data}, with its
     * lifetimes; strata, case weights and clusters of the data are used as the class comment says.
     *
     * @throws InvalidArgumentException if the scores are not as many as the rows or one is not finite
     * @throws UndefinedResultException if no pair of customers is comparable
     */
    public static Concordance of(double[] scores, SurvivalData data) {
        Checks.notNull(scores, "scores");
        Checks.notNull(data, "data");
        int n = data.rows();
        if (scores.length != n) {
            throw InvalidArgumentException.of("scores", "one per row, " + n, scores.length);
        }
        for (double s : scores) {
            Checks.finite(s, "scores");
        }
        int[] rank = denseRanks(scores);
        int ranks = 0;
        for (int r : rank) {
            ranks = Math.max(ranks, r + 1);
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = data.weight == null ? 1.0 : data.weight[i];
        }
        // influence counts: [concordant, discordant, tied] per row, as the earlier churner and as the later one
        double[] ic = new double[n];
        double[] id = new double[n];
        double[] it = new double[n];
        double concordant = 0.0;
        double discordant = 0.0;
        double tied = 0.0;
        Fenwick atRisk = new Fenwick(ranks);
        Fenwick left = new Fenwick(ranks);
        Fenwick deaths = new Fenwick(ranks);
        for (int[] rows : strata(data)) {
            int m = rows.length;
            // the earlier churner k: partners at risk at its time (stop >= t, start < t, not churned at t)
            int[] byStopDesc = KaplanMeierSteps.descending(data.stop, rows);
            int[] byStartDesc = data.start == null ? null : KaplanMeierSteps.descending(data.start, rows);
            int out = 0;
            for (int a = 0; a < m;) {
                double t = data.stop[byStopDesc[a]];
                int b = a;
                while (b < m && data.stop[byStopDesc[b]] == t) {
                    b++;
                }
                for (int g = a; g < b; g++) {
                    int k = byStopDesc[g];
                    if (!data.event[k]) {
                        atRisk.add(rank[k], w[k]);
                    }
                }
                while (byStartDesc != null && out < m && data.start[byStartDesc[out]] >= t) {
                    int k = byStartDesc[out++];
                    left.add(rank[k], w[k]);
                }
                for (int g = a; g < b; g++) {
                    int k = byStopDesc[g];
                    if (data.event[k]) {
                        double below = atRisk.prefix(rank[k]) - left.prefix(rank[k]);
                        double atOrBelow = atRisk.prefix(rank[k] + 1) - left.prefix(rank[k] + 1);
                        double total = atRisk.total - left.total;
                        ic[k] += below;
                        it[k] += atOrBelow - below;
                        id[k] += total - atOrBelow;
                        concordant += w[k] * below;
                        tied += w[k] * (atOrBelow - below);
                        discordant += w[k] * (total - atOrBelow);
                    }
                }
                for (int g = a; g < b; g++) {
                    int k = byStopDesc[g];
                    if (data.event[k]) {
                        atRisk.add(rank[k], w[k]);
                    }
                }
                a = b;
            }
            // the later one j: churners at t in (start_j, stop_j], t < stop_j when j churned at stop_j
            // ascending: the descending orders reversed (the order within a time does not matter)
            int[] byStop = reversed(byStopDesc);
            int[] byStart = byStartDesc == null ? null : reversed(byStartDesc);
            int in = 0;
            for (int a = 0; a < m;) {
                double t = data.stop[byStop[a]];
                int b = a;
                while (b < m && data.stop[byStop[b]] == t) {
                    b++;
                }
                // entries strictly before t: their start < t, so churns at or before start were added already
                while (byStart != null && in < m && data.start[byStart[in]] < t) {
                    int j = byStart[in++];
                    partner(deaths, rank[j], -1.0, j, ic, id, it);
                }
                for (int g = a; g < b; g++) {
                    int j = byStop[g];
                    if (data.event[j]) {
                        partner(deaths, rank[j], 1.0, j, ic, id, it);
                    }
                }
                for (int g = a; g < b; g++) {
                    int j = byStop[g];
                    if (data.event[j]) {
                        deaths.add(rank[j], w[j]);
                    }
                }
                for (int g = a; g < b; g++) {
                    int j = byStop[g];
                    if (!data.event[j]) {
                        partner(deaths, rank[j], 1.0, j, ic, id, it);
                    }
                }
                a = b;
            }
            while (byStart != null && in < m) {
                int j = byStart[in++];
                partner(deaths, rank[j], -1.0, j, ic, id, it);
            }
            atRisk.clear();
            left.clear();
            deaths.clear();
        }
        double pairs = concordant + discordant + tied;
        if (!(pairs > 0.0)) {
            throw new UndefinedResultException("the concordance is undefined: no pair of customers is comparable");
        }
        double somers = (concordant - discordant) / pairs;
        double[] influence = new double[n];
        for (int i = 0; i < n; i++) {
            influence[i] = w[i] * ((ic[i] - id[i]) / pairs - somers / pairs * (ic[i] + id[i] + it[i]));
        }
        double sum = 0.0;
        if (data.cluster != null) {
            Map<Long, Double> byCustomer = new HashMap<>();
            for (int i = 0; i < n; i++) {
                byCustomer.merge(data.cluster[i], influence[i], Double::sum);
            }
            for (double v : byCustomer.values()) {
                sum += v * v;
            }
        } else {
            for (double v : influence) {
                sum += v * v;
            }
        }
        return new Concordance((somers + 1.0) / 2.0, Math.sqrt(sum / 4.0), concordant, discordant, tied);
    }

    /**
     * Adds (sign 1) or takes away (sign −1) the churners so far, compared with the later row j of rank r:
     * those with a higher score are concordant, a lower discordant.
     */
    private static void partner(Fenwick deaths, int r, double sign, int j, double[] ic, double[] id, double[] it) {
        double below = deaths.prefix(r);
        double atOrBelow = deaths.prefix(r + 1);
        ic[j] += sign * (deaths.total - atOrBelow);
        id[j] += sign * below;
        it[j] += sign * (atOrBelow - below);
    }

    /** The concordance with its standard error, normal. */
    public Estimate estimate() {
        return Estimate.normal(value, standardError);
    }

    /**
     * The normal interval C ± z SE at {@code confidence}.
     *
     * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
     */
    public ConfidenceInterval confidenceInterval(double confidence) {
        return estimate().confidenceInterval(confidence);
    }

    /** Somers' d = 2C − 1. */
    public double somersD() {
        return 2.0 * value - 1.0;
    }

    /** The weighted number of comparable pairs. */
    public double comparablePairs() {
        return concordant + discordant + tied;
    }

    /** Reads, e.g., {@code "Concordance 0.6029 (SE 0.0255), 20014 comparable pairs"}. */
    @Override
    public String toString() {
        return "Concordance " + Formatting.decimal(value, 4) + " (SE " + Formatting.decimal(standardError, 4) + "), "
                + Formatting.decimal(comparablePairs(), 0) + " comparable pairs";
    }

    private static int[] denseRanks(double[] scores) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int unique = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[unique - 1]) {
                sorted[unique++] = sorted[i];
            }
        }
        int[] rank = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            rank[i] = Arrays.binarySearch(sorted, 0, unique, scores[i]);
        }
        return rank;
    }

    /** The rows of each stratum (all rows in one without strata). */
    private static int[][] strata(SurvivalData data) {
        int n = data.rows();
        if (data.stratum == null) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return new int[][] {all};
        }
        Map<Integer, int[]> counts = new java.util.TreeMap<>();
        for (int s : data.stratum) {
            counts.computeIfAbsent(s, k -> new int[1])[0]++;
        }
        Map<Integer, int[]> rows = new HashMap<>();
        Map<Integer, int[]> filled = new HashMap<>();
        counts.forEach((s, c) -> {
            rows.put(s, new int[c[0]]);
            filled.put(s, new int[1]);
        });
        for (int i = 0; i < n; i++) {
            rows.get(data.stratum[i])[filled.get(data.stratum[i])[0]++] = i;
        }
        int[][] result = new int[counts.size()][];
        int k = 0;
        for (Integer s : counts.keySet()) {
            result[k++] = rows.get(s);
        }
        return result;
    }

    private static int[] reversed(int[] order) {
        int[] result = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            result[k] = order[order.length - 1 - k];
        }
        return result;
    }

    /** A Fenwick (binary indexed) tree of weights by rank, with their total. */
    private static final class Fenwick {
        private final double[] tree;
        private double total;

        Fenwick(int size) {
            tree = new double[size + 1];
        }

        void add(int rank, double weight) {
            for (int i = rank + 1; i < tree.length; i += i & -i) {
                tree[i] += weight;
            }
            total += weight;
        }

        /** The weight of ranks below {@code rank}. */
        double prefix(int rank) {
            double sum = 0.0;
            for (int i = rank; i > 0; i -= i & -i) {
                sum += tree[i];
            }
            return sum;
        }

        void clear() {
            Arrays.fill(tree, 0.0);
            total = 0.0;
        }
    }
}
