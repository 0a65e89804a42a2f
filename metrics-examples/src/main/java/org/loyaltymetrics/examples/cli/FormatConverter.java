package org.loyaltymetrics.examples.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converts {@code table} or {@code json} (any case) to a {@link Printer.Format}. */
final class FormatConverter implements ITypeConverter<Printer.Format> {

    @Override
    public Printer.Format convert(String value) {
        try {
            return Printer.Format.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("must be table or json, was " + InputSyntax.quote(value));
        }
    }
}
