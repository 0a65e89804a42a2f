package org.loyaltymetrics.examples.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file with a header row, read record by record with Apache Commons CSV; {@code -} reads
 * standard input. Cells are trimmed.
 */
final class CsvInput {

    /** One record, with its line number for error messages. */
    static final class Row {
        private final CsvInput input;
        private final CSVRecord record;
        private final long line;

        Row(CsvInput input, CSVRecord record, long line) {
            this.input = input;
            this.record = record;
            this.line = line;
        }

        /** The line number of the record in the file (the header is line 1). */
        long line() {
            return line;
        }

        /** The trimmed cell of {@code column}, "" when the record is short. */
        String get(String column) {
            return record.isSet(column) ? record.get(column) : "";
        }

        /** The cell of {@code column} as an integer. */
        int getInt(String column) {
            String value = get(column);
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw InputException.badValue(input.name, line, column, value, "is not an integer");
            }
        }

        /**
         * The cell of {@code column} as an ISO date (yyyy-MM-dd), or null when the cell is blank and
         * {@code blankAllowed}.
         */
        LocalDate getDate(String column, boolean blankAllowed) {
            String value = get(column);
            if (value.isEmpty() && blankAllowed) {
                return null;
            }
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw InputException.badValue(input.name, line, column, value, "is not a date (yyyy-MM-dd)");
            }
        }

        /** An input error at this row. */
        InputException error(String column, String value, String reason) {
            return InputException.badValue(input.name, line, column, value, reason);
        }
    }

    private final String name;

    private CsvInput(String name) {
        this.name = name;
    }

    /** The input named {@code file}: a path, or {@code -} for standard input. */
    static CsvInput of(String file) {
        return new CsvInput(file);
    }

    /** The file's name as given, for messages. */
    String name() {
        return name;
    }

    /**
     * Reads every record: passes the header to {@code onHeader}, which checks or resolves the
     * columns it needs (throwing {@link InputException} if one is missing), then each record to
     * {@code action}.
     *
     * @throws InputException if the file cannot be read or is not CSV with a header row
     */
    void read(Consumer<List<String>> onHeader, Consumer<Row> action) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (Reader reader = open(); CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            onHeader.accept(parser.getHeaderNames());
            long previousLine = parser.getCurrentLineNumber();
            for (CSVRecord record : parser) {
                action.accept(new Row(this, record, previousLine + 1));
                previousLine = parser.getCurrentLineNumber();
            }
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(name + ": cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InputException(name + ": is not a CSV file with a header row: " + e.getMessage());
        }
    }

    /**
     * Checks that {@code header} names every one of {@code columns}.
     *
     * @throws InputException naming the first missing column and the columns there are
     */
    void requireColumns(List<String> header, String... columns) {
        for (String column : columns) {
            if (!header.contains(column)) {
                throw headerError("column '" + column + "' not found; the columns are " + header);
            }
        }
    }

    /** An error about the file's header. */
    InputException headerError(String message) {
        return new InputException(name + ":1: " + message);
    }

    private Reader open() throws IOException {
        if (name.equals("-")) {
            return new InputStreamReader(System.in, StandardCharsets.UTF_8);
        }
        return Files.newBufferedReader(Path.of(name), StandardCharsets.UTF_8);
    }
}
