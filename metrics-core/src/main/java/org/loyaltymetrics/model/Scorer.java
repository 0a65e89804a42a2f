package org.loyaltymetrics.model;

import java.io.Serializable;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.data.CustomerCovariates;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.data.SpendHistory;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.TimeUnits;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.Estimate;

/**
 * Scores a whole table of customers with a fitted purchase model (BG/NBD, MBG/NBD, Pareto/NBD) and,
 * optionally, a Gamma-Gamma spend model: for each customer, the expected purchases in the next
 * {@code horizon} E[Y(t) | x, tₓ, T], the probability of being alive P(alive | x, tₓ, T), the expected
 * average spend E[Z | x, z̄] (the population mean for a customer without spend data), and the lifetime
 * value over a {@link ValuationHorizon} ({@link GammaGammaModel#customerLifetimeValue}); each optionally
 * with its confidence interval ({@link PredictionUncertainty}: the delta method from the fits by default,
 * or a bootstrap given), and, if asked, the predictive range of the customer's own count of purchases
 * ({@link TransactionModel#predictionInterval}). The confidence interval is that of the model's
 * expectation; the purchase range is where the customer's actual count will fall with the same
 * probability, wider.
 *
 * <p><b>Tables of any size.</b> {@link #scoreAll(Iterator, Consumer)} reads the customers as an iterator
 * and hands each score to a consumer in the same order, in blocks of {@value #BLOCK} customers, so that
 * 10⁷ customers stream from a file to a file in bounded memory. Each distinct history (purchase history
 * and spend) is computed once: a score is kept for every distinct history met, up to
 * {@value #MAX_REMEMBERED} of them (the cache is then emptied and starts again), and the distinct
 * histories of a block are computed in parallel on the common fork-join pool. The scores do not depend on
 * the number of threads.
 *
 * <p><b>Covariates.</b> A scorer of a model with covariates ({@link #of(CovariateTransactionModel, double)},
 * {@link #withSpend(GammaGammaCovariateModel)}) scores each customer with the models of their own covariates
 * z ({@link Customer#covariates()}), and with intervals their own uncertainty, coefficients included
 * ({@link CovariateTransactionModel#uncertainty(double[])}): the same figures, columns and {@link Score}s as
 * {@code Scorer.of(model.forCustomer(z), horizon)} with the same settings gives that customer.
 *
 * <p>Cost on the CDNOW BG/NBD fit: about 0.2 µs a customer for the two figures without intervals and
 * 1.6 µs with them (the delta method evaluates each prediction 2P + 1 = 9 times); a lifetime value over N
 * periods costs N conditional expectations, and with its interval about 9N.
 *
 * <p>This class is immutable and thread-safe; its {@code with…} methods return modified copies. It is
 * Serializable (Java serialization of its models, settings and the steps of its intervals), so that an
 * engine builds it once and ships it to its workers (metrics-spark scores on the executors with it).
 */
