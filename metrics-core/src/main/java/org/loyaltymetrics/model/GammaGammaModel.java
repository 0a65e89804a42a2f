package org.loyaltymetrics.model;

import java.util.List;
import java.util.SplittableRandom;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.SpendHistories;
import org.loyaltymetrics.data.SpendHistory;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.RandomVariates;
import org.loyaltymetrics.internal.RowChunks;
import org.loyaltymetrics.internal.SpecialFunctions;

/**
 * The Gamma-Gamma model of the monetary value of repeat transactions (Fader &amp; Hardie 2013, "The
 * Gamma-Gamma Model of Monetary Value", after Colombo &amp; Jiang 1999). A customer's transaction values
 * are gamma(shape p, rate ν); across customers ν ~ gamma(shape q, rate v) (v is γ in the note, named v
 * as in lifetimes and in the command-line tool's JSON). Spend is assumed independent of the purchase
 * process, which is what lets {@link #customerLifetimeValue} combine the two.
 *
 * <p>The density of the mean z̄ of x transactions (x z̄ ~ gamma(px, ν)), integrated over ν:
 * <pre>
 *   f(z̄ | x) = Γ(px + q)/(Γ(px) Γ(q)) · v^q · z̄^(px−1) x^(px) / (v + x z̄)^(px+q)
 * </pre>
 * The expected mean transaction value of a customer with x transactions of mean z̄ is
 * E[Z | x, z̄] = p (v + x z̄)/(px + q − 1) = (q − 1)/(px + q − 1) · p v/(q − 1) + px/(px + q − 1) · z̄,
 * a weighted average of the population mean p v/(q − 1) and the customer's own mean.
 *
 * <p>Data: {@link SpendHistories} (positive values only; see there for the rule on zero-value
 * transactions); one customer's spend is a {@link SpendHistory}. On the 946 CDNOW repeat buyers the
 * fit gives p = 6.2488, q = 3.7446, v = 15.4477, LL = −4055.92 (published: 6.25, 3.74, 15.44, −4055.9).
 *
 * <p>This class is immutable and thread-safe; fitting is deterministic.
 */
public final class GammaGammaModel extends ParametricModel {

    /** The parameter names, in order: p, q, v. */
    public static final List<String> PARAMETERS = List.of("p", "q", "v");

    private static final String MODEL = "Gamma-Gamma";

    private GammaGammaModel(double[] parameters, ModelFit fit) {
        super(MODEL, PARAMETERS, parameters, fit);
    }

    /**
     * The model with given parameters, all finite and &gt; 0.
     *
     * @throws InvalidArgumentException if a parameter is not finite and &gt; 0
     */
    public static GammaGammaModel of(double p, double q, double v) {
        return new GammaGammaModel(new double[] {p, q, v}, null);
    }

    /** Fits the model to {@code spend} by maximum likelihood with the default options. */
    public static GammaGammaModel fit(SpendHistories spend) {
        return fit(spend, FitOptions.defaults());
    }

    /**
     * Fits the model by maximum likelihood from p = 1, q = 2, v = the average z̄ (a start whose
     * population mean spend p v/(q − 1) is the data's).
     *
     * @throws ModelFitException if the fit does not converge (and {@code options} require it) or a
     *     parameter runs off to 0 or infinity
     */
    public static GammaGammaModel fit(SpendHistories spend, FitOptions options) {
        Checks.notNull(spend, "spend");
        Checks.notNull(options, "options");
        double[] start = {1.0, 2.0, spend.isEmpty() ? 1.0 : spend.averageMeanSpend()};
        ModelFit fit = MaximumLikelihood.fit(MODEL, PARAMETERS, new Likelihood(spend), start, spend.customers(),
                spend.distinctRows(), options);
        return new GammaGammaModel(fit.estimates(), fit);
    }

