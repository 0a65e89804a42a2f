package org.loyaltymetrics.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntFunction;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.IntStream;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.SpendHistories;
import org.loyaltymetrics.data.SpendHistory;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.optim.Matrices;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.Estimate;

/**
 * How sure a fitted model's predictions are: each prediction as an {@link Estimate}, its value the
 * prediction at the fitted parameters and its standard error the spread that the uncertainty of the
 * parameters gives it, so that {@code estimate.confidenceInterval(0.95)} is the 95 % confidence
 * interval of the expectation (E[Y(t) | x, tₓ, T], P(alive), the CLV, …). It is the interval of what
 * the model expects, not of what the customer will do: the range of a customer's own count is
 * {@link TransactionModel#predictionInterval(double, PurchaseHistory, double)}.
 *
 * <p>One vocabulary, two methods ({@link IntervalMethod}):
 * <ul>
 * <li>{@link #delta(TransactionModel)} (and with a spend model, {@link #delta(TransactionModel,
 * GammaGammaModel)}): the delta method from the covariance Σ of the fit
 * ({@link ModelFit#covariance()}), Var f(θ̂) ≈ ∇f(θ̂)ᵀ Σ ∇f(θ̂). With Σ = C Cᵀ its Cholesky factorisation,
 * ∇fᵀ Σ ∇f = Σⱼ (∇f · cⱼ)², the sum of the squared derivatives of f along the columns cⱼ of C, and each
 * directional derivative is taken by the central difference [f(θ̂ + hⱼcⱼ) − f(θ̂ − hⱼcⱼ)]/(2hⱼ), hⱼ chosen
 * so that the parameter that moves most moves by the relative step η = 6.06e-6 ≈ ε^(1/3) (ε the
 * machine epsilon), which balances the truncation error (≈ η² of the third derivative) against the
 * rounding error (≈ ε/η of the function): about 1e-11 relative each, far below what a standard error
 * needs (the test checks the gradient against a Richardson-extrapolated difference to 1e-7). The 2P
 * models θ̂ ± hⱼcⱼ are built once, here, so a prediction's standard error costs 2P + 1 evaluations of
 * the prediction (9 for the four-parameter models) and no allocation but the returned {@link Estimate}
 * (E[Y(39) | x, tₓ, T] and P(alive) with their standard errors: 1.6 µs and 80 B a customer on the CDNOW
 * BG/NBD fit, against 0.17 µs without, {@code ModelBenchmark.bgNbdDeltaPredictionsPerCustomer}).
 * A purchase model and a spend model are fitted independently, so the covariance of their seven
 * parameters is block diagonal: a CLV, the product of the discounted expected purchases A(θ) and the
 * expected spend S(φ), has Var ≈ S² ∇Aᵀ Σ_θ ∇A + A² ∇Sᵀ Σ_φ ∇S.</li>
 * <li>{@link #bootstrap(TransactionModel, PurchaseHistories, Bootstrap)}: B refits to customers
 * resampled with replacement; the standard error of a prediction is its standard deviation over the
 * refits (B − 1 in the denominator), its value still the prediction of the original fit, and
 * {@link #percentileInterval} gives the percentile interval.</li>
 * </ul>
 *
 * <p>Aggregates (expected purchases of a whole cohort, customer equity) are sums of per-customer
 * predictions that share the same parameters, so their errors do not cancel: {@link #total()} sums the
 * directional derivatives (or the replicate values) of every customer before squaring, and
 * {@link #expectedPurchases(double, PurchaseHistories)} is the cohort total. The standard error of an
 * aggregate is that of the model's expectation of it, not of the number the cohort will actually
 * realise (which adds the customers' own randomness).
 *
 * <p>The delta method is the normal approximation of the estimator: good where the sampling
 * distribution of the prediction is close to normal (a few hundred customers and more; the coverage
 * study in the tests checks 90 % and 95 % intervals); for a probability near 0 or 1, or small data, the
 * bootstrap's percentile interval is the safer one.
 *
 * <p><b>Scoring a table.</b> Build one instance per fitted model (or pair of models) and share it
 * between threads; per customer call {@link #conditionalExpectedPurchases}, {@link #probabilityAlive},
 * {@link #conditionalExpectedAverageSpend} and {@link #customerLifetimeValue} (each 2P + 1 evaluations
 * of the prediction for the delta method, B for the bootstrap, and one 40-byte {@link Estimate}; a CLV
 * over 12 months with its standard error about 19 µs on CDNOW); for the totals of the table keep one
 * {@link Total} per thread and {@link Total#addAll(Total) add them up} at the end. A customer's
 * prediction interval of their own count is the model's
 * {@link TransactionModel#predictionInterval(double, PurchaseHistory, double)}.
 *
 * <p>This class is immutable and thread-safe (a {@link Total} is not), and Serializable (Java
 * serialization of its models and steps), so that a {@link Scorer} with intervals ships to an engine's workers.
 */
