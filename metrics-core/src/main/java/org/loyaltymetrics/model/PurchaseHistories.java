package org.loyaltymetrics.model;

import java.io.Serializable;
import java.time.temporal.ChronoUnit;
import org.loyaltymetrics.behavior.RfmSummary;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.UndefinedResultException;

/**
 * The purchase histories of a cohort of customers in continuous time, as the sufficient statistics of
 * the BG/NBD, MBG/NBD and Pareto/NBD models: per customer the <em>frequency</em> x (the number of
 * repeat purchases, purchases after the first; several on one day count once), the <em>recency</em>
 * tₓ (the time from the first purchase to the last) and the <em>age</em> T (the time from the first
 * purchase to the end of the observation period), all times in one explicit {@link ChronoUnit}.
 * Identical histories are merged into one row with a weight (the number of customers), so a fit
 * costs what the distinct rows cost.
 *
 * <p>Rules: x ≥ 0; 0 ≤ tₓ ≤ T; T &gt; 0; a customer without repeat purchases has tₓ = 0. Weights are
 * counts ≥ 1; their sum overflowing a long throws {@link ArithmeticException}.
 *
 * <p>This class is immutable and thread-safe. Rows are held sorted by (x, T, tₓ), so that every fit
 * on them is independent of the order in which customers were added.
 */
public final class PurchaseHistories extends WeightedRows {

    private final ChronoUnit timeUnit;

    private PurchaseHistories(ChronoUnit timeUnit, RowTable.Columns columns) {
        super(columns);
        this.timeUnit = timeUnit;
    }

    /**
     * The histories of customers given one per index: {@code frequency[i]}, {@code recency[i]},
     * {@code age[i]}, all times in {@code timeUnit}.
     *
     * @throws IllegalArgumentException if the arrays differ in length or a history breaks the rules
     */
    public static PurchaseHistories of(ChronoUnit timeUnit, long[] frequency, double[] recency, double[] age) {
        Checks.notNull(frequency, "frequency");
        Checks.notNull(recency, "recency");
        Checks.notNull(age, "age");
        if (recency.length != frequency.length || age.length != frequency.length) {
            throw new IllegalArgumentException("frequency, recency and age must have the same length, were "
                    + frequency.length + ", " + recency.length + " and " + age.length);
        }
        Accumulator accumulator = accumulator(timeUnit);
        for (int i = 0; i < frequency.length; i++) {
            check(frequency[i], recency[i], age[i], 1);
        }
        for (int i = 0; i < frequency.length; i++) {
            accumulator.table.add(frequency[i], age[i], recency[i], 1);
        }
        return accumulator.snapshot();
    }

    /**
     * The purchase histories of the customers of an RFM summary (calibration period), with recency
     * and T in {@code timeUnit}, {@link ChronoUnit#DAYS} or {@link ChronoUnit#WEEKS} (days / 7). A
     * customer whose first purchase falls on the last day of the calibration period (T = 0) has not
     * been observed for any time yet and is left out.
     *
     * @throws IllegalArgumentException if {@code timeUnit} is neither days nor weeks
     */
    public static PurchaseHistories from(RfmSummary summary, ChronoUnit timeUnit) {
        Checks.notNull(summary, "summary");
        RfmSummary.Unit unit = rfmUnit(timeUnit);
        Accumulator accumulator = accumulator(timeUnit);
        for (RfmSummary.Customer customer : summary.customers()) {
            if (customer.tDays() > 0) {
                accumulator.add(customer.frequency(), customer.recency(unit), customer.t(unit));
            }
        }
        return accumulator.snapshot();
    }

    static RfmSummary.Unit rfmUnit(ChronoUnit timeUnit) {
        if (timeUnit == ChronoUnit.DAYS) {
            return RfmSummary.Unit.DAYS;
        }
        if (timeUnit == ChronoUnit.WEEKS) {
            return RfmSummary.Unit.WEEKS;
        }
        throw new IllegalArgumentException("timeUnit must be DAYS or WEEKS for an RFM summary, was " + timeUnit);
    }

    /** An empty accumulator of histories measured in {@code timeUnit} (not FOREVER). */
    public static Accumulator accumulator(ChronoUnit timeUnit) {
        return new Accumulator(TimeUnits.check(timeUnit, "timeUnit"));
    }

