// Who will churn, and why: a telecom customer table, from survival curves to the customers to call first.
// jshell --class-path metrics-core/target/metrics-core-0.1.0-SNAPSHOT.jar < metrics-examples/notebooks/06-churn.jsh

// %% Read the telecom customers: months as a customer, churned (1) or still a customer (0), contract, charges, support calls
import org.loyaltymetrics.churn.*;
import org.loyaltymetrics.retention.*;
import java.nio.file.*;
// the synthetic sample bundled with the command line (its seeded generator is demo/TelecomSample.java)
var table = java.util.stream.Stream.of("metrics-examples/src/main/resources/demo", "src/main/resources/demo",
        "../src/main/resources/demo").map(folder -> Path.of(folder, "telecom-customers.csv")).filter(Files::exists).
        findFirst().orElseThrow();
var lines = Files.readAllLines(table);
int n = lines.size() - 1;
var ids = new String[n];
var months = new double[n];
var churned = new boolean[n];
var contract = new String[n];
var charges = new double[n];
var calls = new double[n];
for (int i = 0; i < n; i++) {
    String[] cells = lines.get(i + 1).split(","); // customer_id,tenure_months,churned,contract,monthly_charges,support_calls,region
    ids[i] = cells[0];
    months[i] = Double.parseDouble(cells[1]);
    churned[i] = cells[2].equals("1");
    contract[i] = cells[3];
    charges[i] = Double.parseDouble(cells[4]);
    calls[i] = Double.parseDouble(cells[5]);
}
lines.get(0) + ": " + n + " customers, " + java.util.stream.IntStream.range(0, n).filter(i -> churned[i]).count() + " churned"

// %% Survival by contract (Kaplan-Meier): the share still a customer after 12 and 24 months, and the log-rank test (groups 0, 1, 2 as listed)
boolean[] toBooleans(int[] rows, boolean[] values) {
    boolean[] out = new boolean[rows.length];
    for (int j = 0; j < rows.length; j++) out[j] = values[rows[j]];
    return out;
}
var contracts = java.util.List.of("month-to-month", "one-year", "two-year");
var group = new int[n];
for (int i = 0; i < n; i++) group[i] = contracts.indexOf(contract[i]);
for (int g = 0; g < contracts.size(); g++) {
    final int k = g;
    int[] rows = java.util.stream.IntStream.range(0, n).filter(i -> group[i] == k).toArray();
    var curve = SurvivalCurve.of(java.util.Arrays.stream(rows).mapToDouble(i -> months[i]).toArray(),
            toBooleans(rows, churned));
    System.out.printf("%-15s %4d customers: S(12) %.3f, S(24) %.3f%n", contracts.get(g), rows.length,
            curve.at(12).survival(), curve.at(24).survival());
}
System.out.print(LogRankTest.of(months, churned, group).toTable().toText())

// %% Why: a Cox model of the churn hazard on contract (against month-to-month), monthly charges and support calls
var customers = SurvivalData.of(months, churned).withCategorical("contract", contract, "month-to-month").
        withCovariate("monthly_charges", charges).withCovariate("support_calls", calls);
var cox = CoxModel.fit(customers);
System.out.print(cox.toTable().toText())

// %% Does the hazard stay proportional over tenure? The test on scaled Schoenfeld residuals (R's cox.zph)
System.out.print(cox.proportionalHazardsTest().toTable().toText())

// %% The same question in time: a Weibull accelerated-failure-time model (exp(coef) stretches or shrinks the lifetime)
var weibull = AftModel.fit(customers, AftModel.Distribution.WEIBULL);
System.out.print(weibull.toTable().toText())

// %% Which model ranks customers better? Fit on 70 % of them, evaluate on the other 30 %: concordance, Brier score at 12 months
var random = new java.util.Random(7);
var inTraining = new boolean[n];
for (int i = 0; i < n; i++) inTraining[i] = random.nextDouble() < 0.7;
SurvivalData part(boolean training) {
    int[] rows = java.util.stream.IntStream.range(0, n).filter(i -> inTraining[i] == training).toArray();
    return SurvivalData.of(java.util.Arrays.stream(rows).mapToDouble(i -> months[i]).toArray(), toBooleans(rows, churned)).
            withCategorical("contract", java.util.Arrays.stream(rows).mapToObj(i -> contract[i]).toArray(String[]::new),
                    "month-to-month").
            withCovariate("monthly_charges", java.util.Arrays.stream(rows).mapToDouble(i -> charges[i]).toArray()).
            withCovariate("support_calls", java.util.Arrays.stream(rows).mapToDouble(i -> calls[i]).toArray());
}
var training = part(true);
var holdout = part(false);
for (SurvivalRegression model : java.util.List.of(CoxModel.fit(training), AftModel.fit(training, AftModel.Distribution.WEIBULL))) {
    var brier = BrierScore.of(model, holdout, 12);
    System.out.printf("%-8s holdout concordance %s, Brier score at 12 months %.4f (Kaplan-Meier alone %.4f)%n",
            model instanceof CoxModel ? "Cox" : "Weibull", Concordance.of(model, holdout), brier.value(), brier.reference());
}

// %% Are the Cox model's probabilities right? Predicted against observed churn within 12 months, by decile, on the holdout
System.out.print(CalibrationTable.of(CoxModel.fit(training), holdout, 12).toTable().toText())

// %% Act: the customers still with us most likely to leave in the next 3 months (given their tenure), with the revenue at stake
var still = java.util.stream.IntStream.range(0, n).filter(i -> !churned[i]).boxed().toList();
var x = new double[4];
double leaving(int i) {
    x[0] = contract[i].equals("one-year") ? 1 : 0; // the indicator columns, in the model's order
    x[1] = contract[i].equals("two-year") ? 1 : 0;
    x[2] = charges[i];
    x[3] = calls[i];
    return 1 - cox.survival(months[i] + 3, x) / cox.survival(months[i], x); // P(churn by t + 3 | still a customer at t)
}
cox.covariateNames() + ": " + still.size() + " customers still with us"

// %% The ten to call first
still.stream().sorted(java.util.Comparator.comparingDouble((Integer i) -> -leaving(i))).limit(10).
        forEach(i -> System.out.printf("%s  %-15s %2.0f months, %5.2f a month, %1.0f support calls: %.2f within 3 months%n",
                ids[i], contract[i], months[i], charges[i], calls[i], leaving(i)))
