package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.OpportunityHistory;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.quicktheories.core.Gen;

/** Properties of the models over random parameters and histories (QuickTheories). */
class ModelProperties {

    /** Four positive parameters of a model, such as (r, α, a, b). */
    record Parameters(double first, double second, double third, double fourth) {
    }

    /** Parameters each drawn uniformly from its range. */
    private static Gen<Parameters> parameters(double firstMin, double firstMax, double secondMin, double secondMax,
            double thirdMin, double thirdMax, double fourthMin, double fourthMax) {
        return doubles().between(firstMin, firstMax).zip(doubles().between(secondMin, secondMax),
                doubles().between(thirdMin, thirdMax), doubles().between(fourthMin, fourthMax), Parameters::new);
    }

    private static List<TransactionModel> models(Parameters p) {
        return List.of(BetaGeometricNbdModel.of(p.first(), p.second(), p.third(), p.fourth(), ChronoUnit.WEEKS),
                ModifiedBetaGeometricNbdModel.of(p.first(), p.second(), p.third(), p.fourth(), ChronoUnit.WEEKS),
                ParetoNbdModel.of(p.first(), p.second(), p.third(), p.fourth(), ChronoUnit.WEEKS));
    }

    @Test
    void likelihoodsAreFiniteAndProbabilityAliveIsAProbability() {
        qt().withExamples(200)
                .forAll(parameters(0.01, 50, 0.01, 1000, 0.01, 50, 0.01, 1000), longs().between(0, 10_000),
                        doubles().between(0.0, 1.0), doubles().between(0.01, 10_000))
                .checkAssert((p, x, recencyShare, age) -> {
                    PurchaseHistory history = PurchaseHistory.of(x, x == 0 ? 0.0 : recencyShare * age, age,
                            ChronoUnit.WEEKS);
                    for (TransactionModel model : models(p)) {
                        assertThat(model.logLikelihood(history)).as("%s", model).isFinite();
                        assertThat(model.probabilityAlive(history)).as("%s", model).isBetween(0.0, 1.0);
                    }
                });
    }

    @Test
    void predictionsNeverDecreaseWithTheHorizon() {
        qt().withExamples(100)
                .forAll(parameters(0.05, 5, 0.5, 50, 0.2, 5, 0.2, 20),
                        longs().between(0, 300).zip(doubles().between(1, 200), (x, age) -> PurchaseHistory.of(x,
                                x == 0 ? 0.0 : 0.8 * age, age, ChronoUnit.WEEKS)),
                        doubles().between(0.0, 1000), doubles().between(0.0, 1000))
                .checkAssert((p, history, t, more) -> {
                    for (TransactionModel model : models(p)) {
                        double now = model.expectedPurchases(t);
                        double later = model.expectedPurchases(t + more);
                        assertThat(now).as("%s E[X(%s)]", model, t).isFinite().isNotNegative();
                        assertThat(later).as("%s E[X(%s)] >= E[X(%s)]", model, t + more, t)
                                .isGreaterThanOrEqualTo(now * (1 - 1e-12));
                        double conditional = model.conditionalExpectedPurchases(t, history);
                        assertThat(model.conditionalExpectedPurchases(t + more, history)).as("%s E[Y]", model)
                                .isGreaterThanOrEqualTo(conditional * (1 - 1e-12));
                    }
                });
    }

    @Test
    void theBgSeriesAndTheQuadratureAgree() {
        qt().withExamples(200)
                .forAll(parameters(0.05, 20, 0.5, 50, 0.1, 5, 1.5, 500), doubles().between(0.01, 0.9))
                .checkAssert((p, z) -> {
                    double r = p.first();
                    double alpha = p.second();
                    double a = p.third();
                    double b = p.fourth();
                    double t = alpha * z / (1 - z);
                    // z <= 0.9 and a + b − 1 >= 0.5: expectation() takes the series; the quadrature is an
                    // independent route
                    double series = BetaGeometricCore.expectation(r, alpha, a, b, t);
                    double integral = BetaGeometricCore.integratedExpectation(r, alpha, a, b, t);
                    assertThat(series).isCloseTo(integral, within(1e-10 * Math.max(1, integral)));
                });
    }

