package org.loyaltymetrics.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.loyaltymetrics.InvalidArgumentException;
import org.loyaltymetrics.value.CustomerLifetimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code clv [formula inputs]}: customer lifetime value by formula. Each formula whose inputs are
 * all given is computed; its JSON key is printed, {@code null} where the figure is undefined. An
 * input out of range stops the command with the option it came from and the library's message, e.g.
 * {@code --churn must be in [0.0, 1.0], was 1.5}.
 */
@Command(name = "clv", mixinStandardHelpOptions = true,
        header = "Customer lifetime value by formula.",
        description = "Customer lifetime value by formula, from the inputs given: simple (--aov --purchase-frequency "
                + "--lifespan [--margin-rate]), retention-based (--margin --retention --discount [--periods N]), SaaS "
                + "(--arpa --churn [--gross-margin]); with --acquisition-cost, each value net of it, and for SaaS the "
                + "LTV:CAC ratio and the CAC payback in months.")
final class ClvCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--aov", paramLabel = "AMOUNT", description = "Average order value.")
    Double averageOrderValue;

    @Option(names = "--purchase-frequency", paramLabel = "N", description = "Purchases per period.")
    Double purchaseFrequency;

    @Option(names = "--lifespan", paramLabel = "PERIODS", description = "Expected lifespan in periods.")
    Double lifespan;

    @Option(names = "--margin-rate", paramLabel = "F", defaultValue = "1",
            description = "Margin rate of the simple CLV, in [0, 1] (default: ${DEFAULT-VALUE}, revenue).")
    double marginRate;

    @Option(names = "--margin", paramLabel = "AMOUNT", description = "Margin per period of a retained customer (m).")
    Double margin;

    @Option(names = "--retention", paramLabel = "R", description = "Retention rate per period (r), in [0, 1].")
    Double retention;

    @Option(names = "--discount", paramLabel = "D", description = "Discount rate per period (d), > -1.")
    Double discount;

    @Option(names = "--periods", paramLabel = "N", description = "Finite horizon of the retention-based CLV, in periods.")
    Integer periods;

    @Option(names = "--arpa", paramLabel = "AMOUNT", description = "Average revenue per account per period (month).")
    Double arpa;

    @Option(names = "--churn", paramLabel = "RATE", description = "Customer churn rate per period, in [0, 1].")
    Double churn;

    @Option(names = "--gross-margin", paramLabel = "F", defaultValue = "1",
            description = "Gross margin of the SaaS LTV and CAC payback, in [0, 1] (default: ${DEFAULT-VALUE}).")
    double grossMargin;

    @Option(names = "--acquisition-cost", paramLabel = "AMOUNT", description = "Customer acquisition cost (CAC).")
    Double acquisitionCost;

    @Mixin
    OutputFormat output;

    @Override
    public Integer call() {
        Figures figures = new Figures();
        boolean simple = group("simple CLV", new String[] {"--aov", "--purchase-frequency", "--lifespan"},
                averageOrderValue, purchaseFrequency, lifespan);
        boolean retentionBased = group("retention-based CLV", new String[] {"--margin", "--retention", "--discount"},
                margin, retention, discount);
        boolean saas = group("SaaS LTV", new String[] {"--arpa", "--churn"}, arpa, churn);
        if (periods != null && !retentionBased) {
            throw usage("--periods needs --margin, --retention and --discount");
        }
        if (!simple && !retentionBased && !saas) {
            throw usage("give the inputs of at least one formula: --aov --purchase-frequency --lifespan, "
                    + "--margin --retention --discount, or --arpa --churn");
        }
        try {
            if (simple) {
                add(figures, "simpleClv", () -> CustomerLifetimeValue.simple(averageOrderValue, purchaseFrequency,
                        lifespan, marginRate));
            }
            if (retentionBased) {
                add(figures, "retentionClv", () -> CustomerLifetimeValue.retention(margin, retention, discount));
                if (periods != null) {
                    add(figures, "retentionClvFinite", () -> CustomerLifetimeValue.retention(margin, retention, discount,
                            periods));
                }
            }
            if (saas) {
                add(figures, "saasLtv", () -> CustomerLifetimeValue.saas(arpa, grossMargin, churn));
                if (acquisitionCost != null) {
                    figures.number("ltvToCac", () -> CustomerLifetimeValue.saas(arpa, grossMargin, churn)
                            .ltvToCacRatio(acquisitionCost));
                    figures.number("cacPaybackMonths", () -> CustomerLifetimeValue.cacPaybackMonths(acquisitionCost,
                            arpa, grossMargin));
                }
            }
        } catch (InvalidArgumentException e) {
            String option = option(e.argument());
            if (!option.startsWith("--")) {
                // not an input but the value computed from them: too large for a double
                throw usage("the inputs give a value too large to compute (" + e.getMessage() + ")");
            }
            throw usage(inOptions(e.getMessage()));
        }
        System.out.print(output.json() ? Printer.json(figures)
                : Printer.table("Customer lifetime value", null, Map.of("", figures)));
        return 0;
    }

    /** Adds the value of {@code clv} under {@code key}, and net of the acquisition cost under {@code keyNet}. */
    private void add(Figures figures, String key, Supplier<CustomerLifetimeValue> clv) {
        figures.number(key, () -> clv.get().value());
        if (acquisitionCost != null) {
            figures.number(key + "Net", () -> clv.get().minusAcquisitionCost(acquisitionCost).value());
        }
    }

    /** Whether all the inputs of a formula are given; a formula given in part is a usage error. */
    private boolean group(String formula, String[] names, Double... values) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (values[i] == null) {
                missing.add(names[i]);
            }
        }
        if (missing.size() == names.length) {
            return false;
        }
        if (!missing.isEmpty()) {
            throw usage("the " + formula + " also needs " + String.join(", ", missing));
        }
        return true;
    }

    /**
     * The library's message ("<argument> must be <range>, was <value>", where the range may name other
     * arguments) with every argument named by its option: {@code --discount must be > --retention - 1}.
     */
    static String inOptions(String message) {
        String text = message;
        for (Map.Entry<String, String> entry : OPTIONS.entrySet()) {
            text = text.replaceAll("\\b" + entry.getKey() + "\\b", entry.getValue());
        }
        return text;
    }

    /** The option that gives the input {@code argument} of {@link CustomerLifetimeValue}. */
    static String option(String argument) {
        return OPTIONS.getOrDefault(argument, argument);
    }

    private static final Map<String, String> OPTIONS = Map.ofEntries(Map.entry("averageOrderValue", "--aov"), Map.entry("purchasesPerPeriod", "--purchase-frequency"),
                Map.entry("lifespanPeriods", "--lifespan"), Map.entry("marginRate", "--margin-rate"),
                Map.entry("marginPerPeriod", "--margin"), Map.entry("retentionRate", "--retention"),
                Map.entry("discountRate", "--discount"), Map.entry("periods", "--periods"),
                Map.entry("averageRevenuePerAccount", "--arpa"), Map.entry("monthlyRevenuePerAccount", "--arpa"),
                Map.entry("churnRate", "--churn"), Map.entry("grossMargin", "--gross-margin"),
                Map.entry("acquisitionCost", "--acquisition-cost"));

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
