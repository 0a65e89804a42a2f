package org.loyaltymetrics.examples.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.ContractHistory;
import org.loyaltymetrics.data.CovariateRows;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.OpportunityHistory;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.SpendHistory;
import org.loyaltymetrics.model.BetaGeometricBetaBinomialCovariateModel;
import org.loyaltymetrics.model.BetaGeometricBetaBinomialModel;
import org.loyaltymetrics.model.BetaGeometricNbdCovariateModel;
import org.loyaltymetrics.model.CovariateOptions;
import org.loyaltymetrics.model.CovariateTransactionModel;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.model.GammaGammaCovariateModel;
import org.loyaltymetrics.model.GammaGammaModel;
import org.loyaltymetrics.model.GammaGompertzNbdCovariateModel;
import org.loyaltymetrics.model.ModelFit;
import org.loyaltymetrics.model.ParetoNbdCovariateModel;
import org.loyaltymetrics.model.Scorer;
import org.loyaltymetrics.model.ShiftedBetaGeometricCovariateModel;
import org.loyaltymetrics.model.ShiftedBetaGeometricModel;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.table.Table;

/**
 * The fits of {@code fit MODEL FILE --covariates a,b,c}: each row of the file is one customer, with the
 * model's history columns and the covariate columns (numbers, or levels of the {@code --categorical}
 * ones, which become indicator columns {@code name=level} against the first level in sorted order); the
 * rows are joined to their covariates by row number, the model with covariates is fitted, and each row is
 * predicted by the model of its own covariates ({@code forCustomer}).
 */
final class CovariateFits {

    /**
     * One coefficient as the JSON prints it.
     *
     * @param estimate the estimate, on the scale of the covariate as given
     * @param standardError its standard error, or null where the fit has none
     */
    record Coefficient(double estimate, Double standardError) {
    }

    /**
     * The covariates of {@code --covariates}, {@code --categorical}, {@code --same-on-both},
     * {@code --penalizer} and {@code --scale}.
     *
     * @param columns the covariate columns, in order
     * @param categorical those of {@code columns} that are categories
     * @param options how they enter the fit
     */
    record Covariates(List<String> columns, List<String> categorical, CovariateOptions options) {
    }

    private CovariateFits() {
    }

    /**
     * Reads the data and covariates of {@code kind} with {@code reader}, fits the model with covariates,
     * and returns the fit with its coefficients by process ({@code purchase}, {@code attrition}; {@code spend}
     * for gamma-gamma).
     */
    static ModelFits.Fitted fit(ModelFits.Kind kind, HistoryReader reader, Covariates covariates, FitOptions options,
            boolean withSpend) {
        reader.readingCovariates(covariates.columns(), covariates.categorical());
        return switch (kind) {
            case PARETO_NBD, BGNBD, GGOMNBD -> transactions(kind, reader, covariates, options, withSpend);
            case GAMMA_GAMMA -> spend(reader, covariates, options);
            case BGBB -> opportunities(reader, covariates, options);
            case SBG -> contracts(reader, covariates, options);
            default -> throw new IllegalArgumentException(kind.name + " has no covariates here");
        };
    }

    private static ModelFits.Fitted transactions(ModelFits.Kind kind, HistoryReader reader, Covariates covariates,
            FitOptions options, boolean withSpend) {
        HistoryReader.PurchasesAndSpend data = reader.purchaseHistories(HistoryReader.FILE_TIME_UNIT, withSpend);
        List<PurchaseHistory> histories = data.purchases().histories();
        CustomerCovariates.Joined joined = table(reader, covariates, histories.size()).join(byRow(histories),
                CustomerCovariates.MissingCovariates.REFUSE);
        refuseConstant(reader, joined.constantCovariates());
        GammaGammaModel spend = withSpend ? GammaGammaModel.fit(data.spend().collection(), options) : null;
        CovariateTransactionModel model = switch (kind) {
            case PARETO_NBD -> ParetoNbdCovariateModel.fit(joined, covariates.options(), options);
            case BGNBD -> BetaGeometricNbdCovariateModel.fit(joined, covariates.options(), options);
            case GGOMNBD -> GammaGompertzNbdCovariateModel.fit(joined, covariates.options(), options);
            default -> throw new IllegalArgumentException(kind.name + " is not a purchase model with covariates");
        };
        Map<String, Map<String, Coefficient>> coefficients = new LinkedHashMap<>();
        coefficients.put("purchase", coefficients(model.purchaseCoefficients(), model::purchaseCoefficientEstimates));
        coefficients.put("attrition",
                coefficients(model.attritionCoefficients(), model::attritionCoefficientEstimates));
        return new ModelFits.Fitted(model.fitResult(), histories.size(), "", prediction -> {
            // each row scored with the models of its own covariates; with intervals its own uncertainty, of every
            // parameter, coefficients included, and of the spend model's where the lifetime value is asked for
            Scorer scorer = ModelFits.configured(Scorer.of(model, prediction.horizon()), model.timeUnit(), spend,
                    prediction);
            List<Scorer.Customer> customers = new ArrayList<>(histories.size());
            for (int i = 0; i < histories.size(); i++) {
                customers.add(new Scorer.Customer(i, histories.get(i),
                        spend == null ? null : data.spend().histories().get(i).orElse(null), joined.covariates(i)));
            }
            return ModelFits.scores(reader, scorer, customers);
        }, coefficients);
    }

