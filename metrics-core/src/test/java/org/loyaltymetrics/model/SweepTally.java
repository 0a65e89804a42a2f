package org.loyaltymetrics.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The counts of a model's domain sweep (the sweeps of {@link ParetoNbdSweepTest},
 * {@link GammaGammaSweepTest} and {@link ShiftedBetaGeometricSweepTest}): points, NaN, infinities, values
 * out of range, steps against monotonicity beyond 1e-13 relative (rounding), exceptions, values beyond
 * 1e-8 relative (plus a stated absolute allowance) of the reference, and the worst relative error.
 */
final class SweepTally {

    private static final double TOLERANCE = 1e-8;
    private static final double SLACK = 1e-13;

    int points;
    int nan;
    int infinite;
    int outOfRange;
    int nonMonotone;
    int exceptions;
    int inaccurate;
    double worst;
    final List<String> examples = new ArrayList<>();

    void note(String what) {
        if (examples.size() < 20) {
            examples.add(what);
        }
    }

    /** The value, or null after counting an exception. */
    Double evaluate(DoubleSupplier function, String where) {
        try {
            return function.getAsDouble();
        } catch (RuntimeException e) {
            points++;
            exceptions++;
            note(e + " at " + where);
            return null;
        }
    }

    /** Compares to the reference with an absolute allowance besides the relative tolerance. */
    void compare(double value, double reference, double absolute, String where) {
        points++;
        if (Double.isNaN(value)) {
            nan++;
            note("NaN at " + where);
            return;
        }
        if (Double.isInfinite(value)) {
            infinite++;
            note("infinite at " + where);
            return;
        }
        double difference = Math.abs(value - reference);
        if (reference != 0.0) {
            worst = Math.max(worst, Math.max(0.0, difference - absolute) / Math.abs(reference));
        }
        if (!(difference <= TOLERANCE * Math.abs(reference) + absolute)) {
            inaccurate++;
            note(value + " against " + reference + " at " + where);
        }
    }

    void range(double value, double from, double to, String where) {
        if (value < from || value > to) {
            outOfRange++;
            note(value + " outside [" + from + ", " + to + "] at " + where);
        }
    }

    /** Whether {@code next} follows {@code previous} in the {@code direction} (+1 rising, −1 falling). */
    void monotone(double previous, double next, int direction, String where) {
        if (Double.isNaN(previous) || Double.isNaN(next)) {
            return;
        }
        double slack = SLACK * Math.max(Math.abs(previous), Math.abs(next)) + Double.MIN_VALUE;
        if (direction * (next - previous) < -slack) {
            nonMonotone++;
            note(next + " after " + previous + " at " + where);
        }
    }

    void assertClean(String sweep) {
        System.out.printf("%s: %d points, worst relative error %.2e, %d NaN, %d infinite, %d out of range, "
                + "%d non-monotone, %d exceptions, %d beyond 1e-8%n", sweep, points, worst, nan, infinite,
                outOfRange, nonMonotone, exceptions, inaccurate);
        assertThat(points).isPositive();
        assertThat(new int[] {nan, infinite, outOfRange, nonMonotone, exceptions, inaccurate})
                .as("NaN, infinite, out of range, non-monotone, exceptions, inaccurate over %d points (worst %s): %s",
                        points, worst, examples)
                .containsOnly(0);
    }
}
