package org.loyaltymetrics.examples.cli;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loyaltymetrics.retention.ChurnRate;
import org.loyaltymetrics.retention.ChurnSeries;
import org.loyaltymetrics.retention.CustomerCounts;
import org.loyaltymetrics.time.Granularity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code churn FILE --from DATE --to DATE [--variant NAME] [--by-period PERIOD]}. */
@Command(name = "churn", mixinStandardHelpOptions = true,
        description = {"Customer counts, churn and retention over a period from customer records "
                + "(columns start_date and end_date; a blank end_date means still a customer).",
                "The start is the first day as a customer, the end the first day no longer one; the period runs from "
                        + "--from to the day before --to."})
final class ChurnCommand implements Callable<Integer> {

    /** The most periods {@code --by-period} reports: a row each, 273 years of days. */
    static final long MAX_PERIODS = 100_000;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "CSV file with a header row; - for standard input.")
    String file;

    @Option(names = "--from", required = true, paramLabel = "DATE", converter = Converters.Date.class,
            description = "First day of the period (yyyy-MM-dd).")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", converter = Converters.Date.class,
            description = "First day after the period (exclusive, yyyy-MM-dd).")
    LocalDate to;

    @Option(names = "--variant", paramLabel = "NAME", defaultValue = "lost-over-start", converter = Converters.ChurnVariant.class,
            description = "Churn definition: lost-over-start (L/S, default), lost-over-start-plus-new ((L+Ln)/(S+N)) "
                    + "or excluding-joined-and-left (L/(S+N-Ln)).")
    ChurnRate.Definition variant;

    @Option(names = "--by-period", paramLabel = "PERIOD", converter = Converters.Period.class,
            description = "Report every whole day, week, month, quarter or year of the range.")
    Granularity byPeriod;

    @Mixin
    OutputFormat output;

    @Override
    public Integer call() {
        if (!from.isBefore(to)) {
            throw new ParameterException(spec.commandLine(), "--to must be after --from " + from + ", was " + to);
        }
        if (byPeriod != null) {
            long periods = byPeriod.periodNumber(to.minusDays(1)) - byPeriod.periodNumber(from) + 1;
            if (periods > MAX_PERIODS) {
                String unit = byPeriod.name().toLowerCase(Locale.ROOT);
                throw new ParameterException(spec.commandLine(), "--by-period " + unit + ": --from " + from
                        + " to --to " + to + " spans " + periods + " periods of a " + unit + ", more than the "
                        + MAX_PERIODS + " reported at most: choose a longer period or a shorter range");
            }
        }
        Map<String, Figures> results = new LinkedHashMap<>();
        if (byPeriod == null) {
            CustomerCounts.Accumulator counts = CustomerCounts.accumulator(from, to);
            CustomerRecords.read(file, counts::add);
            results.put("", figures(counts.snapshot()));
        } else {
            ChurnSeries.Accumulator series = ChurnSeries.accumulator(byPeriod, from, to);
            CustomerRecords.read(file, series::add);
            series.snapshot().entries().forEach(e -> results.put(e.period().toString(), figures(e.counts())));
        }
        String title = "Churn (" + variant.name().toLowerCase().replace('_', '-') + "): " + file + ", " + from
                + " to " + to + " (exclusive)";
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
