package org.loyaltymetrics.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.loyaltymetrics.InvalidArgumentException;

/**
 * The columns of a DataFrame of survival rows that a distributed Cox fit reads
 * ({@link SparkModels#fitCox(org.apache.spark.sql.Dataset, CoxColumns, org.loyaltymetrics.churn.CoxModel.Ties,
 * org.loyaltymetrics.model.FitOptions)}): the duration (the stop time, numeric), the event (boolean, or numeric with
 * 0 for censored), the numeric covariates, and optionally the start of counting-process rows (start, stop], a
 * case weight and an integer stratum label. A null in any of them is refused, never imputed.
 *
 * @param duration the stop time's column
 * @param event the churn indicator's column
 * @param covariates the covariates' columns, at least one, in coefficient order (the coefficients' names)
 * @param start the start time's column, or null for rows at risk from 0
 * @param weight the case weight's column, or null for weight 1
 * @param stratum the stratum label's column (integers), or null without strata
 */
public record CoxColumns(String duration, String event, List<String> covariates, String start, String weight,
        String stratum) implements Serializable {

    /**
     * Validates the names.
     *
     * @throws InvalidArgumentException if there is no covariate
     */
    public CoxColumns {
        Objects.requireNonNull(duration, "duration must not be null");
        Objects.requireNonNull(event, "event must not be null");
        covariates = List.copyOf(Objects.requireNonNull(covariates, "covariates must not be null"));
        if (covariates.isEmpty()) {
            throw InvalidArgumentException.of("covariates", "at least one column", "none");
        }
    }

    /** Right-censored rows of {@code duration} and {@code event} with {@code covariates}, weight 1, no strata. */
    public static CoxColumns of(String duration, String event, String... covariates) {
        return new CoxColumns(duration, event, List.of(covariates), null, null, null);
    }

    /** These columns with counting-process rows (start, stop], the start in column {@code start}. */
    public CoxColumns withStart(String start) {
        return new CoxColumns(duration, event, covariates, Objects.requireNonNull(start, "start must not be null"), weight,
                stratum);
    }

    /** These columns with the case weights of column {@code weight}. */
    public CoxColumns withWeight(String weight) {
        return new CoxColumns(duration, event, covariates, start, Objects.requireNonNull(weight, "weight must not be null"),
                stratum);
    }

    /** These columns with the stratum labels (integers) of column {@code stratum}. */
    public CoxColumns withStratum(String stratum) {
        return new CoxColumns(duration, event, covariates, start, weight,
                Objects.requireNonNull(stratum, "stratum must not be null"));
    }
}
