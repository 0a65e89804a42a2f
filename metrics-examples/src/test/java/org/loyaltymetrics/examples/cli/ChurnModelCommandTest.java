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
import org.loyaltymetrics.examples.demo.TelecomSample;

/**
 * {@code churn-model fit} and {@code survival --by} as a user runs them, on the bundled synthetic telecom
 * table and the demo customer records. Reference values from R 4.2.2 with survival 3.5-3, made by:
 *
 * <pre>
 * d &lt;- read.csv("telecom-customers.csv")
 * f &lt;- coxph(Surv(tenure_months, churned) ~ contract + monthly_charges + support_calls, data = d)
 * coef(f); sqrt(diag(f$var)); f$loglik; concordance(f)  # concordance and sqrt(var)
 * 1 - summary(survfit(f, newdata = d[1:2, ], ctype = 1), times = 12)$surv
 * survdiff(Surv(t, e) ~ plan)  # the customers.csv records with plan "basic" for ids divisible by 3, else "pro";
 *                              # t = (end if ended by 2025-07-01, else 2025-07-01) - start, in days
 * </pre>
 *
 * <p>Printed to 15 digits; asserted to 1e-7 relative (coefficients, standard errors, predictions: the Cox fit
 * agrees with R to about 5e-9) and 1e-8 absolute (log-likelihoods, concordance, the log-rank χ²).
 */
class ChurnModelCommandTest {

    private static final double STRATA_CHARGES = 0.0106466701878538;
    private static final double STRATA_CHURN_1 = 0.0557185003635595;
    private static final double STRATA_CHURN_2 = 0.481538117872589;

    @TempDir
    Path dir;

    private String telecom() throws IOException {
        Path file = dir.resolve("telecom-customers.csv");
        try (InputStream in = ChurnModelCommandTest.class.getResourceAsStream("/demo/telecom-customers.csv")) {
            Files.write(file, in.readAllBytes());
        }
        return file.toString();
    }

