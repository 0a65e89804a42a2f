package org.loyaltymetrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.behavior.ComplaintLog;
import org.loyaltymetrics.behavior.EngagementComponent;
import org.loyaltymetrics.behavior.EngagementScore;
import org.loyaltymetrics.behavior.RepeatPurchaseRate;
import org.loyaltymetrics.behavior.SeverityWeights;
import org.loyaltymetrics.behavior.UpsellRate;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.data.SpendHistories;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.retention.ChurnSeries;
import org.loyaltymetrics.retention.CohortTable;
import org.loyaltymetrics.retention.RevenueRetention;
import org.loyaltymetrics.survey.CustomerSatisfactionScore;
import org.loyaltymetrics.survey.NetPromoterScore;
import org.loyaltymetrics.survey.RatingScale;
import org.loyaltymetrics.survey.SurveyAccumulator;
import org.loyaltymetrics.time.Granularity;
import org.loyaltymetrics.value.HistoricalCustomerLifetimeValue;

/**
 * Accumulators travel between the workers of distributed engines (Spark, Flink) by Java
 * serialization: a copy that made the trip combines with the original as if it had stayed.
 */
class SerializationTest {

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void surveyAccumulatorsKeepTheirDefinition() throws Exception {
        SurveyAccumulator<NetPromoterScore> nps = NetPromoterScore.accumulator().addAll(10, 9, 3, 7);
        SurveyAccumulator<NetPromoterScore> copy = roundTrip(nps);
        assertThat(copy.metric()).isSameAs(NetPromoterScore.DEFINITION);
        assertThat(copy.combine(nps).snapshot()).isEqualTo(NetPromoterScore.of(10, 9, 3, 7, 10, 9, 3, 7));

        CustomerSatisfactionScore.Definition tenPoint = CustomerSatisfactionScore.Definition.of(RatingScale.ONE_TO_TEN, 8);
        SurveyAccumulator<CustomerSatisfactionScore> csat = tenPoint.accumulator().addAll(10, 2);
        assertThat(roundTrip(csat).combine(csat).snapshot()).isEqualTo(CustomerSatisfactionScore.of(tenPoint, 10, 2, 10, 2));
    }

    @Test
    void retentionAccumulatorsSurviveTheTrip() throws Exception {
        ChurnSeries.Accumulator churn = ChurnSeries.accumulator(Granularity.MONTH, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 4, 1))
                .add(LocalDate.of(2024, 5, 1), LocalDate.of(2025, 2, 3)).add(LocalDate.of(2025, 1, 9), null);
        ChurnSeries twice = ChurnSeries.accumulator(Granularity.MONTH, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 4, 1))
                .add(LocalDate.of(2024, 5, 1), LocalDate.of(2025, 2, 3)).add(LocalDate.of(2025, 1, 9), null)
                .add(LocalDate.of(2024, 5, 1), LocalDate.of(2025, 2, 3)).add(LocalDate.of(2025, 1, 9), null).snapshot();
        assertThat(roundTrip(churn).combine(churn).snapshot()).isEqualTo(twice);

        CohortTable.Accumulator cohorts = CohortTable.accumulator(Granularity.MONTH).add(1, LocalDate.of(2025, 1, 2))
                .add(1, LocalDate.of(2025, 3, 2));
        CohortTable.Accumulator other = CohortTable.accumulator(Granularity.MONTH).add(2, LocalDate.of(2025, 2, 2));
        assertThat(roundTrip(other).combine(cohorts).snapshot()).isEqualTo(cohorts.combine(other).snapshot());

        RevenueRetention.Accumulator mrr = RevenueRetention.accumulator(CurrencyUnit.USD).add(1, YearMonth.of(2025, 1), 100);
        RevenueRetention.Accumulator later = RevenueRetention.accumulator(CurrencyUnit.USD).add(1, YearMonth.of(2025, 2), 150);
        assertThat(roundTrip(later).combine(mrr).snapshot().get(YearMonth.of(2025, 2)).expansionMrr().minorUnits()).isEqualTo(50);
    }

    @Test
    void behaviourValueAndModelAccumulatorsSurviveTheTrip() throws Exception {
        LocalDate day = LocalDate.of(2025, 3, 1);
        RfmSummary.Accumulator rfm = RfmSummary.accumulator(CurrencyUnit.USD, LocalDate.of(2025, 6, 30)).add(1, day, 1_000)
                .add(1, day.plusDays(9), 2_000).add(2, day, 500);
        RfmSummary.Accumulator moreRfm = RfmSummary.accumulator(CurrencyUnit.USD, LocalDate.of(2025, 6, 30)).add(1, day.plusDays(20), 300);
        assertThat(roundTrip(rfm).combine(moreRfm).snapshot())
                .isEqualTo(RfmSummary.accumulator(CurrencyUnit.USD, LocalDate.of(2025, 6, 30)).add(1, day, 1_000).add(1, day.plusDays(9), 2_000)
                        .add(2, day, 500).add(1, day.plusDays(20), 300).snapshot());

        RepeatPurchaseRate.Accumulator repeat = RepeatPurchaseRate.accumulator().add(1, day).add(1, day.plusDays(1));
        assertThat(roundTrip(repeat).snapshot()).isEqualTo(repeat.snapshot());
        UpsellRate.Accumulator upsell = UpsellRate.accumulator().add(1, 10, false).add(1, 11, true);
        assertThat(roundTrip(upsell).snapshot()).isEqualTo(upsell.snapshot());
        EngagementScore.Accumulator engagement = EngagementScore.accumulator().add(1, EngagementComponent.values()[0], 5);
        assertThat(roundTrip(engagement).snapshot()).isEqualTo(engagement.snapshot());
        ComplaintLog.Accumulator complaints = ComplaintLog.accumulator(Granularity.MONTH, SeverityWeights.DEFAULT)
                .add(day, "billing", 2);
        assertThat(roundTrip(complaints).snapshot()).isEqualTo(complaints.snapshot());
        HistoricalCustomerLifetimeValue.Accumulator historical = HistoricalCustomerLifetimeValue.accumulator(CurrencyUnit.USD).add(7, 1_234);
        assertThat(roundTrip(historical).snapshot()).isEqualTo(historical.snapshot());

        PurchaseHistories.Accumulator purchases = PurchaseHistories.accumulator(ChronoUnit.WEEKS).add(2, 30.43, 38.86);
        assertThat(roundTrip(purchases).snapshot()).isEqualTo(purchases.snapshot());
        SpendHistories.Accumulator spend = SpendHistories.accumulator().add(2, 22.35);
        assertThat(roundTrip(spend).snapshot()).isEqualTo(spend.snapshot());
    }
}
