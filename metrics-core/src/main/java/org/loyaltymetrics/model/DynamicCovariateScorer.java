package org.loyaltymetrics.model;

import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.SpendHistory;
import org.loyaltymetrics.data.TimeVaryingCovariates;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.TimeUnits;
import org.loyaltymetrics.model.Scorer.Figure;
import org.loyaltymetrics.model.Scorer.Score;

/**
 * Scores a table of customers with the Pareto/NBD with time-varying covariates
 * ({@link ParetoNbdDynamicCovariateModel}) and, optionally, a Gamma-Gamma spend model: the {@link Scorer}'s
 * figures and {@link Score}s for customers joined to their covariates over a prediction period
 * ({@link TimeVaryingCovariates#join} with a prediction end), each customer with the covariates of their own
 * weeks.
 * <ul>
 *   <li>{@link Figure#EXPECTED_PURCHASES}: CET, the expected purchases over the join's prediction period
 *       (T, T_p], and {@link Figure#PROBABILITY_ALIVE} at T, both as
 *       {@link ParetoNbdDynamicCovariateModel#predict(TimeVaryingCovariates.Joined, double)} gives them;</li>
 *   <li>{@link Figure#EXPECTED_AVERAGE_SPEND} ({@link #withSpend(GammaGammaModel)}): E[Z | x, z̄] of the customer's
 *       spend history, the population mean for a customer without one;</li>
 *   <li>{@link Figure#LIFETIME_VALUE} ({@link #withLifetimeValue(ValuationHorizon)}): the CLV of
 *       {@link GammaGammaModel#customerLifetimeValue(TransactionModel, org.loyaltymetrics.data.PurchaseHistory,
 *       SpendHistory, ValuationHorizon)}, Σᵢ E[Z]·(CET(tᵢ) − CET(tᵢ₋₁))/(1 + d)ⁱ with tᵢ the end of valuation period
 *       i after the calibration end, each CET(tᵢ) with the covariates up to tᵢ: the valuation horizon must lie within
 *       the prediction period, whose covariates the join holds.</li>
 * </ul>
 * With intervals ({@link #withIntervals(double)}) each figure has the delta method's standard error from the
 * fits' covariances, the purchase model's coefficients included (the central differences of
 * {@link ParetoNbdDynamicCovariateModel#predictWithUncertainty}), the spend model fitted independently
 * (Var CLV ≈ Z² Var D + D² Var Z, D the discounted expected purchases); with purchase ranges
 * ({@link #withPurchaseRanges()}) the equal-tailed range of the customer's own count over the prediction period
 * from P(Y = n | history) = [n = 0](1 − P(alive)) + P(alive)·P*(n), P* the count distribution of a customer alive
 * at T with the posterior λ ~ gamma(r + x, α₀ + A(T)), μ ~ gamma(s, β₀ + C(T)), by quadrature.
 *
 * <p>The customers are scored in parallel, in fixed blocks (the same scores on any number of cores). Without
 * covariates' effects (all coefficients 0) every figure is the {@link Scorer}'s with the Pareto/NBD of the same
 * r, α₀, s, β₀ and the same horizon.
 *
 * <p>This class is immutable and thread-safe; its {@code with…} methods return modified copies.
 */
public final class DynamicCovariateScorer {

    /** Customers per block of the parallel scoring. */
    private static final int BLOCK = 16;

    private final ParetoNbdDynamicCovariateModel purchases;
    private final GammaGammaModel spend;
    private final ValuationHorizon valuation;
    /** The level of the intervals, or 0 without intervals. */
    private final double confidence;
    private final boolean ranges;
    private final Set<Figure> figures;

    private DynamicCovariateScorer(ParetoNbdDynamicCovariateModel purchases, GammaGammaModel spend,
            ValuationHorizon valuation, double confidence, boolean ranges) {
        this.purchases = purchases;
        this.spend = spend;
        this.valuation = valuation;
        this.confidence = confidence;
        this.ranges = ranges;
        EnumSet<Figure> set = EnumSet.of(Figure.EXPECTED_PURCHASES, Figure.PROBABILITY_ALIVE);
        if (spend != null) {
            set.add(Figure.EXPECTED_AVERAGE_SPEND);
        }
        if (valuation != null) {
            set.add(Figure.LIFETIME_VALUE);
        }
        this.figures = Collections.unmodifiableSet(set);
    }

    /** A scorer of CET over the join's prediction period and P(alive), without intervals. */
    public static DynamicCovariateScorer of(ParetoNbdDynamicCovariateModel purchases) {
        return new DynamicCovariateScorer(Checks.notNull(purchases, "purchases"), null, null, 0.0, false);
    }

    /**
     * This scorer with the expected average spend from {@code spend}; with intervals, its fit's covariance.
     *
     * @throws org.loyaltymetrics.UndefinedResultException with intervals, if {@code spend} has no covariance
     */
    public DynamicCovariateScorer withSpend(GammaGammaModel spend) {
        Checks.notNull(spend, "spend");
        if (confidence > 0) {
            spend.fitResult().covariance(); // fails now, not at the first customer
        }
        return new DynamicCovariateScorer(purchases, spend, valuation, confidence, ranges);
    }

