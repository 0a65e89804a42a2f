package org.loyaltymetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void sumAddsExactlyAndNamesWhatOverflows() {
        assertThat(Checks.sum(new long[] {5, -7, 12}, "total")).isEqualTo(10);
        assertThat(Checks.sum(new long[0], "total")).isZero();
        assertThatThrownBy(() -> Checks.sum(new long[] {Long.MAX_VALUE, 1}, "total value"))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("total value overflows a long: " + Long.MAX_VALUE + " + 1");
    }

    @Test
    void rangeChecksReturnTheirArgumentAndIncludeTheirEnds() {
        assertThat(Checks.nonNegative(0.0, "x")).isZero();
        assertThat(Checks.inClosedRange(0.5, 0.0, 1.0, "x")).isEqualTo(0.5);
        assertThat(Checks.inClosedRange(1.0, 0.0, 1.0, "x")).isEqualTo(1.0);
        assertThat(Checks.fraction(0.25, "x")).isEqualTo(0.25);
        assertThatThrownBy(() -> Checks.nonNegative(-0.5, "x")).hasMessage("x must be finite and >= 0, was -0.5");
        assertThatThrownBy(() -> Checks.nonNegative(Double.POSITIVE_INFINITY, "x"))
                .hasMessage("x must be finite and >= 0, was Infinity");
    }
}
