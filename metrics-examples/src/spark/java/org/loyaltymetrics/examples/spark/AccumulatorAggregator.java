package org.loyaltymetrics.examples.spark;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;
import org.loyaltymetrics.Accumulator;

/**
 * One typed Spark {@link Aggregator} for any accumulator of the library: the accumulator contract
 * (add, combine exactly, snapshot) is what an aggregator needs, so no KPI needs an aggregator of its
 * own. Each task adds its rows to a fresh accumulator ({@code zero}, {@code reduce}), Spark merges
 * the partial accumulators ({@code merge}, which is {@link Accumulator#combine}), and the result is
 * the merged accumulator, whose {@code snapshot()} the driver takes. Buffers travel with Java
 * serialization (every accumulator is {@link Serializable}); a compact binary form is for the
 * {@code metrics-spark} module to come.
 *
 * @param <T> the type of the rows
 * @param <A> the type of the accumulator
 */
public final class AccumulatorAggregator<T, A extends Accumulator<A, ?>> extends Aggregator<T, A, A> {

    private static final long serialVersionUID = 1L;

    /** A {@link Supplier} that Spark can ship to its executors. */
    public interface NewAccumulator<A> extends Supplier<A>, Serializable {
    }

    /** A {@link BiConsumer} that Spark can ship to its executors: adds a row to an accumulator. */
    public interface AddRow<A, T> extends BiConsumer<A, T>, Serializable {
    }

    private final Class<A> type;
    private final NewAccumulator<A> newAccumulator;
    private final AddRow<A, T> add;

    private AccumulatorAggregator(Class<A> type, NewAccumulator<A> newAccumulator, AddRow<A, T> add) {
        this.type = Objects.requireNonNull(type, "type must not be null");
        this.newAccumulator = Objects.requireNonNull(newAccumulator, "newAccumulator must not be null");
        this.add = Objects.requireNonNull(add, "add must not be null");
    }

    /**
     * The aggregator of rows of type {@code T} into accumulators of {@code type}.
     *
     * @param type the accumulator's class, for its encoder
     * @param newAccumulator makes an empty accumulator, the same settings every time
     * @param add adds one row
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T, A extends Accumulator<A, ?>> AccumulatorAggregator<T, A> of(Class<? super A> type,
            NewAccumulator<A> newAccumulator, AddRow<A, T> add) {
        return new AccumulatorAggregator<>((Class) type, newAccumulator, add);
    }

    @Override
    public A zero() {
        return newAccumulator.get();
    }

    @Override
    public A reduce(A accumulator, T row) {
        add.accept(accumulator, row);
        return accumulator;
    }

    @Override
    public A merge(A a, A b) {
        return a.combine(b);
    }

    @Override
    public A finish(A accumulator) {
        return accumulator;
    }

    @Override
    public Encoder<A> bufferEncoder() {
        return Encoders.javaSerialization(type);
    }

    @Override
    public Encoder<A> outputEncoder() {
        return Encoders.javaSerialization(type);
    }
}
