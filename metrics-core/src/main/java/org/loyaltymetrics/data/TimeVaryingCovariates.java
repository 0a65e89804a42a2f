package org.loyaltymetrics.data;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.LongIndex;

/**
 * Time-varying covariates of customers: per customer, named numeric values per period of a fixed length
 * (7 days starting on Sunday, CLVTools' weeks, by {@link #weekly(List)}), each value in force from its
 * period's first day until the next period starts (piecewise constant), as Bachmann, Meierer &amp; Näf (2021,
 * "The role of time-varying contextual factors in latent attrition models for customer base analysis",
 * Marketing Science 40(4)) and CLVTools' {@code SetDynamicCovariates} take them. Each customer's periods
 * are consecutive (no gaps); time-invariant covariates enter as columns constant over the periods
 * ({@link #withConstant(CustomerCovariates)}).
 *
 * <p>{@link #join(Map, LocalDate, LocalDate, CustomerCovariates.MissingCovariates)} joins the customers'
 * purchase days to their covariates and checks that every day of every customer's observation window
 * (first purchase to the calibration end, and to the end of the prediction period when one is given) is
 * covered; the error names the customer, the first uncovered day and the covered range.
 *
 * <p>Immutable and thread-safe; built by {@link #weekly(List)} or {@link #builder(List, LocalDate, int)}.
 */
public final class TimeVaryingCovariates {

    /** The Sunday 1970-01-04, the start of CLVTools' weeks. */
    private static final LocalDate SUNDAY = LocalDate.of(1970, 1, 4);

    private final List<String> names;
    private final long anchor;
    private final int periodDays;
    private final long[] ids;
    private final long[] firstPeriod;
    private final int[] periods;
    private final int[] offset;
    private final double[] values;
    private final LongIndex index;

    private TimeVaryingCovariates(List<String> names, long anchor, int periodDays, long[] ids, long[] firstPeriod,
            int[] periods, int[] offset, double[] values) {
        this.names = names;
        this.anchor = anchor;
        this.periodDays = periodDays;
        this.ids = ids;
        this.firstPeriod = firstPeriod;
        this.periods = periods;
        this.offset = offset;
        this.values = values;
        this.index = new LongIndex(Math.max(16, 2 * ids.length));
        for (long id : ids) {
            index.add(id);
        }
    }

    /**
     * A builder of weekly covariates named {@code names}: periods of 7 days starting on Sunday (CLVTools'
     * weeks, {@code week_start_date}).
     *
     * @throws InvalidArgumentException if {@code names} is empty or has a blank or repeated name
     */
    public static Builder weekly(List<String> names) {
        return new Builder(names, SUNDAY.toEpochDay(), 7);
    }

    /**
     * A builder of covariates named {@code names} over periods of {@code periodDays} days, one of which
     * starts on {@code anyPeriodStart}.
     *
     * @throws InvalidArgumentException if {@code names} is empty or has a blank or repeated name, or
     *     {@code periodDays} is not in [1, 366]
     */
    public static Builder builder(List<String> names, LocalDate anyPeriodStart, int periodDays) {
        Checks.notNull(anyPeriodStart, "anyPeriodStart");
        if (periodDays < 1 || periodDays > 366) {
            throw InvalidArgumentException.of("periodDays", "in [1, 366]", periodDays);
        }
        return new Builder(names, anyPeriodStart.toEpochDay(), periodDays);
    }

    /** The covariates' names, in column order. */
    public List<String> names() {
        return names;
    }

    /** The length of a period in days (7 for weekly covariates). */
    public int periodDays() {
        return periodDays;
    }

    /** The number of customers. */
    public int size() {
        return ids.length;
    }

    /** Whether the customer has covariates here. */
    public boolean contains(long customerId) {
        return index.indexOf(customerId) >= 0;
    }

    /** The start of the period that contains {@code date}. */
    public LocalDate periodStart(LocalDate date) {
        return LocalDate.ofEpochDay(start(period(Checks.notNull(date, "date").toEpochDay())));
    }

    /**
     * The first day the customer's covariates cover.
     *
     * @throws InvalidArgumentException if the customer has none here
     */
    public LocalDate coveredFrom(long customerId) {
        return LocalDate.ofEpochDay(start(firstPeriod[row(customerId)]));
    }

