package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.data.RfmSummary;

/**
 * The acceptance test of the calibration/holdout evaluation (issue 12): the CDNOW sample's 6,919
 * transactions, calibration to 1997-09-30, holdout to 1998-06-30 (39 weeks), weeks, a BG/NBD fitted to
 * the calibration period, against lifetimes 0.11.3. The reference values were made by
 * {@code src/test/resources/models/lifetimes_holdout.py} (see the README there), with
 * {@code freq='D', freq_multiplier=7}: days counted as days and divided by 7, the convention of the
 * literature and of this library (lifetimes' {@code freq='W'} would count calendar weeks instead).
 *
 * <p>Tolerances: the summary (x, tₓ, T, holdout purchases) is exact. The log-likelihoods of the two fits
 * agree to 2e-11 (−9582.42920667391 here, −9582.429206673929 in lifetimes with BFGS at gtol 1e-12), the
 * estimates to 2e-7 relative: lifetimes' tight fit is at the maximum (a Newton step from it, with
 * autograd's exact Hessian, moves every log-parameter by less than 2e-12), this library's default fit
 * stops where a Newton step would still move log b by 1.3e-7 and log a by 8e-8 (along the flat ridge
 * where a and b move together; its gradient is 3.3e-9 per customer there) and r and α by 1e-8. The
 * predictions of the two fitted models agree to 1e-6 relative, the acceptance criterion (they do to
 * 1.4e-7). At lifetimes' estimates, the same model agrees with
 * lifetimes' predictions to 1e-12 relative: the formulas agree to rounding.
 */
class HoldoutEvaluationCdnowTest {

    private static final LocalDate END = CdnowSplit.END;

    private static RfmSummary split;
    private static BetaGeometricNbdModel fitted;
    private static BetaGeometricNbdModel atLifetimesEstimates;
    private static double lifetimesLogLikelihood;

    @BeforeAll
    static void splitAndFit() {
        split = CdnowSplit.split();
        fitted = BetaGeometricNbdModel.fit(CdnowSplit.histories());
        String[] tight = rows("cdnow_holdout_lifetimes_fit.csv").get(0);
        assertThat(tight[0]).isEqualTo("tol=1e-12");
        atLifetimesEstimates = BetaGeometricNbdModel.of(Double.parseDouble(tight[1]), Double.parseDouble(tight[2]),
                Double.parseDouble(tight[3]), Double.parseDouble(tight[4]), ChronoUnit.WEEKS);
        lifetimesLogLikelihood = Double.parseDouble(tight[5]);
    }

    private static BufferedReader reader(String resource) {
        return new BufferedReader(new InputStreamReader(HoldoutEvaluationCdnowTest.class.getResourceAsStream(resource),
                StandardCharsets.UTF_8));
    }

