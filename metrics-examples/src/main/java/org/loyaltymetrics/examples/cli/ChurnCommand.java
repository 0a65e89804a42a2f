package org.loyaltymetrics.examples.cli;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loyaltymetrics.retention.ChurnRate;
import org.loyaltymetrics.retention.ChurnSeries;
import org.loyaltymetrics.retention.CustomerCounts;
import org.loyaltymetrics.time.CalendarPeriod;
import org.loyaltymetrics.time.Granularity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code churn FILE --from DATE --to DATE [--variant NAME] [--by-period PERIOD]}: the customer counts,
 * churn and retention of the days from {@code --from} to {@code --to}, both inclusive, as every date
 * range of the tool is; with {@code --by-period}, of every whole period that holds one of those days
 * (a range that starts or ends inside a period is widened to it, and the title and a note on standard
 * error say so).
 */
@Command(name = "churn", mixinStandardHelpOptions = true,
        header = "Customer counts, churn and retention from customer records.",
        description = {"Customer counts, churn and retention over a period from customer records "
                + "(a start column and an optional end column; a blank end means still a customer).",
                "The start is the first day as a customer, the end the first day no longer one; the period runs from "
                        + "--from to --to, both inclusive."})
final class ChurnCommand implements Callable<Integer> {

    /** The most periods {@code --by-period} reports: a row each, 273 years of days. */
    static final long MAX_PERIODS = 100_000;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "CSV file of customer records; - for standard input.")
    String file;

    @Option(names = "--from", required = true, paramLabel = "DATE", converter = Converters.Date.class,
            description = "First day of the period, inclusive (yyyy-MM-dd).")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", converter = Converters.Date.class,
            description = "Last day of the period, inclusive (yyyy-MM-dd).")
    LocalDate to;

    @Option(names = "--variant", paramLabel = "NAME", defaultValue = "lost-over-start", converter = Converters.ChurnVariant.class,
            description = "Churn definition: lost-over-start (L/S, default), lost-over-start-plus-new ((L+Ln)/(S+N)) "
                    + "or excluding-joined-and-left (L/(S+N-Ln)).")
    ChurnRate.Definition variant;

    @Option(names = "--by-period", paramLabel = "PERIOD", converter = Converters.Period.class,
            description = "Report every whole day, week, month, quarter or year that holds a day of the range.")
    Granularity byPeriod;

    @Mixin
    CustomerRecords records;

    @Mixin
    InputFormat layout;

    @Mixin
    OutputFormat output;

    @Override
    public Integer call() {
        if (to.isBefore(from)) {
            throw new ParameterException(spec.commandLine(), "--to must be on or after --from " + from + ", was " + to);
        }
        if (to.equals(LocalDate.MAX)) {
            throw new ParameterException(spec.commandLine(), "--to must be before " + LocalDate.MAX + ", was " + to);
        }
        LocalDate end = to.plusDays(1); // the library's ranges end on the first day after them
        Map<String, Figures> results = new LinkedHashMap<>();
        String range;
        if (byPeriod == null) {
            CustomerCounts.Accumulator counts = CustomerCounts.accumulator(from, end);
            records.read(layout.open(file), counts::add);
            results.put("", figures(counts.snapshot()));
            range = from + " to " + to;
        } else {
            String unit = byPeriod.name().toLowerCase(Locale.ROOT);
            long periods = byPeriod.periodNumber(to) - byPeriod.periodNumber(from) + 1;
            if (periods > MAX_PERIODS) {
                throw new ParameterException(spec.commandLine(), "--by-period " + unit + ": --from " + from
                        + " to --to " + to + " spans " + periods + " periods of a " + unit + ", more than the "
                        + MAX_PERIODS + " reported at most: choose a longer period or a shorter range");
            }
            CalendarPeriod first = CalendarPeriod.of(byPeriod, from);
            CalendarPeriod last = CalendarPeriod.of(byPeriod, to);
            ChurnSeries.Accumulator series = ChurnSeries.accumulator(byPeriod, from, end);
            records.read(layout.open(file), series::add);
            series.snapshot().entries().forEach(e -> results.put(e.period().toString(), figures(e.counts())));
            range = "every " + unit + " from " + first + " to " + last + " (" + first.start() + " to "
                    + last.end().minusDays(1) + ")";
            if (!first.start().equals(from) || !last.end().equals(end)) {
                System.err.println("churn: --from " + from + " and --to " + to + " (inclusive) are widened to whole "
                        + unit + "s: " + first.start() + " to " + last.end().minusDays(1));
            }
        }
        String title = "Churn (" + variant.name().toLowerCase(Locale.ROOT).replace('_', '-') + "): " + Printer.source(file) + ", "
                + range;
        if (output.json()) {
            System.out.print(byPeriod == null ? Printer.json(results.get("")) : Printer.json("periods", "period", results));
        } else {
            System.out.print(Printer.table(title, byPeriod == null ? null : "period", results));
        }
        return 0;
    }

    private Figures figures(CustomerCounts counts) {
        return new Figures().count("customersAtStart", counts.customersAtStart())
                .count("customersAtEnd", counts.customersAtEnd()).count("newCustomers", counts.newCustomers())
                .count("lostCustomers", counts.lostCustomers())
                .number("churnRate", () -> counts.churnRate(variant).value())
                .number("retentionRate", () -> counts.retentionRate().value());
    }
}
