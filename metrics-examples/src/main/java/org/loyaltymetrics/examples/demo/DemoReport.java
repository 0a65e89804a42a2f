package org.loyaltymetrics.examples.demo;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.loyaltymetrics.behavior.CustomerJourneyFunnel;
import org.loyaltymetrics.behavior.PlanUpgradeRate;
import org.loyaltymetrics.behavior.RepeatPurchaseRate;
import org.loyaltymetrics.behavior.RfmSegmentation;
import org.loyaltymetrics.behavior.UpsellRate;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.data.SpendHistories;
import org.loyaltymetrics.model.BetaGeometricNbdModel;
import org.loyaltymetrics.model.GammaGammaModel;
import org.loyaltymetrics.model.ValuationHorizon;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.programme.Breakage;
import org.loyaltymetrics.programme.MemberUplift;
import org.loyaltymetrics.programme.PointsLedger;
import org.loyaltymetrics.programme.TierHistory;
import org.loyaltymetrics.programme.TierMigration;
import org.loyaltymetrics.retention.ChurnRate;
import org.loyaltymetrics.retention.ChurnSeries;
import org.loyaltymetrics.retention.CohortTable;
import org.loyaltymetrics.retention.CustomerCounts;
import org.loyaltymetrics.retention.CustomerLifetimes;
import org.loyaltymetrics.retention.MrrMovements;
import org.loyaltymetrics.retention.RetentionRate;
import org.loyaltymetrics.retention.RevenueRetention;
import org.loyaltymetrics.retention.SurvivalCurve;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.stats.Proportion;
import org.loyaltymetrics.survey.CustomerEffortScore;
import org.loyaltymetrics.survey.CustomerLoyaltyScore;
import org.loyaltymetrics.survey.CustomerSatisfactionScore;
import org.loyaltymetrics.survey.NetPromoterScore.IntervalMethod;
import org.loyaltymetrics.survey.NetPromoterScore;
import org.loyaltymetrics.survey.SurveyAccumulator;
import org.loyaltymetrics.survey.SurveyBreakdown;
import org.loyaltymetrics.survey.SurveySeries;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.time.Granularity;
import org.loyaltymetrics.value.CustomerLifetimeValue;
import org.loyaltymetrics.value.HistoricalCustomerLifetimeValue;

/**
 * The demo KPI report over the bundled sample data: every figure comes from metrics-core; this class
 * only reads the sample, calls the library and lays out the text.
 */
public final class DemoReport {

    private final StringBuilder text = new StringBuilder();

    private DemoReport() {
    }

    /** The whole report. */
    public static String render() {
        DemoReport report = new DemoReport();
        report.line("Loyalty Metrics demo report (bundled sample data)");
        report.line("=================================================");
        report.surveySection(SurveyResponse.sample());
        report.retentionSection();
        report.behaviourAndValueSection(Purchase.sample());
        report.predictionSection(CdnowCustomer.sample());
        report.programmeSection();
        return report.text.toString();
    }

    private void surveySection(List<SurveyResponse> responses) {
        heading("Survey KPIs: " + responses.size() + " responses, " + responses.get(0).date() + " to "
                + responses.get(responses.size() - 1).date());

        NetPromoterScore nps = responses.stream().collect(NetPromoterScore.collector(SurveyResponse::score));
        line("Net Promoter Score (0..10; promoters 9-10, detractors 0-6)");
        line("  " + nps);
        line("  95% interval, Wald: " + interval(nps.confidenceInterval(0.95)) + "; adjusted Wald: "
                + interval(nps.confidenceInterval(0.95, IntervalMethod.ADJUSTED_WALD)));
        line("  responses needed for a margin of error of ±3 points at 95%: "
                + NetPromoterScore.requiredSampleSize(3, 0.95) + " (worst case), "
                + NetPromoterScore.requiredSampleSize(3, 0.95, nps.promoterShare().value(), nps.detractorShare().value())
                + " (at the observed shares)");
        line("");
        line("NPS by segment");
        indent(responses.stream().collect(
                SurveyBreakdown.collector(NetPromoterScore.DEFINITION, SurveyResponse::segment, SurveyResponse::score))
                .toTable().toText());
        line("NPS by month, with the change from the previous month");
        indent(responses.stream().collect(SurveySeries.collector(NetPromoterScore.DEFINITION, Granularity.MONTH,
                SurveyResponse::date, SurveyResponse::score)).toTable().toText());

        SurveyAccumulator<CustomerSatisfactionScore> csat = CustomerSatisfactionScore.accumulator();
        long unanswered = 0;
        for (SurveyResponse response : responses) {
            if (response.csat().isPresent()) {
                csat.add(response.csat().getAsInt());
            } else {
                unanswered++;
            }
        }
        line("Customer satisfaction (CSAT, satisfied 4..5 on 1..5; " + unanswered + " respondents skipped the question)");
        line("  " + csat.snapshot());
        line("");
        CustomerEffortScore ces = responses.stream()
                .collect(CustomerEffortScore.collector(CustomerEffortScore.Definition.CES_2_0, SurveyResponse::ces));
        line("Customer effort (CES 2.0, 1..7, higher is easier)");
        line("  " + ces + "; mean 95% interval " + interval(ces.confidenceInterval(0.95)));
        line("");
        CustomerLoyaltyScore loyalty = responses.stream().collect(CustomerLoyaltyScore.collector(
                SurveyResponse::score, SurveyResponse::repurchase, SurveyResponse::tryOther));
        line("Customer loyalty score (recommend, buy again, try other products)");
        line("  " + loyalty);
        line("  index 95% interval " + interval(loyalty.confidenceInterval(0.95)));
    }

