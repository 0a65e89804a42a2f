package org.loyaltymetrics;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collector;

/**
 * The one contract of every mutable accumulator of the library: it takes records one at a time
 * ({@code add…}) or in bulk ({@code addAll…}), merges with another accumulator of its kind
 * ({@link #combine(Accumulator)}), and {@link #snapshot() snapshots} to an immutable value.
 *
 * <p><b>Exact combining.</b> For any split of the records into parts, adding each part to its own
 * accumulator and combining them gives a snapshot equal to the snapshot of one accumulator that took
 * every record; the order of the records and of the combines does not matter either. That is what
 * lets one accumulator run per thread, per stream partition, per Spark or Flink task, with one
 * combine at the end. Property tests check it for every accumulator of the library.
 *
 * <p><b>Cost.</b> Adding a record to an accumulator that already knows its key (the customer, the
 * day, the scale point) allocates nothing; accumulators keyed by customers grow tables as new
 * customers arrive.
 *
 * <p><b>Threads.</b> Accumulators are not thread-safe: use one per thread and combine them.
 * Accumulators are {@link Serializable}, so that distributed engines can ship them between workers.
 *
 * <p><b>Collectors.</b> {@link #collector(Supplier, BiConsumer)} makes a {@link Collector} of any
 * accumulator; every value type of the library offers one built this way.
 *
 * <p>Implementations print a one-line summary of what they hold in {@code toString()}.
 *
 * @param <A> the accumulator's own type
 * @param <V> the type of the value it snapshots to
 */
public interface Accumulator<A extends Accumulator<A, V>, V> extends Serializable {

    /**
     * Adds everything {@code other} holds to this accumulator, as if each of its records had been
     * added here; {@code other} is left unchanged.
     *
     * @return this accumulator
     * @throws NullPointerException if {@code other} is null
     * @throws InvalidArgumentException if {@code other} accumulates under different settings (another
     *     period, scale, currency or definition), named in the message
     * @throws ArithmeticException if a count overflows a {@code long}
     */
    A combine(A other);

    /**
     * The immutable value of the records added so far. The accumulator stays usable: later adds do
     * not change a snapshot already taken.
     */
    V snapshot();

    /**
     * A collector of elements of type {@code T} into the value of a new accumulator: each element is
     * added with {@code add}, partial accumulators of a parallel stream are {@link #combine combined},
     * and the result is the {@link #snapshot()}. The collector is {@link Collector.Characteristics#UNORDERED
     * unordered}, since no accumulator depends on the order of its records.
     *
     * <p>{@code newAccumulator} is called once at once, so that an accumulator's bad settings (a
     * period, a currency, a scale) fail when the collector is made rather than in the stream.
     *
     * @param newAccumulator makes an empty accumulator (called once here, then once per stream partition)
     * @param add adds one element to an accumulator
     * @param <T> the type of the stream's elements
     * @param <A> the type of the accumulator
     * @param <V> the type of the value
     * @throws NullPointerException if an argument is null, or {@code newAccumulator} rejects a null setting
     * @throws InvalidArgumentException if {@code newAccumulator} rejects its settings
     */
    static <T, A extends Accumulator<A, V>, V> Collector<T, A, V> collector(Supplier<A> newAccumulator,
            BiConsumer<? super A, ? super T> add) {
        Objects.requireNonNull(newAccumulator, "newAccumulator must not be null");
        Objects.requireNonNull(add, "add must not be null");
        Objects.requireNonNull(newAccumulator.get(), "newAccumulator must make an accumulator");
        return Collector.of(newAccumulator, add::accept, Accumulator::combine, Accumulator::snapshot,
                Collector.Characteristics.UNORDERED);
    }
}
