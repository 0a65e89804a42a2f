package org.loyaltymetrics.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.loyaltymetrics.examples.cli.LoyaltyMetricsCommandTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.loyaltymetrics.examples.cli.LoyaltyMetricsCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionCommandsTest {

    @TempDir
    Path dir;

    private String write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file.toString();
    }

    /** The boundary cases of the library's CustomerCountsTest: January 2025 has S 4, N 3, L 2, new lost 2, E 3. */
    private String customers() throws IOException {
        return write("customers.csv", """
                customer_id,start_date,end_date
                A,2024-06-01,
                B,2024-06-01,2025-01-01
                C,2024-06-01,2025-01-02
                D,2024-06-01,2025-02-01
                E,2024-06-01,2025-02-02
                F,2025-01-01,
                G,2025-01-31,2025-02-01
                H,2025-01-15,2025-01-15
                I,2025-02-01,
                J,2024-12-31,2025-01-01
                """);
    }

    @Test
    void churnKeysAndValues() throws IOException {
        Run run = run("", "churn", customers(), "--from", "2025-01-01", "--to", "2025-01-31", "--format", "json");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(names(json)).containsExactly("customersAtStart", "customersAtEnd", "newCustomers", "lostCustomers",
                "churnRate", "retentionRate");
        assertThat(json.get("customersAtStart").asLong()).isEqualTo(4);
        assertThat(json.get("customersAtEnd").asLong()).isEqualTo(3);
        assertThat(json.get("newCustomers").asLong()).isEqualTo(3);
        assertThat(json.get("lostCustomers").asLong()).isEqualTo(2);
        assertThat(json.get("churnRate").asDouble()).isEqualTo(0.5);
        assertThat(json.get("retentionRate").asDouble()).isEqualTo(0.0); // (E − N)/S = (3 − 3)/4
        Run variant = run("", "churn", customers(), "--from", "2025-01-01", "--to", "2025-01-31", "--variant",
                "lost-over-start-plus-new", "--format", "json");
        assertThat(variant.json().get("churnRate").asDouble()).isCloseTo(4.0 / 7, within(1e-15));
    }

    @Test
    void churnByPeriod() throws IOException {
        Run run = run("", "churn", customers(), "--from", "2024-12-01", "--to", "2025-02-28", "--by-period", "month",
                "--format", "json");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode periods = run.json().get("periods");
        assertThat(periods).hasSize(3);
        assertThat(periods.get(1).get("period").asText()).isEqualTo("2025-01");
        assertThat(names(periods.get(1))).containsExactly("period", "customersAtStart", "customersAtEnd", "newCustomers",
                "lostCustomers", "churnRate", "retentionRate");
        assertThat(periods.get(1).get("customersAtStart").asLong()).isEqualTo(4);
        assertThat(periods.get(0).get("customersAtEnd").asLong()).isEqualTo(periods.get(1).get("customersAtStart").asLong());
        Run table = run("", "churn", customers(), "--from", "2024-12-01", "--to", "2025-02-28", "--by-period", "month");
        assertThat(table.out()).contains("period   customers at start").contains("2025-01                   4");
    }

    @Test
    void churnBadInput() throws IOException {
        String reversed = write("reversed.csv", "customer_id,start_date,end_date\nA,2025-01-01,\nB,2025-03-01,2025-02-01\n");
        Run run = run("", "churn", reversed, "--from", "2025-01-01", "--to", "2025-05-31");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().trim()).isEqualTo(reversed + ":3: column 'end_date': value '2025-02-01' is rejected: "
                + "end must not be before start 2025-03-01, was 2025-02-01");
        String badDate = write("bad.csv", "customer_id,start_date,end_date\nA,2025-13-01,\n");
        assertThat(run("", "churn", badDate, "--from", "2025-01-01", "--to", "2025-05-31").err().trim())
                .isEqualTo(badDate + ":2: column 'start_date': value '2025-13-01' is not a date (yyyy-MM-dd)");
        assertThat(run("", "churn", badDate, "--from", "2025-06-01", "--to", "2025-01-01").err())
                .contains("--to must be on or after --from 2025-06-01, was 2025-01-01");
        assertThat(run("", "churn", badDate, "--from", "June", "--to", "2025-01-01").err())
                .contains("must be a date yyyy-MM-dd, was 'June'");
        assertThat(run("", "churn", badDate, "--from", "2025-01-01", "--to", "2025-01-31", "--variant", "odd").err())
                .contains("must be lost-over-start, lost-over-start-plus-new or excluding-joined-and-left, was 'odd'");
        assertThat(run("", "churn", write("noStart.csv", "id\n1\n"), "--from", "2025-01-01", "--to", "2025-01-31").status())
                .isEqualTo(2);
    }

    @Test
    void survivalKeysAndTheFreireichCurve() throws IOException {
        // The 6-MP remission weeks of SurvivalCurveTest as customer records of 7-day weeks, as of day 35 × 7.
        int[] weeks = {6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35};
        boolean[] ended = {true, true, true, false, true, false, true, false, false, true, true, false, false, false, true,
                true, false, false, false, false, false};
        StringBuilder csv = new StringBuilder("customer_id,start_date,end_date\n");
        for (int i = 0; i < weeks.length; i++) {
            // censored customers joined later, so that as of 2025-09-03 they have been customers for exactly their weeks
            String start = java.time.LocalDate.of(2025, 9, 3).minusWeeks(ended[i] ? 40 : weeks[i]).toString();
            String end = ended[i] ? java.time.LocalDate.parse(start).plusWeeks(weeks[i]).toString() : "";
            csv.append(i).append(',').append(start).append(',').append(end).append('\n');
        }
        Run run = run("", "survival", write("km.csv", csv.toString()), "--as-of", "2025-09-03", "--unit", "week",
                "--format", "json");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(names(json)).containsExactly("medianLifetime", "points");
        assertThat(json.get("medianLifetime").asDouble()).isEqualTo(23.0);
        JsonNode first = json.get("points").get(0);
        assertThat(names(first)).containsExactly("t", "atRisk", "events", "survival", "low", "high");
        assertThat(first.get("t").asDouble()).isEqualTo(6.0);
        assertThat(first.get("atRisk").asLong()).isEqualTo(21);
        assertThat(first.get("events").asLong()).isEqualTo(3);
        assertThat(first.get("survival").asDouble()).isCloseTo(0.857, within(0.0005));
        assertThat(first.get("low").asDouble()).isCloseTo(0.6197, within(0.00005));
        assertThat(json.get("points")).hasSize(7);
    }

    @Test
    void survivalMedianIsNullWhenUndefined() throws IOException {
        Run run = run("", "survival", write("few.csv", "start_date,end_date\n2025-01-01,\n2025-01-01,2025-01-05\n2025-01-02,\n"),
                "--as-of", "2025-03-01", "--format", "json");
        assertThat(run.json().get("medianLifetime").isNull()).isTrue();
        Run future = run("", "survival", write("future.csv", "start_date,end_date\n2025-04-01,\n"), "--as-of", "2025-03-01");
        assertThat(future.status()).isEqualTo(2);
        assertThat(future.err().trim()).endsWith("future.csv:2: --as-of 2025-03-01 is before this record's start_date "
                + "2025-04-01: --as-of must be the day the records were observed, on or after every start");
    }

    @Test
    void cohortsKeysAndCounts() throws IOException {
        // CohortTableTest's events: January cohort {0,2} and {0,1}; February {0} and {0,2}; April {0}
        String events = write("events.csv", """
                user_id,date
                u4,2025-04-01
                u1,2025-01-20
                u2,2025-02-01
                u1,2025-03-02
                u3,2025-02-10
                u1,2025-01-05
                u2,2025-01-31
                u4,2025-02-15
                u5,2025-04-30
                """);
        Run run = run("", "cohorts", events, "--format", "json");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode cohorts = run.json().get("cohorts");
        assertThat(cohorts).hasSize(3);
        assertThat(names(cohorts.get(0))).containsExactly("cohort", "size", "returnOn", "returnOnOrAfter");
        assertThat(cohorts.get(0).get("cohort").asText()).isEqualTo("2025-01");
        assertThat(cohorts.get(0).get("size").asLong()).isEqualTo(2);
        assertThat(longs(cohorts.get(0).get("returnOn"))).containsExactly(2L, 1L, 1L, 0L);
        assertThat(longs(cohorts.get(0).get("returnOnOrAfter"))).containsExactly(2L, 2L, 1L, 0L);
        Run renamed = run("", "cohorts", write("renamed.csv", "who,when\na,2025-01-01\n"), "--id-column", "who",
                "--date-column", "when", "--period", "week");
        assertThat(renamed.out()).contains("2025-W01");
        assertThat(run("", "cohorts", events, "--period", "quarter").err()).contains("--period must be day, week or month");
    }

    @Test
    void mrrKeysAndValues() throws IOException {
        // RevenueRetentionTest's accounts: Feb start 150, new 10, expansion 20, contraction 20, end 160
        String snapshots = write("mrr.csv", """
                account_id,month,mrr
                A,2025-01,100
                A,2025-02,120.00
                A,2025-03,120
                B,2025-04-01,40
                B,2025-01,50
                B,2025-02,30
                C,2025-03,15
                C,2025-02,10
                D,2025-03,0
                D,2025-04,25
                """);
        Run run = run("", "mrr", snapshots, "--format", "json");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode february = run.json().get("periods").get(0);
        assertThat(names(february)).containsExactly("period", "startMrr", "newMrr", "expansionMrr", "contractionMrr",
                "churnedMrr", "reactivationMrr", "endMrr", "grossMrrChurn", "netMrrChurn", "grr", "nrr", "quickRatio");
        assertThat(february.get("period").asText()).isEqualTo("2025-02");
        assertThat(february.get("startMrr").decimalValue()).isEqualByComparingTo("150");
        assertThat(february.get("newMrr").decimalValue()).isEqualByComparingTo("10");
        assertThat(february.get("endMrr").decimalValue()).isEqualByComparingTo("160");
        assertThat(february.get("quickRatio").asDouble()).isEqualTo(1.5);
        JsonNode april = run.json().get("periods").get(2);
        assertThat(april.get("reactivationMrr").decimalValue()).isEqualByComparingTo("40");
        assertThat(april.get("nrr").asDouble()).isZero();
    }

    @Test
    void mrrBadInput() throws IOException {
        String duplicate = write("dup.csv", "account_id,month,mrr\nA,2025-01,10\nA,2025-01,12\n");
        Run run = run("", "mrr", duplicate);
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().trim())
                .isEqualTo(duplicate + ":3: column 'month': value '2025-01' repeats a month of account 'A'");
        assertThat(run("", "mrr", write("neg.csv", "account_id,month,mrr\nA,2025-01,-10\n")).err())
                .contains(":2: column 'mrr': value '-10' is negative: MRR must be >= 0");
        assertThat(run("", "mrr", write("fine.csv", "account_id,month,mrr\nA,2025-01,10.005\n")).err())
                .contains(":2: column 'mrr': value '10.005' has more than 2 decimals or is too large");
        assertThat(run("", "mrr", write("month.csv", "account_id,month,mrr\nA,January,10\n")).err())
                .contains(":2: column 'month': value 'January' is not a month (yyyy-MM) or a date (yyyy-MM-dd)");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asLong()));
        return values;
    }
}