    private static String[] fit(String file, String... more) {
        List<String> args = new ArrayList<>(List.of("churn-model", "fit", file, "--duration", "tenure_months", "--event",
                "churned", "--covariates", "contract,monthly_charges,support_calls", "--categorical", "contract"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static void close(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(Math.abs(expected) * 1e-7));
    }

    @Test
    void theBundledTelecomTableIsTheCommittedGeneratorsOutput() throws IOException {
        assertThat(Files.readString(Path.of(telecom()), StandardCharsets.UTF_8))
                .isEqualTo(TelecomSample.csv(TelecomSample.SEED, TelecomSample.CUSTOMERS));
    }

    @Test
    void fitPrintsTheCoefficientTableTestsAndConcordanceAsR() throws IOException {
        String file = telecom();
        Run run = run("", fit(file));
        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).isEqualTo("Cox proportional hazards (efron ties): " + file + ", 3000 customers, 1445 churns");
        assertThat(lines[1]).isEqualTo("log-likelihood -10254.9756 (null -10726.4863), 6 iterations, converged");
        assertThat(lines[2]).startsWith("covariate").contains("coef", "hazard ratio", "se", "z", "p",
                "hazard ratio low 95%", "hazard ratio high 95%");
        assertThat(lines[4]).startsWith("contract=one-year  -1.1086        0.3300  0.0701");
        assertThat(run.out()).contains("likelihood ratio", "Wald", "score", "Concordance 0.7279 (SE 0.0067)\n");
        assertThat(run.out()).containsPattern("likelihood ratio\\s+943\\.0214\\s+4\\s");
    }

    @Test
    void jsonHasThePublishedKeysWithRsFigures() throws IOException {
        Run run = run("", fit(telecom(), "--format", "json"));
        assertThat(run.status()).isZero();
        JsonNode json = run.json();
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).contains("model", "customers", "events", "coefficients", "logLikelihood", "concordance");
        assertThat(json.get("model").asText()).isEqualTo("cox");
        assertThat(json.get("customers").asLong()).isEqualTo(3000);
        assertThat(json.get("events").asLong()).isEqualTo(1445);
        close(json.get("logLikelihood").asDouble(), -10254.9756137461);
        assertThat(json.get("logLikelihood").asDouble()).isCloseTo(-10254.9756137461, within(1e-8));
        assertThat(json.get("concordance").asDouble()).isCloseTo(0.727855632407943, within(1e-8));
        assertThat(json.get("concordanceStandardError").asDouble()).isCloseTo(0.00673412521592512, within(1e-10));
        String[] names = {"contract=one-year", "contract=two-year", "monthly_charges", "support_calls"};
        double[] coef = {-1.10862362016289, -2.13744027291052, 0.0106463046698423, 0.253090076212257};
        double[] se = {0.0701129225544433, 0.110771173945178, 0.000921118576876588, 0.0213417353530062};
        Iterator<JsonNode> coefficients = json.get("coefficients").elements();
        for (int j = 0; j < names.length; j++) {
            JsonNode c = coefficients.next();
            List<String> fields = new ArrayList<>();
            c.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).startsWith("name", "coef", "se", "z", "p", "low", "high");
            assertThat(c.get("name").asText()).isEqualTo(names[j]);
            close(c.get("coef").asDouble(), coef[j]);
            close(c.get("se").asDouble(), se[j]);
            close(c.get("z").asDouble(), coef[j] / se[j]);
            close(c.get("low").asDouble(), coef[j] - 1.959963984540054 * se[j]);
            close(c.get("high").asDouble(), coef[j] + 1.959963984540054 * se[j]);
            close(c.get("ratio").asDouble(), Math.exp(coef[j]));
            assertThat(c.get("p").asDouble()).isBetween(0.0, 1e-20);
        }
        assertThat(coefficients.hasNext()).isFalse();
        assertThat(json.get("tests").get(0).get("statistic").asDouble()).isCloseTo(943.021434450664, within(1e-6));
    }

    @Test
    void predictWritesEveryCustomersChurnProbabilityAsR() throws IOException {
        Path out = dir.resolve("scores.csv");
        Run run = run("", fit(telecom(), "--predict", "12", "--output", out.toString()));
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("Cox proportional hazards");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3001);
        assertThat(lines.get(0)).isEqualTo("customer_id,churn_probability,risk_score,restricted_mean_lifetime");
        String[] first = lines.get(1).split(",");
        assertThat(first[0]).isEqualTo("T0001");
        assertThat(Double.parseDouble(first[1])).isCloseTo(0.0545182203996979, within(1e-6));
        assertThat(Double.parseDouble(lines.get(2).split(",")[1])).isCloseTo(0.477036322232758, within(1e-6));
        assertThat(Double.parseDouble(first[3])).isBetween(0.0, 12.0);
        // to standard output instead of the report
        Run stdout = run("", fit(telecom(), "--predict", "12"));
        assertThat(stdout.out()).startsWith("customer_id,churn_probability").hasLineCount(3001);
    }

    @Test
    void aStratifiedFitIsScoredAndEvaluatedInEachCustomersStratum() throws IOException {
        // R: coxph(Surv(tenure_months, churned) ~ monthly_charges + support_calls + strata(contract), data = d)
        //    1 - summary(survfit(f, newdata = d[1:2, ], ctype = 1), times = 12)$surv  (a two-year, a month-to-month)
        Path out = dir.resolve("strata.csv");
        String file = telecom();
        Run run = run("", "churn-model", "fit", file, "--duration", "tenure_months", "--event", "churned",
                "--covariates", "monthly_charges,support_calls", "--strata", "contract", "--predict", "12", "--output",
                out.toString(), "--evaluate-at", "12", "--format", "json");
        assertThat(run.status()).isZero();
        close(run.json().get("coefficients").get(0).get("coef").asDouble(), STRATA_CHARGES);
        assertThat(run.json().get("calibration")).hasSize(10);
        List<String> lines = Files.readAllLines(out);
        assertThat(Double.parseDouble(lines.get(1).split(",")[1])).isCloseTo(STRATA_CHURN_1, within(1e-6));
        assertThat(Double.parseDouble(lines.get(2).split(",")[1])).isCloseTo(STRATA_CHURN_2, within(1e-6));
    }

    @Test
    void countingProcessRowsAreClusteredByCustomerAsR() throws IOException {
        // metrics-core's lung-split.csv and R's splitlate values in lung-reference.csv there:
        // coxph(Surv(tstart, time, event) ~ age + sex + late, data = sp, cluster = id), robust standard errors
        String split = Path.of("..", "metrics-core", "src", "test", "resources", "survival", "lung-split.csv").toString();
        Run run = run("", "churn-model", "fit", split, "--start", "tstart", "--duration", "time", "--event", "event",
                "--covariates", "age,sex,late", "--id-column", "id", "--format", "json");
        assertThat(run.status()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("customers").asLong()).isEqualTo(228);
        assertThat(json.get("rows").asLong()).isEqualTo(457);
        double[] coef = {0.0165819616247269, -0.901817200104147, 0.588385704166772};
        double[] se = {0.00935755001771219, 0.302676182052262, 0.361600316031212};
        for (int j = 0; j < 3; j++) {
            close(json.get("coefficients").get(j).get("coef").asDouble(), coef[j]);
            close(json.get("coefficients").get(j).get("se").asDouble(), se[j]);
        }
        assertThat(json.get("logLikelihood").asDouble()).isCloseTo(-741.499957547461, within(1e-8));
        assertThat(run("", "churn-model", "fit", split, "--start", "tstart", "--duration", "time", "--event", "event",
                "--covariates", "age", "--predict", "100").err()).startsWith("--predict needs one row per customer");
        Run help = run("", "churn-model", "fit", "--help");
        assertThat(help.out()).contains("95%").doesNotContain("95%%");
        assertThat(help.err()).isEmpty();
    }

    @Test
    void evaluateAtAddsTheBrierScoreAndCalibrationTable() throws IOException {
        Run run = run("", fit(telecom(), "--evaluate-at", "24"));
        assertThat(run.status()).isZero();
        assertThat(run.out()).containsPattern("Brier score within 24: 0\\.\\d{4} \\(Kaplan-Meier reference 0\\.\\d{4}\\)")
                .contains("Calibration of predicted churn by 24");
        JsonNode json = run("", fit(telecom(), "--evaluate-at", "24", "--format", "json")).json();
        assertThat(json.get("calibration")).hasSize(10);
        assertThat(json.get("brierScore").get("value").asDouble()).isLessThan(json.get("brierScore").get("reference")
                .asDouble());
    }

    @Test
    void theAcceleratedFailureTimeModelsAreTheLibrarysFits() throws IOException {
        // the command's figures are AftModel's (checked against R's survreg on lung.csv in the core) on the
        // rows the command read: the telecom table's numeric covariates
        java.util.List<String> lines = java.nio.file.Files.readAllLines(Path.of(telecom()));
        int n = lines.size() - 1;
        double[] time = new double[n];
        boolean[] churned = new boolean[n];
        double[] charges = new double[n];
        double[] calls = new double[n];
        java.util.List<String> header = java.util.List.of(lines.get(0).split(","));
        for (int i = 0; i < n; i++) {
            String[] cells = lines.get(i + 1).split(",");
            time[i] = Double.parseDouble(cells[header.indexOf("tenure_months")]);
            churned[i] = cells[header.indexOf("churned")].equals("1");
            charges[i] = Double.parseDouble(cells[header.indexOf("monthly_charges")]);
            calls[i] = Double.parseDouble(cells[header.indexOf("support_calls")]);
        }
        org.loyaltymetrics.churn.SurvivalData data = org.loyaltymetrics.churn.SurvivalData.of(time, churned)
                .withCovariate("monthly_charges", charges).withCovariate("support_calls", calls);
        for (String[] model : new String[][] {{"weibull", "WEIBULL"}, {"lognormal", "LOG_NORMAL"},
            {"loglogistic", "LOG_LOGISTIC"}}) {
            org.loyaltymetrics.churn.AftModel expected = org.loyaltymetrics.churn.AftModel.fit(data,
                    org.loyaltymetrics.churn.AftModel.Distribution.valueOf(model[1]));
            JsonNode json = run("", "churn-model", "fit", telecom(), "--duration", "tenure_months", "--event", "churned",
                    "--covariates", "monthly_charges,support_calls", "--model", model[0], "--format", "json").json();
            assertThat(json.get("model").asText()).isEqualTo(model[0]);
            assertThat(json.get("ratio").asText()).isEqualTo("time ratio");
            assertThat(json.get("coefficients").get(0).get("coef").asDouble())
                    .isEqualTo(expected.coefficient("monthly_charges"));
            assertThat(json.get("coefficients").get(1).get("se").asDouble())
                    .isEqualTo(expected.estimate("support_calls").standardError());
            assertThat(json.get("parameters").get("(Intercept)").get("coef").asDouble()).isEqualTo(expected.intercept());
            assertThat(json.get("parameters").get("Log(scale)").get("coef").asDouble())
                    .isCloseTo(Math.log(expected.scale()), within(1e-15)); // ln of exp of the parameter
            assertThat(json.get("logLikelihood").asDouble()).isEqualTo(expected.logLikelihood());
            assertThat(json.get("concordance").asDouble()).isCloseTo(expected.concordance(), within(1e-12));
            assertThat(json.get("tests").get(0).get("statistic").asDouble())
                    .isEqualTo(expected.likelihoodRatioTest().statistic());
        }
        String table = run("", "churn-model", "fit", telecom(), "--duration", "tenure_months", "--event", "churned",
                "--covariates", "monthly_charges,support_calls", "--model", "weibull").out();
        assertThat(table).startsWith("Weibull accelerated failure time (scale ").contains("time ratio", "(Intercept) ",
                "Log(scale) ", "likelihood ratio", "Wald");
    }

    @Test
    void chartsOfPredictedSurvivalAndCalibration() throws IOException {
        Path charts = dir.resolve("charts");
        Files.createDirectories(charts);
        Run run = run("", fit(telecom(), "--evaluate-at", "12", "--charts", charts.toString()));
        assertThat(run.status()).isZero();
        assertThat(run.err()).contains("wrote " + charts.resolve("predicted-survival.png"),
                "wrote " + charts.resolve("calibration.png"));
        for (String name : new String[] {"predicted-survival.png", "calibration.png"}) {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(charts.resolve(name).toFile());
            assertThat(image).as(name).isNotNull();
            assertThat(image.getWidth()).isGreaterThanOrEqualTo(700);
        }
        Files.copy(charts.resolve("predicted-survival.png"), Path.of("target", "churn-predicted-survival.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // without --evaluate-at there is no calibration chart
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        assertThat(run("", fit(telecom(), "--model", "weibull", "--charts", other.toString())).status()).isZero();
        assertThat(other.resolve("predicted-survival.png")).exists();
        assertThat(other.resolve("calibration.png")).doesNotExist();
    }

    @Test
    void modelAndTiesAreChecked() {
        assertThat(run("", fit("x.csv", "--model", "gompertz")).err()).contains("must be cox, weibull, lognormal or "
                + "loglogistic, was 'gompertz'");
        assertThat(run("", fit("x.csv", "--model", "weibull", "--ties", "breslow")).err())
                .startsWith("--ties applies to --model cox, not weibull");
    }

    @Test
    void rowsWithMissingValuesAreLeftOutAndCountedAndBadCellsNamed() {
        String csv = "id,time,churned,age,plan\na,5,1,30,x\nb,8,0,,y\nc,3,1,41,y\nd,9,1,NA,x\ne,2,0,50,x\nf,7,1,35,y\n"
                + "g,4,1,28,x\nh,6,0,45,y\ni,10,1,38,y\nj,1,1,33,x\nk,6,1,52,x\nl,9,0,29,y\n";
        Run run = run(csv, "churn-model", "fit", "-", "--duration", "time", "--event", "churned", "--covariates",
                "age,plan", "--categorical", "plan", "--format", "json");
        assertThat(run.status()).isZero();
        assertThat(run.err().trim()).isEqualTo("churn-model fit: left out 2 rows with a blank or NA cell in a column of "
                + "the model");
        assertThat(run.out()).contains("\"customers\" : 10", "\"leftOut\" : 2", "\"name\" : \"plan=y\"");
        Run bad = run("id,time,churned,age\na,5,maybe,30\n", "churn-model", "fit", "-", "--duration", "time", "--event",
                "churned", "--covariates", "age");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).startsWith("-:2: column 'churned': value 'maybe'").contains("--event-value");
        Run text = run("id,time,churned,plan\na,5,1,x\n", "churn-model", "fit", "-", "--duration", "time", "--event",
                "churned", "--covariates", "plan");
        assertThat(text.err()).startsWith("-:2: column 'plan': value 'x'").contains("give --categorical plan");
        Run notCovariate = run("", "churn-model", "fit", "x.csv", "--duration", "t", "--event", "e", "--covariates", "a",
                "--categorical", "b");
        assertThat(notCovariate.err()).startsWith("--categorical b must be one of --covariates a");
        assertThat(run("", "churn-model").err().trim()).isEqualTo("Missing required subcommand (see loyalty-metrics "
                + "churn-model --help)");
    }

    @Test
    void eventValueAndBreslowTiesAndPositionalColumns() {
        String csv = "7,2,60\n5,1,65\n9,2,50\n3,2,45\n8,1,40\n6,2,55\n4,1,70\n";
        Run run = run(csv, "churn-model", "fit", "-", "--no-header", "--duration", "1", "--event", "2", "--event-value",
                "2", "--covariates", "3", "--ties", "breslow", "--format", "json");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("\"ties\" : \"breslow\"", "\"events\" : 4", "\"name\" : \"3\"");
    }

    @Test
    void survivalByAColumnAddsTheLogRankTestAsR() throws IOException {
        List<String> records = new ArrayList<>();
        try (InputStream in = ChurnModelCommandTest.class.getResourceAsStream("/demo/customers.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            records.add(lines[0] + ",plan");
            for (int i = 1; i < lines.length; i++) {
                int id = Integer.parseInt(lines[i].substring(1, lines[i].indexOf(',')));
                records.add(lines[i] + "," + (id % 3 == 0 ? "basic" : "pro"));
            }
        }
        Path file = dir.resolve("plans.csv");
        Files.write(file, records);
        Run run = run("", "survival", file.toString(), "--as-of", "2025-07-01", "--by", "plan");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Log-rank test by 'plan': chi-square 0.1126 on 1 df, p = 0.737")
                .containsPattern("basic\\s+500\\s+236\\s+231\\.8183");
        JsonNode json = run("", "survival", file.toString(), "--as-of", "2025-07-01", "--by", "plan", "--format", "json")
                .json();
        assertThat(json.get("points")).isNotEmpty();
        JsonNode logRank = json.get("logRank");
        assertThat(logRank.get("statistic").asDouble()).isCloseTo(0.112555021246368, within(1e-8));
        assertThat(logRank.get("degreesOfFreedom").asInt()).isEqualTo(1);
        assertThat(logRank.get("groups").get(0).get("group").asText()).isEqualTo("basic");
        assertThat(logRank.get("groups").get(0).get("expected").asDouble()).isCloseTo(231.818313377572, within(1e-8));
        assertThat(logRank.get("groups").get(1).get("customers").asLong()).isEqualTo(1000);
        Run one = run("start_date,end_date,plan\n2025-01-01,,a\n2025-02-01,2025-03-01,a\n", "survival", "-", "--as-of",
                "2025-07-01", "--by", "plan");
        assertThat(one.status()).isEqualTo(2);
        assertThat(one.err()).contains("--by plan has 1 group ('a')");
        assertThat(run("start_date,end_date\n2025-01-01,\n", "survival", "-", "--as-of", "2025-07-01", "--by", "plan")
                .err()).contains("column 'plan' not found");
    }
}
