package org.loyaltymetrics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.UndefinedResultException;

class ReferralRateTest {

    record Row(long customer, Long referred) {
    }

    @Test
    void workedExample() {
        ReferralRate rate = ReferralRate.ofCounts(40, 52, 500);
        assertThat(rate.value()).isEqualTo(0.08);
        assertThat(rate.percent()).isEqualTo(8.0);
        assertThat(rate.referredPerReferrer()).isEqualTo(1.3);
        assertThat(rate.toString()).isEqualTo("referral rate 40/500 (8.00%), 52 referred customers (1.30 per referrer)");
        assertThat(rate.confidenceInterval(0.95).contains(0.08)).isTrue();
        assertThat(rate.differenceFrom(ReferralRate.ofCounts(20, 25, 500)).difference()).isCloseTo(0.04,
                org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void countsDistinctReferrersAndReferredCustomers() {
        // Customers 1..4; 1 refers 100 and 101, 2 refers 101 as well (one referred customer, two referrers).
        List<Row> rows = List.of(new Row(1, null), new Row(2, null), new Row(3, null), new Row(4, null),
                new Row(1, 100L), new Row(1, 101L), new Row(2, 101L));
        ReferralRate rate = rows.stream().collect(ReferralRate.collector(Row::customer, r -> r.referred() != null,
                r -> r.referred()));
        assertThat(rate).isEqualTo(ReferralRate.ofCounts(2, 2, 4)).hasSameHashCodeAs(ReferralRate.ofCounts(2, 2, 4));
        ReferralRate.Accumulator a = ReferralRate.accumulator().addCustomer(3).addReferral(1, 101);
        ReferralRate.Accumulator b = ReferralRate.accumulator().addCustomer(4).addReferral(2, 101).addReferral(1, 100);
        assertThat(a.combine(b).snapshot()).isEqualTo(rate);
        assertThat(a).hasToString("ReferralRate.Accumulator: 2 referrers of 4 customers, 2 referred customers");
        assertThat(rate.referrers()).isEqualTo(2);
        assertThat(rate.customers()).isEqualTo(4);
        assertThat(rate.referredCustomers()).isEqualTo(2);
    }

    @Test
    void badAndUndefined() {
        assertThatThrownBy(() -> ReferralRate.accumulator().addReferral(5, 5)).hasMessage("referredId must differ from the referrer 5, was 5");
        assertThatThrownBy(() -> ReferralRate.ofCounts(3, 0, 10)).hasMessage("referredCustomers must be >= 1 for 3 referrers, was 0");
        assertThatThrownBy(() -> ReferralRate.ofCounts(0, 2, 10)).hasMessage("referredCustomers must be 0 for 0 referrers, was 2");
        ReferralRate none = ReferralRate.ofCounts(0, 0, 10);
        assertThat(none.value()).isZero();
        assertThatThrownBy(none::referredPerReferrer).isInstanceOf(UndefinedResultException.class);
        assertThat(none.toString()).isEqualTo("referral rate 0/10 (0.00%), 0 referred customers");
        assertThatThrownBy(() -> ReferralRate.ofCounts(0, 0, 0).value()).isInstanceOf(UndefinedResultException.class);
        assertThat(ReferralRate.ofCounts(0, 0, 0).isEmpty()).isTrue();
        assertThat(none.isEmpty()).isFalse();
    }

    @Test
    void equalityIsByEveryCountAndTheKindOfRate() {
        ReferralRate rate = ReferralRate.ofCounts(40, 52, 500);
        for (ReferralRate other : new ReferralRate[] {ReferralRate.ofCounts(41, 52, 500), ReferralRate.ofCounts(40, 53, 500),
            ReferralRate.ofCounts(40, 52, 501)}) {
            assertThat(rate).isNotEqualTo(other);
            assertThat(rate.hashCode()).isNotEqualTo(other.hashCode());
        }
        // a plan upgrade rate of the same counts is another figure
        PlanUpgradeRate upgrades = PlanUpgradeRate.ofCounts(40, 500);
        EmailOpenRate opens = EmailOpenRate.ofCounts(40, 500);
        assertThat(upgrades).isNotEqualTo(opens).isNotEqualTo(null).isNotEqualTo(PlanUpgradeRate.ofCounts(41, 500));
        assertThat(upgrades.hashCode()).isNotEqualTo(opens.hashCode())
                .isNotEqualTo(PlanUpgradeRate.ofCounts(41, 500).hashCode());
    }
}
