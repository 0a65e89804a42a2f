package org.loyaltymetrics.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Measure;
import org.loyaltymetrics.survey.NetPromoterScore.IntervalMethod;

class NetPromoterScoreTest {

    @Test
    void articleExampleFromShares() {
        // The loyalty and retention guide: 50 % promoters, 30 % passives, 20 % detractors give an NPS of 30.
        NetPromoterScore nps = NetPromoterScore.ofCounts(50, 30, 20);
        assertThat(nps.value()).isEqualTo(30.0);
        assertThat(nps.responses()).isEqualTo(100);
        assertThat(nps.promoterShare().value()).isEqualTo(0.5);
        assertThat(nps.passiveShare().value()).isEqualTo(0.3);
        assertThat(nps.detractorShare().value()).isEqualTo(0.2);
    }

    @Test
    void fromRawAnswersCountsTheThreeGroups() {
        // promoters 9, 10, 9; passives 7, 8; detractors 0, 6, 3 -> 100 (3 - 3) / 8 = 0
        NetPromoterScore nps = NetPromoterScore.of(9, 10, 7, 8, 0, 6, 9, 3);
        assertThat(nps).isEqualTo(NetPromoterScore.ofCounts(3, 2, 3));
        assertThat(nps.value()).isZero();
        assertThat(NetPromoterScore.of(new byte[] {10, 10, 6})).isEqualTo(NetPromoterScore.ofCounts(2, 0, 1));
        assertThat(NetPromoterScore.of(10, 10, 6).value()).isCloseTo(100.0 / 3, within(1e-13));
        assertThat(NetPromoterScore.from(ResponseTally.of(RatingScale.ZERO_TO_TEN, 9, 7, 6)))
                .isEqualTo(NetPromoterScore.ofCounts(1, 1, 1));
    }

    @Test
    void accumulatorAndCollectorAgreeWithRawAnswers() {
        List<Integer> answers = List.of(10, 9, 9, 8, 7, 7, 6, 5, 0, 10);
        SurveyAccumulator<NetPromoterScore> accumulator = NetPromoterScore.accumulator();
        answers.forEach(accumulator::add);
        NetPromoterScore expected = NetPromoterScore.ofCounts(4, 3, 3);
        assertThat(accumulator.snapshot()).isEqualTo(expected);
        assertThat(answers.stream().collect(NetPromoterScore.collector())).isEqualTo(expected);
        assertThat(answers.parallelStream().collect(NetPromoterScore.collector())).isEqualTo(expected);
        record Response(String who, int score) {
        }
        assertThat(Stream.of(new Response("a", 10), new Response("b", 3))
                .collect(NetPromoterScore.collector(Response::score))).isEqualTo(NetPromoterScore.ofCounts(1, 0, 1));
    }

    @Test
    void waldStandardErrorAndIntervalByHand() {
        // p = 0.5, d = 0.2: Var = 0.7 − 0.3² = 0.61; SE = 100 √(0.61/100) = 7.8102497;
        // MOE(95 %) = 1.959963985 × 7.8102497 = 15.3078081; interval [14.6921919, 45.3078081]
        NetPromoterScore nps = NetPromoterScore.ofCounts(50, 30, 20);
        assertThat(nps.standardError()).isCloseTo(7.810249675906654, within(1e-12));
        assertThat(nps.marginOfError(0.95)).isCloseTo(15.307808075042672, within(1e-12));
        ConfidenceInterval interval = nps.confidenceInterval(0.95);
        assertThat(interval.low()).isCloseTo(14.692191924957328, within(1e-12));
        assertThat(interval.high()).isCloseTo(45.30780807504267, within(1e-12));
    }

    @Test
    void adjustedWaldIntervalByHand() {
        // n' = 103, p' = 50.75/103, d' = 20.75/103: NPS' = 100 × 30/103 = 29.1262136;
        // Var' = p' + d' − (p' − d')² = 0.6093883; SE' = 100 √(Var'/103) = 7.6915104;
        // MOE = 15.0750834; interval [14.0511302, 44.2012970]
        NetPromoterScore nps = NetPromoterScore.ofCounts(50, 30, 20);
        assertThat(nps.estimate(IntervalMethod.ADJUSTED_WALD).value()).isCloseTo(3000.0 / 103, within(1e-12));
        assertThat(nps.estimate(IntervalMethod.ADJUSTED_WALD).standardError()).isCloseTo(7.6915104218147565, within(1e-12));
        assertThat(nps.marginOfError(0.95, IntervalMethod.ADJUSTED_WALD)).isCloseTo(15.075083413471402, within(1e-12));
        ConfidenceInterval interval = nps.confidenceInterval(0.95, IntervalMethod.ADJUSTED_WALD);
        assertThat(interval.low()).isCloseTo(14.051130178761605, within(1e-12));
        assertThat(interval.high()).isCloseTo(44.20129700570441, within(1e-12));
    }

