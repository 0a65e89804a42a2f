package org.loyaltymetrics.programme;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;
import org.loyaltymetrics.time.Granularity;

/**
 * The points ledger per calendar period: points issued (earned), redeemed (burned), expired and adjusted
 * (net, either sign) in each period, and the points outstanding at its end, O_k = O_{k−1} + issued −
 * redeemed − expired + adjusted, from the period of the first event to the period of the as-of date (whose
 * outstanding points are those at the end of the as-of date). Built by
 * {@link PointsLedger#periods(Granularity, LocalDate)}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class LedgerPeriods implements Tabular {

    /**
     * One period of the ledger.
     *
     * @param label the period's label, such as {@code 2025-03}
     * @param start its first day
     * @param issued points earned in it
     * @param redeemed points burned in it
     * @param expired points expired in it
     * @param adjusted the net adjustment in it, either sign
     * @param outstanding the points outstanding at its end (at the end of the as-of date for the last)
     */
    public record Period(String label, LocalDate start, long issued, long redeemed, long expired, long adjusted,
            long outstanding) {
    }

    private final Granularity granularity;
    private final LocalDate asOf;
    private final List<Period> periods;

    LedgerPeriods(Granularity granularity, LocalDate asOf, long[] numbers, long[][] flows) {
        this.granularity = granularity;
        this.asOf = asOf;
        List<Period> list = new ArrayList<>();
        long outstanding = 0;
        for (int i = 0; i < numbers.length; i++) {
            long[] row = flows[i];
            outstanding = Math.addExact(Math.subtractExact(Math.subtractExact(Checks.addCounts(outstanding, row[0],
                    "outstanding points"), row[1]), row[2]), row[3]);
            list.add(new Period(granularity.label(numbers[i]), granularity.startOf(numbers[i]), row[0], row[1], row[2],
                    row[3], outstanding));
        }
        this.periods = Collections.unmodifiableList(list);
    }

    /** The granularity of the periods. */
    public Granularity granularity() {
        return granularity;
    }

    /** The as-of date (inclusive). */
    public LocalDate asOf() {
        return asOf;
    }

    /** The periods in date order; empty when no event is on or before the as-of date. */
    public List<Period> periods() {
        return periods;
    }

    /** Whether there is no period. */
    public boolean isEmpty() {
        return periods.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LedgerPeriods && ((LedgerPeriods) o).periods.equals(periods)
                && ((LedgerPeriods) o).asOf.equals(asOf) && ((LedgerPeriods) o).granularity == granularity;
    }

    @Override
    public int hashCode() {
        return periods.hashCode() * 31 + asOf.hashCode();
    }

    /** Reads, e.g., {@code "points ledger by MONTH as of 2025-06-30: 6 periods, 1200 points outstanding"}. */
    @Override
    public String toString() {
        return "points ledger by " + granularity + " as of " + asOf + ": " + periods.size() + " periods, "
                + (periods.isEmpty() ? 0 : periods.get(periods.size() - 1).outstanding()) + " points outstanding";
    }

    /** One row per period: period, issued, redeemed, expired, adjusted, outstanding. */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().title("Points ledger by " + granularity.name().toLowerCase(java.util.Locale.ROOT)
                + " as of " + asOf).column("period").numberColumn("issued").numberColumn("redeemed")
                .numberColumn("expired").numberColumn("adjusted").numberColumn("outstanding");
        for (Period p : periods) {
            table.row(p.label(), p.issued(), p.redeemed(), p.expired(), p.adjusted(), p.outstanding());
        }
        return table.build();
    }
}
