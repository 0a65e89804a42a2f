package org.loyaltymetrics.examples.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.loyaltymetrics.retention.ChurnRate;
import org.loyaltymetrics.time.Granularity;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters of option values. */
final class Converters {

    private Converters() {
    }

    /** An ISO date, yyyy-MM-dd. */
    static final class Date implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("must be a date yyyy-MM-dd, was '" + value + "'");
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
                    throw new TypeConversionException("must be day, week, month or year, was '" + value + "'");
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
            throw new TypeConversionException("must be " + accepted + ", was '" + value + "'");
        }
    }
}
