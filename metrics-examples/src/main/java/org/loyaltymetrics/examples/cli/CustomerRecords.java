package org.loyaltymetrics.examples.cli;

import java.time.LocalDate;
import java.util.function.BiConsumer;
import org.loyaltymetrics.InvalidArgumentException;
import picocli.CommandLine.Option;

/**
 * Customer records, the input of {@code churn}, {@code survival} and {@code chart survival}: a CSV file
 * with a start column ({@code start_date} unless {@code --start-column} names another) and, optionally,
 * an end column ({@code end_date}, blank while still a customer): the start is the first day as a
 * customer, the end the first day no longer one. A record the library rejects (an end before its start)
 * stops the tool with the file, line and value of the column the library's
 * {@link InvalidArgumentException#argument() argument} names; a start after the day the records were
 * observed ({@code --as-of}) is reported as a fault of that option.
 */
final class CustomerRecords {

    @Option(names = "--start-column", paramLabel = "NAME", defaultValue = "start_date",
            description = "Column of the first day as a customer, yyyy-MM-dd (default: ${DEFAULT-VALUE}).")
    String startColumn = "start_date";

    @Option(names = "--end-column", paramLabel = "NAME", defaultValue = "end_date",
            description = "Column of the first day no longer a customer, blank while still one; optional "
                    + "(default: ${DEFAULT-VALUE}).")
    String endColumn = "end_date";

    /** Passes every record's start and end (null when blank or when there is no end column) to {@code action}. */
    void read(CsvInput input, BiConsumer<LocalDate, LocalDate> action) {
        read(input, null, action);
    }

    /**
     * Passes every record's start and end to {@code action}, as {@link #read(CsvInput, BiConsumer)}
     * does, after checking that no record starts after {@code asOf}, the day the records were
     * observed (given by the option {@code --as-of}).
     */
    void read(CsvInput input, LocalDate asOf, BiConsumer<LocalDate, LocalDate> action) {
        read(input, asOf, null, (start, end, group) -> action.accept(start, end));
    }

    /** A record's start, end and the cell of its group column. */
    interface GroupedRecord {
        void accept(LocalDate start, LocalDate end, String group);
    }

    /**
     * Passes every record's start, end and the cell of {@code groupColumn} (null when it is null) to
     * {@code action}, as {@link #read(CsvInput, LocalDate, BiConsumer)} does.
     */
    void read(CsvInput input, LocalDate asOf, String groupColumn, GroupedRecord action) {
        boolean[] hasEnd = new boolean[1];
        input.read(header -> {
            input.requireColumns(header, startColumn);
            if (groupColumn != null) {
                input.requireColumns(header, groupColumn);
            }
            hasEnd[0] = header.contains(endColumn);
        }, row -> {
            LocalDate start = row.getDate(startColumn, false);
            if (asOf != null && start.isAfter(asOf)) {
                throw new InputException(input.name() + ":" + row.line() + ": --as-of " + asOf
                        + " is before this record's " + startColumn + " " + start + ": --as-of must be the day the "
                        + "records were observed, on or after every start");
            }
            LocalDate end = hasEnd[0] ? row.getDate(endColumn, true) : null;
            try {
                action.accept(start, end, groupColumn == null ? null : row.get(groupColumn));
            } catch (InvalidArgumentException rejected) {
                String column = switch (rejected.argument()) {
                    case "start" -> startColumn;
                    case "end" -> endColumn;
                    default -> null;
                };
                if (column == null) {
                    throw new InputException(input.name() + ":" + row.line() + ": is rejected: "
                            + rejected.getMessage());
                }
                throw row.error(column, row.get(column), "is rejected: " + rejected.getMessage());
            }
        });
    }
}
