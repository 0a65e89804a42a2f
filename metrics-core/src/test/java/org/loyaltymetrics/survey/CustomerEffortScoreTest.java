package org.loyaltymetrics.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.survey.CustomerEffortScore.Definition;

class CustomerEffortScoreTest {

    private static final int[] EARLIER = {1, 2, 2, 3, 4, 5, 5, 5, 6, 7, 7, 7};
    private static final int[] LATER = {3, 4, 4, 5, 5, 6, 6, 6, 7, 7, 7, 7, 7, 6};

    @Test
    void ces20Defaults() {
        assertThat(Definition.CES_2_0.scale()).isEqualTo(RatingScale.ONE_TO_SEVEN);
        assertThat(Definition.CES_2_0.higherIsEasier()).isTrue();
        assertThat(Definition.CES_2_0.easy()).isEqualTo(RatingScale.ONE_TO_SEVEN.band(5, 7));
        assertThat(Definition.DEFAULT).isSameAs(Definition.CES_2_0);
        assertThat(Definition.CES_2_0).isEqualTo(Definition.higherIsEasier(RatingScale.ONE_TO_SEVEN.band(5, 7)))
                .hasSameHashCodeAs(Definition.higherIsEasier(RatingScale.ONE_TO_SEVEN.band(5, 7)))
                .hasToString("CES (1..7, higher is easier, easy 5..7)");
        assertThat(CustomerEffortScore.of(7).definition()).isSameAs(Definition.DEFAULT);
    }