    /**
     * This scorer with the lifetime value over {@code valuation}, which must lie within the prediction period of
     * the customers scored.
     *
     * @throws InvalidArgumentException if the scorer has no spend model ({@link #withSpend} first)
     */
    public DynamicCovariateScorer withLifetimeValue(ValuationHorizon valuation) {
        Checks.notNull(valuation, "valuation");
        if (spend == null) {
            throw InvalidArgumentException.of("valuation", "given after a spend model (withSpend)", valuation);
        }
        return new DynamicCovariateScorer(purchases, spend, valuation, confidence, ranges);
    }

    /**
     * This scorer with confidence intervals at {@code confidence} by the delta method from the fits' covariances.
     *
     * @throws InvalidArgumentException unless 0 &lt; confidence &lt; 1
     * @throws org.loyaltymetrics.UndefinedResultException if a model was not fitted or its fit has no covariance
     */
    public DynamicCovariateScorer withIntervals(double confidence) {
        Scorer.checkConfidence(confidence);
        // fails now, not at the first customer
        purchases.deltaPoints(new double[purchases.fitResult().estimates().length]);
        if (spend != null) {
            spendPoints(spend, new double[3]);
        }
        return new DynamicCovariateScorer(purchases, spend, valuation, confidence, ranges);
    }

    /**
     * This scorer with the range of each customer's own purchase count over the prediction period, at the
     * intervals' level.
     *
     * @throws InvalidArgumentException if the scorer has no intervals ({@link #withIntervals} first)
     */
    public DynamicCovariateScorer withPurchaseRanges() {
        if (confidence == 0) {
            throw new InvalidArgumentException("ranges", "purchase ranges need a level: call withIntervals first");
        }
        return new DynamicCovariateScorer(purchases, spend, valuation, confidence, true);
    }

    /** The figures of every score, in column order. */
    public Set<Figure> figures() {
        return figures;
    }

    /** Whether the scores carry intervals. */
    public boolean hasIntervals() {
        return confidence > 0;
    }

