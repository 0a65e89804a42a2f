package org.loyaltymetrics.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.survey.CustomerLoyaltyScore.Method;

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
        assertThat(EXAMPLE.recommendation().score()).isEqualTo(25.0);
        assertThat(EXAMPLE.repurchase().score()).isEqualTo(25.0);
        assertThat(EXAMPLE.tryOther().score()).isEqualTo(75.0);
        assertThat(EXAMPLE.index()).isCloseTo(125.0 / 3, within(1e-13));
        assertThat(EXAMPLE.index(Method.MEAN_RATING_AVERAGE)).isCloseTo(24.5 / 3, within(1e-13));
    }

    @Test
    void intervalFromTheRespondentsOwnAverages() {
        // NPS sums 2, 0, 1, 2: s = 0.9574271, SE of the index = 100/3 × s/√4 = 15.9571185;
        // t(0.975, 3) = 3.1824463 -> margin 50.7826727
        assertThat(EXAMPLE.estimate(Method.NPS_AVERAGE).standardError()).isCloseTo(15.957118462605633, within(1e-12));
        ConfidenceInterval interval = EXAMPLE.confidenceInterval(0.95);
        assertThat(interval.low()).isCloseTo(125.0 / 3 - 50.78267269429373, within(1e-10));
        assertThat(interval.high()).isCloseTo(125.0 / 3 + 50.78267269429373, within(1e-10));
        // rating sums 27, 23, 21, 27 / 3: mean 8.1667, SE 0.5; SciPy t.interval: [6.5754435, 9.7578898]
        ConfidenceInterval ratings = EXAMPLE.confidenceInterval(0.95, Method.MEAN_RATING_AVERAGE);
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
        assertThat(lastTwo.differenceFrom(firstTwo, Method.NPS_AVERAGE).difference())
                .isCloseTo(lastTwo.index() - firstTwo.index(), within(1e-12));
    }

    @Test
    void emptyIsUndefinedAndBadAnswersAreRejectedWhole() {
        CustomerLoyaltyScore.Accumulator accumulator = CustomerLoyaltyScore.accumulator();
        assertThatThrownBy(() -> accumulator.snapshot().index()).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the customer loyalty score is undefined: there are no respondents");
        assertThatThrownBy(() -> accumulator.add(9, 9, 11)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tryOther answer must be in 0..10, was 11");
        assertThat(accumulator.respondents()).isZero();
        assertThat(accumulator.snapshot().recommendation().responses()).isZero();
        assertThatThrownBy(() -> CustomerLoyaltyScore.of(new int[] {1}, new int[] {1, 2}, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("recommend, repurchase and tryOther must have the same length, had 1, 2 and 1");
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
        assertThatThrownBy(() -> accumulator.add(11, 9, 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("recommend answer must be in 0..10, was 11");
        assertThatThrownBy(() -> accumulator.add(9, -1, 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("repurchase answer must be in 0..10, was -1");
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
