package org.loyaltymetrics.behavior;

import java.io.Serializable;
import java.util.Arrays;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;

/**
 * The weights of complaint severity levels 1..n for the severity-weighted complaint index (the
 * customer-experience metrics guide: track the number and the severity of complaints over time). Level 1 is the
 * mildest. The default, {@link #DEFAULT}, has three levels (low, medium, high) weighted 1, 2 and 3; a business that
 * judges a severe complaint ten times as bad as a minor one says so with {@code of(1, 10)}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class SeverityWeights implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Three levels, low, medium and high, weighted 1, 2 and 3. */
    public static final SeverityWeights DEFAULT = of(1, 2, 3);

    private final double[] weights;

    private SeverityWeights(double[] weights) {
        this.weights = weights;
    }

    /**
     * The weights of levels 1, 2, ... in order.
     *
     * @throws InvalidArgumentException if there are no weights, or more than 100, or a weight is
     *     negative or not finite, or all are 0
     */
    public static SeverityWeights of(double... weightsPerLevel) {
        Checks.notNull(weightsPerLevel, "weightsPerLevel");
        if (weightsPerLevel.length < 1 || weightsPerLevel.length > 100) {
            throw new InvalidArgumentException("weightsPerLevel", "weightsPerLevel must have 1..100 weights, had "
                    + weightsPerLevel.length);
        }
        boolean positive = false;
        for (int i = 0; i < weightsPerLevel.length; i++) {
            double weight = weightsPerLevel[i];
            if (!(weight >= 0.0 && weight < Double.POSITIVE_INFINITY)) {
                throw new InvalidArgumentException("weightsPerLevel", "weight of severity " + (i + 1)
                        + " must be finite and >= 0, was " + weight);
            }
            positive |= weight > 0;
        }
        if (!positive) {
            throw new InvalidArgumentException("weightsPerLevel", "weightsPerLevel must have a weight > 0, were all 0");
        }
        return new SeverityWeights(weightsPerLevel.clone());
    }

    /** The number of severity levels. */
    public int levels() {
        return weights.length;
    }

    /**
     * The weight of {@code severity}.
     *
     * @throws InvalidArgumentException if the severity is not in 1..levels()
     */
    public double weight(int severity) {
        return weights[checkSeverity(severity) - 1];
    }

    int checkSeverity(int severity) {
        if (severity < 1 || severity > weights.length) {
            throw InvalidArgumentException.of("severity", "in 1.." + weights.length, severity);
        }
        return severity;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeverityWeights && Arrays.equals(((SeverityWeights) o).weights, weights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights);
    }

    /** Reads, e.g., {@code "severity weights {1: 1, 2: 2, 3: 3}"}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("severity weights {");
        for (int i = 0; i < weights.length; i++) {
            String w = Formatting.decimal(weights[i], 4).replaceAll("\\.?0+$", "");
            text.append(i == 0 ? "" : ", ").append(i + 1).append(": ").append(w);
        }
        return text.append('}').toString();
    }
}
