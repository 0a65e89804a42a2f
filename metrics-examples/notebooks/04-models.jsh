// Predictive customer-base models: BG/NBD, Pareto/NBD, Gamma-Gamma, sBG and BG/BB.
// jshell --class-path metrics-core/target/metrics-core-0.1.0-SNAPSHOT.jar < metrics-examples/notebooks/04-models.jsh

// %% A model with the published CDNOW estimates (Fader, Hardie & Lee 2005), in weeks, and one customer's history
import org.loyaltymetrics.data.*;
import org.loyaltymetrics.model.*;
import java.time.temporal.ChronoUnit;
var bgnbd = BetaGeometricNbdModel.of(0.243, 4.414, 0.793, 2.426, ChronoUnit.WEEKS)
var customer = PurchaseHistory.of(2, 30.43, 38.86, ChronoUnit.WEEKS)
bgnbd.expectedPurchases(52)
bgnbd.conditionalExpectedPurchases(39, customer)
bgnbd.probabilityAlive(customer)

// %% A history in days is converted to the model's weeks, never read as weeks: the same answer
bgnbd.conditionalExpectedPurchases(39, customer.in(ChronoUnit.DAYS))
bgnbd.conditionalExpectedPurchases(bgnbd.toModelTime(9, ChronoUnit.MONTHS), customer)

// %% Simulate 2,000 customers observed 39 weeks from those parameters and fit them back
var ages = new double[2_000];
java.util.Arrays.fill(ages, 39.0);
var simulated = bgnbd.simulate(ages, 42)
var fitted = BetaGeometricNbdModel.fit(simulated)
fitted.fitResult()
System.out.print(fitted.fitResult().toTable().toText())
fitted.fitResult().estimate("r").confidenceInterval(0.95)

// %% Pareto/NBD on the same data, and a penaliser
System.out.print(ParetoNbdModel.fit(simulated, FitOptions.defaults().withPenalizer(0.001)).fitResult().toTable().toText())

// %% Spend: Gamma-Gamma with the published estimates, and a customer's value over a year
var spend = GammaGammaModel.of(6.25, 3.74, 15.44)
var customerSpend = SpendHistory.of(2, 22.35)
spend.conditionalExpectedAverageSpend(customerSpend)
spend.customerLifetimeValue(bgnbd, customer, customerSpend, ValuationHorizon.of(12, ChronoUnit.MONTHS, 0.01))
// a customer without repeat purchases: valued at the population mean spend
spend.populationMeanSpend()
spend.customerLifetimeValue(bgnbd, PurchaseHistory.of(0, 0, 38.86, ChronoUnit.WEEKS), ValuationHorizon.of(12, ChronoUnit.MONTHS, 0.01))

// %% Contractual retention: sBG on Fader & Hardie's (2007) regular segment, years 0..7, projected to year 12
var regular = CohortSurvivors.of(1000, 631, 468, 382, 326, 289, 262, 241)
var sbg = ShiftedBetaGeometricModel.fit(regular)
System.out.print(sbg.projection(12).toText())
sbg.discountedExpectedResidualLifetime(4, 0.1)

// %% Discrete opportunities: BG/BB for a donor who gave in 3 of 6 years, the last in year 5
var bgbb = BetaGeometricBetaBinomialModel.of(1.204, 0.750, 0.657, 2.783)
var donor = OpportunityHistory.of(3, 5, 6)
bgbb.probabilityAlive(donor)
bgbb.conditionalExpectedPurchases(5, donor)
