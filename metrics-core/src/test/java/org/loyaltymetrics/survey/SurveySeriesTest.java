package org.loyaltymetrics.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.time.CalendarPeriod;
import org.loyaltymetrics.time.Granularity;
import org.junit.jupiter.api.Test;

class SurveySeriesTest {

    private static LocalDate day(int month, int day) {
        return LocalDate.of(2025, month, day);
    }

    @Test
    void monthlyNpsWithChangesFromThePrecedingMonth() {
        SurveySeries.Accumulator<NetPromoterScore> accumulator =
                SurveySeries.accumulator(NetPromoterScore.DEFINITION, Granularity.MONTH);
        // Out of order on purpose: April, January, February; no answers in March.
        accumulator.add(day(4, 2), 10).add(day(1, 31), 9).add(day(1, 1), 3).add(day(2, 14), 10)
                .add(day(2, 28), 9).add(day(1, 15), 7).add(day(2, 1), 5).add(day(4, 30), 2);
        SurveySeries<NetPromoterScore> series = accumulator.snapshot();
        List<SurveySeries.Entry<NetPromoterScore>> entries = series.entries();
        assertThat(entries).extracting(e -> e.period().toString()).containsExactly("2025-01", "2025-02", "2025-04");
        NetPromoterScore january = NetPromoterScore.of(9, 3, 7);
        NetPromoterScore february = NetPromoterScore.of(10, 9, 5);
        assertThat(entries.get(0).value()).isEqualTo(january);
        assertThat(entries.get(1).value()).isEqualTo(february);
        // the change from January to February, later minus earlier
        DifferenceTest change = entries.get(1).value().differenceFrom(entries.get(0).value());
        assertThat(change).isEqualTo(february.differenceFrom(january));
        assertThat(change.difference()).isCloseTo(100.0 / 3, within(1e-12));
        assertThat(entries.get(2).period().previous()).as("March had no answers").isNotEqualTo(entries.get(1).period());
        assertThat(entries.get(2).tally().total()).isEqualTo(2);
        assertThat(series.get(CalendarPeriod.of(Granularity.MONTH, day(2, 1)))).contains(entries.get(1));
        assertThat(series.get(CalendarPeriod.of(Granularity.MONTH, day(3, 1)))).isEmpty();
        assertThat(series.toTable().toText()).startsWith("period   answers      NPS")
                .contains("\n2025-02        3  33.3333").doesNotContain("2025-03");
        assertThat(series).hasToString("SurveySeries of NPS (0..10, promoters 9..10, detractors 0..6) per MONTH: "
                + "3 periods from 2025-01 to 2025-04, 8 answers");
    }

    @Test
    void undefinedChangesAreAbsent() {
        // Every answer a promoter in both weeks: no variance, so no test.
        SurveySeries<NetPromoterScore> series = List.of(day(3, 3), day(3, 10)).stream()
                .collect(SurveySeries.collector(NetPromoterScore.DEFINITION, Granularity.WEEK, d -> d, d -> 10));
        assertThat(series.entries()).hasSize(2);
        assertThat(series.toTable().cell(1, 5)).as("change").isNull();
        assertThat(series.toTable().cell(1, 6)).as("p-value").isNull();
        assertThat(series.toTable().cell(1, 2)).isEqualTo("100.0000");
    }

    @Test
    void combineEqualsOnePass() {
        SurveySeries.Accumulator<CustomerSatisfactionScore> first =
                SurveySeries.accumulator(CustomerSatisfactionScore.Definition.DEFAULT, Granularity.QUARTER);
        SurveySeries.Accumulator<CustomerSatisfactionScore> second =
                SurveySeries.accumulator(CustomerSatisfactionScore.Definition.DEFAULT, Granularity.QUARTER);
        SurveySeries.Accumulator<CustomerSatisfactionScore> all =
                SurveySeries.accumulator(CustomerSatisfactionScore.Definition.DEFAULT, Granularity.QUARTER);
        for (int i = 0; i < 200; i++) {
            LocalDate date = day(1 + i % 12, 1 + i % 28);
            int answer = 1 + (i * 7) % 5;
            (i % 3 == 0 ? first : second).add(date, answer);
            all.add(date, answer);
        }
        assertThat(first.combine(second).snapshot()).isEqualTo(all.snapshot());
        assertThat(all.snapshot().entries()).hasSize(4);
        assertThat(all.snapshot().toTable().cell(3, 5)).as("change from the third quarter").isNotNull();
        assertThat(all.snapshot().toTable().cell(0, 5)).as("no change for the first").isNull();
    }

