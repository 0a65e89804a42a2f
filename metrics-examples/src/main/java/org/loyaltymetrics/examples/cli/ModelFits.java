package org.loyaltymetrics.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.loyaltymetrics.data.CohortSurvivors;
import org.loyaltymetrics.data.OpportunityHistories;
import org.loyaltymetrics.data.OpportunityHistory;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.SpendHistory;
import org.loyaltymetrics.model.BetaGeometricBetaBinomialModel;
import org.loyaltymetrics.model.BetaGeometricNbdModel;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.model.GammaGammaModel;
import org.loyaltymetrics.model.GammaGompertzNbdModel;
import org.loyaltymetrics.model.ModelFit;
import org.loyaltymetrics.model.ModifiedBetaGeometricNbdModel;
import org.loyaltymetrics.model.ParetoNbdModel;
import org.loyaltymetrics.model.ShiftedBetaGeometricModel;
import org.loyaltymetrics.model.Scorer;
import org.loyaltymetrics.model.TransactionModel;
import org.loyaltymetrics.model.ValuationHorizon;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.table.Table;

/**
 * The six fits of {@code fit}: each model reads its data through {@link HistoryReader}, is fitted, and
 * predicts for every row of its file, in file order, as a {@link Table} whose columns are the
 * command's published CSV columns.
 */
final class ModelFits {

    /** The models by their command-line names. */
    enum Kind {
        BGNBD("bgnbd"), MBGNBD("mbgnbd"), PARETO_NBD("pareto-nbd"), GGOMNBD("ggomnbd"), GAMMA_GAMMA("gamma-gamma"), BGBB("bgbb"), SBG("sbg");

        /** The name on the command line and in the JSON. */
        final String name;

        Kind(String name) {
            this.name = name;
        }

