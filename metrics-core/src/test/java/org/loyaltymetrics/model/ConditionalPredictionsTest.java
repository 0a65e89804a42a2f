package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.internal.ReferenceQuadrature;

/**
 * The predictions conditional on a history beyond its expectation: the conditional distribution of
 * purchases P(Y(t) = n | x, tₓ, T), its prediction interval, P(alive) at a future time and the
 * Pareto/NBD's DERT, each against an independent computation written here from the models'
 * definitions: the joint probability of the history and the future count integrated over the
 * customer's latent rates by adaptive Gauss–Kronrod quadrature ({@link ReferenceQuadrature}, which
 * shares no code with the library), with no special function of the library (the normalising constants
 * of the gamma and beta priors cancel between numerator and denominator and are left out).
 */
class ConditionalPredictionsTest {

    static PurchaseHistory weeks(long frequency, double recency, double age) {
        return PurchaseHistory.of(frequency, recency, age, ChronoUnit.WEEKS);
    }

    private static final BetaGeometricNbdModel BG = BetaGeometricNbdModel.of(0.2426, 4.4135, 0.7929, 2.4258,
            ChronoUnit.WEEKS);
    private static final ModifiedBetaGeometricNbdModel MBG = ModifiedBetaGeometricNbdModel.of(0.5248, 6.1830, 0.8914,
            1.6140, ChronoUnit.WEEKS);
    private static final ParetoNbdModel PARETO = ParetoNbdModel.of(0.5533, 10.5776, 0.6062, 11.6679, ChronoUnit.WEEKS);
    private static final List<PurchaseHistory> HISTORIES = List.of(weeks(0, 0, 38.86), weeks(2, 30.43, 38.86),
            weeks(6, 36.0, 38.0), weeks(1, 2.0, 30.0));

    // ---- the independent reference ----

    /** ln ∫₀^∞ λ^(r+m−1) e^(−(α+τ)λ) · tail(λ) dλ in u = ln λ (tail = 1, or P(Poisson(λt) ≥ n)). */
    private static double logRateIntegral(double r, double alpha, double m, double tau, long n, double t) {
        double shape = r + m;
        double mode = Math.log(shape / (alpha + tau));
        DoubleUnaryOperator phi = u -> shape * u - (alpha + tau) * Math.exp(u) + (n > 0 ? logPoissonTail(Math.exp(u) * t, n)
                : 0.0);
        return ReferenceQuadrature.logIntegral(phi, mode - 60.0 / shape - 10.0, mode + 12.0 + Math.log1p(n));
    }

    /** ln P(Poisson(μ) ≥ n), n ≥ 1, by direct sums of the Poisson probabilities. */
    static double logPoissonTail(double mu, long n) {
        double logFactorial = 0.0;
        for (long j = 2; j <= n; j++) {
            logFactorial += Math.log(j);
        }
        if (mu > 2.0 * n + 40.0) {
            double term = Math.exp(-mu);
            double below = term;
            for (long j = 1; j < n; j++) {
                term *= mu / j;
                below += term;
            }
            return Math.log1p(-below);
        }
        double term = 1.0;
        double sum = 1.0;
        for (long j = 1; j < 100_000; j++) {
            term *= mu / (n + j);
            sum += term;
            if (term < 1e-18 * sum) {
                break;
            }
        }
        return -mu + n * Math.log(mu) - logFactorial + Math.log(sum);
    }

    /** ln ∫₀¹ p^(a+e−1) (1 − p)^(b+m−1) dp in v = ln(p/(1 − p)). */
    private static double logDropIntegral(double a, double b, double e, double m) {
        double left = a + e;
        double right = b + m;
        DoubleUnaryOperator phi = v -> {
            double logP = v >= 0 ? -Math.log1p(Math.exp(-v)) : v - Math.log1p(Math.exp(v));
            double logQ = logP - v;
            return left * logP + right * logQ;
        };
        return ReferenceQuadrature.logIntegral(phi, -60.0 / left - 10.0, 60.0 / right + 10.0);
    }

