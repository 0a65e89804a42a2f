package org.loyaltymetrics.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltymetrics.examples.cli.LoyaltyMetricsCommandTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltymetrics.examples.cli.LoyaltyMetricsCommandTest.Run;

/** The transaction-log and value commands: {@code rfm}, {@code repeat}, {@code clv}. */
class TransactionCommandsTest {

    /** The CDNOW reference files of metrics-core's test resources (see the README there). */
    static final Path CDNOW = Path.of(System.getProperty("basedir", ".")).resolve("../metrics-core/src/test/resources/cdnow");

    @TempDir
    Path dir;

    private String write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file.toString();
    }

    @Test
    void rfmOnTheCdnowSampleReproducesThePublishedSummary() throws IOException {
        Run run = run("", "rfm", CDNOW.resolve("CDNOW_sample.txt").toString(), "--no-header", "--delimiter", "whitespace",
                "--id-column", "2", "--date-column", "3", "--amount-column", "5", "--date-format", "yyyyMMdd",
                "--end", "1997-09-30");
        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("customer_id,frequency,recency,T,monetary_value");
        Map<Integer, String[]> rows = new HashMap<>();
        lines.stream().skip(1).map(line -> line.split(",")).forEach(cells -> rows.put(Integer.parseInt(cells[0]), cells));

        List<String> published = Files.readAllLines(CDNOW.resolve("cdnow_customers_summary.csv"));
        List<String> withValue = Files.readAllLines(CDNOW.resolve("cdnow_customers_summary_with_transactions.csv"));
        assertThat(rows).hasSize(published.size() - 1).hasSize(2357);
        for (int r = 1; r < published.size(); r++) {
            String[] expected = published.get(r).split(",");
            String[] actual = rows.get(Integer.parseInt(expected[0]));
            assertThat(actual[1]).isEqualTo(expected[1]);
            assertThat(twoDecimals(actual[2])).isEqualTo(twoDecimals(expected[2]));
            assertThat(twoDecimals(actual[3])).isEqualTo(twoDecimals(expected[3]));
            assertThat(twoDecimals(actual[4])).isEqualTo(withValue.get(r).split(",")[4].trim());
        }
        assertThat(run.err()).startsWith("rfm: left out 1959 transactions after --end 1997-09-30");
    }

    @Test
    void rfmWithAHoldoutAndInDays() {
        Run run = run("", "rfm", CDNOW.resolve("CDNOW_sample.txt").toString(), "--no-header", "--delimiter", "whitespace",
                "--id-column", "2", "--date-column", "3", "--amount-column", "5", "--date-format", "yyyyMMdd",
                "--calibration-end", "1997-09-30", "--end", "1998-06-30", "--unit", "day");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("customer_id,frequency,recency,T,monetary_value,frequency_holdout,"
                + "monetary_value_holdout,duration_holdout");
        // Sample customer 1 (master 4): 1997-01-01, 01-18, 08-02 in calibration (x = 2, t_x 213 days,
        // T 272 days, repeat mean (29.73 + 14.96) / 2 = 22.345); 1997-12-12 in the holdout (26.48);
        // the holdout lasts 273 days.
        assertThat(lines.get(1)).isEqualTo("0001,2,213,272,22.345000,1,26.480000,273");
        assertThat(lines).hasSize(2358);
    }

    @Test
    void rfmReadsCsvWithHeaderTimestampsAndSameDayPurchases() throws IOException {
        String file = write("log.csv", "customer_id,date,amount\n"
                + "alice,2025-01-01T09:00:00,10.00\nalice,2025-01-01T18:30:00,5.5\nbob,2025-01-03,7\n"
                + "alice,2025-01-15,20\nalice,2025-01-29,0\nbob,2025-03-01,1.00\n");
        Run run = run("", "rfm", file, "--end", "2025-02-28", "--unit", "day");
        assertThat(run.status()).as(run.err()).isZero();
        // alice: three purchase days (the two on Jan 1 are one), x = 2, t_x 28, T 58, mean (20 + 0) / 2.
        assertThat(run.out()).isEqualTo("customer_id,frequency,recency,T,monetary_value\n"
                + "alice,2,28,58,10.000000\nbob,0,0,56,0.000000\n");
        assertThat(run.err().trim()).isEqualTo("rfm: left out 1 transaction after --end 2025-02-28");
        Run weeks = run("", "rfm", file, "--end", "2025-02-28");
        assertThat(weeks.out()).contains("alice,2,4.000000,8.285714,10.000000");
        Run tab = run("", "rfm", write("log.tsv", "id\twhen\tpaid\n1\t2025-01-01\t3.00\n"), "--delimiter", "tab",
                "--id-column", "id", "--date-column", "when", "--amount-column", "paid", "--end", "2025-01-08");
        assertThat(tab.out()).endsWith("1,0,0.000000,1.000000,0.000000\n");
    }

    @Test
    void badTransactionsStopWithStatusTwoAndOneLine() throws IOException {
        String negative = write("neg.csv", "customer_id,date,amount\na,2025-01-01,1.00\nb,2025-01-02,-1.00\n");
        Run run = run("", "rfm", negative, "--end", "2025-12-31");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(negative + ":3: column 'amount': value '-1.00' is a negative amount"
                + System.lineSeparator());
        String date = write("date.csv", "customer_id,date,amount\na,2025-13-01,1.00\n");
        assertThat(run("", "rfm", date, "--end", "2025-12-31").err().trim())
                .isEqualTo(date + ":2: column 'date': value '2025-13-01' is not a date (yyyy-MM-dd)");
        String cents = write("cents.csv", "customer_id,date,amount\na,2025-01-01,1.005\n");
        assertThat(run("", "rfm", cents, "--end", "2025-12-31").err().trim())
                .isEqualTo(cents + ":2: column 'amount': value '1.005' has more than 2 decimals or is too large");
        assertThat(run("", "rfm", cents, "--end", "2025-12-31", "--decimals", "3").status()).isZero();
        String blank = write("blank.csv", "customer_id,date,amount\n,2025-01-01,1.00\n");
        assertThat(run("", "repeat", blank).err().trim()).isEqualTo(blank + ":2: column 'customer_id': value '' is not a "
                + "customer id (blank)");
        Run missing = run("", "rfm", date, "--end", "2025-12-31", "--amount-column", "paid");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err().trim()).isEqualTo(date + ":1: column 'paid' (--amount-column) not found; the columns are "
                + "[customer_id, date, amount]");
        Run order = run("", "rfm", date, "--end", "2025-01-01", "--calibration-end", "2025-02-01");
        assertThat(order.status()).isEqualTo(2);
        assertThat(order.err()).contains("--end must be on or after --calibration-end 2025-02-01, was 2025-01-01");
        assertThat(run("", "rfm", date).status()).as("--end is required").isEqualTo(2);
        assertThat(run("", "rfm", date, "--end", "2025-12-31", "--unit", "month").err()).contains("must be day or week");
        assertThat(run("", "rfm", date, "--end", "2025-12-31", "--delimiter", "pipe").err())
                .contains("must be comma, tab or whitespace, was 'pipe'");
    }

    @Test
    void repeatHasTheContractKeys() throws IOException {
        // Customers 1..5 with 1, 1, 2, 3 and 1 purchase days; customer 4 also buys twice on its first day.
        String file = write("repeat.csv", "customer_id,date\n1,2025-05-01\n2,2025-05-02\n3,2025-05-03\n3,2025-05-06\n"
                + "4,2025-05-04\n4,2025-05-04\n4,2025-05-07\n4,2025-05-10\n5,2025-05-05\n");
        Run run = run("", "repeat", file, "--format", "json");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(fieldNames(json)).containsExactly("customers", "repeatCustomers", "repeatCustomerRate", "purchases",
                "repeatPurchases", "repeatPurchaseRate");
        assertThat(json.get("customers").asLong()).isEqualTo(5);
        assertThat(json.get("repeatCustomers").asLong()).isEqualTo(2);
        assertThat(json.get("repeatCustomerRate").asDouble()).isEqualTo(0.4);
        assertThat(json.get("purchases").asLong()).isEqualTo(8);
        assertThat(json.get("repeatPurchases").asLong()).isEqualTo(3);
        assertThat(json.get("repeatPurchaseRate").asDouble()).isEqualTo(0.375);
        Run empty = run("customer_id,date\n", "repeat", "-", "--format", "json");
        assertThat(empty.json().get("repeatCustomerRate").isNull()).as("undefined on no customers").isTrue();
        assertThat(run("", "repeat", file).out()).contains("repeat customer rate").contains("0.375");
    }

    @Test
    void readsTheCdnowFilesAsTheyAre() throws IOException {
        // The first lines of CDNOW_master.txt, byte for byte: a header with a leading blank, runs of
        // blanks between cells, CRLF line ends.
        String master = write("master.txt", " customer_id  date number_of_cds  dollar_value\r\n"
                + " 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n 00002 19970112  5   77.00\r\n"
                + " 00003 19970102  2   20.76\r\n 00003 19970330  2   20.76\r\n");
        Run repeat = run("", "repeat", master, "--delimiter", "whitespace", "--date-format", "yyyyMMdd", "--format", "json");
        assertThat(repeat.status()).as(repeat.err()).isZero();
        assertThat(repeat.json().get("customers").asLong()).isEqualTo(3);
        assertThat(repeat.json().get("purchases").asLong()).as("customer 2's two purchases are one day").isEqualTo(4);
        Run rfm = run("", "rfm", master, "--delimiter", "whitespace", "--date-format", "yyyyMMdd",
                "--amount-column", "dollar_value", "--end", "1997-09-30", "--unit", "day");
        assertThat(rfm.out()).isEqualTo("customer_id,frequency,recency,T,monetary_value\n00001,0,0,272,0.000000\n"
                + "00002,0,0,261,0.000000\n00003,1,87,271,20.760000\n");

        Run sample = run("", "repeat", CDNOW.resolve("CDNOW_sample.txt").toString(), "--format", "json", "--no-header", "--delimiter",
                "whitespace", "--id-column", "1", "--date-column", "3", "--date-format", "yyyyMMdd");
        assertThat(sample.status()).as(sample.err()).isZero();
        assertThat(sample.out()).contains("\"customers\" : 2357");
    }

    @Test
    void clvFiguresAsJson() throws IOException {
        Run run = run("", "clv", "--format", "json", "--arpa", "100", "--churn", "0.05", "--acquisition-cost", "500", "--margin", "100",
                "--retention", "0.8", "--discount", "0.1", "--periods", "3", "--aov", "50", "--purchase-frequency", "4",
                "--lifespan", "3", "--margin-rate", "0.3");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(fieldNames(json)).containsExactly("simpleClv", "simpleClvNet", "retentionClv", "retentionClvNet",
                "retentionClvFinite", "retentionClvFiniteNet", "saasLtv", "saasLtvNet", "ltvToCac", "cacPaybackMonths");
        assertThat(json.get("saasLtv").asDouble()).isEqualTo(2000.0);
        assertThat(json.get("saasLtvNet").asDouble()).isEqualTo(1500.0);
        assertThat(json.get("ltvToCac").asDouble()).isEqualTo(4.0);
        assertThat(json.get("cacPaybackMonths").asDouble()).isEqualTo(5.0);
        assertThat(json.get("retentionClv").asDouble()).isCloseTo(266.6667, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(json.get("simpleClv").asDouble()).isCloseTo(180.0, org.assertj.core.api.Assertions.within(1e-9));

        assertThat(run("", "clv", "--format", "json", "--arpa", "100", "--churn", "0").json().get("saasLtv").isNull()).isTrue();
        Run diverges = run("", "clv", "--format", "json", "--margin", "100", "--retention", "1", "--discount", "0");
        assertThat(diverges.status()).isEqualTo(2);
        assertThat(diverges.out()).isEmpty();
        assertThat(diverges.err()).startsWith("--discount must be > --retention - 1 = 0.0 for the infinite "
                + "sum to converge");
        assertThat(run("", "clv", "--margin", "100").err()).startsWith("the retention-based CLV also needs --retention, --discount");
        assertThat(run("", "clv").status()).isEqualTo(2);
        assertThat(run("", "clv", "--arpa", "100", "--churn", "1.5").err()).startsWith("--churn must be in [0.0, 1.0], was 1.5");
        assertThat(run("", "clv", "--aov", "50", "--purchase-frequency", "-4", "--lifespan", "3").err())
                .startsWith("--purchase-frequency must be finite and >= 0, was -4.0");
        assertThat(run("", "clv", "--margin", "100", "--retention", "0.8", "--discount", "0.1", "--periods", "0").err())
                .startsWith("--periods must be >= 1, was 0");
        assertThat(run("", "clv", "--arpa", "100", "--churn", "0.1", "--acquisition-cost", "-5").err())
                .startsWith("--acquisition-cost must be finite and >= 0, was -5.0");
    }

    @Test
    void demoHasTheBehaviourAndValueSection() {
        Run run = run("", "demo");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Behaviour and value").contains("Repeat purchase rate").contains("RFM summary")
                .contains("RFM segments").contains("Upsell").contains("historical CLV").contains("CLV (SAAS) 1600.00")
                .contains("Customer journey funnel");
    }

    private static String twoDecimals(String value) {
        return new BigDecimal(value.trim()).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
