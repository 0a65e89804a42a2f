package org.loyaltymetrics.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.loyaltymetrics.examples.cli.LoyaltyMetricsCommandTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltymetrics.examples.cli.LoyaltyMetricsCommandTest.Run;

class FitCommandTest {

    @TempDir
    Path dir;

    /** The CDNOW summary bundled for the demo: ID,x,t_x,T,zbar in weeks. */
    private String cdnow() throws IOException {
        try (InputStream in = FitCommandTest.class.getResourceAsStream("/demo/cdnow-customers.csv")) {
            Path file = dir.resolve("cdnow.csv");
            Files.write(file, in.readAllBytes());
            return file.toString();
        }
    }

    private String write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file.toString();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void bgNbdAsJsonHasTheContractKeysAndThePublishedEstimates() throws IOException {
        Run run = run("", "fit", "bgnbd", cdnow(), "--format", "json");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode json = run.json();
        assertThat(fieldNames(json)).containsExactly("model", "customers", "params", "standardErrors", "logLikelihood",
                "iterations", "converged", "identified", "penalizer", "distinctRows", "covariance");
        assertThat(json.get("model").asText()).isEqualTo("bgnbd");
        assertThat(json.get("customers").asLong()).isEqualTo(2357);
        assertThat(fieldNames(json.get("params"))).containsExactly("r", "alpha", "a", "b");
        assertThat(fieldNames(json.get("standardErrors"))).containsExactly("r", "alpha", "a", "b");
        // Fader, Hardie & Lee (2005): 0.243, 4.414, 0.793, 2.426, LL -9582.4
        assertThat(json.get("params").get("r").asDouble()).isCloseTo(0.243, within(0.0005));
        assertThat(json.get("params").get("alpha").asDouble()).isCloseTo(4.414, within(0.0005));
        assertThat(json.get("logLikelihood").asDouble()).isCloseTo(-9582.4, within(0.05));
        assertThat(json.get("iterations").asInt()).isPositive();
    }

    @Test
    void everyModelNamesItsParametersAsTheContractSays() throws IOException {
        String cdnow = cdnow();
        assertThat(fieldNames(run("", "fit", "mbgnbd", cdnow, "--format", "json").json().get("params")))
                .containsExactly("r", "alpha", "a", "b");
        JsonNode pareto = run("", "fit", "pareto-nbd", cdnow, "--format", "json").json();
        assertThat(fieldNames(pareto.get("params"))).containsExactly("r", "alpha", "s", "beta");
        assertThat(pareto.get("params").get("s").asDouble()).isCloseTo(0.606, within(0.0005));
        JsonNode spend = run("", "fit", "gamma-gamma", cdnow, "--format", "json").json();
        assertThat(fieldNames(spend.get("params"))).containsExactly("p", "q", "v");
        assertThat(spend.get("customers").asLong()).as("the 946 repeat buyers").isEqualTo(946);
        assertThat(spend.get("params").get("p").asDouble()).isCloseTo(6.25, within(0.005));

        String donations = write("donations.csv", "frequency,recency,periods,weights\n0,0,6,3464\n1,1,6,1091\n1,2,6,277\n"
                + "1,3,6,129\n1,4,6,78\n1,5,6,119\n1,6,6,129\n2,2,6,613\n2,3,6,255\n2,4,6,155\n2,5,6,173\n2,6,6,234\n"
                + "3,3,6,322\n3,4,6,181\n3,5,6,225\n3,6,6,357\n4,4,6,240\n4,5,6,284\n4,6,6,512\n5,5,6,335\n5,6,6,728\n"
                + "6,6,6,1203\n");
        JsonNode bgbb = run("", "fit", "bgbb", donations, "--weights", "weights", "--format", "json").json();
        assertThat(fieldNames(bgbb.get("params"))).containsExactly("alpha", "beta", "gamma", "delta");
        assertThat(bgbb.get("customers").asLong()).isEqualTo(11_104);
        assertThat(bgbb.get("params").get("delta").asDouble()).isCloseTo(2.783, within(0.0005));

        String regular = write("regular.csv", "year,alive\n0,1000\n1,631\n2,468\n3,382\n4,326\n5,289\n6,262\n7,241\n");
        JsonNode sbg = run("", "fit", "sbg", regular, "--format", "json").json();
        assertThat(fieldNames(sbg.get("params"))).containsExactly("alpha", "beta");
        assertThat(sbg.get("params").get("alpha").asDouble()).isCloseTo(0.704, within(0.0005));
        assertThat(sbg.get("customers").asLong()).isEqualTo(1000);
    }

