package org.loyaltymetrics.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.UndefinedResultException;
import org.loyaltymetrics.stats.ConfidenceInterval;

class ResponseTallyTest {

    private static final RatingScale SCALE = RatingScale.ONE_TO_FIVE;

    @Test
    void countsAnswersPerPoint() {
        ResponseTally tally = ResponseTally.of(SCALE, 5, 4, 4, 1, 5, 5, 3);
        assertThat(tally.total()).isEqualTo(7);
        assertThat(tally.counts()).containsExactly(1, 0, 1, 2, 3);
        assertThat(tally.count(5)).isEqualTo(3);
        assertThat(tally.count(SCALE.topBoxes(2))).isEqualTo(5);
        assertThat(tally.proportion(SCALE.topBoxes(2)).value()).isCloseTo(5.0 / 7, within(1e-15));
        assertThat(tally).isEqualTo(ResponseTally.ofCounts(SCALE, 1, 0, 1, 2, 3))
                .isEqualTo(ResponseTally.of(SCALE, new byte[] {5, 4, 4, 1, 5, 5, 3}))
                .hasSameHashCodeAs(ResponseTally.ofCounts(SCALE, 1, 0, 1, 2, 3));
        assertThat(tally).hasToString("ResponseTally 1..5, 7 answers {1: 1, 2: 0, 3: 1, 4: 2, 5: 3}, mean 3.86");
    }

    @Test
    void meanVarianceAndIntervalByHand() {
        // counts 10, 10, 13, 30, 44 on 1..5: mean 409/107 = 3.8224299, s = 1.3161772,
        // t(0.975, 106) interval [3.5701649256794274, 4.074694887404685] (SciPy t.interval)
        ResponseTally tally = ResponseTally.ofCounts(SCALE, 10, 10, 13, 30, 44);
        assertThat(tally.mean()).isCloseTo(409.0 / 107, within(1e-14));
        assertThat(tally.standardDeviation()).isCloseTo(1.3161771695857172, within(1e-14));
        ConfidenceInterval interval = tally.meanEstimate().confidenceInterval(0.95);
        assertThat(interval.low()).isCloseTo(3.5701649256794274, within(1e-12));
        assertThat(interval.high()).isCloseTo(4.074694887404685, within(1e-12));
        assertThat(tally.meanEstimate().degreesOfFreedom()).isEqualTo(106);
    }

    @Test
    void bulkAddEqualsOneByOne() {
        int[] answers = IntStream.range(0, 1003).map(i -> 1 + (i * 7 + i / 3) % 5).toArray();
        ResponseTally.Accumulator oneByOne = ResponseTally.accumulator(SCALE);
        for (int answer : answers) {
            oneByOne.add(answer);
        }
        byte[] bytes = new byte[answers.length];
        for (int i = 0; i < answers.length; i++) {
            bytes[i] = (byte) answers[i];
        }
        assertThat(ResponseTally.of(SCALE, answers)).isEqualTo(oneByOne.snapshot());
        assertThat(ResponseTally.of(SCALE, bytes)).isEqualTo(oneByOne.snapshot());
        assertThat(IntStream.of(answers).boxed().collect(ResponseTally.collector(SCALE))).isEqualTo(oneByOne.snapshot());
    }

