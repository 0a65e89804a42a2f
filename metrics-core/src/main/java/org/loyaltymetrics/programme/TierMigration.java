package org.loyaltymetrics.programme;

import java.time.LocalDate;
import java.util.Arrays;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.Proportion;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;

/**
 * The tier-migration matrix between two dates: of the members holding tier i on the first date, how many hold
 * tier j on the second, or have left (the exit column). Each row's shares are {@link Proportion}s of the
 * row's members, with Wilson intervals (the rows are multinomial; each share on its own is binomial). The
 * summary figures are shares of all members of the first date: {@link #upgrades()} (a higher tier),
 * {@link #downgrades()} (a lower one), {@link #stays()} and {@link #exits()}, which add up to 1. Built by
 * {@link TierHistory#migration(LocalDate, LocalDate)}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class TierMigration implements Tabular {

    private final LocalDate from;
    private final LocalDate to;
    private final long[][] counts;
    private final long total;

    TierMigration(LocalDate from, LocalDate to, long[][] counts) {
        this.from = from;
        this.to = to;
        this.counts = counts;
        long sum = 0;
        for (long[] row : counts) {
            for (long c : row) {
                sum += c;
            }
        }
        this.total = sum;
    }

    /** The number of tiers (the matrix has one row per tier and one column per tier plus the exit). */
    public int tierCount() {
        return counts.length;
    }

    /** The members holding a tier on the first date. */
    public long members() {
        return total;
    }

    /**
     * The members moving from tier {@code fromTier} to tier {@code toTier}, or leaving when {@code toTier} is
     * −1.
     *
     * @throws InvalidArgumentException if a tier is out of range
     */
    public long count(int fromTier, int toTier) {
        checkTier(fromTier, "fromTier", false);
        checkTier(toTier, "toTier", true);
        return counts[fromTier][toTier < 0 ? counts.length : toTier];
    }

    /** The share of tier {@code fromTier}'s members in tier {@code toTier} (−1: leaving) on the second date. */
    public Proportion share(int fromTier, int toTier) {
        long row = 0;
        checkTier(fromTier, "fromTier", false);
        for (long c : counts[fromTier]) {
            row += c;
        }
        return Proportion.of(count(fromTier, toTier), row);
    }

    private void checkTier(int tier, String name, boolean exitAllowed) {
        if (tier < (exitAllowed ? -1 : 0) || tier >= counts.length) {
            throw InvalidArgumentException.of(name, "in " + (exitAllowed ? -1 : 0) + ".." + (counts.length - 1), tier);
        }
    }

    private Proportion sum(int kind) {
        long hits = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j <= counts.length; j++) {
                int k = j == counts.length ? 3 : j > i ? 0 : j < i ? 1 : 2;
                if (k == kind) {
                    hits += counts[i][j];
                }
            }
        }
        return Proportion.of(hits, total);
    }

    /** The share of members in a higher tier on the second date. */
    public Proportion upgrades() {
        return sum(0);
    }

    /** The share of members in a lower tier on the second date. */
    public Proportion downgrades() {
        return sum(1);
    }

    /** The share of members in the same tier on the second date. */
    public Proportion stays() {
        return sum(2);
    }

    /** The share of members who left the programme by the second date. */
    public Proportion exits() {
        return sum(3);
    }

    /** The first date. */
    public LocalDate from() {
        return from;
    }

    /** The second date. */
    public LocalDate to() {
        return to;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TierMigration && ((TierMigration) o).from.equals(from) && ((TierMigration) o).to.equals(to)
                && Arrays.deepEquals(((TierMigration) o).counts, counts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts) * 31 + from.hashCode();
    }

    /** Reads, e.g., {@code "tier migration 2025-01-01 to 2025-12-31 of 120 members: 10.00% up, 5.00% down, 80.00% stay, 5.00% exit"}. */
    @Override
    public String toString() {
        return "tier migration " + from + " to " + to + " of " + total + " members"
                + (total == 0 ? "" : ": " + Formatting.percent(upgrades().value()) + " up, "
                        + Formatting.percent(downgrades().value()) + " down, " + Formatting.percent(stays().value())
                        + " stay, " + Formatting.percent(exits().value()) + " exit");
    }

    /**
     * One row per tier of the first date: its members, then per tier of the second date (and the exit) the
     * count and the row share with its 95 % Wilson interval, as {@code "12 (40.00% [24.59%, 57.68%])"}.
     */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().title("Tier migration " + from + " to " + to).column("from tier")
                .numberColumn("members");
        for (int j = 0; j < counts.length; j++) {
            table.numberColumn("to tier " + j);
        }
        table.numberColumn("exit");
        for (int i = 0; i < counts.length; i++) {
            Object[] row = new Object[counts.length + 3];
            row[0] = Integer.toString(i);
            long members = 0;
            for (long c : counts[i]) {
                members += c;
            }
            row[1] = members;
            for (int j = 0; j <= counts.length; j++) {
                Proportion share = share(i, j == counts.length ? -1 : j);
                row[j + 2] = share.isEmpty() ? null : counts[i][j] + " (" + Formatting.percent(share.value()) + " ["
                        + Formatting.percent(share.confidenceInterval(0.95).low()) + ", "
                        + Formatting.percent(share.confidenceInterval(0.95).high()) + "])";
            }
            table.row(row);
        }
        return table.build();
    }
}
