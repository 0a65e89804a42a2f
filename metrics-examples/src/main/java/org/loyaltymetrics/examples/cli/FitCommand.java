package org.loyaltymetrics.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loyaltymetrics.data.CohortSurvivors;
import org.loyaltymetrics.data.OpportunityHistories;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.SpendHistories;
import org.loyaltymetrics.model.BetaGeometricBetaBinomialModel;
import org.loyaltymetrics.model.BetaGeometricNbdModel;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.model.GammaGammaModel;
import org.loyaltymetrics.model.ModelFit;
import org.loyaltymetrics.model.ModelFitException;
import org.loyaltymetrics.model.ModifiedBetaGeometricNbdModel;
import org.loyaltymetrics.model.ParetoNbdModel;
import org.loyaltymetrics.model.ShiftedBetaGeometricModel;
import org.loyaltymetrics.model.TransactionModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fit MODEL FILE [--weights COLUMN] [--penalizer L] [--predict T] [--output FILE] [--format table|json]}:
 * fits one of the predictive models of {@code org.loyaltymetrics.model} by maximum likelihood.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fits a predictive model by maximum likelihood: bgnbd, mbgnbd, pareto-nbd (columns "
                + "frequency,recency,T or x,t_x,T), gamma-gamma (frequency,monetary_value or x,zbar; rows with "
                + "frequency 0 or a mean value of 0 are skipped and counted), bgbb (frequency,recency,periods), "
                + "sbg (period,alive; year accepted for period).",
            "With --predict T it writes, for each input row in order, the expected purchases in the next T time "
                + "units and the probability of being alive (gamma-gamma: the expected average spend; sbg: the "
                + "projected survivors for T further periods) as CSV to --output, or to standard output instead of "
                + "the report."})
final class FitCommand implements Callable<Integer> {

    /** The models by their command-line names. */
    enum Kind {
        BGNBD("bgnbd"), MBGNBD("mbgnbd"), PARETO_NBD("pareto-nbd"), GAMMA_GAMMA("gamma-gamma"), BGBB("bgbb"), SBG("sbg");

        final String name;

        Kind(String name) {
            this.name = name;
        }

        static Kind of(String name, CommandSpec spec) {
            for (Kind kind : values()) {
                if (kind.name.equals(name)) {
                    return kind;
                }
            }
            throw new ParameterException(spec.commandLine(), "MODEL must be one of bgnbd, mbgnbd, pareto-nbd, "
                    + "gamma-gamma, bgbb, sbg, was '" + name + "'");
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "bgnbd, mbgnbd, pareto-nbd, gamma-gamma, bgbb or sbg.")
    String model;

    @Parameters(index = "1", paramLabel = "FILE", description = "CSV file with a header row; - for standard input.")
    String file;

    @Option(names = "--weights", paramLabel = "COLUMN",
            description = "Column of row weights: the number of customers with the row's values (integers >= 1).")
    String weights;

    @Option(names = "--penalizer", paramLabel = "L", defaultValue = "0",
            description = "L2 penalizer λ on the parameters, as in lifetimes (default: ${DEFAULT-VALUE}).")
    double penalizer;

    @Option(names = "--predict", paramLabel = "T",
            description = "Also predict for each row: the horizon in the data's time unit (opportunities for bgbb, "
                    + "periods for sbg).")
    Double predict;

    @Option(names = "--output", paramLabel = "FILE", description = "Where --predict writes its CSV.")
    String output;

    @Mixin
    OutputFormat outputFormat;

    private Kind kind;
    private CsvInput input;

