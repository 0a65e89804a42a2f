package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.loyaltymetrics.data.PurchaseHistories;

class ModelProperties {

    private static List<TransactionModel> models(double r, double alpha, double a, double b) {
        return List.of(BetaGeometricNbdModel.of(r, alpha, a, b, ChronoUnit.WEEKS),
                ModifiedBetaGeometricNbdModel.of(r, alpha, a, b, ChronoUnit.WEEKS),
                ParetoNbdModel.of(r, alpha, a, b, ChronoUnit.WEEKS));
    }

    @Property(tries = 200)
    void likelihoodsAreFiniteAndProbabilityAliveIsAProbability(
            @ForAll @DoubleRange(min = 0.01, max = 50) double r, @ForAll @DoubleRange(min = 0.01, max = 1000) double alpha,
            @ForAll @DoubleRange(min = 0.01, max = 50) double a, @ForAll @DoubleRange(min = 0.01, max = 1000) double b,
            @ForAll @LongRange(max = 10_000) long x, @ForAll @DoubleRange(min = 0.0, max = 1.0) double recencyShare,
            @ForAll @DoubleRange(min = 0.01, max = 10_000) double age) {
        double recency = x == 0 ? 0.0 : recencyShare * age;
        for (TransactionModel model : models(r, alpha, a, b)) {
            assertThat(model.logLikelihood(x, recency, age)).as("%s", model).isFinite();
            assertThat(model.probabilityAlive(x, recency, age)).as("%s", model).isBetween(0.0, 1.0);
        }
    }

    @Property(tries = 100)
    void predictionsNeverDecreaseWithTheHorizon(
            @ForAll @DoubleRange(min = 0.05, max = 5) double r, @ForAll @DoubleRange(min = 0.5, max = 50) double alpha,
            @ForAll @DoubleRange(min = 0.2, max = 5) double a, @ForAll @DoubleRange(min = 0.2, max = 20) double b,
            @ForAll @LongRange(max = 300) long x, @ForAll @DoubleRange(min = 1, max = 200) double age,
            @ForAll @DoubleRange(min = 0.0, max = 1000) double t, @ForAll @DoubleRange(min = 0.0, max = 1000) double more) {
        double recency = x == 0 ? 0.0 : 0.8 * age;
        for (TransactionModel model : models(r, alpha, a, b)) {
            double now = model.expectedPurchases(t);
            double later = model.expectedPurchases(t + more);
            assertThat(now).as("%s E[X(%s)]", model, t).isFinite().isNotNegative();
            assertThat(later).as("%s E[X(%s)] >= E[X(%s)]", model, t + more, t).isGreaterThanOrEqualTo(now * (1 - 1e-12));
            double conditional = model.conditionalExpectedPurchases(t, x, recency, age);
            assertThat(model.conditionalExpectedPurchases(t + more, x, recency, age))
                    .as("%s E[Y]", model).isGreaterThanOrEqualTo(conditional * (1 - 1e-12));
        }
    }

    @Property(tries = 200)
    void theBgSeriesAndTheQuadratureAgree(
            @ForAll @DoubleRange(min = 0.05, max = 20) double r, @ForAll @DoubleRange(min = 0.5, max = 50) double alpha,
            @ForAll @DoubleRange(min = 0.1, max = 5) double a, @ForAll @DoubleRange(min = 1.5, max = 500) double b,
            @ForAll @DoubleRange(min = 0.01, max = 0.9) double z) {
        double t = alpha * z / (1 - z);
        // z <= 0.9 and a + b − 1 >= 0.5: expectation() takes the series; the quadrature is an independent route
        double series = BetaGeometricCore.expectation(r, alpha, a, b, t);
        double integral = BetaGeometricCore.integratedExpectation(r, alpha, a, b, t);
        assertThat(series).isCloseTo(integral, within(1e-10 * Math.max(1, integral)));
    }

