package org.loyaltymetrics.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.loyaltymetrics.time.CalendarPeriod;
import org.loyaltymetrics.time.Granularity;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;

class SurveyBreakdownTest {

    record Response(String segment, LocalDate date, int score) {
    }

    private static final List<Response> RESPONSES = List.of(
            new Response("retail", LocalDate.of(2025, 1, 5), 10),
            new Response("business", LocalDate.of(2025, 1, 9), 3),
            new Response("retail", LocalDate.of(2025, 2, 1), 9),
            new Response("retail", LocalDate.of(2025, 2, 3), 6),
            new Response("business", LocalDate.of(2025, 2, 7), 8));

    @Test
    void perSegmentInKeyOrder() {
        SurveyBreakdown<String, NetPromoterScore> bySegment = RESPONSES.stream()
                .collect(SurveyBreakdown.collector(NetPromoterScore.DEFINITION, Response::segment, Response::score));
        assertThat(bySegment.keys()).containsExactly("business", "retail");
        assertThat(bySegment.get("retail")).isEqualTo(NetPromoterScore.of(10, 9, 6));
        assertThat(bySegment.get("business")).isEqualTo(NetPromoterScore.of(3, 8));
        assertThat(bySegment.tally("business").total()).isEqualTo(2);
        assertThat(bySegment.total()).isEqualTo(NetPromoterScore.of(10, 3, 9, 6, 8));
        assertThat(bySegment.results()).containsOnlyKeys("business", "retail");
        assertThat(bySegment.size()).isEqualTo(2);
        assertThat(bySegment.contains("online")).isFalse();
        // business: p = 0, d = 0.5: Var = 0.5 − 0.25, SE = 100 √(0.25/2) = 35.3553, ±69.2952 -> high 19.2952;
        // retail: p = 2/3, d = 1/3: Var = 1 − 1/9, SE = 100 √(0.8889/3) = 54.4331, ±106.6869 -> low −73.3536
        assertThat(bySegment.toTable().toText()).isEqualTo("""
                group     answers       NPS    95% low  95% high
                ------------------------------------------------
                business        2  -50.0000  -100.0000   19.2952
                retail          3   33.3333   -73.3536  100.0000
                """);
        assertThat(bySegment).hasToString("SurveyBreakdown of NPS (0..10, promoters 9..10, detractors 0..6): 2 groups, 5 answers");
    }

    @Test
    void perSegmentAndMonthWithACompositeKey() {
        record Key(String segment, CalendarPeriod month) implements Comparable<Key> {
            @Override
            public int compareTo(Key other) {
                int bySegment = segment.compareTo(other.segment);
                return bySegment != 0 ? bySegment : month.compareTo(other.month);
            }
        }
        SurveyBreakdown.Accumulator<Key, CustomerSatisfactionScore> accumulator =
                SurveyBreakdown.accumulator(CustomerSatisfactionScore.Definition.topTwoBoxes(RatingScale.ZERO_TO_TEN));
        for (Response r : RESPONSES) {
            accumulator.add(new Key(r.segment(), CalendarPeriod.of(Granularity.MONTH, r.date())), r.score());
        }
        SurveyBreakdown<Key, CustomerSatisfactionScore> breakdown = accumulator.snapshot();
        assertThat(breakdown.keys()).extracting(k -> k.segment() + " " + k.month())
                .containsExactly("business 2025-01", "business 2025-02", "retail 2025-01", "retail 2025-02");
        assertThat(breakdown.get(breakdown.keys().get(3)).satisfied()).isEqualTo(1);
    }

    @Test
    void combineEqualsOnePass() {
        SurveyBreakdown.Accumulator<String, NetPromoterScore> first = SurveyBreakdown.accumulator(NetPromoterScore.DEFINITION);
        SurveyBreakdown.Accumulator<String, NetPromoterScore> second = SurveyBreakdown.accumulator(NetPromoterScore.DEFINITION);
        SurveyBreakdown.Accumulator<String, NetPromoterScore> all = SurveyBreakdown.accumulator(NetPromoterScore.DEFINITION);
        for (int i = 0; i < RESPONSES.size(); i++) {
            Response r = RESPONSES.get(i);
            (i < 2 ? first : second).add(r.segment(), r.score());
            all.add(r.segment(), r.score());
        }
        assertThat(first.combine(second).snapshot()).isEqualTo(all.snapshot()).hasSameHashCodeAs(all.snapshot());
    }

