package org.loyaltymetrics.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.knowm.xchart.internal.chartpart.Chart;
import org.loyaltymetrics.charts.Charts;
import org.loyaltymetrics.data.CohortSurvivors;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.model.BetaGeometricNbdModel;
import org.loyaltymetrics.model.FitOptions;
import org.loyaltymetrics.model.ModelFitException;
import org.loyaltymetrics.model.TransactionModel;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.retention.CohortTable;
import org.loyaltymetrics.retention.CustomerLifetimes;
import org.loyaltymetrics.retention.LogRankTest;
import org.loyaltymetrics.retention.SurvivalCurve;
import org.loyaltymetrics.survey.NetPromoterScore;
import org.loyaltymetrics.survey.SurveySeries;
import org.loyaltymetrics.time.Granularity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chart KIND FILE --output FILE.png}: renders a chart of the library's results with XChart. */
@Command(name = "chart", mixinStandardHelpOptions = true,
        header = "Renders a chart of the library's results as PNG, SVG or PDF.",
        description = {"The format is the --output file's extension. KIND is one of:",
                "  nps-trend       NPS per period with its band (--column, --date-column)",
                "  cohort-heatmap  cohort retention heat map (--id-column, --date-column)",
                "  survival        Kaplan-Meier curve and band, censor ticks, numbers at risk (--by COLUMN: one per group,",
                "                  with the log-rank test)",
                "                  (customer records, --start-column, --end-column, --as-of)",
                "  sbg             sBG fitted on periods 0..--fit-periods and projected",
                "                  against the survivors (columns period,alive)",
                "  bgnbd           BG/NBD fit: customers by repeat purchases, actual and",
                "                  expected (columns frequency,recency,T or x,t_x,T)",
                "  frequency-recency  expected purchases in the next --horizon by frequency",
                "                  and recency, of a --model fitted to the file (as bgnbd)",
                "  alive-matrix    P(alive) by frequency and recency (as frequency-recency)",
                "  alive-history   one --customer's P(alive) over time, from a transaction",
                "                  log (--id-column, --date-column, --end; --model, --unit)"})
final class ChartCommand implements Callable<Integer> {