    @Override
    public Integer call() {
        kind = Kind.of(model, spec);
        if (!(penalizer >= 0 && penalizer < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(spec.commandLine(), "--penalizer must be finite and >= 0, was " + penalizer);
        }
        if (predict != null && !(predict >= 0 && predict < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(spec.commandLine(), "--predict must be finite and >= 0, was " + predict);
        }
        if (predict != null && (kind == Kind.BGBB || kind == Kind.SBG) && predict != Math.rint(predict)) {
            throw new ParameterException(spec.commandLine(), "--predict must be a whole number of "
                    + (kind == Kind.BGBB ? "opportunities" : "periods") + " for " + kind.name + ", was " + predict);
        }
        if (output != null && predict == null) {
            throw new ParameterException(spec.commandLine(), "--output goes with --predict");
        }
        if (weights != null && kind == Kind.SBG) {
            throw new ParameterException(spec.commandLine(), "--weights does not apply to sbg: its rows are periods");
        }
        input = CsvInput.of(file);
        FitOptions options = FitOptions.defaults().withPenalizer(penalizer);
        try {
            Result result = switch (kind) {
                case BGNBD, MBGNBD, PARETO_NBD -> fitTransactions(options);
                case GAMMA_GAMMA -> fitSpend(options);
                case BGBB -> fitOpportunities(options);
                case SBG -> fitSurvivors(options);
            };
            if (predict != null) {
                writePredictions(result);
                if (output == null) {
                    return 0;
                }
            }
            System.out.print(report(result));
            return 0;
        } catch (ModelFitException e) {
            throw new InputException(file + ": " + e.getMessage());
        }
    }

    /** A fit, its customer count, what was skipped, and the prediction rows. */
    private record Result(ModelFit fit, long customers, String note, List<String> header, List<String[]> predictions) {
    }

    private String[] columns(List<String> header, String[]... alternatives) {
        for (String[] names : alternatives) {
            if (header.containsAll(List.of(names))) {
                if (weights != null && !header.contains(weights)) {
                    throw input.headerError("column '" + weights + "' (--weights) not found; the columns are " + header);
                }
                return names;
            }
        }
        StringBuilder wanted = new StringBuilder();
        for (String[] names : alternatives) {
            wanted.append(wanted.length() == 0 ? "" : " or ").append(String.join(",", names));
        }
        throw input.headerError(kind.name + " needs the columns " + wanted + "; the columns are " + header);
    }

    private long weight(CsvInput.Row row) {
        if (weights == null) {
            return 1;
        }
        long weight = integer(row, weights);
        if (weight < 1) {
            throw row.error(weights, row.get(weights), "is not a weight (an integer >= 1)");
        }
        return weight;
    }

    private static long integer(CsvInput.Row row, String column) {
        String value = row.get(column);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            try {
                double number = Double.parseDouble(value);
                if (number == Math.rint(number) && Math.abs(number) < 1e15) {
                    return (long) number;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw row.error(column, value, "is not an integer");
        }
    }

    private static double number(CsvInput.Row row, String column) {
        String value = row.get(column);
        try {
            double number = Double.parseDouble(value);
            if (Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw row.error(column, value, "is not a number");
    }

    /** The columns named by the library's argument names, in pairs (argument, column), and the weights column. */
    private Map<String, String> columnsOf(String... argumentsAndColumns) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < argumentsAndColumns.length; i += 2) {
            columns.put(argumentsAndColumns[i], argumentsAndColumns[i + 1]);
        }
        columns.put("weight", weights == null ? argumentsAndColumns[1] : weights);
        return columns;
    }

    /** Runs {@code add}, reporting the library's rejection of a row as bad input in {@code column}. */
    private static void add(CsvInput.Row row, Runnable add, Map<String, String> columnsByArgument) {
        try {
            add.run();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            String column = columnsByArgument.entrySet().stream().filter(entry -> message.startsWith(entry.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(columnsByArgument.values().iterator().next());
            throw row.error(column, row.get(column), "is not valid: " + message);
        }
    }

    /**
     * A reader of {@code file} as the data of {@code kind} (a model name), with row weights in
     * {@code weights} (null for none), for other commands that draw the same data.
     */
    static FitCommand reader(String kind, String file, String weights) {
        FitCommand reader = new FitCommand();
        for (Kind k : Kind.values()) {
            if (k.name.equals(kind)) {
                reader.kind = k;
            }
        }
        reader.file = file;
        reader.weights = weights;
        reader.input = CsvInput.of(file);
        return reader;
    }

    /** The purchase histories of the file (columns frequency,recency,T or x,t_x,T), each row also added to {@code rows}. */
    PurchaseHistories readHistories(List<double[]> rows) {
        String[][] names = new String[1][];
        // The command works in the data's own time unit; DAYS only names it for the accumulator.
        PurchaseHistories.Accumulator accumulator = PurchaseHistories.accumulator(ChronoUnit.DAYS);
        input.read(header -> names[0] = columns(header, new String[] {"frequency", "recency", "T"},
                new String[] {"x", "t_x", "T"}), row -> {
                    String[] c = names[0];
                    long x = integer(row, c[0]);
                    double recency = number(row, c[1]);
                    double age = number(row, c[2]);
                    long w = weight(row);
                    add(row, () -> accumulator.add(x, recency, age, w),
                            columnsOf("frequency", c[0], "recency", c[1], "age", c[2]));
                    rows.add(new double[] {x, recency, age});
                });
        return accumulator.snapshot();
    }

    private Result fitTransactions(FitOptions options) {
        List<double[]> rows = new ArrayList<>();
        PurchaseHistories histories = readHistories(rows);
        TransactionModel fitted = switch (kind) {
            case BGNBD -> BetaGeometricNbdModel.fit(histories, options);
            case MBGNBD -> ModifiedBetaGeometricNbdModel.fit(histories, options);
            default -> ParetoNbdModel.fit(histories, options);
        };
        List<String[]> predictions = new ArrayList<>();
        if (predict != null) {
            for (double[] r : rows) {
                predictions.add(new String[] {
                    csv(fitted.conditionalExpectedPurchases(predict, (long) r[0], r[1], r[2])),
                    csv(fitted.probabilityAlive((long) r[0], r[1], r[2]))});
            }
        }
        return new Result(fitted.fitResult(), histories.customers(), "",
                List.of("expected_purchases", "probability_alive"), predictions);
    }

    private Result fitSpend(FitOptions options) {
        String[][] names = new String[1][];
        List<double[]> rows = new ArrayList<>();
        long[] skipped = new long[2];
        SpendHistories.Accumulator accumulator = SpendHistories.accumulator();
        input.read(header -> names[0] = columns(header, new String[] {"frequency", "monetary_value"},
                new String[] {"x", "zbar"}), row -> {
                    String[] c = names[0];
                    long x = integer(row, c[0]);
                    double mean = number(row, c[1]);
                    long w = weight(row);
                    if (x < 0) {
                        throw row.error(c[0], row.get(c[0]), "is not a frequency (an integer >= 0)");
                    }
                    if (mean < 0) {
                        throw row.error(c[1], row.get(c[1]), "is not a mean transaction value (a number >= 0)");
                    }
                    rows.add(new double[] {x, mean});
                    if (x == 0) {
                        skipped[0] += w;
                    } else if (mean == 0) {
                        skipped[1] += w;
                    } else {
                        add(row, () -> accumulator.add(x, mean, w), columnsOf("frequency", c[0], "meanSpend", c[1]));
                    }
                });
        SpendHistories spend = accumulator.snapshot();
        GammaGammaModel fitted = GammaGammaModel.fit(spend, options);
        List<String[]> predictions = new ArrayList<>();
        if (predict != null) {
            for (double[] r : rows) {
                long x = r[1] == 0 ? 0 : (long) r[0];
                predictions.add(new String[] {csv(fitted.conditionalExpectedAverageSpend(x, r[1]))});
            }
        }
        String note = (skipped[0] == 0 ? "" : ", " + skipped[0] + " customers without repeat purchases skipped")
                + (skipped[1] == 0 ? "" : ", " + skipped[1] + " customers with a mean value of 0 skipped");
        return new Result(fitted.fitResult(), spend.customers(), note, List.of("expected_average_spend"), predictions);
    }

    private Result fitOpportunities(FitOptions options) {
        String[] names = {"frequency", "recency", "periods"};
        List<long[]> rows = new ArrayList<>();
        OpportunityHistories.Accumulator accumulator = OpportunityHistories.accumulator();
        input.read(header -> columns(header, names), row -> {
            long x = integer(row, names[0]);
            long recency = integer(row, names[1]);
            long periods = integer(row, names[2]);
            long w = weight(row);
            add(row, () -> accumulator.add(x, recency, periods, w),
                    columnsOf("frequency", names[0], "recency", names[1], "opportunities", names[2]));
            rows.add(new long[] {x, recency, periods});
        });
        OpportunityHistories histories = accumulator.snapshot();
        BetaGeometricBetaBinomialModel fitted = BetaGeometricBetaBinomialModel.fit(histories, options);
        List<String[]> predictions = new ArrayList<>();
        if (predict != null) {
            for (long[] r : rows) {
                predictions.add(new String[] {csv(fitted.conditionalExpectedPurchases(predict.longValue(), r[0], r[1], r[2])),
                    csv(fitted.probabilityAlive(r[0], r[1], r[2]))});
            }
        }
        return new Result(fitted.fitResult(), histories.customers(), "",
                List.of("expected_purchases", "probability_alive"), predictions);
    }

    /** The survivors of the file (columns period,alive or year,alive, periods 0, 1, 2, ... in order). */
    CohortSurvivors readSurvivors() {
        String[][] names = new String[1][];
        List<Long> alive = new ArrayList<>();
        input.read(header -> names[0] = columns(header, new String[] {"period", "alive"}, new String[] {"year", "alive"}),
                row -> {
                    String[] c = names[0];
                    long period = integer(row, c[0]);
                    if (period != alive.size()) {
                        throw row.error(c[0], row.get(c[0]), "is not the next period " + alive.size()
                                + " (periods must run 0, 1, 2, ... in order)");
                    }
                    long count = integer(row, c[1]);
                    if (count < 0 || (!alive.isEmpty() && count > alive.get(alive.size() - 1)) || (alive.isEmpty() && count < 1)) {
                        throw row.error(c[1], row.get(c[1]), alive.isEmpty() ? "is not a cohort size (an integer >= 1)"
                                : "is not a number of survivors in 0.." + alive.get(alive.size() - 1));
                    }
                    alive.add(count);
                });
        if (alive.size() < 2) {
            throw new InputException(file + ": sbg needs at least periods 0 and 1, had " + alive.size() + " rows");
        }
        return CohortSurvivors.of(alive.stream().mapToLong(Long::longValue).toArray());
    }

    private Result fitSurvivors(FitOptions options) {
        CohortSurvivors survivors = readSurvivors();
        ShiftedBetaGeometricModel fitted = ShiftedBetaGeometricModel.fit(survivors, options);
        List<String[]> predictions = new ArrayList<>();
        if (predict != null) {
            int periods = survivors.periods() + predict.intValue();
            double[] projected = fitted.projectedSurvivors(survivors.alive(0), periods);
            for (int t = 0; t <= periods; t++) {
                predictions.add(new String[] {Integer.toString(t),
                    t <= survivors.periods() ? Long.toString(survivors.alive(t)) : "", csv(projected[t])});
            }
        }
        return new Result(fitted.fitResult(), survivors.alive(0), "", List.of("period", "alive", "projected_alive"),
                predictions);
    }

    private static String csv(double value) {
        return Double.toString(value);
    }

    private void writePredictions(Result result) {
        StringBuilder text = new StringBuilder(String.join(",", result.header)).append('\n');
        for (String[] row : result.predictions) {
            text.append(String.join(",", row)).append('\n');
        }
        if (output == null) {
            System.out.print(text);
            return;
        }
        try (Writer writer = Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8)) {
            writer.write(text.toString());
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(output + ": cannot be written: " + e.getMessage());
        }
    }

    private String report(Result result) {
        ModelFit fit = result.fit;
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", kind.name);
        root.put("customers", result.customers);
        root.put("params", new LinkedHashMap<>(fit.parameters()));
        root.put("standardErrors", fit.hasStandardErrors() ? new LinkedHashMap<>(fit.standardErrors()) : null);
        root.put("logLikelihood", fit.logLikelihood());
        root.put("iterations", fit.iterations());
        if (outputFormat.json()) {
            return Printer.toJson(root);
        }
        List<List<String>> rows = new ArrayList<>();
        for (String name : fit.parameterNames()) {
            rows.add(List.of(name, Printer.format(fit.parameter(name)),
                    fit.hasStandardErrors() ? Printer.format(fit.standardErrors().get(name)) : "undefined"));
        }
        String heading = fit.model() + " fit: " + file + ", " + result.customers + " customers" + result.note
                + (penalizer == 0 ? "" : ", penalizer " + Printer.format(penalizer)) + System.lineSeparator()
                + "log-likelihood " + String.format(Locale.ROOT, "%.4f", fit.logLikelihood()) + ", "
                + fit.iterations() + " iterations, " + (fit.converged() ? "converged" : "not converged");
        return heading + System.lineSeparator()
                + Printer.grid(List.of("parameter", "estimate", "standardError"), rows, 1);
    }
}