public final class PredictionUncertainty implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How the uncertainty of the predictions is computed. */
    public enum IntervalMethod {
        /** The delta method from the fit's covariance matrix: the {@link #DEFAULT}. */
        DELTA,
        /** The nonparametric bootstrap: customers resampled, the model refitted, the prediction repeated. */
        BOOTSTRAP;

        /** The method of {@link TransactionModel#uncertainty()}: {@link #DELTA}. */
        public static final IntervalMethod DEFAULT = DELTA;
    }

    /**
     * The settings of a bootstrap: {@code replicates} refits (B), the {@code seed} of the resampling, and
     * the {@code threads} that refit in parallel (0: the common fork-join pool, as many as the cores).
     * The result depends on the seed and B only, never on the threads: replicate i resamples with the
     * i-th generator split in turn from a {@link SplittableRandom} seeded with the seed.
     *
     * <p>This record is immutable and thread-safe.
     *
     * @param replicates B, the number of resamples, at least 2 (200 or more for standard errors,
     *     1,000 or more for percentile intervals at 95 %)
     * @param seed the seed of the resampling
     * @param threads the refits in parallel, &gt;= 0 (0 for the common pool)
     */
    public record Bootstrap(int replicates, long seed, int threads) implements Serializable {

        /**
         * Validates the settings.
         *
         * @throws InvalidArgumentException if {@code replicates} is below 2 or {@code threads} negative
         */
        public Bootstrap {
            if (replicates < 2) {
                throw InvalidArgumentException.of("replicates", ">= 2", replicates);
            }
            if (threads < 0) {
                throw InvalidArgumentException.of("threads", ">= 0 (0 for the common pool)", threads);
            }
        }

        /** B replicates from {@code seed}, in the common fork-join pool. */
        public static Bootstrap of(int replicates, long seed) {
            return new Bootstrap(replicates, seed, 0);
        }

        /** These settings with {@code threads} parallel refits. */
        public Bootstrap withThreads(int threads) {
            return new Bootstrap(replicates, seed, threads);
        }

        /** Reads, e.g., {@code "bootstrap: 200 replicates, seed 42, common pool"}. */
        @Override
        public String toString() {
            return "bootstrap: " + Formatting.plural(replicates, "replicate") + ", seed " + seed + ", "
                    + (threads == 0 ? "common pool" : Formatting.plural(threads, "thread"));
        }
    }

    /** The relative step of the central differences, about the cube root of the machine epsilon. */
    static final double STEP = 6.0554544523933395e-6;

    private final IntervalMethod method;
    private final TransactionModel purchases;
    private final GammaGammaModel spend;
    /** DELTA: θ̂ + hⱼcⱼ at 2j, θ̂ − hⱼcⱼ at 2j + 1; BOOTSTRAP: the refitted models. */
    private final TransactionModel[] purchasePoints;
    /** As purchasePoints, for the spend model; null without one. */
    private final GammaGammaModel[] spendPoints;
    /** DELTA: 2hⱼ of each purchase direction, then of each spend direction. */
    private final double[] purchaseSpans;
    private final double[] spendSpans;
    private final int failedReplicates;
    private final Bootstrap bootstrap;

    private PredictionUncertainty(IntervalMethod method, TransactionModel purchases, GammaGammaModel spend,
            TransactionModel[] purchasePoints, GammaGammaModel[] spendPoints, double[] purchaseSpans,
            double[] spendSpans, int failedReplicates, Bootstrap bootstrap) {
        this.method = method;
        this.purchases = purchases;
        this.spend = spend;
        this.purchasePoints = purchasePoints;
        this.spendPoints = spendPoints;
        this.purchaseSpans = purchaseSpans;
        this.spendSpans = spendSpans;
        this.failedReplicates = failedReplicates;
        this.bootstrap = bootstrap;
    }

    // ---- construction ----

    /**
     * The delta method for the predictions of the fitted {@code purchases} model.
     *
     * @throws UndefinedResultException if the model was built from given parameters or its fit has no
     *     covariance ({@link ModelFit#hasStandardErrors()})
     */
    public static PredictionUncertainty delta(TransactionModel purchases) {
        Checks.notNull(purchases, "purchases");
        return delta(purchases, purchases.fitResult());
    }

    /**
     * The delta method for the predictions of {@code purchases} with the covariance of {@code fit}, the
     * facts of the fit that gave its parameters, saved earlier (say, as the JSON of the command line's
     * {@code fit}) and read back, so that a model built from given parameters can be scored with
     * intervals.
     *
     * @throws InvalidArgumentException if the fit's estimates are not the model's parameters
     * @throws UndefinedResultException if the fit has no covariance
     */
    public static PredictionUncertainty delta(TransactionModel purchases, ModelFit fit) {
        Checks.notNull(purchases, "purchases");
        checkEstimates(purchases.parameters(), fit);
        double[] spans = new double[purchases.parameters().size()];
        TransactionModel[] points = deltaPoints(fit, spans, theta -> withParameters(purchases, theta),
                TransactionModel[]::new);
        return new PredictionUncertainty(IntervalMethod.DELTA, purchases, null, points, null, spans, null, 0, null);
    }

    /**
     * The delta method for the predictions of {@code purchases} and {@code spend} with the covariances of
     * their saved fits (see {@link #delta(TransactionModel, ModelFit)}), fitted independently.
     *
     * @throws InvalidArgumentException if a fit's estimates are not its model's parameters
     * @throws UndefinedResultException if a fit has no covariance
     */
    public static PredictionUncertainty delta(TransactionModel purchases, ModelFit purchaseFit, GammaGammaModel spend,
            ModelFit spendFit) {
        Checks.notNull(purchases, "purchases");
        Checks.notNull(spend, "spend");
        checkEstimates(purchases.parameters(), purchaseFit);
        checkEstimates(spend.parameters(), spendFit);
        double[] spans = new double[purchases.parameters().size()];
        TransactionModel[] points = deltaPoints(purchaseFit, spans, theta -> withParameters(purchases, theta),
                TransactionModel[]::new);
        double[] spendSpans = new double[3];
        GammaGammaModel[] spendPoints = deltaPoints(spendFit, spendSpans,
                phi -> GammaGammaModel.of(phi[0], phi[1], phi[2]), GammaGammaModel[]::new);
        return new PredictionUncertainty(IntervalMethod.DELTA, purchases, spend, points, spendPoints, spans,
                spendSpans, 0, null);
    }

    /** Checks that {@code fit} is the fit of a model with {@code parameters}: the same names and values. */
    private static void checkEstimates(Map<String, Double> parameters, ModelFit fit) {
        Checks.notNull(fit, "fit");
        if (!fit.parameters().equals(parameters)) {
            throw InvalidArgumentException.of("fit", "the fit of the model's parameters " + parameters,
                    fit.parameters());
        }
    }

    /**
     * The delta method for the predictions of the fitted {@code purchases} and {@code spend} models,
     * fitted independently (their joint covariance block diagonal).
     *
     * @throws UndefinedResultException if either model was built from given parameters or its fit has no
     *     covariance
     */
    public static PredictionUncertainty delta(TransactionModel purchases, GammaGammaModel spend) {
        Checks.notNull(purchases, "purchases");
        Checks.notNull(spend, "spend");
        double[] spans = new double[purchases.parameters().size()];
        TransactionModel[] points = deltaPoints(purchases.fitResult(), spans,
                theta -> withParameters(purchases, theta), TransactionModel[]::new);
        double[] spendSpans = new double[3];
        GammaGammaModel[] spendPoints = deltaPoints(spend.fitResult(), spendSpans,
                phi -> GammaGammaModel.of(phi[0], phi[1], phi[2]), GammaGammaModel[]::new);
        return new PredictionUncertainty(IntervalMethod.DELTA, purchases, spend, points, spendPoints, spans,
                spendSpans, 0, null);
    }

    /** The models at θ̂ ± hⱼcⱼ along the columns cⱼ of the Cholesky factor of the covariance; 2hⱼ into spans. */
    static <M> M[] deltaPoints(ModelFit fit, double[] spans, java.util.function.Function<double[], M> model,
            IntFunction<M[]> array) {
        return deltaPoints(fit, fit.estimates().length, spans, model, array);
    }

    /**
     * The same where only the first {@code positive} parameters are positive ones, each step hⱼcⱼ at most
     * {@link #STEP} of each of them, and the others (coefficients, any sign) change by at most STEP itself.
     */
    static <M> M[] deltaPoints(ModelFit fit, int positive, double[] spans, java.util.function.Function<double[], M> model,
            IntFunction<M[]> array) {
        double[][] covariance = fit.covariance();
        double[] theta = fit.estimates();
        double[][] factor = covariance == null ? null : Matrices.cholesky(covariance);
        if (factor == null) {
            throw new UndefinedResultException("the covariance of the " + fit.model() + " fit is not positive definite: "
                    + "the delta method is undefined");
        }
        int n = theta.length;
        M[] points = array.apply(2 * n);
        for (int j = 0; j < n; j++) {
            double largest = 0.0;
            for (int k = 0; k < n; k++) {
                largest = Math.max(largest, Math.abs(factor[k][j]) / (k < positive ? theta[k] : 1.0));
            }
            double h = STEP / largest;
            double[] plus = new double[n];
            double[] minus = new double[n];
            for (int k = 0; k < n; k++) {
                plus[k] = theta[k] + h * factor[k][j];
                minus[k] = theta[k] - h * factor[k][j];
            }
            points[2 * j] = model.apply(plus);
            points[2 * j + 1] = model.apply(minus);
            spans[j] = 2.0 * h;
        }
        return points;
    }

    /** A model of the same kind and time unit as {@code model} with parameters {@code theta}. */
    static TransactionModel withParameters(TransactionModel model, double[] theta) {
        if (model instanceof BetaGeometricNbdModel) {
            return BetaGeometricNbdModel.of(theta[0], theta[1], theta[2], theta[3], model.timeUnit());
        }
        if (model instanceof ModifiedBetaGeometricNbdModel) {
            return ModifiedBetaGeometricNbdModel.of(theta[0], theta[1], theta[2], theta[3], model.timeUnit());
        }
        if (model instanceof GammaGompertzNbdModel) {
            return GammaGompertzNbdModel.of(theta[0], theta[1], theta[2], theta[3], theta[4], model.timeUnit());
        }
        return ParetoNbdModel.of(theta[0], theta[1], theta[2], theta[3], model.timeUnit());
    }

    /**
     * The bootstrap of the predictions of {@code purchases}, the model fitted to {@code data}: B times, the
     * customers are resampled with replacement (each of the N customers drawn uniformly, N times: the
     * distinct rows of {@code data} get multinomial weights, which is resampling customers) and the
     * model refitted with the original fit's penaliser and the default {@link FitOptions}. The refits run
     * in parallel over replicate indices, each replicate with its own generator split from the seed, so
     * the result is the same for the same seed whatever the number of threads.
     *
     * <p>A refit that fails ({@link ModelFitException}: a resample on which the fit does not converge or
     * the parameters are not identified, or an {@link ArithmeticException} or
     * {@link UndefinedResultException} inside it) is not silently dropped: it is counted,
     * {@link #failedReplicates()}, and said in {@link #toString()}; the estimates use the refits that
     * succeeded. Many failures mean the fit itself is fragile on these data.
     *
     * <p>Time: a replicate costs one fit and one resample (O(N log R) for N customers in R distinct rows);
     * B = 200 costs 200 fits. Measured on 2026-12-02 on the CDNOW cohort (2,357 customers, 1,016 distinct
     * rows, weeks) on the project's 2-core build machine while other builds loaded it (load average 6 to
     * 9, so read these as upper figures): the BG/NBD bootstrap with B = 200 took 1.0 to 2.8 s once warm,
     * 1.72 s on average over five JMH iterations ({@code ModelBenchmark.bgNbdBootstrapCdnow}; one BG/NBD
     * fit took 5.0 ms in the same run, so 200 of them 1.0 s on one core), 3.2 s in a cold JVM, and
     * 46.5 MB allocated (resamples, accumulators, fits); the Pareto/NBD 7.1 s. Each prediction then
     * costs B evaluations of it.
     *
     * @param purchases the model fitted to {@code data}; not null
     * @param data the customers it was fitted to; not null
     * @param settings B, the seed and the threads; not null
     * @throws InvalidArgumentException if {@code purchases} was not fitted to as many customers and rows as
     *     {@code data} has
     * @throws UndefinedResultException if fewer than 2 refits succeed
     */
    public static PredictionUncertainty bootstrap(TransactionModel purchases, PurchaseHistories data,
            Bootstrap settings) {
        return bootstrap(purchases, data, null, null, settings);
    }

    /**
     * The bootstrap of the predictions of {@code purchases} and {@code spend}, as
     * {@link #bootstrap(TransactionModel, PurchaseHistories, Bootstrap)}, the spend model refitted to a
     * resample of {@code spendData} drawn independently in each replicate (the two models are fitted
     * independently, as the delta method's block-diagonal covariance assumes). A replicate fails if
     * either refit fails.
     *
     * @throws InvalidArgumentException if a model was not fitted to as many customers and rows as its data
     * @throws UndefinedResultException if fewer than 2 replicates succeed
     */
    public static PredictionUncertainty bootstrap(TransactionModel purchases, PurchaseHistories data,
            GammaGammaModel spend, SpendHistories spendData, Bootstrap settings) {
        Checks.notNull(purchases, "purchases");
        Checks.notNull(data, "data");
        Checks.notNull(settings, "settings");
        ModelFit fit = purchases.fitResult();
        checkFittedTo(fit, data.customers(), data.distinctRows(), "data");
        ModelFit spendFit = null;
        if (spend != null || spendData != null) {
            Checks.notNull(spend, "spend");
            Checks.notNull(spendData, "spendData");
            spendFit = spend.fitResult();
            checkFittedTo(spendFit, spendData.customers(), spendData.distinctRows(), "spendData");
        }
        int replicates = settings.replicates();
        SplittableRandom root = new SplittableRandom(settings.seed());
        SplittableRandom[] generators = new SplittableRandom[replicates];
        for (int i = 0; i < replicates; i++) {
            generators[i] = root.split();
        }
        FitOptions options = FitOptions.defaults().withPenalizer(fit.penalizer());
        FitOptions spendOptions = spendFit == null ? null : FitOptions.defaults().withPenalizer(spendFit.penalizer());
        Resampler rows = new Resampler(data.weights(), data.customers());
        Resampler spendRows = spendData == null ? null : new Resampler(spendData.weights(), spendData.customers());
        TransactionModel[] refits = new TransactionModel[replicates];
        GammaGammaModel[] spendRefits = spendData == null ? null : new GammaGammaModel[replicates];
        Runnable all = () -> IntStream.range(0, replicates).parallel().forEach(i -> {
            SplittableRandom random = generators[i];
            try {
                long[] counts = rows.resample(random);
                TransactionModel refit = refit(purchases, resampled(data, counts), options);
                GammaGammaModel spendRefit = null;
                if (spendRows != null) {
                    long[] spendCounts = spendRows.resample(random);
                    spendRefit = GammaGammaModel.fit(resampled(spendData, spendCounts), spendOptions);
                }
                refits[i] = refit;
                if (spendRefits != null) {
                    spendRefits[i] = spendRefit;
                }
            } catch (ModelFitException | UndefinedResultException | ArithmeticException failed) {
                refits[i] = null; // counted below
            }
        });
        run(all, settings.threads());
        int failed = 0;
        for (TransactionModel refit : refits) {
            failed += refit == null ? 1 : 0;
        }
        int succeeded = replicates - failed;
        if (succeeded < 2) {
            throw new UndefinedResultException("the bootstrap is undefined: " + failed + " of " + replicates
                    + " refits failed, fewer than 2 succeeded");
        }
        TransactionModel[] purchasePoints = new TransactionModel[succeeded];
        GammaGammaModel[] spendPoints = spendRefits == null ? null : new GammaGammaModel[succeeded];
        for (int i = 0, j = 0; i < replicates; i++) {
            if (refits[i] != null) {
                purchasePoints[j] = refits[i];
                if (spendPoints != null) {
                    spendPoints[j] = spendRefits[i];
                }
                j++;
            }
        }
        return new PredictionUncertainty(IntervalMethod.BOOTSTRAP, purchases, spend, purchasePoints, spendPoints, null,
                null, failed, settings);
    }

    private static void checkFittedTo(ModelFit fit, long customers, int rows, String argument) {
        if (fit.customers() != customers || fit.distinctRows() != rows) {
            throw InvalidArgumentException.of(argument, "the data the " + fit.model() + " model was fitted to ("
                    + Formatting.plural(fit.customers(), "customer") + ", " + Formatting.plural(fit.distinctRows(),
                    "distinct row") + ")", Formatting.plural(customers, "customer") + ", "
                    + Formatting.plural(rows, "distinct row"));
        }
    }

    private static void run(Runnable task, int threads) {
        if (threads == 0) {
            task.run();
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(task).get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the bootstrap was interrupted", interrupted);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdown();
        }
    }

    private static TransactionModel refit(TransactionModel model, PurchaseHistories data, FitOptions options) {
        if (model instanceof BetaGeometricNbdModel) {
            return BetaGeometricNbdModel.fit(data, options);
        }
        if (model instanceof ModifiedBetaGeometricNbdModel) {
            return ModifiedBetaGeometricNbdModel.fit(data, options);
        }
        if (model instanceof GammaGompertzNbdModel) {
            return GammaGompertzNbdModel.fit(data, options);
        }
        return ParetoNbdModel.fit(data, options);
    }

    private static PurchaseHistories resampled(PurchaseHistories data, long[] counts) {
        PurchaseHistories.Accumulator accumulator = PurchaseHistories.accumulator(data.timeUnit());
        for (int row = 0; row < counts.length; row++) {
            if (counts[row] > 0) {
                accumulator.add(data.frequency(row), data.recency(row), data.age(row), counts[row]);
            }
        }
        return accumulator.snapshot();
    }

    private static SpendHistories resampled(SpendHistories data, long[] counts) {
        SpendHistories.Accumulator accumulator = SpendHistories.accumulator();
        for (int row = 0; row < counts.length; row++) {
            if (counts[row] > 0) {
                accumulator.add(data.frequency(row), data.meanSpend(row), counts[row]);
            }
        }
        return accumulator.snapshot();
    }

    /** Draws N customers with replacement from weighted rows: the multinomial counts of the rows. */
    private static final class Resampler {
        private final long[] cumulative;
        private final long customers;

        Resampler(long[] weights, long customers) {
            this.cumulative = new long[weights.length];
            long sum = 0;
            for (int i = 0; i < weights.length; i++) {
                sum += weights[i];
                cumulative[i] = sum;
            }
            this.customers = customers;
        }

        long[] resample(SplittableRandom random) {
            long[] counts = new long[cumulative.length];
            for (long draw = 0; draw < customers; draw++) {
                long customer = random.nextLong(customers);
                // the row whose cumulative weight first exceeds the customer's index
                int row = Arrays.binarySearch(cumulative, customer + 1);
                counts[row < 0 ? -row - 1 : row]++;
            }
            return counts;
        }
    }

    // ---- what it is ----

    /** How the standard errors are computed. */
    public IntervalMethod method() {
        return method;
    }

    /** The purchase model whose predictions these are. */
    public TransactionModel purchases() {
        return purchases;
    }

    /**
     * The spend model whose predictions these are.
     *
     * @throws UnsupportedOperationException without one ({@link #hasSpendModel()})
     */
    public GammaGammaModel spend() {
        requireSpend();
        return spend;
    }

    /** Whether a spend model is included (for spend and lifetime values). */
    public boolean hasSpendModel() {
        return spend != null;
    }

    /**
     * The number of refits behind the bootstrap estimates (B less the failed ones).
     *
     * @throws UnsupportedOperationException for the delta method
     */
    public int replicates() {
        requireBootstrap("replicates");
        return purchasePoints.length;
    }

    /** The number of bootstrap refits that failed and are left out of the estimates; 0 for the delta method. */
    public int failedReplicates() {
        return failedReplicates;
    }

    // ---- per-customer predictions ----

    /** E[X(t)] of a new customer, with its standard error. */
    public Estimate expectedPurchases(double t) {
        Predictions.horizon(t);
        return estimate(Quantity.EXPECTED_PURCHASES, t, null);
    }

    /**
     * E[Y(t) | x, tₓ, T] of the customer with {@code history}, with its standard error: the confidence
     * interval of the expectation, not the range of the customer's count
     * ({@link TransactionModel#predictionInterval}).
     *
     * @throws InvalidArgumentException if {@code t} is negative or not finite
     */
    public Estimate conditionalExpectedPurchases(double t, PurchaseHistory history) {
        Predictions.horizon(t);
        return estimate(Quantity.CONDITIONAL_EXPECTED_PURCHASES, t, inModelUnit(history));
    }

    /** P(alive | x, tₓ, T), with its standard error (an interval may reach beyond [0, 1] near the ends). */
    public Estimate probabilityAlive(PurchaseHistory history) {
        return estimate(Quantity.PROBABILITY_ALIVE, 0.0, inModelUnit(history));
    }

    /**
     * P(alive at T + t | x, tₓ, T) ({@link TransactionModel#probabilityAlive(double, PurchaseHistory)}), with
     * its standard error.
     *
     * @throws InvalidArgumentException if {@code t} is negative or not finite
     */
    public Estimate probabilityAlive(double t, PurchaseHistory history) {
        Predictions.horizon(t);
        return estimate(Quantity.FUTURE_PROBABILITY_ALIVE, t, inModelUnit(history));
    }

    /**
     * The Pareto/NBD's DERT ({@link ParetoNbdModel#discountedExpectedResidualTransactions}), with its
     * standard error.
     *
     * @throws UnsupportedOperationException if the purchase model is not a Pareto/NBD model
     * @throws InvalidArgumentException if {@code delta} is not finite and &gt; 0
     */
    public Estimate discountedExpectedResidualTransactions(double delta, PurchaseHistory history) {
        if (!(purchases instanceof ParetoNbdModel)) {
            throw new UnsupportedOperationException("DERT is the Pareto/NBD's; this is a " + purchases);
        }
        Checks.positive(delta, "delta");
        PurchaseHistory h = inModelUnit(history);
        return estimate((m, g) -> ((ParetoNbdModel) m).discountedExpectedResidualTransactions(delta, h), true, false);
    }

    /**
     * The Gamma-Gamma E[Z | x, z̄] ({@link GammaGammaModel#conditionalExpectedAverageSpend}), with its
     * standard error.
     *
     * @throws UnsupportedOperationException without a spend model
     */
    public Estimate conditionalExpectedAverageSpend(SpendHistory spending) {
        requireSpend();
        Checks.notNull(spending, "spending");
        return estimate((m, g) -> g.conditionalExpectedAverageSpend(spending), false, true);
    }

    /**
     * The Gamma-Gamma population mean spend p v/(q − 1), with its standard error.
     *
     * @throws UnsupportedOperationException without a spend model
     */
    public Estimate populationMeanSpend() {
        requireSpend();
        return estimate((m, g) -> g.populationMeanSpend(), false, true);
    }

    /**
     * The CLV of {@link GammaGammaModel#customerLifetimeValue(TransactionModel, PurchaseHistory, SpendHistory,
     * ValuationHorizon)}, with its standard error from both models (independent: Var ≈ S² Var A + A² Var S
     * by the delta method, A the discounted expected purchases and S the expected spend).
     *
     * @throws UnsupportedOperationException without a spend model
     */
    public Estimate customerLifetimeValue(PurchaseHistory history, SpendHistory spending, ValuationHorizon horizon) {
        requireSpend();
        Checks.notNull(spending, "spending");
        Checks.notNull(horizon, "horizon");
        PurchaseHistory h = inModelUnit(history);
        return product((m, g) -> GammaGammaModel.lifetimeValue(m, h, 1.0, horizon),
                (m, g) -> g.conditionalExpectedAverageSpend(spending));
    }

    /**
     * The CLV of a customer without spend data (the population mean spend), with its standard error.
     *
     * @throws UnsupportedOperationException without a spend model
     */
    public Estimate customerLifetimeValue(PurchaseHistory history, ValuationHorizon horizon) {
        requireSpend();
        Checks.notNull(horizon, "horizon");
        PurchaseHistory h = inModelUnit(history);
        return product((m, g) -> GammaGammaModel.lifetimeValue(m, h, 1.0, horizon), (m, g) -> g.populationMeanSpend());
    }

    /**
     * Any prediction of the models, with its standard error by this object's method: {@code prediction}
     * is evaluated at the fitted models and at the perturbed (delta) or refitted (bootstrap) ones, e.g.
     * {@code estimate((purchases, spend) -> purchases.probabilityOfPurchases(0, 52, history))}. The
     * spend model is null without one.
     */
    public Estimate estimate(ToDoubleBiFunction<TransactionModel, GammaGammaModel> prediction) {
        Checks.notNull(prediction, "prediction");
        return estimate(prediction::applyAsDouble, true, spend != null);
    }

    /**
     * The bootstrap percentile interval of {@code prediction}: the (1 − confidence)/2 and
     * (1 + confidence)/2 quantiles of its values over the refits (linear interpolation between order
     * statistics, R's type 7).
     *
     * @throws UnsupportedOperationException for the delta method (whose interval is
     *     {@code estimate(prediction).confidenceInterval(confidence)})
     * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
     */
    public ConfidenceInterval percentileInterval(ToDoubleBiFunction<TransactionModel, GammaGammaModel> prediction,
            double confidence) {
        requireBootstrap("percentile intervals");
        Checks.notNull(prediction, "prediction");
        Checks.confidence(confidence);
        double[] values = new double[purchasePoints.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = prediction.applyAsDouble(purchasePoints[i], spendPoints == null ? null : spendPoints[i]);
        }
        Arrays.sort(values);
        return new ConfidenceInterval(quantile(values, 0.5 * (1.0 - confidence)),
                quantile(values, 0.5 * (1.0 + confidence)), confidence);
    }

    private static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    // ---- aggregates ----

    /**
     * Σ E[Y(t) | x, tₓ, T] over every customer of {@code cohort} (rows weighted by their customers): the
     * expected purchases of the whole cohort in the next {@code t} time units, with its standard error.
     *
     * @throws InvalidArgumentException if {@code t} is negative or not finite
     */
    public Estimate expectedPurchases(double t, PurchaseHistories cohort) {
        return total().addConditionalExpectedPurchases(t, cohort).estimate();
    }

    /**
     * An empty sum of predictions with their joint uncertainty, such as customer equity (the sum of the
     * customers' CLVs) or the expected purchases of a cohort. Every term shares the parameters, so the
     * sum's standard error is computed from the summed directional derivatives (delta) or replicate
     * totals (bootstrap), not from the terms' standard errors.
     */
    public Total total() {
        return new Total();
    }

    /**
     * A sum of predictions over customers, with the standard error of the sum. Mutable and not
     * thread-safe: use one per thread and add them up with {@link #addAll(Total)} (it is not an {@link org.loyaltymetrics.Accumulator}: it holds the models, and is not serializable). It holds one number per delta direction
     * (P, or P + 3 with a spend model) or per bootstrap replicate, whatever the customers added.
     */
    public final class Total {

        private double value;
        private final double[] parts;
        private long customers;

        private Total() {
            this.parts = new double[method == IntervalMethod.DELTA
                    ? purchaseSpans.length + (spendSpans == null ? 0 : spendSpans.length) : purchasePoints.length];
        }

        /**
         * Adds {@code weight} customers with {@code history}'s E[Y(t) | x, tₓ, T].
         *
         * @throws InvalidArgumentException if {@code t} is out of range or the weight is below 1
         */
        public Total addConditionalExpectedPurchases(double t, PurchaseHistory history, long weight) {
            Predictions.horizon(t);
            PurchaseHistory h = inModelUnit(history);
            checkWeight(weight);
            double w = weight;
            Quantity q = Quantity.CONDITIONAL_EXPECTED_PURCHASES;
            value += w * q.at(purchases, t, h);
            if (method == IntervalMethod.DELTA) {
                for (int j = 0; j < purchaseSpans.length; j++) {
                    parts[j] += w * (q.at(purchasePoints[2 * j], t, h) - q.at(purchasePoints[2 * j + 1], t, h))
                            / purchaseSpans[j];
                }
            } else {
                for (int b = 0; b < parts.length; b++) {
                    parts[b] += w * q.at(purchasePoints[b], t, h);
                }
            }
            customers += weight;
            return this;
        }

        /** Adds every customer of {@code cohort} with their E[Y(t) | x, tₓ, T]. */
        public Total addConditionalExpectedPurchases(double t, PurchaseHistories cohort) {
            Checks.notNull(cohort, "cohort");
            PurchaseHistories histories = cohort.in(purchases.timeUnit());
            for (int row = 0; row < histories.distinctRows(); row++) {
                addConditionalExpectedPurchases(t, histories.get(row), histories.weight(row));
            }
            return this;
        }

        /**
         * Adds {@code weight} customers with this history and spend's CLV (customer equity is the total
         * of every customer's).
         *
         * @throws UnsupportedOperationException without a spend model
         */
        public Total addCustomerLifetimeValue(PurchaseHistory history, SpendHistory spending, ValuationHorizon horizon,
                long weight) {
            requireSpend();
            Checks.notNull(spending, "spending");
            Checks.notNull(horizon, "horizon");
            PurchaseHistory h = inModelUnit(history);
            return addProduct((m, g) -> GammaGammaModel.lifetimeValue(m, h, 1.0, horizon),
                    (m, g) -> g.conditionalExpectedAverageSpend(spending), weight);
        }

        /**
         * Adds {@code weight} customers without spend data (the population mean spend) with this history's
         * CLV.
         *
         * @throws UnsupportedOperationException without a spend model
         */
        public Total addCustomerLifetimeValue(PurchaseHistory history, ValuationHorizon horizon, long weight) {
            requireSpend();
            Checks.notNull(horizon, "horizon");
            PurchaseHistory h = inModelUnit(history);
            return addProduct((m, g) -> GammaGammaModel.lifetimeValue(m, h, 1.0, horizon),
                    (m, g) -> g.populationMeanSpend(), weight);
        }

        /** Adds {@code weight} times any prediction of the models (see {@link PredictionUncertainty#estimate}). */
        public Total add(ToDoubleBiFunction<TransactionModel, GammaGammaModel> prediction, long weight) {
            Checks.notNull(prediction, "prediction");
            return add(prediction::applyAsDouble, true, spend != null, weight);
        }

        /**
         * Adds the customers of {@code other}, a total of the same {@link PredictionUncertainty}, which is
         * left unchanged.
         *
         * @throws InvalidArgumentException if {@code other} belongs to another one
         */
        public Total addAll(Total other) {
            Checks.notNull(other, "other");
            if (other.owner() != owner()) {
                throw InvalidArgumentException.of("other", "a total of the same PredictionUncertainty", other);
            }
            value += other.value;
            customers += other.customers;
            for (int i = 0; i < parts.length; i++) {
                parts[i] += other.parts[i];
            }
            return this;
        }

        /** The number of customers added (the sum of the weights). */
        public long customers() {
            return customers;
        }

        /**
         * The sum with its standard error: delta, √(Σⱼ (Σᵢ wᵢ ∇fᵢ · cⱼ)²); bootstrap, the standard deviation of
         * the replicates' sums.
         *
         * @throws UndefinedResultException if nothing was added
         */
        public Estimate estimate() {
            if (customers == 0) {
                throw new UndefinedResultException("the total is undefined: no customers were added");
            }
            if (method == IntervalMethod.DELTA) {
                double variance = 0.0;
                for (double part : parts) {
                    variance += part * part;
                }
                return estimateOf(value, Math.sqrt(variance));
            }
            return estimateOf(value, standardDeviation(parts));
        }

        private PredictionUncertainty owner() {
            return PredictionUncertainty.this;
        }

        private Total add(Prediction f, boolean usesPurchases, boolean usesSpend, long weight) {
            checkWeight(weight);
            double w = weight;
            value += w * f.at(purchases, spend);
            if (method == IntervalMethod.DELTA) {
                int p = purchaseSpans.length;
                if (usesPurchases) {
                    for (int j = 0; j < p; j++) {
                        parts[j] += w * (f.at(purchasePoints[2 * j], spend) - f.at(purchasePoints[2 * j + 1], spend))
                                / purchaseSpans[j];
                    }
                }
                if (usesSpend) {
                    for (int j = 0; j < spendSpans.length; j++) {
                        parts[p + j] += w * (f.at(purchases, spendPoints[2 * j]) - f.at(purchases,
                                spendPoints[2 * j + 1])) / spendSpans[j];
                    }
                }
            } else {
                for (int b = 0; b < parts.length; b++) {
                    parts[b] += w * f.at(purchasePoints[b], spendPoints == null ? null : spendPoints[b]);
                }
            }
            customers += weight;
            return this;
        }

        private Total addProduct(Prediction first, Prediction second, long weight) {
            checkWeight(weight);
            double w = weight;
            double a = first.at(purchases, spend);
            double s = second.at(purchases, spend);
            value += w * a * s;
            if (method == IntervalMethod.DELTA) {
                int p = purchaseSpans.length;
                for (int j = 0; j < p; j++) {
                    parts[j] += w * s * (first.at(purchasePoints[2 * j], spend)
                            - first.at(purchasePoints[2 * j + 1], spend)) / purchaseSpans[j];
                }
                for (int j = 0; j < spendSpans.length; j++) {
                    parts[p + j] += w * a * (second.at(purchases, spendPoints[2 * j])
                            - second.at(purchases, spendPoints[2 * j + 1])) / spendSpans[j];
                }
            } else {
                for (int b = 0; b < parts.length; b++) {
                    parts[b] += w * first.at(purchasePoints[b], spendPoints[b])
                            * second.at(purchasePoints[b], spendPoints[b]);
                }
            }
            customers += weight;
            return this;
        }

        /** Reads, e.g., {@code "Total of 2357 customers: 1234.5600 (SE 56.7800)"}. */
        @Override
        public String toString() {
            return "Total of " + Formatting.plural(customers, "customer") + (customers == 0 ? "" : ": " + estimate());
        }
    }

    private static void checkWeight(long weight) {
        if (weight < 1) {
            throw InvalidArgumentException.of("weight", ">= 1", weight);
        }
    }

    // ---- the two methods ----

    /**
     * The purchase model's hot per-customer predictions, evaluated without a capturing lambda (the
     * constants are singletons): the per-customer calls allocate nothing but their {@link Estimate}.
     */
    private enum Quantity {
        EXPECTED_PURCHASES {
            @Override
            double at(TransactionModel m, double t, PurchaseHistory h) {
                return m.expectedPurchases(t);
            }
        },
        CONDITIONAL_EXPECTED_PURCHASES {
            @Override
            double at(TransactionModel m, double t, PurchaseHistory h) {
                return m.conditionalExpectedPurchases(t, h);
            }
        },
        PROBABILITY_ALIVE {
            @Override
            double at(TransactionModel m, double t, PurchaseHistory h) {
                return m.probabilityAlive(h);
            }
        },
        FUTURE_PROBABILITY_ALIVE {
            @Override
            double at(TransactionModel m, double t, PurchaseHistory h) {
                return m.probabilityAlive(t, h);
            }
        };

        abstract double at(TransactionModel m, double t, PurchaseHistory h);
    }

    private Estimate estimate(Quantity q, double t, PurchaseHistory h) {
        double value = q.at(purchases, t, h);
        if (method == IntervalMethod.DELTA) {
            double variance = 0.0;
            for (int j = 0; j < purchaseSpans.length; j++) {
                double d = (q.at(purchasePoints[2 * j], t, h) - q.at(purchasePoints[2 * j + 1], t, h)) / purchaseSpans[j];
                variance += d * d;
            }
            return estimateOf(value, Math.sqrt(variance));
        }
        double mean = 0.0;
        double squares = 0.0;
        for (int b = 0; b < purchasePoints.length; b++) {
            double x = q.at(purchasePoints[b], t, h);
            double delta = x - mean;
            mean += delta / (b + 1);
            squares += delta * (x - mean);
        }
        return estimateOf(value, Math.sqrt(squares / (purchasePoints.length - 1)));
    }

    /** A prediction of the purchase model and (null without one) the spend model. */
    @FunctionalInterface
    private interface Prediction {
        double at(TransactionModel purchases, GammaGammaModel spend);
    }

    private Estimate estimate(Prediction f, boolean usesPurchases, boolean usesSpend) {
        double value = f.at(purchases, spend);
        if (method == IntervalMethod.DELTA) {
            double variance = 0.0;
            if (usesPurchases) {
                for (int j = 0; j < purchaseSpans.length; j++) {
                    double d = (f.at(purchasePoints[2 * j], spend) - f.at(purchasePoints[2 * j + 1], spend))
                            / purchaseSpans[j];
                    variance += d * d;
                }
            }
            if (usesSpend) {
                for (int j = 0; j < spendSpans.length; j++) {
                    double d = (f.at(purchases, spendPoints[2 * j]) - f.at(purchases, spendPoints[2 * j + 1]))
                            / spendSpans[j];
                    variance += d * d;
                }
            }
            return estimateOf(value, Math.sqrt(variance));
        }
        // Welford's running mean and sum of squares over the refits
        double mean = 0.0;
        double squares = 0.0;
        for (int b = 0; b < purchasePoints.length; b++) {
            double x = f.at(purchasePoints[b], spendPoints == null ? null : spendPoints[b]);
            double delta = x - mean;
            mean += delta / (b + 1);
            squares += delta * (x - mean);
        }
        return estimateOf(value, Math.sqrt(squares / (purchasePoints.length - 1)));
    }

    private Estimate product(Prediction first, Prediction second) {
        if (method == IntervalMethod.DELTA) {
            double a = first.at(purchases, spend);
            double s = second.at(purchases, spend);
            double variance = 0.0;
            for (int j = 0; j < purchaseSpans.length; j++) {
                double d = s * (first.at(purchasePoints[2 * j], spend) - first.at(purchasePoints[2 * j + 1], spend))
                        / purchaseSpans[j];
                variance += d * d;
            }
            for (int j = 0; j < spendSpans.length; j++) {
                double d = a * (second.at(purchases, spendPoints[2 * j]) - second.at(purchases, spendPoints[2 * j + 1]))
                        / spendSpans[j];
                variance += d * d;
            }
            return estimateOf(a * s, Math.sqrt(variance));
        }
        return estimate((m, g) -> first.at(m, g) * second.at(m, g), true, true);
    }

    private static Estimate estimateOf(double value, double standardError) {
        if (!Double.isFinite(value) || !Double.isFinite(standardError)) {
            throw new UndefinedResultException("the prediction or its standard error is not finite: " + value + " (SE "
                    + standardError + ")");
        }
        return Estimate.normal(value, standardError);
    }

    private static double standardDeviation(double[] values) {
        double mean = 0.0;
        double squares = 0.0;
        for (int b = 0; b < values.length; b++) {
            double delta = values[b] - mean;
            mean += delta / (b + 1);
            squares += delta * (values[b] - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }

    private PurchaseHistory inModelUnit(PurchaseHistory history) {
        return Checks.notNull(history, "history").in(purchases.timeUnit());
    }

    private void requireSpend() {
        if (spend == null) {
            throw new UnsupportedOperationException("this PredictionUncertainty has no spend model: build it with "
                    + "delta(purchases, spend) or bootstrap(purchases, data, spend, spendData, settings)");
        }
    }

    private void requireBootstrap(String what) {
        if (method != IntervalMethod.BOOTSTRAP) {
            throw new UnsupportedOperationException(what + " are the bootstrap's; this is the delta method");
        }
    }

    /**
     * Reads, e.g., {@code "PredictionUncertainty: delta method, BG/NBD model (weeks): r=0.2426, ..."} or
     * {@code "PredictionUncertainty: bootstrap, 198 of 200 refits (2 failed), BG/NBD model ..."}.
     */
    @Override
    public String toString() {
        String how = method == IntervalMethod.DELTA ? "delta method"
                : "bootstrap, " + purchasePoints.length + " of " + bootstrap.replicates() + " refits ("
                        + failedReplicates + " failed), seed " + bootstrap.seed();
        return "PredictionUncertainty: " + how + ", " + purchases + (spend == null ? "" : "; " + spend);
    }
}
