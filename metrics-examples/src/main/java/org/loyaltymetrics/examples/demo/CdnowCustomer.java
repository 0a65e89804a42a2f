package org.loyaltymetrics.examples.demo;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.SpendHistory;

/**
 * One customer of the bundled CDNOW cohort summary ({@code /demo/cdnow-customers.csv}, see the README
 * beside it): repeat purchases, recency and age in weeks, mean value of the repeat purchases.
 *
 * @param id the customer's id in the file
 * @param frequency repeat purchases x
 * @param recency weeks from the first to the last purchase, tₓ
 * @param age weeks from the first purchase to the end of the period, T
 * @param meanSpend mean value of the repeat purchases in dollars, 0 when x = 0
 */
public record CdnowCustomer(String id, long frequency, double recency, double age, double meanSpend) {

    /** The 2,357 customers of the bundled summary, in file order. */
    public static List<CdnowCustomer> sample() {
        return SampleCsv.read("cdnow-customers.csv", r -> new CdnowCustomer(r.get("ID"), Long.parseLong(r.get("x")),
                Double.parseDouble(r.get("t_x")), Double.parseDouble(r.get("T")), Double.parseDouble(r.get("zbar"))));
    }

    /** The customer's purchase history, in weeks. */
    public PurchaseHistory history() {
        return PurchaseHistory.of(frequency, recency, age, ChronoUnit.WEEKS);
    }

    /** The customer's spend: none without a repeat purchase of positive value. */
    public Optional<SpendHistory> spend() {
        return frequency > 0 && meanSpend > 0 ? Optional.of(SpendHistory.of(frequency, meanSpend)) : Optional.empty();
    }
}