    /**
     * The Gamma-Gamma log-likelihood of the rows of {@code part}, one part of spend data held in parts,
     * with its analytic gradient (see {@link PartitionedSpendLikelihood}): the sum over the part's distinct
     * rows of weight · ln f(z̄ | x), computed as {@link #logLikelihood(SpendHistories)} computes it.
     *
     * @param part the spend of the part's customers; not null
     */
    public static PartitionedSpendLikelihood likelihood(SpendHistories part) {
        Checks.notNull(part, "part");
        Likelihood likelihood = new Likelihood(part);
        return new PartitionedSpendLikelihood() {
            @Override
            public double sum(double[] theta, double[] gradient) {
                return likelihood.value(theta, gradient);
            }

            @Override
            public long customers() {
                return part.customers();
            }

            @Override
            public long distinctRows() {
                return part.distinctRows();
            }

            @Override
            public double averageMeanSpend() {
                return part.isEmpty() ? 0.0 : part.averageMeanSpend();
            }

            @Override
            public String toString() {
                return MODEL + " likelihood of " + part;
            }
        };
    }

    /**
     * Fits the model to the likelihood of spend data held in parts, as {@link #fit(SpendHistories, FitOptions)}
     * fits the rows themselves: the same start (p = 1, q = 2, v = the average z̄ of the whole data) and
     * procedure, without the warm start from a sample of the rows that a fit to 65,536 distinct rows or
     * more takes (so that it may end a few iterations later at the same maximum). On one part holding
     * every row, the estimates of the single fit to the last bit; on several, the same up to the rounding
     * of the sums' order.
     *
     * @throws ModelFitException as {@link #fit(SpendHistories, FitOptions)}
     */
    public static GammaGammaModel fit(PartitionedSpendLikelihood total, FitOptions options) {
        Checks.notNull(total, "total");
        Checks.notNull(options, "options");
        double[] start = {1.0, 2.0, total.customers() == 0 ? 1.0 : total.averageMeanSpend()};
        MaximumLikelihood.LogLikelihood likelihood = new MaximumLikelihood.LogLikelihood() {
            @Override
            public double value(double[] theta, double[] gradient) {
                return total.sum(theta, gradient);
            }

            @Override
            public boolean hasGradient() {
                return true;
            }
        };
        ModelFit fit = MaximumLikelihood.fit(MODEL, PARAMETERS, likelihood, start, total.customers(),
                (int) Math.min(Integer.MAX_VALUE, total.distinctRows()), options);
        return new GammaGammaModel(fit.estimates(), fit);
    }

    /** p, the shape of each customer's gamma distribution of transaction values. */
    public double p() {
        return parameter(0);
    }

    /** q, the shape of the gamma distribution of the customers' rates ν. */
    public double q() {
        return parameter(1);
    }

    /** v (γ in Fader &amp; Hardie), the rate of the gamma distribution of the customers' rates ν. */
    public double v() {
        return parameter(2);
    }

    /**
     * The population mean transaction value E[Z] = p v/(q − 1).
     *
     * @throws UndefinedResultException if q ≤ 1 (the mean is infinite), or if p v/(q − 1) exceeds the
     *     range of a double (p and v near 1e308)
     */
    public double populationMeanSpend() {
        double p = p();
        double q = q();
        double v = v();
        if (!(q > 1.0)) {
            throw new UndefinedResultException("the population mean spend is undefined: it is infinite for q <= 1, "
                    + "q was " + q);
        }
        double mean = p * v / (q - 1.0);
        if (!(mean < Double.POSITIVE_INFINITY)) {
            mean = p / (q - 1.0) * v;
        }
        if (!(mean < Double.POSITIVE_INFINITY)) {
            throw new UndefinedResultException("the population mean spend p v/(q - 1) exceeds the range of a double "
                    + "for p=" + p + ", q=" + q + ", v=" + v);
        }
        return mean;
    }

