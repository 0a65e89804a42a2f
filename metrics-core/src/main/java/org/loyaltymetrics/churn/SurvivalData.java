package org.loyaltymetrics.churn;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;

/**
 * Survival rows with numeric covariates, the input of survival regression ({@link CoxModel}): a small
 * immutable table with one row per customer (a lifetime that ended by churn, the event, or is
 * censored) or, for covariates that change over time, counting-process rows: a customer observed over
 * (start, stop] with the covariates that held then, ended by churn at {@code stop} or not (Andersen
 * &amp; Gill 1982; R's {@code Surv(start, stop, event)}).
 *
 * <p>Each row may carry a case weight (default 1), a stratum (a label; strata have baseline hazards of
 * their own) and a cluster (the customer id: rows of one customer form one cluster of the robust
 * variance). Covariates are named numeric columns; a categorical covariate becomes indicator columns
 * {@code name=level}, one per level but the reference level ({@link #withCategorical}). Missing values
 * are refused (NaN is not a number here): leave the row out before, and say how many.
 *
 * <p>Build it from arrays ({@link #of}, {@link #ofIntervals}, then {@link #withCovariate} and the other
 * {@code with…} copies) or row by row ({@link #builder(String...)}). Durations and times are
 * non-negative finite numbers in any one unit.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class SurvivalData {

    final double[] start;
    final double[] stop;
    final boolean[] event;
    final double[] weight;
    final int[] stratum;
    final long[] cluster;
    final List<String> names;
    final double[][] columns;

    private SurvivalData(double[] start, double[] stop, boolean[] event, double[] weight, int[] stratum,
            long[] cluster, List<String> names, double[][] columns) {
        this.start = start;
        this.stop = stop;
        this.event = event;
        this.weight = weight;
        this.stratum = stratum;
        this.cluster = cluster;
        this.names = names;
        this.columns = columns;
    }

    /**
     * One row per customer: lifetime {@code durations[i]}, ended by churn when {@code events[i]}, censored
     * otherwise; no covariates yet.
     *
     * @throws InvalidArgumentException if the arrays differ in length or a duration is negative or not
     *     finite
     */
    public static SurvivalData of(double[] durations, boolean[] events) {
        Checks.notNull(durations, "durations");
        Checks.notNull(events, "events");
        sameLength(events.length, durations.length, "events");
        for (double d : durations) {
            checkTime(d, "durations");
        }
        return new SurvivalData(null, durations.clone(), events.clone(), null, null, null, List.of(), new double[0][]);
    }

    /**
     * Counting-process rows: observed over ({@code starts[i]}, {@code stops[i]}], ended by churn at
     * {@code stops[i]} when {@code events[i]}.
     *
     * @throws InvalidArgumentException if the arrays differ in length, a time is negative or not finite,
     *     or a stop is not after its start
     */
    public static SurvivalData ofIntervals(double[] starts, double[] stops, boolean[] events) {
        Checks.notNull(starts, "starts");
        Checks.notNull(stops, "stops");
        Checks.notNull(events, "events");
        sameLength(stops.length, starts.length, "stops");
        sameLength(events.length, starts.length, "events");
        for (int i = 0; i < starts.length; i++) {
            checkTime(starts[i], "starts");
            checkTime(stops[i], "stops");
            if (!(stops[i] > starts[i])) {
                throw InvalidArgumentException.of("stops", "after its start " + starts[i] + " (row " + i + ")", stops[i]);
            }
        }
        return new SurvivalData(starts.clone(), stops.clone(), events.clone(), null, null, null, List.of(),
                new double[0][]);
    }

    /**
     * These rows with one more numeric covariate.
     *
     * @throws InvalidArgumentException if {@code name} is blank or taken, or {@code values} has another
     *     length or a value that is not finite (missing)
     */
    public SurvivalData withCovariate(String name, double[] values) {
        Checks.notNull(name, "name");
        Checks.notNull(values, "values");
        if (name.isBlank() || names.contains(name)) {
            throw InvalidArgumentException.of("name", "a new, non-blank covariate name", name);
        }
        sameLength(values.length, rows(), "values");
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw InvalidArgumentException.of("values", "finite (missing values left out of the rows before), at row "
                        + i, values[i]);
            }
        }
        List<String> newNames = new ArrayList<>(names);
        newNames.add(name);
        double[][] newColumns = Arrays.copyOf(columns, columns.length + 1);
        newColumns[columns.length] = values.clone();
        return new SurvivalData(start, stop, event, weight, stratum, cluster, Collections.unmodifiableList(newNames),
                newColumns);
    }

    /**
     * These rows with a categorical covariate as indicator columns {@code name=level}, one per level
     * (in sorted order) but {@code reference}, which is the level all others are compared with.
     *
     * @throws InvalidArgumentException if {@code values} has another length or a null value, or
     *     {@code reference} is not one of the values
     */
    public SurvivalData withCategorical(String name, String[] values, String reference) {
        Checks.notNull(name, "name");
        Checks.notNull(values, "values");
        Checks.notNull(reference, "reference");
        sameLength(values.length, rows(), "values");
        TreeSet<String> levels = new TreeSet<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw InvalidArgumentException.of("values", "a level at every row (missing values left out before), at row "
                        + i, "null");
            }
            levels.add(values[i]);
        }
        if (!levels.contains(reference)) {
            throw InvalidArgumentException.of("reference", "one of the levels " + levels, reference);
        }
        SurvivalData result = this;
        for (String level : levels) {
            if (level.equals(reference)) {
                continue;
            }
            double[] indicator = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                indicator[i] = values[i].equals(level) ? 1.0 : 0.0;
            }
            result = result.withCovariate(name + "=" + level, indicator);
        }
        return result;
    }

    /**
     * These rows with case weights (frequency or importance weights, as R's {@code weights}).
     *
     * @throws InvalidArgumentException if the length differs or a weight is not finite and &gt; 0
     */
    public SurvivalData withWeights(double[] weights) {
        Checks.notNull(weights, "weights");
        sameLength(weights.length, rows(), "weights");
        for (double w : weights) {
            Checks.positive(w, "weights");
        }
        return new SurvivalData(start, stop, event, weights.clone(), stratum, cluster, names, columns);
    }

    /**
     * These rows in strata (any int labels): each stratum has its own baseline hazard and risk sets.
     *
     * @throws InvalidArgumentException if the length differs
     */
    public SurvivalData withStrata(int[] strata) {
        Checks.notNull(strata, "strata");
        sameLength(strata.length, rows(), "strata");
        return new SurvivalData(start, stop, event, weight, strata.clone(), cluster, names, columns);
    }

    /**
     * These rows grouped by customer id for the robust (sandwich) variance: the rows of one customer
     * form one cluster, as R's {@code cluster(id)}.
     *
     * @throws InvalidArgumentException if the length differs
     */
    public SurvivalData withClusters(long[] customerIds) {
        Checks.notNull(customerIds, "customerIds");
        sameLength(customerIds.length, rows(), "customerIds");
        return new SurvivalData(start, stop, event, weight, stratum, customerIds.clone(), names, columns);
    }

    /** A builder of rows with the covariates {@code covariates}, in that order. */
    public static Builder builder(String... covariates) {
        return new Builder(covariates);
    }

    /** The number of rows. */
    public int rows() {
        return stop.length;
    }

    /** Whether there are no rows. */
    public boolean isEmpty() {
        return stop.length == 0;
    }

    /** The number of rows that end with churn (unweighted). */
    public int events() {
        int count = 0;
        for (boolean e : event) {
            if (e) {
                count++;
            }
        }
        return count;
    }

    /** Whether the rows are counting-process rows (start, stop]. */
    public boolean hasIntervals() {
        return start != null;
    }

    /** Whether the rows carry clusters (customer ids). */
    public boolean hasClusters() {
        return cluster != null;
    }

    /** The covariate names, in column order. */
    public List<String> covariateNames() {
        return names;
    }

    /**
     * A copy of one covariate column.
     *
     * @throws InvalidArgumentException if there is no such covariate
     */
    public double[] covariate(String name) {
        return columns[indexOf(name)].clone();
    }

    int indexOf(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            throw InvalidArgumentException.of("name", "one of the covariates " + names, name);
        }
        return index;
    }

    /** Equal when every row, weight, stratum, cluster and covariate (with its name) is equal. */
    /**
     * The mean and the sample standard deviation (divisor n − 1, 0 for one row) of covariate column
     * {@code j}, unweighted: what the fits centre and scale the covariates by.
     */
    double[] columnMeanAndDeviation(int j) {
        double[] column = columns[j];
        int n = column.length;
        double sum = 0.0;
        for (double v : column) {
            sum += v;
        }
        double mean = sum / n;
        double squares = 0.0;
        for (double v : column) {
            squares += (v - mean) * (v - mean);
        }
        return new double[] {mean, n > 1 ? Math.sqrt(squares / (n - 1)) : 0.0};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SurvivalData that && Arrays.equals(start, that.start) && Arrays.equals(stop, that.stop)
                && Arrays.equals(event, that.event) && Arrays.equals(weight, that.weight)
                && Arrays.equals(stratum, that.stratum) && Arrays.equals(cluster, that.cluster)
                && names.equals(that.names) && Arrays.deepEquals(columns, that.columns);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(stop) + Arrays.hashCode(event)) + Arrays.deepHashCode(columns);
    }

    /** Reads, e.g., {@code "SurvivalData: 228 rows, 165 events, covariates [age, sex]"}. */
    @Override
    public String toString() {
        return "SurvivalData: " + rows() + " rows" + (hasIntervals() ? " (start, stop]" : "") + ", " + events()
                + " events, covariates " + names + (weight != null ? ", weighted" : "")
                + (stratum != null ? ", stratified" : "") + (cluster != null ? ", clustered" : "");
    }

    private static void sameLength(int length, int expected, String name) {
        if (length != expected) {
            throw InvalidArgumentException.of(name, "of length " + expected, length);
        }
    }

    private static void checkTime(double t, String name) {
        if (!(t >= 0.0) || !Double.isFinite(t)) {
            throw InvalidArgumentException.of(name, "finite and >= 0", t);
        }
    }

    /**
     * A builder of survival data from a table of customers, one record each: the start date, the end date
     * (null while still a customer), numeric covariates and categorical ones, with the conventions of
     * {@code retention.CustomerLifetimes}: observed on {@code asOf}, a customer who ended on or before
     * {@code asOf} churned after (end − start) days, one who had not ended is censored at (asOf − start)
     * days, durations in {@code unit} (days / the unit's estimated length in days: week 7, month
     * 30.436875, year 365.2425). Categories become indicator columns {@code name=level} against a reference
     * level ({@link CustomerTable#withReference}, else the first level in sorted order).
     *
     * @param numeric the numeric covariates, in the order of {@link CustomerTable#add}'s numeric values
     * @param categorical the categorical covariates, in the order of its categories
     * @throws InvalidArgumentException if {@code unit} is not DAYS, WEEKS, MONTHS or YEARS, or a covariate
     *     is named twice
     */
    public static CustomerTable customerTable(LocalDate asOf, ChronoUnit unit, List<String> numeric,
            List<String> categorical) {
        return new CustomerTable(asOf, unit, numeric, categorical);
    }

    /**
     * Customer records gathered into {@link SurvivalData} ({@link #customerTable}). A record with a missing
     * value (a numeric NaN, a null category) is refused, or, with {@link #leavingOutMissing()}, left out
     * and counted ({@link #leftOut()}): never imputed. Not thread-safe.
     */
    public static final class CustomerTable {
        private final LocalDate asOf;
        private final double daysPerUnit;
        private final List<String> numeric;
        private final List<String> categorical;
        private final java.util.Map<String, String> references = new java.util.HashMap<>();
        private final Builder rows;
        private final List<String[]> categories = new ArrayList<>();
        private boolean leaveOutMissing;
        private long leftOut;

        private CustomerTable(LocalDate asOf, ChronoUnit unit, List<String> numeric, List<String> categorical) {
            this.asOf = Checks.notNull(asOf, "asOf");
            Checks.notNull(unit, "unit");
            if (unit != ChronoUnit.DAYS && unit != ChronoUnit.WEEKS && unit != ChronoUnit.MONTHS
                    && unit != ChronoUnit.YEARS) {
                throw InvalidArgumentException.of("unit", "DAYS, WEEKS, MONTHS or YEARS", unit.name());
            }
            this.daysPerUnit = unit.getDuration().getSeconds() / 86_400.0;
            this.numeric = List.copyOf(Checks.notNull(numeric, "numeric"));
            this.categorical = List.copyOf(Checks.notNull(categorical, "categorical"));
            java.util.Set<String> names = new java.util.HashSet<>(this.numeric);
            for (String name : this.categorical) {
                if (!names.add(name)) {
                    throw InvalidArgumentException.of("categorical", "names not given before", name);
                }
            }
            if (names.size() != this.numeric.size() + this.categorical.size()) {
                throw InvalidArgumentException.of("numeric", "distinct names", this.numeric);
            }
            this.rows = new Builder(this.numeric.toArray(String[]::new));
        }

        /**
         * Makes {@code level} the reference of categorical covariate {@code name}.
         *
         * @throws InvalidArgumentException if {@code name} is not one of the categorical covariates
         */
        public CustomerTable withReference(String name, String level) {
            if (!categorical.contains(name)) {
                throw InvalidArgumentException.of("name", "one of the categorical covariates " + categorical, name);
            }
            references.put(name, Checks.notNull(level, "level"));
            return this;
        }

        /** Leaves out a record with a missing value, and counts it, instead of refusing it. */
        public CustomerTable leavingOutMissing() {
            leaveOutMissing = true;
            return this;
        }

        /**
         * Adds a customer's record.
         *
         * @param start the first day as a customer, on or before the as-of date
         * @param end the day the customer left, or null while still a customer
         * @param numbers the numeric covariates, in the table's order (NaN for missing)
         * @param levels the categories, in the table's order (null for missing)
         * @throws InvalidArgumentException if the start is after the as-of date, the end before the start, the
         *     values are not as many as the covariates, a number is infinite, or a value is missing and
         *     missing values are not left out
         */
        public CustomerTable add(LocalDate start, LocalDate end, double[] numbers, String[] levels) {
            Checks.notNull(start, "start");
            Checks.notNull(numbers, "numbers");
            Checks.notNull(levels, "levels");
            if (numbers.length != numeric.size() || levels.length != categorical.size()) {
                throw new InvalidArgumentException(numbers.length != numeric.size() ? "numbers" : "levels",
                        "a record has " + numeric.size() + " numbers " + numeric + " and " + categorical.size()
                        + " levels " + categorical + ", was given " + numbers.length + " and " + levels.length);
            }
            long startDay = start.toEpochDay();
            if (startDay > asOf.toEpochDay()) {
                throw InvalidArgumentException.of("start", "on or before the as-of date " + asOf, start);
            }
            if (end != null && end.toEpochDay() < startDay) {
                throw InvalidArgumentException.of("end", "on or after the start " + start, end);
            }
            String missing = null;
            for (int j = 0; j < numbers.length && missing == null; j++) {
                if (Double.isNaN(numbers[j])) {
                    missing = numeric.get(j);
                } else if (Double.isInfinite(numbers[j])) {
                    throw InvalidArgumentException.of(numeric.get(j), "finite", numbers[j]);
                }
            }
            for (int j = 0; j < levels.length && missing == null; j++) {
                if (levels[j] == null) {
                    missing = categorical.get(j);
                }
            }
            if (missing != null) {
                if (!leaveOutMissing) {
                    throw InvalidArgumentException.of(missing, "a value (or leavingOutMissing() to leave such "
                            + "records out)", "missing");
                }
                leftOut++;
                return this;
            }
            boolean ended = end != null && end.toEpochDay() <= asOf.toEpochDay();
            long lastDay = ended ? end.toEpochDay() : asOf.toEpochDay();
            rows.add((lastDay - startDay) / daysPerUnit, ended, numbers);
            categories.add(levels.clone());
            return this;
        }

        /** The records left out for a missing value. */
        public long leftOut() {
            return leftOut;
        }

        /**
         * The survival data of the records added: the numeric covariates, then each categorical one's
         * indicator columns.
         *
         * @throws InvalidArgumentException if a reference level given is not a level of its covariate
         */
        public SurvivalData build() {
            SurvivalData data = rows.build();
            for (int j = 0; j < categorical.size(); j++) {
                String name = categorical.get(j);
                String[] values = new String[categories.size()];
                TreeSet<String> levels = new TreeSet<>();
                for (int i = 0; i < values.length; i++) {
                    values[i] = categories.get(i)[j];
                    levels.add(values[i]);
                }
                String reference = references.getOrDefault(name, levels.isEmpty() ? null : levels.first());
                data = reference == null ? data : data.withCategorical(name, values, reference);
            }
            return data;
        }

        /** Reads, e.g., {@code "CustomerTable as of 2025-07-01: 1,500 records, 3 left out"}. */
        @Override
        public String toString() {
            return "CustomerTable as of " + asOf + ": " + categories.size() + " records, " + leftOut + " left out";
        }
    }

    /**
     * Adds rows one by one. Not thread-safe.
     */
    public static final class Builder {

        private final List<String> covariates;
        private final List<double[]> rows = new ArrayList<>();
        private long[] ids = new long[16];
        private boolean intervals;

        private Builder(String[] covariates) {
            Checks.notNull(covariates, "covariates");
            this.covariates = List.of(covariates.clone());
        }

        /**
         * Adds one customer's lifetime {@code duration}, ended by churn when {@code event}, with the
         * covariates in the builder's order.
         *
         * @throws InvalidArgumentException if the duration is negative or not finite, or the covariates
         *     are not as many as named, or not finite
         */
        public Builder add(double duration, boolean event, double... covariates) {
            return add(0.0, duration, event, 1.0, 0, 0L, covariates, false);
        }

        /**
         * Adds one counting-process row (start, stop], with its weight, stratum and cluster (customer id).
         *
         * @throws InvalidArgumentException as {@link #add(double, boolean, double...)}, or if
         *     {@code stop <= start} or the weight is not finite and &gt; 0
         */
        public Builder add(double start, double stop, boolean event, double weight, int stratum, long customerId,
                double... covariates) {
            return add(start, stop, event, weight, stratum, customerId, covariates, true);
        }

        private Builder add(double start, double stop, boolean event, double weight, int stratum, long customerId,
                double[] x, boolean interval) {
            Checks.notNull(x, "covariates");
            checkTime(start, "start");
            checkTime(stop, "stop");
            if (interval && !(stop > start)) {
                throw InvalidArgumentException.of("stop", "after start " + start, stop);
            }
            Checks.positive(weight, "weight");
            if (x.length != this.covariates.size()) {
                throw InvalidArgumentException.of("covariates", this.covariates.size() + " values " + this.covariates,
                        x.length + " values");
            }
            for (double v : x) {
                Checks.finite(v, "covariates");
            }
            intervals |= interval;
            double[] row = new double[6 + x.length];
            row[0] = start;
            row[1] = stop;
            row[2] = event ? 1 : 0;
            row[3] = weight;
            row[4] = stratum;
            if (rows.size() == ids.length) {
                ids = Arrays.copyOf(ids, 2 * ids.length);
            }
            ids[rows.size()] = customerId;
            System.arraycopy(x, 0, row, 6, x.length);
            rows.add(row);
            return this;
        }

        /** The rows added so far; weights, strata and clusters kept where any row set one. */
        public SurvivalData build() {
            int n = rows.size();
            double[] start = new double[n];
            double[] stop = new double[n];
            boolean[] event = new boolean[n];
            double[] weight = new double[n];
            int[] stratum = new int[n];
            long[] cluster = new long[n];
            double[][] columns = new double[covariates.size()][n];
            boolean weighted = false;
            boolean stratified = false;
            boolean clustered = false;
            for (int i = 0; i < n; i++) {
                double[] row = rows.get(i);
                start[i] = row[0];
                stop[i] = row[1];
                event[i] = row[2] != 0;
                weight[i] = row[3];
                stratum[i] = (int) row[4];
                cluster[i] = ids[i];
                weighted |= weight[i] != 1.0;
                stratified |= stratum[i] != 0;
                clustered |= cluster[i] != 0L;
                for (int j = 0; j < columns.length; j++) {
                    columns[j][i] = row[6 + j];
                }
            }
            return new SurvivalData(intervals ? start : null, stop, event, weighted ? weight : null,
                    stratified ? stratum : null, clustered ? cluster : null, covariates, columns);
        }

        /** Reads, e.g., {@code "SurvivalData.Builder: 12 rows, covariates [age]"}. */
        @Override
        public String toString() {
            return "SurvivalData.Builder: " + rows.size() + " rows, covariates " + covariates;
        }
    }
}
