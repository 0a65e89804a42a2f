package org.loyaltymetrics.examples.cli;

import java.time.LocalDate;
import java.util.function.BiConsumer;
import org.loyaltymetrics.InvalidArgumentException;

/**
 * Customer records of a CSV file with the columns {@code start_date} and, optionally,
 * {@code end_date} (blank while still a customer): the start is the first day as a customer, the
 * end the first day no longer one. A record the library rejects (an end before its start, a start after
 * the as-of date) stops the tool with the file, line and value of the column the library's
 * {@link InvalidArgumentException#argument() argument} names.
 */
final class CustomerRecords {

    static final String START = "start_date";
    static final String END = "end_date";

    private CustomerRecords() {
    }

    /** Passes every record's start and end (null when blank or when there is no end column) to {@code action}. */
    static void read(String file, BiConsumer<LocalDate, LocalDate> action) {
        CsvInput input = CsvInput.of(file);
        boolean[] hasEnd = new boolean[1];
        input.read(header -> {
            input.requireColumns(header, START);
            hasEnd[0] = header.contains(END);
        }, row -> {
            LocalDate start = row.getDate(START, false);
            LocalDate end = hasEnd[0] ? row.getDate(END, true) : null;
            try {
                action.accept(start, end);
            } catch (InvalidArgumentException rejected) {
                String column = rejected.argument().equals("start") ? START : END;
                throw row.error(column, row.get(column), "is rejected: " + rejected.getMessage());
            }
        });
    }
}
