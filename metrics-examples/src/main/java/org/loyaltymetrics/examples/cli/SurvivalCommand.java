package org.loyaltymetrics.examples.cli;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loyaltymetrics.retention.CustomerLifetimes;
import org.loyaltymetrics.retention.LogRankTest;
import org.loyaltymetrics.retention.SurvivalCurve;
import org.loyaltymetrics.stats.ConfidenceInterval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code survival FILE --as-of DATE [--unit day|week|month] [--confidence C] [--by COLUMN]}. */
@Command(name = "survival", mixinStandardHelpOptions = true,
        header = "Kaplan-Meier survival of customer lifetimes.",
        description = "Kaplan-Meier survival of customer lifetimes (a start column and an optional end column), customers still "
                + "active at --as-of censored; one point per event time with the log-log Greenwood band. With --by "
                + "COLUMN, also the log-rank test that the groups of that column share one survival curve, with each "
                + "group's observed and expected ends.")
final class SurvivalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "CSV file of customer records; - for standard input.")
    String file;

    @Option(names = "--as-of", required = true, paramLabel = "DATE", converter = Converters.Date.class,
            description = "The day the records were observed, the last day of observation (yyyy-MM-dd).")
    LocalDate asOf;

    @Option(names = "--unit", paramLabel = "UNIT", defaultValue = "day", converter = Converters.LifetimeUnit.class,
            description = "Unit of lifetimes: day, week (7 days) or month (30.436875 days) (default: ${DEFAULT-VALUE}).")
    ChronoUnit unit;

    @Option(names = "--confidence", paramLabel = "C", defaultValue = "0.95",
            description = "Confidence level of the band, in (0, 1) (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Option(names = "--by", paramLabel = "COLUMN",
            description = "Column of groups (plan, segment, cohort): adds the log-rank test of the groups.")
    String by;

    @Mixin
    CustomerRecords records;

    @Mixin
    InputFormat layout;

    @Mixin
    OutputFormat output;

    @Override
    public Integer call() {
        if (!(confidence > 0 && confidence < 1)) {
            throw new ParameterException(spec.commandLine(), "--confidence must be in (0, 1), was " + confidence);
        }
        CustomerLifetimes lifetimes = CustomerLifetimes.accumulator(asOf, unit);
        GroupedLifetimes groups = by == null ? null : new GroupedLifetimes(file, by, asOf, unit);
        records.read(layout.open(file), asOf, by, (start, end, group) -> {
            lifetimes.add(start, end);
            if (groups != null) {
                groups.add(start, end, group);
            }
        });
        SurvivalCurve curve = lifetimes.snapshot();
        LogRankTest logRank = groups == null ? null : groups.test();
        Figures median = new Figures().number("medianLifetime", () -> curve.median().value());
        List<Map<String, Object>> points = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        for (SurvivalCurve.Point point : curve.points()) {
            ConfidenceInterval band = point.confidenceInterval(confidence, SurvivalCurve.IntervalMethod.LOG_LOG);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("t", point.time());
            json.put("atRisk", point.atRisk());
            json.put("events", point.events());
            json.put("survival", point.survival());
            json.put("low", band.low());
            json.put("high", band.high());
            points.add(json);
            rows.add(new ArrayList<>(json.values()));
        }
        if (output.json()) {
            Map<String, Object> root = new LinkedHashMap<>(median.asMap());
            root.put("points", points);
            if (groups != null) {
                root.put("logRank", groups.json(logRank));
            }
            System.out.print(Printer.toJson(root));
        } else {
            System.out.print("Kaplan-Meier survival: " + Printer.source(file) + ", as of " + asOf + ", lifetimes in "
                    + unit.toString().toLowerCase(Locale.ROOT) + ", " + Printer.plural(curve.observations(), "customer")
                    + ", " + curve.events() + " ended; median lifetime "
                    + Printer.format(median.asMap().get("medianLifetime")) + System.lineSeparator()
                    + Printer.grid(List.of("t", "at risk", "events", "survival", "low", "high"),
                            Printer.formatColumns(rows), 0));
            if (groups != null) {
                System.out.print(System.lineSeparator() + groups.text(logRank));
            }
        }
        return 0;
    }
}
