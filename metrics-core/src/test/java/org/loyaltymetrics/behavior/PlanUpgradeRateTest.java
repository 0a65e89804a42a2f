package org.loyaltymetrics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;

class PlanUpgradeRateTest {

    static final LocalDate D1 = LocalDate.of(2025, 1, 1);

    @Test
    void movesUpAgainstTheStartingPlanWhateverTheOrder() {
        // Customer 1: 10, then 5, then 20 -> moved up. Customer 2: 10 then 10 -> no. Customer 3: 30 then
        // 20 -> no. Customer 4: 10 and 15 on its first day, 12 later -> no (starting plan 15).
        PlanUpgradeRate.Accumulator acc = PlanUpgradeRate.accumulator()
                .add(1, D1.plusDays(60), 20).add(1, D1.plusDays(30), 5).add(1, D1, 10)
                .add(2, D1, 10).add(2, D1.plusDays(30), 10)
                .add(3, D1.plusDays(5), 20).add(3, D1, 30)
                .add(4, D1.plusDays(9), 12).add(4, D1, 10).add(4, D1, 15);
        PlanUpgradeRate rate = acc.snapshot();
        assertThat(rate.upgradedCustomers()).isEqualTo(1);
        assertThat(rate.customers()).isEqualTo(4);
        assertThat(rate.value()).isEqualTo(0.25);
        assertThat(rate.percent()).isEqualTo(25.0);
        assertThat(rate).isEqualTo(PlanUpgradeRate.ofCounts(1, 4)).hasSameHashCodeAs(PlanUpgradeRate.ofCounts(1, 4));
        assertThat(rate.toString()).isEqualTo("plan upgrade rate 1/4 (25.00%)");
        assertThat(rate.confidenceInterval(0.95).contains(0.25)).isTrue();

        PlanUpgradeRate.Accumulator a = PlanUpgradeRate.accumulator().add(1, D1.plusDays(60), 20).add(4, D1, 10)
                .add(3, D1, 30);
        PlanUpgradeRate.Accumulator b = PlanUpgradeRate.accumulator().add(1, D1, 10).add(2, D1, 10)
                .add(2, D1.plusDays(30), 10).add(3, D1.plusDays(5), 20).add(4, D1.plusDays(9), 12).add(4, D1, 15)
                .add(1, D1.plusDays(30), 5);
        assertThat(b.combine(a).snapshot()).isEqualTo(rate);
        assertThat(b).hasToString("PlanUpgradeRate.Accumulator: 1 of 4 customers moved up");
        assertThat(PlanUpgradeRate.ofCounts(30, 100).differenceFrom(PlanUpgradeRate.ofCounts(20, 100)).difference())
                .isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void badAndUndefined() {
        assertThatThrownBy(() -> PlanUpgradeRate.accumulator().add(1, D1, -1)).hasMessage("planValue must be >= 0, was -1")
                .isInstanceOf(org.loyaltymetrics.InvalidArgumentException.class);
        assertThatThrownBy(() -> PlanUpgradeRate.ofCounts(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlanUpgradeRate.accumulator().snapshot().value()).isInstanceOf(UndefinedResultException.class);
    }

    @Test
    void sixteenCustomersFreePlansAndTheCollector() {
        record Plan(long customer, LocalDate date, long value) {
        }
        // 16 customers (the accumulator's first arrays hold exactly 16) on a free plan; customer 16 moves up
        java.util.List<Plan> plans = new java.util.ArrayList<>();
        for (int c = 1; c <= 16; c++) {
            plans.add(new Plan(c, D1, 0));
        }
        plans.add(new Plan(16, D1.plusDays(1), 900));
        PlanUpgradeRate rate = plans.stream().collect(PlanUpgradeRate.collector(Plan::customer, Plan::date, Plan::value));
        assertThat(rate).isEqualTo(PlanUpgradeRate.ofCounts(1, 16));
    }
}
