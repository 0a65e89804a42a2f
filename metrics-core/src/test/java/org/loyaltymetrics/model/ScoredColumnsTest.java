package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.model.Scorer.Customer;
import org.loyaltymetrics.model.Scorer.Figure;
import org.loyaltymetrics.model.Scorer.Score;
import org.loyaltymetrics.model.Scorer.ScoredColumns;

/**
 * {@link Scorer#scoreColumns}: the bulk path of BG/NBD and MBG/NBD gives each customer the models' own
 * one-customer predictions, P(alive) to the bit and the expected purchases to 1e-13 relative (its formulas
 * are theirs, rounded in another order: the bound of BetaGeometricPredictions' class comment), whatever
 * the other customers of its chunk; every other scorer gives exactly {@link Scorer#score}'s values.
 */
class ScoredColumnsTest {

    /** Random tables: customers of all frequencies (some past the grouped ones), ages and recencies. */
    private static final class Table {
        final long[] x;
        final double[] recency;
        final double[] age;

        Table(long seed, int rows, double maxAge) {
            SplittableRandom random = new SplittableRandom(seed);
            x = new long[rows];
            recency = new double[rows];
            age = new double[rows];
            for (int i = 0; i < rows; i++) {
                int kind = random.nextInt(10);
                x[i] = kind < 4 ? 0 : kind < 8 ? random.nextInt(12) : kind < 9 ? random.nextInt(200)
                        : BetaGeometricPredictions.GROUPS + random.nextInt(300);
                age[i] = maxAge * (0.001 + random.nextDouble());
                recency[i] = x[i] == 0 ? 0.0 : age[i] * random.nextDouble();
            }
        }
    }

