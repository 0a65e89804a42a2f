package org.loyaltymetrics.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.loyaltymetrics.examples.cli.LoyaltyMetricsCommandTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltymetrics.examples.cli.LoyaltyMetricsCommandTest.Run;

/**
 * {@code evaluate} over the CDNOW sample split at 1997-09-30 (observed to 1998-06-30), the acceptance case
 * of the calibration/holdout evaluation, whose figures the core's HoldoutEvaluationCdnowTest checks against
 * lifetimes; here the command's contract: its JSON keys, the same figures, the ranking and its errors.
 */
class EvaluateCommandTest {

    private static final String[] CDNOW = {"../metrics-core/src/test/resources/cdnow/CDNOW_sample.txt", "--no-header",
        "--delimiter", "whitespace", "--id-column", "2", "--date-column", "3", "--date-format", "yyyyMMdd",
        "--calibration-end", "1997-09-30", "--observation-end", "1998-06-30"};

    @TempDir
    Path dir;

    private static Run evaluate(String model, String... more) {
        List<String> args = new ArrayList<>(List.of("evaluate", model));
        args.addAll(List.of(CDNOW));
        args.addAll(List.of(more));
        return run("", args.toArray(String[]::new));
    }

    @Test
    void theJsonHasTheContractKeysAndTheEvaluationsFigures() throws IOException {
        Run run = evaluate("bgnbd", "--format", "json");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = run.json();
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("customers", "excluded", "perCustomer", "byFrequency", "tracking", "chiSquare",
                "aic", "bic");
        assertThat(json.get("customers").asLong()).isEqualTo(2357);
        assertThat(json.get("excluded").asLong()).isZero();
        // MAE 0.7855, RMSE 1.6080, bias -0.0970 (BG/NBD, FHL 2005's split; HoldoutEvaluationCdnowTest)
        assertThat(json.get("perCustomer").get("mae").asDouble()).isCloseTo(0.7855, within(5e-5));
        assertThat(json.get("perCustomer").get("rmse").asDouble()).isCloseTo(1.6080, within(5e-5));
        assertThat(json.get("perCustomer").get("bias").asDouble()).isCloseTo(-0.0970, within(5e-5));
        JsonNode byFrequency = json.get("byFrequency");
        assertThat(byFrequency).hasSize(8);
        assertThat(byFrequency.get(0).get("customers").asLong()).isEqualTo(1411);
        assertThat(byFrequency.get(7).get("frequency").asLong()).isEqualTo(7);
        assertThat(byFrequency.get(7).get("openEnded").asBoolean()).isTrue();
        JsonNode tracking = json.get("tracking");
        assertThat(tracking).hasSize(78);
        assertThat(tracking.get(0).get("period").asInt()).isEqualTo(1);
        assertThat(tracking.get(77).get("cumulativeActual").asLong()).isEqualTo(2457 + 1882); // every repeat purchase
        assertThat(json.get("chiSquare").get("degreesOfFreedom").asInt()).isEqualTo(10);
        assertThat(json.get("bic").asDouble()).isGreaterThan(json.get("aic").asDouble());
    }

    @Test
    void theTextReportAndTheChartsAndTheRanking() {
        Run run = evaluate("pareto-nbd", "--charts", dir.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Pareto/NBD holdout purchases per customer, ")
                .contains("Mean holdout purchases by calibration frequency", "7+", "calibration ends after period 39");
        assertThat(dir.resolve("holdout-by-frequency.png")).exists();
        assertThat(dir.resolve("tracking-cumulative.png")).exists();
        assertThat(dir.resolve("tracking-incremental.png")).exists();
        Run all = evaluate("all");
        String[] lines = all.out().split("\n");
        assertThat(lines[0]).startsWith("Models ranked on the holdout: ");
        // Pareto/NBD has the lowest holdout RMSE on CDNOW (1.6028 against 1.6072 and 1.6080)
        assertThat(lines[3]).contains("Pareto/NBD");
        assertThat(lines[4]).contains("MBG/NBD");
        assertThat(lines[5]).contains("BG/NBD");
    }

    @Test
    void badModelsAndDatesAreUsageErrors() {
        assertThat(evaluate("gamma-gamma").err()).startsWith("MODEL must be bgnbd, mbgnbd, pareto-nbd, ggomnbd or all, was "
                + "'gamma-gamma'");
        Run reversed = run("", "evaluate", "bgnbd", CDNOW[0], "--no-header", "--delimiter", "whitespace", "--id-column",
                "2", "--date-column", "3", "--date-format", "yyyyMMdd", "--calibration-end", "1998-06-30",
                "--observation-end", "1997-09-30");
        assertThat(reversed.status()).isEqualTo(2);
        assertThat(reversed.err()).startsWith("--observation-end must be after --calibration-end 1998-06-30");
        assertThat(evaluate("all", "--charts", dir.toString()).err()).startsWith("--charts goes with one MODEL");
    }
}
