package org.loyaltymetrics.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.loyaltymetrics.InvalidArgumentException;

class CurrencyUnitTest {

    @Test
    void isoCurrenciesCarryTheirStandardDecimals() {
        assertThat(CurrencyUnit.of("EUR")).isEqualTo(CurrencyUnit.EUR).isEqualTo(new CurrencyUnit("EUR", 2));
        assertThat(CurrencyUnit.of("JPY").decimals()).isZero();
        assertThat(CurrencyUnit.of("BHD").decimals()).isEqualTo(3);
        assertThat(CurrencyUnit.of(Currency.getInstance("GBP"))).isEqualTo(CurrencyUnit.GBP);
        assertThat(CurrencyUnit.USD).hasToString("USD");
        assertThat(CurrencyUnit.JPY).hasToString("JPY");
    }

    @Test
    void unitsOfOnesOwnSayTheirDecimalsWhenTheyAreNotIsoOnes() {
        assertThat(CurrencyUnit.of("PTS", 0)).hasToString("PTS (0 decimals)");
        assertThat(CurrencyUnit.of("USD", 4)).hasToString("USD (4 decimals)").isNotEqualTo(CurrencyUnit.USD);
        assertThat(CurrencyUnit.of("USD", 2)).hasToString("USD").isEqualTo(CurrencyUnit.USD);
        assertThat(CurrencyUnit.of("XXX", 18).decimals()).isEqualTo(CurrencyUnit.MAX_DECIMALS);
    }

    @Test
    void badCodesAndDecimalsAreNamed() {
        assertThatThrownBy(() -> CurrencyUnit.of("QQQ")).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("isoCode must be an ISO 4217 currency code such as USD or EUR, was 'QQQ'");
        assertThatThrownBy(() -> CurrencyUnit.of("XAU")).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("currency must be a currency with a minor unit (XAU, XDR, XXX have none), was XAU");
        assertThatThrownBy(() -> CurrencyUnit.of("usd", 2)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("code must be 1 to 12 upper-case letters, digits or underscores, was 'usd'");
        assertThatThrownBy(() -> CurrencyUnit.of("", 2)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> CurrencyUnit.of("PTS", 19)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("decimals must be in 0..18, was 19");
        assertThatThrownBy(() -> CurrencyUnit.of("PTS", -1)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> CurrencyUnit.of((String) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("isoCode must not be null");
    }
}
