package org.loyaltymetrics.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.CustomerCovariates.MissingCovariates;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.RfmSummary;
import org.loyaltymetrics.data.TimeVaryingCovariates;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.TimeUnits;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;

/**
 * The calibration/holdout evaluation of a transaction model (BG/NBD, MBG/NBD, Pareto/NBD), the
 * standard check of the buy-till-you-die literature (Fader, Hardie &amp; Lee 2005, "Counting Your
 * Customers the Easy Way", Marketing Science 24(2), section 4): the model is fitted to the
 * calibration period of a transaction log, and what it predicts for the holdout period is compared
 * with what the customers did.
 *
 * <p><b>Data.</b> An {@link RfmSummary} with a calibration/holdout split gives per customer the
 * calibration history (x, tₓ, T, in whole days, converted to the model's unit: weeks are days / 7),
 * the first purchase date (the calibration end minus T) and the holdout purchases (distinct purchase
 * days, as x counts them); and the cohort's repeat purchases day by day. Customers whose first purchase
 * falls in the holdout have no calibration history to predict from: they are left out and counted
 * ({@link #excluded()}), and their purchases are in no figure. A customer whose first purchase is on
 * the calibration end day has a calibration age T = 0, no time in which to observe repeat purchases:
 * the evaluation refuses such a split ({@link InvalidArgumentException} naming {@code split}, the count
 * and the first such customer), since their prediction would rest on nothing observed.
 *
 * <p><b>Figures.</b>
 * <ul>
 *   <li>Per customer ({@link #customerPredictions()}): the actual holdout purchases Y and the
 *       prediction E[Y(t*) | x, tₓ, T] over the holdout's length t*
 *       ({@link TransactionModel#conditionalExpectedPurchases}); over the customers
 *       ({@link #perCustomer()}) the mean absolute error MAE = mean |E − Y|, the root mean squared
 *       error RMSE = √mean (E − Y)² and the bias mean (E − Y) (positive: the model predicts too many).
 *       The conditional expectation is the prediction that minimises the expected squared error, which
 *       makes RMSE the error it is judged by; MAE is minimised by the median instead.</li>
 *   <li>Per calibration-frequency class ({@link #byFrequency()}): the customers with x = 0, 1, …, 6 and
 *       x ≥ 7, each with the mean actual and the mean predicted holdout purchases (ibid., figure 4;
 *       lifetimes' {@code plot_calibration_purchases_vs_holdout_purchases}).</li>
 *   <li>Tracking ({@link #tracking()}): the cohort's repeat purchases period by period (days, weeks,
 *       months or years from the earliest first purchase, over the calibration and the holdout),
 *       incremental and cumulative, actual against expected (ibid., figure 3). The expected cumulative
 *       count at the end e of a period is Σᵢ E[X(e − sᵢ)] over the customers whose first purchase day sᵢ
 *       is before e, E[X(t)] the model's {@link TransactionModel#expectedPurchases(double) unconditional
 *       expectation}: each customer's clock starts at their first purchase, as in the model. A purchase
 *       on a day counts in the period holding that day; e − sᵢ counts whole days (a first purchase on
 *       the day before e has had one day), the convention of lifetimes'
 *       {@code expected_cumulative_transactions}.</li>
 *   <li>The χ² goodness of fit of the calibration frequency histogram ({@link #chiSquare()}), and the
 *       AIC and BIC of the fit ({@link #aic()}, {@link #bic()}).</li>
 * </ul>
 *
 * <p><b>Against lifetimes.</b> On the CDNOW sample (calibration to 1997-09-30, holdout to 1998-06-30,
 * weeks) with a BG/NBD fitted to the calibration period, the per-customer predictions, the means per
 * frequency class and the expected cumulative repeat purchases of each of the 78 weeks agree with
 * lifetimes 0.11.3 ({@code calibration_and_holdout_data}, {@code
 * conditional_expected_number_of_purchases_up_to_time}, {@code expected_cumulative_transactions} with
 * {@code freq='D', freq_multiplier=7}, that is weeks of 7 days counted in days, the literature's and
 * this library's convention) to better than 1e-6 relative.
 *
 * <p>Evaluating costs one conditional expectation per distinct calibration history, one unconditional
 * expectation per distinct whole-day lag between a first purchase and a period's end, and the χ² test's
 * P(X(T) = n) per distinct age and frequency up to its open bin: on CDNOW (2,357 customers, 84 distinct
 * ages, 78 weeks) about 20 ms for the BG/NBD and the MBG/NBD, and 0.4 s for the Pareto/NBD, whose
 * P(X(T) = n) is a quadrature (0.2 ms each) and makes nine tenths of it.
 *
 * <p><b>Covariates.</b> A model with time-invariant covariates ({@link #of(CovariateTransactionModel,
 * RfmSummary, CustomerCovariates, ChronoUnit)}) is evaluated with each customer's own model
 * ({@link CovariateTransactionModel#forCustomer forCustomer(zᵢ)}) in every figure: the predictions, the
 * tracking's Σᵢ E_zᵢ[X(e − sᵢ)], the χ² test's expected counts Σᵢ P_zᵢ(X(Tᵢ) = n); the coefficients count
 * among the estimated parameters of the χ² test, the AIC and the BIC. Customers whose covariates give the
 * same parameters share one model, whose figures are computed once per distinct history, lag and age, so that
 * categorical covariates cost little; with continuous ones every customer has a model of their own, and the
 * χ² test, a quadrature per customer and frequency for the Pareto/NBD, costs some milliseconds a customer.
 *
 * <p><b>Time-varying covariates.</b> The Pareto/NBD with time-varying covariates is evaluated on customers
 * joined to their covariates over calibration and holdout ({@link #of(ParetoNbdDynamicCovariateModel,
 * TimeVaryingCovariates.Joined, ChronoUnit)}), each customer with the covariates of their own periods: CET over
 * the holdout, the exact E[X(t)] of the tracking, and P(X(T) = n) of the χ² test by quadrature, all frequencies
 * of a customer in one pass (the 1,001 customers of the shared data set: about 0.05 s and 0.1 s for the χ² test,
 * warm, on a loaded 2-core machine).
 *
 * <p>The χ² test is computed on first use ({@link #chiSquare()}, {@link #toString()}, {@link #toTable()}).
 *
 * <p>{@code toString()} is one line; {@link #toTable()} lists the headline figures,
 * {@link #frequencyTable()}, {@link #trackingTable()} and {@link #customerTable()} the rest.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class HoldoutEvaluation implements Tabular {

    /** The default open class of {@link #byFrequency()}: 0, 1, …, 6 and 7+ (Fader, Hardie &amp; Lee 2005, figure 4). */
    public static final int OPEN_FREQUENCY_CLASS = 7;

    /**
     * One customer's holdout purchases, actual and predicted.
     *
     * @param customerId the customer's id
     * @param frequency x, the repeat purchases in the calibration period
     * @param actual the purchases (distinct days) in the holdout period
     * @param predicted E[Y(t*) | x, tₓ, T], the model's expectation of {@code actual}
     */
    public record CustomerPrediction(long customerId, long frequency, long actual, double predicted) {

        /** The error of the prediction, predicted − actual. */
        public double error() {
            return predicted - actual;
        }
    }

    /**
     * The errors of the per-customer predictions of the holdout purchases.
     *
     * @param customers the number of customers
     * @param mae the mean absolute error, mean |predicted − actual|
     * @param rmse the root mean squared error, √mean (predicted − actual)²
     * @param bias the mean error, mean (predicted − actual): positive when the model predicts too many
     */
    public record PredictionErrors(long customers, double mae, double rmse, double bias) {
    }

    /**
     * The customers of one calibration-frequency class and their mean holdout purchases.
     *
     * @param frequency the calibration frequency x of the class (the lowest, for the open class)
     * @param openEnded whether the class holds every frequency from {@code frequency} up ("7+")
     * @param customers the customers in the class, &gt;= 1
     * @param actual the mean actual holdout purchases of the class
     * @param predicted the mean predicted holdout purchases of the class
     */
    public record FrequencyClass(long frequency, boolean openEnded, long customers, double actual, double predicted) {

        /** The class as text: "3", or "7+" for an open class. */
        public String label() {
            return frequency + (openEnded ? "+" : "");
        }
    }

    /**
     * The cohort's repeat purchases in one period of the tracking.
     *
     * @param period the period's number, 1 for the first
     * @param start the period's first day
     * @param end the day after the period's last day (exclusive); the last period may be shorter, ending
     *     the day after the end of observation
     * @param actual the repeat purchases made in the period
     * @param expected the repeat purchases the model expects in the period
     * @param cumulativeActual the repeat purchases made from the start of the tracking to the period's end
     * @param cumulativeExpected the repeat purchases the model expects from the start to the period's end
     */
    public record TrackingPeriod(int period, LocalDate start, LocalDate end, long actual, double expected,
            long cumulativeActual, double cumulativeExpected) {
    }

    /** The model evaluated, or null for a model with covariates. */
    private final TransactionModel model;
    /** The model with covariates evaluated, or null. */
    private final CovariateTransactionModel covariateModel;
    /** The model with time-varying covariates evaluated, or null. */
    private final ParetoNbdDynamicCovariateModel dynamicModel;
    /** {@code model}, or the model of covariates all 0 of the model with covariates: its time unit (and name). */
    private final TransactionModel reference;
    private final ChronoUnit periodUnit;
    private final LocalDate calibrationEnd;
    private final LocalDate end;
    private final double holdoutLength;
    private final long excluded;
    private final long[] ids;
    private final int[] frequency;
    private final int[] actual;
    private final double[] predicted;
    private final PredictionErrors errors;
    private final List<TrackingPeriod> tracking;
    private final double calibrationEndPeriod;
    /** Computes the χ² test on first use (the data it needs, held until then). */
    private final java.util.function.Supplier<ChiSquareGoodnessOfFit> chiSquareOf;
    /** The χ² test once computed (the same value whichever thread computes it). */
    private volatile ChiSquareGoodnessOfFit chiSquare;

    private HoldoutEvaluation(TransactionModel model, CovariateTransactionModel covariateModel,
            ParetoNbdDynamicCovariateModel dynamicModel, TransactionModel reference, ChronoUnit periodUnit,
            LocalDate calibrationEnd, LocalDate end, long excluded, long[] ids, int[] frequency, int[] actual,
            double[] predicted, List<TrackingPeriod> tracking, double calibrationEndPeriod,
            java.util.function.Supplier<ChiSquareGoodnessOfFit> chiSquareOf) {
        this.model = model;
        this.covariateModel = covariateModel;
        this.dynamicModel = dynamicModel;
        this.reference = reference;
        this.periodUnit = periodUnit;
        this.calibrationEnd = calibrationEnd;
        this.end = end;
        this.excluded = excluded;
        this.holdoutLength = reference.toModelTime(ChronoUnit.DAYS.between(calibrationEnd, end), ChronoUnit.DAYS);
        this.ids = ids;
        this.frequency = frequency;
        this.actual = actual;
        this.predicted = predicted;
        this.errors = ids.length == 0 ? null : errors(actual, predicted);
        this.tracking = tracking;
        this.calibrationEndPeriod = calibrationEndPeriod;
        this.chiSquareOf = chiSquareOf;
    }

    /** The evaluation of {@code model}, or of {@code covariateModel} with {@code covariates}, on {@code split}. */
    private static HoldoutEvaluation ofSplit(TransactionModel model, CovariateTransactionModel covariateModel,
            CustomerCovariates covariates, RfmSummary split, ChronoUnit periodUnit) {
        TransactionModel reference = model != null ? model
                : covariateModel.forCustomer(new double[covariateModel.covariates().size()]);
        ChronoUnit unit = reference.timeUnit();
        LocalDate calibrationEnd = split.calibrationEnd();
        double holdoutLength = reference.toModelTime(ChronoUnit.DAYS.between(calibrationEnd, split.end()), ChronoUnit.DAYS);
        int n = split.size();
        long[] ids = new long[n];
        int[] frequency = new int[n];
        int[] actual = new int[n];
        double[] predicted = new double[n];
        // each customer's own model: one for all without covariates; with them, one per distinct set of parameters
        List<TransactionModel> models = new ArrayList<>();
        Map<Map<String, Double>, Integer> modelIndex = new HashMap<>();
        if (model != null) {
            models.add(model);
        }
        int[] customerModel = new int[n];
        Map<PredictionKey, Double> predictions = new HashMap<>();
        List<RfmSummary.Customer> customers = split.customers();
        for (int i = 0; i < n; i++) {
            RfmSummary.Customer c = customers.get(i);
            ids[i] = c.customerId();
            frequency[i] = c.frequency();
            actual[i] = c.holdoutPurchases();
            if (covariateModel != null) {
                TransactionModel own = covariateModel.forCustomer(covariates.values(c.customerId()));
                customerModel[i] = modelIndex.computeIfAbsent(own.parameters(), key -> {
                    models.add(own);
                    return models.size() - 1;
                });
            }
            TransactionModel own = models.get(customerModel[i]);
            // one prediction per distinct history and model
            predicted[i] = predictions.computeIfAbsent(new PredictionKey(c.frequency(), c.recencyDays(), c.ageDays(),
                    customerModel[i]), key -> own.conditionalExpectedPurchases(holdoutLength,
                            PurchaseHistory.of(c.frequency(), c.recency(unit), c.age(unit), unit)));
        }
        List<TrackingPeriod> tracking = n == 0 ? List.of() : track(models, customerModel, split, periodUnit);
        double calibrationEndPeriod = n == 0 ? 0.0
                : position(split.firstPurchaseDate(), calibrationEnd.plusDays(1), periodUnit);
        java.util.function.Supplier<ChiSquareGoodnessOfFit> chiSquareOf = n == 0 ? null : model != null
                ? () -> ChiSquareGoodnessOfFit.of(model, PurchaseHistories.from(split, unit))
                : () -> ChiSquareGoodnessOfFit.of(covariateModel, covariates.join(split, unit, MissingCovariates.REFUSE));
        return new HoldoutEvaluation(model, covariateModel, null, reference, periodUnit, calibrationEnd, split.end(),
                split.customersFirstSeenInHoldout(), ids, frequency, actual, predicted, tracking, calibrationEndPeriod,
                chiSquareOf);
    }

    /** A distinct calibration history (in days) of the customers of one model. */
    private record PredictionKey(int frequency, int recencyDays, int ageDays, int model) {
    }

    /**
     * The evaluation of {@code model}, fitted to the calibration period of {@code split}, on the holdout
     * period of {@code split}, tracked in periods of the model's time unit.
     *
     * @throws InvalidArgumentException as {@link #of(TransactionModel, RfmSummary, ChronoUnit)}
     */
    public static HoldoutEvaluation of(TransactionModel model, RfmSummary split) {
        return of(model, split, Checks.notNull(model, "model").timeUnit());
    }

    /**
     * The evaluation of {@code model}, fitted to the calibration period of {@code split}, on the holdout
     * period of {@code split}, the cohort tracked in periods of {@code periodUnit} from its earliest
     * first purchase (calendar months and years where the unit is MONTHS or YEARS).
     *
     * @param model the model fitted to the calibration period (by the caller, with the options of their
     *     choice); a model built from given parameters is evaluated too, without AIC and BIC
     * @param split the RFM summary with a calibration/holdout split
     * @param periodUnit DAYS, WEEKS, MONTHS or YEARS
     * @throws InvalidArgumentException if {@code split} has no holdout period or has customers with a
     *     calibration age T = 0 (a first purchase on the calibration end day), or {@code periodUnit} is
     *     not one of the four units
     */
    public static HoldoutEvaluation of(TransactionModel model, RfmSummary split, ChronoUnit periodUnit) {
        Checks.notNull(model, "model");
        check(split, periodUnit);
        return ofSplit(model, null, null, split, periodUnit);
    }

    /**
     * The evaluation of a model with time-invariant covariates on the holdout period of {@code split},
     * tracked in periods of the model's time unit.
     *
     * @throws InvalidArgumentException as {@link #of(CovariateTransactionModel, RfmSummary, CustomerCovariates,
     *     ChronoUnit)}
     */
    public static HoldoutEvaluation of(CovariateTransactionModel model, RfmSummary split, CustomerCovariates covariates) {
        return of(model, split, covariates, Checks.notNull(model, "model").timeUnit());
    }

    /**
     * The evaluation of a model with time-invariant covariates, fitted to the calibration period of
     * {@code split} joined to {@code covariates}, on the holdout period of {@code split}: every figure is
     * that of the class comment with each customer's own model, {@link CovariateTransactionModel#forCustomer
     * forCustomer(zᵢ)}. The prediction of customer i is E_zᵢ[Y(t*) | x, tₓ, T]; the expected count of
     * customers with n calibration purchases in the χ² test is Σᵢ P_zᵢ(X(Tᵢ) = n)
     * ({@link ChiSquareGoodnessOfFit#of(CovariateTransactionModel, CustomerCovariates.Joined)}); the expected
     * cumulative repeat purchases at a period's end e are Σᵢ E_zᵢ[X(e − sᵢ)]; the χ² test's degrees of
     * freedom, the AIC and the BIC count the coefficients with the other parameters. With all coefficients 0
     * every figure is that of the model without covariates. {@link #model()} is then undefined: the model
     * is {@link #covariateModel()}.
     *
     * @param model the model with covariates fitted to the calibration period (or built from given
     *     parameters: then without AIC and BIC)
     * @param split the RFM summary with a calibration/holdout split
     * @param covariates the covariates of every customer of {@code split} (those first seen in the holdout
     *     need none), the model's
     * @param periodUnit DAYS, WEEKS, MONTHS or YEARS
     * @throws InvalidArgumentException as {@link #of(TransactionModel, RfmSummary, ChronoUnit)}, or if
     *     {@code covariates} are not the model's or lack a customer of {@code split}
     */
    public static HoldoutEvaluation of(CovariateTransactionModel model, RfmSummary split, CustomerCovariates covariates,
            ChronoUnit periodUnit) {
        Checks.notNull(model, "model");
        Checks.notNull(covariates, "covariates");
        check(split, periodUnit);
        if (!covariates.names().equals(model.covariates())) {
            throw InvalidArgumentException.of("covariates", "the model's covariates " + model.covariates(),
                    "covariates " + covariates.names());
        }
        long missing = 0;
        long first = 0;
        for (RfmSummary.Customer c : split.customers()) {
            if (!covariates.contains(c.customerId())) {
                first = missing++ == 0 ? c.customerId() : first;
            }
        }
        if (missing > 0) {
            throw InvalidArgumentException.of("covariates", "the covariates of every customer of the split",
                    "none for " + Formatting.plural(missing, "customer") + ", e.g. customer " + first);
        }
        return ofSplit(null, model, covariates, split, periodUnit);
    }

    /**
     * The evaluation of the Pareto/NBD with time-varying covariates on the prediction period of {@code data}
     * (its holdout), tracked in weeks.
     *
     * @throws InvalidArgumentException as {@link #of(ParetoNbdDynamicCovariateModel, TimeVaryingCovariates.Joined,
     *     ChronoUnit)}
     */
    public static HoldoutEvaluation of(ParetoNbdDynamicCovariateModel model, TimeVaryingCovariates.Joined data) {
        return of(model, data, ChronoUnit.WEEKS);
    }

    /**
     * The evaluation of the Pareto/NBD with time-varying covariates, fitted to the calibration period of
     * {@code data}, on its prediction period, which is the holdout: {@code data} joins every customer's purchase
     * days to the end of the holdout ({@link TimeVaryingCovariates#join}, with the holdout's last day as the
     * prediction end), and their covariates over it. Every figure is that of the class comment with each
     * customer's own covariates, period by period:
     * <ul>
     *   <li>the prediction of customer i is CET, E[Y(t*) | history, covariates over (T, T + t*]]
     *       ({@link ParetoNbdDynamicCovariateModel#predict(TimeVaryingCovariates.Joined, double)}), against the
     *       purchase days of the holdout ({@link TimeVaryingCovariates.Joined#predictionPurchases(int)});</li>
     *   <li>the tracking's expected cumulative repeat purchases at a period's end e are Σᵢ E_i[X(e − sᵢ)]
     *       ({@link ParetoNbdDynamicCovariateModel#expectedPurchases(TimeVaryingCovariates.Joined, int, double)},
     *       exact), e − sᵢ in whole days from the first purchase as in the class comment;</li>
     *   <li>the χ² test's expected count of customers with n calibration purchases is Σᵢ P_i(X(Tᵢ) = n)
     *       ({@link ChiSquareGoodnessOfFit#of(ParetoNbdDynamicCovariateModel, TimeVaryingCovariates.Joined)});
     *       its degrees of freedom, the AIC and the BIC count the coefficients.</li>
     * </ul>
     * Customers first seen in the holdout are left out and counted by {@link #excluded()}; customers the join
     * left out for want of covariates ({@link TimeVaryingCovariates.Joined#leftOut()}, when it was built to leave
     * them out) are not in {@code data} and not evaluated. With all coefficients
     * 0 every figure is that of the Pareto/NBD without covariates on the same customers. {@link #model()} and
     * {@link #covariateModel()} are then undefined: the model is {@link #dynamicCovariateModel()}.
     *
     * @param model the model fitted to the calibration period of {@code data} (or built from given parameters:
     *     then without AIC and BIC)
     * @param data the customers joined to their covariates with a prediction period, the holdout
     * @param periodUnit DAYS, WEEKS, MONTHS or YEARS
     * @throws InvalidArgumentException if {@code data}'s covariates are not the model's, it has no prediction
     *     period after the calibration end, or has customers with a calibration age T = 0 (a first purchase on the
     *     calibration end day), or {@code periodUnit} is not one of the four units
     */
    public static HoldoutEvaluation of(ParetoNbdDynamicCovariateModel model, TimeVaryingCovariates.Joined data,
            ChronoUnit periodUnit) {
        Checks.notNull(model, "model");
        Checks.notNull(data, "data");
        checkPeriodUnit(periodUnit);
        CovariateCoefficients.checkNames("data", data.names(), model.covariates());
        if (!data.hasPredictionPeriod() || !data.predictionEnd().isAfter(data.calibrationEnd())) {
            throw InvalidArgumentException.of("data", "customers joined with a prediction period after the calibration "
                    + "end " + data.calibrationEnd() + " (the holdout)", data.hasPredictionPeriod()
                            ? "a prediction end of " + data.predictionEnd() : "no prediction period");
        }
        int n = data.size();
        long calibrationDay = data.calibrationEnd().toEpochDay();
        long zeroAges = 0;
        long firstZero = 0;
        for (int i = 0; i < n; i++) {
            if (data.purchaseDay(i, 0) == calibrationDay) {
                firstZero = zeroAges++ == 0 ? data.customerId(i) : firstZero;
            }
        }
        if (zeroAges > 0) {
            throw InvalidArgumentException.of("data", "customers who all first bought before the calibration end "
                    + data.calibrationEnd() + " (a calibration age T > 0)", Formatting.plural(zeroAges, "customer")
                    + " first buying on " + data.calibrationEnd() + " (T = 0), e.g. customer " + firstZero);
        }
        long[] ids = new long[n];
        int[] frequency = new int[n];
        int[] actual = new int[n];
        double[] predicted = new double[n];
        List<ParetoNbdDynamicCovariateModel.Prediction> predictions = n == 0 ? List.of() : model.predict(data, 0.0);
        for (int i = 0; i < n; i++) {
            ids[i] = data.customerId(i);
            frequency[i] = data.purchaseDays(i) - 1;
            actual[i] = data.predictionPurchases(i);
            predicted[i] = predictions.get(i).conditionalExpectedPurchases();
        }
        LocalDate start = LocalDate.ofEpochDay(n == 0 ? calibrationDay : java.util.stream.IntStream.range(0, n)
                .map(i -> data.purchaseDay(i, 0)).min().getAsInt());
        List<TrackingPeriod> tracking = n == 0 ? List.of() : track(model, data, start, periodUnit);
        double calibrationEndPeriod = n == 0 ? 0.0 : position(start, data.calibrationEnd().plusDays(1), periodUnit);
        TransactionModel reference = ParetoNbdModel.of(model.r(), model.alpha(), model.s(), model.beta(),
                ChronoUnit.WEEKS);
        return new HoldoutEvaluation(null, null, model, reference, periodUnit, data.calibrationEnd(),
                data.predictionEnd(), data.firstSeenAfterCalibration(), ids, frequency, actual, predicted, tracking,
                calibrationEndPeriod, n == 0 ? null : () -> ChiSquareGoodnessOfFit.of(model, data));
    }

    /**
     * The tracking periods of the joined customers from {@code start}, their earliest first purchase, to the
     * prediction end: each customer's E[X(e − sᵢ)] at every period end e after their first purchase, the
     * customers in parallel blocks summed in block order.
     */
    private static List<TrackingPeriod> track(ParetoNbdDynamicCovariateModel model, TimeVaryingCovariates.Joined data,
            LocalDate start, ChronoUnit periodUnit) {
        long after = data.predictionEnd().toEpochDay() + 1;
        List<Long> ends = new ArrayList<>();
        for (int k = 1; ends.isEmpty() || ends.get(ends.size() - 1) < after; k++) {
            ends.add(Math.min(after, start.plus(k, periodUnit).toEpochDay()));
        }
        long[] periodEnds = ends.stream().mapToLong(Long::longValue).toArray();
        int periods = periodEnds.length;
        int block = 64;
        double[][] expectedByBlock = new double[(data.size() + block - 1) / block][];
        long[][] actualByBlock = new long[expectedByBlock.length][];
        java.util.stream.IntStream.range(0, expectedByBlock.length).parallel().forEach(b -> {
            double[] expected = new double[periods];
            long[] actual = new long[periods];
            for (int i = b * block; i < Math.min(data.size(), (b + 1) * block); i++) {
                long first = data.purchaseDay(i, 0);
                int from = 0;
                while (periodEnds[from] <= first) {
                    from++;
                }
                double[] weeks = new double[periods - from];
                for (int k = from; k < periods; k++) {
                    weeks[k - from] = (periodEnds[k] - first) / 7.0;
                }
                double[] cumulative = model.expectedPurchases(data, i, weeks);
                for (int k = from; k < periods; k++) {
                    expected[k] += cumulative[k - from];
                }
                int days = data.purchaseDays(i) + data.predictionPurchases(i);
                for (int j = 1; j < days; j++) {
                    int k = Arrays.binarySearch(periodEnds, data.purchaseDay(i, j));
                    actual[k >= 0 ? k + 1 : -k - 1]++;
                }
            }
            expectedByBlock[b] = expected;
            actualByBlock[b] = actual;
        });
        List<TrackingPeriod> result = new ArrayList<>();
        long cumulativeActual = 0;
        double cumulativeExpected = 0.0;
        for (int k = 0; k < periods; k++) {
            double expected = 0.0;
            long purchases = 0;
            for (int b = 0; b < expectedByBlock.length; b++) {
                expected += expectedByBlock[b][k];
                purchases += actualByBlock[b][k];
            }
            cumulativeActual += purchases;
            result.add(new TrackingPeriod(k + 1, k == 0 ? start : LocalDate.ofEpochDay(periodEnds[k - 1]),
                    LocalDate.ofEpochDay(periodEnds[k]), purchases, expected - cumulativeExpected, cumulativeActual,
                    expected));
            cumulativeExpected = expected;
        }
        return List.copyOf(result);
    }

    private static void checkPeriodUnit(ChronoUnit periodUnit) {
        Checks.notNull(periodUnit, "periodUnit");
        if (periodUnit != ChronoUnit.DAYS && periodUnit != ChronoUnit.WEEKS && periodUnit != ChronoUnit.MONTHS
                && periodUnit != ChronoUnit.YEARS) {
            throw InvalidArgumentException.of("periodUnit", "DAYS, WEEKS, MONTHS or YEARS", periodUnit);
        }
    }

    /** Checks that {@code split} can be evaluated with periods of {@code periodUnit}. */
    static void check(RfmSummary split, ChronoUnit periodUnit) {
        Checks.notNull(split, "split");
        checkPeriodUnit(periodUnit);
        if (!split.isSplit()) {
            throw InvalidArgumentException.of("split", "a calibration/holdout split (an end of observation after "
                    + "the calibration end)", "a summary observed to " + split.end() + " without a holdout period");
        }
        long zeroAges = 0;
        long first = 0;
        for (RfmSummary.Customer c : split.customers()) {
            if (c.ageDays() == 0) {
                first = zeroAges++ == 0 ? c.customerId() : first;
            }
        }
        if (zeroAges > 0) {
            throw InvalidArgumentException.of("split", "a split whose customers all first bought before the "
                    + "calibration end " + split.calibrationEnd() + " (a calibration age T > 0)",
                    Formatting.plural(zeroAges, "customer") + " first buying on " + split.calibrationEnd()
                    + " (T = 0), e.g. customer " + first);
        }
    }

    private static PredictionErrors errors(int[] actual, double[] predicted) {
        double absolute = 0.0;
        double squared = 0.0;
        double sum = 0.0;
        for (int i = 0; i < actual.length; i++) {
            double error = predicted[i] - actual[i];
            absolute += Math.abs(error);
            squared += error * error;
            sum += error;
        }
        int n = actual.length;
        return new PredictionErrors(n, absolute / n, Math.sqrt(squared / n), sum / n);
    }

    /** The widest range of days (about 2,870 years) for which E[X] is cached by lag in an array. */
    private static final int MAX_CACHED_LAG = 1 << 20;

    /**
     * The tracking periods from the earliest first purchase to the end of observation; customer i (in the
     * order of the split) has the model {@code models.get(customerModel[i])}.
     */
    private static List<TrackingPeriod> track(List<TransactionModel> models, int[] customerModel, RfmSummary split,
            ChronoUnit periodUnit) {
        LocalDate start = split.firstPurchaseDate();
        long after = split.end().toEpochDay() + 1;
        // the customers by first purchase day, ascending, then by model
        TreeMap<Long, TreeMap<Integer, Long>> byFirstDay = new TreeMap<>();
        long calibrationDay = split.calibrationEnd().toEpochDay();
        List<RfmSummary.Customer> customers = split.customers();
        for (int i = 0; i < customers.size(); i++) {
            byFirstDay.computeIfAbsent(calibrationDay - customers.get(i).ageDays(), day -> new TreeMap<>())
                    .merge(customerModel[i], 1L, Long::sum);
        }
        int groups = byFirstDay.values().stream().mapToInt(Map::size).sum();
        long[] arrivalDays = new long[groups];
        long[] arrivals = new long[groups];
        int[] modelOf = new int[groups];
        int a = 0;
        for (Map.Entry<Long, TreeMap<Integer, Long>> day : byFirstDay.entrySet()) {
            for (Map.Entry<Integer, Long> entry : day.getValue().entrySet()) {
                arrivalDays[a] = day.getKey();
                modelOf[a] = entry.getKey();
                arrivals[a++] = entry.getValue();
            }
        }
        // E[X(t)] of each model by whole-day lag, computed once per model and lag (cached where the days and
        // models span a sane range)
        long span = after - start.toEpochDay();
        double[][] expectedByLag = span <= MAX_CACHED_LAG / models.size() ? new double[models.size()][] : null;
        List<TrackingPeriod> periods = new ArrayList<>();
        long cumulativeActual = 0;
        double cumulativeExpected = 0.0;
        LocalDate periodStart = start;
        for (int k = 1; !periodStart.isAfter(split.end()); k++) {
            LocalDate periodEnd = start.plus(k, periodUnit);
            if (periodEnd.toEpochDay() > after) {
                periodEnd = LocalDate.ofEpochDay(after);
            }
            long e = periodEnd.toEpochDay();
            double expected = 0.0;
            for (int j = 0; j < arrivalDays.length && arrivalDays[j] < e; j++) {
                long lag = e - arrivalDays[j];
                TransactionModel model = models.get(modelOf[j]);
                double ex;
                if (expectedByLag == null) {
                    ex = model.expectedPurchases(model.toModelTime(lag, ChronoUnit.DAYS));
                } else {
                    double[] cache = expectedByLag[modelOf[j]];
                    if (cache == null) {
                        cache = new double[(int) span + 1];
                        Arrays.fill(cache, Double.NaN);
                        expectedByLag[modelOf[j]] = cache;
                    }
                    ex = cache[(int) lag];
                    if (Double.isNaN(ex)) {
                        ex = model.expectedPurchases(model.toModelTime(lag, ChronoUnit.DAYS));
                        cache[(int) lag] = ex;
                    }
                }
                expected += arrivals[j] * ex;
            }
            long purchases = split.repeatPurchases(periodStart, periodEnd);
            cumulativeActual += purchases;
            periods.add(new TrackingPeriod(k, periodStart, periodEnd, purchases, expected - cumulativeExpected,
                    cumulativeActual, expected));
            cumulativeExpected = expected;
            periodStart = periodEnd;
        }
        return List.copyOf(periods);
    }

    /** Where {@code day} lies on the axis of periods of {@code unit} from {@code start}: whole periods plus a fraction in days. */
    private static double position(LocalDate start, LocalDate day, ChronoUnit unit) {
        long whole = unit.between(start, day);
        LocalDate from = start.plus(whole, unit);
        LocalDate to = start.plus(whole + 1, unit);
        return whole + (double) ChronoUnit.DAYS.between(from, day) / ChronoUnit.DAYS.between(from, to);
    }

    /**
     * The model evaluated.
     *
     * @throws UndefinedResultException if the model has covariates ({@link #covariateModel()}, or
     *     {@link #dynamicCovariateModel()} for time-varying ones): each customer was evaluated with a model of
     *     their own
     */
    public TransactionModel model() {
        if (model == null) {
            throw new UndefinedResultException("the evaluation is of a model with covariates, a model per customer: "
                    + "see " + (covariateModel != null ? "covariateModel()" : "dynamicCovariateModel()"));
        }
        return model;
    }

    /**
     * Whether the model evaluated has covariates, time-invariant ({@link #covariateModel()}) or time-varying
     * ({@link #dynamicCovariateModel()}).
     */
    public boolean hasCovariates() {
        return model == null;
    }

    /**
     * The model with time-varying covariates evaluated.
     *
     * @throws UndefinedResultException if the model has none ({@link #model()}, {@link #covariateModel()})
     */
    public ParetoNbdDynamicCovariateModel dynamicCovariateModel() {
        if (dynamicModel == null) {
            throw new UndefinedResultException("the evaluation is of a model without time-varying covariates: see "
                    + (model != null ? "model()" : "covariateModel()"));
        }
        return dynamicModel;
    }

    /**
     * The model with covariates evaluated.
     *
     * @throws UndefinedResultException if the model has no covariates ({@link #model()})
     */
    public CovariateTransactionModel covariateModel() {
        if (covariateModel == null) {
            throw new UndefinedResultException("the evaluation is of a model without time-invariant covariates: see "
                    + (model != null ? "model()" : "dynamicCovariateModel()"));
        }
        return covariateModel;
    }

    /** The fit of the model evaluated (coefficients included), or null for a model built from given parameters. */
    ModelFit fitOrNull() {
        if (model != null) {
            return model.isFitted() ? model.fitResult() : null;
        }
        if (covariateModel != null) {
            return covariateModel.isFitted() ? covariateModel.fitResult() : null;
        }
        return dynamicModel.isFitted() ? dynamicModel.fitResult() : null;
    }

    /**
     * The name of the model evaluated, e.g. "BG/NBD", "Pareto/NBD with covariates" for a model with time-invariant
     * covariates, "Pareto/NBD with time-varying covariates".
     */
    public String modelName() {
        return ParametricModel.name(reference) + (model != null ? "" : covariateModel != null ? " with covariates"
                : " with time-varying covariates");
    }

    /** The unit of the tracking's periods. */
    public ChronoUnit periodUnit() {
        return periodUnit;
    }

    /** The last day of the calibration period. */
    public LocalDate calibrationEnd() {
        return calibrationEnd;
    }

    /** The last day of the holdout period, the end of observation. */
    public LocalDate end() {
        return end;
    }

    /** The length t* of the holdout period in the model's time unit (its days converted: 273 days are 39 weeks). */
    public double holdoutLength() {
        return holdoutLength;
    }

    /** The number of customers evaluated: those with a purchase in the calibration period. */
    public long customers() {
        return ids.length;
    }

    /** The customers left out because their first purchase falls in the holdout period. */
    public long excluded() {
        return excluded;
    }

    /** Whether there are no customers to evaluate (the figures are then undefined). */
    public boolean isEmpty() {
        return ids.length == 0;
    }

    /** Each customer's actual and predicted holdout purchases, by ascending customer id. */
    public List<CustomerPrediction> customerPredictions() {
        return new AbstractList<>() {
            @Override
            public CustomerPrediction get(int index) {
                Objects.checkIndex(index, ids.length);
                return new CustomerPrediction(ids[index], frequency[index], actual[index], predicted[index]);
            }

            @Override
            public int size() {
                return ids.length;
            }
        };
    }

    /**
     * The errors of the per-customer predictions: MAE, RMSE and bias.
     *
     * @throws UndefinedResultException if there are no customers
     */
    public PredictionErrors perCustomer() {
        requireCustomers("the prediction errors");
        return errors;
    }

    /** The customers' actual holdout purchases, Σ Y. */
    public long actualPurchases() {
        long sum = 0;
        for (int y : actual) {
            sum += y;
        }
        return sum;
    }

    /** The holdout purchases the model predicts for the customers, Σ E[Y(t*) | x, tₓ, T]. */
    public double predictedPurchases() {
        double sum = 0.0;
        for (double y : predicted) {
            sum += y;
        }
        return sum;
    }

    /** The classes 0, 1, …, 6 and 7+ of {@link #byFrequency(int) byFrequency(7)}. */
    public List<FrequencyClass> byFrequency() {
        return byFrequency(OPEN_FREQUENCY_CLASS);
    }

    /**
     * The customers by calibration frequency, in the classes 0, 1, …, {@code openClass} − 1 and
     * {@code openClass}+ (every frequency from {@code openClass} up), each with the mean actual and the
     * mean predicted holdout purchases. Classes without customers are left out.
     *
     * @param openClass the lowest frequency of the open class, &gt;= 1
     * @throws InvalidArgumentException if {@code openClass} is below 1
     */
    public List<FrequencyClass> byFrequency(int openClass) {
        if (openClass < 1) {
            throw InvalidArgumentException.of("openClass", ">= 1", openClass);
        }
        int highest = 0;
        for (int x : frequency) {
            highest = Math.max(highest, x);
        }
        int classes = Math.min(openClass, highest) + 1; // classes above the highest frequency are empty
        long[] customers = new long[classes];
        long[] actualSums = new long[classes];
        double[] predictedSums = new double[classes];
        for (int i = 0; i < ids.length; i++) {
            int c = Math.min(frequency[i], openClass);
            customers[c]++;
            actualSums[c] += actual[i];
            predictedSums[c] += predicted[i];
        }
        List<FrequencyClass> rows = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            if (customers[c] > 0) {
                rows.add(new FrequencyClass(c, c == openClass, customers[c], (double) actualSums[c] / customers[c],
                        predictedSums[c] / customers[c]));
            }
        }
        return List.copyOf(rows);
    }

    /**
     * The tracking of the cohort's repeat purchases, period by period from the earliest first purchase
     * to the end of observation; empty when there are no customers.
     */
    public List<TrackingPeriod> tracking() {
        return tracking;
    }

    /**
     * Where the calibration period ends on the tracking's axis of periods: the calibration covers
     * periods 1 to this number (39.0 for CDNOW in weeks; a fraction where the calibration ends within a
     * period, counted in days of that period). For a chart's line between calibration and holdout.
     *
     * @throws UndefinedResultException if there are no customers
     */
    public double calibrationEndPeriod() {
        requireCustomers("the tracking");
        return calibrationEndPeriod;
    }

    /**
     * The χ² goodness-of-fit test of the model on the calibration frequency histogram.
     *
     * @throws UndefinedResultException if there are no customers
     */
    public ChiSquareGoodnessOfFit chiSquare() {
        requireCustomers("the chi-square goodness of fit");
        ChiSquareGoodnessOfFit test = chiSquare;
        if (test == null) {
            test = chiSquareOf.get();
            chiSquare = test;
        }
        return test;
    }

    /**
     * The AIC of the model's fit, {@link ModelFit#aic()} (with covariates, the coefficients counted).
     *
     * @throws UndefinedResultException if the model was built from given parameters, not fitted
     */
    public double aic() {
        return model != null ? model.fitResult().aic() : covariateModel != null ? covariateModel.fitResult().aic()
                : dynamicModel.fitResult().aic();
    }

    /**
     * The BIC of the model's fit, {@link ModelFit#bic()} (with covariates, the coefficients counted).
     *
     * @throws UndefinedResultException if the model was built from given parameters, not fitted
     */
    public double bic() {
        return model != null ? model.fitResult().bic() : covariateModel != null ? covariateModel.fitResult().bic()
                : dynamicModel.fitResult().bic();
    }

    private void requireCustomers(String what) {
        if (ids.length == 0) {
            throw new UndefinedResultException(what + " of the holdout evaluation " + (what.endsWith("s") ? "are" : "is")
                    + " undefined: there are no customers with a calibration purchase");
        }
    }

    /** Whether {@code other} evaluates an equal model on the same customers, predictions and tracking. */
    @Override
    public boolean equals(Object other) {
        return other instanceof HoldoutEvaluation that && Objects.equals(model, that.model)
                && Objects.equals(covariateModel, that.covariateModel)
                && Objects.equals(dynamicModel, that.dynamicModel) && periodUnit == that.periodUnit
                && calibrationEnd.equals(that.calibrationEnd) && end.equals(that.end) && excluded == that.excluded
                && Arrays.equals(ids, that.ids) && Arrays.equals(frequency, that.frequency)
                && Arrays.equals(actual, that.actual) && Arrays.equals(predicted, that.predicted)
                && tracking.equals(that.tracking);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, covariateModel, dynamicModel, periodUnit, calibrationEnd, end, Arrays.hashCode(ids),
                Arrays.hashCode(predicted));
    }

    /**
     * Reads, e.g., {@code "BG/NBD holdout evaluation to 1998-06-30 (39.0000 weeks): 2357 customers (0
     * excluded), 1882 purchases vs 1653.41 predicted, MAE 0.7855, RMSE 1.6080, bias -0.0970; chi2 = 12.5502,
     * df = 10, p = 0.2499"} (CDNOW).
     */
    @Override
    public String toString() {
        String head = modelName() + " holdout evaluation to " + end + " ("
                + Formatting.decimal(holdoutLength, 4) + " " + TimeUnits.name(reference.timeUnit()) + "): "
                + Formatting.plural(ids.length, "customer") + " (" + excluded + " excluded)";
        if (isEmpty()) {
            return head;
        }
        ChiSquareGoodnessOfFit chiSquare = chiSquare();
        return head + ", " + actualPurchases() + " purchases vs " + Formatting.decimal(predictedPurchases(), 2)
                + " predicted, MAE " + Formatting.decimal(errors.mae(), 4) + ", RMSE " + Formatting.decimal(errors.rmse(), 4)
                + ", bias " + Formatting.decimal(errors.bias(), 4) + "; chi2 = " + Formatting.decimal(chiSquare.statistic(), 4)
                + ", df = " + chiSquare.degreesOfFreedom() + ", p = "
                + (chiSquare.hasPValue() ? Formatting.decimal(chiSquare.pValue(), 4) : "undefined");
    }

    /**
     * The headline figures, one per row: customers, excluded, holdout length, actual and predicted
     * purchases, MAE, RMSE, bias, the χ² test, and the fit's log-likelihood, AIC and BIC (undefined for a
     * model built from given parameters, or without customers).
     */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().title(toString()).column("figure").numberColumn("value");
        table.row("customers", ids.length);
        table.row("excluded (first purchase in the holdout)", excluded);
        table.row("holdout length (" + TimeUnits.name(reference.timeUnit()) + ")", Formatting.decimal(holdoutLength, 4));
        table.row("actual holdout purchases", actualPurchases());
        table.row("predicted holdout purchases", Formatting.decimal(predictedPurchases(), 4));
        table.row("MAE", isEmpty() ? null : Formatting.decimal(errors.mae(), 4));
        table.row("RMSE", isEmpty() ? null : Formatting.decimal(errors.rmse(), 4));
        table.row("bias", isEmpty() ? null : Formatting.decimal(errors.bias(), 4));
        ChiSquareGoodnessOfFit chiSquare = isEmpty() ? null : chiSquare();
        table.row("chi-square", isEmpty() ? null : Formatting.decimal(chiSquare.statistic(), 4));
        table.row("chi-square df", isEmpty() ? null : chiSquare.degreesOfFreedom());
        table.row("chi-square p", isEmpty() || !chiSquare.hasPValue() ? null : Formatting.decimal(chiSquare.pValue(), 4));
        ModelFit fit = fitOrNull();
        table.row("log-likelihood", fit == null ? null : Formatting.decimal(fit.logLikelihood(), 4));
        table.row("AIC", fit == null ? null : Formatting.decimal(fit.aic(), 4));
        table.row("BIC", fit == null || fit.customers() == 0 ? null : Formatting.decimal(fit.bic(), 4));
        return table.build();
    }

    /**
     * The classes of {@link #byFrequency()}: the calibration frequency, the customers, and the mean
     * actual and predicted holdout purchases (Fader, Hardie &amp; Lee 2005, figure 4).
     */
    public Table frequencyTable() {
        Table.Builder table = Table.builder().title(modelName()
                        + ": mean holdout purchases by calibration frequency").column("frequency").numberColumn("customers")
                .numberColumn("actual").numberColumn("predicted");
        for (FrequencyClass c : byFrequency()) {
            table.row(c.label(), c.customers(), Formatting.decimal(c.actual(), 4), Formatting.decimal(c.predicted(), 4));
        }
        return table.build();
    }

    /**
     * The {@link #tracking()}: each period's number, first day, and actual and expected repeat purchases,
     * incremental and cumulative (Fader, Hardie &amp; Lee 2005, figure 3).
     */
    public Table trackingTable() {
        Table.Builder table = Table.builder().title(modelName() + ": repeat purchases by "
                        + TimeUnits.name(periodUnit).replaceAll("s$", "") + ", calibration to " + calibrationEnd)
                .numberColumn("period").column("start").numberColumn("actual").numberColumn("expected")
                .numberColumn("cumulative actual").numberColumn("cumulative expected");
        for (TrackingPeriod p : tracking) {
            table.row(p.period(), p.start(), p.actual(), Formatting.decimal(p.expected(), 2), p.cumulativeActual(),
                    Formatting.decimal(p.cumulativeExpected(), 2));
        }
        return table.build();
    }

    /** The {@link #customerPredictions()}: customer, x, actual and predicted holdout purchases, error. */
    public Table customerTable() {
        Table.Builder table = Table.builder().title(toString()).numberColumn("customer").numberColumn("x")
                .numberColumn("actual").numberColumn("predicted").numberColumn("error");
        for (CustomerPrediction c : customerPredictions()) {
            table.row(c.customerId(), c.frequency(), c.actual(), Formatting.decimal(c.predicted(), 4),
                    Formatting.decimal(c.error(), 4));
        }
        return table.build();
    }
}
