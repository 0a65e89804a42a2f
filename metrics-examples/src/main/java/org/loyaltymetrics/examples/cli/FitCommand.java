package org.loyaltymetrics.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.model.CovariateOptions;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.model.ModelFit;
import org.loyaltymetrics.model.ModelFitException;
import org.loyaltymetrics.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fit MODEL FILE [--weights COLUMN] [--penalizer L] [--predict T] [--output FILE] [--format table|json]}:
 * fits one of the predictive models of {@code org.loyaltymetrics.model} by maximum likelihood. The
 * file is read by {@link HistoryReader}, the models fitted and asked by {@link ModelFits}; this class
 * checks the options and prints.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        header = "Fits a predictive model (BG/NBD, Pareto/NBD, ...) and predicts.",
        description = {"Fits a predictive model by maximum likelihood: bgnbd, mbgnbd, pareto-nbd, ggomnbd (columns "
                + "frequency,recency,T or x,t_x,T), gamma-gamma (frequency,monetary_value or x,zbar; rows with "
                + "frequency 0 or a mean value of 0 are skipped and counted), bgbb (frequency,recency,periods), "
                + "sbg (period,alive; year accepted for period).",
            "With --predict T it writes, for each input row in order, its customer id (if the file has one), the "
                + "expected purchases in the next T time "
                + "units and the probability of being alive (gamma-gamma: the expected average spend; sbg: the "
                + "projected survivors for T further periods) as CSV to --output, or to standard output instead of "
                + "the report."})
final class FitCommand implements Callable<Integer> {

    /** The models that take --covariates. */
    static final java.util.Set<ModelFits.Kind> COVARIATE_MODELS = java.util.EnumSet.of(ModelFits.Kind.PARETO_NBD,
            ModelFits.Kind.BGNBD, ModelFits.Kind.GGOMNBD, ModelFits.Kind.GAMMA_GAMMA, ModelFits.Kind.BGBB,
            ModelFits.Kind.SBG);

    /** The models with covariates on the purchase and the attrition process, which take --same-on-both. */
    static final java.util.Set<ModelFits.Kind> PURCHASE_COVARIATE_MODELS = java.util.EnumSet.of(
            ModelFits.Kind.PARETO_NBD, ModelFits.Kind.BGNBD, ModelFits.Kind.GGOMNBD);

    /** The furthest sbg projection, in periods after the data: a row each. */
    static final long MAX_SBG_HORIZON = 100_000;