    @Test
    void tableNamesTheFileCountsAndSkippedRows() throws IOException {
        String cdnow = cdnow();
        Run run = run("", "fit", "gamma-gamma", cdnow, "--penalizer", "0.001");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Gamma-Gamma fit: " + cdnow + ", 946 customers, "
                + "1411 customers without repeat purchases skipped, penalizer 0.001" + System.lineSeparator()
                + "log-likelihood -")
                .contains("parameter  estimate      SE  95% low  95% high")
                .doesNotContain("Gamma-Gamma fit: 946 customers"); // the library's title gives way to the heading
        // the grid is the library's fit report
        String[] lines = run.out().split("\\R");
        assertThat(lines[2]).isEqualTo("parameter  estimate      SE  95% low  95% high");
        assertThat(lines[4]).startsWith("p         ");
        Run bgnbd = run("", "fit", "bgnbd", cdnow);
        assertThat(bgnbd.out()).contains("r            0.2426  0.0126   0.2180    0.2672");
    }

    @Test
    void predictionsKeepTheCustomerIdsOfTheInput() throws IOException {
        // rfm's output names its ids customer_id; --id-column names any other column
        String rfm = write("rfm.csv", "customer_id,frequency,recency,T,monetary_value\nalice,2,30.43,38.86,22.35\n"
                + "bob,1,1.71,38.86,11.77\ncarol,0,0,38.86,0\ndave,0,0,38.86,0\nerin,7,29.43,38.86,19.2\n"
                + "frank,1,5,38.86,9\ngrace,4,20,38,14\n");
        Run run = run("", "fit", "bgnbd", rfm, "--predict", "39", "--allow-nonconvergence"); // 7 customers identify nothing
        assertThat(run.status()).as(run.err()).isZero();
        String[] lines = run.out().split("\\R");
        assertThat(lines[0]).isEqualTo("customer_id,expected_purchases,probability_alive");
        assertThat(lines).extracting(line -> line.split(",")[0]).containsExactly("customer_id", "alice", "bob", "carol",
                "dave", "erin", "frank", "grace");
        Run spend = run("", "fit", "gamma-gamma", rfm, "--predict", "0", "--id-column", "recency", "--penalizer", "0.01",
                "--allow-nonconvergence");
        assertThat(spend.out().split("\\R")[0]).isEqualTo("recency,expected_average_spend");
        assertThat(spend.out().split("\\R")[3]).startsWith("0,"); // carol: no repeat purchase, the population mean
        assertThat(run("", "fit", "bgnbd", rfm, "--id-column", "name").err())
                .startsWith(rfm + ":1: column 'name' (--id-column) not found");
    }

    @Test
    void predictionsFollowTheInputRowsInOrder() throws IOException {
        String file = cdnow();
        String csv = dir.resolve("predictions.csv").toString();
        Run run = run("", "fit", "bgnbd", file, "--predict", "39", "--output", csv, "--format", "json");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.json().get("customers").asLong()).isEqualTo(2357);
        List<String> lines = Files.readAllLines(Path.of(csv), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2358);
        // the rows keep the input's customer ids (issue 12: they had none)
        assertThat(lines.get(0)).isEqualTo("ID,expected_purchases,probability_alive");
        assertThat(lines.get(1)).startsWith("1,");
        assertThat(lines.get(2357)).startsWith("2357,");
        // customer 1: x = 2, t_x = 30.43, T = 38.86 -> 1.226 in the next 39 weeks (Fader, Hardie & Lee 2005)
        assertThat(Double.parseDouble(lines.get(1).split(",")[1])).isCloseTo(1.226, within(0.0005));
        // customers 3 and 4 have identical histories (x = 0, T = 38.86): identical predictions, alive for sure
        assertThat(lines.get(3).substring(2)).isEqualTo(lines.get(4).substring(2));
        assertThat(Double.parseDouble(lines.get(3).split(",")[2])).isEqualTo(1.0);

        // without --output the CSV goes to standard output instead of the report
        Run toStdout = run("", "fit", "bgnbd", file, "--predict", "39");
        assertThat(toStdout.out().split("\\R")).containsExactlyElementsOf(lines);

        String regular = write("regular.csv", "period,alive\n0,1000\n1,631\n2,468\n3,382\n4,326\n5,289\n6,262\n7,241\n");
        Run sbg = run("", "fit", "sbg", regular, "--predict", "5");
        assertThat(sbg.status()).as(sbg.err()).isZero();
        String[] projection = sbg.out().split("\\R");
        assertThat(projection[0]).isEqualTo("period,alive,projected_alive");
        assertThat(projection).hasSize(1 + 13);
        assertThat(projection[8]).startsWith("7,241,");
        // year 12: 1000 · S(12) with the estimates of years 0..7, 170.04 (the file says 173)
        assertThat(Double.parseDouble(projection[13].split(",")[2])).isCloseTo(170.04, within(0.01));
        assertThat(projection[13]).startsWith("12,,");
    }

    @Test
    void badInputStopsWithStatusTwoAndOneLineNamingFileLineColumnAndValue() throws IOException {
        String text = write("text.csv", "frequency,recency,T\n2,30.43,38.86\nmany,1,2\n");
        Run run = run("", "fit", "bgnbd", text);
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(text + ":3: column 'frequency': value 'many' is not an integer such as 12 "
                + "or -3 (digits with an optional sign)" + System.lineSeparator());

        String late = write("late.csv", "x,t_x,T\n2,30.43,38.86\n2,40,38.86\n");
        assertThat(run("", "fit", "pareto-nbd", late).err().trim())
                .isEqualTo(late + ":3: column 't_x': value '40' is not valid: recency must be in [0, age 38.86], was 40.0");

        // the library names the argument it rejects; the tool reports the column it read it from
        String negativeX = write("negative-x.csv", "x,t_x,T\n-1,0,5\n");
        assertThat(run("", "fit", "bgnbd", negativeX).err().trim())
                .isEqualTo(negativeX + ":2: column 'x': value '-1' is not valid: frequency must be a count >= 0, was -1");
        String noAge = write("no-age.csv", "frequency,recency,T\n0,0,0\n");
        assertThat(run("", "fit", "mbgnbd", noAge).err().trim())
                .isEqualTo(noAge + ":2: column 'T': value '0' is not valid: age must be finite and > 0, was 0.0");
        String donor = write("donor.csv", "frequency,recency,periods\n3,2,6\n");
        assertThat(run("", "fit", "bgbb", donor).err().trim())
                .isEqualTo(donor + ":2: column 'frequency': value '3' is not valid: frequency must be in 0..2 (recency), was 3");
        String tooLate = write("too-late.csv", "frequency,recency,periods\n3,7,6\n");
        assertThat(run("", "fit", "bgbb", tooLate).err().trim())
                .isEqualTo(tooLate + ":2: column 'recency': value '7' is not valid: recency must be in 0..6 (opportunities), was 7");

        String weights = write("weights.csv", "x,t_x,T,n\n2,30.43,38.86,0\n");
        assertThat(run("", "fit", "bgnbd", weights, "--weights", "n").err().trim())
                .isEqualTo(weights + ":2: column 'n': value '0' is not a weight (an integer >= 1)");

        String negative = write("negative.csv", "x,zbar\n2,-1\n");
        assertThat(run("", "fit", "gamma-gamma", negative).err().trim())
                .isEqualTo(negative + ":2: column 'zbar': value '-1' is not a mean transaction value (a number >= 0)");

        String gap = write("gap.csv", "period,alive\n0,100\n2,50\n");
        assertThat(run("", "fit", "sbg", gap).err().trim())
                .isEqualTo(gap + ":3: column 'period': value '2' is not the next period 1 (periods must run 0, 1, 2, ... in order)");

        String columns = write("columns.csv", "a,b\n1,2\n");
        Run missing = run("", "fit", "bgnbd", columns);
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err().trim())
                .isEqualTo(columns + ":1: bgnbd needs the columns frequency,recency,T or x,t_x,T; the columns are [a, b]");

        assertThat(run("", "fit", "bgnbd", columns, "--weights", "w").status()).isEqualTo(2);
        Run model = run("", "fit", "nbd", columns);
        assertThat(model.status()).isEqualTo(2);
        assertThat(model.err()).contains("MODEL must be one of bgnbd, mbgnbd, pareto-nbd, ggomnbd, gamma-gamma, bgbb, sbg, was 'nbd'");
        assertThat(run("", "fit", "bgnbd", columns, "--penalizer", "-1").err()).contains("--penalizer must be finite and >= 0");
        assertThat(run("", "fit", "sbg", columns, "--predict", "1.5").err()).contains("--predict must be a whole number");
        assertThat(run("", "fit", "bgnbd", columns, "--output", "x.csv").err()).contains("--output goes with --predict");
    }

    @Test
    void dataWithoutAMaximumAreReportedOnOneLine() throws IOException {
        String none = write("none.csv", "x,t_x,T\n0,0,10\n0,0,20\n0,0,30\n");
        Run run = run("", "fit", "bgnbd", none);
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().trim()).startsWith(none + ": cannot fit the BG/NBD model").doesNotContain("\n");
    }

    @Test
    void demoHasThePredictionSection() {
        Run run = run("", "demo");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Predictions: 2357 CDNOW customers").contains("BG/NBD fit: 2357 customers")
                .contains("A new customer makes 1.444 repeat purchases in the first 52 weeks")
                .contains("Top 5 customers by expected value").contains("Expected value of the whole cohort");
    }
}
