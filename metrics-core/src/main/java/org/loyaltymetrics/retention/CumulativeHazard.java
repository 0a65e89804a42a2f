package org.loyaltymetrics.retention;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Distributions;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.Estimate;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;

/**
 * The Nelson–Aalen estimate of the cumulative hazard of lifetimes with right-censoring (Nelson 1972,
 * Aalen 1978): H(t) = Σ over event times tᵢ ≤ t of dᵢ / nᵢ, with dᵢ events at tᵢ and nᵢ lifetimes at
 * risk (observed for at least tᵢ), ties counted together as in {@link SurvivalCurve}. Its variance is
 * Aalen's Σ dᵢ / nᵢ² (R's {@code survfit(..., ctype = 1)$std.chaz}); the pointwise interval is
 * log-transformed, H exp(±z σ / H), always positive. exp(−H(t)) is the Fleming–Harrington (Breslow)
 * estimate of the survival function, close to Kaplan–Meier's where nᵢ is large.
 *
 * <p>It is derived from a {@link SurvivalCurve}'s sufficient statistics ({@link #from(SurvivalCurve)}),
 * so that it merges as the curve does. This class is immutable and thread-safe.
 */
public final class CumulativeHazard implements Tabular {

    /**
     * H(t) at one event time (or time 0, before the first event, where H is 0).
     *
     * @param time the event time
     * @param atRisk lifetimes observed for at least {@code time}
     * @param events events at {@code time}
     * @param cumulativeHazard H(time)
     * @param variance Aalen's variance Σ dᵢ / nᵢ² up to {@code time}
     */
    public record Point(double time, long atRisk, long events, double cumulativeHazard, double variance) {

        /** The standard error √variance. */
        public double standardError() {
            return Math.sqrt(variance);
        }

        /** H(time) with its standard error, as a normal estimate. */
        public Estimate estimate() {
            return Estimate.normal(cumulativeHazard, standardError());
        }

        /**
         * The log-transformed interval H exp(±z σ / H) at {@code confidence}; [0, 0] at H = 0.
         *
         * @throws InvalidArgumentException if {@code confidence} is not in (0, 1)
         */
        public ConfidenceInterval confidenceInterval(double confidence) {
            double z = Distributions.normalCriticalValue(confidence);
            if (cumulativeHazard == 0.0) {
                return new ConfidenceInterval(0.0, 0.0, confidence);
            }
            double spread = Math.exp(z * standardError() / cumulativeHazard);
            return new ConfidenceInterval(cumulativeHazard / spread, cumulativeHazard * spread, confidence);
        }

        /** Reads, e.g., {@code "H(100.0000) = 0.1457 (SE 0.0262), 196 at risk, 2 events"}. */
        @Override
        public String toString() {
            return "H(" + Formatting.decimal(time, 4) + ") = " + Formatting.decimal(cumulativeHazard, 4) + " (SE "
                    + Formatting.decimal(standardError(), 4) + "), " + atRisk + " at risk, " + events + " events";
        }
    }

    private final SurvivalCurve curve;
    private final List<Point> points;

    private CumulativeHazard(SurvivalCurve curve) {
        this.curve = curve;
        List<Point> list = new ArrayList<>();
        double h = 0.0;
        double v = 0.0;
        for (SurvivalCurve.Point point : curve.points()) {
            double n = point.atRisk();
            h += point.events() / n;
            v += point.events() / (n * n);
            list.add(new Point(point.time(), point.atRisk(), point.events(), h, v));
        }
        this.points = Collections.unmodifiableList(list);
    }

    /** The Nelson–Aalen estimate of the lifetimes of {@code curve}. */
    public static CumulativeHazard from(SurvivalCurve curve) {
        return new CumulativeHazard(Checks.notNull(curve, "curve"));
    }

    /**
     * The Nelson–Aalen estimate of lifetimes {@code durations[i]}, ended when {@code observedEnd[i]}.
     *
     * @throws InvalidArgumentException as {@link SurvivalCurve#of(double[], boolean[])}
     */
    public static CumulativeHazard of(double[] durations, boolean[] observedEnd) {
        return from(SurvivalCurve.of(durations, observedEnd));
    }

    /** Whether there are no lifetimes. */
    public boolean isEmpty() {
        return curve.isEmpty();
    }

    /** One point per event time, in time order. */
    public List<Point> points() {
        return points;
    }

    /**
     * H(t): the last point at or before t (time 0 and H = 0 before the first event).
     *
     * @throws InvalidArgumentException if {@code t} is negative or not finite
     * @throws UndefinedResultException if there are no lifetimes, or t is beyond the longest observed
     *     lifetime (no one is at risk there)
     */
    public Point at(double t) {
        Checks.nonNegative(t, "t");
        Checks.finite(t, "t");
        if (curve.isEmpty()) {
            throw new UndefinedResultException("the cumulative hazard is undefined: there are no lifetimes");
        }
        if (curve.atRisk(t) == 0) {
            throw new UndefinedResultException("the cumulative hazard at " + t
                    + " is undefined: no lifetime is observed that long");
        }
        Point found = new Point(0.0, curve.observations(), 0, 0.0, 0.0);
        for (Point point : points) {
            if (point.time() > t) {
                break;
            }
            found = point;
        }
        return found;
    }

    /** The steps: time, at risk, events, H, standard error and the 95 % log interval. */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().title("Nelson-Aalen cumulative hazard of " + curve.observations()
                + " lifetimes").numberColumn("time").numberColumn("at risk").numberColumn("events")
                .numberColumn("cumulative hazard").numberColumn("std error").numberColumn("95% low").numberColumn("95% high");
        for (Point point : points) {
            ConfidenceInterval band = point.confidenceInterval(0.95);
            table.row(Formatting.decimal(point.time(), 4), point.atRisk(), point.events(),
                    Formatting.decimal(point.cumulativeHazard(), 4), Formatting.decimal(point.standardError(), 4),
                    Formatting.decimal(band.low(), 4), Formatting.decimal(band.high(), 4));
        }
        return table.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CumulativeHazard that && curve.equals(that.curve);
    }

    @Override
    public int hashCode() {
        return curve.hashCode();
    }

    /** Reads, e.g., {@code "Nelson-Aalen cumulative hazard of 228 lifetimes, 165 ended, 139 event times"}. */
    @Override
    public String toString() {
        return "Nelson-Aalen cumulative hazard of " + curve.observations() + " lifetimes, " + curve.events()
                + " ended, " + points.size() + " event times";
    }
}
