package org.loyaltymetrics.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltymetrics.examples.cli.LoyaltyMetricsCommandTest.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltymetrics.examples.cli.LoyaltyMetricsCommandTest.Run;

/**
 * The command line under hostile input: a sweep of every command that reads a file, and of standard
 * input, over files made malformed in every way the issue names and more (extra and missing cells,
 * numbers that are not plain decimals, bad dates, huge cells, Latin-1, UTF-16 and binary data, NUL and
 * control characters, broken quotes, another separator, empty files), each of which must stop the
 * command with exit status 2, nothing on standard output and exactly one line on standard error that
 * names the file and line (and column) and says what was wrong, never a stack trace; and over what must
 * still be read as before (a byte-order mark, CRLF or CR line ends, blank lines).
 *
 * <p>Each reader starts from a baseline file it reads cleanly (checked first), and each fault is
 * applied to it. The default sweep tries five bad literals a numeric column and four a date column,
 * and a 2,000,000-character cell in the first parsed column (about 650 runs of about 15 ms each), and
 * checks the fits and charts against a byte-order mark only; {@code -Dsweep=release} tries every bad
 * literal and the huge cell on every parsed column, and every allowed variant on every reader.
 * The cases of issue 10 themselves, with their exact messages, are in {@link HostileCasesTest}.
 */
class HostileInputTest {

    private static final boolean RELEASE = "release".equals(System.getProperty("sweep"));

    /** How a reader parses a column: the bad values to try on it, the default sweep's first. */
    enum Kind {
        INTEGER("30.43d", "0x1p3", "NaN", "1e3", "+-1", "\u0661\u0662", "Infinity", "12abc", "3.5", "1,234"),
        NUMBER("30.43d", "0x1p3", "NaN", "1e3", "+-1", "\u0661\u0662", "Infinity", "-Infinity", "1e999", "1.2.3",
                "12abc", "1,234.00"),
        DATE("2025-13-01", "+10000-01-01", "2025/01/05", "05-01-2025", "20250105", "2025-01-05x", "\u0662025-01-05"),
        MONTH("2025-13", "+10000-01", "January", "2025/01"),
        COMPACT_DATE("19971301", "1997-01-01", "+1997010");

        final List<String> bad;

        Kind(String... bad) {
            this.bad = List.of(bad);
        }

        List<String> sweep() {
            return RELEASE ? bad : bad.subList(0, Math.min(bad.size(), this == NUMBER || this == INTEGER ? 5 : 4));
        }
    }

    /**
     * One command reading one file: a name, the arguments with {@code FILE} where the file goes (and
     * {@code PNG} for a chart's output), a baseline it reads cleanly, its separator (',', '\t' or ' '
     * for runs of blanks) and whether it has a header row, and the columns it parses.
     */
    record Reader(String name, List<String> args, String baseline, char separator, boolean header,
            Map<String, Kind> parsed) {

        boolean csv() {
            return separator != ' ';
        }

        List<String> lines() {
            return List.of(baseline.split("\n"));
        }

        List<String> cells(String line) {
            return csv() ? new ArrayList<>(Arrays.asList(line.split(String.valueOf(separator), -1)))
                    : new ArrayList<>(Arrays.asList(line.strip().split(" +")));
        }

        String join(List<String> cells) {
            return String.join(String.valueOf(separator), cells);
        }

        int width() {
            return cells(lines().get(0)).size();
        }

        /** The 0-based position of {@code column} (a name, or a 1-based position without a header). */
        int index(String column) {
            return header ? cells(lines().get(0)).indexOf(column) : Integer.parseInt(column) - 1;
        }

        /** The baseline with line {@code number} (1-based) replaced. */
        String withLine(int number, String line) {
            List<String> lines = new ArrayList<>(lines());
            lines.set(number - 1, line);
            return String.join("\n", lines) + "\n";
        }

        /** The baseline with the cell of {@code column} on line 2 set to {@code value}. */
        String withCell(String column, String value) {
            List<String> cells = cells(lines().get(1));
            cells.set(index(column), value);
            return withLine(2, join(cells));
        }
    }

    /** A fault: its name, the file's bytes (made when the test runs), and the start of the line on standard error. */
    record Fault(String name, Supplier<byte[]> bytes, String expectedStart) {
    }

    @TempDir
    Path dir;

