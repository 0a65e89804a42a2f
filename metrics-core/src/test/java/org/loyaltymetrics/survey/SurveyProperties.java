package org.loyaltymetrics.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.Proportion;
import org.loyaltymetrics.survey.NetPromoterScore.IntervalMethod;
import org.loyaltymetrics.time.Granularity;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/** Properties of the survey KPIs over random answers (QuickTheories, shrinking to the smallest counter-example). */
class SurveyProperties {

    private static final int EXAMPLES = 200;

    private static QuickTheory qt200() {
        return qt().withExamples(EXAMPLES);
    }

    /** A confidence level in [low, high], rounded to four decimals. */
    private static Gen<Double> confidences(double low, double high) {
        return doubles().between(low, high).map(c -> Math.round(c * 1e4) / 1e4);
    }

    /** Lists of answers in {@code min..max}, of {@code minSize} to {@code maxSize} answers. */
    private static Gen<List<Integer>> answers(int min, int max, int minSize, int maxSize) {
        return lists().of(integers().between(min, max)).ofSizeBetween(minSize, maxSize);
    }

    private static int[] toArray(List<Integer> answers) {
        return answers.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void npsIsWithinItsRangeAndSharesSumToOne() {
        qt200().forAll(longs().between(0, 1_000_000_000_000L), longs().between(0, 1_000_000_000_000L),
                longs().between(0, 1_000_000_000_000L))
                .assuming((promoters, passives, detractors) -> promoters + passives + detractors > 0)
                .checkAssert((promoters, passives, detractors) -> {
                    NetPromoterScore nps = NetPromoterScore.ofCounts(promoters, passives, detractors);
                    assertThat(nps.value()).isBetween(-100.0, 100.0);
                    assertThat(nps.promoterShare().value() + nps.passiveShare().value() + nps.detractorShare().value())
                            .isCloseTo(1.0, within(1e-12));
                });
    }

    @Test
    void npsIntervalsContainTheirEstimateAndStayInRange() {
        qt200().forAll(answers(0, 10, 1, 300), confidences(0.5, 0.999)).checkAssert((answers, confidence) -> {
            NetPromoterScore nps = answers.stream().collect(NetPromoterScore.collector());
            for (IntervalMethod method : IntervalMethod.values()) {
                ConfidenceInterval interval = nps.confidenceInterval(confidence, method);
                assertThat(interval.contains(nps.estimate(method).value())).as("%s contains its centre", method).isTrue();
                assertThat(interval.low()).isGreaterThanOrEqualTo(-100.0);
                assertThat(interval.high()).isLessThanOrEqualTo(100.0);
            }
            assertThat(nps.confidenceInterval(confidence).contains(nps.value())).isTrue();
        });
    }

    @Test
    void wilsonIntervalsContainTheRateAndStayInZeroOne() {
        qt200().forAll(longs().between(0, 1_000_000), longs().between(0, 1_000_000), confidences(0.5, 0.9999))
                .assuming((successes, failures, confidence) -> successes + failures > 0)
                .checkAssert((successes, failures, confidence) -> {
                    Proportion proportion = Proportion.of(successes, successes + failures);
                    ConfidenceInterval interval = proportion.confidenceInterval(confidence);
                    assertThat(interval.contains(proportion.value())).isTrue();
                    assertThat(interval.low()).isGreaterThanOrEqualTo(0.0);
                    assertThat(interval.high()).isLessThanOrEqualTo(1.0);
                });
    }

    @Test
    void meanIntervalsContainTheMean() {
        qt200().forAll(answers(1, 7, 2, 300), confidences(0.5, 0.999)).checkAssert((answers, confidence) -> {
            CustomerEffortScore ces = answers.stream().collect(CustomerEffortScore.collector());
            assertThat(ces.confidenceInterval(confidence).contains(ces.value())).isTrue();
            assertThat(ces.easyShare().confidenceInterval(confidence).contains(ces.easyShare().value())).isTrue();
            CustomerSatisfactionScore csat = CustomerSatisfactionScore.of(
                    CustomerSatisfactionScore.Definition.topTwoBoxes(RatingScale.ONE_TO_SEVEN), toArray(answers));
            assertThat(csat.meanRating().confidenceInterval(confidence).contains(csat.meanRating().value())).isTrue();
        });
    }

    @Test
    void combiningAccumulatorsOverAnySplitEqualsOnePass() {
        qt200().forAll(answers(0, 10, 0, 255), integers().between(1, 5), longs().all()).checkAssert((answers, parts, seed) -> {
            Random random = new Random(seed);
            List<SurveyAccumulator<NetPromoterScore>> npsParts = new ArrayList<>();
            List<SurveyAccumulator<CustomerSatisfactionScore>> csatParts = new ArrayList<>();
            CustomerSatisfactionScore.Definition csat = CustomerSatisfactionScore.Definition.of(RatingScale.ZERO_TO_TEN, 8);
            for (int i = 0; i < parts; i++) {
                npsParts.add(NetPromoterScore.accumulator());
                csatParts.add(csat.accumulator());
            }
            for (int answer : answers) {
                int part = random.nextInt(parts);
                npsParts.get(part).add(answer);
                csatParts.get(part).add(answer);
            }
            SurveyAccumulator<NetPromoterScore> npsCombined = NetPromoterScore.accumulator();
            SurveyAccumulator<CustomerSatisfactionScore> csatCombined = csat.accumulator();
            npsParts.forEach(npsCombined::combine);
            csatParts.forEach(csatCombined::combine);
            int[] all = toArray(answers);
            assertThat(npsCombined.snapshot()).isEqualTo(NetPromoterScore.of(all));
            assertThat(csatCombined.snapshot()).isEqualTo(CustomerSatisfactionScore.of(csat, all));
        });
    }

    @Test
    void resultsDoNotDependOnTheOrderOfAnswers() {
        qt200().forAll(answers(1, 5, 0, 255), longs().all()).checkAssert((answers, seed) -> {
            List<Integer> shuffled = new ArrayList<>(answers);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(shuffled.stream().collect(CustomerSatisfactionScore.collector()))
                    .isEqualTo(answers.stream().collect(CustomerSatisfactionScore.collector()));
            assertThat(shuffled.parallelStream().collect(ResponseTally.collector(RatingScale.ONE_TO_FIVE)))
                    .isEqualTo(ResponseTally.of(RatingScale.ONE_TO_FIVE, toArray(answers)));
        });
    }

    @Test
    void bulkTalliesEqualOneByOneAdds() {
        qt200().forAll(integers().between(-100, 100), integers().between(1, 20), answers(0, 1000, 0, 500))
                .checkAssert((min, span, seeds) -> {
                    RatingScale scale = RatingScale.of(min, min + span);
                    int[] answers = seeds.stream().mapToInt(s -> min + s % (span + 1)).toArray();
                    byte[] bytes = new byte[answers.length];
                    ResponseTally.Accumulator oneByOne = ResponseTally.accumulator(scale);
                    for (int i = 0; i < answers.length; i++) {
                        bytes[i] = (byte) answers[i];
                        oneByOne.add(answers[i]);
                    }
                    assertThat(ResponseTally.of(scale, answers)).isEqualTo(oneByOne.snapshot());
                    assertThat(ResponseTally.of(scale, bytes)).isEqualTo(oneByOne.snapshot());
                });
    }

    @Test
    void loyaltyIndexIsTheAverageOfQuestionScoresAndCombinesExactly() {
        Gen<int[]> shifts = integers().between(1, 9).zip(integers().between(1, 9), (repurchase, tryOther) ->
                new int[] {repurchase, tryOther});
        qt200().forAll(answers(0, 10, 1, 100), shifts, integers().between(0, 100)).checkAssert((recommend, shift, split) -> {
            int n = recommend.size();
            int[] r = toArray(recommend);
            int[] p = new int[n];
            int[] t = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = (r[i] + shift[0]) % 11;
                t[i] = (r[i] * shift[1]) % 11;
            }
            CustomerLoyaltyScore score = CustomerLoyaltyScore.of(r, p, t);
            assertThat(score.value()).isCloseTo((NetPromoterScore.of(r).value() + NetPromoterScore.of(p).value()
                    + NetPromoterScore.of(t).value()) / 3, within(1e-9));
            int cut = split % (n + 1);
            CustomerLoyaltyScore.Accumulator first = CustomerLoyaltyScore.accumulator();
            CustomerLoyaltyScore.Accumulator second = CustomerLoyaltyScore.accumulator();
            for (int i = 0; i < n; i++) {
                (i < cut ? first : second).add(r[i], p[i], t[i]);
            }
            assertThat(first.combine(second).snapshot()).isEqualTo(score);
        });
    }

