package org.loyaltymetrics.examples.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.model.GammaGammaModel;
import org.loyaltymetrics.model.ModelFit;
import org.loyaltymetrics.model.ParetoNbdCovariateModel;
import org.loyaltymetrics.model.Scorer;
import org.loyaltymetrics.model.TransactionModel;
import org.loyaltymetrics.table.Table;

/**
 * The fits of {@code fit MODEL FILE --covariates a,b,c}: each row of the file is one customer, with the
 * model's history columns and the covariate columns; the rows are joined to their covariates by row
 * number, the model with covariates is fitted, and each row is predicted by the model of its own
 * covariates ({@code forCustomer}).
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

    private CovariateFits() {
    }

    /**
     * Reads the histories and covariates of {@code kind} with {@code reader}, fits the model with
     * covariates, and returns the fit with its coefficients by process ({@code purchase}, {@code attrition}).
     *
     * @param columns the covariate columns ({@code --covariates}), already checked
     */
    static ModelFits.Fitted fit(ModelFits.Kind kind, HistoryReader reader, List<String> columns, FitOptions options,
            boolean withSpend) {
        reader.readingCovariates(columns, List.of());
        HistoryReader.PurchasesAndSpend data = reader.purchaseHistories(HistoryReader.FILE_TIME_UNIT, withSpend);
        List<PurchaseHistory> histories = data.purchases().histories();
        if (histories.isEmpty()) {
            throw new InputException(reader.name() + ": has no customer to fit");
        }
        CustomerCovariates.Builder covariates = CustomerCovariates.builder(columns);
        Map<Long, PurchaseHistory> byRow = new LinkedHashMap<>();
        List<double[]> numbers = reader.covariateNumbers();
        for (int i = 0; i < histories.size(); i++) {
            covariates.add(i, numbers.get(i));
            byRow.put((long) i, histories.get(i));
        }
        CustomerCovariates.Joined joined = covariates.build().join(byRow, CustomerCovariates.MissingCovariates.REFUSE);
        List<String> constant = joined.constantCovariates();
        if (!constant.isEmpty()) {
            throw new InputException(reader.name() + ": --covariates " + String.join(",", constant) + " "
                    + (constant.size() == 1 ? "is" : "are") + " the same for every customer, so the data cannot "
                    + "tell " + (constant.size() == 1 ? "its" : "their") + " effect apart from the model's "
                    + "parameters: leave " + (constant.size() == 1 ? "it" : "them") + " out");
        }
        GammaGammaModel spend = withSpend ? GammaGammaModel.fit(data.spend().collection(), options) : null;
        return switch (kind) {
            case PARETO_NBD -> {
                ParetoNbdCovariateModel model = ParetoNbdCovariateModel.fit(joined, options);
                yield fitted(model.fitResult(), histories.size(),
                        coefficients(model.fitResult(), model.purchaseCoefficients(), "trans."),
                        coefficients(model.fitResult(), model.attritionCoefficients(), "life."),
                        row -> model.forCustomer(joined.covariates(row)), reader, data, spend);
            }
            default -> throw new IllegalArgumentException(kind.name + " has no covariates here");
        };
    }

    /** The coefficients of one process with their standard errors, named {@code prefix + covariate} in the fit. */
    private static Map<String, Coefficient> coefficients(ModelFit fit, Map<String, Double> estimates, String prefix) {
        Map<String, Coefficient> coefficients = new LinkedHashMap<>();
        estimates.forEach((name, estimate) -> coefficients.put(name, new Coefficient(estimate,
                fit.hasStandardErrors() ? fit.standardErrors().get(prefix + name) : null)));
        return coefficients;
    }

    private static ModelFits.Fitted fitted(ModelFit fit, long customers, Map<String, Coefficient> purchase,
            Map<String, Coefficient> attrition, IntFunction<TransactionModel> modelOfRow, HistoryReader reader,
            HistoryReader.PurchasesAndSpend data, GammaGammaModel spend) {
        Map<String, Map<String, Coefficient>> coefficients = new LinkedHashMap<>();
        coefficients.put("purchase", purchase);
        coefficients.put("attrition", attrition);
        return new ModelFits.Fitted(fit, customers, "", prediction -> {
            List<PurchaseHistory> histories = data.purchases().histories();
            Table.Builder table = null;
            for (int i = 0; i < histories.size(); i++) {
                Scorer scorer = ModelFits.scorer(modelOfRow.apply(i), spend, prediction);
                if (table == null) {
                    table = ModelFits.scoreColumns(reader, scorer);
                }
                Scorer.Score score = scorer.score(new Scorer.Customer(i, histories.get(i),
                        spend == null ? null : data.spend().histories().get(i).orElse(null)));
                table.row(ModelFits.withId(reader, i, ModelFits.cells(scorer, score)));
            }
            return table.build();
        }, coefficients);
    }
}