    @Property(tries = 6)
    void simulatedCustomersAreFittedBackWithinSamplingError(@ForAll @IntRange(min = 0, max = 1_000_000) int seed,
            @ForAll @DoubleRange(min = 0.3, max = 2) double r, @ForAll @DoubleRange(min = 2, max = 12) double alpha,
            @ForAll @DoubleRange(min = 0.5, max = 2) double a, @ForAll @DoubleRange(min = 1.5, max = 6) double b) {
        double[] ages = new double[6000];
        for (int i = 0; i < ages.length; i++) {
            ages[i] = 30 + 30.0 * i / ages.length;
        }
        BetaGeometricNbdModel truth = BetaGeometricNbdModel.of(r, alpha, a, b, ChronoUnit.WEEKS);
        ModelFit fit = BetaGeometricNbdModel.fit(truth.simulate(ages, seed)).fitResult();
        for (String name : fit.parameterNames()) {
            // 5 standard errors: a false alarm has probability below 1e-6 per parameter
            assertThat(Math.abs(fit.parameter(name) - truth.parameters().get(name))).as(name)
                    .isLessThan(5 * fit.standardErrors().get(name));
        }
    }

    @Property(tries = 10)
    void compressingIdenticalRowsGivesTheSameFitAsUncompressedRows(@ForAll long seed) {
        // the CDNOW customers added one by one in a random order, versus their compressed rows with weights
        List<ReferenceData.Customer> customers = new ArrayList<>(ReferenceData.cdnowCustomers());
        Collections.shuffle(customers, new Random(seed));
        PurchaseHistories.Accumulator oneByOne = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
        customers.forEach(c -> oneByOne.add(c.x(), c.recency(), c.age()));
        PurchaseHistories compressed = ReferenceData.cdnow();
        PurchaseHistories.Accumulator split = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
        PurchaseHistories.Accumulator other = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
        for (int i = 0; i < compressed.distinctRows(); i++) {
            (i % 2 == 0 ? split : other).add(compressed.frequency(i), compressed.recency(i), compressed.age(i),
                    compressed.weight(i));
        }
        PurchaseHistories shuffled = oneByOne.snapshot();
        assertThat(shuffled).isEqualTo(compressed).isEqualTo(split.combine(other).snapshot());
        assertThat(BetaGeometricNbdModel.fit(shuffled)).isEqualTo(BetaGeometricNbdModel.fit(compressed));
        // and the likelihood of the compressed rows is the sum over the customers
        BetaGeometricNbdModel model = BetaGeometricNbdModel.of(0.3, 4, 0.8, 2.4, ChronoUnit.WEEKS);
        double sum = customers.stream().mapToDouble(c -> model.logLikelihood(c.x(), c.recency(), c.age())).sum();
        assertThat(model.logLikelihood(compressed)).isCloseTo(sum, within(1e-8));
    }

    @Property(tries = 50)
    void bgBbAndSbgPredictionsAreProbabilitiesAndMonotone(
            @ForAll @DoubleRange(min = 0.05, max = 20) double alpha, @ForAll @DoubleRange(min = 0.05, max = 20) double beta,
            @ForAll @DoubleRange(min = 0.05, max = 20) double gamma, @ForAll @DoubleRange(min = 0.05, max = 20) double delta,
            @ForAll @IntRange(min = 1, max = 60) int n, @ForAll @IntRange(max = 60) int x) {
        BetaGeometricBetaBinomialModel bgbb = BetaGeometricBetaBinomialModel.of(alpha, beta, gamma, delta);
        long frequency = Math.min(x, n);
        long recency = frequency == 0 ? 0 : n;
        assertThat(bgbb.probabilityAlive(frequency, recency, n)).isBetween(0.0, 1.0);
        assertThat(bgbb.logLikelihood(frequency, recency, n)).isFinite();
        assertThat(bgbb.expectedPurchases(n + 1)).isGreaterThanOrEqualTo(bgbb.expectedPurchases(n));
        assertThat(bgbb.conditionalExpectedPurchases(n + 1, frequency, recency, n))
                .isGreaterThanOrEqualTo(bgbb.conditionalExpectedPurchases(n, frequency, recency, n));
        ShiftedBetaGeometricModel sbg = ShiftedBetaGeometricModel.of(alpha, beta);
        assertThat(sbg.survival(n)).isBetween(0.0, 1.0).isLessThanOrEqualTo(sbg.survival(n - 1));
        assertThat(sbg.retentionRate(n)).isBetween(0.0, 1.0);
        assertThat(sbg.discountedExpectedResidualLifetime(n, 0.1)).isBetween(0.0, 11.0);
    }
}
