package org.loyaltymetrics.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.retention.ChurnRate.Definition;
import org.loyaltymetrics.stats.Proportion;

class CustomerCountsTest {

    static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    static final LocalDate TO = LocalDate.of(2025, 2, 1);

    record Customer(String id, LocalDate start, LocalDate end) {
    }

    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    /** Records at every boundary of January 2025 (end = first day no longer a customer). */
    static final List<Customer> BOUNDARY_CASES = List.of(
            new Customer("A", d("2024-06-01"), null),               // at start, at end
            new Customer("B", d("2024-06-01"), d("2025-01-01")),    // left at the start boundary: December's loss
            new Customer("C", d("2024-06-01"), d("2025-01-02")),    // at start, lost
            new Customer("D", d("2024-06-01"), d("2025-02-01")),    // at start, lost at the end boundary
            new Customer("E", d("2024-06-01"), d("2025-02-02")),    // at start, at end
            new Customer("F", d("2025-01-01"), null),               // new on the first day, at end
            new Customer("G", d("2025-01-31"), d("2025-02-01")),    // new, lost within the period
            new Customer("H", d("2025-01-15"), d("2025-01-15")),    // joined and left the same day
            new Customer("I", d("2025-02-01"), null),               // February's new customer
            new Customer("J", d("2024-12-31"), d("2025-01-01")));   // December's new customer and loss

    @Test
    void boundaryConventionsByHand() {
        // S = {A, C, D, E} = 4; L = {C, D} = 2; N = {F, G, H} = 3; new lost = {G, H} = 2;
        // E = {A, E, F} = 3 = 4 − 2 + 3 − 2
        CustomerCounts counts = BOUNDARY_CASES.stream().collect(CustomerCounts.collector(FROM, TO, Customer::start,
                Customer::end));
        assertThat(counts).isEqualTo(CustomerCounts.ofCounts(4, 3, 2, 2));
        assertThat(counts.customersAtStart()).isEqualTo(4);
        assertThat(counts.customersAtEnd()).isEqualTo(3);
        assertThat(counts.newCustomers()).isEqualTo(3);
        assertThat(counts.lostCustomers()).isEqualTo(2);
        assertThat(counts.newCustomersLost()).isEqualTo(2);
    }

    @Test
    void churnVariantsByHand() {
        CustomerCounts counts = CustomerCounts.ofCounts(4, 3, 2, 2);
        assertThat(counts.churnRate().proportion()).isEqualTo(Proportion.of(2, 4));                            // L / S
        assertThat(counts.churnRate(Definition.LOST_OVER_START_PLUS_NEW).proportion()).isEqualTo(Proportion.of(4, 7)); // (L + Ln)/(S + N)
        assertThat(counts.churnRate(Definition.EXCLUDING_JOINED_AND_LEFT).proportion()).isEqualTo(Proportion.of(2, 5)); // L/(S + N − Ln)
    }

    @Test
    void retentionVariantsByHand() {
        CustomerCounts counts = CustomerCounts.ofCounts(4, 3, 2, 2);
        assertThat(counts.retentionRate().value()).isEqualTo(0.0);                                        // (3 − 3)/4
        assertThat(counts.retentionRate(RetentionRate.Definition.ONE_MINUS_CHURN).value()).isEqualTo(0.5); // 1 − 2/4
        assertThat(counts.retentionRate(RetentionRate.Definition.END_OVER_START).value()).isEqualTo(0.75); // 3/4
        assertThat(counts.retentionRate(RetentionRate.Definition.ONE_MINUS_CHURN).proportion()).isEqualTo(Proportion.of(2, 4));
    }

    @Test
    void articleExamples() {
        // The loyalty and retention guide: 200 members at the start of the year, 20 leave -> churn 10 %.
        CustomerCounts gym = CustomerCounts.ofCounts(200, 0, 20, 0);
        assertThat(gym.churnRate().value()).isEqualTo(0.10);
        assertThat(gym.churnRate().percent()).isCloseTo(10.0, within(1e-12));
        // The telecom KPI guide's three data points: S 200, E 210, N 30 -> CRR (210 − 30)/200 = 90 %, L = 20.
        CustomerCounts telecom = CustomerCounts.ofStartEndAndNew(200, 210, 30);
        assertThat(telecom.retentionRate().value()).isEqualTo(0.9);
        assertThat(telecom.lostCustomers()).isEqualTo(20);
        assertThat(telecom.churnRate().value()).isEqualTo(0.1);
        // The small-business loyalty guide: end over start = 210/200
        assertThat(telecom.retentionRate(RetentionRate.Definition.END_OVER_START).value()).isEqualTo(1.05);
        assertThat(telecom).hasToString("S 200, N 30, L 20, new lost 0, E 210; churn 10.00%, retention 90.00%");
    }