    private static final String CUSTOMERS = "customer_id,start_date,end_date\nA,2024-06-01,\nB,2024-06-01,2025-01-15\n"
            + "C,2025-01-10,\nD,2025-02-01,2025-02-20\n";
    private static final String EVENTS = "user_id,date\nu1,2025-01-05\nu2,2025-02-01\nu1,2025-03-02\nu3,2025-03-09\n";
    private static final String SURVIVORS = "year,alive\n0,1000\n1,631\n2,468\n3,382\n4,326\n5,289\n6,262\n7,241\n";
    private static final String DONATIONS = "frequency,recency,periods,weights\n0,0,6,3464\n1,1,6,1091\n1,2,6,277\n"
            + "1,3,6,129\n1,4,6,78\n1,5,6,119\n1,6,6,129\n2,2,6,613\n2,3,6,255\n2,4,6,155\n2,5,6,173\n2,6,6,234\n"
            + "3,3,6,322\n3,4,6,181\n3,5,6,225\n3,6,6,357\n4,4,6,240\n4,5,6,284\n4,6,6,512\n5,5,6,335\n5,6,6,728\n"
            + "6,6,6,1203\n";

    /** The CDNOW summary bundled for the demo: ID,x,t_x,T,zbar in weeks. */
    private static String cdnow() {
        try (InputStream in = HostileInputTest.class.getResourceAsStream("/demo/cdnow-customers.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Reader> readers() {
        String cdnow = cdnow();
        return List.of(
                new Reader("nps", List.of("nps", "FILE"), "id,segment,score\n1,a,9\n2,b,10\n3,a,0\n4,b,7\n", ',', true,
                        Map.of("score", Kind.INTEGER)),
                new Reader("nps --by", List.of("nps", "FILE", "--by", "segment", "--format", "json"),
                        "id,segment,score\n1,a,9\n2,b,10\n3,a,0\n4,b,7\n", ',', true, Map.of("score", Kind.INTEGER)),
                new Reader("csat", List.of("csat", "FILE", "--column", "rating"), "rating\n4\n5\n1\n", ',', true,
                        Map.of("rating", Kind.INTEGER)),
                new Reader("ces", List.of("ces", "FILE", "--by", "team"), "score,team\n7,a\n5,b\n2,b\n", ',', true,
                        Map.of("score", Kind.INTEGER)),
                new Reader("churn", List.of("churn", "FILE", "--from", "2025-01-01", "--to", "2025-02-28"), CUSTOMERS,
                        ',', true, Map.of("start_date", Kind.DATE, "end_date", Kind.DATE)),
                new Reader("churn --by-period", List.of("churn", "FILE", "--from", "2025-01-01", "--to", "2025-02-28",
                        "--by-period", "week", "--format", "json"), CUSTOMERS, ',', true,
                        Map.of("start_date", Kind.DATE)),
                new Reader("survival", List.of("survival", "FILE", "--as-of", "2025-06-01", "--unit", "week"),
                        CUSTOMERS, ',', true, Map.of("start_date", Kind.DATE, "end_date", Kind.DATE)),
                new Reader("cohorts", List.of("cohorts", "FILE", "--period", "week"), EVENTS, ',', true,
                        Map.of("date", Kind.DATE)),
                new Reader("mrr", List.of("mrr", "FILE", "--format", "json"),
                        "account_id,month,mrr\nA,2025-01,100\nA,2025-02,120.00\nB,2025-02,30\nB,2025-03,10\n", ',',
                        true, Map.of("month", Kind.MONTH, "mrr", Kind.NUMBER)),
                new Reader("rfm", List.of("rfm", "FILE", "--end", "2025-02-28"),
                        "customer_id,date,amount\nalice,2025-01-01,10.00\nalice,2025-01-15,20\nbob,2025-01-03,7\n", ',',
                        true, Map.of("date", Kind.DATE, "amount", Kind.NUMBER)),
                new Reader("rfm --delimiter tab", List.of("rfm", "FILE", "--end", "2025-02-28", "--delimiter", "tab"),
                        "customer_id\tdate\tamount\nalice\t2025-01-01\t10.00\nalice\t2025-01-15\t20\n"
                                + "bob\t2025-01-03\t7\n",
                        '\t', true, Map.of("date", Kind.DATE, "amount", Kind.NUMBER)),
                new Reader("rfm --delimiter whitespace --no-header", List.of("rfm", "FILE", "--delimiter",
                        "whitespace", "--no-header", "--id-column", "1", "--date-column", "2", "--amount-column", "4",
                        "--date-format", "yyyyMMdd", "--end", "1997-09-30"),
                        " 00001 19970101  1   11.77\n 00002 19970112  1   12.00\n 00002 19970301  5   77.00\n", ' ',
                        false, Map.of("2", Kind.COMPACT_DATE, "4", Kind.NUMBER)),
                new Reader("repeat", List.of("repeat", "FILE"),
                        "customer_id,date\n1,2025-05-01\n2,2025-05-02\n1,2025-05-06\n", ',', true,
                        Map.of("date", Kind.DATE)),
                new Reader("fit bgnbd", List.of("fit", "bgnbd", "FILE", "--format", "json"), cdnow, ',', true,
                        Map.of("x", Kind.INTEGER, "t_x", Kind.NUMBER, "T", Kind.NUMBER)),
                new Reader("fit gamma-gamma", List.of("fit", "gamma-gamma", "FILE", "--format", "json"), cdnow, ',',
                        true, Map.of("zbar", Kind.NUMBER)),
                new Reader("fit bgbb --weights", List.of("fit", "bgbb", "FILE", "--weights", "weights", "--format",
                        "json"), DONATIONS, ',', true, Map.of("frequency", Kind.INTEGER, "periods", Kind.INTEGER,
                                "weights", Kind.INTEGER)),
                new Reader("fit sbg", List.of("fit", "sbg", "FILE", "--predict", "3"), SURVIVORS, ',', true,
                        Map.of("year", Kind.INTEGER, "alive", Kind.INTEGER)),
                new Reader("chart nps-trend", List.of("chart", "nps-trend", "FILE", "--output", "PNG"),
                        "date,score\n2025-01-05,9\n2025-02-03,3\n2025-02-10,10\n", ',', true,
                        Map.of("date", Kind.DATE, "score", Kind.INTEGER)),
                new Reader("chart cohort-heatmap", List.of("chart", "cohort-heatmap", "FILE", "--output", "PNG"),
                        EVENTS, ',', true, Map.of("date", Kind.DATE)),
                new Reader("chart survival", List.of("chart", "survival", "FILE", "--as-of", "2025-06-01", "--output",
                        "PNG"), CUSTOMERS, ',', true, Map.of("start_date", Kind.DATE)),
                new Reader("chart sbg", List.of("chart", "sbg", "FILE", "--fit-periods", "5", "--output", "PNG"),
                        SURVIVORS, ',', true, Map.of("alive", Kind.INTEGER)),
                new Reader("programme", List.of("programme", "FILE", "--as-of", "2025-06-30", "--format", "json"),
                        "member_id,date,event,points\n1,2025-01-01,earn,10\n1,2025-01-05,burn,4\n2,2025-02-01,earn,7\n",
                        ',', true, Map.of("date", Kind.DATE, "points", Kind.INTEGER)),
                new Reader("nps on standard input", List.of("nps", "-"), "score\n9\n10\n0\n", ',', true,
                        Map.of("score", Kind.INTEGER)));
    }

    /** Every fault of {@code reader}'s baseline, with the start of the message it must give. */
    static List<Fault> faults(Reader reader, String file) {
        List<Fault> faults = new ArrayList<>();
        String line2 = reader.lines().get(1);
        int width = reader.width();
        String cells = reader.header ? "the header has " + width : "the first record has " + width;

        faults.add(fault("a record with a cell more", reader.withLine(2, line2 + reader.separator + "1"),
                file + ":2: has " + (width + 1) + " cells, " + cells));
        if (width > 1) {
            List<String> shorter = reader.cells(line2);
            shorter.remove(shorter.size() - 1);
            faults.add(fault("a record with a cell less", reader.withLine(2, reader.join(shorter)),
                    file + ":2: has " + (width - 1) + (width == 2 ? " cell, " : " cells, ") + cells));
        }
        new TreeMap<>(reader.parsed).forEach((column, kind) -> {
            String quoted = "'" + column + "'";
            for (String bad : kind.sweep()) {
                if (bad.contains(",") && reader.separator == ',') {
                    bad = "\"" + bad + "\""; // a quoted value holding the separator: one cell
                } else if (bad.contains(String.valueOf(reader.separator))) {
                    continue;
                }
                String read = bad.startsWith("\"") ? bad.substring(1, bad.length() - 1) : bad;
                faults.add(fault("column " + quoted + " holding " + bad, reader.withCell(column, bad),
                        file + ":2: column " + quoted + ": value '" + read + "' "));
            }
            if (RELEASE || column.equals(new TreeMap<>(reader.parsed).firstKey())) {
                faults.add(new Fault("column " + quoted + " holding 2,000,000 characters",
                        () -> utf8(reader.withCell(column, "9".repeat(2_000_000))), file + ":2: column " + quoted
                                + ": value '" + "9".repeat(40) + "…' (2000000 characters) "));
            }
        });
        int at = Math.min(2, line2.length());
        faults.add(fault("a Latin-1 byte", concat(reader.lines().get(0) + "\n", new byte[] {(byte) 0xE9},
                utf8(line2.substring(1) + "\n")), file + ":2:1: is not UTF-8 text (byte 0xE9"));
        faults.add(fault("a Windows-1252 quote", concat(reader.lines().get(0) + "\n" + line2.substring(0, at),
                new byte[] {(byte) 0x93}, utf8(line2.substring(at) + "\n")), file + ":2:" + (at + 1)
                        + ": is not UTF-8 text (byte 0x93"));
        faults.add(fault("UTF-16 with a byte-order mark", reader.baseline.getBytes(StandardCharsets.UTF_16),
                file + ":1:1: is UTF-16 text"));
        faults.add(fault("UTF-16LE without a byte-order mark", reader.baseline.getBytes(StandardCharsets.UTF_16LE),
                file + ":1:2: is not text: it holds the control character U+0000"));
        faults.add(fault("a NUL character", reader.withLine(2, line2.substring(0, at) + "\0" + line2.substring(at)),
                file + ":2:" + (at + 1) + ": is not text: it holds the control character U+0000"));
        faults.add(fault("a bell character", reader.withLine(2, line2.substring(0, at) + "\u0007"
                + line2.substring(at)), file + ":2:" + (at + 1)
                + ": is not text: it holds the control character U+0007"));
        byte[] binary = new byte[300];
        new Random(10).nextBytes(binary);
        faults.add(fault("binary data", binary, file + ":1:"));
        faults.add(fault("an empty file", new byte[0], file + ": is empty"));
        faults.add(fault("a byte-order mark alone", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                file + ": is empty"));
        faults.add(fault("blank lines alone", "\n\n\n", file + ": is empty"));
        // lines counted right past blank lines, CR and CRLF line ends and quoted line breaks
        String column = new TreeMap<>(reader.parsed).firstKey();
        String bad = reader.parsed.get(column).bad.get(0);
        String[] lines = reader.withCell(column, bad).split("\n");
        String badLine = String.join("\n", lines[0], "", lines[1]) + "\n";
        faults.add(fault("a bad value after a blank line", badLine, file + ":3: column '" + column + "'"));
        faults.add(fault("a bad value on CR lines", String.join("\r", lines[0], lines[1]) + "\r",
                file + ":2: column '" + column + "'"));
        faults.add(fault("a bad value after a blank CRLF line", String.join("\r\n", lines[0], "", lines[1]) + "\r\n",
                file + ":3: column '" + column + "'"));
        if (reader.csv()) {
            faults.add(fault("an unclosed quote", reader.withLine(2, "\"" + line2),
                    file + ":2: is not valid CSV: a quoted value must end with a quote"));
            List<String> afterQuote = reader.cells(line2);
            afterQuote.set(0, "\"x\"y");
            faults.add(fault("text after a closing quote", reader.withLine(2, reader.join(afterQuote)),
                    file + ":2: is not valid CSV"));
            if (width > 1) {
                faults.add(fault("another separator", reader.baseline.replace(reader.separator, ';'),
                        file + ":1: the header '" + reader.lines().get(0).replace(reader.separator, ';')
                                + "' is one column: the file seems separated by ';'"));
                String multiline = reader.withLine(3, reader.lines().get(2) + reader.separator + "\"a\nb\"");
                faults.add(fault("a quoted line break in a record with a cell more", multiline,
                        file + ":3: has " + (width + 1) + " cells"));
            }
        }
        return faults;
    }

    private static Fault fault(String name, String content, String expectedStart) {
        return new Fault(name, () -> utf8(content), expectedStart);
    }

    private static Fault fault(String name, byte[] content, String expectedStart) {
        return new Fault(name, () -> content, expectedStart);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(String first, byte[] middle, byte[] last) {
        byte[] head = utf8(first);
        byte[] all = Arrays.copyOf(head, head.length + middle.length + last.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(last, 0, all, head.length + middle.length, last.length);
        return all;
    }

    /** Runs {@code reader} on {@code bytes}, as a file or on standard input. */
    private Run runOn(Reader reader, String fileName, byte[] bytes) {
        try {
            boolean stdin = reader.args.contains("-");
            Path file = dir.resolve(fileName);
            if (!stdin) {
                Files.write(file, bytes);
            }
            Path png = dir.resolve(fileName + ".png");
            String[] args = reader.args.stream().map(a -> a.equals("FILE") ? file.toString() : a.equals("PNG")
                    ? png.toString() : a).toArray(String[]::new);
            return run(stdin ? bytes : new byte[0], args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyReaderRefusesEveryFaultWithOneClearLine() {
        List<DynamicTest> tests = new ArrayList<>();
        int[] counter = {0};
        for (Reader reader : readers()) {
            tests.add(DynamicTest.dynamicTest(reader.name + ": the baseline is read", () -> {
                Run run = runOn(reader, "baseline" + counter[0]++ + ".csv", utf8(reader.baseline));
                assertThat(run.status()).as(run.err()).isZero();
            }));
            String fileName = "f" + tests.size() + ".csv";
            boolean stdin = reader.args.contains("-");
            String shown = stdin ? "-" : dir.resolve(fileName).toString();
            for (Fault fault : faults(reader, shown)) {
                tests.add(DynamicTest.dynamicTest(reader.name + ": " + fault.name, () -> {
                    Run run = runOn(reader, fileName, fault.bytes.get());
                    assertRefused(run, fault.expectedStart);
                }));
            }
        }
        return tests.stream();
    }

    /**
     * What a user may write must still be read as before: a byte-order mark, CRLF or CR line ends,
     * blank lines and blanks around cells give the baseline's output; a header alone is a file without
     * records, whose figures are undefined (exit 0) or which a model cannot fit (exit 2, one line).
     */
    @TestFactory
    Stream<DynamicTest> everyReaderReadsWhatIsAllowedAsBefore() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Reader reader : readers()) {
            Map<String, Function<String, byte[]>> variants = new LinkedHashMap<>();
            variants.put("a UTF-8 byte-order mark", text -> concat("", new byte[] {(byte) 0xEF, (byte) 0xBB,
                    (byte) 0xBF}, utf8(text)));
            variants.put("CRLF line ends", text -> utf8(text.replace("\n", "\r\n")));
            variants.put("CR line ends", text -> utf8(text.replace("\n", "\r")));
            variants.put("blank lines", text -> utf8(text.replaceFirst("\n", "\n\n\n") + "\n\n"));
            variants.put("no line end at the end", text -> utf8(text.substring(0, text.length() - 1)));
            if (reader.csv()) {
                variants.put("blanks around cells", text -> utf8(text.replace(String.valueOf(reader.separator),
                        " " + reader.separator + " ")));
            }
            if (!RELEASE && (reader.args.get(0).equals("fit") || reader.args.get(0).equals("chart"))) {
                // they read through the same CsvInput as the others: the mark alone, to save a fit or a chart each
                variants.keySet().retainAll(List.of("a UTF-8 byte-order mark"));
            }
            tests.add(DynamicTest.dynamicTest(reader.name + ": as before with each of " + variants.keySet(), () -> {
                Run baseline = runOn(reader, "baseline.csv", utf8(reader.baseline));
                assertThat(baseline.status()).as(baseline.err()).isZero();
                for (Map.Entry<String, Function<String, byte[]>> variant : variants.entrySet()) {
                    Run run = runOn(reader, "baseline.csv", variant.getValue().apply(reader.baseline));
                    assertThat(run.status()).as(variant.getKey() + ": " + run.err()).isZero();
                    assertThat(run.out()).as(variant.getKey()).isEqualTo(baseline.out());
                }
            }));
            if (reader.header) {
                tests.add(DynamicTest.dynamicTest(reader.name + ": a header alone", () -> {
                    Run run = runOn(reader, "header.csv", utf8(reader.lines().get(0) + "\n"));
                    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
                    if (run.status() != 0) {
                        assertRefused(run, "");
                    }
                }));
            }
        }
        return tests.stream();
    }

    /**
     * Exit status 2, no output, one line on standard error that starts with {@code expectedStart}, at
     * most 400 characters, without a stack trace or a Java exception's name.
     */
    static void assertRefused(Run run, String expectedStart) {
        assertThat(run.status()).as("exit status; stderr: %s; stdout: %.300s", run.err(), run.out()).isEqualTo(2);
        assertThat(run.out()).as("standard output").isEmpty();
        assertThat(run.err()).as("one line").endsWith(System.lineSeparator());
        String line = run.err().substring(0, run.err().length() - System.lineSeparator().length());
        assertThat(line).as("one line").doesNotContain("\n").doesNotContain("\r").hasSizeLessThanOrEqualTo(400)
                .startsWith(expectedStart).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.")
                .doesNotContain("org.apache").doesNotContain("picocli");
    }
}
