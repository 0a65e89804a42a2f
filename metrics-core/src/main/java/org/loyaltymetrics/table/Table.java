package org.loyaltymetrics.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;

/**
 * A table of text cells with named, aligned columns and an optional title: the one rendering
 * facility of the library. Tabular results (a cohort grid, a model's fit report, an excerpt of an RFM
 * summary, a survey breakdown) return one from {@link Tabular#toTable()}; the command line, the demo
 * report and notebooks print it with {@link #toText()}, or write it with {@link #toCsv()} or
 * {@link #toMarkdown()}.
 *
 * <p>A cell is text, or {@code null} for a figure that is undefined on its data (a rate of an empty
 * cohort): {@link #toText()} shows it as {@value #UNDEFINED_TEXT}, CSV leaves it empty. Number
 * columns are right-aligned.
 *
 * <p>This class is immutable and thread-safe; build one with {@link #builder()}.
 */
public final class Table {

    /** How {@link #toText()} and {@link #toMarkdown()} show an undefined cell. */
    public static final String UNDEFINED_TEXT = "-";

    /** The alignment of a column's cells. */
    public enum Alignment {
        /** Text: cells start at the column's left edge. */
        LEFT,
        /** Numbers: cells end at the column's right edge. */
        RIGHT
    }

    private final String title;
    private final List<String> headers;
    private final List<Alignment> alignments;
    private final List<List<String>> rows;

