package org.loyaltymetrics.churn;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;

/**
 * The sums that a Cox partial likelihood at given coefficients β needs, per stratum and distinct time,
 * over some of the rows: the form in which rows held in parts (the partitions of a Spark job) are
 * summed where they are ({@link #of}) and merged by time ({@link #plus}), so that only one number per time and
 * covariate pair travels. For each (stratum, time t), with covariates centred at given means, η = xᵀβ
 * and r = w e^η:
 * <ul>
 * <li>over the rows whose stop is t: Σ r, Σ r x and Σ r x xᵀ (the rows that enter the risk sets of the
 * times up to t);</li>
 * <li>over the counting-process rows whose start is t: the same three sums (the rows that leave the risk
 * sets of the times from t on);</li>
 * <li>over the rows whose stop is t and that end with churn: their count d, Σ w, Σ w η, Σ w x, and Σ r,
 * Σ r x, Σ r x xᵀ (Efron's approximation takes a share of them from the risk set at each of d
 * steps).</li>
 * </ul>
 * The risk-set sums S₀(t) = Σ r, S₁(t) = Σ r x, S₂(t) = Σ r x xᵀ over the rows at risk at t are the
 * entering sums of the times ≥ t less the leaving sums of the times ≥ t: a reverse cumulative sum over
 * time, taken once the parts are merged; from them the partial log-likelihood, its score and its
 * information follow as in {@link CoxModel} (Therneau &amp; Grambsch 2000, ch. 3), Efron's or Breslow's
 * ties alike. Merging is exact up to the order of the additions: any split of the rows, merged in any
 * order, gives the sums of one pass to rounding (1e-15 relative).
 *
 * <p>Made by {@link #of(SurvivalData, double[], double[])} from a part's rows. This class is immutable,
 * thread-safe and Serializable (an engine ships the parts' sums to be merged).
 */
