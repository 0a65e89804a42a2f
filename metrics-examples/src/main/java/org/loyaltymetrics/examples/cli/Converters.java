package org.loyaltymetrics.examples.cli;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.loyaltymetrics.retention.ChurnRate;
import org.loyaltymetrics.time.Granularity;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters of option values. Numbers and dates follow the one grammar of {@link InputSyntax}, as
 * the values of files do; {@link #register} makes them the converters of every {@code double},
 * {@code int} and {@link LocalDate} option.
 */
final class Converters {

    private Converters() {
    }

    /** Makes the converters of this class those of every option of {@code commandLine} of their type. */
    static void register(CommandLine commandLine) {
        commandLine.registerConverter(Double.class, new Number()).registerConverter(double.class, new Number())
                .registerConverter(Integer.class, new Int()).registerConverter(int.class, new Int())
                .registerConverter(LocalDate.class, new Date());
    }

    /** A plain decimal number ({@link InputSyntax#number}). */
    static final class Number implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                return InputSyntax.number(value.trim());
            } catch (InputSyntax.Invalid e) {
                throw new TypeConversionException(InputSyntax.quote(value) + " " + e.reason());
            }
        }
    }

    /** An int ({@link InputSyntax#integer}). */
    static final class Int implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return (int) InputSyntax.integer(value.trim(), Integer.MIN_VALUE, Integer.MAX_VALUE);
            } catch (InputSyntax.Invalid e) {
                throw new TypeConversionException(InputSyntax.quote(value) + " " + e.reason());
            }
        }
    }

    /** An ISO date, yyyy-MM-dd, of the years 0000 to 9999. */
    static final class Date implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return InputSyntax.date(value.trim());
            } catch (InputSyntax.Invalid e) {
                throw new TypeConversionException("must be a date yyyy-MM-dd, was " + InputSyntax.quote(value));
            }
        }
    }

    /** day, week, month, quarter or year. */
    static final class Period implements ITypeConverter<Granularity> {
        @Override
        public Granularity convert(String value) {
            return parse(Granularity.class, value, "day, week, month, quarter or year");
        }
    }

    /** day, week or month as a unit of lifetimes. */
    static final class LifetimeUnit implements ITypeConverter<ChronoUnit> {
        @Override
        public ChronoUnit convert(String value) {
            switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "day":
                    return ChronoUnit.DAYS;
                case "week":
                    return ChronoUnit.WEEKS;
                case "month":
                    return ChronoUnit.MONTHS;
                case "year":
                    return ChronoUnit.YEARS;
                default:
                    throw new TypeConversionException("must be day, week, month or year, was "
                            + InputSyntax.quote(value));
            }
        }
    }

    /** A churn definition: lost-over-start, lost-over-start-plus-new or excluding-joined-and-left. */
    static final class ChurnVariant implements ITypeConverter<ChurnRate.Definition> {
        @Override
        public ChurnRate.Definition convert(String value) {
            return parse(ChurnRate.Definition.class, value,
                    "lost-over-start, lost-over-start-plus-new or excluding-joined-and-left");
        }
    }

    /** An enum constant named in any case, with '-' for '_'. */
    static <E extends Enum<E>> E parse(Class<E> type, String value, String accepted) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("must be " + accepted + ", was " + InputSyntax.quote(value));
        }
    }
}
