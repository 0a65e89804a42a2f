package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;

class BetaGeometricNbdModelTest {

    /** A customer's history in weeks. */
    static PurchaseHistory weeks(long frequency, double recency, double age) {
        return PurchaseHistory.of(frequency, recency, age, ChronoUnit.WEEKS);
    }

    private static final BetaGeometricNbdModel PUBLISHED = BetaGeometricNbdModel.of(0.243, 4.414, 0.793, 2.426,
            ChronoUnit.WEEKS);

    static BetaGeometricNbdModel cdnowFit() {
        return BetaGeometricNbdModel.fit(ReferenceData.cdnow());
    }

    @Test
    void fitsTheCdnowCohortToEveryPublishedDigit() {
        // Fader, Hardie & Lee (2005): r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4; three decimals -> ±0.0005.
        BetaGeometricNbdModel model = cdnowFit();
        assertThat(model.r()).isCloseTo(0.243, within(0.0005));
        assertThat(model.alpha()).isCloseTo(4.414, within(0.0005));
        assertThat(model.a()).isCloseTo(0.793, within(0.0005));
        assertThat(model.b()).isCloseTo(2.426, within(0.0005));
        ModelFit fit = model.fitResult();
        assertThat(fit.logLikelihood()).isCloseTo(-9582.4, within(0.05));
        // the maximum found independently with scipy (Nelder-Mead, xatol 1e-12): 0.24259291, 4.41353155,
        // 0.79288597, 2.42575252, LL -9582.42556057
        assertThat(model.r()).isCloseTo(0.24259291, within(2e-6));
        assertThat(model.alpha()).isCloseTo(4.41353155, within(2e-5));
        assertThat(fit.logLikelihood()).isCloseTo(-9582.42556057, within(1e-6));
        assertThat(fit.converged()).isTrue();
        assertThat(fit.customers()).isEqualTo(2357);
        assertThat(fit.distinctRows()).isEqualTo(1016);
        assertThat(fit.parameterNames()).containsExactly("r", "alpha", "a", "b");
        assertThat(fit.standardErrors().get("r")).isCloseTo(0.0126, within(0.0005));
        assertThat(model.timeUnit()).isEqualTo(ChronoUnit.WEEKS);
    }

    @Test
    void predictsThePublishedWorkedExamples() {
        BetaGeometricNbdModel model = cdnowFit();
        // FHL 2005 and their spreadsheet note: 1.444 repeat purchases of a new customer in 52 weeks,
        // 1.226 in the next 39 weeks for x = 2, t_x = 30.43, T = 38.86.
        assertThat(model.expectedPurchases(52)).isCloseTo(1.444, within(0.0005));
        assertThat(model.conditionalExpectedPurchases(39, weeks(2, 30.43, 38.86))).isCloseTo(1.226, within(0.0005));
    }

    @Test
    void predictionsAgreeWithAnIndependentHighPrecisionComputation() {
        // mpmath (30 digits) with the closed forms of FHL 2005 eq. 8-11 and the published parameters.
        assertThat(PUBLISHED.expectedPurchases(1)).isCloseTo(0.0532678911716582799, within(1e-14));
        assertThat(PUBLISHED.expectedPurchases(52)).isCloseTo(1.44605059539640374, within(1e-13));
        assertThat(PUBLISHED.expectedPurchases(1000)).isCloseTo(6.58039161373823222, within(1e-11));
        assertThat(PUBLISHED.expectedPurchases(1e6)).isCloseTo(53.5404782530145784, within(1e-9));
        assertThat(PUBLISHED.conditionalExpectedPurchases(39, weeks(2, 30.43, 38.86))).isCloseTo(1.22602817476714445, within(1e-13));
        assertThat(PUBLISHED.conditionalExpectedPurchases(10000, weeks(2, 30.43, 38.86))).isCloseTo(24.6445265547131042, within(1e-10));
        assertThat(PUBLISHED.probabilityAlive(weeks(221, 103.43, 103.57))).isCloseTo(0.995271941904308945, within(1e-14));
        assertThat(PUBLISHED.conditionalExpectedPurchases(52, weeks(221, 103.43, 103.57))).isCloseTo(90.2872437955265810, within(1e-10));
        assertThat(PUBLISHED.conditionalExpectedPurchases(1e6, weeks(221, 103.43, 103.57))).isCloseTo(6022.62462501456731, within(1e-8));
        assertThat(PUBLISHED.probabilityOfPurchases(0, 52)).isCloseTo(0.538402714229399847, within(1e-14));
        assertThat(PUBLISHED.probabilityOfPurchases(3, 52)).isCloseTo(0.0499959857506768837, within(1e-14));
    }