public final class Scorer implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The customers scored at once, their distinct histories in parallel. */
    public static final int BLOCK = 16_384;

    /** The most distinct histories whose scores are kept for later customers. */
    public static final int MAX_REMEMBERED = 1 << 18;

    /** A figure of a customer's score, with its column name in a table. */
    public enum Figure {
        /** E[Y(t) | x, tₓ, T], the expected purchases in the next {@code horizon}. */
        EXPECTED_PURCHASES("expected_purchases"),
        /** P(alive | x, tₓ, T), the probability that the customer is still active. */
        PROBABILITY_ALIVE("probability_alive"),
        /** E[Z | x, z̄], the expected average spend of a future purchase (needs a spend model). */
        EXPECTED_AVERAGE_SPEND("expected_average_spend"),
        /** The discounted expected value of the purchases over a valuation horizon (needs a spend model). */
        LIFETIME_VALUE("lifetime_value");

        private final String column;

        Figure(String column) {
            this.column = column;
        }

        /** The figure's column name in a table of scores, e.g. "expected_purchases". */
        public String column() {
            return column;
        }
    }

    /**
     * One customer to score.
     *
     * @param id the customer's id
     * @param history the purchase history, in any time unit (converted to the model's)
     * @param spend the repeat transactions of positive value, or null for a customer without any (scored
     *     with the population mean spend)
     * @param covariates the customer's covariates, one value per covariate of the scorer's model with
     *     covariates ({@link Scorer#of(CovariateTransactionModel, double)}), or null for a scorer of a model
     *     without covariates; copied
     */
    public record Customer(long id, PurchaseHistory history, SpendHistory spend, double[] covariates) {

        /** Validates the components: the history is required; the covariates are copied. */
        public Customer {
            Checks.notNull(history, "history");
            covariates = covariates == null ? null : covariates.clone();
        }

        /** A customer without covariates. */
        public Customer(long id, PurchaseHistory history, SpendHistory spend) {
            this(id, history, spend, null);
        }

        /** A customer without spend data and covariates. */
        public static Customer of(long id, PurchaseHistory history) {
            return new Customer(id, history, null, null);
        }

        /** The customer's covariates (a copy), or null for a customer without covariates. */
        @Override
        public double[] covariates() {
            return covariates == null ? null : covariates.clone();
        }

        /** Whether the customer has covariates. */
        public boolean hasCovariates() {
            return covariates != null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Customer other && id == other.id && history.equals(other.history)
                    && Objects.equals(spend, other.spend) && java.util.Arrays.equals(covariates, other.covariates);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, history, spend, java.util.Arrays.hashCode(covariates));
        }

        /** Reads, e.g., {@code "Customer[id=7, history=..., spend=null, covariates=[1.0, 0.0]]"}. */
        @Override
        public String toString() {
            return "Customer[id=" + id + ", history=" + history + ", spend=" + spend + ", covariates="
                    + java.util.Arrays.toString(covariates) + "]";
        }
    }

    /**
     * The scores of one customer: a value for each of the scorer's {@link #figures()}, and with intervals
     * the confidence interval of each and the range of the customer's own purchase count.
     *
     * <p>This class is immutable and thread-safe.
     */
    public static final class Score {
        private final long customerId;
        private final Set<Figure> figures;
        private final double[] values;
        private final double[] errors;
        private final double confidence;
        private final PredictionInterval purchaseRange;

        private Score(long customerId, Set<Figure> figures, double[] values, double[] errors, double confidence,
                PredictionInterval purchaseRange) {
            this.customerId = customerId;
            this.figures = figures;
            this.values = values;
            this.errors = errors;
            this.confidence = confidence;
            this.purchaseRange = purchaseRange;
        }

        /** A score of given figures (values and errors indexed by {@link Figure#ordinal()}, errors null without intervals). */
        static Score of(long customerId, Set<Figure> figures, double[] values, double[] errors, double confidence,
                PredictionInterval purchaseRange) {
            return new Score(customerId, figures, values, errors, confidence, purchaseRange);
        }

        /** The customer's id. */
        public long customerId() {
            return customerId;
        }

        /**
         * The value of {@code figure}.
         *
         * @throws InvalidArgumentException if the scorer does not compute {@code figure}
         */
        public double value(Figure figure) {
            return values[index(figure)];
        }

        /** E[Y(t) | x, tₓ, T] over the scorer's horizon. */
        public double expectedPurchases() {
            return values[Figure.EXPECTED_PURCHASES.ordinal()];
        }

        /** P(alive | x, tₓ, T). */
        public double probabilityAlive() {
            return values[Figure.PROBABILITY_ALIVE.ordinal()];
        }

        /** Whether the score carries intervals. */
        public boolean hasIntervals() {
            return errors != null;
        }

        /**
         * The value of {@code figure} with its standard error ({@link PredictionUncertainty}).
         *
         * @throws InvalidArgumentException if the scorer does not compute {@code figure}
         * @throws UndefinedResultException if the scorer computes no intervals
         */
        public Estimate estimate(Figure figure) {
            int i = index(figure);
            checkIntervals();
            return Estimate.normal(values[i], errors[i]);
        }

        /**
         * The confidence interval of {@code figure} at the scorer's confidence level: the interval of the
         * model's expectation, not of what the customer will do ({@link #purchaseRange()}).
         *
         * @throws InvalidArgumentException if the scorer does not compute {@code figure}
         * @throws UndefinedResultException if the scorer computes no intervals
         */
        public ConfidenceInterval confidenceInterval(Figure figure) {
            return estimate(figure).confidenceInterval(confidence);
        }

        /**
         * The range of the customer's own number of purchases in the next horizon at the scorer's level
         * ({@link TransactionModel#predictionInterval}).
         *
         * @throws UndefinedResultException if the scorer computes no purchase ranges
         *     ({@link Scorer#withPurchaseRanges()})
         */
        public PredictionInterval purchaseRange() {
            if (purchaseRange == null) {
                throw new UndefinedResultException("the scorer computes no purchase ranges (Scorer.withPurchaseRanges)");
            }
            return purchaseRange;
        }

        /** Whether the score carries the range of the customer's own purchase count. */
        public boolean hasPurchaseRange() {
            return purchaseRange != null;
        }

        private int index(Figure figure) {
            Checks.notNull(figure, "figure");
            if (!figures.contains(figure)) {
                throw InvalidArgumentException.of("figure", "one of the scorer's figures " + figures, figure);
            }
            return figure.ordinal();
        }

        private void checkIntervals() {
            if (errors == null) {
                throw new UndefinedResultException("the scorer computes no intervals (Scorer.withIntervals)");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Score other && customerId == other.customerId && figures.equals(other.figures)
                    && java.util.Arrays.equals(values, other.values) && java.util.Arrays.equals(errors, other.errors)
                    && confidence == other.confidence && Objects.equals(purchaseRange, other.purchaseRange);
        }

        @Override
        public int hashCode() {
            return Objects.hash(customerId, figures, java.util.Arrays.hashCode(values),
                    java.util.Arrays.hashCode(errors));
        }

        /** Reads, e.g., {@code "Score of customer 7: expected_purchases 1.2259, probability_alive 0.8363"}. */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("Score of customer ").append(customerId).append(':');
            String separator = " ";
            for (Figure figure : figures) {
                text.append(separator).append(figure.column()).append(' ')
                        .append(Formatting.decimal(values[figure.ordinal()], 4));
                if (errors != null) {
                    ConfidenceInterval interval = confidenceInterval(figure);
                    text.append(" [").append(Formatting.decimal(interval.low(), 4)).append(", ")
                            .append(Formatting.decimal(interval.high(), 4)).append(']');
                }
                separator = ", ";
            }
            return text.toString();
        }
    }

    /**
     * The scores of a table of customers held as columns ({@link #scoreColumns}): for each of the scorer's
     * {@link #figures()} a column of values in row order, and with intervals their standard errors.
     *
     * <p>This class is immutable and thread-safe.
     */
    public static final class ScoredColumns {
        private final Set<Figure> figures;
        private final double[][] values;
        private final double[][] errors;
        private final double confidence;
        private final int rows;

        private ScoredColumns(Set<Figure> figures, double[][] values, double[][] errors, double confidence, int rows) {
            this.figures = figures;
            this.values = values;
            this.errors = errors;
            this.confidence = confidence;
            this.rows = rows;
        }

        /** The number of customers (rows). */
        public int rows() {
            return rows;
        }

        /** The figures scored, in column order. */
        public Set<Figure> figures() {
            return figures;
        }

        /**
         * A copy of the column of {@code figure}, in row order.
         *
         * @throws InvalidArgumentException if the scorer does not compute {@code figure}
         */
        public double[] values(Figure figure) {
            return values[index(figure)].clone();
        }

        /**
         * The value of {@code figure} for the customer of row {@code row}.
         *
         * @throws InvalidArgumentException if the scorer does not compute {@code figure}, or the row is out of
         *     range
         */
        public double value(Figure figure, int row) {
            return values[index(figure)][checkRow(row)];
        }

        /** Whether the scores carry intervals. */
        public boolean hasIntervals() {
            return errors != null;
        }

        /**
         * The value of {@code figure} for row {@code row} with its standard error.
         *
         * @throws InvalidArgumentException if the scorer does not compute {@code figure}, or the row is out of
         *     range
         * @throws UndefinedResultException if the scorer computes no intervals
         */
        public Estimate estimate(Figure figure, int row) {
            int i = index(figure);
            if (errors == null) {
                throw new UndefinedResultException("the scorer computes no intervals (Scorer.withIntervals)");
            }
            return Estimate.normal(values[i][checkRow(row)], errors[i][row]);
        }

        /**
         * The confidence interval of {@code figure} for row {@code row} at the scorer's level.
         *
         * @throws InvalidArgumentException if the scorer does not compute {@code figure}, or the row is out of
         *     range
         * @throws UndefinedResultException if the scorer computes no intervals
         */
        public ConfidenceInterval confidenceInterval(Figure figure, int row) {
            return estimate(figure, row).confidenceInterval(confidence);
        }

        private int index(Figure figure) {
            Checks.notNull(figure, "figure");
            if (!figures.contains(figure)) {
                throw InvalidArgumentException.of("figure", "one of the scorer's figures " + figures, figure);
            }
            return figure.ordinal();
        }

        private int checkRow(int row) {
            if (row < 0 || row >= rows) {
                throw InvalidArgumentException.of("row", "in [0, " + rows + ")", row);
            }
            return row;
        }

        /** Reads, e.g., {@code "ScoredColumns: 1000000 rows of expected_purchases, probability_alive"}. */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("ScoredColumns: ").append(rows).append(rows == 1 ? " row of" : " rows of");
            String separator = " ";
            for (Figure figure : figures) {
                text.append(separator).append(figure.column());
                separator = ", ";
            }
            return text.append(errors == null ? "" : " with intervals").toString();
        }
    }

    /**
     * What {@link #scoreAll(Iterator, Consumer)} did.
     *
     * @param customers the customers scored
     * @param computed the distinct histories computed (the others were repeats)
     */
    public record Scored(long customers, long computed) {
    }

    /** The purchase model of a scorer without covariates; that of covariates all 0 with them (name, time unit). */
    private final TransactionModel purchases;
    private final double horizon;
    private final GammaGammaModel spend;
    private final ValuationHorizon valuation;
    private final double confidence;
    private final PredictionUncertainty uncertainty;
    private final boolean ranges;
    private final Set<Figure> figures;
    /** The purchase model with covariates, or null. */
    private final CovariateTransactionModel covariatePurchases;
    /** The spend model with covariates, or null (then {@code spend} is the spend model of every customer). */
    private final GammaGammaCovariateModel covariateSpend;
    /** Whether the scores carry intervals (with covariates, each customer's own; else {@code uncertainty}'s). */
    private final boolean intervals;
    /** The models of a scorer without covariates: the same for every customer; null with covariates. */
    private final Models shared;

    private Scorer(TransactionModel purchases, double horizon, GammaGammaModel spend, ValuationHorizon valuation,
            double confidence, PredictionUncertainty uncertainty, boolean ranges) {
        this(purchases, horizon, spend, valuation, confidence, uncertainty, ranges, null, null, uncertainty != null);
    }

    private Scorer(TransactionModel purchases, double horizon, GammaGammaModel spend, ValuationHorizon valuation,
            double confidence, PredictionUncertainty uncertainty, boolean ranges,
            CovariateTransactionModel covariatePurchases, GammaGammaCovariateModel covariateSpend, boolean intervals) {
        this.purchases = purchases;
        this.horizon = horizon;
        this.spend = spend;
        this.valuation = valuation;
        this.confidence = confidence;
        this.uncertainty = uncertainty;
        this.ranges = ranges;
        this.covariatePurchases = covariatePurchases;
        this.covariateSpend = covariateSpend;
        this.intervals = intervals;
        this.shared = covariatePurchases == null ? new Models(purchases, spend, uncertainty) : null;
        EnumSet<Figure> set = EnumSet.of(Figure.EXPECTED_PURCHASES, Figure.PROBABILITY_ALIVE);
        if (spend != null || covariateSpend != null) {
            set.add(Figure.EXPECTED_AVERAGE_SPEND);
        }
        if (valuation != null) {
            set.add(Figure.LIFETIME_VALUE);
        }
        this.figures = Collections.unmodifiableSet(set);
    }

    /** A copy with other settings and the same models. */
    private Scorer with(GammaGammaModel spend, GammaGammaCovariateModel covariateSpend, ValuationHorizon valuation,
            double confidence, PredictionUncertainty uncertainty, boolean ranges, boolean intervals) {
        return new Scorer(purchases, horizon, spend, valuation, confidence, uncertainty, ranges, covariatePurchases,
                covariateSpend, intervals);
    }

    /**
     * A scorer of the expected purchases in the next {@code horizon} and P(alive), without intervals.
     *
     * @param purchases the fitted purchase model; not null
     * @param horizon t, in the model's time unit, finite and &gt;= 0
     */
    public static Scorer of(TransactionModel purchases, double horizon) {
        Checks.notNull(purchases, "purchases");
        return new Scorer(purchases, Checks.nonNegative(horizon, "horizon"), null, null, 0.0, null, false);
    }

    /**
     * A scorer of the expected purchases in the next {@code horizon} and P(alive) of customers with
     * covariates, without intervals: each customer is scored with the model of their own covariates z
     * ({@link CovariateTransactionModel#forCustomer(double[])}), so that a customer's score is exactly that
     * of {@code Scorer.of(purchases.forCustomer(z), horizon)} with the same settings; with intervals
     * ({@link #withIntervals(double)}) the customer's own {@link CovariateTransactionModel#uncertainty(double[])},
     * which carries the uncertainty of the coefficients too. Each customer needs covariates
     * ({@link Customer#covariates()}, one finite value per covariate of {@code purchases}); the model (and
     * its uncertainty) of each distinct z is built once per block, and each distinct (history, spend, z)
     * computed once, so that categorical covariates, which give few distinct z, cost little more than a
     * model without covariates. {@link #scoreColumns} is not offered (its columns have no covariates).
     *
     * @param purchases the purchase model with covariates; not null
     * @param horizon t, in the model's time unit, finite and &gt;= 0
     */
    public static Scorer of(CovariateTransactionModel purchases, double horizon) {
        Checks.notNull(purchases, "purchases");
        Checks.nonNegative(horizon, "horizon");
        return new Scorer(purchases.forCustomer(new double[purchases.covariates().size()]), horizon, null, null, 0.0,
                null, false, purchases, null, false);
    }

    /** Whether this scorer's model has covariates (customers are scored with their own). */
    public boolean hasCovariates() {
        return covariatePurchases != null;
    }

    /**
     * This scorer with the expected average spend from {@code spend}; with intervals, the delta method of
     * both fits unless an uncertainty was given. A scorer of a model with covariates gives every customer the
     * same spend model.
     */
    public Scorer withSpend(GammaGammaModel spend) {
        Checks.notNull(spend, "spend");
        if (covariatePurchases != null) {
            if (intervals) {
                spend.fitResult().covariance(); // fails now, not at the first customer
            }
            return with(spend, null, valuation, confidence, null, ranges, intervals);
        }
        return new Scorer(purchases, horizon, spend, valuation, confidence,
                uncertainty == null ? null : PredictionUncertainty.delta(purchases, spend), ranges);
    }

    /**
     * This scorer of a model with covariates with the expected average spend of each customer from the
     * Gamma-Gamma model of their own covariates ({@link GammaGammaCovariateModel#forCustomer(double[])}); with
     * intervals, the delta method of both fits, coefficients included
     * ({@link GammaGammaCovariateModel#customerFit(double[])}), fitted independently.
     *
     * @throws InvalidArgumentException if this scorer's model has no covariates
     *     ({@link #of(CovariateTransactionModel, double)}), or other covariates than {@code spend}
     */
    public Scorer withSpend(GammaGammaCovariateModel spend) {
        Checks.notNull(spend, "spend");
        if (covariatePurchases == null) {
            throw InvalidArgumentException.of("spend", "a spend model without covariates for a purchase model "
                    + "without covariates (Scorer.of(CovariateTransactionModel, horizon) scores with covariates)", spend);
        }
        if (!spend.covariates().equals(covariatePurchases.covariates())) {
            throw InvalidArgumentException.of("spend", "a model of the purchase model's covariates "
                    + covariatePurchases.covariates(), "covariates " + spend.covariates());
        }
        if (intervals) {
            spend.fitResult().covariance(); // fails now, not at the first customer
        }
        return with(null, spend, valuation, confidence, null, ranges, intervals);
    }

    /**
     * This scorer with the lifetime value over {@code valuation} ({@link GammaGammaModel#customerLifetimeValue}).
     *
     * @throws InvalidArgumentException if the scorer has no spend model ({@link #withSpend} first)
     */
    public Scorer withLifetimeValue(ValuationHorizon valuation) {
        Checks.notNull(valuation, "valuation");
        if (spend == null && covariateSpend == null) {
            throw InvalidArgumentException.of("valuation", "given after a spend model (withSpend)", valuation);
        }
        return with(spend, covariateSpend, valuation, confidence, uncertainty, ranges, intervals);
    }

    /**
     * This scorer with, for each customer, the range of their own number of purchases in the next horizon
     * at the intervals' level ({@link TransactionModel#predictionInterval}; it sums the conditional
     * distribution P(Y(t) = n | x, tₓ, T) term by term, some tens of microseconds a customer).
     *
     * @throws InvalidArgumentException if the scorer has no intervals ({@link #withIntervals} first)
     */
    public Scorer withPurchaseRanges() {
        if (!intervals) {
            throw new InvalidArgumentException("ranges", "purchase ranges need a level: call withIntervals first");
        }
        return with(spend, covariateSpend, valuation, confidence, uncertainty, true, intervals);
    }

    /**
     * This scorer with confidence intervals at {@code confidence} by the delta method from the fits'
     * covariances ({@link PredictionUncertainty#delta}; with covariates, each customer's own from the fits'
     * covariances, coefficients included), and the range of each customer's count at the same level.
     *
     * @throws InvalidArgumentException unless 0 &lt; confidence &lt; 1
     * @throws UndefinedResultException if a model was not fitted or its fit has no covariance
     */
    public Scorer withIntervals(double confidence) {
        checkConfidence(confidence);
        if (covariatePurchases != null) {
            covariatePurchases.fitResult().covariance(); // fails now, not at the first customer
            if (covariateSpend != null) {
                covariateSpend.fitResult().covariance();
            } else if (spend != null) {
                spend.fitResult().covariance();
            }
            return with(spend, covariateSpend, valuation, confidence, null, ranges, true);
        }
        PredictionUncertainty delta = spend == null ? PredictionUncertainty.delta(purchases)
                : PredictionUncertainty.delta(purchases, spend);
        return new Scorer(purchases, horizon, spend, valuation, confidence, delta, ranges);
    }

    /**
     * This scorer with confidence intervals at {@code confidence} from {@code uncertainty} (a bootstrap,
     * or the delta method of saved fits), which must be of this scorer's models.
     *
     * @throws InvalidArgumentException unless 0 &lt; confidence &lt; 1, or if {@code uncertainty} is of
     *     another purchase model or lacks the spend model, or this scorer's model has covariates (each
     *     customer has an uncertainty of their own: {@link #withIntervals(double)})
     */
    public Scorer withIntervals(double confidence, PredictionUncertainty uncertainty) {
        checkConfidence(confidence);
        Checks.notNull(uncertainty, "uncertainty");
        if (covariatePurchases != null) {
            throw InvalidArgumentException.of("uncertainty", "absent for a model with covariates (each customer's "
                    + "own, withIntervals(confidence))", uncertainty);
        }
        if (!uncertainty.purchases().equals(purchases) || (spend != null && !uncertainty.hasSpendModel())) {
            throw InvalidArgumentException.of("uncertainty", "of this scorer's models", uncertainty);
        }
        return new Scorer(purchases, horizon, spend, valuation, confidence, uncertainty, ranges);
    }

    /** Refuses a confidence level outside (0, 1), naming {@code confidence}. */
    static void checkConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw InvalidArgumentException.of("confidence", "in (0, 1)", confidence);
        }
    }

    /** The figures of every score, in column order. */
    public Set<Figure> figures() {
        return figures;
    }

    /** Whether the scores carry intervals. */
    public boolean hasIntervals() {
        return intervals;
    }

    /** Whether the scores carry the range of each customer's own purchase count ({@link #withPurchaseRanges()}). */
    public boolean hasPurchaseRanges() {
        return ranges;
    }

    /** The horizon t of the expected purchases, in the purchase model's time unit. */
    public double horizon() {
        return horizon;
    }

    /**
     * Scores one customer.
     *
     * @throws InvalidArgumentException if the customer's covariates do not fit the scorer's model: absent for
     *     a model with covariates, given for one without, or not one finite value per covariate
     */
    public Score score(Customer customer) {
        Checks.notNull(customer, "customer");
        Covariates z = covariatesOf(customer);
        return compute(customer.id(), customer.history(), customer.spend(), z == null ? shared : modelsFor(z));
    }

    /**
     * Scores every customer of {@code customers}, in order, handing each score to {@code sink} before the
     * next block is read (see the class comment).
     *
     * @return how many customers were scored and how many distinct histories were computed
     * @throws InvalidArgumentException if a customer's covariates do not fit the scorer's model (see
     *     {@link #score(Customer)}); the customers before it were handed to {@code sink} up to the last
     *     full block
     */
    public Scored scoreAll(Iterator<Customer> customers, Consumer<? super Score> sink) {
        Checks.notNull(customers, "customers");
        Feed feed = feed(sink);
        while (customers.hasNext()) {
            feed.add(customers.next());
        }
        return feed.finish();
    }

    /**
     * Scores every customer of a table joined to their covariates, row by row: row i is the customer
     * {@code customers.customerId(i)} with {@code customers.history(i)} and {@code customers.covariates(i)},
     * without spend data (a scorer with a spend model gives them the mean spend of customers with their
     * covariates). For spend data, score {@link Customer}s with their {@link SpendHistory}.
     *
     * @return the scores, in the order of the rows
     * @throws InvalidArgumentException if this scorer's model has no covariates, or other covariates than
     *     {@code customers}
     */
    public List<Score> scoreAll(CustomerCovariates.Joined customers) {
        Checks.notNull(customers, "customers");
        if (covariatePurchases == null || !customers.names().equals(covariatePurchases.covariates())) {
            throw InvalidArgumentException.of("customers", covariatePurchases == null
                    ? "customers without covariates for a model without covariates"
                    : "customers with the model's covariates " + covariatePurchases.covariates(),
                    "covariates " + customers.names());
        }
        List<Score> scores = new ArrayList<>(customers.size());
        Feed feed = feed(scores::add);
        for (int i = 0; i < customers.size(); i++) {
            feed.add(new Customer(customers.customerId(i), customers.history(i), null, customers.covariates(i)));
        }
        feed.finish();
        return scores;
    }

    /**
     * A feed of customers to score, for a reader that pushes them one at a time (a file parser): each
     * {@link Feed#add added} customer's score reaches {@code sink} in order, a block at a time, and
     * {@link Feed#finish()} scores the last block.
     */
    public Feed feed(Consumer<? super Score> sink) {
        return new Feed(Checks.notNull(sink, "sink"));
    }

    /**
     * The customers pushed to a scorer ({@link #feed(Consumer)}), scored a block at a time as the class
     * comment says. Not thread-safe: one reader adds.
     */
    public final class Feed {
        private final Consumer<? super Score> sink;
        private final Map<Key, Score> remembered = new HashMap<>();
        /** With covariates: the models of each distinct z met, emptied with {@code remembered}. */
        private final Map<Covariates, Models> models = new HashMap<>();
        private final List<Customer> block = new ArrayList<>(BLOCK);
        private final List<Key> keys = new ArrayList<>(BLOCK);
        private long count;
        private long computed;

        private Feed(Consumer<? super Score> sink) {
            this.sink = sink;
        }

        /**
         * Adds a customer, scoring the block when it is full.
         *
         * @throws InvalidArgumentException if the customer's covariates do not fit the scorer's model (see
         *     {@link Scorer#score(Customer)})
         */
        public Feed add(Customer customer) {
            Checks.notNull(customer, "customer");
            keys.add(new Key(customer.history(), customer.spend(), covariatesOf(customer)));
            block.add(customer);
            if (block.size() == BLOCK) {
                flush();
            }
            return this;
        }

        /** Scores the customers still waiting. */
        public Scored finish() {
            flush();
            return new Scored(count, computed);
        }

        private void flush() {
            if (block.isEmpty()) {
                return;
            }
            count += block.size();
            if (remembered.size() + block.size() > MAX_REMEMBERED) {
                remembered.clear();
                models.clear();
            }
            List<Key> fresh = new ArrayList<>();
            List<Covariates> freshZ = new ArrayList<>();
            for (Key key : keys) {
                if (!remembered.containsKey(key)) {
                    remembered.put(key, null);
                    fresh.add(key);
                    if (key.z != null && !models.containsKey(key.z)) {
                        models.put(key.z, null);
                        freshZ.add(key.z);
                    }
                }
            }
            Models[] built = new Models[freshZ.size()];
            IntStream.range(0, built.length).parallel().forEach(i -> built[i] = modelsFor(freshZ.get(i)));
            for (int i = 0; i < built.length; i++) {
                models.put(freshZ.get(i), built[i]);
            }
            Score[] scores = new Score[fresh.size()];
            IntStream.range(0, scores.length).parallel().forEach(i -> {
                Key key = fresh.get(i);
                scores[i] = compute(0, key.history, key.spend, key.z == null ? shared : models.get(key.z));
            });
            for (int i = 0; i < scores.length; i++) {
                remembered.put(fresh.get(i), scores[i]);
            }
            computed += scores.length;
            for (int i = 0; i < keys.size(); i++) {
                sink.accept(withId(remembered.get(keys.get(i)), block.get(i).id()));
            }
            block.clear();
            keys.clear();
        }
    }

    /**
     * The customer's covariates as a key, checked against the scorer's model: null for a model without
     * covariates.
     */
    private Covariates covariatesOf(Customer customer) {
        if (covariatePurchases == null) {
            if (customer.hasCovariates()) {
                throw new InvalidArgumentException("covariates", "customer " + customer.id() + " has covariates "
                        + java.util.Arrays.toString(customer.covariates) + ", but the scorer's model has none (score "
                        + "them with a model with covariates, Scorer.of(CovariateTransactionModel, horizon))");
            }
            return null;
        }
        List<String> names = covariatePurchases.covariates();
        double[] z = customer.covariates;
        if (z == null || z.length != names.size()) {
            throw new InvalidArgumentException("covariates", "the covariates of customer " + customer.id()
                    + " must be one value per covariate " + names + ", were "
                    + (z == null ? "none" : java.util.Arrays.toString(z)));
        }
        for (int j = 0; j < z.length; j++) {
            if (!Double.isFinite(z[j])) {
                throw new InvalidArgumentException("covariates", "covariate " + names.get(j) + " of customer "
                        + customer.id() + " must be finite, was " + z[j]);
            }
        }
        return new Covariates(z);
    }

    /** The models of the customers with covariates {@code z}, and their uncertainty with intervals. */
    private Models modelsFor(Covariates covariates) {
        double[] z = covariates.values;
        TransactionModel own = covariatePurchases.forCustomer(z);
        GammaGammaModel ownSpend = covariateSpend != null ? covariateSpend.forCustomer(z) : spend;
        PredictionUncertainty delta = null;
        if (intervals) {
            ModelFit fit = covariatePurchases.customerFit(z);
            delta = ownSpend == null ? PredictionUncertainty.delta(own, fit)
                    : PredictionUncertainty.delta(own, fit, ownSpend,
                            covariateSpend != null ? covariateSpend.customerFit(z) : ownSpend.fitResult());
        }
        return new Models(own, ownSpend, delta);
    }

    /** Rows scored together on one thread by {@link #scoreColumns}. */
    static final int COLUMN_CHUNK = 4096;

    /**
     * Scores a table of customers held as columns, as a data frame holds them: the customer of row i made
     * {@code frequency[i]} repeat purchases, the last {@code recency[i]} after the first, and was observed
     * for {@code age[i]}, both in {@code timeUnit} (converted to the model's). The figures are those of
     * {@link #score(Customer)}, without spend data (the spend figures are the population mean's).
     *
     * <p>A scorer of a BG/NBD or MBG/NBD model without spend model and intervals takes a bulk path: chunks
     * of {@value #COLUMN_CHUNK} rows on all cores (the common fork-join pool), each computed by an
     * arrangement of the same formulas for many customers at once (what depends on the frequency alone
     * computed once per chunk and frequency, the hypergeometric series of all customers of a frequency
     * summed in one vectorisable loop), which agrees with {@link #score(Customer)} to 1e-13 relative
     * (P(alive) to the bit). Every row is computed there: finding the repeats would cost about as much as computing
     * them. Any other scorer computes each distinct history once, as {@link #scoreAll(Iterator, Consumer)}.
     * The values do not depend on the number of threads.
     *
     * @throws InvalidArgumentException if the columns differ in length, or a row breaks the rules of
     *     {@link PurchaseHistory} (the first such row is named)
     */
    public ScoredColumns scoreColumns(ChronoUnit timeUnit, long[] frequency, double[] recency, double[] age) {
        Checks.notNull(frequency, "frequency");
        Checks.notNull(recency, "recency");
        Checks.notNull(age, "age");
        TimeUnits.check(timeUnit, "timeUnit");
        if (covariatePurchases != null) {
            throw new InvalidArgumentException("frequency", "a scorer of a model with covariates scores customers "
                    + "with their covariates (score, scoreAll), not columns without them");
        }
        int rows = frequency.length;
        if (recency.length != rows || age.length != rows) {
            throw new InvalidArgumentException(recency.length != rows ? "recency" : "age",
                    "frequency, recency and age must have the same length, were " + rows + ", " + recency.length
                    + " and " + age.length);
        }
        double[][] values = new double[Figure.values().length][];
        double[][] errors = uncertainty == null ? null : new double[values.length][];
        for (Figure figure : figures) {
            values[figure.ordinal()] = new double[rows];
            if (errors != null) {
                errors[figure.ordinal()] = new double[rows];
            }
        }
        if (uncertainty == null && spend == null && purchases instanceof BetaGeometricFamily family
                && timeUnit == purchases.timeUnit()) {
            // each chunk checks its rows before it predicts them: one pass over the columns, not two
            double[] expected = values[Figure.EXPECTED_PURCHASES.ordinal()];
            double[] alive = values[Figure.PROBABILITY_ALIVE.ordinal()];
            int firstBad = IntStream.range(0, (rows + COLUMN_CHUNK - 1) / COLUMN_CHUNK).parallel().map(c -> {
                int from = c * COLUMN_CHUNK;
                int to = Math.min(rows, from + COLUMN_CHUNK);
                int bad = firstBadRow(frequency, recency, age, from, to);
                if (bad == Integer.MAX_VALUE) {
                    family.bulkPredictions(horizon).predict(frequency, recency, age, from, to, expected, alive);
                }
                return bad;
            }).min().orElse(Integer.MAX_VALUE);
            throwForRow(firstBad, timeUnit, frequency, recency, age);
            return new ScoredColumns(figures, values, null, confidence, rows);
        }
        checkRows(timeUnit, frequency, recency, age);
        if (uncertainty == null && spend == null && purchases instanceof BetaGeometricFamily family) {
            double[] ages = age;
            double[] recencies = recency;
            if (timeUnit != purchases.timeUnit()) {
                ages = new double[rows];
                recencies = new double[rows];
                for (int i = 0; i < rows; i++) {
                    PurchaseHistory converted = PurchaseHistory.of(frequency[i], recency[i], age[i], timeUnit)
                            .in(purchases.timeUnit());
                    recencies[i] = converted.recency();
                    ages[i] = converted.age();
                }
            }
            double[] expected = values[Figure.EXPECTED_PURCHASES.ordinal()];
            double[] alive = values[Figure.PROBABILITY_ALIVE.ordinal()];
            double[] a = ages;
            double[] t = recencies;
            IntStream.range(0, (rows + COLUMN_CHUNK - 1) / COLUMN_CHUNK).parallel().forEach(c -> family.bulkPredictions(
                    horizon).predict(frequency, t, a, c * COLUMN_CHUNK, Math.min(rows, (c + 1) * COLUMN_CHUNK), expected,
                    alive));
            return new ScoredColumns(figures, values, null, confidence, rows);
        }
        Feed feed = feed(score -> {
            int i = (int) score.customerId();
            for (Figure figure : figures) {
                values[figure.ordinal()][i] = score.values[figure.ordinal()];
                if (errors != null) {
                    errors[figure.ordinal()][i] = score.errors[figure.ordinal()];
                }
            }
        });
        for (int i = 0; i < rows; i++) {
            feed.add(Customer.of(i, PurchaseHistory.of(frequency[i], recency[i], age[i], timeUnit)));
        }
        feed.finish();
        return new ScoredColumns(figures, values, errors, confidence, rows);
    }

    /** Checks every row in parallel, and throws for the first that breaks a rule, naming its index. */
    private static void checkRows(ChronoUnit timeUnit, long[] frequency, double[] recency, double[] age) {
        int chunks = (frequency.length + COLUMN_CHUNK - 1) / COLUMN_CHUNK;
        int first = IntStream.range(0, chunks).parallel().map(c -> firstBadRow(frequency, recency, age,
                c * COLUMN_CHUNK, Math.min(frequency.length, (c + 1) * COLUMN_CHUNK))).min().orElse(Integer.MAX_VALUE);
        throwForRow(first, timeUnit, frequency, recency, age);
    }

    /** The first row of from..to that breaks a rule of {@link PurchaseHistory}, or {@link Integer#MAX_VALUE}. */
    private static int firstBadRow(long[] frequency, double[] recency, double[] age, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!(frequency[i] >= 0 && age[i] > 0.0 && age[i] < Double.POSITIVE_INFINITY && recency[i] >= 0.0
                    && recency[i] <= age[i] && (frequency[i] > 0 || recency[i] == 0.0))) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** Throws for row {@code first} with {@link PurchaseHistory}'s own message, if it is a row. */
    private static void throwForRow(int first, ChronoUnit timeUnit, long[] frequency, double[] recency, double[] age) {
        if (first < Integer.MAX_VALUE) {
            try {
                PurchaseHistory.of(frequency[first], recency[first], age[first], timeUnit);
            } catch (InvalidArgumentException e) {
                throw new InvalidArgumentException(e.argument() + "[" + first + "]", "row " + first + ": "
                        + e.getMessage());
            }
        }
    }

    /** Scores every customer of {@code customers}, in order. */
    public List<Score> scoreAll(List<Customer> customers) {
        Checks.notNull(customers, "customers");
        List<Score> scores = new ArrayList<>(customers.size());
        scoreAll(customers.iterator(), scores::add);
        return scores;
    }

    private static Score withId(Score score, long id) {
        return score.customerId == id ? score : new Score(id, score.figures, score.values, score.errors,
                score.confidence, score.purchaseRange);
    }

    private Score compute(long id, PurchaseHistory history, SpendHistory spending, Models models) {
        TransactionModel purchases = models.purchases;
        GammaGammaModel spend = models.spend;
        PredictionUncertainty uncertainty = models.uncertainty;
        double[] values = new double[Figure.values().length];
        double[] errors = uncertainty == null ? null : new double[values.length];
        if (uncertainty == null) {
            values[0] = purchases.conditionalExpectedPurchases(horizon, history);
            values[1] = purchases.probabilityAlive(history);
            if (spend != null) {
                values[2] = spending == null ? spend.populationMeanSpend()
                        : spend.conditionalExpectedAverageSpend(spending);
            }
            if (valuation != null) {
                values[3] = spending == null ? spend.customerLifetimeValue(purchases, history, valuation)
                        : spend.customerLifetimeValue(purchases, history, spending, valuation);
            }
            return new Score(id, figures, values, null, confidence, null);
        }
        put(values, errors, 0, uncertainty.conditionalExpectedPurchases(horizon, history));
        put(values, errors, 1, uncertainty.probabilityAlive(history));
        if (spend != null) {
            put(values, errors, 2, spending == null ? uncertainty.populationMeanSpend()
                    : uncertainty.conditionalExpectedAverageSpend(spending));
        }
        if (valuation != null) {
            put(values, errors, 3, spending == null ? uncertainty.customerLifetimeValue(history, valuation)
                    : uncertainty.customerLifetimeValue(history, spending, valuation));
        }
        return new Score(id, figures, values, errors, confidence,
                ranges ? purchases.predictionInterval(horizon, history, confidence) : null);
    }

    private static void put(double[] values, double[] errors, int i, Estimate estimate) {
        values[i] = estimate.value();
        errors[i] = estimate.standardError();
    }

    /** The models a customer is scored with: purchases, spend (or null) and their uncertainty (or null). */
    private record Models(TransactionModel purchases, GammaGammaModel spend, PredictionUncertainty uncertainty)
            implements Serializable {
    }

    /** A customer's covariates, compared by value. */
    private static final class Covariates {
        private final double[] values;

        Covariates(double[] values) {
            this.values = values;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Covariates other && java.util.Arrays.equals(values, other.values);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(values);
        }
    }

    /** A distinct history: the purchase history, the spend and the covariates (or null), compared by value. */
    private record Key(PurchaseHistory history, SpendHistory spend, Covariates z) {
    }

    /**
     * Reads, e.g., {@code "Scorer: BG/NBD, horizon 39.0 weeks, expected_purchases, probability_alive"}; with
     * covariates, {@code "Scorer: Pareto/NBD with covariates [gender, channel], horizon ..."}.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Scorer: ").append(ParametricModel.name(purchases))
                .append(covariatePurchases == null ? "" : " with covariates " + covariatePurchases.covariates())
                .append(spend == null && covariateSpend == null ? ""
                        : covariateSpend == null ? " and Gamma-Gamma" : " and Gamma-Gamma with covariates")
                .append(", horizon ").append(horizon).append(' ')
                .append(purchases.timeUnit().toString().toLowerCase(java.util.Locale.ROOT));
        for (Figure figure : figures) {
            text.append(", ").append(figure.column());
        }
        if (intervals) {
            text.append(", ").append(Formatting.decimal(100 * confidence, 1)).append("% intervals (")
                    .append(uncertainty == null ? "delta, each customer's own"
                            : uncertainty.method().name().toLowerCase(java.util.Locale.ROOT)).append(')')
                    .append(ranges ? ", purchase ranges" : "");
        }
        return text.toString();
    }
}
