package org.loyaltymetrics.spark;

import java.io.Serializable;
import java.util.Objects;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoder;
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoders;
import org.apache.spark.sql.catalyst.encoders.Codec;
import org.apache.spark.sql.expressions.Aggregator;
import org.loyaltymetrics.Accumulator;
import org.loyaltymetrics.BinaryForm;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction0;

/**
 * The one Spark {@link Aggregator} for any accumulator of the library: the accumulator contract (add,
 * combine exactly, snapshot) is what an aggregator needs, so no KPI needs an aggregator of its own.
 * Each task adds its rows to an accumulator ({@code reduce}), partial accumulators are
 * {@link Accumulator#combine combined} ({@code merge}), and {@code finish} maps the snapshot to the
 * output row. Between tasks the buffer travels in the accumulator's {@link BinaryForm} (a few dozen
 * bytes for a survey tally, where Java serialization takes several hundred), and Spark keeps it as an
 * object while a task adds rows (an object aggregation buffer), so a row costs one {@code add}.
 *
 * <p>The accumulator is made from the group's first row ({@link NewAccumulator}), so that its settings
 * (a period, a scale) may come from the data, as in {@code churn(start, end, period_start, period_end)};
 * rows of one group whose settings disagree fail the query with the accumulator's
 * {@link org.loyaltymetrics.InvalidArgumentException}. A group without rows (a global aggregate of an
 * empty table, or of nulls only) gives the output given as {@code empty}; a null input row (a null answer) is ignored, as SQL's aggregates ignore
 * nulls.
 *
 * <p>Instances are immutable and serializable (Spark ships them to the executors); the functions
 * given must be serializable too (lambdas and method references typed as the nested interfaces are).
 *
 * @param <I> the type of the input rows
 * @param <A> the type of the accumulator
 * @param <V> the type of the value the accumulator snapshots to
 * @param <O> the type of the output
 */
