package org.loyaltymetrics.examples.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.loyaltymetrics.data.Transaction;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.money.Money;

/**
 * One purchase of the bundled sample transaction log ({@code /demo/transactions.csv}).
 *
 * @param customer the customer id, C0001..C0400
 * @param date the day of the purchase
 * @param amount the amount in cents
 * @param product basic, plus, premium or add-on
 */
public record Purchase(String customer, LocalDate date, long amount, String product) {

    /** The bundled sample purchases, in date order. */
    public static List<Purchase> sample() {
        return SampleCsv.read("transactions.csv", r -> new Purchase(r.get("customer_id"), LocalDate.parse(r.get("date")),
                new BigDecimal(r.get("amount")).movePointRight(2).longValueExact(), r.get("product")));
    }

    /** The customer's numeric id, C0042 → 42. */
    public long customerId() {
        return Long.parseLong(customer.substring(1));
    }

    /** The plan tier of the product: basic 1, plus 2, premium 3; add-ons 0. */
    public long tier() {
        switch (product) {
            case "basic":
                return 1;
            case "plus":
                return 2;
            case "premium":
                return 3;
            default:
                return 0;
        }
    }

    /** Whether this is an add-on, an additional purchase in the sense of the upsell rate. */
    public boolean isAddOn() {
        return product.equals("add-on");
    }

    /** As a transaction of metrics-core. */
    public Transaction transaction() {
        return new Transaction(customerId(), date, Money.ofMinor(CurrencyUnit.USD, amount));
    }
}
