package org.loyaltymetrics.survey;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collector;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.Measure;
import org.loyaltymetrics.table.Table;
import org.loyaltymetrics.table.Tabular;

/**
 * A survey KPI per group — per segment, per channel, per calendar period, or per any key such as a
 * record of segment and period — computed in one pass over the answers.
 *
 * <p>Groups are ordered by key, so that the result does not depend on the order of the answers:
 * naturally when every key is an instance of one {@link Comparable} class (or of one enum),
 * otherwise by their string form. Only keys that received answers appear.
 *
 * <p>{@link #toTable()} gives one row per group: its answers, the headline figure
 * ({@link Measure#value()}) and its 95 % interval; {@code toString()} is a one-line summary.
 *
 * <p>This class is immutable and thread-safe (provided the keys are).
 *
 * @param <K> the group key
 * @param <V> the KPI's value type
 */
public final class SurveyBreakdown<K, V extends Measure<V>> implements Tabular {

    private final SurveyMetric<V> metric;
    private final Map<K, ResponseTally> tallies;

    private SurveyBreakdown(SurveyMetric<V> metric, Map<K, ResponseTally> tallies) {
        this.metric = metric;
        this.tallies = tallies;
    }

    /** A new, empty accumulator of keyed answers for {@code metric}. */
    public static <K, V extends Measure<V>> Accumulator<K, V> accumulator(SurveyMetric<V> metric) {
        return new Accumulator<>(metric);
    }

    /**
     * A collector of a stream of elements into {@code metric} per group, reading each element's key
     * with {@code keyOf} and its answer with {@code answerOf}.
     */
    public static <T, K, V extends Measure<V>> Collector<T, ?, SurveyBreakdown<K, V>> collector(SurveyMetric<V> metric,
            Function<? super T, ? extends K> keyOf, ToIntFunction<? super T> answerOf) {
        Checks.notNull(keyOf, "keyOf");
        Checks.notNull(answerOf, "answerOf");
        return org.loyaltymetrics.Accumulator.<T, Accumulator<K, V>, SurveyBreakdown<K, V>>collector(
                () -> new Accumulator<>(metric), (acc, t) -> acc.add(keyOf.apply(t), answerOf.applyAsInt(t)));
    }

    /** The metric computed per group. */
    public SurveyMetric<V> metric() {
        return metric;
    }

    /** The keys of the groups, in order. */
    public List<K> keys() {
        return List.copyOf(tallies.keySet());
    }

    /** The number of groups. */
    public int size() {
        return tallies.size();
    }

    /** Whether the group {@code key} received answers. */
    public boolean contains(K key) {
        return tallies.containsKey(key);
    }

    /**
     * The KPI of the group {@code key}.
     *
     * @throws InvalidArgumentException if the group received no answers
     */
    public V get(K key) {
        return metric.evaluate(tally(key));
    }

    /**
     * The answers of the group {@code key}.
     *
     * @throws InvalidArgumentException if the group received no answers
     */
    public ResponseTally tally(K key) {
        ResponseTally tally = tallies.get(key);
        if (tally == null) {
            throw InvalidArgumentException.of("key", "one of " + tallies.keySet(), key);
        }
        return tally;
    }

    /** The KPI of every group, in key order. */
    public Map<K, V> results() {
        Map<K, V> results = new LinkedHashMap<>();
        tallies.forEach((key, tally) -> results.put(key, metric.evaluate(tally)));
        return Collections.unmodifiableMap(results);
    }

    /** The KPI of all groups together. */
    public V total() {
        ResponseTally.Accumulator all = ResponseTally.accumulator(metric.scale());
        tallies.values().forEach(all::addAll);
        return metric.evaluate(all.snapshot());
    }

    /**
     * The groups as a table: key, number of answers, the headline figure and its 95 % interval (four
     * decimals; undefined where the group's answers do not define them).
     */
    @Override
    public Table toTable() {
        Table.Builder table = Table.builder().column("group").numberColumn("answers").numberColumn(metric.name())
                .numberColumn("95% low").numberColumn("95% high");
        tallies.forEach((key, tally) -> {
            String[] figures = SurveyCells.figureAndInterval(metric.evaluate(tally));
            table.row(key, tally.total(), figures[0], figures[1], figures[2]);
        });
        return table.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SurveyBreakdown && ((SurveyBreakdown<?, ?>) o).metric.equals(metric)
                && ((SurveyBreakdown<?, ?>) o).tallies.equals(tallies);
    }