public final class CoxTimeSums implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int p;
    /** The keys, sorted by stratum ascending, then time descending (the order of the backward pass). */
    private final int[] strata;
    private final double[] times;
    /** {@link Layout#width} numbers per key. */
    private final double[] sums;

    private CoxTimeSums(int p, int[] strata, double[] times, double[] sums) {
        this.p = p;
        this.strata = strata;
        this.times = times;
        this.sums = sums;
    }

    /** Where each sum sits among the numbers of a key. */
    private record Layout(int p, int enter, int leave, int deaths, int deadWeight, int deadEta, int deadX, int deadRisk,
            int width) {
        static Layout of(int p) {
            int block = 1 + p + p * p;
            int enter = 0;
            int leave = enter + block;
            int deaths = leave + block;
            int deadX = deaths + 3;
            int deadRisk = deadX + p;
            return new Layout(p, enter, leave, deaths, deaths + 1, deaths + 2, deadX, deadRisk, deadRisk + block);
        }
    }

    /**
     * The sums of the rows of {@code part} at {@code beta}, covariates centred at {@code means} (the same
     * means for every part: the whole data's, so that e^η stays near 1). The rows' strata, weights and
     * counting-process starts are taken; their clusters are not (the sums carry no robust variance).
     *
     * @param part some of the rows; not null
     * @param beta the coefficients, one per covariate of {@code part}, finite
     * @param means the covariates' centres, as many, finite
     * @throws InvalidArgumentException if the part has no covariate, the lengths differ or a value is not finite
     */
    public static CoxTimeSums of(SurvivalData part, double[] beta, double[] means) {
        Checks.notNull(part, "part");
        Checks.notNull(beta, "beta");
        Checks.notNull(means, "means");
        int p = part.columns.length;
        if (p == 0) {
            throw InvalidArgumentException.of("part", "rows with at least one covariate", "no covariates");
        }
        if (beta.length != p) {
            throw InvalidArgumentException.of("beta", "one per covariate " + part.covariateNames(), beta.length + " values");
        }
        if (means.length != p) {
            throw InvalidArgumentException.of("means", "one per covariate " + part.covariateNames(), means.length + " values");
        }
        for (int j = 0; j < p; j++) {
            Checks.finite(beta[j], "beta");
            Checks.finite(means[j], "means");
        }
        Summing summing = new Summing(beta, means);
        double[] x = new double[p];
        for (int i = 0; i < part.rows(); i++) {
            for (int j = 0; j < p; j++) {
                x[j] = part.columns[j][i];
            }
            summing.add(part.stratum == null ? 0 : part.stratum[i], part.start == null ? Double.NaN : part.start[i],
                    part.stop[i], part.event[i], part.weight == null ? 1.0 : part.weight[i], x);
        }
        return summing.sums();
    }

    /** The number of covariates. */
    public int covariates() {
        return p;
    }

    /** The number of distinct (stratum, time) keys. */
    public int times() {
        return times.length;
    }

    /**
     * These sums and {@code other}'s merged by key: the sums over the rows of both.
     *
     * @throws InvalidArgumentException if {@code other} has another number of covariates
     */
    public CoxTimeSums plus(CoxTimeSums other) {
        Checks.notNull(other, "other");
        if (other.p != p) {
            throw InvalidArgumentException.of("other", "sums of " + p + " covariates", other.p + " covariates");
        }
        int width = Layout.of(p).width();
        int n = times.length;
        int m = other.times.length;
        int[] s = new int[n + m];
        double[] t = new double[n + m];
        double[] v = new double[(n + m) * width];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < n || j < m) {
            int order = i == n ? 1 : j == m ? -1 : compare(strata[i], times[i], other.strata[j], other.times[j]);
            if (order <= 0) {
                s[k] = strata[i];
                t[k] = times[i];
                System.arraycopy(sums, i * width, v, k * width, width);
                i++;
            }
            if (order >= 0) {
                s[k] = other.strata[j];
                t[k] = other.times[j];
                for (int c = 0; c < width; c++) {
                    v[k * width + c] += other.sums[j * width + c];
                }
                j++;
            }
            k++;
        }
        return new CoxTimeSums(p, Arrays.copyOf(s, k), Arrays.copyOf(t, k), Arrays.copyOf(v, k * width));
    }

    /** Stratum ascending, then time descending. */
    private static int compare(int stratumA, double timeA, int stratumB, double timeB) {
        int byStratum = Integer.compare(stratumA, stratumB);
        return byStratum != 0 ? byStratum : Double.compare(timeB, timeA);
    }

    /**
     * The partial log-likelihood ℓ(β) at the β of the sums; writes the score (length p) and the
     * information (p × p, row-major), and into {@code breslow} (one per key, unless null) Breslow's
     * hazard increment Σ w (deaths)/S₀ of each key with churn (0 without). The same formulas as the
     * in-memory sweep, summed in another order.
     */
    double partialLikelihood(boolean efron, double[] score, double[] information, double[] breslow) {
        Layout at = Layout.of(p);
        int width = at.width();
        Arrays.fill(score, 0, p, 0.0);
        Arrays.fill(information, 0, p * p, 0.0);
        double ll = 0.0;
        double[] s1 = new double[p];
        double[] s2 = new double[p * p];
        double[] l1 = new double[p];
        double[] l2 = new double[p * p];
        double[] r1 = new double[p];
        double[] r2 = new double[p * p];
        double[] contribution = new double[p];
        CoxRiskSets.TieTerms ties = new CoxRiskSets.TieTerms();
        double s0 = 0.0;
        double l0 = 0.0;
        for (int key = 0; key < times.length; key++) {
            if (key == 0 || strata[key] != strata[key - 1]) {
                s0 = 0.0;
                l0 = 0.0;
                Arrays.fill(s1, 0.0);
                Arrays.fill(s2, 0.0);
                Arrays.fill(l1, 0.0);
                Arrays.fill(l2, 0.0);
            }
            int base = key * width;
            s0 += sums[base + at.enter()];
            l0 += sums[base + at.leave()];
            for (int a = 0; a < p; a++) {
                s1[a] += sums[base + at.enter() + 1 + a];
                l1[a] += sums[base + at.leave() + 1 + a];
                for (int b = 0; b <= a; b++) {
                    s2[a * p + b] += sums[base + at.enter() + 1 + p + a * p + b];
                    l2[a * p + b] += sums[base + at.leave() + 1 + p + a * p + b];
                }
            }
            double deaths = sums[base + at.deaths()];
            if (breslow != null) {
                breslow[key] = 0.0;
            }
            if (deaths == 0.0) {
                continue;
            }
            int nd = (int) deaths;
            boolean split = efron && nd > 1;
            // the risk set at t: entered at times >= t, less left at times >= t
            double risk0 = s0 - l0;
            for (int a = 0; a < p; a++) {
                r1[a] = s1[a] - l1[a];
                for (int b = 0; b <= a; b++) {
                    r2[a * p + b] = s2[a * p + b] - l2[a * p + b];
                }
            }
            int dr = base + at.deadRisk();
            double d0 = sums[dr];
            double deadWeight = sums[base + at.deadWeight()];
            ties.terms(nd, risk0, d0, split);
            double a0 = ties.a0;
            double a1 = ties.a1;
            double b0 = ties.b0;
            double b1 = ties.b1;
            double b2 = ties.b2;
            double logSum = ties.logSum;
            double weightEach = split ? deadWeight / nd : deadWeight;
            ll += sums[base + at.deadEta()] - weightEach * logSum;
            for (int a = 0; a < p; a++) {
                double d1a = sums[dr + 1 + a];
                contribution[a] = sums[base + at.deadX() + a] - weightEach * (r1[a] * a0 - (split ? d1a * a1 : 0.0));
                for (int b = 0; b <= a; b++) {
                    double value = r2[a * p + b] * a0 - r1[a] * r1[b] * b0;
                    if (split) {
                        double d1b = sums[dr + 1 + b];
                        value += -sums[dr + 1 + p + a * p + b] * a1 + (r1[a] * d1b + d1a * r1[b]) * b1 - d1a * d1b * b2;
                    }
                    information[a * p + b] += weightEach * value;
                }
            }
            for (int a = 0; a < p; a++) {
                score[a] += contribution[a];
            }
            if (breslow != null) {
                breslow[key] = deadWeight / risk0;
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = a + 1; b < p; b++) {
                information[a * p + b] = information[b * p + a];
            }
        }
        return ll;
    }

    /** The stratum label of key {@code key}. */
    int stratum(int key) {
        return strata[key];
    }

    /** The time of key {@code key}. */
    double time(int key) {
        return times[key];
    }

    /** Whether key {@code key} has churn. */
    boolean hasDeaths(int key) {
        return sums[key * Layout.of(p).width() + Layout.of(p).deaths()] > 0.0;
    }

    /** Reads, e.g., {@code "CoxTimeSums[2 covariates, 186 times]"}. */
    @Override
    public String toString() {
        return "CoxTimeSums[" + p + " covariates, " + times.length + " times]";
    }

    /** The sums of rows added one at a time (rows checked by {@link SurvivalData}). */
    private static final class Summing {

        private record Key(int stratum, double time) {
        }

        private final double[] beta;
        private final double[] means;
        private final Layout layout;
        private final Map<Key, double[]> byKey = new HashMap<>();
        private final double[] centred;

        Summing(double[] beta, double[] means) {
            this.beta = beta;
            this.means = means;
            this.layout = Layout.of(beta.length);
            this.centred = new double[beta.length];
        }

        /** Adds a row; {@code start} is NaN for a row at risk from 0. */
        void add(int stratum, double start, double stop, boolean event, double weight, double[] x) {
            int p = beta.length;
            double eta = 0.0;
            for (int j = 0; j < p; j++) {
                centred[j] = x[j] - means[j];
                eta += beta[j] * centred[j];
            }
            double risk = weight * Math.exp(eta);
            // + 0.0: -0.0 is the time 0
            double[] sums = byKey.computeIfAbsent(new Key(stratum, stop + 0.0), k -> new double[layout.width()]);
            accumulate(sums, layout.enter(), risk);
            if (event) {
                sums[layout.deaths()] += 1;
                sums[layout.deadWeight()] += weight;
                sums[layout.deadEta()] += weight * eta;
                for (int a = 0; a < p; a++) {
                    sums[layout.deadX() + a] += weight * centred[a];
                }
                accumulate(sums, layout.deadRisk(), risk);
            }
            if (!Double.isNaN(start)) {
                accumulate(byKey.computeIfAbsent(new Key(stratum, start + 0.0), k -> new double[layout.width()]),
                        layout.leave(), risk);
            }
        }

        private void accumulate(double[] sums, int at, double risk) {
            int p = beta.length;
            sums[at] += risk;
            for (int a = 0; a < p; a++) {
                double ra = risk * centred[a];
                sums[at + 1 + a] += ra;
                for (int b = 0; b <= a; b++) {
                    sums[at + 1 + p + a * p + b] += ra * centred[b];
                }
            }
        }

        CoxTimeSums sums() {
            Key[] keys = byKey.keySet().toArray(new Key[0]);
            Arrays.sort(keys, (a, b) -> compare(a.stratum(), a.time(), b.stratum(), b.time()));
            int width = layout.width();
            int[] s = new int[keys.length];
            double[] t = new double[keys.length];
            double[] v = new double[keys.length * width];
            for (int k = 0; k < keys.length; k++) {
                s[k] = keys[k].stratum();
                t[k] = keys[k].time();
                System.arraycopy(byKey.get(keys[k]), 0, v, k * width, width);
            }
            return new CoxTimeSums(beta.length, s, t, v);
        }
    }
}