    private void retentionSection() {
        List<RetentionSample.Customer> customers = RetentionSample.customers();
        heading("Retention and churn: " + customers.size() + " customers observed as of " + RetentionSample.AS_OF);

        LocalDate from = LocalDate.of(2025, 1, 1);
        CustomerCounts firstHalf = customers.stream().collect(CustomerCounts.collector(from, RetentionSample.AS_OF,
                RetentionSample.Customer::start, RetentionSample.Customer::end));
        line("First half of 2025 (" + from + " to " + RetentionSample.AS_OF + ", exclusive)");
        line("  " + firstHalf);
        ChurnRate churn = firstHalf.churnRate();
        line("  churn L/S " + percent(churn.value()) + " " + percentInterval(churn.confidenceInterval(0.95))
                + "; (L + Ln)/(S + N) " + percent(firstHalf.churnRate(ChurnRate.Definition.LOST_OVER_START_PLUS_NEW).value())
                + "; L/(S + N - Ln) " + percent(firstHalf.churnRate(ChurnRate.Definition.EXCLUDING_JOINED_AND_LEFT).value()));
        RetentionRate retention = firstHalf.retentionRate();
        line("  retention (E - N)/S " + percent(retention.value()) + " " + percentInterval(retention.confidenceInterval(0.95))
                + "; 1 - churn " + percent(firstHalf.retentionRate(RetentionRate.Definition.ONE_MINUS_CHURN).value())
                + "; E/S " + percent(firstHalf.retentionRate(RetentionRate.Definition.END_OVER_START).value()));
        double monthly = ChurnRate.overPeriods(churn.value(), 1.0 / 6);
        line("  as a constant monthly rate " + percent(monthly) + ", annualised " + percent(ChurnRate.overPeriods(monthly, 12))
                + ", expected lifetime " + String.format(Locale.ROOT, "%.1f", ChurnRate.expectedLifetime(monthly)) + " months");
        line("");
        line("Churn by quarter");
        indent(customers.stream().collect(ChurnSeries.collector(Granularity.QUARTER, LocalDate.of(2024, 7, 1),
                RetentionSample.AS_OF, RetentionSample.Customer::start, RetentionSample.Customer::end)).toTable().toText());

        SurvivalCurve survival = customers.stream().collect(CustomerLifetimes.collector(RetentionSample.AS_OF,
                ChronoUnit.MONTHS, RetentionSample.Customer::start, RetentionSample.Customer::end));
        line("Customer lifetimes (Kaplan-Meier, months; customers still active are censored)");
        ConfidenceInterval medianInterval = survival.median().confidenceInterval(0.95);
        String medianRange = medianInterval.isBounded()
                ? String.format(Locale.ROOT, "%.1f to %.1f", medianInterval.low(), medianInterval.high())
                : String.format(Locale.ROOT, "from %.1f", medianInterval.low());
        line(String.format(Locale.ROOT, "  median lifetime %.1f months (95%% interval %s), survival at 6 months %.3f %s,"
                + " at 12 months %.3f; restricted mean over 12 months %.1f", survival.median().value(), medianRange,
                survival.at(6).value(), interval(survival.at(6).confidenceInterval(0.95)), survival.at(12).value(),
                survival.restrictedMean(12)));
        line("");

        CohortTable cohorts = RetentionSample.events().stream().collect(CohortTable.collector(Granularity.MONTH,
                e -> Long.parseLong(e.user().substring(1)), RetentionSample.Event::date));
        line("Monthly cohorts (share of each cohort active in exactly month k)");
        indent(cohorts.toTable().toText());
        StringBuilder curve = new StringBuilder("  size-weighted average:");
        for (Proportion p : cohorts.averageCurve()) {
            curve.append(' ').append(percent(p.value()));
        }
        line(curve.toString());
        line("");

        RevenueRetention revenue = RetentionSample.snapshots().stream().collect(RevenueRetention.collector(CurrencyUnit.USD,
                RetentionSample.Snapshot::accountNumber, RetentionSample.Snapshot::month, RetentionSample.Snapshot::cents));
        line("Recurring revenue (MRR) movements, last three months");
        List<MrrMovements> months = revenue.months();
        for (MrrMovements m : months.subList(months.size() - 3, months.size())) {
            line("  " + m);
        }
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    private static String percentInterval(ConfidenceInterval interval) {
        return "[" + percent(interval.low()) + ", " + percent(interval.high()) + "]";
    }

    private void predictionSection(List<CdnowCustomer> customers) {
        heading("Predictions: " + customers.size() + " CDNOW customers, 39 weeks of purchases (BG/NBD and Gamma-Gamma)");
        PurchaseHistories.Accumulator purchases = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
        SpendHistories.Accumulator spend = SpendHistories.accumulator();
        for (CdnowCustomer customer : customers) {
            purchases.add(customer.history());
            customer.spend().ifPresent(spend::add);
        }
        BetaGeometricNbdModel model = BetaGeometricNbdModel.fit(purchases.snapshot());
        GammaGammaModel spendModel = GammaGammaModel.fit(spend.snapshot());
        indent(model.fitResult().toTable().toText());
        indent(spendModel.fitResult().toTable().toText());
        line(String.format(Locale.ROOT, "A new customer makes %.3f repeat purchases in the first 52 weeks; "
                + "the average customer spends $%.2f a transaction.", model.expectedPurchases(52),
                spendModel.populationMeanSpend()));
        ValuationHorizon year = ValuationHorizon.of(12, ChronoUnit.MONTHS, 0.01);
        double months = model.toModelTime(12, ChronoUnit.MONTHS);
        // a customer without spend data (no repeat purchase) is valued at the population mean spend
        ToDoubleFunction<CdnowCustomer> value = c -> c.spend()
                .map(s -> spendModel.customerLifetimeValue(model, c.history(), s, year))
                .orElseGet(() -> spendModel.customerLifetimeValue(model, c.history(), year));
        Table.Builder top = Table.builder()
                .title("Top 5 customers by expected value of the next 12 months (discounted 1 % a month)")
                .column("customer").numberColumn("x").numberColumn("t_x").numberColumn("T").numberColumn("P(alive)")
                .numberColumn("purchases").numberColumn("spend").numberColumn("CLV $");
        customers.stream()
                .sorted(Comparator.comparingDouble((CdnowCustomer c) -> -value.applyAsDouble(c))
                        .thenComparing(CdnowCustomer::id))
                .limit(5)
                .forEach(c -> top.row(c.id(), c.frequency(), decimal(c.recency(), 2), decimal(c.age(), 2),
                        decimal(model.probabilityAlive(c.history()), 3),
                        decimal(model.conditionalExpectedPurchases(months, c.history()), 2),
                        decimal(c.spend().map(spendModel::conditionalExpectedAverageSpend)
                                .orElseGet(spendModel::populationMeanSpend), 2),
                        decimal(value.applyAsDouble(c), 2)));
        indent(top.build().toText());
        double total = customers.stream().mapToDouble(value).sum();
        line(String.format(Locale.ROOT, "Expected value of the whole cohort over the next 12 months: $%,.2f", total));
    }

    private static String decimal(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private void behaviourAndValueSection(List<Purchase> purchases) {
        LocalDate first = purchases.get(0).date();
        LocalDate end = purchases.get(purchases.size() - 1).date();
        LocalDate calibrationEnd = LocalDate.of(2025, 4, 30);
        heading("Behaviour and value: " + purchases.size() + " purchases, " + first + " to " + end);

        RfmSummary summary = purchases.stream().map(Purchase::transaction).collect(RfmSummary.collector(CurrencyUnit.USD, end));
        RepeatPurchaseRate repeat = RepeatPurchaseRate.from(summary);
        line("Repeat purchase rate (a purchase is a purchase day of a customer)");
        line("  by customers: " + repeat.proportion(RepeatPurchaseRate.Definition.BY_CUSTOMERS) + ", 95% interval "
                + interval(repeat.confidenceInterval(0.95)));
        line("  by purchases: " + repeat.proportion(RepeatPurchaseRate.Definition.BY_PURCHASES));
        line("");
        line("RFM summary with a holdout from " + calibrationEnd.plusDays(1) + " (recency and T in days and weeks)");
        RfmSummary split = RfmSummary.accumulator(CurrencyUnit.USD, calibrationEnd, end).addAll(purchases.stream()
                .map(Purchase::transaction).collect(Collectors.toList())).snapshot();
        indent(split.toTable(10).toText() + (split.size() > 10 ? "... " + (split.size() - 10) + " more customers" : ""));
        line("RFM segments (quintile scores; segment from R and F)");
        indent(RfmSegmentation.of(summary).toTable().toText());

        UpsellRate upsell = purchases.stream().collect(UpsellRate.collector(Purchase::customerId,
                p -> p.product().hashCode(), Purchase::isAddOn));
        line("Upsell (add-ons are the additional purchases)");
        line("  " + upsell);
        line("  multi-product customers per single-product customer, 95% interval "
                + interval(upsell.multiProductRatio().confidenceInterval(0.95)));
        line("  " + purchases.stream().filter(p -> !p.isAddOn())
                .collect(PlanUpgradeRate.collector(Purchase::customerId, Purchase::date, Purchase::tier))
                + " (moved from their first tier to basic < plus < premium)");
        line("");

        HistoricalCustomerLifetimeValue historical = HistoricalCustomerLifetimeValue.from(summary);
        line("Customer lifetime value");
        line("  " + historical + ", 95% interval of the average " + interval(historical.averageEstimate().confidenceInterval(0.95)));
        double averageOrder = summary.totalValue().toDouble() / (summary.size() + summary.repeatPurchases());
        double purchasesPerYear = (double) (summary.size() + summary.repeatPurchases()) / summary.size() * 2;
        line("  " + CustomerLifetimeValue.simple(averageOrder, purchasesPerYear, 3, 0.3)
                + " (observed half-year frequency doubled; lifespan 3 years and margin 30% assumed)");
        line("  " + CustomerLifetimeValue.retention(averageOrder * purchasesPerYear * 0.3, 0.6, 0.1)
                .minusAcquisitionCost(30) + " (assumed retention 60% a year, discount 10%, CAC 30)");
        CustomerLifetimeValue saas = CustomerLifetimeValue.saas(100, 0.8, 0.05);
        line("  " + saas + "; LTV:CAC at CAC 400 = " + String.format(Locale.ROOT, "%.2f", saas.ltvToCacRatio(400))
                + ", CAC payback " + String.format(Locale.ROOT, "%.1f", CustomerLifetimeValue.cacPaybackMonths(400, 100, 0.8))
                + " months (a SaaS example)");
        line("");
        line("Customer journey funnel (the loyalty and retention guide's stages; example counts)");
        indent(CustomerJourneyFunnel.ofCounts(5000, 1800, 400, 180, 45).toTable().toText());
    }

    private void programmeSection() {
        LocalDate asOf = ProgrammeSample.END;
        PointsLedger card = ProgrammeData.coffeeCard();
        heading("Loyalty programmes: a coffee-shop stamp card and an airline's miles, as of " + asOf
                + " (synthetic data)");
        line("Coffee shop: " + card.memberCount() + " card members; one stamp per purchase, nine stamps for a free drink");
        LocalDate december = LocalDate.of(2025, 12, 1);
        LocalDate end = asOf.plusDays(1);
        Proportion active = card.activeMemberRate(december, end);
        line("  active in December 2025 " + percent(active.value()) + " " + percentInterval(active.confidenceInterval(0.95))
                + "; redemption rate (stamps redeemed / earned) " + percent(card.redemptionRate(asOf).value()));
        Proportion nine = card.thresholdShare(9, LocalDate.of(2025, 7, 1), end);
        Estimate perReward = card.purchasesPerReward(LocalDate.of(2025, 1, 1), end);
        line("  members earning nine stamps in the second half of 2025 " + percent(nine.value()) + " "
                + percentInterval(nine.confidenceInterval(0.95)) + "; purchases per free drink in 2025 "
                + decimal(perReward.value(), 2) + " " + interval(perReward.confidenceInterval(0.95)));
        Breakage stamps = card.breakage(asOf);
        line("  breakage (stamps never redeemed) " + percent(stamps.value()) + " " + percentInterval(stamps.confidenceInterval(0.95))
                + "; " + stamps.outstandingPoints() + " stamps outstanding, liability at 0.45 EUR a stamp "
                + decimal(stamps.liability(0.45).value(), 2) + " EUR " + interval(stamps.liability(0.45).confidenceInterval(0.95)));
        CustomerCounts members = card.memberCounts(LocalDate.of(2025, 7, 1), end, 90);
        line("  members' churn in the second half of 2025 (lapsed: no purchase for 90 days) "
                + percent(members.churnRate().value()) + " " + percentInterval(members.churnRate().confidenceInterval(0.95)));
        line("");
        line("Stamps per quarter");
        indent(card.periods(Granularity.QUARTER, asOf).toTable().toText());
        MemberUplift purchases = ProgrammeData.coffeePurchases();
        MemberUplift.Comparison comparison = purchases.compare(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 7, 1));
        line("Members against non-members, first half of 2025 (an association: heavy buyers join more often)");
        line("  purchases per customer " + decimal(comparison.memberFrequency().value(), 2) + " vs "
                + decimal(comparison.nonMemberFrequency().value(), 2) + ", difference "
                + decimal(comparison.frequencyUplift().difference(), 2) + " (SE " + decimal(comparison.frequencyUplift().standardError(), 2)
                + "); repeat rate " + percent(comparison.memberRepeat().value()) + " vs " + percent(comparison.nonMemberRepeat().value())
                + "; spend per customer " + decimal(comparison.memberSpend().value(), 2) + " vs "
                + decimal(comparison.nonMemberSpend().value(), 2) + " EUR");
        MemberUplift.BeforeAfter around = purchases.beforeAfter(3, 30, ProgrammeSample.COFFEE_START, asOf);
        line("Members before and after enrolment (3 periods of 30 days each side; the generator's members buy 20 % more"
                + " once enrolled, some lapse, and the visit at which they join counts after)");
        line("  " + around + ", change 95% interval " + interval(around.change().confidenceInterval(0.95))
                + ", relative " + percent(around.change().value() / around.before().value()));
        line("");

        PointsLedger miles = ProgrammeData.airlineMiles();
        Breakage breakage = miles.breakage(asOf);
        line("Airline: " + miles.memberCount() + " members; miles expire after 18 months without a flight");
        line("  redemption rate " + percent(miles.redemptionRate(asOf).value()) + "; breakage " + percent(breakage.value())
                + " " + percentInterval(breakage.confidenceInterval(0.95)) + " at " + breakage.horizonDays() + " days; "
                + breakage.outstandingPoints() + " miles outstanding, liability at 0.012 EUR a mile "
                + decimal(breakage.liability(0.012).value(), 0) + " EUR " + String.format(Locale.ROOT, "[%.0f, %.0f]",
                        breakage.liability(0.012).confidenceInterval(0.95).low(),
                        breakage.liability(0.012).confidenceInterval(0.95).high()));
        TierHistory tiers = ProgrammeData.airlineTiers();
        long[] perTier = tiers.membersPerTier(asOf);
        StringBuilder counts = new StringBuilder("  members per tier on " + asOf + ":");
        for (int level = 0; level < perTier.length; level++) {
            counts.append(' ').append(ProgrammeData.AIRLINE_TIERS.get(level)).append(' ').append(perTier[level]);
        }
        line(counts.toString());
        TierMigration migration = tiers.migration(LocalDate.of(2024, 12, 31), asOf);
        line("  " + migration);
        indent(migration.toTable().toText());
        SurvivalCurve toSilver = tiers.timeToNextTier(0, asOf);
        line("  time from blue to a higher tier: " + toSilver + (toSilver.median().isDefined()
                ? ", median " + decimal(toSilver.median().value(), 0) + " days" : ", median not reached"));
    }

    private static String interval(ConfidenceInterval interval) {
        return String.format(Locale.ROOT, "[%.2f, %.2f]", interval.low(), interval.high());
    }

    private void heading(String title) {
        line("");
        line(title);
        line("-".repeat(title.length()));
    }

    private void indent(Object table) {
        for (String row : table.toString().split("\n")) {
            line("  " + row);
        }
        line("");
    }

    private void line(String row) {
        text.append(row).append(System.lineSeparator());
    }
}
