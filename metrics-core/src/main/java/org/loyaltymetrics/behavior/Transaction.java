package org.loyaltymetrics.behavior;

import java.time.LocalDate;
import org.loyaltymetrics.internal.Checks;

/**
 * One purchase of a transaction log: the customer, the day and the amount paid, in minor units of
 * the currency (cents). The library's money rule (README, "Conventions") applies: amounts are exact
 * {@code long} counts of minor units; negative amounts are rejected; a zero amount is a purchase
 * (a free order or a fully discounted one) that counts as a purchase and adds 0 to the value.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param customerId the customer's id
 * @param date the day of the purchase, not null
 * @param amount the amount in minor units, &gt;= 0
 */
public record Transaction(long customerId, LocalDate date, long amount) {

    /** Validates the date and the amount. */
    public Transaction {
        Checks.notNull(date, "date");
        PurchaseDays.checkAmount(amount);
    }
}
