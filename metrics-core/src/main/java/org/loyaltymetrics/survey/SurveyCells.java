package org.loyaltymetrics.survey;

import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.internal.Formatting;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.stats.DifferenceTest;
import org.loyaltymetrics.stats.Measure;

/** The cells that {@link SurveyBreakdown} and {@link SurveySeries} print for a value: text, or null where undefined. */
final class SurveyCells {

    /** The confidence level of the intervals in the tables. */
    static final double CONFIDENCE = 0.95;

    private SurveyCells() {
    }

    /**
     * The headline figure of {@code value} and the bounds of its 95 % interval, four decimals each;
     * null where undefined (no answers; for a mean, fewer than two).
     */
    static String[] figureAndInterval(Measure<?> value) {
        if (value.isEmpty()) {
            return new String[3];
        }
        ConfidenceInterval interval = intervalOrNull(value);
        return new String[] {decimal(value.value()), interval == null ? null : decimal(interval.low()),
            interval == null ? null : decimal(interval.high())};
    }

    /** The change {@code later − earlier} and its p-value, null where the test is undefined. */
    static <V extends Measure<V>> String[] changeAndPValue(V later, V earlier) {
        DifferenceTest change = changeOrNull(later, earlier);
        return change == null ? new String[2]
                : new String[] {(change.difference() >= 0 ? "+" : "") + decimal(change.difference()),
                    decimal(change.pValue())};
    }


    private static String decimal(double value) {
        return Formatting.decimal(value, 4);
    }

    /* A Measure tells whether it is empty, not whether its interval or a test is defined (a mean of one
       answer has a value but no interval): the library reports that with UndefinedResultException. */

    private static ConfidenceInterval intervalOrNull(Measure<?> value) {
        try {
            return value.confidenceInterval(CONFIDENCE);
        } catch (UndefinedResultException undefined) {
            return null;
        }
    }

    private static <V extends Measure<V>> DifferenceTest changeOrNull(V later, V earlier) {
        try {
            return later.differenceFrom(earlier);
        } catch (UndefinedResultException undefined) {
            return null;
        }
    }
}
