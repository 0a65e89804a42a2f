package org.loyaltymetrics.examples.cli;

/**
 * Bad input found while reading a file: reported on one line that names the file, the line, the
 * column and the value, and ends the command with exit status 2.
 */
final class InputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InputException(String message) {
        super(message);
    }

    /**
     * A bad value: {@code FILE:LINE: column 'COLUMN': value 'VALUE' REASON}, the column and the value
     * quoted by {@link InputSyntax#quote} (a long value cut, control characters escaped).
     */
    static InputException badValue(String file, long line, String column, String value, String reason) {
        return new InputException(file + ":" + line + ": column " + InputSyntax.quote(column) + ": value "
                + InputSyntax.quote(value) + " " + reason);
    }
}
