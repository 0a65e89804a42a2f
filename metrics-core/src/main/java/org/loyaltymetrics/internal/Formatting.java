package org.loyaltymetrics.internal;

import java.util.Locale;

/** Locale-independent number formatting for the {@code toString()} of value types. */
public final class Formatting {

    private Formatting() {
    }

    /** {@code value} with {@code decimals} digits after the point, e.g. {@code decimal(0.5, 2)} is "0.50". */
    public static String decimal(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A fraction as a percentage with two decimals, e.g. 0.6916 is "69.16%". */
    public static String percent(double fraction) {
        return decimal(100.0 * fraction, 2) + "%";
    }

    /** {@code count} and the noun, plural unless the count is 1: "1 customer", "3 customers". */
    public static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** A confidence level as a percentage without trailing zeros, e.g. 0.95 is "95%", 0.999 is "99.9%". */
    public static String confidence(double level) {
        String text = String.format(Locale.ROOT, "%.6f", 100.0 * level).replaceAll("0+$", "");
        return (text.endsWith(".") ? text.substring(0, text.length() - 1) : text) + "%";
    }
}
