package org.loyaltymetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The counts of a domain sweep (of the special functions, and of the Pareto/NBD, Gamma-Gamma and sBG
 * models): points, NaN, infinities, values
 * out of range, steps against monotonicity beyond 1e-13 relative (rounding), exceptions, values beyond
 * 1e-8 relative (plus a stated absolute allowance) of the reference, and the worst relative error.
 */
public final class SweepTally {

    private static final double TOLERANCE = 1e-8;
    private static final double SLACK = 1e-13;

    public int points;
    public int nan;
    public int infinite;
    public int outOfRange;
    public int nonMonotone;
    public int exceptions;
    public int inaccurate;
    public double worst;
    public final List<String> examples = new ArrayList<>();

    public void note(String what) {
        if (examples.size() < 20) {
            examples.add(what);
        }
    }

    /** The value, or null after counting an exception. */
    public Double evaluate(DoubleSupplier function, String where) {
        try {
            return function.getAsDouble();
        } catch (RuntimeException e) {
            points++;
            exceptions++;
            note(e + " at " + where);
            return null;
        }
    }

    /** Compares to the reference within the relative tolerance alone. */
    public void compare(double value, double reference, String where) {
        compare(value, reference, 0.0, where);
    }

    /** Compares to the reference with an absolute allowance besides the relative tolerance. */
    public void compare(double value, double reference, double absolute, String where) {
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

    public void range(double value, double from, double to, String where) {
        if (value < from || value > to) {
            outOfRange++;
            note(value + " outside [" + from + ", " + to + "] at " + where);
        }
    }

    /** Whether {@code next} follows {@code previous} in the {@code direction} (+1 rising, −1 falling). */
    public void monotone(double previous, double next, int direction, String where) {
        if (Double.isNaN(previous) || Double.isNaN(next)) {
            return;
        }
        double slack = SLACK * Math.max(Math.abs(previous), Math.abs(next)) + Double.MIN_VALUE;
        if (direction * (next - previous) < -slack) {
            nonMonotone++;
            note(next + " after " + previous + " at " + where);
        }
    }

    public void assertClean(String sweep) {
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
