package org.loyaltymetrics.examples.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An inclusive integer range given on the command line as {@code 1-5} or {@code 1..5}. */
record Range(int low, int high) {

    private static final Pattern FORM = Pattern.compile("(-?\\d+)\\s*(?:\\.\\.|-)\\s*(-?\\d+)");

    /** The picocli converter. */
    static final class Converter implements ITypeConverter<Range> {
        @Override
        public Range convert(String value) {
            Matcher matcher = FORM.matcher(value.trim());
            if (!matcher.matches()) {
                throw new TypeConversionException("must be a range such as 1-5 or 1..5, was "
                        + InputSyntax.quote(value));
            }
            try {
                return new Range(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("must be a range of integers, was " + InputSyntax.quote(value));
            }
        }
    }
}
