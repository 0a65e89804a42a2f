package org.loyaltymetrics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.behavior.RepeatPurchaseRate.Definition;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.data.Transaction;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.money.Money;

class RepeatPurchaseRateTest {

    /** Five customers with 1, 1, 2, 3 and 1 purchase days; customer 4 buys twice on its first day. */
    static List<Transaction> log() {
        LocalDate day = LocalDate.of(2025, 5, 1);
        List<Transaction> log = new ArrayList<>();
        int[] days = {1, 1, 2, 3, 1};
        for (int c = 0; c < days.length; c++) {
            for (int d = 0; d < days[c]; d++) {
                log.add(new Transaction(c + 1, day.plusDays(3 * d + c), Money.ofMinor(CurrencyUnit.USD, 100)));
            }
        }
        log.add(new Transaction(4, day.plusDays(3), Money.ofMinor(CurrencyUnit.USD, 999)));
        return log;
    }

    @Test
    void bothDefinitionsByHand() {
        RepeatPurchaseRate rate = RepeatPurchaseRate.of(log());
        // By customers: customers 3 and 4 of 5 = 0.4. By purchases: 8 purchase days, 3 after a first = 0.375.
        assertThat(rate.customers()).isEqualTo(5);
        assertThat(rate.repeatCustomers()).isEqualTo(2);
        assertThat(rate.purchases()).isEqualTo(8);
        assertThat(rate.repeatPurchases()).isEqualTo(3);
        assertThat(rate.value()).isEqualTo(0.4);
        assertThat(rate.percent()).isEqualTo(40.0);
        assertThat(rate.value(Definition.BY_PURCHASES)).isEqualTo(0.375);
        assertThat(Definition.DEFAULT).isEqualTo(Definition.BY_CUSTOMERS);
        assertThat(rate).isEqualTo(RepeatPurchaseRate.ofCounts(5, 2, 8)).hasSameHashCodeAs(RepeatPurchaseRate.ofCounts(5, 2, 8));
        assertThat(rate.toString()).isEqualTo("repeat purchase rate: by customers 2/5 (40.00%), by purchases 3/8 (37.50%)");
        assertThat(log().stream().collect(RepeatPurchaseRate.collector())).isEqualTo(rate);
        RfmSummary summary = log().stream().collect(RfmSummary.collector(CurrencyUnit.USD, LocalDate.of(2025, 12, 31)));
        assertThat(RepeatPurchaseRate.from(summary)).isEqualTo(rate);
        assertThat(rate.confidenceInterval(0.95)).isEqualTo(rate.proportion(Definition.BY_CUSTOMERS).confidenceInterval(0.95));
        assertThat(rate.confidenceInterval(0.95).contains(0.4)).isTrue();
        assertThat(rate.proportion(Definition.BY_PURCHASES)).isEqualTo(org.loyaltymetrics.stats.Proportion.of(3, 8));
        assertThat(rate.isEmpty()).isFalse();
        assertThat(RepeatPurchaseRate.accumulator().addAll(log()))
                .hasToString("RepeatPurchaseRate.Accumulator: 9 transactions of 5 customers");
    }

    @Test
    void changeBetweenPeriods() {
        RepeatPurchaseRate later = RepeatPurchaseRate.ofCounts(200, 80, 400);
        RepeatPurchaseRate earlier = RepeatPurchaseRate.ofCounts(200, 60, 300);
        // the measure compares the default definition, by customers: 80/200 - 60/200
        assertThat(later.differenceFrom(earlier).difference()).isCloseTo(0.1,
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(later.differenceFrom(earlier)).isEqualTo(later.proportion(Definition.BY_CUSTOMERS)
                .differenceFrom(earlier.proportion(Definition.BY_CUSTOMERS)));
        // by purchases: 200/400 - 100/300
        assertThat(later.proportion(Definition.BY_PURCHASES).differenceFrom(earlier.proportion(Definition.BY_PURCHASES))
                .difference()).isCloseTo(0.5 - 1.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void badAndUndefined() {
        assertThatThrownBy(() -> RepeatPurchaseRate.ofCounts(5, 6, 20)).hasMessage("repeatCustomers must be <= customers 5, was 6");
        assertThatThrownBy(() -> RepeatPurchaseRate.ofCounts(5, 2, 6)).hasMessage("purchases must be >= 7 for 5 customers of whom 2 repeat, was 6");
        assertThatThrownBy(() -> RepeatPurchaseRate.ofCounts(5, 0, 6)).hasMessage("purchases must be 5 for 5 customers of whom 0 repeat, was 6");
        assertThatThrownBy(() -> RepeatPurchaseRate.ofCounts(-1, 0, 0)).hasMessage("customers must be a count >= 0, was -1");
        RepeatPurchaseRate empty = RepeatPurchaseRate.accumulator().snapshot();
        assertThat(empty.isEmpty()).isTrue();
        assertThatThrownBy(empty::value).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> empty.value(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> empty.confidenceInterval(0.95)).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> RepeatPurchaseRate.ofCounts(5, 2, 8).differenceFrom(empty))
                .isInstanceOf(UndefinedResultException.class);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> RepeatPurchaseRate.ofCounts(5, 6, 20),
                org.loyaltymetrics.InvalidArgumentException.class).argument()).isEqualTo("repeatCustomers");
    }

    @Test
    void edgesOfTheCountsAddsAndEquality() {
        // every customer a repeat customer with exactly two purchase days
        assertThat(RepeatPurchaseRate.ofCounts(3, 3, 6).value()).isEqualTo(1.0);
        assertThat(RepeatPurchaseRate.ofCounts(3, 3, 6).value(Definition.BY_PURCHASES)).isEqualTo(0.5);
        assertThat(RepeatPurchaseRate.ofCounts(3, 3, 6).isEmpty()).isFalse();
        RepeatPurchaseRate rate = RepeatPurchaseRate.accumulator().add(1, LocalDate.of(2025, 5, 1))
                .add(1, (int) LocalDate.of(2025, 5, 2).toEpochDay())
                .add(new Transaction(2, LocalDate.of(2025, 5, 1), Money.ofMinor(CurrencyUnit.USD, 100))).add(2, LocalDate.of(2025, 5, 1)).snapshot();
        assertThat(rate).isEqualTo(RepeatPurchaseRate.ofCounts(2, 1, 3));
        for (RepeatPurchaseRate other : new RepeatPurchaseRate[] {RepeatPurchaseRate.ofCounts(3, 1, 4),
            RepeatPurchaseRate.ofCounts(2, 2, 4), RepeatPurchaseRate.ofCounts(2, 1, 4)}) {
            assertThat(rate).isNotEqualTo(other);
            assertThat(rate.hashCode()).isNotEqualTo(other.hashCode());
        }
        assertThat(rate).isNotEqualTo("2/3");
    }
}
