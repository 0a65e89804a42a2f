package org.loyaltymetrics.examples.cli;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.loyaltymetrics.money.CurrencyUnit;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options shared by the transaction-log commands ({@code rfm}, {@code repeat}) and the reading
 * of the log: one purchase per record, with a customer id, a date (or timestamp, of which the date
 * counts) and, where the command needs it, an amount. Customer ids are any text; they are mapped to
 * dense {@code long} ids for metrics-core in order of first appearance and printed as they were
 * read. Amounts are plain decimal numbers ({@link InputSyntax}) in major units with at most
 * {@code --decimals} decimals, read exactly into minor units; a negative amount, an unreadable date
 * (or one outside the years 0000 to 9999), a blank id or a customer's total that overflows a long of
 * minor units stops the command with exit status 2 and one line naming the file, line, column and value.
 */
final class TransactionOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The transaction log: a path, or {@code -} for standard input (each command declares its FILE parameter). */
    String file;

    @Option(names = "--id-column", paramLabel = "NAME", defaultValue = "customer_id",
            description = "Column of the customer id (default: ${DEFAULT-VALUE}; a 1-based position with --no-header).")
    String idColumn;

    @Option(names = "--date-column", paramLabel = "NAME", defaultValue = "date",
            description = "Column of the purchase date or timestamp (default: ${DEFAULT-VALUE}).")
    String dateColumn;

    @Option(names = "--amount-column", paramLabel = "NAME", defaultValue = "amount",
            description = "Column of the amount paid, in major units such as 12.50 (default: ${DEFAULT-VALUE}).")
    String amountColumn;

    @Option(names = "--date-format", paramLabel = "PATTERN",
            description = "java.time pattern of the dates, e.g. yyyyMMdd (default: ISO, 2025-03-14 or 2025-03-14T10:15:00).")
    String dateFormat;

    @Mixin
    InputFormat layout;

    @Option(names = "--decimals", paramLabel = "N", defaultValue = "2",
            description = "Decimals of the currency, 0..9 (default: ${DEFAULT-VALUE}).")
    int decimals;

    /**
     * The unit of the amounts: minor units of an unnamed currency (XXX) with {@code --decimals} decimals.
     *
     * @throws ParameterException if {@code --decimals} is not in 0..9
     */
    CurrencyUnit currency() {
        checkDecimals();
        return CurrencyUnit.of("XXX", decimals);
    }

    private void checkDecimals() {
        if (decimals < 0 || decimals > 9) {
            throw new ParameterException(spec.commandLine(), "--decimals must be in 0..9, was " + decimals);
        }
    }

    /** Receives one purchase. */
    interface Sink {
        void accept(long customer, LocalDate date, long amount);
    }

    /** The customers' ids as read, by dense id. */
    final IdDictionary ids = new IdDictionary();

    /**
     * Reads every purchase of the file into {@code sink}, with the amount in minor units (0 when
     * {@code withAmount} is false and the amount column is not read).
     */
    void read(boolean withAmount, Sink sink) {
        checkDecimals();
        DatePattern pattern = datePattern();
        CsvInput input = layout.open(file);
        input.read(header -> {
            require(input, header, idColumn, "--id-column");
            require(input, header, dateColumn, "--date-column");
            if (withAmount) {
                require(input, header, amountColumn, "--amount-column");
            }
        }, row -> {
            String id = row.get(idColumn);
            if (id.isEmpty()) {
                throw row.error(idColumn, id, "is not a customer id (blank)");
            }
            LocalDate date = date(row, pattern);
            long amount = withAmount ? amount(row) : 0;
            int customer = ids.idOf(id);
            try {
                sink.accept(customer, date, amount);
            } catch (ArithmeticException overflow) {
                // the one sum of a purchase that can overflow: a customer's value in minor units
                throw row.error(amountColumn, row.get(amountColumn), "makes the purchases of customer "
                        + InputSyntax.quote(id) + " total more than " + BigDecimal.valueOf(Long.MAX_VALUE, decimals)
                        .toPlainString() + ", the largest amount of " + decimals + " decimals");
            }
        });
    }

    private void require(CsvInput input, List<String> header, String column, String option) {
        if (!header.contains(column)) {
            throw input.headerError("column " + InputSyntax.quote(column) + " (" + option
                    + ") not found; the columns are " + InputSyntax.list(header));
        }
    }

    private DatePattern datePattern() {
        if (dateFormat == null) {
            return null;
        }
        try {
            return DatePattern.of(dateFormat);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--date-format: " + InputSyntax.quote(dateFormat)
                    + " is not a java.time date pattern such as yyyyMMdd: " + e.getMessage());
        }
    }

    private LocalDate date(CsvInput.Row row, DatePattern pattern) {
        String text = row.get(dateColumn);
        try {
            if (pattern != null) {
                return InputSyntax.checkYear(pattern.parse(text));
            }
            if (text.length() <= 10) {
                return InputSyntax.date(text);
            }
            LocalDate date;
            try {
                date = LocalDateTime.parse(text).toLocalDate();
            } catch (DateTimeParseException notLocal) {
                date = OffsetDateTime.parse(text).toLocalDate();
            }
            return InputSyntax.checkYear(date);
        } catch (InputSyntax.Invalid e) {
            throw row.error(dateColumn, text, e.reason());
        } catch (DateTimeException e) {
            throw row.error(dateColumn, text, "is not a date" + (pattern == null ? " (yyyy-MM-dd)" : " in the format "
                    + InputSyntax.quote(dateFormat)));
        }
    }

    private long amount(CsvInput.Row row) {
        String text = row.get(amountColumn);
        long minor = InputSyntax.commonAmount(text, decimals);
        if (minor >= 0) {
            return minor;
        }
        BigDecimal amount;
        try {
            amount = InputSyntax.decimal(text);
        } catch (InputSyntax.Invalid e) {
            throw row.error(amountColumn, text, e.reason());
        }
        if (amount.signum() < 0) {
            throw row.error(amountColumn, text, "is a negative amount");
        }
        try {
            return amount.setScale(decimals).movePointRight(decimals).longValueExact();
        } catch (ArithmeticException e) {
            throw row.error(amountColumn, text, "has more than " + decimals + " decimals or is too large");
        }
    }
}
