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
 * Time-invariant covariates of customers: one row of named numeric values per customer id. Join it to the
 * customers' purchase histories with {@link #join(Map, MissingCovariates)}.
 *
 * <p>A categorical covariate (a channel, a country) enters as indicator columns against a reference level
 * ({@link #builder(List, List)}): one column {@code name=level} per level but the reference, 1 for the
 * customers of that level and 0 for the others, so that each of its coefficients compares that level with
 * the reference (the columns of all levels together would be collinear with the models' intercepts α₀, β₀).
 * The levels are ordered as strings (sorted); the reference is the one chosen
 * ({@link TableBuilder#reference(String, String)}), else the first in that order. {@link #categorical()}
 * says which columns belong to which categorical covariate.
 *
 * <p>Immutable and thread-safe; built by {@link #builder(List)} (numeric covariates) or
 * {@link #builder(List, List)} (numeric and categorical ones).
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
    private final Map<String, List<String>> categorical;

    private CustomerCovariates(List<String> names, long[] ids, double[] values, Map<String, List<String>> categorical) {
        this.names = names;
        this.ids = ids;
        this.values = values;
        this.categorical = categorical;
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

    /**
     * A builder of covariates from numeric columns {@code numeric} and categorical ones {@code categorical}
     * (each becomes indicator columns {@code name=level} against its reference level; see the class comment);
     * at least one name in all, all distinct and not blank. The columns are the numeric ones in order, then
     * each categorical one's indicators, its levels in sorted order.
     *
     * @throws InvalidArgumentException if there is no name, or a blank or repeated one, or a name contains '='
     */
    public static TableBuilder builder(List<String> numeric, List<String> categorical) {
        return new TableBuilder(numeric, categorical);
    }

    /** The covariates' names, in column order. */
    public List<String> names() {
        return names;
    }

    /**
     * The categorical covariates, in order, each with its indicator columns (names {@code name=level}, in
     * {@link #names()}); empty where all covariates are numeric.
     */
    public Map<String, List<String>> categorical() {
        return categorical;
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
                leftOut, unit == null ? ChronoUnit.WEEKS : unit, categorical);
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
        private final Map<String, List<String>> categorical;

        Joined(List<String> names, long[] ids, List<PurchaseHistory> histories, double[] values, long leftOut,
                ChronoUnit timeUnit, Map<String, List<String>> categorical) {
            this.names = names;
            this.ids = ids;
            this.histories = histories;
            this.values = values;
            this.leftOut = leftOut;
            this.timeUnit = timeUnit;
            this.categorical = categorical;
        }

        /** The covariates' names. */
        public List<String> names() {
            return names;
        }

        /** The categorical covariates with their indicator columns, as {@link CustomerCovariates#categorical()}. */
        public Map<String, List<String>> categorical() {
            return categorical;
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
            return build(Map.of());
        }

        CustomerCovariates build(Map<String, List<String>> categorical) {
            return new CustomerCovariates(names, Arrays.copyOf(ids, size), Arrays.copyOf(values, size * names.size()),
                    categorical);
        }
    }

    /**
     * Collects customers' numeric and categorical covariates and builds {@link CustomerCovariates} with
     * each categorical covariate as indicator columns (see {@link CustomerCovariates#builder(List, List)});
     * not thread-safe.
     */
    public static final class TableBuilder {
        private final List<String> numeric;
        private final List<String> categorical;
        private final Map<String, String> references = new java.util.HashMap<>();
        private final LongIndex seen = new LongIndex(256);
        private final List<Long> ids = new ArrayList<>();
        private final List<double[]> numbers = new ArrayList<>();
        private final List<String[]> levels = new ArrayList<>();

        TableBuilder(List<String> numeric, List<String> categorical) {
            Checks.notNull(numeric, "numeric");
            Checks.notNull(categorical, "categorical");
            List<String> all = new ArrayList<>(numeric);
            all.addAll(categorical);
            if (all.isEmpty()) {
                throw InvalidArgumentException.of("numeric", "at least one covariate name (numeric or categorical)",
                        all);
            }
            for (int i = 0; i < all.size(); i++) {
                String name = Checks.notNull(all.get(i), "names");
                if (name.isBlank() || all.indexOf(name) != i || name.contains("=")) {
                    throw InvalidArgumentException.of(i < numeric.size() ? "numeric" : "categorical",
                            "distinct, non-blank names without '='", all);
                }
            }
            this.numeric = List.copyOf(numeric);
            this.categorical = List.copyOf(categorical);
        }

        /**
         * Makes {@code level} the reference level of categorical covariate {@code name} (the level its
         * indicator columns compare the others with).
         *
         * @throws InvalidArgumentException if {@code name} is not one of the categorical covariates
         */
        public TableBuilder reference(String name, String level) {
            if (!categorical.contains(Checks.notNull(name, "name"))) {
                throw InvalidArgumentException.of("name", "one of the categorical covariates " + categorical, name);
            }
            references.put(name, Checks.notNull(level, "level"));
            return this;
        }

        /**
         * Adds a customer's covariates: one finite number per numeric covariate and one level (not null) per
         * categorical one, in the order of the names.
         *
         * @throws InvalidArgumentException if the customer was added before, or the numbers or levels are not
         *     one finite number or non-null level per name
         */
        public TableBuilder add(long customerId, double[] numbers, String[] levels) {
            Checks.notNull(numbers, "numbers");
            Checks.notNull(levels, "levels");
            if (numbers.length != numeric.size()) {
                throw InvalidArgumentException.of("numbers", "one number per numeric covariate " + numeric,
                        Arrays.toString(numbers));
            }
            if (levels.length != categorical.size()) {
                throw InvalidArgumentException.of("levels", "one level per categorical covariate " + categorical,
                        Arrays.toString(levels));
            }
            for (double value : numbers) {
                Checks.finite(value, "numbers");
            }
            for (String level : levels) {
                if (level == null) {
                    throw InvalidArgumentException.of("levels", "a level (not null) per categorical covariate "
                            + categorical, Arrays.toString(levels));
                }
            }
            if (seen.indexOf(customerId) >= 0) {
                throw InvalidArgumentException.of("customerId", "a customer not added before", customerId);
            }
            seen.add(customerId);
            ids.add(customerId);
            this.numbers.add(numbers.clone());
            this.levels.add(levels.clone());
            return this;
        }

        /**
         * The covariates added so far: the numeric columns, then each categorical covariate's indicator
         * columns {@code name=level} (its levels in sorted order, the reference left out).
         *
         * @throws InvalidArgumentException if a chosen reference level is not a level of its covariate, or
         *     a categorical covariate has fewer than two levels (it would have no indicator column: constant,
         *     not identifiable)
         * @throws org.loyaltymetrics.UndefinedResultException if there are categorical covariates but no
         *     customers (their levels are unknown)
         */
        public CustomerCovariates build() {
            if (ids.isEmpty() && !categorical.isEmpty()) {
                throw new org.loyaltymetrics.UndefinedResultException("the indicator columns of categorical covariates "
                        + categorical + " are undefined without customers: their levels are unknown");
            }
            List<String> columns = new ArrayList<>(numeric);
            Map<String, List<String>> groups = new java.util.LinkedHashMap<>();
            List<List<String>> levelColumns = new ArrayList<>();
            for (int c = 0; c < categorical.size(); c++) {
                String name = categorical.get(c);
                java.util.TreeSet<String> found = new java.util.TreeSet<>();
                for (String[] row : levels) {
                    found.add(row[c]);
                }
                String reference = references.getOrDefault(name, found.isEmpty() ? null : found.first());
                if (references.containsKey(name) && !found.contains(reference)) {
                    throw InvalidArgumentException.of("reference", "one of the levels " + found + " of " + name,
                            reference);
                }
                if (found.size() < 2) {
                    throw InvalidArgumentException.of("categorical", "covariates with at least two levels (one level "
                            + "is constant, not identifiable)", name + " with levels " + found);
                }
                found.remove(reference);
                List<String> indicators = new ArrayList<>();
                for (String level : found) {
                    indicators.add(name + "=" + level);
                }
                levelColumns.add(List.copyOf(found));
                groups.put(name, List.copyOf(indicators));
                columns.addAll(indicators);
            }
            Builder builder = new Builder(columns);
            double[] row = new double[columns.size()];
            for (int i = 0; i < ids.size(); i++) {
                System.arraycopy(numbers.get(i), 0, row, 0, numeric.size());
                int at = numeric.size();
                for (int c = 0; c < categorical.size(); c++) {
                    for (String level : levelColumns.get(c)) {
                        row[at++] = level.equals(levels.get(i)[c]) ? 1.0 : 0.0;
                    }
                }
                builder.add(ids.get(i), row);
            }
            return builder.build(java.util.Collections.unmodifiableMap(groups));
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
