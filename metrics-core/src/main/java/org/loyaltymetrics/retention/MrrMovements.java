package org.loyaltymetrics.retention;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;

/**
 * The movements of monthly recurring revenue (MRR) over one month, from the accounts' MRR at the end
 * of the previous month to their MRR at the end of this one:
 * <ul>
 *   <li>start: the MRR of the previous month; end: the MRR of this month;
 *   <li>new: accounts with revenue for the first time;
 *   <li>expansion / contraction: the increase / decrease of accounts with revenue in both months;
 *   <li>churned: the previous MRR of accounts without revenue this month;
 *   <li>reactivation: accounts that had revenue before, none the previous month, and revenue again.
 * </ul>
 * They reconcile: start + new + expansion + reactivation − contraction − churned = end.
 *
 * <p>Rates, each undefined (throwing {@link UndefinedResultException}) when its denominator is 0:
 * gross MRR churn = (churned + contraction) / start; net MRR churn = (churned + contraction −
 * expansion − reactivation) / start, negative when expansion outgrows losses; gross revenue retention
 * GRR = (start − churned − contraction) / start, never above 1; net revenue retention
 * NRR = (start − churned − contraction + expansion) / start; quick ratio = (new + expansion) /
 * (churned + contraction), with reactivation in the numerator as a named variant. Start 100, churned
 * 10, contraction 10, expansion 10 give a gross MRR churn of 20 % and a net MRR churn of 10 %.
 *
 * <p>Amounts are exact {@code long} counts of minor units (such as cents); {@link #amount(long)}
 * shows one as a decimal with this value's number of decimals.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class MrrMovements {

    /** The definitions of the quick ratio. */
    public enum QuickRatio {
        /** (new + expansion) / (churned + contraction) (default). */
        STANDARD,
        /** (new + expansion + reactivation) / (churned + contraction). */
        WITH_REACTIVATION
    }

    private final YearMonth month;
    private final long start;
    private final long newMrr;
    private final long expansion;
    private final long contraction;
    private final long churned;
    private final long reactivation;
    private final long end;
    private final int decimals;

    private MrrMovements(YearMonth month, long start, long newMrr, long expansion, long contraction, long churned,
            long reactivation, int decimals) {
        this.month = month;
        this.start = Checks.count(start, "startMrr");
        this.newMrr = Checks.count(newMrr, "newMrr");
        this.expansion = Checks.count(expansion, "expansionMrr");
        this.contraction = Checks.count(contraction, "contractionMrr");
        this.churned = Checks.count(churned, "churnedMrr");
        this.reactivation = Checks.count(reactivation, "reactivationMrr");
        if (churned + contraction > start) {
            throw new IllegalArgumentException("churnedMrr + contractionMrr must be <= startMrr " + start + ", was "
                    + churned + " + " + contraction);
        }
        this.end = Math.addExact(Math.addExact(Math.addExact(start - churned - contraction, newMrr), expansion), reactivation);
        if (decimals < 0 || decimals > 18) {
            throw new IllegalArgumentException("decimals must be in 0..18, was " + decimals);
        }
        this.decimals = decimals;
    }

    /**
     * The movements of {@code month} from amounts in minor units; the end MRR is start − churned −
     * contraction + new + expansion + reactivation.
     *
     * @param decimals the number of decimals of the currency's minor unit, such as 2 for cents
     * @throws IllegalArgumentException if an amount is negative, or more MRR is lost than there was
     */
    public static MrrMovements ofAmounts(YearMonth month, long startMrr, long newMrr, long expansionMrr,
            long contractionMrr, long churnedMrr, long reactivationMrr, int decimals) {
        Checks.notNull(month, "month");
        return new MrrMovements(month, startMrr, newMrr, expansionMrr, contractionMrr, churnedMrr, reactivationMrr,
                decimals);
    }

    /** The month. */
    public YearMonth month() {
        return month;
    }

    /** The MRR at the end of the previous month, in minor units. */
    public long startMrr() {
        return start;
    }

    /** The MRR of accounts with revenue for the first time, in minor units. */
    public long newMrr() {
        return newMrr;
    }

    /** The increase of accounts with revenue in both months, in minor units. */
    public long expansionMrr() {
        return expansion;
    }

    /** The decrease of accounts with revenue in both months, in minor units. */
    public long contractionMrr() {
        return contraction;
    }

    /** The previous MRR of accounts without revenue this month, in minor units. */
    public long churnedMrr() {
        return churned;
    }

    /** The MRR of accounts that come back after a month or more without revenue, in minor units. */
    public long reactivationMrr() {
        return reactivation;
    }

    /** The MRR at the end of the month, in minor units. */
    public long endMrr() {
        return end;
    }

    /** The number of decimals of the minor unit. */
    public int decimals() {
        return decimals;
    }

    /** {@code minorUnits} as a decimal amount, e.g. 12345 with 2 decimals is 123.45. */
    public BigDecimal amount(long minorUnits) {
        return BigDecimal.valueOf(minorUnits, decimals);
    }

    /** Gross MRR churn, (churned + contraction) / start, in [0, 1]. */
    public double grossMrrChurn() {
        return (double) (churned + contraction) / requireStart("gross MRR churn");
    }

    /** Net MRR churn, (churned + contraction − expansion − reactivation) / start; negative when revenue grew. */
    public double netMrrChurn() {
        return ((double) churned + contraction - expansion - reactivation) / requireStart("net MRR churn");
    }

    /** Gross revenue retention (GRR), (start − churned − contraction) / start, in [0, 1]. */
    public double grossRevenueRetention() {
        return (double) (start - churned - contraction) / requireStart("gross revenue retention");
    }

    /** Net revenue retention (NRR), (start − churned − contraction + expansion) / start. */
    public double netRevenueRetention() {
        return ((double) start - churned - contraction + expansion) / requireStart("net revenue retention");
    }

    /** The quick ratio, (new + expansion) / (churned + contraction). */
    public double quickRatio() {
        return quickRatio(QuickRatio.STANDARD);
    }

    /** The quick ratio under {@code definition}. */
    public double quickRatio(QuickRatio definition) {
        Checks.notNull(definition, "definition");
        long losses = churned + contraction;
        if (losses == 0) {
            throw new UndefinedResultException("the quick ratio of " + month + " is undefined: no MRR was churned or contracted");
        }
        double gains = (double) newMrr + expansion + (definition == QuickRatio.WITH_REACTIVATION ? reactivation : 0);
        return gains / losses;
    }

    private long requireStart(String figure) {
        if (start == 0) {
            throw new UndefinedResultException(figure + " of " + month + " is undefined: the start MRR is 0");
        }
        return start;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MrrMovements)) {
            return false;
        }
        MrrMovements that = (MrrMovements) o;
        return month.equals(that.month) && start == that.start && newMrr == that.newMrr && expansion == that.expansion
                && contraction == that.contraction && churned == that.churned && reactivation == that.reactivation
                && decimals == that.decimals;
    }

    @Override
    public int hashCode() {
        return Objects.hash(month, start, newMrr, expansion, contraction, churned, reactivation, decimals);
    }

    /** Reads, e.g., {@code "2025-03: start 100.00, new 5.00, ... end 95.00; gross churn 20.00%, NRR 90.00%"}. */
    @Override
    public String toString() {
        String rates = start == 0 ? "rates undefined (start MRR 0)"
                : "gross MRR churn " + Formatting.percent(grossMrrChurn()) + ", net MRR churn "
                        + Formatting.percent(netMrrChurn()) + ", GRR " + Formatting.percent(grossRevenueRetention())
                        + ", NRR " + Formatting.percent(netRevenueRetention());
        return month + ": start " + amount(start) + ", new " + amount(newMrr) + ", expansion " + amount(expansion)
                + ", contraction " + amount(contraction) + ", churned " + amount(churned) + ", reactivation "
                + amount(reactivation) + ", end " + amount(end) + "; " + rates;
    }
}
