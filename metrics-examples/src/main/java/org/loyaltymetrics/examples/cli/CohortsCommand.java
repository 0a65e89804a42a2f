package org.loyaltymetrics.examples.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loyaltymetrics.retention.CohortTable;
import org.loyaltymetrics.time.Granularity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cohorts FILE [--period day|week|month] [--id-column NAME] [--date-column NAME]}. */
@Command(name = "cohorts", mixinStandardHelpOptions = true,
        header = "Cohort retention table from activity events.",
        description = "Cohort retention table from activity events (one row per event: user id and date): cohorts by "
                + "the period of each user's first event, users active in exactly period k (returnOn) and in period k "
                + "or later (returnOnOrAfter).")
final class CohortsCommand implements Callable<Integer> {

    /**
     * The most periods from the first event to the last in a table: it has a row per cohort and a
     * column per period after it, so that its size grows with the square of the span (2.7 years of
     * days, 19 of weeks, 83 of months; half a million cells, some 8 seconds and 600 MB to print).
     */
    static final long MAX_SPAN = 1_000;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "CSV file of activity events; - for standard input.")
    String file;

    @Option(names = "--period", paramLabel = "PERIOD", defaultValue = "month", converter = Converters.Period.class,
            description = "day, week or month (default: ${DEFAULT-VALUE}).")
    Granularity period;

    @Option(names = "--id-column", paramLabel = "NAME", defaultValue = "user_id",
            description = "Column of the user id (default: ${DEFAULT-VALUE}).")
    String idColumn;

    @Option(names = "--date-column", paramLabel = "NAME", defaultValue = "date",
            description = "Column of the event date, yyyy-MM-dd (default: ${DEFAULT-VALUE}).")
    String dateColumn;

    @Mixin
    InputFormat layout;

    @Mixin
    OutputFormat output;

    /**
     * The cohort table of the activity events of {@code file}, which may span at most {@code maxSpan}
     * periods from the first event to the last.
     *
     * @throws InputException at the first event that makes the events span more than {@code maxSpan} periods
     */
    static CohortTable read(CsvInput input, Granularity period, String idColumn, String dateColumn, long maxSpan,
            String of) {
        CohortTable.Accumulator table = CohortTable.accumulator(period);
        IdDictionary ids = new IdDictionary();
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        LocalDate[] ends = new LocalDate[2];
        input.read(header -> input.requireColumns(header, idColumn, dateColumn), row -> {
            String user = row.get(idColumn);
            if (user.isEmpty()) {
                throw row.error(idColumn, user, "is blank: every event needs a user id");
            }
            LocalDate date = row.getDate(dateColumn, false);
            long number = period.periodNumber(date);
            if (number < span[0]) {
                span[0] = number;
                ends[0] = date;
            }
            if (number > span[1]) {
                span[1] = number;
                ends[1] = date;
            }
            if (span[1] - span[0] + 1 > maxSpan) {
                String unit = period.name().toLowerCase(Locale.ROOT);
                throw row.error(dateColumn, row.get(dateColumn), "makes the events span " + (span[1] - span[0] + 1)
                        + " periods of a " + unit + " (" + ends[0] + " to " + ends[1] + "), more than the " + maxSpan
                        + " of " + of + ": choose a longer --period or fewer dates");
            }
            table.add(ids.idOf(user), date);
        });
        return table.snapshot();
    }

    @Override
    public Integer call() {
        if (period == Granularity.QUARTER || period == Granularity.YEAR) {
            throw new ParameterException(spec.commandLine(), "--period must be day, week or month, was "
                    + period.name().toLowerCase());
        }
        CohortTable result = read(layout.open(file), period, idColumn, dateColumn, MAX_SPAN, "a cohort table");
        if (output.json()) {
            List<Map<String, Object>> cohorts = new ArrayList<>();
            for (CohortTable.Cohort cohort : result.cohorts()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("cohort", cohort.period().toString());
                json.put("size", cohort.size());
                json.put("returnOn", cohort.returnOnCounts());
                json.put("returnOnOrAfter", cohort.returnOnOrAfterCounts());
                cohorts.add(json);
            }
            System.out.print(Printer.toJson(Map.of("cohorts", cohorts)));
        } else {
            System.out.print("Cohort retention (users active in exactly period k): " + Printer.source(file) + ", by "
                    + period.name().toLowerCase() + System.lineSeparator() + result.toTable().toText());
        }
        return 0;
    }
}
