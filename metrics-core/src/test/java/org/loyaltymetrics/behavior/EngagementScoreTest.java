package org.loyaltymetrics.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;

class EngagementScoreTest {

    record Activity(long customer, EngagementComponent component, long amount) {
    }

    @Test
    void midDistributionPercentilesWeighted() {
        // Three customers. E-mail opens 10, 0, 10; site visits 1, 2, 3.
        // Opens: customer 2 has b = 0, e = 1 -> 0.5/3; customers 1, 3 have b = 1, e = 2 -> 2/3.
        // Visits: 0.5/3, 1.5/3, 2.5/3.
        // With opens weighted 3 and visits 1: customer 1 = 100 (3 × 2/3 + 0.5/3) / 4 = 54.1667,
        // customer 2 = 100 (3 × 0.5/3 + 1.5/3) / 4 = 25, customer 3 = 100 (3 × 2/3 + 2.5/3) / 4 = 70.8333.
        EngagementWeights weights = EngagementWeights.of(Map.of(EngagementComponent.EMAIL_OPENS, 3.0,
                EngagementComponent.SITE_VISITS, 1.0));
        List<Activity> log = List.of(new Activity(1, EngagementComponent.EMAIL_OPENS, 4),
                new Activity(1, EngagementComponent.EMAIL_OPENS, 6), new Activity(3, EngagementComponent.EMAIL_OPENS, 10),
                new Activity(1, EngagementComponent.SITE_VISITS, 1), new Activity(2, EngagementComponent.SITE_VISITS, 2),
                new Activity(3, EngagementComponent.SITE_VISITS, 3), new Activity(2, EngagementComponent.CORE_ACTIONS, 50));
        EngagementScore score = log.stream().collect(EngagementScore.collector(weights, Activity::customer,
                Activity::component, Activity::amount));
        assertThat(score.score(1)).isCloseTo(54.166666666666664, within(1e-12));
        assertThat(score.score(2)).isCloseTo(25.0, within(1e-12));
        assertThat(score.score(3)).isCloseTo(70.83333333333333, within(1e-12));
        assertThat(score.meanScore()).isCloseTo(50.0, within(1e-12));
        assertThat(score.amount(1, EngagementComponent.EMAIL_OPENS)).isEqualTo(10);
        assertThat(score.total(EngagementComponent.SITE_VISITS)).isEqualTo(6);
        assertThat(score.customers()).isEqualTo(3);
        assertThat(score.customerIds()).containsExactly(1, 2, 3);
        assertThat(score.toString()).startsWith("engagement score of 3 customers, mean 50.00 (0..100), engagement weights {");

        EngagementScore.Accumulator a = EngagementScore.accumulator(weights);
        EngagementScore.Accumulator b = EngagementScore.accumulator(weights);
        for (int i = 0; i < log.size(); i++) {
            (i % 3 == 0 ? a : b).add(log.get(i).customer(), log.get(i).component(), log.get(i).amount());
        }
        assertThat(a.combine(b).snapshot()).isEqualTo(score).hasSameHashCodeAs(score);
        assertThat(b.snapshot().plus(EngagementScore.accumulator(weights).add(1, EngagementComponent.EMAIL_OPENS, 4)
                .add(1, EngagementComponent.SITE_VISITS, 1).add(2, EngagementComponent.CORE_ACTIONS, 50).snapshot()))
                .isEqualTo(score);
        assertThat(b).hasToString("EngagementScore.Accumulator: 3 customers, " + weights);
        // the table lists the components that weigh, customers by id
        assertThat(score.toTable().toText()).isEqualTo("""
                Engagement scores (0..100)
                customer  score  email opens  site visits
                -----------------------------------------
                       1  54.17           10            1
                       2  25.00            0            2
                       3  70.83           10            3
                """);
    }

    @Test
    void equalWeightsTwoCustomersAndOne() {
        EngagementScore two = EngagementScore.accumulator().add(1, EngagementComponent.ACTIVE_TIME, 100)
                .add(2, EngagementComponent.ACTIVE_TIME, 50).snapshot();
        // Active time: 1.5/2 and 0.5/2; the other six components tie at 0 (0.5 each):
        // customer 1 = 100 (0.75 + 6 × 0.5) / 7 = 53.5714.
        assertThat(two.score(1)).isCloseTo(100 * (0.75 + 3.0) / 7, within(1e-12));
        assertThat(two.toString()).endsWith("equal weights");
        EngagementScore one = EngagementScore.accumulator().add(9, EngagementComponent.USAGE_LEVEL, 3).snapshot();
        assertThat(one.score(9)).isEqualTo(50.0);
    }

