package org.loyaltymetrics.programme;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Distributions;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.stats.Measure;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;

/**
 * Breakage: the share of issued points that will never be redeemed, estimated from the time from issue to
 * redemption of every point of a {@link PointsLedger} as of a date, with its interval, and the
 * liability of the points outstanding.
 *
 * <p><b>The curve of points.</b> FIFO allocation (see {@link PointsLedger}) gives each point an issue date
 * and, once it leaves a balance, an age at its fate (days from issue): redeemed, expired, or adjusted away.
 * Points still outstanding at the end of the as-of date are censored at their age then, and points adjusted
 * away are censored at their age at the adjustment. Expiry is a competing risk of redemption (an expired
 * point can never be redeemed), so the curve is the Aalen–Johansen estimate of the cumulative incidence of
 * redemption (Kalbfleisch &amp; Prentice 2002, <i>The Statistical Analysis of Failure Time Data</i>, 2nd ed.,
 * §8.2.2, eq. 8.6): with nᵢ points at risk at age tᵢ (not redeemed, expired or censored before tᵢ), rᵢ
 * redeemed and xᵢ expired at tᵢ, S the Kaplan–Meier survival of all fates,
 * F(t) = Σ_{tᵢ ≤ t} S(tᵢ−) rᵢ / nᵢ, S(t) = Π_{tᵢ ≤ t} (1 − (rᵢ + xᵢ) / nᵢ). Points censored at an age are at
 * risk at it. Without expiries F = 1 − S, the Kaplan–Meier curve of redemption (the same estimator as
 * {@code retention.SurvivalCurve}, which the tests check); without censoring (every point's fate known, a
 * closed ledger) F(∞) is the share of points redeemed exactly.
 *
 * <p><b>Breakage</b> at the horizon τ (by default the longest age observed) is B = 1 − F(τ): points not
 * redeemed by age τ count as never redeemed, so the estimate needs a follow-up as long as the time points
 * take to be redeemed or to expire; a programme whose points expire after E days has its breakage at τ = E.
 * The <b>expected breakage of the points outstanding</b> weighs each outstanding point of age a by its
 * conditional chance of never being redeemed, 1 − (F(τ) − F(a)) / S(a) (1 for a point older than τ):
 * B_out = 1 − Σ oₐ (F(τ) − F(a)) / S(a) / O, with oₐ the points outstanding at age a and O their sum.
 * The <b>outstanding liability</b> is O × (1 − B_out) × the value per point.
 *
 * <p><b>Intervals: a bootstrap over members.</b> A member's points are redeemed together, so points are not
 * independent and the Greenwood variance of points would be far too small. The standard errors of B and
 * B_out are those of a nonparametric bootstrap that resamples members with replacement (the cluster
 * bootstrap; Davison &amp; Hinkley 1997, <i>Bootstrap Methods and their Application</i>, §3.8), recomputing
 * the curve from each resample's points ({@link Settings#replicates()} resamples, 200 by default, from a
 * fixed {@link Settings#seed() seed}, so that the figures are deterministic); intervals are normal, value ±
 * z SE, B's clipped to [0, 1]. The outstanding points O are known exactly: the liability's interval carries
 * the uncertainty of B_out, O × v × (1 − B_out ± z SE). Coverage at the stated rate is checked by simulation
 * in the tests.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Breakage implements Measure<Breakage>, Tabular {

    /**
     * How breakage is estimated.
     *
     * @param horizonDays the horizon τ in days, &gt;= 0; 0 for the longest age observed
     * @param replicates the bootstrap resamples, &gt;= 2
     * @param seed the seed of the resampling
     */
    public record Settings(int horizonDays, int replicates, long seed) {

        /** The default: the longest age observed, 200 resamples, seed 20261202. */
        public static final Settings DEFAULT = new Settings(0, 200, 20261202L);

        /** Validates the settings. */
        public Settings {
            if (horizonDays < 0) {
                throw InvalidArgumentException.of("horizonDays", ">= 0 (0 for the longest age observed)", horizonDays);
            }
            if (replicates < 2) {
                throw InvalidArgumentException.of("replicates", ">= 2", replicates);
            }
        }

        /** These settings with the horizon {@code days} (0 for the longest age observed). */
        public Settings withHorizonDays(int days) {
            return new Settings(days, replicates, seed);
        }

        /** These settings with {@code count} bootstrap resamples. */
        public Settings withReplicates(int count) {
            return new Settings(horizonDays, count, seed);
        }

        /** These settings with the resampling seed {@code value}. */
        public Settings withSeed(long value) {
            return new Settings(horizonDays, replicates, value);
        }
    }

    /**
     * One age of the curve at which points were redeemed or expired.
     *
     * @param ageDays the age in days since issue
     * @param atRisk points at risk at that age
     * @param redeemed points redeemed at that age
     * @param expired points expired at that age
     * @param cumulativeRedemption F(age), the share of points redeemed by that age
     * @param survival S(age), the share of points neither redeemed nor expired by that age
     */
    public record Step(int ageDays, long atRisk, long redeemed, long expired, double cumulativeRedemption,
            double survival) {
    }

    private final LocalDate asOf;
    private final Settings settings;
    private final int horizon;
    private final long issued;
    private final long redeemed;
    private final long expired;
    private final long outstanding;
    private final double breakage;
    private final double standardError;
    private final double outstandingBreakage;
    private final double outstandingStandardError;
    private final List<Step> steps;

    private Breakage(LocalDate asOf, Settings settings, int horizon, long[] totals, double[] figures, List<Step> steps) {
        this.asOf = asOf;
        this.settings = settings;
        this.horizon = horizon;
        this.issued = totals[0];
        this.redeemed = totals[1];
        this.expired = totals[2];
        this.outstanding = totals[3];
        this.breakage = figures[0];
        this.standardError = figures[1];
        this.outstandingBreakage = figures[2];
        this.outstandingStandardError = figures[3];
        this.steps = steps;
    }

    static Breakage of(PointsLedger ledger, int last, LocalDate asOf, Settings settings) {
        int total = ledger.segmentIssue.length;
        int[] age = new int[total];
        byte[] kind = new byte[total];
        int used = 0;
        long[] totals = new long[4];
        for (int s = 0; s < total; s++) {
            int issue = ledger.segmentIssue[s];
            if (issue > last) {
                kind[s] = -1;
                continue;
            }
            used++;
            int fateDay = ledger.segmentFateDay[s];
            long points = ledger.segmentPoints[s];
            totals[0] = Checks.addCounts(totals[0], points, "issued points");
            if (fateDay <= last) {
                kind[s] = ledger.segmentFate[s];
                age[s] = fateDay - issue;
                if (kind[s] == PointsLedger.REDEEMED) {
                    totals[1] += points;
                } else if (kind[s] == PointsLedger.EXPIRED) {
                    totals[2] += points;
                }
            } else {
                kind[s] = PointsLedger.OPEN;
                age[s] = last - issue;
                totals[3] += points;
            }
        }
        if (used == 0) {
            return new Breakage(asOf, settings, 0, totals, new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN},
                    List.of());
        }
        int[] ages = new int[used];
        int k = 0;
        for (int s = 0; s < total; s++) {
            if (kind[s] >= 0) {
                ages[k++] = age[s];
            }
        }
        Arrays.sort(ages);
        int distinct = 0;
        for (int i = 0; i < ages.length; i++) {
            if (i == 0 || ages[i] != ages[i - 1]) {
                ages[distinct++] = ages[i];
            }
        }
        ages = Arrays.copyOf(ages, distinct);
        int[] index = new int[total];
        double[] openByAge = new double[distinct];
        for (int s = 0; s < total; s++) {
            if (kind[s] >= 0) {
                index[s] = Arrays.binarySearch(ages, age[s]);
                if (kind[s] == PointsLedger.OPEN) {
                    openByAge[index[s]] += ledger.segmentPoints[s];
                }
            }
        }
        int tau = distinct - 1;
        int horizon = ages[tau];
        if (settings.horizonDays() > 0) {
            horizon = settings.horizonDays();
            int found = Arrays.binarySearch(ages, horizon);
            tau = found >= 0 ? found : -found - 2; // the last age <= horizon, -1 when before every age
        }
        Curve curve = new Curve(distinct);
        for (int s = 0; s < total; s++) {
            if (kind[s] >= 0) {
                curve.add(index[s], kind[s], ledger.segmentPoints[s]);
            }
        }
        double[] estimate = curve.estimate(tau, openByAge);
        List<Step> steps = curve.steps(ages);
        // the cluster bootstrap over members with points issued by the as-of date
        int members = ledger.memberCount();
        int[] withPoints = new int[members];
        int n = 0;
        for (int m = 0; m < members; m++) {
            int s = ledger.segmentStart[m];
            if (s < ledger.segmentStart[m + 1] && kind[s] >= 0) { // segments are in issue order
                withPoints[n++] = m;
            }
        }
        SplittableRandom random = new SplittableRandom(settings.seed());
        int b = settings.replicates();
        double sum = 0.0;
        double sumSquares = 0.0;
        double sumOut = 0.0;
        double sumOutSquares = 0.0;
        for (int r = 0; r < b; r++) {
            curve.clear();
            for (int draw = 0; draw < n; draw++) {
                int m = withPoints[random.nextInt(n)];
                for (int s = ledger.segmentStart[m]; s < ledger.segmentStart[m + 1]; s++) {
                    if (kind[s] >= 0) {
                        curve.add(index[s], kind[s], ledger.segmentPoints[s]);
                    }
                }
            }
            double[] replicate = curve.estimate(tau, openByAge);
            sum += replicate[0];
            sumSquares += replicate[0] * replicate[0];
            sumOut += replicate[1];
            sumOutSquares += replicate[1] * replicate[1];
        }
        double se = Math.sqrt(Math.max(0.0, (sumSquares - sum * sum / b) / (b - 1)));
        double seOut = Math.sqrt(Math.max(0.0, (sumOutSquares - sumOut * sumOut / b) / (b - 1)));
        return new Breakage(asOf, settings, horizon, totals, new double[] {estimate[0], se, estimate[1], seOut},
                Collections.unmodifiableList(steps));
    }

    /** Tallies of points per distinct age and the Aalen–Johansen pass over them. */
    private static final class Curve {
        final double[] redeemed;
        final double[] expired;
        final double[] censored;
        final double[] incidence;
        final double[] survival;

        Curve(int ages) {
            redeemed = new double[ages];
            expired = new double[ages];
            censored = new double[ages];
            incidence = new double[ages];
            survival = new double[ages];
        }

        void clear() {
            Arrays.fill(redeemed, 0.0);
            Arrays.fill(expired, 0.0);
            Arrays.fill(censored, 0.0);
        }

        void add(int age, byte kind, long points) {
            if (kind == PointsLedger.REDEEMED) {
                redeemed[age] += points;
            } else if (kind == PointsLedger.EXPIRED) {
                expired[age] += points;
            } else {
                censored[age] += points;
            }
        }

        /** {B, B_out} at the horizon index {@code tau}, filling F and S per age. */
        double[] estimate(int tau, double[] openByAge) {
            double atRisk = 0.0;
            for (int i = 0; i < redeemed.length; i++) {
                atRisk += redeemed[i] + expired[i] + censored[i];
            }
            double f = 0.0;
            double s = 1.0;
            for (int i = 0; i < redeemed.length; i++) {
                if (atRisk > 0.0) {
                    f += s * redeemed[i] / atRisk;
                    s *= 1.0 - (redeemed[i] + expired[i]) / atRisk;
                }
                incidence[i] = f;
                survival[i] = s;
                atRisk -= redeemed[i] + expired[i] + censored[i];
            }
            double fTau = tau < 0 ? 0.0 : incidence[tau];
            double open = 0.0;
            double redeemable = 0.0;
            for (int i = 0; i < openByAge.length; i++) {
                if (openByAge[i] > 0.0) {
                    open += openByAge[i];
                    if (i < tau && survival[i] > 0.0) {
                        redeemable += openByAge[i] * Math.min(1.0, Math.max(0.0, (fTau - incidence[i]) / survival[i]));
                    }
                }
            }
            return new double[] {1.0 - fTau, open > 0.0 ? 1.0 - redeemable / open : Double.NaN};
        }

        List<Step> steps(int[] ages) {
            List<Step> list = new ArrayList<>();
            double atRisk = 0.0;
            for (int i = 0; i < redeemed.length; i++) {
                atRisk += redeemed[i] + expired[i] + censored[i];
            }
            for (int i = 0; i < redeemed.length; i++) {
                if (redeemed[i] + expired[i] > 0.0) {
                    list.add(new Step(ages[i], Math.round(atRisk), Math.round(redeemed[i]), Math.round(expired[i]),
                            incidence[i], survival[i]));
                }
                atRisk -= redeemed[i] + expired[i] + censored[i];
            }
            return list;
        }
    }

    /** Whether no point was issued by the as-of date, so that breakage is undefined. */
    @Override
    public boolean isEmpty() {
        return issued == 0;
    }

    /**
     * The breakage B = 1 − F(τ), in [0, 1].
     *
     * @throws UndefinedResultException if no point was issued by the as-of date
     */
    @Override
    public double value() {
        requirePoints();
        return breakage;
    }

    /** The bootstrap standard error of {@link #value()}. */
    public double standardError() {
        requirePoints();
        return standardError;
    }

    /** B with its bootstrap standard error, as a normal {@link Estimate}. */
    public Estimate estimate() {
        return Estimate.normal(value(), standardError);
    }

    /** The normal interval B ± z SE at {@code confidence}, clipped to [0, 1]. */
    @Override
    public ConfidenceInterval confidenceInterval(double confidence) {
        double margin = Distributions.normalCriticalValue(confidence) * standardError();
        return new ConfidenceInterval(Math.max(0.0, breakage - margin), Math.min(1.0, breakage + margin), confidence);
    }

    /** The z test of {@code this − earlier} (two independent programmes, or two sets of members). */
    @Override
    public DifferenceTest differenceFrom(Breakage earlier) {
        Checks.notNull(earlier, "earlier");
        return estimate().differenceFrom(earlier.estimate());
    }

    /**
     * The expected breakage of the points outstanding at the end of the as-of date, B_out, with its bootstrap
     * standard error.
     *
     * @throws UndefinedResultException if no point is outstanding
     */
    public Estimate outstandingBreakage() {
        requirePoints();
        if (outstanding == 0) {
            throw new UndefinedResultException("the breakage of outstanding points is undefined: no point is outstanding");
        }
        return Estimate.normal(outstandingBreakage, outstandingStandardError);
    }

    /**
     * The outstanding liability O × (1 − B_out) × {@code valuePerPoint}, with the standard error
     * O × v × SE(B_out); 0 (standard error 0) when no point is outstanding.
     *
     * @param valuePerPoint the value of one point in a currency, finite and &gt;= 0
     * @throws InvalidArgumentException if {@code valuePerPoint} is negative or not finite
     * @throws UndefinedResultException if no point was issued by the as-of date
     */
    public Estimate liability(double valuePerPoint) {
        Checks.nonNegative(valuePerPoint, "valuePerPoint");
        requirePoints();
        if (outstanding == 0) {
            return Estimate.normal(0.0, 0.0);
        }
        double scale = outstanding * valuePerPoint;
        return Estimate.normal(scale * (1.0 - outstandingBreakage), scale * outstandingStandardError);
    }

    /**
     * The normal interval of {@link #liability(double)} at {@code confidence}, clipped to [0, O × v]: the
     * liability is neither negative nor more than every outstanding point redeemed.
     *
     * @param valuePerPoint the value of one point in a currency, finite and &gt;= 0
     * @param confidence in (0, 1)
     * @throws InvalidArgumentException if {@code valuePerPoint} is negative or not finite, or {@code confidence}
     *     is not in (0, 1)
     * @throws UndefinedResultException if no point was issued by the as-of date
     */
    public ConfidenceInterval liabilityInterval(double valuePerPoint, double confidence) {
        ConfidenceInterval band = liability(valuePerPoint).confidenceInterval(confidence);
        double face = outstanding * valuePerPoint;
        return new ConfidenceInterval(Math.max(0.0, band.low()), Math.min(face, band.high()), confidence);
    }

    private void requirePoints() {
        if (issued == 0) {
            throw new UndefinedResultException("breakage is undefined: no point was issued by " + asOf);
        }
    }

    /** The as-of date (inclusive). */
    public LocalDate asOf() {
        return asOf;
    }

    /** The settings of the estimate. */
    public Settings settings() {
        return settings;
    }

    /** The horizon τ in days: the one set, or the longest age observed. */
    public int horizonDays() {
        return horizon;
    }

    /** Points issued (earned or positively adjusted) by the as-of date. */
    public long issuedPoints() {
        return issued;
    }

    /** Of the points issued, those redeemed by the as-of date. */
    public long redeemedPoints() {
        return redeemed;
    }

    /** Of the points issued, those expired by the as-of date. */
    public long expiredPoints() {
        return expired;
    }

    /** The points outstanding at the end of the as-of date, O. */
    public long outstandingPoints() {
        return outstanding;
    }

    /** The ages at which points were redeemed or expired, with F and S: the curve. */
    public List<Step> steps() {
        return steps;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Breakage)) {
            return false;
        }
        Breakage other = (Breakage) o;
        return asOf.equals(other.asOf) && settings.equals(other.settings) && issued == other.issued
                && redeemed == other.redeemed && expired == other.expired && outstanding == other.outstanding
                && steps.equals(other.steps) && Double.compare(standardError, other.standardError) == 0
                && Double.compare(outstandingStandardError, other.outstandingStandardError) == 0;
    }

    @Override
    public int hashCode() {
        return (asOf.hashCode() * 31 + steps.hashCode()) * 31 + Long.hashCode(outstanding);
    }

    /** Reads, e.g., {@code "breakage 0.2500 (SE 0.0310) at 365 days as of 2025-06-30, 1200 points outstanding"}. */
    @Override
    public String toString() {
        return "breakage " + (issued == 0 ? "undefined" : Formatting.decimal(breakage, 4) + " (SE "
                + Formatting.decimal(standardError, 4) + ") at " + horizon + " days") + " as of " + asOf + ", "
                + outstanding + " points outstanding";
    }

    /** The curve: one row per age with redemptions or expiries. */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().title("Redemption of points by age as of " + asOf).numberColumn("age (days)")
                .numberColumn("at risk").numberColumn("redeemed").numberColumn("expired")
                .numberColumn("redeemed by age").numberColumn("not yet fated");
        for (Step step : steps) {
            table.row(step.ageDays(), step.atRisk(), step.redeemed(), step.expired(),
                    Formatting.decimal(step.cumulativeRedemption(), 4), Formatting.decimal(step.survival(), 4));
        }
        return table.build();
    }
}