    /**
     * P(Y(t) = n | x, tₓ, T) of the BG/NBD (k = 0) or MBG/NBD (k = 1) from the joint probability of the
     * history and the count: alive at T with weight λˣ e^(−λT) (1 − p)^(x+k), then n purchases survived
     * (Poisson count n, each survived) or the n-th purchase the last (Poisson count ≥ n, n − 1 survived,
     * dropped after the n-th); or dropped after the last purchase, λˣ e^(−λtₓ) p (1 − p)^(x+k−1), and no
     * purchase.
     */
    static double bgConditionalPmf(double r, double alpha, double a, double b, int k, long n, double t,
            PurchaseHistory h) {
        long x = h.frequency();
        double logFactorial = 0.0;
        for (long j = 2; j <= n; j++) {
            logFactorial += Math.log(j);
        }
        double aliveHistory = logRateIntegral(r, alpha, x, h.age(), 0, t) + logDropIntegral(a, b, 0, x + k);
        double dead = x + k > 0 ? logRateIntegral(r, alpha, x, h.recency(), 0, t) + logDropIntegral(a, b, 1, x + k - 1)
                : Double.NEGATIVE_INFINITY;
        double evidence = ReferenceQuadrature.logSum(aliveHistory, dead);
        double survived = n * Math.log(t) - logFactorial + logRateIntegral(r, alpha, x + n, h.age() + t, 0, t)
                + logDropIntegral(a, b, 0, x + k + n);
        double numerator = survived;
        if (n > 0) {
            double last = logRateIntegral(r, alpha, x, h.age(), n, t) + logDropIntegral(a, b, 1, x + k + n - 1);
            numerator = ReferenceQuadrature.logSum(numerator, last);
        }
        if (n == 0) {
            numerator = ReferenceQuadrature.logSum(numerator, dead);
        }
        return Math.exp(numerator - evidence);
    }

    /** ∫ₐᵇ f(τ) dτ of a positive f with a single maximum, in ln τ. */
    private static double integral(DoubleUnaryOperator logF, double from, double to) {
        double low = from > 0 ? Math.log(from) : Math.log(to) - 60.0;
        return Math.exp(ReferenceQuadrature.logIntegral(l -> logF.applyAsDouble(Math.exp(l)) + l, low, Math.log(to)));
    }

    /**
     * The Pareto/NBD's P(alive at T + t | x, tₓ, T) from the definition: alive with weight
     * E[λˣ e^(−λT)] E[e^(−μ(T+t))], against the evidence E[λˣ e^(−λT)] E[e^(−μT)] + ∫_tₓ^T E[λˣ e^(−λτ)]
     * E[μ e^(−μτ)] dτ (dropped at τ, no purchase in (tₓ, τ)); E[λˣ e^(−λτ)] ∝ (α + τ)^−(r+x),
     * E[e^(−μτ)] = (β/(β + τ))ˢ, E[μ e^(−μτ)] = s/(β + τ) · (β/(β + τ))ˢ.
     */
    static double paretoAlive(double r, double alpha, double s, double beta, PurchaseHistory h, double t) {
        double rx = r + h.frequency();
        DoubleUnaryOperator logRate = tau -> -rx * Math.log(alpha + tau);
        DoubleUnaryOperator logSurvive = tau -> -s * Math.log1p(tau / beta);
        double alive = Math.exp(logRate.applyAsDouble(h.age()) + logSurvive.applyAsDouble(h.age()));
        double dead = h.age() > h.recency() ? integral(tau -> logRate.applyAsDouble(tau) + Math.log(s / (beta + tau))
                + logSurvive.applyAsDouble(tau), Math.max(h.recency(), 1e-300), h.age()) : 0.0;
        double later = Math.exp(logRate.applyAsDouble(h.age()) + logSurvive.applyAsDouble(h.age() + t));
        return later / (alive + dead);
    }

    /**
     * The Pareto/NBD's P(Y(t) = n | x, tₓ, T): dead by T, or alive at T with the posterior (r + x, α + T,
     * s, β + T) and then alive at T + t with n purchases, or dead at T + τ with n purchases before.
     */
    static double paretoConditionalPmf(double r, double alpha, double s, double beta, long n, double t,
            PurchaseHistory h) {
        double aliveNow = paretoAlive(r, alpha, s, beta, h, 0.0);
        double rp = r + h.frequency();
        double ap = alpha + h.age();
        double bp = beta + h.age();
        double logCoefficient = 0.0;
        for (long j = 0; j < n; j++) {
            logCoefficient += Math.log((rp + j) / (j + 1.0));
        }
        double c = logCoefficient;
        DoubleUnaryOperator logNb = tau -> c + rp * Math.log(ap / (ap + tau)) + (n == 0 ? 0.0
                : n * Math.log(tau / (ap + tau)));
        double aliveAtEnd = Math.exp(logNb.applyAsDouble(t) - s * Math.log1p(t / bp));
        double diedBefore = integral(tau -> logNb.applyAsDouble(tau) + Math.log(s / bp) - (s + 1.0) * Math.log1p(tau / bp),
                0.0, t);
        return (n == 0 ? 1.0 - aliveNow : 0.0) + aliveNow * (aliveAtEnd + diedBefore);
    }

