package org.loyaltymetrics.model;

import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.loyaltymetrics.data.PurchaseHistories;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.internal.TimeUnits;

/** Argument checks and the simulation loop shared by the continuous-time models. */
final class Predictions {

    /** One simulated customer observed for {@code age}: writes {x, tₓ} into {@code out}. */
    interface Simulator {
        void simulate(SplittableRandom random, double age, double[] out);
    }

    private Predictions() {
    }

    /** Checks a horizon: finite and &gt;= 0. */
    static double horizon(double t) {
        return Checks.nonNegative(t, "t");
    }

    /** Checks that {@code histories} are in {@code unit}. */
    static void requireUnit(PurchaseHistories histories, ChronoUnit unit) {
        Checks.notNull(histories, "histories");
        if (histories.timeUnit() != unit) {
            throw new IllegalArgumentException("histories must be in the model's time unit " + TimeUnits.name(unit)
                    + ", were in " + TimeUnits.name(histories.timeUnit()));
        }
    }

    /** Simulates one customer per age with a generator seeded with {@code seed}. */
    static PurchaseHistories simulate(double[] ages, long seed, ChronoUnit unit, Simulator simulator) {
        Checks.notNull(ages, "ages");
        for (double age : ages) {
            if (!(age > 0.0) || !Double.isFinite(age)) {
                throw new IllegalArgumentException("every age must be finite and > 0, was " + age);
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
