package org.loyaltymetrics.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.knowm.xchart.internal.chartpart.Chart;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.charts.Charts;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.data.TimeVaryingCovariates;
import org.loyaltymetrics.model.BetaGeometricNbdCovariateModel;
import org.loyaltymetrics.model.ChiSquareGoodnessOfFit;
import org.loyaltymetrics.model.CovariateTransactionModel;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.model.GammaGompertzNbdCovariateModel;
import org.loyaltymetrics.model.HoldoutEvaluation;
import org.loyaltymetrics.model.ModelComparison;
import org.loyaltymetrics.model.ModelFit;
import org.loyaltymetrics.model.ModelFitException;
import org.loyaltymetrics.model.ParetoNbdCovariateModel;
import org.loyaltymetrics.model.ParetoNbdDynamicCovariateModel;
import org.loyaltymetrics.model.TransactionModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code evaluate MODEL FILE --calibration-end DATE --observation-end DATE [--unit day|week|month]}: fits a
 * purchase model on the calibration period of a transaction log (the {@code rfm} command's columns and
 * options) and compares its predictions with the holdout period ({@link HoldoutEvaluation}): per customer,
 * per calibration-frequency class, and period by period; the χ² test of the calibration histogram, AIC
 * and BIC. MODEL {@code all} fits the three models and ranks them on the holdout
 * ({@link ModelComparison}). JSON keys: {@code customers, excluded, perCustomer {mae, rmse, bias},
 * byFrequency [{frequency, customers, actual, predicted}], tracking [{period, actual, expected,
 * cumulativeActual, cumulativeExpected}], chiSquare, aic, bic}. With {@code --covariates a,b
 * --covariates-file CUSTOMERS [--categorical b]} the model with those time-invariant covariates is fitted and
 * every customer evaluated with the model of their own covariates ({@link HoldoutEvaluation#of(
 * CovariateTransactionModel, RfmSummary, CustomerCovariates, ChronoUnit)}); the JSON adds {@code coefficients
 * {purchase: {...}, attrition: {...}}} with their standard errors, as {@code fit --covariates} prints them.
 * With {@code pareto-nbd --covariates a,b --dynamic-covariates WEEKLY} the Pareto/NBD with time-varying covariates
 * is fitted and evaluated with each customer's covariates week by week ({@link HoldoutEvaluation#of(
 * ParetoNbdDynamicCovariateModel, TimeVaryingCovariates.Joined, ChronoUnit)}), the JSON with the same
 * {@code coefficients}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        header = "Fits a purchase model on a calibration period and checks it on the holdout.",
        description = {"Splits a transaction log at --calibration-end (inclusive), fits MODEL (bgnbd, mbgnbd or "
                + "pareto-nbd; all ranks the three) on the calibration period, and compares its predictions with "
                + "the purchases of the holdout period to --observation-end (inclusive): per customer (MAE, RMSE, "
                + "bias), by calibration frequency 0..7+, and period by period (actual and expected repeat "
                + "purchases, incremental and cumulative), with the chi-square test of the calibration histogram, "
                + "AIC and BIC. Customers whose first purchase is in the holdout are left out and counted. With "
                + "--covariates and --covariates-file, MODEL is fitted with the customers' covariates and each "
                + "customer is evaluated with the model of their own covariates."})
final class EvaluateCommand implements Callable<Integer> {

