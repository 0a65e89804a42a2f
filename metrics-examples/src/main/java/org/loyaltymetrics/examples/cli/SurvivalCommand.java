package org.loyaltymetrics.examples.cli;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.retention.CustomerLifetimes;
import org.loyaltymetrics.retention.LogRankTest;
import org.loyaltymetrics.retention.SurvivalCurve;
import org.loyaltymetrics.stats.ChiSquareTest;
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
        GroupedLifetimes groups = by == null ? null : new GroupedLifetimes(asOf, unit);
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

    /** The lifetimes of the records with their groups, for the log-rank test. */
    private final class GroupedLifetimes {
        private final long asOfDay;
        private final double daysPerUnit;
        private final List<String> labels = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();
        private double[] durations = new double[1024];
        private boolean[] ended = new boolean[1024];
        private int[] group = new int[1024];
        private int n;

        GroupedLifetimes(LocalDate asOf, ChronoUnit unit) {
            this.asOfDay = asOf.toEpochDay();
            // as CustomerLifetimes: days / the unit's estimated duration in days
            this.daysPerUnit = unit.getDuration().getSeconds() / 86_400.0;
        }

        void add(LocalDate start, LocalDate end, String label) {
            if (n == durations.length) {
                durations = Arrays.copyOf(durations, 2 * n);
                ended = Arrays.copyOf(ended, 2 * n);
                group = Arrays.copyOf(group, 2 * n);
            }
            boolean isEnded = end != null && end.toEpochDay() <= asOfDay;
            durations[n] = ((isEnded ? end.toEpochDay() : asOfDay) - start.toEpochDay()) / daysPerUnit;
            ended[n] = isEnded;
            group[n++] = index.computeIfAbsent(label, key -> {
                labels.add(key);
                return labels.size() - 1;
            });
        }

        LogRankTest test() {
            if (labels.size() < 2) {
                throw new InputException(file + ": --by " + by + " has " + Printer.plural(labels.size(), "group")
                        + (labels.isEmpty() ? "" : " (" + InputSyntax.quote(labels.get(0)) + ")")
                        + ": the log-rank test compares two or more");
            }
            // groups in the sorted order of their labels
            List<String> sorted = new ArrayList<>(labels);
            java.util.Collections.sort(sorted);
            int[] rank = new int[labels.size()];
            for (int g = 0; g < rank.length; g++) {
                rank[g] = sorted.indexOf(labels.get(g));
            }
            for (int i = 0; i < n; i++) {
                group[i] = rank[group[i]];
            }
            labels.clear();
            labels.addAll(sorted);
            try {
                return LogRankTest.of(Arrays.copyOf(durations, n), Arrays.copyOf(ended, n), Arrays.copyOf(group, n));
            } catch (UndefinedResultException e) {
                throw new InputException(file + ": --by " + by + ": " + e.getMessage());
            }
        }

        private List<List<Object>> rows(LogRankTest test) {
            List<List<Object>> rows = new ArrayList<>();
            for (int g = 0; g < labels.size(); g++) {
                double expected = test.expected(g);
                double oe = test.observed(g) - expected;
                rows.add(Arrays.asList(labels.get(g), test.size(g), test.observed(g), expected,
                        expected > 0 ? oe * oe / expected : null));
            }
            return rows;
        }

        Map<String, Object> json(LogRankTest test) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("column", by);
            root.put("statistic", test.statistic());
            root.put("degreesOfFreedom", test.test().degreesOfFreedom());
            root.put("pValue", test.pValue());
            List<Map<String, Object>> list = new ArrayList<>();
            for (List<Object> row : rows(test)) {
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("group", row.get(0));
                g.put("customers", row.get(1));
                g.put("observed", row.get(2));
                g.put("expected", row.get(3));
                list.add(g);
            }
            root.put("groups", list);
            return root;
        }

        String text(LogRankTest test) {
            return "Log-rank test by '" + by + "': chi-square " + String.format(Locale.ROOT, "%.4f", test.statistic())
                    + " on " + test.test().degreesOfFreedom() + " df, p = "
                    + ChiSquareTest.formatP(test.pValue()) + System.lineSeparator()
                    + Printer.grid(List.of(by, "customers", "observed", "expected", "(O-E)^2/E"),
                            Printer.formatColumns(rows(test)), 1);
        }
    }
}
