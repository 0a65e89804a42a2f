// Survey KPIs: NPS, CSAT, CES and the customer loyalty score.
// jshell --class-path metrics-core/target/metrics-core-0.1.0-SNAPSHOT.jar < metrics-examples/notebooks/01-survey.jsh

// %% Net Promoter Score from raw 0..10 answers: value() is the score on -100..100
import org.loyaltymetrics.survey.*;
import org.loyaltymetrics.time.*;
import java.time.LocalDate;
var nps = NetPromoterScore.of(10, 9, 9, 8, 7, 10, 6, 3, 9, 10, 5, 9)
nps.value()

// %% Its interval (Wald, the IntervalMethod.DEFAULT), the adjusted-Wald variant and the sample size for ±5 points
nps.confidenceInterval(0.95)
nps.confidenceInterval(0.95, NetPromoterScore.IntervalMethod.ADJUSTED_WALD)
NetPromoterScore.requiredSampleSize(5, 0.95)

// %% The loyalty and retention guide's example from counts, and the test of a change: later.differenceFrom(earlier) is later minus earlier
var lastQuarter = NetPromoterScore.ofCounts(50, 30, 20)
var thisQuarter = NetPromoterScore.ofCounts(58, 27, 15)
thisQuarter.differenceFrom(lastQuarter)

// %% CSAT on 1..5 (satisfied 4..5), its mean rating as an Estimate, and CSAT on 1..10
var csat = CustomerSatisfactionScore.of(5, 4, 4, 2, 5, 3, 4)
csat.meanRating().confidenceInterval(0.95)
CustomerSatisfactionScore.of(CustomerSatisfactionScore.Definition.topTwoBoxes(RatingScale.ONE_TO_TEN), 10, 9, 7, 8, 10)

// %% CES 2.0 (the mean answer, with its t interval, and the share of easy answers) and the older orientation, stated explicitly
var ces = CustomerEffortScore.of(7, 6, 5, 5, 3, 6, 7, 2)
ces.confidenceInterval(0.95)
ces.easyShare().confidenceInterval(0.95)
CustomerEffortScore.of(CustomerEffortScore.Definition.lowerIsEasier(RatingScale.ONE_TO_FIVE), 1, 2, 2, 4, 1)

// %% The three-question customer loyalty score (the telecom KPI guide)
var loyalty = CustomerLoyaltyScore.of(new int[] {10, 6, 9, 8}, new int[] {9, 7, 3, 10}, new int[] {8, 10, 9, 9})
loyalty.confidenceInterval(0.95)
loyalty.withDefinition(CustomerLoyaltyScore.Definition.MEAN_RATING_AVERAGE)

// %% One pass over records: NPS per segment and per month
record Response(String segment, LocalDate date, int score) {}
var responses = java.util.List.of(new Response("retail", LocalDate.of(2025, 1, 5), 10), new Response("business", LocalDate.of(2025, 1, 9), 3), new Response("retail", LocalDate.of(2025, 2, 1), 9), new Response("retail", LocalDate.of(2025, 2, 3), 6), new Response("business", LocalDate.of(2025, 2, 7), 8), new Response("business", LocalDate.of(2025, 2, 17), 9))
var bySegment = responses.stream().collect(SurveyBreakdown.collector(NetPromoterScore.DEFINITION, Response::segment, Response::score))
System.out.print(bySegment.toTable().toText())
var byMonth = responses.stream().collect(SurveySeries.collector(NetPromoterScore.DEFINITION, Granularity.MONTH, Response::date, Response::score))
System.out.print(byMonth.toTable().toText())