    /** The unit of the evaluation's times on the command line. */
    static final class UnitConverter implements ITypeConverter<ChronoUnit> {
        @Override
        public ChronoUnit convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "day", "days" -> ChronoUnit.DAYS;
                case "week", "weeks" -> ChronoUnit.WEEKS;
                case "month", "months" -> ChronoUnit.MONTHS;
                default -> throw new TypeConversionException("must be day, week or month, was "
                        + InputSyntax.quote(value));
            };
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "bgnbd, mbgnbd, pareto-nbd, ggomnbd, or all to rank the first three.")
    String model;

    @Mixin
    TransactionOptions input;

    @Parameters(index = "1", paramLabel = "FILE", description = "Transaction log; - for standard input.")
    void file(String file) {
        input.file = file;
    }

    @Option(names = "--calibration-end", required = true, paramLabel = "DATE", converter = Converters.Date.class,
            description = "Last day of the calibration period, inclusive (yyyy-MM-dd).")
    LocalDate calibrationEnd;

    @Option(names = "--observation-end", required = true, paramLabel = "DATE", converter = Converters.Date.class,
            description = "Last day of the holdout period, inclusive (yyyy-MM-dd).")
    LocalDate observationEnd;

    @Option(names = "--unit", paramLabel = "UNIT", defaultValue = "week", converter = UnitConverter.class,
            description = "Unit of the model's times and of the tracking periods: day, week (days / 7) or month "
                    + "(default: ${DEFAULT-VALUE}).")
    ChronoUnit unit;

    @Option(names = "--penalizer", paramLabel = "L", defaultValue = "0",
            description = "L2 penalizer of the fit, as in fit (default: ${DEFAULT-VALUE}).")
    double penalizer;

    @Option(names = "--covariates", split = ",", paramLabel = "COLUMN",
            description = "Fit MODEL (pareto-nbd, bgnbd or ggomnbd) with these time-invariant covariates of each "
                    + "customer, the columns of --covariates-file; every customer is evaluated with the model of "
                    + "their own covariates.")
    List<String> covariates = List.of();

    @Option(names = "--categorical", split = ",", paramLabel = "COLUMN",
            description = "Those of --covariates that are categories: indicator columns name=level against the first "
                    + "level in sorted order.")
    List<String> categorical = List.of();

    @Option(names = "--covariates-file", paramLabel = "FILE",
            description = "With --covariates: one row per customer, the --id-column and the --covariates columns.")
    String covariatesFile;

    @Option(names = "--dynamic-covariates", paramLabel = "FILE",
            description = "Fit the Pareto/NBD with time-varying covariates: the --covariates columns of FILE, one row "
                    + "per customer and week (--id-column, week_start_date or period_start, a Sunday), covering each "
                    + "customer's weeks from their first purchase to --observation-end. The model's times are weeks; "
                    + "--unit sets the tracking's periods.")
    String dynamicCovariates;

    @Option(names = "--charts", paramLabel = "DIR",
            description = "Also write the evaluation's charts into DIR as PNG: holdout-by-frequency.png, "
                    + "tracking-cumulative.png and tracking-incremental.png.")
    Path charts;

    @Mixin
    OutputFormat output;

    @Override
    public Integer call() {
        if (!observationEnd.isAfter(calibrationEnd)) {
            throw new ParameterException(spec.commandLine(), "--observation-end must be after --calibration-end "
                    + calibrationEnd + ", was " + observationEnd);
        }
        if (!(penalizer >= 0 && penalizer < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(spec.commandLine(), "--penalizer must be finite and >= 0, was " + penalizer);
        }
        List<String> models = model.equals("all") ? List.of("bgnbd", "mbgnbd", "pareto-nbd") : List.of(model);
        if (!List.of("bgnbd", "mbgnbd", "pareto-nbd", "ggomnbd", "all").contains(model)) {
            throw new ParameterException(spec.commandLine(), "MODEL must be bgnbd, mbgnbd, pareto-nbd, ggomnbd or all, was "
                    + InputSyntax.quote(model));
        }
        checkCovariates();
        RfmSummary.Accumulator accumulator = RfmSummary.accumulator(input.currency(), calibrationEnd, observationEnd);
        Map<Long, List<LocalDate>> purchases = dynamicCovariates == null ? null : new HashMap<>();
        input.read(false, (customer, date, amount) -> {
            accumulator.add(customer, date, amount);
            if (purchases != null) {
                purchases.computeIfAbsent(customer, c -> new ArrayList<>()).add(date);
            }
        });
        RfmSummary split = accumulator.snapshot();
        if (split.transactionsAfterEnd() > 0) {
            System.err.println("evaluate: left out " + Printer.plural(split.transactionsAfterEnd(), "transaction")
                    + " after --observation-end " + observationEnd);
        }
        if (purchases != null) {
            return evaluateWithDynamicCovariates(purchases);
        }
        if (!covariates.isEmpty()) {
            return evaluateWithCovariates(split);
        }
        PurchaseHistories histories = PurchaseHistories.from(split, unit);
        FitOptions options = FitOptions.defaults().withPenalizer(penalizer);
        List<HoldoutEvaluation> evaluations = new ArrayList<>();
        for (String name : models) {
            TransactionModel fitted = fit(name, histories, options);
            try {
                evaluations.add(HoldoutEvaluation.of(fitted, split, unit));
            } catch (InvalidArgumentException e) {
                throw new InputException(Printer.source(input.file) + ": " + (e.argument().equals("split")
                        ? "--calibration-end " + calibrationEnd + ": " : "") + e.getMessage());
            }
        }
        if (evaluations.size() > 1) {
            if (charts != null) {
                throw new ParameterException(spec.commandLine(), "--charts goes with one MODEL, not all");
            }
            ModelComparison comparison = ModelComparison.of(evaluations);
            System.out.print(output.json() ? Printer.toJson(Map.of("models", rows(comparison)))
                    : Printer.text(comparison.toTable(), "Models ranked on the holdout: " + Printer.source(input.file)
                            + ", calibration to " + calibrationEnd + ", holdout to " + observationEnd + ", in "
                            + unitName()));
            return 0;
        }
        HoldoutEvaluation evaluation = evaluations.get(0);
        System.out.print(output.json() ? Printer.toJson(json(evaluation)) : text(evaluation));
        if (charts != null) {
            writeCharts(evaluation);
        }
        return 0;
    }

    private void checkCovariates() {
        if (dynamicCovariates != null) {
            if (!model.equals("pareto-nbd")) {
                throw new ParameterException(spec.commandLine(), "--dynamic-covariates applies to pareto-nbd, not "
                        + model);
            }
            if (covariates.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--dynamic-covariates needs --covariates (its columns)");
            }
            if (covariatesFile != null || !categorical.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--dynamic-covariates takes numeric --covariates of "
                        + "its own file, not " + (covariatesFile != null ? "--covariates-file" : "--categorical"));
            }
            if (penalizer != 0) {
                throw new ParameterException(spec.commandLine(), "--penalizer goes with a model without covariates");
            }
            return;
        }
        if (covariates.isEmpty()) {
            if (covariatesFile != null || !categorical.isEmpty()) {
                throw new ParameterException(spec.commandLine(), (covariatesFile != null ? "--covariates-file" :
                        "--categorical") + " goes with --covariates");
            }
            return;
        }
        if (!List.of("bgnbd", "pareto-nbd", "ggomnbd").contains(model)) {
            throw new ParameterException(spec.commandLine(), "--covariates applies to pareto-nbd, bgnbd and ggomnbd, "
                    + "not " + model);
        }
        if (covariatesFile == null) {
            throw new ParameterException(spec.commandLine(), "--covariates needs --covariates-file (the customers' "
                    + "covariates, one row each)");
        }
        if (penalizer != 0) {
            throw new ParameterException(spec.commandLine(), "--penalizer goes with a model without --covariates");
        }
        for (String column : categorical) {
            if (!covariates.contains(column)) {
                throw new ParameterException(spec.commandLine(), "--categorical " + column + " is not one of "
                        + "--covariates " + String.join(",", covariates));
            }
        }
    }

    /** Reads the covariates, fits the model with covariates to the calibration period and evaluates it. */
    private Integer evaluateWithCovariates(RfmSummary split) {
        CustomerCovariates table = readCovariates();
        List<String> constant = table.constantCovariates();
        if (!constant.isEmpty()) {
            throw new InputException(covariatesFile + ": --covariates " + String.join(",", constant) + " "
                    + (constant.size() == 1 ? "is" : "are") + " the same for every customer, so the data cannot tell "
                    + (constant.size() == 1 ? "its" : "their") + " effect apart from the model's parameters: leave "
                    + (constant.size() == 1 ? "it" : "them") + " out");
        }
        for (RfmSummary.Customer customer : split.customers()) {
            if (!table.contains(customer.customerId())) {
                throw new InputException(covariatesFile + ": has no row for customer "
                        + InputSyntax.quote(input.ids.key((int) customer.customerId())) + " of "
                        + Printer.source(input.file));
            }
        }
        CustomerCovariates.Joined joined = table.join(split, unit, CustomerCovariates.MissingCovariates.REFUSE);
        CovariateTransactionModel fitted;
        try {
            fitted = switch (model) {
                case "pareto-nbd" -> ParetoNbdCovariateModel.fit(joined);
                case "bgnbd" -> BetaGeometricNbdCovariateModel.fit(joined);
                default -> GammaGompertzNbdCovariateModel.fit(joined);
            };
        } catch (ModelFitException e) {
            throw new InputException(Printer.source(input.file) + ": " + FitCommand.inCommandLineTerms(e, penalizer,
                    FitOptions.defaults().maxIterations()));
        }
        HoldoutEvaluation evaluation;
        try {
            evaluation = HoldoutEvaluation.of(fitted, split, table, unit);
        } catch (InvalidArgumentException e) {
            throw new InputException(Printer.source(input.file) + ": " + (e.argument().equals("split")
                    ? "--calibration-end " + calibrationEnd + ": " : "") + e.getMessage());
        }
        Map<String, Object> coefficients = new LinkedHashMap<>();
        coefficients.put("purchase", CovariateFits.coefficients(fitted.purchaseCoefficients(),
                fitted::purchaseCoefficientEstimates));
        coefficients.put("attrition", CovariateFits.coefficients(fitted.attritionCoefficients(),
                fitted::attritionCoefficientEstimates));
        return print(evaluation, fitted.fitResult(), coefficients);
    }

    /** Prints the evaluation of a model with covariates, its fit and coefficients, and writes the charts. */
    private Integer print(HoldoutEvaluation evaluation, ModelFit fit, Map<String, ?> coefficients) {
        if (output.json()) {
            Map<String, Object> root = json(evaluation);
            root.put("coefficients", coefficients);
            System.out.print(Printer.toJson(root));
        } else {
            System.out.print(text(evaluation) + System.lineSeparator() + Printer.text(fit.toTable(),
                    "Parameters of the fit, coefficients included"));
        }
        if (charts != null) {
            writeCharts(evaluation);
        }
        return 0;
    }

    /**
     * Reads the time-varying covariates, fits the Pareto/NBD with them to the calibration period and evaluates
     * it on the holdout.
     */
    private Integer evaluateWithDynamicCovariates(Map<Long, List<LocalDate>> purchases) {
        TimeVaryingCovariates.Joined joined = DynamicCovariateFit.join(purchases, input.layout.open(dynamicCovariates),
                input.idColumn, covariates, calibrationEnd, observationEnd, input.ids);
        if (joined.size() == 0) {
            throw new InputException(Printer.source(input.file) + ": has no purchase up to --calibration-end "
                    + calibrationEnd);
        }
        ParetoNbdDynamicCovariateModel fitted;
        try {
            fitted = ParetoNbdDynamicCovariateModel.fit(joined);
        } catch (ModelFitException e) {
            throw new InputException(Printer.source(input.file) + ": " + FitCommand.inCommandLineTerms(e, penalizer,
                    FitOptions.defaults().maxIterations()));
        }
        HoldoutEvaluation evaluation;
        try {
            evaluation = HoldoutEvaluation.of(fitted, joined, unit);
        } catch (InvalidArgumentException e) {
            throw new InputException(Printer.source(input.file) + ": --calibration-end " + calibrationEnd + ": "
                    + e.getMessage());
        }
        return print(evaluation, fitted.fitResult(), DynamicCovariateFit.coefficients(fitted));
    }

    /** The customers' covariates of --covariates-file, by the dense ids of the transaction log. */
    private CustomerCovariates readCovariates() {
        List<String> numeric = covariates.stream().filter(c -> !categorical.contains(c)).toList();
        CustomerCovariates.TableBuilder builder = CustomerCovariates.builder(numeric, categorical);
        CsvInput file = input.layout.open(covariatesFile);
        Set<Integer> seen = new HashSet<>();
        file.read(header -> {
            List<String> columns = new ArrayList<>(List.of(input.idColumn));
            columns.addAll(covariates);
            file.requireColumns(header, columns.toArray(String[]::new));
        }, row -> {
            String id = row.get(input.idColumn);
            if (id.isEmpty()) {
                throw row.error(input.idColumn, id, "is not a customer id (blank)");
            }
            int customer = input.ids.idOf(id);
            if (!seen.add(customer)) {
                throw row.error(input.idColumn, id, "repeats a customer: give each customer one row");
            }
            double[] numbers = new double[numeric.size()];
            for (int j = 0; j < numbers.length; j++) {
                String cell = row.get(numeric.get(j));
                try {
                    numbers[j] = InputSyntax.number(cell);
                } catch (InputSyntax.Invalid e) {
                    throw row.error(numeric.get(j), cell, e.reason() + "; give --categorical " + numeric.get(j)
                            + " if it is a category");
                }
            }
            String[] levels = new String[categorical.size()];
            for (int j = 0; j < levels.length; j++) {
                levels[j] = row.get(categorical.get(j));
                if (levels[j].isBlank()) {
                    throw row.error(categorical.get(j), levels[j], "is not a level of the categorical covariate "
                            + "(a blank cell)");
                }
            }
            builder.add(customer, numbers, levels);
        });
        try {
            return builder.build();
        } catch (InvalidArgumentException e) {
            throw new InputException(covariatesFile + ": --categorical: " + e.getMessage() + "; leave it out of "
                    + "--covariates");
        }
    }

    private void writeCharts(HoldoutEvaluation evaluation) {
        String name = evaluation.modelName();
        Map<String, Chart<?, ?>> files = new LinkedHashMap<>();
        files.put("holdout-by-frequency.png", Charts.holdoutByFrequency(evaluation, name, 800, 500));
        files.put("tracking-cumulative.png", Charts.tracking(evaluation, name, true, 800, 500));
        files.put("tracking-incremental.png", Charts.tracking(evaluation, name, false, 800, 500));
        for (Map.Entry<String, Chart<?, ?>> file : files.entrySet()) {
            Path path = charts.resolve(file.getKey());
            try {
                Charts.write(file.getValue(), path);
            } catch (IOException | UncheckedIOException e) {
                throw new InputException(path + ": cannot be written: " + e.getMessage());
            }
            System.err.println("wrote " + path);
        }
    }

    private TransactionModel fit(String name, PurchaseHistories histories, FitOptions options) {
        try {
            return ModelFits.purchaseModel(ModelFits.purchaseKind(name).orElseThrow(), histories, options);
        } catch (ModelFitException e) {
            throw new InputException(Printer.source(input.file) + ": " + FitCommand.inCommandLineTerms(e, penalizer,
                    options.maxIterations()));
        }
    }

    private String unitName() {
        return unit.toString().toLowerCase(Locale.ROOT);
    }

    private String text(HoldoutEvaluation evaluation) {
        String n = System.lineSeparator();
        return Printer.text(evaluation.toTable(), evaluation.modelName() + " holdout purchases per customer, " + Printer.source(input.file)
                        + ": calibration to " + calibrationEnd + ", holdout to " + observationEnd + ", in " + unitName())
                + n + Printer.text(evaluation.frequencyTable(), "Mean holdout purchases by calibration frequency")
                + n + Printer.text(evaluation.trackingTable(), "Repeat purchases by " + unitName().replaceAll("s$", "")
                        + ", actual and expected (calibration ends after period "
                        + Printer.format(evaluation.calibrationEndPeriod()) + ")")
                + n + Printer.text(evaluation.chiSquare().toTable(), "Calibration frequency histogram: "
                        + evaluation.chiSquare());
    }

    /** The published JSON of one evaluation. */
    private static Map<String, Object> json(HoldoutEvaluation evaluation) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("customers", evaluation.customers());
        root.put("excluded", evaluation.excluded());
        HoldoutEvaluation.PredictionErrors errors = evaluation.perCustomer();
        Map<String, Object> perCustomer = new LinkedHashMap<>();
        perCustomer.put("mae", errors.mae());
        perCustomer.put("rmse", errors.rmse());
        perCustomer.put("bias", errors.bias());
        root.put("perCustomer", perCustomer);
        List<Map<String, Object>> byFrequency = new ArrayList<>();
        for (HoldoutEvaluation.FrequencyClass frequencyClass : evaluation.byFrequency()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("frequency", frequencyClass.frequency());
            row.put("customers", frequencyClass.customers());
            row.put("actual", frequencyClass.actual());
            row.put("predicted", frequencyClass.predicted());
            row.put("openEnded", frequencyClass.openEnded()); // 7 and more for the last class, "7+"
            byFrequency.add(row);
        }
        root.put("byFrequency", byFrequency);
        List<Map<String, Object>> tracking = new ArrayList<>();
        for (HoldoutEvaluation.TrackingPeriod period : evaluation.tracking()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("period", period.period());
            row.put("actual", period.actual());
            row.put("expected", period.expected());
            row.put("cumulativeActual", period.cumulativeActual());
            row.put("cumulativeExpected", period.cumulativeExpected());
            tracking.add(row);
        }
        root.put("tracking", tracking);
        ChiSquareGoodnessOfFit chiSquare = evaluation.chiSquare();
        Map<String, Object> chi = new LinkedHashMap<>();
        chi.put("statistic", chiSquare.statistic());
        chi.put("degreesOfFreedom", chiSquare.degreesOfFreedom());
        chi.put("pValue", chiSquare.hasPValue() ? chiSquare.pValue() : null);
        root.put("chiSquare", chi);
        root.put("aic", evaluation.aic());
        root.put("bic", evaluation.bic());
        return root;
    }

    private static List<Map<String, Object>> rows(ModelComparison comparison) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (HoldoutEvaluation evaluation : comparison.ranking()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", evaluation.modelName());
            HoldoutEvaluation.PredictionErrors errors = evaluation.perCustomer();
            row.put("mae", errors.mae());
            row.put("rmse", errors.rmse());
            row.put("bias", errors.bias());
            row.put("aic", evaluation.aic());
            row.put("bic", evaluation.bic());
            rows.add(row);
        }
        return rows;
    }
}
