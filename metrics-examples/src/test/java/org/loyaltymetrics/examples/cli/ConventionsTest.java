package org.loyaltymetrics.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltymetrics.examples.cli.LoyaltyMetricsCommandTest.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltymetrics.examples.cli.LoyaltyMetricsCommandTest.Run;
import org.loyaltymetrics.model.ModelFitException;

/**
 * One set of conventions for every command (issue 11): each test reproduces a defect a new user met and
 * checks it is gone.
 */
class ConventionsTest {

    @TempDir
    Path dir;

    private String write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file.toString();
    }

    /** Records of four customers: two at the start of January, one lost in January, two new in February. */
    private String customers(String header) throws IOException {
        return write("customers.csv", header + "\n2024-12-01,\n2024-12-15,2025-01-20\n2025-02-03,\n2025-02-10,\n");
    }

    @Test
    void aFileWithoutAHeaderIsRefusedUnlessNoHeaderIsGiven() {
        // `printf '10\n9\n3\n' | nps -` reported 2 responses: the first answer was taken for the header.
        Run refused = run("10\n9\n3\n", "nps", "-");
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err().trim()).isEqualTo("-:1: the first line '10' is numbers or dates, not a header naming "
                + "the columns: add a header row, or give --no-header to read every line as data (the columns are then "
                + "named by position, 1, 2, ...)");
        Run accepted = run("10\n9\n3\n", "nps", "-", "--no-header", "--format", "json");
        assertThat(accepted.status()).isZero();
        assertThat(accepted.out()).contains("\"responses\" : 3", "\"promoters\" : 2", "\"detractors\" : 1");
        // a header of dates is data too; a header with one name among numbers is a header
        assertThat(run("2025-01-01,9\n2025-01-02,3\n", "nps", "-", "--column", "2").err())
                .contains("the first line '2025-01-01,9' is numbers or dates");
        assertThat(run("2025,score\n1,9\n", "nps", "-", "--format", "json").out()).contains("\"responses\" : 1");
    }

    @Test
    void everyCommandThatReadsAFileTakesTheDelimiterAndNoHeaderOptions() throws IOException {
        String tabs = write("answers.tsv", "segment\tscore\nb2b\t10\nb2c\t3\n");
        assertThat(run("", "nps", tabs, "--delimiter", "tab", "--format", "json").out()).contains("\"responses\" : 2");
        assertThat(run("", "csat", tabs, "--delimiter", "tab", "--format", "json").status()).isEqualTo(2); // 10 is off 1..5
        String records = write("records.csv", "2024-12-01,\n2024-12-15,2025-01-20\n");
        Run churn = run("", "churn", records, "--no-header", "--start-column", "1", "--end-column", "2", "--from",
                "2025-01-01", "--to", "2025-01-31", "--format", "json");
        assertThat(churn.status()).isZero();
        assertThat(churn.out()).contains("\"customersAtStart\" : 2", "\"lostCustomers\" : 1");
        Run survival = run("", "survival", records, "--no-header", "--start-column", "1", "--end-column", "2",
                "--as-of", "2025-03-01", "--format", "json");
        assertThat(survival.status()).isZero();
        assertThat(survival.out()).contains("\"events\" : 1");
        String lifetimes = write("lifetimes.tsv", "7\t1\t60\n5\t0\t65\n9\t1\t50\n3\t1\t45\n8\t0\t40\n6\t1\t55\n4\t0\t70\n");
        Run churnModel = run("", "churn-model", "fit", lifetimes, "--delimiter", "tab", "--no-header", "--duration", "1",
                "--event", "2", "--covariates", "3", "--format", "json");
        assertThat(churnModel.status()).isZero();
        assertThat(churnModel.out()).contains("\"customers\" : 7", "\"events\" : 4");
        String snapshots = write("mrr.txt", "A1 2025-01 100.00\nA1 2025-02 120.00\n");
        Run mrr = run("", "mrr", snapshots, "--delimiter", "whitespace", "--no-header", "--account-column", "1",
                "--month-column", "2", "--mrr-column", "3", "--format", "json");
        assertThat(mrr.status()).isZero();
        assertThat(mrr.out()).contains("\"expansionMrr\" : 20.00");
        String histories = write("histories.txt", "2 30.43 38.86\n1 1.71 38.86\n0 0 38.86\n1 15 38\n3 20 39\n");
        // five customers do not identify the BG/NBD (unpenalised, b runs off): a penalizer keeps it finite
        Run fit = run("", "fit", "bgnbd", histories, "--delimiter", "whitespace", "--no-header", "--penalizer", "0.01",
                "--allow-nonconvergence", "--format", "json");
        assertThat(fit.out()).contains("\"customers\" : 5");
        String activity = write("activity.csv", "u1\t2025-01-03\nu1\t2025-02-03\n");
        Run cohorts = run("", "cohorts", activity, "--delimiter", "tab", "--no-header", "--id-column", "1",
                "--date-column", "2", "--format", "json");
        assertThat(cohorts.out()).contains("\"cohort\" : \"2025-01\"", "\"size\" : 1");
    }

    @Test
    void dateRangesIncludeBothEndsAndAWidenedRangeIsSaidInTheTitle() throws IOException {
        String records = customers("start_date,end_date");
        // --to is the last day of the range, inclusive, as --end, --calibration-end and --as-of are
        Run january = run("", "churn", records, "--from", "2025-01-01", "--to", "2025-01-31");
        assertThat(january.out()).startsWith("Churn (lost-over-start): " + records + ", 2025-01-01 to 2025-01-31\n");
        assertThat(january.out()).containsPattern("\\s2\\s+1\\s+0\\s+1\\s+0\\.5\\s+0\\.5\\n");
        // `--from 2025-01-15 --by-period month` printed all of January under a title saying 2025-01-15
        Run widened = run("", "churn", records, "--from", "2025-01-15", "--to", "2025-02-20", "--by-period", "month");
        assertThat(widened.status()).isZero();
        assertThat(widened.out()).startsWith("Churn (lost-over-start): " + records
                + ", every month from 2025-01 to 2025-02 (2025-01-01 to 2025-02-28)\n");
        assertThat(widened.err().trim()).isEqualTo("churn: --from 2025-01-15 and --to 2025-02-20 (inclusive) are widened "
                + "to whole months: 2025-01-01 to 2025-02-28");
        assertThat(run("", "churn", records, "--from", "2025-01-01", "--to", "2025-02-28", "--by-period", "month").err())
                .isEmpty();
        assertThat(run("", "churn", records, "--from", "2025-01-02", "--to", "2025-01-01").err())
                .startsWith("--to must be on or after --from 2025-01-02, was 2025-01-01");
    }

    @Test
    void survivalBlamesTheStartColumnForAStartAfterAsOf() throws IOException {
        String records = customers("start_date,end_date");
        Run run = run("", "survival", records, "--as-of", "2025-02-05");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().trim()).isEqualTo(records + ":5: --as-of 2025-02-05 is before this record's start_date "
                + "2025-02-10: --as-of must be the day the records were observed, on or after every start");
    }

    @Test
    void everyCommandPrintsATableByDefaultAndJsonOnRequest() throws IOException {
        String log = write("log.csv", "customer_id,date,amount\nc1,2025-01-01,10\nc1,2025-01-08,12\nc2,2025-01-03,5\n");
        Run repeat = run("", "repeat", log);
        assertThat(repeat.out()).startsWith("Repeat purchase rate: " + log + "\ncustomers  repeat customers");
        assertThat(run("", "repeat", log, "--format", "json").out()).contains("\"repeatCustomerRate\" : 0.5");
        Run clv = run("", "clv", "--aov", "40", "--purchase-frequency", "3.97", "--lifespan", "3");
        assertThat(clv.out()).isEqualTo("Customer lifetime value\nsimple CLV\n----------\n     476.4\n");
        assertThat(run("", "clv", "--aov", "40", "--purchase-frequency", "3.97", "--lifespan", "3", "--format", "json")
                .out()).contains("\"simpleClv\" : 476.4");
    }

    @Test
    void tableHeadersAreWordsAndNumbersOfAColumnAlign() {
        assertThat(Printer.words("customersAtStart")).isEqualTo("customers at start");
        assertThat(Printer.words("saasLtvNet")).isEqualTo("SaaS LTV net");
        assertThat(Printer.words("nps")).isEqualTo("NPS");
        // "1 customers" in the headings of survival and fit
        assertThat(Printer.plural(1, "customer")).isEqualTo("1 customer");
        assertThat(Printer.plural(0, "customer")).isEqualTo("0 customers");
        // `15.536` over `31.1484`: a column's numbers now have the same decimals, its decimal points aligned
        List<List<String>> cells = Printer.formatColumns(List.of(List.of("a", 15.536, 25.0, 3L),
                List.of("b", 31.14836, 100.0, 12L), List.of("c", -0.00001, 7.5, 0L)));
        assertThat(cells).containsExactly(List.of("a", "15.5360", "25.0", "3"), List.of("b", "31.1484", "100.0", "12"),
                List.of("c", "0.0000", "7.5", "0"));
        Run run = run("segment,score\nx,10\nx,9\nx,9\nx,2\nx,8\nx,7\nx,6\ny,10\ny,3\n", "nps", "-", "--by", "segment");
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).isEqualTo("Net Promoter Score: standard input, column 'score' by 'segment', 95% confidence");
        assertThat(lines[1]).startsWith("segment  responses  promoters  passives  detractors      NPS  margin of error");
        assertThat(lines[3].indexOf('.')).isEqualTo(lines[4].indexOf('.'));
    }

    @Test
    void errorsSpeakOfOptionsNotOfTheLibrarysArguments() {
        // `clv --churn 5` said `churnRate must be…`
        Run run = run("", "clv", "--arpa", "100", "--churn", "5");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().trim()).isEqualTo("--churn must be in [0.0, 1.0], was 5.0 (see loyalty-metrics clv --help)");
        // a usage error is one line and a pointer to the help, never the whole help
        assertThat(run("", "nps").err().trim()).isEqualTo("Missing required parameter: 'FILE' (see loyalty-metrics nps "
                + "--help)");
    }

    @Test
    void fitFailuresSuggestOptionsOfTheToolAndNonConvergenceCanBeChosen() throws IOException {
        ModelFitException notConverged = new ModelFitException("the BG/NBD fit did not converge in 3 iterations",
                List.of(ModelFitException.Remedy.MORE_ITERATIONS, ModelFitException.Remedy.PENALIZER), "check the data");
        assertThat(notConverged.getMessage()).isEqualTo("the BG/NBD fit did not converge in 3 iterations; try more "
                + "iterations (FitOptions.withMaxIterations), or a penalizer such as "
                + "FitOptions.defaults().withPenalizer(0.001), or check the data");
        assertThat(FitCommand.inCommandLineTerms(notConverged, 0, 3)).isEqualTo("the BG/NBD fit did not converge in 3 "
                + "iterations; try more iterations (--max-iterations 12), or a penalizer such as --penalizer 0.001, or "
                + "check the data, or --allow-nonconvergence to see where it stopped");
        assertThat(FitCommand.inCommandLineTerms(notConverged, 0.01, 3)).contains("--penalizer 0.1");
        String histories = write("h.csv", "frequency,recency,T\n2,30.43,38.86\n1,1.71,38.86\n0,0,38.86\n7,29.43,38.86\n"
                + "1,5,38.86\n0,0,38.86\n4,20,38\n");
        Run failed = run("", "fit", "bgnbd", histories, "--max-iterations", "2");
        assertThat(failed.status()).isEqualTo(2);
        assertThat(failed.err()).contains("did not converge in 2 iterations", "--max-iterations 8", "--penalizer 0.001")
                .doesNotContain("FitOptions");
        Run allowed = run("", "fit", "bgnbd", histories, "--max-iterations", "2", "--allow-nonconvergence");
        assertThat(allowed.status()).isZero();
        assertThat(allowed.out()).contains("7 customers", "2 iterations, NOT CONVERGED");
        assertThat(run("", "fit", "bgnbd", histories, "--max-iterations", "0").err())
                .startsWith("--max-iterations must be >= 1, was 0");
    }

    @Test
    void helpIsACommandAndCompletionIsOffered() {
        Run help = run("", "help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Commands:", "  nps ", "  generate-completion ", "  help ");
        // every command is one line in the list: the chart's summary is no longer cut at "KIND is one of:"
        assertThat(help.out()).contains("  chart                Renders a chart of the library's results as PNG, SVG or\n"
                + "                         PDF.\n");
        Run chartHelp = run("", "help", "chart");
        assertThat(chartHelp.out()).contains("--as-of=DATE", "--width=PIXELS", "  survival ").doesNotContain("<");
        Run completion = run("", "generate-completion");
        assertThat(completion.status()).isZero();
        assertThat(completion.out()).contains("complete -F", "loyalty-metrics", "churn", "--no-header");
    }

    @Test
    void rfmWithoutACalibrationEndSaysNothingOfAHoldout() throws IOException {
        String log = write("log.csv", "customer_id,date,amount\nc1,2025-01-01,10\nc1,2025-03-08,12\nc2,2025-01-03,5\n");
        Run run = run("", "rfm", log, "--end", "2025-02-28");
        assertThat(run.err().trim()).isEqualTo("rfm: left out 1 transaction after --end 2025-02-28");
        Run split = run("", "rfm", write("late.csv", "customer_id,date,amount\nc1,2025-01-01,10\nc2,2025-02-03,5\n"),
                "--calibration-end", "2025-01-31", "--end", "2025-02-28");
        assertThat(split.err().trim()).isEqualTo("rfm: left out 1 customer whose first purchase is in the holdout "
                + "period (after --calibration-end 2025-01-31)");
    }

    @Test
    void longReadsShowTheirProgressOnStandardError() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicLong clock = new AtomicLong();
        Progress progress = new Progress("big.csv", err, clock::get, TimeUnit.SECONDS.toNanos(2), false);
        for (int i = 0; i < 3 * 4096; i++) { // 1.5 s: quiet
            progress.record();
            clock.addAndGet(TimeUnit.SECONDS.toNanos(1) / 8192);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
        for (int i = 0; i < 4 * 4096; i++) { // to 3.5 s: one line at the first check after 2 s, 2.5 s (then every 10 s: not a terminal)
            progress.record();
            clock.addAndGet(TimeUnit.SECONDS.toNanos(1) / 8192);
        }
        progress.finish();
        assertThat(bytes.toString(StandardCharsets.UTF_8).split("\n")).containsExactly(
                "loyalty-metrics: reading big.csv: 20,480 records in 2.5 s...",
                "loyalty-metrics: read big.csv: 28,672 records in 3.5 s");
        // a quick read says nothing
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        Progress quick = new Progress("small.csv", new PrintStream(quiet, true, StandardCharsets.UTF_8), clock::get,
                TimeUnit.SECONDS.toNanos(2), true);
        for (int i = 0; i < 10_000; i++) {
            quick.record();
        }
        quick.finish();
        assertThat(quiet.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
