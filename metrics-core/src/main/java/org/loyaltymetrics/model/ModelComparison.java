package org.loyaltymetrics.model;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;

/**
 * Transaction models compared on the same calibration/holdout split and ranked by how well they
 * predict each customer's holdout purchases ({@link HoldoutEvaluation}), by a stated
 * {@link Criterion}: the root mean squared error by default, since each model's prediction is a
 * conditional expectation, the forecast that minimises the expected squared error. The table shows
 * the other figures beside it: MAE, bias, total predicted against actual purchases, the χ² p-value of
 * the calibration histogram, log-likelihood, AIC and BIC (the last three comparable because every model
 * is fitted to the same customers in the same time unit).
 *
 * <p>{@link #of(RfmSummary, ChronoUnit)} fits the BG/NBD, the MBG/NBD and the Pareto/NBD to the
 * calibration period with the default {@link FitOptions} and ranks them; {@link #of(List, Criterion)}
 * ranks evaluations made otherwise. Ties keep the order given.
 *
 * <p>On CDNOW (calibration to 1997-09-30, 39 weeks of holdout, weeks) the Pareto/NBD predicts the holdout
 * best by RMSE (1.6028, MBG/NBD 1.6072, BG/NBD 1.6080) and by MAE, while the MBG/NBD and BG/NBD have the
 * higher likelihood and the lower BIC; fitting and evaluating the three takes about 1.5 s.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ModelComparison implements Tabular {

    /** What the models are ranked by, lowest first. */
    public enum Criterion {
        /** The root mean squared error of the per-customer holdout predictions. */
        RMSE(e -> e.perCustomer().rmse()),
        /** The mean absolute error of the per-customer holdout predictions. */
        MAE(e -> e.perCustomer().mae()),
        /** The absolute bias |mean (predicted − actual)| of the per-customer holdout predictions. */
        ABSOLUTE_BIAS(e -> Math.abs(e.perCustomer().bias())),
        /** The BIC of the calibration fit (no holdout figure: the in-sample penalised fit). */
        BIC(HoldoutEvaluation::bic);

        /** {@link #RMSE}. */
        public static final Criterion DEFAULT = RMSE;

        private final ToDoubleFunction<HoldoutEvaluation> value;

        Criterion(ToDoubleFunction<HoldoutEvaluation> value) {
            this.value = value;
        }

        /** The criterion's value for {@code evaluation}; lower is better. */
        public double of(HoldoutEvaluation evaluation) {
            return value.applyAsDouble(Checks.notNull(evaluation, "evaluation"));
        }
    }

    private final List<HoldoutEvaluation> ranking;
    private final Criterion criterion;

    private ModelComparison(List<HoldoutEvaluation> ranking, Criterion criterion) {
        this.ranking = ranking;
        this.criterion = criterion;
    }

    /**
     * Fits the BG/NBD, the MBG/NBD and the Pareto/NBD to the calibration period of {@code split} (times
     * in {@code timeUnit}, default {@link FitOptions}), evaluates each on the holdout with the tracking in
     * periods of {@code timeUnit}, and ranks them by {@link Criterion#DEFAULT}.
     *
     * @param split the RFM summary with a calibration/holdout split
     * @param timeUnit DAYS, WEEKS, MONTHS or YEARS
     * @throws InvalidArgumentException as {@link HoldoutEvaluation#of(TransactionModel, RfmSummary, ChronoUnit)}
     * @throws ModelFitException if a model cannot be fitted to the calibration period
     * @throws UndefinedResultException if the split has no customers
     */
    public static ModelComparison of(RfmSummary split, ChronoUnit timeUnit) {
        Checks.notNull(split, "split");
        Checks.notNull(timeUnit, "timeUnit");
        if (split.isEmpty()) {
            throw new UndefinedResultException("the model comparison is undefined: the split has no customers with a "
                    + "calibration purchase");
        }
        HoldoutEvaluation.check(split, timeUnit); // before the fits
        PurchaseHistories histories = PurchaseHistories.from(split, timeUnit);
        List<HoldoutEvaluation> evaluations = List.of(
                HoldoutEvaluation.of(BetaGeometricNbdModel.fit(histories), split, timeUnit),
                HoldoutEvaluation.of(ModifiedBetaGeometricNbdModel.fit(histories), split, timeUnit),
                HoldoutEvaluation.of(ParetoNbdModel.fit(histories), split, timeUnit));
        return of(evaluations, Criterion.DEFAULT);
    }

    /**
     * Ranks {@code evaluations} by {@link Criterion#DEFAULT}.
     *
     * @throws InvalidArgumentException as {@link #of(List, Criterion)}
     */
    public static ModelComparison of(List<HoldoutEvaluation> evaluations) {
        return of(evaluations, Criterion.DEFAULT);
    }

    /**
     * Ranks {@code evaluations} by {@code criterion}, lowest first (ties keep their order).
     *
     * @throws InvalidArgumentException if there are no evaluations, or they are of different splits
     *     (calibration end, end, customers)
     * @throws UndefinedResultException if an evaluation has no customers, or the criterion is the BIC and
     *     a model was not fitted
     */
    public static ModelComparison of(List<HoldoutEvaluation> evaluations, Criterion criterion) {
        Checks.notNull(evaluations, "evaluations");
        Checks.notNull(criterion, "criterion");
        if (evaluations.isEmpty()) {
            throw InvalidArgumentException.of("evaluations", "at least one evaluation", "none");
        }
        HoldoutEvaluation first = Checks.notNull(evaluations.get(0), "evaluations");
        for (HoldoutEvaluation e : evaluations) {
            Checks.notNull(e, "evaluations");
            if (!e.calibrationEnd().equals(first.calibrationEnd()) || !e.end().equals(first.end())
                    || e.customers() != first.customers()) {
                throw InvalidArgumentException.of("evaluations", "evaluations of one split (calibration to "
                        + first.calibrationEnd() + ", holdout to " + first.end() + ", " + first.customers()
                        + " customers)", "one of " + e.calibrationEnd() + " / " + e.end() + " with " + e.customers()
                        + " customers");
            }
            criterion.of(e); // undefined figures throw here
        }
        List<HoldoutEvaluation> ranking = new ArrayList<>(evaluations);
        ranking.sort(Comparator.comparingDouble(criterion::of));
        return new ModelComparison(List.copyOf(ranking), criterion);
    }

    /** The evaluations, best first. */
    public List<HoldoutEvaluation> ranking() {
        return ranking;
    }

    /** The best model's evaluation, first of the {@link #ranking()}. */
    public HoldoutEvaluation best() {
        return ranking.get(0);
    }

    /** The criterion of the ranking. */
    public Criterion criterion() {
        return criterion;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelComparison that && ranking.equals(that.ranking) && criterion == that.criterion;
    }

    @Override
    public int hashCode() {
        return ranking.hashCode() * 31 + criterion.hashCode();
    }

    /** Reads, e.g., {@code "3 models ranked by holdout RMSE: Pareto/NBD 1.6028, MBG/NBD 1.6072, BG/NBD 1.6080"}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(Formatting.plural(ranking.size(), "model")).append(" ranked by ")
                .append(criterion == Criterion.BIC ? "BIC" : "holdout " + criterion.name().replace('_', ' ')
                        .toLowerCase(java.util.Locale.ROOT).replace("rmse", "RMSE").replace("mae", "MAE"))
                .append(": ");
        for (int i = 0; i < ranking.size(); i++) {
            HoldoutEvaluation e = ranking.get(i);
            text.append(i == 0 ? "" : ", ").append(e.modelName()).append(' ')
                    .append(Formatting.decimal(criterion.of(e), 4));
        }
        return text.toString();
    }

    /**
     * One row per model, best first: rank, model, customers, the holdout's MAE, RMSE and bias, actual
     * and predicted holdout purchases, the χ² p-value of the calibration histogram, log-likelihood, AIC
     * and BIC (the last three undefined for a model built from given parameters).
     */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().title(toString()).numberColumn("rank").column("model")
                .numberColumn("customers").numberColumn("MAE").numberColumn("RMSE").numberColumn("bias")
                .numberColumn("actual").numberColumn("predicted").numberColumn("chi2 p").numberColumn("LL")
                .numberColumn("AIC").numberColumn("BIC");
        for (int i = 0; i < ranking.size(); i++) {
            HoldoutEvaluation e = ranking.get(i);
            HoldoutEvaluation.PredictionErrors errors = e.perCustomer();
            ChiSquareGoodnessOfFit chiSquare = e.chiSquare();
            ModelFit fit = e.fitOrNull();
            table.row(i + 1, e.modelName(), e.customers(), Formatting.decimal(errors.mae(), 4),
                    Formatting.decimal(errors.rmse(), 4), Formatting.decimal(errors.bias(), 4), e.actualPurchases(),
                    Formatting.decimal(e.predictedPurchases(), 2),
                    chiSquare.hasPValue() ? Formatting.decimal(chiSquare.pValue(), 4) : null,
                    fit == null ? null : Formatting.decimal(fit.logLikelihood(), 4),
                    fit == null ? null : Formatting.decimal(fit.aic(), 4),
                    fit == null ? null : Formatting.decimal(fit.bic(), 4));
        }
        return table.build();
    }
}
