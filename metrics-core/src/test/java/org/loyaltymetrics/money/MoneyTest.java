package org.loyaltymetrics.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;

class MoneyTest {

    private static final Money TEN_EUROS_FIVE = Money.of(CurrencyUnit.EUR, new BigDecimal("10.05"));

    @Test
    void amountsAreExactMinorUnitsOfTheirCurrency() {
        assertThat(TEN_EUROS_FIVE.minorUnits()).isEqualTo(1005);
        assertThat(TEN_EUROS_FIVE.amount()).isEqualTo(new BigDecimal("10.05"));
        assertThat(TEN_EUROS_FIVE.toDouble()).isEqualTo(10.05);
        assertThat(TEN_EUROS_FIVE).hasToString("EUR 10.05").isEqualTo(Money.ofMinor(CurrencyUnit.EUR, 1005));
        assertThat(Money.of(CurrencyUnit.JPY, new BigDecimal("500"))).hasToString("JPY 500");
        assertThat(Money.of(CurrencyUnit.USD, new BigDecimal("7.5"))).hasToString("USD 7.50");
        assertThat(Money.of(CurrencyUnit.USD, new BigDecimal("7.500"))).isEqualTo(Money.ofMinor(CurrencyUnit.USD, 750));
        assertThat(Money.zero(CurrencyUnit.GBP).isZero()).isTrue();
        assertThat(Money.ofMinor(CurrencyUnit.USD, -1).isNegative()).isTrue();
    }

    @Test
    void arithmeticIsExactAndChecked() {
        Money fiveCents = Money.ofMinor(CurrencyUnit.EUR, 5);
        assertThat(TEN_EUROS_FIVE.plus(fiveCents)).hasToString("EUR 10.10");
        assertThat(TEN_EUROS_FIVE.minus(fiveCents)).hasToString("EUR 10.00");
        assertThat(TEN_EUROS_FIVE.multipliedBy(3)).hasToString("EUR 30.15");
        assertThat(TEN_EUROS_FIVE.negated()).hasToString("EUR -10.05");
        // 10.05 / 4 = 2.5125: 2.51 half-even, 2.52 up, and not a whole number of cents.
        assertThat(TEN_EUROS_FIVE.dividedBy(4, RoundingMode.HALF_EVEN)).hasToString("EUR 2.51");
        assertThat(TEN_EUROS_FIVE.dividedBy(4, RoundingMode.UP)).hasToString("EUR 2.52");
        assertThatThrownBy(() -> TEN_EUROS_FIVE.dividedBy(4, RoundingMode.UNNECESSARY)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> TEN_EUROS_FIVE.dividedBy(0, RoundingMode.UP)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("divisor must be non-zero, was 0");
        assertThat(TEN_EUROS_FIVE.compareTo(fiveCents)).isPositive();
        assertThat(fiveCents.compareTo(TEN_EUROS_FIVE)).isNegative();
        Money max = Money.ofMinor(CurrencyUnit.USD, Long.MAX_VALUE);
        assertThatThrownBy(() -> max.plus(Money.ofMinor(CurrencyUnit.USD, 1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> max.multipliedBy(2)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofMinor(CurrencyUnit.USD, Long.MIN_VALUE).negated()).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void currenciesNeverMix() {
        Money dollars = Money.ofMinor(CurrencyUnit.USD, 100);
        assertThatThrownBy(() -> TEN_EUROS_FIVE.plus(dollars)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("other must have the same currency EUR, had USD");
        assertThatThrownBy(() -> TEN_EUROS_FIVE.minus(dollars)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> TEN_EUROS_FIVE.compareTo(dollars)).isInstanceOf(InvalidArgumentException.class);
        Money eurosWithFourDecimals = Money.ofMinor(CurrencyUnit.of("EUR", 4), 100_500);
        assertThatThrownBy(() -> TEN_EUROS_FIVE.plus(eurosWithFourDecimals)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("other must have the same currency EUR, had EUR (4 decimals)");
    }

    @Test
    void amountsAreNeverRounded() {
        assertThatThrownBy(() -> Money.of(CurrencyUnit.USD, new BigDecimal("1.005")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("amount must be an amount with at most 2 decimals for USD, was 1.005");
        assertThatThrownBy(() -> Money.of(CurrencyUnit.USD, new BigDecimal("1e30"))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofMinor(null, 1)).isInstanceOf(NullPointerException.class)
                .hasMessage("currency must not be null");
        assertThatThrownBy(() -> Money.of(CurrencyUnit.USD, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("amount must not be null");
    }
}
