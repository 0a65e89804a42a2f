package org.loyaltymetrics.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.survey.CustomerSatisfactionScore.Definition;

class CustomerSatisfactionScoreTest {

    /** 107 answers on 1..5 of which 30 + 44 = 74 are satisfied (4..5). */
    private static final CustomerSatisfactionScore EXAMPLE =
            CustomerSatisfactionScore.ofCounts(Definition.DEFAULT, 10, 10, 13, 30, 44);

    @Test
    void workedExample74Of107() {
        assertThat(EXAMPLE.satisfied()).isEqualTo(74);
        assertThat(EXAMPLE.responses()).isEqualTo(107);
        assertThat(EXAMPLE.value()).isCloseTo(0.6916, within(0.00005));
        assertThat(EXAMPLE.percent()).isCloseTo(69.16, within(0.005));
        // Wilson 95 % of 74/107 (see ProportionTest): [0.5987150913, 0.7711826025]
        ConfidenceInterval interval = EXAMPLE.confidenceInterval(0.95);
        assertThat(interval.low()).isCloseTo(0.5987150913219855, within(1e-12));
        assertThat(interval.high()).isCloseTo(0.7711826025212977, within(1e-12));
    }

    @Test
    void meanRatingIsASeparateFigure() {
        // (10×1 + 10×2 + 13×3 + 30×4 + 44×5) / 107 = 409/107 = 3.8224
        assertThat(EXAMPLE.meanRating().value()).isCloseTo(409.0 / 107, within(1e-14));
        assertThat(EXAMPLE.meanRating().confidenceInterval(0.95).low()).isCloseTo(3.5701649256794274, within(1e-12));
        assertThat(EXAMPLE.meanRating().standardError()).isCloseTo(1.3161771695857172 / Math.sqrt(107), within(1e-14));
        assertThat(EXAMPLE.meanRating().degreesOfFreedom()).isEqualTo(106);
        // one answer has a mean but no standard error
        assertThat(CustomerSatisfactionScore.of(4).tally().mean()).isEqualTo(4.0);
        assertThatThrownBy(() -> CustomerSatisfactionScore.of(4).meanRating()).isInstanceOf(UndefinedResultException.class);
        assertThat(CustomerSatisfactionScore.of(4)).hasToString(
                "CSAT 100.00% [20.65%, 100.00%] (95%), 1 of 1 satisfied (4..5 on 1..5), mean rating 4.00");
    }

    @Test
    void defaultsAndConfiguredScales() {
        assertThat(Definition.DEFAULT.satisfied()).isEqualTo(RatingScale.ONE_TO_FIVE.band(4, 5));
        assertThat(CustomerSatisfactionScore.of(5, 4, 3, 2, 1).value()).isEqualTo(0.4);
        Definition tenPoint = Definition.topTwoBoxes(RatingScale.ONE_TO_TEN);
        assertThat(tenPoint.satisfied()).isEqualTo(RatingScale.ONE_TO_TEN.band(9, 10));
        assertThat(CustomerSatisfactionScore.of(tenPoint, 10, 9, 8, 1).value()).isEqualTo(0.5);
        Definition topThree = Definition.of(RatingScale.ONE_TO_TEN, 8);
        assertThat(CustomerSatisfactionScore.of(topThree, 10, 9, 8, 1).value()).isEqualTo(0.75);
        assertThat(topThree).hasToString("CSAT (1..10, satisfied 8..10)");
    }

    @Test
    void accumulatorCollectorAndPlus() {
        List<Integer> answers = List.of(5, 5, 4, 3, 1, 2, 4);
        SurveyAccumulator<CustomerSatisfactionScore> accumulator = CustomerSatisfactionScore.accumulator();
        answers.forEach(accumulator::add);
        assertThat(accumulator.snapshot()).isEqualTo(CustomerSatisfactionScore.of(5, 5, 4, 3, 1, 2, 4));
        assertThat(answers.stream().collect(CustomerSatisfactionScore.collector())).isEqualTo(accumulator.snapshot());
        assertThat(CustomerSatisfactionScore.of(5, 5).plus(CustomerSatisfactionScore.of(1)))
                .isEqualTo(CustomerSatisfactionScore.of(5, 1, 5));
    }

