package org.loyaltymetrics.examples.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.TimeVaryingCovariates;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.model.CovariateOptions;
import org.loyaltymetrics.model.DynamicCovariateScorer;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.model.Scorer;
import org.loyaltymetrics.model.ParetoNbdDynamicCovariateModel;
import org.loyaltymetrics.table.Table;

/**
 * {@code fit pareto-nbd TRANSACTIONS --dynamic-covariates FILE --covariates a,b --calibration-end DATE}: the
 * Pareto/NBD with time-varying covariates (Bachmann, Meierer &amp; Näf 2021; {@link
 * ParetoNbdDynamicCovariateModel}). The transaction log has a customer id column and a {@code date} column
 * (one purchase per row; purchases of one day count once, CLVTools' convention); the covariate file has the
 * same id column, the first day of each week ({@code week_start_date} or {@code period_start}, a Sunday) and
 * the covariate columns, every week of each customer's observation window (first purchase to the
 * calibration end, and to the end of the prediction period with {@code --predict T}). Times are in weeks.
 * {@code --predict T} writes each customer's expected purchases over the T weeks after the calibration end and
 * P(alive) ({@link DynamicCovariateScorer}), with {@code --intervals LEVEL} each figure's {@code _low} and
 * {@code _high} (the delta method, the coefficients included).
 */
final class DynamicCovariateFit {

    /** The names the covariate file's period column may have. */
    static final List<String> PERIOD_COLUMNS = List.of("week_start_date", "period_start");

    private DynamicCovariateFit() {
    }

    /**
     * Reads both files, joins them, fits the model and, with {@code predictWeeks}, predicts each customer.
     *
     * @param transactions the transaction log
     * @param covariateFile the covariate file
     * @param idColumn the customer id column of both files
     * @param columns the covariate columns of the covariate file
     * @param calibrationEnd the last day of the calibration period, inclusive
     * @param predictWeeks the prediction period in whole weeks after the calibration end, or null for none
     * @param covariateOptions the covariates with one coefficient on both processes and the L2 penalties
     */
    static ModelFits.Fitted fit(CsvInput transactions, CsvInput covariateFile, String idColumn, List<String> columns,
            LocalDate calibrationEnd, Integer predictWeeks, FitOptions options, CovariateOptions covariateOptions) {
        IdDictionary ids = new IdDictionary();
        Map<Long, List<LocalDate>> purchases = new LinkedHashMap<>();
        transactions.read(header -> transactions.requireColumns(header, idColumn, "date"),
                row -> {
                    String id = row.get(idColumn);
                    if (id.isBlank()) {
                        throw row.error(idColumn, id, "is not a customer id (a blank cell)");
                    }
                    LocalDate date = row.getDate("date", false);
                    purchases.computeIfAbsent((long) ids.idOf(id), k -> new ArrayList<>()).add(date);
                });
        if (purchases.isEmpty()) {
            throw new InputException(transactions.name() + ": has no purchase to fit");
        }
        TimeVaryingCovariates.Joined joined = join(purchases, covariateFile, idColumn, columns, calibrationEnd,
                predictWeeks == null ? null : calibrationEnd.plusWeeks(predictWeeks), ids);
        ParetoNbdDynamicCovariateModel model = ParetoNbdDynamicCovariateModel.fit(joined, covariateOptions, options);
        return new ModelFits.Fitted(model.fitResult(), joined.size(), "", prediction -> {
            DynamicCovariateScorer scorer = DynamicCovariateScorer.of(model);
            if (prediction.level() != null) {
                try {
                    scorer = scorer.withIntervals(prediction.level());
                } catch (UndefinedResultException e) {
                    throw new InputException(transactions.name() + ": --intervals: " + e.getMessage());
                }
            }
            Table.Builder table = Table.builder().column(idColumn);
            for (Scorer.Figure figure : scorer.figures()) {
                table.numberColumn(figure.column());
                if (scorer.hasIntervals()) {
                    table.numberColumn(figure.column() + "_low").numberColumn(figure.column() + "_high");
                }
            }
            for (Scorer.Score score : scorer.scoreAll(joined, Map.of())) {
                List<Object> cells = new ArrayList<>(List.of(ids.key((int) score.customerId())));
                for (Scorer.Figure figure : scorer.figures()) {
                    cells.add(score.value(figure));
                    if (scorer.hasIntervals()) {
                        cells.add(score.confidenceInterval(figure).low());
                        cells.add(score.confidenceInterval(figure).high());
                    }
                }
                table.row(cells.toArray());
            }
            return table.build();
        }, coefficients(model));
    }