    /**
     * The last day the customer's covariates cover.
     *
     * @throws InvalidArgumentException if the customer has none here
     */
    public LocalDate coveredUntil(long customerId) {
        int row = row(customerId);
        return LocalDate.ofEpochDay(start(firstPeriod[row] + periods[row]) - 1);
    }

    /**
     * The covariates in force for the customer on {@code date} (a copy), in the order of {@link #names()}.
     *
     * @throws InvalidArgumentException if the customer has none here or they do not cover {@code date}
     */
    public double[] values(long customerId, LocalDate date) {
        Checks.notNull(date, "date");
        int row = row(customerId);
        long period = period(date.toEpochDay());
        checkCovered(row, date.toEpochDay(), "date");
        int k = names.size();
        int from = offset[row] + (int) (period - firstPeriod[row]) * k;
        return Arrays.copyOfRange(values, from, from + k);
    }

    /**
     * These covariates with the time-invariant ones of {@code constant} appended as columns that keep their
     * value over all periods.
     *
     * @throws InvalidArgumentException if a customer here has no time-invariant covariates, or a name is
     *     in both
     */
    public TimeVaryingCovariates withConstant(CustomerCovariates constant) {
        Checks.notNull(constant, "constant");
        List<String> all = new ArrayList<>(names);
        for (String name : constant.names()) {
            if (all.contains(name)) {
                throw InvalidArgumentException.of("constant", "covariates whose names differ from " + names, name);
            }
            all.add(name);
        }
        int k = names.size();
        int m = all.size();
        double[] joined = new double[values.length / Math.max(1, k) * m];
        int[] joinedOffset = new int[ids.length];
        for (int row = 0; row < ids.length; row++) {
            if (!constant.contains(ids[row])) {
                throw InvalidArgumentException.of("constant", "time-invariant covariates of every customer with "
                        + "time-varying ones", "none for customer " + ids[row]);
            }
            double[] z = constant.values(ids[row]);
            joinedOffset[row] = offset[row] / k * m;
            for (int p = 0; p < periods[row]; p++) {
                System.arraycopy(values, offset[row] + p * k, joined, joinedOffset[row] + p * m, k);
                System.arraycopy(z, 0, joined, joinedOffset[row] + p * m + k, z.length);
            }
        }
        return new TimeVaryingCovariates(List.copyOf(all), anchor, periodDays, ids, firstPeriod, periods, joinedOffset,
                joined);
    }

