package org.loyaltymetrics.spark;

import java.io.Serializable;
import java.util.Objects;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.Measure;

/**
 * A KPI's figure with its confidence interval and the count it rests on, the struct that the SQL
 * functions of {@link LoyaltyFunctions} return: {@code struct<count: bigint, high: double, low: double,
 * value: double>} (Spark orders a bean's fields by name). {@code value}, {@code low} and {@code high}
 * are null where the figure is undefined (no answers, no customers at the start); an interval side
 * that the data cannot bound is infinite.
 *
 * <p>A JavaBean, as Spark's encoder needs; not thread-safe (mutable for the encoder only).
 */
public final class Figure implements Serializable {

    private static final long serialVersionUID = 1L;

    private Double value;
    private Double low;
    private Double high;
    private long count;

    /** An empty figure, for Spark's encoder. */
    public Figure() {
    }

    /** The figure of {@code measure} with its interval at {@code confidence}, resting on {@code count}. */
    public static Figure of(Measure<?> measure, double confidence, long count) {
        Figure figure = new Figure();
        figure.count = count;
        if (!measure.isEmpty()) {
            ConfidenceInterval interval = measure.confidenceInterval(confidence);
            figure.value = measure.value();
            figure.low = interval.low();
            figure.high = interval.high();
        }
        return figure;
    }

    /** The headline figure (NPS points, a share in 0..1, a mean answer), or null where undefined. */
    public Double getValue() {
        return value;
    }

    /** For Spark's encoder. */
    public void setValue(Double value) {
        this.value = value;
    }

    /** The interval's lower end, or null where undefined. */
    public Double getLow() {
        return low;
    }

    /** For Spark's encoder. */
    public void setLow(Double low) {
        this.low = low;
    }

    /** The interval's upper end, or null where undefined. */
    public Double getHigh() {
        return high;
    }

    /** For Spark's encoder. */
    public void setHigh(Double high) {
        this.high = high;
    }

    /** The count the figure rests on: answers, customers at the start, e-mails delivered. */
    public long getCount() {
        return count;
    }

    /** For Spark's encoder. */
    public void setCount(long count) {
        this.count = count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Figure f && Objects.equals(value, f.value) && Objects.equals(low, f.low)
                && Objects.equals(high, f.high) && count == f.count;
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, low, high, count);
    }

    /** {@code "Figure 35.0 [12.1, 55.3] of 40"}. */
    @Override
    public String toString() {
        return "Figure " + value + " [" + low + ", " + high + "] of " + count;
    }
}