    @Test
    void predictionsOfCustomersWithoutRepeatPurchasesAndOfHeavyBuyersAreFinite() {
        assertThat(PUBLISHED.probabilityAlive(weeks(0, 0, 38.86))).isEqualTo(1.0);
        assertThat(PUBLISHED.conditionalExpectedPurchases(39, weeks(0, 0, 38.86))).isPositive().isLessThan(1);
        for (long x : new long[] {221, 1000, 5000, 10_000}) {
            double alive = PUBLISHED.probabilityAlive(weeks(x, 0.99 * 10_000, 10_000));
            assertThat(alive).isBetween(0.0, 1.0);
            assertThat(PUBLISHED.conditionalExpectedPurchases(52, weeks(x, 0.99 * 10_000, 10_000))).isFinite().isNotNegative();
            assertThat(PUBLISHED.logLikelihood(weeks(x, 0.99 * 10_000, 10_000))).isFinite();
        }
        // a heavy buyer long silent: practically dead, never NaN
        assertThat(PUBLISHED.probabilityAlive(weeks(5000, 10, 10_000))).isEqualTo(0.0);
        assertThat(PUBLISHED.conditionalExpectedPurchases(52, weeks(5000, 10, 10_000))).isEqualTo(0.0);
    }

    @Test
    void aHistoryInAnotherUnitIsConvertedNotMisread() {
        // the CDNOW worked example in days: 7 × 30.43 and 7 × 38.86 days are the same customer
        PurchaseHistory inDays = PurchaseHistory.of(2, 7 * 30.43, 7 * 38.86, ChronoUnit.DAYS);
        assertThat(PUBLISHED.conditionalExpectedPurchases(39, inDays)).isCloseTo(1.22602817476714445, within(1e-13));
        assertThat(PUBLISHED.probabilityAlive(inDays)).isCloseTo(PUBLISHED.probabilityAlive(weeks(2, 30.43, 38.86)),
                within(1e-15));
        assertThat(PUBLISHED.logLikelihood(inDays)).isCloseTo(PUBLISHED.logLikelihood(weeks(2, 30.43, 38.86)),
                within(1e-12));
        // and so are whole data sets: the CDNOW customers in days have the likelihood of their weeks
        PurchaseHistories cdnowInDays = ReferenceData.cdnow().in(ChronoUnit.DAYS);
        assertThat(cdnowInDays.timeUnit()).isEqualTo(ChronoUnit.DAYS);
        assertThat(PUBLISHED.logLikelihood(cdnowInDays)).isCloseTo(-9582.42683118, within(1e-6));
    }