    /**
     * E[Z | x, z̄] = p (v + x z̄)/(px + q − 1), the expected mean transaction value of a customer with x
     * transactions of mean z̄: a weighted average of the population mean p v/(q − 1) (weight
     * (q − 1)/(px + q − 1)) and the customer's own mean z̄ (weight px/(px + q − 1)). The denominator is
     * formed with one rounding (a fused multiply-add on the two parts of q − 1), so that it keeps its
     * digits where px + q is close to 1; it increases with z̄ and tends to z̄ + v/x as px grows.
     *
     * <p>A customer without spend data (no repeat transaction of positive value, x = 0) has no
     * {@link SpendHistory}: their expected spend is the population mean, {@link #populationMeanSpend()}.
     *
     * @param spend the customer's repeat transactions of positive value; not null
     * @throws UndefinedResultException if px + q ≤ 1 (the expectation is infinite), or if the expectation
     *     exceeds the range of a double (px + q within about 1e-300 of 1, or z̄ near 1e308)
     */
    public double conditionalExpectedAverageSpend(SpendHistory spend) {
        Checks.notNull(spend, "spend");
        double p = p();
        double q = q();
        double v = v();
        double x = spend.frequency();
        double z = spend.meanSpend();
        // px + q − 1 = px + (q − 1), q − 1 split exactly into high and low parts (two-sum)
        double high = q - 1.0;
        double part = high - q;
        double low = (q - (high - part)) + (-1.0 - part);
        double denominator = Math.fma(p, x, high) + low;
        if (!(denominator > 0.0)) {
            throw new UndefinedResultException("the expected spend is undefined (infinite) for px + q <= 1, was "
                    + (denominator + 1.0));
        }
        double expected = p * (v + x * z) / denominator;
        if (!(expected < Double.POSITIVE_INFINITY)) {
            // an intermediate overflowed: E = w (z̄ + v/x) with w = px/(px + q − 1)
            double weight = denominator == Double.POSITIVE_INFINITY ? 1.0 : p / denominator * x;
            expected = weight * (z + v / x);
        }
        if (!(expected < Double.POSITIVE_INFINITY)) {
            throw new UndefinedResultException("the expected spend exceeds the range of a double for p=" + p + ", q="
                    + q + ", v=" + v + ", x=" + spend.frequency() + ", mean spend " + z);
        }
        return expected;
    }

    /**
     * The log of the density f(z̄ | x) of one customer's mean spend (ln(v + x z̄) taken from the logarithms
     * where v + x z̄ overflows).
     *
     * @param spend the customer's repeat transactions of positive value; not null
     * @throws UndefinedResultException if px exceeds the range of a double (p near 1e308)
     */
    public double logLikelihood(SpendHistory spend) {
        Checks.notNull(spend, "spend");
        double px = p() * spend.frequency();
        if (!(px < Double.POSITIVE_INFINITY)) {
            throw new UndefinedResultException("the log-likelihood is undefined: px exceeds the range of a double "
                    + "for p=" + p() + ", x=" + spend.frequency());
        }
        return logDensity(p(), q(), v(), spend.frequency(), spend.meanSpend());
    }

    /**
     * The total log-likelihood of {@code spend}.
     *
     * @param spend the customers' spend; not null
     */
    public double logLikelihood(SpendHistories spend) {
        Checks.notNull(spend, "spend");
        return new Likelihood(spend).value(new double[] {p(), q(), v()}, null);
    }

    private static double logDensity(double p, double q, double v, double x, double z) {
        double px = p * x;
        return SpecialFunctions.logGamma(px + q) - SpecialFunctions.logGamma(px) - SpecialFunctions.logGamma(q)
                + q * Math.log(v) + (px - 1.0) * Math.log(z) + px * Math.log(x) - (px + q) * logSum(v, x, z);
    }

