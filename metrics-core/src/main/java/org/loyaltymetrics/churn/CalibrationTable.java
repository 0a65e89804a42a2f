package org.loyaltymetrics.churn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Distributions;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;

/**
 * The calibration of predicted churn at a horizon τ: customers grouped by their predicted churn probability
 * 1 − S(τ | x) into groups of equal size (deciles by default), and in each group the mean predicted churn
 * against the observed churn by τ, 1 − Ŝ(τ) with Ŝ the Kaplan–Meier estimate of the group's lifetimes (so
 * that customers censored before τ count for what they tell), with the pointwise log-log interval of Ŝ
 * (Greenwood's variance, Kalbfleisch &amp; Prentice 1980; as {@code retention.SurvivalCurve}) turned into one
 * of 1 − Ŝ. A well calibrated model has the mean predicted inside the observed interval in most groups; a
 * steep rise over the groups is discrimination (Harrell 2015, "Regression Modeling Strategies", 2nd ed.,
 * §20.12; Royston &amp; Altman 2013, BMC Med Res Methodol 13:33).
 *
 * <p>Grouping: the customers are ordered by predicted churn (ties in the order of the rows) and group g of
 * G holds the positions ⌊g n / G⌋ to ⌊(g + 1) n / G⌋ − 1, so that the groups differ in size by at most one.
 * The data are one row per customer without case weights; a stratified {@link CoxModel} predicts in each
 * row's stratum.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class CalibrationTable implements Tabular {

    /**
     * One group of customers.
     *
     * @param group the group, 1 for the lowest predicted churn
     * @param customers the customers in it
     * @param lowestPredicted the lowest predicted churn probability in the group
     * @param highestPredicted the highest
     * @param meanPredicted the mean predicted churn probability
     * @param observed the observed churn by the horizon, 1 − Ŝ(τ) (Kaplan–Meier of the group)
     * @param observedLow the lower limit of its interval
     * @param observedHigh the upper limit
     * @param churned the customers of the group observed to churn by the horizon
     */
    public record Group(int group, int customers, double lowestPredicted, double highestPredicted, double meanPredicted,
            double observed, double observedLow, double observedHigh, int churned) {
    }

    private final double horizon;
    private final double confidence;
    private final List<Group> groups;

    private CalibrationTable(double horizon, double confidence, List<Group> groups) {
        this.horizon = horizon;
        this.confidence = confidence;
        this.groups = groups;
    }

    /** Deciles with 95 % intervals; see {@link #of(SurvivalRegression, SurvivalData, double, int, double)}. */
    public static CalibrationTable of(SurvivalRegression model, SurvivalData data, double horizon) {
        return of(model, data, horizon, 10, 0.95);
    }

    /**
     * The calibration of {@code model}'s churn probabilities by {@code horizon} on {@code data}, in
     * {@code groups} groups, with intervals at {@code confidence}.
     *
     * @throws InvalidArgumentException if the horizon is negative or not finite, {@code groups} is below 1,
     *     the confidence is not in (0, 1), or the data are counting-process rows, have case weights or lack a
     *     covariate of the model
     * @throws UndefinedResultException if there are fewer customers than groups, or the horizon is beyond the
     *     longest observed lifetime of a group whose longest lifetime is censored
     */
    public static CalibrationTable of(SurvivalRegression model, SurvivalData data, double horizon, int groups,
            double confidence) {
        Checks.notNull(model, "model");
        ScoredRows.requireSimpleRows(data, "the calibration table");
        Checks.finite(horizon, "horizon");
        Checks.nonNegative(horizon, "horizon");
        if (groups < 1) {
            throw InvalidArgumentException.of("groups", ">= 1", groups);
        }
        double z = Distributions.normalCriticalValue(Checks.confidence(confidence));
        int n = data.rows();
        if (n < groups) {
            throw new UndefinedResultException("the calibration table is undefined: " + n + " customers cannot form "
                    + groups + " groups");
        }
        double[] survival = ScoredRows.survival(model, data, horizon);
        double[] negated = new double[n];
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            negated[i] = -survival[i];
            all[i] = i;
        }
        int[] order = KaplanMeierSteps.ascending(negated, all);
        List<Group> result = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            int from = (int) ((long) g * n / groups);
            int to = (int) ((long) (g + 1) * n / groups);
            int[] rows = new int[to - from];
            double sum = 0.0;
            int churned = 0;
            for (int k = from; k < to; k++) {
                int i = order[k];
                rows[k - from] = i;
                sum += 1.0 - survival[i];
                if (data.event[i] && data.stop[i] <= horizon) {
                    churned++;
                }
            }
            KaplanMeierSteps km = KaplanMeierSteps.of(data.stop, data.event, rows);
            if (!km.isDefinedAt(horizon)) {
                throw new UndefinedResultException("the observed churn of group " + (g + 1) + " by " + horizon
                        + " is undefined: it is beyond the group's longest observed lifetime, which is censored");
            }
            double s = km.at(horizon);
            double low = s;
            double high = s;
            if (s > 0.0 && s < 1.0) {
                double spread = z * Math.sqrt(km.greenwoodSum(horizon)) / Math.abs(Math.log(s));
                low = Math.pow(s, Math.exp(spread));
                high = Math.pow(s, Math.exp(-spread));
            }
            result.add(new Group(g + 1, rows.length, 1.0 - survival[order[from]], 1.0 - survival[order[to - 1]],
                    sum / rows.length, 1.0 - s, 1.0 - high, 1.0 - low, churned));
        }
        return new CalibrationTable(horizon, confidence, Collections.unmodifiableList(result));
    }

    /** The horizon τ. */
    public double horizon() {
        return horizon;
    }

    /** The confidence of the observed intervals. */
    public double confidence() {
        return confidence;
    }

    /** The groups, from the lowest predicted churn to the highest. */
    public List<Group> groups() {
        return groups;
    }

    /**
     * One row per group: group, customers, churned (observed by the horizon), lowest, highest and mean
     * predicted churn, observed churn and its interval.
     */
    @Override
    public Table toTable() {
        String level = Formatting.decimal(100 * confidence, 0) + "%";
        Table.Builder table = Table.builder().title("Calibration of predicted churn by " + time(horizon)
                + ": " + groups.size() + " groups by predicted churn, observed from Kaplan-Meier with " + level
                + " log-log intervals").numberColumn("group").numberColumn("customers").numberColumn("churned")
                .numberColumn("lowest predicted").numberColumn("highest predicted").numberColumn("mean predicted")
                .numberColumn("observed").numberColumn("low").numberColumn("high");
        for (Group g : groups) {
            table.row(g.group(), g.customers(), g.churned(), Formatting.decimal(g.lowestPredicted(), 4),
                    Formatting.decimal(g.highestPredicted(), 4), Formatting.decimal(g.meanPredicted(), 4),
                    Formatting.decimal(g.observed(), 4), Formatting.decimal(g.observedLow(), 4),
                    Formatting.decimal(g.observedHigh(), 4));
        }
        return table.build();
    }

    /**
     * Reads, e.g., {@code "CalibrationTable by 365.0000: 10 groups, mean predicted 0.4032 to 0.7391, observed
     * 0.3957 to 0.8087"} (the first group's and the last's).
     */
    @Override
    public String toString() {
        return "CalibrationTable by " + time(horizon) + ": " + groups.size() + " groups, mean predicted "
                + Formatting.decimal(groups.get(0).meanPredicted(), 4) + " to "
                + Formatting.decimal(groups.get(groups.size() - 1).meanPredicted(), 4) + ", observed "
                + Formatting.decimal(groups.get(0).observed(), 4) + " to "
                + Formatting.decimal(groups.get(groups.size() - 1).observed(), 4);
    }

    /** A time as written in titles: a whole number without decimals, else four. */
    private static String time(double t) {
        return t == Math.rint(t) && Math.abs(t) < 1e15 ? Long.toString((long) t) : Formatting.decimal(t, 4);
    }
}
