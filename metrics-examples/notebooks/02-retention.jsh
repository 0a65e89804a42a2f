// Retention and churn: counts, rates, survival, cohorts and revenue retention.
// jshell --class-path metrics-core/target/metrics-core-0.1.0-SNAPSHOT.jar < metrics-examples/notebooks/02-retention.jsh

// %% Churn and retention from counts (the loyalty and retention guide: 200 members, 20 leave)
import org.loyaltymetrics.retention.*;
import org.loyaltymetrics.time.*;
import java.time.*;
import java.time.temporal.ChronoUnit;
var gym = CustomerCounts.ofCounts(200, 0, 20, 0)
var churn = gym.churnRate()
churn.confidenceInterval(0.95)
CustomerCounts.ofCounts(200, 0, 32, 0).churnRate().differenceFrom(churn)
gym.retentionRate().confidenceInterval(0.95)
ChurnRate.overPeriods(0.05, 12)

// %% Customer records: start, and end (the first day no longer a customer, null while active)
record Customer(LocalDate start, LocalDate end) {}
var customers = java.util.List.of(new Customer(LocalDate.of(2024, 6, 1), null), new Customer(LocalDate.of(2024, 6, 1), LocalDate.of(2025, 1, 20)), new Customer(LocalDate.of(2024, 11, 3), LocalDate.of(2025, 3, 2)), new Customer(LocalDate.of(2025, 1, 1), null), new Customer(LocalDate.of(2025, 2, 14), LocalDate.of(2025, 2, 28)), new Customer(LocalDate.of(2025, 3, 9), null))
customers.stream().collect(CustomerCounts.collector(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 4, 1), Customer::start, Customer::end))
var series = customers.stream().collect(ChurnSeries.collector(Granularity.MONTH, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 4, 1), Customer::start, Customer::end))
System.out.print(series.toTable().toText())

// %% Kaplan-Meier: the Freireich 6-MP remission data (weeks; false = censored)
var km = SurvivalCurve.of(new double[] {6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35}, new boolean[] {true, true, true, false, true, false, true, false, false, true, true, false, false, false, true, true, false, false, false, false, false})
km.median()
km.median().confidenceInterval(0.95)
km.at(13)
km.at(13).confidenceInterval(0.95)
km.restrictedMean()
System.out.print(km.toTable().toText())

// %% The same from customer records as of a date, in months
customers.stream().collect(CustomerLifetimes.collector(LocalDate.of(2025, 4, 1), ChronoUnit.MONTHS, Customer::start, Customer::end))

// %% A monthly cohort table from activity events
record Event(long user, LocalDate date) {}
var events = java.util.List.of(new Event(1, LocalDate.of(2025, 1, 5)), new Event(1, LocalDate.of(2025, 3, 2)), new Event(2, LocalDate.of(2025, 1, 31)), new Event(2, LocalDate.of(2025, 2, 1)), new Event(3, LocalDate.of(2025, 2, 10)), new Event(4, LocalDate.of(2025, 2, 15)), new Event(4, LocalDate.of(2025, 4, 1)))
var cohorts = events.stream().collect(CohortTable.collector(Granularity.MONTH, Event::user, Event::date))
System.out.print(cohorts.toTable().toText())
cohorts.averageCurve()

// %% MRR movements, GRR, NRR and the quick ratio (amounts in cents of US dollars)
import org.loyaltymetrics.money.CurrencyUnit;
var mrr = RevenueRetention.accumulator(CurrencyUnit.USD).add(1, YearMonth.of(2025, 1), 100_00).add(1, YearMonth.of(2025, 2), 120_00).add(2, YearMonth.of(2025, 1), 50_00).add(2, YearMonth.of(2025, 2), 30_00).add(3, YearMonth.of(2025, 2), 10_00).snapshot()
mrr.get(YearMonth.of(2025, 2)).netRevenueRetention()
mrr.get(YearMonth.of(2025, 2))