public final class AccumulatorAggregator<I, A extends Accumulator<A, V>, V, O>
        extends Aggregator<I, AccumulatorAggregator.Buffer<A>, O> {

    private static final long serialVersionUID = 1L;

    /** Makes an empty accumulator for the settings of a group's first row. */
    @FunctionalInterface
    public interface NewAccumulator<I, A> extends Serializable {
        /** An empty accumulator whose settings are those of {@code firstRow}. */
        A create(I firstRow);
    }

    /** Adds one row to an accumulator. */
    @FunctionalInterface
    public interface AddRow<A, I> extends Serializable {
        /** Adds {@code row} to {@code accumulator}. */
        void add(A accumulator, I row);
    }

    /** The output of a value. */
    @FunctionalInterface
    public interface Result<V, O> extends Serializable {
        /** The output row of {@code value}. */
        O of(V value);
    }

    /** The binary form of the accumulators, looked up on each executor. */
    @FunctionalInterface
    public interface Form<A> extends Serializable {
        /** The binary form, such as {@code ResponseTally.Accumulator.binaryForm()}. */
        BinaryForm<A> get();
    }

    private final Class<?> accumulatorType;
    private final Form<A> form;
    private final NewAccumulator<I, A> newAccumulator;
    private final AddRow<A, I> add;
    private final Result<V, O> result;
    private final Encoder<O> outputEncoder;
    private final O empty;

    private AccumulatorAggregator(Class<?> accumulatorType, Form<A> form, NewAccumulator<I, A> newAccumulator,
            AddRow<A, I> add, Result<V, O> result, Encoder<O> outputEncoder, O empty) {
        this.accumulatorType = Objects.requireNonNull(accumulatorType, "accumulatorType must not be null");
        this.form = Objects.requireNonNull(form, "form must not be null");
        this.newAccumulator = Objects.requireNonNull(newAccumulator, "newAccumulator must not be null");
        this.add = Objects.requireNonNull(add, "add must not be null");
        this.result = Objects.requireNonNull(result, "result must not be null");
        this.outputEncoder = Objects.requireNonNull(outputEncoder, "outputEncoder must not be null");
        this.empty = empty;
        Objects.requireNonNull(form.get(), "form must give a binary form");
    }

    /**
     * The aggregator of rows into accumulators.
     *
     * @param accumulatorType the accumulator's class
     * @param form the accumulator's binary form, the buffer's encoding
     * @param newAccumulator makes an empty accumulator for a group's first row
     * @param add adds a row
     * @param result the output of a group's value
     * @param outputEncoder the output's encoder, such as {@code Encoders.bean(Figure.class)}
     * @param empty the output of a group without rows (serializable), or null where the output may be null
     * @param <I> the type of the input rows
     * @param <A> the type of the accumulator
     * @param <V> the type of its value
     * @param <O> the type of the output
     * @return the aggregator
     */
    public static <I, A extends Accumulator<A, V>, V, O> AccumulatorAggregator<I, A, V, O> of(Class<?> accumulatorType,
            Form<A> form, NewAccumulator<I, A> newAccumulator, AddRow<A, I> add, Result<V, O> result,
            Encoder<O> outputEncoder, O empty) {
        return new AccumulatorAggregator<>(accumulatorType, form, newAccumulator, add, result, outputEncoder, empty);
    }

    @Override
    public Buffer<A> zero() {
        return new Buffer<>(null);
    }

    @Override
    public Buffer<A> reduce(Buffer<A> buffer, I row) {
        if (row == null) {
            return buffer; // as SQL's aggregates ignore nulls
        }
        if (buffer.accumulator == null) {
            buffer.accumulator = newAccumulator.create(row);
        }
        add.add(buffer.accumulator, row);
        return buffer;
    }

    @Override
    public Buffer<A> merge(Buffer<A> b1, Buffer<A> b2) {
        if (b1.accumulator == null) {
            return b2;
        }
        if (b2.accumulator != null) {
            b1.accumulator.combine(b2.accumulator);
        }
        return b1;
    }

    @Override
    public O finish(Buffer<A> buffer) {
        return buffer.accumulator == null ? empty : result.of(buffer.accumulator.snapshot());
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Encoder<Buffer<A>> bufferEncoder() {
        ClassTag<Buffer<A>> tag = (ClassTag) ClassTag$.MODULE$.apply(Buffer.class);
        return new AgnosticEncoders.TransformingEncoder(tag, (AgnosticEncoder) AgnosticEncoders.BinaryEncoder$.MODULE$,
                new CodecProvider<>(form), false);
    }

    @Override
    public Encoder<O> outputEncoder() {
        return outputEncoder;
    }

    /** {@code "AccumulatorAggregator of <accumulator class>"}. */
    @Override
    public String toString() {
        return "AccumulatorAggregator of " + accumulatorType.getName();
    }

    /**
     * The aggregation buffer: the accumulator of the rows so far, or null before the first row. Its
     * encoding is the accumulator's binary form (no bytes before the first row).
     *
     * @param <A> the type of the accumulator
     */
    public static final class Buffer<A> implements Serializable {
        private static final long serialVersionUID = 1L;

        private A accumulator;

        Buffer(A accumulator) {
            this.accumulator = accumulator;
        }

        /** The accumulator, or null before the first row. */
        public A accumulator() {
            return accumulator;
        }

        /** {@code "Buffer of <accumulator>"}. */
        @Override
        public String toString() {
            return "Buffer of " + accumulator;
        }
    }

    /** The buffer's codec: the accumulator's binary form, or no bytes for an empty buffer. */
    static final class BinaryFormCodec<A> implements Codec<Buffer<A>, byte[]> {
        private static final long serialVersionUID = 1L;

        private final Form<A> form;
        private transient BinaryForm<A> binaryForm;

        BinaryFormCodec(Form<A> form) {
            this.form = form;
        }

        private BinaryForm<A> binaryForm() {
            if (binaryForm == null) {
                binaryForm = form.get();
            }
            return binaryForm;
        }

        @Override
        public byte[] encode(Buffer<A> buffer) {
            return buffer.accumulator == null ? new byte[0] : binaryForm().toBytes(buffer.accumulator);
        }

        @Override
        public Buffer<A> decode(byte[] bytes) {
            return new Buffer<>(bytes.length == 0 ? null : binaryForm().fromBytes(bytes));
        }
    }

    /** Makes the codec on each executor. */
    static final class CodecProvider<A> extends AbstractFunction0<Codec<Buffer<A>, byte[]>> implements Serializable {
        private static final long serialVersionUID = 1L;

        private final Form<A> form;

        CodecProvider(Form<A> form) {
            this.form = form;
        }

        @Override
        public Codec<Buffer<A>, byte[]> apply() {
            return new BinaryFormCodec<>(form);
        }
    }
}