    @Test
    void rejectsBadInput() {
        SurveySeries.Accumulator<NetPromoterScore> accumulator =
                SurveySeries.accumulator(NetPromoterScore.DEFINITION, Granularity.DAY);
        assertThatThrownBy(() -> accumulator.add(null, 9)).isInstanceOf(NullPointerException.class)
                .hasMessage("date must not be null");
        assertThatThrownBy(() -> accumulator.add(day(1, 1), 11)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("answer must be in 0..10, was 11");
        assertThat(accumulator.snapshot().entries()).isEmpty();
        assertThatThrownBy(() -> accumulator.combine(SurveySeries.accumulator(NetPromoterScore.DEFINITION, Granularity.WEEK)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("other must have the same granularity DAY, had WEEK");
        assertThatThrownBy(() -> SurveySeries.accumulator(CustomerSatisfactionScore.Definition.DEFAULT, Granularity.DAY)
                .combine(SurveySeries.accumulator(CustomerSatisfactionScore.Definition.of(RatingScale.ONE_TO_FIVE, 5),
                        Granularity.DAY)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("other must have the same metric CSAT (1..5, satisfied 4..5), had CSAT (1..5, satisfied 5..5)");
        assertThat(accumulator).hasToString(
                "SurveySeries.Accumulator of NPS (0..10, promoters 9..10, detractors 0..6) per DAY: 0 periods");
        assertThat(accumulator.snapshot()).hasToString(
                "SurveySeries of NPS (0..10, promoters 9..10, detractors 0..6) per DAY: no answers");
        assertThatThrownBy(() -> SurveySeries.accumulator(NetPromoterScore.DEFINITION, null))
                .isInstanceOf(NullPointerException.class).hasMessage("granularity must not be null");
    }

    @Test
    void readableGridEntriesAndEquality() {
        // January 9, 3, 7: NPS 0, Var 2/3, SE 100 √(2/9) = 47.1405 -> ±92.3936; February 10, 9, 5: NPS 33.3333,
        // Var 8/9, SE 54.4331 -> [−73.3536, 100] (truncated); change +33.3333, SE √(47.1405² + 54.4331²) = 72.0082,
        // z = 0.4629, p = 0.6434; April 10, 2: Var 1, ±138.59 -> [−100, 100] (SciPy norm)
        SurveySeries<NetPromoterScore> series = SurveySeries.accumulator(NetPromoterScore.DEFINITION, Granularity.MONTH)
                .add(day(4, 2), 10).add(day(1, 31), 9).add(day(1, 1), 3).add(day(2, 14), 10)
                .add(day(2, 28), 9).add(day(1, 15), 7).add(day(2, 1), 5).add(day(4, 30), 2).snapshot();
        assertThat(series.toTable().toText()).isEqualTo("""
                period   answers      NPS    95% low  95% high    change  p-value
                -----------------------------------------------------------------
                2025-01        3   0.0000   -92.3936   92.3936         -        -
                2025-02        3  33.3333   -73.3536  100.0000  +33.3333   0.6434
                2025-04        2   0.0000  -100.0000  100.0000         -        -
                """);
        assertThat(series.metric()).isEqualTo(NetPromoterScore.DEFINITION);
        assertThat(series.granularity()).isEqualTo(Granularity.MONTH);
        SurveySeries.Entry<NetPromoterScore> january = series.entries().get(0);
        SurveySeries.Entry<NetPromoterScore> february = series.entries().get(1);
        assertThat(january).hasToString("2025-01: " + NetPromoterScore.of(9, 3, 7));
        assertThat(february).hasToString("2025-02: " + NetPromoterScore.of(10, 9, 5));
        assertThat(january).isNotEqualTo(february).isNotEqualTo("2025-01");
        assertThat(january.hashCode()).isNotEqualTo(february.hashCode());
        // the same answers a month later are another entry
        SurveySeries<NetPromoterScore> shifted = SurveySeries.accumulator(NetPromoterScore.DEFINITION, Granularity.MONTH)
                .add(day(2, 1), 9).add(day(2, 2), 3).add(day(2, 3), 7).snapshot();
        assertThat(shifted.entries().get(0)).isNotEqualTo(january);
        assertThat(shifted.entries().get(0).hashCode()).isNotEqualTo(january.hashCode());
        // series differ by their entries, their granularity and their metric
        SurveySeries<NetPromoterScore> januaryOnly = SurveySeries.accumulator(NetPromoterScore.DEFINITION,
                Granularity.MONTH).add(day(1, 31), 9).add(day(1, 1), 3).add(day(1, 15), 7).snapshot();
        SurveySeries<NetPromoterScore> quarterly = SurveySeries.accumulator(NetPromoterScore.DEFINITION,
                Granularity.QUARTER).add(day(1, 31), 9).add(day(1, 1), 3).add(day(1, 15), 7).snapshot();
        SurveySeries<CustomerSatisfactionScore> csat = SurveySeries.accumulator(
                CustomerSatisfactionScore.Definition.topTwoBoxes(RatingScale.ZERO_TO_TEN), Granularity.MONTH)
                .add(day(1, 31), 9).add(day(1, 1), 3).add(day(1, 15), 7).snapshot();
        assertThat(januaryOnly).isNotEqualTo(series).isNotEqualTo(quarterly).isNotEqualTo(csat).isNotEqualTo("NPS");
        assertThat(januaryOnly.hashCode()).isNotEqualTo(series.hashCode()).isNotEqualTo(quarterly.hashCode())
                .isNotEqualTo(csat.hashCode()).isEqualTo(SurveySeries.accumulator(NetPromoterScore.DEFINITION,
                        Granularity.MONTH).add(day(1, 2), 3).add(day(1, 3), 7).add(day(1, 4), 9).snapshot().hashCode());
    }
}
