package org.loyaltymetrics.money;

import java.io.Serializable;
import java.util.Currency;
import java.util.Map;
import java.util.stream.Collectors;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;

/**
 * The unit of a {@link Money} amount: a currency code and the number of decimals of its minor unit
 * (2 for the US dollar's cents, 0 for the Japanese yen, 3 for the Bahraini dinar). Amounts are held
 * as whole numbers of minor units, so the number of decimals is part of the unit, never a default.
 *
 * <p>ISO 4217 currencies come from {@link #of(String)} with their standard number of decimals (from
 * {@link Currency#getDefaultFractionDigits()}); other units (loyalty points, a currency with a
 * non-standard scale, amounts read from a file without a currency) from {@link #of(String, int)}.
 * Two units are equal when both the code and the decimals are.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param code the unit's code: 1 to 12 upper-case letters, digits or underscores, such as "USD" or "PTS"
 * @param decimals the number of decimals of the minor unit, 0..18
 */
public record CurrencyUnit(String code, int decimals) implements Serializable {

    /** The US dollar, 2 decimals. */
    public static final CurrencyUnit USD = new CurrencyUnit("USD", 2);
    /** The euro, 2 decimals. */
    public static final CurrencyUnit EUR = new CurrencyUnit("EUR", 2);
    /** The pound sterling, 2 decimals. */
    public static final CurrencyUnit GBP = new CurrencyUnit("GBP", 2);
    /** The Japanese yen, 0 decimals. */
    public static final CurrencyUnit JPY = new CurrencyUnit("JPY", 0);

    /** The largest number of decimals: 10¹⁸ minor units still fit a {@code long}. */
    public static final int MAX_DECIMALS = 18;

    /** Validates the code and the decimals. */
    public CurrencyUnit {
        Checks.notNull(code, "code");
        if (!code.matches("[A-Z0-9_]{1,12}")) {
            throw InvalidArgumentException.of("code", "1 to 12 upper-case letters, digits or underscores", "'" + code + "'");
        }
        if (decimals < 0 || decimals > MAX_DECIMALS) {
            throw InvalidArgumentException.of("decimals", "in 0.." + MAX_DECIMALS, decimals);
        }
    }

    /**
     * The ISO 4217 currency {@code isoCode} with its standard number of decimals, such as
     * {@code of("EUR")} (2) or {@code of("JPY")} (0).
     *
     * @throws InvalidArgumentException if the code is not an ISO 4217 currency, or the currency has
     *     no minor unit (such as XAU, gold)
     */
    public static CurrencyUnit of(String isoCode) {
        Checks.notNull(isoCode, "isoCode");
        Currency currency = Iso.CURRENCIES.get(isoCode);
        if (currency == null) {
            throw InvalidArgumentException.of("isoCode", "an ISO 4217 currency code such as USD or EUR",
                    "'" + isoCode + "'");
        }
        return of(currency);
    }

    /**
     * The unit of {@code currency} with its standard number of decimals.
     *
     * @throws InvalidArgumentException if the currency has no minor unit (such as XAU, gold)
     */
    public static CurrencyUnit of(Currency currency) {
        Checks.notNull(currency, "currency");
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw InvalidArgumentException.of("currency", "a currency with a minor unit (XAU, XDR, XXX have none)",
                    currency.getCurrencyCode());
        }
        return new CurrencyUnit(currency.getCurrencyCode(), digits);
    }

    /**
     * A unit of one's own choosing: {@code code} with {@code decimals} decimals, such as
     * {@code of("PTS", 0)} for loyalty points or {@code of("XXX", 2)} for amounts in cents of an unnamed
     * currency.
     *
     * @throws InvalidArgumentException if the code is not 1 to 12 upper-case letters, digits or
     *     underscores, or {@code decimals} is not in 0..18
     */
    public static CurrencyUnit of(String code, int decimals) {
        return new CurrencyUnit(code, decimals);
    }

    /** Reads, e.g., {@code "USD"}, or {@code "XXX (4 decimals)"} where the decimals are not the ISO standard ones. */
    @Override
    public String toString() {
        return isStandard() ? code : code + " (" + decimals + " decimals)";
    }

    private boolean isStandard() {
        Currency currency = Iso.CURRENCIES.get(code);
        return currency != null && currency.getDefaultFractionDigits() == decimals;
    }

    /** Every ISO 4217 currency the JDK knows, by code, loaded on first use. */
    private static final class Iso {
        static final Map<String, Currency> CURRENCIES = Currency.getAvailableCurrencies().stream()
                .collect(Collectors.toUnmodifiableMap(Currency::getCurrencyCode, currency -> currency));
    }
}
