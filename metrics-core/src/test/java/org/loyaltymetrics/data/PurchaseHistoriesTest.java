package org.loyaltymetrics.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;

class PurchaseHistoriesTest {

    @Test
    void identicalHistoriesAreMergedAndRowsSorted() {
        PurchaseHistories histories = PurchaseHistories.accumulator(ChronoUnit.WEEKS)
                .add(2, 30.43, 38.86).add(0, 0, 38.86).add(2, 30.43, 38.86).add(0, -0.0, 38.86, 3).snapshot();
        assertThat(histories.customers()).isEqualTo(6);
        assertThat(histories.distinctRows()).isEqualTo(2);
        assertThat(histories.frequency(0)).isZero();
        assertThat(histories.weight(0)).isEqualTo(4);
        assertThat(histories.frequency(1)).isEqualTo(2);
        assertThat(histories.recency(1)).isEqualTo(30.43);
        assertThat(histories.age(1)).isEqualTo(38.86);
        assertThat(histories.weight(1)).isEqualTo(2);
        assertThat(histories.meanFrequency()).isCloseTo(4.0 / 6, within(1e-15));
        assertThat(histories.meanAge()).isCloseTo(38.86, within(1e-12));
        assertThat(histories.timeUnit()).isEqualTo(ChronoUnit.WEEKS);
        assertThat(histories).hasToString(
                "PurchaseHistories[6 customers, 2 distinct rows, in weeks; mean frequency 0.67, mean T 38.86]");
    }

    @Test
    void ofAddAllAndCombineGiveWhatOnePassGives() {
        PurchaseHistories one = PurchaseHistories.of(ChronoUnit.DAYS, new long[] {1, 0, 1, 5}, new double[] {3, 0, 3, 9},
                new double[] {10, 10, 10, 12});
        PurchaseHistories.Accumulator left = PurchaseHistories.accumulator(ChronoUnit.DAYS).add(1, 3, 10).add(0, 0, 10);
        PurchaseHistories.Accumulator right = PurchaseHistories.accumulator(ChronoUnit.DAYS).add(5, 9, 12).add(1, 3, 10);
        assertThat(left.combine(right).snapshot()).isEqualTo(one).hasSameHashCodeAs(one);
        assertThat(PurchaseHistories.accumulator(ChronoUnit.DAYS).addAll(one).snapshot()).isEqualTo(one);
        assertThat(one).isNotEqualTo(PurchaseHistories.accumulator(ChronoUnit.WEEKS).addAll(
                PurchaseHistories.of(ChronoUnit.WEEKS, new long[] {1, 0, 1, 5}, new double[] {3, 0, 3, 9},
                        new double[] {10, 10, 10, 12})).snapshot());
        assertThatThrownBy(() -> PurchaseHistories.accumulator(ChronoUnit.WEEKS).addAll(one))
                .hasMessage("histories must have the same time unit Weeks, had Days");
        assertThatThrownBy(() -> PurchaseHistories.accumulator(ChronoUnit.WEEKS).combine(left))
                .hasMessage("other must have the same time unit Weeks, had Days");
    }

    @Test
    void bulkFactoriesGiveWhatAnAccumulatorGivesOnManyRows() {
        // the bulk factories sort the columns themselves (no hash table): many rows, ties and repeats
        java.util.SplittableRandom random = new java.util.SplittableRandom(41);
        int n = 20_000;
        long[] frequency = new long[n];
        double[] recency = new double[n];
        double[] age = new double[n];
        double[] spend = new double[n];
        long[] opportunities = new long[n];
        long[] last = new long[n];
        long[] opportunityFrequency = new long[n];
        PurchaseHistories.Accumulator purchases = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
        SpendHistories.Accumulator spending = SpendHistories.accumulator();
        OpportunityHistories.Accumulator opportunity = OpportunityHistories.accumulator();
        for (int i = 0; i < n; i++) {
            frequency[i] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(1 + random.nextInt(40));
            age[i] = random.nextBoolean() ? 26 + random.nextInt(13) / 7.0 : random.nextDouble(0.5, 40);
            recency[i] = frequency[i] == 0 ? (random.nextBoolean() ? -0.0 : 0.0) : age[i] * random.nextInt(5) / 4.0;
            spend[i] = random.nextBoolean() ? 10 + random.nextInt(5) : random.nextDouble(1, 500);
            opportunities[i] = 1 + random.nextInt(8);
            last[i] = random.nextInt((int) opportunities[i] + 1);
            opportunityFrequency[i] = last[i] == 0 ? 0 : 1 + random.nextInt((int) last[i]);
            purchases.add(frequency[i], recency[i], age[i]);
            spending.add(1 + frequency[i], spend[i]);
            opportunity.add(opportunityFrequency[i], last[i], opportunities[i]);
        }
        long[] spendFrequency = new long[n];
        for (int i = 0; i < n; i++) {
            spendFrequency[i] = 1 + frequency[i];
        }
        PurchaseHistories bulk = PurchaseHistories.of(ChronoUnit.WEEKS, frequency, recency, age);
        assertThat(bulk).isEqualTo(purchases.snapshot());
        assertThat(bulk.distinctRows()).isLessThan(n).isGreaterThan(n / 2);
        assertThat(SpendHistories.of(spendFrequency, spend)).isEqualTo(spending.snapshot());
        assertThat(OpportunityHistories.of(opportunityFrequency, last, opportunities)).isEqualTo(opportunity.snapshot());
    }

