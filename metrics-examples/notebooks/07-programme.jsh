// Loyalty programmes: a coffee-shop stamp card and an airline's miles, from the points ledger to breakage, liability, tiers and uplift.
// jshell --class-path metrics-core/target/metrics-core-0.1.0-SNAPSHOT.jar < metrics-examples/notebooks/07-programme.jsh

// %% Read the coffee shop's stamp card: member_id,date,event,points (enrol; earn one stamp a purchase; burn nine for a free drink)
import org.loyaltymetrics.programme.*;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.time.Granularity;
import java.nio.file.*;
import java.time.LocalDate;
// the synthetic samples bundled with the command line (their seeded generator is demo/ProgrammeSample.java)
Path demo(String name) {
    return java.util.stream.Stream.of("metrics-examples/src/main/resources/demo", "src/main/resources/demo",
            "../src/main/resources/demo").map(folder -> Path.of(folder, name)).filter(Files::exists).findFirst().orElseThrow();
}
PointsLedger ledger(String name) throws Exception {
    var events = PointsLedger.accumulator();
    var lines = Files.readAllLines(demo(name));
    for (int i = 1; i < lines.size(); i++) {
        String[] cells = lines.get(i).split(",");      // ids such as C0042 become 42
        events.add(Long.parseLong(cells[0].substring(1)), LocalDate.parse(cells[1]), LedgerEvent.parse(cells[2]),
                Long.parseLong(cells[3]), i + 1);
    }
    return events.snapshot();
}
var asOf = LocalDate.of(2025, 12, 31);
var card = ledger("coffee-card.csv");
card

// %% Stamps issued, redeemed and outstanding per quarter
System.out.print(card.periods(Granularity.QUARTER, asOf).toTable().toText());

// %% The redemption rate, with its standard error over members (a member's stamps are not independent)
card.redemptionRate(asOf)

// %% Breakage: the share of stamps never redeemed, from the time from issue to redemption (outstanding stamps censored)
var breakage = card.breakage(asOf);
breakage + "; 95% interval " + breakage.confidenceInterval(0.95)

// %% The liability of the outstanding stamps at 0.45 EUR a stamp: outstanding x (1 - their expected breakage) x value
breakage.liability(0.45) + "; 95% interval " + breakage.liability(0.45).confidenceInterval(0.95)

// %% Stamps by issue quarter: closed cohorts (no stamp outstanding) have their breakage exactly
System.out.print(card.issueCohorts(Granularity.QUARTER, asOf).toTable().toText());

// %% Members: active in December, reaching nine stamps in the second half, purchases per free drink, churn (90 days without a purchase)
var end = asOf.plusDays(1);
var h2 = LocalDate.of(2025, 7, 1);
"active " + card.activeMemberRate(LocalDate.of(2025, 12, 1), end) + "; nine stamps " + card.thresholdShare(9, h2, end) +
        "; purchases per reward " + card.purchasesPerReward(LocalDate.of(2025, 1, 1), end) +
        "; churn " + card.memberCounts(h2, end, 90).churnRate()

// %% Member uplift: members against non-members (an association: heavy buyers join more often), and members before and after they joined
var uplift = MemberUplift.accumulator(CurrencyUnit.EUR);
var purchases = Files.readAllLines(demo("coffee-purchases.csv"));
for (int i = 1; i < purchases.size(); i++) {
    String[] cells = purchases.get(i).split(",");      // customer_id,date,amount
    uplift.addPurchase(Long.parseLong(cells[0].substring(1)), LocalDate.parse(cells[1]),
            new java.math.BigDecimal(cells[2]).movePointRight(2).longValueExact());
}
for (String line : Files.readAllLines(demo("coffee-card.csv"))) {
    String[] cells = line.split(",");
    if (cells[2].equals("enrol")) uplift.addEnrolment(Long.parseLong(cells[0].substring(1)), LocalDate.parse(cells[1]));
}
var customers = uplift.snapshot();
var comparison = customers.compare(LocalDate.of(2025, 1, 1), h2);
comparison + "; frequency difference " + comparison.frequencyUplift()

// %% Before and after enrolment: each member's purchases in the 3 periods of 30 days before and after joining (the visit at which they join counts after: part of the change)
customers.beforeAfter(3, 30, LocalDate.of(2024, 1, 1), asOf)

// %% The airline: miles earned per flight, 25,000 for an award, expiring after 18 months without a flight
var miles = ledger("airline-miles.csv");
var milesBreakage = miles.breakage(asOf);
milesBreakage + "; liability at 0.012 EUR a mile " + milesBreakage.liability(0.012)

// %% Tiers: members per tier and the migration over 2025 (shares of each row with Wilson intervals)
var tierNames = java.util.List.of("blue", "silver", "gold", "platinum");
var tiers = TierHistory.accumulator();
var tierLines = Files.readAllLines(demo("airline-tiers.csv"));
for (int i = 1; i < tierLines.size(); i++) {
    String[] cells = tierLines.get(i).split(",");      // member_id,date,tier
    long member = Long.parseLong(cells[0].substring(1));
    if (cells[2].equals("exit")) tiers.addExit(member, LocalDate.parse(cells[1]));
    else tiers.add(member, LocalDate.parse(cells[1]), tierNames.indexOf(cells[2]));
}
var history = tiers.snapshot();
System.out.println(java.util.Arrays.toString(history.membersPerTier(asOf)));
System.out.print(history.migration(LocalDate.of(2024, 12, 31), asOf).toTable().toText());

// %% Time from blue to a higher tier (Kaplan-Meier in days; members who never moved up are censored)
history.timeToNextTier(0, asOf).at(365)
