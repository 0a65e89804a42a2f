package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.SpendHistory;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.Estimate;

/**
 * The delta method and the bootstrap of {@link PredictionUncertainty} on the CDNOW fits: the delta
 * method's standard errors against ∇fᵀ Σ ∇f with the gradient taken here by Richardson-extrapolated
 * central differences in each parameter (an independent scheme: coordinate directions, four steps,
 * error O(h⁴)), and against analytic gradients where they are simple; the bootstrap's determinism and
 * its agreement with the delta method within Monte Carlo error.
 */
class PredictionUncertaintyTest {

    private static final PurchaseHistory REGULAR = weeks(2, 30.43, 38.86);
    private static final PurchaseHistory NEW = weeks(0, 0, 38.86);
    private static final PurchaseHistory HEAVY = weeks(6, 36, 38);
    private static final ValuationHorizon YEAR = ValuationHorizon.of(12, ChronoUnit.MONTHS, 0.01);

    private static BetaGeometricNbdModel bgNbd;
    private static ParetoNbdModel pareto;
    private static GammaGammaModel spend;

    static PurchaseHistory weeks(long frequency, double recency, double age) {
        return PurchaseHistory.of(frequency, recency, age, ChronoUnit.WEEKS);
    }

    static synchronized BetaGeometricNbdModel bgNbd() {
        if (bgNbd == null) {
            bgNbd = BetaGeometricNbdModel.fit(ReferenceData.cdnow());
        }
        return bgNbd;
    }

    static synchronized ParetoNbdModel pareto() {
        if (pareto == null) {
            pareto = ParetoNbdModel.fit(ReferenceData.cdnow());
        }
        return pareto;
    }

    static synchronized GammaGammaModel spend() {
        if (spend == null) {
            spend = GammaGammaModel.fit(ReferenceData.cdnowSpend());
        }
        return spend;
    }

    /**
     * ∂f/∂θₖ by Richardson extrapolation of central differences with steps h, h/2 (h = 1e-3 θₖ):
     * (4 D(h/2) − D(h))/3, error O(h⁴) ≈ 1e-12 of the scale of f, rounding ≈ 1e-13/1e-3.
     */
    static double[] gradient(double[] theta, Function<double[], Double> f) {
        double[] g = new double[theta.length];
        for (int k = 0; k < theta.length; k++) {
            double h = 1e-3 * theta[k];
            g[k] = (4.0 * central(theta, f, k, h / 2) - central(theta, f, k, h)) / 3.0;
        }
        return g;
    }

    private static double central(double[] theta, Function<double[], Double> f, int k, double h) {
        double[] plus = theta.clone();
        double[] minus = theta.clone();
        plus[k] += h;
        minus[k] -= h;
        return (f.apply(plus) - f.apply(minus)) / (2 * h);
    }