    /** ln(v + x z̄), from the logarithms where the sum overflows. */
    static double logSum(double v, double x, double z) {
        double sum = v + x * z;
        if (sum < Double.POSITIVE_INFINITY) {
            return Math.log(sum);
        }
        double logV = Math.log(v);
        double logXz = Math.log(x) + Math.log(z);
        return Math.max(logV, logXz) + Math.log1p(Math.exp(-Math.abs(logV - logXz)));
    }

    /**
     * The discounted expected value of a customer's purchases over {@code horizon}, the CLV of Fader,
     * Hardie &amp; Lee (2005, "RFM and CLV") in discrete periods:
     * <pre>
     *   CLV = Σᵢ₌₁ᴺ E[Z | x, z̄] · (E[Y(tᵢ) | x, tₓ, T] − E[Y(tᵢ₋₁) | x, tₓ, T]) / (1 + d)ⁱ
     * </pre>
     * with tᵢ the end of period i converted to the purchase model's time unit and d the discount rate
     * per period. Multiply by a margin to get profit. Spend is assumed independent of the purchase
     * process (the model's premise).
     *
     * @param purchases the fitted purchase model; not null
     * @param history the customer's purchase history, in any unit (converted to the model's); not null
     * @param spend the customer's repeat transactions of positive value (whose count may differ from the
     *     history's frequency when some purchases had no value); not null
     * @param horizon the periods, their unit and the discount rate; not null
     * @throws UndefinedResultException if the expected spend is undefined (px + q ≤ 1)
     */
    public double customerLifetimeValue(TransactionModel purchases, PurchaseHistory history, SpendHistory spend,
            ValuationHorizon horizon) {
        return lifetimeValue(purchases, history, conditionalExpectedAverageSpend(spend), horizon);
    }

    /**
     * The discounted expected value over {@code horizon} of a customer without spend data (no repeat
     * transaction of positive value): the CLV above with the population mean spend
     * {@link #populationMeanSpend()} for E[Z].
     *
     * @param purchases the fitted purchase model; not null
     * @param history the customer's purchase history, in any unit (converted to the model's); not null
     * @param horizon the periods, their unit and the discount rate; not null
     * @throws UndefinedResultException if the population mean spend is undefined (q ≤ 1)
     */
    public double customerLifetimeValue(TransactionModel purchases, PurchaseHistory history, ValuationHorizon horizon) {
        return lifetimeValue(purchases, history, populationMeanSpend(), horizon);
    }

    static double lifetimeValue(TransactionModel purchases, PurchaseHistory history, double spend,
            ValuationHorizon horizon) {
        Checks.notNull(purchases, "purchases");
        Checks.notNull(history, "history");
        Checks.notNull(horizon, "horizon");
        PurchaseHistory h = history.in(purchases.timeUnit());
        double periodLength = purchases.toModelTime(1.0, horizon.periodUnit());
        double value = 0.0;
        double previous = 0.0;
        double discount = 1.0;
        for (int i = 1; i <= horizon.periods(); i++) {
            double expected = purchases.conditionalExpectedPurchases(i * periodLength, h);
            discount /= 1.0 + horizon.discountRate();
            value += spend * (expected - previous) * discount;
            previous = expected;
        }
        return value;
    }

