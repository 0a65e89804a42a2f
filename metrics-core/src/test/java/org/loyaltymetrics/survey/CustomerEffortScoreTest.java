package org.loyaltymetrics.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.survey.CustomerEffortScore.Definition;
import org.loyaltymetrics.survey.CustomerEffortScore.Orientation;

class CustomerEffortScoreTest {

    private static final int[] EARLIER = {1, 2, 2, 3, 4, 5, 5, 5, 6, 7, 7, 7};
    private static final int[] LATER = {3, 4, 4, 5, 5, 6, 6, 6, 7, 7, 7, 7, 7, 6};

    @Test
    void ces20Defaults() {
        assertThat(Definition.CES_2_0.scale()).isEqualTo(RatingScale.ONE_TO_SEVEN);
        assertThat(Definition.CES_2_0.orientation()).isEqualTo(Orientation.HIGHER_IS_EASIER);
        assertThat(Definition.CES_2_0.easy()).isEqualTo(RatingScale.ONE_TO_SEVEN.band(5, 7));
    }

    @Test
    void meanAndEasyShareByHand() {
        // 14 answers: mean 80/14 = 5.7142857, s = 1.3259871; t(0.975, 13) interval
        // [4.94868356308798, 6.479887865483449] (SciPy); easy (5..7) answers 11 of 14
        CustomerEffortScore ces = CustomerEffortScore.of(LATER);
        assertThat(ces.mean()).isCloseTo(80.0 / 14, within(1e-14));
        ConfidenceInterval interval = ces.meanInterval(0.95);
        assertThat(interval.low()).isCloseTo(4.94868356308798, within(1e-12));
        assertThat(interval.high()).isCloseTo(6.479887865483449, within(1e-12));
        assertThat(ces.easy()).isEqualTo(11);
        assertThat(ces.easyShare().value()).isCloseTo(11.0 / 14, within(1e-15));
        assertThat(ces.easyShareInterval(0.95)).isEqualTo(ces.easyShare().confidenceInterval(0.95));
    }

    @Test
    void differenceOfMeansIsWelchsTest() {
        // SciPy ttest_ind(later, earlier, equal_var=False): t = 1.7227796554465131, df = 17.962433659509614,
        // p = 0.10210036843158753; difference 80/14 − 54/12 = 1.2142857
        DifferenceTest test = CustomerEffortScore.of(LATER).differenceFrom(CustomerEffortScore.of(EARLIER));
        assertThat(test.difference()).isCloseTo(80.0 / 14 - 54.0 / 12, within(1e-14));
        assertThat(test.statistic()).isCloseTo(1.7227796554465131, within(1e-12));
        assertThat(test.degreesOfFreedom()).isCloseTo(17.962433659509614, within(1e-10));
        assertThat(test.pValue()).isCloseTo(0.10210036843158753, within(1e-12));
    }

    @Test
    void otherScalesAndTheOlderOrientationAreExplicit() {
        assertThat(Definition.of(RatingScale.ONE_TO_FIVE, Orientation.HIGHER_IS_EASIER).easy())
                .isEqualTo(RatingScale.ONE_TO_FIVE.band(4, 5));
        assertThat(Definition.of(RatingScale.ONE_TO_TEN, Orientation.HIGHER_IS_EASIER).easy())
                .isEqualTo(RatingScale.ONE_TO_TEN.band(6, 10));
        Definition lowEffort = Definition.of(RatingScale.ONE_TO_FIVE, Orientation.LOWER_IS_EASIER);
        assertThat(lowEffort.easy()).isEqualTo(RatingScale.ONE_TO_FIVE.band(1, 2));
        assertThat(Definition.of(RatingScale.ONE_TO_SEVEN, Orientation.LOWER_IS_EASIER).easy())
                .isEqualTo(RatingScale.ONE_TO_SEVEN.band(1, 3));
        assertThat(Definition.of(RatingScale.ONE_TO_TEN, Orientation.LOWER_IS_EASIER).easy())
                .isEqualTo(RatingScale.ONE_TO_TEN.band(1, 5));
        // Under the older orientation a 1 is easy: 2 of 4 answers here.
        CustomerEffortScore ces = CustomerEffortScore.of(lowEffort, 1, 2, 4, 5);
        assertThat(ces.easyShare().value()).isEqualTo(0.5);
        assertThat(ces.mean()).isEqualTo(3.0);
        assertThat(ces).hasToString("CES mean 3.00 on 1..5 (lower is easier), easy 1..2: 50.00%, n = 4");
        assertThat(Definition.of(RatingScale.ONE_TO_TEN, Orientation.HIGHER_IS_EASIER, 8, 10).easy())
                .isEqualTo(RatingScale.ONE_TO_TEN.band(8, 10));
    }

