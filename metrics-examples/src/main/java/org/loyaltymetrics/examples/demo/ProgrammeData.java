package org.loyaltymetrics.examples.demo;

import java.time.LocalDate;
import java.util.List;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.programme.LedgerEvent;
import org.loyaltymetrics.programme.MemberUplift;
import org.loyaltymetrics.programme.PointsLedger;
import org.loyaltymetrics.programme.TierHistory;

/**
 * The bundled synthetic loyalty-programme data (see {@link ProgrammeSample}) read into the library's types:
 * the coffee shop's stamp-card ledger and its customers' purchases, the airline's miles ledger and tier
 * histories. Member ids such as {@code C0042} become the number 42.
 */
public final class ProgrammeData {

    /** The tiers of the airline, from the lowest. */
    public static final List<String> AIRLINE_TIERS = List.of("blue", "silver", "gold", "platinum");

    private ProgrammeData() {
    }

    private static long id(String text) {
        return Long.parseLong(text.substring(1));
    }

    private static PointsLedger ledger(String file) {
        PointsLedger.Accumulator ledger = PointsLedger.accumulator();
        SampleCsv.read(file, r -> ledger.add(id(r.get("member_id")), LocalDate.parse(r.get("date")),
                LedgerEvent.parse(r.get("event")), Long.parseLong(r.get("points")), r.getRecordNumber() + 1));
        return ledger.snapshot();
    }

    /** The coffee shop's stamp card: one stamp per purchase, nine for a free drink. */
    public static PointsLedger coffeeCard() {
        return ledger("coffee-card.csv");
    }

    /** The airline's miles. */
    public static PointsLedger airlineMiles() {
        return ledger("airline-miles.csv");
    }

    /** Every purchase of the coffee shop (members' and non-members', in EUR) with the card's enrolments. */
    public static MemberUplift coffeePurchases() {
        MemberUplift.Accumulator uplift = MemberUplift.accumulator(CurrencyUnit.EUR);
        SampleCsv.read("coffee-purchases.csv", r -> uplift.addPurchase(id(r.get("customer_id")),
                LocalDate.parse(r.get("date")), new java.math.BigDecimal(r.get("amount")).movePointRight(2).longValueExact()));
        SampleCsv.read("coffee-card.csv", r -> r.get("event").equals("enrol")
                ? uplift.addEnrolment(id(r.get("member_id")), LocalDate.parse(r.get("date"))) : uplift);
        return uplift.snapshot();
    }

    /** The airline's tier histories, levels in the order of {@link #AIRLINE_TIERS}. */
    public static TierHistory airlineTiers() {
        TierHistory.Accumulator tiers = TierHistory.accumulator();
        SampleCsv.read("airline-tiers.csv", r -> r.get("tier").equals("exit")
                ? tiers.addExit(id(r.get("member_id")), LocalDate.parse(r.get("date")))
                : tiers.add(id(r.get("member_id")), LocalDate.parse(r.get("date")), AIRLINE_TIERS.indexOf(r.get("tier"))));
        return tiers.snapshot();
    }
}
