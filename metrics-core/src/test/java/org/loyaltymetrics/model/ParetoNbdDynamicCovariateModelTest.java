package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.TimeVaryingCovariates;

/**
 * The Pareto/NBD with time-varying covariates against CLVTools 0.12.1 {@code pnbd(clvd)} on the 1,001 customers
 * of the shared synthetic data set's dynamic-covariate fits (src/test/resources/covariates/README.md;
 * reference_results.json, fits.pnbd_dynamic and fits.pnbd_dynamic_polished, at full precision): the
 * log-likelihood at both of CLVTools' estimates, CET, P(alive) and DECT of the reference customers and their
 * sums over all 1,001 customers, and the fit, which starts where CLVTools' default (Nelder-Mead) fit stopped
 * and must reach at least the log-likelihood of CLVTools' L-BFGS-B restart. Run with {@code -Dsweep=release}
 * to also fit from the default start (the Pareto/NBD without covariates, coefficients 0), about 15 s on two
 * busy cores.
 */
class ParetoNbdDynamicCovariateModelTest {

    private static final boolean RELEASE = "release".equals(System.getProperty("sweep"));

    /** CLVTools' default fit: r, alpha, s, beta, life.(gender, channel, age_std, marketing), trans.(same). */
    static final double[] DEFAULT = {0.899980083121898, 8.26916177351401, 0.733247842266911, 18.5831175191693,
        0.0979404666982424, 0.440602325938918, 0.246361957837158, -0.267115617567633,
        0.112534448219666, 0.387071833684194, -0.100398737331304, 0.316675806219133};
    static final double DEFAULT_LL = -11796.6808631393;
    /** CLVTools' L-BFGS-B restart from the default fit, the maximum CLVTools reports. */
    static final double[] POLISHED = {0.947124036171804, 8.62649624673729, 0.669224221157941, 13.1325091994731,
        -0.160977522691433, 0.377738024317747, 0.231380812553362, -0.210922152844316,
        0.102758422792283, 0.411550403699146, -0.0985635472890198, 0.3190251756571};
    static final double POLISHED_LL = -11794.8287144254;
    /** CLVTools' standard errors at the restart's estimates (summary(): numDeriv Hessian, delta method). */
    static final double[] POLISHED_SE = {0.0843558037637594, 0.90816150992758, 0.141387633081824, 5.19938110647379,
        0.167058069647696, 0.168227736754199, 0.08201699779934, 0.198588659379808, 0.0824648229316287,
        0.0836529582860017, 0.0423391934398153, 0.0107537387498418};

    /** id, CET, PAlive, DECT (δ = ln 1.1/52), DECT (δ = ln 1.1), at the default fit. */
    private static final double[][] DEFAULT_CUSTOMERS = {
        {2, 0.118037271231493, 0.170925486933932, 0.112833097495968, 0.0264734280272851},
        {508, 2.16091940320393, 0.989052884914075, 2.06522842221594, 0.475098850122461},
        {3, 4.35856394476915, 0.772892882762081, 4.16420685372136, 0.937958135587825},
        {1914, 50.1309041384008, 0.973518983368659, 47.910886027527, 10.8088464622324},
        {8, 0.0175589993907729, 0.00193463483127401, 0.0168344101684911, 0.0042691099728566}};
    private static final double[] DEFAULT_SUMS = {2756.0523319724, 385.395140538143, 2637.37069311434,
        621.302522830964};
    /** The same at the restart's estimates. */
    private static final double[][] POLISHED_CUSTOMERS = {
        {2, 0.126748548019792, 0.171897012271111, 0.121120663152879, 0.0280615851506932},
        {508, 2.20818322830063, 0.989807451999528, 2.1100324627828, 0.482487501277804},
        {3, 4.25308586210279, 0.755740170255881, 4.06350036877765, 0.916099890455503},
        {1914, 50.4246303513903, 0.974143046314745, 48.1861012717535, 10.8250157310607},
        {8, 0.0167852793796375, 0.00184880206829968, 0.0160916631966572, 0.00407388452259699}};
    private static final double[] POLISHED_SUMS = {2790.95961678751, 380.019759386571, 2670.32237536262,
        625.285614701805};

