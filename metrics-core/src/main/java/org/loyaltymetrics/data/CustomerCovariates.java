package org.loyaltymetrics.data;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.LongIndex;

/**
 * Time-invariant covariates of customers: one row of named numeric values per customer id (a
 * categorical covariate enters as its indicator columns, built by the caller). Join it to the customers'
 * purchase histories with {@link #join(Map, MissingCovariates)}.
 *
 * <p>Immutable and thread-safe; built by {@link #builder(List)}.
 */
public final class CustomerCovariates {

    /** What a join does with a customer who has a history but no covariates. */
    public enum MissingCovariates {
        /** Refuse: the join throws {@link InvalidArgumentException} naming the first such customer. */
        REFUSE,
        /** Leave the customer out and count them ({@link Joined#leftOut()}). */
        LEAVE_OUT;

        /** The default: {@link #REFUSE}. */
        public static final MissingCovariates DEFAULT = REFUSE;
    }

    private final List<String> names;
    private final long[] ids;
    private final double[] values;
    private final LongIndex index;

    private CustomerCovariates(List<String> names, long[] ids, double[] values) {
        this.names = names;
        this.ids = ids;
        this.values = values;
        this.index = new LongIndex(Math.max(16, 2 * ids.length));
        for (long id : ids) {
            index.add(id);
        }
    }

    /**
     * A builder of covariates named {@code names} (at least one, distinct, not blank).
     *
     * @throws InvalidArgumentException if {@code names} is empty or has a blank or repeated name
     */
    public static Builder builder(List<String> names) {
        return new Builder(names);
    }

    /** The covariates' names, in column order. */
    public List<String> names() {
        return names;
    }

    /** The number of customers. */
    public int size() {
        return ids.length;
    }

    /** Whether the customer has covariates here. */
    public boolean contains(long customerId) {
        return index.indexOf(customerId) >= 0;
    }

    /**
     * The covariates of the customer (a copy), in the order of {@link #names()}.
     *
     * @throws InvalidArgumentException if the customer has none here
     */
    public double[] values(long customerId) {
        int row = index.indexOf(customerId);
        if (row < 0) {
            throw InvalidArgumentException.of("customerId", "a customer with covariates", customerId);
        }
        return Arrays.copyOfRange(values, row * names.size(), (row + 1) * names.size());
    }

    /**
     * The names of the covariates that take one value for every customer (not identifiable: they shift
     * all customers alike, which the model's α₀ and β₀ already do); all of them where there is at most one
     * customer.
     */
    public List<String> constantCovariates() {
        return constantColumns(names, values, ids.length);
    }

    /**
     * Joins the customers' histories (by customer id) to their covariates, in the order of the ids.
     *
     * @param histories each customer's history by id, all in one time unit; not null
     * @param missing what to do with a customer who has a history but no covariates
     * @throws InvalidArgumentException if {@code missing} is REFUSE and a customer has no covariates, or
     *     the histories are in different time units
     */
    public Joined join(Map<Long, PurchaseHistory> histories, MissingCovariates missing) {
        Checks.notNull(histories, "histories");
        Checks.notNull(missing, "missing");
        long[] sorted = histories.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        int k = names.size();
        List<PurchaseHistory> kept = new ArrayList<>();
        long[] keptIds = new long[sorted.length];
        double[] keptValues = new double[sorted.length * k];
        ChronoUnit unit = null;
        long leftOut = 0;
        int n = 0;
        for (long id : sorted) {
            PurchaseHistory history = Checks.notNull(histories.get(id), "histories");
            if (unit == null) {
                unit = history.timeUnit();
            } else if (history.timeUnit() != unit) {
                throw InvalidArgumentException.of("histories", "in one time unit (" + unit + ")",
                        history.timeUnit() + " for customer " + id);
            }
            int row = index.indexOf(id);
            if (row < 0) {
                if (missing == MissingCovariates.REFUSE) {
                    throw InvalidArgumentException.of("histories", "customers who all have covariates (or "
                            + "MissingCovariates.LEAVE_OUT)", "customer " + id + " without covariates");
                }
                leftOut++;
                continue;
            }
            kept.add(history);
            keptIds[n] = id;
            System.arraycopy(values, row * k, keptValues, n * k, k);
            n++;
        }
        return new Joined(names, Arrays.copyOf(keptIds, n), List.copyOf(kept), Arrays.copyOf(keptValues, n * k),
                leftOut, unit == null ? ChronoUnit.WEEKS : unit);
    }

    /**
     * Joins the customers of an RFM summary (by customer id) to their covariates: each customer's
     * {@link PurchaseHistory} (repeat purchase days x, recency and age of the calibration period) in
     * {@code unit}, then {@link #join(Map, MissingCovariates)}.
     *
     * @param summary the customers' RFM summary; not null
     * @param unit the time unit of the histories, e.g. WEEKS (days / 7); not FOREVER
     * @param missing what to do with a customer who has no covariates
     * @throws InvalidArgumentException if {@code missing} is REFUSE and a customer has no covariates
     */
    public Joined join(RfmSummary summary, ChronoUnit unit, MissingCovariates missing) {
        Checks.notNull(summary, "summary");
        Checks.notNull(unit, "unit");
        Map<Long, PurchaseHistory> histories = new java.util.HashMap<>();
        for (RfmSummary.Customer customer : summary.customers()) {
            histories.put(customer.customerId(), new PurchaseHistory(customer.frequency(), customer.recency(unit),
                    customer.age(unit), unit));
        }
        return join(histories, missing);
    }

