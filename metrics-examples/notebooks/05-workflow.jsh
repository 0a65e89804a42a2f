// From a transaction log to decisions, on CDNOW: split, fit, evaluate, pick a model, score, act.
// jshell --class-path metrics-core/target/metrics-core-0.1.0-SNAPSHOT.jar < metrics-examples/notebooks/05-workflow.jsh

// %% Read the CDNOW sample's transactions into an RFM summary split at 1997-09-30 (calibration) and 1998-06-30
import org.loyaltymetrics.data.*;
import org.loyaltymetrics.model.*;
import org.loyaltymetrics.money.CurrencyUnit;
import java.nio.file.*;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
// the log is in notebooks/data; found from the project, the module or the notebooks folder
var log = java.util.stream.Stream.of("metrics-examples/notebooks/data", "notebooks/data", "data").
        map(folder -> Path.of(folder, "CDNOW_sample.txt")).filter(Files::exists).findFirst().orElseThrow();
var calibrationEnd = LocalDate.of(1997, 9, 30);
var end = LocalDate.of(1998, 6, 30);
var splitting = RfmSummary.accumulator(CurrencyUnit.USD, calibrationEnd, end);
var whole = RfmSummary.accumulator(CurrencyUnit.USD, end);
for (String line : Files.readAllLines(log)) {
    if (line.isBlank()) continue;
    String[] cells = line.trim().split("\\s+"); // master id, customer id, yyyyMMdd, CDs, dollars
    long customer = Long.parseLong(cells[1]);
    LocalDate day = LocalDate.parse(cells[2], DateTimeFormatter.BASIC_ISO_DATE);
    long cents = new java.math.BigDecimal(cells[4]).movePointRight(2).longValueExact();
    splitting.add(customer, day, cents);
    whole.add(customer, day, cents);
}
var split = splitting.snapshot();
split

// %% Fit the three purchase models on the calibration period, in weeks
var calibration = PurchaseHistories.from(split, ChronoUnit.WEEKS);
var bgnbd = BetaGeometricNbdModel.fit(calibration);
var mbgnbd = ModifiedBetaGeometricNbdModel.fit(calibration);
var pareto = ParetoNbdModel.fit(calibration);
System.out.print(bgnbd.fitResult().toTable().toText())

// %% Evaluate one on the holdout: customers by calibration frequency, actual against predicted
var evaluation = HoldoutEvaluation.of(bgnbd, split);
System.out.print(evaluation.frequencyTable().toText())

// %% The cohort week by week: the expected cumulative repeat purchases follow the actual ones past the calibration
var tracking = evaluation.tracking();
System.out.print(String.format("week 39: %d actual, %.1f expected; week 78: %d actual, %.1f expected%n",
        tracking.get(38).cumulativeActual(), tracking.get(38).cumulativeExpected(),
        tracking.get(77).cumulativeActual(), tracking.get(77).cumulativeExpected()))

// %% Pick a model: the three ranked by their holdout RMSE (lower is better), with the other figures
var comparison = ModelComparison.of(java.util.List.of(evaluation, HoldoutEvaluation.of(mbgnbd, split),
        HoldoutEvaluation.of(pareto, split)));
System.out.print(comparison.toTable().toText())

// %% Refit the chosen model on the whole log, and the spend model on the repeat buyers' purchase values
var summary = whole.snapshot();
var histories = PurchaseHistories.from(summary, ChronoUnit.WEEKS);
var chosen = ParetoNbdModel.fit(histories);
var spend = GammaGammaModel.fit(SpendHistories.from(summary));
System.out.print(spend.fitResult().toTable().toText())

// %% Score every customer: the next year's purchases, P(alive), spend and a year's value, with 90 % intervals
var year = ValuationHorizon.of(52, ChronoUnit.WEEKS, 0.15 / 52);
var scorer = Scorer.of(chosen, 52).withSpend(spend).withLifetimeValue(year).withIntervals(0.9);
var customers = new java.util.ArrayList<Scorer.Customer>();
for (var c : summary.customers()) {
    if (c.ageDays() == 0) continue; // bought first on the last day: not yet observed
    customers.add(new Scorer.Customer(c.customerId(), PurchaseHistory.of(c.frequency(), c.recency(ChronoUnit.WEEKS),
            c.age(ChronoUnit.WEEKS), ChronoUnit.WEEKS),
            c.frequency() > 0 && c.monetaryValue() > 0 ? SpendHistory.of(c.frequency(), c.monetaryValue()) : null));
}
var scores = scorer.scoreAll(customers);
scores.size()

// %% The ten most valuable customers of the coming year, with the interval of each value
scores.stream().sorted(java.util.Comparator.comparingDouble((Scorer.Score s) -> -s.value(Scorer.Figure.LIFETIME_VALUE))).
        limit(10).forEach(System.out::println)

// %% Act: valuable customers who are slipping away (a year's value over $50, P(alive) under 0.5), for a win-back offer
scores.stream().filter(s -> s.value(Scorer.Figure.LIFETIME_VALUE) > 50 && s.probabilityAlive() < 0.5).
        map(s -> s.customerId() + String.format(" P(alive) %.2f, value %.2f", s.probabilityAlive(),
                s.value(Scorer.Figure.LIFETIME_VALUE))).
        forEach(System.out::println)
