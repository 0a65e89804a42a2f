package org.loyaltymetrics.retention;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Distributions;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.LongObjectMap;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.stats.Measure;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;

/**
 * The Kaplan–Meier estimate of the survival function of lifetimes with right-censoring (Kaplan &amp;
 * Meier 1958): S(t) = Π over event times tᵢ ≤ t of (1 − dᵢ / nᵢ), with dᵢ events at tᵢ and nᵢ
 * lifetimes at risk, that is observed for at least tᵢ. Ties are handled as the standard estimator
 * does: all events at a time count together, and lifetimes censored at an event time are still at
 * risk at it.
 *
 * <p>Uncertainty: Greenwood's variance Var S(t) = S(t)² Σ dᵢ / (nᵢ (nᵢ − dᵢ)) (Greenwood 1926). The
 * pointwise intervals of {@link #at(double) S(t)} are, by {@link IntervalMethod}, log-log (default;
 * Kalbfleisch &amp; Prentice 1980: S^exp(±z σ / |ln S|) with σ² = Σ dᵢ / (nᵢ (nᵢ − dᵢ)), always
 * inside [0, 1]) or plain (S ± z S σ, truncated to [0, 1]). The {@link #median() median} lifetime is
 * the first event time at which S ≤ ½ (the midpoint up to the next event time when S is exactly ½, as
 * R's survival package does), and its interval is Brookmeyer &amp; Crowley's (1982): from the first
 * time at which the band's lower limit is at most ½ to the first at which its upper limit is, open
 * above (infinite) when the upper limit never falls to ½, where R prints {@code NA}.
 *
 * <p>The curve holds its sufficient statistics, the events and the censored lifetimes per distinct
 * duration, so that curves of two sets of lifetimes merge exactly ({@link #plus(SurvivalCurve)}).
 * Build one from lifetimes with an {@link Accumulator} or a {@link #collector(ToDoubleFunction, Predicate)
 * collector} (or {@link CustomerLifetimes} from customer records). Durations are non-negative finite
 * numbers in any unit. It prints one line; {@link #toTable()} gives the steps.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class SurvivalCurve implements Tabular {

    /** How the pointwise confidence interval of S(t), and so the median's, is computed. */
    public enum IntervalMethod {
        /** S^exp(±z σ / |ln S|): the complementary log-log transform; always inside [0, 1]. */
        LOG_LOG,
        /** S ± z S σ, truncated to [0, 1]. */
        PLAIN;

        /** The default, {@link #LOG_LOG}, as in R's {@code survfit} (conf.type "log-log") and lifelines. */
        public static final IntervalMethod DEFAULT = LOG_LOG;
    }

    /**
     * S(t) at one time of the curve: an event time, or the start of the curve (time 0, no events,
     * survival 1) before the first one. It is a {@link Measure} of the survival at that time.
     *
     * @param time the event time
     * @param atRisk lifetimes observed for at least {@code time}
     * @param events events (ends) at {@code time}
     * @param survival the estimate S(time)
     * @param greenwoodSum Σ dᵢ / (nᵢ (nᵢ − dᵢ)) over event times up to {@code time}
     */
    public record Point(double time, long atRisk, long events, double survival, double greenwoodSum)
            implements Measure<Point> {

        /** A point always holds an estimate: false. */
        @Override
        public boolean isEmpty() {
            return false;
        }

        /** The survival S(time). */
        @Override
        public double value() {
            return survival;
        }

        /** Greenwood's standard error of S(time), S √(Σ dᵢ / (nᵢ (nᵢ − dᵢ))); 0 once S is 0. */
        public double standardError() {
            return survival == 0.0 ? 0.0 : survival * Math.sqrt(greenwoodSum);
        }

        /** The pointwise log-log interval of S(time) at {@code confidence}. */
        @Override
        public ConfidenceInterval confidenceInterval(double confidence) {
            return confidenceInterval(confidence, IntervalMethod.DEFAULT);
        }

        /**
         * The pointwise interval of S(time) at {@code confidence} by {@code method}; [S, S] where S is 0
         * or 1.
         *
         * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
         */
        public ConfidenceInterval confidenceInterval(double confidence, IntervalMethod method) {
            Checks.notNull(method, "method");
            double z = Distributions.normalCriticalValue(confidence);
            if (survival == 0.0 || survival == 1.0) {
                return new ConfidenceInterval(survival, survival, confidence);
            }
            if (method == IntervalMethod.PLAIN) {
                double margin = z * standardError();
                return new ConfidenceInterval(Math.max(0.0, survival - margin), Math.min(1.0, survival + margin),
                        confidence);
            }
            double spread = z * Math.sqrt(greenwoodSum) / Math.abs(Math.log(survival));
            return new ConfidenceInterval(Math.pow(survival, Math.exp(spread)), Math.pow(survival, Math.exp(-spread)),
                    confidence);
        }

        /**
         * Tests {@code this.survival − earlier.survival} between two independent curves (two cohorts,
         * two segments) at their times: the z test with Greenwood's standard errors, √(se₁² + se₂²).
         *
         * @throws UndefinedResultException if both standard errors are 0
         */
        @Override
        public DifferenceTest differenceFrom(Point earlier) {
            Checks.notNull(earlier, "earlier");
            return Estimate.normal(survival, standardError())
                    .differenceFrom(Estimate.normal(earlier.survival, earlier.standardError()));
        }

        /** Reads, e.g., {@code "S(6.0000) = 0.8571 (SE 0.0764), 21 at risk, 3 events"}. */
        @Override
        public String toString() {
            return "S(" + Formatting.decimal(time, 4) + ") = " + Formatting.decimal(survival, 4) + " (SE "
                    + Formatting.decimal(standardError(), 4) + "), " + atRisk + " at risk, " + events + " events";
        }
    }

    private final double[] times;
    private final long[] events;
    private final long[] censored;
    private final List<Point> points;
    private final long observations;
    private final long ended;

    private SurvivalCurve(double[] times, long[] events, long[] censored) {
        this.times = times;
        this.events = events;
        this.censored = censored;
        long total = 0;
        long endedTotal = 0;
        for (int i = 0; i < times.length; i++) {
            endedTotal = Checks.addCounts(endedTotal, events[i], "lifetimes");
            total = Checks.addCounts(total, Checks.addCounts(events[i], censored[i], "lifetimes"), "lifetimes");
        }
        this.observations = total;
        this.ended = endedTotal;
        List<Point> list = new ArrayList<>();
        long atRisk = total;
        double survival = 1.0;
        double greenwood = 0.0;
        for (int i = 0; i < times.length; i++) {
            if (events[i] > 0) {
                survival *= 1.0 - (double) events[i] / atRisk;
                if (atRisk > events[i]) {
                    greenwood += (double) events[i] / ((double) atRisk * (atRisk - events[i]));
                }
                list.add(new Point(times[i], atRisk, events[i], survival, greenwood));
            }
            atRisk -= events[i] + censored[i];
        }
        this.points = Collections.unmodifiableList(list);
    }

    /** A new, empty accumulator of lifetimes. */
    public static Accumulator accumulator() {
        return new Accumulator();
    }

    /**
     * A collector of records into the curve of their lifetimes, reading each record's duration and
     * whether it ended by an event (true) or is censored (false).
     */
    public static <T> Collector<T, ?, SurvivalCurve> collector(ToDoubleFunction<? super T> durationOf,
            Predicate<? super T> endedOf) {
        Checks.notNull(durationOf, "durationOf");
        Checks.notNull(endedOf, "endedOf");
        return org.loyaltymetrics.Accumulator.collector(Accumulator::new,
                (acc, t) -> acc.add(durationOf.applyAsDouble(t), endedOf.test(t)));
    }

    /**
     * The curve of lifetimes {@code durations[i]}, ended by an event when {@code observedEnd[i]} and
     * censored (still going when last seen) otherwise.
     *
     * @throws InvalidArgumentException if the arrays differ in length or a duration is negative or
     *     not finite
     */
    public static SurvivalCurve of(double[] durations, boolean[] observedEnd) {
        Checks.notNull(durations, "durations");
        Checks.notNull(observedEnd, "observedEnd");
        if (durations.length != observedEnd.length) {
            throw InvalidArgumentException.of("observedEnd", "as long as durations (" + durations.length + ")",
                    observedEnd.length + " flags");
        }
        Accumulator accumulator = accumulator();
        for (int i = 0; i < durations.length; i++) {
            accumulator.add(durations[i], observedEnd[i]);
        }
        return accumulator.snapshot();
    }

    /** Whether the curve has no lifetimes, so that S(t), the median and the restricted mean are undefined. */
    public boolean isEmpty() {
        return observations == 0;
    }

    /** The number of lifetimes, ended and censored. */
    public long observations() {
        return observations;
    }

    /** The number of lifetimes that ended (events). */
    public long events() {
        return ended;
    }

    /** One point per event time, in time order: the steps of the curve. */
    public List<Point> points() {
        return points;
    }

    /**
     * Lifetimes censored at one duration: still running when they were observed, so that they leave the
     * risk set after it without an event (the ticks of a Kaplan–Meier plot).
     *
     * @param time the duration at which they were censored
     * @param count how many lifetimes were censored at it, &gt;= 1
     */
    public record Censoring(double time, long count) {
    }

    /** One entry per distinct duration at which lifetimes were censored, in time order. */
    public List<Censoring> censorings() {
        List<Censoring> list = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            if (censored[i] > 0) {
                list.add(new Censoring(times[i], censored[i]));
            }
        }
        return Collections.unmodifiableList(list);
    }

    /**
     * The number at risk at {@code t}: lifetimes observed for at least {@code t} (those that ended or were
     * censored at {@code t} or later), the figure printed under a Kaplan–Meier plot; the number of lifetimes
     * at 0, and 0 beyond the longest.
     *
     * @throws InvalidArgumentException if {@code t} is negative or not finite
     */
    public long atRisk(double t) {
        Checks.nonNegative(t, "t");
        long gone = 0;
        for (int i = 0; i < times.length && times[i] < t; i++) {
            gone += events[i] + censored[i];
        }
        return observations - gone;
    }

    /**
     * S(t), the estimated probability that a lifetime exceeds {@code t}, with its standard error and
     * interval: the point of the last event time at or before {@code t} (right-continuous steps), or
     * the start of the curve (time 0, survival 1) before the first event time.
     *
     * @throws InvalidArgumentException if {@code t} is negative or not finite
     * @throws UndefinedResultException if the curve has no lifetimes, or {@code t} is beyond the
     *     longest observed lifetime and that lifetime is censored (the estimate is not defined there;
     *     when the longest lifetime ended, S is 0 beyond it)
     */
    public Point at(double t) {
        Checks.nonNegative(t, "t");
        if (observations == 0) {
            throw new UndefinedResultException("the survival curve is undefined: there are no lifetimes");
        }
        double longest = times[times.length - 1];
        boolean reachesZero = !points.isEmpty() && points.get(points.size() - 1).survival() == 0.0;
        if (t > longest && !reachesZero) {
            throw new UndefinedResultException("survival at " + t + " is undefined: the longest observed lifetime, "
                    + longest + ", is censored");
        }
        Point found = new Point(0.0, observations, 0, 1.0, 0.0);
        for (Point point : points) {
            if (point.time() > t) {
                break;
            }
            found = point;
        }
        return found;
    }

    /**
     * The median lifetime with its Brookmeyer–Crowley interval. It exists for every curve; its value
     * is undefined when the survival estimate never falls to ½.
     */
    public Median median() {
        return new Median(this);
    }

    /**
     * The restricted mean lifetime up to {@code horizon}, ∫₀^horizon S(t) dt: the mean lifetime when
     * lifetimes are counted up to {@code horizon} at most.
     *
     * @throws InvalidArgumentException if {@code horizon} is negative or not finite
     * @throws UndefinedResultException if there are no lifetimes or {@code horizon} is beyond the
     *     longest observed lifetime, which is censored
     */
    public double restrictedMean(double horizon) {
        at(horizon);
        double area = 0.0;
        double previousTime = 0.0;
        double survival = 1.0;
        for (Point point : points) {
            if (point.time() >= horizon) {
                break;
            }
            area += survival * (point.time() - previousTime);
            previousTime = point.time();
            survival = point.survival();
        }
        return area + survival * (horizon - previousTime);
    }

    /**
     * The restricted mean lifetime up to the longest observed lifetime.
     *
     * @throws UndefinedResultException if there are no lifetimes
     */
    public double restrictedMean() {
        if (observations == 0) {
            throw new UndefinedResultException("the survival curve is undefined: there are no lifetimes");
        }
        return restrictedMean(times[times.length - 1]);
    }

    /**
     * The curve of the lifetimes of both curves together: events and censored lifetimes added per
     * duration, exactly as if one accumulator had taken them all.
     *
     * @throws ArithmeticException if a count overflows
     */
    public SurvivalCurve plus(SurvivalCurve other) {
        Checks.notNull(other, "other");
        int n = times.length;
        int m = other.times.length;
        double[] mergedTimes = new double[n + m];
        long[] mergedEvents = new long[n + m];
        long[] mergedCensored = new long[n + m];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < n || j < m) {
            int order = i == n ? 1 : j == m ? -1 : Double.compare(times[i], other.times[j]);
            if (order <= 0) {
                mergedTimes[k] = times[i];
                mergedEvents[k] = events[i];
                mergedCensored[k] = censored[i];
                i++;
            }
            if (order >= 0) {
                mergedTimes[k] = other.times[j];
                mergedEvents[k] = Checks.addCounts(order == 0 ? mergedEvents[k] : 0, other.events[j], "lifetimes");
                mergedCensored[k] = Checks.addCounts(order == 0 ? mergedCensored[k] : 0, other.censored[j], "lifetimes");
                j++;
            }
            k++;
        }
        return new SurvivalCurve(Arrays.copyOf(mergedTimes, k), Arrays.copyOf(mergedEvents, k),
                Arrays.copyOf(mergedCensored, k));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SurvivalCurve && Arrays.equals(((SurvivalCurve) o).times, times)
                && Arrays.equals(((SurvivalCurve) o).events, events) && Arrays.equals(((SurvivalCurve) o).censored, censored);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(times) * 31 + Arrays.hashCode(events)) * 31 + Arrays.hashCode(censored);
    }

    /** Reads, e.g., {@code "Kaplan-Meier curve of 21 lifetimes, 9 ended, 7 event times"}. */
    @Override
    public String toString() {
        return "Kaplan-Meier curve of " + observations + " lifetimes, " + ended + " ended, " + points.size()
                + " event times";
    }

    /**
     * The steps of the curve: time, at risk, events, survival, standard error and the 95 % log-log
     * interval, one row per event time.
     */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().title("Kaplan-Meier curve of " + observations + " lifetimes, " + ended
                + " ended").numberColumn("time").numberColumn("at risk").numberColumn("events").numberColumn("survival")
                .numberColumn("std error").numberColumn("95% low").numberColumn("95% high");
        for (Point point : points) {
            ConfidenceInterval band = point.confidenceInterval(0.95);
            table.row(Formatting.decimal(point.time(), 4), point.atRisk(), point.events(),
                    Formatting.decimal(point.survival(), 4), Formatting.decimal(point.standardError(), 4),
                    Formatting.decimal(band.low(), 4), Formatting.decimal(band.high(), 4));
        }
        return table.build();
    }

    /**
     * The median lifetime of a curve: the first event time at which S ≤ ½ (when S is exactly ½ from
     * that time to the next event time, their midpoint), and its Brookmeyer–Crowley interval: from the
     * first event time at which the pointwise interval's lower limit is at most ½ to the first at which
     * its upper limit is, +∞ when that never happens during the follow-up (R's {@code survfit} prints
     * {@code NA}). The interval can exist when the median does not (its lower side only).
     *
     * <p>This class is immutable and thread-safe.
     */
    public static final class Median {

        private static final double HALF = 0.5 + 1e-12;

        private final SurvivalCurve curve;

        private Median(SurvivalCurve curve) {
            this.curve = curve;
        }

        /** Whether the survival estimate falls to ½, so that the median is defined. */
        public boolean isDefined() {
            List<Point> points = curve.points;
            return !points.isEmpty() && points.get(points.size() - 1).survival() <= HALF;
        }

        /**
         * The median lifetime.
         *
         * @throws UndefinedResultException if the survival estimate never falls to ½
         */
        public double value() {
            List<Point> points = curve.points;
            for (int i = 0; i < points.size(); i++) {
                Point point = points.get(i);
                if (point.survival() <= HALF) {
                    boolean exactlyHalf = Math.abs(point.survival() - 0.5) <= 1e-12;
                    return exactlyHalf && i + 1 < points.size() ? (point.time() + points.get(i + 1).time()) / 2.0
                            : point.time();
                }
            }
            throw new UndefinedResultException("the median lifetime is undefined: survival never falls to 0.5"
                    + (points.isEmpty() ? "" : " (it ends at "
                            + Formatting.decimal(points.get(points.size() - 1).survival(), 4) + ")"));
        }

        /** The interval at {@code confidence} from the log-log pointwise intervals. */
        public ConfidenceInterval confidenceInterval(double confidence) {
            return confidenceInterval(confidence, IntervalMethod.DEFAULT);
        }

        /**
         * The interval at {@code confidence} from the pointwise intervals by {@code method}: [the first
         * event time whose lower limit is at most ½, the first whose upper limit is], the upper side
         * infinite when no upper limit falls to ½.
         *
         * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
         * @throws UndefinedResultException if no lower limit falls to ½ (nothing bounds the median)
         */
        public ConfidenceInterval confidenceInterval(double confidence, IntervalMethod method) {
            Checks.confidence(confidence);
            Checks.notNull(method, "method");
            double low = Double.NaN;
            for (Point point : curve.points) {
                ConfidenceInterval band = point.confidenceInterval(confidence, method);
                if (Double.isNaN(low) && band.low() <= 0.5) {
                    low = point.time();
                }
                if (band.high() <= 0.5) {
                    return new ConfidenceInterval(low, point.time(), confidence);
                }
            }
            if (Double.isNaN(low)) {
                throw new UndefinedResultException("the interval of the median is undefined: the lower limit of S never "
                        + "falls to 0.5");
            }
            return new ConfidenceInterval(low, Double.POSITIVE_INFINITY, confidence);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Median && ((Median) o).curve.equals(curve);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Median.class, curve);
        }

        /** Reads, e.g., {@code "median lifetime 23.0000"} or {@code "median lifetime undefined"}. */
        @Override
        public String toString() {
            return "median lifetime " + (isDefined() ? Formatting.decimal(value(), 4) : "undefined");
        }
    }

    /**
     * A mutable accumulator of lifetimes. Adding a lifetime of a duration already seen allocates
     * nothing; accumulators combine exactly. This class is not thread-safe: use one per thread and
     * combine them.
     */
    public static final class Accumulator implements org.loyaltymetrics.Accumulator<Accumulator, SurvivalCurve> {

        private static final long serialVersionUID = 1L;

        /** Per distinct duration (by its bits): {events, censored}. */
        private final LongObjectMap<long[]> byDuration = new LongObjectMap<>();
        private long lifetimes;
        private long ended;

        Accumulator() {
        }

        /**
         * Adds one lifetime of {@code duration}, ended by an event when {@code observedEnd}, censored
         * otherwise.
         *
         * @throws InvalidArgumentException if the duration is negative or not finite
         */
        public Accumulator add(double duration, boolean observedEnd) {
            return add(duration, observedEnd, 1);
        }

        /**
         * Adds {@code count} lifetimes of {@code duration}.
         *
         * @throws InvalidArgumentException if the duration is negative or not finite, or the count is
         *     negative
         * @throws ArithmeticException if a count overflows
         */
        public Accumulator add(double duration, boolean observedEnd, long count) {
            Checks.nonNegative(duration, "duration");
            Checks.count(count, "count");
            long total = Checks.addCounts(lifetimes, count, "lifetimes");
            long[] tally = tallyOf(duration);
            int slot = observedEnd ? 0 : 1;
            tally[slot] += count;
            lifetimes = total;
            if (observedEnd) {
                ended += count;
            }
            return this;
        }

        private long[] tallyOf(double duration) {
            long key = Double.doubleToLongBits(duration + 0.0); // + 0.0 folds −0.0 into 0.0
            return byDuration.computeIfAbsent(key, k -> new long[2]);
        }

        /** Adds every lifetime of {@code other} ({@code other} is left unchanged). */
        @Override
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            long total = Checks.addCounts(lifetimes, other.lifetimes, "lifetimes");
            for (long key : other.byDuration.sortedKeys()) {
                long[] theirs = other.byDuration.get(key);
                long[] ours = tallyOf(Double.longBitsToDouble(key));
                ours[0] += theirs[0];
                ours[1] += theirs[1];
            }
            lifetimes = total;
            ended += other.ended;
            return this;
        }

        /** The curve of the lifetimes added so far. */
        @Override
        public SurvivalCurve snapshot() {
            long[] keys = byDuration.sortedKeys(); // non-negative doubles order as their bits
            double[] times = new double[keys.length];
            long[] events = new long[keys.length];
            long[] censored = new long[keys.length];
            for (int i = 0; i < keys.length; i++) {
                times[i] = Double.longBitsToDouble(keys[i]);
                long[] tally = byDuration.get(keys[i]);
                events[i] = tally[0];
                censored[i] = tally[1];
            }
            return new SurvivalCurve(times, events, censored);
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "retention.SurvivalCurve.Accumulator"}, version 1: the number of distinct durations, then for each,
         * in increasing order, the duration (eight bytes) and the lifetimes of that duration that ended
         * and that were censored (varints).
         */
        public static BinaryForm<Accumulator> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator> FORM = BinaryFields.form(Accumulator.class,
                "retention.SurvivalCurve.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        /** Writes the fields of the binary form (also those of {@link CustomerLifetimes}' form). */
        static void writeFields(Accumulator value, DataOutput out) throws IOException {
            long[] keys = value.byDuration.sortedKeys();
            BinaryFields.writeCount(out, keys.length);
            for (long key : keys) {
                long[] tally = value.byDuration.get(key);
                out.writeLong(key);
                BinaryFields.writeCount(out, tally[0]);
                BinaryFields.writeCount(out, tally[1]);
            }
        }

        /** Reads what {@link #writeFields} wrote. */
        static Accumulator readFields(DataInput in, int version) throws IOException {
            Accumulator read = new Accumulator();
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            for (int i = 0; i < n; i++) {
                double duration = Double.longBitsToDouble(in.readLong());
                BinaryFields.checkField(duration >= 0 && duration < Double.POSITIVE_INFINITY,
                        "a duration >= 0 and finite", duration);
                long ended = BinaryFields.readCount(in);
                long censored = BinaryFields.readCount(in);
                read.add(duration, true, ended);
                read.add(duration, false, censored);
            }
            return read;
        }

        /** Reads, e.g., {@code "SurvivalCurve.Accumulator: 21 lifetimes, 9 ended, 12 distinct durations"}. */
        @Override
        public String toString() {
            return "SurvivalCurve.Accumulator: " + lifetimes + " lifetimes, " + ended + " ended, " + byDuration.size()
                    + " distinct durations";
        }
    }
}
