package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.money.CurrencyUnit;

/** BG/NBD, MBG/NBD and Pareto/NBD ranked on the CDNOW holdout; AIC and BIC of a fit. */
class ModelComparisonTest {

    private static ModelComparison comparison;

    @BeforeAll
    static void compare() {
        comparison = ModelComparison.of(CdnowSplit.split(), ChronoUnit.WEEKS);
    }

    private static String name(HoldoutEvaluation evaluation) {
        return evaluation.model().fitResult().model();
    }

    @Test
    void ranksTheThreeModelsByHoldoutRmse() {
        // holdout RMSE on CDNOW (2357 customers, 39 weeks): Pareto/NBD 1.6028, MBG/NBD 1.6072, BG/NBD 1.6080
        assertThat(comparison.criterion()).isEqualTo(ModelComparison.Criterion.RMSE).isEqualTo(ModelComparison.Criterion.DEFAULT);
        assertThat(comparison.ranking()).extracting(ModelComparisonTest::name).containsExactly("Pareto/NBD", "MBG/NBD", "BG/NBD");
        assertThat(comparison.best().model()).isInstanceOf(ParetoNbdModel.class);
        double previous = 0;
        for (HoldoutEvaluation e : comparison.ranking()) {
            assertThat(e.customers()).isEqualTo(2357);
            assertThat(e.model().fitResult().customers()).isEqualTo(2357);
            assertThat(e.periodUnit()).isEqualTo(ChronoUnit.WEEKS);
            assertThat(e.perCustomer().rmse()).isGreaterThanOrEqualTo(previous);
            previous = e.perCustomer().rmse();
        }
        // the BG/NBD of the comparison is the one the acceptance test checks against lifetimes
        HoldoutEvaluation bgnbd = comparison.ranking().get(2);
        assertThat(bgnbd).isEqualTo(HoldoutEvaluation.of(BetaGeometricNbdModel.fit(CdnowSplit.histories()), CdnowSplit.split()));
        assertThat(bgnbd.perCustomer().rmse()).isCloseTo(1.6080, within(5e-5));
        assertThat(comparison.toString()).isEqualTo("3 models ranked by holdout RMSE: Pareto/NBD 1.6028, MBG/NBD 1.6072, "
                + "BG/NBD 1.6080");
        assertThat(comparison.toTable().headers()).containsExactly("rank", "model", "customers", "MAE", "RMSE", "bias",
                "actual", "predicted", "chi2 p", "LL", "AIC", "BIC");
        assertThat(comparison.toTable().cell(0, 1)).isEqualTo("Pareto/NBD");
        assertThat(comparison.toTable().cell(2, 6)).isEqualTo("1882");
    }

    @Test
    void otherCriteria() {
        List<HoldoutEvaluation> evaluations = comparison.ranking();
        ModelComparison byMae = ModelComparison.of(evaluations, ModelComparison.Criterion.MAE);
        // MAE: Pareto/NBD 0.7545, MBG/NBD 0.7648, BG/NBD 0.7855
        assertThat(byMae.ranking()).extracting(ModelComparisonTest::name).containsExactly("Pareto/NBD", "MBG/NBD", "BG/NBD");
        assertThat(byMae.toString()).startsWith("3 models ranked by holdout MAE: Pareto/NBD 0.7545");
        // |bias|: Pareto/NBD 0.0918, BG/NBD 0.0970, MBG/NBD 0.1295
        assertThat(ModelComparison.of(evaluations, ModelComparison.Criterion.ABSOLUTE_BIAS).ranking())
                .extracting(ModelComparisonTest::name).containsExactly("Pareto/NBD", "BG/NBD", "MBG/NBD");
        // BIC (same customers, weeks, 4 parameters each): the likelihoods' order, MBG/NBD -9582.14, BG/NBD
        // -9582.43, Pareto/NBD -9594.98
        ModelComparison byBic = ModelComparison.of(evaluations, ModelComparison.Criterion.BIC);
        assertThat(byBic.ranking()).extracting(ModelComparisonTest::name).containsExactly("MBG/NBD", "BG/NBD", "Pareto/NBD");
        assertThat(byBic.toString()).startsWith("3 models ranked by BIC: MBG/NBD 19195.3");
        assertThat(ModelComparison.of(evaluations)).isEqualTo(comparison).hasSameHashCodeAs(comparison).isNotEqualTo(byMae)
                .isNotEqualTo("x");
        assertThat(ModelComparison.Criterion.RMSE.of(evaluations.get(0))).isEqualTo(evaluations.get(0).perCustomer().rmse());
    }

