package org.loyaltymetrics.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.Proportion;
import org.loyaltymetrics.survey.NetPromoterScore.IntervalMethod;
import org.loyaltymetrics.time.Granularity;

class SurveyProperties {

    @Property
    void npsIsWithinItsRangeAndSharesSumToOne(@ForAll @LongRange(max = 1_000_000_000_000L) long promoters,
            @ForAll @LongRange(max = 1_000_000_000_000L) long passives,
            @ForAll @LongRange(max = 1_000_000_000_000L) long detractors) {
        Assume.that(promoters + passives + detractors > 0);
        NetPromoterScore nps = NetPromoterScore.ofCounts(promoters, passives, detractors);
        assertThat(nps.score()).isBetween(-100.0, 100.0);
        assertThat(nps.promoterShare().value() + nps.passiveShare().value() + nps.detractorShare().value())
                .isCloseTo(1.0, within(1e-12));
    }

    @Property
    void npsIntervalsContainTheirEstimateAndStayInRange(
            @ForAll @Size(min = 1, max = 300) List<@IntRange(max = 10) Integer> answers,
            @ForAll @DoubleRange(min = 0.5, max = 0.999) @Scale(4) double confidence) {
        NetPromoterScore nps = answers.stream().collect(NetPromoterScore.collector());
        for (IntervalMethod method : IntervalMethod.values()) {
            ConfidenceInterval interval = nps.confidenceInterval(confidence, method);
            assertThat(interval.contains(nps.estimate(method).value())).as("%s contains its centre", method).isTrue();
            assertThat(interval.low()).isGreaterThanOrEqualTo(-100.0);
            assertThat(interval.high()).isLessThanOrEqualTo(100.0);
        }
        assertThat(nps.confidenceInterval(confidence).contains(nps.score())).isTrue();
    }

    @Property
    void wilsonIntervalsContainTheRateAndStayInZeroOne(@ForAll @LongRange(max = 1_000_000) long successes,
            @ForAll @LongRange(max = 1_000_000) long failures,
            @ForAll @DoubleRange(min = 0.5, max = 0.9999) @Scale(4) double confidence) {
        Assume.that(successes + failures > 0);
        Proportion proportion = Proportion.of(successes, successes + failures);
        ConfidenceInterval interval = proportion.confidenceInterval(confidence);
        assertThat(interval.contains(proportion.value())).isTrue();
        assertThat(interval.low()).isGreaterThanOrEqualTo(0.0);
        assertThat(interval.high()).isLessThanOrEqualTo(1.0);
    }

    @Property
    void meanIntervalsContainTheMean(@ForAll @Size(min = 2, max = 300) List<@IntRange(min = 1, max = 7) Integer> answers,
            @ForAll @DoubleRange(min = 0.5, max = 0.999) @Scale(4) double confidence) {
        CustomerEffortScore ces = answers.stream().collect(CustomerEffortScore.collector());
        assertThat(ces.meanInterval(confidence).contains(ces.mean())).isTrue();
        assertThat(ces.easyShareInterval(confidence).contains(ces.easyShare().value())).isTrue();
    }

    @Property
    void combiningAccumulatorsOverAnySplitEqualsOnePass(@ForAll List<@IntRange(max = 10) Integer> answers,
            @ForAll @IntRange(min = 1, max = 5) int parts, @ForAll long seed) {
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
        int[] all = answers.stream().mapToInt(Integer::intValue).toArray();
        assertThat(npsCombined.snapshot()).isEqualTo(NetPromoterScore.of(all));
        assertThat(csatCombined.snapshot()).isEqualTo(CustomerSatisfactionScore.of(csat, all));
    }

    @Property
    void resultsDoNotDependOnTheOrderOfAnswers(@ForAll List<@IntRange(min = 1, max = 5) Integer> answers,
            @ForAll long seed) {
        List<Integer> shuffled = new ArrayList<>(answers);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(shuffled.stream().collect(CustomerSatisfactionScore.collector()))
                .isEqualTo(answers.stream().collect(CustomerSatisfactionScore.collector()));
        assertThat(shuffled.parallelStream().collect(ResponseTally.collector(RatingScale.ONE_TO_FIVE)))
                .isEqualTo(ResponseTally.of(RatingScale.ONE_TO_FIVE, answers.stream().mapToInt(i -> i).toArray()));
    }

