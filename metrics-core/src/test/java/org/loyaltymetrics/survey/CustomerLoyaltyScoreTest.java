package org.loyaltymetrics.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.survey.CustomerLoyaltyScore.Definition;

class CustomerLoyaltyScoreTest {

    /*
     * Four respondents (recommend, repurchase, try other):
     *   (10, 9, 8)  -> NPS-style +1 +1  0, sum  2; ratings sum 27
     *   ( 6, 7, 10) ->           -1  0 +1, sum  0; ratings sum 23
     *   ( 9, 3, 9)  ->           +1 -1 +1, sum  1; ratings sum 21
     *   ( 8, 10, 9) ->            0 +1 +1, sum  2; ratings sum 27
     * Question scores: recommend 100 (2 − 1)/4 = 25, repurchase 100 (2 − 1)/4 = 25,
     * try other 100 (3 − 0)/4 = 75; index (25 + 25 + 75)/3 = 41.667 = 100/3 × mean(2, 0, 1, 2).
     * Mean ratings 8.25, 7.25, 9.0 -> 8.1667 = mean(27, 23, 21, 27)/3.
     */
    private static final int[] RECOMMEND = {10, 6, 9, 8};
    private static final int[] REPURCHASE = {9, 7, 3, 10};
    private static final int[] TRY_OTHER = {8, 10, 9, 9};

    private static final CustomerLoyaltyScore EXAMPLE = CustomerLoyaltyScore.of(RECOMMEND, REPURCHASE, TRY_OTHER);

    @Test
    void questionScoresAndIndexByHand() {
        assertThat(EXAMPLE.respondents()).isEqualTo(4);
        assertThat(EXAMPLE.recommendation().value()).isEqualTo(25.0);
        assertThat(EXAMPLE.repurchase().value()).isEqualTo(25.0);
        assertThat(EXAMPLE.tryOther().value()).isEqualTo(75.0);
        assertThat(EXAMPLE.value()).isCloseTo(125.0 / 3, within(1e-13));
        assertThat(EXAMPLE.definition()).isEqualTo(Definition.DEFAULT).isEqualTo(Definition.NPS_AVERAGE);
        CustomerLoyaltyScore ratings = EXAMPLE.withDefinition(Definition.MEAN_RATING_AVERAGE);
        assertThat(ratings.value()).isCloseTo(24.5 / 3, within(1e-13));
        assertThat(ratings.definition()).isEqualTo(Definition.MEAN_RATING_AVERAGE);
        assertThat(ratings.withDefinition(Definition.NPS_AVERAGE)).isEqualTo(EXAMPLE);
        assertThat(ratings).isNotEqualTo(EXAMPLE)
                .hasToString("Customer loyalty score 8.17 on 0..10 (mean ratings: recommend 8.25, repurchase 7.25, "
                        + "try other 9.00), n = 4");
    }

    @Test
    void intervalFromTheRespondentsOwnAverages() {
        // NPS sums 2, 0, 1, 2: s = 0.9574271, SE of the index = 100/3 × s/√4 = 15.9571185;
        // t(0.975, 3) = 3.1824463 -> margin 50.7826727
        assertThat(EXAMPLE.estimate().standardError()).isCloseTo(15.957118462605633, within(1e-12));
        assertThat(EXAMPLE.estimate().degreesOfFreedom()).isEqualTo(3);
        ConfidenceInterval interval = EXAMPLE.confidenceInterval(0.95);
        assertThat(interval.low()).isCloseTo(125.0 / 3 - 50.78267269429373, within(1e-10));
        assertThat(interval.high()).isCloseTo(125.0 / 3 + 50.78267269429373, within(1e-10));
        // rating sums 27, 23, 21, 27 / 3: mean 8.1667, SE 0.5; SciPy t.interval: [6.5754435, 9.7578898]
        ConfidenceInterval ratings = EXAMPLE.withDefinition(Definition.MEAN_RATING_AVERAGE).confidenceInterval(0.95);
        assertThat(ratings.low()).isCloseTo(6.575443514024814, within(1e-12));
        assertThat(ratings.high()).isCloseTo(9.757889819308522, within(1e-12));
    }

