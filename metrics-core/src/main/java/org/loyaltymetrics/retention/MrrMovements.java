package org.loyaltymetrics.retention;

import java.time.YearMonth;
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
 * <p>This record is immutable and thread-safe.
 *
 * @param month the month
 * @param startMrr the MRR at the end of the previous month
 * @param newMrr the MRR of accounts with revenue for the first time
 * @param expansionMrr the increase of accounts with revenue in both months
 * @param contractionMrr the decrease of accounts with revenue in both months
 * @param churnedMrr the previous MRR of accounts without revenue this month
 * @param reactivationMrr the MRR of accounts that come back after a month or more without revenue
 */
public record MrrMovements(YearMonth month, Money startMrr, Money newMrr, Money expansionMrr, Money contractionMrr,
        Money churnedMrr, Money reactivationMrr) {

    /**
     * Validates the movements.
     *
     * @throws InvalidArgumentException if an amount is negative or in another currency than
     *     {@code startMrr}, or more MRR is lost than there was
     * @throws ArithmeticException if the end MRR overflows
     */
    public MrrMovements {
        Checks.notNull(month, "month");
        Checks.notNull(startMrr, "startMrr");
        CurrencyUnit currency = startMrr.currency();
        long start = amount(startMrr, currency, "startMrr");
        amount(newMrr, currency, "newMrr");
        amount(expansionMrr, currency, "expansionMrr");
        long contraction = amount(contractionMrr, currency, "contractionMrr");
        long churned = amount(churnedMrr, currency, "churnedMrr");
        amount(reactivationMrr, currency, "reactivationMrr");
        if (churned > start) {
            throw InvalidArgumentException.of("churnedMrr", "<= startMrr " + start, churned);
        }
        if (contraction > start - churned) {
            throw InvalidArgumentException.of("contractionMrr", "<= startMrr " + start + " - churnedMrr " + churned,
                    contraction);
        }
        Math.addExact(Math.addExact(Math.addExact(start - churned - contraction, newMrr.minorUnits()),
                expansionMrr.minorUnits()), reactivationMrr.minorUnits());
    }

    /** The minor units of {@code amount}, which must be a non-negative amount in {@code currency}. */
    private static long amount(Money amount, CurrencyUnit currency, String argument) {
        Checks.notNull(amount, argument);
        Checks.sameSetting(currency, amount.currency(), argument, "currency as startMrr,");
        return Checks.count(amount.minorUnits(), argument);
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
        Checks.notNull(currency, "currency");
        return new MrrMovements(month, Money.ofMinor(currency, startMrr), Money.ofMinor(currency, newMrr),
                Money.ofMinor(currency, expansionMrr), Money.ofMinor(currency, contractionMrr),
                Money.ofMinor(currency, churnedMrr), Money.ofMinor(currency, reactivationMrr));
    }

    /** The currency of every amount. */
    public CurrencyUnit currency() {
        return startMrr.currency();
    }

    /** The MRR at the end of the month: start − churned − contraction + new + expansion + reactivation. */
    public Money endMrr() {
        return startMrr.minus(churnedMrr).minus(contractionMrr).plus(newMrr).plus(expansionMrr).plus(reactivationMrr);
    }

    /** Gross MRR churn, (churned + contraction) / start, in [0, 1]. */
    public double grossMrrChurn() {
        return (double) (churned() + contraction()) / requireStart("gross MRR churn");
    }

    /** Net MRR churn, (churned + contraction − expansion − reactivation) / start; negative when revenue grew. */
    public double netMrrChurn() {
        return ((double) churned() + contraction() - expansionMrr.minorUnits() - reactivationMrr.minorUnits())
                / requireStart("net MRR churn");
    }

    /** Gross revenue retention (GRR), (start − churned − contraction) / start, in [0, 1]. */
    public double grossRevenueRetention() {
        return (double) (startMrr.minorUnits() - churned() - contraction()) / requireStart("gross revenue retention");
    }

    /** Net revenue retention (NRR), (start − churned − contraction + expansion) / start. */
    public double netRevenueRetention() {
        return ((double) startMrr.minorUnits() - churned() - contraction() + expansionMrr.minorUnits())
                / requireStart("net revenue retention");
    }

    /**
     * The quick ratio, (new + expansion) / (churned + contraction): MRR gained for each unit lost.
     *
     * @throws UndefinedResultException if no MRR was churned or contracted
     */
    public double quickRatio() {
        return ((double) newMrr.minorUnits() + expansionMrr.minorUnits()) / requireLosses();
    }

    /**
     * The quick ratio counting reactivated MRR as gained, (new + expansion + reactivation) /
     * (churned + contraction).
     *
     * @throws UndefinedResultException if no MRR was churned or contracted
     */
    public double quickRatioWithReactivation() {
        return ((double) newMrr.minorUnits() + expansionMrr.minorUnits() + reactivationMrr.minorUnits())
                / requireLosses();
    }

    private long requireLosses() {
        long losses = churned() + contraction();
        if (losses == 0) {
            throw new UndefinedResultException("the quick ratio of " + month + " is undefined: no MRR was churned or contracted");
        }
        return losses;
    }

    private long churned() {
        return churnedMrr.minorUnits();
    }

    private long contraction() {
        return contractionMrr.minorUnits();
    }

    private long requireStart(String figure) {
        if (startMrr.isZero()) {
            throw new UndefinedResultException(figure + " of " + month + " is undefined: the start MRR is 0");
        }
        return startMrr.minorUnits();
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
        Checks.sameSetting(currency(), other.currency(), "other", "currency");
        return new MrrMovements(month, startMrr.plus(other.startMrr), newMrr.plus(other.newMrr),
                expansionMrr.plus(other.expansionMrr), contractionMrr.plus(other.contractionMrr),
                churnedMrr.plus(other.churnedMrr), reactivationMrr.plus(other.reactivationMrr));
    }

    private static String amount(Money money) {
        return money.amount().toPlainString();
    }

    /**
     * Reads, e.g., {@code "2025-03 in USD: start 160.00, new 0.00, ..., end 135.00; gross MRR churn 18.75%, ..."}.
     */
    @Override
    public String toString() {
        String rates = startMrr.isZero() ? "rates undefined (start MRR 0)"
                : "gross MRR churn " + Formatting.percent(grossMrrChurn()) + ", net MRR churn "
                        + Formatting.percent(netMrrChurn()) + ", GRR " + Formatting.percent(grossRevenueRetention())
                        + ", NRR " + Formatting.percent(netRevenueRetention());
        return month + " in " + currency() + ": start " + amount(startMrr) + ", new " + amount(newMrr) + ", expansion "
                + amount(expansionMrr) + ", contraction " + amount(contractionMrr) + ", churned " + amount(churnedMrr)
                + ", reactivation " + amount(reactivationMrr) + ", end " + amount(endMrr()) + "; " + rates;
    }
}
