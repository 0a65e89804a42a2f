package org.loyaltymetrics.examples.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loyaltymetrics.stats.Measure;
import org.loyaltymetrics.survey.SurveyAccumulator;
import org.loyaltymetrics.survey.SurveyBreakdown;
import org.loyaltymetrics.survey.SurveyMetric;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The options shared by the survey commands ({@code nps}, {@code csat}, {@code ces}) and the reading
 * of their answers: one integer answer per row in the answer column; blank cells are skipped (the
 * respondent did not answer); any other value that is not an answer on the scale stops the command
 * with exit status 2.
 */
final class SurveyOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "CSV file, one answer per row; - for standard input.")
    String file;

    @Option(names = "--column", paramLabel = "NAME",
            description = "Column of the answers (default: 'score', or the only column of the file).")
    String column;

    @Option(names = "--by", paramLabel = "COLUMN", description = "Report one result per value of this column.")
    String by;

    @Option(names = "--confidence", paramLabel = "C", defaultValue = "0.95",
            description = "Confidence level of the intervals, in (0, 1) (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Mixin
    InputFormat layout;

    @Mixin
    OutputFormat output;

    /** The answers read from the file, per group (a single group keyed "" without --by). */
    static final class Answers<V extends Measure<V>> {
        final Map<String, V> groups;
        final long skippedBlanks;
        final String column;

        Answers(Map<String, V> groups, long skippedBlanks, String column) {
            this.groups = groups;
            this.skippedBlanks = skippedBlanks;
            this.column = column;
        }
    }

    /** Checks the confidence level, failing as a usage error (exit status 2). */
    void validate() {
        if (!(confidence > 0 && confidence < 1)) {
            throw new ParameterException(spec.commandLine(),
                    "--confidence must be in (0, 1), was " + confidence);
        }
    }

    /** Reads the file's answers into {@code metric}, per group when {@code --by} is given. */
    <V extends Measure<V>> Answers<V> read(SurveyMetric<V> metric) {
        validate();
        CsvInput input = layout.open(file);
        SurveyAccumulator<V> all = metric.accumulator();
        SurveyBreakdown.Accumulator<String, V> groups = SurveyBreakdown.accumulator(metric);
        String[] answerColumn = new String[1];
        long[] blanks = new long[1];
        input.read(header -> answerColumn[0] = resolveColumns(input, header), row -> {
            String value = row.get(answerColumn[0]);
            if (value.isEmpty()) {
                blanks[0]++;
                return;
            }
            int answer = row.getInt(answerColumn[0]);
            if (!metric.scale().contains(answer)) {
                throw row.error(answerColumn[0], value, "is not an answer on the scale " + metric.scale());
            }
            if (by != null) {
                groups.add(row.get(by), answer);
            } else {
                all.add(answer);
            }
        });
        Map<String, V> results = new LinkedHashMap<>();
        if (by != null) {
            results.putAll(groups.snapshot().results());
        } else {
            results.put("", all.snapshot());
        }
        return new Answers<>(results, blanks[0], answerColumn[0]);
    }

    private String resolveColumns(CsvInput input, List<String> header) {
        if (by != null) {
            input.requireColumns(header, by);
        }
        if (column != null) {
            input.requireColumns(header, column);
            return column;
        }
        if (header.contains("score")) {
            return "score";
        }
        if (header.size() == 1) {
            return header.get(0);
        }
        throw input.headerError("no column 'score'; name the answer column with --column, one of " + header);
    }

    /** Renders per-group figures in the chosen format. */
    <V extends Measure<V>> String render(String title, Answers<V> answers, java.util.function.Function<V, Figures> figuresOf) {
        Map<String, Figures> figures = new LinkedHashMap<>();
        answers.groups.forEach((key, value) -> figures.put(key, figuresOf.apply(value)));
        if (output.json()) {
            return by == null ? Printer.json(figures.get("")) : Printer.json("groups", "key", figures);
        }
        String heading = title + ": " + Printer.source(file) + ", column '" + answers.column + "'"
                + (by == null ? "" : " by '" + by + "'") + ", " + Printer.format(100 * confidence) + "% confidence"
                + (answers.skippedBlanks == 0 ? "" : ", " + answers.skippedBlanks + " blank answers skipped");
        return Printer.table(heading, by == null ? null : by, figures);
    }
}