    @Test
    void aicAndBicOfAFit() {
        ModelFit fit = BetaGeometricNbdModel.fit(CdnowSplit.histories()).fitResult();
        // AIC = 2k - 2LL, BIC = k ln n - 2LL with k = 4 parameters and n = 2357 customers
        assertThat(fit.aic()).isEqualTo(8 - 2 * fit.logLikelihood());
        assertThat(fit.bic()).isCloseTo(4 * Math.log(2357) - 2 * fit.logLikelihood(), within(1e-9));
        assertThat(fit.aic()).isCloseTo(19172.8584, within(1e-4));
        assertThat(fit.bic()).isCloseTo(19195.9190, within(1e-4));
        HoldoutEvaluation evaluation = comparison.ranking().get(2);
        assertThat(evaluation.aic()).isEqualTo(evaluation.model().fitResult().aic());
        assertThat(evaluation.bic()).isEqualTo(evaluation.model().fitResult().bic());
        ModelFit hand = new ModelFit("test", List.of("x", "y"), new double[] {1, 2}, null, -10.25, 7, true, 0.0, 100, 12);
        assertThat(hand.aic()).isEqualTo(24.5);
        assertThat(hand.bic()).isCloseTo(2 * Math.log(100) + 20.5, within(1e-14));
        ModelFit empty = new ModelFit("test", List.of("x"), new double[] {1}, null, 0.0, 0, true, 0.0, 0, 0);
        assertThatThrownBy(empty::bic).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the BIC of the test fit is undefined: it had no customers");
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> ModelComparison.of(List.of())).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("evaluations must be at least one evaluation, was none");
        HoldoutEvaluation given = HoldoutEvaluation.of(BetaGeometricNbdModel.of(0.243, 4.414, 0.793, 2.426, ChronoUnit.WEEKS),
                CdnowSplit.split());
        assertThat(ModelComparison.of(List.of(given)).best()).isSameAs(given);
        assertThatThrownBy(() -> ModelComparison.of(List.of(given), ModelComparison.Criterion.BIC))
                .isInstanceOf(UndefinedResultException.class);
        assertThat(ModelComparison.of(List.of(given)).toTable().cell(0, 11)).isNull();
        RfmSummary other = RfmSummary.accumulator(CurrencyUnit.USD, LocalDate.of(1997, 6, 30), CdnowSplit.END)
                .add(1, LocalDate.of(1997, 1, 1), 1).add(1, LocalDate.of(1997, 2, 1), 1).snapshot();
        HoldoutEvaluation elsewhere = HoldoutEvaluation.of(given.model(), other);
        assertThatThrownBy(() -> ModelComparison.of(List.of(given, elsewhere))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("evaluations must be evaluations of one split (calibration to 1997-09-30, holdout to "
                        + "1998-06-30, 2357 customers), was one of 1997-06-30 / 1998-06-30 with 1 customers");
        assertThatThrownBy(() -> ModelComparison.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ModelComparison.of(List.of(given), null)).isInstanceOf(NullPointerException.class);
        RfmSummary noHoldout = RfmSummary.accumulator(CurrencyUnit.USD, CdnowSplit.END).add(1, LocalDate.of(1997, 1, 1), 1)
                .snapshot();
        assertThatThrownBy(() -> ModelComparison.of(noHoldout, ChronoUnit.WEEKS)).isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).argument()).isEqualTo("split");
        RfmSummary empty = RfmSummary.accumulator(CurrencyUnit.USD, CdnowSplit.CALIBRATION_END, CdnowSplit.END).snapshot();
        assertThatThrownBy(() -> ModelComparison.of(empty, ChronoUnit.WEEKS)).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> ModelComparison.of(CdnowSplit.split(), ChronoUnit.HOURS))
                .isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("periodUnit must be");
    }
}
