package org.loyaltymetrics.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.SpendHistory;
import org.loyaltymetrics.model.BetaGeometricNbdModel;
import org.loyaltymetrics.model.GammaGammaModel;
import org.loyaltymetrics.model.GammaGompertzNbdModel;
import org.loyaltymetrics.model.ModelFit;
import org.loyaltymetrics.model.ModifiedBetaGeometricNbdModel;
import org.loyaltymetrics.model.ParetoNbdModel;
import org.loyaltymetrics.model.PredictionUncertainty;
import org.loyaltymetrics.model.Scorer;
import org.loyaltymetrics.model.TransactionModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code score MODEL.json FILE --predict T [--spend-model GG.json] [--intervals LEVEL] [--horizon N
 * --discount D] [--output FILE]}: scores a table of customers with a model fitted earlier by {@code fit
 * ... --format json}, without fitting again. The table is read and the scores written one block of
 * customers at a time ({@link Scorer#feed}), so that the size of the table is bounded by the disk, not the
 * memory; each distinct history is computed once.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        header = "Scores a table of customers with a model saved by fit --format json.",
        description = {"Reads MODEL.json (the JSON of fit bgnbd, mbgnbd, pareto-nbd or ggomnbd, without covariates) and "
                + "writes, for each row of FILE (columns frequency,recency,T or x,t_x,T, in the time unit of the fit's data), its customer id, "
                + "the expected purchases in the next --predict T and P(alive) as CSV; with --spend-model (the JSON "
                + "of fit gamma-gamma) and a monetary_value or zbar column, the expected average spend, and with "
                + "--horizon N the lifetime value; with --intervals LEVEL each figure's confidence interval by the "
                + "delta method from the saved covariances."})
final class ScoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.json", description = "The JSON written by fit MODEL FILE --format json.")
    Path model;

    @Parameters(index = "1", paramLabel = "FILE", description = "The customers to score; - for standard input.")
    String file;

    @Option(names = "--predict", required = true, paramLabel = "T",
            description = "The horizon of the expected purchases, in the data's time unit.")
    double predict;

    @Option(names = "--spend-model", paramLabel = "GG.json", description = "The JSON of fit gamma-gamma.")
    Path spendModel;

    @Mixin
    ScoringOptions scoring;

    @Option(names = "--id-column", paramLabel = "NAME",
            description = "Column of the customer ids (default: customer_id, ID or id, where the file has one).")
    String idColumn;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write the CSV (default: standard output).")
    Path output;

    @Mixin
    InputFormat layout;

    @Override
    public Integer call() throws IOException {
        if (!(predict >= 0 && predict < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(spec.commandLine(), "--predict must be finite and >= 0, was " + predict);
        }
        scoring.check();
        if (scoring.horizon != null && spendModel == null) {
            throw new ParameterException(spec.commandLine(), "--horizon needs --spend-model");
        }
        Saved purchases = read(model, "--model");
        TransactionModel transactions = transactionModel(purchases);
        Saved spend = spendModel == null ? null : read(spendModel, "--spend-model");
        GammaGammaModel gammaGamma = spend == null ? null : spendModel(spend);
        Scorer scorer = ModelFits.scorer(transactions, gammaGamma, scoring.prediction(predict).withoutIntervals());
        if (scoring.intervals != null) {
            try {
                scorer = scorer.withIntervals(scoring.intervals, gammaGamma == null
                        ? PredictionUncertainty.delta(transactions, purchases.fit)
                        : PredictionUncertainty.delta(transactions, purchases.fit, gammaGamma, spend.fit));
            } catch (UndefinedResultException e) {
                throw new InputException("--intervals: a saved fit has no covariance (its standard errors were "
                        + "undefined): " + e.getMessage());
            }
        }
        HistoryReader reader = new HistoryReader(layout.open(file), null, purchases.name, idColumn);
        try (Writer out = output == null ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            write(scorer, reader, gammaGamma != null, out);
        } catch (UncheckedIOException e) {
            throw new InputException((output == null ? "standard output" : output.toString()) + ": cannot be written: "
                    + e.getCause().getMessage());
        }
        return 0;
    }

    /** Reads the rows and writes their scores, a block at a time. */
    private static void write(Scorer scorer, HistoryReader reader, boolean withSpend, Writer out) {
        ArrayDeque<String> ids = new ArrayDeque<>(); // of the customers added and not yet scored, in order
        StringBuilder line = new StringBuilder();
        boolean[] header = {false};
        Scorer.Feed feed = scorer.feed(score -> {
            line.setLength(0);
            if (!header[0]) {
                header[0] = true;
                List<String> columns = new ArrayList<>();
                if (reader.idColumn() != null) {
                    columns.add(reader.idColumn());
                }
                for (Scorer.Figure figure : scorer.figures()) {
                    columns.add(figure.column());
                    if (scorer.hasIntervals()) {
                        columns.add(figure.column() + "_low");
                        columns.add(figure.column() + "_high");
                    }
                }
                line.append(String.join(",", columns)).append('\n');
            }
            if (reader.idColumn() != null) {
                line.append(Printer.csvCell(ids.poll())).append(',');
            }
            Object[] cells = ModelFits.cells(scorer, score);
            for (int i = 0; i < cells.length; i++) {
                line.append(i == 0 ? "" : ",").append(cells[i]);
            }
            line.append('\n');
            try {
                out.write(line.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        long[] row = {0};
        reader.eachPurchaseHistory(HistoryReader.FILE_TIME_UNIT, withSpend, (id, history, spend, weight, cells) -> {
            if (id != null) {
                ids.add(id);
            }
            feed.add(new Scorer.Customer(row[0]++, history, spend));
        });
        feed.finish();
    }

    /** A saved fit: the model's command-line name and the facts of its fit. */
    private record Saved(String name, ModelFit fit) {
    }

    private Saved read(Path path, String option) {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(path.toFile());
        } catch (IOException e) {
            throw new InputException(path + ": is not the JSON of fit --format json: " + e.getMessage());
        }
        if (json.has("coefficients")) {
            // its parameters are those of a customer whose covariates are all 0: scoring with them alone would
            // give every customer that customer's model
            throw new InputException(path + ": is a fit with covariates; score takes a fit without them (predict "
                    + "with the covariates by fit MODEL FILE --covariates ... --predict T)");
        }
        try {
            String name = json.get("model").asText();
            List<String> names = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = json.get("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                names.add(entry.getKey());
                values.add(entry.getValue().asDouble());
            }
            double[] estimates = values.stream().mapToDouble(Double::doubleValue).toArray();
            JsonNode matrix = json.get("covariance");
            double[][] covariance = null;
            if (matrix != null && !matrix.isNull()) {
                covariance = new double[names.size()][names.size()];
                for (int i = 0; i < names.size(); i++) {
                    for (int j = 0; j < names.size(); j++) {
                        covariance[i][j] = matrix.get(i).get(j).asDouble();
                    }
                }
            }
            ModelFit fit = new ModelFit(name, names, estimates, covariance, json.get("logLikelihood").asDouble(),
                    json.get("iterations").asInt(), json.get("converged").asBoolean(), json.get("penalizer").asDouble(),
                    json.get("customers").asLong(), json.get("distinctRows").asInt(), json.get("identified").asBoolean());
            return new Saved(name, fit);
        } catch (NullPointerException | InvalidArgumentException | IndexOutOfBoundsException e) {
            throw new InputException(path + ": is not the JSON of fit --format json (model, params, logLikelihood, "
                    + "iterations, converged, identified, penalizer, customers, distinctRows, covariance; " + option
                    + "): " + e.getMessage());
        }
    }

    private TransactionModel transactionModel(Saved saved) {
        double[] p = saved.fit.estimates();
        return switch (saved.name) {
            case "bgnbd" -> BetaGeometricNbdModel.of(p[0], p[1], p[2], p[3], HistoryReader.FILE_TIME_UNIT);
            case "mbgnbd" -> ModifiedBetaGeometricNbdModel.of(p[0], p[1], p[2], p[3], HistoryReader.FILE_TIME_UNIT);
            case "pareto-nbd" -> ParetoNbdModel.of(p[0], p[1], p[2], p[3], HistoryReader.FILE_TIME_UNIT);
            case "ggomnbd" -> GammaGompertzNbdModel.of(p[0], p[1], p[2], p[3], p[4], HistoryReader.FILE_TIME_UNIT);
            default -> throw new InputException(model + ": is a fit of " + saved.name + "; score takes bgnbd, mbgnbd, "
                    + "pareto-nbd or ggomnbd (and gamma-gamma with --spend-model)");
        };
    }

    private GammaGammaModel spendModel(Saved saved) {
        if (!saved.name.equals("gamma-gamma")) {
            throw new InputException(spendModel + ": --spend-model is a fit of " + saved.name + ", not gamma-gamma");
        }
        double[] p = saved.fit.estimates();
        return GammaGammaModel.of(p[0], p[1], p[2]);
    }
}
