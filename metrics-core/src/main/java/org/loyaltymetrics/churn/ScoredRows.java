package org.loyaltymetrics.churn;

import java.util.List;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;

/**
 * A model's predictions for the rows of some data (the fitting data or a holdout): the model's covariates
 * are found in the data by name, so that a holdout may hold more columns, in another order.
 */
final class ScoredRows {

    private ScoredRows() {
    }

    /** The data's column of each of the model's covariates. */
    static int[] columns(SurvivalRegression model, SurvivalData data) {
        Checks.notNull(model, "model");
        Checks.notNull(data, "data");
        List<String> names = model.covariateNames();
        int[] columns = new int[names.size()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = data.names.indexOf(names.get(j));
            if (columns[j] < 0) {
                throw InvalidArgumentException.of("data", "rows with the model's covariates " + names,
                        "covariates " + data.names);
            }
        }
        return columns;
    }

    /** The model's risk score of every row. */
    static double[] riskScores(SurvivalRegression model, SurvivalData data) {
        int[] columns = columns(model, data);
        double[] x = new double[columns.length];
        double[] scores = new double[data.rows()];
        for (int i = 0; i < scores.length; i++) {
            fill(data, columns, i, x);
            scores[i] = model.riskScore(x);
        }
        return scores;
    }

    /**
     * The model's survival S(t | x) at {@code t} of every row; a stratified {@link CoxModel} in the row's
     * stratum.
     */
    static double[] survival(SurvivalRegression model, SurvivalData data, double t) {
        int[] columns = columns(model, data);
        double[] x = new double[columns.length];
        double[] survival = new double[data.rows()];
        CoxModel stratified = model instanceof CoxModel cox && data.stratum != null ? cox : null;
        for (int i = 0; i < survival.length; i++) {
            fill(data, columns, i, x);
            survival[i] = stratified != null ? stratified.survivalInStratum(data.stratum[i], t, x) : model.survival(t, x);
        }
        return survival;
    }

    /**
     * Checks that the data are one row per customer without case weights, as the Brier score and the
     * calibration table need.
     */
    static void requireSimpleRows(SurvivalData data, String what) {
        Checks.notNull(data, "data");
        if (data.hasIntervals()) {
            throw InvalidArgumentException.of("data", "one row per customer for " + what + " (not counting-process rows)",
                    "counting-process rows (start, stop]");
        }
        if (data.weight != null) {
            throw InvalidArgumentException.of("data", "rows without case weights for " + what, "weighted rows");
        }
    }

    private static void fill(SurvivalData data, int[] columns, int i, double[] x) {
        for (int j = 0; j < columns.length; j++) {
            x[j] = data.columns[columns[j]][i];
        }
    }
}
