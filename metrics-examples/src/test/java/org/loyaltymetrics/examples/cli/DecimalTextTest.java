package org.loyaltymetrics.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link DecimalText} writes what {@code BigDecimal} writes. */
class DecimalTextTest {

    private static String expected(long numerator, int numeratorDecimals, long denominator, int decimals) {
        return BigDecimal.valueOf(numerator, numeratorDecimals).divide(BigDecimal.valueOf(denominator), decimals,
                RoundingMode.HALF_UP).toPlainString();
    }

    private static String actual(long numerator, int numeratorDecimals, long denominator, int decimals) {
        return DecimalText.appendQuotient(new StringBuilder(), numerator, numeratorDecimals, denominator, decimals)
                .toString();
    }

    @Test
    void writesWhatBigDecimalWrites() {
        assertThat(actual(2235, 2, 1, 6)).isEqualTo("22.350000");
        assertThat(actual(0, 2, 1, 6)).isEqualTo("0.000000");
        assertThat(actual(213, 0, 7, 6)).isEqualTo("30.428571");
        assertThat(actual(19999, 0, 20000, 4)).as("a carry into the units").isEqualTo("1.0000");
        assertThat(actual(5, 0, 2, 0)).as("half up").isEqualTo("3");
        Random random = new Random(5);
        long[] numerators = {0, 1, 5, 6, 7, 99, 100, 12_345, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 1,
            Long.MAX_VALUE / 2, 999_999_999_999L};
        long[] denominators = {1, 2, 3, 7, 8, 10, 1_000, 65_537, Integer.MAX_VALUE - 1L, Integer.MAX_VALUE};
        for (int numeratorDecimals = 0; numeratorDecimals <= 9; numeratorDecimals++) {
            for (int more = 0; more <= 9; more++) {
                int decimals = numeratorDecimals + more;
                for (long numerator : numerators) {
                    for (long denominator : denominators) {
                        assertThat(actual(numerator, numeratorDecimals, denominator, decimals))
                                .isEqualTo(expected(numerator, numeratorDecimals, denominator, decimals));
                    }
                }
                for (int i = 0; i < 2_000; i++) {
                    long numerator = (random.nextLong() >>> 1) >>> random.nextInt(63);
                    long denominator = 1 + (random.nextInt(Integer.MAX_VALUE) >>> random.nextInt(31));
                    assertThat(actual(numerator, numeratorDecimals, denominator, decimals))
                            .as("%d e-%d / %d to %d", numerator, numeratorDecimals, denominator, decimals)
                            .isEqualTo(expected(numerator, numeratorDecimals, denominator, decimals));
                }
            }
        }
    }

    @Test
    void refusesWhatItCannotWriteExactly() {
        assertThatThrownBy(() -> actual(-1, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> actual(1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> actual(1, 0, Integer.MAX_VALUE + 1L, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> actual(1, 2, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> actual(1, 0, 1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> actual(1, 10, 1, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
