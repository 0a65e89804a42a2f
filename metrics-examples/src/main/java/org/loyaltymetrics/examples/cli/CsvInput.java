package org.loyaltymetrics.examples.cli;

import java.io.BufferedReader;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A delimited text file read record by record; {@code -} reads standard input. Comma- and
 * tab-separated files are parsed with Apache Commons CSV (quotes allowed); whitespace-separated
 * files (such as the CDNOW data, with leading blanks and CRLF line ends) are split on runs of blanks.
 * The first record is the header row, unless the file has none: then the columns are named by their
 * 1-based position, "1", "2", ... Cells are trimmed; blank lines are skipped.
 */
final class CsvInput {

    /** How the cells of a record are separated. */
    enum Delimiter {
        COMMA, TAB, WHITESPACE;

        /** Converts {@code comma}, {@code tab} or {@code whitespace} (any case). */
        static final class Converter implements ITypeConverter<Delimiter> {
            @Override
            public Delimiter convert(String value) {
                try {
                    return Delimiter.valueOf(value.trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new TypeConversionException("must be comma, tab or whitespace, was '" + value + "'");
                }
            }
        }
    }

    /** One record, with its line number for error messages. */
    static final class Row {
        private final CsvInput input;
        private final List<String> cells;
        private final long line;

        Row(CsvInput input, List<String> cells, long line) {
            this.input = input;
            this.cells = cells;
            this.line = line;
        }

        /** The line number of the record in the file (the first line is 1). */
        long line() {
            return line;
        }

        /** The trimmed cell of {@code column}, "" when the record is short. */
        String get(String column) {
            Integer index = input.columns.get(column);
            return index == null || index >= cells.size() ? "" : cells.get(index);
        }

        /** The cell of {@code column} as an integer. */
        int getInt(String column) {
            String value = get(column);
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw error(column, value, "is not an integer");
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
                throw error(column, value, "is not a date (yyyy-MM-dd)");
            }
        }

        /** An input error at this row. */
        InputException error(String column, String value, String reason) {
            return InputException.badValue(input.name, line, column, value, reason);
        }
    }

    private final String name;
    private final Delimiter delimiter;
    private final boolean header;
    private final Map<String, Integer> columns = new HashMap<>();

    private CsvInput(String name, Delimiter delimiter, boolean header) {
        this.name = name;
        this.delimiter = delimiter;
        this.header = header;
    }

    /** The comma-separated input named {@code file}, with a header row: a path, or {@code -} for standard input. */
    static CsvInput of(String file) {
        return new CsvInput(file, Delimiter.COMMA, true);
    }

    /** The input named {@code file} with the given delimiter, with or without a header row. */
    static CsvInput of(String file, Delimiter delimiter, boolean header) {
        return new CsvInput(file, delimiter, header);
    }

    /** The file's name as given, for messages. */
    String name() {
        return name;
    }

    /**
     * Reads every record: passes the column names to {@code onHeader}, which checks or resolves the
     * columns it needs (throwing {@link InputException} if one is missing), then each record to
     * {@code action}.
     *
     * @throws InputException if the file cannot be read or is not delimited text
     */
    void read(Consumer<List<String>> onHeader, Consumer<Row> action) {
        Records records = new Records(onHeader, action);
        try (Reader reader = open()) {
            if (delimiter == Delimiter.WHITESPACE) {
                readWhitespace(reader, records);
            } else {
                readCsv(reader, records);
            }
            records.finish();
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(name + ": cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InputException(name + ": is not a " + (header ? "CSV file with a header row" : "delimited file")
                    + ": " + e.getMessage());
        }
    }

    private void readCsv(Reader reader, Records records) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter == Delimiter.TAB ? '\t' : ',')
                .setTrim(true).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            long previousLine = 0;
            for (CSVRecord record : parser) {
                long line = previousLine + 1;
                previousLine = parser.getCurrentLineNumber();
                records.accept(record.toList(), line);
            }
        }
    }

    private void readWhitespace(Reader reader, Records records) throws IOException {
        BufferedReader lines = new BufferedReader(reader);
        long number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                records.accept(Arrays.asList(trimmed.split("\\s+")), number);
            }
        }
    }

    /** Takes the records in order: the first names the columns (and is skipped if it is the header). */
    private final class Records {
        private final Consumer<List<String>> onHeader;
        private final Consumer<Row> action;
        private boolean named;

        Records(Consumer<List<String>> onHeader, Consumer<Row> action) {
            this.onHeader = onHeader;
            this.action = action;
        }

        void accept(List<String> cells, long line) {
            if (!named) {
                named = true;
                resolveHeader(cells, onHeader);
                if (header) {
                    return;
                }
            }
            action.accept(new Row(CsvInput.this, cells, line));
        }

        /** Names no columns if the file had no record. */
        void finish() {
            if (!named) {
                named = true;
                resolveHeader(List.of(), onHeader);
            }
        }
    }

    /** Names the columns from the header row, or by position from the first record. */
    private void resolveHeader(List<String> firstRecord, Consumer<List<String>> onHeader) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < firstRecord.size(); i++) {
            String column = header ? firstRecord.get(i) : Integer.toString(i + 1);
            if (columns.putIfAbsent(column, i) != null) {
                throw headerError("column '" + column + "' appears twice in the header");
            }
            names.add(column);
        }
        onHeader.accept(names);
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

    /** An error about the file's header (its first line). */
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