    private static ModelFits.Fitted spend(HistoryReader reader, Covariates covariates, FitOptions options) {
        HistoryReader.SpendRows rows = reader.spendHistories();
        List<Optional<SpendHistory>> histories = rows.histories();
        Map<Long, SpendHistory> withSpend = new LinkedHashMap<>();
        for (int i = 0; i < histories.size(); i++) {
            int row = i;
            histories.get(i).ifPresent(spend -> withSpend.put((long) row, spend));
        }
        CustomerCovariates all = table(reader, covariates, histories.size());
        CovariateRows<SpendHistory> joined = CovariateRows.join(all, withSpend, CustomerCovariates.MissingCovariates.REFUSE);
        refuseConstant(reader, joined.constantCovariates());
        GammaGammaCovariateModel model = GammaGammaCovariateModel.fit(joined, options);
        String note = rows.withoutRepeatPurchases() == 0 && rows.withZeroValue() == 0 ? ""
                : ", " + Printer.plural(rows.withoutRepeatPurchases() + rows.withZeroValue(), "customer")
                        + " without spend data skipped";
        return new ModelFits.Fitted(model.fitResult(), joined.size(), note, prediction -> {
            // a customer without spend data gets the mean spend of customers with their covariates
            Table.Builder table = ModelFits.idColumn(reader).numberColumn("expected_average_spend");
            for (int i = 0; i < histories.size(); i++) {
                GammaGammaModel own = model.forCustomer(all.values(i));
                Optional<SpendHistory> spend = histories.get(i);
                table.row(ModelFits.withId(reader, i, spend.isPresent()
                        ? own.conditionalExpectedAverageSpend(spend.get()) : own.populationMeanSpend()));
            }
            return table.build();
        }, processes(model.coefficients(), model.fitResult(), Map.of("spend", List.of("spend"))));
    }

    private static ModelFits.Fitted opportunities(HistoryReader reader, Covariates covariates, FitOptions options) {
        List<OpportunityHistory> histories = reader.opportunityHistories().histories();
        CovariateRows<OpportunityHistory> joined = CovariateRows.join(table(reader, covariates, histories.size()),
                byRow(histories), CustomerCovariates.MissingCovariates.REFUSE);
        refuseConstant(reader, joined.constantCovariates());
        BetaGeometricBetaBinomialCovariateModel model = BetaGeometricBetaBinomialCovariateModel.fit(joined, options);
        return new ModelFits.Fitted(model.fitResult(), joined.size(), "", prediction -> {
            long horizon = (long) prediction.horizon();
            Table.Builder table = ModelFits.idColumn(reader).numberColumn("expected_purchases")
                    .numberColumn("probability_alive");
            for (int i = 0; i < histories.size(); i++) {
                BetaGeometricBetaBinomialModel own = model.forCustomer(joined.covariates(i));
                table.row(ModelFits.withId(reader, i, own.conditionalExpectedPurchases(horizon, histories.get(i)),
                        own.probabilityAlive(histories.get(i))));
            }
            return table.build();
        }, processes(model.coefficients(), model.fitResult(), Map.of("purchase", List.of("alpha", "beta"), "attrition", List.of("gamma", "delta"))));
    }

    private static ModelFits.Fitted contracts(HistoryReader reader, Covariates covariates, FitOptions options) {
        List<ContractHistory> histories = reader.contractHistories();
        CovariateRows<ContractHistory> joined = CovariateRows.join(table(reader, covariates, histories.size()),
                byRow(histories), CustomerCovariates.MissingCovariates.REFUSE);
        refuseConstant(reader, joined.constantCovariates());
        ShiftedBetaGeometricCovariateModel model = ShiftedBetaGeometricCovariateModel.fit(joined, options);
        return new ModelFits.Fitted(model.fitResult(), joined.size(), "", prediction -> {
            // an active customer who renewed n times is still one after T more periods with S(n + T) / S(n)
            long horizon = (long) prediction.horizon();
            Table.Builder table = ModelFits.idColumn(reader).numberColumn("probability_active");
            for (int i = 0; i < histories.size(); i++) {
                ContractHistory history = histories.get(i);
                ShiftedBetaGeometricModel own = model.forCustomer(joined.covariates(i));
                table.row(ModelFits.withId(reader, i, history.lost() ? 0.0
                        : own.survival(Math.addExact(history.periods(), horizon)) / own.survival(history.periods())));
            }
            return table.build();
        }, processes(model.coefficients(), model.fitResult(), Map.of("attrition", List.of("alpha", "beta"))));
    }

