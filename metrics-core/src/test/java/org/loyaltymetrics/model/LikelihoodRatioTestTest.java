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

class LikelihoodRatioTestTest {

    private static ModelFit fit(String model, int parameters, double logLikelihood, long customers) {
        return new ModelFit(model, List.of("p1", "p2", "p3", "p4").subList(0, parameters), new double[parameters], null,
                logLikelihood, 10, true, 0.0, customers, 10);
    }

    private static final ModelFit RESTRICTED = fit("small", 2, -100.0, 50);
    private static final ModelFit FULL = fit("large", 4, -98.0, 50);

    @Test
    void pValuesDerivedByHand() {
        // LR = 2 (-98 - -100) = 4; scipy chi2.sf(4, 1) = 0.04550026389635857, chi2.sf(4, 2) = exp(-2)
        LikelihoodRatioTest one = LikelihoodRatioTest.of(RESTRICTED, FULL, 1);
        assertThat(one.statistic()).isEqualTo(4.0);
        assertThat(one.pValue()).isCloseTo(0.04550026389635857, within(1e-15));
        assertThat(one.reference()).isEqualTo(LikelihoodRatioTest.Reference.CHI_SQUARE).isEqualTo(LikelihoodRatioTest.Reference.DEFAULT);
        assertThat(one.isSignificant(0.05)).isTrue();
        assertThat(one.isSignificant(0.01)).isFalse();
        assertThat(LikelihoodRatioTest.of(RESTRICTED, FULL, 2).pValue()).isCloseTo(Math.exp(-2), within(1e-15));
        // the boundary mixture: 1/2 chi2_0 + 1/2 chi2_1 halves the p-value of chi2_1 above 0
        LikelihoodRatioTest boundary = LikelihoodRatioTest.onBoundary(RESTRICTED, FULL, 1);
        assertThat(boundary.pValue()).isCloseTo(0.022750131948179285, within(1e-15));
        assertThat(boundary.reference()).isEqualTo(LikelihoodRatioTest.Reference.BOUNDARY_MIXTURE);
        // 1/2 chi2_1 + 1/2 chi2_2: (0.04550026389635857 + 0.1353352832366127) / 2
        assertThat(LikelihoodRatioTest.onBoundary(RESTRICTED, FULL, 2).pValue()).isCloseTo(0.09041777356648564, within(1e-15));
        assertThat(one).hasToString("likelihood ratio small vs large: LR = 4.0000, df = 1, p = 0.0455");
        assertThat(boundary).hasToString("likelihood ratio small vs large: LR = 4.0000, df = 1 (boundary mixture), p = 0.0228");
    }

