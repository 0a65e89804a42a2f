package org.loyaltymetrics.examples.cli;

import java.util.concurrent.Callable;
import org.loyaltymetrics.stats.ConfidenceInterval;
import org.loyaltymetrics.survey.NetPromoterScore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nps FILE [--column NAME] [--by COLUMN] [--confidence C] [--format table|json]}. */
@Command(name = "nps", mixinStandardHelpOptions = true,
        header = "Net Promoter Score of 0..10 answers, with its interval.",
        description = "Net Promoter Score of 0..10 answers: promoters 9-10, detractors 0-6, with the margin of error "
                + "and interval of the Wald method.")
final class NpsCommand implements Callable<Integer> {

    @Mixin
    SurveyOptions options;

    @Override
    public Integer call() {
        SurveyOptions.Answers<NetPromoterScore> answers = options.read(NetPromoterScore.DEFINITION);
        System.out.print(options.render("Net Promoter Score", answers, this::figures));
        return 0;
    }

    private Figures figures(NetPromoterScore nps) {
        double confidence = options.confidence;
        return new Figures().count("responses", nps.responses()).count("promoters", nps.promoters())
                .count("passives", nps.passives()).count("detractors", nps.detractors())
                .number("nps", nps::value)
                .number("marginOfError", () -> nps.marginOfError(confidence))
                .number("low", () -> interval(nps).low())
                .number("high", () -> interval(nps).high());
    }

    private ConfidenceInterval interval(NetPromoterScore nps) {
        return nps.confidenceInterval(options.confidence);
    }
}