    /**
     * The furthest bgbb horizon, in opportunities: a whole number read as a double is exact up to
     * 2^53, so a larger one could silently be another number.
     */
    static final long MAX_BGBB_HORIZON = 1_000_000_000_000_000L;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "bgnbd, mbgnbd, pareto-nbd, ggomnbd, gamma-gamma, bgbb or sbg.")
    String model;

    @Parameters(index = "1", paramLabel = "FILE", description = "CSV file with a header row; - for standard input.")
    String file;

    @Option(names = "--weights", paramLabel = "COLUMN",
            description = "Column of row weights: the number of customers with the row's values (integers >= 1).")
    String weights;

    @Option(names = "--id-column", paramLabel = "NAME",
            description = "Column of the customer ids that --predict writes first (default: customer_id, ID or id, "
                    + "where the file has one).")
    String idColumn;

    @Option(names = "--penalizer", paramLabel = "L", defaultValue = "0",
            description = "L2 penalizer λ on the parameters, as in lifetimes (default: ${DEFAULT-VALUE}).")
    double penalizer;

    @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "1000",
            description = "Most iterations of the optimiser, >= 1 (default: ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--allow-nonconvergence",
            description = "Report the best point found, marked not converged, when the fit does not converge or the "
                    + "data do not identify the parameters (default: stop with exit status 2).")
    boolean allowNonconvergence;

    @Option(names = "--covariates", split = ",", paramLabel = "COLUMN",
            description = "Comma-separated covariate columns of each customer (pareto-nbd, bgnbd, ggomnbd, gamma-gamma, "
                    + "bgbb, sbg; one row per customer, sbg's columns periods,lost): numbers, or categories given in "
                    + "--categorical. They shift the purchase and the attrition process (gamma-gamma: the spend), "
                    + "each through its own coefficients, as CLVTools parametrises them (the discrete models: a log "
                    + "link on each beta parameter); the JSON adds coefficients {purchase, attrition} ({spend}). --penalizer L then penalises the coefficients (L times their sum of squares per "
                    + "process, CLVTools' reg.lambdas), not the model's parameters.")
    List<String> covariates = List.of();

    @Option(names = "--categorical", split = ",", paramLabel = "COLUMN",
            description = "Those of --covariates that are categories: indicator columns name=level against the first "
                    + "level in sorted order.")
    List<String> categorical = List.of();

    @Option(names = "--same-on-both", split = ",", paramLabel = "COLUMN",
            description = "Those of --covariates with one coefficient on both processes (CLVTools' names.cov.constr).")
    List<String> sameOnBoth = List.of();

    @Option(names = "--scale", paramLabel = "HOW", defaultValue = "none",
            description = "none, centre or standardise: how the covariates are transformed for the fit; the "
                    + "coefficients are reported on the columns' own scale all the same (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--dynamic-covariates", paramLabel = "FILE",
            description = "pareto-nbd with time-varying covariates (Bachmann, Meierer & Naef 2021): FILE has the "
                    + "customer id column, week_start_date (the Sunday each week starts) and the --covariates columns "
                    + "for every week of each customer; the model's FILE is then the transaction log (customer id, "
                    + "date), read with --calibration-end. Times are in weeks.")
    String dynamicCovariates;

    @Option(names = "--calibration-end", paramLabel = "DATE",
            description = "With --dynamic-covariates: the last day of the calibration period, inclusive (yyyy-MM-dd); "
                    + "--predict T then predicts the T weeks after it.")
    java.time.LocalDate calibrationEnd;

    @Option(names = "--predict", paramLabel = "T",
            description = "Also predict for each row: the horizon in the data's time unit (opportunities for bgbb, "
                    + "periods for sbg).")
    Double predict;

    @Mixin
    ScoringOptions scoring;

    @Option(names = "--output", paramLabel = "FILE", description = "Where --predict writes its CSV.")
    String output;

    @Mixin
    InputFormat layout;

    @Mixin
    OutputFormat outputFormat;

    @Override
    public Integer call() {
        ModelFits.Kind kind = ModelFits.Kind.named(model).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "MODEL must be one of bgnbd, mbgnbd, pareto-nbd, ggomnbd, gamma-gamma, bgbb, sbg, was '" + model + "'"));
        checkOptions(kind);
        ModelFits.Fitted fitted;
        FitOptions options = FitOptions.defaults().withPenalizer(penalizer).withMaxIterations(maxIterations);
        try {
            FitOptions chosen = allowNonconvergence ? options.allowingNonConvergence() : options;
            if (dynamicCovariates != null) {
                fitted = DynamicCovariateFit.fit(layout.open(file), layout.open(dynamicCovariates),
                        idColumn == null ? "customer_id" : idColumn, covariates, calibrationEnd,
                        predict == null ? null : (int) Math.round(predict), chosen.withPenalizer(0),
                        covariateOptions().options());
            } else {
                HistoryReader reader = new HistoryReader(layout.open(file), weights, kind.name, idColumn);
                fitted = covariates.isEmpty() ? ModelFits.fit(kind, reader, chosen, scoring.horizon != null)
                        : CovariateFits.fit(kind, reader, covariateOptions(), chosen.withPenalizer(0),
                                scoring.horizon != null);
            }
        } catch (ModelFitException e) {
            throw new InputException(file + ": " + inCommandLineTerms(e, penalizer, maxIterations));
        }
        if (predict != null) {
            writePredictions(predictions(fitted));
            if (output == null) {
                return 0;
            }
        }
        System.out.print(outputFormat.json() ? json(kind, fitted) : report(fitted));
        return 0;
    }

    /**
     * The failure of a fit with its remedies as options of this tool ({@code --penalizer 0.001},
     * {@code --max-iterations 2000}) rather than the library's API.
     */
    static String inCommandLineTerms(ModelFitException e, double penalizer, int maxIterations) {
        List<String> tries = new ArrayList<>();
        for (ModelFitException.Remedy remedy : e.remedies()) {
            switch (remedy) {
                case PENALIZER -> tries.add("a penalizer such as --penalizer " + (penalizer > 0
                        ? Printer.format(Math.min(penalizer * 10, 1.0)) : "0.001"));
                case MORE_ITERATIONS -> tries.add("more iterations (--max-iterations "
                        + (int) Math.min(Integer.MAX_VALUE, 4L * maxIterations) + ")");
                default -> throw new IllegalStateException("no option for " + remedy);
            }
        }
        if (!e.dataAdvice().isEmpty()) {
            // the library names its classes; the tool names its models
            tries.add(e.dataAdvice()
                    .replace("the Pareto/NBD with covariates (ParetoNbdCovariateModel)", "pareto-nbd with the same --covariates")
                    .replace("the Pareto/NBD (ParetoNbdModel)", "pareto-nbd"));
        }
        if (e.remedies().contains(ModelFitException.Remedy.MORE_ITERATIONS)) {
            tries.add("--allow-nonconvergence to see where it stopped");
        }
        return tries.isEmpty() ? e.problem() : e.problem() + "; try " + String.join(", or ", tries);
    }

    /** The predictions of --predict, with a fit without standard errors reported as bad input. */
    private Table predictions(ModelFits.Fitted fitted) {
        try {
            return fitted.predictions().apply(scoring.prediction(predict));
        } catch (UndefinedResultException e) {
            throw new InputException(file + ": --intervals: " + e.getMessage());
        }
    }

    private void checkOptions(ModelFits.Kind kind) {
        if (scoring.anyGiven() && !kind.isPurchaseModel()) {
            throw new ParameterException(spec.commandLine(), scoring.firstGiven() + " applies to bgnbd, mbgnbd, "
                    + "pareto-nbd and ggomnbd, not " + kind.name);
        }
        if (scoring.anyGiven() && predict == null) {
            throw new ParameterException(spec.commandLine(), scoring.firstGiven() + " goes with --predict");
        }
        scoring.check();
        if (!(penalizer >= 0 && penalizer < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(spec.commandLine(), "--penalizer must be finite and >= 0, was " + penalizer);
        }
        if (maxIterations < 1) {
            throw new ParameterException(spec.commandLine(), "--max-iterations must be >= 1, was " + maxIterations);
        }
        if (predict != null && !(predict >= 0 && predict < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(spec.commandLine(), "--predict must be finite and >= 0, was " + predict);
        }
        if (predict != null && kind.isDiscrete()) {
            long max = kind == ModelFits.Kind.BGBB ? MAX_BGBB_HORIZON : MAX_SBG_HORIZON;
            if (predict != Math.rint(predict) || predict > max) {
                throw new ParameterException(spec.commandLine(), "--predict must be a whole number of "
                        + (kind == ModelFits.Kind.BGBB ? "opportunities" : "periods") + " in 0.." + max + " for "
                        + kind.name + ", was " + Printer.format(predict));
            }
        }
        checkCovariates(kind);
        if (output != null && predict == null) {
            throw new ParameterException(spec.commandLine(), "--output goes with --predict");
        }
        if (idColumn != null && kind == ModelFits.Kind.SBG && covariates.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--id-column does not apply to sbg: its rows are periods");
        }
        if (weights != null && kind == ModelFits.Kind.SBG && covariates.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--weights does not apply to sbg: its rows are periods");
        }
    }

    private void checkDynamicCovariates(ModelFits.Kind kind) {
        if (dynamicCovariates == null) {
            if (calibrationEnd != null) {
                throw new ParameterException(spec.commandLine(), "--calibration-end goes with --dynamic-covariates");
            }
            return;
        }
        if (kind != ModelFits.Kind.PARETO_NBD) {
            throw new ParameterException(spec.commandLine(), "--dynamic-covariates applies to pareto-nbd, not "
                    + kind.name);
        }
        if (covariates.isEmpty() || calibrationEnd == null) {
            throw new ParameterException(spec.commandLine(), "--dynamic-covariates needs --covariates (its columns) and "
                    + "--calibration-end");
        }
        if (weights != null || scoring.horizon != null || !categorical.isEmpty() || !scale.equals("none")) {
            throw new ParameterException(spec.commandLine(), "--dynamic-covariates takes --covariates, "
                    + "--calibration-end, --same-on-both, --penalizer, --predict, --intervals, --id-column, "
                    + "--max-iterations, --allow-nonconvergence and the output options only");
        }
        for (String name : sameOnBoth) {
            if (!covariates.contains(name)) {
                throw new ParameterException(spec.commandLine(), "--same-on-both " + name + " is not one of "
                        + "--covariates " + String.join(",", covariates));
            }
        }
        if (predict != null && (predict != Math.rint(predict) || predict < 1 || predict > 10_000)) {
            throw new ParameterException(spec.commandLine(), "--predict must be a whole number of weeks in 1..10000 "
                    + "with --dynamic-covariates, was " + Printer.format(predict));
        }
    }

    private void checkCovariates(ModelFits.Kind kind) {
        checkDynamicCovariates(kind);
        if (dynamicCovariates != null) {
            return;
        }
        if (covariates.isEmpty()) {
            for (String option : List.of("--categorical", "--same-on-both")) {
                if (!(option.equals("--categorical") ? categorical : sameOnBoth).isEmpty()) {
                    throw new ParameterException(spec.commandLine(), option + " goes with --covariates");
                }
            }
            if (!scale.equals("none")) {
                throw new ParameterException(spec.commandLine(), "--scale goes with --covariates");
            }
            return;
        }
        if (!COVARIATE_MODELS.contains(kind)) {
            throw new ParameterException(spec.commandLine(), "--covariates applies to pareto-nbd, bgnbd, ggomnbd, "
                    + "gamma-gamma, bgbb and sbg, not " + kind.name);
        }
        if (!PURCHASE_COVARIATE_MODELS.contains(kind)) {
            if (!sameOnBoth.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--same-on-both applies to the purchase models with "
                        + "covariates (pareto-nbd, bgnbd, ggomnbd), not " + kind.name);
            }
            if (!scale.equals("none") || penalizer != 0) {
                throw new ParameterException(spec.commandLine(), (penalizer != 0 ? "--penalizer" : "--scale")
                        + " does not go with --covariates for " + kind.name + " yet");
            }
        }
        if (weights != null) {
            throw new ParameterException(spec.commandLine(), "--weights does not go with --covariates: each row is "
                    + "one customer with covariates of its own");
        }
        if (scoring.intervals != null && !PURCHASE_COVARIATE_MODELS.contains(kind)) {
            throw new ParameterException(spec.commandLine(), "--intervals with --covariates applies to pareto-nbd, "
                    + "bgnbd and ggomnbd, not " + kind.name);
        }
        if (covariates.stream().anyMatch(String::isBlank) || covariates.stream().distinct().count() < covariates.size()) {
            throw new ParameterException(spec.commandLine(), "--covariates must name distinct columns, was "
                    + String.join(",", covariates));
        }
        for (String option : List.of("--categorical", "--same-on-both")) {
            for (String column : option.equals("--categorical") ? categorical : sameOnBoth) {
                if (!covariates.contains(column)) {
                    throw new ParameterException(spec.commandLine(), option + " " + column + " must be one of "
                            + "--covariates " + String.join(",", covariates));
                }
            }
        }
        scaling();
    }

    private CovariateOptions.Scaling scaling() {
        return switch (scale) {
            case "none" -> CovariateOptions.Scaling.NONE;
            case "centre", "center" -> CovariateOptions.Scaling.CENTRE;
            case "standardise", "standardize" -> CovariateOptions.Scaling.STANDARDISE;
            default -> throw new ParameterException(spec.commandLine(), "--scale must be none, centre or standardise, "
                    + "was " + InputSyntax.quote(scale));
        };
    }

    /** The covariates and how they enter the fit; --penalizer penalises their coefficients. */
    private CovariateFits.Covariates covariateOptions() {
        CovariateOptions options = CovariateOptions.defaults().withSameOnBoth(sameOnBoth.toArray(String[]::new))
                .withPenalties(penalizer, penalizer).withScaling(scaling());
        return new CovariateFits.Covariates(covariates, categorical, options);
    }

    private void writePredictions(Table predictions) {
        String csv = Printer.csv(predictions);
        if (output == null) {
            System.out.print(csv);
            return;
        }
        try (Writer writer = Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8)) {
            writer.write(csv);
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(output + ": cannot be written: " + e.getMessage());
        }
    }

    /**
     * The published JSON: {@code model, customers, params, standardErrors, logLikelihood, iterations},
     * and {@code converged, identified} (false only with {@code --allow-nonconvergence}), {@code penalizer,
     * distinctRows, covariance} (the matrix in the order of {@code params}, null without standard errors), from
     * which {@code score} rebuilds the fit.
     */
    private String json(ModelFits.Kind kind, ModelFits.Fitted fitted) {
        ModelFit fit = fitted.fit();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", kind.name);
        root.put("customers", fitted.customers());
        root.put("params", new LinkedHashMap<>(fit.parameters()));
        root.put("standardErrors", fit.hasStandardErrors() ? new LinkedHashMap<>(fit.standardErrors()) : null);
        root.put("logLikelihood", fit.logLikelihood());
        root.put("iterations", fit.iterations());
        root.put("converged", fit.converged());
        root.put("identified", fit.identified());
        // with covariates, --penalizer penalises their coefficients, not the parameters the fit's penalizer covers
        root.put("penalizer", fitted.coefficients().isEmpty() ? fit.penalizer() : penalizer);
        root.put("distinctRows", fit.distinctRows());
        root.put("covariance", fit.hasStandardErrors() ? fit.covariance() : null);
        if (!fitted.coefficients().isEmpty()) {
            root.put("coefficients", fitted.coefficients());
        }
        return Printer.toJson(root);
    }

    /**
     * The file, what was read and how the fit went, then the library's fit report ({@link ModelFit#toTable()}:
     * each parameter's estimate, standard error and 95 % interval).
     */
    private String report(ModelFits.Fitted fitted) {
        ModelFit fit = fitted.fit();
        String heading = fit.model() + " fit: " + Printer.source(file) + ", " + Printer.plural(fitted.customers(), "customer")
                + fitted.note() + (penalizer == 0 ? "" : ", penalizer " + Printer.format(penalizer))
                + System.lineSeparator() + "log-likelihood " + String.format(Locale.ROOT, "%.4f", fit.logLikelihood())
                + ", " + Printer.plural(fit.iterations(), "iteration") + ", " + (fit.converged()
                        ? "converged" : "NOT CONVERGED: the estimates are where the optimiser stopped")
                + (fit.converged() && !fit.identified() ? ", NOT IDENTIFIED by the data" : "");
        return Printer.text(fit.toTable(), heading);
    }
}
