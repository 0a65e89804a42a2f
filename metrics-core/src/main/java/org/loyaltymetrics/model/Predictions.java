package org.loyaltymetrics.model;

import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.data.PurchaseHistory;
import org.loyaltymetrics.internal.Checks;

/** Argument checks and the simulation loop shared by the continuous-time models. */
final class Predictions {

    /** One simulated customer observed for {@code age}: writes {x, tₓ} into {@code out}. */
    interface Simulator {
        void simulate(SplittableRandom random, double age, double[] out);
    }

    private Predictions() {
    }

    /** Checks a horizon {@code t}: finite and &gt;= 0. */
    static double horizon(double t) {
        return Checks.nonNegative(t, "t");
    }

    /**
     * Whether {@code history} (not null) is in another unit than {@code unit}, the model's, so that it
     * must be converted first. The predictions ask this rather than converting unconditionally, so that
     * a history in the model's unit is read where it is: a history built in a loop is then never
     * allocated (escape analysis cannot remove an object that merges with a converted copy).
     */
    static boolean needsConversion(PurchaseHistory history, ChronoUnit unit) {
        return Checks.notNull(history, "history").timeUnit() != unit;
    }

    /** Simulates one customer per age with a generator seeded with {@code seed}. */
    static PurchaseHistories simulate(double[] ages, long seed, ChronoUnit unit, Simulator simulator) {
        Checks.notNull(ages, "ages");
        for (int i = 0; i < ages.length; i++) {
            if (!(ages[i] > 0.0 && ages[i] < Double.POSITIVE_INFINITY)) {
                throw InvalidArgumentException.of("ages", "finite and > 0 in every entry", ages[i] + " at index " + i);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        PurchaseHistories.Accumulator accumulator = PurchaseHistories.accumulator(unit);
        double[] out = new double[2];
        for (double age : ages) {
            simulator.simulate(random, age, out);
            accumulator.add((long) out[0], out[1], age);
        }
        return accumulator.snapshot();
    }
}
