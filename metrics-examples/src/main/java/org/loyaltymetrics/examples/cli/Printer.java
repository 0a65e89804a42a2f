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

    /** Jackson's mapper, made (and Jackson loaded) by the first command that writes JSON, not at start-up. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

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
            return Json.MAPPER.writeValueAsString(tree) + System.lineSeparator();
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
        List<List<Object>> rows = new ArrayList<>();
        groups.forEach((key, figures) -> {
            if (headers.size() <= (keyName != null ? 1 : 0)) {
                figures.asMap().keySet().forEach(name -> headers.add(words(name)));
            }
            List<Object> row = new ArrayList<>();
            if (keyName != null) {
                row.add(key);
            }
            row.addAll(figures.asMap().values());
            rows.add(row);
        });
        return table(title, headers, formatColumns(rows), keyName != null ? 1 : 0).toText();
    }

    /**
     * Rows of figures as text: each column's numbers ({@code Double}s) written with the same number of
     * decimals, the most that any of them needs up to four, so that their decimal points line up
     * ({@code 15.5360} over {@code 31.1484}); other values as {@link #format(Object)} writes them.
     */
    static List<List<String>> formatColumns(List<? extends List<?>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] decimals = new int[columns];
        for (List<?> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                if (row.get(c) instanceof Double number) {
                    decimals[c] = Math.max(decimals[c], decimalsNeeded(number));
                }
            }
        }
        List<List<String>> text = new ArrayList<>();
        for (List<?> row : rows) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < row.size(); c++) {
                Object value = row.get(c);
                cells.add(value instanceof Double number ? fixed(number, decimals[c]) : format(value));
            }
            text.add(cells);
        }
        return text;
    }

    /** The decimals {@code value} needs with at most four: 0 for 25.0, 3 for 15.536, 4 for 31.14836. */
    private static int decimalsNeeded(double value) {
        if (!Double.isFinite(value)) {
            return 0;
        }
        String text = fixed(value, 4);
        int point = text.indexOf('.');
        int end = text.length();
        while (end > point + 1 && text.charAt(end - 1) == '0') {
            end--;
        }
        return end - point - 1;
    }

    /** {@code value} with exactly {@code decimals} decimals (rounded half up, as {@link String#format} does), never "-0". */
    private static String fixed(double value, int decimals) {
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return text.startsWith("-") && text.chars().noneMatch(ch -> ch >= '1' && ch <= '9') ? text.substring(1) : text;
    }

    /** Acronyms among the words of the JSON keys, written in capitals in a table's header. */
    private static final Map<String, String> ACRONYMS = Map.of("nps", "NPS", "csat", "CSAT", "clv", "CLV", "ltv", "LTV",
            "cac", "CAC", "saas", "SaaS", "mrr", "MRR", "grr", "GRR", "nrr", "NRR");

    /**
     * A JSON key as the header of a table column, in the words of the library's own tables:
     * {@code customersAtStart} is "customers at start", {@code saasLtv} "SaaS LTV".
     */
    static String words(String key) {
        List<String> words = new ArrayList<>();
        for (String word : key.split("(?<=[a-z0-9])(?=[A-Z])")) {
            String lower = word.toLowerCase(Locale.ROOT);
            words.add(ACRONYMS.getOrDefault(lower, lower));
        }
        return String.join(" ", words);
    }

    /** A cell of CSV: as it is, or quoted (quotes doubled) when it holds a comma, a quote or a line break. */
    static String csvCell(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** The input named in a title: the file as given, or "standard input" for {@code -}. */
    static String source(String file) {
        return file.equals("-") ? "standard input" : file;
    }

    /** {@code count} and the noun, plural unless the count is 1: "1 customer", "2 customers". */
    static String plural(long count, String noun) {
        return plural(count, noun, noun + "s");
    }

    /** {@code count} and the singular or the plural noun: "1 repeat purchase day", "0 entries". */
    static String plural(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
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
