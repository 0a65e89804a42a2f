package org.loyaltymetrics.examples.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.model.CovariateOptions;
import org.loyaltymetrics.model.CovariateTransactionModel;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.model.GammaGammaModel;
import org.loyaltymetrics.model.ModelFit;
import org.loyaltymetrics.model.ParetoNbdCovariateModel;
import org.loyaltymetrics.model.Scorer;
import org.loyaltymetrics.model.TransactionModel;
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
     * Reads the histories and covariates of {@code kind} with {@code reader}, fits the model with
     * covariates, and returns the fit with its coefficients by process ({@code purchase}, {@code attrition}).
     */
    static ModelFits.Fitted fit(ModelFits.Kind kind, HistoryReader reader, Covariates covariates, FitOptions options,
            boolean withSpend) {
        reader.readingCovariates(covariates.columns(), covariates.categorical());
        HistoryReader.PurchasesAndSpend data = reader.purchaseHistories(HistoryReader.FILE_TIME_UNIT, withSpend);
        List<PurchaseHistory> histories = data.purchases().histories();
        if (histories.isEmpty()) {
            throw new InputException(reader.name() + ": has no customer to fit");
        }
        CustomerCovariates.Joined joined = table(reader, covariates).join(byRow(histories),
                CustomerCovariates.MissingCovariates.REFUSE);
        List<String> constant = joined.constantCovariates();
        if (!constant.isEmpty()) {
            throw new InputException(reader.name() + ": --covariates " + String.join(",", constant) + " "
                    + (constant.size() == 1 ? "is" : "are") + " the same for every customer, so the data cannot "
                    + "tell " + (constant.size() == 1 ? "its" : "their") + " effect apart from the model's "
                    + "parameters: leave " + (constant.size() == 1 ? "it" : "them") + " out");
        }
        GammaGammaModel spend = withSpend ? GammaGammaModel.fit(data.spend().collection(), options) : null;
        CovariateTransactionModel model = switch (kind) {
            case PARETO_NBD -> ParetoNbdCovariateModel.fit(joined, covariates.options(), options);
            default -> throw new IllegalArgumentException(kind.name + " has no covariates here");
        };
        Map<String, Map<String, Coefficient>> coefficients = new LinkedHashMap<>();
        coefficients.put("purchase", coefficients(model.purchaseCoefficients(), model::purchaseCoefficientEstimates));
        coefficients.put("attrition",
                coefficients(model.attritionCoefficients(), model::attritionCoefficientEstimates));
        return fitted(model.fitResult(), histories.size(), coefficients,
                row -> model.forCustomer(joined.covariates(row)), reader, data, spend);
    }

    /** The covariates of the rows read, customer i being row i; categorical ones as indicator columns. */
    private static CustomerCovariates table(HistoryReader reader, Covariates covariates) {
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
        List<TreeSet<String>> seen = new ArrayList<>();
        categorical.forEach(c -> seen.add(new TreeSet<>()));
        for (int i = 0; i < numbers.size(); i++) {
            double[] x = new double[numericAt.size()];
            for (int j = 0; j < x.length; j++) {
                x[j] = numbers.get(i)[numericAt.get(j)];
            }
            String[] l = new String[categoricalAt.size()];
            for (int j = 0; j < l.length; j++) {
                l[j] = levels.get(i)[categoricalAt.get(j)];
                seen.get(j).add(l[j]);
            }
            table.add(i, x, l);
        }
        for (int j = 0; j < categorical.size(); j++) {
            if (seen.get(j).size() < 2) {
                throw new InputException(reader.name() + ": --categorical " + categorical.get(j) + " has one level only, "
                        + InputSyntax.quote(seen.get(j).first()) + ": leave it out of --covariates");
            }
            table.reference(categorical.get(j), seen.get(j).first());
        }
        return table.build();
    }

    private static Map<Long, PurchaseHistory> byRow(List<PurchaseHistory> histories) {
        Map<Long, PurchaseHistory> byRow = new LinkedHashMap<>();
        for (int i = 0; i < histories.size(); i++) {
            byRow.put((long) i, histories.get(i));
        }
        return byRow;
    }

    /** One process's coefficients with their standard errors (null where the fit has none). */
    private static Map<String, Coefficient> coefficients(Map<String, Double> values, Supplier<Map<String, Estimate>> estimates) {
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

    private static ModelFits.Fitted fitted(ModelFit fit, long customers,
            Map<String, Map<String, Coefficient>> coefficients, IntFunction<TransactionModel> modelOfRow,
            HistoryReader reader, HistoryReader.PurchasesAndSpend data, GammaGammaModel spend) {
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
