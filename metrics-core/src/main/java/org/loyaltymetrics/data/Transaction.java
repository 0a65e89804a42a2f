package org.loyaltymetrics.data;

import java.time.LocalDate;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.money.Money;

/**
 * One purchase of a transaction log: the customer, the day and the amount paid. Negative amounts are
 * rejected; a zero amount is a purchase (a free order or a fully discounted one) that counts as a
 * purchase and adds 0 to the value.
 *
 * <p>Accumulators of transactions are created for one {@link org.loyaltymetrics.money.CurrencyUnit}
 * and refuse a transaction in another. Their allocation-free {@code add} methods take the same three
 * figures as primitives (the amount as {@code long} minor units of the accumulator's currency).
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param customerId the customer's id
 * @param date the day of the purchase, not null
 * @param amount the amount paid, not null and not negative
 */
public record Transaction(long customerId, LocalDate date, Money amount) {

    /** Validates the date and the amount. */
    public Transaction {
        Checks.notNull(date, "date");
        Checks.notNull(amount, "amount");
        if (amount.isNegative()) {
            throw InvalidArgumentException.of("amount", ">= 0", amount);
        }
    }
}
