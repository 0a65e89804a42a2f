package org.loyaltymetrics.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongToDoubleFunction;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.TimeVaryingCovariates;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.SpecialFunctions;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;

/**
 * Pearson's χ² goodness-of-fit test of a transaction model on the histogram of its customers'
 * frequencies: how many customers made x = 0, 1, 2, … repeat purchases, observed against expected.
 * Each customer i was observed for their age Tᵢ, so the expected number of customers with n repeat
 * purchases is Σᵢ P(X(Tᵢ) = n), the model's {@link TransactionModel#probabilityOfPurchases(long, double)}
 * (Fader, Hardie &amp; Lee 2005, "Counting Your Customers the Easy Way", section 4 and figure 2, where
 * the BG/NBD and Pareto/NBD histograms of CDNOW are compared with the data this way).
 *
 * <p><b>Bins.</b> Frequencies are pooled into consecutive bins so that every bin expects at least
 * {@value #MINIMUM_EXPECTED} customers (Cochran's rule): from x = 0 upward, a bin closes once it expects
 * 5 and the frequencies above it expect 5 more; the last bin is open-ended (x ≥ k, its expected count
 * N − Σ of the others, at least 5). Fewer than 10 customers make one bin.
 *
 * <p><b>Statistic.</b> χ² = Σ_bins (O − E)² / E, with degrees of freedom = bins − 1 − the number of
 * parameters estimated from the data: all of the model's parameters when it was fitted
 * ({@link TransactionModel#isFitted()}; the model is then taken to have been fitted to these
 * histories), none when it was built from given parameters. The p-value is P(χ²_df ≥ χ²), the
 * regularized upper incomplete gamma function Q(df/2, χ²/2). With fewer bins than the parameters + 2
 * there are no degrees of freedom left: {@link #hasPValue()} is false and {@link #pValue()} throws.
 *
 * <p>The test is approximate twice over: the χ² distribution is the large-sample one, and the
 * parameters are estimated from the individual histories by maximum likelihood rather than from the
 * binned counts, which makes the true distribution lie between χ²_(bins−1−k) and χ²_(bins−1)
 * (Chernoff &amp; Lehmann 1954): the p-value with k subtracted is on the low (conservative, rejecting
 * more often) side.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ChiSquareGoodnessOfFit implements Tabular {

    /** The smallest expected count of a bin, 5. */
    public static final double MINIMUM_EXPECTED = 5.0;

    /**
     * One bin of the histogram: the customers with a frequency from {@code lowest} to {@code highest}
     * (both inclusive; {@code highest} is {@link Long#MAX_VALUE} for the open-ended last bin).
     *
     * @param lowest the lowest frequency of the bin, &gt;= 0
     * @param highest the highest frequency of the bin, &gt;= lowest; Long.MAX_VALUE for "lowest or more"
     * @param observed the customers observed with a frequency in the bin
     * @param expected the customers the model expects with a frequency in the bin
     */
    public record Bin(long lowest, long highest, long observed, double expected) {

        /** Validates the bin. */
        public Bin {
            Checks.count(lowest, "lowest");
            if (highest < lowest) {
                throw InvalidArgumentException.of("highest", ">= lowest " + lowest, highest);
            }
            Checks.count(observed, "observed");
            Checks.positive(expected, "expected");
        }

        /** Whether the bin is open-ended: every frequency from {@code lowest} up. */
        public boolean isOpenEnded() {
            return highest == Long.MAX_VALUE;
        }

        /** The bin's frequencies as text: "3", "3-5" or "7+". */
        public String label() {
            return isOpenEnded() ? lowest + "+" : lowest == highest ? Long.toString(lowest) : lowest + "-" + highest;
        }

        /** The bin's term of the statistic, (O − E)² / E. */
        public double contribution() {
            double difference = observed - expected;
            return difference * difference / expected;
        }
    }

    private final String model;
    private final List<Bin> bins;
    private final long customers;
    private final int estimatedParameters;
    private final double statistic;

    private ChiSquareGoodnessOfFit(String model, List<Bin> bins, long customers, int estimatedParameters) {
        this.model = model;
        this.bins = List.copyOf(bins);
        this.customers = customers;
        this.estimatedParameters = estimatedParameters;
        double sum = 0.0;
        for (Bin bin : bins) {
            sum += bin.contribution();
        }
        this.statistic = sum;
    }

    /**
     * The test of {@code model} on the frequency histogram of {@code histories}, the customers it was
     * fitted to (histories in another unit than the model's have their ages converted).
     *
     * @param model the model; its parameters count as estimated when it was fitted
     * @param histories the customers' histories; not empty
     * @throws UndefinedResultException if there are no histories
     */
    public static ChiSquareGoodnessOfFit of(TransactionModel model, PurchaseHistories histories) {
        Checks.notNull(model, "model");
        Checks.notNull(histories, "histories");
        if (histories.isEmpty()) {
            throw new UndefinedResultException("the chi-square goodness of fit is undefined: there are no customers");
        }
        // P(X(T) = n) depends on the age alone: one probability per distinct age, weighted by its customers.
        Map<Double, Long> byAge = new TreeMap<>();
        Map<Long, Long> observedByFrequency = new HashMap<>();
        double[] ages = histories.ages();
        long[] frequencies = histories.frequencies();
        long[] weights = histories.weights();
        for (int row = 0; row < ages.length; row++) {
            byAge.merge(model.toModelTime(ages[row], histories.timeUnit()), weights[row], Long::sum);
            observedByFrequency.merge(frequencies[row], weights[row], Long::sum);
        }
        double[] times = new double[byAge.size()];
        double[] ageWeights = new double[byAge.size()];
        int a = 0;
        for (Map.Entry<Double, Long> entry : byAge.entrySet()) {
            times[a] = entry.getKey();
            ageWeights[a++] = entry.getValue();
        }
        long highestObserved = 0;
        for (long x : frequencies) {
            highestObserved = Math.max(highestObserved, x);
        }
        return binned(ParametricModel.name(model), model.isFitted() ? model.parameters().size() : 0,
                histories.customers(), observedByFrequency, highestObserved,
                expectedCustomers(List.of(model), List.<double[][]>of(new double[][] {times, ageWeights}),
                        highestObserved));
    }

    /**
     * The test of a model with covariates on the frequency histogram of the customers it was fitted to,
     * each customer's expected frequencies those of the model of their own covariates: the expected number of
     * customers with n repeat purchases is Σᵢ P_zᵢ(X(Tᵢ) = n), {@link TransactionModel#probabilityOfPurchases(long,
     * double)} of {@link CovariateTransactionModel#forCustomer(double[]) forCustomer(zᵢ)}. The probability is
     * computed once per distinct customer model (customers whose covariates give the same parameters) and age,
     * the models in parallel (the sums in a fixed order: the result does not depend on the threads). Its
     * estimated parameters, when the model was fitted, are all of the fit's, coefficients included (one per
     * coefficient shared by both processes).
     *
     * @param model the model with covariates; its parameters count as estimated when it was fitted
     * @param data the customers' histories joined to their covariates; not empty
     * @throws InvalidArgumentException if {@code data} has other covariates than the model
     * @throws UndefinedResultException if there are no customers
     */
    public static ChiSquareGoodnessOfFit of(CovariateTransactionModel model, CustomerCovariates.Joined data) {
        Checks.notNull(model, "model");
        checkCustomers(Checks.notNull(data, "data").names(), model.covariates(), data.size());
        // one group per distinct customer model (its parameters), each with its customers by age
        Map<Map<String, Double>, TransactionModel> models = new LinkedHashMap<>();
        Map<Map<String, Double>, TreeMap<Double, Long>> ages = new LinkedHashMap<>();
        Map<Long, Long> observedByFrequency = new HashMap<>();
        long highestObserved = 0;
        for (int row = 0; row < data.size(); row++) {
            TransactionModel own = model.forCustomer(data.covariates(row));
            Map<String, Double> key = own.parameters();
            models.putIfAbsent(key, own);
            PurchaseHistory history = data.history(row);
            ages.computeIfAbsent(key, k -> new TreeMap<>()).merge(own.toModelTime(history.age(), history.timeUnit()),
                    1L, Long::sum);
            observedByFrequency.merge(history.frequency(), 1L, Long::sum);
            highestObserved = Math.max(highestObserved, history.frequency());
        }
        List<TransactionModel> groupModels = new ArrayList<>(models.values());
        List<double[][]> groupAges = new ArrayList<>();
        for (TreeMap<Double, Long> byAge : ages.values()) {
            double[][] timesAndWeights = new double[2][byAge.size()];
            int a = 0;
            for (Map.Entry<Double, Long> entry : byAge.entrySet()) {
                timesAndWeights[0][a] = entry.getKey();
                timesAndWeights[1][a++] = entry.getValue();
            }
            groupAges.add(timesAndWeights);
        }
        String name = ParametricModel.name(groupModels.get(0)) + " with covariates";
        return binned(name, model.isFitted() ? model.fitResult().estimates().length : 0, data.size(), observedByFrequency,
                highestObserved, expectedCustomers(groupModels, groupAges, highestObserved));
    }

    /**
     * The expected customers of each frequency n, Σ_g Σᵢ wᵢ P_g(X(tᵢ) = n) over groups g of customers with one
     * model (its ages tᵢ and their customers wᵢ), the groups in parallel and their sums added in group order (the
     * result does not depend on the threads). Where every model is a Pareto/NBD, each age's P(X(t) = n) is
     * computed for all n at once ({@link ParetoNbdModel#probabilitiesOfPurchases}), up to a bound past the
     * highest frequency observed, then again with twice the bound if the bins go past it; otherwise each
     * frequency is computed when the bins ask for it.
     */
    private static LongToDoubleFunction expectedCustomers(List<? extends TransactionModel> models,
            List<double[][]> ages, long highestObserved) {
        if (models.stream().allMatch(ParetoNbdModel.class::isInstance)) {
            return tabulated(highest -> expectedCustomersUpTo(models, ages, highest), highestObserved);
        }
        return n -> {
            double[] byGroup = new double[models.size()];
            java.util.stream.IntStream.range(0, byGroup.length).parallel().forEach(g -> {
                double[][] timesAndWeights = ages.get(g);
                double sum = 0.0;
                for (int i = 0; i < timesAndWeights[0].length; i++) {
                    sum += timesAndWeights[1][i] * models.get(g).probabilityOfPurchases(n, timesAndWeights[0][i]);
                }
                byGroup[g] = sum;
            });
            double expectedN = 0.0;
            for (double sum : byGroup) {
                expectedN += sum;
            }
            return expectedN;
        };
    }

    /** The same for n = 0, ..., {@code highest}, the models Pareto/NBDs. */
    private static double[] expectedCustomersUpTo(List<? extends TransactionModel> models, List<double[][]> ages,
            int highest) {
        double[][] byGroup = new double[models.size()][];
        java.util.stream.IntStream.range(0, byGroup.length).parallel().forEach(g -> {
            ParetoNbdModel model = (ParetoNbdModel) models.get(g);
            double[][] timesAndWeights = ages.get(g);
            double[] sum = new double[highest + 1];
            for (int i = 0; i < timesAndWeights[0].length; i++) {
                double[] distribution = model.probabilitiesOfPurchases(timesAndWeights[0][i], highest);
                for (int n = 0; n <= highest; n++) {
                    sum[n] += timesAndWeights[1][i] * distribution[n];
                }
            }
            byGroup[g] = sum;
        });
        return sumInOrder(byGroup, highest);
    }

    /**
     * The expected customers of each frequency n from a table of them for n = 0, ..., highest, computed up to 16
     * past the highest frequency observed, then again with twice the bound if the bins go past it (0 beyond
     * 2²⁴).
     */
    private static LongToDoubleFunction tabulated(java.util.function.IntFunction<double[]> table, long highestObserved) {
        double[][] expected = {table.apply((int) Math.min(highestObserved + 16, 1 << 20))};
        return n -> {
            if (n >= expected[0].length) {
                expected[0] = table.apply((int) Math.min(2 * n, 1 << 24));
            }
            return n < expected[0].length ? expected[0][(int) n] : 0.0;
        };
    }

    /** Σ of the parts' sums for n = 0, ..., highest, added in the parts' order (whatever threads made them). */
    private static double[] sumInOrder(double[][] parts, int highest) {
        double[] total = new double[highest + 1];
        for (double[] sum : parts) {
            for (int n = 0; n <= highest; n++) {
                total[n] += sum[n];
            }
        }
        return total;
    }

    /**
     * The test of the Pareto/NBD with time-varying covariates on the calibration frequency histogram of the
     * joined customers: the expected number of customers with n repeat purchases is Σᵢ P_i(X(Tᵢ) = n),
     * {@link ParetoNbdDynamicCovariateModel#probabilityOfPurchases(TimeVaryingCovariates.Joined, int, long)},
     * each customer's with the covariates of their own periods. The customers' distributions are computed in
     * parallel, each for all frequencies at once, and summed in a fixed order (the result does not depend on the
     * threads). Its estimated parameters, when the model was fitted, are all of the fit's, coefficients included.
     *
     * @param model the model; its parameters count as estimated when it was fitted
     * @param data the customers joined to their covariates, the model's; not empty
     * @throws InvalidArgumentException if {@code data} has other covariates than the model
     * @throws UndefinedResultException if there are no customers
     */
    public static ChiSquareGoodnessOfFit of(ParetoNbdDynamicCovariateModel model, TimeVaryingCovariates.Joined data) {
        Checks.notNull(model, "model");
        checkCustomers(Checks.notNull(data, "data").names(), model.covariates(), data.size());
        Map<Long, Long> observedByFrequency = new HashMap<>();
        long highestObserved = 0;
        for (int row = 0; row < data.size(); row++) {
            long x = data.purchaseDays(row) - 1L;
            observedByFrequency.merge(x, 1L, Long::sum);
            highestObserved = Math.max(highestObserved, x);
        }
        return binned("Pareto/NBD with time-varying covariates", model.isFitted() ? model.fitResult().estimates().length
                : 0, data.size(), observedByFrequency, highestObserved,
                tabulated(highest -> expectedFrequencies(model, data, highest), highestObserved));
    }

    /** Checks that the customers have the model's covariates and are not none. */
    private static void checkCustomers(List<String> names, List<String> modelCovariates, int customers) {
        CovariateCoefficients.checkNames("data", names, modelCovariates);
        if (customers == 0) {
            throw new UndefinedResultException("the chi-square goodness of fit is undefined: there are no customers");
        }
    }

    /** Σᵢ P_i(X(Tᵢ) = n) for n = 0, ..., highest, in blocks of customers summed in block order. */
    private static double[] expectedFrequencies(ParetoNbdDynamicCovariateModel model, TimeVaryingCovariates.Joined data,
            int highest) {
        int block = 64;
        double[][] sums = new double[(data.size() + block - 1) / block][];
        java.util.stream.IntStream.range(0, sums.length).parallel().forEach(b -> {
            double[] sum = new double[highest + 1];
            for (int row = b * block; row < Math.min(data.size(), (b + 1) * block); row++) {
                double[] distribution = model.purchaseDistribution(data, row, highest);
                for (int n = 0; n <= highest; n++) {
                    sum[n] += distribution[n];
                }
            }
            sums[b] = sum;
        });
        return sumInOrder(sums, highest);
    }

    /** The bins of a histogram from the expected customers of each frequency n (see the class comment). */
    private static ChiSquareGoodnessOfFit binned(String model, int estimatedParameters, long customers,
            Map<Long, Long> observedByFrequency, long highestObserved, LongToDoubleFunction expectedOf) {
        List<Bin> bins = new ArrayList<>();
        double closedExpected = 0.0;
        long closedObserved = 0;
        long lowest = 0;
        double expected = 0.0;
        long observed = 0;
        for (long n = 0; ; n++) {
            double expectedN = expectedOf.applyAsDouble(n);
            expected += expectedN;
            observed += observedByFrequency.getOrDefault(n, 0L);
            double above = customers - closedExpected - expected; // expected customers with a frequency > n
            // (past the observed frequencies, a term below 1e-14 of the customers means what is left above is
            // rounding: with a very large weighted cohort it could otherwise never fall below 5)
            if (above < MINIMUM_EXPECTED || n > highestObserved && expectedN <= 1e-14 * customers) {
                // The frequencies above n cannot make a bin of their own: the open bin [lowest, ∞) takes them.
                // It expects what was above the last closed bin, at least 5 (or all, if no bin closed).
                bins.add(new Bin(lowest, Long.MAX_VALUE, customers - closedObserved, customers - closedExpected));
                break;
            }
            if (expected >= MINIMUM_EXPECTED) {
                bins.add(new Bin(lowest, n, observed, expected));
                closedExpected += expected;
                closedObserved += observed;
                lowest = n + 1;
                expected = 0.0;
                observed = 0;
            }
        }
        return new ChiSquareGoodnessOfFit(model, bins, customers, estimatedParameters);
    }

    /** The bins, from the lowest frequencies up; the last is open-ended. */
    public List<Bin> bins() {
        return bins;
    }

    /** The number of customers, the sum of the bins' observed (and expected) counts. */
    public long customers() {
        return customers;
    }

    /** χ² = Σ (O − E)² / E over the bins, &gt;= 0. */
    public double statistic() {
        return statistic;
    }

    /** The number of parameters estimated from the data: the model's parameters if it was fitted, else 0. */
    public int estimatedParameters() {
        return estimatedParameters;
    }

    /** The degrees of freedom, bins − 1 − {@link #estimatedParameters()}; 0 or less when there are too few bins. */
    public int degreesOfFreedom() {
        return bins.size() - 1 - estimatedParameters;
    }

    /** Whether there are degrees of freedom left for a p-value (at least the parameters + 2 bins). */
    public boolean hasPValue() {
        return degreesOfFreedom() >= 1;
    }

    /**
     * The p-value P(χ²_df ≥ {@link #statistic()}) = Q(df/2, χ²/2): small values say the model's histogram
     * does not fit the data.
     *
     * @throws UndefinedResultException if there are no degrees of freedom left ({@link #hasPValue()})
     */
    public double pValue() {
        if (!hasPValue()) {
            throw new UndefinedResultException("the chi-square p-value is undefined: " + Formatting.plural(bins.size(),
                    "bin") + " leave no degrees of freedom after " + Formatting.plural(estimatedParameters, "parameter")
                    + " (too few customers for bins that expect " + (int) MINIMUM_EXPECTED + " each)");
        }
        return chiSquareUpperTail(statistic, degreesOfFreedom());
    }

    /** P(χ²_df ≥ x) for df &gt;= 1 and x &gt;= 0, the regularized upper incomplete gamma Q(df/2, x/2). */
    static double chiSquareUpperTail(double x, double degreesOfFreedom) {
        return SpecialFunctions.regularizedGammaQ(degreesOfFreedom / 2.0, x / 2.0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChiSquareGoodnessOfFit that && model.equals(that.model) && bins.equals(that.bins)
                && customers == that.customers && estimatedParameters == that.estimatedParameters;
    }

    @Override
    public int hashCode() {
        return bins.hashCode() * 31 + estimatedParameters;
    }

    /**
     * Reads, e.g., {@code "chi-square goodness of fit of BG/NBD: 2357 customers in 15 bins, chi2 = 12.5502,
     * df = 10, p = 0.2499"} (the CDNOW calibration period; p undefined where there are no degrees of freedom
     * left).
     */
    @Override
    public String toString() {
        return "chi-square goodness of fit of " + model + ": " + Formatting.plural(customers, "customer") + " in "
                + Formatting.plural(bins.size(), "bin") + ", chi2 = " + Formatting.decimal(statistic, 4) + ", df = "
                + degreesOfFreedom() + ", p = " + (hasPValue() ? Formatting.decimal(pValue(), 4) : "undefined");
    }

    /** The bins: frequencies, observed and expected customers, and each bin's term of the statistic. */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().title(toString()).column("frequency").numberColumn("observed")
                .numberColumn("expected").numberColumn("(O-E)^2/E");
        for (Bin bin : bins) {
            table.row(bin.label(), bin.observed(), Formatting.decimal(bin.expected(), 2),
                    Formatting.decimal(bin.contribution(), 4));
        }
        return table.build();
    }
}
