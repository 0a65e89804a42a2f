package org.loyaltymetrics.survey;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.loyaltymetrics.Accumulator;
import org.loyaltymetrics.BinaryForm;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.BinaryFields;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.Measure;

/**
 * A mutable accumulator of survey answers for one {@link SurveyMetric}: it tallies answers per
 * scale point (see {@link ResponseTally.Accumulator}) and {@link #snapshot() snapshots} to the
 * metric's immutable value. Adding an answer allocates nothing, and accumulators of the same metric
 * {@link #combine(SurveyAccumulator) combine} exactly, as if all answers had been added to one.
 *
 * <p>Obtain one from the metric: {@code NetPromoterScore.accumulator()},
 * {@code CustomerSatisfactionScore.accumulator(definition)} or {@code metric.accumulator()}.
 *
 * <p>This class is not thread-safe: use one accumulator per thread and combine them.
 *
 * @param <V> the type of the metric's value
 */
public final class SurveyAccumulator<V extends Measure<V>> implements Accumulator<SurveyAccumulator<V>, V> {

    private static final long serialVersionUID = 1L;

    private final SurveyMetric<V> metric;
    private final ResponseTally.Accumulator tally;

    SurveyAccumulator(SurveyMetric<V> metric) {
        this(metric, ResponseTally.accumulator(metric.scale()));
    }

    private SurveyAccumulator(SurveyMetric<V> metric, ResponseTally.Accumulator tally) {
        this.metric = Checks.notNull(metric, "metric");
        this.tally = tally;
    }

    /** The metric this accumulator computes. */
    public SurveyMetric<V> metric() {
        return metric;
    }

    /** The number of answers added so far. */
    public long total() {
        return tally.total();
    }

    /**
     * Adds one answer.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if the answer is not on the metric's scale
     */
    public SurveyAccumulator<V> add(int answer) {
        tally.add(answer);
        return this;
    }

    /**
     * Adds {@code count} answers at {@code answer}.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if the answer is not on the scale or the count
     *     is negative
     */
    public SurveyAccumulator<V> add(int answer, long count) {
        tally.add(answer, count);
        return this;
    }

    /**
     * Adds every answer of {@code answers}.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if an answer is not on the scale; nothing is
     *     added then
     */
    public SurveyAccumulator<V> addAll(int... answers) {
        tally.addAll(answers);
        return this;
    }

    /**
     * Adds every answer of {@code answers}, one signed byte per answer.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if an answer is not on the scale; nothing is
     *     added then
     */
    public SurveyAccumulator<V> addAll(byte[] answers) {
        tally.addAll(answers);
        return this;
    }

    /**
     * Adds every answer counted by {@code answers}.
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if the tally is on another scale
     */
    public SurveyAccumulator<V> addAll(ResponseTally answers) {
        Checks.notNull(answers, "answers");
        Checks.sameSetting(metric.scale(), answers.scale(), "answers", "scale");
        tally.addAll(answers);
        return this;
    }

    /**
     * Adds every answer of {@code other} ({@code other} is left unchanged).
     *
     * @throws org.loyaltymetrics.InvalidArgumentException if {@code other} computes a different metric
     */
    @Override
    public SurveyAccumulator<V> combine(SurveyAccumulator<V> other) {
        Checks.notNull(other, "other");
        Checks.sameSetting(metric, other.metric, "other", "metric");
        tally.combine(other.tally);
        return this;
    }

    /** The tally of the answers added so far. */
    public ResponseTally tally() {
        return tally.snapshot();
    }

    /** The metric's value for the answers added so far. */
    @Override
    public V snapshot() {
        return metric.evaluate(tally.snapshot());
    }

    /**
     * The {@link BinaryForm} of survey accumulators of the library's metrics, tag
     * {@code "survey.SurveyAccumulator"}, version 1: the metric, then the tally's fields as
     * {@link ResponseTally.Accumulator#binaryForm()} writes them (scale, counts). The metric is one byte,
     * 0 for {@link NetPromoterScore#DEFINITION}; 1 for a {@link CustomerSatisfactionScore.Definition},
     * followed by its scale's min and max and the satisfied band's low end (zigzag varints); 2 for a
     * {@link CustomerEffortScore.Definition}, followed by its scale's min and max, whether higher is
     * easier (a byte 0 or 1) and the easy band's low and high ends. An NPS accumulator with fewer than 128
     * answers at each point takes 15 bytes after the 30 of the envelope. Accumulators of a metric of
     * one's own have no binary form here ({@link BinaryForm#toBytes} refuses them).
     *
     * <p>The form is of {@code SurveyAccumulator<?>}; {@link #binaryForm(SurveyMetric)} is the form of
     * one metric's accumulators.
     */
    public static BinaryForm<SurveyAccumulator<?>> binaryForm() {
        return FORM;
    }