    @Test
    void accumulatorCombinesAndPlus() {
        SurveyAccumulator<CustomerEffortScore> left = CustomerEffortScore.accumulator().addAll(1, 2, 3);
        SurveyAccumulator<CustomerEffortScore> right = CustomerEffortScore.accumulator().addAll(7, 7);
        assertThat(left.combine(right).snapshot()).isEqualTo(CustomerEffortScore.of(1, 2, 3, 7, 7));
        assertThat(CustomerEffortScore.of(1, 2).plus(CustomerEffortScore.of(7))).isEqualTo(CustomerEffortScore.of(7, 1, 2));
    }

    @Test
    void emptyIsUndefined() {
        CustomerEffortScore empty = CustomerEffortScore.of();
        assertThatThrownBy(empty::mean).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> empty.easyShare().value()).isInstanceOf(UndefinedResultException.class);
        assertThat(empty).hasToString("CES undefined (no answers; CES (1..7, HIGHER_IS_EASIER, easy 5..7))");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> CustomerEffortScore.of(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("answers[0] must be in 1..7, was 0");
        assertThatThrownBy(() -> Definition.of(RatingScale.ONE_TO_SEVEN, Orientation.HIGHER_IS_EASIER, 1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("easy must hold the easy end 7 of 1..7 when HIGHER_IS_EASIER, was 1..3");
        assertThatThrownBy(() -> Definition.of(RatingScale.ONE_TO_SEVEN, Orientation.LOWER_IS_EASIER, 5, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("easy must hold the easy end 1 of 1..7 when LOWER_IS_EASIER, was 5..7");
        assertThatThrownBy(() -> Definition.of(RatingScale.ONE_TO_SEVEN, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("orientation must not be null");
        assertThatThrownBy(() -> CustomerEffortScore.of(1, 2).differenceFrom(
                CustomerEffortScore.of(Definition.of(RatingScale.ONE_TO_SEVEN, Orientation.LOWER_IS_EASIER), 1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other must have the definition");
    }

    @Test
    void theDefinitionAsASurveyMetric() {
        CustomerEffortScore later = CustomerEffortScore.of(LATER);
        CustomerEffortScore earlier = CustomerEffortScore.of(EARLIER);
        assertThat(Definition.CES_2_0.name()).isEqualTo("CES mean");
        assertThat(Definition.CES_2_0.headline(later)).isEqualTo(later.mean());
        assertThat(Definition.CES_2_0.headlineInterval(later, 0.9)).isEqualTo(later.meanInterval(0.9));
        assertThat(Definition.CES_2_0.differenceBetween(later, earlier)).isEqualTo(later.differenceFrom(earlier));
    }

    @Test
    void factoriesUnderADefinition() {
        Definition lowEffort = Definition.of(RatingScale.ONE_TO_FIVE, Orientation.LOWER_IS_EASIER);
        CustomerEffortScore ces = CustomerEffortScore.of(lowEffort, 1, 2, 4, 5);
        assertThat(ces.definition()).isEqualTo(lowEffort);
        assertThat(ces.tally()).isEqualTo(ResponseTally.of(RatingScale.ONE_TO_FIVE, 1, 2, 4, 5));
        assertThat(CustomerEffortScore.of(lowEffort, new byte[] {1, 2, 4, 5})).isEqualTo(ces);
        assertThat(CustomerEffortScore.ofCounts(lowEffort, 1, 1, 0, 1, 1)).isEqualTo(ces);
        assertThat(CustomerEffortScore.accumulator(lowEffort).addAll(5, 4, 2, 1).snapshot()).isEqualTo(ces);
        assertThat(java.util.stream.IntStream.of(1, 2, 4, 5).boxed()
                .collect(CustomerEffortScore.collector(lowEffort, Integer::intValue))).isEqualTo(ces);
        // the same answers under the other orientation are another score, and cannot be added to it
        CustomerEffortScore highEffort = CustomerEffortScore.of(
                Definition.of(RatingScale.ONE_TO_FIVE, Orientation.HIGHER_IS_EASIER), 1, 2, 4, 5);
        assertThat(ces).isNotEqualTo(highEffort).isNotEqualTo(CustomerEffortScore.of(lowEffort, 1, 2, 4, 4))
                .isNotEqualTo("CES");
        assertThat(ces.hashCode()).isNotEqualTo(highEffort.hashCode())
                .isEqualTo(CustomerEffortScore.of(lowEffort, 5, 4, 2, 1).hashCode());
        assertThatThrownBy(() -> ces.plus(highEffort)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("other must have the definition CES (1..5, LOWER_IS_EASIER, easy 1..2), had "
                        + "CES (1..5, HIGHER_IS_EASIER, easy 4..5)");
    }
}
