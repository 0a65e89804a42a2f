package org.loyaltymetrics.examples.cli;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.loyaltymetrics.data.RfmSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code rfm FILE --end DATE [--unit day|week] [--calibration-end DATE] [column options]}: the RFM
 * summary of a transaction log as CSV, {@code customer_id,frequency,recency,T,monetary_value}, plus
 * {@code frequency_holdout,monetary_value_holdout,duration_holdout} with a calibration/holdout split.
 */
@Command(name = "rfm", mixinStandardHelpOptions = true,
        header = "RFM summary (frequency, recency, T, value) of a transaction log.",
        description = "RFM summary of a transaction log as CSV on standard output: per customer frequency (repeat "
                + "purchase days), recency (first to last purchase), T (first purchase to the end of the calibration "
                + "period) and monetary value (mean value of the repeat purchase days, 0 when there is none, as the "
                + "literature's files write it). Several purchases on one day count as one. Transactions after --end "
                + "are left out and counted on standard error.")
final class RfmCommand implements Callable<Integer> {

    /** The characters of CSV written to standard output at a time. */
    private static final int OUTPUT_CHUNK = 1 << 16;

    /** The unit of recency and T on the command line. */
    static final class UnitConverter implements ITypeConverter<ChronoUnit> {
        @Override
        public ChronoUnit convert(String value) {
            switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "day":
                case "days":
                    return ChronoUnit.DAYS;
                case "week":
                case "weeks":
                    return ChronoUnit.WEEKS;
                default:
                    throw new TypeConversionException("must be day or week, was " + InputSyntax.quote(value));
            }
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    TransactionOptions input;

    @Parameters(index = "0", paramLabel = "FILE", description = "Transaction log; - for standard input.")
    void file(String file) {
        input.file = file;
    }

    @Option(names = "--end", paramLabel = "DATE", required = true,
            description = "Last day of observation, inclusive (yyyy-MM-dd).")
    LocalDate end;

    @Option(names = "--calibration-end", paramLabel = "DATE",
            description = "Last day of the calibration period, inclusive; the holdout period runs from the next day "
                    + "to --end.")
    LocalDate calibrationEnd;

    @Option(names = "--unit", paramLabel = "UNIT", defaultValue = "week", converter = UnitConverter.class,
            description = "Unit of recency and T: day or week (days / 7) (default: ${DEFAULT-VALUE}).")
    ChronoUnit unit;

    @Override
    public Integer call() {
        LocalDate calibration = calibrationEnd == null ? end : calibrationEnd;
        if (end.isBefore(calibration)) {
            throw new ParameterException(spec.commandLine(), "--end must be on or after --calibration-end "
                    + calibration + ", was " + end);
        }
        RfmSummary.Accumulator accumulator = RfmSummary.accumulator(input.currency(), calibration, end);
        input.read(true, accumulator::add);
        RfmSummary summary = accumulator.snapshot();
        boolean split = calibrationEnd != null;
        StringBuilder csv = new StringBuilder(OUTPUT_CHUNK + 256).append("customer_id,frequency,recency,T,monetary_value");
        csv.append(split ? ",frequency_holdout,monetary_value_holdout,duration_holdout\n" : "\n");
        long duration = ChronoUnit.DAYS.between(calibration, end);
        for (RfmSummary.Customer c : summary.customers()) {
            csv.append(input.ids.key((int) c.customerId())).append(',').append(c.frequency()).append(',');
            time(csv, c.recencyDays()).append(',');
            time(csv, c.ageDays()).append(',');
            mean(csv, c.repeatValue().minorUnits(), c.frequency());
            if (split) {
                csv.append(',').append(c.holdoutPurchases()).append(',');
                mean(csv, c.holdoutValue().minorUnits(), c.holdoutPurchases()).append(',');
                time(csv, duration);
            }
            csv.append('\n');
            if (csv.length() >= OUTPUT_CHUNK) {
                System.out.print(csv);
                csv.setLength(0);
            }
        }
        System.out.print(csv);
        System.out.flush();
        List<String> leftOut = new ArrayList<>();
        if (summary.transactionsAfterEnd() > 0) {
            leftOut.add(Printer.plural(summary.transactionsAfterEnd(), "transaction") + " after --end " + end);
        }
        if (split && summary.customersFirstSeenInHoldout() > 0) {
            leftOut.add(Printer.plural(summary.customersFirstSeenInHoldout(), "customer") + " whose first purchase is "
                    + "in the holdout period (after --calibration-end " + calibration + ")");
        }
        if (!leftOut.isEmpty()) {
            System.err.println("rfm: left out " + String.join(" and ", leftOut));
        }
        return 0;
    }

    /**
     * The mean value of {@code purchases} purchases of {@code value} minor units in all (0 for none), to
     * four decimals more than the currency has.
     */
    private StringBuilder mean(StringBuilder out, long value, int purchases) {
        return DecimalText.appendQuotient(out, purchases == 0 ? 0 : value, input.decimals, Math.max(1, purchases),
                input.decimals + 4);
    }

    /** Days in the unit: whole days, or weeks with six decimals. */
    private StringBuilder time(StringBuilder out, long days) {
        return unit == ChronoUnit.DAYS ? out.append(days) : DecimalText.appendQuotient(out, days, 0, 7, 6);
    }
}