    /**
     * The {@link BinaryForm} of the accumulators of {@code metric}, as {@link #binaryForm()}, which
     * reads only accumulators of {@code metric} (another metric is refused, named {@code bytes}).
     *
     * @throws InvalidArgumentException if {@code metric} is not one of the library's (NPS, CSAT, CES)
     */
    public static <V extends Measure<V>> BinaryForm<SurveyAccumulator<V>> binaryForm(SurveyMetric<V> metric) {
        Checks.notNull(metric, "metric");
        metricCode(metric, "metric");
        return BinaryFields.form(SurveyAccumulator.class, "survey.SurveyAccumulator", 1, SurveyAccumulator::writeFields,
                (in, version) -> readFields(in, metric));
    }

    /** Reads, e.g., {@code "SurveyAccumulator of NPS (0..10, promoters 9..10, detractors 0..6), 10 answers"}. */
    @Override
    public String toString() {
        return "SurveyAccumulator of " + metric + ", " + Formatting.plural(tally.total(), "answer");
    }

    private static final BinaryForm<SurveyAccumulator<?>> FORM = BinaryFields.form(SurveyAccumulator.class,
            "survey.SurveyAccumulator", 1, SurveyAccumulator::writeFields, (in, version) -> readFields(in, null));

    private static void writeFields(SurveyAccumulator<?> value, DataOutput out) throws IOException {
        writeMetric(out, value.metric, "value");
        value.tally.writeFields(out);
    }

    /** Reads the fields of an accumulator of {@code only}, or of any metric if {@code only} is null. */
    @SuppressWarnings("unchecked")
    private static <V extends Measure<V>> SurveyAccumulator<V> readFields(DataInput in, SurveyMetric<V> only)
            throws IOException {
        SurveyMetric<?> metric = readMetric(in);
        if (only != null && !only.equals(metric)) {
            throw InvalidArgumentException.of("bytes", "an accumulator of " + only, "one of " + metric);
        }
        ResponseTally.Accumulator tally = ResponseTally.Accumulator.readFields(in);
        BinaryFields.checkField(tally.scale().equals(metric.scale()), "a tally on the metric's scale " + metric.scale(),
                tally.scale());
        return new SurveyAccumulator<>((SurveyMetric<V>) metric, tally);
    }

    /** The code of one of the library's metrics in the binary forms: 0 NPS, 1 CSAT, 2 CES. */
    static int metricCode(SurveyMetric<?> metric, String argument) {
        if (metric.equals(NetPromoterScore.DEFINITION)) {
            return 0;
        } else if (metric instanceof CustomerSatisfactionScore.Definition) {
            return 1;
        } else if (metric instanceof CustomerEffortScore.Definition) {
            return 2;
        }
        throw InvalidArgumentException.of(argument, "NPS, a CSAT or a CES definition (the metrics with a binary form)",
                metric);
    }

    /**
     * Writes one of the library's metrics as the binary forms of the survey package do (the first field of
     * {@link #binaryForm()}).
     *
     * @throws InvalidArgumentException named {@code argument} if {@code metric} is not NPS, a CSAT or a CES
     */
    static void writeMetric(DataOutput out, SurveyMetric<?> metric, String argument) throws IOException {
        int code = metricCode(metric, argument);
        out.writeByte(code);
        if (code == 1) {
            CustomerSatisfactionScore.Definition csat = (CustomerSatisfactionScore.Definition) metric;
            BinaryFields.writeSigned(out, csat.scale().min());
            BinaryFields.writeSigned(out, csat.scale().max());
            BinaryFields.writeSigned(out, csat.satisfied().low());
        } else if (code == 2) {
            CustomerEffortScore.Definition ces = (CustomerEffortScore.Definition) metric;
            BinaryFields.writeSigned(out, ces.scale().min());
            BinaryFields.writeSigned(out, ces.scale().max());
            out.writeBoolean(ces.higherIsEasier());
            BinaryFields.writeSigned(out, ces.easy().low());
            BinaryFields.writeSigned(out, ces.easy().high());
        }
    }

    /** Reads a metric written by {@link #writeMetric}. */
    static SurveyMetric<?> readMetric(DataInput in) throws IOException {
        int code = in.readUnsignedByte();
        if (code == 0) {
            return NetPromoterScore.DEFINITION;
        } else if (code == 1) {
            RatingScale scale = RatingScale.of(readInt(in), readInt(in));
            return CustomerSatisfactionScore.Definition.of(scale, readInt(in));
        } else if (code == 2) {
            RatingScale scale = RatingScale.of(readInt(in), readInt(in));
            boolean higherIsEasier = in.readBoolean();
            RatingScale.Band easy = scale.band(readInt(in), readInt(in));
            return higherIsEasier ? CustomerEffortScore.Definition.higherIsEasier(easy)
                    : CustomerEffortScore.Definition.lowerIsEasier(easy);
        }
        throw InvalidArgumentException.of("bytes", "a metric code 0 (NPS), 1 (CSAT) or 2 (CES)", code);
    }

    private static int readInt(DataInput in) throws IOException {
        long value = BinaryFields.readSigned(in);
        BinaryFields.checkField(value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE, "an int", value);
        return (int) value;
    }
}
