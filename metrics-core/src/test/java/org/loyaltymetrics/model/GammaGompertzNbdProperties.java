package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.PurchaseHistory;

/**
 * GGom/NBD invariants over r, α, β in 10⁻²..10², b in 10⁻³..1 (so that e^(bT) overflows a double at
 * T = 500), s one of 0.05, 0.7, 10, and histories up to 200 purchases and 500 time units: finite
 * log-likelihood, P(alive) in [0, 1] and falling in the time after T, CET non-negative and rising in t.
 * Outside this domain the likelihood's quadrature is known to fail: where the lifetime density is a
 * spike at tₓ (s b/β about 10⁶, e.g. r = 548, α = 11.3, b = 6.8, s = 1000, β = 0.0034, x = 0, T = 30) its
 * panels miss it and ln L is −∞.
 */
class GammaGompertzNbdProperties {

    @Test
    void predictionsAreFiniteAndInRange() {
        qt().withShrinkCycles(0).withExamples(150).forAll(doubles().between(-2, 2), doubles().between(-2, 2), doubles().between(-3, 0),
                doubles().between(-2, 2)).checkAssert((lr, la, lb, lbeta) -> {
                  for (double shape : new double[] {0.05, 0.7, 10}) {
                    GammaGompertzNbdModel model = GammaGompertzNbdModel.of(Math.pow(10, lr), Math.pow(10, la),
                            Math.pow(10, lb), shape, Math.pow(10, lbeta), ChronoUnit.WEEKS);
                    for (double[] h : new double[][] {{0, 0, 30}, {3, 10, 500}, {200, 499, 500}, {5, 0.5, 1}}) {
                        PurchaseHistory history = new PurchaseHistory((long) h[0], h[1], h[2], ChronoUnit.WEEKS);
                        assertThat(model.logLikelihood(history)).as("%s %s", model, history).isFinite();
                        double alive = model.probabilityAlive(history);
                        assertThat(alive).as("%s %s", model, history).isBetween(0.0, 1.0);
                        assertThat(model.probabilityAlive(10, history)).isBetween(0.0, alive);
                        double near = model.conditionalExpectedPurchases(10, history);
                        double far = model.conditionalExpectedPurchases(50, history);
                        assertThat(near).as("%s %s", model, history).isFinite().isGreaterThanOrEqualTo(0.0);
                        assertThat(far).as("%s %s", model, history).isFinite()
                                .isGreaterThanOrEqualTo(near * (1 - 1e-12));
                    }
                  }
                });
    }

    @Test
    void newCustomerCountsSumToOne() {
        qt().withShrinkCycles(0).withExamples(40).forAll(doubles().between(-1, 1), doubles().between(-1, 1), doubles().between(-3, 0),
                integers().between(1, 60)).checkAssert((lr, lb, lbeta, t) -> {
                    GammaGompertzNbdModel model = GammaGompertzNbdModel.of(Math.pow(10, lr), 5.0, Math.pow(10, lb), 0.8,
                            Math.pow(10, lbeta), ChronoUnit.WEEKS);
                    double total = 0.0;
                    double mean = 0.0;
                    for (int n = 0; n < 2000 && total < 1 - 1e-13; n++) {
                        double p = model.probabilityOfPurchases(n, t);
                        total += p;
                        mean += n * p;
                    }
                    assertThat(total).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
                    assertThat(mean).isCloseTo(model.expectedPurchases(t),
                            org.assertj.core.api.Assertions.within(1e-7 * (1 + mean)));
                });
    }
}