    /**
     * Joins the customers' purchase days (by customer id; same-day purchases count once) to their
     * covariates, in the order of the ids. Only purchases up to {@code calibrationEnd} (inclusive) enter the
     * histories; those in the prediction period, up to {@code predictionEnd} (inclusive), are kept apart as
     * each customer's {@linkplain Joined#predictionPurchases(int) prediction-period purchases} (the holdout's,
     * for a holdout evaluation); later ones are ignored. A customer whose first purchase is after the
     * calibration end is left out (counted by {@link Joined#firstSeenAfterCalibration()}). Each
     * customer's observation window is every day from their first purchase to {@code calibrationEnd},
     * and to {@code predictionEnd} when it is not null; the covariates must cover it.
     *
     * @param purchaseDates each customer's purchase dates by id; not null
     * @param calibrationEnd the last day of the calibration period; not null
     * @param predictionEnd the last day of the prediction period, or null when not predicting
     * @param missing what to do with a customer who has purchases but no covariates
     * @throws InvalidArgumentException if {@code missing} is REFUSE and a customer has no covariates, a
     *     customer's covariates do not cover their observation window (the message names the customer, the
     *     first uncovered day and the covered range), or {@code predictionEnd} is before {@code calibrationEnd}
     */
    public Joined join(Map<Long, ? extends Collection<LocalDate>> purchaseDates, LocalDate calibrationEnd,
            LocalDate predictionEnd, CustomerCovariates.MissingCovariates missing) {
        Checks.notNull(purchaseDates, "purchaseDates");
        Checks.notNull(calibrationEnd, "calibrationEnd");
        Checks.notNull(missing, "missing");
        long end = calibrationEnd.toEpochDay();
        long last = predictionEnd == null ? end : predictionEnd.toEpochDay();
        if (last < end) {
            throw InvalidArgumentException.of("predictionEnd", "on or after the calibration end " + calibrationEnd,
                    predictionEnd);
        }
        long[] sorted = purchaseDates.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        List<int[]> days = new ArrayList<>();
        long[] keptIds = new long[sorted.length];
        int[] rows = new int[sorted.length];
        int[] calibrationDays = new int[sorted.length];
        long leftOut = 0;
        long firstSeenAfter = 0;
        int n = 0;
        for (long id : sorted) {
            TreeSet<Long> distinct = new TreeSet<>();
            for (LocalDate date : Checks.notNull(purchaseDates.get(id), "purchaseDates")) {
                long day = Checks.notNull(date, "purchaseDates").toEpochDay();
                if (day <= last) {
                    distinct.add(day);
                }
            }
            int inCalibration = distinct.headSet(end, true).size();
            if (inCalibration == 0) {
                firstSeenAfter += distinct.isEmpty() || predictionEnd == null ? 0 : 1;
                continue;
            }
            int row = index.indexOf(id);
            if (row < 0) {
                if (missing == CustomerCovariates.MissingCovariates.REFUSE) {
                    throw InvalidArgumentException.of("purchaseDates", "customers who all have covariates (or "
                            + "MissingCovariates.LEAVE_OUT)", "customer " + id + " without covariates");
                }
                leftOut++;
                continue;
            }
            long first = distinct.first();
            checkCovered(row, first, "covariates");
            checkCovered(row, last, "covariates");
            days.add(distinct.stream().mapToInt(Long::intValue).toArray());
            keptIds[n] = id;
            rows[n] = row;
            calibrationDays[n] = inCalibration;
            n++;
        }
        return new Joined(this, Arrays.copyOf(keptIds, n), Arrays.copyOf(rows, n), List.copyOf(days),
                Arrays.copyOf(calibrationDays, n), end, predictionEnd == null ? Long.MIN_VALUE : last, leftOut,
                firstSeenAfter);
    }

    @Override
    public String toString() {
        return "TimeVaryingCovariates: " + ids.length + " customers, covariates " + names + ", periods of "
                + periodDays + " days";
    }

    private int row(long customerId) {
        int row = index.indexOf(customerId);
        if (row < 0) {
            throw InvalidArgumentException.of("customerId", "a customer with covariates", customerId);
        }
        return row;
    }

    private long period(long epochDay) {
        return Math.floorDiv(epochDay - anchor, periodDays);
    }

    private long start(long period) {
        return anchor + period * periodDays;
    }

    private void checkCovered(int row, long epochDay, String argument) {
        long period = period(epochDay);
        if (period < firstPeriod[row] || period >= firstPeriod[row] + periods[row]) {
            throw InvalidArgumentException.of(argument, "covariates of customer " + ids[row] + " that cover "
                    + LocalDate.ofEpochDay(epochDay), "covered only " + LocalDate.ofEpochDay(start(firstPeriod[row]))
                    + " .. " + LocalDate.ofEpochDay(start(firstPeriod[row] + periods[row]) - 1));
        }
    }

    /**
     * Customers' purchase days joined to their time-varying covariates over their observation windows: row i
     * is customer {@link #customerId(int)}, with calibration purchase days {@link #purchaseDay(int, int)}
     * (the first purchase and x repeat-purchase days) and the covariates of the periods from the one of the
     * first purchase to the one that contains the end of the window ({@link #periods(int)} periods). Times
     * are in weeks (days / 7). Immutable and thread-safe.
     */
    public static final class Joined {
        private final TimeVaryingCovariates covariates;
        private final long[] ids;
        private final int[] rows;
        /** Per row: its distinct purchase days to the end of the window, the calibration's first. */
        private final List<int[]> days;
        /** Per row: how many of its days are in the calibration period (x + 1). */
        private final int[] calibrationDays;
        private final long calibrationEnd;
        private final long predictionEnd;
        private final long leftOut;
        private final long firstSeenAfterCalibration;