    @Test
    void seriesAndBreakdownsCombineExactly() {
        qt200().forAll(answers(0, 10, 0, 200), integers().between(0, 800), longs().all())
                .checkAssert((answers, dayOffset, seed) -> {
                    Random random = new Random(seed);
                    SurveySeries.Accumulator<NetPromoterScore> seriesA = SurveySeries.accumulator(NetPromoterScore.DEFINITION,
                            Granularity.WEEK);
                    SurveySeries.Accumulator<NetPromoterScore> seriesB = SurveySeries.accumulator(NetPromoterScore.DEFINITION,
                            Granularity.WEEK);
                    SurveySeries.Accumulator<NetPromoterScore> seriesAll = SurveySeries.accumulator(
                            NetPromoterScore.DEFINITION, Granularity.WEEK);
                    SurveyBreakdown.Accumulator<Integer, NetPromoterScore> byA = SurveyBreakdown.accumulator(
                            NetPromoterScore.DEFINITION);
                    SurveyBreakdown.Accumulator<Integer, NetPromoterScore> byB = SurveyBreakdown.accumulator(
                            NetPromoterScore.DEFINITION);
                    SurveyBreakdown.Accumulator<Integer, NetPromoterScore> byAll = SurveyBreakdown.accumulator(
                            NetPromoterScore.DEFINITION);
                    LocalDate start = LocalDate.of(2024, 1, 1).plusDays(dayOffset);
                    for (int answer : answers) {
                        LocalDate date = start.plusDays(random.nextInt(120));
                        int segment = random.nextInt(4);
                        boolean first = random.nextBoolean();
                        (first ? seriesA : seriesB).add(date, answer);
                        (first ? byA : byB).add(segment, answer);
                        seriesAll.add(date, answer);
                        byAll.add(segment, answer);
                    }
                    assertThat(seriesA.combine(seriesB).snapshot()).isEqualTo(seriesAll.snapshot());
                    assertThat(byA.combine(byB).snapshot()).isEqualTo(byAll.snapshot());
                });
    }

    @Test
    void differenceTestsAreAntisymmetric() {
        qt200().forAll(longs().between(1, 10_000), longs().between(0, 10_000), longs().between(1, 10_000),
                longs().between(1, 10_000)).checkAssert((x1, f1, x2, f2) -> {
                    NetPromoterScore a = NetPromoterScore.ofCounts(x1, f1, f2);
                    NetPromoterScore b = NetPromoterScore.ofCounts(x2, f2, x1);
                    assertThat(a.differenceFrom(b).statistic()).isCloseTo(-b.differenceFrom(a).statistic(), within(1e-9));
                    assertThat(a.differenceFrom(b).difference()).isCloseTo(a.value() - b.value(), within(1e-9));
                    assertThat(a.differenceFrom(b).pValue()).isBetween(0.0, 1.0);
                });
    }
}
