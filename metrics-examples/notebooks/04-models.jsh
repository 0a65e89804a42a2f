// Predictive customer-base models: BG/NBD, Pareto/NBD, Gamma-Gamma, sBG and BG/BB.
// jshell --class-path metrics-core/target/metrics-core-0.1.0-SNAPSHOT.jar < metrics-examples/notebooks/04-models.jsh

// %% A model with the published CDNOW estimates (Fader, Hardie & Lee 2005), in weeks
import org.loyaltymetrics.data.*;
import org.loyaltymetrics.model.*;
import java.time.temporal.ChronoUnit;
var bgnbd = BetaGeometricNbdModel.of(0.243, 4.414, 0.793, 2.426, ChronoUnit.WEEKS)
bgnbd.expectedPurchases(52)
bgnbd.conditionalExpectedPurchases(39, 2, 30.43, 38.86)
bgnbd.probabilityAlive(2, 30.43, 38.86)

// %% Simulate 2,000 customers observed 39 weeks from those parameters and fit them back
var ages = new double[2_000];
java.util.Arrays.fill(ages, 39.0);
var simulated = bgnbd.simulate(ages, 42)
var fitted = BetaGeometricNbdModel.fit(simulated)
fitted.fitResult()

// %% Pareto/NBD on the same data, and a penaliser
ParetoNbdModel.fit(simulated, FitOptions.defaults().withPenalizer(0.001)).fitResult()

// %% Spend: Gamma-Gamma with the published estimates, and a customer's value over a year
var spend = GammaGammaModel.of(6.25, 3.74, 15.44)
spend.conditionalExpectedAverageSpend(2, 22.35)
spend.customerLifetimeValue(bgnbd, 2, 30.43, 38.86, 22.35, ValuationHorizon.of(12, ChronoUnit.MONTHS, 0.01))

// %% Contractual retention: sBG on Fader & Hardie's (2007) regular segment, years 0..7, projected to year 12
var regular = CohortSurvivors.of(1000, 631, 468, 382, 326, 289, 262, 241)
var sbg = ShiftedBetaGeometricModel.fit(regular)
System.out.println(sbg.projectionTable(12))
sbg.discountedExpectedResidualLifetime(4, 0.1)
