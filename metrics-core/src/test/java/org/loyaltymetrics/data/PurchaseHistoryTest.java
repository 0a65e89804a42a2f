package org.loyaltymetrics.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;

/** The three histories of one customer: PurchaseHistory, OpportunityHistory and SpendHistory. */
class PurchaseHistoryTest {

    @Test
    void aHistoryConvertsItsTimesToAnyUnit() {
        PurchaseHistory weeks = PurchaseHistory.of(2, 30.43, 38.86, ChronoUnit.WEEKS);
        PurchaseHistory days = weeks.in(ChronoUnit.DAYS);
        assertThat(days.recency()).isEqualTo(30.43 * 7);
        assertThat(days.age()).isEqualTo(38.86 * 7);
        assertThat(days.frequency()).isEqualTo(2);
        assertThat(days.timeUnit()).isEqualTo(ChronoUnit.DAYS);
        assertThat(weeks.in(ChronoUnit.WEEKS)).isSameAs(weeks);
        // to a larger unit it divides, to the bits of RfmSummary.Customer.recency(unit): days / 7 in weeks
        for (int d = 1; d <= 1000; d++) {
            PurchaseHistory inDays = PurchaseHistory.of(1, d, 1000, ChronoUnit.DAYS);
            assertThat(inDays.in(ChronoUnit.WEEKS).recency()).isEqualTo(d / 7.0);
            assertThat(inDays.in(ChronoUnit.MONTHS).recency()).isEqualTo(d / 30.436875);
        }
        assertThatThrownBy(() -> weeks.in(ChronoUnit.FOREVER)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("unit must be a unit of finite length (DAYS, WEEKS, MONTHS, ...), was Forever");
        assertThatThrownBy(() -> PurchaseHistory.of(0, 0, 1e300, ChronoUnit.MILLENNIA).in(ChronoUnit.NANOS))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("age must be finite and > 0, was Infinity");
    }

    @Test
    void rulesAndTextOfTheThreeHistories() {
        assertThat(PurchaseHistory.of(2, 30.43, 38.86, ChronoUnit.WEEKS)).hasToString("x = 2, t_x = 30.43, T = 38.86 weeks")
                .isEqualTo(new PurchaseHistory(2, 30.43, 38.86, ChronoUnit.WEEKS));
        assertThatThrownBy(() -> PurchaseHistory.of(1, 1, 2, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("timeUnit must not be null");
        assertThat(OpportunityHistory.of(3, 5, 6)).hasToString("x = 3, t_x = 5 of n = 6 opportunities");
        assertThatThrownBy(() -> OpportunityHistory.of(1, 0, 6)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("frequency must be in 0..0 (recency), was 1");
        assertThat(SpendHistory.of(4, 35.08)).hasToString("x = 4, mean spend 35.08");
        assertThatThrownBy(() -> SpendHistory.of(1, Double.NaN)).isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).argument()).isEqualTo("meanSpend");
    }
}
