package org.loyaltymetrics.examples.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.loyaltymetrics.behavior.RepeatPurchaseRate;
import org.loyaltymetrics.behavior.RepeatPurchaseRate.Definition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code repeat FILE [column options]}: the repeat purchase rate of a transaction log, both definitions. */
@Command(name = "repeat", mixinStandardHelpOptions = true,
        header = "Repeat purchase rate of a transaction log.",
        description = "Repeat purchase rate of a transaction log, by customers (customers with two or more purchase "
                + "days / customers) and by purchases (purchase days after each customer's first / all purchase "
                + "days). Several purchases by one customer on one day count as one purchase.")
final class RepeatCommand implements Callable<Integer> {

    @Mixin
    TransactionOptions input;

    @Parameters(index = "0", paramLabel = "FILE", description = "Transaction log; - for standard input.")
    void file(String file) {
        input.file = file;
    }

    @Mixin
    OutputFormat output;

    @Override
    public Integer call() {
        RepeatPurchaseRate.Accumulator accumulator = RepeatPurchaseRate.accumulator();
        input.read(false, (customer, date, amount) -> accumulator.add(customer, date));
        RepeatPurchaseRate rate = accumulator.snapshot();
        Figures figures = new Figures().count("customers", rate.customers())
                .count("repeatCustomers", rate.repeatCustomers())
                .number("repeatCustomerRate", () -> rate.value(Definition.BY_CUSTOMERS))
                .count("purchases", rate.purchases()).count("repeatPurchases", rate.repeatPurchases())
                .number("repeatPurchaseRate", () -> rate.value(Definition.BY_PURCHASES));
        System.out.print(output.json() ? Printer.json(figures)
                : Printer.table("Repeat purchase rate: " + Printer.source(input.file), null, Map.of("", figures)));
        return 0;
    }
}
