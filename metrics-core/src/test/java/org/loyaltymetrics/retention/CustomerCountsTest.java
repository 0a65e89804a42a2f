package org.loyaltymetrics.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
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
        assertThat(counts.churn()).isEqualTo(Proportion.of(2, 4));                            // L / S
        assertThat(counts.churn(Definition.LOST_OVER_START_PLUS_NEW)).isEqualTo(Proportion.of(4, 7)); // (L + Ln)/(S + N)
        assertThat(counts.churn(Definition.EXCLUDING_JOINED_AND_LEFT)).isEqualTo(Proportion.of(2, 5)); // L/(S + N − Ln)
    }

    @Test
    void retentionVariantsByHand() {
        CustomerCounts counts = CustomerCounts.ofCounts(4, 3, 2, 2);
        assertThat(counts.retentionRate()).isEqualTo(0.0);                                        // (3 − 3)/4
        assertThat(counts.retentionRate(RetentionRate.Definition.ONE_MINUS_CHURN)).isEqualTo(0.5); // 1 − 2/4
        assertThat(counts.retentionRate(RetentionRate.Definition.END_OVER_START)).isEqualTo(0.75); // 3/4
        assertThat(counts.retained()).isEqualTo(Proportion.of(2, 4));
    }

    @Test
    void articleExamples() {
        // Article 001: 200 members at the start of the year, 20 leave -> churn 10 %.
        CustomerCounts gym = CustomerCounts.ofCounts(200, 0, 20, 0);
        assertThat(gym.churn().value()).isEqualTo(0.10);
        assertThat(gym.churn().percent()).isCloseTo(10.0, within(1e-12));
        // Article 000's three data points: S 200, E 210, N 30 -> CRR (210 − 30)/200 = 90 %, L = 20.
        CustomerCounts telecom = CustomerCounts.ofCounts(200, 210, 30);
        assertThat(telecom.retentionRate()).isEqualTo(0.9);
        assertThat(telecom.lostCustomers()).isEqualTo(20);
        assertThat(telecom.churn().value()).isEqualTo(0.1);
        // Article 002: end over start = 210/200
        assertThat(telecom.retentionRate(RetentionRate.Definition.END_OVER_START)).isEqualTo(1.05);
        assertThat(telecom).hasToString("S 200, N 30, L 20, new lost 0, E 210; churn 10.00%, retention 90.00%");
    }

    @Test
    void emptyPeriodIsUndefined() {
        CustomerCounts empty = CustomerCounts.accumulator(FROM, TO).snapshot();
        assertThat(empty.customersAtStart()).isZero();
        assertThatThrownBy(() -> empty.churn().value()).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(empty::retentionRate).isInstanceOf(UndefinedResultException.class)
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
                .isInstanceOf(IllegalArgumentException.class).hasMessage("end must not be before start 2025-01-10, was 2025-01-09");
        assertThatThrownBy(() -> accumulator.add(null, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("start must not be null");
        assertThatThrownBy(() -> CustomerCounts.accumulator(TO, FROM)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("to must be after from 2025-02-01, was 2025-01-01");
        assertThatThrownBy(() -> CustomerCounts.ofCounts(10, 25, 14)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("customersAtEnd - newCustomers must be in 0..10 (customersAtStart), was 25 - 14 = 11");
        assertThatThrownBy(() -> CustomerCounts.ofCounts(10, 5, 14)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 5 - 14 = -9");
        assertThatThrownBy(() -> CustomerCounts.ofCounts(10, 5, 11, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lostCustomers must be <= customersAtStart 10, was 11");
        assertThatThrownBy(() -> CustomerCounts.ofCounts(10, 5, 1, 6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("newCustomersLost must be <= newCustomers 5, was 6");
        assertThatThrownBy(() -> CustomerCounts.ofCounts(-1, 5, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("customersAtStart must be a count >= 0, was -1");
        assertThatThrownBy(() -> accumulator.combine(CustomerCounts.accumulator(FROM, d("2025-03-01"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other must cover 2025-01-01 to 2025-02-01");
    }

    @Test
    void endCountsAtTheEdgesOfTheirRangeAndEquality() {
        // E − N = 0: every customer at the start was lost; E − N = S: none was
        assertThat(CustomerCounts.ofCounts(5, 3, 3)).isEqualTo(CustomerCounts.ofCounts(5, 3, 5, 0));
        assertThat(CustomerCounts.ofCounts(5, 7, 2)).isEqualTo(CustomerCounts.ofCounts(5, 2, 0, 0));
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
}