    /** r, α₀, s, β₀ of {@link #PLAIN} and all coefficients 0: a model without covariate effects. */
    static final double[] WITHOUT_EFFECTS = {0.9, 7.5, 0.7, 12.0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** The Pareto/NBD that {@link #WITHOUT_EFFECTS} is for every customer. */
    static final ParetoNbdModel PLAIN = ParetoNbdModel.of(0.9, 7.5, 0.7, 12.0, java.time.temporal.ChronoUnit.WEEKS);

    static ParetoNbdDynamicCovariateModel model(double[] p) {
        return ParetoNbdDynamicCovariateModel.of(p[0], p[1], p[2], p[3], DynamicCovariateReferenceData.NAMES,
                Arrays.copyOfRange(p, 4, 8), Arrays.copyOfRange(p, 8, 12));
    }

    @Test
    void logLikelihoodMatchesClvToolsAtBothEstimates() {
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        assertThat(data.size()).isEqualTo(1001);
        // CLVTools prints 15 digits; we agree to about 1e-15 relative (quadrature ~1e-14 per customer)
        assertThat(model(DEFAULT).logLikelihood(data)).isCloseTo(DEFAULT_LL, within(1e-10 * Math.abs(DEFAULT_LL)));
        assertThat(model(POLISHED).logLikelihood(data)).isCloseTo(POLISHED_LL,
                within(1e-10 * Math.abs(POLISHED_LL)));
    }

    @Test
    void withoutCovariateEffectsItIsThePlainParetoNbd() {
        // all coefficients 0: every customer's likelihood is Fader & Hardie's (ParetoNbdModel), whatever the covariates
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        double[] p = WITHOUT_EFFECTS;
        ParetoNbdModel plain = PLAIN;
        double expected = 0.0;
        for (int i = 0; i < data.size(); i++) {
            expected += plain.logLikelihood(data.history(i));
        }
        assertThat(model(p).logLikelihood(data)).isCloseTo(expected, within(1e-10 * Math.abs(expected)));
        List<ParetoNbdDynamicCovariateModel.Prediction> predictions = model(p).predict(data, 0.0);
        for (int i : new int[] {0, 7, 500, 1000}) {
            assertThat(predictions.get(i).probabilityAlive()).isCloseTo(plain.probabilityAlive(data.history(i)),
                    within(1e-12));
            assertThat(predictions.get(i).conditionalExpectedPurchases()).isCloseTo(
                    plain.conditionalExpectedPurchases(52.0, data.history(i)), within(1e-10));
            // δ = 0: DECT is CET
            assertThat(predictions.get(i).discountedExpectedPurchases()).isCloseTo(
                    predictions.get(i).conditionalExpectedPurchases(), within(1e-12));
        }
    }

    @Test
    void analyticGradientMatchesCentralDifferences() {
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        ParetoNbdDynamicCovariateModel.Likelihood likelihood = new ParetoNbdDynamicCovariateModel.Likelihood(data);
        double[] theta = POLISHED.clone();
        for (int j = 4; j < theta.length; j++) {
            theta[j] = Math.exp(theta[j]);
        }
        double[] gradient = new double[theta.length];
        likelihood.value(theta, gradient);
        for (int j = 0; j < theta.length; j++) {
            double h = 1e-5 * theta[j];
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[j] += h;
            down[j] -= h;
            double numeric = (likelihood.value(up, null) - likelihood.value(down, null)) / (2 * h);
            // central differences of a sum of 1e4: rounding ~1e-16·1e4/1e-5 = 1e-7, truncation ~h² ~1e-10
            assertThat(gradient[j]).as("parameter " + j).isCloseTo(numeric, within(1e-6));
        }
    }

    @Test
    void predictionsMatchClvToolsAtBothEstimates() {
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        check(model(DEFAULT), data, DEFAULT_CUSTOMERS, DEFAULT_SUMS);
        check(model(POLISHED), data, POLISHED_CUSTOMERS, POLISHED_SUMS);
    }

    private static void check(ParetoNbdDynamicCovariateModel model, TimeVaryingCovariates.Joined data,
            double[][] customers, double[] sums) {
        List<ParetoNbdDynamicCovariateModel.Prediction> annual = model.predict(data, Math.log(1.1) / 52);
        List<ParetoNbdDynamicCovariateModel.Prediction> weekly = model.predict(data, Math.log(1.1));
        double[] total = new double[4];
        for (int i = 0; i < annual.size(); i++) {
            total[0] += annual.get(i).conditionalExpectedPurchases();
            total[1] += annual.get(i).probabilityAlive();
            total[2] += annual.get(i).discountedExpectedPurchases();
            total[3] += weekly.get(i).discountedExpectedPurchases();
        }
        // CLVTools' figures have 15 significant digits; ours agree to about 1e-12 relative
        for (int j = 0; j < 4; j++) {
            assertThat(total[j]).isCloseTo(sums[j], within(1e-9 * sums[j]));
        }
        for (double[] customer : customers) {
            int row = rowOf(data, (long) customer[0]);
            ParetoNbdDynamicCovariateModel.Prediction a = annual.get(row);
            assertThat(a.customerId()).isEqualTo((long) customer[0]);
            assertThat(a.conditionalExpectedPurchases()).isCloseTo(customer[1], within(1e-9 * customer[1]));
            assertThat(a.probabilityAlive()).isCloseTo(customer[2], within(1e-9 * customer[2]));
            assertThat(a.discountedExpectedPurchases()).isCloseTo(customer[3], within(1e-9 * customer[3]));
            assertThat(weekly.get(row).discountedExpectedPurchases()).isCloseTo(customer[4], within(1e-9 * customer[4]));
            assertThat(model.predict(data, row, Math.log(1.1) / 52)).isEqualTo(a);
        }
    }

    private static int rowOf(TimeVaryingCovariates.Joined data, long id) {
        for (int i = 0; i < data.size(); i++) {
            if (data.customerId(i) == id) {
                return i;
            }
        }
        throw new AssertionError("no customer " + id);
    }

    @Test
    void fitReachesClvToolsRestartedMaximum() {
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        ParetoNbdDynamicCovariateModel fit = ParetoNbdDynamicCovariateModel.fit(data, FitOptions.defaults(), DEFAULT);
        checkMaximum(fit, data);
        checkDeltaMethod(fit);
        // the fitted model's evaluation counts its 12 parameters: in the χ² test's degrees of freedom, AIC and BIC
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(fit, data);
        assertThat(evaluation.chiSquare().estimatedParameters()).isEqualTo(12);
        assertThat(evaluation.chiSquare().degreesOfFreedom()).isEqualTo(evaluation.chiSquare().bins().size() - 13);
        assertThat(evaluation.aic()).isEqualTo(fit.fitResult().aic());
        assertThat(evaluation.bic()).isEqualTo(fit.fitResult().bic());
        if (RELEASE) {
            checkMaximum(ParetoNbdDynamicCovariateModel.fit(data), data);
        }
    }

    private static void checkMaximum(ParetoNbdDynamicCovariateModel fit, TimeVaryingCovariates.Joined data) {
        ModelFit result = fit.fitResult();
        assertThat(result.converged()).isTrue();
        assertThat(result.identified()).isTrue();
        // above CLVTools' restarted maximum (which stopped at optim's factr = 1e7): -11794.828673 vs -11794.828714
        assertThat(result.logLikelihood()).isGreaterThan(POLISHED_LL + 3e-5);
        assertThat(result.logLikelihood()).isCloseTo(fit.logLikelihood(data), within(1e-8));
        double[] estimates = result.estimates();
        Map<String, Double> se = result.standardErrors();
        List<String> names = result.parameterNames();
        for (int j = 0; j < estimates.length; j++) {
            // the likelihood is flat in β₀ and the attrition coefficients: both maxima agree within 1 % of an SE
            assertThat(estimates[j]).as(names.get(j)).isCloseTo(POLISHED[j], within(0.01 * POLISHED_SE[j]));
            // standard errors: CLVTools' numDeriv Hessian vs our differences of the analytic gradient
            assertThat(se.get(names.get(j))).as(names.get(j)).isCloseTo(POLISHED_SE[j], within(0.01 * POLISHED_SE[j]));
        }
    }

    /** The purchase dates of the five reference customers (2, 3, 8, 508, 1914). */
    private static Map<Long, List<java.time.LocalDate>> fiveCustomers() {
        Map<Long, List<java.time.LocalDate>> dates = new java.util.TreeMap<>();
        DynamicCovariateReferenceData.purchaseDates().forEach((id, d) -> {
            if (id == 2 || id == 508 || id == 3 || id == 1914 || id == 8) {
                dates.put(id, d);
            }
        });
        return dates;
    }

    /**
     * The delta method's standard errors of CET, P(alive) and DECT of the five reference customers against
     * sqrt(∇fᵀ Σ ∇f) with ∇f by central differences along each parameter axis (a different set of directions).
     */
    private static void checkDeltaMethod(ParetoNbdDynamicCovariateModel fit) {
        TimeVaryingCovariates.Joined five = DynamicCovariateReferenceData.covariates().join(fiveCustomers(),
                DynamicCovariateReferenceData.CALIBRATION_END, DynamicCovariateReferenceData.PREDICTION_END,
                CustomerCovariates.MissingCovariates.REFUSE);
        checkDeltaMethod(fit, five, ParetoNbdDynamicCovariateModelTest::model);
    }

    /**
     * The same for every customer of {@code customers}, the fit's parameters θ (in the fit's order, its
     * covariance's) mapped to a model by {@code model}: the SEs of {@code fit.predictWithUncertainty} against
     * sqrt(∇fᵀ Σ ∇f), ∂f/∂θⱼ = [f(model(θ + hⱼeⱼ)) − f(model(θ − hⱼeⱼ))]/(2hⱼ), hⱼ = 1e-5·max(1, |θⱼ|).
     */
    private static void checkDeltaMethod(ParetoNbdDynamicCovariateModel fit, TimeVaryingCovariates.Joined customers,
            java.util.function.Function<double[], ParetoNbdDynamicCovariateModel> model) {
        int rows = customers.size();
        double delta = Math.log(1.1) / 52;
        List<ParetoNbdDynamicCovariateModel.PredictionEstimate> estimates = fit.predictWithUncertainty(customers, delta);
        double[] theta = fit.fitResult().estimates();
        double[][] covariance = fit.fitResult().covariance();
        int n = theta.length;
        double[][][] gradient = new double[rows][3][n];
        for (int j = 0; j < n; j++) {
            double h = 1e-5 * Math.max(1.0, Math.abs(theta[j]));
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[j] += h;
            down[j] -= h;
            List<ParetoNbdDynamicCovariateModel.Prediction> a = model.apply(up).predict(customers, delta);
            List<ParetoNbdDynamicCovariateModel.Prediction> b = model.apply(down).predict(customers, delta);
            for (int i = 0; i < rows; i++) {
                gradient[i][0][j] = (a.get(i).conditionalExpectedPurchases() - b.get(i).conditionalExpectedPurchases()) / (2 * h);
                gradient[i][1][j] = (a.get(i).probabilityAlive() - b.get(i).probabilityAlive()) / (2 * h);
                gradient[i][2][j] = (a.get(i).discountedExpectedPurchases() - b.get(i).discountedExpectedPurchases()) / (2 * h);
            }
        }
        List<ParetoNbdDynamicCovariateModel.Prediction> values = fit.predict(customers, delta);
        for (int i = 0; i < rows; i++) {
            ParetoNbdDynamicCovariateModel.PredictionEstimate e = estimates.get(i);
            assertThat(e.customerId()).isEqualTo(values.get(i).customerId());
            org.loyaltymetrics.stats.Estimate[] figures = {e.conditionalExpectedPurchases(), e.probabilityAlive(),
                e.discountedExpectedPurchases()};
            double[] expectedValues = {values.get(i).conditionalExpectedPurchases(), values.get(i).probabilityAlive(),
                values.get(i).discountedExpectedPurchases()};
            for (int f = 0; f < 3; f++) {
                double variance = 0.0;
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        variance += gradient[i][f][a] * covariance[a][b] * gradient[i][f][b];
                    }
                }
                assertThat(figures[f].value()).isEqualTo(expectedValues[f]);
                // both central differences are accurate to ~1e-9 relative (steps ~1e-5: truncation ~h² ~1e-10,
                // rounding ~1e-16/h ~1e-11); the SEs agree to 6.3e-9 at most (asserted to 1e-7)
                assertThat(figures[f].standardError()).as("customer " + e.customerId() + " figure " + f)
                        .isCloseTo(Math.sqrt(variance), within(1e-7 * Math.sqrt(variance)));
                assertThat(figures[f].standardError()).isPositive();
            }
        }
    }

