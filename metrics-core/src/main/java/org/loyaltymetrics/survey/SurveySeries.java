package org.loyaltymetrics.survey;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.internal.LongObjectMap;
import org.loyaltymetrics.stats.Measure;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;
import org.loyaltymetrics.time.CalendarPeriod;
import org.loyaltymetrics.time.Granularity;

/**
 * A survey KPI per calendar period (day, ISO week, month, quarter or year), computed in one pass over
 * dated answers in any order.
 *
 * <p>The series lists the periods that received answers, in time order. The change from one period
 * to the next is the value's own test, {@code entry.value().differenceFrom(previous.value())}
 * (later minus earlier), for instance
 * <pre>{@code
 * List<SurveySeries.Entry<NetPromoterScore>> entries = series.entries();
 * for (int i = 1; i < entries.size(); i++) {
 *     SurveySeries.Entry<NetPromoterScore> previous = entries.get(i - 1);
 *     SurveySeries.Entry<NetPromoterScore> entry = entries.get(i);
 *     if (previous.period().equals(entry.period().previous())) {
 *         DifferenceTest change = entry.value().differenceFrom(previous.value());
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #toTable()} gives one row per period: its answers, the headline figure and its 95 %
 * interval, and the change from the immediately preceding calendar period with its p-value (undefined
 * when that period received no answers, or when the test is undefined, as between two periods
 * without variance); {@code toString()} is a one-line summary.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param <V> the KPI's value type
 */
public final class SurveySeries<V extends Measure<V>> implements Tabular {

    /**
     * One period of a series: the period, its answers and its KPI.
     *
     * <p>This record is immutable and thread-safe.
     *
     * @param period the period
     * @param tally the answers of the period
     * @param value the KPI of the period
     * @param <V> the KPI's value type
     */
    public record Entry<V extends Measure<V>>(CalendarPeriod period, ResponseTally tally, V value) {

        /**
         * Checks that no component is null.
         *
         * @throws NullPointerException if a component is null
         */
        public Entry {
            Checks.notNull(period, "period");
            Checks.notNull(tally, "tally");
            Checks.notNull(value, "value");
        }