    static double quadraticForm(double[] g, double[][] sigma) {
        double sum = 0.0;
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                sum += g[i] * sigma[i][j] * g[j];
            }
        }
        return sum;
    }

    /** The delta standard error of a purchase-model prediction with the test's gradient. */
    static double referenceError(TransactionModel model, ToDoubleFunction<TransactionModel> prediction) {
        double[] theta = model.fitResult().estimates();
        double[] g = gradient(theta, t -> prediction.applyAsDouble(PredictionUncertainty.withParameters(model, t)));
        return Math.sqrt(quadraticForm(g, model.fitResult().covariance()));
    }

    @Test
    void deltaStandardErrorsAgreeWithTheGradientByRichardsonExtrapolation() {
        ModifiedBetaGeometricNbdModel mbgNbd = ModifiedBetaGeometricNbdModel.fit(ReferenceData.cdnow());
        for (TransactionModel model : List.<TransactionModel>of(bgNbd(), mbgNbd, pareto())) {
            PredictionUncertainty uncertainty = model.uncertainty();
            assertThat(uncertainty.method()).isEqualTo(PredictionUncertainty.IntervalMethod.DELTA);
            check(uncertainty.expectedPurchases(52), model, m -> m.expectedPurchases(52));
            for (PurchaseHistory h : List.of(REGULAR, NEW, HEAVY)) {
                check(uncertainty.conditionalExpectedPurchases(39, h), model, m -> m.conditionalExpectedPurchases(39, h));
                check(uncertainty.probabilityAlive(h), model, m -> m.probabilityAlive(h));
                check(uncertainty.probabilityAlive(26, h), model, m -> m.probabilityAlive(26, h));
                check(uncertainty.estimate((m, g) -> m.probabilityOfPurchases(1, 39, h)), model,
                        m -> m.probabilityOfPurchases(1, 39, h));
            }
        }
        PredictionUncertainty paretoUncertainty = pareto().uncertainty();
        double delta = Math.log(1.15) / 52;
        check(paretoUncertainty.discountedExpectedResidualTransactions(delta, REGULAR), pareto(),
                m -> ((ParetoNbdModel) m).discountedExpectedResidualTransactions(delta, REGULAR));
    }

    private static void check(Estimate estimate, TransactionModel model, ToDoubleFunction<TransactionModel> prediction) {
        assertThat(estimate.value()).isEqualTo(prediction.applyAsDouble(model));
        double expected = referenceError(model, prediction);
        if (expected == 0.0) {
            assertThat(estimate.standardError()).isLessThan(1e-12);
        } else {
            assertThat(estimate.standardError()).as("%s", estimate).isCloseTo(expected, within(1e-7 * expected));
        }
    }

    @Test
    void aCustomerWithoutRepeatPurchasesIsAliveForSureUnderBgNbd() {
        Estimate alive = bgNbd().uncertainty().probabilityAlive(NEW);
        assertThat(alive.value()).isEqualTo(1.0);
        assertThat(alive.standardError()).isZero();
    }

    @Test
    void spendAndLifetimeValueCombineTwoIndependentFits() {
        GammaGammaModel gg = spend();
        PredictionUncertainty uncertainty = PredictionUncertainty.delta(bgNbd(), gg);
        assertThat(uncertainty.hasSpendModel()).isTrue();
        // the population mean p v/(q − 1): analytic gradient (v/(q − 1), −p v/(q − 1)², p/(q − 1))
        double p = gg.p();
        double q = gg.q();
        double v = gg.v();
        double[] g = {v / (q - 1), -p * v / ((q - 1) * (q - 1)), p / (q - 1)};
        double[][] sigma = gg.fitResult().covariance();
        Estimate mean = uncertainty.populationMeanSpend();
        assertThat(mean.value()).isEqualTo(gg.populationMeanSpend());
        assertThat(mean.standardError()).isCloseTo(Math.sqrt(quadraticForm(g, sigma)), within(1e-8 * mean.standardError()));
        // E[Z | x, z̄] = p (v + x z̄)/(p x + q − 1): analytic gradient
        SpendHistory spending = SpendHistory.of(2, 35.5);
        double d = p * 2 + q - 1;
        double[] gs = {(v + 2 * 35.5) / d - p * (v + 2 * 35.5) * 2 / (d * d), -p * (v + 2 * 35.5) / (d * d), p / d};
        Estimate expectedSpend = uncertainty.conditionalExpectedAverageSpend(spending);
        assertThat(expectedSpend.standardError()).isCloseTo(Math.sqrt(quadraticForm(gs, sigma)),
                within(1e-8 * expectedSpend.standardError()));
        // CLV = A(θ) S(φ), block-diagonal covariance: Var = S² ∇Aᵀ Σθ ∇A + A² ∇Sᵀ Σφ ∇S
        Estimate clv = uncertainty.customerLifetimeValue(REGULAR, spending, YEAR);
        assertThat(clv.value()).isCloseTo(gg.customerLifetimeValue(bgNbd(), REGULAR, spending, YEAR), within(1e-12));
        double a = GammaGammaModel.lifetimeValue(bgNbd(), REGULAR, 1.0, YEAR);
        double s = gg.conditionalExpectedAverageSpend(spending);
        double errorA = referenceError(bgNbd(), m -> GammaGammaModel.lifetimeValue(m, REGULAR, 1.0, YEAR));
        double expected = Math.sqrt(s * s * errorA * errorA + a * a * quadraticForm(gs, sigma));
        assertThat(clv.standardError()).isCloseTo(expected, within(1e-7 * expected));
        Estimate noSpend = uncertainty.customerLifetimeValue(NEW, YEAR);
        assertThat(noSpend.value()).isCloseTo(gg.customerLifetimeValue(bgNbd(), NEW, YEAR), within(1e-12));
        assertThat(noSpend.standardError()).isPositive();
    }

    @Test
    void theCohortTotalSumsGradientsBeforeSquaring() {
        BetaGeometricNbdModel model = bgNbd();
        PurchaseHistories cohort = ReferenceData.cdnow();
        Estimate total = model.uncertainty().expectedPurchases(39, cohort);
        double[] theta = model.fitResult().estimates();
        double[] g = gradient(theta, t -> {
            TransactionModel m = PredictionUncertainty.withParameters(model, t);
            double sum = 0.0;
            for (int row = 0; row < cohort.distinctRows(); row++) {
                sum += cohort.weight(row) * m.conditionalExpectedPurchases(39, cohort.get(row));
            }
            return sum;
        });
        double value = 0.0;
        for (int row = 0; row < cohort.distinctRows(); row++) {
            value += cohort.weight(row) * model.conditionalExpectedPurchases(39, cohort.get(row));
        }
        assertThat(total.value()).isCloseTo(value, within(1e-9 * value));
        double expected = Math.sqrt(quadraticForm(g, model.fitResult().covariance()));
        assertThat(total.standardError()).isCloseTo(expected, within(1e-6 * expected));
        // far more than the per-customer errors added in quadrature: the parameters are shared
        PredictionUncertainty uncertainty = model.uncertainty();
        double independent = 0.0;
        for (int row = 0; row < cohort.distinctRows(); row++) {
            double se = uncertainty.conditionalExpectedPurchases(39, cohort.get(row)).standardError();
            independent += cohort.weight(row) * se * se;
        }
        assertThat(total.standardError()).isGreaterThan(3 * Math.sqrt(independent));
    }

    @Test
    void totalsCombineExactlyAndCountCustomers() {
        PredictionUncertainty uncertainty = PredictionUncertainty.delta(bgNbd(), spend());
        SpendHistory spending = SpendHistory.of(2, 35.5);
        PredictionUncertainty.Total one = uncertainty.total().addCustomerLifetimeValue(REGULAR, spending, YEAR, 3)
                .addCustomerLifetimeValue(NEW, YEAR, 2);
        PredictionUncertainty.Total first = uncertainty.total().addCustomerLifetimeValue(REGULAR, spending, YEAR, 3);
        PredictionUncertainty.Total second = uncertainty.total().addCustomerLifetimeValue(NEW, YEAR, 2);
        Estimate combined = first.addAll(second).estimate();
        assertThat(combined.value()).isCloseTo(one.estimate().value(), within(1e-9));
        assertThat(combined.standardError()).isCloseTo(one.estimate().standardError(), within(1e-9));
        assertThat(one.customers()).isEqualTo(5);
        assertThat(one.estimate().value()).isCloseTo(3 * uncertainty.customerLifetimeValue(REGULAR, spending, YEAR).value()
                + 2 * uncertainty.customerLifetimeValue(NEW, YEAR).value(), within(1e-9));
        assertThat(one.toString()).startsWith("Total of 5 customers: ").doesNotContain("\n");
        assertThatThrownBy(() -> uncertainty.total().estimate()).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> uncertainty.total().addConditionalExpectedPurchases(1, REGULAR, 0))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("weight");
        assertThatThrownBy(() -> one.addAll(bgNbd().uncertainty().total())).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void misuseIsRefusedWithAClearMessage() {
        BetaGeometricNbdModel given = BetaGeometricNbdModel.of(0.24, 4.4, 0.79, 2.4, ChronoUnit.WEEKS);
        assertThatThrownBy(given::uncertainty).isInstanceOf(UndefinedResultException.class)
                .hasMessageContaining("not fitted");
        PredictionUncertainty uncertainty = bgNbd().uncertainty();
        assertThatThrownBy(uncertainty::populationMeanSpend).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("no spend model");
        assertThatThrownBy(() -> uncertainty.discountedExpectedResidualTransactions(0.01, REGULAR))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("Pareto/NBD");
        assertThatThrownBy(() -> uncertainty.percentileInterval((m, g) -> m.expectedPurchases(1), 0.95))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(uncertainty::replicates).isInstanceOf(UnsupportedOperationException.class);
        assertThat(uncertainty.failedReplicates()).isZero();
        assertThatThrownBy(() -> uncertainty.conditionalExpectedPurchases(-1, REGULAR))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> uncertainty.conditionalExpectedPurchases(1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> PredictionUncertainty.Bootstrap.of(1, 42)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("replicates must be >= 2");
        assertThatThrownBy(() -> new PredictionUncertainty.Bootstrap(10, 42, -1))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("threads");
        PurchaseHistories other = PurchaseHistories.of(ChronoUnit.WEEKS, new long[] {1, 0}, new double[] {1, 0},
                new double[] {2, 2});
        assertThatThrownBy(() -> PredictionUncertainty.bootstrap(bgNbd(), other, PredictionUncertainty.Bootstrap.of(10, 1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("data");
        assertThat(uncertainty.toString()).startsWith("PredictionUncertainty: delta method, BG/NBD model (weeks)")
                .doesNotContain("\n");
        assertThat(PredictionUncertainty.Bootstrap.of(200, 42).toString())
                .isEqualTo("bootstrap: 200 replicates, seed 42, common pool");
    }

    @Test
    void aHistoryInDaysGivesTheSameEstimate() {
        PredictionUncertainty uncertainty = bgNbd().uncertainty();
        PurchaseHistory inDays = PurchaseHistory.of(2, 30.43 * 7, 38.86 * 7, ChronoUnit.DAYS);
        assertThat(uncertainty.conditionalExpectedPurchases(39, inDays).standardError())
                .isCloseTo(uncertainty.conditionalExpectedPurchases(39, REGULAR).standardError(), within(1e-13));
    }

    // ---- the bootstrap ----

    @Test
    void theBootstrapIsTheSameForTheSameSeedWhateverTheThreads() {
        PurchaseHistories data = ReferenceData.cdnow();
        PredictionUncertainty one = PredictionUncertainty.bootstrap(bgNbd(), data,
                new PredictionUncertainty.Bootstrap(12, 7, 1));
        PredictionUncertainty three = PredictionUncertainty.bootstrap(bgNbd(), data,
                new PredictionUncertainty.Bootstrap(12, 7, 3));
        PredictionUncertainty common = PredictionUncertainty.bootstrap(bgNbd(), data,
                PredictionUncertainty.Bootstrap.of(12, 7));
        PredictionUncertainty otherSeed = PredictionUncertainty.bootstrap(bgNbd(), data,
                PredictionUncertainty.Bootstrap.of(12, 8));
        Estimate a = one.conditionalExpectedPurchases(39, REGULAR);
        assertThat(three.conditionalExpectedPurchases(39, REGULAR)).isEqualTo(a);
        assertThat(common.conditionalExpectedPurchases(39, REGULAR)).isEqualTo(a);
        assertThat(otherSeed.conditionalExpectedPurchases(39, REGULAR).standardError()).isNotEqualTo(a.standardError());
        assertThat(a.value()).isEqualTo(bgNbd().conditionalExpectedPurchases(39, REGULAR));
        assertThat(one.replicates()).isEqualTo(12);
        assertThat(one.failedReplicates()).isZero();
        assertThat(one.method()).isEqualTo(PredictionUncertainty.IntervalMethod.BOOTSTRAP);
        assertThat(one.toString()).startsWith("PredictionUncertainty: bootstrap, 12 of 12 refits (0 failed), seed 7, ")
                .doesNotContain("\n");
    }

    /**
     * Delta and bootstrap (B = 200) on the CDNOW BG/NBD: the bootstrap's standard error of a standard
     * error is about SE/√(2(B − 1)) = 5 % of it (normal approximation); they must agree within 3 of
     * those (15 %) plus 5 % for the delta method's linearisation, and the 95 % percentile and delta
     * intervals overlap by most of their width.
     */
    @Test
    void deltaAndBootstrapAgreeWithinTheirMonteCarloErrorOnCdnow() {
        BetaGeometricNbdModel model = bgNbd();
        PurchaseHistories data = ReferenceData.cdnow();
        PredictionUncertainty delta = model.uncertainty();
        PredictionUncertainty bootstrap = PredictionUncertainty.bootstrap(model, data,
                PredictionUncertainty.Bootstrap.of(200, 20261203L));
        assertThat(bootstrap.failedReplicates()).isZero();
        double band = 3.0 / Math.sqrt(2 * (bootstrap.replicates() - 1)) + 0.05;
        List<Function<PredictionUncertainty, Estimate>> predictions = List.of(
            u -> u.expectedPurchases(52),
            u -> u.conditionalExpectedPurchases(39, REGULAR),
            u -> u.conditionalExpectedPurchases(39, HEAVY),
            u -> u.probabilityAlive(REGULAR),
            u -> u.probabilityAlive(26, HEAVY),
            u -> u.expectedPurchases(39, data));
        for (Function<PredictionUncertainty, Estimate> prediction : predictions) {
            Estimate d = prediction.apply(delta);
            Estimate b = prediction.apply(bootstrap);
            assertThat(b.value()).isEqualTo(d.value());
            assertThat(b.standardError() / d.standardError()).as("%s vs %s", b, d).isBetween(1 - band, 1 + band);
        }
        ConfidenceInterval percentile = bootstrap.percentileInterval((m, g) -> m.conditionalExpectedPurchases(39, REGULAR),
                0.95);
        ConfidenceInterval normal = delta.conditionalExpectedPurchases(39, REGULAR).confidenceInterval(0.95);
        assertThat(percentile.contains(model.conditionalExpectedPurchases(39, REGULAR))).isTrue();
        double overlap = Math.min(percentile.high(), normal.high()) - Math.max(percentile.low(), normal.low());
        assertThat(overlap).isGreaterThan(0.7 * normal.width());
    }

    @Test
    void theBootstrapOfBothModelsGivesLifetimeValues() {
        PredictionUncertainty bootstrap = PredictionUncertainty.bootstrap(bgNbd(), ReferenceData.cdnow(), spend(),
                ReferenceData.cdnowSpend(), PredictionUncertainty.Bootstrap.of(40, 3));
        PredictionUncertainty delta = PredictionUncertainty.delta(bgNbd(), spend());
        SpendHistory spending = SpendHistory.of(2, 35.5);
        Estimate b = bootstrap.customerLifetimeValue(REGULAR, spending, YEAR);
        Estimate d = delta.customerLifetimeValue(REGULAR, spending, YEAR);
        assertThat(b.value()).isEqualTo(d.value());
        // B = 40: the standard error of the bootstrap's standard error is about 11 %
        assertThat(b.standardError() / d.standardError()).isBetween(0.6, 1.4);
        Estimate equity = bootstrap.total().addCustomerLifetimeValue(REGULAR, spending, YEAR, 10)
                .addCustomerLifetimeValue(NEW, YEAR, 30).estimate();
        assertThat(equity.value()).isCloseTo(10 * d.value() + 30 * delta.customerLifetimeValue(NEW, YEAR).value(),
                within(1e-8));
        assertThat(bootstrap.percentileInterval((m, g) -> g.populationMeanSpend(), 0.9).contains(spend()
                .populationMeanSpend())).isTrue();
    }

    @Test
    void failedRefitsAreCountedNotDropped() {
        // 80 customers simulated from the CDNOW BG/NBD (seed 2): the full fit is identified, but about half
        // of the resamples are not (a handful of repeat buyers decides whether a is bounded)
        BetaGeometricNbdModel truth = BetaGeometricNbdModel.of(0.2426, 4.4135, 0.7929, 2.4258, ChronoUnit.WEEKS);
        double[] ages = new double[80];
        for (int i = 0; i < ages.length; i++) {
            ages[i] = 26 + 13.0 * i / ages.length;
        }
        PurchaseHistories small = truth.simulate(ages, 2);
        BetaGeometricNbdModel model = BetaGeometricNbdModel.fit(small);
        PredictionUncertainty bootstrap = PredictionUncertainty.bootstrap(model, small,
                PredictionUncertainty.Bootstrap.of(40, 5));
        assertThat(bootstrap.failedReplicates()).isEqualTo(21);
        assertThat(bootstrap.replicates()).isEqualTo(19);
        assertThat(bootstrap.toString()).contains("19 of 40 refits (21 failed)");
        assertThat(bootstrap.expectedPurchases(52).standardError()).isPositive();
    }
}
