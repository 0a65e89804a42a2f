package org.loyaltymetrics.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;

class SurveyAccumulatorTest {

    @Test
    void everyWayOfAddingCountsTheAnswers() {
        // 9 | 3 × 10 | 0, 7 | 8, 6 | 9, 9: 6 promoters, 2 passives, 2 detractors of 10
        SurveyAccumulator<NetPromoterScore> accumulator = NetPromoterScore.accumulator();
        assertThat(accumulator.metric()).isEqualTo(NetPromoterScore.DEFINITION);
        assertThat(accumulator.add(9).add(10, 3).addAll(0, 7).addAll(new byte[] {8, 6})
                .addAll(ResponseTally.of(RatingScale.ZERO_TO_TEN, 9, 9)).total()).isEqualTo(10);
        assertThat(accumulator.tally()).isEqualTo(ResponseTally.ofCounts(RatingScale.ZERO_TO_TEN,
                1, 0, 0, 0, 0, 0, 1, 1, 1, 3, 3));
        assertThat(accumulator.snapshot()).isEqualTo(NetPromoterScore.ofCounts(6, 2, 2));
        assertThat(accumulator).hasToString(
                "SurveyAccumulator of NPS (0..10, promoters 9..10, detractors 0..6), 10 answers");
    }

    @Test
    void combinesOnlyTheSameMetric() {
        SurveyAccumulator<CustomerSatisfactionScore> topTwo = CustomerSatisfactionScore.accumulator().add(5);
        SurveyAccumulator<CustomerSatisfactionScore> topOne = CustomerSatisfactionScore
                .accumulator(CustomerSatisfactionScore.Definition.of(RatingScale.ONE_TO_FIVE, 5)).add(4);
        assertThatThrownBy(() -> topTwo.combine(topOne)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("other must have the same metric CSAT (1..5, satisfied 4..5), had CSAT (1..5, satisfied 5..5)")
                .extracting("argument").isEqualTo("other");
        assertThatThrownBy(() -> topTwo.addAll(ResponseTally.of(RatingScale.ONE_TO_TEN, 9)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("answers must have the same scale 1..5, had 1..10");
        assertThat(CustomerSatisfactionScore.accumulator().add(3).add(5)).hasToString(
                "SurveyAccumulator of CSAT (1..5, satisfied 4..5), 2 answers");
        assertThat(topTwo.combine(CustomerSatisfactionScore.accumulator().add(1)).snapshot())
                .isEqualTo(CustomerSatisfactionScore.of(5, 1));
    }
}
