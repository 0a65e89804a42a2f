package org.loyaltymetrics.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.loyaltymetrics.examples.cli.LoyaltyMetricsCommandTest.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltymetrics.examples.cli.LoyaltyMetricsCommandTest.Run;

/**
 * {@code fit --predict} with intervals and lifetime values, and {@code score} with the saved JSON of a fit:
 * the same scores as the core's {@code Scorer} and {@code PredictionUncertainty} (tested there), row for row.
 */
class ScoreCommandTest {

    @TempDir
    Path dir;

    private String cdnow() throws IOException {
        try (InputStream in = ScoreCommandTest.class.getResourceAsStream("/demo/cdnow-customers.csv")) {
            Path file = dir.resolve("cdnow.csv");
            Files.write(file, in.readAllBytes());
            return file.toString();
        }
    }

    private String save(Run run, String name) throws IOException {
        assertThat(run.status()).as(run.err()).isZero();
        Path file = dir.resolve(name);
        Files.writeString(file, run.out());
        return file.toString();
    }

    @Test
    void fitPredictsWithIntervalsAndLifetimeValues() throws IOException {
        Run run = run("", "fit", "bgnbd", cdnow(), "--predict", "39", "--intervals", "0.9");
        assertThat(run.status()).as(run.err()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).isEqualTo("ID,expected_purchases,expected_purchases_low,expected_purchases_high,"
                + "probability_alive,probability_alive_low,probability_alive_high");
        // customer 1 (x = 2, tₓ = 30.43, T = 38.86): 1.2259 in the next 39 weeks, inside its 90 % interval
        String[] first = lines[1].split(",");
        assertThat(first[0]).isEqualTo("1");
        assertThat(Double.parseDouble(first[1])).isCloseTo(1.2259, within(5e-5));
        assertThat(Double.parseDouble(first[2])).isLessThan(Double.parseDouble(first[1]));
        assertThat(Double.parseDouble(first[3])).isGreaterThan(Double.parseDouble(first[1]));

        Run value = run("", "fit", "bgnbd", cdnow(), "--predict", "39", "--horizon", "52", "--discount", "0.002");
        assertThat(value.out().split("\n")[0]).isEqualTo("ID,expected_purchases,probability_alive,"
                + "expected_average_spend,lifetime_value");
        assertThat(run("", "fit", "gamma-gamma", cdnow(), "--predict", "1", "--intervals", "0.9").err())
                .startsWith("--intervals applies to bgnbd, mbgnbd, pareto-nbd and ggomnbd, not gamma-gamma");
        assertThat(run("", "fit", "bgnbd", cdnow(), "--intervals", "0.9").err()).startsWith("--intervals goes with --predict");
        assertThat(run("", "fit", "bgnbd", cdnow(), "--predict", "39", "--intervals", "1.5").err())
                .startsWith("--intervals must be in (0, 1), was 1.5");
    }

    @Test
    void scoreWithASavedFitGivesWhatFitPredicts() throws IOException {
        String cdnow = cdnow();
        String purchases = save(run("", "fit", "bgnbd", cdnow, "--format", "json"), "bgnbd.json");
        String spend = save(run("", "fit", "gamma-gamma", cdnow, "--format", "json"), "gg.json");
        Run fitted = run("", "fit", "bgnbd", cdnow, "--predict", "39", "--horizon", "52", "--intervals", "0.95");
        Run scored = run("", "score", purchases, cdnow, "--predict", "39", "--spend-model", spend, "--horizon", "52",
                "--intervals", "0.95");
        assertThat(scored.status()).as(scored.err()).isZero();
        // the JSON keeps every digit of the estimates and the covariance: the same CSV, byte for byte
        assertThat(scored.out()).isEqualTo(fitted.out());
        assertThat(scored.out().split("\n")).hasSize(2358);
        // standard input, another id column, ids that need quoting, an output file
        Path out = dir.resolve("scores.csv");
        Run piped = run("name,x,t_x,T\n\"Smith, J\",2,30.43,38.86\nLee,0,0,38.86\n", "score", purchases, "-",
                "--predict", "39", "--id-column", "name", "--output", out.toString());
        assertThat(piped.status()).as(piped.err()).isZero();
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).hasSize(3).element(1).asString()
                .startsWith("\"Smith, J\",1.2259");
    }

    @Test
    void badSavedFitsAndOptionsAreRefused() throws IOException {
        String cdnow = cdnow();
        String spend = save(run("", "fit", "gamma-gamma", cdnow, "--format", "json"), "gg.json");
        String purchases = save(run("", "fit", "bgnbd", cdnow, "--format", "json"), "bgnbd.json");
        assertThat(run("", "score", spend, cdnow, "--predict", "39").err()).contains("is a fit of gamma-gamma");
        assertThat(run("", "score", purchases, cdnow, "--predict", "39", "--horizon", "52").err())
                .startsWith("--horizon needs --spend-model");
        assertThat(run("", "score", purchases, cdnow, "--predict", "39", "--spend-model", purchases).err())
                .contains("--spend-model is a fit of bgnbd, not gamma-gamma");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"model\": \"bgnbd\"}");
        Run run = run("", "score", broken.toString(), cdnow, "--predict", "39");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("is not the JSON of fit --format json");
    }
}