    @Test
    void rejectsBadInput() {
        SurveyBreakdown.Accumulator<String, NetPromoterScore> accumulator = SurveyBreakdown.accumulator(NetPromoterScore.DEFINITION);
        assertThatThrownBy(() -> accumulator.add(null, 9)).isInstanceOf(NullPointerException.class)
                .hasMessage("key must not be null");
        assertThatThrownBy(() -> accumulator.add("a", 12)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("answer must be in 0..10, was 12");
        assertThat(accumulator.snapshot().size()).isZero();
        assertThatThrownBy(() -> accumulator.snapshot().get("a")).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("key must be one of [], was a");
        assertThatThrownBy(() -> accumulator.combine(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("other must not be null");
        SurveyBreakdown.Accumulator<String, CustomerSatisfactionScore> topTwo =
                SurveyBreakdown.accumulator(CustomerSatisfactionScore.Definition.DEFAULT);
        SurveyBreakdown.Accumulator<String, CustomerSatisfactionScore> topOne =
                SurveyBreakdown.accumulator(CustomerSatisfactionScore.Definition.of(RatingScale.ONE_TO_FIVE, 5));
        assertThatThrownBy(() -> topTwo.combine(topOne)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("other must have the same metric CSAT (1..5, satisfied 4..5), had CSAT (1..5, satisfied 5..5)");
    }

    @Test
    void accessorsEqualityAndKeysThatAreNotComparable() {
        SurveyBreakdown<String, NetPromoterScore> bySegment = SurveyBreakdown.<String, NetPromoterScore>accumulator(
                NetPromoterScore.DEFINITION).add("retail", 10).add("retail", 9).add("business", 3, 2).snapshot();
        assertThat(bySegment.metric()).isEqualTo(NetPromoterScore.DEFINITION);
        assertThat(bySegment.contains("retail")).isTrue();
        assertThat(bySegment.tally("business")).isEqualTo(ResponseTally.of(RatingScale.ZERO_TO_TEN, 3, 3));
        SurveyBreakdown<String, NetPromoterScore> otherCounts = SurveyBreakdown.<String, NetPromoterScore>accumulator(
                NetPromoterScore.DEFINITION).add("retail", 10).add("retail", 9).add("business", 3, 3).snapshot();
        SurveyBreakdown<String, CustomerSatisfactionScore> otherMetric = SurveyBreakdown
                .<String, CustomerSatisfactionScore>accumulator(CustomerSatisfactionScore.Definition.topTwoBoxes(RatingScale.ZERO_TO_TEN))
                .add("retail", 10).add("retail", 9).add("business", 3, 2).snapshot();
        assertThat(bySegment).isNotEqualTo(otherCounts).isNotEqualTo(otherMetric).isNotEqualTo("retail");
        assertThat(bySegment.hashCode()).isNotEqualTo(otherCounts.hashCode()).isNotEqualTo(otherMetric.hashCode());
        // an Integer and a String cannot be compared: the keys are ordered by their string form, "10" < "9"
        SurveyBreakdown<Object, NetPromoterScore> mixed = SurveyBreakdown.<Object, NetPromoterScore>accumulator(
                NetPromoterScore.DEFINITION).add("9", 9).add(10, 10).snapshot();
        assertThat(mixed.keys()).containsExactly(10, "9");
    }

    enum Channel {
        WEB {
            @Override
            public String toString() {
                return "z-web";
            }
        },
        PHONE,
        STORE
    }

    record Team(String name) {
    }

    @Test
    void keysOfOneComparableClassInNaturalOrderOthersByTheirText() {
        // integers naturally (9 before 10), not as text
        assertThat(SurveyBreakdown.<Integer, NetPromoterScore>accumulator(NetPromoterScore.DEFINITION)
                .add(10, 9).add(9, 9).add(100, 1).snapshot().keys()).containsExactly(9, 10, 100);
        // enum constants with a body of their own are of their enum: by declaration order, not by text
        assertThat(SurveyBreakdown.<Channel, NetPromoterScore>accumulator(NetPromoterScore.DEFINITION)
                .add(Channel.STORE, 9).add(Channel.WEB, 9).add(Channel.PHONE, 9).snapshot().keys())
                .containsExactly(Channel.WEB, Channel.PHONE, Channel.STORE);
        // keys that are not comparable go by their text, and so do Integer and Long keys, which cannot be compared
        assertThat(SurveyBreakdown.<Team, NetPromoterScore>accumulator(NetPromoterScore.DEFINITION)
                .add(new Team("b"), 9).add(new Team("a"), 9).snapshot().keys())
                .containsExactly(new Team("a"), new Team("b"));
        assertThat(SurveyBreakdown.<Number, NetPromoterScore>accumulator(NetPromoterScore.DEFINITION)
                .add(2L, 9).add(10, 9).snapshot().keys()).containsExactly(10, 2L);
    }

    @Test
    void undefinedFiguresAreEmptyCellsAndAccumulatorsPrintOneLine() {
        // one CES answer has a mean but no interval
        SurveyBreakdown.Accumulator<String, CustomerEffortScore> accumulator =
                SurveyBreakdown.accumulator(CustomerEffortScore.Definition.DEFAULT);
        accumulator.add("a", 7).add("b", 5).add("b", 7);
        assertThat(accumulator).hasToString("SurveyBreakdown.Accumulator of CES (1..7, higher is easier, easy 5..7): 2 groups");
        // b: mean 6, s = √2, SE 1, t(0.975, 1) = 12.7062047
        assertThat(accumulator.snapshot().toTable().toText()).isEqualTo("""
                group  answers  CES mean  95% low  95% high
                -------------------------------------------
                a            1    7.0000        -         -
                b            2    6.0000  -6.7062   18.7062
                """);
        assertThat(SurveyBreakdown.accumulator(NetPromoterScore.DEFINITION).snapshot())
                .hasToString("SurveyBreakdown of NPS (0..10, promoters 9..10, detractors 0..6): 0 groups, 0 answers");
    }
}
