package org.loyaltymetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InvalidArgumentExceptionTest {

    @Test
    void namesTheArgumentItsValueAndTheRange() {
        InvalidArgumentException e = InvalidArgumentException.of("confidence", "in (0, 1)", 1.5);
        assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessage("confidence must be in (0, 1), was 1.5");
        assertThat(e.argument()).isEqualTo("confidence");
        InvalidArgumentException free = new InvalidArgumentException("alive", "alive[2] must be in 0..5, was 6");
        assertThat(free.argument()).isEqualTo("alive");
        assertThat(free).hasMessage("alive[2] must be in 0..5, was 6");
        assertThat(InvalidArgumentException.of("code", "a code", null)).hasMessage("code must be a code, was null");
    }

    @Test
    void neitherTheArgumentNorTheMessageMayBeNull() {
        assertThatThrownBy(() -> new InvalidArgumentException(null, "m")).isInstanceOf(NullPointerException.class)
                .hasMessage("argument must not be null");
        assertThatThrownBy(() -> new InvalidArgumentException("a", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("message must not be null");
    }
}