    @Property
    void bulkTalliesEqualOneByOneAdds(@ForAll @IntRange(min = -100, max = 100) int min,
            @ForAll @IntRange(min = 1, max = 20) int span, @ForAll @Size(max = 500) List<@IntRange(max = 1000) Integer> seeds) {
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
    }

    @Property
    void loyaltyIndexIsTheAverageOfQuestionScoresAndCombinesExactly(
            @ForAll @Size(min = 1, max = 100) List<@IntRange(max = 10) Integer> recommend,
            @ForAll @IntRange(min = 1, max = 9) int shiftRepurchase, @ForAll @IntRange(min = 1, max = 9) int shiftTry,
            @ForAll @IntRange(max = 100) int split) {
        int n = recommend.size();
        int[] r = recommend.stream().mapToInt(i -> i).toArray();
        int[] p = new int[n];
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = (r[i] + shiftRepurchase) % 11;
            t[i] = (r[i] * shiftTry) % 11;
        }
        CustomerLoyaltyScore score = CustomerLoyaltyScore.of(r, p, t);
        assertThat(score.index()).isCloseTo((NetPromoterScore.of(r).score() + NetPromoterScore.of(p).score()
                + NetPromoterScore.of(t).score()) / 3, within(1e-9));
        int cut = split % (n + 1);
        CustomerLoyaltyScore.Accumulator first = CustomerLoyaltyScore.accumulator();
        CustomerLoyaltyScore.Accumulator second = CustomerLoyaltyScore.accumulator();
        for (int i = 0; i < n; i++) {
            (i < cut ? first : second).add(r[i], p[i], t[i]);
        }
        assertThat(first.combine(second).snapshot()).isEqualTo(score);
    }

    @Property
    void seriesAndBreakdownsCombineExactly(@ForAll @Size(max = 200) List<@IntRange(max = 10) Integer> answers,
            @ForAll @IntRange(max = 800) int dayOffset, @ForAll long seed) {
        Random random = new Random(seed);
        SurveySeries.Accumulator<NetPromoterScore> seriesA = SurveySeries.accumulator(NetPromoterScore.DEFINITION, Granularity.WEEK);
        SurveySeries.Accumulator<NetPromoterScore> seriesB = SurveySeries.accumulator(NetPromoterScore.DEFINITION, Granularity.WEEK);
        SurveySeries.Accumulator<NetPromoterScore> seriesAll = SurveySeries.accumulator(NetPromoterScore.DEFINITION, Granularity.WEEK);
        SurveyBreakdown.Accumulator<Integer, NetPromoterScore> byA = SurveyBreakdown.accumulator(NetPromoterScore.DEFINITION);
        SurveyBreakdown.Accumulator<Integer, NetPromoterScore> byB = SurveyBreakdown.accumulator(NetPromoterScore.DEFINITION);
        SurveyBreakdown.Accumulator<Integer, NetPromoterScore> byAll = SurveyBreakdown.accumulator(NetPromoterScore.DEFINITION);
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
    }

    @Property
    void differenceTestsAreAntisymmetric(@ForAll @LongRange(min = 1, max = 10_000) long x1, @ForAll @LongRange(max = 10_000) long f1,
            @ForAll @LongRange(min = 1, max = 10_000) long x2, @ForAll @LongRange(min = 1, max = 10_000) long f2) {
        NetPromoterScore a = NetPromoterScore.ofCounts(x1, f1, f2);
        NetPromoterScore b = NetPromoterScore.ofCounts(x2, f2, x1);
        assertThat(a.differenceFrom(b).statistic()).isCloseTo(-b.differenceFrom(a).statistic(), within(1e-9));
        assertThat(a.differenceFrom(b).pValue()).isBetween(0.0, 1.0);
    }
}
