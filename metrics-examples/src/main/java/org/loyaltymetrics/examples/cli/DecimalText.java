package org.loyaltymetrics.examples.cli;

/**
 * Exact quotients written as fixed-point decimals from {@code long}s, without {@code BigDecimal}: the
 * figures of the CSV that {@code rfm} writes for every customer.
 */
final class DecimalText {

    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
        10_000_000L, 100_000_000L, 1_000_000_000L};

    private DecimalText() {
    }

    /**
     * Appends {@code numerator} (in units of 10<sup>-numeratorDecimals</sup>) divided by {@code denominator},
     * rounded half up to {@code decimals} decimals: what {@code BigDecimal.valueOf(numerator,
     * numeratorDecimals).divide(BigDecimal.valueOf(denominator), decimals, RoundingMode.HALF_UP).toPlainString()}
     * writes.
     *
     * @param numerator at least 0
     * @param numeratorDecimals 0..9
     * @param denominator 1..{@link Integer#MAX_VALUE}
     * @param decimals {@code numeratorDecimals} to {@code numeratorDecimals + 9}
     * @return {@code out}
     */
    static StringBuilder appendQuotient(StringBuilder out, long numerator, int numeratorDecimals, long denominator,
            int decimals) {
        if (numerator < 0 || denominator < 1 || denominator > Integer.MAX_VALUE || numeratorDecimals < 0
                || numeratorDecimals > 9 || decimals < numeratorDecimals || decimals > numeratorDecimals + 9) {
            throw new IllegalArgumentException("cannot write " + numerator + "e-" + numeratorDecimals + " / "
                    + denominator + " to " + decimals + " decimals");
        }
        long whole = numerator / denominator;
        long more = POWERS_OF_TEN[decimals - numeratorDecimals];
        // the remainder's further digits, rounded half up: below 2 * 2^31 * 10^9, far from overflowing
        long digits = (2 * (numerator % denominator) * more + denominator) / (2 * denominator);
        if (digits == more) {
            whole++; // a carry, as in 0.99995 to four decimals; whole is at most half of Long.MAX_VALUE here
            digits = 0;
        }
        long unit = POWERS_OF_TEN[numeratorDecimals];
        out.append(whole / unit);
        if (decimals > 0) {
            out.append('.');
            appendPadded(out, whole % unit, numeratorDecimals);
            appendPadded(out, digits, decimals - numeratorDecimals);
        }
        return out;
    }

    /** Appends {@code value} (0 to 10<sup>width</sup> - 1) with leading zeros to {@code width} digits, none for 0 digits. */
    private static void appendPadded(StringBuilder out, long value, int width) {
        if (width == 0) {
            return;
        }
        for (int digits = 1; digits < width && value < POWERS_OF_TEN[width - digits]; digits++) {
            out.append('0');
        }
        out.append(value);
    }
}
