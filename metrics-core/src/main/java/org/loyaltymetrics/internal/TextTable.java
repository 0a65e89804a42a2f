package org.loyaltymetrics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.loyaltymetrics.UndefinedResultException;

/**
 * A plain-text grid for the {@code toString()} of tabular values: a header row, a rule and aligned
 * columns. Columns whose cells are all numbers (or "-") are right-aligned, others left-aligned.
 */
public final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    /** A table with the given column headers. */
    public TextTable(String... headers) {
        this.columns = headers.length;
        rows.add(headers.clone());
    }

    /** Appends a row with one cell per column. */
    public TextTable row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("cells must have " + columns + " entries, had " + cells.length);
        }
        String[] text = new String[columns];
        for (int i = 0; i < columns; i++) {
            text[i] = String.valueOf(cells[i]);
        }
        rows.add(text);
        return this;
    }

    /** A figure with four decimals, or "-" when the library reports it undefined. */
    public static String figure(DoubleSupplier value) {
        try {
            return Formatting.decimal(value.getAsDouble(), 4);
        } catch (UndefinedResultException undefined) {
            return "-";
        }
    }

    /** A change with its sign and four decimals, e.g. "+4.4004". */
    public static String signed(double value) {
        return (value >= 0 ? "+" : "") + Formatting.decimal(value, 4);
    }

    @Override
    public String toString() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        boolean[] numeric = new boolean[columns];
        for (int i = 0; i < columns; i++) {
            numeric[i] = rows.size() > 1;
            for (int r = 1; r < rows.size(); r++) {
                numeric[i] &= isNumber(rows.get(r)[i]);
            }
        }
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int i = 0; i < columns; i++) {
                if (i > 0) {
                    text.append("  ");
                }
                String pad = " ".repeat(widths[i] - row[i].length());
                text.append(numeric[i] ? pad + row[i] : row[i] + pad);
            }
            trimEnd(text);
            text.append('\n');
            if (r == 0) {
                int width = 0;
                for (int w : widths) {
                    width += w;
                }
                text.append("-".repeat(width + 2 * (columns - 1))).append('\n');
            }
        }
        return text.toString();
    }

    private static boolean isNumber(String cell) {
        return cell.equals("-") || cell.matches("[-+]?[0-9][0-9,]*(\\.[0-9]+)?%?");
    }

    private static void trimEnd(StringBuilder text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        text.setLength(end);
    }
}