        Joined(TimeVaryingCovariates covariates, long[] ids, int[] rows, List<int[]> days, int[] calibrationDays,
                long calibrationEnd, long predictionEnd, long leftOut, long firstSeenAfterCalibration) {
            this.covariates = covariates;
            this.ids = ids;
            this.rows = rows;
            this.days = days;
            this.calibrationDays = calibrationDays;
            this.calibrationEnd = calibrationEnd;
            this.predictionEnd = predictionEnd;
            this.leftOut = leftOut;
            this.firstSeenAfterCalibration = firstSeenAfterCalibration;
        }

        /** The covariates' names. */
        public List<String> names() {
            return covariates.names;
        }

        /** The number of customers joined. */
        public int size() {
            return ids.length;
        }

        /** The customers left out for having no covariates (0 when the join refuses them). */
        public long leftOut() {
            return leftOut;
        }

        /**
         * The customers left out because their first purchase falls in the prediction period (0 without
         * one): the holdout's new customers, with no calibration history to predict from.
         */
        public long firstSeenAfterCalibration() {
            return firstSeenAfterCalibration;
        }

        /** The last day of the calibration period. */
        public LocalDate calibrationEnd() {
            return LocalDate.ofEpochDay(calibrationEnd);
        }

        /** Whether the join covers a prediction period. */
        public boolean hasPredictionPeriod() {
            return predictionEnd != Long.MIN_VALUE;
        }

        /**
         * The last day of the prediction period.
         *
         * @throws org.loyaltymetrics.UndefinedResultException if the join has no prediction period
         */
        public LocalDate predictionEnd() {
            if (!hasPredictionPeriod()) {
                throw new org.loyaltymetrics.UndefinedResultException("the covariates were joined without a "
                        + "prediction period");
            }
            return LocalDate.ofEpochDay(predictionEnd);
        }

        /** The length of a covariate period in days. */
        public int periodDays() {
            return covariates.periodDays;
        }

        /** The id of row {@code row}. */
        public long customerId(int row) {
            return ids[row];
        }

        /** The number of calibration purchase days of row {@code row} (x + 1). */
        public int purchaseDays(int row) {
            return calibrationDays[row];
        }

        /**
         * The epoch day of purchase day {@code j} of row {@code row}: 0 the first purchase, up to
         * {@code purchaseDays(row) − 1} in the calibration period, then the prediction period's
         * {@link #predictionPurchases(int)} days.
         */
        public int purchaseDay(int row, int j) {
            return days.get(row)[j];
        }

        /**
         * The purchase days of row {@code row} in the prediction period, after the calibration end and up to the
         * prediction end (its holdout purchases; 0 without a prediction period).
         */
        public int predictionPurchases(int row) {
            return days.get(row).length - calibrationDays[row];
        }

        /** Row {@code row}'s calibration history in weeks: x repeat-purchase days, tₓ and T (days / 7). */
        public PurchaseHistory history(int row) {
            int[] d = days.get(row);
            return new PurchaseHistory(calibrationDays[row] - 1, (d[calibrationDays[row] - 1] - d[0]) / 7.0,
                    (calibrationEnd - d[0]) / 7.0, ChronoUnit.WEEKS);
        }

        /**
         * The epoch day on which period 0 of row {@code row} starts: the period of the first purchase
         * (on or before it).
         */
        public long firstPeriodStart(int row) {
            return covariates.start(covariates.period(days.get(row)[0]));
        }

        /**
         * The number of periods of row {@code row}: from the first purchase's to the one that contains the
         * prediction end (the calibration end when there is no prediction period).
         */
        public int periods(int row) {
            long end = hasPredictionPeriod() ? predictionEnd : calibrationEnd;
            return (int) (covariates.period(end) - covariates.period(days.get(row)[0]) + 1);
        }

        /** Covariate {@code column} of row {@code row} in its period {@code period} (0 that of the first purchase). */
        public double covariate(int row, int period, int column) {
            int r = rows[row];
            int k = covariates.names.size();
            long p = covariates.period(days.get(row)[0]) - covariates.firstPeriod[r] + period;
            return covariates.values[covariates.offset[r] + (int) p * k + column];
        }