    @Test
    void intervalsAreTruncatedToTheScoreRange() {
        // 1 promoter: adjusted n' = 4, p' = 0.4375, d' = 0.1875, NPS' = 25, SE' = 100 √(0.5625/4) = 37.5
        NetPromoterScore one = NetPromoterScore.ofCounts(1, 0, 0);
        assertThat(one.confidenceInterval(0.95)).isEqualTo(new ConfidenceInterval(100, 100, 0.95));
        ConfidenceInterval adjusted = one.confidenceInterval(0.95, IntervalMethod.ADJUSTED_WALD);
        assertThat(adjusted.low()).isCloseTo(25 - 1.959963984540054 * 37.5, within(1e-12));
        assertThat(adjusted.high()).isCloseTo(25 + 1.959963984540054 * 37.5, within(1e-12));
        NetPromoterScore split = NetPromoterScore.ofCounts(1, 0, 1);
        assertThat(split.confidenceInterval(0.99)).isEqualTo(new ConfidenceInterval(-100, 100, 0.99));
    }

    @Test
    void differenceBetweenTwoPeriodsByHand() {
        // NPS 30 (SE 7.8102497) vs NPS 10 (p = 0.4, d = 0.3, Var = 0.7 − 0.01 = 0.69, SE 8.3066239):
        // SE = √(7.8102² + 8.3066²) = 11.4017543, z = 20/11.4017543 = 1.7541160, p = 0.0794106
        DifferenceTest test = NetPromoterScore.ofCounts(50, 30, 20).differenceFrom(NetPromoterScore.ofCounts(40, 30, 30));
        assertThat(test.difference()).isCloseTo(20.0, within(1e-12));
        assertThat(test.standardError()).isCloseTo(11.40175425099138, within(1e-12));
        assertThat(test.statistic()).isCloseTo(1.7541160386140582, within(1e-12));
        assertThat(test.pValue()).isCloseTo(0.07941062599894227, within(1e-12));
        assertThat(test.isSignificant(0.05)).isFalse();
        // later.differenceFrom(earlier) is later minus earlier: the other way round flips the sign
        DifferenceTest reversed = NetPromoterScore.ofCounts(40, 30, 30).differenceFrom(NetPromoterScore.ofCounts(50, 30, 20));
        assertThat(reversed.difference()).isCloseTo(-20.0, within(1e-12));
        assertThat(reversed.pValue()).isCloseTo(test.pValue(), within(1e-15));
    }

