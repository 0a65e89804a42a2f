package org.loyaltymetrics.examples.cli;

import java.util.concurrent.Callable;
import org.loyaltymetrics.survey.CustomerSatisfactionScore;
import org.loyaltymetrics.survey.RatingScale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code csat FILE [--column NAME] [--scale 1-5] [--satisfied 4-5] [--by COLUMN]}. */
@Command(name = "csat", mixinStandardHelpOptions = true,
        header = "Customer satisfaction score (top boxes) and mean rating.",
        description = "Customer satisfaction score: the share of satisfied answers (top boxes) with its Wilson "
                + "interval, and the mean rating.")
final class CsatCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SurveyOptions options;

    @Option(names = "--scale", paramLabel = "LOW-HIGH", defaultValue = "1-5", converter = Range.Converter.class,
            description = "Rating scale (default: ${DEFAULT-VALUE}).")
    Range scale;

    @Option(names = "--satisfied", paramLabel = "LOW-HIGH", converter = Range.Converter.class,
            description = "Satisfied answers, a top band of the scale (default: the two highest points, 4-5 on 1-5).")
    Range satisfied;

    @Override
    public Integer call() {
        CustomerSatisfactionScore.Definition definition;
        try {
            RatingScale ratingScale = RatingScale.of(scale.low(), scale.high());
            definition = satisfied == null ? CustomerSatisfactionScore.Definition.topTwoBoxes(ratingScale)
                    : new CustomerSatisfactionScore.Definition(ratingScale, ratingScale.band(satisfied.low(), satisfied.high()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--scale/--satisfied: " + e.getMessage());
        }
        SurveyOptions.Answers<CustomerSatisfactionScore> answers = options.read(definition);
        System.out.print(options.render("Customer satisfaction (" + definition.satisfied() + " on " + definition.scale() + ")",
                answers, this::figures));
        return 0;
    }

    private Figures figures(CustomerSatisfactionScore csat) {
        double confidence = options.confidence;
        return new Figures().count("responses", csat.responses()).count("satisfied", csat.satisfied())
                .number("csat", csat::value)
                .number("low", () -> csat.confidenceInterval(confidence).low())
                .number("high", () -> csat.confidenceInterval(confidence).high())
                .number("mean", () -> csat.tally().mean());
    }
}