    @Test
    void aBadAnswerInABulkAddLeavesTheAccumulatorUnchanged() {
        ResponseTally.Accumulator accumulator = ResponseTally.accumulator(SCALE).addAll(1, 2, 3);
        int[] answers = {1, 2, 3, 4, 5, 1, 2, 3, 4, 0, 5};
        assertThatThrownBy(() -> accumulator.addAll(answers)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("answers[9] must be in 1..5, was 0");
        assertThatThrownBy(() -> accumulator.addAll(new byte[] {1, 2, 3, 4, 5, 6}))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("answers[5] must be in 1..5, was 6");
        assertThatThrownBy(() -> accumulator.addAll(new byte[] {-128})).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("answers[0] must be in 1..5, was -128");
        assertThat(accumulator.snapshot()).isEqualTo(ResponseTally.of(SCALE, 1, 2, 3));
        // The scratch counters were cleared: the next bulk add counts only its own answers.
        assertThat(accumulator.addAll(5, 5).snapshot()).isEqualTo(ResponseTally.of(SCALE, 1, 2, 3, 5, 5));
    }

    @Test
    void combineAndPlusAddExactly() {
        ResponseTally.Accumulator left = ResponseTally.accumulator(SCALE).addAll(1, 2, 2);
        ResponseTally.Accumulator right = ResponseTally.accumulator(SCALE).addAll(5, 4);
        assertThat(left.combine(right).snapshot()).isEqualTo(ResponseTally.of(SCALE, 1, 2, 2, 5, 4));
        assertThat(right.snapshot()).isEqualTo(ResponseTally.of(SCALE, 5, 4));
        assertThat(ResponseTally.of(SCALE, 1).plus(ResponseTally.of(SCALE, 3, 3))).isEqualTo(ResponseTally.of(SCALE, 1, 3, 3));
        assertThat(ResponseTally.accumulator(SCALE).add(4, 1_000_000_000_000L).snapshot().count(4))
                .isEqualTo(1_000_000_000_000L);
    }

    @Test
    void emptyAndSingleAnswerFiguresAreUndefined() {
        ResponseTally empty = ResponseTally.accumulator(SCALE).snapshot();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty).hasToString("ResponseTally 1..5, 0 answers {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}");
        assertThatThrownBy(empty::mean).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the mean is undefined for 0 answers (needs at least 1)");
        ResponseTally one = ResponseTally.of(SCALE, 4);
        assertThat(one.mean()).isEqualTo(4.0);
        assertThatThrownBy(one::variance).isInstanceOf(UndefinedResultException.class)
                .hasMessage("the variance is undefined for 1 answer (needs at least 2)");
        assertThatThrownBy(one::meanEstimate).isInstanceOf(UndefinedResultException.class);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> ResponseTally.ofCounts(SCALE, 1, 2, 3)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("counts must be one count per point of 1..5 (5), was 3 counts");
        assertThatThrownBy(() -> ResponseTally.ofCounts(SCALE, 1, 2, -3, 0, 0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("counts[2] (answer 3) must be a count >= 0, was -3").extracting("argument").isEqualTo("counts");
        assertThatThrownBy(() -> ResponseTally.ofCounts(SCALE, Long.MAX_VALUE, 1, 0, 0, 0))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("total answers overflows a long");
        assertThatThrownBy(() -> ResponseTally.accumulator(SCALE).add(3, Long.MAX_VALUE).add(3))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("total answers overflows a long");
        assertThatThrownBy(() -> ResponseTally.accumulator(SCALE).add(2, -1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("count must be a count >= 0, was -1");
        assertThatThrownBy(() -> ResponseTally.accumulator(SCALE).add(6)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("answer must be in 1..5, was 6");
        assertThatThrownBy(() -> ResponseTally.of(SCALE, (int[]) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("answers must not be null");
        assertThatThrownBy(() -> ResponseTally.accumulator(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("scale must not be null");
        assertThatThrownBy(() -> ResponseTally.accumulator(SCALE).combine(ResponseTally.accumulator(RatingScale.ONE_TO_TEN)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("other must have the same scale 1..5, had 1..10")
                .extracting("argument").isEqualTo("other");
        assertThatThrownBy(() -> ResponseTally.of(SCALE, 1).plus(ResponseTally.of(RatingScale.ONE_TO_TEN, 1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("other must have the same scale 1..5, had 1..10");
        assertThatThrownBy(() -> ResponseTally.of(SCALE, 1).count(RatingScale.ONE_TO_TEN.band(1, 2)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("band must be on the scale 1..5, was on 1..10");
        assertThatThrownBy(() -> ResponseTally.of(SCALE, 1).count(0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("answer must be in 1..5, was 0");
    }

    @Test
    void consecutiveBulkAddsCountEveryAnswerOnce() {
        // 1, 2, 3, 4, 5 | 5, 4 | 3, 3, 3, 3, 1 | 2: counts 2, 2, 5, 2, 2 of 13
        ResponseTally.Accumulator accumulator = ResponseTally.accumulator(SCALE);
        assertThat(accumulator.scale()).isEqualTo(SCALE);
        accumulator.addAll(1, 2, 3, 4, 5).addAll(5, 4).addAll(new byte[] {3, 3, 3, 3, 1}).addAll(new byte[] {2});
        assertThat(accumulator.total()).isEqualTo(13);
        assertThat(accumulator.snapshot().counts()).containsExactly(2, 2, 5, 2, 2);
        assertThat(accumulator).hasToString("ResponseTally.Accumulator 1..5, 13 answers");
        assertThat(ResponseTally.accumulator(SCALE).add(2)).hasToString("ResponseTally.Accumulator 1..5, 1 answer");
        // a failed bulk add of ints leaves nothing behind for the next one
        ResponseTally.Accumulator afterFailure = ResponseTally.accumulator(SCALE);
        assertThatThrownBy(() -> afterFailure.addAll(5, 5, 5, 5, 9)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("answers[4] must be in 1..5, was 9");
        assertThat(afterFailure.addAll(1).snapshot()).isEqualTo(ResponseTally.of(SCALE, 1));
        assertThat(afterFailure.total()).isEqualTo(1);
    }

    @Test
    void singleAddsChainAndTalliesOfAnotherScaleAreRejected() {
        assertThat(ResponseTally.accumulator(SCALE).add(3).add(4).add(4, 2).snapshot())
                .isEqualTo(ResponseTally.of(SCALE, 3, 4, 4, 4));
        ResponseTally.Accumulator accumulator = ResponseTally.accumulator(SCALE).add(2);
        assertThatThrownBy(() -> accumulator.addAll(ResponseTally.of(RatingScale.ONE_TO_TEN, 9, 10)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("tally must have the same scale 1..5, had 1..10");
        assertThat(accumulator.snapshot()).isEqualTo(ResponseTally.of(SCALE, 2));
        assertThat(accumulator.addAll(ResponseTally.of(SCALE, 5, 5)).total()).isEqualTo(3);
    }

    @Test
    void bulkAddsAfterSerialization() throws Exception {
        ResponseTally.Accumulator accumulator = ResponseTally.accumulator(SCALE).addAll(1, 2, 3);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(accumulator);
        }
        ResponseTally.Accumulator copy;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ResponseTally.Accumulator) in.readObject();
        }
        assertThat(copy.addAll(5, 5).addAll(new byte[] {4}).snapshot()).isEqualTo(ResponseTally.of(SCALE, 1, 2, 3, 5, 5, 4));
    }

    @Test
    void answersFarOffTheScaleAreFoundInBulk() {
        // 1..5 is counted in 8 slots: 7 lands beyond the points, 9 and the extremes beyond the slots
        ResponseTally.Accumulator accumulator = ResponseTally.accumulator(SCALE);
        assertThatThrownBy(() -> accumulator.addAll(1, 2, 7, 9)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("answers[2] must be in 1..5, was 7");
        assertThatThrownBy(() -> accumulator.addAll(1, 2, 3, 4, 5, 9)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("answers[5] must be in 1..5, was 9");
        assertThatThrownBy(() -> accumulator.addAll(3, Integer.MIN_VALUE)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("answers[1] must be in 1..5, was -2147483648");
        assertThatThrownBy(() -> accumulator.addAll(Integer.MAX_VALUE)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("answers[0] must be in 1..5, was 2147483647");
        assertThat(accumulator.total()).isZero();
        assertThat(accumulator.addAll(5, 4, 3, 2, 1).snapshot()).isEqualTo(ResponseTally.ofCounts(SCALE, 1, 1, 1, 1, 1));
    }

    @Test
    void equalityIsByScaleAndCounts() {
        ResponseTally tally = ResponseTally.ofCounts(SCALE, 1, 0, 1, 2, 3);
        ResponseTally otherCounts = ResponseTally.ofCounts(SCALE, 1, 0, 1, 2, 4);
        ResponseTally otherScale = ResponseTally.ofCounts(RatingScale.of(2, 6), 1, 0, 1, 2, 3);
        assertThat(tally).isNotEqualTo(otherCounts).isNotEqualTo(otherScale).isNotEqualTo("1..5");
        assertThat(tally.hashCode()).isNotEqualTo(otherCounts.hashCode()).isNotEqualTo(otherScale.hashCode());
    }
}
