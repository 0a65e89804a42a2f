package org.loyaltymetrics.survey;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.LongObjectMap;
import org.loyaltymetrics.internal.TextTable;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.time.CalendarPeriod;
import org.loyaltymetrics.time.Granularity;

/**
 * A survey KPI per calendar period (day, ISO week, month, quarter or year) with the period-over-period
 * change and its significance, computed in one pass over dated answers in any order.
 *
 * <p>The series lists the periods that received answers, in time order. Each entry's change is the
 * test of the difference from the immediately preceding calendar period
 * ({@link SurveyMetric#differenceBetween}); it is absent when that period received no answers or when
 * the test is undefined (both periods without variance).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param <V> the KPI's value type
 */
public final class SurveySeries<V> {

    /**
     * One period of a series: the period, its KPI, its number of answers and the change from the
     * preceding period.
     *
     * @param <V> the KPI's value type
     */
    public static final class Entry<V> {

        private final CalendarPeriod period;
        private final ResponseTally tally;
        private final V value;
        private final DifferenceTest change;

        Entry(CalendarPeriod period, ResponseTally tally, V value, DifferenceTest change) {
            this.period = period;
            this.tally = tally;
            this.value = value;
            this.change = change;
        }

        /** The period. */
        public CalendarPeriod period() {
            return period;
        }

        /** The KPI of the period. */
        public V value() {
            return value;
        }

        /** The answers of the period. */
        public ResponseTally tally() {
            return tally;
        }

        /**
         * The test of the change from the preceding calendar period; empty when that period received no
         * answers or the test is undefined.
         */
        public Optional<DifferenceTest> change() {
            return Optional.ofNullable(change);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry && ((Entry<?>) o).period.equals(period) && ((Entry<?>) o).tally.equals(tally);
        }

        @Override
        public int hashCode() {
            return 31 * period.hashCode() + tally.hashCode();
        }

        @Override
        public String toString() {
            return period + ": " + value + (change == null ? "" : "; change " + change);
        }
    }

    private final SurveyMetric<V> metric;
    private final Granularity granularity;
    private final List<Entry<V>> entries;

    private SurveySeries(SurveyMetric<V> metric, Granularity granularity, List<Entry<V>> entries) {
        this.metric = metric;
        this.granularity = granularity;
        this.entries = entries;
    }

    /** A new, empty accumulator of dated answers for {@code metric} per period of {@code granularity}. */
    public static <V> Accumulator<V> accumulator(SurveyMetric<V> metric, Granularity granularity) {
        return new Accumulator<>(metric, granularity);
    }

    /** A collector of a stream of elements whose date and answer the given functions read. */
    public static <T, V> Collector<T, ?, SurveySeries<V>> collector(SurveyMetric<V> metric, Granularity granularity,
            Function<? super T, LocalDate> dateOf, ToIntFunction<? super T> answerOf) {
        Checks.notNull(metric, "metric");
        Checks.notNull(granularity, "granularity");
        Checks.notNull(dateOf, "dateOf");
        Checks.notNull(answerOf, "answerOf");
        return Collector.<T, Accumulator<V>, SurveySeries<V>>of(() -> new Accumulator<>(metric, granularity),
                (acc, t) -> acc.add(dateOf.apply(t), answerOf.applyAsInt(t)), Accumulator::combine,
                Accumulator::snapshot, Collector.Characteristics.UNORDERED);
    }

    /** The metric. */
    public SurveyMetric<V> metric() {
        return metric;
    }

    /** The length of the periods. */
    public Granularity granularity() {
        return granularity;
    }

    /** The periods that received answers, in time order. */
    public List<Entry<V>> entries() {
        return entries;
    }

    /** The entry of {@code period}, if it received answers. */
    public Optional<Entry<V>> get(CalendarPeriod period) {
        Checks.notNull(period, "period");
        return entries.stream().filter(e -> e.period.equals(period)).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SurveySeries && ((SurveySeries<?>) o).metric.equals(metric)
                && ((SurveySeries<?>) o).granularity == granularity && ((SurveySeries<?>) o).entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return (31 * metric.hashCode() + granularity.hashCode()) * 31 + entries.hashCode();
    }

