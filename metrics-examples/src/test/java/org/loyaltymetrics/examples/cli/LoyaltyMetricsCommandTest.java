package org.loyaltymetrics.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoyaltyMetricsCommandTest {

    @TempDir
    Path dir;

    /** Exit status, standard output and standard error of one run. */
    record Run(int status, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    static Run run(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /** Runs the tool in-process with {@code stdin} as the bytes of standard input. */
    static Run run(byte[] stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin));
            int status = LoyaltyMetricsCommand.run(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    private String write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file.toString();
    }

    /** 50 promoters, 30 passives, 20 detractors (the loyalty and retention guide), in two segments. */
    private String npsFile() throws IOException {
        StringBuilder csv = new StringBuilder("id,segment,score\n");
        for (int i = 0; i < 100; i++) {
            int score = i < 50 ? 9 + i % 2 : i < 80 ? 7 + i % 2 : i % 7;
            csv.append(i).append(',').append(i % 2 == 0 ? "even" : "odd").append(',').append(score).append('\n');
        }
        return write("nps.csv", csv.toString());
    }

    @Test
    void aRunOfOneCommandKnowsTheOthersWhereItNeedsThem() {
        Run mistyped = run("", "rfmm", "x");
        assertThat(mistyped.status()).isEqualTo(2);
        assertThat(mistyped.err().trim()).isEqualTo("unknown option or argument 'rfmm', 'x'; did you mean rfm or programme? "
                + "(see loyalty-metrics --help)");
        assertThat(run("", "--help").out()).contains("  nps ", "  rfm ", "  programme ", "  demo ", "  help ", "  generate-completion ");
        Run rfmHelp = run("", "rfm", "--help");
        assertThat(rfmHelp.status()).isZero();
        assertThat(rfmHelp.out()).contains("Usage: loyalty-metrics rfm ").doesNotContain("generate-completion");
        assertThat(run("", "rfm", "-", "--end", "2025-12-31", "--frobnicate").err().trim())
                .isEqualTo("unknown option or argument '--frobnicate' (see loyalty-metrics rfm --help)");
    }

    @Test
    void npsAsJsonHasTheContractKeys() throws IOException {
        Run run = run("", "nps", npsFile(), "--format", "json");
        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode json = run.json();
        assertThat(fieldNames(json)).containsExactly("responses", "promoters", "passives", "detractors", "nps",
                "marginOfError", "low", "high");
        assertThat(json.get("responses").asLong()).isEqualTo(100);
        assertThat(json.get("promoters").asLong()).isEqualTo(50);
        assertThat(json.get("nps").asDouble()).isEqualTo(30.0);
        // Wald: 1.959963985 × 100 √(0.61/100) = 15.3078081
        assertThat(json.get("marginOfError").asDouble()).isCloseTo(15.307808075042672, within(1e-12));
        assertThat(json.get("low").asDouble()).isCloseTo(14.692191924957328, within(1e-12));
    }

    @Test
    void npsByGroupAndConfidence() throws IOException {
        Run run = run("", "nps", npsFile(), "--by", "segment", "--confidence", "0.9", "--format", "json");
        assertThat(run.status()).isZero();
        JsonNode groups = run.json().get("groups");
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).get("key").asText()).isEqualTo("even");
        assertThat(fieldNames(groups.get(0))).containsExactly("key", "responses", "promoters", "passives", "detractors",
                "nps", "marginOfError", "low", "high");
        assertThat(groups.get(0).get("responses").asLong() + groups.get(1).get("responses").asLong()).isEqualTo(100);
    }

    @Test
    void npsTableIsReadable() throws IOException {
        Run run = run("", "nps", npsFile());
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Net Promoter Score: ").contains("column 'score', 95% confidence")
                .contains("responses  promoters  passives  detractors  NPS  margin of error")
                .contains("      100         50        30          20   30          15.3078");
    }

    @Test
    void readsStandardInputAndTheOnlyColumnAndSkipsBlanks() {
        Run run = run("nps\n10\n\n9\n  \n0\n", "nps", "-", "--format", "json");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"responses\" : 3");
        Run table = run("nps\n10\n\"\"\n0\n", "nps", "-");
        assertThat(table.out()).contains("1 blank answers skipped");
    }

    @Test
    void badValuesStopWithStatusTwoAndOneLineNamingFileLineColumnAndValue() throws IOException {
        String file = write("bad.csv", "id,score\n1,9\n2,nine\n3,10\n");
        Run run = run("", "nps", file);
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(file + ":3: column 'score': value 'nine' is not an integer such as 12 or -3 "
                + "(digits with an optional sign)" + System.lineSeparator());

        String offScale = write("off.csv", "id,score\n1,9\n2,10\n3,11\n");
        Run second = run("", "nps", offScale, "--format", "json");
        assertThat(second.status()).isEqualTo(2);
        assertThat(second.out()).isEmpty();
        assertThat(second.err().trim()).isEqualTo(offScale + ":4: column 'score': value '11' is not an answer on the scale 0..10");
    }

    @Test
    void missingFilesColumnsAndBadOptionsAreUsageErrors() throws IOException {
        String file = write("two.csv", "a,b\n1,2\n");
        assertThat(run("", "nps", file).err().trim())
                .isEqualTo(file + ":1: no column 'score'; name the answer column with --column, one of [a, b]");
        assertThat(run("", "nps", file, "--column", "c").err().trim())
                .isEqualTo(file + ":1: column 'c' not found; the columns are [a, b]");
        assertThat(run("", "nps", file, "--column", "a", "--by", "z").status()).isEqualTo(2);
        assertThat(run("", "nps", dir.resolve("missing.csv").toString()).err().trim()).endsWith("missing.csv: no such file");
        Run confidence = run("", "nps", file, "--column", "a", "--confidence", "1.5");
        assertThat(confidence.status()).isEqualTo(2);
        assertThat(confidence.err()).contains("--confidence must be in (0, 1), was 1.5");
        assertThat(run("", "nps", file, "--format", "xml").err()).contains("must be table or json, was 'xml'");
        assertThat(run("", "csat", file, "--column", "a", "--scale", "5-1").err())
                .contains("--scale/--satisfied: max must be > min 5, was 1");
        assertThat(run("", "frobnicate").status()).isEqualTo(2);
    }

    @Test
    void csatWorkedExample() throws IOException {
        // 74 satisfied (4..5) of 107 answers on 1..5 -> 0.6916
        StringBuilder csv = new StringBuilder("rating\n");
        int[] counts = {10, 10, 13, 30, 44};
        for (int point = 1; point <= 5; point++) {
            csv.append((point + "\n").repeat(counts[point - 1]));
        }
        Run run = run("", "csat", write("csat.csv", csv.toString()), "--column", "rating", "--format", "json");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(fieldNames(json)).containsExactly("responses", "satisfied", "csat", "low", "high", "mean");
        assertThat(json.get("satisfied").asLong()).isEqualTo(74);
        assertThat(json.get("csat").asDouble()).isCloseTo(0.6916, within(0.00005));
        assertThat(json.get("low").asDouble()).isCloseTo(0.5987150913219855, within(1e-12));
        assertThat(json.get("mean").asDouble()).isCloseTo(409.0 / 107, within(1e-12));

        Run tenPoint = run("", "csat", write("ten.csv", "score\n10\n9\n8\n1\n"), "--scale", "1-10", "--format", "json");
        assertThat(tenPoint.json().get("csat").asDouble()).isEqualTo(0.5);
        Run custom = run("", "csat", write("ten2.csv", "score\n10\n9\n8\n1\n"), "--scale", "1..10", "--satisfied", "8-10",
                "--format", "json");
        assertThat(custom.json().get("csat").asDouble()).isEqualTo(0.75);
    }

    @Test
    void cesKeysAndOrientation() throws IOException {
        String file = write("ces.csv", "score,team\n7,a\n6,a\n5,b\n2,b\n1,b\n");
        Run run = run("", "ces", file, "--format", "json");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(fieldNames(json)).containsExactly("responses", "easy", "easyShare", "mean", "meanLow", "meanHigh");
        assertThat(json.get("easy").asLong()).isEqualTo(3);
        assertThat(json.get("easyShare").asDouble()).isEqualTo(0.6);
        assertThat(json.get("mean").asDouble()).isEqualTo(4.2);
        Run lower = run("", "ces", file, "--lower-is-easier", "--format", "json");
        assertThat(lower.json().get("easy").asLong()).isEqualTo(2);
        Run grouped = run("", "ces", write("ces1.csv", "score,team\n7,a\n5,b\n2,b\n"), "--by", "team", "--format", "json");
        JsonNode a = grouped.json().get("groups").get(0);
        assertThat(a.get("key").asText()).isEqualTo("a");
        assertThat(a.get("meanLow").isNull()).as("a mean interval of one answer is undefined").isTrue();
        // Issue 11: the title named the enum constant HIGHER_IS_EASIER.
        assertThat(run("", "ces", file).out()).startsWith("Customer effort (CES (1..7, higher is easier, easy 5..7))");
        assertThat(run("", "ces", file, "--lower-is-easier").out()).contains("lower is easier");
    }

    @Test
    void demoPrintsTheReport() {
        Run run = run("", "demo");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Loyalty Metrics demo report").contains("Net Promoter Score")
                .contains("NPS by month").contains("Customer satisfaction").contains("Customer effort")
                .contains("Customer loyalty score");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
