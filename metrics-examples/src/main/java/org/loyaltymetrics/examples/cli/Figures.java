package org.loyaltymetrics.examples.cli;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.loyaltymetrics.UndefinedResultException;

/**
 * The named figures of one result, in order, as printed by the table and JSON formats. A figure
 * that is undefined on its data (no responses, one response for a mean interval) is null.
 */
final class Figures {

    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Adds a count. */
    Figures count(String name, long value) {
        values.put(name, value);
        return this;
    }

    /** Adds an exact decimal amount. */
    Figures decimal(String name, BigDecimal value) {
        values.put(name, value);
        return this;
    }

    /** Adds a text. */
    Figures text(String name, String value) {
        values.put(name, value);
        return this;
    }

    /** Adds a number, or null if the library reports it undefined. */
    Figures number(String name, DoubleSupplier value) {
        Double number;
        try {
            number = value.getAsDouble();
        } catch (UndefinedResultException undefined) {
            number = null;
        }
        values.put(name, number);
        return this;
    }

    /** The figures by name, in order. */
    Map<String, Object> asMap() {
        return values;
    }
}