        /** Reads, e.g., {@code "2025-02: NPS 33.3 ±106.7 (95%), n = 3: ..."}. */
        @Override
        public String toString() {
            return period + ": " + value;
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
    public static <V extends Measure<V>> Accumulator<V> accumulator(SurveyMetric<V> metric, Granularity granularity) {
        return new Accumulator<>(metric, granularity);
    }

    /** A collector of a stream of elements whose date and answer the given functions read. */
    public static <T, V extends Measure<V>> Collector<T, ?, SurveySeries<V>> collector(SurveyMetric<V> metric,
            Granularity granularity, Function<? super T, LocalDate> dateOf, ToIntFunction<? super T> answerOf) {
        Checks.notNull(dateOf, "dateOf");
        Checks.notNull(answerOf, "answerOf");
        return org.loyaltymetrics.Accumulator.<T, Accumulator<V>, SurveySeries<V>>collector(
                () -> new Accumulator<>(metric, granularity),
                (acc, t) -> acc.add(dateOf.apply(t), answerOf.applyAsInt(t)));
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

    /**
     * The periods as a table: period, answers, the headline figure and its 95 % interval, the change
     * from the immediately preceding calendar period and its p-value (four decimals; undefined where
     * the data do not define them).
     */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().column("period").numberColumn("answers").numberColumn(metric.name())
                .numberColumn("95% low").numberColumn("95% high").numberColumn("change").numberColumn("p-value");
        Entry<V> previous = null;
        for (Entry<V> entry : entries) {
            String[] figures = SurveyCells.figureAndInterval(entry.value);
            String[] change = previous != null && previous.period.equals(entry.period.previous())
                    ? SurveyCells.changeAndPValue(entry.value, previous.value) : new String[2];
            table.row(entry.period, entry.tally.total(), figures[0], figures[1], figures[2], change[0], change[1]);
            previous = entry;
        }
        return table.build();
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
     * Reads, e.g., {@code "SurveySeries of NPS (0..10, promoters 9..10, detractors 0..6) per MONTH: 3 periods
     * from 2025-01 to 2025-04, 8 answers"}.
     */
    @Override
    public String toString() {
        String text = "SurveySeries of " + metric + " per " + granularity + ": ";
        if (entries.isEmpty()) {
            return text + "no answers";
        }
        long answers = 0;
        for (Entry<V> entry : entries) {
            answers += entry.tally.total();
        }
        return text + Formatting.plural(entries.size(), "period") + " from " + entries.get(0).period + " to "
                + entries.get(entries.size() - 1).period + ", " + Formatting.plural(answers, "answer");
    }

    /**
     * A mutable accumulator of dated answers. Adding an answer to a period that already has answers
     * allocates nothing, whatever the order of the dates; accumulators of the same metric and
     * granularity combine exactly. Not thread-safe: use one per thread and combine them.
     *
     * @param <V> the KPI's value type
     */
    public static final class Accumulator<V extends Measure<V>>
            implements org.loyaltymetrics.Accumulator<Accumulator<V>, SurveySeries<V>> {

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
         * @throws InvalidArgumentException if the answer is not on the metric's scale
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
         * @throws InvalidArgumentException if {@code other} has another metric or granularity
         */
        @Override
        public Accumulator<V> combine(Accumulator<V> other) {
            Checks.notNull(other, "other");
            Checks.sameSetting(metric, other.metric, "other", "metric");
            Checks.sameSetting(granularity, other.granularity, "other", "granularity");
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
        @Override
        public SurveySeries<V> snapshot() {
            List<Entry<V>> entries = new ArrayList<>();
            for (long number : periods.sortedKeys()) {
                ResponseTally tally = periods.get(number).snapshot();
                entries.add(new Entry<>(CalendarPeriod.ofNumber(granularity, number), tally, metric.evaluate(tally)));
            }
            return new SurveySeries<>(metric, granularity, Collections.unmodifiableList(entries));
        }

        /**
         * The {@link BinaryForm} of these accumulators, tag {@code "survey.SurveySeries.Accumulator"}, version 1: the
         * metric as {@link SurveyAccumulator#binaryForm()} writes it (a byte 0 NPS, 1 CSAT, 2 CES, then the
         * definition's fields), the granularity (its name, as a tag), the number of periods with answers, then for
         * each period in ascending order its number (a zigzag varint, as {@link Granularity#periodNumber} counts) and
         * its tally's fields as {@link ResponseTally.Accumulator#binaryForm()} writes them (scale, counts). An
         * accumulator of a metric of one's own has no binary form ({@link BinaryForm#toBytes} refuses it).
         */
        public static BinaryForm<Accumulator<?>> binaryForm() {
            return FORM;
        }

        private static final BinaryForm<Accumulator<?>> FORM = BinaryFields.form(Accumulator.class,
                "survey.SurveySeries.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        private static void writeFields(Accumulator<?> value, DataOutput out) throws IOException {
            SurveyAccumulator.writeMetric(out, value.metric, "value");
            BinaryFields.writeName(out, value.granularity);
            BinaryFields.writeCount(out, value.periods.size());
            for (long number : value.periods.sortedKeys()) {
                BinaryFields.writeSigned(out, number);
                value.periods.get(number).writeFields(out);
            }
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        private static Accumulator<?> readFields(DataInput in, int version) throws IOException {
            SurveyMetric<?> metric = SurveyAccumulator.readMetric(in);
            Granularity granularity = BinaryFields.readName(in, Granularity.class);
            Accumulator<?> read = new Accumulator(metric, granularity);
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            long number = 0;
            for (int i = 0; i < n; i++) {
                number = BinaryFields.readId(in, i, number);
                CalendarPeriod.ofNumber(granularity, number); // a period of dates
                ResponseTally.Accumulator tally = ResponseTally.Accumulator.readFields(in);
                BinaryFields.checkField(tally.scale().equals(metric.scale()) && tally.total() >= 1,
                        "a tally of answers on the metric's scale " + metric.scale(), tally);
                read.periods.put(number, tally);
            }
            return read;
        }

        /**
         * Reads, e.g., {@code "SurveySeries.Accumulator of NPS (0..10, promoters 9..10, detractors 0..6)
         * per MONTH: 3 periods"}.
         */
        @Override
        public String toString() {
            return "SurveySeries.Accumulator of " + metric + " per " + granularity + ": "
                    + Formatting.plural(periods.size(), "period");
        }
    }
}
