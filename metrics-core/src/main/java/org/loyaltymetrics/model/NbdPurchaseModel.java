package org.loyaltymetrics.model;

import java.time.temporal.ChronoUnit;
import java.util.List;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.internal.TimeUnits;

/**
 * What the BG/NBD, MBG/NBD and Pareto/NBD models share, the "NBD" of their names: while alive, a
 * customer buys by a Poisson process whose rate λ is gamma(shape r, rate α) across customers, so that
 * purchase counts are negative binomial; r and α are the first two parameters, and every time is in
 * the unit of the data the model was fitted to. The models differ in how customers drop out.
 * Package-private; each of the three extends it.
 */
abstract class NbdPurchaseModel extends ParametricModel {

    private final ChronoUnit timeUnit;

    NbdPurchaseModel(String model, List<String> names, double[] parameters, ChronoUnit timeUnit, ModelFit fit) {
        super(model, names, parameters, fit);
        this.timeUnit = TimeUnits.check(timeUnit, "timeUnit");
    }

    /**
     * The start of α for a fit to {@code histories}: mean T / mean x, so that the start's mean purchase
     * rate r/α (with r = 1) matches the data's in any time unit; 1 for no data.
     */
    static double alphaStart(PurchaseHistories histories) {
        return histories.isEmpty() ? 1.0 : histories.meanAge() / Math.max(histories.meanFrequency(), 0.01);
    }

    /** The same start as {@link #alphaStart(PurchaseHistories)}, from the figures of data held in parts. */
    static double alphaStart(PartitionedLikelihood total) {
        return total.customers() == 0 ? 1.0 : total.meanAge() / Math.max(total.meanFrequency(), 0.01);
    }

    /** r, the shape of the gamma distribution of purchase rates λ. */
    public double r() {
        return parameter(0);
    }

    /** α, the rate (inverse scale, in time units) of the gamma distribution of purchase rates λ. */
    public double alpha() {
        return parameter(1);
    }

    /** The unit of every time this model takes and returns. */
    public final ChronoUnit timeUnit() {
        return timeUnit;
    }

    @Override
    String describeUnit() {
        return " (" + TimeUnits.name(timeUnit) + ")";
    }
}
