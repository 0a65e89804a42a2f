package org.loyaltymetrics.survey;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDate;
import java.util.List;
import org.loyaltymetrics.AccumulatorFixture;
import org.loyaltymetrics.time.Granularity;

/** Random records for the accumulators of the survey package (see AccumulatorContractTest). */
final class SurveyAccumulatorFixtures {

    private static final LocalDate START = LocalDate.of(2025, 1, 27);

    private SurveyAccumulatorFixtures() {
    }

    static List<AccumulatorFixture<?, ?>> fixtures() {
        return List.of(
                AccumulatorFixture.of("NPS answers", SurveyAccumulator.class, NetPromoterScore::accumulator,
                        integers().between(0, 10), SurveyAccumulator::add),
                AccumulatorFixture.of("CSAT answers on 0..10, satisfied 8..10", SurveyAccumulator.class,
                        () -> CustomerSatisfactionScore.accumulator(CustomerSatisfactionScore.Definition.of(
                                RatingScale.ZERO_TO_TEN, 8)),
                        integers().between(0, 10), SurveyAccumulator::add),
                AccumulatorFixture.of("CES answers on 1..5, lower is easier, several at once", SurveyAccumulator.class,
                        () -> CustomerEffortScore.accumulator(CustomerEffortScore.Definition.lowerIsEasier(
                                RatingScale.ONE_TO_FIVE)),
                        integers().between(1, 5).zip(longs().between(0, 3), (answer, count) -> new long[] {answer, count}),
                        (acc, r) -> acc.add((int) r[0], r[1])),
                AccumulatorFixture.of("answers on -3..3, one or a few at a time", ResponseTally.Accumulator.class,
                        () -> ResponseTally.accumulator(RatingScale.of(-3, 3)),
                        integers().between(-3, 3).zip(integers().between(0, 2), (answer, copies) -> {
                            int[] answers = new int[copies + 1];
                            java.util.Arrays.fill(answers, answer);
                            return answers;
                        }),
                        (acc, answers) -> {
                            if (answers.length == 1) {
                                acc.add(answers[0]);
                            } else {
                                acc.addAll(answers);
                            }
                        }),
                AccumulatorFixture.of("respondents' three answers", CustomerLoyaltyScore.Accumulator.class,
                        CustomerLoyaltyScore::accumulator,
                        integers().between(0, 10).zip(integers().between(0, 10), integers().between(0, 10),
                                (recommend, repurchase, tryOther) -> new int[] {recommend, repurchase, tryOther}),
                        (acc, r) -> acc.add(r[0], r[1], r[2])),
                AccumulatorFixture.of("NPS answers of four segments", SurveyBreakdown.Accumulator.class,
                        () -> SurveyBreakdown.<String, NetPromoterScore>accumulator(NetPromoterScore.DEFINITION),
                        integers().between(0, 3).zip(integers().between(0, 10), (segment, answer) -> new int[] {segment, answer}),
                        (acc, r) -> acc.add("segment " + r[0], r[1])),
                AccumulatorFixture.of("dated CES answers per week", SurveySeries.Accumulator.class,
                        () -> SurveySeries.accumulator(CustomerEffortScore.Definition.DEFAULT, Granularity.WEEK),
                        integers().between(0, 40).zip(integers().between(1, 7), (day, answer) -> new int[] {day, answer}),
                        (acc, r) -> acc.add(START.plusDays(r[0]), r[1])));
    }
}