    @Test
    void emptyPeriodIsUndefined() {
        CustomerCounts empty = CustomerCounts.accumulator(FROM, TO).snapshot();
        assertThat(empty.customersAtStart()).isZero();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.churnRate().isEmpty()).isTrue();
        assertThat(empty.retentionRate().isEmpty()).isTrue();
        assertThatThrownBy(() -> empty.churnRate().value()).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> empty.retentionRate().value()).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the retention rate is undefined: there were no customers at the start");
        assertThat(empty).hasToString("S 0, N 0, L 0, new lost 0, E 0; churn undefined");
    }

    @Test
    void combineEqualsOnePass() {
        CustomerCounts.Accumulator first = CustomerCounts.accumulator(FROM, TO);
        CustomerCounts.Accumulator second = CustomerCounts.accumulator(FROM, TO);
        for (int i = 0; i < BOUNDARY_CASES.size(); i++) {
            Customer c = BOUNDARY_CASES.get(i);
            (i % 3 == 0 ? first : second).add(c.start(), c.end());
        }
        assertThat(first.combine(second).snapshot()).isEqualTo(CustomerCounts.ofCounts(4, 3, 2, 2))
                .hasSameHashCodeAs(CustomerCounts.ofCounts(4, 3, 2, 2));
    }

    @Test
    void rejectsBadInput() {
        CustomerCounts.Accumulator accumulator = CustomerCounts.accumulator(FROM, TO);
        assertThatThrownBy(() -> accumulator.add(d("2025-01-10"), d("2025-01-09")))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("end must not be before start 2025-01-10, was 2025-01-09");
        assertThatThrownBy(() -> accumulator.add(null, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("start must not be null");
        assertThatThrownBy(() -> CustomerCounts.accumulator(TO, FROM)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("to must be after from 2025-02-01, was 2025-01-01");
        assertThatThrownBy(() -> CustomerCounts.ofStartEndAndNew(10, 25, 14)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("customersAtEnd must be such that customersAtEnd - newCustomers is in 0..10 (customersAtStart), "
                        + "was 25 - 14 = 11");
        assertThatThrownBy(() -> CustomerCounts.ofStartEndAndNew(10, 5, 14)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("was 5 - 14 = -9");
        assertThatThrownBy(() -> CustomerCounts.ofCounts(10, 5, 11, 0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("lostCustomers must be <= customersAtStart 10, was 11");
        assertThatThrownBy(() -> CustomerCounts.ofCounts(10, 5, 1, 6)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("newCustomersLost must be <= newCustomers 5, was 6");
        assertThatThrownBy(() -> CustomerCounts.ofCounts(-1, 5, 1, 0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("customersAtStart must be a count >= 0, was -1");
        assertThatThrownBy(() -> accumulator.combine(CustomerCounts.accumulator(FROM, d("2025-03-01"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("other must have the same period 2025-01-01 to 2025-02-01, had 2025-01-01 to 2025-03-01")
                .extracting(e -> ((InvalidArgumentException) e).argument()).isEqualTo("other");
    }

    @Test
    void endCountsAtTheEdgesOfTheirRangeAndEquality() {
        // E − N = 0: every customer at the start was lost; E − N = S: none was
        assertThat(CustomerCounts.ofStartEndAndNew(5, 3, 3)).isEqualTo(CustomerCounts.ofCounts(5, 3, 5, 0));
        assertThat(CustomerCounts.ofStartEndAndNew(5, 7, 2)).isEqualTo(CustomerCounts.ofCounts(5, 2, 0, 0));
        CustomerCounts counts = CustomerCounts.ofCounts(4, 3, 2, 2);
        assertThat(counts).isNotEqualTo(CustomerCounts.ofCounts(5, 3, 2, 2)).isNotEqualTo(CustomerCounts.ofCounts(4, 4, 2, 2))
                .isNotEqualTo(CustomerCounts.ofCounts(4, 3, 3, 2)).isNotEqualTo(CustomerCounts.ofCounts(4, 3, 2, 1))
                .isNotEqualTo("S 4");
        assertThat(counts.hashCode()).isNotEqualTo(CustomerCounts.ofCounts(5, 3, 2, 2).hashCode())
                .isNotEqualTo(CustomerCounts.ofCounts(4, 4, 2, 2).hashCode())
                .isNotEqualTo(CustomerCounts.ofCounts(4, 3, 3, 2).hashCode())
                .isNotEqualTo(CustomerCounts.ofCounts(4, 3, 2, 1).hashCode());
        // the accumulator's adds chain
        assertThat(CustomerCounts.accumulator(FROM, TO).add(d("2024-06-01"), null).add(d("2025-01-05"), d("2025-01-09"))
                .snapshot()).isEqualTo(CustomerCounts.ofCounts(1, 1, 0, 1));
    }

    @Test
    void countsOfTwoSetsOfRecordsAddUp() {
        CustomerCounts.Accumulator first = CustomerCounts.accumulator(FROM, TO);
        CustomerCounts.Accumulator second = CustomerCounts.accumulator(FROM, TO);
        for (int i = 0; i < BOUNDARY_CASES.size(); i++) {
            Customer c = BOUNDARY_CASES.get(i);
            (i < 4 ? first : second).add(c.start(), c.end());
        }
        assertThat(first.snapshot().plus(second.snapshot())).isEqualTo(CustomerCounts.ofCounts(4, 3, 2, 2));
        assertThat(CustomerCounts.ofCounts(1, 2, 1, 1).plus(CustomerCounts.ofCounts(0, 0, 0, 0)))
                .isEqualTo(CustomerCounts.ofCounts(1, 2, 1, 1));
        assertThatThrownBy(() -> CustomerCounts.ofCounts(Long.MAX_VALUE, 0, 0, 0).plus(CustomerCounts.ofCounts(1, 0, 0, 0)))
                .isInstanceOf(ArithmeticException.class);
        assertThat(first).hasToString("CustomerCounts.Accumulator 2025-01-01 to 2025-02-01: S 3, N 0, L 2, new lost 0");
    }

    @Test
    void churnRatesAreProportionsWithIntervalsAndChanges() {
        // the loyalty and retention guide's gym: 20 of 200, Wilson 95 % [0.065670, 0.149406] (the Wilson
        // formula, z = 1.959964:
        // centre (0.1 + z²/400)/(1 + z²/200), half-width z √(0.09/200 + z²/160000)/(1 + z²/200))
        ChurnRate gym = CustomerCounts.ofCounts(200, 0, 20, 0).churnRate();
        assertThat(gym.definition()).isEqualTo(Definition.DEFAULT).isEqualTo(Definition.LOST_OVER_START);
        assertThat(gym.confidenceInterval(0.95)).isEqualTo(Proportion.of(20, 200).confidenceInterval(0.95));
        assertThat(gym.confidenceInterval(0.95).low()).isCloseTo(0.065670, within(0.0000005));
        assertThat(gym.confidenceInterval(0.95).high()).isCloseTo(0.149406, within(0.0000005));
        assertThat(gym.toString()).isEqualTo("churn 20/200 (10.00%), LOST_OVER_START");
        // a later year with 40 of 200: the pooled two-proportion test of later − earlier
        ChurnRate later = CustomerCounts.ofCounts(200, 0, 40, 0).churnRate();
        assertThat(later.differenceFrom(gym)).isEqualTo(Proportion.of(40, 200).differenceFrom(Proportion.of(20, 200)));
        assertThat(later.differenceFrom(gym).difference()).isCloseTo(0.10, within(1e-15));
        ChurnRate withNew = CustomerCounts.ofCounts(200, 0, 40, 0).churnRate(Definition.LOST_OVER_START_PLUS_NEW);
        assertThatThrownBy(() -> withNew.differenceFrom(gym)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("earlier must have the same definition LOST_OVER_START_PLUS_NEW, had LOST_OVER_START")
                .extracting(e -> ((InvalidArgumentException) e).argument()).isEqualTo("earlier");
        assertThat(withNew).isNotEqualTo(later).isNotEqualTo("churn");
        assertThat(withNew.hashCode()).isNotEqualTo(later.hashCode());
        assertThat(later).isEqualTo(CustomerCounts.ofCounts(200, 5, 40, 5).churnRate()).isNotEqualTo(gym);
        assertThat(Definition.values()).hasSize(3);
    }

    @Test
    void retentionRatesOfEachDefinitionWithTheirUncertainty() {
        // S 200, N 40, L 20, new lost 10: E = 200 − 20 + 40 − 10 = 210
        CustomerCounts counts = CustomerCounts.ofCounts(200, 40, 20, 10);
        RetentionRate crr = counts.retentionRate();
        assertThat(crr.definition()).isEqualTo(RetentionRate.Definition.DEFAULT)
                .isEqualTo(RetentionRate.Definition.END_MINUS_NEW_OVER_START);
        assertThat(crr.value()).isEqualTo(170.0 / 200);
        assertThat(crr.percent()).isCloseTo(85.0, within(1e-12));
        // Var = (S c(1 − c) + N q(1 − q))/S² = (200 × 0.1 × 0.9 + 40 × 0.25 × 0.75)/40000 = (18 + 7.5)/40000
        assertThat(crr.standardError()).isCloseTo(Math.sqrt(25.5 / 40_000), within(1e-17));
        // 0.85 ± 1.959964 × 0.0252488 = [0.80051, 0.89949]
        assertThat(crr.confidenceInterval(0.95).low()).isCloseTo(0.85 - 1.959963984540054 * Math.sqrt(25.5 / 40_000),
                within(1e-15));
        assertThat(crr.confidenceInterval(0.95).high()).isCloseTo(0.899487, within(0.0000005));
        assertThat(crr.toString()).isEqualTo("retention 170/200 (85.00%), END_MINUS_NEW_OVER_START");
        assertThatThrownBy(crr::proportion).isInstanceOf(IllegalStateException.class)
                .hasMessage("the retention rate END_MINUS_NEW_OVER_START is not a proportion");
        // E / S = 210/200 exceeds 1, with the same standard error
        RetentionRate endOverStart = counts.retentionRate(RetentionRate.Definition.END_OVER_START);
        assertThat(endOverStart.value()).isEqualTo(1.05);
        assertThat(endOverStart.standardError()).isEqualTo(crr.standardError());
        assertThat(endOverStart.confidenceInterval(0.95).high()).isGreaterThan(1.0);
        // 1 − L/S = 180 of 200: a proportion, Wilson's interval, standard error √(0.9 × 0.1/200)
        RetentionRate kept = counts.retentionRate(RetentionRate.Definition.ONE_MINUS_CHURN);
        assertThat(kept.proportion()).isEqualTo(Proportion.of(180, 200));
        assertThat(kept.confidenceInterval(0.95)).isEqualTo(Proportion.of(180, 200).confidenceInterval(0.95));
        assertThat(kept.standardError()).isCloseTo(Math.sqrt(0.09 / 200), within(1e-17));
        assertThat(RetentionRate.Definition.ONE_MINUS_CHURN.isProportion()).isTrue();
        assertThat(RetentionRate.Definition.END_OVER_START.isProportion()).isFalse();
        // more new customers lost than customers at the start kept: (E − N)/S is negative
        RetentionRate negative = CustomerCounts.ofCounts(10, 30, 8, 20).retentionRate();
        assertThat(negative.value()).isEqualTo(-1.8);
        assertThat(negative.counts()).isEqualTo(CustomerCounts.ofCounts(10, 30, 8, 20));
    }

    @Test
    void retentionChangesAndTheirDefinitions() {
        RetentionRate earlier = CustomerCounts.ofCounts(200, 40, 20, 10).retentionRate();
        RetentionRate later = CustomerCounts.ofCounts(200, 40, 40, 10).retentionRate();
        // 150/200 − 170/200 = −0.1; SE √(25.5/40000 + (200 × 0.2 × 0.8 + 7.5)/40000) = √(65/40000)
        assertThat(later.differenceFrom(earlier).difference()).isCloseTo(-0.1, within(1e-15));
        assertThat(later.differenceFrom(earlier).standardError()).isCloseTo(Math.sqrt(65.0 / 40_000), within(1e-15));
        assertThat(later.differenceFrom(earlier).isNormal()).isTrue();
        RetentionRate keptEarlier = earlier.counts().retentionRate(RetentionRate.Definition.ONE_MINUS_CHURN);
        RetentionRate keptLater = later.counts().retentionRate(RetentionRate.Definition.ONE_MINUS_CHURN);
        assertThat(keptLater.differenceFrom(keptEarlier))
                .isEqualTo(Proportion.of(160, 200).differenceFrom(Proportion.of(180, 200)));
        assertThatThrownBy(() -> keptLater.differenceFrom(earlier)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("earlier must have the same definition ONE_MINUS_CHURN, had END_MINUS_NEW_OVER_START");
        // nobody lost in either period: both standard errors are 0, the test is undefined; the interval is a point
        RetentionRate none = CustomerCounts.ofCounts(5, 0, 0, 0).retentionRate();
        assertThat(none.confidenceInterval(0.9).width()).isZero();
        assertThatThrownBy(() -> none.differenceFrom(none)).isInstanceOf(UndefinedResultException.class);
        assertThat(later).isNotEqualTo(earlier).isNotEqualTo(keptLater).isNotEqualTo("retention");
        assertThat(later.hashCode()).isNotEqualTo(keptLater.hashCode());
        assertThat(later).isEqualTo(CustomerCounts.ofCounts(200, 40, 40, 10).retentionRate());
        RetentionRate empty = CustomerCounts.ofCounts(0, 3, 0, 1).retentionRate();
        assertThat(empty.toString()).isEqualTo("retention undefined (no customers at the start), END_MINUS_NEW_OVER_START");
        assertThatThrownBy(empty::standardError).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> empty.confidenceInterval(0.95)).isInstanceOf(UndefinedResultException.class);
    }
}
