package org.loyaltymetrics.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.loyaltymetrics.table.Table;

/** Renders results as a readable table or as JSON (Jackson). */
final class Printer {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Printer() {
    }

    /** The output formats. */
    enum Format {
        TABLE, JSON
    }

    /** One result as JSON: an object of its figures. */
    static String json(Figures figures) {
        return toJson(figures.asMap());
    }

    /** Grouped results as JSON: {@code {"<listName>": [{"<keyName>": key, <figures>}, ...]}}. */
    static String json(String listName, String keyName, Map<String, Figures> groups) {
        List<Map<String, Object>> list = new ArrayList<>();
        groups.forEach((key, figures) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(keyName, key);
            entry.putAll(figures.asMap());
            list.add(entry);
        });
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(listName, list);
        return toJson(root);
    }

    /** Any tree of maps, lists and values as indented JSON. */
    static String toJson(Object tree) {
        try {
            return JSON.writeValueAsString(tree) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * Results as a table: a title line, then one row per group (the first column the key, headed
     * {@code keyName}) with one column per figure.
     */
    static String table(String title, String keyName, Map<String, Figures> groups) {
        List<String> headers = new ArrayList<>();
        if (keyName != null) {
            headers.add(keyName);
        }
        List<List<String>> rows = new ArrayList<>();
        groups.forEach((key, figures) -> {
            if (headers.size() <= (keyName != null ? 1 : 0)) {
                headers.addAll(figures.asMap().keySet());
            }
            List<String> row = new ArrayList<>();
            if (keyName != null) {
                row.add(key);
            }
            figures.asMap().values().forEach(value -> row.add(format(value)));
            rows.add(row);
        });
        return table(title, headers, rows, keyName != null ? 1 : 0).toText();
    }

    /**
     * A {@link Table} with a title: the first {@code textColumns} columns left-aligned text, the others
     * right-aligned figures. The library's one renderer draws it ({@link Table#toText()}).
     */
    static Table table(String title, List<String> headers, List<List<String>> rows, int textColumns) {
        Table.Builder table = Table.builder().title(title);
        for (int i = 0; i < headers.size(); i++) {
            table.column(headers.get(i), i < textColumns ? Table.Alignment.LEFT : Table.Alignment.RIGHT);
        }
        rows.forEach(row -> table.row(row.toArray()));
        return table.build();
    }

    /** A table without a title, as text: see {@link #table(String, List, List, int)}. */
    static String grid(List<String> headers, List<List<String>> rows, int textColumns) {
        return table("", headers, rows, textColumns).toText();
    }

    /** A table as text, its title (if any) above it, lines ended as the platform ends them. */
    static String text(Table table) {
        return table.toText().replace("\n", System.lineSeparator());
    }

    /**
     * A table as text under {@code heading} (one or more lines) instead of its own title, lines ended as
     * the platform ends them.
     */
    static String text(Table table, String heading) {
        Table.Builder untitled = Table.builder();
        for (int c = 0; c < table.columnCount(); c++) {
            untitled.column(table.headers().get(c), table.alignments().get(c));
        }
        table.rows().forEach(row -> untitled.row(row.toArray()));
        return heading + System.lineSeparator() + text(untitled.build());
    }

    /**
     * A table as CSV ({@link Table#toCsv()}: the header, one record per row, undefined cells empty) with
     * its lines ended by {@code '\n'}, as the tool's CSV output has always been.
     */
    static String csv(Table table) {
        return table.toCsv().replace("\r\n", "\n");
    }

    /** A figure for a table: counts as they are, numbers with up to four decimals, undefined as "undefined". */
    static String format(Object value) {
        if (value == null) {
            return "undefined";
        }
        if (value instanceof java.math.BigDecimal) {
            return ((java.math.BigDecimal) value).toPlainString();
        }
        if (value instanceof Double) {
            String text = String.format(Locale.ROOT, "%.4f", (Double) value);
            text = text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
            return text.equals("-0") ? "0" : text;
        }
        return String.valueOf(value);
    }
}
