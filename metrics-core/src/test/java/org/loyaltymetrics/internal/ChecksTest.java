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
}