        /** The kind named {@code name}, if there is one. */
        static Optional<Kind> named(String name) {
            for (Kind kind : values()) {
                if (kind.name.equals(name)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }

        /** Whether the model is a purchase model in continuous time: BG/NBD, MBG/NBD, Pareto/NBD or GGom/NBD. */
        boolean isPurchaseModel() {
            return this == BGNBD || this == MBGNBD || this == PARETO_NBD || this == GGOMNBD;
        }

        /** Whether the model's time is discrete (opportunities, periods), so that its horizons are whole numbers. */
        boolean isDiscrete() {
            return this == BGBB || this == SBG;
        }
    }

    /**
     * A fitted model.
     *
     * @param fit the facts of the fit
     * @param customers the customers fitted (the cohort size for sbg)
     * @param note what was left out, such as ", 1411 customers without repeat purchases skipped", or ""
     * @param predictions the predictions for each row of the file over a horizon (in the data's time unit,
     *     opportunities or periods)
     * @param coefficients the covariates' coefficients by process ({@code purchase}, {@code attrition}) and
     *     covariate; empty for a model without covariates
     */
    record Fitted(ModelFit fit, long customers, String note, Function<Prediction, Table> predictions,
            Map<String, Map<String, CovariateFits.Coefficient>> coefficients) {

        /** A fit without covariates. */
        Fitted(ModelFit fit, long customers, String note, Function<Prediction, Table> predictions) {
            this(fit, customers, note, predictions, Map.of());
        }
    }

    /**
     * What {@code --predict} asks for.
     *
     * @param horizon T, in the data's time unit (opportunities for bgbb, periods for sbg)
     * @param level the level of the intervals ({@code --intervals}), or null for none
     * @param periods the lifetime value's horizon in the data's time units ({@code --horizon}), or null for none
     * @param discount the discount rate per time unit of the lifetime value ({@code --discount})
     */
    record Prediction(double horizon, Double level, Integer periods, double discount) {

        /** This prediction without intervals (a caller that brings its own uncertainty adds them). */
        Prediction withoutIntervals() {
            return new Prediction(horizon, null, periods, discount);
        }
    }

    private ModelFits() {
    }

    /**
     * Reads the data of {@code kind} with {@code reader} and fits it; with {@code withSpend} (a purchase
     * model whose predictions include the spend and the lifetime value), the file's spend too, to which a
     * Gamma-Gamma model is fitted.
     */
    static Fitted fit(Kind kind, HistoryReader reader, FitOptions options, boolean withSpend) {
        return switch (kind) {
            case BGNBD, MBGNBD, PARETO_NBD, GGOMNBD -> transactions(kind, reader, options, withSpend);
            case GAMMA_GAMMA -> spend(reader, options);
            case BGBB -> opportunities(reader, options);
            case SBG -> survivors(reader, options);
        };
    }

    private static Fitted transactions(Kind kind, HistoryReader reader, FitOptions options, boolean withSpend) {
        HistoryReader.PurchasesAndSpend data = reader.purchaseHistories(HistoryReader.FILE_TIME_UNIT, withSpend);
        HistoryReader.Rows<PurchaseHistories, PurchaseHistory> rows = data.purchases();
        TransactionModel model = purchaseModel(kind, rows.collection(), options);
        GammaGammaModel spend = withSpend ? GammaGammaModel.fit(data.spend().collection(), options) : null;
        return new Fitted(model.fitResult(), rows.collection().customers(), "", prediction -> {
            List<Scorer.Customer> customers = new ArrayList<>();
            List<PurchaseHistory> histories = rows.histories();
            for (int i = 0; i < histories.size(); i++) {
                customers.add(new Scorer.Customer(i, histories.get(i),
                        spend == null ? null : data.spend().histories().get(i).orElse(null)));
            }
            return scores(reader, scorer(model, spend, prediction), customers);
        });
    }

    /**
     * The purchase model {@code kind} (bgnbd, mbgnbd, pareto-nbd or ggomnbd) fitted to {@code histories}.
     *
     * @throws ModelFitException if the fit fails
     */
    static TransactionModel purchaseModel(Kind kind, PurchaseHistories histories, FitOptions options) {
        return switch (kind) {
            case BGNBD -> BetaGeometricNbdModel.fit(histories, options);
            case MBGNBD -> ModifiedBetaGeometricNbdModel.fit(histories, options);
            case PARETO_NBD -> ParetoNbdModel.fit(histories, options);
            case GGOMNBD -> GammaGompertzNbdModel.fit(histories, options);
            default -> throw new IllegalArgumentException(kind.name + " is not a purchase model");
        };
    }

    /** The purchase model named {@code name} on the command line, if it is one: bgnbd, mbgnbd or pareto-nbd. */
    static Optional<Kind> purchaseKind(String name) {
        return Kind.named(name).filter(Kind::isPurchaseModel);
    }

    /** The scorer of {@code prediction}'s figures and intervals. */
    static Scorer scorer(TransactionModel model, GammaGammaModel spend, Prediction prediction) {
        return configured(Scorer.of(model, prediction.horizon()), model.timeUnit(), spend, prediction);
    }

    /**
     * {@code scorer} (of a model in {@code timeUnit}) with the spend model (or none), the lifetime value and
     * the intervals of {@code prediction}.
     */
    static Scorer configured(Scorer scorer, java.time.temporal.ChronoUnit timeUnit, GammaGammaModel spend,
            Prediction prediction) {
        if (spend != null) {
            scorer = scorer.withSpend(spend);
        }
        if (prediction.periods() != null) {
            scorer = scorer.withLifetimeValue(ValuationHorizon.of(prediction.periods(), timeUnit,
                    prediction.discount()));
        }
        return prediction.level() == null ? scorer : scorer.withIntervals(prediction.level());
    }

    /**
     * The scores of {@code customers} (ids 0, 1, ... by row) as a table: the file's customer id, then each
     * figure's column and, with intervals, its {@code _low} and {@code _high}.
     */
    static Table scores(HistoryReader reader, Scorer scorer, List<Scorer.Customer> customers) {
        Table.Builder table = scoreColumns(reader, scorer);
        scorer.scoreAll(customers.iterator(), score -> table.row(withId(reader, (int) score.customerId(),
                cells(scorer, score))));
        return table.build();
    }

    /**
     * A table with the columns of {@code scorer}'s scores: the file's customer id, then each figure's
     * column and, with intervals, its {@code _low} and {@code _high}.
     */
    static Table.Builder scoreColumns(HistoryReader reader, Scorer scorer) {
        Table.Builder table = idColumn(reader);
        for (Scorer.Figure figure : scorer.figures()) {
            table.numberColumn(figure.column());
            if (scorer.hasIntervals()) {
                table.numberColumn(figure.column() + "_low").numberColumn(figure.column() + "_high");
            }
        }
        return table;
    }

    /** A score's cells: each figure, and with intervals its low and high ends. */
    static Object[] cells(Scorer scorer, Scorer.Score score) {
        List<Object> cells = new ArrayList<>();
        for (Scorer.Figure figure : scorer.figures()) {
            cells.add(score.value(figure));
            if (scorer.hasIntervals()) {
                ConfidenceInterval interval = score.confidenceInterval(figure);
                cells.add(interval.low());
                cells.add(interval.high());
            }
        }
        return cells.toArray();
    }

    private static Fitted spend(HistoryReader reader, FitOptions options) {
        HistoryReader.SpendRows rows = reader.spendHistories();
        GammaGammaModel model = GammaGammaModel.fit(rows.collection(), options);
        String note = (rows.withoutRepeatPurchases() == 0 ? ""
                : ", " + Printer.plural(rows.withoutRepeatPurchases(), "customer") + " without repeat purchases skipped")
                + (rows.withZeroValue() == 0 ? ""
                        : ", " + Printer.plural(rows.withZeroValue(), "customer") + " with a mean value of 0 skipped");
        return new Fitted(model.fitResult(), rows.collection().customers(), note, prediction -> {
            // the expected spend does not depend on a horizon; a row without spend data gets the population mean
            Table.Builder table = idColumn(reader).numberColumn("expected_average_spend");
            List<Optional<SpendHistory>> histories = rows.histories();
            for (int i = 0; i < histories.size(); i++) {
                Optional<SpendHistory> spend = histories.get(i);
                table.row(withId(reader, i, spend.isPresent() ? model.conditionalExpectedAverageSpend(spend.get())
                        : model.populationMeanSpend()));
            }
            return table.build();
        });
    }

    private static Fitted opportunities(HistoryReader reader, FitOptions options) {
        HistoryReader.Rows<OpportunityHistories, OpportunityHistory> rows = reader.opportunityHistories();
        BetaGeometricBetaBinomialModel model = BetaGeometricBetaBinomialModel.fit(rows.collection(), options);
        return new Fitted(model.fitResult(), rows.collection().customers(), "", prediction -> {
            long horizon = (long) prediction.horizon();
            Table.Builder table = idColumn(reader).numberColumn("expected_purchases").numberColumn("probability_alive");
            List<OpportunityHistory> histories = rows.histories();
            for (int i = 0; i < histories.size(); i++) {
                OpportunityHistory history = histories.get(i);
                table.row(withId(reader, i, model.conditionalExpectedPurchases(horizon, history),
                        model.probabilityAlive(history)));
            }
            return table.build();
        });
    }

    /** A table whose first column is the file's customer id column, where it has one. */
    static Table.Builder idColumn(HistoryReader reader) {
        Table.Builder table = Table.builder();
        return reader.idColumn() == null ? table : table.column(reader.idColumn());
    }

    /** The cells of row {@code i}: its customer id, where the file has one, then {@code figures}. */
    static Object[] withId(HistoryReader reader, int i, Object... figures) {
        if (reader.idColumn() == null) {
            return figures;
        }
        Object[] cells = new Object[figures.length + 1];
        cells[0] = reader.ids().get(i);
        System.arraycopy(figures, 0, cells, 1, figures.length);
        return cells;
    }

    private static Fitted survivors(HistoryReader reader, FitOptions options) {
        CohortSurvivors survivors = reader.survivors();
        ShiftedBetaGeometricModel model = ShiftedBetaGeometricModel.fit(survivors, options);
        return new Fitted(model.fitResult(), survivors.alive(0), "", prediction -> {
            int periods = survivors.periods() + (int) prediction.horizon();
            double[] projected = model.projectedSurvivors(survivors.alive(0), periods);
            Table.Builder table = Table.builder().numberColumn("period").numberColumn("alive")
                    .numberColumn("projected_alive");
            for (int t = 0; t <= periods; t++) {
                table.row(t, t <= survivors.periods() ? survivors.alive(t) : null, projected[t]);
            }
            return table.build();
        });
    }
}
