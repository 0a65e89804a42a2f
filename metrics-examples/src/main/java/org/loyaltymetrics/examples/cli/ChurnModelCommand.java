package org.loyaltymetrics.examples.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.churn.AftModel;
import org.loyaltymetrics.churn.BrierScore;
import org.loyaltymetrics.churn.CalibrationTable;
import org.loyaltymetrics.churn.ChurnScorer;
import org.loyaltymetrics.churn.Concordance;
import org.loyaltymetrics.churn.CoxModel;
import org.loyaltymetrics.churn.SurvivalData;
import org.loyaltymetrics.churn.SurvivalRegression;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.model.ModelFitException;
import org.loyaltymetrics.stats.ChiSquareTest;
import org.loyaltymetrics.stats.Estimate;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code churn-model fit FILE --duration COLUMN --event COLUMN --covariates a,b,c ...}: fits a survival
 * regression of customers' lifetimes on their traits ({@link ChurnModels} makes the model), prints its
 * coefficient table, tests and concordance, and with {@code --predict} scores every customer.
 */
@Command(name = "churn-model", mixinStandardHelpOptions = true,
        header = "Fits a churn model (Cox, ...) to customer lifetimes and scores customers.",
        description = "Survival regression of customer lifetimes on their traits: who is likely to churn, how likely, "
                + "and why. Subcommand: fit.",
        subcommands = ChurnModelCommand.Fit.class)
final class ChurnModelCommand {