    // ---- the conditional distribution ----

    @Test
    void bgNbdConditionalDistributionAgreesWithIntegrationOverTheLatentRates() {
        for (PurchaseHistory h : HISTORIES) {
            for (double t : new double[] {13, 39, 104}) {
                for (long n = 0; n <= 6; n++) {
                    double expected = bgConditionalPmf(BG.r(), BG.alpha(), BG.a(), BG.b(), 0, n, t, h);
                    assertThat(BG.probabilityOfPurchases(n, t, h)).as("%s, t %s, n %s", h, t, n)
                            .isCloseTo(expected, within(1e-10 * Math.max(expected, 1e-3)));
                }
            }
        }
    }

    @Test
    void mbgNbdConditionalDistributionAgreesWithIntegrationOverTheLatentRates() {
        for (PurchaseHistory h : HISTORIES) {
            for (long n = 0; n <= 6; n++) {
                double expected = bgConditionalPmf(MBG.r(), MBG.alpha(), MBG.a(), MBG.b(), 1, n, 39, h);
                assertThat(MBG.probabilityOfPurchases(n, 39, h)).as("%s, n %s", h, n)
                        .isCloseTo(expected, within(1e-10 * Math.max(expected, 1e-3)));
            }
        }
    }

    @Test
    void paretoNbdConditionalDistributionAgreesWithIntegrationOverTheTimeOfDeath() {
        for (PurchaseHistory h : HISTORIES) {
            assertThat(PARETO.probabilityAlive(h)).isCloseTo(paretoAlive(0.5533, 10.5776, 0.6062, 11.6679, h, 0),
                    within(1e-11));
            for (long n = 0; n <= 5; n++) {
                double expected = paretoConditionalPmf(0.5533, 10.5776, 0.6062, 11.6679, n, 39, h);
                assertThat(PARETO.probabilityOfPurchases(n, 39, h)).as("%s, n %s", h, n)
                        .isCloseTo(expected, within(1e-10 * Math.max(expected, 1e-3)));
            }
        }
    }

    @Test
    void theConditionalDistributionSumsToOneAndItsMeanIsTheConditionalExpectation() {
        for (TransactionModel model : List.of(BG, MBG, PARETO)) {
            for (PurchaseHistory h : HISTORIES) {
                double total = 0.0;
                double mean = 0.0;
                for (long n = 0; n < 400; n++) {
                    double p = model.probabilityOfPurchases(n, 39, h);
                    assertThat(p).isBetween(0.0, 1.0);
                    total += p;
                    mean += n * p;
                }
                assertThat(total).as("%s %s", model, h).isCloseTo(1.0, within(1e-10));
                assertThat(mean).as("%s %s", model, h)
                        .isCloseTo(model.conditionalExpectedPurchases(39, h), within(1e-9));
            }
        }
    }

    @Test
    void theConditionalDistributionOfANewlyObservedCustomerIsTheUnconditionalOne() {
        // with an instant of observation and no purchase the history tells nothing for BG/NBD and Pareto/NBD
        PurchaseHistory fresh = weeks(0, 0, 1e-12);
        for (long n = 0; n < 5; n++) {
            assertThat(BG.probabilityOfPurchases(n, 52, fresh)).isCloseTo(BG.probabilityOfPurchases(n, 52), within(1e-11));
            assertThat(PARETO.probabilityOfPurchases(n, 52, fresh))
                    .isCloseTo(PARETO.probabilityOfPurchases(n, 52), within(1e-10));
        }
    }

    @Test
    void aHistoryInAnotherUnitIsConverted() {
        PurchaseHistory inWeeks = weeks(2, 30.43, 38.86);
        PurchaseHistory inDays = PurchaseHistory.of(2, 30.43 * 7, 38.86 * 7, ChronoUnit.DAYS);
        for (TransactionModel model : List.of(BG, MBG, PARETO)) {
            assertThat(model.probabilityOfPurchases(1, 39, inDays))
                    .isCloseTo(model.probabilityOfPurchases(1, 39, inWeeks), within(1e-13));
            assertThat(model.probabilityAlive(20, inDays)).isCloseTo(model.probabilityAlive(20, inWeeks), within(1e-13));
        }
    }

