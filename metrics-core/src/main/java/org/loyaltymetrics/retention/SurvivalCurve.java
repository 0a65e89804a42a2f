package org.loyaltymetrics.retention;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Distributions;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.LongObjectMap;
import org.loyaltymetrics.internal.TextTable;
import org.loyaltymetrics.stats.ConfidenceInterval;

/**
 * The Kaplan–Meier estimate of the survival function of lifetimes with right-censoring (Kaplan &amp;
 * Meier 1958): S(t) = Π over event times tᵢ ≤ t of (1 − dᵢ / nᵢ), with dᵢ events at tᵢ and nᵢ
 * lifetimes at risk, that is observed for at least tᵢ. Ties are handled as the standard estimator
 * does: all events at a time count together, and lifetimes censored at an event time are still at
 * risk at it.
 *
 * <p>Uncertainty: Greenwood's variance Var S(t) = S(t)² Σ dᵢ / (nᵢ (nᵢ − dᵢ)) (Greenwood 1926). The
 * pointwise bands are, by {@link BandMethod}, log-log (default; Kalbfleisch &amp; Prentice 1980:
 * S^exp(±z σ / |ln S|) with σ² = Σ dᵢ / (nᵢ (nᵢ − dᵢ)), always inside [0, 1]) or plain (S ± z S σ,
 * truncated to [0, 1]). The median lifetime is the first event time at which S ≤ ½ (the midpoint
 * up to the next event time when S is exactly ½, as R's survival package does), and its interval is
 * Brookmeyer &amp; Crowley's (1982): the times at which the band holds ½.
 *
 * <p>Build one from lifetimes with an {@link Accumulator} (or {@link CustomerLifetimes} from customer
 * records). Durations are non-negative finite numbers in any unit.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class SurvivalCurve {

    /** How the pointwise confidence band is computed. */
    public enum BandMethod {
        /** S^exp(±z σ / |ln S|): the complementary log-log transform; always inside [0, 1] (default). */
        LOG_LOG,
        /** S ± z S σ, truncated to [0, 1]. */
        PLAIN
    }

    /**
     * One event time of the curve.
     *
     * @param time the event time
     * @param atRisk lifetimes observed for at least {@code time}
     * @param events events (ends) at {@code time}
     * @param survival the estimate S(time)
     * @param greenwoodSum Σ dᵢ / (nᵢ (nᵢ − dᵢ)) over event times up to {@code time}
     */
    public record Point(double time, long atRisk, long events, double survival, double greenwoodSum) {

        /** Greenwood's standard error of S(time), S √(Σ dᵢ / (nᵢ (nᵢ − dᵢ))); 0 once S is 0. */
        public double standardError() {
            return survival == 0.0 ? 0.0 : survival * Math.sqrt(greenwoodSum);
        }

        /** The pointwise band at {@code confidence}. */
        public ConfidenceInterval band(double confidence, BandMethod method) {
            Checks.notNull(method, "method");
            double z = Distributions.normalCriticalValue(confidence);
            if (survival == 0.0 || survival == 1.0) {
                return new ConfidenceInterval(survival, survival, confidence);
            }
            if (method == BandMethod.PLAIN) {
                double margin = z * standardError();
                return new ConfidenceInterval(Math.max(0.0, survival - margin), Math.min(1.0, survival + margin),
                        confidence);
            }
            double spread = z * Math.sqrt(greenwoodSum) / Math.abs(Math.log(survival));
            return new ConfidenceInterval(Math.pow(survival, Math.exp(spread)), Math.pow(survival, Math.exp(-spread)),
                    confidence);
        }
    }

    private final double[] times;
    private final long[] events;
    private final long[] censored;
    private final List<Point> points;
    private final long observations;

    private SurvivalCurve(double[] times, long[] events, long[] censored) {
        this.times = times;
        this.events = events;
        this.censored = censored;
        long total = 0;
        for (int i = 0; i < times.length; i++) {
            total = Checks.addCounts(total, Checks.addCounts(events[i], censored[i], "lifetimes"), "lifetimes");
        }
        this.observations = total;
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
     * The curve of lifetimes {@code durations[i]}, ended by an event when {@code observedEnd[i]} and
     * censored (still going when last seen) otherwise.
     *
     * @throws IllegalArgumentException if the arrays differ in length or a duration is negative or
     *     not finite
     */
    public static SurvivalCurve of(double[] durations, boolean[] observedEnd) {
        Checks.notNull(durations, "durations");
        Checks.notNull(observedEnd, "observedEnd");
        if (durations.length != observedEnd.length) {
            throw new IllegalArgumentException("durations and observedEnd must have the same length, had "
                    + durations.length + " and " + observedEnd.length);
        }
        Accumulator accumulator = accumulator();
        for (int i = 0; i < durations.length; i++) {
            accumulator.add(durations[i], observedEnd[i]);
        }
        return accumulator.snapshot();
    }

    /** The number of lifetimes, ended and censored. */
    public long observations() {
        return observations;
    }

    /** The number of lifetimes that ended (events). */
    public long events() {
        long sum = 0;
        for (long e : events) {
            sum += e;
        }
        return sum;
    }

    /** One point per event time, in time order: the steps of the curve. */
    public List<Point> points() {
        return points;
    }

    /**
     * S(t), the estimated probability that a lifetime exceeds {@code t}: 1 before the first event
     * time, constant between event times (right-continuous steps).
     *
     * @throws IllegalArgumentException if {@code t} is negative or not finite
     * @throws UndefinedResultException if the curve has no lifetimes, or {@code t} is beyond the
     *     longest observed lifetime and that lifetime is censored (the estimate is not defined there;
     *     when the longest lifetime ended, S is 0 beyond it)
     */
    public double survivalAt(double t) {
        Point point = pointAt(t);
        return point == null ? 1.0 : point.survival();
    }

    /** The pointwise log-log band of S(t) at {@code confidence}. */
    public ConfidenceInterval bandAt(double t, double confidence) {
        return bandAt(t, confidence, BandMethod.LOG_LOG);
    }

    /** The pointwise band of S(t) at {@code confidence} by {@code method}. */
    public ConfidenceInterval bandAt(double t, double confidence, BandMethod method) {
        Point point = pointAt(t);
        return point == null ? new ConfidenceInterval(1.0, 1.0, confidence) : point.band(confidence, method);
    }

    private Point pointAt(double t) {
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
        Point found = null;
        for (Point point : points) {
            if (point.time() > t) {
                break;
            }
            found = point;
        }
        return found;
    }

    /**
     * The median lifetime: the first event time at which S ≤ ½; when S is exactly ½ from that time to
     * the next event time, their midpoint.
     *
     * @throws UndefinedResultException if the survival estimate never falls to ½
     */
    public double median() {
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            if (point.survival() <= 0.5 + 1e-12) {
                boolean exactlyHalf = Math.abs(point.survival() - 0.5) <= 1e-12;
                return exactlyHalf && i + 1 < points.size() ? (point.time() + points.get(i + 1).time()) / 2.0 : point.time();
            }
        }
        throw new UndefinedResultException("the median lifetime is undefined: survival never falls to 0.5"
                + (points.isEmpty() ? "" : " (it ends at " + Formatting.decimal(points.get(points.size() - 1).survival(), 4) + ")"));
    }

    /**
     * The lower bound of the median's interval at {@code confidence} (log-log band): the first event
     * time at which the band's lower limit is at most ½.
     *
     * @throws UndefinedResultException if the lower limit never falls to ½
     */
    public double medianLowerBound(double confidence) {
        return firstTimeAtOrBelowHalf(confidence, true);
    }

    /**
     * The upper bound of the median's interval at {@code confidence} (log-log band): the first event
     * time at which the band's upper limit is at most ½.
     *
     * @throws UndefinedResultException if the upper limit never falls to ½ (the interval is open
     *     above, as is common when many lifetimes are censored)
     */
    public double medianUpperBound(double confidence) {
        return firstTimeAtOrBelowHalf(confidence, false);
    }

    private double firstTimeAtOrBelowHalf(double confidence, boolean lowerLimit) {
        Checks.confidence(confidence);
        for (Point point : points) {
            ConfidenceInterval band = point.band(confidence, BandMethod.LOG_LOG);
            if ((lowerLimit ? band.low() : band.high()) <= 0.5) {
                return point.time();
            }
        }
        throw new UndefinedResultException("the " + (lowerLimit ? "lower" : "upper") + " bound of the median is undefined: "
                + "the band's " + (lowerLimit ? "lower" : "upper") + " limit never falls to 0.5");
    }

    /**
     * The restricted mean lifetime up to {@code horizon}, ∫₀^horizon S(t) dt: the mean lifetime when
     * lifetimes are counted up to {@code horizon} at most.
     *
     * @throws UndefinedResultException if there are no lifetimes or {@code horizon} is beyond the
     *     longest observed lifetime, which is censored
     */
    public double restrictedMean(double horizon) {
        Checks.nonNegative(horizon, "horizon");
        pointAt(horizon);
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

    /** The restricted mean lifetime up to the longest observed lifetime. */
    public double restrictedMean() {
        if (observations == 0) {
            throw new UndefinedResultException("the survival curve is undefined: there are no lifetimes");
        }
        return restrictedMean(times[times.length - 1]);
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

    /** A grid of the steps: time, at risk, events, survival, standard error and the 95 % log-log band. */
    @Override
    public String toString() {
        TextTable table = new TextTable("time", "at risk", "events", "survival", "std error", "95% low", "95% high");
        for (Point point : points) {
            ConfidenceInterval band = point.band(0.95, BandMethod.LOG_LOG);
            table.row(Formatting.decimal(point.time(), 4), point.atRisk(), point.events(),
                    Formatting.decimal(point.survival(), 4), Formatting.decimal(point.standardError(), 4),
                    Formatting.decimal(band.low(), 4), Formatting.decimal(band.high(), 4));
        }
        return "Kaplan-Meier curve of " + observations + " lifetimes, " + events() + " ended\n" + table;
    }

    /**
     * A mutable accumulator of lifetimes. Adding a lifetime of a duration already seen allocates
     * nothing; accumulators combine exactly. Not thread-safe: use one per thread and combine them.
     */
    public static final class Accumulator implements Serializable {

        private static final long serialVersionUID = 1L;


        /** Per distinct duration (by its bits): {events, censored}. */
        private final LongObjectMap<long[]> byDuration = new LongObjectMap<>();

        Accumulator() {
        }

        /**
         * Adds one lifetime of {@code duration}, ended by an event when {@code observedEnd}, censored
         * otherwise.
         *
         * @throws IllegalArgumentException if the duration is negative or not finite
         */
        public Accumulator add(double duration, boolean observedEnd) {
            return add(duration, observedEnd, 1);
        }

        /**
         * Adds {@code count} lifetimes of {@code duration}.
         *
         * @throws IllegalArgumentException if the duration is negative or not finite, or the count is
         *     negative
         */
        public Accumulator add(double duration, boolean observedEnd, long count) {
            Checks.nonNegative(duration, "duration");
            Checks.count(count, "count");
            long[] tally = tallyOf(duration);
            int slot = observedEnd ? 0 : 1;
            tally[slot] = Checks.addCounts(tally[slot], count, "lifetimes");
            return this;
        }

        private long[] tallyOf(double duration) {
            long key = Double.doubleToLongBits(duration + 0.0); // + 0.0 folds −0.0 into 0.0
            long[] tally = byDuration.get(key);
            if (tally == null) {
                tally = new long[2];
                byDuration.put(key, tally);
            }
            return tally;
        }

        /** Adds every lifetime of {@code other} ({@code other} is left unchanged). */
        public Accumulator combine(Accumulator other) {
            Checks.notNull(other, "other");
            for (long key : other.byDuration.sortedKeys()) {
                long[] theirs = other.byDuration.get(key);
                long[] ours = tallyOf(Double.longBitsToDouble(key));
                ours[0] = Checks.addCounts(ours[0], theirs[0], "lifetimes");
                ours[1] = Checks.addCounts(ours[1], theirs[1], "lifetimes");
            }
            return this;
        }

        /** The curve of the lifetimes added so far. */
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
    }
}
