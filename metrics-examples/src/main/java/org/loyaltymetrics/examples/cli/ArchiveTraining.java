package org.loyaltymetrics.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The training run of the class-data-sharing archive that the build writes beside the jar
 * ({@code loyalty-metrics.jsa}, which the {@code loyalty-metrics} launcher gives the JVM): runs the
 * commands that read files once each on the bundled demo data, in one JVM, so that the archive holds
 * the classes they load and a later run maps them instead of loading them from the jar. Not a command
 * of the tool; the build runs it as
 * {@code java -XX:ArchiveClassesAtExit=loyalty-metrics.jsa -cp loyalty-metrics.jar
 * org.loyaltymetrics.examples.cli.ArchiveTraining}.
 */
final class ArchiveTraining {

    private ArchiveTraining() {
    }

    private static void check(String[] run) {
        if (LoyaltyMetricsCommand.run(run) != 0) {
            throw new IllegalStateException("loyalty-metrics " + String.join(" ", run) + " failed");
        }
    }

    /**
     * Runs the commands with their output discarded.
     *
     * @throws IllegalStateException if one of them fails
     */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("loyalty-metrics-training");
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            String transactions = copy(dir, "transactions.csv");
            String survey = copy(dir, "survey-responses.csv");
            String customers = copy(dir, "customers.csv");
            String cdnow = copy(dir, "cdnow-customers.csv");
            // the transactions as the CDNOW files are laid out: blank-separated, no header, yyyyMMdd dates
            String blankSeparated = dir.resolve("transactions.txt").toString();
            Files.write(Path.of(blankSeparated), Files.readAllLines(Path.of(transactions)).stream().skip(1)
                    .map(line -> " " + String.join("  ", Arrays.copyOf(line.split(","), 3)).replace("-", ""))
                    .collect(Collectors.toList()));
            Path savedFit = dir.resolve("bgnbd.json");
            List<String[]> runs = List.of(
                    new String[] {"rfm", transactions, "--end", "2025-06-30"},
                    new String[] {"rfm", blankSeparated, "--delimiter", "whitespace", "--no-header", "--id-column", "1",
                        "--date-column", "2", "--amount-column", "3", "--date-format", "yyyyMMdd", "--end", "2025-06-30"},
                    new String[] {"repeat", transactions, "--format", "json"},
                    new String[] {"nps", survey, "--by", "segment"},
                    new String[] {"csat", survey, "--column", "csat", "--format", "json"},
                    new String[] {"ces", survey, "--column", "ces"},
                    new String[] {"churn", customers, "--from", "2025-01-01", "--to", "2025-03-31"},
                    new String[] {"survival", customers, "--as-of", "2025-07-01"},
                    new String[] {"churn-model", "fit", copy(dir, "telecom-customers.csv"), "--duration", "tenure_months",
                        "--event", "churned", "--covariates", "contract,monthly_charges,support_calls", "--categorical",
                        "contract", "--evaluate-at", "12"},
                    new String[] {"cohorts", copy(dir, "activity.csv"), "--period", "month"},
                    new String[] {"mrr", copy(dir, "mrr.csv")},
                    new String[] {"programme", copy(dir, "airline-miles.csv"), "--as-of", "2025-12-31", "--tiers",
                        copy(dir, "airline-tiers.csv"), "--tier-order", "blue,silver,gold,platinum"},
                    new String[] {"fit", "bgnbd", cdnow},
                    new String[] {"fit", "bgnbd", cdnow, "--predict", "39", "--intervals", "0.9"},
                    new String[] {"score", savedFit.toString(), cdnow,
                        "--predict", "39"},
                    new String[] {"clv", "--aov", "50", "--purchase-frequency", "2", "--lifespan", "3"},
                    new String[] {"--help"});
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            System.setErr(discard);
            // a saved fit for the score command
            try (PrintStream saved = new PrintStream(Files.newOutputStream(savedFit), false, StandardCharsets.UTF_8)) {
                System.setOut(saved);
                check(new String[] {"fit", "bgnbd", cdnow, "--format", "json"});
            }
            System.setOut(discard);
            for (String[] run : runs) {
                check(run);
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            try (var files = Files.list(dir)) {
                for (Path file : files.collect(Collectors.toList())) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    /** Copies the demo file {@code name} into {@code dir}; returns its path. */
    private static String copy(Path dir, String name) {
        try (InputStream in = ArchiveTraining.class.getResourceAsStream("/demo/" + name)) {
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