    private Table(Builder builder) {
        this.title = builder.title;
        this.headers = List.copyOf(builder.headers);
        this.alignments = List.copyOf(builder.alignments);
        List<List<String>> copy = new ArrayList<>(builder.rows.size());
        for (String[] row : builder.rows) {
            copy.add(Collections.unmodifiableList(Arrays.asList(row.clone())));
        }
        this.rows = Collections.unmodifiableList(copy);
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The title printed above the table, or the empty string. */
    public String title() {
        return title;
    }

    /** The column headers, left to right. */
    public List<String> headers() {
        return headers;
    }

    /** The alignment of each column. */
    public List<Alignment> alignments() {
        return alignments;
    }

    /** The number of columns. */
    public int columnCount() {
        return headers.size();
    }

    /** The number of rows below the header. */
    public int rowCount() {
        return rows.size();
    }

    /** The rows, each a list of one cell per column ({@code null} where undefined). */
    public List<List<String>> rows() {
        return rows;
    }

    /**
     * The cell of {@code row} and {@code column} (both from 0), or {@code null} where undefined.
     *
     * @throws IndexOutOfBoundsException if either is out of range
     */
    public String cell(int row, int column) {
        return rows.get(row).get(column);
    }

    /**
     * The table as aligned plain text: the title (if any), the header, a rule of dashes, one line per
     * row; columns two spaces apart, trailing spaces trimmed, every line ended by {@code '\n'}.
     */
    public String toText() {
        int columns = headers.size();
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], text(row.get(c)).length());
            }
        }
        StringBuilder out = new StringBuilder();
        if (!title.isEmpty()) {
            out.append(title).append('\n');
        }
        appendLine(out, headers, widths);
        int ruleWidth = Arrays.stream(widths).sum() + 2 * (columns - 1);
        out.append("-".repeat(ruleWidth)).append('\n');
        for (List<String> row : rows) {
            appendLine(out, row, widths);
        }
        return out.toString();
    }

    private void appendLine(StringBuilder out, List<String> cells, int[] widths) {
        for (int c = 0; c < widths.length; c++) {
            if (c > 0) {
                out.append("  ");
            }
            String cell = text(cells.get(c));
            String pad = " ".repeat(widths[c] - cell.length());
            out.append(alignments.get(c) == Alignment.RIGHT ? pad + cell : cell + pad);
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }

    /**
     * The table as CSV (RFC 4180): the header and one record per row, cells quoted where they hold a
     * comma, a quote or a line break, undefined cells empty, lines ended by {@code "\r\n"}; no title.
     */
    public String toCsv() {
        StringBuilder out = new StringBuilder();
        appendCsv(out, headers);
        for (List<String> row : rows) {
            appendCsv(out, row);
        }
        return out.toString();
    }

    private static void appendCsv(StringBuilder out, List<String> cells) {
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                out.append(',');
            }
            String cell = cells.get(c) == null ? "" : cells.get(c);
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                out.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                out.append(cell);
            }
        }
        out.append("\r\n");
    }

    /**
     * The table as a GitHub-flavoured Markdown table, number columns right-aligned, the title (if any)
     * as a paragraph above it; {@code |} in a cell is escaped.
     */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        if (!title.isEmpty()) {
            out.append(title).append("\n\n");
        }
        appendMarkdown(out, headers);
        out.append('|');
        for (Alignment alignment : alignments) {
            out.append(alignment == Alignment.RIGHT ? " ---: |" : " --- |");
        }
        out.append('\n');
        for (List<String> row : rows) {
            appendMarkdown(out, row);
        }
        return out.toString();
    }

    private static void appendMarkdown(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(text(cell).replace("|", "\\|")).append(" |");
        }
        out.append('\n');
    }

    private static String text(String cell) {
        return cell == null ? UNDEFINED_TEXT : cell;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Table && ((Table) o).title.equals(title) && ((Table) o).headers.equals(headers)
                && ((Table) o).alignments.equals(alignments) && ((Table) o).rows.equals(rows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, headers, alignments, rows);
    }

    /** Reads, e.g., {@code "Table 'Cohorts' of 12 rows: cohort, size, 0, 1, 2"}; {@link #toText()} renders it. */
    @Override
    public String toString() {
        return "Table " + (title.isEmpty() ? "" : "'" + title + "' ") + "of " + rows.size() + " rows: "
                + String.join(", ", headers);
    }

    /**
     * Builds a {@link Table}: columns first, then rows. Not thread-safe.
     */
    public static final class Builder {

        private String title = "";
        private final List<String> headers = new ArrayList<>();
        private final List<Alignment> alignments = new ArrayList<>();
        private final List<String[]> rows = new ArrayList<>();

        private Builder() {
        }

        /** Sets the title printed above the table (no line breaks). */
        public Builder title(String title) {
            Checks.notNull(title, "title");
            if (title.indexOf('\n') >= 0 || title.indexOf('\r') >= 0) {
                throw InvalidArgumentException.of("title", "one line", "'" + title + "'");
            }
            this.title = title;
            return this;
        }

        /** Adds a left-aligned column of text. */
        public Builder column(String header) {
            return column(header, Alignment.LEFT);
        }

        /** Adds a right-aligned column of numbers. */
        public Builder numberColumn(String header) {
            return column(header, Alignment.RIGHT);
        }

        /**
         * Adds a column.
         *
         * @throws IllegalStateException if rows were added already
         */
        public Builder column(String header, Alignment alignment) {
            Checks.notNull(header, "header");
            Checks.notNull(alignment, "alignment");
            if (!rows.isEmpty()) {
                throw new IllegalStateException("columns must be added before the first row");
            }
            headers.add(header);
            alignments.add(alignment);
            return this;
        }

        /**
         * Adds a row of one cell per column; {@code String.valueOf} makes each cell's text, and a
         * {@code null} cell is undefined.
         *
         * @throws InvalidArgumentException if there is not one cell per column
         */
        public Builder row(Object... cells) {
            Checks.notNull(cells, "cells");
            if (cells.length != headers.size()) {
                throw InvalidArgumentException.of("cells", "one cell per column (" + headers.size() + ")",
                        cells.length + " cells");
            }
            String[] text = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                text[i] = cells[i] == null ? null : String.valueOf(cells[i]);
            }
            rows.add(text);
            return this;
        }

        /**
         * The table.
         *
         * @throws IllegalStateException if it has no column
         */
        public Table build() {
            if (headers.isEmpty()) {
                throw new IllegalStateException("a table needs at least one column");
            }
            return new Table(this);
        }
    }
}