    @Override
    public int hashCode() {
        return 31 * metric.hashCode() + tallies.hashCode();
    }

    /** Reads, e.g., {@code "SurveyBreakdown of NPS (0..10, promoters 9..10, detractors 0..6): 2 groups, 5 answers"}. */
    @Override
    public String toString() {
        long answers = 0;
        for (ResponseTally tally : tallies.values()) {
            answers += tally.total();
        }
        return "SurveyBreakdown of " + metric + ": " + Formatting.plural(tallies.size(), "group") + ", "
                + Formatting.plural(answers, "answer");
    }

    /**
     * Orders keys naturally when every key is an instance of one {@link Comparable} class (the
     * declaring class, for enum constants), otherwise by their string form.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <K> List<K> sortedKeys(Iterable<K> keys) {
        List<K> sorted = new ArrayList<>();
        keys.forEach(sorted::add);
        if (areOfOneComparableClass(sorted)) {
            sorted.sort((a, b) -> ((Comparable) a).compareTo(b));
        } else {
            sorted.sort(Comparator.comparing(String::valueOf));
        }
        return sorted;
    }

    private static boolean areOfOneComparableClass(List<?> keys) {
        Class<?> type = null;
        for (Object key : keys) {
            Class<?> keyType = key instanceof Enum ? ((Enum<?>) key).getDeclaringClass() : key.getClass();
            if (type == null) {
                type = keyType;
            } else if (keyType != type) {
                return false;
            }
        }
        return type == null || Comparable.class.isAssignableFrom(type);
    }

    /**
     * A mutable accumulator of keyed answers. Adding an answer to a group that already exists
     * allocates nothing; accumulators of the same metric combine exactly. Not thread-safe: use one
     * per thread and combine them.
     *
     * @param <K> the group key
     * @param <V> the KPI's value type
     */
    public static final class Accumulator<K, V extends Measure<V>>
            implements org.loyaltymetrics.Accumulator<Accumulator<K, V>, SurveyBreakdown<K, V>> {

        private static final long serialVersionUID = 1L;

        private final SurveyMetric<V> metric;
        private final Map<K, ResponseTally.Accumulator> groups = new HashMap<>();

        Accumulator(SurveyMetric<V> metric) {
            this.metric = Checks.notNull(metric, "metric");
        }

        /**
         * Adds one answer to the group {@code key}.
         *
         * @throws InvalidArgumentException if the answer is not on the metric's scale
         */
        public Accumulator<K, V> add(K key, int answer) {
            return add(key, answer, 1);
        }

        /**
         * Adds {@code count} answers at {@code answer} to the group {@code key}.
         *
         * @throws InvalidArgumentException if the answer is not on the scale or the count is negative
         */
        public Accumulator<K, V> add(K key, int answer, long count) {
            Checks.notNull(key, "key");
            metric.scale().checkAnswer(answer);
            Checks.count(count, "count");
            ResponseTally.Accumulator group = groups.get(key);
            if (group == null) {
                group = ResponseTally.accumulator(metric.scale());
                groups.put(key, group);
            }
            group.add(answer, count);
            return this;
        }

        /**
         * Adds every answer of {@code other} ({@code other} is left unchanged).
         *
         * @throws InvalidArgumentException if {@code other} computes a different metric
         */
        @Override
        public Accumulator<K, V> combine(Accumulator<K, V> other) {
            Checks.notNull(other, "other");
            Checks.sameSetting(metric, other.metric, "other", "metric");
            other.groups.forEach((key, tally) -> groups
                    .computeIfAbsent(key, k -> ResponseTally.accumulator(metric.scale())).combine(tally));
            return this;
        }

        /** The breakdown of the answers added so far. */
        @Override
        public SurveyBreakdown<K, V> snapshot() {
            Map<K, ResponseTally> tallies = new LinkedHashMap<>();
            for (K key : sortedKeys(groups.keySet())) {
                tallies.put(key, groups.get(key).snapshot());
            }
            return new SurveyBreakdown<>(metric, Collections.unmodifiableMap(tallies));
        }

        /**
         * The {@link BinaryForm} of these accumulators whose group keys are strings, longs or ints, tag
         * {@code "survey.SurveyBreakdown.Accumulator"}, version 1: the metric as {@link SurveyAccumulator#binaryForm()}
         * writes it (a byte 0 NPS, 1 CSAT, 2 CES, then the definition's fields), the number of groups, then for each
         * group its key and its tally's fields as {@link ResponseTally.Accumulator#binaryForm()} writes them (scale,
         * counts). A key is a byte, its type's code, then its value: 0 a {@link String} (the number of its UTF-8
         * bytes, then the bytes), 1 a {@link Long}, 2 an {@link Integer} (zigzag varints); the groups are in the order
         * of these codes, then of the keys' natural order. An accumulator with a key of another type, or of a
         * metric of one's own, has no binary form ({@link BinaryForm#toBytes} refuses it).
         */
        public static BinaryForm<Accumulator<?, ?>> binaryForm() {
            return FORM;
        }

        /** The types of the group keys in the order of their codes in the binary form. */
        private static final List<Class<?>> KEY_CODES = List.of(String.class, Long.class, Integer.class);

        private static final BinaryForm<Accumulator<?, ?>> FORM = BinaryFields.form(Accumulator.class,
                "survey.SurveyBreakdown.Accumulator", 1, Accumulator::writeFields, Accumulator::readFields);

        @SuppressWarnings({"rawtypes", "unchecked"})
        private static final Comparator<Object> KEY_ORDER = Comparator.<Object>comparingInt(
                key -> KEY_CODES.indexOf(key.getClass())).thenComparing((a, b) -> ((Comparable) a).compareTo(b));

        private static void writeFields(Accumulator<?, ?> value, DataOutput out) throws IOException {
            SurveyAccumulator.writeMetric(out, value.metric, "value");
            for (Object key : value.groups.keySet()) {
                if (!KEY_CODES.contains(key.getClass())) {
                    throw InvalidArgumentException.of("value", "an accumulator whose keys are strings, longs or ints "
                            + "(the keys with a binary form)", "one with a key of " + key.getClass().getName());
                }
            }
            List<Object> keys = new ArrayList<>(value.groups.keySet());
            keys.sort(KEY_ORDER);
            BinaryFields.writeCount(out, keys.size());
            for (Object key : keys) {
                BinaryFields.writeCode(out, key.getClass(), KEY_CODES);
                if (key instanceof String) {
                    BinaryFields.writeString(out, (String) key);
                } else {
                    BinaryFields.writeSigned(out, ((Number) key).longValue());
                }
                value.groups.get(key).writeFields(out);
            }
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        private static Accumulator<?, ?> readFields(DataInput in, int version) throws IOException {
            Accumulator<Object, ?> read = new Accumulator(SurveyAccumulator.readMetric(in));
            int n = BinaryFields.readLength(in, Integer.MAX_VALUE);
            Object previous = null;
            for (int i = 0; i < n; i++) {
                Class<?> type = BinaryFields.readCode(in, KEY_CODES);
                Object key;
                if (type == String.class) {
                    key = BinaryFields.readString(in);
                } else {
                    long number = BinaryFields.readSigned(in);
                    BinaryFields.checkField(type == Long.class || (int) number == number, "an int key", number);
                    key = type == Long.class ? (Object) number : (Object) (int) number;
                }
                BinaryFields.checkField(previous == null || KEY_ORDER.compare(previous, key) < 0,
                        "distinct keys in ascending order, after " + previous, key);
                previous = key;
                ResponseTally.Accumulator tally = ResponseTally.Accumulator.readFields(in);
                BinaryFields.checkField(tally.scale().equals(read.metric.scale()),
                        "a tally on the metric's scale " + read.metric.scale(), tally.scale());
                read.groups.put(key, tally);
            }
            return read;
        }

        /**
         * Reads, e.g., {@code "SurveyBreakdown.Accumulator of NPS (0..10, promoters 9..10, detractors
         * 0..6): 2 groups"}.
         */
        @Override
        public String toString() {
            return "SurveyBreakdown.Accumulator of " + metric + ": " + Formatting.plural(groups.size(), "group");
        }
    }
}
