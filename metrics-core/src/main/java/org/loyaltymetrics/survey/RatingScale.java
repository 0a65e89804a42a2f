package org.loyaltymetrics.survey;

import java.io.Serializable;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;

/**
 * An inclusive range of integer answers on a rating scale, such as 0..10 for the Net Promoter
 * question or 1..5 for customer satisfaction. The same type names a band within a scale, such as
 * the satisfied answers 4..5.
 *
 * <p>A scale has between 2 and {@value #MAX_POINTS} points. This record is immutable and thread-safe.
 *
 * @param min the lowest answer
 * @param max the highest answer, above {@code min}
 */
public record RatingScale(int min, int max) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The largest number of points a scale may have. */
    public static final int MAX_POINTS = 1001;

    /** The 0..10 likelihood-to-recommend scale of the Net Promoter Score. */
    public static final RatingScale ZERO_TO_TEN = new RatingScale(0, 10);
    /** The 1..5 scale, the default for customer satisfaction. */
    public static final RatingScale ONE_TO_FIVE = new RatingScale(1, 5);
    /** The 1..7 scale, the default for customer effort (CES 2.0). */
    public static final RatingScale ONE_TO_SEVEN = new RatingScale(1, 7);
    /** The 1..10 scale. */
    public static final RatingScale ONE_TO_TEN = new RatingScale(1, 10);

    /**
     * Validates the bounds: {@code min < max} and at most {@value #MAX_POINTS} points.
     *
     * @throws InvalidArgumentException naming {@code max} otherwise
     */
    public RatingScale {
        if (min >= max) {
            throw InvalidArgumentException.of("max", "> min " + min, max);
        }
        if ((long) max - min + 1 > MAX_POINTS) {
            throw InvalidArgumentException.of("max", "<= " + ((long) min + MAX_POINTS - 1) + " (at most " + MAX_POINTS
                    + " points from min " + min + ")", max);
        }
    }

    /** The scale {@code min..max}. */
    public static RatingScale of(int min, int max) {
        return new RatingScale(min, max);
    }

    /** The number of points, {@code max - min + 1}. */
    public int points() {
        return max - min + 1;
    }

    /** Whether {@code min <= answer <= max}. */
    public boolean contains(int answer) {
        return answer >= min && answer <= max;
    }

    /** Whether every point of {@code band} is on this scale. */
    public boolean contains(RatingScale band) {
        return band.min >= min && band.max <= max;
    }

    /** The midpoint {@code (min + max) / 2}, e.g. 4 on 1..7 and 5.5 on 1..10. */
    public double midpoint() {
        return (min + (double) max) / 2.0;
    }

    /**
     * Returns {@code answer} if it lies on the scale.
     *
     * @throws InvalidArgumentException naming the answer and the scale otherwise
     */
    public int checkAnswer(int answer) {
        if (!contains(answer)) {
            throw InvalidArgumentException.of("answer", "in " + this, answer);
        }
        return answer;
    }

    /**
     * The band {@code low..high} of this scale, such as the satisfied answers 4..5 of 1..5; a band
     * may be a single point.
     *
     * @throws InvalidArgumentException unless {@code min <= low <= high <= max}
     */
    public Band band(int low, int high) {
        return new Band(this, low, high);
    }

    /**
     * The band of the {@code k} highest points, e.g. {@code topBoxes(2)} of 1..5 is 4..5.
     *
     * @throws InvalidArgumentException unless {@code 1 <= k <= points()}
     */
    public Band topBoxes(int k) {
        checkBoxes(k);
        return new Band(this, max - k + 1, max);
    }

    /**
     * The band of the {@code k} lowest points, e.g. {@code bottomBoxes(2)} of 1..5 is 1..2.
     *
     * @throws InvalidArgumentException unless {@code 1 <= k <= points()}
     */
    public Band bottomBoxes(int k) {
        checkBoxes(k);
        return new Band(this, min, min + k - 1);
    }

    private void checkBoxes(int k) {
        if (k < 1 || k > points()) {
            throw InvalidArgumentException.of("k", "in 1.." + points() + " for the scale " + this, k);
        }
    }

    /** Reads {@code min..max}, e.g. {@code "1..5"}. */
    @Override
    public String toString() {
        return min + ".." + max;
    }

    /**
     * A band of answers {@code low..high} on a rating scale, such as the satisfied answers 4..5 on
     * 1..5; it may be a single point. This record is immutable and thread-safe.
     *
     * @param scale the scale
     * @param low the lowest answer of the band, on the scale
     * @param high the highest answer of the band, on the scale and not below {@code low}
     */
    public record Band(RatingScale scale, int low, int high) implements Serializable {

        private static final long serialVersionUID = 1L;

        /**
         * Validates that {@code scale.min <= low <= high <= scale.max}.
         *
         * @throws InvalidArgumentException naming {@code low} or {@code high} otherwise
         */
        public Band {
            Checks.notNull(scale, "scale");
            if (!scale.contains(low)) {
                throw InvalidArgumentException.of("low", "in " + scale, low);
            }
            if (!scale.contains(high) || high < low) {
                throw InvalidArgumentException.of("high", "in " + low + ".." + scale.max, high);
            }
        }

        /** Whether {@code low <= answer <= high}. */
        public boolean contains(int answer) {
            return answer >= low && answer <= high;
        }

        /** The number of points in the band. */
        public int points() {
            return high - low + 1;
        }

        /** Reads {@code low..high}, e.g. {@code "4..5"}. */
        @Override
        public String toString() {
            return low + ".." + high;
        }
    }
}
