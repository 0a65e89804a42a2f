package org.loyaltymetrics.examples.cli;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.money.CurrencyUnit;
import org.loyaltymetrics.retention.MrrMovements;
import org.loyaltymetrics.retention.RevenueRetention;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mrr FILE [--decimals D] [column options]}: columns account_id, month, mrr (or those the
 * column options name). An MRR is a plain decimal
 * ({@link InputSyntax}) of at most {@code --decimals} decimals, read exactly; the MRR of every month
 * must add up to at most the largest long of minor units (with 2 decimals, 92233720368547758.07),
 * so that no sum of the movements overflows.
 */
@Command(name = "mrr", mixinStandardHelpOptions = true,
        header = "Monthly recurring revenue movements, GRR, NRR, quick ratio.",
        description = "Monthly recurring revenue movements from snapshots (columns account_id, month as yyyy-MM or a "
                + "date in it, mrr as a decimal amount, or those named by the column options; an account without a "
                + "row in a month has no revenue then).")
final class MrrCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "CSV file of monthly snapshots; - for standard input.")
    String file;

    @Option(names = "--decimals", paramLabel = "D", defaultValue = "2",
            description = "Decimals of the currency's minor unit, amounts are kept exactly in it (default: ${DEFAULT-VALUE}).")
    int decimals;

    @Option(names = "--account-column", paramLabel = "NAME", defaultValue = "account_id",
            description = "Column of the account id (default: ${DEFAULT-VALUE}).")
    String accountColumn;

    @Option(names = "--month-column", paramLabel = "NAME", defaultValue = "month",
            description = "Column of the month, yyyy-MM or a date in it (default: ${DEFAULT-VALUE}).")
    String monthColumn;

    @Option(names = "--mrr-column", paramLabel = "NAME", defaultValue = "mrr",
            description = "Column of the monthly recurring revenue, a decimal amount (default: ${DEFAULT-VALUE}).")
    String mrrColumn;

    @Mixin
    InputFormat layout;

    @Mixin
    OutputFormat output;

    @Override
    public Integer call() {
        if (decimals < 0 || decimals > 18) {
            throw new ParameterException(spec.commandLine(), "--decimals must be in 0..18, was " + decimals);
        }
        // amounts of an unnamed currency (XXX) with --decimals decimals, as TransactionOptions.currency() reads them
        RevenueRetention.Accumulator accumulator = RevenueRetention.accumulator(CurrencyUnit.of("XXX", decimals));
        IdDictionary ids = new IdDictionary();
        Map<YearMonth, Long> totals = new HashMap<>();
        CsvInput input = layout.open(file);
        input.read(header -> input.requireColumns(header, accountColumn, monthColumn, mrrColumn), row -> {
            String account = row.get(accountColumn);
            if (account.isEmpty()) {
                throw row.error(accountColumn, account, "is blank: every snapshot needs an account id");
            }
            YearMonth month = month(row);
            long amount = minorUnits(row);
            long total = totals.getOrDefault(month, 0L);
            if (amount > Long.MAX_VALUE - total) {
                throw row.error(mrrColumn, row.get(mrrColumn), "makes the MRR of " + month + " total more than "
                        + BigDecimal.valueOf(Long.MAX_VALUE, decimals).toPlainString() + ", the largest amount of "
                        + decimals + " decimals");
            }
            try {
                accumulator.add(ids.idOf(account), month, amount);
            } catch (InvalidArgumentException duplicate) {
                if (!duplicate.argument().equals("month")) {
                    throw duplicate;
                }
                throw row.error(monthColumn, row.get(monthColumn), "repeats a month of account " + InputSyntax.quote(account));
            }
            totals.put(month, total + amount);
        });
        RevenueRetention retention = accumulator.snapshot();
        if (output.json()) {
            Map<String, Figures> periods = new LinkedHashMap<>();
            retention.months().forEach(m -> periods.put(m.month().toString(), figures(m)));
            System.out.print(Printer.json("periods", "period", periods));
        } else {
            System.out.print("MRR movements: " + Printer.source(file) + System.lineSeparator() + retention.toTable().toText());
        }
        return 0;
    }

    private YearMonth month(CsvInput.Row row) {
        String value = row.get(monthColumn);
        try {
            return value.length() > 7 ? YearMonth.from(InputSyntax.date(value))
                    : YearMonth.from(InputSyntax.date(value + "-01"));
        } catch (InputSyntax.Invalid e) {
            throw row.error(monthColumn, value, "is not a month (yyyy-MM) or a date (yyyy-MM-dd)");
        }
    }

    private long minorUnits(CsvInput.Row row) {
        String value = row.get(mrrColumn);
        BigDecimal amount = row.getDecimal(mrrColumn);
        if (amount.signum() < 0) {
            throw row.error(mrrColumn, value, "is negative: MRR must be >= 0");
        }
        try {
            return amount.movePointRight(decimals).longValueExact();
        } catch (ArithmeticException e) {
            throw row.error(mrrColumn, value, "has more than " + decimals + " decimals or is too large");
        }
    }

    private static Figures figures(MrrMovements m) {
        return new Figures().decimal("startMrr", m.startMrr().amount()).decimal("newMrr", m.newMrr().amount())
                .decimal("expansionMrr", m.expansionMrr().amount()).decimal("contractionMrr", m.contractionMrr().amount())
                .decimal("churnedMrr", m.churnedMrr().amount()).decimal("reactivationMrr", m.reactivationMrr().amount())
                .decimal("endMrr", m.endMrr().amount()).number("grossMrrChurn", m::grossMrrChurn)
                .number("netMrrChurn", m::netMrrChurn).number("grr", m::grossRevenueRetention)
                .number("nrr", m::netRevenueRetention).number("quickRatio", m::quickRatio);
    }
}