    /** {@code churn-model fit}. */
    @Command(name = "fit", mixinStandardHelpOptions = true,
            header = "Fits a churn model and prints its coefficients, tests and concordance.",
            description = {"Fits --model (cox: proportional hazards, the default) to one row per customer: a duration "
                    + "column, an event column (1, true or yes for churn; 0, false or no for still a customer; or "
                    + "--event-value) and covariate columns (numbers; --categorical ones as indicator columns against "
                    + "their first level in sorted order). With --start, rows are (start, duration] intervals of "
                    + "covariates that change (counting process), clustered by --id-column. A row with a blank or NA cell "
                    + "in a column of the model is left out and counted on standard error.",
                "The table gives per covariate the coefficient, the hazard ratio (Cox) or time ratio (AFT) exp(coef), "
                    + "its standard error, z, p and the 95%% interval of the ratio; then the tests of all coefficients "
                    + "being 0 and Harrell's concordance with its standard error. --evaluate-at T adds the Brier score "
                    + "and the calibration table by decile of predicted churn within T.",
                "With --predict T it writes, for each customer in input order, the id, the probability of churning "
                    + "within T, the risk score (higher, sooner churn) and the restricted mean lifetime within T as CSV "
                    + "to --output, or to standard output instead of the report."})
    static final class Fit implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "CSV file, one row per customer; - for standard input.")
        String file;

        @Option(names = "--duration", required = true, paramLabel = "COLUMN",
                description = "Column of the lifetime (time as a customer, or the end of the interval with --start), >= 0.")
        String duration;

        @Option(names = "--event", required = true, paramLabel = "COLUMN",
                description = "Column that says whether the customer churned at the end of the duration.")
        String event;

        @Option(names = "--event-value", paramLabel = "VALUE",
                description = "The --event cell that means churn; every other value is a customer still active "
                        + "(default: 1, true or yes for churn, 0, false or no otherwise, anything else refused).")
        String eventValue;

        @Option(names = "--covariates", required = true, split = ",", paramLabel = "COLUMN",
                description = "Comma-separated covariate columns.")
        List<String> covariates;

        @Option(names = "--categorical", split = ",", paramLabel = "COLUMN",
                description = "Those of --covariates that are categories (indicator columns name=level against the first "
                        + "level in sorted order).")
        List<String> categorical = List.of();

        @Option(names = "--strata", paramLabel = "COLUMN",
                description = "Column of strata: each value has a baseline hazard of its own (cox).")
        String strata;

        @Option(names = "--start", paramLabel = "COLUMN",
                description = "Column of the start of each row's interval (start, duration]: counting-process rows.")
        String start;

        @Option(names = "--id-column", paramLabel = "NAME",
                description = "Column of the customer ids (default: customer_id, ID or id, where the file has one).")
        String idColumn;

        @Option(names = "--model", paramLabel = "MODEL", defaultValue = "cox", converter = KindConverter.class,
                description = "cox, weibull, lognormal or loglogistic (default: ${DEFAULT-VALUE}).")
        ChurnModels.Kind model;

        @Option(names = "--ties", paramLabel = "TIES", converter = TiesConverter.class,
                description = "cox: efron or breslow (default: efron, as R).")
        CoxModel.Ties ties;

        @Option(names = "--penalizer", paramLabel = "L", defaultValue = "0",
                description = "Ridge penalizer λ on the coefficients per standard deviation (default: ${DEFAULT-VALUE}).")
        double penalizer;

        @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "100",
                description = "Most iterations of the fit, >= 1 (default: ${DEFAULT-VALUE}).")
        int maxIterations;

        @Option(names = "--evaluate-at", paramLabel = "T",
                description = "Also the Brier score and the calibration table by decile of predicted churn within T "
                        + "(in the unit of the durations), on the fitted customers.")
        Double evaluateAt;

        @Option(names = "--predict", paramLabel = "T",
                description = "Score every customer: churn probability within T, risk score, restricted mean lifetime.")
        Double predict;

        @Option(names = "--output", paramLabel = "FILE", description = "Where --predict writes its CSV.")
        String output;

        @Option(names = "--charts", paramLabel = "DIR",
                description = "Also write charts into DIR as PNG: predicted-survival.png (the customers at the 10th, "
                        + "50th and 90th percentile of risk; not for strata), and with --evaluate-at calibration.png.")
        Path charts;

        @Mixin
        InputFormat layout;

        @Mixin
        OutputFormat outputFormat;

        @Override
        public Integer call() {
            checkOptions();
            Rows rows = read();
            SurvivalData data = rows.data(this);
            FitOptions options = FitOptions.defaults().withPenalizer(penalizer).withMaxIterations(maxIterations);
            ChurnModels.Fitted fitted;
            try {
                fitted = ChurnModels.fit(model, data, ties == null ? CoxModel.Ties.DEFAULT : ties, options);
            } catch (ModelFitException e) {
                throw new InputException(file + ": " + FitCommand.inCommandLineTerms(e, penalizer, maxIterations));
            } catch (UndefinedResultException e) {
                throw new InputException(file + ": " + e.getMessage());
            }
            if (predict != null) {
                writePredictions(fitted.model(), data, rows);
                if (output == null) {
                    return 0;
                }
            }
            Concordance concordance = concordance(fitted.model(), data);
            BrierScore brier = null;
            CalibrationTable calibration = null;
            if (evaluateAt != null) {
                try {
                    brier = BrierScore.of(fitted.model(), data, evaluateAt);
                    calibration = CalibrationTable.of(fitted.model(), data, evaluateAt);
                } catch (UndefinedResultException e) {
                    throw new InputException(file + ": --evaluate-at " + Printer.format(evaluateAt) + ": " + e.getMessage());
                }
            }
            System.out.print(outputFormat.json() ? json(fitted, data, rows, concordance, brier, calibration)
                    : report(fitted, data, rows, concordance, brier, calibration));
            if (charts != null) {
                writeCharts(fitted.model(), data, rows, calibration);
            }
            return 0;
        }

        /**
         * predicted-survival.png: S(t | x) of the customers at the 10th, 50th and 90th percentile of the risk
         * score, to the longest duration; calibration.png with --evaluate-at.
         */
        private void writeCharts(SurvivalRegression model, SurvivalData data, Rows rows, CalibrationTable calibration) {
            Map<String, org.knowm.xchart.internal.chartpart.Chart<?, ?>> files = new LinkedHashMap<>();
            if (strata == null) {
                List<String> names = model.covariateNames();
                double[][] columns = new double[names.size()][];
                for (int j = 0; j < columns.length; j++) {
                    columns[j] = data.covariate(names.get(j));
                }
                int n = data.rows();
                Integer[] order = new Integer[n];
                double[] risk = new double[n];
                double longest = 0.0;
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                    risk[i] = model.riskScore(row(columns, i));
                    longest = Math.max(longest, rows.stop[i]);
                }
                java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> risk[i]));
                Map<String, double[]> chosen = new LinkedHashMap<>();
                for (int percentile : new int[] {90, 50, 10}) {
                    int i = order[Math.min(n - 1, (int) Math.floor(percentile / 100.0 * n))];
                    chosen.put(percentile + "th percentile of risk: " + rows.ids.get(i), row(columns, i));
                }
                files.put("predicted-survival.png", org.loyaltymetrics.charts.Charts.predictedSurvival(model, chosen,
                        longest, "time (unit of --duration)", 800, 500));
            } else {
                System.err.println("churn-model: no predicted-survival.png for a model with --strata");
            }
            if (calibration != null) {
                files.put("calibration.png", org.loyaltymetrics.charts.Charts.calibration(calibration,
                        "(unit of --duration)", 700, 600));
            }
            for (Map.Entry<String, org.knowm.xchart.internal.chartpart.Chart<?, ?>> entry : files.entrySet()) {
                Path path = charts.resolve(entry.getKey());
                try {
                    org.loyaltymetrics.charts.Charts.write(entry.getValue(), path);
                } catch (IOException | UncheckedIOException e) {
                    throw new InputException(path + ": cannot be written: " + e.getMessage());
                }
                System.err.println("wrote " + path);
            }
        }

        private static double[] row(double[][] columns, int i) {
            double[] x = new double[columns.length];
            for (int j = 0; j < x.length; j++) {
                x[j] = columns[j][i];
            }
            return x;
        }

        private static Concordance concordance(SurvivalRegression model, SurvivalData data) {
            try {
                return Concordance.of(model, data);
            } catch (UndefinedResultException e) {
                return null;
            }
        }

        private void checkOptions() {
            for (String c : categorical) {
                if (!covariates.contains(c)) {
                    throw new ParameterException(spec.commandLine(), "--categorical " + c + " must be one of --covariates "
                            + String.join(",", covariates));
                }
            }
            if (new LinkedHashSet<>(covariates).size() != covariates.size()) {
                throw new ParameterException(spec.commandLine(), "--covariates names a column twice: "
                        + String.join(",", covariates));
            }
            if (ties != null && model != ChurnModels.Kind.COX) {
                throw new ParameterException(spec.commandLine(), "--ties applies to --model cox, not " + model.name);
            }
            if (strata != null && model != ChurnModels.Kind.COX) {
                throw new ParameterException(spec.commandLine(), "--strata applies to --model cox, not " + model.name);
            }
            if (!(penalizer >= 0 && penalizer < Double.POSITIVE_INFINITY)) {
                throw new ParameterException(spec.commandLine(), "--penalizer must be finite and >= 0, was " + penalizer);
            }
            if (maxIterations < 1) {
                throw new ParameterException(spec.commandLine(), "--max-iterations must be >= 1, was " + maxIterations);
            }
            for (Double t : new Double[] {predict, evaluateAt}) {
                if (t != null && !(t >= 0 && t < Double.POSITIVE_INFINITY)) {
                    throw new ParameterException(spec.commandLine(), (t == predict ? "--predict" : "--evaluate-at")
                            + " must be finite and >= 0, was " + Printer.format(t));
                }
            }
            if (output != null && predict == null) {
                throw new ParameterException(spec.commandLine(), "--output goes with --predict");
            }
            if ((predict != null || evaluateAt != null) && start != null) {
                throw new ParameterException(spec.commandLine(), (predict != null ? "--predict" : "--evaluate-at")
                        + " needs one row per customer, not the intervals of --start");
            }
        }

        /** Reads the rows, leaving out those with a missing value in a column of the model. */
        private Rows read() {
            CsvInput input = layout.open(file);
            Rows rows = new Rows(covariates.size());
            String[] id = new String[1];
            input.read(header -> {
                List<String> needed = new ArrayList<>(List.of(duration, event));
                needed.addAll(covariates);
                if (strata != null) {
                    needed.add(strata);
                }
                if (start != null) {
                    needed.add(start);
                }
                if (idColumn != null) {
                    needed.add(idColumn);
                }
                input.requireColumns(header, needed.toArray(String[]::new));
                id[0] = idColumn != null ? idColumn
                        : HistoryReader.ID_COLUMNS.stream().filter(header::contains).findFirst().orElse(null);
            }, row -> {
                List<String> cells = new ArrayList<>();
                cells.add(row.get(duration));
                cells.add(row.get(event));
                covariates.forEach(c -> cells.add(row.get(c)));
                if (strata != null) {
                    cells.add(row.get(strata));
                }
                if (start != null) {
                    cells.add(row.get(start));
                }
                for (String cell : cells) {
                    if (cell.isEmpty() || cell.equalsIgnoreCase("NA")) {
                        rows.leftOut++;
                        return;
                    }
                }
                double stop = row.getNumber(duration);
                if (!(stop >= 0)) {
                    throw row.error(duration, row.get(duration), "must be >= 0");
                }
                double begin = 0;
                if (start != null) {
                    begin = row.getNumber(start);
                    if (!(begin >= 0)) {
                        throw row.error(start, row.get(start), "must be >= 0");
                    }
                    if (!(stop > begin)) {
                        throw row.error(duration, row.get(duration), "must be after the --start " + row.get(start));
                    }
                }
                boolean churned = churned(row);
                double[] numbers = new double[covariates.size()];
                String[] levels = new String[covariates.size()];
                for (int j = 0; j < numbers.length; j++) {
                    String c = covariates.get(j);
                    if (categorical.contains(c)) {
                        levels[j] = row.get(c);
                    } else {
                        try {
                            numbers[j] = InputSyntax.number(row.get(c));
                        } catch (InputSyntax.Invalid e) {
                            throw row.error(c, row.get(c), e.reason() + "; give --categorical " + c
                                    + " if it is a category");
                        }
                    }
                }
                rows.add(begin, stop, churned, numbers, levels, strata == null ? null : row.get(strata),
                        id[0] == null ? Long.toString(row.line()) : row.get(id[0]));
            });
            rows.hasIds = id[0] != null;
            rows.idName = id[0] == null ? "line" : id[0];
            if (rows.leftOut > 0) {
                System.err.println("churn-model fit: left out " + Printer.plural(rows.leftOut, "row")
                        + " with a blank or NA cell in a column of the model");
            }
            return rows;
        }

        private boolean churned(CsvInput.Row row) {
            String cell = row.get(event);
            if (eventValue != null) {
                return cell.equals(eventValue);
            }
            return switch (cell.toLowerCase(Locale.ROOT)) {
                case "1", "true", "yes" -> true;
                case "0", "false", "no" -> false;
                default -> throw row.error(event, cell, "must be 1, true or yes (churned) or 0, false or no (still a "
                        + "customer); give --event-value for another coding");
            };
        }

        private void writePredictions(SurvivalRegression fitted, SurvivalData data, Rows rows) {
            ChurnScorer scorer;
            ChurnScorer[] byStratum = null;
            try {
                if (rows.stratumIndex != null && fitted instanceof CoxModel cox) {
                    // strata are numbered 0.. in the sorted order of their labels
                    byStratum = new ChurnScorer[rows.stratumCount];
                    for (int s = 0; s < byStratum.length; s++) {
                        byStratum[s] = ChurnScorer.ofStratum(cox, s, predict);
                    }
                    scorer = byStratum[0];
                } else {
                    scorer = ChurnScorer.of(fitted, predict);
                }
            } catch (InvalidArgumentException e) {
                throw new InputException("--predict: " + e.getMessage());
            }
            List<String> names = scorer.covariateNames();
            double[][] columns = new double[names.size()][];
            for (int j = 0; j < columns.length; j++) {
                columns[j] = data.covariate(names.get(j));
            }
            double[] x = new double[columns.length];
            try (Writer writer = output == null
                    ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                    : Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8)) {
                writer.write(Printer.csvCell(rows.idName) + ",churn_probability,risk_score,restricted_mean_lifetime\n");
                for (int i = 0; i < data.rows(); i++) {
                    for (int j = 0; j < x.length; j++) {
                        x[j] = columns[j][i];
                    }
                    ChurnScorer row = byStratum == null ? scorer : byStratum[rows.stratumIndex[i]];
                    writer.write(Printer.csvCell(rows.ids.get(i)));
                    writer.write(String.format(Locale.ROOT, ",%.6f,%.6f,%.6f%n", row.churnProbability(x),
                            row.riskScore(x), row.restrictedMeanLifetime(x)).replace(System.lineSeparator(), "\n"));
                }
                writer.flush();
            } catch (IOException | UncheckedIOException e) {
                throw new InputException((output == null ? "standard output" : output) + ": cannot be written: "
                        + e.getMessage());
            }
        }

        private List<Map<String, Object>> coefficients(ChurnModels.Fitted fitted) {
            SurvivalRegression m = fitted.model();
            double[] b = m.coefficients();
            double[][] v = m.covariance();
            double z95 = 1.959963984540054;
            List<Map<String, Object>> list = new ArrayList<>();
            for (int j = 0; j < b.length; j++) {
                double se = Math.sqrt(v[j][j]);
                double z = b[j] / se;
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", m.covariateNames().get(j));
                c.put("coef", b[j]);
                c.put("se", Double.isFinite(se) ? se : null);
                c.put("z", Double.isFinite(z) ? z : null);
                c.put("p", Double.isFinite(z) ? new ChiSquareTest("z", z * z, 1).pValue() : null);
                c.put("low", Double.isFinite(se) ? b[j] - z95 * se : null);
                c.put("high", Double.isFinite(se) ? b[j] + z95 * se : null);
                c.put("ratio", Math.exp(b[j]));
                c.put("ratioLow", Double.isFinite(se) ? Math.exp(b[j] - z95 * se) : null);
                c.put("ratioHigh", Double.isFinite(se) ? Math.exp(b[j] + z95 * se) : null);
                list.add(c);
            }
            return list;
        }

        private String json(ChurnModels.Fitted fitted, SurvivalData data, Rows rows, Concordance concordance,
                BrierScore brier, CalibrationTable calibration) {
            SurvivalRegression m = fitted.model();
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("model", fitted.kind().name);
            if (m instanceof CoxModel cox) {
                root.put("ties", cox.ties().name().toLowerCase(Locale.ROOT));
            }
            if (m instanceof AftModel aft) {
                // the intercept and the logarithm of each scale, with their standard errors, as R's survreg
                Map<String, Object> parameters = new LinkedHashMap<>();
                for (String name : aft.parameterNames()) {
                    if (!m.covariateNames().contains(name)) {
                        Estimate estimate = aft.parameterEstimate(name);
                        Map<String, Object> value = new LinkedHashMap<>();
                        value.put("coef", estimate.value());
                        value.put("se", estimate.standardError());
                        parameters.put(name, value);
                    }
                }
                root.put("parameters", parameters);
            }
            root.put("customers", rows.customers());
            root.put("rows", data.rows());
            root.put("events", m.events());
            root.put("leftOut", rows.leftOut);
            root.put("ratio", fitted.kind().ratio);
            root.put("coefficients", coefficients(fitted));
            root.put("logLikelihood", m.logLikelihood());
            root.put("nullLogLikelihood", fitted.nullLogLikelihood());
            root.put("iterations", fitted.iterations());
            root.put("converged", m.converged());
            List<Map<String, Object>> tests = new ArrayList<>();
            for (ChiSquareTest t : fitted.tests()) {
                Map<String, Object> test = new LinkedHashMap<>();
                test.put("test", t.name());
                test.put("statistic", t.statistic());
                test.put("degreesOfFreedom", t.degreesOfFreedom());
                test.put("pValue", t.pValue());
                tests.add(test);
            }
            root.put("tests", tests);
            root.put("concordance", concordance == null ? null : concordance.value());
            root.put("concordanceStandardError", concordance == null ? null : concordance.standardError());
            if (brier != null) {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("horizon", brier.horizon());
                b.put("value", brier.value());
                b.put("reference", brier.reference());
                root.put("brierScore", b);
                List<Map<String, Object>> groups = new ArrayList<>();
                for (CalibrationTable.Group g : calibration.groups()) {
                    Map<String, Object> group = new LinkedHashMap<>();
                    group.put("group", g.group());
                    group.put("customers", g.customers());
                    group.put("churned", g.churned());
                    group.put("meanPredicted", g.meanPredicted());
                    group.put("observed", g.observed());
                    group.put("low", g.observedLow());
                    group.put("high", g.observedHigh());
                    groups.add(group);
                }
                root.put("calibration", groups);
            }
            return Printer.toJson(root);
        }

        private String report(ChurnModels.Fitted fitted, SurvivalData data, Rows rows, Concordance concordance,
                BrierScore brier, CalibrationTable calibration) {
            SurvivalRegression m = fitted.model();
            String nl = System.lineSeparator();
            StringBuilder text = new StringBuilder();
            text.append(fitted.title()).append(": ").append(Printer.source(file)).append(", ")
                    .append(Printer.plural(rows.customers(), "customer"))
                    .append(data.hasIntervals() ? " (" + Printer.plural(data.rows(), "row") + ")" : "").append(", ")
                    .append(Printer.plural(m.events(), "churn")).append(rows.leftOut > 0 ? ", "
                            + Printer.plural(rows.leftOut, "row") + " left out (missing values)" : "").append(nl);
            text.append("log-likelihood ").append(String.format(Locale.ROOT, "%.4f", m.logLikelihood()));
            if (fitted.nullLogLikelihood() != null) {
                text.append(" (null ").append(String.format(Locale.ROOT, "%.4f", fitted.nullLogLikelihood())).append(')');
            }
            if (fitted.iterations() != null) {
                text.append(", ").append(Printer.plural(fitted.iterations(), "iteration"));
            }
            text.append(", ").append(m.converged() ? "converged" : "NOT CONVERGED").append(nl);
            List<List<Object>> cells = new ArrayList<>();
            for (Map<String, Object> c : coefficients(fitted)) {
                Object p = c.get("p");
                cells.add(java.util.Arrays.asList(c.get("name"), c.get("coef"), c.get("ratio"), c.get("se"), c.get("z"),
                        p == null ? null : ChiSquareTest.formatP((Double) p), c.get("ratioLow"), c.get("ratioHigh")));
            }
            String ratio = fitted.kind().ratio;
            text.append(Printer.grid(List.of("covariate", "coef", ratio, "se", "z", "p", ratio + " low 95%",
                    ratio + " high 95%"), Printer.formatColumns(cells), 1));
            if (m instanceof AftModel aft) {
                StringBuilder others = new StringBuilder();
                for (String name : aft.parameterNames()) {
                    if (!m.covariateNames().contains(name)) {
                        Estimate estimate = aft.parameterEstimate(name);
                        others.append(others.length() == 0 ? "" : ", ").append(name).append(' ')
                                .append(String.format(Locale.ROOT, "%.6f (se %.6f)", estimate.value(),
                                        estimate.standardError()));
                    }
                }
                text.append(others).append(nl);
            }
            text.append(nl).append("Tests that all coefficients are 0:").append(nl);
            List<List<Object>> tests = new ArrayList<>();
            for (ChiSquareTest t : fitted.tests()) {
                tests.add(List.of(t.name(), t.statistic(), (long) t.degreesOfFreedom(), ChiSquareTest.formatP(t.pValue())));
            }
            text.append(Printer.grid(List.of("test", "chi-square", "df", "p"), Printer.formatColumns(tests), 1));
            text.append(nl).append("Concordance ").append(concordance == null ? "undefined (no comparable pair)"
                    : String.format(Locale.ROOT, "%.4f (SE %.4f)", concordance.value(), concordance.standardError()))
                    .append(nl);
            if (brier != null) {
                text.append(String.format(Locale.ROOT, "Brier score within %s: %.4f (Kaplan-Meier reference %.4f)",
                        Printer.format(brier.horizon()), brier.value(), brier.reference())).append(nl).append(nl);
                text.append(Printer.text(calibration.toTable()));
            }
            return text.toString();
        }
    }

    /** The rows read: times, covariates (numbers and levels), strata and ids, in input order. */
    static final class Rows {
        final int p;
        final List<double[]> numbers = new ArrayList<>();
        final List<String[]> levels = new ArrayList<>();
        final List<String> strata = new ArrayList<>();
        final List<String> ids = new ArrayList<>();
        double[] start = new double[1024];
        double[] stop = new double[1024];
        boolean[] event = new boolean[1024];
        int n;
        long leftOut;
        boolean hasIds;
        String idName;
        /** With --strata: each row's stratum, numbered in the sorted order of the labels. */
        int[] stratumIndex;
        int stratumCount;

        Rows(int p) {
            this.p = p;
        }

        void add(double begin, double end, boolean churned, double[] x, String[] level, String stratum, String id) {
            if (n == stop.length) {
                start = java.util.Arrays.copyOf(start, 2 * n);
                stop = java.util.Arrays.copyOf(stop, 2 * n);
                event = java.util.Arrays.copyOf(event, 2 * n);
            }
            start[n] = begin;
            stop[n] = end;
            event[n++] = churned;
            numbers.add(x);
            levels.add(level);
            if (stratum != null) {
                strata.add(stratum);
            }
            ids.add(id);
        }

        long customers() {
            return hasIds ? new java.util.HashSet<>(ids).size() : n;
        }

        SurvivalData data(Fit fit) {
            if (n == 0) {
                throw new InputException(fit.file + ": has no customer to fit (no row with every column of the model)");
            }
            double[] stops = java.util.Arrays.copyOf(stop, n);
            boolean[] events = java.util.Arrays.copyOf(event, n);
            SurvivalData data = fit.start == null ? SurvivalData.of(stops, events)
                    : SurvivalData.ofIntervals(java.util.Arrays.copyOf(start, n), stops, events);
            for (int j = 0; j < p; j++) {
                String name = fit.covariates.get(j);
                if (fit.categorical.contains(name)) {
                    String[] values = new String[n];
                    for (int i = 0; i < n; i++) {
                        values[i] = levels.get(i)[j];
                    }
                    TreeSet<String> sorted = new TreeSet<>(java.util.Arrays.asList(values));
                    if (sorted.size() < 2) {
                        throw new InputException(fit.file + ": --categorical " + name + " has one level only, "
                                + InputSyntax.quote(sorted.first()) + ": leave it out of --covariates");
                    }
                    data = data.withCategorical(name, values, sorted.first());
                } else {
                    double[] values = new double[n];
                    for (int i = 0; i < n; i++) {
                        values[i] = numbers.get(i)[j];
                    }
                    data = data.withCovariate(name, values);
                }
            }
            if (fit.strata != null) {
                List<String> labels = new ArrayList<>(new TreeSet<>(strata));
                int[] s = new int[n];
                for (int i = 0; i < n; i++) {
                    s[i] = java.util.Collections.binarySearch(labels, strata.get(i));
                }
                data = data.withStrata(s);
                stratumIndex = s;
                stratumCount = labels.size();
            }
            if (fit.start != null && hasIds) {
                IdDictionary dictionary = new IdDictionary();
                long[] clusters = new long[n];
                for (int i = 0; i < n; i++) {
                    clusters[i] = dictionary.idOf(ids.get(i)) + 1L;
                }
                data = data.withClusters(clusters);
            }
            return data;
        }
    }

    /** {@code --model}. */
    static final class KindConverter implements ITypeConverter<ChurnModels.Kind> {
        @Override
        public ChurnModels.Kind convert(String value) {
            return Converters.parse(ChurnModels.Kind.class, value, "cox, weibull, lognormal or loglogistic");
        }
    }

    /** {@code --ties}. */
    static final class TiesConverter implements ITypeConverter<CoxModel.Ties> {
        @Override
        public CoxModel.Ties convert(String value) {
            return Converters.parse(CoxModel.Ties.class, value, "efron or breslow");
        }
    }
}
