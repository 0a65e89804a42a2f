package org.loyaltymetrics.examples.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of the scores of a purchase model, shared by {@code fit --predict} and {@code score}: the
 * intervals, and the lifetime value's horizon and discount rate.
 */
final class ScoringOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--intervals", paramLabel = "LEVEL",
            description = "Each figure's confidence interval at LEVEL, in (0, 1), by the delta method (columns _low "
                    + "and _high); bgnbd, mbgnbd, pareto-nbd and ggomnbd.")
    Double intervals;

    @Option(names = "--horizon", paramLabel = "N",
            description = "Also the expected average spend (Gamma-Gamma) and the lifetime value over the next N time "
                    + "units of the data, a whole number >= 1.")
    Integer horizon;

    @Option(names = "--discount", paramLabel = "D", defaultValue = "0",
            description = "The discount rate per time unit of the lifetime value, > -1 (default: ${DEFAULT-VALUE}).")
    double discount;

    /** Whether intervals or a lifetime value were asked for. */
    boolean anyGiven() {
        return intervals != null || horizon != null;
    }

    /** The first of the options given, for messages: "--intervals" or "--horizon". */
    String firstGiven() {
        return intervals != null ? "--intervals" : "--horizon";
    }

    /**
     * Checks the options' ranges.
     *
     * @throws ParameterException naming the option out of range
     */
    void check() {
        if (intervals != null && !(intervals > 0 && intervals < 1)) {
            throw new ParameterException(spec.commandLine(), "--intervals must be in (0, 1), was " + intervals);
        }
        if (horizon != null && horizon < 1) {
            throw new ParameterException(spec.commandLine(), "--horizon must be >= 1, was " + horizon);
        }
        if (!(discount > -1 && discount < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(spec.commandLine(), "--discount must be finite and > -1, was " + discount);
        }
    }

    /** What to predict over the horizon {@code t} with these options. */
    ModelFits.Prediction prediction(double t) {
        return new ModelFits.Prediction(t, intervals, horizon, discount);
    }
}
