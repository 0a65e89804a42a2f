package org.loyaltymetrics.survey;

import java.io.Serializable;
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
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.TextTable;

/**
 * A survey KPI per group — per segment, per channel, per calendar period, or per any key such as a
 * record of segment and period — computed in one pass over the answers.
 *
 * <p>Groups are ordered by key: naturally when the keys are {@link Comparable}, otherwise by their
 * string form, so that the result does not depend on the order of the answers. Only keys that
 * received answers appear.
 *
 * <p>This class is immutable and thread-safe (provided the keys are).
 *
 * @param <K> the group key
 * @param <V> the KPI's value type
 */
public final class SurveyBreakdown<K, V> {

    private final SurveyMetric<V> metric;
    private final Map<K, ResponseTally> tallies;

    private SurveyBreakdown(SurveyMetric<V> metric, Map<K, ResponseTally> tallies) {
        this.metric = metric;
        this.tallies = tallies;
    }

    /** A new, empty accumulator of keyed answers for {@code metric}. */
    public static <K, V> Accumulator<K, V> accumulator(SurveyMetric<V> metric) {
        return new Accumulator<>(metric);
    }

    /**
     * A collector of a stream of elements into {@code metric} per group, reading each element's key
     * with {@code keyOf} and its answer with {@code answerOf}.
     */
    public static <T, K, V> Collector<T, ?, SurveyBreakdown<K, V>> collector(SurveyMetric<V> metric,
            Function<? super T, ? extends K> keyOf, ToIntFunction<? super T> answerOf) {
        Checks.notNull(metric, "metric");
        Checks.notNull(keyOf, "keyOf");
        Checks.notNull(answerOf, "answerOf");
        return Collector.<T, Accumulator<K, V>, SurveyBreakdown<K, V>>of(() -> new Accumulator<>(metric),
                (acc, t) -> acc.add(keyOf.apply(t), answerOf.applyAsInt(t)), Accumulator::combine,
                Accumulator::snapshot, Collector.Characteristics.UNORDERED);
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
     * @throws IllegalArgumentException if the group received no answers
     */
    public V get(K key) {
        return metric.evaluate(tally(key));
    }

    /**
     * The answers of the group {@code key}.
     *
     * @throws IllegalArgumentException if the group received no answers
     */
    public ResponseTally tally(K key) {
        ResponseTally tally = tallies.get(key);
        if (tally == null) {
            throw new IllegalArgumentException("key must be one of " + tallies.keySet() + ", was " + key);
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

    @Override
    public boolean equals(Object o) {
        return o instanceof SurveyBreakdown && ((SurveyBreakdown<?, ?>) o).metric.equals(metric)
                && ((SurveyBreakdown<?, ?>) o).tallies.equals(tallies);
    }

    @Override
    public int hashCode() {
        return 31 * metric.hashCode() + tallies.hashCode();
    }

    /** A grid of the groups: key, number of answers, the headline figure and its 95 % interval. */
    @Override
    public String toString() {
        TextTable table = new TextTable("group", "answers", metric.name(), "95% low", "95% high");
        tallies.forEach((key, tally) -> {
            V value = metric.evaluate(tally);
            table.row(key, tally.total(), TextTable.figure(() -> metric.headline(value)),
                    TextTable.figure(() -> metric.headlineInterval(value, 0.95).low()),
                    TextTable.figure(() -> metric.headlineInterval(value, 0.95).high()));
        });
        return table.toString();
    }

    /** Orders keys naturally when they are mutually comparable, otherwise by their string form. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <K> List<K> sortedKeys(Iterable<K> keys) {
        List<K> sorted = new ArrayList<>();
        keys.forEach(sorted::add);
        try {
            sorted.sort((a, b) -> ((Comparable) a).compareTo(b));
        } catch (ClassCastException notComparable) {
            sorted.sort(Comparator.comparing(String::valueOf));
        }
        return sorted;
    }

    /**
     * A mutable accumulator of keyed answers. Adding an answer to a group that already exists
     * allocates nothing; accumulators of the same metric combine exactly. Not thread-safe: use one
     * per thread and combine them.
     *
     * @param <K> the group key
     * @param <V> the KPI's value type
     */
    public static final class Accumulator<K, V> implements Serializable {

        private static final long serialVersionUID = 1L;


        private final SurveyMetric<V> metric;
        private final Map<K, ResponseTally.Accumulator> groups = new HashMap<>();

        Accumulator(SurveyMetric<V> metric) {
            this.metric = Checks.notNull(metric, "metric");
        }

        /**
         * Adds one answer to the group {@code key}.
         *
         * @throws IllegalArgumentException if the answer is not on the metric's scale
         */
        public Accumulator<K, V> add(K key, int answer) {
            return add(key, answer, 1);
        }

        /**
         * Adds {@code count} answers at {@code answer} to the group {@code key}.
         *
         * @throws IllegalArgumentException if the answer is not on the scale or the count is negative
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
         * @throws IllegalArgumentException if {@code other} computes a different metric
         */
        public Accumulator<K, V> combine(Accumulator<K, V> other) {
            Checks.notNull(other, "other");
            if (!other.metric.equals(metric)) {
                throw new IllegalArgumentException("other must compute " + metric + ", computes " + other.metric);
            }
            other.groups.forEach((key, tally) -> groups
                    .computeIfAbsent(key, k -> ResponseTally.accumulator(metric.scale())).combine(tally));
            return this;
        }

        /** The breakdown of the answers added so far. */
        public SurveyBreakdown<K, V> snapshot() {
            Map<K, ResponseTally> tallies = new LinkedHashMap<>();
            for (K key : sortedKeys(groups.keySet())) {
                tallies.put(key, groups.get(key).snapshot());
            }
            return new SurveyBreakdown<>(metric, Collections.unmodifiableMap(tallies));
        }
    }
}