    /** The most periods a cohort heat map spans: 40,000 cells at most, some seconds to draw. */
    static final long MAX_HEATMAP_SPAN = 200;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "nps-trend, cohort-heatmap, survival, sbg or bgnbd.")
    String kind;

    @Parameters(index = "1", paramLabel = "FILE", description = "The input file (see KIND); - for standard input.")
    String file;

    @Option(names = "--output", required = true, paramLabel = "FILE.png",
            description = "The file to write: PNG, SVG or PDF by its extension (.png, .svg, .pdf); - for a PNG on "
                    + "standard output.")
    Path output;

    @Option(names = "--width", paramLabel = "PIXELS", defaultValue = "800", description = "Width in pixels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", paramLabel = "PIXELS", defaultValue = "500", description = "Height in pixels (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--column", paramLabel = "NAME", defaultValue = "score", description = "nps-trend: the 0..10 answer column (default: ${DEFAULT-VALUE}).")
    String column;

    @Option(names = "--date-column", paramLabel = "NAME", defaultValue = "date", description = "Column of the dates (default: ${DEFAULT-VALUE}).")
    String dateColumn;

    @Option(names = "--id-column", paramLabel = "NAME", defaultValue = "user_id", description = "cohort-heatmap: user id column (default: ${DEFAULT-VALUE}).")
    String idColumn;

    @Option(names = "--period", paramLabel = "PERIOD", defaultValue = "month", converter = Converters.Period.class,
            description = "Period of the trend or the cohorts: day, week or month (default: ${DEFAULT-VALUE}).")
    Granularity period;

    @Option(names = "--confidence", paramLabel = "C", defaultValue = "0.95", description = "Confidence of the bands, in (0, 1) (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Option(names = "--as-of", paramLabel = "DATE", converter = Converters.Date.class, description = "survival: the day the records were observed.")
    LocalDate asOf;

    @Option(names = "--by", paramLabel = "COLUMN",
            description = "survival: a column of groups (plan, segment): one curve per group and the log-rank test.")
    String by;

    @Option(names = "--unit", paramLabel = "UNIT", defaultValue = "day", converter = Converters.LifetimeUnit.class,
            description = "survival: unit of lifetimes, day, week or month (default: ${DEFAULT-VALUE}).")
    ChronoUnit unit;

    @Option(names = "--fit-periods", paramLabel = "N", defaultValue = "7", description = "sbg: fit on periods 0..N (default: ${DEFAULT-VALUE}).")
    int fitPeriods;

    @Option(names = "--max-frequency", paramLabel = "N",
            description = "bgnbd: the last bar gathers this many repeat purchases or more (default: 7); "
                    + "frequency-recency, alive-matrix: the top row (default: the data's largest frequency, at most 30).")
    Integer maxFrequency;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "bgnbd",
            description = "frequency-recency, alive-matrix, alive-history: bgnbd, mbgnbd or pareto-nbd "
                    + "(default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--horizon", paramLabel = "T",
            description = "frequency-recency: the horizon of the expected purchases, in the file's time unit "
                    + "(default: the longest observation T of the file).")
    Double horizon;

    @Option(names = "--customer", paramLabel = "ID", description = "alive-history: the customer's id.")
    String customer;

    @Option(names = "--end", paramLabel = "DATE", converter = Converters.Date.class,
            description = "alive-history: the last day of the log to use, inclusive (default: its last date).")
    LocalDate end;

    @Mixin
    CustomerRecords records;

    @Mixin
    InputFormat layout;

    @Override
    public Integer call() {
        if (width < 100 || width > 10_000 || height < 100 || height > 10_000) {
            throw new ParameterException(spec.commandLine(), "--width and --height must be in 100..10000, were "
                    + width + " and " + height);
        }
        boolean toStandardOutput = output.toString().equals("-");
        try {
            if (!toStandardOutput) {
                Charts.Format.of(output);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--output " + e.getMessage());
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new ParameterException(spec.commandLine(), "--confidence must be in (0, 1), was " + confidence);
        }
        Chart<?, ?> chart;
        switch (kind) {
            case "nps-trend":
                SurveySeries<NetPromoterScore> series = npsSeries();
                if (series.entries().isEmpty()) {
                    throw new InputException(file + ": has no answers to chart");
                }
                chart = Charts.npsTrend(series, confidence, width, height);
                break;
            case "cohort-heatmap":
                CohortTable cohorts = CohortsCommand.read(layout.open(file), period, idColumn, dateColumn, MAX_HEATMAP_SPAN,
                        "a heat map");
                if (cohorts.cohorts().isEmpty()) {
                    throw new InputException(file + ": has no events to chart");
                }
                chart = Charts.cohortHeatmap(cohorts, width, height);
                break;
            case "survival":
                if (asOf == null) {
                    throw new ParameterException(spec.commandLine(), "survival needs --as-of DATE");
                }
                if (by != null) {
                    GroupedLifetimes groups = new GroupedLifetimes(file, by, asOf, unit);
                    records.read(layout.open(file), asOf, by, groups::add);
                    LogRankTest test = groups.test();
                    Map<String, SurvivalCurve> curves = groups.curves();
                    if (curves.size() > 10) {
                        throw new InputException(file + ": --by " + by + " has " + curves.size()
                                + " groups; a chart shows at most 10");
                    }
                    chart = Charts.survivalCurves(curves, test, confidence, unit.toString().toLowerCase(Locale.ROOT),
                            width, height);
                    break;
                }
                CustomerLifetimes lifetimes = CustomerLifetimes.accumulator(asOf, unit);
                records.read(layout.open(file), asOf, lifetimes::add);
                chart = Charts.survivalCurve(lifetimes.snapshot(), confidence, unit.toString().toLowerCase(Locale.ROOT),
                        width, height);
                break;
            case "sbg":
                CohortSurvivors survivors = new HistoryReader(layout.open(file), null, "sbg").survivors();
                if (fitPeriods < 1 || fitPeriods > survivors.periods()) {
                    throw new ParameterException(spec.commandLine(), "--fit-periods must be in 1.." + survivors.periods()
                            + " for " + file + ", was " + fitPeriods);
                }
                chart = fit(() -> Charts.sbgProjection(survivors, fitPeriods, width, height));
                break;
            case "bgnbd":
                int bars = maxFrequency == null ? 7 : maxFrequency;
                if (bars < 1 || bars > 100) {
                    throw new ParameterException(spec.commandLine(), "--max-frequency must be in 1..100, was " + bars);
                }
                PurchaseHistories histories = new HistoryReader(layout.open(file), null, "bgnbd")
                        .purchaseHistories(HistoryReader.FILE_TIME_UNIT).collection();
                chart = fit(() -> Charts.purchaseModelFit(histories, BetaGeometricNbdModel.fit(histories), "BG/NBD", bars,
                        width, height));
                break;
            case "frequency-recency":
            case "alive-matrix":
                chart = historyMatrix(kind.equals("alive-matrix"));
                break;
            case "alive-history":
                chart = aliveHistory();
                break;
            default:
                throw new ParameterException(spec.commandLine(),
                        "KIND must be nps-trend, cohort-heatmap, survival, sbg, bgnbd, frequency-recency, alive-matrix "
                                + "or alive-history, was '" + kind + "'");
        }
        try {
            if (toStandardOutput) {
                // The PNG itself is the output: the note goes to standard error.
                Charts.write(chart, Charts.Format.PNG, System.out);
                System.err.println("wrote a PNG to standard output (" + width + " x " + height + ")");
                return 0;
            }
            Charts.write(chart, output);
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(output + ": cannot be written: " + (e instanceof UncheckedIOException
                    ? e.getCause() : e).getMessage());
        }
        System.out.println("wrote " + output + " (" + width + " x " + height + ")");
        return 0;
    }

    /** The --model fitted to {@code histories}, a fit that fails reported as bad input. */
    private TransactionModel fitModel(PurchaseHistories histories) {
        ModelFits.Kind named = ModelFits.purchaseKind(model).orElseThrow(() -> new ParameterException(
                spec.commandLine(), "--model must be bgnbd, mbgnbd, pareto-nbd or ggomnbd, was '" + model + "'"));
        FitOptions options = FitOptions.defaults();
        try {
            return ModelFits.purchaseModel(named, histories, options);
        } catch (ModelFitException e) {
            throw new InputException(file + ": " + FitCommand.inCommandLineTerms(e, 0, options.maxIterations()));
        }
    }

    /** The frequency-recency matrix of expected purchases, or of P(alive), of the --model fitted to the file. */
    private Chart<?, ?> historyMatrix(boolean alive) {
        PurchaseHistories histories = new HistoryReader(layout.open(file), null, model)
                .purchaseHistories(HistoryReader.FILE_TIME_UNIT).collection();
        double age = 0;
        long largest = 0;
        for (int row = 0; row < histories.distinctRows(); row++) {
            age = Math.max(age, histories.age(row));
            largest = Math.max(largest, histories.frequency(row));
        }
        int rows = maxFrequency != null ? maxFrequency : (int) Math.max(1, Math.min(30, largest));
        if (rows < 1 || rows > 200) {
            throw new ParameterException(spec.commandLine(), "--max-frequency must be in 1..200, was " + rows);
        }
        if (horizon != null && !(horizon > 0 && horizon < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(spec.commandLine(), "--horizon must be finite and > 0, was " + horizon);
        }
        if (!(age > 0)) {
            throw new InputException(file + ": has no customer observed for any time (every T is 0)");
        }
        TransactionModel fitted = fitModel(histories);
        return alive ? Charts.probabilityAliveMatrix(fitted, age, rows, "time units", width, height)
                : Charts.frequencyRecencyMatrix(fitted, age, horizon == null ? age : horizon, rows, "time units", width,
                        height);
    }

    /**
     * One customer's P(alive) over time: the --model fitted to the RFM summary of the log (to --end, in
     * --unit), and the customer's purchase days.
     */
    private Chart<?, ?> aliveHistory() {
        if (customer == null) {
            throw new ParameterException(spec.commandLine(), "alive-history needs --customer ID");
        }
        if (unit == ChronoUnit.MONTHS) {
            throw new ParameterException(spec.commandLine(), "--unit must be day or week for alive-history, was month");
        }
        List<LocalDate> days = new ArrayList<>();
        CsvInput input = layout.open(file);
        IdDictionary ids = new IdDictionary();
        List<long[]> purchases = new ArrayList<>();
        LocalDate[] last = new LocalDate[1];
        input.read(header -> input.requireColumns(header, idColumn, dateColumn), row -> {
            String id = row.get(idColumn);
            if (id.isEmpty()) {
                throw row.error(idColumn, id, "is blank: every purchase needs a customer id");
            }
            LocalDate date = row.getDate(dateColumn, false);
            purchases.add(new long[] {ids.idOf(id), date.toEpochDay()});
            if (last[0] == null || date.isAfter(last[0])) {
                last[0] = date;
            }
            if (id.equals(customer)) {
                days.add(date);
            }
        });
        LocalDate observed = end != null ? end : last[0];
        if (observed == null) {
            throw new InputException(file + ": has no purchases to chart");
        }
        RfmSummary.Accumulator summary = RfmSummary.accumulator(CurrencyUnit.of("XXX", 0), observed);
        purchases.forEach(p -> summary.add(p[0], (int) p[1], 0L));
        days.removeIf(day -> day.isAfter(observed));
        if (days.isEmpty()) {
            throw new InputException(file + ": customer " + InputSyntax.quote(customer) + " has no purchase in column '"
                    + idColumn + "'" + (end != null ? " on or before --end " + end : ""));
        }
        TransactionModel fitted = fitModel(PurchaseHistories.from(summary.snapshot(), unit));
        LocalDate first = days.stream().min(LocalDate::compareTo).orElseThrow();
        double perUnit = unit == ChronoUnit.WEEKS ? 7.0 : 1.0;
        double[] times = days.stream().map(day -> ChronoUnit.DAYS.between(first, day)).filter(d -> d > 0).distinct()
                .mapToDouble(d -> d / perUnit).toArray();
        double span = ChronoUnit.DAYS.between(first, observed) / perUnit;
        if (!(span > 0)) {
            throw new InputException(file + ": customer " + InputSyntax.quote(customer) + " first bought on the last "
                    + "day observed, " + observed + ": there is no time to chart");
        }
        return Charts.probabilityAliveHistory(fitted, times, span, unit.toString().toLowerCase(Locale.ROOT), customer,
                width, height);
    }

    /** Draws a chart that fits a model, reporting a fit that fails as bad input. */
    private Chart<?, ?> fit(Supplier<Chart<?, ?>> draw) {
        try {
            return draw.get();
        } catch (ModelFitException e) {
            throw new InputException(file + ": " + e.getMessage());
        }
    }

    private SurveySeries<NetPromoterScore> npsSeries() {
        SurveySeries.Accumulator<NetPromoterScore> series = SurveySeries.accumulator(NetPromoterScore.DEFINITION, period);
        CsvInput input = layout.open(file);
        input.read(header -> input.requireColumns(header, column, dateColumn), row -> {
            String value = row.get(column);
            if (value.isEmpty()) {
                return; // unanswered
            }
            int answer = row.getInt(column);
            if (!NetPromoterScore.DEFINITION.scale().contains(answer)) {
                throw row.error(column, value, "is not an answer on the scale 0..10");
            }
            series.add(row.getDate(dateColumn, false), answer);
        });
        return series.snapshot();
    }
}