    /**
     * Simulates the mean spend of one customer per entry of {@code frequencies} (each ≥ 1): ν ~ gamma(q, v),
     * then x values ~ gamma(p, ν), seeded: the same seed gives the same spend.
     *
     * @throws InvalidArgumentException if a frequency is not &gt;= 1
     */
    public SpendHistories simulate(long[] frequencies, long seed) {
        Checks.notNull(frequencies, "frequencies");
        for (int i = 0; i < frequencies.length; i++) {
            if (frequencies[i] < 1) {
                throw InvalidArgumentException.of("frequencies", ">= 1 in every entry",
                        frequencies[i] + " at index " + i);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        SpendHistories.Accumulator accumulator = SpendHistories.accumulator();
        for (long x : frequencies) {
            double nu = RandomVariates.gamma(random, q(), v());
            // the sum of x gamma(p, ν) values is gamma(px, ν)
            double mean = RandomVariates.gamma(random, p() * x, nu) / x;
            accumulator.add(x, mean);
        }
        return accumulator.snapshot();
    }

    /**
     * The total log-likelihood with its analytic gradient in (p, q, v). Rows are sorted by x: the gamma
     * functions of px are computed once per distinct x, and ln x and ln z̄ once per row when the likelihood
     * is made; the rows are summed in chunks on all cores ({@link RowChunks}), data of one chunk in one pass
     * in row order. Thread-safe.
     */
    private static final class Likelihood implements MaximumLikelihood.LogLikelihood {

        private final SpendHistories spend;
        private final double[] x;
        private final double[] z;
        private final double[] logZ;
        private final double[] logX;
        private final double[] weight;

        Likelihood(SpendHistories spend) {
            this.spend = spend;
            long[] frequencies = spend.frequencies();
            long[] weights = spend.weights();
            this.z = spend.meanSpends();
            int rows = frequencies.length;
            this.x = new double[rows];
            this.logZ = new double[rows];
            this.logX = new double[rows];
            this.weight = new double[rows];
            for (int i = 0; i < rows; i++) {
                x[i] = frequencies[i];
                logZ[i] = Math.log(z[i]);
                logX[i] = Math.log(x[i]);
                weight[i] = weights[i];
            }
        }

        @Override
        public boolean hasGradient() {
            return true;
        }

        @Override
        public MaximumLikelihood.LogLikelihood sample(int stride) {
            SpendHistories.Accumulator sample = SpendHistories.accumulator();
            for (int row = stride / 2; row < x.length; row += stride) {
                sample.add(spend.frequency(row), spend.meanSpend(row), spend.weight(row));
            }
            return new Likelihood(sample.snapshot());
        }

        @Override
        public double value(double[] theta, double[] gradient) {
            double p = theta[0];
            double q = theta[1];
            double v = theta[2];
            double logV = Math.log(v);
            double psiQ = gradient == null ? 0.0 : SpecialFunctions.digamma(q);
            double logGammaQ = SpecialFunctions.logGamma(q);
            return RowChunks.sum(x.length, gradient, (from, to, g) -> rows(from, to, p, q, v, logV, psiQ, logGammaQ, g));
        }

        private double rows(int from, int to, double p, double q, double v, double logV, double psiQ, double logGammaQ,
                double[] gradient) {
            double total = 0.0;
            double gp = 0.0;
            double gq = 0.0;
            double gv = 0.0;
            int i = from;
            while (i < to) {
                // rows are sorted by x: the gamma functions of px are computed once per distinct x
                double xi = x[i];
                double px = p * xi;
                double constant = SpecialFunctions.logGamma(px + q) - SpecialFunctions.logGamma(px) - logGammaQ
                        + q * logV + px * logX[i];
                double psiPxQ = gradient == null ? 0.0 : SpecialFunctions.digamma(px + q);
                double dConstantP = gradient == null ? 0.0
                        : xi * (psiPxQ - SpecialFunctions.digamma(px) + logX[i]);
                for (; i < to && x[i] == xi; i++) {
                    double w = weight[i];
                    double denominator = v + xi * z[i];
                    double logDenominator = denominator < Double.POSITIVE_INFINITY ? Math.log(denominator)
                            : logSum(v, xi, z[i]);
                    total += w * (constant + (px - 1.0) * logZ[i] - (px + q) * logDenominator);
                    if (gradient != null) {
                        gp += w * (dConstantP + xi * (logZ[i] - logDenominator));
                        gq += w * (psiPxQ - psiQ + logV - logDenominator);
                        gv += w * (q / v - (px + q) / denominator);
                    }
                }
            }
            if (gradient != null) {
                gradient[0] += gp;
                gradient[1] += gq;
                gradient[2] += gv;
            }
            return total;
        }
    }
}
