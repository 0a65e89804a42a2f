package org.loyaltymetrics.model;

import java.util.Arrays;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.TextTable;

/**
 * The customers of one contractual cohort still alive at the start of each period 0, 1, …, n (for
 * example 1000, 631, 468, … subscribers at the start of each year), the data of the shifted-beta-
 * geometric model: the customers lost in period t are alive(t − 1) − alive(t), and alive(n) are still
 * active, censored at the end of period n.
 *
 * <p>Rules: at least two periods (0 and 1); alive(0) &gt; 0; the counts never increase.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class CohortSurvivors {

    private final long[] alive;

    private CohortSurvivors(long[] alive) {
        this.alive = alive;
    }

    /**
     * The survivors {@code alive[t]} at the start of period t = 0..n.
     *
     * @throws IllegalArgumentException if there are fewer than two counts, the first is not &gt; 0, a count
     *     is negative or a count exceeds the one before it
     */
    public static CohortSurvivors of(long... alive) {
        Checks.notNull(alive, "alive");
        if (alive.length < 2) {
            throw new IllegalArgumentException("alive must hold at least periods 0 and 1, had " + alive.length);
        }
        if (alive[0] < 1) {
            throw new IllegalArgumentException("alive[0] must be >= 1, was " + alive[0]);
        }
        for (int t = 1; t < alive.length; t++) {
            if (alive[t] < 0 || alive[t] > alive[t - 1]) {
                throw new IllegalArgumentException("alive[" + t + "] must be in 0.." + alive[t - 1] + ", was " + alive[t]);
            }
        }
        return new CohortSurvivors(alive.clone());
    }

    /** The number of observed periods n (the last index). */
    public int periods() {
        return alive.length - 1;
    }

    /** The customers alive at the start of period {@code period} (0..n). */
    public long alive(int period) {
        if (period < 0 || period >= alive.length) {
            throw new IllegalArgumentException("period must be in 0.." + periods() + ", was " + period);
        }
        return alive[period];
    }

    /** The customers lost during period {@code period} (1..n): alive(t − 1) − alive(t). */
    public long lost(int period) {
        if (period < 1 || period >= alive.length) {
            throw new IllegalArgumentException("period must be in 1.." + periods() + ", was " + period);
        }
        return alive[period - 1] - alive[period];
    }

    /** The first {@code periods} + 1 counts (periods 0..periods), for fitting on a calibration window. */
    public CohortSurvivors truncate(int periods) {
        if (periods < 1 || periods > periods()) {
            throw new IllegalArgumentException("periods must be in 1.." + periods() + ", was " + periods);
        }
        return new CohortSurvivors(Arrays.copyOf(alive, periods + 1));
    }

    long[] counts() {
        return alive;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CohortSurvivors that && Arrays.equals(alive, that.alive);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(alive);
    }

    /** A grid of period, alive and the observed retention rate alive(t) / alive(t − 1). */
    @Override
    public String toString() {
        TextTable table = new TextTable("period", "alive", "retention");
        for (int t = 0; t < alive.length; t++) {
            int period = t;
            table.row(t, alive[t], t == 0 ? "-" : TextTable.figure(() -> retention(period)));
        }
        return table.toString();
    }

    private double retention(int period) {
        if (alive[period - 1] == 0) {
            throw new org.loyaltymetrics.stats.UndefinedResultException("no customers at the start of the period");
        }
        return (double) alive[period] / alive[period - 1];
    }
}