    @Test
    void badAndUndefined() {
        assertThatThrownBy(() -> EngagementScore.accumulator().add(1, EngagementComponent.CORE_ACTIONS, -1))
                .hasMessage("amount must be a count >= 0, was -1");
        assertThatThrownBy(() -> EngagementScore.accumulator().add(1, null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> EngagementWeights.EQUAL.with(EngagementComponent.CORE_ACTIONS, Double.NaN))
                .hasMessage("weight of CORE_ACTIONS must be finite and >= 0, was NaN");
        assertThatThrownBy(() -> EngagementWeights.of(Map.of(EngagementComponent.CORE_ACTIONS, 0.0)))
                .hasMessage("weights must have a weight > 0, were all 0");
        assertThatThrownBy(() -> EngagementScore.accumulator().combine(EngagementScore.accumulator(
                EngagementWeights.EQUAL.with(EngagementComponent.CORE_ACTIONS, 2)))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("other must have the same weights engagement weights {");
        EngagementScore empty = EngagementScore.accumulator().snapshot();
        assertThatThrownBy(empty::meanScore).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> empty.score(1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("customerId must be a customer with activity, was 1");
        assertThatThrownBy(() -> empty.plus(EngagementScore.accumulator(EngagementWeights.EQUAL
                .with(EngagementComponent.CORE_ACTIONS, 2)).snapshot())).isInstanceOf(InvalidArgumentException.class);
        assertThat(empty.toTable().rowCount()).isZero();
        assertThat(EngagementWeights.EQUAL.asMap()).hasSize(7).containsEntry(EngagementComponent.SOCIAL_INTERACTIONS, 1.0);
        assertThat(EngagementWeights.EQUAL.with(EngagementComponent.CORE_ACTIONS, 2).weight(EngagementComponent.CORE_ACTIONS))
                .isEqualTo(2.0);
    }

    @Test
    void amountsPerCustomerWeightsAndEquality() {
        EngagementWeights weights = EngagementWeights.EQUAL.with(EngagementComponent.SITE_VISITS, 2);
        EngagementScore score = EngagementScore.accumulator(weights).add(5, EngagementComponent.SITE_VISITS, 3)
                .add(6, EngagementComponent.SITE_VISITS, 4).add(7, EngagementComponent.CORE_ACTIONS, 9).snapshot();
        assertThat(score.weights()).isEqualTo(weights);
        assertThat(score.amount(5, EngagementComponent.SITE_VISITS)).isEqualTo(3);
        assertThat(score.amount(6, EngagementComponent.SITE_VISITS)).isEqualTo(4);
        assertThat(score.amount(7, EngagementComponent.CORE_ACTIONS)).isEqualTo(9);
        assertThat(score.amount(7, EngagementComponent.SITE_VISITS)).isZero();
        EngagementScore equalWeights = EngagementScore.accumulator().add(5, EngagementComponent.SITE_VISITS, 3)
                .add(6, EngagementComponent.SITE_VISITS, 4).add(7, EngagementComponent.CORE_ACTIONS, 9).snapshot();
        EngagementScore otherAmount = EngagementScore.accumulator(weights).add(5, EngagementComponent.SITE_VISITS, 3)
                .add(6, EngagementComponent.SITE_VISITS, 5).add(7, EngagementComponent.CORE_ACTIONS, 9).snapshot();
        EngagementScore otherCustomer = EngagementScore.accumulator(weights).add(5, EngagementComponent.SITE_VISITS, 3)
                .add(8, EngagementComponent.SITE_VISITS, 4).add(7, EngagementComponent.CORE_ACTIONS, 9).snapshot();
        for (EngagementScore other : new EngagementScore[] {equalWeights, otherAmount, otherCustomer}) {
            assertThat(score).isNotEqualTo(other);
            assertThat(score.hashCode()).isNotEqualTo(other.hashCode());
        }
        assertThat(score).isNotEqualTo("engagement");
        assertThat(weights.hashCode()).isNotEqualTo(EngagementWeights.EQUAL.hashCode());
        assertThat(EngagementWeights.EQUAL).hasToString("engagement weights {ACTIVE_TIME: 1.00, TIME_ON_PLATFORM: 1.00, "
                + "USAGE_LEVEL: 1.00, CORE_ACTIONS: 1.00, EMAIL_OPENS: 1.00, SITE_VISITS: 1.00, SOCIAL_INTERACTIONS: 1.00}");
    }
}
