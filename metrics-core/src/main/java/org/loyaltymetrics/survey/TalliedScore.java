package org.loyaltymetrics.survey;

import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;
import org.loyaltymetrics.stats.Measure;

/**
 * What customer satisfaction and customer effort share: a single-question KPI under a definition
 * (a {@link SurveyMetric}: scale and the band of answers it counts) that holds the
 * {@link ResponseTally} of its answers and derives every figure from it. Two scores of one
 * definition add exactly; scores of different definitions are different KPIs, never added or
 * compared.
 *
 * <p>Subclasses are immutable and thread-safe.
 *
 * @param <S> the score's own type
 * @param <D> the type of its definition
 */
abstract class TalliedScore<S extends TalliedScore<S, D>, D extends SurveyMetric<S>> implements Measure<S> {

    private final D definition;
    private final ResponseTally tally;

    /**
     * The score of {@code tally} under {@code definition}.
     *
     * @throws InvalidArgumentException if the tally is not on the definition's scale
     */
    TalliedScore(D definition, ResponseTally tally) {
        Checks.notNull(tally, "tally");
        Checks.notNull(definition, "definition");
        if (!tally.scale().equals(definition.scale())) {
            throw InvalidArgumentException.of("tally", "on the scale " + definition.scale(), "on " + tally.scale());
        }
        this.definition = definition;
        this.tally = tally;
    }

    /** The definition: the scale and the answers that count. */
    public D definition() {
        return definition;
    }

    /** The answers counted per point of the scale. */
    public ResponseTally tally() {
        return tally;
    }

    /** The number of answers. */
    public long responses() {
        return tally.total();
    }

    /** Whether there are no answers, so that every figure is undefined. */
    @Override
    public boolean isEmpty() {
        return tally.isEmpty();
    }

    /**
     * The score of both samples together: their tallies added.
     *
     * @throws InvalidArgumentException if {@code other} has another definition
     * @throws ArithmeticException if a count overflows
     */
    public S plus(S other) {
        checkSameDefinition(other, "other");
        return definition.evaluate(tally.plus(other.tally()));
    }

    /** Checks that {@code argument}, named {@code name}, is not null and has this score's definition. */
    final void checkSameDefinition(S argument, String name) {
        Checks.notNull(argument, name);
        Checks.sameSetting(definition, argument.definition(), name, "definition");
    }

    /** Equal when of the same type, definition and answers. */
    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((TalliedScore<?, ?>) o).definition.equals(definition)
                && ((TalliedScore<?, ?>) o).tally.equals(tally);
    }

    @Override
    public int hashCode() {
        return 31 * definition.hashCode() + tally.hashCode();
    }
}