    @Test
    void theMeasureVocabulary() {
        // value() is the score, the one-argument interval is the DEFAULT method's, which is Wald
        Measure<NetPromoterScore> nps = NetPromoterScore.ofCounts(50, 30, 20);
        assertThat(nps.value()).isEqualTo(30.0);
        assertThat(IntervalMethod.DEFAULT).isEqualTo(IntervalMethod.WALD);
        assertThat(nps.confidenceInterval(0.9)).isEqualTo(NetPromoterScore.ofCounts(50, 30, 20)
                .confidenceInterval(0.9, IntervalMethod.WALD));
        assertThat(NetPromoterScore.ofCounts(50, 30, 20).marginOfError(0.9))
                .isEqualTo(NetPromoterScore.ofCounts(50, 30, 20).marginOfError(0.9, IntervalMethod.WALD));
        assertThat(nps.isEmpty()).isFalse();
        assertThatThrownBy(() -> nps.differenceFrom(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("earlier must not be null");
    }

    @Test
    void requiredSampleSize() {
        // worst case Var = 1: (1.959964 / 0.05)² = 1536.58 -> 1537; with Var = 0.61: 937.32 -> 938
        assertThat(NetPromoterScore.requiredSampleSize(5, 0.95)).isEqualTo(1537);
        assertThat(NetPromoterScore.requiredSampleSize(5, 0.95, 0.5, 0.2)).isEqualTo(938);
        // ±100 points at 95 %: z² = 3.84 -> 4
        assertThat(NetPromoterScore.requiredSampleSize(100, 0.95)).isEqualTo(4);
        // Half promoters, half detractors (Var = 1): 1538 respondents meet ±5, 1536 do not.
        assertThat(NetPromoterScore.ofCounts(769, 0, 769).marginOfError(0.95)).isLessThanOrEqualTo(5.0);
        assertThat(NetPromoterScore.ofCounts(768, 0, 768).marginOfError(0.95)).isGreaterThan(5.0);
    }

    @Test
    void plusAddsSamples() {
        assertThat(NetPromoterScore.ofCounts(1, 2, 3).plus(NetPromoterScore.ofCounts(4, 5, 6)))
                .isEqualTo(NetPromoterScore.ofCounts(5, 7, 9));
    }

    @Test
    void emptyScoreIsUndefinedNotZero() {
        NetPromoterScore empty = NetPromoterScore.of();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty).hasToString("NPS undefined (no responses)");
        assertThatThrownBy(empty::value).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the Net Promoter Score is undefined: there are no responses");
        assertThatThrownBy(() -> empty.confidenceInterval(0.95, IntervalMethod.ADJUSTED_WALD))
                .isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> empty.promoterShare().value()).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> NetPromoterScore.of(9).differenceFrom(empty)).isInstanceOf(UndefinedResultException.class);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> NetPromoterScore.of(9, 11)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("answers[1] must be in 0..10, was 11").extracting("argument").isEqualTo("answers");
        assertThatThrownBy(() -> NetPromoterScore.accumulator().add(-1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("answer must be in 0..10, was -1").extracting("argument").isEqualTo("answer");
        assertThatThrownBy(() -> NetPromoterScore.ofCounts(1, -2, 3)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("passives must be a count >= 0, was -2").extracting("argument").isEqualTo("passives");
        assertThatThrownBy(() -> NetPromoterScore.ofCounts(Long.MAX_VALUE, 1, 0)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("responses overflows a long");
        assertThatThrownBy(() -> NetPromoterScore.of(9).confidenceInterval(1.2)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("confidence must be in (0, 1), was 1.2");
        assertThatThrownBy(() -> NetPromoterScore.of(9).marginOfError(Double.NaN)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("confidence must be in (0, 1), was NaN");
        assertThatThrownBy(() -> NetPromoterScore.from(ResponseTally.of(RatingScale.ONE_TO_TEN, 9)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("tally must be on the NPS scale 0..10, was on 1..10");
        assertThatThrownBy(() -> NetPromoterScore.of((int[]) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("answers must not be null");
        assertThatThrownBy(() -> NetPromoterScore.of(9).estimate(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("method must not be null");
        assertThatThrownBy(() -> NetPromoterScore.requiredSampleSize(0, 0.95)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("marginOfError must be in (0, 100] NPS points, was 0.0");
        assertThatThrownBy(() -> NetPromoterScore.requiredSampleSize(5, 0.95, 0.7, 0.4))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("detractorShare must be in [0.0, 0.3");
        assertThatThrownBy(() -> NetPromoterScore.requiredSampleSize(5, 1.0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("confidence must be in (0, 1), was 1.0");
    }

    @Test
    void equalityAndText() {
        assertThat(NetPromoterScore.ofCounts(50, 30, 20)).isEqualTo(NetPromoterScore.ofCounts(50, 30, 20))
                .hasSameHashCodeAs(NetPromoterScore.ofCounts(50, 30, 20)).isNotEqualTo(NetPromoterScore.ofCounts(50, 20, 30));
        assertThat(NetPromoterScore.ofCounts(50, 30, 20)).hasToString(
                "NPS 30.0 ±15.3 (95%), n = 100: 50 promoters (50.00%), 30 passives (30.00%), 20 detractors (20.00%)");
    }

    @Test
    void countsOfTheThreeGroups() {
        // 10, 9, 9, 10 promoters; 7, 8 passives; 3, 6 detractors
        NetPromoterScore nps = NetPromoterScore.of(10, 9, 7, 3, 9, 10, 6, 8);
        assertThat(nps.promoters()).isEqualTo(4);
        assertThat(nps.passives()).isEqualTo(2);
        assertThat(nps.detractors()).isEqualTo(2);
        assertThat(nps.responses()).isEqualTo(8);
        assertThat(nps.isEmpty()).isFalse();
        assertThat(NetPromoterScore.DEFINITION).hasToString("NPS (0..10, promoters 9..10, detractors 0..6)");
        assertThat(NetPromoterScore.DEFINITION.name()).isEqualTo("NPS");
    }

    @Test
    void anExactRequirementIsNotRoundedUp() {
        // Var = 1 and a margin of 10 z points (z = 1.959963984540054 at 95 %): n = (z / (z/10))² = 100 exactly,
        // which the rounding of z² Var / m² may leave a few ulps above 100; it is still 100, not 101.
        assertThat(NetPromoterScore.requiredSampleSize(19.59963984540054, 0.95)).isEqualTo(100);
        // a margin of 100 points at Var = 0 (everyone a passive) needs one respondent
        assertThat(NetPromoterScore.requiredSampleSize(100, 0.95, 0.0, 0.0)).isEqualTo(1);
    }

    @Test
    void hashCodesDifferWithTheCounts() {
        NetPromoterScore nps = NetPromoterScore.ofCounts(50, 30, 20);
        assertThat(nps.hashCode()).isNotEqualTo(NetPromoterScore.ofCounts(51, 30, 20).hashCode())
                .isNotEqualTo(NetPromoterScore.ofCounts(50, 31, 20).hashCode())
                .isNotEqualTo(NetPromoterScore.ofCounts(50, 30, 21).hashCode());
        assertThat(nps).isNotEqualTo(NetPromoterScore.ofCounts(50, 30, 21)).isNotEqualTo("NPS");
    }

    @Test
    void aMarginSoSmallThatTheCountOverflowsALongIsRefusedNamingTheMargin() {
        // n = (1.959963984540054 / 1e-11)² = 3.8e22 > Long.MAX_VALUE: the count saturated at Long.MAX_VALUE
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                () -> NetPromoterScore.requiredSampleSize(1e-9, 0.95));
        assertThat(e.argument()).isEqualTo("marginOfError");
        assertThat(e.getMessage()).startsWith("marginOfError must be at least 6.45").endsWith(
                " NPS points at confidence 0.95 for the required count of responses to fit a long, was 1.0E-9");
        assertThatThrownBy(() -> NetPromoterScore.requiredSampleSize(Double.MIN_VALUE, 0.95))
                .isInstanceOf(InvalidArgumentException.class).hasMessageEndingWith("was 4.9E-324");
        assertThatThrownBy(() -> NetPromoterScore.requiredSampleSize(1e-7, 0.999999, 0.5, 0.5))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("marginOfError must be at least");
        // no respondent varies (all passives): one response at any margin
        assertThat(NetPromoterScore.requiredSampleSize(Double.MIN_VALUE, 0.95, 0.0, 0.0)).isEqualTo(1);
        assertThat(NetPromoterScore.requiredSampleSize(Double.MIN_VALUE, 0.95, 1.0, 0.0)).isEqualTo(1);
        // shares that add up to 1 are accepted, though 1 - 0.9 is 0.09999999999999998 in doubles
        assertThat(NetPromoterScore.requiredSampleSize(5, 0.95, 0.9, 0.1)).isEqualTo(
                NetPromoterScore.requiredSampleSize(5, 0.95, 0.1, 0.9));
    }

    /**
     * A sweep of requiredSampleSize at 95 % over margins from 4.9e-324 to 100 points (10 a decade from
     * 1e-20) and shares on a grid: every answer is a count in 1..Long.MAX_VALUE - 1 that is
     * non-increasing in the margin and equals ⌈z² Var / (m / 100)²⌉ computed with BigDecimal
     * (z = 1.959963984540054, to one count or 1e-15 relative), or an InvalidArgumentException naming
     * marginOfError exactly where that count exceeds a long.
     */
    @Test
    void requiredSampleSizeSweep() {
        java.math.BigDecimal z = new java.math.BigDecimal("1.959963984540054");
        java.math.BigDecimal longMax = java.math.BigDecimal.valueOf(Long.MAX_VALUE);
        java.math.MathContext context = new java.math.MathContext(40);
        double[] shares = {0.0, 0.1, 0.25, 0.5, 0.9, 1.0};
        int failures = 0;
        int refused = 0;
        for (double p : shares) {
            for (double d : shares) {
                if (p + d > 1) {
                    continue;
                }
                long previous = Long.MAX_VALUE;
                for (int i = -206; i <= 20; i++) { // 1e-20 .. 100, 10 a decade, and 1e-50, 1e-300, 4.9e-324
                    double margin = i >= -200 ? Math.pow(10, i / 10.0)
                            : new double[] {Double.MIN_VALUE, 1e-320, 1e-300, 1e-200, 1e-100, 1e-50}[i + 206];
                    java.math.BigDecimal variance = java.math.BigDecimal.valueOf(p + d - (p - d) * (p - d));
                    java.math.BigDecimal fraction = new java.math.BigDecimal(margin, context)
                            .divide(java.math.BigDecimal.valueOf(100), context);
                    java.math.BigDecimal reference = z.pow(2).multiply(variance)
                            .divide(fraction.pow(2, context), context);
                    try {
                        long n = NetPromoterScore.requiredSampleSize(margin, 0.95, p, d);
                        double expected = Math.max(1, Math.ceil(reference.doubleValue()));
                        // one count (a requirement within 1e-12 of a whole number is that number), or the
                        // spacing of doubles beyond 2^53
                        if (n < 1 || n == Long.MAX_VALUE || n > previous
                                || Math.abs(n - expected) > Math.max(1, 1e-15 * expected)) {
                            failures++;
                        }
                        previous = n;
                    } catch (InvalidArgumentException e) {
                        refused++;
                        if (!e.argument().equals("marginOfError")
                                || reference.compareTo(longMax.multiply(new java.math.BigDecimal("0.999999"))) < 0) {
                            failures++;
                        }
                    }
                }
            }
        }
        assertThat(failures).isZero();
        assertThat(refused).as("margins too small for a long").isPositive();
    }
}