    @Test
    void dailyPeriodsWithWeeklyValuesGiveTheWeeklyModel() {
        // the same covariate paths as 7 one-day periods per week: the likelihood and predictions must not change
        // (it only moves the quadrature's parts); 51 customers, to stay fast
        TimeVaryingCovariates weekly = DynamicCovariateReferenceData.covariates();
        TimeVaryingCovariates.Builder daily = TimeVaryingCovariates.builder(DynamicCovariateReferenceData.NAMES,
                java.time.LocalDate.of(2023, 1, 1), 1);
        Map<Long, List<java.time.LocalDate>> dates = new java.util.TreeMap<>();
        DynamicCovariateReferenceData.purchaseDates().forEach((id, d) -> {
            if (id <= 50 || id == 1914) {
                dates.put(id, d);
                for (java.time.LocalDate day = weekly.coveredFrom(id); !day.isAfter(weekly.coveredUntil(id));
                        day = day.plusDays(1)) {
                    daily.add(id, day, weekly.values(id, day));
                }
            }
        });
        TimeVaryingCovariates.Joined byWeek = weekly.join(dates, DynamicCovariateReferenceData.CALIBRATION_END,
                DynamicCovariateReferenceData.PREDICTION_END, CustomerCovariates.MissingCovariates.REFUSE);
        TimeVaryingCovariates.Joined byDay = daily.build().join(dates, DynamicCovariateReferenceData.CALIBRATION_END,
                DynamicCovariateReferenceData.PREDICTION_END, CustomerCovariates.MissingCovariates.REFUSE);
        ParetoNbdDynamicCovariateModel model = model(POLISHED);
        double ll = model.logLikelihood(byWeek);
        assertThat(model.logLikelihood(byDay)).isCloseTo(ll, within(1e-11 * Math.abs(ll)));
        List<ParetoNbdDynamicCovariateModel.Prediction> a = model.predict(byWeek, 0.05);
        List<ParetoNbdDynamicCovariateModel.Prediction> b = model.predict(byDay, 0.05);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).probabilityAlive()).isCloseTo(a.get(i).probabilityAlive(),
                    within(1e-11 * a.get(i).probabilityAlive()));
            assertThat(b.get(i).conditionalExpectedPurchases()).isCloseTo(a.get(i).conditionalExpectedPurchases(),
                    within(1e-11 * a.get(i).conditionalExpectedPurchases()));
            assertThat(b.get(i).discountedExpectedPurchases()).isCloseTo(a.get(i).discountedExpectedPurchases(),
                    within(1e-11 * a.get(i).discountedExpectedPurchases()));
        }
    }

    @Test
    void unconditionalFiguresWithoutCovariateEffectsAreThePlainParetoNbds() {
        // all coefficients 0: E[X(t)] and P(X(T) = n) are Fader & Hardie's, whatever the covariates; the plain
        // model's P(X(t) = n) is its own tanh-sinh quadrature in ln τ, ours Gauss-Legendre per week
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        double[] p = WITHOUT_EFFECTS;
        ParetoNbdDynamicCovariateModel model = model(p);
        ParetoNbdModel plain = PLAIN;
        for (int i : new int[] {0, 7, 500, 1000}) {
            double age = data.history(i).age();
            for (double t : new double[] {0.0, 0.5, 3.0, age, age + 52.0}) {
                assertThat(model.expectedPurchases(data, i, t)).isCloseTo(plain.expectedPurchases(t),
                        within(1e-13 * (1.0 + plain.expectedPurchases(t))));
            }
            for (long n = 0; n <= 12; n++) {
                assertThat(model.probabilityOfPurchases(data, i, n)).as("row %d, n %d", i, n)
                        .isCloseTo(plain.probabilityOfPurchases(n, age), within(1e-12));
            }
        }
    }

    @Test
    void purchaseDistributionSumsToOneAndItsMeanIsTheExpectation() {
        // at the restart's estimates, with the weekly marketing covariate: Σₙ P(X(T) = n) = 1 (the quadrature of
        // the death density against the closed-form survival) and Σₙ n P(X(T) = n) = E[X(T)] (the quadrature of
        // the negative binomial's mean against the closed form of the expectation)
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        ParetoNbdDynamicCovariateModel model = model(POLISHED);
        for (long id : new long[] {2, 3, 8, 508, 1914}) {
            int row = rowOf(data, id);
            double[] distribution = model.purchaseDistribution(data, row, 2000);
            double total = 0.0;
            double mean = 0.0;
            for (int n = 0; n < distribution.length; n++) {
                total += distribution[n];
                mean += n * distribution[n];
            }
            double age = data.history(row).age();
            assertThat(total).as("customer %d", id).isCloseTo(1.0, within(1e-13));
            assertThat(mean).as("customer %d", id).isCloseTo(model.expectedPurchases(data, row, age),
                    within(1e-12 * mean));
        }
    }

    @Test
    void purchaseProbabilityMatchesABruteForceIntegral() {
        // customer 1914 (x = 62 over T = 46.14 weeks, the marketing covariate changing from week to week): the integral over
        // the death time by composite Simpson on 2,000 steps a day, A(τ) and C(τ) accumulated from the covariates
        // day by day; Simpson's error at this step is below 1e-12 of the result
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        ParetoNbdDynamicCovariateModel model = model(POLISHED);
        int row = rowOf(data, 1914);
        for (int n : new int[] {0, 3, 25, 60}) {
            double expected = bruteForce(data, row, n);
            assertThat(model.probabilityOfPurchases(data, row, n)).as("n %d", n)
                    .isCloseTo(expected, within(1e-10 * expected + 1e-15));
        }
    }

    /** P(X(T) = n) of the model at POLISHED for one row, by composite Simpson day by day (see above). */
    private static double bruteForce(TimeVaryingCovariates.Joined data, int row, int n) {
        double r = POLISHED[0];
        double alpha0 = POLISHED[1];
        double s = POLISHED[2];
        double beta0 = POLISHED[3];
        long first = data.purchaseDay(row, 0);
        long end = data.calibrationEnd().toEpochDay();
        long start = data.firstPeriodStart(row);
        double logConstant = org.loyaltymetrics.internal.SpecialFunctions.logGamma(r + n) - org.loyaltymetrics.internal.SpecialFunctions.logGamma(r)
                - org.loyaltymetrics.internal.SpecialFunctions.logGamma(n + 1.0);
        java.util.function.DoubleUnaryOperator nb = a -> Math.exp(logConstant + r * Math.log(alpha0 / (alpha0 + a))
                + (n == 0 ? 0.0 : n * Math.log(a / (alpha0 + a))));
        double a = 0.0;
        double c = 0.0;
        double integral = 0.0;
        int steps = 2000;
        for (long day = first; day < end; day++) {
            int period = (int) ((day - start) / 7);
            double[] rates = rates(data, row, period);
            double el = rates[0];
            double et = rates[1];
            double h = 1.0 / 7.0 / steps;
            double sum = 0.0;
            for (int q = 0; q <= steps; q++) {
                double u = q * h;
                double cu = beta0 + c + el * u;
                double f = nb.applyAsDouble(a + et * u) * s * el * Math.pow(beta0 / cu, s) / cu;
                sum += (q == 0 || q == steps ? 1 : q % 2 == 1 ? 4 : 2) * f;
            }
            integral += sum * h / 3.0;
            a += et / 7.0;
            c += el / 7.0;
        }
        return nb.applyAsDouble(a) * Math.pow(beta0 / (beta0 + c), s) + integral;
    }

    @Test
    void expectedPurchasesWithCovariateEffectsMatchABruteForceIntegral() {
        // E[X(t)] at the restart's estimates (all coefficients non-zero, marketing changing weekly) against
        // E[X(t)] = ∫₀ᵗ E[λ e_t(u) 1{alive at u}] du = (r/α₀) ∫₀ᵗ e_t(u) (β₀/(β₀+C(u)))^s du, e_t(u) =
        // exp(γ_transᵀx(u)), C(u) = ∫₀ᵘ exp(γ_lifeᵀx(v)) dv, u in weeks from the first purchase (the class
        // comment's time origin and C; E[λ] = r/α₀, P(alive at u | λ) = E[exp(−μC(u))] = (β₀/(β₀+C(u)))^s), by
        // composite Simpson on 16 steps a day, C accumulated day by day from the covariates (bruteForceExpectation).
        // Simpson's relative error there is h⁴/180 times the integrand's relative fourth derivative
        // s(s+1)(s+2)(s+3)(e_l/(β₀+C))⁴ ≈ 11(e_l/13)⁴ per week⁴, h = 1/112 week: 1e-12 even at e_l = 3, far less at
        // these customers' e_l; the model's sum is exact per part. They agree to 1.5e-14 (asserted to 1e-12).
        // Times: 0, one inside a day and a week, a period boundary (the start of the third period), T (also a period
        // boundary: the weeks start on Sundays, as the calibration end 2023-12-31), a day later, one inside the
        // prediction period, and the end of the covariates; also the package-private several-times path
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        ParetoNbdDynamicCovariateModel model = model(POLISHED);
        for (long id : new long[] {3, 508, 1914}) {
            int row = rowOf(data, id);
            long first = data.purchaseDay(row, 0);
            long start = data.firstPeriodStart(row);
            int days = data.periodDays();
            double age = data.history(row).age();
            double[] times = {0.0, 2.37, (start + 2L * days - first) / 7.0, age, age + 1.0 / 7.0, age + 20.55,
                (start + (long) data.periods(row) * days - first) / 7.0};
            Arrays.sort(times);
            double[] several = model.expectedPurchases(data, row, times);
            assertThat(several).hasSize(times.length);
            assertThat(model.expectedPurchases(data, row, 0.0)).isZero();
            assertThat(several[0]).isZero();
            for (int i = 1; i < times.length; i++) {
                double expected = bruteForceExpectation(data, row, times[i]);
                assertThat(model.expectedPurchases(data, row, times[i])).as("customer %d, t %f", id, times[i])
                        .isCloseTo(expected, within(1e-12 * expected));
                assertThat(several[i]).as("customer %d, t %f", id, times[i]).isCloseTo(expected,
                        within(1e-12 * expected));
            }
        }
    }

    /** E[X(t)] of the model at POLISHED for one row, by composite Simpson day by day (see above). */
    private static double bruteForceExpectation(TimeVaryingCovariates.Joined data, int row, double t) {
        double r = POLISHED[0];
        double alpha0 = POLISHED[1];
        double s = POLISHED[2];
        double beta0 = POLISHED[3];
        long first = data.purchaseDay(row, 0);
        long start = data.firstPeriodStart(row);
        int steps = 16;
        double c = 0.0;
        double integral = 0.0;
        for (long day = first; (day - first) / 7.0 < t; day++) {
            int period = (int) ((day - start) / data.periodDays());
            double[] rates = rates(data, row, period);
            double el = rates[0];
            double et = rates[1];
            double width = Math.min(1.0 / 7.0, t - (day - first) / 7.0);
            double h = width / steps;
            double sum = 0.0;
            for (int q = 0; q <= steps; q++) {
                double f = et * Math.pow(beta0 / (beta0 + c + el * q * h), s);
                sum += (q == 0 || q == steps ? 1 : q % 2 == 1 ? 4 : 2) * f;
            }
            integral += sum * h / 3.0;
            c += el * width;
        }
        return r / alpha0 * integral;
    }

    @Test
    void conditionalCountDistributionWithCovariateEffectsSumsToOneAndItsMeanIsCet() {
        // at the restart's estimates, over the join's 52-week prediction period: P(Y = n | history) (package-private,
        // the scorer's purchase ranges: the death density's Gauss-Legendre quadrature mixed with the posterior's
        // negative binomial, up to n = 2,000, each part's quadrature to 1e-13) sums to 1 to 1e-13 and its mean is
        // predict()'s CET, an independent closed form per part (P(alive)·(r+x)/(α₀+A(T))·∫ e_t ((β₀+C(T))/(β₀+C(u)))^s
        // du), to 1e-12 relative (observed: 1.0e-14 and 1.5e-14)
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        ParetoNbdDynamicCovariateModel model = model(POLISHED);
        double weeks = java.time.temporal.ChronoUnit.DAYS.between(DynamicCovariateReferenceData.CALIBRATION_END,
                DynamicCovariateReferenceData.PREDICTION_END) / 7.0;
        assertThat(weeks).isEqualTo(52.0);
        for (long id : new long[] {3, 508, 1914}) {
            int row = rowOf(data, id);
            double[] distribution = model.conditionalPurchaseDistribution(data, row, weeks, 2000);
            double total = 0.0;
            double mean = 0.0;
            for (int n = 0; n < distribution.length; n++) {
                total += distribution[n];
                mean += n * distribution[n];
            }
            double cet = model.predict(data, row, 0.0).conditionalExpectedPurchases();
            assertThat(total).as("customer %d", id).isCloseTo(1.0, within(1e-13));
            assertThat(mean).as("customer %d", id).isCloseTo(cet, within(1e-12 * cet));
        }
    }

    /** exp(γ_lifeᵀx) and exp(γ_transᵀx) of row {@code row}'s period {@code period} at POLISHED. */
    private static double[] rates(TimeVaryingCovariates.Joined data, int row, int period) {
        double life = 0.0;
        double trans = 0.0;
        for (int j = 0; j < 4; j++) {
            life += POLISHED[4 + j] * data.covariate(row, period, j);
            trans += POLISHED[8 + j] * data.covariate(row, period, j);
        }
        return new double[] {Math.exp(life), Math.exp(trans)};
    }

    /** Each joined customer's first purchase, by id. */
    private static Map<Long, java.time.LocalDate> firstPurchases(TimeVaryingCovariates.Joined data) {
        Map<Long, java.time.LocalDate> first = new java.util.TreeMap<>();
        for (int i = 0; i < data.size(); i++) {
            first.put(data.customerId(i), java.time.LocalDate.ofEpochDay(data.purchaseDay(i, 0)));
        }
        return first;
    }

    @Test
    void simulatedPurchasesAverageTheExpectation() {
        // 40 simulations of the 1,001 customers with their covariates to the calibration end, at rates low enough
        // (mean λ 0.9/60 a week) that two purchases on one day, merged by the simulation, are rare (about 0.3 % of
        // them): the mean of Σ x over the 40 is Σᵢ E_i[X(Tᵢ)] within 4 standard errors of the mean
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        double[] p = POLISHED.clone();
        p[1] = 60.0;
        ParetoNbdDynamicCovariateModel model = model(p);
        double expected = 0.0;
        for (int i = 0; i < data.size(); i++) {
            expected += model.expectedPurchases(data, i, data.history(i).age());
        }
        Map<Long, java.time.LocalDate> first = firstPurchases(data);
        int runs = 40;
        double sum = 0.0;
        double squares = 0.0;
        for (int run = 0; run < runs; run++) {
            Map<Long, List<java.time.LocalDate>> dates = model.simulate(DynamicCovariateReferenceData.covariates(),
                    first, DynamicCovariateReferenceData.CALIBRATION_END, 17L + run);
            assertThat(dates.keySet()).containsExactlyElementsOf(first.keySet());
            long x = 0;
            for (Map.Entry<Long, List<java.time.LocalDate>> customer : dates.entrySet()) {
                List<java.time.LocalDate> days = customer.getValue();
                assertThat(days.get(0)).isEqualTo(first.get(customer.getKey()));
                assertThat(days).isSorted().doesNotHaveDuplicates();
                assertThat(days.get(days.size() - 1)).isBeforeOrEqualTo(DynamicCovariateReferenceData.CALIBRATION_END);
                x += days.size() - 1;
            }
            sum += x;
            squares += (double) x * x;
        }
        double mean = sum / runs;
        double standardError = Math.sqrt((squares / runs - mean * mean) / (runs - 1));
        assertThat(mean).isCloseTo(expected, within(4 * standardError));
        assertThat(standardError).isLessThan(0.02 * expected);
    }

    @Test
    void fitToSimulatedPurchasesRecoversTheParameters() {
        // the 1,001 customers simulated at CLVTools' restarted estimates with their covariates, calibration to
        // 2023-12-31, and fitted again from the default start (the Pareto/NBD without covariates, coefficients 0;
        // not the truth, so an optimiser that did not move would fail): it iterates (12 iterations), ends above the
        // truth's log-likelihood, and every estimate is within 4 of CLVTools' standard errors of the truth (with this
        // seed the farthest is β₀, 3.2 standard errors off, the parameter on which the likelihood is flattest; the
        // others are within 2.1; merging same-day purchases makes about 2 % fewer than the model's E[X(T)])
        TimeVaryingCovariates.Joined data = DynamicCovariateReferenceData.joined();
        TimeVaryingCovariates covariates = DynamicCovariateReferenceData.covariates();
        Map<Long, List<java.time.LocalDate>> dates = model(POLISHED).simulate(covariates, firstPurchases(data),
                DynamicCovariateReferenceData.CALIBRATION_END, 2026L);
        TimeVaryingCovariates.Joined simulated = covariates.join(dates, DynamicCovariateReferenceData.CALIBRATION_END,
                null, CustomerCovariates.MissingCovariates.REFUSE);
        ParetoNbdDynamicCovariateModel fit = ParetoNbdDynamicCovariateModel.fit(simulated);
        assertThat(fit.fitResult().converged()).isTrue();
        assertThat(fit.fitResult().iterations()).isPositive();
        assertThat(fit.fitResult().logLikelihood()).isGreaterThan(model(POLISHED).logLikelihood(simulated));
        double[] estimates = fit.fitResult().estimates();
        List<String> names = fit.fitResult().parameterNames();
        for (int j = 0; j < estimates.length; j++) {
            assertThat(estimates[j]).as(names.get(j)).isCloseTo(POLISHED[j], within(4 * POLISHED_SE[j]));
        }
        // the same seed, the same dates; another seed, others
        assertThat(model(POLISHED).simulate(covariates, firstPurchases(data), DynamicCovariateReferenceData.CALIBRATION_END,
                2026L)).isEqualTo(dates);
        assertThat(model(POLISHED).simulate(covariates, firstPurchases(data), DynamicCovariateReferenceData.CALIBRATION_END,
                2027L)).isNotEqualTo(dates);
        assertThatThrownBy(() -> model(POLISHED).simulate(covariates, Map.of(2L, java.time.LocalDate.of(2024, 1, 7)),
                DynamicCovariateReferenceData.CALIBRATION_END, 1L)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("firstPurchases").hasMessageContaining("customer 2");
    }

    /** The subset with marketing (weekly) and gender (constant), in that order. */
    private static TimeVaryingCovariates.Joined marketingAndGender() {
        return join(marketingAndGenderCovariates(), DynamicCovariateReferenceData.purchaseDates());
    }

    /** The subset's covariates marketing (weekly) and gender (constant), in that order. */
    private static TimeVaryingCovariates marketingAndGenderCovariates() {
        CustomerCovariates.Builder gender = CustomerCovariates.builder(List.of("gender"));
        CovariateReferenceData.covariates().forEach((id, z) -> {
            if (DynamicCovariateReferenceData.inSubset(id)) {
                gender.add(id, z[0]);
            }
        });
        return DynamicCovariateReferenceData.marketing().withConstant(gender.build());
    }

    /** The customers of {@code dates} joined to {@code covariates} with the reference calibration and prediction ends. */
    private static TimeVaryingCovariates.Joined join(TimeVaryingCovariates covariates,
            Map<Long, List<java.time.LocalDate>> dates) {
        return covariates.join(dates, DynamicCovariateReferenceData.CALIBRATION_END,
                DynamicCovariateReferenceData.PREDICTION_END, CustomerCovariates.MissingCovariates.REFUSE);
    }

    @Test
    void oneCoefficientOnBothProcessesMatchesClvTools() {
        // CLVTools 0.12.1: pnbd(clvd, names.cov.constr = "gender", optimx.args = list(method = "L-BFGS-B",
        // control = list(kkt = FALSE))) on the subset with gender and marketing (R 4.2.2, 2026-12-02, 17.5 s):
        // r, alpha, s, beta, life.marketing, trans.marketing, constr.gender, LL and SEs as printed (15 digits)
        double[] clvTools = {0.904500721963016, 6.61491865064371, 0.572316870822166, 9.65791579456484,
            -0.220253590803725, 0.318781140587925, 0.0439246540687002};
        double[] clvToolsSe = {0.0785008515906611, 0.653168558137632, 0.104859241810966, 3.38102524513307,
            0.200060430849626, 0.0107537620107568, 0.0806299565457238};
        TimeVaryingCovariates covariates = marketingAndGenderCovariates();
        TimeVaryingCovariates.Joined data = join(covariates, DynamicCovariateReferenceData.purchaseDates());
        ParetoNbdDynamicCovariateModel fit = ParetoNbdDynamicCovariateModel.fit(data,
                CovariateOptions.defaults().withSameOnBoth("gender"), FitOptions.defaults(), clvTools);
        ModelFit result = fit.fitResult();
        assertThat(result.parameterNames()).containsExactly("r", "alpha", "s", "beta", "life.marketing",
                "trans.marketing", "constr.gender");
        // our maximum is higher than CLVTools' (whose L-BFGS-B stops short by its factr): -11817.091609 against
        // -11817.091821, 1.8e-8 relative
        assertThat(result.logLikelihood()).isCloseTo(-11817.0918211045, within(1e-7 * 11817.09))
                .isGreaterThan(-11817.0918211045 + 1e-4);
        for (int j = 0; j < clvTools.length; j++) {
            // within 2 % of a standard error (life.marketing 1.6 %, where CLVTools stopped short), and the SEs to 2 %
            assertThat(result.estimates()[j]).as(result.parameterNames().get(j)).isCloseTo(clvTools[j],
                    within(0.02 * clvToolsSe[j]));
            assertThat(result.standardErrors().get(result.parameterNames().get(j))).as(result.parameterNames().get(j))
                    .isCloseTo(clvToolsSe[j], within(0.02 * clvToolsSe[j]));
        }
        // the shared coefficient is both processes' gender coefficient, and its uncertainty carries to both
        assertThat(fit.attritionCoefficients().get("gender")).isEqualTo(fit.purchaseCoefficients().get("gender"))
                .isEqualTo(result.estimates()[6]);
        assertThat(fit.logLikelihood(data)).isCloseTo(result.logLikelihood(), within(1e-8));
        assertThat(fit.predictWithUncertainty(data, 0.0).get(0).conditionalExpectedPurchases().standardError())
                .isPositive();
        // the delta method over the fit's 7 parameters: the standard errors of CET, P(alive) and DECT of the five
        // reference customers are sqrt(∇fᵀ Σ ∇f), Σ the fit's covariance, ∇f by central differences along each of
        // r, α₀, s, β₀, life.marketing, trans.marketing and constr.gender, each point a model built here with
        // constr.gender as both processes' gender coefficient (a delta point that moved gender on one process
        // only would give another ∂f/∂constr.gender, the sum of both processes' partials, and other errors)
        List<String> names = data.names();
        int marketing = names.indexOf("marketing");
        int gender = names.indexOf("gender");
        checkDeltaMethod(fit, join(covariates, fiveCustomers()), theta -> {
            double[] life = new double[2];
            double[] trans = new double[2];
            life[marketing] = theta[4];
            trans[marketing] = theta[5];
            life[gender] = theta[6];
            trans[gender] = theta[6];
            return ParetoNbdDynamicCovariateModel.of(theta[0], theta[1], theta[2], theta[3], names, life, trans);
        });
        // and each of the delta method's points (package-private) has one gender coefficient on both processes,
        // moved from the estimate in at least one direction
        double[] spans = new double[7];
        ParetoNbdDynamicCovariateModel[] points = fit.deltaPoints(spans);
        assertThat(points).hasSize(14);
        double moved = 0.0;
        for (ParetoNbdDynamicCovariateModel point : points) {
            assertThat(point.attritionCoefficients().get("gender")).isEqualTo(point.purchaseCoefficients().get("gender"));
            moved = Math.max(moved, Math.abs(point.purchaseCoefficients().get("gender") - result.estimates()[6]));
        }
        assertThat(moved).isPositive();
    }

    @Test
    void penalisedFitMatchesClvTools() {
        // CLVTools 0.12.1: pnbd(clvd, reg.lambdas = c(trans = 0.05, life = 0.2), optimx.args as above) on the same
        // data (12.4 s): it maximises −NLL/N − 0.05 Σ γ_trans² − 0.2 Σ γ_life², which it reports as its
        // log-likelihood, −11.8107763913402 (its standard errors are of that average objective, N^(1/2) = 31.6
        // times ours: not compared)
        Map<String, Double> clvTools = Map.of("r", 0.90132873630334, "alpha", 6.6033596533096, "s", 0.590468836410816,
                "beta", 11.0617680195247, "life.gender", -0.0140432323828544, "life.marketing", -0.0192834209158629,
                "trans.gender", 0.0534404579150795, "trans.marketing", 0.315305789845097);
        TimeVaryingCovariates.Joined data = marketingAndGender();
        double[] start = {0.9, 6.6, 0.59, 11.0, -0.019, -0.014, 0.315, 0.053};
        CovariateOptions options = CovariateOptions.defaults().withPenalties(0.05, 0.2);
        ParetoNbdDynamicCovariateModel fit = ParetoNbdDynamicCovariateModel.fit(data, options, FitOptions.defaults(),
                start);
        ModelFit result = fit.fitResult();
        assertThat(result.penalizer()).isEqualTo(0.2);
        // the estimates agree within 5 % of our standard errors (CLVTools' L-BFGS-B stops at factr 1e7 of the
        // average objective, flat to 1e-9 there: β₀ and s differ by 0.043 SE, the others by less than 0.02)
        clvTools.forEach((name, value) -> assertThat(fit.parameters().get(name)).as(name).isCloseTo(value,
                within(0.05 * result.standardErrors().get(name))));
        // the objective at our estimates is higher than CLVTools': LL/N − penalty
        double penalty = 0.05 * (sq(fit.purchaseCoefficients().get("gender")) + sq(fit.purchaseCoefficients().get("marketing")))
                + 0.2 * (sq(fit.attritionCoefficients().get("gender")) + sq(fit.attritionCoefficients().get("marketing")));
        double objective = result.logLikelihood() / data.size() - penalty;
        // (ours -11.8107754, 1.0e-6 higher: CLVTools stopped short; the same objective, or they would differ more)
        assertThat(objective).isCloseTo(-11.8107763913402, within(1e-5)).isGreaterThan(-11.8107763913402 + 5e-7);
        // the log-likelihood reported is the likelihood's at the estimates, the penalty apart
        assertThat(result.logLikelihood()).isCloseTo(fit.logLikelihood(data), within(1e-9));
        assertThatThrownBy(() -> ParetoNbdDynamicCovariateModel.fit(data,
                CovariateOptions.defaults().withSameOnBoth("channel"), FitOptions.defaults())).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("channel");
        assertThatThrownBy(() -> ParetoNbdDynamicCovariateModel.fit(data,
                CovariateOptions.defaults().withScaling(CovariateOptions.Scaling.STANDARDISE), FitOptions.defaults()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("Scaling.NONE");
    }

    private static double sq(double x) {
        return x * x;
    }

    @Test
    void parametersAndCoefficientsByName() {
        ParetoNbdDynamicCovariateModel model = model(POLISHED);
        assertThat(model.r()).isEqualTo(POLISHED[0]);
        assertThat(model.alpha()).isEqualTo(POLISHED[1]);
        assertThat(model.s()).isEqualTo(POLISHED[2]);
        assertThat(model.beta()).isEqualTo(POLISHED[3]);
        assertThat(model.attritionCoefficients()).containsEntry("marketing", POLISHED[7]);
        assertThat(model.purchaseCoefficients()).containsEntry("marketing", POLISHED[11]);
        assertThat(model.parameters().keySet()).startsWith("r", "alpha", "s", "beta", "life.gender")
                .endsWith("trans.marketing");
        assertThat(model.isFitted()).isFalse();
        assertThatThrownBy(model::fitResult).isInstanceOf(UndefinedResultException.class);
        assertThat(model.toString()).contains("trans.marketing=0.3190").doesNotContain("\n");
    }

    @Test
    void refusesBadArguments() {
        assertThatThrownBy(() -> ParetoNbdDynamicCovariateModel.of(-1, 1, 1, 1, List.of("a"), new double[1],
                new double[1])).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("r");
        assertThatThrownBy(() -> ParetoNbdDynamicCovariateModel.of(1, 1, 1, 1, List.of("a"), new double[2],
                new double[1])).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("attritionCoefficients");
        TimeVaryingCovariates.Joined noPrediction = DynamicCovariateReferenceData.covariates().join(
                Map.of(1L, List.of(DynamicCovariateReferenceData.CALIBRATION_END)),
                DynamicCovariateReferenceData.CALIBRATION_END, null, CustomerCovariates.MissingCovariates.REFUSE);
        ParetoNbdDynamicCovariateModel model = model(POLISHED);
        assertThatThrownBy(() -> model.predict(noPrediction, 0.01)).isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> model.predictWithUncertainty(DynamicCovariateReferenceData.joined(), 0.01))
                .isInstanceOf(UndefinedResultException.class);
        assertThatThrownBy(() -> model.predict(DynamicCovariateReferenceData.joined(), -0.1))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("delta");
        ParetoNbdDynamicCovariateModel other = ParetoNbdDynamicCovariateModel.of(1, 1, 1, 1, List.of("a"),
                new double[1], new double[1]);
        assertThatThrownBy(() -> other.logLikelihood(noPrediction)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("covariates");
        assertThatThrownBy(() -> ParetoNbdDynamicCovariateModel.fit(noPrediction, FitOptions.defaults().withPenalizer(0.1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("penalizer");
    }
}