    @Test
    void accumulatorCollectorCombineAndPlus() {
        CustomerLoyaltyScore.Accumulator first = CustomerLoyaltyScore.accumulator().add(10, 9, 8).add(6, 7, 10);
        CustomerLoyaltyScore.Accumulator second = CustomerLoyaltyScore.accumulator().add(9, 3, 9).add(8, 10, 9);
        assertThat(first.combine(second).snapshot()).isEqualTo(EXAMPLE);
        record Answers(int recommend, int repurchase, int tryOther) {
        }
        assertThat(Stream.of(new Answers(10, 9, 8), new Answers(6, 7, 10), new Answers(9, 3, 9), new Answers(8, 10, 9))
                .collect(CustomerLoyaltyScore.collector(Answers::recommend, Answers::repurchase, Answers::tryOther)))
                .isEqualTo(EXAMPLE);
        CustomerLoyaltyScore firstTwo = CustomerLoyaltyScore.of(new int[] {10, 6}, new int[] {9, 7}, new int[] {8, 10});
        CustomerLoyaltyScore lastTwo = CustomerLoyaltyScore.of(new int[] {9, 8}, new int[] {3, 10}, new int[] {9, 9});
        assertThat(firstTwo.plus(lastTwo)).isEqualTo(EXAMPLE).hasSameHashCodeAs(EXAMPLE);
        DifferenceTest change = lastTwo.differenceFrom(firstTwo);
        assertThat(change.difference()).isCloseTo(lastTwo.value() - firstTwo.value(), within(1e-12));
        assertThat(change).isEqualTo(lastTwo.estimate().differenceFrom(firstTwo.estimate()));
        CustomerLoyaltyScore firstRatings = firstTwo.withDefinition(Definition.MEAN_RATING_AVERAGE);
        CustomerLoyaltyScore lastRatings = lastTwo.withDefinition(Definition.MEAN_RATING_AVERAGE);
        assertThat(lastRatings.differenceFrom(firstRatings).difference())
                .isCloseTo(lastRatings.value() - firstRatings.value(), within(1e-12));
        assertThat(firstRatings.plus(lastRatings)).isEqualTo(EXAMPLE.withDefinition(Definition.MEAN_RATING_AVERAGE));
        assertThatThrownBy(() -> lastTwo.differenceFrom(firstRatings)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("earlier must have the same definition NPS_AVERAGE, had MEAN_RATING_AVERAGE")
                .extracting("argument").isEqualTo("earlier");
        assertThatThrownBy(() -> lastTwo.plus(firstRatings)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("other must have the same definition NPS_AVERAGE, had MEAN_RATING_AVERAGE");
    }

    @Test
    void emptyIsUndefinedAndBadAnswersAreRejectedWhole() {
        CustomerLoyaltyScore.Accumulator accumulator = CustomerLoyaltyScore.accumulator();
        assertThat(accumulator.snapshot().isEmpty()).isTrue();
        assertThatThrownBy(() -> accumulator.snapshot().value()).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the customer loyalty score is undefined: there are no respondents");
        assertThatThrownBy(() -> accumulator.add(9, 9, 11)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("tryOther must be in 0..10, was 11").extracting("argument").isEqualTo("tryOther");
        assertThat(accumulator.respondents()).isZero();
        assertThat(accumulator.snapshot().recommendation().responses()).isZero();
        assertThatThrownBy(() -> CustomerLoyaltyScore.of(new int[] {1}, new int[] {1, 2}, new int[] {1}))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("repurchase must be as long as recommend (1), was 2 answers");
        assertThatThrownBy(() -> CustomerLoyaltyScore.of(new int[] {1}, new int[] {1}, new int[] {}))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("tryOther must be as long as recommend (1), was 0 answers");
        assertThat(accumulator).hasToString("CustomerLoyaltyScore.Accumulator, 0 respondents");
        assertThat(accumulator.snapshot()).hasToString("Customer loyalty score undefined (no respondents)");
    }

    @Test
    void text() {
        assertThat(EXAMPLE).hasToString("Customer loyalty score 41.7 (recommend 25.0, repurchase 25.0, "
                + "try other 75.0; mean ratings 8.17), n = 4");
    }

    @Test
    void everyQuestionIsCheckedBeforeAnyIsCounted() {
        CustomerLoyaltyScore.Accumulator accumulator = CustomerLoyaltyScore.accumulator();
        assertThatThrownBy(() -> accumulator.add(11, 9, 9)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("recommend must be in 0..10, was 11");
        assertThatThrownBy(() -> accumulator.add(9, -1, 9)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("repurchase must be in 0..10, was -1");
        assertThat(accumulator.respondents()).isZero();
        assertThat(accumulator.snapshot().questionTallies()).containsOnly(ResponseTally.of(RatingScale.ZERO_TO_TEN));
        assertThat(accumulator.add(10, 9, 8).add(6, 7, 10).respondents()).isEqualTo(2);
    }

    @Test
    void questionTalliesAddAllAndEquality() {
        assertThat(EXAMPLE.questionTallies()).containsExactly(ResponseTally.of(RatingScale.ZERO_TO_TEN, RECOMMEND),
                ResponseTally.of(RatingScale.ZERO_TO_TEN, REPURCHASE), ResponseTally.of(RatingScale.ZERO_TO_TEN, TRY_OTHER));
        assertThat(CustomerLoyaltyScore.accumulator().addAll(EXAMPLE).addAll(EXAMPLE).snapshot())
                .isEqualTo(EXAMPLE.plus(EXAMPLE));
        // each question's answers, and the respondents' combinations, make the score
        CustomerLoyaltyScore otherRecommend = CustomerLoyaltyScore.of(new int[] {10, 6, 9, 9}, REPURCHASE, TRY_OTHER);
        CustomerLoyaltyScore otherRepurchase = CustomerLoyaltyScore.of(RECOMMEND, new int[] {9, 7, 3, 9}, TRY_OTHER);
        CustomerLoyaltyScore otherTryOther = CustomerLoyaltyScore.of(RECOMMEND, REPURCHASE, new int[] {8, 10, 9, 10});
        // the same answers per question, paired differently: (10, 9, 8) (6, 3, 10) (9, 7, 9) (8, 10, 9)
        CustomerLoyaltyScore otherPairs = CustomerLoyaltyScore.of(RECOMMEND, new int[] {9, 3, 7, 10}, TRY_OTHER);
        assertThat(otherPairs.questionTallies()).containsExactly(EXAMPLE.questionTallies());
        for (CustomerLoyaltyScore other : new CustomerLoyaltyScore[] {otherRecommend, otherRepurchase, otherTryOther,
            otherPairs}) {
            assertThat(EXAMPLE).isNotEqualTo(other);
            assertThat(EXAMPLE.hashCode()).isNotEqualTo(other.hashCode());
        }
        assertThat(EXAMPLE).isNotEqualTo(EXAMPLE.toString());
    }
}
