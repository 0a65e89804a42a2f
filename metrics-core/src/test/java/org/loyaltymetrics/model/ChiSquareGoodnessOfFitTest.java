package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.PurchaseHistories;

class ChiSquareGoodnessOfFitTest {

    /** r = 1, α = 10, a = 1, b = 3 (days): at T = 20, P(X = 0) = α/(α + T) = 1/3 and P(X = 1) = 1/6 + 1/6 = 1/3. */
    private static final BetaGeometricNbdModel MODEL = BetaGeometricNbdModel.of(1, 10, 1, 3, ChronoUnit.DAYS);

    /** 30 customers observed for 20 days: 12 with x = 0, 7 with x = 1, 6 with 2, 3 with 3, 2 with 5. */
    private static PurchaseHistories thirty() {
        PurchaseHistories.Accumulator histories = PurchaseHistories.accumulator(ChronoUnit.DAYS);
        histories.add(0, 0, 20, 12).add(1, 10, 20, 7).add(2, 10, 20, 6).add(3, 10, 20, 3).add(5, 10, 20, 2);
        return histories.snapshot();
    }

    @Test
    void threeBinsDerivedByHand() {
        // Expected: x = 0 and x = 1 each 30 / 3 = 10, closed since 20 and 10 more are expected above them;
        // x = 2 expects 30 P(X = 2) = 4.67 (< 5), with x = 3 7.04, but then only 2.96 remain above: the
        // open bin 2+ expects 30 - 20 = 10. chi2 = (12-10)^2/10 + (7-10)^2/10 + (11-10)^2/10 = 1.4; the
        // parameters were given, not estimated: df = 3 - 1 = 2, p = exp(-1.4/2) = 0.49658530379141 (scipy).
        ChiSquareGoodnessOfFit test = ChiSquareGoodnessOfFit.of(MODEL, thirty());
        List<ChiSquareGoodnessOfFit.Bin> bins = test.bins();
        assertThat(bins).hasSize(3);
        assertThat(bins.get(0)).isEqualTo(new ChiSquareGoodnessOfFit.Bin(0, 0, 12, bins.get(0).expected()));
        assertThat(bins.get(0).expected()).isCloseTo(10.0, within(1e-12));
        assertThat(bins.get(1).expected()).isCloseTo(10.0, within(1e-12));
        assertThat(bins.get(1).observed()).isEqualTo(7);
        assertThat(bins.get(2).lowest()).isEqualTo(2);
        assertThat(bins.get(2).isOpenEnded()).isTrue();
        assertThat(bins.get(2).observed()).isEqualTo(11);
        assertThat(bins.get(2).expected()).isCloseTo(10.0, within(1e-12));
        assertThat(bins.get(2).label()).isEqualTo("2+");
        assertThat(bins.get(1).contribution()).isCloseTo(0.9, within(1e-12));
        assertThat(test.statistic()).isCloseTo(1.4, within(1e-12));
        assertThat(test.estimatedParameters()).isZero();
        assertThat(test.degreesOfFreedom()).isEqualTo(2);
        assertThat(test.hasPValue()).isTrue();
        assertThat(test.pValue()).isCloseTo(Math.exp(-0.7), within(1e-12)).isCloseTo(0.4965853037914095, within(1e-12));
        assertThat(test.customers()).isEqualTo(30);
        assertThat(test).hasToString("chi-square goodness of fit of BG/NBD: 30 customers in 3 bins, chi2 = 1.4000, df = 2, "
                + "p = 0.4966");
        assertThat(test.toTable().toText()).contains("2+").contains("(O-E)^2/E");
        // the same customers in weeks, tested against the model in days: the ages are converted
        PurchaseHistories inWeeks = thirty().in(ChronoUnit.WEEKS);
        assertThat(ChiSquareGoodnessOfFit.of(MODEL, inWeeks).statistic()).isCloseTo(1.4, within(1e-12));
    }

