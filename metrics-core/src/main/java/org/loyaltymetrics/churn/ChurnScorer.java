package org.loyaltymetrics.churn;

import java.util.List;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;

/**
 * Scores customers with a fitted {@link SurvivalRegression} at one horizon h, one customer at a time, so that
 * a table of any size streams through it: for covariates x (in the order of {@link #covariateNames()}),
 * the {@link #churnProbability churn probability} 1 − S(h | x) within the horizon, the {@link #riskScore
 * risk score} (higher, sooner churn) and the {@link #relativeRisk relative risk} exp(risk score) against a
 * customer with all covariates 0 (a Cox model's hazard ratio; for an accelerated-failure-time model the
 * inverse of the time ratio), and the {@link #restrictedMeanLifetime restricted mean lifetime} ∫₀ʰ S(t | x)
 * dt, the expected time as a customer within the horizon (Royston &amp; Parmar 2013, BMC Med Res Methodol
 * 13:152; R's {@code print(survfit(...), rmean = h)}), which every model defines, where the unrestricted
 * mean is not defined for a Cox model beyond its last churn time.
 *
 * <p>For a {@link CoxModel} the restricted mean is exact: Σ over the steps of the Breslow baseline of S
 * times the step's width. For other models it is Simpson's rule on 256 panels of [0, h] (an error of order
 * (h/256)⁴ times the fourth derivative of S).
 *
 * <p>Every method allocates nothing per customer (the model's own methods included); the class is immutable
 * and thread-safe. A stratified Cox model is scored one stratum at a time ({@link #ofStratum}).
 */
public final class ChurnScorer {

    private static final int PANELS = 256;

    private final SurvivalRegression model;
    private final double horizon;
    /** Cox only: the baseline cumulative hazard Λ₀ (covariates 0) at its step times up to the horizon. */
    private final double[] stepTimes;
    private final double[] stepHazards;
    /** The stratum of a stratified Cox model, else null. */
    private final Integer stratum;

    private ChurnScorer(SurvivalRegression model, double horizon, double[] stepTimes, double[] stepHazards,
            Integer stratum) {
        this.model = model;
        this.horizon = horizon;
        this.stepTimes = stepTimes;
        this.stepHazards = stepHazards;
        this.stratum = stratum;
    }

    /**
     * A scorer of {@code model}'s predictions within {@code horizon}.
     *
     * @throws InvalidArgumentException if the horizon is negative or not finite, or the model is a
     *     stratified Cox model
     */
    public static ChurnScorer of(SurvivalRegression model, double horizon) {
        Checks.notNull(model, "model");
        Checks.finite(horizon, "horizon");
        Checks.nonNegative(horizon, "horizon");
        if (model instanceof CoxModel cox) {
            int[] strata = cox.baselineCumulativeHazard().stream().mapToInt(CoxModel.Step::stratum).distinct().toArray();
            if (strata.length > 1) {
                throw InvalidArgumentException.of("model", "a model without strata (score each stratum with ofStratum)",
                        "a Cox model with " + strata.length + " strata");
            }
            return cox(cox, strata.length == 0 ? 0 : strata[0], horizon, null);
        }
        return new ChurnScorer(model, horizon, null, null, null);
    }

    /**
     * A scorer of the customers of stratum {@code stratum} of a stratified Cox model within {@code horizon}.
     *
     * @throws InvalidArgumentException if the horizon is negative or not finite, or the stratum is not one of
     *     the model's
     */
    public static ChurnScorer ofStratum(CoxModel model, int stratum, double horizon) {
        Checks.notNull(model, "model");
        Checks.finite(horizon, "horizon");
        Checks.nonNegative(horizon, "horizon");
        int[] strata = model.baselineCumulativeHazard().stream().mapToInt(CoxModel.Step::stratum).distinct().toArray();
        if (java.util.Arrays.stream(strata).noneMatch(s -> s == stratum)) {
            throw InvalidArgumentException.of("stratum", "one of " + java.util.Arrays.toString(strata), stratum);
        }
        return cox(model, stratum, horizon, stratum);
    }

    private static ChurnScorer cox(CoxModel cox, int stratum, double horizon, Integer label) {
        List<CoxModel.Step> steps = cox.baselineCumulativeHazard().stream()
                .filter(s -> s.stratum() == stratum && s.time() <= horizon).toList();
        double[] times = new double[steps.size()];
        double[] hazards = new double[steps.size()];
        for (int k = 0; k < times.length; k++) {
            times[k] = steps.get(k).time();
            hazards[k] = steps.get(k).cumulativeHazard();
        }
        return new ChurnScorer(cox, horizon, times, hazards, label);
    }

    /** The horizon h. */
    public double horizon() {
        return horizon;
    }

    /** The covariates, in the order the scoring methods take them. */
    public List<String> covariateNames() {
        return model.covariateNames();
    }

    /**
     * The probability 1 − S(h | x) that a customer with covariates x churns within the horizon.
     *
     * @throws InvalidArgumentException if x has another length than the covariates or a value that is not
     *     finite
     */
    public double churnProbability(double... x) {
        return stratum == null ? model.churnProbability(horizon, x)
                : ((CoxModel) model).churnProbabilityInStratum(stratum, horizon, x);
    }

    /** The model's risk score of x (see {@link SurvivalRegression#riskScore}). */
    public double riskScore(double... x) {
        return model.riskScore(x);
    }

    /** exp(risk score): the relative risk against a customer with all covariates 0. */
    public double relativeRisk(double... x) {
        return Math.exp(model.riskScore(x));
    }

    /**
     * The restricted mean lifetime ∫₀ʰ S(t | x) dt: the expected time as a customer within the horizon.
     *
     * @throws InvalidArgumentException if x has another length than the covariates or a value that is not
     *     finite
     */
    public double restrictedMeanLifetime(double... x) {
        if (stepTimes != null) {
            double risk = Math.exp(model.riskScore(x));
            double sum = 0.0;
            double previous = 0.0;
            double survival = 1.0;
            for (int k = 0; k < stepTimes.length; k++) {
                sum += survival * (stepTimes[k] - previous);
                previous = stepTimes[k];
                survival = Math.exp(-stepHazards[k] * risk);
            }
            return sum + survival * (horizon - previous);
        }
        double width = horizon / PANELS;
        double sum = model.survival(0.0, x) + model.survival(horizon, x);
        for (int k = 1; k < PANELS; k++) {
            sum += (k % 2 == 1 ? 4.0 : 2.0) * model.survival(k * width, x);
        }
        return sum * width / 3.0;
    }

    /** Reads, e.g., {@code "ChurnScorer within 365.0000 of CoxModel (efron ties): ..."}. */
    @Override
    public String toString() {
        return "ChurnScorer within " + Formatting.decimal(horizon, 4) + (stratum == null ? "" : " in stratum " + stratum)
                + " of " + model;
    }
}
