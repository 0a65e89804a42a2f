package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.CustomerCovariates.MissingCovariates;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.money.CurrencyUnit;

/**
 * The holdout evaluation of a model with covariates: every figure with each customer's own model, on the
 * shared synthetic data set (src/test/resources/covariates, README there) against CLVTools 0.12.1's
 * predictions summed (reference_results.json, fits.pnbd_static), against the evaluation of the model
 * without covariates where the coefficients are 0, and on a small case checked by hand.
 */
class HoldoutEvaluationCovariateTest {

    private static final List<String> COVARIATES = List.of("gender", "channel", "age_std");
    private static final LocalDate CALIBRATION_END = LocalDate.of(2023, 12, 31);
    private static final LocalDate END = LocalDate.of(2024, 12, 29);

    private static RfmSummary split;
    private static CustomerCovariates covariates;

    /** The shared transactions as an RFM summary split at 2023-12-31, observed to 2024-12-29 (CLVTools' split). */
    @BeforeAll
    static void read() throws IOException {
        RfmSummary.Accumulator accumulator = RfmSummary.accumulator(CurrencyUnit.USD, CALIBRATION_END, END);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                HoldoutEvaluationCovariateTest.class.getResourceAsStream("/covariates/transactions.csv"),
                StandardCharsets.UTF_8))) {
            reader.lines().skip(1).filter(line -> !line.isBlank()).map(line -> line.split(",")).forEach(row ->
                    accumulator.add(Long.parseLong(row[0]), LocalDate.parse(row[1]),
                            Math.round(Double.parseDouble(row[2]) * 100)));
        }
        split = accumulator.snapshot();
        covariates = ParetoNbdCovariateModelTest.covariates();
    }

    private static ParetoNbdCovariateModel clvTools() {
        return ParetoNbdCovariateModel.of(0.935333768906303, 6.62614189480272, 0.729488827907879, 15.5343295218396,
                COVARIATES, new double[] {-0.236981129891219, 0.329493527640475, 0.26966457822691},
                new double[] {0.179331463426066, 0.383671505863795, -0.108079632555715}, ChronoUnit.WEEKS);
    }

    /**
     * At CLVTools' estimates of pnbd(clvs), the holdout of 52 weeks: CLVTools' CET summed over the 3,000
     * customers 8455.73720415685 (to 1e-7 relative), the actual holdout transactions 8,104 (sum_actual_x),
     * and each reference customer's CET and actual transactions.
     */
    @Test
    void atClvToolsEstimatesThePredictionsAndActualsAreClvTools() {
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(clvTools(), split, covariates);
        assertThat(evaluation.customers()).isEqualTo(3000);
        assertThat(evaluation.excluded()).isZero();
        assertThat(evaluation.holdoutLength()).isEqualTo(52.0);
        assertThat(evaluation.actualPurchases()).isEqualTo(8104);
        assertThat(evaluation.predictedPurchases()).isCloseTo(8455.73720415685, within(8455.7 * 1e-7));
        double[][] reference = {{2, 0.124877771163713, 0}, {508, 2.23580384839802, 0}, {3, 4.44141916917106, 9},
            {1914, 50.0358931272331, 51}, {8, 0.031306971033855, 0}};
        for (double[] c : reference) {
            HoldoutEvaluation.CustomerPrediction p = evaluation.customerPredictions().get((int) c[0] - 1);
            assertThat(p.customerId()).isEqualTo((long) c[0]);
            assertThat(p.predicted()).as("customer %d", p.customerId()).isCloseTo(c[1], within(c[1] * 1e-6));
            assertThat(p.actual()).isEqualTo((long) c[2]);
        }
        assertThat(evaluation.hasCovariates()).isTrue();
        assertThatThrownBy(evaluation::aic).isInstanceOf(UndefinedResultException.class); // given parameters
    }

    /**
     * With all coefficients 0 every customer's model is the plain model's, and the evaluation is the plain
     * one's exactly: predictions, frequency classes, tracking and the χ² bins.
     */
    @Test
    void withAllCoefficientsZeroItIsTheEvaluationOfThePlainModel() {
        double[] zero = new double[3];
        HoldoutEvaluation withCovariates = HoldoutEvaluation.of(ParetoNbdCovariateModel.of(0.874725697271268,
                4.69991711232158, 0.66116118439968, 13.3340976434902, COVARIATES, zero, zero, ChronoUnit.WEEKS), split,
                covariates, ChronoUnit.MONTHS);
        HoldoutEvaluation plain = HoldoutEvaluation.of(ParetoNbdModel.of(0.874725697271268, 4.69991711232158,
                0.66116118439968, 13.3340976434902, ChronoUnit.WEEKS), split, ChronoUnit.MONTHS);
        assertThat(withCovariates.customerPredictions()).isEqualTo(plain.customerPredictions());
        assertThat(withCovariates.perCustomer()).isEqualTo(plain.perCustomer());
        assertThat(withCovariates.byFrequency()).isEqualTo(plain.byFrequency());
        assertThat(withCovariates.tracking()).isEqualTo(plain.tracking()).hasSize(24);
        assertThat(withCovariates.chiSquare().bins()).isEqualTo(plain.chiSquare().bins());
        assertThat(withCovariates.chiSquare().statistic()).isEqualTo(plain.chiSquare().statistic());
        assertThat(withCovariates.calibrationEndPeriod()).isEqualTo(plain.calibrationEndPeriod());
        assertThat(withCovariates).isNotEqualTo(plain);
        // CLVTools' pnbd(clv) CET summed over the holdout, 8583.84696395248, for both
        assertThat(plain.predictedPurchases()).isCloseTo(8583.84696395248, within(8583.8 * 1e-7));
    }

    /**
     * A small case by hand: a Pareto/NBD with r = 1, α₀ = 10, s = 2, β₀ = 20 and one covariate z with
     * γ_trans = ln 2 and γ_life = 0, so that α_i = 10 exp(−ln 2 · z_i): 10 for z = 0 and 5 for z = 1 (a
     * customer with z = 1 buys twice as often), β_i = 20 for both. Unconditionally E[X(t)] = r β/(α (s − 1))
     * [1 − (β/(β + t))^(s − 1)] = 20 t/(α (20 + t)), days / 7 weeks. Customers 1 (z = 0) and 2 (z = 1) first buy
     * on 2024-01-01, customer 3 (z = 1) on 2024-01-08; calibration to 2024-01-28, holdout to 2024-02-11. The
     * expected cumulative purchases at the end of week 1 (2024-01-08, 7 days for customers 1, 2 and none
     * for 3): 20·1/(10·21) + 20·1/(5·21) = 0.0952381 + 0.1904762 = 0.2857143; at the end of week 6 (2024-02-12,
     * 42 days for 1 and 2 and 35 for 3): 20·6/(10·26) + 20·6/(5·26) + 20·5/(5·25) = 0.4615385 + 0.9230769 +
     * 0.8 = 2.1846154.
     */
    @Test
    void aSmallCaseByHand() {
        ParetoNbdCovariateModel model = ParetoNbdCovariateModel.of(1, 10, 2, 20, List.of("z"), new double[] {0},
                new double[] {Math.log(2)}, ChronoUnit.WEEKS);
        LocalDate jan1 = LocalDate.of(2024, 1, 1);
        RfmSummary small = RfmSummary.accumulator(CurrencyUnit.USD, LocalDate.of(2024, 1, 28), LocalDate.of(2024, 2, 11))
                .add(1, jan1, 100).add(1, jan1.plusDays(10), 100).add(1, jan1.plusDays(33), 100)
                .add(2, jan1, 100).add(2, jan1.plusDays(20), 100)
                .add(3, jan1.plusDays(7), 100).add(3, jan1.plusDays(35), 100).add(3, jan1.plusDays(40), 100)
                .snapshot();
        CustomerCovariates z = CustomerCovariates.builder(List.of("z")).add(1, 0).add(2, 1).add(3, 1).build();
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(model, small, z);
        List<HoldoutEvaluation.TrackingPeriod> tracking = evaluation.tracking();
        assertThat(tracking).hasSize(6);
        assertThat(tracking.get(0).cumulativeExpected()).isCloseTo(0.2857142857, within(1e-9));
        assertThat(tracking.get(5).end()).isEqualTo(LocalDate.of(2024, 2, 12));
        assertThat(tracking.get(5).cumulativeExpected()).isCloseTo(2.1846153846, within(1e-9));
        assertThat(tracking.get(5).cumulativeActual()).isEqualTo(5);
        // each customer's prediction is that of the model of their own covariates (2 weeks of holdout)
        List<HoldoutEvaluation.CustomerPrediction> predictions = evaluation.customerPredictions();
        double[] zs = {0, 1, 1};
        for (int i = 0; i < 3; i++) {
            RfmSummary.Customer c = small.customers().get(i);
            assertThat(predictions.get(i).predicted()).isEqualTo(model.forCustomer(new double[] {zs[i]})
                    .conditionalExpectedPurchases(2, org.loyaltymetrics.data.PurchaseHistory.of(c.frequency(),
                            c.recency(ChronoUnit.WEEKS), c.age(ChronoUnit.WEEKS), ChronoUnit.WEEKS)));
        }
        assertThat(predictions).extracting(HoldoutEvaluation.CustomerPrediction::actual).containsExactly(1L, 0L, 2L);
        // fewer than 10 customers make one bin, which expects and holds all 3
        assertThat(evaluation.chiSquare().bins()).hasSize(1);
        assertThat(evaluation.chiSquare().bins().get(0).expected()).isEqualTo(3.0);
        assertThat(evaluation.chiSquare()).isEqualTo(ChiSquareGoodnessOfFit.of(model,
                z.join(small, ChronoUnit.WEEKS, MissingCovariates.REFUSE)));
        assertThat(evaluation.chiSquare().estimatedParameters()).isZero(); // given parameters
        assertThat(evaluation.frequencyTable().title()).startsWith("Pareto/NBD with covariates");
        assertThat(evaluation.toString()).startsWith("Pareto/NBD with covariates holdout evaluation to 2024-02-11 "
                + "(2.0000 weeks): 3 customers (0 excluded), 3 purchases vs ");
    }

    /**
     * A fitted model: the χ² test's degrees of freedom and the AIC and BIC count the 6 coefficients. (The
     * χ² test of 3,000 customers with a model each is the slow part of this class: a quadrature per
     * customer and frequency.)
     */
    @Test
    void theFitsCoefficientsCountInTheChiSquareAndTheInformationCriteria() {
        CustomerCovariates.Joined joined = covariates.join(split, ChronoUnit.WEEKS, MissingCovariates.REFUSE);
        ParetoNbdCovariateModel fitted = ParetoNbdCovariateModel.fit(joined);
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(fitted, split, covariates);
        ModelFit fit = fitted.fitResult();
        assertThat(fit.estimates()).hasSize(10);
        assertThat(evaluation.aic()).isEqualTo(2 * 10 - 2 * fit.logLikelihood());
        assertThat(evaluation.bic()).isEqualTo(fit.bic());
        ChiSquareGoodnessOfFit chiSquare = evaluation.chiSquare();
        assertThat(chiSquare.estimatedParameters()).isEqualTo(10);
        assertThat(chiSquare.degreesOfFreedom()).isEqualTo(chiSquare.bins().size() - 11);
        double expected = chiSquare.bins().stream().mapToDouble(ChiSquareGoodnessOfFit.Bin::expected).sum();
        assertThat(expected).isCloseTo(3000, within(1e-9));
        assertThat(evaluation.toTable().toText()).contains("AIC").contains("chi-square df");
        assertThat(evaluation.covariateModel()).isSameAs(fitted);
    }

    @Test
    void badInputIsRefusedAndTheModelAccessorsSayWhichModelItIs() {
        CustomerCovariates two = CustomerCovariates.builder(List.of("gender", "channel")).add(1, 0, 1).build();
        assertThatThrownBy(() -> HoldoutEvaluation.of(clvTools(), split, two)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("covariates must be the model's covariates [gender, channel, age_std], was covariates "
                        + "[gender, channel]");
        CustomerCovariates.Builder some = CustomerCovariates.builder(COVARIATES);
        some.add(1, 0, 1, 0.5).add(2, 1, 0, -0.5);
        assertThatThrownBy(() -> HoldoutEvaluation.of(clvTools(), split, some.build()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("covariates must be the covariates of every customer of the split, was none for 2998 "
                        + "customers, e.g. customer 3");
        RfmSummary whole = RfmSummary.accumulator(CurrencyUnit.USD, END).add(1, CALIBRATION_END, 1).snapshot();
        assertThatThrownBy(() -> HoldoutEvaluation.of(clvTools(), whole, covariates))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("split");
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(clvTools(), split, covariates);
        assertThatThrownBy(evaluation::model).isInstanceOf(UndefinedResultException.class)
                .hasMessageContaining("covariateModel()");
        HoldoutEvaluation plain = HoldoutEvaluation.of(ParetoNbdModel.of(1, 5, 1, 14, ChronoUnit.WEEKS), split);
        assertThat(plain.hasCovariates()).isFalse();
        assertThatThrownBy(plain::covariateModel).isInstanceOf(UndefinedResultException.class)
                .hasMessageContaining("model()");
        CustomerCovariates.Joined joined = two.join(java.util.Map.of(1L, org.loyaltymetrics.data.PurchaseHistory.of(
                1, 1, 2, ChronoUnit.WEEKS)), MissingCovariates.REFUSE);
        assertThatThrownBy(() -> ChiSquareGoodnessOfFit.of(clvTools(), joined))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("data");
    }
}