    /**
     * Scores every customer of {@code customers}, in the order of its rows.
     *
     * @param customers the customers joined to their covariates (the model's) with a prediction period after the
     *     calibration end
     * @param spending each customer's spend history by id, for a scorer with a spend model (a customer without one
     *     is scored with the population mean spend); may be empty
     * @return the scores, in the order of the rows
     * @throws InvalidArgumentException if {@code customers} has other covariates than the model, no prediction period
     *     after the calibration end, or one shorter than the valuation horizon
     * @throws org.loyaltymetrics.UndefinedResultException with purchase ranges, if a customer's count distribution
     *     does not reach the range's upper tail within the counts a range may span
     */
    public List<Score> scoreAll(TimeVaryingCovariates.Joined customers, Map<Long, SpendHistory> spending) {
        Checks.notNull(customers, "customers");
        Checks.notNull(spending, "spending");
        CovariateCoefficients.checkNames("customers", customers.names(), purchases.covariates());
        if (!customers.hasPredictionPeriod() || !customers.predictionEnd().isAfter(customers.calibrationEnd())) {
            throw InvalidArgumentException.of("customers", "customers joined with a prediction period after the "
                    + "calibration end " + customers.calibrationEnd(), customers.hasPredictionPeriod()
                            ? "a prediction end of " + customers.predictionEnd() : "no prediction period");
        }
        double horizon = ChronoUnit.DAYS.between(customers.calibrationEnd(), customers.predictionEnd()) / 7.0;
        double[] times = times(horizon);
        if (times[times.length - 1] > horizon * (1 + 1e-12)) {
            throw InvalidArgumentException.of("customers", "a prediction period that holds the valuation horizon "
                    + valuation + " (" + Formatting.decimal(times[times.length - 1], 4) + " weeks)",
                    Formatting.decimal(horizon, 4) + " weeks to " + customers.predictionEnd());
        }
        double[] purchaseSpans = confidence > 0 ? new double[purchases.fitResult().estimates().length] : new double[0];
        ParetoNbdDynamicCovariateModel[] purchasePoints = confidence > 0 ? purchases.deltaPoints(purchaseSpans) : null;
        double[] spendSpans = new double[3];
        GammaGammaModel[] spendPoints = confidence > 0 && spend != null ? spendPoints(spend, spendSpans) : null;
        Score[] scores = new Score[customers.size()];
        int blocks = (customers.size() + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            for (int row = b * BLOCK; row < Math.min(customers.size(), (b + 1) * BLOCK); row++) {
                scores[row] = score(customers, row, spending.get(customers.customerId(row)), horizon, times,
                        purchasePoints, purchaseSpans, spendPoints, spendSpans);
            }
        });
        return List.of(scores);
    }

    /**
     * The horizons after the calibration end at which CET is needed, ascending: the valuation periods' ends, then
     * the prediction period's (the last).
     */
    private double[] times(double horizon) {
        if (valuation == null) {
            return new double[] {horizon};
        }
        double period = TimeUnits.ratio(valuation.periodUnit(), ChronoUnit.WEEKS);
        double[] times = new double[valuation.periods() + 1];
        for (int i = 1; i <= valuation.periods(); i++) {
            times[i - 1] = i * period;
        }
        times[valuation.periods()] = Math.max(horizon, times[valuation.periods() - 1]);
        return times;
    }

    private Score score(TimeVaryingCovariates.Joined customers, int row, SpendHistory spending, double horizon,
            double[] times, ParetoNbdDynamicCovariateModel[] purchasePoints, double[] purchaseSpans,
            GammaGammaModel[] spendPoints, double[] spendSpans) {
        double[] values = new double[Figure.values().length];
        double[] at = purchaseFigures(purchases, customers, row, times);
        values[0] = at[0];
        values[1] = at[1];
        double meanSpend = spend == null ? Double.NaN : spendOf(spend, spending);
        values[2] = meanSpend;
        values[3] = meanSpend * at[2];
        double[] errors = null;
        PredictionInterval range = null;
        if (confidence > 0) {
            double[] variance = new double[3]; // CET, P(alive), D
            for (int j = 0; j < purchaseSpans.length; j++) {
                double[] up = purchaseFigures(purchasePoints[2 * j], customers, row, times);
                double[] down = purchaseFigures(purchasePoints[2 * j + 1], customers, row, times);
                for (int f = 0; f < 3; f++) {
                    double d = (up[f] - down[f]) / purchaseSpans[j];
                    variance[f] += d * d;
                }
            }
            double spendVariance = 0.0;
            if (spendPoints != null) {
                for (int j = 0; j < spendSpans.length; j++) {
                    double d = (spendOf(spendPoints[2 * j], spending) - spendOf(spendPoints[2 * j + 1], spending))
                            / spendSpans[j];
                    spendVariance += d * d;
                }
            }
            errors = new double[values.length];
            errors[0] = Math.sqrt(variance[0]);
            errors[1] = Math.sqrt(variance[1]);
            errors[2] = Math.sqrt(spendVariance);
            errors[3] = Math.sqrt(meanSpend * meanSpend * variance[2] + at[2] * at[2] * spendVariance);
            if (ranges) {
                range = purchaseRange(customers, row, horizon);
            }
        }
        return Score.of(customers.customerId(row), figures, values, errors, confidence, range);
    }

    /**
     * CET over the prediction period, P(alive), and the discounted expected purchases D = Σᵢ (CET(tᵢ) −
     * CET(tᵢ₋₁))/(1 + d)ⁱ over the valuation periods (0 without a valuation), of {@code model}.
     */
    private double[] purchaseFigures(ParetoNbdDynamicCovariateModel model, TimeVaryingCovariates.Joined customers,
            int row, double[] times) {
        double[] cet = model.conditionalExpectedPurchases(customers, row, times);
        double discounted = 0.0;
        if (valuation != null) {
            double previous = 0.0;
            double discount = 1.0;
            for (int i = 1; i <= valuation.periods(); i++) {
                discount /= 1.0 + valuation.discountRate();
                discounted += (cet[i] - previous) * discount;
                previous = cet[i];
            }
        }
        return new double[] {cet[times.length], cet[0], discounted};
    }

    private static double spendOf(GammaGammaModel model, SpendHistory spending) {
        return spending == null ? model.populationMeanSpend() : model.conditionalExpectedAverageSpend(spending);
    }

    /** The spend model's delta points ({@link PredictionUncertainty#deltaPoints}). */
    private static GammaGammaModel[] spendPoints(GammaGammaModel spend, double[] spans) {
        return PredictionUncertainty.deltaPoints(spend.fitResult(), spans, phi -> GammaGammaModel.of(phi[0], phi[1],
                phi[2]), GammaGammaModel[]::new);
    }

    /** The equal-tailed range of the customer's count over the prediction period, its distribution grown as needed. */
    private PredictionInterval purchaseRange(TimeVaryingCovariates.Joined customers, int row, double horizon) {
        double[][] distribution = {purchases.conditionalPurchaseDistribution(customers, row, horizon, 64)};
        return PredictionInterval.of(n -> {
            if (n >= distribution[0].length) {
                distribution[0] = purchases.conditionalPurchaseDistribution(customers, row, horizon,
                        (int) Math.min(1 << 24, 4 * n));
            }
            return n < distribution[0].length ? distribution[0][(int) n] : 0.0;
        }, confidence, () -> "customer " + customers.customerId(row) + " over " + Formatting.decimal(horizon, 4)
                + " weeks");
    }

    @Override
    public String toString() {
        return "DynamicCovariateScorer of " + purchases + ": " + figures + (confidence > 0 ? ", "
                + Formatting.confidence(confidence) + " intervals" : "") + (ranges ? ", purchase ranges" : "");
    }
}