    @Test
    void badArgumentsOfTheConditionalDistributionAreNamed() {
        PurchaseHistory h = weeks(2, 30.43, 38.86);
        for (TransactionModel model : List.of(BG, MBG, PARETO)) {
            assertThatThrownBy(() -> model.probabilityOfPurchases(-1, 39, h)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("n");
            assertThatThrownBy(() -> model.probabilityOfPurchases(0, -1, h)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("t must be");
            assertThatThrownBy(() -> model.probabilityOfPurchases(0, 1, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> model.probabilityAlive(Double.NaN, h)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> model.predictionInterval(39, h, 1.0)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("level must be in (0, 1)");
        }
    }

    // ---- the prediction interval ----

    @Test
    void thePredictionIntervalIsTheEqualTailedIntervalOfTheConditionalDistribution() {
        for (TransactionModel model : List.of(BG, MBG, PARETO)) {
            for (PurchaseHistory h : HISTORIES) {
                for (double level : new double[] {0.5, 0.8, 0.9, 0.95}) {
                    PredictionInterval interval = model.predictionInterval(52, h, level);
                    double below = 0.0;
                    for (long n = 0; n < interval.low(); n++) {
                        below += model.probabilityOfPurchases(n, 52, h);
                    }
                    double inside = 0.0;
                    for (long n = interval.low(); n <= interval.high(); n++) {
                        inside += model.probabilityOfPurchases(n, 52, h);
                    }
                    double tail = (1 - level) / 2;
                    assertThat(below).isLessThanOrEqualTo(tail);
                    assertThat(below + model.probabilityOfPurchases(interval.low(), 52, h)).isGreaterThan(tail);
                    assertThat(1.0 - below - inside).isLessThanOrEqualTo(tail + 1e-12);
                    assertThat(1.0 - below - inside + model.probabilityOfPurchases(interval.high(), 52, h))
                            .isGreaterThan(tail);
                    assertThat(interval.probability()).isCloseTo(inside, within(1e-12)).isGreaterThanOrEqualTo(level);
                    assertThat(interval.level()).isEqualTo(level);
                }
            }
        }
    }

    @Test
    void aWorkedPredictionInterval() {
        // BG/NBD, CDNOW: a customer with x = 0 observed for 38.86 weeks buys nothing in the next year with
        // probability above 0.9 (P(alive) 1, but a low rate): the 90% interval is 0..1
        PredictionInterval none = BG.predictionInterval(52, weeks(0, 0, 38.86), 0.9);
        assertThat(none.low()).isZero();
        assertThat(none.high()).isEqualTo(1);
        assertThat(none.contains(0)).isTrue();
        assertThat(none.contains(2)).isFalse();
        assertThat(none.toString()).isEqualTo("0..1 purchases (90% prediction interval, holds "
                + org.loyaltymetrics.internal.Formatting.percent(none.probability()) + ")");
        // a regular buyer: x = 6 in 38 weeks, the last at 36
        PredictionInterval regular = BG.predictionInterval(52, weeks(6, 36, 38), 0.9);
        assertThat(regular.high()).isGreaterThan(none.high());
        assertThat(BG.conditionalExpectedPurchases(52, weeks(6, 36, 38)))
                .isBetween((double) regular.low(), (double) regular.high());
    }

    @Test
    void predictionIntervalRecordRefusesBadComponents() {
        assertThatThrownBy(() -> new PredictionInterval(-1, 2, 0.9, 0.95)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new PredictionInterval(3, 2, 0.9, 0.95)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("high must be >= low 3");
        assertThatThrownBy(() -> new PredictionInterval(0, 2, 0.0, 0.95)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new PredictionInterval(0, 2, 0.9, 1.5)).isInstanceOf(InvalidArgumentException.class);
        assertThat(new PredictionInterval(0, 2, 0.9, 0.95)).isEqualTo(new PredictionInterval(0, 2, 0.9, 0.95));
    }

    // ---- P(alive) at a future time ----

    @Test
    void futureProbabilityAliveOfTheBetaGeometricModelsAgreesWithIntegrationOverP() {
        // survive t more: E over the posterior (λ ~ gamma(r + x, α + T), p ~ beta(a, b + x + k)) of
        // e^(−λpt) = ∫ (1 + pt/(α + T))^−(r+x) p^(a−1) (1 − p)^(b+x+k−1) dp / B(a, b + x + k)
        for (int k = 0; k <= 1; k++) {
            BetaGeometricFamily model = k == 0 ? BG : MBG;
            for (PurchaseHistory h : HISTORIES) {
                for (double t : new double[] {0.5, 13, 52, 520, 5200}) {
                    double rp = model.r() + h.frequency();
                    double ap = model.alpha() + h.age();
                    double bp = model.b() + h.frequency() + k;
                    double a = model.a();
                    DoubleUnaryOperator phi = v -> {
                        double logP = v >= 0 ? -Math.log1p(Math.exp(-v)) : v - Math.log1p(Math.exp(v));
                        double logQ = logP - v;
                        return a * logP + bp * logQ - rp * Math.log1p(Math.exp(logP) * t / ap);
                    };
                    double survive = Math.exp(ReferenceQuadrature.logIntegral(phi, -60 / a - 10, 60 / bp + 10)
                            - logDropIntegral(a, bp, 0, 0));
                    double expected = model.probabilityAlive(h) * survive;
                    assertThat(model.probabilityAlive(t, h)).as("k %s, %s, t %s", k, h, t)
                            .isCloseTo(expected, within(1e-11 * Math.max(expected, 1e-2)));
                }
            }
        }
    }

    @Test
    void futureProbabilityAliveOfTheParetoModelAgreesWithTheDefinition() {
        for (PurchaseHistory h : HISTORIES) {
            for (double t : new double[] {0.0, 0.5, 13, 52, 520}) {
                assertThat(PARETO.probabilityAlive(t, h)).as("%s, t %s", h, t)
                        .isCloseTo(paretoAlive(0.5533, 10.5776, 0.6062, 11.6679, h, t), within(1e-11));
            }
        }
    }

    @Test
    void futureProbabilityAliveStartsAtProbabilityAliveAndFalls() {
        for (TransactionModel model : List.of(BG, MBG, PARETO)) {
            for (PurchaseHistory h : HISTORIES) {
                assertThat(model.probabilityAlive(0, h)).isEqualTo(model.probabilityAlive(h));
                double previous = model.probabilityAlive(h);
                for (double t = 1; t < 1e5; t *= 3) {
                    double now = model.probabilityAlive(t, h);
                    assertThat(now).as("%s %s t %s", model, h, t).isLessThanOrEqualTo(previous + 1e-15)
                            .isGreaterThanOrEqualTo(0.0);
                    previous = now;
                }
            }
        }
    }

    // ---- DERT ----

    @Test
    void dertAgreesWithIntegrationOfTheDiscountedExpectedTransactionRate() {
        // ∫₀^∞ e^(−δτ) E[λ · 1{alive at T + τ} | x, tₓ, T] dτ, with E[λ 1{alive at T + τ}] = P(alive at T + τ)
        // (r + x)/(α + T) (λ and μ are independent given alive at T), P(alive at T + τ) from the definition
        for (double delta : new double[] {Math.log(1.15) / 52, 0.0001, 0.01, 0.2, 3.0}) {
            for (PurchaseHistory h : HISTORIES) {
                double aliveNow = paretoAlive(0.5533, 10.5776, 0.6062, 11.6679, h, 0.0);
                double rate = (0.5533 + h.frequency()) / (10.5776 + h.age());
                double betaT = 11.6679 + h.age();
                double expected = aliveNow * rate * Math.exp(ReferenceQuadrature.logIntegral(
                        l -> l - delta * Math.exp(l) - 0.6062 * Math.log1p(Math.exp(l) / betaT), -50, Math.log(800 / delta)));
                assertThat(PARETO.discountedExpectedResidualTransactions(delta, h)).as("delta %s, %s", delta, h)
                        .isCloseTo(expected, within(1e-11 * expected));
            }
        }
    }

    @Test
    void dertOfAWorkedExample() {
        // x = 2, t_x = 30.43, T = 38.86 weeks, 15 % a year (δ = ln 1.15 / 52), the CDNOW fit: mpmath at 30
        // digits, P(alive) (P(alive) by quad of the likelihood's integral, 0.869121095704059124) times
        // (r + x)/(α + T) (β + T)^s δ^(s−1) hyperu(s, s, δ(β + T)) (FHL 2005, eq. 2) = 6.50039829106994502
        PurchaseHistory h = weeks(2, 30.43, 38.86);
        double delta = Math.log(1.15) / 52;
        assertThat(PARETO.probabilityAlive(h)).isCloseTo(0.869121095704059124, within(1e-13));
        assertThat(PARETO.discountedExpectedResidualTransactions(delta, h)).isCloseTo(6.50039829106994502,
                within(1e-12));
        assertThat(PARETO.discountedExpectedResidualTransactions(delta, PurchaseHistory.of(2, 30.43 * 7, 38.86 * 7,
                ChronoUnit.DAYS))).isCloseTo(6.50039829106994502, within(1e-12));
        assertThatThrownBy(() -> PARETO.discountedExpectedResidualTransactions(0.0, h))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("delta");
        assertThatThrownBy(() -> PARETO.discountedExpectedResidualTransactions(Double.POSITIVE_INFINITY, h))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("delta");
    }
}