    /**
     * The coefficients of a model with coefficient blocks grouped by process: each process's blocks'
     * coefficients named {@code block.covariate} (a process of one block of its own name: {@code covariate}).
     */
    private static Map<String, Map<String, Coefficient>> processes(Map<String, Map<String, Double>> blocks, ModelFit fit,
            Map<String, List<String>> blocksByProcess) {
        Map<String, Double> errors = fit.hasStandardErrors() ? fit.standardErrors() : Map.of();
        Map<String, Map<String, Coefficient>> processes = new LinkedHashMap<>();
        for (String process : List.of("purchase", "attrition", "spend")) {
            List<String> names = blocksByProcess.get(process);
            if (names == null) {
                continue;
            }
            Map<String, Coefficient> coefficients = new LinkedHashMap<>();
            for (String block : names) {
                blocks.get(block).forEach((covariate, value) -> coefficients.put(
                        names.size() == 1 && block.equals(process) ? covariate : block + "." + covariate,
                        new Coefficient(value, errors.get(block + "." + covariate))));
            }
            processes.put(process, coefficients);
        }
        return processes;
    }

    private static void refuseConstant(HistoryReader reader, List<String> constant) {
        if (!constant.isEmpty()) {
            throw new InputException(reader.name() + ": --covariates " + String.join(",", constant) + " "
                    + (constant.size() == 1 ? "is" : "are") + " the same for every customer, so the data cannot "
                    + "tell " + (constant.size() == 1 ? "its" : "their") + " effect apart from the model's "
                    + "parameters: leave " + (constant.size() == 1 ? "it" : "them") + " out");
        }
    }

    /** The covariates of the rows read, customer i being row i; categorical ones as indicator columns. */
    private static CustomerCovariates table(HistoryReader reader, Covariates covariates, int rows) {
        if (rows == 0) {
            throw new InputException(reader.name() + ": has no customer to fit");
        }
        List<String> numeric = new ArrayList<>();
        List<Integer> numericAt = new ArrayList<>();
        List<Integer> categoricalAt = new ArrayList<>();
        for (int j = 0; j < covariates.columns().size(); j++) {
            String column = covariates.columns().get(j);
            if (covariates.categorical().contains(column)) {
                categoricalAt.add(j);
            } else {
                numeric.add(column);
                numericAt.add(j);
            }
        }
        List<String> categorical = categoricalAt.stream().map(covariates.columns()::get).toList();
        CustomerCovariates.TableBuilder table = CustomerCovariates.builder(numeric, categorical);
        List<double[]> numbers = reader.covariateNumbers();
        List<String[]> levels = reader.covariateLevels();
        for (int i = 0; i < numbers.size(); i++) {
            double[] x = new double[numericAt.size()];
            for (int j = 0; j < x.length; j++) {
                x[j] = numbers.get(i)[numericAt.get(j)];
            }
            String[] l = new String[categoricalAt.size()];
            for (int j = 0; j < l.length; j++) {
                l[j] = levels.get(i)[categoricalAt.get(j)];
            }
            table.add(i, x, l);
        }
        try {
            return table.build(); // each categorical's reference: its first level in sorted order
        } catch (InvalidArgumentException e) {
            // a categorical covariate with one level: constant, so no indicator column
            throw new InputException(reader.name() + ": --categorical: " + e.getMessage() + "; leave it out of "
                    + "--covariates");
        }
    }

    private static <H> Map<Long, H> byRow(List<H> histories) {
        Map<Long, H> byRow = new LinkedHashMap<>();
        for (int i = 0; i < histories.size(); i++) {
            byRow.put((long) i, histories.get(i));
        }
        return byRow;
    }

    /** One process's coefficients with their standard errors (null where the fit has none). */
    static Map<String, Coefficient> coefficients(Map<String, Double> values, Supplier<Map<String, Estimate>> estimates) {
        Map<String, Estimate> withErrors;
        try {
            withErrors = estimates.get();
        } catch (UndefinedResultException e) {
            withErrors = Map.of();
        }
        Map<String, Coefficient> coefficients = new LinkedHashMap<>();
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            Estimate estimate = withErrors.get(entry.getKey());
            coefficients.put(entry.getKey(), new Coefficient(entry.getValue(),
                    estimate == null ? null : estimate.standardError()));
        }
        return coefficients;
    }
}