        @Override
        public String toString() {
            return "TimeVaryingCovariates.Joined: " + ids.length + " customers (" + leftOut + " left out), covariates "
                    + covariates.names + ", calibration end " + calibrationEnd()
                    + (hasPredictionPeriod() ? ", prediction end " + predictionEnd() : "");
        }
    }

    /** Collects the rows of {@link TimeVaryingCovariates} in any order; not thread-safe. */
    public static final class Builder {
        private final List<String> names;
        private final long anchor;
        private final int periodDays;
        private long[] ids = new long[64];
        private long[] starts = new long[64];
        private double[] values;
        private int size;

        Builder(List<String> names, long anchor, int periodDays) {
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
            this.anchor = anchor;
            this.periodDays = periodDays;
            this.values = new double[64 * names.size()];
        }

        /**
         * Adds the covariates of a customer for the period that starts on {@code periodStart}, one finite
         * value per name.
         *
         * @throws InvalidArgumentException if {@code periodStart} is not the first day of a period (for
         *     weekly covariates: not a Sunday), or the values are not one finite value per name
         */
        public Builder add(long customerId, LocalDate periodStart, double... covariates) {
            Checks.notNull(periodStart, "periodStart");
            Checks.notNull(covariates, "covariates");
            int k = names.size();
            if (covariates.length != k) {
                throw InvalidArgumentException.of("covariates", "one value per covariate " + names,
                        Arrays.toString(covariates));
            }
            for (double value : covariates) {
                Checks.finite(value, "covariates");
            }
            long day = periodStart.toEpochDay();
            if (Math.floorMod(day - anchor, periodDays) != 0) {
                throw InvalidArgumentException.of("periodStart", periodDays == 7
                        ? "the first day of a period (" + DayOfWeek.from(LocalDate.ofEpochDay(anchor)) + ")"
                        : "the first day of a period of " + periodDays + " days", periodStart);
            }
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, 2 * size);
                starts = Arrays.copyOf(starts, 2 * size);
                values = Arrays.copyOf(values, 2 * size * k);
            }
            ids[size] = customerId;
            starts[size] = day;
            System.arraycopy(covariates, 0, values, size * k, k);
            size++;
            return this;
        }

        /**
         * The covariates added so far.
         *
         * @throws InvalidArgumentException if a customer has two rows for one period or a gap between periods
         *     (the message names the customer and the missing period)
         */
        public TimeVaryingCovariates build() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> ids[a] != ids[b] ? Long.compare(ids[a], ids[b])
                    : Long.compare(starts[a], starts[b]));
            int k = names.size();
            double[] sortedValues = new double[size * k];
            List<Long> customerIds = new ArrayList<>();
            List<Long> first = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            List<Integer> offsets = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int row = order[i];
                System.arraycopy(values, row * k, sortedValues, i * k, k);
                long period = Math.floorDiv(starts[row] - anchor, periodDays);
                if (i > 0 && ids[order[i - 1]] == ids[row]) {
                    long previous = Math.floorDiv(starts[order[i - 1]] - anchor, periodDays);
                    if (period == previous) {
                        throw InvalidArgumentException.of("periodStart", "one row per customer and period",
                                "two for customer " + ids[row] + " and " + LocalDate.ofEpochDay(starts[row]));
                    }
                    if (period != previous + 1) {
                        throw InvalidArgumentException.of("periodStart", "consecutive periods for each customer",
                                "customer " + ids[row] + " has no covariates for the period starting "
                                        + LocalDate.ofEpochDay(starts[order[i - 1]] + periodDays));
                    }
                    counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
                } else {
                    customerIds.add(ids[row]);
                    first.add(period);
                    counts.add(1);
                    offsets.add(i * k);
                }
            }
            int n = customerIds.size();
            long[] idArray = new long[n];
            long[] firstArray = new long[n];
            int[] countArray = new int[n];
            int[] offsetArray = new int[n];
            for (int i = 0; i < n; i++) {
                idArray[i] = customerIds.get(i);
                firstArray[i] = first.get(i);
                countArray[i] = counts.get(i);
                offsetArray[i] = offsets.get(i);
            }
            return new TimeVaryingCovariates(names, anchor, periodDays, idArray, firstArray, countArray, offsetArray,
                    sortedValues);
        }
    }
}
