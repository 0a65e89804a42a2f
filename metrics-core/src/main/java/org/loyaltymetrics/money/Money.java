package org.loyaltymetrics.money;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.internal.Checks;

/**
 * An exact amount of money: a whole number of minor units (cents) of a {@link CurrencyUnit}. Sums
 * reported in currency (revenue, MRR, historical lifetime value) are {@code Money}; estimates that
 * come from a model (a predicted lifetime value) are {@code double}s.
 *
 * <p>Arithmetic is exact and checked: adding amounts in different currencies throws
 * {@link InvalidArgumentException} (no silent conversion, no default scale), and a result that
 * overflows a {@code long} of minor units throws {@link ArithmeticException}. Division, the one
 * operation that can need rounding, takes an explicit {@link RoundingMode}.
 *
 * <p>Hot paths (accumulators) take plain {@code long} minor units of the currency they were created
 * with and report {@code Money}; this type is what crosses the API.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param minorUnits the amount in minor units, such as 12345 for USD 123.45
 * @param currency the currency unit, not null
 */
public record Money(long minorUnits, CurrencyUnit currency) implements Comparable<Money>, Serializable {

    /** Validates the currency. */
    public Money {
        Checks.notNull(currency, "currency");
    }

    /** {@code minorUnits} minor units of {@code currency}: {@code ofMinor(CurrencyUnit.USD, 12345)} is USD 123.45. */
    public static Money ofMinor(CurrencyUnit currency, long minorUnits) {
        return new Money(minorUnits, currency);
    }

    /**
     * The amount {@code amount} in {@code currency}, exactly: {@code of(CurrencyUnit.USD, new BigDecimal("123.45"))}.
     *
     * @throws InvalidArgumentException if the amount has more decimals than the currency (it is never rounded)
     * @throws ArithmeticException if the amount in minor units overflows a {@code long}
     */
    public static Money of(CurrencyUnit currency, BigDecimal amount) {
        Checks.notNull(currency, "currency");
        Checks.notNull(amount, "amount");
        BigDecimal minor = amount.movePointRight(currency.decimals());
        if (minor.stripTrailingZeros().scale() > 0) {
            throw InvalidArgumentException.of("amount", "an amount with at most " + currency.decimals()
                    + " decimals for " + currency, amount.toPlainString());
        }
        return new Money(minor.longValueExact(), currency);
    }

    /** Zero in {@code currency}. */
    public static Money zero(CurrencyUnit currency) {
        return new Money(0, currency);
    }

    /** The amount as a decimal number with the currency's decimals, such as 123.45. */
    public BigDecimal amount() {
        return BigDecimal.valueOf(minorUnits, currency.decimals());
    }

    /** The amount as a {@code double} in whole units (123.45), for ratios and models; not exact. */
    public double toDouble() {
        return minorUnits / Math.pow(10, currency.decimals());
    }

    /** Whether the amount is zero. */
    public boolean isZero() {
        return minorUnits == 0;
    }

    /** Whether the amount is below zero. */
    public boolean isNegative() {
        return minorUnits < 0;
    }

    /**
     * This amount plus {@code other}.
     *
     * @throws InvalidArgumentException if {@code other} is in another currency
     * @throws ArithmeticException if the sum overflows
     */
    public Money plus(Money other) {
        return new Money(Math.addExact(minorUnits, requireSameCurrency(other, "other").minorUnits), currency);
    }

    /**
     * This amount minus {@code other}.
     *
     * @throws InvalidArgumentException if {@code other} is in another currency
     * @throws ArithmeticException if the difference overflows
     */
    public Money minus(Money other) {
        return new Money(Math.subtractExact(minorUnits, requireSameCurrency(other, "other").minorUnits), currency);
    }

    /**
     * This amount times {@code factor}.
     *
     * @throws ArithmeticException if the product overflows
     */
    public Money multipliedBy(long factor) {
        return new Money(Math.multiplyExact(minorUnits, factor), currency);
    }

    /**
     * This amount divided by {@code divisor}, rounded to a whole minor unit by {@code rounding}: the
     * mean of a sum over a count.
     *
     * @throws InvalidArgumentException if {@code divisor} is 0
     * @throws ArithmeticException if {@code rounding} is {@link RoundingMode#UNNECESSARY} and the
     *     quotient is not whole
     */
    public Money dividedBy(long divisor, RoundingMode rounding) {
        Checks.notNull(rounding, "rounding");
        if (divisor == 0) {
            throw InvalidArgumentException.of("divisor", "non-zero", divisor);
        }
        BigDecimal quotient = BigDecimal.valueOf(minorUnits).divide(BigDecimal.valueOf(divisor), 0, rounding);
        return new Money(quotient.longValueExact(), currency);
    }

    /** The amount with the opposite sign. */
    public Money negated() {
        return new Money(Math.negateExact(minorUnits), currency);
    }

    /**
     * Compares the amounts of two sums in one currency.
     *
     * @throws InvalidArgumentException if {@code other} is in another currency
     */
    @Override
    public int compareTo(Money other) {
        return Long.compare(minorUnits, requireSameCurrency(other, "other").minorUnits);
    }

    /**
     * Returns {@code other} if it is in this amount's currency.
     *
     * @throws InvalidArgumentException naming {@code argument} if it is in another currency
     */
    private Money requireSameCurrency(Money other, String argument) {
        Checks.notNull(other, argument);
        Checks.sameSetting(currency, other.currency, argument, "currency");
        return other;
    }

    /** Reads, e.g., {@code "USD 123.45"} or {@code "JPY -500"}. */
    @Override
    public String toString() {
        return currency.code() + " " + amount().toPlainString();
    }
}
