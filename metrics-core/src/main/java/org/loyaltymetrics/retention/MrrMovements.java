package org.loyaltymetrics.retention;

import java.time.YearMonth;
import java.util.Objects;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.money.Money;

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
 * NRR = (start − churned − contraction + expansion) / start. The quick ratio comes in two explicit
 * figures: {@link #quickRatio()} = (new + expansion) / (churned + contraction), the usual one, and
 * {@link #quickRatioWithReactivation()} = (new + expansion + reactivation) / (churned + contraction).
 * Start 100, churned 10, contraction 10, expansion 10 give a gross MRR churn of 20 % and a net MRR
 * churn of 10 %. Rates of money are {@code double}s.
 *
 * <p>Amounts are exact {@link Money} in one {@link CurrencyUnit}. The movements of one month over two
 * disjoint sets of accounts (two segments, two regions) add up exactly ({@link #plus(MrrMovements)}):
 * each account's movement depends on that account alone. An account present in both would be
 * counted twice; the accumulators of {@link RevenueRetention} combine such data exactly.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class MrrMovements {

    private final YearMonth month;
    private final CurrencyUnit currency;
    private final long start;
    private final long newMrr;
    private final long expansion;
    private final long contraction;
    private final long churned;
    private final long reactivation;
    private final long end;

    private MrrMovements(YearMonth month, CurrencyUnit currency, long start, long newMrr, long expansion,
            long contraction, long churned, long reactivation) {
        this.month = Checks.notNull(month, "month");
        this.currency = Checks.notNull(currency, "currency");
        this.start = Checks.count(start, "startMrr");
        this.newMrr = Checks.count(newMrr, "newMrr");
        this.expansion = Checks.count(expansion, "expansionMrr");
        this.contraction = Checks.count(contraction, "contractionMrr");
        this.churned = Checks.count(churned, "churnedMrr");
        this.reactivation = Checks.count(reactivation, "reactivationMrr");
        if (churned > start) {
            throw InvalidArgumentException.of("churnedMrr", "<= startMrr " + start, churned);
        }
        if (contraction > start - churned) {
            throw InvalidArgumentException.of("contractionMrr", "<= startMrr " + start + " - churnedMrr " + churned,
                    contraction);
        }
        this.end = Math.addExact(Math.addExact(Math.addExact(start - churned - contraction, newMrr), expansion), reactivation);
    }

    /**
     * The movements of {@code month} from amounts in minor units of {@code currency} (cents for
     * {@link CurrencyUnit#USD}); the end MRR is start − churned − contraction + new + expansion +
     * reactivation.
     *
     * @throws InvalidArgumentException if an amount is negative, or more MRR is lost than there was
     * @throws ArithmeticException if the end MRR overflows
     */
    public static MrrMovements ofMinorUnits(YearMonth month, CurrencyUnit currency, long startMrr, long newMrr,
            long expansionMrr, long contractionMrr, long churnedMrr, long reactivationMrr) {
        return new MrrMovements(month, currency, startMrr, newMrr, expansionMrr, contractionMrr, churnedMrr,
                reactivationMrr);
    }

    /** The month. */
    public YearMonth month() {
        return month;
    }

    /** The currency of every amount. */
    public CurrencyUnit currency() {
        return currency;
    }

    private Money money(long minorUnits) {
        return Money.ofMinor(currency, minorUnits);
    }

    /** The MRR at the end of the previous month. */
    public Money startMrr() {
        return money(start);
    }

    /** The MRR of accounts with revenue for the first time. */
    public Money newMrr() {
        return money(newMrr);
    }

    /** The increase of accounts with revenue in both months. */
    public Money expansionMrr() {
        return money(expansion);
    }

    /** The decrease of accounts with revenue in both months. */
    public Money contractionMrr() {
        return money(contraction);
    }

    /** The previous MRR of accounts without revenue this month. */
    public Money churnedMrr() {
        return money(churned);
    }

    /** The MRR of accounts that come back after a month or more without revenue. */
    public Money reactivationMrr() {
        return money(reactivation);
    }

    /** The MRR at the end of the month. */
    public Money endMrr() {
        return money(end);
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

    /**
     * The quick ratio, (new + expansion) / (churned + contraction): MRR gained for each unit lost.
     *
     * @throws UndefinedResultException if no MRR was churned or contracted
     */
    public double quickRatio() {
        return ((double) newMrr + expansion) / requireLosses();
    }

    /**
     * The quick ratio counting reactivated MRR as gained, (new + expansion + reactivation) /
     * (churned + contraction).
     *
     * @throws UndefinedResultException if no MRR was churned or contracted
     */
    public double quickRatioWithReactivation() {
        return ((double) newMrr + expansion + reactivation) / requireLosses();
    }

    private long requireLosses() {
        long losses = churned + contraction;
        if (losses == 0) {
            throw new UndefinedResultException("the quick ratio of " + month + " is undefined: no MRR was churned or contracted");
        }
        return losses;
    }

    private long requireStart(String figure) {
        if (start == 0) {
            throw new UndefinedResultException(figure + " of " + month + " is undefined: the start MRR is 0");
        }
        return start;
    }

    /**
     * The movements of this month over the accounts of both values together, every amount added: exact
     * when the two sets of accounts are disjoint (see the class documentation).
     *
     * @throws InvalidArgumentException if {@code other} is of another month or currency
     * @throws ArithmeticException if an amount overflows
     */
    public MrrMovements plus(MrrMovements other) {
        Checks.notNull(other, "other");
        Checks.sameSetting(month, other.month, "other", "month");
        Checks.sameSetting(currency, other.currency, "other", "currency");
        return new MrrMovements(month, currency, Math.addExact(start, other.start), Math.addExact(newMrr, other.newMrr),
                Math.addExact(expansion, other.expansion), Math.addExact(contraction, other.contraction),
                Math.addExact(churned, other.churned), Math.addExact(reactivation, other.reactivation));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MrrMovements)) {
            return false;
        }
        MrrMovements that = (MrrMovements) o;
        return month.equals(that.month) && currency.equals(that.currency) && start == that.start
                && newMrr == that.newMrr && expansion == that.expansion && contraction == that.contraction
                && churned == that.churned && reactivation == that.reactivation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(month, currency, start, newMrr, expansion, contraction, churned, reactivation);
    }

    /** The amount {@code minorUnits} as a plain decimal, such as {@code 123.45}. */
    String amount(long minorUnits) {
        return money(minorUnits).amount().toPlainString();
    }

    /**
     * Reads, e.g., {@code "2025-03 in USD: start 160.00, new 0.00, ..., end 135.00; gross MRR churn 18.75%, ..."}.
     */
    @Override
    public String toString() {
        String rates = start == 0 ? "rates undefined (start MRR 0)"
                : "gross MRR churn " + Formatting.percent(grossMrrChurn()) + ", net MRR churn "
                        + Formatting.percent(netMrrChurn()) + ", GRR " + Formatting.percent(grossRevenueRetention())
                        + ", NRR " + Formatting.percent(netRevenueRetention());
        return month + " in " + currency + ": start " + amount(start) + ", new " + amount(newMrr) + ", expansion "
                + amount(expansion) + ", contraction " + amount(contraction) + ", churned " + amount(churned)
                + ", reactivation " + amount(reactivation) + ", end " + amount(end) + "; " + rates;
    }
}