    @Test
    void equalLikelihoodsGiveAStatisticOfZeroAndAPValueOfOne() {
        ModelFit same = fit("large", 4, -100.0, 50);
        assertThat(LikelihoodRatioTest.of(RESTRICTED, same, 2).pValue()).isEqualTo(1.0);
        assertThat(LikelihoodRatioTest.onBoundary(RESTRICTED, same, 1).pValue()).isEqualTo(1.0);
        // a fuller fit below the restricted one by less than 1e-9 relative (the optimisers' precision) reads 0
        ModelFit justBelow = fit("large", 4, -100.0 - 5e-8, 50);
        assertThat(LikelihoodRatioTest.of(RESTRICTED, justBelow, 2).statistic()).isZero();
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> LikelihoodRatioTest.of(RESTRICTED, FULL, 0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("degreesOfFreedom must be >= 1, was 0");
        assertThatThrownBy(() -> LikelihoodRatioTest.of(FULL, RESTRICTED, 2)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("full must be at least as likely as the restricted large fit (log-likelihood -98.0): a model "
                        + "that nests it, fitted to its maximum, was a log-likelihood of -100.0");
        assertThatThrownBy(() -> LikelihoodRatioTest.of(RESTRICTED, fit("large", 4, -98.0, 51), 2))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("full must be a fit to the same customers as the restricted fit (50), was 51 customers");
        ModelFit penalized = new ModelFit("large", List.of("p1"), new double[1], null, -90, 10, true, 0.01, 50, 10);
        assertThatThrownBy(() -> LikelihoodRatioTest.of(RESTRICTED, penalized, 1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("full must be an unpenalised maximum-likelihood fit, was a fit with penalizer 0.01");
        ModelFit unconverged = new ModelFit("small", List.of("p1"), new double[1], null, -100, 10, false, 0.0, 50, 10);
        assertThatThrownBy(() -> LikelihoodRatioTest.of(unconverged, FULL, 1)).isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).argument()).isEqualTo("restricted");
        assertThatThrownBy(() -> LikelihoodRatioTest.of(null, FULL, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new LikelihoodRatioTest(RESTRICTED, FULL, 1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> LikelihoodRatioTest.of(RESTRICTED, FULL, 1).isSignificant(1.0))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("alpha must be in (0, 1), was 1.0");
    }

    @Test
    void theNbdWithoutDropoutAgainstEachModelOnCdnow() {
        PurchaseHistories cdnow = ReferenceData.cdnow();
        BetaGeometricNbdModel bgnbd = BetaGeometricNbdModel.fit(cdnow);
        LikelihoodRatioTest test = LikelihoodRatioTest.noDropout(bgnbd, cdnow);
        ModelFit nbd = test.restricted();
        assertThat(nbd.model()).isEqualTo("NBD");
        assertThat(nbd.parameterNames()).containsExactly("r", "alpha");
        assertThat(nbd.customers()).isEqualTo(2357);
        assertThat(test.full()).isSameAs(bgnbd.fitResult());
        assertThat(test.degreesOfFreedom()).isEqualTo(1);
        assertThat(test.reference()).isEqualTo(LikelihoodRatioTest.Reference.BOUNDARY_MIXTURE);
        assertThat(test.statistic()).isEqualTo(2 * (bgnbd.fitResult().logLikelihood() - nbd.logLikelihood()));
        // dropout matters on CDNOW: LR > 300 against every model
        assertThat(test.statistic()).isGreaterThan(300);
        assertThat(test.pValue()).isLessThan(1e-60);
        assertThat(test.isSignificant(0.001)).isTrue();
    }

    @Test
    void theNbdFitAgreesWithScipy() {
        // the 2357 customers of the split (times days / 7, exact; cdnow_holdout_lifetimes_customers.csv):
        // scipy Nelder-Mead (xatol, fatol 1e-12) on the same likelihood, sum of lnΓ(r+x) - lnΓ(r) + r ln α
        // - (r+x) ln(α+T), finds r = 0.38476611680, alpha = 12.07202193146, LL = -9763.657614672615; the
        // two maxima differ by 4e-8 relative along the ridge where r and α move together, at the same LL
        ModelFit nbd = LikelihoodRatioTest.fitNoDropout(CdnowSplit.histories());
        assertThat(nbd.parameter("r")).isCloseTo(0.38476611680395434, within(1e-7 * 0.385));
        assertThat(nbd.parameter("alpha")).isCloseTo(12.072021931457567, within(1e-7 * 12.07));
        assertThat(nbd.logLikelihood()).isCloseTo(-9763.657614672615, within(1e-9));
        // and no model with dropout is less likely
        ParetoNbdModel pareto = ParetoNbdModel.fit(CdnowSplit.histories());
        assertThat(LikelihoodRatioTest.noDropout(pareto, CdnowSplit.histories()).statistic())
                .isCloseTo(2 * (pareto.fitResult().logLikelihood() + 9763.657614672615), within(1e-8));
    }

    @Test
    void noDropoutNeedsAModelFittedToTheHistories() {
        PurchaseHistories cdnow = ReferenceData.cdnow();
        BetaGeometricNbdModel given = BetaGeometricNbdModel.of(0.243, 4.414, 0.793, 2.426, ChronoUnit.WEEKS);
        assertThatThrownBy(() -> LikelihoodRatioTest.noDropout(given, cdnow)).isInstanceOf(UndefinedResultException.class);
        PurchaseHistories fewer = PurchaseHistories.accumulator(ChronoUnit.WEEKS).add(1, 2, 30).add(0, 0, 30).snapshot();
        assertThatThrownBy(() -> LikelihoodRatioTest.noDropout(BetaGeometricNbdModel.fit(cdnow), fewer))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("histories must be the 2357 customers the BG/NBD model was fitted to, was 2 customers");
    }
}