    /**
     * A statistical property: each estimate within 5 Wald standard errors of the truth. Where the normal
     * approximation holds a miss has probability below 1e-6 per parameter; at the low corner of the
     * ranges the estimates of a and b are skewed and strongly correlated, and misses are rarer than
     * that but not negligible (simulation seed 3183 with r 0.3, α 3.92, a 0.5, b 1.5 puts b at −5.01 SE;
     * 400 other seeds there stay within 3.7 SE). The examples come from a fixed seed, so that the test
     * is reproducible rather than a lottery; the ranges and the bound are those of the property.
     */
    @Test
    void simulatedCustomersAreFittedBackWithinSamplingError() {
        qt().withFixedSeed(2007).withExamples(6)
                .forAll(integers().between(0, 1_000_000), parameters(0.3, 2, 2, 12, 0.5, 2, 1.5, 6))
                .checkAssert((seed, p) -> {
                    double[] ages = new double[6000];
                    for (int i = 0; i < ages.length; i++) {
                        ages[i] = 30 + 30.0 * i / ages.length;
                    }
                    BetaGeometricNbdModel truth = BetaGeometricNbdModel.of(p.first(), p.second(), p.third(), p.fourth(),
                            ChronoUnit.WEEKS);
                    ModelFit fit = BetaGeometricNbdModel.fit(truth.simulate(ages, seed)).fitResult();
                    for (String name : fit.parameterNames()) {
                        // 5 standard errors: a false alarm has probability below 1e-6 per parameter
                        assertThat(Math.abs(fit.parameter(name) - truth.parameters().get(name))).as(name)
                                .isLessThan(5 * fit.estimate(name).standardError());
                    }
                });
    }

    @Test
    void compressingIdenticalRowsGivesTheSameFitAsUncompressedRows() {
        qt().withExamples(10).forAll(longs().all()).checkAssert(seed -> {
            // the CDNOW customers added one by one in a random order, versus their compressed rows with weights
            List<ReferenceData.Customer> customers = new ArrayList<>(ReferenceData.cdnowCustomers());
            Collections.shuffle(customers, new Random(seed));
            PurchaseHistories.Accumulator oneByOne = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
            customers.forEach(c -> oneByOne.add(c.x(), c.recency(), c.age()));
            PurchaseHistories compressed = ReferenceData.cdnow();
            PurchaseHistories.Accumulator split = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
            PurchaseHistories.Accumulator other = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
            for (int i = 0; i < compressed.distinctRows(); i++) {
                (i % 2 == 0 ? split : other).add(compressed.get(i), compressed.weight(i));
            }
            PurchaseHistories shuffled = oneByOne.snapshot();
            assertThat(shuffled).isEqualTo(compressed).isEqualTo(split.combine(other).snapshot());
            assertThat(BetaGeometricNbdModel.fit(shuffled)).isEqualTo(BetaGeometricNbdModel.fit(compressed));
            // and the likelihood of the compressed rows is the sum over the customers
            BetaGeometricNbdModel model = BetaGeometricNbdModel.of(0.3, 4, 0.8, 2.4, ChronoUnit.WEEKS);
            double sum = customers.stream().mapToDouble(c -> model.logLikelihood(
                    PurchaseHistory.of(c.x(), c.recency(), c.age(), ChronoUnit.WEEKS))).sum();
            assertThat(model.logLikelihood(compressed)).isCloseTo(sum, within(1e-8));
        });
    }

    @Test
    void bgBbAndSbgPredictionsAreProbabilitiesAndMonotone() {
        qt().withExamples(50)
                .forAll(parameters(0.05, 20, 0.05, 20, 0.05, 20, 0.05, 20), integers().between(1, 60),
                        integers().between(0, 60))
                .checkAssert((p, n, x) -> {
                    BetaGeometricBetaBinomialModel bgbb = BetaGeometricBetaBinomialModel.of(p.first(), p.second(),
                            p.third(), p.fourth());
                    long frequency = Math.min(x, n);
                    OpportunityHistory history = OpportunityHistory.of(frequency, frequency == 0 ? 0 : n, n);
                    assertThat(bgbb.probabilityAlive(history)).isBetween(0.0, 1.0);
                    assertThat(bgbb.logLikelihood(history)).isFinite();
                    assertThat(bgbb.expectedPurchases(n + 1)).isGreaterThanOrEqualTo(bgbb.expectedPurchases(n));
                    assertThat(bgbb.conditionalExpectedPurchases(n + 1, history))
                            .isGreaterThanOrEqualTo(bgbb.conditionalExpectedPurchases(n, history));
                    ShiftedBetaGeometricModel sbg = ShiftedBetaGeometricModel.of(p.first(), p.second());
                    assertThat(sbg.survival(n)).isBetween(0.0, 1.0).isLessThanOrEqualTo(sbg.survival(n - 1));
                    assertThat(sbg.retentionRate(n)).isBetween(0.0, 1.0);
                    assertThat(sbg.discountedExpectedResidualLifetime(n, 0.1)).isBetween(0.0, 11.0);
                });
    }
}