    @Test
    void differenceIsATwoProportionTest() {
        CustomerSatisfactionScore later = EXAMPLE;
        CustomerSatisfactionScore earlier = CustomerSatisfactionScore.ofCounts(Definition.DEFAULT, 20, 10, 20, 30, 30);
        assertThat(later.differenceFrom(earlier))
                .isEqualTo(later.proportion().differenceFrom(earlier.proportion()));
        // 74/107 vs 60/110: later minus earlier
        assertThat(later.differenceFrom(earlier).difference()).isCloseTo(74.0 / 107 - 60.0 / 110, within(1e-15));
        assertThatThrownBy(() -> later.differenceFrom(CustomerSatisfactionScore.of(Definition.of(RatingScale.ONE_TO_FIVE, 5), 5)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("earlier must have the same definition CSAT (1..5, satisfied 4..5), had CSAT (1..5, satisfied 5..5)")
                .extracting("argument").isEqualTo("earlier");
        assertThatThrownBy(() -> later.differenceFrom(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("earlier must not be null");
    }

    @Test
    void emptyIsUndefined() {
        CustomerSatisfactionScore empty = CustomerSatisfactionScore.accumulator().snapshot();
        assertThat(empty.isEmpty()).isTrue();
        assertThatThrownBy(empty::value).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(empty::meanRating).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> empty.confidenceInterval(0.95)).isInstanceOf(UndefinedResultException.class);
        assertThat(empty).hasToString("CSAT undefined (no answers; 4..5 on 1..5)");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> CustomerSatisfactionScore.of(5, 6)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("answers[1] must be in 1..5, was 6");
        assertThatThrownBy(() -> new Definition(RatingScale.ONE_TO_FIVE, RatingScale.ONE_TO_FIVE.band(3, 4)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("satisfied must be a top band ending at 5, was 3..4");
        assertThatThrownBy(() -> new Definition(RatingScale.ONE_TO_FIVE, RatingScale.ONE_TO_TEN.band(9, 10)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("satisfied must be a band of 1..5, was a band of 1..10");
        assertThatThrownBy(() -> Definition.of(RatingScale.ONE_TO_FIVE, 6)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("satisfiedFrom must be in 1..5, was 6");
        assertThatThrownBy(() -> CustomerSatisfactionScore.from(ResponseTally.of(RatingScale.ONE_TO_TEN, 3), Definition.DEFAULT))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("tally must be on the scale 1..5, was on 1..10");
        assertThatThrownBy(() -> CustomerSatisfactionScore.of((Definition) null, 1)).isInstanceOf(NullPointerException.class)
                .hasMessage("definition must not be null");
        SurveyAccumulator<CustomerSatisfactionScore> fivePoint = CustomerSatisfactionScore.accumulator();
        assertThatThrownBy(() -> fivePoint.combine(CustomerSatisfactionScore.accumulator(Definition.of(RatingScale.ONE_TO_FIVE, 5))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("other must have the same metric CSAT (1..5, satisfied 4..5)");
    }

    @Test
    void equalityAndText() {
        assertThat(EXAMPLE).isEqualTo(CustomerSatisfactionScore.ofCounts(Definition.DEFAULT, 10, 10, 13, 30, 44))
                .hasSameHashCodeAs(CustomerSatisfactionScore.ofCounts(Definition.DEFAULT, 10, 10, 13, 30, 44));
        assertThat(EXAMPLE).hasToString(
                "CSAT 69.16% [59.87%, 77.12%] (95%), 74 of 107 satisfied (4..5 on 1..5), mean rating 3.82");
    }

    @Test
    void theDefinitionAsASurveyMetric() {
        CustomerSatisfactionScore later = CustomerSatisfactionScore.of(5, 5, 4, 2);
        assertThat(Definition.DEFAULT.name()).isEqualTo("CSAT");
        assertThat(Definition.DEFAULT.scale()).isEqualTo(RatingScale.ONE_TO_FIVE);
        assertThat(Definition.DEFAULT.evaluate(ResponseTally.of(RatingScale.ONE_TO_FIVE, 5, 5, 4, 2))).isEqualTo(later);
        assertThat(Definition.DEFAULT.of(new byte[] {5, 5, 4, 2})).isEqualTo(later);
        assertThat(later.value()).isEqualTo(0.75);
        assertThat(later.confidenceInterval(0.9)).isEqualTo(later.proportion().confidenceInterval(0.9));
    }

    @Test
    void factoriesUnderADefinition() {
        Definition topOne = Definition.of(RatingScale.ONE_TO_FIVE, 5);
        CustomerSatisfactionScore csat = CustomerSatisfactionScore.of(topOne, 5, 4, 5, 1);
        assertThat(csat.definition()).isEqualTo(topOne);
        assertThat(csat.tally()).isEqualTo(ResponseTally.of(RatingScale.ONE_TO_FIVE, 5, 4, 5, 1));
        assertThat(csat.satisfied()).isEqualTo(2);
        assertThat(CustomerSatisfactionScore.of(topOne, new byte[] {5, 4, 5, 1})).isEqualTo(csat);
        assertThat(CustomerSatisfactionScore.ofCounts(topOne, 1, 0, 0, 1, 2)).isEqualTo(csat);
        assertThat(CustomerSatisfactionScore.accumulator(topOne).addAll(5, 4, 5, 1).snapshot()).isEqualTo(csat);
        assertThat(List.of(5, 4, 5, 1).stream().collect(CustomerSatisfactionScore.collector(topOne, Integer::intValue)))
                .isEqualTo(csat);
        // the same answers under another definition are another score, and cannot be added to it
        CustomerSatisfactionScore topTwo = CustomerSatisfactionScore.of(5, 4, 5, 1);
        assertThat(csat).isNotEqualTo(topTwo).isNotEqualTo(CustomerSatisfactionScore.of(topOne, 5, 4, 5, 2))
                .isNotEqualTo("CSAT");
        assertThat(csat.hashCode()).isNotEqualTo(topTwo.hashCode());
        assertThatThrownBy(() -> csat.plus(topTwo)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("other must have the same definition CSAT (1..5, satisfied 5..5), had CSAT (1..5, satisfied 4..5)")
                .extracting("argument").isEqualTo("other");
    }
}