    /**
     * A grid of the periods: period, answers, the headline figure and its 95 % interval, the change
     * from the preceding period and its p-value.
     */
    @Override
    public String toString() {
        TextTable table = new TextTable("period", "answers", metric.name(), "95% low", "95% high", "change", "p-value");
        for (Entry<V> entry : entries) {
            V value = entry.value;
            table.row(entry.period, entry.tally.total(), TextTable.figure(() -> metric.headline(value)),
                    TextTable.figure(() -> metric.headlineInterval(value, 0.95).low()),
                    TextTable.figure(() -> metric.headlineInterval(value, 0.95).high()),
                    entry.change == null ? "-" : TextTable.signed(entry.change.difference()),
                    entry.change == null ? "-" : TextTable.figure(entry.change::pValue));
        }
        return table.toString();
    }

    /**
     * A mutable accumulator of dated answers. Adding an answer to a period that already has answers
     * allocates nothing, whatever the order of the dates; accumulators combine exactly. Not
     * thread-safe: use one per thread and combine them.
     *
     * @param <V> the KPI's value type
     */
    public static final class Accumulator<V> implements Serializable {

        private static final long serialVersionUID = 1L;


        private final SurveyMetric<V> metric;
        private final Granularity granularity;
        private final LongObjectMap<ResponseTally.Accumulator> periods = new LongObjectMap<>();

        Accumulator(SurveyMetric<V> metric, Granularity granularity) {
            this.metric = Checks.notNull(metric, "metric");
            this.granularity = Checks.notNull(granularity, "granularity");
        }

        /**
         * Adds one answer given on {@code date}.
         *
         * @throws IllegalArgumentException if the answer is not on the metric's scale
         */
        public Accumulator<V> add(LocalDate date, int answer) {
            Checks.notNull(date, "date");
            metric.scale().checkAnswer(answer);
            periodTally(granularity.periodNumber(date)).add(answer);
            return this;
        }

        /**
         * Adds every answer of {@code other} ({@code other} is left unchanged).
         *
         * @throws IllegalArgumentException if {@code other} has another metric or granularity
         */
        public Accumulator<V> combine(Accumulator<V> other) {
            Checks.notNull(other, "other");
            if (!other.metric.equals(metric) || other.granularity != granularity) {
                throw new IllegalArgumentException("other must compute " + metric + " per " + granularity
                        + ", computes " + other.metric + " per " + other.granularity);
            }
            for (long number : other.periods.sortedKeys()) {
                periodTally(number).combine(other.periods.get(number));
            }
            return this;
        }

        private ResponseTally.Accumulator periodTally(long number) {
            ResponseTally.Accumulator tally = periods.get(number);
            if (tally == null) {
                tally = ResponseTally.accumulator(metric.scale());
                periods.put(number, tally);
            }
            return tally;
        }

        /** The series of the answers added so far. */
        public SurveySeries<V> snapshot() {
            List<Entry<V>> entries = new ArrayList<>();
            V previous = null;
            long previousNumber = Long.MIN_VALUE;
            for (long number : periods.sortedKeys()) {
                ResponseTally tally = periods.get(number).snapshot();
                V value = metric.evaluate(tally);
                DifferenceTest change = null;
                if (previous != null && previousNumber == number - 1) {
                    try {
                        change = metric.differenceBetween(value, previous);
                    } catch (UndefinedResultException undefined) {
                        change = null; // documented: the change is absent when its test is undefined
                    }
                }
                entries.add(new Entry<>(CalendarPeriod.ofNumber(granularity, number), tally, value, change));
                previous = value;
                previousNumber = number;
            }
            return new SurveySeries<>(metric, granularity, Collections.unmodifiableList(entries));
        }
    }
}