    @Test
    void emptyHistoriesHaveNoMeans() {
        PurchaseHistories empty = PurchaseHistories.accumulator(ChronoUnit.DAYS).snapshot();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty).hasToString("PurchaseHistories[no customers, in days]");
        assertThatThrownBy(empty::meanAge).isInstanceOf(UndefinedResultException.class);
    }

    @Test
    void badHistoriesAreRejectedAndABulkCallAddsNothing() {
        PurchaseHistories.Accumulator accumulator = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
        assertThatThrownBy(() -> accumulator.add(-1, 0, 1)).hasMessage("frequency must be a count >= 0, was -1");
        assertThatThrownBy(() -> accumulator.add(1, 2, 1)).hasMessage("recency must be in [0, age 1.0], was 2.0");
        assertThatThrownBy(() -> accumulator.add(1, -0.5, 1)).hasMessage("recency must be in [0, age 1.0], was -0.5");
        assertThatThrownBy(() -> accumulator.add(1, 0, Double.NaN)).hasMessage("age must be finite and > 0, was NaN");
        assertThatThrownBy(() -> accumulator.add(1, 0.5, 1, 0)).hasMessage("weight must be a count >= 1, was 0");
        assertThatThrownBy(() -> accumulator.add(0, 0.5, 1))
                .hasMessage("recency must be 0 for a customer without repeat purchases (frequency 0), was 0.5");
        assertThatThrownBy(() -> PurchaseHistories.of(ChronoUnit.WEEKS, new long[] {1}, new double[] {1, 2}, new double[] {3}))
                .hasMessage("frequency, recency and age must have the same length, were 1, 2 and 1");
        assertThatThrownBy(() -> PurchaseHistories.accumulator(ChronoUnit.FOREVER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> accumulator.add(1, 0, 1, Long.MAX_VALUE).add(1, 0, 1, 1))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void spendOpportunitiesAndSurvivorsFollowTheSameShape() {
        SpendHistories spend = SpendHistories.accumulator().add(2, 10.0).add(2, 10.0).add(1, 5.0, 3).snapshot();
        assertThat(spend.customers()).isEqualTo(5);
        assertThat(spend.distinctRows()).isEqualTo(2);
        assertThat(spend.averageMeanSpend()).isCloseTo((2 * 10.0 + 3 * 5.0) / 5, within(1e-15));
        assertThat(SpendHistories.of(new long[] {2, 2, 1, 1, 1}, new double[] {10, 10, 5, 5, 5})).isEqualTo(spend);
        assertThat(spend).hasToString("SpendHistories[5 customers, 2 distinct rows; average mean spend 7.00]");
        assertThat(SpendHistories.accumulator().combine(SpendHistories.accumulator().addAll(spend)).snapshot())
                .isEqualTo(spend).hasSameHashCodeAs(spend);
        assertThatThrownBy(() -> SpendHistories.accumulator().add(1, 0.0))
                .hasMessageStartingWith("meanSpend must be finite and > 0 (leave zero-value transactions out");

        OpportunityHistories opportunities = OpportunityHistories.accumulator().add(0, 0, 6).add(2, 5, 6, 4).snapshot();
        assertThat(opportunities.customers()).isEqualTo(5);
        assertThat(opportunities.repeatShare()).isEqualTo(0.8);
        assertThat(opportunities.recency(1)).isEqualTo(5);
        assertThat(opportunities.opportunities(1)).isEqualTo(6);
        assertThat(OpportunityHistories.accumulator().combine(OpportunityHistories.accumulator().addAll(opportunities))
                .snapshot()).isEqualTo(opportunities).hasSameHashCodeAs(opportunities);
        assertThat(opportunities).hasToString("OpportunityHistories[5 customers, 2 distinct rows]");
        assertThatThrownBy(() -> OpportunityHistories.accumulator().add(0, 1, 6)).hasMessage("recency must be 0 when frequency is 0, was 1");
        assertThatThrownBy(() -> OpportunityHistories.accumulator().add(0, 0, 0)).hasMessage("opportunities must be >= 1, was 0");

        CohortSurvivors survivors = CohortSurvivors.of(1000, 631, 468);
        assertThat(survivors.periods()).isEqualTo(2);
        assertThat(survivors.lost(1)).isEqualTo(369);
        assertThat(survivors.truncate(1)).isEqualTo(CohortSurvivors.of(1000, 631));
        assertThat(survivors).isEqualTo(CohortSurvivors.of(1000, 631, 468)).hasSameHashCodeAs(CohortSurvivors.of(1000, 631, 468));
        assertThat(survivors.toString()).isEqualTo("CohortSurvivors: 1000 at the start, 468 after 2 periods");
        assertThat(survivors.toTable().toText()).contains("     1    631     0.6310");
        assertThatThrownBy(() -> CohortSurvivors.of(1000, 1001)).hasMessage("alive[1] must be in 0..1000, was 1001");
        assertThatThrownBy(() -> CohortSurvivors.of(1000)).hasMessage("alive must be counts of at least periods 0 and 1, was 1 counts");
        assertThatThrownBy(() -> survivors.alive(3)).hasMessage("period must be in 0..2, was 3");
    }

    @Test
    void bulkFactoriesCheckEveryRowAndAccessorsReadRows() {
        assertThatThrownBy(() -> PurchaseHistories.of(ChronoUnit.WEEKS, new long[] {1, 0}, new double[] {2, 1},
                new double[] {5, 5})).hasMessage("recency must be 0 for a customer without repeat purchases (frequency 0), was 1.0");
        assertThatThrownBy(() -> SpendHistories.of(new long[] {1, 0}, new double[] {2, 1}))
                .hasMessageStartingWith("frequency must be >= 1 for a spend observation");
        // a recency of −0.0 is the recency 0: one row
        PurchaseHistories zeros = PurchaseHistories.accumulator(ChronoUnit.WEEKS).add(0, -0.0, 5).add(0, 0.0, 5).snapshot();
        assertThat(zeros.distinctRows()).isEqualTo(1);
        assertThat(zeros.customers()).isEqualTo(2);
        OpportunityHistories opportunities = OpportunityHistories.accumulator().add(2, 5, 6).snapshot();
        assertThat(opportunities.frequency(0)).isEqualTo(2);
        assertThat(opportunities.recency(0)).isEqualTo(5);
        // cohorts: one customer at the start, no loss in a period, and the edges of the period ranges
        CohortSurvivors survivors = CohortSurvivors.of(1, 1, 0);
        assertThat(survivors.alive(2)).isZero();
        assertThat(survivors.lost(1)).isZero();
        assertThat(survivors.lost(2)).isEqualTo(1);
        assertThat(survivors.truncate(2)).isEqualTo(survivors);
        assertThatThrownBy(() -> survivors.alive(3)).hasMessage("period must be in 0..2, was 3");
        assertThatThrownBy(() -> survivors.alive(-1)).hasMessage("period must be in 0..2, was -1");
        assertThatThrownBy(() -> survivors.lost(0)).hasMessage("period must be in 1..2, was 0");
        assertThatThrownBy(() -> survivors.lost(3)).hasMessage("period must be in 1..2, was 3");
        assertThatThrownBy(() -> survivors.truncate(3)).hasMessage("periods must be in 1..2, was 3");
        assertThatThrownBy(() -> survivors.truncate(0)).hasMessage("periods must be in 1..2, was 0");
        assertThat(CohortSurvivors.of(0, 0).isEmpty()).isTrue();
        assertThatThrownBy(() -> CohortSurvivors.of(-1, 0)).hasMessage("alive must be counts >= 0, was -1");
        assertThatThrownBy(() -> CohortSurvivors.of(5, -1)).hasMessage("alive[1] must be in 0..5, was -1");
        assertThat(survivors).isNotEqualTo(CohortSurvivors.of(1, 1, 1)).isNotEqualTo("1, 1, 0");
        assertThat(survivors.hashCode()).isNotEqualTo(CohortSurvivors.of(1, 1, 1).hashCode());
    }

    @Test
    void rowsReadAsHistoriesAndColumnsAreCopies() {
        PurchaseHistories histories = PurchaseHistories.accumulator(ChronoUnit.WEEKS).add(2, 30.43, 38.86)
                .add(0, 0, 38.86, 2).snapshot();
        assertThat(histories.get(0)).isEqualTo(PurchaseHistory.of(0, 0, 38.86, ChronoUnit.WEEKS));
        assertThat(histories.get(1)).isEqualTo(PurchaseHistory.of(2, 30.43, 38.86, ChronoUnit.WEEKS));
        assertThatThrownBy(() -> histories.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        long[] frequencies = histories.frequencies();
        frequencies[0] = 99;
        histories.recencies()[1] = 99;
        histories.ages()[1] = 99;
        histories.weights()[0] = 99;
        assertThat(histories.frequencies()).containsExactly(0, 2);
        assertThat(histories.recencies()).containsExactly(0.0, 30.43);
        assertThat(histories.ages()).containsExactly(38.86, 38.86);
        assertThat(histories.weights()).containsExactly(2, 1);

        SpendHistories spend = SpendHistories.of(new long[] {2, 1}, new double[] {22.35, 10});
        assertThat(spend.get(1)).isEqualTo(SpendHistory.of(2, 22.35));
        spend.meanSpends()[0] = 0;
        assertThat(spend.meanSpends()).containsExactly(10.0, 22.35);
        OpportunityHistories opportunities = OpportunityHistories.of(new long[] {3, 0}, new long[] {5, 0},
                new long[] {6, 6});
        assertThat(opportunities.get(0)).isEqualTo(OpportunityHistory.of(0, 0, 6));
        assertThat(opportunities.get(1)).isEqualTo(OpportunityHistory.of(3, 5, 6));
        assertThat(opportunities.opportunityCounts()).containsExactly(6, 6);
        assertThatThrownBy(() -> OpportunityHistories.of(new long[] {1}, new long[] {1, 2}, new long[] {3}))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("frequency, recency and opportunities must have the same length, were 1, 2 and 1");
    }

    @Test
    void collectorsPlusAndUnitConversionAgreeWithOneAccumulator() {
        List<PurchaseHistory> customers = List.of(PurchaseHistory.of(2, 30.43, 38.86, ChronoUnit.WEEKS),
                PurchaseHistory.of(1, 70, 140, ChronoUnit.DAYS), PurchaseHistory.of(0, 0, 38.86, ChronoUnit.WEEKS));
        PurchaseHistories collected = customers.parallelStream().collect(PurchaseHistories.collector(ChronoUnit.WEEKS));
        PurchaseHistories.Accumulator one = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
        customers.forEach(one::add);
        assertThat(collected).isEqualTo(one.snapshot());
        // 70 and 140 days are 10 and 20 weeks: a history in days is converted, not read as weeks
        assertThat(collected.get(1)).isEqualTo(PurchaseHistory.of(1, 10, 20, ChronoUnit.WEEKS));
        PurchaseHistories first = PurchaseHistories.accumulator(ChronoUnit.WEEKS).add(customers.get(0)).snapshot();
        PurchaseHistories rest = PurchaseHistories.accumulator(ChronoUnit.WEEKS).add(customers.get(1))
                .add(customers.get(2)).snapshot();
        assertThat(first.plus(rest)).isEqualTo(collected).isEqualTo(rest.plus(first));
        assertThatThrownBy(() -> first.plus(collected.in(ChronoUnit.DAYS))).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("other must have the same time unit Weeks, had Days");

        PurchaseHistories inDays = collected.in(ChronoUnit.DAYS);
        assertThat(inDays.timeUnit()).isEqualTo(ChronoUnit.DAYS);
        assertThat(inDays.get(1)).isEqualTo(PurchaseHistory.of(1, 70, 140, ChronoUnit.DAYS));
        assertThat(inDays.customers()).isEqualTo(3);
        assertThat(collected.in(ChronoUnit.WEEKS)).isSameAs(collected);
        assertThat(inDays.in(ChronoUnit.WEEKS).distinctRows()).isEqualTo(3);
        assertThatThrownBy(() -> collected.in(ChronoUnit.FOREVER)).isInstanceOf(InvalidArgumentException.class);

        SpendHistories spend = Stream.of(SpendHistory.of(2, 10), SpendHistory.of(1, 5)).collect(SpendHistories.collector());
        assertThat(spend.plus(spend).customers()).isEqualTo(4);
        assertThat(spend.plus(spend).distinctRows()).isEqualTo(2);
        OpportunityHistories opportunities = Stream.of(OpportunityHistory.of(1, 2, 3))
                .collect(OpportunityHistories.collector());
        assertThat(opportunities.plus(opportunities).weight(0)).isEqualTo(2);
        assertThat(OpportunityHistories.accumulator().snapshot()).hasToString("OpportunityHistories[no customers]");
        assertThat(OpportunityHistories.accumulator().add(opportunities.get(0), 3))
                .hasToString("OpportunityHistories.Accumulator: 3 customers, 1 distinct row");
        assertThat(SpendHistories.accumulator().add(SpendHistory.of(1, 5), 2))
                .hasToString("SpendHistories.Accumulator: 2 customers, 1 distinct row");
        assertThat(PurchaseHistories.accumulator(ChronoUnit.DAYS).add(customers.get(1)))
                .hasToString("PurchaseHistories.Accumulator: 1 customer, 1 distinct row, in days"); // "1 customers" before (issue 11)
    }
}
