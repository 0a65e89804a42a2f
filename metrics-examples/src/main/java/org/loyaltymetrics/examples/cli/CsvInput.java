package org.loyaltymetrics.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
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
 *
 * <p>The file must be UTF-8 text (a byte-order mark is allowed: {@link Utf8Reader}), and every record
 * must have one cell per column of the header (or of the first record, without a header): a record
 * with more or fewer cells, such as {@code A1,2025-02,1,234.00} under {@code account_id,month,mrr},
 * stops the command rather than being read with its cells shifted or dropped. Values are read by the
 * one grammar of {@link InputSyntax}. Every fault is an {@link InputException} naming the file and
 * the line (and the column where there is one), quoting at most the first
 * {@value InputSyntax#MAX_QUOTED_LENGTH} characters of a value. A read that takes more than a couple of
 * seconds shows its {@link Progress} on standard error.
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
                    throw new TypeConversionException("must be comma, tab or whitespace, was "
                            + InputSyntax.quote(value));
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

        /** The trimmed cell of {@code column}, "" for a column the header does not have. */
        String get(String column) {
            Integer index = input.columns.get(column);
            return index == null ? "" : cells.get(index);
        }

        /** The cell of {@code column} as an int ({@link InputSyntax#integer}). */
        int getInt(String column) {
            return parse(column, value -> (int) InputSyntax.integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }

        /**
         * The cell of {@code column} as a count or similar whole number: an integer, or a plain
         * decimal with only zeros after the point ("3.0"), in {@code min..max} ({@link InputSyntax#wholeNumber}).
         */
        long getWholeNumber(String column, long min, long max) {
            return parse(column, value -> InputSyntax.wholeNumber(value, min, max));
        }

        /** The cell of {@code column} as a plain decimal number ({@link InputSyntax#number}). */
        double getNumber(String column) {
            return parse(column, InputSyntax::number);
        }

        /** The cell of {@code column} as an exact plain decimal ({@link InputSyntax#decimal}). */
        BigDecimal getDecimal(String column) {
            return parse(column, InputSyntax::decimal);
        }

        /**
         * The cell of {@code column} as an ISO date (yyyy-MM-dd, {@link InputSyntax#date}), or null when
         * the cell is blank and {@code blankAllowed}.
         */
        LocalDate getDate(String column, boolean blankAllowed) {
            if (blankAllowed && get(column).isEmpty()) {
                return null;
            }
            return parse(column, InputSyntax::date);
        }

        /** The cell of {@code column} read by {@code parser}, a value it refuses reported at this row. */
        private <T> T parse(String column, Function<String, T> parser) {
            String value = get(column);
            try {
                return parser.apply(value);
            } catch (InputSyntax.Invalid e) {
                throw error(column, value, e.reason());
            }
        }

        /** An input error at this row. */
        InputException error(String column, String value, String reason) {
            return InputException.badValue(input.name, line, column, value, reason);
        }
    }

    private static final Pattern SYNTAX_ERROR_LINE =
            Pattern.compile("\\(startline (\\d{1,18})\\)|at line: (\\d{1,18})");

    private final String name;
    private final Delimiter delimiter;
    private final boolean header;
    private final Map<String, Integer> columns = new HashMap<>();
    private int width;

    private CsvInput(String name, Delimiter delimiter, boolean header) {
        this.name = name;
        this.delimiter = delimiter;
        this.header = header;
    }

    /**
     * The input named {@code file} (a path, or {@code -} for standard input) with the given delimiter
     * (the command's {@code --delimiter}), with or without a header row ({@code --no-header}); see
     * {@link InputFormat}.
     */
    static CsvInput of(String file, Delimiter delimiter, boolean header) {
        return new CsvInput(file, delimiter, header);
    }

    /** Whether the file's first record is a header row naming the columns (else they are named 1, 2, ...). */
    boolean hasHeader() {
        return header;
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
     * @throws InputException if the file cannot be read, is not UTF-8 text, is empty, is not delimited
     *     text, or has a record whose number of cells differs from the header's
     */
    void read(Consumer<List<String>> onHeader, Consumer<Row> action) {
        read(onHeader, action, Progress.onStandardError(name));
    }

    /** Reads every record as {@link #read(Consumer, Consumer)} does, counting them in {@code progress}. */
    void read(Consumer<List<String>> onHeader, Consumer<Row> action, Progress progress) {
        Records records = new Records(onHeader, action, progress);
        try (Utf8Reader reader = open()) {
            if (delimiter == Delimiter.WHITESPACE) {
                readWhitespace(reader, records);
            } else {
                readCsv(reader, records);
            }
            records.finish();
            progress.finish();
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new InputException(name + ": cannot be read: permission denied");
        } catch (IOException e) {
            throw new InputException(name + ": cannot be read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new InputException(name + ": cannot be read: " + e.getCause().getMessage());
        }
    }

    private void readCsv(Utf8Reader reader, Records records) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter == Delimiter.TAB ? '\t' : ',')
                .setTrim(true).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Iterator<CSVRecord> iterator = parser.iterator();
            long linesRead = 0;
            while (true) {
                CSVRecord record;
                try {
                    if (!iterator.hasNext()) {
                        break;
                    }
                    record = iterator.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    if (e.getCause() instanceof CSVException) {
                        throw new InputException(name + ":" + syntaxErrorLine(e.getCause().getMessage(), linesRead + 1)
                                + ": is not valid CSV: a quoted value must end with a quote followed by the delimiter "
                                + "or the end of the line, and a quote inside it is written twice (\"\")");
                    }
                    throw e;
                }
                linesRead = parser.getCurrentLineNumber();
                records.accept(Arrays.asList(record.values()), reader.lineOf(record.getCharacterPosition()));
            }
        }
    }

    /**
     * The line Commons CSV names in the message of a syntax error ("(startline 2) EOF reached ...",
     * "... at line: 2, position: 10"), or {@code fallback}, the line after the last record read.
     */
    private static long syntaxErrorLine(String message, long fallback) {
        Matcher line = SYNTAX_ERROR_LINE.matcher(message == null ? "" : message);
        return line.find() ? Long.parseLong(line.group(1) != null ? line.group(1) : line.group(2)) : fallback;
    }

    private void readWhitespace(Reader reader, Records records) throws IOException {
        BufferedReader lines = new BufferedReader(reader, 1 << 16);
        long number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            List<String> cells = splitOnBlanks(line);
            if (!cells.isEmpty()) {
                records.accept(cells, number);
            }
        }
    }

    /**
     * The cells of a line of blank-separated values, none for a blank line: what {@code
     * line.strip().split("\\s+")} gives, without compiling a regular expression for every line.
     */
    static List<String> splitOnBlanks(String line) {
        char[] text = line.toCharArray(); // indexed directly: this loop runs for every character of a file
        int start = 0;
        int end = text.length;
        while (start < end && Character.isWhitespace(text[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(text[end - 1])) {
            end--;
        }
        List<String> cells = new ArrayList<>();
        while (start < end) {
            int cellEnd = start + 1;
            while (cellEnd < end && !isBlank(text[cellEnd])) {
                cellEnd++;
            }
            cells.add(new String(text, start, cellEnd - start));
            start = cellEnd + 1;
            while (start < end && isBlank(text[start])) {
                start++;
            }
        }
        return cells;
    }

    /** Whether {@code c} separates cells: one of the characters that {@code \s} matches in a regular expression. */
    private static boolean isBlank(char c) {
        return c <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r');
    }

    /** Takes the records in order: the first names the columns (and is skipped if it is the header). */
    private final class Records {
        private final Consumer<List<String>> onHeader;
        private final Consumer<Row> action;
        private final Progress progress;
        private boolean named;

        Records(Consumer<List<String>> onHeader, Consumer<Row> action, Progress progress) {
            this.onHeader = onHeader;
            this.action = action;
            this.progress = progress;
        }

        void accept(List<String> cells, long line) {
            if (!named) {
                named = true;
                resolveHeader(cells, onHeader);
                if (header) {
                    return;
                }
            }
            if (cells.size() != width) {
                if (cells.size() == 1 && cells.get(0).isEmpty()) {
                    return; // a line of blanks
                }
                String expected = header ? "the header has " + width + " " + InputSyntax.list(names())
                        : "the first record has " + width;
                String hint = cells.size() > width && delimiter == Delimiter.COMMA
                        ? " (quote a value that holds a comma, such as \"1,234.00\", or write it without one)" : "";
                throw new InputException(name + ":" + line + ": has " + cells.size()
                        + (cells.size() == 1 ? " cell, " : " cells, ") + expected
                        + ": every record needs one cell per column" + hint);
            }
            action.accept(new Row(CsvInput.this, cells, line));
            progress.record();
        }

        /** Fails on a file without any record: it has no header row either. */
        void finish() {
            if (!named) {
                throw new InputException(name + ": is empty: " + (header ? "a header row naming the columns is expected"
                        : "records are expected"));
            }
        }
    }

    private List<String> names() {
        String[] names = new String[width];
        columns.forEach((column, index) -> names[index] = column);
        return List.of(names);
    }


    /** Names the columns from the header row, or by position from the first record. */
    private void resolveHeader(List<String> firstRecord, Consumer<List<String>> onHeader) {
        if (header && firstRecord.size() == 1 && delimiter != Delimiter.WHITESPACE) {
            checkSeparator(firstRecord.get(0));
        }
        if (header && firstRecord.stream().allMatch(CsvInput::looksLikeData)) {
            throw headerError("the first line " + InputSyntax.quote(String.join(delimiter == Delimiter.TAB ? "\t"
                    : delimiter == Delimiter.COMMA ? "," : " ", firstRecord)) + " is numbers or dates, not a header "
                    + "naming the columns: add a header row, or give --no-header to read every line as data (the "
                    + "columns are then named by position, 1, 2, ...)");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < firstRecord.size(); i++) {
            String column = header ? firstRecord.get(i) : Integer.toString(i + 1);
            if (columns.putIfAbsent(column, i) != null) {
                throw headerError("column " + InputSyntax.quote(column) + " appears twice in the header");
            }
            names.add(column);
        }
        width = names.size();
        onHeader.accept(names);
    }

    /** Whether a header cell is a number or a date, as data is and column names are not. */
    private static boolean looksLikeData(String cell) {
        if (cell.isEmpty()) {
            return false;
        }
        try {
            InputSyntax.number(cell);
            return true;
        } catch (InputSyntax.Invalid notNumber) {
            try {
                InputSyntax.date(cell);
                return true;
            } catch (InputSyntax.Invalid notDate) {
                return false;
            }
        }
    }

    /** Fails on a header of one column that another separator would split, such as "id;score". */
    private void checkSeparator(String only) {
        String separators = delimiter == Delimiter.TAB ? ",;|" : "\t;|";
        for (char separator : separators.toCharArray()) {
            if (only.indexOf(separator) >= 0) {
                String named = separator == '\t' ? "tabs" : "'" + separator + "'";
                throw headerError("the header " + InputSyntax.quote(only)
                        + " is one column: the file seems separated by " + named + ", and this command reads "
                        + (delimiter == Delimiter.TAB ? "tab" : "comma") + "-separated files"
                        + " (see --delimiter)");
            }
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
                throw headerError("column " + InputSyntax.quote(column) + " not found; the columns are "
                        + InputSyntax.list(header));
            }
        }
    }

    /** An error about the file's header (its first line). */
    InputException headerError(String message) {
        return new InputException(name + ":1: " + message);
    }

    private Utf8Reader open() throws IOException {
        if (name.equals("-")) {
            return new Utf8Reader(new InputStream() {
                // standard input stays open for the process
                @Override
                public int read() throws IOException {
                    return System.in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return System.in.read(buffer, offset, length);
                }
            }, name, delimiter != Delimiter.WHITESPACE);
        }
        Path path;
        try {
            path = Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw new InputException(name + ": is not a valid file name");
        }
        if (Files.isDirectory(path)) {
            throw new InputException(name + ": is a directory, not a file");
        }
        return new Utf8Reader(Files.newInputStream(path), name, delimiter != Delimiter.WHITESPACE);
    }
}
