package org.loyaltymetrics.examples.cli;

import picocli.CommandLine.Option;

/**
 * How an input file is laid out: the {@code --delimiter} and {@code --no-header} options, the same on
 * every command that reads a file. Without a header row the columns are named by their 1-based
 * position, so that a column option takes {@code 1}, {@code 2}, ... instead of a name.
 */
final class InputFormat {

    @Option(names = "--delimiter", paramLabel = "DELIMITER", defaultValue = "comma",
            converter = CsvInput.Delimiter.Converter.class,
            description = "comma, tab or whitespace (runs of blanks, as in the CDNOW files) (default: ${DEFAULT-VALUE}).")
    CsvInput.Delimiter delimiter = CsvInput.Delimiter.COMMA;

    @Option(names = "--no-header", description = "The file has no header row: its columns are named by position, "
            + "1, 2, ... (a first line of numbers or dates is refused as a header unless this is given).")
    boolean noHeader;

    /** The input named {@code file} (a path, or {@code -} for standard input) laid out as the options say. */
    CsvInput open(String file) {
        return CsvInput.of(file, delimiter, !noHeader);
    }
}