    /** The fitted coefficients with their standard errors: {purchase: {...}, attrition: {...}}. */
    static Map<String, Map<String, CovariateFits.Coefficient>> coefficients(ParetoNbdDynamicCovariateModel model) {
        Map<String, Map<String, CovariateFits.Coefficient>> coefficients = new LinkedHashMap<>();
        coefficients.put("purchase", CovariateFits.coefficients(model.purchaseCoefficients(),
                model::purchaseCoefficientEstimates));
        coefficients.put("attrition", CovariateFits.coefficients(model.attritionCoefficients(),
                model::attritionCoefficientEstimates));
        return coefficients;
    }

    /**
     * Reads the covariate file and joins the customers' purchase days to it (refusing a customer without
     * covariates, or whose covariates do not cover their observation window, in the file's terms).
     *
     * @param purchases each customer's purchase dates, by the dense ids of {@code ids}
     * @param covariateFile the covariate file
     * @param idColumn the customer id column of the covariate file
     * @param columns the covariate columns
     * @param calibrationEnd the last day of the calibration period, inclusive
     * @param predictionEnd the last day of the prediction period (the holdout), inclusive, or null for none
     * @param ids the customers' ids as read, to which the covariate file's ids are added
     */
    static TimeVaryingCovariates.Joined join(Map<Long, List<LocalDate>> purchases, CsvInput covariateFile,
            String idColumn, List<String> columns, LocalDate calibrationEnd, LocalDate predictionEnd, IdDictionary ids) {
        TimeVaryingCovariates.Builder builder = TimeVaryingCovariates.weekly(columns);
        String[] period = new String[1];
        covariateFile.read(header -> {
            covariateFile.requireColumns(header, idColumn);
            covariateFile.requireColumns(header, columns.toArray(String[]::new));
            period[0] = PERIOD_COLUMNS.stream().filter(header::contains).findFirst().orElseThrow(() ->
                    covariateFile.headerError("the --dynamic-covariates file needs a column week_start_date or "
                            + "period_start (the first day of each week, a Sunday); the columns are " + header));
        }, row -> {
            String id = row.get(idColumn);
            double[] values = new double[columns.size()];
            for (int j = 0; j < values.length; j++) {
                values[j] = row.getNumber(columns.get(j));
            }
            LocalDate start = row.getDate(period[0], false);
            try {
                builder.add(ids.idOf(id), start, values);
            } catch (InvalidArgumentException e) {
                throw row.error(period[0], row.get(period[0]), "is not valid: " + e.getMessage());
            }
        });
        TimeVaryingCovariates covariates;
        TimeVaryingCovariates.Joined joined;
        try {
            covariates = builder.build();
            joined = covariates.join(purchases, calibrationEnd, predictionEnd,
                    CustomerCovariates.MissingCovariates.REFUSE);
        } catch (InvalidArgumentException e) {
            throw new InputException(covariateFile.name() + ": " + inFileTerms(e.getMessage(), ids));
        }
        return joined;
    }

    /** The library's message with its dense customer numbers ("customer 12") as the file's ids. */
    private static String inFileTerms(String message, IdDictionary ids) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("customer (\\d+)").matcher(message);
        StringBuilder text = new StringBuilder();
        while (matcher.find()) {
            long id = Long.parseLong(matcher.group(1));
            String key = id < ids.size() ? ids.key((int) id) : matcher.group(1);
            matcher.appendReplacement(text, java.util.regex.Matcher.quoteReplacement("customer " + key));
        }
        matcher.appendTail(text);
        return text.toString();
    }
}