    @Test
    void theBulkPathGivesEachCustomerTheOneCustomerPredictions() {
        qt().withExamples(25).withShrinkCycles(0).forAll(doubles().between(0.05, 30), doubles().between(0.1, 50), doubles().between(0.05, 20),
                doubles().between(0.05, 20)).checkAssert((r, alpha, a, b) -> {
            Table table = new Table(Double.doubleToLongBits(r * alpha + a - b), 250, 30 * alpha);
            for (TransactionModel model : List.of(BetaGeometricNbdModel.of(r, alpha, a, b, ChronoUnit.WEEKS),
                    ModifiedBetaGeometricNbdModel.of(r, alpha, a, b, ChronoUnit.WEEKS))) {
                for (double horizon : new double[] {0.0, 0.3 * alpha, 39.0, 40.0 * alpha}) {
                    ScoredColumns scores = Scorer.of(model, horizon).scoreColumns(ChronoUnit.WEEKS, table.x,
                            table.recency, table.age);
                    for (int i = 0; i < table.x.length; i++) {
                        PurchaseHistory h = PurchaseHistory.of(table.x[i], table.recency[i], table.age[i],
                                ChronoUnit.WEEKS);
                        double expected = model.conditionalExpectedPurchases(horizon, h);
                        double alive = model.probabilityAlive(h);
                        assertThat(scores.value(Figure.EXPECTED_PURCHASES, i)).as("%s t=%s %s", model, horizon, h)
                                .isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-13 * expected + 1e-300));
                        assertThat(scores.value(Figure.PROBABILITY_ALIVE, i)).as("%s %s", model, h).isEqualTo(alive);
                    }
                }
            }
        });
    }

    @Test
    void aCustomersScoreDoesNotDependOnTheOtherCustomersOfTheTable() {
        // the series of a chunk runs until its extreme customers have settled: the terms another customer
        // gets past its own stopping point are below half a unit in the last place of its sum, so change
        // nothing, to the bit
        BetaGeometricNbdModel model = BetaGeometricNbdModel.of(0.243, 4.414, 0.793, 2.426, ChronoUnit.WEEKS);
        Table table = new Table(7, 3 * Scorer.COLUMN_CHUNK + 11, 80);
        Scorer scorer = Scorer.of(model, 39);
        ScoredColumns all = scorer.scoreColumns(ChronoUnit.WEEKS, table.x, table.recency, table.age);
        for (int i = 0; i < table.x.length; i += 37) {
            ScoredColumns alone = scorer.scoreColumns(ChronoUnit.WEEKS, new long[] {table.x[i]},
                    new double[] {table.recency[i]}, new double[] {table.age[i]});
            assertThat(alone.value(Figure.EXPECTED_PURCHASES, 0)).isEqualTo(all.value(Figure.EXPECTED_PURCHASES, i));
            assertThat(alone.value(Figure.PROBABILITY_ALIVE, 0)).isEqualTo(all.value(Figure.PROBABILITY_ALIVE, i));
        }
    }

    @Test
    void cdnowInDaysAgainstTheModelInWeeks() {
        BetaGeometricNbdModel model = BetaGeometricNbdModel.fit(ReferenceData.cdnow());
        List<ReferenceData.Customer> customers = ReferenceData.cdnowCustomers();
        int n = customers.size();
        long[] x = new long[n];
        double[] recency = new double[n];
        double[] age = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = customers.get(i).x();
            recency[i] = customers.get(i).recency() * 7;
            age[i] = customers.get(i).age() * 7;
        }
        ScoredColumns scores = Scorer.of(model, 39).scoreColumns(ChronoUnit.DAYS, x, recency, age);
        assertThat(scores.rows()).isEqualTo(2357);
        assertThat(scores.toString()).isEqualTo("ScoredColumns: 2357 rows of expected_purchases, probability_alive");
        // customer 1 of the published example: x = 2, tₓ = 30.43, T = 38.86 weeks -> 1.226 in the next 39 weeks
        assertThat(scores.value(Figure.EXPECTED_PURCHASES, 0)).isBetween(1.2255, 1.2265);
        double[] column = scores.values(Figure.EXPECTED_PURCHASES);
        column[0] = -1;
        assertThat(scores.value(Figure.EXPECTED_PURCHASES, 0)).isPositive(); // a copy
        assertThat(scores.hasIntervals()).isFalse();
        assertThatThrownBy(() -> scores.estimate(Figure.PROBABILITY_ALIVE, 0)).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> scores.value(Figure.LIFETIME_VALUE, 0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("figure");
        assertThatThrownBy(() -> scores.value(Figure.PROBABILITY_ALIVE, 2357)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("row must be in [0, 2357), was 2357");
    }

    @Test
    void otherScorersGiveExactlyTheirOneCustomerScores() {
        BetaGeometricNbdModel bgnbd = BetaGeometricNbdModel.fit(ReferenceData.cdnow());
        ParetoNbdModel pareto = ParetoNbdModel.of(0.553, 10.578, 0.606, 11.669, ChronoUnit.WEEKS);
        GammaGammaModel spend = GammaGammaModel.fit(ReferenceData.cdnowSpend());
        Table table = new Table(11, 500, 60);
        for (Scorer scorer : List.of(Scorer.of(pareto, 26), Scorer.of(bgnbd, 39).withIntervals(0.9),
                Scorer.of(bgnbd, 39).withSpend(spend))) {
            ScoredColumns scores = scorer.scoreColumns(ChronoUnit.WEEKS, table.x, table.recency, table.age);
            assertThat(scores.figures()).isEqualTo(scorer.figures());
            List<Customer> customers = new ArrayList<>();
            for (int i = 0; i < table.x.length; i++) {
                customers.add(Customer.of(i, PurchaseHistory.of(table.x[i], table.recency[i], table.age[i],
                        ChronoUnit.WEEKS)));
            }
            List<Score> one = scorer.scoreAll(customers);
            for (int i = 0; i < table.x.length; i++) {
                for (Figure figure : scorer.figures()) {
                    assertThat(scores.value(figure, i)).isEqualTo(one.get(i).value(figure));
                    if (scorer.hasIntervals()) {
                        assertThat(scores.confidenceInterval(figure, i)).isEqualTo(one.get(i).confidenceInterval(figure));
                    }
                }
            }
        }
    }

    @Test
    void badColumnsAreRefusedNamingTheFirstBadRow() {
        Scorer scorer = Scorer.of(BetaGeometricNbdModel.of(0.243, 4.414, 0.793, 2.426, ChronoUnit.WEEKS), 39);
        assertThatThrownBy(() -> scorer.scoreColumns(ChronoUnit.WEEKS, new long[2], new double[1], new double[2]))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("frequency, recency and age must have the same length, were 2, 1 and 2");
        long[] x = new long[10_000];
        double[] recency = new double[10_000];
        double[] age = new double[10_000];
        java.util.Arrays.fill(age, 10.0);
        recency[9_000] = 11.0;
        x[9_000] = 1;
        recency[7_000] = 2.0; // x = 0 with a recency: the first bad row
        assertThatThrownBy(() -> scorer.scoreColumns(ChronoUnit.WEEKS, x, recency, age))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("row 7000: recency must be 0 for a customer without repeat purchases (frequency 0), was 2.0")
                .extracting(e -> ((InvalidArgumentException) e).argument()).isEqualTo("recency[7000]");
        assertThatThrownBy(() -> scorer.scoreColumns(ChronoUnit.FOREVER, x, recency, age))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("timeUnit");
        assertThat(scorer.scoreColumns(ChronoUnit.WEEKS, new long[0], new double[0], new double[0]).rows()).isZero();
    }
}
