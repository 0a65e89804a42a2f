package org.loyaltymetrics.examples.cli;

import java.util.concurrent.Callable;
import org.loyaltymetrics.survey.CustomerEffortScore;
import org.loyaltymetrics.survey.RatingScale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ces FILE [--column NAME] [--scale 1-7] [--easy 5-7] [--lower-is-easier] [--by COLUMN]}. */
@Command(name = "ces", mixinStandardHelpOptions = true,
        header = "Customer effort score: mean answer and share of easy answers.",
        description = "Customer effort score: the mean answer with its t interval and the share of easy answers. "
                + "CES 2.0 by default: 1-7, 'the company made it easy' (higher is easier), easy answers 5-7.")
final class CesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SurveyOptions options;

    @Option(names = "--scale", paramLabel = "LOW-HIGH", defaultValue = "1-7", converter = Range.Converter.class,
            description = "Rating scale (default: ${DEFAULT-VALUE}).")
    Range scale;

    @Option(names = "--easy", paramLabel = "LOW-HIGH", converter = Range.Converter.class,
            description = "Easy answers (default: the points beyond the midpoint on the easy side, 5-7 on 1-7).")
    Range easy;

    @Option(names = "--lower-is-easier",
            description = "The older orientation: a low answer means low effort (stated, never guessed).")
    boolean lowerIsEasier;

    @Override
    public Integer call() {
        CustomerEffortScore.Definition definition;
        try {
            RatingScale ratingScale = RatingScale.of(scale.low(), scale.high());
            if (easy == null) {
                definition = lowerIsEasier ? CustomerEffortScore.Definition.lowerIsEasier(ratingScale)
                        : CustomerEffortScore.Definition.higherIsEasier(ratingScale);
            } else {
                RatingScale.Band easyAnswers = ratingScale.band(easy.low(), easy.high());
                definition = lowerIsEasier ? CustomerEffortScore.Definition.lowerIsEasier(easyAnswers)
                        : CustomerEffortScore.Definition.higherIsEasier(easyAnswers);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--scale/--easy: " + e.getMessage());
        }
        SurveyOptions.Answers<CustomerEffortScore> answers = options.read(definition);
        System.out.print(options.render("Customer effort (" + definition + ")", answers, this::figures));
        return 0;
    }


    private Figures figures(CustomerEffortScore ces) {
        double confidence = options.confidence;
        return new Figures().count("responses", ces.responses()).count("easy", ces.easy())
                .number("easyShare", () -> ces.easyShare().value())
                .number("mean", ces::value)
                .number("meanLow", () -> ces.confidenceInterval(confidence).low())
                .number("meanHigh", () -> ces.confidenceInterval(confidence).high());
    }
}