    @Test
    void probabilitiesOfPurchaseCountsSumToOne() {
        double sum = 0.0;
        for (long n = 0; n < 400; n++) {
            sum += PUBLISHED.probabilityOfPurchases(n, 52);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
        assertThat(PUBLISHED.probabilityOfPurchases(0, 0)).isEqualTo(1.0);
        assertThat(PUBLISHED.probabilityOfPurchases(1, 0)).isEqualTo(0.0);
    }

    @Test
    void likelihoodOfTheDataIsTheSumOfTheCustomers() {
        double sum = ReferenceData.cdnowCustomers().stream()
                .mapToDouble(c -> PUBLISHED.logLikelihood(weeks(c.x(), c.recency(), c.age()))).sum();
        assertThat(PUBLISHED.logLikelihood(ReferenceData.cdnow())).isCloseTo(sum, within(1e-8));
        // the published point's LL (scipy): -9582.42683118
        assertThat(sum).isCloseTo(-9582.42683118, within(1e-6));
    }

    @Test
    void heavyBuyersAndHugeWeightsFitWithoutOverflow() {
        PurchaseHistories.Accumulator data = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
        data.addAll(ReferenceData.cdnow());
        data.add(221, 103.43, 103.57).add(2_000, 100.0, 104.0).add(0, 0, 0.5);
        BetaGeometricNbdModel model = BetaGeometricNbdModel.fit(data.snapshot());
        assertThat(model.fitResult().converged()).isTrue();
        assertThat(model.r()).isFinite().isPositive();

        // every customer a billion times: the same estimates (the objective is the mean log-likelihood)
        PurchaseHistories cdnow = ReferenceData.cdnow();
        PurchaseHistories.Accumulator billions = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
        for (int i = 0; i < cdnow.distinctRows(); i++) {
            billions.add(cdnow.frequency(i), cdnow.recency(i), cdnow.age(i), cdnow.weight(i) * 1_000_000_000L);
        }
        BetaGeometricNbdModel scaled = BetaGeometricNbdModel.fit(billions.snapshot());
        BetaGeometricNbdModel plain = cdnowFit();
        assertThat(scaled.fitResult().customers()).isEqualTo(2_357_000_000_000L);
        assertThat(scaled.r()).isCloseTo(plain.r(), within(1e-6));
        assertThat(scaled.b()).isCloseTo(plain.b(), within(1e-4));
        assertThat(scaled.fitResult().logLikelihood()).isCloseTo(plain.fitResult().logLikelihood() * 1e9, within(1.0));
        // standard errors shrink by sqrt(1e9)
        assertThat(scaled.fitResult().standardErrors().get("r") * Math.sqrt(1e9))
                .isCloseTo(plain.fitResult().standardErrors().get("r"), within(1e-4));
    }

    @Test
    void fittingIsDeterministicAndIndependentOfTheTimeUnitsScale() {
        assertThat(cdnowFit()).isEqualTo(cdnowFit());
        // the same customers in days: alpha scales by 7, the other parameters stay
        PurchaseHistories.Accumulator days = PurchaseHistories.accumulator(ChronoUnit.DAYS);
        ReferenceData.cdnowCustomers().forEach(c -> days.add(c.x(), 7 * c.recency(), 7 * c.age()));
        BetaGeometricNbdModel inDays = BetaGeometricNbdModel.fit(days.snapshot());
        BetaGeometricNbdModel inWeeks = cdnowFit();
        assertThat(inDays.alpha()).isCloseTo(7 * inWeeks.alpha(), within(1e-4));
        assertThat(inDays.r()).isCloseTo(inWeeks.r(), within(1e-6));
        assertThat(inDays.expectedPurchases(inDays.toModelTime(52, ChronoUnit.WEEKS)))
                .isCloseTo(inWeeks.expectedPurchases(52), within(1e-6));
        assertThat(inWeeks.toModelTime(14, ChronoUnit.DAYS)).isEqualTo(2.0);
    }

    @Test
    void badInputIsRejectedWithItsNameAndRange() {
        assertThatThrownBy(() -> BetaGeometricNbdModel.of(0, 1, 1, 1, ChronoUnit.WEEKS))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("r must be finite and > 0, was 0.0");
        assertThatThrownBy(() -> BetaGeometricNbdModel.of(1, Double.NaN, 1, 1, ChronoUnit.WEEKS))
                .hasMessage("alpha must be finite and > 0, was NaN");
        assertThatThrownBy(() -> BetaGeometricNbdModel.of(1, 1, 1, 1, ChronoUnit.FOREVER))
                .hasMessageContaining("timeUnit must be a unit of finite length");
        assertThatThrownBy(() -> BetaGeometricNbdModel.of(1, 1, 1, 1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> PUBLISHED.expectedPurchases(-1)).hasMessage("t must be finite and >= 0, was -1.0");
        assertThatThrownBy(() -> PUBLISHED.probabilityAlive(weeks(2, 40, 38.86)))
                .hasMessage("recency must be in [0, age 38.86], was 40.0");
        assertThatThrownBy(() -> PUBLISHED.probabilityAlive(weeks(-1, 0, 38.86)))
                .hasMessage("frequency must be a count >= 0, was -1");
        assertThatThrownBy(() -> PUBLISHED.probabilityOfPurchases(-1, 2)).hasMessage("n must be a count >= 0, was -1");
        assertThatThrownBy(() -> PUBLISHED.probabilityAlive(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("history must not be null");
        assertThatThrownBy(() -> PUBLISHED.conditionalExpectedPurchases(-1, weeks(2, 30.43, 38.86)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("t must be finite and >= 0, was -1.0")
                .extracting(e -> ((InvalidArgumentException) e).argument()).isEqualTo("t");
        assertThatThrownBy(() -> BetaGeometricNbdModel.fit(PurchaseHistories.accumulator(ChronoUnit.DAYS).snapshot()))
                .isInstanceOf(ModelFitException.class).hasMessageContaining("no customers");
        assertThatThrownBy(PUBLISHED::fitResult).isInstanceOf(UndefinedResultException.class)
                .hasMessageContaining("built from given parameters");
    }

    @Test
    void dataWithoutAnyRepeatPurchaseHaveNoFiniteMaximumAndSaySo() {
        PurchaseHistories.Accumulator data = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
        for (int i = 1; i <= 50; i++) {
            data.add(0, 0, i);
        }
        assertThatThrownBy(() -> BetaGeometricNbdModel.fit(data.snapshot())).isInstanceOf(ModelFitException.class)
                .hasMessageContaining("no proper maximum").hasMessageContaining("penalizer");
        assertThatThrownBy(() -> BetaGeometricNbdModel.fit(data.snapshot(), FitOptions.defaults().withPenalizer(0.01)))
                .isInstanceOf(ModelFitException.class).hasMessageContaining("ran off");
    }

    @Test
    void dataWithoutSignOfDropOutSayWhichParameterRanOff() {
        // everyone bought recently and regularly: the drop-out probability runs to 0 (a -> 0), and the
        // lifetimes-style L2 penalty on the parameters bounds them from above only, so it cannot help
        PurchaseHistories.Accumulator data = PurchaseHistories.accumulator(ChronoUnit.WEEKS);
        for (int i = 0; i < 300; i++) {
            data.add(1 + i % 7, 30.0 - 0.01 * (i % 11), 30.0);
        }
        assertThatThrownBy(() -> BetaGeometricNbdModel.fit(data.snapshot())).isInstanceOf(ModelFitException.class)
                .hasMessageStartingWith("cannot fit the BG/NBD model: parameter a ran off to ")
                .hasMessageContaining(", toward 0 (").hasMessageEndingWith("; try more varied data (a penalizer bounds "
                        + "the parameters from above only, so it cannot hold one back from 0)")
                .satisfies(e -> assertThat(((ModelFitException) e).remedies()).isEmpty());
    }

    @Test
    void anUnconvergedFitThrowsOrIsFlagged() {
        FitOptions tooFew = FitOptions.defaults().withMaxIterations(2);
        assertThatThrownBy(() -> BetaGeometricNbdModel.fit(ReferenceData.cdnow(), tooFew))
                .isInstanceOf(ModelFitException.class).hasMessageContaining("did not converge in 2 iterations")
                .hasMessageContaining("try more iterations");
        BetaGeometricNbdModel flagged = BetaGeometricNbdModel.fit(ReferenceData.cdnow(), tooFew.allowingNonConvergence());
        assertThat(flagged.fitResult().converged()).isFalse();
        assertThat(flagged.r()).isFinite();
        assertThat(flagged.fitResult().toString()).endsWith("NOT converged");
    }

    @Test
    void simulationIsSeededAndRecoversItsParameters() {
        double[] ages = new double[20_000];
        for (int i = 0; i < ages.length; i++) {
            ages[i] = 26 + 13.0 * i / ages.length;
        }
        PurchaseHistories simulated = PUBLISHED.simulate(ages, 7);
        assertThat(PUBLISHED.simulate(ages, 7)).isEqualTo(simulated);
        assertThat(PUBLISHED.simulate(ages, 8)).isNotEqualTo(simulated);
        BetaGeometricNbdModel fitted = BetaGeometricNbdModel.fit(simulated);
        ModelFit fit = fitted.fitResult();
        for (String name : fit.parameterNames()) {
            double truth = PUBLISHED.parameters().get(name);
            assertThat(Math.abs(fit.parameter(name) - truth)).as(name).isLessThan(4 * fit.standardErrors().get(name));
        }
    }

    @Test
    void equalsHashCodeAndToString() {
        BetaGeometricNbdModel same = BetaGeometricNbdModel.of(0.243, 4.414, 0.793, 2.426, ChronoUnit.WEEKS);
        assertThat(PUBLISHED).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(PUBLISHED).isNotEqualTo(BetaGeometricNbdModel.of(0.243, 4.414, 0.793, 2.426, ChronoUnit.DAYS));
        assertThat(PUBLISHED).isNotEqualTo(ModifiedBetaGeometricNbdModel.of(0.243, 4.414, 0.793, 2.426, ChronoUnit.WEEKS));
        assertThat(PUBLISHED).isNotEqualTo(cdnowFit());
        assertThat(PUBLISHED).hasToString("BG/NBD model (weeks): r=0.2430, alpha=4.4140, a=0.7930, b=2.4260");
        assertThat(cdnowFit().toString()).isEqualTo(
                "BG/NBD model (weeks): r=0.2426, alpha=4.4135, a=0.7929, b=2.4258; fitted to 2357 customers, LL -9582.4256");
        assertThat(cdnowFit().fitResult().toString()).startsWith(
                "BG/NBD fit: 2357 customers (1016 distinct rows), log-likelihood -9582.4256, ").endsWith("converged")
                .doesNotContain("\n");
        assertThat(cdnowFit().fitResult().toTable().toText()).startsWith(cdnowFit().fitResult().toString() + "\n")
                .contains("parameter  estimate      SE  95% low  95% high").contains("r            0.2426  0.0126");
    }
}
