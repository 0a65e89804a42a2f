package org.loyaltymetrics.churn;

import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;

/**
 * The time-dependent Brier score of predicted churn at a horizon τ, with inverse-probability-of-censoring
 * weights (Graf, Schmoor, Sauerbrei &amp; Schumacher 1999, "Assessment and comparison of prognostic
 * classification schemes for survival data", Statistics in Medicine 18, eq. 5; as R's {@code pec} with
 * {@code cens.model = "marginal"}): the mean squared error of the predicted survival S(τ | xᵢ) against
 * whether the customer is still a customer at τ,
 *
 * <pre>
 *   BS(τ) = (1/n) Σᵢ [ 1(Tᵢ ≤ τ, churned) S(τ | xᵢ)² / G(Tᵢ−) + 1(Tᵢ &gt; τ) (1 − S(τ | xᵢ))² / G(τ) ]
 * </pre>
 *
 * <p>where G is the Kaplan–Meier estimate of the censoring distribution (censoring the event; a customer
 * who churned at t is not at risk of censoring at t, churn coming first at a tied time, as prodlim's reverse
 * Kaplan–Meier that pec uses) and G(t−) its value just before t.
 * Customers censored by τ contribute 0 but count in n; the weights make up for them. 0 is perfect; a model
 * that predicts ½ for everyone scores 0.25. The {@link #reference() reference} is the score of the
 * Kaplan–Meier estimate of all customers, the same prediction for everyone (pec's {@code "Reference"}), and
 * {@link #explainedVariation()} 1 − BS / BS_reference (Graf et al.'s R²). The
 * {@link #integrated(SurvivalRegression, SurvivalData, double[]) integrated Brier score} averages BS(t) over a
 * grid of times.
 *
 * <p>The data are one row per customer without case weights: the data the model was fitted to (an optimistic,
 * apparent score) or a holdout. A stratified {@link CoxModel} predicts in each row's stratum.
 *
 * @param horizon the horizon τ (the last time of the grid of an integrated score)
 * @param value BS(τ) of the model (the integrated score of an integrated one)
 * @param reference BS(τ) of the Kaplan–Meier estimate of all customers
 */
public record BrierScore(double horizon, double value, double reference) {

    /**
     * The Brier score of {@code model}'s predictions for the customers of {@code data} at {@code horizon}.
     *
     * @throws InvalidArgumentException if the horizon is negative or not finite, the data are
     *     counting-process rows, have case weights or lack a covariate of the model
     * @throws UndefinedResultException if the data are empty or the horizon is beyond the longest observed
     *     lifetime
     */
    public static BrierScore of(SurvivalRegression model, SurvivalData data, double horizon) {
        Checks.notNull(model, "model");
        ScoredRows.requireSimpleRows(data, "the Brier score");
        checkHorizon(horizon, "horizon");
        if (data.isEmpty()) {
            throw new UndefinedResultException("the Brier score is undefined on no customers");
        }
        KaplanMeierSteps censoring = KaplanMeierSteps.censoring(data.stop, data.event);
        KaplanMeierSteps churn = KaplanMeierSteps.of(data.stop, data.event, null);
        return at(model, data, horizon, censoring, churn);
    }

    private static BrierScore at(SurvivalRegression model, SurvivalData data, double horizon, KaplanMeierSteps censoring,
            KaplanMeierSteps churn) {
        if (!churn.isDefinedAt(horizon)) {
            throw new UndefinedResultException("the Brier score at " + horizon + " is undefined: it is beyond the longest "
                    + "observed lifetime, which is censored");
        }
        double[] predicted = ScoredRows.survival(model, data, horizon);
        double km = churn.at(horizon);
        double gHorizon = censoring.at(horizon);
        double sum = 0.0;
        double sumReference = 0.0;
        int n = data.rows();
        for (int i = 0; i < n; i++) {
            double t = data.stop[i];
            if (t <= horizon) {
                if (data.event[i]) {
                    double g = censoring.before(t);
                    sum += predicted[i] * predicted[i] / g;
                    sumReference += km * km / g;
                }
            } else {
                double miss = 1.0 - predicted[i];
                sum += miss * miss / gHorizon;
                sumReference += (1.0 - km) * (1.0 - km) / gHorizon;
            }
        }
        return new BrierScore(horizon, sum / n, sumReference / n);
    }

    /**
     * The integrated Brier score over the grid {@code times} t₁ &lt; … &lt; t_K: (1 / (t_K − t₁)) Σₖ BS(tₖ)
     * (tₖ₊₁ − tₖ), the integral of the step function that holds BS(tₖ) until the next time (as R's
     * {@code pec::ibs}, Graf et al. 1999, eq. 6, on a grid). BS of a Cox model changes only at observed
     * times, so that over a grid of them (and t₁ = 0) this is the exact integral; for models with
     * continuous survival a finer grid comes closer to it.
     *
     * @throws InvalidArgumentException if there are fewer than two times, they do not increase, one is
     *     negative or not finite, or the data are as {@link #of} refuses
     * @throws UndefinedResultException if the data are empty or a time is beyond the longest observed
     *     lifetime
     */
    public static BrierScore integrated(SurvivalRegression model, SurvivalData data, double[] times) {
        Checks.notNull(model, "model");
        Checks.notNull(times, "times");
        ScoredRows.requireSimpleRows(data, "the Brier score");
        if (times.length < 2) {
            throw InvalidArgumentException.of("times", "at least two times", times.length);
        }
        for (int k = 0; k < times.length; k++) {
            checkHorizon(times[k], "times");
            if (k > 0 && !(times[k] > times[k - 1])) {
                throw InvalidArgumentException.of("times", "increasing, after " + times[k - 1] + " at " + k, times[k]);
            }
        }
        if (data.isEmpty()) {
            throw new UndefinedResultException("the Brier score is undefined on no customers");
        }
        KaplanMeierSteps censoring = KaplanMeierSteps.censoring(data.stop, data.event);
        KaplanMeierSteps churn = KaplanMeierSteps.of(data.stop, data.event, null);
        double sum = 0.0;
        double sumReference = 0.0;
        for (int k = 0; k + 1 < times.length; k++) {
            BrierScore score = at(model, data, times[k], censoring, churn);
            double width = times[k + 1] - times[k];
            sum += score.value * width;
            sumReference += score.reference * width;
        }
        double span = times[times.length - 1] - times[0];
        return new BrierScore(times[times.length - 1], sum / span, sumReference / span);
    }

    /**
     * 1 − BS / BS_reference: the share of the Kaplan–Meier reference's error that the covariates explain
     * (Graf et al.'s R²); negative when the model predicts worse than the reference.
     *
     * @throws UndefinedResultException if the reference scores 0
     */
    public double explainedVariation() {
        if (!(reference > 0.0)) {
            throw new UndefinedResultException("the explained variation is undefined: the reference Brier score is 0");
        }
        return 1.0 - value / reference;
    }

    private static void checkHorizon(double t, String name) {
        Checks.finite(t, name);
        Checks.nonNegative(t, name);
    }

    /** Reads, e.g., {@code "BrierScore at 365.0000: 0.2361 (Kaplan-Meier reference 0.2418)"}. */
    @Override
    public String toString() {
        return "BrierScore at " + Formatting.decimal(horizon, 4) + ": " + Formatting.decimal(value, 4)
                + " (Kaplan-Meier reference " + Formatting.decimal(reference, 4) + ")";
    }
}