    static void check(long frequency, double recency, double age, long weight) {
        Checks.count(frequency, "frequency");
        if (!(age > 0.0) || !Double.isFinite(age)) {
            throw new IllegalArgumentException("age T must be finite and > 0, was " + age);
        }
        if (!(recency >= 0.0 && recency <= age)) {
            throw new IllegalArgumentException("recency must be in [0, T = " + age + "], was " + recency);
        }
        if (frequency == 0 && recency != 0.0) {
            throw new IllegalArgumentException(
                    "recency must be 0 for a customer without repeat purchases (frequency 0), was " + recency);
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be a count >= 1, was " + weight);
        }
    }

    /** The unit of recency and age. */
    public ChronoUnit timeUnit() {
        return timeUnit;
    }

    /** The frequency x of row {@code row} (0 ≤ row &lt; distinctRows()). */
    public long frequency(int row) {
        return (long) first[row];
    }

    /** The recency tₓ of row {@code row}. */
    public double recency(int row) {
        return third[row];
    }

    /** The age T of row {@code row}. */
    public double age(int row) {
        return second[row];
    }

    double[] frequencies() {
        return first;
    }

    double[] recencies() {
        return third;
    }

    double[] ages() {
        return second;
    }

    /**
     * The mean frequency over customers.
     *
     * @throws UndefinedResultException if there are no customers
     */
    public double meanFrequency() {
        return weightedMean(first, "mean frequency");
    }

    /**
     * The mean age T over customers.
     *
     * @throws UndefinedResultException if there are no customers
     */
    public double meanAge() {
        return weightedMean(second, "mean age");
    }

    @Override
    Object key() {
        return timeUnit;
    }

    /** Reads, e.g., {@code "PurchaseHistories[2357 customers, 1323 distinct rows, in weeks; mean frequency 1.04, mean T 32.72]"}. */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "PurchaseHistories[no customers, in " + TimeUnits.name(timeUnit) + "]";
        }
        return "PurchaseHistories[" + customers() + " customers, " + distinctRows() + " distinct rows, in "
                + TimeUnits.name(timeUnit) + "; mean frequency " + Formatting.decimal(meanFrequency(), 2)
                + ", mean T " + Formatting.decimal(meanAge(), 2) + "]";
    }

    /**
     * Collects purchase histories one customer (or one weighted row) at a time, merging identical
     * histories. {@link #combine(Accumulator)} of two accumulators gives exactly what one pass over all
     * their customers gives. This class is not thread-safe: use one per thread and combine them.
     */
    public static final class Accumulator implements Serializable {

        private static final long serialVersionUID = 1L;


        private final ChronoUnit timeUnit;
        private final RowTable table = new RowTable();

        private Accumulator(ChronoUnit timeUnit) {
            this.timeUnit = timeUnit;
        }

        /** Adds one customer with frequency x, recency tₓ and age T. */
        public Accumulator add(long frequency, double recency, double age) {
            return add(frequency, recency, age, 1);
        }

        /** Adds {@code weight} customers with the same history. */
        public Accumulator add(long frequency, double recency, double age, long weight) {
            check(frequency, recency, age, weight);
            table.add(frequency, age, recency, weight);
            return this;
        }

        /**
         * Adds every customer of {@code histories}.
         *
         * @throws IllegalArgumentException if their time unit differs from this accumulator's
         */
        public Accumulator addAll(PurchaseHistories histories) {
            Checks.notNull(histories, "histories");
            requireUnit(histories.timeUnit);
            table.addAll(histories.first, histories.second, histories.third, histories.weight);
            return this;
        }

        /**
         * Adds every customer of {@code other}, which is left unchanged.
         *
         * @throws IllegalArgumentException if its time unit differs from this accumulator's
         */
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            requireUnit(other.timeUnit);
            table.addAll(other.table);
            return this;
        }

        private void requireUnit(ChronoUnit unit) {
            if (unit != timeUnit) {
                throw new IllegalArgumentException("time unit must be " + TimeUnits.name(timeUnit)
                        + " like this accumulator's, was " + TimeUnits.name(unit));
            }
        }

        /** The histories added so far. */
        public PurchaseHistories snapshot() {
            return new PurchaseHistories(timeUnit, table.sorted());
        }
    }
}