    @Test
    void binLabelsAndValidation() {
        assertThat(new ChiSquareGoodnessOfFit.Bin(3, 5, 1, 6.0).label()).isEqualTo("3-5");
        assertThat(new ChiSquareGoodnessOfFit.Bin(3, 3, 1, 6.0).label()).isEqualTo("3");
        assertThat(new ChiSquareGoodnessOfFit.Bin(3, 3, 1, 6.0).isOpenEnded()).isFalse();
        assertThatThrownBy(() -> new ChiSquareGoodnessOfFit.Bin(3, 2, 1, 6.0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("highest must be >= lowest 3, was 2");
        assertThatThrownBy(() -> new ChiSquareGoodnessOfFit.Bin(0, 2, 1, 0.0)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new ChiSquareGoodnessOfFit.Bin(-1, 2, 1, 1.0)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void theUpperTailOfChiSquareAgreesWithScipy() {
        // scipy.stats.chi2.sf(x, df), scipy 1.17.1
        assertThat(ChiSquareGoodnessOfFit.chiSquareUpperTail(12.5502, 10)).isCloseTo(0.2499185849704666, within(1e-14));
        assertThat(ChiSquareGoodnessOfFit.chiSquareUpperTail(3.841458820694124, 1)).isCloseTo(0.05, within(1e-14));
        assertThat(ChiSquareGoodnessOfFit.chiSquareUpperTail(20.1038, 9)).isCloseTo(0.017282511694632605, within(1e-14));
        assertThat(ChiSquareGoodnessOfFit.chiSquareUpperTail(7.5, 5)).isCloseTo(0.186029833602867, within(1e-14));
        assertThat(ChiSquareGoodnessOfFit.chiSquareUpperTail(100.0, 4)).isCloseTo(9.836624224615988e-21, within(1e-32));
        assertThat(ChiSquareGoodnessOfFit.chiSquareUpperTail(0.0, 3)).isEqualTo(1.0);
    }

    @Test
    void aFittedModelSpendsItsParametersOnTheDegreesOfFreedom() {
        PurchaseHistories cdnow = ReferenceData.cdnow();
        BetaGeometricNbdModel fitted = BetaGeometricNbdModel.fit(cdnow);
        ChiSquareGoodnessOfFit test = ChiSquareGoodnessOfFit.of(fitted, cdnow);
        assertThat(test.estimatedParameters()).isEqualTo(4);
        assertThat(test.degreesOfFreedom()).isEqualTo(test.bins().size() - 5);
        assertThat(test.pValue()).isCloseTo(ChiSquareGoodnessOfFit.chiSquareUpperTail(test.statistic(),
                test.degreesOfFreedom()), within(0.0));
        // every bin expects >= 5, the bins are contiguous from 0 and the last is open; observed and expected
        // both sum to the 2357 customers
        long observed = 0;
        double expected = 0;
        long next = 0;
        for (ChiSquareGoodnessOfFit.Bin bin : test.bins()) {
            assertThat(bin.expected()).isGreaterThanOrEqualTo(5.0);
            assertThat(bin.lowest()).isEqualTo(next);
            next = bin.highest() + 1;
            observed += bin.observed();
            expected += bin.expected();
        }
        assertThat(test.bins().get(test.bins().size() - 1).isOpenEnded()).isTrue();
        assertThat(observed).isEqualTo(2357);
        assertThat(expected).isCloseTo(2357, within(1e-9));
        // x = 0: 1411 customers; the model expects sum_i P(X(T_i) = 0) = sum_i (alpha/(alpha + T_i))^r (FHL 2005, eq. 8)
        double zero = 0;
        for (ReferenceData.Customer c : ReferenceData.cdnowCustomers()) {
            zero += Math.pow(fitted.alpha() / (fitted.alpha() + c.age()), fitted.r());
        }
        assertThat(test.bins().get(0).observed()).isEqualTo(1411);
        assertThat(test.bins().get(0).expected()).isCloseTo(zero, within(1e-9));
        assertThat(test).isEqualTo(ChiSquareGoodnessOfFit.of(fitted, cdnow)).hasSameHashCodeAs(ChiSquareGoodnessOfFit.of(fitted, cdnow))
                .isNotEqualTo(ChiSquareGoodnessOfFit.of(MODEL, cdnow.in(ChronoUnit.DAYS))).isNotEqualTo("x");
    }

    @Test
    void tooFewBinsLeaveNoPValue() {
        // 30 customers make 3 bins; a fitted BG/NBD spends 4 parameters: df = 3 - 1 - 4 < 1
        PurchaseHistories thirty = thirty();
        BetaGeometricNbdModel fitted = BetaGeometricNbdModel.fit(ReferenceData.cdnow().in(ChronoUnit.DAYS));
        ChiSquareGoodnessOfFit test = ChiSquareGoodnessOfFit.of(fitted, thirty);
        assertThat(test.degreesOfFreedom()).isLessThan(1);
        assertThat(test.hasPValue()).isFalse();
        assertThatThrownBy(test::pValue).isInstanceOf(UndefinedResultException.class)
                .hasMessageContaining("leave no degrees of freedom after 4 parameters");
        assertThat(test.toString()).endsWith("p = undefined");
        // fewer than 10 customers: one bin, 0+
        PurchaseHistories few = PurchaseHistories.accumulator(ChronoUnit.DAYS).add(0, 0, 20, 4).add(2, 5, 20, 3).snapshot();
        ChiSquareGoodnessOfFit one = ChiSquareGoodnessOfFit.of(MODEL, few);
        assertThat(one.bins()).containsExactly(new ChiSquareGoodnessOfFit.Bin(0, Long.MAX_VALUE, 7, 7.0));
        assertThat(one.statistic()).isZero();
        assertThat(one.hasPValue()).isFalse();
    }

    @Test
    void aHugeWeightedCohortEndsItsBinsWhereOnlyRoundingIsLeft() {
        // 2e15 customers: the expected mass above a frequency never falls below 5 in doubles (rounding of
        // 1e-16 relative is 0.2 customers per term); the bins end once a term is below 1e-14 of them
        PurchaseHistories huge = PurchaseHistories.accumulator(ChronoUnit.DAYS).add(0, 0, 20, 1_000_000_000_000_000L)
                .add(1, 10, 20, 1_000_000_000_000_000L).snapshot();
        ChiSquareGoodnessOfFit test = ChiSquareGoodnessOfFit.of(MODEL, huge);
        assertThat(test.bins().get(test.bins().size() - 1).isOpenEnded()).isTrue();
        assertThat(test.bins().stream().mapToDouble(ChiSquareGoodnessOfFit.Bin::expected).sum())
                .isCloseTo(2e15, within(2e15 * 1e-14));
        assertThat(test.bins().get(0).expected()).isCloseTo(2e15 / 3, within(2e15 * 1e-14)); // P(X = 0) to 1e-14
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> ChiSquareGoodnessOfFit.of(MODEL, PurchaseHistories.accumulator(ChronoUnit.DAYS).snapshot()))
                .isInstanceOf(UndefinedResultException.class).hasMessage("the chi-square goodness of fit is undefined: there "
                        + "are no customers");
        assertThatThrownBy(() -> ChiSquareGoodnessOfFit.of(null, thirty())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ChiSquareGoodnessOfFit.of(MODEL, null)).isInstanceOf(NullPointerException.class);
    }
}