    @Override
    public String toString() {
        return "CustomerCovariates: " + ids.length + " customers, covariates " + names;
    }

    /**
     * Customers' histories joined to their covariates: row i is customer {@link #customerId(int)} with
     * {@link #history(int)} and {@link #covariates(int)}. Immutable and thread-safe.
     */
    public static final class Joined {
        private final List<String> names;
        private final long[] ids;
        private final List<PurchaseHistory> histories;
        private final double[] values;
        private final long leftOut;
        private final ChronoUnit timeUnit;

        Joined(List<String> names, long[] ids, List<PurchaseHistory> histories, double[] values, long leftOut,
                ChronoUnit timeUnit) {
            this.names = names;
            this.ids = ids;
            this.histories = histories;
            this.values = values;
            this.leftOut = leftOut;
            this.timeUnit = timeUnit;
        }

        /** The covariates' names. */
        public List<String> names() {
            return names;
        }

        /** The number of customers joined. */
        public int size() {
            return ids.length;
        }

        /** The customers left out for having no covariates (0 when the join refuses them). */
        public long leftOut() {
            return leftOut;
        }

        /** The time unit of the histories (weeks where there are none). */
        public ChronoUnit timeUnit() {
            return timeUnit;
        }

        /** The id of row {@code row}. */
        public long customerId(int row) {
            return ids[row];
        }

        /** The history of row {@code row}. */
        public PurchaseHistory history(int row) {
            return histories.get(row);
        }

        /** The covariates of row {@code row} (a copy). */
        public double[] covariates(int row) {
            return Arrays.copyOfRange(values, row * names.size(), (row + 1) * names.size());
        }

        /** The covariate {@code column} of row {@code row}. */
        public double covariate(int row, int column) {
            return values[row * names.size() + column];
        }

        /** The names of the covariates constant over the joined customers (not identifiable). */
        public List<String> constantCovariates() {
            return constantColumns(names, values, ids.length);
        }

        @Override
        public String toString() {
            return "CustomerCovariates.Joined: " + ids.length + " customers (" + leftOut + " left out), covariates "
                    + names;
        }
    }

    /** Collects the rows of {@link CustomerCovariates}; not thread-safe. */
    public static final class Builder {
        private final List<String> names;
        private final LongIndex seen = new LongIndex(256);
        private long[] ids = new long[16];
        private double[] values;
        private int size;

        Builder(List<String> names) {
            Checks.notNull(names, "names");
            if (names.isEmpty()) {
                throw InvalidArgumentException.of("names", "at least one covariate name", names);
            }
            for (int i = 0; i < names.size(); i++) {
                String name = Checks.notNull(names.get(i), "names");
                if (name.isBlank() || names.indexOf(name) != i) {
                    throw InvalidArgumentException.of("names", "distinct, non-blank names", names);
                }
            }
            this.names = List.copyOf(names);
            this.values = new double[16 * names.size()];
        }

        /**
         * Adds a customer's covariates, one finite value per name.
         *
         * @throws InvalidArgumentException if the customer was added before, or the values are not one
         *     finite value per name
         */
        public Builder add(long customerId, double... covariates) {
            Checks.notNull(covariates, "covariates");
            int k = names.size();
            if (covariates.length != k) {
                throw InvalidArgumentException.of("covariates", "one value per covariate " + names,
                        Arrays.toString(covariates));
            }
            for (double value : covariates) {
                Checks.finite(value, "covariates");
            }
            if (seen.indexOf(customerId) >= 0) {
                throw InvalidArgumentException.of("customerId", "a customer not added before", customerId);
            }
            seen.add(customerId);
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, 2 * size);
                values = Arrays.copyOf(values, 2 * size * k);
            }
            ids[size] = customerId;
            System.arraycopy(covariates, 0, values, size * k, k);
            size++;
            return this;
        }

        /** The covariates added so far. */
        public CustomerCovariates build() {
            return new CustomerCovariates(names, Arrays.copyOf(ids, size), Arrays.copyOf(values, size * names.size()));
        }
    }

    /** The names of the columns of a row-major table of {@code rows} rows that take one value in every row. */
    static List<String> constantColumns(List<String> names, double[] values, int rows) {
        List<String> constant = new ArrayList<>();
        int k = names.size();
        for (int j = 0; j < k; j++) {
            boolean same = true;
            for (int row = 1; row < rows && same; row++) {
                same = values[row * k + j] == values[j];
            }
            if (same) {
                constant.add(names.get(j));
            }
        }
        return List.copyOf(constant);
    }
}
