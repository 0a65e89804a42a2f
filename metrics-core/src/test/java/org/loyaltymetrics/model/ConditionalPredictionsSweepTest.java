package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.PurchaseHistory;

/**
 * The conditional predictions over the whole domain the other sweeps cover: parameters log-uniform in
 * 10⁻⁴..10⁴, x = 0 or log-uniform up to 10⁴, T in 10⁻²..10⁴, tₓ uniform in [0, T], horizons in
 * 10⁻²..10⁴, 2,000 random points (seed 12): P(Y(t) = n | x, tₓ, T) for n = 0, 1, 10 is a probability,
 * P(alive at T + t) is in [0, P(alive at T)] (before the long-horizon identity of
 * {@code BetaGeometricCore.survival}, a tanh-sinh quadrature over p threw for 382 of these points), and
 * the Pareto/NBD's DERT for δ = 10⁻⁶, 10⁻², 1 is finite and ≥ 0; none throws. Their accuracy is
 * checked in {@link ConditionalPredictionsTest} and {@link ConditionalPredictionsProperties}.
 */
class ConditionalPredictionsSweepTest {

    @Test
    void everyConditionalPredictionIsInRangeOverTheDomain() {
        Random random = new Random(12);
        List<String> problems = new ArrayList<>();
        int evaluations = 0;
        for (int point = 0; point < 2_000; point++) {
            double[] theta = new double[4];
            for (int k = 0; k < 4; k++) {
                theta[k] = Math.pow(10, -4 + 8 * random.nextDouble());
            }
            long x = random.nextInt(4) == 0 ? 0 : (long) Math.pow(10, 4 * random.nextDouble());
            double age = Math.pow(10, -2 + 6 * random.nextDouble());
            double recency = x == 0 ? 0 : age * random.nextDouble();
            double t = Math.pow(10, -2 + 6 * random.nextDouble());
            PurchaseHistory h = PurchaseHistory.of(x, recency, age, ChronoUnit.WEEKS);
            for (TransactionModel model : List.of(
                    BetaGeometricNbdModel.of(theta[0], theta[1], theta[2], theta[3], ChronoUnit.WEEKS),
                    ModifiedBetaGeometricNbdModel.of(theta[0], theta[1], theta[2], theta[3], ChronoUnit.WEEKS),
                    ParetoNbdModel.of(theta[0], theta[1], theta[2], theta[3], ChronoUnit.WEEKS))) {
                String where = model + ", " + h + ", t " + t;
                try {
                    for (long n : new long[] {0, 1, 10}) {
                        evaluations++;
                        double p = model.probabilityOfPurchases(n, t, h);
                        if (!(p >= 0.0 && p <= 1.0)) {
                            problems.add(where + ": P(Y = " + n + ") = " + p);
                        }
                    }
                    evaluations++;
                    double later = model.probabilityAlive(t, h);
                    double now = model.probabilityAlive(h);
                    if (!(later >= 0.0 && later <= now + 1e-15)) {
                        problems.add(where + ": P(alive later) = " + later + ", now " + now);
                    }
                    if (model instanceof ParetoNbdModel pareto) {
                        for (double delta : new double[] {1e-6, 1e-2, 1.0}) {
                            evaluations++;
                            double dert = pareto.discountedExpectedResidualTransactions(delta, h);
                            if (!(dert >= 0.0 && dert < Double.POSITIVE_INFINITY)) {
                                problems.add(where + ": DERT(" + delta + ") = " + dert);
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    problems.add(where + ": " + e);
                }
            }
        }
        System.out.println("Conditional predictions sweep: " + evaluations + " evaluations, " + problems.size()
                + " problems");
        assertThat(problems).isEmpty();
    }
}
