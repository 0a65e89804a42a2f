// Purchase behaviour and customer value: repeat purchase, RFM, upsell, referral, funnel, CLV.
// jshell --class-path metrics-core/target/metrics-core-0.1.0-SNAPSHOT.jar < metrics-examples/notebooks/03-behavior-value.jsh

// %% A transaction log: customer id, day, amount in cents
import org.loyaltymetrics.behavior.*;
import org.loyaltymetrics.data.*;
import org.loyaltymetrics.money.*;
import org.loyaltymetrics.value.*;
import java.time.LocalDate;
var day = LocalDate.of(2025, 3, 1)
Transaction purchase(long customer, LocalDate date, long cents) { return new Transaction(customer, date, Money.ofMinor(CurrencyUnit.USD, cents)); }
var log = java.util.List.of(purchase(1, day, 2_500), purchase(1, day, 1_000), purchase(1, day.plusDays(12), 4_000), purchase(2, day.plusDays(3), 1_999), purchase(3, day.plusDays(5), 5_000), purchase(3, day.plusDays(40), 0), purchase(3, day.plusDays(61), 3_500))
log.size()

// %% Repeat purchase rate, by customers (the default) and by purchases (a purchase is a customer's purchase day)
var repeat = log.stream().collect(RepeatPurchaseRate.collector())
repeat.confidenceInterval(0.95)
repeat.proportion(RepeatPurchaseRate.Definition.BY_PURCHASES)

// %% RFM summary to the end of June, in days and weeks, and its segments
var rfm = log.stream().collect(RfmSummary.collector(CurrencyUnit.USD, LocalDate.of(2025, 6, 30)))
rfm.customer(3).monetaryValue()
System.out.print(rfm.toTable().toText())
System.out.print(RfmSegmentation.of(rfm).toTable().toText())

// %% Upsell: the small-business loyalty guide's share of additional purchases and the telecom KPI guide's ratio, each with its interval
var upsell = UpsellRate.ofCounts(70, 30, 150, 12)
upsell.confidenceInterval(0.95)
upsell.multiProductRatio().confidenceInterval(0.95)

// %% Referral, e-mail open rate, complaints and the customer journey funnel (the loyalty and retention guide's five stages)
ReferralRate.ofCounts(40, 55, 1_000)
EmailOpenRate.ofCounts(2_130, 9_800).differenceFrom(EmailOpenRate.ofCounts(1_900, 9_500))
var complaints = ComplaintCounts.ofCounts(SeverityWeights.DEFAULT, 7, 4, 1).per(4_000)
complaints.confidenceInterval(0.95)
System.out.print(CustomerJourneyFunnel.ofCounts(5_000, 1_800, 400, 180, 45).toTable().toText())

// %% Customer lifetime value by formula (the customer-experience metrics guide: acquisition cost and retention)
CustomerLifetimeValue.simple(39.70, 4, 3)
CustomerLifetimeValue.retention(100, 0.8, 0.1).minusAcquisitionCost(150)
var saas = CustomerLifetimeValue.saas(100, 0.8, 0.05)
saas.ltvToCacRatio(400)
CustomerLifetimeValue.cacPaybackMonths(400, 100, 0.8)

// %% Historical CLV: revenue to date per customer, in the summary's currency
var historical = HistoricalCustomerLifetimeValue.from(rfm)
historical.valueOf(1)
historical.averageEstimate().confidenceInterval(0.95)
