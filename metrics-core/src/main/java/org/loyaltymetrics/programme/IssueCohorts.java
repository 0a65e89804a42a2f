package org.loyaltymetrics.programme;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;
import org.loyaltymetrics.time.Granularity;

/**
 * The points of each issue cohort as of a date: the lots issued (earned or positively adjusted) in one
 * calendar period, followed to their fates by FIFO allocation (see {@link PointsLedger}): redeemed, expired,
 * adjusted away, or still outstanding at the end of the as-of date. Built by
 * {@link PointsLedger#issueCohorts(Granularity, LocalDate)}.
 *
 * <p>A cohort is <b>closed</b> when none of its points is outstanding: every point's fate is known, and its
 * <b>observed breakage</b>, expired / (issued − adjusted away), the share of its points that were never
 * redeemed, is exact (no estimate, no interval). Open cohorts need the estimate of {@link Breakage}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class IssueCohorts implements Tabular {

    /**
     * One issue cohort.
     *
     * @param label the issue period's label, such as {@code 2025-03}
     * @param start the issue period's first day
     * @param issued points issued in the period
     * @param redeemed of them, points redeemed by the as-of date
     * @param expired of them, points expired by the as-of date
     * @param adjustedAway of them, points taken by negative adjustments by the as-of date
     * @param outstanding of them, points still outstanding at the end of the as-of date
     * @param redemptionRate redeemed / issued, with its standard error over the cohort's members
     */
    public record Cohort(String label, LocalDate start, long issued, long redeemed, long expired, long adjustedAway,
            long outstanding, RedemptionRate redemptionRate) {

        /** Whether every point of the cohort has left the balances (none outstanding). */
        public boolean isClosed() {
            return outstanding == 0;
        }

        /**
         * The observed breakage of a closed cohort, expired / (issued − adjusted away): exact.
         *
         * @throws UndefinedResultException if the cohort is open, or all its points were adjusted away
         */
        public double observedBreakage() {
            if (!isClosed()) {
                throw new UndefinedResultException("the observed breakage of cohort " + label + " is undefined: "
                        + outstanding + " of its points are outstanding");
            }
            long fated = issued - adjustedAway;
            if (fated == 0) {
                throw new UndefinedResultException("the observed breakage of cohort " + label
                        + " is undefined: every point was adjusted away");
            }
            return (double) expired / fated;
        }
    }

    private final Granularity granularity;
    private final LocalDate asOf;
    private final List<Cohort> cohorts;

    private IssueCohorts(Granularity granularity, LocalDate asOf, List<Cohort> cohorts) {
        this.granularity = granularity;
        this.asOf = asOf;
        this.cohorts = Collections.unmodifiableList(cohorts);
    }

    static IssueCohorts of(PointsLedger ledger, Granularity granularity, LocalDate asOf, int last) {
        int segments = ledger.segmentIssue.length;
        long first = Long.MAX_VALUE;
        long lastPeriod = Long.MIN_VALUE;
        for (int s = 0; s < segments; s++) {
            if (ledger.segmentIssue[s] <= last) {
                long period = granularity.periodNumberOfEpochDay(ledger.segmentIssue[s]);
                first = Math.min(first, period);
                lastPeriod = Math.max(lastPeriod, period);
            }
        }
        if (first == Long.MAX_VALUE) {
            return new IssueCohorts(granularity, asOf, new ArrayList<>());
        }
        int n = Math.toIntExact(lastPeriod - first + 1);
        long[][] totals = new long[n][5]; // issued, redeemed, expired, removed, outstanding
        long[] memberCounts = new long[n];
        // per member and cohort: (cohort, redeemed, issued), for the standard errors
        int[] pairCohort = new int[16];
        long[] pairRedeemed = new long[16];
        long[] pairIssued = new long[16];
        int pairs = 0;
        int members = ledger.memberCount();
        for (int m = 0; m < members; m++) {
            int current = -1;
            for (int s = ledger.segmentStart[m]; s < ledger.segmentStart[m + 1]; s++) {
                int issue = ledger.segmentIssue[s];
                if (issue > last) {
                    continue;
                }
                int c = (int) (granularity.periodNumberOfEpochDay(issue) - first);
                if (c != current) { // a member's segments are in issue order
                    if (pairs == pairCohort.length) {
                        pairCohort = Arrays.copyOf(pairCohort, pairs * 2);
                        pairRedeemed = Arrays.copyOf(pairRedeemed, pairs * 2);
                        pairIssued = Arrays.copyOf(pairIssued, pairs * 2);
                    }
                    pairCohort[pairs] = c;
                    pairs++;
                    memberCounts[c]++;
                    current = c;
                }
                long points = ledger.segmentPoints[s];
                long[] row = totals[c];
                row[0] = Checks.addCounts(row[0], points, "issued points");
                pairIssued[pairs - 1] += points;
                int fateDay = ledger.segmentFateDay[s];
                byte fate = fateDay <= last ? ledger.segmentFate[s] : PointsLedger.OPEN;
                int column = fate == PointsLedger.REDEEMED ? 1 : fate == PointsLedger.EXPIRED ? 2
                        : fate == PointsLedger.REMOVED ? 3 : 4;
                row[column] += points;
                if (fate == PointsLedger.REDEEMED) {
                    pairRedeemed[pairs - 1] += points;
                }
            }
        }
        double[] residuals = new double[n];
        for (int p = 0; p < pairs; p++) {
            int c = pairCohort[p];
            double rate = (double) totals[c][1] / totals[c][0];
            double residual = pairRedeemed[p] - rate * pairIssued[p];
            residuals[c] += residual * residual;
        }
        List<Cohort> list = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            long[] row = totals[c];
            if (row[0] == 0) {
                continue;
            }
            long k = memberCounts[c];
            double se = k >= 2 ? Math.sqrt(k / (k - 1.0) * residuals[c]) / row[0] : Double.NaN;
            list.add(new Cohort(granularity.label(first + c), granularity.startOf(first + c), row[0], row[1], row[2],
                    row[3], row[4], new RedemptionRate(row[1], row[0], k, se)));
        }
        return new IssueCohorts(granularity, asOf, list);
    }

    /** The cohorts with points, in issue order. */
    public List<Cohort> cohorts() {
        return cohorts;
    }

    /** The granularity of the issue periods. */
    public Granularity granularity() {
        return granularity;
    }

    /** The as-of date (inclusive). */
    public LocalDate asOf() {
        return asOf;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IssueCohorts && ((IssueCohorts) o).cohorts.equals(cohorts) && ((IssueCohorts) o).asOf.equals(asOf)
                && ((IssueCohorts) o).granularity == granularity;
    }

    @Override
    public int hashCode() {
        return cohorts.hashCode() * 31 + asOf.hashCode();
    }

    /** Reads, e.g., {@code "issue cohorts by MONTH as of 2025-06-30: 6 cohorts, 2 closed"}. */
    @Override
    public String toString() {
        return "issue cohorts by " + granularity + " as of " + asOf + ": " + cohorts.size() + " cohorts, "
                + cohorts.stream().filter(Cohort::isClosed).count() + " closed";
    }

    /**
     * One row per cohort: issued, redeemed, expired, adjusted away, outstanding, redemption rate, and the
     * observed breakage of closed cohorts (undefined for open ones).
     */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().title("Issue cohorts by " + granularity.name().toLowerCase(Locale.ROOT)
                + " as of " + asOf).column("cohort").numberColumn("issued").numberColumn("redeemed")
                .numberColumn("expired").numberColumn("adjusted away").numberColumn("outstanding")
                .numberColumn("redemption rate").numberColumn("observed breakage");
        for (Cohort c : cohorts) {
            boolean fated = c.isClosed() && c.issued() > c.adjustedAway();
            table.row(c.label(), c.issued(), c.redeemed(), c.expired(), c.adjustedAway(), c.outstanding(),
                    Formatting.decimal(c.redemptionRate().value(), 4),
                    fated ? Formatting.decimal(c.observedBreakage(), 4) : null);
        }
        return table.build();
    }
}
