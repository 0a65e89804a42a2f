package org.loyaltymetrics.examples.cli;

import java.time.LocalDate;
import java.util.function.BiConsumer;
import org.loyaltymetrics.InvalidArgumentException;

/**
 * Customer records of a CSV file with the columns {@code start_date} and, optionally,
 * {@code end_date} (blank while still a customer): the start is the first day as a customer, the
 * end the first day no longer one. A record the library rejects (an end before its start) stops the
 * tool with the file, line and value of the column the library's
 * {@link InvalidArgumentException#argument() argument} names; a start after the day the records were
 * observed ({@code --as-of}) is reported as a fault of that option.
 */
final class CustomerRecords {

    static final String START = "start_date";
    static final String END = "end_date";

    private CustomerRecords() {
    }

    /** Passes every record's start and end (null when blank or when there is no end column) to {@code action}. */
    static void read(String file, BiConsumer<LocalDate, LocalDate> action) {
        read(file, null, action);
    }

    /**
     * Passes every record's start and end to {@code action}, as {@link #read(String, BiConsumer)}
     * does, after checking that no record starts after {@code asOf}, the day the records were
     * observed (given by the option {@code --as-of}).
     */
    static void read(String file, LocalDate asOf, BiConsumer<LocalDate, LocalDate> action) {
        CsvInput input = CsvInput.of(file);
        boolean[] hasEnd = new boolean[1];
        input.read(header -> {
            input.requireColumns(header, START);
            hasEnd[0] = header.contains(END);
        }, row -> {
            LocalDate start = row.getDate(START, false);
            LocalDate end = hasEnd[0] ? row.getDate(END, true) : null;
            if (asOf != null && start.isAfter(asOf)) {
                throw new InputException(input.name() + ":" + row.line() + ": --as-of " + asOf
                        + " is before this record's start_date " + start + ": --as-of must be the day the records were "
                        + "observed, on or after every start");
            }
            try {
                action.accept(start, end);
            } catch (InvalidArgumentException rejected) {
                String column = switch (rejected.argument()) {
                    case "start" -> START;
                    case "end" -> END;
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