    /** The rows of a reference file of src/test/resources/models, without the header. */
    private static List<String[]> rows(String file) {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = reader("/models/" + file)) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                rows.add(line.split(","));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static void assertRelative(double actual, double expected, double tolerance, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(tolerance * Math.abs(expected)));
    }

    @Test
    void theEstimatesAndLogLikelihoodAgreeWithLifetimes() {
        // lifetimes (gtol 1e-12): r 0.24259452243, alpha 4.41360201901, a 0.79292201722, b 2.42590677682,
        // LL -9582.42920667 (published for the rounded summary file: 0.243, 4.414, 0.793, 2.426, -9582.4);
        // here r 0.24259452546, alpha 4.41360205078, a 0.79292195091, b 2.42590647335
        for (String name : BetaGeometricNbdModel.PARAMETERS) {
            assertRelative(fitted.parameters().get(name), atLifetimesEstimates.parameters().get(name), 2e-7, name);
        }
        assertThat(fitted.fitResult().logLikelihood()).isCloseTo(lifetimesLogLikelihood, within(1e-9));
        assertThat(fitted.fitResult().customers()).isEqualTo(2357);
    }

    @Test
    void perCustomerPredictionsAgreeWithLifetimes() {
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(fitted, split);
        HoldoutEvaluation atReference = HoldoutEvaluation.of(atLifetimesEstimates, split);
        List<String[]> reference = rows("cdnow_holdout_lifetimes_customers.csv");
        assertThat(evaluation.customers()).isEqualTo(2357).isEqualTo(reference.size());
        assertThat(evaluation.excluded()).isZero();
        assertThat(evaluation.holdoutLength()).isCloseTo(39.0, within(1e-13));
        double worst = 0.0;
        for (int i = 0; i < reference.size(); i++) {
            String[] row = reference.get(i);
            long id = Long.parseLong(row[0]);
            RfmSummary.Customer customer = split.customer(id);
            // calibration_and_holdout_data: frequency_cal, recency_cal, T_cal (days / 7), frequency_holdout
            assertThat(customer.frequency()).isEqualTo(Integer.parseInt(row[1]));
            assertThat(customer.recency(ChronoUnit.WEEKS)).isEqualTo(Double.parseDouble(row[2]));
            assertThat(customer.age(ChronoUnit.WEEKS)).isEqualTo(Double.parseDouble(row[3]));
            assertThat(customer.holdoutPurchases()).isEqualTo(Integer.parseInt(row[4]));
            assertThat(Double.parseDouble(row[5])).isEqualTo(39.0);
            HoldoutEvaluation.CustomerPrediction ours = evaluation.customerPredictions().get(i);
            assertThat(ours.customerId()).isEqualTo(id);
            assertThat(ours.actual()).isEqualTo(customer.holdoutPurchases());
            double expected = Double.parseDouble(row[6]);
            assertRelative(ours.predicted(), expected, 1e-6, "customer " + id);
            assertRelative(atReference.customerPredictions().get(i).predicted(), expected, 1e-12, "customer " + id);
            worst = Math.max(worst, Math.abs(ours.predicted() / expected - 1));
        }
        assertThat(worst).as("the largest relative difference of the fitted models' predictions").isLessThan(2e-7);
        // FHL 2005 worked example (their summary file rounds t_x and T to 30.43 and 38.86 weeks): 1.226
        assertThat(evaluation.customerPredictions().get(0).predicted()).isCloseTo(1.226, within(0.0005));
    }

    @Test
    void meansPerFrequencyClassAgreeWithLifetimes() {
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(fitted, split);
        List<HoldoutEvaluation.FrequencyClass> classes = evaluation.byFrequency();
        List<String[]> reference = rows("cdnow_holdout_lifetimes_classes.csv");
        assertThat(classes).hasSize(8).hasSameSizeAs(reference);
        for (int k = 0; k < classes.size(); k++) {
            HoldoutEvaluation.FrequencyClass ours = classes.get(k);
            String[] row = reference.get(k);
            assertThat(ours.label()).isEqualTo(row[0]);
            assertThat(ours.customers()).isEqualTo(Long.parseLong(row[1]));
            assertThat(ours.actual()).isCloseTo(Double.parseDouble(row[2]), within(1e-14));
            assertRelative(ours.predicted(), Double.parseDouble(row[3]), 1e-6, "class " + row[0]);
        }
        // 0: 1411 customers, 0.2367 actual vs 0.2251 predicted; 7+: 64, 6.3594 vs 6.1572
        assertThat(classes.get(7).openEnded()).isTrue();
        assertThat(classes.get(7).frequency()).isEqualTo(7);
    }

    @Test
    void weeklyCumulativeRepeatPurchasesAgreeWithLifetimes() {
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(fitted, split, ChronoUnit.WEEKS);
        HoldoutEvaluation atReference = HoldoutEvaluation.of(atLifetimesEstimates, split, ChronoUnit.WEEKS);
        List<HoldoutEvaluation.TrackingPeriod> tracking = evaluation.tracking();
        List<String[]> reference = rows("cdnow_holdout_lifetimes_tracking.csv");
        // 1997-01-01 to 1998-06-30: 546 days, 78 weeks; the calibration is the first 39
        assertThat(tracking).hasSize(78).hasSameSizeAs(reference);
        assertThat(evaluation.calibrationEndPeriod()).isEqualTo(39.0);
        assertThat(tracking.get(0).start()).isEqualTo(LocalDate.of(1997, 1, 1));
        assertThat(tracking.get(77).end()).isEqualTo(END.plusDays(1));
        for (int k = 0; k < tracking.size(); k++) {
            HoldoutEvaluation.TrackingPeriod week = tracking.get(k);
            String[] row = reference.get(k);
            assertThat(week.period()).isEqualTo(Integer.parseInt(row[0]));
            assertThat(week.cumulativeActual()).isEqualTo(Long.parseLong(row[1]));
            assertRelative(week.cumulativeExpected(), Double.parseDouble(row[2]), 1e-6, "week " + row[0]);
            assertRelative(atReference.tracking().get(k).cumulativeExpected(), Double.parseDouble(row[2]), 1e-12,
                    "week " + row[0]);
            double previous = k == 0 ? 0.0 : tracking.get(k - 1).cumulativeExpected();
            assertThat(week.expected()).isCloseTo(week.cumulativeExpected() - previous, within(1e-12));
        }
        // the last week: 4339 repeat purchases against 4165.66 expected; the calibration's 2457 are Σ x
        assertThat(tracking.get(38).cumulativeActual()).isEqualTo(split.repeatPurchases()).isEqualTo(2457);
        assertThat(tracking.get(77).cumulativeActual() - tracking.get(38).cumulativeActual())
                .isEqualTo(evaluation.actualPurchases()).isEqualTo(1882);
    }
}