    @Test
    void meanAndEasyShareByHand() {
        // 14 answers: mean 80/14 = 5.7142857, s = 1.3259871; t(0.975, 13) interval
        // [4.94868356308798, 6.479887865483449] (SciPy); easy (5..7) answers 11 of 14
        CustomerEffortScore ces = CustomerEffortScore.of(LATER);
        assertThat(ces.value()).isCloseTo(80.0 / 14, within(1e-14));
        assertThat(ces.mean().value()).isCloseTo(80.0 / 14, within(1e-14));
        assertThat(ces.mean().standardError()).isCloseTo(1.3259870882635918 / Math.sqrt(14), within(1e-14));
        ConfidenceInterval interval = ces.confidenceInterval(0.95);
        assertThat(interval.low()).isCloseTo(4.94868356308798, within(1e-12));
        assertThat(interval.high()).isCloseTo(6.479887865483449, within(1e-12));
        assertThat(ces.mean().confidenceInterval(0.95)).isEqualTo(interval);
        assertThat(ces.easy()).isEqualTo(11);
        assertThat(ces.easyShare().value()).isCloseTo(11.0 / 14, within(1e-15));
        // Wilson 95 % of 11/14 (by hand from the formula in Proportion): [0.5241077, 0.9242861]
        assertThat(ces.easyShare().confidenceInterval(0.95).low()).isCloseTo(0.524107694133997, within(1e-12));
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
        assertThat(Definition.higherIsEasier(RatingScale.ONE_TO_FIVE).easy())
                .isEqualTo(RatingScale.ONE_TO_FIVE.band(4, 5));
        assertThat(Definition.higherIsEasier(RatingScale.ONE_TO_TEN).easy())
                .isEqualTo(RatingScale.ONE_TO_TEN.band(6, 10));
        Definition lowEffort = Definition.lowerIsEasier(RatingScale.ONE_TO_FIVE);
        assertThat(lowEffort.easy()).isEqualTo(RatingScale.ONE_TO_FIVE.band(1, 2));
        assertThat(lowEffort.higherIsEasier()).isFalse();
        assertThat(lowEffort).hasToString("CES (1..5, lower is easier, easy 1..2)");
        assertThat(Definition.lowerIsEasier(RatingScale.ONE_TO_SEVEN).easy())
                .isEqualTo(RatingScale.ONE_TO_SEVEN.band(1, 3));
        assertThat(Definition.lowerIsEasier(RatingScale.ONE_TO_TEN).easy())
                .isEqualTo(RatingScale.ONE_TO_TEN.band(1, 5));
        // Under the older orientation a 1 is easy: 2 of 4 answers here.
        CustomerEffortScore ces = CustomerEffortScore.of(lowEffort, 1, 2, 4, 5);
        assertThat(ces.easyShare().value()).isEqualTo(0.5);
        assertThat(ces.value()).isEqualTo(3.0);
        assertThat(ces).hasToString("CES mean 3.00 on 1..5 (lower is easier), easy 1..2: 50.00%, n = 4");
        assertThat(Definition.higherIsEasier(RatingScale.ONE_TO_TEN.band(8, 10)).easy())
                .isEqualTo(RatingScale.ONE_TO_TEN.band(8, 10));
        assertThat(Definition.lowerIsEasier(RatingScale.ONE_TO_TEN.band(1, 1)).easy())
                .isEqualTo(RatingScale.ONE_TO_TEN.band(1, 1));
        // the same band read in the two orientations would be two definitions, but a band holds one end only
        assertThat(Definition.higherIsEasier(RatingScale.ONE_TO_FIVE.band(1, 5)))
                .isNotEqualTo(Definition.lowerIsEasier(RatingScale.ONE_TO_FIVE.band(1, 5)));
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
        assertThat(empty.isEmpty()).isTrue();
        assertThatThrownBy(empty::value).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(empty::mean).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> empty.easyShare().value()).isInstanceOf(UndefinedResultException.class);
        assertThat(empty).hasToString("CES undefined (no answers; CES (1..7, higher is easier, easy 5..7))");
        // one answer has a mean but no interval
        assertThat(CustomerEffortScore.of(6).value()).isEqualTo(6.0);
        assertThatThrownBy(() -> CustomerEffortScore.of(6).confidenceInterval(0.95))
                .isInstanceOf(UndefinedResultException.class);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> CustomerEffortScore.of(0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("answers[0] must be in 1..7, was 0");
        assertThatThrownBy(() -> Definition.higherIsEasier(RatingScale.ONE_TO_SEVEN.band(1, 3)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("easy must be a band holding the easy end 7 of 1..7 (higher is easier), was 1..3")
                .extracting("argument").isEqualTo("easy");
        assertThatThrownBy(() -> Definition.lowerIsEasier(RatingScale.ONE_TO_SEVEN.band(5, 7)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("easy must be a band holding the easy end 1 of 1..7 (lower is easier), was 5..7");
        assertThatThrownBy(() -> Definition.higherIsEasier((RatingScale) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("scale must not be null");
        assertThatThrownBy(() -> Definition.lowerIsEasier((RatingScale.Band) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("easy must not be null");
        assertThatThrownBy(() -> CustomerEffortScore.of(1, 2).differenceFrom(
                CustomerEffortScore.of(Definition.lowerIsEasier(RatingScale.ONE_TO_SEVEN), 1, 2)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("earlier must have the same definition CES (1..7, higher is easier, easy 5..7), had "
                        + "CES (1..7, lower is easier, easy 1..3)");
        assertThatThrownBy(() -> CustomerEffortScore.from(ResponseTally.of(RatingScale.ONE_TO_FIVE, 3), Definition.DEFAULT))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("tally must be on the scale 1..7, was on 1..5");
    }

    @Test
    void theDefinitionAsASurveyMetric() {
        CustomerEffortScore later = CustomerEffortScore.of(LATER);
        CustomerEffortScore earlier = CustomerEffortScore.of(EARLIER);
        assertThat(Definition.CES_2_0.name()).isEqualTo("CES mean");
        assertThat(Definition.CES_2_0.of(LATER)).isEqualTo(later);
        assertThat(Definition.CES_2_0.evaluate(ResponseTally.of(RatingScale.ONE_TO_SEVEN, EARLIER))).isEqualTo(earlier);
        assertThat(later.differenceFrom(earlier)).isEqualTo(later.mean().differenceFrom(earlier.mean()));
        assertThat(earlier.differenceFrom(later).difference()).isCloseTo(54.0 / 12 - 80.0 / 14, within(1e-14));
    }

    @Test
    void factoriesUnderADefinition() {
        Definition lowEffort = Definition.lowerIsEasier(RatingScale.ONE_TO_FIVE);
        CustomerEffortScore ces = CustomerEffortScore.of(lowEffort, 1, 2, 4, 5);
        assertThat(ces.definition()).isEqualTo(lowEffort);
        assertThat(ces.tally()).isEqualTo(ResponseTally.of(RatingScale.ONE_TO_FIVE, 1, 2, 4, 5));
        assertThat(CustomerEffortScore.of(lowEffort, new byte[] {1, 2, 4, 5})).isEqualTo(ces);
        assertThat(CustomerEffortScore.ofCounts(lowEffort, 1, 1, 0, 1, 1)).isEqualTo(ces);
        assertThat(CustomerEffortScore.accumulator(lowEffort).addAll(5, 4, 2, 1).snapshot()).isEqualTo(ces);
        assertThat(java.util.stream.IntStream.of(1, 2, 4, 5).boxed()
                .collect(CustomerEffortScore.collector(lowEffort, Integer::intValue))).isEqualTo(ces);
        // the same answers under the other orientation are another score, and cannot be added to it
        CustomerEffortScore highEffort = CustomerEffortScore.of(Definition.higherIsEasier(RatingScale.ONE_TO_FIVE), 1, 2, 4, 5);
        assertThat(ces).isNotEqualTo(highEffort).isNotEqualTo(CustomerEffortScore.of(lowEffort, 1, 2, 4, 4))
                .isNotEqualTo("CES");
        assertThat(ces.hashCode()).isNotEqualTo(highEffort.hashCode())
                .isEqualTo(CustomerEffortScore.of(lowEffort, 5, 4, 2, 1).hashCode());
        assertThatThrownBy(() -> ces.plus(highEffort)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("other must have the same definition CES (1..5, lower is easier, easy 1..2), had "
                        + "CES (1..5, higher is easier, easy 4..5)");
    }

    @Test
    void definitionsSurviveSerialization() throws Exception {
        Definition lowEffort = Definition.lowerIsEasier(RatingScale.ONE_TO_TEN.band(1, 3));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(lowEffort);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            Definition copy = (Definition) in.readObject();
            assertThat(copy).isEqualTo(lowEffort).hasSameHashCodeAs(lowEffort);
            assertThat(copy.higherIsEasier()).isFalse();
            assertThat(copy.scale()).isEqualTo(RatingScale.ONE_TO_TEN);
        }
    }
}
