package org.loyaltymetrics.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltymetrics.examples.cli.HostileInputTest.assertRefused;
import static org.loyaltymetrics.examples.cli.LoyaltyMetricsCommandTest.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.examples.cli.LoyaltyMetricsCommandTest.Run;

/**
 * The hostile inputs of issue 10, one by one, with the exact line each gives: rows with more cells
 * than the header, numbers that are not plain decimals, sums and weights that overflow a long, ranges
 * too long to report, a horizon that overflowed an int, a byte-order mark, Latin-1, a huge cell, and
 * {@code --as-of} before a start. {@link HostileInputTest} sweeps every command over each class.
 */
class HostileCasesTest {

    private static final String PLAIN = "is not a plain decimal number such as 30.43 or -2 (digits with an optional "
            + "sign and decimal point; no exponent, suffix, hex, NaN or Infinity)";

    @TempDir
    Path dir;

    private String write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file.toString();
    }

    private String write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file.toString();
    }

    private static String line(Run run) {
        return run.err().strip();
    }

    @Test
    void anMrrRowWithMoreCellsThanTheHeaderIsRefusedNotReadAsAnMrrOfOne() throws IOException {
        String file = write("mrr.csv", "account_id,month,mrr\nA1,2025-01,1.00\nA1,2025-02,1,234.00\n");
        Run run = run("", "mrr", file);
        assertRefused(run, file);
        assertThat(line(run)).isEqualTo(file + ":3: has 4 cells, the header has 3 [account_id, month, mrr]: every "
                + "record needs one cell per column (quote a value that holds a comma, such as \"1,234.00\", or write "
                + "it without one)");
        // quoted, it is one cell, and not a plain decimal
        String quoted = write("quoted.csv", "account_id,month,mrr\nA1,2025-01,1.00\nA1,2025-02,\"1,234.00\"\n");
        assertThat(line(run("", "mrr", quoted))).isEqualTo(quoted + ":3: column 'mrr': value '1,234.00' " + PLAIN);
        // written without the comma, it is read as it is meant
        String plain = write("plain.csv", "account_id,month,mrr\nA1,2025-01,1.00\nA1,2025-02,1234.00\n");
        Run read = run("", "mrr", plain, "--format", "json");
        assertThat(read.status()).as(read.err()).isZero();
        assertThat(read.json().get("periods").get(0).get("expansionMrr").decimalValue())
                .isEqualByComparingTo("1233.00");
    }

    @Test
    void rowsWithMoreOrFewerCellsAreRefusedByEveryReader() throws IOException {
        String rfm = write("rfm.csv", "customer_id,date,amount\nalice,2025-01-01,1,234.00\n");
        assertThat(line(run("", "rfm", rfm, "--end", "2025-12-31"))).startsWith(rfm + ":2: has 4 cells, the header "
                + "has 3 [customer_id, date, amount]: every record needs one cell per column");
        String churn = write("churn.csv", "customer_id,start_date,end_date\nA,2025-01-01\n");
        assertThat(line(run("", "churn", churn, "--from", "2025-01-01", "--to", "2025-01-31"))).isEqualTo(churn
                + ":2: has 2 cells, the header has 3 [customer_id, start_date, end_date]: every record needs one cell "
                + "per column");
        String fit = write("fit.csv", "x,t_x,T\n2,30.43,38.86,1\n");
        assertRefused(run("", "fit", "bgnbd", fit), fit + ":2: has 4 cells, the header has 3 [x, t_x, T]");
        String noHeader = write("cdnow.txt", " 1 19970101 1 11.77\n 2 19970112 1\n");
        assertThat(line(run("", "repeat", noHeader, "--delimiter", "whitespace", "--no-header", "--id-column", "1",
                "--date-column", "2", "--date-format", "yyyyMMdd"))).isEqualTo(noHeader + ":2: has 3 cells, the first "
                        + "record has 4: every record needs one cell per column");
    }

    @Test
    void numbersMustBePlainDecimals() throws IOException {
        for (String literal : new String[] {"30.43d", "0x1p3", "NaN", "Infinity", "1e999", "+-1", "1e3", "30.43f",
                "1_000", "\u0663\u0660"}) {
            String file = write("fit.csv", "x,t_x,T\n2," + literal + ",38.86\n");
            Run run = run("", "fit", "bgnbd", file);
            assertRefused(run, file);
            assertThat(line(run)).isEqualTo(file + ":2: column 't_x': value '" + literal + "' " + PLAIN);
            String rfm = write("rfm.csv", "customer_id,date,amount\na,2025-01-01," + literal + "\n");
            assertThat(line(run("", "rfm", rfm, "--end", "2025-12-31"))).isEqualTo(rfm + ":2: column 'amount': value '"
                    + literal + "' " + PLAIN);
            String mrr = write("mrr.csv", "account_id,month,mrr\nA,2025-01," + literal + "\n");
            assertThat(line(run("", "mrr", mrr))).isEqualTo(mrr + ":2: column 'mrr': value '" + literal + "' " + PLAIN);
        }
        String integer = write("x.csv", "x,t_x,T\n0x2,30.43,38.86\n");
        assertThat(line(run("", "fit", "bgnbd", integer))).isEqualTo(integer + ":2: column 'x': value '0x2' is not an "
                + "integer such as 12 or -3 (digits with an optional sign)");
        String answer = write("nps.csv", "score\n9\n\u0669\n");
        assertThat(line(run("", "nps", answer))).isEqualTo(answer + ":3: column 'score': value '\u0669' is not an "
                + "integer such as 12 or -3 (digits with an optional sign)");
        // what is accepted is read as written: a sign, a point without digits on one side, 3.0 for a count
        String accepted = write("ok.csv", "x,t_x,T\n3.0,+30.43,38.86\n0,.0,10.\n1,-0,2\n");
        assertThat(new HistoryReader(CsvInput.of(accepted, CsvInput.Delimiter.COMMA, true), null, "bgnbd").purchaseHistories(ChronoUnit.DAYS).histories())
                .containsExactly(PurchaseHistory.of(3, 30.43, 38.86, ChronoUnit.DAYS),
                        PurchaseHistory.of(0, 0, 10, ChronoUnit.DAYS), PurchaseHistory.of(1, 0, 2, ChronoUnit.DAYS));
        Run plus = run("", "nps", write("plus.csv", "score\n+9\n 10 \n"), "--format", "json");
        assertThat(plus.err()).isEmpty();
        assertThat(plus.json().get("promoters").asLong()).isEqualTo(2);
    }

    @Test
    void optionsFollowTheSameGrammar() {
        assertThat(line(run("", "clv", "--aov", "0x1p3", "--purchase-frequency", "1", "--lifespan", "1"))).isEqualTo(
                "Invalid value for option '--aov': '0x1p3' " + PLAIN + " (see loyalty-metrics clv --help)");
        assertRefused(run("", "clv", "--aov", "30.43d", "--purchase-frequency", "1", "--lifespan", "1"),
                "Invalid value for option '--aov': '30.43d' is not a plain decimal");
        assertRefused(run("", "clv", "--arpa", "1", "--churn", "NaN"), "Invalid value for option '--churn': 'NaN'");
        assertRefused(run("", "nps", "-", "--confidence", "0.95d"), "Invalid value for option '--confidence'");
        assertRefused(run("", "rfm", "-", "--end", "2025-12-31", "--decimals", "0x2"),
                "Invalid value for option '--decimals': '0x2' is not an integer");
        assertRefused(run("", "churn", "-", "--from", "2025-01-01", "--to", "+10000-01-01"),
                "Invalid value for option '--to': must be a date yyyy-MM-dd, was '+10000-01-01'");
        assertRefused(run("", "rfm", "-", "--end", "+999999999-12-31"), "Invalid value for option '--end'");
        // -0 is 0: the simple CLV of a zero order value is 0.0, not -0.0
        Run zero = run("", "clv", "--aov", "-0", "--purchase-frequency", "1", "--lifespan", "1", "--format", "json");
        assertThat(zero.status()).isZero();
        assertThat(zero.out()).contains("\"simpleClv\" : 0.0").doesNotContain("-0");
    }

    @Test
    void usageErrorsAreOneLine() {
        assertThat(line(run("", "rfm", "-", "--end", "2025-12-31", "--frobnicate"))).isEqualTo(
                "unknown option or argument '--frobnicate' (see loyalty-metrics rfm --help)");
        assertThat(line(run("", "rfm", "-", "--end", "2025-12-31", "--uint", "day"))).isEqualTo(
                "unknown option or argument '--uint', 'day' (see loyalty-metrics rfm --help)");

        assertRefused(run("", "rfm", "-"), "Missing required option: '--end=DATE'");
        assertRefused(run("", "clv"), "give the inputs of at least one formula");
        assertRefused(run("", "clv", "--margin", "1", "--retention", "0.5", "--discount", "0.1", "--periods",
                "2147483648"), "Invalid value for option '--periods': '2147483648' is out of range");
        assertRefused(run("", "rfm", "-", "--end", "2025-12-31", "--decimals", "99"),
                "--decimals must be in 0..9, was 99");
    }

    @Test
    void churnByDayOverYears0001To9999IsBoundedNotOutOfHeap() throws IOException {
        String file = write("wide.csv", "customer_id,start_date,end_date\nA,0001-01-01,\nB,9999-12-31,\n");
        Run run = run("", "churn", file, "--from", "0001-01-01", "--to", "9999-12-31", "--by-period", "day");
        assertRefused(run, "--by-period day");
        assertThat(line(run)).isEqualTo("--by-period day: --from 0001-01-01 to --to 9999-12-31 spans 3652059 "
                + "periods of a day, more than the 100000 reported at most: choose a longer period or a shorter range "
                + "(see loyalty-metrics churn --help)");
        Run years = run("", "churn", file, "--from", "0001-01-01", "--to", "9999-12-31", "--by-period", "year",
                "--format", "json");
        assertThat(years.status()).as(years.err()).isZero();
        assertThat(years.json().get("periods")).hasSize(9999);
        String events = write("events.csv", "user_id,date\na,0001-01-01\nb,2025-01-01\na,9999-12-31\n");
        assertThat(line(run("", "cohorts", events, "--period", "day"))).isEqualTo(events + ":3: column 'date': value "
                + "'2025-01-01' makes the events span 739252 periods of a day (0001-01-01 to 2025-01-01), more than "
                + "the 1000 of a cohort table: choose a longer --period or fewer dates");
        String days = write("days.csv", "user_id,date\na,2025-01-01\nb,2025-07-20\n");
        assertThat(line(run("", "chart", "cohort-heatmap", days, "--period", "day", "--output",
                dir.resolve("h.png").toString()))).isEqualTo(days + ":3: column 'date': value '2025-07-20' makes the "
                        + "events span 201 periods of a day (2025-01-01 to 2025-07-20), more than the 200 of a heat map: "
                        + "choose a longer --period or fewer dates");
    }

    @Test
    void sumsAndWeightsThatOverflowALongAreRefusedAtTheirRow() throws IOException {
        String mrr = write("mrr.csv", "account_id,month,mrr\nA,2025-01,1\nA,2025-02,92233720368547758.07\n"
                + "B,2025-02,0.01\n");
        assertThat(line(run("", "mrr", mrr))).isEqualTo(mrr + ":4: column 'mrr': value '0.01' makes the MRR of 2025-02 "
                + "total more than 92233720368547758.07, the largest amount of 2 decimals");
        String rfm = write("rfm.csv", "customer_id,date,amount\na,2025-01-01,92233720368547758.07\n"
                + "a,2025-01-02,0.01\n");
        assertThat(line(run("", "rfm", rfm, "--end", "2025-12-31"))).isEqualTo(rfm + ":3: column 'amount': value "
                + "'0.01' makes the purchases of customer 'a' total more than 92233720368547758.07, the largest amount "
                + "of 2 decimals");
        String weights = write("weights.csv", "x,t_x,T,n\n1,1,2,9223372036854775807\n0,0,2,1\n");
        assertThat(line(run("", "fit", "bgnbd", weights, "--weights", "n"))).isEqualTo(weights + ":3: column 'n': "
                + "value '1' makes the number of customers more than 9223372036854775807 (the largest count), with the "
                + "weights of the rows before it");
        String spend = write("spend.csv", "x,zbar,n\n0,0,9223372036854775807\n0,0,1\n");
        assertRefused(run("", "fit", "gamma-gamma", spend, "--weights", "n"),
                spend + ":3: column 'n': value '1' makes");
        String tooBig = write("big.csv", "x,t_x,T,n\n1,1,2,9223372036854775808\n");
        assertRefused(run("", "fit", "bgnbd", tooBig, "--weights", "n"), tooBig + ":2: column 'n': value "
                + "'9223372036854775808' is not a weight (an integer >= 1)");
    }

    @Test
    void anSbgHorizonIsBoundedBeforeItCanOverflowAnInt() throws IOException {
        String file = write("sbg.csv", "period,alive\n0,1000\n1,631\n2,468\n3,382\n");
        assertThat(line(run("", "fit", "sbg", file, "--predict", "10000000000"))).isEqualTo("--predict must be a whole "
                + "number of periods in 0..100000 for sbg, was 10000000000 (see loyalty-metrics fit --help)");
        assertRefused(run("", "fit", "sbg", file, "--predict", "2147483647"), "--predict must be a whole number of "
                + "periods in 0..100000");
        assertRefused(run("", "fit", "sbg", file, "--predict", "1e10"), "Invalid value for option '--predict': '1e10' "
                + "is not a plain decimal");
        String donors = write("donors.csv", "frequency,recency,periods\n1,1,6\n2,3,6\n0,0,6\n");
        assertRefused(run("", "fit", "bgbb", donors, "--predict", "9007199254740993"), "--predict must be a whole "
                + "number of opportunities in 0..1000000000000000 for bgbb, was 9007199254740992");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumn() throws IOException {
        byte[] mark = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = "account_id,month,mrr\nA,2025-01,10\nA,2025-02,12\n";
        String plain = write("plain.csv", text);
        byte[] marked = new byte[3 + text.length()];
        System.arraycopy(mark, 0, marked, 0, 3);
        System.arraycopy(text.getBytes(StandardCharsets.UTF_8), 0, marked, 3, text.length());
        String withMark = write("marked.csv", marked);
        Run run = run("", "mrr", withMark, "--format", "json");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(run("", "mrr", plain, "--format", "json").out());
        byte[] survey = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 's', 'c', 'o', 'r', 'e', '\n', '9', '\n'};
        Run nps = run("", "nps", write("nps.csv", survey), "--column", "score", "--format", "json");
        assertThat(nps.status()).as(nps.err()).isZero();
        assertThat(nps.json().get("promoters").asLong()).isEqualTo(1);
        Run stdin = run(survey, "nps", "-", "--format", "json");
        assertThat(stdin.out()).isEqualTo(nps.out());
    }

    @Test
    void aFileThatIsNotUtf8IsNamedWithItsLineAndColumn() throws IOException {
        byte[] latin1 = "score\n9\n10\nJos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        String file = write("latin1.csv", latin1);
        Run run = run("", "nps", file);
        assertRefused(run, file);
        assertThat(line(run)).isEqualTo(file + ":4:4: is not UTF-8 text (byte 0xE9 is not UTF-8 here; a Latin-1 or "
                + "Windows file, or binary data?): save the file as UTF-8");
        String utf16 = write("utf16.csv", "score\n9\n".getBytes(StandardCharsets.UTF_16));
        assertThat(line(run("", "nps", utf16))).isEqualTo(utf16 + ":1:1: is UTF-16 text (it starts with a UTF-16 "
                + "byte-order mark): save it as UTF-8");
        String gzip = write("data.csv.gz", new byte[] {0x1F, (byte) 0x8B, 0x08, 0x00, 0x00});
        assertThat(line(run("", "nps", gzip))).isEqualTo(gzip + ":1:1: is not text: it holds the control character "
                + "U+001F; the file must be UTF-8 text");
    }

    @Test
    void aHugeBadCellIsCutInTheMessage() throws IOException {
        String file = write("huge.csv", "score\n9\n" + "x".repeat(2_000_000) + "\n");
        Run run = run("", "nps", file);
        assertThat(line(run)).isEqualTo(file + ":3: column 'score': value '" + "x".repeat(40) + "…' (2000000 "
                + "characters) is not an integer such as 12 or -3 (digits with an optional sign)");
        String column = "c".repeat(100_000);
        assertThat(line(run("", "nps", file, "--column", column))).isEqualTo(file + ":1: column '" + "c".repeat(40)
                + "…' (100000 characters) not found; the columns are [score]");
        String multiline = write("multiline.csv", "score\n\"9\n9\"\n");
        assertThat(line(run("", "nps", multiline))).isEqualTo(multiline + ":2: column 'score': value '9\\n9' is not an "
                + "integer such as 12 or -3 (digits with an optional sign)");
    }

    @Test
    void survivalBlamesAsOfForARecordThatStartsAfterIt() throws IOException {
        String file = write("records.csv", "start_date,end_date\n2025-01-01,\n2025-04-01,2025-05-01\n");
        Run run = run("", "survival", file, "--as-of", "2025-02-01");
        assertRefused(run, file);
        assertThat(line(run)).isEqualTo(file + ":3: --as-of 2025-02-01 is before this record's start_date 2025-04-01: "
                + "--as-of must be the day the records were observed, on or after every start");
        String reversed = write("reversed.csv", "start_date,end_date\n2025-03-01,2025-02-01\n");
        assertThat(line(run("", "survival", reversed, "--as-of", "2025-06-01"))).isEqualTo(reversed + ":2: column "
                + "'end_date': value '2025-02-01' is rejected: end must not be before start 2025-03-01, was "
                + "2025-02-01");
    }

    @Test
    void aCsvSyntaxErrorNamesTheLine() throws IOException {
        String unclosed = write("unclosed.csv", "id,score\n1,9\n\n2,\"10\n3,4\n");
        assertThat(line(run("", "nps", unclosed))).isEqualTo(unclosed + ":4: is not valid CSV: a quoted value must "
                + "end with a quote followed by the delimiter or the end of the line, and a quote inside it is written "
                + "twice (\"\")");
        String semicolons = write("semicolons.csv", "id;score\n1;9\n");
        assertThat(line(run("", "nps", semicolons))).isEqualTo(semicolons + ":1: the header 'id;score' is one column: "
                + "the file seems separated by ';', and this command reads comma-separated files (see --delimiter)");
        assertThat(line(run("", "nps", dir.toString()))).isEqualTo(dir + ": is a directory, not a file");
    }
}
