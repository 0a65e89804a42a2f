package org.loyaltymetrics.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
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
        assertThat(entries.get(0).change()).isEmpty();
        assertThat(entries.get(1).change()).contains(february.differenceFrom(january));
        assertThat(entries.get(2).change()).as("March had no answers").isEmpty();
        assertThat(entries.get(2).tally().total()).isEqualTo(2);
        assertThat(series.get(CalendarPeriod.of(Granularity.MONTH, day(2, 1)))).contains(entries.get(1));
        assertThat(series.get(CalendarPeriod.of(Granularity.MONTH, day(3, 1)))).isEmpty();
        assertThat(series.toString()).startsWith("period   answers      NPS")
                .contains("\n2025-02        3  33.3333").doesNotContain("2025-03");
    }

    @Test
    void undefinedChangesAreAbsent() {
        // Every answer a promoter in both weeks: no variance, so no test.
        SurveySeries<NetPromoterScore> series = List.of(day(3, 3), day(3, 10)).stream()
                .collect(SurveySeries.collector(NetPromoterScore.DEFINITION, Granularity.WEEK, d -> d, d -> 10));
        assertThat(series.entries()).hasSize(2);
        assertThat(series.entries().get(1).change()).isEmpty();
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
        assertThat(all.snapshot().entries().get(3).change()).isPresent();
    }

    @Test
    void rejectsBadInput() {
        SurveySeries.Accumulator<NetPromoterScore> accumulator =
                SurveySeries.accumulator(NetPromoterScore.DEFINITION, Granularity.DAY);
        assertThatThrownBy(() -> accumulator.add(null, 9)).isInstanceOf(NullPointerException.class)
                .hasMessage("date must not be null");
        assertThatThrownBy(() -> accumulator.add(day(1, 1), 11)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("answer must be in 0..10, was 11");
        assertThat(accumulator.snapshot().entries()).isEmpty();
        assertThatThrownBy(() -> accumulator.combine(SurveySeries.accumulator(NetPromoterScore.DEFINITION, Granularity.WEEK)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("per DAY, computes");
        assertThatThrownBy(() -> SurveySeries.accumulator(NetPromoterScore.DEFINITION, null))
                .isInstanceOf(NullPointerException.class).hasMessage("granularity must not be null");
    }
}
