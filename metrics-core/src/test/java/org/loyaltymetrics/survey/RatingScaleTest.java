package org.loyaltymetrics.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;

class RatingScaleTest {

    @Test
    void standardScales() {
        assertThat(RatingScale.ZERO_TO_TEN.points()).isEqualTo(11);
        assertThat(RatingScale.ONE_TO_FIVE.points()).isEqualTo(5);
        assertThat(RatingScale.ONE_TO_SEVEN.midpoint()).isEqualTo(4.0);
        assertThat(RatingScale.ONE_TO_TEN.midpoint()).isEqualTo(5.5);
        assertThat(RatingScale.of(0, 10)).isEqualTo(RatingScale.ZERO_TO_TEN).hasToString("0..10");
    }

    @Test
    void checksAnswers() {
        assertThat(RatingScale.ONE_TO_FIVE.checkAnswer(5)).isEqualTo(5);
        assertThat(RatingScale.ONE_TO_FIVE.contains(0)).isFalse();
        assertThatThrownBy(() -> RatingScale.ZERO_TO_TEN.checkAnswer(11)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("answer must be in 0..10, was 11");
        assertThatThrownBy(() -> RatingScale.ZERO_TO_TEN.checkAnswer(-1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("answer must be in 0..10, was -1");
    }

    @Test
    void bands() {
        assertThat(RatingScale.ONE_TO_FIVE.topBoxes(2)).isEqualTo(RatingScale.ONE_TO_FIVE.band(4, 5)).hasToString("4..5");
        assertThat(RatingScale.ONE_TO_FIVE.bottomBoxes(1)).isEqualTo(RatingScale.ONE_TO_FIVE.band(1, 1));
        assertThat(RatingScale.ONE_TO_FIVE.band(2, 4).points()).isEqualTo(3);
        assertThat(RatingScale.ONE_TO_FIVE.band(2, 4).contains(4)).isTrue();
        assertThat(RatingScale.ONE_TO_FIVE.band(2, 4).contains(5)).isFalse();
        assertThat(RatingScale.ZERO_TO_TEN.contains(RatingScale.ONE_TO_TEN)).isTrue();
        assertThat(RatingScale.ONE_TO_FIVE.contains(RatingScale.ZERO_TO_TEN)).isFalse();
    }

    @Test
    void rejectsReversedAndOversizedScalesAndBadBands() {
        assertThatThrownBy(() -> RatingScale.of(5, 1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("max must be > min 5, was 1").extracting("argument").isEqualTo("max");
        assertThatThrownBy(() -> RatingScale.of(3, 3)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("max must be > min 3, was 3");
        assertThatThrownBy(() -> RatingScale.of(0, 1001)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("max must be <= 1000 (at most 1001 points from min 0), was 1001");
        assertThatThrownBy(() -> RatingScale.of(Integer.MIN_VALUE, Integer.MAX_VALUE))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("max must be <= -2147482648 (at most 1001 points from min -2147483648), was 2147483647");
        assertThatThrownBy(() -> RatingScale.ONE_TO_FIVE.band(4, 6)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("high must be in 4..5, was 6").extracting("argument").isEqualTo("high");
        assertThatThrownBy(() -> RatingScale.ONE_TO_FIVE.band(4, 3)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("high must be in 4..5, was 3");
        assertThatThrownBy(() -> RatingScale.ONE_TO_FIVE.band(0, 3)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("low must be in 1..5, was 0").extracting("argument").isEqualTo("low");
        assertThatThrownBy(() -> RatingScale.ONE_TO_FIVE.topBoxes(6)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("k must be in 1..5 for the scale 1..5, was 6");
        assertThatThrownBy(() -> new RatingScale.Band(null, 1, 2)).isInstanceOf(NullPointerException.class)
                .hasMessage("scale must not be null");
    }

    @Test
    void boundariesOfScalesAndBoxes() {
        // exactly 1001 points is allowed
        assertThat(RatingScale.of(0, 1000).points()).isEqualTo(RatingScale.MAX_POINTS);
        // a scale contains itself and its end points
        assertThat(RatingScale.ONE_TO_FIVE.contains(RatingScale.ONE_TO_FIVE)).isTrue();
        assertThat(RatingScale.ONE_TO_FIVE.contains(RatingScale.of(1, 4))).isTrue();
        assertThat(RatingScale.ONE_TO_FIVE.contains(RatingScale.of(2, 5))).isTrue();
        assertThat(RatingScale.ONE_TO_FIVE.contains(RatingScale.of(2, 6))).isFalse();
        // every point may be a box, none or more than all may not
        assertThat(RatingScale.ONE_TO_FIVE.topBoxes(5)).isEqualTo(RatingScale.ONE_TO_FIVE.band(1, 5));
        assertThat(RatingScale.ONE_TO_FIVE.bottomBoxes(5)).isEqualTo(RatingScale.ONE_TO_FIVE.band(1, 5));
        assertThatThrownBy(() -> RatingScale.ONE_TO_FIVE.bottomBoxes(6)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("k must be in 1..5 for the scale 1..5, was 6");
        assertThatThrownBy(() -> RatingScale.ONE_TO_FIVE.bottomBoxes(0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("k must be in 1..5 for the scale 1..5, was 0");
        assertThatThrownBy(() -> RatingScale.ONE_TO_FIVE.topBoxes(0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("k must be in 1..5 for the scale 1..5, was 0");
    }
}
