package org.loyaltymetrics.behavior;

import java.io.Serializable;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.Formatting;

/**
 * The weights of the {@link EngagementComponent}s in the {@link EngagementScore}. Weights are
 * relative (they are divided by their sum); a weight of 0 leaves a component out. The default,
 * {@link #EQUAL}, weighs every component 1.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class EngagementWeights implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Every component weighted 1. */
    public static final EngagementWeights EQUAL = new EngagementWeights(filled(1.0));

    private final double[] weights;

    private EngagementWeights(double[] weights) {
        this.weights = weights;
    }

    private static double[] filled(double value) {
        double[] weights = new double[EngagementComponent.values().length];
        Arrays.fill(weights, value);
        return weights;
    }

    /**
     * The given weights, every component not named weighing 0.
     *
     * @throws InvalidArgumentException if a weight is negative or not finite, or all are 0
     */
    public static EngagementWeights of(Map<EngagementComponent, Double> weights) {
        Checks.notNull(weights, "weights");
        double[] values = filled(0.0);
        weights.forEach((component, weight) -> values[Checks.notNull(component, "component").ordinal()] =
                checkWeight(component, Checks.notNull(weight, "weight"), "weights"));
        return checked(values);
    }

    /**
     * These weights with {@code component} weighing {@code weight}.
     *
     * @throws InvalidArgumentException if the weight is negative or not finite, or all would be 0
     */
    public EngagementWeights with(EngagementComponent component, double weight) {
        double[] values = weights.clone();
        values[Checks.notNull(component, "component").ordinal()] = checkWeight(component, weight, "weight");
        return checked(values);
    }

    private static double checkWeight(EngagementComponent component, double weight, String argument) {
        if (!(weight >= 0.0 && weight < Double.POSITIVE_INFINITY)) {
            throw new InvalidArgumentException(argument, "weight of " + component + " must be finite and >= 0, was "
                    + weight);
        }
        return weight;
    }

    private static EngagementWeights checked(double[] values) {
        if (Arrays.stream(values).noneMatch(w -> w > 0)) {
            throw new InvalidArgumentException("weights", "weights must have a weight > 0, were all 0");
        }
        return new EngagementWeights(values);
    }

    /** The weight of {@code component}. */
    public double weight(EngagementComponent component) {
        return weights[Checks.notNull(component, "component").ordinal()];
    }

    /** The weights as a map, every component present. */
    public Map<EngagementComponent, Double> asMap() {
        Map<EngagementComponent, Double> map = new EnumMap<>(EngagementComponent.class);
        for (EngagementComponent component : EngagementComponent.values()) {
            map.put(component, weights[component.ordinal()]);
        }
        return map;
    }

    double sum() {
        double sum = 0;
        for (double weight : weights) {
            sum += weight;
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EngagementWeights && Arrays.equals(((EngagementWeights) o).weights, weights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights);
    }

    /** Reads, e.g., {@code "engagement weights {ACTIVE_TIME: 1.00, ...}"}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("engagement weights {");
        for (EngagementComponent component : EngagementComponent.values()) {
            text.append(component.ordinal() == 0 ? "" : ", ").append(component).append(": ")
                    .append(Formatting.decimal(weights[component.ordinal()], 2));
        }
        return text.append('}').toString();
    }
}
